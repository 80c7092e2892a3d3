"""What changes when a filing of an older schema version is sent today.

An imported filing keeps what it says as written (``--profile record`` gives the original back).
A filing sent to EDGAR today must follow the current specification (v5.5, X0609), so building
it for submission brings it into the current form. Each change is made here, in one place, and
said in a note; nothing is invented for the filer (the Rule 10b5-1 box is asked, not assumed:
rule ``aff10b5-unanswered``).
"""

from __future__ import annotations

from generator.model import codes
from generator.model.filing import Address, Filing


def legacy_country(address: Address) -> str | None:
    """The country meant by a pre-v5.5 foreign "state" code (A1, T3, …), when it is one."""
    state = (address.state or "").upper()
    if not state or state in codes.US_STATES or address.country:
        return None
    return codes.legacy_state_to_country(state)


def submission_address(address: Address) -> Address:
    """The address as v5.5 writes it: a legacy foreign state code becomes a non-U.S. address,
    and a U.S. state states the flag.

    §3.5 makes ``rptOwnerNonUSAddressFlag`` mandatory with an address (cm), and cm(10) ties a
    false flag to a state: an address that names a U.S. state is a U.S. address, so the flag is
    written false rather than left for EDGAR to guess. An address with neither a U.S. state nor
    a flag is left as it is (nothing is invented; the rules say what is missing).
    """
    country = legacy_country(address)
    if country is not None:
        return address.model_copy(update={"state": None, "non_us": True, "country": country})
    if address.non_us is None and (address.state or "").upper() in codes.US_STATES:
        return address.model_copy(update={"non_us": False})
    return address


def submission_notes(filing: Filing) -> list[str]:
    """A sentence for each change ``submission_address`` (and the profile) makes to a filing."""
    notes: list[str] = []
    for number, owner in enumerate(filing.reporting_owners, 1):
        if owner.address is None or (country := legacy_country(owner.address)) is None:
            continue
        notes.append(
            f"Reporting owner {number}: the state code {owner.address.state} is a foreign code "
            f"from before v5.5; the filing is sent with a non-U.S. address, country {country} "
            f"({codes.COUNTRIES.get(country, country)})."
        )
    return notes
