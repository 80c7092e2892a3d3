"""Amending a filing already made in the guided session (issue 20, point 2).

``sec16 edit FILED.xml`` imports the filing into a corrected draft beside it and opens the
session at its review; finishing writes the amendment draft (a 4/A of a Form 4) with the
pipeline of ``sec16 amend``. ``sec16 new`` offers the same at its form question. Each case is
driven in a real pseudo-terminal with the keys a filer presses (``test_session_flow.Terminal``).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLES, SHARED
from test_questionnaire import KEEP, NO, enter, pick
from test_session_flow import Terminal, flat

from generator.formats.draft import load_draft
from generator.formats.importer import import_file
from generator.model.filing import Filing
from generator.session.drafts import read_amends, read_session

PURCHASE = EXAMPLES / "form4-open-market-purchase.xml"  # 5,000 shares bought 08/12/2025
#: A real Form 4 from before the Rule 10b5-1(c) box (2020): its original does not answer it.
OLD_FORM_4 = SHARED / "samples" / "real" / "4" / "abcl_20201215_d2835ae0.xml"

pytestmark = pytest.mark.tty


def filed(tmp_path: Path, source: Path = PURCHASE, name: str = "filed.xml") -> Path:
    path = tmp_path / name
    shutil.copy(source, path)
    return path


def change_row_1(term: Terminal, shares: str) -> None:
    """At the review: pick Table I row 1, change its shares, keep every other answer."""
    term.converse(
        {"What next?": pick("Change something"), "What do you want to change?": pick("row 1")},
        until=["Table I row 1:"],
    )
    term.send(pick("Change it"))
    while True:
        question = term.open_question()
        if "What next?" in question:
            return
        term.send(enter(shares) if "Number of shares" in question else KEEP)


def test_edit_of_a_filed_xml_writes_the_amendment_of_the_row_changed(tmp_path: Path) -> None:
    original = filed(tmp_path)
    term = Terminal(["edit", original.name, "--original-date", "2025-08-14"], tmp_path, rows=200)
    term.open_question()
    screen = flat(term.screen())
    assert "This amends a filing already made: filed.xml (Form 4, filed 08/14/2025)" in screen
    assert "Imported filed.xml into filed.corrected.yaml" in screen
    change_row_1(term, "6,000")
    term.send(pick("Write the amendment"))
    assert term.finish() == 0
    screen = flat(term.screen(settle=False))

    amendment = tmp_path / "filed.amendment.yaml"
    filing = load_draft(amendment)
    assert filing.form.value == "4/A"
    assert filing.original_filing_date == date(2025, 8, 14)
    [row] = filing.table_1
    assert row.shares is not None and row.shares.value == 6000
    sentence = "the number of shares purchased reported in Table I, row 1, from 5,000 to 6,000"
    assert sentence in (filing.remarks or "")
    assert sentence in screen
    assert "Wrote filed.amendment.yaml: Form 4/A amending filed.xml" in screen
    # The corrected draft is kept, and says what it amends.
    corrected = tmp_path / "filed.corrected.yaml"
    assert read_amends(corrected.read_text()) == ("filed.xml", date(2025, 8, 14))
    assert original.read_bytes() == PURCHASE.read_bytes()
    assert not (tmp_path / "filed.corrected.xml").exists()


def test_a_correction_that_changes_nothing_writes_no_amendment(tmp_path: Path) -> None:
    original = filed(tmp_path)
    (tmp_path / "filed.corrected.yaml").write_text("# someone else's file\n")
    term = Terminal(["edit", original.name, "--original-date", "08/14/2025"], tmp_path, rows=200)
    term.converse({}, until=["What next?"])
    term.send(pick("Write the amendment"))
    assert term.finish() == 0
    screen = flat(term.screen(settle=False))
    assert "makes no change to filed.xml: there is nothing to amend" in screen
    assert "no amendment is written" in screen
    assert not list(tmp_path.glob("*amendment*"))
    # The file that was there is kept; the corrected draft took the next free name.
    assert (tmp_path / "filed.corrected.yaml").read_text() == "# someone else's file\n"
    assert read_session(tmp_path / "filed.corrected-2.yaml")[0]["form"] == "4"


def test_the_date_is_asked_when_not_given_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    original = filed(tmp_path)
    term = Terminal(["edit", original.name], tmp_path, rows=200)
    asked = "Date the original Form 4 (filed.xml) was filed"
    term.converse({}, until=[asked])
    term.send(enter("08/01/2025"))  # before the period of report, 08/12/2025
    found = term.converse({}, until=[asked, "What next?"])
    assert found == asked, "a date before the period of report must be refused"
    assert "is before the original's period of report (08/12/2025)" in flat(term.screen())
    term.send(enter("13/45/2025"))  # not a date
    assert term.converse({}, until=[asked, "What next?"]) == asked
    term.send(enter("12/31/2999"))  # in the future
    assert term.converse({}, until=[asked, "What next?"]) == asked
    assert "is in the future" in flat(term.screen())
    term.send(enter("08/14/2025"))
    term.converse({}, until=["What next?"])
    # Ctrl-C: the draft keeps what it amends and the date; `sec16 edit` of it finishes the job.
    assert term.interrupt() == 130
    corrected = tmp_path / "filed.corrected.yaml"
    assert read_amends(corrected.read_text()) == ("filed.xml", date(2025, 8, 14))

    term = Terminal(["edit", corrected.name], tmp_path, rows=200)
    change_row_1(term, "4,500")
    term.send(pick("Write the amendment"))
    assert term.finish() == 0
    filing = load_draft(tmp_path / "filed.amendment.yaml")
    assert filing.form.value == "4/A" and filing.original_filing_date == date(2025, 8, 14)
    assert "from 5,000 to 4,500" in (filing.remarks or "")


def test_a_bad_original_date_option_is_refused_with_a_sentence(tmp_path: Path) -> None:
    original = filed(tmp_path)
    term = Terminal(["edit", original.name, "--original-date", "2025-08-01"], tmp_path)
    assert term.finish() == 2
    screen = flat(term.screen(settle=False))
    assert "--original-date 2025-08-01: 08/01/2025 is before the original's period" in screen
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filed.xml"]


def test_new_offers_to_amend_and_asks_the_10b5_1_box_of_an_old_filing(tmp_path: Path) -> None:
    original = filed(tmp_path, OLD_FORM_4, "old.xml")
    assert load_draft_of(original).rule_10b5_1_plan is None
    term = Terminal(["new"], tmp_path, rows=200)
    term.converse(
        {
            "Which form are you filing?": pick("Amend a filing"),
            "The filing to amend": enter("old.xml"),
            "Date the original Form 4": enter("12/17/2020"),
        },
        until=["Rule 10b5-1(c) box"],
    )
    assert "does not answer the Rule 10b5-1(c) box" in flat(term.screen())
    term.send(NO)
    term.converse({}, until=["What next?"])
    assert term.interrupt() == 130
    data, _ = read_session(tmp_path / "old.corrected.yaml")
    assert data["rule_10b5_1_plan"] is False
    amends = read_amends((tmp_path / "old.corrected.yaml").read_text())
    assert amends == ("old.xml", date(2020, 12, 17))


def load_draft_of(xml: Path) -> Filing:
    """A filing already made, as imported."""
    return import_file(xml).filing
