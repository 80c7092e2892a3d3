"""``sec16 compare``: strict about what EDGAR's stylesheets would show differently.

Each test changes one thing in a copy of a real filing (shared/samples/real) and checks that
exactly that one difference is reported, in a sentence that names the place, and that a CCC is
never printed. What the stylesheets make equal (whitespace around a text, ``1``/``true``, a
date's time-zone suffix) is no difference.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, SAMPLES, SHARED
from lxml import etree

from generator.checks.compare import compare, differences
from generator.cli import main
from generator.model.values import edgar_shows

REAL = SHARED / "samples" / "real"
STYLESHEETS = SHARED / "sec" / "ownership-spec-v5.5" / "stylesheets"
FIVE_OWNERS = REAL / "3" / "aimt_20181231_c89d71b4.xml"  # 5 owners, each an empty rptOwnerStreet2
EIGHT_ROWS = REAL / "4" / "abcl_20201215_d2835ae0.xml"  # 8 Table I transactions, footnotes
TRUE_FALSE = REAL / "3" / "hcaru_20201222_08054732.xml"  # yes/no answers spelled true/false
SHARES = "nonDerivativeTable/nonDerivativeTransaction/transactionAmounts/transactionShares/value"
FORM_3 = FIVE_OWNERS
FORM_3_SHARES = (
    "nonDerivativeTable/nonDerivativeHolding/postTransactionAmounts/"
    "sharesOwnedFollowingTransaction/value"
)
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


#: Numbers whose fifth decimal is not a tie (XSLT processors settle a tie differently), written
#: as filings write them: whole, one decimal, several, a trailing point, a leading point.
_SPELLINGS = [
    "17500.00", "17500", "223.2", "0.00", "0.0", "0", "17500.", "1.23456", "1.00006", "-5.5",
    ".5", "0012", "12345.6789", "2.50", "1000000", "-0.00001", "999999.99999", "0.00005",
    "1234567.891011", "7.5", "12.3", "0.49", "100.10", "+5", "-0", "-0.0",
]  # fmt: skip


def _generated_spellings(count: int) -> list[str]:
    """Random amounts of 0 to 8 decimals, the fifth never a tie."""
    rng = random.Random(16)
    found: list[str] = []
    while len(found) < count:
        whole = str(rng.choice([0, 1, 12, 123, 1234, 123456, 12345678]) * rng.randint(0, 9))
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 8)))
        if len(digits) > 4 and digits[4:].rstrip("0") == "5":
            continue  # a tie
        found.append(f"{whole}.{digits}" if digits else whole)
    return found


@pytest.mark.parametrize("form", ["3", "4", "5"])
def test_edgar_display_of_a_number_is_what_the_sec_stylesheet_shows(form: str):
    """``values.edgar_shows`` (the preview's and compare's "EDGAR shows") is the output of the
    ``value`` template of the form's current SEC stylesheet (libxslt), number by number."""
    sheet = {"3": "3_X07.xsl", "4": "4_X09.xsl", "5": "5_X09.xsl"}[form]
    wrapper = etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        f'<xsl:import href="{(STYLESHEETS / sheet).as_uri()}"/>'
        '<xsl:output method="text"/>'
        '<xsl:template match="/"><xsl:for-each select="//value">'
        '<xsl:apply-templates select="."/><xsl:text>|</xsl:text>'
        "</xsl:for-each></xsl:template>"
        "</xsl:stylesheet>"
    )
    numbers = _SPELLINGS + _generated_spellings(3000)
    document = etree.XML("<r>" + "".join(f"<value>{n}</value>" for n in numbers) + "</r>")
    printed = [text.strip() for text in str(etree.XSLT(wrapper)(document)).split("|")[:-1]]
    assert len(printed) == len(numbers)
    wrong = [
        (number, sec, ours)
        for number, sec in zip(numbers, printed, strict=True)
        if (ours := edgar_shows(number, form)) != sec
    ]
    assert wrong == []


def test_a_form_3_shows_one_decimal_as_written_so_it_is_no_difference():
    """The Form 3 stylesheet never pads one decimal: 223.2 and 223.20 both show 223.2."""
    original = changed(FORM_3, setter(FORM_3_SHARES, "223.2"))
    rebuilt = changed(FORM_3, setter(FORM_3_SHARES, "223.20"))
    assert differences(original, rebuilt) == []


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


# --- paths as validate prints them, attributes, the command for scripts and archives ------------


def _places(root: etree._Element, step: int = 5) -> list[etree._Element]:
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e.getparent() is not None]
    return elements[::step]


@pytest.mark.parametrize("sample", SAMPLES[::4], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_difference_is_named_by_the_path_validate_prints(sample: Path):
    """The path of a difference is lxml's ``getpath`` of the element (as ``validate`` gives a
    problem's location): in the original, or in the rebuilt for an element only it has."""
    from copy import deepcopy

    tree = etree.parse(str(sample))
    for element in _places(tree.getroot()):
        where = tree.getpath(element)
        rebuilt = deepcopy(tree)
        [twin] = rebuilt.xpath(where)
        if len(element) == 0:
            twin.text = "changed by the test"
        else:
            twin.getparent().remove(twin)
            if any(etree.tostring(s) == etree.tostring(element) for s in element.itersiblings()):
                continue  # a twin of an identical sibling may be reported in its place
            added = compare(rebuilt.getroot(), tree.getroot()).found
            assert [d.location for d in added] == [where]
        found = compare(tree.getroot(), rebuilt.getroot()).found
        assert [d.location for d in found] == [where]


def test_a_path_has_n_only_where_its_own_document_repeats_the_element():
    """One owner in the original, two in the rebuilt: the first is ``reportingOwner`` (as
    ``validate`` names it in the original), the one added ``reportingOwner[2]``."""

    def second_owner(root: etree._Element) -> None:
        owner = root.find("reportingOwner")
        twin = etree.fromstring(etree.tostring(owner))
        twin.find("reportingOwnerId/rptOwnerCik").text = "0000000042"
        owner.addnext(twin)
        owner.find("reportingOwnerAddress/rptOwnerCity").text = "ELSEWHERE"

    original = parsed(EIGHT_ROWS)
    assert len(original.findall("reportingOwner")) == 1
    found = compare(original, changed(EIGHT_ROWS, second_owner)).found
    assert [d.location for d in found] == [
        "/ownershipDocument/reportingOwner/reportingOwnerAddress/rptOwnerCity",
        "/ownershipDocument/reportingOwner[2]",
    ]
    assert found[1].message.startswith("the rebuilt has <reportingOwner> with ")


def test_an_attribute_difference_names_the_attribute():
    def renumber(root: etree._Element) -> None:
        root.xpath("//footnoteId")[0].set("id", "F9")

    original = parsed(EIGHT_ROWS)
    first = original.xpath("//footnoteId")[0]
    [found] = compare(original, changed(EIGHT_ROWS, renumber)).found
    assert found.location == original.getroottree().getpath(first) + "/@id"
    assert found.message == 'the original has id="F2", the rebuilt has id="F9"'


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_real_sample_is_the_same_as_itself_through_the_command(
    sample: Path, capsys: pytest.CaptureFixture[str]
):
    assert main(["compare", str(sample), str(sample)]) == 0
    assert capsys.readouterr().out == f"{sample} vs {sample}: the same information\n"


def test_every_real_sample_through_the_installed_command(tmp_path: Path):
    """``sec16 compare ORIGINAL... --rebuilt DIR`` as a script runs it: one call a folder."""
    import subprocess
    import sys

    sec16 = Path(sys.executable).with_name("sec16")
    for folder in sorted({p.parent for p in SAMPLES}):
        names = sorted(folder.glob("*.xml"))
        result = subprocess.run(
            [str(sec16), "compare", *map(str, names), "--rebuilt", str(folder)],
            capture_output=True,
            text=True,
        )
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.splitlines() == [f"{p} vs {p}: the same information" for p in names]


def _write(root: etree._Element, path: Path) -> Path:
    root.getroottree().write(str(path))
    return path


def test_batch_form_each_original_against_its_namesake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """Findings in input order; a missing rebuilt file is its pair's finding, not the end."""
    archive, rebuilt = tmp_path / "archive", tmp_path / "rebuilt"
    archive.mkdir()
    rebuilt.mkdir()
    same = _write(parsed(FIVE_OWNERS), archive / "same.xml")
    _write(parsed(FIVE_OWNERS), rebuilt / "same.xml")
    other = _write(parsed(TRUE_FALSE), archive / "other.xml")
    _write(changed(TRUE_FALSE, setter("issuer/issuerTradingSymbol", "ZZZZ")), rebuilt / "other.xml")
    lost = _write(parsed(EIGHT_ROWS), archive / "lost.xml")
    originals = [str(same), str(other), str(lost)]
    assert main(["compare", *originals, "--rebuilt", str(rebuilt)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{same} vs {rebuilt / 'same.xml'}: the same information",
        '/ownershipDocument/issuer/issuerTradingSymbol: the original has "HCARU", the rebuilt '
        'has "ZZZZ"',
        f"{other} vs {rebuilt / 'other.xml'}: different",
        f"{rebuilt / 'lost.xml'} does not exist: there is no rebuilt file of {lost}",
        f"{lost} vs {rebuilt / 'lost.xml'}: not compared",
    ]
    assert main(["compare", str(same), "--rebuilt", str(rebuilt)]) == 0
    capsys.readouterr()


def test_json_is_one_object_a_pair(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    import json

    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()

    def digits(root: etree._Element) -> None:
        for element in root.iter("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
            element.text = {"true": "1", "false": "0"}[element.text.strip()]

    _write(changed(TRUE_FALSE, digits), rebuilt / TRUE_FALSE.name)
    _write(changed(EIGHT_ROWS, remove("footnotes/footnote[2]")), rebuilt / EIGHT_ROWS.name)
    args = ["compare", str(TRUE_FALSE), str(EIGHT_ROWS), str(FIVE_OWNERS), "--rebuilt"]
    assert main([*args, str(rebuilt), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""  # notes are in the JSON, nothing else is said
    assert json.loads(captured.out) == [
        {
            "original": str(TRUE_FALSE),
            "rebuilt": str(rebuilt / TRUE_FALSE.name),
            "same": True,
            "differences": [],
            "notes": [
                "the original writes yes/no answers as true/false, the rebuilt as 1/0: the same "
                "answers, not counted as a difference"
            ],
        },
        {
            "original": str(EIGHT_ROWS),
            "rebuilt": str(rebuilt / EIGHT_ROWS.name),
            "same": False,
            "differences": [
                {
                    "location": "/ownershipDocument/footnotes/footnote[2]",
                    "message": 'the original has <footnote id="F2"> '
                    f'"{parsed(EIGHT_ROWS).xpath("footnotes/footnote[2]")[0].text.strip()}", '
                    "the rebuilt has none",
                }
            ],
            "notes": [],
        },
        {
            "original": str(FIVE_OWNERS),
            "rebuilt": str(rebuilt / FIVE_OWNERS.name),
            "same": False,
            "differences": [
                {
                    "location": None,
                    "message": f"{rebuilt / FIVE_OWNERS.name} does not exist: there is no "
                    f"rebuilt file of {FIVE_OWNERS}",
                }
            ],
            "notes": [],
        },
    ]


def test_json_of_the_same_files_says_same(capsys: pytest.CaptureFixture[str]):
    import json

    assert main(["compare", str(EIGHT_ROWS), str(EIGHT_ROWS), "--format", "json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert (result["same"], result["differences"], result["notes"]) == (True, [], [])


def test_a_named_file_missing_is_exit_2_after_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    missing = tmp_path / "missing.xml"
    args = ["compare", str(missing), str(EIGHT_ROWS), "--rebuilt", str(EIGHT_ROWS.parent)]
    assert main(args) == 2
    assert capsys.readouterr().out.splitlines() == [
        f"{missing} does not exist, so {missing} was not compared",
        f"{missing} vs {EIGHT_ROWS.parent / 'missing.xml'}: not compared",
        f"{EIGHT_ROWS} vs {EIGHT_ROWS}: the same information",
    ]
    assert main(["compare", str(EIGHT_ROWS), str(missing)]) == 2
    capsys.readouterr()


def test_a_file_that_is_no_ownership_xml_is_not_compared(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    broken = tmp_path / "broken.xml"
    broken.write_text("<ownershipDocument><oops></ownershipDocument>")
    assert main(["compare", str(EIGHT_ROWS), str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{broken}:1: the XML is not well-formed")
    assert lines[1] == f"{EIGHT_ROWS} vs {broken}: not compared"


@pytest.mark.parametrize(
    "args",
    [["a.xml"], ["a.xml", "b.xml", "c.xml"], ["a.xml", "--rebuilt", "no-such-folder"]],
    ids=["one file", "three files", "no such folder"],
)
def test_usage(args: list[str], capsys: pytest.CaptureFixture[str]):
    assert main(["compare", *args]) == 2
    assert capsys.readouterr().err.startswith("sec16: ")


@pytest.mark.usefixtures("clean_machine")
def test_a_package_compared_with_its_drafts_xml_never_prints_the_ccc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    """A submission envelope holds the CCC; compare reads its primary document and never says
    the CCC, in text or JSON, whichever side holds it."""
    draft = EXAMPLES / "form4-open-market-purchase.yaml"
    package, xml, other = (
        tmp_path / "form4.submission.xml",
        tmp_path / "form4.xml",
        tmp_path / "other-ccc.xml",
    )
    monkeypatch.setenv("SEC16_CCC_0009200031", CCC_ONE)
    assert main(["package", str(draft), "-o", str(package)]) == 0
    assert CCC_ONE in _primary_text(package)  # the envelope does hold it
    monkeypatch.setenv("SEC16_CCC_0009200031", CCC_TWO)
    assert main(["build", str(draft), "-o", str(other)]) == 0
    monkeypatch.delenv("SEC16_CCC_0009200031")
    assert main(["build", str(draft), "-o", str(xml)]) == 0
    capsys.readouterr()
    said = ""
    for rebuilt in (xml, other):
        for form in ("text", "json"):
            for pair in ([package, rebuilt], [rebuilt, package]):
                assert main(["compare", *map(str, pair), "--format", form]) == 1
                captured = capsys.readouterr()
                said += captured.out + captured.err
    assert "rptOwnerCcc: the original has (a CCC), the rebuilt has a different one" in said
    assert "the original has <rptOwnerCcc> (a CCC), the rebuilt has none" in said
    assert "the rebuilt has <rptOwnerCcc> (a CCC), the original has none" in said
    assert CCC_ONE not in said
    assert CCC_TWO not in said


def _primary_text(package: Path) -> str:
    import base64

    block = etree.parse(str(package)).getroot().findtext("edgarDocument/documentMimeBlock")
    return base64.b64decode("".join((block or "").split())).decode()
