"""The ownership schemas: loading them once per process and turning violations into sentences.

libxml2 (through lxml) gives the verdict, because it is fast; when it finds a document invalid,
xmlschema is asked for the same document because its errors carry a clean reason and path. The
bundled set in ``schemas/`` is the default; ``SEC16_SCHEMA_DIR`` (or ``--schemas DIR``) points
sec16 at the SEC's own unpacked ``ownership*Document.xsd.xml`` files instead.

Those files are the current version's (X0609). A document of record of an older version is
judged by its own era's schema, derived from the current one in memory (``_older``) by undoing
the later changes that ``generator.checks.versions`` lists; each (document type, era) is compiled
once
per process, when a document first needs it, so checking X0609 documents costs nothing more.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from generator.checks import versions
from generator.checks.versions import CURRENT, CURRENT_ERA, Era
from generator.model import codes
from generator.model.problems import Problem
from generator.support.errors import UsageError
from generator.support.paths import resource_dir

_SEC_NAMES = {t: f"ownership{t.replace('/', '')}Document.xsd.xml" for t in codes.DOCUMENT_TYPES}
_OWN_NAMES = {t: f"form{t.replace('/', '').lower()}.xsd" for t in codes.DOCUMENT_TYPES}

_schema_dir_override: Path | None = None


def use_schema_dir(folder: Path | None) -> None:
    """Point this process at another schema folder (the ``--schemas`` option)."""
    global _schema_dir_override
    _schema_dir_override = folder
    _load.cache_clear()


def schema_dir_override() -> Path | None:
    """The folder given with ``--schemas`` in this process, if any."""
    return _schema_dir_override


def schema_dir() -> Path:
    if _schema_dir_override is not None:
        return _schema_dir_override
    if env := os.environ.get("SEC16_SCHEMA_DIR"):
        return Path(env)
    return resource_dir("schemas")


def schema_file(document_type: str) -> Path:
    """The schema of one document type: the SEC's file name if present, else ours."""
    folder = schema_dir()
    for name in (_SEC_NAMES[document_type], _OWN_NAMES[document_type]):
        if (folder / name).is_file():
            return folder / name
    raise UsageError(
        f"no schema for Form {document_type} in {folder}: expected {_SEC_NAMES[document_type]} "
        f"or {_OWN_NAMES[document_type]} (check SEC16_SCHEMA_DIR or --schemas)"
    )


def safe_parser(*, remove_blank_text: bool = False) -> etree.XMLParser:
    """A parser that never reads another file or the network and never expands entities.

    ``remove_blank_text`` drops the indentation between elements (never a value, nor text in
    mixed content): a third fewer nodes to build and to validate.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
        remove_blank_text=remove_blank_text,
    )


@dataclass
class _Schemas:
    lxml: etree.XMLSchema
    path: Path
    #: The derived schema of an older era (one tree, includes inlined); None for the current.
    derived: etree._ElementTree | None = None


@cache
def _load(document_type: str, era: Era = CURRENT_ERA) -> _Schemas:
    path = schema_file(document_type)
    try:
        tree = etree.parse(str(path), safe_parser())
        if era.is_current:
            return _Schemas(etree.XMLSchema(tree), path)
        derived = _older(tree, path, era)
        return _Schemas(etree.XMLSchema(derived), path, derived)
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as err:
        raise UsageError(f"the schema {path} cannot be used: {err}") from None


def schema_for(document_type: str, version: str = CURRENT) -> etree.XMLSchema:
    """The compiled schema a document of this type and schemaVersion is judged by (cached)."""
    return _load(document_type, versions.era_of(version)).lxml


_XS = "http://www.w3.org/2001/XMLSchema"
_NS = {"xs": _XS}


def _older(tree: etree._ElementTree, path: Path, era: Era) -> etree._ElementTree:
    """The schema of an older era: the current one with the later changes undone.

    Works on element names, so the SEC's files (``--schemas``), whose types are named and
    nested differently, are derived the same way as the project's own.
    """
    root = tree.getroot()
    _inline_includes(root, path)
    for name in sorted(era.optional):
        for element in _select(root, "//xs:element[@name=$name]", name=name):
            element.set("minOccurs", "0")
    if era.legacy_states:
        _accept_legacy_states(root, path)
    return tree


def _select(node: etree._Element, path: str, **variables: Any) -> list[etree._Element]:
    """The schema elements an XPath finds (``xs:`` is the XML Schema namespace)."""
    found = node.xpath(path, namespaces=_NS, **variables)
    return (
        [item for item in found if isinstance(item, etree._Element)]
        if isinstance(found, list)
        else []
    )


def _inline_includes(root: etree._Element, path: Path) -> None:
    """Replace each ``xs:include`` by the included schema's content, so that the derived schema
    is one tree, changed in memory, that no file on disk has to match."""
    for include in root.findall(f"{{{_XS}}}include"):
        location = include.get("schemaLocation") or ""
        included = etree.parse(str(path.parent / location), safe_parser()).getroot()
        if included.nsmap.get("xs") != _XS or included.get("targetNamespace"):
            raise etree.XMLSchemaParseError(f"{location}: not an ownership schema sec16 can derive")
        position = root.index(include)
        root.remove(include)
        for offset, node in enumerate(list(included)):
            root.insert(position + offset, node)


def _accept_legacy_states(root: etree._Element, path: Path) -> None:
    """``rptOwnerState`` takes the old combined list again: every code of the current list and
    the foreign ones (countries, Canadian provinces, X1 and the obsolete codes) of before X0609."""
    from generator.model.codes import LEGACY_FOREIGN_STATE_CODES

    declarations = _select(root, "//xs:element[@name='rptOwnerState']")
    if not declarations:
        raise etree.XMLSchemaParseError(f"{path.name}: no rptOwnerState to widen")
    for element in declarations:
        type_name = element.get("type")
        if type_name is not None:  # a named type (ours): give the element its own copy
            named = _select(root, "xs:simpleType[@name=$name]", name=type_name)
            if not named:
                raise etree.XMLSchemaParseError(f"{path.name}: no simple type {type_name}")
            own = copy.deepcopy(named[0])
            del own.attrib["name"]
            del element.attrib["type"]
            element.append(own)
        restrictions = _select(element, "xs:simpleType/xs:restriction")
        if not restrictions:
            raise etree.XMLSchemaParseError(f"{path.name}: rptOwnerState is not a code list")
        restriction = restrictions[0]
        present = {value.get("value") for value in restriction.iter(f"{{{_XS}}}enumeration")}
        for code in LEGACY_FOREIGN_STATE_CODES:
            if code not in present:
                etree.SubElement(restriction, f"{{{_XS}}}enumeration", value=code)


@cache
def _xmlschema(document_type: str, era: Era = CURRENT_ERA) -> Any:
    import xmlschema

    loaded = _load(document_type, era)
    return xmlschema.XMLSchema10(loaded.derived if loaded.derived else str(loaded.path))


_QUOTED = re.compile(r"'[^']*'")
_ENUM_SET = re.compile(r"The value '([^']*)' is not an element of the set \{.*\}\.?")


@lru_cache(maxsize=4096)  # the same few messages come back on every filing
def _short_lxml_message(message: str) -> str:
    message = _ENUM_SET.sub(r"the value '\1' is not one of the allowed codes", message)
    message = re.sub(r"^Element '([^']+)'(?:, attribute '([^']+)')?: ", "", message)
    message = message.replace("[facet 'pattern'] ", "").replace("[facet 'enumeration'] ", "")
    message = re.sub(r"\[facet '(\w+)'\] ", "", message)
    return message.strip().rstrip(".")


@lru_cache(maxsize=4096)
def _element_name(path: str | None) -> str:
    if not path:
        return "the document"
    last = path.rstrip("/").split("/")[-1]
    return "<" + re.sub(r"\[\d+\]$", "", last).lstrip("@") + ">"


def explain(error: Any) -> tuple[str, str]:
    """A libxml2 schema error as the element it concerns ("<value>") and a short reason.

    An element out of place or missing (what a draft causes: a footnote alone where a value is
    needed, two columns of which one is allowed, a column the form does not have) is said as a
    sentence naming the draft keys (``_structure_sentence``), never as libxml2's "This element
    is not expected. Expected is ( … )".
    """
    message = str(error.message)
    reason = _structure_sentence(error.path or "", message) or _short_lxml_message(message)
    return _element_name(error.path or None), reason


_STRUCTURE = re.compile(
    r"^Element '(?:\{[^}]*\})?([^']+)': (This element is not expected|Missing child element\(s\))"
    r"\.(?: Expected is (?:one of )?\( ([^)]*) \))?"
)

#: Elements that are not a column of their own, as a filer knows what they hold.
_GROUPS = {
    "postTransactionAmounts": "owned_following (or value_owned_following)",
    "transactionAmounts": "the amount columns (shares, acquired_disposed, price)",
    "ownershipNature": "ownership",
    "underlyingSecurity": "underlying_security and underlying_shares (or underlying_value)",
    "value": "a value",
    "footnoteId": "a footnote",
    "aff10b5One": "rule_10b5_1_plan (<aff10b5One>)",
    "reportingOwnerId": "the reporting owner's cik",
    "issuerCik": "the issuer's cik",
    "issuerTradingSymbol": "the issuer's ticker",
    "signatureName": "the signature's name",
    "signatureDate": "the signature's date",
}
#: Of each pair, one is given, never both.
_PAIRS = {
    "valueOwnedFollowingTransaction": ("owned_following", "value_owned_following"),
    "transactionTotalValue": ("shares", "total_value"),
    "underlyingSecurityValue": ("underlying_shares", "underlying_value"),
}
#: Elements that repeat up to a limit: (what, the limit).
_REPEATS = {
    "reportingOwner": ("reporting owners", 10),
    "ownerSignature": ("signatures", 10),
    "nonDerivativeTransaction": ("rows in Table I", 30),
    "nonDerivativeHolding": ("rows in Table I", 30),
    "derivativeTransaction": ("rows in Table II", 30),
    "derivativeHolding": ("rows in Table II", 30),
    "footnote": ("footnotes", 99),
}
_FOOTNOTE_ALONE = (
    "price, exercise_price, deemed_execution_date, date_exercisable, expiration_date, "
    "underlying_shares and underlying_value"
)


def _draft_name(tag: str) -> str:
    """An element as the draft calls it: its key where it has one, else ``<tag>``."""
    from generator.model import xmlnames

    key = xmlnames.ROW_COLUMNS.get(tag) or _GROUPS.get(tag)
    return key or f"<{tag}>"


def _column_of(path: str) -> str | None:
    """The draft key of the column an element path lies in (the nearest one above it)."""
    from generator.model import xmlnames

    for part in reversed(path.rstrip("/").split("/")[:-1]):
        tag = re.sub(r"\[\d+\]$", "", part)
        if tag in xmlnames.ROW_COLUMNS:
            return xmlnames.ROW_COLUMNS[tag]
    return None


@lru_cache(maxsize=4096)
def _structure_sentence(path: str, message: str) -> str | None:
    """An element out of place or missing, as the draft mistake that causes it."""
    found = _STRUCTURE.match(message)
    if not found:
        return None
    tag, kind, listed = found[1], found[2], found[3]
    expected = [name.strip().split("}")[-1] for name in (listed or "").split(",") if name.strip()]
    wanted = " or ".join(_draft_name(name) for name in expected)
    column = _column_of(path)
    if kind.startswith("Missing"):
        return f"{_draft_name(tag)} has no {wanted or 'content'}: give it"
    if tag == "footnoteId" and column:
        if "value" in expected:
            return (
                f"{column} is given by a footnote alone, which EDGAR accepts only for "
                f"{_FOOTNOTE_ALONE}: give its value too ({column}: {{value: …, footnotes: [F1]}})"
            )
        return f"{column} takes no footnotes on this form: write its value alone"
    if tag in _PAIRS:
        first, second = _PAIRS[tag]
        return f"{first} and {second} are both given: give one of them, not both"
    if tag in _REPEATS and (not expected or expected == ["aff10b5One"]):
        what, most = _REPEATS[tag]
        return f"there are more {what} than EDGAR takes on one filing (at most {most})"
    if tag == "transactionCoding" and "postTransactionAmounts" in expected:
        return (
            "form_type on a holding is a column of Form 5 only (a holding that should have been "
            "on a Form 3): leave it out on this form"
        )
    if expected:
        return (
            f"{wanted} is missing before {_draft_name(tag)}: give it "
            f"(the schema expects {' or '.join(f'<{name}>' for name in expected)} here)"
        )
    return f"{_draft_name(tag)} cannot come at this point: this form has no such element here"


def check(
    tree: etree._ElementTree, document_type: str, line_offset: int = 0, version: str = CURRENT
) -> list[Problem]:
    """Schema problems of a parsed document, as short sentences with element path and line.

    ``version`` is the schemaVersion the document is judged by (``versions.judged_by``).
    """
    era = versions.era_of(version) if version != CURRENT else CURRENT_ERA
    schemas = _load(document_type, era)
    if schemas.lxml.validate(tree):
        return []
    which = f"Form {document_type} schema" + ("" if era.is_current else f", version {version}")
    problems: list[Problem] = []
    seen: set[tuple[int | None, str]] = set()
    for error in list(schemas.lxml.error_log):  # type: ignore[call-overload]
        path = error.path or None
        where, reason = explain(error)
        if path and "rptOwnerCcc" in path:  # a credential: never repeat what was given
            reason = _QUOTED.sub(lambda m: m[0] if m[0][1:-1].isdigit() else "'…'", reason)
        elif (
            path
            and path.endswith("rptOwnerState")
            and era.is_current
            and (code := _ENUM_VALUE.search(reason))
        ):
            reason += versions.state_hint(code[1])
        line = error.line + line_offset if error.line else None
        key = (line, reason)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(
                "error",
                "xsd",
                f"{where}: {reason} ({which}); EDGAR suspends a filing that breaks its schema",
                path,
                line,
            )
        )
    return problems[:50]


_ENUM_VALUE = re.compile(r"^the value '([^']*)' is not one of the allowed codes")


def check_detailed(
    tree: etree._ElementTree, document_type: str, version: str = CURRENT
) -> list[str]:
    """xmlschema's reasons for the same document: slower, used where a reason is unclear."""
    schema = _xmlschema(document_type, versions.era_of(version))
    return [str(err.reason) for err in schema.iter_errors(tree)]
