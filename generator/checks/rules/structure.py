"""The document's structure where the schema is looser than the specification: the coding of
every transaction, values that are blank, the XML declaration and the layout of the file
(spec v5.5 §3.5, §4.1, §4.3.8, §5)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from generator.checks.rules.core import (
    Document,
    Rule,
    child,
    child2,
    describe,
    findall,
    rule,
)
from generator.model.problems import Problem

# --- transaction coding (spec v5.5 §3.5, §4.3.8.2, §4.3.8.3) -------------------------------------


@rule(
    "transaction-coding-missing",
    "error",
    "spec v5.5 §3.5 (transactionCoding: cm in every transaction); §4.3.8.2; §4.3.8.3; §5",
)
def transaction_coding_missing(rule: Rule, document: Document) -> Iterator[Problem]:
    """Every transaction gives its coding: form type ("4" or "5"), transaction code, equity swap.

    The schemas let a transaction leave ``transactionCoding`` out (``minOccurs="0"``), but the
    §3.5 table marks it cm, mandatory in a row that is present, and §4.3.8.2 and §4.3.8.3 say
    that the form type, the code and the equity-swap flag are mandatory: EDGAR builds the code
    printed in column 3 from them (§4.3.8), and suspends a mandatory element with no value
    (§5). Once ``transactionCoding`` is there, the schema itself requires each of the three and
    refuses an empty one (the form type's pattern is 4|5, the code's the TransCodeList, the
    flag an xs:boolean), so only the missing group is left for this rule.
    """
    for row in document.transactions:
        if row.code_element is not None:
            continue  # the usual case: a code, hence a coding (read once by Row)
        element = row.element
        if child(element, "transactionCoding") is not None:
            continue  # a coding without its code: the schema reports that
        table = "Table I" if row.table == "nonDerivativeTable" else "Table II"
        yield document.problem(
            rule,
            element,
            f"{table} row {describe(element)} has no transaction coding: the form type "
            '("4", or "5" for a transaction reported early or late), the transaction code '
            "(e.g. S for a sale) and whether an equity swap is involved. EDGAR suspends a "
            "transaction without them. Add <transactionCoding> after the transaction date and "
            "any deemed execution date (code, form_type and equity_swap in the draft).",
        )


# --- mandatory values that are blank (spec v5.5 §3.5 m/cm, §5) ------------------------------------

#: The mandatory texts whose schema type (minLength 1) accepts a value of white space only,
#: and what each is on the form.
_MANDATORY_TEXTS = {
    "issuerTradingSymbol": "the issuer's trading symbol (box 2)",
    "securityTitle": "the title of the security",
    "underlyingSecurityTitle": "the title of the underlying security",
    "signatureName": "the name of the person signing",
}


def _blank(element: etree._Element | None) -> bool:
    """White space only, but not empty: an empty value is the schema's to report (minLength)."""
    if element is None:
        return False
    raw = element.text or ""
    return bool(raw) and not raw.strip() and not len(element)


@rule(
    "mandatory-value-blank",
    "error",
    "spec v5.5 §3.5 (issuerTradingSymbol, securityTitle, underlyingSecurityTitle, "
    "signatureName: m or cm); §5 (mandatory element has no value: SUSPENSE)",
    record="warning",
)
def mandatory_value_blank(rule: Rule, document: Document) -> Iterator[Problem]:
    """A mandatory text (trading symbol, security titles, signature name) is not just spaces.

    The schema requires at least one character, and a space is one: a title of white space
    passes it, yet names nothing. §5 suspends a mandatory element with no value; whether EDGAR
    takes white space for a value is not stated, so a filing to send is held to the rule (an
    error) and a filing EDGAR accepted is only warned about.
    """
    root = document.root
    found: list[tuple[etree._Element, str]] = []
    symbol = child2(root, "issuer", "issuerTradingSymbol")
    if _blank(symbol):
        assert symbol is not None
        found.append((symbol, "issuerTradingSymbol"))
    for row in document.rows:
        # The usual case, a title with words, is known from Row.title (already stripped).
        title = None if row.title else child2(row.element, "securityTitle", "value")
        if _blank(title):
            assert title is not None
            found.append((title, "securityTitle"))
        underlying = child2(row.underlying, "underlyingSecurityTitle", "value")
        if _blank(underlying):
            assert underlying is not None
            found.append((underlying, "underlyingSecurityTitle"))
    for name in findall(root, "ownerSignature/signatureName"):
        if _blank(name):
            found.append((name, "signatureName"))
    for element, tag in found:
        yield document.problem(
            rule,
            element,
            f"<{tag}> holds only spaces: {_MANDATORY_TEXTS[tag]} is mandatory, and the "
            "specification (§5) suspends a mandatory element with no value. Write it out.",
        )


# --- the file itself (spec v5.5 §4.1) -------------------------------------------------------------


@rule("xml-version", "error", "spec v5.5 §4.1 (4)")
def xml_version(rule: Rule, document: Document) -> Iterator[Problem]:
    """The XML declaration, when there is one, says version="1.0".

    §4.1 (4): "The version value must be '1.0.' Any other value for version will cause a
    SUSPENSE error." libxml2 reads an XML 1.1 document without complaint, so neither the
    parser nor the schema tells; a document without a declaration is XML 1.0 by definition.
    """
    version = document.tree.docinfo.xml_version  # "1.0" when there is no declaration
    if version == "1.0":
        return
    problem = document.problem(
        rule,
        document.root,
        f'The XML declaration says version="{version}"; EDGAR suspends any version but 1.0. '
        'Write <?xml version="1.0" encoding="UTF-8"?> on the first line.',
    )
    # The declaration is on the first line of the document (else it is not well-formed).
    yield problem._replace(location=None, line=1 + document.line_offset)


@rule("single-line-document", "warning", "spec v5.5 §4.1 (3)")
def single_line_document(rule: Rule, document: Document) -> Iterator[Problem]:
    """A submission is not written on a single line.

    §4.1 (3): a single-line XML file "is strongly discouraged" and "should be avoided": EDGAR
    publishes the raw XML as filed, does not reformat it, and people read it. Legal XML, so a
    warning, and only for a document still to be sent (a record is what it is).
    """
    if document.profile != "submission":
        return
    root = document.root
    last = root
    while len(last):
        last = last[-1]  # the last node of the document (its sourceline is the highest)
    if last is root or last.sourceline != root.sourceline:
        return
    yield document.problem(
        rule,
        root,
        "The whole document is written on one line. It is legal XML, but the specification "
        "(§4.1) strongly discourages it: EDGAR publishes the XML exactly as sent, for people "
        "to read. Write one element per line, indented (sec16 build does).",
    )
