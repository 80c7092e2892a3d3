"""The speed of ``sec16 holdings`` over a large book, against ``sec16 validate`` on the same files.

FILES filings (default 10,000): the real samples of ../shared/samples/real and the LinkedIn/Reid
Hoffman history of ../shared/samples/histories, copied round after round into a temporary
folder, each round with its own reporting-owner CIKs (the history's 23 filings stay one history
in each round), so that the folder holds many books' worth of insiders. Then, alternately, RUNS
times each:

* ``sec16 holdings FOLDER --format json`` (every file read, every holding rolled forward),
* ``sec16 holdings FOLDER --check --format json`` (the same, and every figure compared),
* ``sec16 validate FILE...`` on the same files (schema and every business rule).

The ratios are of the medians: holdings (and holdings --check) to validate; the aim is at most 1
(the book is read in no more time than the files are checked). Both commands use compiled
bytecode kept in a temporary PYTHONPYCACHEPREFIX, as after ``pip install``.

    python benchmarks/holdings.py [--files 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

from common import SHARED, describe, machine, sec16_command, timed

SAMPLES = sorted((SHARED / "real").glob("*/*.xml")) + sorted((SHARED / "histories").glob("*/*.xml"))

_OWNER = re.compile(rb"(<rptOwnerCik>\s*)(\d+)(\s*</rptOwnerCik>)")


def copy_book(folder: Path, count: int) -> list[str]:
    """``count`` filings in ``folder`` (round NNN in book/NNN/), each round's owners renumbered."""
    sources = [(p.read_bytes(), f"{p.parent.name}-{p.name}") for p in SAMPLES]
    names: list[str] = []
    for number in range(count):
        lap, index = divmod(number, len(sources))
        data, name = sources[index]

        def renumbered(found: re.Match[bytes], lap: int = lap) -> bytes:
            cik = (int(found.group(2)) + lap * 10_000_019) % 10**10
            return found.group(1) + b"%010d" % cik + found.group(3)

        target = Path("book") / f"{lap:03d}" / name
        (folder / target.parent).mkdir(parents=True, exist_ok=True)
        (folder / target).write_bytes(_OWNER.sub(renumbered, data))
        names.append(str(target))
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="filings, default 10000")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, default 3")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="sec16-bench-") as name:
        folder = Path(name)
        files = copy_book(folder, args.files)
        rounds = (args.files + len(SAMPLES) - 1) // len(SAMPLES)
        print(
            f"{len(files)} filings: {len(SAMPLES)} real filings (the LinkedIn/Hoffman history "
            f"among them) in {rounds} rounds, each with its own owner CIKs"
        )
        commands = {
            "holdings": [*sec16_command(), "holdings", "book", "--format", "json"],
            "holdings --check": [
                *sec16_command(),
                "holdings",
                "book",
                "--check",
                "--format",
                "json",
            ],
            "validate": [*sec16_command(), "validate", *files],
        }
        for command in commands.values():
            timed(command, folder)  # warm-up: file cache, bytecode
        times: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.runs):
            for label, command in commands.items():
                times[label].append(timed(command, folder))
    for label, values in times.items():
        print(f"    sec16 {label + ':':<18} {describe(values)}")
    base = statistics.median(times["validate"])
    ratio = statistics.median(times["holdings"]) / base
    check = statistics.median(times["holdings --check"]) / base
    print(f"    ratio holdings / validate:         {ratio:.2f} (aim: at most 1)")
    print(f"    ratio holdings --check / validate: {check:.2f}")
    return 0 if ratio <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
