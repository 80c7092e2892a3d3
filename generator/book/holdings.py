"""Holdings rolled forward across a book, and every figure that does not continue from it.

A holding is what a filer means by one line of a table: one owner's securities of one title in
one issuer, held directly or through one kind of indirect ownership (Table II also: one exercise
price and expiration date, since each grant is its own security). ``holding_key`` says which
holding a row belongs to; titles and natures are compared without regard to case or spacing, CIKs
as numbers. Rows alike in all of that but told apart by the footnotes on their ownership (a fund
family's "See footnote") are held by the holders those footnotes name (``BookRow.holder``).

The book is read as a timeline for each owner and issuer (docs/book.md says it for filers):

* a Form 3 (or 3/A) gives the holdings on its period of report (a Table II holding of a Form 3,
  which has no column for the number of derivative securities, starts from its underlying
  amount);
* a Form 4 transaction changes its holding by the amount acquired or disposed of and gives the
  amount owned after it. Its rows count in the order the filer wrote them: a filer computes the
  column down the table, and a Form 4 that also reports an earlier, Form-5-eligible transaction
  lists it after the day's rows. A row therefore counts on the latest date of its holding's rows
  so far in the same filing (its own date when the rows are in order);
* a Form 5 transaction changes its holding on its own date; the Form 5's figures are the holdings
  at the end of the fiscal year (its period of report);
* an amendment takes the place of the filing it amends (same issuer, an owner in common, same
  form, its ``dateOfOriginalSubmission`` = the original's filing date, else the same period of
  report); an amendment without table rows amends something else and leaves the rows alone;
  copies of one filing (XML and .txt, a draft and the XML built from it) count once;
* several rows of one holding in one filing that are not a sequence of transactions are lots,
  added up (``_lots``);
* book.yaml's adjustments (splits, reverse splits, stock dividends, corrections) change the
  holdings of their security on their date, figures dated on that day already including them; a
  ratio also adjusts the derivative securities on that security (count times the ratio, exercise
  price divided by it);
* drafts count as filings made after every filing of the book (they are what the filer is about
  to report: the transactions happened on their dates).

Events on one day come in the order of their filing dates. ``holdings`` gives, for every holding,
the figure of the last filing that reports it up to ``as_of``, with what happened after that
figure up to ``as_of`` (an adjustment, or a transaction whose figure comes later) applied and
named. ``discontinuities`` compares each figure with the one before it, plus what the book
applied in between, plus the row's own amount, at the precision the figures are written with
(as the ``holdings-arithmetic`` rule does within one filing), and says the likely cause when it
recognises one: a reversed acquired/disposed code, a transaction reported later (a Form 5's), a
gift or other transaction reported on another holding or by another owner, a holding reported
for the first time, a split book.yaml does not record, a footnote on the figure, or a gap in
the book.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from fractions import Fraction
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Literal

from generator.book.settings import Adjustment
from generator.book.sources import Book, BookRow, Entry

Table = Literal["I", "II"]
CauseKind = Literal[
    "split",
    "reverse split",
    "reversed",
    "reported later",
    "gift",
    "elsewhere",
    "first reported",
    "footnote",
    "gap",
]

_LAST = date.max
_ZERO = Decimal(0)
#: Figures further apart than a Form 4 covers (as the holdings-arithmetic rule has it).
MAX_GAP = timedelta(days=10)


@lru_cache(maxsize=16384)  # the same few titles and natures come back on every filing
def _same(text: str) -> str:
    """A title, nature or holder as compared: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=16384)
def _cik_number(cik: str) -> int | str:
    text = cik.strip()
    return int(text) if text.isdigit() else text


@lru_cache(maxsize=4096)
def _price(text: str) -> Decimal | str:
    try:
        return Decimal(text.replace(",", "").replace("$", "").strip()).normalize()
    except InvalidOperation:
        return _same(text)


@lru_cache(maxsize=4096)
def _expiry(text: str) -> date | str:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return _same(text)


@dataclass(frozen=True, eq=False)
class HoldingKey:
    """One holding: owner × issuer × table × security × D/I × nature of indirect ownership
    (Table II also × exercise price × expiration date).

    Keys are equal when they mean the same holding: titles, natures and holders compared without
    regard to case and spacing, CIKs as numbers, prices as numbers, dates as dates. The fields
    keep the spelling they were made with (``holdings`` keeps the first spelling seen).
    """

    owner_cik: str
    issuer_cik: str
    table: Table
    security: str
    ownership: str
    nature: str
    exercise_price: str = ""
    expiration: str = ""
    #: Who holds it, when the nature alone does not tell a filing's rows apart (see
    #: ``BookRow.holder``); '' otherwise.
    holder: str = ""
    _compared: tuple[object, ...] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indirect = self.ownership.strip().upper() != "D"
        derivative = self.table == "II"
        object.__setattr__(
            self,
            "_compared",
            (
                _cik_number(self.owner_cik),
                _cik_number(self.issuer_cik),
                self.table,
                _same(self.security),
                self.ownership.strip().upper(),
                _same(self.nature) if indirect else "",
                _price(self.exercise_price) if derivative else "",
                _expiry(self.expiration) if derivative else "",
                _same(self.holder),
            ),
        )
        object.__setattr__(self, "_hash", hash(self._compared))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HoldingKey) and self._compared == other._compared

    def __hash__(self) -> int:
        return self._hash

    @property
    def pair(self) -> tuple[int | str, int | str]:
        """(owner, issuer) as compared."""
        return self._compared[0], self._compared[1]  # type: ignore[return-value]

    @property
    def holding(self) -> tuple[object, ...]:
        """What is held, as compared, whoever holds it (the key without its owner)."""
        return self._compared[1:]

    def describe(self) -> str:
        """The holding in words: "Class A Common Stock, indirect (By Trust)"."""
        title = self.security or "(no title)"
        if self.table == "II":
            terms = [f"exercise price {self.exercise_price}" if self.exercise_price else ""]
            terms.append(f"expiring {self.expiration}" if self.expiration else "")
            if any(terms):
                title += f" ({', '.join(t for t in terms if t)})"
        held = {"D": "direct", "I": "indirect"}.get(self.ownership.strip().upper(), "held")
        if held != "direct" and (self.nature or self.holder):
            how = self.nature
            if self.holder:
                how = f"{how}: {shortened(self.holder)}" if how else shortened(self.holder)
            held += f" ({how})"
        return f"{title}, {held}"


def holding_key(owner_cik: str, issuer_cik: str, row: BookRow) -> HoldingKey:
    """The holding a row of ``owner_cik``'s filing in ``issuer_cik`` belongs to."""
    derivative = row.table == "II"
    return HoldingKey(
        owner_cik=owner_cik,
        issuer_cik=issuer_cik,
        table=row.table,
        security=row.security,
        ownership=row.ownership,
        nature=row.nature if row.ownership.strip().upper() != "D" else "",
        exercise_price=row.exercise_price if derivative else "",
        expiration=row.expiration if derivative else "",
        holder=row.holder,
    )


@dataclass(frozen=True)
class Holding:
    """What the book says one owner holds of one holding."""

    key: HoldingKey
    #: The figure as the filing writes it; after an adjustment (or a transaction whose own
    #: figure is reported later), the figure so adjusted.
    shares: str
    #: The day the figure is as of: the figure's date, or that of the last change applied.
    as_of: date
    #: The filing (or draft) that reports the figure, and its filing date (None for a draft or
    #: a filing whose date nothing says).
    source: Path
    filed: date | None
    #: What changed the reported figure, in words (book.yaml's reasons, transactions).
    adjusted: tuple[str, ...] = ()
    #: True when the figure is a value owned (valueOwnedFollowingTransaction), not shares.
    value: bool = False
    #: The form of the filing that reports it ("4", "5/A", …).
    form: str = ""
    #: The row that reports it.
    row: BookRow | None = None
    #: True when the figure is a Form 3's underlying amount (Table II: a Form 3 gives no number
    #: of derivative securities).
    underlying: bool = False
    #: True when the figure comes from a draft, not a filing.
    draft: bool = False
    #: How many rows of the filing the figure adds up: several lots of one holding (shares
    #: and restricted shares), or several grants of one title, price and expiration.
    lots: int = 1


@dataclass(frozen=True)
class Figure:
    """A figure of the book: which filing reports it, on which row, as of when."""

    source: Path
    form: str
    filed: date | None
    row: BookRow
    #: As written (for a Form 3's Table II holding: the underlying amount).
    figure: str
    as_of: date
    draft: bool = False

    def describe(self) -> str:
        """Where it is: "lnkd.xml (Form 4, filed 2013-03-05), row I.4 of 2013-03-05"."""
        filed = f"filed {self.filed}" if self.filed else ("a draft" if self.draft else "unfiled")
        return (
            f"{self.source.name} (Form {self.form}, {filed}), row {self.row.table}."
            f"{self.row.number} of {self.as_of}"
        )


@dataclass(frozen=True)
class Cause:
    """A likely cause of a discontinuity, in words, with the row that shows it (if any)."""

    kind: CauseKind
    text: str
    source: Path | None = None
    row: BookRow | None = None


@dataclass(frozen=True)
class Discontinuity:
    """A figure that does not continue from the book: the previous figure of its holding, plus
    what happened in between, plus the row's own amount, is not what the row says."""

    key: HoldingKey
    #: The figure before (None when the holding is reported for the first time).
    previous: Figure | None
    current: Figure
    #: What the book expected, and the row's figure minus it.
    expected: Decimal
    difference: Decimal
    causes: tuple[Cause, ...] = ()
    #: What the book applied between the two figures (adjustments, transactions of other
    #: filings), in words.
    between: tuple[str, ...] = ()

    @property
    def cause(self) -> Cause | None:
        return self.causes[0] if self.causes else None

    @property
    def reported(self) -> Decimal:
        return self.expected + self.difference

    def sentence(self) -> str:
        """The discontinuity in one paragraph, for a person."""
        current = self.current
        if self.previous is None:
            start = "no earlier figure (0 assumed)"
        else:
            start = f"{number_text(self.previous.figure)} in {self.previous.describe()}"
        text = (
            f"{self.key.describe()}: {current.describe()} {_movement(current)}gives "
            f"{number_text(current.figure)}, but the book expected "
            f"{number_text(self.expected)} (from {start}"
        )
        if self.between:
            text += "; then " + "; ".join(self.between)
        text += f"): a difference of {_signed(self.difference)}."
        if self.causes:
            text += " Likely cause: " + " Or: ".join(c.text for c in self.causes)
        return text


# --- numbers --------------------------------------------------------------------------------------


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        found = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _slack(*amounts: Decimal | None) -> Decimal:
    """How far figures written as these may be from exact: half a unit of the last decimal of
    each figure written with decimals (fractional shares rounded as reported); a whole number
    is an exact count (``generator.checks.rules.holdings.rounding``)."""
    half = Decimal(5)
    return sum(
        (half.scaleb(-places - 1) for a in amounts if a is not None and (places := _places(a))),
        Decimal(0),
    )


def plain_number(amount: Decimal) -> str:
    """A computed figure, written as a filer would: no exponent, no trailing zeros."""
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def number_text(text: str | Decimal) -> str:
    """A figure for people: thousands separated, decimals as written ("16,823,235")."""
    amount = text if isinstance(text, Decimal) else _decimal(text)
    if amount is None:
        return str(text)
    return f"{amount:,f}"


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "-") + number_text(abs(amount))


def shortened(text: str, width: int = 60) -> str:
    """Text on one line, cut to ``width`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _movement(figure: Figure) -> str:
    """What the figure's row does, before it gives its figure ("disposes of 100 (S) and ")."""
    row = figure.row
    if figure.form.removesuffix("/A") == "5":
        return "(the holding at the end of the fiscal year) "
    if not row.transaction or row.shares is None:
        return ""
    verb = {"A": "acquires", "D": "disposes of"}.get(row.acquired_disposed, "moves")
    code = f" ({row.code})" if row.code else ""
    return f"{verb} {number_text(row.shares)}{code} and "


def _ratio(raw: Decimal) -> Fraction:
    """A ratio as an exact fraction ("1-for-3" is read as 0.333…: one third)."""
    exact = Fraction(raw)
    return exact.limit_denominator(1000) if exact.denominator > 10**6 else exact


def _ratio_words(ratio: Fraction) -> str:
    if ratio >= 1:
        return f"{ratio.numerator}-for-{ratio.denominator} split"
    return (
        f"1-for-{plain_number(Decimal(ratio.denominator) / Decimal(ratio.numerator))} reverse split"
    )


# --- the timeline ---------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Event:
    """One thing that happens to one owner's holdings in one issuer."""

    when: date
    #: 0 an adjustment (before the day's rows), 1 a filing's rows.
    phase: int
    #: The filing date that orders events of one day (date.max for a draft).
    position: date
    order: int
    seq: int
    entry: Entry | None = None
    row: BookRow | None = None
    key: HoldingKey | None = None
    #: The signed amount the row moves its holding by (None: no movement, or not known).
    move: Decimal | None = None
    moves: bool = False
    #: The figure the row reports and as a number (None: it reports none here).
    figure: str | None = None
    amount: Decimal | None = None
    underlying: bool = False
    adjustment: Adjustment | None = None
    #: How many rows of the filing the figure adds up (see ``_lots``).
    lots: int = 1
    #: A figure of several grants that the book cannot follow one by one: not compared, and
    #: the next figure of its holding is not compared with it.
    uncertain: bool = False

    def sort_key(self) -> tuple[date, int, date, int, int]:
        return (self.when, self.phase, self.position, self.order, self.seq)


_in_order = attrgetter("when", "phase", "position", "order", "seq")


@dataclass
class _Chain:
    """The state of one holding along the timeline."""

    key: HoldingKey
    #: The underlying security's title, compared (Table II), for a split of it.
    underlying: str = ""
    #: The book's figure now (None when unknown: a move of unknown direction).
    running: Decimal | None = None
    #: The last figure reported, and what was applied since (for ``holdings``).
    last: _Event | None = None
    rolled: list[str] = field(default_factory=list)
    rolled_at: date | None = None
    #: What was applied since the last figure (for ``discontinuities``).
    between: list[str] = field(default_factory=list)
    later_moves: list[_Event] = field(default_factory=list)
    ratio_since: bool = False
    #: The ratios of book.yaml applied since the last figure, with their adjustments.
    splits: list[tuple[Fraction, Adjustment]] = field(default_factory=list)
    #: The last figure adds up grants the book cannot follow one by one (see ``_lots``).
    uncertain: bool = False
    #: The exercise price was divided by a split's ratio: the next filing names it as it
    #: rounds it (see ``_Roll._repriced``).
    repriced: bool = False
    #: The filer's figures leave out transactions reported later, by this much, until a filing
    #: made on or after ``excluded_until``.
    excluded: Decimal = Decimal(0)
    excluded_until: date | None = None


_HOW_SURE = {"book.yaml": 0, "header": 1, "signature (assumed)": 2, "none": 3}


def _distinct(entries: Sequence[Entry]) -> list[Entry]:
    """The entries without copies of one filing (its XML and EDGAR's .txt both in the book, or
    a draft and the XML built from it): the copy whose filing date is best known counts."""
    alike: dict[tuple[object, ...], list[Entry]] = defaultdict(list)
    for entry in entries:
        alike[
            (entry.form, entry.issuer_cik, entry.owner_ciks, entry.period, len(entry.rows))
        ].append(entry)
    if len(alike) == len(entries):
        return list(entries)  # the usual book: nothing to compare
    copies: set[int] = set()
    for group in alike.values():
        group = sorted(group, key=lambda e: _HOW_SURE[e.filed_how])
        for index, entry in enumerate(group):
            if any(_copy(entry, kept) for kept in group[:index] if id(kept) not in copies):
                copies.add(id(entry))
    return [e for e in entries if id(e) not in copies]


def _copy(one: Entry, other: Entry) -> bool:
    """Is one entry a copy of the other (a draft and the XML built from it are copies)?"""
    return one.rows == other.rows and one.original_filed == other.original_filed


def _resolved(entries: Sequence[Entry]) -> list[tuple[Entry, date]]:
    """The entries that count, each with the filing date that orders it: an amendment takes
    the place (and the position) of the filing it amends."""
    entries = _distinct(entries)
    position = {id(e): e.filed or _LAST for e in entries}
    replaced: set[int] = set()
    originals: dict[tuple[int | str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        if not entry.is_amendment:
            originals[(_cik_number(entry.issuer_cik), entry.base)].append(entry)
    by_original: dict[int, list[Entry]] = defaultdict(list)
    for amendment in entries:
        if not amendment.is_amendment or not amendment.rows:
            continue
        same_kind = originals.get((_cik_number(amendment.issuer_cik), amendment.base), [])
        original = _original_of(amendment, same_kind)
        if original is not None:
            by_original[id(original)].append(amendment)
            replaced.add(id(original))
            position[id(amendment)] = position[id(original)]
    for amendments in by_original.values():
        amendments.sort(key=lambda a: (a.filed or _LAST, str(a.path)))
        replaced.update(id(a) for a in amendments[:-1])
    counted = [e for e in entries if id(e) not in replaced]
    counted.sort(key=lambda e: (position[id(e)], str(e.path)))
    return [(e, position[id(e)]) for e in counted]


def _original_of(amendment: Entry, originals: Sequence[Entry]) -> Entry | None:
    """The filing an amendment amends, among the filings of its issuer and form."""
    owners = {_cik_number(o) for o in amendment.owner_ciks}
    candidates = [
        e
        for e in originals
        if owners.intersection(_cik_number(o) for o in e.owner_ciks)
        and (amendment.filed is None or e.filed is None or e.filed <= amendment.filed)
    ]
    if amendment.original_filed is not None:
        exact = [e for e in candidates if e.filed == amendment.original_filed]
        if exact:
            return exact[-1]
    same_period = [e for e in candidates if e.period == amendment.period]
    if not same_period:
        return None
    wanted = amendment.original_filed
    if wanted is not None:
        return min(same_period, key=lambda e: abs(((e.filed or wanted) - wanted).days))
    return max(same_period, key=lambda e: e.filed or date.min)


def _lots(events: list[_Event]) -> list[_Event]:
    """A filing's events with the rows of one holding that are separate lots added up.

    Several holding rows of one holding in one filing are lots a filer lists apart (shares
    held outright and restricted shares, several grants of units), and so is a holding row
    beside transactions of the same holding: the holding is the sum of the lots. In Table II,
    transactions of one title, price and expiration whose figures do not follow one from
    another are several grants (restricted stock units granted on different days): the
    figure is the sum of each grant's last figure. The book cannot follow lots one by one: a
    sum is not compared, and the next figure of its holding is not compared with it. Table I
    transactions that do not add up are not lots but mistakes, for ``discontinuities`` to find:
    they stay, each compared on its own row, and the sum follows them.
    """
    by_key: dict[HoldingKey, list[_Event]] = {}
    for event in events:
        if event.key is not None and event.figure is not None:
            by_key.setdefault(event.key, []).append(event)
    dropped: set[int] = set()
    totals: dict[int, _Event] = {}
    for key, figures in by_key.items():
        if len(figures) < 2:
            continue
        held = [e for e in figures if e.row is not None and not e.row.transaction]
        moved = [e for e in figures if e.row is not None and e.row.transaction]
        lots = [e.amount or _ZERO for e in held]
        if moved and key.table == "II":
            lots[:0] = _grants(moved)
        elif moved:
            lots.insert(0, moved[-1].amount or _ZERO)
        if len(lots) < 2:
            continue
        last = figures[-1]
        amount = sum(lots, _ZERO)
        totals[id(last)] = _Event(
            last.when, last.phase, last.position, last.order, last.seq, last.entry, last.row,
            key, figure=plain_number(amount), amount=amount, underlying=last.underlying,
            lots=len(lots), uncertain=True,
        )  # fmt: skip
        kept_rows = {id(e) for e in moved} if key.table == "I" else set()
        dropped.update(id(e) for e in figures if id(e) not in kept_rows)
    if not totals:
        return events
    kept: list[_Event] = []
    for event in events:
        if id(event) not in dropped:
            kept.append(event)
        if id(event) in totals:
            kept.append(totals[id(event)])
    return kept


def _grants(figures: list[_Event]) -> list[Decimal]:
    """The last figure of each grant among transactions of one title, price and expiration:
    a row continues the grant before it when it adds up from it."""
    grants: list[Decimal] = []
    for event in figures:
        amount = event.amount or _ZERO
        if grants and event.move is not None and _equal(grants[-1] + event.move, amount):
            grants[-1] = amount
        elif not (grants and event.move is None and _equal(grants[-1], amount)):
            grants.append(amount)
    return grants


def _signed_move(row: BookRow) -> Decimal | None:
    if row.shares is None:
        return None
    if row.acquired_disposed == "A":
        return row.shares
    if row.acquired_disposed == "D":
        return -row.shares
    return None


class Prepared:
    """The events of each filing of a book, made as the filings are read.

    ``read_book(paths, on_entry=prepared.add)`` hands each entry over as soon as it is read, so
    that a large book's events are made while worker processes still parse the rest;
    ``holdings`` and ``discontinuities`` take them (``prepared=``) instead of making them again.
    Also the keys in their first spelling, and what else the rows say of them.
    """

    def __init__(self, owner: str | None = None, issuer: str | None = None) -> None:
        self.owner = _cik_number(owner) if owner is not None else None
        self.issuer = _cik_number(issuer) if issuer is not None else None
        self.keys: dict[HoldingKey, HoldingKey] = {}
        #: Keys by the text of the row they were made from (the same rows come back in every
        #: filing of a holder: a key is made once).
        self.made: dict[tuple[str, ...], HoldingKey] = {}
        #: The holdings each filing reports, by filing and owner (holders told apart by
        #: footnotes only: see ``_Roll._renamed``).
        self.entry_keys: dict[tuple[int, int | str], set[HoldingKey]] = {}
        self.underlying: dict[HoldingKey, str] = {}
        #: Each filing's events, for each of its owners: (owner, issuer), the events, and
        #: whether the owner is one asked for.
        self.events: dict[int, list[tuple[tuple[int | str, int | str], list[_Event], bool]]] = {}

    def same_filters(self, owner: str | None, issuer: str | None) -> bool:
        return (self.owner, self.issuer) == (
            _cik_number(owner) if owner is not None else None,
            _cik_number(issuer) if issuer is not None else None,
        )

    def wanted(self, entry: Entry) -> bool:
        return self.issuer is None or _cik_number(entry.issuer_cik) == self.issuer

    def add(self, entry: Entry) -> None:
        """Make the events of one filing (of an issuer asked for)."""
        if self.wanted(entry) and id(entry) not in self.events:
            self.events[id(entry)] = [
                self._add(entry, owner_cik) for owner_cik in dict.fromkeys(entry.owner_ciks)
            ]

    def _canonical(self, key: HoldingKey) -> HoldingKey:
        return self.keys.setdefault(key, key)

    def _add(
        self, entry: Entry, owner_cik: str
    ) -> tuple[tuple[int | str, int | str], list[_Event], bool]:
        """One owner's events of one filing (their order in the book is set later)."""
        pair = (_cik_number(owner_cik), _cik_number(entry.issuer_cik))
        counted = self.owner is None or pair[0] == self.owner
        events: list[_Event] = []
        period = entry.period or entry.filed
        base = entry.base
        latest: dict[HoldingKey, date] = {}
        year_end: dict[HoldingKey, _Event] = {}
        seq = 0
        for row in entry.rows:
            when = row.date or period
            if when is None:
                continue
            made = (
                owner_cik, entry.issuer_cik, row.table, row.security, row.ownership, row.nature,
                row.exercise_price, row.expiration, row.holder,
            )  # fmt: skip
            known = self.made.get(made)
            if known is None:
                known = self.made[made] = self._canonical(
                    holding_key(owner_cik, entry.issuer_cik, row)
                )
            key = known
            if key.holder:
                self.entry_keys.setdefault((id(entry), pair[0]), set()).add(key)
            if row.underlying_security and key not in self.underlying:
                self.underlying[key] = _same(row.underlying_security)
            seq += 1
            figure = row.following
            amount = _decimal(figure)
            underlying = False
            if amount is None and base == "3" and row.table == "II":
                figure, underlying = row.underlying_shares, True
                amount = _decimal(figure)
            move = _signed_move(row) if row.transaction else None
            event = _Event(
                when, 1, _LAST, 0, seq, entry, row, key, move, row.transaction,
                figure if amount is not None else None, amount, underlying,
            )  # fmt: skip
            if base == "5" and row.transaction:
                # The transaction on its own date; the figure, at the year's end, below.
                event.figure = event.amount = None
                events.append(event)
                if amount is not None:
                    year_end[key] = _Event(
                        period or when, 1, _LAST, 0, seq, entry, row, key,
                        figure=figure, amount=amount,
                    )  # fmt: skip
                continue
            if base == "5":
                year_end.pop(key, None)
            elif base == "4":
                when = max(when, latest.get(key, when))
                latest[key] = when
                event.when = when
            events.append(event)
        events.extend(year_end.values())
        if len(events) > 1:
            events = _lots(events)
        # A mark of the filing itself: the owner has filed in this issuer by then.
        mark = min((e.when for e in events), default=period)
        if mark is not None:
            events.append(_Event(mark, 1, _LAST, 0, 0, entry))
        return pair, events, counted


class _Timeline:
    """Every event of a book, by owner and issuer, in the book's order."""

    def __init__(self, book: Book, prepared: Prepared, *, check: bool) -> None:
        self.check = check
        self.prepared = prepared
        self.underlying = prepared.underlying
        self.entry_keys = prepared.entry_keys
        self.groups: dict[tuple[int | str, int | str], list[_Event]] = defaultdict(list)
        #: Every transaction row of the book by issuer, title and amount, each as seen by each
        #: of its owners (for a cause "reported elsewhere").
        self.transactions: dict[tuple[int | str, str, Decimal], list[_Event]] = defaultdict(list)
        entries = [e for e in book.entries if prepared.wanted(e)]
        for order, (entry, position) in enumerate(_resolved(entries)):
            if id(entry) not in prepared.events:
                prepared.add(entry)
            for pair, events, counted in prepared.events[id(entry)]:
                for event in events:
                    event.position, event.order = position, order
                    row = event.row
                    if check and event.moves and row is not None and row.shares is not None:
                        title = _same(row.security)
                        self.transactions[(pair[1], title, row.shares)].append(event)
                if counted:
                    self.groups[pair].extend(events)
        issuers = {pair[1] for pair in self.groups}
        for adjustment in book.settings.adjustments:
            number = _cik_number(adjustment.issuer)
            if number not in issuers:
                continue
            for pair, events in self.groups.items():
                if pair[1] != number:
                    continue
                if adjustment.owner is not None and _cik_number(adjustment.owner) != pair[0]:
                    continue
                events.append(_Event(adjustment.date, 0, date.min, -1, 0, adjustment=adjustment))
        for events in self.groups.values():
            events.sort(key=_in_order)


# --- rolling forward ------------------------------------------------------------------------------


class _Roll:
    """One owner's holdings in one issuer, event by event."""

    def __init__(self, timeline: _Timeline, check: bool) -> None:
        self.timeline = timeline
        self.check = check
        self.chains: dict[HoldingKey, _Chain] = {}
        #: The holdings told apart by their holder, by what else they are (see _renamed).
        self.holders: dict[tuple[object, ...], list[HoldingKey]] = defaultdict(list)
        self.found: list[Discontinuity] = []
        #: The filings seen so far: the last and the one before it, with their dates.
        self.last: tuple[Entry, date] | None = None
        self.previous: tuple[Entry, date] | None = None

    def chain(self, key: HoldingKey) -> _Chain:
        found = self.chains.get(key)
        if found is None:
            found = self.chains[key] = _Chain(key, self.timeline.underlying.get(key, ""))
            if key.holder:
                self.holders[key.holding[:-1]].append(key)
        return found

    def run(self, events: Iterable[_Event], as_of: date | None) -> None:
        for event in events:
            if as_of is not None and event.when > as_of:
                # A transaction dated by then whose figure comes later (a row listed after a
                # later day's rows) still moves its holding by then.
                row = event.row
                if (
                    event.key is not None
                    and row is not None
                    and row.date is not None
                    and row.date <= as_of
                    and event.move is not None
                    and event.key in self.chains
                ):
                    self._roll_only(self.chains[event.key], event, row.date)
                continue
            if event.adjustment is not None:
                self.adjust(event.adjustment)
            elif event.key is None:
                self.see(event)
            else:
                self.step(event)

    def see(self, event: _Event) -> None:
        """A filing's mark: the owner has filed in this issuer by now."""
        assert event.entry is not None
        if self.last is None or self.last[0] is not event.entry:
            self.previous, self.last = self.last, (event.entry, event.when)

    def before(self, entry: Entry) -> tuple[Entry, date] | None:
        """The filing of this owner in this issuer before ``entry`` (None when it is the
        first)."""
        return self.previous if self.last is not None and self.last[0] is entry else self.last

    # -- book.yaml's adjustments

    def adjust(self, adjustment: Adjustment) -> None:
        title = _same(adjustment.security)
        for key, chain in list(self.chains.items()):
            derivative_of = key.table == "II" and chain.underlying == title
            if _same(key.security) != title and not (adjustment.ratio and derivative_of):
                continue
            if chain.running is None and chain.last is None:
                continue
            if adjustment.ratio is not None:
                self._split(key, chain, _ratio(adjustment.ratio), adjustment)
            elif chain.running is not None and adjustment.shares is not None:
                chain.running += adjustment.shares
                self._note(chain, adjustment.reason, adjustment.date)

    def _split(
        self, key: HoldingKey, chain: _Chain, ratio: Fraction, adjustment: Adjustment
    ) -> None:
        if chain.running is not None:
            places = max(
                (_places(chain.last.amount) if chain.last and chain.last.amount else 0),
                _places(chain.running),
            )
            exact = chain.running * ratio.numerator / ratio.denominator
            chain.running = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)
        chain.ratio_since = True
        chain.splits.append((ratio, adjustment))
        self._note(chain, adjustment.reason, adjustment.date)
        price = _decimal(key.exercise_price)
        if key.table == "II" and price is not None:
            # The grant's exercise price divides by the ratio: later filings name the new one.
            new_price = price * ratio.denominator / ratio.numerator
            moved = HoldingKey(
                key.owner_cik, key.issuer_cik, key.table, key.security, key.ownership,
                key.nature, plain_number(new_price.quantize(Decimal("0.0001"))), key.expiration,
                key.holder,
            )  # fmt: skip
            if moved not in self.chains:
                del self.chains[key]
                chain.key, chain.repriced = moved, True
                self.chains[moved] = chain

    def _note(self, chain: _Chain, text: str, when: date) -> None:
        chain.rolled.append(text)
        chain.rolled_at = when
        chain.between.append(f"{text} on {when}")

    def _roll_only(self, chain: _Chain, event: _Event, when: date) -> None:
        """A move applied to ``holdings`` only (``as_of`` falls before its figure's date)."""
        assert event.move is not None and event.row is not None and event.entry is not None
        if chain.running is not None:
            chain.running += event.move
        chain.rolled.append(_transaction_words(event))
        chain.rolled_at = max(chain.rolled_at or when, when)

    # -- a row of a filing

    def step(self, event: _Event) -> None:
        assert event.key is not None and event.entry is not None and event.row is not None
        entry = event.entry
        before = self.before(entry)
        if event.key not in self.chains:
            if event.key.holder:
                self._renamed(event.key, entry)
            if event.key.table == "II":
                self._repriced(event.key)
        chain = self.chain(event.key)
        if chain.repriced:  # the filing's own spelling of the new price, from now on
            del self.chains[chain.key]
            chain.key, chain.repriced = event.key, False
            self.chains[event.key] = chain
        new = chain.running is None and chain.last is None
        if event.figure is None:
            # A movement without a figure here (a Form 5 transaction, or a row without one).
            if event.move is None:
                if event.moves:
                    chain.running = None  # moved by an amount or direction not known
                return
            if chain.running is None:
                if not new or before is None:
                    return
                chain.running = Decimal(0)
            chain.running += event.move
            chain.rolled.append(_transaction_words(event))
            chain.rolled_at = event.when
            chain.between.append(_transaction_words(event))
            chain.later_moves.append(event)
            return
        assert event.amount is not None
        move = event.move if event.entry.base != "5" else None
        if self.check:
            self.compare(chain, event, move, new, before)
        if self._excluding(chain, entry):
            chain.running = event.amount - chain.excluded
        else:
            chain.running = event.amount
            chain.excluded, chain.excluded_until = Decimal(0), None
        chain.last = event
        chain.uncertain = event.uncertain
        chain.rolled, chain.rolled_at = [], None
        chain.between, chain.later_moves = [], []
        chain.ratio_since, chain.splits = False, []

    def _renamed(self, key: HoldingKey, entry: Entry) -> None:
        """A holder named by a footnote whose wording changed: the holding of the same title
        and ownership whose holder's footnote shares the most of the words that tell the
        holders apart continues under the new wording, if one clearly does (and this filing
        does not report it under its old wording)."""
        others = self.holders.get(key.holding[:-1])
        if not others:
            return
        reported = self.timeline.entry_keys.get((id(entry), key.pair[0]), set())
        candidates = [o for o in others if o not in reported and o in self.chains]
        if not candidates:
            return
        # Words the footnotes of every holder known have ("These shares are held of record
        # by") do not tell holders apart, and the fewer holders a word names, the more it
        # says ("Founders Fund IV", "FF-IV"). With one holder known, nothing says which words
        # are which: the wording must be closer.
        known = [_words(o.holder) for o in others if o in self.chains]
        boilerplate = frozenset.intersection(*known) if len(known) > 1 else frozenset[str]()
        holders_of: dict[str, int] = defaultdict(int)
        for words in known:
            for word in words - boilerplate:
                holders_of[word] += 1
        wording = _words(key.holder) - boilerplate
        scores = sorted(
            (
                (_likeness(wording, _words(o.holder) - boilerplate, holders_of), i)
                for i, o in enumerate(candidates)
            ),
            reverse=True,
        )
        best_score, best_index = scores[0]
        runner_up = scores[1][0] if len(scores) > 1 else 0.0
        if best_score < (0.6 if boilerplate else 0.75) or best_score - runner_up < 0.1:
            return
        best = candidates[best_index]
        chain = self.chains.pop(best)
        others.remove(best)
        others.append(key)
        chain.key = key
        chain.between.append(f"the footnote naming the holder now reads {shortened(key.holder)!r}")
        self.chains[key] = chain

    def _repriced(self, key: HoldingKey) -> None:
        """A grant whose exercise price a split divided: the filing names the new price as it
        rounds it (10.00 after a 3-for-1 split: 3.33), and continues the grant."""
        price = _decimal(key.exercise_price)
        if price is None:
            return
        same = key.holding[:5] + key.holding[6:]
        for other, chain in self.chains.items():
            if not chain.repriced or other.holding[:5] + other.holding[6:] != same:
                continue
            computed = _decimal(other.exercise_price)
            if computed is not None and abs(computed - price) <= _slack(price):
                del self.chains[other]
                chain.key, chain.repriced = key, False
                self.chains[key] = chain
                return

    def _excluding(self, chain: _Chain, entry: Entry) -> bool:
        """Do this filing's figures still leave out transactions reported later?"""
        until = chain.excluded_until
        return until is not None and (entry.filed or _LAST) < until

    def compare(
        self,
        chain: _Chain,
        event: _Event,
        move: Decimal | None,
        new: bool,
        before: tuple[Entry, date] | None,
    ) -> None:
        assert event.amount is not None and event.entry is not None and event.row is not None
        if event.uncertain or chain.uncertain:
            return  # grants the book cannot follow one by one (see _lots)
        if new:
            if before is None or event.entry.base == "3":
                return  # the book starts here
            base = Decimal(0)
        elif chain.running is None:
            return
        else:
            base = chain.running
        if event.row.transaction and move is None and event.entry.base != "5":
            return  # a transaction of unknown amount or direction: nothing to add up
        expected = base + (move or 0)
        reported = event.amount
        # The filer's own figures may leave out transactions reported later (see below).
        filer = expected + chain.excluded if self._excluding(chain, event.entry) else expected
        slack = _slack(base, event.row.shares, reported)
        if chain.ratio_since:
            slack = max(slack, Decimal(1))  # fractions of a share paid in cash
        if abs(reported - filer) <= slack:
            return
        difference = reported - expected
        late = self._reported_later(chain, event, difference)
        causes = list(
            self.causes(chain, event, base, move or Decimal(0), difference, new, before, late)
        )
        previous = _figure(chain.last) if chain.last is not None and not new else None
        if not causes and previous is not None and event.when - previous.as_of > MAX_GAP:
            days = (event.when - previous.as_of).days
            causes.append(
                Cause(
                    "gap",
                    f"the two figures are {days} days apart and no filing of the book reports "
                    "this holding in between: a filing may be missing from the book, or a "
                    "transaction was not reported.",
                )
            )
        self.found.append(
            Discontinuity(
                key=chain.key,
                previous=previous,
                current=_figure(event),
                expected=expected,
                difference=difference,
                causes=tuple(causes),
                between=tuple(chain.between),
            )
        )
        if late:
            # The book keeps the transactions; the filer's next figures may leave them out too,
            # until the filing that reports them: those are not new discontinuities.
            chain.excluded = difference
            chain.excluded_until = max((m.entry.filed or _LAST) for m in late if m.entry)

    # -- likely causes

    def causes(
        self,
        chain: _Chain,
        event: _Event,
        base: Decimal,
        move: Decimal,
        difference: Decimal,
        new: bool,
        before: tuple[Entry, date] | None,
        late: list[_Event],
    ) -> Iterator[Cause]:
        assert event.amount is not None and event.entry is not None and event.row is not None
        row, reported = event.row, event.amount
        if move and abs(difference + 2 * move) <= _slack(reported, row.shares):
            direction = {"A": "acquired (A)", "D": "disposed of (D)"}[row.acquired_disposed]
            yield Cause(
                "reversed",
                f"the row says {direction}{_code_words(row)}, but its figure follows from the "
                "other direction: the acquired/disposed code looks reversed.",
                event.entry.path,
                row,
            )
        if late:
            yield _late_cause(*late)
        found = list(self._elsewhere(chain, event, difference, before))
        yield from found
        split = _simple_ratio(base, move, reported) if not (new or late or found) else None
        undone = [a for r, a in chain.splits if split is not None and split * r == 1]
        if undone:
            recorded = undone[0]
            yield Cause(
                "split",
                f"the figure leaves out the split book.yaml records on {recorded.date} "
                f"({recorded.reason}): figures dated before that day are adjusted, figures "
                "dated on or after it are taken to include it; check the split's date.",
            )
        elif split is not None:
            kind: CauseKind = "split" if split > 1 else "reverse split"
            yield Cause(
                kind,
                f"the figure is the book's times {split.numerator}/{split.denominator}: a "
                f"{_ratio_words(split)} that book.yaml does not record (add it under "
                "adjustments:, see docs/book.md).",
            )
        if new and before is not None:
            earlier = before[0]
            yield Cause(
                "first reported",
                f"no earlier filing of this owner in this issuer reports this holding, although "
                f"the owner filed before ({earlier.path.name}, Form {earlier.form}"
                f"{f' filed {earlier.filed}' if earlier.filed else ''})"
                f"{self._named_otherwise(chain.key) or '.'}",
                earlier.path,
            )
        notes = row.following_notes
        if notes:
            quoted = "; ".join(
                f'{n}: "{shortened(event.entry.footnotes.get(n, "(no such footnote)"), 300)}"'
                for n in notes
            )
            yield Cause(
                "footnote",
                f"the figure carries footnote {quoted}.",
                event.entry.path,
                row,
            )

    def _reported_later(self, chain: _Chain, event: _Event, difference: Decimal) -> list[_Event]:
        """The transactions applied since the last figure but reported after this filing,
        that this figure leaves out (one of them, or all together), if that is the
        difference. The last figure's own transaction counts too when its filing was made
        after this one (a late Form 4 for an earlier day)."""
        assert event.entry is not None
        filed = event.entry.filed or _LAST
        moves = chain.later_moves
        if chain.last is not None and chain.last.move is not None and chain.last.moves:
            moves = [chain.last, *moves]
        later = [
            m
            for m in moves
            if m.entry is not None and (m.entry.filed or _LAST) > filed and m.move is not None
        ]
        for move in later:
            if _equal(difference, -(move.move or _ZERO)):
                return [move]
        if len(later) > 1 and _equal(difference, -sum((m.move or _ZERO for m in later), _ZERO)):
            return later
        return []

    def _elsewhere(
        self,
        chain: _Chain,
        event: _Event,
        difference: Decimal,
        before: tuple[Entry, date] | None,
    ) -> Iterator[Cause]:
        """A transaction of the same security, between the two figures, of the difference's
        size, on another holding of this owner or in another owner's filing."""
        assert event.entry is not None and event.row is not None
        start = chain.last.when if chain.last is not None else (before[1] if before else date.min)
        end = event.when
        title = _same(chain.key.security)
        owner, issuer = chain.key.pair
        size = abs(difference)
        found: list[_Event] = []
        for other in self.timeline.transactions.get((issuer, title, size), ()):
            row, entry, key = other.row, other.entry, other.key
            if row is None or entry is None or key is None:
                continue
            if row.date is None or not start < row.date <= end:
                continue
            if key.pair[0] == owner:
                if key == chain.key:
                    continue  # this holding's own rows are in the book already
            elif any(_cik_number(o) == owner for o in entry.owner_ciks):
                continue  # a joint filing: the same row, seen as the other owner's
            found.append(other)
        found.sort(key=lambda e: (e.row is not None and e.row.code != "G", e.sort_key()))
        for other in found[:1]:
            assert other.row is not None and other.entry is not None and other.key is not None
            row = other.row
            whose = (
                "another holding of this owner"
                if other.key.pair[0] == owner
                else f"owner {other.key.owner_cik}"
            )
            where = (
                f"{other.entry.path.name} row {row.table}.{row.number} "
                f"({whose}: {other.key.describe()})"
            )
            if row.code == "G":
                yield Cause(
                    "gift",
                    f"a gift (G) of {number_text(size)} on {row.date} is reported "
                    f"elsewhere, in {where}, not on this holding.",
                    other.entry.path,
                    row,
                )
            else:
                yield Cause(
                    "elsewhere",
                    f"a transaction ({row.code or 'no code'}) of {number_text(size)} on "
                    f"{row.date} is reported elsewhere, in {where}, not on this holding.",
                    other.entry.path,
                    row,
                )

    def _named_otherwise(self, key: HoldingKey) -> str:
        """Holdings of the same title this owner has under another nature or holder."""
        title = _same(key.security)
        others = [
            k
            for k in self.chains
            if k != key and k.table == key.table and _same(k.security) == title
        ]
        if not others:
            return ""
        names = "; ".join(k.describe() for k in others[:3])
        return f"; the earlier filings report {names}: the same holding under another name?"

    def holdings(self) -> Iterator[Holding]:
        for chain in self.chains.values():
            last = chain.last
            if last is None or last.entry is None or last.row is None or last.figure is None:
                continue
            shares = last.figure
            if chain.rolled and chain.running is not None:
                shares = plain_number(chain.running)
            yield Holding(
                key=chain.key,
                shares=shares,
                as_of=max(last.when, chain.rolled_at or last.when),
                source=last.entry.path,
                filed=last.entry.filed,
                adjusted=tuple(chain.rolled),
                value=last.row.following_value,
                form=last.entry.form,
                row=last.row,
                underlying=last.underlying,
                draft=last.entry.is_draft,
                lots=last.lots,
            )


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """The words of a footnote, compared without regard to case or punctuation."""
    return frozenset(re.findall(r"[\w$%-]+", text.casefold()))


def _likeness(one: frozenset[str], other: frozenset[str], holders_of: dict[str, int]) -> float:
    """How much of the words either text has the two share (0 to 1), each word weighing the
    less the more holders' footnotes have it."""

    def weight(words: frozenset[str]) -> float:
        return sum(1 / max(holders_of.get(word, 1), 1) for word in words)

    either = weight(one | other)
    return weight(one & other) / either if either else 0.0


def _equal(one: Decimal, other: Decimal) -> bool:
    return abs(one - other) <= _slack(one, other)


def _code_words(row: BookRow) -> str:
    names = {"S": "a sale", "P": "a purchase", "G": "a gift", "M": "an exercise"}
    return f" for code {row.code} ({names[row.code]})" if row.code in names else ""


def _transaction_words(event: _Event) -> str:
    row, entry = event.row, event.entry
    assert row is not None and entry is not None
    verb = {"A": "acquired", "D": "disposed of"}.get(row.acquired_disposed, "moved")
    filed = f", filed {entry.filed}" if entry.filed else ""
    amount = number_text(row.shares or _ZERO)
    return (
        f"{verb} {amount} ({row.code or 'no code'}) on {row.date}, reported on Form "
        f"{entry.form} {entry.path.name}{filed} row {row.table}.{row.number}"
    )


def _late_cause(*moves: _Event) -> Cause:
    first = moves[0]
    assert first.row is not None and first.entry is not None
    what = "; ".join(_transaction_words(m) for m in moves)
    gift = " (a gift)" if all(m.row is not None and m.row.code == "G" for m in moves) else ""
    return Cause(
        "reported later",
        f"a transaction reported later{gift}: {what}. This figure leaves it out, though it "
        "happened before it.",
        first.entry.path,
        first.row,
    )


def _simple_ratio(base: Decimal, move: Decimal, reported: Decimal) -> Fraction | None:
    """The simple ratio (2, 3/2, 1/10…) that turns the book's figure into the row's, the row's
    own amount counted before or after it, when there is one."""
    if base <= 0 or reported <= 0:
        return None
    for before_split, after_split in ((base, reported - move), (base + move, reported)):
        if before_split <= 0 or after_split <= 0:
            continue
        ratio = (Fraction(after_split) / Fraction(before_split)).limit_denominator(100)
        if ratio == 1 or not _simple(ratio):
            continue
        if abs(Fraction(before_split) * ratio - Fraction(after_split)) < 1:
            return ratio
    return None


#: Ratios of splits and stock dividends besides n-for-1 and 1-for-n.
_SPLIT_RATIOS = frozenset({Fraction(3, 2), Fraction(4, 3), Fraction(5, 4), Fraction(5, 2)})


def _simple(ratio: Fraction) -> bool:
    """Is this the ratio of a split as issuers declare them (n-for-1, 1-for-n, 3-for-2…)?"""
    top, bottom = ratio.numerator, ratio.denominator
    return (bottom == 1 and top <= 50) or (top == 1 and bottom <= 100) or ratio in _SPLIT_RATIOS


def _figure(event: _Event) -> Figure:
    assert event.entry is not None and event.row is not None and event.figure is not None
    return Figure(
        source=event.entry.path,
        form=event.entry.form,
        filed=event.entry.filed,
        row=event.row,
        figure=event.figure,
        as_of=event.when,
        draft=event.entry.is_draft,
    )


# --- the public functions -------------------------------------------------------------------------


def holdings(
    book: Book,
    *,
    owner: str | None = None,
    issuer: str | None = None,
    as_of: date | None = None,
    prepared: Prepared | None = None,
) -> list[Holding]:
    """Every holding of the book (of one owner, one issuer), as of ``as_of`` (default: after
    everything the book holds), sorted by owner, issuer, table and title. ``prepared``: the
    events made while the book was read, with the same owner and issuer (see ``Prepared``)."""
    timeline = _Timeline(book, _prepared(prepared, owner, issuer), check=False)
    found: list[Holding] = []
    for pair in timeline.groups:
        roll = _Roll(timeline, check=False)
        roll.run(timeline.groups[pair], as_of)
        found.extend(roll.holdings())
    found.sort(key=_holding_order)
    return found


def discontinuities(
    book: Book,
    *,
    owner: str | None = None,
    issuer: str | None = None,
    prepared: Prepared | None = None,
) -> list[Discontinuity]:
    """Every figure of the book (of one owner, one issuer) that does not continue from the
    figures before it, in the book's order, each with its likely causes."""
    timeline = _Timeline(book, _prepared(prepared, owner, issuer), check=True)
    found: list[Discontinuity] = []
    for pair in sorted(timeline.groups, key=lambda p: (str(p[0]).zfill(10), str(p[1]).zfill(10))):
        roll = _Roll(timeline, check=True)
        roll.run(timeline.groups[pair], None)
        found.extend(roll.found)
    return found


def _prepared(prepared: Prepared | None, owner: str | None, issuer: str | None) -> Prepared:
    if prepared is not None and prepared.same_filters(owner, issuer):
        return prepared
    return Prepared(owner, issuer)


def _holding_order(holding: Holding) -> tuple[object, ...]:
    owner, issuer, table, title, ownership, nature, price, expiry, holder = holding.key._compared
    return (
        str(owner).zfill(10),
        str(issuer).zfill(10),
        table,
        title,
        ownership != "D",
        nature,
        holder,
        str(expiry),
        str(price),
    )
