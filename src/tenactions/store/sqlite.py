"""The ledger in an SQLite file: the default store (see :mod:`tenactions.store`).

Promises, kept by the schema itself where SQLite can:

* entries are append-only: triggers refuse UPDATE and DELETE on ``entries`` and ``voids``;
  a correction is a row in ``voids`` (and, for an amendment, a new linked entry);
* every write is one ``BEGIN IMMEDIATE`` transaction, so a killed process leaves all of its
  work or none, and two writers queue on the busy timeout instead of interleaving;
* ``daily_totals`` (per target, day and district) is maintained in the same transaction as the
  entries it sums, and ``target_days`` (per target and day) follows it by trigger, so a report
  reads a few thousand rows however long the ledger grows;
  ``tenactions check`` recomputes it from the entries and ``check --repair`` rebuilds it.

The hot paths (``log``, ``report``, ``summary``) use the standard library's sqlite3 directly;
sqlite-utils (slower to import) serves the schema introspection of ``check`` and the
streaming queries of ``entries`` and ``export``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tenactions.errors import BusyError, InputError, StoreError, os_reason
from tenactions.interrupts import hold_signals
from tenactions.messages import Msg
from tenactions.misfits import Misfit, Rules
from tenactions.model import ImportResult, NewEntry, StoredEntry, Totals
from tenactions.store.common import (
    MAX_ID,
    MAX_TOTAL_C,
    RenamedIds,
    busy_timeout_from_env,
    compare_present,
    compare_restored,
    differing_rows,
    entries_over_limit,
    merge_renamed,
    now_utc,
    ref_taken,
    restore_rows,
    restore_sums,
    shared_form_number,
    total_too_large,
)

SCHEMA_VERSION = 3
# Each migration takes the schema from version i to i + 1; never edit a released one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE entries (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        target      TEXT NOT NULL,
        date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        amount_c    INTEGER NOT NULL CHECK (amount_c > 0),
        district    TEXT NOT NULL DEFAULT '',
        by          TEXT NOT NULL,
        note        TEXT NOT NULL DEFAULT '',
        ref         TEXT NOT NULL DEFAULT '',
        source      TEXT NOT NULL,
        amends      INTEGER REFERENCES entries (id),
        created_at  TEXT NOT NULL
    );
    CREATE INDEX entries_target_date ON entries (target, date);
    CREATE TABLE voids (
        entry_id    INTEGER PRIMARY KEY REFERENCES entries (id),
        reason      TEXT NOT NULL,
        by          TEXT NOT NULL,
        at          TEXT NOT NULL
    );
    CREATE TABLE daily_totals (
        target      TEXT NOT NULL,
        date        TEXT NOT NULL,
        district    TEXT NOT NULL,
        amount_c    INTEGER NOT NULL,
        entries     INTEGER NOT NULL,
        PRIMARY KEY (target, date, district)
    ) WITHOUT ROWID;
    CREATE TRIGGER entries_never_change BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'entries are never changed: void or amend them'); END;
    CREATE TRIGGER entries_never_deleted BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'entries are never deleted: void them'); END;
    CREATE TRIGGER voids_never_change BEFORE UPDATE ON voids
    BEGIN SELECT RAISE(ABORT, 'a void is final'); END;
    CREATE TRIGGER voids_never_deleted BEFORE DELETE ON voids
    BEGIN SELECT RAISE(ABORT, 'a void is final'); END;
    CREATE VIEW ledger AS
        SELECT e.id, e.target, e.date, e.amount_c / 100.0 AS amount, e.district, e.by, e.note,
               e.ref, e.source, e.amends, e.created_at, e.uid,
               v.entry_id IS NOT NULL AS void, v.reason AS void_reason, v.by AS void_by,
               v.at AS void_at
        FROM entries e LEFT JOIN voids v ON v.entry_id = e.id;
    CREATE VIEW target_totals AS
        SELECT target, SUM(amount_c) / 100.0 AS total, SUM(entries) AS entries,
               MIN(date) AS first_date, MAX(date) AS last_date
        FROM daily_totals WHERE entries > 0 GROUP BY target;
    """,
    # 2: per-target daily totals, kept from daily_totals by triggers, so that a report reads
    # at most (targets x days) rows whatever the number of districts and entries. Reports no
    # longer read entries, so their secondary indexes go: they cost a third of a big import
    # and barely speed up `entries` (which sorts by date either way).
    """
    DROP INDEX IF EXISTS entries_date;
    DROP INDEX IF EXISTS entries_target_date;
    CREATE TABLE target_days (
        target      TEXT NOT NULL,
        date        TEXT NOT NULL,
        amount_c    INTEGER NOT NULL,
        entries     INTEGER NOT NULL,
        PRIMARY KEY (target, date)
    ) WITHOUT ROWID;
    CREATE TRIGGER target_days_add AFTER INSERT ON daily_totals
    BEGIN
        INSERT INTO target_days (target, date, amount_c, entries)
        VALUES (NEW.target, NEW.date, NEW.amount_c, NEW.entries)
        ON CONFLICT (target, date) DO UPDATE SET
            amount_c = amount_c + excluded.amount_c, entries = entries + excluded.entries;
    END;
    CREATE TRIGGER target_days_change AFTER UPDATE ON daily_totals
    BEGIN
        UPDATE target_days SET amount_c = amount_c + NEW.amount_c - OLD.amount_c,
                               entries = entries + NEW.entries - OLD.entries
        WHERE target = NEW.target AND date = NEW.date;
    END;
    INSERT INTO target_days (target, date, amount_c, entries)
        SELECT target, date, SUM(amount_c), SUM(entries) FROM daily_totals GROUP BY target, date;
    """,
    # 3: identities for life. Amendments are found from the entry they replace (the index on
    # `amends`); `identity_keys` holds the new-style identity of entries written before form
    # numbers were normalised and content identities left out the note (filled in Python by
    # `_fill_identity_keys`), so that re-sending an old file still finds its rows.
    """
    CREATE INDEX IF NOT EXISTS entries_amends ON entries (amends) WHERE amends IS NOT NULL;
    CREATE TABLE identity_keys (
        key         TEXT PRIMARY KEY,
        entry_id    INTEGER NOT NULL REFERENCES entries (id)
    ) WITHOUT ROWID;
    CREATE TRIGGER identity_keys_never_change BEFORE UPDATE ON identity_keys
    BEGIN SELECT RAISE(ABORT, 'identities are never changed'); END;
    """,
]

_ENTRY_COLUMNS = "uid, target, date, amount_c, district, by, note, ref, source, amends, created_at"
#: Where an import's rows wait, read and checked, until the ledger is locked for the write.
_STAGED = "staging.staged"


class Store(RenamedIds):
    """One open SQLite ledger (the :class:`tenactions.store.Store` protocol). Use
    :func:`open_store`; close it (or use ``with``) when done."""

    schema_version = SCHEMA_VERSION

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.shown = path
        #: Target ids entries may be stored under -> the target's id now (renamed targets);
        #: totals, look-ups and comparisons count them as the current id.
        self.renamed: dict[str, str] = {}
        #: The programme's time zone: times in messages are shown in it (stored in UTC).
        self.timezone: str | None = None

    # --- transactions ----------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: all of the block's writes, or none."""
        with self._translate():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            hold_signals()  # until the command has said what it did
            self.conn.execute("COMMIT")

    @contextmanager
    def _translate(self) -> Iterator[None]:
        with translate_errors(self.path):
            yield

    # --- writes ----------------------------------------------------------------------------

    def add(self, entry: NewEntry, *, check: Callable[[], None] | None = None) -> int:
        """Write one entry and its totals; return its id. A repeated ``uid`` is refused.

        ``check`` runs inside the write transaction, before the insert: a rule that reads
        the ledger's totals (a milestone already done) sees them as they are when the entry
        is written, not as they were before another process wrote its own.
        """
        with self.write() as conn:
            if check is not None:
                check()
            return self._insert_one(conn, entry)

    def _insert_one(self, conn: sqlite3.Connection, entry: NewEntry) -> int:
        self._check_limit(conn, entry.target, entry.amount_c)
        taken = self._holder(conn, entry.uid)
        if taken is not None:
            first = self._get(conn, taken)
            live = self._live(conn, first)
            raise InputError(ref_taken(entry.ref, first.id, live))
        cur = conn.execute(
            f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            entry.row(now_utc()),
        )
        self._add_to_day(
            conn, entry.target, entry.date.isoformat(), entry.district, entry.amount_c, 1
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    @staticmethod
    def _add_to_day(
        conn: sqlite3.Connection, target: str, date: str, district: str, amount_c: int, count: int
    ) -> None:
        conn.execute(_ADD_TO_DAY, (target, date, district, amount_c, count))

    def void(self, entry_id: int, reason: str, by: str) -> StoredEntry:
        """Mark an entry void (refused if it is unknown or already void); return it as it was."""
        with self.write() as conn:
            return self._void(conn, entry_id, reason, by)

    def _void(self, conn: sqlite3.Connection, entry_id: int, reason: str, by: str) -> StoredEntry:
        entry = self._get(conn, entry_id)
        if entry.void:
            at = entry.void_at or ""
            if self.timezone:
                from tenactions.dates import shown_time

                at = shown_time(at, self.timezone)
            raise InputError(
                Msg("already_void", id=entry_id, by=entry.void_by, at=at, reason=entry.void_reason)
            )
        conn.execute(
            "INSERT INTO voids (entry_id, reason, by, at) VALUES (?,?,?,?)",
            (entry_id, reason, by, now_utc()),
        )
        self._add_to_day(
            conn, entry.target, entry.date.isoformat(), entry.district, -entry.amount_c, -1
        )
        return entry

    def amend(
        self,
        entry_id: int,
        new: NewEntry,
        reason: str,
        by: str,
        *,
        check: Callable[[], None] | None = None,
    ) -> int:
        """Void an entry and write its replacement, linked by ``amends``; return the new id.

        The replacement keeps the identity of the entry it replaces (it is found from it, so
        no re-import counts the row again). If the correction changes the form number or the
        district, the new form number becomes the replacement's identity too, and is refused
        if another entry holds it: two live entries never share a form number.
        """
        from tenactions.identity import ref_key

        with self.write() as conn:
            if check is not None:
                check()  # inside the transaction, as for add()
            old = self._void(conn, entry_id, reason, by)
            key = ref_key(new.ref, new.district) if new.ref else None
            if key is not None and key != (ref_key(old.ref, old.district) if old.ref else None):
                holder = self._holder(conn, key)
                # A form number this entry had before (corrected back) stays its own.
                if holder is None or self._root(conn, holder) != self._root(conn, old.id):
                    new = new._replace(uid=key)
            new_id = self._insert_one(conn, new)
            if not new.ref:
                self._claim_content(conn, new, new_id)
            return new_id

    def _claim_content(self, conn: sqlite3.Connection, entry: NewEntry, entry_id: int) -> None:
        """Give an amendment the content identity of its own figures too, so that the
        district's corrected file (no form numbers) is "already present", not counted again.

        Its occurrence is the first one no other entry holds, as a file listing it after its
        twins would count it.
        """
        from tenactions.identity import content_digest, content_key

        digest = content_digest(entry.target, entry.date, entry.amount_c, entry.district)
        occurrence = 0
        while self._holder(conn, content_key(digest, occurrence)) is not None:
            occurrence += 1
        conn.execute(
            "INSERT INTO identity_keys (key, entry_id) VALUES (?, ?)",
            (content_key(digest, occurrence), entry_id),
        )

    @staticmethod
    def _holder(conn: sqlite3.Connection, key: str) -> int | None:
        """The entry that holds an identity, if any."""
        found: int | None = conn.execute(
            "SELECT COALESCE((SELECT id FROM entries WHERE uid = ?),"
            " (SELECT entry_id FROM identity_keys WHERE key = ?))",
            (key, key),
        ).fetchone()[0]
        return found

    @staticmethod
    def _root(conn: sqlite3.Connection, entry_id: int) -> int:
        """The first entry of a chain of amendments."""
        seen = {entry_id}
        while True:
            row = conn.execute("SELECT amends FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return entry_id
            entry_id = row[0]
            seen.add(entry_id)

    def import_entries(
        self,
        rows: Iterable[NewEntry],
        *,
        dry_run: bool = False,
        row_number: Callable[[], int] | None = None,
        place_of: Callable[[int], str] | None = None,
        shown: str = "",
        check: Callable[[], None] | None = None,
    ) -> ImportResult:
        """Write every row whose identity is new, in one transaction; rows already stored are
        skipped.

        The rows are first read to the end and staged in a temporary database, without any lock:
        if reading raises (a bad row found late in a file), nothing is written and nobody had
        to wait. Only then is the write lock taken, for the write itself. ``dry_run`` never
        takes it. ``row_number()`` gives a number for the row just read that orders the rows,
        and ``place_of`` turns it into the row's place for messages (``file[sheet]:row``;
        without it the number is the row number in ``shown``); ``shown`` is the file as named in messages. ``check`` runs once the write
        lock is held (as for :meth:`add`): the rows were judged against the ledger without it.

        A row whose identity is stored is compared with what is live now (following
        amendments): the same target, date, amount and district is "already present" (a
        different note is reported in :attr:`ImportResult.notices`); anything else refuses
        the import, naming the row, the entry and the ``amend`` to run.
        """
        count, daily = self._stage(rows, row_number)
        sums: dict[str, int] = {}
        for (target, _, _), (amount_c, _) in daily.items():
            sums[target] = sums.get(target, 0) + amount_c
        try:
            if dry_run:
                with self._translate():
                    if check is not None:
                        check()
                    self._check_limits(self.conn, sums, shown)
                    notices = self._compare_present(self.conn, None, shown, place_of)
                    present = self.conn.execute(
                        f"SELECT COUNT(*) FROM {_STAGED} s WHERE s.uid IN (SELECT uid FROM"
                        " entries) OR s.uid IN (SELECT key FROM identity_keys)"
                    ).fetchone()[0]
                return ImportResult(count, count - present, tuple(notices))
            return self._write_staged(count, sums, daily, shown, check, place_of)
        finally:
            self._unstage()

    def restore_entries(
        self,
        rows: Iterable[NewEntry],
        restored: dict[str, tuple[int, str | None]],
        *,
        by: str,
        dry_run: bool = False,
        shown: str = "",
        places: Mapping[str, str] | None = None,
    ) -> ImportResult:
        """Restore our own export as it was: each row keeps its identity, a void row comes back
        void (its identity stays taken) and an amendment comes back linked to the restored
        entry it replaces. ``restored`` maps a row's uid to its id in the export and, if it is
        void, the reason; a row's ``amends`` is the export's id of the entry it replaces.

        Rows whose identity is stored already are "already present" if they say what the
        ledger holds, else the restore is refused (:func:`compare_restored`; ``places`` gives
        each row's ``file:row``). All or nothing, in one transaction, after the whole file is
        read (no lock while reading).
        """
        entries = list(rows)
        sums = restore_sums(entries, restored)

        def compared(conn: sqlite3.Connection) -> list[Msg]:
            return compare_restored(
                entries,
                restored,
                lambda uid: self._holder(conn, uid),
                lambda entry_id: self._get(conn, entry_id),
                lambda e: self._live(conn, e),
                shown,
                places=places or {},
                current=self._current,
                targets=self.targets,
            )

        if dry_run:
            with self._translate():
                self._check_limits(self.conn, sums, shown)
                notices = compared(self.conn)
                present = sum(self._holder(self.conn, e.uid) is not None for e in entries)
            return ImportResult(len(entries), len(entries) - present, tuple(notices))
        with self.write() as conn:
            self._check_limits(conn, sums, shown)
            notices = compared(conn)

            def void(new: NewEntry, new_id: int, reason: str) -> None:
                conn.execute(
                    "INSERT INTO voids (entry_id, reason, by, at) VALUES (?,?,?,?)",
                    (new_id, reason, by, now_utc()),
                )
                self._add_to_day(
                    conn, new.target, new.date.isoformat(), new.district, -new.amount_c, -1
                )

            added = restore_rows(
                entries,
                restored,
                holder=lambda uid: self._holder(conn, uid),
                insert=lambda new: self._insert_one(conn, new),
                void=void,
                claim=lambda new, new_id: self._claim_content(conn, new, new_id),
            )
        return ImportResult(len(entries), added, tuple(notices))

    def _stage(
        self, rows: Iterable[NewEntry], row_number: Callable[[], int] | None
    ) -> tuple[int, dict[tuple[str, dt.date, str], list[int]]]:
        """Read every row into the staging table; return the count and the rows' sums per
        (target, date, district): [hundredths, rows].

        The sums are kept here, as the rows go by, so that an import whose rows are all new
        adds them to ``daily_totals`` without sorting a million staged rows in SQL.
        """
        count = 0
        daily: dict[tuple[str, dt.date, str], list[int]] = {}
        # A ledger's rows fall on a few hundred days: each day's text is made once.
        day_text: dict[dt.date, str] = {}

        def tuples() -> Iterator[tuple[Any, ...]]:
            nonlocal count
            for entry in rows:
                count += 1
                uid, target, date, amount_c, district, by, note, ref, source, _ = entry
                day = (target, date, district)
                summed = daily.get(day)
                if summed is None:
                    daily[day] = [amount_c, 1]
                else:
                    summed[0] += amount_c
                    summed[1] += 1
                number = row_number() if row_number is not None else count
                iso = day_text.get(date)
                if iso is None:
                    iso = day_text[date] = date.isoformat()
                yield (
                    number,
                    uid,
                    target,
                    iso,
                    amount_c,
                    district,
                    by,
                    note,
                    ref,
                    source,
                )

        conn = self.conn
        with self._translate():
            self._unstage()
            # A database of its own, in a temporary file deleted when it is detached: it is
            # thrown away in one step (dropping a temporary table frees its pages one by one),
            # and it needs no journal or sync for rows that are only ever read back once.
            conn.execute("ATTACH DATABASE '' AS staging")
            conn.execute("PRAGMA staging.page_size = 65536")
            conn.execute("PRAGMA staging.journal_mode = MEMORY")
            conn.execute("PRAGMA staging.synchronous = OFF")
            conn.execute(
                f"CREATE TABLE {_STAGED} (rownum INTEGER NOT NULL, uid TEXT, target TEXT,"
                " date TEXT, amount_c INTEGER, district TEXT, by TEXT, note TEXT, ref TEXT,"
                " source TEXT)"
            )
            # A transaction on the staging database only: the ledger is not locked.
            conn.execute("BEGIN")
            try:
                conn.executemany(f"INSERT INTO {_STAGED} VALUES (?,?,?,?,?,?,?,?,?,?)", tuples())
            except BaseException:
                conn.rollback()
                raise
            conn.execute("COMMIT")
        return count, daily

    def _unstage(self) -> None:
        """Throw the staging database away (if a statement still reads it, empty it instead)."""
        attached = any(row[1] == "staging" for row in self.conn.execute("PRAGMA database_list"))
        if not attached:
            return
        try:
            self.conn.execute("DETACH DATABASE staging")
        except sqlite3.OperationalError:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute(f"DELETE FROM {_STAGED}")

    def _write_staged(
        self,
        count: int,
        sums: dict[str, int],
        daily: dict[tuple[str, dt.date, str], list[int]],
        shown: str,
        check: Callable[[], None] | None,
        place_of: Callable[[int], str] | None = None,
    ) -> ImportResult:
        created = now_utc()
        with self.write() as conn:
            if check is not None:
                check()
            self._check_limits(conn, sums, shown)
            before_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
            old_keys = conn.execute("SELECT EXISTS (SELECT 1 FROM identity_keys)").fetchone()[0]
            before_changes = conn.total_changes
            conn.execute(
                f"INSERT OR IGNORE INTO entries ({_ENTRY_COLUMNS})"
                " SELECT uid, target, date, amount_c, district, by, note, ref, source, NULL, ?"
                f" FROM {_STAGED} s"
                + (" WHERE s.uid NOT IN (SELECT key FROM identity_keys)" if old_keys else "")
                + " ORDER BY s.rowid",
                (created,),
            )
            added = conn.total_changes - before_changes
            notices: list[Msg] = []
            if added == count:
                # Every row was new: the sums kept while staging are exactly what was added.
                conn.executemany(
                    _ADD_TO_DAY,
                    (
                        (target, date.isoformat(), district, amount_c, n)
                        for (target, date, district), (amount_c, n) in daily.items()
                    ),
                )
            else:
                # Some rows were there already: sum only the new ones. They have ids above every
                # old one (rowids grow while we hold the write lock).
                conn.execute(
                    "INSERT INTO daily_totals (target, date, district, amount_c, entries)"
                    " SELECT target, date, district, SUM(amount_c), COUNT(*) FROM entries"
                    " WHERE id > ? GROUP BY target, date, district"
                    " ON CONFLICT (target, date, district) DO UPDATE SET"
                    " amount_c = amount_c + excluded.amount_c, entries = entries + excluded.entries",
                    (before_id,),
                )
                notices = self._compare_present(conn, before_id, shown, place_of)
        return ImportResult(count, added, tuple(notices))

    def _check_limits(self, conn: sqlite3.Connection, sums: dict[str, int], shown: str) -> None:
        """Refuse adding ``sums`` (hundredths per target) if a target would pass its limit."""
        for target, adding in sorted(sums.items()):
            self._check_limit(conn, target, adding, shown)

    def _check_limit(
        self, conn: sqlite3.Connection, target: str, adding: int, shown: str = ""
    ) -> None:
        ids = self._ids(target)
        have = conn.execute(
            "SELECT TOTAL(amount_c), SUM(amount_c) FROM target_days"
            f" WHERE target IN ({','.join('?' * len(ids))})",
            ids,
        ).fetchone()
        if have[0] > MAX_TOTAL_C or (have[1] is not None and not isinstance(have[1], int)):
            raise StoreError(Msg("totals_over_limit", target=target))
        total = (have[1] or 0) + adding
        if total > MAX_TOTAL_C:
            raise InputError(total_too_large(shown, target, total))

    def _compare_present(
        self,
        conn: sqlite3.Connection,
        before_id: int | None,
        shown: str,
        place_of: Callable[[int], str] | None = None,
    ) -> list[Msg]:
        """Compare the staged rows already stored with what is live now; refuse conflicts.

        Returns the notices (rows that differ only by their note).
        """
        where = "" if before_id is None else f" AND e.id <= {int(before_id)}"
        found = conn.execute(
            "SELECT s.rownum, s.target, s.date, s.amount_c, s.district, s.note, s.ref, e.id"
            f" FROM {_STAGED} s JOIN entries e ON e.id = COALESCE("
            " (SELECT id FROM entries WHERE uid = s.uid),"
            " (SELECT entry_id FROM identity_keys WHERE key = s.uid))"
            f" WHERE (e.target != s.target OR e.date != s.date OR e.amount_c != s.amount_c"
            " OR e.district != s.district OR e.note != s.note"
            f" OR e.id IN (SELECT entry_id FROM voids)){where}"
            " ORDER BY s.rownum"
        )
        return compare_present(
            found,
            lambda entry_id: self._get(conn, entry_id),
            lambda e: self._live(conn, e),
            shown,
            place_of=place_of,
            current=self._current,
            targets=self.targets,
        )

    def _live(self, conn: sqlite3.Connection, entry: StoredEntry) -> StoredEntry | None:
        """The live entry an identity has now: ``entry`` or its latest amendment, if any."""
        seen = {entry.id}
        while entry.void:
            row = conn.execute(
                "SELECT id FROM entries WHERE amends = ? ORDER BY id DESC LIMIT 1", (entry.id,)
            ).fetchone()
            if row is None or row[0] in seen:
                return None
            seen.add(row[0])
            entry = self._get(conn, row[0])
        return entry

    # --- reads -----------------------------------------------------------------------------

    def write_rights(self) -> tuple[str, frozenset[str] | None]:
        """A file has no roles: whoever may open it writes every district."""
        return "", None

    def has_uid(self, uid: str) -> bool:
        """Whether an entry with this identity is stored (void or not)."""
        with self._translate():
            row = self.conn.execute("SELECT 1 FROM entries WHERE uid = ?", (uid,)).fetchone()
        return row is not None

    def get(self, entry_id: int) -> StoredEntry:
        with self._translate():
            return self._get(self.conn, entry_id)

    def live(self, entry_id: int) -> StoredEntry | None:
        with self._translate():
            return self._live(self.conn, self._get(self.conn, entry_id))

    def _get(self, conn: sqlite3.Connection, entry_id: int) -> StoredEntry:
        if not 0 < entry_id <= MAX_ID:  # ids are positive 64-bit integers
            raise InputError(Msg("no_entry", id=entry_id))
        row = conn.execute(f"{_SELECT_ENTRIES} WHERE e.id = ?", (entry_id,)).fetchone()
        if row is None:
            raise InputError(Msg("no_entry", id=entry_id))
        return _entry(row)

    def total_c(
        self, target: str, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> int:
        """The target's total of non-void entries, in hundredths (dated ``since`` to ``until``)."""
        first = since.isoformat() if since is not None else "0000-00-00"
        last = until.isoformat() if until is not None else "9999-99-99"
        ids = self._ids(target)
        with self._translate():
            row = self.conn.execute(
                "SELECT COALESCE(SUM(amount_c), 0) FROM target_days"
                f" WHERE target IN ({','.join('?' * len(ids))}) AND date BETWEEN ? AND ?",
                (*ids, first, last),
            ).fetchone()
        return int(row[0])

    def entries(
        self,
        *,
        targets: Sequence[str] = (),
        district: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        include_void: bool = False,
        newest_first: bool = True,
        limit: int | None = None,
    ) -> Iterator[StoredEntry]:
        """Stream entries matching the filters."""
        where: list[str] = []
        params: list[Any] = []
        if targets:
            stored = [i for t in targets for i in self._ids(t)]
            where.append(f"e.target IN ({','.join('?' * len(stored))})")
            params += stored
        if district is not None:
            where.append("e.district = ?")
            params.append(district)
        if since is not None:
            where.append("e.date >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("e.date <= ?")
            params.append(until.isoformat())
        if not include_void:
            where.append("v.entry_id IS NULL")
        sql = _SELECT_ENTRIES
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date DESC, e.id DESC" if newest_first else " ORDER BY e.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._translate():
            cursor = self.conn.execute(sql, params)
            while batch := cursor.fetchmany(1000):
                for row in batch:
                    yield _entry(row)

    def totals(
        self, as_of: dt.date, *, districts: bool = False, since: dt.date | None = None
    ) -> Totals:
        """The sums a report needs, as of ``as_of`` (inclusive), from the totals tables.

        ``daily`` comes from ``target_days`` (at most targets x days rows); the district split
        and each district's latest entry are read from ``daily_totals`` only when
        ``districts`` is asked for, and are empty otherwise. With ``since``, days before it are
        left out: a ledger kept across years reports each year's programme on its own entries.
        """
        day = as_of.isoformat()
        first = since.isoformat() if since is not None else "0000-00-00"
        daily: dict[str, list[tuple[dt.date, int, int]]] = {}
        by_district: dict[str, dict[str, int]] = {}
        district_last: dict[str, dt.date] = {}
        parse = dt.date.fromisoformat
        with self._translate():
            for target, date, amount, count in self.conn.execute(
                "SELECT target, date, amount_c, entries FROM target_days"
                " WHERE date BETWEEN ? AND ? AND entries > 0 ORDER BY target, date",
                (first, day),
            ):
                if type(amount) is not int:
                    raise StoreError(Msg("totals_overflow", file=self.path, target=target))
                daily.setdefault(target, []).append((parse(date), amount, count))
            if districts:
                for target, district, amount in self.conn.execute(
                    "SELECT target, district, SUM(amount_c) FROM daily_totals"
                    " WHERE date BETWEEN ? AND ? GROUP BY target, district HAVING SUM(entries) > 0",
                    (first, day),
                ):
                    by_district.setdefault(target, {})[district] = amount
                for district, last in self.conn.execute(
                    "SELECT district, MAX(date) FROM daily_totals"
                    " WHERE date BETWEEN ? AND ? AND entries > 0 GROUP BY district",
                    (first, day),
                ):
                    district_last[district] = parse(last)
        if self.renamed:
            daily, by_district = merge_renamed(self.renamed, daily, by_district)
        return Totals(as_of, daily, by_district, district_last)

    def stored_targets(self) -> dict[str, int]:
        """Live entries per target id as stored (renamed targets under their old ids)."""
        with self._translate():
            return {
                target: int(n)
                for target, n in self.conn.execute(
                    "SELECT target, SUM(entries) FROM target_days GROUP BY target"
                    " HAVING SUM(entries) > 0 ORDER BY target"
                )
            }

    def misfits(self, rules: Rules) -> list[Misfit]:
        """Live entries that break the programme's rules (see :mod:`tenactions.misfits`)."""
        from tenactions.store.misfit_query import grouped, misfit_sql

        params: list[Any] = []
        for r in rules.targets:
            params += [r.stored, r.opens.isoformat(), r.closes.isoformat(), r.step_c]
        table = (
            ", ".join(["(?, ?, ?, ?)"] * len(rules.targets))
            if rules.targets
            else "SELECT NULL, NULL, NULL, NULL WHERE 0"
        )
        values = f"VALUES {table}" if rules.targets else table
        dates = [rules.start.isoformat(), rules.end.isoformat(), rules.today.isoformat()]
        with self._translate():
            return grouped(self.conn.execute(misfit_sql(values, "?"), params + dates))

    def counts(self) -> tuple[int, int]:
        """(entries, void entries)."""
        with self._translate():
            n = self.conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
            v = self.conn.execute("SELECT COUNT(*) FROM voids").fetchone()[0]
        return int(n), int(v)

    # --- maintenance -----------------------------------------------------------------------

    def check(self) -> list[Msg]:
        """Problems found in the database: integrity, schema, totals that disagree with entries."""
        problems: list[Msg] = []
        with self._translate():
            result = [r[0] for r in self.conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                problems += [Msg("check_integrity", said=line) for line in result[:20]]
                return problems
            fk = self.conn.execute("PRAGMA foreign_key_check").fetchall()
            if fk:
                problems.append(Msg("check_dangling", n=len(fk)))
            problems += self._check_schema()
            if not problems:
                problems += self._check_form_numbers()
                problems += self._check_limits_kept()
            if not problems:
                daily = self.conn.execute(_TOTALS_DIFF).fetchall()
                per_target = self.conn.execute(_TARGET_DAYS_DIFF).fetchall()
                wrong = daily + per_target
                if wrong:
                    t, d, dist = wrong[0][:3]
                    problems.append(
                        Msg(
                            "check_totals_disagree",
                            n=differing_rows(daily, per_target),
                            target=t,
                            date=d,
                            district=dist or "-",
                        )
                    )
        return problems

    def _check_form_numbers(self) -> list[Msg]:
        """Live entries of one district that share a form number (as normalised): a ledger
        restored or upgraded from before form numbers were normalised may hold such pairs,
        which are listed, never merged."""
        from tenactions.identity import normal_ref

        holders: dict[tuple[str, str], list[int]] = {}
        for entry_id, district, ref in self.conn.execute(
            "SELECT id, district, ref FROM entries WHERE ref != ''"
            " AND id NOT IN (SELECT entry_id FROM voids) ORDER BY id"
        ):
            holders.setdefault((district, normal_ref(ref)), []).append(entry_id)
        shared = [(key, ids) for key, ids in holders.items() if len(ids) > 1]
        return [shared_form_number(ids, ref, district) for (district, ref), ids in shared[:20]]

    def _check_limits_kept(self) -> list[Msg]:
        """Targets whose live entries pass the limit; totals that overflowed into floats."""
        problems = []
        for target, total, largest in self.conn.execute(
            "SELECT target, TOTAL(amount_c), MAX(id) FROM entries"
            " WHERE id NOT IN (SELECT entry_id FROM voids) GROUP BY target"
            " HAVING TOTAL(amount_c) > ?",
            (MAX_TOTAL_C,),
        ):
            problems.append(entries_over_limit(target, total, largest))
        if problems:
            return problems
        floats = self.conn.execute(
            "SELECT (SELECT COUNT(*) FROM daily_totals WHERE typeof(amount_c) != 'integer')"
            " + (SELECT COUNT(*) FROM target_days WHERE typeof(amount_c) != 'integer')"
        ).fetchone()[0]
        if floats:
            problems.append(Msg("check_totals_float", n=floats))
        return problems

    def _check_schema(self) -> list[Msg]:
        import sqlite_utils  # introspection only; not on the hot paths

        db = sqlite_utils.Database(self.conn)
        problems = []
        for table in ("entries", "voids", "daily_totals", "target_days"):
            if table not in db.table_names():
                problems.append(Msg("check_no_table", name=table))
        triggers = {t.name for t in db.triggers}
        for trigger in (
            "entries_never_change",
            "entries_never_deleted",
            "voids_never_change",
            "target_days_add",
            "target_days_change",
        ):
            if trigger not in triggers:
                problems.append(Msg("check_no_trigger", name=trigger))
        for view in ("ledger", "target_totals"):
            if view not in db.view_names():
                problems.append(Msg("check_no_view", name=view))
        return problems

    def repair(self) -> list[Msg]:
        """Rebuild the totals when they are all that is wrong: a file's other problems are
        damage, mended by restoring a backup. Return what was done, one line each."""
        problems = self.check()
        if problems and all(p.key in _TOTALS_FINDINGS for p in problems):
            return [Msg("check_repaired", n=self.rebuild_totals())]
        return []

    def rebuild_totals(self) -> int:
        """Recompute ``daily_totals`` from the entries (derived data only); return its row count."""
        with self.write() as conn:
            conn.execute("DELETE FROM daily_totals")
            conn.execute("DELETE FROM target_days")  # refilled by the insert trigger
            conn.execute(
                "INSERT INTO daily_totals (target, date, district, amount_c, entries)"
                " SELECT e.target, e.date, e.district, SUM(e.amount_c), COUNT(*) FROM entries e"
                " WHERE e.id NOT IN (SELECT entry_id FROM voids)"
                " GROUP BY e.target, e.date, e.district"
            )
            return int(conn.execute("SELECT COUNT(*) FROM daily_totals").fetchone()[0])

    def backup(self, dest: Path) -> None:
        """Copy the live database to ``dest`` (SQLite's online backup), then check the copy.

        A copy that fails its integrity check is not kept: the damage came from the ledger.
        """
        if dest.exists():
            raise InputError(Msg("backup_exists", file=dest))
        tmp = dest.with_name(f".{dest.name}.partial")
        try:
            with translate_errors(str(dest)):
                target = sqlite3.connect(tmp)
            try:
                with self._translate():
                    self.conn.backup(target)
                    # The copy holds exactly what the ledger holds, so damage found here is
                    # the ledger's: report it under the ledger's name.
                    result = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
            if result != "ok":
                raise StoreError(Msg("backup_damaged", file=self.path))
            os.replace(tmp, dest)
        except OSError as exc:
            raise StoreError(Msg("backup_unwritable", file=dest, why=os_reason(exc))) from None
        finally:
            tmp.unlink(missing_ok=True)


_ADD_TO_DAY = (
    "INSERT INTO daily_totals (target, date, district, amount_c, entries) VALUES (?,?,?,?,?)"
    " ON CONFLICT (target, date, district) DO UPDATE SET"
    " amount_c = amount_c + excluded.amount_c, entries = entries + excluded.entries"
)

_SELECT_ENTRIES = (
    "SELECT e.id, e.uid, e.target, e.date, e.amount_c, e.district, e.by, e.note, e.ref,"
    " e.source, e.amends, e.created_at, v.entry_id IS NOT NULL, v.reason, v.by, v.at"
    " FROM entries e LEFT JOIN voids v ON v.entry_id = e.id"
)

_TARGET_DAYS_DIFF = """
    WITH fresh AS (
        SELECT target, date, '' AS district, SUM(amount_c) AS amount_c, SUM(entries) AS entries
        FROM daily_totals GROUP BY target, date
    ),
    kept AS (SELECT target, date, '' AS district, amount_c, entries FROM target_days)
    SELECT * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
    UNION ALL
    SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
"""

_TOTALS_DIFF = """
    WITH fresh AS (
        SELECT e.target, e.date, e.district, SUM(e.amount_c) AS amount_c, COUNT(*) AS entries
        FROM entries e WHERE e.id NOT IN (SELECT entry_id FROM voids)
        GROUP BY e.target, e.date, e.district
    ),
    kept AS (SELECT * FROM daily_totals WHERE entries != 0 OR amount_c != 0)
    SELECT * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
    UNION ALL
    SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
"""


def _entry(row: Sequence[Any]) -> StoredEntry:
    # Positional, straight into the tuple: an export builds a million of these, and the named
    # tuple's keyword constructor costs more than the query that read the row.
    return _new_tuple(
        StoredEntry,
        (
            row[0],  # id
            row[1],  # uid
            row[2],  # target
            _parse_date(row[3]),
            row[4],  # amount_c
            row[5],  # district
            row[6],  # by
            row[7],  # note
            row[8],  # ref
            row[9],  # source
            row[10],  # amends
            row[11],  # created_at
            bool(row[12]),  # void
            row[13],  # void_reason
            row[14],  # void_by
            row[15],  # void_at
            None,  # login: a file records none
            None,  # void_login
        ),
    )


_new_tuple = tuple.__new__
_parse_date = dt.date.fromisoformat


@contextmanager
def translate_errors(path: str) -> Iterator[None]:
    """Turn SQLite's exceptions into one-line :class:`StoreError` messages naming the file.

    Errors are told apart by SQLite's result code (the same in every language and version),
    never by the wording of its message.
    """
    try:
        yield
    except sqlite3.DatabaseError as exc:  # not ProgrammingError: that is a bug, kept as such
        raise _store_error(exc, path) from None


def _store_error(exc: sqlite3.DatabaseError, path: str) -> StoreError:
    # The primary result code is the low byte of the extended one.
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BusyError(Msg("db_busy", file=path))
    if code == sqlite3.SQLITE_READONLY:
        return StoreError(Msg("db_read_only", file=path))
    if code == sqlite3.SQLITE_CANTOPEN:
        return StoreError(Msg("db_cannot_open", file=path))
    if code == sqlite3.SQLITE_IOERR:
        return StoreError(Msg("db_io_error", file=path))
    if code == sqlite3.SQLITE_FULL:
        return StoreError(Msg("db_disk_full", file=path))
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return StoreError(Msg("db_damaged", file=path))
    return StoreError(Msg("db_error", file=path, said=str(exc)))


#: What ``check --repair`` mends in a file: the totals, which are derived from the entries.
_TOTALS_FINDINGS = frozenset({"check_totals_disagree", "check_totals_float"})


def empty_store(shown: str) -> Store:
    """An empty ledger in memory, named ``shown``: what a ledger not yet made reads as."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    store = Store(conn, shown)
    _migrate(store, 0)
    return store


#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\0"


def check_ledger_file(path: Path, shown: str, *, create: bool) -> None:
    """Refuse an existing file that is not an SQLite database at all, before SQLite opens it.

    An empty (0-byte) file is one SQLite would silently turn into a database: only a command
    that creates a ledger (``create``) may do that; to the others it is not a ledger.
    """
    try:
        if not path.is_file():
            return  # a device or a pipe: SQLite's own open says what is wrong with it
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return  # SQLite's own open says why (permissions...)
    if not head:
        if create:
            return
        raise StoreError(Msg("db_empty_file", file=shown))
    if head != SQLITE_HEADER:
        raise StoreError(Msg("db_not_database", file=shown))


def open_store(path: Path, *, create: bool = True, busy_timeout: float | None = None) -> Store:
    """Open (and if needed create or migrate) the ledger at ``path``.

    With ``create=False`` a missing file is not created: the ledger is empty and in memory,
    so read-only commands never leave a database behind.
    """
    timeout = busy_timeout_from_env() if busy_timeout is None else busy_timeout
    shown = str(path)
    exists = path.exists()
    if exists and path.is_dir():
        raise StoreError(Msg("db_is_folder", file=shown))
    if exists:
        check_ledger_file(path, shown, create=create)
    if not exists and not create:
        return empty_store(shown)
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(Msg("db_no_folder", file=shown, why=os_reason(exc))) from None
    share = network_file_system(path)
    if share is not None:
        raise StoreError(Msg("db_network_share", file=shown, share=share))
    with translate_errors(shown):
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    store = Store(conn, shown)
    try:
        with translate_errors(shown):
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            # 32 MB of page cache (allocated only as used): a big import's uid index stays in
            # memory instead of being re-read from disk for every row.
            conn.execute("PRAGMA cache_size = -32768")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_schema").fetchone()[0]:
                raise StoreError(Msg("db_not_ledger", file=shown))
        if version > SCHEMA_VERSION:
            raise StoreError(Msg("db_newer", file=shown, version=version, reads=SCHEMA_VERSION))
        if version < SCHEMA_VERSION:
            _migrate(store, version)
    except BaseException:
        conn.close()
        raise
    return store


#: File systems on which SQLite's locks (and its WAL's shared memory) do not hold.
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "fuse.sshfs"}
)
MOUNTS = Path("/proc/self/mounts")


def network_file_system(path: Path) -> str | None:
    """The network file system ``path``'s folder is on (``nfs4``, ``cifs``...), else ``None``.

    Read from the mount table on Linux; a Windows UNC path (``\\\\server\\share``) is SMB.
    Elsewhere nothing is refused.
    """
    text = str(path)
    if text.startswith(("\\\\", "//")) and os.name == "nt":
        return "smb"
    try:
        table = MOUNTS.read_text("utf-8", errors="replace")
    except OSError:
        return None
    folder = os.path.realpath(path.parent if not path.exists() else path)
    best, kind = "", ""
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = folder == point or folder.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind if kind in NETWORK_FILE_SYSTEMS else None


def _migrate(store: Store, version: int) -> None:
    with translate_errors(store.path):
        if version == 0:
            # WAL lets reports read while a coordinator writes; it is a property of the file.
            store.conn.execute("PRAGMA journal_mode = WAL")
    with store.write() as conn:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(current, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
            if step == 2:
                _fill_identity_keys(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _fill_identity_keys(conn: sqlite3.Connection) -> None:
    """Give entries written before schema 3 their identity under today's rules.

    Form numbers are now normalised, and rows without one are known without their note and
    author. An old entry whose identity would now read differently gets the new identity in
    ``identity_keys`` (its own ``uid`` is kept, so old exports still match it). When two old
    entries would now share an identity (``CG-1`` and ``cg-1`` both stored), the first keeps
    it and the other keeps only its old one: no entry is merged, lost or changed.
    """
    from tenactions.identity import content_digest, content_key, ref_key

    def claim(key: str, entry_id: int, uid: str) -> None:
        if key == uid:
            return
        taken = conn.execute(
            "SELECT EXISTS (SELECT 1 FROM entries WHERE uid = ?)"
            " OR EXISTS (SELECT 1 FROM identity_keys WHERE key = ?)",
            (key, key),
        ).fetchone()[0]
        if not taken:
            conn.execute("INSERT INTO identity_keys (key, entry_id) VALUES (?, ?)", (key, entry_id))

    for entry_id, uid, ref, district in conn.execute(
        "SELECT id, uid, ref, district FROM entries WHERE uid LIKE 'ref:%' ORDER BY id"
    ).fetchall():
        if uid == f"ref:{district}:{ref}":
            claim(ref_key(ref, district), entry_id, uid)
    # Rows without a form number: their occurrence counted within the import they came in
    # (one source and one timestamp), in the order they were written, as a re-import counts.
    batch: tuple[str, str] | None = None
    seen: dict[bytes, int] = {}
    cursor = conn.execute(
        "SELECT id, uid, target, date, amount_c, district, source, created_at FROM entries"
        " WHERE uid LIKE 'row:%' ORDER BY source, created_at, id"
    )
    while rows := cursor.fetchmany(10_000):
        for entry_id, uid, target, date, amount_c, district, source, created_at in rows:
            if (source, created_at) != batch:
                batch, seen = (source, created_at), {}
            digest = content_digest(target, dt.date.fromisoformat(date), amount_c, district)
            occurrence = seen.get(digest, 0)
            seen[digest] = occurrence + 1
            claim(content_key(digest, occurrence), entry_id, uid)


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
