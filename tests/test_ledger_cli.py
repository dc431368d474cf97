"""log, entries, void, amend and backup through the real CLI, on both backends (``ledger_db``)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .conftest import execute, ledger_state

pytestmark = pytest.mark.usefixtures("ledger_db")


def entries_json(cli, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = cli("entries", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_log_prints_id_total_and_percent(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli(
        "log", "trees", "300", "--date", "2024-03-12", "--district", "从化", "--note", "植树节"
    )
    assert first.exit_code == 0, first
    assert first.stdout.strip() == (
        "Logged entry 1: Trees planted by volunteers 300 trees on 2024-03-12. Total 300 of 5,000 trees (6.0%)."
    )
    second = cli("log", "植树", "1.2千", "-d", "2024-04-01", "--lang", "zh")
    assert "已记录第 2 条" in second.stdout and "累计 1,500 / 5,000棵（30.0%）" in second.stdout


def test_log_defaults(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "unions").exit_code == 0
    [row] = entries_json(cli)
    assert row["amount"] == 1 and row["date"] == "2024-10-01" and row["by"] == "tester"
    assert row["district"] == "" and row["void"] is False and row["target"] == "unions"


def test_log_money_is_exact(cli) -> None:  # type: ignore[no-untyped-def]
    cli("log", "purchasing", "0.35亿", "-d", "2024-05-01")
    cli("log", "purchasing", "1234.56", "-d", "2024-05-02")
    rows = entries_json(cli, "--target", "purchasing")
    assert [r["amount"] for r in rows] == [1234.56, 35_000_000]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "tres", "5"), "unknown target 'tres' (did you mean trees"),
        (("log", "", "5"), "the target is empty"),
        (("log", "trees", "0"), "greater than zero"),
        (("log", "trees", "-5"), "greater than zero"),
        (("log", "trees", "abc"), "'abc' is not an amount"),
        (("log", "trees", "2.5"), "must be a whole number"),
        (("log", "trees", "99999999999999999999"), "largest amount"),
        (("log", "purchasing", "1.234"), "more than 2 decimal places"),
        (("log", "trees", "5", "--date", "2024-02-30"), "not a real date"),
        (("log", "trees", "5", "--date", "yesterday-ish"), "is not a date"),
        (("log", "trees", "5", "--date", "2023-12-31"), "outside the programme period"),
        (("log", "trees", "5", "--date", "2024-10-02"), "in the future"),
        (("log", "trees", "5", "--district", "深圳"), "unknown district '深圳'"),
        (("log", "trees", "5", "--note", "a\x1b[31mred"), "control character"),
        (("log", "trees", "5", "--note", "x" * 2001), "at most 2,000"),
        (("log", "trees", "5", "--by", "  "), "--by is empty"),
        (("void", "99", "--reason", "x"), "there is no entry 99"),
        (("void", "1", "--reason", " "), "--reason is empty"),
        (("amend", "99", "5"), "there is no entry 99"),
    ],
)
def test_refusals_change_nothing(cli, ledger_db: str, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "10", "--date", "2024-03-01")
    before = ledger_state(ledger_db)
    result = cli(*args)
    assert result.exit_code == 1, result
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert ledger_state(ledger_db) == before


def test_duplicate_ref_is_refused(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    assert (
        cli(
            "log", "trees", "10", "-d", "2024-03-01", "--district", "天河", "--ref", "F-1"
        ).exit_code
        == 0
    )
    before = ledger_state(ledger_db)
    again = cli("log", "trees", "10", "-d", "2024-03-01", "--district", "天河区", "--ref", "F-1")
    assert again.exit_code == 1 and "reference 'F-1' is already recorded as entry 1" in again.stderr
    assert ledger_state(ledger_db) == before
    # The same form number from another district is another form.
    assert (
        cli(
            "log", "trees", "10", "-d", "2024-03-01", "--district", "海珠", "--ref", "F-1"
        ).exit_code
        == 0
    )


def test_void_and_amend_keep_history(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "300", "-d", "2024-03-12", "--district", "从化")
    cli("log", "trees", "12000", "-d", "2024-04-01", "--force")  # more than the whole goal
    assert cli("void", "1", "--reason", "重复录入").exit_code == 0
    twice = cli("void", "1", "--reason", "again")
    assert twice.exit_code == 1 and "already void" in twice.stderr
    amended = cli("amend", "2", "1200", "--reason", "typo")
    assert amended.exit_code == 0 and "Entry 2 is void; entry 3 replaces it." in amended.stdout
    assert cli("amend", "2", "5").exit_code == 1  # a void entry cannot be amended again

    live = entries_json(cli)
    assert [(r["id"], r["amount"]) for r in live] == [(3, 1200)]
    everything = entries_json(cli, "--include-void")
    by_id = {r["id"]: r for r in everything}
    assert by_id[1]["void"] is True and by_id[1]["void_reason"] == "重复录入"
    assert by_id[2]["void"] is True and by_id[3]["amends"] == 2
    assert by_id[3]["date"] == "2024-04-01"  # unchanged fields are carried over
    [(total,)] = execute(ledger_db, "SELECT SUM(amount_c) FROM daily_totals WHERE target='trees'")
    assert total == 120000
    table = cli("entries", "--include-void").stdout
    assert "[Void: typo]" in table and "(← 2)" in table
    zh = cli("entries", "--include-void", "--lang", "zh").stdout
    assert "[作废：typo]" in zh and "[作废：重复录入]" in zh


def test_entries_filters(cli) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "1", "-d", "2024-03-01", "--district", "越秀")
    cli("log", "trees", "2", "-d", "2024-05-01", "--district", "天河")
    cli("log", "unions", "3", "-d", "2024-06-01", "--district", "天河")
    assert [r["amount"] for r in entries_json(cli)] == [3, 2, 1]  # newest first
    assert [r["amount"] for r in entries_json(cli, "--target", "植树")] == [2, 1]
    assert [r["amount"] for r in entries_json(cli, "--action", "5")] == [3]
    assert [r["amount"] for r in entries_json(cli, "--district", "Tianhe")] == [3, 2]
    assert [
        r["amount"] for r in entries_json(cli, "--since", "2024-04-01", "--until", "2024-05-31")
    ] == [2]
    assert entries_json(cli, "--target", "trees", "--action", "5") == []


@pytest.mark.usefixtures("ledger")
def test_entries_on_an_empty_ledger(cli) -> None:  # type: ignore[no-untyped-def]
    assert entries_json(cli) == []
    assert "No entries." in cli("entries").stdout


def test_user_text_is_shown_literally(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "1", "-d", "2024-03-01", "--note", "[red]not red[/red] [bold]x")
    monkeypatch.setenv("COLUMNS", "160")  # the note on one line
    out = cli("entries").stdout
    assert "[red]not red[/red] [bold]x" in out


@pytest.mark.sqlite_only("a server's backup is pg_dump's, tested in test_server.py")
def test_backup(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "5", "-d", "2024-03-01")
    dest = tmp_path / "copy.db"
    result = cli("backup", str(dest))
    assert result.exit_code == 0, result
    assert "1 entry, integrity ok" in result.stdout
    with sqlite3.connect(dest) as conn:
        assert conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 1
    again = cli("backup", str(dest))
    assert again.exit_code == 1 and "already exists" in again.stderr


@pytest.mark.usefixtures("ledger")
def test_global_options_after_the_command(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    assert cli("log", "trees", "5", "-d", "2024-03-01", "--db", str(other)).exit_code == 0
    assert other.exists()
    assert entries_json(cli) == []
    assert len(entries_json(cli, "--db", str(other))) == 1


def test_a_corrected_file_sent_again_is_refused_not_ignored(
    cli, ledger_db: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "天河区-09.csv"
    first.write_text(
        "目标,数量,日期,区,编号\n植树,300,2024-09-01,天河,F-1\n基层工会,2,2024-09-02,天河,F-2\n",
        encoding="utf-8",
    )
    assert cli("import", str(first)).exit_code == 0
    again = cli("import", str(first))
    assert again.exit_code == 0 and "0 added, 2 already present" in again.stdout

    corrected = tmp_path / "天河区-09-v2.csv"
    corrected.write_text(
        "目标,数量,日期,区,编号\n植树,350,2024-09-01,天河,F-1\n基层工会,2,2024-09-02,天河,F-2\n"
        "植树,10,2024-09-03,天河,F-3\n",
        encoding="utf-8",
    )
    before = ledger_state(ledger_db)
    refused = cli("import", str(corrected))
    assert refused.exit_code == 1, refused
    assert (
        f"{corrected}:2: this row (F-1) is already entry 1 as trees 300 on 2024-09-01 in 天河区,"
        in refused.stderr
    )
    assert "the file says trees 350 on 2024-09-01 in 天河区" in refused.stderr
    assert "tenactions amend 1" in refused.stderr
    assert ledger_state(ledger_db) == before  # not even F-3 was written

    assert cli("amend", "1", "350", "--reason", "区里更正").exit_code == 0
    [amended] = [e for e in entries_json(cli) if e["amends"] == 1]
    assert amended["ref"] == "F-1" and amended["amount"] == 350  # the form number carries over
    # A void entry no longer holds the form: the amendment now does, with the same content.
    accepted = cli("import", str(corrected))
    assert accepted.exit_code == 0, accepted
    assert "1 added, 2 already present" in accepted.stdout


def test_entries_as_an_xlsx_file_in_either_language(cli, ledger_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    cli("log", "trees", "300", "-d", "2024-03-12", "--district", "从化")
    cli("log", "unions", "3", "-d", "2024-06-01")
    cli("log", "trees", "5", "-d", "2024-04-01")
    assert cli("void", "3", "--reason", "重复").exit_code == 0
    for lang, header, void in (("zh", "条目号", ["否"]), ("en", "id", ["true", "false"])):
        out = tmp_path / f"{lang}.xlsx"
        args = ["entries", "-f", "xlsx", "-o", str(out), "-t", "trees", "--lang", lang]
        if lang == "en":
            args.append("--include-void")
        done = cli(*args)
        assert done.exit_code == 0, done
        sheet = openpyxl.load_workbook(out).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == header
        # The filter holds, newest first as in the table; void as the export says it.
        assert [r[0] for r in rows[1:]] == ([1] if lang == "zh" else [3, 1])
        assert [r[12] for r in rows[1:]] == void
    before = entries_json(cli, "--include-void")
    if not ledger_db.startswith("postgresql://"):
        refused = cli("entries", "-f", "xlsx", "-o", ledger_db, "--lang", "zh")
        assert refused.exit_code == 1 and "Traceback" not in refused.stderr
        assert (
            refused.stderr.startswith("tenactions: 错误：")
            and len(refused.stderr.splitlines()) == 1
        )
    assert entries_json(cli, "--include-void") == before
