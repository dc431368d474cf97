"""The server benchmark (part of ``make bench``): the same commands on a PostgreSQL ledger.

It starts a local PostgreSQL (the ``pgserver`` wheel, as the tests do) unless
``TENACTIONS_BENCH_PG`` names a server, imports the generated CSV of ``bench/run.py`` through
the real CLI, and times fresh processes: ``log``, ``report`` on the empty and on the full
ledger, and the import itself against ``psql``'s ``\\copy`` of the same file into a bare
table (the floor). The import is also taken apart: the rows read and checked in Python with
no server, then the server's share (the checked rows sent by COPY into a staging table and
written by one set-based INSERT) against the same floor, and the same import on an SQLite
file. Results go to ``bench/results-server.md``.

    python bench/server.py                 # 1M rows (a few minutes)
    python bench/server.py --size 100k --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DATA, PROGRAMME_FILE, csv_is_whole, csv_path, label, parse_size, write_csv

RESULTS = Path(__file__).resolve().parent / "results-server.md"
BUDGETS = {"log": 0.25, "report": 0.5}


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(argv[:4])} failed: {done.stderr.strip()[-300:]}")
    return took


def median(argv: list[str], env: dict[str, str], runs: int) -> float:
    timed(argv, env)  # untimed: files in the OS cache, as for a coordinator logging all day
    return statistics.median(timed(argv, env) for _ in range(runs))


def import_parts(csv_file: Path, db: str, env: dict[str, str]) -> tuple[float, float]:
    """The import taken apart, through the library as the command calls it: the seconds to
    read and check every row in Python (no server), then the seconds the ledger at ``db``
    (made by ``log`` beforehand) takes to write the checked rows."""
    import datetime as dt

    from tenactions.programme import load_programme
    from tenactions.sheets import SheetReader
    from tenactions.store import open_store

    programme = load_programme(PROGRAMME_FILE, use_cache=False)
    start = time.perf_counter()
    reader = SheetReader(
        csv_file,
        programme,
        default_by=env["TENACTIONS_USER"],
        source=f"import:{csv_file.name}",
        today=dt.date.fromisoformat(env["TENACTIONS_TODAY"]),
    )
    rows = list(reader)
    parsed = time.perf_counter() - start
    with open_store(db, create=False) as store:
        start = time.perf_counter()
        result = store.import_entries(rows)
        written = time.perf_counter() - start
    if result.added != len(rows):
        raise SystemExit(f"bench: the server's share added {result.added} of {len(rows)} rows")
    return parsed, written


def fresh_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    head, _, tail = server.rpartition("/postgres")  # the database, not the user
    return f"{head}/{name}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1M", help="rows to import (10k, 100k, 1M)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast command")
    args = parser.parse_args(argv)
    n = parse_size(args.size)
    # Bytecode as an installed package has it (pip compiles it): a checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            str(Path(__file__).resolve().parents[1] / "src"),
        ],
        check=True,
        capture_output=True,
    )
    csv_file = csv_path(n)
    if not csv_is_whole(csv_file, n):
        write_csv(csv_file, n)

    load_before = os.getloadavg()[0]
    folder = None
    server = os.environ.get("TENACTIONS_BENCH_PG")
    pg = None
    if not server:
        import pgserver

        folder = Path(tempfile.mkdtemp(prefix="tenactions-bench-pg-"))
        folder.chmod(0o755)
        pg = pgserver.get_server(folder, cleanup_mode="stop")
        server = pg.get_uri()
    try:
        db = fresh_database(server, "tenactions_bench")
        env = dict(os.environ) | {
            "TENACTIONS_DB": db,
            "TENACTIONS_TODAY": "2024-12-31",
            "TENACTIONS_CACHE_DIR": str(DATA / "cache"),
            "TENACTIONS_USER": "bench",
            "TENACTIONS_LANG": "en",
        }
        cli = [sys.executable, "-m", "tenactions"]
        report = [*cli, "report", "--as-of", "2024-12-31", "--format", "json"]
        timed([*cli, "log", "trees", "1", "-d", "2024-01-02"], env)  # creates the ledger
        empty_report = median(report, env, args.runs)
        imported = timed([*cli, "import", "--force", str(csv_file)], env)
        # The same import taken apart, into a second ledger made the same way.
        share_db = fresh_database(server, "tenactions_share")
        timed([*cli, "log", "trees", "1", "-d", "2024-01-02"], env | {"TENACTIONS_DB": share_db})
        parsed, written = import_parts(csv_file, share_db, env)
        full_report = median(report, env, args.runs)
        log = median([*cli, "log", "trees", "1", "-d", "2024-01-02"], env, args.runs)
        # The same log on an SQLite file, in the same run: what the server adds to it.
        file_db = Path(tempfile.mkdtemp(prefix="tenactions-bench-file-")) / "ledger.db"
        file_log = median(
            [*cli, "log", "trees", "1", "-d", "2024-01-02"],
            env | {"TENACTIONS_DB": str(file_db)},
            args.runs,
        )
        file_import = timed(
            [*cli, "import", "--force", str(csv_file)], env | {"TENACTIONS_DB": str(file_db)}
        )
        shutil.rmtree(file_db.parent, ignore_errors=True)
        floor = None
        psql = shutil.which("psql")
        if psql is not None:
            bare = fresh_database(server, "tenactions_floor")
            subprocess.run(
                [psql, "-q", bare, "-c", "CREATE TABLE rows (target text, amount text,"
                 " date text, district text, by text, note text, ref text)"],
                check=True, capture_output=True,
            )  # fmt: skip
            floor = timed(
                [psql, "-q", bare, "-c", f"\\copy rows FROM '{csv_file}' CSV HEADER"], env
            )
    finally:
        if pg is not None:
            pg.cleanup()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    rows = [
        (
            "log",
            f"{log:.3f} s ({log / file_log:.2f}× log on a file, {file_log:.3f} s)",
            f"≤ {BUDGETS['log']} s",
            log <= BUDGETS["log"],
        ),
        ("report, empty ledger", f"{empty_report:.3f} s", "", True),
        (
            f"report, {label(n)} entries",
            f"{full_report:.3f} s ({full_report / empty_report:.2f}× empty)",
            "≤ 0.5 s and ≤ 1.5× empty",
            full_report <= BUDGETS["report"] and full_report <= 1.5 * empty_report,
        ),
        (
            f"import {label(n)} rows (the whole command)",
            f"{imported:.1f} s"
            + (f" ({imported / floor:.1f}× psql \\copy {floor:.1f} s)" if floor else ""),
            "≤ 3× psql \\copy",
            floor is None or imported <= 3 * floor,
        ),
        (
            "… of which: rows read and checked in Python (no server)",
            f"{parsed:.1f} s",
            "",
            True,
        ),
        (
            "… the server's share: COPY into staging + one set-based INSERT",
            f"{written:.1f} s"
            + (f" ({written / floor:.1f}× psql \\copy {floor:.1f} s)" if floor else ""),
            "≤ 3× psql \\copy",
            floor is None or written <= 3 * floor,
        ),
        ("the same import on an SQLite file", f"{file_import:.1f} s", "", True),
    ]
    lines = [
        "# Server benchmark",
        "",
        f"PostgreSQL on this machine (unix socket), {label(n)} generated rows;"
        f" fast commands: median of {args.runs} fresh processes after an untimed one,"
        " with bytecode compiled (as installed). Load average (1 min):"
        f" {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.",
        f"Reproduce: `python bench/server.py --size {label(n)} --runs {args.runs}`",
        "",
        "| measurement | result | budget | within |",
        "|---|---|---|---|",
        *(f"| {a} | {b} | {c} | {'yes' if ok else 'NO'} |" for a, b, c, ok in rows),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
