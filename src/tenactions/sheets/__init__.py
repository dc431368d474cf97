"""Spreadsheets in and out: import files (.csv, .xlsx, .xlsm, .xls, .ods) become entries; the
ledger becomes exports; districts get a template to fill in (:mod:`~tenactions.sheets.template`).

The parts: ``sources`` reads a file as tables of numbered rows (CSV encodings; workbooks with
python-calamine, visible sheets, merged cells); ``tables`` finds the header, its unit and the
rows that are not data; ``values`` turns cells into text, amounts and dates; ``reading``
checks every row into an entry; ``writing`` streams exports.

Reading (:class:`SheetReader`, :func:`iter_import_rows`) streams the file and yields one
:class:`~tenactions.model.NewEntry` per good row, so ``Store.import_entries`` can write them in
one transaction. Every bad row is collected; after the last row one :class:`ImportFileError`
lists them (``FILE:ROW: column: what``), which rolls the transaction back: a file is imported
whole or not at all. Once a bad row is seen no more entries are yielded (they would be rolled
back anyway), but the rest of the file is still checked so that every problem is reported.

Row identity (``uid``) makes imports idempotent:

* a ``uid`` column (our own export) is used as it is;
* else a ``ref`` gives ``ref:<district>:<ref>``, as ``log --ref`` does (:func:`ledger.identity`);
* else the row's content gives ``row:<hash>#k`` (:func:`content_uid`), ``k`` counting the same
  content earlier in the file: two identical rows in one file are two entries, and importing
  the file again, or a later file that repeats its rows, adds nothing. The hash uses the ``by``
  written in the file, not the importer's default, so who imports does not change identity.

A file with our export's own columns (``id``, ``uid``, ``void``, ``amends``) is restored as it
was when :attr:`SheetReader.restore` is set (as ``import`` does): void rows are read too, and
:attr:`SheetReader.restored` keeps each row's id in the export and its void's reason, for
:meth:`Store.restore_entries`. Otherwise rows marked void are skipped (and counted in
:attr:`SheetReader.void_skipped`). The export's ``source`` and ``created_at`` are not kept.

Writing (:func:`write_entries_csv`, :func:`write_entries_xlsx`, :func:`write_entries_json`)
streams the whole ledger, voids included and marked. Text cells in CSV and XLSX pass through
:func:`neutralise` (OWASP CSV injection); import undoes it (:func:`unneutralise`), so an export
re-imports exactly. openpyxl is imported only by the xlsx functions.
"""

from tenactions.sheets.cells import EXPORT_COLUMNS, neutralise, unneutralise
from tenactions.sheets.reading import (
    MAX_SHOWN_PROBLEMS,
    MAX_UID,
    SheetReader,
    Skipped,
    TotalMismatch,
    content_uid,
    iter_import_rows,
    numbered_rows,
)
from tenactions.sheets.tables import HEADER_NAMES, REQUIRED_FIELDS, header_key
from tenactions.sheets.writing import (
    XLSX_MAX_ROWS,
    export_values,
    write_entries_csv,
    write_entries_json,
    write_entries_xlsx,
)

__all__ = [
    "EXPORT_COLUMNS",
    "HEADER_NAMES",
    "MAX_SHOWN_PROBLEMS",
    "MAX_UID",
    "REQUIRED_FIELDS",
    "XLSX_MAX_ROWS",
    "SheetReader",
    "Skipped",
    "TotalMismatch",
    "content_uid",
    "export_values",
    "header_key",
    "iter_import_rows",
    "neutralise",
    "numbered_rows",
    "unneutralise",
    "write_entries_csv",
    "write_entries_json",
    "write_entries_xlsx",
]
