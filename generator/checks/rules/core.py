"""The rule registry, the Document the rules read, and small helpers for reading its values.

A rule is a function registered with ``@rule(id, severity, source)``; it receives the whole
document and yields Problems made with ``document.problem(rule, element, message)``. The first
line of its docstring is its summary in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from lxml import etree

from generator.checks import versions
from generator.checks.rules import elements
from generator.checks.rules.elements import child, child2, find, findall
from generator.checks.rules.facts import (
    HOLDINGS,
    RELATIONSHIPS,
    TABLES,
    TRANSACTIONS,
    Owner,
    Row,
    as_date,
    is_true,
    text,
)
from generator.model.codes import FormType, Profile
from generator.model.problems import Problem, Severity

__all__ = [
    "HOLDINGS",
    "RELATIONSHIPS",
    "TABLES",
    "TRANSACTIONS",
    "BookFigure",
    "BookFigures",
    "BookLookup",
    "Document",
    "Owner",
    "PreviousFiling",
    "Row",
    "Rule",
    "as_date",
    "as_decimal",
    "child",
    "child2",
    "describe",
    "find",
    "findall",
    "has_footnote",
    "is_true",
    "rule",
    "run_rules",
    "text",
    "value",
]


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


@lru_cache(maxsize=16)  # one moment for all the files of a command
def _day_of(moment: date | datetime) -> date:
    from generator.checks.deadlines import eastern

    if isinstance(moment, datetime):
        return (moment.astimezone(eastern()) if moment.tzinfo else moment).date()
    return moment


@dataclass(frozen=True)
class PreviousFiling:
    """The reporting owner's previous filing, given with ``validate --previous``."""

    name: str
    tree: etree._ElementTree


@dataclass(frozen=True)
class BookFigure:
    """The last figure a book of the owner's filings gives one security and ownership before
    the document's dates (``validate``/``build --book``), with where it comes from."""

    #: The amount owned following (shares, or value), book.yaml's splits applied.
    following: Decimal
    #: "shares" or "value": which column the figure is.
    kind: str
    #: The file of the book that reported it, and the date it is as of.
    source: str
    on: date | None
    #: What book.yaml changed in it since (a split), in words; "" when nothing.
    adjusted: str = ""
    #: When this figure is one another filing left on the document's own first day (two Forms
    #: 4 of one day): the figure before that day, which the row may continue from instead.
    earlier: BookFigure | None = None


@dataclass(frozen=True)
class BookFigures:
    """What a book says each security and ownership of the document continues from.

    Plain data, found by the command that was given the book (the rules never read a book):
    ``figures`` maps the group key of a row (``holdings.group_key``) to the book's last figure
    for that security and ownership; a group the book does not hold, or cannot tell apart from
    another of the document, is not in it.
    """

    #: The book as given (``--book PATH``), for the sentences.
    name: str
    figures: Mapping[tuple[object, ...], BookFigure]


#: What a command given a book hands the pipeline: a parsed document and its file (None for a
#: filing built in memory) -> what the book says it continues from (None: nothing to compare).
BookLookup = Callable[[etree._ElementTree, Path | None], BookFigures | None]


@dataclass
class Document:
    """A parsed ownership document and what the rules need to know about it.

    ``as_of`` is the moment the document is checked for (``validate --as-of``, else now): the
    day dates must not pass and, for a submission, the moment it will be filed. It is None when
    no such moment applies (``build``): then the deadline rule is silent and today is used.
    ``version`` is the schemaVersion the document is judged by (``versions.judged_by``): rules
    registered ``since`` a later version do not apply to it. ``previous`` (``--previous``) and
    ``book`` (``--book``) are what the holdings continue from.
    """

    tree: etree._ElementTree
    document_type: str
    profile: Profile
    line_offset: int = 0
    as_of: date | datetime | None = None
    previous: PreviousFiling | None = None
    version: str = versions.CURRENT
    book: BookFigures | None = None

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
    def is_amendment(self) -> bool:
        """3/A, 4/A or 5/A (``form.is_amendment``, read once)."""
        return self.form.is_amendment

    @_lazy
    def has_transactions(self) -> bool:
        """Forms 4 and 5 (and amendments); Forms 3 report holdings only."""
        return self.form.has_transactions

    @_lazy
    def today(self) -> date:
        """The calendar day (Eastern time) of ``as_of``, or today."""
        if self.as_of is None:
            from generator.checks.deadlines import now_eastern

            return now_eastern().date()
        return _day_of(self.as_of)

    @_lazy
    def rows(self) -> list[Row]:
        """Every transaction and holding row of both tables, in document order."""
        found: list[Row] = []
        for table in TABLES:
            element = child(self.root, table)  # the first table of each name
            if element is not None:
                for row in element:
                    tag = row.tag
                    if type(tag) is str:  # not a comment or a processing instruction
                        found.append(Row(row, table, tag))
        return found

    @_lazy
    def transactions(self) -> list[Row]:
        """Every transaction row of both tables, in document order."""
        return [row for row in self.rows if row.is_transaction]

    @_lazy
    def owners(self) -> list[Owner]:
        """The reporting owners, in document order."""
        return [Owner(owner) for owner in findall(self.root, "reportingOwner")]

    @_lazy
    def footnotes(self) -> list[etree._Element]:
        """The footnote elements (footnotes/footnote), in document order."""
        return findall(self.root, "footnotes/footnote")

    @_lazy
    def footnote_ids(self) -> list[str | None]:
        """The id of each footnote, in document order."""
        return [footnote.get("id") for footnote in self.footnotes]

    @_lazy
    def footnote_refs(self) -> list[etree._Element]:
        """Every footnoteId element anywhere, in document order."""
        return list(self.root.iter("footnoteId"))

    @_lazy
    def ref_ids(self) -> list[str | None]:
        """The footnote each footnoteId refers to, in document order (``footnote_refs``' ids,
        read without the elements, which only a finding needs)."""
        return elements.attributes(self.root, "footnoteId", "id")

    @_lazy
    def period_element(self) -> etree._Element | None:
        return child(self.root, "periodOfReport")

    @_lazy
    def period(self) -> date | None:
        """The period of report, when it is a date."""
        return as_date(text(self.period_element))

    @_lazy
    def not_subject(self) -> bool:
        """Is the box "no longer subject to Section 16" ticked?"""
        return is_true(child(self.root, "notSubjectToSection16"))

    def where(self, element: etree._Element) -> tuple[str, int | None]:
        line: Any = element.sourceline  # lxml-stubs declare it oddly
        return self.tree.getpath(element), (line + self.line_offset) if line else None

    def problem(self, rule: Rule, element: etree._Element, message: str) -> Problem:
        path, line = self.where(element)
        return _make_problem((rule.severity_for(self.profile), rule.id, message, path, line))


#: A Problem from its five fields, made by tuple's own constructor: the named tuple's __new__
#: is Python code taking keywords and defaults, and rules make thousands in a batch.
_make_problem = partial(tuple.__new__, Problem)

RuleCheck = Callable[["Rule", Document], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered business rule: id, severity, source, and the function that checks it.

    ``since``: the schemaVersion that brought what the rule checks (the 10b5-1 box came with
    X0407); a document of record of an older version is not held to it. None: every version.

    ``record``: the severity when judging a filing of record, where it differs. Severity follows
    the consequence: what EDGAR suspends is an error in every profile; what the forms'
    instructions require but EDGAR accepts is an error for a filing to send (nothing wrong is
    sent) and a warning for a filing EDGAR already accepted (judging it does not call it
    invalid).
    """

    id: str
    severity: Severity
    source: str
    summary: str
    check: RuleCheck
    since: str | None = None
    record: Severity | None = None

    def severity_for(self, profile: Profile) -> Severity:
        """The severity of a finding of this rule under a profile."""
        if profile == "record" and self.record is not None:
            return self.record
        return self.severity

    @property
    def severity_text(self) -> str:
        """As docs/rules.md states it: one word, or the submission's and the record's."""
        if self.record is None or self.record == self.severity:
            return self.severity
        return f"{self.severity} (submission), {self.record} (record)"


RULES: list[Rule] = []


class Statement(NamedTuple):
    """One statement of the specification or of the forms' instructions, and how sec16 holds
    a filing to it: the ids of the checks that enforce it, or the reason it is not checked.

    The catalogue (``STATEMENTS``) is what makes "every rule the spec states" checkable: a
    statement is either enforced by named checks or deliberately left, with its reason, and
    docs/rules.md lists both.
    """

    source: str
    text: str
    checks: tuple[str, ...]
    reason: str = ""


STATEMENTS: list[Statement] = []


def statement(source: str, text: str, *checks: str, reason: str = "") -> None:
    """Record a statement of the spec or forms: enforced by ``checks``, or not, for ``reason``."""
    if bool(checks) == bool(reason):
        raise ValueError(f"{source}: a statement names its checks or the reason it has none")
    STATEMENTS.append(Statement(source, text, checks, reason))


def rule(
    id: str,
    severity: Severity,
    source: str,
    *,
    since: str | None = None,
    record: Severity | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function; its docstring's first line is its summary in docs/rules.md.

    ``since`` names the schemaVersion from which the rule applies; ``record`` the severity for a
    filing of record where it differs (see ``Rule``).
    """
    if since is not None and not versions.is_known(since):
        raise ValueError(f"rule {id}: since={since!r} is not a schema version sec16 knows")

    def register(check: RuleCheck) -> RuleCheck:
        summary = (check.__doc__ or "").strip().splitlines()[0]
        if any(r.id == id for r in RULES):
            raise ValueError(f"rule {id} is registered twice")
        RULES.append(Rule(id, severity, source, summary, check, since, record))
        return check

    return register


def run_rules(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    if document.previous is None:
        elements.start(document.tree)
    else:
        elements.start(document.tree, document.previous.tree)
    version = document.version
    older = version != versions.CURRENT  # the usual case skips the test below
    try:
        for registered in RULES:
            if older and registered.since and versions.before(version, registered.since):
                continue  # what the rule checks did not exist in the document's version
            found = registered.check(registered, document)
            first = next(found, None)  # most rules find nothing: the cheapest way to learn it
            if first is not None:
                problems.append(first)
                # A hostile document can hold a million wrong references: report the first ones.
                problems.extend(islice(found, MAX_PER_RULE - 1))
    finally:
        elements.stop()
    return problems


#: Findings of one rule on one document beyond this many are not reported (like ``xsd``'s 50).
MAX_PER_RULE = 50


# --- reading values -------------------------------------------------------------------------------


def value(element: etree._Element | None, path: str = "value") -> str:
    """The stripped text of ``element/path`` (by default its ``value`` child)."""
    if element is None:
        return ""
    found = child(element, path) if path == "value" else find(element, path)
    return (found.text or "").strip() if found is not None else ""


def has_footnote(element: etree._Element | None) -> bool:
    return child(element, "footnoteId") is not None


def as_decimal(raw: str) -> Decimal | None:
    """A decimal value, or None when empty or not a number (the schema reports that)."""
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


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


def describe(row: etree._Element) -> str:
    """A row as a reader finds it on the form: its security title and transaction date."""
    title = value(row.find("securityTitle")) or "(no title)"
    day = value(row.find("transactionDate"))
    return f"{title!r} on {day}" if day else repr(title)
