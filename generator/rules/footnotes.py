"""Footnotes (spec v5.5 §3.5, §4.3.5, §4.3.6, §5) and the CCC of each owner (§4.3.2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from generator.problems import Problem
from generator.rules import elements
from generator.rules.core import (
    Document,
    Rule,
    all_text,
    find,
    findall,
    rule,
    text,
)

#: Footnote text longer than this is refused (spec v5.5 §3.5, v3 §3.5); the schema has no limit.
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


@rule("footnote-referenced-twice", "error", "spec v5.5 §4.3.6")
def footnote_referenced_twice(rule: Rule, document: Document) -> Iterator[Problem]:
    """A value does not refer to the same footnote twice."""
    ids = document.ref_ids
    if len(set(ids)) == len(ids):
        return  # no footnote is cited twice anywhere: the usual case, found cheaply
    pairs = elements.attributes_by_parent(document.root, "footnoteId", "id")
    if len(set(pairs)) == len(pairs):
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
    "warning",
    "spec v5.5 §3.5 (footnote: max length 1000, not enforced by the schema); spec v3 (2010) §3.5",
)
def footnote_too_long(rule: Rule, document: Document) -> Iterator[Problem]:
    """A footnote's text is at most 1000 characters, the length the specification gives."""
    for footnote in document.footnotes:
        length = len(all_text(footnote).strip())
        if length > FOOTNOTE_MAX_LENGTH:
            yield document.problem(
                rule,
                footnote,
                f"Footnote {footnote.get('id')} is {length} characters long; the specification "
                f"allows at most {FOOTNOTE_MAX_LENGTH} (§3.5), and EDGAR suspends a value over "
                "its maximum length (§5) although the schema does not check this one. "
                "Split it into two footnotes or shorten it.",
            )
