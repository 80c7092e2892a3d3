"""The ``sec16`` command line: argument parsing, one error funnel, exit codes.

No domain logic lives here. Commands call into the package, which raises typed errors
(``generator.errors``); ``main`` prints each as the sentence it carries and picks the exit status.
Imports of heavy modules happen inside the commands so that ``sec16 validate`` does not pay for
jinja2 or questionary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import DraftError, Sec16Error, UsageError


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1
    USAGE = 2
    INTERRUPTED = 130


FORM_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")


def _existing(paths: Sequence[str]) -> list[Path]:
    """Named inputs must exist and be readable files (exit 2 otherwise, per the contract)."""
    result = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise UsageError(f"{name} {what}")
        try:
            with path.open("rb"):
                pass
        except OSError as err:
            raise UsageError(f"{name} cannot be read: {err.strerror}") from None
        result.append(path)
    return result


def _apply_schemas(args: argparse.Namespace) -> None:
    if getattr(args, "schemas", None):
        from generator import schema

        folder = Path(args.schemas)
        if not folder.is_dir():
            raise UsageError(f"--schemas {args.schemas}: no such folder")
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


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.validation import check_path, read_previous

    _apply_schemas(args)
    paths = _existing(args.files)
    as_of = _as_of(args.as_of)
    previous = read_previous(_existing([args.previous])[0]) if args.previous else None
    reports = [check_path(path, args.profile, as_of, previous) for path in paths]
    if args.format == "json":
        json.dump([r.as_json() for r in reports], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for report in reports:
            for problem in report.problems:
                print(problem.as_text(report.file))
            kind = f"Form {report.document_type}" if report.document_type else "not a filing"
            verdict = "valid" if report.valid else "NOT valid"
            warnings = sum(p.severity == "warning" for p in report.problems)
            extra = f", {warnings} warning(s)" if warnings else ""
            print(f"{report.file}: {verdict} ({kind}{extra})")
    return ExitCode.OK if all(r.valid for r in reports) else ExitCode.INVALID


def _build_targets(drafts: list[Path], output: str | None) -> list[Path]:
    if len(drafts) == 1 and not (output and Path(output).is_dir()):
        return [Path(output) if output else drafts[0].with_suffix(".xml")]
    if output:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise UsageError(f"-o {output}: with several drafts, -o names a folder")
        folder.mkdir(parents=True, exist_ok=True)
        targets = [folder / (d.stem + ".xml") for d in drafts]
    else:
        targets = [d.with_suffix(".xml") for d in drafts]
    names = [str(t) for t in targets]
    if len(set(names)) != len(names):
        raise UsageError("two drafts would be written to the same XML file; rename one of them")
    return targets


def cmd_build(args: argparse.Namespace) -> int:
    from generator.build import build_draft
    from generator.errors import OutputError
    from generator.files import write_atomic

    _apply_schemas(args)
    drafts = _existing(args.drafts)
    targets = _build_targets(drafts, args.output)
    status = ExitCode.OK
    for draft_path, target in zip(drafts, targets, strict=True):
        try:
            filing, built = build_draft(draft_path, args.profile)
        except DraftError as err:
            print(str(err), file=sys.stderr)
            status = ExitCode.INVALID
            continue
        for problem in built.problems:
            print(problem.as_text(str(draft_path)), file=sys.stderr)
        if not built.valid:
            print(
                f"{draft_path}: not built: fix the errors above; nothing was written",
                file=sys.stderr,
            )
            status = ExitCode.INVALID
            continue
        try:
            write_atomic(target, built.xml, force=args.force)
        except OutputError as err:
            print(str(err), file=sys.stderr)
            status = ExitCode.INVALID
            continue
        warnings = sum(p.severity == "warning" for p in built.problems)
        note = f", {warnings} warning(s)" if warnings else ""
        print(f"{target}: built Form {filing.form.value} ({args.profile} profile, valid{note})")
    return status


def _import_targets(files: list[Path], output: str | None) -> list[Path | None]:
    """Where each draft goes; None means standard output (``-o -``, one file only)."""
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
        folder.mkdir(parents=True, exist_ok=True)
        targets: list[Path | None] = [folder / (f.stem + ".yaml") for f in files]
    else:
        targets = [f.with_suffix(".yaml") for f in files]
    names = [str(t) for t in targets]
    if len(set(names)) != len(names):
        raise UsageError("two inputs would be written to the same draft; rename one of them")
    return targets


def cmd_import(args: argparse.Namespace) -> int:
    from generator.draft import dump_draft
    from generator.errors import InputError, OutputError
    from generator.files import write_atomic
    from generator.importer import import_file

    files = _existing(args.files)
    targets = _import_targets(files, args.output)
    status = ExitCode.OK
    for path, target in zip(files, targets, strict=True):
        try:
            imported = import_file(path)
        except InputError as err:
            print(f"sec16: {err}", file=sys.stderr)
            status = ExitCode.INVALID
            continue
        header = [f"Imported by sec16 {__version__} from {path.name}.", *imported.notes]
        text = dump_draft(imported.filing, header)
        for note in imported.notes:
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
        print(f"{target}: imported Form {imported.filing.form.value}", file=sys.stderr)
    return status


def cmd_compare(args: argparse.Namespace) -> int:
    from generator.compare import differences
    from generator.errors import InputError
    from generator.validation import parse_ownership, read_xml_source

    original_path, rebuilt_path = _existing([args.original, args.rebuilt])
    try:
        original, _ = parse_ownership(read_xml_source(original_path), str(original_path))
        rebuilt, _ = parse_ownership(read_xml_source(rebuilt_path), str(rebuilt_path))
    except InputError as err:
        print(f"sec16: {err}", file=sys.stderr)
        return ExitCode.INVALID
    found = differences(original.getroot(), rebuilt.getroot())
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
