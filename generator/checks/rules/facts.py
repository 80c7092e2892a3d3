"""What the rules read from a row or a reporting owner, read once.

Several rules look at the same values of a row (its date, code, ownership, amounts) and of an
owner (CIK, relationship boxes). They are read once per document, through ``elements``. Each
attribute is exactly what ``element.find(path)`` gives (the first match, even in a row the
schema refuses, with a child given twice), so the rules report the same findings as if they
looked the values up themselves.
"""

from __future__ import annotations

from datetime import date
from itertools import repeat

from lxml import etree

from generator.checks.rules.elements import alone, child2, find, lookup

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


#: The children of a row the rules read, in the order ``Row`` unpacks them.
_PARTS = (
    "securityTitle", "transactionDate", "deemedExecutionDate", "ownershipNature",
    "underlyingSecurity", "postTransactionAmounts", "transactionCoding",
    "transactionTimeliness", "transactionAmounts",
)  # fmt: skip


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

    def __init__(self, element: Element, table: str | None = None, tag: str | None = None) -> None:
        """``table`` and ``tag``: the table's tag and the row's, when the caller knows them
        (reading a tag makes a new string each time: a table's rows are read by name)."""
        self.element = element
        if table is None:
            parent = element.getparent()
            table = parent.tag if parent is not None else ""
        #: The table's tag ('' for a row outside any table).
        self.table: str = table
        self.is_transaction = transaction = (element.tag if tag is None else tag) in TRANSACTIONS
        # The row's parts in one call (about 40 lookups a row, the rules' most frequent reads).
        get = lookup()
        (title, self.date_element, deemed, self.nature, self.underlying, self.post, coding,
         timeliness, amounts) = map(get, zip(repeat(element), _PARTS))  # fmt: skip
        nature = self.nature
        if alone(element):  # no part given twice: each value is the first part's
            self.date_value = date_value = get((self.date_element, "value"))
            self.deemed_value = get((deemed, "value"))
            form_type = get((coding, "transactionFormType"))
            self.code_element = get((coding, "transactionCode")) if transaction else None
            self.timeliness_value = timeliness_value = get((timeliness, "value"))
        else:  # a part given twice (a row the schema refuses): read as lxml's find reads it
            self.date_value = date_value = child2(element, "transactionDate", "value")
            self.deemed_value = child2(element, "deemedExecutionDate", "value")
            form_type = find(element, "transactionCoding/transactionFormType")
            code = child2(element, "transactionCoding", "transactionCode")
            self.code_element = code if transaction else None
            self.timeliness_value = child2(element, "transactionTimeliness", "value")
            timeliness_value = get((timeliness, "value"))
        #: securityTitle/value, stripped (of the first securityTitle).
        self.title = text(get((title, "value")))
        #: transactionDate/value (the first such value, as lxml's find gives it).
        self.date = as_date(text(date_value))
        self.deemed_element = deemed if transaction else None
        self.direct_element = direct = get((nature, "directOrIndirectOwnership"))
        self.nature_element = get((nature, "natureOfOwnership"))
        if alone(nature):
            self.nature_value = get((self.nature_element, "value"))
            direct_value = get((direct, "value"))
        else:
            self.nature_value = child2(nature, "natureOfOwnership", "value")
            direct_value = (
                find(nature, "directOrIndirectOwnership/value") if nature is not None else None
            )
        #: D or I (directOrIndirectOwnership), '' when not given.
        self.direct = text(direct_value)
        if transaction:
            #: transactionFormType ("4" or "5"; "4" when not given).
            self.form_type = text(form_type) or "4"
            self.code = text(self.code_element)
            #: The value of the first transactionTimeliness.
            self.timeliness = text(timeliness_value)
            self.amounts = amounts
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
        get = lookup()
        ids = get((element, "reportingOwnerId"))
        relationship = get((element, "reportingOwnerRelationship"))
        #: The first CIK in any reportingOwnerId (lxml's find).
        self.cik_element = (
            get((ids, "rptOwnerCik"))
            if alone(element)
            else child2(element, "reportingOwnerId", "rptOwnerCik")
        )
        self.cik = text(self.cik_element)
        self.relationship = relationship
        #: Which of director, officer, 10% owner, other are ticked.
        self.boxes = tuple(
            [
                text(found).lower() in TRUE
                for found in map(get, zip(repeat(relationship), RELATIONSHIPS))
            ]
        )
        self.officer_title = text(get((relationship, "officerTitle")))
        self.other_text = text(get((relationship, "otherText")))

    @property
    def label(self) -> str:
        """The CIK, as messages name the owner ("?" when not given)."""
        return self.cik or "?"
