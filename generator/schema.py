"""The ownership schemas: loading them once per process and turning violations into sentences.

libxml2 (through lxml) gives the verdict, because it is fast; when it finds a document invalid,
xmlschema is asked for the same document because its errors carry a clean reason and path. The
bundled set in ``schemas/`` is the default; ``SEC16_SCHEMA_DIR`` (or ``--schemas DIR``) points
sec16 at the SEC's own unpacked ``ownership*Document.xsd.xml`` files instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from generator.errors import UsageError
from generator.paths import resource_dir
from generator.problems import Problem

DOCUMENT_TYPES = ("3", "3/A", "4", "4/A", "5", "5/A")
_SEC_NAMES = {t: f"ownership{t.replace('/', '')}Document.xsd.xml" for t in DOCUMENT_TYPES}
_OWN_NAMES = {t: f"form{t.replace('/', '').lower()}.xsd" for t in DOCUMENT_TYPES}

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


@cache
def _load(document_type: str) -> _Schemas:
    path = schema_file(document_type)
    try:
        tree = etree.parse(str(path), safe_parser())
        return _Schemas(etree.XMLSchema(tree), path)
    except (OSError, etree.XMLSyntaxError, etree.XMLSchemaParseError) as err:
        raise UsageError(f"the schema {path} cannot be used: {err}") from None


@cache
def _xmlschema(document_type: str) -> Any:
    import xmlschema

    return xmlschema.XMLSchema10(str(_load(document_type).path))


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
    """A libxml2 schema error as the element it concerns ("<value>") and a short reason."""
    return _element_name(error.path or None), _short_lxml_message(error.message)


def check(tree: etree._ElementTree, document_type: str, line_offset: int = 0) -> list[Problem]:
    """Schema problems of a parsed document, as short sentences with element path and line."""
    schemas = _load(document_type)
    if schemas.lxml.validate(tree):
        return []
    problems: list[Problem] = []
    seen: set[tuple[int | None, str]] = set()
    for error in list(schemas.lxml.error_log):  # type: ignore[call-overload]
        path = error.path or None
        where, reason = explain(error)
        if path and "rptOwnerCcc" in path:  # a credential: never repeat what was given
            reason = _QUOTED.sub(lambda m: m[0] if m[0][1:-1].isdigit() else "'…'", reason)
        line = error.line + line_offset if error.line else None
        key = (line, reason)
        if key in seen:
            continue
        seen.add(key)
        problems.append(
            Problem(
                "error",
                "xsd",
                f"{where}: {reason} (Form {document_type} schema); "
                "EDGAR suspends a filing that breaks its schema",
                path,
                line,
            )
        )
    return problems[:50]


def check_detailed(tree: etree._ElementTree, document_type: str) -> list[str]:
    """xmlschema's reasons for the same document: slower, used where a reason is unclear."""
    schema = _xmlschema(document_type)
    return [str(err.reason) for err in schema.iter_errors(tree)]
