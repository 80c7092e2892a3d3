"""The EDGAR submission envelope (``edgarSubmission``, spec v5.5 §4.2): writing, reading, checking.

``sec16 package`` writes one around a primary document (``envelope_text``); ``validate`` and
``import`` read one (``unwrap`` takes the primary document out, with the findings on the
envelope, checked against the project's envelope schema and the rules of §4.2).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from generator.checks import schema
from generator.formats.xmlsource import XmlSource
from generator.model.codes import DOCUMENT_TYPES, supporting_type_problem
from generator.model.problems import Problem, Report, Severity
from generator.support.errors import InputError, UsageError
from generator.support.files import read_limited
from generator.support.paths import resource_dir

SUPPORTING_EXTENSIONS = (".txt", ".htm", ".jpg", ".gif")


MAX_DOCUMENTS = 611


#: §4.2.1.2: document count limits by type (EX-24, EX-99 and GRAPHIC share one limit).
TYPE_LIMITS = {
    "CORRESP": (("CORRESP",), 100),
    "COVER": (("COVER",), 10),
    "EX-24, EX-99 and GRAPHIC": (("EX-24", "EX-99", "GRAPHIC"), 500),
}


MAX_NAME = 32


MAX_DESCRIPTION = 255


MAX_CONTACT_NAME = 30


MAX_PHONE = 20


MAX_EMAIL = 80


MAX_NOTIFY = 30


_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


_PDF_REASON = (
    "EDGAR discards PDF documents attached to an ownership filing (Forms 3, 4, 5 take "
    ".txt, .htm, .jpg and .gif only; spec v5.5 §4.2.1.2)"
)


def name_problems(name: str) -> list[str]:
    """What is wrong with a document file name under EDGAR's naming convention (§4.2 rule 6)."""
    reasons = []
    if len(name) > MAX_NAME:
        reasons.append(f"it has {len(name)} characters; EDGAR takes at most {MAX_NAME}")
    if not name or not ("a" <= name[0] <= "z"):
        reasons.append("it must start with a lowercase letter")
    others = sorted({ch for ch in name if not ("a" <= ch <= "z" or "0" <= ch <= "9")} - {*"_-."})
    if others:
        shown = " ".join("space" if ch == " " else repr(ch) for ch in others)
        reasons.append(
            f"it may hold only lowercase letters, digits, '_', '-' and '.' (not {shown})"
        )
    for mark in "_-.":
        if name.count(mark) > 1:
            reasons.append(f"it has {name.count(mark)} {mark!r}; EDGAR allows at most one")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not extension:
        reasons.append("it needs a file type extension such as .xml or .txt")
    return reasons


def email_problem(address: str) -> str | None:
    """Why an e-mail address is not one EDGAR can write to, or None."""
    if len(address) > MAX_EMAIL:
        return f"the e-mail address has {len(address)} characters; EDGAR takes at most {MAX_EMAIL}"
    if not _EMAIL.fullmatch(address):
        return f"{address!r} is not a well-formed e-mail address (name@example.com)"
    return None


@dataclass(frozen=True)
class Enclosed:
    """One document of a submission: its EDGAR file name, type, description and bytes."""

    name: str
    type: str
    data: bytes
    description: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None


def primary_name(form: str) -> str:
    """``form4.xml``, ``form4a.xml``: the primary document's file name."""
    return f"form{form.replace('/', '').lower()}.xml"


def _mime(data: bytes) -> str:
    lines = base64.encodebytes(data).decode("ascii").split()
    return "\n" + "".join(f"            {line}\n" for line in lines) + "        "


def _add(parent: etree._Element, tag: str, text: str | None) -> None:
    if text:
        etree.SubElement(parent, tag).text = text


def envelope_text(
    submission_type: str,
    live: bool,
    documents: Sequence[Enclosed],
    contact: Contact | None = None,
    notify: Sequence[str] = (),
) -> str:
    """The submission file, elements in the order of §3.4, documents base64 (MIME) encoded."""
    root = etree.Element("edgarSubmission")
    _add(root, "submissionType", submission_type)
    _add(root, "testOrLive", "LIVE" if live else "TEST")
    if contact is not None and (contact.name or contact.phone or contact.email):
        point = etree.SubElement(root, "pointOfContact")
        _add(point, "contactName", contact.name)
        _add(point, "contactPhoneNumber", contact.phone)
        _add(point, "contactEmailAddress", contact.email)
    if notify:
        addresses = etree.SubElement(root, "notificationAddresses")
        for address in notify:
            _add(addresses, "notificationEmailAddress", address)
    for document in documents:
        enclosed = etree.SubElement(root, "edgarDocument")
        _add(enclosed, "documentName", document.name)
        _add(enclosed, "documentType", document.type)
        _add(enclosed, "documentDescription", document.description)
        etree.SubElement(enclosed, "documentMimeBlock").text = _mime(document.data)
    etree.indent(root, space="    ")  # indents between elements; the base64 text stays as is
    body = etree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


_SEC_ENVELOPE = "edgarSubmission.xsd.xml"


_OWN_ENVELOPE = "submission.xsd"


@cache
def _load_envelope_schema(path: Path) -> etree.XMLSchema:
    try:
        return etree.XMLSchema(etree.parse(str(path), schema.safe_parser()))
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as err:
        raise UsageError(f"the envelope schema {path} cannot be used: {err}") from None


def envelope_schema_file() -> Path:
    """The SEC's edgarSubmission.xsd.xml in the schema folder if present, else the project's."""
    folder = schema.schema_dir()
    for candidate in (folder / _SEC_ENVELOPE, folder / _OWN_ENVELOPE):
        if candidate.is_file():
            return candidate
    return resource_dir("schemas") / _OWN_ENVELOPE


def envelope_schema() -> etree.XMLSchema:
    return _load_envelope_schema(envelope_schema_file())


def _problem(
    tree: etree._ElementTree,
    element: etree._Element,
    rule: str,
    message: str,
    severity: Severity = "error",
) -> Problem:
    line: Any = element.sourceline  # lxml-stubs declare it oddly
    return Problem(severity, rule, message, tree.getpath(element), line or None)


def _schema_problems(tree: etree._ElementTree) -> list[Problem]:
    checker = envelope_schema()
    if checker.validate(tree):
        return []
    problems = []
    for error in list(checker.error_log)[:50]:  # type: ignore[call-overload]
        where, reason = schema.explain(error)
        problems.append(
            Problem(
                "error",
                "submission-xsd",
                f"{where}: {reason} (EDGAR submission schema); EDGAR suspends a submission "
                "that breaks it",
                error.path or None,
                error.line or None,
            )
        )
    return problems


def _decoded(element: etree._Element | None) -> bytes | None:
    """The bytes of a documentMimeBlock, or None when it is not base64."""
    text = "".join((element.text or "").split()) if element is not None else ""
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def check_envelope(tree: etree._ElementTree) -> list[Problem]:
    """The envelope schema and the rules of §4.2 on a parsed submission file."""
    problems = _schema_problems(tree)
    root = tree.getroot()
    submission_type = root.findtext("submissionType") or ""
    documents = root.findall("edgarDocument")
    primaries = [d for d in documents if (d.findtext("documentType") or "") in DOCUMENT_TYPES]
    matching = [d for d in primaries if d.findtext("documentType") == submission_type]
    if not matching:
        problems.append(
            _problem(
                tree,
                root,
                "primary-document",
                f"No primary document: no <edgarDocument> has the documentType "
                f"{submission_type!r} of the submission; a submission encloses exactly one "
                "primary ownership document of its own type (spec v5.5 §4.2, §4.2.1.1)",
            )
        )
    for extra in primaries:
        if extra is (matching[0] if matching else None):
            continue
        problems.append(
            _problem(
                tree,
                extra,
                "primary-document",
                f"A second primary document ({extra.findtext('documentName')!r}, documentType "
                f"{extra.findtext('documentType')!r}): a submission has exactly one, and its "
                f"type is the submission type {submission_type!r} (spec v5.5 §4.2 rule 1, "
                "§4.2.1.1)",
            )
        )
    seen: dict[str, etree._Element] = {}
    for document in documents:
        problems.extend(_document_problems(tree, document, document in primaries, seen))
    problems.extend(_count_problems(tree, root, documents))
    problems.extend(_address_problems(tree, root))
    return problems


def _document_problems(
    tree: etree._ElementTree,
    document: etree._Element,
    primary: bool,
    seen: dict[str, etree._Element],
) -> list[Problem]:
    problems = []
    name = document.findtext("documentName") or ""
    name_element = document.find("documentName")
    where = name_element if name_element is not None else document
    for reason in name_problems(name):
        problems.append(
            _problem(
                tree,
                where,
                "document-name",
                f"The document name {name!r} breaks EDGAR's file naming convention: {reason} "
                "(spec v5.5 §4.2 rule 6)",
            )
        )
    if name in seen:
        problems.append(
            _problem(
                tree,
                where,
                "document-name",
                f"Two documents are named {name!r}; each document needs its own name",
            )
        )
    seen.setdefault(name, document)
    extension = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if primary and extension != ".xml":
        problems.append(
            _problem(
                tree,
                where,
                "document-extension",
                f"The primary document {name!r} must be an .xml file (spec v5.5 §4.2.1.1)",
            )
        )
    elif not primary and extension == ".pdf":
        problems.append(
            _problem(tree, where, "document-pdf", f"{name!r}: {_PDF_REASON}", "warning")
        )
    elif not primary and extension not in SUPPORTING_EXTENSIONS:
        problems.append(
            _problem(
                tree,
                where,
                "document-extension",
                f"The supporting document {name!r} must be a .txt, .htm, .jpg or .gif file "
                "(spec v5.5 §4.2 rule 6, §4.2.1.2)",
            )
        )
    document_type = document.findtext("documentType") or ""
    if not primary and (type_reason := supporting_type_problem(document_type)):
        type_element = document.find("documentType")
        problems.append(
            _problem(
                tree,
                type_element if type_element is not None else document,
                "document-type",
                f"Document {name!r}: {type_reason} (spec v5.5 §3.6.3)",
            )
        )
    block = document.find("documentMimeBlock")
    if block is not None and (block.text or "").strip() and _decoded(block) is None:
        problems.append(
            _problem(
                tree,
                block,
                "document-encoding",
                f"The content of document {name!r} is not valid base64 (MIME) text; EDGAR "
                "cannot decode it (spec v5.5 §4.2.1)",
            )
        )
    return problems


def _count_problems(
    tree: etree._ElementTree, root: etree._Element, documents: list[etree._Element]
) -> list[Problem]:
    problems = []
    counts = Counter((d.findtext("documentType") or "").partition(".")[0] for d in documents)
    for label, (types, limit) in TYPE_LIMITS.items():
        count = sum(counts[t] for t in types)
        if count > limit:
            problems.append(
                _problem(
                    tree,
                    root,
                    "document-count",
                    f"The submission encloses {count} documents of type {label}; EDGAR takes "
                    f"at most {limit} (spec v5.5 §4.2.1.2)",
                )
            )
    if len(documents) > MAX_DOCUMENTS:
        problems.append(
            _problem(
                tree,
                root,
                "document-count",
                f"The submission encloses {len(documents)} documents; EDGAR takes at most "
                f"{MAX_DOCUMENTS}, one primary and {MAX_DOCUMENTS - 1} supporting "
                "(spec v5.5 §4.2.1)",
            )
        )
    return problems


def _address_problems(tree: etree._ElementTree, root: etree._Element) -> list[Problem]:
    problems = []
    contact = root.find("pointOfContact/contactEmailAddress")
    addresses = root.findall("notificationAddresses/notificationEmailAddress")
    for element in ([contact] if contact is not None else []) + addresses:
        reason = email_problem(element.text or "")
        if reason and len(element.text or "") <= MAX_EMAIL:  # the schema reports the length
            problems.append(
                _problem(tree, element, "email-invalid", reason[0].upper() + reason[1:])
            )
    seen = {(contact.text or "").strip().lower()} if contact is not None else set()
    for element in addresses:
        key = (element.text or "").strip().lower()
        if key in seen:
            problems.append(
                _problem(
                    tree,
                    element,
                    "notification-duplicate",
                    f"The notification address {element.text!r} is given twice (or is also "
                    "the contact's address); EDGAR warns about duplicates (spec v5.5 §4.2 "
                    "rule 4). Give each address once",
                    "warning",
                )
            )
        seen.add(key)
    return problems


def parse_submission(data: bytes, name: str) -> etree._ElementTree | None:
    """The parsed submission file, or None when ``data`` is not one (another root element)."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, schema.safe_parser()))
    except etree.XMLSyntaxError as err:
        raise InputError(
            f"{name}:{err.lineno or 0}: the submission file is not well-formed XML: {err.msg}"
        ) from None
    if tree.docinfo.doctype:  # type: ignore[attr-defined]
        raise InputError(
            f"{name}: the submission file has a DOCTYPE declaration; EDGAR's has none, and "
            "sec16 does not read DTDs or entities from outside the file"
        )
    root = tree.getroot()
    if not isinstance(root.tag, str) or etree.QName(root).localname != "edgarSubmission":
        return None
    if etree.QName(root).namespace:
        raise InputError(
            f"{name}: this is an EDGARLink Online submission (namespace "
            f"{etree.QName(root).namespace}); sec16 reads the ownership XML submission file "
            "of spec v5.5 §3.4, whose <edgarSubmission> has no namespace"
        )
    return tree


def _primary_element(root: etree._Element) -> etree._Element | None:
    """The primary document of a submission: of the submission type if one is, else the first
    ``edgarDocument`` of any primary type (None when there is none)."""
    submission_type = root.findtext("submissionType") or ""
    candidates = [
        d for d in root.iterfind("edgarDocument") if d.findtext("documentType") in DOCUMENT_TYPES
    ]
    candidates.sort(key=lambda d: d.findtext("documentType") != submission_type)
    return candidates[0] if candidates else None


def unwrap(data: bytes, name: str) -> XmlSource | None:
    """The primary document of a submission file, with the findings on its envelope.

    None when ``data`` is not a submission file. InputError (one sentence with every reason)
    when no primary ownership document can be taken out of it.
    """
    tree = parse_submission(data, name)
    if tree is None:
        return None
    envelope = check_envelope(tree)
    root = tree.getroot()
    submission_type = root.findtext("submissionType") or ""
    document = _primary_element(root)
    schema_note = ""
    if broken := [p for p in envelope if p.rule == "submission-xsd"]:
        schema_note = f"; the envelope also breaks EDGAR's submission schema: {broken[0].message}"
    if document is None:
        raise InputError(
            f"{name}: this EDGAR submission encloses no primary ownership document (an "
            f"<edgarDocument> whose documentType is {submission_type or 'the submission type'})"
            f", so there is nothing to check or import{schema_note}"
        )
    document_name = document.findtext("documentName") or "(unnamed)"
    primary = _decoded(document.find("documentMimeBlock"))
    if not primary:
        raise InputError(
            f"{name}: the primary document {document_name!r} of this submission is not valid "
            f"base64 (MIME) text, so it cannot be read{schema_note}"
        )
    try:
        parsed = etree.fromstring(primary, schema.safe_parser())
    except etree.XMLSyntaxError as err:
        raise InputError(
            f"{name}: the primary document {document_name!r} of this submission is not "
            f"well-formed XML (line {err.lineno or 0} of that document: {err.msg}), so EDGAR "
            f"would suspend it and sec16 cannot check or import it{schema_note}. Rebuild it "
            "from its draft with sec16 package"
        ) from None
    if parsed.tag != "ownershipDocument":
        raise InputError(
            f"{name}: the primary document {document_name!r} of this submission is not an "
            f"ownership document (its root element is <{parsed.tag}>){schema_note}"
        )
    inner_type = (parsed.findtext("documentType") or "").strip()
    if inner_type and inner_type != submission_type:
        envelope.append(
            _problem(
                tree,
                document,
                "primary-document",
                f"The primary document {document_name!r} is a Form {inner_type}, but the "
                f"submission type is {submission_type!r}; they must match (spec v5.5 "
                "§4.2.1.1)",
            )
        )
    return XmlSource(primary, 0, tuple(envelope))


def with_envelope(report: Report, envelope: Sequence[Problem]) -> Report:
    """A report on a submission file: the envelope's findings, then the primary document's.

    Lines of the primary document's findings are dropped: they would be lines of the decoded
    document, not of the file the user named (its element paths stay).
    """
    problems = [*envelope, *(p._replace(line=None) for p in report.problems)]
    return Report(report.file, report.document_type, problems)


def check_package(text: str, name: str) -> list[Problem]:
    """Everything ``sec16 validate`` would say about the envelope of a package just made."""
    tree = parse_submission(text.encode("utf-8"), name)
    if tree is None:  # pragma: no cover - envelope_text always writes edgarSubmission
        raise InputError(f"{name}: not a submission file")
    return check_envelope(tree)


@dataclass
class Kept:
    """What a submission file given to ``sec16 package`` holds besides its primary document.

    Packaging it again (``--live`` after a TEST run) keeps all of it, unless ``--attach``,
    ``--contact`` or ``--notify`` gives another.
    """

    #: The supporting documents, with their EDGAR names, types, descriptions and bytes (empty
    #: when they were not asked for).
    documents: list[Enclosed] = field(default_factory=list)
    #: How many supporting documents the submission holds (read or not).
    count: int = 0
    contact: Contact | None = None
    notify: list[str] = field(default_factory=list)
    live: bool = False
    #: A second primary document (its name): an error in any submission, never enclosed again.
    left_out: list[str] = field(default_factory=list)


def kept_from_submission(path: Path, *, documents: bool = True) -> Kept | None:
    """The supporting documents, contact and notification addresses of a submission ``.xml``
    (``sec16 package`` writes them); None when ``path`` is not a submission file.

    ``documents=False`` (``--attach`` replaces them): the documents are counted, not decoded.
    InputError when a document to keep is not base64 text.
    """
    from generator.formats.xmlsource import MAX_XML_BYTES

    if path.suffix.lower() in (".yaml", ".yml", ".txt"):
        return None
    try:
        data = read_limited(path, MAX_XML_BYTES)
    except OSError as err:
        raise InputError(f"{path}: cannot be read: {err.strerror or err}") from None
    if data is None:
        return None  # refused before, as the primary document was read
    # As validation.read_xml_source tells a submission from an ownership document.
    root_at = data.find(b"<ownershipDocument", 0, 65536)
    if data.find(b"<edgarSubmission", 0, root_at if root_at >= 0 else 65536) < 0:
        return None
    tree = parse_submission(data, str(path))
    if tree is None:
        return None
    root = tree.getroot()
    primary = _primary_element(root)
    kept = Kept(live=(root.findtext("testOrLive") or "").strip() == "LIVE")
    for document in root.iterfind("edgarDocument"):
        if document is primary:
            continue
        name = (document.findtext("documentName") or "").strip()
        document_type = (document.findtext("documentType") or "").strip()
        if document_type in DOCUMENT_TYPES:
            kept.left_out.append(name or "(unnamed)")
            continue
        kept.count += 1
        if not documents:
            continue
        content = _decoded(document.find("documentMimeBlock"))
        if content is None:
            raise InputError(
                f"{path}: the document {name!r} of this submission is not valid base64 (MIME) "
                "text, so it cannot be kept; give the supporting documents again with --attach"
            )
        description = (document.findtext("documentDescription") or "").strip() or None
        kept.documents.append(Enclosed(name, document_type, content, description))
    point = root.find("pointOfContact")
    if point is not None:
        parts = [
            (point.findtext(tag) or "").strip() or None
            for tag in ("contactName", "contactPhoneNumber", "contactEmailAddress")
        ]
        if any(parts):
            kept.contact = Contact(*parts)
    kept.notify = [
        address
        for element in root.iterfind("notificationAddresses/notificationEmailAddress")
        if (address := (element.text or "").strip())
    ]
    return kept
