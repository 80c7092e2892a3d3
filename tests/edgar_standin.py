"""A stand-in for the EDGAR API: a local HTTPS server that answers as EDGAR does (v1.11).

Use it from a test module with ``pytest_plugins = ["edgar_standin"]`` and the fixture
``edgar_standin`` (an ``EdgarStandIn``):

    pytest_plugins = ["edgar_standin"]

    def test_send(edgar_standin: EdgarStandIn) -> None:
        with Edgar(edgar_standin.tokens, edgar_standin.base_url) as edgar:
            sent = edgar.submit(package, live=False)
        assert edgar_standin.requests("POST")[0].path == "/submission/single/test"

The server is real HTTPS: a trustme certificate authority made for the test session, and
``SSL_CERT_FILE`` pointed at it (for this process and any subprocess, through monkeypatch), so
the client's own verifying code path is the one tested. HOME is an empty folder, and
``SEC16_FILER_TOKEN``/``SEC16_USER_TOKEN``/``SEC16_CREDENTIALS`` are cleared: a test sets the
tokens when it wants them (``edgar_standin.set_token_environment(monkeypatch)``).

What it checks, as EDGAR does: the one ``Authorization: Bearer <filer>,<user>`` header (both
tokens for submissions and ``/fm``, the filer token alone for ``/status`` and the status
endpoints; a wrong token is a 401 naming "token N of type FILER_API|USER_API"); that the
envelope's ``liveTestFlag`` (or ``testOrLive``, the ownership submission's name for it) matches
the endpoint (400 otherwise); the ``X-EDGAR-LOGIN-CIK`` header when given (10 digits).

What it answers: a submission 202 with an accession number; that accession's status 404 for
``not_found_polls`` questions, PROCESSING for ``processing_polls``, then ACCEPTED (or SUSPENDED
with a base64 notification after ``suspend_next()``). ``fail(code, ...)`` makes the next
request(s) answer 400/401/403/404/500/503. Every request is recorded in ``records``.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme
from lxml import etree
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.edgar.tokens import Tokens

#: The CIK whose tokens the stand-in takes (accession numbers start with it).
FILER_CIK = "0001234567"
DEFAULT_MESSAGES = {
    400: "Bad Request",
    401: "Unauthorized: token 2 of type USER_API is not valid or has expired",
    403: "Forbidden.",
    404: "No submission found",
    500: "An unexpected error has occurred.",
    502: "Bad Gateway",
    503: "EDGAR is not available because EDGAR is reporting that it is not within operating hours.",
}
SUSPENSE_TEXT = (
    "Subject: SUSPENDED FORM TYPE 4\n\nTHE FOLLOWING SUBMISSION HAS BEEN SUSPENDED.\n\n"
    "ERROR: reporting owner CIK and CCC do not match.\n"
)


@dataclass(frozen=True)
class Record:
    """One request as the stand-in received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body or b"null")


@dataclass
class Failure:
    code: int
    message: str
    on: str | None
    times: int


@dataclass
class Sent:
    """A submission the stand-in took."""

    accession: str
    live: bool
    body: bytes
    login_cik: str | None
    suspended: str | None = None  # the notification text when it ends SUSPENDED
    polls: int = 0


@dataclass
class EdgarStandIn:
    """The state of the stand-in for one test: what it accepts, answers and received."""

    base_url: str
    tokens: Tokens
    ca_file: Path
    records: list[Record] = field(default_factory=list)
    submissions: dict[str, Sent] = field(default_factory=dict)
    not_found_polls: int = 1
    processing_polls: int = 1
    condition: str = "ACCEPTING"
    condition_message: str = (
        "EDGAR is available because EDGAR is reporting that it is operational and within "
        "operating hours."
    )
    can_file: bool = True
    filer_expires: str = "2027-03-31T23:59:59-04:00"
    user_expires: str = "2026-07-01T11:59:59-04:00"
    year: str = "26"
    _failures: list[Failure] = field(default_factory=list)
    _suspend: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # --- scripting ------------------------------------------------------------------------------

    def fail(
        self, code: int, message: str | None = None, *, on: str | None = None, times: int = 1
    ) -> None:
        """The next ``times`` requests (whose path starts with ``on``, if given) answer ``code``.

        The body is EDGAR's error shape, ``{"messages": [{"type": "ERROR", "content": ...}]}``;
        a 401 names token 2 of type USER_API unless ``message`` says otherwise.
        """
        text = message if message is not None else DEFAULT_MESSAGES.get(code, f"error {code}")
        self._failures.append(Failure(code, text, on, times))

    def suspend_next(self, notification: str = SUSPENSE_TEXT) -> None:
        """The next submission ends SUSPENDED, with ``notification`` as its (base64) e-mail."""
        self._suspend.append(notification)

    def set_token_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """SEC16_FILER_TOKEN and SEC16_USER_TOKEN set to the tokens the stand-in takes."""
        monkeypatch.setenv("SEC16_FILER_TOKEN", self.tokens.filer)
        monkeypatch.setenv("SEC16_USER_TOKEN", self.tokens.user or "")

    # --- reading what was received --------------------------------------------------------------

    def requests(self, method: str | None = None, path: str | None = None) -> list[Record]:
        """The records, of one method and/or whose path starts with ``path``."""
        return [
            r
            for r in self.records
            if (method is None or r.method == method) and (path is None or r.path.startswith(path))
        ]

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.tokens.filer, self.tokens.user or "")

    # --- the server side ------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        body = request.get_data()
        record = Record(request.method, request.path, dict(request.headers.items()), body)
        with self._lock:
            self.records.append(record)
            forced = self._forced(request.path)
        if forced is not None:
            return _answer(forced.code, _error_body(forced.message))
        path = request.path
        status_path = re.fullmatch(r"/submission/(\d{10}-\d{2}-\d{6})/status", path)
        if path == "/status" and request.method == "GET":
            return self._guarded(request, user=False) or self._condition()
        if status_path and request.method == "GET":
            return self._guarded(request, user=False) or self._one_status(status_path.group(1))
        if path == "/submission/status" and request.method == "POST":
            return self._guarded(request, user=False) or self._many_statuses(body)
        if path in ("/submission/single/live", "/submission/single/test"):
            if request.method != "POST":
                return _answer(405, _error_body("Method Not Allowed"))
            return self._guarded(request, user=True) or self._submit(request, body)
        verify = re.fullmatch(r"/fm/([^/]+)/verify", path)
        if verify and request.method == "GET":
            return self._guarded(request, user=True) or self._verify(verify.group(1))
        return _answer(404, _error_body(f"No resource {path}"))

    def _forced(self, path: str) -> Failure | None:
        for failure in self._failures:
            if failure.on is None or path.startswith(failure.on):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    def _guarded(self, request: Request, *, user: bool) -> Response | None:
        """None when the Authorization header is right for the endpoint, else EDGAR's 401."""
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return _answer(401, _error_body("Unauthorized"))
        given = header[len("Bearer ") :].split(",")
        wanted = [self.tokens.filer, self.tokens.user] if user else [self.tokens.filer]
        if len(given) != len(wanted) or given[0] != wanted[0]:
            if given[0] != wanted[0]:
                return _answer(401, _error_body("Unauthorized: token 1 of type FILER_API"))
            return _answer(
                401, _error_body(f"Unauthorized: expected {len(wanted)} token(s), got {len(given)}")
            )
        if user and given[1] != wanted[1]:
            return _answer(401, _error_body("Unauthorized: token 2 of type USER_API"))
        return None

    def _condition(self) -> Response:
        return _answer(
            200,
            {
                "tracking": secrets.token_hex(16),
                "locator": "l33922",
                "message": self.condition_message,
                "condition": self.condition,
            },
        )

    def _submit(self, request: Request, body: bytes) -> Response:
        live = request.path.endswith("/live")
        login = request.headers.get("X-EDGAR-LOGIN-CIK")
        if login is not None and not re.fullmatch(r"\d{10}", login):
            return _answer(
                400,
                _error_body("If the header X-EDGAR-LOGIN-CIK is provided it must be a valid CIK."),
            )
        flag = _flag_of(body)
        if flag is None:
            return _answer(400, _error_body("The submission is not XML with a liveTestFlag."))
        if flag != ("LIVE" if live else "TEST"):
            return _answer(
                400,
                _error_body(
                    f"The liveTestFlag {flag} does not match the "
                    f"{'LIVE' if live else 'TEST'} endpoint."
                ),
            )
        with self._lock:
            prefix = login or FILER_CIK
            accession = f"{prefix}-{self.year}-{len(self.submissions) + 1:06d}"
            suspended = self._suspend.pop(0) if self._suspend else None
            self.submissions[accession] = Sent(accession, live, body, login, suspended)
        return _answer(
            202,
            {
                "tracking": secrets.token_hex(16),
                "locator": "47a94d",
                "accessionNumber": accession,
                "type": "LIVE" if live else "TEST",
                "messages": [],
            },
        )

    def _progress(self, accession: str) -> dict[str, Any] | None:
        """The next status of a submission (None: 404, not yet or never)."""
        with self._lock:
            sent = self.submissions.get(accession)
            if sent is None:
                return None
            sent.polls += 1
            polls = sent.polls
        if polls <= self.not_found_polls:
            return None
        mode = "LIVE" if sent.live else "TEST"
        if polls <= self.not_found_polls + self.processing_polls:
            return {"accessionNumber": accession, "status": "PROCESSING", "final": "false",
                    "mode": mode, "messages": []}  # fmt: skip
        if sent.suspended is not None:
            return {
                "accessionNumber": accession,
                "status": "SUSPENDED",
                "final": "true",
                "type": mode,
                "notification": base64.b64encode(sent.suspended.encode()).decode("ascii"),
                "submissionMessages": [
                    {
                        "type": "ERROR",
                        "message": "Reporting owner CIK and CCC do not match.",
                        "errorNumber": "312",
                    }
                ],
            }
        text = f"Subject: ACCEPTED FORM TYPE 4 ({accession})\n\nTHE SUBMISSION HAS BEEN ACCEPTED.\n"
        return {
            "accessionNumber": accession,
            "status": "ACCEPTED",
            "final": True,
            "mode": mode,
            "submissionType": "4",
            "notification": base64.b64encode(text.encode()).decode("ascii"),
            "messages": [],
        }

    def _one_status(self, accession: str) -> Response:
        found = self._progress(accession)
        if found is None:
            return _answer(
                404,
                {
                    "tracking": secrets.token_hex(16),
                    "locator": "l33922",
                    "messages": [
                        {"type": "INFO", "message": f"No submission found for '{accession}'"}
                    ],
                },
            )
        return _answer(200, {"tracking": secrets.token_hex(16), "locator": "l33922", **found})

    def _many_statuses(self, body: bytes) -> Response:
        try:
            numbers = json.loads(body)["accessionNumbers"]
        except (ValueError, KeyError, TypeError):
            return _answer(400, _error_body("Bad Request"))
        if not isinstance(numbers, list) or len(numbers) > 25:
            return _answer(
                400,
                _error_body(
                    "Accession numbers exceeded the limit. The maximum number of allowed "
                    "accession numbers is 25."
                ),
            )
        answers = [found for n in numbers if (found := self._progress(str(n))) is not None]
        if not answers:
            return Response(status=204)
        return _answer(200, {"tracking": secrets.token_hex(16), "responses": answers})

    def _verify(self, cik: str) -> Response:
        if not re.fullmatch(r"\d{10}", cik):
            return _answer(400, _error_body(f"Invalid CIK {cik}"))
        return _answer(
            200,
            {
                "tracking": secrets.token_hex(16),
                "locator": "47a94d",
                "messages": [{"type": "INFO", "content": "OK"}],
                "canFile": self.can_file,
                "filerApiTokenExpirationDate": self.filer_expires,
                "userApiTokenExpirationDate": self.user_expires,
            },
        )


def _error_body(message: str) -> dict[str, Any]:
    return {
        "tracking": secrets.token_hex(16),
        "locator": "19ab67",
        "messages": [{"type": "ERROR", "content": message}],
    }


def _answer(code: int, body: dict[str, Any]) -> Response:
    return Response(json.dumps(body), status=code, content_type="application/json")


def _flag_of(body: bytes) -> str | None:
    """The envelope's liveTestFlag (or testOrLive) text; None when not XML or absent."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname in (
            "liveTestFlag",
            "testOrLive",
        ):
            return (element.text or "").strip().upper()
    return None


@dataclass
class _Server:
    server: HTTPServer
    base_url: str
    ca_file: Path
    current: list[EdgarStandIn]


@pytest.fixture(scope="session")
def edgar_standin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Server]:
    """One HTTPS server for the session; each test gets fresh state through ``edgar_standin``."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    certificate.configure_cert(context)
    ca_file = tmp_path_factory.mktemp("edgar-ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    current: list[EdgarStandIn] = []

    def dispatch(request: Request) -> Response:
        if not current:
            return _answer(500, _error_body("no test is using the stand-in"))
        return current[-1].handle(request)

    server.expect_request(re.compile(r"^/.*")).respond_with_handler(dispatch)
    server.start()
    try:
        yield _Server(server, f"https://127.0.0.1:{server.port}", ca_file, current)
    finally:
        server.clear()
        server.stop()


@pytest.fixture
def edgar_standin(
    edgar_standin_server: _Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[EdgarStandIn]:
    """A running stand-in for EDGAR's API, fresh for this test (see the module's docstring).

    HOME is a fresh folder too, so no credentials file of the machine's user is read.
    """
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("SEC16_FILER_TOKEN", "SEC16_USER_TOKEN", "SEC16_CREDENTIALS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(edgar_standin_server.ca_file))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    tokens = Tokens(
        filer="filer." + secrets.token_urlsafe(24), user="user." + secrets.token_urlsafe(24)
    )
    standin = EdgarStandIn(edgar_standin_server.base_url, tokens, edgar_standin_server.ca_file)
    edgar_standin_server.current.append(standin)
    try:
        yield standin
    finally:
        edgar_standin_server.current.remove(standin)
