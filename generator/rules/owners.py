"""Reporting owners: relationship boxes and duplicate CIKs (spec v5.5 §3.3 cm(1)-(3), §4.3.2)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from generator.problems import Problem
from generator.rules.core import (
    Document,
    Rule,
    find,
    findall,
    is_true,
    rule,
    text,
)

RELATIONSHIPS = ("isDirector", "isOfficer", "isTenPercentOwner", "isOther")


def _cik(owner: etree._Element) -> str:
    return text(find(owner, "reportingOwnerId/rptOwnerCik")) or "?"


@rule("relationship-none", "error", "spec v5.5 §3.3 cm(1)")
def relationship_none(rule: Rule, document: Document) -> Iterator[Problem]:
    """Each reporting owner ticks at least one relationship box."""
    for owner in findall(document.root, "reportingOwner"):
        relationship = find(owner, "reportingOwnerRelationship")
        if relationship is None:
            continue  # the schema requires the element
        if not any(is_true(find(relationship, box)) for box in RELATIONSHIPS):
            yield document.problem(
                rule,
                relationship,
                f"Reporting owner {_cik(owner)} ticks none of director, officer, 10% owner and "
                "other; EDGAR requires at least one to be true. Tick the owner's relationship "
                "to the issuer.",
            )


@rule("officer-title-missing", "error", "spec v5.5 §3.3 cm(2)")
def officer_title_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """An officer gives an officer title."""
    for owner in findall(document.root, "reportingOwner"):
        relationship = find(owner, "reportingOwnerRelationship")
        if (
            relationship is not None
            and is_true(find(relationship, "isOfficer"))
            and not text(find(relationship, "officerTitle"))
        ):
            yield document.problem(
                rule,
                relationship,
                f"Reporting owner {_cik(owner)} is an officer but gives no officer title; "
                'add it (officerTitle, e.g. "Chief Financial Officer", at most 30 characters).',
            )


@rule("other-text-missing", "error", "spec v5.5 §3.3 cm(3)")
def other_text_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """An owner whose relationship is "other" describes it."""
    for owner in findall(document.root, "reportingOwner"):
        relationship = find(owner, "reportingOwnerRelationship")
        if (
            relationship is not None
            and is_true(find(relationship, "isOther"))
            and not text(find(relationship, "otherText"))
        ):
            yield document.problem(
                rule,
                relationship,
                f'Reporting owner {_cik(owner)} ticks "other" but does not say what the '
                'relationship is; add otherText (e.g. "Member of 10% group", at most 30 '
                "characters).",
            )


@rule("duplicate-owner-cik", "error", "spec v5.5 §4.3.2; §5")
def duplicate_owner_cik(rule: Rule, document: Document) -> Iterator[Problem]:
    """No reporting owner is listed twice (CIKs compared as numbers: leading zeros do not count)."""
    seen: dict[int, str] = {}
    for owner in findall(document.root, "reportingOwner"):
        element = find(owner, "reportingOwnerId/rptOwnerCik")
        cik = text(element)
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
