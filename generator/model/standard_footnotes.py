"""The footnotes filers most often need, written for them: one table of templates.

Each ``Template`` is a footnote in the filer's words with blanks (``{low}``, ``{date}``): what the
guided session asks to fill them, which rows it is offered on (transaction codes, direction,
table) and which value of the row it explains. The session (``session/footnotes.py``)
offers them and lets the filer edit the text before it is written; the
batch importer can fill the same table from a spreadsheet's columns. Nothing here asks a
question or imports the prompt library: this is the domain, not the prompt code.

``adoption_date`` reads the adoption date of a Rule 10b5-1 plan back from a footnote, the one
the session writes or one of another filer's words (a heuristic, which says what it looked for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, Literal

from generator.model import values

BlankKind = Literal["price", "date", "text"]


@dataclass(frozen=True)
class Blank:
    """A blank of a template that the filer fills in (the others come from the row)."""

    name: str
    prompt: str
    kind: BlankKind = "text"
    #: Offered as the answer when there is no earlier one.
    default: str = ""


@dataclass(frozen=True)
class Template:
    """One standard footnote: its words, its blanks, and where it belongs.

    ``codes`` and ``direction`` say on which transaction rows it is offered (no codes: it is
    written by another question, as the 10b5-1 plan's footnote is by the box's); ``attach`` is
    the row's value it is attached to (``price``: the weighted average; ``code``: the footnote
    explains the transaction as a whole).
    """

    key: str
    title: str
    offer: str
    text: str
    blanks: tuple[Blank, ...] = ()
    codes: tuple[str, ...] = ()
    direction: str | None = None
    tables: tuple[str, ...] = ("table_1", "table_2")
    attach: str = "code"

    def offered(self, table: str, code: str, direction: str) -> bool:
        """Is this template offered on a transaction row of ``table`` coded ``code``?"""
        return (
            table in self.tables
            and code.upper() in self.codes
            and (self.direction is None or direction.upper() == self.direction)
        )

    def fill(self, row_words: dict[str, str], answers: dict[str, str]) -> str:
        """The footnote's text with every blank filled in."""
        return self.text.format(**row_words, **answers)

    def read(self, text: str) -> dict[str, str] | None:
        """The blanks of a text written from this template (None: not written from it)."""
        match = _pattern(self).fullmatch(text.strip())
        return match.groupdict() if match else None


TEMPLATES: tuple[Template, ...] = (
    Template(
        "weighted-average",
        "a weighted average price",
        "Was this a weighted average of several trades?",
        "The price in {column} is a weighted average: the shares were {traded} in several "
        "transactions at prices from ${low} to ${high}, inclusive. The reporting person will "
        "give the issuer, any security holder of the issuer or the staff of the Securities and "
        "Exchange Commission, on request, full information on the number of shares {traded} at "
        "each separate price within that range.",
        (
            Blank("low", "Lowest price of those trades in $:", "price"),
            Blank("high", "Highest price of those trades in $:", "price"),
        ),
        codes=("S", "P"),
        attach="price",
    ),
    Template(
        "plan",
        "the Rule 10b5-1 plan's adoption date",
        "Tick the Rule 10b5-1(c) box (a transaction on this form was made under a trading plan)?",
        "The transactions reported on this Form were effected pursuant to a Rule 10b5-1 trading "
        "plan adopted by the Reporting Person on {date}.",
        (Blank("date", "Date the 10b5-1 plan was adopted (MM/DD/YYYY):", "date"),),
    ),
    Template(
        "exercise",
        "shares received on an exercise or conversion",
        "Add the usual footnote for shares received on an exercise or conversion?",
        "The reporting person received these shares on the {how} of the derivative security "
        "reported in Table II of this Form.",
        codes=("M", "C", "X", "O"),
        direction="A",
        tables=("table_1",),
    ),
    Template(
        "gift",
        "a gift",
        "Add the usual footnote for a gift (a bona fide gift, for no consideration)?",
        "The reporting person {gave_or_received} these {what} as a bona fide gift, for no "
        "consideration.",
        codes=("G",),
    ),
    Template(
        "tax-withholding",
        "shares withheld for tax",
        "Add the usual footnote for shares withheld to pay tax?",
        "These {what} were withheld by the issuer to pay the tax due on the {event}; none of them "
        "was sold on the market.",
        (
            Blank(
                "event",
                "What made the tax due (e.g. vesting of restricted stock units)?",
                default="vesting of restricted stock units",
            ),
        ),
        codes=("F",),
        direction="D",
    ),
)

BY_KEY: dict[str, Template] = {template.key: template for template in TEMPLATES}
PLAN = BY_KEY["plan"]
WEIGHTED_AVERAGE = BY_KEY["weighted-average"]


def row_words(table: str, code: str, direction: str) -> dict[str, str]:
    """The blanks a row fills by itself: the price column, sold or bought, the securities…"""
    code, direction = code.upper(), direction.upper()
    return {
        "column": "Column 4" if table == "table_1" else "Column 8",
        "traded": "bought" if code == "P" else "sold",
        "how": "conversion" if code == "C" else "exercise",
        "what": "shares" if table == "table_1" else "derivative securities",
        "gave_or_received": "received" if direction == "A" else "gave",
    }


def offered(table: str, code: str, direction: str) -> list[Template]:
    """The templates offered on a transaction row (at most one: their codes do not overlap)."""
    return [t for t in TEMPLATES if t.offered(table, code, direction)]


def which(text: str) -> Template | None:
    """The template a footnote's text was written from (None: the filer's own words)."""
    for template in TEMPLATES:
        if template.read(text) is not None:
            return template
    return None


def show_price(raw: Any) -> str:
    """A price as a footnote prints it: 1234.5 -> "1,234.50"."""
    number = values.parse_decimal(raw)
    whole, _, fraction = values.format_decimal(number).partition(".")
    return f"{int(whole):,}.{fraction.ljust(2, '0')}"


def check_range(low: Any, high: Any, price: Any = None) -> None:
    """Low and high prices of a weighted average: low <= high, and the average between them."""
    lowest, highest = values.parse_decimal(low), values.parse_decimal(high)
    if highest < lowest:
        raise ValueError(f"the highest price ({high}) is below the lowest ({low})")
    average: Decimal | None
    try:
        average = values.parse_decimal(price) if price not in (None, "") else None
    except ValueError:
        average = None
    if average is not None and not lowest <= average <= highest:
        raise ValueError(
            f"a weighted average of prices from {low} to {high} cannot be {price}; "
            "check the prices (or the price reported)"
        )


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(template: Template) -> re.Pattern[str]:
    found = _PATTERNS.get(template.key)
    if found is None:
        parts = re.split(r"\{(\w+)\}", template.text)
        regex, seen = "", set()
        for index, part in enumerate(parts):
            if index % 2 == 0:
                regex += re.escape(part)
            elif part in seen:
                regex += f"(?P={part})"
            else:
                seen.add(part)
                regex += f"(?P<{part}>.+?)"
        found = _PATTERNS[template.key] = re.compile(regex, re.DOTALL)
    return found


# --- the adoption date of a Rule 10b5-1 plan, read from a footnote ---------------------------

_PLAN_WORDS = r"10\s*b\s*5\s*[-\u2010-\u2015]?\s*1"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_DATE = (
    r"(?:(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<day>\d{1,2})"
    r"(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|(?P<us>\d{1,2}/\d{1,2}/\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
#: "adopted … on November 25, 2024", "entered into on 05/14/2026", in one sentence (no period
#: or semicolon between, other than a month's abbreviation's, which belongs to the date).
_AFTER = r"\b(?:adopt\w*|entered\s+into)\b[^.;]{0,120}?\b" + _DATE
#: "On March 3, 2025, the reporting person adopted …".
_BEFORE = _DATE + r"[^.;]{0,80}?\badopt\w*"
#: A plan modified or amended on a date: a modification is a new adoption for the cooling-off
#: period (Rule 10b5-1(c)(1)(iv)), so which date counts is not clear from words alone.
_MODIFIED = r"\b(?:modif\w*|amend\w*)\b[^.;]{0,80}?\b" + _DATE


@cache
def _regex(pattern: str) -> re.Pattern[str]:
    """Compiled on first use: the guided session imports this module before its first question."""
    return re.compile(pattern, re.IGNORECASE)


#: What ``adoption_date`` looks for, as messages say it.
HEURISTIC = (
    'a footnote that mentions Rule 10b5-1 and gives one date after "adopted" or "entered into" '
    '(or before "adopted") in the same sentence'
)


def _day(match: re.Match[str]) -> date | None:
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        if match.group("us"):
            return values.parse_date(match.group("us"))
        month = _MONTHS[match.group("month").lower()[:3]]
        return date(int(match.group("year")), month, int(match.group("day")))
    except (ValueError, KeyError):
        return None


@dataclass(frozen=True)
class Adoption:
    """A plan's adoption date read from a text, and the words it was read from."""

    day: date
    #: The words the date was read from; '' for the footnote the session writes (``PLAN``).
    phrase: str = ""

    def where(self, place: str) -> str:
        """``place`` ("footnote F4") and, for a heuristic's reading, what it looked for."""
        if not self.phrase:
            return place
        return f'{place} ("{self.phrase}": sec16 looked for {HEURISTIC})'


@lru_cache(maxsize=2048)  # a filer's footnotes come back, word for word, filing after filing
def find_adoption(text: str) -> Adoption | None:
    """The adoption date of the Rule 10b5-1 plan a footnote (or the remarks) gives, if any.

    The session's own footnote (``PLAN``) is read exactly. Another filer's words are read by a
    heuristic (``HEURISTIC``): the text mentions Rule 10b5-1, and one date follows "adopted" or
    "entered into" (or precedes "adopted") within the same sentence. Two different dates (two
    plans), or a date of modification (which restarts the cooling-off period), give None: the
    rules built on this date then stay silent rather than guess.
    """
    lowered = text.lower()
    if "adopt" not in lowered and "entered" not in lowered:
        return None  # the session's words say "adopted" too
    written = PLAN.read(text)
    if written is not None:
        try:
            return Adoption(values.parse_date(written["date"]))
        except ValueError:
            return None
    if not _regex(_PLAN_WORDS).search(text) or _regex(_MODIFIED).search(text):
        return None
    found = {(day, m.group(0)) for m in _regex(_AFTER).finditer(text) if (day := _day(m))}
    if not found:
        found = {(day, m.group(0)) for m in _regex(_BEFORE).finditer(text) if (day := _day(m))}
    days = {day for day, _ in found}
    if len(days) != 1:
        return None
    day, phrase = min(found, key=lambda item: len(item[1]))
    return Adoption(day, " ".join(phrase.split()))


def adoption_date(text: str) -> date | None:
    """``find_adoption``'s date alone."""
    found = find_adoption(text)
    return found.day if found is not None else None


def check_blank(
    template: Template, blank: Blank, text: str, filled: dict[str, str], price: Any = None
) -> str:
    """A blank's answer, checked, as the footnote prints it (raises ValueError with the reason).

    A price is printed with two decimals at least; a weighted average's lowest price is not
    above the price reported, its highest not below it nor below the lowest.
    """
    raw = text.strip()
    if blank.kind == "price":
        shown = show_price(raw)
        if template.key == WEIGHTED_AVERAGE.key:
            if blank.name == "low" and price not in (None, ""):
                check_range(raw, price, price)
            elif blank.name == "high" and "low" in filled:
                check_range(filled["low"], raw, price)
        return shown
    if blank.kind == "date":
        return values.us_date(values.parse_date(raw))
    if not raw:
        raise ValueError("this part of the footnote needs an answer")
    return raw
