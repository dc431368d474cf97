"""A ledger on a real PostgreSQL server: many writers at once, and every way to name a server
wrongly. (The behaviour both stores share is in test_backends.py.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tenactions.store.postgres import SCHEMA_VERSION

from .conftest import ledger_state


@pytest.fixture
def server_env(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TENACTIONS_DB", pg_url)
    return dict(os.environ)


def run(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tenactions", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=timeout, check=False,
    )  # fmt: skip


_LOGGER = """
import subprocess, sys
from tenactions.cli import main
n = int(sys.argv[1])
sys.argv = ["tenactions", "log", "trees", "1", "--district", sys.argv[2]]
failures = 0
for _ in range(n):
    try:
        main()
    except SystemExit as exc:
        failures += bool(exc.code)
print(failures)
"""


@pytest.mark.slow
def test_eight_processes_logging_at_once_lose_nothing(server_env: dict[str, str]) -> None:
    districts = ["天河", "越秀", "海珠", "荔湾", "白云", "黄埔", "番禺", "花都"]
    assert run(server_env, "log", "trees", "1", "--district", "天河").returncode == 0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _LOGGER, "40", district],
            env=server_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for district in districts
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, outs
    assert [out.strip().splitlines()[-1] for out, _ in outs] == ["0"] * 8, outs
    entries = json.loads(run(server_env, "entries", "--format", "json").stdout)
    assert len(entries) == 1 + 320
    assert len({e["id"] for e in entries}) == 321
    report = json.loads(run(server_env, "report", "--as-of", "2024-10-01", "-f", "json").stdout)
    assert next(t for t in report["targets"] if t["id"] == "trees")["actual"] == 321
    check = run(server_env, "check")
    assert check.returncode == 0, check.stderr


@pytest.mark.slow
def test_two_overlapping_imports_at_once_count_each_row_once(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    header = "目标,数量,日期,区,编号\n"
    first = tmp_path / "a.csv"
    second = tmp_path / "b.csv"
    # 0-2999 in the first file, 1500-4499 in the second: 1500 rows in both.
    first.write_text(
        header + "".join(f"植树,1,2024-09-01,天河,N-{i}\n" for i in range(3000)), encoding="utf-8"
    )
    second.write_text(
        header + "".join(f"植树,1,2024-09-01,天河,N-{i}\n" for i in range(1500, 4500)),
        encoding="utf-8",
    )
    assert run(server_env, "log", "trees", "1", "--district", "越秀").returncode == 0
    with ThreadPoolExecutor(2) as pool:
        done = list(pool.map(lambda f: run(server_env, "import", str(f)), [first, second]))
    assert [d.returncode for d in done] == [0, 0], [d.stderr for d in done]
    added = sorted(int(d.stdout.split(" added")[0].split()[-1].replace(",", "")) for d in done)
    assert sum(added) == 4500, [d.stdout for d in done]
    report = json.loads(run(server_env, "report", "--as-of", "2024-10-01", "-f", "json").stdout)
    assert next(t for t in report["targets"] if t["id"] == "trees")["actual"] == 4501
    assert run(server_env, "check").returncode == 0


def test_the_same_form_number_at_once_is_kept_once(server_env: dict[str, str]) -> None:
    with ThreadPoolExecutor(4) as pool:
        done = list(
            pool.map(
                lambda _: run(
                    server_env, "log", "trees", "2", "--ref", "Z-9", "--district", "天河"
                ),
                range(4),
            )
        )
    assert sorted(d.returncode for d in done) == [0, 1, 1, 1], [d.stderr for d in done]
    refused = [d.stderr for d in done if d.returncode]
    assert all("reference 'Z-9' is already recorded as entry" in r for r in refused), refused
    assert len(json.loads(run(server_env, "entries", "-f", "json").stdout)) == 1


_GATED = """
import os, sys, time
from tenactions.cli import main
open(sys.argv[1] + "." + str(os.getpid()), "w").close()
while not os.path.exists(sys.argv[1]):
    time.sleep(0.001)
sys.argv = ["tenactions", *sys.argv[2:]]
main()
"""


def at_once(env: dict[str, str], gate: Path, n: int, *args: str) -> list[tuple[int, str]]:
    """Run ``tenactions ARGS`` in ``n`` processes that start writing at the same moment (each
    waits, imported and ready, until the gate opens); return each one's exit code and stderr."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _GATED, str(gate), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for _ in range(n)
    ]
    deadline = time.monotonic() + 120
    while len(list(gate.parent.glob(gate.name + ".*"))) < n and time.monotonic() < deadline:
        time.sleep(0.01)
    gate.touch()
    outs = [p.communicate(timeout=300) for p in procs]
    return [(p.returncode, err) for p, (_, err) in zip(procs, outs, strict=True)]


@pytest.mark.slow
def test_a_milestone_logged_at_once_by_six_is_recorded_once(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    done = at_once(server_env, tmp_path / "go", 6, "log", "sales-week", "--date", "2024-08-19")
    assert sorted(code for code, _ in done) == [0, 1, 1, 1, 1, 1], done
    refused = [err for code, err in done if code]
    assert all(
        "Direct-sales week on Beijing Road (sales-week) is already done (1 of 1)" in err
        for err in refused
    ), refused
    entries = json.loads(run(server_env, "entries", "-f", "json").stdout)
    assert [e["target"] for e in entries] == ["sales-week"]


@pytest.mark.slow
def test_writes_at_once_never_pass_a_targets_total_cap(
    server_env: dict[str, str], tmp_path: Path
) -> None:
    # 9,500万亿 trees: room for one more 500万亿 under the cap of 1亿亿 (10^16).
    for amount in ["1000万亿"] * 9 + ["500万亿"]:
        logged = run(server_env, "log", "trees", amount, "--force")
        assert logged.returncode == 0, logged.stderr
    done = at_once(server_env, tmp_path / "go", 6, "log", "trees", "500万亿", "--force")
    assert sorted(code for code, _ in done) == [0, 1, 1, 1, 1, 1], done
    refused = [err for code, err in done if code]
    assert all("over the largest total a target can reach" in err for err in refused), refused
    report = json.loads(run(server_env, "report", "--as-of", "2024-10-01", "-f", "json").stdout)
    assert next(t for t in report["targets"] if t["id"] == "trees")["actual"] == 10**16
    assert run(server_env, "check").returncode == 0


# --- naming a server wrongly: one line, exit 1, nothing written, no password ------------------


# --- naming a server wrongly (the rest of the cases: test_server_faults.py) ----------------------


def _one_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def test_an_unreachable_server(tmp_path: Path) -> None:
    env = dict(os.environ) | {"TENACTIONS_BUSY_TIMEOUT": "2"}
    line = _one_line(
        run(env, "--db", "postgresql://clerk:s3cret@127.0.0.1:1/ledger", "log", "trees", "1"),
        "postgresql://clerk:***@127.0.0.1:1/ledger: cannot connect to the server: nothing"
        " answers at 127.0.0.1:1; is the server running, and is that the right host and port?",
    )
    assert "s3cret" not in line


def test_a_held_lock_is_busy_within_the_timeout(server_env: dict[str, str], pg_url: str) -> None:
    import psycopg

    assert run(server_env, "log", "trees", "1").returncode == 0
    with psycopg.connect(pg_url) as holder:
        holder.execute("LOCK TABLE tenactions.entries IN EXCLUSIVE MODE")
        env = server_env | {"TENACTIONS_BUSY_TIMEOUT": "1"}
        _one_line(run(env, "log", "trees", "1"), "the database is busy")
        holder.rollback()
    assert len(ledger_state(pg_url)) == 2  # one entry and the totals


def test_an_older_ledger_is_migrated_in_place(
    pg_url: str,
    cli,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import psycopg

    from tenactions.store import postgres

    with monkeypatch.context() as m:
        m.setattr(postgres, "SCHEMA_VERSION", 1)
        m.setattr(postgres.PostgresStore, "schema_version", 1)
        postgres.open_server_store(pg_url).close()
    # An entry as the first release wrote it: its time sent by the client.
    with psycopg.connect(pg_url) as conn:
        conn.execute(
            "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source,"
            " created_at) VALUES ('log:old', 'trees', '2024-10-01', 400, '天河区', 'a', 'log',"
            " '2024-09-30T08:00:00+00:00')"
        )
        # (read with SQL: this release's queries name columns the old schema lacks)
        assert conn.execute("SELECT amount_c FROM tenactions.entries").fetchall() == [(400,)]
    checked = cli("--db", pg_url, "check")  # migrates it
    assert checked.exit_code == 0, checked
    assert f"(schema {SCHEMA_VERSION}, 1 entry," in checked.stdout
    [entry, totals] = ledger_state(pg_url)
    assert entry[2:6] == ("trees", dt.date(2024, 10, 1), 400, "天河区"), entry
    assert totals[0]["trees"][0][1:] == (400, 1)
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("SELECT value FROM tenactions.meta").fetchone()
    assert version == (str(SCHEMA_VERSION),)
    # After the migration the server stamps what the commands write (they send no time or
    # login) and refuses other stamps from a client around them; the older entry keeps its.
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    with (
        psycopg.connect(pg_url) as conn,
        pytest.raises(psycopg.errors.CheckViolation, match="server's time and login"),
    ):
        conn.execute(
            "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source,"
            " created_at) VALUES ('x:forged', 'trees', '2024-10-01', 100, '', 'b', 'log',"
            " '2000-01-01T00:00:00+00:00')"
        )
    with psycopg.connect(pg_url) as conn:
        stamps = conn.execute(
            "SELECT uid, created_at, login FROM tenactions.entries ORDER BY id"
        ).fetchall()
        me = conn.execute("SELECT session_user").fetchone()
    assert me is not None and len(stamps) == 2, stamps
    assert stamps[0] == ("log:old", "2024-09-30T08:00:00+00:00", None)
    assert stamps[1][2] == me[0] and not stamps[1][1].startswith("2000"), stamps
