"""``sec16 amend``: an amendment draft from the filing as filed and the draft as corrected.

The acceptance: for every real Form 4 (shared/samples/real/4), one value of one row is changed
(shares, price, transaction date or code, in turn), and the amendment holds exactly that row,
says what changed in plain words, and builds into XML the SEC's own schemas accept.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED

from generator.cli import main
from generator.formats.draft import dump_draft, filing_to_data, load_draft
from generator.formats.importer import import_file
from generator.model.filing import Filing
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
