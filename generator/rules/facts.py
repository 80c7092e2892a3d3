"""What the rules read from a row or a reporting owner, read once.

Several rules look at the same values of a row (its date, code, ownership, amounts) and of an
owner (CIK, relationship boxes). Reading them once per document, with the index's dictionary
lookups instead of a ``find`` per rule, is what keeps the business rules cheaper than the
parse. Each attribute is exactly what ``element.find(path)`` gives (the first match), so the
rules report the same findings as if they looked the values up themselves.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from generator.rules.index import child, child2, find, lookups

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


def is_true(element: Element | None) -> bool:
    """An xs:boolean element that says true ("1" or "true")."""
    return text(element).lower() in ("1", "true")


#: Dates already read: a filing repeats the same few dates on every row.
_DATES: dict[str, date | None] = {}


def as_date(raw: str) -> date | None:
    """A date value (an XML time-zone suffix is allowed), or None when empty or not a date."""
    if not raw:
        return None
    if raw in _DATES:
        return _DATES[raw]
    from generator.values import parse_date

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
        # Plain dictionary lookups (see ``index.lookups``): a row is read some twenty times.
        # ``get((None, tag))`` is None, so a missing element needs no test before the next.
        get, several = lookups(element)

        def inner(tag: str, name: str) -> Element | None:
            """``element.find("tag/name")``: the first ``name`` in any ``tag`` child."""
            if (element, tag) in several:
                return child2(element, tag, name)
            return get((get((element, tag)), name))

        self.element = element
        parent = element.getparent()
        #: The table's tag ('' for a row outside any table).
        self.table: str = str(parent.tag) if parent is not None else ""
        self.is_transaction = element.tag in TRANSACTIONS
        #: securityTitle/value, stripped.
        self.title = text(get((get((element, "securityTitle")), "value")))
        self.date_element = date_element = get((element, "transactionDate"))
        #: transactionDate/value (the first such value, as lxml's find gives it).
        self.date_value = inner("transactionDate", "value")
        self.date = as_date(text(get((date_element, "value"))))
        self.deemed_value = inner("deemedExecutionDate", "value")
        self.nature = nature = get((element, "ownershipNature"))
        self.direct_element = get((nature, "directOrIndirectOwnership"))
        self.nature_element = get((nature, "natureOfOwnership"))
        if (nature, "directOrIndirectOwnership") in several or (
            nature,
            "natureOfOwnership",
        ) in several:
            direct = child2(nature, "directOrIndirectOwnership", "value")
            self.nature_value = child2(nature, "natureOfOwnership", "value")
        else:
            direct = get((self.direct_element, "value"))
            self.nature_value = get((self.nature_element, "value"))
        #: D or I (directOrIndirectOwnership), '' when not given.
        self.direct = text(direct)
        self.underlying = get((element, "underlyingSecurity"))
        self.post = get((element, "postTransactionAmounts"))
        if self.is_transaction:
            #: transactionFormType ("4" or "5"; "4" when not given).
            self.form_type = text(inner("transactionCoding", "transactionFormType")) or "4"
            self.code_element = inner("transactionCoding", "transactionCode")
            self.code = text(self.code_element)
            self.deemed_element = get((element, "deemedExecutionDate"))
            self.timeliness_value = inner("transactionTimeliness", "value")
            #: The value of the first transactionTimeliness.
            self.timeliness = text(get((get((element, "transactionTimeliness")), "value")))
            self.amounts = get((element, "transactionAmounts"))
        else:
            self.form_type, self.code_element, self.code = "", None, ""
            self.deemed_element = self.timeliness_value = self.amounts = None
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
        self.cik_element = child2(element, "reportingOwnerId", "rptOwnerCik")
        self.cik = text(self.cik_element)
        self.relationship = relationship = child(element, "reportingOwnerRelationship")
        #: Which of director, officer, 10% owner, other are ticked.
        self.boxes = tuple(is_true(child(relationship, box)) for box in RELATIONSHIPS)
        self.officer_title = text(child(relationship, "officerTitle"))
        self.other_text = text(child(relationship, "otherText"))

    @property
    def label(self) -> str:
        """The CIK, as messages name the owner ("?" when not given)."""
        return self.cik or "?"
