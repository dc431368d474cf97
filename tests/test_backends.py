"""The same commands, the same promises, on both stores: an SQLite file and a real PostgreSQL
server (started by the test suite). Each test runs once per backend through ``ledger_db``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import execute, ledger_state

pytestmark = pytest.mark.usefixtures("ledger_db")


def entries_json(cli, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = cli("entries", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def write_csv(path: Path, *rows: str) -> Path:
    path.write_text("目标,数量,日期,区,编号\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def test_log_void_amend_and_entries(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    first = cli("log", "trees", "5", "-d", "2024-03-01", "--district", "天河")
    assert first.exit_code == 0, first
    assert first.stdout.startswith("Logged entry 1: ")
    assert "Total 5 of 5,000 trees" in first.stdout
    assert cli("log", "trees", "7", "-d", "2024-03-02", "--ref", "A-1").exit_code == 0
    assert cli("void", "1", "--reason", "typo").exit_code == 0
    amended = cli("amend", "2", "9", "--reason", "miscounted")
    assert amended.exit_code == 0, amended
    assert "entry 3 replaces it" in amended.stdout
    live = entries_json(cli)
    assert [(e["id"], e["amount"], e["amends"]) for e in live] == [(3, 9, 2)]
    every = entries_json(cli, "--include-void")
    assert sorted((e["id"], e["void"]) for e in every) == [(1, True), (2, True), (3, False)]
    again = cli("void", "1", "--reason", "twice")
    assert again.exit_code == 1
    assert "entry 1 is already void (by tester at " in again.stderr


def test_refusals_change_nothing(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "5", "--ref", "R-1", "--district", "天河").exit_code == 0
    before = ledger_state(ledger_db)
    for args, message in [
        (
            ("log", "trees", "5", "--ref", "r-1", "--district", "天河区"),
            "already recorded as entry 1",
        ),
        (("log", "trees", "-5"), "amount"),
        (("log", "nope", "5"), "unknown target 'nope'"),
        (("log", "trees", "5", "-d", "2030-01-01"), "outside the programme period"),
        (("void", "99", "--reason", "x"), "there is no entry 99"),
        (("amend", "99", "5", "--reason", "x"), "there is no entry 99"),
    ]:
        result = cli(*args)
        assert result.exit_code == 1, (args, result)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert ledger_state(ledger_db) == before


def test_import_again_adds_nothing_and_a_corrected_file_is_refused(  # type: ignore[no-untyped-def]
    cli, ledger_db: str, tmp_path: Path
) -> None:
    first = write_csv(
        tmp_path / "天河区-09.csv", "植树,300,2024-09-01,天河,F-1", "基层工会,2,2024-09-02,天河,F-2"
    )
    done = cli("import", str(first))
    assert done.exit_code == 0, done
    again = cli("import", str(first))
    assert again.exit_code == 0 and "0 added, 2 already present" in again.stdout
    corrected = write_csv(
        tmp_path / "v2.csv",
        "植树,350,2024-09-01,天河,F-1",
        "基层工会,2,2024-09-02,天河,F-2",
        "植树,10,2024-09-03,天河,F-3",
    )
    before = ledger_state(ledger_db)
    refused = cli("import", str(corrected))
    assert refused.exit_code == 1
    assert f"{corrected}:2: this row (F-1) is already entry 1 as trees 300 on 2024-09-01" in (
        refused.stderr
    )
    assert ledger_state(ledger_db) == before  # not even F-3
    assert cli("amend", "1", "350", "--reason", "区里更正").exit_code == 0
    accepted = cli("import", str(corrected))
    assert accepted.exit_code == 0, accepted
    assert "1 added, 2 already present" in accepted.stdout
    assert sum(e["amount"] for e in entries_json(cli)) == 350 + 2 + 10  # type: ignore[misc]


def test_a_dry_run_writes_nothing(cli, ledger_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "1").exit_code == 0
    before = ledger_state(ledger_db)
    sheet = write_csv(tmp_path / "d.csv", "植树,3,2024-09-01,天河,D-1")
    dry = cli("import", "--dry-run", str(sheet))
    assert dry.exit_code == 0, dry
    assert ledger_state(ledger_db) == before


def test_report_and_summary(cli, ledger_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = write_csv(
        tmp_path / "s.csv",
        "植树,1200,2024-05-01,天河,S-1",
        "植树,800,2024-06-01,越秀,S-2",
        "基层工会,3,2024-06-02,越秀,S-3",
    )
    assert cli("import", str(sheet)).exit_code == 0
    assert cli("void", "3", "--reason", "dup").exit_code == 0
    report = json.loads(cli("report", "--as-of", "2024-10-01", "--format", "json").stdout)
    trees = next(t for t in report["targets"] if t["id"] == "trees")
    assert trees["actual"] == 2000
    unions = next(t for t in report["targets"] if t["id"] == "tree-unions")
    assert unions["actual"] == 0
    by_district = json.loads(
        cli("report", "--as-of", "2024-10-01", "--by", "district", "--format", "json").stdout
    )
    assert by_district != report
    assert "天河区" in json.dumps(by_district, ensure_ascii=False)
    summary = cli("summary", "--format", "json")
    assert summary.exit_code == 0, summary
    assert json.loads(summary.stdout)


def test_check_finds_and_repairs_drifted_totals(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "5", "-d", "2024-03-01").exit_code == 0
    assert cli("log", "trees", "6", "-d", "2024-03-02").exit_code == 0
    ok = cli("check")
    assert ok.exit_code == 0, ok
    assert "2 entries" in ok.stdout
    execute(ledger_db, "UPDATE daily_totals SET amount_c = amount_c + 100")
    bad = cli("check")
    assert bad.exit_code == 1
    assert "daily_totals disagree with the entries" in bad.stderr
    repaired = cli("check", "--repair")
    assert repaired.exit_code == 0, repaired
    report = json.loads(cli("report", "--as-of", "2024-10-01", "--format", "json").stdout)
    assert next(t for t in report["targets"] if t["id"] == "trees")["actual"] == 11


def test_entries_cannot_be_changed_even_with_sql(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "5").exit_code == 0
    assert cli("log", "trees", "6").exit_code == 0
    assert cli("void", "2", "--reason", "dup").exit_code == 0
    before = ledger_state(ledger_db)
    statements = [
        "UPDATE entries SET amount_c = 1",
        "DELETE FROM entries",
        "UPDATE voids SET reason = 'x'",
        "DELETE FROM voids",
    ]
    if ledger_db.startswith("postgresql://"):
        statements += ["TRUNCATE entries CASCADE", "TRUNCATE voids"]
    for sql in statements:
        with pytest.raises(Exception, match=r"never|final"):
            execute(ledger_db, sql)
    assert ledger_state(ledger_db) == before


def test_a_missing_ledger_is_refused_for_reading(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--as-of", "2024-10-01")
    assert result.exit_code == 1
    assert "there is no ledger" in result.stderr


def test_an_import_judging_a_milestone_asks_the_ledger(  # type: ignore[no-untyped-def]
    cli, ledger_db: str, tmp_path: Path
) -> None:
    # A milestone row is judged against what the ledger holds while the file is being read.
    assert cli("log", "sales-week", "-d", "2024-08-10").exit_code == 0
    sheet = write_csv(
        tmp_path / "m.csv", "植树,3,2024-08-01,天河,M-1", "sales-week,1,2024-08-20,天河,M-2"
    )
    refused = cli("import", str(sheet))
    assert refused.exit_code == 1, refused
    assert "Direct-sales week on Beijing Road (sales-week) is already done" in refused.stderr
    forced = cli("import", "--force", str(sheet))
    assert forced.exit_code == 0, forced
    assert "2 added" in forced.stdout


def test_the_largest_total_refuses_a_log(  # type: ignore[no-untyped-def]
    cli, ledger_db: str, tmp_path: Path
) -> None:
    # Ten rows of 1000万亿 (10^15) are exactly the largest total a target can reach (10^16).
    sheet = tmp_path / "big.csv"
    sheet.write_text(
        "target,amount,date\n"
        + "".join(f"purchasing,1000万亿,2024-06-{d:02d}\n" for d in range(1, 11)),
        encoding="utf-8",
    )
    assert cli("import", "--force", str(sheet)).exit_code == 0
    before = ledger_state(ledger_db)
    refused = cli("log", "purchasing", "1", "-d", "2024-06-20", "--force")
    assert refused.exit_code == 1, refused
    assert "purchasing: the total would reach 10,000,000,000,000,001" in refused.stderr
    assert "over the largest total a target can reach" in refused.stderr
    assert ledger_state(ledger_db) == before
    assert cli("log", "trees", "1", "-d", "2024-06-20").exit_code == 0  # others still may


def test_a_row_held_by_an_amendment_is_present(  # type: ignore[no-untyped-def]
    cli, ledger_db: str, tmp_path: Path
) -> None:
    # Rows without a form number are known by their content; an amendment claims its own, so
    # a district's file carrying the corrected figure finds it already recorded.
    assert cli("log", "trees", "5", "-d", "2024-09-01", "--district", "天河").exit_code == 0
    assert cli("amend", "1", "7", "--reason", "区里更正").exit_code == 0
    corrected = write_csv(tmp_path / "c.csv", "植树,7,2024-09-01,天河,", "植树,1,2024-09-02,天河,")
    dry = cli("import", "--dry-run", str(corrected))
    assert dry.exit_code == 0, dry
    assert "1 would be added, 1 already present" in dry.stdout
    done = cli("import", str(corrected))
    assert done.exit_code == 0, done
    assert "1 added, 1 already present" in done.stdout
    assert [(e["id"], e["amount"]) for e in entries_json(cli)] == [(3, 1), (2, 7)]
