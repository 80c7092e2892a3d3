"""`sec16 submit`, `sec16 status` and `sec16 credentials check` against the stand-in of the EDGAR
API (tests/edgar_standin.py): the acceptance of issue 21, the refusals that send nothing, and the
secrecy of the tokens in every output, file and exception.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import EXAMPLES

from generator.checks.deadlines import now_eastern
from generator.cli import main
from generator.commands import transmit
from generator.edgar.client import EdgarError
from generator.support.errors import Sec16Error

if TYPE_CHECKING:
    from edgar_standin import EdgarStandIn

pytest_plugins = ["edgar_standin"]
pytestmark = pytest.mark.usefixtures("clean_machine")

FORM4 = EXAMPLES / "form4-open-market-purchase.yaml"
OWNER = "0009200031"
#: A test CCC: 8 printable characters.
CCC = "Tq#58213"


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """Polls and graces of a few hundredths of a second."""
    monkeypatch.setattr(transmit, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(transmit, "WAIT_SECONDS", 5.0)
    monkeypatch.setattr(transmit, "NOT_FOUND_SECONDS", 0.5)
    monkeypatch.setattr(transmit, "NOT_FOUND_POLL_SECONDS", 0.01)
    monkeypatch.setattr(transmit, "WAIT_NOT_FOUND_SECONDS", 0.5)


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "form4.yaml"
    shutil.copy(FORM4, target)
    monkeypatch.setenv(f"SEC16_CCC_{OWNER}", CCC)
    return target


@pytest.fixture
def edgar(edgar_standin: EdgarStandIn, monkeypatch: pytest.MonkeyPatch) -> EdgarStandIn:
    """The stand-in, with its tokens in the environment."""
    edgar_standin.set_token_environment(monkeypatch)
    return edgar_standin


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _accession(out: str) -> str:
    found = re.search(r"accession number (\d{10}-\d{2}-\d{6})", out)
    assert found, out
    return found.group(1)


# --- the acceptance: TEST -> accession -> PROCESSING -> ACCEPTED ---------------------------------


def test_submit_test_then_status_processing_then_accepted(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    assert code == 0, err
    accession = _accession(out)
    package = draft.with_name("form4.submission.xml")
    assert package.is_file() and stat.S_IMODE(package.stat().st_mode) == 0o600
    [sent] = edgar.requests("POST", "/submission/single/")
    assert sent.path == "/submission/single/test"
    assert sent.body == package.read_bytes()
    assert b"<testOrLive>TEST</testOrLive>" in sent.body

    record = draft.with_name("form4.submission.json")
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    data = json.loads(record.read_text())
    assert data["accession"] == accession
    assert data["live"] is False and data["mode"] == "TEST"
    assert data["api"] == edgar.base_url
    assert data["form"] == "4"
    assert data["issuer"] == {
        "cik": "0009100031",
        "name": "Lakeshore Community Bancorp, Inc.",
        "ticker": "LKSB",
    }
    assert data["owners"] == [{"cik": OWNER, "name": "Whitfield Thomas E."}]
    assert data["package"] == "form4.submission.xml"
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    assert data["sent"].endswith("+00:00")

    # First "not found" (retried), then PROCESSING: not final, exit 0 with a note.
    code, out, err = _run(capsys, "status", str(package))
    assert code == 0
    assert out.startswith(f"{accession}: PROCESSING (not final yet)")
    assert f"{accession}: note: PROCESSING is not final yet" in err
    assert len(edgar.requests("GET", f"/submission/{accession}/status")) == 2

    code, out, err = _run(capsys, "status", str(package), "--wait")
    assert code == 0
    assert out.startswith(f"{accession}: ACCEPTED: EDGAR accepted it")


def test_submit_wait_follows_to_accepted(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "submit", str(draft), "--wait", "--api", edgar.base_url)
    assert code == 0, err
    accession = _accession(out)
    assert f"{accession}: ACCEPTED: EDGAR accepted it" in out
    # 404, PROCESSING, ACCEPTED: three questions, the filer token alone.
    asked = edgar.requests("GET", f"/submission/{accession}/status")
    assert len(asked) == 3
    assert all(r.headers["Authorization"] == f"Bearer {edgar.tokens.filer}" for r in asked)


def test_status_json_and_batch(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.not_found_polls = 0
    edgar.processing_polls = 0
    _, out, _ = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    first = _accession(out)
    _, out, _ = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    second = _accession(out)
    record = json.loads(draft.with_name("form4.submission.json").read_text())
    assert record["accession"] == second
    assert [e["accession"] for e in record["earlier"]] == [first]

    code, out, err = _run(
        capsys, "status", first, str(draft.with_name("form4.submission.xml")), "--format", "json",
        "--api", edgar.base_url,
    )  # fmt: skip
    assert code == 0, err
    results = json.loads(out)
    assert [r["accession"] for r in results] == [first, second]
    assert all(r["status"] == "ACCEPTED" and r["final"] is True for r in results)
    assert all(r["explained"] == [] for r in results)
    assert "ACCEPTED" in results[0]["notification"]
    assert set(results[0]) >= {"accession", "status", "final", "notification", "explained"}
    [batch] = edgar.requests("POST", "/submission/status")
    assert batch.json == {"accessionNumbers": [first, second]}


# --- a suspense, explained ----------------------------------------------------------------------


def test_suspended_exits_1_with_the_reasons(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.suspend_next()
    code, out, _ = _run(capsys, "submit", str(draft), "--wait", "--api", edgar.base_url)
    assert code == 1
    accession = _accession(out)
    assert f"{accession}: SUSPENDED: EDGAR suspended it" in out
    assert "  - ccc-missing: A submission carries each reporting owner's CCC" in out
    assert "    ERROR: reporting owner CIK and CCC do not match." in out

    code, out, _ = _run(capsys, "status", accession, "--format", "json", "--api", edgar.base_url)
    assert code == 1
    [result] = json.loads(out)
    assert result["status"] == "SUSPENDED" and result["final"] is True
    assert "CCC do not match" in result["notification"]
    assert [e["rule"] for e in result["explained"]] == ["ccc-missing"]


def test_suspense_reasons_map_to_validate_rules(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.suspend_next(
        "THE FOLLOWING SUBMISSION HAS BEEN SUSPENDED.\n"
        "ERROR: Inclusion of a footnote that is never referenced: F2\n"
        "ERROR: Element rptOwnerZipCode: string value exceeds maximum length constraint\n"
        "ERROR: Invalid Issuer CIK\n"
    )
    code, out, _ = _run(capsys, "submit", str(draft), "--wait", "--api", edgar.base_url)
    assert code == 1
    assert "  - footnote-unreferenced: Every footnote is referenced by at least one value" in out
    assert "  - xsd: The document conforms to the schema of its own form type" in out
    # A reason no rule of validate names: EDGAR's own words.
    assert "    ERROR: Invalid Issuer CIK" in out


# --- refusals from EDGAR ------------------------------------------------------------------------


def test_401_user_token_is_a_sentence(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("SEC16_USER_TOKEN", "user.expired-long-ago")
    code, out, err = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    assert code == 1 and out == ""
    assert "the user API token is wrong or has expired" in err
    assert "token 2 of type USER_API" in err
    assert not draft.with_name("form4.submission.json").exists()


def test_503_gives_edgar_hours(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.fail(503, on="/submission/single")
    code, out, err = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    assert code == 1 and out == ""
    assert "6 a.m. to 10 p.m. Eastern Time on business days" in err
    assert edgar.submissions == {}


# --- nothing sent -------------------------------------------------------------------------------


def test_live_without_confirmation_sends_nothing(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # No terminal, no --yes.
    code, out, err = _run(capsys, "submit", str(draft), "--live", "--api", edgar.base_url)
    assert code == 2 and out == ""
    assert "--live needs a terminal" in err
    assert edgar.records == []

    # A terminal, and the wrong answer.
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or "yes")
    code, out, err = _run(capsys, "submit", str(draft), "--live", "--api", edgar.base_url)
    assert code == 1
    assert "not confirmed; nothing was sent" in err
    assert edgar.records == []
    [question] = asked
    assert "LIVE submission" in question and "Form 4" in question
    assert "Lakeshore Community Bancorp, Inc. (LKSB, CIK 0009100031)" in question
    assert "Whitfield Thomas E. (CIK 0009200031)" in question
    assert question.endswith("Type LKSB to send it: ")

    # The ticker typed: sent LIVE.
    monkeypatch.setattr("builtins.input", lambda q: "lksb")
    code, out, err = _run(capsys, "submit", str(draft), "--live", "--api", edgar.base_url)
    assert code == 0, err
    [sent] = edgar.requests("POST", "/submission/single/")
    assert sent.path == "/submission/single/live"
    assert b"<testOrLive>LIVE</testOrLive>" in sent.body
    assert json.loads(draft.with_name("form4.submission.json").read_text())["live"] is True


def test_flag_must_match_live(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["package", str(draft)]) == 0
    package = draft.with_name("form4.submission.xml")
    capsys.readouterr()
    code, _, err = _run(capsys, "submit", str(package), "--live", "--yes", "--api", edgar.base_url)
    assert code == 2
    assert "packaged as a TEST submission, but the command has --live" in err
    assert edgar.records == []


def _tampered(package: Path, change: tuple[bytes, bytes]) -> Path:
    text = package.read_text()
    block = re.search(r"<documentMimeBlock>(.*?)</documentMimeBlock>", text, re.S)
    assert block
    primary = base64.b64decode("".join(block.group(1).split()))
    assert change[0] in primary
    primary = primary.replace(*change)
    encoded = base64.encodebytes(primary).decode()
    target = package.with_name("tampered.xml")
    target.write_text(text.replace(block.group(1), encoded))
    return target


@pytest.mark.parametrize(
    ("change", "said"),
    [
        pytest.param(
            (
                b"<remarks",
                b'<footnotes><footnote id="F1">never used</footnote></footnotes><remarks',
            ),
            "(footnote-unreferenced)",
            id="orphan-footnote",
        ),
        pytest.param(
            (f"<rptOwnerCcc>{CCC}</rptOwnerCcc>".encode(), b""), "(ccc-missing)", id="no-ccc"
        ),
    ],
)
def test_a_package_with_an_error_is_not_sent(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str],
    change: tuple[bytes, bytes], said: str,
) -> None:  # fmt: skip
    assert main(["package", str(draft)]) == 0
    capsys.readouterr()
    package = draft.with_name("form4.submission.xml")
    if change[0] == b"<remarks" and b"<remarks" not in _primary(package):
        change = (b"<ownerSignature>", change[1].replace(b"<remarks", b"<ownerSignature>"))
    bad = _tampered(package, change)
    code, out, err = _run(capsys, "submit", str(bad), "--api", edgar.base_url)
    assert code == 1 and out == ""
    assert said in err
    assert "nothing was sent" in err
    assert edgar.records == []


def _primary(package: Path) -> bytes:
    block = re.search(r"<documentMimeBlock>(.*?)</documentMimeBlock>", package.read_text(), re.S)
    assert block
    return base64.b64decode("".join(block.group(1).split()))


def test_a_draft_with_an_error_is_not_sent(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft.write_text(draft.read_text().replace("code: P", "code: Q"))
    code, out, _ = _run(capsys, "submit", str(draft), "--api", edgar.base_url)
    assert code == 1 and out == ""
    assert edgar.records == []
    assert not draft.with_name("form4.submission.xml").exists()


# --- delegation, credentials check --------------------------------------------------------------


def test_login_cik_is_sent(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys, "submit", str(draft), "--login-cik", "7777777", "--api", edgar.base_url
    )
    assert code == 0, err
    assert _accession(out).startswith("0007777777-")
    [sent] = edgar.requests("POST", "/submission/single/")
    assert sent.headers["X-Edgar-Login-Cik"] == "0007777777"
    record = json.loads(draft.with_name("form4.submission.json").read_text())
    assert record["login_cik"] == "0007777777"


def test_credentials_check(edgar: EdgarStandIn, capsys: pytest.CaptureFixture[str]) -> None:
    today = now_eastern().date()
    edgar.filer_expires = (today + timedelta(days=200)).isoformat()
    edgar.user_expires = (today + timedelta(days=3)).isoformat()
    code, out, err = _run(capsys, "credentials", "check", OWNER, "--api", edgar.base_url)
    assert code == 0
    assert out.startswith(f"EDGAR ({edgar.base_url}): ACCEPTING: EDGAR is available")
    assert f"CIK {OWNER}: these tokens can file for it" in out
    assert "filer API token: expires on" in out and "(in 200 day(s))" in out
    assert "user API token: expires on" in out and "(in 3 day(s))" in out
    assert "warning: the user API token expires in 3 day(s)" in err
    assert "filer API token expires" not in err

    edgar.can_file = False
    code, out, _ = _run(capsys, "credentials", "check", "9200031", "--api", edgar.base_url)
    assert code == 1
    assert f"CIK {OWNER}: these tokens can NOT file for it" in out


def test_credentials_check_outside_hours(
    edgar: EdgarStandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    edgar.fail(503, on="/status")
    edgar.user_expires = (now_eastern().date() + timedelta(days=20)).isoformat()
    code, out, _ = _run(capsys, "credentials", "check", OWNER, "--api", edgar.base_url)
    assert code == 0  # EDGAR is closed, but the tokens can file
    assert "OUTSIDE_OPERATING_HOURS" in out
    assert "it opens next at" in out and "06:00 Eastern Time" in out


def test_next_opening() -> None:
    from datetime import datetime

    from generator.checks.deadlines import eastern

    zone = eastern()
    friday_night = datetime(2026, 12, 4, 23, 0, tzinfo=zone)
    assert transmit.next_opening(friday_night) == datetime(2026, 12, 7, 6, 0, tzinfo=zone)
    early = datetime(2026, 12, 7, 5, 0, tzinfo=zone)
    assert transmit.next_opening(early) == datetime(2026, 12, 7, 6, 0, tzinfo=zone)


def test_status_usage(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, "status", "not-an-accession")
    assert code == 2 and "neither an accession number" in err
    package = tmp_path / "p.xml"
    package.write_text("<x/>")
    code, _, err = _run(capsys, "status", str(package))
    assert code == 2 and "p.submission.json" in err
    code, _, err = _run(capsys, "status", "0001234567-26-000001", "--api", "http://example.com")
    assert code == 2 and "HTTPS only" in err


def test_status_not_found(edgar: EdgarStandIn, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "status", "0001234567-26-000099", "--api", edgar.base_url)
    assert code == 1
    assert out.startswith("0001234567-26-000099: NOT FOUND")
    assert len(edgar.requests("GET")) > 1  # asked again before giving up


# --- secrecy ------------------------------------------------------------------------------------


def _every_path(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[int, str, str]]:  # fmt: skip
    url = ("--api", edgar.base_url)
    yield _run(capsys, "submit", str(draft), *url)
    package = str(draft.with_name("form4.submission.xml"))
    yield _run(capsys, "status", package, *url)
    yield _run(capsys, "status", package, "--wait", "--format", "json", *url)
    yield _run(capsys, "submit", str(draft), "--wait", *url)
    edgar.suspend_next()
    yield _run(capsys, "submit", str(draft), "--wait", *url)
    yield _run(capsys, "status", package, "--format", "json", *url)
    yield _run(capsys, "credentials", "check", OWNER, *url)
    for code in (400, 401, 403, 404, 500, 503):
        edgar.fail(code, on="/submission/single", times=5)
        yield _run(capsys, "submit", str(draft), *url)
        edgar.fail(code, times=5)
        yield _run(capsys, "status", package, *url)
        edgar.fail(code, times=5)
        yield _run(capsys, "credentials", "check", OWNER, *url)
    yield _run(capsys, "status", "0001234567-26-000999", *url)
    yield _run(capsys, "submit", str(draft), "--live", *url)  # refused: no terminal
    # Wrong tokens: EDGAR's 401 for the filer token, then for the user token.
    monkeypatch.setenv("SEC16_FILER_TOKEN", edgar.tokens.filer + "x")
    yield _run(capsys, "submit", str(draft), *url)
    yield _run(capsys, "status", package, *url)
    monkeypatch.setenv("SEC16_FILER_TOKEN", edgar.tokens.filer)
    monkeypatch.setenv("SEC16_USER_TOKEN", (edgar.tokens.user or "") + "x")
    yield _run(capsys, "submit", str(draft), *url)
    yield _run(capsys, "credentials", "check", OWNER, *url)


def test_no_token_in_any_output_file_or_exception(
    edgar: EdgarStandIn, draft: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    secrets = [s for s in edgar.secrets if s]
    assert len(secrets) == 2
    codes = set()
    for code, out, err in _every_path(edgar, draft, capsys, monkeypatch):
        codes.add(code)
        for secret in secrets:
            assert secret not in out and secret not in err
    assert codes == {0, 1, 2}
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert draft.with_name("form4.submission.json") in files
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, path
            assert base64.b64encode(secret.encode()) not in data, path

    # The exceptions themselves, their causes and contexts.
    monkeypatch.setenv("SEC16_USER_TOKEN", edgar.tokens.user or "")
    for code in (401, 403, 500, 503):
        edgar.fail(code, on="/submission/single", times=5)
        with pytest.raises(Sec16Error) as caught:
            transmit.submit(str(draft), api=edgar.base_url)
        capsys.readouterr()
        chain: list[BaseException] = []
        error: BaseException | None = caught.value
        while error is not None and error not in chain:
            chain.append(error)
            error = error.__cause__ or error.__context__
        for error in chain:
            text = f"{error} {error!r} {error.args!r}"
            for secret in secrets:
                assert secret not in text
    assert isinstance(caught.value, EdgarError)
