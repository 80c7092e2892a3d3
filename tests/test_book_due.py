"""``sec16 due`` and ``sec16 late``: a book's deadlines and its late filings, on real filings.

Every book here is built in a temporary folder from copies of real filings (edited with lxml:
dates, forms, owners) and drafts imported from a real filing (edited: dates), with a book.yaml.
Every due date is computed by hand from the calendar in the test's comment; the EDGAR calendar
is the federal one (generator/checks/holiday_table.py): weekends, federal holidays with their
observed days, and full-day closings by executive order.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED
from icalendar import Calendar
from lxml import etree

from generator.cli import main

REAL = SHARED / "samples" / "real"
LINKEDIN = SHARED / "samples" / "histories" / "linkedin-hoffman"
#: A real Form 4: Apple, Deirdre O'Brien, one sale on 2025-08-08, signed 2025-08-12.
AAPL = REAL / "4" / "aapl_20250808_7bda8b4a.xml"
AAPL_OWNER, AAPL_ISSUER = "0001767094", "0000320193"


# --- building books ------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def due_json(capsys: pytest.CaptureFixture[str], book: Path, as_of: str) -> dict[str, Any]:
    status, out, err = run(capsys, "due", str(book), "--as-of", as_of, "--format", "json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def late_json(capsys: pytest.CaptureFixture[str], book: Path, year: int) -> dict[str, Any]:
    status, out, err = run(capsys, "late", str(book), "--year", str(year), "--format", "json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def by_path(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {Path(item["path"]).name: item for item in items if item["path"]}


@pytest.fixture(scope="module")
def aapl_draft(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real Apple Form 4 imported as a draft (the text, to edit)."""
    folder = tmp_path_factory.mktemp("import")
    out = folder / "aapl.yaml"
    assert main(["import", str(AAPL), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'2025-08-08'" in text and "'2025-08-12'" in text
    return text


def form4_draft(
    template: str, folder: Path, name: str, trade: str, *, deemed: str | None = None
) -> Path:
    """A Form 4 draft of the Apple sale, traded on ``trade`` (and signed that day)."""
    text = template.replace("'2025-08-08'", f"'{trade}'").replace("'2025-08-12'", f"'{trade}'")
    if deemed is not None:
        text = text.replace(
            f"  transaction_date: '{trade}'\n",
            f"  transaction_date: '{trade}'\n  deemed_execution_date: '{deemed}'\n",
        )
        assert "deemed_execution_date" in text
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def edited(
    source: Path,
    dest: Path,
    *,
    form: str | None = None,
    period: str | None = None,
    dates: dict[str, str] | None = None,
    signed: str | None = None,
    owner: str | None = None,
    issuer: str | None = None,
    original: str | None = None,
    drop_rows: tuple[int, ...] = (),
) -> Path:
    """A copy of a real filing with lxml edits: form, period, transaction dates (old -> new),
    signature date, first owner's and issuer's CIK, the original's date (an amendment) and
    transactions left out (by position, from 0)."""
    tree = etree.parse(str(source))
    root = tree.getroot()

    def put(path: str, text: str) -> None:
        found = root.find(path)
        assert found is not None, path
        found.text = text

    if form is not None:
        put("documentType", form)
        if not form.endswith("/A"):
            for element in root.findall("dateOfOriginalSubmission"):
                root.remove(element)
    if period is not None:
        put("periodOfReport", period)
    for value in root.iterfind(".//transactionDate/value"):
        if dates and value.text in dates:
            value.text = dates[value.text]
    if signed is not None:
        for element in root.iterfind("ownerSignature/signatureDate"):
            element.text = signed
    if owner is not None:
        put("reportingOwner/reportingOwnerId/rptOwnerCik", owner)
    if issuer is not None:
        put("issuer/issuerCik", issuer)
    if original is not None:
        found = root.find("dateOfOriginalSubmission")
        if found is None:
            found = etree.Element("dateOfOriginalSubmission")
            period_element = root.find("periodOfReport")
            assert period_element is not None
            period_element.addnext(found)
        found.text = original
    rows = [r for r in root.iter("nonDerivativeTransaction", "derivativeTransaction")]
    for index in sorted(drop_rows, reverse=True):
        row = rows[index]
        parent = row.getparent()
        assert parent is not None
        parent.remove(row)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tree.write(str(dest), xml_declaration=True, encoding="utf-8")
    return dest


# --- sec16 due: Form 4 ---------------------------------------------------------------------------


def test_form4_due_dates_around_holidays(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two business days after the trade, counted on EDGAR's calendar."""
    # Wednesday 2025-12-24 (itself a day the government was closed by executive order):
    # Thu 12-25 Christmas, Fri 12-26 closed by the executive order of December 2025, Sat 12-27
    # and Sun 12-28 weekend; Mon 12-29 is the 1st business day after, Tue 12-30 the 2nd.
    form4_draft(aapl_draft, tmp_path, "christmas.yaml", "2025-12-24")
    # Wednesday 2025-11-26: Thu 11-27 Thanksgiving; Fri 11-28 (a business day: the day after
    # Thanksgiving is no holiday) is the 1st; Sat, Sun; Mon 12-01 the 2nd.
    form4_draft(aapl_draft, tmp_path, "thanksgiving.yaml", "2025-11-26")
    # Wednesday 2026-07-01: Thu 07-02 the 1st; July 4, 2026 is a Saturday, observed on Fri
    # 07-03 (closed); Sat, Sun; Mon 07-06 the 2nd.
    form4_draft(aapl_draft, tmp_path, "july4-saturday.yaml", "2026-07-01")
    # Thursday 2021-07-01: Fri 07-02 the 1st; Sat, Sun; July 4, 2021 is a Sunday, observed on
    # Mon 07-05 (closed); Tue 07-06 the 2nd.
    form4_draft(aapl_draft, tmp_path, "july4-sunday.yaml", "2021-07-01")
    # Friday 2025-02-28: Mon 03-03 the 1st, Tue 03-04 the 2nd.
    form4_draft(aapl_draft, tmp_path, "plain.yaml", "2025-02-28")

    data = due_json(capsys, tmp_path, "2025-01-02")
    items = by_path(data["items"])
    expected = {
        "christmas.yaml": "2025-12-30",
        "thanksgiving.yaml": "2025-12-01",
        "july4-saturday.yaml": "2026-07-06",
        "july4-sunday.yaml": "2021-07-06",
        "plain.yaml": "2025-03-04",
    }
    assert {name: item["due"] for name, item in items.items()} == expected
    christmas = items["christmas.yaml"]
    assert christmas["form"] == "4"
    assert christmas["why"] == "two business days after the transaction executed on 12/24/2025"
    assert christmas["owners"] == [{"cik": AAPL_OWNER, "name": "O'BRIEN DEIRDRE"}]
    assert christmas["issuer"] == {"cik": AAPL_ISSUER, "name": "Apple Inc."}
    assert christmas["source"].startswith("draft ") and christmas["rule"].startswith("Exchange")
    # As of 01/02/2025 the 2021 draft is long overdue and comes first; its fiscal year has
    # ended without a Form 4, so the Form 5 for 2021 had to report the sale: 12/31/2021 + 45
    # days = Mon 02/14/2022 (Presidents' Day was 02/21). Then the others, due later.
    assert [(i["form"], i["due"], i["status"]) for i in data["items"][:2]] == [
        ("4", "2021-07-06", "overdue"),
        ("5", "2022-02-14", "overdue"),
    ]
    assert [(d["code"], d["date"]) for d in data["items"][1]["deferred"]] == [("S", "2021-07-01")]
    assert [i["status"] for i in data["items"][2:]] == ["due"] * 4
    # 01/02/2025 (Thu) to 03/04/2025: January has 21 business days after the 2nd but two
    # holidays (01-09, the national day of mourning, and 01-20), so 19; February 19 (02-17 is
    # a holiday); March 2: 40 business days in all.
    assert items["plain.yaml"]["business_days"] == 40
    assert items["plain.yaml"]["status_text"] == "due in 40 business days"


def test_overdue_first_and_how_late_a_filing_now_would_be(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Trade Tue 2025-12-02 -> due Thu 12-04; trade Mon 2025-12-08 -> due Wed 12-10.
    form4_draft(aapl_draft, tmp_path, "later.yaml", "2025-12-08")
    form4_draft(aapl_draft, tmp_path, "earlier.yaml", "2025-12-02")
    # As of Tue 12-09 at noon: the first is 3 business days late (12-05, 12-08, 12-09), the
    # second due in 1 business day.
    data = due_json(capsys, tmp_path, "2025-12-09T12:00")
    first, second = data["items"]
    assert Path(first["path"]).name == "earlier.yaml"
    assert (first["status"], first["business_days"]) == ("overdue", 3)
    assert first["status_text"] == "overdue by 3 business days"
    assert "it is 3 business day(s) late" in first["if_filed_at_as_of"]
    assert (second["status"], second["business_days"]) == ("due", 1)
    assert data["overdue"] == 1
    status, out, _ = run(capsys, "due", str(tmp_path), "--as-of", "2025-12-09T12:00")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Due as of 12/09/2025 12:00 Eastern time: 2 items, 1 overdue."
    assert lines[2] == "OVERDUE BY 3 BUSINESS DAYS: Form 4 due Thu 12/04/2025"
    assert "O'BRIEN DEIRDRE (CIK 0001767094), in Apple Inc. (CIK 0000320193)" in out
    assert "DUE IN 1 BUSINESS DAY: Form 4 due Wed 12/10/2025" in out


@pytest.mark.parametrize(
    ("as_of", "status", "days"),
    [
        ("2025-03-04T21:59", "due today", 0),
        # "on or before 10 p.m.": 22:00 itself is still that day (Regulation S-T 13(a)(4))
        ("2025-03-04T22:00", "due today", 0),
        # after 10 p.m. a submission is filed on the next business day, Wed 03-05: one late
        ("2025-03-04T22:30", "overdue", 1),
        # the same moment given in UTC (03:30Z on 03-05 is 22:30 EST on 03-04)
        ("2025-03-05T03:30+00:00", "overdue", 1),
        ("2025-03-04", "due today", 0),
    ],
)
def test_the_ten_pm_rule(
    tmp_path: Path,
    aapl_draft: str,
    capsys: pytest.CaptureFixture[str],
    as_of: str,
    status: str,
    days: int,
) -> None:
    # Trade Fri 2025-02-28: due Tue 2025-03-04 (see above).
    form4_draft(aapl_draft, tmp_path, "sale.yaml", "2025-02-28")
    (item,) = due_json(capsys, tmp_path, as_of)["items"]
    assert item["due"] == "2025-03-04"
    assert (item["status"], item["business_days"]) == (status, days)
    if days:
        assert "10 p.m. Eastern" in item["if_filed_at_as_of"]
        assert "03/05/2025" in item["if_filed_at_as_of"]


def test_a_deemed_execution_date_starts_the_count(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Executed Mon 2025-03-03, deemed executed Wed 03-05 (Rule 16a-3(g)(2)): Thu 03-06 the 1st,
    # Fri 03-07 the 2nd business day after the deemed date, not Wed 03-05 after the trade.
    form4_draft(aapl_draft, tmp_path, "plan.yaml", "2025-03-03", deemed="2025-03-05")
    (item,) = due_json(capsys, tmp_path, "2025-03-03")["items"]
    assert item["due"] == "2025-03-07"
    assert item["why"] == "two business days after the transaction deemed executed on 03/05/2025"
    assert "(g)(2)" in item["rule"]


def test_a_draft_already_filed_is_not_due(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The draft of the real Apple filing, beside the filing itself: nothing is due."""
    form4_draft(aapl_draft, tmp_path / "drafts", "aapl.yaml", "2025-08-08")
    shutil.copy(AAPL, tmp_path / "filed.xml")
    data = due_json(capsys, tmp_path, "2025-08-09")
    assert data["items"] == []
    assert [(Path(f["draft"]).name, Path(f["filing"]).name) for f in data["filed"]] == [
        ("aapl.yaml", "filed.xml")
    ]
    # A draft of another trade of the same owner is not that filing: it is due.
    form4_draft(aapl_draft, tmp_path / "drafts", "next.yaml", "2025-08-11")
    (item,) = due_json(capsys, tmp_path, "2025-08-11")["items"]
    # Mon 2025-08-11: Tue 08-12, Wed 08-13.
    assert (Path(item["path"]).name, item["due"]) == ("next.yaml", "2025-08-13")


# --- sec16 due: Form 3 ---------------------------------------------------------------------------

#: A real Form 3: issuer CIK 0001362481, owner CIK 0001828606, date of event 10/06/2020.
FORM3 = REAL / "3" / "agd_20201006_4580a36c.xml"


def test_form3_ten_days_after_becoming_an_insider(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "book.yaml").write_text(
        "insiders:\n"
        # Sat 2025-11-01 + 10 days = Tue 11-11, Veterans Day: the next business day, Wed 11-12
        # (Rule 0-3(a)).
        '  - {cik: "1001", issuer: "2002", name: Veteran Vera, since: 2025-11-01}\n'
        # Wed 2025-12-17 + 10 days = Sat 12-27: the next business day is Mon 12-29.
        '  - {cik: "1003", issuer: "2002", name: Weekend Walt, since: 2025-12-17}\n'
        # Fri 2025-06-20 + 10 days = Mon 06-30, a business day: due that day.
        '  - {cik: "1004", issuer: "2002", since: 2025-06-20}\n'
        # The owner of the real Form 3 of 10/06/2020, an insider again since 2025-09-02: the
        # old Form 3 does not cover it. Tue 09-02 + 10 days = Fri 09-12.
        '  - {cik: "1828606", issuer: "1362481", since: 2025-09-02}\n'
        # An insider whose Form 3 is in the book, filed after the event: nothing is due.
        '  - {cik: "1005", issuer: "2002", since: 2025-10-01}\n'
        # No since: the book cannot tell when a Form 3 was due.
        '  - {cik: "1006", issuer: "2002"}\n',
        encoding="utf-8",
    )
    shutil.copy(FORM3, tmp_path / "old-form3.xml")
    edited(
        FORM3,
        tmp_path / "form3-1005.xml",
        owner="0000001005",
        issuer="0000002002",
        period="2025-10-01",
        signed="2025-10-08",
    )
    data = due_json(capsys, tmp_path, "2025-09-01")
    due = {item["owners"][0]["cik"]: item["due"] for item in data["items"]}
    assert due == {
        "0000001001": "2025-11-12",
        "0000001003": "2025-12-29",
        "0000001004": "2025-06-30",
        "0001828606": "2025-09-12",
    }
    vera = next(i for i in data["items"] if i["owners"][0]["cik"] == "0000001001")
    assert vera["form"] == "3"
    assert vera["owners"][0]["name"] == "Veteran Vera"
    assert vera["why"] == "10 days after the event of 11/01/2025 that made the owner an insider"
    assert vera["source"].startswith("book.yaml: an insider since 11/01/2025")
    assert Path(vera["path"]).name == "book.yaml"
    # As of Mon 09/01/2025 the June one is overdue and comes first. 09/01 is Labor Day: a
    # filing that day is deemed filed Tue 09/02, 44 business days after 06/30 (July: 23
    # weekdays less July 4, 22; August: 21; then 09/02).
    first = data["items"][0]
    assert first["owners"][0]["cik"] == "0000001004" and first["status"] == "overdue"
    assert first["business_days"] == 44


# --- sec16 due: Form 5 ---------------------------------------------------------------------------


def test_form5_45_days_after_the_fiscal_year_end_for_each_insider(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real LinkedIn history (Hoffman and his trust), with LinkedIn's fiscal year in
    book.yaml: as of 01/10/2013 each owes a Form 5 for 2012 only if something is left to
    report, and nothing is: the gifts marked for Form 5 were reported early on Form 4s."""
    for path in LINKEDIN.glob("*.xml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "book.yaml").write_text(
        'issuers:\n  - {cik: "1271024", name: LinkedIn Corp, fiscal_year_end: "12-31"}\n',
        encoding="utf-8",
    )
    data = due_json(capsys, tmp_path, "2013-01-10")
    # 12/31/2012 + 45 days = Thu 02/14/2013, a business day.
    assert [(i["form"], i["owners"][0]["cik"], i["due"]) for i in data["items"]] == [
        ("5", "0001519339", "2013-02-14"),
        ("5", "0001521103", "2013-02-14"),
    ]
    item = data["items"][0]
    assert item["required"] is False and item["deferred"] == []
    assert item["issuer"]["name"] == "LinkedIn Corp"
    assert item["why"] == "45 days after the fiscal year ended 12/31/2012"
    assert "Rule 16a-3(f)(1)" in item["notes"][0]
    # After the deadline, a Form 5 with nothing known to report is no longer listed.
    assert due_json(capsys, tmp_path, "2013-02-15")["items"] == []


def test_form5_with_the_transactions_it_must_report(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # A fiscal year ending June 30: 06/30/2025 + 45 days = Thu 08/14/2025.
    (tmp_path / "book.yaml").write_text(
        f'issuers:\n  - {{cik: "{AAPL_ISSUER}", fiscal_year_end: "06-30"}}\n'
        f'insiders:\n  - {{cik: "{AAPL_OWNER}", issuer: "{AAPL_ISSUER}", since: 2020-01-06}}\n',
        encoding="utf-8",
    )
    # A Form 4 draft of 05/05/2025 (overdue) whose sale also carries a gift received, marked
    # for Form 5; and the real Apple Form 4 (filed) with a gift received marked for Form 5,
    # reported early: that one is not owed again.
    draft = form4_draft(aapl_draft, tmp_path, "may.yaml", "2025-05-05")
    text = draft.read_text(encoding="utf-8")
    gift = (
        "- kind: transaction\n  transaction_date: '2025-05-01'\n  form_type: '5'\n  code: G\n"
        "  equity_swap: false\n  price: '0'\n  security: Common Stock\n"
        "  owned_following: '137687'\n  ownership: D\n  shares: '1000'\n"
        "  acquired_disposed: A\ntable_2: []\n"
    )
    draft.write_text(text.replace("table_2: []\n", gift), encoding="utf-8")
    data = due_json(capsys, tmp_path, "2025-07-15")
    forms = {(i["form"], i["due"]) for i in data["items"]}
    # Mon 2025-05-05: the Form 4 was due Wed 05-07. And the book holds no Form 3 of this
    # insider since Mon 01/06/2020: it was due Thu 01/16/2020.
    assert forms == {("3", "2020-01-16"), ("4", "2025-05-07"), ("5", "2025-08-14")}
    form5 = next(i for i in data["items"] if i["form"] == "5")
    assert form5["required"] is True
    assert form5["why"] == "45 days after the fiscal year ended 06/30/2025"
    reasons = {(d["code"], d["date"]): d["reason"] for d in form5["deferred"]}
    # The gift, marked for Form 5; and the sale, whose Form 4 is overdue: a Form 5 must
    # report it if no Form 4 does first (Rule 16a-3(f)(1)).
    assert set(reasons) == {("G", "2025-05-01"), ("S", "2025-05-05")}
    assert "transactionFormType 5" in reasons[("G", "2025-05-01")]
    assert "Rule 16a-3(f)(1)" in reasons[("S", "2025-05-05")]
    # Filing the Form 4 (the draft's own XML in the book) settles both.
    edited(
        AAPL,
        tmp_path / "filed" / "may.xml",
        period="2025-05-05",
        dates={"2025-08-08": "2025-05-05"},
        signed="2025-05-06",
    )
    built = tmp_path / "filed" / "may.xml"
    # the gift row too: the filing holds what the draft holds
    tree = etree.parse(str(built))
    table = tree.getroot().find("nonDerivativeTable")
    assert table is not None
    row = etree.fromstring(
        "<nonDerivativeTransaction><securityTitle><value>Common Stock</value></securityTitle>"
        "<transactionDate><value>2025-05-01</value></transactionDate><transactionCoding>"
        "<transactionFormType>5</transactionFormType><transactionCode>G</transactionCode>"
        "<equitySwapInvolved>0</equitySwapInvolved></transactionCoding><transactionAmounts>"
        "<transactionShares><value>1000</value></transactionShares><transactionPricePerShare>"
        "<value>0</value></transactionPricePerShare><transactionAcquiredDisposedCode><value>A"
        "</value></transactionAcquiredDisposedCode></transactionAmounts><postTransactionAmounts>"
        "<sharesOwnedFollowingTransaction><value>137687</value></sharesOwnedFollowingTransaction>"
        "</postTransactionAmounts><ownershipNature><directOrIndirectOwnership><value>D</value>"
        "</directOrIndirectOwnership></ownershipNature></nonDerivativeTransaction>"
    )
    table.append(row)
    tree.write(str(built), xml_declaration=True, encoding="utf-8")
    data = due_json(capsys, tmp_path, "2025-07-15")
    form3, form5 = data["items"]
    assert form3["form"] == "3"
    assert (form5["form"], form5["required"], form5["deferred"]) == ("5", False, [])


def test_form5_draft_of_a_real_form5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real Form 5 (a gift received on 11/11/2019, reported for the year 2019) as a draft:
    due 02/14/2020 (12/31/2019 + 45 days, a Friday), with that gift to report; once the filing
    is in the book, nothing is due."""
    real = REAL / "5" / "aasp_20191231_bcff0775.xml"
    assert main(["import", str(real), "-o", str(tmp_path / "form5.yaml")]) == 0
    capsys.readouterr()
    (item,) = due_json(capsys, tmp_path, "2020-01-06")["items"]
    assert (item["form"], item["due"], item["required"]) == ("5", "2020-02-14", True)
    assert [(d["code"], d["date"]) for d in item["deferred"]] == [("G", "2019-11-11")]
    # Issuer 930245 is not in book.yaml: December 31 is assumed, and said.
    assert any("December 31 is assumed" in note for note in item["notes"])
    shutil.copy(real, tmp_path / "filed.xml")
    data = due_json(capsys, tmp_path, "2020-01-06")
    assert data["items"] == [] and len(data["filed"]) == 1


# --- sec16 due --format ics ----------------------------------------------------------------------


def test_ics_parses_and_holds_the_due_dates(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    form4_draft(aapl_draft, tmp_path, "christmas.yaml", "2025-12-24")
    form4_draft(aapl_draft, tmp_path, "thanksgiving.yaml", "2025-11-26")
    (tmp_path / "book.yaml").write_text(
        '\ninsiders:\n  - {cik: "1001", issuer: "2002", name: Veteran Vera, since: 2025-11-01}\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "due", str(tmp_path), "--as-of", "2025-11-20", "--format", "ics")
    assert status == 0, err
    calendar = Calendar.from_ical(out)
    events = list(calendar.walk("VEVENT"))
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts == [date(2025, 11, 12), date(2025, 12, 1), date(2025, 12, 30)]
    assert all(type(event.decoded("dtstart")) is date for event in events)  # all-day events
    by_start = {event.decoded("dtstart"): event for event in events}
    christmas = by_start[date(2025, 12, 30)]
    assert str(christmas["summary"]) == "Form 4 due: O'BRIEN DEIRDRE in Apple Inc."
    assert "two business days after the transaction executed on 12/24/2025" in str(
        christmas["description"]
    )
    assert christmas.decoded("dtend") == date(2025, 12, 31)
    vera = by_start[date(2025, 11, 12)]
    # Vera's Form 3 was due Wed 11/12; as of Thu 11/20: 11-13, 14, 17, 18, 19, 20.
    assert "overdue by 6 business days" in str(vera["description"])
    assert calendar["version"] == "2.0" and "sec16" in str(calendar["prodid"])
    # The UID depends on owner, issuer, form and due date only: the same on another day.
    uids = {str(event["uid"]) for event in events}
    assert len(uids) == 3
    _, again, _ = run(capsys, "due", str(tmp_path), "--as-of", "2025-11-21", "--format", "ics")
    assert {str(e["uid"]) for e in Calendar.from_ical(again).walk("VEVENT")} == uids


# --- sec16 late ----------------------------------------------------------------------------------


def test_late_on_the_real_linkedin_history(capsys: pytest.CaptureFixture[str]) -> None:
    data = late_json(capsys, LINKEDIN, 2012)
    # Eleven filings signed in 2012 (02/29 ... 12/19), their dates assumed from the signatures.
    assert data["filings_examined"] == 11
    assert data["filing_dates"] == {"signature (assumed)": 11}
    assert [
        (i["owner"]["cik"], i["late_reports"], i["late_transactions"]) for i in data["insiders"]
    ] == [("0001519339", 0, 0), ("0001521103", 0, 0)]
    filings = {Path(f["path"]).name: f for f in data["insiders"][0]["filings"]}
    assert len(filings) == 11
    # lnkd_20120702: trades Mon 07/02/2012; Tue 07-03 the 1st business day, Wed 07-04
    # Independence Day, Thu 07-05 the 2nd: due 07/05; signed Tue 07/03, in time.
    july = filings["lnkd_20120702_f5f20a2a.xml"]
    assert (july["due"], july["filed"], july["late"]) == ("2012-07-05", "2012-07-03", False)
    assert july["filed_how"] == "signature (assumed)"
    # lnkd_20120227: trades Mon 02/27/2012; due Wed 02/29 (a leap day); signed that day.
    leap = filings["lnkd_20120227_acf76cca.xml"]
    assert (leap["due"], leap["filed"], leap["business_days_late"]) == (
        "2012-02-29",
        "2012-02-29",
        0,
    )
    # lnkd_20120402 also reports, early, a conversion and a gift of 03/27/2012 marked for
    # Form 5: they have no Form 4 deadline, so they are not late although 03/29 had passed.
    april = filings["lnkd_20120402_79610a89.xml"]
    assert (april["due"], april["late"], april["transactions_not_on_time"]) == (
        "2012-04-04",
        False,
        [],
    )
    assert any("assumed from the last signature date" in note for note in data["notes"])
    status, out, _ = run(capsys, "late", str(LINKEDIN), "--year", "2012")
    assert status == 0
    assert "Filing dates: 11 assumed from the last signature date." in out
    assert "Hoffman Reid: every filing of the year in the book was made on time." in out


def test_late_form4_and_where_the_filing_date_comes_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = LINKEDIN / "lnkd_20120601_9beb2c1c.xml"
    # Trades Fri 06/01/2012: due Tue 06/05 (Mon 06-04, Tue 06-05). Signed Thu 06/07: two
    # business days late (06-06, 06-07), and its five Form 4 transactions with it.
    edited(source, tmp_path / "signed" / "late.xml", signed="2012-06-07")
    data = late_json(capsys, tmp_path / "signed", 2012)
    hoffman = data["insiders"][0]
    assert (hoffman["late_reports"], hoffman["late_transactions"]) == (1, 5)
    (filing,) = hoffman["filings"]
    assert (filing["due"], filing["filed"], filing["business_days_late"]) == (
        "2012-06-05",
        "2012-06-07",
        2,
    )
    assert filing["filed_how"] == "signature (assumed)"
    assert {t["due"] for t in filing["transactions_not_on_time"]} == {"2012-06-05"}
    assert hoffman["sentence"] == (
        "Hoffman Reid filed 1 late report (1 Form 4) covering 5 transactions not reported on "
        "a timely basis."
    )
    # book.yaml says it was filed Wed 06/06: one business day late.
    (tmp_path / "yaml").mkdir()
    shutil.copy(source, tmp_path / "yaml" / "f.xml")
    (tmp_path / "yaml" / "book.yaml").write_text("filed:\n  f.xml: 2012-06-06\n")
    (filing,) = late_json(capsys, tmp_path / "yaml", 2012)["insiders"][0]["filings"]
    assert (filing["filed_how"], filing["business_days_late"]) == ("book.yaml", 1)
    # An EDGAR .txt submission: the header's date (Fri 06/08: three business days late).
    xml = source.read_text(encoding="utf-8")
    txt = tmp_path / "txt" / "0001.txt"
    txt.parent.mkdir()
    txt.write_text(
        "<SEC-DOCUMENT>0001181431-12-000001.txt : 20120608\n<SEC-HEADER>\n"
        "ACCEPTANCE-DATETIME:20120608160501\nCONFORMED SUBMISSION TYPE:\t4\n"
        "FILED AS OF DATE:\t\t20120608\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
        f"{xml}\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n",
        encoding="utf-8",
    )
    (filing,) = late_json(capsys, txt.parent, 2012)["insiders"][0]["filings"]
    assert (filing["filed_how"], filing["filed"], filing["business_days_late"]) == (
        "header",
        "2012-06-08",
        3,
    )
    status, out, _ = run(capsys, "late", str(tmp_path / "yaml"), "--year", "2012")
    assert status == 0
    assert "filed Wed 06/06/2012 (book.yaml (filed:)), 1 business day late" in out


def test_late_form3_signed_on_a_holiday(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real Form 3: event Wed 10/16/2019 + 10 days = Sat 10/26, so due Mon 10/28. Signed on
    Mon 11/11/2019, Veterans Day, it is deemed filed Tue 11/12: ten business days late (Oct 29,
    30, 31, Nov 1, 4-8, 12)."""
    shutil.copy(REAL / "3" / "none_20191016_294a8fd2.xml", tmp_path)
    data = late_json(capsys, tmp_path, 2019)
    (insider,) = data["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (1, 0)
    (filing,) = insider["filings"]
    assert (filing["due"], filing["filed"], filing["business_days_late"]) == (
        "2019-10-28",
        "2019-11-12",
        10,
    )


def test_late_form5s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Filed in time (signed Thu 02/13/2020; due Fri 02/14) but its four purchases are marked
    # transactionFormType 4: they belonged on Form 4s, so it is a late report of 4 transactions.
    shutil.copy(REAL / "5" / "hbb_20191231_db9973e6.xml", tmp_path)
    # Signed Thu 04/30/2020, 53 business days after 02/14 (Feb 18-21, 24-28: 9; March: 22;
    # April: 22; 02/17 Presidents' Day): late, with both its transactions.
    shutil.copy(REAL / "5" / "mcoa_20191231_7eb2d4f3.xml", tmp_path)
    data = late_json(capsys, tmp_path, 2020)
    people = {i["owner"]["name"]: i for i in data["insiders"]}
    jerome = people["JEROME JENNIFER T"]
    assert (jerome["late_reports"], jerome["late_transactions"]) == (1, 4)
    (filing,) = jerome["filings"]
    assert (filing["due"], filing["business_days_late"]) == ("2020-02-14", 0)
    assert all("transactionFormType 4" in t["reason"] for t in filing["transactions_not_on_time"])
    quintero = people["Quintero Jesus"]
    assert (quintero["late_reports"], quintero["late_transactions"]) == (1, 2)
    assert quintero["filings"][0]["business_days_late"] == 53


def test_form5_codes_that_belong_on_form4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real Form 5: a gift made (G, disposed) on 12/13/2019, filed Thu 01/09/2020: gifts could
    # then wait for the Form 5 (due Fri 02/14/2020): on time.
    gift = REAL / "5" / "wso-wsob_20191231_93f6d41a.xml"
    shutil.copy(gift, tmp_path)
    (insider,) = late_json(capsys, tmp_path, 2020)["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (0, 0)
    # The same gift made on 12/13/2023 and reported on the Form 5 for 2023, signed Tue
    # 01/09/2024: since 02/27/2023 a gift made goes on a Form 4 within two business days
    # (Rule 16a-3(g)(1)); due Fri 12/15/2023.
    moved = tmp_path / "2023"
    edited(
        gift,
        moved / "gift.xml",
        period="2023-12-31",
        dates={"2019-12-13": "2023-12-13"},
        signed="2024-01-09",
    )
    (insider,) = late_json(capsys, moved, 2024)["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (1, 1)
    (late,) = insider["filings"][0]["transactions_not_on_time"]
    assert (late["code"], late["due"]) == ("G", "2023-12-15")
    assert "Release 33-11138" in late["reason"]
    # A real Form 5 reporting a purchase of 3 shares at $70.27 marked for Form 5: perhaps a
    # small acquisition (Rule 16a-6), perhaps a late Form 4: listed to check, not counted.
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(REAL / "5" / "wrb_20191231_96b0f6c5.xml", small)
    (insider,) = late_json(capsys, small, 2020)["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (0, 0)
    (check,) = insider["filings"][0]["transactions_to_check"]
    assert (check["code"], check["shares"], check["price"]) == ("P", "3", "70.27")
    assert "$210.81" in check["reason"] and "Rule 16a-6" in check["reason"]
    # The same row as a sale (code S): never deferred to a Form 5, so late, counted.
    sold = tmp_path / "sold"
    edited(REAL / "5" / "wrb_20191231_96b0f6c5.xml", sold / "sale.xml")
    tree = etree.parse(str(sold / "sale.xml"))
    for code in tree.getroot().iter("transactionCode"):
        code.text = "S"
    tree.write(str(sold / "sale.xml"), xml_declaration=True, encoding="utf-8")
    (insider,) = late_json(capsys, sold, 2020)["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (1, 1)
    (late,) = insider["filings"][0]["transactions_not_on_time"]
    # Wed 12/11/2019: due Fri 12/13.
    assert late["due"] == "2019-12-13" and "code S" in late["reason"]


def test_an_amendment_is_late_only_for_what_the_original_omitted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real Lam Research 4/A of 12/10/2024 (two gift rows of 11/04/2024; the original of
    11/04/2024)."""
    amendment = REAL / "4A" / "lrcx_20241104_90eac724.xml"
    # Without its original in the book, what it adds cannot be told: not counted, and said.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(amendment, alone)
    data = late_json(capsys, alone, 2024)
    (insider,) = data["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (0, 0)
    assert any("is not in the book" in note for note in data["notes"])
    # The original reported both rows in time: the amendment corrects, it is not late.
    both = tmp_path / "both"
    shutil.copytree(alone, both)
    edited(amendment, both / "original.xml", form="4", signed="2024-11-04")
    data = late_json(capsys, both, 2024)
    assert (data["insiders"][0]["late_reports"], data["insiders"][0]["late_transactions"]) == (
        0,
        0,
    )
    # The original left out the second row (the shares received by the trust): the amendment
    # reports that transaction of Mon 11/04/2024, due Wed 11/06, on 12/10: one late report of
    # one transaction; the original itself was in time.
    omitted = tmp_path / "omitted"
    shutil.copytree(alone, omitted)
    edited(amendment, omitted / "original.xml", form="4", signed="2024-11-04", drop_rows=(1,))
    data = late_json(capsys, omitted, 2024)
    (insider,) = data["insiders"]
    assert (insider["late_reports"], insider["late_transactions"]) == (1, 1)
    late = next(f for f in insider["filings"] if f["late"])
    assert late["form"] == "4/A"
    (transaction,) = late["transactions_not_on_time"]
    assert (transaction["acquired_disposed"], transaction["due"]) == ("A", "2024-11-06")


def test_late_lists_known_failures_to_file(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Form 4 draft of 2021 never filed: a known failure to file in 2021's report."""
    form4_draft(aapl_draft, tmp_path, "forgotten.yaml", "2021-07-01")
    data = late_json(capsys, tmp_path, 2021)
    (insider,) = data["insiders"]
    assert insider["late_reports"] == 0
    (failure,) = insider["known_failures_to_file"]
    assert failure.startswith("Form 4 due 07/06/2021")


# --- bad input -----------------------------------------------------------------------------------


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["due", str(tmp_path / "nowhere")], ["late", "nowhere", "--year", "2024"]):
        status, out, err = run(capsys, *argv)
        assert status == 2 and out == ""
        assert "nowhere: no such file or folder" in err


def test_a_file_that_is_not_a_filing_is_a_warning(
    tmp_path: Path, aapl_draft: str, capsys: pytest.CaptureFixture[str]
) -> None:
    form4_draft(aapl_draft, tmp_path, "sale.yaml", "2025-02-28")
    (tmp_path / "notes.txt").write_text("call the broker on Monday\n", encoding="utf-8")
    (tmp_path / "other.xml").write_text("<invoice><total>12</total></invoice>\n")
    status, out, err = run(capsys, "due", str(tmp_path), "--as-of", "2025-03-03")
    assert status == 0
    assert "1 item, 0 overdue" in out
    warnings = [line for line in err.splitlines() if line.startswith("sec16: warning:")]
    assert len(warnings) == 2
    assert any("notes.txt is not a filing or a draft" in line for line in warnings)
    assert any("other.xml is not a filing or a draft" in line for line in warnings)
    status, out, err = run(capsys, "due", str(tmp_path), "--as-of", "2025-03-03", "--format", "ics")
    assert status == 0 and "notes.txt" in err and "notes.txt" not in out
    assert len(list(Calendar.from_ical(out).walk("VEVENT"))) == 1


def test_a_broken_book_yaml_names_file_key_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "book.yaml").write_text(
        'issuers:\n  - cik: "1271024"\n    fiscal_year_end: "12-32"\n', encoding="utf-8"
    )
    for argv in (["due", str(tmp_path)], ["late", str(tmp_path), "--year", "2024"]):
        status, out, err = run(capsys, *argv)
        assert status == 1 and out == ""
        assert "book.yaml" in err
        assert "issuers[1].fiscal_year_end (line 3)" in err


def test_late_refuses_a_year_outside_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "late", str(tmp_path), "--year", "0")
    assert status == 2 and "--year 0" in err
