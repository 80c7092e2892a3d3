"""The forms' statements (General Instructions, column headings of Forms 3, 4 and 5, and Rule
16a-3), each with the checks that enforce it or the reason it is not checked.

Read from the forms' General Instructions (SEC 1473 Form 3, SEC 1474 Form 4, SEC 2270 Form 5,
as revised in 2023), their boxes and column headings as the spec's Appendices B-D map them to
the XML, and Rule 16a-3 (17 CFR 240.16a-3). Each statement is worded here, not copied. A check
id is a rule of ``generator/checks/rules/``, one of ``OTHER_CHECKS``, or ``xsd`` (the schema of the
document's own form).

Many statements are about facts the document cannot show (whether a person is an insider, what
they own, when they learned of a trade): those are recorded with the reason sec16 cannot check
them, so that the catalogue says what a clean report does not prove.
"""

from __future__ import annotations

from generator.checks.rules.core import STATEMENTS, statement

__all__ = ["FORMS_STATEMENTS", "statement"]

#: Where this module's statements begin in ``STATEMENTS`` (it is imported after the spec's).
_FIRST = len(STATEMENTS)

_OWNER_KNOWS = "a matter of the reporting person's holdings and dealings, not of the document"
_ISSUER_RECORDS = "needs the issuer's records"
_SEC_RECORDS = "needs the SEC's records, which a document does not carry"
_ACT = "an act outside the document (what is done, not what is written)"
_PERMISSION = "a permission, not a requirement: there is nothing to check"
_EDGAR_BOX = "EDGAR fills this box itself; the XML has no element for it"

# --- When and where a form is filed (General Instructions 1 and 2; Rule 16a-3) -------------------

statement(
    "Form 3 General Instruction 1(a); Exchange Act §16(a)(2)(A)",
    "A Form 3 is filed within 10 days after the event that makes the person an insider (for an "
    "issuer's first registration under Section 12, by the day it takes effect).",
    "filing-late",
)
statement(
    "Form 4 General Instruction 1(a); Rule 16a-3(g)(1)",
    "A Form 4 is filed before the end of the second business day after the day the transaction "
    "was executed.",
    "filing-late",
)
statement(
    "Form 5 General Instruction 1(a); Rule 16a-3(f)(1)",
    "A Form 5 is filed within 45 days after the end of the issuer's fiscal year.",
    "filing-late",
)
statement(
    "Forms 3, 4 and 5 General Instruction 1(a); Rule 16a-3(h)",
    "A form is deemed filed on the day the Commission receives it; one delivered in time to a "
    "third-party business that guarantees next-day delivery is timely.",
    reason=_ACT,
)
statement(
    "Forms 4 and 5 General Instruction 1(b)",
    'A person no longer subject to Section 16 ticks the box "no longer subject to Section 16" '
    "(Form 4 and Form 5 obligations may continue).",
    reason="whether the person is still an insider is a fact outside the document (a Form 4 or "
    "5 that reports nothing must tick it: no-transaction)",
)
statement(
    "Forms 3, 4 and 5 General Instruction 1; Rule 16a-3(a)",
    "A separate form is filed for the securities of each issuer.",
    "xsd",
)
statement(
    "Forms 3, 4 and 5 General Instruction 2",
    "The form is filed electronically on EDGAR; a paper printout does not satisfy the obligation.",
    reason=_ACT,
)
statement(
    "Rule 16a-3(e)",
    "A copy of each form is sent to the issuer's designated person (or its corporate secretary) "
    "no later than it is transmitted to the Commission.",
    reason=_ACT,
)
statement(
    "Rule 16a-3(k)",
    "An issuer with a website posts each form filed about it by the end of the next business day.",
    reason=_ACT,
)

# --- Boxes above Table I (spec v5.5 Appendices B-D) ----------------------------------------------

statement(
    "Forms 3, 4 and 5 box 1 (Name and Address of Reporting Person)",
    "The form names the reporting person (by CIK; EDGAR supplies the name) and may give an "
    "address.",
    "xsd",
    "edgar-supplied-element",
)
statement(
    "Form 3 box 3, Forms 4 and 5 box 2 (Issuer Name and Ticker or Trading Symbol)",
    "The form names the issuer (by CIK; EDGAR supplies the name) and gives its trading symbol.",
    "xsd",
    "edgar-supplied-element",
)
statement(
    "Form 3 box 2 (Date of Event Requiring Statement)",
    "The period of report of a Form 3 is the date of the event that requires it.",
    "date-in-future",
)
statement(
    "Form 3 box 2 (Date of Event Requiring Statement)",
    "That date is the day the person became an insider (or the registration took effect).",
    reason="the date of the event is a fact outside the document",
)
statement(
    "Form 4 box 3 (Date of Earliest Transaction Required to be Reported)",
    "The period of report of a Form 4 is the date of its earliest transaction required to be "
    "reported: no such transaction is dated before it.",
    "period-after-earliest-transaction",
)
statement(
    "Form 4 box 3 (Date of Earliest Transaction Required to be Reported)",
    "The period of report of a Form 4 is the date of one of its transactions, not a day before "
    "all of them.",
    "period-not-earliest-transaction",
)
statement(
    "Form 5 box 3 (Statement for Issuer's Fiscal Year Ended); Rule 16a-3(f)(1)",
    "The period of report of a Form 5 is the end of the fiscal year it reports; no transaction "
    "is dated after it.",
    "transaction-after-fiscal-year",
)
statement(
    "Form 5 box 3; Rule 16a-3(f)(1)(i)-(iii)",
    "A Form 5 reports the transactions of that fiscal year, and transactions of earlier years "
    "only when they are reported late.",
    "transaction-outside-fiscal-year",
)
statement(
    "Forms 3, 4 and 5: If Amendment, Date Original Filed (Form 3 box 5, Forms 4 and 5 box 4)",
    "An amendment gives the date its original was filed.",
    "original-date-missing",
)
statement(
    "Forms 3, 4 and 5: If Amendment, Date Original Filed",
    "The original was filed on or after the period it reports and before today.",
    "original-date-before-period",
    "original-date-future",
)
statement(
    "Forms 3, 4 and 5: If Amendment, Date Original Filed; signature date",
    "An amendment is signed after the original it amends was filed.",
    "original-date-after-signature",
)
statement(
    "Forms 3, 4 and 5: If Amendment, Date Original Filed",
    "The date given is that of the filing the amendment corrects.",
    reason=_SEC_RECORDS,
)
statement(
    "Forms 3, 4 and 5: amendments",
    "An amendment reports the information it corrects (the corrected rows, or a word in the "
    "remarks on what is corrected).",
    "amendment-unexplained",
)
statement(
    "Forms 3, 4 and 5: Relationship of Reporting Person(s) to Issuer",
    "At least one relationship is ticked: director, officer, 10% owner or other.",
    "relationship-none",
)
statement(
    "Forms 3, 4 and 5: Relationship (officer, give title below)",
    "An officer gives the title.",
    "officer-title-missing",
)
statement(
    "Forms 3, 4 and 5: Relationship (other, specify below)",
    "A person whose relationship is other says what it is.",
    "other-text-missing",
)
statement(
    "Forms 3, 4 and 5: Relationship to Issuer",
    "The relationship ticked is the person's actual relationship to the issuer.",
    reason=_ISSUER_RECORDS,
)
statement(
    "Forms 3, 4 and 5: Individual or Joint/Group Filing",
    "The form says whether one or more than one reporting person files it.",
    reason=_EDGAR_BOX + " (it follows from the number of reporting owners)",
)
statement(
    "Forms 3, 4 and 5: Joint and Group Filings; Rule 16a-3(j)",
    "Up to ten persons who own the same securities may file one form jointly; each is named.",
    "too-many-owners",
    "duplicate-owner-cik",
)
statement(
    "Rule 16a-3(j)",
    "A joint filing is signed by each reporting person, or on each one's behalf.",
    reason="the XML does not tie a signature to an owner (spec v5.5 §3.5), so who signed for "
    "whom cannot be read from it",
)
statement(
    "Form 3: No securities beneficially owned; Form 5: Form 3 Holdings Reported, Form 4 "
    "Transactions Reported",
    "These boxes say what the tables hold.",
    "edgar-supplied-element",
)

# --- The Rule 10b5-1(c) box (Forms 4 and 5, since 2023) ------------------------------------------

statement(
    "Forms 4 and 5: Rule 10b5-1(c) check box",
    "The form says whether a transaction it reports was made under a plan intended to satisfy "
    "Rule 10b5-1(c).",
    "aff10b5-unanswered",
)
statement(
    "Forms 4 and 5: Rule 10b5-1(c) check box (instruction)",
    "When the box is ticked, the Explanation of Responses gives the date the plan was adopted.",
    "aff10b5-adoption-date",
)
statement(
    "Forms 4 and 5: Rule 10b5-1(c) check box",
    "The box is ticked only when a transaction was in fact made under such a plan.",
    reason=_OWNER_KNOWS,
)
statement(
    "Rule 10b5-1(c)(1)(i)(A), (B)",
    "A plan covers only trades made after it was adopted: a transaction reported as made under "
    "a plan is not dated before the plan's adoption date.",
    "aff10b5-adopted-after",
)
statement(
    "Rule 10b5-1(c)(1)(ii)(B)(1); Release 33-11138",
    "A director or officer trades under a plan adopted from February 27, 2023 only after its "
    "cooling-off period: the later of 90 days after adoption and 2 business days after the "
    "issuer discloses its results in the Form 10-Q or 10-K for the fiscal quarter of adoption, "
    "at most 120 days.",
    "aff10b5-cooling-off",
)
statement(
    "Rule 10b5-1(c)(1)(ii)(B)(2); Release 33-11138",
    "Anyone else (neither director nor officer) trades under a plan adopted from February 27, "
    "2023 only 30 days after its adoption.",
    "aff10b5-cooling-off",
)
statement(
    "Rule 10b5-1(c)(1)(ii)(B)(1)",
    "Whether a trade 90 to 120 days after a director's or officer's adoption is still inside "
    "the cooling-off period depends on the day the issuer filed its 10-Q or 10-K for the "
    "quarter of adoption.",
    reason=_ISSUER_RECORDS + " (a submission is reminded of it; a filing of record is not "
    "judged by it)",
)
statement(
    "Rule 10b5-1(c)(1)(ii)(A), (C)-(E); (c)(1)(iv)",
    "The plan's other conditions (good faith, the officer's certification, no overlapping "
    "plans, one single-trade plan a year; a modification is a new adoption).",
    reason=_OWNER_KNOWS,
)

# --- Classes and amounts (General Instructions 3 and 4) ------------------------------------------

statement(
    "Forms 3, 4 and 5 General Instruction 3(a)",
    "The form reports every class of the issuer's equity securities the person owns or deals "
    "in, registered or not.",
    reason=_OWNER_KNOWS,
)
statement(
    "Forms 3, 4 and 5: Table I and Table II column 1 (Title of Security)",
    "Each row gives the title of its security.",
    "xsd",
)
statement(
    "Forms 3, 4 and 5 General Instruction 3 (Class of Securities Reported)",
    "The title of a security names its class (e.g. Class A Common Stock), even when the issuer "
    "has only one.",
    reason="whether a title names a class is a judgment of its words",
)
statement(
    "Forms 3, 4 and 5 General Instructions 3 and 4",
    "An amount is a number: of shares, or the face amount in dollars of debt securities.",
    "xsd",
)
statement(
    "Forms 4 and 5 General Instruction 4(a)(i); Rule 16a-3(g)(1)",
    "A Form 4 reports every transaction not exempt from Section 16(b), every transaction exempt "
    "under Rule 16b-3(d), (e) or (f), and every exercise and conversion of a derivative "
    "security.",
    reason=_OWNER_KNOWS + " (the document shows only what it reports)",
)
statement(
    "Forms 4 and 5 General Instruction 4(a)(i)",
    "Every transaction is reported, even when the acquisitions and dispositions of the period "
    "cancel out.",
    reason=_OWNER_KNOWS,
)
statement(
    "Forms 4 and 5 General Instruction 4(a)(ii); Table I column 5, Table II column 9",
    "Each row gives the amount owned after the transactions reported.",
    "xsd",
)
statement(
    "Form 4 Table I column 5, Table II column 9 (Amount Owned Following Reported Transaction(s))",
    "The amount owned after a transaction is the amount owned before it, plus what it acquired "
    "or minus what it disposed of.",
    "holdings-arithmetic",
    "holdings-continuity",
)
statement(
    "Form 5 Table I column 5, Table II column 9 (Amount Owned at End of Issuer's Fiscal Year)",
    "On a Form 5 the amount is the holding at the end of the fiscal year.",
    reason="the holding at the year's end is not a sum of the rows above it (transactions "
    "reported on Forms 4 during the year are not repeated), so the document cannot prove it",
)
statement(
    "Forms 3, 4 and 5 General Instruction 4(b); Rule 16a-1(a)(2)",
    "Securities are reported when the person has a direct or indirect pecuniary interest in them.",
    reason=_OWNER_KNOWS,
)
statement(
    "Forms 3, 4 and 5 General Instruction 4(b); Ownership Form and Nature of Indirect "
    "Beneficial Ownership columns",
    "Direct and indirect holdings are on separate lines; an indirect line says how it is held "
    '(e.g. "By Spouse", "By X Trust"), a direct line does not.',
    "nature-missing-for-indirect",
    "nature-with-direct",
)
statement(
    "Forms 3, 4 and 5 General Instruction 4(b)",
    "The nature of indirect ownership is stated as specifically as possible.",
    reason="how specific a description is, is a judgment of its words",
)

# --- Derivative securities (General Instruction 4(c); Table II) ---------------------------------

statement(
    "Forms 3, 4 and 5 General Instruction 4(c)",
    "Derivative securities (options, warrants, convertible securities, rights) are reported in "
    "Table II, other equity securities in Table I.",
    reason="whether a security is a derivative is a matter of its terms; a title alone does not "
    "prove it",
)
statement(
    "Forms 4 and 5 General Instruction 4(c)",
    "The exercise or conversion of a derivative security is reported in Table II as its "
    "disposition, and the securities received in Table I.",
    reason="real, accepted filings report a conversion into another derivative security (a "
    "warrant into Class B stock convertible into Class A) as an acquisition in Table II, so the "
    "direction cannot be held to this",
)
statement(
    "Forms 3, 4 and 5 General Instruction 4(c)",
    "An option says whether it is a right to buy, a right to sell, an obligation to buy or an "
    "obligation to sell.",
    "option-right-unstated",
)
statement(
    "Forms 3, 4 and 5 General Instruction 4(c); Table II (Title and Amount of Underlying "
    "Securities)",
    "A derivative row gives the title of the underlying security and its amount.",
    "xsd",
    "underlying-amount",
)
statement(
    "Forms 3, 4 and 5 Table II (Conversion or Exercise Price of Derivative Security)",
    "A derivative row gives its exercise or conversion price, or a footnote explaining it.",
    "xsd",
)
statement(
    "Forms 3, 4 and 5 Table II (Date Exercisable and Expiration Date)",
    "A derivative row gives the date it becomes exercisable and the date it expires (or a "
    "footnote); it does not expire before it becomes exercisable.",
    "xsd",
    "expiration-before-exercisable",
)

# --- Prices (General Instruction 5; Table I column 4, Table II column 8) -------------------------

statement(
    "Forms 4 and 5 General Instructions (Price of Securities); Table I column 4, Table II column 8",
    "A purchase or sale gives its price per share (a weighted average with a footnote for "
    "several trades).",
    "price-missing",
)
statement(
    "Forms 4 and 5 General Instructions (Price of Securities)",
    "The price excludes brokerage commissions; consideration other than cash is described.",
    reason=_OWNER_KNOWS,
)

# --- Transaction codes (General Instruction 8) --------------------------------------------------

statement(
    "Forms 4 and 5 General Instruction 8",
    "Each transaction carries the code that describes it best, from the list of the instruction.",
    "xsd",
)
statement(
    "Forms 4 and 5 General Instruction 8",
    "The code chosen is the one that fits the transaction.",
    reason="what kind of transaction it was is a fact outside the document (only what the "
    "code's own words contradict is checked: direction-impossible, direction-unusual)",
)
statement(
    "Forms 4 and 5 General Instruction 8; Table I columns 3 and 4",
    "A code whose words name the direction agrees with the acquired/disposed box: a purchase, a "
    "grant or a small acquisition is acquired; a sale, a disposition to the issuer, shares "
    "delivered or withheld, or a tender is disposed.",
    "direction-impossible",
    "direction-unusual",
)
statement(
    "Forms 4 and 5 General Instruction 8 (code J)",
    "A transaction no other code fits is coded J and described in the Explanation of Responses.",
    "code-j-undescribed",
)
statement(
    "Forms 4 and 5 General Instruction 8 (codes K and V)",
    "K (equity swap) and V (reported early) are added to the code, not entered as codes; in "
    "the XML they are equitySwapInvolved and the transaction form type.",
    "derived-code",
)
statement(
    "Rule 16a-3(g)(5); Form 4 General Instruction 8 (code V)",
    "A transaction that could wait for Form 5 may be reported early on a Form 4.",
    "timeliness-invalid",
)
statement(
    "Rule 16a-3(g)(1); Rule 16a-3(f)(1)(i)",
    "A sale, an exercise or conversion of a derivative security, and (since 2023) a bona fide "
    "gift made are Form 4 transactions, never Form 5 ones; a gift received may still wait for "
    "Form 5.",
    "form4-transaction-typed-5",
)
statement(
    "Rule 16a-3(g)(1); Rule 16a-3(f)(1)(i)(A)",
    "Transactions exempt under Rule 16b-3(d), (e) or (f) (codes A, D, F, I) are Form 4 "
    "transactions.",
    reason="filers use A for acquisitions under plans exempt by other rules (401(k) and "
    "dividend reinvestment plans), which may be Form 5 items; the code alone does not tell them "
    "apart",
)
statement(
    "Rule 16a-3(f)(1)(iv)",
    "A person's first Form 5 also reports what should have been reported in the two fiscal "
    "years before.",
    reason=_OWNER_KNOWS,
)
statement(
    "Rule 16a-3(f)(2)",
    "No Form 5 is needed when everything it would report was reported before its due date.",
    reason="needs the person's other filings",
)

# --- Dates of execution (Rule 16a-3(g)(2)-(4); Table I column 2A, Table II column 3A) -----------

statement(
    "Rule 16a-3(g)(2), (3); Table I column 2A, Table II column 3A",
    "A trade under a Rule 10b5-1(c) plan or a discretionary transaction (code I) whose date "
    "the insider did not choose is deemed executed when the broker or plan administrator tells "
    "the insider: not before the trade.",
    "deemed-date-impossible",
)
statement(
    "Rule 16a-3(g)(4)",
    "A notice given later than the third business day after the trade counts as given on that "
    "third business day.",
    "deemed-date-impossible",
)
statement(
    "Rule 16a-3(g)(2), (3); Forms 4 and 5: Rule 10b5-1(c) check box",
    "Only such transactions have a deemed execution date: a form whose 10b5-1 box says no plan "
    "gives none on other codes than I.",
    "deemed-date-without-plan",
)
statement(
    "Rule 16a-3(g)(2), (3)",
    "The deemed date is the day the insider was in fact notified, and the insider did not "
    "choose the date of the trade.",
    reason=_OWNER_KNOWS,
)

# --- Additional information, signature, amendments ---------------------------------------------

statement(
    "Forms 3, 4 and 5 General Instructions (Additional Information)",
    "What does not fit in a box is given in a footnote to it, or in the remarks.",
    "footnote-undefined",
    "footnote-too-long",
    "too-many-footnotes",
)
statement(
    "Forms 3, 4 and 5 General Instructions (Signature); Rule 16a-3(i)",
    "The form is signed by the reporting person, or for them by someone authorised.",
    "xsd",
)
statement(
    "Forms 3, 4 and 5 General Instructions (Signature)",
    "When someone signs for the person, the authority (a power of attorney) is filed with the "
    "form or is already on file with the Commission.",
    reason=_SEC_RECORDS,
)
statement(
    "Forms 3, 4 and 5 General Instructions (Signature)",
    "For an entity, the signature states the capacity in which the individual signs.",
    reason="whether a reporting person is an entity is not in the XML, and a capacity is a "
    "matter of the signature's words",
)
statement(
    "Forms 4 and 5 General Instructions (Signature); signature Date",
    "The form is signed after the transactions it reports.",
    "signature-before-transaction",
)
statement(
    "Forms 3, 4 and 5: signature Date",
    "No date on the form is later than the day it is filed.",
    "date-in-future",
)
statement(
    "Rule 16a-3(a)",
    "At the person's choice, a transaction required on Form 5 may be reported on an earlier "
    "Form 4.",
    reason=_PERMISSION,
)

#: This module's statements, in order (tests/test_rules_forms.py checks their check ids).
FORMS_STATEMENTS = tuple(STATEMENTS[_FIRST:])
