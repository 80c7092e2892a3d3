"""The dates of a Rule 10b5-1 plan (issue 15): adopted before the trades it covers, and traded
after its cooling-off period.

A real filing (aapl_20251001: an officer's sales on 2025-10-02 under a plan that footnote F4
says was adopted on November 25, 2024) is silent; moving the adoption date makes exactly one of
the rules fire. The last tests pin what the rules say about every real filing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import HISTORIES, SAMPLES
from lxml import etree
from test_rules import F4, _relationship, _sample, _write, run_json

from generator.checks import deadlines
from generator.model.standard_footnotes import PLAN, find_adoption

ADOPTED_AFTER = "aff10b5-adopted-after"
COOLING_OFF = "aff10b5-cooling-off"
#: The rules this file gives a case (tests/test_rules.py counts them as covered).
COVERED = frozenset({ADOPTED_AFTER, COOLING_OFF})

Change = Callable[[etree._Element], None]
BDX = "bdx_20251226"  # Form 4: one sale, the plan's adoption date in the remarks


def _adopted(words: str, where: str = "footnotes/footnote[@id='F4']") -> Change:
    """Say the plan was adopted on ``words`` (e.g. "October 15, 2025") instead."""

    def change(root: etree._Element) -> None:
        element = root.find(where)
        assert element is not None and element.text is not None
        for old in ("November 25, 2024", "February 7, 2025"):
            element.text = element.text.replace(old, words)
        assert words in element.text

    return change


def _rules(capsys: pytest.CaptureFixture[str], path: Path, profile: str) -> tuple[int, dict]:
    code, [report] = run_json(capsys, "--profile", profile, "--as-of", "2025-10-03", str(path))
    return code, report


def _new_findings(capsys, tmp_path, sample: str, *changes: Change) -> dict[str, list[dict]]:
    """Per profile, the findings the mutated filing has and the original has not."""
    clean = _write(tmp_path, _sample(sample), name="clean.xml")
    broken = _write(tmp_path, _sample(sample), *changes, name="broken.xml")
    found = {}
    for profile in ("submission", "record"):
        _, before = _rules(capsys, clean, profile)
        _, after = _rules(capsys, broken, profile)
        rules = {p["rule"] for p in before["problems"]}
        assert not rules & COVERED, before["problems"]  # the filing as EDGAR accepted it
        found[profile] = [p for p in after["problems"] if p["rule"] not in rules]
    return found


def test_an_adoption_after_the_sales_is_an_error_to_send_and_a_warning_on_record(tmp_path, capsys):
    found = _new_findings(capsys, tmp_path, F4, _adopted("October 15, 2025"))
    for profile, severity in (("submission", "error"), ("record", "warning")):
        problems = found[profile]
        assert {p["rule"] for p in problems} == {ADOPTED_AFTER}
        assert len(problems) == 4  # the four sales that cite F4; the grant rows do not
        assert {p["severity"] for p in problems} == {severity}
        assert all(p["location"].endswith("/transactionDate") and p["line"] for p in problems)
        message = problems[0]["message"]
        assert "The transaction of 10/02/2025" in message
        assert "footnote F4" in message and "adopted on 10/15/2025, after it" in message
        # The heuristic says what it read and what it looked for.
        assert '"adopted by the reporting person on October 15, 2025"' in message
        assert "sec16 looked for a footnote that mentions Rule 10b5-1" in message
    code, _ = _rules(capsys, tmp_path / "broken.xml", "submission")
    assert code == 1


def test_a_sale_within_90_days_of_an_officers_adoption_is_in_the_cooling_off_period(
    tmp_path, capsys
):
    found = _new_findings(capsys, tmp_path, F4, _adopted("September 1, 2025"))
    for profile in ("submission", "record"):
        problems = found[profile]
        assert {p["rule"] for p in problems} == {COOLING_OFF}
        assert len(problems) == 4 and {p["severity"] for p in problems} == {"warning"}
        message = problems[0]["message"]
        assert "Rule 10b5-1(c)(1)(ii)(B)(1), for directors and officers" in message
        assert "the later of 90 days after adoption (11/30/2025)" in message
        assert "Form 10-Q or 10-K for the fiscal quarter of adoption" in message
        assert "at least until 11/30/2025 and at most until 12/30/2025" in message
        assert "the transaction of 10/02/2025 is inside it." in message


def test_a_sale_90_to_120_days_after_adoption_is_a_reminder_before_filing_only(tmp_path, capsys):
    found = _new_findings(capsys, tmp_path, F4, _adopted("June 20, 2025"))  # 104 days
    assert {p["rule"] for p in found["submission"]} == {COOLING_OFF}
    assert (
        "inside it unless the issuer filed that 10-Q or 10-K at least 2 business days"
        in (found["submission"][0]["message"])
    )
    assert found["record"] == []  # a filing EDGAR accepted is not judged by it


def test_anyone_else_has_30_days(tmp_path, capsys):
    owner = _relationship(isTenPercentOwner="1")
    inside = _new_findings(capsys, tmp_path, F4, owner, _adopted("September 15, 2025"))
    [problem, *_] = [p for p in inside["record"] if p["rule"] == COOLING_OFF]
    assert "(B)(2), for persons other than directors and officers" in problem["message"]
    assert "30 days after adoption: it runs until 10/15/2025" in problem["message"]
    after = _new_findings(capsys, tmp_path, F4, owner, _adopted("August 29, 2025"))  # 34 days
    assert not [p for p in after["submission"] if p["rule"] in COVERED]


def test_a_plan_adopted_before_the_cooling_off_rule_has_none(tmp_path, capsys):
    early = _new_findings(capsys, tmp_path, F4, _adopted("February 20, 2023"))
    assert not [p for p in early["submission"] if p["rule"] in COVERED]


def test_the_remarks_cover_the_sales(tmp_path, capsys):
    later = _adopted("December 30, 2025", where="remarks")
    found = _new_findings(capsys, tmp_path, BDX, later)
    assert {p["rule"] for p in found["record"]} == {ADOPTED_AFTER}
    assert "plan of the remarks" in found["record"][0]["message"]


def test_the_adoption_date_is_read_from_the_footnote_the_session_writes_and_from_others():
    session = PLAN.text.format(date="05/14/2026")
    assert find_adoption(session) == find_adoption(session)
    found = find_adoption(session)
    assert found is not None and found.day == date(2026, 5, 14) and found.phrase == ""
    assert found.where("footnote F1") == "footnote F1"
    cases = {
        # Real words of accepted filings (aapl, dkng, tsla).
        "This transaction was made pursuant to a Rule 10b5-1 trading plan adopted by the "
        "reporting person on November 25, 2024.": date(2024, 11, 25),
        "The reported sale was made pursuant to a pre-arranged program for selling shares of "
        "Class A Common Stock adopted on December 13, 2024 pursuant to Rule 10b5-1 under the "
        "Securities Exchange Act of 1934.": date(2024, 12, 13),
        "THE TRANSACTIONS REPORTED ON THIS FORM 4 WERE AUTOMATICALLY EFFECTED PURSUANT TO A RULE "
        "10B5-1 TRADING PLAN PREVIOUSLY ADOPTED ON SEPTEMBER  14, 2021.": date(2021, 9, 14),
        "On March 3, 2025, the reporting person adopted a Rule 10b5-1 trading plan.": date(
            2025, 3, 3
        ),
        "Sold under a Rule 10b5-1 plan entered into on 2025-03-03.": date(2025, 3, 3),
        "Sold under a 10b5-1 plan adopted Sept. 3, 2025.": date(2025, 9, 3),
        # Nothing to read, or more than one way to read it: None, and the rules stay silent.
        "Shares were sold pursuant to a 10b5-1 trading plan adopted by the Reporting Person in "
        "accordance with Rule 10b5-1.": None,
        "Sold under plans adopted on March 3, 2025 and adopted on June 2, 2025 under Rule "
        "10b5-1.": None,
        "Sold under a Rule 10b5-1 plan adopted on March 3, 2025 and modified on June 2, "
        "2025.": None,
        "A plan adopted on March 3, 2025.": None,  # no Rule 10b5-1
    }
    for text, expected in cases.items():
        found = find_adoption(text)
        assert (found.day if found else None) == expected, text


def test_the_cooling_off_period():
    officer = deadlines.cooling_off(date(2026, 1, 15), True)
    assert officer is not None
    assert (officer.earliest, officer.latest) == (date(2026, 4, 15), date(2026, 5, 15))
    assert officer.covers(date(2026, 4, 14)) == "inside"
    assert officer.covers(date(2026, 4, 15)) == "perhaps"
    assert officer.covers(date(2026, 5, 15)) is None
    assert officer.covers(date(2026, 1, 14)) is None  # before adoption: the other rule
    other = deadlines.cooling_off(date(2026, 1, 15), False)
    assert other is not None and (other.earliest, other.latest) == (date(2026, 2, 14),) * 2
    assert deadlines.cooling_off(date(2023, 2, 26), True) is None


# --- what the rules say about real filings EDGAR accepted ---------------------------------------


def test_real_filings_as_records_give_no_plan_findings(capsys):
    """Every real filing and history, judged as a record: 0 findings of either rule (8 real
    filings give a plan's adoption date; the tests above move it)."""
    files = [str(p) for p in [*SAMPLES, *HISTORIES]]
    _, reports = run_json(capsys, "--profile", "record", *files)
    found = [(p["rule"], r["file"]) for r in reports for p in r["problems"] if p["rule"] in COVERED]
    assert found == []


def test_real_filings_as_submissions_remind_only_of_a_late_10q(capsys):
    """Sent today, one real filing would be reminded of the 10-Q date: DraftKings' sales of
    2025-03-14 and 17, 91 and 94 days after the plan's adoption on 2024-12-13."""
    _, reports = run_json(capsys, *[str(p) for p in SAMPLES])
    found = sorted(
        (Path(r["file"]).name, p["rule"]) for r in reports for p in r["problems"]
        if p["rule"] in COVERED
    )  # fmt: skip
    assert found == [("dkng_20250314_96f06232.xml", COOLING_OFF)] * 3
