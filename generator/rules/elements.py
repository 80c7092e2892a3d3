"""How the rules find elements: lxml's ``find`` for paths of plain tag names, made cheap.

The rules look up a few hundred children per filing, and lxml's own ``find`` runs its
ElementPath machinery on every call (3-6 µs). Two implementations give exactly lxml's answers
(the first match in document order; for ``findall`` every match, in that order):

- ``_lookup``, a small C extension (``_lookup.c``) built when sec16 is installed where a C
  compiler is found: it walks libxml2's nodes and makes a Python object only for what it
  returns;
- otherwise ``index``, pure Python: every element of the document indexed by (parent, tag) in
  a dictionary, once per document.

``SEC16_PURE_PYTHON=1`` in the environment chooses the second even where the first is built
(the tests run both). ``text_at`` and ``attributes`` give only the text of what they find
(in C, without making an lxml element for it). ``start`` and ``stop`` bracket the rules' work
on one document; between them ``has_any`` and ``has_namespaced`` answer for the documents
given to ``start``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from types import ModuleType

from lxml import etree

from generator.rules import index

Element = etree._Element


def _compiled() -> ModuleType | None:
    if os.environ.get("SEC16_PURE_PYTHON"):
        return None
    try:
        from generator.rules import _lookup
    except ImportError:  # installed without a C compiler: the pure-Python index serves
        return None
    return _lookup


_C = _compiled()
#: Is the C extension in use?
ACCELERATED = _C is not None

child: Callable[[Element | None, str], Element | None]
child2: Callable[[Element | None, str, str], Element | None]
find: Callable[[Element, str], Element | None]
findall: Callable[[Element, str], list[Element]]
text_at: Callable[[Element | None, str], str]
attributes: Callable[[Element, str, str], list[str | None]]


def _text_at(element: Element | None, path: str) -> str:
    """``(element.find(path).text or "").strip()``; '' for no element or no match."""
    found = None if element is None else index.find(element, path)
    return "" if found is None else (found.text or "").strip()


def _attributes(root: Element, tag: str, name: str) -> list[str | None]:
    """``[element.get(name) for element in root.iter(tag)]``."""
    return [element.get(name) for element in root.iter(tag)]


def attributes_by_parent(root: Element, tag: str, name: str) -> list[tuple[object, str | None]]:
    """``[(parent, element.get(name)) for element in root.iter(tag)]``, the parent as a key that
    tells elements apart (in C a number, while the document lives: no element is made)."""
    if _C is not None:
        pairs: list[tuple[object, str | None]] = _C.attributes(root, tag, name, True)
        return pairs
    return [(element.getparent(), element.get(name)) for element in root.iter(tag)]


if _C is not None:
    child, child2, find, findall = _C.child, _C.child2, _C.find, _C.findall
    text_at, attributes = _C.text, _C.attributes
else:
    child, child2, find, findall = index.child, index.child2, index.find, index.findall
    text_at, attributes = _text_at, _attributes

_roots: tuple[Element, ...] = ()
_tags: set[object] | None = None


def start(*trees: etree._ElementTree) -> None:
    """The rules begin on ``trees`` (the document, and the previous filing if any)."""
    global _roots, _tags
    if _C is None:
        index.build(*trees)
    else:
        _roots, _tags = tuple(tree.getroot() for tree in trees), None


def stop() -> None:
    """The rules are done: forget the documents."""
    global _roots, _tags
    if _C is None:
        index.clear()
    else:
        _roots, _tags = (), None


def _all_tags() -> set[object] | None:
    global _tags
    if _C is None:
        return index.tags()
    if _tags is None and _roots:
        _tags = _C.tags(*_roots)
    return _tags


def has_any(names: Iterable[object]) -> bool:
    """Could an element with one of these tags be in the documents? (True if unknown.)

    A rule that looks for a rare element (a processing instruction, an EDGAR-supplied value)
    learns here, from one set of tags per document, that there is none to look for.
    """
    found = _all_tags()
    return found is None or not found.isdisjoint(names)


def has_namespaced() -> bool:
    """Could an element in an XML namespace be in the documents? (True if unknown.)"""
    found = _all_tags()
    return found is None or "{" in "".join([tag for tag in found if type(tag) is str])
