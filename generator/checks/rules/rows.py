"""Rows of Tables I and II: ownership nature, underlying amounts, coding, direction, dates, price,
period of report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from lxml import etree

from generator.checks.rules.core import (
    Document,
    Row,
    Rule,
    all_text,
    as_date,
    as_decimal,
    child,
    child2,
    describe,
    findall,
    has_footnote,
    is_true,
    rule,
    text,
    value,
)
from generator.model.codes import AcquiredDisposed, FormType, TransactionCode
from generator.model.problems import Problem

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


# --- acquired or disposed against the code (spec v5.5 §3.6.10; Forms 4 and 5 Instruction 8) ------

#: Codes whose own wording fixes the direction (see codes._USUAL_DIRECTION): A "acquisition",
#: L "small acquisition", P "purchase"; D "disposition", F "delivering or withholding", S "sale",
#: U "disposition pursuant to a tender". H, only near certain, is left out.
CERTAIN_DIRECTION: dict[str, AcquiredDisposed] = {
    code.value: direction
    for code in TransactionCode
    if (direction := code.usual_direction) is not None and code is not TransactionCode.H
}


def _direction_against_code(
    rule: Rule, document: Document, table: str, consequence: str
) -> Iterator[Problem]:
    """Rows of ``table`` whose acquired/disposed box says the opposite of their code's words."""
    for facts in document.transactions:
        row, code = facts.element, facts.code
        expected = CERTAIN_DIRECTION.get(code)
        if expected is None or facts.table != table:
            continue
        element = facts.amount("transactionAcquiredDisposedCode/value")
        given = text(element)
        if element is None or given not in ("A", "D") or given == expected:
            continue
        meaning = TransactionCode(code).description
        yield document.problem(
            rule,
            element,
            f"Row {describe(row)} has code {code} ({meaning}) but is marked {given}; a "
            f"transaction coded {code} is {expected.label.split(' — ')[1].lower()} "
            f"({expected.value}). {consequence}",
        )


@rule(
    "direction-impossible",
    "error",
    "Forms 4 and 5: Table I columns 3 and 4, General Instruction 8 (transaction codes); "
    "spec v5.5 §3.6.10",
    record="warning",
)
def direction_impossible(rule: Rule, document: Document) -> Iterator[Problem]:
    """In Table I, acquired or disposed is what the code's words say (a sale S is disposed).

    The code is the character of the transaction (Instruction 8) and its words fix the
    direction: a purchase (P), a grant or acquisition (A) or a small acquisition (L) adds
    shares; a sale (S), a disposition to the issuer (D), shares delivered or withheld (F) or
    tendered (U) take them away. In Table I, where a row is the shares themselves, the opposite
    box is not unusual but impossible: the code or the box is wrong. EDGAR accepts it (a real
    filing has a sale marked A), so a filing of record is only warned.
    """
    yield from _direction_against_code(
        rule,
        document,
        "nonDerivativeTable",
        "Correct the code or the acquired/disposed box (column 4).",
    )


@rule(
    "direction-unusual",
    "warning",
    "Forms 4 and 5: Table II columns 4 and 5; spec v5.5 §3.6.10 (transaction code meanings)",
)
def direction_unusual(rule: Rule, document: Document) -> Iterator[Problem]:
    """In Table II, acquired or disposed agrees with the transaction code (a sale S: disposed).

    In Table II a position can be written rather than held (an option written is an obligation
    to sell or to buy, and filers report it either way), so the opposite box is only unusual
    there; Table I has its own rule (``direction-impossible``).
    """
    yield from _direction_against_code(
        rule,
        document,
        "derivativeTable",
        "Check the code and the acquired/disposed box; for an option written (an obligation), "
        "a footnote saying so helps the reader.",
    )


# --- transaction codes and form types (Forms 4 and 5 Instruction 8; Rule 16a-3(f), (g)) --------

#: Where a J row's description may be attached: the code itself or the transaction's own
#: columns (date, deemed date, amounts, price, acquired/disposed), not the ownership columns
#: that a fund or joint filing footnotes on every row.
_J_DESCRIBED_ON = (
    "transactionCoding",
    "transactionTimeliness",
    "transactionDate",
    "deemedExecutionDate",
    "transactionAmounts",
)


def _has_footnote_in(element: etree._Element | None) -> bool:
    """Does ``element`` or anything inside it refer to a footnote?"""
    return element is not None and next(element.iter("footnoteId"), None) is not None


@rule(
    "code-j-undescribed",
    "error",
    "Forms 4 and 5: General Instruction 8 (code J: other acquisition or disposition, "
    "describe transaction)",
    record="warning",
)
def code_j_undescribed(rule: Rule, document: Document) -> Iterator[Problem]:
    """A transaction coded J carries a footnote describing it (on its code or its amounts).

    J is the code for a transaction no other code fits, so the code alone tells the reader
    nothing; Instruction 8 asks for the nature of the transaction in the Explanation of
    Responses. A footnote on the code or on the transaction's own columns describes it; one
    on the ownership columns only (as a fund filing puts on every row) does not.
    """
    for facts in document.transactions:
        if facts.code.upper() != "J":
            continue
        row = facts.element
        if any(_has_footnote_in(child(row, name)) for name in _J_DESCRIBED_ON):
            continue
        yield document.problem(
            rule,
            facts.code_element if facts.code_element is not None else row,
            f"Row {describe(row)} is coded J (other acquisition or disposition) with no "
            "footnote describing it. Add a footnote to the transaction code saying what "
            'happened (e.g. "Distribution in kind by XYZ Fund LP to its partners, without '
            'consideration"), or use the code that fits.',
        )


#: From this day Rule 16a-3(g)(1), as amended by Release 33-11138, puts gifts made on Form 4. The
#: release took effect on 27 February 2023 and its Section 16 changes apply from 1 April 2023 (the
#: date most practitioners cite for gifts): the later date, so that no gift is wrongly refused.
GIFTS_ON_FORM_4 = date(2023, 4, 1)

#: Codes that Rule 16a-3(g)(1) always puts on Form 4, and why (G: a gift made, from
#: GIFTS_ON_FORM_4 on; a gift received may still wait for Form 5).
_FORM_4_ONLY: dict[str, str] = {
    "S": "a sale (S) is never exempt from Section 16(b), and every non-exempt transaction is "
    "reported on Form 4",
    "M": "an exercise or conversion (M) is reported on Form 4, exempt or not",
    "X": "an exercise (X) is reported on Form 4, exempt or not",
    "O": "an exercise (O) is reported on Form 4, exempt or not",
    "C": "a conversion (C) is reported on Form 4, exempt or not",
    "G": "since 2023 a bona fide gift made (G, disposed) is reported on Form 4 within two "
    "business days",
}


@rule(
    "form4-transaction-typed-5",
    "error",
    "Rule 16a-3(g)(1), (g)(5) and (f)(1)(i); Forms 4 and 5: General Instruction 8 (code V); "
    "spec v5.5 §4.3.8.2, §4.3.8.3",
    record="warning",
)
def form4_transaction_typed_5(rule: Rule, document: Document) -> Iterator[Problem]:
    """A sale, an exercise or conversion, or a gift made since 2023 is not typed "5" (Form 5).

    transactionFormType "5" says the transaction could wait for Form 5 (Rule 16a-3(f)); on a
    Form 4 EDGAR then shows the code with V, "voluntarily reported earlier than required". Rule
    16a-3(g)(1) puts every transaction not exempt from Section 16(b) (a sale S), every exercise
    and conversion (M, X, O, C), and since 2023 every bona fide gift made (G, disposed) on Form
    4: none of them is a Form 5 transaction, and on a Form 5 each is a late Form 4 one ("4"). A
    gift received (G, acquired) may still wait for Form 5. Codes A, D, F and I (Rule 16b-3
    transactions) are also Form 4 ones, but filers use A for plan acquisitions exempt under
    other rules, so they are left alone.
    """
    if not document.has_transactions:
        return
    on_form_5 = document.base is FormType.FORM_5
    for facts in document.transactions:
        code = facts.code.upper()
        why = _FORM_4_ONLY.get(code)
        if why is None or facts.form_type != "5":
            continue
        if code == "G" and (
            facts.date is None
            or facts.date < GIFTS_ON_FORM_4
            or text(facts.amount("transactionAcquiredDisposedCode/value")) != "D"
        ):
            continue  # a gift received, or made before gifts moved to Form 4
        row = facts.element
        element = child2(row, "transactionCoding", "transactionFormType")
        fix = (
            'On a Form 5 it is a Form 4 transaction reported late: write "4" (timeliness '
            "empty or L)."
            if on_form_5
            else 'Write "4": typed "5", EDGAR shows it as a Form 5 transaction reported early '
            "(V), which this one cannot be."
        )
        yield document.problem(
            rule,
            element if element is not None else row,
            f'Row {describe(row)} has transaction form type "5" (a transaction that may wait '
            f"for Form 5), but {why} (Rule 16a-3(g)(1)). {fix}",
        )


# --- dates of a row (Rule 16a-3(g)(2)-(4); Table II column "Date Exercisable and Expiration") -----

#: Rule 16a-3(g)(4): a deemed execution date is at most this many business days after the trade.
DEEMED_MAX_BUSINESS_DAYS = 3


def _deemed(facts: Row) -> tuple[etree._Element, date, date] | None:
    """The deemed execution date of a transaction and its trade date, when both are dates."""
    element = facts.deemed_value
    if element is None or facts.date is None:
        return None
    deemed = as_date(text(element))
    return (element, deemed, facts.date) if deemed else None


def _latest_deemed(trade: date) -> date | None:
    """The third business day after ``trade`` (None where the calendar runs out)."""
    from generator.checks import deadlines

    try:
        return deadlines.add_business_days(trade, DEEMED_MAX_BUSINESS_DAYS)
    except (OverflowError, ValueError):
        return None


@rule(
    "deemed-date-impossible",
    "error",
    "Rule 16a-3(g)(2)-(4); Forms 4 and 5: Table I column 2A, Table II column 3A (Deemed "
    "Execution Date)",
    record="warning",
)
def deemed_date_impossible(rule: Rule, document: Document) -> Iterator[Problem]:
    """A deemed execution date is on or after the trade date and at most 3 business days later.

    Rule 16a-3(g)(2) and (3) deem a plan or discretionary transaction executed when the broker
    or plan administrator tells the insider, which cannot be before the trade; (g)(4) caps it at
    the third business day after the trade. The deadline of a Form 4 runs from this date, so a
    wrong one misstates whether the filing was on time.
    """
    for facts in document.transactions:
        found = _deemed(facts)
        if found is None:
            continue
        element, deemed, trade = found
        row = facts.element
        if deemed < trade:
            yield document.problem(
                rule,
                element,
                f"Row {describe(row)} has a deemed execution date {deemed}, before its "
                f"transaction date {trade}; the deemed date is the day the insider was told of "
                "the trade (Rule 16a-3(g)(2), (3)), on or after it. Correct either date, or "
                "leave the deemed date out.",
            )
        elif deemed > trade + timedelta(days=DEEMED_MAX_BUSINESS_DAYS):
            latest = _latest_deemed(trade)
            if latest is not None and deemed > latest:
                yield document.problem(
                    rule,
                    element,
                    f"Row {describe(row)} has a deemed execution date {deemed}, later than "
                    f"{latest}, the third business day after the transaction date {trade}; "
                    "Rule 16a-3(g)(4) deems a later notice given on that third business day. "
                    f"Write {latest} at the latest.",
                )


@rule(
    "deemed-date-without-plan",
    "error",
    "Rule 16a-3(g)(2), (3); Forms 4 and 5: Rule 10b5-1(c) check box and Table I column 2A, "
    "Table II column 3A",
    since="X0407",  # the 10b5-1 box came with X0407
    record="warning",
)
def deemed_date_without_plan(rule: Rule, document: Document) -> Iterator[Problem]:
    """A deemed execution date other than the trade date needs a 10b5-1 plan or code I.

    Rule 16a-3(g)(2) gives a deemed execution date only to a transaction under a plan meeting
    Rule 10b5-1(c), and (g)(3) only to a discretionary transaction (code I). When the filing's
    own 10b5-1 box says no transaction was made under such a plan, a deemed date on another
    code contradicts it (and would move the Form 4's deadline without right).
    """
    box = child(document.root, "aff10b5One")
    if box is None or is_true(box) or not text(box):
        return
    for facts in document.transactions:
        found = _deemed(facts)
        if found is None or facts.code.upper() == "I":
            continue
        element, deemed, trade = found
        if deemed == trade:
            continue
        yield document.problem(
            rule,
            element,
            f"Row {describe(facts.element)} has a deemed execution date {deemed} (the "
            f"transaction date is {trade}), but the Rule 10b5-1(c) box says no transaction "
            "here was made under such a plan, and the code is not I (discretionary). Only "
            "those transactions have a deemed date (Rule 16a-3(g)(2), (3)): remove it, or tick "
            "the box if the trade was made under a 10b5-1 plan.",
        )


@rule(
    "expiration-before-exercisable",
    "error",
    "Forms 3, 4 and 5: Table II, Date Exercisable and Expiration Date (spec v5.5 Appendices "
    "B-D: exerciseDate, expirationDate)",
    record="warning",
)
def expiration_before_exercisable(rule: Rule, document: Document) -> Iterator[Problem]:
    """A derivative security does not expire before the date it becomes exercisable."""
    for facts in document.rows:
        if facts.table != "derivativeTable":
            continue
        row = facts.element
        exercisable = as_date(value(child(row, "exerciseDate")))
        expiration_element = child2(row, "expirationDate", "value")
        expires = as_date(text(expiration_element))
        if exercisable is None or expires is None or expires >= exercisable:
            continue
        assert expiration_element is not None
        yield document.problem(
            rule,
            expiration_element,
            f"Row {describe(row)} expires on {expires}, before it becomes exercisable on "
            f"{exercisable}; a right that ends before it begins cannot be exercised. Check "
            "both dates (Date Exercisable and Expiration Date); if one is not known, give a "
            "footnote instead of a date.",
        )


# --- option titles (Forms 3, 4 and 5: General Instruction 4(c), Table II column 1) --------------

_OPTION = re.compile(r"\boptions?\b", re.IGNORECASE)
_RIGHT_OR_OBLIGATION = re.compile(r"\b(buy|sell|purchase|call|put)", re.IGNORECASE)


@rule(
    "option-right-unstated",
    "warning",
    "Forms 3, 4 and 5: General Instruction 4(c) (an option states whether it is a right to "
    "buy, a right to sell, an obligation to buy or an obligation to sell)",
)
def option_right_unstated(rule: Rule, document: Document) -> Iterator[Problem]:
    """An option in Table II says whether it is a right or obligation to buy or to sell.

    A heuristic: it looks for the word "option" in the title of a Table II security, and then
    for "buy", "sell", "purchase", "call" or "put" in the title or in a footnote on it.
    """
    notes = None
    for facts in document.rows:
        if facts.table != "derivativeTable" or not _OPTION.search(facts.title):
            continue
        if _RIGHT_OR_OBLIGATION.search(facts.title):
            continue
        title = child(facts.element, "securityTitle")
        if notes is None:
            notes = {f.get("id"): all_text(f) for f in document.footnotes}
        refs = findall(title, "footnoteId") if title is not None else []
        if any(_RIGHT_OR_OBLIGATION.search(notes.get(ref.get("id"), "")) for ref in refs):
            continue
        yield document.problem(
            rule,
            title if title is not None else facts.element,
            f"Row {describe(facts.element)} is an option whose title does not say whether it "
            "is a right to buy, a right to sell, an obligation to buy or an obligation to sell; "
            'the forms ask for it (e.g. "Stock Option (right to buy)"). sec16 looked for those '
            "words in the title and in a footnote on it.",
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


#: A footnote citing Rule 16a-2 marks a transaction made before the issuer's registration under
#: Section 12 and reported on the first Form 4 after it (Rule 16a-2(a)).
_RULE_16A_2 = re.compile(r"16a\s*-\s*2\b", re.IGNORECASE)


def _before_registration(document: Document) -> set[str]:
    """The ids of the footnotes that cite Rule 16a-2 (pre-registration transactions)."""
    return {
        str(footnote.get("id"))
        for footnote in document.footnotes
        if _RULE_16A_2.search(all_text(footnote))
    }


def _earliest_required(document: Document) -> tuple[date, bool] | None:
    """The date box 3 of a Form 4 must show, and whether it is that of a "4" transaction.

    Box 3 is the earliest transaction *required* to be reported: a "5" transaction reported
    early (a gift before 2023, say) does not count, nor one made before the issuer registered
    and reported under Rule 16a-2(a), which a footnote citing that rule explains; when the form
    reports nothing else, the earliest of all is taken.
    """
    fours = [
        (day, row) for row in document.transactions if row.form_type == "4" and (day := row.date)
    ]
    if fours and any(day != fours[0][0] for day, _ in fours):
        notes = _before_registration(document)  # only when the dates differ: rarely read
        if notes:
            fours = [
                (day, row)
                for day, row in fours
                if not notes & {str(ref.get("id")) for ref in row.element.iter("footnoteId")}
            ]
    if fours:
        return min(day for day, _ in fours), True
    others = [day for row in document.transactions if (day := row.date)]
    return (min(others), False) if others else None


@rule(
    "period-after-earliest-transaction",
    "error",
    "Form 4 box 3, Date of Earliest Transaction (spec v5.5 Appendix C: periodOfReport)",
    record="warning",
)
def period_after_earliest_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 4 the period of report is not after a "4" transaction the form reports.

    Box 3 is the date of the earliest transaction required to be reported; a "4" transaction
    dated before it contradicts the box, unless a footnote on it cites Rule 16a-2 (a
    transaction before the issuer's registration, reported on its first Form 4). (A period
    before every transaction is only unusual: ``period-not-earliest-transaction``.)
    """
    if document.base is not FormType.FORM_4:
        return
    element, period = document.period_element, document.period
    found = _earliest_required(document)
    if element is None or period is None or found is None:
        return
    earliest, required = found
    if not required or period <= earliest:
        return
    yield document.problem(
        rule,
        element,
        f"The period of report is {period}, but the form reports a transaction of {earliest}; "
        'on a Form 4 the period is box 3, "Date of Earliest Transaction", so it cannot be '
        f"later than a transaction reported. Write {earliest}.",
    )


@rule(
    "period-not-earliest-transaction",
    "warning",
    "Form 4 box 3, Date of Earliest Transaction Required to be Reported (spec v5.5 Appendix C)",
)
def period_not_earliest_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 4 the period of report is the date of the earliest "4" transaction, not before.

    A period before every transaction reported is possible (an amendment that drops the
    earliest row keeps the original's period), so this is a warning; a period after a "4"
    transaction is ``period-after-earliest-transaction``.
    """
    if document.base is not FormType.FORM_4:
        return
    element, period = document.period_element, document.period
    found = _earliest_required(document)
    if element is None or period is None or found is None:
        return
    earliest, required = found
    if period == earliest or (required and period > earliest):
        return
    yield document.problem(
        rule,
        element,
        f"The period of report is {period}, but the earliest transaction required to be "
        f'reported is on {earliest}; on a Form 4 it is box 3, "Date of Earliest '
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
    "transaction-after-fiscal-year",
    "error",
    "Form 5 box 3, Statement for Issuer's Fiscal Year Ended (spec v5.5 Appendix D); "
    "Rule 16a-3(f)(1)",
    record="warning",
)
def transaction_after_fiscal_year(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 5 no transaction is dated after the fiscal year that ends on the period.

    A Form 5 reports the fiscal year that ended on its period of report, and the transactions
    of earlier years not reported in time (Rule 16a-3(f)(1)); a transaction of the following
    year belongs on a Form 4 or on next year's Form 5.
    """
    if document.base is not FormType.FORM_5:
        return
    period = document.period
    if period is None:
        return
    for facts in document.transactions:
        day, element = facts.date, facts.date_value
        if element is None or day is None or day <= period:
            continue
        yield document.problem(
            rule,
            element,
            f"Row {describe(facts.element)} is dated {day}, after {period}, the end of the "
            "fiscal year this Form 5 reports (its period of report). Check the date and the "
            "period of report; a transaction of the next fiscal year goes on a Form 4 or on "
            "that year's Form 5.",
        )


@rule(
    "transaction-outside-fiscal-year",
    "warning",
    "Form 5 box 3 (spec v5.5 Appendix D); Rule 16a-3(f)",
)
def transaction_outside_fiscal_year(rule: Rule, document: Document) -> Iterator[Problem]:
    """On a Form 5 a "5" transaction on time falls in the fiscal year that ends on the period.

    A transaction of an earlier year is one not reported in time, which the form types as late
    ("4", or timeliness L); the year's start is known only to about a week (52-53-week fiscal
    years), so this is a warning. A date after the year is ``transaction-after-fiscal-year``.
    """
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
        if element is None or day is None or start < day or day > period:
            continue
        if facts.form_type == "4" or facts.timeliness == "L":
            continue  # a late transaction may be of an earlier year (Rule 16a-3(f)(1)(iii))
        yield document.problem(
            rule,
            element,
            f"Row {describe(row)} is dated before the fiscal year that ended on {period} (the "
            "period of report of this Form 5). Check the date and the period of report; a "
            "transaction of an earlier year not reported in time is a late one (transaction "
            'form type "4", or timeliness L).',
        )
