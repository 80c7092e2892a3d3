"""Reporting owners: relationship boxes, duplicate CIKs and the non-U.S. address (spec v5.5 §3.3
cm(1)-(3), cm(9), cm(10), §3.5, §4.3.2)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from generator.checks.rules import elements
from generator.checks.rules.core import Document, Owner, Rule, child, is_true, rule, text
from generator.model.problems import Problem


@rule("relationship-none", "error", "spec v5.5 §3.3 cm(1)")
def relationship_none(rule: Rule, document: Document) -> Iterator[Problem]:
    """Each reporting owner ticks at least one relationship box."""
    for owner in document.owners:
        if owner.relationship is None:
            continue  # the schema requires the element
        if not any(owner.boxes):
            yield document.problem(
                rule,
                owner.relationship,
                f"Reporting owner {owner.label} ticks none of director, officer, 10% owner and "
                "other; EDGAR requires at least one to be true. Tick the owner's relationship "
                "to the issuer.",
            )


@rule("officer-title-missing", "error", "spec v5.5 §3.3 cm(2)")
def officer_title_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """An officer gives an officer title."""
    for owner in document.owners:
        if owner.relationship is not None and owner.boxes[1] and not owner.officer_title:
            yield document.problem(
                rule,
                owner.relationship,
                f"Reporting owner {owner.label} is an officer but gives no officer title; "
                'add it (officerTitle, e.g. "Chief Financial Officer", at most 30 characters).',
            )


@rule("other-text-missing", "error", "spec v5.5 §3.3 cm(3)")
def other_text_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """An owner whose relationship is "other" describes it."""
    for owner in document.owners:
        if owner.relationship is not None and owner.boxes[3] and not owner.other_text:
            yield document.problem(
                rule,
                owner.relationship,
                f'Reporting owner {owner.label} ticks "other" but does not say what the '
                'relationship is; add otherText (e.g. "Member of 10% group", at most 30 '
                "characters).",
            )


@rule("duplicate-owner-cik", "error", "spec v5.5 §4.3.2; §5")
def duplicate_owner_cik(rule: Rule, document: Document) -> Iterator[Problem]:
    """No reporting owner is listed twice (CIKs compared as numbers: leading zeros do not count)."""
    if len(document.owners) < 2:
        return
    seen: dict[int, str] = {}
    for owner in document.owners:
        element, cik = owner.cik_element, owner.cik
        if element is None or not cik.isdigit():
            continue  # the schema reports a CIK that is not digits
        number = int(cik)
        if number in seen:
            yield document.problem(
                rule,
                element,
                f"Reporting owner CIK {cik} is listed twice (first as {seen[number]}); EDGAR "
                "suspends a filing with a duplicate owner. Keep one.",
            )
        else:
            seen[number] = cik


# --- the non-U.S. address (spec v5.5 §3.3 cm(9), cm(10); §3.5; EDGAR Release 26.1) ---------------

#: How an xs:boolean says false (``is_true`` reads the other two spellings).
FALSE = ("0", "false")

#: The specification's maximum length of rptOwnerNonUSStateTerritory (§3.5); the schema allows 40.
STATE_TERRITORY_MAX_LENGTH = 30


def _addresses(document: Document) -> Iterator[tuple[Owner, etree._Element]]:
    """Each owner's address, for the owners that give one."""
    for owner in document.owners:
        address = child(owner.element, "reportingOwnerAddress")
        if address is not None:
            yield owner, address


@rule("country-missing", "error", "spec v5.5 §3.3 cm(9); §5", since="X0609")
def country_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """A non-U.S. address (rptOwnerNonUSAddressFlag true) gives its country.

    cm(9): "If rptOwnerNonUSAddressFlag is true, then rptOwnerCountry becomes mandatory"; §5
    suspends a mandatory element with no value. The schema accepts a blank country ("", " "
    or "  "), which names none. (The §3.5 table swaps the labels, putting cm(9) on the state
    and cm(10) on the country; the notes themselves are unambiguous.) The flag came with X0609.
    """
    if not elements.has_any({"rptOwnerNonUSAddressFlag"}):
        return
    for owner, address in _addresses(document):
        flag = child(address, "rptOwnerNonUSAddressFlag")
        if not is_true(flag) or text(child(address, "rptOwnerCountry")):
            continue
        assert flag is not None
        yield document.problem(
            rule,
            flag,
            f"Reporting owner {owner.label} has a non-U.S. address (rptOwnerNonUSAddressFlag "
            "is true) but gives no country; EDGAR then requires rptOwnerCountry. Add the "
            "country's EDGAR code (e.g. X0 for the United Kingdom, A6 for Ontario, Canada; "
            "country: in the draft's address), or set the flag to false for a U.S. address.",
        )


@rule("state-missing", "error", "spec v5.5 §3.3 cm(10); §5", since="X0609")
def state_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """A U.S. address (rptOwnerNonUSAddressFlag false) gives its state.

    cm(10): "If rptOwnerNonUSAddressFlag is false, then rptOwnerState becomes mandatory"; §5
    suspends a mandatory element with no value. The schema accepts a blank state ("", " " or
    "  "), which names none. Without the flag neither note applies: it only says which of the
    two is mandatory.
    """
    if not elements.has_any({"rptOwnerNonUSAddressFlag"}):
        return
    for owner, address in _addresses(document):
        flag = child(address, "rptOwnerNonUSAddressFlag")
        if text(flag).lower() not in FALSE or text(child(address, "rptOwnerState")):
            continue
        assert flag is not None
        hint = (
            " This address gives a country: if it is outside the U.S., set the flag to true."
            if text(child(address, "rptOwnerCountry"))
            else ""
        )
        yield document.problem(
            rule,
            flag,
            f"Reporting owner {owner.label} has a U.S. address (rptOwnerNonUSAddressFlag is "
            "false) but gives no state; EDGAR then requires rptOwnerState. Add the two-letter "
            f"state code (e.g. NY; state: in the draft's address).{hint}",
        )


@rule(
    "state-territory-too-long",
    "warning",
    "spec v5.5 §3.5 (rptOwnerNonUSStateTerritory: max length 30); §3.1 (Max Length)",
    since="X0609",
)
def state_territory_too_long(rule: Rule, document: Document) -> Iterator[Problem]:
    """A non-U.S. state or territory is at most 30 characters, the length §3.5 gives.

    EDGAR's schema allows 40 (sec16's follows it, as EDGAR suspends on the schema's verdict),
    but the specification's table gives 30, and §3.1 says the database stores up to the Max
    Length. Whether EDGAR refuses or cuts a longer one is not known: a warning. Counted as
    written, as the schema counts (§4.1 (6)).
    """
    if not elements.has_any({"rptOwnerNonUSStateTerritory"}):
        return
    for owner, address in _addresses(document):
        element = child(address, "rptOwnerNonUSStateTerritory")
        length = len(element.text or "") if element is not None else 0
        if length <= STATE_TERRITORY_MAX_LENGTH:
            continue
        assert element is not None
        yield document.problem(
            rule,
            element,
            f"Reporting owner {owner.label}: the state or territory is {length} characters "
            f"long; the specification allows {STATE_TERRITORY_MAX_LENGTH} (§3.5), and EDGAR "
            "may keep only that many although its schema accepts 40. Abbreviate it.",
        )
