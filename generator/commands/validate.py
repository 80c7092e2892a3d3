"""``sec16 validate``: check files of any kind and print a report on each, in input order."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing, in_input_order, split_inputs
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from lxml import etree

    from generator.book.holdings import Holding, HoldingKey
    from generator.book.sources import Book, Entry
    from generator.checks.rules.core import BookFigure, BookFigures, BookLookup
    from generator.model.codes import Profile
    from generator.model.problems import Report
    from generator.support.batch import Progress


def validate(
    files: Sequence[str],
    *,
    output_format: str = "text",
    profile: Profile = "submission",
    as_of: date | datetime | None = None,
    previous: str | None = None,
    schemas: Path | None = None,
    book: str | None = None,
) -> int:
    """Check ``files`` and write a report on each (text, or one JSON array) to standard output.

    ``as_of`` is the moment dates and deadlines are checked at (default: now, Eastern time);
    ``previous`` the reporting owner's previous filing; ``schemas`` a folder of schema files;
    ``book`` a folder of the owner's filings, which each security's holdings continue from.
    """
    from functools import partial

    from generator.checks.deadlines import now_eastern
    from generator.support import batch

    moment = now_eastern() if as_of is None else as_of
    previous_path = existing([previous])[0] if previous else None
    if previous_path is not None:
        from generator.pipeline.validate import read_previous

        read_previous(previous_path)  # refused here, before any file is checked
    if book is not None:
        open_book(book)  # refused or warned about here, once, before any file is checked
    settings = (profile, moment, previous_path, schemas, book)
    # The workers start, and load lxml and the rules, while the file names are checked here.
    with batch.Workers(len(files), initializer=_start_checking, initargs=settings) as workers:
        names, unreadable = split_inputs(files)
        # A progress bar only for people watching a terminal, never mixed into JSON.
        progress = batch.Progress(len(names), "checking") if output_format == "text" else None
        encoding = _output_encoding()
        results = workers.run(partial(_validate_one, output_format, encoding), names, progress)
        missing = {
            index: _unreadable_report(files[index], reason, output_format, encoding)
            for index, reason in unreadable.items()
        }
        status = _write_reports(
            in_input_order(results, missing, len(files)), output_format, progress, encoding
        )
        return ExitCode.USAGE if unreadable else status


def _start_checking(
    profile: Profile,
    as_of: date | datetime,
    previous: Path | None,
    schema_dir: Path | None,
    book: str | None = None,
) -> None:
    """Prepare a worker (or this process) for ``validate``: lxml, schemas and rules load here,
    and the book of ``--book`` is read (once a process: a worker forked after this process read
    it has it already)."""
    from generator.pipeline.validate import CheckOptions, start_checking

    lookup = book_lookup(book) if book is not None else None
    start_checking(CheckOptions(profile, as_of, previous, schema_dir, lookup))


def _validate_one(output_format: str, encoding: tuple[str, str], name: str) -> tuple[bool, bytes]:
    """One file's verdict and output, made where it is checked (a worker, for many files).

    The output comes back encoded as standard output encodes (``encoding``: its encoding and
    error handler): the process that prints it writes the bytes as they are, instead of
    decoding them from the worker's message and encoding them again (3.8 µs a file, against
    0.7 µs, in a process that shares the cores with the workers).
    """
    import generator.pipeline.validate  # no "from" import: it costs an exception on every file

    return _encoded(generator.pipeline.validate.check_one(name), output_format, encoding)


def _encoded(report: Report, output_format: str, encoding: tuple[str, str]) -> tuple[bool, bytes]:
    """A report's verdict, and the report as ``validate`` prints it, encoded (``encoding``)."""
    valid, output = _report_output(report, output_format)
    return valid, output.encode(*encoding)


def _report_output(report: Report, output_format: str) -> tuple[bool, str]:
    """A report's verdict, and the report as ``validate`` prints it: text lines, or one
    element of the JSON array."""
    if output_format == "json":  # as json.dump(..., indent=2) writes an element of the array
        found = report.as_json()
        return found["valid"], "  " + json.dumps(found, indent=2).replace("\n", "\n  ")
    return _report_text(report)


def _report_text(report: Report) -> tuple[bool, str]:
    """The verdict, and a line for each problem and one for the verdict (one pass over the
    problems: thousands of reports are written in one command)."""
    file = report.file
    problems = report.problems
    lines = [problem.as_text(file) for problem in problems]
    errors = warnings = 0
    for problem in problems:
        if problem.severity == "warning":
            warnings += 1
        elif problem.severity == "error":
            errors += 1
    kind = f"Form {report.document_type}" if report.document_type else "not a filing"
    extra = f", {warnings} warning(s)" if warnings else ""
    lines.append(f"{file}: {'NOT valid' if errors else 'valid'} ({kind}{extra})")
    lines.append("")  # the last line's end
    return not errors, "\n".join(lines)


def _unreadable_report(
    name: str, reason: str, output_format: str, encoding: tuple[str, str]
) -> tuple[bool, bytes]:
    """The report on a named file that is not there or cannot be read (rule file-unreadable)."""
    from generator.model.problems import Problem, Report

    problem = Problem(
        "error",
        "file-unreadable",
        f"{reason}, so it was not checked; check the name, and that you may read it",
    )
    return _encoded(Report(name, None, [problem]), output_format, encoding)


def _output_encoding() -> tuple[str, str]:
    """How standard output encodes text: its encoding and error handler."""
    return (
        getattr(sys.stdout, "encoding", None) or "utf-8",
        getattr(sys.stdout, "errors", None) or "strict",
    )


def _write_reports(
    results: Iterable[tuple[bool, bytes]],
    output_format: str,
    progress: Progress | None,
    encoding: tuple[str, str],
) -> int:
    """Write each file's report as it comes; the exit status says whether all were valid.

    The reports come encoded (``_validate_one``): they go to standard output's byte stream,
    after what its text layer holds; through the text layer itself where that layer does more
    than encode (Windows writes each line end as CR LF) or there is no byte stream (a caller's
    stand-in for standard output)."""
    valid = True
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None) if os.linesep == "\n" else None

    def write(data: bytes) -> None:
        if stream is not None:
            stream.write(data)
        else:
            sys.stdout.write(data.decode(*encoding))

    if output_format == "json":
        found = []
        for ok, data in results:
            found.append(data)
            valid = valid and ok
        write(b"[\n" + b",\n".join(found) + b"\n]\n" if found else b"[]\n")
        return ExitCode.OK if valid else ExitCode.INVALID
    try:
        for ok, data in results:
            if progress is not None:
                progress.clear()
            write(data)
            valid = valid and ok
    finally:
        if progress is not None:
            progress.clear()
    return ExitCode.OK if valid else ExitCode.INVALID


# --- --book: what each security's holdings continue from ------------------------------------------

#: The books read by this process, by the path given: the command reads its book once, and
#: a worker that runs in this process, or is forked from it, takes it from here.
_books: dict[str, Book] = {}


def open_book(option: str) -> Book:
    """Read the book of ``--book`` (a command does it once, before its files): a path that is
    not there is refused (exit 2); each file of the book that is not a filing or a draft is a
    warning on standard error, and the others are used."""
    from generator.book.sources import read_book

    if not Path(option).exists():
        raise UsageError(
            f"--book {option}: no such file or folder; give the folder of the reporting "
            "owner's filings (ownership XML or EDGAR .txt files, drafts, an optional book.yaml)"
        )
    found = read_book([option])
    for path, reason in found.unreadable:
        print(f"sec16: warning: --book {option}: {path} was left out: {reason}", file=sys.stderr)
    _books[option] = found
    return found


def book_lookup(option: str) -> BookLookup:
    """What the book of ``--book`` says each document continues from (``BookFigures``), for the
    pipeline to ask once it has parsed a document."""
    return BookFigureFinder(_books.get(option) or _read_quietly(option), option)


def _read_quietly(option: str) -> Book:
    """The book in a worker that did not inherit it (another start method than fork): read
    once more, its warnings already said by the command."""
    from generator.book.sources import read_book

    found = _books[option] = read_book([option])
    return found


class BookFigureFinder:
    """The book's last figure for each security and ownership of a document, before its dates.

    The figure of each row's holding (``book.holdings.holding_key``: owner, issuer, table,
    security, direct or indirect and its nature; a grant's price and expiration) is the one the
    last filing of the book reporting it before the document's earliest date left, splits of
    book.yaml applied (``book.holdings.holdings`` as of the day before). The document's own
    rows all fall on or after that date, so neither its own file nor a copy of it in the book
    (the XML a draft was built to, beside it) is compared with it. Another filing of the same
    first day (two Form 4s of one day) may come before it: the row may continue from the
    figure that one left (or still from the one before), unless the document is an amendment
    (which restates its day).
    Two securities of the document that the book cannot tell apart are not compared.

    The holdings of an owner in an issuer on a day are computed once for a batch of files.
    """

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.name = name
        self.held: dict[tuple[str, str, date], dict[HoldingKey, Holding]] = {}

    def __call__(self, tree: etree._ElementTree, path: Path | None) -> BookFigures | None:
        from datetime import timedelta

        from generator.book.holdings import holding_key
        from generator.book.sources import entry_of_tree
        from generator.checks.rules.core import BookFigures
        from generator.checks.rules.holdings import group_keys

        entry = entry_of_tree(tree, path or Path("(built)"), None, "none", draft=True)
        issuer = entry.issuer_cik
        owners = list(dict.fromkeys(o for o in entry.owner_ciks if o.isdigit()))
        days = [d for d in (entry.period, *(row.date for row in entry.rows)) if d is not None]
        if not issuer.isdigit() or not owners or not days:
            return None
        start = min(days)
        itself = {e.path for e in self.book.entries if _same_filing(e, entry, path)}
        figures: dict[tuple[object, ...], BookFigure] = {}
        holders: dict[HoldingKey, set[tuple[object, ...]]] = {}
        for key, row in zip(group_keys(tree), entry.rows, strict=True):
            for owner in owners:
                held = holding_key(owner, issuer, row)
                holders.setdefault(held, set()).add(key)
                before = self.holding(owner, issuer, start - timedelta(days=1), held)
                if key in figures or before is None or (figure := self.figure(before)) is None:
                    continue
                same_day = None
                if not entry.is_amendment:
                    found = self.holding(owner, issuer, start, held)
                    if found is not None and found.source not in itself:
                        same_day = self.figure(found)
                figures[key] = _with_same_day(figure, same_day)
        # A holding two groups of the document come to is ambiguous: neither is compared.
        for keys in holders.values():
            if len(keys) > 1:
                for key in keys:
                    figures.pop(key, None)
        return BookFigures(self.name, figures)

    def holding(self, owner: str, issuer: str, on: date, key: HoldingKey) -> Holding | None:
        """The book's holding ``key`` at the end of ``on`` (each owner, issuer and day once)."""
        from generator.book.holdings import holdings

        found = self.held.get((owner, issuer, on))
        if found is None:
            listed = holdings(self.book, owner=owner, issuer=issuer, as_of=on)
            found = self.held[(owner, issuer, on)] = {h.key: h for h in listed}
        return found.get(key)

    def figure(self, holding: Holding) -> BookFigure | None:
        from generator.book.figures import number, shown_in_book
        from generator.checks.rules.core import BookFigure

        amount = number(holding.shares)
        if amount is None:
            return None
        adjusted = f"then {'; '.join(holding.adjusted)}" if holding.adjusted else ""
        return BookFigure(
            amount,
            "value" if holding.value else "shares",
            shown_in_book(holding.source, self.book.folders),
            holding.as_of,
            adjusted,
        )


def _same_filing(entry: Entry, document: Entry, path: Path | None) -> bool:
    """Whether a book's entry is the document being checked: its own file, or a copy of it
    (the XML a draft was built to, written beside the draft in the book)."""
    if path is not None and _same_file(entry.path, path):
        return True
    return (
        entry.form == document.form
        and entry.period == document.period
        and entry.rows == document.rows
        and _numbers([entry.issuer_cik]) == _numbers([document.issuer_cik])
        and _numbers(entry.owner_ciks) == _numbers(document.owner_ciks)
    )


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _numbers(ciks: Iterable[str]) -> set[int | str]:
    return {int(cik) if cik.strip().isdigit() else cik.strip() for cik in ciks}


def _with_same_day(before: BookFigure, same_day: BookFigure | None) -> BookFigure:
    """The figure another filing of the document's first day left, with the one before that
    day (the document may continue from either), or the one before when there is no other."""
    from dataclasses import replace

    if same_day is None or same_day.kind != before.kind or same_day.following == before.following:
        return before
    return replace(same_day, earlier=before)
