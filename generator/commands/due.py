"""``sec16 due`` and ``sec16 late``: a book's deadlines, and its late filings (Item 405).

Both read a book (``generator.book.sources.read_book``): a file of the book that is not a
filing or a draft is a warning on standard error, not the end of the report; a missing path is
a usage error (exit 2); a broken book.yaml is the DraftError read_book raises (exit 1). Both are
information and exit 0 otherwise. The rules applied are in docs/due.md.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from generator.commands.common import ExitCode
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.book.due import DueItem, DueReport, Party, Transaction
    from generator.book.late import LateReport, LateTransaction
    from generator.book.sources import Book


def _book(paths: Sequence[str]) -> Book:
    """The book of ``paths``; each must exist (exit 2), unreadable files are warned about."""
    from pathlib import Path

    from generator.book.sources import read_book

    if not paths:
        raise UsageError("give the book's folder (or its files)")
    for name in paths:
        if not Path(name).exists():
            raise UsageError(f"{name}: no such file or folder; give the book's folder")
    book = read_book(paths)
    for path, reason in book.unreadable:
        why = reason.removeprefix(f"{path}: ")
        print(
            f"sec16: warning: {path} is not a filing or a draft, left out of the book: {why}",
            file=sys.stderr,
        )
    return book


# --- sec16 due -----------------------------------------------------------------------------------


def due(
    paths: Sequence[str], *, as_of: date | datetime | None = None, output_format: str = "text"
) -> int:
    """What the book's insiders must file and when, overdue first, as of ``as_of`` (a date or
    an Eastern date-time; default now): text, one JSON object, or an iCalendar file."""
    from generator.book.due import due_report, iter_lines

    report = due_report(_book(paths), as_of)
    if output_format == "json":
        json.dump(due_json(report), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif output_format == "ics":
        data = due_calendar(report)  # CRLF line ends, as RFC 5545 wants: written as bytes
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(data)
        else:  # a text-only standard output (an embedding program's)
            sys.stdout.write(data.decode("utf-8"))
    else:
        for line in iter_lines(report):
            print(line)
    return ExitCode.OK


def _moment_json(moment: date | datetime) -> str:
    return moment.isoformat()


def _party(party: Party) -> dict[str, str]:
    return {"cik": party.cik, "name": party.name}


def _transaction_json(transaction: Transaction) -> dict[str, Any]:
    row = transaction.row
    return {
        "table": row.table,
        "security": row.security,
        "date": row.date.isoformat() if row.date else None,
        "deemed_execution_date": transaction.deemed.isoformat() if transaction.deemed else None,
        "code": row.code,
        "form_type": row.form_type,
        "shares": None if row.shares is None else f"{row.shares:f}",
        "price": None if transaction.price is None else f"{transaction.price:f}",
        "acquired_disposed": row.acquired_disposed,
        "ownership": row.ownership,
        "timeliness": transaction.timeliness,
    }


def _item_json(item: DueItem) -> dict[str, Any]:
    return {
        "form": item.form,
        "owners": [_party(o) for o in item.owners],
        "issuer": _party(item.issuer),
        "due": item.due.isoformat(),
        "start": item.deadline.start.isoformat(),
        "why": item.why,
        "rule": item.rule,
        "status": item.status,
        "business_days": item.business_days,
        "status_text": item.status_text,
        "if_filed_at_as_of": item.if_filed_now,
        "required": item.required,
        "source": item.source,
        "path": str(item.path) if item.path is not None else None,
        "deferred": [
            {**_transaction_json(d.transaction), "path": str(d.path), "reason": d.reason}
            for d in item.deferred
        ],
        "notes": list(item.notes),
        "uid": _uid(item),
    }


def due_json(report: DueReport) -> dict[str, Any]:
    """``sec16 due --format json``: one object."""
    return {
        "as_of": _moment_json(report.moment),
        "items": [_item_json(item) for item in report.items],
        "overdue": len(report.overdue),
        "filed": [
            {"draft": str(draft.path), "filing": str(filing.path)} for draft, filing in report.filed
        ],
        "notes": list(report.notes),
    }


def _uid(item: DueItem) -> str:
    """A UID that stays the same for the same owners, issuer, form and due date."""
    return hashlib.sha256(item.key.encode("utf-8")).hexdigest()[:32] + "@sec16"


def _stamp(moment: date | datetime) -> datetime:
    """DTSTAMP: the --as-of moment in UTC (a date: its midnight, Eastern)."""
    from generator.checks.deadlines import eastern

    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(0), eastern())
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=eastern())
    return moment.astimezone(UTC)


def due_calendar(report: DueReport) -> bytes:
    """``sec16 due --format ics``: one all-day VEVENT per item (RFC 5545), for a calendar."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//sec16//sec16 due//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Section 16 filings due")
    stamp = _stamp(report.moment)
    for item in report.items:
        event = Event()
        event.add("uid", _uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + timedelta(days=1))
        who = "; ".join(o.name or f"CIK {o.cik}" for o in item.owners)
        issuer = item.issuer.name or f"CIK {item.issuer.cik}"
        condition = " (if anything to report)" if not item.required else ""
        event.add("summary", f"Form {item.form} due{condition}: {who} in {issuer}")
        lines = [
            f"Form {item.form} due {item.due:%A} {item.due.isoformat()}: {item.why} ({item.rule}).",
            f"Owner: {'; '.join(str(o) for o in item.owners)}. Issuer: {item.issuer}.",
            f"From: {item.source}.",
            f"As of {_moment_json(report.moment)}: {item.status_text}.",
            *(f"To report: {d.transaction.describe()} ({d.reason})." for d in item.deferred),
            *item.notes,
        ]
        event.add("description", "\n".join(lines))
        event.add("categories", ["Section 16", f"Form {item.form}"])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


# --- sec16 late ----------------------------------------------------------------------------------


def late(paths: Sequence[str], *, year: int, output_format: str = "text") -> int:
    """The filings of ``year`` (by filing date) made after their due date, by insider, with
    the counts Item 405 of Regulation S-K asks for: text, or one JSON object."""
    from generator.book.late import iter_lines, late_report

    if not 1934 <= year <= 9998:
        raise UsageError(f"--year {year}: give a calendar year from 1934 on, such as 2025")
    report = late_report(_book(paths), year)
    if output_format == "json":
        json.dump(late_json(report), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for line in iter_lines(report):
            print(line)
    return ExitCode.OK


def _late_transaction_json(late: LateTransaction) -> dict[str, Any]:
    return {
        **_transaction_json(late.transaction),
        "due": late.due.isoformat() if late.due else None,
        "reason": late.reason,
    }


def late_json(report: LateReport) -> dict[str, Any]:
    """``sec16 late --format json``: one object."""
    return {
        "year": report.year,
        "filings_examined": report.examined,
        "filing_dates": dict(sorted(report.sources.items())),
        "insiders": [
            {
                "owner": _party(insider.owner),
                "issuers": [_party(i) for i in insider.issuers],
                "late_reports": len(insider.late_reports),
                "late_transactions": insider.late_transactions,
                "known_failures_to_file": list(insider.not_filed),
                "sentence": insider.sentence(),
                "filings": [
                    {
                        "path": str(v.entry.path),
                        "form": v.entry.form,
                        "issuer_cik": v.entry.issuer_cik,
                        "filed": v.filed.isoformat(),
                        "filed_how": v.entry.filed_how,
                        "due": v.due.isoformat() if v.due else None,
                        "why": v.why,
                        "business_days_late": v.late_days,
                        "late": v.late,
                        "transactions_not_on_time": [
                            _late_transaction_json(t) for t in v.transactions
                        ],
                        "transactions_to_check": [_late_transaction_json(t) for t in v.review],
                        "note": v.note,
                    }
                    for v in insider.verdicts
                ],
            }
            for insider in report.insiders
        ],
        "undated": [str(e.path) for e in report.undated],
        "notes": list(report.notes),
    }
