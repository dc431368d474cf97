"""An export edited by hand and imported again never gives a silently wrong figure or a double
count: an edited row is refused with the command to run, an export cut of its id columns is
recognised by form number or refused, and a row added with a blank entry number is new."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tenactions.messages import LANGS
from tests.conftest import ledger_state

SMALL = (
    ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化"),
    (
        "log",
        "purchasing",
        "0.35亿",
        "--district",
        "天河",
        "--ref",
        "CG-2024-031",
        "-d",
        "2024-05-01",
    ),
    ("log", "unions", "2", "-d", "2024-05-02", "--district", "海珠"),
)


def _logged(cli, db: str, *extra: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    for argv in (*SMALL, *extra):
        done = cli(*argv, "--db", db)
        assert done.exit_code == 0, (argv, done)


def _export(cli, db: str, path: Path, lang: str) -> list[list[object]]:  # type: ignore[no-untyped-def]
    """Export the ledger to ``path`` (its format from the suffix) and return its rows."""
    fmt = path.suffix.lstrip(".")
    done = cli("export", "--format", fmt, "--lang", lang, "-o", str(path), "--db", db)
    assert done.exit_code == 0, done
    if fmt == "csv":
        return [list(r) for r in csv.reader(io.StringIO(path.read_text("utf-8-sig")))]
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _write(path: Path, rows: list[list[object]]) -> None:
    """Save rows as a spreadsheet would after an edit: CSV as text, XLSX through openpyxl."""
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(rows)
        return
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def _col(rows: list[list[object]], *names: str) -> int:
    return next(i for i, name in enumerate(rows[0]) if name in names)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_edited_export_is_refused_naming_the_row_the_entry_and_the_command(
    cli, tmp_path: Path, ledger: str, lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / f"e.{fmt}", lang)
    amount, void = _col(rows, "amount", "数量"), _col(rows, "void", "作废")
    rows[1][amount] = 350 if fmt == "xlsx" else "350"  # entry 1: 300 -> 350
    rows[3][void] = "true" if lang == "en" else "是"  # entry 3 marked void
    edited = tmp_path / f"edited.{fmt}"
    _write(edited, rows)
    before = ledger_state(ledger)

    done = cli("import", str(edited), "--lang", lang, "--db", ledger)

    assert done.exit_code == 1, done
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert f"edited.{fmt}:2" in lines[0] and "tenactions amend 1" in lines[0]
    assert "350" in lines[0] and "300" in lines[0]
    assert f"edited.{fmt}:4" in lines[1] and "tenactions void 3 --reason" in lines[1]
    assert ("marks it void" if lang == "en" else "标为作废") in lines[1]
    assert ledger_state(ledger) == before
    # The unchanged export is still "already there".
    again = cli("import", str(tmp_path / f"e.{fmt}"), "--lang", "en", "--db", ledger)
    assert again.exit_code == 0, again
    assert "0 added, 3 already present" in again.stdout
    assert ledger_state(ledger) == before


def test_an_export_reimported_after_its_entry_changed_is_refused_unless_it_says_what_is_live(
    cli, tmp_path: Path, ledger: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(
        cli,
        ledger,
        ("amend", "1", "250", "--reason", "数量录错"),
        ("void", "3", "--reason", "重复"),
    )
    rows = _export(cli, ledger, tmp_path / "now.csv", "en")
    # The current export, amendment and voids included, re-imports as it is; a note edit is
    # reported, not written.
    rows[2][_col(rows, "note")] = "补报"
    _write(tmp_path / "note.csv", rows)
    before = ledger_state(ledger)
    same = cli("import", str(tmp_path / "note.csv"), "--db", ledger)
    assert same.exit_code == 0, same
    assert "0 added, 4 already present" in same.stdout
    assert "note.csv:3" in same.stderr and "tenactions amend 2 --note" in same.stderr
    # An export older than the amendment: entry 1 counts 300 there, 250 (entry 4) here.
    old = [r for r in rows if r[0] != "4"]
    old[1][_col(rows, "amount")], old[1][_col(rows, "void")] = "300", "false"
    _write(tmp_path / "old.csv", old)
    done = cli("import", str(tmp_path / "old.csv"), "--db", ledger)
    assert done.exit_code == 1, done
    assert "old.csv:2" in done.stderr and "now entry 4" in done.stderr
    assert "tenactions amend 4" in done.stderr
    assert ledger_state(ledger) == before


@pytest.mark.parametrize("lang", LANGS)
def test_an_export_without_its_id_columns_is_refused_where_rows_cannot_be_recognised(
    cli, tmp_path: Path, ledger: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / "e.csv", lang)
    _write(tmp_path / "noid.csv", [r[2:] for r in rows])  # 条目号 and 记录标识 cut off
    before = ledger_state(ledger)

    done = cli("import", str(tmp_path / "noid.csv"), "--lang", lang, "--db", ledger)

    assert done.exit_code == 1, done
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "noid.csv:2" in line and "--force" in line
    assert ("count the entry twice" if lang == "en" else "重复计数") in line
    assert ledger_state(ledger) == before
    # The row with a form number alone is recognised: already there.
    _write(tmp_path / "ref.csv", [r[2:] for r in rows[:1] + rows[2:3]])
    ref = cli("import", str(tmp_path / "ref.csv"), "--lang", "en", "--db", ledger)
    assert ref.exit_code == 0, ref
    assert "0 added, 1 already present" in ref.stdout
    # --force says the rows are new: they are added, as asked.
    forced = cli("import", str(tmp_path / "noid.csv"), "--force", "--lang", "en", "--db", ledger)
    assert forced.exit_code == 0, forced
    assert "2 added, 1 already present" in forced.stdout


def test_the_demo_ledger_exported_without_ids_adds_nothing(
    cli, tmp_path: Path, ledger: str
) -> None:  # type: ignore[no-untyped-def]
    from tenactions.demo import demo_entries
    from tenactions.programme import load_programme, shipped_programme_path
    from tenactions.store import open_store

    with open_store(ledger) as store:
        seeded = store.import_entries(demo_entries(load_programme(shipped_programme_path())))
    rows = _export(cli, ledger, tmp_path / "demo.xlsx", "zh")
    _write(tmp_path / "noid.xlsx", [r[2:] for r in rows])
    before = ledger_state(ledger)

    done = cli("import", str(tmp_path / "noid.xlsx"), "--dry-run", "--lang", "en", "--db", ledger)

    assert done.exit_code == 0, done
    assert f"0 would be added, {seeded.added:,} already present" in done.stdout
    # Two live entries of a district never share a form number, the demo's included.
    district, ref = rows[1][_col(rows, "区")], rows[1][_col(rows, "表单编号")]
    taken = cli("log", "trees", "1", "--ref", str(ref), "--district", str(district), "--db", ledger)
    assert taken.exit_code == 1 and "entry 1" in taken.stderr, taken
    assert ledger_state(ledger) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_row_added_to_an_export_with_a_blank_entry_number_is_new(
    cli, tmp_path: Path, ledger: str, lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / f"e.{fmt}", lang)
    added = ["" for _ in rows[0]]
    for names, value in (
        (("target", "目标代码"), "trees"),
        (("date", "日期"), "2024-03-13"),
        (("amount", "数量"), "5"),
        (("district", "区"), "从化区"),
        (("void", "作废"), "false" if lang == "en" else "否"),
    ):
        added[_col(rows, *names)] = value
    path = tmp_path / f"added.{fmt}"
    _write(path, [*rows, added])

    done = cli("import", str(path), "--lang", "en", "--db", ledger)

    assert done.exit_code == 0, done
    assert "1 added, 3 already present" in done.stdout
    listed = cli("entries", "--format", "csv", "--db", ledger).stdout
    assert "2024-03-13,5,Conghua" in listed
    # A malformed entry number stays refused, saying to leave it blank.
    before = ledger_state(ledger)
    added[0] = "x1"
    _write(path, [*rows, added])
    bad = cli("import", str(path), "--lang", lang, "--db", ledger)
    assert bad.exit_code == 1, bad
    assert f"added.{fmt}:5" in bad.stderr
    assert ("leave it blank for a new entry" if lang == "en" else "新增的行请留空") in bad.stderr
    assert ledger_state(ledger) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_row_whose_record_id_was_cleared_beside_its_entry_number_is_refused(
    cli, tmp_path: Path, ledger: str, lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / f"e.{fmt}", lang)
    rows[3][_col(rows, "uid", "记录标识")] = None if fmt == "xlsx" else ""  # entry 3
    path = tmp_path / f"cleared.{fmt}"
    _write(path, rows)
    before = ledger_state(ledger)

    done = cli("import", str(path), "--lang", lang, "--db", ledger)

    assert done.exit_code == 1, done
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert f"cleared.{fmt}:4" in line
    if lang == "en":
        assert "entry number 3" in line and "restore it from the export" in line
        assert "clear the entry number to add the row as a new entry" in line
    else:
        assert "条目号 3" in line and "从导出文件中恢复记录标识" in line and "清空条目号" in line
    assert ledger_state(ledger) == before
    # Both cleared: the row is new, as a row added to the export is.
    rows[3][_col(rows, "id", "条目号")] = None if fmt == "xlsx" else ""
    _write(path, rows)
    new = cli("import", str(path), "--lang", "en", "--db", ledger)
    assert new.exit_code == 0, new
    assert "1 added, 2 already present" in new.stdout


_TECHNICAL = {
    "id",
    "uid",
    "amends",
    "void_reason",
    "条目号",
    "记录标识",
    "更正自条目号",
    "作废原因",
}


def _without(rows: list[list[object]], names: set[str]) -> list[list[object]]:
    keep = [i for i, name in enumerate(rows[0]) if name not in names]
    return [[row[i] for i in keep] for row in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_export_cut_of_all_its_technical_columns_is_still_told_by_the_others(
    cli, tmp_path: Path, ledger: str, lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / f"e.{fmt}", lang)
    login = "login" if lang == "en" else "数据库登录名"
    ordinary = {"created_at", "录入时间"}
    before = ledger_state(ledger)
    # Told by the login column alone, or by 名称, 来源, 作废 and 录入时间 together.
    for cut in (_TECHNICAL, _TECHNICAL | ordinary, _TECHNICAL | {login}):
        path = tmp_path / f"cut.{fmt}"
        _write(path, _without(rows, cut))

        done = cli("import", str(path), "--dry-run", "--lang", lang, "--db", ledger)

        assert done.exit_code == 1, (cut, done)
        assert "Traceback" not in done.stderr
        [line] = done.stderr.strip().splitlines()
        assert f"cut.{fmt}:2" in line and "--force" in line
        assert (
            "without its id and uid columns" if lang == "en" else "条目号和记录标识两列"
        ) in line
    # Without both, it may be a district's sheet (录入时间 and 名称 are ordinary words): read so.
    _write(path, _without(rows, _TECHNICAL | ordinary | {login}))
    done = cli("import", str(path), "--dry-run", "--lang", "en", "--db", ledger)
    assert done.exit_code == 0, done
    assert "2 would be added, 1 already present" in done.stdout
    assert ledger_state(ledger) == before


@pytest.mark.parametrize("lang", LANGS)
def test_an_export_without_only_its_uid_column_says_that_column_is_missing(
    cli, tmp_path: Path, ledger: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    _logged(cli, ledger)
    rows = _export(cli, ledger, tmp_path / "e.xlsx", lang)
    _write(tmp_path / "nouid.xlsx", _without(rows, {"uid", "记录标识"}))
    before = ledger_state(ledger)

    done = cli("import", str(tmp_path / "nouid.xlsx"), "--lang", lang, "--db", ledger)

    assert done.exit_code == 1, done
    [line] = done.stderr.strip().splitlines()
    assert "nouid.xlsx:2" in line and "--force" in line
    if lang == "en":
        assert "without its uid column (记录标识)" in line and "id and uid" not in line
    else:
        assert "删去了记录标识一列" in line and "条目号和记录标识" not in line
    assert ledger_state(ledger) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_export_cut_of_a_column_a_restore_needs_is_refused(
    cli, tmp_path: Path, ledger: str, new_ledger, lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    # Entry 1 voided, entry 2 amended by entry 4: the export says so only in its 作废 and
    # 更正自条目号 columns (and its 条目号 links them). Restored without one of them, voided
    # entries would count again or vanish with their links.
    _logged(cli, ledger)
    assert cli("void", "1", "--reason", "录错", "--db", ledger).exit_code == 0
    assert cli("amend", "2", "0.4亿", "--db", ledger).exit_code == 0
    rows = _export(cli, ledger, tmp_path / f"e.{fmt}", lang)
    fresh = new_ledger()
    names = {"id": ("id", "条目号"), "void": ("void", "作废"), "amends": ("amends", "更正自条目号")}
    for field, (en, zh) in names.items():
        path = tmp_path / f"cut-{field}.{fmt}"
        _write(path, _without(rows, {en, zh}))
        for db in (ledger, fresh):
            before = ledger_state(db)
            done = cli("import", str(path), "--lang", lang, "--db", db)
            assert done.exit_code == 1, (field, done)
            assert "Traceback" not in done.stderr
            [line] = done.stderr.strip().splitlines()
            assert f"cut-{field}.{fmt}:" in line and "--force" in line, line
            assert (en if lang == "en" else zh) in line, line
            assert ledger_state(db) == before
    # The whole export still restores the same figures.
    whole = tmp_path / f"e.{fmt}"
    assert cli("import", str(whole), "--db", fresh).exit_code == 0
    report = ("report", "--format", "json", "--as-of", "2024-10-01")
    assert cli(*report, "--db", fresh).stdout == cli(*report, "--db", ledger).stdout
