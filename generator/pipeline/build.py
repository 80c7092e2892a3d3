"""The one path from a filing to checked XML: render once, parse once, check that tree.

Building always checks, so that ``sec16 build`` never writes a document EDGAR would refuse. The
result (``Built``) carries the XML text, the tree parsed from it and what the checks found, so
that nothing downstream (the line map of a draft, the due date, the CCC question, the session's
review) renders, parses or checks it again. ``sec16 validate DRAFT.yaml`` takes the same path
(``check_draft``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from generator.checks import deadlines
from generator.checks.rules import PreviousFiling
from generator.checks.rules.core import BookLookup
from generator.checks.rules.deadline import deadline_of_tree
from generator.checks.validation import check_tree
from generator.formats.credentials import (
    CccLookup,
    ccc_from_environment,
    draft_ccc_problems,
    environment_ccc,
)
from generator.formats.draft import KeyPath, load_draft_located
from generator.formats.locate import relocate
from generator.formats.render import render
from generator.formats.xmlsource import XmlSource, parse_ownership
from generator.model.codes import Profile
from generator.model.filing import Filing
from generator.model.problems import Problem, Report
from generator.model.upgrade import submission_notes
from generator.support.errors import DraftError


@dataclass
class Built:
    """A filing rendered to ownership XML, that XML parsed once, and what the checks found."""

    filing: Filing
    xml: str
    tree: etree._ElementTree
    problems: list[Problem] = field(default_factory=list)
    #: What building for submission changed to bring an older filing into the current form.
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def holds_ccc(self) -> bool:
        """Whether the XML carries an owner's CCC: then only its owner may read the file."""
        return any((element.text or "").strip() for element in self.tree.iterfind(".//rptOwnerCcc"))

    def due(self, moment: date | datetime) -> deadlines.Deadline | None:
        """When the filing is due and, filed at ``moment``, how late (None: no deadline)."""
        return deadline_of_tree(self.tree, moment)


def build_filing(
    filing: Filing,
    profile: Profile = "submission",
    ccc_lookup: CccLookup = ccc_from_environment,
    *,
    lines: Mapping[KeyPath, int] | None = None,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
    source: Path | None = None,
) -> Built:
    """Render ``filing``, parse and check the result.

    With ``lines`` (a draft's line map; ``{}`` for a draft held in memory) the problems point at
    the draft's keys and lines instead of the XML's elements, and a CCC written in the draft is
    warned about. ``book`` (``--book``) says what each security continues from, given the
    document built and ``source``, the draft's file (which the book must not be compared with).
    """
    xml = render(filing, profile, ccc_lookup)
    tree, document_type = parse_ownership(XmlSource(xml.encode("utf-8")), "(built)")
    figures = book(tree, source) if book is not None else None
    problems = check_tree(tree, document_type, profile, 0, as_of, previous, figures)
    if lines is not None:
        problems = relocate(problems, tree, lines) + draft_ccc_problems(filing, lines)
    notes = submission_notes(filing) if profile == "submission" else []
    return Built(filing, xml, tree, problems, notes)


def build_draft(
    path: Path,
    profile: Profile = "submission",
    ccc_lookup: CccLookup = ccc_from_environment,
    *,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
) -> Built:
    """Load a draft file and build it; problems point at the draft's keys and lines."""
    filing, lines = load_draft_located(path)
    return build_filing(
        filing,
        profile,
        ccc_lookup,
        lines=lines,
        as_of=as_of,
        previous=previous,
        book=book,
        source=path,
    )


def check_draft(
    path: Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
) -> Report:
    """``sec16 validate DRAFT.yaml``: the draft's own checks, then those of the XML it builds to."""
    name = str(path)
    try:
        built = build_draft(
            path, profile, environment_ccc, as_of=as_of, previous=previous, book=book
        )
    except DraftError as err:
        problems = [
            Problem("error", "draft", p.message, p.place.path, p.place.line) for p in err.problems
        ]
        return Report(name, None, problems)
    return Report(name, built.filing.form.value, built.problems)
