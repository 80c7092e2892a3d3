"""How the rules find elements: lxml's ``find`` for paths of plain tag names, made cheap.

The rules look up a few hundred children per filing, and lxml's own ``find`` runs its
ElementPath machinery on every call (1-6 µs). ``index`` answers instead from a dictionary of
every element of the document by (parent, tag), made once per document in one pass, mostly
in C (``map``, ``zip``, ``dict``), with exactly lxml's answers: the first match in document
order (``find``), every match in that order (``findall``). This module is the one way in for
the rules. ``start`` and ``stop`` bracket the rules' work on one document; between them
``has_any`` and ``has_namespaced`` answer from the tags of the documents given to ``start``
(read in the same pass), so a rule that looks for a rare element (a processing instruction,
an EDGAR-supplied value) learns cheaply that there is none.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from generator.checks.rules import index
from generator.checks.rules.index import alone, child, child2, find, findall, lookup

__all__ = [
    "alone",
    "attributes",
    "child",
    "child2",
    "find",
    "findall",
    "has_any",
    "has_namespaced",
    "lookup",
    "present",
    "siblings",
    "start",
    "stop",
    "text_at",
]

Element = etree._Element


def text_at(element: Element | None, path: str) -> str:
    """``(element.find(path).text or "").strip()``; '' for no element or no match."""
    found = None if element is None else find(element, path)
    return "" if found is None else (found.text or "").strip()


def attributes(root: Element, tag: str, name: str) -> list[str | None]:
    """``[element.get(name) for element in root.iter(tag)]``."""
    return [element.get(name) for element in root.iter(tag)]


def siblings(root: Element, tag: str) -> list[list[Element]]:
    """Every group of two or more children with ``tag`` of one parent (a value citing several
    footnotes), each in document order: from the index, or one pass over ``root``."""
    found = index.siblings(root, tag)
    if found is not None:
        return found
    groups: dict[object, list[Element]] = {}
    for element in root.iter(tag):
        groups.setdefault(element.getparent(), []).append(element)
    return [group for group in groups.values() if len(group) > 1]


def start(*trees: etree._ElementTree) -> None:
    """The rules begin on ``trees`` (the document, and the previous filing if any)."""
    index.build(*trees)


def stop() -> None:
    """The rules are done: forget the documents."""
    index.clear()


def has_any(names: Iterable[object]) -> bool:
    """Could an element with one of these tags be in the documents? (True if unknown.)"""
    found = index.tags()
    return found is None or not found.isdisjoint(names)


def present(names: Iterable[str]) -> list[str]:
    """Those of ``names`` that could be tags of elements in the documents (all when unknown),
    in the order given: ``root.iter(*present(names))`` finds what ``root.iter(*names)`` finds,
    and lxml compares each element with fewer names on its way through the tree."""
    found = index.tags()
    return list(names) if found is None else [name for name in names if name in found]


def has_namespaced() -> bool:
    """Could an element in an XML namespace be in the documents? (True if unknown.)"""
    found = index.tags()
    return found is None or "{" in "".join([tag for tag in found if type(tag) is str])
