"""The guided session in a real terminal: nothing answered is lost, and what a filer expects.

Issue 15, seen in a real terminal: "no" answers asked again after Ctrl-C (6), error sentences cut
at the terminal's edge (7), a row deleted at once with the earlier XML left in place (9), and
small things (10): a relationship with no box ticked, a lowercase ticker, dates proposed as
YYYY-MM-DD under a "(MM/DD/YYYY)" prompt, an exercise row that proposed no price. Each has a
test here, run in a pseudo-terminal (pexpect) as a filer would meet it; the screen is read
through pexpect's own VT100 emulator, as the filer sees it.

The conversations answer questions by their words, not by their order, so that a question
asked in the wrong place, asked twice or never asked is what fails, not a script out of step.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import warnings
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES
from prompt_toolkit.data_structures import Size
from prompt_toolkit.output.vt100 import Vt100_Output
from test_questionnaire import (
    KEEP,
    NO,
    YES,
    enter,
    pick,
    piped,
    sec16,
    spawn,
)

from generator.formats.draft import dump_draft
from generator.model import values
from generator.session.drafts import read_session, session_notes
from generator.session.questionnaire import Session, SessionInterrupted

TODAY = date(2026, 11, 25)
#: Questions another part of the session may add on a row (standard footnotes): not taken.
DECLINE = {"usual footnote": KEEP, "weighted average": KEEP}


# --- a terminal and a filer at it -----------------------------------------------------------


class Terminal:
    """``sec16`` in a pseudo-terminal, and the screen it draws (pexpect's VT100 emulator).

    A question is answered once it waits on the screen: the program has stopped drawing and
    the cursor is on its line. (A finished prompt is drawn again with its answer, so the words
    of a question pass by more than once; the screen says which question is open.)
    """

    def __init__(self, args: list[str], cwd: Path, *, rows: int = 50, columns: int = 120) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pexpect.ANSI is deprecated, and enough here
            from pexpect import ANSI

        self.child = spawn(args, cwd)
        self.child.setwinsize(rows, columns)
        self.emulator = ANSI.ANSI(rows, columns)
        self.columns = columns
        self.asked: list[str] = []

    def settle(self, quiet: float = 0.3) -> bool:
        """Draw what the program writes until it stops for ``quiet`` seconds; False at its end."""
        import pexpect

        while True:
            try:
                self.child.expect(r"(?s).+", timeout=quiet)
            except pexpect.TIMEOUT:
                return True
            except pexpect.EOF:
                return False
            self.emulator.write(self.child.after)

    def screen(self, *, settle: bool = True) -> list[str]:
        """The terminal's lines as drawn now."""
        if settle:
            self.settle()
        return [line.rstrip() for line in self.lines()[0]]

    def lines(self) -> tuple[list[str], int]:
        """The screen's lines (padded to the width) and the cursor's line among them.

        A line filled to the last column is followed by a blank one in pexpect's emulator,
        which wraps at once where a terminal waits for the next character: that blank line is
        left out.
        """
        raw = str(self.emulator).splitlines()
        cursor = int(self.emulator.cur_r) - 1
        lines: list[str] = []
        row = 0
        for index, line in enumerate(raw):
            full_above = bool(lines) and len(lines[-1].rstrip()) >= self.columns
            if not (full_above and not line.strip() and index != cursor):
                lines.append(line)
            if index == cursor:
                row = len(lines) - 1
        return lines, row

    def open_question(self, timeout: float = 30) -> str:
        """The question waiting for an answer: its lines from "? " to the cursor (a line the
        terminal wrapped is joined to the next as it was typed)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            running = self.settle()
            lines, row = self.lines()
            # A line filled to the edge goes on on the next one.
            full = [len(line.rstrip()) >= self.columns for line in lines]
            for start in range(row, max(row - 6, -1), -1):
                if lines[start].startswith("? ") and not (start and full[start - 1]):
                    text = ""
                    for index in range(start, row + 1):
                        text += lines[index] if full[index] else lines[index].rstrip() + " "
                    return text.strip()
            if not running:
                break
        raise AssertionError("no question is open:\n" + "\n".join(self.screen()))

    def converse(
        self,
        answers: Mapping[str, str | Sequence[str]],
        *,
        until: Sequence[str],
    ) -> str:
        """Answer every question that contains a key of ``answers`` (a list: one item a time,
        the last one again) until one that contains one of ``until`` is open; returns that one.
        Every question met is in ``asked``."""
        left = {
            k: [v] if isinstance(v, str) else list(v) for k, v in {**DECLINE, **answers}.items()
        }
        while True:
            question = self.open_question()
            # The longest key that fits ("… in Table II" over "… in Table I"); ``until`` first.
            found = max((key for key in until if key in question), key=len, default=None)
            found = found or max((key for key in left if key in question), key=len, default=None)
            if found is None:
                raise AssertionError(f"not expected: {question!r}\n" + "\n".join(self.screen()))
            self.asked.append(found)
            if found in until:
                return found
            queue = left[found]
            self.send(queue.pop(0) if len(queue) > 1 else queue[0])

    def send(self, keys: str) -> None:
        """Type keys, and see the program take them (it draws something for every key)."""
        self.child.send(keys)
        self.child.expect(r"(?s).+", timeout=30)
        self.emulator.write(self.child.after)

    def shown_default(self, question: str) -> str:
        """The answer the open text question proposes (its default, drawn after the prompt)."""
        text = self.open_question()
        assert question in text, text
        return text.split(question, 1)[1].partition(":")[2].strip()

    def interrupt(self) -> int:
        import pexpect

        self.child.sendcontrol("c")
        self.child.expect(pexpect.EOF, timeout=30)
        self.emulator.write(self.child.before)
        self.child.close()
        return int(self.child.exitstatus)

    def finish(self) -> int:
        import pexpect

        self.child.expect(pexpect.EOF, timeout=60)
        self.emulator.write(self.child.before)
        self.child.close()
        return int(self.child.exitstatus)


def flat(lines: list[str]) -> str:
    """Screen lines read as one text: a sentence wrapped over lines reads whole."""
    return " ".join(" ".join(lines).split())


OWNER = {"cik": "0009200031", "name": "Whitfield Thomas E.", "relationship": {"director": True}}
ISSUER = {
    "cik": "0009100031",
    "name": "Lakeshore Community Bancorp, Inc.",
    "ticker": "LKSB",
    "foreign_ticker": None,
}
PLAN = (
    "The transactions reported on this Form were effected pursuant to a Rule 10b5-1 trading "
    "plan adopted by the Reporting Person on 05/14/2025."
)


def draft_at_table_1(folder: Path, *, plan: bool = False) -> Path:
    """A Form 4 whose session stopped at "Anything to report in Table I?" (period 2025-08-12)."""
    data: dict[str, Any] = {
        "form": "4",
        "period_of_report": "2025-08-12",
        "no_longer_subject_to_section_16": None,
        "rule_10b5_1_plan": plan,
        "issuer": dict(ISSUER),
        "reporting_owners": [dict(OWNER)],
    }
    if plan:
        data["footnotes"] = {"F1": PLAN}
    path = folder / "draft.yaml"
    path.write_text(dump_draft(data, session_notes(path, "table_1[1].add")))
    return path


#: Table I row 1 of a Form 4: 1,000 options exercised (M), and its Table II row.
EXERCISE_ROW: dict[str, str | list[str]] = {
    "Anything to report in Table I": YES,
    "Title of the security": KEEP,
    "Transaction date": KEEP,
    "What happened?": pick("by exercising"),
    "Number of shares acquired": enter("1,000"),
    "Price per share": enter("12.50"),
    "Add the matching Table II row": YES,
    "Title of the derivative security": enter("Employee Stock Option (right to buy)"),
    "Conversion or exercise price": enter("12.50"),
    "Date exercisable": enter("02/14/2021"),
    "Expiration date": enter("02/14/2031"),
    "Title of the underlying security": KEEP,
    "Number of underlying shares": KEEP,
    "Price of the derivative security": KEEP,
    "Owned directly (D) or indirectly (I)?": KEEP,
    "owned following the reported transaction": enter("0"),
    "More columns": NO,
    "sold or withheld the same day": pick("Neither"),
}


# --- 6: every answer, "no" included, is kept -------------------------------------------------


@pytest.mark.tty
def test_no_answers_are_not_asked_again_after_ctrl_c(tmp_path: Path) -> None:
    """ "No" to "made under the plan?" and "More columns?" of a Table II row, then Ctrl-C:
    `sec16 edit` goes on without asking either again."""
    draft = draft_at_table_1(tmp_path, plan=True)
    term = Terminal(["edit", draft.name], tmp_path)
    answers = {**EXERCISE_ROW, "made under the Rule 10b5-1 plan": [KEEP, NO]}
    term.converse(answers, until=["Add another Table I row?"])
    assert term.asked.count("More columns") == 2  # the Table I row's and the Table II row's
    assert term.interrupt() == 130
    [row] = read_session(draft)[0]["table_2"]
    assert "F1" not in str(row.get("code"))  # the "no": the row is not under the plan

    term = Terminal(["edit", draft.name], tmp_path)
    again = ["made under the Rule 10b5-1 plan", "More columns"]
    found = term.converse(
        {"Add another Table I row?": NO}, until=[*again, "Add another Table II row?"]
    )
    assert found == "Add another Table II row?", f"asked again after Ctrl-C: {found!r}"
    assert term.asked == ["Add another Table I row?", "Add another Table II row?"]
    assert term.interrupt() == 130


# --- 7: messages wrap to the terminal; nothing is cut ----------------------------------------


@pytest.mark.tty
def test_a_long_error_sentence_is_shown_whole_in_80_columns(tmp_path: Path) -> None:
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path, rows=40, columns=80)
    term.converse(EXERCISE_ROW, until=["Number of shares acquired"])
    term.send(enter("-5"))
    with pytest.raises(ValueError) as refused:
        values.parse_decimal("-5")
    sentence = str(refused.value)  # "-5 is negative: … use acquired (A) or disposed (D) …"
    assert len(sentence) > 100
    screen = term.screen()
    assert all(len(line) <= 80 for line in screen)
    assert sentence in flat(screen), "\n".join(screen)
    assert "Number of shares acquired" in term.open_question()  # it stays open
    term.send(enter("1,000"))
    term.converse(EXERCISE_ROW, until=["Owned directly (D) or indirectly (I)?"])
    assert term.interrupt() == 130
    assert read_session(draft)[0]["table_1"][0]["shares"] == "1,000"


def test_a_refused_answer_keeps_its_whole_sentence_in_a_narrow_prompt(tmp_path: Path) -> None:
    """Through a pipe too: prompt_toolkit's one-line message bar is not what shows it."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=30, columns=60), term="xterm")
    with piped(enter("12345678901"), output, later=enter("46129") + "\x03"):
        session = Session(tmp_path / "x.yaml", {"form": "4"}, today=TODAY, out=io.StringIO())
        with pytest.raises(SessionInterrupted):
            session.run()
    with pytest.raises(ValueError) as refused:
        values.parse_cik("12345678901")
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", screen.getvalue())
    for word in str(refused.value).split():
        assert word in drawn  # every word drawn: none cut at the 60th column


# --- 9: deleting asks first, and the XML written before is set aside -------------------------


@pytest.mark.tty
def test_deleting_a_row_asks_first_and_sets_the_stale_xml_aside(tmp_path: Path) -> None:
    from generator.formats.draft import load_draft
    from generator.pipeline.build import build_filing

    draft = tmp_path / "smith.yaml"
    shutil.copy(EXAMPLES / "form5-smith-allied-motion-2013.yaml", draft)
    xml = tmp_path / "smith.xml"
    xml.write_text(build_filing(load_draft(draft)).xml)
    rows = len(read_session(draft)[0]["table_1"])

    term = Terminal(["edit", draft.name], tmp_path, rows=200)  # the review stays on screen
    term.converse(
        {"What next?": pick("Change something"), "What do you want to change?": pick("row 2")},
        until=["Table I row 2:"],
    )
    term.send(pick("Delete it"))
    asked = term.converse({}, until=["Delete Table I row 2", "What next?"])
    assert asked == "Delete Table I row 2", "deleting a row must ask first"
    term.send(NO)  # not yet: nothing changes
    term.converse(
        {"What do you want to change?": pick("row 2"), "What next?": pick("Change something")},
        until=["Table I row 2:"],
    )
    assert len(read_session(draft)[0]["table_1"]) == rows and xml.exists()
    term.send(pick("Delete it"))
    term.converse({"Delete Table I row 2": YES}, until=["What next?"])
    stale = tmp_path / "smith.stale.xml"
    text = flat(term.screen())
    assert f"{xml.name} was written before this change and no longer matches the draft" in text
    assert f"renamed {stale.name}" in text
    term.send(pick("Stop here"))
    term.finish()
    assert len(read_session(draft)[0]["table_1"]) == rows - 1
    assert not xml.exists() and stale.exists()


# --- 10: the small things a filer expects -----------------------------------------------------

NEW_OWNER = {
    "Reporting person's CIK": enter("0009200031"),
    "last name first": enter("Whitfield Thomas E."),
    "mailing address": NO,
    "Issuer's CIK": enter("0009100031"),
    "Issuer's name": enter("Lakeshore Community Bancorp, Inc."),
    "trading symbol": enter("LKSB"),
    "Foreign trading symbol": enter(),
}


@pytest.mark.tty
def test_a_relationship_with_no_box_ticked_stays_open(tmp_path: Path) -> None:
    term = Terminal(["new", "--form", "4", "-o", "d.yaml"], tmp_path)
    term.converse(NEW_OWNER, until=["Relationship to the issuer"])
    term.send("\r")  # Enter with no box ticked
    found = term.converse({}, until=["Relationship to the issuer", "Add another reporting person"])
    assert found == "Relationship to the issuer", "the question must stay open"
    assert "Tick at least one box" in flat(term.screen())
    term.send(" \r")  # Director
    term.converse({}, until=["Add another reporting person"])
    assert term.interrupt() == 130
    assert read_session(tmp_path / "d.yaml")[0]["reporting_owners"][0]["relationship"] == {
        "director": True
    }


@pytest.mark.tty
def test_a_lowercase_ticker_is_recorded_in_capitals(tmp_path: Path) -> None:
    term = Terminal(["new", "--form", "4", "-o", "d.yaml"], tmp_path)
    owner = {**NEW_OWNER, "Relationship to the issuer": " \r", "Add another reporting person": NO}
    term.converse({**owner, "trading symbol": enter("acme")}, until=["Foreign trading symbol"])
    assert term.interrupt() == 130
    assert read_session(tmp_path / "d.yaml")[0]["issuer"]["ticker"] == "ACME"


@pytest.mark.tty
def test_a_transaction_date_is_proposed_as_the_prompt_asks_for_it(tmp_path: Path) -> None:
    """The period of report, typed 2025-08-12, is proposed as 08/12/2025."""
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path)
    before = {k: v for k, v in EXERCISE_ROW.items() if k != "Transaction date"}
    term.converse(before, until=["Transaction date"])
    assert term.shown_default("Transaction date (MM/DD/YYYY") == "08/12/2025"
    assert term.interrupt() == 130


@pytest.mark.tty
def test_the_signing_date_is_proposed_as_the_prompt_asks_for_it(tmp_path: Path) -> None:
    """Today, under "Date signed (MM/DD/YYYY):", as MM/DD/YYYY (not 2026-12-05)."""
    signed = tmp_path / "signed.yaml"
    text = (EXAMPLES / "form4-open-market-purchase.yaml").read_text()
    signed.write_text(text[: text.index("signatures:")])
    term = Terminal(["edit", signed.name], tmp_path)
    term.converse({"Signature: name": enter("/s/ Thomas E. Whitfield")}, until=["Date signed"])
    shown = term.shown_default("Date signed (MM/DD/YYYY")
    assert shown == date.today().strftime("%m/%d/%Y")
    assert term.interrupt() == 130


@pytest.mark.tty
def test_an_exercise_row_proposes_its_table_ii_rows_exercise_price(tmp_path: Path) -> None:
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path)
    answers = {k: v for k, v in EXERCISE_ROW.items() if k != "Price per share"}
    answers["Conversion or exercise price"] = enter("7.25")
    term.converse(answers, until=["Price per share"])
    assert term.shown_default("Price per share") == "7.25"
    assert term.interrupt() == 130


@pytest.mark.tty
def test_an_exercise_offers_the_same_day_sale_filled_in(tmp_path: Path) -> None:
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path)
    answers = {**EXERCISE_ROW, "sold or withheld the same day": pick("Sold")}
    term.converse(answers, until=["Number of shares disposed of"])
    assert term.shown_default("Number of shares disposed of") == "1,000"
    assert "Table I row 2" in flat(term.screen())
    assert term.interrupt() == 130
    exercise, sale = read_session(draft)[0]["table_1"]
    assert (sale["code"], sale["acquired_disposed"]) == ("S", "D")
    assert sale["security"] == exercise["security"] == "Common Stock"
    assert sale["transaction_date"] == exercise["transaction_date"] == "08/12/2025"


# --- the power of attorney -------------------------------------------------------------------


@pytest.mark.tty
@pytest.mark.parametrize("signer", ["/s/ Jonah Fairbanks, ATTORNEY IN FACT", "/s/ J. Roe, POA"])
def test_a_signature_by_an_attorney_in_fact_records_the_power_of_attorney(
    signer: str, tmp_path: Path
) -> None:
    (tmp_path / "powers").mkdir()
    (tmp_path / "powers" / "poa whitfield.txt").write_text("POWER OF ATTORNEY\n...\n")
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "purchase.yaml"
    text = (EXAMPLES / "form4-open-market-purchase.yaml").read_text()
    draft.write_text(text[: text.index("signatures:")])
    term = Terminal(["edit", "drafts/purchase.yaml"], tmp_path)
    term.converse(
        {"Signature: name": enter(signer), "Date signed": KEEP},
        until=["Power of attorney (EX-24)"],
    )
    term.send(enter("powers/missing.txt"))
    assert "Power of attorney (EX-24)" in term.open_question()  # a wrong path is refused
    assert "powers/missing.txt: there is no such file" in flat(term.screen())
    term.send(enter("powers/poa whitfield.txt"))
    term.converse({"Add another signature?": NO}, until=["What next?"])
    term.send(KEEP)  # write the XML
    assert term.finish() == 0
    data = read_session(draft)[0]
    assert data["attachments"] == [
        {"file": "../powers/poa whitfield.txt", "type": "EX-24", "description": "Power of Attorney"}
    ]
    # `sec16 package` finds it and encloses it as EX-24.
    env = {**os.environ, "SEC16_CCC_0009200031": "abc#1234"}
    done = subprocess.run(
        [*sec16(), "package", str(draft)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "and 1 attachment(s)" in done.stdout
    package = draft.with_name("purchase.submission.xml").read_text()
    assert "EX-24" in package and "poa-whitfield.txt" in package


def test_an_attachment_type_is_checked_as_attach_checks_it() -> None:
    from pydantic import ValidationError

    from generator.model.filing import Attachment

    assert Attachment(file="poa.txt", type="ex-24").type == "EX-24"
    with pytest.raises(ValidationError, match="not one EDGAR takes"):
        Attachment(file="poa.txt", type="EX-42")
    with pytest.raises(ValidationError, match="primary document"):
        Attachment(file="form.xml", type="4")


# --- the paper form's order -------------------------------------------------------------------


@pytest.mark.tty
def test_questions_follow_the_paper_forms_order(tmp_path: Path) -> None:
    def in_order(asked: list[str], *questions: str) -> None:
        found = [asked.index(question) for question in questions]
        assert found == sorted(found), f"asked in this order: {asked}"

    # Box 1 (the reporting person) before box 2 (the issuer).
    term = Terminal(["new", "--form", "4", "-o", "d.yaml"], tmp_path)
    owner = {**NEW_OWNER, "Relationship to the issuer": " \r", "Add another reporting person": NO}
    term.converse(owner, until=["Date of earliest transaction"])
    in_order(term.asked, "Reporting person's CIK", "Issuer's CIK")
    assert term.interrupt() == 130

    # Table I: title, date, code, amount, price, owned following; Table II: title, exercise
    # price, date, code, amount, date exercisable, expiration, underlying, price (column 8).
    draft = draft_at_table_1(tmp_path)
    term = Terminal(["edit", draft.name], tmp_path)
    rows = {
        "Anything to report in Table I": YES,
        "Title of the security": KEEP,
        "Transaction date": KEEP,
        "What happened?": pick("Bought"),
        "Number of shares acquired": enter("100"),
        "Price per share": enter("20"),
        "Owned directly (D) or indirectly (I)?": KEEP,
        "owned following the reported transaction": enter("100"),
        "More columns": NO,
        "Add another Table I row?": NO,
        "Anything to report in Table II": YES,
        "Title of the derivative security": enter("Employee Stock Option (right to buy)"),
        "Conversion or exercise price": enter("20"),
        "What happened to this derivative security?": pick("grant"),
        "Number of derivative securities acquired": enter("1,000"),
        "Date exercisable": enter("08/12/2026"),
        "Expiration date": enter("08/12/2035"),
        "Title of the underlying security": KEEP,
        "Number of underlying shares": KEEP,
        "Price of the derivative security": KEEP,
    }
    term.converse(rows, until=["Add another Table II row?"])
    asked = term.asked
    table_2 = asked.index("Anything to report in Table II")
    in_order(
        asked[:table_2],
        "Title of the security",
        "Transaction date",
        "What happened?",
        "Number of shares acquired",
        "Price per share",
        "owned following the reported transaction",
    )
    in_order(
        asked[table_2:],
        "Title of the derivative security",
        "Conversion or exercise price",
        "Transaction date",
        "What happened to this derivative security?",
        "Number of derivative securities acquired",
        "Date exercisable",
        "Expiration date",
        "Title of the underlying security",
        "Price of the derivative security",
        "owned following the reported transaction",
    )
    assert term.interrupt() == 130


def test_the_answered_questions_survive_a_save_and_follow_a_deleted_row(tmp_path: Path) -> None:
    from generator.session.drafts import read_answered, renumbered

    answered = {"table_1[1].more_columns", "table_1[2].under_plan", "table_1[3].more_columns"}
    text = dump_draft({"form": "4"}, session_notes(tmp_path / "d.yaml", "review", answered))
    assert read_answered(text) == answered
    assert read_session(_written(tmp_path / "d.yaml", text)) == ({"form": "4"}, "review")
    # Row 2 deleted: its answers go, row 3's become row 2's.
    assert renumbered(answered, "table_1", 1) == {
        "table_1[1].more_columns",
        "table_1[2].more_columns",
    }


def _written(path: Path, text: str) -> Path:
    path.write_text(text)
    return path
