"""A filing as plain aligned text: the review screen of the guided session.

``review_text`` is the text view of ``sec16 preview --text`` (``generator.formats.preview_text``):
laid
out like the paper form and never wider than the terminal width it is given (120 columns by
default). ``table``, ``cell`` and ``money`` remain as small helpers for plain-text tables.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from generator.model.filing import Filing, Noted
from generator.model.values import format_decimal, us_date

WIDTH = 120
_GAP = "  "


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        whole, _, fraction = format_decimal(value).partition(".")
        return f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    if isinstance(value, date):
        return us_date(value)
    return str(getattr(value, "value", value))


def money(item: Noted[Any] | None) -> str:
    """A price as on the paper form: $12.50 (at least two decimals), footnotes after it."""
    if item is None:
        return ""
    if item.value is None:
        return cell(item)
    text = _plain(item.value)
    whole, _, fraction = text.partition(".")
    text = f"${whole}.{fraction.ljust(2, '0')}"
    return f"{text} [{','.join(item.footnotes)}]" if item.footnotes else text


def cell(item: Noted[Any] | Any | None) -> str:
    """A value as the review shows it, its footnotes after it: ``12.50 [F1]``, ``[F1]``."""
    if item is None:
        return ""
    if not isinstance(item, Noted):
        return _plain(item)
    text = _plain(item.value)
    if item.footnotes:
        notes = "[" + ",".join(item.footnotes) + "]"
        text = f"{text} {notes}" if text else notes
    return text


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int = WIDTH,
    text: Sequence[int] = (),
) -> list[str]:
    """Aligned columns that fit ``width``; columns with no value in any row are left out.

    The ``text`` columns (titles, natures) give way first and wrap between words; the others
    (dates, numbers, codes) keep their longest word whole.
    """
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in rows)]
    headers = [headers[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    text = [keep.index(i) for i in text if i in keep]
    columns = len(headers)

    def longest_word(i: int) -> int:
        words = [w for value in [headers[i], *(r[i] for r in rows)] for w in value.split()]
        return max((len(w) for w in words), default=1)

    widths = [max([len(headers[i]), *(len(row[i]) for row in rows)]) for i in range(columns)]
    words = [longest_word(i) for i in range(columns)]
    room = width - len(_GAP) * (columns - 1)
    # Titles give way down to 16 characters, then the other columns down to their longest word,
    # then titles down to 8.
    others = [i for i in range(columns) if i not in text]
    for group, floors in (
        (text, [max(16, words[i]) for i in range(columns)]),
        (others, words),
        (text, [8] * columns),
    ):
        while sum(widths) > room:
            movable = [i for i in group if widths[i] > min(floors[i], widths[i])]
            if not movable:
                break
            widest = max(movable, key=lambda i: widths[i])
            widths[widest] -= 1
    lines = []
    for number, values in enumerate([list(headers), *[list(r) for r in rows]]):
        wrapped = [_wrap(values[i], widths[i]) for i in range(columns)]
        for depth in range(max(len(w) for w in wrapped)):
            parts = [
                (wrapped[i][depth] if depth < len(wrapped[i]) else "").ljust(widths[i])
                for i in range(columns)
            ]
            lines.append(_GAP.join(parts).rstrip())
        if number == 0:
            lines.append(_GAP.join("-" * w for w in widths))
    return lines


def review_text(filing: Filing, width: int = WIDTH) -> str:
    """The whole filing as the review screen shows it: the text view of ``sec16 preview``.

    Laid out like the paper form (boxes, Table I, Table II, owners, footnotes, remarks,
    signatures), with values as the SEC shows them; see ``generator.formats.preview_text``.
    """
    from generator.formats.preview_text import text_view

    return text_view(filing, width)
