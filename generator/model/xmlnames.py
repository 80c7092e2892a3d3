"""Which ownership-XML element holds which draft key, declared once.

The importer reads these elements, the renderer writes them and ``locate.py`` maps findings
back from them; one table keeps the three in step.
"""

from __future__ import annotations

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

#: The columns of a table row: element -> draft key.
ROW_COLUMNS: dict[str, str] = {
    "securityTitle": "security",
    "conversionOrExercisePrice": "exercise_price",
    "transactionDate": "transaction_date",
    "deemedExecutionDate": "deemed_execution_date",
    "transactionCoding": "code",
    "transactionFormType": "form_type",
    "transactionCode": "code",
    "equitySwapInvolved": "equity_swap",
    "transactionTimeliness": "timeliness",
    "transactionShares": "shares",
    "transactionTotalValue": "total_value",
    "transactionPricePerShare": "price",
    "transactionAcquiredDisposedCode": "acquired_disposed",
    "exerciseDate": "date_exercisable",
    "expirationDate": "expiration_date",
    "underlyingSecurityTitle": "underlying_security",
    "underlyingSecurityShares": "underlying_shares",
    "underlyingSecurityValue": "underlying_value",
    "sharesOwnedFollowingTransaction": "owned_following",
    "valueOwnedFollowingTransaction": "value_owned_following",
    "directOrIndirectOwnership": "ownership",
    "natureOfOwnership": "nature_of_ownership",
}
