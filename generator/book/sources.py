"""A book: every filing and draft under some folders, read into plain records, once.

A book is nothing but files: ownership XML as EDGAR accepted it (a document, a submission
``.xml`` or EDGAR's ``.txt``), drafts (``.yaml``) and an optional ``book.yaml``
(``generator.book.settings``). ``read_book`` reads each file once into an ``Entry``: who filed
what for which issuer, when it was filed and how sec16 knows, and its rows as ``BookRow`` records
that the holdings, deadlines and late-filing reports all read. Nothing downstream parses XML.

The filing date comes, in this order, from book.yaml's ``filed:``, the ``.txt`` header
(``ACCEPTANCE-DATETIME``, else ``FILED AS OF DATE``), or the last signature date, which is then
said to be assumed; a draft has none (it is not filed yet).

A book of ten thousand filings is read in about the time it takes to parse them: each file is
parsed once with lxml and its rows read in one pass over their elements, by worker processes
(``generator.support.batch``) when there are many; pydantic and jinja2 are imported only for a
draft or a book.yaml.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from generator.book.settings import FILE_NAME, Settings, load_settings
from generator.model import values
from generator.support.errors import DraftError, InputError

#: Where an entry's filing date comes from.
FiledHow = Literal["book.yaml", "header", "signature (assumed)", "none"]

#: EDGAR's own filing date first: it applies the 10 p.m. rule and holidays, which the date of
#: ACCEPTANCE-DATETIME (taken when a header has no FILED AS OF DATE) does not.
_HEADER_DATES = (
    (re.compile(rb"FILED AS OF DATE:\s*(\d{8})"), "%Y%m%d"),
    (re.compile(rb"<ACCEPTANCE-DATETIME>\s*(\d{8})(\d{6})?"), "%Y%m%d"),
    (re.compile(rb"ACCEPTANCE-DATETIME:\s*(\d{8})(\d{6})?"), "%Y%m%d"),
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
    #: The number of securities acquired or disposed of (for a row reported by value, the
    #: value: transactionTotalValue), and which ("A"/"D").
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
    #: Who holds the securities, when the nature of ownership alone does not tell the rows of
    #: one filing apart (a fund family writes "See footnote" on every row and names the holder
    #: in the footnote): the text of the footnotes on the ownership columns, else ''.
    holder: str = ""
    #: Table II: the underlying security's title and amount as written (a Form 3 gives no
    #: number of derivative securities, only this amount).
    underlying_security: str = ""
    underlying_shares: str | None = None

    @property
    def amount(self) -> Decimal | None:
        """The owned-following figure as a number (None when not one)."""
        return _decimal(self.following)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Rows cross from the worker processes that read a large book: their values alone,
        # cheaper to send and to load than the default's state dictionary per row.
        return _book_row, tuple(self.__dict__.values())


def _book_row(*values: Any) -> BookRow:
    row = object.__new__(BookRow)
    row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))
    return row


_ROW_FIELDS = tuple(f.name for f in fields(BookRow))


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


# --- reading a parsed document: each element visited once ----------------------------------------
#
# A book of thousands of filings is read in about the time it takes to parse them: each row in
# one pass over its elements (``_columns``), the document's top through its children by tag,
# never through path searches; dates in the usual YYYY-MM-DD form skip the general parser.


def _children(element: etree._Element) -> dict[str, etree._Element]:
    """An element's children by tag (the first of each; comments left out)."""
    found: dict[str, etree._Element] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found:
            found[tag] = child
    return found


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    if len(element):  # a comment or an element inside the text: all of its text
        return "".join(str(t) for t in element.itertext()).strip()
    text = element.text
    return text.strip() if text else ""


def _day(text: str) -> date | None:
    if not text:
        return None
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    try:
        return values.parse_date(text, allow_timezone=True)
    except ValueError:
        return None


@lru_cache(maxsize=4096)  # the same titles and natures come back on every filing
def _same(text: str) -> str:
    """A title or nature as compared: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def _rows(root: etree._Element, period: date | None, notes: dict[str, str]) -> Iterator[BookRow]:
    for tag, table in (("nonDerivativeTable", "I"), ("derivativeTable", "II")):
        found = root.find(tag)
        if found is None:
            continue
        rows = [_row(row, table, number, period) for number, row in _numbered(found)]
        yield from _with_holders(rows, notes)


def _numbered(table: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    number = 0
    for row in table:
        if isinstance(row.tag, str):
            number += 1
            yield number, row


def _columns(row: etree._Element) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """A row's columns in one pass over its elements: the text of each element (of its
    ``<value>`` for a column that has one), and the footnote ids on each, by tag.

    Every element of a row has a tag of its own (``transactionShares``,
    ``sharesOwnedFollowingTransaction``…) except ``value`` and ``footnoteId``, which are
    leaves; in document order each of those belongs to the last other element seen.
    """
    texts: dict[str, str] = {}
    notes: dict[str, tuple[str, ...]] = {}
    owner = ""
    for element in row.iter():
        tag = element.tag
        if tag == "value":
            text = element.text
            if len(element):  # a comment or an element inside the text: all of its text
                texts[owner] = _text(element)
            else:
                texts[owner] = text.strip() if text else ""
        elif tag == "footnoteId":
            notes[owner] = (*notes.get(owner, ()), str(element.get("id")))
        elif isinstance(tag, str):
            owner = tag
            if owner not in texts:
                text = element.text
                texts[owner] = text.strip() if text else ""
    return texts, notes


def _row(
    row: etree._Element, table: str, number: int, period: date | None
) -> tuple[BookRow, tuple[str, ...]]:
    """A row, and the footnote ids on its ownership columns (who holds it)."""
    texts, notes = _columns(row)
    get = texts.get
    transaction = row.tag.endswith("Transaction")
    by_value = "sharesOwnedFollowingTransaction" not in texts and (
        "valueOwnedFollowingTransaction" in texts
    )
    after = "valueOwnedFollowingTransaction" if by_value else "sharesOwnedFollowingTransaction"
    # The fields in their order (``_book_row``: a frozen dataclass's __init__ sets each field
    # through object.__setattr__, a cost a book of a hundred thousand rows notices).
    return _book_row(
        table,
        get("securityTitle", ""),
        get("directOrIndirectOwnership", ""),
        get("natureOfOwnership", ""),
        transaction,
        _day(get("transactionDate", "")) if transaction else period,
        get("transactionCode", "") if transaction else "",
        (get("transactionFormType") or "4") if transaction and "transactionCoding" in texts else "",
        _decimal(get("transactionShares") or get("transactionTotalValue")),
        get("transactionAcquiredDisposedCode", ""),
        get(after) or None,
        by_value,
        get("conversionOrExercisePrice", ""),
        get("expirationDate", ""),
        notes.get(after, ()),
        number,
        "",
        get("underlyingSecurityTitle", ""),
        get("underlyingSecurityShares") or None,
    ), notes.get("directOrIndirectOwnership", ()) + notes.get("natureOfOwnership", ())


def _with_holders(
    rows: list[tuple[BookRow, tuple[str, ...]]], notes: dict[str, str]
) -> Iterator[BookRow]:
    """The rows, each with its holder when rows alike in every other way differ in the
    footnotes on their ownership (see ``BookRow.holder``)."""
    if len(rows) < 2 or not any(ids for _, ids in rows):  # most filings: nothing to tell apart
        yield from (row for row, _ in rows)
        return
    alike = [_alike(row) for row, _ in rows]
    kinds: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for (_, ids), kind in zip(rows, alike, strict=True):
        kinds.setdefault(kind, set()).add(ids)
    for (row, ids), kind in zip(rows, alike, strict=True):
        if ids and len(kinds[kind]) > 1:
            holder = " ".join(notes.get(i, i) for i in ids)
            yield replace(row, holder=" ".join(holder.split()))
        else:
            yield row


def _alike(row: BookRow) -> tuple[str, ...]:
    return (
        _same(row.security),
        row.ownership,
        _same(row.nature),
        row.exercise_price,
        row.expiration,
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


#: What a new filing takes of a reporting person from an earlier one (draft keys), and of the
#: address the keys a filer gives (EDGAR's own, the state description, are left).
PERSON_KEYS = ("cik", "name", "address", "relationship")
ADDRESS_KEYS = (
    "street1", "street2", "city", "non_us", "state", "non_us_state_territory", "country", "zip",
)  # fmt: skip


def person_of(found: dict[str, Any]) -> dict[str, Any]:
    """A reporting person of an earlier filing's draft data, as a new filing takes them: CIK,
    name, address and relationship (``sec16 new --book`` and ``draft-from`` alike)."""
    person = {key: found[key] for key in PERSON_KEYS if found.get(key) is not None}
    address = person.get("address")
    if isinstance(address, dict):
        person["address"] = {key: address[key] for key in ADDRESS_KEYS if key in address}
    return person


def filed_as_of(path: Path) -> date | None:
    """The filing date an EDGAR ``.txt`` submission's header gives (FILED AS OF DATE), or None
    for a file that has no such header (an XML document, a draft)."""
    return _header_date(path)


def entry_of_tree(
    tree: etree._ElementTree, path: Path, filed: date | None, filed_how: FiledHow, *, draft: bool
) -> Entry:
    """An entry from a parsed ownership document (a filing, or a draft as built)."""
    root = tree.getroot()
    top = _children(root)
    period = _day(_text(top.get("periodOfReport")))
    owners = [_children(o) for o in root.iterfind("reportingOwner/reportingOwnerId")]
    signatures = [_day(_text(s)) for s in root.iterfind("ownerSignature/signatureDate")]
    if filed is None and not draft and (signed := [d for d in signatures if d is not None]):
        filed, filed_how = max(signed), "signature (assumed)"
    issuer = _children(top["issuer"]) if "issuer" in top else {}
    footnotes: dict[str, str] = {}
    if (found := top.get("footnotes")) is not None:
        footnotes = {str(n.get("id")): _text(n) for n in found if n.tag == "footnote"}
    return Entry(
        path=path,
        form=_text(top.get("documentType")),
        issuer_cik=_text(issuer.get("issuerCik")),
        issuer_name=_text(issuer.get("issuerName")),
        owner_ciks=tuple(_text(o.get("rptOwnerCik")) for o in owners),
        owner_names=tuple(_text(o.get("rptOwnerName")) for o in owners),
        period=period,
        filed=filed,
        filed_how=filed_how if filed is not None else "none",
        original_filed=_day(_text(top.get("dateOfOriginalSubmission"))),
        rows=tuple(_rows(root, period, footnotes)),
        is_draft=draft,
        footnotes=footnotes,
    )


def read_entry(path: Path, settings: Settings, relative: str) -> Entry:
    """One file of the book; InputError or DraftError when it is not a filing or a draft."""
    return _read(path, settings.filed.get(relative))


def _read(path: Path, filed: date | None) -> Entry:
    """One file of the book, with the filing date book.yaml gives it (if any)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        from generator.pipeline.build import build_draft

        built = build_draft(path, "submission", lambda cik: None)
        return entry_of_tree(built.tree, path, None, "none", draft=True)
    from generator.formats.reading import read_xml_source
    from generator.formats.xmlsource import parse_ownership

    tree, _ = parse_ownership(read_xml_source(path), str(path))
    how: FiledHow = "book.yaml"
    if filed is None and path.suffix.lower() == ".txt":
        filed, how = _header_date(path), "header"
    return entry_of_tree(tree, path, filed, how, draft=False)


def _read_or_why(item: tuple[Path, date | None]) -> Entry | str:
    """``_read`` in a worker: the entry, or why the file is not a filing or draft."""
    try:
        return _read(*item)
    except (InputError, DraftError) as err:
        return str(err)


def book_files(folders: Sequence[Path]) -> Iterator[tuple[Path, Path]]:
    """Every filing and draft under the folders (a file named directly counts too), sorted, with
    the folder it was found in. Hidden files and folders (a name starting with a dot) are left
    out, and so is book.yaml."""
    for folder in folders:
        if folder.is_file():
            yield folder, folder.parent
            continue
        yield from ((path, folder) for path in _files_under(folder))


def _files_under(folder: Path) -> Iterator[Path]:
    """The filings and drafts in a folder and its subfolders, sorted by name (one directory
    read a folder: the kind of each entry comes with it)."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):  # as os.walk: a link to a folder is not followed
            yield from _files_under(Path(entry.path))
        elif (
            name != FILE_NAME and os.path.splitext(name)[1].lower() in _SUFFIXES and entry.is_file()
        ):
            yield Path(entry.path)


def read_book(paths: Iterable[str | Path], on_entry: Callable[[Entry], None] | None = None) -> Book:
    """Read a book: the folders (and files) given, and the book.yaml of each folder.

    A file that is neither a filing nor a draft is listed in ``unreadable`` with the reason;
    a broken book.yaml raises DraftError (it is the book's own file). Many files are read by
    worker processes, one per core (``generator.support.batch``); ``on_entry`` is given each
    entry as soon as it is read, in this process, while the workers read on (to prepare what
    the caller needs of it meanwhile).
    """
    from generator.support import batch

    folders = tuple(Path(p) for p in paths)
    for folder in folders:
        if not folder.exists():
            raise InputError(f"{folder}: no such file or folder; give the book's folder")
    settings = Settings()
    for folder in folders:
        if folder.is_dir():
            settings = _merged(settings, load_settings(folder))
    book = Book([], settings, folders=folders)
    items: list[tuple[Path, date | None]] = []
    seen: set[Path] = set()
    for path, folder in book_files(folders):
        if len(folders) > 1:  # a file named twice (a folder and one inside it): read once
            if (real := path.resolve()) in seen:
                continue
            seen.add(real)
        items.append(
            (path, settings.filed.get(_relative(path, folder)) if settings.filed else None)
        )
    for (path, _), read in zip(items, batch.run(_read_or_why, items), strict=True):
        if isinstance(read, str):
            book.unreadable.append((path, read))
        else:
            book.entries.append(read)
            if on_entry is not None:
                on_entry(read)
    return book


def _relative(path: Path, folder: Path) -> str:
    """How book.yaml's ``filed:`` names a file: relative to the book's folder."""
    if folder == path.parent or folder in path.parents:
        return path.relative_to(folder).as_posix()
    return path.name


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
