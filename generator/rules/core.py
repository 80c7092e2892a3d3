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
from typing import Any, Literal

from lxml import etree

from generator.codes import FormType
from generator.problems import Problem, Severity

Profile = Literal["submission", "record"]


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

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def form(self) -> FormType:
        return FormType(self.document_type)

    @property
    def today(self) -> date:
        """The calendar day (Eastern time) of ``as_of``, or today."""
        from generator.deadlines import eastern, now_eastern

        moment = self.as_of if self.as_of is not None else now_eastern()
        if isinstance(moment, datetime):
            return (moment.astimezone(eastern()) if moment.tzinfo else moment).date()
        return moment

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
    for registered in RULES:
        problems.extend(registered.check(registered, document))
    return problems


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
    return text(element.find(path)) if element is not None else ""


def is_true(element: etree._Element | None) -> bool:
    """An xs:boolean element that says true ("1" or "true")."""
    return text(element).lower() in ("1", "true")


def has_footnote(element: etree._Element | None) -> bool:
    return element is not None and element.find("footnoteId") is not None


def as_decimal(raw: str) -> Decimal | None:
    """A decimal value, or None when empty or not a number (the schema reports that)."""
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def as_date(raw: str) -> date | None:
    """A date value (an XML time-zone suffix is allowed), or None when empty or not a date."""
    from generator.values import parse_date

    if not raw:
        return None
    try:
        return parse_date(raw, allow_timezone=True)
    except ValueError:
        return None


def rows(document: Document) -> Iterator[etree._Element]:
    """Every transaction and holding row of both tables, in document order."""
    for table in TABLES:
        found = document.root.find(table)
        if found is not None:
            yield from (row for row in found if isinstance(row.tag, str))


def transactions(document: Document) -> Iterator[etree._Element]:
    """Every transaction row of both tables, in document order."""
    return (row for row in rows(document) if row.tag in TRANSACTIONS)


def form_type_of(row: etree._Element) -> str:
    """A transaction's transactionFormType ("4" or "5"; "4" when not given)."""
    return text(row.find("transactionCoding/transactionFormType")) or "4"


def code_of(row: etree._Element) -> str:
    return text(row.find("transactionCoding/transactionCode"))


def footnote_texts(document: Document) -> list[str]:
    """The text of every footnote and of the remarks."""
    texts = [all_text(f) for f in document.root.iterfind("footnotes/footnote")]
    remarks = document.root.find("remarks")
    if remarks is not None:
        texts.append(all_text(remarks))
    return texts


def all_text(element: etree._Element) -> str:
    """The text of an element and its descendants (a footnote is mixed content)."""
    return "".join(str(part) for part in element.itertext())


def describe(row: etree._Element) -> str:
    """A row as a reader finds it on the form: its security title and transaction date."""
    title = value(row.find("securityTitle")) or "(no title)"
    day = value(row.find("transactionDate"))
    return f"{title!r} on {day}" if day else repr(title)
