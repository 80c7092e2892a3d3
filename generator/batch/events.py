"""One row of a ``sec16 draft-from`` table: its columns, and the event it describes.

``COLUMNS`` is the one description of the table: the reader accepts exactly these headers,
docs/batch.md lists them (a test holds the two together) and each is read here by the same
parsers the draft loader uses (``model.values``, ``model.codes``, ``model.happenings``), so a
value the draft would refuse is refused in the table, at its row and column, with the same
sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from generator.model import codes, values
from generator.model.codes import FormType
from generator.model.happenings import read_happening


@dataclass(frozen=True)
class Column:
    """A column of the table: its header, what it holds, and whether a row must give it."""

    name: str
    meaning: str
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("owner_cik", "The reporting person's CIK (or give `owner`, a key into the book).", True),
    Column("owner", "Instead of `owner_cik`: the person's CIK or name as the book's filings give "
           "it (`--book`); name, address and relationship then come from the book."),
    Column("owner_name", "The reporting person's name (Last First Middle, as EDGAR has it)."),
    Column("relationship", "director; officer: TITLE; 10% owner; other: TEXT (several with `;`). "
           "Taken from the book when not given."),
    Column("street1", "The person's mailing address, line 1 (optional, as on the form)."),
    Column("street2", "Address line 2."),
    Column("city", "City."),
    Column("state", "State code or name (NY, New York)."),
    Column("zip", "ZIP code."),
    Column("issuer_cik", "The issuer's CIK.", True),
    Column("issuer_ticker", "The issuer's trading symbol.", True),
    Column("issuer_name", "The issuer's name (EDGAR supplies it; shown in previews)."),
    Column("form", "4 (the default), 5, or 3 for holdings on a Form 3."),
    Column("period_of_report", "Form 5: the last day of the fiscal year (required); Form 3: "
           "the date of the event (default: `date`); Form 4: the earliest transaction (always)."),
    Column("joint", "A label: the rows of every owner with the same label are one joint filing."),
    Column("date", "The transaction date (Form 3: the date of the event), YYYY-MM-DD or "
           "MM/DD/YYYY.", True),
    Column("what_happened", "The transaction code (S, P, A, F, G, M…) or plain words: sold, "
           "bought, grant, gift, exercise, tax withholding… `holding` for a row without a "
           "transaction.", True),
    Column("acquired_disposed", "A or D (acquired, disposed); taken from the words or the code "
           "when they say it."),
    Column("table", "I or II; by default II when a derivative column below is given."),
    Column("security", "The title of the security (Common Stock; Restricted Stock Units).", True),
    Column("shares", "How many shares or units (no sign: the direction says which way).", True),
    Column("price", "The price per share or unit, 0 for a grant; fills at different prices are "
           "combined at their weighted average."),
    Column("ownership", "D (direct, the default) or I (indirect)."),
    Column("nature", "The nature of indirect ownership (By Trust), for `ownership` I."),
    Column("plan", "yes when the transaction was made under a Rule 10b5-1 plan (ticks the box)."),
    Column("plan_adopted", "The date the Rule 10b5-1 plan was adopted (its footnote says it)."),
    Column("owned_following", "The amount owned after the row; by default it continues from the "
           "book (or the row before), and is left for the filer when there is no history."),
    Column("exercise_price", "Table II: the conversion or exercise price."),
    Column("exercise_price_note", "Table II: a footnote in place of the price (e.g. each RSU "
           "converts into one share)."),
    Column("date_exercisable", "Table II: the date exercisable."),
    Column("date_exercisable_note", "Table II: a footnote in place of that date (a vesting "
           "schedule)."),
    Column("expiration_date", "Table II: the expiration date."),
    Column("expiration_note", "Table II: a footnote in place of that date."),
    Column("underlying_security", "Table II: the underlying security (Common Stock)."),
    Column("underlying_shares", "Table II: the amount of underlying securities (default: the "
           "shares of the row)."),
    Column("footnote", "A footnote on the row (attached to its code; to the security on a "
           "holding)."),
    Column("signature", "The signature (/s/ Name, or an attorney-in-fact's); from the book when "
           "not given."),
    Column("signature_date", "The date signed (default: the day the drafts are made)."),
)  # fmt: skip

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}

#: Other spellings a header may have: "Owner CIK", "owner-cik", "Transaction Date"…
ALIASES: dict[str, str] = {
    "cik": "owner_cik",
    "name": "owner_name",
    "transaction_date": "date",
    "code": "what_happened",
    "transaction_code": "what_happened",
    "ticker": "issuer_ticker",
    "title": "security",
    "security_title": "security",
    "amount": "shares",
    "a_d": "acquired_disposed",
    "direct_indirect": "ownership",
    "nature_of_ownership": "nature",
    "rule_10b5_1": "plan",
    "10b5_1": "plan",
    "10b5_1_plan": "plan",
    "plan_adoption_date": "plan_adopted",
    "expiration": "expiration_date",
}


def column_name(header: object) -> str | None:
    """The column a header names ("Owner CIK", "owner-cik" -> owner_cik); None: no column."""
    key = re.sub(r"[^0-9a-z%]+", "_", str(header or "").strip().casefold()).strip("_")
    key = ALIASES.get(key, key)
    return key if key in BY_NAME else None


@dataclass(frozen=True)
class Where:
    """A row of the table: the file, and the row as the filer finds it (spreadsheet row number,
    or the YAML item and its line)."""

    file: str
    row: str

    def at(self, column: str | None = None) -> str:
        return f"{self.file}, {self.row}" + (f", column {column}" if column else "")


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in a row: where, which column, and what to do."""

    where: Where
    column: str | None
    message: str
    #: The row's owner as written (CIK or book key; '' when not given): no draft is made for
    #: an owner with a bad row.
    owner: str = ""
    #: The row's joint-filing label ('' when none): no draft is made of that joint filing.
    joint: str = ""

    def __str__(self) -> str:
        return f"{self.where.at(self.column)}: {self.message}"


@dataclass(frozen=True)
class Owner:
    """A reporting person as the table (or the book) gives them."""

    cik: str
    name: str | None = None
    #: The draft's relationship mapping (director/officer/... and titles); None: not given.
    relationship: Mapping[str, Any] | None = None
    address: Mapping[str, Any] | None = None
    signature: str | None = None


#: A calendar day (the name ``date`` is a column of the event).
Day = date


@dataclass(frozen=True)
class Event:
    """What one row of the table says happened (or is held), its values already checked."""

    where: Where
    owner: Owner
    #: ``owner``, when the owner is a key into the book to be resolved (CIK unknown until then).
    book_key: str | None
    issuer_cik: str
    issuer_ticker: str
    issuer_name: str | None
    form: str
    joint: str | None
    table: str  # "table_1" or "table_2"
    kind: str  # "transaction" or "holding"
    date: Day
    code: str | None
    acquired_disposed: str | None
    security: str
    shares: Decimal | None
    price: Decimal | None
    ownership: str
    nature: str | None
    plan: bool
    plan_adopted: Day | None
    owned_following: Decimal | None
    exercise_price: Decimal | None = None
    exercise_price_note: str | None = None
    date_exercisable: Day | None = None
    date_exercisable_note: str | None = None
    expiration_date: Day | None = None
    expiration_note: str | None = None
    underlying_security: str | None = None
    underlying_shares: Decimal | None = None
    footnote: str | None = None
    signature_date: Day | None = None
    period_of_report: Day | None = None

    @property
    def is_transaction(self) -> bool:
        return self.kind == "transaction"


class _Row:
    """The cells of one row, read column by column; each refusal is kept with its column."""

    def __init__(self, cells: Mapping[str, object], where: Where) -> None:
        self.cells = cells
        self.where = where
        self.problems: list[RowProblem] = []

    def text(self, name: str) -> str:
        raw = self.cells.get(name)
        if raw is None:
            return ""
        if isinstance(raw, float):
            # a spreadsheet's number: 1234.0 is 1234, and 30.450000000000003 (=10.15*3) is the
            # 30.45 the spreadsheet shows (Excel keeps 15 significant digits)
            raw = int(raw) if raw.is_integer() else f"{raw:.15g}"
        if isinstance(raw, datetime):
            raw = raw.date()  # a spreadsheet's date cell, which openpyxl reads as a datetime
        if isinstance(raw, date):
            return raw.isoformat()
        return " ".join(str(raw).split())

    def wrong(self, name: str | None, message: str) -> None:
        owner = self.text("owner_cik") or self.text("owner")
        self.problems.append(RowProblem(self.where, name, message, owner, self.text("joint")))

    def read(self, name: str, parse: Callable[[str], Any], *, required: bool = False) -> Any:
        raw = self.text(name)
        if not raw:
            if required:
                self.wrong(name, empty(name))
            return None
        try:
            return parse(raw)
        except ValueError as err:
            self.wrong(name, str(err))
            return None

    def amount(self, name: str, *, required: bool = False) -> Decimal | None:
        found = self.read(name, _decimal, required=required)
        if found is not None and found < 0:
            self.wrong(
                name,
                f"{self.text(name)} is negative: give the amount without a sign "
                "(acquired_disposed says whether it came in or went out)",
            )
            return None
        return found  # type: ignore[no-any-return]

    def day(self, name: str, *, required: bool = False) -> date | None:
        return self.read(name, values.parse_date, required=required)  # type: ignore[no-any-return]

    def words(self, name: str, maximum: int, what: str) -> str | None:
        raw = self.text(name)
        if not raw:
            return None
        try:
            values.check_xml_characters(raw, what)
            return values.check_length(raw, maximum, what)
        except ValueError as err:
            self.wrong(name, str(err))
            return None


def empty(name: str) -> str:
    """The sentence for a required column left empty: what it holds."""
    meaning = BY_NAME[name].meaning.rstrip(".")
    return f"is empty, and this row needs it: {meaning[0].lower()}{meaning[1:]}"


def _decimal(raw: str) -> Decimal:
    return values.parse_decimal(raw.replace("$", "").strip())


_DERIVATIVE = (
    "exercise_price", "exercise_price_note", "date_exercisable", "date_exercisable_note",
    "expiration_date", "expiration_note", "underlying_security", "underlying_shares",
)  # fmt: skip

_FORMS = {"3": "3", "4": "4", "5": "5"}


def read_event(cells: Mapping[str, object], where: Where) -> Event | list[RowProblem]:
    """The event of one row (``cells``: column name -> cell), or every problem of the row."""
    row = _Row(cells, where)
    owner, book_key = _owner(row)
    issuer_cik = row.read("issuer_cik", values.parse_cik, required=True)
    ticker = row.words("issuer_ticker", 10, "The trading symbol")
    if ticker is None and not row.text("issuer_ticker"):
        row.wrong("issuer_ticker", empty("issuer_ticker"))
    form = _form(row)
    table = _table(row)
    kind, code, direction = _happening(row, table)
    if form == "3" and kind == "transaction":
        row.wrong("what_happened", "a Form 3 reports holdings only: write holding")
    if kind == "transaction" and code is not None and direction is None:
        row.wrong(
            "acquired_disposed",
            f"is empty and code {code} does not say which way: give A (acquired) or D "
            "(disposed of)",
        )
    ownership = _ownership(row)
    nature = row.words("nature", 100, "The nature of indirect ownership")
    if ownership == "I" and not nature:
        row.wrong(
            "nature", "is empty, and the ownership is indirect: say how it is held (By Trust)"
        )
    plan = row.read("plan", values.parse_bool) or False
    plan_adopted = row.day("plan_adopted")
    if plan and plan_adopted is None and not row.text("plan_adopted"):
        row.wrong(
            "plan_adopted",
            "is empty, and the row is under a Rule 10b5-1 plan: give the date the plan was "
            "adopted (the form's footnote must say it)",
        )
    shares = row.amount("shares", required=kind == "transaction")
    price = row.amount("price", required=kind == "transaction")
    event = Event(
        where=where,
        owner=owner,
        book_key=book_key,
        issuer_cik=issuer_cik or "",
        issuer_ticker=ticker or "",
        issuer_name=row.words("issuer_name", 150, "The issuer name"),
        form=form,
        joint=row.text("joint") or None,
        table=table,
        kind=kind,
        date=row.day("date", required=True) or date.min,
        code=code,
        acquired_disposed=direction,
        security=row.words("security", 60, "A security title") or "",
        shares=shares,
        price=price,
        ownership=ownership,
        nature=nature,
        plan=plan,
        plan_adopted=plan_adopted,
        owned_following=row.amount("owned_following"),
        exercise_price=row.amount("exercise_price"),
        exercise_price_note=row.text("exercise_price_note") or None,
        date_exercisable=row.day("date_exercisable"),
        date_exercisable_note=row.text("date_exercisable_note") or None,
        expiration_date=row.day("expiration_date"),
        expiration_note=row.text("expiration_note") or None,
        underlying_security=row.words("underlying_security", 60, "A security title"),
        underlying_shares=row.amount("underlying_shares"),
        footnote=row.text("footnote") or None,
        signature_date=row.day("signature_date"),
        period_of_report=row.day("period_of_report"),
    )
    if form == "5" and event.period_of_report is None and not row.text("period_of_report"):
        row.wrong("period_of_report", "is empty, on a Form 5: give the last day of the fiscal year")
    if not row.text("security"):
        row.wrong("security", empty("security"))
    if table == "table_2":
        _derivative_columns(row, event)
    return row.problems or event


def _owner(row: _Row) -> tuple[Owner, str | None]:
    key = row.text("owner") or None
    cik = row.read("owner_cik", values.parse_cik, required=key is None)
    if cik is None and key is not None and key.isdigit():
        cik, key = values.parse_cik(key), None
    owner = Owner(
        cik=cik or "",
        name=row.words("owner_name", 150, "The reporting person's name"),
        relationship=_relationship(row),
        address=_address(row),
        signature=row.words("signature", 255, "The signature"),
    )
    return owner, key


_BOXES = {"director": "director", "officer": "officer", "ten_percent_owner": "ten_percent_owner",
          "other": "other"}  # fmt: skip


def _relationship(row: _Row) -> dict[str, Any] | None:
    """``director; officer: CFO`` -> the draft's relationship mapping."""
    raw = row.text("relationship")
    if not raw:
        return None
    found: dict[str, Any] = {}
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        head, _, title = (s.strip() for s in part.partition(":"))
        box = _box(head)
        if box is None:
            row.wrong(
                "relationship",
                f"{head!r} is not a relationship: write director, officer: TITLE, 10% owner or "
                "other: TEXT (several separated by ;)",
            )
            return None
        found[box] = True
        if title and box in ("officer", "other"):
            key = "officer_title" if box == "officer" else "other_text"
            if len(title) > 30:
                row.wrong("relationship", f"{title!r} is longer than 30 characters, EDGAR's limit")
                return None
            found[key] = title
        elif box in ("officer", "other") and not title and _box_word(head) != box:
            found["officer_title" if box == "officer" else "other_text"] = head
    return found


def _box(words: str) -> str | None:
    """The box words name: "director", "10% owner", a title ("Chief Financial Officer": officer);
    None when they name none, or several ("Director and CFO": write them apart, with ;)."""
    folded = words.casefold()
    if folded in _BOXES:
        return _BOXES[folded]
    matches = {
        box
        for box, keys in codes.RELATIONSHIP_KEYWORDS.items()
        if any(re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded) for key in keys)
    }
    return matches.pop() if len(matches) == 1 else None


def _box_word(words: str) -> str | None:
    """The box a word names by itself ("officer"), as opposed to a title ("CFO")."""
    folded = words.casefold()
    return folded if folded in _BOXES else ("ten_percent_owner" if "10" in folded else None)


def _address(row: _Row) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    for name, maximum, what in (
        ("street1", 40, "Street line 1"),
        ("street2", 40, "Street line 2"),
        ("city", 30, "The city"),
        ("zip", 10, "The ZIP code"),
    ):
        if (text := row.words(name, maximum, what)) is not None:
            found[name] = text
    state = row.text("state")
    if state:
        try:
            found["state"] = codes.check_state(codes.code_of(state, codes.US_STATES), legacy=False)
        except ValueError as err:
            row.wrong("state", str(err))
    if found:
        found["non_us"] = False
    return found or None


def _form(row: _Row) -> str:
    raw = row.text("form").upper().removeprefix("FORM").strip()
    if not raw:
        return "4"
    if raw in _FORMS:
        return _FORMS[raw]
    if raw in {f.value for f in FormType}:
        row.wrong("form", f"{raw} is an amendment: make it with sec16 amend, not from a table")
    else:
        row.wrong("form", f"{raw!r} is not a form: write 4, 5 or 3")
    return "4"


def _table(row: _Row) -> str:
    raw = row.text("table").upper().removeprefix("TABLE").strip()
    if raw in ("I", "1"):
        return "table_1"
    if raw in ("II", "2"):
        return "table_2"
    if raw:
        row.wrong("table", f"{raw!r} is not a table: write I or II")
    return "table_2" if any(row.text(name) for name in _DERIVATIVE) else "table_1"


def _happening(row: _Row, table: str) -> tuple[str, str | None, str | None]:
    """(kind, code, direction) of the row's "what happened"."""
    raw = row.text("what_happened")
    direction = _direction(row)
    if raw.casefold() in ("holding", "held", "holdings", "h"):
        return "holding", None, None
    if not raw:
        row.wrong("what_happened", empty("what_happened"))
        return "transaction", None, direction
    try:
        read = read_happening(raw, table)
    except ValueError as err:
        row.wrong("what_happened", str(err))
        return "transaction", None, direction
    if direction is not None and read.direction is not None and direction != read.direction:
        row.wrong(
            "acquired_disposed",
            f"says {direction}, but what_happened ({raw!r}) says {read.direction}: make them agree",
        )
    usual = codes.TransactionCode(read.code).usual_direction
    return "transaction", read.code, direction or read.direction or (str(usual) if usual else None)


def _direction(row: _Row) -> str | None:
    raw = row.text("acquired_disposed").casefold()
    if not raw:
        return None
    for code, words in codes.ACQUIRED_DISPOSED_KEYWORDS.items():
        if raw == str(code).casefold() or raw in words:
            return str(code)
    row.wrong("acquired_disposed", f"{raw!r} is neither A (acquired) nor D (disposed of)")
    return None


def _ownership(row: _Row) -> str:
    raw = row.text("ownership").casefold()
    if not raw:
        return "D"
    for code, words in codes.DIRECT_INDIRECT_KEYWORDS.items():
        if raw == str(code).casefold() or raw in words:
            return str(code)
    row.wrong("ownership", f"{raw!r} is neither D (direct) nor I (indirect)")
    return "D"


def _derivative_columns(row: _Row, event: Event) -> None:
    """Table II rows need a price, two dates and an underlying security (or a footnote)."""
    for name, note in (
        ("exercise_price", "exercise_price_note"),
        ("date_exercisable", "date_exercisable_note"),
        ("expiration_date", "expiration_note"),
    ):
        if not row.text(name) and not row.text(note):
            row.wrong(name, f"is empty, on a Table II row: give it, or a footnote in {note}")
    if not event.underlying_security:
        row.wrong("underlying_security", "is empty, on a Table II row: give it (Common Stock)")
