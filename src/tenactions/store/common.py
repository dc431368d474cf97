"""What every store shares and that speaks no SQL: limits, clocks, the busy timeout, wording.

Kept apart from the engines so that the SQLite and PostgreSQL stores hold the ledger to the
same limits and explain a refusal in the same words (and the same Chinese translations).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Self

from tenactions.amounts import from_hundredths
from tenactions.errors import ImportFileError, InputError
from tenactions.model import StoredEntry

DEFAULT_BUSY_TIMEOUT = 10.0
#: The largest entry id a store holds (a signed 64-bit integer, in SQLite and PostgreSQL).
MAX_ID = 2**63 - 1
#: The largest total one target can reach, in hundredths of its unit: 10^18, that is 1亿亿
#: (10^16) units. Any split of it by day and district stays far inside 64-bit integers
#: (9.2 x 10^18), so the totals tables never overflow or turn into floats. Checked before
#: anything is written, for ``log``, ``amend`` and the whole of an import.
MAX_TOTAL_C = 10**18


class RenamedIds:
    """What both stores share: the ids a renamed target's entries may be stored under, and
    closing the connection when used as a context manager."""

    conn: Any
    #: Target ids entries may be stored under -> the target's id now (renamed targets);
    #: totals, look-ups and comparisons count them as the current id.
    renamed: dict[str, str]

    def _ids(self, target: str) -> list[str]:
        """The ids a target's entries may be stored under."""
        return [target, *(old for old, new in self.renamed.items() if new == target)]

    def _current(self, stored: str) -> str:
        return self.renamed.get(stored, stored)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()


def now_utc() -> str:
    """Now, by the programme's clock (``TENACTIONS_NOW`` fixes it), in UTC with its offset."""
    from tenactions.dates import now

    return now().isoformat(timespec="seconds")


def busy_timeout_from_env() -> float:
    raw = os.environ.get("TENACTIONS_BUSY_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"TENACTIONS_BUSY_TIMEOUT={raw!r} is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise InputError(f"TENACTIONS_BUSY_TIMEOUT={raw!r} must be between 0 and 3600 seconds")
    return value


def units(hundredths: int) -> str:
    """A limit as people read it, digit by digit (never abbreviated to 万 or 亿)."""
    from tenactions.amounts import format_amount

    return format_amount(from_hundredths(hundredths), exact=True)


def describe(target: str, date: str, amount_c: int, district: str) -> str:
    """An entry's substance in a message: ``trees 5 on 2024-03-01 in 天河区``."""
    return f"{target} {from_hundredths(amount_c)} on {date}" + (
        f" in {district}" if district else ""
    )


def compare_present(
    found: Iterable[Sequence[Any]],
    get: Callable[[int], StoredEntry],
    live_of: Callable[[StoredEntry], StoredEntry | None],
    shown: str,
    *,
    current: Callable[[str], str] = str,
) -> list[str]:
    """Judge an import's rows whose identity is already stored; refuse the conflicting ones.

    ``found`` holds (row number, target, ISO date, hundredths, district, note, form number,
    entry id) for each such row that differs from its entry or whose entry is void; ``get``
    reads an entry and ``live_of`` follows its amendments to what is live now. A row that
    says what is live is present (a different note is returned as a notice); any other
    raises :class:`ImportFileError` naming the row, the entry and the ``amend`` to run.
    """
    problems: list[str] = []
    notices: list[str] = []
    total = 0
    for rownum, target, date, amount_c, district, note, ref, entry_id in found:
        first = get(entry_id)
        live = live_of(first)
        says = (current(target), date, amount_c, district)
        place = f"{shown}:{rownum}" if shown else f"row {rownum}"
        what = f"this row ({ref or 'no form number'})"
        compared = live if live is not None else first
        if (
            current(compared.target),
            compared.date.isoformat(),
            compared.amount_c,
            compared.district,
        ) == says:
            if live is None:
                notices.append(
                    f"{place}: this row matches entry {first.id}, which was voided: not counted"
                )
            elif compared.note != note:
                notices.append(
                    f"{place}: {what} is entry {live.id}, except its note ({note!r}; the"
                    f" entry has {live.note!r}); kept as recorded: to change it, run"
                    f" 'tenactions amend {live.id} --note ...'"
                )
            continue
        total += 1
        if len(problems) >= 20:
            continue
        file_says = describe(target, date, amount_c, district)
        if live is None:
            problems.append(
                f"{place}: {what} is entry {first.id}, which is void ({first.void_reason}),"
                f" but the file says {file_says}; if it is real, log it anew"
                " (tenactions log), or remove it from the file"
            )
            continue
        since = f" (amended since: now entry {live.id})" if live.id != first.id else ""
        problems.append(
            f"{place}: {what} is already entry {first.id}{since} as"
            f" {describe(live.target, live.date.isoformat(), live.amount_c, live.district)},"
            f" but the file says {file_says}; if this row corrects entry {live.id}, run"
            f" 'tenactions amend {live.id} ...'; "
            + (
                "if it is a different record, give it its own form number"
                if ref
                else "otherwise fix the file"
            )
        )
    if problems:
        raise ImportFileError(shown, problems, total)
    return notices


def merge_renamed(
    renamed: dict[str, str],
    daily: dict[str, list[tuple[dt.date, int, int]]],
    by_district: dict[str, dict[str, int]],
) -> tuple[dict[str, list[tuple[dt.date, int, int]]], dict[str, dict[str, int]]]:
    """Entries stored under a target's former ids counted under its id now."""
    days: dict[str, dict[dt.date, list[int]]] = {}
    for stored, rows in daily.items():
        per_day = days.setdefault(renamed.get(stored, stored), {})
        for date, amount, count in rows:
            day = per_day.setdefault(date, [0, 0])
            day[0] += amount
            day[1] += count
    merged_daily = {
        t: [(d, a, n) for d, (a, n) in sorted(per_day.items())] for t, per_day in days.items()
    }
    merged_districts: dict[str, dict[str, int]] = {}
    for stored, split in by_district.items():
        into = merged_districts.setdefault(renamed.get(stored, stored), {})
        for district, amount in split.items():
            into[district] = into.get(district, 0) + amount
    return merged_daily, merged_districts
