"""Deadlines: is a submission filed in time? (see ``generator.deadlines`` for the law)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache

from lxml import etree

from generator import deadlines
from generator.codes import FormType
from generator.problems import Problem
from generator.rules.core import (
    Document,
    Rule,
    as_date,
    rule,
    value,
)


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


@lru_cache(maxsize=64)
def _when(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        local = moment.astimezone(deadlines.eastern()) if moment.tzinfo else moment
        return f"at {local:%Y-%m-%d %H:%M} Eastern time"
    return f"on {moment}"


@rule(
    "filing-late",
    "warning",
    "Exchange Act §16(a)(2); Rules 16a-3(a), (f), (g); Rule 0-3(a); Regulation S-T Rule 13(a)(4)",
)
def filing_late(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission is filed by its due date (Form 4: 2 business days; 3: 10 days; 5: 45 days)."""
    if document.profile != "submission" or document.as_of is None or document.is_amendment:
        return
    form = document.base
    period = document.period
    element: etree._Element | None = document.period_element
    try:
        if form is FormType.FORM_4:
            trigger = _form4_trigger(document)
            if trigger is None or trigger[0] < EXCHANGE_ACT:
                return
            day, element, how = trigger
            due = deadlines.form4_due(day)
            why = f"two business days after the transaction {how} on {day}"
        elif period is None or period < EXCHANGE_ACT:
            return
        elif form is FormType.FORM_3:
            due = deadlines.form3_due(period)
            why = f"10 days after the event of {period} that made the owner an insider"
        else:
            due = deadlines.form5_due(period)
            why = f"45 days after the fiscal year ended {period}"
        filed = deadlines.filing_date(document.as_of)
        if filed <= due or element is None:
            return
        late = deadlines.business_days_between(due, filed)
    except (OverflowError, ValueError):
        return  # a date at the very end of the calendar (9999-12-31) has no deadline to speak of
    moment = document.as_of
    day = moment.date() if isinstance(moment, datetime) else moment
    deemed = (
        f" (EDGAR dates a submission made after 10 p.m. Eastern, or on a weekend or holiday, "
        f"on the next business day: {filed})"
        if filed != day
        else ""
    )
    yield document.problem(
        rule,
        element,
        f"This Form {form.value} was due on {due} ({why}). Submitted {_when(moment)}{deemed}, "
        f"it is {late} business day(s) late. File it as soon as possible; the issuer "
        "discloses late filings in its proxy statement (Item 405 of Regulation S-K).",
    )
