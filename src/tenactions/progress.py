"""Progress as data: (programme, ledger totals, as-of date) -> a report or a weekly summary.

Pure code: no I/O, no printing, no SQL. Renderers and the CLI turn these records into text.

Arithmetic is exact: amounts are :class:`~decimal.Decimal` built from the store's whole
hundredths, and every derived quantity is computed as a :class:`~fractions.Fraction` and
rounded once, by the rule in :mod:`tenactions.figures` (it never flatters progress: what is
done rounds down to the target's decimals, what is owed rounds up to one decimal more, so
that a figure shown never contradicts the status beside it). ``actual`` (the
sum of entries, kept to the target's decimals) and ``remaining`` are exact, so ``actual >=
expected`` is exactly "at or above the pro-rata amount". No renderer rounds again.

Only entries dated inside the programme's period count, whatever the as-of date: after the
period ends a report shows the final figures (``Report.phase == "ended"``), before it starts
nothing is due yet (``"not_started"``).

Days are counted inclusively: an amount dated on the as-of day counts, and that day counts as
elapsed. "The N days ending as_of" are ``as_of - (N - 1)`` through ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Literal, NamedTuple

from tenactions.amounts import from_hundredths
from tenactions.figures import down, owed, percent_of, share, share_up
from tenactions.model import Action, Programme, Target, Totals
from tenactions.periods import calendar_periods as calendar_periods

Status = Literal["done", "on_track", "at_risk", "behind", "upcoming", "overdue"]
#: Where the as-of date falls against the programme's period.
Phase = Literal["not_started", "running", "ended"]
#: A target done outside its window: a milestone before its window opened, or any target with
#: a due date after it.
Timing = Literal["early", "late"]
#: Every status, in the order counts are listed.
STATUSES: tuple[Status, ...] = ("done", "on_track", "at_risk", "behind", "upcoming", "overdue")

#: The window of the recent rate behind a forecast, of staleness, and of silent districts.
RECENT_DAYS = 28
#: How far ahead a summary looks for deadlines.
DUE_SOON_DAYS = 30

_DAY = dt.timedelta(days=1)

Day = tuple[dt.date, int, int]  # (date, amount in hundredths, entry count), as in Totals.daily
Series = tuple[tuple[dt.date, Decimal], ...]


class PeriodProgress(NamedTuple):
    """One calendar period of a recurring target."""

    label: str
    """``2024-W32``, ``2024-08`` or ``2024-Q3``."""
    amount: Decimal
    met: bool
    """The amount dated in the period reached the target's per-period goal."""
    complete: bool
    """The as-of date is on or after the period's last day (clipped to the target's end)."""


@dataclass(frozen=True)
class TargetProgress:
    """One target as of a date.

    For a recurring target ``goal``, ``actual``, ``expected`` and ``remaining`` count periods
    (all, met, complete, not met) and ``periods`` lists them; otherwise amounts in its unit.
    ``series`` is the burn-up line (cumulative actual), ``expected_series`` the points where
    the expected line bends. ``by_district`` is empty unless asked for; its key ``""`` holds
    amounts logged with no district.
    """

    target: Target
    goal: Decimal
    actual: Decimal
    percent: Decimal
    remaining: Decimal
    expected: Decimal
    status: Status
    forecast: Decimal | None
    needed_per_week: Decimal | None
    last_entry: dt.date | None
    by_district: dict[str, Decimal]
    series: Series
    expected_series: Series
    periods: tuple[PeriodProgress, ...]
    timing: Timing | None = None
    """Set for a done target that was done outside its window (see :data:`Timing`)."""
    done_on: dt.date | None = None
    """The day the goal was reached (the entry that completed it), when it is done."""


@dataclass(frozen=True)
class ActionRollup:
    action: Action
    counts: dict[Status, int]
    targets: tuple[TargetProgress, ...]


@dataclass(frozen=True)
class Report:
    programme: Programme
    as_of: dt.date
    """The date the figures are as of: the asked date, or the programme's end after it."""
    elapsed: Decimal
    work_done: Decimal
    actions: tuple[ActionRollup, ...]
    targets: tuple[TargetProgress, ...]
    silent_districts: tuple[str, ...]
    status_counts: dict[Status, int]
    asked: dt.date | None = None
    """The as-of date asked for (differs from ``as_of`` after the programme ended)."""
    phase: Phase = "running"


class TargetDelta(NamedTuple):
    progress: TargetProgress
    delta: Decimal
    """Change in the amount logged (the target's unit, also for recurring targets)."""
    entries: int


class StatusChange(NamedTuple):
    target: Target
    old: Status
    new: Status


@dataclass(frozen=True)
class Summary:
    as_of: dt.date
    window_start: dt.date
    window_end: dt.date
    entries_in_window: int
    deltas: tuple[TargetDelta, ...]
    status_changes: tuple[StatusChange, ...]
    due_soon: tuple[TargetProgress, ...]
    stale: tuple[TargetProgress, ...]
    silent_districts: tuple[str, ...]
    report: Report
    in_period: bool = True
    """False when the week lies wholly outside the programme: no "this week" news is listed.
    A week that only overlaps the period is clipped to it (``window_start``/``window_end``)."""


# --- the report ---------------------------------------------------------------------------


def build_report(
    programme: Programme,
    totals: Totals,
    as_of: dt.date,
    *,
    actions: Sequence[int] = (),
    by_district: bool = False,
) -> Report:
    """The progress of every target of ``actions`` (all when empty) as of ``as_of``.

    Amounts dated after ``as_of`` or outside the programme's period are ignored even if
    ``totals`` holds them; an ``as_of`` after the period gives the figures as at its last day.
    An unknown action number raises :class:`~tenactions.errors.InputError`. District splits and
    silent districts are filled in only with ``by_district``; they come from
    ``totals.by_district`` and ``totals.district_last``, which carry no dates and so must be
    bounded by the period and ``as_of`` themselves.
    """
    asked = as_of
    phase: Phase = "running"
    if as_of > programme.end:
        phase, as_of = "ended", programme.end
    elif as_of < programme.start:
        phase = "not_started"
    for number in actions:
        programme.action(number)  # raises, naming the valid numbers
    chosen = [a for a in programme.actions if not actions or a.number in actions]
    rollups = []
    for action in chosen:
        targets = tuple(
            _progress(programme, t, totals, as_of, by_district, asked) for t in action.targets
        )
        rollups.append(ActionRollup(action, _count(targets), targets))
    flat = tuple(p for r in rollups for p in r.targets)
    shares = [min(Fraction(p.actual) / Fraction(p.goal), Fraction(1)) for p in flat]
    work_done = sum(shares, Fraction(0)) / len(shares) if shares else Fraction(0)
    days = _inclusive_days(programme.start, programme.end)
    elapsed = Fraction(_inclusive_days(programme.start, as_of), days)
    elapsed = min(max(elapsed, Fraction(0)), Fraction(1))
    silent = _silent(programme, totals, as_of - (RECENT_DAYS - 1) * _DAY) if by_district else ()
    return Report(
        programme=programme,
        as_of=as_of,
        elapsed=share_up(elapsed),  # what work is measured against: rounds up
        work_done=share(work_done),
        actions=tuple(rollups),
        targets=flat,
        silent_districts=silent,
        status_counts=_count(flat),
        asked=asked,
        phase=phase,
    )


def expected_share(target: Target, day: dt.date) -> Fraction:
    """The share (0-1) of a cumulative or milestone target's goal expected by the end of ``day``.

    Cumulative: linear over the inclusive days from ``start`` to ``end`` (so on ``start`` it is
    1/ndays), or piecewise linear through the checkpoints; 0 before ``start``, 1 from ``end``.
    Milestone: 0 before its due date, 1 from it.
    """
    if target.kind == "milestone":
        return Fraction(1 if day >= (target.due or target.end) else 0)
    if day >= target.end:
        return Fraction(1)
    # Each anchor is the share due by the *end* of its day; the day before start owes nothing,
    # which makes the plain linear case exactly goal * elapsed days / ndays.
    anchors: dict[dt.date, Fraction] = {target.start - _DAY: Fraction(0)}
    for cp in sorted(target.checkpoints, key=lambda c: (c.date, c.share)):
        if cp.date < target.end:
            anchors[cp.date] = Fraction(cp.share)
    anchors[target.end] = Fraction(1)
    points = sorted(anchors.items())
    if day <= points[0][0]:
        return Fraction(0)
    for (d0, s0), (d1, s1) in pairwise(points):
        if day <= d1:
            return s0 + (s1 - s0) * (day - d0).days / (d1 - d0).days
    return Fraction(1)  # pragma: no cover - day < end is always inside the anchors


def _progress(
    programme: Programme,
    target: Target,
    totals: Totals,
    as_of: dt.date,
    by_district: bool,
    asked: dt.date,
) -> TargetProgress:
    """One target's figures as of ``as_of``; its status is judged on ``asked`` (later than
    ``as_of`` after the period ended: an unmet target can no longer be "at risk")."""
    days = [d for d in totals.daily.get(target.id, []) if programme.start <= d[0] <= as_of]
    split = _district_split(programme, totals, target) if by_district else {}
    last = days[-1][0] if days else None
    if target.kind == "recurring":
        return _recurring(programme, target, days, as_of, split, last, asked)
    places = target.decimals
    # Entries are kept to the target's decimals, so the actual is exact as it is.
    actual = Fraction(sum(a for _, a, _ in days), 100)
    goal = Fraction(target.goal)
    due = expected_share(target, as_of) * goal
    # Judged on the exact amount owed: rounding it up to the target's decimals changes nothing
    # for "on track" (actuals have those decimals) but would move the at-risk line.
    status = _status(programme, target, asked, actual, goal, due)
    left = _days_left(target, as_of)
    remaining = max(goal - actual, Fraction(0))
    needed = None
    if status != "done" and left > 0 and target.kind != "milestone":
        # In the last week what is left is needed this week, not more: at most one week.
        needed = owed(remaining * 7 / max(left, 7), places)
    done_on = _done_on(days, goal) if status == "done" else None
    return TargetProgress(
        target=target,
        goal=target.goal,
        actual=_exact(actual),
        percent=percent_of(actual, goal),
        remaining=_exact(remaining),
        expected=owed(due, places),
        status=status,
        forecast=_forecast(target, days, as_of, actual),
        needed_per_week=needed,
        last_entry=last,
        by_district=split,
        series=_burnup(target, days, as_of),
        expected_series=_expected_line(target, goal),
        periods=(),
        timing=_timing(target, done_on),
        done_on=done_on,
    )


def _done_on(days: list[Day], goal: Fraction) -> dt.date | None:
    """The first day the running total reached ``goal``."""
    running = 0
    for day, amount_c, _ in days:
        running += amount_c
        if Fraction(running, 100) >= goal:
            return day
    return None


def _timing(target: Target, done_on: dt.date | None) -> Timing | None:
    if done_on is None:
        return None
    if target.kind == "milestone" and target.window_start and done_on < target.window_start:
        return "early"
    if target.due is not None and done_on > target.due:
        return "late"
    return None


def _status(
    programme: Programme,
    target: Target,
    as_of: dt.date,
    actual: Fraction,
    goal: Fraction,
    expected: Fraction,
) -> Status:
    if actual >= goal:
        return "done"
    if as_of < (target.window_start or target.start):
        return "upcoming"
    # Past its last day (its due date, else the period's end) an unfinished target can no
    # longer catch up: it is overdue, whatever its kind.
    if as_of > target.end:
        return "overdue"
    # Below what is expected is never on track: a milestone not done on its due day is behind.
    if actual >= expected:
        return "on_track"
    if actual >= Fraction(programme.at_risk_ratio) * expected:
        return "at_risk"
    return "behind"


def _forecast(target: Target, days: list[Day], as_of: dt.date, actual: Fraction) -> Decimal | None:
    """Actual plus the recent daily rate times the days left; None for milestones and early."""
    if target.kind == "milestone" or as_of < target.start:
        return None
    window = min(RECENT_DAYS, _inclusive_days(target.start, as_of))
    since = as_of - (window - 1) * _DAY
    recent = Fraction(sum(a for d, a, _ in days if d >= since), 100)
    ahead = recent / window * max((target.end - as_of).days, 0)
    return down(actual + ahead, target.decimals)


def _burnup(target: Target, days: list[Day], as_of: dt.date) -> Series:
    """The cumulative amount at the end of each day with entries, from (start, 0) to as_of."""
    points: list[tuple[dt.date, Decimal]] = []
    if as_of >= target.start and (not days or days[0][0] > target.start):
        points.append((target.start, from_hundredths(0)))
    running = 0
    for day, amount_c, _ in days:
        running += amount_c
        points.append((day, from_hundredths(running)))
    if points and points[-1][0] < as_of:
        points.append((as_of, from_hundredths(running)))
    return tuple(points)


def _expected_line(target: Target, goal: Fraction) -> Series:
    """The dates where the expected line bends: start, the checkpoints (or due), the end."""
    dates = {target.start, target.end}
    if target.kind == "milestone" and target.end > target.start:
        dates.add(target.end - _DAY)
    dates.update(c.date for c in target.checkpoints)
    return tuple(
        (d, owed(expected_share(target, d) * goal, target.decimals)) for d in sorted(dates)
    )


# --- recurring targets --------------------------------------------------------------------


def _recurring(
    programme: Programme,
    target: Target,
    days: list[Day],
    as_of: dt.date,
    split: dict[str, Decimal],
    last: dt.date | None,
    asked: dt.date,
) -> TargetProgress:
    """A recurring target, counted in periods: goal = periods, actual = periods met."""
    spans = calendar_periods(target)
    periods = []
    series: list[tuple[dt.date, Decimal]] = []
    for label, first, final in spans:
        amount = from_hundredths(sum(a for d, a, _ in days if first <= d <= final))
        periods.append(PeriodProgress(label, amount, amount >= target.goal, as_of >= final))
        if first <= as_of:
            series.append((min(final, as_of), Decimal(sum(p.met for p in periods))))
    if series and series[0][0] > target.start:
        series.insert(0, (target.start, Decimal(0)))
    total = len(periods)
    met = sum(p.met for p in periods)
    completed = sum(p.complete for p in periods)
    status = _status(programme, target, asked, Fraction(met), Fraction(total), Fraction(completed))
    forecast = None
    if completed:
        # The periods still open and not yet met are met at the rate of the completed ones.
        hit_rate = Fraction(sum(p.met and p.complete for p in periods), completed)
        open_unmet = sum(not p.met and not p.complete for p in periods)
        forecast = down(met + open_unmet * hit_rate, 0)
    expected_line = [(target.start, Decimal(0))]
    expected_line += [(final, Decimal(i + 1)) for i, (_, _, final) in enumerate(spans)]
    return TargetProgress(
        target=target,
        goal=Decimal(total),
        actual=Decimal(met),
        percent=percent_of(Fraction(met), Fraction(total)),
        remaining=Decimal(total - met),
        expected=Decimal(completed),
        status=status,
        forecast=forecast,
        needed_per_week=None,  # what is needed is the per-period goal, shown by `periods`
        last_entry=last,
        by_district=split,
        series=tuple(series),
        expected_series=tuple(expected_line),
        periods=tuple(periods),
    )


# --- the weekly summary -------------------------------------------------------------------


def build_summary(
    programme: Programme, current: Totals, previous: Totals, as_of: dt.date, days: int = 7
) -> Summary:
    """What changed in the ``days`` days ending ``as_of``, and what needs attention next.

    ``previous`` must be the totals as of ``as_of - days``: statuses then are compared with
    statuses now, and a target's delta is its amount now minus its amount then (the amount
    dated in the window when both come from the same ledger). Everything is listed in
    programme order, so the summary is the same for the same inputs.
    """
    if days < 1:
        raise ValueError(f"a summary window needs at least one day, not {days}")
    window_start = as_of - (days - 1) * _DAY
    before = as_of - days * _DAY
    report = build_report(programme, current, as_of)
    if window_start > programme.end or as_of < programme.start:
        # Wholly outside the period there is no week of this programme to tell: entries dated
        # then belong to another programme. The final (or not yet begun) state is all there is.
        return Summary(
            as_of=as_of,
            window_start=window_start,
            window_end=as_of,
            entries_in_window=0,
            deltas=(),
            status_changes=(),
            due_soon=(),
            stale=(),
            silent_districts=(),
            report=report,
            in_period=False,
        )
    # A week that overlaps the period's first or last days is clipped to it: entries dated on
    # 2024-12-31 are news in the week 2024-12-31 to 2025-01-06.
    first, last = max(window_start, programme.start), min(as_of, programme.end)
    old = {p.target.id: p.status for p in build_report(programme, previous, before).targets}
    deltas = []
    changes = []
    entries_in_window = 0
    for p in report.targets:
        tid = p.target.id
        count = sum(n for d, _, n in current.daily.get(tid, []) if first <= d <= last)
        entries_in_window += count
        if count:
            start = programme.start
            now = sum(a for d, a, _ in current.daily.get(tid, []) if start <= d <= last)
            then = sum(a for d, a, _ in previous.daily.get(tid, []) if start <= d <= before)
            deltas.append(TargetDelta(p, from_hundredths(now - then), count))
        if old[tid] != p.status:
            changes.append(StatusChange(p.target, old[tid], p.status))
    horizon = as_of + DUE_SOON_DAYS * _DAY
    due_soon = tuple(
        p
        for p in report.targets
        if p.target.due is not None and p.status != "done" and as_of <= p.target.due <= horizon
    )
    # A milestone is logged once, when it happens: weeks without an entry are normal for it
    # (an overdue one is reported by its status and under due_soon instead).
    stale = tuple(
        p
        for p in report.targets
        if p.status not in ("done", "upcoming")
        and p.target.kind != "milestone"
        and (p.last_entry is None or (last - p.last_entry).days >= RECENT_DAYS)
    )
    return Summary(
        as_of=as_of,
        window_start=first,
        window_end=last,
        entries_in_window=entries_in_window,
        deltas=tuple(deltas),
        status_changes=tuple(changes),
        due_soon=due_soon,
        # After the end, a quiet target or district is no longer news.
        stale=stale if report.phase == "running" else (),
        silent_districts=_silent(programme, current, first) if report.phase == "running" else (),
        report=report,
    )


# --- small helpers ------------------------------------------------------------------------


def _silent(programme: Programme, totals: Totals, since: dt.date) -> tuple[str, ...]:
    """The programme's districts (name_zh) with no entry dated on or after ``since``."""
    never = since - _DAY
    last = totals.district_last
    return tuple(d.name_zh for d in programme.districts if last.get(d.name_zh, never) < since)


def _district_split(programme: Programme, totals: Totals, target: Target) -> dict[str, Decimal]:
    """District -> amount in programme order, then unknown names, then "" (no district)."""
    raw = totals.by_district.get(target.id, {})
    order = {d.name_zh: i for i, d in enumerate(programme.districts)}
    names = sorted(
        (k for k, v in raw.items() if v),
        key=lambda k: (k == "", order.get(k, len(order)), k),
    )
    return {k: from_hundredths(raw[k]) for k in names}


def _count(targets: Sequence[TargetProgress]) -> dict[Status, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for p in targets:
        counts[p.status] += 1
    return counts


def _days_left(target: Target, as_of: dt.date) -> int:
    """Days of the target's own period after ``as_of`` (all of them before it starts)."""
    return (target.end - max(as_of, target.start - _DAY)).days


def _inclusive_days(first: dt.date, last: dt.date) -> int:
    return (last - first).days + 1


def _exact(value: Fraction) -> Decimal:
    """An amount that is already a whole number of hundredths, shown like the store's amounts."""
    return from_hundredths(math.floor(value * 100))
