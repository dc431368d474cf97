"""The storage seam: a ledger named by a path or a URL, records derived from the model."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from tenactions.errors import BusyError, StoreError
from tenactions.model import Checkpoint, Programme, Target, from_data, to_data
from tenactions.programme import load_programme
from tenactions.store import is_url, masked
from tenactions.store.sqlite import _store_error

from .conftest import SHIPPED


@pytest.mark.parametrize(
    ("location", "url"),
    [
        ("ledger.db", False),
        ("/srv/tenactions/ledger.db", False),
        ("C://ledger.db", False),  # a Windows drive, not a scheme
        ("postgresql://clerk@db.example/tenactions", True),
        ("postgres://db.example/tenactions", True),
        ("mysql://db.example/tenactions", True),
    ],
)
def test_a_url_is_told_from_a_path(location: str, url: bool) -> None:
    assert is_url(location) is url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://clerk:s3cret@db.example/ledger", "postgresql://clerk:***@db.example/ledger"),
        ("postgresql://clerk@db.example/ledger", "postgresql://clerk@db.example/ledger"),
        (
            "postgresql://db.example/ledger?user=clerk&password=s3cret&sslmode=require",
            "postgresql://db.example/ledger?user=clerk&password=***&sslmode=require",
        ),
        ("postgresql://cl:p@ss@word@db/ledger", "postgresql://cl:***@db/ledger"),
        ("ledger.db", "ledger.db"),
    ],
)
def test_a_password_is_never_shown(url: str, shown: str) -> None:
    assert masked(url) == shown


def test_an_unknown_kind_of_database_is_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--db", "mysql://clerk:s3cret@db.example/x", "log", "trees", "5")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "tenactions: error: mysql://clerk:***@db.example/x: unknown kind of database 'mysql';"
        " give a file path for an SQLite ledger, or postgresql://user@host/database for a server"
    ]
    assert "s3cret" not in result.stdout + result.stderr
    assert not list(tmp_path.glob("*.db"))


def test_info_masks_the_password(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--db", "postgresql://clerk:s3cret@db.example/ledger", "info")
    assert result.exit_code == 0
    assert "database:  postgresql://clerk:***@db.example/ledger (--db;" in result.stdout
    assert "s3cret" not in result.stdout


def test_sqlite_errors_are_told_apart_by_their_code_not_their_text() -> None:
    def error(cls: type[sqlite3.DatabaseError], code: int, text: str) -> sqlite3.DatabaseError:
        exc = cls(text)  # the text is deliberately unlike SQLite's English
        exc.sqlite_errorcode = code
        return exc

    busy = _store_error(error(sqlite3.OperationalError, 5 | (3 << 8), "occupé"), "l.db")
    assert isinstance(busy, BusyError)
    assert "busy" in str(busy)
    readonly = _store_error(error(sqlite3.OperationalError, 8, "lecture seule"), "l.db")
    assert str(readonly) == "l.db: the database is read-only; nothing was written"
    full = _store_error(error(sqlite3.OperationalError, 13, "plein"), "l.db")
    assert str(full) == "l.db: the disk is full; nothing was written"
    notadb = _store_error(error(sqlite3.DatabaseError, 26, "pas une base"), "l.db")
    assert type(notadb) is StoreError
    # SQLite's own words never reach the user: the catalogue says it, in either language.
    assert str(notadb) == "l.db: the ledger is damaged; restore it from a backup"
    assert notadb.texts()[0].render("zh") == "l.db: 数据库已损坏；请从备份恢复"


def test_the_programme_round_trips_through_its_data() -> None:
    programme = load_programme(SHIPPED, use_cache=False)
    data = json.loads(json.dumps(to_data(programme)))
    assert "path" not in data and "_index" not in data
    assert from_data(Programme, data, path=programme.path) == programme


def test_a_new_field_needs_no_codec() -> None:
    # Every field of a target reaches the data, typed back exactly on the way in.
    target = Target(
        id="t", action=1, name_zh="树", name_en="trees", unit_zh="棵", unit_en="trees",
        kind="milestone", goal=Decimal("12.5"), start=dt.date(2024, 1, 1),
        end=dt.date(2024, 9, 30), due=dt.date(2024, 9, 30), window_start=None,
        checkpoints=(Checkpoint(dt.date(2024, 6, 30), Decimal("0.5")),), aliases=("a", "b"),
    )  # fmt: skip
    data = to_data(target)
    assert data["goal"] == "12.5"
    assert data["checkpoints"] == [{"date": "2024-06-30", "share": "0.5"}]
    assert from_data(Target, json.loads(json.dumps(data))) == target


def test_targets_json_is_the_model(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(cli("targets", "--format", "json").stdout)
    programme = load_programme(SHIPPED, use_cache=False)
    assert len(rows) == len(programme.targets)
    for row, target in zip(rows, programme.targets, strict=True):
        assert set(to_data(target)) <= set(row)
        assert row["unit"] == target.unit_en
        assert Decimal(str(row["goal"])) == target.goal


def test_a_ledger_on_a_network_share_is_refused(
    cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tenactions.store import sqlite

    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        f"fileserver:/export/office {share} nfs4 rw,relatime 0 0\n"
        f"//fs/office {tmp_path / 'smb'} cifs rw 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sqlite, "MOUNTS", mounts)
    result = cli("--db", str(share / "ledger.db"), "log", "trees", "5")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"tenactions: error: {share / 'ledger.db'}: is on a network file system (nfs4), where"
        " SQLite's locking cannot be trusted; share the ledger through a PostgreSQL server"
        " instead (see docs/server.md)"
    ]
    assert not (share / "ledger.db").exists()
    assert sqlite.network_file_system(tmp_path / "smb" / "x" / "l.db") == "cifs"
    assert sqlite.network_file_system(tmp_path / "local.db") is None
    assert cli("--db", str(tmp_path / "local.db"), "log", "trees", "5").exit_code == 0
