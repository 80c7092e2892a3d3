"""The example drafts in ``examples/``: each builds to its committed XML, byte for byte, and that
XML passes the SEC's own v5.5 schemas; each draft in ``examples/invalid/`` is refused with a
message that names the file, the key (or element) and the line.

The expected XML files are regenerated on purpose, never by a test:
``python -m generator build examples/CASE.yaml -o examples/CASE.xml --force``.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not necessarily installed in the venv
    sys.path.insert(0, str(ROOT))

from generator.cli import main  # noqa: E402

EXAMPLES = ROOT / "examples"
INVALID = EXAMPLES / "invalid"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEC_SCHEMAS = SHARED / "sec" / "ownership-spec-v5.5" / "schemas"
SEED = SHARED / "seed" / "000_e073f10ceffcad85.txt"
SEED_DRAFT = EXAMPLES / "form5-smith-allied-motion-2013.yaml"

DRAFTS = sorted(EXAMPLES.glob("*.yaml"))
INVALID_DRAFTS = sorted(INVALID.glob("*.yaml"))
SCHEMA_FILES = {
    t: f"ownership{t.replace('/', '')}Document.xsd.xml"
    for t in ("3", "3/A", "4", "4/A", "5", "5/A")
}
#: The one example also built through ``python -m generator`` in a child process.
SUBPROCESS_CASE = "form4-option-exercise-and-sale-10b5-1"

needs_shared_schemas = pytest.mark.skipif(
    not SEC_SCHEMAS.is_dir(), reason="the SEC's schemas (../shared/sec) are not available"
)


@pytest.fixture(autouse=True)
def _no_build_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed XML is built without a CCC and with the bundled schemas."""
    for name in list(os.environ):
        if name.startswith("SEC16_"):
            monkeypatch.delenv(name)


def _clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEC16_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@cache
def _sec_schema(document_type: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(SEC_SCHEMAS / SCHEMA_FILES[document_type]), parser))


def _assert_same_bytes(built: Path, expected: Path) -> None:
    if not expected.is_file():
        pytest.fail(f"{expected.name} is missing: build it from {expected.stem}.yaml and commit it")
    got, want = built.read_bytes(), expected.read_bytes()
    if got != want:
        diff = "".join(
            difflib.unified_diff(
                want.decode("utf-8", "replace").splitlines(keepends=True),
                got.decode("utf-8", "replace").splitlines(keepends=True),
                f"examples/{expected.name} (committed)",
                "built now",
            )
        )
        pytest.fail(
            f"{expected.stem}.yaml no longer builds to the committed XML. If the change is "
            f"intended, rebuild it with `python -m generator build examples/{expected.stem}.yaml "
            f"-o examples/{expected.name} --force`.\n{diff}"
        )


def _assert_sec_valid(xml: Path) -> None:
    tree = etree.parse(str(xml))
    document_type = (tree.getroot().findtext("documentType") or "").strip()
    assert document_type in SCHEMA_FILES, f"{xml.name}: documentType {document_type!r}"
    schema = _sec_schema(document_type)
    if not schema.validate(tree):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        pytest.fail(f"{xml.name} breaks the SEC's Form {document_type} schema:\n{errors}")


def _build_in_process(draft: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["build", str(draft), "-o", str(out), "--force"])
    captured = capsys.readouterr()
    assert status == 0, f"{draft.name} did not build:\n{captured.err}"
    assert "built Form" in captured.out
    return captured.err


# --- the examples --------------------------------------------------------------------------------


def test_there_are_examples() -> None:
    assert len(DRAFTS) >= 11
    assert SEED_DRAFT in DRAFTS


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.stem for d in DRAFTS])
def test_example_is_named_and_explained(draft: Path) -> None:
    assert re.fullmatch(r"form(3|3a|4|4a|5|5a)-[a-z0-9]+(-[a-z0-9]+)*\.yaml", draft.name)
    assert draft.read_text(encoding="utf-8").startswith("# "), "start with a comment header"


def test_every_committed_xml_has_its_draft() -> None:
    orphans = [x.name for x in EXAMPLES.glob("*.xml") if not x.with_suffix(".yaml").is_file()]
    assert not orphans, f"XML without a draft: {orphans}"


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.stem for d in DRAFTS])
def test_example_builds_to_committed_xml(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{draft.stem}.xml"
    warnings = _build_in_process(draft, out, capsys)
    _assert_same_bytes(out, draft.with_suffix(".xml"))
    # An example is clean: the only finding allowed is the CCC that is given at build time.
    # (Its due date, "DRAFT: Form 4 due on ...", is on standard error too, but is no finding.)
    others = [
        line
        for line in warnings.splitlines()
        if line and "(ccc-missing)" not in line and not line.startswith(f"{draft}: Form ")
    ]
    assert not others, "\n".join(others)


@needs_shared_schemas
@pytest.mark.parametrize("draft", DRAFTS, ids=[d.stem for d in DRAFTS])
def test_example_passes_sec_schema(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"{draft.stem}.xml"
    _build_in_process(draft, out, capsys)
    _assert_sec_valid(out)


@needs_shared_schemas
@pytest.mark.parametrize("xml", sorted(EXAMPLES.glob("*.xml")), ids=lambda p: p.stem)
def test_committed_xml_passes_sec_schema(xml: Path) -> None:
    _assert_sec_valid(xml)


def test_example_builds_through_python_dash_m(tmp_path: Path) -> None:
    draft = EXAMPLES / f"{SUBPROCESS_CASE}.yaml"
    out = tmp_path / f"{SUBPROCESS_CASE}.xml"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(draft), "-o", str(out), "--force"],
        cwd=tmp_path,
        env=_clean_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    _assert_same_bytes(out, draft.with_suffix(".xml"))


def test_special_characters_are_escaped() -> None:
    """The XML carries escaped markup characters and the non-ASCII letters as typed."""
    raw = (EXAMPLES / "form4-special-characters.xml").read_bytes()
    text = raw.decode("utf-8")
    assert "AT&amp;T &lt;Holdings&gt;" in text
    assert "Zoë Ñúñez" in text
    root = etree.fromstring(raw)
    assert 'AT&T <Holdings> "Class A"' in (root.findtext("remarks") or "")
    assert 'AT&T <Holdings> "Class A"' in (root.findtext("footnotes/footnote") or "")
    assert root.findtext("ownerSignature/signatureName") == "/s/ Zoë Ñúñez"


# --- drafts that must be refused ----------------------------------------------------------------

#: file -> (what the message must name, the draft line it must give, other words it must say).
#: A line of None: the problem is found in the built XML, after rendering, so the message names
#: the element rather than a draft line.
REFUSALS: dict[str, tuple[str, int | None, tuple[str, ...]]] = {
    "bad-cik.yaml": ("reporting_owners[1].cik", 10, ("00092000310", "CIK")),
    "unknown-key.yaml": ("issuer.tickr", 10, ("not a key",)),
    "dangling-footnote.yaml": ("<transactionPricePerShare>", None, ("F3", "footnote-undefined")),
    "wrong-date.yaml": ("table_1[1].transaction_date", 15, ("2023-02-30",)),
    "negative-shares.yaml": ("table_1[1].shares", 18, ("negative",)),
    "too-many-decimals.yaml": ("table_1[1].price", 19, ("21.37125", "4 decimals")),
    "duplicate-key.yaml": ("table_1[1].shares", 20, ("given twice",)),
    "missing-signature.yaml": ("signatures", 5, ("required but missing",)),
}


def test_every_invalid_draft_has_an_expectation() -> None:
    names = {d.name for d in INVALID_DRAFTS}
    assert len(names) >= 6
    assert names == set(REFUSALS), "list each draft of examples/invalid/ in REFUSALS"


@pytest.mark.parametrize("draft", INVALID_DRAFTS, ids=[d.stem for d in INVALID_DRAFTS])
def test_invalid_draft_is_refused(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key, line, words = REFUSALS[draft.name]
    out = tmp_path / "out.xml"
    status = main(["build", str(draft), "-o", str(out), "--force"])
    err = capsys.readouterr().err
    assert status == 1, err
    assert not out.exists(), "nothing is written for a draft that cannot be built"
    assert "Traceback" not in err
    assert draft.name in err
    assert key in err
    for word in words:
        assert word in err
    if line is not None:
        # The offending key's line in the draft, as "KEY (line N)".
        assert re.search(r"line \d+", err)
        assert f"{key} (line {line})" in err, err


# --- the seed filing ---------------------------------------------------------------------------


def _seed_table_one() -> list[list[str]]:
    """Table I of the seed as printed: title, date, deemed, code, amount, A/D, price, owned, D/I,
    nature."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.startswith("Common Stock\t")]


def _seed_footnotes() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    block = text.split("**Explanation of Responses:**", 1)[1].split("**Remarks:**", 1)[0]
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


def _row_view(row: etree._Element) -> dict[str, object]:
    def noted(path: str) -> tuple[str | None, list[str]]:
        element = row.find(path)
        if element is None:
            return (None, [])
        return (element.findtext("value"), [f.get("id", "") for f in element.findall("footnoteId")])

    return {
        "kind": row.tag,
        "security": row.findtext("securityTitle/value"),
        "date": row.findtext("transactionDate/value"),
        "code": row.findtext("transactionCoding/transactionCode"),
        "shares": noted("transactionAmounts/transactionShares"),
        "acquired_disposed": row.findtext(
            "transactionAmounts/transactionAcquiredDisposedCode/value"
        ),
        "price": noted("transactionAmounts/transactionPricePerShare"),
        "owned": noted("postTransactionAmounts/sharesOwnedFollowingTransaction"),
        "ownership": row.findtext("ownershipNature/directOrIndirectOwnership/value"),
        "nature": row.findtext("ownershipNature/natureOfOwnership/value"),
    }


HOLDING, TRANSACTION = "nonDerivativeHolding", "nonDerivativeTransaction"
#: Table I of the seed, in its order, as the built XML must carry it.
SEED_ROWS = [
    (HOLDING, None, None, (None, []), None, (None, []), ("31346", []), "D", None),
    (
        TRANSACTION, "2013-12-20", "G", ("2000", []), "D", (None, ["F1"]),
        ("602043", []), "I", "By Family Trust",
    ),
    (HOLDING, None, None, (None, []), None, (None, []), ("900", []), "I", "By Spouse's IRA"),
    (HOLDING, None, None, (None, []), None, (None, []), ("17408", ["F2"]), "I", "By IRA"),
    (HOLDING, None, None, (None, []), None, (None, []), ("0", ["F2"]), "I", "By ESOP Trust"),
]  # fmt: skip


@pytest.mark.skipif(not SEED.is_file(), reason="the seed filing (../shared/seed) is not available")
def test_seed_expectation_matches_the_seed_text() -> None:
    """The figures asserted below are the seed's own, as printed on the filed form."""
    printed = _seed_table_one()
    assert len(printed) == len(SEED_ROWS) == 5
    for cells, expected in zip(printed, SEED_ROWS, strict=True):
        _, date, code, shares, ad, price, owned, ownership, nature = expected
        title, p_date, _deemed, p_code, p_amount, p_ad, p_price, p_owned, p_di, p_nature = cells
        assert title == "Common Stock"
        assert p_code == (code or "")
        assert p_ad == (ad or "")
        assert p_amount.replace(",", "") == (shares[0] or "")
        assert p_price == "".join(f"({n[1:]})" for n in price[1])
        owned_printed = owned[0] + "".join(f"({n[1:]})" for n in owned[1])
        assert p_owned.replace(",", "") == owned_printed
        assert p_di == ownership
        assert p_nature == (nature or "")
        if date:
            month, day, year = p_date.split("/")
            assert f"{year}-{month}-{day}" == date


@pytest.mark.skipif(not SEED.is_file(), reason="the seed filing (../shared/seed) is not available")
def test_seed_example_reproduces_the_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "seed.xml"
    _build_in_process(SEED_DRAFT, out, capsys)
    root = etree.parse(str(out)).getroot()

    assert root.findtext("documentType") == "5"
    assert root.findtext("periodOfReport") == "2013-12-31"
    assert root.findtext("issuer/issuerTradingSymbol") == "AMOT"
    relationship = root.find("reportingOwner/reportingOwnerRelationship")
    assert relationship is not None
    assert relationship.findtext("isDirector") == "1"
    for box in ("isOfficer", "isTenPercentOwner", "isOther"):
        assert relationship.findtext(box) in (None, "0")

    table = root.find("nonDerivativeTable")
    assert table is not None
    rows = [_row_view(row) for row in table]
    assert len(rows) == 5
    for row, expected in zip(rows, SEED_ROWS, strict=True):
        kind, date, code, shares, ad, price, owned, ownership, nature = expected
        assert row["kind"] == kind
        assert row["security"] == "Common Stock"
        assert row["date"] == date
        assert row["code"] == code
        if kind == TRANSACTION:
            assert row["shares"] == shares
            assert row["acquired_disposed"] == ad
            assert row["price"] == price
        assert row["owned"] == owned
        assert row["ownership"] == ownership
        assert row["nature"] == nature
    assert root.find("derivativeTable") is None

    footnotes = {f.get("id"): f.text for f in root.iterfind("footnotes/footnote")}
    assert list(footnotes) == ["F1", "F2"]
    assert [footnotes["F1"], footnotes["F2"]] == _seed_footnotes()
    assert footnotes["F1"] == "Bona fide gift of securities."
    assert (footnotes["F2"] or "").startswith(
        "The Reporting Person received a distribution of 17,408 shares"
    )

    signatures = root.findall("ownerSignature")
    assert len(signatures) == 1
    name = signatures[0].findtext("signatureName") or ""
    assert " ".join(name.split()) == "Susan M. Chiaromonte, attorney-in fact for Richard D. Smith"
    assert signatures[0].findtext("signatureDate") == "2014-02-13"


# --- the draft format's documentation -----------------------------------------------------------

DOCS = ROOT / "docs" / "drafts.md"


def _annotated_example() -> str:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## A complete annotated example", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_docs_annotated_example_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = _annotated_example()
    uncommented = [line for line in example.splitlines() if line.strip() and " # " not in line]
    assert not uncommented, f"every line of the annotated example has a comment: {uncommented}"
    draft = tmp_path / "annotated.yaml"
    draft.write_text(example, encoding="utf-8")
    out = tmp_path / "annotated.xml"
    _build_in_process(draft, out, capsys)
    if SEC_SCHEMAS.is_dir():
        _assert_sec_valid(out)


def test_docs_name_every_draft_key() -> None:
    from generator.model import filing as model

    text = DOCS.read_text(encoding="utf-8")
    classes = [
        model.Filing, model.Issuer, model.ReportingOwner, model.Address, model.Relationship,
        model.NonDerivativeTransaction, model.NonDerivativeHolding,
        model.DerivativeTransaction, model.DerivativeHolding, model.Signature,
    ]  # fmt: skip
    missing = sorted(
        f"{cls.__name__}.{name}"
        for cls in classes
        for name in cls.model_fields
        if f"`{name}`" not in text
    )
    assert not missing, f"docs/drafts.md does not describe: {missing}"
