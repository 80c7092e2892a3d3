"""The book's last figure of one holding: what a new row's "owned following" continues from.

``sec16 new --book`` proposes it to the filer and ``sec16 draft-from --book`` computes each row
from it; both ask here, with the row as the book shapes one (``BookRow``). The holdings of an
owner in an issuer as of a day are rolled forward once and kept: a batch asks for the same
owner and day row after row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.book.holdings import Holding, HoldingKey, holding_key, holdings
from generator.book.sources import Book, BookRow


@dataclass(frozen=True)
class Held:
    """The book's last figure of a holding: the amount, the file that reported it (as a filer
    finds it, from the book's folder) and the day it is as of."""

    amount: Decimal
    source: str
    on: date | None
    holding: Holding


class LastFigures:
    """The book's figure of each holding, by owner, issuer and day (each computed once)."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.cache: dict[tuple[int, int, date | None], dict[HoldingKey, Holding]] = {}

    def figures(self, owner: int, issuer: int, on: date | None) -> dict[HoldingKey, Holding]:
        """The holdings (by number of shares, not value) of ``owner`` in ``issuer`` at the end
        of ``on`` (None: after everything the book holds)."""
        key = (owner, issuer, on)
        if key not in self.cache:
            found = holdings(self.book, owner=str(owner), issuer=str(issuer), as_of=on)
            self.cache[key] = {h.key: h for h in found if not h.value}
        return self.cache[key]

    def find(self, owners: list[str], issuer: str, row: BookRow) -> Held | None:
        """The last figure of the holding ``row`` is of (its date: the day it is as of), for the
        first of ``owners`` (CIKs) the book has it for; None when the book does not hold it."""
        if not issuer.strip().isdigit():
            return None
        for owner in owners:
            if not owner.strip().isdigit():
                continue
            figures = self.figures(int(owner), int(issuer), row.date)
            holding = figures.get(holding_key(owner, issuer, row))
            if holding is None:
                # Rows the book tells apart by their footnotes: the one holding of its kind.
                alike = [h for k, h in figures.items() if _alike(k, row, owner, issuer)]
                holding = alike[0] if len(alike) == 1 else None
            amount = number(holding.shares) if holding is not None else None
            if holding is not None and amount is not None:
                source = shown_in_book(holding.source, self.book.folders)
                return Held(amount, source, holding.as_of, holding)
        return None


def _alike(key: HoldingKey, row: BookRow, owner: str, issuer: str) -> bool:
    """A holding the row is, but for the holder the book names from its footnotes."""
    return bool(key.holder) and holding_key(owner, issuer, replace(row, holder=key.holder)) == key


def number(text: str | None) -> Decimal | None:
    """A figure of the book as a number (None when it is not one)."""
    try:
        found = Decimal((text or "").replace(",", ""))
    except InvalidOperation:
        return None
    return found if found.is_finite() else None


def shown_in_book(path: Path, folders: tuple[Path, ...] | list[Path]) -> str:
    """A file of the book as a filer finds it: from the book's folder."""
    for folder in folders:
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            continue
    return str(path)
