"""Where the ledger is, and how a server is reached: a typo'd address is refused before it can
become a folder tree, libpq's key=value strings name a server, no password is ever shown, the
usual connection failures are said in the chosen language, the server's ledger is created and
announced as a file's is, counts read as numbers, and a signal after a commit changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tenactions.store import mask, masked

from .conftest import execute, ledger_state

FORM = "write it as postgresql://USER@HOST[:PORT]/DATABASE"


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _schemas(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%'"
            " AND nspname NOT IN ('information_schema', 'public') ORDER BY 1"
        ).fetchall()
    return [str(r[0]) for r in rows]


def _one_line(result, *expected: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return str(lines[0])


# --- 1. an address with a typo --------------------------------------------------------------

TYPOS = [
    ("postgresql:/tadmin@/tenactions", "postgresql is followed by ':/', not '://'"),
    ("postgresql：//tadmin@localhost/tenactions", "it has full-width characters (：)"),
    (" postgresql://tadmin@localhost/tenactions", "it starts or ends with a space"),
    ("postgresql//tadmin@localhost/tenactions", "postgresql is followed by '//', not '://'"),
    ("postgresql:tadmin:S3cretPw@localhost/x", "postgresql is followed by ':', not '://'"),
    ("Postgres:/db.example/x", "Postgres is followed by ':/', not '://'"),
    ("ledger.db ", "it starts or ends with a space ('ledger.db ')"),
]


@pytest.mark.parametrize(("db", "what"), TYPOS, ids=[t[0] for t in TYPOS])
@pytest.mark.parametrize("how", ["--db", "TENACTIONS_DB"])
def test_a_server_address_with_a_typo_creates_nothing(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str, what: str, how: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    args = ("--db", db) if how == "--db" else ()
    if how == "TENACTIONS_DB":
        monkeypatch.setenv("TENACTIONS_DB", db)
    for command in (("log", "trees", "1"), ("report",), ("info",)):
        line = _one_line(cli(*args, *command), what, FORM, "looks like a server's address")
        assert "S3cretPw" not in line
    assert _files(work) == []


def test_a_typo_is_refused_in_chinese(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    line = _one_line(
        cli(
            "--db", "postgresql：//tadmin@localhost/tenactions", "log", "trees", "1", "--lang", "zh"
        )
    )
    assert line == (
        "tenactions: 错误：postgresql：//tadmin@localhost/tenactions：看似服务器地址，但其中有全角字符"
        "（：）；请在输入法的英文状态下输入 : 和 /；请写成 postgresql://USER@HOST[:PORT]/DATABASE"
    )
    assert not list(work.iterdir())


def test_a_path_with_a_colon_elsewhere_stays_a_path(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    done = cli("--db", "office:2024.db", "log", "trees", "1")
    assert done.exit_code == 0, done
    assert done.stderr == "created a new ledger at office:2024.db\n"
    assert _files(work) == ["office:2024.db"]


# --- 2. libpq's key=value strings -------------------------------------------------------------


def _conninfo(pg_url: str, **extra: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    settings = {k: str(v) for k, v in conninfo_to_dict(pg_url).items() if v} | extra
    return " ".join(f"{k}={v}" for k, v in settings.items())


def test_a_key_value_string_is_a_server_and_its_password_is_masked(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    # The test server trusts its socket: the password is carried, not checked.
    db = _conninfo(pg_url, password="S3cretPw")
    missing = cli("--db", db, "report")
    line = _one_line(missing, "there is no ledger in", "(given by --db)")
    assert "password=***" in line and "S3cretPw" not in line
    info = cli("--db", db, "info")
    assert info.exit_code == 0 and "S3cretPw" not in info.stdout, info
    assert "no ledger there yet; log or import creates it" in info.stdout
    logged = cli("--db", db, "log", "trees", "3")
    assert logged.exit_code == 0, logged
    assert "S3cretPw" not in logged.stderr and "password=***" in logged.stderr
    assert "the ledger exists" in cli("--db", db, "info").stdout
    assert _files(work) == []  # no folder named after it
    assert ledger_state(pg_url)[0][4] == 300


def test_a_key_value_string_to_no_server_masks_the_password(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    socket = tmp_path / "no-server"
    socket.mkdir()
    db = f"host={socket} user=tadmin password=S3cretPw dbname=tenactions"
    for command in (("log", "trees", "1"), ("report",)):
        line = _one_line(cli("--db", db, *command), f"nothing answers at {socket}/.s.PGSQL.5432")
        assert "S3cretPw" not in line
    assert not (tmp_path / "host=").exists() and not list(socket.iterdir())


def test_a_file_named_with_an_equals_sign_stays_a_file() -> None:
    from tenactions.store import is_url

    assert not is_url("report=final.db")
    assert is_url("host=db.example dbname=tenactions")
    assert is_url("dbname = 'city ledger' user=clerk")


# --- 3. a password in a driver's message ------------------------------------------------------

MALFORMED = [
    ("postgresql://tadmin:AdminSecret99@[::1/tenactions", "AdminSecret99"),
    ("postgresql://tadmin:Admin Secret@@/tenactions", "Admin Secret"),
    ("postgresql://tadmin:Sec%20ret9@@/tenactions", "Sec ret9"),
    ("postgresql:///tenactions?password=QuerySecret&host=[x", "QuerySecret"),
]


@pytest.mark.parametrize(("db", "secret"), MALFORMED, ids=[m[1] for m in MALFORMED])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_malformed_url_never_repeats_its_password(cli, db: str, secret: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("--db", db, "log", "trees", "1", "--lang", lang)
    assert result.exit_code == 1, result
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert secret not in result.stderr and secret.split()[0] not in result.stderr, result.stderr


def test_the_masking_function_takes_every_password_out() -> None:
    url = "postgresql://tadmin:AdminSecret99@[::1/tenactions"
    said = 'invalid URI: "postgresql://tadmin:AdminSecret99@[::1/tenactions"; other://u:p@h'
    assert mask(said, url) == 'invalid URI: "postgresql://***@[::1/tenactions"; other://***@h'
    assert mask('found in "Admin Secret"', "postgresql://t:Admin Secret@@/x") == 'found in "***"'
    assert mask("user=t password='a b' host=h", "user=t password='a b'") == (
        "user=t password=*** host=h"
    )
    # A short password is masked as a word, not inside other words.
    assert mask('password "S" for Sam', "host=h password=S") == 'password "***" for Sam'
    assert masked("POSTGRESQL://tadmin:AdminSecret99@/x") == "POSTGRESQL://tadmin:***@/x"


def test_the_scheme_is_read_in_any_case(cli, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    for n, scheme in enumerate(("POSTGRESQL://", "Postgres://"), start=1):
        db = scheme + pg_url.removeprefix("postgresql://")
        done = cli("--db", db, "log", "trees", "1")
        assert done.exit_code == 0, done
        assert done.stdout.startswith(f"Logged entry {n}:")


# --- 4. the usual connection failures, in the chosen language --------------------------------


def _sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


@pytest.fixture
def clerk(pg_server: str) -> str:
    """A role that signs in with a password (scram), which the test server then asks for."""
    import psycopg

    _sql(
        pg_server,
        "DO $$ BEGIN CREATE ROLE clerk LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object"
        " THEN NULL; END $$",
    )
    with psycopg.connect(pg_server, autocommit=True) as conn:
        hba = Path(conn.execute("SHOW hba_file").fetchone()[0])  # type: ignore[index]
        if "clerk" not in hba.read_text():
            hba.write_text("local all clerk scram-sha-256\n" + hba.read_text())
            conn.execute("SELECT pg_reload_conf()")
    return "clerk"


def _as(url: str, userinfo: str) -> str:
    return url.replace("postgres:@", f"{userinfo}@", 1)


def test_connection_failures_are_said_in_chinese(  # type: ignore[no-untyped-def]
    cli, pg_url: str, clerk: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    socket = tmp_path / "down"
    socket.mkdir()
    down = f"postgresql://tadmin@/tenactions?host={socket}"
    _sql(pg_url, "DO $$ BEGIN CREATE ROLE visitor LOGIN; EXCEPTION WHEN duplicate_object"
         " THEN NULL; END $$")  # fmt: skip
    name = pg_url.split("/")[3].split("?")[0]
    _sql(pg_url, f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")
    cases = [
        (_as(pg_url, "clerk:wrong-one"), '用户 "clerk" 的密码不对；请检查密码'),
        (
            _as(pg_url, "clerk"),
            '服务器要求用户 "clerk" 提供密码，但未找到密码；驱动程序会在 PGPASSWORD',
        ),
        (down, f"无法连接服务器：{socket}/.s.PGSQL.5432 无应答；服务器是否在运行"),
        (pg_url.replace(f"/{name}?", "/nosuchdb?"), '上没有名为 "nosuchdb" 的数据库'),
        (_as(pg_url, "nosuchrole"), '上没有名为 "nosuchrole" 的用户（角色）'),
        (_as(pg_url, "visitor"), f'权限不足，无权访问数据库 "{name}"'),
    ]
    for db, said in cases:
        line = _one_line(cli("--db", db, "log", "trees", "1", "--lang", "zh"), said)
        english = ("failed", "refused", "No such file", "supplied", "does not exist", "denied")
        assert not any(word in line for word in english), line
        assert "wrong-one" not in line
    # In English, with where it tried.
    line = _one_line(cli("--db", down, "report"), f"nothing answers at {socket}/.s.PGSQL.5432")
    assert line.endswith("is the server running, and is that the right host and port?")
    line = _one_line(cli("--db", _as(pg_url, "clerk"), "report"), "~/.pgpass", "PGPASSWORD")
    assert 'asks user "clerk" for a password and none was found' in line


def test_a_data_error_is_not_a_lost_connection(pg_url: str) -> None:
    import datetime as dt

    from tenactions.errors import StoreError
    from tenactions.model import NewEntry
    from tenactions.store import open_store

    with open_store(pg_url, create=True) as store:
        store.add(NewEntry("u-0", "trees", dt.date(2024, 9, 1), 100, "", "x", "", "", "log", None))
        bad = NewEntry("u-1", "trees", dt.date(2024, 9, 1), 100, "", "x", "a\x00b", "", "log", None)
        with pytest.raises(StoreError) as refused:
            store.add(bad)
        assert refused.value.text.key == "db_error", refused.value.text
        assert "lost" not in str(refused.value)
        assert store.counts() == (1, 0)  # the connection is still there


# --- 5. the server's ledger is made and named as a file's is ----------------------------------


def test_the_first_write_on_a_server_creates_the_ledger_and_says_so(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_DB", pg_url)
    shown = masked(pg_url)
    assert "no ledger there yet; log or import creates it" in cli("info").stdout
    report = _one_line(cli("report"), f"there is no ledger in {shown} (from TENACTIONS_DB)")
    zh = _one_line(cli("report", "--db", pg_url, "--lang", "zh"))
    assert f"{shown} 中没有数据库（由 --db 指定）" in zh, report
    bad = tmp_path / "bad.csv"
    bad.write_text("目标,数量,日期\n植树,5,2024-09-01\n植树,50万,2024-09-02\n", "utf-8")
    refused = cli("import", str(bad))
    assert refused.exit_code == 1 and "created a new ledger" not in refused.stderr, refused
    refused = cli("log", "unions", "3万", "-d", "2024-03-01")
    assert refused.exit_code == 1 and "created a new ledger" not in refused.stderr, refused
    assert _schemas(pg_url) == []  # nothing left behind
    first = cli("log", "trees", "5")
    assert first.exit_code == 0 and first.stderr == f"created a new ledger at {shown}\n", first
    again = cli("log", "trees", "5")
    assert again.exit_code == 0 and again.stderr == ""
    assert f"database:  {shown} (TENACTIONS_DB; a server; the ledger exists;" in cli("info").stdout
    assert _schemas(pg_url) == ["tenactions"]


def test_an_import_creates_the_server_ledger_and_says_so(cli, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "in.csv"
    sheet.write_text("target,amount,date\ntrees,1,2024-03-03\n", encoding="utf-8")
    done = cli("--db", pg_url, "import", str(sheet), "--lang", "zh")
    assert done.exit_code == 0, done
    assert done.stderr == f"已新建数据库 {masked(pg_url)}\n"
    assert execute(pg_url, "SELECT COUNT(*) FROM entries") == [(1,)]


# --- 6. counts read as numbers ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_copy_and_export_counts_are_counted_and_grouped(cli, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    office = str(tmp_path / "office.db")
    one = cli("--db", office, "log", "trees", "1")
    assert one.exit_code == 0
    copied = cli("copy", "--from", office, "--to", str(tmp_path / "a.db"), "--lang", lang)
    assert copied.exit_code == 0, copied
    said = {"en": "Copied 1 entry (0 void)", "zh": "复制 1 条记录（0 条作废）"}[lang]
    assert said in copied.stdout, copied.stdout
    sheet = tmp_path / "many.csv"
    rows = "".join(f"trees,1,2024-03-03,,R-{i}\n" for i in range(1233))
    sheet.write_text("target,amount,date,district,ref\n" + rows, encoding="utf-8")
    assert cli("--db", office, "import", str(sheet)).exit_code == 0
    copied = cli("copy", "--from", office, "--to", str(tmp_path / "b.db"), "--lang", lang)
    said = {"en": "Copied 1,234 entries", "zh": "复制 1,234 条记录"}[lang]
    assert said in copied.stdout, copied.stdout
    out = tmp_path / "all.csv"
    exported = cli("--db", office, "export", "-o", str(out), "--lang", lang)
    said = {"en": "Exported 1,234 entries", "zh": "已导出 1,234 条记录"}[lang]
    assert said in exported.stderr, exported.stderr


# --- 7. a signal between the commit and the result ------------------------------------------


def _entries(location: str) -> int:
    if location.startswith("postgresql://"):
        try:
            return int(execute(location, "SELECT COUNT(*) FROM entries")[0][0])  # type: ignore[arg-type]
        except Exception:  # the ledger is not made yet
            return 0
    if not Path(location).exists():
        return 0
    try:
        return int(execute(location, "SELECT COUNT(*) FROM entries")[0][0])  # type: ignore[arg-type]
    except Exception:
        return 0


def _terminated_after_commit(args: list[str], location: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ) | {"TENACTIONS_TEST_PAUSE_AFTER_COMMIT": "3"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tenactions", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while _entries(location) == 0:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.05)
    assert proc.poll() is None  # committed; the result is not printed yet
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_signal_after_the_commit_lets_the_log_say_what_it_did(ledger_db: str) -> None:
    done = _terminated_after_commit(["log", "trees", "5"], ledger_db)
    assert done.returncode == 0, done
    assert done.stdout.startswith("Logged entry 1: Trees planted by volunteers 5 trees"), done
    assert done.stderr == f"created a new ledger at {masked(ledger_db)}\n"


def test_a_signal_after_the_commit_lets_the_copy_say_what_it_did(  # type: ignore[no-untyped-def]
    cli, pg_url: str, tmp_path: Path
) -> None:
    office = str(tmp_path / "office.db")
    assert cli("--db", office, "log", "trees", "2").exit_code == 0
    done = _terminated_after_commit(["copy", "--from", office, "--to", pg_url], pg_url)
    assert done.returncode == 0, done
    assert done.stdout.startswith("Copied 1 entry (0 void)"), done
