"""A filing as plain aligned text: the review screen of the guided session.

Laid out like the paper form (issuer, reporting persons, Table I, Table II, footnotes, remarks,
signatures) and never wider than the terminal width it is given (120 columns by default): long
cells wrap inside their column instead of pushing the table past the edge.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from generator.model import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Noted,
    ReportingOwner,
)
from generator.values import format_decimal

WIDTH = 120
_GAP = "  "


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        whole, _, fraction = format_decimal(value).partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if isinstance(value, date):
        return value.strftime("%m/%d/%Y")
    return str(getattr(value, "value", value))


def money(item: Noted[Any] | None) -> str:
    """A price as on the paper form: $12.50 (at least two decimals), footnotes after it."""
    if item is None:
        return ""
    if item.value is None:
        return cell(item)
    text = _plain(item.value)
    whole, _, fraction = text.partition(".")
    text = f"${whole}.{fraction.ljust(2, '0')}"
    return f"{text} [{','.join(item.footnotes)}]" if item.footnotes else text


def cell(item: Noted[Any] | Any | None) -> str:
    """A value as the review shows it, its footnotes after it: ``12.50 [F1]``, ``[F1]``."""
    if item is None:
        return ""
    if not isinstance(item, Noted):
        return _plain(item)
    text = _plain(item.value)
    if item.footnotes:
        notes = "[" + ",".join(item.footnotes) + "]"
        text = f"{text} {notes}" if text else notes
    return text


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int = WIDTH,
    text: Sequence[int] = (),
) -> list[str]:
    """Aligned columns that fit ``width``; columns with no value in any row are left out.

    The ``text`` columns (titles, natures) give way first and wrap between words; the others
    (dates, numbers, codes) keep their longest word whole.
    """
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in rows)]
    headers = [headers[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    text = [keep.index(i) for i in text if i in keep]
    columns = len(headers)

    def longest_word(i: int) -> int:
        words = [w for value in [headers[i], *(r[i] for r in rows)] for w in value.split()]
        return max((len(w) for w in words), default=1)

    widths = [max([len(headers[i]), *(len(row[i]) for row in rows)]) for i in range(columns)]
    words = [longest_word(i) for i in range(columns)]
    room = width - len(_GAP) * (columns - 1)
    # Titles give way down to 16 characters, then the other columns down to their longest word,
    # then titles down to 8.
    others = [i for i in range(columns) if i not in text]
    for group, floors in (
        (text, [max(16, words[i]) for i in range(columns)]),
        (others, words),
        (text, [8] * columns),
    ):
        while sum(widths) > room:
            movable = [i for i in group if widths[i] > min(floors[i], widths[i])]
            if not movable:
                break
            widest = max(movable, key=lambda i: widths[i])
            widths[widest] -= 1
    lines = []
    for number, values in enumerate([list(headers), *[list(r) for r in rows]]):
        wrapped = [_wrap(values[i], widths[i]) for i in range(columns)]
        for depth in range(max(len(w) for w in wrapped)):
            parts = [
                (wrapped[i][depth] if depth < len(wrapped[i]) else "").ljust(widths[i])
                for i in range(columns)
            ]
            lines.append(_GAP.join(parts).rstrip())
        if number == 0:
            lines.append(_GAP.join("-" * w for w in widths))
    return lines


def _address(address: Address | None) -> str:
    if address is None:
        return "address: EDGAR's address on record"
    place = " ".join(
        part for part in (address.city and f"{address.city},", address.state, address.zip) if part
    )
    abroad = [address.non_us_state_territory, address.country]
    parts = [address.street1, address.street2, place, *abroad]
    return ", ".join(p for p in parts if p)


def _relationship(owner: ReportingOwner) -> str:
    rel = owner.relationship
    found = []
    if rel.director:
        found.append("Director")
    if rel.officer:
        found.append(f"Officer ({rel.officer_title})" if rel.officer_title else "Officer")
    if rel.ten_percent_owner:
        found.append("10% owner")
    if rel.other:
        found.append(f"Other ({rel.other_text})" if rel.other_text else "Other")
    return ", ".join(found) or "no relationship ticked"


def _code(row: NonDerivativeTransaction | DerivativeTransaction) -> str:
    text = cell(row.code)
    extras = []
    if row.form_type:
        extras.append(f"Form {row.form_type}")
    if row.equity_swap:
        extras.append("swap")
    if row.timeliness and row.timeliness.value:
        extras.append({"E": "early", "L": "late"}.get(row.timeliness.value, row.timeliness.value))
    return f"{text} ({', '.join(extras)})" if extras else text


def _owned(row: Any) -> str:
    if row.owned_following is not None:
        return cell(row.owned_following)
    if row.value_owned_following is not None:
        return "$" + cell(row.value_owned_following)
    return ""


def _table_1(filing: Filing, width: int) -> list[str]:
    headers = [
        "#", "Security", "Date", "Code", "Amount", "A/D", "Price", "Owned after", "D/I", "Nature"
    ]  # fmt: skip
    rows = []
    marker = "holding" if any(r.kind == "transaction" for r in filing.table_1) else ""
    for number, row in enumerate(filing.table_1, 1):
        if isinstance(row, NonDerivativeTransaction):
            deemed = (
                f" (deemed {cell(row.deemed_execution_date)})" if row.deemed_execution_date else ""
            )
            rows.append(
                [
                    str(number),
                    cell(row.security),
                    cell(row.transaction_date) + deemed,
                    _code(row),
                    cell(row.shares),
                    cell(row.acquired_disposed),
                    money(row.price),
                    _owned(row),
                    cell(row.ownership),
                    cell(row.nature_of_ownership),
                ]
            )
        else:
            assert isinstance(row, NonDerivativeHolding)
            late = " (late Form 3)" if row.form_type is not None else ""
            rows.append(
                [
                    str(number),
                    cell(row.security) + late,
                    marker,
                    "",
                    "",
                    "",
                    "",
                    _owned(row),
                    cell(row.ownership),
                    cell(row.nature_of_ownership),
                ]
            )
    return table(headers, rows, width, text=(1, 9))


def _table_2(filing: Filing, width: int) -> list[str]:
    headers = [
        "#", "Security", "Ex. price", "Date", "Code", "Amount", "A/D", "Price",
        "Exercisable", "Expires", "Underlying", "Owned after", "D/I", "Nature",
    ]  # fmt: skip
    rows = []
    marker = "holding" if any(r.kind == "transaction" for r in filing.table_2) else ""
    for number, row in enumerate(filing.table_2, 1):
        underlying = cell(row.underlying_security)
        count = cell(row.underlying_shares) or (
            "$" + cell(row.underlying_value) if row.underlying_value else ""
        )
        if count:
            underlying = f"{underlying}: {count}"
        common = [cell(row.date_exercisable), cell(row.expiration_date), underlying, _owned(row)]
        tail = [cell(row.ownership), cell(row.nature_of_ownership)]
        if isinstance(row, DerivativeTransaction):
            amount = cell(row.shares) or ("$" + cell(row.total_value) if row.total_value else "")
            deemed = (
                f" (deemed {cell(row.deemed_execution_date)})" if row.deemed_execution_date else ""
            )
            rows.append(
                [
                    str(number),
                    cell(row.security),
                    money(row.exercise_price),
                    cell(row.transaction_date) + deemed,
                    _code(row),
                    amount,
                    row.acquired_disposed,
                    money(row.price),
                    *common,
                    *tail,
                ]
            )
        else:
            assert isinstance(row, DerivativeHolding)
            late = " (late Form 3)" if row.form_type is not None else ""
            rows.append(
                [
                    str(number),
                    cell(row.security) + late,
                    money(row.exercise_price),
                    marker,
                    "",
                    "",
                    "",
                    "",
                    *common,
                    *tail,
                ]
            )
    return table(headers, rows, width, text=(1, 10, 13))


def _paragraph(label: str, text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=label, subsequent_indent=" " * len(label)) or [
        label.rstrip()
    ]


def review_text(filing: Filing, width: int = WIDTH) -> str:
    """The whole filing as the review screen shows it."""
    form = filing.form
    lines = [form.label, ""]
    dates = f"{form.period_of_report_caption}: {cell(filing.period_of_report)}"
    if filing.original_filing_date:
        dates += f"    Date original filed: {cell(filing.original_filing_date)}"
    lines.append(dates)
    if form.has_transactions:
        plan = "ticked" if filing.rule_10b5_1_plan else "not ticked"
        gone = "ticked" if filing.no_longer_subject_to_section_16 else "not ticked"
        lines.append(f"Rule 10b5-1(c) box: {plan}    No longer subject to Section 16: {gone}")
    issuer = filing.issuer
    name = f"{issuer.name}  " if issuer.name else ""
    foreign = f" (foreign {issuer.foreign_ticker})" if issuer.foreign_ticker else ""
    lines += ["", "Issuer", f"  {name}[{issuer.ticker}]{foreign}  CIK {issuer.cik}"]
    lines += ["", "Reporting person(s)"]
    for number, owner in enumerate(filing.reporting_owners, 1):
        who = owner.name or "(name from EDGAR)"
        lines += _paragraph(
            f"  {number}. ", f"{who}  CIK {owner.cik}  {_relationship(owner)}", width
        )
        lines += _paragraph("     ", _address(owner.address), width)
    lines += ["", "Table I: non-derivative securities"]
    lines += ["  (none)"] if not filing.table_1 else _table_1(filing, width)
    lines += ["", "Table II: derivative securities"]
    lines += ["  (none)"] if not filing.table_2 else _table_2(filing, width)
    if filing.footnotes:
        lines += ["", "Footnotes"]
        for ident, text in filing.footnotes.items():
            lines += _paragraph(f"  {ident}: ", " ".join(text.split()), width)
    if filing.remarks:
        lines += ["", *_paragraph("Remarks: ", " ".join(filing.remarks.split()), width)]
    lines += ["", "Signature(s)"]
    for signature in filing.signatures:
        lines += _paragraph("  ", f"{signature.name}    {cell(signature.date)}", width)
    return "\n".join(line.rstrip() for line in lines) + "\n"
