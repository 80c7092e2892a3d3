"""Schema errors said with xmlschema's account of them (issue 17, point 5).

libxml2 judges; when it finds a real filing broken, xmlschema reads the same tree and the
sentence names the place, what the schema expects there and, for a code, the codes it takes.
Each test breaks a real filing from ../shared/samples/real in one way with lxml. A valid
filing never imports xmlschema, and where the two engines disagree libxml2's own wording is
kept, so that no error is lost.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, SEC_SCHEMAS, SHARED
from lxml import etree

from generator.checks import schema
from generator.cli import main
from generator.model.problems import Problem

PARSER = schema.safe_parser()
HISTORIES = sorted((SHARED / "samples" / "histories").glob("*/*.xml"))
PLAIN_ROW = [
    "securityTitle",
    "transactionDate",
    "transactionCoding",
    "transactionAmounts",
    "postTransactionAmounts",
    "ownershipNature",
]


@pytest.fixture(autouse=True)
def _own_schemas(clean_machine: None) -> None:
    """The project's schemas, whatever the machine's SEC16_SCHEMA_DIR says."""
    schema.use_schema_dir(None)


def _tags(element: etree._Element) -> list[str]:
    return [str(child.tag) for child in element if isinstance(child.tag, str)]


def _form_4(where: Callable[[etree._Element], bool]) -> etree._ElementTree:
    """A valid real Form 4 that ``where`` accepts, parsed."""
    for path in SAMPLES:
        tree = etree.parse(str(path), PARSER)
        root = tree.getroot()
        if root.findtext("documentType") == "4" and where(root) and not schema.check(tree, "4"):
            return tree
    raise AssertionError("no such Form 4 among the real samples")


def _plain_row(root: etree._Element) -> etree._Element | None:
    """The first Table I transaction with no optional column (the order of PLAIN_ROW)."""
    return next(
        (row for row in root.iter("nonDerivativeTransaction") if _tags(row) == PLAIN_ROW), None
    )


@pytest.fixture
def filing() -> etree._ElementTree:
    def fits(root: etree._Element) -> bool:
        return _plain_row(root) is not None and bool(root.findtext(".//rptOwnerState"))

    return _form_4(fits)


def _broken(
    filing: etree._ElementTree, change: Callable[[etree._Element], etree._Element]
) -> tuple[etree._ElementTree, etree._Element]:
    """A copy of the filing changed by ``change``, and the element it says the error is at."""
    tree = copy.deepcopy(filing)
    return tree, change(tree.getroot())


def _one_problem(tree: etree._ElementTree, where: etree._Element, form: str = "4") -> str:
    """The one schema problem, at the element's path and line; its message."""
    problems = schema.check(tree, form)
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.rule == "xsd" and problem.severity == "error"
    assert problem.location == tree.getpath(where)
    assert problem.line == where.sourceline
    assert problem.message.endswith(
        f"(Form {form} schema); EDGAR suspends a filing that breaks its schema"
    )
    return problem.message


# --- elements missing or out of place -------------------------------------------------------------


def test_a_missing_transaction_amounts_says_what_the_schema_expects_after_the_coding(filing):
    def drop(root: etree._Element) -> etree._Element:
        row = _plain_row(root)
        assert row is not None
        row.remove(row.find("transactionAmounts"))
        return row.find("postTransactionAmounts")

    message = _one_problem(*_broken(filing, drop))
    assert message.startswith(
        "<postTransactionAmounts>: the amount columns (shares, acquired_disposed, price) is "
        "missing before owned_following (or value_owned_following): give it (after "
        "<transactionCoding> the schema expects <transactionTimeliness> or <transactionAmounts>)"
    ), message
    assert "This element is not expected" not in message


def test_elements_out_of_order_are_said_so(filing):
    def swap(root: etree._Element) -> etree._Element:
        row = _plain_row(root)
        assert row is not None
        date = row.find("transactionDate")
        row.remove(date)
        row.insert(2, date)  # after transactionCoding
        return row.find("transactionCoding")

    message = _one_problem(*_broken(filing, swap))
    assert (
        "<transactionCoding>: <transactionDate> is out of order: the schema wants it before "
        "<transactionCoding> (after <securityTitle> the schema expects <transactionDate>)"
    ) in message


def test_a_missing_last_element_is_said_with_the_end_of_its_parent(filing):
    def drop(root: etree._Element) -> etree._Element:
        row = _plain_row(root)
        assert row is not None
        row.remove(row.find("ownershipNature"))
        return row

    message = _one_problem(*_broken(filing, drop))
    assert (
        "<nonDerivativeTransaction>: ownership is missing: give it (after "
        "<postTransactionAmounts> the schema expects <ownershipNature> before "
        "</nonDerivativeTransaction>)"
    ) in message


def test_an_element_given_twice_is_said_so(filing):
    def twice(root: etree._Element) -> etree._Element:
        cik = root.find("issuer/issuerCik")
        cik.addnext(copy.deepcopy(cik))
        return cik.getnext()

    message = _one_problem(*_broken(filing, twice))
    assert "the issuer's cik is given twice: <issuer> takes one (after <issuerCik>" in message


def test_an_element_the_form_does_not_have(filing):
    def stray(root: etree._Element) -> etree._Element:
        return etree.SubElement(root.find("issuer"), "issuerPhone")

    tree, where = _broken(filing, stray)
    [problem] = schema.check(tree, "4")
    assert problem.location == tree.getpath(where)
    assert "<issuerPhone> cannot come here: <issuer> has no <issuerPhone> on this form" in (
        problem.message
    )
    assert "the end of <issuer>" in problem.message


def test_a_footnote_alone_is_still_said_with_the_drafts_keys(filing):
    def footnote_alone(root: etree._Element) -> etree._Element:
        row = _plain_row(root)
        assert row is not None
        shares = row.find("transactionAmounts/transactionShares")
        for child in list(shares):
            shares.remove(child)
        reference = etree.SubElement(shares, "footnoteId")
        reference.set("id", "F1")
        return reference

    tree, where = _broken(filing, footnote_alone)
    messages = [p.message for p in schema.check(tree, "4") if p.location == tree.getpath(where)]
    assert messages and messages[0].startswith(
        "<footnoteId>: shares is given by a footnote alone, which EDGAR accepts only for price"
    )


# --- values ---------------------------------------------------------------------------------------


def _set_text(path: str, text: str) -> Callable[[etree._Element], etree._Element]:
    def change(root: etree._Element) -> etree._Element:
        element = root.find(path)
        assert element is not None, path
        element.text = text
        return element

    return change


CODE = ".//nonDerivativeTransaction/transactionCoding/transactionCode"


def _without(child: str) -> Callable[[etree._Element], etree._Element]:
    """The first Table I transaction without its ``child`` (a structure error: xmlschema's)."""

    def change(root: etree._Element) -> etree._Element:
        row = root.find(".//nonDerivativeTransaction")
        assert row is not None and row.find(child) is not None
        row.remove(row.find(child))
        return row

    return change


ALL_CODES = "A, C, D, E, F, G, H, I, J, L, M, O, P, S, U, W, X or Z"


def test_a_transaction_code_the_schema_does_not_have_lists_the_codes(filing):
    message = _one_problem(*_broken(filing, _set_text(CODE, "Q")))
    assert message.startswith(
        f"<transactionCode>: the value 'Q' is not one of the allowed codes: {ALL_CODES} (Form 4"
    ), message


def test_a_lower_case_code_is_pointed_at_its_capital(filing):
    message = _one_problem(*_broken(filing, _set_text(CODE, "p")))
    assert f"the value 'p' is not one of the allowed codes: {ALL_CODES} (did you mean 'P'?)" in (
        message
    )


def test_a_short_code_list_is_said_with_the_projects_labels(filing):
    path = ".//nonDerivativeTransaction/transactionAmounts/transactionAcquiredDisposedCode/value"
    message = _one_problem(*_broken(filing, _set_text(path, "B")))
    assert message.startswith(
        "<value> of <transactionAcquiredDisposedCode>: the value 'B' is not one of the allowed "
        "codes: A — Acquired or D — Disposed"
    ), message


def test_a_state_code_lists_the_states_and_keeps_the_foreign_code_hint(filing):
    message = _one_problem(*_broken(filing, _set_text(".//rptOwnerState", "N4")))
    assert "<rptOwnerState>: the value 'N4' is not one of the allowed codes: AL, AK," in message
    assert ", WY, " in message and " or blank; N4 (LUXEMBOURG) was a foreign code" in message


def test_a_value_too_long_says_its_length_and_the_limit(filing):
    message = _one_problem(*_broken(filing, _set_text(".//rptOwnerName", "X" * 151)))
    assert (
        "<rptOwnerName>: the value is 151 characters long; the schema takes at most 150 here"
        in (message)
    )
    title = ".//nonDerivativeTransaction/securityTitle/value"
    message = _one_problem(*_broken(filing, _set_text(title, "Common Stock " * 5)))
    assert "<value> of <securityTitle>: the value is 65 characters long; the schema takes at " in (
        message
    )
    assert "most 60 here" in message


def test_numbers_dates_and_boxes_say_what_the_schema_takes(filing):
    shares = ".//nonDerivativeTransaction/transactionAmounts/transactionShares/value"
    for path, text, sentence in [
        (shares, "1,000", "<value> of <transactionShares>: '1,000' is not a number"),
        (shares, "-5", "'-5' is less than 0, the smallest value the schema takes here"),
        (shares, "1.234567", "'1.234567' has more than 4 decimals"),
        ("periodOfReport", "2025-13-01", "is not a date of the form YYYY-MM-DD (month must be"),
        (".//rptOwnerCik", "12-34", "'12-34' is not of the form the schema takes here: 1 to 10"),
        (".//isDirector", "yes", "'yes' is not a yes/no value: the schema takes 1, 0, true or"),
    ]:
        message = _one_problem(*_broken(filing, _set_text(path, text)))
        assert sentence in message, message
        assert "atomic type" not in message and "[facet" not in message


def test_an_attribute_is_named_with_its_element(filing):
    def bad_reference(root: etree._Element) -> etree._Element:
        reference = next(root.iter("footnoteId"))
        reference.set("id", "F100")
        return reference

    message = _one_problem(*_broken(filing, bad_reference))
    assert message.startswith(
        "the attribute id of <footnoteId>: 'F100' is not of the form the schema takes here: F1 "
        "to F99"
    ), message


# --- the engines together -------------------------------------------------------------------------


def test_where_xmlschema_disagrees_the_libxml2_wording_is_kept(filing):
    """ "5 5" is no number for libxml2 but is one for xmlschema (gap G3 of the differential test):
    the error is still reported, in libxml2's words."""
    shares = ".//nonDerivativeTransaction/transactionAmounts/transactionShares/value"
    message = _one_problem(*_broken(filing, _set_text(shares, "5 5")))
    assert "<value>: '5 5' is not a valid value of the atomic type 'AmountType'" in message


def _mutated(rng: random.Random, tree: etree._ElementTree) -> etree._ElementTree:
    """One change of a kind the schema catches: an element dropped, doubled, moved or given an
    odd value."""
    changed = copy.deepcopy(tree)
    elements = [e for e in changed.getroot().iter() if isinstance(e.tag, str)][1:]
    element = rng.choice(elements)
    parent = element.getparent()
    assert parent is not None
    kind = rng.randrange(4)
    if kind == 0:
        parent.remove(element)
    elif kind == 1:
        element.addnext(copy.deepcopy(element))
    elif kind == 2:
        parent.remove(element)
        parent.insert(rng.randrange(len(parent) + 1), element)
    elif not len(element):
        element.text = rng.choice(["Q", "", "-1", "x" * 300, "2025-02-30", "maybe", "1,5"])
    return changed


def _places(problems: list[Problem]) -> set[tuple[int | None, str | None]]:
    return {(p.line, p.location) for p in problems}


def test_every_libxml2_error_is_one_problem_with_or_without_xmlschema(monkeypatch):
    """On every real filing, changed a few ways: the same places as libxml2's own errors; most
    said by xmlschema, the rest in libxml2's words, none lost."""
    rng = random.Random(17)
    cases = []
    for path in SAMPLES:
        tree = etree.parse(str(path), PARSER)
        form = (tree.getroot().findtext("documentType") or "").strip()
        cases += [(_mutated(rng, tree), form) for _ in range(3)]
    explained = total = 0
    for tree, form in cases:
        judge = schema.schema_for(form)
        if judge.validate(tree):
            continue
        errors = {(e.line or None, e.path or None) for e in judge.error_log}  # type: ignore[attr-defined]
        said = schema.check(tree, form)
        with monkeypatch.context() as m:
            m.setattr(schema, "_xmlschema", lambda *_: None)
            m.setattr(schema, "_SAID", {})  # nothing remembered from the run with xmlschema
            m.setattr(schema, "_code_sentence", lambda *_: None)  # libxml2's own words only
            plain = schema.check(tree, form)
        assert _places(said) == _places(plain) == errors, etree.tostring(tree)[:300]
        assert all(p.rule == "xsd" for p in said)
        total += len(said)
        explained += len({p.message for p in said} - {p.message for p in plain})
    assert total > 200
    assert explained >= 0.9 * total, f"xmlschema said only {explained} of {total}"


def test_a_record_of_an_older_version_is_explained_by_its_own_eras_schema():
    """An X0306 filing with no 10b5-1 box is valid for X0306; a state code that X0306 did not
    have either is said with X0306's list (the foreign codes it took among them)."""
    for path in SAMPLES + HISTORIES:
        tree = etree.parse(str(path), PARSER)
        root = tree.getroot()
        if (
            root.findtext("schemaVersion") == "X0306"
            and root.findtext("documentType") == "4"
            and root.findtext(".//rptOwnerState")
        ):
            break
    else:
        raise AssertionError("no X0306 Form 4 with a state among the samples")
    assert schema.check(tree, "4", version="X0306") == []
    root.find(".//rptOwnerState").text = "QQ"
    [problem] = schema.check(tree, "4", version="X0306")
    assert "(Form 4 schema, version X0306)" in problem.message
    assert "aff10b5One" not in problem.message
    assert "the value 'QQ' is not one of the allowed codes: AL, AK," in problem.message
    assert "codes in all" in problem.message  # the list with the foreign codes is long


def test_the_secs_own_schemas_are_explained_too(filing):
    schema.use_schema_dir(SEC_SCHEMAS)
    message = _one_problem(*_broken(filing, _set_text(CODE, "Q")))
    assert f"the value 'Q' is not one of the allowed codes: {ALL_CODES}" in message

    def drop(root: etree._Element) -> etree._Element:
        row = _plain_row(root)
        assert row is not None
        row.remove(row.find("transactionAmounts"))
        return row.find("postTransactionAmounts")

    message = _one_problem(*_broken(filing, drop))
    assert (
        "after <transactionCoding> the schema expects <transactionTimeliness> or "
        "<transactionAmounts>"
    ) in message


def test_xmlschema_compiles_each_schema_once_and_only_for_an_invalid_document(filing):
    schema._xmlschema.cache_clear()
    assert schema.check(filing, "4") == []
    assert schema._xmlschema.cache_info().currsize == 0
    for code in ("Q", "B"):  # a code outside its list is said from libxml2's own list
        schema.check(_broken(filing, _set_text(CODE, code))[0], "4")
    assert schema._xmlschema.cache_info().currsize == 0
    for child in ("transactionAmounts", "transactionCoding"):
        schema.check(_broken(filing, _without(child))[0], "4")
    assert schema._xmlschema.cache_info().currsize == 1


def test_the_problem_reaches_the_report_with_its_line_and_path(filing, capsys, tmp_path):
    tree, where = _broken(filing, _set_text(CODE, "Q"))
    path = tmp_path / "broken.xml"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert main(["validate", "--format", "json", str(path)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    [problem] = [p for p in report["problems"] if p["rule"] == "xsd"]
    assert problem["location"] == tree.getpath(where)
    assert problem["line"] == where.sourceline
    assert f"the value 'Q' is not one of the allowed codes: {ALL_CODES}" in problem["message"]


def _report(tree: etree._ElementTree, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    path = tmp_path / "broken.xml"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    main(["validate", "--format", "json", "--profile", "submission", str(path)])
    [report] = json.loads(capsys.readouterr().out)
    return report


def test_a_sentence_names_the_10b5_1_box_only_when_the_box_is_the_problem(filing, capsys, tmp_path):
    """Without aff10b5One the rule aff10b5-unanswered speaks for the box, and the schema
    sentences that name it are left out; a sentence about another element must not name it in
    passing, or that element's problem would go with them."""

    def box_inside_a_name(root: etree._Element) -> etree._Element:
        box = root.find("aff10b5One")
        name = root.find(".//rptOwnerName")
        name.append(box)  # moved: the document has no aff10b5One of its own any more
        return name

    tree, name = _broken(filing, box_inside_a_name)
    report = _report(tree, tmp_path, capsys)
    rules = [p["rule"] for p in report["problems"]]
    assert "aff10b5-unanswered" in rules
    at_name = [p for p in report["problems"] if p["location"] == tree.getpath(name)]
    [problem] = [p for p in at_name if p["rule"] == "xsd"]
    assert (
        "the schema takes text only here, not elements: the Rule 10b5-1 box is inside it"
        in (problem["message"])
    )

    def footnote_for_the_box(root: etree._Element) -> etree._Element:
        box = root.find("aff10b5One")
        footnote = copy.deepcopy(root.find("footnotes/footnote"))
        box.addnext(footnote)
        root.remove(box)
        return footnote

    tree, footnote = _broken(filing, footnote_for_the_box)
    report = _report(tree, tmp_path, capsys)
    [problem] = [p for p in report["problems"] if p["location"] == tree.getpath(footnote)]
    assert problem["rule"] == "xsd"
    assert (
        "<footnote> cannot come here: <ownershipDocument> has no <footnote> on this form"
        in (problem["message"])
    )
    # The missing box is the rule's to say; the schema sentence lists what may follow the
    # owners without it.
    assert "after <reportingOwner> the schema expects" in problem["message"]
    assert "<ownerSignature>)" in problem["message"]

    def no_box(root: etree._Element) -> etree._Element:
        root.remove(root.find("aff10b5One"))
        return root

    tree, _ = _broken(filing, no_box)
    [problem] = schema.check(tree, "4")  # said by the schema, left to the rule by validate
    assert "rule_10b5_1_plan (<aff10b5One>) is missing before" in problem.message
    assert "or <aff10b5One>)" in problem.message
    assert "aff10b5One" not in json.dumps(
        [p for p in _report(tree, tmp_path, capsys)["problems"] if p["rule"] == "xsd"]
    )


_LOADED = (
    "import sys\n"
    "from generator.cli import main\n"
    "code = main(['validate', sys.argv[1]])\n"
    "print('xmlschema' in sys.modules, code)\n"
)


def _xmlschema_loaded(path: Path) -> tuple[bool, int]:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    loaded, code = done.stdout.split()[-2:]
    return loaded == "True", int(code)


def test_a_valid_filing_never_imports_xmlschema_and_an_invalid_one_does(filing, tmp_path):
    valid = tmp_path / "valid.xml"
    filing.write(str(valid), xml_declaration=True, encoding="UTF-8")
    broken = tmp_path / "broken.xml"
    _broken(filing, _without("transactionAmounts"))[0].write(
        str(broken), xml_declaration=True, encoding="UTF-8"
    )
    loaded, _ = _xmlschema_loaded(valid)
    assert not loaded, "checking a valid filing imported xmlschema"
    assert _xmlschema_loaded(broken) == (True, 1)


def test_an_error_of_a_shape_already_explained_is_not_explained_again(monkeypatch):
    """xmlschema is asked once per shape of error: the same filing checked again, or another
    with the same mistake at the same place, takes the sentence said the first time."""
    path = next(
        p
        for p in SAMPLES
        if (etree.parse(str(p), PARSER).getroot().findtext("documentType") or "").strip() == "4"
    )
    tree, _ = _broken(etree.parse(str(path), PARSER), _without("transactionAmounts"))
    monkeypatch.setattr(schema, "_SAID", {})
    first = schema.check(tree, "4")
    assert first and "after <transactionCoding> the schema expects" in first[0].message
    calls = []
    real = schema._explained
    monkeypatch.setattr(schema, "_explained", lambda *a: calls.append(a) or real(*a))
    assert schema.check(copy.deepcopy(tree), "4") == first
    assert not calls
    tree, _ = _broken(tree, _without("transactionCoding"))  # another shape: asked again
    again = schema.check(tree, "4")
    assert calls and again != first
