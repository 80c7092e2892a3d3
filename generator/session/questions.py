"""The guided session (``sec16 new`` / ``sec16 edit``) as data: what to ask, when, with which check.

Each ``Question`` names the draft key it fills, the same key the YAML draft uses, so the session's
state is simply the draft: the plain dict that ``generator.formats.draft`` loads. A question says
how it is asked (text, select, confirm, autocomplete, checkbox), when it applies (a condition on
the answers so far), its default, and the check a typed answer must pass. The checks are the
parsers of ``generator.model.values`` and the model's own field validators, so an answer is
refused with the very sentence the draft loader prints for the same value in a YAML file.

A few questions fill no single key ("What happened?" sets the code, the acquired/disposed flag
and the kind of row; "Was it under the 10b5-1 plan?" attaches the plan's footnote): they carry a
``store`` function instead. What the conditions, defaults and stores do is in ``domain.py`` and
``footnotes.py``; this module is the table and nothing else. ``questionnaire.py`` runs it with
questionary, ``resume.py`` walks it over a saved draft; ``tests/test_questionnaire.py`` fails
when a model field is neither asked here nor listed in ``NOT_ASKED``.

Nothing here imports pydantic or questionary: the first question must appear fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from generator.model import standard_footnotes, values
from generator.model.codes import (
    CURRENT_COUNTRIES,
    US_STATES,
    AcquiredDisposed,
    DirectIndirect,
    FormType,
    Timeliness,
    TransactionCode,
)
from generator.session import domain as d
from generator.session import footnotes as fn
from generator.session.answers import TABLES, Answers, Choice, Scope
from generator.session.domain import Check, Predicate, footnote_text_check

Kind = Literal["text", "select", "confirm", "autocomplete", "checkbox"]
Text = str | Callable[[Answers], str]
Default = Callable[[Answers], Any]
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
    #: What a book of the person's filings proposes (``sec16 new --book``), where it is not the
    #: answer its last filing gives at the same key (which is proposed without saying so).
    book: d.BookDefault | None = None

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
    template names (the price, or the transaction code). ``template`` is the one offered on a
    row (None: none).
    """

    name: str = "standard_footnote"
    template: Callable[[Answers], standard_footnotes.Template | None] = fn.offered_template


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


#: The id of the review screen, where a session on a finished draft resumes.
REVIEW = "review"


def step_id(scope: Scope, name: str) -> str:
    """A question's id in the draft: ``(("table_1", 1), "price")`` -> ``table_1[2].price``
    (rows counted from 1), as the draft's ``# sec16-session:`` lines record it."""
    text = ""
    for part in scope:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"{text}.{name}" if text else name


def is_date(question: Question) -> bool:
    """A question answered with a date: its default is shown as MM/DD/YYYY, as it asks."""
    return question.check is d.check_date


# --- pick lists and prompts ---------------------------------------------------------------------


def form_choices(_: Answers) -> list[Choice]:
    return [Choice(form.label, form.value, form.value, form.keywords) for form in FormType]


def code_choices(_: Answers) -> list[Choice]:
    return [Choice(code.label, code.value, code.value, code.keywords) for code in TransactionCode]


def direction_choices(_: Answers) -> list[Choice]:
    return [Choice(a.label, a.value, a.value, a.keywords) for a in AcquiredDisposed]


def ownership_choices(_: Answers) -> list[Choice]:
    return [Choice(o.label, o.value, o.value, o.keywords) for o in DirectIndirect]


def timeliness_choices(_: Answers) -> list[Choice]:
    return [Choice(t.label, t.value, t.value, t.keywords) for t in Timeliness]


def coding_choices(_: Answers) -> list[Choice]:
    return [
        Choice("4 — a transaction of the kind reported on Form 4", "4", "4", ("form 4",)),
        Choice("5 — a transaction of the kind reported on Form 5", "5", "5", ("form 5",)),
    ]


def _period_prompt(answers: Answers) -> str:
    form = answers.form
    caption = form.period_of_report_caption if form else "Period of report"
    return f"{caption} (MM/DD/YYYY):"


def _original_prompt(answers: Answers) -> str:
    form = answers.form
    base = form.base.value if form else ""
    return f"If amendment: date the original Form {base} was filed (MM/DD/YYYY):"


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


def _what_happened_prompt(answers: Answers) -> str:
    if answers.table == "table_2":
        return "What happened to this derivative security?"
    return "What happened?"


def _match_prompt(answers: Answers) -> str:
    if answers.table == "table_1":
        return "Add the matching Table II row (the derivative security exercised or converted)?"
    return "Add the matching Table I row (the shares received)?"


def _choice_notes_prompt(answers: Answers) -> str:
    keys = ", ".join(d.choice_note_keys(answers))
    example = f"ownership {fn.next_footnote(answers.data)}"
    return f"Footnotes on the row's choices ({keys}), e.g. `{example}` (Enter for none):"


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


def _rows(*names: str) -> tuple[str, ...]:
    return tuple(f"{table}.{name}" for table in TABLES for name in names)


# --- the questions ------------------------------------------------------------------------------

FORM = Question(
    "form",
    "Which form are you filing?",
    "select",
    choices=form_choices,
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
        check=d.field_check("Issuer", "name"),
        optional=True,
    ),
    Question(
        "issuer.ticker",
        "Issuer's trading symbol:",
        check=d.field_check("Issuer", "ticker"),
        upper=True,
    ),
    Question(
        "issuer.foreign_ticker",
        "Foreign trading symbol (optional, Enter to skip):",
        check=d.field_check("Issuer", "foreign_ticker"),
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
        check=d.field_check("ReportingOwner", "name"),
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
            store=d.store_address_gate,
            answered=lambda a: a.has("address"),
            book=d.book_address,
        ),
        (
            Question(
                "address.street1",
                "Street (line 1):",
                check=d.field_check("Address", "street1"),
                optional=True,
                fields=(f"{_ADDRESS}.street1",),
            ),
            Question(
                "address.street2",
                "Street (line 2, optional):",
                check=d.field_check("Address", "street2"),
                optional=True,
                fields=(f"{_ADDRESS}.street2",),
            ),
            Question(
                "address.city",
                "City:",
                check=d.field_check("Address", "city"),
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
                check=d.check_state,
                table=US_STATES,
                when=d.us,
                optional=True,
                fields=(f"{_ADDRESS}.state",),
            ),
            Question(
                "address.non_us_state_territory",
                "State, province or territory (optional):",
                check=d.field_check("Address", "non_us_state_territory"),
                when=d.non_us,
                optional=True,
                fields=(f"{_ADDRESS}.non_us_state_territory",),
            ),
            Question(
                "address.country",
                "Country (type to search, e.g. Canada or Ontario):",
                "autocomplete",
                check=d.check_country,
                table=CURRENT_COUNTRIES,
                when=d.non_us,
                fields=(f"{_ADDRESS}.country",),
            ),
            Question(
                "address.zip",
                "ZIP or postal code:",
                check=d.field_check("Address", "zip"),
                optional=True,
                fields=(f"{_ADDRESS}.zip",),
            ),
        ),
    ),
    Question(
        "relationship",
        "Relationship to the issuer (Space to tick, Enter when done):",
        "checkbox",
        choices=d.relationship_choices,
        default=d.relationship_default,
        check=d.check_ticked,
        store=d.store_relationship,
        answered=lambda a: a.has("relationship"),
        book=d.book_relationship,
        fields=tuple(f"reporting_owners.relationship.{key}" for _, key in d.RELATIONSHIPS),
    ),
    Question(
        "relationship.officer_title",
        "Officer title (e.g. Chief Financial Officer):",
        check=d.field_check("Relationship", "officer_title"),
        when=d.ticked("officer"),
        fields=("reporting_owners.relationship.officer_title",),
    ),
    Question(
        "relationship.other_text",
        "Other relationship (describe it):",
        check=d.field_check("Relationship", "other_text"),
        when=d.ticked("other"),
        fields=("reporting_owners.relationship.other_text",),
    ),
)

DATES: tuple[Step, ...] = (
    Question(
        "period_of_report",
        _period_prompt,
        check=d.check_date,
        fields=("period_of_report",),
        notice=d.due_notice,
    ),
    Question(
        "original_filing_date",
        _original_prompt,
        check=d.check_date,
        when=d.is_amendment,
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
        check=d.check_date,
        when=d.plan_ticked,
        default=fn.plan_date_default,
        store=fn.store_plan_date,
        answered=fn.plan_written,
        name="plan_adopted",
        notice=fn.plan_notice,
    ),
)

TRANSACTION_DATE = Question(
    "transaction_date",
    "Transaction date (MM/DD/YYYY; empty for a holding, nothing to report):",
    check=d.check_date,
    when=d.has_transactions,
    default=d.transaction_date_default,
    optional=True,
    footnotes=True,
    answered=d.date_answered,
    then=d.store_date_kind,
    fields=_rows("transaction_date"),
)

WHAT_HAPPENED = Question(
    "kind",
    _what_happened_prompt,
    "select",
    choices=d.happening_choices,
    when=lambda a: d.has_transactions(a) and d.is_transaction(a),
    default=d.happening_default,
    store=d.store_happening,
    answered=d.happening_answered,
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
        choices=code_choices,
        when=d.coded_by_other,
        fields=_rows("code"),
    ),
    Question(
        "acquired_disposed",
        "Acquired (A) or disposed of (D)?",
        "select",
        choices=direction_choices,
        when=d.coded_by_other,
        default=d.usual_direction,
        fields=_rows("acquired_disposed"),
    ),
    Question(
        "",
        "Was this transaction made under the Rule 10b5-1 plan?",
        "confirm",
        when=lambda a: d.is_transaction(a) and d.plan_ticked(a) and fn.plan_written(a),
        default=fn.under_plan_default,
        store=fn.store_under_plan,
        name="under_plan",
        notice=fn.row_plan_notice,
    ),
)

_OWNERSHIP: tuple[Step, ...] = (
    Question(
        "ownership",
        "Owned directly (D) or indirectly (I)?",
        "select",
        choices=ownership_choices,
        default=lambda a: "D",
        fields=_rows("ownership"),
    ),
    Question(
        "nature_of_ownership",
        "Nature of the indirect ownership (e.g. By Family Trust):",
        check=d.field_check("NonDerivativeHolding", "nature_of_ownership"),
        when=d.indirect,
        footnotes=True,
        fields=_rows("nature_of_ownership"),
    ),
    Question(
        "owned_following",
        _owned_prompt,
        check=values.parse_decimal,
        when=d.owns_following,
        default=d.owned_following_default,
        book=d.book_owned_following,
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
                check=d.check_date,
                when=d.is_transaction,
                optional=True,
                footnotes=True,
                fields=_rows("deemed_execution_date"),
            ),
            Question(
                "form_type",
                "Transaction coding: report it as a Form 4 or a Form 5 transaction?",
                "select",
                choices=coding_choices,
                when=lambda a: d.is_transaction(a) and d.has_transactions(a),
                default=d.form_type_default,
                optional=True,
                fields=_rows("form_type"),
                name="coding_form",
            ),
            Question(
                "equity_swap",
                "Was an equity swap involved?",
                "confirm",
                when=d.is_transaction,
                default=lambda a: False,
                no=None,
                fields=_rows("equity_swap"),
            ),
            Question(
                "timeliness",
                "Timeliness of the report:",
                "select",
                choices=timeliness_choices,
                when=d.is_transaction,
                default=lambda a: "",
                optional=True,
                fields=_rows("timeliness"),
            ),
            Question(
                "form_type",
                "Should this holding have been reported on a Form 3 (reported late)?",
                "confirm",
                when=d.is_form_5_holding,
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
                when=d.owns_following,
                optional=True,
                footnotes=True,
                fields=_rows("value_owned_following"),
            ),
            Question(
                "",
                _choice_notes_prompt,
                default=d.choice_notes_default,
                check_for=d.choice_notes_check,
                optional=True,
                store=d.store_choice_notes,
                fields=tuple(f"{t}.{k}.footnotes" for t in TABLES for k in d.CHOICE_NOTES),
                name="choice_footnotes",
                typed_notes=d.choice_note_keys,
            ),
        ),
    )


def _match_offer() -> Question:
    return Question(
        "",
        _match_prompt,
        "confirm",
        when=d.offer_match,
        default=lambda a: True,
        store=d.store_match,
        answered=lambda a: d.matching_row(a) is not None,
        follow=d.matching_row,
        name="matching_row",
    )


def _sale_offer() -> Question:
    return Question(
        "",
        "Were shares of this exercise sold or withheld the same day?",
        "select",
        choices=d.sale_choices,
        when=d.offer_sale,
        default=lambda a: "",
        store=d.store_sale,
        answered=lambda a: d.same_day_disposal(a) is not None,
        follow=d.same_day_disposal,
        name="same_day_sale",
    )


TABLE_1_ROW: tuple[Step, ...] = (
    Question(
        "security",
        "Title of the security (e.g. Common Stock):",
        check=d.field_check("NonDerivativeHolding", "security"),
        default=d.security_default,
        footnotes=True,
        fields=("table_1.security",),
    ),
    *_COMMON_START,
    Question(
        "shares",
        _shares_prompt,
        check=values.parse_decimal,
        when=d.is_transaction,
        default=d.shares_default,
        footnotes=True,
        fields=("table_1.shares",),
    ),
    # An exercise's Table II row is offered before the price, which it proposes.
    _match_offer(),
    Question(
        "price",
        "Price per share in $ (0 for a grant or a gift):",
        check=values.parse_decimal,
        when=d.is_transaction,
        default=d.price_default,
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
        check=d.field_check("DerivativeHolding", "security"),
        default=d.security_default,
        footnotes=True,
        fields=("table_2.security",),
    ),
    Question(
        "exercise_price",
        "Conversion or exercise price in $:",
        check=values.parse_decimal,
        default=d.exercise_price_default,
        footnotes=True,
        fields=("table_2.exercise_price",),
    ),
    *_COMMON_START,
    Question(
        "shares",
        _shares_prompt,
        check=values.parse_decimal,
        when=d.is_transaction,
        optional=True,
        footnotes=True,
        fields=("table_2.shares",),
    ),
    Question(
        "date_exercisable",
        lambda a: (
            f"Date exercisable (MM/DD/YYYY; [{fn.next_footnote(a.data)}] alone when a footnote "
            "explains the vesting):"
        ),
        check=d.check_date,
        footnotes=True,
        fields=("table_2.date_exercisable",),
    ),
    Question(
        "expiration_date",
        "Expiration date (MM/DD/YYYY):",
        check=d.check_date,
        footnotes=True,
        fields=("table_2.expiration_date",),
    ),
    Question(
        "underlying_security",
        "Title of the underlying security:",
        check=d.field_check("DerivativeHolding", "underlying_security"),
        default=d.underlying_default,
        footnotes=True,
        fields=("table_2.underlying_security",),
    ),
    Question(
        "underlying_shares",
        "Number of underlying shares:",
        check=values.parse_decimal,
        default=d.underlying_shares_default,
        optional=True,
        footnotes=True,
        fields=("table_2.underlying_shares",),
    ),
    # Column 8 of the paper form: after the dates and the underlying security.
    Question(
        "price",
        "Price of the derivative security in $ (0 for a grant or an exercise):",
        check=values.parse_decimal,
        when=d.is_transaction,
        default=d.price_default,
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
            when=d.is_transaction,
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

SIGNATURE: tuple[Step, ...] = (
    Question(
        "name",
        "Signature: name (and title, e.g. /s/ Jane Roe, Attorney-in-Fact for John Doe):",
        check=d.field_check("Signature", "name"),
        fields=("signatures.name",),
    ),
    Question(
        "date",
        "Date signed (MM/DD/YYYY):",
        check=d.check_date,
        default=d.today,
        fields=("signatures.date",),
    ),
    Question(
        "",
        "Power of attorney (EX-24) to attach at `sec16 package`: its file, .txt or .htm "
        "(Enter if none is to be attached):",
        check=d.check_attachment,
        when=d.signed_by_attorney,
        default=lambda a: d.power_of_attorney(a.data),
        optional=True,
        store=d.store_power_of_attorney,
        answered=lambda a: d.power_of_attorney(a.data) is not None,
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
    check=d.field_check("Filing", "remarks"),
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
    Section("boxes", "Boxes at the top of the form", BOXES, when=d.has_transactions),
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
                new_item=d.new_row,
            ),
        ),
        intro=lambda a: (
            "Tip: an answer can carry footnotes, typed after it in brackets: 12.50 "
            f"[{fn.next_footnote(a.data)}]; type [{fn.next_footnote(a.data)}] alone when the "
            "footnote stands for the value."
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
                new_item=d.new_row,
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


@dataclass(frozen=True)
class Target:
    """Where to go back to: a section, the item in it (if any), and the question's key."""

    section: str
    scope: Scope = ()
    key: str | None = None


def target_of(path: tuple[str | int, ...]) -> Target | None:
    """A draft key path (``("table_1", 1, "price")``) -> the question that answers it.

    The path comes from the same tables that map draft keys to XML elements
    (``generator.model.xmlnames``, through ``generator.formats.locate``) or from the draft
    loader, never from a printed path read back.
    """
    if not path or not isinstance(path[0], str) or path[0] not in _TOP_SECTIONS:
        return None
    section = _TOP_SECTIONS[path[0]]
    if section in GROUPS and len(path) > 1 and isinstance(path[1], int):
        key = ".".join(p for p in path[2:] if isinstance(p, str)) or None
        if key and key.endswith(".value"):
            key = key.removesuffix(".value")
        return Target(section, (path[0], path[1]), key)
    if section in ("dates", "boxes", "remarks", "form"):
        return Target(section, (), path[0])
    key = ".".join(p for p in path if isinstance(p, str))
    return Target(section, (), key if section == "issuer" else None)
