"""The Filing model: one typed picture of a Form 3, 4 or 5 (or amendment).

Every way in (YAML draft, guided session, imported XML) produces a ``Filing`` and every way
out (XML, YAML, preview) reads one, so a constraint declared here holds for all of them. Field
names are the draft's keys: plain English that follows the boxes and columns of the paper form.
Fields that EDGAR fills in itself (names looked up from the CIK, derived flags) are kept so that
an imported filing can be rebuilt exactly; the submission profile leaves them out.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.model import codes, values
from generator.model.codes import FormType, TransactionCode


def located(message: str, *at: str | int) -> PydanticCustomError:
    """A model error whose sentence concerns a key below the field that found it.

    A check across the filing (a column the form does not have, in row 3 of Table I) runs in
    a validator of the whole table; ``at`` is the rest of the key path (row index, key), which
    the draft loader adds to the field's own so that the filer is sent to the right line.
    """
    return PydanticCustomError("sec16", "{message}", {"message": message, "at": at})


def no_footnote_text(raw: object) -> object:
    """A footnote must say something: ``F1:`` or ``F1: ""`` is refused (``message_of`` names
    the footnote: "footnote F1 has no text: write what it explains, or remove it")."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise PydanticCustomError(
            "footnote_text", "the footnote has no text: write what it explains, or remove it"
        )
    return raw


def _bounded_text(maximum: int, what: str, *, minimum: int = 0) -> Any:
    def check(text: str) -> str:
        text = text.strip()
        if len(text) < minimum:
            raise ValueError(f"{what} must not be empty")
        values.check_xml_characters(text, what)
        return values.check_length(text, maximum, what)

    return AfterValidator(check)


def _as_text(value: object) -> object:
    """YAML turns 12345 or 2013 into numbers; a text field takes them as typed."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        return str(value)
    return value


Cik = Annotated[str, BeforeValidator(values.parse_cik)]
Day = Annotated[date, BeforeValidator(values.parse_date)]
Amount = Annotated[Decimal, BeforeValidator(values.parse_decimal)]
Flag = Annotated[bool, BeforeValidator(values.parse_bool)]
FootnoteRef = Annotated[str, BeforeValidator(values.parse_footnote_id)]
Text = Annotated[str, BeforeValidator(_as_text)]
SecurityTitle = Annotated[Text, _bounded_text(60, "A security title", minimum=1)]
Nature = Annotated[Text, _bounded_text(100, "The nature of indirect ownership")]
SchemaVersion = Annotated[str, AfterValidator(values.parse_schema_version)]
FootnoteText = Annotated[
    Text, BeforeValidator(no_footnote_text), _bounded_text(10_000, "A footnote")
]
AcquiredDisposed = Literal["A", "D"]
DirectIndirect = Literal["D", "I"]
Timeliness = Literal["E", "L"]
Blank = Literal["element", "value"]

V = TypeVar("V")


class Strict(BaseModel):
    """Common configuration: a misspelt key is an error, not silence."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class Noted(Strict, Generic[V]):
    """A value with the footnotes attached to it; either part may be absent.

    In a draft a plain value (``price: 12.50``) stands for ``{value: 12.50}``; a value given only
    by footnote is ``{footnotes: [F1]}``, as EDGAR allows for prices, dates and amounts.
    """

    value: V | None = None
    footnotes: list[FootnoteRef] = Field(default_factory=list)
    #: How an imported filing wrote an element without a value, so that ``--profile record``
    #: writes it back: ``"element"`` for ``<tag></tag>`` (``''`` in a draft), ``"value"`` for
    #: ``<tag><value></value></tag>`` (``{value: ''}``). None for everything else.
    _blank: Blank | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _plain_value(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        blank: Blank | None = None
        if isinstance(data, str) and not data.strip():
            blank, data = "element", {}
        elif isinstance(data, dict):
            notes = data.get("footnotes")
            if isinstance(notes, (str, int)) and not isinstance(notes, bool):
                data = {**data, "footnotes": values.split_footnote_ids(str(notes))}
            if isinstance(data.get("value"), str) and not data["value"].strip():
                blank, data = "value", {k: v for k, v in data.items() if k != "value"}
        elif not isinstance(data, Noted):
            data = {"value": data}
        item = handler(data)
        if blank is not None and item.value is None:
            item._blank = blank
        return item

    @property
    def blank(self) -> Blank | None:
        """The shape of an empty element kept from an imported filing (see ``_blank``)."""
        return self._blank

    @field_validator("footnotes")
    @classmethod
    def _no_repeats(cls, notes: list[str]) -> list[str]:
        seen: set[str] = set()
        for note in notes:
            if note in seen:
                raise ValueError(
                    f"footnote {note} is attached twice to the same value; EDGAR suspends that"
                )
            seen.add(note)
        return notes

    @property
    def empty(self) -> bool:
        return self.value is None and not self.footnotes


def _given(item: Noted[Any]) -> Noted[Any]:
    """A column the form requires: an empty one (``security:`` with nothing) is refused."""
    if item.empty:
        raise ValueError(
            "is empty; give a value, or a footnote that explains why there is none "
            "(footnotes: [F1])"
        )
    return item


#: A required column: a value, a footnote, or both.
Given = AfterValidator(_given)


class Issuer(Strict):
    """Box 2: the issuer, identified by CIK and trading symbol."""

    cik: Cik
    ticker: Annotated[Text, _bounded_text(10, "The trading symbol", minimum=1)]
    foreign_ticker: Annotated[Text, _bounded_text(14, "The foreign trading symbol")] | None = None
    #: EDGAR supplies the name from the CIK; kept for imported filings and previews.
    name: Annotated[Text, _bounded_text(150, "The issuer name")] | None = None


class Address(Strict):
    """Box 1: the reporting person's address. If none is given, EDGAR uses the address of record."""

    street1: Annotated[Text, _bounded_text(40, "Street line 1")] | None = None
    street2: Annotated[Text, _bounded_text(40, "Street line 2")] | None = None
    city: Annotated[Text, _bounded_text(30, "The city")] | None = None
    state: Annotated[Text, _bounded_text(2, "The state code")] | None = None
    zip: Annotated[Text, _bounded_text(10, "The ZIP code")] | None = None
    non_us: Flag | None = None
    non_us_state_territory: Annotated[Text, _bounded_text(40, "The state or territory")] | None = (
        None
    )
    country: Annotated[Text, _bounded_text(2, "The country code")] | None = None
    #: Written by EDGAR only; kept for imported filings.
    state_description: Annotated[Text, _bounded_text(50, "The state description")] | None = None
    good_address: Flag | None = None

    @field_validator("zip")
    @classmethod
    def _zip_characters(cls, code: str | None) -> str | None:
        if code is not None and not values.ZIP_PATTERN.fullmatch(code):
            raise ValueError(
                f"{code!r} is not a ZIP or postal code EDGAR accepts: letters, digits, "
                "spaces, '#' and '-' only"
            )
        return code

    @field_validator("state")
    @classmethod
    def _known_state(cls, code: str | None) -> str | None:
        # A record may keep a pre-v5.5 code (a province as a "state"); building it for
        # submission moves that to the country (generator.model.upgrade).
        return codes.check_state(code) if code else code

    @field_validator("country")
    @classmethod
    def _known_country(cls, code: str | None) -> str | None:
        # A record may keep a code EDGAR has since made obsolete; the submission schema
        # refuses it, and the guided session does not offer it.
        return codes.check_country(code) if code else code


class Relationship(Strict):
    """Box 5 (box 4 on Form 3): the reporting person's relationship to the issuer."""

    director: Flag | None = None
    officer: Flag | None = None
    ten_percent_owner: Flag | None = None
    other: Flag | None = None
    officer_title: Annotated[Text, _bounded_text(30, "The officer title")] | None = None
    other_text: Annotated[Text, _bounded_text(30, "The 'other' description")] | None = None


class ReportingOwner(Strict):
    """Box 1: one reporting person (up to 10 on a joint filing)."""

    cik: Cik
    #: EDGAR supplies the name from the CIK; kept for imported filings and previews.
    name: Annotated[Text, _bounded_text(150, "The reporting person's name")] | None = None
    #: The CCC is a credential: better given at build time through SEC16_CCC_<CIK>.
    ccc: Annotated[Text, _bounded_text(8, "The CCC", minimum=8)] | None = None
    address: Address | None = None
    relationship: Relationship = Field(default_factory=Relationship)


class _Row(Strict):
    """Columns shared by every row of either table."""

    security: Annotated[Noted[SecurityTitle], Given]
    owned_following: Noted[Amount] | None = None
    value_owned_following: Noted[Amount] | None = None
    ownership: Annotated[Noted[DirectIndirect], Given]
    nature_of_ownership: Noted[Nature] | None = None

    @field_validator("ownership", mode="before")
    @classmethod
    def _ownership_words(cls, raw: Any) -> Any:
        return _map_words(raw, {"DIRECT": "D", "INDIRECT": "I"})


def _map_words(raw: Any, words: dict[str, str]) -> Any:
    """Accept 'direct'/'indirect', 'acquired'/'disposed' as well as the letters."""
    if isinstance(raw, str):
        return words.get(raw.strip().upper(), raw.strip().upper())
    if isinstance(raw, dict) and isinstance(raw.get("value"), str):
        return {**raw, "value": _map_words(raw["value"], words)}
    return raw


class _Transaction(Strict):
    """Columns of a reported transaction (Forms 4 and 5 only)."""

    transaction_date: Annotated[Noted[Day], Given]
    deemed_execution_date: Noted[Day] | None = None
    #: The coding block: form type 4 or 5 (defaults to the form being filed), code, equity swap.
    form_type: Literal["4", "5"] | None = None
    code: Noted[TransactionCode]
    equity_swap: Flag | None = None
    timeliness: Noted[Timeliness] | None = None
    price: Annotated[Noted[Amount], Given]

    @field_validator("form_type", mode="before")
    @classmethod
    def _form_type_text(cls, raw: Any) -> Any:
        return _as_text(raw)

    @field_validator("code", mode="before")
    @classmethod
    def _code_upper(cls, raw: Any) -> Any:
        return _map_words(raw, {})

    @field_validator("code")
    @classmethod
    def _code_given(cls, code: Noted[TransactionCode]) -> Noted[TransactionCode]:
        if code.value is None:
            raise ValueError("give the transaction code (P, S, A, M, F, G, …); see docs/drafts.md")
        return code


class NonDerivativeTransaction(_Row, _Transaction):
    """Table I, a transaction: columns 1 to 7 of the paper form."""

    kind: Literal["transaction"] = "transaction"
    shares: Annotated[Noted[Amount], Given]
    acquired_disposed: Annotated[Noted[AcquiredDisposed], Given]

    @field_validator("acquired_disposed", mode="before")
    @classmethod
    def _ad_words(cls, raw: Any) -> Any:
        return _map_words(raw, {"ACQUIRED": "A", "DISPOSED": "D"})


class _Holding(Strict):
    """What every holding row has besides the shared columns."""

    kind: Literal["holding"] = "holding"
    #: Form 5 only: "3" marks a holding that should have been on a Form 3 (§4.3.8.3).
    form_type: Noted[Literal["3"]] | None = None

    @field_validator("form_type", mode="before")
    @classmethod
    def _form_type_text(cls, raw: Any) -> Any:
        return _as_text(raw)


class NonDerivativeHolding(_Row, _Holding):
    """Table I, a holding: a class of securities owned with no transaction to report."""


class _Derivative(Strict):
    """Columns only Table II has: exercise price, dates exercisable, underlying security."""

    exercise_price: Annotated[Noted[Amount], Given]
    date_exercisable: Annotated[Noted[Day], Given]
    expiration_date: Annotated[Noted[Day], Given]
    underlying_security: Annotated[Noted[SecurityTitle], Given]
    underlying_shares: Noted[Amount] | None = None
    underlying_value: Noted[Amount] | None = None


class DerivativeTransaction(_Row, _Derivative, _Transaction):
    """Table II, a transaction: columns 1 to 11 of the paper form."""

    kind: Literal["transaction"] = "transaction"
    shares: Noted[Amount] | None = None
    total_value: Noted[Amount] | None = None
    acquired_disposed: AcquiredDisposed

    @field_validator("acquired_disposed", mode="before")
    @classmethod
    def _ad_words(cls, raw: Any) -> Any:
        return _map_words(raw, {"ACQUIRED": "A", "DISPOSED": "D"})


class DerivativeHolding(_Row, _Derivative, _Holding):
    """Table II, a holding."""


def _infer_kind(row: Any) -> Any:
    """A row with a transaction date or code is a transaction; otherwise a holding."""
    if isinstance(row, dict) and "kind" not in row:
        is_transaction = "transaction_date" in row or "code" in row
        return {"kind": "transaction" if is_transaction else "holding", **row}
    return row


TableOneRow = Annotated[
    NonDerivativeTransaction | NonDerivativeHolding,
    Field(discriminator="kind"),
    BeforeValidator(_infer_kind),
]
TableTwoRow = Annotated[
    DerivativeTransaction | DerivativeHolding,
    Field(discriminator="kind"),
    BeforeValidator(_infer_kind),
]


AnyRow = NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding


class Signature(Strict):
    """The signature block: name (with a title if wished, up to 255 characters) and date."""

    name: Annotated[Text, _bounded_text(255, "The signature", minimum=1)]
    date: Day


class Attachment(Strict):
    """A supporting document that ``sec16 package`` encloses with the filing, as ``--attach``
    does: a power of attorney (EX-24), another exhibit (EX-99)… Not part of the ownership XML:
    ``sec16 build`` leaves it alone."""

    #: The file, relative to the draft's folder (or absolute).
    file: Annotated[Text, _bounded_text(4096, "The attachment's file name", minimum=1)]
    #: EX-24, EX-99, GRAPHIC, COVER or CORRESP; None: as ``--attach`` decides (EX-99, or
    #: GRAPHIC for an image).
    type: Text | None = None
    description: Annotated[Text, _bounded_text(255, "The attachment's description")] | None = None

    @field_validator("type")
    @classmethod
    def _supporting_type(cls, raw: str | None) -> str | None:
        if raw is None:
            return None
        from generator.model.codes import DOCUMENT_TYPES, supporting_type_problem

        base, dot, suffix = raw.strip().partition(".")
        kind = base.upper() + dot + suffix
        if kind in DOCUMENT_TYPES:
            raise ValueError(f"{raw} is the type of a primary document, not of an attachment")
        if reason := supporting_type_problem(kind):
            raise ValueError(reason)
        return kind


#: The boxes and flags only some forms have: key -> (what it is, the forms that have it).
_FORM_BOXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "no_longer_subject_to_section_16": ("a box", ("4", "5")),
    "rule_10b5_1_plan": ("a box", ("4", "5")),
    "no_securities_owned": ("a flag", ("3",)),
    "form_3_holdings_reported": ("a flag", ("5",)),
    "form_4_transactions_reported": ("a flag", ("5",)),
}


def _only_on(what: str, bases: tuple[str, ...], form: FormType) -> str:
    """The one sentence for a box, flag or column of other forms than the one filed."""
    forms = " and ".join(bases)
    owner = f"Forms {forms}" if len(bases) > 1 else f"Form {forms}"
    return f"is {what} of {owner} only, not of a Form {form.value}: leave it out"


def _row_not_on_form(row: AnyRow, form: FormType, table: str) -> tuple[tuple[str, ...], str] | None:
    """The first column of ``row`` that the form does not have: (key path in the row, sentence)."""
    base = form.base.value
    if row.kind == "transaction" and not form.has_transactions:
        return (), (
            f"is a transaction, but a Form {form.value} reports holdings only: give rows with "
            "kind: holding (no transaction date or code)"
        )
    holding = isinstance(row, (NonDerivativeHolding, DerivativeHolding))
    if holding and row.form_type is not None and base != "5":
        return ("form_type",), _only_on("a column", ("5",), form) + (
            ' (form_type: "3" marks a holding that should have been on a Form 3; '
            'on a transaction form_type is "4" or "5")'
        )
    timeliness = None if holding else getattr(row, "timeliness", None)
    if timeliness is not None and timeliness.footnotes and base != "4":
        return ("timeliness",), (
            f"takes footnotes on Form 4 only, not on a Form {form.value}: write the value "
            "alone (timeliness: L)"
        )
    if base == "3" and table == "table_2":
        for key in ("owned_following", "value_owned_following"):
            if getattr(row, key) is not None:
                return (key,), _only_on("a column", ("4", "5"), form) + (
                    " (Table II of a Form 3 has no amount owned following)"
                )
    return None


class Filing(Strict):
    """A whole Form 3, 4 or 5, or an amendment, in the order of the paper form."""

    form: FormType
    #: The schemaVersion of an imported filing (X0203 … X0609): ``--profile record`` writes it
    #: back, and ``validate`` judges the filing by that version's rules. A filer never sends
    #: one: EDGAR inserts it, so the submission profile leaves it out.
    schema_version: SchemaVersion | None = None
    #: Form 3: date of event; Form 4: date of earliest transaction; Form 5: fiscal year end.
    period_of_report: Day
    #: Amendments only: "If Amendment, Date Original Filed".
    original_filing_date: Day | None = Field(default=None, validate_default=True)
    #: Forms 4 and 5: "Check this box if no longer subject to Section 16".
    no_longer_subject_to_section_16: Flag | None = None
    #: Forms 4 and 5: the Rule 10b5-1(c) box.
    rule_10b5_1_plan: Flag | None = None
    issuer: Issuer
    reporting_owners: list[ReportingOwner] = Field(min_length=1)
    table_1: list[TableOneRow] = Field(default_factory=list)
    table_2: list[TableTwoRow] = Field(default_factory=list)
    footnotes: dict[FootnoteRef, FootnoteText] = Field(default_factory=dict)
    remarks: Annotated[Text, _bounded_text(2000, "The remarks")] | None = None
    signatures: list[Signature] = Field(min_length=1)
    #: Supporting documents for ``sec16 package`` (the session records a power of attorney).
    attachments: list[Attachment] = Field(default_factory=list)
    #: Set by EDGAR in the disseminated copy; kept from imported filings, else derived.
    no_securities_owned: Flag | None = None
    form_3_holdings_reported: Flag | None = None
    form_4_transactions_reported: Flag | None = None

    @field_validator("form", mode="before")
    @classmethod
    def _form_text(cls, raw: Any) -> Any:
        text = str(_as_text(raw)).strip().upper()
        return text.removeprefix("FORM").strip()

    @field_validator("original_filing_date")
    @classmethod
    def _amendment_date(cls, value: date | None, info: ValidationInfo) -> date | None:
        form = info.data.get("form")
        if form is None:
            return value
        if form.is_amendment and value is None:
            raise ValueError(
                f"is required on a Form {form.value}: give the date the original was filed "
                "(If Amendment, Date Original Filed)"
            )
        if not form.is_amendment and value is not None:
            raise ValueError(
                f"is only for amendments; a Form {form.value} has none "
                f"(use form: {form.value}/A to amend)"
            )
        return value

    @field_validator(*_FORM_BOXES)
    @classmethod
    def _box_of_the_form(cls, value: bool | None, info: ValidationInfo) -> bool | None:
        """A box or flag of other forms is refused, whichever it is (``_FORM_BOXES``)."""
        form = info.data.get("form")
        what, bases = _FORM_BOXES[str(info.field_name)]
        if form is not None and value is not None and form.base.value not in bases:
            raise ValueError(
                _only_on(what, bases, form) + (" (EDGAR sets it)" if what == "a flag" else "")
            )
        return value

    @field_validator("table_1", "table_2")
    @classmethod
    def _columns_of_the_form(cls, rows: list[AnyRow], info: ValidationInfo) -> list[AnyRow]:
        """Rows and columns only some forms have, refused at the row and key they are on."""
        form = info.data.get("form")
        if form is None:
            return rows
        for index, row in enumerate(rows):
            if found := _row_not_on_form(row, form, str(info.field_name)):
                at, message = found
                raise located(message, index, *at)
        return rows

    @property
    def rows(self) -> list[AnyRow]:
        return [*self.table_1, *self.table_2]
