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

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache, lru_cache
from typing import Any, Literal, NamedTuple

from generator.model.values import us_date

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


def library_closed(day: date) -> bool:
    """Does the ``holidays`` library list a federal holiday (on its observed day too) or a
    full-day federal government closing on ``day``? A half-day closing does not count. The first
    call imports the library (~0.2 s); ``tools/make_holidays.py`` writes the table from it.
    """
    return any("half-day" not in name.lower() for name in _holidays().get_list(day))


@cache
def _closed_weekdays(year: int) -> frozenset[date] | None:
    """The weekdays of ``year`` EDGAR is closed, from ``generator/checks/holiday_table.py``; None
    for a
    year the table does not cover."""
    from generator.checks.holiday_table import CLOSED, FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return frozenset(date.fromisoformat(f"{year}-{day}") for day in CLOSED[year].split())


def is_holiday(day: date) -> bool:
    """Is ``day`` a weekday on which EDGAR is closed: a federal holiday or its observed day, or a
    full-day federal government closing (a half-day closing is not)?

    Years in ``generator/checks/holiday_table.py`` (2000-2040, dates only, written from the
    ``holidays``
    library by ``tools/make_holidays.py`` and checked against it by tests/test_holidays.py) are
    read from that table, so that ``sec16 validate`` does not pay for importing the library;
    other years ask the library, imported then.
    """
    if day.weekday() >= 5:
        return False
    closed = _closed_weekdays(day.year)
    if closed is None:
        return library_closed(day)
    return day in closed


@cache
def is_business_day(day: date) -> bool:
    """Monday to Friday and not a federal holiday or full-day federal government closing."""
    return day.weekday() < 5 and not is_holiday(day)


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


# --- one answer to "when is it due, and how late is it?" --------------------------------------


@lru_cache(maxsize=64)  # one moment for all the files of a command
def moment_text(moment: date | datetime) -> str:
    """When a filing is (or would be) made, as a sentence says it: at 12/05/2026 14:06 Eastern."""
    if isinstance(moment, datetime):
        local = moment.astimezone(eastern()) if moment.tzinfo else moment
        return f"at {us_date(local)} {local:%H:%M} Eastern time"
    return f"on {us_date(moment)}"


@dataclass(frozen=True)
class Deadline:
    """When a Form 3, 4 or 5 is due and, filed at ``moment``, how late it is.

    ``validate`` (the rule ``filing-late``), ``build``, ``package`` and the guided session all
    take it from ``deadline``, so that they never disagree.
    """

    form: str
    start: date
    due: date
    why: str
    moment: date | datetime
    #: The day EDGAR deems a filing made at ``moment`` filed (10 p.m. rule, holidays).
    filed: date
    #: Business days after the due date (0: in time).
    late: int

    @property
    def deemed(self) -> str:
        """Why the filing day is not the calendar day of ``moment`` ('' when it is)."""
        moment = self.moment
        day = moment.date() if isinstance(moment, datetime) else moment
        if self.filed == day:
            return ""
        return (
            " (EDGAR dates a submission made after 10 p.m. Eastern, or on a weekend or holiday, "
            f"on the next business day: {us_date(self.filed)})"
        )

    def sentence(self, when: str = "filed") -> str:
        """One line for a person: the due date, why, and in time or how late."""
        head = f"Form {self.form} due on {us_date(self.due)} ({self.why})"
        moment = moment_text(self.moment)
        if self.late:
            return (
                f"{head}. {when.capitalize()} {moment}{self.deemed}, it is {self.late} business "
                "day(s) late: file it as soon as possible (the issuer discloses late filings in "
                "its proxy statement)."
            )
        left = business_days_between(self.filed, self.due)
        spare = f", {left} business day(s) before the due date" if left else ", on the due date"
        return f"{head}. {when.capitalize()} {moment}{self.deemed}, it is in time{spare}."


@lru_cache(maxsize=4096)  # a batch filed at one moment asks about the same few days
def deadline(form: str, start: date, moment: date | datetime, how: str = "executed") -> Deadline:
    """The deadline of a Form ``form`` ("3", "4" or "5", not amended) counted from ``start``.

    ``start`` is, for a Form 4, the day the earliest transaction was executed (or deemed
    executed: ``how``); for a Form 3, the event that made the owner an insider; for a Form 5,
    the end of the fiscal year. Raises ValueError (or OverflowError) for a date at the end of
    the calendar.
    """
    if form == "4":
        due = form4_due(start)
        why = f"two business days after the transaction {how} on {us_date(start)}"
    elif form == "3":
        due = form3_due(start)
        why = f"10 days after the event of {us_date(start)} that made the owner an insider"
    elif form == "5":
        due = form5_due(start)
        why = f"45 days after the fiscal year ended {us_date(start)}"
    else:
        raise ValueError(f"Form {form} has no deadline of its own")
    filed = filing_date(moment)
    late = business_days_between(due, filed) if filed > due else 0
    return Deadline(form, start, due, why, moment, filed, late)


# --- the cooling-off period of a Rule 10b5-1 plan ------------------------------------------------

#: Plans adopted (or modified) from this day on have a cooling-off period (Release 33-11138,
#: effective February 27, 2023).
COOLING_OFF_SINCE = date(2023, 2, 27)


@dataclass(frozen=True)
class CoolingOff:
    """Rule 10b5-1(c)(1)(ii)(B): when trading under a plan adopted on ``adopted`` may begin.

    A director or officer (B)(1): the later of 90 days after adoption and two business days
    after the issuer discloses its financial results in a Form 10-Q or 10-K for the fiscal
    quarter in which the plan was adopted, at most 120 days after adoption. Anyone else (B)(2):
    30 days. sec16 does not know the date of the 10-Q or 10-K: for a director or officer the
    period runs at least until ``earliest`` and at most until ``latest``; a trade before
    ``earliest`` is certainly inside it, one before ``latest`` perhaps.
    """

    adopted: date
    director_or_officer: bool
    earliest: date
    latest: date

    @property
    def which(self) -> str:
        if self.director_or_officer:
            return "Rule 10b5-1(c)(1)(ii)(B)(1), for directors and officers"
        return "Rule 10b5-1(c)(1)(ii)(B)(2), for persons other than directors and officers"

    @property
    def how(self) -> str:
        """How the period is computed, in words."""
        if self.director_or_officer:
            earliest, latest = us_date(self.earliest), us_date(self.latest)
            return (
                f"the later of 90 days after adoption ({earliest}) and 2 business days after the "
                "issuer discloses its results in the Form 10-Q or 10-K for the fiscal quarter of "
                f"adoption, but at most 120 days after adoption ({latest}); sec16 does not know "
                "the date of that 10-Q or 10-K, so the period runs at least until "
                f"{earliest} and at most until {latest}"
            )
        return f"30 days after adoption: it runs until {us_date(self.earliest)}"

    def covers(self, day: date) -> Literal["inside", "perhaps"] | None:
        """Is a trade on ``day`` inside the period ("inside"), perhaps inside, or after it?"""
        if day < self.adopted:
            return None  # before the plan: another rule says so
        if day < self.earliest:
            return "inside"
        if day < self.latest:
            return "perhaps"
        return None

    def summary(self) -> str:
        """One sentence for the session: which period applies and until when."""
        return f"Cooling-off period ({self.which}): {self.how}."


def cooling_off(adopted: date, director_or_officer: bool) -> CoolingOff | None:
    """The cooling-off period of a plan adopted on ``adopted`` (None before the rule existed)."""
    if adopted < COOLING_OFF_SINCE:
        return None
    try:
        if director_or_officer:
            return CoolingOff(
                adopted, True, adopted + timedelta(days=90), adopted + timedelta(days=120)
            )
        thirty = adopted + timedelta(days=30)
        return CoolingOff(adopted, False, thirty, thirty)
    except OverflowError:
        return None


class PlanFinding(NamedTuple):
    """A date problem of a trade under a Rule 10b5-1 plan: the rule id and its sentence.

    ``certain`` is False for a trade that is inside the cooling-off period only if the issuer's
    10-Q or 10-K came late (a director's or officer's trade 90 to 120 days after adoption).
    """

    rule: str
    message: str
    certain: bool = True


def plan_findings(
    adopted: date, day: date, director_or_officer: bool, where: str
) -> list[PlanFinding]:
    """What is wrong with a trade on ``day`` under a plan adopted on ``adopted``: adopted after
    the trade (``aff10b5-adopted-after``), or traded inside the cooling-off period
    (``aff10b5-cooling-off``). ``where`` names where the adoption date was read ("footnote
    F4"). The rules and the guided session both say these sentences.
    """
    if day < adopted:
        return [
            PlanFinding(
                "aff10b5-adopted-after",
                f"The transaction of {us_date(day)} is marked as made under the Rule 10b5-1 plan "
                f"of {where}, which was adopted on {us_date(adopted)}, after it: a plan covers "
                "only trades made after its adoption. Correct the adoption date or the "
                "transaction date, or do not mark this transaction as made under the plan.",
            )
        ]
    period = cooling_off(adopted, director_or_officer)
    covered = period.covers(day) if period is not None else None
    if period is None or covered is None:
        return []
    if covered == "inside":
        verdict = f"the transaction of {us_date(day)} is inside it"
    else:
        verdict = (
            f"the transaction of {us_date(day)} is inside it unless the issuer filed that 10-Q "
            f"or 10-K at least 2 business days before {us_date(day)}"
        )
    return [
        PlanFinding(
            "aff10b5-cooling-off",
            f"The Rule 10b5-1 plan of {where} was adopted on {us_date(adopted)}; its cooling-off "
            f"period ({period.which}) is {period.how}: {verdict}. A trade inside the cooling-off "
            "period does not have the rule's affirmative defense; check the dates, and whether "
            "the trade was made under this plan.",
            covered == "inside",
        )
    ]
