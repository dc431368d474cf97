"""District sheets as they really arrive: each sheet is built here with openpyxl the way Chinese
offices make them, imported through the real CLI into a real ledger, and the entries stored are
compared with figures worked out by hand.

The shipped programme is used: trees are counted in 棵, purchasing in 元 (with fen), unions in 家.
"Today" is 2024-10-01 (conftest).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tenactions.sheets.tables import HEADER_NAMES

#: Every sheet is imported into each backend's ledger in turn.
pytestmark = pytest.mark.usefixtures("ledger_db")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

TITLE = "天河区工会 2024年8月十项行动进度填报表"
HEADER = ["序号", "区", "目标", "数量", "日期", "备注"]


def said(stderr: str) -> list[str]:
    """The lines on stderr, without the note that the test's new ledger was created."""
    return [line for line in stderr.splitlines() if not line.startswith("created a new ledger")]


def entries(cli: Callable[..., object]) -> list[tuple[str, Decimal, str, str]]:
    """(target, amount, date, district) of every entry, oldest first."""
    result = cli("entries", "--format", "json")
    assert result.exit_code == 0, result  # type: ignore[attr-defined]
    rows = json.loads(result.stdout, parse_float=Decimal)  # type: ignore[attr-defined]
    rows.sort(key=lambda r: r["id"])
    return [(r["target"], Decimal(r["amount"]), r["date"], r["district"]) for r in rows]


def new_book() -> tuple[openpyxl.Workbook, Worksheet]:
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    return book, sheet


def titled_sheet(sheet: Worksheet, rows: list[list[object]], header: list[str] = HEADER) -> None:
    """Title merged across the columns, a blank row, the header, then ``rows``."""
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)


# --- find the table ------------------------------------------------------------------------------


def test_title_row_merged_blank_row_then_header(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 120, dt.date(2024, 8, 1), "龙洞"],
            [2, "天河区", "新建基层工会", 3, dt.date(2024, 8, 2), None],
        ],
    )
    path = tmp_path / "天河区-2024-08.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert "2 rows: 2 added" in result.stdout
    assert entries(cli) == [
        ("trees", Decimal(120), "2024-08-01", "天河区"),
        ("unions", Decimal(3), "2024-08-02", "天河区"),
    ]


def test_total_and_sign_off_rows_are_skipped_and_reported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 120, dt.date(2024, 8, 1), None],  # row 4
            [2, "天河区", "植树", 80, dt.date(2024, 8, 2), None],  # row 5
            ["合计", None, None, 200, None, None],  # row 6: 120 + 80 = 200, agrees
            [],  # row 7
            ["填报人：张伟", None, "审核人：李主席", None, "填报日期：2024年8月31日"],  # row 8
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(120), "2024-08-01", "天河区"),
        ("trees", Decimal(80), "2024-08-02", "天河区"),
    ]
    assert said(result.stderr) == [
        f"{path}:6: skipped a total row",
        f"{path}:8: skipped a sign-off row (填报人/审核人…)",
    ]


def test_total_and_sign_off_wordings_offices_use(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 120, dt.date(2024, 8, 1), None],  # row 4
            [None, "天河区合计", None, 120, None, None],  # row 5: 120, agrees
            [2, "天河区", "植树", 80, dt.date(2024, 8, 2), None],  # row 6
            [None, None, "本月合计", 200, None, None],  # row 7: 120 + 80
            ["全区合计", None, None, 200, None, None],  # row 8
            ["合计数", None, None, 200, None, None],  # row 9
            ["合计（万元）", None, None, None, None, None],  # row 10
            ["共计3项", None, None, None, None, None],  # row 11
            ["填报人 张伟", None, None, None, None, None],  # row 12
            ["审核人李主席", None, None, None, None, None],  # row 13
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(120), "2024-08-01", "天河区"),
        ("trees", Decimal(80), "2024-08-02", "天河区"),
    ]
    assert said(result.stderr) == [
        f"{path}:5: skipped a total row",
        f"{path}:7-11: skipped a total row",
        f"{path}:12-13: skipped a sign-off row (填报人/审核人…)",
    ]


def test_a_total_that_disagrees_is_a_warning(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 120, dt.date(2024, 8, 1), None],
            [2, "天河区", "植树", 80, dt.date(2024, 8, 2), None],
            ["小计", None, None, 200, None, None],  # row 6: 120 + 80, agrees
            [3, "天河区", "植树", 50, dt.date(2024, 8, 3), None],
            ["合计", None, None, 300, None, None],  # row 8: 120 + 80 + 50 = 250, not 300
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert len(entries(cli)) == 3
    assert (
        f"{path}:8: warning: the total row says 300 but the rows above add up to 250;"
        " is a row missing?"
    ) in said(result.stderr)
    assert f"{path}:6: skipped a subtotal row" in result.stderr


def test_totals_are_checked_as_excel_sums_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            ["合计", None, None, 12_250, None, None],  # row 4: above the data: 12,000 + 200 + 50
            [1, "天河区", "消费帮扶", "1.2万", dt.date(2024, 8, 1), None],  # row 5: text
            [2, "天河区", "消费帮扶", 200, dt.date(2024, 8, 2), None],  # row 6
            # Row 7: Excel's SUM leaves the text 1.2万 out: 200, which is what the sheet shows.
            ["小计", None, None, 200, None, None],
            [3, "天河区", "植树", 50, dt.date(2024, 8, 3), None],  # row 8
            # Row 9: trees and yuan added together, as the template's SUM does: 200 + 50.
            ["合计", None, None, 250, None, None],
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert "warning" not in result.stderr
    assert [e[1] for e in entries(cli)] == [12_000, 200, 50]


def test_a_total_above_the_data_that_disagrees_is_a_warning(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            ["合计", None, None, 300, None, None],  # row 4: the rows below add up to 250
            [1, "天河区", "植树", 200, dt.date(2024, 8, 1), None],
            [2, "天河区", "植树", 50, dt.date(2024, 8, 2), None],
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert said(result.stderr) == [
        f"{path}:4: skipped a total row",
        f"{path}:4: warning: the total row says 300 but the rows below it add up to 250;"
        " is a row missing?",
    ]


def test_blank_row_between_data_is_skipped_and_reported(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text(
        "目标,数量,日期\n植树,1,2024-08-01\n,,\n,,\n植树,2,2024-08-02\n,,\n", encoding="utf-8"
    )
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    # Rows 3-4 lie between data; row 6 is the file's end and says nothing.
    assert said(result.stderr) == [f"{path}:3-4: skipped a blank row between data rows"]
    assert [e[1] for e in entries(cli)] == [1, 2]


def test_a_note_that_says_total_is_not_a_total_row(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,备注\n植树,7,2024-08-01,合计\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0 and said(result.stderr) == [], result
    assert entries(cli) == [("trees", Decimal(7), "2024-08-01", "")]


# --- units in headers ----------------------------------------------------------------------------


def test_units_in_headers_scale_exactly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, first = new_book()
    first.title = "消费帮扶"
    titled_sheet(
        first,
        [["天河区", "消费帮扶", 35, dt.date(2024, 8, 1)]],
        ["区", "目标", "金额（万元）", "日期"],
    )
    second = book.create_sheet("植树")
    titled_sheet(
        second,
        [["天河区", "植树", 1.2, dt.date(2024, 8, 2)]],
        ["区", "目标", "数量（千棵）", "日期"],
    )
    third = book.create_sheet("大额")
    titled_sheet(
        third,
        [["天河区", "消费帮扶", "0.35", dt.date(2024, 8, 3)]],
        ["区", "目标", "金额(亿元)", "日期"],
    )
    path = tmp_path / "units.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("purchasing", Decimal(350_000), "2024-08-01", "天河区"),  # 35 x 10,000
        ("trees", Decimal(1_200), "2024-08-02", "天河区"),  # 1.2 x 1,000
        ("purchasing", Decimal(35_000_000), "2024-08-03", "天河区"),  # 0.35 x 100,000,000
    ]


@pytest.mark.parametrize("line", ["单位：万元", "单位:万元", "金额单位：万元"])
def test_a_unit_line_above_the_table_scales_the_amounts(cli, tmp_path: Path, line: str) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append([TITLE])
    sheet.append(["填报单位：天河区总工会", None, None, line])  # who reports is not a unit
    sheet.append(["区", "目标", "金额", "日期"])
    sheet.append(["天河区", "消费帮扶", 35, dt.date(2024, 8, 1)])
    sheet.append(["天河区", "消费帮扶", "1.5", dt.date(2024, 8, 2)])
    path = tmp_path / "wan.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("purchasing", Decimal(350_000), "2024-08-01", "天河区"),  # 35 x 10,000
        ("purchasing", Decimal(15_000), "2024-08-02", "天河区"),  # 1.5 x 10,000
    ]


@pytest.mark.parametrize("unit_line", [False, True], ids=["header", "unit-line"])
def test_a_cell_in_the_columns_own_unit_is_read_once(cli, tmp_path: Path, unit_line: bool) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    if unit_line:
        sheet.append(["单位：万元"])
    sheet.append(["项目", "金额" if unit_line else "金额（万元）", "日期", "区"])
    sheet.append(["消费帮扶", "3000万元", dt.date(2024, 8, 1), "天河"])
    sheet.append(["消费帮扶", "￥2万", dt.date(2024, 8, 2), "天河"])
    sheet.append(["消费帮扶", 3000, dt.date(2024, 8, 3), "天河"])
    path = tmp_path / "wan.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("purchasing", Decimal(30_000_000), "2024-08-01", "天河区"),  # 3000万元, not x 10,000 again
        ("purchasing", Decimal(20_000), "2024-08-02", "天河区"),  # ￥2万 is 2万元
        ("purchasing", Decimal(30_000_000), "2024-08-03", "天河区"),  # 3000 x 10,000
    ]


@pytest.mark.usefixtures("ledger")  # a refused import creates none
@pytest.mark.parametrize("unit_line", [False, True], ids=["header", "unit-line"])
@pytest.mark.parametrize("cell", ["￥3,000", "3000元", "¥3000", "RMB 3000", "3千元", "1.2万"])
def test_a_cell_with_another_unit_than_its_column_refuses_the_file(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, unit_line: bool, cell: str
) -> None:
    # Yuan or 万元? Scaled, ￥3,000 would be stored as 30,000,000 yuan.
    book, sheet = new_book()
    if unit_line:
        sheet.append(["单位：万元"])
    header = "金额" if unit_line else "金额（万元）"
    sheet.append(["项目", header, "日期", "区"])
    sheet.append(["消费帮扶", 5, dt.date(2024, 8, 1), "天河"])
    sheet.append(["消费帮扶", cell, dt.date(2024, 8, 2), "天河"])
    path = tmp_path / "wan.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 1, result
    row = 4 if unit_line else 3
    assert said(result.stderr) == [
        f"tenactions: error: {path}:{row}: {header}: {cell!r} has its own unit, but the column"
        " is in 万元; write the number alone"
    ]
    assert entries(cli) == []


@pytest.mark.usefixtures("ledger")  # a refused import creates none
def test_a_unit_line_that_contradicts_the_header_refuses_the_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["单位：万元"])
    sheet.append(["区", "目标", "金额（元）", "日期"])
    sheet.append(["天河区", "消费帮扶", 35, dt.date(2024, 8, 1)])
    path = tmp_path / "both.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}:1: the sheet says 单位：万元 but the header '金额（元）'"
        " (row 2) says 元; make them agree"
    ]
    assert entries(cli) == []


@pytest.mark.parametrize(
    ("header", "target", "cell", "expected"),
    [
        ("数量（人）", "recuperation", 30, ("recuperation", Decimal(30))),  # a 名 target
        ("数量（名）", "gig-members", 40, ("gig-members", Decimal(40))),  # a 人 target
        ("数量（人次）", "recuperation", 50, ("recuperation", Decimal(50))),
        ("数量（位）", "gig-members", 6, ("gig-members", Decimal(6))),
        ("金额(单位:万元)", "purchasing", 3.5, ("purchasing", Decimal(35_000))),  # 3.5 x 10,000
        ("金额/万元", "purchasing", 2, ("purchasing", Decimal(20_000))),  # 2 x 10,000
        ("数量/棵", "trees", 7, ("trees", Decimal(7))),
    ],
)
def test_units_people_use(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, header: str, target: str, cell: object, expected: tuple[str, Decimal]
) -> None:
    book, sheet = new_book()
    sheet.append(["区", "目标", header, "日期"])
    sheet.append(["天河区", target, cell, dt.date(2024, 8, 1)])
    path = tmp_path / "units.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [(*expected, "2024-08-01", "天河区")]


def test_header_names_people_use(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["填报单位", "项目名称", "完成数量", "完成时间", "填报日期"])
    sheet.append(["天河区总工会", "植树", 12, dt.date(2024, 8, 1), dt.date(2024, 8, 31)])
    second = book.create_sheet("金额")
    second.append(["填报单位", "项目名称", "完成金额", "完成日期", "填报日期"])
    second.append(["海珠区", "消费帮扶", 500, dt.date(2024, 8, 2), dt.date(2024, 8, 31)])
    path = tmp_path / "names.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    # 填报日期 (when the form was filled in) is not the date of the work.
    assert entries(cli) == [
        ("trees", Decimal(12), "2024-08-01", "天河区"),
        ("purchasing", Decimal(500), "2024-08-02", "海珠区"),
    ]


def test_price_times_quantity_reads_the_column_of_the_targets_unit(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            ["天河区", "消费帮扶", 25, 40, 1000, dt.date(2024, 8, 1)],  # yuan: the 金额, 1,000
            ["天河区", "植树", None, 120, None, dt.date(2024, 8, 2)],  # trees: the 数量, 120
            ["天河区", "消费帮扶", 12.5, 4, 50, dt.date(2024, 8, 3)],  # yuan: 50, not 4
            ["合计", None, None, 164, 1050, None],  # 40 + 120 + 4, and 1,000 + 50: both agree
        ],
        ["区", "目标", "单价", "数量(件)", "金额", "日期"],
    )
    path = tmp_path / "price.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("purchasing", Decimal(1000), "2024-08-01", "天河区"),
        ("trees", Decimal(120), "2024-08-02", "天河区"),
        ("purchasing", Decimal(50), "2024-08-03", "天河区"),
    ]
    assert said(result.stderr) == [f"{path}:7: skipped a total row"]


def test_price_times_quantity_with_a_unit_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["单位：万元"])  # the money column's unit; the 数量 column counts
    sheet.append(["区", "目标", "数量", "金额", "日期"])
    sheet.append(["天河区", "消费帮扶", 40, 1.5, dt.date(2024, 8, 1)])  # 1.5 x 10,000
    sheet.append(["天河区", "植树", 120, None, dt.date(2024, 8, 2)])  # 120 trees, not 万
    path = tmp_path / "price.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("purchasing", Decimal(15_000), "2024-08-01", "天河区"),
        ("trees", Decimal(120), "2024-08-02", "天河区"),
    ]


@pytest.mark.usefixtures("ledger")  # a refused import creates none
def test_a_yuan_column_for_a_count_target_refuses_the_row(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,金额（元）,日期\n消费帮扶,5,2024-08-01\n植树,5,2024-08-01\n", "utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}:3: 金额（元）: the column counts in 元 but Trees planted by volunteers (trees) is counted in trees"
    ]
    assert entries(cli) == []


# --- merged cells, sheets ------------------------------------------------------------------------


def test_district_merged_over_rows_reaches_every_row(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 10, dt.date(2024, 8, 1), None],  # row 4
            [2, None, "植树", 20, dt.date(2024, 8, 2), None],  # row 5
            [3, None, "植树", 30, dt.date(2024, 8, 3), None],  # row 6
            [4, "海珠区", "植树", 40, dt.date(2024, 8, 4), None],  # row 7
            [5, None, "植树", 50, dt.date(2024, 8, 4), None],  # row 8
        ],
    )
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("B7:B8")
    sheet.merge_cells("E7:E8")  # one date for both rows too
    path = tmp_path / "merged.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(10), "2024-08-01", "天河区"),
        ("trees", Decimal(20), "2024-08-02", "天河区"),
        ("trees", Decimal(30), "2024-08-03", "天河区"),
        ("trees", Decimal(40), "2024-08-04", "海珠区"),
        ("trees", Decimal(50), "2024-08-04", "海珠区"),
    ]


def test_a_subtotal_inside_merged_blocks_is_not_data(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 10, dt.date(2024, 8, 1), None],  # row 4
            [2, None, None, 20, None, None],  # row 5: 区, 目标, 日期 merged from row 4
            [
                None,
                None,
                None,
                30,
                None,
                "小计",
            ],  # row 6: inside the merges, its own cells say 小计
            [3, "海珠区", "植树", 5, dt.date(2024, 8, 2), None],  # row 7
        ],
    )
    sheet["A6"] = "小计"
    sheet.merge_cells("B4:B6")
    sheet.merge_cells("C4:C6")
    sheet.merge_cells("E4:E6")
    path = tmp_path / "blocks.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    # Rows 4 and 5 only: 10 + 20 = 30, which the 小计 states, so no warning.
    assert entries(cli) == [
        ("trees", Decimal(10), "2024-08-01", "天河区"),
        ("trees", Decimal(20), "2024-08-01", "天河区"),
        ("trees", Decimal(5), "2024-08-02", "海珠区"),
    ]
    assert f"{path}:6: skipped a subtotal row" in said(result.stderr)
    assert "missing" not in result.stderr


@pytest.mark.usefixtures("ledger")  # a refused import creates none
def test_an_amount_merged_over_rows_refuses_those_rows(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", 10, dt.date(2024, 8, 1), "龙洞"],  # row 4
            [2, "天河区", "植树", 20, dt.date(2024, 8, 2), None],  # row 5
            [3, "天河区", "植树", None, dt.date(2024, 8, 3), None],  # row 6: merged with 5
        ],
    )
    sheet.merge_cells("D5:D6")
    sheet.merge_cells("F4:F5")  # a note merged over rows stays the top row's
    path = tmp_path / "merged-amount.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 1
    merged = "数量: the amount cell is merged over rows 5–6; give each row its own amount"
    assert said(result.stderr) == [
        f"tenactions: error: {path}:5: {merged}",
        f"tenactions: error: {path}:6: {merged}",
    ]
    assert entries(cli) == []

    sheet.unmerge_cells("D5:D6")
    sheet["D6"] = 20
    book.save(path)
    assert cli("import", str(path)).exit_code == 0
    notes = json.loads(cli("entries", "--format", "json").stdout)
    assert [n["note"] for n in sorted(notes, key=lambda n: n["id"])] == ["龙洞", "", ""]


def test_without_a_district_column_the_title_or_file_name_says_the_district(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    header = ["序号", "目标", "数量", "日期"]
    rows = [[1, "植树", 120, dt.date(2024, 8, 1)], [2, "新建基层工会", 3, dt.date(2024, 8, 2)]]

    book, sheet = new_book()
    titled_sheet(sheet, rows, header)  # the title says 天河区工会 …
    tianhe = tmp_path / "2024-08.xlsx"
    book.save(tianhe)

    book, sheet = new_book()
    sheet.append(["海珠区工会 2024年8月十项行动进度填报表"])
    sheet.append(header)
    for row in rows:  # the very same rows, for another district
        sheet.append(row)
    haizhu_title = tmp_path / "报表.xlsx"
    book.save(haizhu_title)

    book, sheet = new_book()
    sheet.append(header)
    sheet.append([1, "植树", 120, dt.date(2024, 8, 1)])
    liwan_name = tmp_path / "荔湾区-2024-08.xlsx"
    book.save(liwan_name)
    nowhere = tmp_path / "2024-08-report.xlsx"
    book.save(nowhere)

    result = cli("import", str(tianhe))
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[-1] == (
        f"{tianhe}: no district column; the rows are 天河区's, as the title says (row 1)."
    )
    result = cli("import", str(haizhu_title))
    assert result.exit_code == 0, result
    assert "2 added, 0 already present" in result.stdout  # not "already present"
    result = cli("import", str(liwan_name))
    assert result.stdout.splitlines()[-1] == (
        f"{liwan_name}: no district column; the rows are 荔湾区's, as the file name says."
    )
    result = cli("import", str(nowhere))
    assert result.stdout.splitlines()[-1] == (
        f"{nowhere}: no district column, and no district in the title or file name; the rows"
        " are city level (no district)."
    )
    assert entries(cli) == [
        ("trees", Decimal(120), "2024-08-01", "天河区"),
        ("unions", Decimal(3), "2024-08-02", "天河区"),
        ("trees", Decimal(120), "2024-08-01", "海珠区"),
        ("unions", Decimal(3), "2024-08-02", "海珠区"),
        ("trees", Decimal(120), "2024-08-01", "荔湾区"),
        ("trees", Decimal(120), "2024-08-01", ""),
    ]


def test_a_ref_column_counting_1_to_n_is_a_row_counter(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    header = ["编号", "区", "目标", "数量", "日期"]
    paths = []
    for month, amounts in ((7, (10, 20, 30)), (8, (11, 21, 31))):
        book, sheet = new_book()
        titled_sheet(
            sheet,
            [
                [n, "天河区", "植树", amount, dt.date(2024, month, n)]
                for n, amount in enumerate(amounts, start=1)
            ]
            + [["合计", None, None, sum(amounts), None]],  # 合计 in the 编号 column
            header,
        )
        paths.append(tmp_path / f"天河区-2024-{month:02d}.xlsx")
        book.save(paths[-1])

    for path in paths:
        result = cli("import", str(path))
        assert result.exit_code == 0, result
        assert "3 added" in result.stdout
        assert (
            f"{path}: the column 编号 numbers the rows 1 to 3: read as a row counter, not as"
            " form numbers."
        ) in result.stdout.splitlines()
    assert [(e[1], e[2]) for e in entries(cli)] == [
        (Decimal(10), "2024-07-01"),
        (Decimal(20), "2024-07-02"),
        (Decimal(30), "2024-07-03"),
        (Decimal(11), "2024-08-01"),
        (Decimal(21), "2024-08-02"),
        (Decimal(31), "2024-08-03"),
    ]
    refs = json.loads(cli("entries", "--format", "json").stdout)
    assert {r["ref"] for r in refs} == {""}


def test_a_real_form_number_conflict_does_not_push_amend_blindly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,区,编号\n植树,10,2024-07-01,天河,F-7\n", encoding="utf-8")
    assert cli("import", str(path)).exit_code == 0
    path.write_text("目标,数量,日期,区,编号\n植树,99,2024-08-01,天河,F-7\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}:2: this row (F-7) is already entry 1 as trees 10 on"
        " 2024-07-01 in 天河区, but the file says trees 99 on 2024-08-01 in 天河区; if this row"
        " corrects entry 1, run 'tenactions amend 1 ...'; if it is a different record, give it"
        " its own form number"
    ]


def test_hidden_first_sheet_is_skipped_and_named(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, hidden = new_book()
    hidden.title = "下拉数据"
    hidden.append(["目标", "数量", "日期"])
    hidden.append(["植树", 999, dt.date(2024, 8, 1)])
    hidden.sheet_state = "hidden"
    visible = book.create_sheet("8月")
    titled_sheet(visible, [[1, "天河区", "植树", 5, dt.date(2024, 8, 1), None]])
    book.active = 1
    path = tmp_path / "hidden.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(5), "2024-08-01", "天河区")]
    assert (
        result.stdout.splitlines()[-1] == "Sheets read: 8月 (1). Hidden sheets skipped: 下拉数据."
    )


def month_book(tmp_path: Path) -> Path:
    """One sheet per month, and a notes sheet with no table."""
    book, july = new_book()
    july.title = "7月"
    titled_sheet(july, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None]])
    august = book.create_sheet("8月")
    titled_sheet(
        august,
        [
            [1, "天河区", "植树", 8, dt.date(2024, 8, 1), None],
            [2, "天河区", "植树", "x", dt.date(2024, 8, 2), None],  # row 5: bad
        ],
    )
    notes = book.create_sheet("填表说明")
    notes.append(["请于每月5日前报送。"])
    path = tmp_path / "months.xlsx"
    book.save(path)
    return path


@pytest.mark.usefixtures("ledger")  # a refused import creates none
def test_every_visible_month_sheet_is_read_and_rows_name_their_sheet(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = month_book(tmp_path)
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}[8月]:5: 数量: 'x' is not an amount"
        " (write 1200, 1,200, 1.2万 or 3亿)"
    ]
    assert entries(cli) == []  # all or nothing, across sheets


def test_sheet_option_picks_one_sheet(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = month_book(tmp_path)
    result = cli("import", str(path), "--sheet", "7月")
    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(7), "2024-07-01", "天河区")]
    assert result.stdout.splitlines()[-1] == "Sheets read: 7月 (1)."


def summary_book(tmp_path: Path, summary_name: str = "汇总") -> Path:
    """July and August sheets, and a summary sheet repeating their three rows."""
    book, july = new_book()
    july.title = "7月"
    titled_sheet(july, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None]])
    august = book.create_sheet("8月")
    august_rows = [
        [1, "天河区", "植树", 8, dt.date(2024, 8, 1), None],
        [2, "天河区", "新建基层工会", 2, dt.date(2024, 8, 2), None],
    ]
    titled_sheet(august, august_rows)
    summary = book.create_sheet(summary_name)
    titled_sheet(summary, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None], *august_rows])
    path = tmp_path / "months.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("name", ["汇总", "全年汇总", "Summary"])
def test_a_summary_sheet_beside_month_sheets_is_skipped(cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    path = summary_book(tmp_path, name)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    # The three rows once: trees 7 + 8, unions 2; not six rows.
    assert entries(cli) == [
        ("trees", Decimal(7), "2024-07-01", "天河区"),
        ("trees", Decimal(8), "2024-08-01", "天河区"),
        ("unions", Decimal(2), "2024-08-02", "天河区"),
    ]
    assert said(result.stderr) == [
        f"{path}[{name}]: skipped a summary sheet (it repeats the other sheets; --sheet reads it)"
    ]
    assert result.stdout.splitlines()[-1] == "Sheets read: 7月 (1)、8月 (2)."

    # Sheet by sheet gives the same three rows: the summary read alone adds nothing new.
    assert cli("import", str(path), "--sheet", name).exit_code == 0
    assert len(entries(cli)) == 3


@pytest.mark.usefixtures("ledger")  # a refused import creates none
def test_a_row_repeated_on_another_sheet_refuses_the_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, july = new_book()
    july.title = "7月"
    titled_sheet(july, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None]])
    copy = book.create_sheet("7月 (2)")  # a copy of July left in the workbook
    titled_sheet(copy, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None]])
    path = tmp_path / "copied.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}[7月 (2)]:4: the same target, date, amount and district as"
        f" {path}[7月]:4; is one sheet a copy of another? (use --force to import both)"
    ]
    assert entries(cli) == []
    assert cli("import", str(path), "--force").exit_code == 0
    assert len(entries(cli)) == 2  # both, as asked: 7 + 7


def test_sheet_option_matches_a_name_with_spaces_around_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.title = " 9月 "
    titled_sheet(sheet, [[1, "天河区", "植树", 9, dt.date(2024, 9, 1), None]])
    book.create_sheet("10月")
    path = tmp_path / "months.xlsx"
    book.save(path)
    result = cli("import", str(path), "--sheet", "9月")
    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(9), "2024-09-01", "天河区")]


def test_months_and_a_notes_sheet(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, july = new_book()
    july.title = "7月"
    titled_sheet(july, [[1, "天河区", "植树", 7, dt.date(2024, 7, 1), None]])
    august = book.create_sheet("8月")
    titled_sheet(august, [[1, "天河区", "植树", 8, dt.date(2024, 8, 1), None]])
    notes = book.create_sheet("填表说明")
    notes.append(["请于每月5日前报送。"])
    path = tmp_path / "months.xlsx"
    book.save(path)

    result = cli("import", str(path), "--lang", "zh")

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(7), "2024-07-01", "天河区"),
        ("trees", Decimal(8), "2024-08-01", "天河区"),
    ]
    assert result.stdout.splitlines()[-1] == (
        "已读取工作表：7月 (1)、8月 (1)。没有数据表的工作表（已跳过）：填表说明。"
    )


# --- what people type ----------------------------------------------------------------------------


def test_dates_amounts_and_districts_as_people_type_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "广州市天河区", "植树", "一千", "2024年6月1号", None],
            [2, "天河区总工会", "消费帮扶", "三万五千", "20240501", None],
            [3, "Tianhe", "消费帮扶", "￥350000", "8月3日", None],
            [4, "tianhe qu", "消费帮扶", "¥1,200.50元", "2024.6.1", None],
            [5, "海珠", "消费帮扶", "1.2万", "8/3", None],
            [6, "越秀区", "植树", "两千零五", "45505", None],  # Excel's serial for 2024-08-01
        ],
    )
    path = tmp_path / "typed.xlsx"
    book.save(path)

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(1000), "2024-06-01", "天河区"),
        ("purchasing", Decimal(35000), "2024-05-01", "天河区"),
        ("purchasing", Decimal(350000), "2024-08-03", "天河区"),
        ("purchasing", Decimal("1200.50"), "2024-06-01", "天河区"),
        ("purchasing", Decimal(12000), "2024-08-03", "海珠区"),
        ("trees", Decimal(2005), "2024-08-01", "越秀区"),
    ]


def test_a_serial_number_in_a_number_cell_is_a_date_inside_the_period(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["区", "目标", "数量", "日期"])
    sheet.append(["天河区", "植树", 5, 45505])  # Excel's serial for 2024-08-01
    sheet.append(["天河区", "植树", 6, 45505.0])
    path = tmp_path / "serial.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(5), "2024-08-01", "天河区"),
        ("trees", Decimal(6), "2024-08-01", "天河区"),
    ]

    sheet.append(["天河区", "植树", 7, 45000])  # 2023-03-15: before the programme
    sheet.append(["天河区", "植树", 8, 45505.5])  # not a whole day
    book.save(path)
    result = cli("import", str(path))
    assert said(result.stderr) == [
        f"tenactions: error: {path}:4: 日期: 45000 is a number, not a date (format the cells as"
        " dates, or write 2024-08-01)",
        f"tenactions: error: {path}:5: 日期: 45505.5 is a number, not a date (format the cells as"
        " dates, or write 2024-08-01)",
    ]


def test_log_takes_the_same_forms(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "trees", "三千五百", "--date", "8月3日", "--district", "广州市天河区")
    assert result.exit_code == 0, result
    result = cli(
        "log", "purchasing", "￥350000", "--date", "2024年6月1号", "--district", "天河区总工会"
    )
    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(3500), "2024-08-03", "天河区"),
        ("purchasing", Decimal(350000), "2024-06-01", "天河区"),
    ]


def test_elided_chinese_numerals_in_log_and_import_alike(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "植树", "一千二", "2024-08-01", None],  # 1000 + 2 x 100 = 1200
            [2, "天河区", "植树", "两百五", "2024-08-02", None],  # 200 + 5 x 10 = 250
            [3, "天河区", "消费帮扶", "三万五", "2024-08-03", None],  # 30000 + 5 x 1000
            [4, "天河区", "植树", "1千2", "2024-08-04", None],  # 1200
            [5, "天河区", "植树", "一千零二", "2024-08-05", None],  # with 零: 1002
        ],
    )
    path = tmp_path / "elided.xlsx"
    book.save(path)
    assert cli("import", str(path)).exit_code == 0
    result = cli("log", "purchasing", "一万二", "--date", "2024-08-06", "--district", "海珠区")
    assert result.exit_code == 0, result
    assert entries(cli) == [
        ("trees", Decimal(1200), "2024-08-01", "天河区"),
        ("trees", Decimal(250), "2024-08-02", "天河区"),
        ("purchasing", Decimal(35000), "2024-08-03", "天河区"),
        ("trees", Decimal(1200), "2024-08-04", "天河区"),
        ("trees", Decimal(1002), "2024-08-05", "天河区"),
        ("purchasing", Decimal(12000), "2024-08-06", "海珠区"),  # 10000 + 2 x 1000
    ]


def test_a_mistyped_district_gets_did_you_mean(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,区\n植树,1,2024-08-01,天和区\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert f"{path}:2: 区: unknown district '天和区' (did you mean 天河区?)" in result.stderr
    result = cli("import", str(path), "--lang", "zh")
    assert "未知的区 '天和区'（是否要输入 天河区？）" in result.stderr


def test_the_readme_lists_exactly_the_headers_the_import_accepts() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("<!-- headers -->")[1].split("<!-- /headers -->")[0]
    listed = {}
    for line in block.strip().splitlines():
        match = re.fullmatch(r"\| `(\w+)` \| (.*) \|", line.strip())
        if match:
            listed[match[1]] = tuple(n.strip().strip("`") for n in match[2].split(", "))
    assert listed == HEADER_NAMES


# --- every format a district may send ------------------------------------------------------------

FIXTURE_ENTRIES = [
    ("trees", Decimal(120), "2024-08-01", "天河区"),
    ("trees", Decimal(80), "2024-08-02", "天河区"),  # the district merged down from row 4
    ("purchasing", Decimal(350_000), "2024-08-03", "海珠区"),  # 35 under 金额（万元）
]


def fixture_book(path: Path) -> None:
    """The workbook behind tests/fixtures/district.{xls,ods}: a hidden first sheet, then two
    visible sheets with a title, a merged district, a SUM total, a sign-off and a unit header."""
    book, hidden = new_book()
    hidden.title = "旧数据"
    hidden.append(["目标", "数量", "日期"])
    hidden.append(["植树", 999, dt.date(2024, 8, 1)])
    hidden.sheet_state = "hidden"
    trees = book.create_sheet("植树")
    titled_sheet(
        trees,
        [
            [1, "天河区", "植树", 120, dt.date(2024, 8, 1), None],  # row 4
            [2, None, "植树", 80, dt.date(2024, 8, 2), None],  # row 5
            ["合计", None, None, "=SUM(D4:D5)", None, None],  # row 6
            ["填报人：张伟", None, "审核人：李主席"],  # row 7
        ],
    )
    trees.merge_cells("B4:B5")
    money = book.create_sheet("消费帮扶")
    titled_sheet(
        money,
        [[1, "海珠区", "消费帮扶", 35, dt.date(2024, 8, 3), None]],
        ["序号", "区", "目标", "金额（万元）", "日期", "备注"],
    )
    book.active = 1
    book.save(path)


def check_fixture_import(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == FIXTURE_ENTRIES
    assert result.stdout.splitlines()[-1] == (
        "Sheets read: 植树 (2)、消费帮扶 (1). Hidden sheets skipped: 旧数据."
    )
    assert f"{path}[植树]:6: skipped a total row" in said(result.stderr)
    assert f"{path}[植树]:7: skipped a sign-off row (填报人/审核人…)" in said(result.stderr)
    assert "warning" not in result.stderr


def test_the_fixture_as_xlsx(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "district.xlsx"
    fixture_book(path)
    check_fixture_import(cli, path)


@pytest.mark.parametrize("name", ["district.xls", "district.ods"])
def test_committed_xls_and_ods_fixtures(cli, name: str) -> None:  # type: ignore[no-untyped-def]
    # fixture_book() saved by LibreOffice as .xls and .ods (see tests/fixtures/README.md).
    check_fixture_import(cli, FIXTURES / name)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_resaved_by_libreoffice(cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "made" / "district.xlsx"
    source.parent.mkdir()
    fixture_book(source)
    path = resave(source, kind, tmp_path / "resaved")
    check_fixture_import(cli, path)


def resave(source: Path, kind: str, outdir: Path) -> Path:
    """``source`` opened and saved again by LibreOffice as ``kind`` (formulas recalculated)."""
    assert SOFFICE is not None
    profile = outdir / "profile"  # its own profile: runs in parallel do not share a lock
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", kind,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    path = outdir / f"{source.stem}.{kind}"
    assert path.exists()
    return path


def test_tables_pasted_one_below_the_other(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text(
        "目标,数量,日期\n植树,1,2024-08-01\n目标,数量,日期\n植树,2,2024-08-02\n", encoding="utf-8"
    )
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert said(result.stderr) == [f"{path}:3: skipped the header repeated"]
    assert [e[1] for e in entries(cli)] == [1, 2]


def test_number_cells_read_as_excel_shows_them(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["目标", "金额", "日期"])
    # What =0.1+0.2 and =1.1*3 leave in a cell: 0.30000000000000004 and 3.3000000000000003,
    # which Excel shows (at 15 significant digits) as 0.3 and 3.3.
    sheet.append(["消费帮扶", 0.1 + 0.2, dt.date(2024, 8, 1)])
    sheet.append(["消费帮扶", 1.1 * 3, dt.date(2024, 8, 1)])
    path = tmp_path / "floats.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert [e[1] for e in entries(cli)] == [Decimal("0.3"), Decimal("3.3")]


def test_a_hidden_sheet_named_with_sheet_is_read(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.title = "旧数据"
    sheet.append(["目标", "数量", "日期"])
    sheet.append(["植树", 4, dt.date(2024, 8, 1)])
    sheet.sheet_state = "hidden"
    book.create_sheet("说明").append(["见旧数据"])
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 1  # the one visible sheet has no table
    assert said(result.stderr) == [
        f"tenactions: error: {path}: no header row in rows 1-1: no row names the columns target,"
        " amount and date (accepted names: target: target, 目标, 项目, 指标, 项目名称, 目标名称, target id, 目标代码;"
        " amount: amount, quantity, 数量, 金额, 数量/金额, 数额, 数值, 完成数, 完成数量, 完成金额;"
        " date: date, 日期, 完成日期, 完成时间, 时间; district: district, 区, 区县, 地区, 区域,"
        " 所属区, 辖区, 填报单位)"
    ]
    result = cli("import", str(path), "--sheet", "旧数据")  # asked for by name: read
    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(4), "2024-08-01", "")]


def test_a_password_protected_workbook_gets_one_clear_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    fixture_book(plain)
    path = tmp_path / "天河-加密.xlsx"
    with plain.open("rb") as source, path.open("wb") as out:
        OOXMLFile(source).encrypt(
            "secret", out
        )  # what Excel writes for 文件 > 信息 > 用密码进行加密

    result = cli("import", str(path))
    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}: is protected by a password; open it in Excel/WPS,"
        " remove the password and save it again"
    ]
    result = cli("import", str(path), "--lang", "zh")
    assert said(result.stderr) == [
        f"tenactions: 错误：{path}: 设有密码；请用 Excel/WPS 打开，取消密码后重新保存"
    ]


def test_an_xlsm_workbook_is_read_like_xlsx(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    titled_sheet(sheet, [[1, "天河区", "植树", 6, dt.date(2024, 8, 1), None]])
    path = tmp_path / "宏.xlsm"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(6), "2024-08-01", "天河区")]


def test_a_unit_written_as_danwei(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,金额（单位：万元）,日期\n消费帮扶,2.5,2024-08-01\n", encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [("purchasing", Decimal(25_000), "2024-08-01", "")]  # 2.5 x 10,000


def test_the_summary_groups_digits_as_the_progress_does(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "big.csv"
    rows = "".join(f"植树,1,2024-08-{day % 28 + 1:02d},天河,row {day}\n" for day in range(1200))
    path.write_text("目标,数量,日期,区,备注\n" + rows, encoding="utf-8")
    result = cli("import", str(path), "--lang", "zh")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[0] == "big.csv：共 1,200 行，新增 1,200 行，0 行已存在。"


def test_a_sign_off_row_with_labels_and_names_in_separate_cells(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book, sheet = new_book()
    sheet.append(["目标", "数量", "日期", "填报人"])
    sheet.append(["植树", 9, dt.date(2024, 8, 1), "王芳"])
    sheet.append(["填报人", "张伟", "审核人", "李主席"])  # row 3
    path = tmp_path / "signed.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert entries(cli) == [("trees", Decimal(9), "2024-08-01", "")]
    assert said(result.stderr) == [f"{path}:3: skipped a sign-off row (填报人/审核人…)"]


def test_entries_since_a_day_without_a_year(cli) -> None:  # type: ignore[no-untyped-def]
    for day in ("2024-07-31", "2024-08-01", "2024-08-05", "2024-08-06"):
        assert cli("log", "trees", "1", "--date", day).exit_code == 0
    result = cli("entries", "--since", "8月1日", "--until", "8/5", "--format", "json")
    assert result.exit_code == 0, result
    assert sorted(r["date"] for r in json.loads(result.stdout)) == ["2024-08-01", "2024-08-05"]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "warning: the total row says 12,346 but the rows above add up to 12,345;"),
        ("zh", "警告：合计行为 12,346，但上面各行相加为 12,345；"),
    ],
)
def test_a_total_that_disagrees_shows_every_digit(
    cli, tmp_path: Path, lang: str, line: str
) -> None:  # type: ignore[no-untyped-def]
    # 12,000 + 345 = 12,345 against a stated 12,346: the short forms (1.2万 / 12.3k) would be
    # the same figure twice, so a comparison is shown exactly.
    book, sheet = new_book()
    titled_sheet(
        sheet,
        [
            [1, "天河区", "消费帮扶", 12000, dt.date(2024, 8, 1), None],
            [2, "天河区", "消费帮扶", 345, dt.date(2024, 8, 2), None],
            ["合计", None, None, 12346, None, None],  # row 6
        ],
    )
    path = tmp_path / "天河.xlsx"
    book.save(path)

    result = cli("--lang", lang, "import", str(path))

    assert result.exit_code == 0, result
    assert line in result.stderr, result.stderr


def two_month_book(path: Path, september: list[list[object]]) -> None:
    """A workbook with a sheet per month, each with form numbers; ``september`` its 9月 rows."""
    book, august = new_book()
    august.title = "8月"
    header = ["目标", "数量", "日期", "区", "备注", "编号"]
    august.append(header)
    august.append(["消费帮扶", 1001, dt.date(2024, 8, 1), "天河", "a", "A-1"])
    sept = book.create_sheet("9月")
    sept.append(header)
    for row in september:
        sept.append(row)
    book.save(path)


SEPTEMBER: list[list[object]] = [
    ["消费帮扶", 2001, dt.date(2024, 9, 1), "天河", "b", "B-1"],
    ["消费帮扶", 2002, dt.date(2024, 9, 2), "天河", "b", "B-2"],
]


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "en",
            "tenactions: warning: {path}[9月]:3: this row (B-2) is entry 3, except its note"
            " ('late'; the entry has 'b'); kept as recorded: to change it, run"
            " 'tenactions amend 3 --note ...'",
        ),
        (
            "zh",
            "tenactions: 注意：{path}[9月]:3: 该行（B-2）即第 3 条记录，仅备注不同（文件：'late'；"
            "记录：'b'）；保留原记录：如需修改请用 'tenactions amend 3 --note ...'",
        ),
    ],
)
def test_a_warning_on_a_later_sheet_names_the_sheet(
    cli, tmp_path: Path, lang: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    first, again = tmp_path / "th.xlsx", tmp_path / "th2.xlsx"
    two_month_book(first, SEPTEMBER)
    two_month_book(again, [SEPTEMBER[0], [*SEPTEMBER[1][:4], "late", "B-2"]])
    assert cli("import", str(first)).exit_code == 0

    result = cli("--lang", lang, "import", str(again))

    assert result.exit_code == 0, result
    assert said(result.stderr) == [says.format(path=again)]


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_refused_row_on_a_later_sheet_names_the_sheet(cli, tmp_path: Path, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    first, again = tmp_path / "th.xlsx", tmp_path / "th2.xlsx"
    two_month_book(first, SEPTEMBER)
    two_month_book(
        again, [SEPTEMBER[0], ["消费帮扶", 2020, dt.date(2024, 9, 2), "天河", "b", "B-2"]]
    )
    assert cli("import", str(first)).exit_code == 0
    before = entries(cli)

    result = cli("import", str(again), *(["--dry-run"] if dry_run else []))

    assert result.exit_code == 1, result
    assert said(result.stderr) == [
        f"tenactions: error: {again}[9月]:3: this row (B-2) is already entry 3 as purchasing"
        " 2002 on 2024-09-02 in 天河区, but the file says purchasing 2020 on 2024-09-02 in"
        " 天河区; if this row corrects entry 3, run 'tenactions amend 3 ...'; if it is a"
        " different record, give it its own form number"
    ]
    assert entries(cli) == before
