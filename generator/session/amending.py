"""Amending a filing already made in the guided session (issue 20, point 2).

``sec16 edit FILED.xml`` (or an EDGAR ``.txt``), and "Amend a filing already made" at the start
of ``sec16 new``, import the filing into a corrected draft written beside it
(``FILED.corrected.yaml``, never over a file that is there), which the session opens at its
review; the filer changes what was wrong. The draft records what it corrects in one comment
line, ``# sec16-session: amends FILED.xml filed 2025-08-13`` (``drafts.amends_note``), so that
``sec16 edit FILED.corrected.yaml`` after a Ctrl-C still knows it. Finishing the review writes
the amendment draft (``FILED.amendment.yaml``: Form 4/A for a Form 4) with the pipeline that
``sec16 amend`` uses (``generator.pipeline.amend``): the rows that changed, an explanation
naming them and both values, the original's date. A correction that changes nothing writes no
amendment, and says so.

The date the original was filed is never guessed: ``--original-date``, else the ``.txt``
header's FILED AS OF DATE, else the session asks it (``check_original_date``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.model import values
from generator.session.drafts import unused_path

if TYPE_CHECKING:
    from generator.model.filing import Filing

#: The choice of ``sec16 new``'s first question that amends a filing already made.
AMEND = "amend"
#: The files that are drafts; anything else given to ``sec16 edit`` is a filing already made.
DRAFT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Amends:
    """What a corrected draft amends: the original's file as the draft records it (from the
    draft's folder), and the date it was filed (None: not known yet, asked)."""

    original: str
    filed: date | None = None


@dataclass
class Written:
    """What finishing an amending session wrote (``path`` None: nothing) and says."""

    path: Path | None
    lines: list[str] = field(default_factory=list)
    valid: bool = True


def is_draft(path: Path) -> bool:
    return path.suffix.lower() in DRAFT_SUFFIXES


def import_original(original: Path) -> dict[str, Any]:
    """The filing ``original`` (ownership XML or EDGAR ``.txt``) as a draft's plain data."""
    from generator.formats.draft import filing_to_data
    from generator.formats.importer import import_file

    return filing_to_data(import_file(original).filing)


def date_filed(original: Path) -> date | None:
    """The date an EDGAR ``.txt`` says the filing was filed (its header); None for an XML."""
    if original.suffix.lower() != ".txt":
        return None
    from generator.book.sources import filed_as_of

    return filed_as_of(original)


def period_of(data: dict[str, Any]) -> date | None:
    try:
        return values.parse_date(data.get("period_of_report"))
    except (ValueError, TypeError):
        return None


def check_original_date(text: str, period: date | None, today: date) -> date:
    """A typed date the original was filed: the model's own date, neither in the future nor
    before the original's period of report (raises ValueError with the sentence)."""
    day = values.parse_date(text.strip())
    if day > today:
        raise ValueError(
            f"{values.us_date(day)} is in the future: give the date the original was filed "
            "(If Amendment, Date Original Filed)"
        )
    if period is not None and day < period:
        raise ValueError(
            f"{values.us_date(day)} is before the original's period of report "
            f"({values.us_date(period)}): a filing is filed on or after the date it reports; "
            "give the date the original was filed"
        )
    return day


def corrected_path(original: Path) -> Path:
    """The corrected draft beside ``original``: ``FILED.corrected.yaml`` (or ``-2``…)."""
    return unused_path(original.parent, f"{original.stem}.corrected")


def recorded(original: Path, draft: Path) -> str:
    """``original`` as a draft in ``draft``'s folder records it: from that folder."""
    try:
        return Path(os.path.relpath(original.resolve(), draft.parent.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return str(original.resolve())


def original_of(draft: Path, amends: Amends) -> Path:
    """The original's file, from the draft's folder."""
    return draft.parent / Path(amends.original).expanduser()


def shown(path: Path) -> str:
    """A path as typed from the current folder."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def amended_form(data: dict[str, Any]) -> str:
    """The form of the amendment: the original's base form and "/A" (a 3/A for a Form 3)."""
    from generator.model.codes import FormType

    try:
        form = FormType(str(data.get("form") or ""))
    except ValueError:
        return "?/A"
    return f"{form.base.value}/A"


def opening(draft: Path, amends: Amends, data: dict[str, Any]) -> str:
    """What the filer is told when the session opens on a corrected draft."""
    original = shown(original_of(draft, amends))
    filed = f", filed {values.us_date(amends.filed)}" if amends.filed else ""
    return (
        f"This amends a filing already made: {original} (Form {data.get('form') or '?'}{filed}). "
        f"The draft {shown(draft)} holds it as filed: change what was wrong, then 'Write the "
        f"amendment and finish' writes the Form {amended_form(data)} draft, with the rows that "
        "changed and the explanation of the correction."
    )


def write_amendment(draft: Path, amends: Amends, corrected: Filing, today: date) -> Written:
    """Finish an amending session: the amendment draft of the original that ``corrected``
    (the corrected draft, ``draft``) calls for, written beside it, and what to say.

    Raises the pipeline's InputError (another form, another issuer) and the importer's errors.
    """
    from generator.formats.draft import dump_draft, load_draft
    from generator.formats.importer import import_file
    from generator.pipeline.amend import compare_filings, make_amendment
    from generator.pipeline.build import build_filing
    from generator.support.files import write_atomic

    assert amends.filed is not None, "the date the original was filed is asked first"
    original = original_of(draft, amends)
    name = shown(original)
    was = load_draft(original) if is_draft(original) else import_file(original).filing
    if compare_filings(was, corrected).empty:
        return Written(
            None,
            [
                f"The corrected draft {shown(draft)} makes no change to {name}: there is "
                "nothing to amend, so no amendment is written. The corrected draft is kept; "
                f"change it with: sec16 edit {shown(draft)}"
            ],
        )
    result = make_amendment(was, corrected, amends.filed, today, names=(name, shown(draft)))
    target = unused_path(draft.parent, f"{Path(amends.original).stem}.amendment")
    header = result.header(
        amends.original, amends.filed, today, f"the sec16 session from {draft.name}"
    )
    write_atomic(target, dump_draft(result.filing, header), force=False)
    built = build_filing(result.filing)
    verdict = "valid" if built.valid else "NOT valid (sec16 validate says why)"
    return Written(
        target,
        [
            f"Wrote {shown(target)}: {result.summary(name, amends.filed)}; {verdict}.",
            result.explanation,
            *(f"Note: {note}" for note in result.notes),
            f"Build its XML with: sec16 build {shown(target)}. The corrected draft is "
            f"{shown(draft)}; change it later with: sec16 edit {shown(draft)}",
        ],
        built.valid,
    )
