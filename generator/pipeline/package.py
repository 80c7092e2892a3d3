"""Making the EDGAR submission file (``sec16 package``): the primary document and what goes with it.

``sec16 package`` wraps a primary ownership document (built from a draft, or an ownership XML
file as it is, with each owner's CCC put in) and its supporting documents into the submission
file EDGAR takes (spec v5.5 §3.4, §4.2). This module gathers the parts: the primary document
(``build_primary``), the attachments (``--attach``, a draft's ``attachments:``), the contact and
notification addresses, and what a submission packaged again keeps (``carry_over``); the
envelope itself is written, read and checked by ``generator.formats.envelope``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.formats.credentials import (
    CREDENTIALS_VARIABLE,
    CccLookup,
    CccSources,
    credentials_path,
)
from generator.formats.envelope import (
    _PDF_REASON,
    MAX_CONTACT_NAME,
    MAX_DESCRIPTION,
    MAX_DOCUMENTS,
    MAX_NAME,
    MAX_NOTIFY,
    MAX_PHONE,
    SUPPORTING_EXTENSIONS,
    TYPE_LIMITS,
    Contact,
    Enclosed,
    email_problem,
    envelope_text,
    kept_from_submission,
    name_problems,
    primary_name,
)
from generator.formats.xmlsource import XmlSource
from generator.model.codes import DOCUMENT_TYPES, supporting_type_problem
from generator.model.problems import Problem
from generator.support.errors import InputError, UsageError

# --- the package command's inputs --------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentSpec:
    """One ``--attach PATH[:TYPE[:DESCRIPTION]]``."""

    path: Path
    type: str | None = None
    description: str | None = None


def _no_controls(text: str, what: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise UsageError(f"{what} contains a control character (a line break or tab?)")
    return text


def parse_attach(spec: str) -> AttachmentSpec:
    """``PATH[:TYPE[:DESCRIPTION]]``; a PATH that exists as it is wins over splitting."""
    try:
        if Path(spec).is_file():
            return AttachmentSpec(Path(spec))
    except OSError:  # a name too long to be a file: split it
        pass
    path, _, rest = spec.partition(":")
    raw_type, _, description = rest.partition(":")
    if not path:
        raise UsageError(f"--attach {spec}: give the file first: PATH[:TYPE[:DESCRIPTION]]")
    document_type = None
    if raw_type:
        base, dot, suffix = raw_type.partition(".")
        document_type = base.upper() + dot + suffix
        if document_type in DOCUMENT_TYPES:
            raise UsageError(
                f"--attach {spec}: {raw_type} is the type of a primary document; the primary "
                "document is the one sec16 packages from the draft or XML it is given. Attach "
                "supporting documents only (EX-24, EX-99, GRAPHIC, COVER, CORRESP)"
            )
        if reason := supporting_type_problem(document_type):
            raise UsageError(f"--attach {spec}: {reason}")
    description = _no_controls(description.strip(), f"--attach {spec}: the description")
    if len(description) > MAX_DESCRIPTION:
        raise UsageError(
            f"--attach {path}: the description has {len(description)} characters; EDGAR takes "
            f"at most {MAX_DESCRIPTION}"
        )
    return AttachmentSpec(Path(path), document_type, description or None)


def parse_contact(text: str) -> Contact:
    """``NAME,PHONE,EMAIL`` (the name may itself contain commas; any part may be empty)."""
    parts = text.rsplit(",", 2)
    if len(parts) != 3:
        raise UsageError(
            f"--contact {text!r}: give NAME,PHONE,EMAIL, e.g. "
            '"Jane Doe,202-555-0100,jane@example.com" (a part may be empty)'
        )
    name, phone, email = (_no_controls(p.strip(), "--contact") for p in parts)
    if not (name or phone or email):
        raise UsageError("--contact: give at least one of NAME, PHONE and EMAIL")
    for value, limit, what in ((name, MAX_CONTACT_NAME, "name"), (phone, MAX_PHONE, "phone")):
        if len(value) > limit:
            raise UsageError(
                f"--contact: the {what} has {len(value)} characters; EDGAR takes at most {limit}"
            )
    if email and (reason := email_problem(email)):
        raise UsageError(f"--contact: {reason}")
    return Contact(name or None, phone or None, email or None)


def check_notify(addresses: Sequence[str], contact: Contact | None) -> list[str]:
    """The ``--notify`` addresses: well formed, at most 30, none twice, none the contact's."""
    if len(addresses) > MAX_NOTIFY:
        raise UsageError(
            f"--notify is given {len(addresses)} times; EDGAR takes at most {MAX_NOTIFY} "
            "notification addresses"
        )
    seen: set[str] = set()
    contact_email = (contact.email or "").lower() if contact else ""
    result = []
    for raw in addresses:
        address = raw.strip()
        if reason := email_problem(address):
            raise UsageError(f"--notify: {reason}")
        key = address.lower()
        if key in seen:
            raise UsageError(
                f"--notify {address} is given twice; EDGAR warns about duplicate notification "
                "addresses (spec v5.5 §4.2 rule 4). Give it once"
            )
        if key == contact_email:
            raise UsageError(
                f"--notify {address} is also the --contact e-mail; EDGAR warns about the "
                "duplicate (spec v5.5 §4.2 rule 4). Give it once"
            )
        seen.add(key)
        result.append(address)
    return result


_EXTENSION_ALIASES = {".html": ".htm", ".jpeg": ".jpg"}
_MAGIC = {".jpg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a")}


def derive_name(path: Path, extension: str, taken: set[str]) -> str:
    """An EDGAR file name for an attachment, from its own name (``Power of Attorney.txt`` ->
    ``power-of_attorney.txt``): lowercase letters and digits, the first word break a hyphen,
    the second an underscore, further ones dropped; unique among ``taken``."""
    ascii_stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    words: list[str] = re.findall(r"[a-z0-9]+", ascii_stem.lower()) or ["document"]
    stem = words[0]
    if len(words) > 1:
        stem += "-" + words[1]
    if len(words) > 2:
        stem += "_" + "".join(words[2:])
    if not stem[0].isalpha():
        stem = "doc" + stem
    room = MAX_NAME - len(extension)
    stem = stem[:room].rstrip("-_")
    name = stem + extension
    number = 1
    while name in taken:
        number += 1
        digits = str(number)
        name = stem[: room - len(digits)].rstrip("-_") + digits + extension
    if reasons := name_problems(name):  # cannot happen; a guard, not a message for users
        raise InputError(f"{path}: no EDGAR file name could be made from it: {reasons[0]}")
    return name


def read_attachment(spec: AttachmentSpec, taken: set[str]) -> Enclosed:
    """An attachment read and checked (§4.2.1.2); InputError for a file EDGAR would not take."""
    path = spec.path
    extension = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UsageError(f"--attach {path} cannot be read: {err.strerror}") from None
    if extension == ".pdf" or data.startswith(b"%PDF-"):
        raise InputError(f"{path}: not attached: {_PDF_REASON}; attach it as .txt or .htm")
    extension = _EXTENSION_ALIASES.get(extension, extension)
    if extension not in SUPPORTING_EXTENSIONS:
        what = extension or "a file without an extension"
        raise InputError(
            f"{path}: not attached: EDGAR takes only .txt, .htm, .jpg and .gif files with an "
            f"ownership filing (spec v5.5 §4.2 rule 6), not {what}"
        )
    if not data:
        raise InputError(f"{path}: not attached: the file is empty")
    if extension in _MAGIC and not data.startswith(_MAGIC[extension]):
        kind = "JPEG" if extension == ".jpg" else "GIF"
        raise InputError(f"{path}: not attached: it is named {extension} but is not a {kind} image")
    document_type = spec.type or ("GRAPHIC" if extension in (".jpg", ".gif") else "EX-99")
    name = derive_name(path, extension, taken)
    taken.add(name)
    return Enclosed(name, document_type, data, spec.description)


def check_counts(documents: Sequence[Enclosed]) -> None:
    """The type limits of §4.2.1.2 and the 611 documents of §4.2.1, before anything is built."""
    counts = Counter(d.type.partition(".")[0] for d in documents)
    for label, (types, limit) in TYPE_LIMITS.items():
        count = sum(counts[t] for t in types)
        if count > limit:
            raise InputError(
                f"{count} attachments of type {label}; EDGAR takes at most {limit} in one "
                "submission (spec v5.5 §4.2.1.2)"
            )
    if len(documents) > MAX_DOCUMENTS:
        raise InputError(
            f"{len(documents)} documents in one submission; EDGAR takes at most "
            f"{MAX_DOCUMENTS} (spec v5.5 §4.2.1)"
        )


# --- the primary document ----------------------------------------------------------------------


@dataclass
class Primary:
    """The primary document to enclose, and what the checks found in it."""

    form: str
    data: bytes
    issuer: str
    owners: list[str]
    problems: list[Problem] = field(default_factory=list)
    #: The draft's ``attachments`` (a power of attorney the session recorded…), their files
    #: found from the draft's folder; none for an XML file.
    attachments: list[AttachmentSpec] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def primary_from_draft(path: Path, lookup: CccLookup) -> Primary:
    """Build a draft with the submission profile: the same bytes as ``sec16 build``."""
    from generator.pipeline.build import build_draft

    built = build_draft(path, "submission", lookup)
    filing = built.filing
    return Primary(
        filing.form.value,
        built.xml.encode("utf-8"),
        filing.issuer.cik,
        [o.cik for o in filing.reporting_owners],
        built.problems,
        [
            AttachmentSpec(path.parent / Path(a.file).expanduser(), a.type, a.description)
            for a in filing.attachments
        ],
    )


def draft_attachments(
    source: Path, primary: Primary, given: Sequence[AttachmentSpec], taken: set[str]
) -> list[Enclosed]:
    """The draft's own attachments, read and checked as ``--attach`` reads its files; a file
    also given with ``--attach`` is enclosed once, as ``--attach`` describes it."""
    already = {spec.path.resolve() for spec in given}
    found = []
    for number, spec in enumerate(primary.attachments, 1):
        if spec.path.resolve() in already:
            continue
        if not spec.path.is_file():
            raise InputError(
                f"{source}: attachments[{number}] names {spec.path}, which is not there; put the "
                "file there, or change the draft's attachments"
            )
        found.append(read_attachment(spec, taken))
    return found


def primary_from_xml(path: Path, lookup: CccLookup) -> Primary:
    """An ownership XML file, checked as it is; then each missing rptOwnerCcc is put in from
    the sources (a CCC the file already has is taken as given).

    The file is parsed and checked once as given and once with the CCC put in; the CCC goes
    into the bytes (``_insert_cccs``) rather than into a tree written anew, so that the document
    EDGAR receives is the filer's, byte for byte, but for that one element.
    """
    from generator.formats.credentials import check_ccc
    from generator.formats.reading import read_xml_source
    from generator.formats.xmlsource import parse_ownership
    from generator.pipeline.validate import check_parsed

    source = read_xml_source(path)
    tree, form = parse_ownership(source, str(path))
    root = tree.getroot()
    ciks = root.findall("reportingOwner/reportingOwnerId/rptOwnerCik")
    owners = [(element.text or "").strip() for element in ciks]
    for element, cik in zip(ciks, owners, strict=True):
        given = element.getparent().find("rptOwnerCcc")  # type: ignore[union-attr]
        if given is not None:
            check_ccc(given.text or "", f"{path}: the <rptOwnerCcc> of reporting owner {cik}")
    report = check_parsed(source, tree, form, str(path), "submission")
    issuer = (root.findtext("issuer/issuerCik") or "").strip()
    primary = Primary(form, source.data, issuer, owners, report.problems)
    if not primary.valid:
        return primary
    missing = {
        index: lookup(cik) or ""
        for index, (element, cik) in enumerate(zip(ciks, owners, strict=True))
        if element.getparent().find("rptOwnerCcc") is None  # type: ignore[union-attr]
    }
    if missing:
        primary.data, placed = _insert_cccs(source.data, len(ciks), missing, str(path))
        again = check_parsed(XmlSource(primary.data), placed, form, str(path), "submission")
        if not again.valid:  # a guard: the CCC is checked, nothing else changed
            raise InputError(f"{path}: adding the CCC made the document invalid; add it yourself")
    return primary


def _insert_cccs(
    data: bytes, count: int, cccs: dict[int, str], name: str
) -> tuple[bytes, etree._ElementTree]:
    """Put ``<rptOwnerCcc>`` right after the n-th ``</rptOwnerCik>``, on a line of its own with
    the CIK's indentation (as ``sec16 build`` writes it), or on the same line when the CIK is
    not at the end of its line. Returns the bytes and their parsed tree, in which each CCC is
    confirmed to be where it belongs."""
    ends = list(re.finditer(rb"</rptOwnerCik\s*>", data))
    if len(ends) != count:
        raise InputError(
            f"{name}: sec16 cannot safely add the CCC to this file (its <rptOwnerCik> elements "
            "are not plain); package the draft instead, or add <rptOwnerCcc> yourself"
        )
    out = bytearray()
    last = 0
    for index, match in enumerate(ends):
        if index not in cccs:
            continue
        escaped = cccs[index].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        element = f"<rptOwnerCcc>{escaped}</rptOwnerCcc>".encode()
        line_start = data.rfind(b"\n", 0, match.start()) + 1
        indent = re.match(rb"[ \t]*", data[line_start:])
        after = data[match.end() : match.end() + 2]
        if after.startswith(b"\n") or after == b"\r\n":
            newline = b"\r\n" if after == b"\r\n" else b"\n"
            element = newline + (indent.group() if indent else b"") + element
        out += data[last : match.end()] + element
        last = match.end()
    out += data[last:]
    result = bytes(out)
    from generator.formats.xmlsource import parse_ownership

    try:
        tree, _ = parse_ownership(XmlSource(result), name)
    except InputError:
        tree = None
    root = tree.getroot() if tree is not None else None
    placed = (
        [e.findtext("rptOwnerCcc") for e in root.iterfind("reportingOwner/reportingOwnerId")]
        if root is not None
        else []
    )
    if tree is None or len(placed) != count or any(placed[i] != c for i, c in cccs.items()):
        raise InputError(
            f"{name}: sec16 could not add the CCC to this file safely; package the draft "
            "instead, or add <rptOwnerCcc> yourself"
        )
    return result, tree


def build_primary(path: Path, lookup: CccLookup) -> Primary:
    if path.suffix.lower() in (".yaml", ".yml"):
        return primary_from_draft(path, lookup)
    return primary_from_xml(path, lookup)


def default_output(source: Path) -> Path:
    """``form4.yaml`` -> ``form4.submission.xml`` beside it."""
    return source.with_name(source.stem + ".submission.xml")


def assemble(
    primary: Primary,
    attachments: Sequence[Enclosed],
    *,
    live: bool,
    contact: Contact | None,
    notify: Sequence[str],
) -> str:
    documents = [
        Enclosed(primary_name(primary.form), primary.form, primary.data, f"Form {primary.form}"),
        *attachments,
    ]
    check_counts(documents)
    return envelope_text(primary.form, live, documents, contact, notify)


# --- packaging a submission again --------------------------------------------------------------


def ccc_sources(credentials: str | None) -> CccSources:
    """Where each reporting owner's CCC comes from: the environment, then the credentials file
    (``--credentials``, else ``SEC16_CREDENTIALS``, else the default location, which alone may
    be missing), then a hidden prompt on a terminal."""
    explicit = bool(credentials or os.environ.get(CREDENTIALS_VARIABLE))
    return CccSources(credentials_path(credentials), explicit=explicit)


@dataclass
class Carried:
    """What a submission file packaged again brings to the new package, and notes saying so."""

    documents: list[Enclosed] = field(default_factory=list)
    contact: Contact | None = None
    notify: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def carry_over(
    source: Path, *, attached: bool, contact: Contact | None, notify: list[str], live: bool
) -> Carried:
    """The supporting documents (unless ``attached`` ones replace them), contact and
    notification addresses of ``source`` when it is a submission packaged again: its own,
    unless ``--contact``/``--notify`` give others. Each thing kept or replaced is said in a
    note. Nothing is carried over from a draft or an ownership document."""
    kept = kept_from_submission(source, documents=not attached)
    if kept is None:
        return Carried([], contact, notify)
    notes = []
    if kept.count and not kept.documents:
        notes.append(
            f"--attach replaces the {kept.count} supporting document(s) of this submission"
        )
    for document in kept.documents:
        about = f", {document.description!r}" if document.description else ""
        notes.append(f"kept the supporting document {document.name} ({document.type}{about})")
    for name in kept.left_out:
        notes.append(f"left out {name!r}: a second primary document (a submission has exactly one)")
    if kept.contact is not None and contact is not None:
        notes.append("--contact replaces the contact of this submission")
    elif kept.contact is not None:
        contact = kept.contact
        parts = (contact.name, contact.phone, contact.email)
        notes.append("kept the contact " + ", ".join(part for part in parts if part))
    if kept.notify and notify:
        notes.append("--notify replaces the notification address(es) of this submission")
    elif kept.notify:
        notify = list(kept.notify)
        notes.append("kept the notification address(es) " + ", ".join(notify))
    if kept.live and not live:
        notes.append(
            "this was a LIVE submission; the new package is a TEST one unless --live is given"
        )
    return Carried(kept.documents, contact, notify, notes)
