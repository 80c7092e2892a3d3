"""Schema versions: which rules a filing is judged by, and what each older version did not have.

EDGAR stamps every document of record with the ``schemaVersion`` it was accepted under: X0203
on a Form 3 of 2007, X0306 on a Form 4 of 2012, X0508 in 2025, X0609 since March 2026. A filing
EDGAR accepted under X0306 is a valid X0306 filing; judged by X0609 it would look broken for
lacking a box (Rule 10b5-1) that did not exist when it was filed. So the ``record`` profile
judges a document by the version it declares (the current one when it declares none), while a
``submission`` is always judged by X0609, the only version EDGAR accepts today.

The project keeps one set of schemas (X0609, ``schemas/``). The older versions are described
here, as the few changes each later version made (``CHANGES``): ``generator.checks.schema`` derives
the schema of an older era from the X0609 one by undoing those changes in memory, the rules
registered with ``since=`` a version are skipped for older documents, and docs/rules.md prints
this table (``markdown``).

Sources: the SEC's X0306 Form 4 and 4/A schemas (``older/ownership-X0306-form4/``) compared
with the v5.5 ones (the only differences: ``aff10b5One``, the four non-U.S. elements and the
``rptOwnerState`` list); spec v5.5 §1.2 (summary of changes: Release 26.1 added the non-U.S.
elements, Release 23.1 the 10b5-1 box); the X0306 provenance note (X0306 until December 2022,
X0407 in May 2023, X0508 in 2025, X0609 in 2026); the 100 real filings of ``samples/real`` and
the 23 of ``samples/histories`` (X0203 to X0609: no filing before X0407 carries ``aff10b5One``;
only X0609 carries a non-U.S. element; foreign codes in ``rptOwnerState`` up to X0508).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lxml import etree

from generator.model.problems import Problem

#: The version EDGAR accepts today (spec v5.5, EDGAR Release 26.1, March 2026).
CURRENT = "X0609"
#: The oldest version sec16 knows of (the first ownership XML schemas, 2003).
OLDEST = "X0201"

_VERSION = re.compile(r"X0([0-9]{3})")


@dataclass(frozen=True)
class Change:
    """What one version changed that a document of an older version does not have to follow.

    ``required``: elements it made mandatory (optional, or absent, before). ``added``: elements
    it introduced as optional; a document of an older version may still carry them (sec16 does
    not refuse them: a rebuilt record may write an address in the current form while keeping
    its original version). ``narrowed_states``: ``rptOwnerState`` lost its foreign codes, which
    older versions accepted (a country or Canadian province in the state field).
    """

    version: str
    what: str
    #: Where this is known from, and what is only inferred.
    evidence: str
    required: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    narrowed_states: bool = False


#: Every change since the oldest version that a document of an earlier version is not held to,
#: oldest first. Nothing else differs between X0306 and X0609 in the SEC's schemas.
CHANGES: tuple[Change, ...] = (
    Change(
        "X0407",
        "the Rule 10b5-1(c) check box `aff10b5One`: mandatory on Forms 4, 4/A, 5 and 5/A, "
        "optional on Forms 3 and 3/A",
        "EDGAR Release 23.1, 20 March 2023 (SEC Release 33-11138); spec v5.5 §1.2. X0407 is "
        "first seen on a filing of 11 May 2023 (X0306 until December 2022): that it is the "
        "23.1 version is inferred from those dates. What X0508 (2024-2025) changed is not "
        "known; every X0508 filing of the samples fits the X0407 rules",
        required=("aff10b5One",),
        added=("aff10b5One",),
    ),
    Change(
        "X0609",
        "the issuer's foreign trading symbol (`issuerForeignTradingSymbol`) and the non-U.S. "
        "address (`rptOwnerNonUSAddressFlag`, `rptOwnerNonUSStateTerritory`, "
        "`rptOwnerCountry`); `rptOwnerState` keeps only U.S. states and territories, where "
        "it used to take a country or Canadian province too (the old combined list of "
        "spec v3 Appendix A, obsolete codes included)",
        "EDGAR Release 26.1, March 2026: spec v5.5 §1.2 and the SEC's v5.5 schemas compared "
        "with its X0306 ones; foreign codes in rptOwnerState on real X0508 filings",
        added=(
            "issuerForeignTradingSymbol",
            "rptOwnerNonUSAddressFlag",
            "rptOwnerNonUSStateTerritory",
            "rptOwnerCountry",
        ),
        narrowed_states=True,
    ),
)


@dataclass(frozen=True)
class Era:
    """Versions judged alike: those lacking the same later changes (a key of the schema cache)."""

    first: str
    lacks: tuple[Change, ...]

    @property
    def is_current(self) -> bool:
        return not self.lacks

    @property
    def label(self) -> str:
        """E.g. "X0201 to X0406" or, for the current era, "X0609"."""
        if not self.lacks:
            return self.first
        last = number(self.lacks[0].version) - 1
        return f"{self.first} to X0{last:03d}"

    @property
    def optional(self) -> frozenset[str]:
        """Elements the current schema requires and this era does not."""
        return frozenset(name for change in self.lacks for name in change.required)

    @property
    def legacy_states(self) -> bool:
        """Does ``rptOwnerState`` take the old combined list (foreign codes too)?"""
        return any(change.narrowed_states for change in self.lacks)


#: Oldest first; the last is the current era.
ERAS: tuple[Era, ...] = tuple(
    Era(first, CHANGES[index:])
    for index, first in enumerate((OLDEST, *(change.version for change in CHANGES)))
)
CURRENT_ERA = ERAS[-1]


@cache  # one Era object per era: the schema cache is keyed by it, document after document
def box_optional(era: Era) -> Era:
    """``era`` without the requirement of the 10b5-1 box (the first change, X0407), for a
    document whose missing box a rule reports; the same era when the box was never required."""
    box = CHANGES[0]
    if box in era.lacks:
        return era
    return Era(era.first, (box, *era.lacks))


def number(version: str) -> int:
    """301 for "X0301"; -1 for anything that is not a version (never reaches a known era)."""
    return _number(version) if len(version) == len(CURRENT) else -1


@lru_cache(maxsize=256)  # a batch asks about the same few versions, document after document
def _number(version: str) -> int:
    found = _VERSION.fullmatch(version)
    return int(found.group(1)) if found else -1


def is_known(version: str) -> bool:
    """A version between the oldest and the current one (X0201 to X0609)."""
    return number(OLDEST) <= number(version) <= number(CURRENT)


@cache
def era_of(version: str) -> Era:
    """The era of a known version; the current era for anything else."""
    if not is_known(version):
        return CURRENT_ERA
    found = CURRENT_ERA
    for era in ERAS:
        if number(era.first) <= number(version):
            found = era
    return found


def before(version: str, since: str) -> bool:
    """Is ``version`` older than ``since`` (a rule or element that ``since`` introduced)?"""
    return number(version) < number(since)


def declared(root: etree._Element) -> etree._Element | None:
    """The document's ``schemaVersion`` element (first among the root's children), if any."""
    return next(root.iterchildren("schemaVersion"), None)


def judged_by(element: etree._Element | None, profile: str) -> str:
    """The version a document is judged by.

    A submission: always the current one (EDGAR takes no other). A record: the version it
    declares, if sec16 knows it; else (none declared, or one sec16 does not know) the current.
    """
    if profile != "record" or element is None:
        return CURRENT
    version = (element.text or "").strip()
    return version if is_known(version) else CURRENT


def version_problem(
    element: etree._Element | None, profile: str, tree: etree._ElementTree, line_offset: int = 0
) -> Problem | None:
    """A warning when the declared version is not the one the document was judged by."""
    if element is None:
        return None
    message = _version_message((element.text or "").strip(), profile)
    if message is None:
        return None
    line: Any = element.sourceline  # lxml-stubs declare it oddly
    return Problem(
        "warning",
        "schema-version",
        message,
        tree.getpath(element),
        line + line_offset if line else None,
    )


def _version_message(version: str, profile: str) -> str | None:
    """What ``version_problem`` says of a declared version, or None when nothing is to say."""
    if version == CURRENT or not version:
        return None  # an empty or mis-sized value is the schema's to report
    if profile == "submission":
        what = "an older version" if is_known(version) else "not a version sec16 knows"
        return (
            f"<schemaVersion> says {version}, {what}. EDGAR accepts only the current "
            f"version, {CURRENT}, and judges every submission by it (and warns a second time "
            f"when the value given is not the current one, spec v5.5 §4.3); sec16 checked this "
            f"submission as {CURRENT} too. Leave schemaVersion out (sec16 build does for a "
            "submission) and give what the current version asks for."
        )
    if is_known(version):
        return None
    return (
        f"<schemaVersion> says {version!r}, which is not a version sec16 knows "
        f"({OLDEST} to {CURRENT}); the document was checked by the rules of the current "
        f"version, {CURRENT}. Check the value."
    )


def state_hint(code: str) -> str:
    """Why a foreign code that older versions took in ``rptOwnerState`` is refused today."""
    from generator.model import codes

    if code not in codes.LEGACY_FOREIGN_STATE_CODES:
        return ""
    country = codes.LEGACY_FOREIGN_STATE_CODES[code]
    old_name = codes.COUNTRIES.get(code, "")
    named = f"{code} ({old_name})" if old_name else code
    how = (
        f"rptOwnerCountry {country} with rptOwnerNonUSAddressFlag true"
        if country
        else "rptOwnerCountry (the current country of the address) with "
        "rptOwnerNonUSAddressFlag true"
    )
    return (
        f"; {named} was a foreign code that rptOwnerState took before {CURRENT}: since "
        f"{CURRENT} a foreign address gives {how}"
    )


def markdown(rules_since: list[tuple[str, str]]) -> str:
    """The docs/rules.md section on versions: what each era lacks and how sec16 judges it.

    ``rules_since`` lists (rule id, version) for the rules that apply from a version on.
    """
    lines = [
        "## Schema versions",
        "",
        "A document of record carries the `schemaVersion` EDGAR accepted it under. With "
        "`--profile record`, sec16 judges a document by the rules of that version, because a "
        "filing EDGAR accepted under X0306 is a valid X0306 filing; a document without "
        f"`schemaVersion`, or with one sec16 does not know, is judged by the current version, "
        f"{CURRENT} (a warning, `schema-version`, says so for an unknown one). The "
        f"`submission` profile always judges by {CURRENT}, the only version EDGAR accepts "
        "today, whatever the document declares; a submission that declares another version "
        "gets the `schema-version` warning (EDGAR discards the value and warns, spec v5.5 §4.3).",
        "",
        "sec16 keeps one schema, the current one, and derives the schema of an older era from "
        "it by undoing the later changes below (`generator/checks/versions.py`): an element a "
        "later "
        "version made mandatory is optional, the old `rptOwnerState` codes are accepted. "
        "Elements a later version added are not refused in an older document (a rebuilt "
        "record may give the address in the current form while keeping its version). For "
        "every document without such a later element, the X0306 era so derived gives the "
        "same verdicts as the SEC's own X0306 Form 4 and 4/A schemas (tests/test_versions.py); "
        "no older Form 3 or 5 schema is at hand, so those are taken to differ in the same way "
        "(every real Form 3 and 5 of the samples, X0203 to X0306, passes). Versions are "
        "compared by number: X0201 to X0406 form one era, X0407 to X0608 the next.",
        "",
        "| version | what changed (from then on) | source |",
        "|---|---|---|",
        f"| {OLDEST} to X0306 | the original schemas (Form 3: up to X0206; Forms 4 and 5: up "
        "to X0306, seen until December 2022); `rptOwnerState` takes U.S. states, territories, "
        "`X1` (United States), countries and Canadian provinces from one list | spec v3 "
        "(2010) Appendix A; the SEC's X0306 Form 4 and 4/A schemas |",
    ]
    for change in CHANGES:
        later = [f"`{rule_id}`" for rule_id, since in rules_since if since == change.version]
        rules_note = f"; rules from then on: {', '.join(later)}" if later else ""
        lines.append(f"| {change.version} | {change.what}{rules_note} | {change.evidence} |")
    lines += ["", "| a document declaring | is judged with |", "|---|---|"]
    for era in ERAS:
        if era.is_current:
            how = (
                "the current schema and every rule, as a document without `schemaVersion` or "
                "with one sec16 does not know, and every submission"
            )
        else:
            parts = []
            if era.optional:
                names = ", ".join(f"`{name}`" for name in sorted(era.optional))
                parts.append(f"{names} not required")
            if era.legacy_states:
                parts.append("the old foreign `rptOwnerState` codes accepted")
            skipped = [f"`{r}`" for r, since in rules_since if before(era.first, since)]
            if skipped:
                parts.append(f"{', '.join(skipped)} not applied")
            how = "the current schema with " + "; ".join(parts)
        lines.append(f"| {era.label} | {how} |")
    return "\n".join(lines) + "\n"
