"""``sec16 amend``: an amendment draft from the filing as filed and the draft as corrected.

The acceptance: for every real Form 4 (shared/samples/real/4), one value of one row is changed
(shares, price, transaction date or code, in turn), and the amendment holds exactly that row,
says what changed in plain words, and builds into XML the SEC's own schemas accept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SHARED
from test_docs import Block, blocks

from generator.cli import main
from generator.formats.draft import dump_draft, filing_to_data, load_draft
from generator.formats.importer import import_file
from generator.model.filing import Filing
from generator.model.upgrade import submission_address
from generator.pipeline.amend import TABLES, compare_filings, spoken

FORM_4 = sorted((SHARED / "samples" / "real" / "4").glob("*.xml"))
FORM_3 = sorted((SHARED / "samples" / "real" / "3").glob("*.xml"))
XSD_CHECK = SHARED / "tools" / "official-xsd-check"
EIGHT_ROWS = SHARED / "samples" / "real" / "4" / "abcl_20201215_d2835ae0.xml"
MODERN = SHARED / "samples" / "real" / "4" / "aapl_20251001_34cc0cc1.xml"
KINDS = ("shares", "price", "transaction_date", "code")
#: A code of the same direction (acquired or disposed of) for each code changed.
OTHER_CODE = {"S": "F", "F": "S", "P": "A", "A": "P", "M": "C", "C": "M", "G": "J", "J": "G"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def corrected_data(filing: Filing) -> dict[str, Any]:
    """The draft data of a filing, as the filer's corrected draft starts from."""
    data = filing_to_data(filing)
    if filing.rule_10b5_1_plan is None and filing.form.base.value != "3":
        # An original from before the Rule 10b5-1(c) box left it unanswered; the form filed
        # today asks it, so the filer answers it in the corrected draft (sec16 never guesses).
        data["rule_10b5_1_plan"] = False
    return data


def value_of(row: dict[str, Any], key: str) -> Any:
    item = row.get(key)
    return item.get("value") if isinstance(item, dict) else item


def set_value(row: dict[str, Any], key: str, new: str) -> None:
    item = row.get(key)
    if isinstance(item, dict):
        row[key] = {**item, "value": new}
    else:
        row[key] = new


def new_value(kind: str, old: str) -> str | None:
    if kind == "shares":
        return str(Decimal(old) + 100)
    if kind == "price":
        return str(Decimal(old) + Decimal("1.25"))
    if kind == "transaction_date":  # later, never before the period of report (box 3)
        return (date.fromisoformat(old) + timedelta(days=1)).isoformat()
    return OTHER_CODE.get(old)


def pick_change(filing: Filing, start: int) -> tuple[str, str, int, str, str] | None:
    """(kind, table, index, old, new): the first row that has the value of the kind's turn."""
    data = filing_to_data(filing)
    for turn in range(len(KINDS)):
        kind = KINDS[(start + turn) % len(KINDS)]
        for table in TABLES:
            for index, row in enumerate(data.get(table, [])):
                if row.get("kind") != "transaction":
                    continue
                old = value_of(row, kind)
                if old in (None, "") or (new := new_value(kind, str(old))) is None:
                    continue
                return kind, table, index, str(old), new
    return None


def renumbered(node: Any, ids: dict[str, str]) -> Any:
    """Draft data with its footnote ids changed (``ids``: old -> new), texts as they were."""
    if isinstance(node, dict):
        return {
            ids.get(key, key): [ids[r] for r in item]
            if key == "footnotes" and isinstance(item, list)
            else renumbered(item, ids)
            for key, item in node.items()
        }
    if isinstance(node, list):
        return [renumbered(item, ids) for item in node]
    return node


def write_draft(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(dump_draft(data), encoding="utf-8")
    return path


def latest_day(filing: Filing) -> date:
    days = [filing.period_of_report]
    days += [d for row in filing.rows if (d := getattr(row, "transaction_date", None)) and d.value]
    return max(d if isinstance(d, date) else d.value for d in days)


def xsd_check(xml: Path) -> None:
    if not XSD_CHECK.exists():
        pytest.skip("the SEC's schema check (shared/tools/official-xsd-check) is missing")
    done = subprocess.run(
        [sys.executable, str(XSD_CHECK), str(xml)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def explanation_of(amendment: Filing) -> str:
    return " ".join([amendment.remarks or "", *amendment.footnotes.values()])


# --- the acceptance: every real Form 4 ------------------------------------------------------------


@pytest.mark.parametrize("sample", FORM_4, ids=lambda p: p.stem)
def test_one_value_changed_in_a_real_form_4_is_amended(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_machine: None
) -> None:
    original = import_file(sample).filing
    found = pick_change(original, FORM_4.index(sample))
    if found is None:
        pytest.skip("no transaction row to change")
    kind, table, index, _old, new = found
    data = corrected_data(original)
    set_value(data[table][index], kind, new)
    corrected = write_draft(tmp_path / "corrected.yaml", data)
    filed = latest_day(original) + timedelta(days=2)
    out = tmp_path / "amendment.yaml"
    status, stdout, err = run(
        capsys, "amend", str(sample), str(corrected), "-o", str(out),
        "--original-date", filed.isoformat(),
    )  # fmt: skip
    assert status == 0, err
    assert stdout.startswith(
        f"WROTE {out}: Form 4/A amending {sample} (filed {filed:%m/%d/%Y}): "
        "1 row(s) changed, 0 added, 0 withdrawn"
    )
    amendment = load_draft(out)
    assert amendment.form.value == "4/A"
    assert amendment.original_filing_date == filed
    assert len(amendment.rows) == 1
    (row,) = getattr(amendment, table)
    expected = getattr(getattr(load_draft(corrected), table)[index], kind).value
    assert getattr(row, kind).value == expected
    said = explanation_of(amendment)
    assert f"{TABLES[table]}, row {index + 1}" in said
    was = getattr(getattr(original, table)[index], kind).value
    now = getattr(row, kind).value
    money = kind == "price"
    assert spoken(was, money=money) in said and spoken(now, money=money) in said, said
    xml = tmp_path / "amendment.xml"
    status, _, err = run(capsys, "build", str(out), "-o", str(xml))
    assert status == 0, err
    xsd_check(xml)


def test_restate_reports_every_corrected_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_machine: None
) -> None:
    original = import_file(MODERN).filing
    data = corrected_data(original)
    set_value(data["table_1"][1], "shares", "1000")
    corrected = write_draft(tmp_path / "corrected.yaml", data)
    out = tmp_path / "restated.yaml"
    status, stdout, err = run(
        capsys, "amend", str(MODERN), str(corrected), "-o", str(out),
        "--original-date", "2025-10-03", "--restate",
    )  # fmt: skip
    assert status == 0, err
    assert "Table I, row 2" in stdout and "reported again in full" in stdout
    xml = tmp_path / "restated.xml"
    status, _, err = run(capsys, "build", str(out), "-o", str(xml), "--profile", "record")
    assert status == 0, err
    rebuilt = import_file(xml).filing
    assert rebuilt.form.value == "4/A"
    assert len(rebuilt.table_1) == len(original.table_1) == 6
    assert len(rebuilt.table_2) == len(original.table_2)
    # Every row as corrected: values and footnote texts alike (only the remarks and dates differ).
    assert compare_filings(load_draft(corrected), rebuilt).rows == []


# --- refusals -------------------------------------------------------------------------------------


def test_no_change_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrected = write_draft(tmp_path / "same.yaml", corrected_data(import_file(MODERN).filing))
    status, _, err = run(
        capsys, "amend", str(MODERN), str(corrected), "--original-date", "2025-10-03"
    )
    assert status == 1
    assert f"{corrected} makes no change to {MODERN}: there is nothing to amend" in err
    assert not (tmp_path / "same-amendment.yaml").exists()


def test_footnote_ids_may_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same footnote texts under other ids are no change."""
    data = corrected_data(import_file(EIGHT_ROWS).filing)
    ids = list(data["footnotes"])
    renamed = dict(zip(ids, reversed(ids), strict=True))  # F1 <-> Fn, F2 <-> Fn-1, ...
    corrected = write_draft(tmp_path / "renamed.yaml", renumbered(data, renamed))
    assert load_draft(corrected).footnotes[ids[0]] == data["footnotes"][ids[-1]]
    status, _, err = run(
        capsys, "amend", str(EIGHT_ROWS), str(corrected), "--original-date", "2020-12-17"
    )
    assert status == 1 and "there is nothing to amend" in err


def test_an_unknown_original_date_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(import_file(MODERN).filing)
    set_value(data["table_1"][0], "shares", "1")
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, _, err = run(capsys, "amend", str(MODERN), str(corrected))
    assert status == 2
    assert "--original-date" in err and "does not guess" in err
    assert not (tmp_path / "c-amendment.yaml").exists()


def test_another_form_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form_3 = next(p for p in FORM_3 if import_file(p).filing.form.value == "3")
    data = corrected_data(import_file(MODERN).filing)
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, _, err = run(
        capsys, "amend", str(form_3), str(corrected), "--original-date", "2025-10-03"
    )
    assert status == 1
    assert "an amendment of a Form 3 is a 3/A" in err


def test_another_issuer_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = corrected_data(import_file(MODERN).filing)
    data["issuer"]["cik"] = "0000000001"
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, _, err = run(
        capsys, "amend", str(MODERN), str(corrected), "--original-date", "2025-10-03"
    )
    assert status == 1 and "issuer CIK" in err


def test_an_existing_amendment_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(import_file(MODERN).filing)
    set_value(data["table_1"][0], "shares", "1")
    corrected = write_draft(tmp_path / "c.yaml", data)
    (tmp_path / "c-amendment.yaml").write_text("mine\n", encoding="utf-8")
    status, _, err = run(
        capsys, "amend", str(MODERN), str(corrected), "--original-date", "2025-10-03"
    )
    assert status == 1 and "already exists" in err
    assert (tmp_path / "c-amendment.yaml").read_text(encoding="utf-8") == "mine\n"


# --- rows added and withdrawn, header changes -----------------------------------------------------


def test_an_added_and_a_withdrawn_row_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = import_file(EIGHT_ROWS).filing
    data = corrected_data(original)
    del data["table_1"][2]  # 7 rows of 8: aligned by what each row says
    added = {**data["table_2"][0]}
    set_value(added, "transaction_date", "2020-12-16")
    data["table_2"].append(added)
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, stdout, err = run(
        capsys, "amend", str(EIGHT_ROWS), str(corrected), "--original-date", "2020-12-17"
    )
    assert status == 0, err
    assert "0 row(s) changed, 1 added, 1 withdrawn" in stdout
    assert "Table I, row 3 of the original (" in stdout
    assert "was reported in error and is withdrawn" in stdout
    assert "a row omitted from Table II of the original (" in stdout and "12/16/2020" in stdout
    amendment = load_draft(tmp_path / "c-amendment.yaml")
    assert len(amendment.table_2) == 1 and not amendment.table_1
    assert amendment.table_2[0].transaction_date.value == date(2020, 12, 16)  # type: ignore[union-attr]
    # Only the footnotes the row references, renumbered from F1.
    assert list(amendment.footnotes) == [f"F{n}" for n in range(1, len(amendment.footnotes) + 1)]


def test_only_a_withdrawal_restates_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(import_file(EIGHT_ROWS).filing)
    del data["table_1"][7]
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, stdout, err = run(
        capsys, "amend", str(EIGHT_ROWS), str(corrected), "--original-date", "2020-12-17"
    )
    assert status == 0, err
    assert "Table I, row 8 of the original" in stdout and "reported again in full" in stdout
    amendment = load_draft(tmp_path / "c-amendment.yaml")
    assert len(amendment.table_1) == 7


def test_a_header_change_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = corrected_data(import_file(MODERN).filing)
    data["issuer"]["ticker"] = "AAPLX"
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, stdout, err = run(
        capsys, "amend", str(MODERN), str(corrected), "--original-date", "2025-10-03"
    )
    assert status == 0, err
    assert "the issuer's trading symbol, from AAPL to AAPLX" in stdout
    amendment = load_draft(tmp_path / "c-amendment.yaml")
    assert amendment.issuer.ticker == "AAPLX"
    assert len(amendment.rows) == len(import_file(MODERN).filing.rows)


def test_an_unanswered_10b5_1_box_is_left_to_the_filer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = import_file(EIGHT_ROWS).filing
    assert original.rule_10b5_1_plan is None
    data = filing_to_data(original)
    set_value(data["table_1"][0], "shares", "1")
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, _, err = run(
        capsys, "amend", str(EIGHT_ROWS), str(corrected), "--original-date", "2020-12-17"
    )
    assert status == 0
    assert "Rule 10b5-1(c) box is not answered" in err
    written = (tmp_path / "c-amendment.yaml").read_text(encoding="utf-8")
    assert "# Note: The Rule 10b5-1(c) box" in written
    assert load_draft(tmp_path / "c-amendment.yaml").rule_10b5_1_plan is None


def test_a_long_explanation_goes_in_a_footnote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corrected_data(import_file(EIGHT_ROWS).filing)
    data["remarks"] = "R" * 1990
    set_value(data["table_1"][0], "shares", "1")
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, _, err = run(
        capsys, "amend", str(EIGHT_ROWS), str(corrected), "--original-date", "2020-12-17"
    )
    assert status == 0, err
    amendment = load_draft(tmp_path / "c-amendment.yaml")
    assert amendment.remarks == "R" * 1990
    last = list(amendment.footnotes)[-1]
    assert "Table I, row 1" in amendment.footnotes[last]
    assert last in amendment.table_1[0].security.footnotes


def test_a_txt_original_gives_its_filing_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = MODERN.read_text(encoding="utf-8")
    txt = tmp_path / "0001.txt"
    txt.write_text(
        "<SEC-DOCUMENT>0001181431-25-000001.txt : 20251003\n<SEC-HEADER>\n"
        "ACCEPTANCE-DATETIME:20251003160501\nCONFORMED SUBMISSION TYPE:\t4\n"
        "FILED AS OF DATE:\t\t20251003\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
        f"{xml}\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n",
        encoding="utf-8",
    )
    data = corrected_data(import_file(MODERN).filing)
    set_value(data["table_1"][0], "price", "1.00")
    corrected = write_draft(tmp_path / "c.yaml", data)
    status, stdout, err = run(capsys, "amend", str(txt), str(corrected))
    assert status == 0, err
    assert "(filed 10/03/2025)" in stdout
    assert "the price per share reported in Table I, row 1" in stdout
    assert load_draft(tmp_path / "c-amendment.yaml").original_filing_date == date(2025, 10, 3)


# --- the date the original was filed: --original-date, the book, the terminal ---------------------


def _one_change(tmp_path: Path) -> Path:
    data = corrected_data(import_file(MODERN).filing)
    set_value(data["table_1"][1], "shares", "1000")
    return write_draft(tmp_path / "c.yaml", data)


def _book(folder: Path, files: dict[str, Path], filed: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        shutil.copy(source, folder / name)
    if filed:
        lines = [f"  {name}: {day}" for name, day in filed.items()]
        (folder / "book.yaml").write_text("filed:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _txt_of(xml: Path, path: Path, filed: str) -> Path:
    """An EDGAR .txt of ``xml`` whose header says it was filed on ``filed`` (YYYYMMDD)."""
    path.write_text(
        f"<SEC-DOCUMENT>0001181431-25-000001.txt : {filed}\n<SEC-HEADER>\n"
        f"CONFORMED SUBMISSION TYPE:\t4\nFILED AS OF DATE:\t\t{filed}\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
        f"{xml.read_text(encoding='utf-8')}\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("where", ["the same file", "the same filing"])
def test_the_book_gives_the_date_of_the_original(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _book(tmp_path / "book", {"filed.xml": MODERN}, {"filed.xml": "2025-10-03"})
    # The same file, or a copy elsewhere: the same form, issuer, owners, period and rows.
    original = book / "filed.xml" if where == "the same file" else MODERN
    corrected = _one_change(tmp_path)
    status, stdout, err = run(capsys, "amend", str(original), str(corrected), "--book", str(book))
    assert status == 0, err
    assert f"amending {original} (filed 10/03/2025)" in stdout
    assert (
        f"The date {original} was filed, 10/03/2025, is from the book {book}: book.yaml's "
        f"filed: for {book / 'filed.xml'}." in stdout
    )
    assert load_draft(tmp_path / "c-amendment.yaml").original_filing_date == date(2025, 10, 3)


def test_the_books_edgar_header_gives_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book"
    book.mkdir()
    _txt_of(MODERN, book / "0001.txt", "20251003")
    status, stdout, err = run(
        capsys, "amend", str(MODERN), str(_one_change(tmp_path)), "--book", str(book)
    )
    assert status == 0, err
    assert f"is from the book {book}: its EDGAR header for {book / '0001.txt'}." in stdout


def test_a_book_with_two_dates_for_the_original_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _book(
        tmp_path / "book",
        {"a.xml": MODERN, "b.xml": MODERN},
        {"a.xml": "2025-10-03", "b.xml": "2025-10-06"},
    )
    status, _, err = run(
        capsys, "amend", str(MODERN), str(_one_change(tmp_path)), "--book", str(book)
    )
    assert status == 2
    assert (
        f"the book {book} holds {MODERN} more than once, with different filing dates: "
        f"{book / 'a.xml'} filed 10/03/2025 (book.yaml's filed:); {book / 'b.xml'} filed "
        "10/06/2025 (book.yaml's filed:); give the date it was filed with --original-date" in err
    )
    assert not (tmp_path / "c-amendment.yaml").exists()


def test_a_date_the_book_only_assumes_is_not_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bare XML document in a book without book.yaml: the book assumes the signature date;
    sec16 amend never guesses."""
    book = _book(tmp_path / "book", {"filed.xml": MODERN}, {})
    status, _, err = run(
        capsys, "amend", str(MODERN), str(_one_change(tmp_path)), "--book", str(book)
    )
    assert status == 2
    assert f"the book {book} holds it ({book / 'filed.xml'}) but does not say when" in err
    assert "--original-date" in err and "does not guess" in err


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("2025-09-30", "--original-date 09/30/2025 is before the period of report of"),
        ("2099-01-02", "--original-date 01/02/2099 is in the future"),
        ("2025-02-30", "--original-date 2025-02-30: '2025-02-30' is not a real calendar date"),
    ],
)
def test_an_impossible_original_date_is_refused(
    given: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MODERN's period of report is 10/01/2025."""
    status, _, err = run(
        capsys, "amend", str(MODERN), str(_one_change(tmp_path)), "--original-date", given
    )
    assert status == 2
    assert said in err
    assert not (tmp_path / "c-amendment.yaml").exists()


def test_a_txt_header_before_the_period_is_refused_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = _txt_of(MODERN, tmp_path / "0001.txt", "20250901")
    status, _, err = run(capsys, "amend", str(txt), str(_one_change(tmp_path)))
    assert status == 2
    assert f"the filing date in the header of {txt} (09/01/2025) is before the period" in err


def _terminal(tmp_path: Path) -> Any:
    """sec16 amend in a pseudo-terminal, waiting at the date question (read from the screen
    through pexpect's VT100 emulator, as tests/test_session_flow.py reads the session)."""
    from test_session_flow import Terminal

    terminal = Terminal(["amend", str(MODERN), str(_one_change(tmp_path))], tmp_path)
    assert "When was aapl_20251001_34cc0cc1.xml filed" in terminal.open_question()
    return terminal


def _answer(terminal: Any, keys: str) -> str:
    """Clear the answer's line, type ``keys`` and Enter: the screen as text, after."""
    from test_session_flow import flat

    terminal.send("\x7f" * 12)
    terminal.send(keys + "\r")
    return flat(terminal.screen())


def test_the_date_is_asked_in_a_terminal(tmp_path: Path) -> None:
    """Standard input and output a terminal: asked; each bad answer refused with its sentence
    (MODERN's period of report is 10/01/2025), then a good one taken."""
    terminal = _terminal(tmp_path)
    assert "'10/32/2025' is not a real calendar date" in _answer(terminal, "10/32/2025")
    assert "09/30/2025 is before the period of report (10/01/2025)" in _answer(
        terminal, "2025-09-30"
    )
    assert "01/05/2099 is in the future" in _answer(terminal, "01/05/2099")
    terminal.send("\x7f" * 12)
    terminal.send("10/03/2025\r")
    assert terminal.finish() == 0
    assert "10/03/2025, is as answered." in flat_screen(terminal)
    amendment = load_draft(tmp_path / "c-amendment.yaml")
    assert amendment.original_filing_date == date(2025, 10, 3)


def flat_screen(terminal: Any) -> str:
    from test_session_flow import flat

    return flat(terminal.screen(settle=False))


def test_ctrl_c_at_the_date_question_writes_nothing(tmp_path: Path) -> None:
    terminal = _terminal(tmp_path)
    assert terminal.interrupt() == 130
    assert not (tmp_path / "c-amendment.yaml").exists()


# --- the acceptance of --restate: rebuilt as a record, it holds the corrected filing -------------

#: What an amendment must differ in from the corrected filing, by element: documentType (4 ->
#: 4/A), dateOfOriginalSubmission, the remarks holding the explanation, the signature dates, and
#: schemaVersion (an amendment is filed today, on today's schema; an old original's record keeps
#: its own).
AMENDMENT_ONLY = {
    "/ownershipDocument/schemaVersion",
    "/ownershipDocument/documentType",
    "/ownershipDocument/dateOfOriginalSubmission",
    "/ownershipDocument/remarks",
    "/ownershipDocument/ownerSignature/signatureDate",
}


#: An owner's address, where an older version's is written as today's.
CURRENT_ADDRESS = {
    f"/ownershipDocument/reportingOwner/reportingOwnerAddress/{tag}"
    for tag in ("rptOwnerState", "rptOwnerCountry", "rptOwnerNonUSAddressFlag")
}


def _record(capsys: pytest.CaptureFixture[str], draft: Path, xml: Path) -> tuple[int, str]:
    status, _, err = run(capsys, "build", str(draft), "-o", str(xml), "--profile", "record")
    return status, err


@pytest.mark.parametrize("sample", FORM_4, ids=lambda p: p.stem)
def test_restated_amendment_rebuilt_as_a_record_holds_the_corrected_filing(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_machine: None
) -> None:
    from lxml import etree

    from generator.checks.compare import compare

    original = import_file(sample).filing
    found = pick_change(original, FORM_4.index(sample))
    if found is None:
        pytest.skip("no transaction row to change")
    kind, table, index, _old, new = found
    data = corrected_data(original)
    set_value(data[table][index], kind, new)
    corrected = write_draft(tmp_path / "corrected.yaml", data)
    corrected_xml = tmp_path / "corrected.xml"
    status, err = _record(capsys, corrected, corrected_xml)
    if status:
        pytest.skip(f"the corrected draft is not built as a record (not amend's doing): {err}")
    filed = latest_day(original) + timedelta(days=2)
    out = tmp_path / "amendment.yaml"
    status, _, err = run(
        capsys, "amend", str(sample), str(corrected), "-o", str(out),
        "--original-date", filed.isoformat(), "--restate",
    )  # fmt: skip
    assert status == 0, err
    amendment_xml = tmp_path / "amendment.xml"
    status, err = _record(capsys, out, amendment_xml)
    assert status == 0, err
    was = etree.parse(str(corrected_xml)).getroot()
    now = etree.parse(str(amendment_xml)).getroot()
    found_differences = compare(was, now, limit=1000).found
    places = {re.sub(r"\[\d+\]", "", d.location or "") for d in found_differences}
    # An address of an older version is written as today's (a legacy foreign "state" code as
    # its country; the non-U.S. flag stated): only where the original's needs it.
    older = any(
        owner.address is not None and submission_address(owner.address) != owner.address
        for owner in original.reporting_owners
    )
    assert places <= AMENDMENT_ONLY | (CURRENT_ADDRESS if older else set()), [
        str(d) for d in found_differences
    ]
    assert {"/ownershipDocument/documentType", "/ownershipDocument/remarks"} <= places
    assert now.findtext("documentType") == "4/A"
    assert now.findtext("dateOfOriginalSubmission") == filed.isoformat()
    remarks = now.findtext("remarks") or ""
    assert remarks.endswith("Every row of the corrected filing is reported again in full.")
    assert remarks.startswith((was.findtext("remarks") or "").strip())


def test_sec16_compare_shows_only_what_an_amendment_must_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], clean_machine: None
) -> None:
    data = corrected_data(import_file(MODERN).filing)
    set_value(data["table_1"][1], "shares", "1000")
    corrected = write_draft(tmp_path / "corrected.yaml", data)
    out = tmp_path / "amendment.yaml"
    status, _, err = run(
        capsys, "amend", str(MODERN), str(corrected), "-o", str(out),
        "--original-date", "2025-10-03", "--restate",
    )  # fmt: skip
    assert status == 0, err
    assert _record(capsys, corrected, tmp_path / "corrected.xml")[0] == 0
    assert _record(capsys, out, tmp_path / "amendment.xml")[0] == 0
    status, stdout, _ = run(
        capsys, "compare", str(tmp_path / "corrected.xml"), str(tmp_path / "amendment.xml")
    )
    assert status == 1  # different: it is an amendment
    lines = stdout.splitlines()
    assert lines[-1].endswith("amendment.xml: different")
    # This X0508 original's address had no non-U.S. flag; the amendment, made today, states it.
    flag = "/ownershipDocument/reportingOwner/reportingOwnerAddress/rptOwnerNonUSAddressFlag"
    assert {line.split(":")[0] for line in lines[:-1]} == AMENDMENT_ONLY | {flag}
    assert 'the original has "4", the rebuilt has "4/A"' in stdout


# --- docs/amend.md stays true ---------------------------------------------------------------

AMEND_DOC = REPO / "docs" / "amend.md"
AMEND_EXAMPLES = REPO / "examples" / "amend"


def _doc_blocks() -> list[Block]:
    return blocks(AMEND_DOC)


#: The command blocks of docs/amend.md (``sh`` and ``console``, tests/test_docs.py's convention).
COMMANDS = [b for b in blocks(AMEND_DOC) if b.language in ("sh", "console")]


def test_the_example_original_is_built_from_its_draft(tmp_path: Path) -> None:
    from generator.checks.compare import compare

    built = tmp_path / "built.xml"
    assert main(["build", str(AMEND_EXAMPLES / "form4-sale-as-filed.yaml"), "-o", str(built)]) == 0
    from lxml import etree

    filed = etree.parse(str(AMEND_EXAMPLES / "form4-sale-as-filed.xml")).getroot()
    assert compare(filed, etree.parse(str(built)).getroot()).found == []


def test_the_amendment_in_docs_amend_md_is_what_sec16_amend_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The worked example: the command of the first console block, run on examples/amend,
    writes the draft pasted in the YAML block (the signature date is the day it runs)."""
    console = [b for b in _doc_blocks() if b.language == "console"]
    yaml_blocks = [b for b in _doc_blocks() if b.language == "yaml"]
    assert console and len(yaml_blocks) == 1
    command, *printed = console[0].text.splitlines()
    assert command.startswith("$ sec16 amend ")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    argv = command.removeprefix("$ sec16 ").split()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        status, stdout, err = run(capsys, *argv)
    assert status == 0, err
    assert stdout.splitlines() == printed
    written = (tmp_path / "form4a-sale.yaml").read_text(encoding="utf-8")
    pasted = yaml_blocks[0].text
    today = date.today()
    shown = re.search(r"^  date: '(\d{4}-\d{2}-\d{2})'$", pasted, re.MULTILINE)
    assert shown is not None
    day = date.fromisoformat(shown[1])
    # The signature date: the day sec16 amend ran, in the header comment and the signature.
    written = written.replace(f"{today:%m/%d/%Y}", f"{day:%m/%d/%Y}")
    written = written.replace(f"\n  date: '{today.isoformat()}'", f"\n  date: '{day.isoformat()}'")
    assert written == pasted


@pytest.mark.parametrize("block", COMMANDS, ids=lambda b: b.id)
def test_docs_amend_md_commands(block: Block, tmp_path: Path) -> None:
    """Each command block of docs/amend.md runs as tests/test_docs.py runs README's."""
    from test_docs import _environment, _run, _run_console

    if block.skip is not None:
        pytest.skip(f"{block.id}: {block.skip}")
    work = tmp_path / "work"
    shutil.copytree(REPO / "examples", work / "examples")
    env = _environment(tmp_path / "home")
    if block.language == "console":
        output = _run_console(block, work, env, block.id)
    else:
        status, output = _run("set -e\n" + block.text, work, env)
        assert status == block.status, output
    for line in block.outputs:
        assert any(line == shown.rstrip() for shown in output.splitlines()), line


def test_the_amendment_in_docs_amend_md_builds(tmp_path: Path) -> None:
    (block,) = [b for b in _doc_blocks() if b.language == "yaml"]
    draft = tmp_path / "form4a-sale.yaml"
    draft.write_text(block.text, encoding="utf-8")
    assert main(["build", str(draft), "-o", str(tmp_path / "form4a-sale.xml")]) == 0


@pytest.mark.parametrize(
    ("value", "money", "form", "said"),
    [
        ("12.5", True, "4", "$12.50"),  # one decimal: the Form 4 and 5 pages print two
        ("17500.00", False, "4", "17,500"),  # never more zeros than the page prints
        ("7.5", False, "3", "7.5"),  # the Form 3 page never pads
        ("1.23456", True, "5", "$1.2346"),
    ],
)
def test_the_explanation_quotes_a_number_as_the_page_prints_it(
    value: str, money: bool, form: str, said: str
) -> None:
    assert spoken(Decimal(value), money=money, form=form) == said
