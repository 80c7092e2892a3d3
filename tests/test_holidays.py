"""The holiday table (generator/checks/holiday_table.py, dates only) is what the ``holidays``
library says.

The table covers the years FIRST_YEAR to LAST_YEAR; deadlines.py asks the library for others.
"""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from types import ModuleType

import pytest
from conftest import REPO

from generator.checks import deadlines, holiday_table


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    """tools/make_holidays.py, imported in-process."""
    spec = importlib.util.spec_from_file_location(
        "make_holidays", REPO / "tools" / "make_holidays.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tool_finds_no_difference_between_the_table_and_the_library(tool):
    assert (tool.FIRST_YEAR, tool.LAST_YEAR) == (holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR)
    assert tool.differences() == []
    assert (REPO / "generator" / "checks" / "holiday_table.py").read_text(
        encoding="utf-8"
    ) == tool.table_text()


def test_the_table_holds_the_weekdays_the_library_lists_and_no_others():
    """Every day of the covered years: closed in the table exactly when the library says so
    (federal holidays on their observed days, full-day closings; not half-day closings)."""
    day = date(holiday_table.FIRST_YEAR, 1, 1)
    while day.year <= holiday_table.LAST_YEAR:
        expected = day.weekday() < 5 and deadlines.library_closed(day)
        assert deadlines.is_holiday(day) == expected, day
        day += timedelta(days=1)


def test_observed_days_closings_and_half_days():
    closed = deadlines.is_holiday
    assert closed(date(2021, 12, 31))  # New Year's Day 2022 was a Saturday
    assert closed(date(2021, 7, 5))  # July 4th 2021 was a Sunday
    assert not closed(date(2021, 7, 4))  # the Sunday itself: a weekend, not a holiday
    assert closed(date(2023, 6, 19))  # Juneteenth, since 2021
    assert not closed(date(2019, 6, 19))
    assert closed(date(2018, 12, 5))  # national day of mourning (George H. W. Bush)
    assert closed(date(2019, 12, 24))  # Christmas Eve closed by executive order
    assert not closed(date(2015, 12, 24))  # a half-day closing
    assert not closed(date(2025, 10, 3))


def test_years_outside_the_table_ask_the_library():
    before, after = (
        date(holiday_table.FIRST_YEAR - 1, 7, 5),
        date(holiday_table.LAST_YEAR + 1, 7, 4),
    )
    assert deadlines._closed_weekdays(before.year) is None
    assert deadlines._closed_weekdays(after.year) is None
    assert deadlines.is_holiday(before)  # 1999: July 4th a Sunday, observed on Monday the 5th
    assert deadlines.is_holiday(after)  # 2041: a Thursday
    assert not deadlines.is_business_day(after)
    assert deadlines.form4_due(date(holiday_table.LAST_YEAR + 1, 7, 3)) == date(2041, 7, 8)
