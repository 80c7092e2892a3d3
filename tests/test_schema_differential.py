"""Differential test: the project's own XSDs (schemas/) against the SEC's own v5.5 schemas.

The project writes its own ownershipDocument schemas (schemas/common.xsd and form*.xsd) from the
specification's facts. They are only worth having if they give exactly the SEC's verdict, so
this file validates the same documents with both sets and requires the same valid/invalid
verdict every time:

* every real filing in ../shared/samples/real, as filed, "modernised" to X0609 (aff10b5One
  added, foreign codes moved from rptOwnerState to rptOwnerCountry) and relabelled as each of
  the six forms;
* sweeps: every code of the closed lists (states, countries, transaction codes, timeliness,
  ...), every printable character in the patterned fields, and a set of probe values in every
  kind of leaf element the samples contain;
* over two hundred hand-made mutations, each applied to every sample (one test per mutation);
* random mutations drawn by hypothesis (delete / duplicate an element, change a text or a
  footnote id).

Ours vs SEC's is compared with lxml (libxml2), the engine the SEC-check tool also uses, and must
agree exactly. Ours is also run through xmlschema (a second, independent XSD engine) and
must agree with lxml on ours, apart from the known engine gaps listed at `KNOWN ENGINE GAPS`
below, each of which is neutralised explicitly and counted.

The tally ("differential: N documents ..., 0 disagreements") is printed in pytest's terminal
summary and by test_zz_summary, which fails if any comparison disagreed.

Only lxml, xmlschema, hypothesis and pathlib are used: the `generator` package is not imported.
Set SEC16_DIFF_FULL=1 to run xmlschema on every document, not only on a fixed share of the
sweeps and hand-made mutations (several minutes instead of under one).
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

PROJECT = Path(__file__).resolve().parents[1]
OUR_DIR = PROJECT / "schemas"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEC_DIR = SHARED / "sec" / "ownership-spec-v5.5" / "schemas"
SAMPLE_FILES = sorted((SHARED / "samples" / "real").glob("*/*.xml"))

if not SEC_DIR.is_dir() or not SAMPLE_FILES:
    pytest.skip(f"reference material not found under {SHARED}", allow_module_level=True)

FULL = os.environ.get("SEC16_DIFF_FULL", "") not in ("", "0")
# xmlschema is ~40x slower than lxml, so outside FULL mode it sees every real sample and every
# random example, but only a fixed 1/XS_EVERY of the sweep and hand-mutation documents
# (every mutation still gets several samples, every sample several mutations).
XS_EVERY = 40
XS_MAX_BYTES = 40_000  # and only on documents up to this size (see test_hand_mutation)

# documentType -> (our file, the SEC's file)
FORMS: dict[str, tuple[str, str]] = {
    "3": ("form3.xsd", "ownership3Document.xsd.xml"),
    "3/A": ("form3a.xsd", "ownership3ADocument.xsd.xml"),
    "4": ("form4.xsd", "ownership4Document.xsd.xml"),
    "4/A": ("form4a.xsd", "ownership4ADocument.xsd.xml"),
    "5": ("form5.xsd", "ownership5Document.xsd.xml"),
    "5/A": ("form5a.xsd", "ownership5ADocument.xsd.xml"),
}
XS_NS = {"xs": "http://www.w3.org/2001/XMLSchema"}


def family(form: str) -> str:
    return form[0]


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True)


def parse(data: bytes) -> etree._Element:
    # libxml2 records xs:ID values in the document it validates, so a tree is validated at
    # most once: every validation gets a freshly parsed (or deep-copied) tree.
    return etree.fromstring(data, parser())


# --------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------


def _lxml_schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), parser()))


OURS = {form: _lxml_schema(OUR_DIR / ours) for form, (ours, _) in FORMS.items()}
SECS = {form: _lxml_schema(SEC_DIR / sec) for form, (_, sec) in FORMS.items()}
XSCHEMAS = {form: xmlschema.XMLSchema10(str(OUR_DIR / ours)) for form, (ours, _) in FORMS.items()}


def _enumeration(path: Path, xpath: str) -> list[str]:
    return etree.parse(str(path), parser()).xpath(
        xpath + "//xs:enumeration/@value", namespaces=XS_NS
    )


SEC_COMMON = SEC_DIR / "ownershipDocumentCommon.xsd.xml"
SEC_STATES = _enumeration(SEC_COMMON, '//xs:element[@name="rptOwnerState"]')
SEC_COUNTRIES = _enumeration(SEC_COMMON, '//xs:element[@name="rptOwnerCountry"]')
OUR_STATES = _enumeration(OUR_DIR / "common.xsd", '//xs:simpleType[@name="StateCode"]')
OUR_COUNTRIES = _enumeration(OUR_DIR / "common.xsd", '//xs:simpleType[@name="CountryCode"]')


# --------------------------------------------------------------------------------------------
# KNOWN ENGINE GAPS between libxml2 (lxml) and xmlschema, found while writing this test.
# Each is neutralised explicitly before lxml and xmlschema are compared on our schemas, and
# every use is counted in the summary. None of them applies to ours-vs-SEC's (both lxml).
#
#   G1 dangling IDREF: libxml2 does not check that an xs:IDREF value matches an xs:ID in the
#      document, so <footnoteId id="F7"/> without a footnote F7 is valid for lxml (for our
#      schemas and the SEC's alike) but invalid for xmlschema, which reports
#      "IDREF 'F7' not found in XML document". Such an error is discarded, but only when that
#      id really is carried by no <footnote>.
#   G2 white space around a date: xs:date has whiteSpace=collapse, so "<value> 2020-01-01
#      </value>" is a valid date; libxml2 rejects it (xmlschema accepts it). Date fields are
#      stripped before the comparison.
#   G3 white space inside a number: xmlschema (elementpath's DecimalProxy) deletes inner
#      spaces, so "5 5" is the decimal 55 for it; it is not a decimal at all (libxml2 rejects
#      it). Such values are replaced by "NaN", which neither engine accepts.
#   G4 comments or processing instructions inside a simple-content element are ignored by
#      libxml2 (correct) but rejected by xmlschema. They are removed before the comparison.
#      (The samples contain none and the mutations add none; kept for future samples.)
# --------------------------------------------------------------------------------------------

XML_WS = " \t\r\n"
SIBLING = {"3": "3/A", "3/A": "3", "4": "4/A", "4/A": "4", "5": "5/A", "5/A": "5"}
DATE_FIELDS = {"periodOfReport", "dateOfOriginalSubmission", "signatureDate"}
DATE_PARENTS = {"transactionDate", "deemedExecutionDate", "exerciseDate", "expirationDate"}
NUMBER_PARENTS = {
    "transactionShares",
    "transactionTotalValue",
    "transactionPricePerShare",
    "sharesOwnedFollowingTransaction",
    "valueOwnedFollowingTransaction",
    "conversionOrExercisePrice",
    "underlyingSecurityShares",
    "underlyingSecurityValue",
}
DANGLING_IDREF = re.compile(r"^IDREF '(.*)' not found in XML document$")


def _parent_tag(el: etree._Element) -> str | None:
    parent = el.getparent()
    return parent.tag if parent is not None else None


def neutralise(data: bytes) -> tuple[bytes, Counter[str]]:
    """Remove the triggers of gaps G2-G4 (see above); return the document and what was done."""
    used: Counter[str] = Counter()
    root = parse(data)
    for node in list(root.iter(etree.Comment, etree.PI)):
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            prev = node.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)
        used["G4"] += 1
    for el in root.iter():
        if not isinstance(el.tag, str) or len(el) or not el.text:
            continue
        is_date = el.tag in DATE_FIELDS or (el.tag == "value" and _parent_tag(el) in DATE_PARENTS)
        is_number = el.tag == "value" and _parent_tag(el) in NUMBER_PARENTS
        if is_date and el.text != el.text.strip(XML_WS):
            el.text = el.text.strip(XML_WS)
            used["G2"] += 1
        elif is_number and " " in " ".join(re.split(r"[ \t\r\n]+", el.text.strip(XML_WS))):
            el.text = "NaN"
            used["G3"] += 1
    if not used:
        return data, used
    return etree.tostring(root), used


def footnote_ids(root: etree._Element) -> set[str]:
    return {(f.get("id") or "").strip(XML_WS) for f in root.iter("footnote")}


# --------------------------------------------------------------------------------------------
# Bookkeeping
# --------------------------------------------------------------------------------------------


@dataclass
class Tally:
    documents: int = 0  # (document, form) pairs judged by both our and the SEC's schema
    valid: int = 0
    xmlschema: int = 0  # of which also judged by xmlschema
    gaps: Counter[str] = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)

    def summary(self) -> str:
        gaps = ", ".join(f"{k} {v}" for k, v in sorted(self.gaps.items())) or "none"
        return (
            f"differential: {self.documents} documents ({self.valid} valid, "
            f"{self.documents - self.valid} invalid for the SEC's schemas), "
            f"{len(self.disagreements)} disagreements; xmlschema cross-check on "
            f"{self.xmlschema} (engine gaps neutralised: {gaps})"
        )


TALLY = Tally()


def compare(
    label: str, form: str, doc: bytes | etree._Element, *, with_xmlschema: bool = True
) -> list[str]:
    """Judge one document with our and the SEC's schemas (lxml); optionally cross-check
    ours with xmlschema. Returns (and records) the disagreements.

    `doc` is the serialised document or a tree that has not been validated yet (the tree is
    used up: it is validated once, and a copy of it once)."""
    problems: list[str] = []
    sec_schema, our_schema = SECS[form], OURS[form]
    if isinstance(doc, bytes):
        data: bytes | None = doc
        our_ok = our_schema.validate(parse(doc))
        sec_ok = sec_schema.validate(parse(doc))
    else:
        data = None
        our_ok = our_schema.validate(copy.deepcopy(doc))
        sec_ok = sec_schema.validate(doc)
    TALLY.documents += 1
    TALLY.valid += sec_ok
    if sec_ok != our_ok:
        detail = "; ".join(
            e.message for e in list((our_schema if sec_ok else sec_schema).error_log)[:2]
        )
        problems.append(
            f"{label} as {form}: SEC says {'valid' if sec_ok else 'invalid'}, "
            f"ours says {'valid' if our_ok else 'invalid'} ({detail})"
        )
    TALLY.disagreements.extend(problems)
    if FULL or with_xmlschema:
        data = data if data is not None else etree.tostring(doc)
        if FULL or len(data) <= XS_MAX_BYTES:
            problems += cross_check(label, form, data)
    return problems


def cross_check(label: str, form: str, data: bytes) -> list[str]:
    """lxml and xmlschema must agree on our schema, once the known gaps are neutralised."""
    problems: list[str] = []
    our_schema = OURS[form]
    TALLY.xmlschema += 1
    cleaned, used = neutralise(data)
    lx_ok = our_schema.validate(parse(cleaned))
    root = parse(cleaned)
    ids = footnote_ids(root)
    left = []
    for err in XSCHEMAS[form].iter_errors(root, use_location_hints=False):
        m = DANGLING_IDREF.match(err.reason or "")
        if m and m.group(1).strip(XML_WS) not in ids:
            used["G1"] += 1  # see G1 above
            continue
        left.append(err)
    TALLY.gaps.update(used)
    if lx_ok != (not left):
        detail = (
            left[0].reason if left else "; ".join(e.message for e in list(our_schema.error_log)[:2])
        )
        problems.append(
            f"{label} as {form}: lxml says {'valid' if lx_ok else 'invalid'}, "
            f"xmlschema says {'invalid' if left else 'valid'} on our schema "
            f"({detail})"
        )
    TALLY.disagreements.extend(problems)
    return problems


class _Reporter:
    """Prints the tally in pytest's terminal summary, whether or not output is captured."""

    def pytest_terminal_summary(self, terminalreporter) -> None:  # type: ignore[no-untyped-def]
        if TALLY.documents:
            terminalreporter.write_line(TALLY.summary())


@pytest.fixture(scope="module", autouse=True)
def _report_tally(request: pytest.FixtureRequest) -> Iterator[None]:
    manager = request.config.pluginmanager
    if not manager.has_plugin("sec16-schema-differential"):
        manager.register(_Reporter(), "sec16-schema-differential")
    yield


# --------------------------------------------------------------------------------------------
# Samples and tree helpers
# --------------------------------------------------------------------------------------------

ROOT_ORDER = [
    "schemaVersion",
    "documentType",
    "periodOfReport",
    "dateOfOriginalSubmission",
    "noSecuritiesOwned",
    "notSubjectToSection16",
    "form3HoldingsReported",
    "form4TransactionsReported",
    "issuer",
    "reportingOwner",
    "aff10b5One",
    "nonDerivativeTable",
    "derivativeTable",
    "footnotes",
    "remarks",
    "ownerSignature",
]
ADDRESS_ORDER = [
    "rptOwnerNonUSAddressFlag",
    "rptOwnerStreet1",
    "rptOwnerStreet2",
    "rptOwnerCity",
    "rptOwnerNonUSStateTerritory",
    "rptOwnerState",
    "rptOwnerCountry",
    "rptOwnerZipCode",
    "rptOwnerStateDescription",
    "rptOwnerGoodAddress",
]
OWNER_ID_ORDER = ["rptOwnerCik", "rptOwnerCcc", "rptOwnerName"]
ISSUER_ORDER = ["issuerCik", "issuerName", "issuerTradingSymbol", "issuerForeignTradingSymbol"]
ROW_ORDER = [  # union of the row layouts of all forms
    "securityTitle",
    "conversionOrExercisePrice",
    "transactionDate",
    "deemedExecutionDate",
    "transactionCoding",
    "transactionTimeliness",
    "transactionAmounts",
    "exerciseDate",
    "expirationDate",
    "underlyingSecurity",
    "postTransactionAmounts",
    "ownershipNature",
]
HOLDING5_ORDER = [
    "securityTitle",
    "conversionOrExercisePrice",
    "transactionCoding",
    "exerciseDate",
    "expirationDate",
    "underlyingSecurity",
    "postTransactionAmounts",
    "ownershipNature",
]


def el(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    e = etree.Element(tag, **attrs)
    e.text = text
    return e


def place(parent: etree._Element, new: etree._Element, order: list[str]) -> etree._Element:
    """Insert `new` where `order` says it belongs among parent's children."""
    rank = order.index(new.tag)
    for i, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def ensure(parent: etree._Element, tag: str, order: list[str]) -> etree._Element:
    found = parent.find(tag)
    return found if found is not None else place(parent, el(tag), order)


def set_or_add(parent: etree._Element, tag: str, text: str, order: list[str]) -> None:
    ensure(parent, tag, order).text = text


def remove(e: etree._Element | None) -> bool:
    if e is None:
        return False
    e.getparent().remove(e)
    return True


def duplicate_until(e: etree._Element | None, count: int) -> bool:
    if e is None:
        return False
    parent = e.getparent()
    while len(parent.findall(e.tag)) < count:
        e.addnext(copy.deepcopy(e))
    return True


def first(root: etree._Element, xpath: str) -> etree._Element | None:
    found = root.xpath(xpath)
    return found[0] if found else None


def modernise(root: etree._Element, form: str) -> None:
    """Bring an older filing up to X0609 so that most of them validate before mutation."""
    if family(form) in "45" and root.find("aff10b5One") is None:
        place(root, el("aff10b5One", "0"), ROOT_ORDER)
    for state in list(root.iter("rptOwnerState")):
        value = state.text or ""
        if value in SEC_STATES:
            continue
        address = state.getparent()
        if value in SEC_COUNTRIES and address.find("rptOwnerCountry") is None:
            state.tag = "rptOwnerCountry"
            if address.find("rptOwnerNonUSAddressFlag") is None:
                place(address, el("rptOwnerNonUSAddressFlag", "1"), ADDRESS_ORDER)
        else:
            address.remove(state)


def retarget(root: etree._Element, form: str) -> None:
    """Relabel a document as another form (the structure is left for the schemas to judge)."""
    root.find("documentType").text = form
    original = root.find("dateOfOriginalSubmission")
    if form.endswith("/A") and original is None:
        place(root, el("dateOfOriginalSubmission", root.findtext("periodOfReport")), ROOT_ORDER)
    elif not form.endswith("/A") and original is not None:
        remove(original)
    if family(form) in "45" and root.find("aff10b5One") is None:
        place(root, el("aff10b5One", "false"), ROOT_ORDER)


@dataclass(frozen=True)
class Sample:
    name: str
    form: str
    original: bytes
    baseline: bytes  # modernised
    tree: etree._Element = field(compare=False, repr=False)  # parsed baseline: copy, never use

    def fresh(self) -> etree._Element:
        """A new, never validated tree of the modernised document."""
        return copy.deepcopy(self.tree)


def _load_samples() -> list[Sample]:
    out = []
    for path in SAMPLE_FILES:
        data = path.read_bytes()
        root = parse(data)
        form = (root.findtext("documentType") or "").strip()
        assert form in FORMS, f"{path}: unexpected documentType {form!r}"
        modernise(root, form)
        name = f"{path.parent.name}/{path.name}"
        baseline = etree.tostring(root)
        out.append(Sample(name, form, data, baseline, parse(baseline)))
    return out


SAMPLES = _load_samples()


def donor(tag: str) -> etree._Element:
    """A table row of the given kind from some sample (for grafting into others)."""
    for sample in SAMPLES:
        if family(sample.form) != "3" or "Holding" in tag:
            row = sample.fresh().find(f".//{tag}")
            if row is not None:
                return row
    raise AssertionError(f"no sample has a {tag}")


# --------------------------------------------------------------------------------------------
# 1. The schemas compile, and the closed lists are the SEC's
# --------------------------------------------------------------------------------------------


def test_schemas_compile() -> None:
    assert set(OURS) == set(SECS) == set(XSCHEMAS) == set(FORMS)
    for form, schema in XSCHEMAS.items():
        assert schema.elements.get("ownershipDocument") is not None, form
        assert not schema.target_namespace, form


def test_code_lists_equal_the_secs() -> None:
    assert sorted(OUR_STATES) == sorted(SEC_STATES)
    assert sorted(OUR_COUNTRIES) == sorted(SEC_COUNTRIES)
    assert len(set(OUR_STATES)) == len(OUR_STATES)
    assert len(set(OUR_COUNTRIES)) == len(OUR_COUNTRIES)


# --------------------------------------------------------------------------------------------
# 2. Real filings: as filed, modernised, and relabelled as each of the six forms
# --------------------------------------------------------------------------------------------


def test_real_samples() -> None:
    problems: list[str] = []
    valid_baselines = 0
    for sample in SAMPLES:
        for label, data in (("as filed", sample.original), ("modernised", sample.baseline)):
            problems += compare(f"{sample.name} ({label})", sample.form, data, with_xmlschema=False)
            problems += cross_check(f"{sample.name} ({label})", sample.form, data)
        valid_baselines += SECS[sample.form].validate(parse(sample.baseline))
        for form in FORMS:
            if form == sample.form:
                continue
            root = sample.fresh()
            retarget(root, form)
            problems += compare(f"{sample.name} (relabelled)", form, root, with_xmlschema=False)
    assert not problems, "\n".join(problems)
    # The mutations below start from the modernised documents: most must be valid.
    assert valid_baselines >= 0.9 * len(SAMPLES), valid_baselines


# --------------------------------------------------------------------------------------------
# 3. Sweeps over closed lists and typed values
# --------------------------------------------------------------------------------------------


def _sweep_docs(form_family: str, needs: str) -> list[Sample]:
    """Up to two modernised samples per form of the family that contain `needs`."""
    picked: dict[str, list[Sample]] = {}
    for s in SAMPLES:
        if family(s.form) == form_family and s.tree.find(needs) is not None:
            picked.setdefault(s.form, [])
            if len(picked[s.form]) < 2:
                picked[s.form].append(s)
    return [s for group in picked.values() for s in group]


def _sweep(
    samples: list[Sample],
    xpath: str,
    values: list[str],
    setter: Callable[[etree._Element, str], None] | None = None,
) -> list[str]:
    problems = []
    for si, sample in enumerate(samples):
        for vi, value in enumerate(values):
            root = sample.fresh()
            target = first(root, xpath)
            assert target is not None, (sample.name, xpath)
            if setter:
                setter(target, value)
            else:
                target.text = value
            problems += compare(
                f"{sample.name} [{xpath} = {value!r}]",
                sample.form,
                root,
                with_xmlschema=(si + vi) % XS_EVERY == 0,
            )
    return problems


def test_sweep_state_and_country_codes() -> None:
    codes = sorted(set(SEC_STATES) | set(SEC_COUNTRIES) | set(OUR_STATES) | set(OUR_COUNTRIES))
    codes += ["   ", "ZZ", "ny", " NY", "NY ", "US", "USA", "\tNY"]
    docs = [s for f in "345" for s in _sweep_docs(f, ".//reportingOwnerAddress")[:1]]

    def state(address: etree._Element, value: str) -> None:
        set_or_add(address, "rptOwnerState", value, ADDRESS_ORDER)

    def country(address: etree._Element, value: str) -> None:
        set_or_add(address, "rptOwnerNonUSAddressFlag", "true", ADDRESS_ORDER)
        set_or_add(address, "rptOwnerCountry", value, ADDRESS_ORDER)

    problems = _sweep(docs, ".//reportingOwnerAddress", codes, state)
    problems += _sweep(docs, ".//reportingOwnerAddress", codes, country)
    assert not problems, "\n".join(problems)


LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]


def test_sweep_transaction_codes_and_form_types() -> None:
    values = [*LETTERS, "s", "", " S", "S ", "SS", "1", "|"]
    problems = []
    for fam in "45":
        docs = _sweep_docs(fam, ".//transactionCoding/transactionCode")
        problems += _sweep(docs, ".//transactionCoding/transactionCode", values)
        problems += _sweep(
            docs,
            ".//transactionCoding/transactionFormType",
            ["3", "4", "5", "6", "", " 4", "4/A", "A"],
        )
        problems += _sweep(
            docs,
            ".//transactionCoding/equitySwapInvolved",
            ["0", "1", "true", "false", " 0 ", "", "no", "True"],
        )
    assert not problems, "\n".join(problems)


def test_sweep_timeliness_and_small_codes() -> None:
    timeliness = ["", "E", "L", "|", " E ", "\nL\n", "EL", "E|L", "e", "X", "  ", "O"]
    codes = ["A", "D", "I", "", " A", "a", "AD", "X", "|"]
    problems = []
    for fam in "45":
        docs = _sweep_docs(fam, ".//nonDerivativeTransaction")

        def timely(row: etree._Element, value: str) -> None:
            t = (
                place(row, el("transactionTimeliness"), ROW_ORDER)
                if row.find("transactionTimeliness") is None
                else row.find("transactionTimeliness")
            )
            ensure(t, "value", ["value", "footnoteId"]).text = value

        problems += _sweep(docs, ".//nonDerivativeTransaction", timeliness, timely)
        problems += _sweep(docs, ".//transactionAcquiredDisposedCode/value", codes)
        problems += _sweep(docs, ".//directOrIndirectOwnership/value", codes)
    assert not problems, "\n".join(problems)


NUMBERS = [
    "0",
    "0.0",
    "-0",
    "+5",
    ".5",
    "5.",
    "1.2345",
    "999999999999.9999",
    "1000000000000",
    "123456789012.3456",
    "1234567890123.456",
    "12345678901234567",
    "0000000000000000001.5",
    "1.00000",
    "999999999999.99990",
    " 42 ",
    "\n7\n",
    "-1",
    "-0.0001",
    "1.23456",
    "1,000",
    "1 000",
    "",
    " ",
    "abc",
    "1e3",
    "NaN",
    "INF",
    "$5",
    "(5)",
    "5%",
    ".",
    "+",
    "0x10",
    "٣",
]
DATES = [
    "2020-02-29",
    "2021-02-29",
    "2021-02-30",
    "2021-04-31",
    "2021-13-01",
    "2021-00-10",
    "2021-01-00",
    "20210101",
    "2021-1-1",
    "21-01-01",
    "",
    " ",
    "2021-01-01Z",
    "2021-01-01+05:00",
    "2021-01-01+14:01",
    "2021-01-01T10:00:00",
    "0000-01-01",
    "-0001-01-01",
    "10000-01-01",
    "2021/01/01",
    "01/02/2021",
    " 2021-01-01",
    "2021-01-01\n",
]


LEAF_PROBES = ["yes", "1", "-1", "0.5", "", " ", "2021-01-15", "2021-02-30", "X0", "F1", "S" * 61]


def test_sweep_every_leaf() -> None:
    """Every kind of leaf element found in the samples, per form family, gets each probe value:
    a field whose type differs from the SEC's cannot give the same verdict on all of them."""
    seen: dict[tuple[str, str, str], Sample] = {}
    for sample in SAMPLES:
        for leaf in sample.tree.iter():
            if isinstance(leaf.tag, str) and not len(leaf) and leaf.getparent() is not None:
                key = (family(sample.form), leaf.getparent().tag, leaf.tag)
                seen.setdefault(key, sample)
    problems = []
    for n, ((_, parent, tag), sample) in enumerate(sorted(seen.items())):
        xpath = tag if parent == "ownershipDocument" else f".//{parent}/{tag}"
        for m, probe in enumerate(LEAF_PROBES):
            root = sample.fresh()
            first(root, xpath).text = probe
            problems += compare(
                f"{sample.name} [{xpath} = {probe!r}]",
                sample.form,
                root,
                with_xmlschema=(n + m) % XS_EVERY == 0,
            )
    assert len(seen) > 50, sorted(seen)
    assert not problems, "\n".join(problems)


PATTERN_CHARS = [chr(c) for c in range(0x20, 0x7F)] + ["\u00e9", "\u0663", "\uff11", "\t"]


def test_sweep_pattern_characters() -> None:
    """Each printable ASCII character (and a few others) inside the patterned fields."""
    problems = []
    for fam in "345":
        docs = _sweep_docs(fam, ".//reportingOwnerAddress")[:1]

        def zip_code(address: etree._Element, value: str) -> None:
            set_or_add(address, "rptOwnerZipCode", value, ADDRESS_ORDER)

        problems += _sweep(
            docs, ".//reportingOwnerAddress", [f"1{c}2" for c in PATTERN_CHARS], zip_code
        )
        problems += _sweep(docs, "issuer/issuerCik", [f"1{c}2" for c in PATTERN_CHARS])
    assert not problems, "\n".join(problems)


def test_sweep_numbers_and_dates() -> None:
    problems = []
    for fam in "345":
        docs = _sweep_docs(fam, ".//sharesOwnedFollowingTransaction/value")
        problems += _sweep(docs, ".//sharesOwnedFollowingTransaction/value", NUMBERS)
        problems += _sweep(docs, "periodOfReport", DATES)
    for fam in "45":
        docs = _sweep_docs(fam, ".//transactionDate/value")
        problems += _sweep(docs, ".//transactionDate/value", DATES[::2])
        problems += _sweep(
            docs,
            ".//transactionPricePerShare",
            NUMBERS[::2],
            lambda e, v: _replace_children(e, [el("value", v)]),
        )
    assert not problems, "\n".join(problems)


def _replace_children(parent: etree._Element, children: list[etree._Element]) -> None:
    for c in list(parent):
        parent.remove(c)
    parent.text = None
    for c in children:
        parent.append(c)


# --------------------------------------------------------------------------------------------
# 4. Hand-made mutations of every sample
# --------------------------------------------------------------------------------------------

Mutation = Callable[[etree._Element, str], bool]
MUTATIONS: dict[str, Mutation] = {}


def mutation(name: str) -> Callable[[Mutation], Mutation]:
    def register(fn: Mutation) -> Mutation:
        assert name not in MUTATIONS, name
        MUTATIONS[name] = fn
        return fn

    return register


def set_text(
    name: str,
    xpath: str,
    value: str,
    create: Callable[[etree._Element], etree._Element] | None = None,
) -> None:
    """Register a mutation that sets the text of the first match of `xpath`."""

    def fn(root: etree._Element, form: str) -> bool:
        target = first(root, xpath)
        if target is None:
            if create is None:
                return False
            target = create(root)
        target.text = value
        return True

    mutation(name)(fn)


def _address(root: etree._Element) -> etree._Element:
    owner = root.find("reportingOwner")
    address = owner.find("reportingOwnerAddress")
    if address is None:
        address = el("reportingOwnerAddress")
        owner.find("reportingOwnerId").addnext(address)
    return address


def _value_name(tag: str, value: str) -> str:
    return f"{tag} {value!r}" if len(value) <= 12 else f"{tag} {len(value)} chars"


def _in_address(tag: str) -> Callable[[etree._Element], etree._Element]:
    return lambda root: ensure(_address(root), tag, ADDRESS_ORDER)


def _in_root(tag: str) -> Callable[[etree._Element], etree._Element]:
    return lambda root: ensure(root, tag, ROOT_ORDER)


def _footnotes(root: etree._Element) -> etree._Element:
    """The footnotes element, with at least a footnote F1."""
    notes = ensure(root, "footnotes", ROOT_ORDER)
    if not any(f.get("id") == "F1" for f in notes.iter("footnote")):
        notes.insert(0, el("footnote", "A footnote.", id="F1"))
    return notes


# -- document header --
mutation("drop schemaVersion")(lambda r, f: remove(r.find("schemaVersion")))
set_text("schemaVersion X0609", "schemaVersion", "X0609", _in_root("schemaVersion"))
set_text("schemaVersion 6 chars", "schemaVersion", "X06090", _in_root("schemaVersion"))
set_text("schemaVersion 4 chars", "schemaVersion", "X060", _in_root("schemaVersion"))
mutation("drop documentType")(lambda r, f: remove(r.find("documentType")))
for _other in FORMS:
    set_text(f"documentType {_other}", "documentType", _other)
set_text("documentType padded", "documentType", " 4 ")
set_text("documentType 4/a", "documentType", "4/a")
set_text("documentType 4A", "documentType", "4A")
mutation("drop periodOfReport")(lambda r, f: remove(r.find("periodOfReport")))
set_text("periodOfReport 2021-02-30", "periodOfReport", "2021-02-30")
set_text("periodOfReport 20210115", "periodOfReport", "20210115")
set_text("periodOfReport empty", "periodOfReport", "")
set_text("periodOfReport with zone", "periodOfReport", "2021-01-15-05:00")
set_text("periodOfReport padded", "periodOfReport", "\n  2021-01-15\n")


@mutation("add dateOfOriginalSubmission")
def _add_original(root: etree._Element, form: str) -> bool:
    root.find("periodOfReport").addnext(el("dateOfOriginalSubmission", "2021-01-15"))
    return True


mutation("drop dateOfOriginalSubmission")(lambda r, f: remove(r.find("dateOfOriginalSubmission")))
set_text("dateOfOriginalSubmission bad", "dateOfOriginalSubmission", "2021-02-30")

for _flag in (
    "noSecuritiesOwned",
    "notSubjectToSection16",
    "form3HoldingsReported",
    "form4TransactionsReported",
):
    set_text(f"{_flag} true", _flag, "true", _in_root(_flag))
    set_text(f"{_flag} yes", _flag, "yes", _in_root(_flag))


@mutation("flag after issuer")
def _flag_after_issuer(root: etree._Element, form: str) -> bool:
    root.find("issuer").addnext(el("notSubjectToSection16", "0"))
    return True


# -- aff10b5One --
mutation("drop aff10b5One")(lambda r, f: remove(r.find("aff10b5One")))
set_text("aff10b5One insert/true", "aff10b5One", "true", _in_root("aff10b5One"))
for _v in ("1", "0", " 1 ", "TRUE", "yes", ""):
    set_text(f"aff10b5One {_v!r}", "aff10b5One", _v, _in_root("aff10b5One"))


@mutation("duplicate aff10b5One")
def _aff_twice(root: etree._Element, form: str) -> bool:
    aff = ensure(root, "aff10b5One", ROOT_ORDER)
    aff.text = aff.text or "0"
    return duplicate_until(aff, 2)


@mutation("aff10b5One before reportingOwner")
def _aff_early(root: etree._Element, form: str) -> bool:
    aff = root.find("aff10b5One")
    if aff is None:
        aff = el("aff10b5One", "0")
    else:
        root.remove(aff)
    root.find("reportingOwner").addprevious(aff)
    return True


# -- issuer --
set_text("issuerCik 10 digits", "issuer/issuerCik", "0123456789")
set_text("issuerCik 11 digits", "issuer/issuerCik", "01234567890")
set_text("issuerCik letters", "issuer/issuerCik", "ABCDEF")
set_text("issuerCik empty", "issuer/issuerCik", "")
set_text("issuerCik padded", "issuer/issuerCik", " 320193")
set_text("issuerCik negative", "issuer/issuerCik", "-320193")
mutation("drop issuerCik")(lambda r, f: remove(r.find("issuer/issuerCik")))
mutation("drop issuerName")(lambda r, f: remove(r.find("issuer/issuerName")))
set_text("issuerName 150", "issuer/issuerName", "N" * 150)
set_text("issuerName 151", "issuer/issuerName", "N" * 151)
set_text("issuerTradingSymbol empty", "issuer/issuerTradingSymbol", "")
set_text("issuerTradingSymbol 10", "issuer/issuerTradingSymbol", "ABCDEFGHIJ")
set_text("issuerTradingSymbol 11", "issuer/issuerTradingSymbol", "ABCDEFGHIJK")
mutation("drop issuerTradingSymbol")(lambda r, f: remove(r.find("issuer/issuerTradingSymbol")))
set_text(
    "issuerForeignTradingSymbol 14",
    "issuer/issuerForeignTradingSymbol",
    "F" * 14,
    lambda r: ensure(r.find("issuer"), "issuerForeignTradingSymbol", ISSUER_ORDER),
)
set_text(
    "issuerForeignTradingSymbol 15",
    "issuer/issuerForeignTradingSymbol",
    "F" * 15,
    lambda r: ensure(r.find("issuer"), "issuerForeignTradingSymbol", ISSUER_ORDER),
)
set_text(
    "issuerForeignTradingSymbol empty",
    "issuer/issuerForeignTradingSymbol",
    "",
    lambda r: ensure(r.find("issuer"), "issuerForeignTradingSymbol", ISSUER_ORDER),
)
mutation("drop issuer")(lambda r, f: remove(r.find("issuer")))

# -- reporting owners --
mutation("10 owners")(lambda r, f: duplicate_until(r.find("reportingOwner"), 10))
mutation("11 owners")(lambda r, f: duplicate_until(r.find("reportingOwner"), 11))
mutation("drop all owners")(lambda r, f: all(remove(o) for o in r.findall("reportingOwner")))
set_text("rptOwnerCik 11 digits", ".//rptOwnerCik", "12345678901")
set_text("rptOwnerCik letters", ".//rptOwnerCik", "CIK")
set_text(
    "rptOwnerCcc 8",
    ".//rptOwnerCcc",
    "ab#1xyz$",
    lambda r: ensure(r.find(".//reportingOwnerId"), "rptOwnerCcc", OWNER_ID_ORDER),
)
set_text(
    "rptOwnerCcc 7",
    ".//rptOwnerCcc",
    "ab#1xyz",
    lambda r: ensure(r.find(".//reportingOwnerId"), "rptOwnerCcc", OWNER_ID_ORDER),
)
set_text("rptOwnerName 151", ".//rptOwnerName", "O" * 151)
set_text(
    "rptOwnerName 150",
    ".//rptOwnerName",
    "O" * 150,
    lambda r: ensure(r.find(".//reportingOwnerId"), "rptOwnerName", OWNER_ID_ORDER),
)
set_text(
    "issuerName empty",
    "issuer/issuerName",
    "",
    lambda r: ensure(r.find("issuer"), "issuerName", ISSUER_ORDER),
)
mutation("drop reportingOwnerRelationship")(
    lambda r, f: remove(r.find(".//reportingOwnerRelationship"))
)
RELATIONSHIP_ORDER = [
    "isDirector",
    "isOfficer",
    "isTenPercentOwner",
    "isOther",
    "officerTitle",
    "otherText",
]


def _in_relationship(tag: str) -> Callable[[etree._Element], etree._Element]:
    return lambda root: ensure(root.find(".//reportingOwnerRelationship"), tag, RELATIONSHIP_ORDER)


set_text(
    "officerTitle 30",
    ".//reportingOwnerRelationship/officerTitle",
    "T" * 30,
    _in_relationship("officerTitle"),
)
set_text(
    "officerTitle 31",
    ".//reportingOwnerRelationship/officerTitle",
    "T" * 31,
    _in_relationship("officerTitle"),
)
set_text(
    "isDirector yes",
    ".//reportingOwnerRelationship/isDirector",
    "yes",
    _in_relationship("isDirector"),
)
set_text("isOther 1", ".//reportingOwnerRelationship/isOther", "1", _in_relationship("isOther"))
for _tag, _value in (
    ("isDirector", "0"),
    ("isOfficer", "true"),
    ("isTenPercentOwner", "1"),
    ("otherText", "O" * 30),
    ("otherText", "O" * 31),
    ("officerTitle", ""),
):
    set_text(
        _value_name(_tag, _value),
        f".//reportingOwnerRelationship/{_tag}",
        _value,
        _in_relationship(_tag),
    )


@mutation("empty relationship")
def _empty_relationship(root: etree._Element, form: str) -> bool:
    _replace_children(root.find(".//reportingOwnerRelationship"), [])
    return True


# -- addresses --
set_text("state ZZ", ".//rptOwnerState", "ZZ", _in_address("rptOwnerState"))
set_text("state X0 (a country)", ".//rptOwnerState", "X0", _in_address("rptOwnerState"))
set_text("state ny", ".//rptOwnerState", "ny", _in_address("rptOwnerState"))
set_text("state NY", ".//rptOwnerState", "NY", _in_address("rptOwnerState"))
set_text("state blank", ".//rptOwnerState", "", _in_address("rptOwnerState"))
set_text("state 3 spaces", ".//rptOwnerState", "   ", _in_address("rptOwnerState"))
set_text("country PR", ".//rptOwnerCountry", "PR", _in_address("rptOwnerCountry"))
set_text("country US", ".//rptOwnerCountry", "US", _in_address("rptOwnerCountry"))
set_text("country I8 (obsolete)", ".//rptOwnerCountry", "I8", _in_address("rptOwnerCountry"))


@mutation("nonUS flag + country X0")
def _non_us(root: etree._Element, form: str) -> bool:
    address = _address(root)
    remove(address.find("rptOwnerState"))
    set_or_add(address, "rptOwnerNonUSAddressFlag", "true", ADDRESS_ORDER)
    set_or_add(address, "rptOwnerNonUSStateTerritory", "Bavaria", ADDRESS_ORDER)
    set_or_add(address, "rptOwnerCountry", "2M", ADDRESS_ORDER)
    return True


@mutation("nonUS flag after street")
def _non_us_late(root: etree._Element, form: str) -> bool:
    address = _address(root)
    set_or_add(address, "rptOwnerStreet1", "1 Main St", ADDRESS_ORDER)
    address.find("rptOwnerStreet1").addnext(el("rptOwnerNonUSAddressFlag", "1"))
    return True


set_text(
    "nonUS flag maybe",
    ".//rptOwnerNonUSAddressFlag",
    "maybe",
    _in_address("rptOwnerNonUSAddressFlag"),
)
set_text("street1 40", ".//rptOwnerStreet1", "S" * 40, _in_address("rptOwnerStreet1"))
set_text("street1 41", ".//rptOwnerStreet1", "S" * 41, _in_address("rptOwnerStreet1"))
set_text("city 31", ".//rptOwnerCity", "C" * 31, _in_address("rptOwnerCity"))
set_text(
    "nonUSStateTerritory 40",
    ".//rptOwnerNonUSStateTerritory",
    "T" * 40,
    _in_address("rptOwnerNonUSStateTerritory"),
)
set_text(
    "nonUSStateTerritory 41",
    ".//rptOwnerNonUSStateTerritory",
    "T" * 41,
    _in_address("rptOwnerNonUSStateTerritory"),
)
set_text("zip 12345-6789", ".//rptOwnerZipCode", "12345-6789", _in_address("rptOwnerZipCode"))
set_text("zip SW1A 1AA", ".//rptOwnerZipCode", "SW1A 1AA", _in_address("rptOwnerZipCode"))
set_text("zip underscore", ".//rptOwnerZipCode", "12345_6789", _in_address("rptOwnerZipCode"))
set_text("zip 11", ".//rptOwnerZipCode", "12345678901", _in_address("rptOwnerZipCode"))
set_text(
    "stateDescription 51",
    ".//rptOwnerStateDescription",
    "D" * 51,
    _in_address("rptOwnerStateDescription"),
)
set_text("goodAddress maybe", ".//rptOwnerGoodAddress", "maybe", _in_address("rptOwnerGoodAddress"))
# Every optional address field with a valid value (an element missing from our schema shows).
for _tag, _value in (
    ("rptOwnerNonUSAddressFlag", "false"),
    ("rptOwnerStreet1", "S" * 40),
    ("rptOwnerStreet2", "S" * 40),
    ("rptOwnerCity", "C" * 30),
    ("rptOwnerNonUSStateTerritory", ""),
    ("rptOwnerZipCode", "#1-A b"),
    ("rptOwnerZipCode", ""),
    ("rptOwnerStateDescription", "D" * 50),
    ("rptOwnerGoodAddress", "true"),
):
    set_text(_value_name(_tag, _value), f".//{_tag}", _value, _in_address(_tag))


# -- tables and rows --
def _table(root: etree._Element, tag: str) -> etree._Element:
    return ensure(root, tag, ROOT_ORDER)


@mutation("transaction added")  # valid in 4/5, not in a Form 3
def _add_transaction(root: etree._Element, form: str) -> bool:
    _table(root, "nonDerivativeTable").append(donor("nonDerivativeTransaction"))
    return True


@mutation("derivative transaction added")
def _add_derivative_transaction(root: etree._Element, form: str) -> bool:
    _table(root, "derivativeTable").append(donor("derivativeTransaction"))
    return True


@mutation("holding added")
def _add_holding(root: etree._Element, form: str) -> bool:
    _table(root, "nonDerivativeTable").append(donor("nonDerivativeHolding"))
    return True


@mutation("empty tables")
def _empty_tables(root: etree._Element, form: str) -> bool:
    _replace_children(_table(root, "nonDerivativeTable"), [])
    _replace_children(_table(root, "derivativeTable"), [])
    return True


@mutation("tables swapped")
def _tables_swapped(root: etree._Element, form: str) -> bool:
    nd, d = root.find("nonDerivativeTable"), root.find("derivativeTable")
    if nd is None or d is None:
        return False
    root.remove(nd)
    d.addnext(nd)
    return True


for _kind in ("nonDerivativeTable", "derivativeTable"):
    for _n in (30, 31):
        mutation(f"{_n} rows in {_kind}")(
            lambda r, f, k=_kind, n=_n: duplicate_until(first(r, f"{k}/*"), n)
        )
mutation("30+30 rows")(
    lambda r, f: (
        duplicate_until(first(r, "nonDerivativeTable/*"), 30)
        and duplicate_until(first(r, "derivativeTable/*"), 30)
    )
)
mutation("drop ownershipNature")(lambda r, f: remove(first(r, ".//ownershipNature")))
mutation("drop postTransactionAmounts")(lambda r, f: remove(first(r, ".//postTransactionAmounts")))
mutation("drop securityTitle")(lambda r, f: remove(first(r, ".//securityTitle")))
mutation("drop transactionCoding")(lambda r, f: remove(first(r, ".//transactionCoding")))
mutation("drop transactionAmounts")(lambda r, f: remove(first(r, ".//transactionAmounts")))
mutation("drop exerciseDate")(lambda r, f: remove(first(r, ".//exerciseDate")))
mutation("drop underlyingSecurity")(lambda r, f: remove(first(r, ".//underlyingSecurity")))
mutation("drop conversionOrExercisePrice")(
    lambda r, f: remove(first(r, ".//conversionOrExercisePrice"))
)


@mutation("shares and value owned")
def _both_owned(root: etree._Element, form: str) -> bool:
    post = first(root, ".//postTransactionAmounts")
    if post is None or not len(post):
        return False
    extra = copy.deepcopy(post[0])
    extra.tag = (
        "valueOwnedFollowingTransaction"
        if post[0].tag == "sharesOwnedFollowingTransaction"
        else "sharesOwnedFollowingTransaction"
    )
    post.append(extra)
    return True


@mutation("value owned instead of shares")
def _value_owned(root: etree._Element, form: str) -> bool:
    shares = first(root, ".//sharesOwnedFollowingTransaction")
    if shares is None:
        return False
    shares.tag = "valueOwnedFollowingTransaction"
    return True


@mutation("post amounts in Form 3 derivative holding")
def _post_in_holding(root: etree._Element, form: str) -> bool:
    holding = first(root, ".//derivativeHolding")
    if holding is None:
        return False
    if holding.find("postTransactionAmounts") is None:
        post = el("postTransactionAmounts")
        post.append(el("sharesOwnedFollowingTransaction"))
        post[0].append(el("value", "100"))
        holding.find("ownershipNature").addprevious(post)
    else:
        remove(holding.find("postTransactionAmounts"))
    return True


@mutation("holding coded as late Form 3")
def _late_form3(root: etree._Element, form: str) -> bool:
    holding = first(root, ".//nonDerivativeHolding | .//derivativeHolding")
    if holding is None:
        return False
    coding = holding.find("transactionCoding")
    if coding is None:
        coding = place(holding, el("transactionCoding"), HOLDING5_ORDER)
    _replace_children(coding, [el("transactionFormType", "3")])
    return True


@mutation("holding coded as Form 4")
def _holding_form4(root: etree._Element, form: str) -> bool:
    holding = first(root, ".//nonDerivativeHolding")
    if holding is None:
        return False
    coding = ensure(holding, "transactionCoding", HOLDING5_ORDER)
    _replace_children(coding, [el("transactionFormType", "4")])
    return True


@mutation("holding coding empty")
def _holding_empty_coding(root: etree._Element, form: str) -> bool:
    holding = first(root, ".//nonDerivativeHolding | .//derivativeHolding")
    if holding is None:
        return False
    _replace_children(ensure(holding, "transactionCoding", HOLDING5_ORDER), [])
    return True


for _code in ("V", "K", "S", "J", "s", "S ", ""):
    set_text(f"transactionCode {_code!r}", ".//transactionCoding/transactionCode", _code)
set_text(
    "transaction form type 3", ".//transactionCoding[transactionCode]/transactionFormType", "3"
)
set_text(
    "transaction form type 5", ".//transactionCoding[transactionCode]/transactionFormType", "5"
)
mutation("drop equitySwapInvolved")(lambda r, f: remove(first(r, ".//equitySwapInvolved")))


def _timeliness(root: etree._Element) -> etree._Element | None:
    row = first(root, ".//nonDerivativeTransaction | .//derivativeTransaction")
    if row is None:
        return None
    return ensure(row, "transactionTimeliness", ROW_ORDER)


for _t in ("X", "|", "E", "L", " E ", "", "EL", "l"):

    def _set_timeliness(root: etree._Element, form: str, value: str = _t) -> bool:
        t = _timeliness(root)
        if t is None:
            return False
        ensure(t, "value", ["value", "footnoteId"]).text = value
        return True

    mutation(f"timeliness {_t!r}")(_set_timeliness)


@mutation("timeliness footnoted")  # allowed on Forms 4/4A, not on 5/5A
def _timeliness_note(root: etree._Element, form: str) -> bool:
    t = _timeliness(root)
    if t is None:
        return False
    _footnotes(root)
    t.append(el("footnoteId", id="F1"))
    return True


@mutation("timeliness empty element")
def _timeliness_empty(root: etree._Element, form: str) -> bool:
    t = _timeliness(root)
    if t is None:
        return False
    _replace_children(t, [])
    return True


@mutation("deemedExecutionDate with value and note")
def _deemed_value(root: etree._Element, form: str) -> bool:
    row = first(root, ".//nonDerivativeTransaction | .//derivativeTransaction")
    if row is None:
        return False
    _footnotes(root)
    deemed = ensure(row, "deemedExecutionDate", ROW_ORDER)
    _replace_children(deemed, [el("value", "2021-01-15"), el("footnoteId", id="F1")])
    return True


@mutation("natureOfOwnership with notes")
def _nature(root: etree._Element, form: str) -> bool:
    nature = first(root, ".//ownershipNature")
    if nature is None:
        return False
    _footnotes(root)
    remove(nature.find("natureOfOwnership"))
    nature.append(el("natureOfOwnership"))
    nature[-1].extend([el("value", "By trust"), el("footnoteId", id="F1")])
    return True


@mutation("deemedExecutionDate empty")
def _deemed_empty(root: etree._Element, form: str) -> bool:
    row = first(root, ".//nonDerivativeTransaction | .//derivativeTransaction")
    if row is None:
        return False
    _replace_children(ensure(row, "deemedExecutionDate", ROW_ORDER), [])
    return True


@mutation("derivative A/D code footnoted")  # not allowed: that code takes no footnote
def _deriv_ad_note(root: etree._Element, form: str) -> bool:
    code = first(
        root, ".//derivativeTransaction/transactionAmounts/transactionAcquiredDisposedCode"
    )
    if code is None:
        return False
    _footnotes(root)
    code.append(el("footnoteId", id="F1"))
    return True


@mutation("non-derivative A/D code footnoted")
def _nonderiv_ad_note(root: etree._Element, form: str) -> bool:
    code = first(
        root, ".//nonDerivativeTransaction/transactionAmounts/transactionAcquiredDisposedCode"
    )
    if code is None:
        return False
    _footnotes(root)
    code.append(el("footnoteId", id="F1"))
    return True


set_text("A/D code X", ".//transactionAcquiredDisposedCode/value", "X")
set_text("direct/indirect X", ".//directOrIndirectOwnership/value", "X")
set_text("direct/indirect d", ".//directOrIndirectOwnership/value", "d")


@mutation("total value instead of shares")
def _total_value(root: etree._Element, form: str) -> bool:
    shares = first(root, ".//transactionAmounts/transactionShares")
    if shares is None:
        return False
    shares.tag = "transactionTotalValue"  # allowed in derivative rows only
    return True


@mutation("shares and total value")
def _shares_and_total(root: etree._Element, form: str) -> bool:
    shares = first(root, ".//derivativeTransaction/transactionAmounts/transactionShares")
    if shares is None:
        return False
    extra = copy.deepcopy(shares)
    extra.tag = "transactionTotalValue"
    shares.addnext(extra)
    return True


def _number_slot(root: etree._Element) -> etree._Element | None:
    return first(root, ".//transactionPricePerShare | .//conversionOrExercisePrice")


for _notes, _with_value in ((98, True), (99, True), (1, False), (99, False), (100, False)):

    def _opt_number(
        root: etree._Element, form: str, n: int = _notes, with_value: bool = _with_value
    ) -> bool:
        slot = _number_slot(root)
        if slot is None:
            return False
        _footnotes(root)
        kids = ([el("value", "1.5")] if with_value else []) + [
            el("footnoteId", id="F1") for _ in range(n)
        ]
        _replace_children(slot, kids)
        return True

    mutation(f"price with {'value + ' if _with_value else ''}{_notes} notes")(_opt_number)


@mutation("price empty")
def _price_empty(root: etree._Element, form: str) -> bool:
    slot = _number_slot(root)
    if slot is None:
        return False
    _replace_children(slot, [])
    return True


@mutation("shares with 100 notes")
def _shares_notes(root: etree._Element, form: str) -> bool:
    v = first(root, ".//sharesOwnedFollowingTransaction/value")
    if v is None:
        return False
    _footnotes(root)
    for _ in range(100):
        v.addnext(el("footnoteId", id="F1"))
    return True


@mutation("exercise date only footnoted")
def _exercise_note(root: etree._Element, form: str) -> bool:
    date = first(root, ".//exerciseDate")
    if date is None:
        return False
    _footnotes(root)
    _replace_children(date, [el("footnoteId", id="F1")])
    return True


@mutation("underlying shares and value")
def _underlying_both(root: etree._Element, form: str) -> bool:
    u = first(root, ".//underlyingSecurity")
    if u is None:
        return False
    _replace_children(
        u,
        [
            copy.deepcopy(u.find("underlyingSecurityTitle")),
            el("underlyingSecurityShares"),
            el("underlyingSecurityValue"),
        ],
    )
    u[1].append(el("value", "10"))
    u[2].append(el("value", "20"))
    return True


@mutation("underlying title only")
def _underlying_title(root: etree._Element, form: str) -> bool:
    u = first(root, ".//underlyingSecurity")
    if u is None:
        return False
    _replace_children(u, [copy.deepcopy(u.find("underlyingSecurityTitle"))])
    return True


set_text("title 60", ".//securityTitle/value", "T" * 60)
set_text("title 61", ".//securityTitle/value", "T" * 61)
set_text("title empty", ".//securityTitle/value", "")
set_text("underlying title 61", ".//underlyingSecurityTitle/value", "U" * 61)
set_text("nature 100", ".//natureOfOwnership/value", "N" * 100)
set_text("nature 101", ".//natureOfOwnership/value", "N" * 101)
set_text("nature empty", ".//natureOfOwnership/value", "")

for _number in (
    "-5",
    "1.23456",
    "1,000",
    "1 000",  # gap G3
    "12345678901234567",
    "1e3",
    "",
    "999999999999.9999",
    "+0.5",
    " 7 ",
):
    set_text(
        f"shares {_number!r}",
        ".//transactionShares/value | .//sharesOwnedFollowingTransaction/value",
        _number,
    )


@mutation("comment inside a value")  # gap G4: the value is still "12"
def _comment_in_value(root: etree._Element, form: str) -> bool:
    value = first(root, ".//sharesOwnedFollowingTransaction/value | .//issuerCik")
    value.text = "1"
    comment = etree.Comment(" thousands ")
    comment.tail = "2"
    value.append(comment)
    return True


set_text("totalDigits 17 in price", ".//transactionPricePerShare/value", "12345678901.234567")
set_text("transactionDate bad", ".//transactionDate/value", "2021-02-30")
set_text("transactionDate empty", ".//transactionDate/value", "")
set_text("expirationDate bad", ".//expirationDate/value", "2031-13-01")

# -- footnotes --


@mutation("duplicate footnote id")
def _dup_footnote(root: etree._Element, form: str) -> bool:
    notes = _footnotes(root)
    notes.append(el("footnote", "Again.", id="F1"))
    return True


@mutation("dangling footnoteId")  # gap G1: valid for libxml2, invalid for xmlschema
def _dangling(root: etree._Element, form: str) -> bool:
    ref = first(root, ".//footnoteId")
    if ref is None:
        title = first(root, ".//securityTitle")
        if title is None:
            return False
        ref = title.makeelement("footnoteId", {})
        title.append(ref)
    used = footnote_ids(root)
    ref.set("id", next(f"F{n}" for n in range(99, 0, -1) if f"F{n}" not in used))
    return True


for _bad in ("F0", "F100", "f1", "F01", "F 1", "F99", " F1 ", "1", ""):

    def _rename(root: etree._Element, form: str, new: str = _bad) -> bool:
        """Rename footnote F1 and every reference to it."""
        _footnotes(root)
        for node in root.iter("footnote", "footnoteId"):
            if node.get("id") == "F1":
                node.set("id", new)
        return True

    mutation(f"footnote id {_bad!r}")(_rename)


@mutation("footnote without id")
def _footnote_no_id(root: etree._Element, form: str) -> bool:
    notes = _footnotes(root)
    notes.append(el("footnote", "No id."))
    return True


@mutation("footnote with child element")
def _footnote_child(root: etree._Element, form: str) -> bool:
    note = _footnotes(root).find("footnote")
    b = el("b", "bold")
    b.tail = " tail"
    note.append(b)
    return True


@mutation("footnote long and odd text")
def _footnote_text(root: etree._Element, form: str) -> bool:
    _footnotes(root).find("footnote").text = "x & < > \" ' \u00e9\U0001d11e " * 300
    return True


@mutation("empty footnotes element")
def _no_notes(root: etree._Element, form: str) -> bool:
    notes = root.find("footnotes")
    if notes is None or not len(notes):
        return False
    _replace_children(notes, [])  # references may now dangle (gap G1)
    return True


@mutation("footnoteId with text")
def _ref_text(root: etree._Element, form: str) -> bool:
    ref = first(root, ".//footnoteId")
    if ref is None:
        return False
    ref.text = "see note"
    return True


# -- remarks, signatures --
set_text("remarks 2000", "remarks", "R" * 2000, _in_root("remarks"))
set_text("remarks 2001", "remarks", "R" * 2001, _in_root("remarks"))
set_text("remarks empty", "remarks", "", _in_root("remarks"))
set_text("signatureName empty", ".//signatureName", "")
set_text("signatureName 255", ".//signatureName", "S" * 255)
set_text("signatureName 256", ".//signatureName", "S" * 256)
set_text("signatureDate bad", ".//signatureDate", "02/30/2021")
mutation("10 signatures")(lambda r, f: duplicate_until(r.find("ownerSignature"), 10))
mutation("11 signatures")(lambda r, f: duplicate_until(r.find("ownerSignature"), 11))
mutation("drop signatures")(lambda r, f: all(remove(s) for s in r.findall("ownerSignature")))

# -- foreign matter --


@mutation("unknown element after issuer")
def _unknown_root(root: etree._Element, form: str) -> bool:
    root.find("issuer").addnext(el("issuerWebsite", "example.com"))
    return True


@mutation("unknown element in relationship")
def _unknown_rel(root: etree._Element, form: str) -> bool:
    root.find(".//reportingOwnerRelationship").append(el("isTrustee", "1"))
    return True


@mutation("unknown attribute")
def _unknown_attr(root: etree._Element, form: str) -> bool:
    root.find("issuer").set("lang", "en")
    return True


@mutation("namespaced root")
def _namespaced(root: etree._Element, form: str) -> bool:
    root.tag = "{http://www.sec.gov/edgar/ownership}ownershipDocument"
    return True


@mutation("text between elements")
def _stray_text(root: etree._Element, form: str) -> bool:
    root.find("issuer").tail = "stray text"
    return True


@mutation("issuer after owners")
def _issuer_late(root: etree._Element, form: str) -> bool:
    issuer = root.find("issuer")
    root.remove(issuer)
    root.findall("reportingOwner")[-1].addnext(issuer)
    return True


@mutation("remarks after signature")
def _remarks_late(root: etree._Element, form: str) -> bool:
    remarks = ensure(root, "remarks", ROOT_ORDER)
    remarks.text = "late"
    root.remove(remarks)
    root.append(remarks)
    return True


MUTATION_NAMES = list(MUTATIONS)


@pytest.mark.parametrize("name", MUTATION_NAMES)
def test_hand_mutation(name: str) -> None:
    fn = MUTATIONS[name]
    position = MUTATION_NAMES.index(name)
    problems: list[str] = []
    smallest: tuple[int, str, str, bytes] | None = None
    checked_before = TALLY.xmlschema
    for i, sample in enumerate(SAMPLES):
        # A quarter of the samples are also mutated as their sibling form (4 <-> 4/A, ...), so
        # that the amendments, which have few or no samples, meet every mutation too.
        forms = [sample.form] + ([SIBLING[sample.form]] if (i + position) % 4 == 0 else [])
        for form in forms:
            root = sample.fresh()
            relabelled = form != sample.form
            if relabelled:
                retarget(root, form)
            if not fn(root, form):
                continue
            label = f"{sample.name}{' (relabelled)' if relabelled else ''} [{name}]"
            size = len(sample.baseline)
            if smallest is None or size < smallest[0]:
                smallest = (size, label, form, etree.tostring(root))
            cross = not relabelled and (i + position) % XS_EVERY == 0
            problems += compare(label, form, root, with_xmlschema=cross)
    assert smallest is not None, f"mutation {name!r} applied to no sample"
    if TALLY.xmlschema == checked_before:  # every mutation gets at least one xmlschema check
        problems += cross_check(smallest[1], smallest[2], smallest[3])
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------
# 5. Random mutations
# --------------------------------------------------------------------------------------------

XML_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Co"))
RANDOM_TEXT = st.one_of(
    st.text(XML_CHARS | st.sampled_from(list(" \t\n")), max_size=16),
    st.text(st.sampled_from(list("0123456789.-+ ,EeLASDIFX|/#")), max_size=18),
    *[
        st.decimals(
            min_value=-10, max_value=10**13, places=places, allow_nan=False, allow_infinity=False
        ).map(str)
        for places in (0, 2, 4, 5)
    ],
    st.floats(min_value=0, max_value=1e13, allow_nan=False).map(repr),
    st.integers(min_value=-10, max_value=10**17).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        NUMBERS
        + DATES
        + LETTERS
        + SEC_STATES[:8]
        + SEC_COUNTRIES[-8:]
        + ["true", "false", "1", "0", "3", "4", "5", "3/A", "4/A", "5/A", "X0609"]
    ),
).flatmap(lambda s: st.sampled_from([s, f" {s}", f"{s} ", f"\n  {s}\n"]))
FOOTNOTE_IDS = st.sampled_from(
    ["F1", "F2", "F3", "F9", "F10", "F99", "F0", "F100", "f1", "F01", " F2 ", "F1 F2", "", "G1"]
)

OP = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("duplicate"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("text"), st.integers(0, 10**6), RANDOM_TEXT),
    st.tuples(st.just("leaf-text"), st.integers(0, 10**6), RANDOM_TEXT),
    st.tuples(st.just("id"), st.integers(0, 10**6), FOOTNOTE_IDS),
)


def apply_op(root: etree._Element, op: tuple[str, int, str]) -> None:
    kind, index, value = op
    if kind == "id":
        nodes = list(root.iter("footnote", "footnoteId"))
        if nodes:
            nodes[index % len(nodes)].set("id", value)
        return
    nodes = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    if kind == "leaf-text":
        nodes = [e for e in nodes if not len(e)]
    if not nodes:
        return
    target = nodes[index % len(nodes)]
    if kind == "delete":
        target.getparent().remove(target)
    elif kind == "duplicate":
        target.addnext(copy.deepcopy(target))
    else:
        target.text = value


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    sample_index=st.integers(0, len(SAMPLES) - 1),
    retarget_to=st.sampled_from([None, None, None, *FORMS]),
    ops=st.lists(OP, min_size=1, max_size=3),
)
def test_random_mutations(
    sample_index: int, retarget_to: str | None, ops: list[tuple[str, int, str]]
) -> None:
    sample = SAMPLES[sample_index]
    root = sample.fresh()
    form = sample.form
    if retarget_to is not None:
        retarget(root, retarget_to)
        form = retarget_to
    for op in ops:
        apply_op(root, op)
    problems = compare(f"{sample.name} {ops!r}", form, root)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------------------------
# 6. Summary (keep last): every document above, zero disagreements
# --------------------------------------------------------------------------------------------


def test_zz_summary() -> None:
    if not TALLY.documents:
        pytest.skip("nothing compared yet: run the whole file")
    summary = TALLY.summary()
    print(summary)
    assert not TALLY.disagreements, summary + "\n" + "\n".join(TALLY.disagreements[:20])
