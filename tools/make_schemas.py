#!/usr/bin/env python3
"""Write schemas/form{3,3a,4,4a,5,5a}.xsd, the root of each ownershipDocument form.

The six form schemas differ only in a few places (which header flags exist, whether the
document is an amendment, which rows the two tables may hold and what those rows contain),
so they are generated from the small tables below instead of being kept in sync by hand.
The shared types live in schemas/common.xsd, which is written by hand.

    python tools/make_schemas.py          # rewrite the six files
    python tools/make_schemas.py --check  # exit 1 if a file is not what this script writes

tests/test_schema_differential.py checks the result against the SEC's own schemas.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"

# A particle: (element name, type, minOccurs, maxOccurs).
Particle = tuple[str, str, int, int]


def req(name: str, type_: str) -> Particle:
    return (name, type_, 1, 1)


def opt(name: str, type_: str) -> Particle:
    return (name, type_, 0, 1)


# --- table rows, by form family ("3", "4", "5") -------------------------------------------

NON_DERIVATIVE_TRANSACTION = {
    "4": [
        req("securityTitle", "SecurityTitle"),
        req("transactionDate", "DateWithNotes"),
        opt("deemedExecutionDate", "OptionalDateWithNotes"),
        opt("transactionCoding", "TransactionCoding"),
        opt("transactionTimeliness", "TimelinessWithNotes"),
        req("transactionAmounts", "NonDerivativeAmounts"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
}
# Form 5 transactions: same fields, but timeliness cannot carry footnotes.
NON_DERIVATIVE_TRANSACTION["5"] = [
    opt("transactionTimeliness", "TimelinessBare") if p[0] == "transactionTimeliness" else p
    for p in NON_DERIVATIVE_TRANSACTION["4"]
]

DERIVATIVE_TRANSACTION = {
    "4": [
        req("securityTitle", "SecurityTitle"),
        req("conversionOrExercisePrice", "NumberOrNotes"),
        req("transactionDate", "DateWithNotes"),
        opt("deemedExecutionDate", "OptionalDateWithNotes"),
        opt("transactionCoding", "TransactionCoding"),
        opt("transactionTimeliness", "TimelinessWithNotes"),
        req("transactionAmounts", "DerivativeAmounts"),
        req("exerciseDate", "DateOrNotes"),
        req("expirationDate", "DateOrNotes"),
        req("underlyingSecurity", "UnderlyingSecurity"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
}
DERIVATIVE_TRANSACTION["5"] = [
    opt("transactionTimeliness", "TimelinessBare") if p[0] == "transactionTimeliness" else p
    for p in DERIVATIVE_TRANSACTION["4"]
]

NON_DERIVATIVE_HOLDING = {
    "3": [
        req("securityTitle", "SecurityTitle"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
    # Form 5: a holding may be marked as a late Form 3 holding.
    "5": [
        req("securityTitle", "SecurityTitle"),
        opt("transactionCoding", "HoldingCoding"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
}
NON_DERIVATIVE_HOLDING["4"] = NON_DERIVATIVE_HOLDING["3"]

DERIVATIVE_HOLDING = {
    # Form 3: no postTransactionAmounts (there is no transaction to follow).
    "3": [
        req("securityTitle", "SecurityTitle"),
        req("conversionOrExercisePrice", "NumberOrNotes"),
        req("exerciseDate", "DateOrNotes"),
        req("expirationDate", "DateOrNotes"),
        req("underlyingSecurity", "UnderlyingSecurity"),
        req("ownershipNature", "OwnershipNature"),
    ],
    "4": [
        req("securityTitle", "SecurityTitle"),
        req("conversionOrExercisePrice", "NumberOrNotes"),
        req("exerciseDate", "DateOrNotes"),
        req("expirationDate", "DateOrNotes"),
        req("underlyingSecurity", "UnderlyingSecurity"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
    # Form 5: the late-Form-3 marker sits right after the conversion price.
    "5": [
        req("securityTitle", "SecurityTitle"),
        req("conversionOrExercisePrice", "NumberOrNotes"),
        opt("transactionCoding", "HoldingCoding"),
        req("exerciseDate", "DateOrNotes"),
        req("expirationDate", "DateOrNotes"),
        req("underlyingSecurity", "UnderlyingSecurity"),
        req("postTransactionAmounts", "PostTransactionAmounts"),
        req("ownershipNature", "OwnershipNature"),
    ],
}

# Header flags between periodOfReport (or dateOfOriginalSubmission) and issuer.
FLAGS = {
    "3": [opt("noSecuritiesOwned", "xs:boolean")],
    "4": [opt("notSubjectToSection16", "xs:boolean")],
    "5": [
        opt("notSubjectToSection16", "xs:boolean"),
        opt("form3HoldingsReported", "xs:boolean"),
        opt("form4TransactionsReported", "xs:boolean"),
    ],
}

# The Rule 10b5-1 box: optional on Forms 3/3A, required on 4, 4/A, 5, 5/A.
AFF10B5ONE_MIN = {"3": 0, "4": 1, "5": 1}

FAMILY_TITLE = {
    "3": "Form 3 (initial statement): holdings only, no transactions",
    "4": "Form 4 (changes in ownership): transactions and holdings",
    "5": "Form 5 (annual statement): transactions and holdings, late Form 3 holdings",
}


@dataclass(frozen=True)
class Form:
    file: str
    document_type: str
    family: str

    @property
    def amendment(self) -> bool:
        return self.document_type.endswith("/A")


FORMS = [
    Form("form3.xsd", "3", "3"),
    Form("form3a.xsd", "3/A", "3"),
    Form("form4.xsd", "4", "4"),
    Form("form4a.xsd", "4/A", "4"),
    Form("form5.xsd", "5", "5"),
    Form("form5a.xsd", "5/A", "5"),
]


# --- rendering ----------------------------------------------------------------------------


def element(p: Particle, indent: int) -> str:
    name, type_, lo, hi = p
    attrs = f'name="{name}" type="{type_}"'
    if lo != 1:
        attrs += f' minOccurs="{lo}"'
    if hi != 1:
        attrs += f' maxOccurs="{hi}"'
    return " " * indent + f"<xs:element {attrs}/>"


def sequence_type(name: str, particles: list[Particle], comment: str | None = None) -> str:
    lines = []
    if comment:
        lines.append(f"    <!-- {comment} -->")
    lines.append(f'    <xs:complexType name="{name}">')
    lines.append("        <xs:sequence>")
    lines += [element(p, 12) for p in particles]
    lines.append("        </xs:sequence>")
    lines.append("    </xs:complexType>")
    return "\n".join(lines)


def table_type(name: str, rows: list[tuple[str, str]], comment: str) -> str:
    lines = [f"    <!-- {comment} -->", f'    <xs:complexType name="{name}">']
    lines.append('        <xs:choice minOccurs="0" maxOccurs="30">')
    lines += [f'            <xs:element name="{el}" type="{ty}"/>' for el, ty in rows]
    lines.append("        </xs:choice>")
    lines.append("    </xs:complexType>")
    return "\n".join(lines)


def render(form: Form) -> str:
    fam = form.family
    has_transactions = fam in ("4", "5")
    parts: list[str] = []

    parts.append(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<!--
  sec16 — ownershipDocument for a "{form.document_type}" document (schemaVersion X0609).
  {FAMILY_TITLE[fam]}{"; amendment" if form.amendment else ""}.

  GENERATED by tools/make_schemas.py from the tables in that script: edit the script and
  rerun it rather than editing this file. Shared types are in common.xsd; see SOURCE.md.
-->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">

    <xs:include schemaLocation="common.xsd"/>

    <!-- documentType must be exactly "{form.document_type}" (no surrounding white space). -->
    <xs:simpleType name="DocumentTypeCode">
        <xs:restriction base="xs:string">
            <xs:enumeration value="{form.document_type}"/>
        </xs:restriction>
    </xs:simpleType>"""
    )

    if has_transactions:
        parts.append(sequence_type("NonDerivativeTransaction", NON_DERIVATIVE_TRANSACTION[fam]))
        parts.append(sequence_type("DerivativeTransaction", DERIVATIVE_TRANSACTION[fam]))
    parts.append(sequence_type("NonDerivativeHolding", NON_DERIVATIVE_HOLDING[fam]))
    parts.append(sequence_type("DerivativeHolding", DERIVATIVE_HOLDING[fam]))

    if has_transactions:
        nd_rows = [
            ("nonDerivativeTransaction", "NonDerivativeTransaction"),
            ("nonDerivativeHolding", "NonDerivativeHolding"),
        ]
        d_rows = [
            ("derivativeTransaction", "DerivativeTransaction"),
            ("derivativeHolding", "DerivativeHolding"),
        ]
        how = "transactions and holdings in any order"
    else:
        nd_rows = [("nonDerivativeHolding", "NonDerivativeHolding")]
        d_rows = [("derivativeHolding", "DerivativeHolding")]
        how = "holdings only"
    parts.append(table_type("NonDerivativeTable", nd_rows, f"Table I: up to 30 rows, {how}."))
    parts.append(table_type("DerivativeTable", d_rows, f"Table II: up to 30 rows, {how}."))

    root: list[Particle] = [
        opt("schemaVersion", "SchemaVersionType"),
        req("documentType", "DocumentTypeCode"),
        req("periodOfReport", "xs:date"),
    ]
    if form.amendment:
        root.append(req("dateOfOriginalSubmission", "xs:date"))
    root += FLAGS[fam]
    root += [
        req("issuer", "Issuer"),
        ("reportingOwner", "ReportingOwner", 1, 10),
        ("aff10b5One", "xs:boolean", AFF10B5ONE_MIN[fam], 1),
        opt("nonDerivativeTable", "NonDerivativeTable"),
        opt("derivativeTable", "DerivativeTable"),
        opt("footnotes", "Footnotes"),
        opt("remarks", "Text2000"),
        ("ownerSignature", "Signature", 1, 10),
    ]
    root_lines = [
        "    <!-- The document. -->",
        '    <xs:element name="ownershipDocument">',
        "        <xs:complexType>",
        "            <xs:sequence>",
        *[element(p, 16) for p in root],
        "            </xs:sequence>",
        "        </xs:complexType>",
        "    </xs:element>",
    ]
    parts.append("\n".join(root_lines))
    return "\n\n".join(parts) + "\n\n</xs:schema>\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = ap.parse_args(argv)
    stale = []
    for form in FORMS:
        path = SCHEMAS / form.file
        text = render(form)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(form.file)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
