"""What the rules read from a row or a reporting owner, read once.

Several rules look at the same values of a row (its date, code, ownership, amounts) and of an
owner (CIK, relationship boxes). They are read once per document, through ``elements``. Each
attribute is exactly what ``element.find(path)`` gives (the first match, even in a row the
schema refuses, with a child given twice), so the rules report the same findings as if they
looked the values up themselves.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from generator.checks.rules.elements import child, child2, find, text_at

Element = etree._Element

#: The two tables and the row elements each holds.
TABLES = ("nonDerivativeTable", "derivativeTable")
TRANSACTIONS = ("nonDerivativeTransaction", "derivativeTransaction")
HOLDINGS = ("nonDerivativeHolding", "derivativeHolding")

#: The four relationship boxes of a reporting owner, in the form's order.
RELATIONSHIPS = ("isDirector", "isOfficer", "isTenPercentOwner", "isOther")


def text(element: Element | None) -> str:
    """The stripped text of an element ('' when absent)."""
    return (element.text or "").strip() if element is not None else ""


#: How an xs:boolean says true.
TRUE = ("1", "true")


def is_true(element: Element | None) -> bool:
    """An xs:boolean element that says true ("1" or "true")."""
    return text(element).lower() in TRUE


#: Dates already read: a filing repeats the same few dates on every row.
_DATES: dict[str, date | None] = {}


def as_date(raw: str) -> date | None:
    """A date value (an XML time-zone suffix is allowed), or None when empty or not a date."""
    if not raw:
        return None
    if raw in _DATES:
        return _DATES[raw]
    from generator.model.values import parse_date

    try:
        day: date | None = parse_date(raw, allow_timezone=True)
    except ValueError:
        day = None
    if len(_DATES) > 10_000:
        _DATES.clear()
    _DATES[raw] = day
    return day


class Row:
    """A row of Table I or II: the elements and values the rules read, each read once."""

    __slots__ = (
        "amounts",
        "code",
        "code_element",
        "date",
        "date_element",
        "date_value",
        "deemed_element",
        "deemed_value",
        "direct",
        "direct_element",
        "element",
        "form_type",
        "is_transaction",
        "nature",
        "nature_element",
        "nature_value",
        "post",
        "table",
        "timeliness",
        "timeliness_value",
        "title",
        "underlying",
    )

    def __init__(self, element: Element) -> None:
        self.element = element
        parent = element.getparent()
        #: The table's tag ('' for a row outside any table).
        self.table: str = parent.tag if parent is not None else ""
        self.is_transaction = transaction = element.tag in TRANSACTIONS
        #: securityTitle/value, stripped (of the first securityTitle).
        self.title = text_at(child(element, "securityTitle"), "value")
        self.date_element = child(element, "transactionDate")
        #: transactionDate/value (the first such value, as lxml's find gives it).
        self.date_value = date_value = child2(element, "transactionDate", "value")
        self.date = as_date(text(date_value))
        self.deemed_element = child(element, "deemedExecutionDate") if transaction else None
        self.deemed_value = child2(element, "deemedExecutionDate", "value")
        self.nature = nature = child(element, "ownershipNature")
        self.direct_element = child(nature, "directOrIndirectOwnership")
        self.nature_element = child(nature, "natureOfOwnership")
        self.nature_value = child2(nature, "natureOfOwnership", "value")
        #: D or I (directOrIndirectOwnership), '' when not given.
        self.direct = text_at(nature, "directOrIndirectOwnership/value")
        self.underlying = child(element, "underlyingSecurity")
        self.post = child(element, "postTransactionAmounts")
        if transaction:
            #: transactionFormType ("4" or "5"; "4" when not given).
            self.form_type = text_at(element, "transactionCoding/transactionFormType") or "4"
            self.code_element = child2(element, "transactionCoding", "transactionCode")
            self.code = text(self.code_element)
            self.timeliness_value = child2(element, "transactionTimeliness", "value")
            #: The value of the first transactionTimeliness.
            self.timeliness = text_at(child(element, "transactionTimeliness"), "value")
            self.amounts = child(element, "transactionAmounts")
        else:
            self.form_type, self.code_element, self.code = "", None, ""
            self.timeliness_value = self.amounts = None
            self.timeliness = ""

    def amount(self, path: str) -> Element | None:
        """``transactionAmounts/<path>`` of a transaction, as lxml's find gives it."""
        if not self.is_transaction:
            return None
        return find(self.element, f"transactionAmounts/{path}")


class Owner:
    """A reporting owner: CIK and relationship boxes, read once for the owner rules."""

    __slots__ = (
        "boxes",
        "cik",
        "cik_element",
        "element",
        "officer_title",
        "other_text",
        "relationship",
    )

    def __init__(self, element: Element) -> None:
        self.element = element
        #: The first CIK in any reportingOwnerId (lxml's find).
        self.cik_element = child2(element, "reportingOwnerId", "rptOwnerCik")
        self.cik = text(self.cik_element)
        self.relationship = relationship = child(element, "reportingOwnerRelationship")
        #: Which of director, officer, 10% owner, other are ticked.
        self.boxes = tuple([text_at(relationship, box).lower() in TRUE for box in RELATIONSHIPS])
        self.officer_title = text_at(relationship, "officerTitle")
        self.other_text = text_at(relationship, "otherText")

    @property
    def label(self) -> str:
        """The CIK, as messages name the owner ("?" when not given)."""
        return self.cik or "?"
