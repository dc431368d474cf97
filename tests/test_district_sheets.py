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


def test_a_yuan_column_for_a_count_target_refuses_the_row(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,金额（元）,日期\n消费帮扶,5,2024-08-01\n植树,5,2024-08-01\n", "utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 1
    assert said(result.stderr) == [
        f"tenactions: error: {path}:3: 金额（元）: the column counts in 元 but trees is counted in 棵"
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
        " amount and date (accepted names: target: target, 目标, 项目, 指标; amount: amount,"
        " quantity, 数量, 金额, 数量/金额, 数额, 数值, 完成数, 完成数量; date: date, 日期, 完成日期,"
        " 时间; district: district, 区, 区县, 地区, 区域, 所属区, 辖区)"
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
        f"tenactions: 错误: {path}: 设有密码；请用 Excel/WPS 打开，取消密码后重新保存"
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
