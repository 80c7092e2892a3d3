"""The guided session, driven through prompt_toolkit pipes: real questionary prompts, real keys.

No mock of questionary: every answer goes through the prompt's own validate/default logic, as a
filer's keystrokes would (house style: "Test prompts through a pipe, not mocks"). One test runs
the installed ``sec16 new`` in a real pseudo-terminal.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from generator.formats.draft import load_draft
from generator.pipeline.build import build_filing
from generator.session import questions
from generator.session.answers import Answers
from generator.session.domain import owned_following_default
from generator.session.questionnaire import (
    Outcome,
    Session,
    SessionInterrupted,
    read_session,
    require_terminal,
)

TODAY = date(2026, 11, 25)
DOWN = "\x1b[B"
CTRL_C = "\x03"
CLEAR = "\x15"  # Ctrl-U: erase the default already in the answer line


def enter(text: str = "") -> str:
    """Type an answer to a text question (replacing any default) and press Enter."""
    return CLEAR + text + "\r"


def pick(fragment: str) -> str:
    """Pick the choice of a select whose title contains ``fragment`` (type to filter, Enter)."""
    return fragment + "\r"


YES, NO, KEEP = "y\r", "n\r", "\r"  # a yes/no is answered with y or n, then Enter


@contextmanager
def piped(keys: str, output: Any = None, later: str | None = None) -> Iterator[None]:
    """The keys typed in advance; when they run out the pipe closes (EOF, like Ctrl-D).

    ``later`` keys arrive after a pause, once the prompt has drawn what the first ones caused.
    """
    with create_pipe_input() as pipe:
        pipe.send_text(keys)

        def rest() -> None:
            if later is not None:
                pipe.send_text(later)
            pipe.close()

        timer = threading.Timer(1.0 if later is not None else 0, rest)
        if later is None:
            rest()
        else:
            timer.start()
        try:
            with create_app_session(input=pipe, output=output or DummyOutput()):
                yield
        finally:
            timer.cancel()


class Result:
    def __init__(self, path: Path, outcome: Outcome | None, stopped: bool, text: str) -> None:
        self.path = path
        self.outcome = outcome
        self.stopped = stopped
        self.text = text

    @property
    def data(self) -> dict[str, Any]:
        return read_session(self.path)[0]

    @property
    def cursor(self) -> str | None:
        return read_session(self.path)[1]


def run(path: Path, keys: str, data: dict[str, Any] | None = None, *, edit: bool = False) -> Result:
    """One session on ``path`` fed ``keys``: ``sec16 new`` (or ``sec16 edit`` if ``edit``)."""
    out = io.StringIO()
    if edit:
        data, cursor = read_session(path)
    else:
        cursor = None
    with piped(keys):
        session = Session(path, data, cursor=cursor, resume=edit, today=TODAY, out=out)
        try:
            outcome: Outcome | None = session.run()
            stopped = False
        except SessionInterrupted:
            outcome, stopped = None, True
    return Result(session.path, outcome, stopped, out.getvalue())


def xml_of(draft: Path) -> str:
    return build_filing(load_draft(draft), "submission", lambda cik: None).xml


# --- keystrokes of whole filings ---------------------------------------------------------------


def issuer(cik: str = "0009100041", name: str = "Quillon Software, Inc.", ticker: str = "QLSW"):
    return enter(cik) + enter(name) + enter(ticker) + enter()


def owner(
    cik: str = "0009200041",
    name: str = "Lindqvist Anna M.",
    *,
    address: tuple[str, str, str, str, str] | None = (
        "c/o Quillon Software, Inc.",
        "77 Market Street, 18th Floor",
        "San Francisco",
        "CA",
        "94105",
    ),
    relationship: str = DOWN + " ",
    title: str | None = "Chief Financial Officer",
) -> str:
    keys = enter(cik) + enter(name)
    if address is None:
        keys += NO
    else:
        street1, street2, city, state, zip_code = address
        keys += YES + enter(street1) + enter(street2) + enter(city) + NO + enter(state)
        keys += enter(zip_code)
    keys += relationship + "\r"
    if title is not None:
        keys += enter(title)
    return keys


def example(name: str) -> Any:
    return load_draft(EXAMPLES / f"{name}.yaml")


def footnote_texts(name: str) -> str:
    """The footnotes of an example, typed in order (the session asks for each one referred to)."""
    return "".join(enter(text) for text in example(name).footnotes.values())


SEED = "form5-smith-allied-motion-2013"
SEED_FORM_5 = (
    pick("Form 5 ")
    + owner(
        "0001193560",
        "SMITH RICHARD D /CO/",
        address=(
            "C/O ALLIED MOTION TECHNOLOGIES INC.",
            "455 COMMERCE DRIVE, SUITE 4",
            "AMHERST",
            "NY",
            "14228",
        ),
        relationship=" ",
        title=None,
    )
    + NO  # another reporting person?
    + issuer("0000046129", "ALLIED MOTION TECHNOLOGIES INC", "AMOT")
    + enter("12/31/2013")
    + NO  # no longer subject to Section 16
    + NO  # 10b5-1
    + YES  # anything in Table I?
    # row 1: a holding (no transaction date), owned directly
    + KEEP + enter() + KEEP + enter("31,346") + NO + YES
    # row 2: the gift, by the family trust: the date, then what happened
    + KEEP + enter("12/20/2013") + pick("Gave") + enter("2,000") + enter("[F1]")
    + NO  # the standard footnote for a gift
    + pick("Ind") + enter("By Family Trust") + enter("602,043") + NO + YES
    # rows 3-5: holdings by spouse's IRA, IRA and ESOP trust
    + KEEP + enter() + pick("Ind") + enter("By Spouse's IRA") + enter("900") + NO + YES
    + KEEP + enter() + pick("Ind") + enter("By IRA") + enter("17,408 [F2]") + NO + YES
    + KEEP + enter() + pick("Ind") + enter("By ESOP Trust") + enter("0 [F2]") + NO + NO
    + NO  # anything in Table II?
    + footnote_texts(SEED)
    + enter()  # remarks
    + enter("Susan M. Chiaromonte, attorney-in fact for Richard D. Smith")
    + enter("02/13/2014")
    + enter()  # the power of attorney (EX-24) to attach: none
    + NO  # another signature?
    + KEEP  # review: write the XML
)  # fmt: skip

HALCYON_OWNER = owner(
    "0009200011",
    "Oduya Margaret A.",
    address=(
        "c/o Halcyon Biosciences, Inc.",
        "1200 Harbor Point Drive, Suite 300",
        "Baltimore",
        "MD",
        "21231",
    ),
    relationship=" ",
    title=None,
)
#: Box 1 (the reporting person) comes before the issuer, as on the paper form.
HALCYON = HALCYON_OWNER + NO + issuer("0009100011", "Halcyon Biosciences, Inc.", "HLCY")


def form_3(amended: bool) -> str:
    name = "form3a-amendment" if amended else "form3-director-initial-holdings"
    notes = [1, 2, 3, 4, 5] if amended else [0, 1, 2, 3, 4]
    filing = example(name)
    direct = "12,000 [F1]" if amended else "10,000"
    return (
        HALCYON
        + enter("06/02/2025")
        + (enter("06/04/2025") if amended else "")
        + YES  # Table I (Form 3: holdings only, no "what happened?")
        + KEEP + KEEP + enter(direct) + NO + YES
        + KEEP + pick("Ind") + enter(f"By The Oduya Family Trust [F{notes[1]}]") + enter("2,500")
        + NO + NO
        + YES  # Table II
        + enter("Stock Option (right to buy)") + enter("18.42") + enter(f"[F{notes[2]}]")
        + enter("06/01/2035") + KEEP + enter("24,000") + KEEP + NO + YES
        + enter("Restricted Stock Units") + enter(f"[F{notes[3]}]") + enter(f"[F{notes[4]}]")
        + enter(f"[F{notes[4]}]") + KEEP + enter("6,000") + KEEP + NO + NO
        + footnote_texts(name)
        + enter(filing.remarks)
        + enter(filing.signatures[0].name) + enter(filing.signatures[0].date.isoformat())
        + enter()  # signed by an attorney-in-fact: no power of attorney to attach
        + NO
        + KEEP
    )  # fmt: skip


FORM_4 = (
    owner(
        "0009200031",
        "Whitfield Thomas E.",
        address=("220 North Lake Avenue", "", "Traverse City", "MI", "49684"),
        relationship=" ",
        title=None,
    )
    + NO
    + issuer("0009100031", "Lakeshore Community Bancorp, Inc.", "LKSB")
    + enter("2025-08-12") + NO + NO
    + YES + KEEP + KEEP + pick("Bought") + enter("5,000") + enter("$21.37")
    + NO  # a weighted average of several trades? (a standard footnote)
    + KEEP
    + enter("17,000") + NO + NO
    + NO  # Table II
    + enter()  # remarks
    + enter("/s/ Thomas E. Whitfield") + enter("2025-08-13") + NO
    + KEEP
)  # fmt: skip

FORM_4A = (
    owner(
        "0009200061",
        "Okafor Chinedu P.",
        address=("900 Riverside Plaza", "", "Hartford", "CT", "06103"),
        title="SVP, Operations",
    )
    + NO
    + issuer("0009100061", "Brightwater Utilities Co.", "BWUC")
    + enter("2025-03-03") + enter("2025-03-05") + NO + NO
    + NO  # Table I
    # Table II in the paper form's order: exercise price, date, code, amount, dates,
    # underlying, then the price (0 for a grant) and the underlying shares as defaults
    + YES
    + enter("Restricted Stock Units") + enter("[F1]") + KEEP + pick("grant") + enter("8,400")
    + enter("[F2]") + enter("[F2]") + KEEP + KEEP + KEEP + KEEP + enter("19,650 [F3]") + NO + NO
    + footnote_texts("form4a-amendment")
    + enter(example("form4a-amendment").remarks)
    + enter("/s/ Priya Raman, Attorney-in-Fact for Chinedu P. Okafor") + enter("2025-03-12")
    + enter()  # no power of attorney to attach
    + NO + KEEP
)  # fmt: skip

FORM_5A = (
    owner(
        "0009200081",
        "Beaumont Louis G.",
        address=("3100 Orchard Road", "", "Yakima", "WA", "98901"),
        title="VP, Supply Chain",
    )
    + NO
    + issuer("0009100081", "Cedar Hollow Foods, Inc.", "CHFI")
    + enter("2025-06-30") + enter("2025-08-13") + NO + NO
    + YES  # Table I: code L through "Other: pick from the full code list"
    + KEEP + enter("03/10/2025") + pick("Other") + pick("Small acquisition") + KEEP
    + enter("150") + enter("41.20") + KEEP + enter("8,650 [F1]") + NO + YES
    + KEEP + enter() + pick("Ind") + enter("By 401(k) Plan") + enter("1,204.3817 [F2]")
    + NO + NO
    + NO  # Table II
    + footnote_texts("form5a-amendment")
    + enter(example("form5a-amendment").remarks)
    + enter("/s/ Louis G. Beaumont") + enter("2025-08-20") + NO
    + KEEP
)  # fmt: skip

#: Every form type, typed from nothing: (form, keys, the example whose XML it must give).
#: Form 5 is the seed filing, in its own test below.
SESSIONS = {
    "3": (form_3(amended=False), "form3-director-initial-holdings"),
    "3/A": (form_3(amended=True), "form3a-amendment"),
    "4": (FORM_4, "form4-open-market-purchase"),
    "4/A": (FORM_4A, "form4a-amendment"),
    "5/A": (FORM_5A, "form5a-amendment"),
}


@pytest.mark.parametrize("form", list(SESSIONS))
def test_a_whole_session_for_every_form_type_builds_valid_xml(form: str, tmp_path: Path) -> None:
    keys, name = SESSIONS[form]
    draft = tmp_path / "draft.yaml"
    result = run(draft, keys, None if form == "5" else {"form": form})
    assert result.outcome is not None, result.text[-3000:]
    assert result.outcome.valid, result.outcome.messages
    assert result.outcome.xml == tmp_path / "draft.xml"
    filing = load_draft(draft)  # the draft loads as it is
    assert filing.form.value == form
    built = build_filing(filing, "submission", lambda cik: None)
    assert built.valid
    # The same XML as the example written by hand for the same filing.
    assert built.xml == xml_of(EXAMPLES / f"{name}.yaml")
    assert (tmp_path / "draft.xml").read_text() == build_filing(filing).xml
    assert result.cursor == "review"
    assert "null" not in draft.read_text()  # skipped questions are tidied away at the end


def test_seed_form_5_typed_from_nothing_builds_the_same_xml(tmp_path: Path) -> None:
    """shared/seed/000_e073f10ceffcad85.txt, typed from nothing, form type included."""
    result = run(tmp_path / "smith.yaml", SEED_FORM_5)
    assert result.outcome is not None and result.outcome.valid, result.text[-3000:]
    assert result.outcome.xml == tmp_path / "smith.xml"
    assert load_draft(tmp_path / "smith.yaml").form.value == "5"
    assert xml_of(tmp_path / "smith.yaml") == xml_of(EXAMPLES / f"{SEED}.yaml")
    assert (tmp_path / "smith.xml").read_text() == build_filing(
        load_draft(tmp_path / "smith.yaml")
    ).xml
    assert "SMITH RICHARD D /CO/" in result.text  # the review screen
    assert "By Spouse's IRA" in result.text


# --- a Form 4: option exercise and same-day sale under a 10b5-1 plan --------------------------

#: (section, keys of one answer, key path the answer is saved under or None).
OWNER = "reporting_owners.0."
SIGNER = "/s/ Jonah Fairbanks, Attorney-in-Fact for Anna M. Lindqvist"
EXERCISE: list[tuple[str, str, str | None]] = [
    ("form", pick("Form 4 "), "form"),
    # box 1 before the issuer, as on the paper form
    ("owners", enter("0009200041"), OWNER + "cik"),
    ("owners", enter("Lindqvist Anna M."), OWNER + "name"),
    ("owners", YES, None),
    ("owners", enter("c/o Quillon Software, Inc."), OWNER + "address.street1"),
    ("owners", enter("77 Market Street, 18th Floor"), OWNER + "address.street2"),
    ("owners", enter("San Francisco"), OWNER + "address.city"),
    ("owners", NO, OWNER + "address.non_us"),
    ("owners", enter("CA"), OWNER + "address.state"),
    ("owners", enter("94105"), OWNER + "address.zip"),
    ("owners", DOWN + " \r", OWNER + "relationship.officer"),
    ("owners", enter("Chief Financial Officer"), OWNER + "relationship.officer_title"),
    ("owners", NO, None),
    ("issuer", enter("0009100041"), "issuer.cik"),
    ("issuer", enter("Quillon Software, Inc."), "issuer.name"),
    ("issuer", enter("QLSW"), "issuer.ticker"),
    ("issuer", enter(), "issuer.foreign_ticker"),
    ("dates", enter("11/03/2025"), "period_of_report"),
    ("boxes", NO, "no_longer_subject_to_section_16"),
    ("boxes", YES, "rule_10b5_1_plan"),
    ("boxes", enter("05/14/2025"), "footnotes.F1"),
    ("table_1", YES, "table_1.0"),
    ("table_1", KEEP, "table_1.0.security"),
    ("table_1", KEEP, "table_1.0.transaction_date"),  # the date before what happened
    ("table_1", pick("by exercising"), "table_1.0.code"),
    ("table_1", KEEP, None),  # under the plan? (default yes)
    ("table_1", enter("15,000"), "table_1.0.shares"),
    ("table_1", KEEP, "table_2.0"),  # add the matching Table II row, filled in at once
    ("table_2", enter("Employee Stock Option (right to buy)"), "table_2.0.security"),
    ("table_2", enter("12.50"), "table_2.0.exercise_price"),
    ("table_2", KEEP, None),  # under the plan?
    ("table_2", enter("[F2]"), "table_2.0.date_exercisable"),
    ("table_2", enter("02/14/2030"), "table_2.0.expiration_date"),
    ("table_2", KEEP, "table_2.0.price"),  # default 0
    ("table_2", KEEP, "table_2.0.ownership"),
    ("table_2", enter("30,000"), "table_2.0.owned_following"),
    ("table_2", NO, None),  # rarer columns
    ("table_1", KEEP, "table_1.0.price"),  # default: the Table II row's exercise price
    ("table_1", NO, None),  # the standard footnote for shares received on an exercise
    ("table_1", KEEP, "table_1.0.ownership"),
    ("table_1", enter("55,250"), "table_1.0.owned_following"),
    ("table_1", NO, None),  # rarer columns
    ("table_1", pick("Sold"), "table_1.1"),  # the same-day sale: date, security, code filled in
    ("table_1", KEEP, None),  # under the plan?
    ("table_1", KEEP, "table_1.1.shares"),  # default: the 15,000 exercised
    ("table_1", enter("48.7312 [F3]"), "table_1.1.price"),
    ("table_1", NO, None),  # a weighted average? (F3 is typed by hand here)
    ("table_1", KEEP, "table_1.1.ownership"),
    ("table_1", KEEP, "table_1.1.owned_following"),  # default 55,250 - 15,000
    ("table_1", NO, None),
    ("table_1", NO, None),  # another Table I row?
    ("table_2", NO, None),  # another Table II row?
    ("footnotes", enter("The option vested in three equal annual installments."), "footnotes.F2"),
    ("footnotes", enter("The price reported is a weighted average price."), "footnotes.F3"),
    ("remarks", enter(), "remarks"),
    ("signatures", enter(SIGNER), "signatures.0.name"),
    ("signatures", enter("11/05/2025"), "signatures.0.date"),
    ("signatures", enter(), None),  # signed by an attorney-in-fact: no power of attorney
    ("signatures", NO, None),
    ("review", KEEP, None),
]  # fmt: skip


def keys_of(steps: list[tuple[str, str, str | None]]) -> str:
    return "".join(keys for _, keys, _ in steps)


def lookup(data: Any, path: str) -> Any:
    node = data
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@pytest.fixture(scope="module")
def exercise(tmp_path_factory: pytest.TempPathFactory) -> Result:
    """The Form 4 of EXERCISE, answered in one go."""
    return run(tmp_path_factory.mktemp("exercise") / "f4.yaml", keys_of(EXERCISE))


def test_exercise_and_sale_under_a_10b5_1_plan(exercise: Result) -> None:
    result = exercise
    assert result.outcome is not None and result.outcome.valid, result.text[-3000:]
    data = result.data
    plan = data["footnotes"]["F1"]
    assert plan == (
        "The transactions reported on this Form were effected pursuant to a Rule 10b5-1 "
        "trading plan adopted by the Reporting Person on 05/14/2025."
    )
    # "What happened?" set code, direction and table; the plan's footnote is on every row.
    exercise, sale = data["table_1"]
    [option] = data["table_2"]
    assert (exercise["code"], exercise["acquired_disposed"]) == (
        {"value": "M", "footnotes": ["F1"]},
        "A",
    )
    assert (sale["code"], sale["acquired_disposed"]) == ({"value": "S", "footnotes": ["F1"]}, "D")
    assert (option["code"], option["acquired_disposed"]) == (
        {"value": "M", "footnotes": ["F1"]},
        "D",
    )
    # The matching Table II row came from the Table I row; defaults did the arithmetic.
    assert option["underlying_shares"] == "15,000" and option["exercise_price"] == "12.50"
    assert sale["owned_following"] == "40,250"
    assert sale["transaction_date"] == "11/03/2025"
    assert sale["price"] == {"value": "48.7312", "footnotes": ["F3"]}
    assert option["date_exercisable"] == {"footnotes": ["F2"]}
    assert "Table I row 2" in result.text and "Table II row 1" in result.text


def test_interrupt_in_every_section_keeps_every_answer_and_edit_completes(
    tmp_path: Path, exercise: Result
) -> None:
    """Ctrl-C at a question of each section, then ``sec16 edit``; the end is the same filing."""
    whole = exercise.path
    draft = tmp_path / "f4.yaml"
    sections = list(dict.fromkeys(section for section, _, _ in EXERCISE))
    # Stop at the second question of each section (the first if it has only one).
    stops = []
    for section in sections:
        places = [i for i, (s, _, _) in enumerate(EXERCISE) if s == section]
        stops.append(places[1] if len(places) > 1 else places[0])
    start = 0
    for number, stop in enumerate(stops):
        result = run(draft, keys_of(EXERCISE[start:stop]) + CTRL_C, edit=number > 0)
        assert result.stopped, f"stop {number}: {result.text[-2000:]}"
        data = result.data
        for _, _, path in EXERCISE[:stop]:
            if path is not None:
                lookup(data, path)  # every earlier answer is in the draft
        assert result.cursor is not None
        start = stop
    result = run(draft, keys_of(EXERCISE[start:]), edit=True)
    assert result.outcome is not None and result.outcome.valid, result.text[-2000:]
    assert xml_of(draft) == xml_of(whole)


def test_a_rejected_cik_shows_the_loaders_message_and_the_question_stays_open(
    tmp_path: Path,
) -> None:
    from generator.formats.draft import load_draft_text
    from generator.support.errors import DraftError

    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with piped(enter("12345678901"), output, later=enter("46129") + CTRL_C):
        session = Session(tmp_path / "x.yaml", {"form": "4"}, today=TODAY, out=io.StringIO())
        with pytest.raises(SessionInterrupted):
            session.run()
    with pytest.raises(DraftError) as loader:
        load_draft_text(
            (EXAMPLES / "form4-open-market-purchase.yaml")
            .read_text()
            .replace('"0009100031"', '"12345678901"'),
            "x.yaml",
        )
    [problem] = loader.value.problems
    assert problem.message.startswith("'12345678901' is not a CIK")
    assert problem.message in screen.getvalue()  # shown under the question, word for word
    data, cursor = read_session(tmp_path / "x.yaml")
    # The first CIK asked is the reporting person's (box 1); it stayed open for a good answer.
    assert data["reporting_owners"][0]["cik"] == "46129"
    assert cursor == "reporting_owners[1].name"


def test_a_problem_found_at_the_review_leads_back_to_its_question(tmp_path: Path) -> None:
    draft = tmp_path / "purchase.yaml"
    text = (EXAMPLES / "form4-open-market-purchase.yaml").read_text()
    draft.write_text(text.replace("price: $21.37", "price: {value: $21.37, footnotes: [F9]}"))
    # The review offers "Go back to Table I row 1 (price)" first; the price is typed again.
    result = run(draft, KEEP + enter("$21.37") + KEEP, edit=True)
    assert "F9" in result.text
    assert result.outcome is not None and result.outcome.valid, result.text[-2000:]
    assert "Table I row 1 (price)" in result.text
    assert xml_of(draft) == xml_of(EXAMPLES / "form4-open-market-purchase.yaml")


def test_edit_of_a_finished_draft_changes_a_row_picked_from_the_list(tmp_path: Path) -> None:
    draft = tmp_path / "purchase.yaml"
    shutil.copy(EXAMPLES / "form4-open-market-purchase.yaml", draft)
    keys = (
        pick("Change something")
        + pick("Table I row 1")
        + pick("Change it")
        # the row's questions again, each with its answer as the default
        + KEEP + KEEP + KEEP + enter("6,000") + KEEP + KEEP + KEEP + enter("18,000") + NO
        + KEEP  # review: write
    )  # fmt: skip
    result = run(draft, keys, edit=True)
    assert result.outcome is not None and result.outcome.valid, result.text[-2000:]
    row = load_draft(draft).table_1[0]
    assert str(row.shares.value) == "6000" and str(row.owned_following.value) == "18000"


def test_owned_following_defaults_to_the_previous_row_plus_or_minus_this_one() -> None:
    data: dict[str, Any] = {
        "form": "4",
        "table_1": [
            {"security": "Common Stock", "ownership": "D", "owned_following": "1,000"},
            {"security": "Common Stock", "ownership": "I", "nature_of_ownership": "By Trust",
             "owned_following": "50"},
            {"kind": "transaction", "security": "common stock", "ownership": "D",
             "shares": "250.5", "acquired_disposed": "A"},
            {"kind": "transaction", "security": "Common Stock", "ownership": "D",
             "shares": "2,000", "acquired_disposed": "D"},
        ],
    }  # fmt: skip
    answers = Answers(data, ("table_1", 2))
    assert owned_following_default(answers) == "1,250.5"
    data["table_1"][2]["owned_following"] = "1,250.5"
    # Disposing of more than is owned: no default rather than a negative one.
    assert owned_following_default(Answers(data, ("table_1", 3))) is None
    assert owned_following_default(Answers(data, ("table_1", 0))) is None


def test_every_model_field_is_asked_or_listed_as_not_asked() -> None:
    from typing import get_args

    from pydantic import BaseModel

    from generator.model.filing import Filing, Noted

    def models_in(annotation: Any) -> list[type[BaseModel]]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [] if issubclass(annotation, Noted) else [annotation]
        return [m for arg in get_args(annotation) for m in models_in(arg)]

    def noted(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, Noted):
            return True
        return any(noted(arg) for arg in get_args(annotation))

    def paths(model: type[BaseModel], prefix: str = "") -> set[str]:
        found: set[str] = set()
        for name, info in model.model_fields.items():
            path = prefix + name
            inner = models_in(info.annotation)
            if inner:
                for sub in inner:
                    found |= paths(sub, path + ".")
            else:
                found.add(path)
                if noted(info.annotation):
                    found.add(path + ".footnotes")
        return found

    fields = paths(Filing)
    asked = questions.asked_fields()
    missing = sorted(fields - asked - set(questions.NOT_ASKED))
    assert not missing, f"model fields neither asked nor listed in NOT_ASKED: {missing}"
    assert set(questions.NOT_ASKED) <= fields, "NOT_ASKED names a field the model does not have"
    assert not set(questions.NOT_ASKED) & asked, "a field is both asked and listed as not asked"


def test_problem_places_map_back_to_questions() -> None:
    target = questions.target_of(("table_1", 1, "price"))
    assert target == questions.Target("table_1", ("table_1", 1), "price")
    owner = questions.target_of(("reporting_owners", 0, "address", "zip"))
    assert owner == questions.Target("reporting_owners", ("reporting_owners", 0), "address.zip")
    assert questions.target_of(("period_of_report",)) == questions.Target(
        "dates", (), "period_of_report"
    )
    assert questions.target_of(("footnotes", "F3")) == questions.Target("footnotes")
    assert questions.target_of(()) is None


def test_a_finding_in_the_built_xml_leads_to_its_question() -> None:
    """From a problem on an element of the built XML to the question, through the one mapping
    (no printed path read back): a price on the second row of Table I."""
    from generator.formats.locate import key_path
    from generator.model.problems import Problem
    from generator.pipeline.build import build_filing

    built = build_filing(example("form4-option-exercise-and-sale-10b5-1"), "record")
    price = built.tree.findall(
        ".//nonDerivativeTable/*/transactionAmounts/transactionPricePerShare"
    )
    problem = Problem("warning", "x", "x", built.tree.getpath(price[1]))
    target = questions.target_of(key_path(problem, built.tree))
    assert target == questions.Target("table_1", ("table_1", 1), "price")


def test_default_draft_name_comes_from_owner_form_and_date(tmp_path: Path) -> None:
    (tmp_path / "lindqvist-form4-2026-11-25.yaml").write_text("# someone else's draft\n")
    provisional = tmp_path / "draft-2026-11-25.yaml"
    keys = enter("0009200041") + enter("Lindqvist Anna M.") + CTRL_C
    out = io.StringIO()
    with piped(keys):
        session = Session(provisional, {"form": "4"}, today=TODAY, out=out, rename=True)
        with pytest.raises(SessionInterrupted) as stop:
            session.run()
    named = tmp_path / "lindqvist-form4-2026-11-25-2.yaml"
    assert stop.value.draft == named
    assert str(stop.value) == f"Saved {named}; resume with: sec16 edit {named}"
    assert not provisional.exists()
    assert (tmp_path / "lindqvist-form4-2026-11-25.yaml").read_text() == "# someone else's draft\n"
    assert read_session(named)[0]["reporting_owners"][0]["name"] == "Lindqvist Anna M."


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_the_review_screen_fits_120_columns(name: str) -> None:
    from generator.formats.preview_text import text_view

    text = text_view(example(name))
    assert max(len(line) for line in text.splitlines()) <= 120
    assert "Table I" in text and "Signature" in text


def sec16() -> list[str]:
    installed = Path(sys.executable).parent / "sec16"
    found = shutil.which("sec16") or (str(installed) if installed.exists() else None)
    return [found] if found else [sys.executable, "-m", "generator"]


@pytest.mark.parametrize("command", [["new"], ["new", "--form", "4"], ["edit", "DRAFT"]])
def test_without_a_terminal_the_session_says_so(command: list[str], tmp_path: Path) -> None:
    import subprocess

    if command[0] == "edit":
        shutil.copy(EXAMPLES / "form4-open-market-purchase.yaml", tmp_path / "d.yaml")
        command = ["edit", "d.yaml"]
    done = subprocess.run(
        [*sec16(), *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"sec16 {command[0]} needs a terminal; write a draft and use `sec16 build DRAFT.yaml`"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["d.yaml"] if command[0] == "edit" else []
    )


def test_without_injected_input_a_pipe_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.support.errors import UsageError

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(UsageError):
        require_terminal("new")
    with piped(""):
        require_terminal("new")  # a test's pipe counts as the terminal


def test_the_command_line_stays_light_until_the_session_starts() -> None:
    import subprocess

    code = (
        "import sys, generator.cli, generator.session.questionnaire, generator.session.questions; "
        "print(sorted(m for m in ('questionary', 'pydantic', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- a real terminal ---------------------------------------------------------------------------


def spawn(args: list[str], cwd: Path) -> Any:
    import pexpect

    command, *rest = [*sec16(), *args]
    # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor position
    # request, and each prompt would wait a second for the answer on leaving.
    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        command, rest, cwd=str(cwd), dimensions=(50, 120), encoding="utf-8", timeout=30, env=env
    )


def answer(child: Any, question: str, keys: str) -> None:
    child.expect_exact(question)
    child.send(keys)


PURCHASE_IN_A_TERMINAL = [
    ("Reporting person's CIK", enter("0009200031")),
    ("last name first", enter("Whitfield Thomas E.")),
    ("mailing address", YES),
    ("Street (line 1)", enter("220 North Lake Avenue")),
    ("Street (line 2", enter()),
    ("City", enter("Traverse City")),
    ("outside the United States", NO),
    ("State (type to search", enter("MI")),
    ("ZIP or postal code", enter("49684")),
    ("Relationship to the issuer", " \r"),
    ("Add another reporting person", NO),
    ("Issuer's CIK", enter("0009100031")),
    ("Issuer's name", enter("Lakeshore Community Bancorp, Inc.")),
    ("trading symbol", enter("LKSB")),
    ("Foreign trading symbol", enter()),
    ("Date of earliest transaction", enter("2025-08-12")),
    ("no longer subject to Section 16", NO),
    ("Rule 10b5-1(c) box", NO),
    ("Anything to report in Table I", YES),
    ("Title of the security", KEEP),
    ("Transaction date", KEEP),
    ("What happened?", pick("Bought")),
    ("Number of shares acquired", enter("5,000")),
    ("Price per share", enter("$21.37")),
    ("weighted average of several trades", NO),
    ("Owned directly (D) or indirectly (I)?", KEEP),
    ("owned following the reported transaction", enter("17,000")),
    ("More columns", NO),
    ("Add another Table I row?", NO),
    ("Anything to report in Table II", NO),
    ("Remarks", enter()),
    ("Signature: name", enter("/s/ Thomas E. Whitfield")),
    ("Date signed", enter("2025-08-13")),
    ("Add another signature?", NO),
    ("What next?", KEEP),
]


@pytest.mark.tty
def test_sec16_new_in_a_real_terminal_writes_valid_xml(tmp_path: Path) -> None:
    import pexpect

    from generator.pipeline.validate import check_path

    child = spawn(["new", "--form", "4", "-o", "purchase.yaml"], tmp_path)
    for question, keys in PURCHASE_IN_A_TERMINAL:
        answer(child, question, keys)
    child.expect_exact("Wrote purchase.xml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert check_path(tmp_path / "purchase.xml", "submission").valid
    assert (tmp_path / "purchase.xml").read_text() == build_filing(
        load_draft(tmp_path / "purchase.yaml")
    ).xml
    assert xml_of(tmp_path / "purchase.yaml") == xml_of(
        EXAMPLES / "form4-open-market-purchase.yaml"
    )


@pytest.mark.tty
def test_ctrl_c_in_a_real_terminal_saves_and_edit_resumes(tmp_path: Path) -> None:
    import pexpect

    child = spawn(["new", "--form", "4", "-o", "purchase.yaml"], tmp_path)
    for question, keys in PURCHASE_IN_A_TERMINAL[:1]:
        answer(child, question, keys)
    child.expect_exact("last name first")
    child.sendcontrol("c")
    child.expect_exact("Saved purchase.yaml; resume with: sec16 edit purchase.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert read_session(tmp_path / "purchase.yaml")[0]["reporting_owners"][0]["cik"] == "0009200031"
    child = spawn(["edit", "purchase.yaml"], tmp_path)
    for question, keys in PURCHASE_IN_A_TERMINAL[1:]:
        answer(child, question, keys)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert xml_of(tmp_path / "purchase.yaml") == xml_of(
        EXAMPLES / "form4-open-market-purchase.yaml"
    )


def test_new_never_replaces_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    draft = tmp_path / "taken.yaml"
    draft.write_text("# mine\n")
    with piped(""):
        assert main(["new", "-o", str(draft)]) == 1
    assert "already exists; continue it with `sec16 edit" in capsys.readouterr().err
    assert draft.read_text() == "# mine\n"
    (tmp_path / "other.xml").write_text("<mine/>")
    with piped(""):
        assert main(["new", "-o", str(tmp_path / "other.yaml")]) == 1
    assert not (tmp_path / "other.yaml").exists()


def test_a_ccc_from_the_environment_makes_the_xml_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys, _ = SESSIONS["4"]
    draft = tmp_path / "draft.yaml"
    first = run(draft, keys, {"form": "4"})
    assert first.outcome is not None
    assert (tmp_path / "draft.xml").stat().st_mode & 0o077 != 0 or os.geteuid() == 0
    ciks = [o.cik for o in load_draft(draft).reporting_owners]
    for cik in ciks:
        monkeypatch.setenv(f"SEC16_CCC_{cik}", "abc#1234")
    (tmp_path / "draft.xml").unlink()
    draft.unlink()
    second = run(draft, keys, {"form": "4"})
    assert second.outcome is not None
    written = tmp_path / "draft.xml"
    assert "<rptOwnerCcc>abc#1234</rptOwnerCcc>" in written.read_text()
    assert written.stat().st_mode & 0o777 == 0o600
    assert "abc#1234" not in draft.read_text()
