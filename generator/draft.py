"""YAML drafts <-> the Filing model, with errors that name the key path and line.

The loader is deliberately narrower than YAML itself: only ``true``/``false`` and ``null`` are
resolved, every other scalar stays text for the model's own parsers. That keeps leading zeros of
CIKs, the exact digits of prices (no binary floats) and country codes such as ``NO`` (Norway) as
typed. It also refuses what a draft never needs: tags, duplicate keys, alias bombs, huge files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import DraftError, DraftProblem, Place
from generator.model import Filing, Noted
from generator.values import spell_decimal

#: A draft is a few kilobytes (the largest real one, 60 rows and 99 long footnotes, about
#: 150 KB and 10,000 values); these bounds stop hostile files early, in bounded time and memory.
MAX_DRAFT_BYTES = 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 20

KeyPath = tuple[str | int, ...]


class _DraftLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like booleans and no implicit numbers or dates."""


_LOADER: type[Any] = _DraftLoader
try:  # libyaml, when PyYAML has it: the same YAML read some 50 times faster

    class _DraftCLoader(yaml.CSafeLoader):
        """The same loader on libyaml."""

    _LOADER = _DraftCLoader
except AttributeError:  # a PyYAML built without libyaml
    pass

_LOADERS: tuple[type[Any], ...] = (_DraftLoader, _LOADER)
for _loader in _LOADERS:
    _loader.yaml_implicit_resolvers = {}
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
    )


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "bool", "null", "map", "seq")}


class _Reader:
    """Turns a composed YAML node tree into plain data, recording each key path's line."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[KeyPath, int] = {}
        self.nodes = 0

    def fail(self, node: yaml.Node, path: KeyPath, message: str) -> DraftError:
        place = Place(format_path(path) or "(top)", node.start_mark.line + 1)
        return DraftError(self.source, [DraftProblem(place, message)])

    def read(self, node: yaml.Node, path: KeyPath = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            raise self.fail(
                node,
                path,
                f"the draft is too large or too deeply nested to be a filing (more than "
                f"{MAX_NODES:,} values or {MAX_DEPTH} levels, counting what YAML aliases "
                "(*name) repeat)",
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, path, f"the tag {node.tag} is not allowed in a draft")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.read(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() == "true"
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, path, "YAML merge keys (<<) are not allowed in a draft")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "a key must be a plain word")
            key = str(key_node.value)
            if key in result:
                raise self.fail(
                    key_node, (*path, key), f"the key {key!r} is given twice; keep only one"
                )
            self.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.read(value_node, (*path, key))
        return result


def format_path(path: Iterable[str | int]) -> str:
    """``("table_1", 0, "price")`` -> ``table_1[1].price`` (rows counted from 1, as on the form)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_OPEN_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _check_shape(text: str, source: str) -> None:
    """Count the values and the nesting from the parser's events, before anything is built.

    The parser works without recursion; building nodes does not, so a draft nested thousands
    deep (``[[[[...``) or holding millions of values is refused here, at its key path and line.
    """
    nodes = 0
    open_: list[list[Any]] = []  # per open collection: [is_mapping, expects_key, key or index]
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _CLOSE_EVENTS):
            open_.pop()
            continue
        if not isinstance(event, _NODE_EVENTS):
            continue
        nodes += 1
        if open_:
            top = open_[-1]
            if not top[0]:  # a sequence: the next item
                top[2] = top[2] + 1 if isinstance(top[2], int) else 0
            elif top[1]:  # a mapping's key
                top[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                top[1] = False
            else:  # a mapping's value: a key comes next
                top[1] = True
        too_deep = isinstance(event, _OPEN_EVENTS) and len(open_) >= MAX_DEPTH
        if nodes > MAX_NODES or too_deep:
            path = [part for *_, part in open_ if part is not None]
            message = (
                f"the draft is nested more than {MAX_DEPTH} levels deep here; a draft is at "
                "most a few levels deep, so this is not one"
                if too_deep
                else f"the draft holds more than {MAX_NODES:,} values; a filing has a few "
                "hundred, so this is not a draft (check that it is the right file)"
            )
            line = event.start_mark.line + 1 if event.start_mark else None
            place = Place(format_path(path) or "(top)", line)
            raise DraftError(source, [DraftProblem(place, message)])
        if isinstance(event, _OPEN_EVENTS):
            open_.append([isinstance(event, yaml.MappingStartEvent), True, None])


def _yaml_error(err: yaml.YAMLError, text: str, source: str) -> DraftError:
    """A parser's complaint as a located sentence."""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark
        line = mark.line + 1 if mark else None
        what = err.problem or "the YAML cannot be read"
        if what.startswith("but ") and err.context:  # "expected a single document ... but ..."
            what = f"{err.context} {what}"
        if "nesting depth" in what:
            what = "the draft is nested far too deeply to be a draft"
        return DraftError(
            source,
            [DraftProblem(Place("(YAML)", line), f"{what}; check the indentation and quotes")],
        )
    if isinstance(err, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(err.position, 0)) + 1
        char = err.character if isinstance(err.character, str) else chr(err.character)
        return DraftError(
            source,
            [
                DraftProblem(
                    Place("(YAML)", line),
                    f"the draft contains the control character U+{ord(char):04X}, which YAML "
                    "and XML cannot carry; delete it (it often comes from copying out of a PDF)",
                )
            ],
        )
    first_line = str(err).splitlines()[0] if str(err) else "the YAML cannot be read"
    return DraftError(source, [DraftProblem(Place("(YAML)"), first_line)])


def parse_yaml(text: str, source: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse draft text into plain data and a map from key path to line number."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DRAFT_BYTES:
        raise DraftError(
            source,
            [
                DraftProblem(
                    Place("(file)"),
                    f"the file is larger than {MAX_DRAFT_BYTES // 1024} KB, too large to be a "
                    "draft (a draft is a few kilobytes); check that this is the right file",
                )
            ],
        )
    reader = _Reader(source)
    try:
        _check_shape(text, source)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        raise _yaml_error(err, text, source) from None
    if node is None:
        raise DraftError(source, [DraftProblem(Place("(file)"), "the draft is empty")])
    data = reader.read(node)
    if not isinstance(data, dict):
        raise DraftError(
            source,
            [DraftProblem(Place("(top)", 1), "a draft is a list of keys such as form:, issuer:")],
        )
    return data, reader.lines


def _line_for(loc: tuple[Any, ...], lines: dict[KeyPath, int]) -> tuple[KeyPath, int | None]:
    """Map a pydantic error location to the nearest key path present in the YAML."""
    path: list[str | int] = []
    for part in loc:
        candidate = (*path, part)
        if candidate in lines:
            path.append(part)
        elif isinstance(part, str) and part in ("transaction", "holding", "value"):
            continue  # discriminator tags and the implicit value of a plain scalar
        else:
            path.append(part)
    key = tuple(path)
    while key and key not in lines:
        key = key[:-1]
    return tuple(path), lines.get(key)


def message_of(error: Any) -> str:
    """The sentence for one pydantic error, as the draft loader and the guided session say it."""
    kind = error["type"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a key sec16 knows here; check its spelling against docs/drafts.md"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{error['input']!r} is not allowed here; expected {expected}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{error['input']!r} is not allowed here; expected {expected}"
    if kind == "union_tag_invalid":
        return "kind must be 'transaction' or 'holding'"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = (
            "a list (one '- ' line per item)"
            if kind == "list_type"
            else "a group of keys (indented 'key: value' lines)"
        )
        return f"should be {wanted}, not {_kind_of(error.get('input'))}"
    if kind == "too_short":
        return str(error["msg"]).replace("Input", "this").replace("input", "this")
    return str(error["msg"])


def _kind_of(value: Any) -> str:
    """What a wrongly typed draft value is, in the draft's own terms."""
    if value is None:
        return "empty"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of keys"
    text = str(value)
    return f"the single value {text[:40]!r}{'…' if len(text) > 40 else ''}"


def filing_from_data(data: Any, lines: dict[KeyPath, int], source: str) -> Filing:
    """Validate plain data as a Filing, turning every model error into a located sentence."""
    try:
        return Filing.model_validate(data)
    except ValidationError as err:
        problems = []
        for error in err.errors():
            path, line = _line_for(tuple(error["loc"]), lines)
            problems.append(
                DraftProblem(Place(format_path(path) or "(top)", line), message_of(error))
            )
        raise DraftError(source, problems) from None


def load_draft_text(text: str, source: str) -> Filing:
    data, lines = parse_yaml(text, source)
    return filing_from_data(data, lines, source)


def load_draft(path: Path) -> Filing:
    """Read a draft file into a Filing; raises DraftError with every problem located."""
    return load_draft_located(path)[0]


def load_draft_located(path: Path) -> tuple[Filing, dict[KeyPath, int]]:
    """A draft file's Filing and the line of each of its key paths."""
    from generator.files import read_limited

    try:
        raw = read_limited(path, MAX_DRAFT_BYTES)  # never more, whatever the file's size
    except OSError as err:
        raise DraftError(
            str(path), [DraftProblem(Place("(file)"), f"cannot be read: {err.strerror}")]
        ) from None
    if raw is None:
        raise DraftError(
            str(path),
            [
                DraftProblem(
                    Place("(file)"),
                    f"the file is larger than {MAX_DRAFT_BYTES // 1024} KB, too large to be a "
                    "draft (a draft is a few kilobytes); check that this is the right file",
                )
            ],
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DraftError(
            str(path),
            [
                DraftProblem(
                    Place("(file)"), f"is not UTF-8 text (byte {err.start}); save it as UTF-8"
                )
            ],
        ) from None
    data, lines = parse_yaml(text, str(path))
    return filing_from_data(data, lines, str(path)), lines


# --- writing ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Model values -> YAML-friendly values (a Noted without footnotes becomes its bare value).

    An imported empty element stays visible in the draft: ``''`` for ``<tag></tag>``,
    ``{value: ''}`` for ``<tag><value></value></tag>``.
    """
    if isinstance(value, Noted):
        if value.blank == "element" and value.empty:
            return ""
        if not value.footnotes and value.blank != "value":
            return _plain(value.value)
        out: dict[str, Any] = {}
        if value.value is not None:
            out["value"] = _plain(value.value)
        elif value.blank == "value":
            out["value"] = ""
        if value.footnotes:
            out["footnotes"] = list(value.footnotes)
        return out
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return spell_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def filing_to_data(filing: Filing) -> dict[str, Any]:
    """The draft form of a filing: only what is set, in the order of the paper form.

    An empty table or footnotes list is written only when it was given (an imported filing
    that had the empty element), so that ``--profile record`` writes it back.
    """
    data: dict[str, Any] = {}
    for name in Filing.model_fields:
        value = getattr(filing, name)
        if value is None or (value in ([], {}) and name not in filing.model_fields_set):
            continue
        data[name] = _rows(value) if name in ("table_1", "table_2") else _compact(value)
    return data


def _compact(value: Any) -> Any:
    if isinstance(value, BaseModel) and not isinstance(value, Noted):
        out = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            if item is None:
                continue
            compact = _compact(item)
            if compact in ({}, []):
                continue
            out[name] = compact
        return out
    if isinstance(value, list):
        return [_compact(v) for v in value]
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    return _plain(value)


def _rows(rows: list[Any]) -> list[Any]:
    out = []
    for row in rows:
        data = _compact(row)
        kind = data.pop("kind")
        out.append({"kind": kind, **data})
    return out


class _DraftDumper(yaml.SafeDumper):
    """Keeps insertion order and writes long text as readable blocks."""


#: Characters YAML treats as line breaks besides "\n" (YAML 1.1 §5.4).
_YAML_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style: str | None = "|" if "\n" in text else None
    if any(mark in text for mark in _YAML_BREAKS):
        style = '"'  # only double quotes escape these breaks; PyYAML mangles them elsewhere
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_DraftDumper.add_representer(str, _str_representer)


def dump_draft(filing: Filing, notes: Iterable[str] = ()) -> str:
    """Write a filing as draft YAML, with notes as comments at the top."""
    header = "".join(f"# {line}\n" for note in notes for line in note.splitlines())
    body = yaml.dump(
        filing_to_data(filing),
        Dumper=_DraftDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + body


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a draft, for editors and other tools (``sec16 schema``)."""
    schema = Filing.model_json_schema(mode="validation")
    for name, definition in schema.get("$defs", {}).items():
        if name.startswith("Noted"):
            # A plain value stands for {value: ...}; say so, or editors flag valid drafts.
            plain = definition["properties"]["value"]
            choices = [c for c in plain.get("anyOf", [plain]) if c.get("type") != "null"]
            schema["$defs"][name] = {"anyOf": [*choices, definition]}
    schema["title"] = "sec16 draft"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
