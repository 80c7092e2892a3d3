"""Filing -> ownership XML through the jinja2 templates in ``templates/``.

Python computes every value here, in a view that already follows the profile's rules (what
EDGAR supplies, what the filer sends); the templates only loop and branch. There is one
configured jinja2 Environment: autoescaping on for every template (the ``.xml.j2`` ending
would not switch it on by itself, and "AT&T" must not break the XML), strict undefined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from generator.checks import versions
from generator.formats.credentials import CccLookup, ccc_from_environment
from generator.model import upgrade, xmlnames
from generator.model.codes import FormType, Profile
from generator.model.filing import (
    Address,
    AnyRow,
    DerivativeHolding,
    DerivativeTransaction,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Noted,
    Relationship,
    ReportingOwner,
)
from generator.model.values import spell_bool, spell_decimal
from generator.support.paths import resource_dir


@lru_cache(maxsize=1)
def template_environment() -> Any:
    """The one configured jinja2 Environment of sec16 (XML and preview templates alike)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _text(value: Any) -> Any:
    """One value as the XML spells it: boxes 1/0, amounts with the digits they were given."""
    if isinstance(value, bool):
        return spell_bool(value)
    if isinstance(value, Decimal):
        return spell_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return _one_line(value.strip())
    return value


#: Characters that end a line for a reader or for jinja's indent filter (str.splitlines).
_LINE_BREAKS = {
    "\n": "&#10;",
    "\r": "&#13;",
    "\x85": "&#133;",
    "\u2028": "&#8232;",
    "\u2029": "&#8233;",
}


def _one_line(text: str) -> Any:
    """Keep every value on one line (spec §4.1): line breaks inside a text become references."""
    if not any(mark in text for mark in _LINE_BREAKS):
        return text
    from markupsafe import Markup, escape

    escaped = str(escape(text.replace("\r\n", "\n")))
    for mark, reference in _LINE_BREAKS.items():
        escaped = escaped.replace(mark, reference)
    return Markup(escaped)


@dataclass(frozen=True)
class NotedView:
    value: Any
    footnotes: list[str]


def _noted(item: Noted[Any] | None, profile: Profile) -> NotedView | None:
    """The value/footnote pattern; an imported empty element only in the record profile."""
    if item is None:
        return None
    if item.empty:
        if profile != "record" or item.blank is None:
            return None
        return NotedView("" if item.blank == "value" else None, [])
    if item.value is None and item.blank == "value" and profile == "record":
        return NotedView("", list(item.footnotes))
    return NotedView(_text(item.value) if item.value is not None else None, list(item.footnotes))


def _kept(value: Any, profile: Profile) -> bool:
    """Whether a text is written: an empty one only where the record had it empty.

    An empty ``<rptOwnerStreet2/>`` matters to the SEC's stylesheet, which picks address lines
    by position: dropped, the next owner's street is printed on this owner's line.
    """
    return value is not None and (value != "" or profile == "record")


def _address(address: Address | None, profile: Profile) -> list[tuple[str, str]]:
    if address is None:
        return []
    if profile == "submission":
        address = upgrade.submission_address(address)
    return [
        (tag, _box_word(value) if tag in xmlnames.WORD_BOXES else _text(value))
        for key, tag in xmlnames.ADDRESS
        if (profile == "record" or key not in xmlnames.ADDRESS_EDGAR_ONLY)
        and _kept(value := getattr(address, key), profile)
    ]


def _box_word(flag: bool) -> str:
    """A box whose reader tests for the word (``xmlnames.WORD_BOXES``)."""
    return "true" if flag else "false"


def _relationship(rel: Relationship, profile: Profile) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, tag in xmlnames.RELATIONSHIP_BOXES:
        flag = getattr(rel, key)
        if flag is None and profile == "submission":
            flag = False  # a filer's document states every box, ticked or not
        if flag is not None:
            out.append((tag, _text(flag)))
    for key, tag in xmlnames.RELATIONSHIP_TEXTS:
        if _kept(text := getattr(rel, key), profile):
            out.append((tag, _text(text)))
    return out


def _owner(owner: ReportingOwner, profile: Profile, ccc_lookup: CccLookup) -> dict[str, Any]:
    ccc = None
    if profile == "submission":
        ccc = ccc_lookup(owner.cik)  # never from the draft: a credential stays out of files
    return {
        "cik": owner.cik,
        "ccc": ccc,
        "name": _text(owner.name) if profile == "record" else None,
        "address": _address(owner.address, profile),
        "relationship": _relationship(owner.relationship, profile),
    }


def _row(row: AnyRow, form: FormType, profile: Profile) -> dict[str, Any]:
    view: dict[str, Any] = {"kind": row.kind}
    for name in type(row).model_fields:
        if name == "kind":
            continue
        value = getattr(row, name)
        view[name] = _noted(value, profile) if isinstance(value, Noted) else _text(value)
    if isinstance(row, (NonDerivativeTransaction, DerivativeTransaction)):
        view["form_type"] = transaction_form_type(row, form)
        view["equity_swap"] = _text(bool(row.equity_swap))
        view["code"] = _noted(row.code, profile) or NotedView(None, [])
    if isinstance(row, (NonDerivativeHolding, DerivativeHolding)):
        view["form_type"] = _noted(row.form_type, profile)
    if form.base == "3" and isinstance(row, DerivativeHolding):
        # The Form 3 schema has no "owned following" column in Table II.
        view["owned_following"] = view["value_owned_following"] = None
    return view


def transaction_form_type(
    row: NonDerivativeTransaction | DerivativeTransaction, form: FormType
) -> str:
    """The transaction's form type; left out, it is the form being filed (4 or 5)."""
    return row.form_type or ("5" if form.base == "5" else "4")


def derived_flags(filing: Filing) -> dict[str, bool]:
    """The flags EDGAR computes for the disseminated copy (spec §4.3)."""
    late_form_3 = False
    form_4 = False
    for row in filing.rows:
        if isinstance(row, (NonDerivativeHolding, DerivativeHolding)):
            late_form_3 |= row.form_type is not None and row.form_type.value == "3"
        else:
            form_4 |= transaction_form_type(row, filing.form) == "4"
    return {
        "no_securities_owned": not filing.rows,
        "form_3_holdings_reported": late_form_3,
        "form_4_transactions_reported": form_4,
    }


def document_view(filing: Filing, profile: Profile, ccc_lookup: CccLookup) -> dict[str, Any]:
    """Everything the template needs, computed: the profile decides what EDGAR supplies."""
    form = filing.form
    record = profile == "record"
    derived = derived_flags(filing)

    def edgar_flag(name: str, applies: bool) -> str | None:
        if not (record and applies):
            return None
        stored = getattr(filing, name)
        return str(_text(derived[name] if stored is None else stored))

    given = filing.model_fields_set

    def container(name: str, items: Any) -> bool:
        """A table or the footnotes: written when it has items, or empty as the record had it."""
        return bool(items) or (record and name in given)

    return {
        "schema_version": (filing.schema_version or versions.CURRENT) if record else None,
        "document_type": form.value,
        "period_of_report": _text(filing.period_of_report),
        "original_filing_date": _text(filing.original_filing_date),
        "no_securities_owned": edgar_flag("no_securities_owned", form.base == "3"),
        "not_subject_to_section_16": _text(filing.no_longer_subject_to_section_16),
        "form_3_holdings_reported": edgar_flag("form_3_holdings_reported", form.base == "5"),
        "form_4_transactions_reported": edgar_flag(
            "form_4_transactions_reported", form.base == "5"
        ),
        "issuer": {
            "cik": filing.issuer.cik,
            "name": _text(filing.issuer.name) if record else None,
            "ticker": _text(filing.issuer.ticker),
            "foreign_ticker": _text(filing.issuer.foreign_ticker),
        },
        "owners": [_owner(o, profile, ccc_lookup) for o in filing.reporting_owners],
        # Never invented: a filing from before the box leaves it out, and building one for
        # submission is refused until the filer answers it (rule aff10b5-unanswered).
        "aff10b5one": _text(filing.rule_10b5_1_plan),
        "table_1": [_row(r, form, profile) for r in filing.table_1],
        "table_2": [_row(r, form, profile) for r in filing.table_2],
        "has_table_1": container("table_1", filing.table_1),
        "has_table_2": container("table_2", filing.table_2),
        "footnotes": [(ident, _text(text)) for ident, text in filing.footnotes.items()],
        "has_footnotes": container("footnotes", filing.footnotes),
        "remarks": _text(filing.remarks) if _kept(filing.remarks, profile) else None,
        "signatures": [{"name": _text(s.name), "date": _text(s.date)} for s in filing.signatures],
    }


def template_name(form: FormType) -> str:
    """form3.xml.j2 … form5a.xml.j2: one thin template per document type."""
    return f"form{form.value.replace('/', '').lower()}.xml.j2"


def render(
    filing: Filing,
    profile: Profile = "submission",
    ccc_lookup: CccLookup = ccc_from_environment,
) -> str:
    """The ownership XML of a filing under a profile (see docs/cli-contract.md)."""
    template = template_environment().get_template(template_name(filing.form))
    text: str = template.render(doc=document_view(filing, profile, ccc_lookup))
    # Only "\n" ends a line: str.splitlines would also split at U+2028 and friends inside values.
    lines = [line for line in text.split("\n") if line.strip()]
    return "\n".join(lines) + "\n"
