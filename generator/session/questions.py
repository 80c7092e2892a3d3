"""The guided session (``sec16 new`` / ``sec16 edit``) as data: what to ask, when, with which check.

Each ``Question`` names the draft key it fills, the same key the YAML draft uses, so the session's
state is simply the draft: the plain dict that ``generator.formats.draft`` loads. A question says
how it
is asked (text, select, confirm, autocomplete, checkbox), when it applies (a condition on the
answers so far), its default, and the check a typed answer must pass. The checks are the parsers
of ``generator.model.values`` and the model's own field validators, so an answer is refused with the
very sentence the draft loader prints for the same value in a YAML file.

A few questions fill no single key ("What happened?" sets the code, the acquired/disposed flag
and the kind of row; "Was it under the 10b5-1 plan?" attaches the plan's footnote): they carry a
``store`` function instead. ``questionnaire.py`` runs this table with questionary;
``tests/test_questionnaire.py`` fails when a model field is neither asked here nor listed in
``NOT_ASKED``.

Nothing here imports pydantic or questionary: the first question must appear fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from generator.checks import deadlines
from generator.model import standard_footnotes, values
from generator.model.codes import (
    CURRENT_COUNTRIES,
    OBSOLETE_COUNTRY_CODES,
    PLACE_KEYWORDS,
    RELATIONSHIP_KEYWORDS,
    TRANSACTION_CODE_KEYWORDS,
    US_STATES,
    AcquiredDisposed,
    DirectIndirect,
    FormType,
    Timeliness,
    TransactionCode,
    country_name,
    state_name,
)

Kind = Literal["text", "select", "confirm", "autocomplete", "checkbox"]
Scope = tuple[str | int, ...]
TABLES = ("table_1", "table_2")


# --- the answers so far ------------------------------------------------------------------------


def plain(raw: Any) -> Any:
    """The value of an answer that may carry footnotes (``{value: 12.50, footnotes: [F1]}``)."""
    if isinstance(raw, dict):
        return raw.get("value")
    return raw


def notes_of(raw: Any) -> list[str]:
    """The footnote ids attached to an answer (``[]`` for a bare value)."""
    if isinstance(raw, dict):
        found = raw.get("footnotes") or []
        if isinstance(found, str):
            found = [part for part in re.split(r"[,\s]+", found) if part]
        return [str(note) for note in found]
    return []


def noted(value: Any, footnotes: list[str]) -> Any:
    """The draft spelling of a value with footnotes: the bare value when there are none."""
    if not footnotes:
        return value
    if value is None or value == "":
        return {"footnotes": list(footnotes)}
    return {"value": value, "footnotes": list(footnotes)}


def form_of(data: dict[str, Any]) -> FormType | None:
    raw = data.get("form")
    if raw is None:
        return None
    try:
        return FormType(str(raw).strip().upper().removeprefix("FORM").strip())
    except ValueError:
        return None


def row_kind(row: dict[str, Any]) -> str:
    """A row's kind, inferred as the model infers it when the draft does not say."""
    kind = row.get("kind")
    if kind in ("transaction", "holding"):
        return str(kind)
    return "transaction" if "transaction_date" in row or "code" in row else "holding"


def amount(raw: Any) -> Decimal | None:
    """An amount answer as a number, or None when it is missing or not a number."""
    try:
        return values.parse_decimal(plain(raw))
    except ValueError:
        return None


def day(raw: Any) -> date | None:
    try:
        return values.parse_date(plain(raw))
    except ValueError:
        return None


def show_amount(number: Decimal) -> str:
    """12345.5 -> "12,345.5": how amounts are typed and printed on the paper form."""
    whole, _, fraction = values.format_decimal(number).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


class Answers:
    """The draft so far (plain data, as the YAML loader reads it), seen from one item of it.

    ``scope`` is the key path of the item a question belongs to: ``()`` for the filing itself,
    ``("reporting_owners", 0)`` for the first owner, ``("table_2", 1)`` for the second Table II
    row. Keys of questions are dotted paths inside that item (``address.state``).
    """

    def __init__(self, data: dict[str, Any], scope: Scope = ()) -> None:
        self.data = data
        self.scope = scope

    @property
    def item(self) -> dict[str, Any]:
        node: Any = self.data
        for part in self.scope:
            node = node[part]
        if not isinstance(node, dict):
            raise TypeError(f"{self.scope} is not an item of the draft")
        return node

    def has(self, key: str) -> bool:
        node: Any = self.item
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def get(self, key: str) -> Any:
        node: Any = self.item
        for part in key.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def value(self, key: str) -> Any:
        return plain(self.get(key))

    def set(self, key: str, value: Any) -> None:
        node = self.item
        *parents, last = key.split(".")
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[last] = value

    def delete(self, key: str) -> None:
        node: Any = self.item
        *parents, last = key.split(".")
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)

    @property
    def form(self) -> FormType | None:
        return form_of(self.data)

    @property
    def table(self) -> str | None:
        return str(self.scope[0]) if self.scope and self.scope[0] in TABLES else None

    @property
    def index(self) -> int:
        return int(self.scope[1]) if len(self.scope) > 1 else 0

    @property
    def kind(self) -> str:
        return row_kind(self.item)

    def rows(self, table: str) -> list[dict[str, Any]]:
        rows = self.data.get(table)
        return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []

    def at(self, scope: Scope) -> Answers:
        return Answers(self.data, scope)


Predicate = Callable[[Answers], bool]
Text = str | Callable[[Answers], str]
Check = Callable[[str], object]
Default = Callable[[Answers], Any]


@dataclass(frozen=True)
class Choice:
    """One answer of a pick list: its text, the value stored, and what a filer may type for it.

    ``code`` (the EDGAR code, "S", "I", "CA") and ``keywords`` (plain words from the tables of
    ``generator.model.codes``: "sale", "indirect") find it, besides the words of ``title``.
    """

    title: str
    value: Any
    code: str = ""
    keywords: tuple[str, ...] = ()


def table_choices(table: Mapping[str, str]) -> list[Choice]:
    """A code table ("NY" -> "NEW YORK") as choices "NY — NEW YORK", with the places' synonyms."""
    return [
        Choice(f"{code} — {name}", code, code, PLACE_KEYWORDS.get(code, ()))
        for code, name in table.items()
    ]


ChoicesFn = Callable[[Answers], list[Choice]]
#: A question that fills no single key stores its answer itself.
Store = Callable[[Answers, Any], None]


def _always(_: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    """One question of the session.

    ``key`` is the draft key (dotted, inside the item of the question's group); ``fields`` are the
    model fields the question fills, written as key paths from the filing (``table_1.price``), for
    the test that every field is asked; ``check`` parses a typed answer and raises ValueError with
    the loader's message; ``footnotes`` lets a text answer carry footnote references after the
    value (``12.50 [F1]``, or ``[F1]`` alone when the footnote stands for the value).
    """

    key: str
    prompt: Text
    kind: Kind = "text"
    fields: tuple[str, ...] = ()
    check: Check | None = None
    #: A check that depends on the answers so far (which footnote, which row).
    check_for: Callable[[Answers], Check] | None = None
    when: Predicate = _always
    default: Default | None = None
    choices: ChoicesFn | None = None
    #: Type-ahead questions: the code -> name table offered as "XX — NAME".
    table: Mapping[str, str] | None = None
    optional: bool = False
    footnotes: bool = False
    #: What a "yes" and a "no" to a confirm store (None where an absent box means "no").
    yes: Any = True
    no: Any = False
    #: A question that fills no single key: stores its answer itself and says whether the
    #: draft already holds one (for resuming).
    store: Store | None = None
    answered: Predicate | None = None
    #: A follow-up offer: the scope of the item the answer led to (walked right after it).
    follow: Callable[[Answers], Scope | None] | None = None
    name: str = ""
    #: Lines to show once the answer is stored (a due date, a plan's cooling-off period), given
    #: the answers and the moment deadlines are counted to.
    notice: Callable[[Answers, date | datetime], list[str]] | None = None
    #: A question that fills no single key but types footnotes on some (``code F2``): those keys.
    typed_notes: Callable[[Answers], list[str]] | None = None
    #: What a stored answer implies for the rest of its item (called after it is stored, with
    #: the stored value): an empty transaction date makes the row a holding.
    then: Store | None = None
    #: Store a typed answer in capitals (a trading symbol).
    upper: bool = False
    #: The answer names a file: typed from the current folder, stored relative to the draft's.
    file: bool = False

    @property
    def id(self) -> str:
        return self.name or self.key

    @property
    def virtual(self) -> bool:
        return self.store is not None

    def text(self, answers: Answers) -> str:
        return self.prompt(answers) if callable(self.prompt) else self.prompt


@dataclass(frozen=True)
class Gate:
    """A yes/no question that opens a few rarer questions (asked only after a yes)."""

    question: Question
    steps: tuple[Question, ...]


@dataclass(frozen=True)
class Offer:
    """The offer of a standard footnote (``generator.model.standard_footnotes``) on a transaction
    row.

    Asked after the price: the template's own yes/no question ("Was this a weighted average of
    several trades?"), then its blanks (lowest and highest price), then the footnote's text,
    filled in and editable. The footnote gets the next free id and is attached to the value the
    template names (the price, or the transaction code).
    """

    name: str = "standard_footnote"

    def template(self, answers: Answers) -> standard_footnotes.Template | None:
        """The template offered on this row (None: none, or not a transaction)."""
        if answers.kind != "transaction" or answers.table is None:
            return None
        found = standard_footnotes.offered(
            answers.table,
            str(answers.value("code") or ""),
            str(answers.value("acquired_disposed") or ""),
        )
        return found[0] if found else None


Step = Question | Gate | Offer


@dataclass(frozen=True)
class Group:
    """A repeating group: reporting owners, Table I rows, Table II rows, signatures."""

    key: str
    noun: str
    steps: tuple[Step, ...]
    limit: int
    #: Asked before the first item; None: the first item is always there (at least one).
    first: Text | None
    more: Text
    new_item: Callable[[Answers], dict[str, Any]] = field(default=lambda _: {})


@dataclass(frozen=True)
class FootnoteTexts:
    """The text of every footnote the answers refer to ([F2] typed after a value)."""

    question: Question


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    steps: tuple[Step | Group | FootnoteTexts, ...]
    when: Predicate = _always
    #: A line printed under the title (its footnote example names the next free id).
    intro: Text = ""


# --- checks: the loader's own parsers and validators ------------------------------------------


def field_check(model: str, name: str) -> Check:
    """Check an answer with the model's own validators for one field (pydantic, loaded lazily).

    The model validates a dict holding only this answer; of its errors, those about this field
    are the answer's (the rest say that other fields are missing). The message is the draft
    loader's, word for word.
    """

    def check(text: str) -> object:
        from pydantic import ValidationError

        from generator.formats.draft import message_of
        from generator.model import filing as models

        cls = getattr(models, model)
        try:
            cls.model_validate({name: text})
        except ValidationError as err:
            for error in err.errors():
                if tuple(error["loc"][:1]) == (name,) and error["type"] != "missing":
                    raise ValueError(message_of(error)) from None
        return text

    return check


def footnote_text_check(ident: str) -> Check:
    def check(text: str) -> object:
        return field_check("Filing", "footnotes")({ident: text})  # type: ignore[arg-type]

    return check


def code_of(text: str, table: Mapping[str, str] | None = None) -> str:
    """The code in a type-ahead answer: "NY — NEW YORK", "ny" or "New York" -> "NY"."""
    typed = text.split("—", 1)[0].strip()
    if table is not None and typed.upper() not in table:
        by_name = {name.casefold(): code for code, name in table.items()}
        typed = by_name.get(typed.casefold(), typed)
    return typed.upper()


def check_state(text: str) -> str:
    code = code_of(text, US_STATES)
    values.check_length(code, 2, "The state code")
    state_name(code)
    return code


def check_country(text: str) -> str:
    code = code_of(text, CURRENT_COUNTRIES)
    values.check_length(code, 2, "The country code")
    name = country_name(code)
    if code in OBSOLETE_COUNTRY_CODES:
        raise ValueError(f"{code} ({name}) is an obsolete code that EDGAR suspends; pick another")
    return code


def _date(text: str) -> object:
    return values.parse_date(text)


def is_date(question: Question) -> bool:
    """A question answered with a date: its default is shown as MM/DD/YYYY, as it asks."""
    return question.check is _date


def us_date(raw: Any) -> str | None:
    """A date as the prompts ask for it: ``2025-08-12`` -> ``08/12/2025`` (None: not a date)."""
    found = day(raw)
    return values.us_date(found) if found else None


# --- the 10b5-1 plan footnote -------------------------------------------------------------------

#: The plan's footnote is a template of ``generator.model.standard_footnotes`` (one table for all).
PLAN_FOOTNOTE = standard_footnotes.PLAN.text
_FOOTNOTE_NUMBER = re.compile(r"F([1-9][0-9]?)")


def plan_footnote(data: dict[str, Any]) -> str | None:
    """The id of the footnote that gives the 10b5-1 plan's adoption date, if written."""
    footnotes = data.get("footnotes")
    if isinstance(footnotes, dict):
        for ident, text in footnotes.items():
            if isinstance(text, str) and standard_footnotes.PLAN.read(text) is not None:
                return str(ident)
    return None


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
    return sorted(found, key=_footnote_number)


def _footnote_number(ident: str) -> int:
    match = _FOOTNOTE_NUMBER.fullmatch(ident)
    return int(match.group(1)) if match else 100


def next_footnote(data: dict[str, Any]) -> str:
    used = set(referenced_footnotes(data))
    footnotes = data.get("footnotes")
    if isinstance(footnotes, dict):
        used.update(str(k) for k in footnotes)
    number = max((_footnote_number(f) for f in used if _footnote_number(f) < 100), default=0)
    return f"F{number + 1}"


def _store_plan_date(answers: Answers, text: Any) -> None:
    adopted = values.parse_date(text)
    data = answers.data
    ident = plan_footnote(data) or next_footnote(data)
    footnotes = data.get("footnotes")
    if not isinstance(footnotes, dict):
        footnotes = data["footnotes"] = {}
    footnotes[ident] = standard_footnotes.PLAN.fill({}, {"date": values.us_date(adopted)})


def _plan_date_default(answers: Answers) -> str | None:
    ident = plan_footnote(answers.data)
    if ident is None:
        return None
    blanks = standard_footnotes.PLAN.read(str(answers.data["footnotes"][ident]))
    return blanks["date"] if blanks else None


def _under_plan(answers: Answers) -> bool:
    ident = plan_footnote(answers.data)
    return ident is not None and ident in notes_of(answers.get("code"))


def _store_under_plan(answers: Answers, yes: Any) -> None:
    ident = plan_footnote(answers.data)
    if ident is None:
        return
    raw = answers.get("code")
    notes = [n for n in notes_of(raw) if n != ident]
    if yes:
        notes.append(ident)
    answers.set("code", noted(plain(raw), notes))


# --- standard footnotes on a row, and the dates that matter -------------------------------------


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


def due_notice(answers: Answers, moment: date | datetime) -> list[str]:
    """Once box 3 is known: when the form is due and, filed at ``moment``, whether it is late."""
    form = answers.form
    start = day(answers.get("period_of_report"))
    if form is None or form.is_amendment or start is None:
        return []
    try:
        found = deadlines.deadline(form.base.value, start, moment)
    except (ValueError, OverflowError):
        return []
    return [found.sentence("if filed today")]


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
    if on is None or not _under_plan(answers):
        return []
    return _plan_lines(answers.data, on)


# --- "What happened?": plain words that derive the code --------------------------------------

HOLDING = "holding"
OTHER = "other"


@dataclass(frozen=True)
class Happening:
    """A plain-English answer to "What happened?" and the coding it stands for."""

    title: str
    code: str
    direction: str


_HAPPENINGS: dict[str, tuple[Happening, ...]] = {
    "table_1": (
        Happening("Bought shares on the market or privately (P, acquired)", "P", "A"),
        Happening("Sold shares on the market or privately (S, disposed of)", "S", "D"),
        Happening("Received a grant or award from the company (A, acquired)", "A", "A"),
        Happening(
            "Shares withheld or delivered to pay tax or an exercise price (F, disposed of)",
            "F",
            "D",
        ),
        Happening("Gave shares as a gift (G, disposed of)", "G", "D"),
        Happening("Received shares as a gift (G, acquired)", "G", "A"),
        Happening(
            "Received shares by exercising or converting a derivative, e.g. options or RSUs "
            "(M, acquired)",
            "M",
            "A",
        ),
        Happening("Received shares on conversion of a derivative security (C, acquired)", "C", "A"),
        Happening("Sold or returned shares to the company (D, disposed of)", "D", "D"),
    ),
    "table_2": (
        Happening("Bought it on the market or privately (P, acquired)", "P", "A"),
        Happening("Sold it on the market or privately (S, disposed of)", "S", "D"),
        Happening("Received a grant or award, e.g. options or RSUs (A, acquired)", "A", "A"),
        Happening(
            "Withheld or delivered to pay tax or an exercise price (F, disposed of)", "F", "D"
        ),
        Happening("Gave it as a gift (G, disposed of)", "G", "D"),
        Happening("Received it as a gift (G, acquired)", "G", "A"),
        Happening(
            "Exercised or converted it, e.g. options exercised or RSUs settled (M, disposed of)",
            "M",
            "D",
        ),
        Happening("Converted it: conversion of a derivative security (C, disposed of)", "C", "D"),
        Happening("Returned it to the company, e.g. cancelled (D, disposed of)", "D", "D"),
    ),
}

#: Codes of exercise and conversion, whose derivative row has a matching row of shares.
EXERCISE_CODES = ("M", "C", "X", "O")


def happening_of(answers: Answers) -> str | None:
    """The "What happened?" answer the row's coding stands for (None before it is answered)."""
    item = answers.item
    if "kind" not in item and "code" not in item:
        return None
    if answers.kind == "holding":
        return HOLDING
    code, direction = answers.value("code"), answers.value("acquired_disposed")
    if code is None:
        return OTHER
    for index, happening in enumerate(_HAPPENINGS[answers.table or "table_1"]):
        code_text, direction_text = str(code).upper(), str(direction or "").upper()
        if (happening.code, happening.direction) == (code_text, direction_text):
            return str(index)
    return OTHER


def _happening_choices(answers: Answers) -> list[Choice]:
    choices = [
        Choice(h.title, str(i), h.code, TRANSACTION_CODE_KEYWORDS[h.code])
        for i, h in enumerate(_HAPPENINGS[answers.table or "table_1"])
    ]
    choices.append(Choice("Nothing happened: report a holding (no transaction)", HOLDING))
    choices.append(Choice("Other: pick from the full code list", OTHER))
    return choices


_TRANSACTION_ONLY = (
    "transaction_date",
    "deemed_execution_date",
    "code",
    "equity_swap",
    "timeliness",
    "price",
    "shares",
    "total_value",
    "acquired_disposed",
)


def _store_happening(answers: Answers, choice: Any) -> None:
    item = answers.item
    if choice == HOLDING:
        item["kind"] = "holding"
        for key in _TRANSACTION_ONLY:
            item.pop(key, None)
        if str(plain(item.get("form_type"))) in ("4", "5"):
            item.pop("form_type", None)
        return
    if item.get("kind") != "transaction" and str(plain(item.get("form_type"))) == "3":
        item.pop("form_type", None)
    item["kind"] = "transaction"
    if choice == OTHER:
        if happening_of(answers) != OTHER:
            item.pop("code", None)
            item.pop("acquired_disposed", None)
        return
    happening = _HAPPENINGS[answers.table or "table_1"][int(choice)]
    answers.set("code", noted(happening.code, notes_of(item.get("code"))))
    if answers.table == "table_1":
        answers.set(
            "acquired_disposed", noted(happening.direction, notes_of(item.get("acquired_disposed")))
        )
    else:
        answers.set("acquired_disposed", happening.direction)


def _coded_by_other(answers: Answers) -> bool:
    return answers.kind == "transaction" and happening_of(answers) == OTHER


def _code_choices(_: Answers) -> list[Choice]:
    return [Choice(code.label, code.value, code.value, code.keywords) for code in TransactionCode]


def _direction_choices(_: Answers) -> list[Choice]:
    return [Choice(d.label, d.value, d.value, d.keywords) for d in AcquiredDisposed]


def _usual_direction(answers: Answers) -> str | None:
    try:
        usual = TransactionCode(str(answers.value("code")).upper()).usual_direction
    except ValueError:
        return None
    return usual.value if usual else None


# --- conditions ---------------------------------------------------------------------------------


def has_transactions(answers: Answers) -> bool:
    form = answers.form
    return form is not None and form.has_transactions


#: The boxes the session asks on Forms 4 and 5 only (the section "boxes").
FORM_4_AND_5_BOXES = ("no_longer_subject_to_section_16", "rule_10b5_1_plan")


def keys_of_other_forms(data: dict[str, Any]) -> list[str]:
    """Drop from a Form 3's answers what only Forms 4 and 5 have, and name it (key paths).

    The session never asks these on a Form 3 (the boxes at the top, Table II's amount owned
    following), so they are left from an earlier choice of form (a Form 4 changed into a
    Form 3), or were typed into the draft; the draft loader refuses them, and the session could
    not ask them again to take them back.
    """
    form = form_of(data)
    if form is None or form.has_transactions:
        return []
    dropped = [key for key in FORM_4_AND_5_BOXES if data.pop(key, None) is not None]
    rows = data.get("table_2")
    for number, row in enumerate(rows if isinstance(rows, list) else [], 1):
        for key in ("owned_following", "value_owned_following"):
            if isinstance(row, dict) and row.pop(key, None) is not None:
                dropped.append(f"table_2[{number}].{key}")
    return dropped


def is_amendment(answers: Answers) -> bool:
    form = answers.form
    return form is not None and form.is_amendment


def is_transaction(answers: Answers) -> bool:
    return answers.kind == "transaction"


def is_holding(answers: Answers) -> bool:
    return answers.kind == "holding"


def is_form_5_holding(answers: Answers) -> bool:
    form = answers.form
    return answers.kind == "holding" and form is not None and form.base == FormType.FORM_5


def indirect(answers: Answers) -> bool:
    return str(answers.value("ownership") or "").upper() in ("I", "INDIRECT")


def plan_ticked(answers: Answers) -> bool:
    return answers.data.get("rule_10b5_1_plan") is True


def _owns_following(answers: Answers) -> bool:
    form = answers.form
    return not (answers.table == "table_2" and form is not None and form.base == FormType.FORM_3)


def _non_us(answers: Answers) -> bool:
    return answers.get("address.non_us") is True


def _us(answers: Answers) -> bool:
    return not _non_us(answers)


# --- defaults: help with dates and numbers ------------------------------------------------------


def _today(_: Answers) -> str:
    return values.us_date(date.today())


def _previous(answers: Answers, key: str) -> Any:
    rows = answers.rows(answers.table or "table_1")[: answers.index]
    return plain(rows[-1].get(key)) if rows else None


def _security_default(answers: Answers) -> Any:
    if answers.table == "table_1":
        return _previous(answers, "security") or "Common Stock"
    return _previous(answers, "security")


def _same_holding(answers: Answers, row: dict[str, Any]) -> bool:
    def key(raw: Any) -> str:
        return str(plain(raw) or "").strip().casefold()

    item = answers.item
    same = key(row.get("security")) == key(item.get("security"))
    same = same and key(row.get("ownership") or "D") == key(item.get("ownership") or "D")
    if same and indirect(answers):
        same = key(row.get("nature_of_ownership")) == key(item.get("nature_of_ownership"))
    if same and answers.table == "table_2":
        same = amount(row.get("exercise_price")) == amount(item.get("exercise_price"))
    return same


def owned_following_default(answers: Answers) -> str | None:
    """The previous row's figure for the same security and ownership, plus or minus this row."""
    earlier = answers.rows(answers.table or "table_1")[: answers.index]
    before = next(
        (
            number
            for row in reversed(earlier)
            if _same_holding(answers, row)
            and (number := amount(row.get("owned_following"))) is not None
        ),
        None,
    )
    if before is None:
        return None
    if answers.kind == "holding":
        return show_amount(before)
    change = amount(answers.get("shares"))
    if change is None:
        return show_amount(before)
    direction = str(answers.value("acquired_disposed") or "").upper()
    after = before + change if direction.startswith("A") else before - change
    return show_amount(after) if after >= 0 else None


def matching_row(answers: Answers) -> Scope | None:
    """The row of the other table for the same exercise or conversion, if there is one."""
    item = answers.item
    code = str(answers.value("code") or "").upper()
    if answers.kind != "transaction" or code not in EXERCISE_CODES:
        return None
    on = day(item.get("transaction_date"))
    if answers.table == "table_1":
        other, number, direction = "table_2", amount(item.get("shares")), "D"
        count = "underlying_shares"
    else:
        other, direction, count = "table_1", "A", "shares"
        number = amount(item.get("underlying_shares")) or amount(item.get("shares"))
    for index, row in enumerate(answers.rows(other)):
        if (
            row_kind(row) == "transaction"
            and str(plain(row.get("code")) or "").upper() == code
            and str(plain(row.get("acquired_disposed")) or "").upper() == direction
            and day(row.get("transaction_date")) == on
            and amount(row.get(count)) == number
        ):
            return (other, index)
    return None


def _offer_match(answers: Answers) -> bool:
    if answers.kind != "transaction":
        return False
    code = str(answers.value("code") or "").upper()
    direction = str(answers.value("acquired_disposed") or "").upper()
    wanted = "A" if answers.table == "table_1" else "D"
    return code in EXERCISE_CODES and direction == wanted


def _store_match(answers: Answers, yes: Any) -> None:
    if not yes or matching_row(answers) is not None:
        return
    item = answers.item
    if answers.table == "table_1":
        row: dict[str, Any] = {
            "kind": "transaction",
            "transaction_date": item.get("transaction_date"),
            "code": item.get("code"),
            "acquired_disposed": "D",
            "shares": plain(item.get("shares")),
            "underlying_security": plain(item.get("security")),
            "underlying_shares": plain(item.get("shares")),
        }
        target = "table_2"
    else:
        row = {
            "kind": "transaction",
            "security": plain(item.get("underlying_security")) or "Common Stock",
            "transaction_date": item.get("transaction_date"),
            "code": item.get("code"),
            "acquired_disposed": "A",
            "shares": plain(item.get("underlying_shares")) or plain(item.get("shares")),
        }
        target = "table_1"
    rows = answers.data.get(target)
    if not isinstance(rows, list):
        rows = answers.data[target] = []
    rows.append({k: v for k, v in row.items() if v is not None})


#: Codes of the row that usually follows an exercise on the same day: a sale, or shares
#: withheld or delivered to pay the tax or the exercise price ("sell to cover").
SALE_CODES = ("S", "F")


def _same_security(left: Any, right: Any) -> bool:
    return str(plain(left) or "").strip().casefold() == str(plain(right) or "").strip().casefold()


def _exercise_acquired(row: dict[str, Any]) -> bool:
    return (
        row_kind(row) == "transaction"
        and str(plain(row.get("code")) or "").upper() in EXERCISE_CODES
        and str(plain(row.get("acquired_disposed")) or "").upper() == "A"
    )


def same_day_disposal(answers: Answers) -> Scope | None:
    """The Table I row that sells or withholds, on the same day, the shares of this exercise."""
    item = answers.item
    if answers.table != "table_1" or not _exercise_acquired(item):
        return None
    on = day(item.get("transaction_date"))
    for index, row in enumerate(answers.rows("table_1")):
        if (
            index != answers.index
            and row_kind(row) == "transaction"
            and str(plain(row.get("code")) or "").upper() in SALE_CODES
            and str(plain(row.get("acquired_disposed")) or "").upper() == "D"
            and day(row.get("transaction_date")) == on
            and _same_security(row.get("security"), item.get("security"))
        ):
            return ("table_1", index)
    return None


def _offer_sale(answers: Answers) -> bool:
    return answers.table == "table_1" and _exercise_acquired(answers.item)


def _sale_choices(_: Answers) -> list[Choice]:
    return [
        Choice("Sold the same day (S, disposed of): add that row", "S"),
        Choice(
            "Withheld or delivered the same day to pay tax or the exercise price "
            "(F, disposed of): add that row",
            "F",
        ),
        Choice("Neither", ""),
    ]


def _store_sale(answers: Answers, code: Any) -> None:
    """Add the sale (S) or sell-to-cover (F) row: same security and date, disposed of."""
    if code not in SALE_CODES or same_day_disposal(answers) is not None:
        return
    item = answers.item
    row = {
        "kind": "transaction",
        "security": plain(item.get("security")),
        "transaction_date": plain(item.get("transaction_date")),
        "code": code,
        "acquired_disposed": "D",
    }
    rows = answers.data.get("table_1")
    if not isinstance(rows, list):
        rows = answers.data["table_1"] = []
    rows.append({k: v for k, v in row.items() if v is not None})


def _shares_default(answers: Answers) -> str | None:
    """A same-day sale or sell-to-cover proposes the shares its exercise acquired."""
    item = answers.item
    code = str(answers.value("code") or "").upper()
    if code not in SALE_CODES or str(answers.value("acquired_disposed") or "").upper() != "D":
        return None
    on = day(item.get("transaction_date"))
    for index, row in enumerate(answers.rows("table_1")):
        if (
            index != answers.index
            and _exercise_acquired(row)
            and day(row.get("transaction_date")) == on
            and _same_security(row.get("security"), item.get("security"))
        ):
            shares = plain(row.get("shares"))
            return None if shares is None else str(shares)
    return None


def _price_default(answers: Answers) -> str | None:
    code = str(answers.value("code") or "").upper()
    if code in EXERCISE_CODES:
        match = matching_row(answers)
        if match and answers.table == "table_1":
            price = answers.at(match).value("exercise_price")
            return str(price) if price is not None else None
        if answers.table == "table_2":
            return "0"
    return "0" if code in ("A", "G") else None


def _exercise_price_default(answers: Answers) -> str | None:
    match = matching_row(answers)
    if match:
        price = answers.at(match).value("price")
        return str(price) if price is not None else None
    return None


def _underlying_shares_default(answers: Answers) -> Any:
    return answers.value("shares") if answers.kind == "transaction" else None


def _underlying_default(answers: Answers) -> str:
    first = answers.rows("table_1")
    return str(plain(first[0].get("security"))) if first else "Common Stock"


def _transaction_date_default(answers: Answers) -> Any:
    if answers.item.get("kind") == "holding":
        return None  # a holding has no date; typing one makes the row a transaction
    proposed = _previous(answers, "transaction_date") or answers.data.get("period_of_report")
    return us_date(proposed) or proposed


def _form_type_default(answers: Answers) -> str:
    form = answers.form
    return "5" if form is not None and form.base == FormType.FORM_5 else "4"


# --- relationship, footnotes on choices -------------------------------------------------------

_RELATIONSHIPS = (
    ("Director", "director"),
    ("Officer (give title)", "officer"),
    ("10% owner", "ten_percent_owner"),
    ("Other (specify)", "other"),
)


def _relationship_choices(answers: Answers) -> list[Choice]:
    return [
        Choice(title, key, keywords=RELATIONSHIP_KEYWORDS[key]) for title, key in _RELATIONSHIPS
    ]


def _relationship_default(answers: Answers) -> list[str]:
    return [key for _, key in _RELATIONSHIPS if answers.get(f"relationship.{key}") is True]


def check_ticked(ticked: Any) -> object:
    """The relationship box: at least one of its boxes (EDGAR's cm(1), rule relationship-none)."""
    if not ticked:
        raise ValueError(
            "Tick at least one box (Space, then Enter): EDGAR requires the reporting person to "
            "be a director, an officer, a 10% owner or other."
        )
    return ticked


def _store_relationship(answers: Answers, ticked: Any) -> None:
    current = answers.get("relationship")
    relationship = dict(current) if isinstance(current, dict) else {}
    for _, key in _RELATIONSHIPS:
        relationship.pop(key, None)
    for _, key in _RELATIONSHIPS:
        if key in ticked:
            relationship[key] = True
    if "officer" not in ticked:
        relationship.pop("officer_title", None)
    if "other" not in ticked:
        relationship.pop("other_text", None)
    answers.set("relationship", relationship)


def _store_address_gate(answers: Answers, yes: Any) -> None:
    if not yes:
        answers.delete("address")


def _ticked(name: str) -> Predicate:
    return lambda a: a.get(f"relationship.{name}") is True


#: Row values answered by picking from a list, which take footnotes as ``code F2, ownership F3``.
_CHOICE_NOTES = ("code", "acquired_disposed", "ownership", "timeliness", "form_type")


def _choice_note_keys(answers: Answers) -> list[str]:
    keys = ["ownership"]
    if answers.kind == "transaction":
        keys[:0] = ["code", "acquired_disposed"] if answers.table == "table_1" else ["code"]
        if answers.has("timeliness"):
            keys.append("timeliness")
    elif answers.has("form_type"):
        keys.append("form_type")
    return keys


def parse_choice_notes(text: str, allowed: list[str]) -> dict[str, list[str]]:
    """``code F2, ownership F3 F4`` -> ``{"code": ["F2"], "ownership": ["F3", "F4"]}``."""
    result: dict[str, list[str]] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, *idents = part.split()
        if name not in allowed:
            raise ValueError(f"{name!r} is not one of this row's choices: {', '.join(allowed)}")
        if not idents:
            raise ValueError(f"give the footnote after {name}, e.g. {name} F2")
        result[name] = [values.parse_footnote_id(i) for i in idents]
    return result


def _choice_notes_default(answers: Answers) -> str:
    parts = []
    for key in _choice_note_keys(answers):
        if notes := notes_of(answers.get(key)):
            parts.append(" ".join([key, *notes]))
    return ", ".join(parts)


def _store_choice_notes(answers: Answers, text: Any) -> None:
    wanted = parse_choice_notes(str(text or ""), _choice_note_keys(answers))
    for key in _choice_note_keys(answers):
        if answers.has(key) and answers.get(key) is not None:
            answers.set(key, noted(plain(answers.get(key)), wanted.get(key, [])))


def _choice_notes_check(answers: Answers) -> Check:
    def check(text: str) -> object:
        return parse_choice_notes(text, _choice_note_keys(answers))

    return check


# --- the questions ------------------------------------------------------------------------------


def _form_choices(_: Answers) -> list[Choice]:
    return [Choice(form.label, form.value, form.value, form.keywords) for form in FormType]


def _period_prompt(answers: Answers) -> str:
    form = answers.form
    caption = form.period_of_report_caption if form else "Period of report"
    return f"{caption} (MM/DD/YYYY):"


def _original_prompt(answers: Answers) -> str:
    form = answers.form
    base = form.base.value if form else ""
    return f"If amendment: date the original Form {base} was filed (MM/DD/YYYY):"


FORM = Question(
    "form",
    "Which form are you filing?",
    "select",
    choices=_form_choices,
    fields=("form",),
)

ISSUER: tuple[Step, ...] = (
    Question(
        "issuer.cik",
        "Issuer's CIK (the company's EDGAR number, up to 10 digits):",
        check=values.parse_cik,
    ),
    Question(
        "issuer.name",
        "Issuer's name (optional: EDGAR fills it in from the CIK):",
        check=field_check("Issuer", "name"),
        optional=True,
    ),
    Question(
        "issuer.ticker",
        "Issuer's trading symbol:",
        check=field_check("Issuer", "ticker"),
        upper=True,
    ),
    Question(
        "issuer.foreign_ticker",
        "Foreign trading symbol (optional, Enter to skip):",
        check=field_check("Issuer", "foreign_ticker"),
        optional=True,
        upper=True,
    ),
)

_ADDRESS = "reporting_owners.address"

OWNER: tuple[Step, ...] = (
    Question(
        "cik",
        "Reporting person's CIK (up to 10 digits):",
        check=values.parse_cik,
        fields=("reporting_owners.cik",),
    ),
    Question(
        "name",
        "Reporting person's name, last name first (optional: EDGAR fills it in from the CIK):",
        check=field_check("ReportingOwner", "name"),
        optional=True,
        fields=("reporting_owners.name",),
    ),
    Gate(
        Question(
            "",
            "Give a mailing address? (No: EDGAR uses the address it has on record)",
            "confirm",
            default=lambda a: True,
            name="address",
            store=_store_address_gate,
            answered=lambda a: a.has("address"),
        ),
        (
            Question(
                "address.street1",
                "Street (line 1):",
                check=field_check("Address", "street1"),
                optional=True,
                fields=(f"{_ADDRESS}.street1",),
            ),
            Question(
                "address.street2",
                "Street (line 2, optional):",
                check=field_check("Address", "street2"),
                optional=True,
                fields=(f"{_ADDRESS}.street2",),
            ),
            Question(
                "address.city",
                "City:",
                check=field_check("Address", "city"),
                optional=True,
                fields=(f"{_ADDRESS}.city",),
            ),
            Question(
                "address.non_us",
                "Is the address outside the United States?",
                "confirm",
                default=lambda a: False,
                no=None,
                fields=(f"{_ADDRESS}.non_us",),
            ),
            Question(
                "address.state",
                "State (type to search, e.g. NY or New York):",
                "autocomplete",
                check=check_state,
                table=US_STATES,
                when=_us,
                optional=True,
                fields=(f"{_ADDRESS}.state",),
            ),
            Question(
                "address.non_us_state_territory",
                "State, province or territory (optional):",
                check=field_check("Address", "non_us_state_territory"),
                when=_non_us,
                optional=True,
                fields=(f"{_ADDRESS}.non_us_state_territory",),
            ),
            Question(
                "address.country",
                "Country (type to search, e.g. Canada or Ontario):",
                "autocomplete",
                check=check_country,
                table=CURRENT_COUNTRIES,
                when=_non_us,
                fields=(f"{_ADDRESS}.country",),
            ),
            Question(
                "address.zip",
                "ZIP or postal code:",
                check=field_check("Address", "zip"),
                optional=True,
                fields=(f"{_ADDRESS}.zip",),
            ),
        ),
    ),
    Question(
        "relationship",
        "Relationship to the issuer (Space to tick, Enter when done):",
        "checkbox",
        choices=_relationship_choices,
        default=_relationship_default,
        check=check_ticked,
        store=_store_relationship,
        answered=lambda a: a.has("relationship"),
        fields=tuple(f"reporting_owners.relationship.{key}" for _, key in _RELATIONSHIPS),
    ),
    Question(
        "relationship.officer_title",
        "Officer title (e.g. Chief Financial Officer):",
        check=field_check("Relationship", "officer_title"),
        when=_ticked("officer"),
        fields=("reporting_owners.relationship.officer_title",),
    ),
    Question(
        "relationship.other_text",
        "Other relationship (describe it):",
        check=field_check("Relationship", "other_text"),
        when=_ticked("other"),
        fields=("reporting_owners.relationship.other_text",),
    ),
)

DATES: tuple[Step, ...] = (
    Question(
        "period_of_report",
        _period_prompt,
        check=_date,
        fields=("period_of_report",),
        notice=due_notice,
    ),
    Question(
        "original_filing_date",
        _original_prompt,
        check=_date,
        when=is_amendment,
        fields=("original_filing_date",),
    ),
)

BOXES: tuple[Step, ...] = (
    Question(
        "no_longer_subject_to_section_16",
        "Tick the box 'no longer subject to Section 16'?",
        "confirm",
        default=lambda a: False,
        no=None,
        fields=("no_longer_subject_to_section_16",),
    ),
    Question(
        "rule_10b5_1_plan",
        "Tick the Rule 10b5-1(c) box (a transaction on this form was made under a trading plan)?",
        "confirm",
        default=lambda a: False,
        fields=("rule_10b5_1_plan",),
    ),
    Question(
        "",
        "Date the 10b5-1 plan was adopted (MM/DD/YYYY; written as a footnote):",
        check=_date,
        when=plan_ticked,
        default=_plan_date_default,
        store=_store_plan_date,
        answered=lambda a: plan_footnote(a.data) is not None,
        name="plan_adopted",
        notice=plan_notice,
    ),
)


def _rows(*names: str) -> tuple[str, ...]:
    return tuple(f"{table}.{name}" for table in TABLES for name in names)


def _shares_prompt(answers: Answers) -> str:
    direction = str(answers.value("acquired_disposed") or "").upper()
    what = "acquired" if direction == "A" else "disposed of" if direction == "D" else "involved"
    if answers.table == "table_2":
        return f"Number of derivative securities {what} (Enter to skip if reported by value):"
    return f"Number of shares {what}:"


def _owned_prompt(answers: Answers) -> str:
    form = answers.form
    noun = "shares" if answers.table == "table_1" else "derivative securities"
    if form is not None and form.base == FormType.FORM_3:
        return f"Number of {noun} owned:"
    if answers.kind == "holding":
        when = "at the end of the fiscal year" if form and form.base == "5" else "now"
        return f"Number of {noun} owned {when}:"
    return f"Number of {noun} owned following the reported transaction(s):"


def _ownership_choices(_: Answers) -> list[Choice]:
    return [Choice(d.label, d.value, d.value, d.keywords) for d in DirectIndirect]


def _timeliness_choices(_: Answers) -> list[Choice]:
    return [Choice(t.label, t.value, t.value, t.keywords) for t in Timeliness]


def _coding_choices(_: Answers) -> list[Choice]:
    return [
        Choice("4 — a transaction of the kind reported on Form 4", "4", "4", ("form 4",)),
        Choice("5 — a transaction of the kind reported on Form 5", "5", "5", ("form 5",)),
    ]


def _what_happened_prompt(answers: Answers) -> str:
    if answers.table == "table_2":
        return "What happened to this derivative security?"
    return "What happened?"


def _match_prompt(answers: Answers) -> str:
    if answers.table == "table_1":
        return "Add the matching Table II row (the derivative security exercised or converted)?"
    return "Add the matching Table I row (the shares received)?"


def _choice_notes_prompt(answers: Answers) -> str:
    keys = ", ".join(_choice_note_keys(answers))
    example = f"ownership {next_footnote(answers.data)}"
    return f"Footnotes on the row's choices ({keys}), e.g. `{example}` (Enter for none):"


def _store_date_kind(answers: Answers, stored: Any) -> None:
    """A transaction date makes the row a transaction; none (an empty answer), a holding."""
    if stored is None:
        _store_happening(answers, HOLDING)
        return
    item = answers.item
    if item.get("kind") != "transaction" and str(plain(item.get("form_type"))) == "3":
        item.pop("form_type", None)
    item["kind"] = "transaction"


def _date_answered(answers: Answers) -> bool:
    item = answers.item
    return "transaction_date" in item or "kind" in item or "code" in item


TRANSACTION_DATE = Question(
    "transaction_date",
    "Transaction date (MM/DD/YYYY; empty for a holding, nothing to report):",
    check=_date,
    when=has_transactions,
    default=_transaction_date_default,
    optional=True,
    footnotes=True,
    answered=_date_answered,
    then=_store_date_kind,
    fields=_rows("transaction_date"),
)

WHAT_HAPPENED = Question(
    "kind",
    _what_happened_prompt,
    "select",
    choices=_happening_choices,
    when=lambda a: has_transactions(a) and is_transaction(a),
    default=lambda a: happening_of(a) if a.value("code") is not None else None,
    store=_store_happening,
    answered=lambda a: "code" in a.item or a.item.get("kind") == "holding",
    fields=_rows("kind", "code", "acquired_disposed"),
    name="what_happened",
)

#: The paper form's order: the transaction date (column 2 or 3), then the code (3 or 4).
_COMMON_START: tuple[Step, ...] = (
    TRANSACTION_DATE,
    WHAT_HAPPENED,
    Question(
        "code",
        "Transaction code:",
        "select",
        choices=_code_choices,
        when=_coded_by_other,
        fields=_rows("code"),
    ),
    Question(
        "acquired_disposed",
        "Acquired (A) or disposed of (D)?",
        "select",
        choices=_direction_choices,
        when=_coded_by_other,
        default=_usual_direction,
        fields=_rows("acquired_disposed"),
    ),
    Question(
        "",
        "Was this transaction made under the Rule 10b5-1 plan?",
        "confirm",
        when=lambda a: is_transaction(a) and plan_ticked(a) and plan_footnote(a.data) is not None,
        # Yes for a new row (no amount yet), else what the row says.
        default=lambda a: not a.has("shares") or _under_plan(a),
        store=_store_under_plan,
        name="under_plan",
        notice=row_plan_notice,
    ),
)

_OWNERSHIP: tuple[Step, ...] = (
    Question(
        "ownership",
        "Owned directly (D) or indirectly (I)?",
        "select",
        choices=_ownership_choices,
        default=lambda a: "D",
        fields=_rows("ownership"),
    ),
    Question(
        "nature_of_ownership",
        "Nature of the indirect ownership (e.g. By Family Trust):",
        check=field_check("NonDerivativeHolding", "nature_of_ownership"),
        when=indirect,
        footnotes=True,
        fields=_rows("nature_of_ownership"),
    ),
    Question(
        "owned_following",
        _owned_prompt,
        check=values.parse_decimal,
        when=_owns_following,
        default=owned_following_default,
        footnotes=True,
        fields=_rows("owned_following"),
    ),
)


def _more_columns(*extra: Question) -> Gate:
    return Gate(
        Question(
            "",
            "More columns (deemed date, timeliness, equity swap, 4/5 coding, values, footnotes "
            "on choices)?",
            "confirm",
            default=lambda a: False,
            store=lambda a, v: None,
            name="more_columns",
        ),
        (
            Question(
                "deemed_execution_date",
                "Deemed execution date (MM/DD/YYYY, optional):",
                check=_date,
                when=is_transaction,
                optional=True,
                footnotes=True,
                fields=_rows("deemed_execution_date"),
            ),
            Question(
                "form_type",
                "Transaction coding: report it as a Form 4 or a Form 5 transaction?",
                "select",
                choices=_coding_choices,
                when=lambda a: is_transaction(a) and has_transactions(a),
                default=_form_type_default,
                optional=True,
                fields=_rows("form_type"),
                name="coding_form",
            ),
            Question(
                "equity_swap",
                "Was an equity swap involved?",
                "confirm",
                when=is_transaction,
                default=lambda a: False,
                no=None,
                fields=_rows("equity_swap"),
            ),
            Question(
                "timeliness",
                "Timeliness of the report:",
                "select",
                choices=_timeliness_choices,
                when=is_transaction,
                default=lambda a: "",
                optional=True,
                fields=_rows("timeliness"),
            ),
            Question(
                "form_type",
                "Should this holding have been reported on a Form 3 (reported late)?",
                "confirm",
                when=is_form_5_holding,
                yes="3",
                no=None,
                fields=_rows("form_type"),
                name="late_form_3",
            ),
            *extra,
            Question(
                "value_owned_following",
                "Value owned following the transaction(s), instead of a number (optional):",
                check=values.parse_decimal,
                when=_owns_following,
                optional=True,
                footnotes=True,
                fields=_rows("value_owned_following"),
            ),
            Question(
                "",
                _choice_notes_prompt,
                default=_choice_notes_default,
                check_for=_choice_notes_check,
                optional=True,
                store=_store_choice_notes,
                fields=tuple(f"{t}.{k}.footnotes" for t in TABLES for k in _CHOICE_NOTES),
                name="choice_footnotes",
                typed_notes=_choice_note_keys,
            ),
        ),
    )


def _match_offer() -> Question:
    return Question(
        "",
        _match_prompt,
        "confirm",
        when=_offer_match,
        default=lambda a: True,
        store=_store_match,
        answered=lambda a: matching_row(a) is not None,
        follow=matching_row,
        name="matching_row",
    )


def _sale_offer() -> Question:
    return Question(
        "",
        "Were shares of this exercise sold or withheld the same day?",
        "select",
        choices=_sale_choices,
        when=_offer_sale,
        default=lambda a: "",
        store=_store_sale,
        answered=lambda a: same_day_disposal(a) is not None,
        follow=same_day_disposal,
        name="same_day_sale",
    )


TABLE_1_ROW: tuple[Step, ...] = (
    Question(
        "security",
        "Title of the security (e.g. Common Stock):",
        check=field_check("NonDerivativeHolding", "security"),
        default=_security_default,
        footnotes=True,
        fields=("table_1.security",),
    ),
    *_COMMON_START,
    Question(
        "shares",
        _shares_prompt,
        check=values.parse_decimal,
        when=is_transaction,
        default=_shares_default,
        footnotes=True,
        fields=("table_1.shares",),
    ),
    # An exercise's Table II row is offered before the price, which it proposes.
    _match_offer(),
    Question(
        "price",
        "Price per share in $ (0 for a grant or a gift):",
        check=values.parse_decimal,
        when=is_transaction,
        default=_price_default,
        footnotes=True,
        fields=("table_1.price",),
    ),
    Offer(),
    *_OWNERSHIP,
    _more_columns(),
    _sale_offer(),
)

TABLE_2_ROW: tuple[Step, ...] = (
    Question(
        "security",
        "Title of the derivative security (e.g. Employee Stock Option (right to buy)):",
        check=field_check("DerivativeHolding", "security"),
        default=_security_default,
        footnotes=True,
        fields=("table_2.security",),
    ),
    Question(
        "exercise_price",
        "Conversion or exercise price in $:",
        check=values.parse_decimal,
        default=_exercise_price_default,
        footnotes=True,
        fields=("table_2.exercise_price",),
    ),
    *_COMMON_START,
    Question(
        "shares",
        _shares_prompt,
        check=values.parse_decimal,
        when=is_transaction,
        optional=True,
        footnotes=True,
        fields=("table_2.shares",),
    ),
    Question(
        "date_exercisable",
        lambda a: (
            f"Date exercisable (MM/DD/YYYY; [{next_footnote(a.data)}] alone when a footnote "
            "explains the vesting):"
        ),
        check=_date,
        footnotes=True,
        fields=("table_2.date_exercisable",),
    ),
    Question(
        "expiration_date",
        "Expiration date (MM/DD/YYYY):",
        check=_date,
        footnotes=True,
        fields=("table_2.expiration_date",),
    ),
    Question(
        "underlying_security",
        "Title of the underlying security:",
        check=field_check("DerivativeHolding", "underlying_security"),
        default=_underlying_default,
        footnotes=True,
        fields=("table_2.underlying_security",),
    ),
    Question(
        "underlying_shares",
        "Number of underlying shares:",
        check=values.parse_decimal,
        default=_underlying_shares_default,
        optional=True,
        footnotes=True,
        fields=("table_2.underlying_shares",),
    ),
    # Column 8 of the paper form: after the dates and the underlying security.
    Question(
        "price",
        "Price of the derivative security in $ (0 for a grant or an exercise):",
        check=values.parse_decimal,
        when=is_transaction,
        default=_price_default,
        footnotes=True,
        fields=("table_2.price",),
    ),
    Offer(),
    *_OWNERSHIP,
    _more_columns(
        Question(
            "total_value",
            "Total value of the transaction, when reported instead of a number (optional):",
            check=values.parse_decimal,
            when=is_transaction,
            optional=True,
            footnotes=True,
            fields=("table_2.total_value",),
        ),
        Question(
            "underlying_value",
            "Value of the underlying securities, instead of a number (optional):",
            check=values.parse_decimal,
            optional=True,
            footnotes=True,
            fields=("table_2.underlying_value",),
        ),
    ),
    _match_offer(),
)


def _new_row(answers: Answers) -> dict[str, Any]:
    return {} if has_transactions(answers) else {"kind": "holding"}


def _first_row_prompt(table: str) -> Callable[[Answers], str]:
    def prompt(answers: Answers) -> str:
        form = answers.form
        what = (
            "non-derivative securities such as common stock"
            if table == "table_1"
            else "derivative securities such as options, warrants or RSUs"
        )
        if form is not None and form.base == FormType.FORM_3:
            return f"Does the reporting person own {what} (Table {_roman(table)})?"
        return f"Anything to report in Table {_roman(table)} ({what})?"

    return prompt


def _roman(table: str) -> str:
    return "I" if table == "table_1" else "II"


# --- a signature by an attorney-in-fact: the power of attorney (EX-24) to attach ------------

_ATTORNEY = re.compile(r"attorney[\s-]*in[\s-]*fact|\bPOA\b", re.IGNORECASE)
POWER_OF_ATTORNEY = "EX-24"


def signed_by_attorney(answers: Answers) -> bool:
    """A signature by an attorney-in-fact ("Attorney-in-Fact", "attorney in fact", "POA")."""
    return bool(_ATTORNEY.search(str(answers.value("name") or "")))


def _is_power_of_attorney(entry: Any) -> bool:
    kind = str(entry.get("type") or "") if isinstance(entry, dict) else ""
    return kind.upper().partition(".")[0] == POWER_OF_ATTORNEY


def power_of_attorney(data: dict[str, Any]) -> str | None:
    """The file of the draft's power of attorney (an EX-24 attachment), if it names one."""
    entries = data.get("attachments")
    for entry in entries if isinstance(entries, list) else []:
        if _is_power_of_attorney(entry):
            return str(entry.get("file") or "") or None
    return None


def check_attachment(text: str) -> object:
    """A file ``sec16 package`` can enclose as EX-24, with its own sentences; None: no file."""
    from pathlib import Path

    from generator.pipeline.package import AttachmentSpec, read_attachment
    from generator.support.errors import Sec16Error

    path = Path(text).expanduser()
    if not path.is_file():
        raise ValueError(
            f"{text}: there is no such file (give its path from the folder sec16 runs in, or "
            "Enter to leave it out)"
        )
    try:
        read_attachment(AttachmentSpec(path, POWER_OF_ATTORNEY), set())
    except Sec16Error as err:
        raise ValueError(str(err)) from None
    return path


def _store_power_of_attorney(answers: Answers, file: Any) -> None:
    """The draft's EX-24 attachment: the file given (relative to the draft), or none."""
    data = answers.data
    entries = data.get("attachments")
    kept = [e for e in entries if not _is_power_of_attorney(e)] if isinstance(entries, list) else []
    if file:
        entry = {"file": str(file), "type": POWER_OF_ATTORNEY, "description": "Power of Attorney"}
        kept.append(entry)
    if kept:
        data["attachments"] = kept
    else:
        data.pop("attachments", None)


SIGNATURE: tuple[Step, ...] = (
    Question(
        "name",
        "Signature: name (and title, e.g. /s/ Jane Roe, Attorney-in-Fact for John Doe):",
        check=field_check("Signature", "name"),
        fields=("signatures.name",),
    ),
    Question(
        "date",
        "Date signed (MM/DD/YYYY):",
        check=_date,
        default=_today,
        fields=("signatures.date",),
    ),
    Question(
        "",
        "Power of attorney (EX-24) to attach at `sec16 package`: its file, .txt or .htm "
        "(Enter if none is to be attached):",
        check=check_attachment,
        when=signed_by_attorney,
        default=lambda a: power_of_attorney(a.data),
        optional=True,
        store=_store_power_of_attorney,
        answered=lambda a: power_of_attorney(a.data) is not None,
        file=True,
        fields=("attachments.file", "attachments.type", "attachments.description"),
        name="power_of_attorney",
    ),
)

FOOTNOTE_TEXT = Question(
    "",
    lambda a: f"Text of footnote {a.scope[-1]}:",
    check_for=lambda a: footnote_text_check(str(a.scope[-1])),
    fields=("footnotes",),
    name="footnote",
)

REMARKS = Question(
    "remarks",
    "Remarks (optional, Enter to skip):",
    check=field_check("Filing", "remarks"),
    optional=True,
    fields=("remarks",),
)

SECTIONS: tuple[Section, ...] = (
    Section("form", "Form", (FORM,)),
    # The paper form's order: box 1 (the reporting person) before the issuer.
    Section(
        "reporting_owners",
        "Reporting person(s) (box 1) and relationship to the issuer",
        (
            Group(
                "reporting_owners",
                "reporting person",
                OWNER,
                limit=10,
                first=None,
                more="Add another reporting person (a joint filing, up to 10)?",
            ),
        ),
    ),
    Section("issuer", "Issuer (box 2)", ISSUER),
    Section("dates", "Dates", DATES),
    Section("boxes", "Boxes at the top of the form", BOXES, when=has_transactions),
    Section(
        "table_1",
        "Table I: non-derivative securities",
        (
            Group(
                "table_1",
                "Table I row",
                TABLE_1_ROW,
                limit=30,
                first=_first_row_prompt("table_1"),
                more="Add another Table I row?",
                new_item=_new_row,
            ),
        ),
        intro=lambda a: (
            "Tip: an answer can carry footnotes, typed after it in brackets: 12.50 "
            f"[{next_footnote(a.data)}]; type [{next_footnote(a.data)}] alone when the footnote "
            "stands for the value."
        ),
    ),
    Section(
        "table_2",
        "Table II: derivative securities (options, warrants, convertibles, RSUs)",
        (
            Group(
                "table_2",
                "Table II row",
                TABLE_2_ROW,
                limit=30,
                first=_first_row_prompt("table_2"),
                more="Add another Table II row?",
                new_item=_new_row,
            ),
        ),
    ),
    Section("footnotes", "Footnotes", (FootnoteTexts(FOOTNOTE_TEXT),)),
    Section("remarks", "Remarks", (REMARKS,)),
    Section(
        "signatures",
        "Signature",
        (
            Group(
                "signatures",
                "signature",
                SIGNATURE,
                limit=10,
                first=None,
                more="Add another signature?",
            ),
        ),
    ),
)

GROUPS: dict[str, Group] = {
    step.key: step for section in SECTIONS for step in section.steps if isinstance(step, Group)
}

#: Model fields no question asks, and why.
NOT_ASKED: dict[str, str] = {
    "reporting_owners.ccc": "a credential: given at build time through SEC16_CCC_<CIK>, "
    "never written into a draft by the session",
    f"{_ADDRESS}.state_description": "written by EDGAR in the disseminated copy",
    f"{_ADDRESS}.good_address": "written by EDGAR in the disseminated copy",
    "schema_version": "inserted by EDGAR; kept from an imported filing for --profile record",
    "no_securities_owned": "derived by EDGAR (no rows in either table)",
    "form_3_holdings_reported": "derived by EDGAR from the rows",
    "form_4_transactions_reported": "derived by EDGAR from the rows",
}


def asked_fields() -> set[str]:
    """Every model field some question fills, as key paths (``table_1.price``)."""
    found: set[str] = set()

    def visit(steps: tuple[Any, ...], prefix: str) -> None:
        for step in steps:
            if isinstance(step, Gate):
                visit((step.question, *step.steps), prefix)
            elif isinstance(step, Group):
                visit(step.steps, f"{step.key}.")
            elif isinstance(step, FootnoteTexts):
                visit((step.question,), prefix)
            elif isinstance(step, Question):
                fields = step.fields or ((prefix + step.key,) if step.key else ())
                for name in fields:
                    found.add(name)
                    if step.footnotes:
                        found.add(f"{name}.footnotes")

    for section in SECTIONS:
        visit(section.steps, "")
    return found


# --- from a problem back to the question that caused it ---------------------------------------

#: The section that asks each key of the filing itself.
_TOP_SECTIONS = {
    "form": "form",
    "period_of_report": "dates",
    "original_filing_date": "dates",
    "no_longer_subject_to_section_16": "boxes",
    "rule_10b5_1_plan": "boxes",
    "issuer": "issuer",
    "reporting_owners": "reporting_owners",
    "table_1": "table_1",
    "table_2": "table_2",
    "footnotes": "footnotes",
    "remarks": "remarks",
    "signatures": "signatures",
}
_STEP = re.compile(r"([A-Za-z0-9_]+)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class Target:
    """Where to go back to: a section, the item in it (if any), and the question's key."""

    section: str
    scope: Scope = ()
    key: str | None = None


def target_of_key_path(path: str) -> Target | None:
    """A draft key path as the loader prints it (``table_1[2].price``) -> its question."""
    parts: list[str | int] = []
    for piece in path.split("."):
        match = _STEP.fullmatch(piece)
        if not match:
            return None
        parts.append(match.group(1))
        if match.group(2):
            parts.append(int(match.group(2)) - 1)
    if not parts or parts[0] not in _TOP_SECTIONS:
        return None
    section = _TOP_SECTIONS[str(parts[0])]
    if section in GROUPS and len(parts) > 1 and isinstance(parts[1], int):
        key = ".".join(str(p) for p in parts[2:] if isinstance(p, str)) or None
        if key and key.endswith(".value"):
            key = key.removesuffix(".value")
        return Target(section, (str(parts[0]), parts[1]), key)
    if section in ("dates", "boxes", "remarks", "form"):
        return Target(section, (), str(parts[0]))
    key = ".".join(str(p) for p in parts if isinstance(p, str))
    return Target(section, (), key if section == "issuer" else None)
