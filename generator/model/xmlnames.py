"""Which ownership-XML element holds which draft key, declared once.

The importer reads these elements, the renderer writes them (the templates name the same
elements; tests/test_render.py holds them to this table), ``locate.py`` maps a finding on an
element back to the draft key and line, and the schema's sentences name the draft key of the
element they are about. The draft's keys are the model's field names.
"""

from __future__ import annotations

#: Elements of ownershipDocument itself that hold one draft key (element -> key).
TOP: dict[str, str] = {
    "schemaVersion": "schema_version",
    "periodOfReport": "period_of_report",
    "dateOfOriginalSubmission": "original_filing_date",
    "notSubjectToSection16": "no_longer_subject_to_section_16",
    "aff10b5One": "rule_10b5_1_plan",
    "issuer": "issuer",
    "reportingOwner": "reporting_owners",
    "nonDerivativeTable": "table_1",
    "derivativeTable": "table_2",
    "footnotes": "footnotes",
    "remarks": "remarks",
    "ownerSignature": "signatures",
    "noSecuritiesOwned": "no_securities_owned",
    "form3HoldingsReported": "form_3_holdings_reported",
    "form4TransactionsReported": "form_4_transactions_reported",
}
#: The two tables (element -> draft key).
TABLES: dict[str, str] = {"nonDerivativeTable": "table_1", "derivativeTable": "table_2"}
#: The tables' draft keys, as the form and a reader name them.
TABLE_TITLES: dict[str, str] = {"table_1": "Table I", "table_2": "Table II"}

#: issuer children (draft key, element).
ISSUER: tuple[tuple[str, str], ...] = (
    ("cik", "issuerCik"),
    ("name", "issuerName"),
    ("ticker", "issuerTradingSymbol"),
    ("foreign_ticker", "issuerForeignTradingSymbol"),
)
#: reportingOwnerId children (draft key, element); the CCC is never a draft key that is read.
OWNER_ID: tuple[tuple[str, str], ...] = (
    ("cik", "rptOwnerCik"),
    ("ccc", "rptOwnerCcc"),
    ("name", "rptOwnerName"),
)
#: reportingOwner's groups (element -> draft key).
OWNER_GROUPS: dict[str, str] = {
    "reportingOwnerAddress": "address",
    "reportingOwnerRelationship": "relationship",
}
#: ownerSignature children (draft key, element).
SIGNATURE: tuple[tuple[str, str], ...] = (("name", "signatureName"), ("date", "signatureDate"))

#: reportingOwnerAddress children in schema order (draft key, element); the last two are
#: written by EDGAR only (record profile).
ADDRESS: tuple[tuple[str, str], ...] = (
    ("non_us", "rptOwnerNonUSAddressFlag"),
    ("street1", "rptOwnerStreet1"),
    ("street2", "rptOwnerStreet2"),
    ("city", "rptOwnerCity"),
    ("non_us_state_territory", "rptOwnerNonUSStateTerritory"),
    ("state", "rptOwnerState"),
    ("country", "rptOwnerCountry"),
    ("zip", "rptOwnerZipCode"),
    ("state_description", "rptOwnerStateDescription"),
    ("good_address", "rptOwnerGoodAddress"),
)
ADDRESS_FLAGS = frozenset({"non_us", "good_address"})
#: Boxes whose reader wants the word: the SEC's stylesheets (3_X07, 4_X09, 5_X09) show a
#: non-U.S. address only when ``rptOwnerNonUSAddressFlag='true'``; written ``1``, a foreign
#: owner is shown as living in the United States. Every other box is written 1/0, because the
#: same stylesheets test ``notSubjectToSection16>0`` and ``equitySwapInvolved='1'``.
WORD_BOXES = frozenset({"rptOwnerNonUSAddressFlag"})
ADDRESS_EDGAR_ONLY = frozenset({"state_description", "good_address"})

#: reportingOwnerRelationship: the four boxes, then the two texts, in schema order.
RELATIONSHIP_BOXES: tuple[tuple[str, str], ...] = (
    ("director", "isDirector"),
    ("officer", "isOfficer"),
    ("ten_percent_owner", "isTenPercentOwner"),
    ("other", "isOther"),
)
RELATIONSHIP_TEXTS: tuple[tuple[str, str], ...] = (
    ("officer_title", "officerTitle"),
    ("other_text", "otherText"),
)

#: The columns of a table row in schema order: (group element, or "" for a child of the row
#: itself; element; draft key).
ROW: tuple[tuple[str, str, str], ...] = (
    ("", "securityTitle", "security"),
    ("", "conversionOrExercisePrice", "exercise_price"),
    ("", "transactionDate", "transaction_date"),
    ("", "deemedExecutionDate", "deemed_execution_date"),
    ("transactionCoding", "transactionFormType", "form_type"),
    ("transactionCoding", "transactionCode", "code"),
    ("transactionCoding", "equitySwapInvolved", "equity_swap"),
    ("", "transactionTimeliness", "timeliness"),
    ("transactionAmounts", "transactionShares", "shares"),
    ("transactionAmounts", "transactionTotalValue", "total_value"),
    ("transactionAmounts", "transactionPricePerShare", "price"),
    ("transactionAmounts", "transactionAcquiredDisposedCode", "acquired_disposed"),
    ("", "exerciseDate", "date_exercisable"),
    ("", "expirationDate", "expiration_date"),
    ("underlyingSecurity", "underlyingSecurityTitle", "underlying_security"),
    ("underlyingSecurity", "underlyingSecurityShares", "underlying_shares"),
    ("underlyingSecurity", "underlyingSecurityValue", "underlying_value"),
    ("postTransactionAmounts", "sharesOwnedFollowingTransaction", "owned_following"),
    ("postTransactionAmounts", "valueOwnedFollowingTransaction", "value_owned_following"),
    ("ownershipNature", "directOrIndirectOwnership", "ownership"),
    ("ownershipNature", "natureOfOwnership", "nature_of_ownership"),
)
#: Columns of Table II only, and of transactions only (holdings have neither).
DERIVATIVE_ONLY = frozenset(
    {
        "exercise_price",
        "date_exercisable",
        "expiration_date",
        "underlying_security",
        "underlying_shares",
        "underlying_value",
    }
)
TRANSACTION_ONLY = frozenset(
    {
        "transaction_date",
        "deemed_execution_date",
        "code",
        "equity_swap",
        "timeliness",
        "shares",
        "total_value",
        "price",
        "acquired_disposed",
    }
)
#: Columns that hold a date.
DATE_COLUMNS = frozenset(
    {"transaction_date", "deemed_execution_date", "date_exercisable", "expiration_date"}
)

#: The columns of a table row: element -> draft key (the coding group is the code's column).
ROW_COLUMNS: dict[str, str] = {
    **{element: key for _, element, key in ROW},
    "transactionCoding": "code",
}
