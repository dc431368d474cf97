"""The kinds of import file, each read as tables of numbered rows of cell values.

:class:`CsvSource` detects UTF-8 (with or without BOM) or GBK/GB18030 as saved by Excel and WPS
on Chinese Windows, and counts lines for a progress estimate in the same pass; it streams, so a
million-row file is never held in memory. :class:`WorkbookSource` reads the visible sheets of
.xlsx, .xlsm, .xls and .ods workbooks with python-calamine (imported only when a workbook is
read), formula cells as their saved values. A file that cannot be read on raises
:class:`Unreadable` with the line to show.
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tenactions.errors import os_reason
from tenactions.files import shown_path
from tenactions.messages import Msg, Text

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

Rows = Generator[tuple[int, Sequence[object]], None, None]
"""(row number as the spreadsheet shows it, cell values)"""


#: What spreadsheets show in a cell whose formula failed; never a real target, amount or date.
CELL_ERRORS = frozenset(
    ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA")
)


class FilledRow(list[object]):
    """A row some of whose cells were filled in from a merge over several rows.

    :attr:`own` keeps the cells as the row itself holds them (a merge's value is in its top
    row only), so that a total row inside a merged block is still seen as one, and a reader
    can decide which merged columns may take the value down (labels) and which may not.
    """

    def __init__(self, own: Sequence[object]) -> None:
        super().__init__(own)
        self.own: Sequence[object] = own
        #: column -> (first row, last row) of the merge over rows that covers it
        self.spans: dict[int, tuple[int, int]] = {}


class Unreadable(Exception):
    """The file cannot be read on (from a given row); ``line`` says why."""

    def __init__(self, line: Text) -> None:
        super().__init__(str(line))
        self.line = line


class CsvSource:
    """A CSV file's rows, decoded as UTF-8 if the whole file is, else as GB18030."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = shown_path(path)
        self.estimated_rows: int | None = None
        self.hidden: list[str] = []
        self.summaries: list[str] = []
        self._first_non_utf8_line: int | None = None

    def tables(self) -> Generator[Table, None, None]:
        """The file as one table."""
        yield Table(None, self.rows())

    def why_empty(self, sheet: str | None, rownum: int, column: int) -> Msg | None:
        """Never: a CSV cell is what it says."""
        return None

    def rows(self) -> Rows:
        from tenactions.sheets.limits import MAX_CELL_CHARS, MAX_COLUMNS, check_csv_row

        csv.field_size_limit(MAX_CELL_CHARS)
        encoding = self._encoding()
        rownum = 0
        try:
            with self.path.open(encoding=encoding, newline="") as f:
                ended: list[bool] = []
                reader = csv.reader(_bounded_lines(f, self.shown, ended))
                for rownum, row in enumerate(reader, start=1):
                    if len(row) > MAX_COLUMNS:
                        check_csv_row(self.shown, rownum, row)
                    if ended:
                        # The csv module ends a quoted cell that is never closed at the end of
                        # the file; the rows after its quote would silently become its text.
                        raise Unreadable(Msg("csv_open_quote", file=self.shown, row=rownum))
                    yield rownum, row
        except UnicodeDecodeError:
            # Decoding runs ahead in blocks, so the row being read says little: name the line
            # where the bytes stop being UTF-8 (in a file pasted together from files saved
            # with different encodings, the first line of the second kind).
            line = self._first_non_utf8_line or rownum + 1
            raise Unreadable(Msg("csv_encoding", file=self.shown, line=line)) from None
        except csv.Error as exc:
            if "field limit" in str(exc):  # one of our stated limits, said as such
                raise Unreadable(
                    Msg("cell_too_long", file=self.shown, row=rownum + 1, limit=MAX_CELL_CHARS)
                ) from None
            raise Unreadable(
                Msg("csv_row_unreadable", file=self.shown, row=rownum + 1, why=str(exc))
            ) from None
        except OSError as exc:
            raise Unreadable(Msg("cannot_read", file=self.shown, why=os_reason(exc))) from None

    def _encoding(self) -> str:
        """UTF-8 (with or without BOM) if the whole file decodes as UTF-8, else GB18030 (GBK).

        One pass over the bytes in 1 MB chunks: it also counts lines for the progress estimate.
        """
        lines = size = 0
        utf8 = True
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            with self.path.open("rb") as f:
                head = f.read(4)
                if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise Unreadable(Msg("csv_utf16", file=self.shown))
                if head.startswith(b"PK\x03\x04"):
                    raise Unreadable(Msg("csv_is_zip", file=self.shown))
                chunk = head + f.read(1 << 20)
                last = b"\n"
                while chunk:
                    if utf8:
                        pending = decoder.getstate()[0]
                        try:
                            decoder.decode(chunk)
                        except UnicodeDecodeError as exc:
                            utf8 = False
                            before = (pending + chunk)[: exc.start].count(b"\n")
                            self._first_non_utf8_line = lines + before + 1
                    lines += chunk.count(b"\n")
                    size += len(chunk)
                    _check_csv_size(self.shown, lines, size)
                    last = chunk[-1:]
                    chunk = f.read(1 << 20)
                if utf8:
                    try:
                        decoder.decode(b"", final=True)
                    except UnicodeDecodeError:
                        utf8 = False
                        self._first_non_utf8_line = lines + (last != b"\n")
        except OSError as exc:
            raise Unreadable(Msg("cannot_read", file=self.shown, why=os_reason(exc))) from None
        self.estimated_rows = lines + (last != b"\n")
        return "utf-8-sig" if utf8 else "gb18030"


def _check_csv_size(shown: str, lines: int, size: int) -> None:
    """Stop reading at the stated limits: lines (blank ones too) and bytes."""
    from tenactions.sheets.limits import MAX_CSV_BYTES, MAX_CSV_LINES

    if lines > MAX_CSV_LINES:
        raise Unreadable(Msg("csv_too_many_lines", file=shown, limit=MAX_CSV_LINES))
    if size > MAX_CSV_BYTES:
        raise Unreadable(Msg("csv_too_big", file=shown, mb=MAX_CSV_BYTES // (1024 * 1024)))


@dataclass(frozen=True)
class Table:
    """One sheet's rows (a CSV file is one table with no name)."""

    name: str | None
    rows: Rows
    qualified: bool = False
    """whether messages name the sheet (the workbook has several sheets to read)"""


#: The file types :class:`WorkbookSource` reads.
WORKBOOK_TYPES = (".xlsx", ".xlsm", ".xls", ".ods")

#: The most of a --sheet name echoed in a message (Excel's own limit is 31 characters).
_SHOWN_NAME = 60

#: Words in a sheet's name that mark it as a summary of the others.
_SUMMARY_SHEET = re.compile(r"汇总|合计|总表|累计|统计|summary|total", re.IGNORECASE)


def is_summary_sheet(name: str) -> bool:
    """Whether a sheet's name marks it as a summary of the workbook's other sheets."""
    return _SUMMARY_SHEET.search(name) is not None


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel and WPS save a workbook with a password as an OLE file holding this stream.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class WorkbookSource:
    """The visible sheets of an .xlsx, .xlsm, .xls or .ods workbook, read with python-calamine.

    Formula cells give their saved values. A value merged down several rows (a district or a
    date written once for a block of rows) is given to every row of the merge, as a
    :class:`FilledRow` that keeps the row's own cells too. Hidden sheets
    are skipped (and listed in :attr:`hidden`) unless ``sheet`` names one; so are sheets named
    as summaries (汇总, 合计, summary…; listed in :attr:`summaries`) when other visible sheets
    hold the data.
    """

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        self.path = path
        self.shown = shown_path(path)
        self.sheet = sheet
        self.estimated_rows: int | None = None
        #: Hidden sheets that were not read.
        self.hidden: list[str] = []
        #: Summary sheets (汇总, 合计…) not read because other sheets hold the data.
        self.summaries: list[str] = []
        self._formulas: dict[str, dict[tuple[int, int], Msg]] = {}
        self._merges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] | None = None

    def tables(self) -> Generator[Table, None, None]:
        """Each sheet to read, in the workbook's order."""
        book = self._open()
        try:
            names = self._sheet_names(book)
            sheets = [self._sheet(book, name) for name in names]
            self.estimated_rows = sum(sheet.total_height for sheet in sheets)
            for name, sheet in zip(names, sheets, strict=True):
                yield Table(name, self._rows(sheet, name), qualified=len(names) > 1)
        finally:
            book.close()

    def _open(self) -> CalamineWorkbook:
        """The workbook, its kind told by its bytes (a misnamed .xls opens like any other)."""
        from python_calamine import CalamineWorkbook, PasswordError

        from tenactions.sheets.limits import check_workbook

        try:
            check_workbook(self.path, self.shown)
            with self.path.open("rb") as f:
                head = f.read(8)
                if head.startswith(_OLE_MAGIC) and _ENCRYPTED in head + f.read():
                    raise Unreadable(self._password_line())
                f.seek(0)
                if not head.startswith((b"PK\x03\x04", _OLE_MAGIC)):
                    raise Unreadable(Msg("not_workbook", file=self.shown))
                return CalamineWorkbook.from_filelike(f)
        except PasswordError:
            raise Unreadable(self._password_line()) from None
        except OSError as exc:
            raise Unreadable(Msg("cannot_read", file=self.shown, why=os_reason(exc))) from None
        except Unreadable:
            raise
        except Exception:  # anything calamine raises while opening is a file it cannot read
            raise Unreadable(self._damaged_line()) from None

    def _sheet_names(self, book: CalamineWorkbook) -> list[str]:
        from python_calamine import SheetTypeEnum, SheetVisibleEnum

        sheets = [m for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        if self.sheet is not None:
            names = [m.name for m in sheets]
            if self.sheet in names:
                return [self.sheet]
            # ' 9月 ' as the tab shows it: spaces around a sheet's name are not seen.
            wanted = self.sheet.strip()
            trimmed = [name for name in names if name.strip() == wanted]
            if len(trimmed) == 1:
                return trimmed
            listed = ", ".join(repr(n) for n in names)
            asked = wanted if len(wanted) <= _SHOWN_NAME else wanted[:_SHOWN_NAME] + "…"
            raise Unreadable(Msg("no_such_sheet", file=self.shown, sheet=asked, sheets=listed))
        self.hidden = [m.name for m in sheets if m.visible != SheetVisibleEnum.Visible]
        visible = [m.name for m in sheets if m.visible == SheetVisibleEnum.Visible]
        # A 汇总 sheet beside month sheets repeats their rows: reading it too counts them twice.
        data = [name for name in visible if not is_summary_sheet(name)]
        if data and len(data) < len(visible):
            self.summaries = [name for name in visible if is_summary_sheet(name)]
            return data
        return visible

    def _sheet(self, book: CalamineWorkbook, name: str) -> CalamineSheet:
        try:
            return book.get_sheet_by_name(name)
        except Exception as exc:  # a sheet's damaged XML
            raise Unreadable(
                Msg("sheet_damaged", file=self.shown, sheet=name, why=type(exc).__name__)
            ) from None

    def _rows(self, sheet: CalamineSheet, name: str) -> Rows:
        """The sheet's rows numbered as the spreadsheet shows them, merges down filled in."""
        first_column = sheet.start[1] if sheet.start else 0
        merged = getattr(sheet, "merged_cell_ranges", None)
        if merged is None:  # calamine does not say for .ods: read them from its XML
            merged = self._ods_merges().get(name, [])
        # Merges that span rows, by the rows below their top: (top row, first col, last col).
        below: dict[int, list[tuple[int, int, int, int]]] = {}
        tops: set[int] = set()
        for (r0, c0), (r1, c1) in merged:
            if r1 > r0:
                tops.add(r0)
                for r in range(r0, r1 + 1):
                    below.setdefault(r, []).append((r0, c0 - first_column, c1 - first_column, r1))
        if not below:  # the common case: rows as they are
            yield from enumerate(sheet.iter_rows(), start=1)
            return
        top_values: dict[tuple[int, int], object] = {}
        for index, row in enumerate(sheet.iter_rows()):
            if index in tops:
                for r0, c0, _, _ in below[index]:
                    if r0 == index and 0 <= c0 < len(row):
                        top_values[(r0, c0)] = row[c0]
            merges = below.get(index)
            if merges:
                filled = FilledRow(row)
                for r0, c0, c1, r1 in merges:
                    value = top_values.get((r0, c0), "")
                    span = (r0 + 1, r1 + 1)
                    for c in range(max(c0, 0), min(c1 + 1, len(filled))):
                        filled.spans[c] = span
                        if filled[c] == "" or filled[c] is None:
                            filled[c] = value
                yield index + 1, filled
            else:
                yield index + 1, row

    def _ods_merges(self) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
        if self._merges is None:
            self._merges = _ods_merges(self.path)
        return self._merges

    def why_empty(self, sheet: str | None, rownum: int, column: int) -> Msg | None:
        """Why a cell calamine gives as empty is not really empty (xlsx, xlsm), or ``None``.

        calamine gives a formula whose value was never saved, and an error such as ``#N/A``,
        as an empty cell; openpyxl tells them apart. Asked only about an empty cell that a row
        needs, so the slow second reading happens only when a row is bad anyway.
        """
        if sheet is None or self.path.suffix.lower() not in (".xlsx", ".xlsm"):
            return None
        cells = self._formulas.get(sheet)
        if cells is None:
            cells = self._formulas[sheet] = _hidden_values(self.path, sheet)
        return cells.get((rownum, column))

    def _password_line(self) -> Msg:
        return Msg("workbook_password", file=self.shown)

    def _damaged_line(self) -> Msg:
        return Msg("workbook_damaged", file=self.shown)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(path: Path) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Each sheet's merged ranges, ((first row, first col), (last row, last col)) from 0, of an
    OpenDocument spreadsheet; empty if the file is not one or its XML cannot be read."""
    import zipfile
    from xml.etree.ElementTree import iterparse

    t = _ODS_TABLE
    merges: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as xml:
            sheet, row, col, depth = "", 0, 0, 0
            for event, element in iterparse(xml, events=("start", "end")):
                tag = element.tag
                if tag == t + "table":
                    depth += 1 if event == "start" else -1
                    if event == "start" and depth == 1:
                        sheet, row = element.get(t + "name", ""), 0
                        merges.setdefault(sheet, [])
                elif depth != 1:
                    continue
                elif tag == t + "table-row":
                    if event == "start":
                        col = 0
                    else:
                        row += int(element.get(t + "number-rows-repeated", "1"))
                        element.clear()
                elif tag in (t + "table-cell", t + "covered-table-cell") and event == "start":
                    rows = int(element.get(t + "number-rows-spanned", "1"))
                    cols = int(element.get(t + "number-columns-spanned", "1"))
                    if rows > 1 or cols > 1:
                        merges[sheet].append(((row, col), (row + rows - 1, col + cols - 1)))
                    col += int(element.get(t + "number-columns-repeated", "1"))
    except Exception:  # not an .ods, or XML calamine read but this cannot: no merges
        return {}
    return merges


def _hidden_values(path: Path, sheet: str) -> dict[tuple[int, int], Msg]:
    """(row, column from the sheet's first used column) -> why an xlsx cell reads as empty."""
    import openpyxl

    found: dict[tuple[int, int], Msg] = {}
    first_column: int | None = None
    try:
        for data_only in (True, False):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
            try:
                for row in book[sheet].iter_rows():
                    for cell in row:
                        column, value = getattr(cell, "column", None), getattr(cell, "value", None)
                        if column is None or value is None or cell.row is None:
                            continue
                        first_column = column if first_column is None else min(first_column, column)
                        if not isinstance(value, str) or (cell.row, column) in found:
                            continue
                        if data_only and value in CELL_ERRORS:
                            found[(cell.row, column)] = Msg("cell_error", value=value)
                        elif not data_only and value.startswith("="):
                            found[(cell.row, column)] = Msg("formula_unsaved")
            finally:
                book.close()
    except Exception:  # the values were readable; without this the row says "is empty"
        return {}
    start = first_column or 1
    return {(r, c - start): why for (r, c), why in found.items()}


#: The longest line of a CSV file read at once (a row of 16,384 columns of 200 characters).
_MAX_LINE = 4 * 1024 * 1024


def _bounded_lines(f: TextIO, shown: str, ended: list[bool]) -> Iterator[str]:
    """The lines of a text file, none longer than :data:`_MAX_LINE` characters (memory stays
    bounded whatever the file); ``ended`` gets ``True`` once the last has been read."""
    number = 0
    while line := f.readline(_MAX_LINE + 1):
        number += 1
        if len(line) > _MAX_LINE:
            raise Unreadable(Msg("line_too_long", file=shown, row=number, limit=_MAX_LINE))
        yield line
    ended.append(True)
