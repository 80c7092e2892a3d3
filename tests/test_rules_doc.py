"""docs/rules.md is generated from the rule registry; this fails when it is stale."""

from conftest import REPO

from generator.rules import RULES, rules_markdown


def test_rules_doc_is_current():
    assert (REPO / "docs" / "rules.md").read_text() == rules_markdown(), (
        "docs/rules.md is stale: run python -m generator.rules > docs/rules.md"
    )


def test_every_rule_has_id_source_and_summary():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for registered in RULES:
        assert registered.id == registered.id.lower() and " " not in registered.id
        assert registered.source and registered.summary
