"""The rules' element index and row facts answer exactly as lxml's own ``find`` would.

The rules read documents through ``generator.rules.index`` (a dictionary by parent and tag)
and ``generator.rules.facts`` (each row and owner read once) because lxml's ``find`` is slow;
both must give lxml's answer (the first match, in document order) on every real filing and on
rows the schema would refuse (a child given twice), indexed or not (documents too large to be
worth indexing are read through lxml itself). ``benchmarks/rule_outputs.py`` makes every
finding on the samples and thousands of mutations; here it is run small, twice, to show its
output is the same from run to run.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES
from lxml import etree

from generator.rules import index
from generator.rules.facts import TABLES, Owner, Row

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def _paths(element: etree._Element) -> Iterator[str]:
    """Paths of one and two tag names below an element, and two that lead nowhere."""
    yield "nothingHere"
    yield "value/nothingHere"
    for child in element:
        if isinstance(child.tag, str):
            yield child.tag
            for grandchild in child:
                if isinstance(grandchild.tag, str):
                    yield f"{child.tag}/{grandchild.tag}"


def _rows(tree: etree._ElementTree) -> list[etree._Element]:
    root = tree.getroot()
    return [
        row
        for name in TABLES
        for table in root.findall(name)[:1]
        for row in table
        if isinstance(row.tag, str)
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_index_finds_what_lxml_finds(sample: Path) -> None:
    tree = _tree(sample)
    index.build(tree)
    try:
        for element in tree.getroot().iter():
            if not isinstance(element.tag, str):
                continue
            for path in set(_paths(element)):
                assert index.find(element, path) is element.find(path), path
                assert index.findall(element, path) == element.findall(path), path
                if "/" in path:
                    outer, inner = path.split("/")
                    assert index.child2(element, outer, inner) is element.find(path), path
                else:
                    assert index.child(element, path) is element.find(path), path
    finally:
        index.clear()


def _facts(tree: etree._ElementTree) -> list[tuple[object, ...]]:
    """What the row and owner facts hold, as comparable values."""
    found: list[tuple[object, ...]] = []
    for element in _rows(tree):
        row = Row(element)
        found.append(tuple(getattr(row, name) for name in Row.__slots__))
    for element in tree.getroot().findall("reportingOwner"):
        owner = Owner(element)
        found.append(tuple(getattr(owner, name) for name in Owner.__slots__))
    return found


def _expected_row(element: etree._Element) -> dict[str, object]:
    """The row facts worked out with lxml's find alone."""

    def text(found: etree._Element | None) -> str:
        return (found.text or "").strip() if found is not None else ""

    def first_value(tag: str) -> str:  # the value of the first such child, as rules read it
        found = element.find(tag)
        return text(found.find("value")) if found is not None else ""

    nature = element.find("ownershipNature")
    transaction = element.tag.endswith("Transaction")
    return {
        "title": first_value("securityTitle"),
        "timeliness": first_value("transactionTimeliness") if transaction else "",
        "date_element": element.find("transactionDate"),
        "date_value": element.find("transactionDate/value"),
        "deemed_value": element.find("deemedExecutionDate/value"),
        "nature": nature,
        "direct": text(nature.find("directOrIndirectOwnership/value"))
        if nature is not None
        else "",
        "nature_value": nature.find("natureOfOwnership/value") if nature is not None else None,
        "code_element": element.find("transactionCoding/transactionCode") if transaction else None,
        "timeliness_value": element.find("transactionTimeliness/value") if transaction else None,
        "form_type": (text(element.find("transactionCoding/transactionFormType")) or "4")
        if transaction
        else "",
    }


def _with_repeated_children(tree: etree._ElementTree) -> etree._ElementTree:
    """Every row given a second, different copy of each of its children, first."""
    changed = copy.deepcopy(tree)
    for row in _rows(changed):
        for child in list(row):
            twin = copy.deepcopy(child)
            for value in twin.iter("value"):
                value.getparent().remove(value)  # type: ignore[union-attr]
            child.addprevious(twin)  # the copy without values comes first
        nature = row.find("ownershipNature")
        if nature is not None:
            for child in list(nature):
                child.addprevious(copy.deepcopy(child))
    return changed


@pytest.mark.parametrize("sample", SAMPLES[::5], ids=lambda p: p.name)
def test_row_facts_are_lxmls_answers_even_for_rows_the_schema_refuses(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for tree in (_tree(sample), _with_repeated_children(_tree(sample))):
        index.build(tree)
        try:
            for element in _rows(tree):
                row = Row(element)
                for name, expected in _expected_row(element).items():
                    assert getattr(row, name) == expected or getattr(row, name) is expected, name
            indexed = _facts(tree)
        finally:
            index.clear()
        # A document too large to index is read through lxml: the same facts.
        monkeypatch.setattr(index, "MAX_INDEXED", 0)
        index.build(tree)
        try:
            assert _facts(tree) == indexed
        finally:
            index.clear()
            monkeypatch.undo()


def test_the_rule_outputs_tool_gives_the_same_findings_twice(tmp_path: Path) -> None:
    outputs = []
    for name in ("first.jsonl", "second.jsonl"):
        out = tmp_path / name
        tool = str(REPO / "benchmarks" / "rule_outputs.py")
        subprocess.run(
            [sys.executable, tool, str(out), "--mutations", "1"],
            check=True,
            capture_output=True,
            cwd=tmp_path,
        )
        outputs.append(out.read_bytes())
    lines = outputs[0].decode().splitlines()
    assert len(lines) == 2 * len(SAMPLES) * 4  # samples and one mutation each, 4 settings
    assert outputs[0] == outputs[1]
    assert b'"rule": "xsd"' in outputs[0] and b'"rule": "holdings-arithmetic"' in outputs[0]
