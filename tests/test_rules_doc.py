"""docs/rules.md is generated from the rule registry; this fails when it is stale."""

from conftest import REPO

from generator.checks.rules import RULES, rules_markdown


def test_rules_doc_is_current():
    assert (REPO / "docs" / "rules.md").read_text() == rules_markdown(), (
        "docs/rules.md is stale: run python -m generator.checks.rules > docs/rules.md"
    )


def test_every_rule_has_id_source_and_summary():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for registered in RULES:
        assert registered.id == registered.id.lower() and " " not in registered.id
        assert registered.source and registered.summary


def test_every_reported_rule_id_is_documented():
    """Every rule id the code can report appears in docs/rules.md."""
    import re

    doc = (REPO / "docs" / "rules.md").read_text()
    documented = set(re.findall(r"^\| `([a-z0-9-]+)`", doc, re.MULTILINE))
    reported: set[str] = set()
    pattern = re.compile(r'Problem\(\s*"(?:error|warning)",\s*"([a-z0-9-]+)"')
    helper = re.compile(r'_problem\(\s*[^"]*?"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"', re.DOTALL)
    for source in (REPO / "generator").rglob("*.py"):
        text = source.read_text()
        reported |= set(pattern.findall(text))
        reported |= set(helper.findall(text))
    assert reported, "the scan found the rule ids the code reports"
    assert reported - documented == set()
