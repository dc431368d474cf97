"""District roles on a server ledger (`tenactions access`), enforced by row-level security."""

from __future__ import annotations

import itertools
import json
import os

import pytest

from .conftest import ledger_state

_names = itertools.count(1)


def as_role(url: str, role: str) -> str:
    """The same database, signed in as ``role`` (the test server trusts its local socket)."""
    return url.replace("postgres:@", f"{role}@", 1)


@pytest.fixture
def roles(cli, pg_url: str) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """A ledger with one entry for 越秀, a 天河 role, a 越秀 role and a read-only role."""
    stem = f"r{os.getpid()}_{next(_names)}"
    tianhe, yuexiu, city = f"{stem}_tianhe", f"{stem}_yuexiu", f"{stem}_city"
    assert cli("--db", pg_url, "log", "trees", "5", "--district", "越秀").exit_code == 0
    granted = cli("--db", pg_url, "access", "grant", tianhe, "--district", "天河")
    assert granted.exit_code == 0, granted
    assert granted.stdout.startswith(
        f"{tianhe} may read the whole ledger and write entries of 天河区."
    )
    assert cli("--db", pg_url, "access", "grant", yuexiu, "--district", "yuexiu").exit_code == 0
    reader = cli("--db", pg_url, "access", "grant", city, "--read-only")
    assert reader.exit_code == 0, reader
    listed = cli("--db", pg_url, "access", "list")
    assert listed.stdout.splitlines() == [
        f"{city}\tread only\t-",
        f"{tianhe}\t天河区\t-",
        f"{yuexiu}\t越秀区\t-",
    ]
    return tianhe, yuexiu, city


def test_two_districts_log_into_one_ledger(cli, pg_url: str, roles: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    tianhe, yuexiu, _ = roles
    first = cli("--db", as_role(pg_url, tianhe), "log", "trees", "7", "--district", "天河")
    assert first.exit_code == 0, first
    second = cli("--db", as_role(pg_url, yuexiu), "log", "trees", "9", "--district", "越秀")
    assert second.exit_code == 0, second
    # Each district reads the whole programme's figures.
    for role in roles:
        report = json.loads(
            cli(
                "--db", as_role(pg_url, role), "report", "--as-of", "2024-10-01", "-f", "json"
            ).stdout
        )
        assert next(t for t in report["targets"] if t["id"] == "trees")["actual"] == 5 + 7 + 9


def test_a_district_role_cannot_write_for_another(
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:  # type: ignore[no-untyped-def]
    tianhe, _, city = roles
    before = ledger_state(pg_url)
    url = as_role(pg_url, tianhe)
    for args in (
        ("log", "trees", "3", "--district", "越秀"),
        ("log", "trees", "3"),  # no district is nobody's district
        ("void", "1", "--reason", "not ours"),
        ("amend", "1", "6", "--reason", "not ours"),
    ):
        refused = cli("--db", url, *args)
        assert refused.exit_code == 1, (args, refused)
        assert refused.stderr.splitlines() == [
            f"tenactions: error: {url}: the role {tianhe} may write only entries of 天河区;"
            " nothing was written"
        ], args
    sheet_refused = cli("--db", as_role(pg_url, city), "log", "trees", "1", "--district", "天河")
    assert sheet_refused.exit_code == 1
    assert f"the role {city} may only read this ledger; nothing was written" in sheet_refused.stderr
    assert ledger_state(pg_url) == before


def test_a_district_role_cannot_touch_the_schema(pg_url: str, roles: tuple[str, str, str]) -> None:
    import psycopg

    tianhe, _, _ = roles
    before = ledger_state(pg_url)
    for sql in (
        "CREATE TABLE tenactions.mine (x int)",
        "DROP TABLE tenactions.entries",
        "ALTER TABLE tenactions.entries DISABLE TRIGGER entries_never_change",
        "ALTER TABLE tenactions.entries DISABLE ROW LEVEL SECURITY",
        "UPDATE tenactions.daily_totals SET amount_c = 0",
        "INSERT INTO tenactions.access VALUES ('x', NULL, false)",
    ):
        with (
            psycopg.connect(as_role(pg_url, tianhe)) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(sql)
    assert ledger_state(pg_url) == before


def test_access_needs_a_server_and_one_choice(cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    on_file = cli("access", "grant", "x", "--district", "天河")
    assert on_file.exit_code == 1
    assert "roles belong to a PostgreSQL ledger" in on_file.stderr
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    neither = cli("--db", pg_url, "access", "grant", "x")
    assert neither.exit_code == 1
    assert "give either --district NAME or --read-only" in neither.stderr
    unknown = cli("--db", pg_url, "access", "grant", "x", "--district", "火星")
    assert unknown.exit_code == 1
    assert "unknown district '火星'" in unknown.stderr
