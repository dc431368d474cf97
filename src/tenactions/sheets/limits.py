"""Bounded work for any import file: the limits, and the cheap checks that enforce them.

A spreadsheet is a zip of XML that can unpack to far more than its size says (an 830 KB xlsx
can hold millions of shared strings), and a reader builds each sheet as a dense grid of
rows x columns (one cell at A1 and one at XFD1048576 is seventeen billion cells). These checks
run before any reader touches the file, streaming the zip in 1 MB pieces, so a hostile file
is refused in seconds with little memory, with a message naming the limit. They know nothing
of the reader that comes after them (openpyxl, calamine, ...).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tenactions.messages import Msg
from tenactions.sheets.sources import Unreadable

#: What a workbook may unpack to, all its parts together (honest workbooks of a million rows
#: unpack to about 250 MB).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: Distinct strings in a workbook's shared-string table.
MAX_SHARED_STRINGS = 2_000_000
#: Cells of one sheet's grid, rows x columns as its cells span them (a million rows of eight
#: columns fit).
MAX_GRID_CELLS = 8_500_000
#: Rows of a sheet and columns of a sheet or a CSV row (Excel's own limits).
MAX_ROWS = 1_048_576
#: Lines of a CSV file, blank and skipped ones included (twice a million-row export), and its
#: size: counted before any row is parsed.
MAX_CSV_LINES = 2_000_000
MAX_CSV_BYTES = 1024 * 1024 * 1024
MAX_COLUMNS = 16_384
#: Characters in one cell (Excel's own limit is 32,767).
MAX_CELL_CHARS = 32_767
#: The size of an .xls (binary) workbook, which cannot be inspected before it is read.
MAX_XLS_BYTES = 100 * 1024 * 1024

_CHUNK = 1 << 20
# Excel, WPS and LibreOffice write the reference first: <row r="12" ...>, <c r="AB12" ...>.
_ROW_NUMBER = re.compile(rb'<row r="(\d{1,10})"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})\d')


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_workbook(path: Path, shown: str) -> None:
    """Refuse a workbook that would take more than the limits to read (before reading it)."""
    if path.suffix.lower() == ".xls" or not zipfile.is_zipfile(path):
        size = path.stat().st_size
        if size > MAX_XLS_BYTES:
            raise Unreadable(
                Msg("workbook_too_big", file=shown, size=_mb(size), limit=_mb(MAX_XLS_BYTES))
            )
        return
    try:
        with zipfile.ZipFile(path) as book:
            members = book.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise Unreadable(
                    Msg(
                        "workbook_unpacks_big",
                        file=shown,
                        size=_mb(unpacked),
                        limit=_mb(MAX_UNPACKED_BYTES),
                    )
                )
            for member in members:
                name = member.filename.lower()
                if name.endswith("sharedstrings.xml"):
                    _check_shared_strings(book, member, shown)
                elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet_grid(book, member, shown)
    # zipfile raises RuntimeError for an encrypted member and NotImplementedError for a
    # compression method it does not know: both are the reader's to report, not a limit.
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return  # the reader reports a damaged or encrypted file in its own words


def _check_shared_strings(book: zipfile.ZipFile, member: zipfile.ZipInfo, shown: str) -> None:
    count = 0
    tail = b""
    with book.open(member) as f:
        while chunk := f.read(_CHUNK):
            data = tail + chunk
            # Count each <si> or <si/> once: pieces overlap by a few bytes, counted by end.
            count += data.count(b"<si>") + data.count(b"<si/>") + data.count(b"<si ")
            count -= tail.count(b"<si>") + tail.count(b"<si/>") + tail.count(b"<si ")
            tail = data[-8:]
            if count > MAX_SHARED_STRINGS:
                raise Unreadable(Msg("workbook_strings", file=shown, limit=MAX_SHARED_STRINGS))


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_sheet_grid(book: zipfile.ZipFile, member: zipfile.ZipInfo, shown: str) -> None:
    """The rows and columns a sheet's cells span (a reader builds the whole grid)."""
    rows = columns = 0
    tail = b""
    sheet = member.filename.rsplit("/", 1)[-1].removesuffix(".xml")
    with book.open(member) as f:
        while chunk := f.read(_CHUNK):
            data = tail + chunk
            for match in _ROW_NUMBER.finditer(data):
                rows = max(rows, int(match[1]))
            letters = set(_CELL_COLUMN.findall(data))  # a handful of distinct columns
            columns = max(columns, max(map(_column_number, letters), default=0))
            tail = data[-200:]
            if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_GRID_CELLS:
                _too_big(shown, sheet, rows, columns)
    return


def _too_big(shown: str, sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise Unreadable(Msg("sheet_rows", file=shown, sheet=sheet, n=rows, limit=MAX_ROWS))
    if columns > MAX_COLUMNS:
        raise Unreadable(
            Msg("sheet_columns", file=shown, sheet=sheet, n=columns, limit=MAX_COLUMNS)
        )
    raise Unreadable(
        Msg(
            "sheet_cells",
            file=shown,
            sheet=sheet,
            rows=rows,
            columns=columns,
            limit=MAX_GRID_CELLS,
        )
    )


def check_csv_row(shown: str, rownum: int, row: list[str]) -> None:
    """Refuse a CSV row wider than the limit (its cells' length is the csv module's limit)."""
    if len(row) > MAX_COLUMNS:
        raise Unreadable(Msg("row_columns", file=shown, row=rownum, n=len(row), limit=MAX_COLUMNS))
