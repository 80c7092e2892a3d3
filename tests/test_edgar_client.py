"""The EDGAR API client and the tokens, against the HTTPS stand-in (tests/edgar_standin.py)."""

from __future__ import annotations

import base64
import os
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.edgar.client import (
    PRODUCTION,
    Edgar,
    EdgarError,
    EdgarUnavailable,
    Status,
    package_flag,
    redact,
)
from generator.edgar.tokens import Tokens, read_tokens, secrets_of
from generator.formats.credentials import read_credentials
from generator.support.errors import InputError, UsageError

if TYPE_CHECKING:  # imported by pytest as a plugin (below), so that its asserts are rewritten
    from edgar_standin import EdgarStandIn

pytest_plugins = ["edgar_standin"]


def _package(flag: str = "TEST") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<edgarSubmission>\n'
        "    <submissionType>4</submissionType>\n"
        f"    <testOrLive>{flag}</testOrLive>\n"
        "    <edgarDocument><documentName>form4.xml</documentName>"
        "<documentMimeBlock>PGEvPg==</documentMimeBlock></edgarDocument>\n"
        "</edgarSubmission>\n"
    ).encode()


def _edgar(standin: EdgarStandIn, **options: object) -> Edgar:
    settings: dict[str, object] = {"retries": 2, "backoff": 0.0}
    settings.update(options)
    return Edgar(standin.tokens, standin.base_url, **settings)  # type: ignore[arg-type]


def _error(call: Callable[[], object]) -> EdgarError:
    with pytest.raises(EdgarError) as caught:
        call()
    return caught.value


# --- submitting and following ------------------------------------------------------------------


def test_a_test_submission_gets_an_accession(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package("TEST"), live=False)
    assert sent.live is False
    assert sent.accession == "0001234567-26-000001"
    (record,) = edgar_standin.requests("POST")
    assert record.path == "/submission/single/test"
    tokens = edgar_standin.tokens
    assert record.headers["Authorization"] == f"Bearer {tokens.filer},{tokens.user}"
    assert record.body == _package("TEST")
    assert "X-Edgar-Login-Cik" not in record.headers


def test_the_login_cik_goes_as_a_header_and_makes_the_accession(
    edgar_standin: EdgarStandIn,
) -> None:
    with _edgar(edgar_standin, login_cik="777") as edgar:
        sent = edgar.submit(_package("LIVE"), live=True)
    assert sent.accession.startswith("0000000777-")
    (record,) = edgar_standin.requests("POST")
    assert record.path == "/submission/single/live"
    assert record.headers["X-Edgar-Login-Cik"] == "0000000777"


def test_a_package_flag_that_does_not_match_is_not_sent(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.submit(_package("TEST"), live=True))
    assert "nothing was sent" in str(error)
    assert edgar_standin.records == []


def test_the_standin_refuses_a_flag_that_does_not_match_the_endpoint(
    edgar_standin: EdgarStandIn,
) -> None:
    body = _package("LIVE").replace(b"testOrLive", b"liveTestFlag")
    assert package_flag(body) == "LIVE"
    # an attribute hides the flag from the client's own check, not from the stand-in's parser
    hidden = body.replace(b"<liveTestFlag>", b'<liveTestFlag id="x">')
    assert package_flag(hidden) is None
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.submit(hidden, live=False))
    assert "400" in str(error)
    assert "does not match" in str(error)


def test_wait_goes_from_not_found_to_processing_to_accepted(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.processing_polls = 2
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package(), live=False)
        status = edgar.wait(sent.accession, poll=0.01, not_found_grace=5, timeout=10)
    assert (status.status, status.final, status.found) == ("ACCEPTED", True, True)
    assert "HAS BEEN ACCEPTED" in status.notification
    polls = edgar_standin.requests("GET", "/submission/")
    assert len(polls) == 4  # 404, PROCESSING, PROCESSING, ACCEPTED
    assert all(r.headers["Authorization"] == f"Bearer {edgar_standin.tokens.filer}" for r in polls)


def test_wait_until_found_only(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package(), live=False)
        status = edgar.wait(sent.accession, final=False, poll=0.01, not_found_grace=5)
    assert (status.status, status.final) == ("PROCESSING", False)


def test_status_says_not_found_then_processing(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package(), live=False)
        (first,) = edgar.status([sent.accession])
        (second,) = edgar.status([sent.accession.replace("-", "")])
    assert (first.found, first.status, first.final) == (False, "NOT_FOUND", False)
    assert (second.found, second.status, second.final) == (True, "PROCESSING", False)


def test_a_suspended_submission_brings_its_notification(edgar_standin: EdgarStandIn) -> None:
    text = "Subject: SUSPENDED\n\nERROR: reporting owner CIK and CCC do not match.\n"
    edgar_standin.suspend_next(text)
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package(), live=False)
        status = edgar.wait(sent.accession, poll=0.01, not_found_grace=5)
    assert (status.status, status.final) == ("SUSPENDED", True)
    assert status.notification == text
    assert status.messages == ["Reporting owner CIK and CCC do not match."]


def test_an_unknown_accession_after_the_grace(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.wait("0001234567-26-999999", poll=0.01, not_found_grace=0.05))
    assert "knows no submission 0001234567-26-999999" in str(error)


def test_wait_gives_back_a_status_that_is_not_final_when_time_is_up(
    edgar_standin: EdgarStandIn,
) -> None:
    edgar_standin.processing_polls = 1000
    with _edgar(edgar_standin) as edgar:
        sent = edgar.submit(_package(), live=False)
        status = edgar.wait(sent.accession, poll=0.01, not_found_grace=5, timeout=0.1)
    assert (status.status, status.final) == ("PROCESSING", False)


def test_thirty_accessions_take_two_posts(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.not_found_polls = 0
    with _edgar(edgar_standin) as edgar:
        sent = [edgar.submit(_package(), live=False).accession for _ in range(3)]
        wanted = [*sent, *(f"0001234567-26-{n:06d}" for n in range(100, 127))]
        statuses = edgar.status(wanted)
    posts = edgar_standin.requests("POST", "/submission/status")
    assert [len(p.json["accessionNumbers"]) for p in posts] == [25, 5]
    assert [s.accession for s in statuses] == wanted
    assert [s.status for s in statuses[:3]] == ["PROCESSING"] * 3
    assert all(not s.found for s in statuses[3:])
    assert all(p.headers["Authorization"] == f"Bearer {edgar_standin.tokens.filer}" for p in posts)


def test_a_malformed_accession_is_refused_before_asking(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.status(["12-34"]))
    assert "not an accession number" in str(error)
    assert edgar_standin.records == []


# --- verify and condition ----------------------------------------------------------------------


def test_verify_gives_the_expiry_dates(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        verified = edgar.verify("1234567")
    assert verified.cik == "0001234567"
    assert verified.can_file is True
    assert verified.filer_expires == date(2027, 3, 31)
    assert verified.user_expires == date(2026, 7, 1)
    (record,) = edgar_standin.records
    assert record.path == "/fm/0001234567/verify"
    assert "," in record.headers["Authorization"]


def test_condition(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        accepting = edgar.condition()
        edgar_standin.condition = "OUTSIDE_OPERATING_HOURS"
        closed = edgar.condition()
        edgar_standin.fail(503)
        refused = edgar.condition()
    assert (accepting.condition, accepting.accepting) == ("ACCEPTING", True)
    assert "operational" in accepting.message
    assert (closed.condition, closed.accepting) == ("OUTSIDE_OPERATING_HOURS", False)
    assert refused.accepting is False
    assert all(r.headers["Authorization"] == f"Bearer {edgar_standin.tokens.filer}"
               for r in edgar_standin.records)  # fmt: skip


# --- refusals ----------------------------------------------------------------------------------


def test_401_on_the_user_token(edgar_standin: EdgarStandIn) -> None:
    wrong = Tokens(edgar_standin.tokens.filer, "expired-user-token")
    with Edgar(wrong, edgar_standin.base_url, retries=0) as edgar:
        error = _error(lambda: edgar.submit(_package(), live=False))
    assert "the user API token is wrong or has expired (user tokens last 30 days)" in str(error)
    assert "make a new one in EDGAR Filer Management" in str(error)
    assert "expired-user-token" not in str(error)


def test_401_on_the_filer_token(edgar_standin: EdgarStandIn) -> None:
    wrong = Tokens("old-filer-token", edgar_standin.tokens.user)
    with Edgar(wrong, edgar_standin.base_url, retries=0) as edgar:
        error = _error(edgar.condition)
    assert "the filer API token is wrong or has expired (filer tokens last 1 year)" in str(error)


def test_403_names_delegation_and_login_cik(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(403)
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.submit(_package(), live=False))
    assert "403" in str(error)
    assert "delegate" in str(error)
    assert "--login-cik" in str(error)


def test_400_says_what_edgar_said(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(400, "The submission type 4 is not allowed here.")
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.submit(_package(), live=False))
    assert "400" in str(error)
    assert "The submission type 4 is not allowed here." in str(error)


def test_503_gives_edgars_hours(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(503)
    with _edgar(edgar_standin) as edgar, pytest.raises(EdgarUnavailable) as caught:
        edgar.submit(_package(), live=False)
    assert "6 a.m. to 10 p.m. Eastern Time on business days" in str(caught.value)
    assert caught.value.exit_code == 1
    assert len(edgar_standin.records) == 1  # not retried


def test_server_errors_are_retried_then_succeed(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(500, times=2)
    with _edgar(edgar_standin, retries=3, backoff=0.01) as edgar:
        condition = edgar.condition()
    assert condition.accepting
    assert len(edgar_standin.records) == 3


def test_server_errors_that_go_on_become_a_sentence(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(502, times=10)
    with _edgar(edgar_standin, retries=2, backoff=0.0) as edgar:
        error = _error(lambda: edgar.verify("1234567"))
    assert "server error (502)" in str(error)
    assert "tracking number" in str(error)
    assert len(edgar_standin.records) == 3


def test_a_submission_is_not_repeated_after_a_server_error(edgar_standin: EdgarStandIn) -> None:
    edgar_standin.fail(500, times=10)
    with _edgar(edgar_standin, retries=3) as edgar:
        error = _error(lambda: edgar.submit(_package(), live=False))
    assert "500" in str(error)
    assert len(edgar_standin.records) == 1


def test_http_is_refused() -> None:
    for url in ("http://api.edgarfiling.sec.gov", "http://127.0.0.1:8080", "ftp://x", "nonsense"):
        with pytest.raises(EdgarError, match="not an HTTPS address"):
            Edgar(Tokens("f", "u"), url)
    assert Edgar(Tokens("f")).base_url == PRODUCTION


def test_an_unknown_certificate_is_refused(
    edgar_standin: EdgarStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    import certifi

    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    with _edgar(edgar_standin) as edgar:
        error = _error(lambda: edgar.submit(_package(), live=False))
    assert "not secure" in str(error)
    assert edgar_standin.records == []


def test_a_host_that_does_not_answer_is_named(edgar_standin: EdgarStandIn) -> None:
    with Edgar(edgar_standin.tokens, "https://127.0.0.1:9", retries=1, backoff=0.0) as edgar:
        error = _error(edgar.condition)
    assert "cannot reach EDGAR at 127.0.0.1" in str(error)
    assert "Traceback" not in str(error)


# --- secrecy -----------------------------------------------------------------------------------


def _all_text(error: BaseException) -> str:
    parts = [str(error), repr(error), *map(str, error.args)]
    parts.extend(traceback.format_exception(error))
    return "\n".join(parts)


def test_no_error_ever_shows_a_token(edgar_standin: EdgarStandIn) -> None:
    tokens = edgar_standin.tokens
    assert tokens.user is not None
    echo = f"token {tokens.filer} and {tokens.user} are not valid"
    scenarios: list[tuple[int | None, str | None, Callable[[Edgar], object]]] = [
        (400, echo, lambda e: e.submit(_package(), live=False)),
        (
            401,
            f"token 2 of type USER_API {tokens.user}",
            lambda e: e.submit(_package(), live=False),
        ),
        (401, f"token 1 of type FILER_API {tokens.filer}", lambda e: e.condition()),
        (403, echo, lambda e: e.verify("1234567")),
        (404, echo, lambda e: e.verify("1234567")),
        (500, echo, lambda e: e.status(["0001234567-26-000001", "0001234567-26-000002"])),
        (503, echo, lambda e: e.submit(_package(), live=False)),
        (None, None, lambda e: e.submit(_package("LIVE"), live=False)),
        (None, None, lambda e: e.wait("0001234567-26-999999", poll=0.01, not_found_grace=0.02)),
    ]
    seen = 0
    for code, message, call in scenarios:
        if code is not None:
            edgar_standin.fail(code, message, times=5)
        with _edgar(edgar_standin, retries=1) as edgar:
            assert tokens.filer not in repr(edgar)
            try:
                call(edgar)
            except EdgarError as error:
                seen += 1
                assert error.__cause__ is None and error.__context__ is None
                text = _all_text(error)
                for secret in secrets_of(tokens):
                    assert secret not in text, (code, text)
                if code in (400, 403, 404, 500, 503):
                    assert "[token]" in text, (code, text)  # what EDGAR said, redacted
        edgar_standin._failures.clear()
    assert seen == len(scenarios)
    # a connection that fails, and one that is not trusted
    with Edgar(tokens, "https://127.0.0.1:9", retries=0) as edgar:
        error = _error(edgar.condition)
    assert error.__context__ is None
    assert all(secret not in _all_text(error) for secret in secrets_of(tokens))
    error = _error(lambda: Edgar(tokens, f"http://{tokens.user}@example.com"))
    assert all(secret not in _all_text(error) for secret in secrets_of(tokens))


def test_redact() -> None:
    assert redact("a secret and secret2", ["secret", "secret2"]) == "a [token] and [token]"
    assert redact("nothing", ["", "x"]) == "nothing"


def test_status_holds_raw_but_does_not_print_it() -> None:
    status = Status("0001234567-26-000001", "ACCEPTED", True, "", True, {"x": "y"})
    assert "raw" not in repr(status)


# --- tokens ------------------------------------------------------------------------------------


@pytest.fixture
def no_tokens(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No SEC16_* variables; HOME in tmp_path; the default credentials file's path."""
    for name in list(os.environ):
        if name.startswith("SEC16_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home" / ".config" / "sec16" / "credentials"


def test_repr_of_tokens_hides_them() -> None:
    tokens = Tokens("filer-secret-value", "user-secret-value")
    for text in (repr(tokens), str(tokens), f"{tokens}", repr([tokens])):
        assert "secret" not in text
    assert repr(tokens) == "Tokens(filer=…, user=…)"
    assert repr(Tokens("filer-secret-value")) == "Tokens(filer=…, user=None)"
    assert secrets_of(Tokens("a")) == ("a",)


def test_tokens_from_the_environment(no_tokens: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEC16_FILER_TOKEN", " f.token ")
    monkeypatch.setenv("SEC16_USER_TOKEN", "u.token")
    assert read_tokens(prompt=False) == Tokens("f.token", "u.token")


def test_tokens_from_the_credentials_file(no_tokens: Path) -> None:
    no_tokens.parent.mkdir(parents=True)
    no_tokens.write_text(
        "# tokens and CCCs\n1234567=abcd#123\nFILER_TOKEN=f.file\nUSER_TOKEN=u.file\n"
    )
    no_tokens.chmod(0o600)
    assert read_tokens(prompt=False) == Tokens("f.file", "u.file")
    assert read_credentials(no_tokens) == {1234567: "abcd#123"}  # the token lines are skipped


def test_the_environment_comes_before_the_file(
    no_tokens: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "creds"
    path.write_text("FILER_TOKEN=f.file\nUSER_TOKEN=u.file\n")
    path.chmod(0o600)
    monkeypatch.setenv("SEC16_FILER_TOKEN", "f.env")
    assert read_tokens(str(path), prompt=False) == Tokens("f.env", "u.file")


def test_a_credentials_file_others_can_read_is_refused(no_tokens: Path, tmp_path: Path) -> None:
    path = tmp_path / "creds"
    path.write_text("FILER_TOKEN=f.file-secret\nUSER_TOKEN=u.file-secret\n")
    path.chmod(0o640)
    with pytest.raises(InputError) as caught:
        read_tokens(str(path), prompt=False)
    assert "chmod 600" in str(caught.value)
    assert "secret" not in str(caught.value)


def test_missing_tokens_name_the_three_sources(no_tokens: Path) -> None:
    with pytest.raises(UsageError) as caught:
        read_tokens(prompt=False)
    message = str(caught.value)
    assert "SEC16_FILER_TOKEN" in message and "SEC16_USER_TOKEN" in message
    assert str(no_tokens) in message
    assert "terminal" in message


def test_status_questions_need_only_the_filer_token(
    no_tokens: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEC16_FILER_TOKEN", "f.env")
    assert read_tokens(need_user=False, prompt=False) == Tokens("f.env", None)
    with pytest.raises(UsageError, match="user API token"):
        read_tokens(prompt=False)


def test_tokens_asked_for_on_a_terminal(no_tokens: Path) -> None:
    asked: list[str] = []

    def ask(text: str) -> str:
        asked.append(text)
        return "typed.filer" if "filer" in text else "typed.user"

    assert read_tokens(prompt=True, ask=ask) == Tokens("typed.filer", "typed.user")
    assert len(asked) == 2


def test_a_token_with_a_comma_is_refused_without_showing_it(
    no_tokens: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEC16_FILER_TOKEN", "one,two-secret")
    monkeypatch.setenv("SEC16_USER_TOKEN", "u")
    with pytest.raises(UsageError) as caught:
        read_tokens(prompt=False)
    assert "SEC16_FILER_TOKEN" in str(caught.value)
    assert "secret" not in str(caught.value)


def test_tokens_work_with_the_standin_through_the_environment(
    edgar_standin: EdgarStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    edgar_standin.set_token_environment(monkeypatch)
    with Edgar(read_tokens(prompt=False), edgar_standin.base_url) as edgar:
        assert edgar.verify("1234567").can_file


def test_a_notification_that_is_plain_text_is_kept(edgar_standin: EdgarStandIn) -> None:
    with _edgar(edgar_standin) as edgar:
        status = edgar._status_of({"status": "done", "notification": "not base64!"}, "x")
        encoded = base64.b64encode(b"hello").decode()
        decoded = edgar._status_of(
            {"status": "Accepted", "final": "true", "notification": encoded}, "x"
        )
    assert (status.status, status.final, status.notification) == ("DONE", True, "not base64!")
    assert (decoded.status, decoded.final, decoded.notification) == ("ACCEPTED", True, "hello")
