"""Rules about the document as a whole: markup, counts, amendments, flags and dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from lxml import etree

from generator.checks.rules import elements
from generator.checks.rules.core import (
    TABLES,
    Document,
    Rule,
    all_text,
    as_date,
    child,
    find,
    findall,
    footnote_texts,
    is_true,
    rule,
    text,
)
from generator.model import codes
from generator.model.problems import Problem

MAX_ROWS_PER_TABLE = 30
MAX_ROWS = 60
MAX_OWNERS = 10
MAX_SIGNATURES = 10

# --- markup (spec v5.5 §4.1, §5) ------------------------------------------------------------------


@rule("processing-instruction", "error", "spec v5.5 §5 (processing instruction); digest §10")
def processing_instruction(rule: Rule, document: Document) -> Iterator[Problem]:
    """No xml-stylesheet or other processing instruction anywhere in the document."""
    root = document.root
    alone = root.getprevious() is None and root.getnext() is None  # the usual case
    around = () if alone else [*root.itersiblings(preceding=True), *root.itersiblings()]
    inside = root.iter(etree.PI) if elements.has_any((etree.PI,)) else ()
    for node in [*around, *inside]:
        if isinstance(node, etree._ProcessingInstruction):
            yield document.problem(
                rule,
                node,
                f"The document carries the processing instruction <?{node.target!s} ...?>; "
                "EDGAR suspends a document with an xml-stylesheet reference or any other "
                "processing instruction. Delete it (the XML declaration <?xml ...?> may stay).",
            )


@rule("element-namespace", "error", "spec v5.5 §5 (element not prescribed in the schema); §2")
def element_namespace(rule: Rule, document: Document) -> Iterator[Problem]:
    """No element is in an XML namespace: the ownership schemas have none."""
    if not elements.has_namespaced():
        return
    for element in document.root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith("{"):
            continue
        parent = element.getparent()
        if parent is not None and isinstance(parent.tag, str) and parent.tag.startswith("{"):
            continue  # reported once, at the outermost namespaced element
        qname = etree.QName(element)
        yield document.problem(
            rule,
            element,
            f"<{qname.localname}> is in the namespace {qname.namespace!r}; ownership documents "
            "use no namespace, so EDGAR does not recognise the element. Remove the xmlns "
            "declaration or prefix.",
        )


# --- counts (spec v5.5 §3.3 (*), §3.5 max occur, §5) ----------------------------------------------


@rule("too-many-rows", "error", "spec v5.5 §3.3 (*); §5")
def too_many_rows(rule: Rule, document: Document) -> Iterator[Problem]:
    """At most 30 rows in each table and 60 in all."""
    total = 0
    for name in TABLES:
        table_rows = [row.element for row in document.rows if row.table == name]
        total += len(table_rows)
        if len(table_rows) > MAX_ROWS_PER_TABLE:
            which = "Table I" if name == "nonDerivativeTable" else "Table II"
            yield document.problem(
                rule,
                table_rows[MAX_ROWS_PER_TABLE],
                f"{which} has {len(table_rows)} rows; EDGAR suspends a table of more than "
                f"{MAX_ROWS_PER_TABLE} transactions and holdings. Split the report into two "
                "filings.",
            )
    if total > MAX_ROWS:
        yield document.problem(
            rule,
            document.root,
            f"The filing has {total} rows in all; EDGAR suspends more than {MAX_ROWS}.",
        )


def _too_many(
    rule: Rule, document: Document, tag: str, maximum: int, what: str
) -> Iterator[Problem]:
    found = findall(document.root, tag)
    if len(found) > maximum:
        yield document.problem(
            rule,
            found[maximum],
            f"The filing has {len(found)} {what}; EDGAR suspends more than {maximum}.",
        )


@rule("too-many-owners", "error", "spec v5.5 §3.5 (reportingOwner: max occur 10); §5")
def too_many_owners(rule: Rule, document: Document) -> Iterator[Problem]:
    """At most 10 reporting owners."""
    yield from _too_many(
        rule, document, "reportingOwner", MAX_OWNERS, "reporting owners (file jointly in groups)"
    )


@rule("too-many-signatures", "error", "spec v5.5 §3.5 (ownerSignature: max occur 10); §5")
def too_many_signatures(rule: Rule, document: Document) -> Iterator[Problem]:
    """At most 10 signatures."""
    yield from _too_many(rule, document, "ownerSignature", MAX_SIGNATURES, "signatures")


# --- what a Form 4 or 5 must report (spec v5.5 §4.3, §4.3.3, §4.3.4) ------------------------------


@rule("no-transaction", "error", "spec v5.5 §4.3; §4.3.3; §4.3.4")
def no_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """A Form 4 or 5 reports something, unless it ticks "no longer subject to Section 16"."""
    if not document.has_transactions or document.rows or document.not_subject:
        return
    yield document.problem(
        rule,
        document.root,
        f"This Form {document.document_type} has no transaction or holding, and the box "
        '"no longer subject to Section 16" (notSubjectToSection16) is not ticked; EDGAR '
        "suspends it. Report the transactions, or tick the box if the owner is no longer "
        "an insider.",
    )


@rule("holdings-without-transaction", "warning", "spec v5.5 §4.3.3; §4.3.4")
def holdings_without_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """A Form 4 or 5 with holdings but no transaction ticks "no longer subject to Section 16"."""
    if not document.has_transactions or document.transactions or not document.rows:
        return
    if not document.not_subject:
        yield document.problem(
            rule,
            document.rows[0].element,
            f"This Form {document.document_type} reports holdings but no transaction. §4.3.3 "
            "says EDGAR suspends a Form 4 or 5 without a transaction unless "
            "notSubjectToSection16 is true (§4.3 says transactions or holdings, and EDGAR has "
            "accepted such Forms 5). Check that no transaction is missing.",
        )


# --- amendments (spec v5.5 §3.5, Appendices B-D "If Amendment, Date Original Filed") --------------


@rule(
    "original-date-missing",
    "error",
    "spec v5.5 §3.5 (dateOfOriginalSubmission: m for 3/A, 4/A, 5/A)",
)
def original_date_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """An amendment gives the date the original was filed."""
    if document.is_amendment and not text(child(document.root, "dateOfOriginalSubmission")):
        yield document.problem(
            rule,
            document.root,
            f"A Form {document.document_type} gives the date the original "
            f"Form {document.base.value} was filed (dateOfOriginalSubmission, "
            '"If Amendment, Date Original Filed"); add it.',
        )


def _original_date(document: Document) -> tuple[etree._Element, date] | None:
    if not document.is_amendment:
        return None
    element = child(document.root, "dateOfOriginalSubmission")
    if element is None:
        return None
    day = as_date(text(element))
    return (element, day) if day else None


@rule(
    "original-date-future", "error", "spec v5.5 Appendices B-D (If Amendment, Date Original Filed)"
)
def original_date_future(rule: Rule, document: Document) -> Iterator[Problem]:
    """The original of an amendment was filed before today (or --as-of)."""
    found = _original_date(document)
    if found and found[1] > document.today:
        element, day = found
        yield document.problem(
            rule,
            element,
            f"dateOfOriginalSubmission {day} is after {document.today}: an amendment amends a "
            "filing already made. Give the date the original was filed.",
        )


@rule(
    "original-date-before-period",
    "error",
    "spec v5.5 Appendices B-D (If Amendment, Date Original Filed; period of report)",
    record="warning",
)
def original_date_before_period(rule: Rule, document: Document) -> Iterator[Problem]:
    """The original of an amendment was not filed before its period of report.

    The original reported the same period (the event of a Form 3, the earliest transaction of a
    Form 4, the fiscal year of a Form 5), so it was filed on or after it: an earlier filing date
    cannot be. EDGAR does not check it, so a filing of record is only warned.
    """
    found = _original_date(document)
    period = document.period
    if found and period and found[1] < period:
        element, day = found
        yield document.problem(
            rule,
            element,
            f"dateOfOriginalSubmission {day} is before the period of report {period}; the "
            "original filing reported that period, so it was filed on or after it. Give the "
            "date the original was filed (on its EDGAR filing index), and check the period.",
        )


@rule(
    "amendment-unexplained",
    "error",
    "Forms 3, 4 and 5: an amendment reports the corrected information (General Instructions: "
    "amendments; spec v5.5 §4.3.3)",
    record="warning",
)
def amendment_unexplained(rule: Rule, document: Document) -> Iterator[Problem]:
    """An amendment says what it corrects: a row, a footnote or the remarks.

    An amendment with no row, no footnote and no remarks corrects nothing the reader can see
    (a corrected header alone needs a word in the remarks). EDGAR accepts it, so a filing of
    record is only warned.
    """
    if not document.is_amendment or document.rows or document.footnotes:
        return
    if text(child(document.root, "remarks")):
        return
    yield document.problem(
        rule,
        document.root,
        f"This Form {document.document_type} reports no row, no footnote and no remarks, so it "
        "does not say what it corrects. Give the corrected rows, or say in the remarks what is "
        "corrected (sec16 amend writes both from the original and the corrected draft).",
    )


def _signatures(document: Document) -> list[tuple[etree._Element, date]]:
    """Each signature date that is a date, with its element."""
    found = []
    for element in findall(document.root, "ownerSignature/signatureDate"):
        day = as_date(text(element))
        if day is not None:
            found.append((element, day))
    return found


@rule(
    "original-date-after-signature",
    "error",
    "spec v5.5 Appendices B-D (If Amendment, Date Original Filed; signature date)",
    record="warning",
)
def original_date_after_signature(rule: Rule, document: Document) -> Iterator[Problem]:
    """An amendment is not signed before the original it amends was filed."""
    found = _original_date(document)
    if not found:
        return
    original = found[1]
    for element, day in _signatures(document):
        if day < original:
            yield document.problem(
                rule,
                element,
                f"The amendment is signed on {day}, before {original}, the date its original "
                "was filed (dateOfOriginalSubmission); an amendment is made after the filing it "
                "corrects. Check the signature date and the date the original was filed.",
            )


# --- what EDGAR supplies (spec v5.5 §4.3, §4.3.1, §4.3.2; §3.3 NA; §5 "NA field has a value") -----

#: Element -> why EDGAR supplies it.
EDGAR_SUPPLIED: dict[str, str] = {
    "schemaVersion": "EDGAR inserts the current schema version (§4.3)",
    "issuerName": "EDGAR inserts the issuer's name from its CIK (§4.3.1)",
    "rptOwnerName": "EDGAR inserts the owner's name from the CIK (§4.3.2)",
    "noSecuritiesOwned": "EDGAR sets it from the tables (§4.3)",
    "form3HoldingsReported": "EDGAR sets it from the late Form 3 holdings (§4.3)",
    "form4TransactionsReported": "EDGAR sets it from the Form 4 transactions (§4.3)",
    "rptOwnerStateDescription": "it is not for filers' use (schema annotation)",
    "rptOwnerGoodAddress": "it is not for filers' use (schema annotation)",
}


@rule("edgar-supplied-element", "warning", "spec v5.5 §4.3; §4.3.1; §4.3.2; §3.3 (NA); §5")
def edgar_supplied_element(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission leaves out what EDGAR supplies itself; EDGAR discards it with a warning."""
    if document.profile != "submission":
        return
    given = elements.present(EDGAR_SUPPLIED)
    for element in document.root.iter(*given) if given else ():
        if text(element):
            tag = str(element.tag)
            yield document.problem(
                rule,
                element,
                f"<{tag}> is given in a submission, but {EDGAR_SUPPLIED[tag]}: EDGAR "
                "discards the value with a warning. Leave it out (sec16 build does for the "
                "submission profile).",
            )


# --- places (schema rptOwnerCountry annotation; spec v5.5 §3.6.2, Appendix H) --------------------


@rule(
    "obsolete-country",
    "error",
    "ownershipDocumentCommon.xsd rptOwnerCountry (obsolete codes: SUSPEND in a reduced-content "
    "submission); spec v5.5 Appendix H",
    since="X0609",  # rptOwnerCountry came with X0609
)
def obsolete_country(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission uses no obsolete country code (the schema still lists them)."""
    if document.profile != "submission" or not elements.has_any({"rptOwnerCountry"}):
        return
    for element in document.root.iter("rptOwnerCountry"):
        code = text(element)
        if code in codes.OBSOLETE_COUNTRY_CODES:
            successor = codes.LEGACY_FOREIGN_STATE_CODES.get(code)
            hint = (
                f"use {successor} ({codes.COUNTRIES[successor]})"
                if successor
                else "pick the current country of the address"
            )
            yield document.problem(
                rule,
                element,
                f"rptOwnerCountry {code} ({codes.COUNTRIES.get(code, '?')}) is an obsolete code; "
                f"EDGAR suspends a submission that uses one. {hint[0].upper()}{hint[1:]}.",
            )


# --- dates (relative to --as-of or today) ---------------------------------------------------------


@rule("date-in-future", "warning", "Forms 3, 4, 5: dates of event, transactions and signatures")
def date_in_future(rule: Rule, document: Document) -> Iterator[Problem]:
    """Period of report, transaction and signature dates are not after today (or --as-of)."""
    today = document.today
    late: list[tuple[str, etree._Element | None, date]] = []  # in document order
    if (day := document.period) and day > today:
        late.append(("periodOfReport", document.period_element, day))
    for row in document.rows:
        if (day := row.date) and day > today:  # the date a row's facts have read already
            late.append(("transactionDate", row.date_value, day))
        deemed = row.deemed_value
        if deemed is not None and (day := as_date(text(deemed))) and day > today:
            late.append(("deemedExecutionDate", deemed, day))
    for signed in findall(document.root, "ownerSignature/signatureDate"):
        if (day := as_date(text(signed))) and day > today:
            late.append(("signatureDate", signed, day))
    for name, element, day in late:
        assert element is not None  # a date was read from it
        yield document.problem(
            rule,
            element,
            f"<{name}> {day} is after {today}, the day checked for (--as-of, or today): "
            "a filing reports what has happened and is signed when filed. Check the date.",
        )


@rule(
    "signature-before-transaction",
    "error",
    "Forms 4 and 5: signature and date (General Instructions, Signature); Table I column 2, "
    "Table II column 3 (Transaction Date)",
    record="warning",
)
def signature_before_transaction(rule: Rule, document: Document) -> Iterator[Problem]:
    """A Form 4 or 5 is not signed before a transaction it reports.

    The signature attests the report, which can only be made once the transactions have
    happened. (A Form 3 may be signed before its event, e.g. ahead of a registration taking
    effect, and is not checked.)
    """
    if not document.has_transactions:
        return
    days = [day for row in document.transactions if (day := row.date)]
    if not days:
        return
    latest = max(days)
    for element, day in _signatures(document):
        if day < latest:
            yield document.problem(
                rule,
                element,
                f"The filing is signed on {day}, before {latest}, the date of a transaction it "
                "reports; a report is signed after what it reports. Check the signature date "
                "and the transaction dates.",
            )


# --- Rule 10b5-1 (Forms 4 and 5, check box above Table I; Release 33-11138) -----------------------


_PLAN_WORDS = re.compile(r"10\s*b\s*5\s*[-\u2010-\u2015]?\s*1", re.IGNORECASE)


@rule(
    "aff10b5-unanswered",
    "error",
    "Forms 4 and 5: Rule 10b5-1(c) check box, mandatory since EDGAR 23.1 (spec v5.5 §3.3); "
    "Release 33-11138",
    since="X0407",  # the box came with X0407 (EDGAR 23.1, March 2023)
)
def aff10b5_unanswered(rule: Rule, document: Document) -> Iterator[Problem]:
    """A Form 4 or 5 to send answers the Rule 10b5-1(c) box; sec16 never answers it for you."""
    if document.profile != "submission" or not document.has_transactions:
        return
    if child(document.root, "aff10b5One") is not None:
        return
    owners = findall(document.root, "reportingOwner")
    anchor = owners[-1] if owners else document.root
    _, line = document.where(anchor)
    hint = ""
    notes = [f for f in document.footnotes if _PLAN_WORDS.search(all_text(f))]
    remarks = find(document.root, "remarks")
    if notes:
        names = ", ".join(str(f.get("id")) for f in notes)
        hint = (
            f" Footnote {names} of this filing mentions a 10b5-1 plan: if a transaction "
            "reported here was made under it, the answer is true."
        )
    elif remarks is not None and _PLAN_WORDS.search(all_text(remarks)):
        hint = (
            " The remarks of this filing mention a 10b5-1 plan: if a transaction reported "
            "here was made under it, the answer is true."
        )
    yield Problem(
        rule.severity_for(document.profile),
        rule.id,
        "The Rule 10b5-1(c) box is not answered: say whether a transaction reported here was "
        "made under a plan intended to satisfy Rule 10b5-1(c) (rule_10b5_1_plan: true or "
        "false in the draft). Filings from before 2023 did not have the box, so an imported "
        "one leaves it open; sec16 does not guess it." + hint,
        "/ownershipDocument/aff10b5One",
        line,
    )


@rule(
    "aff10b5-adoption-date",
    "warning",
    "Forms 4 and 5: Rule 10b5-1(c) check box (provide the plan's adoption date in the "
    "Explanation of Responses); Release 33-11138",
    since="X0407",  # the box came with X0407 (EDGAR 23.1, March 2023)
)
def aff10b5_adoption_date(rule: Rule, document: Document) -> Iterator[Problem]:
    """A ticked Rule 10b5-1 box comes with the plan's adoption date in a footnote or remark."""
    box = child(document.root, "aff10b5One")
    if not is_true(box) or box is None:
        return
    if any("adopt" in part.lower() for part in footnote_texts(document)):
        return
    yield document.problem(
        rule,
        box,
        "The Rule 10b5-1(c) box is ticked, but no footnote or remark gives the date the plan "
        'was adopted; the form asks for it in the Explanation of Responses (e.g. "effected '
        'pursuant to a Rule 10b5-1 trading plan adopted on March 3, 2025").',
    )
