"""Moving a whole ledger between stores: an SQLite file and a PostgreSQL server, either way.

Entries keep their ids (so voids, amendments and identities still point at the right rows,
and ``tenactions void 17`` means the same entry before and after), their identities, authors
and timestamps. Copying is idempotent: an entry already in the destination under the same id
and identity is skipped, so a second copy adds nothing, and a copy interrupted half-way is
finished by running it again (each run is one transaction: all of it or none). A destination
that holds other entries under the same ids is refused: two ledgers are never merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tenactions.errors import InputError
from tenactions.messages import Msg
from tenactions.model import StoredEntry

if TYPE_CHECKING:
    from tenactions.store import Store


@dataclass(frozen=True)
class CopyResult:
    entries: int
    """Entries added to the destination."""
    voids: int
    """Void marks added to the destination."""
    present: int
    """Entries the destination held already."""


def copy_ledger(source: Store, dest: Store) -> CopyResult:
    """Copy every entry, void and identity of ``source`` that ``dest`` lacks, in one transaction."""
    if source.shown == dest.shown:
        raise InputError(Msg("copy_same_ledger", file=source.shown))
    entries = source.entries(include_void=True, newest_first=False)
    keys = list(_identity_keys(source))
    return _receive(dest, entries, keys)


def _identity_keys(store: Store) -> Iterator[tuple[str, int]]:
    from tenactions.store import sqlite

    if isinstance(store, sqlite.Store):
        with store._translate():
            yield from store.conn.execute("SELECT key, entry_id FROM identity_keys ORDER BY key")
        return
    from tenactions.store import postgres

    assert isinstance(store, postgres.PostgresStore)
    rows = store._read(
        lambda cur: cur.execute("SELECT key, entry_id FROM identity_keys ORDER BY key").fetchall()
    )
    yield from ((str(k), int(i)) for k, i in rows)


_INCOMING = (
    "id BIGINT PRIMARY KEY, uid TEXT, target TEXT, date {date}, amount_c BIGINT, district TEXT,"
    " by TEXT, note TEXT, ref TEXT, source TEXT, amends BIGINT, created_at TEXT, void INTEGER,"
    " void_reason TEXT, void_by TEXT, void_at TEXT"
)
_COLUMNS = "id, uid, target, date, amount_c, district, by, note, ref, source, amends, created_at"


def _row(e: StoredEntry, date: Any) -> tuple[Any, ...]:
    return (
        e.id, e.uid, e.target, date, e.amount_c, e.district, e.by, e.note, e.ref, e.source,
        e.amends, e.created_at, int(e.void), e.void_reason, e.void_by, e.void_at,
    )  # fmt: skip


def _clash(dest: Store, first: Any) -> InputError:
    return InputError(Msg("copy_ids_clash", file=dest.shown, id=first))


def _receive(
    dest: Store, entries: Iterable[StoredEntry], keys: list[tuple[str, int]]
) -> CopyResult:
    from tenactions.store import sqlite

    if isinstance(dest, sqlite.Store):
        return _receive_sqlite(dest, entries, keys)
    from tenactions.store import postgres

    assert isinstance(dest, postgres.PostgresStore)
    return _receive_postgres(dest, entries, keys)


_CLASH_SQL = (
    "SELECT i.id FROM {incoming} i JOIN entries e ON e.id = i.id WHERE e.uid != i.uid"
    " UNION ALL SELECT i.id FROM {incoming} i JOIN entries e ON e.uid = i.uid WHERE e.id != i.id"
    " LIMIT 1"
)


def _receive_sqlite(
    dest: Any, entries: Iterable[StoredEntry], keys: list[tuple[str, int]]
) -> CopyResult:
    conn = dest.conn
    with dest._translate():
        conn.execute("DROP TABLE IF EXISTS temp.incoming")
        conn.execute(f"CREATE TEMP TABLE incoming ({_INCOMING.format(date='TEXT')})")
    try:
        with dest.write() as conn:
            conn.executemany(
                "INSERT INTO temp.incoming VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (_row(e, e.date.isoformat()) for e in entries),
            )
            clash = conn.execute(_CLASH_SQL.format(incoming="temp.incoming")).fetchone()
            if clash is not None:
                raise _clash(dest, clash[0])
            total = conn.execute("SELECT COUNT(*) FROM temp.incoming").fetchone()[0]
            before = conn.total_changes
            conn.execute(
                f"INSERT INTO entries ({_COLUMNS}) SELECT {_COLUMNS} FROM temp.incoming i"
                " WHERE i.id NOT IN (SELECT id FROM entries) ORDER BY i.id"
            )
            added = conn.total_changes - before
            before = conn.total_changes
            conn.execute(
                "INSERT INTO voids (entry_id, reason, by, at) SELECT id, void_reason, void_by,"
                " void_at FROM temp.incoming WHERE void AND id NOT IN (SELECT entry_id FROM voids)"
                " ORDER BY id"
            )
            voids = conn.total_changes - before
            conn.executemany(
                "INSERT OR IGNORE INTO identity_keys (key, entry_id) VALUES (?, ?)", keys
            )
            if added or voids:
                # The totals of what arrived, rebuilt from the entries as `check --repair` does.
                conn.execute("DELETE FROM daily_totals")
                conn.execute("DELETE FROM target_days")
                conn.execute(
                    "INSERT INTO daily_totals (target, date, district, amount_c, entries)"
                    " SELECT e.target, e.date, e.district, SUM(e.amount_c), COUNT(*)"
                    " FROM entries e WHERE e.id NOT IN (SELECT entry_id FROM voids)"
                    " GROUP BY e.target, e.date, e.district"
                )
    finally:
        with dest._translate():
            conn.execute("DROP TABLE IF EXISTS temp.incoming")
    return CopyResult(added, voids, total - added)


def _receive_postgres(
    dest: Any, entries: Iterable[StoredEntry], keys: list[tuple[str, int]]
) -> CopyResult:
    with dest._translate(), dest.conn.transaction():
        dest.conn.execute("DROP TABLE IF EXISTS pg_temp.incoming")
        dest.conn.execute(f"CREATE TEMP TABLE incoming ({_INCOMING.format(date='DATE')})")
        with dest.conn.cursor() as cur, cur.copy("COPY pg_temp.incoming FROM STDIN") as copy:
            for e in entries:
                copy.write_row(_row(e, e.date))
        dest.conn.execute("ANALYZE pg_temp.incoming")

    def work(cur: Any) -> CopyResult:
        cur.execute(_CLASH_SQL.format(incoming="pg_temp.incoming"))
        clash = cur.fetchone()
        if clash is not None:
            raise _clash(dest, clash[0])
        cur.execute("SELECT COUNT(*) FROM pg_temp.incoming")
        total = int(cur.fetchone()[0])
        cur.execute("LOCK TABLE entries IN SHARE ROW EXCLUSIVE MODE")  # ids are ours to give
        cur.execute(
            f"INSERT INTO entries ({_COLUMNS}) SELECT {_COLUMNS} FROM pg_temp.incoming i"
            " WHERE NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = i.id) ORDER BY i.id"
        )
        added = max(cur.rowcount, 0)
        cur.execute(
            "INSERT INTO voids (entry_id, reason, by, at) SELECT id, void_reason, void_by, void_at"
            " FROM pg_temp.incoming i WHERE void = 1"
            " AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.entry_id = i.id) ORDER BY id"
        )
        voids = max(cur.rowcount, 0)
        cur.executemany(
            "INSERT INTO identity_keys (key, entry_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            keys,
        )
        # New entries take ids after the copied ones.
        cur.execute(
            "SELECT setval(pg_get_serial_sequence('entries', 'id'),"
            " GREATEST((SELECT MAX(id) FROM entries), 1))"
        )
        return CopyResult(added, voids, total - added)

    try:
        result: CopyResult = dest._run(work, write=True)
        return result
    finally:
        dest._drop_temp("incoming")
