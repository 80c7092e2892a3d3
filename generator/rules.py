"""EDGAR business rules that the schema does not express, one small function per rule.

Rules read the parsed ownership XML (whatever its origin: a built draft, an imported filing, a
file from another tool), so that one rule set serves ``validate`` and ``build`` alike and each
finding points at an element path and line. Each rule is registered with a stable id, its
severity and the section of the specification or form instruction it enforces; ``docs/rules.md``
is generated from this registry. A rule receives the whole document and yields Problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from generator.problems import Problem, Severity

Profile = Literal["submission", "record"]


@dataclass
class Document:
    """A parsed ownership document and what the rules need to know about it."""

    tree: etree._ElementTree
    document_type: str
    profile: Profile
    line_offset: int = 0

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def where(self, element: etree._Element) -> tuple[str, int | None]:
        line: Any = element.sourceline  # lxml-stubs declare it oddly
        return self.tree.getpath(element), (line + self.line_offset) if line else None

    def problem(self, rule: Rule, element: etree._Element, message: str) -> Problem:
        path, line = self.where(element)
        return Problem(rule.severity, rule.id, message, path, line)


RuleCheck = Callable[["Rule", Document], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    """A registered business rule: id, severity, source, and the function that checks it."""

    id: str
    severity: Severity
    source: str
    summary: str
    check: RuleCheck


RULES: list[Rule] = []


def rule(id: str, severity: Severity, source: str) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function; its docstring's first line is its summary in docs/rules.md."""

    def register(check: RuleCheck) -> RuleCheck:
        summary = (check.__doc__ or "").strip().splitlines()[0]
        RULES.append(Rule(id, severity, source, summary, check))
        return check

    return register


def run_rules(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    for registered in RULES:
        problems.extend(registered.check(registered, document))
    return problems


def _text(element: etree._Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


# --- footnotes (spec §4.3.5, §4.3.6, §5) --------------------------------------------------------


def _footnotes(document: Document) -> list[etree._Element]:
    return list(document.root.iterfind("footnotes/footnote"))


@rule("footnote-undefined", "error", "spec v5.5 §4.3.6; §5")
def footnote_undefined(rule: Rule, document: Document) -> Iterator[Problem]:
    """Every footnote reference points at a footnote that exists."""
    defined = {f.get("id") for f in _footnotes(document)}
    for ref in document.root.iter("footnoteId"):
        ident = ref.get("id")
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
    used = {ref.get("id") for ref in document.root.iter("footnoteId")}
    for footnote in _footnotes(document):
        ident = footnote.get("id")
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
    for element in document.root.iter():
        if not isinstance(element.tag, str):
            continue
        counts = Counter(ref.get("id") for ref in element.iterfind("footnoteId"))
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
    seen: set[str | None] = set()
    for footnote in _footnotes(document):
        ident = footnote.get("id")
        if ident in seen:
            yield document.problem(
                rule, footnote, f"Footnote {ident} is defined twice; give each footnote its own id."
            )
        seen.add(ident)


# --- credentials (spec §4.3.2) -------------------------------------------------------------------


@rule("ccc-missing", "warning", "spec v5.5 §4.3.2")
def ccc_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission carries each reporting owner's CCC; EDGAR refuses a pair it cannot verify."""
    if document.profile != "submission":
        return
    for owner in document.root.iterfind("reportingOwner/reportingOwnerId"):
        if not _text(owner.find("rptOwnerCcc")):
            cik = _text(owner.find("rptOwnerCik"))
            yield document.problem(
                rule,
                owner,
                f"No CCC for reporting owner {cik}: EDGAR needs it to accept the filing. "
                f"Set SEC16_CCC_{cik} in the environment when you build the file to submit.",
            )


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry so that it cannot drift from the code."""
    lines = [
        "# Rules sec16 checks",
        "",
        "Generated from `generator/rules.py` by `python -m generator.rules > docs/rules.md`;",
        "a test fails when this file is stale.",
        "",
        "| id | severity | source | what it checks |",
        "|---|---|---|---|",
        "| `xsd` | error | spec v5.5 §4.3, §5 | the document conforms to the schema of its own form "
        "type (element order, required elements, lengths, codes, number and date formats) |",
        "| `not-ownership-xml` | error | spec v5.5 §4.1 | the file is well-formed XML whose root is "
        "`ownershipDocument` with a known `documentType` |",
        "| `draft` | error | docs/drafts.md | a draft's keys and values (reported with key path and "
        "line) |",
    ]
    for registered in RULES:
        lines.append(
            f"| `{registered.id}` | {registered.severity} | {registered.source} "
            f"| {registered.summary} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
