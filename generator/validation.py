"""One way in for checking: ownership XML, an EDGAR submission text, or a YAML draft.

Every input ends as a Report: well-formedness, then the schema of the document's own type, then
every business rule in ``generator.rules``. Nothing here prints; the command line decides how to
show a Report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from generator import rules, schema
from generator.errors import DraftError, InputError
from generator.problems import Problem, Report
from generator.rules import PreviousFiling, Profile

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
    tree: etree._ElementTree,
    document_type: str,
    profile: Profile,
    line_offset: int = 0,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> list[Problem]:
    """Schema and business rules for a parsed document.

    ``as_of`` is the moment to check dates and deadlines for (``validate --as-of``, or now);
    ``previous`` the owner's previous filing (``validate --previous``).
    """
    problems = schema.check(tree, document_type, line_offset)
    document = rules.Document(tree, document_type, profile, line_offset, as_of, previous)
    problems.extend(rules.run_rules(document))
    return problems


def check_xml(
    source: XmlSource,
    name: str,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    try:
        tree, document_type = parse_ownership(source, name)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    problems = check_tree(tree, document_type, profile, source.line_offset, as_of, previous)
    return Report(name, document_type, problems)


def read_previous(path: Path) -> PreviousFiling:
    """The owner's previous filing for ``validate --previous`` (any version; InputError if not)."""
    try:
        tree, _ = parse_ownership(read_xml_source(path), str(path))
    except InputError as err:
        raise InputError(f"--previous {err}") from None
    return PreviousFiling(path.name, tree)


def check_draft(
    path: Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    """A draft is checked as the XML it builds to, after its own key-by-key checks."""
    from generator.draft import load_draft_located
    from generator.locate import relocate
    from generator.render import render

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
    xml = render(filing, profile)  # as build_filing does, with the moment and previous filing
    report = check_xml(XmlSource(xml.encode("utf-8")), "(built)", profile, as_of, previous)
    return Report(name, filing.form.value, relocate(report.problems, xml, lines))


def check_path(
    path: Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
) -> Report:
    """Check one file of any supported kind."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return check_draft(path, profile, as_of, previous)
    try:
        source = read_xml_source(path)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    return check_xml(source, name, profile, as_of, previous)
