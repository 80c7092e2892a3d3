"""From a table's events to the drafts a filer would make of them by hand.

The steps, in order:

1. **Who**: each event's reporting person, from the table or, for what it leaves out (name,
   address, relationship, signature), from the person's last filing in the issuer in the book.
2. **Which filing**: the events of one person, issuer and form make one filing; those of every
   person with the same ``joint`` label make one joint filing (an event given for several of
   its persons is reported once).
3. **Fills combined** (unless ``aggregate`` is off): rows of the same date, code, direction,
   security, ownership and 10b5-1 plan become one row with the total shares and the weighted
   average price, rounded to 4 decimals as filers round it, with the standard footnote on the
   price giving the lowest and highest price; the fills themselves are kept for the breakdown
   the footnote promises (``Part.fills``). Different prices are combined only for purchases
   and sales (P, S), whose footnote says so; other rows are combined at one price only.
4. **Owned following**, row by row in date order: the table's own figure when it gives one,
   else the figure the row before of the same holding left, else the book's last figure before
   it (``--book``), plus or minus the row. A row with no figure to continue from is left empty
   with a sentence for the filer: never a guess.
5. **Split at EDGAR's limits**: at most 30 rows in each table, 99 footnotes and 10 reporting
   persons in one filing. Each part is a whole filing, its footnotes numbered from F1, with a
   remark saying which of how many it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generator.batch.events import Event, Owner
from generator.book.figures import LastFigures
from generator.book.sources import Book, BookRow, Entry, person_of
from generator.model import standard_footnotes, values

#: EDGAR's limits on one filing (spec v5.5 §3.3, §3.5).
MAX_ROWS_PER_TABLE = 30
MAX_FOOTNOTES = 99
MAX_OWNERS = 10

#: Codes whose fills at different prices are combined at their weighted average (the standard
#: footnote speaks of shares bought or sold).
AVERAGED_CODES = ("P", "S")

_PLACES = Decimal("0.0001")


@dataclass
class Line:
    """One row of a draft being made: the event it stands for and what was worked out."""

    event: Event
    #: Every event combined into this row (the event itself alone when nothing was).
    fills: list[Event]
    shares: Decimal | None
    price: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    owned_following: Decimal | None = None
    #: Why the owned-following figure was left for the filer ('' when it was computed).
    left: str = ""
    #: Draft key of the value -> the texts of the footnotes on it.
    notes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.event.table

    def note(self, key: str, text: str) -> None:
        texts = self.notes.setdefault(key, [])
        if text not in texts:
            texts.append(text)

    @property
    def averaged(self) -> bool:
        return self.low is not None and self.low != self.high


@dataclass
class Part:
    """One draft to write: its data (as the draft loader reads it), the sentences to put at its
    top, and the fills of its averaged rows (for the breakdown file)."""

    data: dict[str, Any]
    form: str
    number: int
    of: int
    notes: list[str] = field(default_factory=list)
    #: (row's draft key, date, code, security, price, shares) of each price of each averaged row.
    fills: list[tuple[str, date, str, str, Decimal, Decimal]] = field(default_factory=list)
    #: Every table row (file and row) the draft was made from.
    sources: list[str] = field(default_factory=list)
    #: The first reporting person of the filing split into parts (the parts are named by them).
    lead: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    """The drafts to write, and the events left out with the reason (a sentence each)."""

    parts: list[Part] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def make_plan(
    events: Sequence[Event],
    *,
    book: Book | None = None,
    aggregate: bool = True,
    today: date,
    refused: Iterable[str] = (),
    refused_joint: Iterable[str] = (),
) -> Plan:
    """The drafts ``events`` make. ``refused``: owners (CIK or book key) with a bad row in the
    table, ``refused_joint``: joint filings with one; none of their drafts is made."""
    plan = Plan()
    people = _People(book)
    barred = {_owner_id(text) for text in refused if text}
    barred_joint = {label for label in refused_joint if label}
    resolved: list[Event] = []
    for event in events:
        if _owner_id(event.book_key or event.owner.cik) in barred:
            continue
        found = people.resolve(event)
        if isinstance(found, str):
            plan.left_out.append(found)
            barred.add(_owner_id(event.book_key or ""))
            if event.joint:
                barred_joint.add(event.joint)
            continue
        resolved.append(found)
    figures = LastFigures(book) if book is not None else None
    for group in _groups(resolved, barred, barred_joint, plan):
        plan.parts.extend(_parts(group, people, figures, aggregate, today))
    return plan


def _owner_id(text: str) -> str:
    """An owner as the refusals name them: the CIK as a number, or the book key folded."""
    raw = text.strip()
    return str(int(raw)) if raw.isdigit() else raw.casefold()


# --- 1. who -----------------------------------------------------------------------------------


class _People:
    """The reporting persons of the table, completed from the book's last filings."""

    def __init__(self, book: Book | None) -> None:
        self.book = book
        self.details: dict[tuple[str, str], dict[str, Any]] = {}

    def resolve(self, event: Event) -> Event | str:
        """The event with its owner's CIK known (a book key looked up); or why it cannot be."""
        if event.book_key is None:
            return event
        if self.book is None:
            return (
                f"{event.where.at('owner')}: {event.book_key!r} is a key into the book, but no "
                "--book was given; give owner_cik, or the book"
            )
        wanted = " ".join(event.book_key.split()).casefold()
        ciks = {
            cik
            for entry in self.book.entries
            for cik, name in zip(entry.owner_ciks, entry.owner_names, strict=False)
            if " ".join(name.split()).casefold() == wanted
        }
        if len(ciks) != 1:
            how = "is not the name of any reporting person" if not ciks else "names several"
            return (
                f"{event.where.at('owner')}: {event.book_key!r} {how} in the book; give owner_cik"
            )
        return replace(event, owner=replace(event.owner, cik=ciks.pop()), book_key=None)

    def owner(self, cik: str, issuer: str, given: Sequence[Owner]) -> dict[str, Any]:
        """The draft's reporting person: what the table gives, the rest from the book."""
        person: dict[str, Any] = {"cik": cik.zfill(10)}
        from_book = self.from_book(cik, issuer)
        for key in ("name", "address", "relationship"):
            found = next((getattr(o, key) for o in given if getattr(o, key)), None)
            if found is None:
                found = from_book.get(key)
            if found:
                person[key] = dict(found) if isinstance(found, dict) else found
        return person

    def signature(self, cik: str, issuer: str, given: Sequence[Owner]) -> str | None:
        found = next((o.signature for o in given if o.signature), None)
        return found or self.from_book(cik, issuer).get("signature")

    def from_book(self, cik: str, issuer: str) -> dict[str, Any]:
        """The person's name, address, relationship and signature in their last filing in
        the issuer that the book holds ({} without a book, or when it holds none)."""
        key = (str(int(cik)), str(int(issuer)) if issuer.isdigit() else issuer)
        if key in self.details:
            return self.details[key]
        found: dict[str, Any] = {}
        if self.book is not None:
            entries = sorted(self.book.of(key[0], key[1]), key=_latest_first)
            for entry in entries:
                if (read := _person_in(entry, key[0])) is not None:
                    found = read
                    break
        self.details[key] = found
        return found


def _latest_first(entry: Entry) -> tuple[int, int, str]:
    day = entry.filed or entry.period or date.min
    return (-day.toordinal(), entry.is_draft, str(entry.path))


def _person_in(entry: Entry, owner: str) -> dict[str, Any] | None:
    """What ``entry`` says of reporting person ``owner`` (None when it cannot be read)."""
    from generator.formats.draft import filing_to_data
    from generator.formats.importer import import_file
    from generator.support.errors import DraftError, InputError

    try:
        data = filing_to_data(import_file(entry.path).filing)
    except (InputError, DraftError):
        return None
    owners = [o for o in data.get("reporting_owners") or [] if isinstance(o, dict)]
    signatures = [s.get("name") for s in data.get("signatures") or [] if isinstance(s, dict)]
    for index, person in enumerate(owners):
        if str(person.get("cik") or "").isdigit() and int(person["cik"]) == int(owner):
            found = person_of(person)
            if signatures:
                same = len(signatures) == len(owners)
                found["signature"] = signatures[index] if same else signatures[0]
            return found
    return None


# --- 2. which filing ----------------------------------------------------------------------------


def _groups(
    events: list[Event], barred: set[str], barred_joint: set[str], plan: Plan
) -> list[list[Event]]:
    """The events of each filing to make, in the order the table first names each; a joint
    filing of which a row (or a reporting person) was refused is not made at all."""
    groups: dict[tuple[object, ...], list[Event]] = {}
    for event in events:
        who: tuple[object, ...] = (
            ("joint", event.joint) if event.joint else ("owner", int(event.owner.cik))
        )
        groups.setdefault((int(event.issuer_cik), event.form, *who), []).append(event)
    kept: list[list[Event]] = []
    for key, found in groups.items():
        owners = {_owner_id(e.owner.cik) for e in found}
        if key[2] == "joint" and (key[3] in barred_joint or owners & barred):
            plan.left_out.append(
                f"joint filing {key[3]!r}: no draft, because a row of it (or of one of its "
                "reporting persons) is wrong; see above"
            )
            continue
        if owners & barred:
            continue
        kept.append(found)
    return kept


def _reported_once(events: list[Event]) -> list[Event]:
    """The events of a filing, each event of a joint filing reported once: an event several of
    its persons give is one row (two equal fills of one person stay two rows)."""
    kept_count: dict[tuple[object, ...], int] = {}
    seen: dict[tuple[str, tuple[object, ...]], int] = {}
    kept: list[Event] = []
    for event in events:
        key = _event_key(event)
        mine = seen[(event.owner.cik, key)] = seen.get((event.owner.cik, key), 0) + 1
        if mine > kept_count.get(key, 0):
            kept_count[key] = kept_count.get(key, 0) + 1
            kept.append(event)
    return kept


def _event_key(event: Event) -> tuple[object, ...]:
    """What an event is, whoever reports it (the same event of two owners of a joint filing)."""
    return (
        event.table, event.kind, event.date, event.code, event.acquired_disposed, event.security,
        event.shares, event.price, event.ownership, event.nature, event.plan, event.plan_adopted,
        event.owned_following, event.exercise_price, event.exercise_price_note,
        event.date_exercisable, event.date_exercisable_note, event.expiration_date,
        event.expiration_note, event.underlying_security, event.underlying_shares, event.footnote,
    )  # fmt: skip


# --- 3. fills combined ----------------------------------------------------------------------------


def _combine_key(event: Event) -> tuple[object, ...]:
    """Rows with the same key are fills of one row (the price aside)."""
    return (
        event.table, event.kind, event.date, event.code, event.acquired_disposed,
        " ".join(event.security.split()).casefold(), event.ownership,
        " ".join((event.nature or "").split()).casefold(), event.plan, event.plan_adopted,
        event.exercise_price, event.exercise_price_note, event.date_exercisable,
        event.date_exercisable_note, event.expiration_date, event.expiration_note,
        event.underlying_security, event.footnote,
    )  # fmt: skip


def _lines(events: list[Event], aggregate: bool) -> list[Line]:
    """The rows of one filing: its events, fills combined when ``aggregate``."""
    if not aggregate:
        return [Line(e, [e], e.shares, e.price) for e in events]
    buckets: dict[tuple[object, ...], list[Event]] = {}
    for event in events:
        if not event.is_transaction:
            buckets[("holding", id(event))] = [event]
            continue
        key = _combine_key(event)
        if event.code not in AVERAGED_CODES:
            key = (*key, event.price)  # combined at one price only
        buckets.setdefault(key, []).append(event)
    return [_combined(fills) for fills in buckets.values()]


def _combined(fills: list[Event]) -> Line:
    first = fills[0]
    if len(fills) == 1:
        return Line(first, fills, first.shares, first.price)
    shares = sum((f.shares or Decimal(0) for f in fills), Decimal(0))
    prices = [f.price for f in fills if f.price is not None]
    price: Decimal | None = None
    low = high = None
    if prices and len(prices) == len(fills) and shares:
        worth = sum((f.price * (f.shares or 0) for f in fills if f.price is not None), Decimal(0))
        price = (worth / shares).quantize(_PLACES, rounding=ROUND_HALF_UP)
        low, high = min(prices), max(prices)
        if low == high:
            price, low, high = low, None, None
    following = next((f.owned_following for f in reversed(fills) if f.owned_following), None)
    line = Line(first, fills, shares, price, low, high)
    line.owned_following = following
    return line


# --- 4. owned following -----------------------------------------------------------------------


def _holding(event: Event) -> tuple[object, ...]:
    """Which holding a row moves: table, security, direct or indirect and how; a grant's terms."""
    key: tuple[object, ...] = (
        event.table,
        " ".join(event.security.split()).casefold(),
        event.ownership,
        " ".join((event.nature or "").split()).casefold() if event.ownership == "I" else "",
    )
    if event.table == "table_2":
        key += (event.exercise_price, event.expiration_date)
    return key


def _follow(lines: list[Line], owners: list[str], issuer: str, figures: LastFigures | None) -> None:
    """Each row's owned-following figure, in date order (see the module's docstring)."""
    running: dict[tuple[object, ...], Decimal] = {}
    for line in lines:
        event, key = line.event, _holding(line.event)
        if event.form == "3" and event.table == "table_2":
            continue  # Table II of a Form 3 has no amount owned following
        given = line.owned_following
        if given is None:
            given = event.owned_following
        if given is None and not event.is_transaction:
            given = event.shares  # a holding's amount is what it holds
        before = running.get(key)
        source = "the row before"
        if before is None and figures is not None:
            held = figures.find(owners, issuer, _book_row(event))
            if held is not None:
                before, source = held.amount, f"the book's {held.source}"
        if given is not None:
            line.owned_following = given
        elif before is None:
            line.left = (
                f"owned following of {event.security!r} ({_ownership_words(event)}) on "
                f"{values.us_date(event.date)} is left for you: "
                + (
                    "the book has no figure for this holding before it"
                    if figures is not None
                    else "no --book was given"
                )
                + ", and no earlier row of the table gives one. Give it (owned_following)"
            )
        else:
            after = _after(line, before)
            if after is None or after < 0:
                line.left = (
                    f"owned following of {event.security!r} on {values.us_date(event.date)} is "
                    f"left for you: {source} leaves {values.format_decimal(before)}, and this "
                    "row would leave less than nothing. Check the amounts and give it"
                )
            else:
                line.owned_following = after
        if line.owned_following is not None:
            running[key] = line.owned_following
        else:
            running.pop(key, None)


def _after(line: Line, before: Decimal) -> Decimal | None:
    if not line.event.is_transaction:
        return before
    if line.shares is None or line.event.acquired_disposed not in ("A", "D"):
        return None
    return before + line.shares if line.event.acquired_disposed == "A" else before - line.shares


def _ownership_words(event: Event) -> str:
    return "direct" if event.ownership == "D" else f"indirect, {event.nature}"


def _book_row(event: Event) -> BookRow:
    """The row as the book shapes one, as of the day before it (the book's figure before it)."""
    from datetime import timedelta

    derivative = event.table == "table_2"
    price = event.exercise_price
    return BookRow(
        table="II" if derivative else "I",
        security=event.security,
        ownership=event.ownership,
        nature=event.nature or "",
        transaction=False,
        date=event.date - timedelta(days=1) if event.date > date.min else None,
        exercise_price=values.format_decimal(price) if derivative and price is not None else "",
        expiration=(
            event.expiration_date.isoformat()
            if derivative and event.expiration_date is not None
            else ""
        ),
    )


# --- footnotes --------------------------------------------------------------------------------


def _footnote(line: Line) -> None:
    """The footnotes each row carries, by the value they explain."""
    event = line.event
    if line.averaged and line.low is not None and line.high is not None:
        direction = event.acquired_disposed or ""
        words = standard_footnotes.row_words(event.table, event.code or "", direction)
        line.note(
            "price",
            standard_footnotes.WEIGHTED_AVERAGE.fill(
                words,
                {
                    "low": standard_footnotes.show_price(line.low),
                    "high": standard_footnotes.show_price(line.high),
                },
            ),
        )
    if event.plan and event.plan_adopted is not None:
        date_words = values.us_date(event.plan_adopted)
        line.note("code", standard_footnotes.PLAN.fill({}, {"date": date_words}))
    if event.footnote:
        line.note("code" if event.is_transaction else "security", event.footnote)
    for key, text in (
        ("exercise_price", event.exercise_price_note),
        ("date_exercisable", event.date_exercisable_note),
        ("expiration_date", event.expiration_note),
    ):
        if text:
            line.note(key, text)


# --- 5. split at the limits, and the drafts -----------------------------------------------------


def _parts(
    events: list[Event],
    people: _People,
    figures: LastFigures | None,
    aggregate: bool,
    today: date,
) -> list[Part]:
    first = events[0]
    issuer, form = first.issuer_cik, first.form
    owner_ciks = list(dict.fromkeys(e.owner.cik for e in events))
    given = {cik: [e.owner for e in events if e.owner.cik == cik] for cik in owner_ciks}
    lines = _lines(_reported_once(events), aggregate)
    order = {id(line): index for index, line in enumerate(lines)}
    lines.sort(key=lambda line: (not line.event.is_transaction, line.event.date, order[id(line)]))
    _follow(lines, owner_ciks, issuer, figures)
    for line in lines:
        _footnote(line)
    row_parts = _row_parts(lines)
    owner_parts = [owner_ciks[i : i + MAX_OWNERS] for i in range(0, len(owner_ciks), MAX_OWNERS)]
    total = len(row_parts) * len(owner_parts)
    reason = _split_reason(len(row_parts) > 1, len(owner_parts) > 1, form)
    parts: list[Part] = []
    for owners in owner_parts:
        for rows in row_parts:
            number = len(parts) + 1
            people_data = [people.owner(cik, issuer, given[cik]) for cik in owners]
            signatures = [people.signature(cik, issuer, given[cik]) for cik in owners]
            part = _part(rows, people_data, signatures, first, today, number, total, reason)
            part.lead = people.owner(owner_ciks[0], issuer, given[owner_ciks[0]])
            parts.append(part)
    return parts


def _row_parts(lines: list[Line]) -> list[list[Line]]:
    """The rows in filings of at most 30 rows a table and 99 footnotes (a holding-only filing,
    or one without rows, is one part)."""
    parts: list[list[Line]] = [[]]
    counts = {"table_1": 0, "table_2": 0}
    texts: set[str] = set()
    for line in lines:
        own = {text for notes in line.notes.values() for text in notes}
        if parts[-1] and (
            counts[line.table] >= MAX_ROWS_PER_TABLE or len(texts | own) > MAX_FOOTNOTES
        ):
            parts.append([])
            counts = {"table_1": 0, "table_2": 0}
            texts = set()
        parts[-1].append(line)
        counts[line.table] += 1
        texts |= own
    return parts


def _split_reason(rows: bool, owners: bool, form: str) -> str:
    limits = []
    if rows:
        limits.append(
            f"at most {MAX_ROWS_PER_TABLE} rows in each table and {MAX_FOOTNOTES} footnotes"
        )
    if owners:
        limits.append(f"at most {MAX_OWNERS} reporting persons")
    return f"EDGAR takes {' and '.join(limits)} on one Form {form}" if limits else ""


def _part(
    lines: list[Line],
    owners: list[dict[str, Any]],
    signatures: list[str | None],
    first: Event,
    today: date,
    number: int,
    total: int,
    reason: str,
) -> Part:
    form = first.form
    ids: dict[str, str] = {}
    tables: dict[str, list[dict[str, Any]]] = {"table_1": [], "table_2": []}
    notes: list[str] = []
    fills: list[tuple[str, date, str, str, Decimal, Decimal]] = []
    for line in lines:
        row = _row(line, ids)
        where = f"{line.table}[{len(tables[line.table]) + 1}]"  # counted from 1, as place paths are
        tables[line.table].append(row)
        if line.left:
            notes.append(f"{where}: {line.left}.")
        if line.averaged:
            fills.extend(_breakdown(where, line))
    data: dict[str, Any] = {"form": form, "period_of_report": _period(lines, first)}
    if form in ("4", "5"):
        data["rule_10b5_1_plan"] = any(line.event.plan for line in lines)
    issuer: dict[str, Any] = {"cik": first.issuer_cik.zfill(10), "ticker": first.issuer_ticker}
    if first.issuer_name:
        issuer["name"] = first.issuer_name
    data["issuer"] = issuer
    data["reporting_owners"] = owners
    for table, rows in tables.items():
        if rows:
            data[table] = rows
    if ids:
        data["footnotes"] = {ident: text for text, ident in ids.items()}
    if total > 1:
        data["remarks"] = f"This is Form {form} {number} of {total} filed together: {reason}."
    signed = first.signature_date or today
    data["signatures"] = []
    for person, name in zip(owners, signatures, strict=True):
        if name:
            data["signatures"].append({"name": name, "date": signed})
        else:
            who = person.get("name") or person["cik"]
            notes.append(
                f"signatures: no signature for reporting person {who} in the table or the book: "
                "give one (the signature column)."
            )
    if not data["signatures"]:
        del data["signatures"]
    sources = list(dict.fromkeys(f.where.at() for line in lines for f in line.fills))
    return Part(data, form, number, total, notes, fills, sources)


def _period(lines: list[Line], first: Event) -> date:
    """Box 3: Form 4, the earliest transaction; Form 5, the fiscal year's end; Form 3, the
    event (``period_of_report``, or the rows' date)."""
    given = next((ln.event.period_of_report for ln in lines if ln.event.period_of_report), None)
    days = [line.event.date for line in lines if line.event.is_transaction]
    if first.form == "4" and days:
        return min(days)
    return given or min((line.event.date for line in lines), default=first.date)


def _noted(value: Any, notes: list[str], ids: dict[str, str]) -> Any:
    """A draft value, with footnote ids when footnotes are on it."""
    if not notes:
        return value
    found: dict[str, Any] = {} if value is None else {"value": value}
    found["footnotes"] = [ids.setdefault(text, f"F{len(ids) + 1}") for text in notes]
    return found


def _amount(number: Decimal | None) -> str | None:
    return None if number is None else values.format_decimal(number)


def _row(line: Line, ids: dict[str, str]) -> dict[str, Any]:
    """The draft's row (its keys in the paper form's order)."""
    event, notes = line.event, line.notes
    row: dict[str, Any] = {"security": _noted(event.security, notes.get("security", []), ids)}
    derivative = event.table == "table_2"
    if derivative:
        row["exercise_price"] = _noted(
            _amount(event.exercise_price), notes.get("exercise_price", []), ids
        )
    if event.is_transaction:
        row["transaction_date"] = event.date
        row["code"] = _noted(event.code, notes.get("code", []), ids)
        if line.shares is not None:
            row["shares"] = _amount(line.shares)
        row["acquired_disposed"] = event.acquired_disposed
        row["price"] = _noted(_amount(line.price), notes.get("price", []), ids)
    if derivative:
        row["date_exercisable"] = _noted(
            event.date_exercisable, notes.get("date_exercisable", []), ids
        )
        row["expiration_date"] = _noted(
            event.expiration_date, notes.get("expiration_date", []), ids
        )
        row["underlying_security"] = event.underlying_security
        underlying = event.underlying_shares
        if underlying is None or len(line.fills) > 1:
            underlying = line.shares if event.is_transaction else None
        if underlying is not None:
            row["underlying_shares"] = _amount(underlying)
    if line.owned_following is not None:
        row["owned_following"] = _amount(line.owned_following)
    row["ownership"] = event.ownership
    if event.ownership == "I" and event.nature:
        row["nature_of_ownership"] = event.nature
    if not event.is_transaction:
        row["kind"] = "holding"
    return row


def _breakdown(where: str, line: Line) -> list[tuple[str, date, str, str, Decimal, Decimal]]:
    """The shares of an averaged row at each separate price, lowest first."""
    at: dict[Decimal, Decimal] = {}
    for fill in line.fills:
        if fill.price is not None:
            at[fill.price] = at.get(fill.price, Decimal(0)) + (fill.shares or Decimal(0))
    event = line.event
    return [
        (where, event.date, event.code or "", event.security, price, shares)
        for price, shares in sorted(at.items())
    ]
