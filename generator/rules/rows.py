"""Rows of Tables I and II: ownership nature, underlying amounts, coding, direction, price, date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from generator.codes import AcquiredDisposed, FormType, TransactionCode
from generator.problems import Problem
from generator.rules.core import (
    Document,
    Rule,
    as_date,
    as_decimal,
    child,
    describe,
    has_footnote,
    rule,
    text,
    value,
)

# --- ownership nature (spec v5.5 §3.3 cm(5), §5) --------------------------------------------------


@rule("nature-with-direct", "error", "spec v5.5 §3.3 cm(5); §5")
def nature_with_direct(rule: Rule, document: Document) -> Iterator[Problem]:
    """A directly owned row gives no nature of ownership."""
    for facts in document.rows:
        nature = facts.nature
        if nature is None or facts.direct != "D":
            continue
        given = text(facts.nature_value)
        if given:
            row = facts.element
            yield document.problem(
                rule,
                facts.nature_value,  # type: ignore[arg-type]
                f"Row {describe(row)} is owned directly (D) but gives a nature of ownership "
                f"({given!r}); EDGAR suspends that. Remove the nature, or make the row "
                "indirect (I) if the securities are held through someone else.",
            )


@rule("nature-missing-for-indirect", "error", "spec v5.5 §3.3 cm(5)")
def nature_missing_for_indirect(rule: Rule, document: Document) -> Iterator[Problem]:
    """An indirectly owned row says how it is owned (nature of ownership)."""
    for facts in document.rows:
        nature = facts.nature
        if nature is None or facts.direct != "I":
            continue
        if not text(facts.nature_value):
            row = facts.element
            yield document.problem(
                rule,
                nature,
                f"Row {describe(row)} is owned indirectly (I) but does not say how; EDGAR "
                'suspends that. Add the nature of ownership (e.g. "By Spouse", "By Trust").',
            )


# --- derivative rows (spec v5.5 §3.3 cm(6)) ------------------------------------------------------


@rule("underlying-amount", "error", "spec v5.5 §3.3 cm(6)")
def underlying_amount(rule: Rule, document: Document) -> Iterator[Problem]:
    """A derivative row gives exactly one of the underlying shares and the underlying value."""
    for facts in document.rows:
        underlying, row = facts.underlying, facts.element
        if underlying is None:
            continue
        given = [
            name
            for name in ("underlyingSecurityShares", "underlyingSecurityValue")
            if child(underlying, name) is not None
        ]
        if len(given) != 1:
            what = "neither the number of underlying shares nor" if not given else "both"
            what += " the underlying value" if not given else " the underlying shares and value"
            yield document.problem(
                rule,
                underlying,
                f"Row {describe(row)} gives {what}; EDGAR needs exactly one of them (a value or "
                "a footnote).",
            )


# --- transaction coding (spec v5.5 §4.3.8.2, §4.3.8.3) ------------------------------------------

#: Form -> transactionFormType -> the timeliness values allowed ("" = empty or absent).
TIMELINESS: dict[FormType, dict[str, tuple[str, ...]]] = {
    FormType.FORM_4: {"4": ("",), "5": ("", "E")},
    FormType.FORM_5: {"4": ("", "L"), "5": ("", "L")},
}
_TIMELINESS_WHY = {
    (FormType.FORM_4, "4"): 'a "4" transaction on a Form 4 is on time by definition: empty',
    (FormType.FORM_4, "5"): 'a "5" transaction on a Form 4 is early: leave it empty or give E',
    (FormType.FORM_5, "4"): 'a "4" transaction on a Form 5 is late by definition: empty or L',
    (FormType.FORM_5, "5"): 'a "5" transaction on a Form 5 is empty when on time, L when late',
}


@rule("timeliness-invalid", "error", "spec v5.5 §4.3.8.2; §4.3.8.3")
def timeliness_invalid(rule: Rule, document: Document) -> Iterator[Problem]:
    """The timeliness of a transaction fits its form type and the form (E, L or empty)."""
    form = document.base
    allowed_by_type = TIMELINESS.get(form)
    if allowed_by_type is None:
        return
    for facts in document.transactions:
        row, form_type = facts.element, facts.form_type
        allowed = allowed_by_type.get(form_type)
        element = facts.timeliness_value
        given = " ".join(text(element).split())
        if allowed is None or element is None or given in allowed:
            continue
        yield document.problem(
            rule,
            element,
            f"Row {describe(row)} has timeliness {given!r}, but "
            f"{_TIMELINESS_WHY[(form, form_type)]}; EDGAR suspends any other value.",
        )


@rule("derived-code", "error", "spec v5.5 §4.3.8.2; §4.3.8.3; §3.6.10")
def derived_code(rule: Rule, document: Document) -> Iterator[Problem]:
    """No transaction code K or V: EDGAR derives them itself."""
    for facts in document.transactions:
        element = facts.code_element
        code = facts.code.upper()
        if element is None or not ({"K", "V"} & set(code)):
            continue
        yield document.problem(
            rule,
            element,
            f"Transaction code {code!r}: K and V are never entered. EDGAR adds K when "
            'equitySwapInvolved is true and V to a "5" transaction reported early on a Form 4. '
            "Enter the code letter alone (e.g. S) and set equitySwapInvolved or "
            "transactionFormType instead.",
        )


# --- plausibility of a transaction (spec v5.5 §3.6.10; Form 4 Table I columns 3-4) ----------------

#: Codes whose own wording fixes the direction (see codes._USUAL_DIRECTION); H, only near
#: certain, is left out.
CERTAIN_DIRECTION: dict[str, AcquiredDisposed] = {
    code.value: direction
    for code in TransactionCode
    if (direction := code.usual_direction) is not None and code is not TransactionCode.H
}


@rule("direction-unusual", "warning", "spec v5.5 §3.6.10 (transaction code meanings)")
def direction_unusual(rule: Rule, document: Document) -> Iterator[Problem]:
    """Acquired or disposed agrees with the transaction code (e.g. a sale S is disposed)."""
    for facts in document.transactions:
        row, code = facts.element, facts.code
        expected = CERTAIN_DIRECTION.get(code)
        if expected is None:
            continue
        element = facts.amount("transactionAcquiredDisposedCode/value")
        given = text(element)
        if expected is None or element is None or given not in ("A", "D") or given == expected:
            continue
        meaning = TransactionCode(code).description
        yield document.problem(
            rule,
            element,
            f"Row {describe(row)} has code {code} ({meaning}) but is marked {given}; a "
            f"transaction coded {code} is {expected.label.split(' — ')[1].lower()} "
            f"({expected.value}). Check the code and the acquired/disposed box.",
        )


@rule("price-missing", "warning", "Form 4 and Form 5: Table I column 4, Table II column 8 (price)")
def price_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """A purchase (P) or sale (S) gives its price, or a footnote explaining why not."""
    for facts in document.transactions:
        row, code = facts.element, facts.code
        if code not in ("P", "S"):
            continue
        price = facts.amount("transactionPricePerShare")
        if has_footnote(price):
            continue
        amount = as_decimal(value(price))
        if amount is None or amount == 0:
            kind = "purchase" if code == "P" else "sale"
            yield document.problem(
                rule,
                price if price is not None else row,
                f"Row {describe(row)} is a {kind} ({code}) with "
                f"{'no price' if amount is None else 'a price of 0'}; give the price per share "
                "(a weighted average with a footnote for several trades), or a footnote saying "
                "why there is none.",
            )


# --- period of report (spec v5.5 Appendices C and D, box 3) -------------------------------------


@rule(
    "period-not-earliest-transaction",
    "warning",
    "Form 4 box 3, Date of Earliest Transaction Required to be Reported (spec v5.5 Appendix C)",
)
def period_not_earliest_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 4 the period of report is the date of the earliest "4" transaction."""
    if document.base is not FormType.FORM_4:
        return
    element, period = document.period_element, document.period
    dated = [(day, row.form_type) for row in document.transactions if (day := row.date)]
    # Box 3 is the earliest transaction *required* to be reported: a "5" transaction reported
    # early (a gift, say) does not count, unless the form reports nothing else.
    dates = [day for day, form_type in dated if form_type == "4"] or [day for day, _ in dated]
    if element is None or period is None or not dates or min(dates) == period:
        return
    yield document.problem(
        rule,
        element,
        f"The period of report is {period}, but the earliest transaction required to be "
        f'reported is on {min(dates)}; on a Form 4 it is box 3, "Date of Earliest '
        'Transaction Required to be Reported". Make them the same.',
    )


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


#: Room for 52-53-week fiscal years, whose end moves by up to a week from year to year.
FISCAL_YEAR_SLACK = timedelta(days=7)


@rule(
    "transaction-outside-fiscal-year",
    "warning",
    "Form 5 box 3 (spec v5.5 Appendix D); Rule 16a-3(f)",
)
def transaction_outside_fiscal_year(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 5 the transactions fall in the fiscal year that ends on the period of report."""
    if document.base is not FormType.FORM_5:
        return
    period = document.period
    if period is None:
        return
    try:
        start = _year_before(period) - FISCAL_YEAR_SLACK
    except (OverflowError, ValueError):  # a period in year 1: nothing comes before it
        start = date.min
    for facts in document.transactions:
        row, element = facts.element, facts.date_value
        day = as_date(text(element))
        if element is None or day is None or start < day <= period:
            continue
        late = facts.form_type == "4" or facts.timeliness == "L"
        if late and day <= period:
            continue  # a late transaction may be of an earlier year (Rule 16a-3(f))
        where = "after" if day > period else "before"
        yield document.problem(
            rule,
            element,
            f"Row {describe(row)} is dated {where} the fiscal year that ended on {period} (the "
            "period of report of this Form 5). Check the date and the period of report; a "
            "transaction of an earlier year not reported in time is a late one (transaction "
            'form type "4", or timeliness L).',
        )
