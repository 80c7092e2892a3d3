"""The session's draft file: its name, the lines that say where the session stopped, reading it.

The session writes the draft with the draft's own writer (``generator.formats.draft.dump_draft``)
after every answer; the comment lines at its top (``session_notes``) say how to go on and, for
``sec16 edit``, where the session stopped (``# sec16-session: next <question>``) and which
questions without a key of their own were answered (``# sec16-session: answered …``). The
loader ignores comments; ``read_session`` reads them back.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

_CURSOR = re.compile(r"^# sec16-session: next (\S+)\s*$", re.MULTILINE)
_ANSWERED = re.compile(r"^# sec16-session: answered (.*)$", re.MULTILINE)
_AMENDS = re.compile(
    r"^# sec16-session: amends (.+?)(?: filed (\d{4}-\d{2}-\d{2}))?[ \t]*$", re.MULTILINE
)


# --- the file's name ------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def unused_path(folder: Path, stem: str) -> Path:
    """``stem.yaml`` in ``folder``, or ``stem-2.yaml``, ``stem-3.yaml``…: never an existing file."""
    candidate = folder / f"{stem}.yaml"
    number = 2
    while candidate.exists() or candidate.with_suffix(".xml").exists():
        candidate = folder / f"{stem}-{number}.yaml"
        number += 1
    return candidate


def draft_stem(data: dict[str, Any], today: date) -> str | None:
    """``smith-form4-2026-03-02``: owner, form and date; None until the owner is known."""
    owners = data.get("reporting_owners")
    if not isinstance(owners, list) or not owners or not isinstance(owners[0], dict):
        return None
    owner = owners[0]
    if "name" not in owner:
        return None
    name = str(owner.get("name") or "").split()
    who = _slug(name[0]) if name else ""
    who = who or _slug(str(owner.get("cik") or "")).lstrip("0") or "owner"
    form = _slug(str(data.get("form") or "").replace("/", ""))
    return f"{who}-form{form}-{today.isoformat()}"


# --- where the session stopped --------------------------------------------------------------------


def session_notes(
    path: Path,
    cursor: str,
    answered: Iterable[str] = (),
    amends: tuple[str, date | None] | None = None,
) -> list[str]:
    """The comment lines at the top of the draft as the session writes it (for ``dump_draft``):
    how to go on, the resume point, and the questions answered that fill no key of their own.

    ``answered`` is there because a "no" to "More columns?" leaves nothing else in the draft,
    and resuming must not ask it again. ``amends``: the filing already made that the draft
    corrects (its file, from the draft's folder, and the date it was filed, if known).
    """
    if amends is None:
        notes = [
            f"sec16 draft: continue or change it with `sec16 edit {path.name}`,",
            f"build it with `sec16 build {path.name}`.",
        ]
    else:
        notes = [
            f"sec16 draft correcting {amends[0]}: change it with `sec16 edit {path.name}`;",
            "finishing its session writes the amendment.",
            amends_note(*amends),
        ]
    notes.append(f"sec16-session: next {cursor}")
    lines = textwrap.wrap(" ".join(sorted(answered)), 70, break_long_words=False)
    return notes + [f"sec16-session: answered {line}" for line in lines]


def amends_note(original: str, filed: date | None) -> str:
    """``sec16-session: amends FILED.xml filed 2025-08-13`` (no date: not known yet)."""
    return f"sec16-session: amends {original}" + (f" filed {filed.isoformat()}" if filed else "")


def read_amends(text: str) -> tuple[str, date | None] | None:
    """The filing a draft's session corrects (``# sec16-session: amends``) and its date."""
    match = _AMENDS.search(text)
    if match is None:
        return None
    filed = date.fromisoformat(match.group(2)) if match.group(2) else None
    return match.group(1).strip(), filed


def read_answered(text: str) -> set[str]:
    """The questions a draft's session records as answered (``# sec16-session: answered``)."""
    return {sid for line in _ANSWERED.findall(text) for sid in line.split()}


def read_session(path: Path) -> tuple[dict[str, Any], str | None]:
    """A draft's answers (as the loader reads them) and where its session stopped, if it says."""
    from generator.formats.draft import parse_yaml
    from generator.support.errors import DraftError, DraftProblem, Place

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise DraftError(
            str(path), [DraftProblem(Place("(file)"), f"cannot be read: {err}")]
        ) from None
    if (
        not text.strip()
        or text.strip() == "{}"
        or all(line.startswith("#") for line in text.splitlines() if line.strip())
    ):
        data: dict[str, Any] = {}
    else:
        data, _ = parse_yaml(text, str(path))
    match = _CURSOR.search(text)
    return data, match.group(1) if match else None


def renumbered(answered: set[str], key: str, index: int) -> set[str]:
    """The answered questions after item ``index`` of ``key`` was deleted: its own are gone,
    those of the items after it move up one (``table_1[3].more_columns`` -> ``table_1[2]…``)."""
    pattern = re.compile(rf"^{re.escape(key)}\[(\d+)\](.*)$")
    kept = set()
    for sid in answered:
        match = pattern.match(sid)
        if match is None:
            kept.add(sid)
            continue
        number = int(match.group(1))
        if number == index + 1:
            continue
        if number > index + 1:
            sid = f"{key}[{number - 1}]{match.group(2)}"
        kept.add(sid)
    return kept


# --- the finished draft ---------------------------------------------------------------------------


def tidy(node: Any) -> Any:
    """The finished draft without the ``null`` answers that only marked skipped questions."""
    if isinstance(node, dict):
        cleaned = {k: tidy(v) for k, v in node.items() if v is not None}
        return {k: v for k, v in cleaned.items() if v != {} or k == "relationship"}
    if isinstance(node, list):
        return [tidy(v) for v in node]
    return node
