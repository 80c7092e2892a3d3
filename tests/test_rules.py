"""Every business rule fires on a real filing mutated to break it, and is silent on the filing.

Each case takes an officially valid sample (``conftest.officially_valid_samples()``), optionally
prepares it (``prepare``: applied to both versions, e.g. to make it a clean submission for the
rules that only apply to submissions), breaks it (``mutate``) and runs ``sec16 validate --format
json``: the rule is absent from the prepared sample's report and present in the broken one's,
with exit status 1 for an error. Deadlines, ``--as-of`` and ``--previous`` have their own tests
below.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import officially_valid_samples
from lxml import etree

from generator.checks import deadlines
from generator.checks.rules import RULES
from generator.cli import main

Change = Callable[[etree._Element], None]


def _sample(name: str) -> Path:
    for path in officially_valid_samples():
        if path.name.startswith(name):
            return path
    raise AssertionError(f"no officially valid sample {name}")


def _write(tmp_path: Path, sample: Path, *changes: Change, name: str | None = None) -> Path:
    tree = etree.parse(str(sample))
    for change in changes:
        change(tree.getroot())
    out = tmp_path / (name or sample.name)
    tree.write(str(out), xml_declaration=True, encoding="utf-8")
    return out


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _found(report: dict, rule: str) -> list[dict]:
    return [p for p in report["problems"] if p["rule"] == rule]


# --- mutations ------------------------------------------------------------------------------------


def _nothing(root: etree._Element) -> None:
    pass


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, tag)
    child.text = text
    return child


def _relationship(**boxes: str) -> Change:
    """Rewrite the first owner's relationship in schema order (officerTitle/otherText too)."""

    def change(root: etree._Element) -> None:
        rel = root.find("reportingOwner/reportingOwnerRelationship")
        for child in list(rel):
            rel.remove(child)
        for name in ("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
            _sub(rel, name, boxes.get(name, "0"))
        for name in ("officerTitle", "otherText"):
            if name in boxes:
                _sub(rel, name, boxes[name])

    return change


def _duplicate_owner(root: etree._Element) -> None:
    owner = root.find("reportingOwner")
    twin = copy.deepcopy(owner)
    cik = twin.find("reportingOwnerId/rptOwnerCik")
    cik.text = str(int(cik.text))  # the same CIK without its leading zeros
    owner.addnext(twin)


def _first(tag: str) -> Callable[[etree._Element], etree._Element]:
    return lambda root: next(root.iter(tag))


def _row(root: etree._Element, index: int = 0) -> etree._Element:
    return root.findall("nonDerivativeTable/nonDerivativeTransaction")[index]


def _nature_on_direct(root: etree._Element) -> None:
    nature = _row(root).find("ownershipNature")
    _sub(_sub(nature, "natureOfOwnership"), "value", "By Trust")


def _indirect_without_nature(root: etree._Element) -> None:
    _row(root).find("ownershipNature/directOrIndirectOwnership/value").text = "I"


def _no_underlying_amount(root: etree._Element) -> None:
    underlying = root.find("derivativeTable/derivativeTransaction/underlyingSecurity")
    for name in ("underlyingSecurityShares", "underlyingSecurityValue"):
        for found in underlying.findall(name):
            underlying.remove(found)


def _no_tables(root: etree._Element) -> None:
    for name in ("nonDerivativeTable", "derivativeTable"):
        for table in root.findall(name):
            root.remove(table)


def _holdings_only(root: etree._Element) -> None:
    for table in root.findall("nonDerivativeTable") + root.findall("derivativeTable"):
        for row in table.findall("*"):
            if row.tag.endswith("Transaction"):
                table.remove(row)


def _rows(count: int) -> Change:
    def change(root: etree._Element) -> None:
        table = root.find("nonDerivativeTable")
        while len(table) < count:
            table.append(copy.deepcopy(table[-1]))

    return change


def _owners(count: int) -> Change:
    def change(root: etree._Element) -> None:
        owners = root.findall("reportingOwner")
        last = owners[-1]
        for number in range(len(owners), count):
            twin = copy.deepcopy(last)
            twin.find("reportingOwnerId/rptOwnerCik").text = str(9_000_000 + number)
            last.addnext(twin)
            last = twin

    return change


def _signatures(count: int) -> Change:
    def change(root: etree._Element) -> None:
        signatures = root.findall("ownerSignature")
        while len(signatures) < count:
            twin = copy.deepcopy(signatures[-1])
            signatures[-1].addnext(twin)
            signatures.append(twin)

    return change


def _footnotes(count: int) -> Change:
    def change(root: etree._Element) -> None:
        footnotes = root.find("footnotes")
        number = len(footnotes)
        while len(footnotes) < count:
            number += 1
            _sub(footnotes, "footnote", f"Extra footnote {number}.").set("id", f"F{number}")

    return change


def _long_footnote(root: etree._Element) -> None:
    root.find("footnotes/footnote").text = "x" * 1001


def _timeliness(value: str) -> Change:
    def change(root: etree._Element) -> None:
        coding = _row(root).find("transactionCoding")
        timeliness = etree.Element("transactionTimeliness")
        _sub(timeliness, "value", value)
        coding.addnext(timeliness)

    return change


def _set(path: str, value: str, index: int = 0) -> Change:
    def change(root: etree._Element) -> None:
        root.findall(path)[index].text = value

    return change


def _remove(path: str) -> Change:
    def change(root: etree._Element) -> None:
        for found in root.findall(path):
            found.getparent().remove(found)

    return change


def _unexplained(root: etree._Element) -> None:
    """An amendment left with no row, no footnote and no remarks."""
    for tag in ("nonDerivativeTable", "derivativeTable", "footnotes", "remarks"):
        for element in root.findall(tag):
            root.remove(element)
    for ref in list(root.iter("footnoteId")):
        parent = ref.getparent()
        assert parent is not None
        parent.remove(ref)


def _as_form5(root: etree._Element) -> None:
    """A Form 4 relabelled as a Form 5 for the fiscal year 2025 (valid under the 5 schema)."""
    root.find("documentType").text = "5"
    root.find("periodOfReport").text = "2025-12-31"


def _stylesheet(root: etree._Element) -> None:
    root.addprevious(etree.ProcessingInstruction("xml-stylesheet", 'type="text/xsl" href="f4.xsl"'))


def _namespaced(root: etree._Element) -> None:
    root.find("issuer").append(etree.Element("{urn:example:other}note"))


def _obsolete_country(root: etree._Element) -> None:
    address = root.find("reportingOwner/reportingOwnerAddress")
    state = address.find("rptOwnerState")
    country = etree.Element("rptOwnerCountry")
    country.text = "U2"  # SOVIET UNION
    state.addnext(country)
    address.remove(state)
    flag = etree.Element("rptOwnerNonUSAddressFlag")
    flag.text = "1"
    address.insert(0, flag)


SUPPLIED = (
    "schemaVersion",
    "issuer/issuerName",
    "reportingOwner/reportingOwnerId/rptOwnerName",
    "noSecuritiesOwned",
    "form3HoldingsReported",
    "form4TransactionsReported",
    "reportingOwner/reportingOwnerAddress/rptOwnerStateDescription",
    "reportingOwner/reportingOwnerAddress/rptOwnerGoodAddress",
)


def _as_submission(root: etree._Element) -> None:
    """What a filer sends: no EDGAR-supplied element, and a CCC for each owner."""
    for path in SUPPLIED:
        _remove(path)(root)
    for owner in root.iterfind("reportingOwner/reportingOwnerId"):
        ccc = etree.Element("rptOwnerCcc")
        ccc.text = "a1b2c3#$"
        owner.find("rptOwnerCik").addnext(ccc)


def _issuer_name(root: etree._Element) -> None:
    name = etree.Element("issuerName")
    name.text = "APPLE INC."
    root.find("issuer/issuerCik").addnext(name)


def _price_zero(index: int) -> Change:
    def change(root: etree._Element) -> None:
        price = _row(root, index).find("transactionAmounts/transactionPricePerShare")
        for child in list(price):
            price.remove(child)
        _sub(price, "value", "0")

    return change


def _early_five(root: etree._Element) -> None:
    """A "5" transaction (on time on a Form 5) dated in the fiscal year before."""
    _row(root).find("transactionDate/value").text = "2024-06-28"
    _row(root).find("transactionCoding/transactionFormType").text = "5"


def _unreferenced(root: etree._Element) -> None:
    _sub(root.find("footnotes"), "footnote", "Nobody refers to me.").set("id", "F98")


def _dangling(root: etree._Element) -> None:
    _sub(next(root.iter("securityTitle")), "footnoteId").set("id", "F77")


def _twice(root: etree._Element) -> None:
    ref = next(root.iter("footnoteId"))
    ref.addnext(etree.Element("footnoteId", id=ref.get("id")))


def _duplicate_footnote(root: etree._Element) -> None:
    first = root.find("footnotes/footnote")
    first.addnext(copy.deepcopy(first))


# --- the cases ------------------------------------------------------------------------------------

F4 = "aapl_20251001"  # Form 4: six Table I transactions, one Table II, 10b5-1 box with its date
F4_PLAIN = "amd_20240115"  # Form 4 without a 10b5-1 plan
F4_HOLDINGS = "afrm_20230403"  # Form 4: one sale and three indirect holdings
F4A = "lrcx_20241104"  # Form 4/A
F3_MANY = "nrix_20200723"  # Form 3 with ten reporting owners
RECORD = ("--profile", "record")


@dataclass
class Case:
    id: str
    rule: str
    sample: str
    mutate: Change
    prepare: Change = _nothing
    args: tuple[str, ...] = RECORD
    extra: list[str] = field(default_factory=list)  # words the message must contain


CASES = [
    Case("footnote-undefined", "footnote-undefined", F4, _dangling, extra=["F77"]),
    Case("footnote-unreferenced", "footnote-unreferenced", F4, _unreferenced, extra=["F98"]),
    Case("footnote-referenced-twice", "footnote-referenced-twice", F4, _twice),
    Case("footnote-duplicate-id", "footnote-duplicate-id", F4, _duplicate_footnote),
    Case(
        "ccc-missing",
        "ccc-missing",
        F4,
        _remove("reportingOwner/reportingOwnerId/rptOwnerCcc"),
        prepare=_as_submission,
        args=(),
    ),
    Case("too-many-footnotes", "too-many-footnotes", F4, _footnotes(100), extra=["100"]),
    Case("footnote-too-long", "footnote-too-long", F4, _long_footnote, extra=["1001", "1000"]),
    Case("relationship-none", "relationship-none", F4, _relationship()),
    Case(
        "officer-title-missing",
        "officer-title-missing",
        F4,
        _relationship(isOfficer="1"),
        extra=["officer title"],
    ),
    Case("other-text-missing", "other-text-missing", F4_PLAIN, _relationship(isOther="1")),
    Case("duplicate-owner-cik", "duplicate-owner-cik", F4, _duplicate_owner, extra=["1462356"]),
    Case("processing-instruction", "processing-instruction", F4, _stylesheet),
    Case("element-namespace", "element-namespace", F4, _namespaced, extra=["urn:example:other"]),
    Case("too-many-rows", "too-many-rows", F4, _rows(31), extra=["31"]),
    Case("too-many-owners", "too-many-owners", F3_MANY, _owners(11), extra=["11"]),
    Case("too-many-signatures", "too-many-signatures", F4, _signatures(11), extra=["11"]),
    Case("no-transaction", "no-transaction", F4, _no_tables),
    Case(
        "holdings-without-transaction",
        "holdings-without-transaction",
        F4_HOLDINGS,
        _holdings_only,
    ),
    Case(
        "original-date-missing", "original-date-missing", F4A, _remove("dateOfOriginalSubmission")
    ),
    Case(
        "original-date-future",
        "original-date-future",
        F4A,
        _set("dateOfOriginalSubmission", "2099-01-02"),
    ),
    Case("amendment-unexplained", "amendment-unexplained", F4A, _unexplained),
    Case(
        "original-date-before-period",
        "original-date-before-period",
        F4A,
        _set("dateOfOriginalSubmission", "2024-10-01"),
        extra=["2024-10-01", "2024-11-04"],
    ),
    Case(
        "edgar-supplied-element",
        "edgar-supplied-element",
        F4,
        _issuer_name,
        prepare=_as_submission,
        args=(),
        extra=["issuerName"],
    ),
    Case(
        "obsolete-country",
        "obsolete-country",
        F4,
        _obsolete_country,
        prepare=_as_submission,
        args=(),
        extra=["U2"],
    ),
    Case(
        "date-in-future",
        "date-in-future",
        F4,
        _set("ownerSignature/signatureDate", "2099-12-31"),
        extra=["signatureDate", "2099-12-31"],
    ),
    Case(
        "aff10b5-unanswered",
        "aff10b5-unanswered",
        F4_PLAIN,
        _remove("aff10b5One"),
        prepare=_as_submission,
        args=(),
        extra=["rule_10b5_1_plan", "does not guess"],
    ),
    Case(
        "aff10b5-adoption-date",
        "aff10b5-adoption-date",
        F4_PLAIN,
        _set("aff10b5One", "1"),
        extra=["adopted"],
    ),
    Case("nature-with-direct", "nature-with-direct", F4, _nature_on_direct, extra=["By Trust"]),
    Case(
        "nature-missing-for-indirect", "nature-missing-for-indirect", F4, _indirect_without_nature
    ),
    Case("underlying-amount", "underlying-amount", F4, _no_underlying_amount, extra=["neither"]),
    Case("timeliness-invalid", "timeliness-invalid", F4, _timeliness("L"), extra=["'L'"]),
    Case(
        "timeliness-invalid-form5",
        "timeliness-invalid",
        F4,
        _timeliness("E"),
        prepare=_as_form5,
        extra=["'E'", "Form 5"],
    ),
    Case(
        "derived-code",
        "derived-code",
        F4,
        _set("nonDerivativeTable/nonDerivativeTransaction/transactionCoding/transactionCode", "V"),
        extra=["equitySwapInvolved"],
    ),
    Case(
        "direction-impossible",
        "direction-impossible",
        F4,
        _set(
            "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts/"
            "transactionAcquiredDisposedCode/value",
            "A",
            index=2,
        ),
        extra=["code S", "transaction coded S is disposed"],
    ),
    Case("price-missing", "price-missing", F4, _price_zero(2), extra=["sale", "price of 0"]),
    Case(
        "period-not-earliest-transaction",
        "period-not-earliest-transaction",
        F4,
        _set("periodOfReport", "2025-09-30"),
        extra=["2025-09-30", "2025-10-01"],
    ),
    Case(
        "transaction-outside-fiscal-year",
        "transaction-outside-fiscal-year",
        F4,
        _early_five,
        prepare=_as_form5,
        extra=["2025-12-31", "before the fiscal year"],
    ),
    Case(
        "holdings-arithmetic",
        "holdings-arithmetic",
        F4,
        _set(
            "nonDerivativeTable/nonDerivativeTransaction/postTransactionAmounts/"
            "sharesOwnedFollowingTransaction/value",
            "222784",
            index=2,
        ),
        extra=["222,784", "expected 222,783", "226,283"],
    ),
]

#: Rules with their own tests below (they need --as-of or --previous).
TESTED_SEPARATELY = {"filing-late", "holdings-continuity"}


def test_every_rule_has_a_case():
    from test_rules_forms import COVERED as FORMS  # the forms' rules: tests/test_rules_forms.py
    from test_rules_plan import COVERED as PLAN  # a 10b5-1 plan's dates: tests/test_rules_plan.py
    from test_rules_spec import COVERED as SPEC  # the spec's new rules: tests/test_rules_spec.py

    covered = {case.rule for case in CASES} | TESTED_SEPARATELY | FORMS | SPEC | PLAN
    assert {r.id for r in RULES} == covered


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fires_on_a_broken_sample_and_not_on_the_sample(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    profile = "record" if "record" in case.args else "submission"
    severity = next(r.severity_for(profile) for r in RULES if r.id == case.rule)
    sample = _sample(case.sample)
    clean = _write(tmp_path, sample, case.prepare, name="clean.xml")
    broken = _write(tmp_path, sample, case.prepare, case.mutate, name="broken.xml")

    code, [report] = run_json(capsys, *case.args, str(clean))
    assert not _found(report, case.rule), report["problems"]
    if severity == "error":
        assert code == 0, report["problems"]

    code, [report] = run_json(capsys, *case.args, str(broken))
    found = _found(report, case.rule)
    assert found, report["problems"]
    assert all(p["severity"] == severity for p in found)
    assert all(p["location"] and p["line"] for p in found)
    for word in case.extra:
        assert any(word in p["message"] for p in found), (word, found)
    if severity == "error":
        assert code == 1 and not report["valid"]


def test_supplied_elements_of_a_record_warn_once_each_in_a_submission(capsys):
    sample = _sample(F4)
    _, [report] = run_json(capsys, str(sample))
    found = _found(report, "edgar-supplied-element")
    tags = sorted(p["location"].rsplit("/", 1)[1] for p in found)
    assert tags == ["issuerName", "rptOwnerName", "schemaVersion"]
    _, [report] = run_json(capsys, "--profile", "record", str(sample))
    assert not _found(report, "edgar-supplied-element")


def test_obsolete_country_is_allowed_in_a_record(tmp_path, capsys):
    broken = _write(tmp_path, _sample(F4), _obsolete_country)
    _, [report] = run_json(capsys, "--profile", "record", str(broken))
    assert not _found(report, "obsolete-country")


def test_owner_ciks_differing_only_in_leading_zeros_are_the_same_owner(tmp_path, capsys):
    def distinct(root: etree._Element) -> None:
        _duplicate_owner(root)
        root.findall("reportingOwner/reportingOwnerId/rptOwnerCik")[1].text = "1462357"

    path = _write(tmp_path, _sample(F4), distinct)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert not _found(report, "duplicate-owner-cik")


def test_a_five_transaction_on_a_form4_may_be_marked_early(tmp_path, capsys):
    def early(root: etree._Element) -> None:
        _row(root).find("transactionCoding/transactionFormType").text = "5"
        _timeliness("E")(root)

    path = _write(tmp_path, _sample(F4), early)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert not _found(report, "timeliness-invalid")


def test_a_late_transaction_on_a_form5_may_be_of_an_earlier_year(tmp_path, capsys):
    late = _set("nonDerivativeTable/nonDerivativeTransaction/transactionDate/value", "2023-03-01")
    path = _write(tmp_path, _sample(F4), _as_form5, late)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert not _found(report, "transaction-outside-fiscal-year")  # a "4" transaction: late


def test_form5_figures_are_year_end_holdings_not_running_totals(tmp_path, capsys):
    same = "nonDerivativeTable/nonDerivativeTransaction/postTransactionAmounts/"
    same += "sharesOwnedFollowingTransaction/value"

    def year_end(root: etree._Element) -> None:
        for element in root.findall(same):
            element.text = "179158"

    path = _write(tmp_path, _sample(F4), _as_form5, year_end)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert not _found(report, "holdings-arithmetic")
    path = _write(tmp_path, _sample(F4), year_end)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert _found(report, "holdings-arithmetic")


def test_a_footnote_on_the_figure_silences_the_arithmetic(tmp_path, capsys):
    def explained(root: etree._Element) -> None:
        figure = _row(root, 5).find("postTransactionAmounts/sharesOwnedFollowingTransaction")
        figure.find("value").text = "179159"  # the last row of the security
        _sub(figure, "footnoteId").set("id", "F1")

    path = _write(tmp_path, _sample(F4), explained)
    _, [report] = run_json(capsys, *RECORD, str(path))
    assert not _found(report, "holdings-arithmetic")


# --- deadlines ------------------------------------------------------------------------------------


def test_business_days_skip_weekends_holidays_and_closures():
    assert deadlines.form4_due(date(2025, 7, 3)) == date(2025, 7, 8)  # July 4th, a weekend
    assert deadlines.form4_due(date(2025, 1, 7)) == date(2025, 1, 10)  # Carter mourning day
    assert deadlines.form4_due(date(2025, 10, 3)) == date(2025, 10, 7)
    assert deadlines.form3_due(date(2025, 11, 17)) == date(2025, 11, 28)  # 27th: Thanksgiving
    assert deadlines.form5_due(date(2025, 12, 31)) == date(2026, 2, 17)  # Sat, then Presidents
    assert deadlines.is_business_day(date(2015, 12, 24))  # a half-day closing is a business day


def test_ten_pm_eastern_moves_the_filing_to_the_next_business_day():
    eastern = deadlines.eastern()
    assert deadlines.filing_date(datetime(2025, 10, 3, 22, 0, tzinfo=eastern)) == date(2025, 10, 3)
    assert deadlines.filing_date(datetime(2025, 10, 3, 22, 1, tzinfo=eastern)) == date(2025, 10, 6)
    assert deadlines.filing_date(date(2025, 10, 4)) == date(2025, 10, 6)  # a Saturday
    utc = deadlines.parse_as_of("2025-10-04T02:30+00:00")  # 22:30 on the 3rd in New York
    assert deadlines.filing_date(utc) == date(2025, 10, 6)
    assert deadlines.filing_date(deadlines.parse_as_of("2025-10-03T21:30")) == date(2025, 10, 3)


def _late(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> list[dict]:
    code, [report] = run_json(capsys, *args, str(path))
    assert code == 0
    return _found(report, "filing-late")


def test_form4_is_due_two_business_days_after_the_earliest_transaction(capsys):
    sample = _sample(F4)  # transactions on Wednesday 2025-10-01 and Thursday 2025-10-02
    assert not _late(capsys, sample, "--as-of", "2025-10-03")
    assert not _late(capsys, sample, "--as-of", "2025-10-03T21:59")
    [late] = _late(capsys, sample, "--as-of", "2025-10-03T22:30")
    assert "10/03/2025" in late["message"] and "10/06/2025" in late["message"]
    assert late["severity"] == "warning" and late["line"]
    [late] = _late(capsys, sample, "--as-of", "2025-10-06")
    assert "due on 10/03/2025" in late["message"] and "1 business day" in late["message"]
    assert not _late(capsys, sample, "--as-of", "2025-10-06", "--profile", "record")


def test_a_deemed_execution_date_moves_the_form4_deadline(tmp_path, capsys):
    def deemed(root: etree._Element) -> None:
        for row in root.iter("nonDerivativeTransaction", "derivativeTransaction"):
            element = etree.Element("deemedExecutionDate")
            _sub(element, "value", "2025-10-02")
            row.find("transactionDate").addnext(element)

    path = _write(tmp_path, _sample(F4), deemed)
    assert not _late(capsys, path, "--as-of", "2025-10-06")
    assert _late(capsys, path, "--as-of", "2025-10-07")


def test_form3_is_due_ten_days_after_the_event(capsys):
    sample = _sample("agd_20201006")
    assert not _late(capsys, sample, "--as-of", "2020-10-16")
    [late] = _late(capsys, sample, "--as-of", "2020-10-19")
    assert "10/16/2020" in late["message"]


def test_form5_is_due_45_days_after_the_fiscal_year(tmp_path, capsys):
    path = _write(tmp_path, _sample(F4), _as_form5)
    assert not _late(capsys, path, "--as-of", "2026-02-17")
    [late] = _late(capsys, path, "--as-of", "2026-02-18")
    assert "02/17/2026" in late["message"]


def test_an_amendment_has_no_deadline(capsys):
    assert not _late(capsys, _sample(F4A), "--as-of", "2026-01-01")


def test_as_of_moves_today_for_the_date_rules(capsys):
    code, [report] = run_json(capsys, *RECORD, "--as-of", "2025-09-30", str(_sample(F4)))
    assert code == 0
    dates = {p["message"].split(">")[0] for p in _found(report, "date-in-future")}
    assert dates == {"<periodOfReport", "<transactionDate", "<signatureDate"}


def test_bad_as_of_is_a_usage_error(capsys):
    assert main(["validate", "--as-of", "next tuesday", str(_sample(F4))]) == 2
    assert "--as-of" in capsys.readouterr().err


# --- against the previous filing ------------------------------------------------------------------


def _previous(tmp_path: Path, figure: str) -> Path:
    """The owner's filing before aapl_20251001: one September row leaving ``figure`` shares."""

    def shrink(root: etree._Element) -> None:
        _remove("derivativeTable")(root)
        table = root.find("nonDerivativeTable")
        for row in table.findall("nonDerivativeTransaction")[1:]:
            table.remove(row)
        root.find("periodOfReport").text = "2025-09-02"
        _row(root).find("transactionDate/value").text = "2025-09-02"
        _row(root).find(
            "postTransactionAmounts/sharesOwnedFollowingTransaction/value"
        ).text = figure

    return _write(tmp_path, _sample(F4), shrink, name=f"previous-{figure}.xml")


def test_first_row_continues_from_the_previous_filing(tmp_path, capsys):
    sample = str(_sample(F4))  # first row: acquires 92,403 and leaves 271,561
    good = _previous(tmp_path, "179158")
    _, [report] = run_json(capsys, *RECORD, "--previous", str(good), sample)
    assert not _found(report, "holdings-continuity")

    bad = _previous(tmp_path, "179000")
    _, [report] = run_json(capsys, *RECORD, "--previous", str(bad), sample)
    [problem] = _found(report, "holdings-continuity")
    assert problem["severity"] == "warning"
    for word in ("179,000", "271,561", "expected 271,403", bad.name):
        assert word in problem["message"]


def test_previous_filing_of_another_owner_is_not_compared(capsys):
    other = str(_sample("aapl_20250808"))  # Apple too, another officer
    _, [report] = run_json(capsys, *RECORD, "--previous", other, str(_sample(F4)))
    [problem] = _found(report, "holdings-continuity")
    assert "not compared" in problem["message"]


def test_previous_must_exist(tmp_path, capsys):
    assert main(["validate", "--previous", str(tmp_path / "nope.xml"), str(_sample(F4))]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_every_officially_valid_sample_has_no_rule_error_as_record(capsys):
    files = [str(p) for p in officially_valid_samples()]
    code, reports = run_json(capsys, *RECORD, *files)
    errors = [(r["file"], p) for r in reports for p in r["problems"] if p["severity"] == "error"]
    assert errors == [] and code == 0


def test_previous_must_be_an_ownership_document(tmp_path, capsys):
    other = tmp_path / "other.xml"
    other.write_text("<edgarSubmission/>")
    assert main(["validate", "--previous", str(other), str(_sample(F4))]) == 1
    assert "--previous" in capsys.readouterr().err
