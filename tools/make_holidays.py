#!/usr/bin/env python3
"""Write generator/checks/holiday_table.py: the weekdays EDGAR is closed, from the ``holidays``
library.

EDGAR is open on business days (Regulation S-T, Exchange Act Rule 0-3): Monday to Friday, except
U.S. federal holidays on the days they are observed (a holiday on a Saturday is observed on the
Friday before, one on a Sunday on the Monday after) and the days the federal government is closed
by executive order. ``sec16 validate`` checks deadlines on every Form 3, 4 and 5, and importing
the ``holidays`` library costs about 0.2 s, more than the rest of a single validation; so the
table holds the library's answers, dates only, for FIRST_YEAR to LAST_YEAR, and
generator/checks/deadlines.py asks the library itself (lazily) for any other year.

    python tools/make_holidays.py          # rewrite the table
    python tools/make_holidays.py --check  # exit 1, saying which dates differ, if the table
                                           # is not what the installed library says

tests/test_holidays.py runs the check in-process.
"""

from __future__ import annotations

import argparse
import ast
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from generator.checks.deadlines import library_closed  # noqa: E402

TABLE = REPO / "generator" / "checks" / "holiday_table.py"
#: The years the table covers: every Section 16 filing made on EDGAR (electronic filing became
#: mandatory in 2003) and its deadline, and some fifteen years ahead.
FIRST_YEAR = 2000
LAST_YEAR = 2040


def closed_weekdays(year: int) -> list[date]:
    """The weekdays of ``year`` on which the library lists a federal holiday or full-day closing."""
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and library_closed(day):
            found.append(day)
        day += timedelta(days=1)
    return found


def table_text() -> str:
    rows = "".join(
        f'    {year}: "{" ".join(f"{d:%m-%d}" for d in closed_weekdays(year))}",\n'
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    )
    return (
        f'"""The weekdays EDGAR is closed, {FIRST_YEAR}-{LAST_YEAR}: U.S. federal holidays on '
        "their observed\n"
        "days and full-day federal government closings, dates only.\n\n"
        "Written by tools/make_holidays.py from the ``holidays`` library; do not edit by hand.\n"
        "``python tools/make_holidays.py --check`` says whether it still agrees with the library.\n"
        "generator/checks/deadlines.py reads it; for other years it asks the library.\n"
        '"""\n\n'
        f"FIRST_YEAR = {FIRST_YEAR}\n"
        f"LAST_YEAR = {LAST_YEAR}\n\n"
        '#: Year -> its closed weekdays, "MM-DD", separated by spaces.\n'
        "CLOSED: dict[int, str] = {\n"
        f"{rows}"
        "}\n"
    )


def committed() -> dict[int, set[date]]:
    """The committed table's dates by year, read as text (not imported: it may be stale)."""
    tree = ast.parse(TABLE.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "CLOSED":
            assert node.value is not None
            table: dict[int, str] = ast.literal_eval(node.value)
            return {
                year: {date.fromisoformat(f"{year}-{md}") for md in days.split()}
                for year, days in table.items()
            }
    return {}


def differences() -> list[str]:
    """Where the committed table and the library disagree, one line a date or year."""
    table = committed()
    found = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year not in table:
            found.append(f"{year}: not in the table")
            continue
        library = set(closed_weekdays(year))
        found += [
            f"{d}: closed says the library, not the table" for d in sorted(library - table[year])
        ]
        found += [
            f"{d}: closed says the table, not the library" for d in sorted(table[year] - library)
        ]
    found += [
        f"{year}: in the table, outside {FIRST_YEAR}-{LAST_YEAR}"
        for year in sorted(table)
        if not FIRST_YEAR <= year <= LAST_YEAR
    ]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    if args.check:
        problems = differences()
        if problems or TABLE.read_text(encoding="utf-8") != table_text():
            print("\n".join(problems), file=sys.stderr)
            print(f"{TABLE} is stale: run python tools/make_holidays.py", file=sys.stderr)
            return 1
        days = sum(len(days) for days in committed().values())
        print(
            f"{TABLE.name} agrees with the holidays library: {days} closed weekdays, "
            f"{FIRST_YEAR}-{LAST_YEAR}"
        )
        return 0
    TABLE.write_text(table_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
