"""The ledger's storage: the only package that speaks SQL.

Commands see a :class:`Store`, the few operations they need; :func:`open_store` picks the
engine from where the ledger is: a file path is an SQLite ledger (:mod:`.sqlite`, the
default), a ``postgresql://`` URL a ledger on a PostgreSQL server (:mod:`.postgres`, imported
only for such a URL, so the driver costs nothing to everyone else). The records the stores
write and read live in :mod:`tenactions.model`; they are re-exported here for convenience.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol

from tenactions.errors import InputError
from tenactions.messages import Msg
from tenactions.misfits import Misfit, Rules
from tenactions.model import ImportResult, NewEntry, StoredEntry, Target, Totals
from tenactions.store.location import (
    check_location,
    is_postgres,
    is_url,
    mask,
    server_target,
)

__all__ = [
    "ImportResult",
    "NewEntry",
    "Store",
    "StoredEntry",
    "Totals",
    "is_url",
    "mask",
    "masked",
    "open_store",
]


class Store(Protocol):
    """One open ledger: what the commands do with it. Close it (or use ``with``) when done.

    Every write is one transaction: all of it or none. Entries are never changed or
    deleted; a void is a mark and an amendment a new linked entry.
    """

    #: How the ledger is named in messages (a path, or a URL without its password).
    shown: str
    #: The schema version this release writes.
    schema_version: int
    #: Target ids entries may be stored under -> the target's id now (renamed targets);
    #: totals, look-ups and comparisons count them as the current id.
    renamed: dict[str, str]
    #: The programme's time zone: times in messages are shown in it (stored in UTC).
    timezone: str | None
    #: The programme's targets by id: messages that describe an entry name its target.
    targets: Mapping[str, Target]

    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    def close(self) -> None: ...

    # writes
    # ``check`` runs inside the write transaction, before anything is written: a rule that
    # reads the ledger (a milestone already done) sees it as the entry is written.
    def add(self, entry: NewEntry, *, check: Callable[[], None] | None = None) -> int: ...
    def void(self, entry_id: int, reason: str, by: str) -> StoredEntry: ...
    def amend(
        self,
        entry_id: int,
        new: NewEntry,
        reason: str,
        by: str,
        *,
        check: Callable[[], None] | None = None,
    ) -> int: ...
    def import_entries(
        self,
        rows: Iterable[NewEntry],
        *,
        dry_run: bool = False,
        row_number: Callable[[], int] | None = None,
        place_of: Callable[[int], str] | None = None,
        shown: str = "",
        check: Callable[[], None] | None = None,
    ) -> ImportResult: ...
    def restore_entries(
        self,
        rows: Iterable[NewEntry],
        restored: dict[str, tuple[int, str | None]],
        *,
        by: str,
        dry_run: bool = False,
        shown: str = "",
        places: Mapping[str, str] | None = None,
    ) -> ImportResult: ...

    # reads
    def write_rights(self) -> tuple[str, frozenset[str] | None]:
        """The signed-in role and the districts it may write: ``None`` for every district
        (a file, or a server's role bound by no grant), empty if it may only read."""
        ...

    def has_uid(self, uid: str) -> bool: ...
    def get(self, entry_id: int) -> StoredEntry: ...
    def live(self, entry_id: int) -> StoredEntry | None:
        """The entry as it is now: itself, or the amendment that replaces it (followed to
        the last); ``None`` if it was voided without a replacement."""
        ...

    def total_c(
        self, target: str, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> int: ...
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
    ) -> Iterator[StoredEntry]: ...
    def totals(
        self, as_of: dt.date, *, districts: bool = False, since: dt.date | None = None
    ) -> Totals: ...
    def counts(self) -> tuple[int, int]: ...
    def stored_targets(self) -> dict[str, int]: ...
    def misfits(self, rules: Rules) -> list[Misfit]:
        """Live entries that break the programme's rules, which the database cannot know."""
        ...

    # maintenance
    def check(self) -> list[Msg]: ...
    def repair(self) -> list[Msg]: ...
    def rebuild_totals(self) -> int: ...
    def backup(self, dest: Path) -> None: ...


def masked(location: str | Path) -> str:
    """``location`` safe to show: a URL's password (``user:secret@``) becomes ``***``, as does
    a ``password=`` setting (in a URL's query or in libpq's key=value pairs)."""
    return mask(str(location))


def ledger_file(location: str | Path) -> Path | None:
    """The SQLite file a location names, or ``None`` for a server.

    A value that looks like a server's address but is not a usable one is refused here,
    before anything can take it for a path and create it.
    """
    check_location(location)
    return None if is_url(location) else Path(location)


def open_store(
    location: str | Path,
    *,
    create: bool = True,
    busy_timeout: float | None = None,
    empty_if_missing: bool = False,
) -> Store:
    """Open (and if needed create or migrate) the ledger at ``location``: a file or a URL.

    With ``create=False`` a missing ledger is not created: a missing file reads as empty, so
    read-only commands never leave a database behind; a server without the ledger is refused
    (a mistyped URL must not read as an empty ledger), unless ``empty_if_missing`` (a dry
    run, which only asks what it would add) lets it read as empty too, creating nothing.
    """
    path = ledger_file(location)
    if path is not None:
        from tenactions.store.sqlite import open_store as open_file_store

        return open_file_store(path, create=create, busy_timeout=busy_timeout)
    if is_postgres(location):
        from tenactions.errors import NoLedger
        from tenactions.store.postgres import open_server_store

        target = server_target(str(location))
        try:
            return open_server_store(target, create=create, busy_timeout=busy_timeout)
        except NoLedger:
            if create or not empty_if_missing:
                raise
            from tenactions.store.sqlite import empty_store

            return empty_store(masked(target))
    scheme = str(location).partition("://")[0].lower()
    raise InputError(Msg("db_unknown_kind", file=masked(location), scheme=scheme))
