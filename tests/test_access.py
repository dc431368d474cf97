"""District roles on a server ledger (`tenactions access`), enforced by row-level security."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import time

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
    granted = cli("--db", pg_url, "access", "grant", tianhe, "--district", "天河", "--create")
    assert granted.exit_code == 0, granted
    assert granted.stdout.startswith(
        f"{tianhe} may read the whole ledger and write entries of 天河区."
    )
    assert (
        cli("--db", pg_url, "access", "grant", yuexiu, "--district", "yuexiu", "--create").exit_code
        == 0
    )
    reader = cli("--db", pg_url, "access", "grant", city, "--read-only", "--create")
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


def _sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_a_member_of_a_district_role_writes_only_for_its_district(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str], tmp_path
) -> None:
    tianhe, yuexiu, city = roles
    clerk, both, manager = (f"{tianhe}_clerk", f"{tianhe}_both", f"{city}_manager")
    # Coordinators' own logins, made members of the district roles (also indirectly).
    _sql(
        pg_url,
        f"CREATE ROLE {clerk} LOGIN IN ROLE {tianhe}",
        f"CREATE ROLE {both}_group IN ROLE {tianhe}, {yuexiu}",
        f"CREATE ROLE {both} LOGIN IN ROLE {both}_group",
        f"CREATE ROLE {manager} LOGIN IN ROLE {city}",
    )
    listed = cli("--db", pg_url, "access", "list").stdout.splitlines()
    assert listed == [
        f"{city}\tread only\t{manager}",
        f"{tianhe}\t天河区\t{both}, {clerk}",
        f"{yuexiu}\t越秀区\t{both}",
    ]
    before = ledger_state(pg_url)
    url = as_role(pg_url, clerk)
    sheet = tmp_path / "mixed.csv"
    sheet.write_text(
        "目标,数量,日期,区\n植树,1,2024-09-01,越秀\n植树,2,2024-09-01,荔湾\n植树,3,2024-09-01,\n"
    )
    said = f"tenactions: error: {url}: the role {clerk} may write only entries of 天河区; nothing was written"
    for args in (
        ("log", "trees", "9", "--district", "海珠"),
        ("void", "1", "--reason", "not ours"),
        ("amend", "1", "6", "--reason", "not ours"),
    ):
        refused = cli("--db", url, *args)
        assert (refused.exit_code, refused.stderr.splitlines()) == (1, [said]), args
    imported = cli("--db", url, "import", str(sheet))
    assert imported.exit_code == 1
    assert "Traceback" not in imported.stderr
    assert (
        f"mixed.csv:2: the role {clerk} may write only entries of 天河区, not 越秀区"
        in imported.stderr
    )
    # A blank district cell is refused (an import does not take the role's district, as log
    # does: the same sheet would be city level when the owner imports it).
    assert (
        f"mixed.csv:4: the role {clerk} may write only entries of 天河区, and this row names no"
        " district: fill in the district column (or add one)" in imported.stderr
    )
    reader = cli("--db", as_role(pg_url, manager), "log", "trees", "1", "--district", "天河")
    assert reader.exit_code == 1
    assert f"the role {manager} may only read this ledger; nothing was written" in reader.stderr
    assert ledger_state(pg_url) == before
    # Its own district is written; a member of two district roles writes for both.
    assert cli("--db", url, "log", "trees", "2", "--district", "天河").exit_code == 0
    for district in ("天河", "越秀"):
        ok = cli("--db", as_role(pg_url, both), "log", "trees", "1", "--district", district)
        assert ok.exit_code == 0, ok
    refused = cli("--db", as_role(pg_url, both), "log", "trees", "1", "--district", "海珠")
    assert f"the role {both} may write only entries of 天河区, 越秀区;" in refused.stderr


def test_log_without_district_takes_a_roles_only_district(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    tianhe, _, city = roles
    url = as_role(pg_url, tianhe)
    en = cli("--db", url, "log", "trees", "300")
    assert en.exit_code == 0, en
    assert en.stdout.splitlines() == [
        "Logged entry 2: Trees planted by volunteers 300 trees on 2024-10-01. Total 305 of 5,000 trees"
        f" (6.1%). For Tianhe: no --district was given, and the role {tianhe} may write only"
        " that district."
    ]
    zh = cli("--db", url, "--lang", "zh", "log", "trees", "20", "--ref", "TH-1")
    assert zh.exit_code == 0, zh
    assert zh.stdout.splitlines() == [
        "已记录第 3 条：义务植树 20棵（2024-10-01）。累计 325 / 5,000棵（6.5%）。"
        f"未指定 --district，记入天河区：角色 {tianhe} 只能写入该区。"
    ]
    listed = json.loads(cli("--db", url, "entries", "--format", "json").stdout)
    assert [(e["id"], e["district"], e["ref"]) for e in listed] == [
        (3, "天河区", "TH-1"),
        (2, "天河区", ""),
        (1, "越秀区", ""),
    ]
    # The form number is the district's: logging it again for 天河 is refused as already there.
    again = cli("--db", url, "log", "trees", "20", "--district", "天河", "--ref", "TH-1")
    assert again.exit_code == 1
    assert "TH-1" in again.stderr
    # A typed district is not announced; a read-only role is still refused by the server.
    typed = cli("--db", url, "log", "trees", "1", "--district", "天河")
    assert typed.exit_code == 0
    assert "no --district" not in typed.stdout
    before = ledger_state(pg_url)
    reader = cli("--db", as_role(pg_url, city), "log", "trees", "1")
    assert reader.exit_code == 1
    assert reader.stderr.splitlines() == [
        f"tenactions: error: {as_role(pg_url, city)}: the role {city} may only read this ledger;"
        " nothing was written"
    ]
    assert ledger_state(pg_url) == before


def test_log_without_district_is_refused_for_a_role_of_several(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    tianhe, yuexiu, _ = roles
    both = f"{tianhe}_two"
    _sql(pg_url, f"CREATE ROLE {both} LOGIN IN ROLE {tianhe}, {yuexiu}")
    url = as_role(pg_url, both)
    before = ledger_state(pg_url)
    en = cli("--db", url, "log", "trees", "1")
    assert (en.exit_code, en.stdout) == (1, "")
    assert en.stderr.splitlines() == [
        f"tenactions: error: the role {both} may write entries of several districts (Tianhe,"
        " Yuexiu): add --district and the one this entry is for; nothing was written"
    ]
    zh = cli("--db", url, "--lang", "zh", "log", "trees", "1")
    assert zh.exit_code == 1
    assert (
        f"角色 {both} 可写入多个区（天河区、越秀区）的记录：请加上 --district 指明本条所属的区；"
        "未写入任何内容" in zh.stderr
    )
    assert "Traceback" not in en.stderr + zh.stderr
    assert ledger_state(pg_url) == before
    assert cli("--db", url, "log", "trees", "1", "--district", "越秀").exit_code == 0


def test_the_owners_log_without_district_stays_without_one(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    owner = cli("--db", pg_url, "log", "trees", "4")
    assert owner.exit_code == 0, owner
    assert owner.stdout.splitlines() == [
        "Logged entry 2: Trees planted by volunteers 4 trees on 2024-10-01. Total 9 of 5,000 trees"
        " (0.1%)."
    ]
    listed = json.loads(cli("--db", pg_url, "entries", "--format", "json").stdout)
    assert [(e["id"], e["district"]) for e in listed] == [(2, ""), (1, "越秀区")]


def test_a_district_roles_import_lists_each_row_it_may_not_write(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str], tmp_path
) -> None:
    tianhe, _, _ = roles
    url = as_role(pg_url, tianhe)
    sheet = tmp_path / "mixed.csv"
    sheet.write_text(
        "目标,数量,日期,区\n植树,1,2024-09-01,天河\n植树,2,2024-09-01,海珠\n"
        "植树,3,2024-09-02,天河\n植树,4,2024-09-02,海珠\n"
    )
    before = ledger_state(pg_url)
    for dry in ((), ("--dry-run",)):
        refused = cli("--db", url, "import", str(sheet), *dry)
        assert refused.exit_code == 1, (dry, refused)
        assert refused.stdout == ""
        lines = refused.stderr.splitlines()
        assert [line for line in lines if "may write only" in line] == [
            f"tenactions: error: {sheet}:{row}: the role {tianhe} may write only entries of"
            " 天河区, not 海珠区"
            for row in (3, 5)
        ], lines
    zh = cli("--db", url, "--lang", "zh", "import", str(sheet), "--dry-run")
    assert f"角色 {tianhe} 只能写入 天河区 的记录，不能写入海珠区" in zh.stderr
    assert ledger_state(pg_url) == before


def test_psql_as_a_district_role_cannot_claim_forge_or_overflow(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    import psycopg

    tianhe, _, _ = roles
    hz = cli("--db", pg_url, "log", "trees", "4", "--district", "海珠", "--ref", "HZ-004")
    assert hz.exit_code == 0, hz  # entry 2, 海珠区's form HZ-004
    own = cli("--db", as_role(pg_url, tianhe), "log", "trees", "1", "--district", "天河")
    assert own.exit_code == 0, own  # entry 3
    before = ledger_state(pg_url)
    columns = "uid, target, date, amount_c, district, by, source, created_at"
    for sql in (
        # Another district's form numbers, to block its import.
        "INSERT INTO tenactions.identity_keys VALUES ('ref:海珠区:hz-005', 3)",
        "INSERT INTO tenactions.identity_keys VALUES ('ref:海珠区:hz-006', 2)",
        f"INSERT INTO tenactions.entries ({columns}) VALUES"
        " ('ref:海珠区:hz-007', 'trees', '2024-09-01', 100, '天河区', 'x', 'log', 'x')",
        # Another district's rows by their content.
        f"INSERT INTO tenactions.entries ({columns}) VALUES ('row:"
        + "0" * 32
        + "#0', 'trees', '2024-09-01', 100, '天河区', 'x', 'log', 'x')",
        # An amendment of another district's entry, or of a live entry of its own.
        f"INSERT INTO tenactions.entries ({columns}, amends) VALUES"
        " ('a:1', 'trees', '2024-09-01', 100, '天河区', 'x', 'amend', 'x', 2)",
        f"INSERT INTO tenactions.entries ({columns}, amends) VALUES"
        " ('a:2', 'trees', '2024-09-01', 100, '天河区', 'x', 'amend', 'x', 3)",
    ):
        with (
            psycopg.connect(as_role(pg_url, tianhe)) as conn,
            pytest.raises(psycopg.errors.InsufficientPrivilege),
        ):
            conn.execute(sql)
    for sql in (
        # One amount past the limit of one entry, or a total past the limit of a target.
        f"INSERT INTO tenactions.entries ({columns}) VALUES"
        " ('x:1', 'trees', '2024-09-01', 9223372036854775000, '天河区', 'x', 'log', 'x')",
        f"INSERT INTO tenactions.entries ({columns}) SELECT 'x:' || n, 'trees',"
        " '2024-09-01', 100000000000000000, '天河区', 'x', 'log', 'x'"
        " FROM generate_series(1, 11) n",
    ):
        with (
            psycopg.connect(as_role(pg_url, tianhe)) as conn,
            pytest.raises(psycopg.errors.CheckViolation),
        ):
            conn.execute(sql)
    assert ledger_state(pg_url) == before
    # Its own form number is its own to record, and the 海珠 import is not blocked.
    assert (
        cli("--db", pg_url, "log", "trees", "1", "--district", "海珠", "--ref", "HZ-005").exit_code
        == 0
    )
    # Forged times and logins: the server keeps its own, and refuses others.
    with (
        psycopg.connect(as_role(pg_url, tianhe)) as conn,
        pytest.raises(psycopg.errors.CheckViolation, match="server's time and login"),
    ):
        conn.execute(
            f"INSERT INTO tenactions.entries ({columns}, login) VALUES ('mine:1', 'trees',"
            " '2024-09-02', 100, '天河区', 'someone', 'log', '2000-01-01T00:00:00+00:00', 'boss')"
        )
    for sql in (
        f"INSERT INTO tenactions.entries ({columns}) VALUES ('mine:2', 'trees',"
        " '2024-09-02', 100, '天河区', 'someone', 'log', '2000-01-01T00:00:00+00:00')",
        "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source,"
        " login) VALUES ('mine:3', 'trees', '2024-09-02', 100, '天河区', 'someone', 'log', 'boss')",
        "INSERT INTO tenactions.voids (entry_id, reason, by, login) VALUES (3, 'x', 'x', 'boss')",
    ):
        with (
            psycopg.connect(as_role(pg_url, tianhe)) as conn,
            pytest.raises(psycopg.errors.CheckViolation),
        ):
            conn.execute(sql)
    with psycopg.connect(as_role(pg_url, tianhe)) as conn:
        conn.execute(
            "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source)"
            " VALUES ('mine:4', 'trees', '2024-09-02', 100, '天河区', 'someone', 'log')"
        )
    entries = json.loads(cli("--db", pg_url, "entries", "--format", "json").stdout)
    assert not any(e["uid"] in ("mine:1", "mine:2", "mine:3") for e in entries)
    stamped = next(e for e in entries if e["uid"] == "mine:4")
    assert stamped["login"] == tianhe and stamped["by"] == "someone"
    assert stamped["created_at"].startswith(str(dt.date.today().year)), stamped
    logged = next(e for e in entries if e["id"] == 3)
    assert logged["login"] == tianhe
    assert not next(e for e in entries if e["id"] == 3)["void"]


def test_a_grant_to_the_owner_is_refused_and_an_empty_database_gets_a_ledger(  # type: ignore[no-untyped-def]
    cli, pg_url: str
) -> None:
    stem = f"g{os.getpid()}_{next(_names)}"
    admin = f"{stem}_admin"
    from psycopg.conninfo import conninfo_to_dict

    database = conninfo_to_dict(pg_url)["dbname"]
    # The owner as docs/server.md sets it up: CREATEROLE, not a superuser.
    _sql(
        pg_url,
        f"CREATE ROLE {admin} LOGIN CREATEROLE",
        f"GRANT CREATE ON DATABASE {database} TO {admin}",
    )
    url = as_role(pg_url, admin)
    granted = cli(
        "--db", url, "access", "grant", f"{stem}_tianhe", "--district", "天河", "--create"
    )
    assert granted.exit_code == 0, granted
    assert granted.stderr == f"created a new ledger at {url}\n"
    for args in (("--read-only",), ("--district", "天河")):
        refused = cli("--db", url, "access", "grant", admin, *args)
        assert refused.exit_code == 1
        assert refused.stderr.splitlines() == [
            f"tenactions: error: {url}: {admin} owns this ledger or is the role signed in now,"
            " and a grant cannot bind it; grant to another role"
        ]
    # The owner, who created the district role (and so holds it), still writes everywhere.
    logged = cli("--db", url, "log", "trees", "1", "--district", "海珠")
    assert logged.exit_code == 0, logged
    listed = cli("--db", url, "access", "list")
    assert listed.stdout.splitlines() == [f"{stem}_tianhe\t天河区\t-"]


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
    assert listed.stdout.splitlines() == [f"{city}\tread only\t-", f"{yuexiu}\t越秀区\t-"]
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
        f"tenactions: 错误：{masked(pg_url)}：服务器上没有角色 'nobody_at_all'；用 'tenactions access list'"
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


def test_a_district_roles_import_asks_for_its_rights_once_not_per_row(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str], tmp_path
) -> None:
    """The stamps and the row-level security of an import are judged per statement: a
    million rows once cost two look-ups of the role's grants, and a trigger call, per row."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    tianhe, _, _ = roles
    database = conninfo_to_dict(pg_url)["dbname"]
    _sql(pg_url, f"ALTER DATABASE {database} SET track_functions = 'all'")
    sheet = tmp_path / "many.csv"
    sheet.write_text(
        "目标,数量,日期,区\n" + "".join(f"植树,{n},2024-09-01,天河\n" for n in range(1, 401))
    )
    done = cli("--db", as_role(pg_url, tianhe), "import", str(sheet))
    assert done.exit_code == 0, done
    assert "400 added" in done.stdout + done.stderr, done
    # A session's counts reach the statistics when it ends: wait for the import's own.
    calls: dict[str, int] = {}
    for _ in range(100):
        with psycopg.connect(pg_url) as conn:
            calls = dict(
                conn.execute("SELECT funcname, calls FROM pg_stat_user_functions").fetchall()
            )
        if calls.get("add_to_totals"):
            break
        time.sleep(0.05)
    assert calls.get("add_to_totals") == 1, calls
    assert calls.get("granted_to_me", 0) <= 10, calls
    assert calls.get("stamps_kept") == 1, calls  # the stamps: once, for the statement


def test_the_access_group_takes_the_global_options(cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    """``--lang`` and ``--db`` after ``access``, as after any command name."""
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    role = f"r{os.getpid()}_{next(_names)}_zh"
    granted = cli(
        "access", "--lang", "zh", "--db", pg_url, "grant", role, "--district", "天河", "--create"
    )
    assert granted.exit_code == 0, granted
    assert granted.stdout.startswith(role) and "天河区" in granted.stdout
    assert "may read" not in granted.stdout  # in Chinese
    listed = cli("access", "--db", pg_url, "list")
    assert f"{role}\t天河区\t-" in listed.stdout.splitlines()
    # The command's own options still win over the group's, as they do over the top level's.
    on_file = cli("access", "--db", pg_url, "--lang", "zh", "list", "--db", "ledger.db")
    assert on_file.exit_code == 1
    assert "ledger.db: 角色只用于 PostgreSQL 数据库" in on_file.stderr
    assert "Traceback" not in on_file.stderr


def test_a_grant_to_a_role_the_server_does_not_bound_is_refused(  # type: ignore[no-untyped-def]
    cli, pg_url: str
) -> None:
    """A superuser or a BYPASSRLS role skips row-level security and privileges: a grant would
    claim a limit the server never applies. Membership in a superuser role confers nothing."""
    from tenactions.store import masked

    stem = f"s{os.getpid()}_{next(_names)}"
    boss, free, member = f"{stem}_boss", f"{stem}_free", f"{stem}_member"
    assert cli("--db", pg_url, "log", "trees", "1", "--district", "天河").exit_code == 0
    _sql(
        pg_url,
        f"CREATE ROLE {boss} LOGIN SUPERUSER",
        f"CREATE ROLE {free} LOGIN BYPASSRLS",
        f"CREATE ROLE {member} LOGIN IN ROLE {boss}",
    )
    before = ledger_state(pg_url)
    shown = masked(pg_url)
    for role in (boss, free):
        for args in (("--read-only",), ("--district", "天河")):
            refused = cli("--db", pg_url, "access", "grant", role, *args)
            assert refused.exit_code == 1, (role, args, refused)
            assert refused.stderr.splitlines() == [
                f"tenactions: error: {shown}: {role} is a superuser or BYPASSRLS role, to which"
                " the server does not apply row-level security, so a grant cannot bind it;"
                " grant to an ordinary login role"
            ], (role, args)
        zh = cli("--db", pg_url, "--lang", "zh", "access", "grant", role, "--read-only")
        assert zh.exit_code == 1
        assert zh.stderr.splitlines() == [
            f"tenactions: 错误：{shown}：{role} 是超级用户或 BYPASSRLS 角色，服务器对它不执行"
            "行级安全策略，授权对它无约束；请授权给普通登录角色"
        ]
    assert cli("--db", pg_url, "access", "list").stdout == ""
    assert ledger_state(pg_url) == before
    # A member of a superuser role is bound like any other login.
    granted = cli("--db", pg_url, "access", "grant", member, "--read-only")
    assert granted.exit_code == 0, granted
    refused = cli("--db", as_role(pg_url, member), "log", "trees", "1", "--district", "天河")
    assert refused.exit_code == 1
    assert f"the role {member} may only read this ledger" in refused.stderr
    assert ledger_state(pg_url) == before


def test_access_list_marks_a_grant_the_server_does_not_bound(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    tianhe, yuexiu, city = roles
    _sql(pg_url, f"ALTER ROLE {city} BYPASSRLS", f"ALTER ROLE {tianhe} SUPERUSER")
    listed = cli("--db", pg_url, "access", "list")
    assert listed.stdout.splitlines() == [
        f"{city}\tread only (NOT ENFORCED: a superuser or BYPASSRLS role writes anything)\t-",
        f"{tianhe}\t天河区 (NOT ENFORCED: a superuser or BYPASSRLS role writes anything)\t-",
        f"{yuexiu}\t越秀区\t-",
    ]
    zh = cli("--db", pg_url, "--lang", "zh", "access", "list")
    assert f"{city}\t只读（未生效：超级用户或 BYPASSRLS 角色可写入任何记录）\t-" in zh.stdout


@pytest.mark.parametrize("command", [("grant", "--read-only"), ("revoke",)])
def test_an_empty_role_name_is_one_clean_line(cli, pg_url: str, command: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    verb, *rest = command
    for lang, line in (
        (
            "en",
            "tenactions: error: the role name is empty; give the name of a login role, e.g. 'tianhe'",
        ),
        ("zh", "tenactions: 错误：角色名为空；请给出登录角色的名称，例如 'tianhe'"),
    ):
        refused = cli("--db", pg_url, "--lang", lang, "access", verb, " ", *rest)
        assert (refused.exit_code, refused.stderr.splitlines()) == (1, [line])


def test_a_grant_to_a_role_that_does_not_exist_needs_create(  # type: ignore[no-untyped-def]
    cli, pg_url: str, roles: tuple[str, str, str]
) -> None:
    """A typo must not make a stray login role with a district's rights."""
    import psycopg

    from tenactions.store import masked

    tianhe, _, _ = roles
    typo = tianhe.replace("tianhe", "tianhee")
    before = ledger_state(pg_url)
    listed = cli("--db", pg_url, "access", "list").stdout
    refused = cli("--db", pg_url, "access", "grant", typo, "--district", "天河")
    assert refused.exit_code == 1
    # The closest role first (the test server holds other tests' roles too).
    [line] = refused.stderr.splitlines()
    assert line.startswith(
        f"tenactions: error: {masked(pg_url)}: there is no role '{typo}' on the server"
        f" (did you mean {tianhe}"
    ), line
    assert line.endswith("?); to make a new login role of that name, add --create"), line
    zh = cli("--db", pg_url, "--lang", "zh", "access", "grant", "zzqqxx", "--read-only")
    assert (zh.exit_code, zh.stderr.splitlines()) == (
        1,
        [
            f"tenactions: 错误：{masked(pg_url)}：服务器上没有角色 'zzqqxx'；如要新建该登录角色，"
            "请加上 --create"
        ],
    )
    with psycopg.connect(pg_url) as conn:
        made = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname IN (%s, 'zzqqxx')", (typo,)
        ).fetchall()
    assert made == []
    assert cli("--db", pg_url, "access", "list").stdout == listed
    assert ledger_state(pg_url) == before
    created = cli("--db", pg_url, "access", "grant", typo, "--district", "天河", "--create")
    assert created.exit_code == 0, created
    assert "The role was created without a password" in created.stdout


def test_log_help_says_a_roles_only_district_is_taken(cli) -> None:  # type: ignore[no-untyped-def]
    en = " ".join(cli("log", "--help").stdout.split())
    assert "on a server, a role that may write one district only logs for that district" in en
    zh = "".join(cli("log", "--help", "--lang", "zh").stdout.split())
    assert "在服务器上，只能写入一个区的角色默认记入该区" in zh
