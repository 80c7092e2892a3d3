#!/usr/bin/env python3
"""Write generator/holiday_table.py: the days EDGAR is closed, from the ``holidays`` library.

``sec16 validate`` checks deadlines on every Form 3, 4 and 5, and importing the ``holidays``
library costs about 0.2 s, more than the rest of a single validation. The table holds the
same answers for the years filings are checked in; other years still ask the library.

    python tools/make_holidays.py          # rewrite the table
    python tools/make_holidays.py --check  # exit 1 if the table is not what this script writes

tests/test_speed.py checks the table against the installed library.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, timedelta
from pathlib import Path

from generator.deadlines import library_holiday_name

TABLE = Path(__file__).resolve().parents[1] / "generator" / "holiday_table.py"
FIRST_YEAR = 2000
LAST_YEAR = 2040


def closed_days(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> list[tuple[str, str]]:
    """Every weekday or weekend day with a federal holiday or a full-day closing, in order."""
    found = []
    day = date(first, 1, 1)
    while day.year <= last:
        if name := library_holiday_name(day):
            found.append((day.isoformat(), name))
        day += timedelta(days=1)
    return found


def table_text() -> str:
    rows = "".join(f"    ({json.dumps(day)}, {json.dumps(name)}),\n" for day, name in closed_days())
    return (
        '"""U.S. federal holidays and full-day federal government closings, '
        f"{FIRST_YEAR}-{LAST_YEAR}.\n\n"
        "Written by tools/make_holidays.py from the ``holidays`` library; do not edit by hand.\n"
        '"""\n\n'
        f"FIRST_YEAR = {FIRST_YEAR}\n"
        f"LAST_YEAR = {LAST_YEAR}\n\n"
        "HOLIDAYS: tuple[tuple[str, str], ...] = (\n"
        f"{rows}"
        ")\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    text = table_text()
    if args.check:
        if TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE} is stale: run python tools/make_holidays.py", file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
