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

from generator.model import values
from generator.model.filing import Filing, Noted
from generator.model.values import spell_decimal
from generator.support.errors import DraftError, DraftProblem, Place

#: A draft is a few kilobytes (the largest real one, 60 rows and 99 long footnotes, about
#: 150 KB and 10,000 values); these bounds stop hostile files early, in bounded time and memory.
MAX_DRAFT_BYTES = 1024 * 1024
MAX_NODES = 50_000
#: A table of events (``sec16 draft-from``) may be this many times larger than a draft.
TABLE_SCALE = 20
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
        place = Place(format_path(path) or "(top)", node.start_mark.line + 1, tuple(path))
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


class _Progress:
    """How far the parser got: the last key read and the line its value starts on, so that a
    YAML error is told as a mistake in that key's value (``_yaml_error``)."""

    def __init__(self) -> None:
        self.path: KeyPath = ()
        #: The line of the last key, then of its value once the parser has read its start.
        self.line: int | None = None


def _check_shape(
    text: str, source: str, progress: _Progress | None = None, max_nodes: int = MAX_NODES
) -> None:
    """Count the values and the nesting from the parser's events, before anything is built.

    The parser works without recursion; building nodes does not, so a draft nested thousands
    deep (``[[[[...``) or holding millions of values is refused here, at its key path and line.
    """
    nodes = 0
    open_: list[list[Any]] = []  # per open collection: [is_mapping, expects_key, key or index]
    progress = progress or _Progress()
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
                progress.path = tuple(part for *_, part in open_ if part is not None)
                progress.line = event.start_mark.line + 1 if event.start_mark else None
            else:  # a mapping's value: a key comes next
                top[1] = True
                progress.line = event.start_mark.line + 1 if event.start_mark else None
        too_deep = isinstance(event, _OPEN_EVENTS) and len(open_) >= MAX_DEPTH
        if nodes > max_nodes or too_deep:
            path = [part for *_, part in open_ if part is not None]
            message = (
                f"the draft is nested more than {MAX_DEPTH} levels deep here; a draft is at "
                "most a few levels deep, so this is not one"
                if too_deep
                else f"the draft holds more than {max_nodes:,} values; a filing has a few "
                "hundred, so this is not a draft (check that it is the right file)"
            )
            line = event.start_mark.line + 1 if event.start_mark else None
            place = Place(format_path(path) or "(top)", line, tuple(path))
            raise DraftError(source, [DraftProblem(place, message)])
        if isinstance(event, _OPEN_EVENTS):
            open_.append([isinstance(event, yaml.MappingStartEvent), True, None])


def _yaml_error(
    err: yaml.YAMLError, text: str, source: str, progress: _Progress | None = None
) -> DraftError:
    """A parser's complaint as a located sentence: what is wrong, in a filer's words, and what
    to write; never the parser's own wording. The line is where the mistake is: for a quote or
    bracket never closed, where it opens; for a key without a colon, its own line (the parser
    notices both only on a later line)."""
    if isinstance(err, yaml.MarkedYAMLError):
        line, what = _yaml_sentence(err, text, progress or _Progress())
        return DraftError(source, [DraftProblem(Place("(YAML)", line), what)])
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
    return DraftError(
        source, [DraftProblem(Place("(YAML)"), "the draft cannot be read as YAML; " + _CHECK)]
    )


_CHECK = (
    "check the indentation (spaces, each key lined up under the others of its group) and quotes "
    "(a value holding ': ' or ' #', or starting with a special character, goes in quotes)"
)


def _yaml_sentence(
    err: yaml.MarkedYAMLError, text: str, progress: _Progress
) -> tuple[int | None, str]:
    """(line, sentence) for a YAML syntax error, from libyaml's or PyYAML's problem and context."""
    problem, context = err.problem or "", err.context or ""
    at = err.problem_mark.line + 1 if err.problem_mark else None
    opened = err.context_mark.line + 1 if err.context_mark else at
    key = format_path(progress.path)
    char = ""
    if err.problem_mark is not None and 0 <= err.problem_mark.index < len(text):
        char = text[err.problem_mark.index]
    if "nesting depth" in problem:
        return at, "the draft is nested far too deeply to be a draft"
    if "mapping values are not allowed" in problem:
        start = progress.line
        if key and start is not None and at is not None and start < at:
            return start, (
                f"a colon inside the value of {key}, on line {at} (the value starts on line "
                f"{start}): YAML reads a colon followed by a space as the start of a new key. If "
                f'it is part of the value, quote it (the whole value: {progress.path[-1]}: "…") '
                f"or write the value as a block after >-; if line {at} starts a key of its own, "
                "line it up under the keys above it"
            )
        whose = f" of {key}" if key else ""
        return at, (
            f"a colon inside the value{whose}: YAML reads a colon followed by a space as the end "
            f'of a key; quote it (put the whole value in quotes: "…") or write it as a block '
            "after >-"
        )
    if "could not find expected ':'" in problem:
        return opened, (
            "this line has no colon after its key: write key: value (with a space after the "
            "colon); if the line goes on from the value above it, indent it more than that key, "
            "or put the value in quotes"
        )
    if "tab" in problem or char == "\t":
        return at, "a tab is used for indentation here: YAML indents with spaces only; replace it"
    if "cannot start any token" in problem:
        return at, (
            f"a value cannot start with {char or 'this character'} unquoted: put the value in "
            'quotes ("…")'
        )
    if "block sequence entries are not allowed" in problem:
        return at, (
            "a list item (- …) where a plain value was expected: start the list on the next "
            "line, indented under its key, or put the value in quotes if the dash is part of it"
        )
    if "mapping keys are not allowed" in problem:
        return at, 'a value cannot start with "? " unquoted: put the value in quotes ("…")'
    if "quoted scalar" in context and "end of stream" in problem:
        return opened, (
            f"the quote that opens the value{' of ' + key if key else ''} on line {opened} is "
            "never closed: end the value with the same quote mark; check the indentation and "
            "quotes of the lines below it"
        )
    if "quoted scalar" in context:
        return at, (
            "a backslash inside double quotes starts an escape such as \\n: write \\\\ for a "
            "backslash, or use single quotes ('…') around the value"
        )
    if "flow sequence" in context:
        return opened, (
            f"the [ on line {opened} is not closed on its line: write a list as [F1, F2] on "
            "one line, or one '- ' line per item"
        )
    if "flow mapping" in context:
        return opened, (
            f"the {{ on line {opened} is not closed, or two of its keys have no comma between "
            "them: write it on one line, as {value: 12.50, footnotes: [F1]}"
        )
    if any(word in context + problem for word in ("anchor", "alias")):
        return at, 'a value cannot start with & or * unquoted: put the value in quotes ("…")'
    if "tag" in context + problem:
        return at, 'a value cannot start with ! unquoted: put the value in quotes ("…")'
    if "block scalar" in context:
        return at, (
            "after | or > only the text can follow, on the next lines and indented: to start a "
            'value with | or >, put it in quotes ("…")'
        )
    if "single document" in context:
        return at, (
            "a line --- starts a second document, and a draft is one: remove that line (and "
            "what follows it, if it is another draft)"
        )
    if "document start" in problem:
        return at, (
            "the draft goes on after a line that ends it (... or a line starting with %): "
            "remove that line"
        )
    if "block collection" in context or "'-' indicator" in problem:
        return at, (
            "this line does not line up with the list items above it: start each item with - "
            "at the same indentation, and line its keys up under the first one"
        )
    if "block mapping" in context or "expected key" in problem or "block end" in problem:
        return at, (
            "this line does not line up with the keys above it, or a quoted value has more "
            "text after its closing quote: line each key up under the others of its group, "
            "and quote a value whole"
        )
    return at, "this line cannot be read as part of a draft: " + _CHECK


def parse_yaml(text: str, source: str, *, table: bool = False) -> tuple[Any, dict[KeyPath, int]]:
    """Parse draft text into plain data and a map from key path to line number.

    ``table``: a table of events for ``sec16 draft-from`` (``TABLE_SCALE`` times larger at
    most, and a list of events may be its top)."""
    scale = TABLE_SCALE if table else 1
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DRAFT_BYTES * scale:
        raise DraftError(
            source,
            [
                DraftProblem(
                    Place("(file)"),
                    f"the file is larger than {MAX_DRAFT_BYTES * scale // 1024} KB, too large "
                    "to be a draft (a draft is a few kilobytes); check that this is the right "
                    "file",
                )
            ],
        )
    reader = _Reader(source)
    progress = _Progress()
    try:
        _check_shape(text, source, progress, MAX_NODES * scale)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as err:
        raise _yaml_error(err, text, source, progress) from None
    if node is None:
        raise DraftError(source, [DraftProblem(Place("(file)"), "the draft is empty")])
    data = reader.read(node)
    if not isinstance(data, dict) and not (table and isinstance(data, list)):
        raise DraftError(
            source,
            [DraftProblem(Place("(top)", 1), _TABLE_TOP if table else _DRAFT_TOP)],
        )
    return data, reader.lines


_DRAFT_TOP = "a draft is a list of keys such as form:, issuer:"
_TABLE_TOP = "a YAML table is a list of events (- owner_cik: …), or defaults: and events:"


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
    """The sentence for one pydantic error, as the draft loader and the guided session say it.

    Never pydantic's own wording ("Input should be …"): each kind of error a draft can cause
    has its sentence here, and any other kind gets one that says what was given and where to
    look, so that a filer always reads what is wrong and what to write.
    """
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return "is not a key sec16 knows here; check its spelling against docs/drafts.md"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "sec16":
        return str(ctx.get("message", error["msg"]))
    if kind == "footnote_text":
        ident = next((part for part in reversed(error.get("loc", ())) if part != "[key]"), "")
        return f"footnote {ident} has no text: write what it explains, or remove it"
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        if isinstance(given, dict):
            return f"takes no footnotes: write the value alone ({expected})"
        if isinstance(given, list):
            return f"is one value, not a list: write {expected}"
        if "form_type" in error.get("loc", ()):
            return _form_type_message(given, "holding" in error["loc"])
        return f"{given!r} is not allowed here; expected {expected}"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", given)
        return f"{tag!r} is not a kind of row: write kind: transaction or kind: holding"
    if kind == "union_tag_not_found":
        return "says neither kind: transaction nor kind: holding; give one of them"
    if kind in ("list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = (
            "a list (one '- ' line per item)"
            if kind == "list_type"
            else "a group of keys (indented 'key: value' lines)"
        )
        return f"should be {wanted}, not {_kind_of(given)}"
    if kind in ("string_type", "string_unicode"):
        return (
            f"should be text, not {_kind_of(given)}: write it after the colon (put quotes "
            "around it if it starts with [, { or -)"
        )
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}; none is given"
    if kind == "too_long":
        most = ctx.get("max_length")
        return f"has {ctx.get('actual_length', 'too many')} entries; at most {most} are allowed"
    return f"cannot be read as given ({_kind_of(given)}); see docs/drafts.md for what to write here"


def _form_type_message(given: Any, holding: bool) -> str:
    """What ``form_type`` may be, on the row it was given on."""
    if holding:
        return (
            f'{given!r} is not a form type of a holding: only "3" (on a Form 5: a holding that '
            "should have been reported on a Form 3); leave it out otherwise. A transaction takes "
            '"4" or "5"'
        )
    return (
        f'{given!r} is not a form type of a transaction: write "4" or "5" (the form the '
        'transaction belongs on), or leave it out for the form being filed; "3" is only for '
        "a holding on a Form 5 that should have been on a Form 3"
    )


def _kind_of(value: Any) -> str:
    """What a wrongly typed draft value is, in the draft's own terms."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
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
        raise located_errors(err, data, lines, source) from None


def located_errors(
    err: ValidationError, data: Any, lines: dict[KeyPath, int], source: str
) -> DraftError:
    """A model's validation errors on YAML data, each as a sentence at its key path and line
    (drafts, and the other YAML files sec16 reads, such as a book's book.yaml)."""
    problems = []
    for loc, message in _explained(err.errors(), data):
        path, line = _line_for(loc, lines)
        place = Place(format_path(path) or "(top)", line, tuple(path))
        problems.append(DraftProblem(place, message))
    return DraftError(source, problems)


def _loc_of(error: Any) -> KeyPath:
    """The key path of a model error: its location, plus the part a check across the filing
    names (``model.located``), without pydantic's ``[key]`` marker for a mapping's key."""
    at = (error.get("ctx") or {}).get("at", ()) if error["type"] == "sec16" else ()
    return tuple(part for part in (*error["loc"], *at) if part != "[key]")


_TAGS = ("transaction", "holding")


def _node(data: Any, loc: KeyPath) -> Any:
    """The plain data at a model error's location (discriminator tags skipped); None if absent."""
    node = data
    for part in loc:
        at_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if at_list or (isinstance(node, dict) and part in node):
            node = node[part]
        elif part in _TAGS:
            continue
        else:
            return None
    return node


def _explained(errors: list[Any], data: Any) -> list[tuple[KeyPath, str]]:
    """Each model error as (key path, sentence); where several errors have one cause (a row of
    the wrong kind, a value split by a comma in ``{…}``), that cause is said once instead."""
    out: list[tuple[KeyPath, str]] = []
    said: set[KeyPath] = set()
    for error in errors:
        loc = _loc_of(error)
        cause = _wrong_kind(error, loc, data) or _split_value(error, loc, data)
        if cause is None:
            out.append((loc, message_of(error)))
        elif cause[0] not in said:
            said.add(cause[0])
            out.append(cause)
    return out


def _row_keys(table: str) -> tuple[frozenset[str], frozenset[str]]:
    """The keys only a transaction has in a table, and every key a holding has."""
    from generator.model.filing import (
        DerivativeHolding,
        DerivativeTransaction,
        NonDerivativeHolding,
        NonDerivativeTransaction,
    )

    transaction, holding = (
        (NonDerivativeTransaction, NonDerivativeHolding)
        if table == "table_1"
        else (DerivativeTransaction, DerivativeHolding)
    )
    only = frozenset(transaction.model_fields) - frozenset(holding.model_fields)
    return only, frozenset(holding.model_fields)


def _wrong_kind(error: Any, loc: KeyPath, data: Any) -> tuple[KeyPath, str] | None:
    """A row that says (or is taken as) one kind but has the other kind's columns: one
    sentence at the row's ``kind`` instead of one per column."""
    if len(loc) != 4 or loc[0] not in ("table_1", "table_2") or not isinstance(loc[1], int):
        return None
    row = _node(data, loc[:2])
    only, _ = _row_keys(str(loc[0]))
    if not isinstance(row, dict) or loc[3] not in only:
        return None
    given = [key for key in row if key in only]
    said = row.get("kind")
    where: KeyPath = (*loc[:2], "kind") if "kind" in row else loc[:2]
    if error["type"] == "extra_forbidden" and loc[2] == "holding" and given:
        if said == "holding":
            return where, (
                f"says kind: holding, but the row has columns only a transaction has "
                f"({', '.join(given)}): did you mean kind: transaction? (A holding has no "
                "date, code, amount or price.)"
            )
        return where, (
            f"has columns only a transaction has ({', '.join(given)}) but no transaction_date "
            "or code: give both for a transaction, or leave those columns out for a holding"
        )
    bare = not any(key in row for key in ("transaction_date", "code", "shares", "price"))
    if error["type"] == "missing" and loc[2] == "transaction" and said == "transaction" and bare:
        return where, (
            "says kind: transaction, but the row has none of a transaction's columns "
            "(transaction_date, code, shares, price): did you mean kind: holding?"
        )
    return None


_GROUP = re.compile(r"\d+(?:\.\d*)?")


def _split_value(error: Any, loc: KeyPath, data: Any) -> tuple[KeyPath, str] | None:
    """``{value: 17,408, footnotes: [F2]}``: in a ``{…}`` mapping a comma separates keys, so
    YAML reads ``value: 17`` and a key ``408``. Said once, at the value's key, with the fix."""
    if error["type"] != "extra_forbidden" or not loc or error.get("input") is not None:
        return None
    key = loc[-1]
    parent = _node(data, loc[:-1])
    if not (isinstance(key, str) and _GROUP.fullmatch(key) and isinstance(parent, dict)):
        return None
    keys = list(parent)
    start = keys.index(key)
    while start > 0 and _GROUP.fullmatch(keys[start - 1]) and parent[keys[start - 1]] is None:
        start -= 1
    if start == 0 or not isinstance(before := parent[keys[start - 1]], str):
        return None
    end = start
    while end < len(keys) and _GROUP.fullmatch(keys[end]) and parent[keys[end]] is None:
        end += 1
    typed = ",".join([before, *keys[start:end]])
    if not re.fullmatch(r"\$?\d[\d,.]*", typed):
        return None
    name = keys[start - 1]
    try:
        number = values.parse_number_text(typed)
    except ValueError as err:
        return (*loc[:-1], name), f"{err} (inside {{…}} a comma also ends the value)"
    return (*loc[:-1], name), (
        f"the comma in {typed} split the value: inside {{…}} a comma separates keys, so YAML "
        f'read {before} and a key {keys[start]}; put the number in quotes ({name}: "{typed}") '
        f"or leave out the comma ({name}: {spell_decimal(number)})"
    )


def load_draft_text(text: str, source: str) -> Filing:
    data, lines = parse_yaml(text, source)
    return filing_from_data(data, lines, source)


def load_draft(path: Path) -> Filing:
    """Read a draft file into a Filing; raises DraftError with every problem located."""
    return load_draft_located(path)[0]


def load_draft_located(path: Path) -> tuple[Filing, dict[KeyPath, int]]:
    """A draft file's Filing and the line of each of its key paths."""
    data, lines = parse_yaml_file(path)
    return filing_from_data(data, lines, str(path)), lines


def parse_yaml_file(path: Path, *, table: bool = False) -> tuple[Any, dict[KeyPath, int]]:
    """A YAML file sec16 reads (a draft, a book's book.yaml, with ``table`` a table of events)
    as plain data and key-path lines, read at most ``MAX_DRAFT_BYTES`` (times ``TABLE_SCALE``
    for a table), as UTF-8, with the draft loader's limits."""
    from generator.support.files import read_limited

    limit = MAX_DRAFT_BYTES * (TABLE_SCALE if table else 1)
    try:
        raw = read_limited(path, limit)  # never more, whatever the file's size
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
                    f"the file is larger than {limit // 1024} KB, too large to be a "
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
    return parse_yaml(text, str(path), table=table)


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


_DUMPER: type[Any] = _DraftDumper
try:  # libyaml, when PyYAML has it: the same YAML written some 9 times faster (the guided
    # session writes the draft after every answer)

    class _DraftCDumper(yaml.CSafeDumper):
        """The same dumper on libyaml."""

    _DUMPER = _DraftCDumper
except AttributeError:  # a PyYAML built without libyaml
    pass


#: Characters YAML treats as line breaks besides "\n" (YAML 1.1 §5.4).
_YAML_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style: str | None = "|" if "\n" in text else None
    if any(mark in text for mark in _YAML_BREAKS):
        style = '"'  # only double quotes escape these breaks; PyYAML mangles them elsewhere
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _no_aliases(dumper: yaml.SafeDumper, data: Any) -> bool:
    """A value given twice (the same date on two rows) is written twice: a draft is read by
    people, who do not follow YAML's anchors and aliases (&id001, *id001)."""
    return True


for _dumper in (_DraftDumper, _DUMPER):
    _dumper.add_representer(str, _str_representer)
    _dumper.ignore_aliases = _no_aliases  # type: ignore[method-assign]


#: The key order of a draft written from plain data (the guided session's answers so far): the
#: order of the paper form, which the session asks in. Keys not listed follow, as they come.
_PAPER_ORDER: dict[str, tuple[str, ...]] = {
    "": (
        "form", "schema_version", "period_of_report", "original_filing_date",
        "no_longer_subject_to_section_16", "rule_10b5_1_plan", "issuer", "reporting_owners",
        "table_1", "table_2", "footnotes", "remarks", "signatures", "attachments",
    ),
    "attachments": ("file", "type", "description"),
    "issuer": ("cik", "name", "ticker", "foreign_ticker"),
    "reporting_owners": ("cik", "name", "ccc", "address", "relationship"),
    "address": (
        "street1", "street2", "city", "non_us", "state", "non_us_state_territory", "country",
        "zip",
    ),
    "row": (
        "kind", "security", "exercise_price", "transaction_date", "deemed_execution_date",
        "form_type", "code", "equity_swap", "timeliness", "shares", "total_value",
        "acquired_disposed", "price", "date_exercisable", "expiration_date",
        "underlying_security", "underlying_shares", "underlying_value", "owned_following",
        "value_owned_following", "ownership", "nature_of_ownership",
    ),
}  # fmt: skip


def _paper_order(node: Any, where: str = "") -> Any:
    """Plain draft data with its keys in ``_PAPER_ORDER`` (a value with footnotes: value first)."""
    if isinstance(node, list):
        kind = "row" if where in ("table_1", "table_2") else where
        return [_paper_order(item, kind) for item in node]
    if not isinstance(node, dict):
        return node
    order = _PAPER_ORDER.get(where, ())
    if where != "" and ("value" in node or "footnotes" in node):
        order = ("value", "footnotes")
    keys = sorted(node, key=lambda k: order.index(k) if k in order else len(order))
    return {key: _paper_order(node[key], key if where != "row" else "noted") for key in keys}


def dump_draft(draft: Filing | dict[str, Any], notes: Iterable[str] = ()) -> str:
    """Write a draft as YAML, with notes as comments at the top (one ``# `` line per line).

    ``draft`` is a Filing, written as ``filing_to_data`` gives it (only what is set), or the
    plain data of a draft as the loader reads it and the guided session holds it (partly
    answered, not yet a valid filing), written as it is with its keys in ``_PAPER_ORDER``.
    """
    header = "".join(f"# {line}\n" for note in notes for line in note.splitlines())
    data = filing_to_data(draft) if isinstance(draft, Filing) else _paper_order(draft)
    body = yaml.dump(
        data,
        Dumper=_DUMPER,
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
