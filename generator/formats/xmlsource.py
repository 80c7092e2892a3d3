"""Ownership XML as bytes -> a parsed tree, safely, with a sentence for every way it can fail.

No DTD, no entity, no network; a byte-order mark, a lying encoding declaration, another root
element or an unknown document type each end in an InputError that names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from generator.checks import schema
from generator.model import codes
from generator.model.problems import Problem
from generator.support.errors import InputError

#: The largest ownership document sec16 reads; real ones are a few hundred kilobytes at most.
MAX_XML_BYTES = 20 * 1024 * 1024

#: Encoding names that mean UTF-8 text (ASCII is a subset).
_UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")

#: Byte-order marks, longest first (a UTF-32 mark begins like a UTF-16 one).
_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xef\xbb\xbf", "UTF-8"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


#: Encodings whose files are not read byte by byte as ASCII is.
_WIDE_ENCODINGS = ("utf-16", "utf-32", "ucs", "iso-10646")


@dataclass
class XmlSource:
    """The ownership XML found in an input, and the line where it starts in that input."""

    data: bytes
    line_offset: int = 0
    #: For the primary document of an EDGAR submission ``.xml`` (``sec16 package``): the
    #: findings on the envelope it came in (see ``generator.pipeline.package``); None for anything
    #: else.
    envelope: tuple[Problem, ...] | None = None


def byte_order_mark(data: bytes) -> str | None:
    """The encoding whose byte-order mark starts ``data``, or None."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding
    return None


def _doctype_refusal(name: str) -> InputError:
    return InputError(
        f"{name}: the document has a DOCTYPE declaration; ownership documents have none, "
        "and sec16 refuses it unread: it reads no DTD, no entity and nothing from another "
        "file or the network. Remove the <!DOCTYPE ...> (and any entity references)"
    )


def _printable(text: str) -> str:
    """A parser's message on one line, without control characters."""
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))


def _syntax_reason(err: etree.XMLSyntaxError, declared: str, data: bytes) -> str:
    """Why libxml2 cannot read the document, said so that a filer can act on it."""
    message = _printable(err.msg or "")
    code: int = getattr(err, "code", 0)  # lxml-stubs leave it out
    where = f"line {err.lineno}, column {err.position[1]}" if err.lineno else "the start"
    if declared.lower().startswith(_WIDE_ENCODINGS) and b"\x00" not in data[:400]:
        return (
            f'the XML declaration says encoding="{declared}", but the file is not in that '
            "encoding (it is one byte per character). Save it as UTF-8 and declare "
            'encoding="UTF-8" (or nothing)'
        )
    if code == 81 or "character encoding" in message or "proper UTF-8" in message:
        return (
            f"the bytes at {where} are not valid {declared or 'UTF-8'}: the file is in another "
            "encoding than it declares, or mixes encodings (for example Latin-1 bytes in a "
            'UTF-8 file). Save it as UTF-8 (and declare encoding="UTF-8" or nothing)'
        )
    if code == 32 or "Unsupported encoding" in message:
        return (
            f"the XML declaration names an encoding sec16 cannot read ({message}). "
            "Save the file as UTF-8"
        )
    if "Char value" in message or "xmlChar value" in message or "Char 0x" in message:
        return (
            f"the file contains a character XML does not allow, such as a control character "
            f"({message}). Delete it (it often comes from copying out of a PDF)"
        )
    if "Excessive depth" in message:
        return (
            f"elements are nested more than 256 deep ({where}); an ownership document is a "
            "few levels deep, so this is not one"
        )
    if code == 4 or "Document is empty" in message or "Start tag expected" in message:
        return "it is not XML at all (an empty file, binary data, or text without any element)"
    return message


def _declared_encoding(data: bytes) -> str:
    """The encoding an ASCII-compatible XML declaration names ('' when none)."""
    head = data[:200]
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
        return ""
    end = head.find(b"?>")
    found = re.search(rb"encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']", head[: max(end, 0)])
    return found.group(1).decode("ascii") if found else ""


def _encoding_lie(data: bytes, declared: str) -> bool:
    """Does a single-byte encoding declaration sit on a file that is in fact UTF-8?"""
    folded = declared.lower()
    if not folded or folded in _UTF8_NAMES or folded.startswith(_WIDE_ENCODINGS):
        return False
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # real Latin-1 (or the like) text is seldom valid UTF-8
    return True


def _parser() -> etree.XMLParser:
    """One safe parser per process (making one costs as much as parsing a small filing)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = schema.safe_parser(remove_blank_text=True)
    return _PARSER


_PARSER: etree.XMLParser | None = None


def parse_ownership(source: XmlSource, name: str) -> tuple[etree._ElementTree, str]:
    """Parse safely and find the document type; raise InputError for anything else."""
    data = source.data
    root_at = data.find(b"<ownershipDocument")
    if data.find(b"<!DOCTYPE", 0, root_at if root_at >= 0 else len(data)) >= 0:
        raise _doctype_refusal(name)  # before parsing: no entity is ever expanded
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as err:
        line = (err.lineno or 0) + source.line_offset
        reason = _syntax_reason(err, _declared_encoding(data), data)
        raise InputError(
            f"{name}:{line}: the XML is not well-formed: {reason}. "
            "Fix the file (or rebuild it from its draft) and check again"
        ) from None
    # The byte search above sees a DOCTYPE in any ASCII-compatible text; in UTF-16 or UTF-32
    # (NUL bytes near the start) or another encoding, ask the parser.
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    ascii_like = head.startswith(b"<") and head.find(b"\x00", 0, 4) < 0
    if not ascii_like and tree.docinfo.doctype:  # type: ignore[attr-defined]
        raise _doctype_refusal(name)
    if not data.isascii() and _encoding_lie(data, declared := _declared_encoding(data)):
        raise InputError(
            f'{name}: the XML declaration says encoding="{declared}", but the file is UTF-8 '
            "text: its accented letters and symbols would be read wrongly (é as Ã©). "
            'Declare encoding="UTF-8" (or no encoding), or save the file in the encoding it '
            "declares"
        )
    root = tree.getroot()
    if root.tag != "ownershipDocument":
        raise InputError(
            f"{name}: this is not an ownership document: the root element is <{root.tag}>, "
            "expected <ownershipDocument> with no namespace"
        )
    document_type = _document_type(root)
    if document_type not in codes.DOCUMENT_TYPES:
        raise InputError(
            f"{name}: <documentType> is {document_type!r}; it must be one of "
            + ", ".join(codes.DOCUMENT_TYPES)
        )
    return tree, document_type


def _document_type(root: etree._Element) -> str:
    """The text of the root's first documentType child, stripped ('' when none)."""
    # Where the schema puts it (second, after the optional schemaVersion), else anywhere.
    for position in (0, 1):
        if len(root) > position and root[position].tag == "documentType":
            return (root[position].text or "").strip()
        if len(root) <= position or root[position].tag != "schemaVersion":
            break
    return (root.findtext("documentType") or "").strip()
