"""Shared fixtures: every test gets its own database, cache and a fixed "today"."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db: Path) -> Path:
    """An empty ledger at ``db`` (reading commands refuse a ledger that does not exist)."""
    from tenactions.store import open_store

    open_store(db, create=True).close()
    return db


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
def write_lock_held(db: Path, seconds: float = 60) -> Iterator[None]:
    """Another process holds the ledger's write lock (BEGIN IMMEDIATE) for the block."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, time\n"
            f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('held', flush=True)\n"
            f"time.sleep({seconds})\n",
        ],
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


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real PostgreSQL server for this test process (``pgserver`` ships it as a wheel)."""
    try:
        import pgserver
        import psycopg  # noqa: F401
    except ImportError as exc:  # pragma: no cover - the dev extra installs both
        pytest.skip(f"no PostgreSQL for the tests: {exc}; pip install -e '.[dev]'")
    # Not under pytest's private temporary folder: the server runs as its own user, which
    # must reach its data folder to stop cleanly.
    folder = Path(tempfile.mkdtemp(prefix="tenactions-pg-"))
    folder.chmod(0o755)
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A URL to a fresh, empty database on the test server."""
    import psycopg

    name = f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    head, _, tail = pg_server.partition("/postgres?")
    return f"{head}/{name}?{tail}"


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The ledger's location on each backend in turn (``TENACTIONS_DB`` points at it)."""
    if request.param == "sqlite":
        location = str(tmp_path / "ledger.db")
    else:
        location = request.getfixturevalue("pg_url")
    monkeypatch.setenv("TENACTIONS_DB", location)
    return location


def ledger_state(location: str) -> list[tuple[object, ...]]:
    """Everything a ledger holds, through the store: entries with voids, and every total."""
    import datetime as dt

    from tenactions.errors import InputError
    from tenactions.store import open_store

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
