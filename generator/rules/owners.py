"""Reporting owners: relationship boxes and duplicate CIKs (spec v5.5 §3.3 cm(1)-(3), §4.3.2)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.problems import Problem
from generator.rules.core import Document, Rule, rule


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
