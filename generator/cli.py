"""The ``sec16`` command line: argument parsing, one error funnel, exit codes.

No domain logic lives here. Each ``cmd_*`` hands the parsed options, as plain values, to one
function of ``generator.commands``, which calls the layers below and returns the exit status.
The package raises typed errors (``generator.support.errors``); ``main`` prints each as the
sentence it carries and picks the exit status.
The commands are imported when they run, so that ``sec16 validate`` does not pay for pydantic,
jinja2 or questionary.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from generator import __version__
from generator.commands.common import ExitCode
from generator.model.codes import DOCUMENT_TYPES
from generator.support.errors import Sec16Error, UsageError

# --- option values -------------------------------------------------------------------------------


def _schema_folder(option: str | None) -> Path | None:
    """``--schemas DIR``, which must be a folder."""
    if not option:
        return None
    folder = Path(option)
    if not folder.is_dir():
        raise UsageError(f"--schemas {option}: no such folder")
    return folder


def _as_of(option: str | None) -> date | datetime | None:
    """``--as-of``: a date or ISO date-time (None: the command takes the present moment)."""
    if option is None:
        return None
    from generator.checks.deadlines import parse_as_of

    try:
        return parse_as_of(option)
    except ValueError as err:
        raise UsageError(f"--as-of: {err}") from None


# --- commands: one call each ---------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from generator.commands.validate import validate

    schemas = _schema_folder(args.schemas)  # the options in the order they are checked
    as_of = _as_of(args.as_of)
    return validate(
        args.files,
        output_format=args.format,
        profile=args.profile,
        as_of=as_of,
        previous=args.previous,
        schemas=schemas,
        book=args.book,
    )


def cmd_build(args: argparse.Namespace) -> int:
    from generator.commands.build import build

    return build(
        args.drafts,
        output=args.output,
        profile=args.profile,
        force=args.force,
        schemas=_schema_folder(args.schemas),
        preview=args.preview,
        book=args.book,
    )


def cmd_import(args: argparse.Namespace) -> int:
    from generator.commands.build import import_files

    return import_files(args.files, output=args.output, force=args.force)


def cmd_compare(args: argparse.Namespace) -> int:
    from generator.commands.compare import compare

    return compare(args.files, rebuilt=args.rebuilt, output_format=args.format)


def cmd_amend(args: argparse.Namespace) -> int:
    from generator.commands.amend import amend

    return amend(
        args.original,
        args.corrected,
        output=args.output,
        original_date=args.original_date,
        restate=args.restate,
        book=args.book,
    )


def cmd_schema(args: argparse.Namespace) -> int:
    if args.book:
        from generator.commands.holdings import book_schema

        return book_schema()
    from generator.commands.schema import schema

    return schema()


def cmd_preview(args: argparse.Namespace) -> int:
    from generator.commands.preview import preview

    return preview(
        args.file, output=args.output, text=args.text, open_page=args.open, force=args.force
    )


def cmd_package(args: argparse.Namespace) -> int:
    from generator.commands.package import package

    return package(
        args.source,
        output=args.output,
        live=args.live,
        yes=args.yes,
        attach=args.attach or [],
        contact=args.contact,
        notify=args.notify or [],
        credentials=args.credentials,
        force=args.force,
        schemas=_schema_folder(args.schemas),
    )


def cmd_new(args: argparse.Namespace) -> int:
    from generator.commands.session import new

    return new(args.output, args.form, book=args.book)


def cmd_edit(args: argparse.Namespace) -> int:
    from generator.commands.session import edit

    return edit(args.draft, original_date=args.original_date)


def cmd_holdings(args: argparse.Namespace) -> int:
    from generator.commands.holdings import holdings

    return holdings(
        args.paths,
        owner=args.owner,
        issuer=args.issuer,
        as_of=_as_of(args.as_of),
        check=args.check,
        output_format=args.format,
    )


def cmd_due(args: argparse.Namespace) -> int:
    from generator.commands.due import due

    return due(args.paths, as_of=_as_of(args.as_of), output_format=args.format)


def cmd_late(args: argparse.Namespace) -> int:
    from generator.commands.due import late

    return late(args.paths, year=args.year, output_format=args.format)


def cmd_draft_from(args: argparse.Namespace) -> int:
    from generator.commands.draft_from import draft_from

    return draft_from(
        args.table,
        book=args.book,
        output=args.output,
        aggregate=not args.no_aggregate,
        build=args.build,
        previous=args.previous or (),
    )


def cmd_submit(args: argparse.Namespace) -> int:
    from generator.commands.transmit import submit

    return submit(
        args.source,
        live=args.live,
        yes=args.yes,
        wait=args.wait,
        login_cik=args.login_cik,
        api=args.api,
        credentials=args.credentials,
    )


def cmd_status(args: argparse.Namespace) -> int:
    from generator.commands.transmit import status

    return status(
        args.items,
        wait=args.wait,
        output_format=args.format,
        api=args.api,
        credentials=args.credentials,
    )


def cmd_credentials(args: argparse.Namespace) -> int:
    from generator.commands.transmit import credentials_check

    return credentials_check(args.cik, api=args.api, credentials=args.credentials)


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

    book_help = (
        "a book: a folder of the owner's filings (XML or EDGAR .txt) and drafts, with an "
        "optional book.yaml (docs/book.md)"
    )

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
    build.add_argument(
        "--book",
        metavar="PATH",
        help=book_help + ": each security's holdings must continue from it",
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
    validate.add_argument(
        "--book",
        metavar="PATH",
        help=book_help + ": each security's holdings must continue from it (as --previous, "
        "for every security the book holds)",
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

    amend = sub.add_parser(
        "amend",
        help="the filed original and the draft as it should have been -> a 3/A, 4/A or 5/A draft",
    )
    amend.add_argument(
        "original",
        metavar="ORIGINAL",
        help="the filing as filed: ownership XML, EDGAR .txt, or a YAML draft",
    )
    amend.add_argument(
        "corrected",
        metavar="CORRECTED.yaml",
        help="the draft as the filing should have been (same form and issuer as ORIGINAL)",
    )
    amend.add_argument(
        "-o",
        "--output",
        metavar="AMENDMENT.yaml",
        help="the amendment draft to write (default: CORRECTED-amendment.yaml); never replaced",
    )
    amend.add_argument(
        "--original-date",
        metavar="DATE",
        help="the date ORIGINAL was filed (YYYY-MM-DD); an EDGAR .txt gives it in its header",
    )
    amend.add_argument(
        "--book",
        metavar="PATH",
        help="a book (docs/book.md) holding ORIGINAL, whose book.yaml or EDGAR header gives "
        "the date it was filed",
    )
    amend.add_argument(
        "--restate",
        action="store_true",
        help="report every row of the corrected filing, not only the rows that changed",
    )
    amend.set_defaults(func=cmd_amend)

    schema = sub.add_parser(
        "schema", help="print the JSON Schema of the YAML draft (or, with --book, of book.yaml)"
    )
    schema.add_argument(
        "--book",
        action="store_true",
        help="the JSON Schema of a book's book.yaml instead (insiders, fiscal year ends, splits "
        "and adjustments, filing dates; docs/book.md), for an editor to check it as it is typed",
    )
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
    new.add_argument(
        "--book",
        metavar="PATH",
        help=book_help + ": the session fills in the owner, the issuer and each holding "
        "from the owner's last filing there",
    )
    new.set_defaults(func=cmd_new)

    as_of_help = (
        "as on DATE (YYYY-MM-DD, or an ISO date-time, Eastern time unless it gives a zone) "
        "instead of now"
    )
    held = sub.add_parser(
        "holdings", help="each insider's holdings, rolled forward across every filing of a book"
    )
    held.add_argument("paths", nargs="+", metavar="PATH", help="the book's folders or files")
    held.add_argument("--owner", metavar="CIK", help="only this reporting owner")
    held.add_argument("--issuer", metavar="CIK", help="only this issuer")
    held.add_argument("--as-of", metavar="DATE", help="holdings " + as_of_help)
    held.add_argument(
        "--check",
        action="store_true",
        help="list every figure that does not continue from the filings before it (exit 1 if "
        "any), with its likely cause",
    )
    held.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (a table, default), json (an array of objects) or csv",
    )
    held.set_defaults(func=cmd_holdings)

    due = sub.add_parser("due", help="what Forms 3, 4 and 5 a book's insiders must file, and when")
    due.add_argument("paths", nargs="+", metavar="PATH", help="the book's folders or files")
    due.add_argument("--as-of", metavar="DATE", help="what is due " + as_of_help)
    due.add_argument(
        "--format",
        choices=("text", "json", "ics"),
        default="text",
        help="text (default), json, or ics (an iCalendar file of the due dates, to import into "
        "a calendar)",
    )
    due.set_defaults(func=cmd_due)

    late = sub.add_parser(
        "late", help="the filings of a year made after their due date (Item 405 of Regulation S-K)"
    )
    late.add_argument("paths", nargs="+", metavar="PATH", help="the book's folders or files")
    late.add_argument(
        "--year", type=int, required=True, metavar="YYYY", help="the calendar year to report on"
    )
    late.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    late.set_defaults(func=cmd_late)

    batch = sub.add_parser(
        "draft-from",
        help="one table of events (a board's grants, a broker's fills) -> a draft per owner and "
        "form, split at EDGAR's limits",
        description="Read a table of events (.csv, .xlsx or .yaml; the columns are in "
        "docs/batch.md) and write one draft per reporting person, issuer and form (several "
        "when EDGAR's limits of 30 rows a table, 99 footnotes or 10 owners are reached), each "
        "checked as sec16 build checks it.",
    )
    batch.add_argument("table", metavar="TABLE.csv|TABLE.xlsx|TABLE.yaml", help="the events")
    batch.add_argument(
        "--book",
        metavar="PATH",
        help=book_help + ": owners' names, addresses, relationships and signatures, and the "
        "figure each holding's owned following continues from",
    )
    batch.add_argument(
        "--previous",
        action="append",
        metavar="FILE",
        help="a reporting owner's previous filing, read as a book of one filing (repeatable)",
    )
    batch.add_argument(
        "-o", "--output", metavar="FOLDER", help="where the drafts go (default: the current folder)"
    )
    batch.add_argument(
        "--no-aggregate",
        action="store_true",
        help="keep every fill as its own row (default: fills of one day, code, security and "
        "ownership become one row at their weighted average price, with its footnote)",
    )
    batch.add_argument(
        "--build",
        action="store_true",
        help="also write each valid draft's ownership XML beside it (the submission profile)",
    )
    batch.set_defaults(func=cmd_draft_from)

    edit = sub.add_parser(
        "edit",
        help="continue or change a draft by answering questions; given a filing already made "
        "(ownership XML or EDGAR .txt), amend it",
    )
    edit.add_argument(
        "draft",
        metavar="DRAFT.yaml|FILED.xml|FILED.txt",
        help="a draft to continue, or a filing already made: its amendment is written from "
        "the changes made in the review",
    )
    edit.add_argument(
        "--original-date",
        metavar="DATE",
        help="amending a filing: the date it was filed (asked for when its file does not say)",
    )
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

    api_help = (
        "the EDGAR API's address (default: EDGAR's own, https://api.edgarfiling.sec.gov; "
        "EDGAR Beta's to try a transmission first: docs/transmit.md)"
    )
    tokens_help = (
        "the private credentials file holding FILER_TOKEN= and USER_TOKEN= lines (default: "
        "$SEC16_CREDENTIALS or ~/.config/sec16/credentials; the tokens may also come from "
        "SEC16_FILER_TOKEN and SEC16_USER_TOKEN, or a hidden prompt)"
    )
    send = sub.add_parser(
        "submit",
        help="transmit a package (or a draft, packaged first) to EDGAR through its API; TEST "
        "unless --live",
    )
    send.add_argument(
        "source",
        metavar="PACKAGE.xml|DRAFT.yaml",
        help="a submission made by sec16 package, or a draft to package and send",
    )
    send.add_argument(
        "--live",
        action="store_true",
        help="a LIVE submission (default: TEST); asks you to type a confirmation",
    )
    send.add_argument("--yes", action="store_true", help="confirm --live without asking")
    send.add_argument(
        "--wait", action="store_true", help="follow the submission's status until it is final"
    )
    send.add_argument(
        "--login-cik",
        metavar="CIK",
        help="the filing agent's CIK whose tokens send it, when it files for the owner as "
        "delegated (docs/transmit.md)",
    )
    send.add_argument("--api", metavar="URL", help=api_help)
    send.add_argument("--credentials", metavar="FILE", help=tokens_help)
    send.set_defaults(func=cmd_submit)

    state = sub.add_parser(
        "status", help="the status of submissions sent to EDGAR (accepted, suspended and why)"
    )
    state.add_argument(
        "items",
        nargs="+",
        metavar="ACCESSION|PACKAGE.xml",
        help="accession numbers, or packages sent with sec16 submit (their .submission.json)",
    )
    state.add_argument("--wait", action="store_true", help="ask again until each status is final")
    state.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    state.add_argument("--api", metavar="URL", help=api_help)
    state.add_argument("--credentials", metavar="FILE", help=tokens_help)
    state.set_defaults(func=cmd_status)

    tokens = sub.add_parser(
        "credentials", help="the EDGAR API tokens: whether they can file, and when they expire"
    )
    tokens_sub = tokens.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = tokens_sub.add_parser(
        "check",
        help="whether the tokens can file for a CIK, when each expires, and whether EDGAR is "
        "accepting now",
    )
    check.add_argument("cik", metavar="CIK", help="the CIK to file for")
    check.add_argument("--api", metavar="URL", help=api_help)
    check.add_argument("--credentials", metavar="FILE", help=tokens_help)
    check.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    check.set_defaults(func=cmd_credentials)

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


def _keep_loaded() -> None:
    """Tell the cyclic garbage collector that what is loaded by now (modules, classes, the
    parser) lives as long as the process: it need not walk it again, neither while the command
    runs nor in the collection Python makes at exit. (Not for a caller that runs several
    commands in one process: what it frees between them would never be collected.)"""
    import gc

    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.USAGE
    if argv is None:  # this process runs the one command of its command line
        _keep_loaded()
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
