"""``book.yaml``: what a book of filings knows that the filings themselves do not say.

A book is a folder of ownership filings and drafts; everything here is optional. The file holds
the insiders (who became one on which day, for the Form 3 deadline), each issuer's fiscal year
end (for Form 5), stock splits and other adjustments to holdings, and the filing date of a
filing that carries none (a bare XML file; EDGAR's ``.txt`` submissions carry their own). It is
read with the same safe YAML loader as drafts, and its mistakes are reported the same way: the
file, the key path and the line (docs/book.md says what each key means).

The settings are plain frozen dataclasses, so that a book without a book.yaml never imports
pydantic; pydantic validates them (through its protocol for stdlib dataclasses and the
``__get_pydantic_core_schema__`` hooks below) only when a book.yaml is read or its JSON Schema
is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from generator.model import values
from generator.support.errors import DraftError, DraftProblem, Place

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
    from pydantic_core import CoreSchema

#: The name of the file in a book's folder.
FILE_NAME = "book.yaml"

#: Every class: unknown keys are mistakes, and docstrings under fields describe them.
_CONFIG = {"extra": "forbid", "use_attribute_docstrings": True}


class _Checked:
    """A field's own check, run before pydantic's (pydantic's metadata protocol: nothing of
    pydantic is imported until a book.yaml is validated), and what its JSON Schema adds."""

    def __init__(self, check: Callable[[Any], Any], schema: dict[str, Any]) -> None:
        self.check = check
        self.schema = schema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        described = dict(handler(schema))
        described.pop("type", None)
        described.update(self.schema)
        return described


def _fiscal_year_end(raw: object) -> str:
    text = str(raw).strip() if isinstance(raw, (str, int)) else ""
    try:
        month, day = (int(part) for part in text.split("-"))
        date(2000, month, day)  # a leap year: 02-29 is allowed
    except ValueError:
        raise ValueError(
            f"{raw!r} is not a month and day: write the last day of the fiscal year as MM-DD "
            "(12-31, 06-30); quote it if YAML reads it otherwise"
        ) from None
    return f"{month:02d}-{day:02d}"


_NUMBER = r"([0-9]+(?:\.[0-9]+)?)"
_RATIO = re.compile(rf"^\s*{_NUMBER}\s*(?:-\s*for\s*-|for|:|/)\s*{_NUMBER}\s*$")


def _ratio(raw: object) -> object:
    """A split's ratio as a number, also written "2-for-1", "2:1" or "1/10" (new per old)."""
    if isinstance(raw, str) and (found := _RATIO.match(raw.casefold())):
        new, old = Decimal(found.group(1)), Decimal(found.group(2))
        if old == 0:
            raise ValueError(f"{raw!r}: the second number of a ratio cannot be 0")
        return new / old
    return raw


Cik = Annotated[
    str,
    _Checked(
        values.parse_cik,
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\s*[0-9]{1,10}\s*$"},
                {"type": "integer", "minimum": 0, "maximum": 9999999999},
            ],
            "description": "A CIK: up to 10 digits, leading zeros optional",
        },
    ),
]
Day = Annotated[
    date,
    _Checked(
        lambda raw: values.parse_date(raw),
        {"type": "string", "format": "date", "description": "A date, YYYY-MM-DD"},
    ),
]
Ratio = Annotated[
    Decimal,
    _Checked(
        _ratio,
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": _RATIO.pattern},
            ],
            "description": 'New shares per old: 2, "2-for-1", "2:1"; 0.1 or "1-for-10" for a '
            "reverse split",
        },
    ),
]
MonthDay = Annotated[
    str,
    _Checked(
        _fiscal_year_end,
        {"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
    ),
]


@dataclass(frozen=True)
class Insider:
    """A reporting owner of an issuer, and the day they became an insider (Form 3: 10 days)."""

    __pydantic_config__ = _CONFIG

    cik: Cik
    """The reporting owner's CIK."""
    issuer: Cik
    """The issuer's CIK."""
    name: str | None = None
    """The owner's name, for people reading the file."""
    since: Day | None = None
    """The event that made them an insider (appointment, election, crossing 10%)."""
    until: Day | None = None
    """The day they stopped being one (no more Form 4s; a last Form 5 may be due)."""


@dataclass(frozen=True)
class Issuer:
    """What the book knows of an issuer: its fiscal year end, as MM-DD (Form 5: 45 days)."""

    __pydantic_config__ = _CONFIG

    cik: Cik
    """The issuer's CIK."""
    name: str | None = None
    """The issuer's name, for people reading the file."""
    fiscal_year_end: MonthDay = "12-31"
    """The last day of the issuer's fiscal year, as MM-DD (default 12-31)."""

    def year_end(self, year: int) -> date:
        """The last day of the fiscal year that ends in calendar year ``year``."""
        month, day = (int(part) for part in self.fiscal_year_end.split("-"))
        if month == 2 and day == 29:
            day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
        return date(year, month, day)


@dataclass(frozen=True)
class Adjustment:
    """A change to holdings that no filing reports: a stock split, a reverse split, a stock
    dividend (a ratio applied to every holding of the security on ``date``), or a number of
    shares added or taken away (a correction, say)."""

    __pydantic_config__ = _CONFIG

    date: Day
    """The day it takes effect: figures dated before it are adjusted, figures dated on or after
    it already include it."""
    issuer: Cik
    """The issuer's CIK."""
    security: str
    """The security's title as the filings write it (case and spacing do not matter); a ratio
    also adjusts derivative securities whose underlying security this is."""
    reason: str
    """Why: shown beside every figure it adjusts (for example "2-for-1 split")."""
    ratio: Ratio | None = None
    """Multiply every holding by this (2 for a 2-for-1 split, 0.1 for a 1-for-10 reverse
    split)."""
    shares: Decimal | None = None
    """Or add this many (negative: take away)."""
    owner: Cik | None = None
    """Only this owner's holdings (every owner's when absent)."""

    def __post_init__(self) -> None:
        if (self.ratio is None) == (self.shares is None):
            raise ValueError("give either ratio: (a split) or shares: (a number added), not both")
        if self.ratio is not None and self.ratio <= 0:
            raise ValueError("ratio: must be more than 0 (2 for a 2-for-1 split)")


@dataclass(frozen=True)
class Settings:
    """The whole of ``book.yaml``."""

    __pydantic_config__ = _CONFIG

    insiders: list[Insider] = field(default_factory=list)
    """Who is an insider of which issuer, and since when."""
    issuers: list[Issuer] = field(default_factory=list)
    """Each issuer's fiscal year end."""
    adjustments: list[Adjustment] = field(default_factory=list)
    """Splits, reverse splits, stock dividends and corrections that no filing reports."""
    filed: dict[str, Day] = field(default_factory=dict)
    """File (relative to the book's folder) -> the day EDGAR filed it, for files that do not
    say (a bare XML document)."""

    def issuer(self, cik: str) -> Issuer | None:
        number = int(cik)
        return next((i for i in self.issuers if int(i.cik) == number), None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of book.yaml, for editors (``sec16 schema --book``)."""
    from pydantic import TypeAdapter

    schema: dict[str, Any] = _one_line(TypeAdapter(Settings).json_schema())
    schema["title"] = "sec16 book.yaml"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def _one_line(schema: Any) -> Any:
    """The schema with each description on one line (they come from wrapped docstrings)."""
    if isinstance(schema, dict):
        return {
            key: " ".join(value.split()) if key == "description" else _one_line(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_one_line(item) for item in schema]
    return schema


class SettingsError(DraftError):
    """A book.yaml with mistakes: each at its key path and line."""

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return f"{self.source}: {self.problems[0]}"
        head = f"{self.source}: {len(self.problems)} problems:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


def load_settings(folder: Path) -> Settings:
    """The folder's book.yaml, or empty settings when there is none.

    Raises DraftError (a SettingsError) naming book.yaml, the key path and the line of each
    mistake.
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return Settings()
    from pydantic import TypeAdapter, ValidationError

    from generator.formats.draft import located_errors, parse_yaml_file

    data, lines = parse_yaml_file(path)
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise SettingsError(
            str(path),
            [
                DraftProblem(
                    Place("(top)", 1),
                    "should be a group of keys (insiders:, issuers:, adjustments:, filed:); "
                    "see docs/book.md",
                )
            ],
        )
    try:
        return TypeAdapter(Settings).validate_python(data)
    except ValidationError as err:
        found = located_errors(_as_book(err), data, lines, str(path))
        for problem in found.problems:
            problem.message = problem.message.replace("docs/drafts.md", "docs/book.md")
        raise SettingsError(str(path), found.problems) from None


def _as_book(err: ValidationError) -> ValidationError:
    """The errors as the draft loader words them: a dataclass's unknown key is pydantic's
    ``unexpected_keyword_argument``, a model's ``extra_forbidden``."""
    from pydantic_core import InitErrorDetails, ValidationError

    details: list[InitErrorDetails] = []
    for error in err.errors():
        kind = error["type"]
        detail: InitErrorDetails = {
            "type": "extra_forbidden" if kind == "unexpected_keyword_argument" else kind,
            "loc": error["loc"],
            "input": error["input"],
        }
        if "ctx" in error:
            detail["ctx"] = error["ctx"]
        details.append(detail)
    return ValidationError.from_exception_data(err.title, details)
