"""The importer reads what real filings contain, one small hand-made document per quirk.

Every test starts from the minimal valid Form 4 below, changes one thing the way real EDGAR
filings do (see shared/samples/real), imports it, checks the values of the imported Filing, and
checks that the record rebuild holds the same information (``generator.checks.compare.differences``)
and is valid against the SEC's v5.5 schema.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import official_errors
from lxml import etree

from generator.checks.compare import differences
from generator.cli import main
from generator.formats.draft import load_draft_text
from generator.formats.importer import Imported, import_file, import_source
from generator.formats.render import render
from generator.formats.xmlsource import XmlSource
from generator.support.errors import InputError

DECLARATION = '<?xml version="1.0"?>\n'

NON_DERIVATIVE_TRANSACTION = """
        <nonDerivativeTransaction>
            <securityTitle>
                <value>Common Stock</value>
            </securityTitle>
            <transactionDate>
                <value>2024-03-01</value>
            </transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>S</transactionCode>
                <equitySwapInvolved>false</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares>
                    <value>1000</value>
                </transactionShares>
                <transactionPricePerShare>
                    <value>25.50</value>
                </transactionPricePerShare>
                <transactionAcquiredDisposedCode>
                    <value>D</value>
                </transactionAcquiredDisposedCode>
            </transactionAmounts>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction>
                    <value>5000</value>
                </sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership>
                    <value>D</value>
                </directOrIndirectOwnership>
            </ownershipNature>
        </nonDerivativeTransaction>"""

ADDRESS = """
        <reportingOwnerAddress>
            <rptOwnerStreet1>1 MAIN STREET</rptOwnerStreet1>
            <rptOwnerCity>SPRINGFIELD</rptOwnerCity>
            <rptOwnerState>IL</rptOwnerState>
            <rptOwnerZipCode>62701</rptOwnerZipCode>
        </reportingOwnerAddress>"""

RELATIONSHIP = """
            <isDirector>true</isDirector>
            <isOfficer>false</isOfficer>
            <isTenPercentOwner>false</isTenPercentOwner>
            <isOther>false</isOther>"""


def form_4(
    *,
    declaration: str = DECLARATION,
    document_type: str = "4",
    period: str = "2024-03-01",
    flags: str = "<notSubjectToSection16>false</notSubjectToSection16>",
    ticker: str = "EXMP",
    owner_name: str = "DOE JANE",
    address: str = ADDRESS,
    relationship: str = RELATIONSHIP,
    aff: str = "<aff10b5One>false</aff10b5One>",
    tables: str = f"<nonDerivativeTable>{NON_DERIVATIVE_TRANSACTION}\n    </nonDerivativeTable>",
    footnotes: str = "",
    remarks: str = "",
    signature_date: str = "2024-03-04",
) -> str:
    """A minimal valid Form 4 (a director's sale of 1,000 shares); each argument replaces one
    part of it as written in the XML."""
    return f"""{declaration}<ownershipDocument>
    <schemaVersion>X0508</schemaVersion>
    <documentType>{document_type}</documentType>
    <periodOfReport>{period}</periodOfReport>
    {flags}
    <issuer>
        <issuerCik>0000123456</issuerCik>
        <issuerName>Example Corp</issuerName>
        <issuerTradingSymbol>{ticker}</issuerTradingSymbol>
    </issuer>
    <reportingOwner>
        <reportingOwnerId>
            <rptOwnerCik>0001234567</rptOwnerCik>
            <rptOwnerName>{owner_name}</rptOwnerName>
        </reportingOwnerId>{address}
        <reportingOwnerRelationship>{relationship}
        </reportingOwnerRelationship>
    </reportingOwner>
    {aff}
    {tables}
    {footnotes}
    {remarks}
    <ownerSignature>
        <signatureName>/s/ Jane Doe</signatureName>
        <signatureDate>{signature_date}</signatureDate>
    </ownerSignature>
</ownershipDocument>
"""


def footnotes(*notes: str) -> str:
    body = "".join(
        f'\n        <footnote id="F{i}">{text}</footnote>' for i, text in enumerate(notes, 1)
    )
    return f"<footnotes>{body}\n    </footnotes>"


def imported(xml: str) -> Imported:
    return import_source(XmlSource(xml.encode()), "test.xml")


def assert_rebuilds(xml: str, result: Imported | None = None) -> str:
    """The record rebuild of an imported document holds the same information, and is valid
    against the SEC's current schema whenever the original is."""
    result = result or imported(xml)
    rebuilt = render(result.filing, "record")
    original = etree.fromstring(xml.encode())
    assert differences(original, etree.fromstring(rebuilt.encode())) == []
    if not official_errors(xml):
        assert official_errors(rebuilt) == []
    return rebuilt


def test_the_minimal_form_4_itself():
    xml = form_4()
    assert official_errors(xml) == []
    result = imported(xml)
    filing = result.filing
    assert result.notes == []
    assert filing.form.value == "4"
    assert filing.issuer.ticker == "EXMP"
    assert filing.reporting_owners[0].cik == "0001234567"
    assert filing.table_1[0].shares.value == Decimal("1000")
    assert filing.rule_10b5_1_plan is False
    assert_rebuilds(xml, result)


# --- values and footnotes ------------------------------------------------------------------------


def test_values_given_only_by_footnote():
    derivative = """<derivativeTable>
        <derivativeHolding>
            <securityTitle><value>Stock Option (right to buy)</value></securityTitle>
            <conversionOrExercisePrice><footnoteId id="F2"/></conversionOrExercisePrice>
            <exerciseDate><footnoteId id="F3"/></exerciseDate>
            <expirationDate><footnoteId id="F3"/></expirationDate>
            <underlyingSecurity>
                <underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
                <underlyingSecurityShares><footnoteId id="F2"/></underlyingSecurityShares>
            </underlyingSecurity>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>100</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </derivativeHolding>
    </derivativeTable>"""
    row = NON_DERIVATIVE_TRANSACTION.replace(
        "<transactionPricePerShare>\n                    <value>25.50</value>",
        '<transactionPricePerShare>\n                    <footnoteId id="F1"/>',
    )
    xml = form_4(
        tables=f"<nonDerivativeTable>{row}\n    </nonDerivativeTable>\n    {derivative}",
        footnotes=footnotes("Weighted average price.", "Not applicable.", "Vests in 2026."),
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    price = filing.table_1[0].price
    assert (price.value, price.footnotes) == (None, ["F1"])
    option = filing.table_2[0]
    assert (option.exercise_price.value, option.exercise_price.footnotes) == (None, ["F2"])
    assert (option.date_exercisable.value, option.date_exercisable.footnotes) == (None, ["F3"])
    assert (option.expiration_date.value, option.expiration_date.footnotes) == (None, ["F3"])
    assert (option.underlying_shares.value, option.underlying_shares.footnotes) == (None, ["F2"])
    assert_rebuilds(xml)


def test_several_footnotes_on_one_value():
    xml = form_4(
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "<value>25.50</value>",
            '<value>25.50</value>\n<footnoteId id="F2"/><footnoteId id="F1"/>\n'
            '                    <footnoteId id="F3"/>',
        )
        + "</nonDerivativeTable>",
        footnotes=footnotes("One.", "Two.", "Three."),
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.table_1[0].price.value == Decimal("25.50")
    assert filing.table_1[0].price.footnotes == ["F2", "F1", "F3"]  # in the document's order
    assert list(filing.footnotes) == ["F1", "F2", "F3"]
    assert_rebuilds(xml)


def test_empty_elements_are_kept_as_the_record_wrote_them():
    xml = form_4(
        address="""
        <reportingOwnerAddress>
            <rptOwnerStreet1>1 MAIN STREET</rptOwnerStreet1>
            <rptOwnerStreet2></rptOwnerStreet2>
            <rptOwnerCity>SPRINGFIELD</rptOwnerCity>
            <rptOwnerState>IL</rptOwnerState>
            <rptOwnerZipCode>62701</rptOwnerZipCode>
            <rptOwnerStateDescription/>
        </reportingOwnerAddress>""",
        relationship=RELATIONSHIP + "\n            <officerTitle></officerTitle>\n"
        "            <otherText/>",
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "</transactionDate>",
            "</transactionDate>\n            <deemedExecutionDate/>",
        ).replace(
            "</transactionCoding>",
            "</transactionCoding>\n            <transactionTimeliness><value></value>"
            "</transactionTimeliness>",
        )
        + "</nonDerivativeTable>",
        remarks="<remarks></remarks>",
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    address = filing.reporting_owners[0].address
    assert address.street1 == "1 MAIN STREET"
    assert address.street2 == ""
    assert address.state_description == ""
    relationship = filing.reporting_owners[0].relationship
    assert relationship.officer_title == ""
    assert relationship.other_text == ""
    row = filing.table_1[0]
    assert row.deemed_execution_date.empty and row.deemed_execution_date.blank == "element"
    assert row.timeliness.empty and row.timeliness.blank == "value"
    assert filing.remarks == ""
    # The record writes them back (the SEC's stylesheet picks address lines by position) ...
    rebuilt = assert_rebuilds(xml)
    for empty in ("<rptOwnerStreet2></rptOwnerStreet2>", "<otherText></otherText>",
                  "<deemedExecutionDate></deemedExecutionDate>", "<remarks></remarks>",
                  "<transactionTimeliness>\n                <value></value>"):  # fmt: skip
        assert empty in rebuilt
    # ... and a filing sent today leaves them out.
    submission = render(filing, "submission")
    assert "Street2" not in submission and "remarks" not in submission
    assert "deemedExecutionDate" not in submission and "Timeliness" not in submission
    assert official_errors(submission) == []


def test_empty_tables():
    xml = form_4(
        tables="<nonDerivativeTable/>\n    <derivativeTable></derivativeTable>",
        footnotes="<footnotes/>",
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.table_1 == []
    assert filing.table_2 == []
    assert filing.footnotes == {}
    assert_rebuilds(xml)


def test_empty_transaction_coding_on_a_form_5_holding():
    holding = """<nonDerivativeTable>
        <nonDerivativeHolding>
            <securityTitle><value>Common Stock</value></securityTitle>
            <transactionCoding/>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>2500</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
                <natureOfOwnership><value>By spouse</value></natureOfOwnership>
            </ownershipNature>
        </nonDerivativeHolding>
    </nonDerivativeTable>"""
    xml = form_4(
        document_type="5",
        period="2023-12-31",
        flags="<notSubjectToSection16>0</notSubjectToSection16>\n"
        "    <form3HoldingsReported>0</form3HoldingsReported>\n"
        "    <form4TransactionsReported>0</form4TransactionsReported>",
        tables=holding,
    )
    assert official_errors(xml) == []
    result = imported(xml)
    filing = result.filing
    assert filing.form.value == "5"
    (row,) = filing.table_1
    assert row.kind == "holding"
    assert row.form_type is not None and row.form_type.blank == "element"
    assert "<transactionCoding></transactionCoding>" in render(filing, "record")
    assert "transactionCoding" not in render(filing, "submission")
    assert row.owned_following.value == Decimal("2500")
    assert row.nature_of_ownership.value == "By spouse"
    assert filing.form_3_holdings_reported is False
    assert filing.form_4_transactions_reported is False
    assert_rebuilds(xml, result)


def test_booleans_as_0_1_and_true_false_in_one_document():
    xml = form_4(
        flags="<notSubjectToSection16>0</notSubjectToSection16>",
        relationship="""
            <isDirector>1</isDirector>
            <isOfficer>true</isOfficer>
            <isTenPercentOwner>false</isTenPercentOwner>
            <isOther>0</isOther>
            <officerTitle>Chief Executive Officer</officerTitle>""",
        aff="<aff10b5One>1</aff10b5One>",
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "<equitySwapInvolved>false</equitySwapInvolved>",
            "<equitySwapInvolved>0</equitySwapInvolved>",
        )
        + "</nonDerivativeTable>",
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.no_longer_subject_to_section_16 is False
    assert filing.rule_10b5_1_plan is True
    rel = filing.reporting_owners[0].relationship
    assert (rel.director, rel.officer, rel.ten_percent_owner, rel.other) == (
        True,
        True,
        False,
        False,
    )
    assert rel.officer_title == "Chief Executive Officer"
    assert filing.table_1[0].equity_swap is False
    assert_rebuilds(xml)


def test_relationship_flags_only_partly_present():
    xml = form_4(relationship="\n            <isDirector>1</isDirector>")
    assert official_errors(xml) == []
    filing = imported(xml).filing
    rel = filing.reporting_owners[0].relationship
    assert rel.director is True
    assert (rel.officer, rel.ten_percent_owner, rel.other) == (None, None, None)
    # The record profile writes only what the original had ...
    rebuilt = assert_rebuilds(xml)
    assert "isOfficer" not in rebuilt
    # ... while a submission states every box.
    submission = render(filing, "submission")
    assert "<isOfficer>0</isOfficer>" in submission
    assert official_errors(submission) == []


def test_numbers_as_real_filings_spell_them():
    xml = form_4(
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace("<value>1000</value>", "<value>881.0000</value>")
        .replace("<value>25.50</value>", "<value>.49</value>")
        .replace("<value>5000</value>", "<value>0.00</value>")
        + "</nonDerivativeTable>"
    )
    assert official_errors(xml) == []
    row = imported(xml).filing.table_1[0]
    assert row.shares.value == Decimal("881")
    assert row.price.value == Decimal("0.49")
    assert row.owned_following.value == Decimal("0")
    rebuilt = assert_rebuilds(xml)
    # The digits as written: EDGAR shows 881.0000 as 881 but 0.00 as 0 and 17500.00 as 17,500.00.
    assert "<value>881.0000</value>" in rebuilt
    assert "<value>0.49</value>" in rebuilt  # .49: the same digits, the same on EDGAR
    assert "<value>0.00</value>" in rebuilt


def test_dates_with_a_time_zone_suffix():
    xml = form_4(
        period="2021-09-30-05:00",
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "<value>2024-03-01</value>", "<value>2021-09-30-05:00</value>"
        )
        + "</nonDerivativeTable>",
        signature_date="2021-10-01Z",
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.period_of_report == date(2021, 9, 30)
    assert filing.table_1[0].transaction_date.value == date(2021, 9, 30)
    assert filing.signatures[0].date == date(2021, 10, 1)
    rebuilt = assert_rebuilds(xml)
    assert "<periodOfReport>2021-09-30</periodOfReport>" in rebuilt


# --- upgrades of old filings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "country", "name"),
    [("A1", "A1", "BRITISH COLUMBIA"), ("X0", "X0", "UNITED KINGDOM")],
)
def test_legacy_foreign_state_code_is_kept_and_sent_as_a_non_us_address(code, country, name):
    xml = form_4(
        address=f"""
        <reportingOwnerAddress>
            <rptOwnerStreet1>10 HIGH STREET</rptOwnerStreet1>
            <rptOwnerCity>SOMEWHERE</rptOwnerCity>
            <rptOwnerState>{code}</rptOwnerState>
            <rptOwnerZipCode>AB1 2CD</rptOwnerZipCode>
        </reportingOwnerAddress>"""
    )
    result = imported(xml)
    address = result.filing.reporting_owners[0].address
    assert (address.state, address.non_us, address.country) == (code, None, None)
    (note,) = result.notes
    assert "Reporting owner 1" in note
    assert code in note
    assert name in note
    assert f"<rptOwnerState>{code}</rptOwnerState>" in assert_rebuilds(xml, result)
    sent = etree.fromstring(render(result.filing, "submission").encode())
    assert sent.find(".//rptOwnerState") is None
    assert sent.findtext(".//rptOwnerNonUSAddressFlag") == "true"  # as the stylesheets read it
    assert sent.findtext(".//rptOwnerCountry") == country
    assert (sent.findtext(".//rptOwnerStreet1"), sent.findtext(".//rptOwnerZipCode")) == (
        "10 HIGH STREET",
        "AB1 2CD",
    )
    assert official_errors(etree.tostring(sent)) == []


def test_pre_2023_form_4_without_aff10b5one_leaves_the_box_unanswered_with_a_note():
    xml = form_4(aff="").replace("<schemaVersion>X0508", "<schemaVersion>X0306")
    assert official_errors(xml) != []  # today's schema requires the box
    result = imported(xml)
    assert result.filing.rule_10b5_1_plan is None
    (note,) = result.notes
    assert "aff10b5One" in note and "unanswered" in note
    rebuilt = assert_rebuilds(xml, result)
    assert "aff10b5One" not in rebuilt
    assert "<schemaVersion>X0306</schemaVersion>" in rebuilt


# --- text as written -----------------------------------------------------------------------------


@pytest.mark.parametrize("ticker", ["LEN, LEN.B", "NONE"])
def test_tickers_are_kept_as_written(ticker):
    xml = form_4(ticker=ticker)
    assert official_errors(xml) == []
    assert imported(xml).filing.issuer.ticker == ticker
    rebuilt = assert_rebuilds(xml)
    assert f"<issuerTradingSymbol>{ticker}</issuerTradingSymbol>" in rebuilt


def test_a_footnote_spanning_several_lines_keeps_its_line_breaks():
    text = (
        "The price reported is a weighted average.\n"
        "    Prices ranged from $1 to $2.\n"
        "\n"
        "Full details on request."
    )
    xml = form_4(
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "<value>25.50</value>", '<value>25.50</value>\n<footnoteId id="F1"/>'
        )
        + "</nonDerivativeTable>",
        footnotes=footnotes(f"\n            {text}\n        "),
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.footnotes == {"F1": text}
    rebuilt = assert_rebuilds(xml)
    again = etree.fromstring(rebuilt.encode())
    assert again.findtext("footnotes/footnote") == text


def test_quot_and_amp_entities():
    xml = form_4(
        owner_name="SMITH &amp; JONES &quot;FAMILY&quot; TRUST",
        tables="<nonDerivativeTable>"
        + NON_DERIVATIVE_TRANSACTION.replace(
            "<value>D</value>\n                </directOrIndirectOwnership>",
            "<value>I</value>\n                </directOrIndirectOwnership>\n"
            "                <natureOfOwnership><value>By &quot;A&amp;B&quot; LLC</value>"
            "</natureOfOwnership>",
        )
        + "</nonDerivativeTable>",
        remarks="<remarks>Signed by a power of attorney (&quot;POA&quot;) &amp; late.</remarks>",
    )
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.reporting_owners[0].name == 'SMITH & JONES "FAMILY" TRUST'
    assert filing.table_1[0].nature_of_ownership.value == 'By "A&B" LLC'
    assert filing.remarks == 'Signed by a power of attorney ("POA") & late.'
    assert_rebuilds(xml)


def test_a_file_without_an_xml_declaration():
    xml = form_4(declaration="")
    assert not xml.lstrip().startswith("<?xml")
    assert official_errors(xml) == []
    filing = imported(xml).filing
    assert filing.issuer.ticker == "EXMP"
    assert_rebuilds(xml)


# --- files, submissions and what is not an ownership document ------------------------------------


def submission_text(xml: str) -> str:
    """An EDGAR full submission text file with the ownership XML in its <XML> block."""
    return f"""<SEC-DOCUMENT>0001234567-24-000001.txt : 20240304
<SEC-HEADER>0001234567-24-000001.hdr.sgml : 20240304
<ACCEPTANCE-DATETIME>20240304163012
ACCESSION NUMBER:\t\t0001234567-24-000001
CONFORMED SUBMISSION TYPE:\t4
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t20240301
FILED AS OF DATE:\t\t20240304

REPORTING-OWNER:\t

\tOWNER DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tDOE JANE
\t\tCENTRAL INDEX KEY:\t\t\t0001234567
</SEC-HEADER>
<DOCUMENT>
<TYPE>4
<SEQUENCE>1
<FILENAME>form4.xml
<DESCRIPTION>FORM 4 SUBMISSION
<TEXT>
<XML>
{xml}</XML>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_a_full_edgar_submission_text_file(tmp_path: Path):
    xml = form_4(footnotes="", remarks="<remarks>Filed from a .txt submission.</remarks>")
    path = tmp_path / "0001234567-24-000001.txt"
    path.write_text(submission_text(xml), encoding="utf-8")
    result = import_file(path)
    assert result.filing.form.value == "4"
    assert result.filing.remarks == "Filed from a .txt submission."
    assert result.filing.table_1[0].price.value == Decimal("25.5")
    assert result.notes == []
    assert_rebuilds(xml, result)


def test_a_non_ownership_xml_is_refused_naming_its_root(tmp_path: Path):
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?>\n<foo><bar>1</bar></foo>\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_file(path)
    assert "<foo>" in str(caught.value)
    assert str(path) in str(caught.value)
    with pytest.raises(InputError, match="<foo>"):
        import_source(XmlSource(b"<foo/>"), "inline.xml")


# --- the command line ----------------------------------------------------------------------------


def test_cli_import_to_standard_output_puts_the_notes_first_as_comments(tmp_path: Path, capsys):
    xml = form_4(aff="")  # a pre-2023 Form 4: one upgrade note
    path = tmp_path / "old-form4.xml"
    path.write_text(xml, encoding="utf-8")
    assert main(["import", str(path), "-o", "-"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    lines = out.splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert header, out
    assert "old-form4.xml" in header[0]
    assert any("aff10b5One" in line for line in header)
    body = lines[len(header) :]
    assert body and not any(line.startswith("#") for line in body)
    # The draft on standard output is the imported filing, and nothing was written to disk.
    assert load_draft_text(out, "stdout") == import_file(path).filing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old-form4.xml"]
    assert "aff10b5One" in captured.err  # the note is also shown to the person running it


def test_a_footnote_on_a_table_ii_acquired_disposed_code_moves_to_the_number_of_securities():
    """A Table II (A)/(D) code with a footnote (another tool's, or another schema version's;
    v5.5 allows none there). Dropping the reference would leave the footnote unreferenced
    (EDGAR suspends that), so it moves to the number of securities, the same column 5 of the
    form, with a note."""
    option = """<derivativeTable>
        <derivativeTransaction>
            <securityTitle><value>Stock Option (right to buy)</value></securityTitle>
            <conversionOrExercisePrice><value>10.00</value></conversionOrExercisePrice>
            <transactionDate><value>2024-03-01</value></transactionDate>
            <transactionCoding>
                <transactionFormType>4</transactionFormType>
                <transactionCode>A</transactionCode>
                <equitySwapInvolved>0</equitySwapInvolved>
            </transactionCoding>
            <transactionAmounts>
                <transactionShares><value>500</value><footnoteId id="F2"/></transactionShares>
                <transactionPricePerShare><value>0</value></transactionPricePerShare>
                <transactionAcquiredDisposedCode>
                    <value>A</value>
                    <footnoteId id="F1"/>
                </transactionAcquiredDisposedCode>
            </transactionAmounts>
            <exerciseDate><value>2025-03-01</value></exerciseDate>
            <expirationDate><value>2034-03-01</value></expirationDate>
            <underlyingSecurity>
                <underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
                <underlyingSecurityShares><value>500</value></underlyingSecurityShares>
            </underlyingSecurity>
            <postTransactionAmounts>
                <sharesOwnedFollowingTransaction><value>500</value></sharesOwnedFollowingTransaction>
            </postTransactionAmounts>
            <ownershipNature>
                <directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
            </ownershipNature>
        </derivativeTransaction>
    </derivativeTable>"""
    xml = form_4(
        tables=f"<nonDerivativeTable>{NON_DERIVATIVE_TRANSACTION}\n    </nonDerivativeTable>\n"
        f"    {option}",
        footnotes=footnotes("Granted under the 2020 plan.", "Vests over four years."),
    )
    assert any("footnoteId': This element is not expected" in e for e in official_errors(xml))
    result = imported(xml)
    shares = result.filing.table_2[0].shares
    assert shares is not None and shares.footnotes == ["F2", "F1"]
    [note] = result.notes
    assert "Table II row 1" in note and "F1" in note and "column 5" in note
    rebuilt = render(result.filing, "record")
    assert official_errors(rebuilt) == []
    root = etree.fromstring(rebuilt.encode())
    amounts = root.find("derivativeTable/derivativeTransaction/transactionAmounts")
    assert amounts is not None
    assert [f.get("id") for f in amounts.iterfind("transactionShares/footnoteId")] == ["F2", "F1"]
    assert {f.get("id") for f in root.iter("footnoteId")} == {"F1", "F2"}
