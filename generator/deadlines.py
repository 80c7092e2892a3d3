"""When a Form 3, 4 or 5 is due, and on which day EDGAR deems a filing made.

* Form 4: before the end of the second business day after the transaction (Exchange Act
  §16(a)(2)(C); Rule 16a-3(g)(1)); for a transaction with a deemed execution date (Rule
  16a-3(g)(2), (3)), two business days after that date.
* Form 3: within 10 days after the event that makes the owner an insider (Rule 16a-3(a)).
* Form 5: within 45 days after the issuer's fiscal year end (Rule 16a-3(f)).
* A period of calendar days that ends on a Saturday, Sunday or holiday runs to the next
  business day (Exchange Act Rule 0-3(a)).
* A Form 3, 4 or 5 transmitted to EDGAR after 10 p.m. Eastern time, or on a day that is not a
  business day, is deemed filed on the next business day (Regulation S-T Rule 13(a)(4)).

Business days are the days EDGAR is open: Monday to Friday, except U.S. federal holidays (with
their observed days) and the days the federal government is closed by executive order (national
days of mourning, Christmas Eve in some years), as the maintained ``holidays`` library lists
them. A half-day closing is a business day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Any

#: EDGAR's clock: filings are timed in Eastern time.
EASTERN = "America/New_York"
#: A submission made after this time is filed on the next business day (Regulation S-T 13(a)(4)).
CUTOFF = time(22, 0)


@cache
def _holidays() -> Any:
    import holidays

    try:
        return holidays.country_holidays("US", categories=("public", "government"))
    except (ValueError, NotImplementedError):  # a holidays release without that category
        return holidays.country_holidays("US")


def library_holiday_name(day: date) -> str | None:
    """``holiday_name`` straight from the ``holidays`` library (slow to import: ~0.2 s)."""
    names = [n for n in _holidays().get_list(day) if "half-day" not in n.lower()]
    return "; ".join(names) or None


@cache
def _table() -> dict[date, str]:
    from generator.holiday_table import HOLIDAYS

    return {date.fromisoformat(day): name for day, name in HOLIDAYS}


def holiday_name(day: date) -> str | None:
    """The federal holiday or government closing on ``day``, or None (half-day closings: None).

    Years in ``generator/holiday_table.py`` (written from the ``holidays`` library by
    ``tools/make_holidays.py``, checked against it by the tests) are read from that table, so
    that ``sec16 validate`` does not pay for importing the library; other years ask the library.
    """
    from generator.holiday_table import FIRST_YEAR, LAST_YEAR

    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return _table().get(day)
    return library_holiday_name(day)


@cache
def is_business_day(day: date) -> bool:
    """Monday to Friday and not a federal holiday or full-day federal government closing."""
    return day.weekday() < 5 and holiday_name(day) is None


@cache
def _business_days_in_year(year: int) -> tuple[int, ...]:
    """Entry k: how many of the first k days of ``year`` are business days."""
    counts = [0]
    day = date(year, 1, 1)
    while day.year == year:
        counts.append(counts[-1] + is_business_day(day))
        day += timedelta(days=1)
    return tuple(counts)


def _business_days_through(day: date) -> int:
    """How many days of ``day``'s year, up to and including ``day``, are business days."""
    return _business_days_in_year(day.year)[day.timetuple().tm_yday]


def next_business_day(day: date) -> date:
    """The first business day after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def on_or_after(day: date) -> date:
    """``day`` itself if it is a business day, else the next one (Rule 0-3(a))."""
    return day if is_business_day(day) else next_business_day(day)


def add_business_days(day: date, count: int) -> date:
    """The ``count``-th business day after ``day``."""
    for _ in range(count):
        day = next_business_day(day)
    return day


@lru_cache(maxsize=4096)  # a batch asks about the same few due dates again and again
def business_days_between(start: date, end: date) -> int:
    """How many business days after ``start`` ``end`` is (0 when ``end`` is not later)."""
    if end <= start:
        return 0
    whole_years = sum(_business_days_in_year(year)[-1] for year in range(start.year, end.year))
    return whole_years + _business_days_through(end) - _business_days_through(start)


@cache
def eastern() -> tzinfo:
    """America/New_York; without a time-zone database, Eastern Standard Time (UTC-5)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(EASTERN)
    except Exception:  # ZoneInfoNotFoundError on a machine without tzdata
        from datetime import timezone

        return timezone(timedelta(hours=-5), "EST")


def now_eastern() -> datetime:
    """The present moment on EDGAR's clock."""
    return datetime.now(eastern())


def parse_as_of(text: str) -> date | datetime:
    """``--as-of``: a date (YYYY-MM-DD) or an ISO date-time; a time without a zone is Eastern."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw)
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date or a date-time: write YYYY-MM-DD, or for example "
            "2026-03-02T21:30 (Eastern time) or 2026-03-03T02:30+00:00"
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=eastern())
    try:
        return moment.astimezone(eastern())
    except OverflowError:  # 0001-01-01T00:00+00:00 is in year 0 in New York
        raise ValueError(
            f"{text!r} is outside the calendar in Eastern time; give a moment in the years "
            "1 to 9999"
        ) from None


@lru_cache(maxsize=64)
def filing_date(moment: date | datetime) -> date:
    """The day EDGAR deems a submission made at ``moment`` filed.

    A bare date is a business day's filing made in time. A date-time after 10 p.m. Eastern, or
    on a weekend or holiday, is filed on the next business day.
    """
    if isinstance(moment, datetime):
        local = moment.astimezone(eastern()) if moment.tzinfo else moment
        day = local.date()
        if local.time() > CUTOFF:
            return next_business_day(day)
        return on_or_after(day)
    return on_or_after(moment)


@lru_cache(maxsize=4096)
def form4_due(trigger: date) -> date:
    """A Form 4 for a transaction executed (or deemed executed) on ``trigger``."""
    return add_business_days(trigger, 2)


@lru_cache(maxsize=4096)
def form3_due(event: date) -> date:
    """A Form 3 for an event (becoming an insider) on ``event``."""
    return on_or_after(event + timedelta(days=10))


@lru_cache(maxsize=4096)
def form5_due(fiscal_year_end: date) -> date:
    """A Form 5 for the fiscal year ending on ``fiscal_year_end``."""
    return on_or_after(fiscal_year_end + timedelta(days=45))
