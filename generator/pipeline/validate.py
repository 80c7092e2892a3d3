"""Checking files: any input of ``sec16 validate`` (ownership XML, a submission, a draft).

Every input ends as a Report: well-formedness, then the schema of the document's own type, then
every business rule (``generator.checks.validation.check_tree``). Nothing here prints; the
command line decides how to show a Report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from lxml import etree

from generator.checks import schema
from generator.checks.rules import PreviousFiling
from generator.checks.rules.core import BookLookup
from generator.checks.validation import bom_problem, check_tree
from generator.formats.envelope import with_envelope
from generator.formats.reading import read_xml_source
from generator.formats.xmlsource import XmlSource, byte_order_mark, parse_ownership
from generator.model.codes import Profile
from generator.model.problems import Problem, Report
from generator.support.errors import InputError


def check_xml(
    source: XmlSource,
    name: str,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
) -> Report:
    """Ownership XML (bytes) -> its Report: parsed once, then ``check_parsed``."""
    try:
        tree, document_type = parse_ownership(source, name)
    except InputError as err:
        found = _bom(source)
        return Report(name, None, [*found, Problem("error", "not-ownership-xml", str(err))])
    return check_parsed(source, tree, document_type, name, profile, as_of, previous, book)


def check_parsed(
    source: XmlSource,
    tree: etree._ElementTree,
    document_type: str,
    name: str,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
) -> Report:
    """The Report on ownership XML already parsed (``tree`` from ``source``): what the bytes
    show (a byte-order mark), then every check of the tree (``book``: what a book given with
    ``--book`` says the holdings continue from, asked with the file's name)."""
    figures = book(tree, Path(name)) if book is not None else None
    problems = check_tree(
        tree, document_type, profile, source.line_offset, as_of, previous, figures
    )
    return Report(name, document_type, _bom(source) + problems)


def _bom(source: XmlSource) -> list[Problem]:
    mark = byte_order_mark(source.data)
    return [bom_problem(mark, source.line_offset + 1)] if mark else []


def read_previous(path: Path) -> PreviousFiling:
    """The owner's previous filing for ``validate --previous`` (any version; InputError if not)."""
    try:
        tree, _ = parse_ownership(read_xml_source(path), str(path))
    except InputError as err:
        raise InputError(f"--previous {err}") from None
    return PreviousFiling(path.name, tree)


@dataclass(frozen=True)
class CheckOptions:
    """What every file of one ``validate`` command is checked with (sent to each worker)."""

    profile: Profile
    as_of: date | datetime | None = None
    previous: Path | None = None
    schema_dir: Path | None = None
    #: ``--book``: what a book says each document continues from (made in the process that
    #: checks, from the book read once there).
    book: BookLookup | None = None


_options = CheckOptions("submission")


_previous: PreviousFiling | None = None


def start_checking(options: CheckOptions) -> None:
    """Prepare this process (or a worker) to check files with ``options``."""
    global _options, _previous
    if options.schema_dir is not None and options.schema_dir != schema.schema_dir_override():
        schema.use_schema_dir(options.schema_dir)
    _options = options
    _previous = read_previous(options.previous) if options.previous else None


def check_one(path: str | Path) -> Report:
    """``check_path`` with the options given to ``start_checking``."""
    return check_path(path, _options.profile, _options.as_of, _previous, _options.book)


def check_path(
    path: str | Path,
    profile: Profile,
    as_of: date | datetime | None = None,
    previous: PreviousFiling | None = None,
    book: BookLookup | None = None,
) -> Report:
    """Check one file of any supported kind (a name will do: a batch names thousands)."""
    name = str(path)
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".yaml", ".yml"):
        # Drafts need pydantic, PyYAML and jinja2, which checking XML never loads.
        from generator.pipeline.build import check_draft

        return check_draft(Path(name), profile, as_of, previous, book)
    try:
        source = read_xml_source(path)
    except InputError as err:
        return Report(name, None, [Problem("error", "not-ownership-xml", str(err))])
    report = check_xml(source, name, profile, as_of, previous, book)
    if source.envelope is not None:
        return with_envelope(report, source.envelope)
    return report
