"""``sec16 amend``: a 3/A, 4/A or 5/A draft from the filing as filed and the draft as it should
have been (the work is ``generator.pipeline.amend``; this reads the files, finds the date the
original was filed, writes the draft and says what it corrects)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from generator.commands.common import ExitCode
from generator.support.errors import OutputError, UsageError

_DRAFT_SUFFIXES = (".yaml", ".yml")


def amend(
    original: str,
    corrected: str,
    *,
    output: str | None = None,
    original_date: str | None = None,
    restate: bool = False,
    book: str | None = None,
    today: date | None = None,
) -> int:
    """Write the amendment draft of ``original`` that ``corrected`` calls for; print what it is
    and its explanation. ``today``: the signature date (default: today)."""
    from generator.formats.draft import dump_draft, load_draft
    from generator.formats.importer import import_file
    from generator.pipeline.amend import make_amendment
    from generator.support.files import write_atomic

    original_path, corrected_path = Path(original), Path(corrected)
    for path in (original_path, corrected_path):
        if not path.is_file():
            raise UsageError(f"{path}: no such file")
    target = (
        Path(output)
        if output
        else corrected_path.with_name(f"{corrected_path.stem}-amendment.yaml")
    )
    if target.exists():
        raise OutputError(
            f"{target} already exists: sec16 amend never replaces a file; move it away or "
            "choose another -o"
        )
    filed = _filing_date(original_path, original_date)
    if original_path.suffix.lower() in _DRAFT_SUFFIXES:
        was = load_draft(original_path)
    else:
        was = import_file(original_path).filing
    now = load_draft(corrected_path)
    if filed < was.period_of_report:
        raise UsageError(
            f"--original-date {filed:%m/%d/%Y} is before the period of report of {original} "
            f"({was.period_of_report:%m/%d/%Y}): give the date {original} was filed"
        )
    signed = today or date.today()
    if filed > signed:
        raise UsageError(
            f"--original-date {filed:%m/%d/%Y} is in the future: give the date {original} was filed"
        )
    result = make_amendment(was, now, filed, signed, restate=restate, names=(original, corrected))
    form = result.filing.form.value
    header = [
        f"Form {form} amending {original} (filed {filed:%m/%d/%Y}), written by sec16 amend "
        f"from {corrected}.",
        f"Signed {signed:%m/%d/%Y} by the corrected draft's signers: an amendment is signed "
        "when it is filed; change the dates if it is filed on another day.",
        *(f"Note: {note}" for note in result.notes),
    ]
    write_atomic(target, dump_draft(result.filing, header), force=False)
    difference = result.difference
    print(
        f"WROTE {target}: Form {form} amending {original} (filed {filed:%m/%d/%Y}): "
        f"{difference.count('changed')} row(s) changed, {difference.count('added')} added, "
        f"{difference.count('withdrawn')} withdrawn"
    )
    print(result.explanation)
    for note in result.notes:
        print(f"{target}: note: {note}", file=sys.stderr)
    return ExitCode.OK


def _filing_date(path: Path, option: str | None) -> date:
    """The date the original was filed: ``--original-date``, else its ``.txt`` header's."""
    from generator.book.sources import filed_as_of
    from generator.model import values

    if option is not None:
        try:
            return values.parse_date(option)
        except ValueError as err:
            raise UsageError(f"--original-date {option}: {err}") from None
    if path.suffix.lower() == ".txt" and (found := filed_as_of(path)) is not None:
        return found
    raise UsageError(
        f"the date {path} was filed is not known (only an EDGAR .txt says it, in its header): "
        "give it with --original-date YYYY-MM-DD (If Amendment, Date Original Filed); sec16 "
        "does not guess it"
    )
