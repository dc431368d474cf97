"""Turning what a coordinator typed into an entry the store can keep, with every check.

Shared by ``log``, ``amend`` and the spreadsheet import, so that a row of a district's
spreadsheet is held to exactly the same rules as a typed command.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import os
import unicodedata
import uuid
from collections.abc import Callable
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from tenactions.amounts import (
    AmountError,
    format_amount,
    from_hundredths,
    parse_amount,
    to_hundredths,
)
from tenactions.dates import today
from tenactions.errors import InputError
from tenactions.model import NewEntry, Programme, Target

if TYPE_CHECKING:
    from tenactions.store import Store

MAX_NOTE = 2000
MAX_SHORT = 200


def default_by() -> str:
    """Who is logging: ``TENACTIONS_USER``, else the login name."""
    name = os.environ.get("TENACTIONS_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and cron setups
        return "unknown"


def clean_text(
    value: str | None, what: str, *, limit: int = MAX_SHORT, required: bool = False
) -> str:
    """Trim a free-text field and refuse control characters, over-long text and blanks."""
    text = (value or "").strip()
    if required and not text:
        raise InputError(f"{what} is empty")
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long; at most {limit:,} are kept")
    for ch in text:
        # Control characters (escape sequences, NUL, CR) would corrupt terminals and exports;
        # a tab or newline in a note is allowed.
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
            raise InputError(f"{what} contains a control character (U+{ord(ch):04X})")
    return text


def check_date(programme: Programme, date: dt.date, *, what: str = "date") -> dt.date:
    """Refuse dates outside the programme period or in the future."""
    if not programme.start <= date <= programme.end:
        raise InputError(
            f"{what} {date} is outside the programme period {programme.start} to {programme.end}"
        )
    now = today(programme.timezone)
    if date > now:
        raise InputError(f"{what} {date} is in the future (today is {now})")
    return date


def amount_for(target: Target, text: str | int | float | Decimal | None) -> int:
    """The amount in hundredths; none given means 1 (one event, one union, a milestone done)."""
    try:
        value = parse_amount(text) if text is not None else Decimal(1)
        return to_hundredths(value, decimals=target.decimals, what=f"{target.id} amount")
    except AmountError as exc:
        raise InputError(str(exc)) from None


def district_for(programme: Programme, name: str | None) -> str:
    """The district's canonical (Chinese) name, or ``""`` when none is given."""
    text = (name or "").strip()
    return programme.district(text).name_zh if text else ""


def identity(*, ref: str, district: str) -> str:
    """A new entry's uid: its external reference within its district, else a random one."""
    if ref:
        from tenactions.identity import ref_key

        return ref_key(ref, district)
    return f"log:{uuid.uuid4().hex}"


#: How every refusal that ``--force`` can override ends.
FORCE_HINT = "use --force if this is right"


def refusals(target: Target, date: dt.date, amount_c: int, *, done_c: int = 0) -> list[str]:
    """Why an otherwise valid entry would mislead a report, unless the user insists (--force).

    ``done_c`` is what the target already counts (hundredths, inside the period) without this
    entry; it matters only for a milestone. The same rule serves ``log``, ``amend`` and each
    row of an import. Each reason ends with :data:`FORCE_HINT`.
    """
    out: list[str] = []
    if target.kind == "milestone":
        opens = target.window_start or target.start
        if not opens <= date <= target.end:
            out.append(
                f"{target.id} is a milestone for {opens} to {target.end}; {date} is outside"
                f" that window; {FORCE_HINT}"
            )
        if from_hundredths(done_c) >= target.goal:
            done = format_amount(from_hundredths(done_c))
            out.append(
                f"{target.id} is already done ({done} of {format_amount(target.goal)});"
                f" another entry would count it twice; {FORCE_HINT}"
            )
    if target.kind == "recurring" and date < target.start:
        out.append(
            f"{target.id} counts from {target.start}; an entry dated {date} would never count;"
            f" {FORCE_HINT}"
        )
    whole = whole_goal(target)
    amount = from_hundredths(amount_c)
    if whole > 0 and amount > whole:
        times = (amount / whole).quantize(Decimal("0.1"), rounding=ROUND_DOWN).normalize()
        out.append(
            f"{format_amount(amount)} {target.unit_en} is {times:f}× the whole goal"
            f" of {format_amount(whole)}; {FORCE_HINT}"
        )
    return out


@functools.cache
def whole_goal(target: Target) -> Decimal:
    """The target's goal over its whole period (per-period goal times periods if recurring)."""
    if target.kind != "recurring":
        return target.goal
    from tenactions.periods import calendar_periods

    return target.goal * len(calendar_periods(target))


def row_judge(programme: Programme, store: Store) -> Callable[[NewEntry], list[str]]:
    """:func:`refusals` for each row of an import, as ``log`` would apply them one by one.

    A milestone counts what the ledger holds (inside the period) plus the earlier rows of the
    file that were not refused. A row already in the ledger (the same file imported again) is
    not judged: the import skips it anyway. A closure, not an object: a million-row import
    pays one look-up and two comparisons a row (0.15 µs) for the common case.
    """
    done: dict[str, int] = {}
    # Per target id: the target, its whole goal in hundredths, and the first day a plain entry
    # needs no judging (dt.date.max for a milestone, which is always judged in full).
    rules: dict[str, tuple[Target, int, dt.date]] = {}

    def judge(entry: NewEntry) -> list[str]:
        rule = rules.get(entry.target)
        if rule is None:
            found = programme.target(entry.target)
            first = {"milestone": dt.date.max, "recurring": found.start}.get(
                found.kind, dt.date.min
            )
            rule = rules[entry.target] = (found, int(whole_goal(found) * 100), first)
        target, whole_c, first = rule
        if entry.amount_c <= whole_c and entry.date >= first:
            return []  # the common case: nothing to judge
        done_c = 0
        if target.kind == "milestone":
            if target.id not in done:
                done[target.id] = period_total_c(store, programme, target.id)
            done_c = done[target.id]
        reasons = refusals(target, entry.date, entry.amount_c, done_c=done_c)
        if reasons:
            # A row already in the ledger (the same file again) is skipped by the import.
            return [] if store.has_uid(entry.uid) else reasons
        if target.kind == "milestone" and programme.start <= entry.date <= programme.end:
            done[target.id] = done_c + entry.amount_c  # later rows count this one
        return reasons

    return judge


def refuse_unless_forced(
    target: Target, date: dt.date, amount_c: int, *, done_c: int, force: bool
) -> None:
    """Raise :class:`InputError` with every reason of :func:`refusals`, unless ``force``."""
    if force:
        return
    reasons = refusals(target, date, amount_c, done_c=done_c)
    if reasons:
        raise InputError("\n".join(reasons))


def period_total_c(store: Store, programme: Programme, target: str) -> int:
    """The target's total (hundredths) of entries dated inside the programme's period."""
    return store.total_c(target, since=programme.start, until=programme.end)


def period_total(store: Store, programme: Programme, target: str) -> Decimal:
    """The target's total of entries dated inside the programme's period (what reports count)."""
    return from_hundredths(period_total_c(store, programme, target))


def new_entry(
    programme: Programme,
    *,
    target: str,
    amount: str | None,
    date: dt.date,
    district: str | None,
    by: str | None,
    note: str | None,
    ref: str | None,
    source: str,
    amends: int | None = None,
) -> tuple[NewEntry, Target]:
    """Validate one typed entry; return it with its target."""
    found = programme.target(target)
    amount_c = amount_for(found, amount)
    check_date(programme, date)
    district_name = district_for(programme, district)
    ref_text = clean_text(ref, "--ref")
    # An amendment replaces a void entry that keeps its identity (its form number stays
    # "already imported"), so the amendment gets one of its own.
    uid = (
        f"amend:{amends}:{uuid.uuid4().hex}"
        if amends is not None
        else identity(ref=ref_text, district=district_name)
    )
    entry = NewEntry(
        uid=uid,
        target=found.id,
        date=date,
        amount_c=amount_c,
        district=district_name,
        by=clean_text(by if by is not None else default_by(), "--by", required=True),
        note=clean_text(note, "--note", limit=MAX_NOTE),
        ref=ref_text,
        source=source,
        amends=amends,
    )
    return entry, found
