"""``sec16 draft-from``: one table of events -> the drafts a filer would make of it, checked.

Standard output has one line per draft (valid, or the first error with its place) and a
summary; standard error has each refused row of the table (file, row, column, what to do) and
each figure left for the filer. A draft is written for every reporting person whose rows are
all good; none for a person with a bad row, so that nothing half-true is filed.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.batch.plan import Part
    from generator.book.sources import Book
    from generator.checks.rules.core import BookLookup


def draft_from(
    table: str,
    *,
    book: str | None = None,
    output: str | None = None,
    aggregate: bool = True,
    build: bool = False,
    previous: Sequence[str] = (),
    today: date | None = None,
) -> int:
    """Write and check the drafts of ``table``; the exit status (0: every draft valid and
    every row of the table used). ``book`` and ``previous`` (owners' earlier filings) are
    what each holding's owned following continues from."""
    from generator.batch.plan import make_plan
    from generator.batch.table import read_table
    from generator.support.files import make_folder

    path = existing([table])[0]
    read = read_table(path)
    found_book, lookup = _history([book] if book else [], previous)
    for problem in read.problems:
        print(f"sec16: error: {problem}", file=sys.stderr)
    day = today or date.today()
    plan = make_plan(
        read.events,
        book=found_book,
        aggregate=aggregate,
        today=day,
        refused={p.owner for p in read.problems},
        refused_joint={p.joint for p in read.problems},
    )
    for reason in plan.left_out:
        print(f"sec16: error: {reason}", file=sys.stderr)
    folder = Path(output) if output else Path(".")
    make_folder(folder)
    valid = 0
    for part in plan.parts:
        if _write_and_check(part, folder, day, lookup if part.number == 1 else None, build):
            valid += 1
    refused_rows = len({p.where for p in read.problems})
    print(_summary(path, len(read.events), refused_rows, len(plan.parts), valid))
    clean = valid == len(plan.parts) and not read.problems and not plan.left_out
    return ExitCode.OK if clean else ExitCode.INVALID


def _history(
    books: Sequence[str], previous: Sequence[str]
) -> tuple[Book | None, BookLookup | None]:
    """The book of ``--book`` and the filings of ``--previous`` read as one (None: neither),
    and what the checks compare each draft's holdings with."""
    from generator.book.sources import read_book
    from generator.commands.validate import BookFigureFinder

    for option, name in [*(("--book", b) for b in books), *(("--previous", p) for p in previous)]:
        if not Path(name).exists():
            raise UsageError(
                f"{option} {name}: no such file or folder; give the reporting owners' earlier "
                "filings (ownership XML or EDGAR .txt files, drafts, a folder of them)"
            )
    paths = [*books, *previous]
    if not paths:
        return None, None
    found = read_book(paths)
    for path, reason in found.unreadable:
        print(f"sec16: warning: {path} was left out: {reason}", file=sys.stderr)
    return found, BookFigureFinder(found, ", ".join(paths))


def _summary(path: Path, events: int, refused: int, drafts: int, valid: int) -> str:
    rows = f"{events} row(s) of {path.name} read" + (f", {refused} refused" if refused else "")
    verdict = f"{valid} valid" + (f", {drafts - valid} NOT valid" if drafts - valid else "")
    return f"{rows}: {drafts} draft(s), {verdict}"


def _write_and_check(
    part: Part, folder: Path, day: date, lookup: BookLookup | None, build: bool
) -> bool:
    """Write the part's draft (and its fills), check it as build does, print its line; with
    ``build``, write the XML of a valid draft beside it. True when the draft is valid."""
    from generator.formats.credentials import environment_ccc
    from generator.formats.draft import dump_draft
    from generator.pipeline.build import build_draft
    from generator.session.drafts import draft_stem, unused_path
    from generator.support.errors import DraftError
    from generator.support.files import write_atomic

    # Named as the session names drafts; an owner without a name by the CIK.
    owners = part.data["reporting_owners"]
    named = {**part.data, "reporting_owners": [{"name": "", **owners[0]}, *owners[1:]]}
    stem = draft_stem(named, day) or f"owner-form{part.form}-{day.isoformat()}"
    if part.of > 1:
        stem += f"-{part.number}-of-{part.of}"
    target = unused_path(folder, stem)
    header = [
        f"Made by sec16 draft-from from {_sources(part.sources)}.",
        "Check it, then: sec16 build " + target.name,
        *part.notes,
    ]
    write_atomic(target, dump_draft(part.data, header), force=False)
    if part.fills:
        fills = target.with_name(target.stem + ".fills.csv")
        write_atomic(fills, _fills_csv(part), force=False)
    for note in part.notes:
        print(f"{target}: note: {note}", file=sys.stderr)
    rows = sum(len(part.data.get(t) or []) for t in ("table_1", "table_2"))
    what = f"Form {part.form}, {rows} row(s)"
    if part.of > 1:
        what += f", {part.number} of {part.of}"
    try:
        built = build_draft(target, "submission", environment_ccc, book=lookup)
    except DraftError as err:
        first = err.problems[0] if err.problems else None
        said = f"{first.place}: {first.message}" if first else str(err)
        print(f"{target}: NOT valid ({what}): {said}")
        return False
    errors = [p for p in built.problems if p.severity == "error"]
    if errors:
        first_error = errors[0]
        place = first_error.location or ""
        if first_error.line:
            place += f" (line {first_error.line})"
        print(f"{target}: NOT valid ({what}): {place}: {first_error.message}")
        return False
    warnings = len(built.problems)
    extra = f", {warnings} warning(s): sec16 validate {target.name} lists them" if warnings else ""
    written = ""
    if build:
        xml = target.with_suffix(".xml")
        write_atomic(xml, built.xml, force=False, mode=0o600 if built.holds_ccc else None)
        written = f"; wrote {xml.name}"
    print(f"{target}: valid ({what}{extra}){written}")
    return True


def _sources(sources: list[str]) -> str:
    if len(sources) <= 3:
        return "; ".join(sources)
    return f"{sources[0]} and {len(sources) - 1} other row(s)"


def _fills_csv(part: Part) -> str:
    """The breakdown the weighted-average footnote promises: the shares at each price."""
    from generator.model.values import format_decimal

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "date", "code", "security", "price", "shares"])
    for where, day, code, security, price, shares in part.fills:
        amounts = [format_decimal(price), format_decimal(shares)]
        writer.writerow([where, day.isoformat(), code, security, *amounts])
    return out.getvalue()
