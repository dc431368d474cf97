"""An export in either language and either format, imported into a new ledger, restores it:
entry numbers, amendment links and voids, whatever the language of the export's headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tenactions.messages import LANGS, t
from tenactions.sheets.cells import EXPORT_COLUMNS
from tenactions.sheets.tables import HEADER_INDEX, HEADER_NAMES, header_key

# Restoring keeps what an entry says; where it came from (``source``), when it was written
# (``created_at``) and, on a server, who wrote it (``login``) are the restore's own.
RESTORE_OWN = ("source", "created_at", "login")


def ledger_csv(cli, db: Path | str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The ledger's English CSV export, without the columns a restore writes anew."""
    result = cli("export", "--format", "csv", "--db", str(db))
    assert result.exit_code == 0, result
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    keep = [i for i, name in enumerate(rows[0]) if name not in RESTORE_OWN]
    assert len(keep) == len(EXPORT_COLUMNS) - len(RESTORE_OWN)
    return [[row[i] for i in keep] for row in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_export_in_any_language_restores_the_ledger(
    cli, tmp_path: Path, ledger_db: str, new_ledger: Callable[[], str], lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    db, new = ledger_db, new_ledger()
    for argv in (
        ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化", "--note", "植树节"),
        ("log", "unions", "12", "-d", "2024-06-01"),
        ("log", "trees", "5", "-d", "2024-04-01", "--ref", "F-1"),
        ("void", "2", "--reason", "重复录入"),
        ("amend", "1", "250", "--reason", "数量录错"),
    ):
        assert cli(*argv, "--db", db).exit_code == 0, argv
    export = tmp_path / f"e.{fmt}"
    done = cli("export", "--format", fmt, "--lang", lang, "-o", str(export), "--db", db)
    assert done.exit_code == 0, done

    back = cli("import", str(export), "--db", new, "--lang", lang)

    assert back.exit_code == 0, back
    before = ledger_csv(cli, db)
    after = ledger_csv(cli, new)
    assert after == before
    # entry 2 void with its reason; entry 4 amends entry 1, which is void
    assert [r[0] for r in after[1:]] == ["1", "2", "3", "4"]
    assert after[2][-2:] == ["true", "重复录入"] and after[4][-3:] == ["1", "false", ""]
    report = [cli("report", "--format", "json", "--db", d).stdout for d in (db, new)]
    assert report[0] == report[1] and '"actual"' in report[0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_export_header_reads_back_as_its_own_column(lang: str) -> None:
    # The names come from the export's own catalogue ids: a renamed header is still read.
    for name in EXPORT_COLUMNS:
        if name in HEADER_NAMES:
            assert HEADER_INDEX[header_key(t(lang, "col_" + name))] == name, (lang, name)


@pytest.mark.parametrize("lang", LANGS)
def test_the_target_name_and_login_columns_are_read_by_no_field(lang: str) -> None:
    # 目标名称 would be read as the target: the export's name column must be a header of its own.
    for name in ("target_name", "login"):
        assert header_key(t(lang, "col_" + name)) not in HEADER_INDEX, (lang, name)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_names_each_target_beside_its_id(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "ledger.db"
    assert cli("log", "trees", "300", "-d", "2024-03-12", "--db", str(db)).exit_code == 0
    for lang, header, name in (
        ("zh", ["目标代码", "名称"], "义务植树"),
        ("en", ["target", "target_name"], "Trees planted by volunteers"),
    ):
        out = tmp_path / f"{lang}.{fmt}"
        done = cli("export", "-f", fmt, "-o", str(out), "--lang", lang, "--db", str(db))
        assert done.exit_code == 0, done
        rows = _rows(out)
        at = rows[0].index(header[0])
        assert rows[0][at : at + 2] == header and rows[1][at : at + 2] == ["trees", name]
        # An SQLite ledger has no logins: the column is there, empty (see README).
        assert rows[0][-1] == t(lang, "col_login") and rows[1][-1] in ("", None)
    # entries --format csv has the same columns
    listed = cli("entries", "-f", "csv", "--lang", "zh", "--db", str(db)).stdout
    first = next(csv.reader(io.StringIO(listed.lstrip("\ufeff"))))
    assert first[2:4] == ["目标代码", "名称"]


def _rows(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        return [list(r) for r in csv.reader(io.StringIO(text))]
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_server_export_carries_the_login_and_restores(
    cli, pg_url: str, tmp_path: Path, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    for argv in (
        ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化"),
        ("log", "unions", "12", "-d", "2024-06-01"),
        ("void", "2", "--reason", "重复录入"),
    ):
        assert cli(*argv, "--db", pg_url).exit_code == 0, argv
    export = tmp_path / f"e.{fmt}"
    done = cli("export", "-f", fmt, "--lang", "zh", "-o", str(export), "--db", pg_url)
    assert done.exit_code == 0, done
    rows = _rows(export)
    login = rows[0].index("数据库登录名")
    assert [r[login] for r in rows[1:]] == ["postgres", "postgres"]  # the test server's login
    new = tmp_path / "new.db"
    back = cli("import", str(export), "--db", str(new), "--lang", "zh")
    assert back.exit_code == 0, back
    assert ledger_csv(cli, new) == ledger_csv(cli, pg_url)


@pytest.mark.parametrize(("lang", "words"), [("zh", ["否", "是"]), ("en", ["false", "true"])])
def test_the_xlsx_export_says_void_as_the_csv_does_and_old_boolean_cells_still_restore(
    cli, tmp_path: Path, lang: str, words: list[str]
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    db = tmp_path / "ledger.db"
    for argv in (
        ("log", "trees", "300", "-d", "2024-03-12"),
        ("log", "trees", "5", "-d", "2024-04-01"),
        ("void", "2", "--reason", "重复录入"),
    ):
        assert cli(*argv, "--db", str(db)).exit_code == 0, argv
    books = {}
    for fmt in ("csv", "xlsx"):
        books[fmt] = tmp_path / f"e.{fmt}"
        done = cli("export", "-f", fmt, "-o", str(books[fmt]), "--lang", lang, "--db", str(db))
        assert done.exit_code == 0, done
    csv_rows, xlsx_rows = _rows(books["csv"]), _rows(books["xlsx"])
    at = xlsx_rows[0].index(t(lang, "col_void"))
    # Text cells, word for word the CSV's: never TRUE/FALSE boolean cells.
    assert [r[at] for r in xlsx_rows[1:]] == [r[at] for r in csv_rows[1:]] == words

    # An export written before, with boolean cells, restores its voids all the same.
    book = openpyxl.load_workbook(books["xlsx"])
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=2):
        row[at].value = row[at].value == words[1]
    old = tmp_path / "old.xlsx"
    book.save(old)
    assert [r[at] for r in _rows(old)[1:]] == [False, True]
    for source in (books["xlsx"], old):
        new = tmp_path / f"new-{source.stem}.db"
        back = cli("import", str(source), "--db", str(new), "--lang", lang)
        assert back.exit_code == 0, back
        assert ledger_csv(cli, new) == ledger_csv(cli, db)
