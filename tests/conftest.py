"""Shared fixtures: every test gets its own database, cache and a fixed "today"."""

from __future__ import annotations

import os
import subprocess
import sys
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
    for var in ("TENACTIONS_PROGRAMME", "TENACTIONS_BUSY_TIMEOUT"):
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
