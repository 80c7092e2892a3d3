"""YAML drafts: what the loader accepts, and errors that name the key path and line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES

from generator.formats.draft import dump_draft, load_draft, load_draft_text
from generator.support.errors import DraftError

SEED = EXAMPLES / "form5-smith-allied-motion-2013.yaml"


def problems(text: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(DraftError) as caught:
        load_draft_text(text, "draft.yaml")
    return [(p.place.path, p.place.line, p.message) for p in caught.value.problems]


def seed_text() -> str:
    return SEED.read_text()


def test_seed_loads_with_exact_values():
    filing = load_draft(SEED)
    assert filing.form.value == "5"
    assert filing.issuer.cik == "0000046129"  # leading zeros kept
    holding = filing.table_1[0]
    assert holding.owned_following is not None
    assert holding.owned_following.value == Decimal("31346")  # thousands separator read
    gift = filing.table_1[1]
    assert gift.kind == "transaction"
    assert gift.price.value is None and gift.price.footnotes == ["F1"]
    assert str(gift.transaction_date.value) == "2013-12-20"  # MM/DD/YYYY read


def test_unknown_key_names_path_and_line():
    text = seed_text().replace("  ticker: AMOT", "  tickr: AMOT")
    line = text.splitlines().index("  tickr: AMOT") + 1
    found = problems(text)
    assert ("issuer.tickr", line) in [(p, ln) for p, ln, _ in found]
    assert any("not a key" in m for _, _, m in found)
    assert ("issuer.ticker", line - 1) in [(p, ln) for p, ln, _ in found] or any(
        p == "issuer.ticker" for p, _, _ in found
    )


def test_bad_cik_message_and_line():
    text = seed_text().replace('cik: "0000046129"', 'cik: "46129X"')
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "46129X" in t)
    [(path, at, message)] = problems(text)
    assert (path, at) == ("issuer.cik", line)
    assert "not a CIK" in message


def test_row_errors_count_rows_from_one():
    text = seed_text().replace("transaction_date: 12/20/2013", "transaction_date: 02/30/2013")
    [(path, at, message)] = problems(text)
    assert path == "table_1[2].transaction_date"
    assert "not a real calendar date" in message
    assert at == next(i for i, t in enumerate(text.splitlines(), 1) if "02/30/2013" in t)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("-5", "negative"),
        ("1.23456", "more than 4 decimals"),
        ("abc", "not a number"),
        ("1000000000000", "larger than EDGAR accepts"),
    ],
)
def test_bad_numbers(value, phrase):
    text = seed_text().replace("shares: 2,000", f'shares: "{value}"')
    [(path, _, message)] = problems(text)
    assert path == "table_1[2].shares"
    assert phrase in message


def test_duplicate_key_is_refused():
    text = seed_text().replace("  ticker: AMOT", "  ticker: AMOT\n  ticker: AMOT2")
    [(path, _, message)] = problems(text)
    assert path == "issuer.ticker" and "twice" in message


def test_python_tags_are_refused():
    [(_, _, message)] = problems("form: !!python/object/apply:os.system ['echo hi']\n")
    assert "tag" in message


def test_unparseable_yaml_gives_a_line():
    [(path, line, message)] = problems("form: '4\nissuer: [\n")
    assert path == "(YAML)" and line is not None
    assert "indentation and quotes" in message


def test_norway_stays_text_and_is_checked_as_a_country_code():
    """YAML 1.1 reads a bare NO as false; the draft keeps the text, which the model then checks
    as a country code (Norway is Q8 in EDGAR's list), with the session's sentence."""
    text = seed_text().replace("      state: NY\n", "      non_us: true\n      country: NO\n")
    with pytest.raises(DraftError) as caught:
        load_draft_text(text, "x.yaml")
    assert "'NO' is not a country code EDGAR knows" in str(caught.value)
    fixed = load_draft_text(text.replace("country: NO", "country: q8"), "x.yaml")
    assert fixed.reporting_owners[0].address is not None
    assert fixed.reporting_owners[0].address.country == "Q8"


def test_dump_then_load_is_the_same_filing():
    filing = load_draft(SEED)
    assert load_draft_text(dump_draft(filing, ["a note"]), "again.yaml") == filing
    assert dump_draft(filing, ["a note"]).startswith("# a note\n")


def test_kind_is_inferred_from_the_columns():
    text = (
        seed_text()
        .replace("  - kind: holding\n", "  -\n")
        .replace("  - kind: transaction\n", "  -\n")
    )
    filing = load_draft_text(text, "x.yaml")
    assert [row.kind for row in filing.table_1] == [
        "holding",
        "transaction",
        "holding",
        "holding",
        "holding",
    ]


def test_same_footnote_twice_on_a_value_is_refused():
    text = seed_text().replace("price: {footnotes: [F1]}", "price: {footnotes: [F1, F1]}")
    [(path, _, message)] = problems(text)
    assert path.startswith("table_1[2].price") and "twice" in message


def test_json_schema_describes_the_draft(capsys):
    import json

    from generator.cli import main

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "sec16 draft"
    assert {"form", "issuer", "reporting_owners", "table_1", "signatures"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False


def test_not_utf8_is_refused(tmp_path: Path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("remarks: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DraftError) as caught:
        load_draft(bad)
    assert "UTF-8" in str(caught.value)


def test_every_example_satisfies_the_published_json_schema(capsys):
    import json

    import jsonschema

    from generator.cli import main
    from generator.formats.draft import parse_yaml

    assert main(["schema"]) == 0
    validator = jsonschema.Draft202012Validator(json.loads(capsys.readouterr().out))
    drafts = sorted(EXAMPLES.glob("*.yaml"))
    assert len(drafts) >= 10
    for draft in drafts:
        data, _ = parse_yaml(draft.read_text(), str(draft))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], draft.name
    data, _ = parse_yaml(SEED.read_text().replace("  ticker: AMOT", "  tickr: AMOT"), "x")
    assert list(validator.iter_errors(data)), "a misspelt key is flagged by the schema too"


@pytest.mark.parametrize(
    ("before", "after", "check"),
    [
        ("state: NY", "state: zz", "check_state"),
        ("state: NY", "state: A6", "check_state"),  # a province: legacy, kept for records
        ("state: NY", "non_us: true\n      country: tx", "check_country"),
        ("state: NY", "non_us: true\n      country: Z9", "check_country"),
    ],
)
def test_the_session_and_the_draft_word_a_code_alike(before: str, after: str, check: str):
    """One check of a state or country code (the model's): a draft refuses what the guided
    session refuses, in the same sentence (A6, a pre-v5.5 "state", is a record's to keep)."""
    from generator.session import domain

    typed = after.rsplit(": ", 1)[1]
    try:
        getattr(domain, check)(typed)
    except ValueError as err:
        said = str(err)
    else:
        said = ""
    text = seed_text().replace(f"      {before}\n", f"      {after}\n", 1)
    if typed == "A6":
        assert "country or province code" in said  # the session asks for today's codes
        assert load_draft_text(text, "x.yaml").reporting_owners[0].address is not None
        return
    with pytest.raises(DraftError) as caught:
        load_draft_text(text, "x.yaml")
    assert said and said in str(caught.value)
