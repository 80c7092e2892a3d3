"""Draft -> checked XML: render a Filing, then validate what was rendered.

Building always validates, so that ``sec16 build`` never writes a document EDGAR would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.formats.render import CccLookup, Profile, ccc_from_environment, render
from generator.model.filing import Filing
from generator.model.problems import Problem


@dataclass
class Built:
    """The XML of a filing and what the checks found in it."""

    xml: str
    problems: list[Problem] = field(default_factory=list)
    #: What building for submission changed to bring an older filing into the current form.
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def build_draft(
    path: Path, profile: Profile = "submission", ccc_lookup: CccLookup = ccc_from_environment
) -> tuple[Filing, Built]:
    """Load and build a draft file; problems point at the draft's keys and lines."""
    from generator.formats.credentials import draft_ccc_problems
    from generator.formats.draft import load_draft_located
    from generator.formats.locate import relocate

    filing, lines = load_draft_located(path)
    built = build_filing(filing, profile, ccc_lookup)
    built.problems = relocate(built.problems, built.xml, lines) + draft_ccc_problems(filing, lines)
    return filing, built


def build_filing(
    filing: Filing, profile: Profile = "submission", ccc_lookup: CccLookup = ccc_from_environment
) -> Built:
    from generator.checks.validation import XmlSource, check_xml
    from generator.model.upgrade import submission_notes

    xml = render(filing, profile, ccc_lookup)
    report = check_xml(XmlSource(xml.encode("utf-8")), "(built)", profile)
    notes = submission_notes(filing) if profile == "submission" else []
    return Built(xml, report.problems, notes)
