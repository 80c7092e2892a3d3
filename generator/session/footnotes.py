"""Footnotes in the session: the ids it hands out, the standard footnotes it offers, the plan's.

A footnote is referred to by an id typed after a value (``12.50 [F2]``) and given its text under
``footnotes``. The functions here find the ids in use and the next free one, attach and take
off an id, write the 10b5-1 plan's footnote from its adoption date (and say what that date
implies), and fill a standard footnote (``generator.model.standard_footnotes``: weighted
average, exercise, gift, tax…) on a row. Pure functions on the draft (``Answers``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from generator.checks import deadlines
from generator.model import standard_footnotes, values
from generator.session.answers import TABLES, Answers, day, noted, notes_of, plain
from generator.session.domain import Check, FromBook, has_transactions

#: The plan's footnote is a template of ``generator.model.standard_footnotes`` (one table for all).
PLAN_FOOTNOTE = standard_footnotes.PLAN.text
_FOOTNOTE_NUMBER = re.compile(r"F([1-9][0-9]?)")


# --- footnote ids -------------------------------------------------------------------------------


def referenced_footnotes(data: dict[str, Any]) -> list[str]:
    """Every footnote id the answers refer to, in order of number."""
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("footnotes"), (list, str)):
                found.update(notes_of(node))
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit({key: value for key, value in data.items() if key != "footnotes"})
    return sorted(found, key=footnote_number)


def footnote_number(ident: str) -> int:
    """``F12`` -> 12; an id of another form sorts after every numbered one (100)."""
    match = _FOOTNOTE_NUMBER.fullmatch(ident)
    return int(match.group(1)) if match else 100


def next_footnote(data: dict[str, Any]) -> str:
    """The next free id: one past the highest in use, referred to or given a text."""
    used = set(referenced_footnotes(data))
    footnotes = data.get("footnotes")
    if isinstance(footnotes, dict):
        used.update(str(k) for k in footnotes)
    number = max((footnote_number(f) for f in used if footnote_number(f) < 100), default=0)
    return f"F{number + 1}"


def write_note(answers: Answers, key: str, ident: str, text: str | None = None) -> None:
    """Attach footnote ``ident`` to the value ``key`` (once) and, when given, set its text."""
    raw = answers.get(key)
    notes = notes_of(raw)
    if ident not in notes:
        answers.set(key, noted(plain(raw), [*notes, ident]))
    if text is not None:
        footnotes = answers.data.get("footnotes")
        if not isinstance(footnotes, dict):
            footnotes = answers.data["footnotes"] = {}
        footnotes[ident] = text


def drop_note(answers: Answers, key: str, ident: str) -> None:
    """Take footnote ``ident`` off ``key``; its text goes when nothing refers to it any more."""
    raw = answers.get(key)
    answers.set(key, noted(plain(raw), [n for n in notes_of(raw) if n != ident]))
    footnotes = answers.data.get("footnotes")
    if isinstance(footnotes, dict) and ident not in referenced_footnotes(answers.data):
        footnotes.pop(ident, None)


def rename_note(answers: Answers, key: str, old: str, new: str) -> None:
    """The value ``key`` refers to footnote ``new`` where it referred to ``old``."""
    raw = answers.get(key)
    answers.set(key, noted(plain(raw), [new if n == old else n for n in notes_of(raw)]))


# --- footnotes the reporting person used before (sec16 new --book) ----------------------------


def _places(data: dict[str, Any], ident: str) -> list[tuple[str, str, str]]:
    """Where the rows refer to footnote ``ident``: (table, security, key) of each value."""
    found = []
    for table in TABLES:
        rows = data.get(table)
        for row in rows if isinstance(rows, list) else []:
            if not isinstance(row, dict):
                continue
            security = str(plain(row.get("security")) or "").strip().casefold()
            for key, raw in row.items():
                if ident in notes_of(raw):
                    found.append((table, security, key))
    return found


def earlier_footnotes(data: dict[str, Any], ident: str, book: FromBook) -> tuple[list[str], str]:
    """The footnotes of the book offered for footnote ``ident``, and the likeliest ('' none).

    First the footnotes the person's last filing put on the same value of a row of the same
    security (the exercise price of "Class B Common Stock" carried F2 and F3: their texts),
    then every other text the person used, the latest first; a text the draft already has is
    not offered again.
    """
    texts = data.get("footnotes")
    used = {str(t).strip() for t in texts.values()} if isinstance(texts, dict) else set()
    likely: list[str] = []
    for table, security, key in _places(data, ident):
        for row in book.rows.get(table, []):
            if str(plain(row.get("security")) or "").strip().casefold() != security:
                continue
            for note in notes_of(row.get(key)):
                text = book.last_footnotes.get(note, "").strip()
                if text and text not in likely:
                    likely.append(text)
    offered = [t for t in [*likely, *book.footnotes] if t not in used]
    offered = list(dict.fromkeys(offered))
    best = next((t for t in likely if t not in used), "")
    return offered, best


# --- standard footnotes on a row ------------------------------------------------------------


def offered_template(answers: Answers) -> standard_footnotes.Template | None:
    """The standard footnote offered on this row (None: none, or not a transaction)."""
    if answers.kind != "transaction" or answers.table is None:
        return None
    found = standard_footnotes.offered(
        answers.table,
        str(answers.value("code") or ""),
        str(answers.value("acquired_disposed") or ""),
    )
    return found[0] if found else None


def template_footnote(answers: Answers, template: standard_footnotes.Template) -> str | None:
    """The id of the footnote written from ``template`` on the row's value, if there is one."""
    footnotes = answers.data.get("footnotes")
    if not isinstance(footnotes, dict):
        return None
    for ident in notes_of(answers.get(template.attach)):
        text = footnotes.get(ident)
        if isinstance(text, str) and template.read(text) is not None:
            return ident
    return None


def template_words(answers: Answers) -> dict[str, str]:
    """The blanks of a template the row fills by itself (price column, sold or bought…)."""
    return standard_footnotes.row_words(
        answers.table or "table_1",
        str(answers.value("code") or ""),
        str(answers.value("acquired_disposed") or ""),
    )


def blank_check(
    answers: Answers,
    template: standard_footnotes.Template,
    blank: standard_footnotes.Blank,
    filled: dict[str, str],
) -> Check:
    """The check of a template's blank (a weighted average's prices bracket the row's price)."""

    def check(text: str) -> object:
        return standard_footnotes.check_blank(template, blank, text, filled, answers.value("price"))

    return check


# --- the 10b5-1 plan's footnote ------------------------------------------------------------------


def plan_footnote(data: dict[str, Any]) -> str | None:
    """The id of the footnote that gives the 10b5-1 plan's adoption date, if written."""
    footnotes = data.get("footnotes")
    if isinstance(footnotes, dict):
        for ident, text in footnotes.items():
            if isinstance(text, str) and standard_footnotes.PLAN.read(text) is not None:
                return str(ident)
    return None


def plan_written(answers: Answers) -> bool:
    return plan_footnote(answers.data) is not None


def store_plan_date(answers: Answers, text: Any) -> None:
    """The plan's footnote, written (or written again) from the adoption date typed."""
    adopted = values.parse_date(text)
    data = answers.data
    ident = plan_footnote(data) or next_footnote(data)
    footnotes = data.get("footnotes")
    if not isinstance(footnotes, dict):
        footnotes = data["footnotes"] = {}
    footnotes[ident] = standard_footnotes.PLAN.fill({}, {"date": values.us_date(adopted)})


def plan_date_default(answers: Answers) -> str | None:
    ident = plan_footnote(answers.data)
    if ident is None:
        return None
    blanks = standard_footnotes.PLAN.read(str(answers.data["footnotes"][ident]))
    return blanks["date"] if blanks else None


def under_plan(answers: Answers) -> bool:
    """The row's transaction code carries the plan's footnote."""
    ident = plan_footnote(answers.data)
    return ident is not None and ident in notes_of(answers.get("code"))


def under_plan_default(answers: Answers) -> bool:
    """Yes for a new row (no amount yet), else what the row says."""
    return not answers.has("shares") or under_plan(answers)


def store_under_plan(answers: Answers, yes: Any) -> None:
    ident = plan_footnote(answers.data)
    if ident is None:
        return
    raw = answers.get("code")
    notes = [n for n in notes_of(raw) if n != ident]
    if yes:
        notes.append(ident)
    answers.set("code", noted(plain(raw), notes))


#: How the review reports the plan's date findings (the rules' severities for a submission).
_PLAN_SEVERITY = {"aff10b5-adopted-after": "error", "aff10b5-cooling-off": "warning"}


def _director_or_officer(data: dict[str, Any]) -> bool:
    owners = data.get("reporting_owners")
    for owner in owners if isinstance(owners, list) else []:
        relationship = owner.get("relationship") if isinstance(owner, dict) else None
        if isinstance(relationship, dict) and (
            relationship.get("director") is True or relationship.get("officer") is True
        ):
            return True
    return False


def plan_adoption(data: dict[str, Any]) -> tuple[str, date] | None:
    """The plan's footnote and the adoption date it gives, once the session has written it."""
    ident = plan_footnote(data)
    if ident is None:
        return None
    adopted = standard_footnotes.adoption_date(str(data["footnotes"][ident]))
    return (ident, adopted) if adopted is not None else None


def _plan_lines(data: dict[str, Any], on: date, lead: str = "") -> list[str]:
    found = plan_adoption(data)
    if found is None:
        return []
    ident, adopted = found
    insider = _director_or_officer(data)
    return [
        f"{_PLAN_SEVERITY[f.rule]}: {lead}{f.message} ({f.rule})"
        for f in deadlines.plan_findings(adopted, on, insider, f"footnote {ident}")
    ]


def plan_notice(answers: Answers, moment: date | datetime) -> list[str]:
    """Once the adoption date is answered: the cooling-off period, and the dates it makes wrong.

    The transactions are those marked as made under the plan; before any row is written, the
    earliest transaction (box 3) stands for them.
    """
    data = answers.data
    found = plan_adoption(data)
    if found is None:
        return []
    ident, adopted = found
    period = deadlines.cooling_off(adopted, _director_or_officer(data))
    lines = [
        period.summary()
        if period is not None
        else f"A plan adopted before {deadlines.COOLING_OFF_SINCE} has no cooling-off period."
    ]
    marked = [
        on
        for table in TABLES
        for row in answers.rows(table)
        if ident in notes_of(row.get("code")) and (on := day(row.get("transaction_date")))
    ]
    start = day(data.get("period_of_report"))
    if marked:
        for on in marked:
            lines += _plan_lines(data, on)
    elif start is not None and has_transactions(answers):
        lines += _plan_lines(
            data,
            start,
            f"if the earliest transaction (box 3, {values.us_date(start)}) is under the plan: ",
        )
    return lines


def row_plan_notice(answers: Answers, moment: date | datetime) -> list[str]:
    """Once a row under the plan has its date: whether the plan's dates allow it."""
    on = day(answers.get("transaction_date"))
    if on is None or not under_plan(answers):
        return []
    return _plan_lines(answers.data, on)
