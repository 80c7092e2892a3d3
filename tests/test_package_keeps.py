"""`sec16 package` keeps what it is given (issue 16): a submission file packaged again (the
TEST -> LIVE step) keeps its supporting documents, contact and notification addresses, unless
`--attach`, `--contact` or `--notify` replaces them, and says what it kept."""

from __future__ import annotations

import base64
import stat
from functools import cache
from pathlib import Path

import pytest
from conftest import EXAMPLES, SHARED
from lxml import etree

from generator.cli import main
from generator.pipeline import package

FORM4 = EXAMPLES / "form4-open-market-purchase.yaml"
CIK = "0009200031"
CCC = "Zq#83517"
SEC_ENVELOPE = SHARED / "sec" / "ownership-spec-v5.5" / "schemas" / "edgarSubmission.xsd.xml"
CONTACT = "Jane Doe,202-555-0100,jane@example.com"


@pytest.fixture(autouse=True)
def _owner_ccc(clean_machine: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The owner's CCC from the environment; nothing else from the machine running the tests."""
    monkeypatch.setenv(f"SEC16_CCC_{CIK}", CCC)


@cache
def _sec_envelope() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(SEC_ENVELOPE), parser))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _decoded(document: etree._Element) -> bytes:
    return base64.b64decode("".join((document.findtext("documentMimeBlock") or "").split()))


def _envelope(path: Path) -> dict[str, object]:
    """What a package holds: TEST or LIVE, contact, addresses, documents (name, type,
    description, bytes)."""
    tree = etree.parse(str(path))
    assert _sec_envelope().validate(tree), _sec_envelope().error_log
    root = tree.getroot()
    point = root.find("pointOfContact")
    return {
        "live": root.findtext("testOrLive"),
        "contact": None
        if point is None
        else [
            point.findtext(tag)
            for tag in ("contactName", "contactPhoneNumber", "contactEmailAddress")
        ],
        "notify": [e.text for e in root.iterfind("notificationAddresses/notificationEmailAddress")],
        "documents": [
            (
                d.findtext("documentName"),
                d.findtext("documentType"),
                d.findtext("documentDescription"),
                _decoded(d),
            )
            for d in root.iterfind("edgarDocument")
        ],
    }


@pytest.fixture
def submission(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """S.xml: the draft packaged (TEST) with a power of attorney, a contact and an address."""
    poa = tmp_path / "poa.txt"
    poa.write_text("I appoint Jane Doe my attorney-in-fact for Forms 3, 4 and 5.\n")
    out = tmp_path / "S.xml"
    code, _, err = _run(
        capsys,
        "package",
        str(FORM4),
        "-o",
        str(out),
        "--attach",
        f"{poa}:EX-24:Power of attorney",
        "--contact",
        CONTACT,
        "--notify",
        "counsel@example.com",
    )
    assert code == 0, err
    return out


def test_live_keeps_the_power_of_attorney_contact_and_notification(
    submission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _envelope(submission)
    assert before["live"] == "TEST"
    live = tmp_path / "L.xml"
    code, out, err = _run(capsys, "package", str(submission), "-o", str(live), "--live", "--yes")
    assert code == 0, err
    after = _envelope(live)
    assert after["live"] == "LIVE"
    assert after["contact"] == ["Jane Doe", "202-555-0100", "jane@example.com"]
    assert after["notify"] == ["counsel@example.com"]
    documents = after["documents"]
    assert isinstance(documents, list) and len(documents) == 2
    assert documents == before["documents"]  # the primary document (CCC as given) and the EX-24
    assert documents[1][:3] == ("poa.txt", "EX-24", "Power of attorney")
    assert "form4.xml and 1 attachment(s)" in out
    notes = [line for line in err.splitlines() if ": note: " in line]
    assert notes == [
        f"{submission}: note: kept the supporting document poa.txt (EX-24, 'Power of attorney')",
        f"{submission}: note: kept the contact Jane Doe, 202-555-0100, jane@example.com",
        f"{submission}: note: kept the notification address(es) counsel@example.com",
    ]
    assert CCC not in out + err
    assert stat.S_IMODE(live.stat().st_mode) == 0o600


def test_the_default_output_of_a_submission_keeps_it_too(
    submission: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``sec16 package S.xml --live --yes``, as a filer types it."""
    code, out, err = _run(capsys, "package", str(submission), "--live", "--yes")
    assert code == 0, err
    written = package.default_output(submission)
    assert str(written) in out
    kept = _envelope(written)
    assert kept["live"] == "LIVE" and kept["notify"] == ["counsel@example.com"]
    assert [d[1] for d in kept["documents"]] == ["4", "EX-24"]  # type: ignore[attr-defined]


def test_options_replace_what_they_name(
    submission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exhibit = tmp_path / "exhibit.txt"
    exhibit.write_text("Exhibit 99.\n")
    out = tmp_path / "R.xml"
    code, _, err = _run(
        capsys,
        "package",
        str(submission),
        "-o",
        str(out),
        "--attach",
        str(exhibit),
        "--contact",
        "John Roe,,john@example.com",
        "--notify",
        "cfo@example.org",
    )
    assert code == 0, err
    replaced = _envelope(out)
    assert replaced["live"] == "TEST"
    assert replaced["contact"] == ["John Roe", None, "john@example.com"]
    assert replaced["notify"] == ["cfo@example.org"]
    documents = replaced["documents"]
    assert [d[:2] for d in documents] == [("form4.xml", "4"), ("exhibit.txt", "EX-99")]  # type: ignore[attr-defined]
    for what in ("supporting document(s)", "contact", "notification address(es)"):
        assert f"replaces the {what}" in err or f"replaces the 1 {what}" in err, err
    assert "kept" not in err

    # Only the contact replaced: the documents and the addresses stay.
    out = tmp_path / "C.xml"
    code, _, err = _run(
        capsys, "package", str(submission), "-o", str(out), "--contact", "John Roe,,"
    )
    assert code == 0, err
    partly = _envelope(out)
    assert partly["contact"] == ["John Roe", None, None]
    assert partly["notify"] == ["counsel@example.com"]
    assert [d[1] for d in partly["documents"]] == ["4", "EX-24"]  # type: ignore[attr-defined]


def test_a_live_submission_packaged_without_live_becomes_test_and_says_so(
    submission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = tmp_path / "L.xml"
    assert _run(capsys, "package", str(submission), "-o", str(live), "--live", "--yes")[0] == 0
    again = tmp_path / "T.xml"
    code, out, err = _run(capsys, "package", str(live), "-o", str(again))
    assert code == 0, err
    assert _envelope(again)["live"] == "TEST" and "TEST submission" in out
    assert "this was a LIVE submission" in err


def test_a_kept_document_that_is_not_base64_stops_the_package(
    submission: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = etree.parse(str(submission))
    block = tree.getroot().findall("edgarDocument")[1].find("documentMimeBlock")
    assert block is not None
    block.text = "not base64 at all!"
    broken = tmp_path / "broken.xml"
    tree.write(str(broken), xml_declaration=True, encoding="UTF-8")
    out = tmp_path / "out.xml"
    code, _, err = _run(capsys, "package", str(broken), "-o", str(out))
    assert code == 1 and not out.exists()
    assert "'poa.txt'" in err and "--attach" in err
    other = tmp_path / "other.txt"
    other.write_text("Another power of attorney.\n")
    code, _, err = _run(
        capsys, "package", str(broken), "-o", str(out), "--attach", f"{other}:EX-24"
    )
    assert code == 0, err
    assert [d[:2] for d in _envelope(out)["documents"]] == [  # type: ignore[attr-defined]
        ("form4.xml", "4"),
        ("other.txt", "EX-24"),
    ]
