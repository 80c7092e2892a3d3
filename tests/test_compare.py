"""``sec16 compare``: strict about what EDGAR's stylesheets would show differently.

Each test changes one thing in a copy of a real filing (shared/samples/real) and checks that
exactly that one difference is reported, in a sentence that names the place, and that a CCC is
never printed. What the stylesheets make equal (whitespace around a text, ``1``/``true``, a
date's time-zone suffix) is no difference.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED
from lxml import etree

from generator.cli import main
from generator.compare import _shown, compare, differences

REAL = SHARED / "samples" / "real"
STYLESHEETS = SHARED / "sec" / "ownership-spec-v5.5" / "stylesheets"
FIVE_OWNERS = REAL / "3" / "aimt_20181231_c89d71b4.xml"  # 5 owners, each an empty rptOwnerStreet2
EIGHT_ROWS = REAL / "4" / "abcl_20201215_d2835ae0.xml"  # 8 Table I transactions, footnotes
TRUE_FALSE = REAL / "3" / "hcaru_20201222_08054732.xml"  # yes/no answers spelled true/false
SHARES = "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts/transactionShares/value"
CCC_ONE, CCC_TWO = "X9#y8$zQ", "A1@b2*cD"


def parsed(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def changed(path: Path, change: Callable[[etree._Element], object]) -> etree._Element:
    """A copy of a sample with one change made to it."""
    root = parsed(path)
    change(root)
    return root


def setter(xpath: str, text: str | None) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        root.xpath(xpath)[0].text = text

    return change


def remove(xpath: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        element = root.xpath(xpath)[0]
        element.getparent().remove(element)

    return change


def with_ccc(value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        cik = root.find("reportingOwner/reportingOwnerId/rptOwnerCik")
        ccc = etree.Element("rptOwnerCcc")
        ccc.text = value
        cik.addnext(ccc)

    return change


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_real_sample_is_the_same_as_itself(sample: Path):
    result = compare(parsed(sample), parsed(sample))
    assert result.differences == []
    assert result.notes == []


@pytest.mark.parametrize(("was", "now"), [("17500.00", "17500"), (".49", "0.49"), ("0.00", "0")])
def test_a_number_spelled_differently_but_shown_alike_is_no_difference(was: str, now: str):
    original = changed(EIGHT_ROWS, setter(SHARES, was))
    rebuilt = changed(EIGHT_ROWS, setter(SHARES, now))
    assert differences(original, rebuilt) == []


def test_a_number_edgar_would_show_differently_says_how():
    original = changed(EIGHT_ROWS, setter(SHARES, "223.2"))
    rebuilt = changed(EIGHT_ROWS, setter(SHARES, "223.20"))
    [found] = differences(original, rebuilt)
    assert found.endswith("223.2 is written 223.20 in the rebuilt: EDGAR shows 223.20 and 223.2")


def test_a_different_number_is_a_difference():
    [found] = differences(parsed(EIGHT_ROWS), changed(EIGHT_ROWS, setter(SHARES, "3811261")))
    assert found.endswith('transactionShares/value: the original has "3811260", the rebuilt has '
                          '"3811261"')  # fmt: skip


@pytest.mark.parametrize(
    "number",
    ["17500.00", "17500", "223.2", "0.00", "17500.", "1.23456", "1.00005", "-5.5", ".5", "0012",
     "12345.6789", "2.50", "1000000", "-0.00001", "999999.99999"],
)  # fmt: skip
def test_edgar_display_of_a_number_is_what_the_sec_stylesheet_shows(number: str):
    """The message's "EDGAR shows" is the 4_X09 ``value`` template's own output (libxslt)."""
    wrapper = etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:import href="{(STYLESHEETS / "4_X09.xsl").as_uri()}"/>'
        '<xsl:output method="text"/>'
        '<xsl:template match="/"><xsl:apply-templates select="//value"/></xsl:template>'
        "</xsl:stylesheet>"
    )
    shown = str(etree.XSLT(wrapper)(etree.XML(f"<r><value>{number}</value></r>"))).strip()
    assert _shown("value", number) == (shown or "nothing")


def test_an_empty_element_dropped_is_one_difference():
    street = "reportingOwner[1]/reportingOwnerAddress/rptOwnerStreet2"
    assert differences(parsed(FIVE_OWNERS), changed(FIVE_OWNERS, remove(street))) == [
        "/ownershipDocument/reportingOwner[1]/reportingOwnerAddress/rptOwnerStreet2: "
        "the original has an empty <rptOwnerStreet2>, the rebuilt has none"
    ]


def test_an_empty_element_added_is_one_difference():
    description = "reportingOwner[1]/reportingOwnerAddress/rptOwnerStateDescription"
    assert differences(changed(FIVE_OWNERS, remove(description)), parsed(FIVE_OWNERS)) == [
        "/ownershipDocument/reportingOwner[1]/reportingOwnerAddress/rptOwnerStateDescription: "
        "the rebuilt has an empty <rptOwnerStateDescription>, the original has none"
    ]


def test_an_empty_text_filled_is_a_difference():
    street = "reportingOwner[2]/reportingOwnerAddress/rptOwnerStreet2"
    [found] = differences(parsed(FIVE_OWNERS), changed(FIVE_OWNERS, setter(street, "SUITE 5")))
    assert found == (
        "/ownershipDocument/reportingOwner[2]/reportingOwnerAddress/rptOwnerStreet2: "
        'the original has it empty, the rebuilt has "SUITE 5"'
    )


def test_a_changed_schema_version_is_one_difference():
    rebuilt = changed(FIVE_OWNERS, setter("schemaVersion", "X0609"))
    assert differences(parsed(FIVE_OWNERS), rebuilt) == [
        '/ownershipDocument/schemaVersion: the original has "X0206", the rebuilt has "X0609"'
    ]


def test_a_row_dropped_in_the_middle_is_one_difference_not_a_cascade():
    row = changed(EIGHT_ROWS, remove("nonDerivativeTable/nonDerivativeTransaction[3]"))
    assert differences(parsed(EIGHT_ROWS), row) == [
        "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[3]: the original has "
        "<nonDerivativeTransaction> with 8 elements, the rebuilt has none"
    ]


def test_a_footnote_id_changed_is_one_difference():
    def renumber(root: etree._Element) -> None:
        root.xpath("//footnoteId")[0].set("id", "F9")

    [found] = differences(parsed(EIGHT_ROWS), changed(EIGHT_ROWS, renumber))
    assert found.endswith(': the original has id="F2", the rebuilt has id="F9"')


def test_a_long_text_is_quoted_around_its_difference():
    def reword(root: etree._Element) -> None:
        footnote = root.find("footnotes/footnote")
        footnote.text = "A" * 200 + "changed" + "B" * 200

    original = changed(EIGHT_ROWS, setter("footnotes/footnote", "A" * 407))
    [found] = differences(original, changed(EIGHT_ROWS, reword))
    assert found.endswith(
        f'footnote[1]: the original has "…{"A" * 60}…", the rebuilt has "…{"A" * 30}changed'
        f'{"B" * 23}…"'
    )


def test_whitespace_around_a_text_is_no_difference():
    ticker = "issuer/issuerTradingSymbol"
    padded = changed(
        EIGHT_ROWS, lambda root: setter(ticker, f"\n  {root.findtext(ticker)}  ")(root)
    )
    assert differences(parsed(EIGHT_ROWS), padded) == []


def test_a_no_break_space_is_a_difference():
    """The stylesheet collapses XML whitespace only: a no-break space shows."""
    ticker = "issuer/issuerTradingSymbol"
    padded = changed(EIGHT_ROWS, lambda root: setter(ticker, f"{root.findtext(ticker)}\xa0")(root))
    assert len(differences(parsed(EIGHT_ROWS), padded)) == 1


def test_true_and_1_are_the_same_answer_and_said_in_a_note():
    director = "reportingOwner/reportingOwnerRelationship/isDirector"
    assert parsed(TRUE_FALSE).findtext(director) == "true"

    def digits(root: etree._Element) -> None:
        for element in root.iter("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
            element.text = {"true": "1", "false": "0"}[element.text.strip()]

    result = compare(parsed(TRUE_FALSE), changed(TRUE_FALSE, digits))
    assert result.differences == []
    assert result.notes == [
        "the original writes yes/no answers as true/false, the rebuilt as 1/0: "
        "the same answers, not counted as a difference"
    ]
    [found] = differences(parsed(TRUE_FALSE), changed(TRUE_FALSE, setter(director, "0")))
    assert found.endswith('isDirector: the original has "true", the rebuilt has "0"')


def test_a_date_with_a_time_zone_is_the_plain_date():
    period = "periodOfReport"
    zoned = changed(
        FIVE_OWNERS, lambda root: setter(period, root.findtext(period) + "-05:00")(root)
    )
    assert differences(parsed(FIVE_OWNERS), zoned) == []


def test_a_ccc_is_never_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    one, two = tmp_path / "one.xml", tmp_path / "two.xml"
    changed(EIGHT_ROWS, with_ccc(CCC_ONE)).getroottree().write(str(one))
    changed(EIGHT_ROWS, with_ccc(CCC_TWO)).getroottree().write(str(two))
    assert main(["compare", str(one), str(two)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "/ownershipDocument/reportingOwner/reportingOwnerId/rptOwnerCcc: "
        "the original has (a CCC), the rebuilt has a different one"
    )
    assert len(out.splitlines()) == 2  # the difference and the verdict
    assert main(["compare", str(one), str(EIGHT_ROWS)]) == 1
    out += capsys.readouterr().out
    assert "the original has <rptOwnerCcc> (a CCC), the rebuilt has none" in out
    assert CCC_ONE not in out
    assert CCC_TWO not in out


def test_a_ccc_emptied_is_not_printed():
    [found] = differences(changed(EIGHT_ROWS, with_ccc(CCC_ONE)), changed(EIGHT_ROWS, with_ccc("")))
    assert found.endswith("rptOwnerCcc: the original has (a CCC), the rebuilt has it empty")


def test_compare_command_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """stdout: one line per difference, then the verdict; notes on stderr; exit 1 or 0."""
    copy = tmp_path / "copy.xml"
    changed(TRUE_FALSE, setter("issuer/issuerTradingSymbol", "ZZZZ")).getroottree().write(str(copy))
    assert main(["compare", str(TRUE_FALSE), str(copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].endswith(
        'issuerTradingSymbol: the original has "HCARU", the rebuilt has "ZZZZ"'
    )
    assert lines[1] == f"{TRUE_FALSE} vs {copy}: different"

    def digits(root: etree._Element) -> None:
        for element in root.iter("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
            element.text = {"true": "1", "false": "0"}[element.text.strip()]

    changed(TRUE_FALSE, digits).getroottree().write(str(copy))
    assert main(["compare", str(TRUE_FALSE), str(copy)]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"{TRUE_FALSE} vs {copy}: the same information\n"
    assert captured.err.startswith(f"{TRUE_FALSE}: note: the original writes yes/no answers")


def test_every_real_sample_is_the_same_as_its_record_rebuild(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """``import`` + ``build --profile record`` reproduces the original as EDGAR would show it."""
    drafts, records = tmp_path / "drafts", tmp_path / "records"
    assert main(["import", *map(str, SAMPLES), "-o", str(drafts)]) == 0
    built = sorted(drafts.glob("*.yaml"))
    main(["build", "--profile", "record", *map(str, built), "-o", str(records)])  # errors: below
    capsys.readouterr()
    not_built = sorted(p.name for p in SAMPLES if not (records / p.name).exists())
    different = {
        p.name: found
        for p in SAMPLES
        if (records / p.name).exists()
        and (found := differences(parsed(p), parsed(records / p.name)))
    }
    assert (not_built, different) == ([], {})
