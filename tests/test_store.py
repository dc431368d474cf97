"""The ledger store on real SQLite files, and real processes where processes matter.

What the store promises for any ledger runs on both backends (``ledger``); what is about
the SQLite file (its format, its migrations, its pragmas) takes the file (``db``). A server's
own refusals and migrations are in test_server.py and test_server_faults.py."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tenactions.errors import BusyError, ImportFileError, InputError, StoreError
from tenactions.store import NewEntry, open_store
from tenactions.store import sqlite as store_module

from .conftest import execute, write_lock_held


def entry(n: int, *, target: str = "trees", amount_c: int = 100, day: int = 1) -> NewEntry:
    return NewEntry(
        uid=f"t:{n}",
        target=target,
        date=dt.date(2024, 3, day),
        amount_c=amount_c,
        district="越秀区",
        by="tester",
        note="",
        ref="",
        source="test",
    )


def test_entries_are_append_only(db: Path) -> None:
    with open_store(db) as s:
        s.add(entry(1))
        s.void(1, "dup", "me")
    with sqlite3.connect(db) as conn:
        for sql in (
            "UPDATE entries SET amount_c = 5",
            "DELETE FROM entries",
            "UPDATE voids SET reason = 'x'",
            "DELETE FROM voids",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)


def test_import_is_all_or_nothing(ledger: str) -> None:

    def rows() -> Iterator[NewEntry]:
        yield entry(1)
        yield entry(2)
        raise InputError("row 3 is bad")

    with open_store(ledger) as s:
        s.add(entry(0))
        with pytest.raises(InputError):
            s.import_entries(rows())
        assert s.counts() == (1, 0)
        assert s.total_c("trees") == 100
        assert s.check() == []


def test_import_is_idempotent_and_dry_run_writes_nothing(ledger: str) -> None:
    with open_store(ledger) as s:
        first = s.import_entries(entry(n) for n in range(10))
        assert (first.rows, first.added, first.present) == (10, 10, 0)
        dry = s.import_entries((entry(n) for n in range(15)), dry_run=True)
        assert (dry.added, dry.present) == (5, 10)
        assert s.counts() == (10, 0)
        again = s.import_entries(entry(n) for n in range(15))
        assert (again.added, again.present) == (5, 10)
        assert s.total_c("trees") == 1500
        assert s.check() == []


def test_an_import_adds_its_sums_per_day_and_district_to_the_totals(ledger: str) -> None:
    # Rows sharing a day and district are summed while staged, and added to the day the
    # ledger holds already: trees on 3 March has 100 (logged) + 200 + 300 = 600 in 3 entries.
    with open_store(ledger) as s:
        s.add(entry(0))
        added = s.import_entries(
            [
                entry(1, amount_c=200),
                entry(2, amount_c=300),
                entry(3, day=2, amount_c=50),
                entry(4, target="purchasing", amount_c=7),
            ]
        )
        assert added.added == 4
        daily = s.totals(dt.date(2024, 3, 31)).daily
        assert s.check() == []
    assert daily["trees"] == [(dt.date(2024, 3, 1), 600, 3), (dt.date(2024, 3, 2), 50, 1)]
    assert daily["purchasing"] == [(dt.date(2024, 3, 1), 7, 1)]


def test_a_failed_import_leaves_no_staging_behind(ledger: str) -> None:
    # A refused import (here: a row whose identity is stored with other figures) throws its
    # staged rows away; the next import on the same connection stages afresh.
    with open_store(ledger) as s:
        s.import_entries([entry(1)])
        with pytest.raises(ImportFileError, match="already entry 1"):
            s.import_entries([entry(2), entry(1, amount_c=999)])
        if not ledger.startswith("postgresql://"):  # a server stages in a temporary table
            names = [row[1] for row in s.conn.execute("PRAGMA database_list")]
            assert "staging" not in names
        again = s.import_entries([entry(2), entry(3)])
        assert (again.added, again.present) == (2, 0)
        assert s.total_c("trees") == 300
        assert s.check() == []


def test_totals_as_of_skip_later_days_and_voids(ledger: str) -> None:
    with open_store(ledger) as s:
        s.import_entries([entry(1, day=1), entry(2, day=2), entry(3, day=3, amount_c=700)])
        s.void(2, "wrong", "me")
        totals = s.totals(dt.date(2024, 3, 2), districts=True)
        assert s.totals(dt.date(2024, 3, 2)).by_district == {}  # only when asked for
    assert totals.daily == {"trees": [(dt.date(2024, 3, 1), 100, 1)]}
    assert totals.by_district == {"trees": {"越秀区": 100}}
    assert totals.district_last == {"越秀区": dt.date(2024, 3, 1)}


def test_check_finds_and_repairs_drifted_totals(db: Path) -> None:
    with open_store(db) as s:
        s.import_entries(entry(n) for n in range(3))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE daily_totals SET amount_c = 1")
    with open_store(db) as s:
        [problem] = s.check()
        assert problem.key == "check_totals_disagree"
        assert "daily_totals disagree" in problem.render("en")
        assert problem.render("zh").startswith("每日合计与记录不一致（")
        s.rebuild_totals()
        assert s.check() == []
        assert s.total_c("trees") == 300


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is a text file, not SQLite" * 200)
    with pytest.raises(
        StoreError,
        match=r"is not a tenactions ledger \(it is not a database file\); check the path$",
    ):
        open_store(bad)
    assert bad.read_bytes().startswith(b"this is a text file")


def test_another_sqlite_database_is_not_taken_over(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not a tenactions ledger"):
        open_store(other)


def test_newer_schema_is_refused(db: Path) -> None:
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer tenactions"):
        open_store(db)


def test_migrations_carry_data_forward(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db) as s:
        s.add(entry(1))
    next_version = store_module.SCHEMA_VERSION + 1
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", next_version)
    monkeypatch.setattr(
        store_module, "MIGRATIONS", [*store_module.MIGRATIONS, "CREATE TABLE notes (x TEXT);"]
    )
    with open_store(db) as s:
        assert s.counts() == (1, 0)
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == next_version
        assert s.conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] == 0


def test_wal_and_durability_settings(db: Path) -> None:
    with open_store(db) as s:
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_busy_database_gives_a_clear_error_within_the_timeout(ledger: str) -> None:
    db = ledger
    open_store(db).close()
    with write_lock_held(db):
        start = time.monotonic()
        with open_store(db, busy_timeout=0.5) as s, pytest.raises(BusyError, match="busy"):
            s.add(entry(1))
        assert time.monotonic() - start < 5


def test_busy_timeout_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENACTIONS_BUSY_TIMEOUT", "2.5")
    assert store_module.busy_timeout_from_env() == 2.5
    monkeypatch.setenv("TENACTIONS_BUSY_TIMEOUT", "soon")
    with pytest.raises(InputError, match="not a number of seconds"):
        store_module.busy_timeout_from_env()


def test_busy_through_the_cli(ledger: str, sh) -> None:  # type: ignore[no-untyped-def]
    db = ledger
    assert sh("log", "trees", "1", "--date", "2024-03-01").returncode == 0
    with write_lock_held(db):
        env = dict(os.environ, TENACTIONS_BUSY_TIMEOUT="0.5")
        result = sh("log", "trees", "1", "--date", "2024-03-01", env=env)
        assert result.returncode == 1
        assert "the database is busy" in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    with open_store(db) as s:
        assert s.counts() == (1, 0)


def test_many_processes_logging_at_once_lose_nothing(db: Path, tmp_path: Path) -> None:
    workers, each = 8, 5
    script = tmp_path / "worker.sh"
    script.write_text(
        f'for k in $(seq 1 {each}); do "{sys.executable}" -m tenactions log trees 1'
        ' --date 2024-03-01 --note "$1-$k" > /dev/null || exit 1; done\n'
    )
    procs = [
        subprocess.Popen(["bash", str(script), str(w)], stderr=subprocess.PIPE, text=True)
        for w in range(workers)
    ]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * workers, errors
    assert not any("locked" in e or "busy" in e for e in errors)
    with open_store(db) as s:
        assert s.counts() == (workers * each, 0)
        assert s.total_c("trees") == workers * each * 100
        notes = {e.note for e in s.entries()}
        assert len(notes) == workers * each
        assert s.check() == []


def test_target_days_follow_every_write(ledger: str) -> None:
    with open_store(ledger) as s:
        s.add(entry(1, day=1))
        s.import_entries([entry(2, day=1, amount_c=300), entry(3, day=2)])
        s.import_entries([entry(3, day=2), entry(4, day=2, amount_c=50)])  # partly present
        s.void(1, "dup", "me")
        days = "SELECT target, CAST(date AS TEXT), amount_c, entries FROM target_days ORDER BY date"
        rows = execute(ledger, days)
        assert rows == [("trees", "2024-03-01", 300, 1), ("trees", "2024-03-02", 150, 2)]
        assert s.check() == []
        execute(ledger, "UPDATE target_days SET amount_c = 0")
        assert "disagree" in s.check()[0].render("en")
        s.rebuild_totals()
        assert s.check() == []
        assert execute(ledger, days) == rows


def test_a_version_1_ledger_is_migrated(db: Path) -> None:
    """A ledger written before target_days existed gets it, filled from its totals."""
    conn = sqlite3.connect(db, isolation_level=None)
    for statement in store_module._statements(store_module.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO entries (uid, target, date, amount_c, district, by, source, created_at)"
        " VALUES ('u1', 'trees', '2024-03-01', 500, '天河区', 'me', 'log', 'now')"
    )
    conn.execute("INSERT INTO daily_totals VALUES ('trees', '2024-03-01', '天河区', 500, 1)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with open_store(db) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == store_module.SCHEMA_VERSION
        assert s.totals(dt.date(2024, 12, 31)).daily == {"trees": [(dt.date(2024, 3, 1), 500, 1)]}
        assert s.check() == []
