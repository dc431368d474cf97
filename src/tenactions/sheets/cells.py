"""Cells shared by import and export: the export's columns, formula neutralisation, and the
page set-up every sheet we write prints with."""

from __future__ import annotations

from typing import Any

#: The columns of every export, in order.
#: The export's columns. ``target_name`` (the target's name in the export's language) is for
#: people and ``login`` (a server's stamp of who wrote the entry, empty in an SQLite ledger) a
#: record: an import reads neither, and restores from the id in ``target``.
EXPORT_COLUMNS = (
    "id", "uid", "target", "target_name", "date", "amount", "district", "by", "note", "ref",
    "source", "amends", "void", "void_reason", "created_at", "login",
)  # fmt: skip

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Make text safe for a spreadsheet cell: prefix ``'`` if it could start a formula.

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what
    spreadsheets evaluate (OWASP "CSV injection"). Text that already begins with apostrophes
    before such a character gets one more, so that :func:`unneutralise` restores any text.
    """
    if text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`: drop one ``'`` that stands before a formula character."""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def set_up_printing(sheet: Any) -> None:
    """Print on landscape A4, one page wide (as many pages tall as it takes), the header row
    repeated on every page and "page 2 / 7" at the foot. Set before any row is written:
    a streaming sheet writes its properties first.

    ``sheet`` is an openpyxl worksheet or a streaming (write-only) one, which writes the same
    page set-up although the type stubs do not give it these attributes.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4 in the OOXML paper-size list
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # 0: as many pages tall as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    # Narrow margins (inches): a wide sheet fitted to the page is shrunk less.
    sheet.page_margins.left = sheet.page_margins.right = 0.3
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.center.text = "&P / &N"
