"""Where ``sec16 edit`` resumes: the question table walked over the saved draft (issue 17 point 7).

A draft that does not record where its session stopped (no ``# sec16-session: next`` line: one
written by hand, cut short, or saved by an older sec16) resumes at the first question a filing
cannot do without that the draft holds no answer to (``resume.resume_point``). The drafts here
are the real ones of ``examples/``, cut at several points: in the boxes at the top, in the
middle of a table row, inside the matching row an exercise leads to, at a footnote. Each case
is checked twice: the walker's answer, and the session started on the draft asking that very
question first. Drafts the session saved itself, stopped at a question it asks again, resume
where it stopped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from test_questionnaire import CTRL_C, EXERCISE, keys_of, run

from generator.formats.draft import dump_draft, parse_yaml
from generator.session.resume import resume_point

#: A key path as the session names questions: ``table_1[2].price`` (rows counted from 1).
_PART = re.compile(r"([A-Za-z0-9_]+)(?:\[(\d+)\])?")


def example(name: str) -> dict[str, Any]:
    """An example draft as plain data, as ``sec16 edit`` reads it."""
    data, _ = parse_yaml((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"), name)
    return data


def parts(path: str) -> list[str | int]:
    found: list[str | int] = []
    for piece in path.split("."):
        match = _PART.fullmatch(piece)
        assert match, path
        found.append(match.group(1))
        if match.group(2):
            found.append(int(match.group(2)) - 1)
    return found


def cut(data: dict[str, Any], *paths: str) -> dict[str, Any]:
    """The draft without the answers at ``paths`` (a whole row, a section, one key)."""
    for path in paths:
        *parents, last = parts(path)
        node: Any = data
        for part in parents:
            node = node[part]
        del node[last]
    return data


def added_row(data: dict[str, Any], table: str) -> dict[str, Any]:
    """The draft just after "Add another row?" was answered yes: an empty row at the end."""
    data.setdefault(table, []).append({})
    return data


#: The examples a draft starts from, and the rest of the filing they lose when cut part-way.
PURCHASE = "form4-open-market-purchase"
EXERCISE_AND_SALE = "form4-option-exercise-and-sale-10b5-1"
AFTER_ISSUER = ("period_of_report", "rule_10b5_1_plan", "table_1", "signatures")

#: (what the draft is, the draft, the question it resumes at).
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("a finished draft", example(PURCHASE), "review"),
    ("no form yet", cut(example(PURCHASE), "form"), "form"),
    (
        "no reporting person: the first one is always there",
        cut(example(PURCHASE), "reporting_owners", "issuer", *AFTER_ISSUER),
        "reporting_owners[1].cik",
    ),
    (
        "saved in box 2, after the issuer's CIK (its optional name is not asked again)",
        cut(example(PURCHASE), "issuer.name", "issuer.ticker", *AFTER_ISSUER),
        "issuer.ticker",
    ),
    (
        "saved before box 3",
        cut(example(PURCHASE), *AFTER_ISSUER),
        "period_of_report",
    ),
    (
        "the yes/no boxes at the top are not asked again",
        cut(example(PURCHASE), "rule_10b5_1_plan", "table_1", "signatures"),
        "signatures[1].name",
    ),
    (
        "saved in the middle of a Table I row, at the price",
        cut(
            example(PURCHASE),
            "table_1[1].price",
            "table_1[1].owned_following",
            "table_1[1].ownership",
            "signatures",
        ),
        "table_1[1].price",
    ),
    (
        "a code without its direction: the direction is asked",
        cut(
            example(PURCHASE),
            "table_1[1].acquired_disposed",
            "table_1[1].price",
            "table_1[1].owned_following",
            "table_1[1].ownership",
            "signatures",
        ),
        "table_1[1].acquired_disposed",
    ),
    (
        "a Table I row just added",
        added_row(cut(example(PURCHASE), "signatures"), "table_1"),
        "table_1[2].security",
    ),
    (
        "the second row of a table, at its price",
        cut(example(EXERCISE_AND_SALE), "table_1[2].price"),
        "table_1[2].price",
    ),
    (
        "the matching Table II row is walked right after the exercise that leads to it",
        cut(example(EXERCISE_AND_SALE), "table_1[1].price", "table_2[1].expiration_date"),
        "table_2[1].expiration_date",
    ),
    (
        "a Table II row without its date exercisable",
        cut(example(EXERCISE_AND_SALE), "table_2[1].date_exercisable"),
        "table_2[1].date_exercisable",
    ),
    (
        "a footnote referred to without its text",
        cut(example(EXERCISE_AND_SALE), "footnotes.F3", "signatures"),
        "footnotes.F3",
    ),
    (
        "no footnote text at all: the first one referred to",
        cut(example(EXERCISE_AND_SALE), "footnotes", "signatures"),
        "footnotes.F1",
    ),
    ("a finished Form 3", example("form3-director-initial-holdings"), "review"),
    (
        "a Form 3 holding without its amount",
        cut(example("form3-director-initial-holdings"), "table_1[2].owned_following"),
        "table_1[2].owned_following",
    ),
    (
        "a Form 3 holding without its ownership",
        cut(example("form3-director-initial-holdings"), "table_1[2].ownership"),
        "table_1[2].ownership",
    ),
    (
        "an indirect holding without its nature",
        cut(example("form3-director-initial-holdings"), "table_1[2].nature_of_ownership"),
        "table_1[2].nature_of_ownership",
    ),
    (
        "the second reporting person of a joint filing",
        cut(example("form4-joint-filing"), "reporting_owners[2].cik"),
        "reporting_owners[2].cik",
    ),
    (
        "an amendment without the original's date",
        cut(example("form4a-amendment"), "original_filing_date"),
        "original_filing_date",
    ),
    (
        "a Form 5 without its signature",
        cut(example("form5-smith-allied-motion-2013"), "signatures"),
        "signatures[1].name",
    ),
]
IDS = [what for what, _, _ in CASES]
#: Drafts the model accepts as they are (the amount and the nature are findings of the rules,
#: at build time): the session opens them on the review screen, which names what is missing
#: and leads back to it, whatever the walker finds.
ON_REVIEW = {"a Form 3 holding without its amount", "an indirect holding without its nature"}


@pytest.mark.parametrize(("what", "data", "expected"), CASES, ids=IDS)
def test_the_walker_finds_the_first_question_left(
    what: str, data: dict[str, Any], expected: str
) -> None:
    before = repr(data)
    assert resume_point(data) == expected, what
    assert repr(data) == before, "the walker changed the draft"


@pytest.mark.parametrize(("what", "data", "expected"), CASES, ids=IDS)
def test_the_session_on_a_draft_that_does_not_say_asks_that_question_first(
    what: str, data: dict[str, Any], expected: str, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(dump_draft(data), encoding="utf-8")  # no "# sec16-session:" line
    result = run(draft, CTRL_C, edit=True)  # Ctrl-C at the first question asked
    assert result.stopped, result.text[-2000:]
    assert result.cursor == ("review" if what in ON_REVIEW else expected), what


#: Questions of the Form 4 of ``test_questionnaire.EXERCISE`` that a resumed session asks again
#: (none optional, none a yes/no): (the key path its answer is saved under, its question).
STOPS = [
    ("reporting_owners.0.cik", "reporting_owners[1].cik"),
    ("issuer.ticker", "issuer.ticker"),
    ("period_of_report", "period_of_report"),
    ("table_1.0.shares", "table_1[1].shares"),
    ("table_2.0.expiration_date", "table_2[1].expiration_date"),  # the matching row, mid-row
    ("table_1.0.price", "table_1[1].price"),  # back in the exercise's row
    ("table_1.1.price", "table_1[2].price"),  # the same-day sale's row
    ("footnotes.F2", "footnotes.F2"),
    ("footnotes.F3", "footnotes.F3"),
    ("signatures.0.name", "signatures[1].name"),
]


def test_drafts_the_session_saved_resume_where_it_stopped(tmp_path: Path) -> None:
    """Ctrl-C at each of ``STOPS``, one after the other on the same draft: the session records
    the question, the walker finds the same one in the saved answers, and a session on the
    answers without the record stops there again."""
    draft = tmp_path / "f4.yaml"
    bare = tmp_path / "bare.yaml"
    paths = [path for _, _, path in EXERCISE]
    start = 0
    for number, (path, question) in enumerate(STOPS):
        stop = paths.index(path)
        result = run(draft, keys_of(EXERCISE[start:stop]) + CTRL_C, edit=number > 0)
        assert result.stopped, f"{question}: {result.text[-2000:]}"
        assert result.cursor == question
        assert resume_point(result.data) == question
        text = draft.read_text(encoding="utf-8")
        bare.write_text(re.sub(r"(?m)^# sec16-session: .*\n", "", text), encoding="utf-8")
        assert run(bare, CTRL_C, edit=True).cursor == question
        start = stop
    result = run(draft, keys_of(EXERCISE[start:]), edit=True)
    assert result.outcome is not None and result.outcome.valid, result.text[-2000:]
