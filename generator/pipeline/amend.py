"""An amendment (3/A, 4/A, 5/A) from the filing as filed and the draft as it should have been.

Pure functions on Filings: ``compare_filings`` aligns the rows of each table (by position when
both tables have as many rows, else ``difflib`` on each row's security, date and code) and
compares every value with the texts of its footnotes (footnote ids may differ);
``explain`` says the difference in plain words, naming the original's rows and both values as a
filer reads them; ``make_amendment`` writes the amendment: the rows that changed or were added,
complete as corrected, their footnotes renumbered F1…, the corrected header, signed today (with
``restate``, every row and footnote of the corrected filing, footnote ids kept).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from generator.formats.draft import filing_from_data, filing_to_data
from generator.model import upgrade, values, xmlnames
from generator.model.codes import FormType
from generator.model.filing import (
    AnyRow,
    DerivativeTransaction,
    Filing,
    NonDerivativeTransaction,
    Noted,
    ReportingOwner,
)
from generator.support.errors import InputError

#: Remarks hold at most this many characters; a longer explanation goes in a footnote.
MAX_REMARKS = 2000

#: The tables, with the words an explanation names them by.
TABLES = xmlnames.TABLE_TITLES

#: Columns in the order of the paper form, with what each is called in a sentence. ``shares``
#: is worded by the row's code and direction (``_column_words``).
COLUMN_WORDS: dict[str, str] = {
    "security": "the title of security",
    "exercise_price": "the conversion or exercise price",
    "transaction_date": "the transaction date",
    "deemed_execution_date": "the deemed execution date",
    "form_type": "the transaction form type",
    "code": "the transaction code",
    "equity_swap": "the equity swap box",
    "timeliness": "the timeliness of the report",
    "shares": "the number of shares",
    "total_value": "the total value of the transaction",
    "acquired_disposed": "whether the securities were acquired (A) or disposed of (D)",
    "price": "the price per share",
    "date_exercisable": "the date exercisable",
    "expiration_date": "the expiration date",
    "underlying_security": "the title of the underlying security",
    "underlying_shares": "the amount of underlying securities",
    "underlying_value": "the value of the underlying securities",
    "owned_following": "the amount beneficially owned following the transaction",
    "value_owned_following": "the value beneficially owned following the transaction",
    "ownership": "the form of ownership (direct (D) or indirect (I))",
    "nature_of_ownership": "the nature of indirect beneficial ownership",
}
_MONEY = frozenset({"price", "exercise_price", "total_value", "underlying_value"})
_VERBS = {"S": "sold", "P": "purchased"}

RowKind = Literal["changed", "added", "withdrawn"]


@dataclass(frozen=True)
class ValueChange:
    """One column of one row: its key and both values as a filer reads them."""

    key: str
    words: str
    was: str
    now: str
    #: Only the footnotes on the value differ (the value itself is the same).
    footnotes_only: bool = False


@dataclass(frozen=True)
class RowChange:
    """A row changed, added or withdrawn. Indexes are 0-based within the row's table."""

    kind: RowKind
    table: str
    original: int | None
    corrected: int | None
    values: tuple[ValueChange, ...] = ()
    #: The row in plain words (security, date, code, shares): for an added or withdrawn row.
    described: str = ""


@dataclass
class Difference:
    """What CORRECTED changes of ORIGINAL: rows and header sentences."""

    rows: list[RowChange] = field(default_factory=list)
    #: Clauses such as "the issuer's trading symbol, from ABC to ABCD".
    header: list[str] = field(default_factory=list)

    def count(self, kind: RowKind) -> int:
        return sum(change.kind == kind for change in self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows and not self.header


@dataclass
class Amendment:
    """The amendment filing, the difference it corrects, its explanation and notes for the filer."""

    filing: Filing
    difference: Difference
    explanation: str
    #: Every corrected row is reported (``--restate``, or no row was left to report).
    restated: bool
    notes: list[str] = field(default_factory=list)

    def header(self, original: str, filed: date, signed: date, written_by: str) -> list[str]:
        """The comment at the top of the amendment's draft (``sec16 amend`` and the session):
        what it amends, ``written_by`` ("sec16 amend from X.yaml"), who signs it, the notes."""
        form = self.filing.form.value
        return [
            f"Form {form} amending {original} (filed {values.us_date(filed)}), written by "
            f"{written_by}.",
            f"Signed {values.us_date(signed)} by the corrected draft's signers: an amendment "
            "is signed when it is filed; change the dates if it is filed on another day.",
            *(f"Note: {note}" for note in self.notes),
        ]

    def summary(self, original: str, filed: date) -> str:
        """One line on what was written: "Form 4/A amending X (filed 03/04/2026): 1 row(s)
        changed, 0 added, 0 withdrawn"."""
        counted = self.difference.count
        return (
            f"Form {self.filing.form.value} amending {original} (filed {values.us_date(filed)}): "
            f"{counted('changed')} row(s) changed, {counted('added')} added, "
            f"{counted('withdrawn')} withdrawn"
        )


# --- values as a filer reads them ---------------------------------------------------------------


def spoken(value: Any, *, money: bool = False, form: str = "4") -> str:
    """A value as the printed form shows it: 10,000; $12.50; 03/15/2024; S; yes (a number as
    the SEC's stylesheet prints it on a Form ``form``: ``values.edgar_shows``)."""
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        text = values.edgar_shows(values.spell_decimal(value), form)
        return f"${text}" if money else text
    if isinstance(value, date):
        return values.us_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _shown(value: Any, notes: tuple[str, ...], *, money: bool, form: str) -> str:
    """A cell as the form shows it: its value, or, with none, that a footnote stands for it."""
    if value is None and notes:
        return "no value (see the footnote)"
    return spoken(value, money=money, form=form)


def _text_of(note: str) -> str:
    return " ".join(note.split())


def _cell(row: AnyRow | None, key: str, notes: dict[str, str]) -> tuple[Any, tuple[str, ...]]:
    """A column's value and the texts of its footnotes (None, () where the row has none)."""
    item = getattr(row, key, None) if row is not None else None
    if isinstance(item, Noted):
        return item.value, tuple(_text_of(notes.get(ref, ref)) for ref in item.footnotes)
    return item, ()


def _column_words(key: str, row: AnyRow) -> str:
    if key != "shares":
        return COLUMN_WORDS.get(key, key.replace("_", " "))
    code = _cell(row, "code", {})[0]
    direction = _cell(row, "acquired_disposed", {})[0]
    verb = _VERBS.get(spoken(code)) if code is not None else None
    if verb is None:
        verb = {"A": "acquired", "D": "disposed of"}.get(str(direction), "reported")
    things = "derivative securities" if hasattr(row, "exercise_price") else "shares"
    return f"the number of {things} {verb}"


def _row_keys(*rows: AnyRow | None) -> list[str]:
    present = {name for row in rows if row is not None for name in type(row).model_fields}
    present.discard("kind")
    ordered = [key for key in COLUMN_WORDS if key in present]
    return ordered + sorted(present - set(ordered))


def describe_row(row: AnyRow, form: str) -> str:
    """A row of a Form ``form`` in a few words: "Common Stock, 03/15/2024, code S, 1,000
    shares"."""
    parts = [spoken(_cell(row, "security", {})[0])]
    day = _cell(row, "transaction_date", {})[0]
    if day is not None:
        parts.append(spoken(day))
    code = _cell(row, "code", {})[0]
    if code is not None:
        parts.append(f"code {spoken(code)}")
    shares = _cell(row, "shares", {})[0]
    if shares is not None:
        parts.append(f"{spoken(shares, form=form)} shares")
    elif (held := _cell(row, "owned_following", {})[0]) is not None and day is None:
        parts.append(f"{spoken(held, form=form)} held")
    return ", ".join(parts)


# --- comparing ----------------------------------------------------------------------------------


def _signature(row: AnyRow) -> tuple[str, ...]:
    """What identifies a row for alignment: its security, date and code."""
    return tuple(
        spoken(_cell(row, key, {})[0]).casefold()
        for key in ("kind", "security", "transaction_date", "code")
    )


def _fingerprint(row: AnyRow, notes: dict[str, str]) -> tuple[Any, ...]:
    """Everything a row says: each column's value and the texts of its footnotes."""
    return tuple((key, *_cell(row, key, notes)) for key in _row_keys(row))


def _matched(
    was: list[Any], now: list[Any], i0: int, j0: int
) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, was, now, autojunk=False)
    return [
        (tag, i0 + i1, i0 + i2, j0 + j1, j0 + j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def align(
    original: list[AnyRow],
    corrected: list[AnyRow],
    notes: tuple[dict[str, str], dict[str, str]] = ({}, {}),
) -> list[tuple[int | None, int | None]]:
    """Pairs of (original index, corrected index); None on one side for a withdrawn or added row.

    Tables of the same length are paired by position. Otherwise ``difflib.SequenceMatcher``
    first pairs rows that say the same thing (every value and footnote text, ``notes``: each
    filing's footnotes), then, between those, rows of the same security, date and code, and
    what is left in place by position; the rest are withdrawn or added.
    """
    if len(original) == len(corrected):
        return [(index, index) for index in range(len(original))]
    was_notes, now_notes = notes
    pairs: list[tuple[int | None, int | None]] = []
    whole = _matched(
        [_fingerprint(r, was_notes) for r in original],
        [_fingerprint(r, now_notes) for r in corrected],
        0,
        0,
    )
    for tag, i1, i2, j1, j2 in whole:
        blocks = (
            [(tag, i1, i2, j1, j2)]
            if tag == "equal"
            else _matched(
                [_signature(r) for r in original[i1:i2]],
                [_signature(r) for r in corrected[j1:j2]],
                i1,
                j1,
            )
        )
        for _tag, b1, b2, c1, c2 in blocks:
            common = min(b2 - b1, c2 - c1)
            pairs.extend((b1 + k, c1 + k) for k in range(common))
            pairs.extend((i, None) for i in range(b1 + common, b2))
            pairs.extend((None, j) for j in range(c1 + common, c2))
    return pairs


def _row_changes(
    original: AnyRow,
    corrected: AnyRow,
    was_notes: dict[str, str],
    now_notes: dict[str, str],
    form: str,
) -> tuple[ValueChange, ...]:
    found = []
    for key in _row_keys(original, corrected):
        was, was_refs = _cell(original, key, was_notes)
        now, now_refs = _cell(corrected, key, now_notes)
        if was == now and was_refs == now_refs:
            continue
        money = key in _MONEY
        found.append(
            ValueChange(
                key,
                _column_words(key, corrected),
                _shown(was, was_refs, money=money, form=form),
                _shown(now, now_refs, money=money, form=form),
                footnotes_only=was == now,
            )
        )
    return tuple(found)


def _owner_words(owner: ReportingOwner) -> dict[str, str]:
    """What a reporting owner's header says, by the words naming each part."""
    words = {"name": owner.name or "", "CIK": owner.cik}
    address = owner.address
    if address is not None:
        parts = (address.street1, address.street2, address.city, address.state, address.zip)
        words["address"] = ", ".join(p for p in parts if p)
        if address.country:
            words["address"] += f" ({address.country})"
    ship = owner.relationship
    roles = [
        label
        for label, flag in (
            ("director", ship.director),
            ("10% owner", ship.ten_percent_owner),
            (f"officer ({ship.officer_title or 'no title'})", ship.officer),
            (f"other ({ship.other_text or 'not described'})", ship.other),
        )
        if flag
    ]
    words["relationship to the issuer"] = ", ".join(roles) or "none"
    return words


def _header_changes(original: Filing, corrected: Filing) -> list[str]:
    found: list[str] = []

    def said(what: str, was: Any, now: Any) -> None:
        if was != now:
            found.append(f"{what}, from {spoken(was) or 'blank'} to {spoken(now) or 'blank'}")

    said(
        f"the {corrected.form.period_of_report_caption.lower()} (period of report)",
        original.period_of_report,
        corrected.period_of_report,
    )
    said("the issuer's trading symbol", original.issuer.ticker, corrected.issuer.ticker)
    if original.issuer.name and corrected.issuer.name:
        said("the issuer's name", original.issuer.name, corrected.issuer.name)
    # A filing from before the Rule 10b5-1 box had none to answer: answering it is no correction.
    if original.rule_10b5_1_plan is not None:
        said("the Rule 10b5-1(c) box", original.rule_10b5_1_plan, corrected.rule_10b5_1_plan)
    said(
        "the box 'no longer subject to Section 16'",
        bool(original.no_longer_subject_to_section_16),
        bool(corrected.no_longer_subject_to_section_16),
    )
    many = max(len(original.reporting_owners), len(corrected.reporting_owners)) > 1
    for number, (was, now) in enumerate(
        zip(original.reporting_owners, corrected.reporting_owners, strict=False), 1
    ):
        whose = f"reporting person {number}'s" if many else "the reporting person's"
        was_words, now_words = _owner_words(was), _owner_words(now)
        for part in now_words:
            if part == "name" and not (was.name and now.name):
                continue
            if part == "address" and (was.address is None or now.address is None):
                continue
            said(f"{whose} {part}", was_words.get(part), now_words[part])
    if len(original.reporting_owners) != len(corrected.reporting_owners):
        said(
            "the number of reporting persons",
            len(original.reporting_owners),
            len(corrected.reporting_owners),
        )
    if _text_of(original.remarks or "") != _text_of(corrected.remarks or ""):
        found.append("the remarks")
    return found


def as_built(filing: Filing) -> Filing:
    """The filing with what a build writes for the columns a draft may leave out: a
    transaction's form type (the form filed: 4, or 5 on a Form 5) and its equity swap box (no).
    A draft that leaves them out says the same as the XML built from it."""
    tables: dict[str, list[AnyRow]] = {}
    for table in TABLES:
        rows: list[AnyRow] = []
        for row in getattr(filing, table):
            if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
                fill: dict[str, Any] = {}
                if row.form_type is None:
                    fill["form_type"] = "5" if filing.form.base is FormType.FORM_5 else "4"
                if row.equity_swap is None:
                    fill["equity_swap"] = False
                if fill:
                    row = row.model_copy(update=fill)
            rows.append(row)
        tables[table] = rows
    return filing.model_copy(update=tables)


def compare_filings(original: Filing, corrected: Filing) -> Difference:
    """What ``corrected`` changes of ``original``: each row changed, added or withdrawn, in
    table order, and the header's changes (columns left out are read as built: ``as_built``)."""
    original, corrected = as_built(original), as_built(corrected)
    form = original.form.base.value  # the numbers as the original's page prints them
    difference = Difference(header=_header_changes(original, corrected))
    for table in TABLES:
        was_rows: list[AnyRow] = getattr(original, table)
        now_rows: list[AnyRow] = getattr(corrected, table)
        for old, new in align(was_rows, now_rows, (original.footnotes, corrected.footnotes)):
            if old is None and new is not None:
                described = describe_row(now_rows[new], form)
                difference.rows.append(RowChange("added", table, None, new, described=described))
            elif new is None and old is not None:
                described = describe_row(was_rows[old], form)
                difference.rows.append(
                    RowChange("withdrawn", table, old, None, described=described)
                )
            elif old is not None and new is not None:
                changes = _row_changes(
                    was_rows[old], now_rows[new], original.footnotes, corrected.footnotes, form
                )
                if changes:
                    difference.rows.append(RowChange("changed", table, old, new, changes))
    return difference


# --- explaining ---------------------------------------------------------------------------------


def _and(clauses: list[str]) -> str:
    if len(clauses) <= 2:
        return ", and ".join(clauses) if len(clauses) == 2 else "".join(clauses)
    return ", ".join(clauses[:-1]) + ", and " + clauses[-1]


def _value_clause(change: ValueChange) -> str:
    if change.footnotes_only:
        return f"the footnotes on {change.words}"
    return f"{change.words}, from {change.was} to {change.now}"


def explain(difference: Difference, *, restated: bool, forced: bool) -> str:
    """The difference in plain words (the amendment's remarks).

    ``restated``: the amendment reports every corrected row; ``forced``: because no row of the
    original was changed or added (an amendment must report something).
    """
    sentences: list[str] = []
    opening = ["This amendment is filed to correct", "It also corrects"]

    def lead() -> str:
        return opening[0] if not sentences else opening[1]

    for change in difference.rows:
        if change.kind != "changed" or change.original is None:
            continue
        where = f"{TABLES[change.table]}, row {change.original + 1}"
        first, *rest = change.values
        if first.footnotes_only:
            clauses = [f"{_value_clause(first)} reported in {where}"]
        else:
            clauses = [f"{first.words} reported in {where}, from {first.was} to {first.now}"]
        clauses += [_value_clause(value) for value in rest]
        sentences.append(f"{lead()} {_and(clauses)}.")
    for change in difference.rows:
        if change.kind == "added":
            verb = "This amendment is filed to report" if not sentences else "It also reports"
            sentences.append(
                f"{verb} a row omitted from {TABLES[change.table]} of the original "
                f"({change.described})."
            )
    if difference.header:
        sentences.append(f"{lead()} {_and(difference.header)}.")
    for change in difference.rows:
        if change.kind == "withdrawn" and change.original is not None:
            sentences.append(
                f"{TABLES[change.table]}, row {change.original + 1} of the original "
                f"({change.described}) was reported in error and is withdrawn."
            )
    if forced:
        sentences.append(
            "No row of the original was corrected or omitted, so every row of the corrected "
            "filing is reported again in full."
        )
    elif restated:
        sentences.append("Every row of the corrected filing is reported again in full.")
    return " ".join(sentences)


# --- writing the amendment ----------------------------------------------------------------------


def _references(node: Any, found: list[str]) -> None:
    """Footnote ids referenced in a row's plain data, in order of first appearance."""
    if isinstance(node, dict):
        for key, item in node.items():
            if key == "footnotes" and isinstance(item, list):
                found.extend(ref for ref in item if ref not in found)
            else:
                _references(item, found)
    elif isinstance(node, list):
        for item in node:
            _references(item, found)


def _renumbered(node: Any, numbers: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: [numbers.get(r, r) for r in item]
            if key == "footnotes" and isinstance(item, list)
            else _renumbered(item, numbers)
            for key, item in node.items()
        }
    if isinstance(node, list):
        return [_renumbered(item, numbers) for item in node]
    return node


def _attach(row: dict[str, Any], key: str, note: str) -> None:
    """Attach footnote ``note`` to a row's column (a plain value becomes ``{value, footnotes}``)."""
    item = row.get(key)
    if isinstance(item, dict):
        row[key] = {**item, "footnotes": [*item.get("footnotes", []), note]}
    else:
        row[key] = {"value": item, "footnotes": [note]}


def make_amendment(
    original: Filing,
    corrected: Filing,
    original_date: date,
    today: date,
    *,
    restate: bool = False,
    names: tuple[str, str] = ("the original", "the corrected draft"),
) -> Amendment:
    """The amendment of ``original`` (filed ``original_date``) that ``corrected`` calls for.

    Raises InputError when the two are not the same form of the same issuer, or when
    ``corrected`` changes nothing. ``names``: how the sentences name the original and the
    corrected draft (their files).
    """
    original_name, corrected_name = names
    base = original.form.base
    if corrected.form.base is not base:
        raise InputError(
            f"{corrected_name} is a Form {corrected.form.value}, but {original_name} is a Form "
            f"{original.form.value}: an amendment of a Form {base.value} is a {base.value}/A, "
            f"so give the Form {base.value} as it should have been"
        )
    if corrected.issuer.cik != original.issuer.cik:
        raise InputError(
            f"{corrected_name} names issuer CIK {corrected.issuer.cik}, but {original_name} "
            f"was filed for issuer CIK {original.issuer.cik}: an amendment corrects a filing of "
            "the same issuer; a filing for another issuer is a new filing"
        )
    difference = compare_filings(original, corrected)
    if difference.empty:
        raise InputError(
            f"{corrected_name} makes no change to {original_name}: there is nothing to amend"
        )
    data = filing_to_data(corrected)
    kept = {
        (change.table, change.corrected)
        for change in difference.rows
        if change.kind in ("changed", "added")
    }
    forced = not restate and not kept
    restated = restate or forced
    if not restated:
        # Only the rows that changed or were added, their footnotes renumbered F1, F2...
        for table in TABLES:
            data[table] = [
                row for index, row in enumerate(data.get(table, [])) if (table, index) in kept
            ]
        references: list[str] = []
        _references([data["table_1"], data["table_2"]], references)
        numbers = {old: f"F{number}" for number, old in enumerate(references, 1)}
        for table in TABLES:
            data[table] = _renumbered(data[table], numbers)
            if not data[table]:
                del data[table]
        data["footnotes"] = {
            numbers[old]: corrected.footnotes[old]
            for old in references
            if old in corrected.footnotes
        }
    # Restated: every row and footnote as corrected, footnote ids and empty tables kept, so
    # that the amendment built as a record holds exactly what the corrected draft does.
    empty_footnotes = restated and "footnotes" in data  # as corrected: <footnotes/> kept
    data.setdefault("footnotes", {})
    explanation = explain(difference, restated=restated, forced=forced)
    remarks = " ".join(part for part in (corrected.remarks, explanation) if part)
    if len(remarks) <= MAX_REMARKS:
        data["remarks"] = remarks
    else:
        number = len(data["footnotes"]) + 1
        while f"F{number}" in data["footnotes"]:
            number += 1
        note = f"F{number}"
        data["footnotes"][note] = explanation
        first = (data.get("table_1") or data.get("table_2") or [None])[0]
        if first is not None:
            _attach(first, "security", note)
    if not data["footnotes"] and not empty_footnotes:
        del data["footnotes"]
    data["form"] = FormType(f"{base.value}/A").value
    data["original_filing_date"] = original_date.isoformat()
    data.pop("schema_version", None)
    data["signatures"] = [
        {"name": signature.name, "date": today.isoformat()} for signature in corrected.signatures
    ]
    notes = []
    if base is not FormType.FORM_3 and corrected.rule_10b5_1_plan is None:
        notes.append(
            "The Rule 10b5-1(c) box is not answered: the corrected draft does not say whether a "
            "transaction reported was made under a Rule 10b5-1(c) plan (an original filed before "
            "the box existed had none). Answer it (rule_10b5_1_plan: true or false) before "
            "building; sec16 does not guess it."
        )
    filing = filing_from_data(data, {}, "(the amendment)")
    # An amendment is a filing made today: an address of an older version is written as the
    # current specification writes it (a legacy foreign "state" code becomes its country), so
    # that it reads alike built for submission or as the record EDGAR will keep.
    notes.extend(upgrade.submission_notes(filing))
    owners = [
        owner.model_copy(update={"address": upgrade.submission_address(owner.address)})
        if owner.address is not None
        else owner
        for owner in filing.reporting_owners
    ]
    filing = filing.model_copy(update={"reporting_owners": owners})
    return Amendment(filing, difference, explanation, restated, notes)
