"""EDGAR business rules that the schema does not express, one small function per rule.

Rules read the parsed ownership XML (whatever its origin: a built draft, an imported filing, a
file from another tool), so that one rule set serves ``validate`` and ``build`` alike and each
finding points at an element path and line. Each rule is registered with a stable id, its
severity and the section of the specification or form instruction it enforces; ``docs/rules.md``
is generated from this registry (``python -m generator.rules``). A rule receives the whole
document and yields Problems.

The modules named in ``MODULES`` register their rules when imported, in that order, which is
the order of docs/rules.md and of the problems in a report.
"""

from __future__ import annotations

import importlib

from generator.rules.core import (
    RULES,
    Document,
    PreviousFiling,
    Profile,
    Rule,
    rule,
    run_rules,
)

#: footnotes also holds the CCC rule; deadline needs ``--as-of`` and the submission profile.
MODULES = ("footnotes", "owners", "filing", "rows", "holdings", "deadline")
for _module in MODULES:
    importlib.import_module(f"generator.rules.{_module}")

__all__ = [
    "RULES",
    "Document",
    "PreviousFiling",
    "Profile",
    "Rule",
    "rule",
    "rules_markdown",
    "run_rules",
]


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry so that it cannot drift from the code."""
    lines = [
        "# Rules sec16 checks",
        "",
        "Generated from `generator/rules/` by `python -m generator.rules > docs/rules.md`;",
        "a test fails when this file is stale.",
        "",
        "| id | severity | source | what it checks |",
        "|---|---|---|---|",
        "| `xsd` | error | spec v5.5 §4.3, §5 | the document conforms to the schema of its own "
        "form type (element order, required elements, lengths, codes, number and date formats) |",
        "| `not-ownership-xml` | error | spec v5.5 §4.1 | the file is well-formed XML whose root "
        "is `ownershipDocument` with a known `documentType` |",
        "| `draft` | error | docs/drafts.md | a draft's keys and values (reported with key path "
        "and line) |",
    ]
    for registered in RULES:
        lines.append(
            f"| `{registered.id}` | {registered.severity} | {registered.source} "
            f"| {registered.summary} |"
        )
    return "\n".join(lines) + "\n"
