"""All the checks of one parsed ownership document: its schema, its version, every rule.

Whatever the input (a built draft, a file, a submission's primary document), it reaches the
checks as a parsed tree; ``check_tree`` is the one place that runs them, in this order: the
schema of the document's own type and version, the schemaVersion itself, then every business
rule of ``generator.checks.rules``. Reading files is the pipeline's (``generator.pipeline``).
"""

from __future__ import annotations

from datetime import date, datetime

from lxml import etree

from generator.checks import rules, schema, versions
from generator.checks.rules import PreviousFiling
from generator.checks.rules.core import BookFigures
from generator.model.codes import Profile
from generator.model.problems import Problem


def check_tree(
    tree: etree._ElementTree,
    document_type: str,
    profile: Profile,
    line_offset: int = 0,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookFigures | None = None,
) -> list[Problem]:
    """Schema and business rules for a parsed document.

    ``as_of`` is the moment to check dates and deadlines for (``validate --as-of``, or now);
    ``previous`` the owner's previous filing (``validate --previous``); ``book`` the figures a
    book of the owner's filings gives each security (``--book``). A record is judged by
    the rules of the schemaVersion it declares (``generator.checks.versions``), a submission by the
    current version's.
    """
    # A record is judged by the version it declares, a submission by the current one.
    declared = versions.declared(tree.getroot())
    version = versions.judged_by(declared, profile)
    document = rules.Document(
        tree, document_type, profile, line_offset, as_of, previous, version, book
    )
    found_by_rules = rules.run_rules(document)
    # A missing 10b5-1 box is the rule aff10b5-unanswered's to say (it says what to answer);
    # the rest of the document is judged by the schema with the box left to that rule.
    box_said = any(p.rule == "aff10b5-unanswered" for p in found_by_rules)
    problems = schema.check(tree, document_type, line_offset, version, box_said=box_said)
    if declared is not None and (
        found := versions.version_problem(declared, profile, tree, line_offset)
    ):
        problems.append(found)
    problems.extend(found_by_rules)
    return problems


def bom_problem(encoding: str, line: int) -> Problem:
    """A byte-order mark before the XML declaration (spec v5.5 §4.1 (4))."""
    return Problem(
        "error",
        "byte-order-mark",
        f"The file starts with a {encoding} byte-order mark (BOM), invisible in most editors. "
        "XML parsers accept it, but the specification (§4.1) says that any text before the "
        "<?xml ...?> line, even white space, causes a SUSPENSE error, and EDGAR may count the "
        "mark as such text. Save the file as UTF-8 without a BOM (sec16 build never writes one).",
        None,
        line,
    )
