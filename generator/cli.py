"""The ``sec16`` command line: argument parsing, one error funnel, exit codes.

No domain logic lives here. Commands call into the package, which raises typed errors
(``generator.support.errors``); ``main`` prints each as the sentence it carries and picks the exit
status.
Imports of heavy modules happen inside the commands so that ``sec16 validate`` does not pay for
jinja2 or questionary.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator import __version__
from generator.model.codes import DOCUMENT_TYPES
from generator.support.errors import DraftError, Sec16Error, UsageError

if TYPE_CHECKING:
    from generator.checks.compare import Comparison
    from generator.formats.envelope import Contact, Kept
    from generator.model.codes import Profile
    from generator.model.problems import Problem, Report
    from generator.support.batch import Progress


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130
    #: Standard output closed by its reader (``| head``): 128 + SIGPIPE, as a shell reports a
    #: Unix tool that the signal stopped.
    BROKEN_PIPE = 141


def _unreadable(name: str) -> str | None:
    """Why a named input is not a file that can be read ("does not exist"…), or None."""
    try:
        mode = os.stat(name).st_mode  # two system calls a file: batches name thousands
    except (OSError, ValueError):
        mode = 0
    if not stat.S_ISREG(mode):
        return "is a folder, not a file" if stat.S_ISDIR(mode) else "does not exist"
    if not os.access(name, os.R_OK):
        return f"cannot be read: {os.strerror(errno.EACCES)}"
    return None


def _check_inputs(names: Sequence[str]) -> list[str]:
    """Named inputs must exist and be readable files (exit 2 otherwise, per the contract)."""
    for name in names:
        if (reason := _unreadable(name)) is not None:
            raise UsageError(f"{name} {reason}")
    return list(names)


Result = TypeVar("Result")


def _split_inputs(names: Sequence[str]) -> tuple[list[str], dict[int, str]]:
    """A batch's inputs that can be read, and why each other cannot, by its position.

    One missing file among hundreds is a finding of that file, not the end of the batch: the
    others are checked (built, imported) and reported, and the exit status is 2.
    """
    readable, unreadable = [], {}
    for index, name in enumerate(names):
        if (reason := _unreadable(name)) is None:
            readable.append(name)
        else:
            unreadable[index] = f"{name} {reason}"
    return readable, unreadable


def _in_input_order(
    results: Iterable[Result], unreadable: dict[int, Result], count: int
) -> Iterator[Result]:
    """The results of the readable inputs, with those of the unreadable ones in their place."""
    found = iter(results)
    for index in range(count):
        yield unreadable[index] if index in unreadable else next(found)


def _existing(names: Sequence[str]) -> list[Path]:
    """``_check_inputs``, as paths."""
    return [Path(name) for name in _check_inputs(names)]


def _schema_folder(args: argparse.Namespace) -> Path | None:
    """``--schemas DIR``, which must be a folder."""
    if not getattr(args, "schemas", None):
        return None
    folder = Path(args.schemas)
    if not folder.is_dir():
        raise UsageError(f"--schemas {args.schemas}: no such folder")
    return folder


def _apply_schemas(args: argparse.Namespace) -> None:
    if (folder := _schema_folder(args)) is not None:
        from generator.checks import schema

        schema.use_schema_dir(folder)


# --- commands ----------------------------------------------------------------------------------


def _as_of(text: str | None) -> date | datetime:
    """``--as-of`` (a date or ISO date-time), or the present moment in Eastern time."""
    from generator.checks.deadlines import now_eastern, parse_as_of

    if text is None:
        return now_eastern()
    try:
        return parse_as_of(text)
    except ValueError as err:
        raise UsageError(f"--as-of: {err}") from None


def _report_text(report: Report) -> str:
    lines = [problem.as_text(report.file) for problem in report.problems]
    kind = f"Form {report.document_type}" if report.document_type else "not a filing"
    verdict = "valid" if report.valid else "NOT valid"
    warnings = sum(p.severity == "warning" for p in report.problems)
    extra = f", {warnings} warning(s)" if warnings else ""
    lines.append(f"{report.file}: {verdict} ({kind}{extra})")
    return "".join(line + "\n" for line in lines)


def _validate_one(output_format: str, name: str) -> tuple[bool, str]:
    """One file's verdict and output, made where it is checked (a worker, for many files)."""
    import generator.pipeline.validate  # no "from" import: it costs an exception on every file

    report = generator.pipeline.validate.check_one(name)
    return report.valid, _report_output(report, output_format)


def _report_output(report: Report, output_format: str) -> str:
    """A report as ``validate`` prints it: text lines, or one element of the JSON array."""
    if output_format == "json":  # as json.dump(..., indent=2) writes an element of the array
        return "  " + json.dumps(report.as_json(), indent=2).replace("\n", "\n  ")
    return _report_text(report)


def _start_checking(
    profile: Profile, as_of: date | datetime, previous: Path | None, schema_dir: Path | None
) -> None:
    """Prepare a worker (or this process) for ``validate``: lxml, schemas and rules load here."""
    from generator.pipeline.validate import CheckOptions, start_checking

    start_checking(CheckOptions(profile, as_of, previous, schema_dir))


def cmd_validate(args: argparse.Namespace) -> int:
    from functools import partial

    from generator.support import batch

    schema_dir = _schema_folder(args)
    as_of = _as_of(args.as_of)
    previous = _existing([args.previous])[0] if args.previous else None
    if previous is not None:
        from generator.pipeline.validate import read_previous

        read_previous(previous)  # refused here, before any file is checked
    settings = (args.profile, as_of, previous, schema_dir)
    # The workers start, and load lxml and the rules, while the file names are checked here.
    with batch.Workers(len(args.files), initializer=_start_checking, initargs=settings) as workers:
        names, unreadable = _split_inputs(args.files)
        # A progress bar only for people watching a terminal, never mixed into JSON.
        progress = batch.Progress(len(names), "checking") if args.format == "text" else None
        results = workers.run(partial(_validate_one, args.format), names, progress)
        missing = {
            index: _unreadable_report(args.files[index], reason, args.format)
            for index, reason in unreadable.items()
        }
        status = _write_reports(
            _in_input_order(results, missing, len(args.files)), args.format, progress
        )
        return ExitCode.USAGE if unreadable else status


def _unreadable_report(name: str, reason: str, output_format: str) -> tuple[bool, str]:
    """The report on a named file that is not there or cannot be read (rule file-unreadable)."""
    from generator.model.problems import Problem, Report

    problem = Problem(
        "error",
        "file-unreadable",
        f"{reason}, so it was not checked; check the name, and that you may read it",
    )
    return False, _report_output(Report(name, None, [problem]), output_format)


def _write_reports(
    results: Iterable[tuple[bool, str]], output_format: str, progress: Progress | None
) -> int:
    """Write each file's report as it comes; the exit status says whether all were valid."""
    valid = True
    if output_format == "json":
        found = []
        for ok, text in results:
            found.append(text)
            valid = valid and ok
        sys.stdout.write("[\n" + ",\n".join(found) + "\n]\n" if found else "[]\n")
        return ExitCode.OK if valid else ExitCode.INVALID
    try:
        for ok, text in results:
            if progress is not None:
                progress.clear()
            sys.stdout.write(text)
            valid = valid and ok
    finally:
        if progress is not None:
            progress.clear()
    return ExitCode.OK if valid else ExitCode.INVALID


def _targets(sources: list[Path], output: str | None, suffix: str, what: str) -> list[Path]:
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
        targets = [folder / (source.stem + suffix) for source in sources]
    else:
        targets = [source.with_suffix(suffix) for source in sources]
    if len({str(t) for t in targets}) != len(targets):
        raise UsageError(f"two inputs would be written to the same {what}; rename one of them")
    return targets


@dataclass
class _BuildResult:
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


def _build_one(profile: str, preview: bool, draft_path: Path) -> _BuildResult:
    from generator.formats.credentials import environment_ccc
    from generator.pipeline.build import build_draft

    try:
        built = build_draft(draft_path, profile, environment_ccc)  # type: ignore[arg-type]
        filing = built.filing
    except Sec16Error as err:  # a draft that cannot be built, or a CCC EDGAR cannot take
        return _BuildResult(error=f"sec16: {err}" if not isinstance(err, DraftError) else str(err))
    page = None
    if preview and built.valid:
        from generator.formats.preview import html_page

        page = html_page(filing, source=draft_path.name)
    due = _due_line(built.xml) if profile == "submission" else None
    return _BuildResult(
        None, filing.form.value, built.xml, built.problems, built.valid, page, built.notes, due
    )


def _due_line(xml: str | bytes) -> str | None:
    """The due date and, filed now, how late: ``rules.deadline``'s one answer, as the session
    and ``validate`` give it."""
    from generator.checks.deadlines import now_eastern
    from generator.checks.rules.deadline import deadline_of_xml

    found = deadline_of_xml(xml, now_eastern())
    return found.sentence("if filed now") if found is not None else None


def cmd_build(args: argparse.Namespace) -> int:
    from functools import partial

    from generator.support import batch
    from generator.support.errors import OutputError
    from generator.support.files import write_atomic

    _apply_schemas(args)
    names, unreadable = _split_inputs(args.drafts)
    drafts = [Path(name) for name in args.drafts]
    targets = _targets(drafts, args.output, ".xml", "XML file")
    status = ExitCode.OK
    progress = batch.Progress(len(names), "building")
    built = batch.run(
        partial(_build_one, args.profile, args.preview),
        [Path(name) for name in names],
        initializer=_start_worker,
        initargs=(_schema_override(),),
        progress=progress,
    )
    missing = {index: _BuildResult(error=f"sec16: {why}") for index, why in unreadable.items()}
    results = _in_input_order(built, missing, len(drafts))
    try:
        for draft_path, target, result in zip(drafts, targets, results, strict=True):
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
            page = target.with_suffix(".html") if args.preview else None
            # A CCC is a credential: the file that holds one is readable by its owner only.
            private = "<rptOwnerCcc>" in result.xml
            try:
                if page is not None and page.exists() and not args.force:
                    raise OutputError(f"{page} already exists; use --force to replace it")
                write_atomic(target, result.xml, force=args.force, mode=0o600 if private else None)
                if page is not None and result.page is not None:
                    write_atomic(page, result.page, force=args.force)
            except OutputError as err:
                print(str(err), file=sys.stderr)
                status = ExitCode.INVALID
                continue
            warnings = sum(p.severity == "warning" for p in result.problems)
            note = f", {warnings} warning(s)" if warnings else ""
            mode = (
                "; written with mode 0600, readable only by you, because it holds the CCC"
                if private
                else ""
            )
            print(f"{target}: built Form {result.form} ({args.profile} profile, valid{note}){mode}")
    finally:
        progress.clear()
    return ExitCode.USAGE if unreadable else status


def _schema_override() -> Path | None:
    from generator.checks import schema

    return schema.schema_dir_override()


def _start_worker(schema_dir: Path | None) -> None:
    """Prepare a worker process: the schema folder of ``--schemas``, if any."""
    if schema_dir is not None:
        from generator.checks import schema

        if schema.schema_dir_override() != schema_dir:
            schema.use_schema_dir(schema_dir)


def _import_targets(files: list[Path], output: str | None) -> list[Path | None]:
    """Where each draft goes; None means standard output (``-o -``, one file only)."""
    if output == "-":
        if len(files) != 1:
            raise UsageError(
                "-o - (standard output) takes one file; with several, -o names a folder"
            )
        return [None]
    return list(_targets(files, output, ".yaml", "draft"))


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


def cmd_import(args: argparse.Namespace) -> int:
    from generator.support import batch
    from generator.support.errors import OutputError
    from generator.support.files import write_atomic

    names, unreadable = _split_inputs(args.files)
    files = [Path(name) for name in args.files]
    targets = _import_targets(files, args.output)
    status = ExitCode.OK
    progress = batch.Progress(len(names), "importing")
    imported = batch.run(_import_one, [Path(name) for name in names], progress=progress)
    missing: dict[int, _Imported] = {
        index: (f"sec16: {why}", [], "", "") for index, why in unreadable.items()
    }
    results = _in_input_order(imported, missing, len(files))
    try:
        for path, target, (error, notes, text, form) in zip(files, targets, results, strict=True):
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
                write_atomic(target, text, force=args.force)
            except OutputError as err:
                print(f"sec16: {err}", file=sys.stderr)
                status = ExitCode.INVALID
                continue
            print(f"{target}: imported Form {form}")
    finally:
        progress.clear()
    return ExitCode.USAGE if unreadable else status


def _compare_pairs(args: argparse.Namespace) -> list[tuple[str, str, bool]]:
    """(original, rebuilt, whether the rebuilt was named on the command line) for each pair."""
    if args.rebuilt is None:
        if len(args.files) != 2:
            raise UsageError(
                f"compare takes two files, ORIGINAL REBUILT (got {len(args.files)}); to compare "
                "several originals, give the folder of their rebuilt files: "
                "sec16 compare ORIGINAL... --rebuilt DIR"
            )
        return [(args.files[0], args.files[1], True)]
    folder = Path(args.rebuilt)
    if not folder.is_dir():
        raise UsageError(f"--rebuilt {args.rebuilt}: no such folder")
    return [(name, str(folder / Path(name).name), False) for name in args.files]


def _compare_one(original_name: str, rebuilt_name: str, named: bool) -> tuple[Comparison, bool]:
    """One pair's comparison, and whether a file named on the command line is missing.

    A file that is missing or cannot be read as ownership XML is a finding of its pair (the
    pair is "not compared"), not the end of the batch.
    """
    from generator.checks.compare import Comparison, Difference, compare
    from generator.formats.reading import read_xml_source
    from generator.formats.xmlsource import parse_ownership
    from generator.support.errors import InputError

    for name in (original_name, rebuilt_name):
        if (reason := _unreadable(name)) is None:
            continue
        if name == rebuilt_name and not named:  # the rebuilt file of --rebuilt DIR: a finding
            message = f"{name} {reason}: there is no rebuilt file of {original_name}"
            return Comparison([Difference(None, message)], [], compared=False), False
        # A file named on the command line (exit 2, as for every command), after the others.
        message = f"{name} {reason}, so {original_name} was not compared"
        return Comparison([Difference(None, message)], [], compared=False), True
    try:
        original = parse_ownership(read_xml_source(original_name), original_name)[0]
        rebuilt = parse_ownership(read_xml_source(rebuilt_name), rebuilt_name)[0]
    except InputError as err:
        return Comparison([Difference(None, str(err))], [], compared=False), False
    return compare(original.getroot(), rebuilt.getroot()), False


def cmd_compare(args: argparse.Namespace) -> int:
    pairs = _compare_pairs(args)
    usage, same = False, True
    results = []
    for original_name, rebuilt_name, named in pairs:
        comparison, missing = _compare_one(original_name, rebuilt_name, named)
        usage = usage or missing
        same = same and not comparison.found
        if args.format == "json":
            results.append(
                {
                    "original": original_name,
                    "rebuilt": rebuilt_name,
                    "same": not comparison.found,
                    "differences": [
                        {"location": d.location, "message": d.message} for d in comparison.found
                    ],
                    "notes": comparison.notes,
                }
            )
            continue
        for note in comparison.notes:  # not differences: on standard error, as import's notes
            print(f"{original_name}: note: {note}", file=sys.stderr)
        for difference in comparison.found:
            print(difference)
        verdict = (
            "not compared"
            if not comparison.compared
            else ("different" if comparison.found else "the same information")
        )
        print(f"{original_name} vs {rebuilt_name}: {verdict}")
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    if usage:
        return ExitCode.USAGE
    return ExitCode.OK if same else ExitCode.INVALID


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.formats.draft import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK


def cmd_preview(args: argparse.Namespace) -> int:
    from generator.formats import preview
    from generator.support.files import write_atomic

    if args.text and (args.output or args.open):
        raise UsageError("--text prints the preview to the terminal; leave out -o and --open")
    [path] = _existing([args.file])
    loaded = preview.load(path)
    for note in loaded.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    if args.text:
        from generator.formats.preview_text import text_view

        text = text_view(loaded.filing)
        sys.stdout.write(text)
        return ExitCode.OK
    target = preview.output_path(path, args.output)
    page = preview.html_page(loaded.filing, source=path.name)
    write_atomic(target, page, force=args.force)
    print(f"{target}: preview of Form {loaded.filing.form.value}")
    if args.open and not preview.open_in_browser(target):
        print(f"no browser display here; open {target.resolve().as_uri()} to see it")
    return ExitCode.OK


def cmd_package(args: argparse.Namespace) -> int:
    import os

    from generator.formats import envelope
    from generator.formats.credentials import (
        CREDENTIALS_VARIABLE,
        CccSources,
        credentials_path,
        require_existing,
    )
    from generator.pipeline import package
    from generator.support.files import write_atomic

    _apply_schemas(args)
    [source] = _existing([args.source])
    specs = [package.parse_attach(spec) for spec in args.attach or []]
    _existing([str(spec.path) for spec in specs])
    contact = package.parse_contact(args.contact) if args.contact else None
    notify = package.check_notify(args.notify or [], contact)
    require_existing(args.credentials)
    if args.output == "-":
        raise UsageError("-o -: a package holds CCCs, so it is only written to a file (mode 0600)")
    target = Path(args.output) if args.output else package.default_output(source)
    if args.live and not args.yes and not sys.stdin.isatty():
        raise UsageError(
            "--live needs a terminal to confirm a live filing; run it on a terminal, or add "
            "--yes to confirm on the command line"
        )
    taken: set[str] = set()
    attachments = [package.read_attachment(spec, taken) for spec in specs]
    package.check_counts(attachments)
    explicit = bool(args.credentials or os.environ.get(CREDENTIALS_VARIABLE))
    lookup = CccSources(credentials_path(args.credentials), explicit=explicit)
    try:
        primary = package.build_primary(source, lookup)
    except DraftError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.INVALID
    for problem in primary.problems:
        if problem.rule != "ccc-missing":  # every CCC is there, or the lookup refused
            print(problem.as_text(str(source)), file=sys.stderr)
    if (due := _due_line(primary.data)) is not None:  # information for the filer, not a result
        print(f"{source}: {due}", file=sys.stderr)
    if not primary.valid:
        print(f"{source}: not packaged: fix the errors above; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    attachments += package.draft_attachments(source, primary, specs, taken)
    kept = envelope.kept_from_submission(source, documents=not specs)
    if kept is not None:  # a submission packaged again: what it holds stays unless replaced
        attachments += kept.documents
        contact, notify = _keep(source, kept, contact, notify, live=args.live)
    package.check_counts(attachments)
    for cik, where in lookup.sources.items():
        print(f"{source}: the CCC of reporting owner {cik} is from {where}", file=sys.stderr)
    text = package.assemble(primary, attachments, live=args.live, contact=contact, notify=notify)
    found = envelope.check_package(text, str(target))
    for problem in found:
        print(problem.as_text(str(target)), file=sys.stderr)
    if found:
        print(
            f"{source}: not packaged: fix the problems above; nothing was written", file=sys.stderr
        )
        return ExitCode.INVALID
    if args.live and not args.yes and not package.confirm_live(primary, attachments):
        print(f"{target}: not confirmed; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    write_atomic(target, text, force=args.force, mode=0o600)
    kind = "LIVE submission" if args.live else "TEST submission (EDGAR files nothing)"
    print(
        f"{target}: packaged Form {primary.form} as a {kind}: "
        f"{envelope.primary_name(primary.form)} and {len(attachments)} attachment(s); written "
        "with mode 0600, readable only by you, because it holds the CCC"
    )
    return ExitCode.OK


def _keep(
    source: Path, kept: Kept, contact: Contact | None, notify: list[str], *, live: bool
) -> tuple[Contact | None, list[str]]:
    """The contact and notification addresses of a submission packaged again: its own, unless
    ``--contact``/``--notify`` give others. Each thing kept or replaced is said in a note."""
    notes = []
    if kept.count and not kept.documents:
        notes.append(
            f"--attach replaces the {kept.count} supporting document(s) of this submission"
        )
    for document in kept.documents:
        about = f", {document.description!r}" if document.description else ""
        notes.append(f"kept the supporting document {document.name} ({document.type}{about})")
    for name in kept.left_out:
        notes.append(f"left out {name!r}: a second primary document (a submission has exactly one)")
    if kept.contact is not None and contact is not None:
        notes.append("--contact replaces the contact of this submission")
    elif kept.contact is not None:
        contact = kept.contact
        parts = (contact.name, contact.phone, contact.email)
        notes.append("kept the contact " + ", ".join(part for part in parts if part))
    if kept.notify and notify:
        notes.append("--notify replaces the notification address(es) of this submission")
    elif kept.notify:
        notify = list(kept.notify)
        notes.append("kept the notification address(es) " + ", ".join(notify))
    if kept.live and not live:
        notes.append(
            "this was a LIVE submission; the new package is a TEST one unless --live is given"
        )
    for note in notes:
        print(f"{source}: note: {note}", file=sys.stderr)
    return contact, notify


def _run_session(session: Any) -> int:
    from generator.session.questionnaire import SessionInterrupted

    try:
        outcome = session.run()
    except SessionInterrupted as stop:
        print(f"\n{stop}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.OK if outcome.valid else ExitCode.INVALID


def cmd_new(args: argparse.Namespace) -> int:
    from datetime import date as Date

    from generator.session import questionnaire
    from generator.support.errors import OutputError

    try:
        questionnaire.require_terminal("new")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    today = Date.today()
    if args.output:
        path = Path(args.output)
        if path.suffix.lower() == ".xml":
            raise UsageError(
                f"-o {args.output}: name the draft (.yaml); the XML is written beside it"
            )
        if path.exists():
            raise OutputError(
                f"{path} already exists; continue it with `sec16 edit {path}`, or choose another -o"
            )
        if path.with_suffix(".xml").exists():
            raise OutputError(
                f"{path.with_suffix('.xml')} already exists and the session would write it; "
                "choose another -o"
            )
        rename = False
    else:
        path = questionnaire.unused_path(Path("."), f"draft-{today.isoformat()}")
        rename = True
    data = {"form": args.form} if args.form else {}
    session = questionnaire.Session(path, data, today=today, rename=rename)
    return _run_session(session)


def cmd_edit(args: argparse.Namespace) -> int:
    from generator.session import questionnaire

    [path] = _existing([args.draft])
    try:
        questionnaire.require_terminal("edit")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    data, cursor = questionnaire.read_session(path)
    session = questionnaire.Session(path, data, cursor=cursor, resume=True)
    return _run_session(session)


# --- parser ------------------------------------------------------------------------------------


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sec16",
        description="Prepare SEC Section 16 filings (Forms 3, 4, 5 and amendments) as EDGAR "
        "ownership XML.",
    )
    parser.add_argument("--version", action="version", version=f"sec16 {__version__}")
    debug_help = "show a Python traceback on an unexpected problem (for a bug report)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    profile_help = "submission (default): what a filer sends; record: as EDGAR disseminates it"
    schemas_help = "use the schema files in DIR (for example the SEC's own unpacked set)"

    build = sub.add_parser("build", help="YAML draft(s) -> ownership XML, validated")
    build.add_argument("drafts", nargs="+", metavar="DRAFT.yaml")
    build.add_argument("-o", "--output", metavar="OUT", help="output file, or folder for several")
    build.add_argument(
        "--profile", choices=("submission", "record"), default="submission", help=profile_help
    )
    build.add_argument("--force", action="store_true", help="replace existing files")
    build.add_argument("--schemas", metavar="DIR", help=schemas_help)
    build.add_argument(
        "--preview", action="store_true", help="also write the HTML preview beside each XML"
    )
    build.set_defaults(func=cmd_build)

    validate = sub.add_parser("validate", help="check ownership XML, submission text or drafts")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument(
        "--profile", choices=("submission", "record"), default="submission", help=profile_help
    )
    validate.add_argument("--schemas", metavar="DIR", help=schemas_help)
    validate.add_argument(
        "--as-of",
        metavar="DATE",
        help="check dates and deadlines as on DATE (YYYY-MM-DD, or an ISO date-time, Eastern "
        "time unless it gives a zone) instead of now",
    )
    validate.add_argument(
        "--previous",
        metavar="LAST.xml",
        help="the reporting owner's previous filing: each security's holdings must continue "
        "from it",
    )
    validate.set_defaults(func=cmd_validate)

    imp = sub.add_parser("import", help="real ownership XML or submission text -> YAML draft")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="draft file (- for standard output), or folder for several",
    )
    imp.add_argument("--force", action="store_true", help="replace existing drafts")
    imp.set_defaults(func=cmd_import)

    compare = sub.add_parser(
        "compare",
        help="check that a rebuilt filing holds the same information as its original",
        usage="sec16 compare ORIGINAL.xml REBUILT.xml [--format text|json]\n"
        "       sec16 compare ORIGINAL.xml [ORIGINAL.xml ...] --rebuilt DIR [--format text|json]",
    )
    compare.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="ORIGINAL REBUILT; or, with --rebuilt, one or more originals",
    )
    compare.add_argument(
        "--rebuilt",
        metavar="DIR",
        help="compare each ORIGINAL with the file of the same name in DIR",
    )
    compare.add_argument("--format", choices=("text", "json"), default="text")
    compare.set_defaults(func=cmd_compare)

    schema = sub.add_parser("schema", help="print the JSON Schema of the YAML draft")
    schema.set_defaults(func=cmd_schema)

    look = sub.add_parser(
        "preview", help="a draft or ownership XML as the printed form: HTML page or --text"
    )
    look.add_argument(
        "file", metavar="FILE", help="draft (.yaml), ownership XML or submission .txt"
    )
    look.add_argument("-o", "--output", metavar="OUT.html", help="default: FILE with .html")
    look.add_argument("--text", action="store_true", help="print the preview as plain text")
    look.add_argument("--open", action="store_true", help="open the page in a browser")
    look.add_argument("--force", action="store_true", help="replace an existing page")
    look.set_defaults(func=cmd_preview)

    new = sub.add_parser("new", help="write a draft by answering questions (needs a terminal)")
    new.add_argument(
        "-o",
        "--output",
        metavar="DRAFT.yaml",
        help="the draft to write (default: named after owner, form and date, never replacing "
        "a file)",
    )
    new.add_argument(
        "--form", choices=DOCUMENT_TYPES, metavar="TYPE", help="3, 3/A, 4, 4/A, 5 or 5/A"
    )
    new.set_defaults(func=cmd_new)

    edit = sub.add_parser("edit", help="continue or change a draft by answering questions")
    edit.add_argument("draft", metavar="DRAFT.yaml")
    edit.set_defaults(func=cmd_edit)

    pack = sub.add_parser(
        "package", help="a draft or ownership XML -> the EDGAR submission file to upload"
    )
    pack.add_argument("source", metavar="DRAFT.yaml|FILE.xml")
    pack.add_argument(
        "-o",
        "--output",
        metavar="SUBMISSION.xml",
        help="default: the input's name with .submission.xml",
    )
    pack.add_argument(
        "--live", action="store_true", help="a LIVE submission (default: TEST); asks to confirm"
    )
    pack.add_argument("--yes", action="store_true", help="confirm --live without asking")
    pack.add_argument(
        "--attach",
        action="append",
        metavar="PATH[:TYPE[:DESCRIPTION]]",
        help="a supporting document (.txt, .htm, .jpg, .gif); TYPE EX-24, EX-99 (default), "
        "GRAPHIC (default for images), COVER or CORRESP; repeatable",
    )
    pack.add_argument("--contact", metavar="NAME,PHONE,EMAIL", help="EDGAR's point of contact")
    pack.add_argument(
        "--notify", action="append", metavar="EMAIL", help="a notification address; repeatable"
    )
    pack.add_argument(
        "--credentials",
        metavar="FILE",
        help="CIK=CCC lines, readable only by you (default: $SEC16_CREDENTIALS or "
        "~/.config/sec16/credentials)",
    )
    pack.add_argument("--force", action="store_true", help="replace an existing package")
    pack.add_argument("--schemas", metavar="DIR", help=schemas_help)
    pack.set_defaults(func=cmd_package)

    # --debug is taken after the command too (`sec16 validate --debug FILE`): every command's
    # parser has it; SUPPRESS keeps a command from undoing a `sec16 --debug` before it.
    for command in sub.choices.values():
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help
        )
    return parser


def _drop_standard_output() -> None:
    """Standard output's reader has gone (``sec16 validate ... | head -1``): point it at the
    null device, so that what is left in its buffer goes nowhere and Python's last flush at exit
    neither fails nor prints a traceback (the pattern of the Python documentation, "Note on
    SIGPIPE")."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # a reader that has gone (``| head``) is found here, not at exit
        return status
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Sec16Error as err:
        print(f"sec16: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        _drop_standard_output()
        return ExitCode.BROKEN_PIPE
    except Exception as err:  # the last line of the funnel: never a traceback for bad input
        if args.debug:
            raise
        print(
            f"sec16: unexpected problem: {type(err).__name__}: {err}. "
            "Run again with --debug and report it with the input that caused it.",
            file=sys.stderr,
        )
        return ExitCode.INVALID
