"""``sec16 compare``: whether rebuilt filings hold the same information as their originals."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.common import ExitCode, unreadable
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.checks.compare import Comparison


def compare(
    files: Sequence[str], *, rebuilt: str | None = None, output_format: str = "text"
) -> int:
    """Compare ORIGINAL with REBUILT (``files``), or each original with the file of the same name
    in the folder ``rebuilt``; differences on standard output, text or one JSON array."""
    usage, same = False, True
    results: list[dict[str, Any]] = []
    for original_name, rebuilt_name, named in _pairs(files, rebuilt):
        comparison, missing = _compare_one(original_name, rebuilt_name, named)
        usage = usage or missing
        same = same and not comparison.found
        if output_format == "json":
            results.append(
                {
                    "original": original_name,
                    "rebuilt": rebuilt_name,
                    "same": not comparison.found,
                    "differences": [
                        {"location": d.location, "message": d.message} for d in comparison.found
                    ],
                    "notes": comparison.notes,
                }
            )
            continue
        for note in comparison.notes:  # not differences: on standard error, as import's notes
            print(f"{original_name}: note: {note}", file=sys.stderr)
        for difference in comparison.found:
            print(difference)
        verdict = (
            "not compared"
            if not comparison.compared
            else ("different" if comparison.found else "the same information")
        )
        print(f"{original_name} vs {rebuilt_name}: {verdict}")
    if output_format == "json":
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
    if usage:
        return ExitCode.USAGE
    return ExitCode.OK if same else ExitCode.INVALID


def _pairs(files: Sequence[str], rebuilt: str | None) -> list[tuple[str, str, bool]]:
    """(original, rebuilt, whether the rebuilt was named on the command line) for each pair."""
    if rebuilt is None:
        if len(files) != 2:
            raise UsageError(
                f"compare takes two files, ORIGINAL REBUILT (got {len(files)}); to compare "
                "several originals, give the folder of their rebuilt files: "
                "sec16 compare ORIGINAL... --rebuilt DIR"
            )
        return [(files[0], files[1], True)]
    folder = Path(rebuilt)
    if not folder.is_dir():
        raise UsageError(f"--rebuilt {rebuilt}: no such folder")
    return [(name, str(folder / Path(name).name), False) for name in files]


def _compare_one(original_name: str, rebuilt_name: str, named: bool) -> tuple[Comparison, bool]:
    """One pair's comparison, and whether a file named on the command line is missing.

    A file that is missing or cannot be read as ownership XML is a finding of its pair (the
    pair is "not compared"), not the end of the batch.
    """
    from generator.checks.compare import Comparison, Difference
    from generator.checks.compare import compare as compare_trees
    from generator.formats.reading import read_xml_source
    from generator.formats.xmlsource import parse_ownership
    from generator.support.errors import InputError

    for name in (original_name, rebuilt_name):
        if (reason := unreadable(name)) is None:
            continue
        if name == rebuilt_name and not named:  # the rebuilt file of --rebuilt DIR: a finding
            message = f"{name} {reason}: there is no rebuilt file of {original_name}"
            return Comparison([Difference(None, message)], [], compared=False), False
        # A file named on the command line (exit 2, as for every command), after the others.
        message = f"{name} {reason}, so {original_name} was not compared"
        return Comparison([Difference(None, message)], [], compared=False), True
    try:
        original = parse_ownership(read_xml_source(original_name), original_name)[0]
        rebuilt = parse_ownership(read_xml_source(rebuilt_name), rebuilt_name)[0]
    except InputError as err:
        return Comparison([Difference(None, str(err))], [], compared=False), False
    return compare_trees(original.getroot(), rebuilt.getroot()), False
