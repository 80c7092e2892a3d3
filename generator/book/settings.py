"""``book.yaml``: what a book of filings knows that the filings themselves do not say.

A book is a folder of ownership filings and drafts; everything here is optional. The file holds
the insiders (who became one on which day, for the Form 3 deadline), each issuer's fiscal year
end (for Form 5), stock splits and other adjustments to holdings, and the filing date of a
filing that carries none (a bare XML file; EDGAR's ``.txt`` submissions carry their own). It is
read with the same safe YAML loader as drafts, and its mistakes are reported the same way: the
file, the key path and the line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from generator.model import values

#: The name of the file in a book's folder.
FILE_NAME = "book.yaml"

Cik = Annotated[str, Field(description="A CIK: up to 10 digits, leading zeros optional")]


def _cik(raw: object) -> str:
    return values.parse_cik(raw)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Insider(_Strict):
    """A reporting owner of an issuer, and the day they became an insider (Form 3: 10 days)."""

    cik: Cik
    issuer: Cik
    name: str | None = None
    #: The event that made them an insider (appointment, election, crossing 10%).
    since: date | None = None
    #: The day they stopped being one (no more Form 4s; a last Form 5 may be due).
    until: date | None = None

    _check_cik = field_validator("cik", "issuer", mode="before")(_cik)


class Issuer(_Strict):
    """What the book knows of an issuer: its fiscal year end, as MM-DD (Form 5: 45 days)."""

    cik: Cik
    name: str | None = None
    fiscal_year_end: str = Field("12-31", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")

    _check_cik = field_validator("cik", mode="before")(_cik)

    def year_end(self, year: int) -> date:
        """The last day of the fiscal year that ends in calendar year ``year``."""
        month, day = (int(part) for part in self.fiscal_year_end.split("-"))
        if month == 2 and day == 29:
            day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
        return date(year, month, day)


class Adjustment(_Strict):
    """A change to holdings that no filing reports: a stock split, a reverse split, a stock
    dividend (a ratio applied to every holding of the security on ``date``), or a number of
    shares added or taken away (a correction, say)."""

    date: date
    issuer: Cik
    security: str
    #: Multiply every holding by this (2 for a 2-for-1 split, 0.1 for a 1-for-10 reverse split).
    ratio: Decimal | None = None
    #: Or add this many (negative: take away).
    shares: Decimal | None = None
    #: Only this owner's holdings (every owner's when absent).
    owner: Cik | None = None
    reason: str

    _check_cik = field_validator("issuer", "owner", mode="before")(_cik)

    @model_validator(mode="after")
    def _one_change(self) -> Adjustment:
        if (self.ratio is None) == (self.shares is None):
            raise ValueError("give either ratio: (a split) or shares: (a number added), not both")
        if self.ratio is not None and self.ratio <= 0:
            raise ValueError("ratio: must be more than 0 (2 for a 2-for-1 split)")
        return self


class Settings(_Strict):
    """The whole of ``book.yaml``."""

    insiders: list[Insider] = Field(default_factory=list)
    issuers: list[Issuer] = Field(default_factory=list)
    adjustments: list[Adjustment] = Field(default_factory=list)
    #: File (relative to the book's folder) -> the day EDGAR filed it, for files that do not say.
    filed: dict[str, date] = Field(default_factory=dict)

    def issuer(self, cik: str) -> Issuer | None:
        number = int(cik)
        return next((i for i in self.issuers if int(i.cik) == number), None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of book.yaml, for editors (``sec16 schema --book``)."""
    schema = Settings.model_json_schema()
    schema["title"] = "sec16 book.yaml"
    return schema


def load_settings(folder: Path) -> Settings:
    """The folder's book.yaml, or empty settings when there is none.

    Raises DraftError naming book.yaml, the key path and the line of each mistake.
    """
    path = folder / FILE_NAME
    if not path.is_file():
        return Settings()
    from generator.formats.draft import located_errors, parse_yaml_file

    data, lines = parse_yaml_file(path)
    try:
        return Settings.model_validate(data if data is not None else {})
    except ValidationError as err:
        raise located_errors(err, data, lines, str(path)) from None
