"""The insider's book (issue 18): holdings rolled forward, and ``holdings --check``.

Real inputs: the LinkedIn/Reid Hoffman history (a Form 3 and 22 Form 4s of a joint filing) and
synthetic histories made by copying real filings (an Apple Form 4, a W. R. Berkley Form 5) and
editing their rows with lxml. Expectations are computed here from the XML with lxml, not with the
code under test. The command line is driven through ``generator.cli.main``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from generator.book.holdings import (
    HoldingKey,
    discontinuities,
    holding_key,
    holdings,
)
from generator.book.sources import BookRow, read_book
from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
HISTORY = SHARED / "samples" / "histories" / "linkedin-hoffman"
EXAMPLES = REPO / "examples"
FORM4 = SHARED / "samples" / "real" / "4" / "aapl_20250808_7bda8b4a.xml"  # one owner, direct
FORM5 = SHARED / "samples" / "real" / "5" / "wrb_20191231_96b0f6c5.xml"
HOFFMAN, TRUST, LINKEDIN = "0001519339", "0001521103", "0001271024"
OWNER, APPLE = "0001767094", "0000320193"  # the Apple Form 4's owner and issuer


def run(args: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


# --- what the history's XML says, read here with lxml ---------------------------------------------


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def last_table_one_figures(folder: Path) -> dict[tuple[str, str, str, str], tuple[str, str]]:
    """(owner, security, D/I, nature) -> (the figure of the last filing that reports it, file),
    the filings taken in the order of their period of report and, within a filing, the last row."""
    found: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    documents = [etree.parse(str(p)).getroot() for p in sorted(folder.glob("*.xml"))]
    paths = sorted(folder.glob("*.xml"))
    ordered = sorted(
        zip(documents, paths, strict=True), key=lambda d: d[0].findtext("periodOfReport")
    )
    for root, path in ordered:
        owners = [
            o.strip() for o in root.xpath("reportingOwner/reportingOwnerId/rptOwnerCik/text()")
        ]
        for row in root.iterfind("nonDerivativeTable/*"):
            figure = row.findtext("postTransactionAmounts/sharesOwnedFollowingTransaction/value")
            if figure is None:
                continue
            held = (
                _norm(row.findtext("securityTitle/value")),
                row.findtext("ownershipNature/directOrIndirectOwnership/value", "").strip(),
                _norm(row.findtext("ownershipNature/natureOfOwnership/value")),
            )
            for owner in owners:
                found[(owner, *held)] = (figure.strip(), path.name)
    return found


# --- synthetic filings: real ones copied and edited -----------------------------------------------


@dataclass
class Row:
    """A row to write into a copied filing."""

    day: str
    following: str
    code: str = ""
    shares: str = ""
    direction: str = ""
    form_type: str = "4"
    ownership: str = "D"
    nature: str = ""
    security: str = "Common Stock"
    note: str = ""  # a footnote on the owned-following figure
    holder: str = ""  # a footnote on the nature of ownership (who holds it)

    @property
    def transaction(self) -> bool:
        return bool(self.code)


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        etree.SubElement(element, "value").text = text
    return element


def _row(row: Row, footnotes: list[tuple[str, str]]) -> etree._Element:
    kind = "nonDerivativeTransaction" if row.transaction else "nonDerivativeHolding"
    element = etree.Element(kind)
    _sub(element, "securityTitle", row.security)
    if row.transaction:
        _sub(element, "transactionDate", row.day)
        coding = etree.SubElement(element, "transactionCoding")
        etree.SubElement(coding, "transactionFormType").text = row.form_type
        etree.SubElement(coding, "transactionCode").text = row.code
        etree.SubElement(coding, "equitySwapInvolved").text = "0"
        amounts = etree.SubElement(element, "transactionAmounts")
        _sub(amounts, "transactionShares", row.shares)
        _sub(amounts, "transactionPricePerShare", "10.00")
        _sub(amounts, "transactionAcquiredDisposedCode", row.direction)
    post = etree.SubElement(element, "postTransactionAmounts")
    figure = _sub(post, "sharesOwnedFollowingTransaction", row.following)
    if row.note:
        ident = f"F{len(footnotes) + 1}"
        footnotes.append((ident, row.note))
        etree.SubElement(figure, "footnoteId", id=ident)
    nature = etree.SubElement(element, "ownershipNature")
    _sub(nature, "directOrIndirectOwnership", row.ownership)
    if row.nature:
        how = _sub(nature, "natureOfOwnership", row.nature)
        if row.holder:
            ident = f"F{len(footnotes) + 1}"
            footnotes.append((ident, row.holder))
            etree.SubElement(how, "footnoteId", id=ident)
    return element


def write_filing(
    path: Path,
    rows: Sequence[Row],
    *,
    period: str,
    signed: str,
    form: str = "4",
    original: str | None = None,
    owner: str = OWNER,
) -> Path:
    """A copy of a real Form 4 (or Form 5) with these rows, period and signature date (the
    filing date sec16 assumes); for an amendment, its date of original submission."""
    template = FORM5 if form.startswith("5") else FORM4
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.parse(str(template), parser).getroot()
    root.find("documentType").text = form  # type: ignore[union-attr]
    root.find("periodOfReport").text = period  # type: ignore[union-attr]
    root.find("reportingOwner/reportingOwnerId/rptOwnerCik").text = owner  # type: ignore[union-attr]
    root.find("issuer/issuerCik").text = APPLE  # type: ignore[union-attr]
    for signature in root.iterfind("ownerSignature/signatureDate"):
        signature.text = signed
    if original is not None:
        marker = etree.Element("dateOfOriginalSubmission")
        marker.text = original
        root.find("periodOfReport").addnext(marker)  # type: ignore[union-attr]
    table = root.find("nonDerivativeTable")
    assert table is not None
    for old in list(table):
        table.remove(old)
    notes: list[tuple[str, str]] = []
    # Transactions before holdings, as the schema orders them.
    for row in [r for r in rows if r.transaction] + [r for r in rows if not r.transaction]:
        table.append(_row(row, notes))
    old_notes = root.find("footnotes")  # the template's, on the rows replaced
    if old_notes is not None:
        root.remove(old_notes)
    if notes:
        block = etree.Element("footnotes")
        for ident, text in notes:
            etree.SubElement(block, "footnote", id=ident).text = text
        derivatives = root.find("derivativeTable")
        (derivatives if derivatives is not None else table).addnext(block)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def book_yaml(folder: Path, text: str) -> None:
    (folder / "book.yaml").write_text(text, encoding="utf-8")


def sale(day: str, shares: str, following: str, **more: Any) -> Row:
    return Row(day, following, code="S", shares=shares, direction="D", **more)


# --- the key --------------------------------------------------------------------------------------


def _book_row(**fields: Any) -> BookRow:
    base: dict[str, Any] = {
        "table": "I",
        "security": "Common Stock",
        "ownership": "I",
        "nature": "By Trust",
        "transaction": False,
        "date": date(2024, 1, 1),
    }
    return BookRow(**{**base, **fields})


def test_holding_key_compares_names_as_a_filer_means_them() -> None:
    key = holding_key("1519339", "0001271024", _book_row())
    assert key == holding_key("0001519339", "1271024", _book_row(nature="by  trust"))
    assert key == holding_key("1519339", "1271024", _book_row(security="COMMON   stock"))
    assert key != holding_key("1519339", "1271024", _book_row(security="Class A Common Stock"))
    assert key != holding_key("1519339", "1271024", _book_row(nature="By Spouse"))
    assert key != holding_key("1519339", "1271024", _book_row(ownership="D", nature=""))
    assert key != holding_key("1519340", "1271024", _book_row())
    assert len({key, holding_key("01519339", "1271024", _book_row(nature=" By TRUST "))}) == 1
    # A direct holding has no nature of indirect ownership, whatever is written there.
    direct = holding_key("1", "2", _book_row(ownership="D", nature=""))
    assert direct == holding_key("1", "2", _book_row(ownership="D", nature="Direct"))
    # Table II: each grant (exercise price, expiration) is its own security; prices as numbers.
    option = _book_row(table="II", security="Stock Option", exercise_price="12.50")
    grant = holding_key("1", "2", replace_row(option, expiration="2030-01-01"))
    assert grant == holding_key(
        "1", "2", replace_row(option, exercise_price="12.5", expiration="2030-01-01")
    )
    assert grant != holding_key(
        "1", "2", replace_row(option, exercise_price="13", expiration="2030-01-01")
    )
    assert grant != holding_key("1", "2", replace_row(option, expiration="2031-01-01"))
    assert isinstance(grant, HoldingKey) and grant.security == "Stock Option"


def replace_row(row: BookRow, **fields: Any) -> BookRow:
    from dataclasses import replace

    return replace(row, **fields)


# --- the real history -----------------------------------------------------------------------------


def test_history_json_gives_the_figure_of_the_last_filing_of_every_table_one_holding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["holdings", HISTORY, "--format", "json"], capsys)
    assert status == 0, err
    items = json.loads(out)
    expected = last_table_one_figures(HISTORY)
    assert len(expected) == 4  # Common Stock and Class A Common Stock, for each of two owners
    got = {
        (i["owner_cik"], _norm(i["security"]), i["ownership"], _norm(i["nature"])): (
            i["shares"],
            Path(i["source"]).name,
        )
        for i in items
        if i["table"] == "I"
    }
    assert got == expected
    for item in items:
        assert {"owner_cik", "issuer_cik", "table", "security", "ownership", "nature"} <= set(item)
        assert item["issuer_cik"] == LINKEDIN
        assert date.fromisoformat(item["as_of"])
        assert Path(item["source"]).is_file()
        assert isinstance(item["shares"], str) and Decimal(item["shares"]) >= 0
        if item["table"] == "II":
            assert "exercise_price" in item and "expiration" in item
    class_b = [i for i in items if i["security"] == "Class B Common Stock"]
    assert {i["owner_cik"] for i in class_b} == {HOFFMAN, TRUST}
    assert {i["shares"] for i in class_b} == {"16823235"}  # the last Form 4, Table II


def test_history_check_finds_the_reversed_sale_of_2013_03_05(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Row I.4 of the Form 4 of 2013-03-05 is a sale (S) of 5,494 marked A (acquired), leaving
    # 3,497: 8,991 - 5,494. Nothing else in the 23 filings fails to add up.
    status, out, _ = run(["holdings", HISTORY, "--check", "--format", "json"], capsys)
    assert status == 1
    found = json.loads(out)
    assert [
        (d["owner_cik"], Path(d["current"]["source"]).name, d["current"]["row"]) for d in found
    ] == [
        (HOFFMAN, "lnkd_20130305_8946a62c.xml", "I.4"),
        (TRUST, "lnkd_20130305_8946a62c.xml", "I.4"),
    ]
    first = found[0]
    assert first["security"] == "Class A Common Stock"
    assert first["previous"]["figure"] == "8991" and first["previous"]["row"] == "I.3"
    assert first["reported"] == "3497"
    assert first["expected"] == "14485" and first["difference"] == "-10988"
    assert [c["kind"] for c in first["causes"]] == ["reversed"]
    assert "acquired/disposed code looks reversed" in first["causes"][0]["text"]
    # Text: one paragraph for the joint filing's two owners.
    status, out, _ = run(["holdings", HISTORY, "--check"], capsys)
    assert status == 1
    assert "lnkd_20130305_8946a62c.xml row I.4 (owners 0001519339, 0001521103)" in out
    assert "expected 14,485, a difference of -10,988" in out
    assert "likely cause (reversed)" in out
    assert out.rstrip().endswith("1 discontinuity (2 counting each owner of a joint filing).")


def test_history_rows_listed_after_a_later_day_count_on_their_own_date_as_of(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The Form 4 of 2012-04-02 converts 78,667 Class B on 04-02 and then lists a conversion of
    # 113,000 on 03-27 (a Form-5 transaction reported early); its figures follow the row order.
    # As of 2012-03-30 the Class B holding is the 2012-03-01 figure less the 03-27 conversion.
    status, out, _ = run(
        ["holdings", HISTORY, "--format", "json", "--as-of", "2012-03-30", "--owner", TRUST],
        capsys,
    )
    assert status == 0
    items = json.loads(out)
    assert {i["owner_cik"] for i in items} == {TRUST}
    class_b = next(i for i in items if i["security"] == "Class B Common Stock")
    assert class_b["shares"] == str(18793363 - 113000)
    assert Path(class_b["source"]).name == "lnkd_20120301_4e00039e.xml"
    assert class_b["as_of"] == "2012-03-27"
    assert any("113,000 (C) on 2012-03-27" in a for a in class_b["adjusted"])
    # The day after, the filing's own figures.
    status, out, _ = run(["holdings", HISTORY, "--format", "json", "--as-of", "2012-04-02"], capsys)
    class_b = next(i for i in json.loads(out) if i["security"] == "Class B Common Stock")
    assert class_b["shares"] == "18601696" and class_b["adjusted"] == []
    # Before the Form 3: nothing.
    status, out, _ = run(["holdings", HISTORY, "--format", "json", "--as-of", "2011-01-01"], capsys)
    assert json.loads(out) == []


def test_history_filters_and_text_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["holdings", HISTORY, "--issuer", "1271024", "--owner", "1519339"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Hoffman Reid (CIK 0001519339) in LINKEDIN CORP (CIK 0001271024)"
    header = lines[1]
    assert header.split() == ["Table", "Security", "Held", "Shares", "As", "of", "File"]
    class_b = next(line for line in lines if "Class B Common Stock" in line)
    # Aligned: every column starts where its header does; the figure ends under "Shares".
    assert class_b.index("16,823,235") + len("16,823,235") == header.index("Shares") + len("Shares")
    assert class_b.index("2013-05-20") == header.index("As of")
    assert class_b.index(str(HISTORY)) == header.index("File")
    assert "Trust" not in out.splitlines()[0] and TRUST not in out
    status, out, _ = run(["holdings", HISTORY, "--issuer", "999"], capsys)
    assert status == 0 and out.startswith("No holdings")
    status, out, _ = run(["holdings", HISTORY, "--format", "csv"], capsys)
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == 8
    assert {"owner_cik", "issuer_cik", "table", "security", "shares", "as_of", "source"} <= set(
        table[0]
    )
    assert {r["shares"] for r in table if r["security"] == "Class B Common Stock"} == {"16823235"}
    status, out, err = run(["holdings", HISTORY, "--owner", "12x"], capsys)
    assert status == 2 and "--owner" in err


# --- synthetic histories --------------------------------------------------------------------------


def _split_book(folder: Path) -> None:
    write_filing(
        folder / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    # A 2-for-1 split on 2024-02-01 (1,800 shares), then a sale of 100: 1,700.
    write_filing(
        folder / "b.xml",
        [sale("2024-03-10", "100", "1700")],
        period="2024-03-10",
        signed="2024-03-11",
    )


def test_an_unrecorded_split_is_found_and_a_recorded_one_is_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _split_book(tmp_path)
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    (found,) = json.loads(out)
    assert found["current"]["source"].endswith("b.xml") and found["previous"]["figure"] == "900"
    assert found["expected"] == "800" and found["difference"] == "900"
    assert found["causes"][0]["kind"] == "split"
    assert "2-for-1 split" in found["causes"][0]["text"]

    book_yaml(
        tmp_path,
        "adjustments:\n"
        "  - date: 2024-02-01\n"
        f"    issuer: {int(APPLE)}\n"
        "    security: common stock\n"
        '    ratio: "2-for-1"\n'
        "    reason: 2-for-1 stock split\n",
    )
    status, out, _ = run(["holdings", tmp_path, "--check"], capsys)
    assert status == 0, out
    assert out.startswith("No discontinuities")
    # Between the split and the next figure, the holding is the figure adjusted, and says so.
    status, out, _ = run(
        ["holdings", tmp_path, "--format", "json", "--as-of", "2024-02-15"], capsys
    )
    (held,) = json.loads(out)
    assert held["shares"] == "1800" and held["adjusted"] == ["2-for-1 stock split"]
    assert held["source"].endswith("a.xml") and held["as_of"] == "2024-02-01"
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    (held,) = json.loads(out)
    assert held["shares"] == "1700" and held["adjusted"] == [] and held["source"].endswith("b.xml")


def test_a_reverse_split_is_named_as_one(tmp_path: Path) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "9900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-03-10", "90", "900")],
        period="2024-03-10",
        signed="2024-03-11",
    )
    (found,) = discontinuities(read_book([tmp_path]))
    assert found.cause is not None and found.cause.kind == "reverse split"
    assert "1-for-10 reverse split" in found.cause.text


def test_a_split_recorded_in_book_yaml_also_adjusts_the_options_on_the_stock(
    tmp_path: Path,
) -> None:
    # Options on Common Stock at $10.00: a 3-for-1 split makes three options of each at $3.33.
    from generator.book.settings import Adjustment, Settings
    from generator.book.sources import Book, Entry

    def option(day: date, code: str, shares: str, direction: str, left: str, price: str) -> Entry:
        row = BookRow(
            table="II", security="Stock Option (right to buy)", ownership="D", nature="",
            transaction=True, date=day, code=code, form_type="4", shares=Decimal(shares),
            acquired_disposed=direction, following=left, exercise_price=price,
            expiration="2030-01-01", number=1, underlying_security="Common Stock",
        )  # fmt: skip
        return Entry(
            path=tmp_path / f"{day}.xml", form="4", issuer_cik="320193", issuer_name="",
            owner_ciks=("1767094",), owner_names=("",), period=day, filed=day,
            filed_how="book.yaml", original_filed=None, rows=(row,),
        )  # fmt: skip

    entries = [
        option(date(2024, 1, 10), "A", "900", "A", "900", "10.00"),
        option(date(2024, 3, 10), "M", "300", "D", "2400", "3.33"),
    ]
    split = Adjustment(
        date=date(2024, 2, 1), issuer="320193", security="common stock", reason="3-for-1",
        ratio=Decimal(3),
    )  # fmt: skip
    assert len(discontinuities(Book(entries, Settings()))) == 1  # the split not recorded
    book = Book(entries, Settings(adjustments=[split]))
    assert discontinuities(book) == []
    (held,) = holdings(book)
    assert (held.shares, held.key.exercise_price) == ("2400", "3.33")
    (before,) = holdings(book, as_of=date(2024, 2, 15))
    assert (before.shares, before.adjusted) == ("2700", ("3-for-1",))


def test_an_amendment_replaces_the_filing_it_amends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    # The Form 4 of February leaves 850 where 800 was left; March continues from 800.
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-02-10", "100", "850")],
        period="2024-02-10",
        signed="2024-02-12",
    )
    write_filing(
        tmp_path / "c.xml",
        [sale("2024-03-10", "100", "700")],
        period="2024-03-10",
        signed="2024-03-12",
    )
    found = discontinuities(read_book([tmp_path]))
    assert [(d.current.source.name, str(d.difference)) for d in found] == [
        ("b.xml", "50"),
        ("c.xml", "-50"),
    ]
    # The 4/A of the February filing (filed 2024-02-12) corrects its figure.
    write_filing(
        tmp_path / "b-amended.xml",
        [sale("2024-02-10", "100", "800")],
        period="2024-02-10",
        signed="2024-03-20",
        form="4/A",
        original="2024-02-12",
    )
    status, out, _ = run(["holdings", tmp_path, "--check"], capsys)
    assert status == 0, out
    status, out, _ = run(
        ["holdings", tmp_path, "--format", "json", "--as-of", "2024-02-20"], capsys
    )
    (held,) = json.loads(out)
    assert held["shares"] == "800" and held["source"].endswith("b-amended.xml")
    assert held["form"] == "4/A" and held["filed"] == "2024-03-20"
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    assert json.loads(out)[0]["shares"] == "700"


def test_an_amendment_is_matched_by_period_when_the_original_date_is_not_known(
    tmp_path: Path,
) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-02-10", "100", "850")],
        period="2024-02-10",
        signed="2024-02-12",
    )
    # dateOfOriginalSubmission names a day no filing of the book was filed on (the signature
    # date is only assumed to be the filing date): the same period decides.
    write_filing(
        tmp_path / "b-amended.xml",
        [sale("2024-02-10", "100", "800")],
        period="2024-02-10",
        signed="2024-03-20",
        form="4/A",
        original="2024-02-13",
    )
    book = read_book([tmp_path])
    assert discontinuities(book) == []
    assert [h.source.name for h in holdings(book)] == ["b-amended.xml"]


def _late_gift_book(folder: Path) -> None:
    write_filing(
        folder / "q1.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    # A gift of 50 on 2024-03-01, reported on the Form 5 of February 2025; the June Form 4
    # leaves it out of its figure (850 would be right).
    write_filing(
        folder / "q2.xml",
        [sale("2024-06-10", "100", "800")],
        period="2024-06-10",
        signed="2024-06-11",
    )
    write_filing(
        folder / "q3.xml",
        [sale("2024-09-10", "100", "700")],
        period="2024-09-10",
        signed="2024-09-11",
    )
    write_filing(
        folder / "annual.xml",
        [Row("2024-03-01", "650", code="G", shares="50", direction="D", form_type="5")],
        period="2024-12-31",
        signed="2025-02-10",
        form="5",
    )


def test_a_gift_reported_on_the_next_form_5_is_the_cause_of_the_form_4_figure_that_left_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _late_gift_book(tmp_path)
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    (found,) = json.loads(out)  # once: the September figure continues the filer's own
    assert found["current"]["source"].endswith("q2.xml")
    assert found["previous"]["source"].endswith("q1.xml")
    assert found["expected"] == "750" and found["reported"] == "800" and found["difference"] == "50"
    (cause,) = found["causes"]
    assert cause["kind"] == "reported later" and cause["source"].endswith("annual.xml")
    assert "disposed of 50 (G) on 2024-03-01" in cause["text"] and "Form 5" in cause["text"]
    assert any("2024-03-01" in step for step in found["between"])
    # The Form 5's year-end figure is the book's; the holding as of dates in between is the
    # last figure reported, rolled forward by the gift when no figure came after it yet.
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    (held,) = json.loads(out)
    assert (held["shares"], held["form"], held["as_of"]) == ("650", "5", "2024-12-31")
    status, out, _ = run(
        ["holdings", tmp_path, "--format", "json", "--as-of", "2024-04-01"], capsys
    )
    (held,) = json.loads(out)
    assert held["shares"] == "850" and held["source"].endswith("q1.xml")
    assert len(held["adjusted"]) == 1 and "(G) on 2024-03-01" in held["adjusted"][0]
    status, out, _ = run(
        ["holdings", tmp_path, "--format", "json", "--as-of", "2024-07-01"], capsys
    )
    assert json.loads(out)[0]["shares"] == "800"


def test_a_late_form_4_for_an_earlier_day_is_the_cause_of_the_figure_that_left_it_out(
    tmp_path: Path,
) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    # A sale of 2024-03-01 reported late, on 2024-04-20; the Form 4 of 2024-04-10, filed
    # before it, leaves it out (770 would be right). May's filing, made after, includes it.
    write_filing(
        tmp_path / "late.xml",
        [sale("2024-03-01", "100", "800")],
        period="2024-03-01",
        signed="2024-04-20",
    )
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-04-10", "30", "870")],
        period="2024-04-10",
        signed="2024-04-12",
    )
    write_filing(
        tmp_path / "c.xml",
        [sale("2024-05-10", "50", "720")],
        period="2024-05-10",
        signed="2024-05-12",
    )
    (found,) = discontinuities(read_book([tmp_path]))
    assert found.current.source.name == "b.xml" and found.difference == 100
    assert found.cause is not None and found.cause.kind == "reported later"
    assert found.cause.source is not None and found.cause.source.name == "late.xml"


def test_a_gift_to_another_holding_is_the_cause_of_its_jump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trust = {"ownership": "I", "nature": "By Trust"}
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900"), Row("2024-01-10", "500", **trust)],
        period="2024-01-10",
        signed="2024-01-11",
    )
    # The owner gives 200 shares to the trust: the direct holding reports the gift, the
    # trust's figure grows by 200 without a row of its own.
    write_filing(
        tmp_path / "b.xml",
        [
            Row("2024-05-10", "700", code="G", shares="200", direction="D"),
            Row("2024-05-10", "700", nature="by  TRUST", ownership="I"),
        ],
        period="2024-05-10",
        signed="2024-05-13",
    )
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    (found,) = json.loads(out)
    assert (found["ownership"], found["nature"]) == ("I", "By Trust")  # the first spelling
    assert found["difference"] == "200"
    (cause,) = found["causes"]
    assert cause["kind"] == "gift" and cause["row"] == "I.1" and cause["source"].endswith("b.xml")
    status, out, _ = run(["holdings", tmp_path, "--check"], capsys)
    assert "likely cause (gift): a gift (G) of 200 on 2024-05-10 is reported elsewhere" in out


def test_a_holding_reported_for_the_first_time_and_a_footnoted_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    note = "Includes 37 shares acquired under the Employee Stock Purchase Plan on 2024-02-29."
    write_filing(
        tmp_path / "b.xml",
        [
            sale("2024-03-10", "100", "837", note=note),
            Row("2024-03-10", "300", ownership="I", nature="By Spouse"),
        ],
        period="2024-03-10",
        signed="2024-03-12",
    )
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    by_kind = {d["causes"][0]["kind"]: d for d in json.loads(out)}
    assert set(by_kind) == {"footnote", "first reported"}
    footnoted = by_kind["footnote"]
    assert footnoted["difference"] == "37" and note in footnoted["causes"][0]["text"]
    first = by_kind["first reported"]
    assert first["nature"] == "By Spouse" and first["previous"] is None
    assert first["expected"] == "0" and first["difference"] == "300"
    assert "a.xml" in first["causes"][0]["text"]


def test_holders_told_apart_by_footnotes_only_are_separate_holdings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A fund family writes "See footnote" on every row; the footnote names the holder. The
    # second filing words the footnotes differently and sells from one fund.
    fund = {"ownership": "I", "nature": "See footnote"}
    write_filing(
        tmp_path / "a.xml",
        [
            Row("2024-01-10", "1000", holder="Held by Alpha Fund I, L.P.", **fund),
            Row("2024-01-10", "2000", holder="Held by Beta Fund II, L.P.", **fund),
        ],
        period="2024-01-10",
        signed="2024-01-11",
    )
    write_filing(
        tmp_path / "b.xml",
        [
            sale("2024-02-10", "100", "900", holder="Shares held by Alpha Fund I, L.P.", **fund),
            Row("2024-02-10", "2000", holder="Shares held by Beta Fund II, L.P.", **fund),
        ],
        period="2024-02-10",
        signed="2024-02-12",
    )
    status, out, _ = run(["holdings", tmp_path, "--check"], capsys)
    assert status == 0, out
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    held = {i["holder"]: i["shares"] for i in json.loads(out)}
    assert held == {
        "Shares held by Alpha Fund I, L.P.": "900",
        "Shares held by Beta Fund II, L.P.": "2000",
    }
    status, out, _ = run(["holdings", tmp_path], capsys)
    assert "indirect: See footnote: Shares held by Alpha Fund I, L.P." in out
    # A new fund worded as the others is a new holder, not one of them renamed.
    write_filing(
        tmp_path / "c.xml",
        [
            Row("2024-03-10", "900", holder="Shares held by Alpha Fund I, L.P.", **fund),
            Row("2024-03-10", "700", holder="Shares held by Gamma Fund III, L.P.", **fund),
        ],
        period="2024-03-10",
        signed="2024-03-12",
    )
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    held = {i["holder"]: i["shares"] for i in json.loads(out)}
    assert held == {
        "Shares held by Alpha Fund I, L.P.": "900",
        "Shares held by Beta Fund II, L.P.": "2000",
        "Shares held by Gamma Fund III, L.P.": "700",
    }
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    (found,) = json.loads(out)
    assert found["holder"] == "Shares held by Gamma Fund III, L.P."
    assert [c["kind"] for c in found["causes"]] == ["first reported"]


def test_lots_of_one_holding_are_added_up(tmp_path: Path) -> None:
    # Two holding rows of one holding in one filing (shares and restricted shares): one
    # holding, their sum. A later filing sells from the first lot and lists the second.
    write_filing(
        tmp_path / "a.xml",
        [Row("2024-01-10", "1000"), Row("2024-01-10", "500")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    book = read_book([tmp_path])
    assert [(h.shares, h.lots) for h in holdings(book)] == [("1500", 2)]
    assert holdings(book, as_of=date(2024, 1, 9)) == []  # nothing before the filing's date
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-02-10", "100", "900"), Row("2024-02-10", "500")],
        period="2024-02-10",
        signed="2024-02-12",
    )
    book = read_book([tmp_path])
    assert [(h.shares, h.lots) for h in holdings(book)] == [("1400", 2)]
    assert discontinuities(book) == []


def test_several_grants_of_one_title_are_one_holding_not_a_discontinuity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ZipRecruiter, 2025-03-15: four grants of restricted stock units (price 0, no expiration)
    # vest on one day; each row's figure is its own grant's.
    real = SHARED / "samples" / "real" / "4" / "zip_20250315_1b8a5654.xml"
    shutil.copy(real, tmp_path / real.name)
    root = etree.parse(str(real)).getroot()
    grants = [
        Decimal(row.findtext("postTransactionAmounts/sharesOwnedFollowingTransaction/value", "0"))
        for row in root.iterfind("derivativeTable/derivativeTransaction")
    ]
    assert len(grants) == 4
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    assert status == 0
    units = next(i for i in json.loads(out) if i["security"] == "Restricted Stock Units")
    assert Decimal(units["shares"]) == sum(grants) and units["lots"] == 4
    _, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert all(d["table"] == "I" for d in json.loads(out))


def test_figures_far_apart_with_nothing_between_say_a_filing_may_be_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tesla: a trust's Common Stock on 2010-07-02 and again on 2012-03-20; the filings between
    # are not in this book.
    for name in ("tsla_20100702_1c9121f6.xml", "tsla_20120320_26fe6f3a.xml"):
        shutil.copy(SHARED / "samples" / "real" / "4" / name, tmp_path / name)
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    (found,) = json.loads(out)
    assert found["previous"]["source"].endswith("tsla_20100702_1c9121f6.xml")
    assert [c["kind"] for c in found["causes"]] == ["gap"]
    assert "627 days apart" in found["causes"][0]["text"]


def test_the_first_filing_of_an_owner_starts_the_book(tmp_path: Path) -> None:
    # Nothing before it: its figures are where the book starts, not discontinuities.
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "100", "900")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    assert discontinuities(read_book([tmp_path])) == []


def test_figures_are_compared_at_the_precision_written(tmp_path: Path) -> None:
    write_filing(
        tmp_path / "a.xml",
        [sale("2024-01-10", "1.5", "900.333")],
        period="2024-01-10",
        signed="2024-01-11",
    )
    write_filing(
        tmp_path / "b.xml",
        [sale("2024-02-10", "100.25", "800.08")],
        period="2024-02-10",
        signed="2024-02-12",
    )
    assert discontinuities(read_book([tmp_path])) == []  # 800.083, written to two decimals
    write_filing(
        tmp_path / "c.xml",
        [sale("2024-03-10", "100", "700.11")],
        period="2024-03-10",
        signed="2024-03-12",
    )
    (found,) = discontinuities(read_book([tmp_path]))
    assert found.current.source.name == "c.xml" and found.difference == Decimal("0.03")


# --- the book's files -----------------------------------------------------------------------------


def test_a_broken_book_yaml_names_the_file_the_key_and_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _split_book(tmp_path)
    book_yaml(
        tmp_path,
        "issuers:\n"
        "  - cik: 320193\n"
        "    fiscal_year_end: 09-27\n"
        "adjustments:\n"
        "  - date: 2024-02-01\n"
        "    issuer: 320193\n"
        "    security: Common Stock\n"
        "    ratoi: 2\n"
        "    reason: split\n",
    )
    status, out, err = run(["holdings", tmp_path], capsys)
    assert status == 1 and out == ""
    assert str(tmp_path / "book.yaml") in err
    assert "ratoi (line 8)" in err and "not a key" in err and "docs/book.md" in err
    assert "Traceback" not in err
    book_yaml(
        tmp_path,
        "adjustments:\n"
        "  - date: 2024-02-01\n"
        "    issuer: 320193\n"
        "    security: Common Stock\n"
        "    ratio: 2\n"
        "    shares: 100\n"
        "    reason: split\n"
        "filed:\n"
        "  a.xml: 2024-13-01\n",
    )
    status, out, err = run(["holdings", tmp_path, "--check"], capsys)
    assert status == 1 and out == ""
    assert "adjustments[1] (line 2): give either ratio: (a split) or shares:" in err
    assert "filed.a.xml (line 9): '2024-13-01' is not a real calendar date" in err


def test_an_unreadable_file_of_the_book_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _split_book(tmp_path)
    (tmp_path / "notes.xml").write_text("<html><body>not a filing</body></html>")
    (tmp_path / "broken.txt").write_text("no XML here")
    status, out, err = run(["holdings", tmp_path, "--format", "json"], capsys)
    assert status == 0
    assert [h["source"] for h in json.loads(out)] == [str(tmp_path / "b.xml")]
    warnings = err.splitlines()
    assert len(warnings) == 2 and all(w.startswith("sec16: warning: ") for w in warnings)
    assert any(
        str(tmp_path / "notes.xml") in w and "not an ownership document" in w for w in warnings
    )
    assert any(str(tmp_path / "broken.txt") in w for w in warnings)
    assert "Traceback" not in err


def test_a_missing_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["holdings", tmp_path / "nowhere"], capsys)
    assert status == 2 and out == "" and "nowhere" in err


def test_schema_book_prints_the_json_schema_of_book_yaml(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(["schema", "--book"], capsys)
    assert status == 0
    schema = json.loads(out)
    assert schema["title"] == "sec16 book.yaml"
    assert set(schema["properties"]) == {"insiders", "issuers", "adjustments", "filed"}
    assert schema["additionalProperties"] is False
    jsonschema = pytest.importorskip("jsonschema")
    good = {"adjustments": [{"date": "2024-02-01", "issuer": 320193, "security": "Common Stock",
                             "ratio": "2-for-1", "reason": "split"}]}  # fmt: skip
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"adjustments": [{"date": "2024-02-01"}]}, schema)


def test_drafts_count_as_filings_made_after_every_filing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Filed: a purchase of 5,000 on 2025-08-12 leaving 17,000. The draft: 1,000 more on
    # 2025-09-02, leaving 18,000.
    shutil.copy(EXAMPLES / "form4-open-market-purchase.xml", tmp_path / "filed.xml")
    draft = (EXAMPLES / "form4-open-market-purchase.yaml").read_text(encoding="utf-8")
    for old, new in (
        ("2025-08-12", "2025-09-02"),
        ("shares: 5,000", "shares: 1,000"),
        ("owned_following: 17,000", "owned_following: 18,000"),
        ("date: 2025-08-13", "date: 2025-09-03"),
    ):
        assert old in draft
        draft = draft.replace(old, new)
    (tmp_path / "next.yaml").write_text(draft, encoding="utf-8")
    status, out, err = run(["holdings", tmp_path, "--format", "json"], capsys)
    assert status == 0, err
    (held,) = json.loads(out)
    assert held["source"].endswith("next.yaml") and held["draft"] and held["filed"] is None
    assert held["shares"] == "18000"
    status, out, _ = run(
        ["holdings", tmp_path, "--format", "json", "--as-of", "2025-08-31"], capsys
    )
    assert json.loads(out)[0]["source"].endswith("filed.xml")
    assert run(["holdings", tmp_path, "--check"], capsys)[0] == 0
    # The XML built beside the draft is the same filing: it counts once.
    assert run(["build", tmp_path / "next.yaml"], capsys)[0] == 0
    status, out, _ = run(["holdings", tmp_path, "--format", "json"], capsys)
    (held,) = json.loads(out)
    assert held["source"].endswith("next.xml") and held["shares"] == "18000"
    assert run(["holdings", tmp_path, "--check"], capsys)[0] == 0
    # A draft that does not continue from the book is found before it is filed.
    (tmp_path / "next.xml").unlink()
    wrong = draft.replace("owned_following: 18,000", "owned_following: 19,000")
    (tmp_path / "next.yaml").write_text(wrong, encoding="utf-8")
    status, out, _ = run(["holdings", tmp_path, "--check", "--format", "json"], capsys)
    assert status == 1
    (found,) = json.loads(out)
    assert found["current"]["source"].endswith("next.yaml") and found["current"]["filed"] is None
    assert found["previous"]["source"].endswith("filed.xml") and found["difference"] == "1000"


def test_reading_a_book_without_drafts_or_book_yaml_loads_neither_pydantic_nor_jinja2() -> None:
    code = (
        "import sys; from generator.cli import main; "
        f"status = main(['holdings', {str(HISTORY)!r}, '--check', '--format', 'json']); "
        "assert status == 1, status; "
        "loaded = [m for m in ('pydantic', 'jinja2', 'yaml') if m in sys.modules]; "
        "assert not loaded, loaded"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_the_book_yaml_of_docs_book_md_is_read_as_written(tmp_path: Path) -> None:
    from generator.book.settings import load_settings

    text = (REPO / "docs" / "book.md").read_text(encoding="utf-8")
    marker = "<!-- docs-test: book.yaml"
    block = text[text.index(marker) :].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "book.yaml").write_text(block, encoding="utf-8")
    settings = load_settings(tmp_path)
    split, returned = settings.adjustments
    assert split.ratio == 10 and returned.shares == -250 and returned.owner is not None
    assert settings.issuer("0001271024") is not None
    assert settings.issuers[0].year_end(2013) == date(2013, 12, 31)
    assert settings.filed == {"lnkd_20130305_8946a62c.xml": date(2013, 3, 5)}
    shown = text[text.index('```json\n{"owner_cik"') + len("```json\n") :].split("```", 1)[0]
    assert set(json.loads(shown)) >= {"owner_cik", "table", "shares", "as_of", "source"}
