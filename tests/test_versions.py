"""A document of record is judged by the rules of the schemaVersion it declares.

EDGAR accepted every real filing of ``../shared/samples`` under the version it declares (X0203
to X0609), so each is valid with ``--profile record``; the same filing judged by the current
version (no schemaVersion, or the submission profile) is not, when it lacks what X0609 requires.
The older eras' schemas are derived from the project's X0609 schema (``generator.checks.versions``);
the X0306 one is checked here against the SEC's own X0306 Form 4 and 4/A schemas.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES, SEC_SCHEMAS, SHARED
from lxml import etree

from generator.checks import schema, versions
from generator.checks.rules import RULES, rule
from generator.cli import main
from generator.model.codes import COUNTRIES, LEGACY_FOREIGN_STATE_CODES, US_STATES
from generator.pipeline import validate

HISTORIES = sorted((SHARED / "samples" / "histories").glob("*/*.xml"))
X0306 = SHARED / "sec" / "older" / "ownership-X0306-form4"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)

Change = Callable[[etree._Element], None]


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _root(path: Path) -> etree._Element:
    return etree.parse(str(path), PARSER).getroot()


def _version(path: Path) -> str:
    return (_root(path).findtext("schemaVersion") or "").strip()


def _sample(
    version: str, form: str = "4", where: Callable[[etree._Element], bool] = lambda root: True
) -> Path:
    """The first real filing of this version and form that ``where`` accepts."""
    for path in SAMPLES + HISTORIES:
        root = _root(path)
        if _version(path) == version and root.findtext("documentType") == form and where(root):
            return path
    raise AssertionError(f"no Form {form} sample of {version}")


def _write(tmp_path: Path, sample: Path, *changes: Change, name: str = "changed.xml") -> Path:
    tree = etree.parse(str(sample), PARSER)
    for change in changes:
        change(tree.getroot())
    out = tmp_path / name
    tree.write(str(out), xml_declaration=True, encoding="utf-8", pretty_print=True)
    return out


def _errors(report: dict, rule_id: str | None = None) -> list[dict]:
    return [
        p
        for p in report["problems"]
        if p["severity"] == "error" and (rule_id is None or p["rule"] == rule_id)
    ]


def _found(report: dict, rule_id: str) -> list[dict]:
    return [p for p in report["problems"] if p["rule"] == rule_id]


def _set_version(version: str | None) -> Change:
    """Declare another schemaVersion (None: declare none)."""

    def change(root: etree._Element) -> None:
        element = root.find("schemaVersion")
        if version is None:
            if element is not None:
                root.remove(element)
            return
        if element is None:
            element = etree.Element("schemaVersion")
            root.insert(0, element)
        element.text = version

    return change


def _set_state(code: str) -> Change:
    def change(root: etree._Element) -> None:
        state = root.find("reportingOwner/reportingOwnerAddress/rptOwnerState")
        assert state is not None
        state.text = code

    return change


def _has_state(root: etree._Element) -> bool:
    return root.find("reportingOwner/reportingOwnerAddress/rptOwnerState") is not None


def _no_box(root: etree._Element) -> bool:
    return root.find("aff10b5One") is None


# --- every real filing, as a record --------------------------------------------------------------


def test_every_real_filing_is_valid_as_a_record_of_its_own_version(capsys):
    files = [str(p) for p in SAMPLES + HISTORIES]
    assert len(files) == 123, "expected the 100 real samples and the 23 of the history"
    declared = {_version(Path(f)) for f in files}
    assert {"X0203", "X0206", "X0306", "X0407", "X0508", "X0609"} <= declared
    code, reports = run_json(capsys, "--profile", "record", *files)
    assert [r["file"] for r in reports] == files
    assert [(r["file"], _errors(r)) for r in reports if _errors(r)] == []
    assert all(r["valid"] for r in reports)
    assert code == 0
    assert not any(_found(r, "schema-version") for r in reports)  # every version is known


def test_the_library_gives_the_same_verdict():
    for path in (SAMPLES[0], HISTORIES[0], _sample("X0306", "5")):
        report = validate.check_path(path, "record")
        assert report.valid, (path, report.problems)


def test_most_old_filings_are_invalid_when_judged_by_the_current_version(capsys):
    """What `validate --profile record` said before it knew versions: the measure of the fix."""
    old = [p for p in SAMPLES + HISTORIES if versions.before(_version(p), "X0407")]
    assert len(old) >= 60
    code, reports = run_json(capsys, "--profile", "submission", *map(str, old))
    assert code == 1
    assert all(
        _errors(r, "xsd") or _errors(r, "aff10b5-unanswered")
        for r in reports
        if r["document_type"] != "3"
    )


# --- the 10b5-1 box (X0407) ---------------------------------------------------------------------


def test_x0306_form4_without_the_box_is_valid_but_not_as_the_current_version(tmp_path, capsys):
    sample = _sample("X0306", "4", _no_box)
    code, [report] = run_json(capsys, "--profile", "record", str(sample))
    assert code == 0 and report["valid"], report["problems"]

    current = _write(tmp_path, sample, _set_version(None), name="no-version.xml")
    code, [report] = run_json(capsys, "--profile", "record", str(current))
    assert code == 1 and not report["valid"]
    assert any("aff10b5One" in p["message"] for p in _errors(report, "xsd"))

    declared = _write(tmp_path, sample, _set_version("X0609"), name="x0609.xml")
    code, [report] = run_json(capsys, "--profile", "record", str(declared))
    assert code == 1 and any("aff10b5One" in p["message"] for p in _errors(report, "xsd"))


def test_every_pre_x0407_version_does_without_the_box(tmp_path, capsys):
    sample = _sample("X0306", "4", _no_box)
    for version in ("X0201", "X0203", "X0303", "X0305", "X0306", "X0406"):
        path = _write(tmp_path, sample, _set_version(version), name=f"{version}.xml")
        code, [report] = run_json(capsys, "--profile", "record", str(path))
        assert code == 0, (version, report["problems"])
    for version in ("X0407", "X0508", "X0609"):
        path = _write(tmp_path, sample, _set_version(version), name=f"{version}.xml")
        code, [report] = run_json(capsys, "--profile", "record", str(path))
        assert code == 1, version


def test_an_x0508_form5_or_form4a_without_the_box_is_invalid(tmp_path, capsys):
    """From X0407 on the box is required on Forms 4, 4/A, 5 and 5/A, as in X0609."""

    def drop_box(root: etree._Element) -> None:
        root.remove(root.find("aff10b5One"))

    sample = _sample("X0508", "4/A")
    broken = _write(tmp_path, sample, drop_box)
    code, [report] = run_json(capsys, "--profile", "record", str(broken))
    assert code == 1 and any("aff10b5One" in p["message"] for p in _errors(report, "xsd"))

    form5 = _sample("X0306", "5", _no_box)
    path = _write(tmp_path, form5, _set_version("X0508"), name="form5.xml")
    code, [report] = run_json(capsys, "--profile", "record", str(path))
    assert code == 1 and any("aff10b5One" in p["message"] for p in _errors(report, "xsd"))


def test_a_later_only_rule_does_not_fire_on_an_older_version(tmp_path, capsys):
    """aff10b5-adoption-date (the plan's adoption date, Release 33-11138) applies from X0407."""

    def ticked_without_date(root: etree._Element) -> None:
        root.find("aff10b5One").text = "1"
        for footnote in root.iterfind("footnotes/footnote"):
            footnote.text = "Explained elsewhere."
            for inner in list(footnote):
                footnote.remove(inner)
        remarks = root.find("remarks")
        if remarks is not None:
            root.remove(remarks)

    sample = _sample("X0508", "4")
    x0508 = _write(tmp_path, sample, ticked_without_date, name="x0508.xml")
    _, [report] = run_json(capsys, "--profile", "record", str(x0508))
    assert _found(report, "aff10b5-adoption-date"), report["problems"]

    x0306 = _write(tmp_path, sample, ticked_without_date, _set_version("X0306"), name="x0306.xml")
    code, [report] = run_json(capsys, "--profile", "record", str(x0306))
    assert not _found(report, "aff10b5-adoption-date"), report["problems"]
    assert code == 0, report["problems"]  # a later element is tolerated in an older document


def test_rules_say_which_version_they_apply_from():
    since = {r.id: r.since for r in RULES if r.since}
    assert since["aff10b5-adoption-date"] == "X0407"
    assert since["obsolete-country"] == "X0609"
    assert set(since.values()) <= {change.version for change in versions.CHANGES}
    with pytest.raises(ValueError, match="not a schema version"):
        rule("never-registered", "warning", "nowhere", since="X0999")


# --- the old rptOwnerState codes (X0609) ---------------------------------------------------------


def test_an_old_foreign_state_code_is_accepted_for_an_old_version_and_refused_for_x0609(
    tmp_path, capsys
):
    sample = _sample("X0306", "4", lambda root: _has_state(root) and _no_box(root))
    for code_ in ("K3", "A1", "X0", "X1", "U2", "V8"):  # Germany... Soviet Union, Switzerland
        old = _write(tmp_path, sample, _set_state(code_), name=f"old-{code_}.xml")
        code, [report] = run_json(capsys, "--profile", "record", str(old))
        assert code == 0, (code_, report["problems"])

        new = _write(tmp_path, old, _set_version("X0609"), _add_box("0"), name=f"new-{code_}.xml")
        code, [report] = run_json(capsys, "--profile", "record", str(new))
        assert code == 1, code_
        [problem] = _errors(report)
        assert problem["rule"] == "xsd" and problem["location"].endswith("rptOwnerState")
        assert f"'{code_}' is not one of the allowed codes" in problem["message"]
        assert "rptOwnerCountry" in problem["message"]  # says where a foreign code goes now


def test_x0508_filings_still_took_foreign_state_codes(tmp_path, capsys):
    def foreign(root: etree._Element) -> bool:
        state = root.findtext(".//rptOwnerState")
        return state in COUNTRIES and state not in US_STATES

    sample = _sample("X0508", "4", foreign)
    code, [report] = run_json(capsys, "--profile", "record", str(sample))
    assert code == 0, report["problems"]
    current = _write(tmp_path, sample, _set_version("X0609"))
    code, [report] = run_json(capsys, "--profile", "record", str(current))
    assert code == 1
    assert all(p["location"].endswith("rptOwnerState") for p in _errors(report))


def test_a_code_never_on_any_list_is_refused_by_every_version(tmp_path, capsys):
    sample = _sample("X0306", "4", lambda root: _has_state(root) and _no_box(root))
    for version in ("X0306", "X0508"):
        path = _write(tmp_path, sample, _set_state("QQ"), _set_version(version))
        code, [report] = run_json(capsys, "--profile", "record", str(path))
        assert code == 1
        [problem] = [p for p in _errors(report) if p["location"].endswith("rptOwnerState")]
        assert f"version {version}" in problem["message"], problem  # says which rules applied


# --- the submission profile stays X0609 ----------------------------------------------------------


def test_a_submission_is_judged_as_x0609_whatever_it_declares(tmp_path, capsys):
    sample = _sample("X0306", "4", lambda root: _has_state(root) and _no_box(root))
    old = _write(tmp_path, sample, _set_state("K3"))
    code, [report] = run_json(capsys, "--profile", "submission", str(old))
    assert code == 1
    messages = " ".join(p["message"] for p in _errors(report, "xsd"))
    assert "'K3'" in messages
    assert _errors(report, "aff10b5-unanswered")  # the missing box, said by its own rule
    [warning] = _found(report, "schema-version")
    assert warning["severity"] == "warning" and warning["line"]
    assert "X0306" in warning["message"] and "X0609" in warning["message"]
    assert warning["location"] == "/ownershipDocument/schemaVersion"

    same = run_json(
        capsys, "--profile", "submission", str(_write(tmp_path, old, _set_version(None)))
    )
    assert same[0] == 1 and not _found(same[1][0], "schema-version")


def test_a_current_submission_gets_no_version_warning(tmp_path, capsys):
    sample = _sample("X0609", "4")
    _, [report] = run_json(capsys, "--profile", "submission", str(sample))
    assert not _found(report, "schema-version")


def test_an_unknown_version_is_judged_as_current_with_a_warning(tmp_path, capsys):
    sample = _sample("X0306", "4", _no_box)
    for odd in ("X0999", "X0100", "Y0306"):
        path = _write(tmp_path, sample, _set_version(odd))
        code, [report] = run_json(capsys, "--profile", "record", str(path))
        assert code == 1 and any("aff10b5One" in p["message"] for p in _errors(report, "xsd"))
        [warning] = _found(report, "schema-version")
        assert odd in warning["message"] and "X0609" in warning["message"]


def test_versions_map_to_eras():
    first, middle, current = versions.ERAS
    assert versions.era_of("X0203") is first and versions.era_of("X0306") is first
    assert versions.era_of("X0407") is middle and versions.era_of("X0508") is middle
    for version in ("X0609", "X0999", "", "garbage", "x0306"):
        assert versions.era_of(version) is current
    assert first.optional == {"aff10b5One"} and first.legacy_states
    assert not middle.optional and middle.legacy_states
    assert current.is_current and not current.optional and not current.legacy_states
    root = etree.fromstring(
        "<ownershipDocument><schemaVersion> X0306 </schemaVersion></ownershipDocument>"
    )
    assert versions.judged_by(versions.declared(root), "record") == "X0306"
    assert versions.judged_by(versions.declared(root), "submission") == "X0609"
    assert versions.judged_by(None, "record") == "X0609"


def test_the_current_version_is_the_one_sec16_writes():
    """A record of a filing that declares no version is written with the current one."""
    from generator.formats.draft import load_draft
    from generator.formats.render import render

    draft = Path(__file__).resolve().parents[1] / "examples" / "form5-smith-allied-motion-2013.yaml"
    filing = load_draft(draft).model_copy(update={"schema_version": None})
    assert f"<schemaVersion>{versions.CURRENT}</schemaVersion>" in render(filing, "record")


# --- the derived schemas --------------------------------------------------------------------------


def test_each_era_schema_is_compiled_once_and_only_when_needed():
    schema.use_schema_dir(None)  # an empty cache
    current = _sample("X0609", "4")
    assert validate.check_path(current, "record").valid
    assert validate.check_path(current, "submission").document_type == "4"
    assert schema._load.cache_info().currsize == 1  # X0609 documents compile no older era
    first = schema.schema_for("4", "X0306")
    assert schema.schema_for("4", "X0303") is first  # same era, same compiled schema
    assert schema.schema_for("4", "X0508") is not first
    assert schema.schema_for("4") is schema.schema_for("4", "X0609")
    assert schema._load.cache_info().currsize == 3


def _sec_x0306(document_type: str) -> etree.XMLSchema:
    name = f"ownership{document_type.replace('/', '')}Document.xsd.xml"
    return etree.XMLSchema(etree.parse(str(X0306 / name), PARSER))


LATER_ELEMENTS = {name for change in versions.CHANGES for name in change.added}


def _as_amendment(root: etree._Element) -> None:
    root.find("documentType").text = "4/A"
    if root.find("dateOfOriginalSubmission") is None:
        original = etree.Element("dateOfOriginalSubmission")
        original.text = root.findtext("periodOfReport")
        root.insert(root.index(root.find("periodOfReport")) + 1, original)


def _without_later_elements(root: etree._Element) -> None:
    for element in list(root.iter(*LATER_ELEMENTS)):
        element.getparent().remove(element)


def _documents() -> Iterator[tuple[str, etree._ElementTree]]:
    """Real Forms 4 (any version) as Form 4 and 4/A, without later elements, then mutated."""
    forms = [p for p in SAMPLES + HISTORIES if _root(p).findtext("documentType") in ("4", "4/A")]
    assert len(forms) >= 60
    states = ["", " ", "  ", "QQ", "ny", "X1", "XX", *US_STATES, *LEGACY_FOREIGN_STATE_CODES]
    for path in forms:
        tree = etree.parse(str(path), PARSER)
        _without_later_elements(tree.getroot())
        for amendment in (False, True):
            doc = copy.deepcopy(tree)
            if amendment:
                _as_amendment(doc.getroot())
            yield f"{path.name} {'4/A' if amendment else '4'}", doc
            for mutation, change in _MUTATIONS.items():
                changed = copy.deepcopy(doc)
                if change(changed.getroot()) is not False:
                    yield f"{path.name} {mutation}", changed
    # every code either list ever had, and a few it never had, on one owner's address
    sample = etree.parse(str(_sample("X0306", "4", _has_state)), PARSER)
    for code in states:
        doc = copy.deepcopy(sample)
        _set_state(code)(doc.getroot())
        yield f"state {code!r}", doc


def _drop(path: str) -> Callable[[etree._Element], bool]:
    def change(root: etree._Element) -> bool:
        found = root.find(path)
        if found is None:
            return False
        found.getparent().remove(found)
        return True

    return change


def _add_box(value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        box = etree.Element("aff10b5One")
        box.text = value
        last_owner = root.findall("reportingOwner")[-1]
        root.insert(root.index(last_owner) + 1, box)

    return change


def _add_country(root: etree._Element) -> bool:
    address = root.find("reportingOwner/reportingOwnerAddress")
    if address is None:
        return False
    country = etree.Element("rptOwnerCountry")
    country.text = "V8"
    later = [address.find(n) for n in ("rptOwnerZipCode", "rptOwnerStateDescription")]
    following = [element for element in later if element is not None]
    address.insert(address.index(following[0]) if following else len(address), country)
    return True


_MUTATIONS: dict[str, Callable[[etree._Element], object]] = {
    "aff10b5One 0": _add_box("0"),
    "aff10b5One maybe": _add_box("maybe"),
    "rptOwnerCountry": _add_country,
    "no schemaVersion": _drop("schemaVersion"),
    "no issuer symbol": _drop("issuer/issuerTradingSymbol"),
    "no signature": _drop("ownerSignature"),
    "no relationship": _drop("reportingOwner/reportingOwnerRelationship"),
}


@pytest.mark.parametrize("schema_dir", [None, SEC_SCHEMAS], ids=["ours", "sec-v5.5"])
def test_the_derived_x0306_schema_agrees_with_the_secs(schema_dir: Path | None):
    """The X0306 era derived from X0609 (the project's files, or the SEC's with --schemas) gives
    the verdict of the SEC's own X0306 Form 4 and 4/A schemas on every document without a later
    element; a document with one is accepted here (a tolerated later element) and refused by
    the SEC's X0306 schema only for that element."""
    schema.use_schema_dir(schema_dir)
    try:
        ours = {t: schema.schema_for(t, "X0306") for t in ("4", "4/A")}
        theirs = {t: _sec_x0306(t) for t in ("4", "4/A")}
        compared = disagreements = tolerated = 0
        invalid = 0
        for name, doc in _documents():
            document_type = doc.getroot().findtext("documentType") or ""
            our_ok = ours[document_type].validate(doc)
            their_ok = theirs[document_type].validate(doc)
            compared += 1
            invalid += not their_ok
            later = any(True for _ in doc.getroot().iter(*LATER_ELEMENTS))
            if later and our_ok and not their_ok:
                reasons = [e.message for e in theirs[document_type].error_log]
                assert all(any(n in r for n in LATER_ELEMENTS) for r in reasons), name
                tolerated += 1
                continue
            if our_ok != their_ok:
                disagreements += 1
                pytest.fail(f"{name}: ours {our_ok}, the SEC's X0306 {their_ok}")
        assert compared > 1000 and invalid > 100 and tolerated > 100 and disagreements == 0
    finally:
        schema.use_schema_dir(None)
