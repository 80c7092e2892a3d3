"""Deadlines: is a submission filed in time? (see ``generator.checks.deadlines`` for the law)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache

from lxml import etree

from generator.checks import deadlines
from generator.checks.rules.core import (
    Document,
    Rule,
    as_date,
    rule,
    value,
)
from generator.model.codes import FormType
from generator.model.problems import Problem
from generator.model.values import us_date


def _form4_trigger(document: Document) -> tuple[date, etree._Element, str] | None:
    """The earliest day a "4" transaction was executed (or deemed executed), and its element."""
    found: list[tuple[date, etree._Element, str]] = []
    for row in document.transactions:
        if row.form_type != "4":
            continue  # a "5" transaction reported early has no Form 4 deadline
        deemed, executed = row.deemed_element, row.date_element
        if (day := as_date(value(deemed))) and deemed is not None:
            found.append((day, deemed, "deemed executed"))
        elif (day := row.date) and executed is not None:
            found.append((day, executed, "executed"))
    return min(found, key=lambda item: item[0]) if found else None


#: No Section 16 deadline starts before the Securities Exchange Act of 1934 (and counting
#: business days from year 1 would take a while).
EXCHANGE_ACT = date(1934, 6, 6)


def filing_deadline(
    document: Document, moment: date | datetime
) -> tuple[deadlines.Deadline, etree._Element | None] | None:
    """The deadline of a document filed at ``moment`` and the element it is counted from.

    Form 4: two business days after the earliest "4" transaction (its deemed execution date if
    it has one); Form 3: 10 days after the period of report; Form 5: 45 days after it. None for
    an amendment, or when the date it counts from is missing or before 1934. The one function
    behind ``filing-late``, ``build``, ``package`` and the guided session.
    """
    if document.is_amendment:
        return None
    form = document.base
    how = "executed"
    element: etree._Element | None = document.period_element
    if form is FormType.FORM_4:
        trigger = _form4_trigger(document)
        if trigger is None:
            return None
        start, element, how = trigger
    elif document.period is None:
        return None
    else:
        start = document.period
    if start < EXCHANGE_ACT:
        return None
    try:
        return deadlines.deadline(form.value, start, moment, how), element
    except (OverflowError, ValueError):
        return None  # a date at the very end of the calendar (9999-12-31) has no deadline


def deadline_of_xml(xml: str | bytes, moment: date | datetime) -> deadlines.Deadline | None:
    """``filing_deadline`` of a built ownership document (as ``build`` and the session have it)."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    return deadline_of_tree(etree.ElementTree(root), moment)


def deadline_of_tree(
    tree: etree._ElementTree, moment: date | datetime
) -> deadlines.Deadline | None:
    """``filing_deadline`` of a parsed ownership document (``Built.due``)."""
    root = tree.getroot()
    try:
        document = Document(tree, root.findtext("documentType") or "", "record")
        found = filing_deadline(document, moment)
    except ValueError:
        return None
    return found[0] if found is not None else None


@rule(
    "filing-late",
    "warning",
    "Exchange Act §16(a)(2); Rules 16a-3(a), (f), (g); Rule 0-3(a); Regulation S-T Rule 13(a)(4)",
)
def filing_late(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission is filed by its due date (Form 4: 2 business days; 3: 10 days; 5: 45 days)."""
    if document.profile != "submission" or document.as_of is None:
        return
    found = filing_deadline(document, document.as_of)
    if found is None:
        return
    deadline, element = found
    if not deadline.late or element is None:
        return
    yield document.problem(rule, element, late_sentence(deadline))


@lru_cache(maxsize=4096)  # the filings of a batch share their few deadlines
def late_sentence(deadline: deadlines.Deadline) -> str:
    """What ``filing-late`` says of a deadline that has passed."""
    return (
        f"This Form {deadline.form} was due on {us_date(deadline.due)} ({deadline.why}). "
        f"Submitted {deadlines.moment_text(deadline.moment)}{deadline.deemed}, it is "
        f"{deadline.late} business day(s) late. "
        "File it as soon as possible; the issuer discloses late filings in its proxy statement "
        "(Item 405 of Regulation S-K)."
    )
