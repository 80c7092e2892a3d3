"""EDGAR business rules that the schema does not express, one small function per rule.

Rules read the parsed ownership XML (whatever its origin: a built draft, an imported filing, a
file from another tool), so that one rule set serves ``validate`` and ``build`` alike and each
finding points at an element path and line. Each rule is registered with a stable id, its
severity and the section of the specification or form instruction it enforces; ``docs/rules.md``
is generated from this registry (``python -m generator.checks.rules``). A rule receives the whole
document and yields Problems.

The modules named in ``MODULES`` register their rules when imported, in that order, which is
the order of docs/rules.md and of the problems in a report.
"""

from __future__ import annotations

import importlib

from generator.checks import versions
from generator.checks.rules.core import (
    RULES,
    STATEMENTS,
    Document,
    PreviousFiling,
    Rule,
    rule,
    run_rules,
)

#: footnotes also holds the CCC rule; deadline needs ``--as-of`` and the submission profile.
MODULES = (
    "footnotes", "owners", "filing", "plan", "rows", "holdings", "deadline", "structure",
    "statements_spec", "statements_forms",
)  # fmt: skip
for _module in MODULES:
    importlib.import_module(f"generator.checks.rules.{_module}")

__all__ = [
    "RULES",
    "STATEMENTS",
    "Document",
    "PreviousFiling",
    "Rule",
    "rule",
    "rules_markdown",
    "run_rules",
]


#: Checks made outside the rule registry: on drafts (formats/credentials.py), on submission
#: envelopes (formats/envelope.py) and on the files named (commands/common.py). Listed here so
#: that docs/rules.md names every id sec16 reports; tests/test_rules_doc.py fails when the code
#: reports an id that is in neither list.
OTHER_CHECKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "file-unreadable",
        "error",
        "docs/cli.md (batches)",
        "each file named to `validate` exists, is a file and can be read; one that is not is "
        "reported in its place and the others are checked (exit 2)",
    ),
    (
        "byte-order-mark",
        "error",
        "spec v5.5 §4.1 (4)",
        "nothing, not even a byte-order mark, comes before the XML declaration",
    ),
    (
        "schema-version",
        "warning",
        "spec v5.5 §4.3 (schemaVersion)",
        "a submission declares no other schemaVersion than the current one (EDGAR judges it by "
        "X0609 and warns); a record declares a version sec16 knows, else it is judged as "
        "X0609 (see Schema versions below)",
    ),
    (
        "ccc-in-draft",
        "warning",
        "spec v5.5 §4.3.2",
        "a draft holds a CCC, a credential that "
        "belongs in the environment, the credentials file or the prompt, never in a file",
    ),
    (
        "submission-xsd",
        "error",
        "spec v5.5 §4.2 (7)",
        "a submission envelope conforms to the edgarSubmission schema",
    ),
    (
        "primary-document",
        "error",
        "spec v5.5 §4.2 (1), §4.2.1.1",
        "a submission encloses exactly one primary document whose type is the submission type",
    ),
    (
        "document-name",
        "error",
        "spec v5.5 §4.2 (6)",
        "document names: at most 32 characters, "
        "lowercase, a letter first, at most one underscore, hyphen and period, an extension",
    ),
    (
        "document-extension",
        "error",
        "spec v5.5 §4.2.1.1, §4.2.1.2",
        "the primary document is .xml; supporting documents are .txt, .htm, .jpg or .gif",
    ),
    (
        "document-pdf",
        "warning",
        "spec v5.5 §4.2.1.2",
        "a PDF is discarded by EDGAR for ownership forms (sec16 package refuses it)",
    ),
    (
        "document-type",
        "error",
        "spec v5.5 §3.6.3",
        "supporting document types are those the "
        "ownership forms allow (EX-24, EX-99, GRAPHIC, COVER, CORRESP)",
    ),
    (
        "document-encoding",
        "error",
        "spec v5.5 §4.2.1",
        "each enclosed document is valid base64 (MIME) text",
    ),
    (
        "document-count",
        "error",
        "spec v5.5 §4.2.1, §4.2.1.2",
        "at most 611 documents; EX-24/EX-99 plus GRAPHIC 500, COVER 10, CORRESP 100",
    ),
    (
        "email-invalid",
        "error",
        "spec v5.5 §4.2",
        "contact and notification e-mail addresses are well formed",
    ),
    (
        "notification-duplicate",
        "warning",
        "spec v5.5 §4.2 (4)",
        "no notification address is given twice or repeats the contact address",
    ),
)


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry so that it cannot drift from the code."""
    lines = [
        "# Rules sec16 checks",
        "",
        "Generated from `generator/checks/rules/` by",
        "`python -m generator.checks.rules > docs/rules.md`;",
        "a test fails when this file is stale.",
        "",
        "| id | severity | source | what it checks |",
        "|---|---|---|---|",
        "| `xsd` | error | spec v5.5 §4.3, §5 | the document conforms to the schema of its own "
        "form type (element order, required elements, lengths, codes, number and date formats) |",
        "| `not-ownership-xml` | error | spec v5.5 §4.1 | the file is well-formed XML whose root "
        "is `ownershipDocument` with a known `documentType`, in the encoding it declares, with "
        "no DOCTYPE (no DTD or entity is ever read) |",
        "| `draft` | error | docs/drafts.md | a draft's keys and values (reported with key path "
        "and line) |",
        *(
            f"| `{rule_id}` | {severity} | {source} | {summary} |"
            for rule_id, severity, source, summary in OTHER_CHECKS
        ),
    ]
    for registered in RULES:
        since = (
            f" Applies from schemaVersion {registered.since} on (see Schema versions)."
            if registered.since
            else ""
        )
        lines.append(
            f"| `{registered.id}` | {registered.severity_text} | {registered.source} "
            f"| {registered.summary}{since} |"
        )
    rules_since = [(r.id, r.since) for r in RULES if r.since]
    return (
        "\n".join(lines)
        + "\n\n"
        + versions.markdown(rules_since)
        + ("\n\n" + statements_markdown() if STATEMENTS else "")
    )


def statements_markdown() -> str:
    """The catalogue: each statement of the spec and forms, with its checks or its reason."""
    lines = [
        "## Statements of the specification and the forms",
        "",
        "Each statement of the specification (v5.5 §3, §4, §5) and of the forms' instructions, "
        "with the checks that enforce it, or the reason it is deliberately not checked.",
        "",
        "| source | statement | checked by, or why not |",
        "|---|---|---|",
    ]
    for item in STATEMENTS:
        how = ", ".join(f"`{check}`" for check in item.checks) or f"not checked: {item.reason}"
        lines.append(f"| {item.source} | {item.text} | {how} |")
    return "\n".join(lines) + "\n"
