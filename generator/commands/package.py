"""``sec16 package``: a draft or ownership XML -> the EDGAR submission file to upload.

The steps are ``generator.pipeline.package``'s; this command reads the options through it,
says on standard error what each step found, and asks on the terminal before a LIVE package is
written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing, use_schemas
from generator.support.errors import DraftError, UsageError

if TYPE_CHECKING:
    from generator.formats.envelope import Enclosed
    from generator.pipeline.package import Primary


def package(
    source: str,
    *,
    output: str | None = None,
    live: bool = False,
    yes: bool = False,
    attach: Sequence[str] = (),
    contact: str | None = None,
    notify: Sequence[str] = (),
    credentials: str | None = None,
    force: bool = False,
    schemas: Path | None = None,
) -> int:
    """Package ``source`` with the supporting documents ``attach`` (``PATH[:TYPE[:DESCRIPTION]]``),
    the point of ``contact`` (``NAME,PHONE,EMAIL``) and the addresses to ``notify``; each owner's
    CCC from the environment, the ``credentials`` file or a prompt. Written (mode 0600) to
    ``output``, default SOURCE.submission.xml, only when EDGAR would take it."""
    from generator.checks.deadlines import now_eastern
    from generator.checks.rules.deadline import deadline_of_xml
    from generator.formats.credentials import require_existing
    from generator.formats.envelope import check_package, primary_name
    from generator.pipeline import package as steps
    from generator.support.files import write_atomic

    use_schemas(schemas)
    [path] = existing([source])
    specs = [steps.parse_attach(spec) for spec in attach]
    existing([str(spec.path) for spec in specs])
    point_of_contact = steps.parse_contact(contact) if contact else None
    addresses = steps.check_notify(notify, point_of_contact)
    require_existing(credentials)
    if output == "-":
        raise UsageError("-o -: a package holds CCCs, so it is only written to a file (mode 0600)")
    target = Path(output) if output else steps.default_output(path)
    if live and not yes and not sys.stdin.isatty():
        raise UsageError(
            "--live needs a terminal to confirm a live filing; run it on a terminal, or add "
            "--yes to confirm on the command line"
        )
    taken: set[str] = set()
    attachments = [steps.read_attachment(spec, taken) for spec in specs]
    steps.check_counts(attachments)
    lookup = steps.ccc_sources(credentials)
    try:
        primary = steps.build_primary(path, lookup)
    except DraftError as err:
        print(str(err), file=sys.stderr)
        return ExitCode.INVALID
    for problem in primary.problems:
        if problem.rule != "ccc-missing":  # every CCC is there, or the lookup refused
            print(problem.as_text(str(path)), file=sys.stderr)
    # The due date and, filed now, how late: information for the filer, not a result.
    if (due := deadline_of_xml(primary.data, now_eastern())) is not None:
        print(f"{path}: {due.sentence('if filed now')}", file=sys.stderr)
    if not primary.valid:
        print(f"{path}: not packaged: fix the errors above; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    attachments += steps.draft_attachments(path, primary, specs, taken)
    # A submission packaged again: what it holds stays unless replaced.
    carried = steps.carry_over(
        path, attached=bool(specs), contact=point_of_contact, notify=addresses, live=live
    )
    attachments += carried.documents
    for note in carried.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    steps.check_counts(attachments)
    for cik, where in lookup.sources.items():
        print(f"{path}: the CCC of reporting owner {cik} is from {where}", file=sys.stderr)
    text = steps.assemble(
        primary, attachments, live=live, contact=carried.contact, notify=carried.notify
    )
    found = check_package(text, str(target))
    for problem in found:
        print(problem.as_text(str(target)), file=sys.stderr)
    if found:
        print(f"{path}: not packaged: fix the problems above; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    if live and not yes and not confirm_live(primary, attachments):
        print(f"{target}: not confirmed; nothing was written", file=sys.stderr)
        return ExitCode.INVALID
    write_atomic(target, text, force=force, mode=0o600)
    kind = "LIVE submission" if live else "TEST submission (EDGAR files nothing)"
    print(
        f"{target}: packaged Form {primary.form} as a {kind}: "
        f"{primary_name(primary.form)} and {len(attachments)} attachment(s); written "
        "with mode 0600, readable only by you, because it holds the CCC"
    )
    return ExitCode.OK


def confirm_live(primary: Primary, attachments: Sequence[Enclosed]) -> bool:
    """Ask on the terminal before a LIVE package is written; True only for "yes"."""
    from generator.formats.envelope import primary_name

    owners = ", ".join(primary.owners) or "none"
    question = (
        f"LIVE submission: Form {primary.form} for issuer CIK {primary.issuer}, reporting "
        f"owner(s) {owners}; primary document {primary_name(primary.form)} and "
        f"{len(attachments)} attachment(s). Sent to EDGAR, this file is filed with the SEC and "
        "made public.\nType yes to write it: "
    )
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in ("yes", "y")
