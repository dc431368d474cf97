"""Import files (.csv in UTF-8/GBK, .xlsx) and exports, on real files written in tmp_path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tenactions.errors import ImportFileError
from tenactions.model import Action, District, Programme, Target
from tenactions.sheets import (
    EXPORT_COLUMNS,
    SheetReader,
    content_uid,
    iter_import_rows,
    neutralise,
    unneutralise,
    write_entries_csv,
    write_entries_json,
    write_entries_xlsx,
)
from tenactions.store import NewEntry, StoredEntry, open_store

TODAY = dt.date(2024, 10, 1)


def _target(id: str, name_zh: str, *, decimals: int = 0, aliases: tuple[str, ...] = ()) -> Target:
    return Target(
        id=id, action=6, name_zh=name_zh, name_en=id, unit_zh="个", unit_en="units",
        kind="cumulative", goal=Decimal(5000), start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31), decimals=decimals, aliases=aliases,
    )  # fmt: skip


PROGRAMME = Programme(
    name_zh="测试计划", name_en="Test programme", start=dt.date(2024, 1, 1),
    end=dt.date(2024, 12, 31), source="test",
    actions=(Action(6, "行动", "Action", targets=(
        _target("trees", "义务植树", aliases=("植树",)),
        _target("coupons", "疗休养优惠券", decimals=2, aliases=("优惠券",)),
    )),),
    districts=(District("越秀区", "Yuexiu", ("越秀",)), District("海珠区", "Haizhu", ("海珠",))),
)  # fmt: skip


def read(path: Path, *, default_by: str = "tester") -> list[NewEntry]:
    return list(
        iter_import_rows(path, PROGRAMME, default_by=default_by, source="import:t", today=TODAY)
    )


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFileError) as caught:
        read(path)
    return caught.value.lines()


def csv_file(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def xlsx_file(tmp_path: Path, rows: list[list[object]], name: str = "in.xlsx") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def stored(n: int, **changes: object) -> StoredEntry:
    fields: dict[str, object] = dict(
        id=n, uid=f"log:{n}", target="trees", date=dt.date(2024, 8, 1), amount_c=120000,
        district="越秀区", by="王芳", note="", ref="", source="log", amends=None,
        created_at="2024-08-01T08:00:00+00:00", void=False, void_reason=None, void_by=None,
        void_at=None,
    )  # fmt: skip
    fields.update(changes)
    return StoredEntry(**fields)  # type: ignore[arg-type]


# --- CSV encodings and headers ----------------------------------------------------------------


def test_utf8_csv_with_english_headers(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "target,amount,date,district,by,note,ref\n"
        "trees,120,2024-08-01,Yuexiu,李明,春季植树,\n"
        "coupons,1234.56,2024-08-02,,,,C-7\n",
    )
    first, second = read(path)
    assert first == NewEntry(
        uid=first.uid, target="trees", date=dt.date(2024, 8, 1), amount_c=12000,
        district="越秀区", by="李明", note="春季植树", ref="", source="import:t",
    )  # fmt: skip
    assert first.uid.startswith("row:") and first.uid.endswith("#0")
    assert (second.target, second.amount_c, second.district) == ("coupons", 123456, "")
    # The form number is kept as typed; its identity is case-folded.
    assert (second.by, second.ref, second.uid) == ("tester", "C-7", "ref::c-7")


def test_utf8_with_bom_and_chinese_headers(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "\ufeff目标,数量,日期,区,填报人,备注,编号\r\n植树,50,2024/8/1,越秀,王芳,村口,YX-001\r\n",
    )
    (entry,) = read(path)
    assert (entry.target, entry.amount_c, entry.date) == ("trees", 5000, dt.date(2024, 8, 1))
    assert (entry.district, entry.by, entry.note) == ("越秀区", "王芳", "村口")
    assert entry.uid == "ref:越秀区:yx-001"  # the identity: the form number case-folded


def test_gbk_csv_from_chinese_windows(tmp_path: Path) -> None:
    text = (
        "目标,金额,日期,区县,备注\r\n"
        "义务植树,30,2024年8月1日,越秀,一\r\n"
        "植树,20,2024-08-02,越秀区,二\r\n"
        "优惠券,1.5万,2024-08-03,Yuexiu,三\r\n"
        "trees,7,2024-08-04,海珠,四\r\n"
    )
    path = csv_file(tmp_path, text, encoding="gbk")
    entries = read(path)
    assert [e.target for e in entries] == ["trees", "trees", "coupons", "trees"]
    assert [e.district for e in entries] == ["越秀区", "越秀区", "越秀区", "海珠区"]
    assert [e.note for e in entries] == ["一", "二", "三", "四"]
    assert entries[2].amount_c == 1_500_000


def test_gbk_detected_even_when_only_the_last_row_has_chinese(tmp_path: Path) -> None:
    rows = "".join(f"trees,1,2024-08-01,,n{i}\n" for i in range(5000))
    path = csv_file(tmp_path, "target,amount,date,district,note\n" + rows + "trees,1,2024-08-01,,备注\n",
                    encoding="gb18030")  # fmt: skip
    entries = read(path)
    assert len(entries) == 5001 and entries[-1].note == "备注"


@pytest.mark.parametrize(
    "header",
    [
        "项目,数额,日期,区县",
        " Target ,AMOUNT,Date,地区",
        "目标,数量（个）,日期 *,区域",
        "指标,Amount (个),完成日期,district",
    ],
)
def test_header_variants(tmp_path: Path, header: str) -> None:
    path = csv_file(tmp_path, f"{header}\ntrees,5,2024-08-01,越秀\n")
    (entry,) = read(path)
    assert (entry.target, entry.amount_c, entry.district) == ("trees", 500, "越秀区")


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "序号,目标,数量,日期,联系电话\n1,植树,5,2024-08-01,138\n")
    (entry,) = read(path)
    assert entry.amount_c == 500 and entry.note == ""


@pytest.mark.parametrize(
    ("amount", "target", "hundredths"),
    [
        ('"1,200"', "trees", 120_000),
        ("1.2万", "trees", 1_200_000),
        ("0.35亿", "coupons", 3_500_000_000),
        ("１２００", "trees", 120_000),
        ("１，２００．５", "coupons", 120_050),
        ("1200棵", "trees", 120_000),
        ("1234.56", "coupons", 123_456),
    ],
)
def test_amount_forms(tmp_path: Path, amount: str, target: str, hundredths: int) -> None:
    path = csv_file(tmp_path, f"target,amount,date\n{target},{amount},2024-08-01\n")
    (entry,) = read(path)
    assert entry.amount_c == hundredths


@pytest.mark.parametrize(
    "text", ["2024-08-01", "2024/8/1", "2024.8.1", "2024年8月1日", "20240801", "２０２４－０８－０１",
             "2024-08-01 00:00:00", " 2024 年 8 月 1 日 "],
)  # fmt: skip
def test_date_forms(tmp_path: Path, text: str) -> None:
    path = csv_file(tmp_path, f"target,amount,date\ntrees,1,{text}\n")
    (entry,) = read(path)
    assert entry.date == dt.date(2024, 8, 1)


def test_quoted_multiline_note_counts_as_one_row(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        'target,amount,date,note\r\ntrees,1,2024-08-01,"第一行\r\n第二行"\r\nnope,1,2024-08-01,\r\n',
    )
    assert problems(path)[0].startswith(f"{path}:3: target: unknown target 'nope'")
    path.write_text('target,amount,date,note\r\ntrees,1,2024-08-01,"第一行\r\n第二行"\r\n')
    (entry,) = read(path)
    assert entry.note == "第一行\n第二行"


def test_trailing_empty_fields_are_fine_and_short_rows_have_missing_values(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, "target,amount,date,note,by\ntrees,1,2024-08-01,,,,\ntrees,2,2024-08-02\n"
    )
    first, second = read(path)
    assert (first.amount_c, second.amount_c, second.note, second.by) == (100, 200, "", "tester")
    short = csv_file(tmp_path, "target,amount,date\ntrees,2\n", name="short.csv")
    assert problems(short) == [f"{short}:2: date: is empty"]


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_with_real_date_cells_and_numbers(tmp_path: Path) -> None:
    path = xlsx_file(
        tmp_path,
        [
            ["目标", "数量", "日期", "区", "编号", "备注"],
            ["植树", 120, dt.date(2024, 8, 1), "越秀", 1001, "整数"],
            ["优惠券", 1234.56, dt.datetime(2024, 8, 2, 15, 30), "Haizhu", None, "小数"],
            ["trees", 3.0, "2024年8月3日", None, None, None],
            [None, None, None, None, None, None],
            ["trees", "1.2万", dt.datetime(2024, 8, 4), "", "", ""],
        ],
    )
    entries = read(path)
    assert [(e.target, e.amount_c, e.date) for e in entries] == [
        ("trees", 12000, dt.date(2024, 8, 1)),
        ("coupons", 123456, dt.date(2024, 8, 2)),
        ("trees", 300, dt.date(2024, 8, 3)),
        ("trees", 1_200_000, dt.date(2024, 8, 4)),
    ]
    assert entries[0].ref == "1001" and entries[0].uid == "ref:越秀区:1001"
    assert entries[1].district == "海珠区"


def _formula_book(tmp_path: Path, saved_value: str | None) -> Path:
    """A workbook whose B2 is ``=600*2``; openpyxl saves no value, so add one to the XML."""
    path = xlsx_file(tmp_path, [["target", "amount", "date"], ["trees", "=600*2", "2024-08-01"]],
                     name="raw.xlsx")  # fmt: skip
    if saved_value is None:
        return path
    out = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>600*2</f><v />" in data
                data = data.replace(
                    b"<f>600*2</f><v />", f"<f>600*2</f><v>{saved_value}</v>".encode()
                )
            dst.writestr(item, data)
    return out


def test_xlsx_formula_cell_reads_its_saved_value(tmp_path: Path) -> None:
    (entry,) = read(_formula_book(tmp_path, "1200"))
    assert entry.amount_c == 120_000


def test_xlsx_formula_without_saved_value_is_a_row_error(tmp_path: Path) -> None:
    path = _formula_book(tmp_path, None)
    assert problems(path) == [
        f"{path}:2: amount: formula has no saved value; open and save the file in Excel/WPS"
    ]


def test_xlsx_error_cell_is_reported(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path, [["target", "amount", "date"], ["trees", "#N/A", "2024-08-01"]])
    assert problems(path) == [f"{path}:2: amount: the cell shows the error #N/A"]


def test_xlsx_reads_every_visible_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["target", "amount", "date"])
    first.append(["trees", 1, "2024-08-01"])
    other = book.create_sheet("9月")
    other.append(["target", "amount", "date"])
    other.append(["trees", 2, "2024-09-01"])
    book.active = 1
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert [e.amount_c for e in read(path)] == [100, 200]


def test_xlsx_row_numbers_count_leading_blank_rows(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path, [[None], ["2024年报表"], ["target", "amount", "date"],
                                ["trees", "lots", dt.date(2024, 8, 1)]])  # fmt: skip
    # The title row is skipped: the header is found below it, and rows keep their numbers.
    (line,) = problems(path)
    assert line.startswith(f"{path}:4: amount: 'lots' is not an amount")
    path = xlsx_file(
        tmp_path, [[None], ["target", "amount", "date"], ["trees", "lots", dt.date(2024, 8, 1)]]
    )
    (line,) = problems(path)
    assert line.startswith(f"{path}:3: amount: 'lots' is not an amount")


# --- bad rows ------------------------------------------------------------------------------------


def test_every_kind_of_bad_row_is_reported_with_its_row_number(tmp_path: Path) -> None:
    rows = [
        "target,amount,date,district,note,void",
        "trees,1,2024-08-01,,fine,",  # 2
        ",,,,,",  # 3 blank: skipped, still counted for row numbers
        "trea,1,2024-08-01,,,",  # 4
        ",1,2024-08-01,,,",  # 5
        "trees,abc,2024-08-01,,,",  # 6
        "trees,0,2024-08-01,,,",  # 7
        "trees,1.5,2024-08-01,,,",  # 8
        "coupons,1.234,2024-08-01,,,",  # 9
        "trees,,2024-08-01,,,",  # 10
        "trees,1,2024-13-01,,,",  # 11
        "trees,1,last week,,,",  # 12
        "trees,1,2023-12-31,,,",  # 13
        "trees,1,2025-01-01,,,",  # 14
        "trees,1,2024-10-02,,,",  # 15
        "trees,1,2024-08-01,朝阳,,",  # 16
        "trees,1,2024-08-01,,,,surplus",  # 17
        "trees,1,2024-08-01,,bell\x07,",  # 18
        "trees,1,2024-08-01,,,maybe",  # 19
        "nope,-5,someday,火星,,",  # 20
    ]
    path = csv_file(tmp_path, "\n".join(rows) + "\n")
    lines = problems(path)
    expected = [
        "4: target: unknown target 'trea' (did you mean trees?)",
        "5: target: is empty",
        "6: amount: 'abc' is not an amount",
        "7: amount: the amount 0 must be greater than zero",
        "8: amount: the amount '1.5' for trees (trees) must be a whole number",
        "9: amount: the amount '1.234' for coupons (coupons) has more than 2 decimal places",
        "10: amount: is empty",
        "11: date: '2024-13-01' is not a real date",
        "12: date: 'last week' is not a date",
        "13: date: 2023-12-31 is before the programme starts (2024-01-01)",
        "14: date: 2025-01-01 is after the programme ends (2024-12-31)",
        "15: date: 2024-10-02 is in the future (today is 2024-10-01)",
        "16: district: unknown district '朝阳'",
        "17: the row has 7 values but the header has 6 columns",
        "18: note: the text contains a control character (U+0007)",
        "19: void: 'maybe' is not true or false",
        "20: target: unknown target 'nope'",
    ]
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}:{start}"), (line, start)
    assert lines[5].endswith("has more than 2 decimal places")
    # Every problem of a row is on its one line.
    assert (
        "; amount: the amount -5 must be greater than zero; date: 'someday' is not a date"
        in lines[-1]
    )
    assert "; district: unknown district '火星'" in lines[-1]


def test_rows_stream_until_a_bad_last_row_then_nothing_more(tmp_path: Path) -> None:
    body = "".join(f"trees,{i % 90 + 1},2024-08-01,,row {i}\n" for i in range(20_000))
    path = csv_file(
        tmp_path, "target,amount,date,district,note\n" + body + "trees,x,2024-08-01,,\n"
    )
    reader = SheetReader(path, PROGRAMME, default_by="t", source="s", today=TODAY)
    rows = iter(reader)
    assert next(rows).note == "row 0"  # the first entry comes before the file is read through
    got = 1
    with pytest.raises(ImportFileError) as caught:
        for _ in rows:
            got += 1
    assert got == 20_000
    assert caught.value.lines() == [
        f"{path}:20002: amount: 'x' is not an amount (write 1200, 1,200, 1.2万 or 3亿)"
    ]
    assert (reader.rows, reader.bad_rows) == (20_001, 1)


def test_after_a_bad_row_no_entry_is_yielded(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date\nnope,1,2024-08-01\ntrees,1,2024-08-01\n")
    rows = iter_import_rows(path, PROGRAMME, default_by="t", source="s", today=TODAY)
    with pytest.raises(ImportFileError):
        next(rows)


def test_bad_rows_listed_up_to_fifty_then_counted(tmp_path: Path) -> None:
    body = "".join(f"trees,bad{i},2024-08-01\n" for i in range(60))
    path = csv_file(tmp_path, "target,amount,date\n" + body)
    lines = problems(path)
    assert len(lines) == 51
    assert lines[0].startswith(f"{path}:2: amount: 'bad0'")
    assert lines[49].startswith(f"{path}:51: amount: 'bad49'")
    assert lines[50] == f"{path}: … and 10 more bad rows"


def test_nothing_is_written_when_a_row_is_bad(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date\ntrees,1,2024-08-01\ntrees,1,2099-01-01\n")
    with open_store(tmp_path / "ledger.db") as store:
        with pytest.raises(ImportFileError):
            store.import_entries(
                iter_import_rows(path, PROGRAMME, default_by="t", source="s", today=TODAY)
            )
        assert store.counts() == (0, 0)


# --- files that are not what they claim -----------------------------------------------------------


def test_missing_required_columns_name_the_file_and_the_headers_found(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,qty,day,备注\ntrees,1,2024-08-01,x\n")
    (line,) = problems(path)
    assert line.startswith(
        f"{path}:1: missing column amount (amount/quantity/数量); date (date/日期/完成日期)"
    )
    assert line.endswith("has: 'target', 'qty', 'day', '备注'")


def test_two_columns_with_one_meaning_are_refused(tmp_path: Path) -> None:
    # (数量 beside 金额 is a quantity and a money column: each row reads its target's one.)
    path = csv_file(tmp_path, "目标,数量,完成数,日期\ntrees,1,1,2024-08-01\n")
    assert problems(path) == [f"{path}:1: columns '数量' and '完成数' both mean amount; rename one"]


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date\ntrees,1,2024-08-01\n", name="fake.xlsx")
    (line,) = problems(path)
    assert line == (
        f"{path}: is not a workbook (.xlsx, .xls or .ods) but another kind of file;"
        " if it is CSV text, name it .csv"
    )


def test_truncated_xlsx(tmp_path: Path) -> None:
    rows: list[list[object]] = [["target", "amount", "date"]]
    rows += [["trees", i, dt.date(2024, 8, 1)] for i in range(1, 2000)]
    path = xlsx_file(tmp_path, rows)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    (line,) = problems(path)
    assert "is not a readable workbook (damaged, truncated" in line


def test_xlsx_with_damaged_sheet_data(tmp_path: Path) -> None:
    rows: list[list[object]] = [["target", "amount", "date"]]
    rows += [["trees", i, dt.date(2024, 8, 1)] for i in range(1, 200)]
    good = xlsx_file(tmp_path, rows, name="good.xlsx")
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the zip is sound, the sheet's XML stops midway
            dst.writestr(item, data)
    (line,) = problems(path)
    assert "is damaged" in line and "open it in Excel/WPS and save it again" in line


def test_xlsx_named_csv_and_old_xls(tmp_path: Path) -> None:
    book = xlsx_file(tmp_path, [["target", "amount", "date"]])
    renamed = tmp_path / "book.csv"
    renamed.write_bytes(book.read_bytes())
    assert "is a zip file (an .xlsx workbook?)" in problems(renamed)[0]
    ole = tmp_path / "old.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "is not a readable workbook" in problems(ole)[0]


@pytest.mark.parametrize("name", ["entries.txt", "entries.numbers", "entries", "entries.json"])
def test_unsupported_file_types_are_refused_before_reading(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("target,amount,date\n")
    with pytest.raises(ImportFileError) as caught:
        SheetReader(path, PROGRAMME, default_by="t", source="s")
    assert caught.value.lines() == [
        f"{path}: unsupported file type, use .csv, .xlsx, .xlsm, .xls or .ods"
    ]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.csv"
    with pytest.raises(ImportFileError, match="no such file"):
        SheetReader(path, PROGRAMME, default_by="t", source="s")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n,,,\n"])
def test_empty_csv_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    (line,) = problems(path)
    assert line.startswith(f"{path}: the file is empty")


def test_empty_xlsx_is_an_error(tmp_path: Path) -> None:
    path = xlsx_file(tmp_path, [])
    assert problems(path)[0].startswith(f"{path}: the file is empty")


def test_header_only_is_zero_rows_not_an_error(tmp_path: Path) -> None:
    for path in (
        csv_file(tmp_path, "\ufeff目标,数量,日期\r\n"),
        xlsx_file(tmp_path, [["target", "amount", "date"]]),
    ):
        reader = SheetReader(path, PROGRAMME, default_by="t", source="s", today=TODAY)
        assert list(reader) == [] and reader.rows == 0


# --- identity -----------------------------------------------------------------------------------


def test_identical_rows_in_one_file_are_distinct_entries(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, "target,amount,date\ntrees,5,2024-08-01\ntrees,5,2024-08-01\ntrees,6,2024-08-01\n"
    )
    first, second, third = read(path)
    assert first.uid == content_uid("trees", dt.date(2024, 8, 1), 500, "", "", "", 0)
    assert second.uid == content_uid("trees", dt.date(2024, 8, 1), 500, "", "", "", 1)
    assert third.uid.endswith("#0") and len({first.uid, second.uid, third.uid}) == 3


def test_written_forms_of_the_same_row_have_the_same_uid(tmp_path: Path) -> None:
    a = csv_file(
        tmp_path, "target,amount,date,district\ntrees,1200,2024-08-01,越秀\n", name="a.csv"
    )
    b = xlsx_file(
        tmp_path,
        [["目标", "数量", "日期", "区"], ["义务植树", "1,200", dt.date(2024, 8, 1), "Yuexiu"]],
    )
    assert read(a)[0].uid == read(b)[0].uid


def test_overlapping_files_add_only_new_rows(tmp_path: Path) -> None:
    header = "target,amount,date,district\n"
    r1, r2, r3 = (
        "trees,1,2024-08-01,越秀\n",
        "trees,2,2024-08-02,越秀\n",
        "trees,3,2024-08-03,海珠\n",
    )
    a = csv_file(tmp_path, header + r1 + r2 + r2, name="a.csv")
    b = csv_file(tmp_path, header + r2 + r2 + r2 + r3, name="b.csv")
    with open_store(tmp_path / "ledger.db") as store:

        def load(path: Path) -> int:
            rows = iter_import_rows(path, PROGRAMME, default_by="t", source="s", today=TODAY)
            return store.import_entries(rows).added

        assert load(a) == 3
        assert load(b) == 2  # the third copy of r2, and r3
        assert load(a) == 0 and load(b) == 0
        assert store.total_c("trees") == 100 + 2 * 200 + 200 + 300


def test_who_imports_does_not_change_identity(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, "target,amount,date,填报人\ntrees,1,2024-08-01,\ntrees,1,2024-08-01,王芳\n"
    )
    mine, theirs = read(path, default_by="me"), read(path, default_by="you")
    assert [e.uid for e in mine] == [e.uid for e in theirs]
    assert [e.by for e in mine] == ["me", "王芳"] and [e.by for e in theirs] == ["you", "王芳"]


def test_refs_are_unique_per_district_within_a_file(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date,district,ref\n"
                              "trees,1,2024-08-01,越秀,A-1\ntrees,2,2024-08-01,海珠,A-1\n")  # fmt: skip
    assert [e.uid for e in read(path)] == ["ref:越秀区:a-1", "ref:海珠区:a-1"]
    path.write_text(
        "target,amount,date,district,ref\ntrees,1,2024-08-01,越秀,A-1\ntrees,2,2024-08-01,越秀区,A-1\n"
    )
    assert problems(path) == [
        f"{path}:3: ref: 'A-1' appears more than once in this file for 越秀区"
    ]


def test_void_rows_of_an_export_are_skipped(tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "uid,target,amount,date,void\nu1,trees,1,2024-08-01,true\nu2,trees,2,2024-08-01,是\n"
        "u3,trees,3,2024-08-01,1\nu4,trees,4,2024-08-01,false\nu5,trees,5,2024-08-01,\nu6,trees,6,2024-08-01,否\n",
    )
    reader = SheetReader(path, PROGRAMME, default_by="t", source="s", today=TODAY)
    assert [e.uid for e in reader] == ["u4", "u5", "u6"]
    assert (reader.rows, reader.void_skipped) == (6, 3)


def test_on_row_reports_progress_and_estimate(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date\n" + "trees,1,2024-08-01\n" * 2500 + "\n")
    seen: list[int] = []
    reader = SheetReader(
        path, PROGRAMME, default_by="t", source="s", today=TODAY, on_row=seen.append
    )
    assert len(list(reader)) == 2500
    assert seen == list(range(1, 2501))
    assert reader.estimated_rows == 2502


# --- export ------------------------------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://evil.example","点我")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1:A2)",
              "\tcmd", "\rcmd"]  # fmt: skip


@pytest.mark.parametrize(
    "text", [*INJECTIONS, "'=already quoted", "''@twice", "plain", "'quoted'", "", "-"]
)
def test_neutralise_round_trips(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unneutralise(safe) == text


def test_csv_and_xlsx_exports_neutralise_formula_text(tmp_path: Path) -> None:
    entries = [stored(i + 1, note=text, by=text, ref=text) for i, text in enumerate(INJECTIONS)]
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert write_entries_csv(entries, csv_path) == len(INJECTIONS)
    assert write_entries_xlsx(entries, xlsx_path, PROGRAMME) == len(INJECTIONS)
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["note"] for r in rows] == ["'" + t for t in INJECTIONS]
    assert [r["by"] for r in rows] == [r["ref"] for r in rows] == ["'" + t for t in INJECTIONS]
    book = openpyxl.load_workbook(xlsx_path)
    sheet = book.active
    assert sheet is not None
    note_col = EXPORT_COLUMNS.index("note") + 1
    cells = [sheet.cell(row=r, column=note_col) for r in range(2, len(INJECTIONS) + 2)]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula
    # XML turns a carriage return into a line feed; everything else is kept as written.
    assert [c.value for c in cells] == ["'" + t.replace("\r", "\n") for t in INJECTIONS]


def test_csv_export_format(tmp_path: Path) -> None:
    entries = [
        stored(1, note="第一, \"引号\""),
        stored(2, target="coupons", amount_c=123456, district="", void=True, void_reason="重复",
               void_by="me", void_at="2024-08-03T00:00:00+00:00"),
        stored(3, amount_c=5, amends=2),
    ]  # fmt: skip
    buffer = io.BytesIO()
    assert write_entries_csv(entries, buffer) == 3
    raw = buffer.getvalue()
    assert raw.startswith(
        b"\xef\xbb\xbfid,uid,target,target_name,date,amount,district,by,note,ref,source,amends,void,"
        b"void_reason,created_at,login\r\n"
    )
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    # Without a programme to name them, targets have no name; an SQLite ledger, no login.
    assert rows[1] == ["1", "log:1", "trees", "", "2024-08-01", "1200", "越秀区", "王芳", '第一, "引号"', "", "log",
                       "", "false", "", "2024-08-01T08:00:00+00:00", ""]  # fmt: skip
    assert rows[2][5:7] == ["1234.56", ""] and rows[2][12:14] == ["true", "重复"]
    assert rows[3][5] == "0.05" and rows[3][11] == "2"


def test_json_export_is_an_array_with_exact_numbers(tmp_path: Path) -> None:
    entries = [
        stored(1),
        stored(2, target="coupons", amount_c=99_999_999_999_999_999, void=True, void_reason="x"),
    ]
    path = tmp_path / "out.json"
    assert write_entries_json(iter(entries), path) == 2
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    # the login only where a server recorded one
    assert [list(d) for d in data] == [[c for c in EXPORT_COLUMNS if c != "login"]] * 2
    assert data[0]["amount"] == 1200 and data[0]["void"] is False and data[0]["void_reason"] is None
    assert data[1]["amount"] == Decimal("999999999999999.99") and data[1]["void"] is True
    assert data[0]["district"] == "越秀区" and data[0]["date"] == "2024-08-01"
    empty = io.BytesIO()
    assert write_entries_json([], empty) == 0 and json.loads(empty.getvalue()) == []


def test_xlsx_export_has_typed_cells_and_a_frozen_header(tmp_path: Path) -> None:
    entries = [
        stored(1),
        stored(2, target="coupons", amount_c=123456, void=True, void_reason="重复"),
    ]
    path = tmp_path / "out.xlsx"
    write_entries_xlsx(entries, path, PROGRAMME)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    first, second = sheet[2], sheet[3]
    assert (first[2].value, first[3].value) == ("trees", "trees")  # its English name is its id
    assert first[4].value == dt.datetime(2024, 8, 1) and first[4].is_date
    assert first[5].value == 1200 and first[5].number_format == "#,##0"
    assert second[5].value == 1234.56 and second[5].number_format == "#,##0.00"
    # Void as the CSV says it (text, not TRUE/FALSE boolean cells).
    assert (first[12].value, second[12].value, second[13].value) == ("false", "true", "重复")
    assert first[15].value is None  # no login in an SQLite ledger
    assert (sheet.column_dimensions["I"].width or 0) >= 30  # notes in Chinese


def test_export_then_import_restores_the_same_entries(tmp_path: Path) -> None:
    source = csv_file(
        tmp_path,
        "目标,数量,日期,区,填报人,备注,编号\n"
        '植树,1200,2024-08-01,越秀,王芳,=HYPERLINK("http://x"),\n'
        "优惠券,1234.56,2024-08-02,海珠,李明,+cmd,C-1\n"
        "植树,5,2024-08-03,,,-1+1,\n"
        "植树,5,2024-08-03,,,-1+1,\n"
        "植树,7,2024-08-04,越秀,,@SUM(A1),\n"
        '植树,9,2024-08-05,,,"多行\r\n备注",\n',
    )
    with open_store(tmp_path / "one.db") as store:
        store.import_entries(read(source))
        store.void(3, "重复录入", "me")
        (ours,) = read(csv_file(tmp_path, "target,amount,date\ntrees,1,2024-08-06\n", name="x.csv"))
        store.amend(1, ours, "数量录错", "me")
        ledger = list(store.entries(include_void=True, newest_first=False))
        kept = {e.uid: e for e in ledger if not e.void}
        write_entries_csv(ledger, tmp_path / "export.csv")
        write_entries_xlsx(ledger, tmp_path / "export.xlsx", PROGRAMME)
        for name in ("export.csv", "export.xlsx"):
            reader = SheetReader(
                tmp_path / name, PROGRAMME, default_by="other", source="restore", today=TODAY
            )
            back = list(reader)
            assert reader.void_skipped == 2
            assert {e.uid for e in back} == set(kept)
            for e in back:
                k = kept[e.uid]
                assert (e.target, e.date, e.amount_c, e.district, e.by, e.note, e.ref) == (
                    k.target,
                    k.date,
                    k.amount_c,
                    k.district,
                    k.by,
                    k.note,
                    k.ref,
                )
            assert store.import_entries(iter(back)).added == 0
        with open_store(tmp_path / "two.db") as fresh:
            rows = iter_import_rows(
                tmp_path / "export.xlsx", PROGRAMME, default_by="t", source="s", today=TODAY
            )
            assert fresh.import_entries(rows).added == len(kept)
            assert fresh.total_c("trees") == store.total_c("trees")
            assert fresh.total_c("coupons") == store.total_c("coupons")


def test_reading_csv_loads_no_spreadsheet_library(tmp_path: Path) -> None:
    path = csv_file(tmp_path, "target,amount,date\ntrees,1,2024-08-01\n")
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from tenactions import sheets\n"
        "from tenactions.programme import load_programme, shipped_programme_path\n"
        "programme = load_programme(shipped_programme_path())\n"
        f"rows = list(sheets.iter_import_rows(Path({str(path)!r}), programme, default_by='t', source='s',"
        " today=dt.date(2024, 10, 1)))\n"
        "sheets.write_entries_csv([], __import__('io').BytesIO())\n"
        "assert len(rows) == 1\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl was imported'\n"
        "assert 'python_calamine' not in sys.modules, 'python_calamine was imported'\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_csv_rows_neutralise_only_text_that_could_start_a_formula() -> None:
    import datetime as dt

    from tenactions.sheets.writing import _csv_row
    from tenactions.store import StoredEntry

    def row(note: str, amount_c: int, amends: int | None, void: bool) -> list[str]:
        return _csv_row(
            StoredEntry(
                1, "ref:天河区:@x", "trees", dt.date(2024, 3, 1), amount_c, "天河区", "+by",
                note, "\tref", "import:a.csv", amends, "2026-01-01T00:00:00+00:00", void,
                "@why" if void else None, "me" if void else None, "2026" if void else None,
            )
        )  # fmt: skip

    fixed = [
        "1",
        "ref:天河区:@x",
        "trees",
        "trees",
        "2024-03-01",
    ]  # no programme: the id as its name
    assert row('=HYPERLINK("http://x")', 123456, None, False) == [
        *fixed, "1234.56", "天河区", "'+by", '\'=HYPERLINK("http://x")', "'\tref", "import:a.csv",
        "", "false", "", "2026-01-01T00:00:00+00:00", "",
    ]  # fmt: skip
    assert row("'=already", 100, 7, True)[5:14] == [
        "1", "天河区", "'+by", "''=already", "'\tref", "import:a.csv", "7", "true", "'@why",
    ]  # fmt: skip
    assert row("说明 -1+1", 250000, None, False)[5:9] == ["2500", "天河区", "'+by", "说明 -1+1"]
    assert row("-1+1", 5, None, False)[5:9] == ["0.05", "天河区", "'+by", "'-1+1"]


_CELL_TEXT = st.text(alphabet=st.sampled_from("=+-@\t\r'a天 1"), max_size=4)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(_CELL_TEXT, min_size=8, max_size=8),
    amount_c=st.integers(1, 10**20),
    amends=st.none() | st.integers(1, 10**6),
    void=st.booleans(),
    lang=st.sampled_from(["en", "zh"]),
)
def test_a_csv_row_is_the_export_values_written_out(
    texts: list[str], amount_c: int, amends: int | None, void: bool, lang: str
) -> None:
    # _csv_row writes each cell in line for speed; it must say what export_values says,
    # every text cell neutralised, the amount as the exact decimal.
    from tenactions.messages import t
    from tenactions.sheets.cells import neutralise
    from tenactions.sheets.writing import _csv_row, export_values

    uid, target, district, by, note, ref, source, reason = texts
    entry = StoredEntry(
        9, uid, target, dt.date(2024, 2, 29), amount_c, district, by, note, ref, source,
        amends, "2026-01-01T00:00:00+00:00", void, reason if void else None, None, None,
    )  # fmt: skip
    yes_no = (t(lang, "yes"), t(lang, "no")) if lang == "zh" else ("true", "false")
    expected = []
    for i, value in enumerate(export_values(entry)):
        if isinstance(value, bool):
            expected.append(yes_no[0] if value else yes_no[1])
        elif isinstance(value, Decimal):
            expected.append(f"{value:f}")
        elif isinstance(value, dt.date):
            expected.append(value.isoformat())
        elif value is None:
            expected.append("")
        elif isinstance(value, str) and i not in (0, 4, 5):
            expected.append(neutralise(value))
        else:
            expected.append(str(value))
    assert _csv_row(entry, yes_no=yes_no) == expected


_AWKWARD_TEXT = st.text(alphabet=st.sampled_from(',"\r\n\x00a 天'), max_size=4)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(_AWKWARD_TEXT, min_size=7, max_size=7), min_size=1, max_size=4))
# Each character that needs quoting alone in an otherwise plain row, and a plain row.
@example(rows=[["a b", "", "天", "", "", "", ""]])
@example(rows=[["", "", "", "", 'say "hi"', "", ""]])
@example(rows=[["", "", "", "", "a,b", "", ""]])
@example(rows=[["", "", "", "", "a\rb", "", ""]])
@example(rows=[["", "", "", "", "a\nb", "", ""]])
@example(rows=[["", "", "", "", "a\x00b", "", ""]])
def test_the_csv_export_writes_what_the_csv_module_writes(rows: list[list[str]]) -> None:
    # csv_chunks joins plain rows itself and leaves rows that need quoting to the csv
    # module: the bytes must be the module's either way.
    import csv
    import io

    from tenactions.sheets.writing import _csv_row, csv_chunks, export_header, target_namer

    entries = []
    for n, (uid, target, district, by, note, ref, source) in enumerate(rows, start=1):
        entries.append(
            StoredEntry(
                n, uid, target, dt.date(2024, 2, 29), 150, district, by, note, ref, source,
                None, "2026-01-01T00:00:00+00:00", False, None, None, None,
            )
        )  # fmt: skip
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(export_header("en"))
    no_name = target_namer(None, "en")  # no programme: an empty name column
    writer.writerows(_csv_row(entry, target_name=no_name) for entry in entries)
    assert b"".join(csv_chunks(entries)) == ("\ufeff" + expected.getvalue()).encode("utf-8")
