"""Reading a ``sec16 draft-from`` table: CSV (the standard library), XLSX (openpyxl) or YAML.

Each format gives the same thing: for each row, its cells by column name and where it is (the
spreadsheet's row number, or the YAML item and its line), read by ``events.read_event``. A
header that names no column stops the reading (a misspelt column would otherwise be dropped
without a word), as does a file that is not a table at all; a bad value is the row's problem,
kept with its row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.batch.events import BY_NAME, Event, RowProblem, Where, column_name, read_event
from generator.support.errors import InputError

#: Never more than this many rows: a table of a day's filings has hundreds, not millions.
MAX_ROWS = 100_000


@dataclass
class Table:
    """A table read: the events of its good rows and the problems of the others."""

    path: Path
    events: list[Event] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_table(path: Path) -> Table:
    """Every row of the table at ``path``; InputError when it is not a table sec16 reads."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    else:
        raise InputError(
            f"{path}: sec16 draft-from reads a table as .csv, .xlsx or .yaml; save it as one of "
            "those (a spreadsheet: File > Save As > Excel Workbook or CSV UTF-8)"
        )
    table = Table(path)
    for number, (cells, where) in enumerate(rows):
        if number >= MAX_ROWS:
            raise InputError(f"{path}: more than {MAX_ROWS:,} rows; split the table")
        found = read_event(cells, where)
        if isinstance(found, Event):
            table.events.append(found)
        else:
            table.problems.extend(found)
    if not table.events and not table.problems:
        raise InputError(f"{path}: the table has a header but no row; add a row per event")
    return table


def _columns(headers: list[Any], path: Path, where: str) -> list[str | None]:
    """Each header's column (None for an empty header of an empty column); InputError for a
    header that names none, or a column given twice."""
    names: list[str | None] = []
    for number, header in enumerate(headers, 1):
        text = " ".join(str(header).split()) if header is not None else ""
        if not text:
            names.append(None)
            continue
        name = column_name(text)
        if name is None:
            known = ", ".join(BY_NAME)
            raise InputError(
                f"{path}: {where}, column {number}: {text!r} is not a column sec16 knows; "
                f"rename it to one of: {known} (docs/batch.md says what each holds)"
            )
        if name in names:
            raise InputError(f"{path}: {where}: column {name} is given twice; keep one")
        names.append(name)
    if not any(names):
        raise InputError(f"{path}: {where} holds no column names; the first row is the header")
    return names


def _cells(names: list[str | None], values: list[Any]) -> dict[str, object]:
    return {
        name: value
        for name, value in zip(names, values, strict=False)
        if name is not None and value not in (None, "")
    }


def _csv_rows(path: Path) -> Iterator[tuple[Mapping[str, object], Where]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: the file is not UTF-8 text; save it as CSV UTF-8 (Excel: File > Save As > "
            "CSV UTF-8)"
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}: the file is empty; the first row names the columns")
        names = _columns(header, path, "row 1")
        # Counted by records, not lines: a quoted cell over several lines is one row, as a
        # spreadsheet shows the file (csv.reader gives a blank line as an empty record).
        for number, values in enumerate(reader, 2):
            if not any(v.strip() for v in values):
                continue
            where = Where(str(path), f"row {number}")
            if len(values) > len(names) and any(v.strip() for v in values[len(names) :]):
                raise InputError(
                    f"{where.at()}: the row has {len(values)} cells and the header "
                    f"{len(names)}; check the separators (a comma inside a value needs quotes)"
                )
            yield _cells(names, values), where
    except csv.Error as err:
        raise InputError(f"{path}: row {reader.line_num}: not CSV: {err}") from None


def _xlsx_rows(path: Path) -> Iterator[tuple[Mapping[str, object], Where]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(
            f"{path}: not an Excel workbook sec16 can read ({err}); save it as .xlsx"
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(f"{path}: the first sheet is empty; row 1 names the columns")
        names = _columns(list(header), path, f"sheet {sheet.title!r}, row 1")
        for number, values in enumerate(rows, 2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            where = Where(str(path), f"sheet {sheet.title!r}, row {number}")
            beyond = [v for v in values[len(names) :] if v is not None and str(v).strip()]
            if beyond:
                raise InputError(
                    f"{where.at()}: a cell right of the last column ({beyond[0]!r}) has no "
                    "header; name its column in row 1, or delete it"
                )
            yield _cells(names, list(values)), where
    finally:
        book.close()


def _yaml_rows(path: Path) -> Iterator[tuple[Mapping[str, object], Where]]:
    """A YAML table: a list of events, or ``{defaults: {...}, events: [...]}`` where each event
    takes the defaults' columns it does not give itself."""
    data, lines = _parse_yaml(path)
    defaults: Mapping[str, Any] = {}
    prefix: tuple[str, ...] = ()
    if isinstance(data, dict):
        unknown = [k for k in data if k not in ("defaults", "events")]
        if unknown or not isinstance(data.get("events"), list):
            raise InputError(
                f"{path}: a YAML table is a list of events, or a mapping of defaults: and "
                f"events: (a list); {'found ' + repr(unknown[0]) if unknown else 'no events list'}"
            )
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, dict):
            raise InputError(f"{path}: defaults: is a mapping of column: value")
        _check_keys(defaults, path, "defaults")
        data, prefix = data["events"], ("events",)
    if not isinstance(data, list):
        raise InputError(f"{path}: a YAML table is a list of events (- owner_cik: …)")
    for index, item in enumerate(data):
        line = lines.get((*prefix, index))
        label = f"event {index + 1}" + (f" (line {line})" if line else "")
        if not isinstance(item, dict):
            raise InputError(f"{path}: {label}: an event is a mapping of column: value")
        _check_keys(item, path, label)
        merged = {column_name(k): v for k, v in defaults.items()}
        merged.update({column_name(k): v for k, v in item.items()})
        yield {str(k): v for k, v in merged.items() if v not in (None, "")}, Where(str(path), label)


def _parse_yaml(path: Path) -> tuple[Any, dict[Any, int]]:
    """The data and key-path lines of a YAML table, read by the draft loader (its limits, its
    sentences), a list of events allowed at its top."""
    from generator.formats.draft import parse_yaml_file
    from generator.support.errors import DraftError

    try:
        return parse_yaml_file(path, table=True)
    except DraftError as err:
        raise InputError(str(err)) from None


def _check_keys(item: Mapping[Any, Any], path: Path, label: str) -> None:
    for key in item:
        if column_name(key) is None:
            raise InputError(
                f"{path}: {label}: {key!r} is not a column sec16 knows; use one of: "
                f"{', '.join(BY_NAME)} (docs/batch.md)"
            )
