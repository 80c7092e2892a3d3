""" "What happened?": the plain-English answers and the transaction coding each stands for.

One table for every reader of plain words: the guided session offers its titles as the choices
of "What happened?", and ``sec16 draft-from`` reads a table's "what happened" column with
``read_happening`` (a code, one of these titles, or the words filers use, from
``codes.TRANSACTION_CODE_KEYWORDS``). Nothing here asks a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.model.codes import (
    ACQUIRED_DISPOSED_KEYWORDS,
    TRANSACTION_CODE_KEYWORDS,
    TransactionCode,
)


@dataclass(frozen=True)
class Happening:
    """A plain-English answer to "What happened?" and the coding it stands for."""

    title: str
    code: str
    direction: str


HAPPENINGS: dict[str, tuple[Happening, ...]] = {
    "table_1": (
        Happening("Bought shares on the market or privately (P, acquired)", "P", "A"),
        Happening("Sold shares on the market or privately (S, disposed of)", "S", "D"),
        Happening("Received a grant or award from the company (A, acquired)", "A", "A"),
        Happening(
            "Shares withheld or delivered to pay tax or an exercise price (F, disposed of)",
            "F",
            "D",
        ),
        Happening("Gave shares as a gift (G, disposed of)", "G", "D"),
        Happening("Received shares as a gift (G, acquired)", "G", "A"),
        Happening(
            "Received shares by exercising or converting a derivative, e.g. options or RSUs "
            "(M, acquired)",
            "M",
            "A",
        ),
        Happening("Received shares on conversion of a derivative security (C, acquired)", "C", "A"),
        Happening("Sold or returned shares to the company (D, disposed of)", "D", "D"),
    ),
    "table_2": (
        Happening("Bought it on the market or privately (P, acquired)", "P", "A"),
        Happening("Sold it on the market or privately (S, disposed of)", "S", "D"),
        Happening("Received a grant or award, e.g. options or RSUs (A, acquired)", "A", "A"),
        Happening(
            "Withheld or delivered to pay tax or an exercise price (F, disposed of)", "F", "D"
        ),
        Happening("Gave it as a gift (G, disposed of)", "G", "D"),
        Happening("Received it as a gift (G, acquired)", "G", "A"),
        Happening(
            "Exercised or converted it, e.g. options exercised or RSUs settled (M, disposed of)",
            "M",
            "D",
        ),
        Happening("Converted it: conversion of a derivative security (C, disposed of)", "C", "D"),
        Happening("Returned it to the company, e.g. cancelled (D, disposed of)", "D", "D"),
    ),
}

#: Codes of exercise and conversion, whose derivative row has a matching row of shares.
EXERCISE_CODES = ("M", "C", "X", "O")


@dataclass(frozen=True)
class Read:
    """What a filer's words for "what happened" say: the code, and the direction when the
    words say it ("sold": disposed of; "gift received": acquired), else None."""

    code: str
    direction: str | None


@lru_cache(maxsize=1024)  # a table repeats the same few words on every row
def read_happening(text: str, table: str = "table_1") -> Read:
    """The coding of a "what happened" answer: a transaction code ("S"), a title of the
    session's list, or plain words ("sold", "grant", "gift received", "tax withholding").

    Raises ValueError with the sentence a filer reads: what was not understood, or which codes
    the words could mean (a word of several codes, "exercise": M, O or X, picks none alone).
    """
    typed = " ".join(text.split())
    if not typed:
        raise ValueError(
            "is empty: give the transaction code (S, P, A, F, G, M…) or what happened in plain "
            "words (sold, bought, grant, gift, exercise, tax withholding…)"
        )
    if typed.upper() in _CODES:
        return Read(typed.upper(), None)
    folded = typed.casefold()
    for happening in HAPPENINGS.get(table, ()):
        if happening.title.casefold() == folded:
            return Read(happening.code, happening.direction)
    folded = folded.replace("-", " ")  # "in-the-money" says "in the money"
    found = [str(code) for code, words in TRANSACTION_CODE_KEYWORDS.items() if _says(folded, words)]
    if not found:
        raise ValueError(
            f"{typed!r} is neither a transaction code nor words sec16 knows for one (sold, "
            "bought, grant, award, gift, exercise, conversion, tax withholding, returned to the "
            "company…): give the code (S, P, A, F, G, M…)"
        )
    if len(found) > 1:
        # The most specific words decide: "out of the money exercise" is O, not M or X.
        longest = {code: _longest(folded, TRANSACTION_CODE_KEYWORDS[code]) for code in found}
        best = max(longest.values())
        if sum(size == best for size in longest.values()) == 1:
            found = [code for code, size in longest.items() if size == best]
    if len(found) > 1:
        listed = ", ".join(found[:-1]) + " or " + found[-1]
        raise ValueError(
            f"{typed!r} may mean code {listed}: give the code itself "
            f"({'; '.join(f'{code}: {_MEANING[code]}' for code in found)})"
        )
    directions = [d for d, words in ACQUIRED_DISPOSED_KEYWORDS.items() if _says(folded, words)]
    return Read(found[0], str(directions[0]) if len(directions) == 1 else None)


_CODES = frozenset(str(code.value) for code in TransactionCode)
_MEANING = {
    "A": "grant or award", "C": "conversion", "D": "disposition to the issuer",
    "E": "expiration of a short position", "F": "withheld for tax or the exercise price",
    "G": "gift", "H": "expiration or cancellation of a long position", "I": "discretionary",
    "J": "other (explained in a footnote)", "L": "small acquisition",
    "M": "exercise or conversion exempt under Rule 16b-3", "O": "out-of-the-money exercise",
    "P": "purchase", "S": "sale", "U": "tender in a change of control",
    "W": "will or inheritance", "X": "in-the-money exercise", "Z": "voting trust",
}  # fmt: skip


def _longest(folded: str, words: tuple[str, ...]) -> int:
    """The length of the longest of ``words`` the (casefolded) words hold (0: none)."""
    return max((len(word) for word in words if _word(word).search(folded)), default=0)


def _says(folded: str, words: tuple[str, ...]) -> bool:
    """Do the (casefolded) words hold one of ``words`` as a whole word or phrase?"""
    return any(_word(word).search(folded) for word in words)


@lru_cache(maxsize=512)
def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word.casefold())}(?!\w)")
