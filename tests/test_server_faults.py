"""A server named wrongly, or a ledger a role may not use: one line, exit 1, no traceback, no
password, nothing written. Then the server's tools: a dry run against an empty database, and
a backup that never puts the connection on pg_dump's command line."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tenactions.store import masked
from tenactions.store.postgres import SCHEMA_VERSION


def snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every table in the database outside the system's schemas, with its rows."""
    import psycopg

    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema"
            " NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'"
            " ORDER BY 1, 2"
        ).fetchall()
        return {
            f"{schema}.{name}": sorted(
                conn.execute(f'SELECT * FROM "{schema}"."{name}"').fetchall(), key=repr
            )
            for schema, name in tables
        }


def _sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def _wrong_password(pg_server: str, pg_url: str) -> str:
    _sql(
        pg_server,
        "DO $$ BEGIN CREATE ROLE clerk LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object"
        " THEN NULL; END $$",
    )
    import psycopg

    with psycopg.connect(pg_server, autocommit=True) as conn:
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])  # type: ignore[index]
        if "clerk" not in hba.read_text():
            hba.write_text("local all clerk scram-sha-256\n" + hba.read_text())
            conn.execute("SELECT pg_reload_conf()")
    return pg_url.replace("postgres:@", "clerk:s3cret-wrong@")


def _newer_ledger(url: str) -> str:
    """A ledger with an entry, as a later release would leave it."""
    import datetime as dt

    from tenactions.model import NewEntry
    from tenactions.store import open_store

    with open_store(url, create=True) as store:
        store.add(NewEntry("u-1", "trees", dt.date(2024, 9, 1), 100, "", "x", "", "", "log", None))
    _sql(url, "UPDATE tenactions.meta SET value = '99' WHERE key = 'schema_version'")
    return url


def _old_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    # What the store reads: the server's version number, here PostgreSQL 11.5.
    monkeypatch.setattr(psycopg.ConnectionInfo, "server_version", property(lambda _: 110005))


# (case, how to set it up: (pg_server, pg_url, monkeypatch) -> the --db to give, the command,
#  what the one line says)
Setup = Callable[[str, str, pytest.MonkeyPatch], str]
BAD_SERVERS: list[tuple[str, Setup, tuple[str, ...], str]] = [
    (
        "a malformed URL",
        lambda _, url, __: "postgresql://clerk:s3cret@db:notaport/x",
        ("log", "trees", "1"),
        "postgresql://clerk:***@db:notaport/x: not a usable database URL (the port 'notaport' is"
        " not a number)",
    ),
    (
        "an unknown scheme",
        lambda _, url, __: "mysql://clerk:s3cret@db/x",
        ("log", "trees", "1"),
        "mysql://clerk:***@db/x: unknown kind of database 'mysql'; give a file path for an"
        " SQLite ledger, or postgresql://user@host/database for a server",
    ),
    (
        "a wrong password",
        lambda server, url, _: _wrong_password(server, url),
        ("log", "trees", "1"),
        'cannot connect to the server: password authentication failed for user "clerk"',
    ),
    (
        "a server too old",
        lambda _, url, mp: (_old_server(mp), url)[1],
        ("log", "trees", "1"),
        "the server runs PostgreSQL 11; tenactions needs PostgreSQL 12 or newer",
    ),
    (
        "a database with other tables and no ledger",
        lambda _, url, __: (_sql(url, "CREATE TABLE payroll (x int)"), url)[1],
        ("report",),
        "there is no ledger in",
    ),
    (
        "a schema named tenactions that is not a ledger",
        lambda _, url, __: (
            _sql(url, "CREATE SCHEMA tenactions", "CREATE TABLE tenactions.payroll (x int)"),
            url,
        )[1],
        ("log", "trees", "1"),
        "has a schema named tenactions, but it is not a tenactions ledger",
    ),
    (
        "a ledger from a newer release",
        lambda _, url, __: _newer_ledger(url),
        ("log", "trees", "1"),
        f"was written by a newer tenactions (schema 99; this one reads up to {SCHEMA_VERSION});"
        " upgrade tenactions",
    ),
]


@pytest.mark.parametrize(
    ("case", "setup", "command", "said"), BAD_SERVERS, ids=[row[0] for row in BAD_SERVERS]
)
def test_a_bad_server_is_one_line(  # type: ignore[no-untyped-def]
    cli,
    pg_server: str,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    setup: Setup,
    command: tuple[str, ...],
    said: str,
) -> None:
    db = setup(pg_server, pg_url, monkeypatch)
    before = snapshot(pg_url)
    result = cli("--db", db, *command)
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    assert said in lines[0], lines[0]
    assert "s3cret" not in result.stderr + result.stdout
    monkeypatch.undo()
    assert snapshot(pg_url) == before


# --- a role that may not migrate ---------------------------------------------------------------


def test_a_district_role_after_an_upgrade_is_told_to_ask_the_owner(  # type: ignore[no-untyped-def]
    cli, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tenactions.store import postgres

    role = f"u{os.getpid()}"
    _sql(pg_url, f"DROP ROLE IF EXISTS {role}")
    assert cli("--db", pg_url, "log", "trees", "2", "--district", "天河").exit_code == 0
    assert (
        cli("--db", pg_url, "access", "grant", role, "--district", "天河", "--create").exit_code
        == 0
    )
    # The next release adds a table to the schema.
    newer = SCHEMA_VERSION + 1
    monkeypatch.setattr(postgres, "SCHEMA_VERSION", newer)
    monkeypatch.setattr(postgres.PostgresStore, "schema_version", newer)
    monkeypatch.setattr(
        postgres, "MIGRATIONS", [*postgres.MIGRATIONS, "CREATE TABLE later (x int)"]
    )
    before = snapshot(pg_url)
    url = pg_url.replace("postgres:@", f"{role}@", 1)
    for command in (("log", "trees", "1", "--district", "天河"), ("report",)):
        refused = cli("--db", url, *command)
        assert refused.exit_code == 1, refused
        assert refused.stderr.splitlines() == [
            f"tenactions: error: {url}: the ledger needs upgrading (schema {SCHEMA_VERSION};"
            f" this tenactions uses {newer}), which only its owner, the role postgres, may do;"
            " ask them to run 'tenactions check' on it once; nothing was written"
        ]
    assert snapshot(pg_url) == before
    # The owner's check upgrades it; the district's role then works, and reads the new table.
    upgraded = cli("--db", pg_url, "check")
    assert upgraded.exit_code == 0, upgraded
    assert f"(schema {newer}, 1 entry," in upgraded.stdout
    assert cli("--db", url, "log", "trees", "1", "--district", "天河").exit_code == 0
    import psycopg

    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM tenactions.later").fetchone() == (0,)


# --- the server's tools ------------------------------------------------------------------------


def test_a_dry_run_on_an_empty_database_creates_nothing(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path
) -> None:
    sheet = tmp_path / "天河区.csv"
    sheet.write_text("目标,数量,日期,编号\n植树,5,2024-09-01,A-1\n植树,6,2024-09-02,A-2\n", "utf-8")
    dry = cli("--db", pg_url, "import", str(sheet), "--dry-run")
    assert dry.exit_code == 0, dry
    assert (
        "天河区.csv: 2 rows are valid: 2 would be added, 0 already present. Nothing was written"
        " (--dry-run)."
    ) in dry.stdout.splitlines()
    assert snapshot(pg_url) == {}
    bad = tmp_path / "bad.csv"
    bad.write_text("目标,数量,日期\n植树,lots,2024-09-01\n", "utf-8")
    refused = cli("--db", pg_url, "import", str(bad), "--dry-run")
    assert refused.exit_code == 1
    assert "bad.csv:2" in refused.stderr
    assert snapshot(pg_url) == {}
    # The same file for real creates the ledger with exactly those rows.
    assert cli("--db", pg_url, "import", str(sheet)).exit_code == 0
    entries = json.loads(cli("--db", pg_url, "entries", "-f", "json").stdout)
    assert sorted(e["amount"] for e in entries) == [5, 6]


FAKE_PG_DUMP = """#!/bin/sh
# Records how it was called, then writes a dump where --file says.
{{ for a in "$@"; do printf '%s\\n' "$a"; done; }} > "{out}/argv"
env | grep '^PG' | sort > "{out}/env"
for a in "$@"; do case "$a" in --file=*) echo dump > "${{a#--file=}}";; esac; done
"""


def test_backup_keeps_the_password_off_the_command_line(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "pg_dump"
    fake.write_text(FAKE_PG_DUMP.format(out=tmp_path))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    # The test server trusts its socket, so a password in the URL is carried, not checked.
    url = pg_url.replace("postgres:@", "postgres:s3cret@", 1) + "&sslmode=disable&keepalives=1"
    dest = tmp_path / "ledger.dump"
    done = cli("--db", url, "backup", str(dest))
    assert done.exit_code == 0, done
    assert dest.read_text() == "dump\n"
    argv = (tmp_path / "argv").read_text().splitlines()
    assert argv[:3] == ["--format=custom", "--schema=tenactions", "--no-password"]
    assert "--dbname=keepalives=1" in argv  # a setting libpq has no variable for
    assert not any("s3cret" in a or "postgresql:" in a or "/t" in a for a in argv[:-1]), argv
    env = dict(line.split("=", 1) for line in (tmp_path / "env").read_text().splitlines())
    host = pg_url.split("host=")[1].split("&")[0]
    assert {k: env.get(k) for k in ("PGPASSWORD", "PGUSER", "PGHOST", "PGSSLMODE")} == {
        "PGPASSWORD": "s3cret",
        "PGUSER": "postgres",
        "PGHOST": host,
        "PGSSLMODE": "disable",
    }
    assert env["PGDATABASE"] == pg_url.split("/")[3].split("?")[0]


def test_backup_with_the_real_pg_dump_restores(  # type: ignore[no-untyped-def]
    cli, pg_server: str, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    import pgserver

    bin_dir = Path(pgserver.__file__).parent / "pginstall" / "bin"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert cli("--db", pg_url, "log", "trees", "7", "--district", "天河").exit_code == 0
    dest = tmp_path / "ledger.dump"
    done = cli("--db", pg_url, "backup", str(dest))
    assert done.exit_code == 0, done
    listed = subprocess.run(
        [str(bin_dir / "pg_restore"), "--list", str(dest)], capture_output=True, text=True
    )
    assert "TABLE DATA tenactions entries" in listed.stdout


def test_backup_without_pg_dump_says_what_to_install(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    url = pg_url.replace("postgres:@", "postgres:s3cret@", 1)
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    dest = tmp_path / "ledger.dump"
    result = cli("--db", url, "backup", str(dest))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"tenactions: error: {masked(url)}: a ledger on a server is backed up")
    assert "apt install postgresql-client" in line
    # The command to run names the server without any password (libpq finds it in ~/.pgpass).
    bare = pg_url.replace("postgres:@", "postgres@", 1)
    assert line.endswith(
        f"run: pg_dump --format=custom --schema=tenactions --file {dest} '{bare}'"
    ), line
    assert "s3cret" not in line
    assert not dest.exists()


def _real_pg_dump(monkeypatch: pytest.MonkeyPatch) -> None:
    import pgserver

    bin_dir = Path(pgserver.__file__).parent / "pginstall" / "bin"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


_roles = iter(range(1, 1_000_000))


@pytest.mark.parametrize(
    ("grant", "lang", "expected"),
    [
        (
            ["--district", "天河"],
            "en",
            "may not read all of the ledger, which a backup needs (pg_dump says: query failed:"
            " ERROR: permission denied for sequence entries_id_seq); back it up signed in as"
            " the ledger's owner, the role postgres",
        ),
        (
            ["--read-only"],
            "zh",
            "不能读取数据库的全部内容，而备份需要读取全部（pg_dump 的原话：query failed: ERROR:"
            " permission denied for sequence entries_id_seq）；请以数据库所有者（角色 postgres）登录备份",
        ),
    ],
    ids=["district", "read-only"],
)
def test_backup_as_a_role_that_cannot_read_everything_says_whose_login_it_needs(  # type: ignore[no-untyped-def]
    cli,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    grant: list[str],
    lang: str,
    expected: str,
) -> None:
    _real_pg_dump(monkeypatch)
    role = f"b{os.getpid()}_{next(_roles)}"
    assert cli("--db", pg_url, "log", "trees", "7", "--district", "天河").exit_code == 0
    assert cli("--db", pg_url, "access", "grant", role, *grant, "--create").exit_code == 0
    url = pg_url.replace("postgres:@", f"{role}@", 1)
    dest = tmp_path / "ledger.dump"
    before = snapshot(pg_url)
    result = cli("--db", url, "--lang", lang, "backup", str(dest))
    assert result.exit_code == 1, result
    [line] = result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    prefix = "tenactions: 错误：" if lang == "zh" else "tenactions: error: "
    assert line.startswith(f"{prefix}{url}"), line
    assert f"{role} " in line and expected in line, line
    # Neither the backup nor pg_dump's half-written file is left behind.
    assert sorted(p.name for p in tmp_path.iterdir() if "dump" in p.name) == []
    assert snapshot(pg_url) == before


FAKE_OLD_PG_DUMP = """#!/bin/sh
# An old pg_dump: says its version, and refuses a newer server as the real one does.
echo "$@" >> "{out}/calls"
if [ "$1" = "--version" ]; then echo "{version}"; exit 0; fi
for a in "$@"; do case "$a" in --file=*) echo half > "${{a#--file=}}";; esac; done
echo "pg_dump: error: aborting because of server version mismatch" >&2
echo "pg_dump: detail: server version: 16.2; pg_dump version: 9.6.24" >&2
exit 1
"""


@pytest.mark.parametrize(
    ("version", "dumps"),
    [("pg_dump (PostgreSQL) 9.6.24", False), ("pg_dump (some build)", True)],
    ids=["told-by-its-version", "told-by-its-failure"],
)
def test_backup_with_a_pg_dump_older_than_the_server_says_what_to_install(  # type: ignore[no-untyped-def]
    cli,
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    version: str,
    dumps: bool,
) -> None:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        server = conn.info.server_version // 10000
    assert cli("--db", pg_url, "log", "trees", "1").exit_code == 0
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "pg_dump"
    fake.write_text(FAKE_OLD_PG_DUMP.format(out=tmp_path, version=version))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    dest = tmp_path / "ledger.dump"
    result = cli("--db", pg_url, "backup", str(dest))
    assert result.exit_code == 1, result
    [line] = result.stderr.splitlines()
    assert line.startswith(
        f"tenactions: error: {masked(pg_url)}: the pg_dump here is PostgreSQL 9's and the server"
        f" runs PostgreSQL {server}: pg_dump must be of the server's version or newer; install"
        f" the PostgreSQL {server} client tools (Debian/Ubuntu: apt install"
        f" postgresql-client-{server}"
    ), line
    assert line.endswith("; no backup was written"), line
    calls = (tmp_path / "calls").read_text().splitlines()
    assert calls[0] == "--version"
    assert (len(calls) == 2) is dumps  # an old pg_dump that says so is not run at all
    assert not dest.exists()
    assert not any(p.name.endswith(".partial") for p in tmp_path.iterdir())
