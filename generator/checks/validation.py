"""One way in for checking: ownership XML, an EDGAR submission text, or a YAML draft.

Every input ends as a Report: well-formedness, then the schema of the document's own type, then
every business rule in ``generator.checks.rules``. Nothing here prints; the command line decides
how to
show a Report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from generator.checks import rules, schema, versions
from generator.checks.rules import PreviousFiling, Profile
from generator.model.problems import Problem, Report
from generator.support.errors import DraftError, InputError
from generator.support.files import read_limited

#: The largest ownership document sec16 reads; real ones are a few hundred kilobytes at most.
MAX_XML_BYTES = 20 * 1024 * 1024

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
_UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")


@dataclass
class XmlSource:
    """The ownership XML found in an input, and the line where it starts in that input."""

    data: bytes
    line_offset: int = 0
    #: For the primary document of an EDGAR submission ``.xml`` (``sec16 package``): the
    #: findings on the envelope it came in (see ``generator.pipeline.package``); None for anything
    #: else.
    envelope: tuple[Problem, ...] | None = None


def ownership_xml_from_submission(data: bytes, source: str) -> XmlSource:
    """The ownershipDocument inside an EDGAR submission text (``<XML>`` … ``</XML>`` blocks)."""
    folded = data.lower()  # the tags in any case, found in one pass (no regular expression)
    position = 0
    while (start := folded.find(b"<xml>", position)) >= 0:
        end = folded.find(b"</xml>", start)
        if end < 0:
            break
        block = data[start + len(b"<xml>") : end]
        if b"<ownershipDocument" in block:
            lead = len(block) - len(block.lstrip())
            offset = data.count(b"\n", 0, start + len(b"<xml>") + lead)
            return XmlSource(block.strip(), offset)
        position = end
    raise InputError(
        f"{source}: no <XML> block with an ownershipDocument was found; "
        "give the ownership XML itself or the full submission text from EDGAR"
    )


def read_xml_source(path: str | Path) -> XmlSource:
    """The ownership XML of a file (``.txt`` submissions are unwrapped)."""
    try:
        data = read_limited(path, MAX_XML_BYTES)  # never more, whatever the file's size
    except OSError as err:
        raise InputError(f"{path}: cannot be read: {err.strerror or err}") from None
    if data is None:
        raise InputError(
            f"{path}: the file is larger than 20 MB, larger than any ownership document "
            "(sec16 reads at most 20 MB); check that this is the right file"
        )
    if os.path.splitext(path)[1].lower() == ".txt":
        return ownership_xml_from_submission(data, str(path))
    # A submission .xml (its primary document is base64 text, so no <ownershipDocument tag
    # comes before its root element); the search stops at the ownership root when there is one.
    root_at = data.find(b"<ownershipDocument", 0, 65536)
    if data.find(b"<edgarSubmission", 0, root_at if root_at >= 0 else 65536) >= 0:
        from generator.pipeline.package import unwrap

        return unwrap(data, str(path)) or XmlSource(data)
    return XmlSource(data)


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
    if document_type not in schema.DOCUMENT_TYPES:
        raise InputError(
            f"{name}: <documentType> is {document_type!r}; it must be one of "
            + ", ".join(schema.DOCUMENT_TYPES)
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


def check_tree(
    tree: etree._ElementTree,
    document_type: str,
    profile: Profile,
    line_offset: int = 0,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> list[Problem]:
    """Schema and business rules for a parsed document.

    ``as_of`` is the moment to check dates and deadlines for (``validate --as-of``, or now);
    ``previous`` the owner's previous filing (``validate --previous``). A record is judged by
    the rules of the schemaVersion it declares (``generator.checks.versions``), a submission by the
    current version's.
    """
    # A record is judged by the version it declares, a submission by the current one.
    declared = versions.declared(tree.getroot())
    version = versions.judged_by(declared, profile)
    problems = schema.check(tree, document_type, line_offset, version)
    if declared is not None and (
        found := versions.version_problem(declared, profile, tree, line_offset)
    ):
        problems.append(found)
    document = rules.Document(tree, document_type, profile, line_offset, as_of, previous, version)
    found_by_rules = rules.run_rules(document)
    if any(p.rule == "aff10b5-unanswered" for p in found_by_rules):
        # The rule says what to do about the missing box; libxml2's "Expected is (aff10b5One)"
        # would only say the same thing less clearly.
        problems = [p for p in problems if not (p.rule == "xsd" and "aff10b5One" in p.message)]
    problems.extend(found_by_rules)
    return problems


def check_xml(
    source: XmlSource,
    name: str,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    found = []
    if mark := byte_order_mark(source.data):
        found.append(bom_problem(mark, source.line_offset + 1))
    try:
        tree, document_type = parse_ownership(source, name)
    except InputError as err:
        return Report(name, None, [*found, Problem("error", "not-ownership-xml", str(err))])
    problems = check_tree(tree, document_type, profile, source.line_offset, as_of, previous)
    return Report(name, document_type, found + problems)


def bom_problem(encoding: str, line: int) -> Problem:
    """A byte-order mark before the XML declaration (spec v5.5 §4.1 (4))."""
    return Problem(
        "error",
        "byte-order-mark",
        f"The file starts with a {encoding} byte-order mark (BOM), invisible in most editors. "
        "XML parsers accept it, but the specification (§4.1) says that any text before the "
        "<?xml ...?> line, even white space, causes a SUSPENSE error, and EDGAR may count the "
        "mark as such text. Save the file as UTF-8 without a BOM (sec16 build never writes one).",
        None,
        line,
    )


def read_previous(path: Path) -> PreviousFiling:
    """The owner's previous filing for ``validate --previous`` (any version; InputError if not)."""
    try:
        tree, _ = parse_ownership(read_xml_source(path), str(path))
    except InputError as err:
        raise InputError(f"--previous {err}") from None
    return PreviousFiling(path.name, tree)


def environment_ccc(cik: str) -> str | None:
    """The CCC from SEC16_CCC_<CIK>, refused (never shown) unless EDGAR can take it."""
    from generator.formats.credentials import check_ccc
    from generator.formats.render import ccc_from_environment

    value = ccc_from_environment(cik)
    if value is None:
        return None
    return check_ccc(value, f"the environment variable SEC16_CCC_{cik}")


def check_draft(
    path: Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    """A draft is checked as the XML it builds to, after its own key-by-key checks."""
    from generator.formats.draft import load_draft_located
    from generator.formats.locate import relocate
    from generator.formats.render import render

    name = str(path)
    try:
        filing, lines = load_draft_located(path)
    except DraftError as err:
        return Report(
            name,
            None,
            [
                Problem("error", "draft", p.message, p.place.path, p.place.line)
                for p in err.problems
            ],
        )
    # as build_filing does, with the moment and previous filing
    xml = render(filing, profile, environment_ccc)
    report = check_xml(XmlSource(xml.encode("utf-8")), "(built)", profile, as_of, previous)
    from generator.formats.credentials import draft_ccc_problems

    problems = relocate(report.problems, xml, lines) + draft_ccc_problems(filing, lines)
    return Report(name, filing.form.value, problems)


@dataclass(frozen=True)
class CheckOptions:
    """What every file of one ``validate`` command is checked with (sent to each worker)."""

    profile: Profile
    as_of: date | datetime | None = None
    previous: Path | None = None
    schema_dir: Path | None = None


_options = CheckOptions("submission")
_previous: PreviousFiling | None = None


def start_checking(options: CheckOptions) -> None:
    """Prepare this process (or a worker) to check files with ``options``."""
    global _options, _previous
    if options.schema_dir is not None and options.schema_dir != schema.schema_dir_override():
        schema.use_schema_dir(options.schema_dir)
    _options = options
    _previous = read_previous(options.previous) if options.previous else None


def check_one(path: str | Path) -> Report:
    """``check_path`` with the options given to ``start_checking``."""
    return check_path(path, _options.profile, _options.as_of, _previous)


def check_path(
    path: str | Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    """Check one file of any supported kind (a name will do: a batch names thousands)."""
    name = str(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".yaml", ".yml"):
        return check_draft(Path(name), profile, as_of, previous)
    try:
        source = read_xml_source(path)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    report = check_xml(source, name, profile, as_of, previous)
    if source.envelope is not None:
        from generator.pipeline.package import with_envelope

        return with_envelope(report, source.envelope)
    return report
