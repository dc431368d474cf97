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
        f"{city}\tread only",
        f"{tianhe}\t天河区",
        f"{yuexiu}\t越秀区",
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


def test_revoke_takes_access_back_and_is_idempotent(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    import psycopg

    tianhe, yuexiu, city = roles
    before = ledger_state(pg_url)
    revoked = cli("--db", pg_url, "access", "revoke", tianhe)
    assert revoked.exit_code == 0, revoked
    assert revoked.stdout.splitlines() == [
        f"{tianhe} may no longer read or write the ledger. The login role itself remains: an"
        f" administrator drops it, if no longer needed, with DROP ROLE {tianhe}."
    ]
    listed = cli("--db", pg_url, "access", "list")
    assert listed.stdout.splitlines() == [f"{city}\tread only", f"{yuexiu}\t越秀区"]
    # The role is refused, reading as writing, with one line that says what to ask for.
    url = as_role(pg_url, tianhe)
    for args in (("report",), ("log", "trees", "1", "--district", "天河")):
        refused = cli("--db", url, *args)
        assert refused.exit_code == 1, (args, refused)
        assert refused.stderr.splitlines() == [
            f"tenactions: error: {url}: the role {tianhe} has no access to this ledger; its"
            f" owner gives it with 'tenactions access grant {tianhe} --district NAME' (or"
            " --read-only)"
        ]
    # And outside tenactions too: the server holds nothing for it any more.
    with psycopg.connect(url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM tenactions.entries")
    again = cli("--db", pg_url, "access", "revoke", tianhe)
    assert again.exit_code == 0, again
    assert again.stdout == f"{tianhe} had no access to the ledger; nothing to revoke.\n"
    assert ledger_state(pg_url) == before
    # The other roles are untouched, and the owner's check finds nothing amiss.
    other = cli("--db", as_role(pg_url, yuexiu), "log", "trees", "2", "--district", "越秀")
    assert other.exit_code == 0, other
    assert cli("--db", pg_url, "check").exit_code == 0
    # Granted again, the role works again.
    assert cli("--db", pg_url, "access", "grant", tianhe, "--district", "天河").exit_code == 0
    assert cli("--db", url, "log", "trees", "1", "--district", "天河").exit_code == 0


def test_revoke_an_unknown_role_and_by_a_district(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    from tenactions.store import masked

    tianhe, yuexiu, _ = roles
    before = ledger_state(pg_url)
    unknown = cli("--db", pg_url, "access", "revoke", "nobody_at_all")
    assert unknown.exit_code == 1
    assert unknown.stderr.splitlines() == [
        f"tenactions: error: {masked(pg_url)}: there is no role 'nobody_at_all' on the server;"
        " 'tenactions access list' shows the roles given access"
    ]
    zh = cli("--db", pg_url, "--lang", "zh", "access", "revoke", "nobody_at_all")
    assert zh.stderr.splitlines() == [
        f"tenactions: 错误: {masked(pg_url)}：服务器上没有角色 'nobody_at_all'；用 'tenactions access list'"
        " 查看已授权的角色"
    ]
    url = as_role(pg_url, tianhe)
    by_district = cli("--db", url, "access", "revoke", yuexiu)
    assert by_district.exit_code == 1
    assert by_district.stderr.splitlines() == [
        f"tenactions: error: {url}: only the ledger's owner, the role postgres, may do this"
        f" (signed in as {tianhe}); nothing was written"
    ]
    assert len(cli("--db", pg_url, "access", "list").stdout.splitlines()) == 3
    assert ledger_state(pg_url) == before


def test_revoke_has_help_with_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    shown = cli("access", "revoke", "--help")
    assert shown.exit_code == 0
    assert "Example: tenactions access revoke tianhe" in shown.stdout
