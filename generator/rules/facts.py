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

from generator.rules.index import child2, find, lookups

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
        get, repeated = lookups(element)
        self.element = element
        parent = element.getparent()
        #: The table's tag ('' for a row outside any table).
        self.table: str = parent.tag if parent is not None else ""
        self.is_transaction = transaction = element.tag in TRANSACTIONS
        #: securityTitle/value, stripped.
        self.title = text(get((get((element, "securityTitle")), "value")))
        self.date_element = date_element = get((element, "transactionDate"))
        #: transactionDate/value (the first such value, as lxml's find gives it).
        self.date_value = date_value = get((date_element, "value"))
        self.date = as_date(text(date_value))
        self.deemed_element = deemed = get((element, "deemedExecutionDate"))
        self.deemed_value = get((deemed, "value"))
        if not transaction:
            self.deemed_element = None
        self.nature = nature = get((element, "ownershipNature"))
        self.direct_element = direct = get((nature, "directOrIndirectOwnership"))
        self.nature_element = how = get((nature, "natureOfOwnership"))
        self.nature_value = get((how, "value"))
        #: D or I (directOrIndirectOwnership), '' when not given.
        self.direct = text(get((direct, "value")))
        self.underlying = get((element, "underlyingSecurity"))
        self.post = get((element, "postTransactionAmounts"))
        if transaction:
            coding = get((element, "transactionCoding"))
            #: transactionFormType ("4" or "5"; "4" when not given).
            self.form_type = text(get((coding, "transactionFormType"))) or "4"
            self.code_element = get((coding, "transactionCode"))
            self.code = text(self.code_element)
            self.timeliness_value = get((get((element, "transactionTimeliness")), "value"))
            #: The value of the first transactionTimeliness.
            self.timeliness = text(self.timeliness_value)
            self.amounts = get((element, "transactionAmounts"))
        else:
            self.form_type, self.code_element, self.code = "", None, ""
            self.timeliness_value = self.amounts = None
            self.timeliness = ""
        if element in repeated or nature in repeated:
            self._read_malformed(element, nature)

    def _read_malformed(self, element: Element, nature: Element | None) -> None:
        """A row with several children of one tag (the schema refuses it): where lxml's
        ``find("a/b")`` looks into every ``a`` for the first ``b``, so do these values."""
        self.date_value = child2(element, "transactionDate", "value")
        self.deemed_value = child2(element, "deemedExecutionDate", "value")
        self.direct = text(child2(nature, "directOrIndirectOwnership", "value"))
        self.nature_value = child2(nature, "natureOfOwnership", "value")
        if self.is_transaction:
            self.form_type = text(child2(element, "transactionCoding", "transactionFormType"))
            self.form_type = self.form_type or "4"
            self.code_element = child2(element, "transactionCoding", "transactionCode")
            self.code = text(self.code_element)
            self.timeliness_value = child2(element, "transactionTimeliness", "value")

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
        get, repeated = lookups(element)
        self.element = element
        if element in repeated:  # several ids: the first CIK in any (lxml's find)
            self.cik_element = child2(element, "reportingOwnerId", "rptOwnerCik")
        else:
            self.cik_element = get((get((element, "reportingOwnerId")), "rptOwnerCik"))
        self.cik = text(self.cik_element)
        self.relationship = relationship = get((element, "reportingOwnerRelationship"))
        #: Which of director, officer, 10% owner, other are ticked.
        self.boxes = tuple([is_true(get((relationship, box))) for box in RELATIONSHIPS])
        self.officer_title = text(get((relationship, "officerTitle")))
        self.other_text = text(get((relationship, "otherText")))

    @property
    def label(self) -> str:
        """The CIK, as messages name the owner ("?" when not given)."""
        return self.cik or "?"
