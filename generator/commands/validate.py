"""``sec16 validate``: check files of any kind and print a report on each, in input order."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing, in_input_order, split_inputs

if TYPE_CHECKING:
    from generator.model.codes import Profile
    from generator.model.problems import Report
    from generator.support.batch import Progress


def validate(
    files: Sequence[str],
    *,
    output_format: str = "text",
    profile: Profile = "submission",
    as_of: date | datetime | None = None,
    previous: str | None = None,
    schemas: Path | None = None,
) -> int:
    """Check ``files`` and write a report on each (text, or one JSON array) to standard output.

    ``as_of`` is the moment dates and deadlines are checked at (default: now, Eastern time);
    ``previous`` the reporting owner's previous filing; ``schemas`` a folder of schema files.
    """
    from functools import partial

    from generator.checks.deadlines import now_eastern
    from generator.support import batch

    moment = now_eastern() if as_of is None else as_of
    previous_path = existing([previous])[0] if previous else None
    if previous_path is not None:
        from generator.pipeline.validate import read_previous

        read_previous(previous_path)  # refused here, before any file is checked
    settings = (profile, moment, previous_path, schemas)
    # The workers start, and load lxml and the rules, while the file names are checked here.
    with batch.Workers(len(files), initializer=_start_checking, initargs=settings) as workers:
        names, unreadable = split_inputs(files)
        # A progress bar only for people watching a terminal, never mixed into JSON.
        progress = batch.Progress(len(names), "checking") if output_format == "text" else None
        results = workers.run(partial(_validate_one, output_format), names, progress)
        missing = {
            index: _unreadable_report(files[index], reason, output_format)
            for index, reason in unreadable.items()
        }
        status = _write_reports(
            in_input_order(results, missing, len(files)), output_format, progress
        )
        return ExitCode.USAGE if unreadable else status


def _start_checking(
    profile: Profile, as_of: date | datetime, previous: Path | None, schema_dir: Path | None
) -> None:
    """Prepare a worker (or this process) for ``validate``: lxml, schemas and rules load here."""
    from generator.pipeline.validate import CheckOptions, start_checking

    start_checking(CheckOptions(profile, as_of, previous, schema_dir))


def _validate_one(output_format: str, name: str) -> tuple[bool, str]:
    """One file's verdict and output, made where it is checked (a worker, for many files)."""
    import generator.pipeline.validate  # no "from" import: it costs an exception on every file

    report = generator.pipeline.validate.check_one(name)
    return report.valid, _report_output(report, output_format)


def _report_output(report: Report, output_format: str) -> str:
    """A report as ``validate`` prints it: text lines, or one element of the JSON array."""
    if output_format == "json":  # as json.dump(..., indent=2) writes an element of the array
        return "  " + json.dumps(report.as_json(), indent=2).replace("\n", "\n  ")
    return _report_text(report)


def _report_text(report: Report) -> str:
    lines = [problem.as_text(report.file) for problem in report.problems]
    kind = f"Form {report.document_type}" if report.document_type else "not a filing"
    verdict = "valid" if report.valid else "NOT valid"
    warnings = sum(p.severity == "warning" for p in report.problems)
    extra = f", {warnings} warning(s)" if warnings else ""
    lines.append(f"{report.file}: {verdict} ({kind}{extra})")
    return "".join(line + "\n" for line in lines)


def _unreadable_report(name: str, reason: str, output_format: str) -> tuple[bool, str]:
    """The report on a named file that is not there or cannot be read (rule file-unreadable)."""
    from generator.model.problems import Problem, Report

    problem = Problem(
        "error",
        "file-unreadable",
        f"{reason}, so it was not checked; check the name, and that you may read it",
    )
    return False, _report_output(Report(name, None, [problem]), output_format)


def _write_reports(
    results: Iterable[tuple[bool, str]], output_format: str, progress: Progress | None
) -> int:
    """Write each file's report as it comes; the exit status says whether all were valid."""
    valid = True
    if output_format == "json":
        found = []
        for ok, text in results:
            found.append(text)
            valid = valid and ok
        sys.stdout.write("[\n" + ",\n".join(found) + "\n]\n" if found else "[]\n")
        return ExitCode.OK if valid else ExitCode.INVALID
    try:
        for ok, text in results:
            if progress is not None:
                progress.clear()
            sys.stdout.write(text)
            valid = valid and ok
    finally:
        if progress is not None:
            progress.clear()
    return ExitCode.OK if valid else ExitCode.INVALID
