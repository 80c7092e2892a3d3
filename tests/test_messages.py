"""One way for each kind of mistake (issue 16, point 5): a filer's sentence, never a library's.

Each test writes a draft with one mistake, runs ``sec16 build`` on it and reads what it says: the
file, the key path and line, what is wrong and what to write. None of pydantic's, libxml2's or
PyYAML's own wording may come through ("Input should be", "This element is not expected",
"mapping values are not allowed", …): a filer cannot act on them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES

from generator.cli import main
from generator.session import questions

FORM_4 = EXAMPLES / "form4-open-market-purchase.yaml"
FORM_3 = EXAMPLES / "form3-director-initial-holdings.yaml"
FORM_5 = EXAMPLES / "form5-annual-statement.yaml"

#: Library wording that must never reach a filer.
RAW = (
    "Input should be",
    "Input tag",
    "List should have",
    "Field required",
    "Value error,",
    "This element is not expected",
    "Expected is (",
    "Missing child element",
    "mapping values are not allowed",
    "could not find expected",
    "did not find expected",
    "cannot start any token",
    "while scanning",
    "while parsing",
    "found unexpected end of stream",
)


def _write(tmp_path: Path, text: str, name: str = "draft.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def _changed(source: Path, old: str, new: str) -> str:
    text = source.read_text()
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def _refused(capsys: pytest.CaptureFixture[str], draft: Path) -> str:
    """``sec16 build`` refuses the draft: exit 1, nothing written, no library wording."""
    out = draft.with_suffix(".xml")
    code = main(["build", str(draft), "-o", str(out)])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert code == 1, printed
    assert not out.exists()
    assert str(draft) in printed
    for words in RAW:
        assert words not in printed, f"library wording {words!r} reached the filer:\n{printed}"
    return printed


def _problems(printed: str) -> list[str]:
    """The draft's problems: one per line, either alone or as "  - " items."""
    return [line for line in printed.splitlines() if re.search(r"\(line \d+\): |: error: ", line)]


# --- (a) a column the form does not have -------------------------------------------------------


def test_form_type_3_on_a_form_4_holding_is_a_draft_problem(capsys, tmp_path):
    """Once libxml2's "<transactionCoding>: This element is not expected. Expected is
    ( postTransactionAmounts )", at the row's code; now the key, and what form_type may be."""
    holding = (
        '  - security: Common Stock\n    form_type: "3"\n    owned_following: 100\n'
        "    ownership: D\nsignatures:"
    )
    text = _changed(FORM_4, "signatures:", holding)
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, 'form_type: "3"')
    assert (
        f"table_1[2].form_type (line {line}): is a column of Form 5 only, not of a Form 4: "
        'leave it out (form_type: "3" marks a holding that should have been on a Form 3; on a '
        'transaction form_type is "4" or "5")'
    ) in printed


def test_form_type_3_on_a_transaction_says_what_form_type_may_be(capsys, tmp_path):
    text = _changed(FORM_4, "    code: P\n", '    code: P\n    form_type: "3"\n')
    printed = _refused(capsys, _write(tmp_path, text))
    assert (
        "table_1[1].form_type (line 27): '3' is not a form type of a transaction: write \"4\" "
        'or "5"'
    ) in printed


FORM_SPECIFIC = [
    # (draft, where it goes, the key and value, the sentence)
    (
        FORM_3,
        "issuer:",
        "rule_10b5_1_plan: false",
        "is a box of Forms 4 and 5 only, not of a Form 3",
    ),
    (
        FORM_3,
        "issuer:",
        "rule_10b5_1_plan: true",
        "is a box of Forms 4 and 5 only, not of a Form 3",
    ),
    (
        FORM_3,
        "issuer:",
        "no_longer_subject_to_section_16: true",
        "is a box of Forms 4 and 5 only, not of a Form 3",
    ),
    (FORM_4, "issuer:", "no_securities_owned: true", "is a flag of Form 3 only, not of a Form 4"),
    (
        FORM_4,
        "issuer:",
        "form_3_holdings_reported: true",
        "is a flag of Form 5 only, not of a Form 4",
    ),
    (
        FORM_3,
        "issuer:",
        "form_4_transactions_reported: false",
        "is a flag of Form 5 only, not of a Form 3",
    ),
]


@pytest.mark.parametrize(("source", "before", "line", "sentence"), FORM_SPECIFIC)
def test_a_box_of_another_form_is_refused_the_same_way(
    capsys, tmp_path, source, before, line, sentence
):
    text = _changed(source, before, f"{line}\n{before}")
    printed = _refused(capsys, _write(tmp_path, text))
    key = line.split(":")[0]
    assert f"{key} (line {_line_of(text, line)}): {sentence}: leave it out" in printed


def test_timeliness_footnotes_on_a_form_5_are_a_draft_problem(capsys, tmp_path):
    """Once libxml2's "<footnoteId>: This element is not expected" (Form 5 schema)."""
    text = FORM_5.read_text()
    late = re.search(r"    timeliness: L .*", text)
    assert late, "the Form 5 example reports a late transaction"
    text = text.replace(late[0], "    timeliness: {value: L, footnotes: [F1]}", 1)
    printed = _refused(capsys, _write(tmp_path, text))
    assert (
        "takes footnotes on Form 4 only, not on a Form 5: write the value alone (timeliness: L)"
        in printed
    )


def test_an_owned_following_in_table_ii_of_a_form_3_is_refused(capsys, tmp_path):
    """Once left out of the XML without a word."""
    text = _changed(
        FORM_3,
        "    underlying_shares: 24,000\n",
        "    underlying_shares: 24,000\n    owned_following: 5\n",
    )
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, "owned_following: 5")
    assert f"table_2[1].owned_following (line {line}): is a column of Forms 4 and 5 only" in printed


# --- (b) YAML ------------------------------------------------------------------------------------


def test_a_colon_inside_a_value_is_found_on_the_line_the_value_starts(capsys, tmp_path):
    """PyYAML points at the colon, on the line after the key whose value holds it."""
    footnote = (
        "footnotes:\n"
        "  F1: The price is a weighted average. The reporting person will provide\n"
        "    full information: the number of shares sold at each price.\n"
        "signatures:"
    )
    text = _changed(FORM_4, "signatures:", footnote)
    printed = _refused(capsys, _write(tmp_path, text))
    start = _line_of(text, "  F1: The price")
    assert (
        f"(YAML) (line {start}): a colon inside the value of footnotes.F1, on line {start + 1}"
        in printed
    )
    assert 'quote it (the whole value: F1: "…")' in printed


def test_a_colon_inside_a_one_line_value(capsys, tmp_path):
    text = _changed(FORM_4, "street1: 220 North Lake Avenue", "street1: Suite: 5 North")
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, "Suite: 5 North")
    assert (
        f"(YAML) (line {line}): a colon inside the value of reporting_owners[1].address.street1: "
        "YAML reads a colon followed by a space as the end of a key; quote it"
    ) in printed


def test_a_key_without_its_colon_is_found_on_its_own_line(capsys, tmp_path):
    """PyYAML notices a missing colon only on the next line (its problem mark)."""
    text = _changed(FORM_4, "    code: P", "    code P")
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, "    code P")
    assert (
        f"(YAML) (line {line}): this line has no colon after its key: write key: value" in printed
    )


@pytest.mark.parametrize(
    ("old", "new", "found", "sentence"),
    [
        ("    code: P", "\tcode: P", "\tcode: P", "a tab is used for indentation here"),
        ("    code: P", "    code: `P`", "`P`", "a value cannot start with ` unquoted"),
        (
            "    code: P",
            "    code: 'P",
            "code: 'P",
            "the quote that opens the value of table_1[1].code on line",
        ),
        ("    code: P", "    code: [P", "code: [P", "is not closed on its line"),
        (
            "    code: P",
            "    code: {value: P",
            "code: {value: P",
            "is not closed, or two of its keys",
        ),
        (
            "      city: Traverse City",
            "     city: Traverse City",
            "     city: Traverse",
            "does not line up with the keys above it",
        ),
    ],
)
def test_yaml_mistakes_are_said_in_a_filers_words(capsys, tmp_path, old, new, found, sentence):
    text = _changed(FORM_4, old, new)
    printed = _refused(capsys, _write(tmp_path, text))
    assert sentence in printed
    assert f"(line {_line_of(text, found)})" in printed


# --- (c) dates -----------------------------------------------------------------------------------


def test_a_day_and_month_typed_the_other_way_round(capsys, tmp_path):
    text = _changed(FORM_4, "    transaction_date: 2025-08-12", "    transaction_date: 13/01/2026")
    printed = _refused(capsys, _write(tmp_path, text))
    assert (
        "table_1[1].transaction_date (line 25): '13/01/2026' is not a real calendar date "
        "(month 13 does not exist): dates are MM/DD/YYYY or YYYY-MM-DD; did you mean 01/13/2026?"
    ) in printed


def test_a_day_the_month_does_not_have(capsys, tmp_path):
    text = _changed(FORM_4, "    transaction_date: 2025-08-12", "    transaction_date: 02/30/2025")
    printed = _refused(capsys, _write(tmp_path, text))
    assert "'02/30/2025' is not a real calendar date (February 2025 has 28 days)" in printed


# --- (d) a row of the wrong kind ---------------------------------------------------------------


def test_kind_holding_on_a_transaction_is_one_sentence(capsys, tmp_path):
    """Once five "is not a key sec16 knows here" lines, one per transaction column."""
    text = _changed(
        FORM_4, "  - security: Common Stock", "  - kind: holding\n    security: Common Stock"
    )
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, "kind: holding")
    assert _problems(printed) == [
        f"{tmp_path / 'draft.yaml'}: table_1[1].kind (line {line}): says kind: holding, but the "
        "row has columns only a transaction has (transaction_date, code, shares, "
        "acquired_disposed, price): did you mean kind: transaction? (A holding has no date, "
        "code, amount or price.)"
    ]


def test_kind_transaction_on_a_holding_is_one_sentence(capsys, tmp_path):
    text = _changed(
        FORM_3,
        "  - security: Common Stock\n    owned_following: 10,000",
        "  - kind: transaction\n    security: Common Stock\n    owned_following: 10,000",
    )
    printed = _refused(capsys, _write(tmp_path, text))
    assert len(_problems(printed)) == 1, printed
    assert "table_1[1].kind" in printed and "did you mean kind: holding?" in printed


def test_transaction_columns_without_a_date_or_code(capsys, tmp_path):
    text = _changed(FORM_4, "    transaction_date: 2025-08-12\n    code: P\n", "")
    printed = _refused(capsys, _write(tmp_path, text))
    assert len(_problems(printed)) == 1, printed
    assert (
        "has columns only a transaction has (shares, acquired_disposed, price) but no "
        "transaction_date or code"
    ) in printed


def test_a_kind_that_does_not_exist(capsys, tmp_path):
    text = _changed(
        FORM_4, "  - security: Common Stock", "  - kind: trade\n    security: Common Stock"
    )
    printed = _refused(capsys, _write(tmp_path, text))
    assert "'trade' is not a kind of row: write kind: transaction or kind: holding" in printed


# --- (e) a value split at its comma inside {…} -------------------------------------------------


def test_a_thousands_comma_inside_braces(capsys, tmp_path):
    text = _changed(
        FORM_4,
        "    owned_following: 17,000",
        "    owned_following: {value: 17,408, footnotes: [F2]}",
    )
    printed = _refused(capsys, _write(tmp_path, text))
    line = _line_of(text, "17,408")
    assert (
        f"table_1[1].owned_following.value (line {line}): the comma in 17,408 split the value: "
        "inside {…} a comma separates keys, so YAML read 17 and a key 408; put the number in "
        'quotes (value: "17,408") or leave out the comma (value: 17408)'
    ) in printed
    assert ".408" not in printed and "not a key" not in printed


def test_two_thousands_commas_inside_braces_are_one_problem(capsys, tmp_path):
    text = _changed(
        FORM_4,
        "    owned_following: 17,000",
        "    owned_following: {value: 1,017,408, footnotes: [F2]}",
    )
    printed = _refused(capsys, _write(tmp_path, text))
    assert len(_problems(printed)) == 1, printed
    assert '(value: "1,017,408") or leave out the comma (value: 1017408)' in printed


# --- (f) pydantic's messages ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ['  F1: ""', "  F1:", "  F1: '   '"])
def test_a_footnote_without_text(capsys, tmp_path, text):
    draft = _changed(FORM_4, "    price: $21.37", "    price: {value: 21.37, footnotes: [F1]}")
    draft = _changed_text(draft, "signatures:", f"footnotes:\n{text}\nsignatures:")
    printed = _refused(capsys, _write(tmp_path, draft))
    line = _line_of(draft, text.rstrip())
    assert (
        f"footnotes.F1 (line {line}): footnote F1 has no text: write what it explains, or remove it"
    ) in printed


def _changed_text(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_session_says_the_same_about_an_empty_footnote():
    with pytest.raises(ValueError) as refused:
        questions.footnote_text_check("F3")("")
    assert str(refused.value) == "footnote F3 has no text: write what it explains, or remove it"


@pytest.mark.parametrize(
    ("old", "new", "where", "sentence"),
    [
        ("  ticker: LKSB", "  ticker: [LKSB]", "issuer.ticker", "should be text, not a list"),
        ("signatures:", "remarks: [a, b]\nsignatures:", "remarks", "should be text, not a list"),
        (
            'reporting_owners:\n  - cik: "0009200031"',
            'reporting_owners: []\nowners:\n  - cik: "0009200031"',
            "reporting_owners",
            "needs at least 1 entry; none is given",
        ),
        (
            "    acquired_disposed: A",
            "    acquired_disposed: [A]",
            "table_1[1].acquired_disposed",
            "is one value, not a list: write 'A' or 'D'",
        ),
    ],
)
def test_pydantic_wording_never_reaches_the_filer(capsys, tmp_path, old, new, where, sentence):
    text = _changed(FORM_4, old, new)
    printed = _refused(capsys, _write(tmp_path, text))
    assert f"{where} (line " in printed and sentence in printed, printed


def test_footnotes_on_a_column_without_footnotes(capsys, tmp_path):
    """Table II's (A) or (D) takes no footnotes; pydantic would print the whole dict."""
    text = _changed(
        EXAMPLES / "form4-option-exercise-and-sale-10b5-1.yaml",
        "    acquired_disposed: D\n    price: 0 ",
        "    acquired_disposed: {value: D, footnotes: [F1]}\n    price: 0 ",
    )
    printed = _refused(capsys, _write(tmp_path, text))
    assert "takes no footnotes: write the value alone ('A' or 'D')" in printed
    assert "{'value'" not in printed


def test_footnotes_on_a_box_without_footnotes(capsys, tmp_path):
    text = _changed(FORM_4, "    code: P\n", "    code: P\n    equity_swap: {value: true}\n")
    printed = _refused(capsys, _write(tmp_path, text))
    assert "a yes/no box takes no footnotes and no other keys: write true or false alone" in printed


# --- schema messages a draft can cause ---------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "sentence"),
    [
        (
            "    shares: 5,000",
            "    shares: {footnotes: [F1]}",
            "[table_1[1].shares]",
            "shares is given by a footnote alone, which EDGAR accepts only for price, "
            "exercise_price, deemed_execution_date, date_exercisable, expiration_date, "
            "underlying_shares and underlying_value: give its value too",
        ),
        (
            "    owned_following: 17,000",
            "    owned_following: 17,000\n    value_owned_following: 100",
            "[table_1[1].value_owned_following]",
            "owned_following and value_owned_following are both given: give one of them, not both",
        ),
        (
            "    owned_following: 17,000\n",
            "",
            "[table_1[1]]",
            "owned_following (or value_owned_following) is missing before ownership: give it",
        ),
    ],
)
def test_schema_problems_are_said_with_the_drafts_keys(capsys, tmp_path, old, new, where, sentence):
    text = _changed(FORM_4, old, new)
    if "F1" in new:
        text = text.replace("signatures:", "footnotes:\n  F1: Held in a plan.\nsignatures:", 1)
    printed = _refused(capsys, _write(tmp_path, text))
    [line] = [line for line in printed.splitlines() if "(xsd)" in line]
    assert sentence in line and line.endswith(where), line


def test_the_session_leaves_out_what_a_form_3_does_not_have(tmp_path):
    """A Form 4 changed into a Form 3 keeps its answer to the 10b5-1 box, which the loader
    refuses and the session never asks on a Form 3: the review leaves it out and says so."""
    from test_questionnaire import CTRL_C, run

    from generator.session.questionnaire import read_session

    text = _changed(FORM_3, "issuer:", "rule_10b5_1_plan: false\nissuer:")
    text = _changed_text(
        text,
        "    underlying_shares: 24,000\n",
        "    underlying_shares: 24,000\n    owned_following: 5\n",
    )
    draft = _write(tmp_path, text)
    result = run(draft, CTRL_C, edit=True)
    assert "rule_10b5_1_plan left out: a Form 3 does not have it." in result.text
    assert "table_2[1].owned_following left out: a Form 3 does not have it." in result.text
    assert "is a box of Forms 4 and 5 only" not in result.text
    data = read_session(draft)[0]
    assert "rule_10b5_1_plan" not in data and "owned_following" not in data["table_2"][0]
