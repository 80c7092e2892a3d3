"""``sec16 late``: the filings of a year made after their due date, by insider (Item 405).

Item 405(a)(2) of Regulation S-K asks, for each reporting person who failed to file on time,
the number of late reports, the number of transactions not reported on a timely basis and any
known failure to file a required form. For each filing of the book filed in the year (by its
filing date, and saying where that date comes from) this module decides:

* an original Form 3, 4 or 5 is a late report when filed after its due date
  (``generator.checks.rules.deadline.filing_deadline``, the same answer ``validate`` gives);
* a Form 4's transactions not reported on time are its "4" transactions whose own Form 4
  deadline (two business days after the execution or deemed execution date) passed before the
  filing date; its "5" transactions are early, never late;
* a Form 5's transactions not reported on time are those that belonged on a Form 4
  (``due.belongs_on_form4``), those marked late (transactionTimeliness L) and, when the Form 5
  itself is late, all of them; a Form 5 that reports any is a late report;
* an amendment is late only for what its original omitted: the transactions (a 3/A: the
  holdings) that no original of the book reports, each judged against its own due date. An
  amendment that corrects a figure, or whose original the book does not hold, is not counted
  (the second is said in a note).

Known failures to file are the items of ``sec16 due`` (as of now) that fell due in the year and
are still overdue. docs/due.md says each decision and its source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from generator.book.due import (
    Ledger,
    Party,
    Transaction,
    belongs_on_form4,
    cik_number,
    day_text,
    due_report,
    plural,
    row_key,
    small_acquisition,
)
from generator.book.sources import Book, Entry
from generator.checks import deadlines
from generator.model.values import us_date

#: How the reports say where a filing date comes from.
FILED_HOW = {
    "header": "the EDGAR header",
    "book.yaml": "book.yaml (filed:)",
    "signature (assumed)": "assumed from the last signature date",
    "none": "unknown",
}


@dataclass(frozen=True)
class LateTransaction:
    """A transaction not reported on time: what it is, when it was due, why it is late."""

    transaction: Transaction
    due: date | None
    reason: str


@dataclass
class Verdict:
    """One filing of the year, judged."""

    entry: Entry
    #: The day EDGAR deems it filed (the filing date moved to a business day).
    filed: date
    #: Its own due date and why (None: an amendment, or no date to count from).
    due: date | None = None
    why: str = ""
    #: Business days after its own due date (0: in time or no deadline).
    late_days: int = 0
    transactions: list[LateTransaction] = field(default_factory=list)
    #: Transactions that may or may not have been late, which a person must check (not
    #: counted): a small purchase on a Form 5.
    review: list[LateTransaction] = field(default_factory=list)
    #: Rows of an amendment that no original reports (for the record; the late ones are in
    #: ``transactions``).
    new_rows: int = 0
    note: str = ""

    @property
    def late(self) -> bool:
        """A late report: filed after its due date, or reporting a transaction (or, a 3/A, a
        holding) after that transaction's due date."""
        return self.late_days > 0 or bool(self.transactions)

    @property
    def filed_how(self) -> str:
        return FILED_HOW.get(self.entry.filed_how, self.entry.filed_how)


@dataclass
class Insider:
    """One reporting person's year: every filing judged, and the Item 405 counts."""

    owner: Party
    issuers: list[Party] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    #: Forms known to be owed and overdue, due in the year (``sec16 due``'s items).
    not_filed: list[str] = field(default_factory=list)

    @property
    def late_reports(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.late]

    @property
    def late_transactions(self) -> int:
        return sum(len(v.transactions) for v in self.verdicts)

    def sentence(self) -> str:
        """What the proxy statement says of this person (Item 405(a)(2)), or that they were on
        time."""
        reports = self.late_reports
        name = self.owner.name or f"CIK {self.owner.cik}"
        checks = sum(len(v.review) for v in self.verdicts)
        if not reports and not self.not_filed:
            if checks:
                return (
                    f"{name}: no late report found; {plural(checks, 'transaction')} to check "
                    "(listed below)."
                )
            return f"{name}: every filing of the year in the book was made on time."
        parts = []
        if reports:
            forms = Counter(f"Form {v.entry.form}" for v in reports)
            which = ", ".join(f"{n} {form}" for form, n in sorted(forms.items()))
            parts.append(
                f"filed {plural(len(reports), 'late report')} ({which}) covering "
                f"{plural(self.late_transactions, 'transaction')} not reported on a timely basis"
            )
        if self.not_filed:
            parts.append(f"has {plural(len(self.not_filed), 'known failure')} to file")
        return f"{name} " + " and ".join(parts) + "."


@dataclass
class LateReport:
    year: int
    insiders: list[Insider]
    #: Filings of the book with no filing date at all (not judged).
    undated: list[Entry] = field(default_factory=list)
    #: How many filings of the year have their filing date from each source.
    sources: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def examined(self) -> int:
        return sum(self.sources.values())


def late_report(book: Book, year: int) -> LateReport:
    """Every filing of the book filed in ``year``, judged, grouped by reporting person."""
    ledger = Ledger(book)
    report = LateReport(year, [])
    people: dict[int, Insider] = {}

    def person(owner: int) -> Insider:
        if owner not in people:
            people[owner] = Insider(ledger.owner(owner))
        return people[owner]

    for entry in sorted(ledger.filed, key=lambda e: (e.filed or date.min, str(e.path))):
        if entry.filed is None:
            report.undated.append(entry)
            continue
        filed = deadlines.filing_date(entry.filed)
        if filed.year != year:
            continue
        report.sources[entry.filed_how] += 1
        verdict = _judge(ledger, entry, filed)
        issuer = cik_number(entry.issuer_cik)
        for owner in ledger.owners_of(entry):
            insider = person(owner)
            insider.verdicts.append(verdict)
            if issuer is not None and ledger.issuer(issuer) not in insider.issuers:
                insider.issuers.append(ledger.issuer(issuer))
        if verdict.note and not verdict.late:
            report.notes.append(f"{entry.path}: {verdict.note}")

    due = due_report(book, ledger=ledger)
    for item in due.items:
        if item.status != "overdue" or item.due.year != year or not item.required:
            continue
        for party in item.owners:
            insider = person(int(party.cik))
            insider.not_filed.append(
                f"Form {item.form} due {us_date(item.due)} ({item.why}), not in the book as "
                f"filed: {item.source}"
            )
    report.insiders = sorted(people.values(), key=lambda i: (i.owner.name.casefold(), i.owner.cik))
    if assumed := report.sources.get("signature (assumed)", 0):
        report.notes.append(
            f"{plural(assumed, 'filing date')} of {year} {'is' if assumed == 1 else 'are'} "
            "assumed from the last signature date: a filing made after the day it was signed "
            "is later than shown, so an on-time verdict is only as good as that assumption. Give "
            "the real dates in book.yaml (filed:) or keep EDGAR's .txt submissions, whose "
            "header holds the filing date"
        )
    return report


def _judge(ledger: Ledger, entry: Entry, filed: date) -> Verdict:
    reading = ledger.read(entry)
    verdict = Verdict(entry, filed)
    if entry.is_amendment:
        _judge_amendment(ledger, entry, filed, verdict)
        return verdict
    deadline = reading.deadline(filed)
    if deadline is not None:
        verdict.due, verdict.why, verdict.late_days = deadline.due, deadline.why, deadline.late
    if entry.base == "4":
        for transaction in reading.transactions:
            if transaction.row.form_type != "4":
                continue  # a "5" transaction reported on a Form 4 is early
            due = transaction.form4_due()
            if due is not None and filed > due:
                verdict.transactions.append(
                    LateTransaction(
                        transaction,
                        due,
                        f"Form 4 due {us_date(due)}, two business days after the transaction "
                        f"{transaction.how} on {us_date(transaction.trigger or due)}",
                    )
                )
    elif entry.base == "5":
        for transaction in reading.transactions:
            found = _form5_lateness(transaction, verdict)
            if found is not None:
                verdict.transactions.append(found)
            elif reason := small_acquisition(transaction):
                verdict.review.append(LateTransaction(transaction, None, reason))
    return verdict


def _form5_lateness(transaction: Transaction, verdict: Verdict) -> LateTransaction | None:
    """Why a transaction on a Form 5 (or 5/A) was not reported on time, or None."""
    if reason := belongs_on_form4(transaction):
        return LateTransaction(transaction, transaction.form4_due(), reason)
    if transaction.timeliness == "L":
        return LateTransaction(transaction, None, "marked late (transactionTimeliness L)")
    if verdict.late_days:
        return LateTransaction(
            transaction,
            verdict.due,
            f"on a Form 5 filed {plural(verdict.late_days, 'business day')} after its due date",
        )
    return None


def _original(ledger: Ledger, amendment: Entry) -> list[Entry]:
    """The filings of the book that the amendment amends: same form, issuer and an owner in
    common, filed on its dateOfOriginalSubmission (else of the same period of report)."""
    owners = set(ledger.owners_of(amendment))
    candidates = [
        e
        for e in ledger.filed
        if e.form == amendment.base
        and cik_number(e.issuer_cik) == cik_number(amendment.issuer_cik)
        and owners & set(ledger.owners_of(e))
    ]
    if amendment.original_filed is not None:
        dated = [e for e in candidates if e.filed == amendment.original_filed]
        if dated:
            return dated
    return [e for e in candidates if e.period is not None and e.period == amendment.period]


def _judge_amendment(ledger: Ledger, entry: Entry, filed: date, verdict: Verdict) -> None:
    originals = _original(ledger, entry)
    if not originals:
        when = (
            f" (filed {us_date(entry.original_filed)})" if entry.original_filed is not None else ""
        )
        verdict.note = (
            f"a Form {entry.form} whose original{when} is not in the book: what it adds to the "
            "original cannot be told, so it is not counted; add the original to the book"
        )
        return
    holdings = entry.base == "3"
    reported: Counter[tuple[str, ...]] = Counter()
    for original in originals:
        reported.update(row_key(r) for r in original.rows if r.transaction != holdings)
    reading = ledger.read(entry)
    if holdings:
        new = [r for r in entry.rows if not r.transaction and _take(reported, row_key(r))]
        verdict.new_rows = len(new)
        period = entry.period
        if new and period is not None:
            due = deadlines.form3_due(period)
            if filed > due:
                verdict.due, verdict.why = due, f"Form 3 due {us_date(due)}"
                verdict.late_days = deadlines.business_days_between(due, filed)
                verdict.note = (
                    f"reports {plural(len(new), 'holding')} the original Form 3 omitted, "
                    f"after the Form 3 was due ({us_date(due)})"
                )
        return
    new_transactions = [t for t in reading.transactions if _take(reported, t.key)]
    verdict.new_rows = len(new_transactions)
    for transaction in new_transactions:
        found: LateTransaction | None = None
        if entry.base == "4":
            due4 = transaction.form4_due()
            if transaction.row.form_type == "4" and due4 is not None and filed > due4:
                found = LateTransaction(
                    transaction,
                    due4,
                    f"omitted from the original, reported on this amendment after its Form 4 "
                    f"was due ({us_date(due4)})",
                )
        else:  # 5/A: late if it belonged on a Form 4, is marked late, or the Form 5 was due
            period = entry.period
            due5 = deadlines.form5_due(period) if period is not None else None
            reason = belongs_on_form4(transaction)
            if reason:
                found = LateTransaction(transaction, transaction.form4_due(), reason)
            elif transaction.timeliness == "L":
                found = LateTransaction(transaction, None, "marked late (transactionTimeliness L)")
            elif due5 is not None and filed > due5:
                found = LateTransaction(
                    transaction,
                    due5,
                    f"omitted from the original Form 5, reported on this amendment after the "
                    f"Form 5 was due ({us_date(due5)})",
                )
        if found is not None:
            verdict.transactions.append(found)
    if new_transactions and not verdict.transactions:
        verdict.note = (
            f"adds {plural(len(new_transactions), 'transaction')} to the original, each "
            "reported in time"
        )


def _take(counter: Counter[tuple[str, ...]], key: tuple[str, ...]) -> bool:
    """True when ``key`` is not (or no longer) in ``counter``: a row the original omitted."""
    if counter[key]:
        counter[key] -= 1
        return False
    return True


def iter_lines(report: LateReport) -> Iterator[str]:
    """The report as text, a line at a time (``sec16 late``)."""
    late_people = [i for i in report.insiders if i.late_reports or i.not_filed]
    yield (
        f"Filings of {report.year} in the book: {report.examined}; "
        f"{plural(len(late_people), 'reporting person')} with late reports or known failures "
        "to file (Item 405 of Regulation S-K)."
    )
    if report.sources:
        how = ", ".join(
            f"{n} {FILED_HOW.get(source, source)}" for source, n in sorted(report.sources.items())
        )
        yield f"Filing dates: {how}."
    for insider in report.insiders:
        yield ""
        issuers = ", ".join(str(i) for i in insider.issuers) or "no filing this year"
        yield f"{insider.owner} in {issuers}"
        yield (
            f"  Late reports: {len(insider.late_reports)}; transactions not reported on time: "
            f"{insider.late_transactions}; known failures to file: {len(insider.not_filed)}"
        )
        yield f"  {insider.sentence()}"
        for verdict in insider.late_reports:
            entry = verdict.entry
            due = f"due {day_text(verdict.due)}, " if verdict.due else ""
            days = (
                f", {plural(verdict.late_days, 'business day')} late" if verdict.late_days else ""
            )
            yield (
                f"  - Form {entry.form} {entry.path}: {due}filed {day_text(verdict.filed)} "
                f"({verdict.filed_how}){days}"
            )
            if verdict.why:
                yield f"      why: {verdict.why}"
            if verdict.note:
                yield f"      {verdict.note}"
            for late in verdict.transactions:
                yield f"      {late.transaction.describe()}: {late.reason}"
        for verdict in insider.verdicts:
            for check in verdict.review:
                yield (
                    f"  - to check, Form {verdict.entry.form} {verdict.entry.path}: "
                    f"{check.transaction.describe()}: {check.reason}"
                )
        for failure in insider.not_filed:
            yield f"  - not filed: {failure}"
    for entry in report.undated:
        yield ""
        yield (
            f"Not judged: {entry.path} (Form {entry.form}) has no filing date: no header, no "
            "signature date, not in book.yaml's filed:"
        )
    for note in report.notes:
        yield ""
        yield f"Note: {note}"
