"""The two kinds of import file, each read as numbered rows of cell values.

:class:`CsvSource` detects UTF-8 (with or without BOM) or GBK/GB18030 as saved by Excel and WPS
on Chinese Windows, and counts lines for a progress estimate in the same pass. :class:`XlsxSource`
reads the first sheet with openpyxl (imported only when an xlsx is read), formula cells as their
saved values.
Both stream: a million-row file is never held in memory. A file that cannot be read on raises
:class:`Unreadable` with the line to show.
"""

from __future__ import annotations

import codecs
import csv
import re
import warnings
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

Rows = Generator[tuple[int, Sequence[object]], None, None]
"""(row number as the spreadsheet shows it, cell values)"""

_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


class NoSavedValue:
    """An xlsx formula cell whose file holds no computed value."""

    def __repr__(self) -> str:
        return "<formula without a saved value>"


NO_SAVED_VALUE = NoSavedValue()


class Unreadable(Exception):
    """The file cannot be read on (from a given row); ``line`` says why."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line


class CsvSource:
    """A CSV file's rows, decoded as UTF-8 if the whole file is, else as GB18030."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = str(path)
        self.estimated_rows: int | None = None
        self._first_non_utf8_line: int | None = None

    def rows(self) -> Rows:
        encoding = self._encoding()
        rownum = 0
        try:
            with self.path.open(encoding=encoding, newline="") as f:
                ended: list[bool] = []
                reader = csv.reader(_lines_then_mark(f, ended))
                for rownum, row in enumerate(reader, start=1):
                    if ended:
                        # The csv module ends a quoted cell that is never closed at the end of
                        # the file; the rows after its quote would silently become its text.
                        raise Unreadable(
                            f'{self.shown}:{rownum}: a quoted cell is never closed (a " is'
                            " missing), so every line after it would be read into it"
                        )
                    yield rownum, row
        except UnicodeDecodeError:
            # Decoding runs ahead in blocks, so the row being read says little: name the line
            # where the bytes stop being UTF-8 (in a file pasted together from files saved
            # with different encodings, the first line of the second kind).
            line = self._first_non_utf8_line or rownum + 1
            raise Unreadable(
                f"{self.shown}:{line}: the text is neither UTF-8 nor GBK (line {line} is the"
                " first that is not UTF-8); save the file as 'CSV UTF-8'"
            ) from None
        except csv.Error as exc:
            raise Unreadable(
                f"{self.shown}:{rownum + 1}: cannot read this CSV row: {exc}"
            ) from None
        except OSError as exc:
            raise Unreadable(f"{self.shown}: cannot read the file: {exc.strerror}") from None

    def _encoding(self) -> str:
        """UTF-8 (with or without BOM) if the whole file decodes as UTF-8, else GB18030 (GBK).

        One pass over the bytes in 1 MB chunks: it also counts lines for the progress estimate.
        """
        lines = 0
        utf8 = True
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            with self.path.open("rb") as f:
                head = f.read(4)
                if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                    raise Unreadable(
                        f"{self.shown}: is saved as UTF-16 ('Unicode text'); save it as 'CSV UTF-8'"
                    )
                if head.startswith(b"PK\x03\x04"):
                    raise Unreadable(
                        f"{self.shown}: is a zip file (an .xlsx workbook?), not CSV text;"
                        " name it .xlsx or save it as CSV"
                    )
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
                    last = chunk[-1:]
                    chunk = f.read(1 << 20)
                if utf8:
                    try:
                        decoder.decode(b"", final=True)
                    except UnicodeDecodeError:
                        utf8 = False
                        self._first_non_utf8_line = lines + (last != b"\n")
        except OSError as exc:
            raise Unreadable(f"{self.shown}: cannot read the file: {exc.strerror}") from None
        self.estimated_rows = lines + (last != b"\n")
        return "utf-8-sig" if utf8 else "gb18030"


class XlsxSource:
    """The first sheet of an xlsx workbook; formula cells give their saved values."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = str(path)
        self.estimated_rows: int | None = None

    def rows(self) -> Rows:
        """The first sheet's rows; formula cells give their saved values.

        openpyxl cannot tell a formula with no saved value from an empty cell, so when the
        sheet has formulas at all it is read a second time, in step, with formulas as text.
        """
        values_book = self._load_xlsx(data_only=True)
        formula_book: Workbook | None = None
        try:
            if not values_book.worksheets:
                return
            sheet = values_book.worksheets[0]
            self.estimated_rows = getattr(sheet, "max_row", None)
            values = _sheet_rows(sheet)
            formulas: Iterator[tuple[object, ...]] | None = None
            if self._has_formulas(sheet):
                formula_book = self._load_xlsx(data_only=False)
                formulas = _sheet_rows(formula_book.worksheets[0])
            rownum = 0
            while True:
                try:
                    row = next(values, None)
                    texts = next(formulas, None) if formulas is not None else None
                except Exception as exc:  # anything openpyxl raises here is a damaged file
                    raise Unreadable(
                        f"{self.shown}:{rownum + 1}: the workbook is damaged"
                        f" ({type(exc).__name__}); open it in Excel/WPS and save it again"
                    ) from None
                if row is None:
                    return
                rownum += 1
                if texts is not None and any(v is None for v in row):
                    row = tuple(
                        NO_SAVED_VALUE
                        if v is None and i < len(texts) and texts[i] is not None
                        else v
                        for i, v in enumerate(row)
                    )
                yield rownum, row
        finally:
            values_book.close()
            if formula_book is not None:
                formula_book.close()

    def _has_formulas(self, sheet: object) -> bool:
        """Whether the sheet's XML holds a formula (``<f>``): a fast byte scan, no parsing."""
        get_source = getattr(sheet, "_get_source", None)
        if get_source is None:  # pragma: no cover - another openpyxl: assume formulas
            return True
        tail = b""
        try:
            with get_source() as src:
                while chunk := src.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-32:]
        except Exception:  # a damaged zip member: reading the rows will say where
            return True
        return False

    def _load_xlsx(self, *, data_only: bool) -> Workbook:
        import openpyxl

        try:
            with warnings.catch_warnings():
                # openpyxl warns about styles and extensions it ignores; none matter here.
                warnings.simplefilter("ignore")
                return openpyxl.load_workbook(self.path, read_only=True, data_only=data_only)
        except Exception:  # anything openpyxl raises while opening is a file it cannot read
            with self.path.open("rb") as f:
                ole = f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            if ole:
                raise Unreadable(
                    f"{self.shown}: is an old-style .xls workbook or has a password; open it in"
                    " Excel/WPS and save it as .xlsx without a password"
                ) from None
            raise Unreadable(
                f"{self.shown}: is not a valid .xlsx workbook (damaged, truncated, or another kind"
                " of file); open it in Excel/WPS and save it as .xlsx"
            ) from None


def _sheet_rows(sheet: object) -> Iterator[tuple[object, ...]]:
    # A sheet's stated size is often wrong in files written by other programs; read it all.
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()
    rows: Iterator[tuple[object, ...]] = sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]
    return rows


def _lines_then_mark(lines: Iterable[str], ended: list[bool]) -> Iterator[str]:
    """The lines of a text file; ``ended`` gets ``True`` once the last has been read."""
    yield from lines
    ended.append(True)
