"""SEC EDGAR code lists for ownership filings (Forms 3, 4, 5 and 3/A, 4/A, 5/A), as plain data.

Every answer a filer picks from a fixed EDGAR list lives here, once, with a plain-English
label: the guided questionnaire offers these as type-ahead choices, the YAML draft validators
and business rules check against them, and the importer translates old codes with them.

Sources (read-only reference copies under ``shared/sec/``):

* EDGAR Ownership XML Technical Specification v5.5, March 2026 (schemaVersion X0609),
  ``ownership-spec-v5.5/spec-v5-5.txt``: §3.6 choice lists, §4.3.8 transaction coding,
  Appendices B-D (captions of the paper forms), Appendix A (state codes) and Appendix H
  (country codes).
* The v5.5 schema ``ownership-spec-v5.5/schemas/ownershipDocumentCommon.xsd.xml``: the
  ``rptOwnerState`` and ``rptOwnerCountry`` enumerations and the ``TRANS_CODE_PICKLIST``
  pattern. Where the spec's text and the schema differ, the schema wins, because it is what
  EDGAR validates against; ``tests/test_codes.py`` re-reads the schema and checks these tables.
* The old X0306 Form 4 schema (``older/ownership-X0306-form4/``) and the 2010 spec (v3), whose
  single ``rptOwnerState`` list mixed US states, Canadian provinces and countries.

Names are spelled exactly as EDGAR spells them (upper case), so what the filer sees is what
EDGAR disseminates. Code tables are ``dict[str, str]`` (code -> name) in the schema's order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Literal

#: What a document is built or checked as: a submission to file today (the current schema, every
#: rule of a new filing) or a record of a filing already accepted (kept as it was, judged by the
#: schema version it declares).
Profile = Literal["submission", "record"]
PROFILES: tuple[Profile, ...] = ("submission", "record")


class UnknownCodeError(ValueError):
    """A code that is not in the EDGAR list it was looked up in."""


# ---------------------------------------------------------------------------------------------
# Form types
# ---------------------------------------------------------------------------------------------


class FormType(StrEnum):
    """The six ownership submission types (spec §3.6.7 SubTypeList, §3.6.3 DocTypeList).

    The value is what goes in ``submissionType`` and the primary document's ``documentType``.
    """

    FORM_3 = "3"
    FORM_3A = "3/A"
    FORM_4 = "4"
    FORM_4A = "4/A"
    FORM_5 = "5"
    FORM_5A = "5/A"

    @property
    def is_amendment(self) -> bool:
        """True for 3/A, 4/A and 5/A, which must carry ``dateOfOriginalSubmission`` (§3.5)."""
        return self in _AMENDMENTS

    @property
    def base(self) -> FormType:
        """The form that an amendment amends ("4/A" -> "4"); an original form is its own base."""
        return _BASES[self]

    @property
    def has_transactions(self) -> bool:
        """True for 4, 4/A, 5, 5/A; Forms 3 and 3/A report holdings only (§4.3.8.1)."""
        return _BASES[self] is not FormType.FORM_3

    @property
    def label(self) -> str:
        """Plain-English choice text, e.g. "Form 4/A — amendment of a Statement of Changes ..."."""
        article, title = _FORM_TITLES[self.base]
        if self.is_amendment:
            return f"Form {self.value} — amendment of {article} {title}"
        return f"Form {self.value} — {title}"

    @property
    def period_of_report_caption(self) -> str:
        """What ``periodOfReport`` means on this form: its box caption (Appendices B, C, D)."""
        return _PERIOD_OF_REPORT_CAPTIONS[self.base]

    @property
    def keywords(self) -> tuple[str, ...]:
        """Plain words a filer may type for this choice (FORM_TYPE_KEYWORDS)."""
        return FORM_TYPE_KEYWORDS[self]


#: Each form's base (what an amendment amends) and the amendments, looked up rather than
#: derived from the value on every call (the rules ask for each document).
_BASES: dict[FormType, FormType] = {
    form: FormType(form.value.removesuffix("/A")) for form in FormType
}
_AMENDMENTS = frozenset(form for form in FormType if form.value.endswith("/A"))


#: Titles of the paper forms (as printed by the SEC stylesheets, without "of Securities"),
#: with the article an amendment label needs.
_FORM_TITLES: dict[str, tuple[str, str]] = {
    FormType.FORM_3: ("an", "Initial Statement of Beneficial Ownership"),
    FormType.FORM_4: ("a", "Statement of Changes in Beneficial Ownership"),
    FormType.FORM_5: ("an", "Annual Statement of Changes in Beneficial Ownership"),
}

#: ``periodOfReport`` maps to a different box on each form: Form 3 box 2 (Appendix B),
#: Form 4 box 3 (Appendix C), Form 5 box 3 (Appendix D).
_PERIOD_OF_REPORT_CAPTIONS: dict[str, str] = {
    FormType.FORM_3: "Date of event requiring statement",
    FormType.FORM_4: "Date of earliest transaction",
    FormType.FORM_5: "Statement for issuer's fiscal year ended",
}


# ---------------------------------------------------------------------------------------------
# Small choice lists of a transaction or holding row (spec §3.6.1, §3.6.5, §3.6.9)
# ---------------------------------------------------------------------------------------------


class AcquiredDisposed(StrEnum):
    """``transactionAcquiredDisposedCode`` (§3.6.1 AcqDispList)."""

    ACQUIRED = "A"
    DISPOSED = "D"

    @property
    def label(self) -> str:
        """Choice text, e.g. "A — Acquired"."""
        return f"{self.value} — {'Acquired' if self is AcquiredDisposed.ACQUIRED else 'Disposed'}"

    @property
    def keywords(self) -> tuple[str, ...]:
        """Plain words a filer may type for this choice (ACQUIRED_DISPOSED_KEYWORDS)."""
        return ACQUIRED_DISPOSED_KEYWORDS[self]


class DirectIndirect(StrEnum):
    """``directOrIndirectOwnership`` (§3.6.5 OwnerTypeList).

    "I" needs a ``natureOfOwnership`` text (§3.3 cm(5)); a "D" row with one is suspended (§5).
    """

    DIRECT = "D"
    INDIRECT = "I"

    @property
    def label(self) -> str:
        """Choice text, e.g. "I — Indirect"."""
        return f"{self.value} — {'Direct' if self is DirectIndirect.DIRECT else 'Indirect'}"

    @property
    def keywords(self) -> tuple[str, ...]:
        """Plain words a filer may type for this choice (DIRECT_INDIRECT_KEYWORDS)."""
        return DIRECT_INDIRECT_KEYWORDS[self]


class Timeliness(StrEnum):
    """``transactionTimeliness`` value (§3.6.9 TimelinessList): E, L, or empty for on time.

    What a row may carry depends on the form and the row's transactionFormType (§4.3.8.2,
    §4.3.8.3). Form 4: a "4" transaction is on time by definition (empty); a "5" transaction is
    early by definition (empty or E). Form 5: a "4" transaction is late by definition (empty or
    L); a "5" transaction is empty when on time, L when late. Any other value is suspended.
    """

    EARLY = "E"
    LATE = "L"
    ON_TIME = ""

    @property
    def label(self) -> str:
        """Choice text, e.g. "L — Late"; on time is written as an empty (or absent) value."""
        return _TIMELINESS_LABELS[self]

    @property
    def keywords(self) -> tuple[str, ...]:
        """Plain words a filer may type for this choice (TIMELINESS_KEYWORDS)."""
        return TIMELINESS_KEYWORDS[self]


_TIMELINESS_LABELS: dict[str, str] = {
    Timeliness.EARLY: "E — Early",
    Timeliness.LATE: "L — Late",
    Timeliness.ON_TIME: "On time (left empty)",
}


# ---------------------------------------------------------------------------------------------
# Transaction codes (spec §3.6.10 TransCodeList — §3.6.9 in the 2010 spec; digest §5)
# ---------------------------------------------------------------------------------------------


class TransactionCode(StrEnum):
    """The 18 codes a filer may enter in ``transactionCode`` (schema TRANS_CODE_PICKLIST).

    K and V never appear here: EDGAR appends them itself (see ``DERIVED_CODE_SUFFIXES``).
    """

    A = "A"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    I = "I"  # noqa: E741 — the code letter itself is the clearest name
    J = "J"
    L = "L"
    M = "M"
    O = "O"  # noqa: E741 — the code letter itself is the clearest name
    P = "P"
    S = "S"
    U = "U"
    W = "W"
    X = "X"
    Z = "Z"

    @property
    def label(self) -> str:
        """Short plain-English choice text, e.g. "S — Open market or private sale"."""
        return TRANSACTION_CODE_LABELS[self]

    @property
    def description(self) -> str:
        """The code's full meaning as the spec words it (§3.6.10)."""
        return TRANSACTION_CODE_DESCRIPTIONS[self]

    @property
    def keywords(self) -> tuple[str, ...]:
        """Plain words a filer may type for this choice (TRANSACTION_CODE_KEYWORDS)."""
        return TRANSACTION_CODE_KEYWORDS[self]

    @property
    def usual_direction(self) -> AcquiredDisposed | None:
        """The A/D code this transaction code normally goes with, or None when it varies.

        A default for the questionnaire and a plausibility warning only, never a hard rule:
        see the comment on ``_USUAL_DIRECTION``.
        """
        return _USUAL_DIRECTION[self]


#: Choice text for each code: the letter, then a short plain-English meaning.
TRANSACTION_CODE_LABELS: dict[str, str] = {
    TransactionCode.A: "A — Grant, award or other acquisition from the issuer (Rule 16b-3(d))",
    TransactionCode.C: "C — Conversion of a derivative security",
    TransactionCode.D: "D — Disposition to the issuer (Rule 16b-3(e))",
    TransactionCode.E: "E — Expiration of a short derivative position",
    TransactionCode.F: "F — Securities withheld or delivered to pay exercise price or tax",
    TransactionCode.G: "G — Bona fide gift",
    TransactionCode.H: "H — Long derivative position expired or cancelled, with value received",
    TransactionCode.I: "I — Discretionary transaction (Rule 16b-3(f))",
    TransactionCode.J: "J — Other acquisition or disposition (describe it in a footnote)",
    TransactionCode.L: "L — Small acquisition (Rule 16a-6)",
    TransactionCode.M: "M — Exercise or conversion of a derivative security exempt under 16b-3",
    TransactionCode.O: "O — Exercise of an out-of-the-money derivative security",
    TransactionCode.P: "P — Open market or private purchase",
    TransactionCode.S: "S — Open market or private sale",
    TransactionCode.U: "U — Shares tendered in a change of control",
    TransactionCode.W: "W — Acquisition or disposition by will or inheritance",
    TransactionCode.X: "X — Exercise of an in-the-money or at-the-money derivative security",
    TransactionCode.Z: "Z — Deposit into or withdrawal from a voting trust",
}

#: The meanings as worded in spec v5.5 §3.6.10 (identical in the 2010 spec's §3.6.9).
TRANSACTION_CODE_DESCRIPTIONS: dict[str, str] = {
    TransactionCode.A: "Grant, award or other acquisition pursuant to Rule 16b-3(d)",
    TransactionCode.C: "Conversion of derivative security",
    TransactionCode.D: (
        "Disposition to the issuer of issuer equity securities pursuant to Rule 16b-3(e)"
    ),
    TransactionCode.E: "Expiration of short derivative position",
    TransactionCode.F: (
        "Payment of exercise price or tax liability by delivering or withholding securities "
        "incident to the receipt, exercise or vesting of a security issued in accordance with "
        "Rule 16b-3"
    ),
    TransactionCode.G: "Bona fide gift",
    TransactionCode.H: (
        "Expiration (or cancellation) of long derivative position with value received"
    ),
    TransactionCode.I: (
        "Discretionary transaction in accordance with Rule 16b-3(f) resulting in acquisition "
        "or disposition of issuer securities"
    ),
    TransactionCode.J: "Other acquisition or disposition (describe transaction)",
    TransactionCode.L: "Small acquisition under Rule 16a-6",
    TransactionCode.M: (
        "Exercise or conversion of derivative security exempted pursuant to Rule 16b-3"
    ),
    TransactionCode.O: "Exercise of out-of-the-money derivative security",
    TransactionCode.P: "Open market or private purchase of non-derivative or derivative security",
    TransactionCode.S: "Open market or private sale of non-derivative or derivative security",
    TransactionCode.U: (
        "Disposition pursuant to a tender of shares in a change of control transaction"
    ),
    TransactionCode.W: (
        "Acquisition or disposition by will or the laws of descent and distribution"
    ),
    TransactionCode.X: "Exercise of in-the-money or at-the-money derivative security",
    TransactionCode.Z: "Deposit into or withdrawal from voting trust",
}

# Usual A/D direction. Certain — the code's own wording fixes the direction:
#   A acquires ("grant, award or other acquisition"), L acquires ("small acquisition"),
#   P acquires (purchase), D disposes ("disposition to the issuer"), F disposes (securities
#   delivered or withheld), S disposes (sale), U disposes ("disposition pursuant to a tender").
# Near-certain: H disposes — the long derivative position is given up (expired or cancelled)
#   in return for value.
# None, because the wording allows both: G (the donor disposes, the donee acquires),
#   I, J, W ("acquisition or disposition"), Z ("deposit into or withdrawal from").
# None, because it depends on the table: C, M, O, X (conversion or exercise) — the derivative
#   row in Table II is normally D and the resulting row of underlying shares in Table I is A.
# None, deliberately: E (expiry of a short position, e.g. a written option) — filers' practice
#   varies and the spec says nothing.
_USUAL_DIRECTION: dict[str, AcquiredDisposed | None] = {
    TransactionCode.A: AcquiredDisposed.ACQUIRED,
    TransactionCode.C: None,
    TransactionCode.D: AcquiredDisposed.DISPOSED,
    TransactionCode.E: None,
    TransactionCode.F: AcquiredDisposed.DISPOSED,
    TransactionCode.G: None,
    TransactionCode.H: AcquiredDisposed.DISPOSED,
    TransactionCode.I: None,
    TransactionCode.J: None,
    TransactionCode.L: AcquiredDisposed.ACQUIRED,
    TransactionCode.M: None,
    TransactionCode.O: None,
    TransactionCode.P: AcquiredDisposed.ACQUIRED,
    TransactionCode.S: AcquiredDisposed.DISPOSED,
    TransactionCode.U: AcquiredDisposed.DISPOSED,
    TransactionCode.W: None,
    TransactionCode.X: None,
    TransactionCode.Z: None,
}

#: Letters EDGAR appends to the code it generates (§4.3.8.2-4.3.8.3); never entered by a filer
#: and rejected by the schema. K: ``equitySwapInvolved`` is true. V: a "5" transaction reported
#: early on a Form 4. An importer reading a disseminated "SK" or "PV" strips these.
DERIVED_CODE_SUFFIXES: dict[str, str] = {
    "K": "equity swap involved",
    "V": "voluntarily reported earlier than required",
}


# ---------------------------------------------------------------------------------------------
# Places: rptOwnerState and rptOwnerCountry (spec §3.6.2, §3.6.6, Appendices A and H)
# ---------------------------------------------------------------------------------------------

#: ``rptOwnerState`` in v5.5: the 50 states, DC and 6 territories (57 codes; the schema's three
#: blank values left out). Names from Appendix A. Appendix A itself still prints the old combined
#: list of 309 codes, but the v5.5 schema accepts only these; foreign places moved to
#: ``rptOwnerCountry``. Note the non-postal codes B5, 1V and 2J.
US_STATES: dict[str, str] = {
    "AL": "ALABAMA",
    "AK": "ALASKA",
    "B5": "AMERICAN SAMOA",
    "AZ": "ARIZONA",
    "AR": "ARKANSAS",
    "CA": "CALIFORNIA",
    "CO": "COLORADO",
    "CT": "CONNECTICUT",
    "DE": "DELAWARE",
    "DC": "DISTRICT OF COLUMBIA",
    "FL": "FLORIDA",
    "GA": "GEORGIA",
    "GU": "GUAM",
    "HI": "HAWAII",
    "ID": "IDAHO",
    "IL": "ILLINOIS",
    "IN": "INDIANA",
    "IA": "IOWA",
    "KS": "KANSAS",
    "KY": "KENTUCKY",
    "LA": "LOUISIANA",
    "ME": "MAINE",
    "MD": "MARYLAND",
    "MA": "MASSACHUSETTS",
    "MI": "MICHIGAN",
    "MN": "MINNESOTA",
    "MS": "MISSISSIPPI",
    "MO": "MISSOURI",
    "MT": "MONTANA",
    "NE": "NEBRASKA",
    "NV": "NEVADA",
    "NH": "NEW HAMPSHIRE",
    "NJ": "NEW JERSEY",
    "NM": "NEW MEXICO",
    "NY": "NEW YORK",
    "NC": "NORTH CAROLINA",
    "ND": "NORTH DAKOTA",
    "1V": "NORTHERN MARIANA ISLANDS",
    "OH": "OHIO",
    "OK": "OKLAHOMA",
    "OR": "OREGON",
    "PA": "PENNSYLVANIA",
    "PR": "PUERTO RICO",
    "RI": "RHODE ISLAND",
    "SC": "SOUTH CAROLINA",
    "SD": "SOUTH DAKOTA",
    "TN": "TENNESSEE",
    "TX": "TEXAS",
    "2J": "UNITED STATES MINOR OUTLYING ISLANDS",
    "UT": "UTAH",
    "VT": "VERMONT",
    "VI": "VIRGIN ISLANDS, U.S.",
    "VA": "VIRGINIA",
    "WA": "WASHINGTON",
    "WV": "WEST VIRGINIA",
    "WI": "WISCONSIN",
    "WY": "WYOMING",
}

#: ``rptOwnerCountry`` in v5.5: Canadian provinces (A0-B0), Canada at federal level (Z4),
#: countries and territories, X1 UNITED STATES and XX UNKNOWN, then 22 obsolete codes
#: (274 in all; the schema's three blank values left out). Names from Appendix H. Appendix H
#: also prints PR PUERTO RICO, which the schema does not accept as a country: PR is a
#: ``rptOwnerState`` code.
COUNTRIES: dict[str, str] = {
    "A0": "ALBERTA, CANADA",
    "A1": "BRITISH COLUMBIA, CANADA",
    "Z4": "CANADA (FEDERAL LEVEL)",
    "A2": "MANITOBA, CANADA",
    "A3": "NEW BRUNSWICK, CANADA",
    "A4": "NEWFOUNDLAND, CANADA",
    "A5": "NOVA SCOTIA, CANADA",
    "A6": "ONTARIO, CANADA",
    "A7": "PRINCE EDWARD ISLAND, CANADA",
    "A8": "QUEBEC, CANADA",
    "A9": "SASKATCHEWAN, CANADA",
    "B0": "YUKON, CANADA",
    "B2": "AFGHANISTAN",
    "Y6": "ALAND ISLANDS",
    "B3": "ALBANIA",
    "B4": "ALGERIA",
    "B6": "ANDORRA",
    "B7": "ANGOLA",
    "1A": "ANGUILLA",
    "B8": "ANTARCTICA",
    "B9": "ANTIGUA AND BARBUDA",
    "C1": "ARGENTINA",
    "1B": "ARMENIA",
    "1C": "ARUBA",
    "C3": "AUSTRALIA",
    "C4": "AUSTRIA",
    "1D": "AZERBAIJAN",
    "C5": "BAHAMAS",
    "C6": "BAHRAIN",
    "C7": "BANGLADESH",
    "C8": "BARBADOS",
    "1F": "BELARUS",
    "C9": "BELGIUM",
    "D1": "BELIZE",
    "G6": "BENIN",
    "D0": "BERMUDA",
    "D2": "BHUTAN",
    "D3": "BOLIVIA",
    "1E": "BOSNIA AND HERZEGOVINA",
    "B1": "BOTSWANA",
    "D4": "BOUVET ISLAND",
    "D5": "BRAZIL",
    "D6": "BRITISH INDIAN OCEAN TERRITORY",
    "D9": "BRUNEI DARUSSALAM",
    "E0": "BULGARIA",
    "X2": "BURKINA FASO",
    "E2": "BURUNDI",
    "E3": "CAMBODIA",
    "E4": "CAMEROON",
    "E8": "CAPE VERDE",
    "E9": "CAYMAN ISLANDS",
    "F0": "CENTRAL AFRICAN REPUBLIC",
    "F2": "CHAD",
    "F3": "CHILE",
    "F4": "CHINA",
    "F6": "CHRISTMAS ISLAND",
    "F7": "COCOS (KEELING) ISLANDS",
    "F8": "COLOMBIA",
    "F9": "COMOROS",
    "G0": "CONGO",
    "Y3": "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
    "G1": "COOK ISLANDS",
    "G2": "COSTA RICA",
    "L7": "COTE D'IVOIRE",
    "1M": "CROATIA",
    "G3": "CUBA",
    "G4": "CYPRUS",
    "2N": "CZECH REPUBLIC",
    "G7": "DENMARK",
    "1G": "DJIBOUTI",
    "G9": "DOMINICA",
    "G8": "DOMINICAN REPUBLIC",
    "H1": "ECUADOR",
    "H2": "EGYPT",
    "H3": "EL SALVADOR",
    "H4": "EQUATORIAL GUINEA",
    "1J": "ERITREA",
    "1H": "ESTONIA",
    "H5": "ETHIOPIA",
    "H7": "FALKLAND ISLANDS (MALVINAS)",
    "H6": "FAROE ISLANDS",
    "H8": "FIJI",
    "H9": "FINLAND",
    "I0": "FRANCE",
    "I3": "FRENCH GUIANA",
    "I4": "FRENCH POLYNESIA",
    "2C": "FRENCH SOUTHERN TERRITORIES",
    "I5": "GABON",
    "I6": "GAMBIA",
    "2Q": "GEORGIA (COUNTRY)",
    "2M": "GERMANY",
    "J0": "GHANA",
    "J1": "GIBRALTAR",
    "J3": "GREECE",
    "J4": "GREENLAND",
    "J5": "GRENADA",
    "J6": "GUADELOUPE",
    "J8": "GUATEMALA",
    "Y7": "GUERNSEY",
    "J9": "GUINEA",
    "S0": "GUINEA-BISSAU",
    "K0": "GUYANA",
    "K1": "HAITI",
    "K4": "HEARD ISLAND AND MCDONALD ISLANDS",
    "X4": "HOLY SEE (VATICAN CITY STATE)",
    "K2": "HONDURAS",
    "K3": "HONG KONG",
    "K5": "HUNGARY",
    "K6": "ICELAND",
    "Y8": "ISLE OF MAN",
    "K7": "INDIA",
    "K8": "INDONESIA",
    "K9": "IRAN, ISLAMIC REPUBLIC OF",
    "L0": "IRAQ",
    "L2": "IRELAND",
    "L3": "ISRAEL",
    "L6": "ITALY",
    "L8": "JAMAICA",
    "M0": "JAPAN",
    "Y9": "JERSEY",
    "M2": "JORDAN",
    "1P": "KAZAKSTAN",
    "M3": "KENYA",
    "J2": "KIRIBATI",
    "M4": "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF",
    "M5": "KOREA, REPUBLIC OF",
    "M6": "KUWAIT",
    "1N": "KYRGYZSTAN",
    "M7": "LAO PEOPLE'S DEMOCRATIC REPUBLIC",
    "1R": "LATVIA",
    "M8": "LEBANON",
    "M9": "LESOTHO",
    "N0": "LIBERIA",
    "N1": "LIBYAN ARAB JAMAHIRIYA",
    "N2": "LIECHTENSTEIN",
    "1Q": "LITHUANIA",
    "N4": "LUXEMBOURG",
    "N5": "MACAU",
    "1U": "MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF",
    "N6": "MADAGASCAR",
    "N7": "MALAWI",
    "N8": "MALAYSIA",
    "N9": "MALDIVES",
    "O0": "MALI",
    "O1": "MALTA",
    "1T": "MARSHALL ISLANDS",
    "O2": "MARTINIQUE",
    "O3": "MAURITANIA",
    "O4": "MAURITIUS",
    "2P": "MAYOTTE",
    "O5": "MEXICO",
    "1K": "MICRONESIA, FEDERATED STATES OF",
    "1S": "MOLDOVA, REPUBLIC OF",
    "O9": "MONACO",
    "P0": "MONGOLIA",
    "Z5": "MONTENEGRO",
    "P1": "MONTSERRAT",
    "P2": "MOROCCO",
    "P3": "MOZAMBIQUE",
    "E1": "MYANMAR",
    "T6": "NAMIBIA",
    "P5": "NAURU",
    "P6": "NEPAL",
    "P7": "NETHERLANDS",
    "P8": "NETHERLANDS ANTILLES",
    "1W": "NEW CALEDONIA",
    "Q2": "NEW ZEALAND",
    "Q3": "NICARAGUA",
    "Q4": "NIGER",
    "Q5": "NIGERIA",
    "Q6": "NIUE",
    "Q7": "NORFOLK ISLAND",
    "Q8": "NORWAY",
    "P4": "OMAN",
    "R0": "PAKISTAN",
    "1Y": "PALAU",
    "1X": "PALESTINIAN TERRITORY, OCCUPIED",
    "R1": "PANAMA",
    "R2": "PAPUA NEW GUINEA",
    "R4": "PARAGUAY",
    "R5": "PERU",
    "R6": "PHILIPPINES",
    "R8": "PITCAIRN",
    "R9": "POLAND",
    "S1": "PORTUGAL",
    "S3": "QATAR",
    "S4": "REUNION",
    "S5": "ROMANIA",
    "1Z": "RUSSIAN FEDERATION",
    "S6": "RWANDA",
    "U8": "SAINT HELENA",
    "U7": "SAINT KITTS AND NEVIS",
    "U9": "SAINT LUCIA",
    "Z0": "SAINT BARTHELEMY",
    "Z1": "SAINT MARTIN",
    "V0": "SAINT PIERRE AND MIQUELON",
    "V1": "SAINT VINCENT AND THE GRENADINES",
    "Y0": "SAMOA",
    "S8": "SAN MARINO",
    "S9": "SAO TOME AND PRINCIPE",
    "T0": "SAUDI ARABIA",
    "T1": "SENEGAL",
    "Z2": "SERBIA",
    "T2": "SEYCHELLES",
    "T8": "SIERRA LEONE",
    "U0": "SINGAPORE",
    "2B": "SLOVAKIA",
    "2A": "SLOVENIA",
    "D7": "SOLOMON ISLANDS",
    "U1": "SOMALIA",
    "T3": "SOUTH AFRICA",
    "1L": "SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS",
    "U3": "SPAIN",
    "F1": "SRI LANKA",
    "V2": "SUDAN",
    "V3": "SURINAME",
    "L9": "SVALBARD AND JAN MAYEN",
    "V6": "SWAZILAND",
    "V7": "SWEDEN",
    "V8": "SWITZERLAND",
    "V9": "SYRIAN ARAB REPUBLIC",
    "F5": "TAIWAN",
    "2D": "TAJIKISTAN",
    "W0": "TANZANIA, UNITED REPUBLIC OF",
    "W1": "THAILAND",
    "Z3": "TIMOR-LESTE",
    "W2": "TOGO",
    "W3": "TOKELAU",
    "W4": "TONGA",
    "W5": "TRINIDAD AND TOBAGO",
    "W6": "TUNISIA",
    "W8": "TURKEY",
    "2E": "TURKMENISTAN",
    "W7": "TURKS AND CAICOS ISLANDS",
    "2G": "TUVALU",
    "W9": "UGANDA",
    "2H": "UKRAINE",
    "C0": "UNITED ARAB EMIRATES",
    "X0": "UNITED KINGDOM",
    "X1": "UNITED STATES",
    "X3": "URUGUAY",
    "2K": "UZBEKISTAN",
    "2L": "VANUATU",
    "X5": "VENEZUELA",
    "Q1": "VIET NAM",
    "D8": "VIRGIN ISLANDS, BRITISH",
    "X8": "WALLIS AND FUTUNA",
    "U5": "WESTERN SAHARA",
    "T7": "YEMEN",
    "Y4": "ZAMBIA",
    "Y5": "ZIMBABWE",
    "XX": "UNKNOWN",
    # Obsolete (schema comment: "EDGAR will SUSPEND if one of these values is used in a
    # Reduced Content submission"). Not in Appendix H; names from the schema's comments,
    # which match the SEC's State_Codes.xsl.
    "C2": "ASHMORE & CARTIER IS",
    "E5": "CANAL ZONE",
    "E7": "CANTON/ENDERBURY IS",
    "G5": "CZECHOSLOVAKIA",
    "I7": "GAZA STRIP",
    "X9": "GERMANY (BERLIN)",
    "I8": "GERMANY (WEST)",
    "I9": "GERMANY, FED. REP.",
    "2F": "EAST TIMOR",
    "L1": "IRAQ-SAUDI",
    "L4": "ISRAEL-JORDAN",
    "L5": "ISRAEL-SYRIA",
    "M1": "JOHNSTON ATOLL",
    "O6": "MIDWAY ISLAND",
    "Q9": "PACIFIC ISLANDS TRU",
    "R3": "PARACEL ISLANDS",
    "T4": "SOUTHERN RHODESIA",
    "U2": "SOVIET UNION",
    "U4": "SPANISH NORTH AFRICA",
    "U6": "SPRATLY ISLAND",
    "X7": "WAKE ISLAND",
    "Y2": "YUGOSLAVIA",
}

#: Codes in ``COUNTRIES`` that the schema lists after the comment "The rest of these are
#: obsolete codes ... EDGAR will SUSPEND if one of these values is used in a Reduced Content
#: submission": valid XML, but never to be offered or written.
OBSOLETE_COUNTRY_CODES: frozenset[str] = frozenset(
    {
        "C2", "E5", "E7", "G5", "I7", "X9", "I8", "I9", "2F", "L1", "L4",
        "L5", "M1", "O6", "Q9", "R3", "T4", "U2", "U4", "U6", "X7", "Y2",
    }
)  # fmt: skip

#: The codes a filer may actually use in ``rptOwnerCountry`` (252, the number §3.6.2 gives).
CURRENT_COUNTRIES: dict[str, str] = {
    code: name for code, name in COUNTRIES.items() if code not in OBSOLETE_COUNTRY_CODES
}


# ---------------------------------------------------------------------------------------------
# Legacy foreign codes in rptOwnerState (schemas X0201-X0508, spec v3 Appendix A)
# ---------------------------------------------------------------------------------------------

# Until v5.5 there was no rptOwnerCountry: a foreign address carried its country or Canadian
# province in rptOwnerState, from one combined list. Every non-US code of that list (the X0306
# enumeration, a superset of the 309 codes of the 2010 spec's Appendix A) is also a v5.5
# rptOwnerCountry code, so the current ones map to themselves. The obsolete ones cannot be
# kept (EDGAR suspends them), so each maps to the one current code whose territory wholly
# contains the old place today, or to None where there is no single successor:
_OBSOLETE_SUCCESSORS: dict[str, str | None] = {
    "C2": "C3",  # Ashmore and Cartier Islands: an Australian external territory -> Australia
    "E5": "R1",  # Canal Zone: part of Panama since 1979 -> Panama
    "E7": "J2",  # Canton and Enderbury Islands: part of Kiribati since 1979 -> Kiribati
    "G5": None,  # Czechoslovakia: split into the Czech Republic (2N) and Slovakia (2B) in 1993
    "I7": "1X",  # Gaza Strip -> Palestinian Territory, Occupied (ISO 3166 PS covers Gaza)
    "X9": "2M",  # Germany (Berlin) -> Germany
    "I8": "2M",  # Germany (West) -> Germany
    "I9": "2M",  # Germany, Fed. Rep. -> Germany
    "2F": "Z3",  # East Timor: renamed -> Timor-Leste
    "L1": None,  # Iraq-Saudi Arabia neutral zone: partitioned between Iraq and Saudi Arabia
    "L4": None,  # Israel-Jordan zone: no single current country
    "L5": None,  # Israel-Syria zone: no single current country
    "M1": "X1",  # Johnston Atoll: US Minor Outlying Islands -> United States; state 2J
    "O6": "X1",  # Midway Islands: US Minor Outlying Islands -> United States; state 2J
    "Q9": None,  # Pacific Islands Trust Territory: now 1T, 1K, 1Y and 1V (four places)
    "R3": None,  # Paracel Islands: sovereignty disputed
    "T4": "Y5",  # Southern Rhodesia: renamed -> Zimbabwe
    "U2": None,  # Soviet Union: fifteen successor states
    "U4": "U3",  # Spanish North Africa (Ceuta, Melilla): part of Spain -> Spain
    "U6": None,  # Spratly Islands: sovereignty disputed
    "X7": "X1",  # Wake Island: US Minor Outlying Islands -> United States; state 2J
    "Y2": None,  # Yugoslavia: several successor states
}

#: Old ``rptOwnerState`` code -> v5.5 ``rptOwnerCountry`` code (None: no current equivalent,
#: ask the filer). Also holds X1 (UNITED STATES, a "state" in the old list but not in v5.5:
#: a US address then needs a real state, cm(10)) and XX (UNKNOWN). The US territories of the
#: old list (GU, PR, VI, B5, 1V, 2J) are still ``rptOwnerState`` codes and are not here.
LEGACY_FOREIGN_STATE_CODES: dict[str, str | None] = {
    **{code: code for code in CURRENT_COUNTRIES},
    **_OBSOLETE_SUCCESSORS,
}

#: Old codes of US islands that v5.5 files under ``rptOwnerState`` "2J" (United States Minor
#: Outlying Islands) with a US address, rather than under a country.
LEGACY_US_MINOR_ISLANDS: dict[str, str] = {"M1": "2J", "O6": "2J", "X7": "2J"}


def legacy_state_to_country(code: str) -> str | None:
    """The v5.5 ``rptOwnerCountry`` code for a foreign code found in an old ``rptOwnerState``.

    Returns None when the old place has no single current equivalent (see
    ``_OBSOLETE_SUCCESSORS``). Raises UnknownCodeError for codes that were never on the old
    list, and for current US state codes, which need no conversion.
    """
    try:
        return LEGACY_FOREIGN_STATE_CODES[code]
    except KeyError:
        pass
    if code in US_STATES:
        raise UnknownCodeError(
            f"{code!r} ({US_STATES[code]}) is still a valid rptOwnerState code; keep it there"
        )
    raise UnknownCodeError(f"{code!r} was never an EDGAR state or country code")


# ---------------------------------------------------------------------------------------------
# Lookups
# ---------------------------------------------------------------------------------------------


def state_name(code: str) -> str:
    """The name of a v5.5 ``rptOwnerState`` code, e.g. "NY" -> "NEW YORK" (Appendix A).

    The error says where the code belongs if it is a country or province code, which v5.5
    moved to ``rptOwnerCountry``.
    """
    if code in US_STATES:
        return US_STATES[code]
    raise UnknownCodeError(
        f"unknown rptOwnerState code {code!r}: "
        + _hint(code, US_STATES, COUNTRIES, "a country or province code, use rptOwnerCountry")
    )


def country_name(code: str) -> str:
    """The name of a v5.5 ``rptOwnerCountry`` code, e.g. "A6" -> "ONTARIO, CANADA" (App. H).

    Obsolete codes are found too (they are in the schema); check ``OBSOLETE_COUNTRY_CODES``
    before writing one.
    """
    if code in COUNTRIES:
        return COUNTRIES[code]
    raise UnknownCodeError(
        f"unknown rptOwnerCountry code {code!r}: "
        + _hint(code, COUNTRIES, US_STATES, "a US state or territory code, use rptOwnerState")
    )


def code_of(text: str, table: Mapping[str, str] | None = None) -> str:
    """The code in what a filer typed: "NY — NEW YORK" (a pick list's choice), "ny" or
    "New York" -> "NY" (the guided session and a draft-from table read a place alike)."""
    typed = text.split("—", 1)[0].strip()
    if table is not None and typed.upper() not in table:
        by_name = {name.casefold(): code for code, name in table.items()}
        typed = by_name.get(typed.casefold(), typed)
    return typed.upper()


def check_state(code: str, *, legacy: bool = True) -> str:
    """A state code as a draft or the guided session gives it, upper-cased.

    The one check of a state code, so that a draft and the session word a mistake alike.
    ``legacy`` accepts the codes of the pre-v5.5 list (provinces and countries as "states"),
    which records keep and a submission converts (``generator.model.upgrade``); the session
    asks for a current code.
    """
    fixed = code.strip().upper()
    if fixed in US_STATES:
        return fixed
    if legacy and (fixed in LEGACY_FOREIGN_STATE_CODES or fixed in LEGACY_US_MINOR_ISLANDS):
        return fixed
    if fixed in COUNTRIES:
        raise UnknownCodeError(
            f"{fixed} ({COUNTRIES[fixed]}) is a country or province code, not a U.S. state or "
            "territory: give it as the country of a non-U.S. address"
        )
    raise UnknownCodeError(
        f"{fixed!r} is not a U.S. state or territory code EDGAR knows: give the two-letter "
        "code, such as NY or PR (spec Appendix A lists them)"
    )


def check_country(code: str, *, obsolete: bool = True) -> str:
    """A country code as a draft or the guided session gives it, upper-cased.

    The one check of a country code. ``obsolete`` accepts the codes EDGAR has retired, which
    records keep; the session offers current codes only.
    """
    fixed = code.strip().upper()
    if fixed in COUNTRIES:
        if not obsolete and fixed in OBSOLETE_COUNTRY_CODES:
            raise UnknownCodeError(
                f"{fixed} ({COUNTRIES[fixed]}) is an obsolete code that EDGAR suspends; "
                "pick another"
            )
        return fixed
    if fixed in US_STATES:
        raise UnknownCodeError(
            f"{fixed} ({US_STATES[fixed]}) is a U.S. state or territory code, not a country: "
            "a U.S. address gives it as the state"
        )
    raise UnknownCodeError(
        f"{fixed!r} is not a country code EDGAR knows (spec Appendix H lists them)"
    )


def _hint(code: str, table: Mapping[str, str], other: Mapping[str, str], where: str) -> str:
    """Why *code* is not in *table*: it belongs to *other*, or it is mistyped."""
    if code in other:
        return f"{other[code]} is {where}"
    fixed = code.strip().upper()
    if fixed in table:
        return f"codes are two upper-case characters; did you mean {fixed!r} ({table[fixed]})?"
    return "not an EDGAR code (spec Appendices A and H list them)"


def match_choices(
    text: str, table: Mapping[str, str], keywords: Mapping[str, Sequence[str]] | None = None
) -> list[tuple[str, str]]:
    """Type-ahead: the (code, name) pairs of *table* that match *text*, best match first.

    Ranked by ``rank_matches``, with the plain words of *keywords* (code -> words, e.g.
    ``TRANSACTION_CODE_KEYWORDS``) as synonyms. Blank text matches everything, in table order.
    """
    items = list(table.items())
    words = keywords or {}
    entries = [(code, name, words.get(code, ())) for code, name in items]
    return [items[index] for _, index in rank_matches(text, entries)]


#: How well typed text matches a choice (``rank_matches``), best first.
EXACT_CODE, EXACT_WORD, NAME_START, CODE_START, WORD_START = range(5)


def rank_matches(
    text: str, entries: Sequence[tuple[str, str, Sequence[str]]]
) -> list[tuple[int, int]]:
    """``(rank, index)`` of the entries ``(code, name, keywords)`` that *text* matches, best first.

    Case-insensitive, and by words, never by letters inside a word (so "i" finds neither
    "Direct" nor "Bought"). Ranks: the code itself (``EXACT_CODE``: "I", "S", "CA"); a keyword
    or the whole name (``EXACT_WORD``: "sale", "indirect", "california"); the name starts with
    the text ("calif", "new y"); the code starts with it ("4/" for "4/A"); a word of the name or
    of a keyword starts with it ("exer", "small acq"). A name "S — Open market ..." is read
    without its "S — ". A trailing space counts for the prefix ranks ("Form 5 " is not
    "Form 5/A"). Ties keep the entries' order; blank text matches every entry.
    """
    typed = re.sub(r"\s+", " ", text.casefold().lstrip())
    needle = typed.strip()
    if not needle:
        return [(EXACT_CODE, index) for index in range(len(entries))]
    at_word = re.compile(r"(?<!\w)" + re.escape(typed))
    ranked: list[tuple[int, int]] = []
    for index, (code, name, keywords) in enumerate(entries):
        key = code.casefold()
        label = name.casefold().removeprefix(f"{key} — ")
        words = [word.casefold() for word in keywords]
        if key and key == needle:
            rank = EXACT_CODE
        elif needle == label or needle in words:
            rank = EXACT_WORD
        elif label.startswith(typed):
            rank = NAME_START
        elif key and key.startswith(needle):
            rank = CODE_START
        elif at_word.search(label) or any(at_word.search(word) for word in words):
            rank = WORD_START
        else:
            continue
        ranked.append((rank, index))
    return sorted(ranked)


def sole_match(ranked: Sequence[tuple[int, int]]) -> int | None:
    """The index of the one entry ``rank_matches`` found, or of the one ranked above all others.

    None when nothing matched or when the best matches tie ("gift" is either G; "new" is four
    states): typed text picks a choice only when it points at that choice alone.
    """
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] < ranked[1][0]):
        return ranked[0][1]
    return None


# ---------------------------------------------------------------------------------------------
# Plain words: what a filer may type for a choice, besides its code and the words of its label
# ---------------------------------------------------------------------------------------------

# One table for every reader: the guided session's pick lists (through ``rank_matches``) and
# the batch import's reading of plain words. A word given to several codes ("exercise": M, O
# and X) finds all of them and picks none of them alone.

#: Transaction code -> the words filers use for it.
TRANSACTION_CODE_KEYWORDS: dict[str, tuple[str, ...]] = {
    TransactionCode.A: ("grant", "granted", "award", "awarded"),
    TransactionCode.C: ("convert", "converted", "conversion"),
    TransactionCode.D: ("return", "returned", "to the issuer", "to the company"),
    TransactionCode.E: ("expired", "expiration", "short position"),
    TransactionCode.F: ("tax", "taxes", "withheld", "withholding", "net settlement"),
    TransactionCode.G: ("gift", "gifts", "gifted", "donation"),
    TransactionCode.H: ("expired", "cancelled", "canceled", "long position"),
    TransactionCode.I: ("discretionary",),
    TransactionCode.J: ("other",),
    TransactionCode.L: ("small",),
    TransactionCode.M: ("exercise", "exercised", "exercising", "option", "options"),
    TransactionCode.O: (
        "exercise", "exercised", "exercising", "option", "options", "out of the money",
    ),
    TransactionCode.P: ("buy", "bought", "purchase", "purchased"),
    TransactionCode.S: ("sell", "sale", "sold"),
    TransactionCode.U: ("tender", "tendered", "change of control"),
    TransactionCode.W: ("will", "inheritance", "inherited", "estate", "bequest"),
    TransactionCode.X: ("exercise", "exercised", "exercising", "option", "options", "in the money"),
    TransactionCode.Z: ("voting trust", "deposit", "withdrawal"),
}  # fmt: skip

#: Acquired/disposed code -> words.
ACQUIRED_DISPOSED_KEYWORDS: dict[str, tuple[str, ...]] = {
    AcquiredDisposed.ACQUIRED: ("acquired", "acquire", "acquisition", "bought", "received"),
    AcquiredDisposed.DISPOSED: ("disposed", "dispose", "disposition", "sold", "gave"),
}

#: Direct/indirect code -> words.
DIRECT_INDIRECT_KEYWORDS: dict[str, tuple[str, ...]] = {
    DirectIndirect.DIRECT: ("direct", "directly"),
    DirectIndirect.INDIRECT: ("indirect", "indirectly", "trust", "spouse", "family"),
}

#: Timeliness value -> words (on time is the empty value, which has no code to type).
TIMELINESS_KEYWORDS: dict[str, tuple[str, ...]] = {
    Timeliness.EARLY: ("early",),
    Timeliness.LATE: ("late",),
    Timeliness.ON_TIME: ("on time", "timely"),
}

#: Form type -> words ("form 4", "4a", "amendment", "annual").
FORM_TYPE_KEYWORDS: dict[str, tuple[str, ...]] = {
    FormType.FORM_3: ("form 3", "initial"),
    FormType.FORM_3A: ("form 3/a", "form 3a", "3a", "amendment", "amended"),
    FormType.FORM_4: ("form 4",),
    FormType.FORM_4A: ("form 4/a", "form 4a", "4a", "amendment", "amended"),
    FormType.FORM_5: ("form 5", "annual"),
    FormType.FORM_5A: ("form 5/a", "form 5a", "5a", "amendment", "amended"),
}

#: Relationship box (the draft's key) -> words.
RELATIONSHIP_KEYWORDS: dict[str, tuple[str, ...]] = {
    "director": ("director", "board", "board member"),
    "officer": (
        "officer", "executive", "ceo", "cfo", "coo", "president", "vice president", "vp",
        "treasurer", "secretary", "general counsel",
    ),
    "ten_percent_owner": ("10", "10%", "ten percent", "owner", "beneficial owner"),
    "other": ("other", "specify"),
}  # fmt: skip

#: State or country code -> other names filers use for the place (the codes of ``US_STATES``
#: and ``COUNTRIES`` never collide).
PLACE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "DC": ("washington dc", "washington d.c.", "d.c."),
    "X0": ("uk", "great britain", "britain", "england", "scotland", "wales", "northern ireland"),
    "X1": ("usa", "us", "america"),
    "M5": ("south korea",),
    "M4": ("north korea",),
    "1Z": ("russia",),
    "Q1": ("vietnam",),
    "2N": ("czechia",),
    "P7": ("holland",),
    "C0": ("uae",),
    "L7": ("ivory coast",),
}


# --- the documents of a submission (spec v5.5 §3.6.3 DocTypeList) ---------------------------

#: The primary documents: the six ownership forms.
DOCUMENT_TYPES = tuple(form.value for form in FormType)


#: DocTypeList (§3.6.3), supporting documents; each may carry a suffix ".text".
SUPPORTING_TYPES = ("CORRESP", "COVER", "EX-24", "EX-99", "GRAPHIC")


MAX_TYPE = 20


_TYPE = re.compile("(" + "|".join(map(re.escape, SUPPORTING_TYPES)) + r")(\.\S+)?")


def supporting_type_problem(document_type: str) -> str | None:
    """Why a supporting document's type is not in DocTypeList (§3.6.3), or None."""
    if len(document_type) > MAX_TYPE:
        return f"the document type has {len(document_type)} characters; at most {MAX_TYPE}"
    if not _TYPE.fullmatch(document_type):
        return (
            f"the document type {document_type!r} is not one EDGAR takes with an ownership "
            "filing: CORRESP, COVER, EX-24 (power of attorney), EX-99 (other exhibit) or "
            "GRAPHIC, optionally followed by a period and text (e.g. EX-24.poa)"
        )
    return None
