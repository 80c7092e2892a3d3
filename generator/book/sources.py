"""A book: every filing and draft under some folders, read into plain records, once.

A book is nothing but files: ownership XML as EDGAR accepted it (a document, a submission
``.xml`` or EDGAR's ``.txt``), drafts (``.yaml``) and an optional ``book.yaml``
(``generator.book.settings``). ``read_book`` reads each file once into an ``Entry``: who filed
what for which issuer, when it was filed and how sec16 knows, and its rows as ``BookRow`` records
that the holdings, deadlines and late-filing reports all read. Nothing downstream parses XML.

The filing date comes, in this order, from book.yaml's ``filed:``, the ``.txt`` header
(``ACCEPTANCE-DATETIME``, else ``FILED AS OF DATE``), or the last signature date, which is then
said to be assumed; a draft has none (it is not filed yet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal

from lxml import etree

from generator.book.settings import FILE_NAME, Settings, load_settings
from generator.model import values
from generator.support.errors import DraftError, InputError

#: Where an entry's filing date comes from.
FiledHow = Literal["book.yaml", "header", "signature (assumed)", "none"]

_HEADER_DATES = (
    (re.compile(rb"<ACCEPTANCE-DATETIME>\s*(\d{8})(\d{6})?"), "%Y%m%d"),
    (re.compile(rb"ACCEPTANCE-DATETIME:\s*(\d{8})(\d{6})?"), "%Y%m%d"),
    (re.compile(rb"FILED AS OF DATE:\s*(\d{8})"), "%Y%m%d"),
)
_SUFFIXES = (".xml", ".txt", ".yaml", ".yml")


@dataclass(frozen=True)
class BookRow:
    """One row of Table I or II, as the book needs it: what security, held how, what happened."""

    table: Literal["I", "II"]
    #: The security's title as written.
    security: str
    #: "D" or "I" ('' when the filing does not say).
    ownership: str
    #: The nature of indirect ownership as written ('' for direct).
    nature: str
    #: True for a transaction, False for a holding.
    transaction: bool
    #: The transaction's date, or (a holding) the filing's period of report.
    date: date | None
    #: The transaction code ('' for a holding).
    code: str = ""
    #: "4" or "5": on which form the transaction belongs ('' for a holding).
    form_type: str = ""
    #: The number of securities acquired or disposed of, and which ("A"/"D").
    shares: Decimal | None = None
    acquired_disposed: str = ""
    #: The amount owned following the transaction (or held), as written, and as a number.
    following: str | None = None
    following_value: bool = False
    #: Table II: the exercise price and expiration date, which tell grants apart.
    exercise_price: str = ""
    expiration: str = ""
    #: Footnote ids on the owned-following figure (a footnote often explains a change).
    following_notes: tuple[str, ...] = ()
    #: The row's position in its table, from 1.
    number: int = 0

    @property
    def amount(self) -> Decimal | None:
        """The owned-following figure as a number (None when not one)."""
        return _decimal(self.following)


@dataclass(frozen=True)
class Entry:
    """One filing or draft of the book."""

    path: Path
    #: "3", "3/A", "4", "4/A", "5" or "5/A".
    form: str
    issuer_cik: str
    issuer_name: str
    owner_ciks: tuple[str, ...]
    owner_names: tuple[str, ...]
    period: date | None
    #: The day EDGAR filed it (None for a draft, or when nothing says).
    filed: date | None
    filed_how: FiledHow
    #: For an amendment: the filing date of the filing it amends.
    original_filed: date | None
    rows: tuple[BookRow, ...]
    is_draft: bool = False
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        """The form without its amendment mark: "4" for "4/A"."""
        return self.form.removesuffix("/A")

    @property
    def is_amendment(self) -> bool:
        return self.form.endswith("/A")

    @property
    def earliest_transaction(self) -> date | None:
        days = [row.date for row in self.rows if row.transaction and row.date is not None]
        return min(days, default=None)

    def concerns(self, owner: str | None, issuer: str | None) -> bool:
        """Whether the entry is of this owner (any of its owners) and this issuer."""
        if issuer is not None and int(self.issuer_cik or 0) != int(issuer):
            return False
        return owner is None or any(int(o or 0) == int(owner) for o in self.owner_ciks)


@dataclass
class Book:
    """The entries of a book, in no particular order, and its settings."""

    entries: list[Entry]
    settings: Settings
    #: Files that could not be read as a filing or draft, with the reason (reported, not fatal).
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    #: The book's folders (book.yaml's ``filed:`` names files relative to them).
    folders: tuple[Path, ...] = ()

    def of(self, owner: str | None = None, issuer: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.concerns(owner, issuer)]

    def pairs(self) -> list[tuple[str, str]]:
        """Every (owner CIK, issuer CIK) of the book, as numbers in text, sorted."""
        found = {
            (str(int(owner)), str(int(e.issuer_cik)))
            for e in self.entries
            for owner in e.owner_ciks
            if owner.isdigit() and e.issuer_cik.isdigit()
        }
        return sorted(found, key=lambda pair: (int(pair[0]), int(pair[1])))


def _decimal(text: str | None) -> Decimal | None:
    if not text:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(str(t) for t in element.itertext()).strip()


def _value(element: etree._Element | None) -> str:
    return _text(element.find("value")) if element is not None else ""


def _day(text: str) -> date | None:
    try:
        return values.parse_date(text, allow_timezone=True) if text else None
    except ValueError:
        return None


def _notes(element: etree._Element | None) -> tuple[str, ...]:
    if element is None:
        return ()
    return tuple(str(ref.get("id")) for ref in element.iterfind("footnoteId"))


def _rows(root: etree._Element, period: date | None) -> Iterator[BookRow]:
    for tag, table in (("nonDerivativeTable", "I"), ("derivativeTable", "II")):
        found = root.find(tag)
        if found is None:
            continue
        for number, row in enumerate((r for r in found if isinstance(r.tag, str)), 1):
            transaction = row.tag.endswith("Transaction")
            post = row.find("postTransactionAmounts")
            following: str | None = None
            by_value = False
            notes: tuple[str, ...] = ()
            if post is not None:
                shares = post.find("sharesOwnedFollowingTransaction")
                worth = post.find("valueOwnedFollowingTransaction")
                chosen = shares if shares is not None else worth
                following = _value(chosen) or None
                by_value = shares is None and worth is not None
                notes = _notes(chosen)
            amounts = row.find("transactionAmounts")
            nature = row.find("ownershipNature")
            coding = row.find("transactionCoding")
            yield BookRow(
                table=table,  # type: ignore[arg-type]
                security=_value(row.find("securityTitle")),
                ownership=_value(nature.find("directOrIndirectOwnership"))
                if nature is not None
                else "",
                nature=_value(nature.find("natureOfOwnership")) if nature is not None else "",
                transaction=transaction,
                date=_day(_value(row.find("transactionDate"))) if transaction else period,
                code=_text(coding.find("transactionCode")) if coding is not None else "",
                form_type=(_text(coding.find("transactionFormType")) or "4")
                if transaction and coding is not None
                else "",
                shares=_decimal(_value(amounts.find("transactionShares")))
                if amounts is not None
                else None,
                acquired_disposed=_value(amounts.find("transactionAcquiredDisposedCode"))
                if amounts is not None
                else "",
                following=following,
                following_value=by_value,
                exercise_price=_value(row.find("conversionOrExercisePrice")),
                expiration=_value(row.find("expirationDate")),
                following_notes=notes,
                number=number,
            )


def _header_date(path: Path) -> date | None:
    """The filing date in the header of an EDGAR ``.txt`` submission."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    for pattern, form in _HEADER_DATES:
        if match := pattern.search(head):
            try:
                return datetime.strptime(match.group(1).decode(), form).date()
            except ValueError:
                continue
    return None


def entry_of_tree(
    tree: etree._ElementTree, path: Path, filed: date | None, filed_how: FiledHow, *, draft: bool
) -> Entry:
    """An entry from a parsed ownership document (a filing, or a draft as built)."""
    root = tree.getroot()
    period = _day(_text(root.find("periodOfReport")))
    owners = root.findall("reportingOwner/reportingOwnerId")
    signatures = [_day(_text(s)) for s in root.iterfind("ownerSignature/signatureDate")]
    if filed is None and not draft and (signed := [d for d in signatures if d is not None]):
        filed, filed_how = max(signed), "signature (assumed)"
    return Entry(
        path=path,
        form=_text(root.find("documentType")),
        issuer_cik=_text(root.find("issuer/issuerCik")),
        issuer_name=_text(root.find("issuer/issuerName")),
        owner_ciks=tuple(_text(o.find("rptOwnerCik")) for o in owners),
        owner_names=tuple(_text(o.find("rptOwnerName")) for o in owners),
        period=period,
        filed=filed,
        filed_how=filed_how if filed is not None else "none",
        original_filed=_day(_text(root.find("dateOfOriginalSubmission"))),
        rows=tuple(_rows(root, period)),
        is_draft=draft,
        footnotes={str(n.get("id")): _text(n) for n in root.iterfind("footnotes/footnote")},
    )


def read_entry(path: Path, settings: Settings, relative: str) -> Entry:
    """One file of the book; InputError or DraftError when it is not a filing or a draft."""
    if path.suffix.lower() in (".yaml", ".yml"):
        from generator.pipeline.build import build_draft

        built = build_draft(path, "submission", lambda cik: None)
        return entry_of_tree(built.tree, path, None, "none", draft=True)
    from generator.formats.reading import read_xml_source
    from generator.formats.xmlsource import parse_ownership

    tree, _ = parse_ownership(read_xml_source(path), str(path))
    filed: date | None = settings.filed.get(relative)
    how: FiledHow = "book.yaml"
    if filed is None and path.suffix.lower() == ".txt":
        filed, how = _header_date(path), "header"
    return entry_of_tree(tree, path, filed, how, draft=False)


def book_files(folders: Sequence[Path]) -> Iterator[tuple[Path, Path]]:
    """Every filing and draft under the folders (a file named directly counts too), sorted, with
    the folder it was found in."""
    for folder in folders:
        if folder.is_file():
            yield folder, folder.parent
            continue
        for path in sorted(folder.rglob("*")):
            if (
                path.is_file()
                and path.suffix.lower() in _SUFFIXES
                and path.name != FILE_NAME
                and not any(part.startswith(".") for part in path.relative_to(folder).parts)
            ):
                yield path, folder


def read_book(paths: Iterable[str | Path]) -> Book:
    """Read a book: the folders (and files) given, and the book.yaml of each folder.

    A file that is neither a filing nor a draft is listed in ``unreadable`` with the reason;
    a broken book.yaml raises DraftError (it is the book's own file).
    """
    folders = tuple(Path(p) for p in paths)
    for folder in folders:
        if not folder.exists():
            raise InputError(f"{folder}: no such file or folder; give the book's folder")
    settings = Settings()
    for folder in folders:
        if folder.is_dir():
            settings = _merged(settings, load_settings(folder))
    book = Book([], settings, folders=folders)
    for path, folder in book_files(folders):
        relative = path.relative_to(folder).as_posix() if folder in path.parents else path.name
        try:
            book.entries.append(read_entry(path, settings, relative))
        except (InputError, DraftError) as err:
            book.unreadable.append((path, str(err)))
    return book


def _merged(first: Settings, second: Settings) -> Settings:
    """Two folders' settings as one book's."""
    if first == Settings():
        return second
    return Settings(
        insiders=[*first.insiders, *second.insiders],
        issuers=[*first.issuers, *second.issuers],
        adjustments=[*first.adjustments, *second.adjustments],
        filed={**first.filed, **second.filed},
    )
