"""``sec16 amend``: a 3/A, 4/A or 5/A draft from the filing as filed and the draft as it should
have been (the work is ``generator.pipeline.amend``; this reads the files, finds the date the
original was filed, writes the draft and says what it corrects)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.commands.common import ExitCode
from generator.support.errors import OutputError, UsageError

_DRAFT_SUFFIXES = (".yaml", ".yml")


def amend(
    original: str,
    corrected: str,
    *,
    output: str | None = None,
    original_date: str | None = None,
    restate: bool = False,
    book: str | None = None,
    today: date | None = None,
) -> int:
    """Write the amendment draft of ``original`` that ``corrected`` calls for; print what it is
    and its explanation. ``today``: the signature date (default: today)."""
    from generator.formats.draft import dump_draft, load_draft
    from generator.formats.importer import import_file
    from generator.pipeline.amend import make_amendment
    from generator.support.files import write_atomic

    original_path, corrected_path = Path(original), Path(corrected)
    for path in (original_path, corrected_path):
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    target = (
        Path(output)
        if output
        else corrected_path.with_name(f"{corrected_path.stem}-amendment.yaml")
    )
    if target.exists():
        raise OutputError(
            f"{target} already exists: sec16 amend never replaces a file; move it away or "
            "choose another -o"
        )
    if original_path.suffix.lower() in _DRAFT_SUFFIXES:
        was = load_draft(original_path)
    else:
        was = import_file(original_path).filing
    now = load_draft(corrected_path)
    signed = today or date.today()
    # What the corrected draft changes is checked first: no date is asked for a refusal.
    make_amendment(was, now, was.period_of_report, signed, names=(original, corrected))
    found = _filing_date(original_path, original_date, book, was.period_of_report, signed)
    filed = found.day
    if filed < was.period_of_report:
        raise UsageError(
            f"{found.named} is before the period of report of {original} "
            f"({was.period_of_report:%m/%d/%Y}): give the date {original} was filed"
        )
    if filed > signed:
        raise UsageError(f"{found.named} is in the future: give the date {original} was filed")
    result = make_amendment(was, now, filed, signed, restate=restate, names=(original, corrected))
    header = result.header(original, filed, signed, f"sec16 amend from {corrected}")
    write_atomic(target, dump_draft(result.filing, header), force=False)
    print(f"WROTE {target}: {result.summary(original, filed)}")
    print(f"The date {original} was filed, {filed:%m/%d/%Y}, is {found.source}.")
    print(result.explanation)
    for note in result.notes:
        print(f"{target}: note: {note}", file=sys.stderr)
    return ExitCode.OK


@dataclass(frozen=True)
class _Found:
    """The date the original was filed, where it comes from (``source``, for the output) and
    how a refusal names it (``named``)."""

    day: date
    source: str
    named: str


def _filing_date(
    path: Path, option: str | None, book: str | None, period: date, today: date
) -> _Found:
    """The date the original was filed: ``--original-date``, else its ``.txt`` header's, else
    the book's; asked for in a terminal; else a refusal (it is never guessed)."""
    from generator.book.sources import filed_as_of
    from generator.model import values

    if option is not None:
        try:
            day = values.parse_date(option)
        except ValueError as err:
            raise UsageError(f"--original-date {option}: {err}") from None
        return _Found(day, "given with --original-date", f"--original-date {day:%m/%d/%Y}")
    if path.suffix.lower() == ".txt" and (header := filed_as_of(path)) is not None:
        return _Found(
            header,
            f"from the EDGAR header of {path}",
            f"the filing date in the header of {path} ({header:%m/%d/%Y})",
        )
    undated = ""
    if book is not None:
        in_book, undated = _book_date(path, book)
        if in_book is not None:
            return in_book
    if sys.stdin.isatty() and sys.stdout.isatty():
        answered = _ask_date(path, period, today)
        return _Found(answered, "as answered", f"the date answered ({answered:%m/%d/%Y})")
    raise UsageError(
        f"the date {path} was filed is not known (only an EDGAR .txt says it, in its header"
        f"{', or a book that holds the filing' if book is None else ''}){undated}: give it "
        "with --original-date YYYY-MM-DD (If Amendment, Date Original Filed); sec16 does not "
        "guess it"
    )


def _book_date(path: Path, book: str) -> tuple[_Found | None, str]:
    """The filing date the book gives the original: the entry of the same file, or of the same
    filing (same form, issuer, owners, period of report and rows). Only book.yaml's ``filed:``
    or an EDGAR header counts, never a date assumed from the signature. Returns the date found
    (None when none is known) and, then, a clause saying what the book lacks."""
    from generator.book.settings import Settings
    from generator.book.sources import Entry, read_book, read_entry
    from generator.support.errors import DraftError, InputError

    entries = read_book([book]).entries
    target = path.resolve()
    try:
        me: Entry | None = read_entry(path, Settings(), path.name)
    except (InputError, DraftError):
        me = None  # matched by its file only

    def same_filing(entry: Entry) -> bool:
        return (
            me is not None
            and entry.form == me.form
            and _cik(entry.issuer_cik) == _cik(me.issuer_cik)
            and sorted(map(_cik, entry.owner_ciks)) == sorted(map(_cik, me.owner_ciks))
            and entry.period == me.period
            and entry.rows == me.rows
        )

    matches = [
        entry
        for entry in entries
        if not entry.is_draft and (entry.path.resolve() == target or same_filing(entry))
    ]
    dated = [e for e in matches if e.filed is not None and e.filed_how in ("book.yaml", "header")]
    if not dated:
        if matches:
            return None, (
                f"; the book {book} holds it ({matches[0].path}) but does not say when it was "
                f"filed (give the date under filed: in its book.yaml)"
            )
        return None, f"; the book {book} does not hold it (the same file or the same filing)"

    def how(entry: Entry) -> str:
        return "book.yaml's filed:" if entry.filed_how == "book.yaml" else "its EDGAR header"

    days = {entry.filed for entry in dated}
    if len(days) > 1:
        named = "; ".join(f"{e.path} filed {e.filed:%m/%d/%Y} ({how(e)})" for e in dated)
        raise UsageError(
            f"the book {book} holds {path} more than once, with different filing dates: "
            f"{named}; give the date it was filed with --original-date YYYY-MM-DD"
        )
    first = dated[0]
    assert first.filed is not None
    source = f"from the book {book}: {how(first)} for {first.path}"
    if len(dated) > 1:
        source += f" (and {len(dated) - 1} other copy of the same filing, filed the same day)"
    return _Found(first.filed, source, f"the date the book gives ({first.filed:%m/%d/%Y})"), ""


def _cik(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _ask_date(path: Path, period: date, today: date) -> date:
    """Ask in the terminal for the date the original was filed (Ctrl-C: KeyboardInterrupt)."""
    import questionary

    from generator.model import values

    def check(text: str) -> bool | str:
        try:
            day = values.parse_date(text)
        except ValueError as err:
            return str(err)
        if day > today:
            return f"{day:%m/%d/%Y} is in the future: give the date {path.name} was filed"
        if day < period:
            return (
                f"{day:%m/%d/%Y} is before the period of report ({period:%m/%d/%Y}): give "
                f"the date {path.name} was filed"
            )
        return True

    answer = questionary.text(
        f"When was {path.name} filed (If Amendment, Date Original Filed, MM/DD/YYYY)?",
        validate=check,
    ).unsafe_ask()
    return values.parse_date(answer)
