"""Parsers for the values a filer types: CIKs, dates, numbers, codes.

Declared once and used everywhere a value enters sec16: the YAML draft loader (through the
model's validators), the guided session's per-answer checks and the importer. Each parser
raises ``ValueError`` with a sentence a paralegal understands; callers add the place.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

CIK_PATTERN = re.compile(r"[0-9]{1,10}")
FOOTNOTE_ID_PATTERN = re.compile(r"F[1-9][0-9]?")
ZIP_PATTERN = re.compile(r"[0-9A-Za-z #-]*")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
#: EDGAR's disseminated XML sometimes carries an XML Schema time-zone suffix (2021-09-30-05:00).
_ISO_DATE_TZ = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})")

#: The largest value the schema's decimal type allows (v5.5 common schema, POSITIVE_DECIMAL).
MAX_DECIMAL = Decimal("999999999999.9999")
MAX_FRACTION_DIGITS = 4


def parse_cik(text: object) -> str:
    """A Central Index Key: 1 to 10 digits; leading zeros are allowed but not needed (§4.3.1)."""
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError("a CIK is a number of up to 10 digits, such as 0001234567")
    cik = str(text).strip()
    if not CIK_PATTERN.fullmatch(cik):
        raise ValueError(
            f"{cik!r} is not a CIK: a CIK is 1 to 10 digits (for example 0001234567), "
            "as shown on the SEC's EDGAR company search"
        )
    return cik


_SCHEMA_VERSION = re.compile(r"X0[0-9]{3}")


def parse_schema_version(text: str) -> str:
    """A schemaVersion as EDGAR writes it: X and four digits (X0306, X0609)."""
    version = text.strip().upper()
    if not _SCHEMA_VERSION.fullmatch(version):
        raise ValueError(
            f"{text!r} is not a schema version: EDGAR writes X and four digits, such as X0609 "
            "(leave schema_version out of a new filing: EDGAR inserts it)"
        )
    return version


def us_date(day: date) -> str:
    """12/31/2013: a date as the forms print it and a filer reads it (Month/Day/Year)."""
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def parse_date(text: object, *, allow_timezone: bool = False) -> date:
    """A date as YYYY-MM-DD, or MM/DD/YYYY as printed on the paper form."""
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise ValueError("a date is written YYYY-MM-DD (or MM/DD/YYYY)")
    raw = text.strip()
    match = _ISO_DATE.fullmatch(raw) or (allow_timezone and _ISO_DATE_TZ.fullmatch(raw))
    if match:
        year, month, day = (int(g) for g in match.groups())
    elif us := _US_DATE.fullmatch(raw):
        month, day, year = (int(g) for g in us.groups())
    else:
        raise ValueError(f"{raw!r} is not a date: write it as YYYY-MM-DD or MM/DD/YYYY")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_impossible_date(raw, year, month, day, us_order=not match)) from None


_MONTHS = calendar.month_name[1:]


def _impossible_date(raw: str, year: int, month: int, day: int, *, us_order: bool) -> str:
    """Why a date written in a known shape does not exist, and the likely date meant."""
    head = f"{raw!r} is not a real calendar date"
    if not 1 <= month <= 12:
        try:
            swapped = date(year, day, month)  # day and month typed the other way round
        except ValueError:
            guess = ""
        else:
            guess = f"; did you mean {us_date(swapped) if us_order else swapped.isoformat()}?"
        return f"{head} (month {month} does not exist): dates are MM/DD/YYYY or YYYY-MM-DD{guess}"
    if year < 1:
        return f"{head}: there is no year {year}; dates are MM/DD/YYYY or YYYY-MM-DD"
    last = calendar.monthrange(year, month)[1]
    return f"{head} ({_MONTHS[month - 1]} {year} has {last} days)"


#: Digits with an optional decimal point: 1000, 12.50, .5, 1000.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)")
#: Thousands separators, only between groups of three digits before the decimal point.
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
#: 1.000,5 or 1.234.567,89: dots between thousands and a decimal comma.
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
#: 12,50 or 1,5 or 0,0025: a decimal comma (the part after it is not a group of three).
_DECIMAL_COMMA = re.compile(r"\d+,(?:\d{1,2}|\d{4,})")


def _comma_problem(raw: str) -> str:
    """Why a number with a comma that is not a thousands separator is refused, and what the
    filer probably meant (``raw`` is the number as typed, without a dollar sign or sign)."""
    if _DECIMAL_COMMA.fullmatch(raw):
        meant = raw.replace(",", ".")
        return f"{raw!r}: a comma cannot be a decimal point here; did you mean {meant}?"
    if _DOTTED_THOUSANDS.fullmatch(raw):
        meant = raw.replace(".", "").replace(",", ".")
        return f"{raw!r}: a comma cannot be a decimal point here; did you mean {meant}?"
    if ",," in raw:
        return (
            f"{raw!r} has two commas in a row: a comma separates thousands, as in 1,000 or "
            "12,345,678.25; write the number again"
        )
    if raw.startswith(","):
        guess = f"; did you mean 0.{raw[1:]}?" if re.fullmatch(r",\d+", raw) else ""
        return f"{raw!r} starts with a comma: a number starts with a digit{guess}"
    if raw.endswith(","):
        return f"{raw!r} ends with a comma: write the number without it ({raw.rstrip(',')})"
    whole = raw.partition(".")[0]
    if "," in raw.partition(".")[2]:
        return (
            f"{raw!r}: a comma cannot come after the decimal point; commas only separate "
            "thousands before it, as in 12,345,678.25"
        )
    return (
        f"{raw!r}: a comma separates thousands only before a group of exactly three digits, "
        f"as in 1,000 or 12,345,678.25; write it again, or without commas "
        f"({whole.replace(',', '')}{raw[len(whole) :]} if that is the number)"
    )


def parse_number_text(text: str) -> Decimal:
    """The one reading of an amount, price or share count as a filer types it.

    Accepted: digits with an optional decimal point (``12.50``, ``.5``), a leading ``$``, and
    commas as thousands separators between groups of three digits before the decimal point
    (``1,000``, ``12,345,678.25``). Any other comma is refused with a sentence that says what
    was probably meant (``12,50``: did you mean 12.50?), because reading it either way would put
    a number in the filing that the filer did not write. The digits reach the XML as typed:
    ``12.50`` stays ``12.50``.
    """
    raw = text.strip()
    sign = raw[:1] if raw[:1] in "+-" else ""
    body = raw[len(sign) :].strip()
    body = body.removeprefix("$").strip()
    if not sign and body[:1] in ("+", "-"):  # $-5
        sign, body = body[0], body[1:].strip()
    number = sign + body
    if _PLAIN_NUMBER.fullmatch(number):
        return Decimal(number)
    if _GROUPED_NUMBER.fullmatch(number):
        return Decimal(number.replace(",", ""))
    if "," in body and re.fullmatch(r"[\d,.]+", body):
        raise ValueError(_comma_problem(body))
    if re.fullmatch(r"\d+(?:\.\d+){2,}", body):
        meant = body.replace(".", "")
        raise ValueError(
            f"{raw!r} has more than one decimal point; did you mean {meant}? "
            "(thousands are separated with commas: 1,000)"
        )
    raise ValueError(f"{raw!r} is not a number (write digits, e.g. 1,250 or 12.50)")


def parse_decimal(text: object) -> Decimal:
    """A non-negative amount with at most 4 decimals, as EDGAR's decimal type accepts.

    Thousands separators and a leading dollar sign are accepted because that is how the paper
    form and brokers' confirmations print amounts; they never reach the XML. Text is read by
    ``parse_number_text``, the one reading of a typed number.
    """
    if isinstance(text, bool):
        raise ValueError("a number is expected here, not true/false")
    if isinstance(text, Decimal):
        number = text
    elif isinstance(text, int):
        number = Decimal(text)
    elif isinstance(text, str):
        number = parse_number_text(text)
    elif isinstance(text, dict):
        raise ValueError(
            "a number is expected here, not a group of keys; a value with footnotes is "
            "written {value: 12.50, footnotes: [F1]}"
        )
    elif isinstance(text, list):
        raise ValueError("a number is expected here, not a list")
    else:
        raise ValueError("a number is expected here")
    try:
        if not number.is_finite():
            raise ValueError("a number is expected here")
    except InvalidOperation:  # pragma: no cover - Decimal signals are not trapped here
        raise ValueError("a number is expected here") from None
    if number < 0:
        raise ValueError(
            f"{number} is negative: amounts on Forms 3, 4 and 5 are never negative; "
            "use acquired (A) or disposed (D) to give the direction"
        )
    if number > MAX_DECIMAL:
        raise ValueError(f"{number} is larger than EDGAR accepts (999,999,999,999.9999)")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_FRACTION_DIGITS:
        stripped = number.normalize()
        exp2 = stripped.as_tuple().exponent
        if isinstance(exp2, int) and exp2 < -MAX_FRACTION_DIGITS:
            raise ValueError(f"{number} has more than 4 decimals, which EDGAR does not accept")
        number = stripped
    return number


def spell_decimal(number: Decimal) -> str:
    """An amount as the filer (or the original filing) wrote it: plain digits, no exponent.

    ``Decimal`` keeps the digits it was given, so ``17500.00`` stays ``17500.00``: the SEC's
    stylesheets show it as ``17,500.00`` and ``17500`` as ``17,500``, and one decimal (``223.2``)
    as ``223.20``. Writing back what was written is the only way EDGAR shows what was meant.
    """
    return format(number, "f")


#: A number as XPath 1.0's number() reads one: digits with at most one point, an optional
#: minus, no plus and no exponent (anything else is NaN, which the stylesheets print as written).
_XPATH_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def edgar_shows(spelled: str, form: str) -> str:
    """What EDGAR prints for a number written ``spelled`` in a ``value`` of a Form ``form``
    ("3", "4" or "5"; an amendment as its form): the SEC stylesheets' ``value`` template.

    Form 3 (3_X06, 3_X07): ``format-number(., '###,##0.####')`` for every number. Forms 4 and 5
    (X06 to X09): one decimal is printed with two (``223.2`` as ``223.20``), no decimal or
    several with at most four (``17500.00`` as ``17,500``), a number ending in its point
    (``12.``) with nothing at all; on a Form 4 any zero is ``0``. What XPath does not read as a
    number is printed as written. ``format-number`` rounds the XPath double, so ``1.23456``
    shows as ``1.2346``. A fifth decimal of exactly 5 is a tie that XSLT processors settle
    differently (libxslt rounds ``0.12345`` down, the double is a hair above it); it is
    rounded here by the double's exact value, half to even.

    The one answer for the preview (what the page shows) and ``compare`` (whether two
    spellings show alike).
    """
    if not _XPATH_NUMBER.fullmatch(spelled):
        return spelled
    if form == "3":
        return _format_number(spelled, 4, trim=True)
    if form == "4" and Decimal(spelled) == 0:
        return "0"
    _, point, decimals = spelled.partition(".")
    if point and not decimals:
        return ""
    if len(decimals) == 1:
        return _format_number(spelled, 2, trim=False)
    return _format_number(spelled, 4, trim=True)


def _format_number(spelled: str, places: int, *, trim: bool) -> str:
    """``format-number`` on the double XPath makes of ``spelled``: thousands separators and
    ``places`` decimals (``0.00``), or at most that many (``0.####``: ``trim``)."""
    double = float(spelled)
    exact = Decimal(double).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    text = f"{abs(exact):,.{places}f}"
    if trim:
        text = text.rstrip("0").rstrip(".")
    return f"-{text}" if double < 0 else text  # -0.00001 is printed -0, and -0 is 0


def format_decimal(number: Decimal) -> str:
    """An amount for a person to read: plain digits, no exponent, no needless trailing zeros."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


_FOOTNOTE_SEPARATORS = re.compile(r"[\s,]+")


def split_footnote_ids(text: str) -> list[str]:
    """Footnote references written on one line: ``F1, F2``, ``F1 F2`` and ``1,2`` alike.

    The draft loader and the guided session both read a line of references through this, so
    that what one accepts the other accepts too; each part is then ``parse_footnote_id``'s.
    """
    return [part for part in _FOOTNOTE_SEPARATORS.split(text.strip()) if part]


def parse_footnote_id(text: object) -> str:
    """A footnote reference: F1 … F99 (§4.3.5). A bare number 3 is read as F3."""
    if isinstance(text, bool):
        raise ValueError("a footnote is referred to as F1 … F99")
    if isinstance(text, int):
        text = f"F{text}"
    if not isinstance(text, str):
        raise ValueError("a footnote is referred to as F1 … F99")
    ident = text.strip()
    if ident.isdigit():
        ident = f"F{ident}"
    if not FOOTNOTE_ID_PATTERN.fullmatch(ident):
        raise ValueError(
            f"{ident!r} is not a footnote id: use a capital F and a number from 1 to 99 "
            "(F1, F2, … F99), without leading zeros"
        )
    return ident


def parse_bool(value: object) -> bool:
    """Yes/no answers: true/false, yes/no, 1/0 (EDGAR's XML uses both 0/1 and true/false).

    Reading takes every spelling; writing always uses 1/0 (``spell_bool``).
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in ("true", "yes", "y", "1", "x"):
            return True
        if word in ("false", "no", "n", "0", ""):
            return False
    if isinstance(value, dict):
        raise ValueError(
            "a yes/no box takes no footnotes and no other keys: write true or false alone"
        )
    if isinstance(value, list):
        raise ValueError("a yes/no box is one answer, not a list: write true or false")
    raise ValueError(f"{value!r} is not a yes/no answer: write true or false")


def spell_bool(flag: bool) -> str:
    """A box as the XML spells it: ``1`` or ``0``.

    The SEC's stylesheets, which EDGAR renders every filing with, test ``notSubjectToSection16>0``,
    ``isOther>0`` and ``equitySwapInvolved='1'``: a box written ``true`` is shown unticked. (The
    one box they read as a word, the non-U.S. address flag, is in ``xmlnames.WORD_BOXES``.)
    """
    return "1" if flag else "0"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_xml_characters(text: str, what: str) -> str:
    """XML 1.0 cannot carry control characters; EDGAR would refuse the document."""
    if bad := _NOT_XML.search(text):
        raise ValueError(
            f"{what} contains the control character U+{ord(bad.group()):04X}, which XML cannot "
            "carry; delete it (it often comes from copying out of a PDF)"
        )
    return text


def check_length(text: str, maximum: int, what: str) -> str:
    """EDGAR counts characters; a longer value is a schema violation (§5, SUSPENSE)."""
    if len(text) > maximum:
        raise ValueError(f"{what} is {len(text)} characters long; EDGAR allows at most {maximum}")
    return text
