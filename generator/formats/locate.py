"""From a place in the built XML back to the key in the draft that produced it.

Checks run on the XML a draft builds to; the person who wrote the draft wants to hear about the
draft's own keys and lines (``table_1[2].price (line 24)``), not about line 40 of an XML file
they never saw. The mapping follows the template's structure: one table row per row element, one
draft key per column element.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from generator.formats.draft import KeyPath, format_path
from generator.model import xmlnames
from generator.model.problems import Problem

_COLUMN_KEYS = {
    **xmlnames.ROW_COLUMNS,
    **{tag: key for key, tag in xmlnames.OWNER_ID},
    **xmlnames.OWNER_GROUPS,
    **{tag: key for key, tag in xmlnames.ISSUER},
}
_TOP_KEYS = xmlnames.TOP
_TABLES = xmlnames.TABLES


def _position(element: etree._Element) -> int:
    """0-based position among the siblings of the same name."""
    return sum(1 for other in element.itersiblings(preceding=True) if other.tag == element.tag)


def draft_path(element: etree._Element) -> KeyPath:
    """The draft key path of an element of a built document (as deep as the draft goes)."""
    chain = []
    node: etree._Element | None = element
    while node is not None and node.getparent() is not None:
        chain.append(node)
        node = node.getparent()
    chain.reverse()
    if not chain:
        return ()
    top = chain[0]
    tag = str(top.tag)
    if tag in _TABLES and len(chain) > 1:
        index = list(top).index(chain[1])
        path: list[str | int] = [_TABLES[tag], index]
        for part in chain[2:]:
            key = _COLUMN_KEYS.get(str(part.tag))
            if key:
                path.append(key)
                break
        return tuple(path)
    if tag == "reportingOwner":
        path = ["reporting_owners", _position(top)]
        for part in chain[1:]:
            key = _COLUMN_KEYS.get(str(part.tag))
            if key:
                path.append(key)
                break
        return tuple(path)
    if tag == "ownerSignature":
        return ("signatures", _position(top))
    if tag == "footnotes" and len(chain) > 1:
        return ("footnotes", str(chain[1].get("id")))
    if tag == "issuer" and len(chain) > 1:
        key = _COLUMN_KEYS.get(str(chain[1].tag))
        return ("issuer", key) if key else ("issuer",)
    key = _TOP_KEYS.get(tag)
    return (key,) if key else ()


def key_path(problem: Problem, tree: etree._ElementTree) -> KeyPath:
    """The draft key a problem found in a built document is about (() for the whole filing)."""
    if not problem.location:
        return ()
    found = tree.xpath(problem.location)
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return draft_path(found[0])
    if (missing := problem.location.rsplit("/", 1)[-1]) in _TOP_KEYS:
        return (_TOP_KEYS[missing],)  # an element the document lacks, such as aff10b5One
    return ()


def relocate(
    problems: list[Problem], tree: etree._ElementTree, lines: Mapping[KeyPath, int]
) -> list[Problem]:
    """Problems found in a built document, re-pointed at the draft's keys and lines."""
    moved = []
    for problem in problems:
        path = key_path(problem, tree)
        key = path
        while key and key not in lines:
            key = key[:-1]
        moved.append(
            problem._replace(
                location=format_path(path) or None, line=lines.get(key) if key else None
            )
        )
    return moved
