"""Ownership XML of any version (X0201 … X0609) -> a Filing that keeps what it says.

Real filings are forgiving where the schema is: empty elements, ``0/1`` and ``true/false``
mixed, values given only by footnote, numbers such as ``.49`` or ``881.0000``, dates with a
time-zone suffix. The importer reads all of that and keeps it as written: the schemaVersion,
the digits of every number, empty elements, line breaks, what EDGAR itself inserted (names,
state descriptions), old foreign state codes and the absence of the Rule 10b5-1 box, so that
``--profile record`` gives back the document the SEC's stylesheet showed. What must change for
a filing sent today is changed when it is built for submission (``upgrade.py``) or asked of the
filer; each such point is listed here as a note.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from generator.formats.draft import filing_from_data
from generator.formats.reading import read_xml_source
from generator.formats.xmlsource import XmlSource, byte_order_mark, parse_ownership
from generator.model import codes, upgrade, values, xmlnames
from generator.model.filing import Filing
from generator.support.errors import DraftError, InputError

Element = etree._Element

#: More elements than any filing holds: such a document is refused, not imported row by row.
MAX_ELEMENTS = 20_000


@dataclass
class Imported:
    """A filing read from XML and the notes on what was changed to fit the current form."""

    filing: Filing
    notes: list[str] = field(default_factory=list)
    source: str = ""


def _text(element: Element | None) -> str | None:
    """The stripped text of an element, or None when it is absent or empty."""
    if element is None:
        return None
    text = "".join(str(t) for t in element.itertext()).strip()
    return text or None


def _kept_text(element: Element | None) -> str | None:
    """The stripped text of an element; ``""`` when it is there but empty (kept for the record)."""
    if element is None:
        return None
    return "".join(str(t) for t in element.itertext()).strip()


def _date(text: str) -> str:
    return values.parse_date(text, allow_timezone=True).isoformat()


def _noted(
    element: Element | None, convert: Callable[[str], Any] = str
) -> dict[str, Any] | str | None:
    """The value/footnoteId pattern -> ``{value, footnotes}``; None when the element is absent.

    An element there without a value is kept as the draft's blank: ``''`` for ``<tag></tag>``,
    ``{value: ''}`` for ``<tag><value></value></tag>``; only ``--profile record`` writes them.
    """
    if element is None:
        return None
    value_element = element.find("value")
    value = _text(value_element)
    notes = [ref.get("id") for ref in element.iterfind("footnoteId")]
    if value is None and not notes:
        return "" if value_element is None else {"value": ""}
    out: dict[str, Any] = {}
    if value is not None:
        out["value"] = convert(value)
    elif value_element is not None:
        out["value"] = ""
    if notes:
        out["footnotes"] = notes
    return out


def _flag(element: Element | None) -> bool | None:
    text = _text(element)
    return None if text is None else values.parse_bool(text)


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        data[key] = value


class _Reader:
    """Reads one ownershipDocument; collects upgrade notes as it goes."""

    def __init__(self, root: Element, document_type: str) -> None:
        self.root = root
        self.form = codes.FormType(document_type)
        self.notes: list[str] = []

    def filing(self) -> dict[str, Any]:
        root = self.root
        data: dict[str, Any] = {"form": self.form.value}
        key = xmlnames.TOP
        _put(data, key["schemaVersion"], _text(root.find("schemaVersion")))
        _put(data, key["periodOfReport"], _date(_text(root.find("periodOfReport")) or ""))
        original = _text(root.find("dateOfOriginalSubmission"))
        _put(data, key["dateOfOriginalSubmission"], _date(original) if original else None)
        _put(data, key["notSubjectToSection16"], _flag(root.find("notSubjectToSection16")))
        aff = _flag(root.find("aff10b5One"))
        if aff is None and self.form.has_transactions:
            self.notes.append(
                "The Rule 10b5-1 box (aff10b5One) is absent: this filing predates it (EDGAR 23.1, "
                "2023). The draft leaves rule_10b5_1_plan unanswered, as the filing did; to send "
                "it (an amendment, say), answer it with true or false."
            )
        _put(data, key["aff10b5One"], aff)
        data[key["issuer"]] = self.issuer(root.find("issuer"))
        data[key["reportingOwner"]] = [
            self.owner(owner, i) for i, owner in enumerate(root.iterfind("reportingOwner"), 1)
        ]
        # A table or footnotes element is kept even when empty: the record had it.
        for table, draft_key in xmlnames.TABLES.items():
            if root.find(table) is not None:
                derivative = table == "derivativeTable"
                data[draft_key] = [
                    self.row(row, derivative=derivative) for row in root.iterfind(f"{table}/*")
                ]
        if root.find("footnotes") is not None:
            data[key["footnotes"]] = {
                note.get("id"): _kept_text(note) for note in root.iterfind("footnotes/footnote")
            }
        _put(data, key["remarks"], _kept_text(root.find("remarks")))
        data[key["ownerSignature"]] = [
            self.signature(sig) for sig in root.iterfind("ownerSignature")
        ]
        for box in ("noSecuritiesOwned", "form3HoldingsReported", "form4TransactionsReported"):
            _put(data, key[box], _flag(root.find(box)))
        return data

    def signature(self, element: Element) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, tag in xmlnames.SIGNATURE:
            found = _text(element.find(tag))
            data[key] = _date(found or "") if key == "date" else found
        return data

    def issuer(self, element: Element | None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if element is None:
            return data
        for key, tag in xmlnames.ISSUER:
            read = _kept_text if key == "foreign_ticker" else _text
            _put(data, key, read(element.find(tag)))
        return data

    def owner(self, element: Element, number: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        ident = element.find("reportingOwnerId")
        if ident is not None:
            for key, tag in xmlnames.OWNER_ID:
                if key != "ccc":
                    _put(data, key, _text(ident.find(tag)))
            if _text(ident.find("rptOwnerCcc")):  # e.g. a package read back: keep it out
                self.notes.append(
                    f"Reporting owner {number}: the file holds the owner's CCC; it is left out "
                    "of the draft (a credential does not belong in a draft). sec16 package "
                    "takes it from SEC16_CCC_<CIK>, the credentials file or a prompt."
                )
        address = element.find("reportingOwnerAddress")
        if address is not None:
            data[xmlnames.OWNER_GROUPS["reportingOwnerAddress"]] = self.address(address)
        rel = element.find("reportingOwnerRelationship")
        relationship: dict[str, Any] = {}
        if rel is not None:
            for key, tag in xmlnames.RELATIONSHIP_BOXES:
                _put(relationship, key, _flag(rel.find(tag)))
            for key, tag in xmlnames.RELATIONSHIP_TEXTS:
                _put(relationship, key, _kept_text(rel.find(tag)))
        data[xmlnames.OWNER_GROUPS["reportingOwnerRelationship"]] = relationship
        return data

    def address(self, element: Element) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, tag in xmlnames.ADDRESS:
            read = _flag if key in xmlnames.ADDRESS_FLAGS else _kept_text
            _put(data, key, read(element.find(tag)))
        return data

    def row(self, element: Element, *, derivative: bool) -> dict[str, Any]:
        is_transaction = element.tag.endswith("Transaction")
        data: dict[str, Any] = {"kind": "transaction" if is_transaction else "holding"}
        for group, tag, key in xmlnames.ROW:
            if group == "transactionCoding" or key == "acquired_disposed":
                continue  # read below: the coding's parts, and the code's footnotes in Table II
            if (key in xmlnames.DERIVATIVE_ONLY and not derivative) or (
                key in xmlnames.TRANSACTION_ONLY and not is_transaction
            ):
                continue
            parent = element.find(group) if group else element
            if parent is not None:
                convert = _date if key in xmlnames.DATE_COLUMNS else str
                _put(data, key, _noted(parent.find(tag), convert))
        if is_transaction:
            self.coding(element.find("transactionCoding"), data)
            amounts = element.find("transactionAmounts")
            if amounts is not None:
                ad = _noted(amounts.find("transactionAcquiredDisposedCode"))
                if derivative and isinstance(ad, dict):
                    self.move_ad_footnotes(element, ad.get("footnotes", []), data)
                    ad = ad.get("value") or None
                elif derivative:
                    ad = None
                _put(data, "acquired_disposed", ad)
        else:
            coding = element.find("transactionCoding")
            if coding is not None:  # kept as the record has it, even empty
                form_type = _kept_text(coding.find("transactionFormType"))
                notes = [ref.get("id") for ref in coding.iterfind("footnoteId")]
                data["form_type"] = {
                    **({"value": form_type} if form_type is not None else {}),
                    **({"footnotes": notes} if notes else {}),
                } or ""
        return data

    def move_ad_footnotes(self, row: Element, notes: list[str], data: dict[str, Any]) -> None:
        """Footnotes on a Table II (A) or (D) code (from another tool or schema version; v5.5
        allows none there) go to the number of securities: on the form both are column 5, and a
        footnote left behind would be unreferenced, which EDGAR suspends."""
        if not notes:
            return
        column = "shares" if "shares" in data or "total_value" not in data else "total_value"
        target = data.setdefault(column, {})
        target["footnotes"] = [*target.get("footnotes", []), *notes]
        table = row.getparent()
        number = table.index(row) + 1 if table is not None else 1
        self.notes.append(
            f"Table II row {number}: footnote(s) {', '.join(map(str, notes))} referred to the "
            "acquired (A) or disposed (D) code, where the current schema (v5.5) allows none; "
            "the draft attaches them to the number of derivative securities, column 5 of the "
            "form, which the code belongs to."
        )

    def coding(self, element: Element | None, data: dict[str, Any]) -> None:
        if element is None:
            return
        _put(data, "form_type", _text(element.find("transactionFormType")))
        code = _text(element.find("transactionCode"))
        notes = [ref.get("id") for ref in element.iterfind("footnoteId")]
        if code is not None or notes:
            data["code"] = {
                **({"value": code} if code is not None else {}),
                **({"footnotes": notes} if notes else {}),
            }
        _put(data, "equity_swap", _flag(element.find("equitySwapInvolved")))


def import_source(source: XmlSource, name: str) -> Imported:
    """Read ownership XML (already unwrapped from a submission) into a Filing."""
    tree, document_type = parse_ownership(source, name)
    size = sum(1 for _ in tree.getroot().iter())
    if size > MAX_ELEMENTS:
        raise InputError(
            f"{name}: the document holds {size:,} elements; a filing has a few hundred (60 rows "
            "and 99 footnotes make about 3,000), so sec16 does not import it. Check that this "
            "is the right file"
        )
    reader = _Reader(tree.getroot(), document_type)
    if mark := byte_order_mark(source.data):
        reader.notes.append(
            f"The file starts with a {mark} byte-order mark, which EDGAR may take for text "
            "before the XML declaration (a SUSPENSE error, spec §4.1); the draft keeps the "
            "content, and sec16 build never writes a byte-order mark."
        )
    try:
        data = reader.filing()
        filing = filing_from_data(data, {}, name)
    except ValueError as err:
        raise InputError(f"{name}: cannot be imported: {err}") from None
    except DraftError as err:
        details = "; ".join(f"{p.place.path}: {p.message}" for p in err.problems[:5])
        raise InputError(f"{name}: cannot be imported: {details}") from None
    return Imported(filing, reader.notes + _legacy_state_notes(filing), name)


def _legacy_state_notes(filing: Filing) -> list[str]:
    """Old foreign state codes the draft keeps as filed; ``upgrade`` decides which they are."""
    notes = []
    for number, owner in enumerate(filing.reporting_owners, 1):
        if owner.address is None or (country := upgrade.legacy_country(owner.address)) is None:
            continue
        notes.append(
            f"Reporting owner {number}: the state code {owner.address.state} is a foreign code "
            "from before v5.5; the draft keeps it as filed, and building it for submission "
            f"sends a non-U.S. address with country {country} "
            f"({codes.COUNTRIES.get(country, country)})."
        )
    return notes


def import_file(path: Path) -> Imported:
    """Import an ownership XML file or a full EDGAR submission text file."""
    return import_source(read_xml_source(path), str(path))
