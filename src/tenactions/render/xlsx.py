"""The report as an xlsx workbook: a sheet of targets, one of actions, one of districts.

Numbers are number cells (the percent with one decimal, amounts to the target's decimals),
dates are date cells, the header row is bold, frozen and filterable, and every column is as
wide as its text, a Chinese character counting as two (a long name wraps in its cell
instead of widening the column past :data:`WRAP_WIDTH`). Every sheet prints on landscape A4, one
page wide, with its header row on every page. Text from the programme goes through
:func:`tenactions.sheets.cells.neutralise`, so no cell can start a formula. openpyxl is imported
only when a workbook is made: it costs a quarter of a second that other formats never pay.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from tenactions.amounts import as_number
from tenactions.messages import kind_label, status_label, t
from tenactions.progress import STATUSES, Report, TargetProgress
from tenactions.render.common import status_text
from tenactions.render.data import Options

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: A cell: its value and, for numbers and dates, the number format to show it with.
Cell = tuple[str | int | float | dt.date | None, str | None]

DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0"
#: Column widths in Excel's units (about one Latin character each).
MIN_WIDTH = 6
MAX_WIDTH = 60
#: Text wider than this wraps onto more lines in its cell, so that a sheet fitted to one page
#: wide is not shrunk to unreadable for one long name (about fifteen Chinese characters).
WRAP_WIDTH = 34
#: The height of one line of text in points (Excel's default row for an 11-point font).
LINE_HEIGHT = 15


def render(report: Report, lang: str, options: Options | None = None) -> bytes:
    """The workbook's bytes; sheet names and headers in ``lang``."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = "tenactions"
    book.properties.title = f"{report.programme.name(lang)} {report.as_of.isoformat()}"
    targets = book.active
    assert targets is not None  # a new workbook always has its first sheet
    targets.title = t(lang, "sheet_targets")
    _fill(targets, _target_header(lang), [_target_row(p, lang) for p in report.targets])
    actions = book.create_sheet(t(lang, "sheet_actions"))
    _fill(actions, _action_header(lang), _action_rows(report, lang))
    if any(p.by_district for p in report.targets):
        header, rows = _districts(report, lang)
        _fill(book.create_sheet(t(lang, "sheet_districts")), header, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- the sheets ----------------------------------------------------------------------------


def _target_header(lang: str) -> list[str]:
    keys = (
        "action", "id", "name", "kind", "unit", "goal", "actual", "percent", "remaining",
        "expected", "status", "forecast", "needed_week", "due", "last_entry",
    )  # fmt: skip
    return [t(lang, key) for key in keys]


def _target_row(p: TargetProgress, lang: str) -> list[Cell]:
    """One target. A recurring target counts periods (its unit says so), like the report."""
    target = p.target
    recurring = target.kind == "recurring"
    unit = t(lang, f"periods_{target.every}") if recurring else target.unit(lang)
    fmt = _amount_format(0 if recurring else target.decimals)
    # What is owed is rounded to one decimal more than the target's (see figures.owed).
    owed_fmt = fmt if recurring else _amount_format(target.decimals + 1)
    return [
        (target.action, None),
        (target.id, None),
        (target.name(lang), None),
        (kind_label(lang, target.kind), None),
        (unit, None),
        _number(p.goal, fmt),
        _number(p.actual, fmt),
        _number(p.percent, PERCENT_FORMAT),
        _number(p.remaining, fmt),
        _number(p.expected, owed_fmt),
        (status_text(p, lang), None),
        _number(p.forecast, fmt),
        _number(p.needed_per_week, owed_fmt),
        (target.end, DATE_FORMAT),
        (p.last_entry, DATE_FORMAT),
    ]


def _action_header(lang: str) -> list[str]:
    return [t(lang, "action"), t(lang, "name"), t(lang, "target_count")] + [
        status_label(lang, s) for s in STATUSES
    ]


def _action_rows(report: Report, lang: str) -> list[list[Cell]]:
    return [
        [
            (rollup.action.number, None),
            (rollup.action.name(lang), None),
            (len(rollup.targets), None),
            *((rollup.counts[s], None) for s in STATUSES),
        ]
        for rollup in report.actions
    ]


def _districts(report: Report, lang: str) -> tuple[list[str], list[list[Cell]]]:
    """Target x district amounts: the programme's districts in order, then names the ledger
    holds that the programme does not know, then amounts logged with no district."""
    known = [d.name_zh for d in report.programme.districts]
    seen = {k for p in report.targets for k in p.by_district}
    others = sorted(k for k in seen if k and k not in known)
    columns = known + others + [""]
    names = {d.name_zh: d.name(lang) for d in report.programme.districts}
    names[""] = t(lang, "no_district")
    header = [t(lang, k) for k in ("action", "id", "name", "unit")]
    header += [names.get(c, c) for c in columns]
    rows = []
    for p in report.targets:
        if not p.by_district:
            continue
        fmt = _amount_format(p.target.decimals)
        row: list[Cell] = [
            (p.target.action, None),
            (p.target.id, None),
            (p.target.name(lang), None),
            (p.target.unit(lang), None),
        ]
        row += [_number(p.by_district.get(c), fmt) for c in columns]
        rows.append(row)
    return header, rows


# --- cells ---------------------------------------------------------------------------------


def _number(value: Decimal | None, fmt: str) -> Cell:
    # A number cell is a double: exact to 15 digits (README); CSV and JSON carry every digit.
    return (None if value is None else as_number(value), fmt)


def _amount_format(decimals: int) -> str:
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def _fill(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Write a bold, frozen, filterable header and the rows; size the columns to their text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from tenactions.sheets.cells import neutralise, set_up_printing

    set_up_printing(sheet)
    bold = Font(bold=True)
    top, wrapped = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    widths = [_width(h) for h in header]
    for col, text in enumerate(header, start=1):
        sheet.cell(row=1, column=col, value=neutralise(text)).font = bold
    for r, row in enumerate(rows, start=2):
        lines = 1
        for col, (value, fmt) in enumerate(row, start=1):
            if isinstance(value, str):
                # Control characters cannot be stored in xlsx; show them as U+FFFD instead.
                value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))
            cell = sheet.cell(row=r, column=col, value=value)
            if fmt is not None and value is not None:
                cell.number_format = fmt
            shown = _width(_shown(value, fmt))
            cell.alignment = wrapped if isinstance(value, str) and shown > WRAP_WIDTH else top
            if isinstance(value, str) and shown > WRAP_WIDTH:
                lines = max(lines, math.ceil((shown - 3) / (WRAP_WIDTH - 3)))
            widths[col - 1] = max(widths[col - 1], shown)
        if lines > 1:
            # Spreadsheets do not all grow a row for wrapped text on opening: say how tall.
            sheet.row_dimensions[r].height = LINE_HEIGHT * lines
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width, WRAP_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _shown(value: str | int | float | dt.date | None, fmt: str | None) -> str:
    """About what a spreadsheet shows for a cell, to size its column."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and fmt is not None and fmt.startswith("#,##0"):
        decimals = len(fmt) - len("#,##0.") if "." in fmt else 0
        return f"{value:,.{decimals}f}"
    return str(value)


def _width(text: str) -> int:
    """Columns for ``text``: East Asian wide and full-width characters take two, plus a margin."""
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return min(MAX_WIDTH, max(MIN_WIDTH, units + 3))
