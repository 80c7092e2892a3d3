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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.batch.plan import Part
from generator.commands.common import ExitCode, existing
from generator.support.errors import UsageError

if TYPE_CHECKING:
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
    from generator.support import batch
    from generator.support.files import make_folder

    path = existing([table])[0]
    read = read_table(path)
    history = [*([book] if book else []), *previous]
    found_book = _history(history, bool(book))
    for problem in read.problems:
        print(f"sec16: error: {problem}", file=sys.stderr)
    day = today or date.today()
    # The workers start, and load the model, templates and schemas, while the plan is made.
    with batch.Workers(len(read.events), initializer=_start, initargs=(history,)) as workers:
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
        names = _names(plan.parts, folder, day)
        jobs = [_Job(part, target, build) for part, target in zip(plan.parts, names, strict=True)]
        valid = 0
        progress = batch.Progress(len(jobs), "drafting")
        try:
            results = workers.run(_write_and_check, jobs, progress)
            for job, (ok, line) in zip(jobs, results, strict=True):
                progress.clear()
                for note in job.part.notes:
                    print(f"{job.target}: note: {note}", file=sys.stderr)
                print(line)
                valid += ok
        finally:
            progress.clear()
    refused_rows = len({p.where for p in read.problems})
    print(_summary(path, len(read.events), refused_rows, len(plan.parts), valid))
    clean = valid == len(plan.parts) and not read.problems and not plan.left_out
    return ExitCode.OK if clean else ExitCode.INVALID


def _history(paths: Sequence[str], has_book: bool) -> Book | None:
    """The book of ``--book`` and the filings of ``--previous`` read as one (None: neither);
    a path that is not there is refused (exit 2)."""
    from generator.book.sources import read_book

    for index, name in enumerate(paths):
        if not Path(name).exists():
            option = "--book" if index == 0 and has_book else "--previous"
            raise UsageError(
                f"{option} {name}: no such file or folder; give the reporting owners' earlier "
                "filings (ownership XML or EDGAR .txt files, drafts, a folder of them)"
            )
    if not paths:
        return None
    found = _books[tuple(paths)] = read_book(paths)
    for path, reason in found.unreadable:
        print(f"sec16: warning: {path} was left out: {reason}", file=sys.stderr)
    return found


#: The history read by this process, by its paths: a worker forked from it has it already.
_books: dict[tuple[str, ...], Book] = {}
_lookup: BookLookup | None = None


def _start(paths: list[str]) -> None:
    """Prepare a worker (or this process) to check drafts against the history's figures."""
    global _lookup
    import generator.pipeline.build  # noqa: F401  (the model, templates and schemas load now)
    from generator.book.sources import read_book
    from generator.commands.validate import BookFigureFinder

    if not paths:
        _lookup = None
        return
    key = tuple(paths)
    found = _books.get(key) or _books.setdefault(key, read_book(paths))
    _lookup = BookFigureFinder(found, ", ".join(paths))


def _names(parts: Sequence[Part], folder: Path, day: date) -> list[Path]:
    """Each draft's file: named as the session names drafts (an owner without a name by the
    CIK), one of several ``-2-of-3``; never an existing file, nor one named twice here."""
    from generator.session.drafts import draft_stem

    def free(path: Path) -> bool:
        # Nor the name of a breakdown left from an earlier run (its draft since moved away).
        written = (path, path.with_suffix(".xml"), path.with_name(path.stem + ".fills.csv"))
        return path not in taken and not any(p.exists() for p in written)

    taken: set[Path] = set()
    names: list[Path] = []
    for part in parts:
        lead = part.lead or part.data["reporting_owners"][0]  # every part by the same person
        named = {**part.data, "reporting_owners": [{"name": "", **lead}]}
        stem = draft_stem(named, day) or f"owner-form{part.form}-{day.isoformat()}"
        if part.of > 1:
            stem += f"-{part.number}-of-{part.of}"
        # stem.yaml, else stem-2.yaml, stem-3.yaml… as the session names them (unused_path)
        target, number = folder / f"{stem}.yaml", 2
        while not free(target):
            target, number = folder / f"{stem}-{number}.yaml", number + 1
        taken.add(target)
        names.append(target)
    return names


@dataclass(frozen=True)
class _Job:
    """One draft to write and check (sent to a worker)."""

    part: Part
    target: Path
    build: bool


def _summary(path: Path, events: int, refused: int, drafts: int, valid: int) -> str:
    rows = f"{events + refused} row(s) of {path.name} read" + (
        f", {refused} refused" if refused else ""
    )
    verdict = f"{valid} valid" + (f", {drafts - valid} NOT valid" if drafts - valid else "")
    return f"{rows}: {drafts} draft(s), {verdict}"


def _write_and_check(job: _Job) -> tuple[bool, str]:
    """Write the part's draft (and its fills), check it as build does; with ``build``, write
    the XML of a valid draft beside it. Whether it is valid, and its line of output."""
    from generator.formats.credentials import environment_ccc
    from generator.formats.draft import dump_draft, filing_from_data, parse_yaml
    from generator.pipeline.build import build_filing
    from generator.support.errors import DraftError
    from generator.support.files import write_atomic

    part, target = job.part, job.target
    header = [
        f"Made by sec16 draft-from from {_sources(part.sources)}.",
        "Check it, then: sec16 build " + target.name,
        *part.notes,
    ]
    text = dump_draft(part.data, header)
    write_atomic(target, text, force=False)
    if part.fills:
        fills = target.with_name(target.stem + ".fills.csv")
        write_atomic(fills, _fills_csv(part), force=False)
    rows = sum(len(part.data.get(t) or []) for t in ("table_1", "table_2"))
    what = f"Form {part.form}, {rows} row(s)"
    if part.of > 1:
        what += f", {part.number} of {part.of}"
    # Checked from the text just written (its lines are the file's), as build reads the file;
    # the book's figures only for the first of several parts: the others continue from it.
    lookup = _lookup if part.number == 1 else None
    try:
        # From the data itself; only a draft with errors is read back, for their lines.
        built = build_filing(
            filing_from_data(part.data, {}, str(target)),
            "submission",
            environment_ccc,
            lines={},
            book=lookup,
            source=target,
        )
        if not built.valid:
            data, lines = parse_yaml(text, str(target))
            filing = filing_from_data(data, lines, str(target))
            built = build_filing(
                filing, "submission", environment_ccc, lines=lines, book=lookup, source=target
            )
    except DraftError as err:
        first = err.problems[0] if err.problems else None
        said = f"{first.place}: {first.message}" if first else str(err)
        return False, f"{target}: NOT valid ({what}): {said}"
    errors = [p for p in built.problems if p.severity == "error"]
    if errors:
        first_error = errors[0]
        place = first_error.location or ""
        if first_error.line:
            place += f" (line {first_error.line})"
        return False, f"{target}: NOT valid ({what}): {place}: {first_error.message}"
    warnings = len(built.problems)
    extra = f", {warnings} warning(s): sec16 validate {target.name} lists them" if warnings else ""
    written = ""
    if job.build:
        xml = target.with_suffix(".xml")
        write_atomic(xml, built.xml, force=False, mode=0o600 if built.holds_ccc else None)
        written = f"; wrote {xml.name}"
    return True, f"{target}: valid ({what}{extra}){written}"


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
