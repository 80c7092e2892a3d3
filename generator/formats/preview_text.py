"""The plain-text layout of a preview: the terminal view of ``sec16 preview --text``.

The same content as the HTML page, from the same view (``preview.preview_view``), in the order
of the paper form: heading boxes, Table I, Table II, reporting owners, explanation of
responses, remarks, signatures. Tables are aligned columns no wider than the width given
(120 by default): headings wrap first, then titles and natures; numbers, dates and codes never
break. A table too wide even then is printed in parts that repeat the row number.
"""

from __future__ import annotations

import textwrap

from generator.formats.preview import TEXT_WIDTH, Box, Check, Owner, Preview, Table, preview_view
from generator.model.filing import Filing

_GAP = "  "


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 1), break_long_words=True, break_on_hyphens=False) or [""]


def _paragraph(text: str, width: int, lead: str = "", indent: str | None = None) -> list[str]:
    rest = " " * len(lead) if indent is None else indent
    return textwrap.wrap(
        text, width, initial_indent=lead, subsequent_indent=rest, break_on_hyphens=False
    ) or [lead.rstrip()]


def _fit(
    headers: list[str], rows: list[list[str]], wraps: list[bool], width: int, gap: str = _GAP
) -> list[int] | None:
    """Column widths that fit ``width``, or None when even the narrowest layout is too wide.

    Headings give way first (they wrap between words), then the text columns (titles, natures)
    down to 12 characters, then down to their longest word; numbers, dates and codes never wrap.
    """
    count = len(headers)

    def longest_word(texts: list[str]) -> int:
        return max((len(w) for text in texts for w in text.split()), default=1)

    cells = [max((len(r[i]) for r in rows), default=0) for i in range(count)]
    heading = [longest_word([headers[i]]) for i in range(count)]
    words = [max(heading[i], longest_word([r[i] for r in rows])) for i in range(count)]
    keep_whole = [max(cells[i], heading[i]) for i in range(count)]
    phases = (
        keep_whole,
        [max(heading[i], min(cells[i], max(12, words[i]))) if wraps[i] else keep_whole[i]
         for i in range(count)],
        [words[i] if wraps[i] else keep_whole[i] for i in range(count)],
    )  # fmt: skip
    widths = [max(len(headers[i]), cells[i]) for i in range(count)]
    room = width - len(gap) * (count - 1)
    for floors in phases:
        while sum(widths) > room:
            movable = [i for i in range(count) if widths[i] > floors[i]]
            if not movable:
                break
            widest = max(movable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths if sum(widths) <= room else None


def _grid(
    headers: list[str], rows: list[list[str]], widths: list[int], gap: str = _GAP
) -> list[str]:
    lines = []
    for number, values in enumerate([headers, *rows]):
        wrapped = [_wrap(values[i], widths[i]) for i in range(len(widths))]
        for depth in range(max(len(w) for w in wrapped)):
            parts = [
                (wrapped[i][depth] if depth < len(wrapped[i]) else "").ljust(widths[i])
                for i in range(len(widths))
            ]
            lines.append(gap.join(parts).rstrip())
        if number == 0:
            lines.append(gap.join("-" * w for w in widths))
    return lines


def text_table(table: Table, width: int = TEXT_WIDTH) -> list[str]:
    """A table as aligned text no wider than ``width``; empty columns are left out.

    Columns are two spaces apart, one when that makes the table fit. When the columns cannot
    fit side by side even then, the table is printed in parts, each led by the row number (#).
    """
    if not table.rows:
        return ["(none)"]
    keep = [i for i, _ in enumerate(table.columns) if i == 0 or any(r[i].plain for r in table.rows)]
    headers = [table.columns[i].short for i in keep]
    rows = [[row[i].plain for i in keep] for row in table.rows]
    wraps = [table.columns[i].kind == "text" for i in keep]
    for gap in (_GAP, " "):
        widths = _fit(headers, rows, wraps, width, gap)
        if widths is not None:
            return _grid(headers, rows, widths, gap)
    numbers = [str(n) for n in range(1, len(rows) + 1)]
    lines: list[str] = []
    start = 0
    while start < len(headers):
        end = len(headers)
        while True:
            part_headers = ["#", *headers[start:end]]
            part_rows = [[n, *r[start:end]] for n, r in zip(numbers, rows, strict=True)]
            part_wraps = [False, *wraps[start:end]]
            widths = _fit(part_headers, part_rows, part_wraps, width)
            if widths is not None or end == start + 1:
                break
            end -= 1
        if widths is None:  # one column wider than the screen: let it wrap anywhere
            first = max(len(n) for n in numbers)
            widths = [first, max(width - first - len(_GAP), 1)]
        if lines:
            lines.append("")
        lines += _grid(part_headers, part_rows, widths)
        start = end
    return lines


def _check(check: Check) -> str:
    return f"[{'X' if check.checked else ' '}] {check.label}"


def _box_text(box: Box, width: int) -> list[str]:
    head = f"{box.number} {box.caption}" + (f" {box.note}" if box.note else "")
    lines = _paragraph(head, width)
    if box.checks:
        lines += _paragraph("   ".join(_check(c) for c in box.checks), width, "   ")
    for fields in box.lines:
        text = "  ".join(f.text for f in fields if f.text)
        if text:
            lines += _paragraph(text, width, "   ")
    return lines


def _relationships(owner: Owner) -> str:
    found = [
        label
        for label, mark in (("Director", owner.director), ("10% Owner", owner.ten_percent_owner))
        if mark
    ]
    for label, text in (("Officer", owner.officer), ("Other", owner.other)):
        if text:
            found.append(label if text == "X" else f"{label}: {text}")
    return ", ".join(found) or "none checked"


def render_text(view: Preview, width: int = TEXT_WIDTH) -> str:
    """The text layout of a computed view."""
    amendment = " (amendment)" if view.amendment else ""
    lines = [
        f"{view.form_name}{amendment}",
        *_paragraph(
            "UNITED STATES SECURITIES AND EXCHANGE COMMISSION, Washington, D.C. 20549", width
        ),
        *_paragraph(view.title, width),
        *_paragraph(
            f"OMB APPROVAL: OMB Number {view.omb_number}; estimated average burden hours per "
            f"response {view.burden_hours}",
            width,
        ),
        *_paragraph(view.filed_under, width),
        "",
    ]
    for check in view.top_checks:
        lines += _paragraph(_check(check), width, "", "    ")
    if view.top_checks:
        lines.append("")
    for box in view.boxes:
        lines += _box_text(box, width)
    for table in (view.table_1, view.table_2):
        lines += ["", *_paragraph(table.title, width)]
        if table.subtitle:
            lines += _paragraph(table.subtitle, width)
        lines += text_table(table, width)
    if view.no_securities_owned:
        lines += ["", *_paragraph("No securities are beneficially owned.", width)]
    lines += ["", "Reporting Owners"]
    for number, owner in enumerate(view.owners, 1):
        lead = f"{number}. ".ljust(4)
        lines += _paragraph(f"{owner.name.text} (CIK {owner.cik})", width, lead)
        if owner.address:
            lines += _paragraph("; ".join(owner.address), width, " " * len(lead))
        lines += _paragraph(f"Relationships: {_relationships(owner)}", width, " " * len(lead))
    lines += ["", "Explanation of Responses:"]
    for footnote in view.footnotes:
        lead = f"{footnote.label} ".ljust(5)
        for number, text in enumerate(footnote.lines):
            lines += _paragraph(text, width, lead if number == 0 else " " * len(lead))
    if view.remarks:
        lines += ["", "Remarks:"]
        for text in view.remarks:
            lines += _paragraph(text, width)
    lines += ["", *_paragraph("Signatures (** Signature of Reporting Person, Date):", width)]
    for signature in view.signatures:
        lines += _paragraph(f"{signature.name}    {signature.date}", width, "  ", "    ")
    lines += ["", *_paragraph(view.reminder, width)]
    for note in view.closing_notes:
        lines += _paragraph(note, width)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def text_view(
    filing: Filing,
    width: int = TEXT_WIDTH,
    *,
    source: str = "",
) -> str:
    """The filing as plain aligned text in the order of the paper form, at most ``width`` wide."""
    return render_text(preview_view(filing, source=source), width)
