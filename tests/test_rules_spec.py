"""The specification's rules (v5.5 §3, §4, §5): each new or changed rule fires, alone, on a real
filing mutated from the spec's own words, and is silent on the filing; and the catalogue of the
spec's statements names only checks that exist, and every rule.

The mutations are written from the text of the specification (the cm notes of §3.3, the
lengths of §3.5, §4.1, §4.3.8, the table of §5), not from what the samples happen to hold. A
case runs ``sec16 validate --format json`` on the prepared sample and on the broken one: the
rule is absent from the first, and the only rule whose findings the mutation adds (any rule
finding more on the broken file than on the clean one) is the rule under test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from test_rules import (
    F4,
    _as_submission,
    _found,
    _nothing,
    _remove,
    _sample,
    _set,
    _sub,
    _write,
    run_json,
)

from generator.checks.rules import OTHER_CHECKS, RULES, STATEMENTS
from generator.checks.rules.owners import STATE_TERRITORY_MAX_LENGTH

Change = Callable[[etree._Element], None]

X0609 = "mvis_20260608"  # Form 4 of June 2026, schemaVersion X0609: a U.S. address with its flag
ADDRESS = "reportingOwner/reportingOwnerAddress"
FLAG = f"{ADDRESS}/rptOwnerNonUSAddressFlag"
ROW1 = "nonDerivativeTable/nonDerivativeTransaction"
ROW2 = "derivativeTable/derivativeTransaction"

#: The rules this file covers (test_rules.test_every_rule_has_a_case counts them).
COVERED = {
    "transaction-coding-missing",
    "mandatory-value-blank",
    "xml-version",
    "single-line-document",
    "country-missing",
    "state-missing",
    "state-territory-too-long",
    "footnote-too-long",
}


# --- mutations, from the spec's text --------------------------------------------------------------


def _no_coding(path: str, index: int = 0) -> Change:
    """§4.3.8.2: "The <transactionFormType> is mandatory": leave the whole coding out."""

    def change(root: etree._Element) -> None:
        row = root.findall(path)[index]
        row.remove(row.find("transactionCoding"))

    return change


def _blank(path: str, spaces: str = "   ") -> Change:
    """§5 "Mandatory element has no value": a mandatory text of white space only."""
    return _set(path, spaces)


def _flag(spelling: str) -> Change:
    return _set(FLAG, spelling)


def _state(text: str) -> Change:
    return _set(f"{ADDRESS}/rptOwnerState", text)


def _add_country(code: str) -> Change:
    def change(root: etree._Element) -> None:
        country = etree.Element("rptOwnerCountry")
        country.text = code
        root.find(f"{ADDRESS}/rptOwnerState").addnext(country)

    return change


def _territory(length: int) -> Change:
    """§3.5: rptOwnerNonUSStateTerritory, max length 30 (after the city, in schema order)."""

    def change(root: etree._Element) -> None:
        element = etree.Element("rptOwnerNonUSStateTerritory")
        element.text = ("Région Île-de-France " * 3)[:length]
        root.find(f"{ADDRESS}/rptOwnerCity").addnext(element)

    return change


def _footnote_text(text: str, index: int = 0) -> Change:
    def change(root: etree._Element) -> None:
        root.findall("footnotes/footnote")[index].text = text

    return change


def _one_line(root: etree._Element) -> None:
    """§4.1 (3): the whole document on one line (the white space between tags removed)."""
    for element in root.iter():
        if element.tail is not None and not element.tail.strip():
            element.tail = None
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None


def _version(version: str) -> Callable[[bytes], bytes]:
    """§4.1 (4): an XML declaration with another version than 1.0."""

    def change(data: bytes) -> bytes:
        assert data.startswith(b"<?xml version='1.0'")
        return data.replace(b"<?xml version='1.0'", f"<?xml version='{version}'".encode(), 1)

    return change


def _x0609_address(root: etree._Element) -> None:
    """The sample's U.S. address as X0609 writes it: the non-U.S. flag first, false."""
    flag = etree.Element("rptOwnerNonUSAddressFlag")
    flag.text = "false"
    root.find(ADDRESS).insert(0, flag)


def _both(*changes: Change) -> Change:
    def change(root: etree._Element) -> None:
        for one in changes:
            one(root)

    return change


def _current_version(root: etree._Element) -> None:
    """The X0508 sample declared as X0609, so that a record is held to the X0609 rules."""
    root.find("schemaVersion").text = "X0609"


# --- the cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    rule: str
    sample: str
    mutate: Change
    prepare: Change = _nothing
    profile: str = "record"
    extra: list[str] = field(default_factory=list)  # words the message must contain
    raw: Callable[[bytes], bytes] | None = None  # a change of the written bytes
    count: int = 1  # how many findings


CASES = [
    Case(
        "coding-missing-table1",
        "transaction-coding-missing",
        F4,
        _no_coding(ROW1, 2),
        extra=["Table I", "'Common Stock' on 2025-10-02", "suspends"],
    ),
    Case(
        "coding-missing-table2",
        "transaction-coding-missing",
        F4,
        _no_coding(ROW2),
        extra=["Table II", "Restricted Stock Unit"],
    ),
    Case(
        "coding-missing-submission",
        "transaction-coding-missing",
        X0609,
        _no_coding(ROW1),
        prepare=_as_submission,
        profile="submission",
    ),
    Case(
        "blank-security-title",
        "mandatory-value-blank",
        F4,
        _blank(f"{ROW1}/securityTitle/value"),
        prepare=_as_submission,
        profile="submission",
        extra=["<securityTitle>", "title of the security"],
    ),
    Case(
        "blank-security-title-record",
        "mandatory-value-blank",
        F4,
        _blank(f"{ROW1}/securityTitle/value", "\n  "),
    ),
    Case(
        "blank-underlying-title",
        "mandatory-value-blank",
        F4,
        _blank(f"{ROW2}/underlyingSecurity/underlyingSecurityTitle/value"),
        extra=["<underlyingSecurityTitle>"],
    ),
    Case(
        "blank-trading-symbol",
        "mandatory-value-blank",
        F4,
        _blank("issuer/issuerTradingSymbol", " "),
        extra=["<issuerTradingSymbol>", "trading symbol"],
    ),
    Case(
        "blank-signature-name",
        "mandatory-value-blank",
        F4,
        _blank("ownerSignature/signatureName"),
        extra=["<signatureName>"],
    ),
    Case(
        "xml-version-1.1",
        "xml-version",
        F4,
        _nothing,
        raw=_version("1.1"),
        extra=['version="1.1"', 'version="1.0"'],
    ),
    Case(
        "single-line",
        "single-line-document",
        F4,
        _one_line,
        prepare=_as_submission,
        profile="submission",
        extra=["one line"],
    ),
    Case(
        "country-missing",
        "country-missing",
        X0609,
        _flag("true"),
        extra=["0001865433", "rptOwnerCountry"],
    ),
    Case(
        "country-missing-1",
        "country-missing",
        X0609,
        _both(_flag("1"), _remove(f"{ADDRESS}/rptOwnerState")),
    ),
    Case(
        "country-blank",
        "country-missing",
        X0609,
        _both(_flag("true"), _add_country("  ")),
    ),
    Case(
        "country-missing-submission",
        "country-missing",
        F4,
        _flag("true"),
        prepare=_both(_as_submission, _x0609_address),
        profile="submission",
    ),
    Case(
        "state-missing",
        "state-missing",
        X0609,
        _remove(f"{ADDRESS}/rptOwnerState"),
        extra=["0001865433", "rptOwnerState"],
    ),
    Case(
        "state-blank-0",
        "state-missing",
        X0609,
        _both(_flag("0"), _state(" ")),
    ),
    Case(
        "state-missing-with-country",
        "state-missing",
        X0609,
        _both(_state(""), _add_country("X0")),
        extra=["set the flag to true"],
    ),
    Case(
        "territory-too-long",
        "state-territory-too-long",
        X0609,
        _territory(STATE_TERRITORY_MAX_LENGTH + 1),
        extra=["31 characters", "30"],
    ),
    Case(
        "footnote-too-long",
        "footnote-too-long",
        F4,
        _footnote_text("x" * 1001),
        extra=["1001 characters", "at most 1000", "suspends"],
    ),
    Case(
        "footnote-too-long-submission",
        "footnote-too-long",
        X0609,
        _footnote_text("y" * 1500, index=3),
        prepare=_as_submission,
        profile="submission",
    ),
    Case(
        "footnote-too-long-by-its-spaces",
        "footnote-too-long",
        F4,
        _footnote_text("\n            " + "z" * 990 + "\n        "),
        extra=["1012 characters", "22 of them the spaces and line breaks"],
    ),
]


def _report(capsys: pytest.CaptureFixture[str], path: Path, profile: str) -> tuple[int, dict]:
    code, [report] = run_json(capsys, "--profile", profile, str(path))
    return code, report


def _rules(report: dict) -> Counter[str]:
    return Counter(p["rule"] for p in report["problems"])


def _write_case(tmp_path: Path, case: Case, *, broken: bool) -> Path:
    changes = (case.prepare, case.mutate) if broken else (case.prepare,)
    name = "broken.xml" if broken else "clean.xml"
    path = _write(tmp_path, _sample(case.sample), *changes, name=name)
    if broken and case.raw is not None:
        path.write_bytes(case.raw(path.read_bytes()))
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_fires_alone_on_a_broken_sample_and_not_on_the_sample(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    rule = next(r for r in RULES if r.id == case.rule)
    severity = rule.severity_for("record" if case.profile == "record" else "submission")
    clean = _write_case(tmp_path, case, broken=False)
    broken = _write_case(tmp_path, case, broken=True)

    clean_code, clean_report = _report(capsys, clean, case.profile)
    assert not _found(clean_report, case.rule), clean_report["problems"]

    code, report = _report(capsys, broken, case.profile)
    found = _found(report, case.rule)
    assert len(found) == case.count, report["problems"]
    added = _rules(report) - _rules(clean_report)
    assert set(added) == {case.rule}, report["problems"]  # this rule alone, not the schema
    assert all(p["severity"] == severity for p in found)
    assert all(p["line"] for p in found)
    assert all(p["location"] for p in found if case.rule != "xml-version")
    for word in case.extra:
        assert any(word in p["message"] for p in found), (word, found)
    if severity == "error":
        assert code == 1 and not report["valid"]
    else:
        assert code == clean_code


def test_every_new_or_changed_rule_has_a_case():
    assert {case.rule for case in CASES} == COVERED


def test_severities_follow_the_consequence():
    """What EDGAR suspends is an error in every profile; the others as their docstrings say."""
    expected = {
        "transaction-coding-missing": ("error", "error"),
        "mandatory-value-blank": ("error", "warning"),
        "xml-version": ("error", "error"),
        "single-line-document": ("warning", "warning"),
        "country-missing": ("error", "error"),
        "state-missing": ("error", "error"),
        "state-territory-too-long": ("warning", "warning"),
        "footnote-too-long": ("error", "error"),
    }
    found = {
        r.id: (r.severity_for("submission"), r.severity_for("record"))
        for r in RULES
        if r.id in expected
    }
    assert found == expected
    since = {r.id: r.since for r in RULES if r.id in expected and r.since}
    assert since == {
        "country-missing": "X0609",
        "state-missing": "X0609",
        "state-territory-too-long": "X0609",
    }


# --- the edges of each rule -----------------------------------------------------------------------


def test_a_coding_without_its_code_is_the_schemas_to_report(tmp_path, capsys):
    """Inside <transactionCoding> the schema requires each element: no double report."""
    path = _write(tmp_path, _sample(F4), _remove(f"{ROW1}/transactionCoding/transactionCode"))
    code, report = _report(capsys, path, "record")
    assert code == 1 and _found(report, "xsd")
    assert not _found(report, "transaction-coding-missing")


def test_an_empty_value_is_the_schemas_not_the_blank_rule(tmp_path, capsys):
    """An empty security title breaks the schema's minLength: reported once, by the schema."""
    path = _write(tmp_path, _sample(F4), _set(f"{ROW1}/securityTitle/value", ""))
    _, report = _report(capsys, path, "record")
    assert _found(report, "xsd")
    assert not _found(report, "mandatory-value-blank")


@pytest.mark.parametrize(
    ("spelling", "rule"), [("1", "country-missing"), ("true", "country-missing")]
)
def test_the_flag_is_read_in_either_spelling_true(spelling, rule, tmp_path, capsys):
    path = _write(tmp_path, _sample(X0609), _flag(spelling))
    _, report = _report(capsys, path, "record")
    assert _found(report, rule)


@pytest.mark.parametrize("spelling", ["0", "false"])
def test_the_flag_is_read_in_either_spelling_false(spelling, tmp_path, capsys):
    path = _write(tmp_path, _sample(X0609), _flag(spelling), _state(""))
    _, report = _report(capsys, path, "record")
    assert _found(report, "state-missing")
    assert not _found(report, "country-missing")


def test_a_non_us_address_with_its_country_is_silent(tmp_path, capsys):
    def abroad(root: etree._Element) -> None:
        _flag("true")(root)
        _remove(f"{ADDRESS}/rptOwnerState")(root)
        address = root.find(ADDRESS)
        address.find("rptOwnerZipCode").addprevious(_sub(address, "rptOwnerCountry", "X0"))

    path = _write(tmp_path, _sample(X0609), abroad)
    code, report = _report(capsys, path, "record")
    assert code == 0, report["problems"]
    assert not {"country-missing", "state-missing"} & set(_rules(report))


def test_an_address_without_the_flag_is_not_held_to_cm9_or_cm10(tmp_path, capsys):
    path = _write(tmp_path, _sample(X0609), _remove(FLAG), _state(""))
    _, report = _report(capsys, path, "record")
    assert not {"country-missing", "state-missing"} & set(_rules(report))


def test_records_before_x0609_are_not_held_to_the_address_rules(tmp_path, capsys):
    """The flag came with X0609: an X0508 record carrying it is judged by X0508's rules."""
    path = _write(tmp_path, _sample(F4), _x0609_address, _flag("true"))
    _, report = _report(capsys, path, "record")
    assert not _found(report, "country-missing")
    path = _write(tmp_path, _sample(F4), _x0609_address, _flag("true"), _current_version)
    _, report = _report(capsys, path, "record")
    assert _found(report, "country-missing")


def test_a_territory_of_30_characters_is_silent(tmp_path, capsys):
    path = _write(tmp_path, _sample(X0609), _territory(STATE_TERRITORY_MAX_LENGTH))
    _, report = _report(capsys, path, "record")
    assert not _found(report, "state-territory-too-long")


def test_a_footnote_of_1000_characters_is_silent(tmp_path, capsys):
    path = _write(tmp_path, _sample(F4), _footnote_text("x" * 1000))
    _, report = _report(capsys, path, "record")
    assert not _found(report, "footnote-too-long")


def test_an_escaped_character_counts_as_one(tmp_path, capsys):
    """``&amp;`` is five characters in the file and one in the footnote EDGAR stores."""
    path = _write(tmp_path, _sample(F4), _footnote_text("R&D " * 250))
    assert path.read_text().count("R&amp;D") == 250
    _, report = _report(capsys, path, "record")
    assert not _found(report, "footnote-too-long")


def test_a_record_on_one_line_is_not_warned_about(tmp_path, capsys):
    path = _write(tmp_path, _sample(F4), _one_line)
    _, report = _report(capsys, path, "record")
    assert not _found(report, "single-line-document")


def test_no_declaration_is_xml_1_0(tmp_path, capsys):
    path = _write(tmp_path, _sample(F4))
    data = path.read_bytes()
    path.write_bytes(data[data.index(b"?>") + 2 :].lstrip())
    code, report = _report(capsys, path, "record")
    assert code == 0 and not _found(report, "xml-version"), report["problems"]


# --- the catalogue of the specification's statements ----------------------------------------------

KNOWN_CHECKS = (
    {r.id for r in RULES}
    | {check[0] for check in OTHER_CHECKS}
    | {"xsd", "not-ownership-xml", "draft"}
)


def test_every_statement_names_only_known_checks():
    unknown = [
        (item.source, check)
        for item in STATEMENTS
        for check in item.checks
        if check not in KNOWN_CHECKS
    ]
    assert unknown == []


def test_every_statement_has_checks_or_a_reason():
    for item in STATEMENTS:
        assert bool(item.checks) != bool(item.reason), item
        assert item.source and item.text.endswith((".", ")")), item
        assert "the schema enforces it" not in item.reason, item  # then the check is xsd


def test_the_spec_is_catalogued_section_by_section():
    """§3.1 to §3.6.10, §4.1 to §4.3.8.3 and §5 each have statements."""
    sources = " ".join(item.source for item in STATEMENTS if item.source.startswith("spec"))
    sections = [
        *("§3.1", "§3.2", "§3.3", "§3.4", "§3.5"),
        *(f"§3.6.{n}" for n in range(1, 11)),
        *("§4.1", "§4.2 ", "§4.2.1", "§4.2.1.1", "§4.2.1.2", "§4.3", "§4.3.1", "§4.3.2"),
        *("§4.3.3", "§4.3.4", "§4.3.5", "§4.3.6", "§4.3.7", "§4.3.8", "§4.3.8.1"),
        *("§4.3.8.2", "§4.3.8.3", "§5"),
        *(f"cm({n})" for n in range(1, 11)),
    ]
    assert [s for s in sections if s not in sources] == []


def test_every_rule_is_in_a_statement():
    """Every registered rule enforces at least one statement of the spec or of the forms
    (the forms' statements are catalogued in statements_forms.py)."""
    stated = {check for item in STATEMENTS for check in item.checks}
    assert sorted(r.id for r in RULES if r.id not in stated) == []
