"""The ownership schemas: loading them once per process and turning violations into sentences.

Two XSD engines, each for what it does best. libxml2 (through lxml) gives the verdict: it is an
order of magnitude faster than xmlschema, and a valid document, the usual case, is judged by it
alone (xmlschema is not even imported then). Its messages are written for schema authors,
though ("This element is not expected. Expected is ( … )", "The value 'Q' is not an element of
the set {…}"), and sentences made from them meant taking its wording apart with patterns. So
when libxml2 finds a document invalid, xmlschema reads the same tree with the same schema
(compiled once per document type and era, on the first invalid document), and its errors, which
are objects rather than text (the element; the misplaced child and the state of the content
model there; the facet with its codes, length or pattern), give each sentence: the place, what
the schema expects there and the values it takes (``_explained``). libxml2 stays the judge:
each of its errors is one problem, with its line and path; where xmlschema has no error of the
same kind at the same place (the engines differ on a few corner cases, listed in
tests/test_schema_differential.py), libxml2's own message is said instead (``explain``), so no
error is lost and none is added.

The bundled set in ``schemas/`` is the default; ``SEC16_SCHEMA_DIR`` (or ``--schemas DIR``)
points sec16 at the SEC's own unpacked ``ownership*Document.xsd.xml`` files instead.

Those files are the current version's (X0609). A document of record of an older version is
judged by its own era's schema, derived from the current one in memory (``_older``) by undoing
the later changes that ``generator.checks.versions`` lists; each (document type, era) is compiled
once per process, when a document first needs it, so checking X0609 documents costs nothing more.
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
    _xmlschema.cache_clear()
    _SAID.clear()


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
    """The same schema compiled by xmlschema, to say what libxml2 found wrong (None where
    xmlschema cannot compile it: libxml2's wording is used then)."""
    import xmlschema

    loaded = _load(document_type, era)
    source = loaded.derived if loaded.derived is not None else str(loaded.path)
    try:
        return xmlschema.XMLSchema10(source, allow="local")
    except Exception:  # an engine gap in compiling must not stop the check
        return None


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
    steps = path.rstrip("/").split("/")
    parent = re.sub(r"\[\d+\]$", "", steps[-2]) if len(steps) > 2 else ""
    if misfit := _draft_misfit(tag, parent, column, expected):
        return misfit
    if tag in _REPEATS and (not expected or expected == ["aff10b5One"]):
        what, most = _REPEATS[tag]
        return f"there are more {what} than EDGAR takes on one filing (at most {most})"
    if expected:
        return (
            f"{wanted} is missing before {_draft_name(tag)}: give it "
            f"(the schema expects {' or '.join(f'<{name}>' for name in expected)} here)"
        )
    return f"{_draft_name(tag)} cannot come at this point: this form has no such element here"


def check(
    tree: etree._ElementTree,
    document_type: str,
    line_offset: int = 0,
    version: str = CURRENT,
    *,
    box_said: bool = False,
) -> list[Problem]:
    """Schema problems of a parsed document, as short sentences with element path and line.

    ``version`` is the schemaVersion the document is judged by (``versions.judged_by``).
    libxml2 decides; for an invalid document xmlschema says each problem (``_explained``).
    ``box_said``: the rule aff10b5-unanswered already reports the missing 10b5-1 box, so the
    document is judged by the same schema with the box optional (no second, vaguer sentence).
    """
    era = versions.era_of(version) if version != CURRENT else CURRENT_ERA
    judged = versions.box_optional(era) if box_said else era
    schemas = _load(document_type, judged)
    if schemas.lxml.validate(tree):
        return []
    which = f"Form {document_type} schema" + ("" if era.is_current else f", version {version}")
    errors = list(schemas.lxml.error_log)  # type: ignore[call-overload]
    explained = _explained_once(tree, document_type, judged, errors)
    problems: list[Problem] = []
    seen: set[tuple[int | None, str]] = set()
    for error, better in zip(errors, explained, strict=True):
        path = error.path or None
        where, reason = better or explain(error)
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


# --- xmlschema's account of the same errors -------------------------------------------------------

#: What a problem is, said the same way for both engines, so that each libxml2 error is matched
#: with xmlschema's error of the same kind at the same place: (kind, element path, attribute).
_Key = tuple[str, str, str | None]

_LXML_KINDS = (
    ("This element is not expected", "child"),
    ("Missing child element(s)", "end"),
    ("[facet 'enumeration']", "enumeration"),
    ("[facet 'pattern']", "pattern"),
    ("[facet 'length']", "length"),
    ("[facet 'minLength']", "length"),
    ("[facet 'maxLength']", "length"),
    ("[facet 'minInclusive']", "range"),
    ("[facet 'maxInclusive']", "range"),
    ("[facet 'minExclusive']", "range"),
    ("[facet 'maxExclusive']", "range"),
    ("[facet 'fractionDigits']", "digits"),
    ("[facet 'totalDigits']", "digits"),
    ("is not a valid value of the atomic type", "type"),
    ("Element content is not allowed", "simple"),
    ("Character content is not allowed", "empty"),
    ("Character content other than whitespace is not allowed", "text"),
)
_LXML_ATTRIBUTE = re.compile(r"^Element '[^']*', attribute '(?:\{[^}]*\})?([^']+)'")
_LXML_ATTRIBUTE_PRESENCE = re.compile(
    r"The attribute '(?:\{[^}]*\})?([^']+)' is (not allowed|required but missing)"
)
_XS_KINDS = {
    "XsdEnumerationFacets": "enumeration",
    "XsdPatternFacets": "pattern",
    "XsdLengthFacet": "length",
    "XsdMinLengthFacet": "length",
    "XsdMaxLengthFacet": "length",
    "XsdMinInclusiveFacet": "range",
    "XsdMaxInclusiveFacet": "range",
    "XsdMinExclusiveFacet": "range",
    "XsdMaxExclusiveFacet": "range",
    "XsdFractionDigitsFacet": "digits",
    "XsdTotalDigitsFacet": "digits",
    "XsdAtomicBuiltin": "type",
}
_XS_ATTRIBUTE = re.compile(r"^attribute (?:\{[^}]*\})?([^=\s]+)=")
_XS_ATTRIBUTE_EXTRA = re.compile(r"^'(?:\{[^}]*\})?([^']+)' attribute not allowed")
_XS_ATTRIBUTE_MISSING = re.compile(r"^missing required attribute '(?:\{[^}]*\})?([^']+)'")


def _lxml_key(error: Any) -> _Key | None:
    """The kind of a libxml2 error, its element's path and the attribute it concerns."""
    message, path = str(error.message), error.path or ""
    if not path:
        return None
    if found := _LXML_ATTRIBUTE_PRESENCE.search(message):
        kind = "attribute-extra" if found[2] == "not allowed" else "attribute-missing"
        return kind, path, found[1]
    attribute = _LXML_ATTRIBUTE.match(message)
    for words, kind in _LXML_KINDS:
        if words in message:
            return kind, path, attribute[1] if attribute else None
    return None


def _xs_key(tree: etree._ElementTree, err: Any) -> _Key | None:
    """The same for an error of xmlschema's (None for one libxml2 has no counterpart of)."""
    element = err.elem
    if not isinstance(element, etree._Element):
        return None
    try:
        path = tree.getpath(element)
    except ValueError:  # not an element of this tree
        return None
    if type(err).__name__ == "XMLSchemaChildrenValidationError":
        if err.invalid_tag is None:
            return "end", path, None
        return "child", tree.getpath(element[err.index]), None
    reason = str(err.reason or "")
    if found := _XS_ATTRIBUTE_EXTRA.match(reason):
        return "attribute-extra", path, found[1]
    if found := _XS_ATTRIBUTE_MISSING.match(reason):
        return "attribute-missing", path, found[1]
    attribute = _XS_ATTRIBUTE.match(reason)
    kind = _XS_KINDS.get(type(err.validator).__name__)
    if kind is None and type(err.validator).__name__ == "XsdElement":
        if "child elements" in reason:
            kind = "simple"
        elif "character data" in reason:
            kind = "empty"
    elif kind is None and "character data between child elements" in reason:
        kind = "text"
    return (kind, path, attribute[1] if attribute else None) if kind else None


#: xmlschema's sentence for each shape of error already explained in this process. A batch
#: repeats a few shapes over and over (every old filing lacks the 10b5-1 box), and xmlschema
#: reads a document some fifty times slower than libxml2 validates it; asked once per shape, it
#: costs a batch of invalid filings about what libxml2 does.
_SAID: dict[tuple[object, ...], tuple[str, str] | None] = {}
_MAX_SAID = 8192


def _shape(
    tree: etree._ElementTree, document_type: str, era: Era, error: Any
) -> tuple[object, ...]:
    """What xmlschema's sentence for a libxml2 error depends on: the schema, libxml2's message
    (which holds a wrong value), the element's path, the tags of its siblings and its own
    children (the content models the error is about), its attributes and its own text."""
    path = error.path or ""
    try:
        found = tree.xpath(path) if path else []
    except etree.XPathError:  # a path through a namespaced element libxml2 names by prefix
        found = []
    element = found[0] if isinstance(found, list) and found else None
    if not isinstance(element, etree._Element):
        return (document_type, era, str(error.message), path)
    parent = element.getparent()
    siblings = tuple(str(e.tag) for e in parent) if parent is not None else ()
    return (
        document_type,
        era,
        str(error.message),
        path,
        siblings,
        tuple(str(e.tag) for e in element),
        tuple(sorted(element.attrib.items())),
        element.text,  # text where only elements may be, which libxml2's message does not quote
        tuple(e.tail for e in element),
    )


_LXML_SET = re.compile(
    r"^Element '[^']*': \[facet 'enumeration'\] The value '([^']*)' is not an element of the "
    r"set \{(.*)\}\.?$",
    re.DOTALL,
)


def _code_sentence(tree: etree._ElementTree, error: Any) -> tuple[str, str] | None:
    """A code not in its list, said from libxml2's own account, which lists every allowed code
    (the commonest error of a real filing: an old foreign state code under today's schema);
    None for any other error."""
    found = _LXML_SET.match(str(error.message))
    if found is None or not error.path:
        return None
    try:
        at = tree.xpath(error.path)
    except etree.XPathError:
        return None
    element = at[0] if isinstance(at, list) and at else None
    if not isinstance(element, etree._Element):
        return None
    allowed = re.findall(r"'([^']*)'", found[2])
    parent = element.getparent()
    tag = _local(element.tag)
    owner = _local(parent.tag) if tag == "value" and parent is not None else tag
    return _value_place(element), _enumeration(found[1], allowed, owner)


def _explained_once(
    tree: etree._ElementTree, document_type: str, era: Era, errors: list[Any]
) -> list[tuple[str, str] | None]:
    """``_explained``, asking xmlschema only about shapes of error it has not explained yet,
    and not at all about a code outside its list (libxml2 names every allowed code)."""
    codes = [_code_sentence(tree, error) for error in errors]
    if all(codes):
        return codes
    shapes = [_shape(tree, document_type, era, error) for error in errors]
    if all(shape in _SAID for shape in shapes):
        return [_SAID[shape] for shape in shapes]
    explained = _explained(tree, document_type, era, errors)
    if len(_SAID) > _MAX_SAID:
        _SAID.clear()
    _SAID.update(zip(shapes, explained, strict=True))
    return explained


def _explained(
    tree: etree._ElementTree, document_type: str, era: Era, errors: list[Any]
) -> list[tuple[str, str] | None]:
    """For each libxml2 error, the place and the sentence xmlschema's account of it gives; None
    where xmlschema has no error of the same kind at the same place (an engine gap) or cannot
    be asked, so that libxml2's own wording is used there and no error is lost."""
    keys = [_lxml_key(error) for error in errors]
    if not any(keys):
        return [None] * len(errors)
    schema = _xmlschema(document_type, era)
    if schema is None:
        return [None] * len(errors)
    found: dict[_Key, Any] = {}
    try:
        for err in schema.iter_errors(tree):
            key = _xs_key(tree, err)
            if key is not None:
                found.setdefault(key, err)
    except Exception:  # xmlschema failing on a document must never lose libxml2's errors
        return [None] * len(errors)
    explained: list[tuple[str, str] | None] = []
    for key in keys:
        err = found.get(key) if key else None
        sentence = None
        if key and err is not None:
            try:
                sentence = _sentence(tree, err, key)
            except Exception:  # an unforeseen shape of error: libxml2's wording instead
                sentence = None
        explained.append(sentence)
    return explained


def _sentence(tree: etree._ElementTree, err: Any, key: _Key) -> tuple[str, str] | None:
    """The place ("<value> of <transactionShares>") and what is wrong there, from xmlschema."""
    kind, path, attribute = key
    if kind == "child":
        reason = _misplaced(tree, err)
        return (_element_name(path), reason) if reason else None
    if kind == "end":
        reason = _incomplete(err)
        return (_element_name(path), reason) if reason else None
    element = err.elem
    tag = _local(element.tag)
    if kind == "attribute-extra":
        reason = f"the schema takes no attribute {attribute} on <{tag}>: remove it"
        return _element_name(path), reason
    if kind == "attribute-missing":
        reason = f"the attribute {attribute} is missing: the schema requires it on <{tag}>"
        return _element_name(path), reason
    value = (element.get(attribute) if attribute else element.text) or ""
    reason = _value_sentence(kind, err, value, element)
    if reason is None:
        return None
    if attribute:
        return f"the attribute {attribute} of <{tag}>", reason
    return _value_place(element), reason


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)


def _elements(element: etree._Element) -> list[etree._Element]:
    """The child elements (not comments or processing instructions)."""
    return [child for child in element if isinstance(child.tag, str)]


def _value_place(element: etree._Element) -> str:
    """A value element named with its parent, whose name says what the value is."""
    tag = _local(element.tag)
    parent = element.getparent()
    if tag in ("value", "footnoteId") and parent is not None:
        return f"<{tag}> of <{_local(parent.tag)}>"
    return f"<{tag}>"


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _names(particles: Any) -> list[tuple[str, str]]:
    """(tag, local name) of each schema element among particles (wildcards left out), once."""
    names: list[tuple[str, str]] = []
    for particle in particles or ():
        name, local = getattr(particle, "name", None), getattr(particle, "local_name", None)
        if name and local and (name, local) not in names:
            names.append((name, local))
    return names


def _replay(group: Any, tags: list[Any]) -> Any | None:
    """xmlschema's model of a content after the child elements ``tags``, moved on the way its
    validation does (None where they do not fit the model)."""
    model = group.get_model_visitor()
    for tag in tags:
        while model.element is not None:
            if model.match_element(tag) is not None:
                if next(model.advance(True), None) is not None:
                    return None
                break
            if next(model.advance(False), None) is not None:
                return None
        else:
            return None
    return model


def _next_names(group: Any, earlier: list[etree._Element]) -> tuple[list[str], bool] | None:
    """What the content model takes after the elements ``earlier``: the elements that may come
    next (in the schema's order) and whether the content may end there. None if the elements
    before do not fit the model themselves."""
    tags = [child.tag for child in earlier]
    model = _replay(group, tags)
    if model is None:
        return None
    can_end = model.element is None or next(model.stop(), None) is None
    allowed = [
        local
        for name, local in _names(group.iter_elements())
        if _replay(group, [*tags, name]) is not None
    ]
    return allowed, can_end


#: The one element that a sentence names only when it is the problem: the document-level check
#: gives the rule aff10b5-unanswered's sentence instead of every schema sentence naming it.
_BOX = "aff10b5One"


def _tag(name: str, literal: bool = False) -> str:
    """An element as a sentence names it in passing: ``<name>``."""
    return "the Rule 10b5-1 box" if name == _BOX and not literal else f"<{name}>"


def _listing(previous: str | None, names: list[str], literal: bool) -> list[str]:
    return [("another " if name == previous else "") + _tag(name, literal) for name in names]


def _expects(
    previous: str | None, parent: str, allowed: list[str], can_end: bool, literal: bool
) -> str:
    """The schema's expectation at a place, as in "after <previous> the schema expects <a> or
    <b>" ("at the start of <parent> …" for a first child)."""
    names = _listing(previous, allowed, literal)
    if can_end:
        names.append(f"the end of <{parent}>")
    where = f"after {_tag(previous)}" if previous else f"at the start of <{parent}>"
    return f"{where} the schema expects {_or_list(names) if names else 'nothing more'}"


def _draft_misfit(tag: str, parent: str, column: str | None, expected: list[str]) -> str | None:
    """The element out of place as the draft mistake that causes it, if a draft can."""
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
    holding = parent.endswith("Holding")
    if tag == "transactionCoding" and holding and "postTransactionAmounts" in expected:
        return (
            "form_type on a holding is a column of Form 5 only (a holding that should have been "
            "on a Form 3): leave it out on this form"
        )
    return None


def _misplaced(tree: etree._ElementTree, err: Any) -> str | None:
    """An element where the content model of its parent takes no such element."""
    parent = err.elem
    child = parent[err.index]
    tag, parent_tag = _local(child.tag), _local(parent.tag)
    siblings = _elements(parent)
    earlier, later = siblings[: siblings.index(child)], siblings[siblings.index(child) + 1 :]
    required = [local for _, local in _names(err.expected)]
    following = _next_names(err.validator, earlier)
    allowed, can_end = following if following is not None else (required, False)
    previous = _local(earlier[-1].tag) if earlier else None
    expects = _expects(previous, parent_tag, allowed, can_end, False)
    expected = required + [name for name in allowed if name not in required]
    special = _draft_misfit(tag, parent_tag, _column_of(tree.getpath(child)), expected)
    if special:
        return special
    if tag in _REPEATS:
        what, most = _REPEATS[tag]
        given = sum(1 for s in earlier if _REPEATS.get(_local(s.tag), ("", 0))[0] == what)
        if given >= most:
            return f"there are more {what} than EDGAR takes on one filing (at most {most})"
    known = {
        particle.local_name: particle.max_occurs
        for particle in err.validator.iter_elements()
        if getattr(particle, "local_name", None)
    }
    if tag not in known:
        return (
            f"{_draft_name(tag)} cannot come here: <{parent_tag}> has no <{tag}> on this form "
            f"({expects})"
        )
    most = known[tag]
    given = sum(1 for s in earlier if _local(s.tag) == tag)
    if most is not None and given >= most and tag not in allowed:
        if most == 1:
            return f"{_draft_name(tag)} is given twice: <{parent_tag}> takes one ({expects})"
        return (
            f"{_draft_name(tag)} is given more than {most} times: <{parent_tag}> takes at most "
            f"{most} ({expects})"
        )
    late = [name for name in required if any(_local(s.tag) == name for s in later)]
    if late:
        return f"<{late[0]}> is out of order: the schema wants it before <{tag}> ({expects})"
    if required:  # the one sentence about a missing element that may name the box
        wanted = _or_list([_draft_name(name) for name in required])
        expects = _expects(previous, parent_tag, allowed, can_end, _BOX in required)
        return f"{wanted} is missing before {_draft_name(tag)}: give it ({expects})"
    order = list(known)
    passed = [
        s
        for s in earlier
        if _local(s.tag) in known and order.index(_local(s.tag)) > order.index(tag)
    ]
    if passed:
        return (
            f"{_draft_name(tag)} is out of order: the schema wants <{tag}> before "
            f"<{_local(passed[0].tag)}> ({expects})"
        )
    return f"{_draft_name(tag)} cannot come at this point ({expects})"


def _incomplete(err: Any) -> str | None:
    """An element whose content ends before what its content model requires."""
    parent = err.elem
    parent_tag = _local(parent.tag)
    children = _elements(parent)
    required = [local for _, local in _names(err.expected)]
    following = _next_names(err.validator, children)
    allowed = following[0] if following is not None else required
    wanted = required or allowed
    if not wanted:
        return None
    names = [_draft_name(name) for name in wanted]
    if _draft_name(parent_tag) in names:  # "ownership is missing" inside ownership
        names = [f"<{name}>" for name in wanted]
    previous = _local(children[-1].tag) if children else None
    listed = _or_list(_listing(previous, allowed or wanted, _BOX in wanted))
    if previous:
        where = f"after {_tag(previous)} the schema expects {listed} before </{parent_tag}>"
    else:
        where = f"the schema expects {listed} inside <{parent_tag}>"
    return f"{_or_list(names)} is missing: give it ({where})"


def _code_labels(tag: str) -> dict[str, str]:
    """The project's labels of the codes an element takes ("A — Acquired"), where it has them."""
    if tag == "transactionAcquiredDisposedCode":
        return {code.value: code.label for code in codes.AcquiredDisposed}
    if tag == "directOrIndirectOwnership":
        return {code.value: code.label for code in codes.DirectIndirect}
    return {}


_MOST_LISTED = 80
_LITERALS = re.compile(r"^[A-Za-z0-9/]+(?:\|[A-Za-z0-9/]+)*$")
#: What the schemas' patterns (ours and the SEC's) take, in words.
_PATTERN_WORDS = {
    "[0-9]{1,10}": "1 to 10 digits",
    r"\d{1,10}": "1 to 10 digits",
    "[0-9]+": "digits only",
    "F[1-9][0-9]?": "F1 to F99",
    "[EL|]?": "E, L or nothing",
    "[E|L]{0,1}": "E, L or nothing",
    "[3]{0,1}": "3 or nothing",
    r"[0-9A-Za-z #\-]*": "letters, digits, spaces, # and - only",
    "[0-9A-Za-z #-]*": "letters, digits, spaces, # and - only",
}


def _characters(count: int) -> str:
    return f"{count} character" + ("" if count == 1 else "s")


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


def _enumeration(value: str, allowed: list[str], tag: str) -> str:
    """ "the value 'Q' is not one of the allowed codes: A, C, … or Z" (with labels if short)."""
    codes_given = [code for code in dict.fromkeys(allowed) if code.strip()]
    labels = _code_labels(tag)
    if len(codes_given) <= 4 and labels and all(code in labels for code in codes_given):
        items = [labels[code] for code in codes_given]
    elif len(codes_given) > _MOST_LISTED:
        items = [", ".join(codes_given[:12]) + f", … ({len(codes_given)} codes in all)"]
    else:
        items = codes_given
    if len(codes_given) < len(set(allowed)):
        items.append("blank")
    sentence = f"the value '{_shown(value)}' is not one of the allowed codes: {_or_list(items)}"
    near = value.strip().upper()
    if near != value and near in codes_given:
        sentence += f" (did you mean '{near}'?)"
    return sentence


def _value_sentence(kind: str, err: Any, value: str, element: etree._Element) -> str | None:
    """A value the element's (or attribute's) type does not take, and what the type takes."""
    validator = err.validator
    facet = type(validator).__name__
    parent = element.getparent()
    tag = _local(element.tag)
    owner = _local(parent.tag) if tag == "value" and parent is not None else tag
    if kind == "enumeration":
        return _enumeration(value, [str(v) for v in validator.enumeration], owner)
    if kind == "pattern":
        patterns = [str(p) for p in getattr(validator, "regexps", ())]
        if len(patterns) == 1 and _LITERALS.match(patterns[0]):
            return _enumeration(value, patterns[0].split("|"), owner)
        words = " or ".join(_PATTERN_WORDS.get(p, f"the pattern {p}") for p in patterns)
        return f"'{_shown(value)}' is not of the form the schema takes here: {words}"
    if kind == "length":
        size, limit = len(value), validator.value
        if facet == "XsdMaxLengthFacet":
            return f"the value is {_characters(size)} long; the schema takes at most {limit} here"
        if facet == "XsdMinLengthFacet" and size == 0:
            return f"the value is empty; the schema needs at least {_characters(limit)} here"
        if facet == "XsdMinLengthFacet":
            return f"the value is {_characters(size)} long; the schema needs at least {limit} here"
        return f"the value is {_characters(size)} long; the schema needs exactly {limit} here"
    if kind == "range":
        limit = validator.value
        return {
            "XsdMinInclusiveFacet": f"'{_shown(value)}' is less than {limit}, the smallest value "
            "the schema takes here",
            "XsdMaxInclusiveFacet": f"'{_shown(value)}' is more than {limit}, the largest value "
            "the schema takes here",
            "XsdMinExclusiveFacet": f"'{_shown(value)}' is not more than {limit}: the schema "
            f"takes only values above {limit} here",
            "XsdMaxExclusiveFacet": f"'{_shown(value)}' is not less than {limit}: the schema "
            f"takes only values below {limit} here",
        }[facet]
    if kind == "digits":
        what = "decimals" if facet == "XsdFractionDigitsFacet" else "digits"
        return (
            f"'{_shown(value)}' has more than {validator.value} {what}; the schema takes at "
            f"most {validator.value} here"
        )
    if kind == "type":
        return _type_sentence(str(getattr(validator, "local_name", "")), value, str(err.reason))
    if kind == "simple":
        inner = _elements(element)
        inside = f": {_tag(_local(inner[0].tag))} is inside it" if inner else ""
        return f"the schema takes text only here, not elements{inside}"
    if kind == "empty":
        return f"the schema takes no text here: leave <{tag}> empty"
    if kind == "text":
        stray = [text.strip() for text in (element.text, *(c.tail for c in element)) if text]
        shown = next((f": '{_shown(text)}'" for text in stray if text), "")
        return f"the schema takes no text between the elements of <{tag}>{shown}"
    return None


def _type_sentence(type_name: str, value: str, reason: str) -> str | None:
    shown = _shown(value)
    if type_name in ("decimal", "integer", "nonNegativeInteger", "positiveInteger", "int"):
        return (
            f"'{shown}' is not a number: the schema takes digits with at most one decimal point "
            "here, without commas, spaces or an exponent"
        )
    if type_name == "date":
        detail = "" if reason.startswith("Invalid") else f" ({reason})"
        return f"'{shown}' is not a date of the form YYYY-MM-DD{detail}"
    if type_name == "boolean":
        return f"'{shown}' is not a yes/no value: the schema takes 1, 0, true or false here"
    if type_name == "ID" and "duplicated" in reason:
        return (
            f"the id '{shown}' is given to an earlier element too: an id is given once in a "
            "document"
        )
    return None
