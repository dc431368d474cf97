"""What every store shares and that speaks no SQL: limits, clocks, the busy timeout, wording.

Kept apart from the engines so that the SQLite and PostgreSQL stores hold the ledger to the
same limits and explain a refusal in the same words (and the same Chinese translations).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Self

from tenactions.amounts import from_hundredths
from tenactions.errors import ImportFileError, InputError
from tenactions.messages import ByLang, Msg
from tenactions.model import NewEntry, StoredEntry, Target

DEFAULT_BUSY_TIMEOUT = 10.0
#: The largest entry id a store holds (a signed 64-bit integer, in SQLite and PostgreSQL).
MAX_ID = 2**63 - 1
#: The largest total one target can reach, in hundredths of its unit: 10^18, that is 1亿亿
#: (10^16) units. Any split of it by day and district stays far inside 64-bit integers
#: (9.2 x 10^18), so the totals tables never overflow or turn into floats. Checked before
#: anything is written, for ``log``, ``amend`` and the whole of an import.
MAX_TOTAL_C = 10**18


def differing_rows(daily: Sequence[Sequence[Any]], per_target: Sequence[Sequence[Any]]) -> int:
    """How many (target, day, district) rows of the daily totals differ from the entries, from
    both sides of the differences: a row that differs comes once as the entries make it and
    once as it is kept, and counts once. The per-target totals follow the daily ones, so one
    changed daily row may leave its (target, day) total wrong too: they are counted only when
    the daily totals agree with the entries."""
    return len({tuple(row[:3]) for row in daily}) or len({tuple(row[:2]) for row in per_target})


class RenamedIds:
    """What both stores share: the ids a renamed target's entries may be stored under, and
    closing the connection when used as a context manager."""

    conn: Any
    #: Target ids entries may be stored under -> the target's id now (renamed targets);
    #: totals, look-ups and comparisons count them as the current id.
    renamed: dict[str, str]
    #: The programme's targets by id, when the command loaded it: messages that describe an
    #: entry name its target in the chosen language.
    targets: Mapping[str, Target] = MappingProxyType({})

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
        raise InputError(Msg("busy_timeout_not_number", value=raw)) from None
    if not 0 <= value <= 3600:
        raise InputError(Msg("busy_timeout_range", value=raw))
    return value


def units(hundredths: int) -> str:
    """A limit as people read it, digit by digit (never abbreviated to 万 or 亿)."""
    from tenactions.amounts import format_amount

    return format_amount(from_hundredths(hundredths), exact=True)


def describe(
    target: str, date: str, amount_c: int, district: str, targets: Mapping[str, Target]
) -> Msg:
    """An entry's substance in a message: ``trees 5 on 2024-03-01 in 天河区`` in English,
    ``义务植树 5棵（2024-03-01，天河区）`` in Chinese (by the target's name when known)."""
    from tenactions.amounts import format_amount

    amount = from_hundredths(amount_c)
    known = targets.get(target)
    name = ByLang(en=target, zh=known.name_zh if known else target)
    unit = ByLang(en="", zh=known.unit_zh if known else "")
    shown = ByLang(en=str(amount), zh=format_amount(amount, "zh", exact=True))
    if district:
        return Msg(
            "entry_described_in", target=name, amount=shown, unit=unit, date=date, district=district
        )
    return Msg("entry_described", target=name, amount=shown, unit=unit, date=date)


def ref_taken(ref: str, first_id: int, live: StoredEntry | None) -> Msg:
    """A form number already recorded: as a live entry (amend it) or a void one."""
    if live is None:
        return Msg("ref_taken_void", ref=ref, id=first_id)
    return Msg("ref_taken", ref=ref, id=live.id)


def total_too_large(shown: str, target: str, total_c: int) -> Msg:
    """A write that would take a target's total past :data:`MAX_TOTAL_C`."""
    said = Msg("total_too_large", target=target, total=units(total_c), limit=units(MAX_TOTAL_C))
    return Msg("at_file", file=shown, problem=said) if shown else said


def entries_over_limit(target: str, total_c: float, latest: int) -> Msg:
    """``check``: a target whose live entries add up past the limit (``total_c`` in hundredths)."""
    return Msg(
        "check_over_limit",
        target=target,
        about=f"{total_c / 100:.3g}",
        limit=units(MAX_TOTAL_C),
        latest=latest,
    )


def shared_form_number(ids: Sequence[int], ref: str, district: str) -> Msg:
    """``check``: live entries of one district that share a form number."""
    where: str | Msg = district or Msg("no_district")
    return Msg("check_shared_ref", ids=", ".join(map(str, ids)), ref=ref, district=where)


def _described(entry: StoredEntry, targets: Mapping[str, Target]) -> Msg:
    """A stored entry's substance in a message (see :func:`describe`)."""
    return describe(entry.target, entry.date.isoformat(), entry.amount_c, entry.district, targets)


def _row_differs(
    place: str | Msg,
    ref: str | Msg,
    first: StoredEntry,
    live: StoredEntry | None,
    says: Msg,
    tail: Msg,
    targets: Mapping[str, Target],
) -> Msg:
    """A row whose identity is stored as ``first`` but that says ``says``: its entry is void
    (``live`` is None), or holds something else, live as itself or as the amendment ``live``;
    ``tail`` says what to do."""
    if live is None:
        return Msg(
            "row_is_void_entry",
            place=place,
            ref=ref,
            id=first.id,
            reason=first.void_reason,
            says=says,
        )
    return Msg(
        "row_is_entry" if live.id == first.id else "row_is_amended_entry",
        place=place,
        ref=ref,
        id=first.id,
        live=live.id,
        entry=_described(live, targets),
        says=says,
        tail=tail,
    )


def _note_differs(place: str | Msg, ref: str | Msg, live: StoredEntry, note: str) -> Msg:
    """A notice: a row present in the ledger as ``live``, but with another note."""
    return Msg("row_note_differs", place=place, ref=ref, id=live.id, note=note, has=live.note)


def compare_present(
    found: Iterable[Sequence[Any]],
    get: Callable[[int], StoredEntry],
    live_of: Callable[[StoredEntry], StoredEntry | None],
    shown: str,
    *,
    place_of: Callable[[int], str] | None = None,
    current: Callable[[str], str] = str,
    targets: Mapping[str, Target] = MappingProxyType({}),
) -> list[Msg]:
    """Judge an import's rows whose identity is already stored; refuse the conflicting ones.

    ``found`` holds (row number, target, ISO date, hundredths, district, note, form number,
    entry id) for each such row that differs from its entry or whose entry is void; ``get``
    reads an entry and ``live_of`` follows its amendments to what is live now. A row that
    says what is live is present (a different note is returned as a notice); any other
    raises :class:`ImportFileError` naming the row, the entry and the ``amend`` to run.
    ``place_of`` turns a row number into the row's place (``file[sheet]:row``).
    """
    problems: list[Msg] = []
    notices: list[Msg] = []
    total = 0

    def substance(entry: StoredEntry) -> tuple[str, str, int, str]:
        return (current(entry.target), entry.date.isoformat(), entry.amount_c, entry.district)

    for rownum, target, date, amount_c, district, note, ref, entry_id in found:
        first = get(entry_id)
        live = live_of(first)
        says = (current(target), date, amount_c, district)
        place: str | Msg
        if place_of is not None:
            place = place_of(rownum)
        else:
            place = f"{shown}:{rownum}" if shown else Msg("row_n", row=rownum)
        what: str | Msg = ref or Msg("no_form_number")
        compared = live if live is not None else first

        if live is not None and live.id != first.id and substance(first) == says:
            # The district's original file re-sent after its entry was amended: the row says
            # what the entry first said, and the amendment is the newer word. Not counted
            # again, not refused (the file's other rows still count); the user is told.
            notices.append(
                Msg(
                    "row_matches_amended",
                    place=place,
                    id=first.id,
                    live=live.id,
                    entry=_described(live, targets),
                )
            )
            continue
        if substance(compared) == says:
            if live is None:
                notices.append(Msg("row_matches_void", place=place, id=first.id))
            elif compared.note != note:
                notices.append(_note_differs(place, what, live, note))
            continue
        total += 1
        if len(problems) >= 20:
            continue
        file_says = describe(target, date, amount_c, district, targets)
        tail = Msg("row_own_ref" if ref else "row_fix_file")
        problems.append(_row_differs(place, what, first, live, file_says, tail, targets))
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


def compare_restored(
    entries: Iterable[NewEntry],
    restored: Mapping[str, tuple[int, str | None]],
    holder: Callable[[str], int | None],
    get: Callable[[int], StoredEntry],
    live_of: Callable[[StoredEntry], StoredEntry | None],
    shown: str,
    *,
    places: Mapping[str, str] = MappingProxyType({}),
    current: Callable[[str], str] = str,
    targets: Mapping[str, Target] = MappingProxyType({}),
) -> list[Msg]:
    """Judge the rows of our own export whose identity is stored already; refuse edited ones.

    An export re-imported into the ledger it came from is "already present" only if each such
    row still says what the ledger holds: the same target, date, amount and district as the
    entry live now (following amendments), and void where the entry is void. A row that
    differs raises :class:`ImportFileError` naming the row, the entry, what the file says and
    the ``amend`` or ``void`` to run, so that an edited export never leaves a figure silently
    unchanged (a new ledger restored from the same file would hold the edit). A different
    note is returned as a notice, as for any import; ``places`` gives each row's ``file:row``.
    """
    problems: list[Msg] = []
    notices: list[Msg] = []
    total = 0
    for entry in entries:
        entry_id = holder(entry.uid)
        if entry_id is None:
            continue
        first = get(entry_id)
        live = live_of(first)
        place: str | Msg = places.get(entry.uid) or shown
        what: str | Msg = entry.ref or Msg("no_form_number")
        file_void = restored.get(entry.uid, (0, None))[1] is not None
        says = describe(
            entry.target, entry.date.isoformat(), entry.amount_c, entry.district, targets
        )
        problem: Msg | None = None
        if file_void:
            if not first.void:  # a void in the file that the ledger never recorded
                problem = Msg(
                    "row_voids_entry",
                    place=place,
                    ref=what,
                    id=first.id,
                    entry=_described(first, targets),
                )
        elif live is None or (current(live.target), live.date, live.amount_c, live.district) != (
            current(entry.target),
            entry.date,
            entry.amount_c,
            entry.district,
        ):
            problem = _row_differs(place, what, first, live, says, Msg("row_fix_file"), targets)
        elif live.note != entry.note:
            notices.append(_note_differs(place, what, live, entry.note))
        if problem is not None:
            total += 1
            if len(problems) < 20:
                problems.append(problem)
    if problems:
        raise ImportFileError(shown, problems, total)
    return notices


def restore_sums(
    entries: Iterable[NewEntry], restored: Mapping[str, tuple[int, str | None]]
) -> dict[str, int]:
    """What a restore adds to each target's total: its live rows (void rows add nothing)."""
    sums: dict[str, int] = {}
    for entry in entries:
        if restored.get(entry.uid, (0, None))[1] is None:
            sums[entry.target] = sums.get(entry.target, 0) + entry.amount_c
    return sums


def restore_rows(
    entries: Iterable[NewEntry],
    restored: Mapping[str, tuple[int, str | None]],
    *,
    holder: Callable[[str], int | None],
    insert: Callable[[NewEntry], int],
    void: Callable[[NewEntry, int, str], None],
    claim: Callable[[NewEntry, int], None],
) -> int:
    """The writing of a restore, the same in both stores; return how many entries it added.

    Rows whose identity is stored already are present (their export id maps to the entry
    holding it); each other row is inserted with its amendment linked to the restored entry it
    replaces (the export's ids are mapped to the ledger's), voided with its reason if it was
    void, and an amendment without a form number answers to its own figures too (``claim``).
    """
    added = 0
    ids: dict[int, int] = {}
    for entry in entries:
        export_id, reason = restored.get(entry.uid, (0, None))
        found = holder(entry.uid)
        if found is not None:
            ids[export_id] = found
            continue
        new = entry._replace(amends=ids.get(entry.amends) if entry.amends else None)
        new_id = insert(new)
        ids[export_id] = new_id
        added += 1
        if reason is not None:
            void(new, new_id, reason)
        if new.amends is not None and not new.ref:
            claim(new, new_id)
    return added
