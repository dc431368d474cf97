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
from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from tenactions.amounts import (
    AmountError,
    format_amount,
    from_hundredths,
    names_money,
    parse_amount,
    to_hundredths,
)
from tenactions.dates import today
from tenactions.errors import InputError, Refusals
from tenactions.messages import ByLang, Code, Joined, Msg, Text, district_list
from tenactions.model import NewEntry, Programme, StoredEntry, Target

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
    value: str | None, what: Text, *, limit: int = MAX_SHORT, required: bool = False
) -> str:
    """Trim a free-text field and refuse control characters, over-long text and blanks."""
    text = (value or "").strip()
    if required and not text:
        raise InputError(Msg("text_empty", what=what))
    if len(text) > limit:
        raise InputError(Msg("text_too_long", what=what, length=len(text), limit=limit))
    for ch in text:
        # Control characters (escape sequences, NUL, CR) would corrupt terminals and exports;
        # a tab or newline in a note is allowed.
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
            raise InputError(Msg("text_control", what=what, code=f"U+{ord(ch):04X}"))
    return text


def check_date(programme: Programme, date: dt.date) -> dt.date:
    """Refuse dates outside the programme period or in the future."""
    if not programme.start <= date <= programme.end:
        raise InputError(Msg("date_outside", date=date, start=programme.start, end=programme.end))
    now = today(programme.timezone)
    if date > now:
        raise InputError(Msg("date_future", date=date, today=now))
    return date


def amount_for(target: Target, text: str | int | float | Decimal | None) -> int:
    """The amount in hundredths; none given means 1 (one event, one union, a milestone done).

    A currency mark (``100元``, ``￥12``) is refused for a target not counted in yuan, as an
    import refuses a yuan column for it: it is a slip for another target, not a count."""
    if isinstance(text, str) and target.unit_zh != "元" and names_money(text):
        raise InputError(
            Msg(
                "amount_in_yuan",
                text=text,
                target=target.named(),
                unit=ByLang(en=target.unit_en, zh=target.unit_zh),
            )
        )
    try:
        value = parse_amount(text) if text is not None else Decimal(1)
        typed = text if isinstance(text, str) else None
        return to_hundredths(value, decimals=target.decimals, target=target.named(), typed=typed)
    except AmountError as exc:
        raise InputError(exc.text) from None


def district_option(value: str | None) -> str | None:
    """``--district`` as given; an empty or blank one is refused, as ``--by`` is, rather than
    read as no district (city level) or as no filter."""
    if value is not None and not value.strip():
        raise InputError(Msg("text_empty", what=Code("--district")))
    return value


def district_for(programme: Programme, name: str | None) -> str:
    """The district's canonical (Chinese) name, or ``""`` when none is given."""
    text = (name or "").strip()
    return programme.district(text).name_zh if text else ""


def district_names(programme: Programme, names: Iterable[str]) -> Joined:
    """Stored district names as a list in the reader's language (Tianhe, Yuexiu / 天河区、越秀区);
    one the programme no longer knows keeps its stored (Chinese) name."""
    shown: list[Msg] = []
    for name in sorted(names):
        try:
            found = programme.district(name)
        except InputError:
            shown.append(ByLang(en=name, zh=name))
        else:
            shown.append(ByLang(en=found.name_en, zh=found.name_zh))
    return Joined(shown, list_of=True)


def own_district(programme: Programme, role: str, rights: frozenset[str] | None) -> str | None:
    """The district a ``log`` without ``--district`` is for, given what the signed-in role may
    write (``Store.write_rights``): the one district of a role that may write only one. None
    where nothing is to be taken: a file or a role bound by no grant (the entry has no
    district, as ever) and a read-only role (the server refuses it, saying why). A role that
    may write several districts is refused, naming them: guessing one would put a figure in
    the wrong district's report."""
    if not rights:
        return None
    if len(rights) > 1:
        raise InputError(
            Msg("log_district_choose", role=role, districts=district_names(programme, rights))
        )
    (only,) = rights
    return only


def identity(*, ref: str, district: str) -> str:
    """A new entry's uid: its external reference within its district, else a random one."""
    if ref:
        from tenactions.identity import ref_key

        return ref_key(ref, district)
    return f"log:{uuid.uuid4().hex}"


def refusals(
    target: Target, date: dt.date, amount_c: int, *, done_c: int = 0, lang: str = "en"
) -> list[Text]:
    """Why an otherwise valid entry would mislead a report, unless the user insists (--force).

    ``done_c`` is what the target already counts (hundredths, inside the period) without this
    entry; it matters only for a milestone. The same rule serves ``log``, ``amend`` and each
    row of an import. Each reason is a catalogue message ending with the hint to use
    ``--force``; ``lang`` is kept for callers and no longer needed (the exit point formats).
    """
    out: list[Text] = []
    if target.kind == "milestone":
        opens = target.window_start or target.start
        if not opens <= date <= target.end:
            out.append(
                Msg("refuse_window", target=target.named(), opens=opens, due=target.end, date=date)
            )
        if from_hundredths(done_c) >= target.goal:
            done = format_amount(from_hundredths(done_c), exact=True)
            goal = format_amount(target.goal, exact=True)
            out.append(Msg("refuse_done", target=target.named(), done=done, goal=goal))
    if target.kind == "recurring" and date < target.start:
        out.append(Msg("refuse_before_start", target=target.named(), start=target.start, date=date))
    if target.kind == "cumulative" and date < target.start:
        out.append(
            Msg("refuse_before_cumulative", target=target.named(), start=target.start, date=date)
        )
    whole = whole_goal(target)
    amount = from_hundredths(amount_c)
    if whole > 0 and amount > whole:
        out.append(_over_the_whole_goal(target, amount, whole, lang))
    return out


def _over_the_whole_goal(target: Target, amount: Decimal, whole: Decimal, lang: str) -> Msg:
    """``30,000 unions is 30× the whole goal of 1,000 unions``: both amounts exactly, the ratio
    to two significant figures rounded down, or "more than" below twice the goal (where 1.0×
    would hide why), in the user's language and units."""
    unit = ByLang(en=target.unit_en, zh=target.unit_zh)
    shown, goal = format_amount(amount, exact=True), format_amount(whole, exact=True)
    ratio = amount / whole
    if ratio < 2:
        return Msg("refuse_over_goal", amount=shown, goal=goal, unit=unit)
    step = Decimal(10) ** (ratio.adjusted() - 1)  # two significant figures
    times = format_amount((ratio / step).to_integral_value(rounding=ROUND_DOWN) * step, exact=True)
    return Msg("refuse_times_goal", amount=shown, goal=goal, unit=unit, times=times)


@functools.cache
def whole_goal(target: Target) -> Decimal:
    """The target's goal over its whole period (per-period goal times periods if recurring)."""
    if target.kind != "recurring":
        return target.goal
    from tenactions.periods import calendar_periods

    return target.goal * len(calendar_periods(target))


def row_judge(
    programme: Programme, store: Store, *, read: dict[str, int] | None = None, lang: str = "en"
) -> Callable[[NewEntry], list[Text]]:
    """:func:`refusals` for each row of an import, as ``log`` would apply them one by one.

    A milestone counts what the ledger holds (inside the period) plus the earlier rows of the
    file that were not refused. A row already in the ledger (the same file imported again) is
    not judged: the import skips it anyway. A closure, not an object: a million-row import
    pays one look-up and two comparisons a row (0.15 µs) for the common case.

    ``read`` receives each milestone's total as the rows were judged against it (without the
    write lock): :func:`judged_totals_hold` checks it again once the lock is held.
    """
    done: dict[str, int] = {}
    # Per target id: the target, its whole goal in hundredths, and the first day a plain entry
    # needs no judging (dt.date.max for a milestone, which is always judged in full).
    rules: dict[str, tuple[Target, int, dt.date]] = {}

    def judge(entry: NewEntry) -> list[Text]:
        rule = rules.get(entry.target)
        if rule is None:
            found = programme.target(entry.target)
            first = dt.date.max if found.kind == "milestone" else found.start
            rule = rules[entry.target] = (found, int(whole_goal(found) * 100), first)
        target, whole_c, first = rule
        if entry.amount_c <= whole_c and entry.date >= first:
            return []  # the common case: nothing to judge
        done_c = 0
        if target.kind == "milestone":
            if target.id not in done:
                done[target.id] = period_total_c(store, programme, target.id)
                if read is not None:
                    read[target.id] = done[target.id]
            done_c = done[target.id]
        reasons = refusals(target, entry.date, entry.amount_c, done_c=done_c, lang=lang)
        if reasons:
            # A row already in the ledger (the same file again) is skipped by the import.
            return [] if store.has_uid(entry.uid) else reasons
        if target.kind == "milestone" and programme.start <= entry.date <= programme.end:
            done[target.id] = done_c + entry.amount_c  # later rows count this one
        return reasons

    return judge


def rights_judge(role: str, rights: frozenset[str]) -> Callable[[NewEntry], list[Text]]:
    """For each row of an import by a server's district role: why the role may not write
    it (a district not its own, or any row for a read-only role), as the server would
    refuse it, so that each such row is listed with its number instead of one refusal."""
    if not rights:
        reads_only: list[Text] = [Msg("row_role_reads_only", role=role)]
        return lambda entry: reads_only
    allowed = district_list(sorted(rights))

    def judge(entry: NewEntry) -> list[Text]:
        if entry.district in rights:
            return []
        if not entry.district:
            # Unlike log, an import does not take the role's district for a blank cell: the
            # file would then mean city level when the owner imports it, and the district's
            # when its coordinator does (two identities, so one sheet could count twice).
            return [Msg("row_role_no_district", role=role, districts=allowed)]
        return [Msg("row_role_districts", role=role, districts=allowed, district=entry.district)]

    return judge


def judged_totals_hold(programme: Programme, store: Store, read: dict[str, int]) -> None:
    """Inside an import's write transaction: refuse it if a milestone's total changed since
    its rows were judged (another coordinator recorded it meanwhile), so that two imports, or
    an import and a ``log``, never record the same milestone twice without ``--force``."""
    for target_id, before in sorted(read.items()):
        now = period_total_c(store, programme, target_id)
        if now == before:
            continue
        target = programme.target(target_id)
        if from_hundredths(now) >= target.goal:
            done = format_amount(from_hundredths(now), exact=True)
            goal = format_amount(target.goal, exact=True)
            raise InputError(Msg("done_meanwhile", target=target.named(), done=done, goal=goal))
        raise InputError(Msg("changed_meanwhile", target=target.named()))


def milestone_check(
    programme: Programme,
    store: Store,
    entry: NewEntry,
    target: Target,
    *,
    force: bool,
    replacing: StoredEntry | None = None,
    lang: str = "en",
) -> Callable[[], None]:
    """The refusals of :func:`refusals` that read the ledger, to run inside the write
    transaction (``Store.add``/``Store.amend``): a milestone already done is judged on the
    totals as they are when the entry is written. ``replacing`` is an amended entry, which
    stops counting."""

    def check() -> None:
        done_c = 0
        if target.kind == "milestone":
            done_c = period_total_c(store, programme, target.id)
            if (
                replacing is not None
                and store.renamed.get(replacing.target, replacing.target) == target.id
                and programme.start <= replacing.date <= programme.end
            ):
                done_c -= replacing.amount_c  # the entry being corrected stops counting
        refuse_unless_forced(
            target, entry.date, entry.amount_c, done_c=done_c, force=force, lang=lang
        )

    return check


def refuse_unless_forced(
    target: Target, date: dt.date, amount_c: int, *, done_c: int, force: bool, lang: str = "en"
) -> None:
    """Raise :class:`InputError` with every reason of :func:`refusals`, unless ``force``."""
    if force:
        return
    reasons = refusals(target, date, amount_c, done_c=done_c, lang=lang)
    if reasons:
        raise Refusals(list(reasons))


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
    ref_text = clean_text(ref, Code("--ref"))
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
        by=clean_text(by if by is not None else default_by(), Code("--by"), required=True),
        note=clean_text(note, Code("--note"), limit=MAX_NOTE),
        ref=ref_text,
        source=source,
        amends=amends,
    )
    return entry, found
