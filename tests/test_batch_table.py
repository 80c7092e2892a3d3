"""The table reader of ``sec16 draft-from``: CSV, XLSX and YAML files, read into events.

Every test writes a real file in ``tmp_path`` and reads it with ``read_table``: the values a
good row gives, and for each kind of bad input the sentence that names the file, the row and
the column, while the other rows are still read.
"""

from __future__ import annotations

import csv
import random
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from generator.batch.events import COLUMNS, Event, RowProblem, Where, column_name, read_event
from generator.batch.table import Table, read_table
from generator.support.errors import InputError

HEADER = [
    "owner_cik", "owner_name", "relationship", "issuer_cik", "issuer_ticker", "date",
    "what_happened", "security", "shares", "price",
]  # fmt: skip

#: A good row: a director's sale of 100 shares at $12.50.
GOOD: dict[str, str] = {
    "owner_cik": "0001234567",
    "owner_name": "Doe Jane",
    "relationship": "director",
    "issuer_cik": "320193",
    "issuer_ticker": "ACME",
    "date": "2025-03-03",
    "what_happened": "sold",
    "security": "Common Stock",
    "shares": "100",
    "price": "12.50",
}


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    header: list[str] | None = None,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """A CSV file of ``rows`` under ``header`` (by default HEADER and any further column)."""
    columns = list(header or HEADER)
    for item in rows:
        columns += [name for name in item if name not in columns]
    with path.open("w", newline="", encoding=encoding) as out:
        writer = csv.DictWriter(out, columns, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[Any], rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    book.save(path)
    return path


def only_event(table: Table) -> Event:
    assert table.problems == [], [str(p) for p in table.problems]
    assert len(table.events) == 1
    return table.events[0]


def is_sentence(text: str) -> None:
    """A message a filer reads: one line, no traceback, no Python object's repr."""
    assert text.strip()
    assert "Traceback" not in text
    assert "\n" not in text
    assert "Error(" not in text


# --- CSV: good tables --------------------------------------------------------------------------


def test_csv_rows_give_events_with_parsed_values(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "trades.csv",
        [
            row(),
            row(what_happened="grant", price="0", relationship="officer: CFO", shares="2000"),
            row(what_happened="S", date="03/05/2025", shares="1,234.50", price="$12.50"),
            row(what_happened="Sold shares on the market or privately (S, disposed of)"),
        ],
    )
    table = read_table(path)
    assert table.problems == []
    assert table.path == path
    sold, grant, coded, titled = table.events

    assert sold.where == Where(str(path), "row 2")
    assert sold.owner.cik == "0001234567"
    assert sold.owner.name == "Doe Jane"
    assert sold.owner.relationship == {"director": True}
    assert sold.book_key is None
    assert (sold.issuer_cik, sold.issuer_ticker) == ("320193", "ACME")
    assert (sold.form, sold.table, sold.kind) == ("4", "table_1", "transaction")
    assert sold.is_transaction
    assert sold.date == date(2025, 3, 3)
    assert (sold.code, sold.acquired_disposed) == ("S", "D")
    assert sold.security == "Common Stock"
    assert (sold.shares, sold.price) == (Decimal("100"), Decimal("12.50"))
    assert (sold.ownership, sold.nature, sold.plan, sold.plan_adopted) == ("D", None, False, None)
    assert sold.owned_following is None

    # "grant": code A, and A's usual direction (acquired), since the word does not say it
    assert (grant.code, grant.acquired_disposed) == ("A", "A")
    assert grant.price == Decimal("0")
    assert grant.owner.relationship == {"officer": True, "officer_title": "CFO"}
    assert grant.where.row == "row 3"

    assert (coded.code, coded.acquired_disposed) == ("S", "D")
    assert coded.date == date(2025, 3, 5)  # MM/DD/YYYY
    assert coded.shares == Decimal("1234.50")  # thousands separator
    assert coded.price == Decimal("12.50")  # dollar sign

    # the guided session's title for the same answer
    assert (titled.code, titled.acquired_disposed) == ("S", "D")
    assert titled.where.row == "row 5"


def test_csv_optional_columns_are_read(tmp_path: Path) -> None:
    extra = {
        "ownership": "I",
        "nature": "By Trust",
        "plan": "yes",
        "plan_adopted": "2024-11-15",
        "form": "5",
        "period_of_report": "2024-12-31",
        "state": "New York",
        "city": "Springfield",
        "owned_following": "5,000",
        "footnote": "Sold by the trust.",
        "joint": "j1",
        "acquired_disposed": "D",
    }
    event = only_event(read_table(write_csv(tmp_path / "t.csv", [row(**extra)])))
    assert (event.ownership, event.nature) == ("I", "By Trust")
    assert (event.plan, event.plan_adopted) == (True, date(2024, 11, 15))
    assert (event.form, event.period_of_report) == ("5", date(2024, 12, 31))
    assert event.owner.address == {"state": "NY", "city": "Springfield", "non_us": False}
    assert event.owned_following == Decimal("5000")
    assert (event.footnote, event.joint) == ("Sold by the trust.", "j1")


def test_holding_row_needs_no_shares_or_price(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(what_happened="holding", shares="", price="")])
    event = only_event(read_table(path))
    assert (event.kind, event.code, event.acquired_disposed) == ("holding", None, None)
    assert not event.is_transaction
    assert (event.shares, event.price) == (None, None)


@pytest.mark.parametrize(
    "header",
    [
        ["Owner CIK", "Owner Name", "Relationship", "Issuer CIK", "Issuer Ticker",
         "Transaction Date", "What Happened", "Security", "Shares", "Price"],
        ["owner-cik", "owner-name", "relationship", "issuer-cik", "ticker", "transaction_date",
         "Transaction Code", "Security Title", "Amount", "PRICE"],
        ["  CIK ", "Name", "Relationship", "issuer_cik", "Ticker", "Transaction  Date", "Code",
         "Title", "amount", "price"],
    ],
)  # fmt: skip
def test_header_spellings(tmp_path: Path, header: list[str]) -> None:
    path = tmp_path / "t.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([header, list(GOOD.values())])
    event = only_event(read_table(path))
    assert event.owner.cik == "0001234567"
    assert event.date == date(2025, 3, 3)
    assert (event.code, event.security, event.shares) == ("S", "Common Stock", Decimal("100"))


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    # as a European Excel saves it: ; between cells, so a comma may stand in a value unquoted
    lines = [
        ";".join(HEADER),
        "1234567;Doe Jane;director;320193;ACME;2025-03-03;"
        "Sold shares on the market or privately (S, disposed of);Common Stock;1,234.50;$12.50",
        "1234567;Doe Jane;director;320193;ACME;03/04/2025;grant;Common Stock;10;0",
    ]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    assert table.problems == []
    sold, grant = table.events
    assert (sold.code, sold.acquired_disposed, sold.shares, sold.price) == (
        "S",
        "D",
        Decimal("1234.50"),
        Decimal("12.50"),
    )
    assert (grant.code, grant.date, grant.where.row) == ("A", date(2025, 3, 4), "row 3")


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(owner_name="Müller Jörg")], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    event = only_event(read_table(path))
    assert event.owner.cik == "0001234567"
    assert event.owner.name == "Müller Jörg"


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    good = ",".join(GOOD.values())
    path.write_text(
        ",".join(HEADER) + "\n" + good + "\n\n" + ",,,,,,,,,\n" + "   \n" + good + "\n\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.problems == []
    assert [e.where.row for e in table.events] == ["row 2", "row 6"]


def test_a_cell_over_several_lines_is_one_row(tmp_path: Path) -> None:
    # a quoted footnote holding a line break is one spreadsheet row: the next row is row 3
    path = write_csv(
        tmp_path / "t.csv",
        [row(footnote="Sold under a plan\nadopted in 2024."), row(date="yesterday")],
    )
    table = read_table(path)
    assert table.events[0].footnote == "Sold under a plan adopted in 2024."
    assert [str(p) for p in table.problems] == [
        f"{path}, row 3, column date: 'yesterday' is not a date: write it as YYYY-MM-DD or "
        "MM/DD/YYYY"
    ]


def test_table_ii_is_inferred_from_derivative_columns(tmp_path: Path) -> None:
    option = row(
        what_happened="grant",
        security="Stock Option (right to buy)",
        price="0",
        shares="1000",
        exercise_price="$45.10",
        date_exercisable="03/03/2026",
        expiration="2035-03-03",  # an alias of expiration_date
        underlying_security="Common Stock",
    )
    path = write_csv(tmp_path / "t.csv", [option, row()])
    table = read_table(path)
    assert table.problems == []
    derivative, shares = table.events
    assert derivative.table == "table_2"
    assert (derivative.code, derivative.acquired_disposed) == ("A", "A")
    assert derivative.exercise_price == Decimal("45.10")
    assert derivative.date_exercisable == date(2026, 3, 3)
    assert derivative.expiration_date == date(2035, 3, 3)
    assert derivative.underlying_security == "Common Stock"
    assert derivative.underlying_shares is None  # default: the row's shares, filled later
    # a row of the same table without derivative values stays in Table I
    assert shares.table == "table_1"


def test_table_ii_takes_footnotes_in_place_of_price_and_dates(tmp_path: Path) -> None:
    rsu = row(
        what_happened="A",
        security="Restricted Stock Units",
        price="0",
        table="II",
        exercise_price_note="Each RSU converts into one share.",
        date_exercisable_note="Vests in four yearly parts.",
        expiration_note="RSUs do not expire.",
        underlying_security="Common Stock",
        underlying_shares="400",
    )
    event = only_event(read_table(write_csv(tmp_path / "t.csv", [rsu])))
    assert event.table == "table_2"
    assert (event.exercise_price, event.date_exercisable, event.expiration_date) == (
        None,
        None,
        None,
    )
    assert event.exercise_price_note == "Each RSU converts into one share."
    assert event.underlying_shares == Decimal("400")


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_rows_with_date_and_number_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "trades.xlsx",
        HEADER,
        [
            [1234567, "Doe Jane", "director", 320193, "ACME", datetime(2025, 3, 3), "sold",
             "Common Stock", 1500.0, 12.5],
            [None] * len(HEADER),  # a blank row: skipped, but counted
            ["0001234567", "Doe Jane", "director", "320193", "ACME", "03/04/2025", "grant",
             "Common Stock", 10, 0],
        ],
    )  # fmt: skip
    table = read_table(path)
    assert table.problems == []
    sold, grant = table.events
    assert sold.where == Where(str(path), "sheet 'Sheet', row 2")
    assert sold.owner.cik == "1234567"
    assert sold.issuer_cik == "320193"
    assert sold.date == date(2025, 3, 3)
    assert (sold.code, sold.acquired_disposed) == ("S", "D")
    assert (sold.shares, sold.price) == (Decimal("1500"), Decimal("12.5"))
    assert grant.where.row == "sheet 'Sheet', row 4"
    assert (grant.code, grant.date, grant.price) == ("A", date(2025, 3, 4), Decimal("0"))


def test_xlsx_number_is_read_as_the_spreadsheet_shows_it(tmp_path: Path) -> None:
    # Excel saves =10.15*3 as 30.450000000000003 (openpyxl would round it when writing, so the
    # sheet's XML is given that value here); Excel shows, and the filer means, 30.45
    cells = [1234567, "Doe Jane", "director", 320193, "ACME", datetime(2025, 3, 3), "S",
             "Common Stock", 1e6, 30.45]  # fmt: skip
    path = write_xlsx(tmp_path / "made.xlsx", HEADER, [cells])
    saved = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path) as made, zipfile.ZipFile(saved, "w") as out:
        for item in made.infolist():
            data = made.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert data.count(b"<v>30.45</v>") == 1
                data = data.replace(b"<v>30.45</v>", b"<v>30.450000000000003</v>")
            out.writestr(item, data)
    event = only_event(read_table(saved))
    assert (event.shares, event.price) == (Decimal("1000000"), Decimal("30.45"))


def test_xlsx_bad_cell_names_the_sheet_row_and_column(tmp_path: Path) -> None:
    good = [1234567, "Doe Jane", "director", 320193, "ACME", datetime(2025, 3, 3), "S",
            "Common Stock", 100.0, 12.5]  # fmt: skip
    bad = [*good[:5], "yesterday", *good[6:]]
    path = write_xlsx(tmp_path / "t.xlsx", HEADER, [good, bad, good])
    table = read_table(path)
    assert [e.where.row for e in table.events] == ["sheet 'Sheet', row 2", "sheet 'Sheet', row 4"]
    [problem] = table.problems
    assert str(problem).startswith(f"{path}, sheet 'Sheet', row 3, column date: 'yesterday'")


def test_xlsx_unknown_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [*HEADER[:3], "Colour"], [["1", "x", "director", "r"]])
    with pytest.raises(InputError, match=r"sheet 'Sheet', row 1, column 4: 'Colour' is not"):
        read_table(path)


def test_xlsx_header_without_rows(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", HEADER, [])
    with pytest.raises(InputError, match=re.escape(f"{path}: the table has a header but no row")):
        read_table(path)


def test_xlsx_empty_sheet(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputError, match=re.escape(f"{path}: the first sheet is empty")):
        read_table(path)


@pytest.mark.parametrize("content", [random.Random(16).randbytes(2048), b""])
def test_xlsx_that_is_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=re.escape(f"{path}: not an Excel workbook")) as err:
        read_table(path)
    is_sentence(str(err.value))


# --- YAML ---------------------------------------------------------------------------------------

YAML_LIST = """\
# a day's trades
- owner_cik: 0001234567
  issuer_cik: 320193
  issuer_ticker: ACME
  date: 2025-03-03
  what_happened: sold
  security: Common Stock
  shares: 1,234.50
  price: $12.50

- owner_cik: 0001234567
  issuer_cik: 320193
  issuer_ticker: ACME
  date: 03/04/2025
  what_happened: grant
  security: Common Stock
  shares: 10
  price: 0
"""


def test_yaml_list_of_events(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(YAML_LIST, encoding="utf-8")
    table = read_table(path)
    assert table.problems == []
    sold, grant = table.events
    assert sold.where == Where(str(path), "event 1 (line 2)")
    assert grant.where == Where(str(path), "event 2 (line 11)")
    assert sold.owner.cik == "0001234567"  # leading zeros kept: YAML is read as text
    assert (sold.code, sold.acquired_disposed, sold.date) == ("S", "D", date(2025, 3, 3))
    assert (sold.shares, sold.price) == (Decimal("1234.50"), Decimal("12.50"))
    assert (grant.code, grant.acquired_disposed, grant.date) == ("A", "A", date(2025, 3, 4))


def test_yaml_defaults_and_events(tmp_path: Path) -> None:
    path = tmp_path / "t.yml"
    path.write_text(
        """\
defaults:
  owner_cik: 1234567
  Owner Name: Doe Jane
  issuer_cik: 320193
  issuer_ticker: ACME
  security: Common Stock
  price: 12.50
events:
  - date: 2025-03-03
    what_happened: S
    shares: 100
  - date: 2025-03-04
    what_happened: gift
    acquired_disposed: D
    shares: 50
    price: 0
    security: Class B Stock
  - date: 2025-13-03
    what_happened: S
    shares: 1
""",
        encoding="utf-8",
    )
    table = read_table(path)
    sale, gift = table.events
    assert sale.where.row == "event 1 (line 9)"
    assert (sale.owner.cik, sale.owner.name, sale.issuer_ticker) == ("1234567", "Doe Jane", "ACME")
    assert (sale.security, sale.price, sale.shares) == (
        "Common Stock",
        Decimal("12.50"),
        Decimal(100),
    )
    # an event's own column wins over the default
    assert gift.where.row == "event 2 (line 12)"
    assert (gift.code, gift.acquired_disposed) == ("G", "D")
    assert (gift.security, gift.price) == ("Class B Stock", Decimal("0"))
    [problem] = table.problems
    assert str(problem).startswith(f"{path}, event 3 (line 18), column date: '2025-13-03'")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- owner_cik: 1\n  colour: red\n", r"event 1 \(line 1\): 'colour' is not a column"),
        ("defaults:\n  colour: red\nevents: []\n", r"defaults: 'colour' is not a column"),
        ("defaults: {}\n", r"a YAML table is a list of events, or a mapping"),
        ("events: []\nextra: 1\n", r"found 'extra'"),
        ("just words\n", r"a YAML table is a list of events"),
        ("- 1\n- 2\n", r"event 1 \(line 1\): an event is a mapping of column: value"),
        ("- owner_cik: [1\n", r"\(YAML\) \(line 1\)"),
    ],
)
def test_yaml_that_is_not_a_table(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(str(path)) + ".*" + message) as err:
        read_table(path)
    assert "Traceback" not in str(err.value)


# --- bad values: each at its row and column; the other rows are still read -------------------

BAD_VALUES = [
    # (changes to the good row, column named, words of the message)
    ({"date": "2025-13-03"}, "date", "'2025-13-03' is not a real calendar date"),
    ({"date": "yesterday"}, "date", "'yesterday' is not a date"),
    ({"what_happened": "Q"}, "what_happened", "'Q' is neither a transaction code"),
    ({"what_happened": "xyz"}, "what_happened", "'xyz' is neither a transaction code"),
    ({"what_happened": "exercise"}, "what_happened", "'exercise' may mean code M, O or X"),
    ({"shares": "-100"}, "shares", "-100 is negative"),
    ({"price": "-1"}, "price", "-1 is negative"),
    ({"price": "twelve"}, "price", "twelve"),
    ({"issuer_cik": "ACME"}, "issuer_cik", "'ACME' is not a CIK"),
    ({"ownership": "I"}, "nature", "the ownership is indirect"),
    ({"ownership": "sideways"}, "ownership", "'sideways' is neither D (direct) nor I"),
    ({"plan": "yes"}, "plan_adopted", "under a Rule 10b5-1 plan"),
    ({"plan": "maybe"}, "plan", "'maybe' is not a yes/no answer"),
    ({"form": "5"}, "period_of_report", "on a Form 5: give the last day of the fiscal year"),
    ({"form": "4/A"}, "form", "4/A is an amendment: make it with sec16 amend"),
    ({"form": "Form 4/A"}, "form", "4/A is an amendment"),
    ({"form": "6"}, "form", "'6' is not a form"),
    ({"form": "3"}, "what_happened", "a Form 3 reports holdings only"),
    ({"state": "Narnia"}, "state", "'NARNIA' is not a U.S. state"),
    ({"relationship": "wizard"}, "relationship", "'wizard' is not a relationship"),
    ({"relationship": "director; sorcerer"}, "relationship", "'sorcerer' is not a relationship"),
    ({"acquired_disposed": "A"}, "acquired_disposed", "says A, but what_happened ('sold')"),
    ({"acquired_disposed": "up"}, "acquired_disposed", "'up' is neither A (acquired)"),
    ({"what_happened": "J"}, "acquired_disposed", "code J does not say which way"),
    ({"table": "III"}, "table", "'III' is not a table"),
    ({"security": ""}, "security", "is empty"),
    ({"date": ""}, "date", "is empty"),
    ({"issuer_ticker": ""}, "issuer_ticker", "is empty"),
]


@pytest.mark.parametrize(("changes", "column", "words"), BAD_VALUES)
def test_bad_value_is_named_at_its_row_and_column(
    tmp_path: Path, changes: dict[str, str], column: str, words: str
) -> None:
    path = write_csv(tmp_path / "trades.csv", [row(), row(**changes), row(date="2025-03-04")])
    table = read_table(path)
    # the good rows around it are read
    assert [e.where.row for e in table.events] == ["row 2", "row 4"]
    assert table.problems, "the bad row gave no problem"
    assert all(p.where == Where(str(path), "row 3") for p in table.problems)
    texts = [str(p) for p in table.problems]
    for text in texts:
        assert text.startswith(f"{path}, row 3, column ")
        is_sentence(text)
    named = [t for t in texts if t.startswith(f"{path}, row 3, column {column}: ")]
    assert named, texts
    assert any(words in t for t in named), texts


def test_table_ii_row_without_expiration_or_underlying(tmp_path: Path) -> None:
    option = row(
        what_happened="A",
        security="Stock Option",
        price="0",
        exercise_price="10",
        date_exercisable="2026-01-01",
    )
    path = write_csv(tmp_path / "t.csv", [row(), option])
    table = read_table(path)
    assert len(table.events) == 1
    assert sorted(str(p) for p in table.problems) == [
        f"{path}, row 3, column expiration_date: is empty, on a Table II row: give it, or a "
        "footnote in expiration_note",
        f"{path}, row 3, column underlying_security: is empty, on a Table II row: give it "
        "(Common Stock)",
    ]


def test_every_problem_of_a_row_is_told(tmp_path: Path) -> None:
    bad = row(date="yesterday", what_happened="xyz", shares="-5", state="Narnia")
    path = write_csv(tmp_path / "t.csv", [bad])
    table = read_table(path)
    assert table.events == []
    assert sorted(p.column or "" for p in table.problems) == [
        "date",
        "shares",
        "state",
        "what_happened",
    ]


# --- files that are not a table ----------------------------------------------------------------


def test_unknown_column_names_the_header_its_number_and_the_known_columns(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "t.csv", [row()], [*HEADER[:2], "Colour", *HEADER[2:]])
    with pytest.raises(InputError) as err:
        read_table(path)
    text = str(err.value)
    assert text.startswith(f"{path}: row 1, column 3: 'Colour' is not a column sec16 knows")
    assert "owner_cik, owner, owner_name, relationship" in text
    assert all(column.name in text for column in COLUMNS)
    is_sentence(text)


def test_column_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("owner_cik,Owner CIK\n1,2\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=re.escape(f"{path}: row 1: column owner_cik is given twice; keep one")
    ):
        read_table(path)


def test_row_with_more_cells_than_the_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    good = ",".join(GOOD.values())
    path.write_text(f"{','.join(HEADER)}\n{good}\n{good},1,000\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=re.escape(f"{path}, row 3: the row has 12 cells and the header 10; check the sep"),
    ):
        read_table(path)


def test_trailing_empty_cells_are_not_more_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{','.join(HEADER)}\n{','.join(GOOD.values())},,\n", encoding="utf-8")
    assert only_event(read_table(path)).where.row == "row 2"


def test_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [row(owner_name="Müller Jörg")], encoding="cp1252")
    with pytest.raises(InputError, match=re.escape(f"{path}: the file is not UTF-8 text; save")):
        read_table(path)


@pytest.mark.parametrize("name", ["t.txt", "t.xls", "t", "t.json"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = write_csv(tmp_path / name, [row()])
    with pytest.raises(
        InputError, match=re.escape(f"{path}: sec16 draft-from reads a table as .csv, .xlsx or .")
    ):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".CSV"])
def test_empty_csv(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=re.escape(f"{path}: the file is empty; the first row")):
        read_table(path)


def test_csv_of_blank_lines_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(",,\n\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: row 1 holds no column names")):
        read_table(path)


def test_empty_yaml(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: ")):
        read_table(path)


@pytest.mark.parametrize("text", [",".join(HEADER) + "\n", ",".join(HEADER) + "\n\n,,,\n"])
def test_header_without_rows(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        InputError, match=re.escape(f"{path}: the table has a header but no row; add a row")
    ):
        read_table(path)


# --- the columns and read_event ------------------------------------------------------------------


def test_every_column_has_a_meaning_and_its_own_name() -> None:
    assert len({c.name for c in COLUMNS}) == len(COLUMNS)
    for column in COLUMNS:
        assert column.meaning.strip(), column.name
        assert column_name(column.name) == column.name
        assert column_name(column.name.upper().replace("_", " ")) == column.name


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Owner CIK", "owner_cik"),
        ("owner-cik", "owner_cik"),
        ("Transaction Date", "date"),
        ("A/D", "acquired_disposed"),
        ("Rule 10b5-1", "plan"),
        ("Expiration", "expiration_date"),
        ("colour", None),
        ("", None),
        (None, None),
    ],
)
def test_column_name_of_a_header(header: str | None, name: str | None) -> None:
    assert column_name(header) == name


def test_read_event_of_an_empty_row_names_each_required_column() -> None:
    where = Where("t.csv", "row 2")
    found = read_event({}, where)
    assert isinstance(found, list)
    assert all(isinstance(p, RowProblem) and p.where == where for p in found)
    required = {c.name for c in COLUMNS if c.required}
    assert required <= {p.column for p in found}
    for problem in found:
        assert str(problem).startswith(f"t.csv, row 2, column {problem.column}: is empty")


def test_read_event_takes_an_owner_key_into_the_book() -> None:
    cells: dict[str, object] = {k: v for k, v in GOOD.items() if k != "owner_cik"}
    found = read_event({**cells, "owner": "Doe Jane"}, Where("t.csv", "row 2"))
    assert isinstance(found, Event)
    assert (found.book_key, found.owner.cik) == ("Doe Jane", "")
    by_cik = read_event({**cells, "owner": "1234567"}, Where("t.csv", "row 2"))
    assert isinstance(by_cik, Event)
    assert (by_cik.book_key, by_cik.owner.cik) == (None, "1234567")
