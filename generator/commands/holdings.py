"""``sec16 holdings``: what each insider of a book holds, and (``--check``) every figure that
does not continue from the filings before it.

Output: a table a person reads (``text``, grouped by owner and issuer), one JSON array, or CSV
with a header row. Files of the book that are not filings or drafts are named on standard error
as warnings and left out; a broken book.yaml ends the command (the error funnel prints its
sentence: the file, the key and the line).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.common import ExitCode
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.book.holdings import Discontinuity, Figure, Holding, HoldingKey
    from generator.book.sources import Book


def holdings(
    paths: Sequence[str],
    *,
    owner: str | None = None,
    issuer: str | None = None,
    as_of: date | datetime | None = None,
    check: bool = False,
    output_format: str = "text",
) -> int:
    """Print the book's holdings (or, with ``check``, its discontinuities); the exit status."""
    from generator.book import holdings as book_holdings
    from generator.book.sources import read_book

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or folder; give the book's folder")
    owner, issuer = _cik_option("--owner", owner), _cik_option("--issuer", issuer)
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    _fewer_collections()
    # The events of each filing are made here as it arrives, while the workers read the rest.
    prepared = book_holdings.Prepared(owner, issuer)
    book = read_book(paths, on_entry=prepared.add)
    for path, reason in book.unreadable:
        why = reason.removeprefix(f"{path}: ")
        print(
            f"sec16: warning: {path} is not a filing or a draft, left out of the book: {why}",
            file=sys.stderr,
        )
    names = _Names(book)
    if check:
        found = book_holdings.discontinuities(book, owner=owner, issuer=issuer, prepared=prepared)
        if day is not None:
            found = [d for d in found if d.current.as_of <= day]
        _write_discontinuities(found, names, output_format)
        return ExitCode.INVALID if found else ExitCode.OK
    held = book_holdings.holdings(book, owner=owner, issuer=issuer, as_of=day, prepared=prepared)
    _write_holdings(held, names, output_format, book, day)
    return ExitCode.OK


def _fewer_collections() -> None:
    """A book's records (tens of thousands of rows) live until the command ends: let the
    cyclic garbage collector, which would walk them again and again as more are made, run
    seldom (reference counting frees everything short-lived)."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _cik_option(option: str, raw: str | None) -> str | None:
    if raw is None:
        return None
    from generator.model.values import parse_cik

    try:
        return parse_cik(raw)
    except ValueError as err:
        raise UsageError(f"{option}: {err}") from None


@lru_cache(maxsize=65536)  # a book names the same few CIKs on every holding
def _cik(text: str) -> str:
    """A CIK as EDGAR writes it: ten digits."""
    return text.strip().zfill(10) if text.strip().isdigit() else text.strip()


class _Names:
    """Owner and issuer names as the book's latest filing that names them gives them (a
    draft, built for submission, names neither)."""

    def __init__(self, book: Book) -> None:
        self.owners: dict[str, str] = {}
        self.issuers: dict[str, str] = {}
        for entry in sorted(book.entries, key=lambda e: e.filed or date.min, reverse=True):
            if entry.issuer_name:
                self.issuers.setdefault(_cik(entry.issuer_cik), entry.issuer_name)
            for cik, name in zip(entry.owner_ciks, entry.owner_names, strict=False):
                if name:
                    self.owners.setdefault(_cik(cik), name)

    def owner(self, cik: str) -> str:
        return self.owners.get(_cik(cik), "")

    def issuer(self, cik: str) -> str:
        return self.issuers.get(_cik(cik), "")


def book_schema() -> int:
    """``sec16 schema --book``: the JSON Schema of book.yaml, for editors."""
    from generator.book.settings import json_schema

    json.dump(json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return ExitCode.OK


# --- holdings ------------------------------------------------------------------------------------


def _key_fields(key: HoldingKey, names: _Names) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "owner_cik": _cik(key.owner_cik),
        "owner_name": names.owner(key.owner_cik),
        "issuer_cik": _cik(key.issuer_cik),
        "issuer_name": names.issuer(key.issuer_cik),
        "table": key.table,
        "security": key.security,
        "ownership": key.ownership,
        "nature": key.nature,
    }
    if key.holder:
        fields["holder"] = key.holder
    if key.table == "II":
        fields["exercise_price"] = key.exercise_price
        fields["expiration"] = key.expiration
    return fields


def holding_json(holding: Holding, names: _Names) -> dict[str, Any]:
    """One holding as ``holdings --format json`` writes it."""
    return {
        **_key_fields(holding.key, names),
        "shares": holding.shares,
        "value": holding.value,
        "as_of": holding.as_of.isoformat(),
        "source": str(holding.source),
        "form": holding.form,
        "filed": holding.filed.isoformat() if holding.filed else None,
        "draft": holding.draft,
        "underlying": holding.underlying,
        "lots": holding.lots,
        "adjusted": list(holding.adjusted),
    }


_CSV_COLUMNS = (
    "owner_cik", "owner_name", "issuer_cik", "issuer_name", "table", "security", "ownership",
    "nature", "holder", "exercise_price", "expiration", "shares", "value", "as_of", "source",
    "form", "filed", "draft", "underlying", "lots", "adjusted",
)  # fmt: skip


def _write_holdings(
    found: list[Holding], names: _Names, output_format: str, book: Book, day: date | None = None
) -> None:
    if output_format == "json":
        _write_json_lines(holding_json(h, names) for h in found)
        return
    if output_format == "csv":
        writer = csv.DictWriter(
            sys.stdout, _CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for holding in found:
            row = holding_json(holding, names)
            row["adjusted"] = "; ".join(holding.adjusted)
            row["filed"] = row["filed"] or ""
            for flag in ("value", "draft", "underlying"):
                row[flag] = "true" if row[flag] else "false"
            writer.writerow(row)
        return
    if day is not None:
        sys.stdout.write(f"Holdings at the end of {day}:\n\n")
    sys.stdout.write(_holdings_text(found, names, book))


def _write_json_lines(items: Iterable[dict[str, Any]]) -> None:
    """One JSON array, an object a line: a book has tens of thousands of holdings, and the
    encoder is several times faster without indentation (still one line per holding to read
    or grep)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    write = sys.stdout.write
    first = True
    for item in items:
        write(("[\n  " if first else ",\n  ") + encode(item))
        first = False
    write("[]\n" if first else "\n]\n")


def _shares_text(holding: Holding) -> str:
    from generator.book.holdings import number_text

    text = number_text(holding.shares)
    if holding.value:
        text = "$" + text
    if holding.underlying:
        text += " (underlying)"
    if holding.lots > 1:
        text += f" ({holding.lots} rows)"
    if holding.adjusted:
        text += " *"
    return text


def _holding_text(key: HoldingKey) -> str:
    held = {"D": "direct", "I": "indirect"}.get(key.ownership.strip().upper(), "?")
    if held != "direct":
        how = " ".join(key.nature.split())
        if key.holder:
            from generator.book.holdings import shortened

            how = f"{how}: {shortened(key.holder, 40)}" if how else shortened(key.holder, 40)
        if how:
            held += f": {how}"
    return held


def _security_text(key: HoldingKey) -> str:
    title = " ".join(key.security.split()) or "(no title)"
    if key.table == "II":
        terms = []
        if key.exercise_price:
            terms.append(f"${key.exercise_price}")
        if key.expiration:
            terms.append(f"exp. {key.expiration}")
        if terms:
            title += f" ({', '.join(terms)})"
    return title


def _file_text(holding: Holding) -> str:
    if holding.draft:
        return f"{holding.source} (draft)"
    return str(holding.source)


def _holdings_text(found: list[Holding], names: _Names, book: Book) -> str:
    if not found:
        what = "filings" if book.entries else "filings or drafts that could be read"
        return f"No holdings: the book has no {what} for these owners and issuers.\n"
    lines: list[str] = []
    groups: dict[tuple[str, str], list[Holding]] = {}
    for holding in found:
        groups.setdefault((holding.key.owner_cik, holding.key.issuer_cik), []).append(holding)
    header = ("Table", "Security", "Held", "Shares", "As of", "File")
    for (owner_cik, issuer_cik), items in groups.items():
        if lines:
            lines.append("")
        owner_name = names.owner(owner_cik)
        issuer_name = names.issuer(issuer_cik)
        lines.append(
            f"{owner_name or 'Owner'} (CIK {_cik(owner_cik)}) in {issuer_name or 'issuer'} "
            f"(CIK {_cik(issuer_cik)})"
        )
        rows = [
            (
                h.key.table,
                _security_text(h.key),
                _holding_text(h.key),
                _shares_text(h),
                h.as_of.isoformat(),
                _file_text(h),
            )
            for h in items
        ]
        lines.extend(_aligned([header, *rows], right={3}))
        notes = [
            f"  * {_security_text(h.key)}, {_holding_text(h.key)}: {h.shares} after "
            + "; ".join(h.adjusted)
            for h in items
            if h.adjusted
        ]
        lines.extend(notes)
    return "\n".join(lines) + "\n"


def _aligned(rows: Iterable[tuple[str, ...]], right: set[int]) -> list[str]:
    """Rows as columns, two spaces apart, indented; numbers aligned to the right."""
    table = list(rows)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    out = []
    for row in table:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.append(("  " + "  ".join(cells)).rstrip())
    return out


# --- discontinuities ------------------------------------------------------------------------------


def _figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "source": str(figure.source),
        "form": figure.form,
        "filed": figure.filed.isoformat() if figure.filed else None,
        "row": f"{figure.row.table}.{figure.row.number}",
        "figure": figure.figure,
        "as_of": figure.as_of.isoformat(),
        "transaction_code": figure.row.code,
        "shares": _plain(figure.row.shares) if figure.row.shares is not None else None,
        "acquired_disposed": figure.row.acquired_disposed,
    }


def _plain(amount: Any) -> str:
    from generator.book.holdings import plain_number

    return plain_number(amount)


def discontinuity_json(found: Discontinuity, names: _Names) -> dict[str, Any]:
    """One discontinuity as ``holdings --check --format json`` writes it."""
    return {
        **_key_fields(found.key, names),
        "previous": _figure_json(found.previous),
        "current": _figure_json(found.current),
        "expected": _plain(found.expected),
        "reported": found.current.figure,
        "difference": _plain(found.difference),
        "between": list(found.between),
        "causes": [
            {
                "kind": cause.kind,
                "text": cause.text,
                "source": str(cause.source) if cause.source else None,
                "row": f"{cause.row.table}.{cause.row.number}" if cause.row else None,
            }
            for cause in found.causes
        ],
        "message": found.sentence(),
    }


_CHECK_COLUMNS = (
    "owner_cik", "issuer_cik", "table", "security", "ownership", "nature", "exercise_price",
    "expiration", "previous_source", "previous_row", "previous_figure", "source", "row",
    "reported", "expected", "difference", "cause", "message",
)  # fmt: skip


def _write_discontinuities(found: list[Discontinuity], names: _Names, output_format: str) -> None:
    if output_format == "json":
        json.dump([discontinuity_json(d, names) for d in found], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    if output_format == "csv":
        writer = csv.DictWriter(
            sys.stdout, _CHECK_COLUMNS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for item in found:
            data = discontinuity_json(item, names)
            previous, current = data["previous"] or {}, data["current"]
            data.update(
                previous_source=previous.get("source", ""),
                previous_row=previous.get("row", ""),
                previous_figure=previous.get("figure", ""),
                source=current["source"],
                row=current["row"],
                cause="; ".join(c["kind"] for c in data["causes"]),
            )
            writer.writerow(data)
        return
    sys.stdout.write(_discontinuities_text(found))


def _discontinuities_text(found: list[Discontinuity]) -> str:
    if not found:
        return "No discontinuities: every figure continues from the figures before it.\n"
    # A joint filing's figure is every owner's: said once, with the owners named.
    merged: dict[tuple[object, ...], list[Discontinuity]] = {}
    for item in found:
        current, previous = item.current, item.previous
        same = (
            item.key.holding,
            current.source,
            current.row.table,
            current.row.number,
            previous.source if previous else None,
            previous.row.number if previous else None,
            item.difference,
        )
        merged.setdefault(same, []).append(item)
    lines: list[str] = []
    for items in merged.values():
        lines.extend(_discontinuity_text(items))
        lines.append("")
    count = len(merged)
    lines.append(
        f"{count} discontinuit{'y' if count == 1 else 'ies'} "
        f"({len(found)} counting each owner of a joint filing)."
        if count != len(found)
        else f"{count} discontinuit{'y' if count == 1 else 'ies'}."
    )
    return "\n".join(lines) + "\n"


def _discontinuity_text(items: list[Discontinuity]) -> list[str]:
    """One discontinuity (of each owner of a joint filing) as lines a person reads."""
    from generator.book.holdings import number_text

    first = items[0]
    current, previous = first.current, first.previous
    owners = ", ".join(_cik(d.key.owner_cik) for d in items)
    label = "owner" if len(items) == 1 else "owners"
    row = current.row
    lines = [
        f"{current.source} row {row.table}.{row.number} ({label} {owners})",
        f"  {first.key.describe()}",
    ]
    if previous is None:
        lines.append("  before:   none (0 assumed)")
    else:
        lines.append(
            f"  before:   {number_text(previous.figure)} on {previous.as_of}, "
            f"{previous.source.name} row {previous.row.table}.{previous.row.number}"
        )
    for step in first.between:
        lines.append(f"  then:     {step}")
    moved = ""
    if current.form.removesuffix("/A") == "5":
        moved = "at the end of the fiscal year, "
    elif row.transaction and row.shares is not None:
        verb = {"A": "acquires", "D": "disposes of"}.get(row.acquired_disposed, "moves")
        moved = f"{verb} {number_text(row.shares)}{f' ({row.code})' if row.code else ''}, "
    lines.append(
        f"  this row: {moved}gives {number_text(current.figure)} on {current.as_of}; "
        f"expected {number_text(first.expected)}, a difference of "
        f"{'+' if first.difference > 0 else '-'}{number_text(abs(first.difference))}"
    )
    for cause in first.causes:
        lines.append(f"  likely cause ({cause.kind}): {cause.text}")
    if not first.causes:
        lines.append("  likely cause: not recognised; compare the two filings")
    return lines
