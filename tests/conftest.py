"""Shared fixtures: every test gets its own database, cache and a fixed "today"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tenactions.cli.app import load_commands

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "actions.yaml"
TODAY = "2024-10-01"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENACTIONS_DB", str(tmp_path / "ledger.db"))
    monkeypatch.setenv("TENACTIONS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TENACTIONS_TODAY", TODAY)
    monkeypatch.setenv("TENACTIONS_LANG", "en")
    monkeypatch.setenv("TENACTIONS_USER", "tester")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    for var in ("TENACTIONS_PROGRAMME", "TENACTIONS_BUSY_TIMEOUT", "PGPASSWORD", "PGSERVICE"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The SQLite file itself, for the tests about the file (the default ``TENACTIONS_DB``)."""
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(ledger_db: str) -> str:
    """An empty ledger at ``ledger_db`` (reading commands refuse a ledger that does not exist)."""
    if ledger_db.startswith("postgresql://"):
        return ledger_db  # cloned from the migrated template, see ledger_db
    from tenactions.store import open_store

    open_store(ledger_db, create=True).close()
    return ledger_db


Run = Callable[..., "Result"]


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.exit_code = code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"Result(exit_code={self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the real Typer app in-process: ``cli("log", "trees", "5")``."""
    app = load_commands()
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def sh() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``tenactions`` as a real process with the test's environment."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tenactions", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env if env is not None else dict(os.environ),
            timeout=timeout,
        )

    return run


@contextmanager
def write_lock_held(location: Path | str, seconds: float = 60) -> Iterator[None]:
    """Another process holds the ledger's write lock for the block: SQLite's (BEGIN IMMEDIATE),
    or on a server a lock on the entries that lets readers read and makes writers wait."""
    if str(location).startswith("postgresql://"):
        take = (
            "import psycopg, time\n"
            f"c = psycopg.connect({str(location)!r})\n"
            "c.execute('LOCK TABLE tenactions.entries IN SHARE ROW EXCLUSIVE MODE')\n"
        )
    else:
        take = (
            "import sqlite3, time\n"
            f"c = sqlite3.connect({str(location)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
        )
    holder = subprocess.Popen(
        [sys.executable, "-c", take + f"print('held', flush=True)\ntime.sleep({seconds})\n"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


# --- both backends ---------------------------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses ``ledger_db`` (or ``ledger``) runs once per backend, unless it is
    marked ``sqlite_only(reason)``: a test about SQLite's file, not about the ledger's promises."""
    if "ledger_db" not in metafunc.fixturenames:
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    if only is not None and not (only.args or only.kwargs.get("reason")):
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs its reason")
    backends = ["sqlite"] if only is not None else ["sqlite", "postgres"]
    metafunc.parametrize("ledger_db", backends, indirect=True)


@pytest.fixture
def ledger_db(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    """Where the ledger lives, on each backend in turn: an SQLite file that does not exist yet,
    or a fresh database on the test server with no ledger in it. ``TENACTIONS_DB`` points at it.

    Tests that also use ``ledger`` get, on the server, a database cloned from a template that
    already holds an empty, migrated ledger (cheaper than migrating in every test)."""
    if request.param == "sqlite":
        location = str(tmp_path / "ledger.db")
    else:
        template = "ledger_template" if "ledger" in request.fixturenames else None
        location = _pg_database(request.getfixturevalue("pg_server"), template=template)
    monkeypatch.setenv("TENACTIONS_DB", location)
    return location


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server for this test process (``pgserver`` ships it as a wheel), with
    ``ledger_template``: a database holding an empty ledger, to clone."""
    try:
        import pgserver
        import psycopg
    except ImportError as exc:  # pragma: no cover - the dev extra installs both
        pytest.skip(f"no PostgreSQL for the tests: {exc}; pip install -e '.[dev]'")
    from tenactions.store import open_store

    # Not under pytest's private temporary folder: the server runs as its own user, which
    # must reach its data folder to stop cleanly.
    folder = Path(tempfile.mkdtemp(prefix="tenactions-pg-"))
    folder.chmod(0o755)
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        url = server.get_uri()
        with psycopg.connect(url, autocommit=True) as conn:
            # A throwaway server: durability buys the tests nothing but time.
            for setting in ("fsync", "synchronous_commit", "full_page_writes"):
                conn.execute(f"ALTER SYSTEM SET {setting} = off")
            conn.execute("SELECT pg_reload_conf()")
        open_store(_pg_database(url, name="ledger_template"), create=True).close()
        yield url
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


_databases = iter(range(1, 1_000_000))


def _pg_database(server: str, *, template: str | None = None, name: str | None = None) -> str:
    """Create a database on the test server (empty, or a clone of ``template``); its URL."""
    import psycopg

    name = name or f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
    head, _, tail = server.partition("/postgres?")
    return f"{head}/{name}?{tail}"


@pytest.fixture
def new_ledger(ledger_db: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Another place for a ledger on the same backend as ``ledger_db``, on each call: an SQLite
    path that does not exist yet, or an empty database on the test server (the first write
    makes the ledger in either)."""
    made = iter(range(1, 1_000_000))

    def make() -> str:
        if ledger_db.startswith("postgresql://"):
            return _pg_database(request.getfixturevalue("pg_server"))
        return str(tmp_path / f"ledger-{next(made)}.db")

    return make


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A URL to a fresh, empty database on the test server (for tests of the server alone)."""
    return _pg_database(pg_server)


def ledger_state(location: str) -> list[tuple[object, ...]]:
    """Everything a ledger holds, through the store: entries with voids, and every total."""
    import datetime as dt

    from tenactions.errors import InputError
    from tenactions.store import open_store

    if not location.startswith("postgresql://") and not Path(location).exists():
        return []  # no file: opening it would make one
    try:
        store = open_store(location, create=False)
    except InputError:  # no ledger on the server yet
        return []
    with store:
        # Without the logins a server records: a file has no logins to keep them in.
        rows: list[tuple[object, ...]] = [
            tuple(e._replace(login=None, void_login=None))
            for e in store.entries(include_void=True, newest_first=False)
        ]
        totals = store.totals(dt.date(9999, 12, 31), districts=True)
        rows.append((totals.daily, totals.by_district, totals.district_last))
    return rows


def execute(
    location: str, sql: str, params: tuple[object, ...] = (), *, copied: bool = False
) -> list[tuple[object, ...]]:
    """Run SQL on the ledger around tenactions (for tests that spoil or inspect it raw); the
    rows it returns. The SQL must read the same on both backends (``?`` parameters are
    rewritten for the server). ``copied``: entries written with their own times, as
    ``tenactions copy`` by the owner writes them (the server refuses them otherwise)."""
    if location.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(location, options="-c search_path=tenactions") as conn:
            if copied:
                conn.execute("SET LOCAL tenactions.copying = 'on'")
            cur = conn.execute(sql.replace("?", "%s"), params)  # type: ignore[arg-type]
            return list(cur.fetchall()) if cur.description else []
    import sqlite3

    with closing(sqlite3.connect(location)) as conn, conn:
        return list(conn.execute(sql, params).fetchall())
