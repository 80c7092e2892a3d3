"""What EDGAR shows is what the filer meant: every real filing, judged by its real readers.

The readers are the SEC's own stylesheets (EDGAR renders every Form 3, 4 and 5 for the public
with them) and the SEC's own schemas. A record rebuild (``import`` + ``build --profile record``)
must look the same to the stylesheet as the original; a submission build must pass the SEC's
schemas and never answer the Rule 10b5-1 box for the filer; no XML sec16 writes spells a box
``true``/``false`` (the stylesheets test ``>0`` and ``='1'``, so such a box is shown unticked),
except the one box the stylesheets read as a word, the non-U.S. address flag.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, HISTORIES, SAMPLES, edgar_shows, official_errors
from lxml import etree

from generator.cli import main
from generator.formats.draft import dump_draft, load_draft_text
from generator.formats.importer import import_file
from generator.formats.render import render

#: Every box of the ownership schemas that the SEC's stylesheets read as 1/0.
BOXES = (
    "isDirector", "isOfficer", "isTenPercentOwner", "isOther", "notSubjectToSection16",
    "equitySwapInvolved", "noSecuritiesOwned", "aff10b5One", "form3HoldingsReported",
    "form4TransactionsReported", "rptOwnerGoodAddress",
)  # fmt: skip
#: The box they test as ``='true'``: written so, or a foreign owner is shown as American.
WORD_BOX = "rptOwnerNonUSAddressFlag"
WORD_BOOLEAN = re.compile(rf"<({'|'.join(BOXES)})>\s*(true|false)\s*<", re.IGNORECASE)
FILINGS = [*SAMPLES, *HISTORIES]


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def _boxes_as_digits(tree: etree._ElementTree) -> etree._ElementTree:
    """The original with its boxes spelled 1/0, as sec16 writes them (the one allowed change)."""
    for element in tree.getroot().iter(*BOXES):
        word = (element.text or "").strip().lower()
        if word in ("true", "false"):
            element.text = "1" if word == "true" else "0"
    return tree


def _has_10b5_1_box(path: Path) -> bool:
    return _parse(path).getroot().find("aff10b5One") is not None


def _form(path: Path) -> str:
    return (_parse(path).getroot().findtext("documentType") or "").strip()


def _build_each_folder(drafts: list[Path], out: Path, *options: str) -> list[int]:
    """``sec16 build`` once per folder of drafts (samples and histories share file names)."""
    codes = []
    for folder in sorted({d.parent for d in drafts}):
        mine = [str(d) for d in drafts if d.parent == folder]
        (out / folder.name).mkdir(parents=True)  # a folder, even for a single draft
        codes.append(main(["build", *options, *mine, "-o", str(out / folder.name)]))
    return codes


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every real filing imported: original -> draft (histories in a folder of their own)."""
    found: dict[Path, Path] = {}
    for group, files in (("samples", SAMPLES), ("histories", HISTORIES)):
        folder = tmp_path_factory.mktemp(group)
        assert main(["import", *map(str, files), "-o", str(folder)]) == 0
        found.update({original: folder / f"{original.stem}.yaml" for original in files})
    return found


@pytest.fixture(scope="module")
def records(drafts: dict[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every imported filing rebuilt with ``--profile record``: original -> rebuilt XML."""
    rebuilt: dict[Path, Path] = {}
    for folder in {draft.parent for draft in drafts.values()}:
        out = tmp_path_factory.mktemp(f"record-{folder.name}")
        mine = [d for d in drafts.values() if d.parent == folder]
        assert main(["build", "--profile", "record", *map(str, mine), "-o", str(out)]) == 0
        rebuilt.update({o: out / f"{o.stem}.xml" for o, d in drafts.items() if d.parent == folder})
    return rebuilt


def test_every_real_filing_imports(drafts: dict[Path, Path]) -> None:
    assert len(SAMPLES) >= 90 and HISTORIES
    assert all(draft.is_file() for draft in drafts.values())


def test_edgar_shows_every_record_rebuild_as_the_original(
    records: dict[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    different = {}
    for original, rebuilt in records.items():
        before = edgar_shows(_boxes_as_digits(_parse(original)))
        after = edgar_shows(_parse(rebuilt))
        if before != after:
            words_before, words_after = before.split(), after.split()
            pairs = zip(words_before, words_after, strict=False)
            at = next(
                (i for i, (one, two) in enumerate(pairs) if one != two),
                min(len(words_before), len(words_after)),
            )
            different[original.name] = (
                " ".join(words_before[at : at + 8]),
                " ".join(words_after[at : at + 8]),
            )
    assert different == {}
    with capsys.disabled():
        print(f"\nstylesheets: {len(records)} real filings, the same visible text after rebuild")


def test_record_rebuilds_keep_what_the_original_wrote(records: dict[Path, Path]) -> None:
    """The record's own spelling, its empty elements, its version, and no invented box."""
    for original, rebuilt in records.items():
        old, new = _parse(original).getroot(), _parse(rebuilt).getroot()
        assert (old.findtext("schemaVersion") or "X0609") == new.findtext("schemaVersion")
        assert (old.find("aff10b5One") is None) == (new.find("aff10b5One") is None)
        for tag in ("rptOwnerStreet2", "rptOwnerStateDescription", "rptOwnerState", "remarks"):
            assert len(old.findall(f".//{tag}")) == len(new.findall(f".//{tag}")), tag
        zeros = {
            t for v in old.iter("value") if re.fullmatch(r"\d+\.\d*0", t := (v.text or "").strip())
        }
        assert zeros <= {(v.text or "").strip() for v in new.iter("value")}, original.name


def test_a_record_rebuild_is_valid_as_a_record(
    records: dict[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--profile", "record", *map(str, records.values())]) == 0
    capsys.readouterr()


def test_no_xml_sec16_writes_spells_a_box_as_a_word(
    records: dict[Path, Path], drafts: dict[Path, Path], tmp_path: Path
) -> None:
    submission = tmp_path / "submission"
    answered = [d for o, d in drafts.items() if _has_10b5_1_box(o) or _form(o)[0] == "3"]
    _build_each_folder(answered, submission)
    written = [*EXAMPLES.glob("*.xml"), *records.values(), *submission.glob("*/*.xml")]
    assert len(written) > len(records)
    spelled = [p.name for p in written if WORD_BOOLEAN.search(p.read_text(encoding="utf-8"))]
    assert spelled == []


def test_a_ticked_box_is_shown_ticked_by_the_sec(tmp_path: Path) -> None:
    """The reader that matters: a draft's "no longer subject" and equity-swap boxes, on EDGAR."""
    draft = EXAMPLES / "form4-open-market-purchase.yaml"
    text = draft.read_text(encoding="utf-8").replace(
        "rule_10b5_1_plan:", "no_longer_subject_to_section_16: true\nrule_10b5_1_plan:", 1
    )
    filing = load_draft_text(text, "draft")
    filing.table_1[0].equity_swap = True
    xml = render(filing, "submission", lambda cik: None)
    shown = edgar_shows(etree.ElementTree(etree.fromstring(xml.encode())))
    assert shown.startswith("FORM 4 [x]"), shown[:80]
    assert "P/K" in shown.replace(" ", ""), "the equity swap's /K is not shown"


def test_filings_older_than_the_10b5_1_box_are_refused_for_submission_until_answered(
    drafts: dict[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unanswered = {o: d for o, d in drafts.items() if _form(o)[0] in "45" and not _has_10b5_1_box(o)}
    assert unanswered, "the samples hold Forms 4 and 5 from before 2023"
    out = tmp_path / "out"
    assert set(_build_each_folder(list(unanswered.values()), out)) == {1}
    err = capsys.readouterr().err
    assert not list(out.glob("*/*.xml"))
    for draft in unanswered.values():
        assert f"{draft}: error: The Rule 10b5-1(c) box is not answered" in err
        assert f"{draft}: not built" in err
    assert "(aff10b5-unanswered) [rule_10b5_1_plan]" in err
    # The filing's own words are the hint: LinkedIn's F5 speaks of a 10b5-1 plan.
    assert re.search(r"lnkd_20120227_acf76cca\.yaml: error: .*Footnote F\d+ of this filing", err)


def test_every_other_imported_filing_builds_for_submission_and_passes_the_sec_schemas(
    drafts: dict[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answered = [d for o, d in drafts.items() if _has_10b5_1_box(o) or _form(o)[0] == "3"]
    out = tmp_path / "submission"
    assert set(_build_each_folder(answered, out)) == {0}
    capsys.readouterr()
    built = sorted(out.glob("*/*.xml"))
    assert len(built) == len(answered)
    assert {p.name: official_errors(p) for p in built if official_errors(p)} == {}


def test_answering_the_box_is_all_an_old_filing_needs(tmp_path: Path) -> None:
    original = next(p for p in SAMPLES if _form(p) == "4" and not _has_10b5_1_box(p))
    imported = import_file(original)
    assert imported.filing.rule_10b5_1_plan is None
    assert any("leaves rule_10b5_1_plan unanswered" in note for note in imported.notes)
    answered = load_draft_text(dump_draft(imported.filing) + "rule_10b5_1_plan: false\n", "d")
    xml = render(answered, "submission", lambda cik: None)
    assert official_errors(xml) == []
    assert "<aff10b5One>0</aff10b5One>" in xml


def test_an_old_foreign_state_code_is_kept_in_the_record_and_upgraded_for_submission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = next(p for p in SAMPLES if "<rptOwnerState>A1<" in p.read_text())
    imported = import_file(original)
    address = imported.filing.reporting_owners[0].address
    assert address is not None and address.state == "A1" and address.country is None
    record = render(imported.filing, "record")
    assert "<rptOwnerState>A1</rptOwnerState>" in record
    answered = imported.filing.model_copy(update={"rule_10b5_1_plan": False})
    draft = tmp_path / "draft.yaml"
    draft.write_text(dump_draft(answered), encoding="utf-8")
    assert main(["build", str(draft), "-o", str(tmp_path / "out.xml")]) == 0
    err = capsys.readouterr().err
    assert "note: Reporting owner 1: the state code A1 is a foreign code from before v5.5" in err
    sent = (tmp_path / "out.xml").read_text()
    assert "<rptOwnerNonUSAddressFlag>true</rptOwnerNonUSAddressFlag>" in sent
    assert "<rptOwnerCountry>A1</rptOwnerCountry>" in sent
    assert "<rptOwnerState>" not in sent
    assert official_errors(sent) == []


def test_line_breaks_in_remarks_and_signatures_survive_the_draft(tmp_path: Path) -> None:
    tree = _parse(next(p for p in SAMPLES if _parse(p).getroot().find("remarks") is not None))
    root = tree.getroot()
    remarks = root.find("remarks")
    assert remarks is not None
    remarks.text = "Exhibit 24: Power of Attorney\nExhibit 99: Joint Filer Information"
    signature = root.find("ownerSignature/signatureName")
    assert signature is not None
    signature.text = "/s/ Jane Roe,\nas attorney-in-fact for John Doe"
    changed = tmp_path / "changed.xml"
    tree.write(str(changed))
    filing = load_draft_text(dump_draft(import_file(changed).filing), "draft")
    again = etree.fromstring(render(filing, "record").encode())
    assert again.findtext("remarks") == remarks.text
    assert again.findtext("ownerSignature/signatureName") == signature.text


def test_a_non_us_address_is_shown_as_non_us_by_the_sec(tmp_path: Path) -> None:
    """The one box the stylesheets read as a word: ``rptOwnerNonUSAddressFlag='true'``."""
    original = next(p for p in SAMPLES if "<rptOwnerState>A1<" in p.read_text())
    filing = import_file(original).filing.model_copy(update={"rule_10b5_1_plan": False})
    xml = render(filing, "submission", lambda cik: None)
    assert f"<{WORD_BOX}>true</{WORD_BOX}>" in xml
    shown = edgar_shows(etree.ElementTree(etree.fromstring(xml.encode())))
    assert "(Zip/Postal Code) BRITISH COLUMBIA, CANADA" in shown  # written 1: UNITED STATES
    assert "Code) UNITED STATES" not in shown
