"""The rules' element lookups and row facts answer exactly as lxml's own calls would.

The rules find elements through ``generator.checks.rules.elements`` (a dictionary by parent and tag,
``generator.checks.rules.index``, made once per document). On every element of every real filing,
on rows the schema would refuse (a child given twice), on random trees, and on documents too
large to be worth indexing (read through lxml itself), each function must give lxml's answer:
``find``/``findall``, ``.text`` and ``.get``.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.checks.rules import elements, index
from generator.checks.rules.facts import TABLES, Owner, Row

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def _paths(element: etree._Element) -> set[str]:
    """Paths of one and two tag names below an element, and two that lead nowhere."""
    found = {"nothingHere", "value/nothingHere"}
    for child in element.iterchildren("*"):
        found.add(str(child.tag))
        found.update(f"{child.tag}/{inner.tag}" for inner in child.iterchildren("*"))
    return found


def _agree_with_lxml(root: etree._Element) -> None:
    """Every lookup from every element of ``root``: lxml's answer (call between start and stop)."""
    for element in root.iter("*"):
        for path in _paths(element):
            found = element.find(path)
            assert elements.find(element, path) is found, path
            assert elements.findall(element, path) == element.findall(path), path
            text = "" if found is None else (found.text or "").strip()
            assert elements.text_at(element, path) == text, path
            if "/" in path:
                assert elements.child2(element, *path.split("/")) is found, path
            else:
                assert elements.child(element, path) is found, path
    for tag, name in (("footnoteId", "id"), ("footnote", "id"), ("value", "id"), ("nothing", "x")):
        expected = [element.get(name) for element in root.iter(tag)]
        assert elements.attributes(root, tag, name) == expected
        several = [list(parent.iterchildren(tag)) for parent in root.iter()]
        expected_groups = {tuple(group) for group in several if len(group) > 1}
        assert {tuple(group) for group in elements.siblings(root, tag)} == expected_groups


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_lookups_find_what_lxml_finds(sample: Path) -> None:
    tree = _tree(sample)
    elements.start(tree)
    try:
        _agree_with_lxml(tree.getroot())
        assert not elements.has_namespaced() and not elements.has_any({"nothingHere"})
        for tag in ("footnoteId", "value", "remarks", etree.PI):
            assert elements.has_any({tag}) == any(True for _ in tree.getroot().iter(tag))
    finally:
        elements.stop()
    _agree_with_lxml(tree.getroot())  # outside the rules' work: lxml's own calls


def test_footnote_references_by_value_tell_values_apart() -> None:
    """A value citing several footnotes is a group of siblings; one citing one is none."""
    document = etree.fromstring(
        b"<r><a><footnoteId id='F1'/><footnoteId id='F2'/></a><b><footnoteId id='F1'/></b>"
        b"<c><footnoteId id='F2'/><footnoteId id='F2'/></c><d><footnoteId/></d></r>"
    )
    for indexed in (True, False):
        if indexed:
            elements.start(etree.ElementTree(document))
        try:
            groups = elements.siblings(document, "footnoteId")
            ids = sorted([str(ref.get("id")) for ref in group] for group in groups)
            assert ids == [["F1", "F2"], ["F2", "F2"]]
        finally:
            elements.stop()


def _rows(tree: etree._ElementTree) -> list[etree._Element]:
    root = tree.getroot()
    return [
        row
        for name in TABLES
        for table in root.findall(name)[:1]
        for row in table.iterchildren("*")
    ]


def _facts(tree: etree._ElementTree) -> list[tuple[object, ...]]:
    """What the row and owner facts hold, as comparable values."""
    rows = [Row(element) for element in _rows(tree)]
    owners = [Owner(element) for element in tree.getroot().findall("reportingOwner")]
    return [
        *(tuple(getattr(row, name) for name in Row.__slots__) for row in rows),
        *(tuple(getattr(owner, name) for name in Owner.__slots__) for owner in owners),
    ]


def _with_repeated_children(tree: etree._ElementTree) -> etree._ElementTree:
    """Every row given a second, different copy of each of its children, first."""
    changed = copy.deepcopy(tree)
    for name in TABLES:
        for row in [row for table in changed.getroot().findall(name) for row in table]:
            nature = row.find("ownershipNature")
            for child in [*row, *(nature if nature is not None else ())]:
                twin = copy.deepcopy(child)
                for value in list(twin.iter("value")):
                    value.getparent().remove(value)  # type: ignore[union-attr]
                child.addprevious(twin)  # the copy without values comes first
    return changed


@pytest.mark.parametrize("sample", SAMPLES[::5], ids=lambda p: p.name)
def test_row_facts_are_lxmls_answers_even_for_rows_the_schema_refuses(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for tree in (_tree(sample), _with_repeated_children(_tree(sample))):
        expected = _facts(tree)  # outside start/stop: read through lxml's own find
        for limit in (index.MAX_INDEXED, 0):  # 0: too large to index, read through lxml
            monkeypatch.setattr(index, "MAX_INDEXED", limit)
            elements.start(tree)
            try:
                _agree_with_lxml(tree.getroot())
                assert _facts(tree) == expected
            finally:
                elements.stop()


def _random_tree(draw: st.DrawFn) -> etree._Element:
    """A small tree of a few tag names, with repeats, comments, a processing instruction and
    namespaced twins, where the first match is often not the only one."""
    names = ["a", "b", "value", "{urn:x}a", "{urn:x}value"]
    root = etree.Element("root")
    parents = [root]
    for _ in range(draw(st.integers(0, 40))):
        parent = parents[draw(st.integers(0, len(parents) - 1))]
        kind = draw(st.integers(0, 9))
        if kind == 0:
            parent.append(etree.Comment("c"))
        elif kind == 1:
            parent.append(etree.ProcessingInstruction("pi", "x"))
        else:
            parents.append(etree.SubElement(parent, names[kind % len(names)]))
            parents[-1].text = draw(st.sampled_from([None, "", " x ", "\u00a0y\t", "z"]))
    return root


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_the_lookups_find_what_lxml_finds_in_random_trees(data: st.DataObject) -> None:
    root = _random_tree(data.draw)
    paths = ["a", "b", "value", "{urn:x}a", "a/b", "a/value", "{urn:x}a/{urn:x}value", "a/b/value"]
    elements.start(etree.ElementTree(root))
    try:
        for element in root.iter():
            for path in paths:
                assert elements.find(element, path) is element.find(path), path
                assert elements.findall(element, path) == element.findall(path), path
            assert elements.child(element, "a") is element.find("a")
            assert elements.child2(element, "a", "value") is element.find("a/value")
            found = element.find("a/value")
            text = "" if found is None else (found.text or "").strip()
            assert elements.text_at(element, "a/value") == text
        namespaced = any(str(e.tag).startswith("{") for e in root.iter("*"))
        assert elements.has_namespaced() == namespaced
        assert elements.has_any((etree.PI,)) == any(True for _ in root.iter(etree.PI))
    finally:
        elements.stop()


def _rule_outputs(out: Path, mutations: int) -> bytes:
    """Every finding on the samples and ``mutations`` mutations of each, as JSON lines."""
    tool = str(REPO / "benchmarks" / "rule_outputs.py")
    command = [sys.executable, tool, str(out), "--mutations", str(mutations)]
    subprocess.run(command, check=True, capture_output=True, cwd=out.parent)
    return out.read_bytes()


def test_the_rule_outputs_tool_gives_the_same_findings_twice(tmp_path: Path) -> None:
    first = _rule_outputs(tmp_path / "first.jsonl", 1)
    assert first == _rule_outputs(tmp_path / "second.jsonl", 1)
    assert len(first.decode().splitlines()) == 2 * len(SAMPLES) * 4  # one mutation each
    assert b'"rule": "xsd"' in first and b'"rule": "holdings-arithmetic"' in first
