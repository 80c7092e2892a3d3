"""``sec16 new`` and ``sec16 edit``: the guided session that writes a draft by questions.

``sec16 new --book PATH`` first reads the book (a folder of the reporting person's filings and
drafts): the session offers its reporting persons and issuers, and for the one picked proposes
what the person's last filing there answers (the issuer, the reporting persons with their
addresses and relationships, the signature), each row's amount owned following from the book's
last figure of its holding, and the footnotes the person used before. The book is read here;
the session receives plain data (``session.domain.BookChoice``, ``FromBook``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.common import ExitCode, existing
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.book.sources import Book, Entry
    from generator.session.answers import Answers
    from generator.session.domain import BookChoice, FromBook, Held
    from generator.session.questionnaire import Session


def new(output: str | None = None, form: str | None = None, *, book: str | None = None) -> int:
    """A new draft: ``output`` (default: named after owner, form and date), of ``form``;
    ``book``, a folder of the reporting person's filings, proposes the answers it knows."""
    from generator.session import questionnaire
    from generator.support.errors import OutputError

    try:
        questionnaire.require_terminal("new")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    today = date.today()
    if output:
        path = Path(output)
        if path.suffix.lower() == ".xml":
            raise UsageError(f"-o {output}: name the draft (.yaml); the XML is written beside it")
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
    choices = book_choices(book) if book is not None else ()
    data = {"form": form} if form else {}
    session = questionnaire.Session(
        path, data, today=today, rename=rename, book=choices, offer_amend=not form
    )
    return _run(session)


def edit(draft: str, *, original_date: str | None = None) -> int:
    """Continue or change the draft ``draft``, from where its last session stopped; given a
    filing already made (anything but a ``.yaml`` draft), amend it: the filing is imported into
    a corrected draft beside it, opened at its review, and finishing writes the amendment.
    ``original_date``: the date the filing amended was filed (else its ``.txt`` header's, else
    the session asks)."""
    from generator.session import amending, questionnaire
    from generator.session.drafts import read_amends

    [path] = existing([draft])
    try:
        questionnaire.require_terminal("edit")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    today = date.today()
    if not amending.is_draft(path):
        return _amend(path, original_date, today)
    data, cursor = questionnaire.read_session(path)
    amends = None
    if original_date is not None:
        found = read_amends(path.read_text(encoding="utf-8-sig"))
        if found is None:
            raise UsageError(
                f"--original-date {original_date}: {path} does not amend a filing already made "
                "(the date is for `sec16 edit FILED.xml`, or a draft that session wrote)"
            )
        original = amending.original_of(path, amending.Amends(found[0]))
        period = _original_period(original) or amending.period_of(data)
        amends = amending.Amends(found[0], _date_option(original_date, period, today))
    session = questionnaire.Session(path, data, cursor=cursor, resume=True, amends=amends)
    return _run(session)


def _amend(original: Path, option: str | None, today: date) -> int:
    """``sec16 edit FILED.xml``: the corrected draft beside it, opened at its review."""
    from generator.session import amending, questionnaire
    from generator.session.questions import REVIEW

    data = amending.import_original(original)
    filed: date | None
    if option is not None:
        filed = _date_option(option, amending.period_of(data), today)
    else:
        filed = amending.date_filed(original)
    path = amending.corrected_path(original)
    amends = amending.Amends(amending.recorded(original, path), filed)
    print(f"Imported {original} into {path} (the filing's own file is not changed).")
    session = questionnaire.Session(
        path, data, cursor=REVIEW, resume=True, today=today, amends=amends
    )
    return _run(session)


def _date_option(option: str, period: date | None, today: date) -> date:
    from generator.session.amending import check_original_date

    try:
        return check_original_date(option, period, today)
    except ValueError as err:
        raise UsageError(f"--original-date {option}: {err}") from None


def _original_period(original: Path) -> date | None:
    """The period of report of the filing a corrected draft amends (None: it cannot be read)."""
    from generator.session import amending
    from generator.support.errors import Sec16Error

    try:
        return amending.period_of(amending.import_original(original))
    except (Sec16Error, OSError):
        return None


def _run(session: Session) -> int:
    from generator.session.questionnaire import SessionInterrupted

    try:
        outcome = session.run()
    except SessionInterrupted as stop:
        print(f"\n{stop}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.OK if outcome.valid else ExitCode.INVALID


# --- sec16 new --book: what the book proposes -------------------------------------------------


def book_choices(option: str) -> list[BookChoice]:
    """The reporting persons and issuers of the book ``option`` that have a filing there, the
    latest filer first; none (said on standard output) when the book holds no filing.

    A path that is not there is refused (exit 2); a file of the book that is not a filing or a
    draft is a warning, and the rest is used.
    """
    from generator.commands.validate import open_book
    from generator.session.domain import BookChoice

    book = open_book(option)
    filings: dict[tuple[int, int], list[Entry]] = {}
    for entry in book.entries:
        if entry.is_draft or not entry.issuer_cik.isdigit():
            continue
        for owner in dict.fromkeys(entry.owner_ciks):
            if owner.isdigit():
                filings.setdefault((int(owner), int(entry.issuer_cik)), []).append(entry)
    if not filings:
        drafts = sum(entry.is_draft for entry in book.entries)
        left = len(book.unreadable)
        held = [f"{drafts} draft(s)"] if drafts else []
        held += [f"{left} file(s) left out"] if left else []
        what = f" ({', '.join(held)})" if held else ""
        print(
            f"The book {option} holds no filing{what}: nothing is filled in from it, and the "
            "questions are asked as usual."
        )
        return []
    for entries in filings.values():
        entries.sort(key=_latest_first)
    pairs = sorted(filings, key=lambda pair: _latest_first(filings[pair][0]))
    return [
        BookChoice(
            _title(pair, filings[pair][0]),
            _loader(book, option, pair, filings[pair]),
        )
        for pair in pairs
    ]


def _latest_first(entry: Entry) -> tuple[int, int, str]:
    filed = entry.filed or entry.period or date.min
    period = entry.period or date.min
    return (-filed.toordinal(), -period.toordinal(), str(entry.path))


def _title(pair: tuple[int, int], entry: Entry) -> str:
    owner, issuer = pair
    name = next(
        (n for c, n in zip(entry.owner_ciks, entry.owner_names, strict=False) if _is(c, owner)),
        "",
    )
    who = f"{name} (CIK {owner})" if name else f"CIK {owner}"
    company = entry.issuer_name or f"issuer CIK {issuer}"
    return f"{who} in {company}: last filing Form {entry.form}{_filed(entry)}"


def _filed(entry: Entry, *, how: bool = False) -> str:
    from generator.model.values import us_date

    if entry.filed is None:
        return ""
    assumed = how and entry.filed_how == "signature (assumed)"
    return f", filed {us_date(entry.filed)}" + (": the date it was signed" if assumed else "")


def _is(cik: str, number: int) -> bool:
    return cik.strip().isdigit() and int(cik) == number


def _loader(
    book: Book, option: str, pair: tuple[int, int], entries: list[Entry]
) -> Callable[[], FromBook]:
    def load() -> FromBook:
        return from_book(book, option, pair, entries)

    return load


#: The draft keys a filing's issuer is proposed at.
_ISSUER_KEYS = ("cik", "name", "ticker", "foreign_ticker")


def from_book(book: Book, option: str, pair: tuple[int, int], entries: Sequence[Entry]) -> FromBook:
    """What the book proposes for one reporting person in one issuer: the answers of the
    person's last filing there that can be read (``entries``, the latest first), every
    footnote the person used, and the book's figure of each holding."""
    from generator.formats.draft import filing_to_data
    from generator.formats.importer import import_file
    from generator.session.domain import FromBook
    from generator.support.errors import DraftError, InputError

    lines: list[str] = []
    for entry in entries:
        try:
            data = filing_to_data(import_file(entry.path).filing)
        except (InputError, DraftError) as err:
            lines.append(f"Left out: {err}")
            continue
        break
    else:
        lines.append("Nothing is filled in from the book: the questions are asked as usual.")
        return FromBook({}, tuple(lines))
    owner, _ = pair
    answers = _answers(data, owner)
    lines += _summary(option, entry, answers)
    held = _HeldInBook(book)
    lines += held.summary(pair)
    texts: list[str] = []
    seen: set[str] = set()
    for earlier in entries:  # the latest first
        for ident in sorted(earlier.footnotes, key=_footnote_order):
            text = earlier.footnotes[ident].strip()
            if text and (spaced := " ".join(text.split())) not in seen:
                seen.add(spaced)
                texts.append(text)
    return FromBook(
        answers,
        tuple(lines),
        tuple(texts),
        {table: list(data.get(table) or []) for table in ("table_1", "table_2")},
        {str(k): str(v) for k, v in (data.get("footnotes") or {}).items()},
        held.lookup,
    )


def _footnote_order(ident: str) -> tuple[int, str]:
    digits = "".join(c for c in ident if c.isdigit())
    return (int(digits) if digits else 10**6, ident)


def _answers(data: dict[str, Any], owner: int) -> dict[str, Any]:
    """The answers a filing gives the session's questions on the reporting persons (the one
    picked first), the issuer and the signers' names."""
    owners = [o for o in data.get("reporting_owners") or [] if isinstance(o, dict)]
    owners.sort(key=lambda o: not _is(str(o.get("cik") or ""), owner))
    from generator.book.sources import person_of

    proposed = [person_of(found) for found in owners]
    issuer = data.get("issuer") or {}
    answers: dict[str, Any] = {
        "reporting_owners": proposed,
        "issuer": {k: issuer[k] for k in _ISSUER_KEYS if issuer.get(k) is not None},
    }
    names = [s.get("name") for s in data.get("signatures") or [] if isinstance(s, dict)]
    if names := [{"name": name} for name in names if name]:
        answers["signatures"] = names
    return answers


def _summary(option: str, entry: Entry, answers: dict[str, Any]) -> list[str]:
    from generator.session.answers import plain

    lines = [
        f"The book's last filing of this reporting person: {entry.path.name} (Form "
        f"{entry.form}{_filed(entry, how=True)}). It gives:"
    ]
    for person in answers["reporting_owners"]:
        relationship = person.get("relationship") or {}
        boxes = [
            words
            for key, words in (
                ("director", "director"),
                ("officer", f"officer ({relationship.get('officer_title') or 'no title'})"),
                ("ten_percent_owner", "10% owner"),
                ("other", f"other ({relationship.get('other_text') or ''})"),
            )
            if relationship.get(key) is True
        ]
        address = person.get("address") or {}
        place = ", ".join(str(address[k]) for k in ("street1", "street2", "city") if address.get(k))
        where = " ".join(str(address[k]) for k in ("state", "zip", "country") if address.get(k))
        place = ", ".join(p for p in (place, where) if p)
        lines.append(
            f"  Reporting person: {person.get('name') or '(no name)'} (CIK {person.get('cik')})"
            + (f"; {', '.join(boxes)}" if boxes else "")
            + (f"; {place}" if place else "")
        )
    issuer = answers["issuer"]
    ticker = f"{plain(issuer.get('ticker'))}, " if issuer.get("ticker") else ""
    lines.append(f"  Issuer: {issuer.get('name') or '(no name)'} ({ticker}CIK {issuer.get('cik')})")
    for signature in answers.get("signatures", []):
        lines.append(f"  Signature: {signature['name']}")
    return lines


class _HeldInBook:
    """The book's figure of each holding, as the session asks for it (``book.figures``)."""

    def __init__(self, book: Book) -> None:
        from generator.book.figures import LastFigures

        self.book = book
        self.last = LastFigures(book)

    def summary(self, pair: tuple[int, int]) -> list[str]:
        from generator.session.answers import show_amount

        shown = []
        for holding in self.last.figures(*pair, None).values():
            amount = _amount(holding.shares)
            if amount:
                shown.append(f"{holding.key.describe()}: {show_amount(amount)}")
        if not shown:
            return ["  Holdings the book shows now: none (every figure is 0)"]
        return ["  Holdings the book shows now: " + "; ".join(shown)]

    def lookup(self, answers: Answers) -> Held | None:
        """The book's last figure for the holding of a row of the draft (``answers``' item), up
        to the row's date, for the draft's own reporting persons and issuer."""
        from generator.book.sources import BookRow
        from generator.session.answers import day, plain
        from generator.session.domain import Held

        data, row = answers.data, answers.item
        issuer = str(plain((data.get("issuer") or {}).get("cik")) or "").strip()
        owners = [
            str(plain(o.get("cik")) or "").strip()
            for o in data.get("reporting_owners") or []
            if isinstance(o, dict)
        ]
        on = day(row.get("transaction_date")) or day(data.get("period_of_report"))
        derivative = answers.table == "table_2"
        shaped = BookRow(
            table="II" if derivative else "I",
            security=str(plain(row.get("security")) or ""),
            ownership=str(plain(row.get("ownership")) or "D").strip().upper()[:1],
            nature=str(plain(row.get("nature_of_ownership")) or ""),
            transaction=False,
            date=on,
            exercise_price=str(plain(row.get("exercise_price")) or "") if derivative else "",
            expiration=_iso(row.get("expiration_date")) if derivative else "",
        )
        found = self.last.find(owners, issuer, shaped)
        return None if found is None else Held(found.amount, found.source, found.on)


def _iso(raw: Any) -> str:
    from generator.session.answers import day, plain

    found = day(raw)
    return found.isoformat() if found is not None else str(plain(raw) or "")


def _amount(text: str) -> Any:
    from generator.book.figures import number

    return number(text)
