"""The ``sec16`` command line: argument parsing, one error funnel, exit codes.

No domain logic lives here. Commands call into the package, which raises typed errors
(``generator.errors``); ``main`` prints each as the sentence it carries and picks the exit status.
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import __version__
from generator.errors import DraftError, Sec16Error, UsageError

if TYPE_CHECKING:
    from generator.batch import Progress
    from generator.problems import Problem, Report
    from generator.rules import Profile


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130


FORM_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")


def _check_inputs(names: Sequence[str]) -> list[str]:
    """Named inputs must exist and be readable files (exit 2 otherwise, per the contract)."""
    for name in names:
        try:
            mode = os.stat(name).st_mode  # two system calls a file: batches name thousands
        except (OSError, ValueError):
            mode = 0
        if not stat.S_ISREG(mode):
            what = "is a folder, not a file" if stat.S_ISDIR(mode) else "does not exist"
            raise UsageError(f"{name} {what}")
        if not os.access(name, os.R_OK):
            raise UsageError(f"{name} cannot be read: {os.strerror(errno.EACCES)}")
    return list(names)


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
        from generator import schema

        schema.use_schema_dir(folder)


# --- commands ----------------------------------------------------------------------------------


def _as_of(text: str | None) -> date | datetime:
    """``--as-of`` (a date or ISO date-time), or the present moment in Eastern time."""
    from generator.deadlines import now_eastern, parse_as_of

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
    import generator.validation  # no "from" import: it costs an exception on every file

    report = generator.validation.check_one(name)
    if output_format == "json":  # one element of the array, as json.dump(..., indent=2) writes it
        text = json.dumps(report.as_json(), indent=2).replace("\n", "\n  ")
        return report.valid, "  " + text
    return report.valid, _report_text(report)


def _start_checking(
    profile: Profile, as_of: date | datetime, previous: Path | None, schema_dir: Path | None
) -> None:
    """Prepare a worker (or this process) for ``validate``: lxml, schemas and rules load here."""
    from generator.validation import CheckOptions, start_checking

    start_checking(CheckOptions(profile, as_of, previous, schema_dir))


def cmd_validate(args: argparse.Namespace) -> int:
    from functools import partial

    from generator import batch

    schema_dir = _schema_folder(args)
    as_of = _as_of(args.as_of)
    previous = _existing([args.previous])[0] if args.previous else None
    if previous is not None:
        from generator.validation import read_previous

        read_previous(previous)  # refused here, before any file is checked
    settings = (args.profile, as_of, previous, schema_dir)
    # The workers start, and load lxml and the rules, while the file names are checked here.
    with batch.Workers(len(args.files), initializer=_start_checking, initargs=settings) as workers:
        names = _check_inputs(args.files)
        # A progress bar only for people watching a terminal, never mixed into JSON.
        progress = batch.Progress(len(names), "checking") if args.format == "text" else None
        results = workers.run(partial(_validate_one, args.format), names, progress)
        return _write_reports(results, args.format, progress)


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


def _build_targets(drafts: list[Path], output: str | None) -> list[Path]:
    from generator.files import make_folder

    if len(drafts) == 1 and not (output and Path(output).is_dir()):
        return [Path(output) if output else drafts[0].with_suffix(".xml")]
    if output:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output}: with several drafts, -o names a folder")
        make_folder(folder)
        targets = [folder / (d.stem + ".xml") for d in drafts]
    else:
        targets = [d.with_suffix(".xml") for d in drafts]
    names = [str(t) for t in targets]
    if len(set(names)) != len(names):
        raise UsageError("two drafts would be written to the same XML file; rename one of them")
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
    from generator.build import build_draft
    from generator.validation import environment_ccc

    try:
        filing, built = build_draft(draft_path, profile, environment_ccc)  # type: ignore[arg-type]
    except Sec16Error as err:  # a draft that cannot be built, or a CCC EDGAR cannot take
        return _BuildResult(error=f"sec16: {err}" if not isinstance(err, DraftError) else str(err))
    page = None
    if preview and built.valid:
        from generator.preview import html_page

        page = html_page(filing, source=draft_path.name)
    due = _due_line(built.xml) if profile == "submission" else None
    return _BuildResult(
        None, filing.form.value, built.xml, built.problems, built.valid, page, built.notes, due
    )


def _due_line(xml: str | bytes) -> str | None:
    """The due date and, filed now, how late: ``rules.deadline``'s one answer, as the session
    and ``validate`` give it."""
    from generator.deadlines import now_eastern
    from generator.rules.deadline import deadline_of_xml

    found = deadline_of_xml(xml, now_eastern())
    return found.sentence("if filed now") if found is not None else None


def cmd_build(args: argparse.Namespace) -> int:
    from functools import partial

    from generator import batch
    from generator.errors import OutputError
    from generator.files import write_atomic

    _apply_schemas(args)
    drafts = _existing(args.drafts)
    targets = _build_targets(drafts, args.output)
    status = ExitCode.OK
    progress = batch.Progress(len(drafts), "building")
    results = batch.run(
        partial(_build_one, args.profile, args.preview),
        drafts,
        initializer=_start_worker,
        initargs=(_schema_override(),),
        progress=progress,
    )
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
            if result.due is not None:  # information, not a problem: on standard output
                print(f"{draft_path}: {result.due}")
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
    return status


def _schema_override() -> Path | None:
    from generator import schema

    return schema.schema_dir_override()


def _start_worker(schema_dir: Path | None) -> None:
    """Prepare a worker process: the schema folder of ``--schemas``, if any."""
    if schema_dir is not None:
        from generator import schema

        if schema.schema_dir_override() != schema_dir:
            schema.use_schema_dir(schema_dir)


def _import_targets(files: list[Path], output: str | None) -> list[Path | None]:
    """Where each draft goes; None means standard output (``-o -``, one file only)."""
    from generator.files import make_folder

    if len(files) == 1 and output == "-":
        return [None]
    if len(files) == 1 and not (output and Path(output).is_dir()):
        return [Path(output) if output else files[0].with_suffix(".yaml")]
    if output == "-":
        raise UsageError("-o - (standard output) takes one file; with several, -o names a folder")
    if output:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output}: with several files, -o names a folder")
        make_folder(folder)
        targets: list[Path | None] = [folder / (f.stem + ".yaml") for f in files]
    else:
        targets = [f.with_suffix(".yaml") for f in files]
    names = [str(t) for t in targets]
    if len(set(names)) != len(names):
        raise UsageError("two inputs would be written to the same draft; rename one of them")
    return targets


def _import_one(path: Path) -> tuple[str | None, list[str], str, str]:
    """A worker's import of one file: (error, notes, draft text, form)."""
    from generator.draft import dump_draft
    from generator.errors import InputError
    from generator.importer import import_file

    try:
        imported = import_file(path)
    except InputError as err:
        return f"sec16: {err}", [], "", ""
    header = [f"Imported by sec16 {__version__} from {path.name}.", *imported.notes]
    return None, imported.notes, dump_draft(imported.filing, header), imported.filing.form.value


def cmd_import(args: argparse.Namespace) -> int:
    from generator import batch
    from generator.errors import OutputError
    from generator.files import write_atomic

    files = _existing(args.files)
    targets = _import_targets(files, args.output)
    status = ExitCode.OK
    progress = batch.Progress(len(files), "importing")
    results = batch.run(_import_one, files, progress=progress)
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
            print(f"{target}: imported Form {form}", file=sys.stderr)
    finally:
        progress.clear()
    return status


def cmd_compare(args: argparse.Namespace) -> int:
    from generator.compare import compare
    from generator.errors import InputError
    from generator.validation import parse_ownership, read_xml_source

    original_path, rebuilt_path = _existing([args.original, args.rebuilt])
    try:
        original, _ = parse_ownership(read_xml_source(original_path), str(original_path))
        rebuilt, _ = parse_ownership(read_xml_source(rebuilt_path), str(rebuilt_path))
    except InputError as err:
        print(f"sec16: {err}", file=sys.stderr)
        return ExitCode.INVALID
    comparison = compare(original.getroot(), rebuilt.getroot())
    for note in comparison.notes:  # not differences: on standard error, as import's notes
        print(f"{original_path}: note: {note}", file=sys.stderr)
    found = comparison.differences
    for line in found:
        print(line)
    verdict = "different" if found else "the same information"
    print(f"{original_path} vs {rebuilt_path}: {verdict}")
    return ExitCode.INVALID if found else ExitCode.OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.draft import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK


def cmd_preview(args: argparse.Namespace) -> int:
    from generator import preview
    from generator.files import write_atomic

    if args.text and (args.output or args.open):
        raise UsageError("--text prints the preview to the terminal; leave out -o and --open")
    [path] = _existing([args.file])
    loaded = preview.load(path)
    for note in loaded.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    if args.text:
        text = preview.text_view(loaded.filing)
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

    from generator import package
    from generator.credentials import (
        CREDENTIALS_VARIABLE,
        CccSources,
        credentials_path,
        require_existing,
    )
    from generator.files import write_atomic

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
    if (due := _due_line(primary.data)) is not None:  # information: on standard output
        print(f"{source}: {due}")
    if not primary.valid:
        print(f"{source}: not packaged: fix the errors above; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    attachments += package.draft_attachments(source, primary, specs, taken)
    package.check_counts(attachments)
    for cik, where in lookup.sources.items():
        print(f"{source}: the CCC of reporting owner {cik} is from {where}", file=sys.stderr)
    text = package.assemble(primary, attachments, live=args.live, contact=contact, notify=notify)
    found = package.check_package(text, str(target))
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
        f"{package.primary_name(primary.form)} and {len(attachments)} attachment(s); written "
        "with mode 0600, readable only by you, because it holds the CCC"
    )
    return ExitCode.OK


def _run_session(session: Any) -> int:
    from generator.questionnaire import SessionInterrupted

    try:
        outcome = session.run()
    except SessionInterrupted as stop:
        print(f"\n{stop}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.OK if outcome.valid else ExitCode.INVALID


def cmd_new(args: argparse.Namespace) -> int:
    from datetime import date as Date

    from generator import questionnaire
    from generator.errors import OutputError

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
    from generator import questionnaire

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
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks")
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
        "compare", help="check that a rebuilt filing holds the same information as its original"
    )
    compare.add_argument("original", metavar="ORIGINAL.xml")
    compare.add_argument("rebuilt", metavar="REBUILT.xml")
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
    new.add_argument("--form", choices=FORM_TYPES, metavar="TYPE", help="3, 3/A, 4, 4/A, 5 or 5/A")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Sec16Error as err:
        print(f"sec16: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        return ExitCode.OK
    except Exception as err:  # the last line of the funnel: never a traceback for bad input
        if args.debug:
            raise
        print(
            f"sec16: unexpected problem: {type(err).__name__}: {err}. "
            "Run again with --debug and report it with the input that caused it.",
            file=sys.stderr,
        )
        return ExitCode.INVALID
