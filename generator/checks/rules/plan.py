"""The dates of a Rule 10b5-1 plan: adopted before the trades it covers, and its cooling-off.

The adoption date is read from the footnotes (``standard_footnotes.find_adoption``: the
footnote the guided session writes exactly, another filer's words by a heuristic that says
what it looked for). A footnote covers the transactions that cite it anywhere in their row.
When no footnote gives a date but the remarks do, the remarks, which no row cites, are taken
to cover the open-market sales and purchases (codes S and P), what trading plans execute.
The messages are ``deadlines.plan_findings``'s, which the guided session says too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.checks import deadlines
from generator.checks.rules.core import (
    Document,
    Row,
    Rule,
    all_text,
    find,
    rule,
)
from generator.model.problems import Problem
from generator.model.standard_footnotes import Adoption, find_adoption

#: The plan of the remarks covers these transactions (no row can cite the remarks).
REMARKS_COVER = ("S", "P")


def _citing(document: Document) -> dict[str | None, list[Row]]:
    """Footnote id -> the transactions that cite it anywhere in their row (one pass)."""
    found: dict[str | None, list[Row]] = {}
    for row in document.transactions:
        for ident in {ref.get("id") for ref in row.element.iter("footnoteId")}:
            found.setdefault(ident, []).append(row)
    return found


def _plans(document: Document) -> list[tuple[Adoption, str, list[Row]]]:
    """Each plan adoption date found, where it was found, and the transactions it covers.

    Read once per document: both rules ask (kept in the Document's ``__dict__``, as its own
    lazily computed values are).
    """
    cached = vars(document).get("_plan_dates")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found: list[tuple[Adoption, str, list[Row]]] = []
    if document.has_transactions:
        citing: dict[str | None, list[Row]] | None = None
        for footnote in document.footnotes:
            adoption = find_adoption(all_text(footnote))
            if adoption is not None:
                ident = footnote.get("id")
                citing = _citing(document) if citing is None else citing
                found.append((adoption, f"footnote {ident}", citing.get(ident, [])))
        remarks = find(document.root, "remarks") if not found else None
        adoption = find_adoption(all_text(remarks)) if remarks is not None else None
        if adoption is not None:
            rows = [row for row in document.transactions if row.code.upper() in REMARKS_COVER]
            found.append((adoption, "the remarks", rows))
    vars(document)["_plan_dates"] = found
    return found


def _director_or_officer(document: Document) -> bool:
    """Is a reporting person a director or an officer (the longer cooling-off period)?"""
    return any(owner.boxes[0] or owner.boxes[1] for owner in document.owners)


def _findings(rule: Rule, document: Document) -> Iterator[Problem]:
    plans = _plans(document)
    if not plans:
        return
    insider = _director_or_officer(document)
    for adoption, place, rows in plans:
        where = adoption.where(place)
        for row in rows:
            day: date | None = row.date
            element = row.date_element
            if day is None or element is None:
                continue
            for found in deadlines.plan_findings(adoption.day, day, insider, where):
                # A trade 90 to 120 days after a director's adoption is inside the period only
                # if the issuer's 10-Q or 10-K came late: worth a reminder before filing, not a
                # finding on a filing EDGAR accepted.
                if found.rule == rule.id and (found.certain or document.profile == "submission"):
                    yield document.problem(rule, element, found.message)


@rule(
    "aff10b5-adopted-after",
    "error",
    "Rule 10b5-1(c)(1)(i)(A), (B); Forms 4 and 5: Rule 10b5-1(c) check box (the plan's "
    "adoption date in the Explanation of Responses); Release 33-11138",
    record="warning",
)
def aff10b5_adopted_after(rule: Rule, document: Document) -> Iterator[Problem]:
    """A transaction a Rule 10b5-1 plan's footnote covers is not dated before the plan's adoption.

    A plan gives an affirmative defense only for trades made after it was adopted (entered into
    before the person became aware of inside information). The adoption date is read from the
    footnote the row cites (or the remarks); see the module's docstring.
    """
    yield from _findings(rule, document)


@rule(
    "aff10b5-cooling-off",
    "warning",
    "Rule 10b5-1(c)(1)(ii)(B)(1), (2); Release 33-11138 (plans adopted from February 27, 2023)",
)
def aff10b5_cooling_off(rule: Rule, document: Document) -> Iterator[Problem]:
    """A transaction under a Rule 10b5-1 plan is not made inside the plan's cooling-off period.

    Directors and officers: the later of 90 days after adoption and 2 business days after the
    10-Q or 10-K for the quarter of adoption, at most 120 days; others: 30 days. The 10-Q/10-K
    date is not in the filing: a trade in the first 90 days is inside; one between 90 and 120
    days perhaps, which only a submission is told (the message says which, and until when).
    """
    yield from _findings(rule, document)
