"""Finding elements in pure Python: lxml's ``find`` answered from a dictionary per document.

The rules find elements through ``elements``, which answers from here. lxml's ``find`` runs its
ElementPath machinery on every call, and the rules look up a few hundred children per document.
``build`` first indexes every element of the document (and of ``--previous``) by (parent, tag)
in one pass, mostly in C (``map``, ``zip``, ``dict``); ``find``/``findall``/``child``/``child2``
then answer from that index with exactly what ``element.find(path)`` /
``element.findall(path)`` give for a path of plain tag names ("a", "a/b"): the first match, in
document order. Between ``build`` and ``clear`` only elements of the indexed trees may be asked
about; outside that window, or for a document too large to be worth indexing, the functions
are lxml's own.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import filterfalse
from operator import attrgetter

from lxml import etree

#: Documents with more elements than this are not indexed (real filings have a few hundred).
MAX_INDEXED = 20_000

Element = etree._Element
Key = tuple[Element | None, object]

_first: dict[Key, Element] = {}  # the first child of a parent with a tag
_multi: dict[Key, list[Element]] = {}  # all of them, where there are several
_repeated: set[Element | None] = set()  # the parents in _multi: a tag given twice among children
_indexed = False
_tag_list: list[object] = []  # the tag of every element
_tag_set: set[object] | None = None  # the same as a set, made when first asked for
_PATHS: dict[str, tuple[str, ...]] = {}
_EMPTY: list[Element] = []  # shared: callers only read what these functions return
_parent_of = etree._Element.getparent
_tag_of = attrgetter("tag")


def build(*trees: etree._ElementTree) -> None:
    """Index the elements of ``trees`` by (parent, tag), unless there are too many."""
    global _first, _multi, _indexed, _tag_list, _repeated
    clear()
    elements = list(trees[0].getroot().iter())
    for tree in trees[1:]:
        elements.extend(tree.getroot().iter())
    if len(elements) > MAX_INDEXED:
        return
    tags = list(map(_tag_of, elements))
    _first, _multi = _pairs(elements, tags)
    _indexed, _tag_list, _repeated = True, tags, {parent for parent, _ in _multi}


def _pairs(
    elements: list[Element], tags: list[object]
) -> tuple[dict[Key, Element], dict[Key, list[Element]]]:
    """The first child of each (parent, tag) and, where there are several, all of them.

    The dictionary is made in C from (parent, tag) pairs, read backwards so that the earliest
    child of each pair wins. Children that did not win are the few repeated ones (the rows of
    a table, the owners, the footnotes); their parents' lists are read from lxml.
    """
    keys = list(zip(map(_parent_of, elements), tags, strict=True))
    first = dict(zip(reversed(keys), reversed(elements), strict=True))
    multi: dict[Key, list[Element]] = {}
    if len(first) != len(keys):  # some parents have several children of one tag
        earliest = set(first.values())
        for element in filterfalse(earliest.__contains__, elements):
            parent = _parent_of(element)
            key = (parent, element.tag)
            if parent is not None and key not in multi:
                multi[key] = list(parent.iterchildren(element.tag))
    return first, multi


def clear() -> None:
    """Forget the index (after the rules have run: it holds the document's elements)."""
    global _first, _multi, _indexed, _tag_list, _tag_set, _repeated
    _first, _multi, _indexed, _tag_list, _tag_set, _repeated = {}, {}, False, [], None, set()


def lookup() -> Callable[[Key], Element | None]:
    """``(parent, tag) -> parent.find(tag)`` as one callable (None for no parent), for a reader
    of many children at once (``facts.Row``): the index's own ``dict.get``, called without a
    function of ours around it, or lxml's ``find`` when nothing is indexed."""
    return _first.get if _indexed else _find_child


def _find_child(key: Key) -> Element | None:
    parent, tag = key
    return None if parent is None else parent.find(str(tag))


def alone(parent: Element | None) -> bool:
    """Is the first child of each tag of ``parent`` its only child of that tag? Then
    ``child2(parent, tag, inner)`` is ``child(child(parent, tag), inner)`` and a two-step
    ``find`` below ``parent`` is two ``child`` lookups. (False when nothing is indexed.)"""
    return _indexed and parent not in _repeated


def child(parent: Element | None, tag: str) -> Element | None:
    """``parent.find(tag)``: the first child with ``tag`` (None for no parent)."""
    if parent is None:
        return None
    if _indexed:
        return _first.get((parent, tag))
    return parent.find(tag)


def child2(parent: Element | None, tag: str, inner: str) -> Element | None:
    """``parent.find("tag/inner")``: the first ``inner`` child of any ``tag`` child."""
    if parent is None:
        return None
    if not _indexed:
        return parent.find(f"{tag}/{inner}")
    key = (parent, tag)
    several = _multi.get(key)
    if several is None:
        middle = _first.get(key)
        return None if middle is None else _first.get((middle, inner))
    for middle in several:
        found = _first.get((middle, inner))
        if found is not None:
            return found
    return None


def _children(parent: Element, tag: str) -> list[Element]:
    key = (parent, tag)
    found = _multi.get(key)
    if found is not None:
        return found
    one = _first.get(key)
    return _EMPTY if one is None else [one]


def _split(path: str) -> tuple[str, ...]:
    parts = _PATHS[path] = tuple(path.split("/"))
    return parts


def findall(element: Element, path: str) -> list[Element]:
    """``element.findall(path)`` for a path of plain tag names, in document order."""
    if not _indexed:
        return element.findall(path)
    if "/" not in path:
        return _children(element, path)
    parts = _PATHS.get(path) or _split(path)
    found = _children(element, parts[0])
    for part in parts[1:]:
        if len(found) == 1:
            found = _children(found[0], part)
        else:
            found = [child for parent in found for child in _children(parent, part)]
        if not found:
            return _EMPTY
    return found


def find(element: Element, path: str) -> Element | None:
    """``element.find(path)`` for a path of plain tag names."""
    if not _indexed:
        return element.find(path)
    if "/" not in path:
        return _first.get((element, path))
    parts = _PATHS.get(path) or _split(path)
    node: Element | None = element
    for part in parts[:-1]:
        if (node, part) in _multi:  # several to look into: the general way
            found = findall(element, path)
            return found[0] if found else None
        node = _first.get((node, part))
        if node is None:
            return None
    return _first.get((node, parts[-1]))


def siblings(root: Element, tag: str) -> list[list[Element]] | None:
    """Every group of two or more children with ``tag`` of one parent in ``root``'s document,
    in document order within each group (None when nothing is indexed)."""
    if not _indexed:
        return None
    return [
        several
        for (parent, name), several in _multi.items()
        if name == tag and parent is not None and parent.getroottree().getroot() is root
    ]


def tags() -> set[object] | None:
    """Every tag in the indexed trees (None when nothing is indexed): a rule that looks for a
    rare element (a processing instruction, a namespace) learns here that there is none."""
    global _tag_set
    if not _indexed:
        return None
    if _tag_set is None:
        _tag_set = set(_tag_list)
    return _tag_set
