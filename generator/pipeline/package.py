"""The EDGAR submission file (``edgarSubmission``): writing one, reading one, checking one.

``sec16 package`` wraps a primary ownership document (built from a draft, or an ownership XML
file as it is) and its supporting documents into the submission file EDGAR takes (spec v5.5
§3.4, §4.2): the envelope says the submission type, TEST or LIVE, whom to notify, and encloses
each document base64-encoded. ``sec16 validate`` and ``sec16 import`` read such a file back
(``unwrap``): the envelope is checked against the project's envelope schema
(``schemas/submission.xsd``) and the rules of §4.2 that no schema expresses, and the primary
document is decoded and handled like any ownership XML. A submission file given to ``sec16
package`` again (TEST, then ``--live``) keeps its supporting documents, contact and notification
addresses (``kept_from_submission``) unless options replace them.

Rules on the envelope (their ids appear in ``validate`` output): ``submission-xsd`` (the
envelope schema), ``primary-document``, ``document-name``, ``document-extension``,
``document-pdf`` (a warning: EDGAR discards PDFs), ``document-type``, ``document-count``,
``document-encoding``, ``email-invalid`` and ``notification-duplicate`` (a warning, as in EDGAR).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from generator.checks import schema
from generator.checks.validation import XmlSource
from generator.model.problems import Problem, Report, Severity
from generator.support.errors import InputError, UsageError
from generator.support.paths import resource_dir

#: How a reporting owner's CCC is found (``generator.formats.credentials.CccSources``).
CccLookupType = Callable[[str], str | None]

PRIMARY_TYPES = schema.DOCUMENT_TYPES
#: DocTypeList (§3.6.3), supporting documents; each may carry a suffix ".text".
SUPPORTING_TYPES = ("CORRESP", "COVER", "EX-24", "EX-99", "GRAPHIC")
SUPPORTING_EXTENSIONS = (".txt", ".htm", ".jpg", ".gif")
MAX_DOCUMENTS = 611
#: §4.2.1.2: document count limits by type (EX-24, EX-99 and GRAPHIC share one limit).
TYPE_LIMITS = {
    "CORRESP": (("CORRESP",), 100),
    "COVER": (("COVER",), 10),
    "EX-24, EX-99 and GRAPHIC": (("EX-24", "EX-99", "GRAPHIC"), 500),
}
MAX_NAME = 32
MAX_TYPE = 20
MAX_DESCRIPTION = 255
MAX_CONTACT_NAME = 30
MAX_PHONE = 20
MAX_EMAIL = 80
MAX_NOTIFY = 30

_TYPE = re.compile("(" + "|".join(map(re.escape, SUPPORTING_TYPES)) + r")(\.\S+)?")
_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_PDF_REASON = (
    "EDGAR discards PDF documents attached to an ownership filing (Forms 3, 4, 5 take "
    ".txt, .htm, .jpg and .gif only; spec v5.5 §4.2.1.2)"
)


# --- the rules of §4.2 on single values --------------------------------------------------------


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


def supporting_type_problem(document_type: str) -> str | None:
    """Why a supporting document's type is not in DocTypeList (§3.6.3), or None."""
    if len(document_type) > MAX_TYPE:
        return f"the document type has {len(document_type)} characters; at most {MAX_TYPE}"
    if not _TYPE.fullmatch(document_type):
        return (
            f"the document type {document_type!r} is not one EDGAR takes with an ownership "
            "filing: CORRESP, COVER, EX-24 (power of attorney), EX-99 (other exhibit) or "
            "GRAPHIC, optionally followed by a period and text (e.g. EX-24.poa)"
        )
    return None


def email_problem(address: str) -> str | None:
    """Why an e-mail address is not one EDGAR can write to, or None."""
    if len(address) > MAX_EMAIL:
        return f"the e-mail address has {len(address)} characters; EDGAR takes at most {MAX_EMAIL}"
    if not _EMAIL.fullmatch(address):
        return f"{address!r} is not a well-formed e-mail address (name@example.com)"
    return None


# --- writing -------------------------------------------------------------------------------------


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


# --- reading and checking ------------------------------------------------------------------------

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
    primaries = [d for d in documents if (d.findtext("documentType") or "") in PRIMARY_TYPES]
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
        d for d in root.iterfind("edgarDocument") if d.findtext("documentType") in PRIMARY_TYPES
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
        if document_type in PRIMARY_TYPES:
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


def primary_from_draft(path: Path, lookup: CccLookupType) -> Primary:
    """Build a draft with the submission profile: the same bytes as ``sec16 build``."""
    from generator.pipeline.build import build_draft

    filing, built = build_draft(path, "submission", lookup)
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


def primary_from_xml(path: Path, lookup: CccLookupType) -> Primary:
    """An ownership XML file, checked as it is; then each missing rptOwnerCcc is put in from
    the sources (a CCC the file already has is taken as given)."""
    from generator.checks.validation import check_xml, parse_ownership, read_xml_source
    from generator.formats.credentials import check_ccc

    source = read_xml_source(path)
    tree, form = parse_ownership(source, str(path))
    root = tree.getroot()
    ciks = root.findall("reportingOwner/reportingOwnerId/rptOwnerCik")
    owners = [(element.text or "").strip() for element in ciks]
    for element, cik in zip(ciks, owners, strict=True):
        given = element.getparent().find("rptOwnerCcc")  # type: ignore[union-attr]
        if given is not None:
            check_ccc(given.text or "", f"{path}: the <rptOwnerCcc> of reporting owner {cik}")
    report = check_xml(XmlSource(source.data, source.line_offset), str(path), "submission")
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
        primary.data = _insert_cccs(source.data, len(ciks), missing, str(path))
        again = check_xml(XmlSource(primary.data), str(path), "submission")
        if not again.valid:  # a guard: the CCC is checked, nothing else changed
            raise InputError(f"{path}: adding the CCC made the document invalid; add it yourself")
    return primary


def _insert_cccs(data: bytes, count: int, cccs: dict[int, str], name: str) -> bytes:
    """Put ``<rptOwnerCcc>`` right after the n-th ``</rptOwnerCik>``, on a line of its own with
    the CIK's indentation (as ``sec16 build`` writes it), or on the same line when the CIK is
    not at the end of its line."""
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
    try:
        check = etree.fromstring(result, schema.safe_parser())
    except etree.XMLSyntaxError:
        check = None
    placed = (
        [e.findtext("rptOwnerCcc") for e in check.iterfind("reportingOwner/reportingOwnerId")]
        if check is not None
        else []
    )
    if len(placed) != count or any(placed[i] != ccc for i, ccc in cccs.items()):
        raise InputError(
            f"{name}: sec16 could not add the CCC to this file safely; package the draft "
            "instead, or add <rptOwnerCcc> yourself"
        )
    return result


def build_primary(path: Path, lookup: CccLookupType) -> Primary:
    if path.suffix.lower() in (".yaml", ".yml"):
        return primary_from_draft(path, lookup)
    return primary_from_xml(path, lookup)


def default_output(source: Path) -> Path:
    """``form4.yaml`` -> ``form4.submission.xml`` beside it."""
    return source.with_name(source.stem + ".submission.xml")


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
    from generator.checks.validation import MAX_XML_BYTES
    from generator.support.files import read_limited

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
        if document_type in PRIMARY_TYPES:
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


def check_package(text: str, name: str) -> list[Problem]:
    """Everything ``sec16 validate`` would say about the envelope of a package just made."""
    tree = parse_submission(text.encode("utf-8"), name)
    if tree is None:  # pragma: no cover - envelope_text always writes edgarSubmission
        raise InputError(f"{name}: not a submission file")
    return check_envelope(tree)


def confirm_live(
    primary: Primary,
    attachments: Sequence[Enclosed],
    ask: Callable[[str], str] | None = None,
) -> bool:
    """Ask on the terminal before a LIVE package is written; True only for "yes"."""
    ask = ask or input
    owners = ", ".join(primary.owners) or "none"
    question = (
        f"LIVE submission: Form {primary.form} for issuer CIK {primary.issuer}, reporting "
        f"owner(s) {owners}; primary document {primary_name(primary.form)} and "
        f"{len(attachments)} attachment(s). Sent to EDGAR, this file is filed with the SEC and "
        "made public.\nType yes to write it: "
    )
    try:
        answer = ask(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("yes", "y")
