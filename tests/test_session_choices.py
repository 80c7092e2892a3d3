"""A choice is made only by what the filer selected (issue 15).

In a real terminal, questionary's type-to-filter lists recorded answers nobody picked: "sale"
or "sell" + Enter recorded P (bought), "exercise" found only the F row, "I" recorded D
(Direct, which has an i), "y⏎" answered the next question with Enter, and "calif⏎" was refused
although CALIFORNIA was the only state shown. The terminal tests here type exactly that into
``sec16 edit`` in a pseudo-terminal (a draft stopped at the question) and read what the draft
recorded. The rest test the matcher (``codes.rank_matches``) and the pick list's rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_questionnaire import answer, spawn

from generator.formats.draft import dump_draft
from generator.model.codes import (
    ACQUIRED_DISPOSED_KEYWORDS,
    CURRENT_COUNTRIES,
    DIRECT_INDIRECT_KEYWORDS,
    PLACE_KEYWORDS,
    TRANSACTION_CODE_KEYWORDS,
    TRANSACTION_CODE_LABELS,
    US_STATES,
    DirectIndirect,
    match_choices,
    rank_matches,
    sole_match,
)
from generator.session import domain, questions
from generator.session.answers import Answers, Choice, table_choices
from generator.session.drafts import read_session, session_notes
from generator.session.picklist import PickList

# --- a draft stopped at a question, and what the filer types there ----------------------------

OWNER = {"cik": "0009200031", "name": "Whitfield Thomas E."}
FILING: dict[str, Any] = {
    "form": "4",
    "issuer": {"cik": "0009100031", "name": "Lakeshore Community Bancorp, Inc.", "ticker": "LKSB"},
    "reporting_owners": [{**OWNER, "relationship": {"director": True}}],
    "period_of_report": "08/12/2025",
    "no_longer_subject_to_section_16": None,
    "rule_10b5_1_plan": False,
}
PURCHASE = {
    "security": "Common Stock",
    "kind": "transaction",
    "code": "P",
    "acquired_disposed": "A",
    "transaction_date": "08/12/2025",
    "shares": "5,000",
    "price": "$21.37",
}
#: A Table I row before "What happened?" (asked before or after the date: both are given).
NEW_ROW = {"security": "Common Stock", "transaction_date": "08/12/2025"}
ADDRESS = {"street1": "220 North Lake Avenue", "street2": None, "city": "Traverse City"}
#: What may follow "What happened?" for a transaction (the 10b5-1 question is not asked here).
AFTER_WHAT_HAPPENED = ("Transaction date", "Transaction code", "Number of shares")


def stopped_at(tmp_path: Path, cursor: str, **changes: Any) -> Any:
    """``sec16 edit`` of a Form 4 draft whose session stopped at ``cursor``."""
    draft = tmp_path / "d.yaml"
    draft.write_text(dump_draft({**FILING, **changes}, session_notes(draft, cursor)))
    return spawn(["edit", "d.yaml"], tmp_path)


def shows(child: Any, *texts: str) -> int:
    """Which of ``texts`` the terminal shows next (-1: none within 8 seconds)."""
    import pexpect

    found: int = child.expect_exact([*texts, pexpect.TIMEOUT], timeout=8)
    return found if found < len(texts) else -1


def recorded(child: Any, tmp_path: Path) -> dict[str, Any]:
    """Ctrl-C (the session saves the draft and stops); the answers the draft holds."""
    import pexpect

    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    return read_session(tmp_path / "d.yaml")[0]


def row(data: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = data["table_1"][0]
    return first


@pytest.mark.tty
@pytest.mark.parametrize("typed", ["sale", "sell"])
def test_sale_or_sell_records_a_sale(typed: str, tmp_path: Path) -> None:
    """Seen: nothing matched, the list stayed whole, and Enter recorded P (bought)."""
    child = stopped_at(tmp_path, "table_1[1].what_happened", table_1=[NEW_ROW])
    answer(child, "What happened?", typed + "\r")
    assert shows(child, *AFTER_WHAT_HAPPENED) >= 0
    data = recorded(child, tmp_path)
    assert (row(data)["code"], row(data)["acquired_disposed"]) == ("S", "D")


@pytest.mark.tty
def test_exercise_records_the_exercise_not_the_tax_withholding(tmp_path: Path) -> None:
    """Seen: "exercise" matched only the F row (the M row says "exercising")."""
    child = stopped_at(tmp_path, "table_1[1].what_happened", table_1=[NEW_ROW])
    answer(child, "What happened?", "exercise\r")
    assert shows(child, *AFTER_WHAT_HAPPENED) >= 0
    data = recorded(child, tmp_path)
    assert (row(data)["code"], row(data)["acquired_disposed"]) == ("M", "A")


@pytest.mark.tty
def test_a_word_that_matches_nothing_leaves_the_question_open(tmp_path: Path) -> None:
    """Enter after a search that left no choice selects nothing; a sentence says so."""
    child = stopped_at(tmp_path, "table_1[1].what_happened", table_1=[NEW_ROW])
    answer(child, "What happened?", "xyz\r")
    assert shows(child, "Nothing matches 'xyz'", *AFTER_WHAT_HAPPENED) == 0
    child.send("\x7f" * 3 + "sold\r")  # Backspace, then the right word
    assert shows(child, *AFTER_WHAT_HAPPENED) >= 0
    data = recorded(child, tmp_path)
    assert (row(data)["code"], row(data)["acquired_disposed"]) == ("S", "D")


@pytest.mark.tty
@pytest.mark.parametrize("typed", ["I", "indirect"])
def test_I_or_indirect_records_indirect(typed: str, tmp_path: Path) -> None:
    """Seen: "I" kept both rows ("Direct" has an i) and Enter recorded D, the first."""
    child = stopped_at(tmp_path, "table_1[1].ownership", table_1=[PURCHASE])
    answer(child, "Owned directly (D) or indirectly (I)?", typed + "\r")
    assert shows(child, "Nature of the indirect ownership", "owned following") >= 0
    assert row(recorded(child, tmp_path))["ownership"] == "I"


@pytest.mark.tty
def test_y_then_enter_answers_one_question(tmp_path: Path) -> None:
    """Seen: "y" answered at once and the Enter after it answered the next question."""
    child = stopped_at(tmp_path, "reporting_owners[1].address", reporting_owners=[OWNER])
    answer(child, "Give a mailing address?", "y\r")
    answer(child, "Street (line 1)", "220 North Lake Avenue\r")
    assert shows(child, "Street (line 2") == 0
    data = recorded(child, tmp_path)
    assert data["reporting_owners"][0]["address"]["street1"] == "220 North Lake Avenue"


@pytest.mark.tty
def test_calif_records_ca(tmp_path: Path) -> None:
    """Seen: "calif⏎" was refused although CA — CALIFORNIA was the only state shown."""
    owner = {**OWNER, "address": {**ADDRESS, "non_us": None}}
    child = stopped_at(tmp_path, "reporting_owners[1].address.state", reporting_owners=[owner])
    answer(child, "State (type to search", "calif\r")
    assert shows(child, "ZIP or postal code") == 0
    data = recorded(child, tmp_path)
    assert data["reporting_owners"][0]["address"]["state"] == "CA"


@pytest.mark.tty
def test_several_states_match_and_the_question_stays_open(tmp_path: Path) -> None:
    owner = {**OWNER, "address": {**ADDRESS, "non_us": None}}
    child = stopped_at(tmp_path, "reporting_owners[1].address.state", reporting_owners=[owner])
    answer(child, "State (type to search", "new\r")
    assert shows(child, "4 choices match 'new'", "ZIP or postal code") == 0
    child.send(" york\r")
    assert shows(child, "ZIP or postal code") == 0
    data = recorded(child, tmp_path)
    assert data["reporting_owners"][0]["address"]["state"] == "NY"


@pytest.mark.tty
def test_typing_director_ticks_director_only(tmp_path: Path) -> None:
    """questionary's checkbox took the i of "director" as "invert": all four boxes ticked."""
    child = stopped_at(tmp_path, "reporting_owners[1].relationship", reporting_owners=[OWNER])
    answer(child, "Relationship to the issuer", "director\r")
    assert shows(child, "Add another reporting person", "Officer title") == 0
    data = recorded(child, tmp_path)
    assert data["reporting_owners"][0]["relationship"] == {"director": True}


# --- the matcher: codes.rank_matches and the keyword tables -----------------------------------


def codes(text: str, table: dict[str, str], keywords: Any = None) -> list[str]:
    return [code for code, _ in match_choices(text, table, keywords)]


def test_the_code_itself_ranks_first() -> None:
    for letter in TRANSACTION_CODE_LABELS:
        found = codes(letter.lower(), TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS)
        assert found[0] == letter
    ownership = {d.value: d.label for d in DirectIndirect}
    assert codes("I", ownership, DIRECT_INDIRECT_KEYWORDS) == ["I"]  # not "Direct": no i inside
    assert codes("MI", US_STATES)[0] == "MI" and len(codes("MI", US_STATES)) > 1


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sell", ["S"]),
        ("sale", ["S"]),
        ("sold", ["S"]),
        ("buy", ["P"]),
        ("bought", ["P"]),
        ("purchase", ["P"]),
        ("gift", ["G"]),
        ("tax", ["F"]),
        ("grant", ["A"]),
        ("award", ["A"]),
        ("exercise", ["M", "O", "X", "F"]),  # F's label says "exercise price": after the three
        ("option", ["M", "O", "X"]),
        ("small acq", ["L"]),
    ],
)
def test_plain_words_find_their_codes(typed: str, expected: list[str]) -> None:
    assert codes(typed, TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS) == expected


def test_words_not_letters_inside_words() -> None:
    assert codes("zzz", TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS) == []
    assert codes("xercise", TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS) == []
    assert codes("irect", {d.value: d.label for d in DirectIndirect}) == []
    assert codes("sold", {"A": "Acquired", "D": "Disposed"}, ACQUIRED_DISPOSED_KEYWORDS) == ["D"]
    assert codes("new y", US_STATES) == ["NY"]
    assert codes("of columbia", US_STATES) == ["DC"]
    assert codes("uk", CURRENT_COUNTRIES, PLACE_KEYWORDS) == ["X0", "2H"]  # a synonym, then UKRAINE


def test_only_a_match_ahead_of_all_others_is_picked_alone() -> None:
    def sole(text: str, table: dict[str, str], keywords: Any = None) -> str | None:
        items = list(table.items())
        entries = [(c, n, (keywords or {}).get(c, ())) for c, n in items]
        index = sole_match(rank_matches(text, entries))
        return None if index is None else items[index][0]

    assert sole("calif", US_STATES) == "CA"
    assert sole("ca", US_STATES) == "CA"  # the code, ahead of CAROLINA's words
    assert sole("new", US_STATES) is None  # four states, none ahead
    assert sole("exercise", TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS) is None
    assert sole("s", TRANSACTION_CODE_LABELS, TRANSACTION_CODE_KEYWORDS) == "S"
    assert sole("xyz", US_STATES) is None


def test_one_table_of_plain_words_serves_the_session() -> None:
    """The session's choices carry the keyword tables of ``generator.model.codes``, not copies."""
    happenings = domain.happening_choices(Answers({"form": "4"}, ("table_1", 0)))
    sale = next(c for c in happenings if c.code == "S")
    assert sale.keywords is TRANSACTION_CODE_KEYWORDS["S"]
    assert [c.keywords for c in questions.ownership_choices(Answers({}))] == [
        DIRECT_INDIRECT_KEYWORDS["D"],
        DIRECT_INDIRECT_KEYWORDS["I"],
    ]


# --- the pick list's rule, without a terminal --------------------------------------------------


def what_happened(table: str = "table_1") -> list[Choice]:
    return domain.happening_choices(Answers({"form": "4", table: [{}]}, (table, 0)))


def typed(state: PickList, text: str) -> tuple[bool, Any]:
    state.type(text)
    return state.submit()


def title(choices: list[Choice], value: Any) -> str:
    return next(c.title for c in choices if c.value == value)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("sale", "Sold shares"),
        ("sell", "Sold shares"),
        ("sold", "Sold shares"),  # ahead of "Sold or returned shares to the company (D)"
        ("S", "Sold shares"),
        ("exercise", "Received shares by exercising"),
        ("tax", "Shares withheld"),
        ("holding", "Nothing happened"),
        ("P", "Bought"),
    ],
)
def test_what_happened_takes_the_choice_the_words_point_at(text: str, start: str) -> None:
    choices = what_happened()
    done, value = typed(PickList(choices), text)
    assert done and title(choices, value).startswith(start)


def test_enter_with_nothing_picked_says_why_and_stays_open() -> None:
    state = PickList(what_happened())
    assert state.submit() == (False, None)
    assert state.message.startswith("Nothing is picked yet")
    assert typed(state, "xyz") == (False, None)
    assert state.message.startswith("Nothing matches 'xyz':")
    assert state.shown == []
    state.erase(everything=True)
    assert typed(state, "gift") == (False, None)  # given or received: the filer says which
    assert state.message.startswith("2 choices match 'gift':")
    state.move(1)
    done, value = state.submit()
    assert done and title(what_happened(), value).startswith("Gave")


def test_the_default_is_taken_until_something_is_typed() -> None:
    ownership = questions.ownership_choices(Answers({}))
    assert PickList(ownership, "D").submit() == (True, "D")
    assert typed(PickList(ownership, "D"), "I") == (True, "I")
    assert typed(PickList(ownership, "D"), "indirect") == (True, "I")
    state = PickList(ownership, "D")
    state.type("x")
    state.erase()
    assert state.submit() == (True, "D")


def test_states_are_codes_and_an_optional_one_may_be_left_empty() -> None:
    states = table_choices(US_STATES)
    assert typed(PickList(states), "calif") == (True, "CA")
    assert typed(PickList(states), "ny") == (True, "NY")
    assert typed(PickList(states), "new") == (False, None)
    assert PickList(states, optional=True).submit() == (True, "")
    assert PickList(states).submit() == (False, None)


def test_forms_by_number_or_words() -> None:
    forms = questions.form_choices(Answers({}))
    assert typed(PickList(forms), "4") == (True, "4")
    assert typed(PickList(forms), "4/a") == (True, "4/A")
    assert typed(PickList(forms), "form 5 ") == (True, "5")
    assert typed(PickList(forms), "form 5") == (True, "5")
    assert typed(PickList(forms), "annual") == (True, "5")
    assert typed(PickList(forms), "amendment") == (False, None)


def test_a_checklist_ticks_with_space_and_a_typed_word_with_enter() -> None:
    boxes = domain.relationship_choices(Answers({}))
    assert typed(PickList(boxes, multiple=True), "director") == (True, ["director"])
    state = PickList(boxes, multiple=True, ticked=["officer"])
    assert typed(state, "10") == (True, ["officer", "ten_percent_owner"])
    state = PickList(boxes, multiple=True)
    state.type("dir")
    state.tick()
    state.type("cfo")
    state.tick()
    assert state.text == "" and state.submit() == (True, ["director", "officer"])
    state = PickList(boxes, multiple=True)
    assert typed(state, "zz") == (False, None)
    assert state.message.startswith("Nothing matches 'zz'")
    assert PickList(boxes, multiple=True).submit() == (True, [])
