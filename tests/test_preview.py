"""`sec16 preview`: the HTML page and the text view of a filing, checked against the SEC.

The reference for what EDGAR shows is the SEC's own XSL stylesheets in
``../shared/sec/ownership-spec-v5.5/stylesheets``; they are used here, in the tests only.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import subprocess
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, REPO, SAMPLES, STYLESHEETS, page_text
from lxml import etree
from lxml import html as lxml_html

from generator.cli import main
from generator.formats import preview, preview_text
from generator.formats.draft import filing_from_data, load_draft, parse_yaml
from generator.formats.importer import import_file
from generator.model.codes import FormType
from generator.model.filing import Filing, Noted
from generator.model.values import edgar_shows

SEED = EXAMPLES / "form5-smith-allied-motion-2013.yaml"
ARTIFACTS = REPO / "tests" / "artifacts"


# --- the SEC's own rendering -------------------------------------------------------------------


def stylesheet_for(document_type: str, schema_version: str) -> Path:
    """The SEC stylesheet for a document: by form and by the schema version it was filed under.

    X0609 (v5.5, 2026: foreign symbol, non-US address) -> 3_X07, 4_X09, 5_X09; X0407 and X0508
    (the 10b5-1 box, 2023) -> 3_X06, 4_X08, 5_X08; anything older -> the X06 sheets.
    """
    form = document_type.removesuffix("/A")
    match = re.fullmatch(r"X0(\d)\d\d", schema_version.strip())
    release = int(match.group(1)) if match else 6
    if form == "3":
        name = "3_X07" if release >= 6 else "3_X06"
    else:
        name = f"{form}_X09" if release >= 6 else f"{form}_X08" if release >= 4 else f"{form}_X06"
    return STYLESHEETS / f"{name}.xsl"


def _parse(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    return etree.parse(str(path), parser)


def sec_rendering(tree: etree._ElementTree) -> str:
    root = tree.getroot()
    sheet = stylesheet_for(
        root.findtext("documentType") or "", root.findtext("schemaVersion") or ""
    )
    access = etree.XSLTAccessControl(read_network=False, write_network=False, write_file=False)
    transform = etree.XSLT(etree.parse(str(sheet)), access_control=access)
    return str(transform(tree))


def blank_copy(tree: etree._ElementTree) -> etree._ElementTree:
    """The same document with every value and footnote reference taken out: only captions."""
    copy = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    for element in copy.getroot().iter():
        if element.tag in ("documentType", "schemaVersion"):
            continue
        element.text = None
        element.attrib.clear()
    return copy


_TOKEN = re.compile(r"[^\W_]+(?:[.,/'’&-][^\W_]+)*")


def tokens(text: str) -> set[str]:
    """Values as words: numbers (1,234.5), dates (12/20/2013), words, lower case."""
    return {t.lower() for t in _TOKEN.findall(unicodedata.normalize("NFKC", text))}


# --- what the SEC prints for a value (an oracle written from the stylesheets) ------------------


def sec_amount(value: Decimal, form: FormType) -> str:
    """format-number(., '###,##0.####'), or '###,##0.00' for one decimal on Forms 4 and 5."""
    spelled = format(value, "f")
    fraction = spelled.partition(".")[2]
    if form.base is FormType.FORM_4 and value == 0:
        return "0"
    if form.base is not FormType.FORM_3 and len(fraction) == 1:
        return f"{value:,.2f}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text


def sec_value(value: Any, form: FormType) -> str:
    if isinstance(value, Decimal):
        return sec_amount(value, form)
    if isinstance(value, date):
        return value.strftime("%m/%d/%Y")
    return " ".join(str(getattr(value, "value", value)).split())


def markers(notes: list[str]) -> str:
    return "".join(f"({n.removeprefix('F')})" for n in notes)


_MONEY = {
    "price",
    "exercise_price",
    "total_value",
    "value_owned_following",
    "underlying_value",
}


def generated_code(row: Any, form: FormType) -> str:
    """The code as EDGAR generates it (spec 4.3.8): K for an equity swap; on a Form 5, a 4 after
    a Form 4 transaction reported late and a 5 after a late Form 5 transaction."""
    code = str(row.code.value) + ("/K" if row.equity_swap else "")
    if form.base is FormType.FORM_5:
        kind = row.form_type or "5"
        late = row.timeliness is not None and row.timeliness.value == "L"
        code += "4" if kind == "4" else "5" if late else ""
    return code


def expected_values(filing: Filing) -> Iterator[tuple[str, str]]:
    """(what, text) for every value of the filing, in the form the SEC prints it."""
    form = filing.form
    yield "issuer name", filing.issuer.name or ""
    yield "ticker", f"[{filing.issuer.ticker}]"
    if filing.issuer.foreign_ticker:
        yield "foreign ticker", f"[{filing.issuer.foreign_ticker}]"
    yield "period of report", sec_value(filing.period_of_report, form)
    if filing.original_filing_date:
        yield "date original filed", sec_value(filing.original_filing_date, form)
    for number, owner in enumerate(filing.reporting_owners, 1):
        yield f"owner {number} name", owner.name or ""
        rel = owner.relationship
        for text in (rel.officer_title, rel.other_text):
            if text:
                yield f"owner {number} title", text
        if owner.address:
            for part in (owner.address.street1, owner.address.street2, owner.address.city):
                if part:
                    yield f"owner {number} address", part
    for table, rows in (("I", filing.table_1), ("II", filing.table_2)):
        for number, row in enumerate(rows, 1):
            for name in type(row).model_fields:
                item = getattr(row, name)
                if not isinstance(item, Noted) or item.empty:
                    continue
                if name in ("form_type", "timeliness"):
                    continue  # part of the generated code, below
                text = sec_value(item.value, form) if item.value is not None else ""
                if text and name in _MONEY:
                    text = "$" + text
                if name == "code":
                    text = generated_code(row, form)
                yield f"Table {table} row {number} {name}", text + markers(item.footnotes)
    for ident, note in filing.footnotes.items():
        yield f"footnote {ident}", f"({ident.removeprefix('F')}) {' '.join(note.split())}"
    if filing.remarks:
        yield "remarks", " ".join(filing.remarks.split())
    for signature in filing.signatures:
        yield "signature", " ".join(signature.name.split())
        yield "signature date", sec_value(signature.date, form)


# --- every real sample -------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{p.parent.name}/{p.name}" for p in SAMPLES])
def test_every_value_of_a_real_filing_is_on_the_page_as_the_sec_prints_it(sample: Path) -> None:
    """Import, preview, and find each value of the filing in the page's text.

    Numbers are looked for as EDGAR's stylesheet prints them (thousands separators, trailing
    zeros dropped, one decimal shown as two on Forms 4 and 5, $ before prices and values),
    dates as MM/DD/YYYY, and each value followed directly by its footnote markers, e.g.
    ``17,408(2)``. Footnotes are looked for as ``(2) text``.
    """
    imported = import_file(sample)
    page = preview.html_page(imported.filing, source=sample.name)
    text = page_text(page)
    missing = [
        f"{what}: {value!r}"
        for what, value in expected_values(imported.filing)
        if value and " ".join(value.split()) not in text
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{p.parent.name}/{p.name}" for p in SAMPLES])
def test_the_page_shows_every_value_the_secs_stylesheet_shows(sample: Path) -> None:
    """The SEC's own rendering of the same file holds no value the preview lacks.

    How values are compared:

    * Both pages are reduced to their visible text (``page_text``: block boundaries become
      spaces, whitespace and no-break spaces collapse, Unicode NFKC).
    * The text is cut into tokens: runs of letters and digits, keeping inner ``. , / ' & -``,
      so that ``1,234.50``, ``12/20/2013``, ``10b5-1`` and ``O'Neil`` stay whole while ``$``,
      brackets and footnote parentheses fall away; tokens are compared in lower case.
    * The SEC page's captions are not values: they are the tokens of the same stylesheet
      applied to a blank copy of the document (every text and attribute emptied). The values
      are the tokens of the real rendering minus those caption tokens.
    * A code the preview shows with EDGAR's K (``J/K``, an equity swap) also counts as ``J``:
      the SEC's stylesheet adds ``/K`` only when ``equitySwapInvolved`` is ``1``, not ``true``.
    * Every value token must be among the preview's tokens. The preview's own captions are worded
      differently in places, so only the SEC's values are required, not its captions.
    """
    tree = _parse(sample)
    sec_text = page_text(sec_rendering(tree))
    captions = tokens(page_text(sec_rendering(blank_copy(tree))))
    values = tokens(sec_text) - captions
    imported = import_file(sample)
    ours = tokens(page_text(preview.html_page(imported.filing)))
    ours |= {part for token in ours if token.endswith("/k") for part in token.split("/")}
    missing = sorted(values - ours)
    assert not missing, f"the SEC shows {missing} and the preview does not"


def test_the_stylesheet_is_chosen_by_form_and_schema_version() -> None:
    assert stylesheet_for("4", "X0609").name == "4_X09.xsl"
    assert stylesheet_for("4/A", "X0508").name == "4_X08.xsl"
    assert stylesheet_for("5", "X0306").name == "5_X06.xsl"
    assert stylesheet_for("3", "X0609").name == "3_X07.xsl"
    assert stylesheet_for("3", "X0206").name == "3_X06.xsl"


# --- number and code formatting ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelled", "form", "shown"),
    [
        ("7.5", "4", "7.50"),  # one decimal: two shown
        ("7.50", "4", "7.5"),  # two or more: trailing zeros dropped
        ("881.0000", "4", "881"),
        ("1234567.125", "5", "1,234,567.125"),
        ("0.0", "4", "0"),  # Form 4: any zero is 0
        ("1.23456", "4", "1.2346"),  # format-number rounds the fifth decimal, never cuts it
        ("0.00005", "3", "0.0001"),
        ("12.", "4", ""),  # a number ending in its point: none of the template's cases
        ("0.0", "5", "0.00"),
        ("1.5", "3", "1.5"),  # Form 3 never pads
        ("31346", "5", "31,346"),
        (".49", "4", "0.49"),
    ],
)
def test_numbers_are_spelled_as_the_sec_stylesheets_spell_them(
    spelled: str, form: str, shown: str
) -> None:
    assert edgar_shows(spelled, FormType(form).base.value) == shown


def _draft_data(name: str) -> dict[str, Any]:
    path = EXAMPLES / name
    data, _ = parse_yaml(path.read_text(encoding="utf-8"), str(path))
    assert isinstance(data, dict)
    return data


def _table_1_codes(filing: Filing) -> list[tuple[str, ...]]:
    view = preview.preview_view(filing)
    first = [c.short for c in view.table_1.columns].index("3. Code")
    width = 1 if filing.form.base is FormType.FORM_5 else 2
    return [tuple(cell.plain for cell in row[first : first + width]) for row in view.table_1.rows]


def test_codes_get_their_k_and_v_as_edgar_generates_them() -> None:
    data = _draft_data("form4-open-market-purchase.yaml")
    row = data["table_1"][0]
    data["table_1"] = [
        {**row, "equity_swap": True},
        {**row, "form_type": "5"},
        {**row, "code": {"value": "J", "footnotes": ["F1"]}},
    ]
    data["footnotes"] = {"F1": "Explained."}
    filing = filing_from_data(data, {}, "test")
    assert _table_1_codes(filing) == [("P/K", ""), ("P", "V"), ("J(1)", "")]


def test_form_5_codes_carry_the_form_they_belonged_on() -> None:
    data = _draft_data("form5-annual-statement.yaml")
    row = next(r for r in data["table_1"] if "code" in r)
    holding = next(r for r in data["table_1"] if "code" not in r)
    data["table_1"] = [
        {**row, "code": "S", "form_type": "4"},
        {**row, "code": "S", "form_type": "5", "timeliness": "L"},
        {**row, "code": "S", "form_type": "5", "timeliness": None},
        {**holding, "form_type": "3"},
    ]
    filing = filing_from_data(data, {}, "test")
    assert _table_1_codes(filing) == [("S4",), ("S5",), ("S",), ("3",)]
    checks = {c.label: c.checked for c in preview.preview_view(filing).top_checks}
    assert checks["Form 3 Holdings Reported"] and checks["Form 4 Transactions Reported"]


def test_a_draft_shows_numbers_as_the_xml_sec16_builds_will_show() -> None:
    """A draft's digits reach the XML as typed; the preview shows them as EDGAR's stylesheet does:
    one decimal padded to two (12.5 -> $12.50), trailing zeros otherwise dropped (12.500 -> $12.5).
    """
    data = _draft_data("form4-open-market-purchase.yaml")
    for typed, shown in (("12.500", "$12.5"), ("12.5", "$12.50"), ("12", "$12")):
        data["table_1"][0]["price"] = typed
        table = preview.preview_view(filing_from_data(data, {}, "test")).table_1
        price = [c.short for c in table.columns].index("4. Price")
        assert table.rows[0][price].plain == shown, typed


# --- the page itself -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_the_page_is_one_self_contained_file(name: str) -> None:
    page = preview.html_page(load_draft(EXAMPLES / name), source=name)
    root = lxml_html.fromstring(page)
    assert not root.xpath("//script"), "no scripts"
    assert not root.xpath("//link|//img|//iframe|//object|//embed"), "nothing loaded"
    assert all(href.startswith("#") for href in root.xpath("//@href")), "links stay on the page"
    assert not root.xpath("//@src")
    assert "url(" not in page and "@import" not in page
    assert "size: letter landscape" in page
    assert root.xpath("//meta[@http-equiv='Content-Security-Policy']")
    anchors = set(root.xpath("//@id"))
    assert {h.removeprefix("#") for h in root.xpath("//@href")} <= anchors


def test_the_page_has_the_paper_forms_parts() -> None:
    filing = load_draft(SEED)
    text = page_text(preview.html_page(filing))
    for caption in (
        "FORM 5",
        "OMB APPROVAL",
        "3235-0362",
        "Form 3 Holdings Reported",
        "Form 4 Transactions Reported",
        "Rule 10b5-1(c)",
        "no longer subject to Section 16",
        "1. Name and Address of Reporting Person",
        "2. Issuer Name and Ticker or Trading Symbol",
        "3. Statement for Issuer's Fiscal Year Ended",
        "4. If Amendment, Date Original Filed",
        "5. Relationship of Reporting Person(s) to Issuer",
        "6. Individual or Joint/Group Reporting",
        "Table I - Non-Derivative Securities",
        "Table II - Derivative Securities",
        "5. Amount of Securities Beneficially Owned at end of Issuer's Fiscal Year",
        "11. Nature of Indirect Beneficial Ownership",
        "Explanation of Responses:",
        "** Signature of Reporting Person",
    ):
        assert caption in text, caption
    # Box 5: the director box is ticked, the others are not; box 6: one reporting person.
    root = lxml_html.fromstring(preview.html_page(filing))
    ticked = [
        " ".join(li.text_content().split())
        for li in root.xpath("//li[span[@class='check'][normalize-space()='X']]")
    ]
    assert ticked == ["X Director", "X Form filed by One Reporting Person"]


# --- the text view -------------------------------------------------------------------------------


def test_preview_text_shows_the_seeds_table_i(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed's Table I rows, in the seed's order, with the seed's figures."""
    assert main(["preview", "--text", str(SEED)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    start = lines.index(
        "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned"
    )
    stop = next(i for i in range(start, len(lines)) if lines[i].startswith("Table II"))
    rows = [line.split() for line in lines[start:stop] if line.startswith("Common Stock")]
    expected = [
        ["31,346", "D"],
        ["12/20/2013", "G", "2,000", "D", "(1)", "602,043", "I", "By", "Family", "Trust"],
        ["900", "I", "By", "Spouse's", "IRA"],
        ["17,408(2)", "I", "By", "IRA"],
        ["0(2)", "I", "By", "ESOP", "Trust"],
    ]
    assert [row[2:] for row in rows] == expected
    assert "(1)  Bona fide gift of securities." in out
    assert "Susan M. Chiaromonte, attorney-in fact for Richard D. Smith    02/13/2014" in out


@pytest.mark.parametrize(
    "path",
    [*sorted(EXAMPLES.glob("*.yaml")), *SAMPLES],
    ids=[p.name for p in [*sorted(EXAMPLES.glob("*.yaml")), *SAMPLES]],
)
def test_the_text_view_fits_120_columns(path: Path) -> None:
    filing = load_draft(path) if path.suffix == ".yaml" else import_file(path).filing
    text = preview_text.text_view(filing)
    assert max(len(line) for line in text.splitlines()) <= 120
    assert "Table I -" in text and "Table II -" in text and "Signatures" in text


def test_a_narrow_terminal_gets_the_table_in_parts() -> None:
    filing = import_file(next(p for p in SAMPLES if p.name.startswith("snow_2020"))).filing
    text = preview_text.text_view(filing, 60)
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "\n#  " in text  # the parts repeat the row number


# --- the command line ----------------------------------------------------------------------------


def test_preview_writes_the_page_beside_the_file_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "seed.yaml"
    shutil.copy(SEED, draft)
    assert main(["preview", str(draft)]) == 0
    page = tmp_path / "seed.html"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["preview", str(draft)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    page.write_text("old", encoding="utf-8")
    assert main(["preview", "--force", str(draft)]) == 0
    assert "SMITH RICHARD D /CO/" in page.read_text(encoding="utf-8")
    assert main(["preview", str(draft), "-o", str(tmp_path / "other.html")]) == 0
    assert (tmp_path / "other.html").exists()
    assert main(["preview", str(draft), "-o", str(draft), "--force"]) == 2
    assert draft.read_bytes() == SEED.read_bytes()
    assert main(["preview", "--text", "-o", "x.html", str(draft)]) == 2
    # --open without a display prints where the page is instead of starting a browser.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    capsys.readouterr()
    assert main(["preview", "--force", "--open", str(draft)]) == 0
    assert page.resolve().as_uri() in capsys.readouterr().out


def test_preview_reads_xml_of_any_version_and_submission_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = next(p for p in SAMPLES if "X0203" in p.read_text(encoding="utf-8", errors="replace"))
    assert main(["preview", str(old), "-o", str(tmp_path / "old.html")]) == 0
    xml = (EXAMPLES / "form4-joint-filing.xml").read_text(encoding="utf-8")
    submission = tmp_path / "filing.txt"
    submission.write_text(
        "<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n"
        + xml
        + "</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n",
        encoding="utf-8",
    )
    assert main(["preview", str(submission)]) == 0
    assert "VRDT" in (tmp_path / "filing.html").read_text(encoding="utf-8")
    assert main(["preview", str(tmp_path / "missing.xml")]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("form: '4'\n", encoding="utf-8")
    assert main(["preview", str(bad)]) == 1


def test_build_preview_writes_the_page_beside_each_xml(tmp_path: Path) -> None:
    drafts = []
    for name in ("form5-smith-allied-motion-2013.yaml", "form4-joint-filing.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
        drafts.append(str(tmp_path / name))
    out = tmp_path / "out"
    assert main(["build", "--preview", *drafts, "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "form4-joint-filing.html",
        "form4-joint-filing.xml",
        "form5-smith-allied-motion-2013.html",
        "form5-smith-allied-motion-2013.xml",
    ]
    assert "ALLIED MOTION" in (out / "form5-smith-allied-motion-2013.html").read_text("utf-8")
    # An existing page is not replaced, and then the XML is not written either.
    (out / "form4-joint-filing.xml").unlink()
    assert main(["build", "--preview", drafts[1], "-o", str(out / "form4-joint-filing.xml")]) == 1
    assert not (out / "form4-joint-filing.xml").exists()


# --- the page in a real browser ------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WINDOW = (1056, 816)  # US Letter landscape, 11 x 8.5 inches at 96 pixels per inch
PRINT_WIDTH = 979  # its printable width with the page's 0.4 inch margins


def ten_owner_form_4() -> Filing:
    data = _draft_data("form4-joint-filing.yaml")
    owners = data["reporting_owners"]
    for number in range(len(owners), 10):
        owners.append(
            {
                **owners[0],
                "cik": f"00092001{number:02d}",
                "name": f"Cobalt Ridge Co-Investment Vehicle {number}, L.P. (a Delaware fund)",
            }
        )
        data["signatures"].append(
            {"name": f"Co-Investment Vehicle {number}, by /s/ Elena V. Marsh", "date": "2025-10-22"}
        )
    filing = filing_from_data(data, {}, "ten owners")
    assert len(filing.reporting_owners) == 10
    return filing


class WebDriver:
    """The W3C WebDriver HTTP API of chromedriver, spoken with urllib."""

    def __init__(self, profile: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [str(CHROMEDRIVER), f"--port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.call("GET", "/status")["ready"]:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
        ]
        options = {"binary": CHROMIUM, "args": args}
        capabilities = {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}
        self.session = self.call("POST", "/session", {"capabilities": capabilities})["sessionId"]

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)["value"]

    def __call__(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.call(method, f"/session/{self.session}{path}", body)

    def script(self, source: str) -> Any:
        return self("POST", "/execute/sync", {"script": source, "args": []})

    def cdp(self, command: str, params: dict[str, Any]) -> Any:
        return self("POST", "/goog/cdp/execute", {"cmd": command, "params": params})

    def close(self) -> None:
        try:
            self("DELETE", "")
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(
            "headless Chromium is not installed: apt-get install chromium chromium-driver "
            "(.ci/run installs them)"
        )
    driver = WebDriver(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.close()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["form5-seed", "form4-ten-owners"])
def test_the_page_fits_the_print_width_and_shows_both_tables(
    which: str, browser: WebDriver, tmp_path: Path
) -> None:
    filing = load_draft(SEED) if which == "form5-seed" else ten_owner_form_4()
    page = tmp_path / f"{which}.html"
    page.write_text(preview.html_page(filing, source=which), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    measures = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    for media, width in (("screen", WINDOW[0]), ("print", PRINT_WIDTH)):
        browser("POST", "/window/rect", {"width": width, "height": WINDOW[1]})
        browser.cdp("Emulation.setEmulatedMedia", {"media": media})
        browser("POST", "/url", {"url": page.resolve().as_uri()})
        scroll_width, client_width = browser.script(measures)
        assert scroll_width <= client_width, f"{media}: scrolls sideways at {width}px"
        tables = browser.script(
            "return [...document.querySelectorAll('section.table-block')].map(s => {"
            " const r = s.getBoundingClientRect();"
            " return [s.querySelector('h2').textContent.trim(), r.width, r.height,"
            "  r.right <= document.documentElement.clientWidth]; })"
        )
        assert [t[0][:8] for t in tables] == ["Table I ", "Table II"]
        assert all(w > 0 and h > 0 and inside for _, w, h, inside in tables)
        shot = browser("GET", "/screenshot")
        (ARTIFACTS / f"preview-{which}-{media}.png").write_bytes(base64.b64decode(shot))
        # The whole page: without its scroll bar the page is laid out at the full window width.
        size = browser.cdp("Page.getLayoutMetrics", {})["cssContentSize"]
        size["width"] = max(size["width"], browser.script("return window.innerWidth"))
        whole = browser.cdp(
            "Page.captureScreenshot",
            {
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": size["width"],
                    "height": size["height"],
                    "scale": 1,
                },
            },
        )
        (ARTIFACTS / f"preview-{which}-{media}-full.png").write_bytes(
            base64.b64decode(whole["data"])
        )
    browser.cdp("Emulation.setEmulatedMedia", {"media": ""})
    letter = {"width": 21.59, "height": 27.94}
    pdf = browser(
        "POST", "/print", {"orientation": "landscape", "page": letter, "shrinkToFit": False}
    )
    (ARTIFACTS / f"preview-{which}.pdf").write_bytes(base64.b64decode(pdf))
