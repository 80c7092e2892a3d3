"""A filing as the SEC shows it: an HTML page laid out like the printed form, and plain text.

``preview_view`` computes every string the page shows, formatted the way EDGAR's own
stylesheets format the disseminated document (``shared/sec/ownership-spec-v5.5/stylesheets``):

* dates as MM/DD/YYYY;
* amounts with thousands separators and no trailing zeros, except that on Forms 4 and 5 a value
  written with exactly one decimal gets two (7.5 -> 7.50); a zero on a Form 4 is plain 0;
* a dollar sign before prices, exercise prices and values, not before a value given only by a
  footnote;
* footnote markers such as (1) right after the value they annotate (F1 -> (1));
* the transaction code as EDGAR generates it: "/K" after the code when an equity swap is
  involved; on a Form 4 a "V" beside a "5" transaction (reported early); on a Form 5 a "4"
  after the code of a Form 4 transaction reported late, a "5" after a late Form 5 transaction
  and "3" for a holding that belonged on a Form 3.

Numbers are spelled as in the XML the page stands for, which is the spelling the model keeps
(what the filer typed, or the original filing's own digits): EDGAR shows "12.5" as 12.50 and
"881.0000" as 881, and so does the preview.

``html_page`` renders the view through the project's jinja2 templates (``preview.html.j2`` and
its ``preview-*.j2`` partials): one self-contained file with inline CSS, no scripts and no
external resources. ``preview_text.text_view`` lays the same view out as aligned plain-text tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from generator import __version__
from generator.formats.render import derived_flags, transaction_form_type
from generator.model.codes import COUNTRIES, US_STATES, FormType
from generator.model.filing import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Noted,
    ReportingOwner,
)
from generator.model.values import edgar_shows, spell_decimal, us_date

#: The widest text view: the review screen and ``preview --text`` fit 120 columns.
TEXT_WIDTH = 120

# ---------------------------------------------------------------------------------------------
# The view: plain data, every string already formatted
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A footnote marker beside a value: F1 is shown as (1) and links to the footnote."""

    number: str
    anchor: str

    @property
    def label(self) -> str:
        return f"({self.number})"


@dataclass(frozen=True)
class Cell:
    """One value as the form shows it, with its footnote markers."""

    text: str = ""
    marks: tuple[Mark, ...] = ()

    @property
    def plain(self) -> str:
        """The value and its markers as one string: ``17,408(2)``, ``(1)``."""
        return self.text + "".join(mark.label for mark in self.marks)


@dataclass(frozen=True)
class Field:
    """A filled-in blank of a box, with the small caption printed under it."""

    text: str
    caption: str = ""
    muted: bool = False


@dataclass(frozen=True)
class Check:
    """A check box of the form and its label."""

    label: str
    checked: bool

    @property
    def mark(self) -> str:
        return "X" if self.checked else ""


@dataclass(frozen=True)
class Box:
    """A numbered box of the form's heading (1 to 6)."""

    number: str
    caption: str
    note: str = ""
    lines: tuple[tuple[Field, ...], ...] = ()
    checks: tuple[Check, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A column heading of Table I or II, spanning columns or rows as on the paper form."""

    text: str
    note: str = ""
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Column:
    """One column of values: its share of the page width and its short name in the text view."""

    short: str
    width: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    """Table I or Table II with the headings and rows of this form."""

    name: str
    title: str
    subtitle: str
    head: tuple[tuple[Heading, ...], ...]
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Owner:
    """A line of the reporting owners table."""

    name: Field
    cik: str
    address: tuple[str, ...]
    director: str
    ten_percent_owner: str
    officer: str
    other: str


@dataclass(frozen=True)
class Footnote:
    number: str
    anchor: str
    lines: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"({self.number})"


@dataclass(frozen=True)
class SignatureLine:
    name: str
    date: str


@dataclass(frozen=True)
class Preview:
    """Everything the page and the text view show, in the order of the paper form."""

    source: str
    generator: str
    form: str
    form_name: str
    amendment: bool
    title: str
    filed_under: str
    omb_number: str
    burden_hours: str
    form_code: str
    top_checks: tuple[Check, ...]
    boxes: tuple[Box, ...]
    stacks: tuple[tuple[Box, ...], ...]
    table_1: Table
    table_2: Table
    no_securities_owned: bool
    owners: tuple[Owner, ...]
    footnotes: tuple[Footnote, ...]
    remarks: tuple[str, ...]
    signatures: tuple[SignatureLine, ...]
    reminder: str
    closing_notes: tuple[str, ...]

    @property
    def page_title(self) -> str:
        who = self.owners[0].name.text if self.owners and not self.owners[0].name.muted else ""
        return " — ".join(part for part in (f"Form {self.form}", who, "sec16 preview") if part)


# ---------------------------------------------------------------------------------------------
# Texts of the printed forms (the captions of Appendices B, C and D of the specification)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Paper:
    title: str
    omb_number: str
    burden_hours: str
    form_code: str
    instruction: str


_PAPER: dict[FormType, _Paper] = {
    FormType.FORM_3: _Paper(
        "INITIAL STATEMENT OF BENEFICIAL OWNERSHIP OF SECURITIES",
        "3235-0104",
        "0.5",
        "SEC 1473 (03-26)",
        "5(b)(v)",
    ),
    FormType.FORM_4: _Paper(
        "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
        "3235-0287",
        "0.5",
        "SEC 1474 (03-26)",
        "4(b)(v)",
    ),
    FormType.FORM_5: _Paper(
        "ANNUAL STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES",
        "3235-0362",
        "1.0",
        "SEC 2270 (03-26)",
        "4(b)(v)",
    ),
}

_FILED_UNDER = (
    "Filed pursuant to Section 16(a) of the Securities Exchange Act of 1934 or Section 30(h) of "
    "the Investment Company Act of 1940"
)
_NO_LONGER_SUBJECT = (
    "Check this box if no longer subject to Section 16. Form 4 or Form 5 obligations may "
    "continue. See Instruction 1(b)."
)
_RULE_10B5_1 = (
    "Check this box to indicate that a transaction was made pursuant to a contract, instruction "
    "or written plan that is intended to satisfy the affirmative defense conditions of Rule "
    "10b5-1(c). See Instruction 10."
)
_REMINDER = (
    "Reminder: Report on a separate line for each class of securities beneficially owned "
    "directly or indirectly."
)
_MISSTATEMENTS = (
    "Intentional misstatements or omissions of facts constitute Federal Criminal Violations. "
    "See 18 U.S.C. 1001 and 15 U.S.C. 78ff(a)."
)
_CLOSING = (
    "Note: File three copies of this Form, one of which must be manually signed. If space is "
    "insufficient, see Instruction 6 for procedure.",
    "Persons who respond to the collection of information contained in this form are not "
    "required to respond unless the form displays a currently valid OMB Number.",
)

_DATE_NOTE = "(Month/Day/Year)"

# ---------------------------------------------------------------------------------------------
# Formatting values as EDGAR's stylesheets do
# ---------------------------------------------------------------------------------------------


class _Values:
    """Formats the values of one filing: the form decides the number style."""

    def __init__(self, form: FormType) -> None:
        self.form = form

    def text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return edgar_shows(spell_decimal(value), self.form.base.value)
        if isinstance(value, date):
            return us_date(value)
        return " ".join(str(getattr(value, "value", value)).split())

    @staticmethod
    def marks(footnotes: list[str]) -> tuple[Mark, ...]:
        return tuple(Mark(ident.removeprefix("F"), _anchor(ident)) for ident in footnotes)

    def cell(self, item: Noted[Any] | None, *, money: bool = False) -> Cell:
        """A value with its footnote markers; ``money`` puts $ before a number that is there."""
        if item is None:
            return Cell()
        text = self.text(item.value)
        if money and text:
            text = "$" + text
        return Cell(text, self.marks(item.footnotes))

    def amount(self, shares: Noted[Any] | None, value: Noted[Any] | None) -> Cell:
        """A number of shares, or else a dollar value (the form's either/or columns)."""
        if shares is not None and not shares.empty:
            return self.cell(shares)
        return self.cell(value, money=True)


def _anchor(ident: str) -> str:
    return f"footnote-{ident}"


# ---------------------------------------------------------------------------------------------
# The heading: title block and boxes 1 to 6
# ---------------------------------------------------------------------------------------------


def _country(address: Address) -> str:
    """The country line: the EDGAR code's name and the code itself, e.g. SWITZERLAND (V8)."""
    if address.non_us or address.country:
        code = address.country or ""
        return f"{COUNTRIES[code]} ({code})" if code in COUNTRIES else code
    return "UNITED STATES" if address.state else ""


def _address_fields(address: Address | None) -> list[tuple[Field, ...]]:
    if address is None:
        return [(Field("Address as on record with EDGAR", "(Street)", muted=True),)]
    lines: list[tuple[Field, ...]] = []
    streets = [s for s in (address.street1, address.street2) if s] or [""]
    for number, street in enumerate(streets, 1):
        lines.append((Field(street, "(Street)" if number == len(streets) else ""),))
    state = address.non_us_state_territory if address.non_us else address.state
    lines.append(
        (
            Field(address.city or "", "(City)"),
            Field(state or "", "(State)"),
            Field(address.zip or "", "(Zip/Postal Code)"),
        )
    )
    lines.append((Field(_country(address), "(Country)"),))
    return lines


def _owner_name(owner: ReportingOwner, caption: str = "") -> Field:
    if owner.name:
        return Field(owner.name, caption)
    return Field(f"Name as on record with EDGAR for CIK {owner.cik}", caption, muted=True)


def _box_1(filing: Filing) -> Box:
    first = filing.reporting_owners[0]
    lines = [(_owner_name(first, "(Last) (First) (Middle)"),), *_address_fields(first.address)]
    others = len(filing.reporting_owners) - 1
    if others:
        more = f"and {others} more reporting person{'s' if others > 1 else ''}"
        lines.append((Field(f"{more}: see Reporting Owners below", muted=True),))
    return Box("1.", "Name and Address of Reporting Person*", lines=tuple(lines))


def _issuer_box(filing: Filing, number: str) -> Box:
    issuer = filing.issuer
    if issuer.name:
        name = Field(f"{issuer.name} [{issuer.ticker}]")
    else:
        name = Field(
            f"Name as on record with EDGAR for CIK {issuer.cik} [{issuer.ticker}]", muted=True
        )
    return Box(number, "Issuer Name and Ticker or Trading Symbol", lines=((name,),))


def _foreign_box(filing: Filing, number: str) -> Box:
    symbol = filing.issuer.foreign_ticker
    return Box(number, "Foreign Trading Symbol", lines=((Field(f"[{symbol}]" if symbol else ""),),))


def _date_box(number: str, caption: str, day: date | None) -> Box:
    return Box(number, caption, _DATE_NOTE, lines=((Field(us_date(day) if day else ""),),))


def _relationship_box(filing: Filing, number: str) -> Box:
    rel = filing.reporting_owners[0].relationship
    title = " / ".join(text for text in (rel.officer_title, rel.other_text) if text)
    return Box(
        number,
        "Relationship of Reporting Person(s) to Issuer",
        "(Check all applicable)",
        lines=((Field(title, "(Officer title / Other)"),),),
        checks=(
            Check("Director", bool(rel.director)),
            Check("10% Owner", bool(rel.ten_percent_owner)),
            Check("Officer (give title below)", bool(rel.officer)),
            Check("Other (specify below)", bool(rel.other)),
        ),
    )


def _joint_box(filing: Filing) -> Box:
    joint = len(filing.reporting_owners) > 1
    caption = (
        "Individual or Joint/Group Reporting"
        if filing.form.base is FormType.FORM_5
        else "Individual or Joint/Group Filing"
    )
    return Box(
        "6.",
        caption,
        "(Check Applicable Line)",
        checks=(
            Check("Form filed by One Reporting Person", not joint),
            Check("Form filed by More than One Reporting Person", joint),
        ),
    )


def _boxes(filing: Filing) -> tuple[tuple[Box, ...], tuple[tuple[Box, ...], ...]]:
    """The boxes in number order, and stacked in three columns as on the paper form."""
    form = filing.form.base
    one = _box_1(filing)
    if form is FormType.FORM_3:
        event = _date_box("2.", "Date of Event Requiring Statement", filing.period_of_report)
        issuer = _issuer_box(filing, "3.")
        foreign = _foreign_box(filing, "3a.")
        relation = _relationship_box(filing, "4.")
        amended = _date_box("5.", "If Amendment, Date Original Filed", filing.original_filing_date)
        joint = _joint_box(filing)
        ordered = (one, event, issuer, foreign, relation, amended, joint)
        return ordered, ((one,), (event, issuer, foreign, amended), (relation, joint))
    caption = (
        "Statement for Issuer's Fiscal Year Ended"
        if form is FormType.FORM_5
        else "Date of Earliest Transaction"
    )
    issuer = _issuer_box(filing, "2.")
    foreign = _foreign_box(filing, "2a.")
    period = _date_box("3.", caption, filing.period_of_report)
    amended = _date_box("4.", "If Amendment, Date Original Filed", filing.original_filing_date)
    relation = _relationship_box(filing, "5.")
    joint = _joint_box(filing)
    ordered = (one, issuer, foreign, period, amended, relation, joint)
    return ordered, ((one,), (issuer, foreign, period, amended), (relation, joint))


def _top_checks(filing: Filing) -> tuple[Check, ...]:
    form = filing.form.base
    if form is FormType.FORM_3:
        return ()
    checks = [Check(_NO_LONGER_SUBJECT, bool(filing.no_longer_subject_to_section_16))]
    if form is FormType.FORM_5:
        derived = derived_flags(filing)
        checks += [
            Check("Form 3 Holdings Reported", derived["form_3_holdings_reported"]),
            Check("Form 4 Transactions Reported", derived["form_4_transactions_reported"]),
        ]
    checks.append(Check(_RULE_10B5_1, bool(filing.rule_10b5_1_plan)))
    return tuple(checks)


# ---------------------------------------------------------------------------------------------
# Tables I and II
# ---------------------------------------------------------------------------------------------

H = Heading


def _columns(spec: Sequence[tuple[str, float, str]]) -> tuple[Column, ...]:
    total = sum(weight for _, weight, _ in spec)
    return tuple(
        Column(short, f"{100 * weight / total:.2f}%", kind) for short, weight, kind in spec
    )


_INSTR_3 = "(Instr. 3)"
_INSTR_4 = "(Instr. 4)"
_INSTR_5 = "(Instr. 5)"
_INSTR_3_4 = "(Instr. 3 and 4)"
_NATURE = "Nature of Indirect Beneficial Ownership"


def _table_1_layout(form: FormType) -> tuple[tuple[tuple[Heading, ...], ...], tuple[Column, ...]]:
    if form is FormType.FORM_3:
        head = (
            (
                H("1. Title of Security", _INSTR_4),
                H("2. Amount of Securities Beneficially Owned", _INSTR_4),
                H("3. Ownership Form: Direct (D) or Indirect (I)", _INSTR_5),
                H(f"4. {_NATURE}", _INSTR_5),
            ),
        )
        columns = _columns(
            [
                ("1. Title of Security", 40, "text"),
                ("2. Amount Owned", 20, "num"),
                ("3. D/I", 12, "code"),
                ("4. Nature of Ownership", 28, "text"),
            ]
        )
        return head, columns
    owned = (
        "5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year"
        if form is FormType.FORM_5
        else "5. Amount of Securities Beneficially Owned Following Reported Transaction(s)"
    )
    code_head = (
        H("3. Transaction Code", "(Instr. 8)", rowspan=2)
        if form is FormType.FORM_5
        else H("3. Transaction Code", "(Instr. 8)", colspan=2)
    )
    first = (
        H("1. Title of Security", _INSTR_3, rowspan=2),
        H("2. Transaction Date", _DATE_NOTE, rowspan=2),
        H("2A. Deemed Execution Date, if any", _DATE_NOTE, rowspan=2),
        code_head,
        H("4. Securities Acquired (A) or Disposed Of (D)", "(Instr. 3, 4 and 5)", colspan=3),
        H(owned, _INSTR_3_4, rowspan=2),
        H("6. Ownership Form: Direct (D) or Indirect (I)", _INSTR_4, rowspan=2),
        H(f"7. {_NATURE}", _INSTR_4, rowspan=2),
    )
    second: tuple[Heading, ...] = (H("Amount"), H("(A) or (D)"), H("Price"))
    code_columns: list[tuple[str, float, str]] = [("3. Code", 6, "code")]
    if form is not FormType.FORM_5:
        second = (H("Code"), H("V"), *second)
        code_columns = [("3. Code", 4.5, "code"), ("3. V", 2.5, "code")]
    columns = _columns(
        [
            ("1. Title of Security", 16, "text"),
            ("2. Date", 10, "date"),
            ("2A. Deemed", 10, "date"),
            *code_columns,
            ("4. Amount", 10, "num"),
            ("4. (A) or (D)", 5, "code"),
            ("4. Price", 9, "num"),
            (
                "5. Amount Owned" + (" at Year End" if form is FormType.FORM_5 else " After"),
                12,
                "num",
            ),
            ("6. D/I", 6, "code"),
            ("7. Nature of Ownership", 14, "text"),
        ]
    )
    return (first, second), columns


def _table_2_layout(form: FormType) -> tuple[tuple[tuple[Heading, ...], ...], tuple[Column, ...]]:
    exercisable = H("Date Exercisable"), H("Expiration Date")
    underlying = H("Title"), H("Amount or Number of Shares")
    if form is FormType.FORM_3:
        head = (
            (
                H("1. Title of Derivative Security", _INSTR_4, rowspan=2),
                H("2. Date Exercisable and Expiration Date", _DATE_NOTE, colspan=2),
                H(
                    "3. Title and Amount of Securities Underlying Derivative Security",
                    _INSTR_4,
                    colspan=2,
                ),
                H("4. Conversion or Exercise Price of Derivative Security", rowspan=2),
                H(
                    "5. Ownership Form of Derivative Security: Direct (D) or Indirect (I)",
                    _INSTR_5,
                    rowspan=2,
                ),
                H(f"6. {_NATURE}", _INSTR_5, rowspan=2),
            ),
            (*exercisable, *underlying),
        )
        columns = _columns(
            [
                ("1. Title of Derivative Security", 20, "text"),
                ("2. Exercisable", 10, "date"),
                ("2. Expiration", 10, "date"),
                ("3. Underlying Security", 17, "text"),
                ("3. Amount", 10, "num"),
                ("4. Exercise Price", 9, "num"),
                ("5. D/I", 8, "code"),
                ("6. Nature of Ownership", 16, "text"),
            ]
        )
        return head, columns
    owned = (
        "9. Number of Derivative Securities Beneficially Owned at End of Issuer's Fiscal Year"
        if form is FormType.FORM_5
        else "9. Number of Derivative Securities Beneficially Owned Following Reported "
        "Transaction(s)"
    )
    code_head = (
        H("4. Transaction Code", "(Instr. 8)", rowspan=2)
        if form is FormType.FORM_5
        else H("4. Transaction Code", "(Instr. 8)", colspan=2)
    )
    first = (
        H("1. Title of Derivative Security", _INSTR_3, rowspan=2),
        H("2. Conversion or Exercise Price of Derivative Security", rowspan=2),
        H("3. Transaction Date", _DATE_NOTE, rowspan=2),
        H("3A. Deemed Execution Date, if any", _DATE_NOTE, rowspan=2),
        code_head,
        H(
            "5. Number of Derivative Securities Acquired (A) or Disposed of (D)",
            "(Instr. 3, 4 and 5)",
            colspan=2,
        ),
        H("6. Date Exercisable and Expiration Date", _DATE_NOTE, colspan=2),
        H(
            "7. Title and Amount of Securities Underlying Derivative Security",
            _INSTR_3_4,
            colspan=2,
        ),
        H("8. Price of Derivative Security", _INSTR_5, rowspan=2),
        H(owned, _INSTR_4, rowspan=2),
        H(
            "10. Ownership Form of Derivative Security: Direct (D) or Indirect (I)",
            _INSTR_4,
            rowspan=2,
        ),
        H(f"11. {_NATURE}", _INSTR_4, rowspan=2),
    )
    second: tuple[Heading, ...] = (H("(A)"), H("(D)"), *exercisable, *underlying)
    code_columns: list[tuple[str, float, str]] = [("4. Code", 6, "code")]
    if form is not FormType.FORM_5:
        second = (H("Code"), H("V"), *second)
        code_columns = [("4. Code", 4.5, "code"), ("4. V", 2.5, "code")]
    columns = _columns(
        [
            ("1. Title of Derivative Security", 10, "text"),
            ("2. Exercise Price", 6, "num"),
            ("3. Date", 6.5, "date"),
            ("3A. Deemed", 6.5, "date"),
            *code_columns,
            ("5. (A)", 6, "num"),
            ("5. (D)", 6, "num"),
            ("6. Exercisable", 6.5, "date"),
            ("6. Expiration", 6.5, "date"),
            ("7. Underlying Security", 8.5, "text"),
            ("7. Amount", 6.5, "num"),
            ("8. Price", 6, "num"),
            ("9. Number Owned", 7, "num"),
            ("10. D/I", 5.5, "code"),
            ("11. Nature of Ownership", 8.5, "text"),
        ]
    )
    return (first, second), columns


def _code_cells(
    row: NonDerivativeTransaction
    | DerivativeTransaction
    | NonDerivativeHolding
    | DerivativeHolding,
    form: FormType,
    values: _Values,
) -> list[Cell]:
    """The transaction code column(s): EDGAR's generated code, with K, V, 3, 4 or 5."""
    if isinstance(row, (NonDerivativeHolding, DerivativeHolding)):
        holding_type = row.form_type
        notes = values.marks(holding_type.footnotes) if holding_type else ()
        late_3 = holding_type is not None and holding_type.value == "3"
        code = "3" if late_3 and form is FormType.FORM_5 else ""
        cells = [Cell(code, notes)]
        return cells if form is FormType.FORM_5 else [*cells, Cell()]
    kind = transaction_form_type(row, form)
    code = values.text(row.code.value) + ("/K" if row.equity_swap else "")
    timeliness = row.timeliness
    late_notes = values.marks(timeliness.footnotes) if timeliness else ()
    if form is FormType.FORM_5:
        if kind == "4":
            code += "4"
        elif timeliness is not None and timeliness.value == "L":
            code += "5"
        return [Cell(code, values.marks(row.code.footnotes) + late_notes)]
    return [
        Cell(code, values.marks(row.code.footnotes)),
        Cell("V" if kind == "5" else "", late_notes),
    ]


def _table_verb(form: FormType) -> str:
    if form is FormType.FORM_3:
        return "Beneficially Owned"
    return "Acquired, Disposed of, or Beneficially Owned"


def _table_1(filing: Filing, values: _Values) -> Table:
    form = filing.form.base
    head, columns = _table_1_layout(form)
    rows: list[tuple[Cell, ...]] = []
    for row in filing.table_1:
        owned = values.amount(row.owned_following, row.value_owned_following)
        tail = [owned, values.cell(row.ownership), values.cell(row.nature_of_ownership)]
        title = values.cell(row.security)
        if form is FormType.FORM_3:
            rows.append((title, *tail))
        elif isinstance(row, NonDerivativeTransaction):
            rows.append(
                (
                    title,
                    values.cell(row.transaction_date),
                    values.cell(row.deemed_execution_date),
                    *_code_cells(row, form, values),
                    values.cell(row.shares),
                    values.cell(row.acquired_disposed),
                    values.cell(row.price, money=True),
                    *tail,
                )
            )
        else:
            blanks = [Cell(), Cell(), Cell()]
            rows.append((title, Cell(), Cell(), *_code_cells(row, form, values), *blanks, *tail))
    heading = f"Table I - Non-Derivative Securities {_table_verb(form)}"
    return Table("table-1", heading, "", head, columns, tuple(rows))


def _table_2(filing: Filing, values: _Values) -> Table:
    form = filing.form.base
    head, columns = _table_2_layout(form)
    rows: list[tuple[Cell, ...]] = []
    for row in filing.table_2:
        title = values.cell(row.security)
        price = values.cell(row.exercise_price, money=True)
        dates = [values.cell(row.date_exercisable), values.cell(row.expiration_date)]
        underlying = [
            values.cell(row.underlying_security),
            values.amount(row.underlying_shares, row.underlying_value),
        ]
        tail = [values.cell(row.ownership), values.cell(row.nature_of_ownership)]
        if form is FormType.FORM_3:
            rows.append((title, *dates, *underlying, price, *tail))
            continue
        owned = values.amount(row.owned_following, row.value_owned_following)
        if isinstance(row, DerivativeTransaction):
            amount = values.amount(row.shares, row.total_value)
            acquired = amount if row.acquired_disposed == "A" else Cell()
            disposed = amount if row.acquired_disposed == "D" else Cell()
            middle = [
                values.cell(row.transaction_date),
                values.cell(row.deemed_execution_date),
                *_code_cells(row, form, values),
                acquired,
                disposed,
            ]
            paid = values.cell(row.price, money=True)
        else:
            middle = [Cell(), Cell(), *_code_cells(row, form, values), Cell(), Cell()]
            paid = Cell()
        rows.append((title, price, *middle, *dates, *underlying, paid, owned, *tail))
    heading = f"Table II - Derivative Securities {_table_verb(form)}"
    subtitle = "(e.g., puts, calls, warrants, options, convertible securities)"
    return Table("table-2", heading, subtitle, head, columns, tuple(rows))


# ---------------------------------------------------------------------------------------------
# Reporting owners, explanations, remarks, signatures
# ---------------------------------------------------------------------------------------------


def _owner_address(address: Address | None) -> tuple[str, ...]:
    """Street lines, "CITY STATE ZIP" as on the paper form, then the state's name and country."""
    if address is None:
        return ()
    state = address.non_us_state_territory if address.non_us else address.state
    place = " ".join(part for part in (address.city, state, address.zip) if part)
    region = ""
    if not address.non_us and address.state:
        region = US_STATES.get(address.state, "")
    country = ", ".join(part for part in (region, _country(address)) if part)
    return tuple(line for line in (address.street1, address.street2, place, country) if line)


def _owner(owner: ReportingOwner) -> Owner:
    rel = owner.relationship
    officer = (rel.officer_title or "X") if rel.officer else (rel.officer_title or "")
    other = (rel.other_text or "X") if rel.other else (rel.other_text or "")
    return Owner(
        _owner_name(owner),
        owner.cik,
        _owner_address(owner.address),
        "X" if rel.director else "",
        "X" if rel.ten_percent_owner else "",
        officer,
        other,
    )


def _lines(text: str) -> tuple[str, ...]:
    """A text's lines (the XML keeps line breaks as &#10;), each with its spaces collapsed."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").splitlines()]
    return tuple(line for line in lines if line) or ("",)


def preview_view(filing: Filing, *, source: str = "") -> Preview:
    """Everything the preview shows, formatted."""
    form = filing.form
    paper = _PAPER[form.base]
    values = _Values(form.base)
    boxes, stacks = _boxes(filing)
    no_securities = bool(filing.no_securities_owned) or (
        form.base is FormType.FORM_3 and not filing.rows
    )
    return Preview(
        source=source,
        generator=f"sec16 {__version__}",
        form=form.value,
        form_name=f"FORM {form.base.value}",
        amendment=form.is_amendment,
        title=paper.title,
        filed_under=_FILED_UNDER,
        omb_number=paper.omb_number,
        burden_hours=paper.burden_hours,
        form_code=f"Form {form.base.value}: {paper.form_code}",
        top_checks=_top_checks(filing),
        boxes=boxes,
        stacks=stacks,
        table_1=_table_1(filing, values),
        table_2=_table_2(filing, values),
        no_securities_owned=no_securities,
        owners=tuple(_owner(owner) for owner in filing.reporting_owners),
        footnotes=tuple(
            Footnote(ident.removeprefix("F"), _anchor(ident), _lines(text))
            for ident, text in filing.footnotes.items()
        ),
        remarks=_lines(filing.remarks) if filing.remarks else (),
        signatures=tuple(
            SignatureLine(" ".join(s.name.split()), us_date(s.date)) for s in filing.signatures
        ),
        reminder=_REMINDER,
        closing_notes=(
            "* If the form is filed by more than one reporting person, see Instruction "
            f"{paper.instruction}.",
            f"** {_MISSTATEMENTS}",
            *_CLOSING,
        ),
    )


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def html_page(filing: Filing, *, source: str = "") -> str:
    """The preview page: one self-contained HTML file (inline CSS, no scripts, no links out)."""
    from generator.formats.render import template_environment

    view = preview_view(filing, source=source)
    template = template_environment().get_template("preview.html.j2")
    text: str = template.render(view=view)
    return text
