"""The answers so far: the draft (plain data, as the YAML loader reads it) seen from one question.

The session's state is the draft itself. ``Answers`` is a view of it from the item a question
belongs to (the filing, an owner, a table row); the helpers read a stored answer that may carry
footnotes (``{value: 12.50, footnotes: [F1]}``) and write one back. ``Choice`` is one answer of a
pick list. Nothing here imports pydantic or questionary: the first question must appear fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from generator.model import values
from generator.model.codes import PLACE_KEYWORDS, FormType

#: The key path of an item of the draft: ``()`` the filing, ``("table_2", 1)`` a Table II row.
Scope = tuple[str | int, ...]
TABLES = ("table_1", "table_2")


def plain(raw: Any) -> Any:
    """The value of an answer that may carry footnotes (``{value: 12.50, footnotes: [F1]}``)."""
    if isinstance(raw, dict):
        return raw.get("value")
    return raw


def notes_of(raw: Any) -> list[str]:
    """The footnote ids attached to an answer (``[]`` for a bare value)."""
    if isinstance(raw, dict):
        found = raw.get("footnotes") or []
        if isinstance(found, str):
            found = [part for part in re.split(r"[,\s]+", found) if part]
        return [str(note) for note in found]
    return []


def noted(value: Any, footnotes: list[str]) -> Any:
    """The draft spelling of a value with footnotes: the bare value when there are none."""
    if not footnotes:
        return value
    if value is None or value == "":
        return {"footnotes": list(footnotes)}
    return {"value": value, "footnotes": list(footnotes)}


def form_of(data: dict[str, Any]) -> FormType | None:
    raw = data.get("form")
    if raw is None:
        return None
    try:
        return FormType(str(raw).strip().upper().removeprefix("FORM").strip())
    except ValueError:
        return None


def row_kind(row: dict[str, Any]) -> str:
    """A row's kind, inferred as the model infers it when the draft does not say."""
    kind = row.get("kind")
    if kind in ("transaction", "holding"):
        return str(kind)
    return "transaction" if "transaction_date" in row or "code" in row else "holding"


def amount(raw: Any) -> Decimal | None:
    """An amount answer as a number, or None when it is missing or not a number."""
    try:
        return values.parse_decimal(plain(raw))
    except ValueError:
        return None


def day(raw: Any) -> date | None:
    try:
        return values.parse_date(plain(raw))
    except ValueError:
        return None


def show_amount(number: Decimal) -> str:
    """12345.5 -> "12,345.5": how amounts are typed and printed on the paper form."""
    whole, _, fraction = values.format_decimal(number).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def us_date(raw: Any) -> str | None:
    """A date as the prompts ask for it: ``2025-08-12`` -> ``08/12/2025`` (None: not a date)."""
    found = day(raw)
    return values.us_date(found) if found else None


class Answers:
    """The draft so far (plain data, as the YAML loader reads it), seen from one item of it.

    ``scope`` is the key path of the item a question belongs to: ``()`` for the filing itself,
    ``("reporting_owners", 0)`` for the first owner, ``("table_2", 1)`` for the second Table II
    row. Keys of questions are dotted paths inside that item (``address.state``).
    """

    def __init__(self, data: dict[str, Any], scope: Scope = ()) -> None:
        self.data = data
        self.scope = scope

    @property
    def item(self) -> dict[str, Any]:
        node: Any = self.data
        for part in self.scope:
            node = node[part]
        if not isinstance(node, dict):
            raise TypeError(f"{self.scope} is not an item of the draft")
        return node

    def has(self, key: str) -> bool:
        node: Any = self.item
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def get(self, key: str) -> Any:
        node: Any = self.item
        for part in key.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def value(self, key: str) -> Any:
        return plain(self.get(key))

    def set(self, key: str, value: Any) -> None:
        node = self.item
        *parents, last = key.split(".")
        for part in parents:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[last] = value

    def delete(self, key: str) -> None:
        node: Any = self.item
        *parents, last = key.split(".")
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)

    @property
    def form(self) -> FormType | None:
        return form_of(self.data)

    @property
    def table(self) -> str | None:
        return str(self.scope[0]) if self.scope and self.scope[0] in TABLES else None

    @property
    def index(self) -> int:
        return int(self.scope[1]) if len(self.scope) > 1 else 0

    @property
    def kind(self) -> str:
        return row_kind(self.item)

    def rows(self, table: str) -> list[dict[str, Any]]:
        rows = self.data.get(table)
        return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []

    def at(self, scope: Scope) -> Answers:
        return Answers(self.data, scope)


@dataclass(frozen=True)
class Choice:
    """One answer of a pick list: its text, the value stored, and what a filer may type for it.

    ``code`` (the EDGAR code, "S", "I", "CA") and ``keywords`` (plain words from the tables of
    ``generator.model.codes``: "sale", "indirect") find it, besides the words of ``title``.
    """

    title: str
    value: Any
    code: str = ""
    keywords: tuple[str, ...] = ()


def table_choices(table: Mapping[str, str]) -> list[Choice]:
    """A code table ("NY" -> "NEW YORK") as choices "NY — NEW YORK", with the places' synonyms."""
    return [
        Choice(f"{code} — {name}", code, code, PLACE_KEYWORDS.get(code, ()))
        for code, name in table.items()
    ]
