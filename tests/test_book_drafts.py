"""Drafts from the book (issue 18 point 4): `validate`/`build --book` and `sec16 new --book`.

The book is a real history: Reid Hoffman's Form 3 and 22 Forms 4 in LinkedIn (filed jointly
with his living trust). Its last filing, of 2013-05-20, leaves the trust 16,823,235 shares of
Class B Common Stock (Table II, the conversion price and dates in footnotes) and no Class A.
The drafts here continue it on 2013-06-03, as the filer's next Form 4 would: a conversion of
83,334 Class B shares into Class A, and their sale.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED
from test_questionnaire import KEEP, NO, YES, enter, pick, piped

from generator.cli import main
from generator.formats.draft import dump_draft, load_draft
from generator.pipeline.build import build_filing
from generator.session.answers import Answers
from generator.session.domain import book_owned_following
from generator.session.drafts import read_session
from generator.session.footnotes import earlier_footnotes
from generator.session.questionnaire import Session, SessionInterrupted

HISTORY = SHARED / "samples" / "histories" / "linkedin-hoffman"
LAST = "lnkd_20130520_adaebcdb.xml"
HOFFMAN, TRUST, LINKEDIN = "0001519339", "0001521103", "0001271024"

LIVING_TRUST = {"value": "See footnote", "footnotes": ["F1"]}
CLASS_B_TERMS = {"footnotes": ["F2"]}


def next_form_4(class_b_left: str = "16,739,901") -> dict[str, Any]:
    """The Form 4 after the book's last: 83,334 Class B converted into Class A and sold."""
    class_a = {"security": "Class A Common Stock", "transaction_date": "2013-06-03"}
    return {
        "form": "4",
        "period_of_report": "2013-06-03",
        "rule_10b5_1_plan": False,
        "issuer": {"cik": LINKEDIN, "name": "LINKEDIN CORP", "ticker": "LNKD"},
        "reporting_owners": [
            {
                "cik": HOFFMAN,
                "name": "Hoffman Reid",
                "relationship": {"director": True, "ten_percent_owner": True},
            },
            {
                "cik": TRUST,
                "name": "Reid Hoffman & Michelle Yee Living Trust",
                "relationship": {"ten_percent_owner": True},
            },
        ],
        "table_1": [
            {
                **class_a,
                "code": "C",
                "shares": "83,334",
                "acquired_disposed": "A",
                "price": "0",
                "owned_following": "83,334",
                "ownership": "I",
                "nature_of_ownership": LIVING_TRUST,
            },
            {
                **class_a,
                "code": "S",
                "shares": "83,334",
                "acquired_disposed": "D",
                "price": "185.00",
                "owned_following": "0",
                "ownership": "I",
                "nature_of_ownership": LIVING_TRUST,
            },
        ],
        "table_2": [
            {
                "security": "Class B Common Stock",
                "exercise_price": CLASS_B_TERMS,
                "transaction_date": "2013-06-03",
                "code": "C",
                "shares": "83,334",
                "acquired_disposed": "D",
                "price": "0",
                "date_exercisable": CLASS_B_TERMS,
                "expiration_date": CLASS_B_TERMS,
                "underlying_security": "Class A Common Stock",
                "underlying_shares": "83,334",
                "owned_following": class_b_left,
                "ownership": "I",
                "nature_of_ownership": LIVING_TRUST,
            }
        ],
        "footnotes": {
            "F1": "Shares held directly by the Reid Hoffman and Michelle Yee Living Trust.",
            "F2": "Each share of Class B Common Stock is convertible at any time into one share "
            "of Class A Common Stock and has no expiration date.",
        },
        "signatures": [{"name": "/s/ Lora Blum, Attorney-In-Fact", "date": "2013-06-05"}],
    }


def write_draft(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(dump_draft(data), encoding="utf-8")
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A copy of the history, writable (a session or a test may add files to it)."""
    folder = tmp_path / "book"
    shutil.copytree(HISTORY, folder)
    for path in folder.iterdir():
        path.chmod(0o644)
    folder.chmod(0o755)
    return folder


@pytest.fixture(autouse=True)
def _machine(clean_machine: None) -> Iterator[None]:
    yield


def validate_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", "--format", "json", "--as-of", "2013-06-05", *args])
    return code, json.loads(capsys.readouterr().out)


def continuity(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in report["problems"] if p["rule"] == "holdings-continuity"]


# --- validate and build --book ----------------------------------------------------------------


def test_a_draft_that_continues_the_book_has_no_finding(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write_draft(tmp_path / "next.yaml", next_form_4())
    code, [report] = validate_json(capsys, "--book", str(book), str(draft))
    assert code == 0 and report["valid"]
    assert continuity(report) == []
    assert main(["build", "--book", str(book), str(draft), "-o", str(tmp_path / "next.xml")]) == 0
    assert "holdings-continuity" not in capsys.readouterr().err


def test_a_draft_off_by_100_shares_is_told_both_figures(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write_draft(tmp_path / "off.yaml", next_form_4("16,739,801"))
    code, [report] = validate_json(capsys, "--book", str(book), str(draft))
    assert code == 0  # a warning: the filer may know better (a transfer the book lacks)
    [problem] = continuity(report)
    assert problem["severity"] == "warning" and problem["location"] == "table_2[1].owned_following"
    message = problem["message"]
    for words in (
        "disposes of 83,334 and leaves 16,739,801 owned",
        f"last shows this security and ownership at 16,823,235 ({LAST}, 2013-05-20)",
        "expected 16,739,901",
        "a difference of -100",
        "Check the figures",
    ):
        assert words in message, message
    assert problem["line"] == _line_of(draft, "16,739,801")

    assert main(["build", "--book", str(book), str(draft), "-o", str(tmp_path / "off.xml")]) == 0
    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if "(holdings-continuity)" in line]
    assert line.startswith(f"{draft}:{problem['line']}: warning: ")
    assert "16,823,235" in line and "16,739,801" in line and "expected 16,739,901" in line
    assert (tmp_path / "off.xml").exists()  # a warning does not stop the build

    # The same check without the book: nothing to compare with.
    code, [report] = validate_json(capsys, str(draft))
    assert continuity(report) == []


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_a_draft_in_the_book_is_not_compared_with_itself(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The draft and the XML built from it sit in the book: the figures come from the filing
    before them, never from themselves."""
    draft = write_draft(book / "next.yaml", next_form_4("16,739,801"))
    built = build_filing(load_draft(draft), "record", lambda cik: None)
    (book / "next.xml").write_text(built.xml, encoding="utf-8")
    _, reports = validate_json(
        capsys, "--profile", "record", "--book", str(book), str(draft), str(book / "next.xml")
    )
    for report in reports:
        [problem] = continuity(report)
        assert f"at 16,823,235 ({LAST}, 2013-05-20)" in problem["message"]
        assert "a difference of -100" in problem["message"]


def test_a_second_form_4_of_the_same_day_continues_from_the_first(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two Forms 4 for one day: the second starts where the first (in the book) left."""
    write_draft(book / "first.yaml", next_form_4())
    second = next_form_4("16,656,567")  # 16,739,901 - 83,334
    second["table_1"] = []
    write_draft(tmp_path / "second.yaml", second)
    _, [report] = validate_json(capsys, "--book", str(book), str(tmp_path / "second.yaml"))
    assert continuity(report) == []
    second["table_2"][0]["owned_following"] = "16,656,467"
    write_draft(tmp_path / "second.yaml", second)
    _, [report] = validate_json(capsys, "--book", str(book), str(tmp_path / "second.yaml"))
    [problem] = continuity(report)
    assert (
        "at 16,739,901 (first.yaml, 2013-06-03; 16,823,235 before that day, "
        f"{LAST}, 2013-05-20): expected 16,656,567, the row gives 16,656,467 (a difference of "
        "-100)" in problem["message"]
    )


def test_the_real_history_continues_from_itself(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each filing of the book, checked against the rest: the real filer's figures all follow."""
    files = sorted(str(p) for p in book.glob("*.xml"))
    _, reports = validate_json(capsys, "--profile", "record", "--book", str(book), *files)
    assert [continuity(r) for r in reports] == [[] for _ in files]


def test_a_batch_checked_by_workers_reads_the_book_in_each(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past 48 files `validate` works in worker processes: each has the book."""
    from generator.support import batch

    built = build_filing(load_draft(write_draft(tmp_path / "off.yaml", next_form_4("16,739,801"))))
    folder = tmp_path / "batch"
    folder.mkdir()
    files = []
    for number in range(batch.PARALLEL_FROM + 2):
        path = folder / f"off-{number:02}.xml"
        path.write_text(built.xml, encoding="utf-8")
        files.append(str(path))
    _, reports = validate_json(capsys, "--book", str(book), *files)
    assert len(reports) == len(files)
    for report in reports:
        [problem] = continuity(report)
        assert "16,823,235" in problem["message"] and "-100" in problem["message"]


def test_the_book_is_read_once_for_a_batch(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.book import sources

    calls = []
    real = sources.read_book

    def counted(paths: Any) -> Any:
        calls.append(paths)
        return real(paths)

    monkeypatch.setattr(sources, "read_book", counted)
    drafts = [str(write_draft(tmp_path / f"d{n}.yaml", next_form_4())) for n in range(3)]
    code, reports = validate_json(capsys, "--book", str(book), *drafts)
    assert code == 0 and len(reports) == 3
    assert len(calls) == 1
    assert main(["build", "--book", str(book), *drafts, "-o", str(tmp_path / "out/")]) == 0
    assert len(calls) == 2


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "build", "new"])
def test_a_book_that_is_not_there_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = write_draft(tmp_path / "next.yaml", next_form_4())
    missing = str(tmp_path / "no-such-book")
    args = {
        "validate": [str(draft)],
        "build": [str(draft)],
        "new": ["-o", str(tmp_path / "n.yaml")],
    }
    with piped(""):
        assert main([command, "--book", missing, *args[command]]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"sec16: --book {missing}: no such file or folder; give the folder of the reporting "
        "owner's filings (ownership XML or EDGAR .txt files, drafts, an optional book.yaml)"
    )
    assert not (tmp_path / "next.xml").exists() and not (tmp_path / "n.yaml").exists()


def test_unreadable_files_in_the_book_are_warnings(
    book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (book / "notes.xml").write_text("<html>not a filing</html>", encoding="utf-8")
    (book / "broken.yaml").write_text("form: [4\n", encoding="utf-8")
    (book / "binary.txt").write_bytes(b"\x00\x01\xff" * 100)
    draft = write_draft(tmp_path / "off.yaml", next_form_4("16,739,801"))
    main(["validate", "--format", "json", "--book", str(book), str(draft)])
    captured = capsys.readouterr()
    [report], err = json.loads(captured.out), captured.err
    assert "Traceback" not in err
    for name in ("notes.xml", "broken.yaml", "binary.txt"):
        [line] = [line for line in err.splitlines() if name in line]
        assert line.startswith(f"sec16: warning: --book {book}: ") and "was left out: " in line
    [problem] = continuity(report)  # the rest of the book is used
    assert "16,823,235" in problem["message"]


def test_a_book_without_filings_says_so_and_the_session_asks_as_usual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_draft(empty / "draft.yaml", next_form_4())
    with piped(""):
        assert main(["new", "--book", str(empty), "-o", str(tmp_path / "n.yaml")]) == 130
    out = capsys.readouterr().out
    assert (
        f"The book {empty} holds no filing (1 draft(s)): nothing is filled in from it, and the "
        "questions are asked as usual." in " ".join(out.split())
    )
    assert out.splitlines()[-1] == "Form"  # the first question, as usual
    assert read_session(tmp_path / "n.yaml") == ({}, "form")


# --- the session: what the book proposes --------------------------------------------------------


def choices(book: Path) -> Any:
    from generator.commands.session import book_choices

    return book_choices(str(book))


def test_the_book_offers_its_owners_and_proposes_the_last_filings_answers(book: Path) -> None:
    offered = choices(book)
    assert [c.title for c in offered] == [
        "Hoffman Reid (CIK 1519339) in LINKEDIN CORP: last filing Form 4, filed 05/22/2013",
        "Reid Hoffman & Michelle Yee Living Trust (CIK 1521103) in LINKEDIN CORP: last filing "
        "Form 4, filed 05/22/2013",
    ]
    trust = offered[1].load()
    # The person picked comes first; the joint filer follows, as in the last filing.
    assert [o["cik"] for o in trust.answers["reporting_owners"]] == [TRUST, HOFFMAN]
    hoffman = offered[0].load()
    assert hoffman.answers["issuer"] == {"cik": LINKEDIN, "name": "LINKEDIN CORP", "ticker": "LNKD"}
    first = hoffman.answers["reporting_owners"][0]
    assert first["address"] == {
        "street1": "C/O LINKEDIN CORPORATION",
        "street2": "2029 STIERLIN COURT",
        "city": "MOUNTAIN VIEW",
        "state": "CA",
        "zip": "94043",
    }
    assert first["relationship"]["director"] is True
    assert hoffman.answers["signatures"] == [{"name": "/s/ Lora Blum, Attorney-In-Fact"}]
    shown = " ".join(" ".join(hoffman.lines).split())
    assert f"The book's last filing of this reporting person: {LAST}" in shown
    assert "Issuer: LINKEDIN CORP (LNKD, CIK 0001271024)" in shown
    assert "Class B Common Stock, indirect (See footnote): 16,823,235" in shown


def test_owned_following_is_proposed_from_the_books_figure(book: Path) -> None:
    proposal = next_form_4()
    proposal["table_2"][0]["owned_following"] = None
    proposal["table_1"][0]["owned_following"] = None
    hoffman = choices(book)[0].load()
    found = book_owned_following(Answers(proposal, ("table_2", 0)), hoffman)
    assert found is not None and found.value == "16,739,901"
    assert (
        found.note == f"The book's last figure for this holding: 16,823,235 ({LAST}, 05/20/2013)."
    )
    found = book_owned_following(Answers(proposal, ("table_1", 0)), hoffman)
    assert found is not None and found.value == "83,334"  # 0 + 83,334 converted
    # Row 2 continues from row 1 of the draft, not from the book.
    proposal["table_1"][0]["owned_following"] = "83,334"
    assert book_owned_following(Answers(proposal, ("table_1", 1)), hoffman) is None
    # Another holding (held directly): the book has none.
    proposal["table_2"][0]["ownership"] = "D"
    assert book_owned_following(Answers(proposal, ("table_2", 0)), hoffman) is None


def test_the_footnote_the_last_filing_put_on_the_same_value_is_offered_first(book: Path) -> None:
    hoffman = choices(book)[0].load()
    data = next_form_4()
    del data["footnotes"]
    offered, likeliest = earlier_footnotes(data, "F2", hoffman)  # on Class B's price and dates
    assert likeliest.startswith("Each share of Class B Common Stock is convertible at any time")
    assert offered[0] == likeliest and len(offered) == len(set(offered)) > 5
    offered, likeliest = earlier_footnotes(data, "F1", hoffman)  # on the nature of ownership
    assert likeliest.startswith("Shares held directly by the Reid Hoffman and Michelle Yee")


def test_declining_the_fill_in_asks_each_answer_with_the_books_proposal(
    book: Path, tmp_path: Path
) -> None:
    """'No' to "Fill these in?": every question is asked, its answer proposed: Enter takes it."""
    person = KEEP * 2 + YES + KEEP * 6 + KEEP  # CIK, name, address?, 6 address lines, boxes
    keys = (
        pick("Reid Hoffman & Michelle")  # the trust's filing
        + NO
        + person
        + YES  # "Add another reporting person?" is proposed: yes (the last filing had two)
        + person
        + KEEP  # no third
        + KEEP * 4  # the issuer
    )
    path = tmp_path / "draft.yaml"
    out = io.StringIO()
    with piped(keys):
        session = Session(path, {"form": "4"}, out=out, book=choices(book))
        with pytest.raises(SessionInterrupted):  # the keys run out at the dates
            session.run()
    data, cursor = read_session(path)
    assert cursor == "period_of_report"
    assert [o["cik"] for o in data["reporting_owners"]] == [TRUST, HOFFMAN]
    trust, hoffman = data["reporting_owners"]
    assert trust["name"] == "Reid Hoffman & Michelle Yee Living Trust"
    assert trust["relationship"] == {"ten_percent_owner": True}
    assert hoffman["relationship"] == {"director": True, "ten_percent_owner": True}
    assert hoffman["address"]["city"] == "MOUNTAIN VIEW" and hoffman["address"]["zip"] == "94043"
    assert data["issuer"] == {
        "cik": LINKEDIN,
        "name": "LINKEDIN CORP",
        "ticker": "LNKD",
        "foreign_ticker": None,
    }


def test_someone_else_fills_in_nothing(book: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    with piped(pick("Someone else")):
        session = Session(tmp_path / "d.yaml", {"form": "4"}, out=out, book=choices(book))
        with pytest.raises(SessionInterrupted):
            session.run()
    assert "Nothing is filled in from the book: the questions are asked as usual." in (
        out.getvalue()
    )
    assert session.book is None


def test_without_a_book_the_session_is_as_before(tmp_path: Path) -> None:
    """No --book: no question about the book, no proposal (the session tests hold the rest)."""
    out = io.StringIO()
    with piped(enter("0009200031")):
        session = Session(tmp_path / "d.yaml", {"form": "4"}, out=out)
        with pytest.raises(SessionInterrupted):
            session.run()
    assert session.book is None and not session.choices
    assert read_session(tmp_path / "d.yaml")[0]["reporting_owners"] == [{"cik": "0009200031"}]


# --- a real terminal ------------------------------------------------------------------------


#: A new Form 4 of the trust's Class B shares: 100,000 sold on 06/03/2013.
SALE = {
    "Date of earliest transaction": enter("06/03/2013"),
    "no longer subject to Section 16": NO,
    "Rule 10b5-1(c) box": NO,
    "Anything to report in Table I": NO,
    "Anything to report in Table II": YES,
    "Title of the derivative security": enter("Class B Common Stock"),
    "Conversion or exercise price": enter("[F1]"),
    "Transaction date": KEEP,
    "What happened to this derivative security?": pick("Sold it"),
    "Number of derivative securities disposed of": enter("100,000"),
    "Date exercisable": enter("[F1]"),
    "Expiration date": enter("[F1]"),
    "Title of the underlying security": enter("Class A Common Stock"),
    "Number of underlying shares": KEEP,
    "Price of the derivative security": enter("185.10"),
    "Owned directly (D) or indirectly (I)?": pick("Indirect"),
    "Nature of the indirect ownership": enter("See footnote [F2]"),
}


@pytest.mark.tty
def test_sec16_new_with_the_book_proposes_the_owned_following_of_a_sale(
    book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_session_flow import Terminal, flat

    folder = book.parent
    terminal = Terminal(["new", "--form", "4", "--book", "book", "-o", "sale.yaml"], folder)
    terminal.converse({"Whose filing is this?": KEEP}, until=["Fill these in?"])
    screen = flat(terminal.screen())
    # The owner and the issuer come from the book's last filing.
    assert f"The book's last filing of this reporting person: {LAST}" in screen
    assert "Reporting person: Hoffman Reid (CIK 0001519339); director, 10% owner" in screen
    assert "Issuer: LINKEDIN CORP (LNKD, CIK 0001271024)" in screen
    terminal.send(YES)
    terminal.converse(SALE, until=["owned following the reported transaction"])
    assert "Reporting person's CIK" not in terminal.asked  # filled in, not asked
    assert terminal.shown_default("owned following the reported transaction(s)") == "16,723,235"
    assert f"The book's last figure for this holding: 16,823,235 ({LAST}, 05/20/2013)." in flat(
        terminal.screen()
    )
    terminal.send(KEEP)
    terminal.converse(
        {"More columns": NO, "Add another Table II row": NO},
        until=["Footnote F1: one this reporting person used before?"],
    )
    terminal.send(KEEP)  # the Class B terms the last filing put on the same price
    terminal.settle()
    terminal.send(KEEP)  # its text, as it was
    terminal.converse({}, until=["Footnote F2: one this reporting person used before?"])
    terminal.send(KEEP)  # the living trust
    terminal.settle()
    terminal.send(KEEP)
    terminal.converse(
        {"Remarks": enter(), "Date signed": enter("06/05/2013"), "Power of attorney": enter()},
        until=["What next?"],
    )
    terminal.send(KEEP)
    assert terminal.finish() == 0

    data = load_draft(folder / "sale.yaml")
    [row] = data.table_2
    assert str(row.owned_following.value) == "16723235"
    assert data.issuer.cik == LINKEDIN and data.issuer.ticker == "LNKD"
    assert [o.cik for o in data.reporting_owners] == [HOFFMAN, TRUST]
    assert data.signatures[0].name == "/s/ Lora Blum, Attorney-In-Fact"
    assert re.match(r"Each share of Class B Common Stock is convertible", data.footnotes["F1"])
    assert data.footnotes["F2"].startswith("Shares held directly by the Reid Hoffman")
    # The draft continues the book: validate --book finds nothing to say about it.
    assert (folder / "sale.xml").exists()
    code, [report] = validate_json(capsys, "--book", str(book), str(folder / "sale.yaml"))
    assert code == 0 and continuity(report) == []
