"""Holdings arithmetic: "owned following" moves by each transaction's amount.

Rows are grouped by table, security and ownership: direct, or indirect with the same nature
*and the same footnotes on it* (a joint or fund filing writes "See footnote" on every row and
tells the holders apart by the footnote). In Table II also by exercise price, exercise and
expiration dates, underlying security and the footnotes on those, since each grant of options
or units is its own security. Within a group, a transaction's "amount owned following" is the
previous row's figure plus the amount acquired or minus the amount disposed. Filers list rows
in the order they happened (§4.3.3 lets them list in any order, so this is a warning).

Figures are compared at the precision the filing writes them: a filer who reports fractional
shares rounds each figure to the decimals it shows, by up to half a unit of its last decimal, so
a difference within those halves added up (0.001 for two figures of three decimals) is rounding,
not an error. A figure written as a whole number is an exact count: whole-share filings are
compared exactly.

Not checked, because real, correct filings differ for a reason the XML does not show:

* a figure that carries a footnote: the footnote usually explains it (shares in a plan, a
  split, a transfer between accounts);
* a row more than ``MAX_GAP`` after the row before: a Form 4 covers about two business days,
  so rows further apart mean a transaction reported late, and filings made in between may
  have changed the holding;
* in Table II, a row that is plainly another grant of the same title: an acquisition leaving
  exactly the amount acquired, or a disposition of more than the row before left;
* Form 5 and 5/A: their column is the holding at the end of the fiscal year, the same on
  every row of a security, not the holding after each transaction.

``holdings-continuity`` carries the arithmetic across filings: the first row of each security
starts from the figure the owner's previous filing left (``validate --previous``), or from the
last figure a book of the owner's filings gives that security before this filing's dates
(``validate``/``build --book``). The book is read by the command, never here: it hands the rule
plain figures (``BookFigures``) keyed by ``group_key``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from lxml import etree

from generator.checks.rules.core import (
    TABLES,
    BookFigure,
    BookFigures,
    Document,
    PreviousFiling,
    Row,
    Rule,
    as_date,
    as_decimal,
    child,
    child2,
    describe,
    findall,
    has_footnote,
    rule,
    text,
    value,
)
from generator.model.codes import FormType
from generator.model.problems import Problem

GroupKey = tuple[object, ...]

#: Rows of one security further apart than this are not compared (see the module's docstring).
MAX_GAP = timedelta(days=10)


@lru_cache(maxsize=4096)  # the same few titles and natures come back on every filing
def _norm(raw: str) -> str:
    return " ".join(raw.split()).casefold()


def _repeated(items: Iterable[Hashable]) -> set[Hashable]:
    """The items that occur more than once."""
    seen: set[Hashable] = set()
    twice: set[Hashable] = set()
    for item in items:
        if item in seen:
            twice.add(item)
        else:
            seen.add(item)
    return twice


def _notes(element: etree._Element | None) -> tuple[str, ...]:
    """The ids of the footnotes an element cites, sorted (a value cites one, if any, mostly)."""
    if element is None:
        return ()
    refs = findall(element, "footnoteId")
    if len(refs) < 2:
        return (str(refs[0].get("id")),) if refs else ()
    return tuple(sorted([str(ref.get("id")) for ref in refs]))


def _title_key(row: Row) -> tuple[str, str]:
    """The first two parts of ``group_key``: table and security title."""
    return (row.table, _norm(row.title))


def group_key(row: Row) -> GroupKey:
    """Which security and ownership a row belongs to."""
    return _group_key(row, _title_key(row))


def _group_key(row: Row, title_key: tuple[str, str]) -> GroupKey:
    direct = row.direct
    how = _norm(text(row.nature_value)) if direct == "I" else ""
    holder = _notes(row.direct_element) + _notes(row.nature_element)
    if row.table != "derivativeTable":
        return (*title_key, direct, how, holder)
    # A derivative security is also told apart by its price, dates and underlying security.
    element = row.element
    price = child(element, "conversionOrExercisePrice")
    exercisable = child(element, "exerciseDate")
    expires = child(element, "expirationDate")
    underlying = child2(element, "underlyingSecurity", "underlyingSecurityTitle")
    return (
        *title_key, direct, how, holder,
        as_decimal(value(price)), _notes(price),
        as_date(value(exercisable)), _notes(exercisable),
        as_date(value(expires)), _notes(expires),
        _norm(value(underlying)),
    )  # fmt: skip


@dataclass
class Figures:
    """The amounts of one row: owned following, and for a transaction the amount and A/D."""

    row: Row
    kind: str  # "shares" or "value"
    following: Decimal
    footnoted: bool
    amount: Decimal | None = None
    acquired: bool | None = None

    @property
    def element(self) -> etree._Element:
        post = self.row.post
        assert post is not None
        return post

    @property
    def figure_element(self) -> etree._Element:
        """The owned-following element itself (a finding on it leads to the draft's key)."""
        found = child(self.element, _FOLLOWING[self.kind])
        return found if found is not None else self.element

    def another_grant(self, before: Decimal) -> bool:
        """In Table II, is this row plainly about another grant than the row before?"""
        if self.row.table != "derivativeTable" or self.amount is None:
            return False
        if self.acquired:
            return self.following == self.amount and before != 0
        return self.acquired is False and self.amount > before

    def far_from(self, before: Figures) -> bool:
        """Are the two rows further apart in time than one Form 4 covers?"""
        day, previous = self.row.date, before.row.date
        if day is None or previous is None:
            return False
        return abs(day - previous) > MAX_GAP

    def after(self, before: Decimal) -> Decimal | None:
        """What this row should leave, starting from ``before`` (None when it cannot tell)."""
        if not self.row.is_transaction:
            return before
        if self.amount is None or self.acquired is None:
            return None
        return before + self.amount if self.acquired else before - self.amount


_ACQUIRED = {"A": True, "D": False}
#: The owned-following element of each kind of figure.
_FOLLOWING = {
    "shares": "sharesOwnedFollowingTransaction",
    "value": "valueOwnedFollowingTransaction",
}


def figures(row: Row) -> Figures | None:
    """The row's amounts, or None when its owned-following figure is not a number."""
    post = row.post
    if post is None:
        return None
    for kind, tag in (
        ("shares", "sharesOwnedFollowingTransaction"),
        ("value", "valueOwnedFollowingTransaction"),
    ):
        element = child(post, tag)
        following = as_decimal(value(element))
        if element is None or following is None:
            continue
        if not row.is_transaction:
            return Figures(row, kind, following, has_footnote(element))
        amounts = row.amounts
        amount_tag = "transactionShares" if kind == "shares" else "transactionTotalValue"
        amount = as_decimal(text(child2(amounts, amount_tag, "value")))
        direction = text(child2(amounts, "transactionAcquiredDisposedCode", "value"))
        acquired = _ACQUIRED.get(direction)
        return Figures(row, kind, following, has_footnote(element), amount, acquired)
    return None


def _number(amount: Decimal) -> str:
    return f"{amount.normalize():,f}"


def _places(amount: Decimal) -> int:
    """How many decimals a figure is written with ("12.50": 2; "12": 0)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def rounding(*amounts: Decimal | None) -> Decimal:
    """How far figures written as these may be from exact: half a unit of the last decimal of
    each figure written with decimals (fractional shares rounded as reported); a whole number
    is an exact count of shares."""
    half = Decimal(5)
    return sum(
        (half.scaleb(-places - 1) for a in amounts if a is not None and (places := _places(a))),
        Decimal(0),
    )


def discrepancy(current: Figures, before: Decimal) -> tuple[Decimal, Decimal] | None:
    """The figure expected after ``before`` and the difference from the row's own figure, or
    None when they agree at the precision the figures are written with (or cannot tell)."""
    expected = current.after(before)
    if expected is None:
        return None
    difference = current.following - expected
    if not difference or abs(difference) <= rounding(before, current.amount, current.following):
        return None
    return expected, difference


def _difference(difference: Decimal) -> str:
    sign = "+" if difference > 0 else "-"
    return f"{sign}{_number(abs(difference))}"


def _movement(figure: Figures) -> str:
    if not figure.row.is_transaction or figure.amount is None:
        return "holds"
    return ("acquires " if figure.acquired else "disposes of ") + _number(figure.amount)


@rule("holdings-arithmetic", "warning", "Form 4 and Form 5: Table I column 5, Table II column 9")
def holdings_arithmetic(rule: Rule, document: Document) -> Iterator[Problem]:
    """Owned-following figures add up from one transaction to the next of the same security.

    A heuristic (see the module's docstring for the rows it leaves alone): it compares each
    transaction's figure with the row before it for the same security and ownership, at the
    precision the figures are written with.
    """
    if document.base is FormType.FORM_5:
        return  # Form 5 gives the holding at the fiscal year's end on every row
    if len(document.rows) < 2 or not document.transactions:
        return  # only a transaction is compared, with a row before it
    # Rows of two securities are never compared: only a security on several rows needs a look
    # (group_key begins with the table and the security title).
    titles = [_title_key(row) for row in document.rows]
    shared = _repeated(titles)
    if not shared:
        return
    keyed = [
        (row, _group_key(row, title))
        for row, title in zip(document.rows, titles, strict=True)
        if title in shared
    ]
    # The same again with the whole key: a row alone in its group has nothing to add up with.
    # (Each group is numbered, so that its key, up to a dozen values, is hashed once.)
    numbers: dict[GroupKey, int] = {}
    groups = [numbers.setdefault(key, len(numbers)) for _, key in keyed]
    sizes = Counter(groups)
    last: dict[int, Figures] = {}
    for (row, _), group in zip(keyed, groups, strict=True):
        if sizes[group] < 2:
            continue
        current = figures(row)
        before = last.get(group)
        if current is None:
            last.pop(group, None)
            continue
        last[group] = current
        if before is None or not row.is_transaction or current.footnoted:
            continue
        if (
            before.kind != current.kind
            or current.far_from(before)
            or current.another_grant(before.following)
        ):
            continue
        found = discrepancy(current, before.following)
        if found is None:
            continue
        expected, difference = found
        yield document.problem(
            rule,
            current.element,
            f"Row {describe(row.element)} {_movement(current)} and leaves "
            f"{_number(current.following)} owned, but the row before it for the same security "
            f"and ownership ({describe(before.row.element)}) left {_number(before.following)}: "
            f"expected {_number(expected)}, the row gives {_number(current.following)} (a "
            f"difference of {_difference(difference)}). Check the amounts, or add a footnote "
            "to the figure explaining the difference.",
        )


# --- against the owner's previous filing (--previous) or a book (--book) -----------------------


def _document_rows(tree: etree._ElementTree) -> Iterator[Row]:
    """Every row of both tables, in the order of ``Document.rows``."""
    root = tree.getroot()
    for table in TABLES:
        found = child(root, table)
        for element in found if found is not None else []:
            if isinstance(element.tag, str):
                yield Row(element)


def group_keys(tree: etree._ElementTree) -> list[GroupKey]:
    """The group key of every row of a document, in document order (Table I, then Table II):
    what a command that reads a book keys ``BookFigures`` by."""
    return [group_key(row) for row in _document_rows(tree)]


def _last_figures(tree: etree._ElementTree) -> dict[GroupKey, Figures]:
    last: dict[GroupKey, Figures] = {}
    for row in _document_rows(tree):
        if (current := figures(row)) is not None:
            last[group_key(row)] = current
    return last


def _ciks(root: etree._Element, path: str) -> set[int]:
    return {int(t) for e in findall(root, path) if (t := text(e)).isdigit()}


def _latest_date(root: etree._Element) -> date | None:
    days = [
        d for e in root.iter("periodOfReport", "transactionDate") if (d := as_date(_date_text(e)))
    ]
    return max(days, default=None)


def _date_text(element: etree._Element) -> str:
    return value(element) if element.tag == "transactionDate" else text(element)


@rule(
    "holdings-continuity",
    "warning",
    "Form 4 and Form 5: Table I column 5, Table II column 9 (validate --previous; validate and "
    "build --book)",
)
def holdings_continuity(rule: Rule, document: Document) -> Iterator[Problem]:
    """With --previous or --book: each security starts from the figure an earlier filing left.

    ``--previous``: the owner's previous filing; ``--book``: the last filing of the book that
    reports the security and ownership before this filing's dates (splits of book.yaml applied).
    """
    if document.previous is None and document.book is None:
        return
    if document.base is FormType.FORM_5:
        return  # Form 5 gives the holding at the fiscal year's end on every row
    if document.previous is not None:
        yield from _from_previous(rule, document, document.previous)
    if document.book is not None and document.book.figures:
        yield from _from_book(rule, document, document.book)


def _first_rows(document: Document) -> Iterator[tuple[Row, GroupKey, Figures]]:
    """The first row of each security and ownership that has a figure to compare, with its key.

    Only the first row of a group continues from an earlier filing; the rows after it continue
    from it (rule holdings-arithmetic). A figure with a footnote is left alone: the footnote
    usually explains it.
    """
    seen: set[GroupKey] = set()
    for row in document.rows:
        key = group_key(row)
        if key in seen:
            continue
        seen.add(key)
        current = figures(row)
        if current is not None and not current.footnoted:
            yield row, key, current


def _from_previous(rule: Rule, document: Document, previous: PreviousFiling) -> Iterator[Problem]:
    root, before = document.root, previous.tree.getroot()
    same_issuer = _ciks(root, "issuer/issuerCik") & _ciks(before, "issuer/issuerCik")
    same_owner = _ciks(root, "reportingOwner/reportingOwnerId/rptOwnerCik") & _ciks(
        before, "reportingOwner/reportingOwnerId/rptOwnerCik"
    )
    if not same_issuer or not same_owner:
        yield document.problem(
            rule,
            root,
            f"--previous {previous.name} is not a filing of the same issuer and reporting "
            "owner, so the holdings were not compared with it.",
        )
        return
    period = document.period
    previous_latest = _latest_date(before)
    if period and previous_latest and previous_latest > period:
        yield document.problem(
            rule,
            root,
            f"--previous {previous.name} reports dates up to {previous_latest}, after this "
            f"filing's period of report {period}; give the filing made before this one.",
        )
        return
    ended = _last_figures(previous.tree)
    for row, key, current in _first_rows(document):
        last = ended.get(key)
        if last is None or last.kind != current.kind or current.another_grant(last.following):
            continue
        found = discrepancy(current, last.following)
        if found is None:
            continue
        expected, difference = found
        yield document.problem(
            rule,
            current.element,
            f"Row {describe(row.element)} {_movement(current)} and leaves "
            f"{_number(current.following)} owned, but {previous.name} ended this security and "
            f"ownership at {_number(last.following)} ({describe(last.row.element)}): expected "
            f"{_number(expected)}, the row gives {_number(current.following)} (a difference of "
            f"{_difference(difference)}). Check the figures, or add a footnote explaining the "
            "change (e.g. an exempt transaction or a split).",
        )


def _from_book(rule: Rule, document: Document, book: BookFigures) -> Iterator[Problem]:
    for row, key, current in _first_rows(document):
        last = book.figures.get(key)
        if last is None or last.kind != current.kind or current.another_grant(last.following):
            continue
        found = discrepancy(current, last.following)
        if found is None:
            continue
        earlier = last.earlier
        if earlier is not None and discrepancy(current, earlier.following) is None:
            continue  # it continues from the figure before its day
        expected, difference = found
        also = ""
        if earlier is not None:
            also = f"; {_number(earlier.following)} before that day, {_where(earlier)}"
        yield document.problem(
            rule,
            current.figure_element,
            f"Row {describe(row.element)} {_movement(current)} and leaves "
            f"{_number(current.following)} owned, but the book {book.name} last shows this "
            f"security and ownership at {_number(last.following)} ({_where(last)}{also}): "
            f"expected {_number(expected)}, the row gives {_number(current.following)} (a "
            f"difference of {_difference(difference)}). Check the figures; if a filing is "
            "missing from the book, add it; or add a footnote explaining the change (e.g. an "
            "exempt transaction or a transfer; a split belongs in book.yaml).",
        )


def _where(figure: BookFigure) -> str:
    """Where a book's figure comes from: its file and date, and what changed it since."""
    on = f", {figure.on.isoformat()}" if figure.on is not None else ""
    adjusted = f", {figure.adjusted}" if figure.adjusted else ""
    return f"{figure.source}{on}{adjusted}"
