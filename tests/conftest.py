"""Shared test fixtures: where the reference material is, and the real samples."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    assert len(SAMPLES) >= 90, f"expected the real samples in {SHARED}/samples/real"
    return SAMPLES
