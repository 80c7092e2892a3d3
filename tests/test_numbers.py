"""Every number as the filer meant it (issue 16, point 1): one reading of amounts, prices and
share counts, for the draft, the guided session and everything else that takes a typed number.

A comma is a thousands separator only before a group of three digits ahead of the decimal point
(``1,000``, ``12,345,678.25``). Any other comma is refused with the number the filer probably
meant, because ``12,50`` read as 1250 (as it once was, silently) puts a price in the filing that
nobody wrote. The same sentence comes from ``sec16 build`` and from the session's question.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_questionnaire import KEEP, YES, enter, pick
from test_session_flow import Terminal, draft_at_table_1, flat

from generator.cli import main
from generator.model import values
from generator.session.questionnaire import read_session

DRAFT = EXAMPLES / "form4-open-market-purchase.yaml"

#: What a filer types, and the digits that reach the XML (as typed, without separators or $).
ACCEPTED = [
    ("1,000", "1000"),
    ("12.50", "12.50"),
    ("$12.50", "12.50"),
    ("1,000.5", "1000.5"),
    ("12,345,678.25", "12345678.25"),
    ("$1,000,000", "1000000"),
    ("21.37", "21.37"),
    (".5", "0.5"),
    ("0", "0"),
    (" 5,000 ", "5000"),
]

#: What a filer types, and the one sentence it is refused with.
REFUSED = [
    ("12,50", "'12,50': a comma cannot be a decimal point here; did you mean 12.50?"),
    ("1.000,5", "'1.000,5': a comma cannot be a decimal point here; did you mean 1000.5?"),
    ("1,00", "'1,00': a comma cannot be a decimal point here; did you mean 1.00?"),
    ("0,0025", "'0,0025': a comma cannot be a decimal point here; did you mean 0.0025?"),
    (
        "1,,000",
        "'1,,000' has two commas in a row: a comma separates thousands, as in 1,000 or "
        "12,345,678.25; write the number again",
    ),
    (",5", "',5' starts with a comma: a number starts with a digit; did you mean 0.5?"),
    (
        "12,345,67",
        "'12,345,67': a comma separates thousands only before a group of exactly three digits, "
        "as in 1,000 or 12,345,678.25; write it again, or without commas (1234567 if that is "
        "the number)",
    ),
    ("1.5,", "'1.5,' ends with a comma: write the number without it (1.5)"),
    (
        "1.000.000",
        "'1.000.000' has more than one decimal point; did you mean 1000000? (thousands are "
        "separated with commas: 1,000)",
    ),
]


# --- the parser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "digits"), ACCEPTED)
def test_a_number_is_read_as_before(typed: str, digits: str) -> None:
    number = values.parse_decimal(typed)
    assert values.spell_decimal(number) == digits
    assert number == Decimal(digits)


@pytest.mark.parametrize(("typed", "sentence"), REFUSED)
def test_a_comma_that_is_no_thousands_separator_is_refused_with_its_meaning(
    typed: str, sentence: str
) -> None:
    with pytest.raises(ValueError) as refused:
        values.parse_decimal(typed)
    assert str(refused.value) == sentence


# --- the draft -----------------------------------------------------------------------------------


def _build(capsys: pytest.CaptureFixture[str], draft: Path) -> tuple[int, str]:
    out = draft.with_suffix(".xml")
    code = main(["build", str(draft), "-o", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("key", ["price", "shares", "owned_following"])
@pytest.mark.parametrize(("typed", "sentence"), REFUSED[:4])
def test_a_draft_with_a_misplaced_comma_is_not_built(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, typed: str, sentence: str
) -> None:
    lines = DRAFT.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith(f"    {key}: "))
    lines[number] = f"    {key}: {typed}"
    draft = tmp_path / "comma.yaml"
    draft.write_text("\n".join(lines) + "\n")
    code, printed = _build(capsys, draft)
    assert code == 1, printed
    assert f"{draft}: table_1[1].{key} (line {number + 1}): {sentence}" in printed
    assert not draft.with_suffix(".xml").exists()


def test_a_comma_inside_braces_gets_the_same_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``{value: 12,50}`` is split by YAML at the comma; the number is still judged whole."""
    text = DRAFT.read_text().replace("price: $21.37", "price: {value: 12,50}")
    draft = tmp_path / "braces.yaml"
    draft.write_text(text)
    code, printed = _build(capsys, draft)
    assert code == 1
    assert "'12,50': a comma cannot be a decimal point here; did you mean 12.50?" in printed
    assert "not a key" not in printed


def test_the_digits_typed_reach_the_xml(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    text = DRAFT.read_text().replace("price: $21.37", "price: $1,012.50")
    draft = tmp_path / "typed.yaml"
    draft.write_text(text.replace("shares: 5,000", "shares: 5,000.0"))
    code, printed = _build(capsys, draft)
    assert code == 0, printed
    xml = draft.with_suffix(".xml").read_text()
    assert "<value>1012.50</value>" in xml
    assert "<value>5000.0</value>" in xml


# --- the guided session --------------------------------------------------------------------------

PURCHASE = {
    "Anything to report in Table I": YES,
    "Title of the security": KEEP,
    "Transaction date": KEEP,
    "What happened?": pick("Bought shares"),
    "Number of shares acquired": enter("1,000"),
}


@pytest.mark.tty
def test_the_session_refuses_a_decimal_comma_with_the_drafts_sentence(tmp_path: Path) -> None:
    """``12,50`` typed at the price question, in a real terminal: the sentence the draft gets,
    and the question stays open until the price is typed as meant."""
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path)
    term.converse(PURCHASE, until=["Price per share"])
    term.send(enter("12,50"))
    sentence = "'12,50': a comma cannot be a decimal point here; did you mean 12.50?"
    assert sentence in flat(term.screen())
    assert "Price per share" in term.open_question(), "the question must stay open"
    term.send(enter("12.50"))
    term.converse({}, until=["Owned directly (D) or indirectly (I)?", "Enter to add a footnote"])
    assert term.interrupt() == 130
    assert read_session(draft)[0]["table_1"][0]["price"] == "12.50"
