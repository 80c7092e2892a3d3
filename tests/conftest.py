"""Shared test fixtures: where the reference material is, and the real samples."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = sorted((SHARED / "samples" / "real").glob("*/*.xml"))
SEC_SCHEMAS = SHARED / "sec" / "ownership-spec-v5.5" / "schemas"
EXAMPLES = REPO / "examples"


@cache
def official_schema(document_type: str) -> etree.XMLSchema:
    """The SEC's own schema for a document type (the reference, not the project's)."""
    name = f"ownership{document_type.replace('/', '')}Document.xsd.xml"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(SEC_SCHEMAS / name), parser))


def official_errors(xml: bytes | str | Path) -> list[str]:
    """Errors of a document against the SEC's schema for its own type (empty when valid)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    if isinstance(xml, Path):
        tree = etree.parse(str(xml), parser)
    else:
        data = xml.encode() if isinstance(xml, str) else xml
        tree = etree.ElementTree(etree.fromstring(data, parser))
    schema = official_schema((tree.getroot().findtext("documentType") or "").strip())
    if schema.validate(tree):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


@cache
def officially_valid_samples() -> list[Path]:
    return [p for p in SAMPLES if not official_errors(p)]


@pytest.fixture
def clean_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No CCC, credentials file, schema folder or terminal from the machine running the tests."""
    from generator.checks import schema

    for name in list(os.environ):
        if name.startswith("SEC16_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    yield
    schema.use_schema_dir(None)


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    assert len(SAMPLES) >= 90, f"expected the real samples in {SHARED}/samples/real"
    return SAMPLES


# --- what EDGAR shows: the SEC's own stylesheets ------------------------------------------------

HISTORIES = sorted((SHARED / "samples" / "histories").glob("*/*.xml"))
STYLESHEETS = SHARED / "sec" / "ownership-spec-v5.5" / "stylesheets"
#: The current sheets, by form: what EDGAR renders a filing with today.
CURRENT_SHEETS = {"3": "3_X07.xsl", "4": "4_X09.xsl", "5": "5_X09.xsl"}
_BLOCKS = {
    "p", "div", "td", "th", "tr", "li", "ul", "ol", "dd", "dt", "h1", "h2", "h3", "h4",
    "table", "section", "header", "footer", "main", "center", "br", "body", "html",
}  # fmt: skip


def page_text(markup: str, *, boxes: bool = False) -> str:
    """The text a reader sees: block boundaries become spaces, inline parts stay joined.

    ``17,408<sup>(2)</sup>`` reads ``17,408(2)``; two table cells never run together.
    Whitespace (including no-break spaces) is collapsed to single spaces. With ``boxes``, each
    check box reads ``[x]`` or ``[ ]``: a box shown unticked is a difference a reader sees.
    """
    import unicodedata

    from lxml import html as lxml_html

    root = lxml_html.fromstring(markup)
    for bad in root.xpath("//style|//script|//head"):
        bad.drop_tree()
    if boxes:
        for box in root.iter("input"):
            box.tail = ("[x]" if box.get("checked") is not None else "[ ]") + (box.tail or "")
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = " " + (element.tail or "")
            element.text = " " + (element.text or "")
    text = unicodedata.normalize("NFKC", root.text_content())
    return " ".join(text.split())


@cache
def current_sheet(form: str) -> etree.XSLT:
    """The SEC's current stylesheet for a form (3_X07, 4_X09, 5_X09), compiled once."""
    access = etree.XSLTAccessControl(read_network=False, write_network=False, write_file=False)
    sheet = STYLESHEETS / CURRENT_SHEETS[form.removesuffix("/A")]
    return etree.XSLT(etree.parse(str(sheet)), access_control=access)


def edgar_shows(tree: etree._ElementTree) -> str:
    """The visible text (check boxes included) of a filing as EDGAR renders it today."""
    form = (tree.getroot().findtext("documentType") or "").strip()
    return page_text(str(current_sheet(form)(tree)), boxes=True)
