"""``sec16 due``: which Forms 3, 4 and 5 a book's insiders owe, and by when.

The law of the deadlines is ``generator.checks.deadlines`` and, for how a Form 4's trigger date
is chosen (the earliest "4" transaction, its deemed execution date when it has one),
``generator.checks.rules.deadline``; this module only decides *what* is owed, from the book:

* **Form 4**: every Form 4 draft that no filing of the book matches.
* **Form 3**: every Form 3 draft that no filing matches, and every insider of book.yaml with a
  ``since:`` date and no Form 3 of theirs in that issuer filed on or after it.
* **Form 5**: for each insider and fiscal year, the transactions the book holds that no filing
  has reported and that a Form 5 must (rows of Form 5 drafts, rows marked transactionFormType 5
  in unfiled drafts, Form 4 transactions whose Form 4 is overdue); and, while its deadline has
  not passed, the Form 5 of the fiscal year just ended for each insider of an issuer whose
  fiscal year end book.yaml gives, due only if there is something to report.

docs/due.md says each decision and its source. ``generator.book.late`` reuses the reading of
entries here (``Ledger``) for the Item 405 report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from generator.book.settings import FILE_NAME, Settings
from generator.book.sources import Book, BookRow, Entry
from generator.checks import deadlines
from generator.checks.deadlines import Deadline
from generator.model.values import us_date
from generator.support.errors import DraftError, InputError

if TYPE_CHECKING:
    from lxml import etree

    from generator.checks.rules.core import Document

#: The legal source of each form's deadline, as the reports cite it.
RULES = {
    "3": "Exchange Act §16(a)(2)(A); Rule 16a-3(a); Rule 0-3(a)",
    "4": "Exchange Act §16(a)(2)(C); Rule 16a-3(g)(1)",
    "4 deemed": "Exchange Act §16(a)(2)(C); Rule 16a-3(g)(1), (g)(2)-(3) (deemed execution date)",
    "5": "Rule 16a-3(f)(1); Rule 0-3(a)",
}

#: A filing whose period of report is this close to a fiscal year end is that year's Form 5
#: (52/53-week fiscal years end a few days before or after the date book.yaml gives).
FISCAL_SLACK = timedelta(days=7)

Status = Literal["overdue", "due today", "due"]
#: How a transaction is told apart from others of the same filer: its table, security, date,
#: code, direction and ownership (not its number of shares, which an amendment may correct).
RowKey = tuple[str, ...]


def cik_number(cik: str) -> int | None:
    """A CIK as a number (None when it is not one)."""
    text = cik.strip()
    return int(text) if text.isdigit() else None


def cik_text(number: int) -> str:
    """A CIK as EDGAR writes it: 10 digits."""
    return f"{number:010d}"


def row_key(row: BookRow) -> RowKey:
    """What identifies a row across the filings that report it (see ``RowKey``)."""
    security = " ".join(row.security.casefold().split())
    if not row.transaction:
        return (row.table, security, row.ownership.upper(), " ".join(row.nature.casefold().split()))
    day = row.date.isoformat() if row.date else ""
    return (row.table, security, day, row.code.upper(), row.acquired_disposed.upper(),
            row.ownership.upper())  # fmt: skip


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def day_text(day: date) -> str:
    """Mon 12/29/2025: a due date with its weekday, so a calendar can be checked by eye."""
    return f"{day:%a} {us_date(day)}"


def moment_day(moment: date | datetime) -> date:
    """The calendar day of a moment on EDGAR's clock (Eastern time)."""
    if isinstance(moment, datetime):
        return (moment.astimezone(deadlines.eastern()) if moment.tzinfo else moment).date()
    return moment


# --- reading an entry again: what BookRow leaves out ------------------------------------------


@dataclass(frozen=True)
class Transaction:
    """A transaction of an entry with what its Form 4 deadline and timeliness depend on."""

    row: BookRow
    #: The deemed execution date (Rule 16a-3(g)(2), (3)), when the filing gives one.
    deemed: date | None = None
    #: transactionTimeliness: "E" early, "L" late, "" on time or not said.
    timeliness: str = ""
    #: The price per share, when the filing gives a number.
    price: Decimal | None = None

    @property
    def trigger(self) -> date | None:
        """The day its Form 4 deadline counts from."""
        return self.deemed or self.row.date

    @property
    def how(self) -> str:
        return "deemed executed" if self.deemed else "executed"

    @property
    def key(self) -> RowKey:
        return row_key(self.row)

    def form4_due(self) -> date | None:
        """When a Form 4 reporting it was due (None without a date, or before 1934)."""
        from generator.checks.rules.deadline import EXCHANGE_ACT

        trigger = self.trigger
        if trigger is None or trigger < EXCHANGE_ACT:
            return None
        try:
            return deadlines.form4_due(trigger)
        except (OverflowError, ValueError):
            return None

    def describe(self) -> str:
        """Table I, Common Stock, 12/24/2025, code S, 1,000 shares (D)."""
        row = self.row
        parts = [f"Table {row.table}", row.security or "(no security title)"]
        if row.date is not None:
            parts.append(us_date(row.date))
        if self.deemed is not None:
            parts.append(f"deemed executed {us_date(self.deemed)}")
        if row.code:
            parts.append(f"code {row.code}")
        if row.shares is not None:
            parts.append(f"{row.shares:,f} ({row.acquired_disposed or '?'})")
        return ", ".join(parts)


@dataclass
class Reading:
    """An entry read once more: its document (for the deadline rules) and its transactions."""

    entry: Entry
    document: Document | None
    transactions: tuple[Transaction, ...]
    owner_names: tuple[str, ...] = ()
    issuer_name: str = ""

    def deadline(self, moment: date | datetime) -> Deadline | None:
        """The entry's deadline, filed at ``moment`` (None: no deadline of its own)."""
        if self.document is None:
            return None
        from generator.checks.rules.deadline import filing_deadline

        try:
            found = filing_deadline(self.document, moment)
        except ValueError:  # a document type outside the six
            return None
        return found[0] if found is not None else None


def read_again(entry: Entry) -> Reading:
    """The entry's document, parsed again (a draft: loaded and rendered, not checked), and its
    transactions with their deemed execution dates and timeliness marks, which ``BookRow`` does
    not keep. A file that cannot be read again keeps its book rows, without those two."""
    from generator.checks.rules.core import Document

    plain = tuple(Transaction(row) for row in entry.rows if row.transaction)
    try:
        tree = _tree(entry)
    except (InputError, DraftError, OSError, ValueError):
        return Reading(entry, None, plain)
    root = tree.getroot()
    document = Document(tree, entry.form, "record")
    try:
        found = document.transactions
    except ValueError:
        found = []
    rows = [row for row in entry.rows if row.transaction]
    if len(found) == len(rows) and all(f.date == r.date for f, r in zip(found, rows, strict=True)):
        from generator.checks.rules.facts import as_date

        transactions = tuple(
            Transaction(
                row,
                as_date(_text(fact.deemed_value)),
                fact.timeliness.upper(),
                _price(fact.amounts),
            )
            for row, fact in zip(rows, found, strict=True)
        )
    else:
        transactions = plain
    owners = tuple(
        (o.findtext("rptOwnerName") or "").strip()
        for o in root.iterfind("reportingOwner/reportingOwnerId")
    )
    issuer = (root.findtext("issuer/issuerName") or "").strip()
    return Reading(entry, document, transactions, owners, issuer)


def _price(amounts: etree._Element | None) -> Decimal | None:
    if amounts is None:
        return None
    try:
        return Decimal((amounts.findtext("transactionPricePerShare/value") or "").strip())
    except InvalidOperation:
        return None


def _text(element: object) -> str:
    text = getattr(element, "text", None)
    return text.strip() if isinstance(text, str) else ""


def _tree(entry: Entry) -> etree._ElementTree:
    from generator.formats.xmlsource import XmlSource, parse_ownership

    if entry.is_draft:
        from generator.formats.draft import load_draft
        from generator.formats.render import render

        xml = render(load_draft(entry.path), "record", lambda cik: None)
        return parse_ownership(XmlSource(xml.encode("utf-8")), str(entry.path))[0]
    from generator.formats.reading import read_xml_source

    return parse_ownership(read_xml_source(entry.path), str(entry.path))[0]


# --- the book as the reports see it -------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """An owner or an issuer: the CIK (10 digits) and the name the book knows ('' if none)."""

    cik: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.name} (CIK {self.cik})" if self.name else f"CIK {self.cik}"


class Ledger:
    """A book, indexed for the due and late reports: entries by owner and issuer, names,
    what has been filed, each entry read again at most once."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.settings: Settings = book.settings
        self._readings: dict[Path, Reading] = {}
        self._owner_names: dict[int, str] = {}
        self._issuer_names: dict[int, str] = {}
        for insider in self.settings.insiders:
            if insider.name:
                self._owner_names.setdefault(int(insider.cik), insider.name)
        for issuer in self.settings.issuers:
            if issuer.name:
                self._issuer_names.setdefault(int(issuer.cik), issuer.name)
        for entry in sorted(book.entries, key=lambda e: (e.is_draft, str(e.path))):
            self._learn(entry.owner_ciks, entry.owner_names, entry.issuer_cik, entry.issuer_name)

    def _learn(
        self, owners: Iterable[str], names: Iterable[str], issuer: str, issuer_name: str
    ) -> None:
        for cik, name in zip(owners, names, strict=False):
            if (number := cik_number(cik)) is not None and name:
                self._owner_names.setdefault(number, name)
        if (number := cik_number(issuer)) is not None and issuer_name:
            self._issuer_names.setdefault(number, issuer_name)

    def read(self, entry: Entry) -> Reading:
        if entry.path not in self._readings:
            reading = read_again(entry)
            self._learn(entry.owner_ciks, reading.owner_names, entry.issuer_cik,
                        reading.issuer_name)  # fmt: skip
            self._readings[entry.path] = reading
        return self._readings[entry.path]

    def owner(self, number: int) -> Party:
        return Party(cik_text(number), self._owner_names.get(number, ""))

    def issuer(self, number: int) -> Party:
        return Party(cik_text(number), self._issuer_names.get(number, ""))

    @staticmethod
    def owners_of(entry: Entry) -> list[int]:
        return [n for cik in entry.owner_ciks if (n := cik_number(cik)) is not None]

    @property
    def filed(self) -> list[Entry]:
        return [e for e in self.book.entries if not e.is_draft]

    @property
    def drafts(self) -> list[Entry]:
        return sorted((e for e in self.book.entries if e.is_draft), key=lambda e: str(e.path))

    def filed_of(self, owner: int, issuer: int) -> list[Entry]:
        """The filings of an owner in an issuer."""
        return [
            e
            for e in self.filed
            if cik_number(e.issuer_cik) == issuer and owner in self.owners_of(e)
        ]

    def pairs(self) -> set[tuple[int, int]]:
        """Every (owner, issuer) the book knows: from its entries and book.yaml's insiders."""
        found = {
            (owner, issuer)
            for e in self.book.entries
            if (issuer := cik_number(e.issuer_cik)) is not None
            for owner in self.owners_of(e)
        }
        found |= {(int(i.cik), int(i.issuer)) for i in self.settings.insiders}
        return found

    def match(self, draft: Entry) -> Entry | None:
        """The filing of the book that is this draft, filed (None: not filed yet).

        Same form, same issuer, an owner in common and: a Form 4, the same period of report
        and every transaction of the draft in the filing; a Form 3, filed on or after the
        draft's date of event (or the same date of event); a Form 5, the same fiscal year.
        """
        issuer = cik_number(draft.issuer_cik)
        owners = set(self.owners_of(draft))
        if issuer is None or not owners or draft.is_amendment:
            return None
        wanted = Counter(row_key(r) for r in draft.rows if r.transaction)
        for filing in self.filed:
            if (
                filing.form != draft.form
                or cik_number(filing.issuer_cik) != issuer
                or not owners & set(self.owners_of(filing))
            ):
                continue
            if draft.base == "4":
                have = Counter(row_key(r) for r in filing.rows if r.transaction)
                if filing.period == draft.period and not wanted - have:
                    return filing
            elif draft.base == "3":
                if draft.period is None or filing.period == draft.period:
                    return filing
                if filing.filed is not None and filing.filed >= draft.period:
                    return filing
            elif (
                draft.period is not None
                and filing.period is not None
                and abs(filing.period - draft.period) <= FISCAL_SLACK
            ):
                return filing
        return None

    # fiscal years ----------------------------------------------------------------------------

    def fiscal_year_end(self, issuer: int, day: date, *, period: bool = False) -> tuple[date, bool]:
        """The end of the issuer's fiscal year that holds ``day``, and whether book.yaml gives
        the fiscal year end (else December 31 is assumed). A Form 5's ``period`` of report
        may fall a few days after the date book.yaml gives (a 52/53-week year)."""
        listed = self.settings.issuer(str(issuer))
        end = listed.year_end(day.year) if listed is not None else date(day.year, 12, 31)
        if day > end + (FISCAL_SLACK if period else timedelta(0)):
            end = (
                listed.year_end(day.year + 1) if listed is not None else date(day.year + 1, 12, 31)
            )
        return end, listed is not None

    def previous_year_end(self, issuer: int, end: date) -> date:
        listed = self.settings.issuer(str(issuer))
        if listed is None:
            return date(end.year - 1, 12, 31)
        return listed.year_end(end.year - 1)

    def insider_during(self, owner: int, issuer: int, start: date, end: date) -> bool:
        """Was the owner an insider of the issuer in the fiscal year (start, end]? book.yaml's
        since/until when it lists them; else, whether the book holds a filing or draft of
        theirs in that issuer dated in that year."""
        listed = [
            i for i in self.settings.insiders if int(i.cik) == owner and int(i.issuer) == issuer
        ]
        if listed:
            return any(
                (i.since is None or i.since <= end) and (i.until is None or i.until > start)
                for i in listed
            )
        return any(
            e.period is not None and start < e.period <= end
            for e in self.book.entries
            if cik_number(e.issuer_cik) == issuer and owner in self.owners_of(e)
        )

    def form5_filed(self, owner: int, issuer: int, end: date) -> Entry | None:
        """The Form 5 of that fiscal year the book holds as filed, if any."""
        for filing in self.filed_of(owner, issuer):
            if (
                filing.base == "5"
                and not filing.is_amendment
                and filing.period is not None
                and abs(filing.period - end) <= FISCAL_SLACK
            ):
                return filing
        return None


# --- what is due ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deferred:
    """A transaction a Form 5 must report, where the book holds it and why it is owed."""

    transaction: Transaction
    path: Path
    reason: str


@dataclass(frozen=True)
class DueItem:
    """One form an insider owes: when, why, and what it comes from."""

    form: str
    owners: tuple[Party, ...]
    issuer: Party
    #: The deadline, and how late a filing made at the --as-of moment would be.
    deadline: Deadline
    #: What the item comes from, in words ("draft drafts/sale.yaml", "book.yaml: ...").
    source: str
    #: The draft (or book.yaml) it comes from, when there is a file.
    path: Path | None
    #: The law: the rules the deadline comes from.
    rule: str
    #: False for a Form 5 owed only if there is something to report (none is known).
    required: bool = True
    deferred: tuple[Deferred, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def due(self) -> date:
        return self.deadline.due

    @property
    def today(self) -> date:
        return moment_day(self.deadline.moment)

    @property
    def status(self) -> Status:
        if self.deadline.late:
            return "overdue"
        return "due today" if self.today >= self.due else "due"

    @property
    def business_days(self) -> int:
        """Business days overdue (status overdue) or left (status due); 0 when due today."""
        if self.deadline.late:
            return self.deadline.late
        return deadlines.business_days_between(self.today, self.due)

    @property
    def status_text(self) -> str:
        if self.status == "overdue":
            return f"overdue by {plural(self.business_days, 'business day')}"
        if self.status == "due today":
            return "due today"
        return f"due in {plural(self.business_days, 'business day')}"

    @property
    def why(self) -> str:
        return self.deadline.why

    @property
    def if_filed_now(self) -> str:
        """The deadline's own sentence, for a filing made at the --as-of moment."""
        return self.deadline.sentence("if filed")

    @property
    def consequence(self) -> str:
        """``if_filed_now`` without the due date and why, which the report says already."""
        sentence = self.if_filed_now
        head = f"Form {self.form} due on {us_date(self.due)} ({self.why}). "
        return sentence.removeprefix(head)

    @property
    def key(self) -> str:
        """What the item is, stably: owners, issuer, form, due date (the calendar's UID)."""
        owners = "+".join(o.cik for o in self.owners)
        return f"{owners}|{self.issuer.cik}|{self.form}|{self.due.isoformat()}"


@dataclass
class DueReport:
    moment: date | datetime
    items: list[DueItem]
    #: What the reader should know that is not an item (a Form 5 already filed that leaves
    #: transactions out, a draft without a deadline, an assumed fiscal year end).
    notes: list[str] = field(default_factory=list)
    #: Drafts found already filed: (draft, filing).
    filed: list[tuple[Entry, Entry]] = field(default_factory=list)

    @property
    def overdue(self) -> list[DueItem]:
        return [i for i in self.items if i.status == "overdue"]


def due_report(
    book: Book, moment: date | datetime | None = None, *, ledger: Ledger | None = None
) -> DueReport:
    """What the book's insiders owe as of ``moment`` (default: now, Eastern time), overdue
    first, then by due date. ``ledger``: the book's, when the caller has one already."""
    moment = deadlines.now_eastern() if moment is None else moment
    ledger = Ledger(book) if ledger is None else ledger
    report = DueReport(moment, [])
    _drafts(ledger, report)
    _form3_insiders(ledger, report)
    _form5s(ledger, report)
    report.items.sort(
        key=lambda i: (i.due, i.form, [o.cik for o in i.owners], i.issuer.cik, i.source)
    )
    return report


def _where(path: Path) -> str:
    return str(path)


def _parties(ledger: Ledger, entry: Entry) -> tuple[tuple[Party, ...], Party] | None:
    issuer = cik_number(entry.issuer_cik)
    owners = ledger.owners_of(entry)
    if issuer is None or not owners:
        return None
    return tuple(ledger.owner(o) for o in owners), ledger.issuer(issuer)


def _drafts(ledger: Ledger, report: DueReport) -> None:
    """A Form 3 or 4 draft not filed yet is due; Form 5 drafts are gathered by ``_form5s``."""
    for draft in ledger.drafts:
        if draft.is_amendment:
            report.notes.append(
                f"{_where(draft.path)}: a Form {draft.form} draft; an amendment has no deadline "
                "of its own (file it as soon as the mistake is known)"
            )
            continue
        if (filing := ledger.match(draft)) is not None:
            report.filed.append((draft, filing))
            continue
        if draft.base not in ("3", "4"):
            continue
        reading = ledger.read(draft)
        parties = _parties(ledger, draft)
        deadline = reading.deadline(report.moment)
        if parties is None:
            continue
        if deadline is None:
            if draft.base == "4":
                report.notes.append(
                    f"{_where(draft.path)}: a Form 4 draft with no transaction marked for Form 4 "
                    "(transactionFormType 4): reporting Form 5 transactions early has no deadline"
                )
            continue
        owners, issuer = parties
        notes: list[str] = []
        rule = RULES["4 deemed" if "deemed" in deadline.why else draft.base]
        if draft.base == "3":
            for insider in ledger.settings.insiders:
                if (
                    insider.since is not None
                    and insider.since != deadline.start
                    and int(insider.issuer) == cik_number(draft.issuer_cik)
                    and int(insider.cik) in ledger.owners_of(draft)
                ):
                    notes.append(
                        f"book.yaml gives {us_date(insider.since)} as the day CIK {insider.cik} "
                        f"became an insider; the draft's date of event is "
                        f"{us_date(deadline.start)}: correct the one that is wrong"
                    )
        report.items.append(
            DueItem(
                draft.base,
                owners,
                issuer,
                deadline,
                f"draft {_where(draft.path)}",
                draft.path,
                rule,
                notes=tuple(notes),
            )
        )


def _book_yaml(ledger: Ledger) -> Path | None:
    for folder in ledger.book.folders:
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return None


def _form3_insiders(ledger: Ledger, report: DueReport) -> None:
    """book.yaml's insiders with a ``since:`` and no Form 3 (filed or drafted) since."""
    drafted = {
        (owner, cik_number(item_draft.issuer_cik))
        for item_draft in ledger.drafts
        if item_draft.form == "3"
        for owner in ledger.owners_of(item_draft)
    }
    settings_path = _book_yaml(ledger)
    for insider in ledger.settings.insiders:
        since = insider.since
        owner, issuer = int(insider.cik), int(insider.issuer)
        if since is None or (owner, issuer) in drafted:
            continue
        if any(
            f.base == "3"
            and (
                (f.filed is not None and f.filed >= since)
                or (f.period is not None and f.period >= since)
            )
            for f in ledger.filed_of(owner, issuer)
        ):
            continue
        try:
            deadline = deadlines.deadline("3", since, report.moment)
        except (OverflowError, ValueError):
            continue
        report.items.append(
            DueItem(
                "3",
                (ledger.owner(owner),),
                ledger.issuer(issuer),
                deadline,
                f"book.yaml: an insider since {us_date(since)}, and the book holds no Form 3 "
                "of theirs in this issuer filed since",
                settings_path,
                RULES["3"],
            )
        )


@dataclass
class _Year:
    """What the book knows of one owner's Form 5 for one issuer's fiscal year."""

    deferred: dict[RowKey, Deferred] = field(default_factory=dict)
    drafts: list[Entry] = field(default_factory=list)
    assumed_year_end: bool = False


#: Transaction codes that are never deferred to Form 5: open-market and private purchases and
#: sales, exercises and conversions of derivatives, and the Rule 16b-3(d)-(f) transactions
#: other than grants (Rule 16a-3(g)(1); the Form 5 instructions). A grant ("A") is left out:
#: filers code acquisitions under tax-conditioned plans and dividend reinvestment "A" too.
FORM4_CODES = frozenset("PSMXCODFIU")
#: Bona fide gifts made (dispositions) are reported on Form 4 from this day (Release 33-11138,
#: Rule 16a-3(g)(1)); a gift received may still wait for the Form 5.
GIFTS_ON_FORM4 = date(2023, 2, 27)


#: Rule 16a-6(a): acquisitions of at most this market value in six months may wait for Form 5.
SMALL_ACQUISITION = Decimal(10000)


def small_acquisition(transaction: Transaction) -> str:
    """Why a purchase on a Form 5 may have been a small acquisition (Rule 16a-6), which may
    wait for the Form 5 ('' when it is not one: not a purchase, or worth more)."""
    row = transaction.row
    price = transaction.price
    if (
        row.code.upper() != "P"
        or row.form_type == "4"
        or row.acquired_disposed.upper() != "A"
        or row.shares is None
        or price is None
        or row.shares * price > SMALL_ACQUISITION
    ):
        return ""
    return (
        f"a purchase worth ${row.shares * price:,.2f}: if the owner's acquisitions in six months "
        "came to at most $10,000, it was a small acquisition that may wait for the Form 5 "
        "(Rule 16a-6; its code is then L), else it belonged on a Form 4: check, not counted"
    )


def belongs_on_form4(transaction: Transaction) -> str:
    """Why a transaction reported on a Form 5 belonged on a Form 4 ('' when it did not, or
    when it may have been a small acquisition: ``small_acquisition``)."""
    row = transaction.row
    if row.form_type == "4":
        return "marked transactionFormType 4: it belonged on a Form 4"
    if small_acquisition(transaction):
        return ""
    code = row.code.upper()
    if code in FORM4_CODES:
        return (
            f"code {code} is reported on Form 4 within two business days (Rule 16a-3(g)(1)), "
            "never deferred to Form 5"
        )
    if (
        code == "G"
        and row.acquired_disposed.upper() == "D"
        and row.date is not None
        and row.date >= GIFTS_ON_FORM4
    ):
        return (
            "a gift made (disposed of) on or after 02/27/2023 is reported on Form 4 within two "
            "business days (Rule 16a-3(g)(1), as amended by Release 33-11138)"
        )
    return ""


def _form5s(ledger: Ledger, report: DueReport) -> None:
    today = moment_day(report.moment)
    years: dict[tuple[int, int, date], _Year] = {}

    def year_of(owner: int, issuer: int, day: date, *, period: bool = False) -> _Year:
        end, known = ledger.fiscal_year_end(issuer, day, period=period)
        found = years.setdefault((owner, issuer, end), _Year())
        found.assumed_year_end = not known
        return found

    # What each owner has reported in each issuer: a transaction reported is not deferred. A
    # Form 4 transaction whose Form 4 is overdue is the Form 5's once its fiscal year has ended
    # (until then the Form 4 item says it).
    reported: dict[tuple[int, int], Counter[RowKey]] = {}
    for filing in ledger.filed:
        issuer = cik_number(filing.issuer_cik)
        for owner in ledger.owners_of(filing):
            if issuer is not None:
                counter = reported.setdefault((owner, issuer), Counter())
                counter.update(row_key(r) for r in filing.rows if r.transaction)

    for draft in ledger.drafts:
        issuer = cik_number(draft.issuer_cik)
        if issuer is None or draft.is_amendment or draft.base == "3":
            continue
        if ledger.match(draft) is not None:
            continue  # filed: what it holds is reported
        reading = ledger.read(draft)
        form4 = reading.deadline(report.moment) if draft.base == "4" else None
        for owner in ledger.owners_of(draft):
            own: _Year | None = None  # a Form 5 draft's year: its period of report
            if draft.base == "5" and draft.period is not None:
                own = year_of(owner, issuer, draft.period, period=True)
                own.drafts.append(draft)
            for transaction in reading.transactions:
                row = transaction.row
                if row.date is None and own is None:
                    continue
                if draft.base == "5":
                    reason = f"on the Form 5 draft {_where(draft.path)}"
                elif row.form_type == "5":
                    reason = (
                        f"marked for Form 5 (transactionFormType 5) in the Form 4 draft "
                        f"{_where(draft.path)}, not filed; filing that draft reports it early"
                    )
                elif (
                    form4 is not None
                    and form4.late
                    and row.date is not None
                    and ledger.fiscal_year_end(issuer, row.date)[0] < today
                ):
                    reason = (
                        f"a Form 4 transaction of the draft {_where(draft.path)}, whose Form 4 "
                        f"was due {us_date(form4.due)}: if no Form 4 reports it first, the "
                        "Form 5 must (Rule 16a-3(f)(1))"
                    )
                else:
                    continue
                key = transaction.key
                if reported.get((owner, issuer), Counter())[key]:
                    continue
                if own is not None:
                    bucket = own
                elif row.date is not None:
                    bucket = year_of(owner, issuer, row.date)
                else:
                    continue
                bucket.deferred.setdefault(key, Deferred(transaction, draft.path, reason))

    # The fiscal year just ended: each insider's Form 5, while it is not yet past due.
    for owner, issuer in sorted(ledger.pairs()):
        listed = ledger.settings.issuer(str(issuer))
        if listed is None:
            continue
        end = listed.year_end(today.year)
        if end >= today:
            end = listed.year_end(today.year - 1)
        if deadlines.form5_due(end) < today:
            continue
        start = listed.year_end(end.year - 1)
        if ledger.insider_during(owner, issuer, start, end):
            years.setdefault((owner, issuer, end), _Year())

    for (owner, issuer, end), year in sorted(years.items()):
        filed = ledger.form5_filed(owner, issuer, end)
        if filed is not None:
            if year.deferred:
                report.notes.append(
                    f"{ledger.owner(owner)} in {ledger.issuer(issuer)}: the Form 5 for the fiscal "
                    f"year ended {us_date(end)} was filed ({_where(filed.path)}), but "
                    f"{plural(len(year.deferred), 'transaction')} of the book that it does not "
                    "report belong to that year: report them on a Form 5/A"
                )
            continue
        required = bool(year.deferred or year.drafts)
        drafted = year.drafts[0] if year.drafts else None
        start_day = drafted.period if drafted is not None and drafted.period is not None else end
        try:
            deadline = deadlines.deadline("5", start_day, report.moment)
        except (OverflowError, ValueError):
            continue
        notes: list[str] = []
        if year.assumed_year_end:
            notes.append(
                f"book.yaml does not give the fiscal year end of {ledger.issuer(issuer)}: "
                "December 31 is assumed (add it under issuers:, with fiscal_year_end: MM-DD)"
            )
        if not required:
            notes.append(
                "No transaction of the book is left to report: a Form 5 is due only if there is "
                "one (Rule 16a-3(f)(1)); otherwise give the issuer the written representation "
                "that no Form 5 is required (Item 405(b)(3) of Regulation S-K)"
            )
        if drafted is not None:
            source = f"draft {_where(drafted.path)}"
        else:
            how = "book.yaml issuers" if not year.assumed_year_end else "assumed"
            source = f"the fiscal year ended {us_date(end)} ({how})"
        report.items.append(
            DueItem(
                "5",
                (ledger.owner(owner),),
                ledger.issuer(issuer),
                deadline,
                source,
                drafted.path if drafted is not None else None,
                RULES["5"],
                required=required,
                deferred=tuple(
                    sorted(
                        year.deferred.values(),
                        key=lambda d: (d.transaction.row.date or date.min, str(d.path)),
                    )
                ),
                notes=tuple(notes),
            )
        )


def iter_lines(report: DueReport) -> Iterator[str]:
    """The report as text, a line at a time (``sec16 due``)."""
    moment = deadlines.moment_text(report.moment).removeprefix("on ").removeprefix("at ")
    count = len(report.items)
    overdue = len(report.overdue)
    yield f"Due as of {moment}: {plural(count, 'item')}, {overdue} overdue."
    for item in report.items:
        yield ""
        condition = "" if item.required else " (only if there is something to report)"
        yield (f"{item.status_text.upper()}: Form {item.form} due {day_text(item.due)}{condition}")
        owners = "; ".join(str(o) for o in item.owners)
        yield f"  {owners}, in {item.issuer}"
        yield f"  Why: {item.why} ({item.rule})"
        yield f"  From: {item.source}"
        yield f"  {item.consequence}"
        if item.deferred:
            yield f"  To report ({plural(len(item.deferred), 'transaction')}):"
            for deferred in item.deferred:
                yield f"    - {deferred.transaction.describe()}: {deferred.reason}"
        for note in item.notes:
            yield f"  Note: {note}"
    if report.filed:
        yield ""
        yield f"Already filed ({plural(len(report.filed), 'draft')}, not due):"
        for draft, filing in report.filed:
            yield f"  {_where(draft.path)}: filed as {_where(filing.path)}"
    for note in report.notes:
        yield ""
        yield f"Note: {note}"
