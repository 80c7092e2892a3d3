"""``sec16 build`` (drafts to ownership XML) and ``sec16 import`` (ownership XML to drafts).

Both take many files at once: each is handled where it is read (a worker process, for many
files) and the results are written here, in input order. A file that cannot be read is a
finding of that file, reported in its place; the others are still done (exit status 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.commands.common import ExitCode, in_input_order, split_inputs, use_schemas
from generator.support.errors import DraftError, Sec16Error, UsageError

if TYPE_CHECKING:
    from generator.checks.rules.core import BookLookup
    from generator.model.codes import Profile
    from generator.model.problems import Problem


def targets(sources: list[Path], output: str | None, suffix: str, what: str) -> list[Path]:
    """Where each output goes: beside its source, the file ``-o`` names (one source), or in the
    folder ``-o`` names (several sources, an existing folder, or a path ending in ``/``, which
    is made)."""
    from generator.support.files import make_folder

    names_folder = bool(output) and (
        Path(str(output)).is_dir() or str(output).endswith(("/", os.sep))
    )
    if len(sources) == 1 and not names_folder:
        return [Path(output) if output else sources[0].with_suffix(suffix)]
    if output:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output}: with several files, -o names a folder")
        make_folder(folder)
        found = [folder / (source.stem + suffix) for source in sources]
    else:
        found = [source.with_suffix(suffix) for source in sources]
    if len({str(t) for t in found}) != len(found):
        raise UsageError(f"two inputs would be written to the same {what}; rename one of them")
    return found


# --- build ---------------------------------------------------------------------------------------


def build(
    drafts: Sequence[str],
    *,
    output: str | None = None,
    profile: Profile = "submission",
    force: bool = False,
    schemas: Path | None = None,
    preview: bool = False,
    book: str | None = None,
) -> int:
    """Build each draft into ownership XML (and its HTML page with ``preview``), written only
    when it is valid; problems and notes go to standard error. ``book``: a folder of the
    owner's filings, which each security's holdings must continue from."""
    from functools import partial

    from generator.support import batch
    from generator.support.errors import OutputError
    from generator.support.files import write_atomic

    use_schemas(schemas)
    if book is not None:
        from generator.commands.validate import open_book

        open_book(book)  # refused or warned about here, once, before any draft is built
    names, unreadable = split_inputs(drafts)
    paths = [Path(name) for name in drafts]
    outputs = targets(paths, output, ".xml", "XML file")
    status = ExitCode.OK
    progress = batch.Progress(len(names), "building")
    built = batch.run(
        partial(_build_one, profile, preview),
        [Path(name) for name in names],
        initializer=_start_worker,
        initargs=(_schema_override(), book),
        progress=progress,
    )
    missing = {index: _Built(error=f"sec16: {why}") for index, why in unreadable.items()}
    results = in_input_order(built, missing, len(paths))
    try:
        for draft_path, target, result in zip(paths, outputs, results, strict=True):
            progress.clear()
            if result.error is not None:
                print(result.error, file=sys.stderr)
                status = ExitCode.INVALID
                continue
            for note in result.notes:
                print(f"{draft_path}: note: {note}", file=sys.stderr)
            for problem in result.problems:
                print(problem.as_text(str(draft_path)), file=sys.stderr)
            if result.due is not None:  # information for the filer, not a result
                print(f"{draft_path}: {result.due}", file=sys.stderr)
            if not result.valid:
                print(
                    f"{draft_path}: not built: fix the errors above; nothing was written",
                    file=sys.stderr,
                )
                status = ExitCode.INVALID
                continue
            page = target.with_suffix(".html") if preview else None
            # A CCC is a credential: the file that holds one is readable by its owner only.
            try:
                if page is not None and page.exists() and not force:
                    raise OutputError(f"{page} already exists; use --force to replace it")
                mode = 0o600 if result.private else None
                write_atomic(target, result.xml, force=force, mode=mode)
                if page is not None and result.page is not None:
                    write_atomic(page, result.page, force=force)
            except OutputError as err:
                print(str(err), file=sys.stderr)
                status = ExitCode.INVALID
                continue
            warnings = sum(p.severity == "warning" for p in result.problems)
            note = f", {warnings} warning(s)" if warnings else ""
            private = (
                "; written with mode 0600, readable only by you, because it holds the CCC"
                if result.private
                else ""
            )
            print(f"{target}: built Form {result.form} ({profile} profile, valid{note}){private}")
    finally:
        progress.clear()
    return ExitCode.USAGE if unreadable else status


@dataclass
class _Built:
    """What a worker made of one draft (sent back to the main process, which writes)."""

    error: str | None = None
    form: str = ""
    xml: str = ""
    problems: list[Problem] = field(default_factory=list)
    valid: bool = False
    page: str | None = None
    notes: list[str] = field(default_factory=list)
    #: When the filing is due and, filed now, how late (a submission only).
    due: str | None = None
    #: Whether the XML holds a CCC (then only its owner may read the file).
    private: bool = False


def _build_one(profile: Profile, preview: bool, draft_path: Path) -> _Built:
    from generator.formats.credentials import environment_ccc
    from generator.pipeline.build import build_draft

    try:
        built = build_draft(draft_path, profile, environment_ccc, book=_book)
        filing = built.filing
    except Sec16Error as err:  # a draft that cannot be built, or a CCC EDGAR cannot take
        return _Built(error=f"sec16: {err}" if not isinstance(err, DraftError) else str(err))
    page = None
    if preview and built.valid:
        from generator.formats.preview import html_page

        page = html_page(filing, source=draft_path.name)
    due = None
    if profile == "submission":  # the due date and, filed now, how late
        from generator.checks.deadlines import now_eastern

        found = built.due(now_eastern())
        due = found.sentence("if filed now") if found is not None else None
    return _Built(
        None,
        filing.form.value,
        built.xml,
        built.problems,
        built.valid,
        page,
        built.notes,
        due,
        built.holds_ccc,
    )


def _schema_override() -> Path | None:
    from generator.checks import schema

    return schema.schema_dir_override()


#: ``--book``: what the book says each draft continues from (None: no book given).
_book: BookLookup | None = None


def _start_worker(schema_dir: Path | None, book: str | None = None) -> None:
    """Prepare a worker process (or this one): the schema folder of ``--schemas``, if any, and
    the book of ``--book``, read once a process."""
    global _book
    if schema_dir is not None:
        from generator.checks import schema

        if schema.schema_dir_override() != schema_dir:
            schema.use_schema_dir(schema_dir)
    if book is None:
        _book = None
    else:
        from generator.commands.validate import book_lookup

        _book = book_lookup(book)


# --- import --------------------------------------------------------------------------------------


def import_files(files: Sequence[str], *, output: str | None = None, force: bool = False) -> int:
    """Import each ownership XML file or submission into a YAML draft (``output`` ``-``:
    standard output, for one file)."""
    from generator.support import batch
    from generator.support.errors import OutputError
    from generator.support.files import write_atomic

    names, unreadable = split_inputs(files)
    paths = [Path(name) for name in files]
    outputs = _import_targets(paths, output)
    status = ExitCode.OK
    progress = batch.Progress(len(names), "importing")
    imported = batch.run(_import_one, [Path(name) for name in names], progress=progress)
    missing: dict[int, _Imported] = {
        index: (f"sec16: {why}", [], "", "") for index, why in unreadable.items()
    }
    results = in_input_order(imported, missing, len(paths))
    try:
        for path, target, (error, notes, text, form) in zip(paths, outputs, results, strict=True):
            progress.clear()
            if error is not None:
                print(error, file=sys.stderr)
                status = ExitCode.INVALID
                continue
            for note in notes:
                print(f"{path}: note: {note}", file=sys.stderr)
            if target is None:
                sys.stdout.write(text)
                continue
            try:
                write_atomic(target, text, force=force)
            except OutputError as err:
                print(f"sec16: {err}", file=sys.stderr)
                status = ExitCode.INVALID
                continue
            print(f"{target}: imported Form {form}")
    finally:
        progress.clear()
    return ExitCode.USAGE if unreadable else status


def _import_targets(files: list[Path], output: str | None) -> list[Path | None]:
    """Where each draft goes; None means standard output (``-o -``, one file only)."""
    if output == "-":
        if len(files) != 1:
            raise UsageError(
                "-o - (standard output) takes one file; with several, -o names a folder"
            )
        return [None]
    return list(targets(files, output, ".yaml", "draft"))


#: A worker's import of one file: (error, notes, draft text, form).
_Imported = tuple[str | None, list[str], str, str]


def _import_one(path: Path) -> _Imported:
    """A worker's import of one file: (error, notes, draft text, form)."""
    from generator.formats.draft import dump_draft
    from generator.formats.importer import import_file
    from generator.support.errors import InputError

    try:
        imported = import_file(path)
    except InputError as err:
        return f"sec16: {err}", [], "", ""
    header = [f"Imported by sec16 {__version__} from {path.name}.", *imported.notes]
    return None, imported.notes, dump_draft(imported.filing, header), imported.filing.form.value
