"""Checks ``generator.model.codes`` against the SEC's own schemas, read at test time.

The code tables are typed out in ``generator/model/codes.py`` so the package needs no schema at
run time; these tests make sure the typed tables equal the official enumerations.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not necessarily installed in the venv
    sys.path.insert(0, str(ROOT))

from generator.model import codes  # noqa: E402
from generator.model.codes import (  # noqa: E402
    COUNTRIES,
    CURRENT_COUNTRIES,
    LEGACY_FOREIGN_STATE_CODES,
    LEGACY_US_MINOR_ISLANDS,
    OBSOLETE_COUNTRY_CODES,
    TRANSACTION_CODE_DESCRIPTIONS,
    TRANSACTION_CODE_LABELS,
    US_STATES,
    AcquiredDisposed,
    DirectIndirect,
    FormType,
    Timeliness,
    TransactionCode,
    UnknownCodeError,
    country_name,
    legacy_state_to_country,
    match_choices,
    state_name,
)

SHARED = ROOT.parent / "shared" / "sec"
V55_COMMON = SHARED / "ownership-spec-v5.5" / "schemas" / "ownershipDocumentCommon.xsd.xml"
X0306_COMMON = SHARED / "older" / "ownership-X0306-form4" / "ownershipDocumentCommon.xsd.xml"
XS = {"xs": "http://www.w3.org/2001/XMLSchema"}

pytestmark = pytest.mark.skipif(
    not V55_COMMON.is_file() or not X0306_COMMON.is_file(),
    reason="SEC reference schemas not available",
)


def _restriction(path: Path, element: str) -> etree._Element:
    tree = etree.parse(str(path))
    found = tree.xpath(
        f'//xs:element[@name="{element}"]/xs:simpleType/xs:restriction', namespaces=XS
    )
    assert isinstance(found, list) and len(found) == 1
    node = found[0]
    assert isinstance(node, etree._Element)
    return node


def _enumeration(path: Path, element: str) -> list[tuple[str, str, bool]]:
    """(value, name in the comment after it, listed after the "obsolete" comment) per
    non-blank enumeration value of *element*, in schema order."""
    out: list[tuple[str, str, bool]] = []
    obsolete = False
    children = list(_restriction(path, element))
    for index, child in enumerate(children):
        if isinstance(child, etree._Comment):
            obsolete = obsolete or "obsolete" in str(child.text)
            continue
        value = str(child.get("value"))
        if not value.strip():
            continue
        after = children[index + 1] if index + 1 < len(children) else None
        name = ""
        if isinstance(after, etree._Comment) and "obsolete" not in str(after.text):
            name = str(after.text).strip()
        out.append((value, name, obsolete))
    return out


def test_us_states_equal_schema_enumeration() -> None:
    enum = _enumeration(V55_COMMON, "rptOwnerState")
    assert list(US_STATES) == [value for value, _, _ in enum]
    assert len(US_STATES) == 57
    assert {value: name for value, name, _ in enum} == US_STATES


def test_countries_equal_schema_enumeration() -> None:
    enum = _enumeration(V55_COMMON, "rptOwnerCountry")
    assert list(COUNTRIES) == [value for value, _, _ in enum]
    assert len(COUNTRIES) == 274
    assert {value: name for value, name, _ in enum} == COUNTRIES


def test_obsolete_countries_are_those_after_the_schema_comment() -> None:
    enum = _enumeration(V55_COMMON, "rptOwnerCountry")
    assert {value for value, _, obsolete in enum if obsolete} == OBSOLETE_COUNTRY_CODES
    assert len(OBSOLETE_COUNTRY_CODES) == 22
    assert set(CURRENT_COUNTRIES) == set(COUNTRIES) - OBSOLETE_COUNTRY_CODES
    assert len(CURRENT_COUNTRIES) == 252  # the number spec v5.5 §3.6.2 states


def test_transaction_codes_equal_schema_pattern() -> None:
    found = etree.parse(str(V55_COMMON)).xpath(
        '//xs:simpleType[@name="TRANS_CODE_PICKLIST"]/xs:restriction/xs:pattern/@value',
        namespaces=XS,
    )
    assert isinstance(found, list) and len(found) == 1
    alternatives = str(found[0]).split("|")
    assert [code.value for code in TransactionCode] == alternatives
    assert len(alternatives) == 18
    assert set(TRANSACTION_CODE_LABELS) == set(alternatives)
    assert set(TRANSACTION_CODE_DESCRIPTIONS) == set(alternatives)
    assert not set(codes.DERIVED_CODE_SUFFIXES) & set(alternatives)


def test_every_legacy_foreign_state_code_is_mapped() -> None:
    old = {value for value, _, _ in _enumeration(X0306_COMMON, "rptOwnerState")}
    legacy = old - set(US_STATES)
    assert legacy == set(LEGACY_FOREIGN_STATE_CODES)
    assert "X1" in legacy and "E9" in legacy and "A0" in legacy
    for code, target in LEGACY_FOREIGN_STATE_CODES.items():
        assert target is None or target in CURRENT_COUNTRIES, code
        assert legacy_state_to_country(code) == target
    # Current codes keep their code; only obsolete ones change.
    for code in CURRENT_COUNTRIES:
        assert LEGACY_FOREIGN_STATE_CODES[code] == code
    assert legacy_state_to_country("X0") == "X0"  # United Kingdom
    assert legacy_state_to_country("Z4") == "Z4"  # Canada (federal level)
    assert legacy_state_to_country("I8") == "2M"  # Germany (West) -> Germany
    assert legacy_state_to_country("U2") is None  # Soviet Union: no single successor
    assert set(LEGACY_US_MINOR_ISLANDS) <= OBSOLETE_COUNTRY_CODES
    assert set(LEGACY_US_MINOR_ISLANDS.values()) <= set(US_STATES)


def test_legacy_state_to_country_rejects_non_legacy_codes() -> None:
    with pytest.raises(UnknownCodeError, match="rptOwnerState"):
        legacy_state_to_country("NY")
    with pytest.raises(UnknownCodeError):
        legacy_state_to_country("QQ")


def test_form_type_helpers() -> None:
    assert [f.value for f in FormType] == ["3", "3/A", "4", "4/A", "5", "5/A"]
    assert FormType("4/A").base is FormType.FORM_4
    assert FormType.FORM_5.base is FormType.FORM_5
    assert [f.is_amendment for f in FormType] == [False, True] * 3
    assert [f.has_transactions for f in FormType] == [False, False, True, True, True, True]
    assert FormType.FORM_4A.label == (
        "Form 4/A — amendment of a Statement of Changes in Beneficial Ownership"
    )
    assert FormType.FORM_3.period_of_report_caption == "Date of event requiring statement"
    assert FormType.FORM_4A.period_of_report_caption == "Date of earliest transaction"
    assert FormType.FORM_5.period_of_report_caption == ("Statement for issuer's fiscal year ended")


def test_transaction_code_properties() -> None:
    for code in TransactionCode:
        assert code.label.startswith(f"{code.value} — ")
        assert code.description
    assert TransactionCode.S.label == "S — Open market or private sale"
    assert TransactionCode.P.usual_direction == "A"
    assert TransactionCode.S.usual_direction == "D"
    assert TransactionCode.F.usual_direction is AcquiredDisposed.DISPOSED
    assert TransactionCode.G.usual_direction is None
    assert TransactionCode.M.usual_direction is None


def test_small_enums() -> None:
    assert [v.value for v in AcquiredDisposed] == ["A", "D"]
    assert [v.value for v in DirectIndirect] == ["D", "I"]
    assert [v.value for v in Timeliness] == ["E", "L", ""]
    assert DirectIndirect.INDIRECT.label == "I — Indirect"
    assert Timeliness("").label.startswith("On time")


def test_lookups_and_errors() -> None:
    assert state_name("NY") == "NEW YORK"
    assert country_name("A6") == "ONTARIO, CANADA"
    with pytest.raises(UnknownCodeError, match="rptOwnerCountry"):
        state_name("A6")  # v5.5 moved provinces and countries out of rptOwnerState
    with pytest.raises(UnknownCodeError, match="'NY'"):
        state_name("ny")
    with pytest.raises(UnknownCodeError, match="rptOwnerState"):
        country_name("PR")  # in Appendix H, but not in the schema's country enumeration


def test_match_choices() -> None:
    assert match_choices("ny", US_STATES)[0] == ("NY", "NEW YORK")
    assert match_choices("york", US_STATES) == [("NY", "NEW YORK")]
    assert [code for code, _ in match_choices("new", US_STATES)] == ["NH", "NJ", "NM", "NY"]
    assert match_choices("cayman", CURRENT_COUNTRIES) == [("E9", "CAYMAN ISLANDS")]
    assert match_choices("sale", TRANSACTION_CODE_LABELS) == [
        ("S", "S — Open market or private sale")
    ]
    assert match_choices("  ", {"4": "Form 4"}) == [("4", "Form 4")]
    assert match_choices("zzz", COUNTRIES) == []
