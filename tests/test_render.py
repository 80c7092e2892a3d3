"""Rendering: escaping, the two profiles, schema order, values on one line."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, official_errors
from lxml import etree

from generator.formats.draft import load_draft, load_draft_text
from generator.formats.render import render

SEED = EXAMPLES / "form5-smith-allied-motion-2013.yaml"
TRICKY = "AT&T <Holdings> \"Class A\" 'quoted' — Zoë"


def seed_with(old: str, new: str):
    return load_draft_text(SEED.read_text().replace(old, new), "x.yaml")


def test_special_characters_come_back_intact():
    filing = seed_with("Bona fide gift of securities.", TRICKY)
    filing = filing.model_copy(update={"remarks": TRICKY})
    xml = render(filing)
    root = etree.fromstring(xml.encode())
    assert root.findtext("remarks") == TRICKY
    assert root.find("footnotes/footnote[@id='F1']").text == TRICKY
    assert official_errors(xml) == []


def test_submission_profile_leaves_out_what_edgar_supplies(monkeypatch):
    monkeypatch.setenv("SEC16_CCC_0001193560", "abc#1234")
    root = etree.fromstring(render(load_draft(SEED), "submission").encode())
    for tag in (
        "schemaVersion",
        "issuer/issuerName",
        "reportingOwner/reportingOwnerId/rptOwnerName",
        "form3HoldingsReported",
        "form4TransactionsReported",
    ):
        assert root.find(tag) is None, tag
    assert root.findtext("reportingOwner/reportingOwnerId/rptOwnerCcc") == "abc#1234"


def test_record_profile_is_the_disseminated_document(monkeypatch):
    monkeypatch.setenv("SEC16_CCC_0001193560", "abc#1234")
    xml = render(load_draft(SEED), "record")
    root = etree.fromstring(xml.encode())
    assert root.findtext("schemaVersion") == "X0609"
    assert root.findtext("issuer/issuerName") == "ALLIED MOTION TECHNOLOGIES INC"
    assert root.findtext("reportingOwner/reportingOwnerId/rptOwnerName") == "SMITH RICHARD D /CO/"
    assert root.find("reportingOwner/reportingOwnerId/rptOwnerCcc") is None
    assert root.findtext("form3HoldingsReported") == "0"
    assert root.findtext("form4TransactionsReported") == "0"  # the gift is a "5" transaction
    assert "abc#1234" not in xml
    assert official_errors(xml) == []


def test_every_value_is_on_one_line_and_no_element_is_empty():
    filing = seed_with("Bona fide gift of securities.", "Line one.\\nLine two.")
    filing = filing.model_copy(update={"remarks": "First paragraph.\n\nSecond paragraph."})
    xml = render(filing)
    for line in xml.splitlines()[1:]:
        stripped = line.strip()
        assert stripped, "no blank lines"
        if not stripped.startswith("</") and not stripped.endswith("/>") and "</" not in stripped:
            assert stripped.startswith("<") and stripped.endswith(">")
    root = etree.fromstring(xml.encode())
    assert root.findtext("remarks") == "First paragraph.\n\nSecond paragraph."
    for element in root.iter():
        assert len(element) or (element.text or "").strip() or element.attrib, element.tag


def test_no_processing_instruction_or_namespace():
    xml = render(load_draft(SEED))
    assert xml.startswith('<?xml version="1.0"?>\n<ownershipDocument>')
    assert "<?xml-stylesheet" not in xml and "xmlns" not in xml


def test_form_type_defaults_follow_the_form():
    root = etree.fromstring(render(load_draft(SEED)).encode())
    assert (
        root.findtext(
            "nonDerivativeTable/nonDerivativeTransaction/transactionCoding/transactionFormType"
        )
        == "5"
    )
    filing = seed_with('    form_type: "5"\n', "")
    root = etree.fromstring(render(filing).encode())
    assert root.findtext(".//transactionFormType") == "5"


def test_the_templates_write_the_elements_the_mapping_names() -> None:
    """The XML templates name elements literally; every element of ``xmlnames`` (the one
    tag <-> draft key mapping the importer, the locator and the schema's sentences read) is
    written by them, and where a template writes a row's column from a draft key
    (``m.noted("transactionShares", row.shares)``) the pair is the mapping's, so the two cannot
    drift apart."""
    import re

    from generator.model import xmlnames

    folder = Path(__file__).resolve().parents[1] / "templates"
    written = "".join(path.read_text() for path in folder.glob("*.xml.j2"))
    tags = [
        *xmlnames.TOP,
        *(tag for _, tag in (*xmlnames.ISSUER, *xmlnames.OWNER_ID, *xmlnames.SIGNATURE)),
        *xmlnames.OWNER_GROUPS,
        *(tag for group, tag, _ in xmlnames.ROW),
        *(group for group, _, _ in xmlnames.ROW if group),
    ]
    spellings = (("<", ">"), ("<", " "), ('"', '"'))  # <tag>, <tag attr=…>, m.noted("tag", …)
    missing = sorted(
        tag for tag in set(tags) if not any(f"{a}{tag}{b}" in written for a, b in spellings)
    )
    assert not missing, f"named in xmlnames but written by no template: {missing}"
    pairs = re.findall(r'm\.\w+\("(\w+)", row\.(\w+)\)', written)
    assert len(pairs) > 10
    wrong = [(tag, key) for tag, key in pairs if xmlnames.ROW_COLUMNS.get(tag) != key]
    assert not wrong, f"templates write these columns from other draft keys: {wrong}"
