"""The rules' element lookups and row facts answer exactly as lxml's own ``find`` would.

The rules find elements through ``generator.rules.elements``: the C helper ``_lookup`` where it
was compiled, else the pure-Python ``index`` (a dictionary by parent and tag). Both, and the
row and owner facts read through either, must give lxml's answer (the first match, in document
order) on every real filing, on rows the schema would refuse (a child given twice), on random
trees, and (for the index) on documents too large to be worth indexing, which are read through
lxml itself. ``benchmarks/rule_outputs.py`` writes every finding on the samples and mutations
of them; here it shows the two implementations find the same, and that its output is the same
from run to run.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import REPO, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.rules import elements, facts, index
from generator.rules.facts import TABLES, Owner, Row

try:
    from generator.rules import _lookup
except ImportError:  # built without a C compiler: only the pure-Python index is tested
    _lookup = None  # type: ignore[assignment]

Lookups = SimpleNamespace


@contextmanager
def _indexed(*trees: etree._ElementTree) -> Iterator[None]:
    index.build(*trees)
    try:
        yield
    finally:
        index.clear()


@contextmanager
def _nothing(*trees: etree._ElementTree) -> Iterator[None]:
    yield


def _implementation(name: str) -> Lookups:
    """The lookup functions of one implementation, and how to bracket a document's checks."""
    if name == "c" and _lookup is None:
        pytest.skip("the C helper is not built in this installation")
    module = _lookup if name == "c" else index
    functions = {f: getattr(module, f) for f in ("child", "child2", "find", "findall")}
    if name == "c":
        functions.update(text_at=_lookup.text, attributes=_lookup.attributes)
    else:
        functions.update(text_at=elements._text_at, attributes=elements._attributes)
    return Lookups(**functions, around=_nothing if name == "c" else _indexed)


@pytest.fixture(params=["c", "python"])
def lookups(request: pytest.FixtureRequest) -> Lookups:
    return _implementation(request.param)


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


def _agree_with_lxml(lookups: Lookups, tree: etree._ElementTree) -> None:
    with lookups.around(tree):
        for element in tree.getroot().iter():
            if not isinstance(element.tag, str):
                continue
            for path in set(_paths(element)):
                found = element.find(path)
                assert lookups.find(element, path) is found, path
                assert lookups.findall(element, path) == element.findall(path), path
                text = "" if found is None else (found.text or "").strip()
                assert lookups.text_at(element, path) == text, path
                if "/" in path:
                    outer, inner = path.split("/")
                    assert lookups.child2(element, outer, inner) is element.find(path), path
                else:
                    assert lookups.child(element, path) is element.find(path), path


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_the_lookups_find_what_lxml_finds(sample: Path, lookups: Lookups) -> None:
    tree = _tree(sample)
    _agree_with_lxml(lookups, tree)
    root = tree.getroot()
    for tag, name in (("footnoteId", "id"), ("footnote", "id"), ("value", "id"), ("nothing", "x")):
        expected = [element.get(name) for element in root.iter(tag)]
        assert lookups.attributes(root, tag, name) == expected


def test_footnote_references_by_value_tell_values_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs (value, footnote) of references: the same footnote cited twice by one value
    is a repeated pair, by two values two distinct pairs, with the C helper or without."""
    document = etree.fromstring(
        b"<r><a><footnoteId id='F1'/><footnoteId id='F2'/></a><b><footnoteId id='F1'/></b>"
        b"<c><footnoteId id='F2'/><footnoteId id='F2'/></c><d><footnoteId/></d></r>"
    )
    for pure in (False, True):
        if pure:
            monkeypatch.setattr(elements, "_C", None)
        elif _lookup is None:
            continue
        pairs = elements.attributes_by_parent(document, "footnoteId", "id")
        assert [value for _, value in pairs] == ["F1", "F2", "F1", "F2", "F2", None]
        assert [pairs.count(pair) for pair in pairs] == [1, 1, 1, 2, 2, 1]


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
    sample: Path, lookups: Lookups, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("child", "child2", "find"):  # the facts read through this implementation
        monkeypatch.setattr(facts, name, getattr(lookups, name))
    for tree in (_tree(sample), _with_repeated_children(_tree(sample))):
        with lookups.around(tree):
            for element in _rows(tree):
                row = Row(element)
                for name, expected in _expected_row(element).items():
                    assert getattr(row, name) == expected or getattr(row, name) is expected, name
            found = _facts(tree)
        # A document too large to index is read through lxml: the same facts.
        with monkeypatch.context() as small:
            small.setattr(index, "MAX_INDEXED", 0)
            with lookups.around(tree):
                assert _facts(tree) == found


def _random_tree(draw: Callable[..., object]) -> etree._Element:
    """A small tree of a few tag names, with repeats, comments, a processing instruction and
    namespaced twins, where the first match is often not the only one."""
    names = ["a", "b", "value", "{urn:x}a", "{urn:x}value"]
    root = etree.Element("root")
    parents = [root]
    for _ in range(draw(st.integers(0, 40))):  # type: ignore[operator]
        parent = parents[draw(st.integers(0, len(parents) - 1))]  # type: ignore[operator]
        kind = draw(st.integers(0, 9))  # type: ignore[operator]
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
def test_the_c_helper_finds_what_lxml_finds_in_random_trees(data: st.DataObject) -> None:
    lookups = _implementation("c")
    root = _random_tree(data.draw)
    paths = ["a", "b", "value", "{urn:x}a", "a/b", "a/value", "{urn:x}a/{urn:x}value", "a/b/value"]
    for element in root.iter():
        for path in paths:
            assert lookups.find(element, path) is element.find(path), path
            assert lookups.findall(element, path) == element.findall(path), path
        assert lookups.child(element, "a") is element.find("a")
        assert lookups.child2(element, "a", "value") is element.find("a/value")
        found = element.find("a/value")
        assert lookups.text_at(element, "a/value") == (
            "" if found is None else (found.text or "").strip()
        )
    assert _lookup.tags(root) == {element.tag for element in root.iter()}


def test_the_c_helper_refuses_what_it_cannot_answer_with_an_exception() -> None:
    lookups = _implementation("c")
    root = etree.fromstring(b"<r><a/></r>")
    assert lookups.child(None, "a") is None and lookups.child2(None, "a", "b") is None
    for call in (
        lambda: lookups.child("r", "a"),  # not an element
        lambda: lookups.find(root, 5),  # not a path
        lambda: lookups.findall(root, "/".join(["a"] * 40)),  # too many steps
        lambda: lookups.find(root, "a" * 1000),  # too long
        lambda: lookups.find(root, "{urn:x"),  # unclosed namespace
        # ElementPath syntax, which the helper does not interpret: refused, never misread
        *(
            lambda path=path: lookups.findall(root, path)
            for path in ("", "*", ".", "..", "a//b", "a/", "a[1]", "@id", "a/b c")
        ),
        lambda: lookups.child(root, "a/b"),
        lambda: lookups.text_at(root, "a//b"),
        lambda: lookups.attributes(root, "*", "id"),
        lambda: lookups.attributes(root, "a", "x y"),
        lambda: lookups.attributes("r", "a", "id"),
        lambda: _lookup.tags(root, "r"),
    ):
        with pytest.raises((TypeError, ValueError)):
            call()
    # Comments and processing instructions have no children; their tags are lxml's.
    mixed = etree.fromstring(b"<r><!--c--><?pi x?><a>1</a></r>")
    assert lookups.child(mixed[0], "a") is None
    assert _lookup.tags(mixed) == {"r", "a", etree.Comment, etree.PI}


def test_the_c_helpers_tags_are_right_however_many_and_however_often() -> None:
    """Tag strings are kept between calls: thousands of distinct names (more than the table
    holds), the same names in another namespace, and documents made and freed in between."""
    _implementation("c")
    for batch in range(3):
        root = etree.Element("root")
        for number in range(3000):
            etree.SubElement(root, f"t{batch}x{number % (1000 * (batch + 1))}")
            etree.SubElement(root, f"{{urn:r{batch}}}t{number % 7}")
        etree.SubElement(root, "long" * 100 + str(batch))  # too long to keep: made each time
        etree.SubElement(root, f"{{urn:{'n' * 300}}}x")
        assert _lookup.tags(root) == {element.tag for element in root.iter()}
        assert _lookup.tags(root, etree.fromstring(b"<t0x1><other/></t0x1>")) == {
            element.tag for element in root.iter()
        } | {"t0x1", "other"}
        del root


def test_the_c_helper_is_built_in_this_installation() -> None:
    """CI installs sec16 as the README says; without the helper, validation is slower than
    its target in docs/performance.md (set SEC16_PURE_PYTHON=1 to test the pure-Python path)."""
    if os.environ.get("SEC16_PURE_PYTHON"):
        pytest.skip("SEC16_PURE_PYTHON is set")
    assert elements.ACCELERATED, "generator/rules/_lookup.c was not compiled: is gcc installed?"


def _rule_outputs(out: Path, mutations: int, pure: str = "") -> bytes:
    """Every finding on the samples and ``mutations`` mutations of each, as JSON lines."""
    tool = str(REPO / "benchmarks" / "rule_outputs.py")
    subprocess.run(
        [sys.executable, tool, str(out), "--mutations", str(mutations)],
        check=True,
        capture_output=True,
        cwd=out.parent,
        env={**os.environ, "SEC16_PURE_PYTHON": pure},
    )
    return out.read_bytes()


def test_both_implementations_find_the_same_on_samples_and_mutations(tmp_path: Path) -> None:
    if _lookup is None:
        pytest.skip("the C helper is not built in this installation")
    with_helper = _rule_outputs(tmp_path / "c.jsonl", 3)
    assert with_helper == _rule_outputs(tmp_path / "python.jsonl", 3, pure="1")
    assert with_helper.count(b"\n") == 4 * 4 * len(SAMPLES)  # samples and 3 mutations, 4 settings


def test_the_rule_outputs_tool_gives_the_same_findings_twice(tmp_path: Path) -> None:
    first = _rule_outputs(tmp_path / "first.jsonl", 1)
    assert first == _rule_outputs(tmp_path / "second.jsonl", 1)
    assert len(first.decode().splitlines()) == 2 * len(SAMPLES) * 4  # one mutation each
    assert b'"rule": "xsd"' in first and b'"rule": "holdings-arithmetic"' in first
