"""Footnotes (spec v5.5 §3.5, §4.3.5, §4.3.6, §5) and the CCC of each owner (§4.3.2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.checks.rules import elements
from generator.checks.rules.core import (
    Document,
    Rule,
    all_text,
    find,
    findall,
    rule,
    text,
)
from generator.model.problems import Problem

#: Footnote text longer than this is suspended (spec v5.5 §3.5, §5); the schema has no limit.
FOOTNOTE_MAX_LENGTH = 1000
MAX_FOOTNOTES = 99


@rule("footnote-undefined", "error", "spec v5.5 §4.3.6; §5")
def footnote_undefined(rule: Rule, document: Document) -> Iterator[Problem]:
    """Every footnote reference points at a footnote that exists."""
    defined = set(document.footnote_ids)
    if defined.issuperset(document.ref_ids):
        return
    for ref, ident in zip(document.footnote_refs, document.ref_ids, strict=True):
        if ident not in defined:
            parent = ref.getparent()
            what = parent.tag if parent is not None else "an element"
            yield document.problem(
                rule,
                ref,
                f"<{what}> refers to footnote {ident}, which is not among the footnotes; "
                f"add footnote {ident} or remove the reference",
            )


@rule("footnote-unreferenced", "error", "spec v5.5 §4.3.5; §5")
def footnote_unreferenced(rule: Rule, document: Document) -> Iterator[Problem]:
    """Every footnote is referenced by at least one value; EDGAR suspends an orphan footnote."""
    used = set(document.ref_ids)
    if used.issuperset(document.footnote_ids):
        return
    for footnote, ident in zip(document.footnotes, document.footnote_ids, strict=True):
        if ident not in used:
            yield document.problem(
                rule,
                footnote,
                f"Footnote {ident} is never referenced; EDGAR suspends such a filing. "
                "Attach it to the value it explains or delete it.",
            )


@rule("footnote-referenced-twice", "error", "spec v5.5 §4.3.6; §5")
def footnote_referenced_twice(rule: Rule, document: Document) -> Iterator[Problem]:
    """A value does not refer to the same footnote twice."""
    ids = document.ref_ids
    if len(set(ids)) == len(ids):
        return  # no footnote is cited twice anywhere: the usual case, found cheaply
    groups = elements.siblings(document.root, "footnoteId")
    if all(len({ref.get("id") for ref in group}) == len(group) for group in groups):
        return  # none twice by the same value; the walk below reports in document order
    for element in document.root.iter():
        if not isinstance(element.tag, str):
            continue
        counts = Counter(ref.get("id") for ref in findall(element, "footnoteId"))
        for ident, count in counts.items():
            if count > 1:
                yield document.problem(
                    rule,
                    element,
                    f"<{element.tag}> refers to footnote {ident} {count} times; "
                    "EDGAR suspends a value that cites the same footnote twice. Keep one.",
                )


@rule("footnote-duplicate-id", "error", "spec v5.5 §4.3.5")
def footnote_duplicate_id(rule: Rule, document: Document) -> Iterator[Problem]:
    """No two footnotes share an id."""
    ids = document.footnote_ids
    if len(set(ids)) == len(ids):
        return
    seen: set[str | None] = set()
    for footnote, ident in zip(document.footnotes, ids, strict=True):
        if ident in seen:
            yield document.problem(
                rule, footnote, f"Footnote {ident} is defined twice; give each footnote its own id."
            )
        seen.add(ident)


@rule("ccc-missing", "warning", "spec v5.5 §4.3.2")
def ccc_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission carries each reporting owner's CCC; EDGAR refuses a pair it cannot verify."""
    if document.profile != "submission":
        return
    for owner in findall(document.root, "reportingOwner/reportingOwnerId"):
        if not text(find(owner, "rptOwnerCcc")):
            cik = text(find(owner, "rptOwnerCik"))
            yield document.problem(
                rule,
                owner,
                f"No CCC for reporting owner {cik}: EDGAR needs it to accept the filing. "
                f"Set SEC16_CCC_{cik} in the environment when you build the file to submit.",
            )


@rule("too-many-footnotes", "error", "spec v5.5 §3.5 (footnote: max occur 99); §4.3.5; §5")
def too_many_footnotes(rule: Rule, document: Document) -> Iterator[Problem]:
    """At most 99 footnotes."""
    footnotes = document.footnotes
    if len(footnotes) > MAX_FOOTNOTES:
        yield document.problem(
            rule,
            footnotes[MAX_FOOTNOTES],
            f"The filing has {len(footnotes)} footnotes; EDGAR suspends more than "
            f"{MAX_FOOTNOTES}. Merge footnotes that explain the same thing, or move general "
            "explanations to the remarks.",
        )


@rule(
    "footnote-too-long",
    "error",
    "spec v5.5 §3.5 (footnote: max length 1000); §5 (string value exceeds maximum length: "
    "SUSPENSE); §3.2, §4.1 (5)-(6) (how the length is counted)",
)
def footnote_too_long(rule: Rule, document: Document) -> Iterator[Problem]:
    """A footnote's text is at most 1,000 characters, counted as written.

    §3.5 gives the footnote a maximum length of 1,000 and §5 suspends a string value over its
    maximum length; the schema has no limit for this one (the footnote is mixed content), so
    only this rule sees it. Accepted filings bear it out: the 621 footnotes of the real samples
    stop at 985 characters (19 of them written with line breaks and indentation around the
    text, 9 characters more), and a larger set of 4,256 at 997.

    The characters are counted as EDGAR stores them: §3.2 says EDGAR keeps a footnote "exactly
    as provided", and §4.1 (5)-(6) that white space and line breaks around a value count in
    its length. So the count is the footnote's whole text (its text content, white space
    included, each character reference such as ``&amp;`` one character), not trimmed.
    """
    for footnote in document.footnotes:
        written = all_text(footnote)
        length = len(written)
        if length <= FOOTNOTE_MAX_LENGTH:
            continue
        trimmed = len(written.strip())
        spaces = (
            f" ({length - trimmed} of them the spaces and line breaks written around the text, "
            "which EDGAR counts too: put the text right after <footnote ...> and the closing tag "
            "right after it)"
            if trimmed != length
            else ""
        )
        yield document.problem(
            rule,
            footnote,
            f"Footnote {footnote.get('id')} is {length} characters long{spaces}; a footnote "
            f"may have at most {FOOTNOTE_MAX_LENGTH} (§3.5), and EDGAR suspends a filing with "
            "a longer one. Shorten it, or split it into two footnotes.",
        )
