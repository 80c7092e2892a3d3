"""Issue 15 in a real terminal: the footnote ids the session hands out, the standard footnotes
it writes, and the dates that matter (the due date, the 10b5-1 plan's adoption date).

Each test drives the installed ``sec16`` in a pseudo-terminal (pexpect), typing what a filer
types; the drafts they start from are written here and resumed with ``sec16 edit`` at the
question of interest, so that each test types only what it is about. ``build`` and ``package``
run as commands.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from datetime import date
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from conftest import EXAMPLES
from test_questionnaire import (
    KEEP,
    PURCHASE_IN_A_TERMINAL,
    YES,
    answer,
    enter,
    pick,
    sec16,
    spawn,
)

from generator.session.questionnaire import read_session

#: The 10b5-1 plan's footnote as the session writes it (``standard_footnotes.PLAN``; written out
#: here so that this file also runs on the code before issue 15, where it must fail).
PLAN_TEXT = (
    "The transactions reported on this Form were effected pursuant to a Rule 10b5-1 trading plan "
    "adopted by the Reporting Person on {date}."
)
OFFICER = {
    "cik": "0009200041",
    "name": "Lindqvist Anna M.",
    "relationship": {"officer": True, "officer_title": "Chief Financial Officer"},
}


def plan_text(adopted: str) -> str:
    """The plan's footnote as the session writes it (adopted: MM/DD/YYYY)."""
    return PLAN_TEXT.format(date=adopted)


def form4(
    *,
    plan: str | None = "05/14/2025",
    sale_price: str | None = "48.7312",
    exercisable: str | None = "2021-02-14",
    day: str = "2025-11-03",
    under_plan: bool = True,
) -> dict[str, Any]:
    """The exercise and same-day sale of docs/session.md, as a draft (F1: the plan's footnote)."""
    noted = {"footnotes": ["F1"]} if plan and under_plan else {}
    data: dict[str, Any] = {
        "form": "4",
        "period_of_report": day,
        "no_longer_subject_to_section_16": None,
        "rule_10b5_1_plan": True,
        "issuer": {"cik": "0009100041", "name": "Quillon Software, Inc.", "ticker": "QLSW"},
        "reporting_owners": [OFFICER],
        "table_1": [
            {
                "kind": "transaction",
                "security": "Common Stock",
                "transaction_date": day,
                "code": {"value": "M", **noted} if noted else "M",
                "shares": "15,000",
                "acquired_disposed": "A",
                "price": "12.50",
                "ownership": "D",
                "owned_following": "55,250",
            },
            {
                "kind": "transaction",
                "security": "Common Stock",
                "transaction_date": day,
                "code": {"value": "S", **noted} if noted else "S",
                "shares": "15,000",
                "acquired_disposed": "D",
                "price": sale_price,
                "ownership": "D",
                "owned_following": "40,250",
            },
        ],
        "table_2": [
            {
                "kind": "transaction",
                "security": "Employee Stock Option (right to buy)",
                "exercise_price": "12.50",
                "transaction_date": day,
                "code": {"value": "M", **noted} if noted else "M",
                "shares": "15,000",
                "acquired_disposed": "D",
                "price": "0",
                "date_exercisable": exercisable,
                "expiration_date": "2030-02-14",
                "underlying_security": "Common Stock",
                "underlying_shares": "15,000",
                "ownership": "D",
                "owned_following": "30,000",
            }
        ],
        "footnotes": {"F1": plan_text(plan)} if plan else {},
        "remarks": None,
        "signatures": [
            {"name": "/s/ Jonah Fairbanks, Attorney-in-Fact for Anna M. Lindqvist", "date": day}
        ],
    }
    for row in [*data["table_1"], *data["table_2"]]:
        for key in [k for k, v in row.items() if v is None]:
            del row[key]  # the question the draft stops at
    return data


def write_draft(path: Path, data: dict[str, Any], cursor: str | None = None) -> Path:
    """A draft as the session writes it, stopped at ``cursor`` (None: a finished draft)."""
    head = f"# sec16-session: next {cursor}\n" if cursor else ""
    path.write_text(head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def saved(draft: Path, check: Any) -> dict[str, Any]:
    """The draft once the session has saved what ``check`` looks for (it saves every answer)."""
    deadline = time.monotonic() + 15
    while True:
        try:
            data = read_session(draft)[0]
            if check(data):
                return data
        except (KeyError, IndexError, TypeError, ValueError):
            pass
        assert time.monotonic() < deadline, draft.read_text()
        time.sleep(0.1)


def stop(child: Any) -> None:
    """Ctrl-C: the session saves the draft and ends.

    Sent again if the first one came between two questions, before the next one was on the
    terminal to read it (a loaded machine is slow to draw it).
    """
    for _ in range(5):
        child.sendcontrol("c")
        if child.expect_exact(["Saved ", pexpect.TIMEOUT], timeout=5) == 0:
            break
    else:
        raise AssertionError("Ctrl-C did not stop the session")
    child.expect(pexpect.EOF)
    child.close()


def wrapped(*phrases: str) -> str:
    """A regular expression for words that a message may have been wrapped anywhere between."""
    return r"\s+".join(re.escape(word) for phrase in phrases for word in phrase.split())


# --- 1. footnote ids the session hands out (defect 4) --------------------------------------


@pytest.mark.tty
def test_f1_typed_at_date_exercisable_when_f1_is_the_plan_asks_which_is_meant(
    tmp_path: Path,
) -> None:
    """Defect 4: F1 is the 10b5-1 plan's footnote; the paralegal types [F1] as the hint said."""
    data = form4(exercisable=None)
    draft = write_draft(tmp_path / "f4.yaml", data, "table_2[1].date_exercisable")
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.timeout = 15
    # The hint names the next free id, not the plan's.
    answer(child, "Date exercisable (MM/DD/YYYY; [F2] alone", enter("[F1]"))
    child.expect_exact("F1 already stands for this footnote:")
    child.expect(wrapped(*plan_text("05/14/2025").split()[-6:]))
    answer(child, "Is F1 the footnote meant here?", pick("new footnote"))
    vesting = "The option vested in three equal annual installments."
    answer(child, "Text of footnote F2", enter(vesting))
    data = saved(draft, lambda d: d["footnotes"]["F2"] == vesting)
    stop(child)
    assert data["table_2"][0]["date_exercisable"] == {"footnotes": ["F2"]}
    assert data["footnotes"]["F1"] == plan_text("05/14/2025")  # the plan's footnote unchanged


@pytest.mark.tty
def test_the_footnote_meant_can_be_the_one_that_stands(tmp_path: Path) -> None:
    draft = write_draft(
        tmp_path / "f4.yaml", form4(exercisable=None), "table_2[1].date_exercisable"
    )
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.timeout = 15
    answer(child, "Date exercisable", enter("02/14/2021 [F1]"))
    answer(child, "Is F1 the footnote meant here?", pick("the footnote above"))
    data = saved(draft, lambda d: "date_exercisable" in d["table_2"][0])
    child.expect_exact("?")  # the next question: the answer stands
    stop(child)
    assert data["table_2"][0]["date_exercisable"] == {"value": "02/14/2021", "footnotes": ["F1"]}
    assert set(read_session(draft)[0]["footnotes"]) == {"F1"}


# --- 2. the standard footnotes ----------------------------------------------------------------


@pytest.mark.tty
def test_a_weighted_average_price_writes_its_footnote_with_the_low_and_high_price(
    tmp_path: Path,
) -> None:
    draft = write_draft(tmp_path / "f4.yaml", form4(sale_price=None), "table_1[2].price")
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.timeout = 15
    answer(child, "Price per share", enter("48.7312"))
    answer(child, "Was this a weighted average of several trades?", YES)
    answer(child, "Lowest price of those trades", enter("48.21"))
    answer(child, "Highest price of those trades", enter("48.50"))
    child.expect_exact("cannot be 48.7312")  # the average lies between the two
    child.send(enter("49.17"))
    answer(child, "Text of footnote F2 (Enter to keep it, or edit it)", KEEP)
    data = saved(draft, lambda d: "F2" in d["footnotes"])
    stop(child)
    assert data["table_1"][1]["price"] == {"value": "48.7312", "footnotes": ["F2"]}
    text = data["footnotes"]["F2"]
    assert "weighted average" in text and "from $48.21 to $49.17, inclusive" in text
    assert "Column 4" in text and "shares sold at each separate price" in text
    from generator.model import standard_footnotes

    assert standard_footnotes.WEIGHTED_AVERAGE.read(text) is not None


# --- 3. dates that matter: the due date (defect 5) ------------------------------------------


@pytest.mark.tty
def test_the_due_date_is_shown_once_box_3_is_answered(tmp_path: Path) -> None:
    child = spawn(["new", "--form", "4", "-o", "purchase.yaml"], tmp_path)
    for question, keys in PURCHASE_IN_A_TERMINAL:
        answer(child, question, keys)
        if question == "Date of earliest transaction":
            break
    child.expect(wrapped("Form 4 due on 08/14/2025", "(two business days after the transaction"))
    child.expect(wrapped("business", "day(s)", "late"))
    stop(child)


@pytest.mark.tty
def test_the_review_and_the_final_write_show_the_due_date(tmp_path: Path) -> None:
    (tmp_path / "purchase.yaml").write_text(
        (EXAMPLES / "form4-open-market-purchase.yaml").read_text()
    )
    child = spawn(["edit", "purchase.yaml"], tmp_path)
    child.expect_exact("Review")
    child.expect(wrapped("Form 4 due on 08/14/2025"))
    answer(child, "What next?", KEEP)
    child.expect_exact("Wrote purchase.xml")
    child.expect(wrapped("Form 4 due on 08/14/2025"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def _command(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SEC16_")}
    return subprocess.run(
        [*sec16(), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**clean, "HOME": str(cwd), **env},
    )


def test_build_and_package_show_the_due_date(tmp_path: Path) -> None:
    draft = tmp_path / "purchase.yaml"
    draft.write_text((EXAMPLES / "form4-open-market-purchase.yaml").read_text())
    built = _command(["build", "purchase.yaml"], tmp_path)
    assert built.returncode == 0, built.stderr
    due = (
        "purchase.yaml: Form 4 due on 08/14/2025 (two business days after the transaction "
        "executed on 08/12/2025). If filed now at "
    )
    # Information for the filer, not a result: on standard error (docs/cli.md).
    assert due in built.stderr
    assert "business day(s) late" in built.stderr  # August 2025 is past
    packaged = _command(["package", "purchase.yaml"], tmp_path, SEC16_CCC_0009200031="abc#1234")
    assert packaged.returncode == 0, packaged.stderr
    assert due in packaged.stderr


def test_an_amendment_and_a_record_build_say_no_due_date(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text((EXAMPLES / "form4a-amendment.yaml").read_text())
    (tmp_path / "p.yaml").write_text((EXAMPLES / "form4-open-market-purchase.yaml").read_text())
    amended = _command(["build", "a.yaml"], tmp_path)
    assert "due on" not in amended.stdout + amended.stderr
    record = _command(["build", "--profile", "record", "p.yaml"], tmp_path)
    assert "due on" not in record.stdout + record.stderr


def test_the_deadline_is_one_function() -> None:
    """``validate``, ``build``, ``package`` and the session all ask ``deadlines.deadline``."""
    from generator.checks import deadlines

    found = deadlines.deadline("4", date(2025, 8, 12), date(2025, 8, 14))
    assert (found.due, found.late) == (date(2025, 8, 14), 0)
    assert found.sentence().endswith("it is in time, on the due date.")
    late = deadlines.deadline("4", date(2025, 8, 12), date(2025, 8, 19))
    assert late.late == 3 and "3 business day(s) late" in late.sentence()
    early = deadlines.deadline("4", date(2025, 8, 12), date(2025, 8, 13))
    assert "1 business day(s) before the due date" in early.sentence()


# --- 3. dates that matter: the plan's adoption date (defect 8) -------------------------------


@pytest.mark.tty
def test_an_adoption_after_the_sale_is_an_error_in_the_review(tmp_path: Path) -> None:
    data = form4(plan="03/10/2026", day="2026-03-02")
    write_draft(tmp_path / "f4.yaml", data)
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.expect_exact("Problems found:")
    child.expect(wrapped("error:"))
    child.expect(wrapped("The transaction of 03/02/2026 is marked as made under the Rule 10b5-1"))
    child.expect(wrapped("adopted on 03/10/2026, after it"))
    answer(child, "What next?", pick("Stop here"))
    child.expect(pexpect.EOF)
    child.close()


@pytest.mark.tty
def test_a_sale_inside_the_cooling_off_period_is_a_warning_in_the_review(
    tmp_path: Path,
) -> None:
    data = form4(plan="01/15/2026", day="2026-03-02")
    write_draft(tmp_path / "f4.yaml", data)
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.expect_exact("Problems found:")
    child.expect(wrapped("warning:"))
    child.expect(wrapped("cooling-off period (Rule 10b5-1(c)(1)(ii)(B)(1), for directors and"))
    child.expect(wrapped("at least until 04/15/2026 and at most until 05/15/2026"))
    child.expect(wrapped("the transaction of 03/02/2026 is inside it"))
    answer(child, "What next?", pick("Write the XML"))  # a warning: the XML may be written
    child.expect_exact("Wrote f4.xml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.tty
def test_the_adoption_date_is_checked_as_soon_as_it_is_answered(tmp_path: Path) -> None:
    data = form4(plan=None, day="2026-03-02")
    draft = write_draft(tmp_path / "f4.yaml", data, "plan_adopted")
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.timeout = 15
    answer(child, "Date the 10b5-1 plan was adopted", enter("03/10/2026"))
    # Which cooling-off period applies, and until when.
    child.expect(wrapped("Cooling-off period (Rule 10b5-1(c)(1)(ii)(B)(1), for directors"))
    child.expect(wrapped("at least until 06/08/2026 and at most until 07/08/2026."))
    # No row is marked yet: the earliest transaction (box 3) stands for them.
    child.expect(wrapped("error: if the earliest transaction (box 3, 03/02/2026) is under"))
    child.expect(wrapped("adopted on 03/10/2026, after it"))
    # Marking the sale as made under the plan says it again, for that row.
    answer(child, "Was this transaction made under the Rule 10b5-1 plan?", YES)
    child.expect(wrapped("error: The transaction of 03/02/2026 is marked as made under"))
    child.expect(wrapped("(aff10b5-adopted-after)"))
    data = saved(draft, lambda d: d["table_1"][0]["code"] == {"value": "M", "footnotes": ["F1"]})
    stop(child)
    assert data["footnotes"]["F1"] == plan_text("03/10/2026")


@pytest.mark.tty
def test_an_adoption_inside_the_cooling_off_period_warns_when_answered(tmp_path: Path) -> None:
    data = form4(plan=None, day="2026-03-02")
    write_draft(tmp_path / "f4.yaml", data, "plan_adopted")
    child = spawn(["edit", "f4.yaml"], tmp_path)
    child.timeout = 15
    answer(child, "Date the 10b5-1 plan was adopted", enter("01/15/2026"))
    child.expect(wrapped("warning: if the earliest transaction (box 3, 03/02/2026) is under"))
    child.expect(wrapped("at least until 04/15/2026 and at most until 05/15/2026"))
    child.expect(wrapped("(aff10b5-cooling-off)"))
    stop(child)
