"""``sec16 new`` and ``sec16 edit``: the guided session that writes a draft by questions."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.session.questionnaire import Session


def new(output: str | None = None, form: str | None = None) -> int:
    """A new draft: ``output`` (default: named after owner, form and date), of ``form``."""
    from generator.session import questionnaire
    from generator.support.errors import OutputError

    try:
        questionnaire.require_terminal("new")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    today = date.today()
    if output:
        path = Path(output)
        if path.suffix.lower() == ".xml":
            raise UsageError(f"-o {output}: name the draft (.yaml); the XML is written beside it")
        if path.exists():
            raise OutputError(
                f"{path} already exists; continue it with `sec16 edit {path}`, or choose another -o"
            )
        if path.with_suffix(".xml").exists():
            raise OutputError(
                f"{path.with_suffix('.xml')} already exists and the session would write it; "
                "choose another -o"
            )
        rename = False
    else:
        path = questionnaire.unused_path(Path("."), f"draft-{today.isoformat()}")
        rename = True
    data = {"form": form} if form else {}
    return _run(questionnaire.Session(path, data, today=today, rename=rename))


def edit(draft: str) -> int:
    """Continue or change the draft ``draft``, from where its last session stopped."""
    from generator.session import questionnaire

    [path] = existing([draft])
    try:
        questionnaire.require_terminal("edit")
    except UsageError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.USAGE
    data, cursor = questionnaire.read_session(path)
    return _run(questionnaire.Session(path, data, cursor=cursor, resume=True))


def _run(session: Session) -> int:
    from generator.session.questionnaire import SessionInterrupted

    try:
        outcome = session.run()
    except SessionInterrupted as stop:
        print(f"\n{stop}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.OK if outcome.valid else ExitCode.INVALID
