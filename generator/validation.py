"""One way in for checking: ownership XML, an EDGAR submission text, or a YAML draft.

Every input ends as a Report: well-formedness, then the schema of the document's own type, then
every business rule in ``rules.py``. Nothing here prints; the command line decides how to show a
Report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator import rules, schema
from generator.errors import DraftError, InputError
from generator.problems import Problem, Report
from generator.rules import Profile

#: The largest ownership document sec16 reads; real ones are a few hundred kilobytes at most.
MAX_XML_BYTES = 20 * 1024 * 1024
_XML_BLOCK = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL | re.IGNORECASE)


@dataclass
class XmlSource:
    """The ownership XML found in an input, and the line where it starts in that input."""

    data: bytes
    line_offset: int = 0


def ownership_xml_from_submission(data: bytes, source: str) -> XmlSource:
    """The ownershipDocument inside an EDGAR submission text (``<XML>`` … ``</XML>`` blocks)."""
    for match in _XML_BLOCK.finditer(data):
        block = match.group(1)
        if b"<ownershipDocument" in block:
            offset = data.count(b"\n", 0, match.start(1))
            return XmlSource(block, offset)
    raise InputError(
        f"{source}: no <XML> block with an ownershipDocument was found; "
        "give the ownership XML itself or the full submission text from EDGAR"
    )


def read_xml_source(path: Path) -> XmlSource:
    """The ownership XML of a file (``.txt`` submissions are unwrapped)."""
    data = path.read_bytes()
    if len(data) > MAX_XML_BYTES:
        raise InputError(
            f"{path}: the file is {len(data) // (1024 * 1024)} MB, larger than any ownership "
            "document (sec16 reads at most 20 MB); check that this is the right file"
        )
    if path.suffix.lower() == ".txt":
        return ownership_xml_from_submission(data, str(path))
    return XmlSource(data)


def parse_ownership(source: XmlSource, name: str) -> tuple[etree._ElementTree, str]:
    """Parse safely and find the document type; raise InputError for anything else."""
    try:
        tree = etree.ElementTree(etree.fromstring(source.data, schema.safe_parser()))
    except etree.XMLSyntaxError as err:
        line = (err.lineno or 0) + source.line_offset
        raise InputError(
            f"{name}:{line}: the XML is not well-formed: {err.msg}. "
            "Fix the file (or rebuild it from its draft) and check again"
        ) from None
    if tree.docinfo.doctype:  # type: ignore[attr-defined]
        raise InputError(
            f"{name}: the document has a DOCTYPE declaration; ownership documents have none, "
            "and sec16 does not read DTDs or entities from outside the file"
        )
    root = tree.getroot()
    if root.tag != "ownershipDocument":
        raise InputError(
            f"{name}: this is not an ownership document: the root element is <{root.tag}>, "
            "expected <ownershipDocument> with no namespace"
        )
    document_type = (root.findtext("documentType") or "").strip()
    if document_type not in schema.DOCUMENT_TYPES:
        raise InputError(
            f"{name}: <documentType> is {document_type!r}; it must be one of "
            + ", ".join(schema.DOCUMENT_TYPES)
        )
    return tree, document_type


def check_tree(
    tree: etree._ElementTree, document_type: str, profile: Profile, line_offset: int = 0
) -> list[Problem]:
    """Schema and business rules for a parsed document."""
    problems = schema.check(tree, document_type, line_offset)
    document = rules.Document(tree, document_type, profile, line_offset)
    problems.extend(rules.run_rules(document))
    return problems


def check_xml(source: XmlSource, name: str, profile: Profile) -> Report:
    try:
        tree, document_type = parse_ownership(source, name)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    return Report(name, document_type, check_tree(tree, document_type, profile, source.line_offset))


def check_draft(path: Path, profile: Profile) -> Report:
    """A draft is checked as the XML it builds to, after its own key-by-key checks."""
    from generator.build import build_filing
    from generator.draft import load_draft

    name = str(path)
    try:
        filing = load_draft(path)
    except DraftError as err:
        return Report(
            name,
            None,
            [
                Problem("error", "draft", p.message, p.place.path, p.place.line)
                for p in err.problems
            ],
        )
    built = build_filing(filing, profile)
    return Report(name, filing.form.value, built.problems)


def check_path(path: Path, profile: Profile) -> Report:
    """Check one file of any supported kind."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return check_draft(path, profile)
    try:
        source = read_xml_source(path)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    return check_xml(source, name, profile)
