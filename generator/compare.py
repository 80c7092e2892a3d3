"""Does a rebuilt filing hold the same information as its original?

Both documents are reduced to a canonical form that ignores only what carries no information
for a filer: whitespace around values, empty elements, ``0/1`` versus ``false/true``, the
spelling of numbers (``1000.00`` = ``1000``), ``schemaVersion``, and the upgrades the importer
makes to bring an old filing into the current form (the Rule 10b5-1 box added as false, a
pre-v5.5 foreign state code turned into a non-U.S. address). Dates are compared as dates, so a
time-zone suffix that EDGAR sometimes writes (``2021-09-30-05:00``) does not count as a change.
``sec16 compare ORIGINAL REBUILT`` runs this on a user's own archive.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from generator import codes

Canonical = tuple[str, tuple[tuple[str, str], ...], str, tuple[Any, ...]]

_BOOLEAN_TAGS = {
    "noSecuritiesOwned", "notSubjectToSection16", "form3HoldingsReported",
    "form4TransactionsReported", "aff10b5One", "isDirector", "isOfficer", "isTenPercentOwner",
    "isOther", "rptOwnerNonUSAddressFlag", "rptOwnerGoodAddress", "equitySwapInvolved",
}  # fmt: skip
_NUMBER = re.compile(r"[0-9]*\.?[0-9]+|[0-9]+\.")
_DATE_TZ = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})")
_UNORDERED = {"reportingOwnerAddress"}


def _value(tag: str, parent_tag: str, text: str) -> str:
    text = text.strip()
    if tag in _BOOLEAN_TAGS or parent_tag in _BOOLEAN_TAGS:
        lowered = text.lower()
        return {"1": "true", "0": "false"}.get(lowered, lowered)
    if date := _DATE_TZ.fullmatch(text):
        return date.group(1)
    if _NUMBER.fullmatch(text) and tag in ("value",):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        normal = format(number.normalize(), "f")
        return normal.rstrip("0").rstrip(".") if "." in normal else normal
    return text


def _canonical(element: etree._Element, parent_tag: str = "") -> Canonical | None:
    tag = str(element.tag)
    children = []
    for child in element:
        if not isinstance(child.tag, str) or child.tag == "schemaVersion":
            continue
        canon = _canonical(child, tag)
        if canon is not None:
            children.append(canon)
    if tag in _UNORDERED:
        children.sort()
    text = _value(
        tag,
        parent_tag,
        "".join(str(t) for t in element.itertext()) if not len(element) else (element.text or ""),
    )
    attributes = tuple(sorted((str(k), str(v)) for k, v in element.attrib.items()))
    if not text and not children and not attributes:
        return None
    return (tag, attributes, text, tuple(children))


def upgrade_original(root: etree._Element) -> etree._Element:
    """Apply to an original the same upgrades the importer makes (a copy; the input is kept)."""
    root = etree.fromstring(etree.tostring(root))
    document_type = (root.findtext("documentType") or "").strip()
    if document_type.rstrip("/A") in ("4", "5") and root.find("aff10b5One") is None:
        owners = root.findall("reportingOwner")
        flag = etree.Element("aff10b5One")
        flag.text = "false"
        if owners:
            owners[-1].addnext(flag)
    for state in root.iterfind("reportingOwner/reportingOwnerAddress/rptOwnerState"):
        code = (state.text or "").strip().upper()
        address = state.getparent()
        if not code or code in codes.US_STATES or address is None:
            continue
        country = codes.legacy_state_to_country(code)
        if country is None or address.find("rptOwnerCountry") is not None:
            continue
        address.remove(state)
        flag_element = etree.SubElement(address, "rptOwnerNonUSAddressFlag")
        flag_element.text = "true"
        country_element = etree.SubElement(address, "rptOwnerCountry")
        country_element.text = country
    return root


def differences(original: etree._Element, rebuilt: etree._Element, limit: int = 10) -> list[str]:
    """Human-readable differences between two ownership documents (empty when the same)."""
    left = _canonical(upgrade_original(original))
    right = _canonical(rebuilt)
    found: list[str] = []
    _diff(left, right, "/ownershipDocument", found, limit)
    return found


def _describe(node: Canonical | None) -> str:
    if node is None:
        return "nothing"
    tag, _, text, children = node
    return f"<{tag}>{text}" if text else f"<{tag}> with {len(children)} element(s)"


def _diff(
    left: Canonical | None, right: Canonical | None, path: str, found: list[str], limit: int
) -> None:
    if len(found) >= limit or left == right:
        return
    if left is None or right is None or left[:3] != right[:3]:
        found.append(f"{path}: original has {_describe(left)}, rebuilt has {_describe(right)}")
        return
    lkids, rkids = left[3], right[3]
    for index in range(max(len(lkids), len(rkids))):
        lchild = lkids[index] if index < len(lkids) else None
        rchild = rkids[index] if index < len(rkids) else None
        tag = (lchild or rchild)[0]  # type: ignore[index]
        _diff(lchild, rchild, f"{path}/{tag}[{index + 1}]", found, limit)
