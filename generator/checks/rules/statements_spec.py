"""The specification's statements (v5.5 §3, §4, §5), each with the checks that enforce it or
the reason it is not checked. docs/rules.md lists them (``statements_markdown``).

Read line by line from ``../shared/sec/ownership-spec-v5.5/spec-v5-5.txt``: §3.1 to §3.6 (the
column definitions, data types, applicability notes, the two element tables and the choice
lists), §4.1 to §4.3.8.3 and the table of §5. A check id is a rule of ``generator/checks/rules/``,
one
of ``OTHER_CHECKS`` (the envelope checks of formats/envelope.py, the byte-order mark, the schema
version), ``xsd`` (the schema of the document's own form) or ``not-ownership-xml`` (the file is
well-formed XML of an ownership document).

Where the text contradicts itself or the SEC's own schema, the statement says which one sec16
follows and why.
"""

from __future__ import annotations

from generator.checks.rules.core import statement

__all__ = ["statement"]

_OPTIONAL = "optional: there is nothing to check"
_PERMISSION = "a permission, not a requirement: there is nothing to check"
_EDGAR_DOES = "what EDGAR does with an accepted filing, not something a filing can get wrong"

# --- §3.1 Schema table column definitions ---------------------------------------------------------

statement(
    "spec v5.5 §3.1 (Order)", "Elements appear in the order of the §3.4 and §3.5 tables.", "xsd"
)
statement("spec v5.5 §3.1 (Element Name)", "Element names are case-sensitive.", "xsd")
statement(
    "spec v5.5 §3.1 (Max Length); §3.2 (string)",
    "A text is no longer than the maximum length of the §3.4 and §3.5 tables; EDGAR's database "
    "stores up to that many characters.",
    "xsd",
    "footnote-too-long",
    "state-territory-too-long",
)
statement(
    "spec v5.5 §3.1 (Choice List)",
    "A field with a choice list takes one of the values of §3.6.",
    "xsd",
)
statement(
    "spec v5.5 §3.1 (Max Occur)",
    "A repeated element occurs at most its Max Occur times.",
    "xsd",
    "too-many-owners",
    "too-many-signatures",
    "too-many-footnotes",
    "too-many-rows",
    "document-count",
)

# --- §3.2 Data type constraints -------------------------------------------------------------------

statement(
    "spec v5.5 §3.2 (boolean)",
    "A yes/no value is written 1 or true, 0 or false, never blank (blank: SUSPENSE).",
    "xsd",
)
statement(
    "spec v5.5 §3.2 (date)",
    "A date is written YYYY-MM-DD and is never blank (SUSPENSE); an optional date not given is "
    "left out.",
    "xsd",
)
statement(
    "spec v5.5 §3.2 (decimal)",
    "A number has only the digits 0-9 and a period (no comma, minus sign, dollar sign or "
    "parentheses), at most four decimal places, lies between 0.0 and 999999999999.9999 and is "
    "never blank (SUSPENSE).",
    "xsd",
)
statement(
    "spec v5.5 §3.2 (string)",
    "EDGAR stores footnotes, signature names and the contact e-mail address as written, every "
    "other value in upper case.",
    reason=_EDGAR_DOES,
)
statement(
    "spec v5.5 §3.2 (string); §5 (special character)",
    "The characters < and & in a value are written as escapes (&lt;, &amp; or &#60;, &#38;).",
    "not-ownership-xml",
)
statement(
    "spec v5.5 §3.2 (string); §5 (special character)",
    'The characters > and " in a value are written as escapes (&gt;, &quot; or &#62;, &#34;).',
    reason="a raw > or \" in text is well-formed XML that every parser, EDGAR's included, "
    "reads as the same character as its escape: the parsed document sec16 checks cannot tell "
    "them apart (§5 suspends a raw &, < or >; sec16 build writes all four escaped)",
)
statement(
    "spec v5.5 §3.2 (ID, IDREF)",
    "A footnote id, and a reference to one, is a capital F followed by a number from 1 to 99.",
    "xsd",
)
statement(
    "spec v5.5 §3.2 (NV)",
    "A group element (NV) has no value of its own, only the elements it contains.",
    "xsd",
)

# --- §3.3 Applicability of schema elements --------------------------------------------------------

statement(
    "spec v5.5 §3.3 (m)",
    "A mandatory element is given, with a value.",
    "xsd",
    "original-date-missing",
    "mandatory-value-blank",
)
statement(
    "spec v5.5 §3.3 (cm)",
    "A conditional-mandatory element is given whenever its parent is, and never without it.",
    "xsd",
    "transaction-coding-missing",
)
statement(
    "spec v5.5 §3.3 cm(1)",
    "Each reporting owner ticks at least one of director, officer, 10% owner and other.",
    "relationship-none",
)
statement("spec v5.5 §3.3 cm(2)", "An officer gives an officer title.", "officer-title-missing")
statement(
    "spec v5.5 §3.3 cm(3)",
    'An owner whose relationship is "other" describes it (otherText).',
    "other-text-missing",
)
statement(
    "spec v5.5 §3.3 cm(4)",
    "The amounts of a derivative transaction give either the number of securities or their "
    "total value, not both.",
    "xsd",
)
statement(
    "spec v5.5 §3.3 cm(5); §5",
    "A row owned directly (D) gives no nature of ownership (an empty element or none is fine); "
    "a value is a SUSPENSE.",
    "nature-with-direct",
)
statement(
    "spec v5.5 §3.3 cm(5)",
    "A row owned indirectly (I) gives its nature of ownership; none, or an empty one, is a "
    "SUSPENSE.",
    "nature-missing-for-indirect",
)
statement(
    "spec v5.5 §3.3 cm(6)",
    "An underlying security gives either the number of underlying shares or their value, not "
    "both and not neither.",
    "underlying-amount",
    "xsd",
)
statement(
    "spec v5.5 §3.3 cm(7)",
    "The amount owned after a row is given either as shares or as a value, not both.",
    "xsd",
)
statement(
    "spec v5.5 §3.3 cm(8)",
    "A price, date or underlying amount given without a value carries a footnote instead.",
    "xsd",
)
statement(
    "spec v5.5 §3.3 cm(9)",
    "A non-U.S. address (rptOwnerNonUSAddressFlag true) gives its country (rptOwnerCountry).",
    "country-missing",
)
statement(
    "spec v5.5 §3.3 cm(10)",
    "A U.S. address (rptOwnerNonUSAddressFlag false) gives its state (rptOwnerState).",
    "state-missing",
)
statement(
    "spec v5.5 §3.5 (rptOwnerState cm(9), rptOwnerCountry cm(10))",
    "The table puts cm(9) on the state and cm(10) on the country, the other way round from the "
    "notes.",
    reason="a slip of the table: the notes cm(9) and cm(10) say plainly which element each "
    "flag value makes mandatory, and sec16 follows the notes",
)
statement("spec v5.5 §3.3 (o)", "An optional element may be left out.", reason=_OPTIONAL)
statement(
    "spec v5.5 §3.3 o(1); §4.3.2",
    "Each reporting owner's CCC is given in a submission, although the schema makes it optional.",
    "ccc-missing",
)
statement(
    "spec v5.5 §3.3 (NA); §5",
    "An element marked NA is left out: EDGAR supplies it, and discards a value given with a "
    "WARNING.",
    "edgar-supplied-element",
)
statement(
    "spec v5.5 §3.3 (*)",
    "At most 30 rows in each table and 60 in all.",
    "too-many-rows",
    "xsd",
)
statement(
    "spec v5.5 §3.3 (blank)",
    "An element that does not apply to a form is not given on it.",
    "xsd",
)

# --- §3.4 Submission file (the envelope) ----------------------------------------------------------

statement(
    "spec v5.5 §3.4",
    "The envelope gives the submission type (SubTypeList) and TEST or LIVE.",
    "submission-xsd",
)
statement(
    "spec v5.5 §3.4",
    "The point of contact is optional: name at most 30 characters, phone 20, e-mail 80; the "
    "return-copy flag is an optional yes/no.",
    "submission-xsd",
)
statement(
    "spec v5.5 §3.4",
    "At most 30 notification addresses of at most 80 characters.",
    "submission-xsd",
)
statement(
    "spec v5.5 §3.4",
    "Each enclosed document has a name (at most 32 characters), a type (at most 20), an "
    "optional description (at most 255) and its MIME block; 1 to 611 documents.",
    "submission-xsd",
    "document-count",
)

# --- §3.5 Ownership document, element by element --------------------------------------------------

statement(
    "spec v5.5 §3.5 (schemaVersion); §4.3",
    "schemaVersion is NA: left out of a submission (EDGAR warns and discards it, and warns again "
    "when it is not the current version).",
    "edgar-supplied-element",
    "schema-version",
)
statement(
    "spec v5.5 §3.5 (documentType); §4.3",
    "documentType is given (3, 3/A, 4, 4/A, 5 or 5/A) and is the submission type.",
    "xsd",
    "primary-document",
)
statement("spec v5.5 §3.5 (periodOfReport)", "The period of report is given.", "xsd")
statement(
    "spec v5.5 §3.5 (dateOfOriginalSubmission)",
    "An amendment gives the date the original was filed; an original does not.",
    "xsd",
    "original-date-missing",
)
statement(
    "spec v5.5 §3.5 (noSecuritiesOwned, form3HoldingsReported, form4TransactionsReported); §4.3",
    "EDGAR's own flags are left out: noSecuritiesOwned on Forms 3 and 3/A, "
    "form3HoldingsReported and form4TransactionsReported on Forms 5 and 5/A (and they exist on "
    "no other form).",
    "edgar-supplied-element",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (notSubjectToSection16)",
    'The "no longer subject to Section 16" box is optional on Forms 4, 4/A, 5 and 5/A and does '
    "not exist on Forms 3 and 3/A.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (issuer); §4.3.1",
    "The issuer gives its CIK (at most 10 digits) and trading symbol (at most 10 characters, "
    "not blank); a foreign trading symbol (at most 14) is optional.",
    "xsd",
    "mandatory-value-blank",
)
statement(
    "spec v5.5 §3.5 (issuerName, rptOwnerName); §4.3.1; §4.3.2",
    "The issuer's and owners' names are NA: EDGAR supplies them from the CIKs.",
    "edgar-supplied-element",
)
statement(
    "spec v5.5 §3.5 (reportingOwner)",
    "1 to 10 reporting owners, each with a CIK (at most 10 digits).",
    "xsd",
    "too-many-owners",
)
statement("spec v5.5 §3.5 (rptOwnerCcc)", "A CCC is exactly 8 characters.", "xsd", "ccc-missing")
statement(
    "spec v5.5 §3.5 (reportingOwnerAddress); §4.3.2",
    "An owner's address is optional.",
    reason=_OPTIONAL,
)
statement(
    "spec v5.5 §3.5 (rptOwnerNonUSAddressFlag)",
    "The non-U.S. address flag is cm: given whenever the owner gives an address.",
    reason="sec16 build writes it (false with a U.S. state, true for a non-U.S. address); in a "
    "document from elsewhere it is not required, because EDGAR's own v5.5 schema, published "
    "with the same release, makes the flag optional inside the address, and no accepted X0609 "
    "filing without it is at hand to tell which EDGAR follows; once given, cm(9) and cm(10) "
    "hold it to its country or state",
)
statement(
    "spec v5.5 §3.5 (rptOwnerStreet1, rptOwnerStreet2, rptOwnerCity, rptOwnerZipCode)",
    "Street lines at most 40 characters, city 30, ZIP code 10 (letters, digits, spaces, # and -).",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (rptOwnerNonUSStateTerritory)",
    "A non-U.S. state or territory is at most 30 characters (EDGAR's schema allows 40).",
    "state-territory-too-long",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (rptOwnerState); §3.6.6; §4.3.2",
    "The state is one of the 57 codes of Appendix A.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (rptOwnerCountry); §3.6.2",
    "The country is one of the 252 codes of Appendix H; EDGAR's schema still lists obsolete ones, "
    "which it suspends in a submission.",
    "xsd",
    "obsolete-country",
)
statement(
    "spec v5.5 §3.5 (rptOwnerStateDescription, rptOwnerGoodAddress)",
    "EDGAR's own address fields are NA: left out.",
    "edgar-supplied-element",
)
statement(
    "spec v5.5 §3.5 (reportingOwnerRelationship)",
    "Each owner gives the relationship group: four yes/no boxes, an officer title and an "
    '"other" description of at most 30 characters.',
    "xsd",
)
statement(
    "spec v5.5 §3.5 (aff10b5One); §1.2",
    "A Form 4, 4/A, 5 or 5/A answers the Rule 10b5-1(c) box.",
    "xsd",
    "aff10b5-unanswered",
)
statement(
    "spec v5.5 §3.5 (aff10b5One)",
    "On Forms 3 and 3/A the Rule 10b5-1(c) box is NA.",
    reason="the v5.5 redline's cells for Forms 3 and 3/A are garbled (both NA and R in the "
    "extracted text), and EDGAR's schemas for Forms 3 and 3/A accept the box as optional; "
    "sec16 follows the schemas",
)
statement(
    "spec v5.5 §3.5 (nonDerivativeTable, derivativeTable)",
    "Both tables are optional; transactions exist only on Forms 4, 4/A, 5 and 5/A, holdings on "
    "every form.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (securityTitle, underlyingSecurityTitle)",
    "Every row gives the title of its security, and a derivative row the title of the "
    "underlying security: at most 60 characters, not blank.",
    "xsd",
    "mandatory-value-blank",
)
statement(
    "spec v5.5 §3.5 (transactionDate, deemedExecutionDate)",
    "A transaction gives its date; a deemed execution date is optional.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (transactionCoding); §4.3.8.2; §4.3.8.3",
    "Every transaction gives its coding: form type, transaction code and the equity-swap flag "
    "(the schema lets the whole group be left out).",
    "transaction-coding-missing",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (transactionTimeliness)",
    "The timeliness of a transaction is optional; a footnote on it exists only on Forms 4 and 4/A.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (transactionAmounts)",
    "A transaction gives its amount, its price per share (or a footnote) and whether the "
    "securities were acquired (A) or disposed of (D).",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (conversionOrExercisePrice, exerciseDate, expirationDate)",
    "A derivative row gives its exercise price, exercise date and expiration date, each a value "
    "or a footnote.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (postTransactionAmounts, ownershipNature)",
    "Every row gives the amount owned after it and whether it is owned directly or indirectly "
    "(a nature of ownership at most 100 characters).",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (footnoteId)",
    "A value refers to at most 99 footnotes.",
    "xsd",
)
statement(
    "spec v5.5 §3.5 (footnote); §5",
    "At most 99 footnotes, each at most 1,000 characters (the schema sets no length).",
    "footnote-too-long",
    "too-many-footnotes",
    "xsd",
)
statement("spec v5.5 §3.5 (remarks)", "The remarks are at most 2,000 characters.", "xsd")
statement(
    "spec v5.5 §3.5 (ownerSignature); §4.3.7",
    "1 to 10 signatures, each with a name (at most 255 characters, not blank) and a date.",
    "xsd",
    "too-many-signatures",
    "mandatory-value-blank",
)

# --- §3.6 Choice lists ----------------------------------------------------------------------------

statement("spec v5.5 §3.6.1", "Acquired or disposed is A or D.", "xsd")
statement(
    "spec v5.5 §3.6.2; §3.6.6",
    "EDGAR shows a state or country code with its full name.",
    reason=_EDGAR_DOES,
)
statement(
    "spec v5.5 §3.6.3",
    "A supporting document is CORRESP, COVER, EX-24, EX-99 or GRAPHIC, optionally followed by a "
    "period and text, 20 characters in all.",
    "document-type",
    "submission-xsd",
)
statement(
    "spec v5.5 §3.6.4",
    'A transaction\'s form type is "4" or "5" (on Forms 4, 4/A, 5, 5/A); a holding\'s is "3", '
    "only on Forms 5 and 5/A.",
    "xsd",
)
statement("spec v5.5 §3.6.5", "Direct or indirect ownership is D or I.", "xsd")
statement(
    "spec v5.5 §3.6.7", "The document type is 3, 3/A, 4, 4/A, 5 or 5/A.", "xsd", "submission-xsd"
)
statement("spec v5.5 §3.6.8", "The envelope says TEST or LIVE.", "submission-xsd")
statement(
    "spec v5.5 §3.6.9",
    "Timeliness is E (early), L (late) or empty (on time).",
    "xsd",
    "timeliness-invalid",
)
statement(
    "spec v5.5 §3.6.10",
    "The transaction code is one of the 18 of the list (A, C, D, E, F, G, H, I, J, L, M, O, P, "
    "S, U, W, X, Z).",
    "xsd",
    "derived-code",
)

# --- §4.1 General formatting ----------------------------------------------------------------------

statement(
    "spec v5.5 §4.1 (1)",
    "The file name ends in .xml.",
    "document-extension",
)
statement(
    "spec v5.5 §4.1 (2)",
    "The file is not compressed.",
    "not-ownership-xml",
)
statement(
    "spec v5.5 §4.1 (3)",
    "The file is laid out for people to read, not written on a single line (strongly discouraged).",
    "single-line-document",
)
statement(
    "spec v5.5 §4.1 (4)",
    "The XML declaration is optional; if given it comes first, with nothing before it, not even "
    "white space or a byte-order mark (SUSPENSE).",
    "not-ownership-xml",
    "byte-order-mark",
)
statement(
    "spec v5.5 §4.1 (4)",
    'The XML declaration says version="1.0"; any other version is a SUSPENSE.',
    "xml-version",
)
statement(
    "spec v5.5 §4.1 (5)-(6)",
    "A value is written on the line of its tags: white space and line breaks around it count in "
    "its length and its pattern.",
    "xsd",
    "footnote-too-long",
)

# --- §4.2 The submission file (envelope: generator/pipeline/package.py) ---------------------

statement(
    "spec v5.5 §4.2 (1); §4.2.1.1",
    "A submission encloses exactly one primary document.",
    "primary-document",
)
statement(
    "spec v5.5 §4.2 (2)", "A submission may also enclose supporting documents.", reason=_PERMISSION
)
statement(
    "spec v5.5 §4.2 (3), (5)",
    "The order of notification addresses and of enclosed documents does not matter.",
    reason=_PERMISSION,
)
statement(
    "spec v5.5 §4.2 (4); §5",
    "A notification address given twice, or repeating the contact address, gets a WARNING.",
    "notification-duplicate",
)
statement(
    "spec v5.5 §4.2 (6)",
    "Document names: at most 32 characters, lowercase letters and digits, at most one "
    "underscore, hyphen and period, a letter first, no spaces, an extension.",
    "document-name",
)
statement(
    "spec v5.5 §4.2 (6); §4.2.1.1 (1); §4.2.1.2 (1)",
    "The primary document is .xml; the others are .txt, .htm, .jpg or .gif.",
    "document-extension",
)
statement(
    "spec v5.5 §4.2 (7)",
    "The submission file conforms to the edgarSubmission schema (SUSPENSE otherwise).",
    "submission-xsd",
)
statement(
    "spec v5.5 §4.2.1",
    "Every element of an enclosed document has a value, except the optional description.",
    "submission-xsd",
)
statement(
    "spec v5.5 §4.2.1",
    "Each enclosed document is MIME (base64) encoded.",
    "document-encoding",
)
statement(
    "spec v5.5 §4.2.1",
    "At most 611 enclosed documents (one primary, 610 supporting).",
    "document-count",
)
statement(
    "spec v5.5 §3.6.3; §4.2.1.1 (2)",
    "The primary document's type is the submission type.",
    "primary-document",
)
statement(
    "spec v5.5 §4.2.1.1 (3); §4.3",
    "The primary document conforms to the ownership schema of its form (SUSPENSE otherwise).",
    "xsd",
)
statement(
    "spec v5.5 §4.2.1.2 (1); §5",
    "A PDF is not enclosed: EDGAR discards it with a WARNING.",
    "document-pdf",
)
statement(
    "spec v5.5 §4.2.1.2 (2)",
    "Supporting documents are of the types of §3.6.3.",
    "document-type",
)
statement(
    "spec v5.5 §4.2.1.2 (3)",
    "At most 100 CORRESP, 10 COVER and 500 EX-24, EX-99 and GRAPHIC documents.",
    "document-count",
)

# --- §4.3 The primary document --------------------------------------------------------------------

statement(
    "spec v5.5 §4.3",
    "EDGAR inserts the current schemaVersion, and sets noSecuritiesOwned, "
    "form3HoldingsReported and form4TransactionsReported from the tables.",
    reason=_EDGAR_DOES,
)
statement(
    "spec v5.5 §4.3",
    'A Form 4, 4/A, 5 or 5/A with no transaction or holding ticks "no longer subject to '
    'Section 16" (SUSPENSE otherwise).',
    "no-transaction",
)
statement(
    "spec v5.5 §4.3.1; §4.3.2",
    "A CIK need not be written with its leading zeros.",
    reason=_PERMISSION,
)
statement(
    "spec v5.5 §4.3.2",
    "EDGAR removes the CCC from the published document.",
    reason=_EDGAR_DOES,
)
statement(
    "spec v5.5 §4.3.2",
    'The order of the reporting owners does not matter; there is no "primary" owner.',
    reason=_PERMISSION,
)
statement(
    "spec v5.5 §4.3.2; §5",
    "Each reporting owner is listed once: a CIK given twice is a SUSPENSE.",
    "duplicate-owner-cik",
)
statement(
    "spec v5.5 §4.3.2",
    "With no address EDGAR publishes the owner's address of record; with any part of one, only "
    "what is given.",
    reason=_EDGAR_DOES,
)
statement(
    "spec v5.5 §4.3.3; §4.3.4",
    "The order of transactions and holdings does not matter.",
    reason="a permission: holdings-arithmetic reads the rows in the order written, and is a "
    "warning for that reason",
)
statement(
    "spec v5.5 §4.3.3; §4.3.4",
    'A Form 4, 4/A, 5 or 5/A reports at least one transaction unless it ticks "no longer '
    'subject to Section 16" (SUSPENSE).',
    "no-transaction",
    "holdings-without-transaction",
)
statement(
    "spec v5.5 §4.3.5; §5",
    "At most 99 footnotes.",
    "too-many-footnotes",
    "xsd",
)
statement(
    "spec v5.5 §4.3.5; §4.3.6; §5",
    'A footnote id is "F" and a number from 1 to 99, without a leading zero (f3, 1, (5), F01: '
    "SUSPENSE).",
    "xsd",
)
statement(
    "spec v5.5 §4.3.5; §4.3.6",
    'The list of bad footnote ids names "F99" too.',
    reason="a slip of the text: its own rule (a number from 1 to 99) and EDGAR's schema "
    "(F[1-9][0-9]?) both accept F99, and sec16 follows them",
)
statement(
    "spec v5.5 §4.3.5; §5",
    "No two footnotes share an id (SUSPENSE).",
    "footnote-duplicate-id",
    "xsd",
)
statement(
    "spec v5.5 §4.3.6",
    "A value may refer to several footnotes, and several values to the same footnote.",
    reason=_PERMISSION,
)
statement(
    "spec v5.5 §4.3.6",
    "A footnote reference points at a footnote of the document (ID/IDREF linkage).",
    "footnote-undefined",
    "xsd",
)
statement(
    "spec v5.5 §4.3.6; §5",
    "A value refers to the same footnote at most once (SUSPENSE).",
    "footnote-referenced-twice",
)
statement(
    "spec v5.5 §4.3.7",
    "Signatures are not tied to owners: their order and number need not match the owners'.",
    reason=_PERMISSION,
)
statement(
    "spec v5.5 §4.3.7",
    "A signature name may be 255 characters, room for the signer's title.",
    "xsd",
)
statement(
    "spec v5.5 §4.3.8",
    "EDGAR builds the printed transaction code from the coding and the timeliness (adding K "
    "and V itself).",
    "derived-code",
)
statement(
    "spec v5.5 §4.3.8; §4.3.8.1; §4.3.8.2; §4.3.8.3",
    "A holding has no transaction coding or timeliness, except on Forms 5 and 5/A.",
    "xsd",
)
statement(
    "spec v5.5 §4.3.8; §4.3.8.3",
    'A holding reported late on a Form 5 (one that belonged on a Form 3) gives the form type "3" '
    "in its coding.",
    reason="EDGAR's own records of Forms 5 carry an empty coding (<transactionFormType/>) on "
    "ordinary holdings (9 of the 14 real Forms 5 at hand), and nothing else in the document "
    "tells a late holding from an ordinary one",
)
statement(
    "spec v5.5 §4.3.8.2; §4.3.8.3",
    'Each transaction gives its form type ("4" or "5"), its transaction code (§3.6.10) and the '
    "equity-swap flag: all three mandatory.",
    "transaction-coding-missing",
    "xsd",
)
statement(
    "spec v5.5 §4.3.8.2; §4.3.8.3",
    "The equity-swap flag is true when the transaction involves an equity swap.",
    reason="a fact only the filer knows",
)
statement(
    "spec v5.5 §4.3.8.2",
    'On a Form 4 a "4" transaction is on time: its timeliness is left empty.',
    "timeliness-invalid",
)
statement(
    "spec v5.5 §4.3.8.2",
    'On a Form 4 a "5" transaction is early: empty or E, anything else a SUSPENSE (EDGAR adds V '
    "to its code).",
    "timeliness-invalid",
    "derived-code",
)
statement(
    "spec v5.5 §4.3.8.3",
    'On a Form 5 a "4" transaction is late: empty or L, anything else a SUSPENSE.',
    "timeliness-invalid",
)
statement(
    "spec v5.5 §4.3.8.3",
    'On a Form 5 a "5" transaction is empty when on time, L when late; anything else a SUSPENSE.',
    "timeliness-invalid",
)

# --- §5 Error reporting -------------------------------------------------------------------------

statement(
    "spec v5.5 §5",
    "Elements out of the sequence of §3.4 and §3.5: SUSPENSE.",
    "xsd",
    "submission-xsd",
)
statement(
    "spec v5.5 §5",
    "An xml-stylesheet reference or any other processing instruction: SUSPENSE.",
    "processing-instruction",
)
statement(
    "spec v5.5 §5",
    "An element the schema does not prescribe: SUSPENSE.",
    "xsd",
    "element-namespace",
)
statement(
    "spec v5.5 §5",
    "A text longer than its maximum length: SUSPENSE.",
    "xsd",
    "footnote-too-long",
)
statement(
    "spec v5.5 §5",
    "A value outside its choice list: SUSPENSE.",
    "xsd",
    "submission-xsd",
)
statement(
    "spec v5.5 §5",
    "A mandatory element with no value or an invalid value: SUSPENSE.",
    "xsd",
    "transaction-coding-missing",
    "mandatory-value-blank",
    "country-missing",
    "state-missing",
    "relationship-none",
    "officer-title-missing",
    "other-text-missing",
    "nature-missing-for-indirect",
)
statement(
    "spec v5.5 §5",
    "A date, yes/no or number element without a value: SUSPENSE.",
    "xsd",
)
statement(
    "spec v5.5 §5",
    "A footnote that no value refers to: SUSPENSE.",
    "footnote-unreferenced",
)
statement(
    "spec v5.5 §5",
    "An invalid issuer CIK: SUSPENSE.",
    reason="needs EDGAR's own data (which CIKs exist and belong to issuers); the schema checks "
    "the CIK's form",
)
statement(
    "spec v5.5 §5; §2",
    "An invalid reporting owner CIK or CCC: SUSPENSE.",
    reason="needs EDGAR's own data (the CIK-CCC pairs); sec16 checks only their form (xsd, and "
    "the CCC when it is given at build time)",
)
statement(
    "spec v5.5 §5",
    "A badly formed e-mail address: SUSPENSE.",
    "email-invalid",
)
statement(
    "spec v5.5 §5",
    'More than a "Max Occur" of §3.4 or §3.5 (e.g. 11 reporting owners, 31 derivative rows): '
    "SUSPENSE.",
    "xsd",
    "submission-xsd",
    "too-many-owners",
    "too-many-signatures",
    "too-many-footnotes",
    "too-many-rows",
    "document-count",
)
statement(
    "spec v5.5 §5",
    "Invalid content in an enclosed ASCII or HTML document: SUSPENSE or WARNING.",
    reason="governed by the EDGAR Filer Manual's rules for ASCII and HTML documents, outside "
    "this specification; sec16 package encloses those files as given",
)
statement(
    "spec v5.5 §5",
    "An enclosed graphic that no enclosed HTML document refers to: SUSPENSE.",
    reason="about the envelope's supporting documents, whose HTML sec16 package does not read "
    "(a check for the envelope, not for the ownership document)",
)
statement(
    "spec v5.5 §5",
    "Any other schema violation: SUSPENSE.",
    "xsd",
    "submission-xsd",
)
statement(
    "spec v5.5 §5",
    "EDGAR may report one error more than once, in technical and in plain words.",
    reason="about EDGAR's messages, not the filing",
)
