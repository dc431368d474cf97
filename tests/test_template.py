"""``tenactions template``: the sheet districts fill in, and the round trip back through import."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def said(stderr: str) -> list[str]:
    """The lines on stderr, without the note that the test's new ledger was created."""
    return [line for line in stderr.splitlines() if not line.startswith("created a new ledger")]


def make_template(cli, tmp_path: Path, *args: str) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "天河区-2024-08.xlsx"
    result = cli("template", "--output", str(path), *args)
    assert result.exit_code == 0, result
    assert said(result.stderr)[0].startswith(f"Template written to {path} ")
    return path


def test_template_sheet(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_template(cli, tmp_path, "--district", "天河", "--month", "2024-08", "--rows", "10")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报表", "填表说明", "选项"]
    assert book["选项"].sheet_state == "hidden"
    sheet = book["填报表"]
    assert isinstance(sheet, Worksheet)
    assert sheet["A1"].value == "天河区工会 2024年8月十项行动进度填报表"
    assert "A1:G1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[2]] == [
        "目标",
        "数量/金额",
        "日期",
        "区",
        "填报人",
        "备注",
        "表单编号",  # not 编号: a district's 1, 2, 3 would be read as a row counter
    ]
    # Rows 3-12 to fill in, the district already there; 合计 on row 13, sign-off on row 15.
    assert [sheet.cell(row=r, column=4).value for r in (3, 12)] == ["天河区", "天河区"]
    assert sheet["C3"].number_format == "yyyy-mm-dd"
    assert sheet["G3"].number_format == "@"
    assert (sheet["A13"].value, sheet["B13"].value) == ("合计", "=SUM(B3:B12)")
    assert sheet["A15"].value == "填报人："
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    # The shipped programme has 22 targets and 12 districts (11 districts and 市本级).
    assert validations["A3:A12"].formula1 == "'选项'!$A$1:$A$22"
    assert validations["D3:D12"].formula1 == "'选项'!$B$1:$B$12"
    assert validations["B3:B12"].type == "decimal"
    # August 2024 as Excel counts days: 2024-08-01 is day 45505, 2024-08-31 day 45535.
    date_check = validations["C3:C12"]
    assert (date_check.type, date_check.formula1, date_check.formula2) == ("date", "45505", "45535")
    lists = book["选项"]
    assert lists["A1"].value == "发布第二批职工春秋游推荐目的地"  # action 1's first target
    assert [lists.cell(row=r, column=2).value for r in (1, 4, 12)] == ["越秀区", "天河区", "市本级"]
    notes = book["填表说明"]
    assert "不要填 1、2、3 这样的行序号" in notes["A4"].value
    rows = {row[0]: row for row in notes.iter_rows(min_row=7, values_only=True)}
    assert rows["trees"][1:3] == ("义务植树", "棵")
    assert rows["purchasing"][1:5] == ("全市各级工会全年消费帮扶", "元", "累计", 1_000_000_000)
    assert len(rows) == 22


def fill(path: Path, out: Path) -> None:
    """A district fills three rows, as a person would in Excel."""
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    sheet["A3"], sheet["B3"], sheet["C3"] = "义务植树", 120, dt.date(2024, 8, 1)
    sheet["A4"], sheet["B4"], sheet["C4"] = "全市各级工会全年消费帮扶", 35000.5, dt.date(2024, 8, 2)
    sheet["G4"] = "0012"
    sheet["A5"], sheet["B5"], sheet["C5"] = "新建25人以上基层工会", 3, dt.date(2024, 8, 3)
    sheet["F5"] = "合计三家"  # a note that says 合计 is still data
    book.save(out)


EXPECTED = [
    ("trees", Decimal(120), "2024-08-01", "天河区", ""),
    ("purchasing", Decimal("35000.5"), "2024-08-02", "天河区", "0012"),
    ("unions", Decimal(3), "2024-08-03", "天河区", ""),
]


def stored(cli) -> list[tuple[str, Decimal, str, str, str]]:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("entries", "--format", "json").stdout, parse_float=Decimal)
    rows.sort(key=lambda r: r["id"])
    return [(r["target"], Decimal(r["amount"]), r["date"], r["district"], r["ref"]) for r in rows]


def test_filled_template_imports(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    template = make_template(cli, tmp_path, "--district", "天河", "--month", "2024-08")
    empty = cli("import", str(template))
    assert empty.exit_code == 0 and "0 rows: 0 added" in empty.stdout, empty
    filled = tmp_path / "filled.xlsx"
    fill(template, filled)

    result = cli("import", str(filled))

    assert result.exit_code == 0, result
    assert stored(cli) == EXPECTED
    assert result.stdout.splitlines() == [
        "filled.xlsx: 3 rows: 3 added, 0 already present.",
        "Sheets read: 填报表 (3). Hidden sheets skipped: 选项. Sheets with no table, skipped: 填表说明.",
    ]
    # Rows 6-52 are unfilled (the district is there, nothing else): not worth a line each.
    assert said(result.stderr) == [
        f"{filled}[填报表]:53: skipped a total row",
        f"{filled}[填报表]:55: skipped a sign-off row (填报人/审核人…)",
    ]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_filled_template_resaved_by_libreoffice(cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    template = make_template(cli, tmp_path, "--district", "天河", "--month", "2024-08")
    filled = tmp_path / "filled" / "filled.xlsx"
    filled.parent.mkdir()
    fill(template, filled)
    assert SOFFICE is not None
    outdir = tmp_path / "resaved"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", kind, "--outdir", str(outdir), str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    path = outdir / f"filled.{kind}"

    result = cli("import", str(path))

    assert result.exit_code == 0, result
    assert stored(cli) == EXPECTED
    # LibreOffice calculated the 合计: 120 + 35,000.5 + 3 = 35,123.5, which agrees.
    assert "warning" not in result.stderr
    assert f"{path}[填报表]:53: skipped a total row" in said(result.stderr)


def test_template_without_district_or_month(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_template(cli, tmp_path)
    sheet = openpyxl.load_workbook(path)["填报表"]
    assert sheet["A1"].value == "十项行动进度填报表"
    assert sheet["D3"].value is None


def test_the_notes_sheet_gives_each_goal_as_an_exact_number(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    # Goals whose short form would read rounded down: 10,050 was '1万', 99,999,999 '9999.9万'.
    shipped = (Path(__file__).resolve().parents[1] / "data" / "actions.yaml").read_text("utf-8")
    assert shipped.count("goal: 5000\n") == 1 and shipped.count("goal: 10亿\n") == 1
    programme = tmp_path / "p.yaml"
    programme.write_text(
        shipped.replace("goal: 5000\n", "goal: 10050\n").replace(
            "goal: 10亿\n", "goal: 99999999.99\n"
        ),
        "utf-8",
    )
    path = make_template(cli, tmp_path, "--programme", str(programme))
    notes = openpyxl.load_workbook(path)["填表说明"]
    cells = {row[0].value: row[4] for row in notes.iter_rows(min_row=7)}
    assert (cells["trees"].value, cells["trees"].number_format) == (10050, "#,##0")
    purchasing = cells["purchasing"]
    assert (Decimal(str(purchasing.value)), purchasing.number_format) == (
        Decimal("99999999.99"),
        "#,##0.00",
    )


@pytest.mark.parametrize(
    "text", ["2024-09", "9月", "９月", "2024年9月", "2024-9", "2024/9", "202409"]
)
def test_the_month_is_read_as_people_write_it(text: str) -> None:
    from tenactions.programme import load_programme
    from tenactions.sheets.template import template_month

    from .conftest import SHIPPED

    assert template_month(text, load_programme(SHIPPED)) == (2024, 9)


def test_city_level_template_is_the_city_federations(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "市本级.xlsx"
    result = cli("template", "--output", str(path), "--district", "市本级", "--rows", "1")
    assert result.exit_code == 0, result
    assert said(result.stderr) == [
        f"Template written to {path} (1 row to fill in); send it to the districts, then import it."
    ]
    sheet = openpyxl.load_workbook(path)["填报表"]
    assert sheet["A1"].value == "广州市总工会 十项行动进度填报表"
