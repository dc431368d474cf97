"""The sheet districts fill in: what ``tenactions import`` reads, with drop-down lists and notes.

The workbook has three sheets: 填报表 (a title row, the header the import expects, rows with
drop-down lists of the targets' Chinese names and of the districts, date and text formats,
a 合计 row with a SUM formula and a sign-off row), 填表说明 (each target's unit, kind, goal
and deadline), and a hidden 选项 sheet holding the lists. The import reads 填报表, passes
over 填表说明 (it has no table) and skips the hidden sheet, the 合计 row and the sign-off row,
so the filled-in template, re-saved by Excel, WPS or LibreOffice, imports as it is.
openpyxl is imported only here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import BinaryIO

from tenactions.errors import InputError
from tenactions.messages import Msg
from tenactions.model import District, Programme
from tenactions.sheets.cells import neutralise

#: The template's columns: (header, width). The header names are ones the import accepts.
COLUMNS = (
    ("目标", 34),
    ("数量/金额", 14),
    ("日期", 13),
    ("区", 10),
    ("填报人", 10),
    ("备注", 30),
    ("表单编号", 14),
)
_KIND_ZH = {"cumulative": "累计", "recurring": "周期", "milestone": "节点"}
_EVERY_ZH = {"week": "每周", "month": "每月", "quarter": "每季度"}


def template_month(text: str, programme: Programme) -> tuple[int, int]:
    """``2024-08``, ``2024-8``, ``2024/8``, ``2024年8月``, ``202408`` or ``8月`` (the month of
    that number in the programme period) as (year, month), a month of the programme."""
    plain = unicodedata.normalize("NFKC", text).strip()
    first, last = programme.start, programme.end
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", plain, re.ASCII) or re.fullmatch(
        r"(\d{4})(\d{2})", plain, re.ASCII
    )
    alone = re.fullmatch(r"(\d{1,2})\s*月", plain, re.ASCII)
    if alone is not None and 1 <= int(alone[1]) <= 12:
        years = [
            y
            for y in range(first.year, last.year + 1)
            if (first.year, first.month) <= (y, int(alone[1])) <= (last.year, last.month)
        ]
        if len(years) == 1:
            return years[0], int(alone[1])
        if len(years) > 1:
            raise InputError(
                Msg("month_twice", text=text, example=f"{years[0]}-{int(alone[1]):02d}")
            )
        raise InputError(Msg("month_outside", text=text, start=first, end=last))
    if match is None or not 1 <= int(match[2]) <= 12:
        raise InputError(Msg("bad_month_option", text=text))
    month = int(match[1]), int(match[2])
    if not (first.year, first.month) <= month <= (last.year, last.month):
        raise InputError(Msg("month_outside", text=text, start=first, end=last))
    return month


def template_title(district: District | None, month: tuple[int, int] | None) -> str:
    """``天河区工会 2024年8月十项行动进度填报表``; without a district or month, without them."""
    if district is None:
        who = ""
    elif district.name_zh.endswith(("区", "县", "市")):
        who = f"{district.name_zh}工会 "
    else:  # 市本级 is the city federation itself, not a 市本级工会
        who = "广州市总工会 "
    when = f"{month[0]}年{month[1]}月" if month is not None else ""
    return f"{who}{when}十项行动进度填报表"


def write_template(
    programme: Programme,
    out: BinaryIO,
    *,
    district: District | None = None,
    month: tuple[int, int] | None = None,
    rows: int = 50,
) -> None:
    """Write the template workbook to ``out``; ``rows`` blank rows to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "填报表"
    width = len(COLUMNS)
    last_col = get_column_letter(width)

    sheet.append([template_title(district, month)])
    sheet.merge_cells(f"A1:{last_col}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([name for name, _ in COLUMNS])
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for i, (_, col_width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=i)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        sheet.column_dimensions[get_column_letter(i)].width = col_width
    sheet.freeze_panes = "A3"

    first, last = 3, 2 + rows
    for r in range(first, last + 1):
        sheet.cell(row=r, column=3).number_format = "yyyy-mm-dd"
        sheet.cell(row=r, column=2).number_format = "General"
        sheet.cell(row=r, column=7).number_format = "@"  # form numbers keep leading zeros
        if district is not None:
            sheet.cell(row=r, column=4, value=district.name_zh)
    total_row = last + 1
    sheet.cell(row=total_row, column=1, value="合计").font = Font(bold=True)
    sheet.cell(row=total_row, column=2, value=f"=SUM(B{first}:B{last})").font = Font(bold=True)
    sheet.cell(row=total_row + 2, column=1, value="填报人：")
    sheet.cell(row=total_row + 2, column=3, value="审核人：")
    sheet.cell(row=total_row + 2, column=5, value="填报日期：")

    # The lists the drop-downs offer, on a hidden sheet (an inline list is limited to 255
    # characters, and the targets' names are longer than that together).
    lists = book.create_sheet("选项")
    targets = programme.targets
    for i, target in enumerate(targets, start=1):
        lists.cell(row=i, column=1, value=neutralise(target.name_zh))
    for i, d in enumerate(programme.districts, start=1):
        lists.cell(row=i, column=2, value=neutralise(d.name_zh))
    lists.sheet_state = "hidden"

    target_list = DataValidation(
        type="list", formula1=f"'选项'!$A$1:$A${len(targets)}", allow_blank=True
    )
    target_list.error = "请从下拉列表中选择目标（见“填表说明”）"
    target_list.errorTitle = "目标"
    district_list = DataValidation(
        type="list", formula1=f"'选项'!$B$1:$B${len(programme.districts)}", allow_blank=True
    )
    amount_check = DataValidation(
        type="decimal", operator="greaterThan", formula1="0", allow_blank=True
    )
    amount_check.error = "数量/金额须大于 0；单位见“填表说明”"
    start, end = _date_range(programme, month)
    date_check = DataValidation(
        type="date",
        operator="between",
        formula1=str(_serial(start)),
        formula2=str(_serial(end)),
        allow_blank=True,
    )
    date_check.error = f"日期须在 {start} 至 {end} 之间"
    for validation, col in (
        (target_list, "A"),
        (amount_check, "B"),
        (date_check, "C"),
        (district_list, "D"),
    ):
        validation.showErrorMessage = True
        validation.add(f"{col}{first}:{col}{last}")
        sheet.add_data_validation(validation)

    notes = book.create_sheet("填表说明", 1)
    _write_notes(notes, programme, Font)
    book.active = 0
    book.save(out)


def _write_notes(notes: object, programme: Programme, font: type) -> None:
    """One row per target: what to write in 目标, and the unit 数量/金额 is counted in."""
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(notes, Worksheet)
    notes.append(["填表说明"])
    notes["A1"].font = font(bold=True, size=14)
    notes.append(["“目标”列请从下拉列表选择；“数量/金额”按下表的计量单位填写，金额以元为单位。"])
    notes.append(["日期写成 2024-08-01；每行一项完成情况；“合计”行和签名行不会被导入。"])
    notes.append(
        [
            "“表单编号”填本区唯一、含年份的编号（如 TH-2024-015，各年不可重复），没有可留空；不要填 1、2、3 这样的行序号。"
        ]
    )
    notes.append([])
    heading = ["代码", "目标名称", "计量单位", "类型", "目标值", "截止日期"]
    notes.append(heading)
    for i in range(1, len(heading) + 1):
        notes.cell(row=notes.max_row, column=i).font = font(bold=True)
    for target in programme.targets:
        kind = _KIND_ZH[target.kind]
        if target.every is not None:
            kind += f"（{_EVERY_ZH[target.every]}）"
        notes.append(
            [
                target.id,
                neutralise(target.name_zh),
                neutralise(target.unit_zh),
                kind,
                target.goal,  # a number cell: the exact goal, shown by its number format
                (target.due or target.end).isoformat(),
            ]
        )
        notes.cell(row=notes.max_row, column=5).number_format = (
            "#,##0" if target.decimals == 0 else "#,##0.00"
        )
    for col, col_width in zip("ABCDEF", (18, 40, 10, 14, 16, 12), strict=True):
        notes.column_dimensions[col].width = col_width


def _date_range(programme: Programme, month: tuple[int, int] | None) -> tuple[dt.date, dt.date]:
    if month is None:
        return programme.start, programme.end
    year, number = month
    first = dt.date(year, number, 1)
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return max(first, programme.start), min(following - dt.timedelta(days=1), programme.end)


def _serial(day: dt.date) -> int:
    """Excel's number for a day (what a date validation compares with)."""
    return (day - dt.date(1899, 12, 30)).days
