"""The rule registry, the Document the rules read, and small helpers for reading its values.

A rule is a function registered with ``@rule(id, severity, source)``; it receives the whole
document and yields Problems made with ``document.problem(rule, element, message)``. The first
line of its docstring is its summary in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from operator import attrgetter
from typing import Any, Generic, Literal, TypeVar

from lxml import etree

from generator.codes import FormType
from generator.problems import Problem, Severity

Profile = Literal["submission", "record"]


T = TypeVar("T")


class _lazy(Generic[T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    read, which costs more than most of what a Document computes; rules run in one thread)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__
        self.name = compute.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        found = instance.__dict__[self.name] = self.compute(instance)
        return found


@dataclass(frozen=True)
class PreviousFiling:
    """The reporting owner's previous filing, given with ``validate --previous``."""

    name: str
    tree: etree._ElementTree


@dataclass
class Document:
    """A parsed ownership document and what the rules need to know about it.

    ``as_of`` is the moment the document is checked for (``validate --as-of``, else now): the
    day dates must not pass and, for a submission, the moment it will be filed. It is None when
    no such moment applies (``build``): then the deadline rule is silent and today is used.
    """

    tree: etree._ElementTree
    document_type: str
    profile: Profile
    line_offset: int = 0
    as_of: date | datetime | None = None
    previous: PreviousFiling | None = None
    #: False when the document's text declares no XML namespace (a shortcut for the rules).
    namespaces: bool = True

    @_lazy
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @_lazy
    def form(self) -> FormType:
        return FormType(self.document_type)

    @_lazy
    def base(self) -> FormType:
        """The form an amendment amends; an original is its own (``form.base``, read once)."""
        return self.form.base

    @_lazy
    def has_transactions(self) -> bool:
        """Forms 4 and 5 (and amendments); Forms 3 report holdings only."""
        return self.form.has_transactions

    @_lazy
    def today(self) -> date:
        """The calendar day (Eastern time) of ``as_of``, or today."""
        from generator.deadlines import eastern, now_eastern

        moment = self.as_of if self.as_of is not None else now_eastern()
        if isinstance(moment, datetime):
            return (moment.astimezone(eastern()) if moment.tzinfo else moment).date()
        return moment

    @_lazy
    def rows(self) -> list[etree._Element]:
        """Every transaction and holding row of both tables, in document order."""
        found: list[etree._Element] = []
        for table in TABLES:
            element = find(self.root, table)  # the first table of each name
            if element is not None:
                found.extend(row for row in element if isinstance(row.tag, str))
        return found

    @_lazy
    def transactions(self) -> list[etree._Element]:
        """Every transaction row of both tables, in document order."""
        return [row for row in self.rows if row.tag in TRANSACTIONS]

    @_lazy
    def footnotes(self) -> list[etree._Element]:
        """The footnote elements (footnotes/footnote), in document order."""
        return list(findall(self.root, "footnotes/footnote"))

    @_lazy
    def footnote_refs(self) -> list[etree._Element]:
        """Every footnoteId element anywhere, in document order."""
        return list(self.root.iter("footnoteId"))

    @_lazy
    def row_facts(self) -> list[Row]:
        """Every row, with what several rules read from it read once."""
        return [Row(row) for row in self.rows]

    @_lazy
    def transaction_facts(self) -> list[Row]:
        return [row for row in self.row_facts if row.is_transaction]

    def where(self, element: etree._Element) -> tuple[str, int | None]:
        line: Any = element.sourceline  # lxml-stubs declare it oddly
        return self.tree.getpath(element), (line + self.line_offset) if line else None

    def problem(self, rule: Rule, element: etree._Element, message: str) -> Problem:
        path, line = self.where(element)
        return Problem(rule.severity, rule.id, message, path, line)


RuleCheck = Callable[["Rule", Document], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered business rule: id, severity, source, and the function that checks it."""

    id: str
    severity: Severity
    source: str
    summary: str
    check: RuleCheck


RULES: list[Rule] = []


def rule(id: str, severity: Severity, source: str) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function; its docstring's first line is its summary in docs/rules.md."""

    def register(check: RuleCheck) -> RuleCheck:
        summary = (check.__doc__ or "").strip().splitlines()[0]
        if any(r.id == id for r in RULES):
            raise ValueError(f"rule {id} is registered twice")
        RULES.append(Rule(id, severity, source, summary, check))
        return check

    return register


def run_rules(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    _index(document.tree)
    if document.previous is not None:
        _index(document.previous.tree)
    try:
        for registered in RULES:
            # A hostile document can hold a million wrong references: report the first ones.
            problems.extend(islice(registered.check(registered, document), MAX_PER_RULE))
    finally:
        _known.clear()
        _first.clear()
        _multi.clear()
    return problems


#: Findings of one rule on one document beyond this many are not reported (like ``xsd``'s 50).
MAX_PER_RULE = 50


# --- finding elements -----------------------------------------------------------------------------
#
# lxml's ``find`` runs its ElementPath machinery on every call (3-6 µs here), and the rules look
# up a few hundred children per document. ``run_rules`` first indexes every element of the
# document (and of --previous) by (parent, tag) in one pass; ``find``/``findall`` below then
# answer from that index with exactly ``element.find(path)`` / ``element.findall(path)`` for a
# path of plain tag names ("a", "a/b"). For an element not indexed (outside ``run_rules``, or
# a document too large to be worth indexing) they are lxml's own.

#: Documents with more elements than this are not indexed (real filings have a few hundred).
MAX_INDEXED = 20_000

Key = tuple[etree._Element | None, object]
_known: set[etree._Element] = set()
_first: dict[Key, etree._Element] = {}  # the first child of a parent with a tag
_multi: dict[Key, list[etree._Element]] = {}  # all of them, where there are several
_PATHS: dict[str, tuple[str, ...]] = {}
_EMPTY: list[etree._Element] = []  # shared: callers only read what these functions return
_parent_of = etree._Element.getparent
_tag_of = attrgetter("tag")


def _index(tree: etree._ElementTree) -> None:
    """Index the elements of a tree by (parent, tag), mostly in C, unless there are too many."""
    elements = list(tree.getroot().iter())
    if len(elements) > MAX_INDEXED:
        return
    keys = list(zip(map(_parent_of, elements), map(_tag_of, elements), strict=True))
    first = dict(zip(reversed(keys), reversed(elements), strict=True))  # earliest wins
    if len(first) != len(keys):  # some parents have several children of one tag
        multi = _multi
        for key, element in zip(keys, elements, strict=True):
            earliest = first[key]
            if earliest is not element:
                found = multi.get(key)
                if found is None:
                    multi[key] = [earliest, element]
                else:
                    found.append(element)
    global _first, _known
    if _first:  # a second tree (--previous)
        _first.update(first)
        _known.update(elements)
    else:
        _first, _known = first, set(elements)


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    key = (parent, tag)
    found = _multi.get(key)
    if found is not None:
        return found
    child = _first.get(key)
    return _EMPTY if child is None else [child]


def _split(path: str) -> tuple[str, ...]:
    parts = _PATHS[path] = tuple(path.split("/"))
    return parts


def findall(element: etree._Element, path: str) -> list[etree._Element]:
    """``element.findall(path)`` for a path of plain tag names, in document order."""
    if element not in _known:
        return element.findall(path)
    if "/" not in path:
        return _children(element, path)
    parts = _PATHS.get(path) or _split(path)
    found = _children(element, parts[0])
    for part in parts[1:]:
        if len(found) == 1:
            found = _children(found[0], part)
        else:
            found = [child for parent in found for child in _children(parent, part)]
        if not found:
            return _EMPTY
    return found


def find(element: etree._Element, path: str) -> etree._Element | None:
    """``element.find(path)`` for a path of plain tag names."""
    if element not in _known:
        return element.find(path)
    if "/" not in path:
        return _first.get((element, path))
    parts = _PATHS.get(path) or _split(path)
    node: etree._Element | None = element
    for part in parts[:-1]:
        if (node, part) in _multi:  # several to look into: the general way
            found = findall(element, path)
            return found[0] if found else None
        node = _first.get((node, part))
        if node is None:
            return None
    return _first.get((node, parts[-1]))


# --- reading values -------------------------------------------------------------------------------

#: The two tables and the row elements each holds.
TABLES = ("nonDerivativeTable", "derivativeTable")
TRANSACTIONS = ("nonDerivativeTransaction", "derivativeTransaction")
HOLDINGS = ("nonDerivativeHolding", "derivativeHolding")


def text(element: etree._Element | None) -> str:
    """The stripped text of an element ('' when absent)."""
    return (element.text or "").strip() if element is not None else ""


def value(element: etree._Element | None, path: str = "value") -> str:
    """The stripped text of ``element/path`` (by default its ``value`` child)."""
    if element is None:
        return ""
    found = find(element, path)
    return (found.text or "").strip() if found is not None else ""


def is_true(element: etree._Element | None) -> bool:
    """An xs:boolean element that says true ("1" or "true")."""
    return text(element).lower() in ("1", "true")


def has_footnote(element: etree._Element | None) -> bool:
    return element is not None and find(element, "footnoteId") is not None


def as_decimal(raw: str) -> Decimal | None:
    """A decimal value, or None when empty or not a number (the schema reports that)."""
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


#: Dates already read: a filing repeats the same few dates on every row.
_DATES: dict[str, date | None] = {}


def as_date(raw: str) -> date | None:
    """A date value (an XML time-zone suffix is allowed), or None when empty or not a date."""
    if not raw:
        return None
    if raw in _DATES:
        return _DATES[raw]
    from generator.values import parse_date

    try:
        day: date | None = parse_date(raw, allow_timezone=True)
    except ValueError:
        day = None
    if len(_DATES) > 10_000:
        _DATES.clear()
    _DATES[raw] = day
    return day


def rows(document: Document) -> Iterator[etree._Element]:
    """Every transaction and holding row of both tables, in document order."""
    return iter(document.rows)


def transactions(document: Document) -> Iterator[etree._Element]:
    """Every transaction row of both tables, in document order."""
    return iter(document.transactions)


def form_type_of(row: etree._Element) -> str:
    """A transaction's transactionFormType ("4" or "5"; "4" when not given)."""
    return text(find(row, "transactionCoding/transactionFormType")) or "4"


def code_of(row: etree._Element) -> str:
    return text(find(row, "transactionCoding/transactionCode"))


def footnote_texts(document: Document) -> list[str]:
    """The text of every footnote and of the remarks."""
    texts = [all_text(f) for f in document.footnotes]
    remarks = find(document.root, "remarks")
    if remarks is not None:
        texts.append(all_text(remarks))
    return texts


def all_text(element: etree._Element) -> str:
    """The text of an element and its descendants (a footnote is mixed content)."""
    if not len(element):  # no child: its own text is all of it
        return element.text or ""
    return "".join(element.itertext())  # type: ignore[arg-type]  # str in Python 3


class Row:
    """A row of Table I or II, with what several rules read from it, read once.

    Each attribute is exactly what the rules used to look up themselves (lxml's ``find``
    semantics: the first match), so they report the same findings.
    """

    __slots__ = (
        "code",
        "code_element",
        "date",
        "date_element",
        "date_value",
        "deemed_element",
        "direct",
        "element",
        "form_type",
        "is_transaction",
        "nature",
        "nature_value",
    )

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.is_transaction = element.tag in TRANSACTIONS
        self.nature = nature = find(element, "ownershipNature")
        #: D or I (directOrIndirectOwnership), '' when not given.
        self.direct = value(nature, "directOrIndirectOwnership/value")
        self.nature_value = find(nature, "natureOfOwnership/value") if nature is not None else None
        #: transactionDate/value (the first such value, as lxml's find gives it).
        self.date_value = find(element, "transactionDate/value")
        self.date_element = find(element, "transactionDate")
        self.date = as_date(value(self.date_element))
        if self.is_transaction:
            #: transactionFormType ("4" or "5"; "4" when not given), as ``form_type_of``.
            self.form_type = text(find(element, "transactionCoding/transactionFormType")) or "4"
            self.code_element = find(element, "transactionCoding/transactionCode")
            self.code = text(self.code_element)
            self.deemed_element = find(element, "deemedExecutionDate")
        else:
            self.form_type, self.code_element, self.code = "", None, ""
            self.deemed_element = None


def describe(row: etree._Element) -> str:
    """A row as a reader finds it on the form: its security title and transaction date."""
    title = value(row.find("securityTitle")) or "(no title)"
    day = value(row.find("transactionDate"))
    return f"{title!r} on {day}" if day else repr(title)
