"""A client of the EDGAR API (EDGAR Next, v1.11): transmit a submission, follow its status.

Only what sec16 needs: the single submission endpoints (``/submission/single/{live|test}``),
the submission status (one accession, or up to 25 at once), the filing credentials check
(``/fm/{cik}/verify``) and EDGAR's operating condition (``/status``). Both tokens travel in one
header, filer token first (``Authorization: Bearer <filer>,<user>``); status questions send the
filer token alone.

Every failure becomes an ``EdgarError`` whose message is a sentence for the filer. No message,
and no exception (its cause and context included), ever holds a token: text taken from a
response passes through ``redact`` first, and errors are raised outside ``except`` blocks so no
transport exception (which carries the request and its headers) rides along as context.
HTTPS only, certificates always verified (``SSL_CERT_FILE`` is honoured, as httpx does).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import TracebackType
from typing import Any

import httpx

from generator import __version__
from generator.edgar.tokens import Tokens, secrets_of
from generator.support.errors import Sec16Error

PRODUCTION = "https://api.edgarfiling.sec.gov"
#: When EDGAR takes submissions (the SEC's notification text and the EDGAR Filer Manual).
HOURS = "6 a.m. to 10 p.m. Eastern Time on business days"
#: The most accession numbers one POST /submission/status may ask about.
BATCH = 25
#: Statuses after which nothing changes, whatever ``final`` says.
FINAL_STATUSES = frozenset({"ACCEPTED", "DISSEMINATED", "SUSPENDED", "DONE"})
NOT_FOUND = "NOT_FOUND"

_ACCESSION = re.compile(r"^\d{10}-\d{2}-\d{6}$")
_TOKEN_NAMED = re.compile(r"token\s*(\d)\s*of\s*type\s*([A-Z_]+)", re.IGNORECASE)
_FLAG = re.compile(rb"<(?:[\w.-]+:)?(?:liveTestFlag|testOrLive)\s*>\s*(\w+)\s*<")
_RETRY_STATUSES = frozenset({429, 500, 502, 504})
_MAX_SAID = 600


class EdgarError(Sec16Error):
    """EDGAR refused, failed or could not be reached; the message says what to do. Exit 1."""

    exit_code = 1


class EdgarUnavailable(EdgarError):
    """EDGAR is not taking submissions now (503: outside its hours, or it cannot say)."""


@dataclass(frozen=True)
class Submitted:
    """A submission EDGAR took: its accession number, and whether it was LIVE."""

    accession: str
    live: bool


@dataclass(frozen=True)
class Status:
    """Where a submission stands.

    ``status`` is upper case (PROCESSING, ACCEPTED, DISSEMINATED, SUSPENDED, DONE, BLOCKED, ...;
    ``NOT_FOUND`` when EDGAR does not know the accession, yet). ``notification`` is the text of
    EDGAR's e-mail (base64 decoded; '' when there is none). ``found`` is False for EDGAR's 404,
    which it answers for a few seconds after a submission.
    """

    accession: str
    status: str
    final: bool
    notification: str
    found: bool
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def messages(self) -> list[str]:
        """EDGAR's messages on the submission (its errors and warnings), as plain lines."""
        return _said_lines(self.raw, "messages") + _said_lines(self.raw, "submissionMessages")


@dataclass(frozen=True)
class Verified:
    """What ``/fm/{cik}/verify`` says: whether these tokens can file for the CIK, and until when."""

    cik: str
    can_file: bool
    message: str
    filer_expires: date | None
    user_expires: date | None


@dataclass(frozen=True)
class Condition:
    """EDGAR's operating condition (``ACCEPTING``, ``OUTSIDE_OPERATING_HOURS``, ...)."""

    condition: str
    message: str
    accepting: bool


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced by ``[token]`` (longest first)."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "[token]")
    return text


def normal_cik(cik: str) -> str:
    """A CIK as ten digits; EdgarError when it is not a CIK."""
    text = str(cik).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= len(text) <= 10 or int(text) == 0:
        raise EdgarError(f"{text!r} is not a CIK: a CIK is a number of up to 10 digits")
    return text.zfill(10)


def normal_accession(accession: str) -> str:
    """An accession number as ``##########-##-######`` (18 digits without dashes are taken)."""
    text = str(accession).strip()
    if text.isascii() and text.isdigit() and len(text) == 18:
        text = f"{text[:10]}-{text[10:12]}-{text[12:]}"
    if not _ACCESSION.match(text):
        raise EdgarError(
            f"{text!r} is not an accession number: EDGAR's are written ##########-##-###### "
            "(the sender's CIK, the year, a sequence number)"
        )
    return text


def package_flag(package: bytes) -> str | None:
    """LIVE or TEST as the submission's envelope says (``testOrLive`` or ``liveTestFlag``)."""
    match = _FLAG.search(package[:20000])
    return match.group(1).decode("ascii", "replace").upper() if match else None


def _said_lines(body: Any, key: str = "messages") -> list[str]:
    """The human text of EDGAR's ``messages`` (each ``content`` or ``message``)."""
    if not isinstance(body, dict):
        return []
    lines = []
    for item in body.get(key) or ():
        if isinstance(item, dict):
            text = item.get("content") or item.get("message")
            if isinstance(text, str) and text.strip():
                lines.append(text.strip())
        elif isinstance(item, str) and item.strip():
            lines.append(item.strip())
    return lines


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def _decode_notification(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return value  # not base64 after all: the text as EDGAR gave it
    return data.decode("utf-8", "replace")


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


class Edgar:
    """The EDGAR API at ``base_url`` (EDGAR's own by default, or EDGAR Beta's), with tokens.

    ``login_cik``: a filing agent's CIK, sent as ``X-EDGAR-LOGIN-CIK`` with a submission (the
    accession number is made from it; the filer's CIK must delegate to it). ``retries`` and
    ``backoff`` (seconds, doubled each time) apply to server errors and lost connections of
    requests that are safe to repeat: status questions, verify, /status. A submission is
    repeated only when the connection could not even be made, so it is never sent twice.
    """

    def __init__(
        self,
        tokens: Tokens,
        base_url: str = PRODUCTION,
        *,
        login_cik: str | None = None,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.tokens = tokens
        self._secrets = secrets_of(tokens)
        base = (base_url or PRODUCTION).strip().rstrip("/")
        try:
            url = httpx.URL(base)
        except httpx.InvalidURL:
            url = None
        if url is None or url.scheme != "https" or not url.host:
            shown = redact(base, self._secrets)
            raise EdgarError(
                f"{shown} is not an HTTPS address: sec16 sends EDGAR tokens only over HTTPS "
                f"with a verified certificate (EDGAR's API is {PRODUCTION})"
            )
        self.base_url = base
        self.host = url.host
        self.login_cik = normal_cik(login_cik) if login_cik else None
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self._sleep = sleep
        self._client = httpx.Client(
            base_url=base,
            timeout=timeout,
            transport=transport,
            verify=True,
            trust_env=True,
            follow_redirects=False,
            headers={"User-Agent": f"sec16/{__version__}", "Accept": "application/json"},
        )

    # --- the endpoints -------------------------------------------------------------------------

    def submit(self, package: bytes, *, live: bool) -> Submitted:
        """Transmit one submission (the package ``sec16 package`` wrote) as LIVE or TEST."""
        flag = package_flag(package)
        wanted = "LIVE" if live else "TEST"
        if flag is not None and flag != wanted:
            raise EdgarError(
                f"the package says {flag} but it was to be sent as {wanted}: nothing was sent. "
                f"Package it again as {wanted}, or send it as {flag}"
            )
        headers = {"Content-Type": "application/xml"}
        if self.login_cik:
            headers["X-EDGAR-LOGIN-CIK"] = self.login_cik
        path = f"/submission/single/{'live' if live else 'test'}"
        response = self._request(
            "POST", path, "send the submission", user=True, content=package, headers=headers,
            repeatable=False,
        )  # fmt: skip
        if response.status_code not in (200, 201, 202):
            raise self._refusal(response, "send the submission")
        body = self._json(response)
        accession = body.get("accessionNumber") if isinstance(body, dict) else None
        if not isinstance(accession, str) or not _ACCESSION.match(accession.strip()):
            raise EdgarError(
                f"EDGAR answered the submission ({response.status_code}) without an accession "
                "number. It may have taken it: look in EDGAR Filer Management (Retrieve "
                "Submission Information) before sending it again"
            )
        return Submitted(accession=accession.strip(), live=live)

    def status(self, accessions: Sequence[str]) -> list[Status]:
        """The status of each accession, in the order asked (404: ``found`` False)."""
        wanted = [normal_accession(a) for a in accessions]
        if not wanted:
            return []
        if len(wanted) == 1:
            return [self._one_status(wanted[0])]
        by_number: dict[str, Status] = {}
        unique = list(dict.fromkeys(wanted))
        for start in range(0, len(unique), BATCH):
            chunk = unique[start : start + BATCH]
            response = self._request(
                "POST", "/submission/status", "ask for the status of submissions",
                user=False, payload={"accessionNumbers": chunk},
            )  # fmt: skip
            if response.status_code == 204:
                continue
            if response.status_code != 200:
                raise self._refusal(response, "ask for the status of submissions")
            body = self._json(response)
            items = body.get("responses") if isinstance(body, dict) else None
            for item in items or ():
                if isinstance(item, dict):
                    found = self._status_of(item, None)
                    by_number[found.accession] = found
        return [by_number.get(a) or self._missing(a, {}) for a in wanted]

    def wait(
        self,
        accession: str,
        *,
        final: bool = True,
        timeout: float = 600.0,
        poll: float = 5.0,
        not_found_grace: float = 30.0,
    ) -> Status:
        """Ask until the status is final (or, ``final=False``, until EDGAR knows it at all).

        EDGAR's 404 is "not yet" for ``not_found_grace`` seconds, then an EdgarError (no such
        accession). When ``timeout`` passes first, the last status is returned as it is (not
        final): the caller says to ask again later.
        """
        number = normal_accession(accession)
        start = time.monotonic()
        while True:
            current = self._one_status(number)
            elapsed = time.monotonic() - start
            if not current.found:
                if elapsed >= not_found_grace:
                    raise EdgarError(
                        f"EDGAR knows no submission {number} (still not found after "
                        f"{not_found_grace:g} seconds): check the accession number, and that the "
                        "filer API token is the one of the CIK that sent it"
                    )
            elif not final or current.final:
                return current
            if elapsed >= timeout:
                return current
            self._sleep(max(0.0, min(poll, timeout - elapsed)))

    def verify(self, cik: str) -> Verified:
        """Whether the tokens can file for ``cik``, and when each token expires."""
        number = normal_cik(cik)
        what = f"check the filing credentials for CIK {number}"
        response = self._request("GET", f"/fm/{number}/verify", what, user=True)
        if response.status_code != 200:
            raise self._refusal(response, what)
        body = self._json(response)
        if not isinstance(body, dict):
            body = {}
        return Verified(
            cik=number,
            can_file=_truth(body.get("canFile")),
            message=self._redact("; ".join(_said_lines(body))),
            filer_expires=_day(body.get("filerApiTokenExpirationDate")),
            user_expires=_day(body.get("userApiTokenExpirationDate")),
        )

    def condition(self) -> Condition:
        """EDGAR's operating condition (filer token only).

        A 503 (outside EDGAR's hours) is an answer here, not an error: the condition
        ``OUTSIDE_OPERATING_HOURS``, not accepting.
        """
        what = "ask EDGAR's operating condition"
        response = self._request("GET", "/status", what, user=False)
        if response.status_code == 503:
            said = "; ".join(_said_lines(self._json(response)))
            return Condition(
                condition="OUTSIDE_OPERATING_HOURS",
                message=self._redact(said) or f"EDGAR is open {HOURS}.",
                accepting=False,
            )
        if response.status_code != 200:
            raise self._refusal(response, what)
        body = self._json(response)
        if not isinstance(body, dict):
            body = {}
        condition = str(body.get("condition") or "").strip().upper()
        message = body.get("message")
        text = message if isinstance(message, str) else "; ".join(_said_lines(body))
        return Condition(
            condition=condition,
            message=self._redact(text.strip()),
            accepting=condition.replace(" ", "_").startswith("ACCEPTING"),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Edgar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Edgar({self.base_url!r}, tokens={self.tokens!r})"

    # --- the parts -----------------------------------------------------------------------------

    def _one_status(self, accession: str) -> Status:
        what = f"ask for the status of {accession}"
        response = self._request("GET", f"/submission/{accession}/status", what, user=False)
        if response.status_code == 404:
            return self._missing(accession, self._json(response))
        if response.status_code != 200:
            raise self._refusal(response, what)
        return self._status_of(self._json(response), accession)

    def _missing(self, accession: str, body: Any) -> Status:
        raw = body if isinstance(body, dict) else {}
        return Status(accession, NOT_FOUND, final=False, notification="", found=False, raw=raw)

    def _status_of(self, body: Any, accession: str | None) -> Status:
        raw = body if isinstance(body, dict) else {}
        number = raw.get("accessionNumber") or raw.get("submissionAccessionNumber") or accession
        status = str(raw.get("status") or "").strip().upper().replace(" ", "_")
        final = _truth(raw.get("final")) if "final" in raw else status in FINAL_STATUSES
        return Status(
            accession=str(number or ""),
            status=status or "UNKNOWN",
            final=final,
            notification=self._redact(_decode_notification(raw.get("notification"))),
            found=True,
            raw=raw,
        )

    def _redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content or b"null")
        except (ValueError, UnicodeDecodeError):
            return None

    def _header(self, user: bool) -> str:
        if not user:
            return f"Bearer {self.tokens.filer}"
        if not self.tokens.user:
            raise EdgarError(
                "this needs the user API token as well as the filer API token: give it as "
                "SEC16_USER_TOKEN, a USER_TOKEN= line in the credentials file, or at the prompt"
            )
        return f"Bearer {self.tokens.filer},{self.tokens.user}"

    def _request(
        self,
        method: str,
        path: str,
        what: str,
        *,
        user: bool,
        repeatable: bool = True,
        content: bytes | None = None,
        payload: Any = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """One request, repeated as ``retries`` allows; an EdgarError when it never gets through.

        Answers that are refusals (4xx, 503) are returned for the caller to word; 5xx answers
        are returned once the retries are spent.
        """
        sent = {"Authorization": self._header(user), **(headers or {})}
        attempt = 0
        while True:
            failure: str | None = None
            again = False
            response: httpx.Response | None = None
            try:
                response = self._client.request(
                    method, path, content=content, json=payload, headers=sent
                )
            except httpx.TimeoutException as err:
                connect = isinstance(err, httpx.ConnectTimeout)
                failure = (
                    f"EDGAR at {self.host} did not answer in time ({type(err).__name__}) when "
                    f"sec16 tried to {what}"
                )
                again = repeatable or connect
                if not repeatable and not connect:
                    failure += (
                        ". EDGAR may have received the submission: look for it in EDGAR Filer "
                        "Management before sending it again"
                    )
            except httpx.ConnectError as err:
                reason = self._redact(str(err)) or type(err).__name__
                if "CERTIFICATE" in reason.upper() or "SSL" in reason.upper():
                    failure = (
                        f"the connection to {self.host} is not secure: its certificate could not "
                        f"be verified ({reason}); sec16 sends EDGAR tokens only over a verified "
                        "connection, so nothing was sent"
                    )
                else:
                    failure = f"cannot reach EDGAR at {self.host} ({reason}) to {what}"
                    again = True
            except httpx.HTTPError as err:
                reason = self._redact(str(err)) or type(err).__name__
                failure = f"the connection to EDGAR at {self.host} failed ({reason}) to {what}"
                again = repeatable
                if not repeatable:
                    failure += (
                        ". EDGAR may have received the submission: look for it in EDGAR Filer "
                        "Management before sending it again"
                    )
            if response is not None:
                if not (repeatable and response.status_code in _RETRY_STATUSES):
                    return response
                if attempt >= self.retries:
                    return response
                again = True
            if failure is not None and (not again or attempt >= self.retries):
                break
            self._sleep(self._delay(attempt, response))
            attempt += 1
        if attempt:
            failure = f"{failure} (tried {attempt + 1} times)"
        raise EdgarError(failure or f"sec16 could not {what}")

    def _delay(self, attempt: int, response: httpx.Response | None) -> float:
        delay: float = self.backoff * (2.0**attempt)
        after = str(response.headers.get("Retry-After", "")) if response is not None else ""
        if after.isdigit():
            delay = max(delay, min(float(after), 60.0))
        return delay

    def _refusal(self, response: httpx.Response, what: str) -> EdgarError:
        """The sentence for an answer that is not a success (never holding a token)."""
        code = response.status_code
        body = self._json(response)
        said_lines = _said_lines(body)
        if not said_lines and body is None:
            text = response.text.strip()
            if text and not text.lstrip().startswith("<"):
                said_lines = [text]
        said = self._redact("; ".join(said_lines))[:_MAX_SAID]
        tracking = ""
        if isinstance(body, dict) and isinstance(body.get("tracking"), str):
            tracking = self._redact(body["tracking"].strip())[:64]
        quoted = f' EDGAR said: "{said}".' if said else ""
        if code == 400:
            return EdgarError(f"EDGAR refused to {what} (400 Bad Request).{quoted}")
        if code == 401:
            return EdgarError(f"EDGAR refused to {what} (401 Unauthorized): {self._which(said)}")
        if code == 403:
            return EdgarError(
                f"EDGAR refused to {what} (403 Forbidden): the tokens cannot file for that CIK. "
                "The user of the user API token must be allowed to file for it and, when a "
                "filing agent files for an owner, the owner's CIK must delegate to the agent's "
                "CIK (give the agent's CIK with --login-cik). Check the delegations and roles "
                f"in EDGAR Filer Management.{quoted}"
            )
        if code == 404:
            return EdgarError(f"EDGAR has no such resource (404 Not Found) to {what}.{quoted}")
        if code == 503:
            return EdgarUnavailable(
                f"EDGAR is not taking requests now (503 Service Unavailable), so sec16 could "
                f"not {what}. EDGAR is open {HOURS}; try again then.{quoted}"
            )
        if 300 <= code < 400:
            return EdgarError(
                f"EDGAR at {self.host} answered {code} (a redirect) when sec16 tried to {what}; "
                "sec16 does not follow redirects with tokens. Check the API address"
            )
        help_desk = f" (tracking number {tracking} for EDGAR Filer Support)" if tracking else ""
        if code >= 500:
            return EdgarError(
                f"EDGAR failed with a server error ({code}) when sec16 tried to {what}; try "
                f"again later{help_desk}.{quoted}"
            )
        return EdgarError(f"EDGAR answered {code} when sec16 tried to {what}.{quoted}")

    def _which(self, said: str) -> str:
        match = _TOKEN_NAMED.search(said)
        kind = ""
        if match:
            kind = "user" if "USER" in match.group(2).upper() or match.group(1) == "2" else "filer"
        user_text = (
            "the user API token is wrong or has expired (user tokens last 30 days): make a new "
            "one in EDGAR Filer Management"
        )
        filer_text = (
            "the filer API token is wrong or has expired (filer tokens last 1 year): a "
            "technical administrator of the CIK makes a new one in EDGAR Filer Management"
        )
        quoted = f' EDGAR said: "{said}".' if said else ""
        if kind == "user":
            return f"{user_text}.{quoted}"
        if kind == "filer":
            return f"{filer_text}.{quoted}"
        return (
            f"EDGAR did not take the tokens: either {filer_text}, or {user_text} "
            f"(`sec16 credentials check CIK` tells which).{quoted}"
        )
