"""The forms' rules (General Instructions, boxes and column headings, Rule 16a-3), at the
severity of their consequence.

Each case takes a real filing EDGAR accepted, breaks it the way the rule's statement says cannot
be (written from the rule, not copied from a filing) and validates both versions in both
profiles: the filing itself is silent, the broken one gains exactly this rule's findings, at
``error`` for a submission (nothing wrong is sent) and ``warning`` for a filing of record (EDGAR
accepted it) when the forms require what EDGAR does not check; heuristics warn in both. The
last tests pin what these rules say about every real filing in ../shared/samples.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import HISTORIES, SAMPLES
from lxml import etree
from test_rules import (
    F4,
    F4_PLAIN,
    F4A,
    Case,
    Change,
    _as_form5,
    _found,
    _previous,
    _row,
    _sample,
    _set,
    _sub,
    _write,
    run_json,
)

from generator.checks.rules import OTHER_CHECKS, RULES
from generator.checks.rules.holdings import rounding
from generator.checks.rules.statements_forms import FORMS_STATEMENTS

#: Rule id -> (severity in a submission, severity in a filing of record).
SEVERITIES = {
    "direction-impossible": ("error", "warning"),
    "direction-unusual": ("warning", "warning"),
    "code-j-undescribed": ("error", "warning"),
    "form4-transaction-typed-5": ("error", "warning"),
    "deemed-date-impossible": ("error", "warning"),
    "deemed-date-without-plan": ("error", "warning"),
    "expiration-before-exercisable": ("error", "warning"),
    "option-right-unstated": ("warning", "warning"),
    "period-after-earliest-transaction": ("error", "warning"),
    "period-not-earliest-transaction": ("warning", "warning"),
    "transaction-after-fiscal-year": ("error", "warning"),
    "transaction-outside-fiscal-year": ("warning", "warning"),
    "original-date-before-period": ("error", "warning"),
    "original-date-after-signature": ("error", "warning"),
    "signature-before-transaction": ("error", "warning"),
    "holdings-arithmetic": ("warning", "warning"),
}

#: The rules this file gives a case (tests/test_rules.py counts them as covered).
COVERED = frozenset(SEVERITIES)

MVIS = "mvis_20260608"  # Form 4: three Table II rows with exercisable and expiration dates

TABLE_I = "nonDerivativeTable/nonDerivativeTransaction"
TABLE_II = "derivativeTable/derivativeTransaction"


# --- mutations, each written from the rule it breaks ----------------------------------------------


def _code(code: str, index: int = 0, table: str = TABLE_I) -> Change:
    return _set(f"{table}/transactionCoding/transactionCode", code, index)


def _form_type(form_type: str, index: int = 0, table: str = TABLE_I) -> Change:
    return _set(f"{table}/transactionCoding/transactionFormType", form_type, index)


def _deemed(day: str, index: int = 0, table: str = TABLE_I) -> Change:
    """Give a transaction a deemed execution date (right after its transaction date)."""

    def change(root: etree._Element) -> None:
        row = root.findall(table)[index]
        for old in row.findall("deemedExecutionDate"):
            row.remove(old)
        deemed = etree.Element("deemedExecutionDate")
        _sub(deemed, "value", day)
        row.find("transactionDate").addnext(deemed)

    return change


def _footnote_on(path: str, text: str, index: int = 0) -> Change:
    """Add a footnote and refer to it from the element at ``path`` (its first match ``index``)."""

    def change(root: etree._Element) -> None:
        footnotes = root.find("footnotes")
        number = len(footnotes) + 1
        _sub(footnotes, "footnote", text).set("id", f"F{number}")
        _sub(root.findall(path)[index], "footnoteId").set("id", f"F{number}")

    return change


def _all(*changes: Change) -> Change:
    def change(root: etree._Element) -> None:
        for one in changes:
            one(root)

    return change


def _figures(*pairs: tuple[int, str]) -> Change:
    """Set the owned-following figure of Table I rows (index, figure)."""
    path = f"{TABLE_I}/postTransactionAmounts/sharesOwnedFollowingTransaction/value"
    return _all(*(_set(path, figure, index) for index, figure in pairs))


def _fractional(after_first_sale: str) -> Change:
    """The common stock of F4 held with 0.4567 of a share more (say, from reinvested
    dividends), written to four decimals and, from the first sale (row 2), to three; row 2 leaves
    ``after_first_sale``. Exact: 271,561.4567 - 45,278 = 226,283.4567 - 3,500 = 222,783.4567."""
    return _figures(
        (0, "271561.4567"),
        (1, "226283.4567"),
        (2, after_first_sale),
        (3, "214683.457"),  # each sale from 222,783.457 on is exact again
        (4, "200709.457"),
        (5, "179158.457"),
    )


CASES = [
    # A code whose words fix the direction, marked the other way (Instruction 8; §3.6.10).
    Case(
        "purchase-marked-disposed",
        "direction-impossible",
        F4,
        _code("P", index=2),  # a sale marked D, now a purchase still marked D
        extra=["code P", "is acquired (A)"],
    ),
    Case(
        "grant-disposed-in-table-ii",
        "direction-unusual",
        F4,
        _code("A", table=TABLE_II),  # a Table II row marked D, now coded A (grant)
        extra=["code A", "is acquired (A)"],
    ),
    # J without a description in the Explanation of Responses (Instruction 8).
    Case(
        "j-without-footnote",
        "code-j-undescribed",
        F4,
        _code("J", index=1),  # its only footnote is on the title
        extra=["coded J", "footnote"],
    ),
    Case(
        "j-with-a-footnote-on-ownership-only",
        "code-j-undescribed",
        F4_PLAIN,
        _all(
            _code("J"),
            _footnote_on(f"{TABLE_I}/ownershipNature/directOrIndirectOwnership", "Held jointly."),
        ),
        extra=["coded J"],
    ),
    # Form 4 transactions typed as Form 5 ones (Rule 16a-3(g)(1)).
    Case(
        "sale-typed-5-on-form4",
        "form4-transaction-typed-5",
        F4,
        _form_type("5", index=3),  # a sale on 2025-10-02, not the earliest transaction
        extra=['"5"', "sale (S)", "V"],
    ),
    Case(
        "sale-typed-5-on-form5",
        "form4-transaction-typed-5",
        F4,
        _form_type("5", index=3),
        prepare=_as_form5,
        extra=["sale (S)", "late"],
    ),
    Case(
        "exercise-typed-5",
        "form4-transaction-typed-5",
        F4,
        _form_type("5", table=TABLE_II),
        extra=["exercise or conversion (M)"],
    ),
    Case(
        "gift-of-2025-typed-5",
        "form4-transaction-typed-5",
        F4,
        _all(_code("G", index=1), _form_type("5", index=1)),  # row 1 is disposed (D)
        extra=["gift made (G, disposed)", "Form 4 within two business days"],
    ),
    # Deemed execution dates (Rule 16a-3(g)(2)-(4)).
    Case(
        "deemed-before-trade",
        "deemed-date-impossible",
        F4,
        _deemed("2025-09-30"),  # the trade is of 2025-10-01
        extra=["2025-09-30", "before its transaction date 2025-10-01"],
    ),
    Case(
        "deemed-after-third-business-day",
        "deemed-date-impossible",
        F4,
        _deemed("2025-10-08", index=3),  # trade Thu 2025-10-02; third business day Tue 10-07
        extra=["2025-10-08", "2025-10-07", "16a-3(g)(4)"],
    ),
    Case(
        "deemed-without-plan",
        "deemed-date-without-plan",
        F4_PLAIN,  # its 10b5-1 box says no plan
        _deemed("2024-01-16"),  # the trade is of Monday 2024-01-15, code M
        extra=["2024-01-16", "Rule 10b5-1(c) box", "not I"],
    ),
    # Table II dates.
    Case(
        "expires-before-exercisable",
        "expiration-before-exercisable",
        MVIS,
        _set(f"{TABLE_II}/expirationDate/value", "2026-06-07"),  # exercisable 2026-06-08
        extra=["expires on 2026-06-07", "exercisable on 2026-06-08"],
    ),
    Case(
        "option-without-right",
        "option-right-unstated",
        F4,
        _set(f"{TABLE_II}/securityTitle/value", "Stock Option"),
        extra=["right to buy", "looked for"],
    ),
    # Period of report (Form 4 box 3; Form 5 box 3).
    Case(
        "period-after-earliest",
        "period-after-earliest-transaction",
        F4,
        _set("periodOfReport", "2025-10-02"),  # the earliest transaction is of 2025-10-01
        extra=["2025-10-02", "2025-10-01", "Date of Earliest Transaction"],
    ),
    Case(
        "period-before-every-transaction",
        "period-not-earliest-transaction",
        F4,
        _set("periodOfReport", "2025-09-30"),
        extra=["2025-09-30", "2025-10-01"],
    ),
    Case(
        "form5-transaction-after-year-end",
        "transaction-after-fiscal-year",
        F4,
        _set("periodOfReport", "2025-10-01"),  # the sales of 2025-10-02 come after it
        prepare=_as_form5,
        extra=["2025-10-02", "after 2025-10-01"],
    ),
    Case(
        "form5-on-time-transaction-of-last-year",
        "transaction-outside-fiscal-year",
        F4,
        _all(_set(f"{TABLE_I}/transactionDate/value", "2024-06-28", 1), _form_type("5", 1)),
        prepare=_as_form5,  # fiscal year 2025; row 1 is code F, which may be a "5" one
        extra=["before the fiscal year", "2025-12-31"],
    ),
    # Amendments and signatures.
    Case(
        "original-filed-before-its-period",
        "original-date-before-period",
        F4A,
        _set("dateOfOriginalSubmission", "2024-10-01"),  # period 2024-11-04
        extra=["2024-10-01", "2024-11-04"],
    ),
    Case(
        "amendment-signed-before-original",
        "original-date-after-signature",
        F4A,
        _set("dateOfOriginalSubmission", "2024-12-11"),  # signed 2024-12-10
        extra=["2024-12-10", "2024-12-11"],
    ),
    Case(
        "signed-before-a-transaction",
        "signature-before-transaction",
        F4,
        _set("ownerSignature/signatureDate", "2025-10-01"),  # sales of 2025-10-02
        extra=["2025-10-01", "2025-10-02"],
    ),
    # Holdings arithmetic with fractional shares: a real discrepancy still shows both figures.
    Case(
        "fractional-holding-off-by-a-share",
        "holdings-arithmetic",
        F4,
        _fractional("222784.457"),  # sells 3,500 from 226,283.4567 and leaves a share too many
        extra=["222,784.457", "expected 222,783.4567", "the row gives 222,784.457", "+1.0003"],
    ),
]


def test_every_forms_rule_has_a_case_and_its_severity():
    assert {case.rule for case in CASES} == COVERED
    registered = {r.id: r for r in RULES}
    for rule_id, (submission, record) in SEVERITIES.items():
        assert registered[rule_id].severity_for("submission") == submission, rule_id
        assert registered[rule_id].severity_for("record") == record, rule_id


def _rules(report: dict) -> set[str]:
    return {p["rule"] for p in report["problems"]}


@pytest.mark.parametrize("profile", ["submission", "record"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fires_alone_on_the_broken_filing_at_its_severity(
    case: Case, profile: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    submission, record = SEVERITIES[case.rule]
    severity = submission if profile == "submission" else record
    sample = _sample(case.sample)
    clean = _write(tmp_path, sample, case.prepare, name="clean.xml")
    broken = _write(tmp_path, sample, case.prepare, case.mutate, name="broken.xml")

    _, [before] = run_json(capsys, "--profile", profile, str(clean))
    assert case.rule not in _rules(before), _found(before, case.rule)

    code, [after] = run_json(capsys, "--profile", profile, str(broken))
    assert _rules(after) - _rules(before) == {case.rule}, after["problems"]
    found = _found(after, case.rule)
    assert all(p["severity"] == severity for p in found), found
    assert all(p["location"] and p["line"] for p in found)
    for word in case.extra:
        assert any(word in p["message"] for p in found), (word, found)
    if severity == "error":
        assert code == 1 and not after["valid"]
    else:
        assert after["valid"] == before["valid"]


# --- what the rules leave alone -------------------------------------------------------------------


def _silent(capsys: pytest.CaptureFixture[str], path: Path, *rules: str) -> None:
    for profile in ("submission", "record"):
        _, [report] = run_json(capsys, "--profile", profile, str(path))
        assert not [p for p in report["problems"] if p["rule"] in rules], report["problems"]


def test_a_j_described_on_its_code_or_amounts_is_silent(tmp_path, capsys):
    on_code = _all(
        _code("J", index=1),
        _footnote_on(f"{TABLE_I}/transactionCoding", "Shares transferred to a trust.", 1),
    )
    _silent(capsys, _write(tmp_path, _sample(F4), on_code), "code-j-undescribed")
    on_price = _code("J")  # row 0 has footnotes on its price
    _silent(capsys, _write(tmp_path, _sample(F4), on_price, name="p.xml"), "code-j-undescribed")


def test_a_deemed_date_within_three_business_days_is_silent(tmp_path, capsys):
    # Thursday 2025-10-02 + 3 business days = Tuesday 2025-10-07 (a weekend in between).
    path = _write(tmp_path, _sample(F4), _deemed("2025-10-07", index=3))
    _silent(capsys, path, "deemed-date-impossible", "deemed-date-without-plan")


def test_a_deemed_date_needs_no_plan_for_a_discretionary_transaction(tmp_path, capsys):
    discretionary = _all(_code("I"), _deemed("2024-01-16"))
    _silent(capsys, _write(tmp_path, _sample(F4_PLAIN), discretionary), "deemed-date-without-plan")
    same_day = _deemed("2024-01-15")  # the trade date again: no deadline moves
    path = _write(tmp_path, _sample(F4_PLAIN), same_day, name="same.xml")
    _silent(capsys, path, "deemed-date-without-plan", "deemed-date-impossible")


def test_an_option_stating_its_right_is_silent(tmp_path, capsys):
    stated = _set(f"{TABLE_II}/securityTitle/value", "Stock Option (right to buy)")
    _silent(capsys, _write(tmp_path, _sample(F4), stated), "option-right-unstated")
    in_footnote = _all(
        _set(f"{TABLE_II}/securityTitle/value", "Stock Option"),
        _footnote_on(f"{TABLE_II}/securityTitle", "Each option is a right to buy one share."),
    )
    path = _write(tmp_path, _sample(F4), in_footnote, name="footnote.xml")
    _silent(capsys, path, "option-right-unstated")


def test_expiring_on_the_day_it_becomes_exercisable_is_silent(capsys):
    _silent(capsys, _sample(MVIS), "expiration-before-exercisable")  # both 2026-06-08


def test_fractional_shares_rounded_as_reported_are_silent(tmp_path, capsys):
    # Sells 3,500 from 226,283.4567, leaving 222,783.4567, written to three decimals as
    # 222,783.457: 0.0003 of rounding. (One whole share off still warns: the case above, and
    # tests/test_rules.py with 222,784 for 222,783.)
    path = _write(tmp_path, _sample(F4), _fractional("222783.457"))
    _silent(capsys, path, "holdings-arithmetic")


def test_rounding_is_half_a_unit_of_each_figure_written_with_decimals():
    from decimal import Decimal

    assert rounding(Decimal("222783"), Decimal("3500"), Decimal("219283")) == 0
    assert rounding(Decimal("1234.567"), Decimal("12"), Decimal("1246.567")) == Decimal("0.001")
    assert rounding(Decimal("1.5"), None, Decimal("2.25")) == Decimal("0.055")


def test_previous_filing_rounded_figures_are_silent(tmp_path, capsys):
    """holdings-continuity compares at the same precision as holdings-arithmetic."""
    sample = _write(tmp_path, _sample(F4), _figures((0, "271561.000")), name="current.xml")
    previous = _previous(tmp_path, "179158.0004")  # + 92,403 = 271,561.0004
    _, [report] = run_json(capsys, "--profile", "record", "--previous", str(previous), str(sample))
    assert not _found(report, "holdings-continuity")
    previous = _previous(tmp_path, "179158.4")  # + 92,403 = 271,561.4: 0.4 off
    _, [report] = run_json(capsys, "--profile", "record", "--previous", str(previous), str(sample))
    [problem] = _found(report, "holdings-continuity")
    assert "expected 271,561.4" in problem["message"] and "-0.4" in problem["message"]


def test_a_gift_received_or_made_before_2023_may_be_typed_5(tmp_path, capsys):
    def gift_of_2022(root: etree._Element) -> None:
        _code("G", index=1)(root)
        _form_type("5", index=1)(root)
        _row(root, 1).find("transactionDate/value").text = "2022-12-30"

    path = _write(tmp_path, _sample(F4), gift_of_2022)
    _, [report] = run_json(capsys, "--profile", "submission", str(path))
    assert not _found(report, "form4-transaction-typed-5")

    received = _all(_code("G"), _form_type("5"))  # row 0 is acquired (A): a gift received
    path = _write(tmp_path, _sample(F4), received, name="received.xml")
    _, [report] = run_json(capsys, "--profile", "submission", str(path))
    assert not _found(report, "form4-transaction-typed-5")


def test_a_form5_sale_typed_4_is_a_late_form4_one_and_silent(tmp_path, capsys):
    path = _write(tmp_path, _sample(F4), _as_form5)  # every row typed "4": late, allowed
    _silent(capsys, path, "form4-transaction-typed-5", "transaction-outside-fiscal-year")


def test_a_form4_period_may_follow_an_early_five_transaction(tmp_path, capsys):
    """Box 3 counts the transactions *required* to be reported: a gift typed "5" of the day
    before the period (reported early, before 2023) does not make the period too late."""

    def early_gift(root: etree._Element) -> None:
        table = root.find("nonDerivativeTable")
        gift = copy.deepcopy(_row(root, 1))
        gift.find("transactionDate/value").text = "2022-12-29"
        gift.find("transactionCoding/transactionCode").text = "G"
        gift.find("transactionCoding/transactionFormType").text = "5"
        table.append(gift)

    path = _write(tmp_path, _sample(F4), early_gift)
    _silent(capsys, path, "period-after-earliest-transaction")


def test_a_transaction_before_registration_may_precede_box_3(tmp_path, capsys):
    """Rule 16a-2(a): a transaction made before the issuer registered is reported on its first
    Form 4, before the period of report (abcl_20201215 does this, with its footnote F11)."""
    earlier = _all(
        _set(f"{TABLE_I}/transactionDate/value", "2025-09-26", 1),
        _footnote_on(
            f"{TABLE_I}/transactionCoding",
            "Made before the issuer's registration under Section 12; reported under Rule 16a-2(a).",
            1,
        ),
    )
    path = _write(tmp_path, _sample(F4), earlier)
    _silent(capsys, path, "period-after-earliest-transaction", "period-not-earliest-transaction")
    without_note = _set(f"{TABLE_I}/transactionDate/value", "2025-09-26", 1)
    path = _write(tmp_path, _sample(F4), without_note, name="plain.xml")
    _, [report] = run_json(capsys, "--profile", "submission", str(path))
    assert _found(report, "period-after-earliest-transaction")
    [abcl] = [p for p in SAMPLES if p.name.startswith("abcl_20201215")]  # a record, X0306
    _, [report] = run_json(capsys, "--profile", "record", str(abcl))
    assert not _found(report, "period-after-earliest-transaction")


# --- the catalogue of the forms' statements -------------------------------------------------------


def test_every_forms_statement_names_known_checks_or_a_reason():
    known = {r.id for r in RULES} | {c[0] for c in OTHER_CHECKS} | {"xsd", "not-ownership-xml"}
    assert len(FORMS_STATEMENTS) >= 50
    for item in FORMS_STATEMENTS:
        assert bool(item.checks) != bool(item.reason), item
        assert set(item.checks) <= known, item


def test_every_forms_rule_enforces_a_statement_of_the_forms():
    enforced = {check for item in FORMS_STATEMENTS for check in item.checks}
    assert not COVERED - enforced


# --- what the rules say about real filings EDGAR accepted ---------------------------------------

#: Every finding of these rules on the real filings and histories, judged as records: warnings
#: only, each explained in docs (see the module of each rule).
EXPECTED_ON_RECORDS = {
    # A sale of 5,494 shares marked A (the holding after it, 3,497, is that of a disposal).
    ("direction-impossible", "lnkd_20130305_8946a62c.xml"),
    ("holdings-arithmetic", "lnkd_20130305_8946a62c.xml"),
    # Conversions of Class B stock (C) typed "5" and marked early on Forms 4.
    ("form4-transaction-typed-5", "lnkd_20120402_79610a89.xml"),
    ("form4-transaction-typed-5", "lnkd_20130102_27710c93.xml"),
    # "Stock Options" without a right to buy or sell, 2019 Form 5.
    ("option-right-unstated", "bcbp_20191231_5dfae113.xml"),
}


def test_real_filings_give_only_the_expected_warnings(capsys):
    files = [str(p) for p in [*SAMPLES, *HISTORIES]]
    _, reports = run_json(capsys, "--profile", "record", *files)
    found = {
        (p["rule"], Path(r["file"]).name, p["severity"])
        for r in reports
        for p in r["problems"]
        if p["rule"] in COVERED
    }
    assert {(rule, name) for rule, name, _ in found} == EXPECTED_ON_RECORDS
    assert {severity for _, _, severity in found} == {"warning"}
