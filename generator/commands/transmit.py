"""``sec16 submit``, ``sec16 status`` and ``sec16 credentials check``: the EDGAR API.

``submit`` packages a draft as ``sec16 package`` does (or takes a package as it is), checks the
package as ``validate`` does, and sends it only when nothing is wrong, TEST unless ``--live``
(which a person confirms by typing the issuer's ticker, or ``--yes``). The accession number
EDGAR gives is printed and recorded beside the package (``PACKAGE.submission.json``, mode
0600, no secret in it). ``status`` asks EDGAR what became of submissions and explains a
suspense with ``validate``'s rule ids where EDGAR's reason is one of them. ``credentials
check`` says whether the tokens can file for a CIK, when each expires, and whether EDGAR is
accepting now.

The HTTP is ``generator.edgar``'s; the tokens never reach anything this module prints or
writes: it hands them to the client and to nothing else.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.common import ExitCode, existing
from generator.support.errors import DraftError, InputError, UsageError

if TYPE_CHECKING:
    from generator.edgar.client import Edgar, Status
    from generator.model.problems import Problem

#: How often a status is asked again while waiting, and for how long (``--wait``); how long a
#: submission EDGAR does not know yet is asked for again (EDGAR answers "not found" for a few
#: seconds after a transmission). Module constants, so that tests can shorten them.
POLL_SECONDS = 5.0
WAIT_SECONDS = 600.0
NOT_FOUND_SECONDS = 15.0
NOT_FOUND_POLL_SECONDS = 2.0
#: Right after ``submit``, "not found" is normal for longer.
WAIT_NOT_FOUND_SECONDS = 30.0

#: A token expiring within this many days is warned about.
EXPIRY_WARNING_DAYS = 7

#: The hour EDGAR opens on a business day, Eastern Time (it closes at 10 p.m.).
OPENS = 6

#: What each status means, in the words ``status`` prints (docs/transmit.md says the same).
MEANINGS = {
    "PROCESSING": "EDGAR is still processing it; ask again in a minute (or use --wait)",
    "ACCEPTED": "EDGAR accepted it",
    "DISSEMINATED": "EDGAR accepted it and made it public",
    "DONE": "EDGAR has finished with it; nothing more will happen to it",
    "SUSPENDED": "EDGAR suspended it: it is not filed; correct it and send it again",
    "BLOCKED": "EDGAR stopped it; it waits for the SEC to act: call EDGAR Filer Support",
    "NO_STATUS": "EDGAR cannot say what became of it",
}
ACCEPTED = frozenset({"ACCEPTED", "DISSEMINATED", "DONE"})
REFUSED = frozenset({"SUSPENDED", "BLOCKED"})


# --- what a package is: its form, issuer and owners ---------------------------------------------


@dataclass
class Facts:
    """What a submission files, as the confirmation and the record name it."""

    form: str
    issuer_cik: str
    issuer_name: str | None = None
    ticker: str | None = None
    owners: list[tuple[str, str | None]] = field(default_factory=list)

    def issuer_text(self) -> str:
        parts = [p for p in (self.ticker, f"CIK {self.issuer_cik}") if p]
        named = f"{self.issuer_name} " if self.issuer_name else ""
        return f"{named}({', '.join(parts)})"

    def owners_text(self) -> str:
        return (
            "; ".join(f"{name} (CIK {cik})" if name else f"CIK {cik}" for cik, name in self.owners)
            or "none"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "issuer": {"cik": self.issuer_cik, "name": self.issuer_name, "ticker": self.ticker},
            "owners": [{"cik": cik, "name": name} for cik, name in self.owners],
        }


def _facts_of_primary(data: bytes, name: str) -> Facts:
    from generator.formats.xmlsource import XmlSource, parse_ownership

    tree, form = parse_ownership(XmlSource(data), name)
    root = tree.getroot()

    def text(path: str, where: Any = root) -> str | None:
        value = (where.findtext(path) or "").strip()
        return value or None

    owners = [
        (text("rptOwnerCik", owner) or "", text("rptOwnerName", owner))
        for owner in root.iterfind("reportingOwner/reportingOwnerId")
    ]
    return Facts(
        form,
        text("issuer/issuerCik") or "",
        text("issuer/issuerName"),
        text("issuer/issuerTradingSymbol"),
        owners,
    )


def _named_from_draft(facts: Facts, draft: Path) -> None:
    """The issuer's and owners' names a draft gives (a submission leaves them to EDGAR)."""
    from generator.formats.draft import load_draft

    try:
        filing = load_draft(draft)
    except DraftError:  # pragma: no cover - the draft was built just before
        return
    facts.issuer_name = facts.issuer_name or filing.issuer.name
    facts.ticker = facts.ticker or filing.issuer.ticker
    names = {o.cik.lstrip("0"): o.name for o in filing.reporting_owners}
    facts.owners = [(cik, name or names.get(cik.lstrip("0"))) for cik, name in facts.owners]


# --- the package: made from a draft, or taken as it is ----------------------------------------


def record_path(package: Path) -> Path:
    """``form4.submission.xml`` -> ``form4.submission.json``; ``p.xml`` -> ``p.submission.json``."""
    stem = package.stem
    name = f"{stem}.json" if stem.endswith(".submission") else f"{stem}.submission.json"
    return package.with_name(name)


def _package_draft(draft: Path, *, live: bool, credentials: str | None) -> Path | None:
    """Package a draft beside it, as ``sec16 package DRAFT`` names it; None when it has errors
    (printed). An earlier package there is replaced, unless it holds what the draft does not
    give (supporting documents, a contact, notification addresses): then nothing is written."""
    from generator.checks.deadlines import now_eastern
    from generator.checks.rules.deadline import deadline_of_xml
    from generator.formats.envelope import check_package, kept_from_submission
    from generator.pipeline import package as steps
    from generator.support.files import write_atomic

    target = steps.default_output(draft)
    lookup = steps.ccc_sources(credentials)
    try:
        primary = steps.build_primary(draft, lookup)
    except DraftError as err:
        print(str(err), file=sys.stderr)
        return None
    for problem in primary.problems:
        if problem.rule != "ccc-missing":
            print(problem.as_text(str(draft)), file=sys.stderr)
    if (due := deadline_of_xml(primary.data, now_eastern())) is not None:
        print(f"{draft}: {due.sentence('if filed now')}", file=sys.stderr)
    if not primary.valid:
        print(f"{draft}: not sent: fix the errors above; nothing was sent", file=sys.stderr)
        return None
    taken: set[str] = set()
    attachments = steps.draft_attachments(draft, primary, [], taken)
    steps.check_counts(attachments)
    if target.exists():
        kept = kept_from_submission(target, documents=False)
        if kept is not None and (kept.count or kept.contact or kept.notify):
            raise InputError(
                f"{target} exists and holds what {draft} does not give (supporting documents, a "
                "contact or notification addresses), which packaging the draft again would "
                f"lose: send that package itself (sec16 submit {target}, after sec16 package "
                "makes it LIVE or TEST as needed), or move it away; nothing was sent"
            )
    for cik, where in lookup.sources.items():
        print(f"{draft}: the CCC of reporting owner {cik} is from {where}", file=sys.stderr)
    text = steps.assemble(primary, attachments, live=live, contact=None, notify=[])
    found = check_package(text, str(target))
    for problem in found:
        print(problem.as_text(str(target)), file=sys.stderr)
    if found:
        print(f"{draft}: not sent: fix the problems above; nothing was sent", file=sys.stderr)
        return None
    replaced = target.exists()
    write_atomic(target, text, force=True, mode=0o600)
    kind = "LIVE" if live else "TEST"
    again = " (replacing the earlier one)" if replaced else ""
    print(
        f"{draft}: packaged Form {primary.form} as a {kind} submission in {target}{again}, "
        "mode 0600",
        file=sys.stderr,
    )
    return target


@dataclass
class Checked:
    """A package ready to send: its bytes, what it files, and its envelope's TEST/LIVE flag."""

    data: bytes
    facts: Facts
    live: bool


def _check_package(path: Path) -> Checked | None:
    """The package checked as ``validate`` checks it; None (the problems printed) when it has an
    error or lacks a CCC, which EDGAR would suspend it for."""
    from generator.formats.envelope import parse_submission
    from generator.formats.reading import read_xml_source
    from generator.pipeline.validate import check_path

    source = read_xml_source(path)
    if source.envelope is None:
        raise InputError(
            f"{path} is an ownership document, not a submission package: make the package with "
            f"sec16 package {path}, or give sec16 submit the draft; nothing was sent"
        )
    report = check_path(path, "submission")
    blocking: list[Problem] = []
    for problem in report.problems:
        print(problem.as_text(str(path)), file=sys.stderr)
        if problem.severity == "error" or problem.rule == "ccc-missing":
            blocking.append(problem)
    if blocking:
        why = (
            "a reporting owner's CCC is missing (EDGAR would suspend it)"
            if all(p.rule == "ccc-missing" for p in blocking)
            else "fix the problems above"
        )
        print(f"{path}: not sent: {why}; nothing was sent", file=sys.stderr)
        return None
    data = path.read_bytes()
    tree = parse_submission(data, str(path))
    flag = (tree.getroot().findtext("testOrLive") or "").strip() if tree is not None else ""
    return Checked(data, _facts_of_primary(source.data, str(path)), flag == "LIVE")


# --- submit ------------------------------------------------------------------------------------


def _base_url(api: str | None) -> str:
    from generator.edgar.client import PRODUCTION

    url = (api or PRODUCTION).strip().rstrip("/")
    if not url.lower().startswith("https://") or len(url) <= len("https://"):
        raise UsageError(
            f"--api {api}: EDGAR's API is reached over HTTPS only; give its https:// address "
            "(docs/transmit.md)"
        )
    return url


def _cik(value: str, option: str) -> str:
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10 or int(text) == 0:
        raise UsageError(f"{option} {value}: a CIK is a number of up to 10 digits")
    return text.zfill(10)


def _confirm(facts: Facts, base_url: str) -> bool:
    """Ask on the terminal before a LIVE submission; True only when the word asked is typed."""
    word = facts.ticker.upper() if facts.ticker else "LIVE"
    question = (
        f"LIVE submission to EDGAR ({base_url}): Form {facts.form} for issuer "
        f"{facts.issuer_text()}, reporting owner(s) {facts.owners_text()}. Sent, it is filed "
        f"with the SEC and made public.\nType {word} to send it: "
    )
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().upper() == word


def _write_record(package: Path, record: dict[str, Any]) -> Path:
    """``PACKAGE.submission.json`` (0600, atomic); earlier records are kept under ``earlier``."""
    from generator.support.files import write_atomic

    path = record_path(package)
    earlier: list[Any] = []
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    if isinstance(previous, dict):
        earlier = [*previous.pop("earlier", []), previous]
    write_atomic(path, json.dumps({**record, "earlier": earlier}, indent=2) + "\n", mode=0o600)
    return path


def submit(
    source: str,
    *,
    live: bool = False,
    yes: bool = False,
    wait: bool = False,
    login_cik: str | None = None,
    api: str | None = None,
    credentials: str | None = None,
) -> int:
    """Send a package (a draft is packaged first) to EDGAR; see the module's docstring."""
    from generator.edgar.client import Edgar
    from generator.edgar.tokens import read_tokens
    from generator.formats.credentials import require_existing

    [path] = existing([source])
    base_url = _base_url(api)
    agent = _cik(login_cik, "--login-cik") if login_cik else None
    require_existing(credentials)
    if live and not yes and not sys.stdin.isatty():
        raise UsageError(
            "--live needs a terminal to confirm a live filing; run it on a terminal, or add "
            "--yes to confirm on the command line; nothing was sent"
        )
    draft = path.suffix.lower() in (".yaml", ".yml")
    if draft:
        made = _package_draft(path, live=live, credentials=credentials)
        if made is None:
            return ExitCode.INVALID
        package = made
    else:
        package = path
    checked = _check_package(package)
    if checked is None:
        return ExitCode.INVALID
    if draft:
        _named_from_draft(checked.facts, path)
    if checked.live != live:
        flag = "LIVE" if checked.live else "TEST"
        asked = "--live (a LIVE submission)" if live else "no --live (a TEST submission)"
        raise UsageError(
            f"{package} is packaged as a {flag} submission, but the command has {asked}: the "
            "package's own flag and the endpoint must agree. Package it again with sec16 "
            f"package{' --live' if live else ''}, or {'leave out' if not live else 'add'} "
            "--live; nothing was sent"
        )
    tokens = read_tokens(credentials)
    if live and not yes and not _confirm(checked.facts, base_url):
        print(f"{package}: not confirmed; nothing was sent", file=sys.stderr)
        return ExitCode.INVALID
    with Edgar(tokens, base_url, login_cik=agent) as client:
        sent_at = datetime.now(UTC)
        submitted = client.submit(checked.data, live=live)
        kind = "a LIVE submission" if live else "a TEST submission (EDGAR files nothing)"
        print(
            f"{package}: sent Form {checked.facts.form} to EDGAR as {kind}; accession number "
            f"{submitted.accession}"
        )
        record = {
            "accession": submitted.accession,
            "live": live,
            "mode": "LIVE" if live else "TEST",
            "api": base_url,
            "sent": sent_at.isoformat(timespec="seconds"),
            **checked.facts.as_json(),
            "login_cik": agent,
            "package": package.name,
            "sha256": hashlib.sha256(checked.data).hexdigest(),
        }
        where = _write_record(package, record)
        print(
            f"{package}: recorded in {where} (mode 0600); follow it with: sec16 status {package}",
            file=sys.stderr,
        )
        if not wait:
            return ExitCode.OK
        final = client.wait(
            submitted.accession,
            final=True,
            timeout=WAIT_SECONDS,
            poll=POLL_SECONDS,
            not_found_grace=WAIT_NOT_FOUND_SECONDS,
        )
    return _report([final], "text", waited=True)


# --- status ------------------------------------------------------------------------------------


@dataclass
class Asked:
    """One item of ``sec16 status``: an accession number, and the package it came from."""

    accession: str
    package: str | None = None
    api: str | None = None


def _accession(text: str) -> str | None:
    """An accession number as EDGAR writes it, or None when ``text`` is not one."""
    from generator.edgar.client import EdgarError, normal_accession

    try:
        return normal_accession(text)
    except EdgarError:
        return None


def _read_record(path: Path) -> Asked:
    record = path if path.suffix.lower() == ".json" else record_path(path)
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{path}: there is no record of a submission of it ({record}): send it with sec16 "
            "submit, or give the accession number"
        ) from None
    except (OSError, ValueError) as err:
        raise InputError(f"{record}: not a record sec16 submit wrote ({err})") from None
    accession = _accession(str(data.get("accession", ""))) if isinstance(data, dict) else None
    if accession is None:
        raise InputError(f"{record}: not a record sec16 submit wrote (no accession number)")
    api = data.get("api")
    return Asked(accession, str(path), api if isinstance(api, str) else None)


def _items(items: Sequence[str]) -> list[Asked]:
    asked: list[Asked] = []
    for item in items:
        if (accession := _accession(item)) is not None:
            asked.append(Asked(accession))
        elif Path(item).is_file():
            asked.append(_read_record(Path(item)))
        else:
            raise UsageError(
                f"{item} is neither an accession number (0001234567-26-000123) nor a file"
            )
    return asked


def _ask(client: Edgar, accessions: list[str]) -> dict[str, Status]:
    """Each accession's status (the client asks in batches of 25); one EDGAR does not know yet
    is asked for again for ``NOT_FOUND_SECONDS``."""
    found: dict[str, Status] = {}
    pending = list(dict.fromkeys(accessions))
    deadline = time.monotonic() + NOT_FOUND_SECONDS
    while pending:
        for answer in client.status(pending):
            found[answer.accession] = answer
        pending = [a for a in pending if a not in found or not found[a].found]
        if not pending or time.monotonic() >= deadline:
            break
        time.sleep(NOT_FOUND_POLL_SECONDS)
    return found


def status(
    items: Sequence[str],
    *,
    wait: bool = False,
    output_format: str = "text",
    api: str | None = None,
    credentials: str | None = None,
) -> int:
    """Ask EDGAR what became of each submission; see the module's docstring."""
    from generator.edgar.client import Edgar
    from generator.edgar.tokens import read_tokens
    from generator.formats.credentials import require_existing

    asked = _items(items)
    require_existing(credentials)
    if api:
        base_url = _base_url(api)
    else:
        recorded = {a.api for a in asked if a.api}
        if len(recorded) > 1:
            raise UsageError(
                "the submissions were sent to different EDGAR addresses ("
                + ", ".join(sorted(recorded))
                + "); ask for each with its own --api"
            )
        base_url = _base_url(recorded.pop() if recorded else None)
    tokens = read_tokens(credentials, need_user=False)
    with Edgar(tokens, base_url) as client:
        answers = _ask(client, [a.accession for a in asked])
        if wait:
            for accession, answer in answers.items():
                if not answer.final:
                    answers[accession] = client.wait(
                        accession,
                        final=True,
                        timeout=WAIT_SECONDS,
                        poll=POLL_SECONDS,
                        not_found_grace=NOT_FOUND_SECONDS,
                    )
    ordered = [answers[a.accession] for a in dict((a.accession, a) for a in asked).values()]
    packages = {a.accession: a.package for a in asked}
    return _report(ordered, output_format, waited=wait, packages=packages)


# --- explaining a suspense with validate's rules ------------------------------------------------

#: EDGAR's reasons (spec v5.5 §5 and the words of its notifications) -> validate's rule ids.
#: The first pattern that matches a line names its rule; ``xsd`` catches any schema error left.
REASONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(pattern, re.IGNORECASE))
    for rule, pattern in (
        ("footnote-referenced-twice", r"multiple references to the same footnote|footnote\W.*"
         r"referenced (twice|more than once)"),
        ("footnote-unreferenced", r"footnote\W.*(never|not|isn.t) (been )?referenced|"
         r"unreferenced footnote|footnote\W.*no reference"),
        ("footnote-duplicate-id", r"duplicate footnote|footnote id\W.*(duplicate|defined twice|"
         r"more than once)"),
        ("footnote-undefined", r"footnote\W.*(not defined|undefined|does not exist|not found)|"
         r"(undefined|nonexistent|non-existent) footnote"),
        ("too-many-footnotes", r"more than 99 footnotes"),
        ("too-many-owners", r"more than (10|ten) reporting owners"),
        ("too-many-rows", r"more than (30|thirty) (non-?derivative|derivative)"),
        ("duplicate-owner-cik", r"duplicate reporting owner|reporting owner cik\W.*(duplicate|"
         r"more than once|twice)"),
        ("ccc-missing", r"\bccc\b|cik confirmation code|confirmation code"),
        ("processing-instruction", r"processing instruction|xml-stylesheet"),
        ("nature-with-direct", r"natureofownership|nature of ownership"),
        ("notification-duplicate", r"duplicate notification"),
        ("email-invalid", r"e-?mail address"),
        ("document-pdf", r"\bpdf\b"),
        ("xsd", r"schema|cvc-|not in sequence|not prescribed|maximum length|choice list|"
         r"mandatory element|invalid value|escape sequence|does not have a value|max occur"),
    )
)  # fmt: skip


def rule_sentence(rule_id: str) -> str:
    """The sentence ``docs/rules.md`` gives a rule of ``validate``."""
    from generator.checks.rules import OTHER_CHECKS, RULES

    for registered in RULES:
        if registered.id == rule_id:
            return str(registered.summary)
    for other_id, _severity, _source, summary in OTHER_CHECKS:
        if other_id == rule_id:
            return summary[0].upper() + summary[1:] + "."
    if rule_id == "xsd":
        return (
            "The document conforms to the schema of its own form type (element order, required "
            "elements, lengths, codes, number and date formats)."
        )
    return ""


def _reason_texts(answer: Status) -> list[str]:
    texts = [line.strip() for line in answer.notification.splitlines() if line.strip()]
    return texts + answer.messages


def explain(answer: Status) -> list[dict[str, str]]:
    """EDGAR's reasons for a suspense as ``validate``'s rules: ``[{rule, message}]``, one per rule,
    in the order EDGAR gives them; empty when no reason is one of them."""
    if answer.status not in REFUSED:
        return []
    found: dict[str, str] = {}
    for text in _reason_texts(answer):
        for rule_id, pattern in REASONS:
            if pattern.search(text):
                if rule_id not in found:
                    found[rule_id] = rule_sentence(rule_id)
                break
    return [{"rule": rule_id, "message": message} for rule_id, message in found.items()]


# --- printing the answers ----------------------------------------------------------------------


def _report(
    answers: Sequence[Status],
    output_format: str,
    *,
    waited: bool,
    packages: dict[str, str | None] | None = None,
) -> int:
    packages = packages or {}
    code = ExitCode.OK
    results = []
    for answer in answers:
        explained = explain(answer)
        refused = answer.status in REFUSED or answer.status == "NO_STATUS"
        if not answer.found or refused or (waited and not answer.final):
            code = ExitCode.INVALID
        results.append(
            {
                "accession": answer.accession,
                "status": answer.status if answer.found else "NOT_FOUND",
                "final": answer.final,
                "notification": answer.notification or None,
                "explained": explained,
                "package": packages.get(answer.accession),
            }
        )
        if output_format == "text":
            _print_text(answer, explained, waited=waited)
    if output_format == "json":
        print(json.dumps(results, indent=2))
    return code


def _print_text(answer: Status, explained: list[dict[str, str]], *, waited: bool) -> None:
    if not answer.found:
        print(
            f"{answer.accession}: NOT FOUND: EDGAR knows no submission with this accession "
            "number for these tokens (a submission sent a moment ago: ask again in a minute)"
        )
        return
    meaning = MEANINGS.get(answer.status, "a status sec16 does not know")
    final = "" if answer.final else " (not final yet)"
    print(f"{answer.accession}: {answer.status}{final}: {meaning}")
    if explained:
        print(
            "  EDGAR's reasons, as sec16 validate names them (validate the package to see where):"
        )
        for item in explained:
            print(f"  - {item['rule']}: {item['message']}")
    if answer.notification and answer.status not in ACCEPTED:
        print("  EDGAR's notification:")
        for line in answer.notification.splitlines():
            print(f"    {line}".rstrip())
    if not answer.final:
        how = (
            f"still {answer.status} when sec16 stopped waiting"
            if waited
            else (f"{answer.status} is not final yet")
        )
        print(
            f"{answer.accession}: note: {how}; ask again with sec16 status {answer.accession} "
            "--wait",
            file=sys.stderr,
        )


# --- credentials check -------------------------------------------------------------------------


def next_opening(now: datetime) -> datetime:
    """When EDGAR next opens after ``now`` (Eastern time): 6 a.m. of a business day."""
    from generator.checks.deadlines import is_business_day, next_business_day

    day = now.date()
    if not (is_business_day(day) and now.hour < OPENS):
        day = next_business_day(day)
    return datetime(day.year, day.month, day.day, OPENS, tzinfo=now.tzinfo)


def _expiry(label: str, expires: date | None, today: date) -> bool:
    """Print when a token expires; True when it is valid for more than the warning days."""
    if expires is None:
        print(f"{label}: EDGAR did not say when it expires")
        return True
    left = (expires - today).days
    if left < 0:
        print(f"{label}: EXPIRED on {expires.isoformat()}")
        print(
            f"sec16: warning: the {label} expired on {expires.isoformat()}: make a new one in "
            "EDGAR Filer Management (docs/transmit.md)",
            file=sys.stderr,
        )
        return False
    print(f"{label}: expires on {expires.isoformat()} (in {left} day(s))")
    if left <= EXPIRY_WARNING_DAYS:
        print(
            f"sec16: warning: the {label} expires in {left} day(s), on {expires.isoformat()}: "
            "make a new one in EDGAR Filer Management before then (docs/transmit.md)",
            file=sys.stderr,
        )
    return True


def credentials_check(cik: str, *, api: str | None = None, credentials: str | None = None) -> int:
    """Whether the tokens can file for ``cik``, when each expires, whether EDGAR accepts now."""
    from generator.checks.deadlines import now_eastern
    from generator.edgar.client import HOURS, Edgar
    from generator.edgar.tokens import read_tokens
    from generator.formats.credentials import require_existing

    number = _cik(cik, "CIK")
    base_url = _base_url(api)
    require_existing(credentials)
    tokens = read_tokens(credentials)
    with Edgar(tokens, base_url) as client:
        condition = client.condition()
        says = f": {condition.message}" if condition.message else ""
        print(f"EDGAR ({base_url}): {condition.condition}{says}")
        if condition.condition == "OUTSIDE_OPERATING_HOURS":
            opens = next_opening(now_eastern())
            print(
                f"EDGAR is closed now; it is open {HOURS}: it opens next at "
                f"{opens:%Y-%m-%d %H:%M} Eastern Time"
            )
        elif not condition.accepting:
            print(
                "EDGAR is not accepting submissions now; see EDGAR News and Announcements on "
                "SEC.gov, and try again later"
            )
        verified = client.verify(number)
    if verified.can_file:
        print(f"CIK {number}: these tokens can file for it")
    else:
        why = f": {verified.message}" if verified.message else ""
        print(f"CIK {number}: these tokens can NOT file for it{why}")
    today = now_eastern().date()
    filer_ok = _expiry("filer API token", verified.filer_expires, today)
    user_ok = _expiry("user API token", verified.user_expires, today)
    if verified.can_file and filer_ok and user_ok:
        return ExitCode.OK
    return ExitCode.INVALID


__all__ = [
    "MEANINGS",
    "REASONS",
    "credentials_check",
    "explain",
    "next_opening",
    "record_path",
    "status",
    "submit",
]
