"""``sec16 draft-from`` from end to end, on the tables of ``examples/batch/``.

Each test runs the command in-process (``generator.cli.main``), writing into ``tmp_path``, and
reads what it wrote: the drafts (YAML), the XML of ``--build``, the ``.fills.csv`` breakdown,
standard output (a line per draft and a summary) and standard error (refused rows). The figures
of the fills (weighted average, lowest and highest price, owned following) are worked out here
again from the table itself, by hand, and compared with the drafts'.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import EXAMPLES, REPO, SHARED

from generator.batch.events import COLUMNS
from generator.cli import main

BATCH = EXAMPLES / "batch"
GRANTS = BATCH / "annual-grant.csv"
FILLS = BATCH / "plan-sale-fills.csv"
JOINT = BATCH / "joint-filing.yaml"
BOOK = BATCH / "book"
OFFICIAL_CHECK = SHARED / "tools" / "official-xsd-check"

#: What the book's one filing says the officer held after it.
HELD_BEFORE = Decimal(200_000)

pytestmark = pytest.mark.usefixtures("clean_machine")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """``sec16 ARGV...`` in-process: (exit status, standard output, standard error)."""
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def drafts(folder: Path) -> list[Path]:
    """The drafts written in ``folder``, parts in their order (``-2-of-9`` before ``-10-of-…``)."""

    def order(path: Path) -> tuple[str, int]:
        found = re.search(r"-(\d+)-of-\d+$", path.stem)
        return (path.stem[: found.start()] if found else path.stem, int(found[1]) if found else 0)

    return sorted(folder.glob("*.yaml"), key=order)


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def table_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def value(cell: Any) -> Any:
    """A draft value, without its footnotes."""
    return cell.get("value") if isinstance(cell, dict) else cell


def notes(data: dict[str, Any], cell: Any) -> list[str]:
    """The texts of the footnotes on a draft value."""
    ids = cell.get("footnotes", []) if isinstance(cell, dict) else []
    return [data["footnotes"][ident] for ident in ids]


def dollars(amount: Decimal) -> str:
    return f"${amount:.2f}"


def summary(out: str) -> str:
    return out.strip().splitlines()[-1]


# --- 1. ten directors' annual grants --------------------------------------------------------------


def test_annual_grant_gives_ten_valid_form4s_whose_xml_passes_the_sec_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", GRANTS, "-o", out_dir, "--build")
    assert status == 0, out + err
    assert summary(out) == "10 row(s) of annual-grant.csv read: 10 draft(s), 10 valid"
    lines = out.strip().splitlines()[:-1]
    assert len(lines) == 10 and all(": valid (Form 4, 1 row(s)" in line for line in lines), out
    assert all("wrote " in line for line in lines), out

    table = {row["owner_cik"]: row for row in table_rows(GRANTS)}
    found = drafts(out_dir)
    assert len(found) == 10
    for path in found:
        data = load(path)
        (owner,) = data["reporting_owners"]
        row = table.pop(owner["cik"])
        assert data["form"] == "4" and str(data["period_of_report"]) == "2026-11-16"
        assert data["issuer"] == {
            "cik": "0009100041",
            "name": "Quillon Software, Inc.",
            "ticker": "QLSW",
        }
        assert owner["name"] == row["owner_name"]
        assert owner["relationship"] == {"director": True}
        assert "table_1" not in data
        (grant,) = data["table_2"]
        assert grant["security"] == "Restricted Stock Units" and value(grant["code"]) == "A"
        assert grant["acquired_disposed"] == "A" and Decimal(value(grant["price"])) == 0
        assert grant["shares"] == grant["underlying_shares"] == row["shares"]
        assert grant["underlying_security"] == "Common Stock"
        assert grant["owned_following"] == row["owned_following"]
        assert notes(data, grant["exercise_price"]) == [row["exercise_price_note"]]
        assert notes(data, grant["date_exercisable"]) == [row["date_exercisable_note"]]
        assert notes(data, grant["expiration_date"]) == [row["expiration_note"]]
        assert data["signatures"] == [{"name": row["signature"], "date": date(2026, 11, 17)}]
        assert path.with_suffix(".xml").is_file()
    assert not table, f"no draft for {sorted(table)}"
    # What --build wrote is what sec16 build makes of the draft as written.
    for path in (found[0], found[-1]):
        rebuilt = tmp_path / f"{path.stem}.rebuilt.xml"
        status, out, err = run(capsys, "build", path, "-o", rebuilt)
        assert status == 0, out + err
        assert rebuilt.read_bytes() == path.with_suffix(".xml").read_bytes()

    if not OFFICIAL_CHECK.is_file():
        pytest.skip(f"{OFFICIAL_CHECK} is not there: the XML was not checked with the SEC's XSDs")
    xml = sorted(out_dir.glob("*.xml"))
    checked = subprocess.run(
        [sys.executable, str(OFFICIAL_CHECK), *map(str, xml)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count(": ok (official v5.5 schema, form 4)") == 10, checked.stdout


# --- 2. 250 fills of a Rule 10b5-1 sale -----------------------------------------------------------


def _days() -> dict[str, list[tuple[Decimal, Decimal]]]:
    """The table's fills by day: (price, shares) each."""
    by_day: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for row in table_rows(FILLS):
        by_day[row["date"]].append((Decimal(row["price"]), Decimal(row["shares"])))
    return dict(by_day)


def _average(fills: list[tuple[Decimal, Decimal]]) -> Decimal:
    worth = sum((price * shares for price, shares in fills), Decimal(0))
    shares = sum((shares for _, shares in fills), Decimal(0))
    return (worth / shares).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def test_the_example_fills_are_what_the_tests_below_assume():
    rows = table_rows(FILLS)
    assert len(rows) == 250
    assert {r["owner_cik"] for r in rows} == {"0009200041"}
    assert {(r["what_happened"], r["plan"], r["ownership"]) for r in rows} == {("S", "yes", "D")}
    days = _days()
    assert sorted(days) == ["2026-11-18", "2026-11-19"]
    prices = [price for fills in days.values() for price, _ in fills]
    assert min(prices) == Decimal("48.21") and max(prices) == Decimal("49.17")
    assert len(set(prices)) > 50, "the prices vary"
    assert sum(shares for fills in days.values() for _, shares in fills) < HELD_BEFORE


def test_fills_become_one_row_a_day_at_the_weighted_average_with_the_footnote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", FILLS, "--book", BOOK, "-o", out_dir)
    assert status == 0, out + err
    assert summary(out) == "250 row(s) of plan-sale-fills.csv read: 1 draft(s), 1 valid"
    (path,) = drafts(out_dir)
    assert ": valid (Form 4, 2 row(s)" in out
    data = load(path)
    # Who, from the book's one filing (the table gives the CIK only).
    (owner,) = data["reporting_owners"]
    assert owner["cik"] == "0009200041" and owner["name"] == "Lindqvist Anna M."
    assert owner["relationship"] == {"officer": True, "officer_title": "Chief Financial Officer"}
    assert data["signatures"][0]["name"].startswith("/s/ Jonah Fairbanks")
    assert data["rule_10b5_1_plan"] is True
    assert str(data["period_of_report"]) == "2026-11-18"

    rows = data["table_1"]
    assert len(rows) == 2 and "table_2" not in data
    held = HELD_BEFORE
    for row, (day, fills) in zip(rows, sorted(_days().items()), strict=True):
        shares = sum((s for _, s in fills), Decimal(0))
        low, high = min(p for p, _ in fills), max(p for p, _ in fills)
        held -= shares
        assert str(row["transaction_date"]) == day
        assert value(row["code"]) == "S" and row["acquired_disposed"] == "D"
        assert Decimal(row["shares"]) == shares
        assert Decimal(value(row["price"])) == _average(fills)
        assert Decimal(row["owned_following"]) == held  # continued from the book's 200,000
        (average_note,) = notes(data, row["price"])
        assert "weighted average" in average_note
        assert f"prices from {dollars(low)} to {dollars(high)}, inclusive" in average_note
        assert "on request, full information on the number of shares sold" in average_note
        (plan_note,) = notes(data, row["code"])
        assert "Rule 10b5-1 trading plan adopted" in plan_note and "05/14/2026" in plan_note
    assert held == HELD_BEFORE - 62_350

    # The breakdown beside the draft: the shares at each price, which add up to each row.
    breakdown = path.with_name(path.stem + ".fills.csv")
    fills_rows = table_rows(breakdown)
    assert list(fills_rows[0]) == ["row", "date", "code", "security", "price", "shares"]
    by_row: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for item in fills_rows:
        assert item["code"] == "S" and item["security"] == "Common Stock"
        by_row[item["row"]].append((Decimal(item["price"]), Decimal(item["shares"])))
    assert sorted(by_row) == ["table_1[1]", "table_1[2]"]
    for index, row in enumerate(rows, 1):
        fills = by_row[f"table_1[{index}]"]
        assert {item["date"] for item in fills_rows if item["row"] == f"table_1[{index}]"} == {
            str(row["transaction_date"])
        }
        assert sum(s for _, s in fills) == Decimal(row["shares"])
        assert _average(fills) == Decimal(value(row["price"]))
        assert [p for p, _ in fills] == sorted({p for p, _ in fills}), (
            "one line a price, lowest first"
        )
        assert (fills[0][0], fills[-1][0]) == (Decimal("48.21"), Decimal("49.17"))


def test_without_aggregating_250_fills_make_nine_valid_filings_continuing_each_other(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out_dir = tmp_path / "out"
    status, out, err = run(
        capsys, "draft-from", FILLS, "--book", BOOK, "-o", out_dir, "--no-aggregate"
    )
    assert status == 0, out + err
    assert summary(out) == "250 row(s) of plan-sale-fills.csv read: 9 draft(s), 9 valid"
    parts = drafts(out_dir)
    assert len(parts) == 9
    assert [re.search(r"-(\d+)-of-9$", p.stem)[1] for p in parts] == [  # type: ignore[index]
        str(n) for n in range(1, 10)
    ]
    assert not list(out_dir.glob("*.fills.csv")), "no row is averaged"
    for number, path in enumerate(parts, 1):
        assert f"{path}: valid (Form 4, " in out and f", {number} of 9" in out
        data = load(path)
        assert len(data["table_1"]) <= 30
        assert data["remarks"].startswith(f"This is Form 4 {number} of 9 filed together: ")
        assert data["rule_10b5_1_plan"] is True
        assert all(value(r["code"]) == "S" for r in data["table_1"])
    rows = [row for path in parts for row in load(path)["table_1"]]
    table = table_rows(FILLS)
    assert len(rows) == 250
    assert [Decimal(r["shares"]) for r in rows] == [Decimal(t["shares"]) for t in table]
    assert [Decimal(value(r["price"])) for r in rows] == [Decimal(t["price"]) for t in table]
    held = HELD_BEFORE
    for row in rows:
        held -= Decimal(row["shares"])
        assert Decimal(row["owned_following"]) == held, row
    assert held == HELD_BEFORE - 62_350


# --- 3. a joint filing of twelve ------------------------------------------------------------------


def test_joint_filing_of_twelve_is_split_into_ten_and_two_owners(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", JOINT, "-o", out_dir, "--build")
    assert status == 0, out + err
    assert summary(out) == "12 row(s) of joint-filing.yaml read: 2 draft(s), 2 valid"
    first, second = drafts(out_dir)
    assert first.stem.endswith("-1-of-2") and second.stem.endswith("-2-of-2")
    events = yaml.safe_load(JOINT.read_text(encoding="utf-8"))["events"]
    ciks = [event["owner_cik"] for event in events]
    owners = []
    for number, path in enumerate((first, second), 1):
        data = load(path)
        owners.append([owner["cik"] for owner in data["reporting_owners"]])
        assert len(data["signatures"]) == len(data["reporting_owners"])
        (row,) = data["table_1"]  # the purchase, reported once
        assert value(row["code"]) == "P" and row["shares"] == "500000"
        assert row["owned_following"] == "6400000" and row["ownership"] == "I"
        assert row["nature_of_ownership"] == "By Harrowgate Growth Fund VII, L.P."
        assert data["remarks"] == (
            f"This is Form 4 {number} of 2 filed together: EDGAR takes at most 10 reporting "
            "persons on one Form 4."
        )
        assert path.with_suffix(".xml").is_file()
    assert owners == [ciks[:10], ciks[10:]]
    second_data = load(second)
    assert second_data["reporting_owners"][0]["relationship"] == {
        "director": True,
        "ten_percent_owner": True,
    }
    assert all(
        owner["relationship"] == {"ten_percent_owner": True}
        for owner in load(first)["reporting_owners"]
    )


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "old", "new", "said"),
    [
        ("date", "2026-11-16", "2026-11-31", "is not a real calendar date"),
        ("what_happened", "A", "QQ", "'QQ' is neither a transaction code"),
        ("shares", "4210", "-4210", "negative"),
    ],
)
def test_a_bad_row_stops_that_owners_draft_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: str, old: str, new: str, said: str
):
    rows = table_rows(GRANTS)
    assert rows[3][column] == old
    rows[3][column] = new  # the fourth director, on row 5 of the spreadsheet
    table = tmp_path / "grants.csv"
    with table.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", table, "-o", out_dir)
    assert status == 1
    (line,) = [line for line in err.splitlines() if line.startswith("sec16: error: ")]
    assert line.startswith(f"sec16: error: {table}, row 5, column {column}: "), err
    assert said in line, err
    assert summary(out) == "10 row(s) of grants.csv read, 1 refused: 9 draft(s), 9 valid"
    written = {load(path)["reporting_owners"][0]["cik"] for path in drafts(out_dir)}
    assert written == {row["owner_cik"] for row in rows} - {rows[3]["owner_cik"]}


def test_a_bad_fill_stops_every_draft_of_its_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    lines = FILLS.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[200] = lines[200].replace(",S,", ",traded,")  # row 201 of the spreadsheet
    table = tmp_path / "fills.csv"
    table.write_text("".join(lines), encoding="utf-8")
    status, out, err = run(capsys, "draft-from", table, "--book", BOOK, "-o", tmp_path / "out")
    assert status == 1
    assert f"sec16: error: {table}, row 201, column what_happened: " in err
    assert summary(out) == "250 row(s) of fills.csv read, 1 refused: 0 draft(s), 0 valid"
    assert not list((tmp_path / "out").glob("*"))


def test_an_unknown_column_names_the_header_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    text = GRANTS.read_text(encoding="utf-8").replace("owner_name,", "owner_nmae,", 1)
    table = tmp_path / "grants.csv"
    table.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", table, "-o", out_dir)
    assert status == 1
    assert out == ""
    assert f"{table}: row 1, column 2: 'owner_nmae' is not a column sec16 knows" in err
    assert "owner_name" in err and "docs/batch.md" in err
    assert not out_dir.exists() or not list(out_dir.iterdir())


def test_a_spreadsheet_gives_the_same_drafts_as_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """The fills as an Excel workbook: numbers as numbers, dates as dates, CIKs as text."""
    rows = table_rows(FILLS)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    header = list(rows[0])
    sheet.append(header)
    for row in rows:
        cells: list[object] = []
        for name in header:
            cell: object = row[name]
            if name in ("date", "plan_adopted", "signature_date"):
                cell = date.fromisoformat(row[name])
            elif name == "shares":
                cell = int(row[name])
            elif name == "price":
                cell = float(row[name])
            cells.append(cell)
        sheet.append(cells)
    workbook = tmp_path / "plan-sale-fills.xlsx"
    book.save(workbook)

    made = {}
    for source in (FILLS, workbook):
        out_dir = tmp_path / source.suffix.lstrip(".")
        status, out, err = run(capsys, "draft-from", source, "--book", BOOK, "-o", out_dir)
        assert status == 0, out + err
        (path,) = drafts(out_dir)
        breakdown = path.with_name(path.stem + ".fills.csv").read_text(encoding="utf-8")
        made[source.suffix] = (load(path), breakdown)
    assert made[".xlsx"] == made[".csv"]


def test_without_a_book_or_a_figure_owned_following_is_left_for_the_filer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    table = tmp_path / "purchase.csv"
    table.write_text(
        "owner_cik,owner_name,relationship,issuer_cik,issuer_ticker,date,what_happened,"
        "security,shares,price,signature,signature_date\n"
        "0009300301,Okafor Daniel,director,0009100041,QLSW,2026-11-16,bought,Common Stock,"
        "1500,48.10,/s/ Daniel Okafor,2026-11-17\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    status, out, err = run(capsys, "draft-from", table, "-o", out_dir)
    assert status == 1
    (path,) = drafts(out_dir)
    assert f"{path}: NOT valid (Form 4, 1 row(s)): " in out
    assert summary(out) == "1 row(s) of purchase.csv read: 1 draft(s), 0 valid, 1 NOT valid"
    text = path.read_text(encoding="utf-8")
    head = [line for line in text.splitlines() if line.startswith("#")]
    said = "owned following of 'Common Stock' (direct) on 11/16/2026 is left for you"
    assert any(line.startswith("# table_1[1]: " + said) for line in head), text
    assert "no --book was given" in text
    assert f"{path}: note: table_1[1]: {said}" in err
    (row,) = load(path)["table_1"]
    assert "owned_following" not in row


def test_running_again_into_the_same_folder_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out_dir = tmp_path / "out"
    status, _, _ = run(capsys, "draft-from", FILLS, "--book", BOOK, "-o", out_dir, "--build")
    assert status == 0
    before = {path.name: path.read_bytes() for path in out_dir.iterdir()}
    assert len(before) == 3  # the draft, its XML and its fills
    (draft,) = drafts(out_dir)
    status, out, err = run(capsys, "build", draft, "-o", tmp_path / "rebuilt.xml")
    assert status == 0, out + err
    assert (tmp_path / "rebuilt.xml").read_bytes() == draft.with_suffix(".xml").read_bytes()
    status, out, err = run(capsys, "draft-from", FILLS, "--book", BOOK, "-o", out_dir, "--build")
    assert status == 0, out + err
    after = {path.name: path.read_bytes() for path in out_dir.iterdir()}
    assert {name: after[name] for name in before} == before
    (stem,) = {Path(name).stem for name in before if name.endswith(".yaml")}
    assert sorted(set(after) - set(before)) == [
        f"{stem}-2.fills.csv",
        f"{stem}-2.xml",
        f"{stem}-2.yaml",
    ]
    # A breakdown whose draft was moved away keeps its name too: the next draft takes another.
    for name in (f"{stem}.yaml", f"{stem}.xml"):
        (out_dir / name).unlink()
    status, out, err = run(capsys, "draft-from", FILLS, "--book", BOOK, "-o", out_dir)
    assert status == 0, out + err
    assert (out_dir / f"{stem}.fills.csv").read_bytes() == before[f"{stem}.fills.csv"]
    assert not (out_dir / f"{stem}.yaml").exists()
    assert (out_dir / f"{stem}-3.yaml").is_file() and (out_dir / f"{stem}-3.fills.csv").is_file()


def test_the_command_runs_as_a_module_too(tmp_path: Path):
    shutil.copy(JOINT, tmp_path / "joint.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "draft-from", "joint.yaml", "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},  # clean_machine: no SEC16_*, HOME empty
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == (
        "12 row(s) of joint.yaml read: 2 draft(s), 2 valid"
    )
    assert len(list((tmp_path / "out").glob("*.yaml"))) == 2


# --- the documentation ----------------------------------------------------------------------------


def test_docs_list_exactly_the_columns():
    """docs/batch.md's table of columns names every column the reader takes, and no other."""
    text = (REPO / "docs" / "batch.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.MULTILINE)
    names = [column.name for column in COLUMNS]
    assert sorted(listed) == sorted(names)
    assert len(listed) == len(set(listed)), "a column listed twice"
    for column in COLUMNS:
        assert f"`{column.name}`" in text
