"""Progress arithmetic, worked by hand: no database, no terminal.

Programmes are built inline from the model's records and totals are grouped the way the store
groups them, so each expected number below can be checked with a pencil. 2024 is a leap year:
the programme has 366 days, and 2024-07-01 is day 183, exactly half way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenactions.errors import InputError
from tenactions.model import Action, Checkpoint, District, Programme, Target, Totals
from tenactions.programme import load_programme, shipped_programme_path
from tenactions.progress import (
    STATUSES,
    PeriodProgress,
    Report,
    Summary,
    TargetProgress,
    build_report,
    build_summary,
    calendar_periods,
    expected_share,
)

D = dt.date
DISTRICTS = ("越秀区", "海珠区", "荔湾区")
Entry = tuple[str, dt.date, int, str]  # target id, date, amount in hundredths, district


def make_target(
    id: str = "trees",
    *,
    kind: Any = "cumulative",
    goal: str = "5000",
    start: dt.date = D(2024, 1, 1),
    end: dt.date = D(2024, 12, 31),
    action: int = 1,
    **extra: Any,
) -> Target:
    return Target(
        id=id,
        action=action,
        name_zh=id,
        name_en=id,
        unit_zh="个",
        unit_en="units",
        kind=kind,
        goal=Decimal(goal),
        start=start,
        end=end,
        **extra,
    )


def make_milestone(**extra: Any) -> Target:
    """The shipped sales week: window 2024-08-01, due 2024-08-31 (a milestone's end is its due)."""
    fields: dict[str, Any] = {
        "kind": "milestone",
        "goal": "1",
        "window_start": D(2024, 8, 1),
        "due": D(2024, 8, 31),
        "end": D(2024, 8, 31),
    }
    return make_target("sales-week", **(fields | extra))


def make_programme(*targets: Target, ratio: str = "0.8") -> Programme:
    numbers = sorted({t.action for t in targets})
    actions = tuple(
        Action(n, f"行动{n}", f"Action {n}", targets=tuple(t for t in targets if t.action == n))
        for n in numbers
    )
    return Programme(
        name_zh="测试计划",
        name_en="Test programme",
        start=D(2024, 1, 1),
        end=D(2024, 12, 31),
        source="tests",
        actions=actions,
        districts=tuple(District(name, name) for name in DISTRICTS),
        at_risk_ratio=Decimal(ratio),
    )


def make_totals(
    as_of: dt.date,
    entries: Iterable[Entry],
    *,
    keep_later: bool = False,
    since: dt.date = dt.date.min,
) -> Totals:
    """Group entries as ``Store.totals`` does; ``keep_later`` leaves days outside ``since``
    to ``as_of`` in ``daily`` (the report must ignore them)."""
    days: dict[str, dict[dt.date, list[int]]] = {}
    by_district: dict[str, dict[str, int]] = {}
    district_last: dict[str, dt.date] = {}
    for target, day, amount_c, district in entries:
        if since <= day <= as_of or keep_later:
            cell = days.setdefault(target, {}).setdefault(day, [0, 0])
            cell[0] += amount_c
            cell[1] += 1
        if since <= day <= as_of:
            split = by_district.setdefault(target, {})
            split[district] = split.get(district, 0) + amount_c
            district_last[district] = max(day, district_last.get(district, day))
    daily = {
        t: [(d, a, n) for d, (a, n) in sorted(per_day.items())]
        for t, per_day in sorted(days.items())
    }
    return Totals(as_of, daily, by_district, district_last)


def progress_of(
    target: Target, as_of: dt.date, entries: Iterable[Entry] = (), **kw: Any
) -> TargetProgress:
    report = build_report(make_programme(target), make_totals(as_of, entries), as_of, **kw)
    return report.targets[0]


def trees(day: dt.date, amount: int, district: str = "") -> Entry:
    return ("trees", day, amount * 100, district)


# --- cumulative targets: expected-to-date ---------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 12, 31), "0"),  # before the start nothing is expected
        # Rounded up to one decimal more than the target's (whole trees): to 0.1 of a tree.
        (D(2024, 1, 1), "13.7"),  # 5000 * 1/366 = 13.661..., up to 13.7
        (D(2024, 2, 29), "819.7"),  # leap day is day 60: 5000 * 60/366 = 819.67..., up
        (D(2024, 7, 1), "2500"),  # day 183 of 366: exactly half
        (D(2024, 12, 31), "5000"),
        (D(2025, 3, 1), "5000"),  # after the end the whole goal is expected
    ],
)
def test_expected_is_prorated_over_inclusive_days_of_a_leap_year(
    day: dt.date, expected: str
) -> None:
    assert progress_of(make_target(), day).expected == Decimal(expected)


def test_expected_share_is_exact() -> None:
    assert expected_share(make_target(), D(2024, 7, 1)) == 1 / 2
    assert expected_share(make_target(), D(2024, 2, 29)) * 366 == 60


def test_checkpoints_make_the_expected_line_piecewise_linear() -> None:
    # 10% by 31 March (day 91), 50% by 30 June, then linearly to 100% on 31 December.
    target = make_target(
        goal="1000",
        checkpoints=(
            Checkpoint(D(2024, 3, 31), Decimal("0.1")),
            Checkpoint(D(2024, 6, 30), Decimal("0.5")),
        ),
    )
    expected = {
        D(2024, 1, 1): "1.1",  # 100 * 1/91 = 1.0989..., rounded up to 0.1 of a unit
        D(2024, 3, 31): "100",
        D(2024, 5, 15): "297.9",  # 100 + 400 * 45/91 = 297.802...
        D(2024, 6, 30): "500",
        D(2024, 12, 30): "997.3",  # 500 + 500 * 183/184 = 997.282...
        D(2024, 12, 31): "1000",
    }
    for day, amount in expected.items():
        assert progress_of(target, day).expected == Decimal(amount), day
    line = progress_of(target, D(2024, 5, 15)).expected_series
    assert line == (
        (D(2024, 1, 1), Decimal("1.1")),
        (D(2024, 3, 31), Decimal(100)),
        (D(2024, 6, 30), Decimal(500)),
        (D(2024, 12, 31), Decimal(1000)),
    )


def test_a_target_with_its_own_dates_is_prorated_over_them() -> None:
    # 11 regions from 2024-08-01 to 2024-08-31: on 2024-08-11 (day 11 of 31) 11 * 11/31 = 3.90...
    target = make_target("regions", goal="11", start=D(2024, 8, 1), end=D(2024, 8, 31))
    assert progress_of(target, D(2024, 8, 11)).expected == Decimal(4)  # up to 0.1: 4.0
    assert progress_of(target, D(2024, 7, 31)).status == "upcoming"


# --- cumulative targets: statuses -----------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "planted_c", "status"),
    [
        (D(2024, 7, 1), 250000, "on_track"),  # exactly the expected 2500
        (D(2024, 7, 1), 200000, "at_risk"),  # exactly 80% of 2500: the boundary is at risk
        (D(2024, 7, 1), 199999, "behind"),  # 1999.99, a hundredth below it
        (D(2024, 7, 1), 500000, "done"),
        (D(2024, 12, 31), 400000, "at_risk"),  # the last day still counts as in time
        # Past the end (the due day of a target without its own) and not done: overdue.
        (D(2025, 1, 1), 499999, "overdue"),
    ],
)
def test_cumulative_status(as_of: dt.date, planted_c: int, status: str) -> None:
    entry = ("trees", D(2024, 6, 1), planted_c, "")
    assert progress_of(make_target(), as_of, [entry]).status == status


def test_before_its_start_a_target_is_upcoming_unless_already_done() -> None:
    target = make_target(start=D(2024, 3, 1))
    assert progress_of(target, D(2024, 2, 1)).status == "upcoming"
    assert progress_of(target, D(2024, 2, 1), [trees(D(2024, 1, 15), 5000)]).status == "done"


def test_the_at_risk_ratio_comes_from_the_programme() -> None:
    programme = make_programme(make_target(), ratio="0.5")
    totals = make_totals(D(2024, 7, 1), [trees(D(2024, 6, 1), 1250)])  # 50% of the expected 2500
    assert build_report(programme, totals, D(2024, 7, 1)).targets[0].status == "at_risk"


def test_numbers_of_a_cumulative_target() -> None:
    p = progress_of(
        make_target(), D(2024, 7, 1), [trees(D(2024, 3, 1), 1000), trees(D(2024, 6, 3), 500)]
    )
    assert (p.goal, p.actual, p.remaining) == (Decimal(5000), Decimal(1500), Decimal(3500))
    assert p.percent == Decimal("30.0")
    assert p.last_entry == D(2024, 6, 3)
    assert p.periods == ()


def test_percent_is_not_capped_and_remaining_not_negative() -> None:
    p = progress_of(make_target(), D(2024, 7, 1), [trees(D(2024, 3, 1), 6000)])
    assert (p.percent, p.remaining, p.status) == (Decimal("120.0"), Decimal(0), "done")


def test_percent_rounds_down_so_an_unmet_goal_never_shows_100() -> None:
    p = progress_of(make_target(), D(2024, 7, 1), [("trees", D(2024, 3, 1), 499999, "")])
    assert p.percent == Decimal("99.9")
    assert p.actual == Decimal("4999.99")


def test_entries_dated_after_as_of_are_ignored_even_if_the_totals_hold_them() -> None:
    entries = [trees(D(2024, 3, 1), 100), trees(D(2024, 8, 1), 900)]
    totals = make_totals(D(2024, 7, 1), entries, keep_later=True)
    p = build_report(make_programme(make_target()), totals, D(2024, 7, 1)).targets[0]
    assert p.actual == Decimal(100)
    assert p.last_entry == D(2024, 3, 1)
    assert p.series[-1] == (D(2024, 7, 1), Decimal(100))


def test_burn_up_series_is_cumulative_from_start_to_as_of() -> None:
    entries = [trees(D(2024, 3, 1), 100), trees(D(2024, 3, 1), 50), trees(D(2024, 5, 2), 25)]
    p = progress_of(make_target(), D(2024, 7, 1), entries)
    assert p.series == (
        (D(2024, 1, 1), Decimal(0)),
        (D(2024, 3, 1), Decimal(150)),
        (D(2024, 5, 2), Decimal(175)),
        (D(2024, 7, 1), Decimal(175)),
    )


# --- forecast and needed per week -------------------------------------------------------------


def test_forecast_uses_the_rate_of_the_last_28_days() -> None:
    # 28 days ending 2024-07-01 are 06-04..07-01: 560 trees there, 20 a day; 06-03 is outside.
    recent = [trees(D(2024, 6, 4), 280), trees(D(2024, 7, 1), 280)]
    entries = [trees(D(2024, 3, 1), 1000), trees(D(2024, 6, 3), 100), *recent]
    p = progress_of(make_target(), D(2024, 7, 1), entries)
    assert p.actual == Decimal(1660)
    assert p.forecast == Decimal(1660 + 20 * 183)  # 183 days remain after 07-01


def test_forecast_early_in_a_target_uses_the_days_since_its_start() -> None:
    # 10 days in (01-01..01-10), 100 planted: 10 a day for the 356 days left.
    p = progress_of(make_target(), D(2024, 1, 10), [trees(D(2024, 1, 5), 100)])
    assert p.forecast == Decimal(100 + 10 * 356)


def test_forecast_before_the_start_and_after_the_end() -> None:
    assert progress_of(make_target(start=D(2024, 3, 1)), D(2024, 2, 1)).forecast is None
    after = progress_of(make_target(), D(2025, 1, 5), [trees(D(2024, 12, 30), 4000)])
    assert after.forecast == Decimal(4000)


def test_needed_per_week() -> None:
    # 3340 left over the 183 days after 2024-07-01: 3340 * 7 / 183 = 127.759..., up to 127.8.
    p = progress_of(make_target(), D(2024, 7, 1), [trees(D(2024, 3, 1), 1660)])
    assert p.needed_per_week == Decimal("127.8")
    # Before its start the whole period is still available: 5000 * 7 / 366 = 95.628...
    assert progress_of(make_target(), D(2023, 12, 1)).needed_per_week == Decimal("95.7")
    # With 2 decimals (yuan to the fen) the rate is rounded up to 0.001: 95.6284... -> 95.629.
    coupons = make_target(decimals=2)
    assert progress_of(coupons, D(2023, 12, 1)).needed_per_week == Decimal("95.629")


def test_in_the_last_week_what_is_needed_is_what_is_left() -> None:
    # On 2024-12-30 one day is left and 3,000 trees: needed = remaining / max(weeks left, 1),
    # so 3,000 this week, not 3,000 * 7 / 1 = 21,000 "a week".
    p = progress_of(make_target(), D(2024, 12, 30), [trees(D(2024, 3, 1), 2000)])
    assert p.needed_per_week == Decimal(3000)
    # On 2024-12-21 ten days are left (12-22 to 12-31): 3,000 * 7 / 10 = 2,100 a week.
    p = progress_of(make_target(), D(2024, 12, 21), [trees(D(2024, 3, 1), 2000)])
    assert p.needed_per_week == Decimal(2100)


def test_needed_per_week_is_none_when_done_or_no_days_remain() -> None:
    done = progress_of(make_target(), D(2024, 7, 1), [trees(D(2024, 3, 1), 5000)])
    assert done.needed_per_week is None
    assert progress_of(make_target(), D(2024, 12, 31)).needed_per_week is None
    assert progress_of(make_target(), D(2025, 2, 1)).needed_per_week is None


# --- milestones ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "expected"),
    [
        (D(2024, 7, 15), "upcoming", "0"),  # before its window opens
        (D(2024, 8, 1), "on_track", "0"),  # the window is open
        # On the due day undone is below what is expected (1): behind, never on track.
        (D(2024, 8, 31), "behind", "1"),
        (D(2024, 9, 1), "overdue", "1"),
    ],
)
def test_milestone_not_done(as_of: dt.date, status: str, expected: str) -> None:
    p = progress_of(make_milestone(), as_of)
    assert (p.status, p.expected, p.forecast) == (status, Decimal(expected), None)


def test_milestone_done_in_or_before_its_window_stays_done() -> None:
    held = [("sales-week", D(2024, 8, 20), 100, "")]
    assert progress_of(make_milestone(), D(2024, 9, 10), held).status == "done"
    early = [("sales-week", D(2024, 7, 20), 100, "")]
    assert progress_of(make_milestone(), D(2024, 7, 25), early).status == "done"


def test_milestone_needed_per_week_and_expected_line() -> None:
    p = progress_of(make_milestone(), D(2024, 8, 10))
    assert p.needed_per_week is None  # a one-off event has no weekly rate
    assert p.expected_series == (
        (D(2024, 1, 1), Decimal(0)),
        (D(2024, 8, 30), Decimal(0)),
        (D(2024, 8, 31), Decimal(1)),
    )


# --- recurring targets -------------------------------------------------------------------------


def make_weekly() -> Target:
    # 2024-07-01 is a Monday (ISO week 27); 2024-08-31 a Saturday, so week 35 is clipped.
    return make_target(
        "visits", kind="recurring", every="week", goal="2", start=D(2024, 7, 1), end=D(2024, 8, 31)
    )


def visits(day: dt.date, amount: int) -> Entry:
    return ("visits", day, amount * 100, "")


def test_weekly_periods_are_iso_weeks_clipped_to_the_target() -> None:
    spans = calendar_periods(make_weekly())
    assert len(spans) == 9
    assert spans[0] == ("2024-W27", D(2024, 7, 1), D(2024, 7, 7))
    assert spans[-1] == ("2024-W35", D(2024, 8, 26), D(2024, 8, 31))
    year_end = make_target(kind="recurring", every="week", start=D(2024, 12, 20))
    assert calendar_periods(year_end)[0] == ("2024-W51", D(2024, 12, 20), D(2024, 12, 22))
    assert calendar_periods(year_end)[-1] == ("2025-W01", D(2024, 12, 30), D(2024, 12, 31))


def test_monthly_and_quarterly_periods() -> None:
    monthly = make_target(kind="recurring", every="month", start=D(2024, 8, 1))
    assert [label for label, _, _ in calendar_periods(monthly)] == [
        "2024-08",
        "2024-09",
        "2024-10",
        "2024-11",
        "2024-12",
    ]
    assert calendar_periods(monthly)[1] == ("2024-09", D(2024, 9, 1), D(2024, 9, 30))
    quarterly = make_target(kind="recurring", every="quarter", start=D(2024, 2, 15))
    assert calendar_periods(quarterly) == [
        ("2024-Q1", D(2024, 2, 15), D(2024, 3, 31)),
        ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30)),
        ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
        ("2024-Q4", D(2024, 10, 1), D(2024, 12, 31)),
    ]


def test_weekly_with_a_partial_current_week_at_the_80_percent_boundary() -> None:
    # As of Tuesday 2024-08-06, weeks 27-31 are complete and 4 of them met (2 or more visits);
    # week 32 has 1 visit so far. 4 met >= 0.8 * 5 complete: at risk, exactly on the boundary.
    entries = [
        visits(D(2024, 7, 1), 2),
        visits(D(2024, 7, 8), 1),  # week 28: 1 + 0, not met
        visits(D(2024, 7, 19), 3),
        visits(D(2024, 7, 22), 1),
        visits(D(2024, 7, 28), 1),  # week 30: 1 + 1 on its Sunday, met
        visits(D(2024, 8, 4), 2),
        visits(D(2024, 8, 5), 1),
    ]
    p = progress_of(make_weekly(), D(2024, 8, 6), entries)
    assert p.status == "at_risk"
    assert (p.goal, p.actual, p.expected, p.remaining) == (9, 4, 5, 5)
    assert p.percent == Decimal("44.4")  # 4 / 9
    assert p.periods[:6] == (
        PeriodProgress("2024-W27", Decimal(2), True, True),
        PeriodProgress("2024-W28", Decimal(1), False, True),
        PeriodProgress("2024-W29", Decimal(3), True, True),
        PeriodProgress("2024-W30", Decimal(2), True, True),
        PeriodProgress("2024-W31", Decimal(2), True, True),
        PeriodProgress("2024-W32", Decimal(1), False, False),
    )
    assert p.periods[6:] == tuple(
        PeriodProgress(f"2024-W{w}", Decimal(0), False, False) for w in (33, 34, 35)
    )
    # 4 weeks open and not met, at the 4/5 rate of the complete ones: 4 + 4 * 0.8 = 7.2,
    # rounded down to whole weeks.
    assert p.forecast == Decimal(7)
    assert p.needed_per_week is None
    assert p.last_entry == D(2024, 8, 5)


def test_weekly_met_in_the_current_week_counts_at_once() -> None:
    entries = [visits(D(2024, 7, 1), 2), visits(D(2024, 7, 9), 2)]
    p = progress_of(make_weekly(), D(2024, 7, 9), entries)
    assert (p.actual, p.expected, p.status) == (2, 1, "on_track")
    assert p.series == (
        (D(2024, 7, 1), Decimal(0)),
        (D(2024, 7, 7), Decimal(1)),  # the end of week 27
        (D(2024, 7, 9), Decimal(2)),  # week 28, so far
    )


def test_weekly_behind_and_after_the_end() -> None:
    entries = [visits(D(2024, 7, 1), 2)]
    assert progress_of(make_weekly(), D(2024, 7, 16), entries).status == "behind"  # 1 of 2
    assert progress_of(make_weekly(), D(2024, 6, 30), entries).status == "upcoming"
    all_weeks = [visits(first, 2) for _, first, _ in calendar_periods(make_weekly())]
    assert progress_of(make_weekly(), D(2024, 9, 5), all_weeks).status == "done"
    # Past the end 8 of 9 weeks met is still 89%, but nothing can be made up: overdue.
    assert progress_of(make_weekly(), D(2024, 9, 5), all_weeks[1:]).status == "overdue"


def test_monthly_from_august_with_a_partial_month() -> None:
    target = make_target(
        "monthly-care", kind="recurring", every="month", goal="1", start=D(2024, 8, 1)
    )
    entries = [
        ("monthly-care", D(2024, 7, 31), 100, ""),  # before the start: in no period
        ("monthly-care", D(2024, 8, 5), 100, ""),
        ("monthly-care", D(2024, 10, 2), 100, ""),  # October, still running, already met
    ]
    p = progress_of(target, D(2024, 10, 15), entries)
    assert [(x.label, x.met, x.complete) for x in p.periods] == [
        ("2024-08", True, True),
        ("2024-09", False, True),
        ("2024-10", True, False),
        ("2024-11", False, False),
        ("2024-12", False, False),
    ]
    assert (p.goal, p.actual, p.expected, p.remaining, p.status) == (5, 2, 2, 3, "on_track")
    assert p.percent == Decimal("40.0")
    assert p.forecast == Decimal(3)  # 2 + 2 open months at the 1-in-2 rate
    assert p.expected_series[0] == (D(2024, 8, 1), Decimal(0))
    assert p.expected_series[-1] == (D(2024, 12, 31), Decimal(5))
    before = progress_of(target, D(2024, 7, 31), entries)
    assert (before.status, before.actual, before.forecast) == ("upcoming", 0, None)
    assert before.series == ()


# --- districts, actions and the programme line ----------------------------------------------


def test_district_split_and_silent_districts() -> None:
    entries = [
        trees(D(2024, 6, 4), 1000, "越秀区"),  # 28 days ending 07-01 start on 06-04: not silent
        trees(D(2024, 6, 3), 500, "海珠区"),  # one day earlier: silent
        trees(D(2024, 6, 20), 200, ""),  # no district: never listed as a district
    ]
    report = build_report(
        make_programme(make_target()),
        make_totals(D(2024, 7, 1), entries),
        D(2024, 7, 1),
        by_district=True,
    )
    p = report.targets[0]
    assert p.by_district == {"越秀区": Decimal(1000), "海珠区": Decimal(500), "": Decimal(200)}
    assert list(p.by_district) == ["越秀区", "海珠区", ""]
    assert sum(p.by_district.values()) == p.actual
    assert report.silent_districts == ("海珠区", "荔湾区")


def test_without_by_district_there_are_no_splits() -> None:
    entries = [trees(D(2024, 6, 4), 1000, "越秀区")]
    report = build_report(
        make_programme(make_target()), make_totals(D(2024, 7, 1), entries), D(2024, 7, 1)
    )
    assert report.targets[0].by_district == {}
    assert report.silent_districts == ()


def test_actions_filter_and_rollup_counts() -> None:
    programme = make_programme(
        make_target("trees", action=1),
        make_target("unions", action=1, goal="100"),
        make_milestone(action=2),
    )
    totals = make_totals(D(2024, 7, 1), [trees(D(2024, 3, 1), 5000)])
    report = build_report(programme, totals, D(2024, 7, 1), actions=[1])
    assert [r.action.number for r in report.actions] == [1]
    assert [p.target.id for p in report.targets] == ["trees", "unions"]
    assert report.actions[0].counts == dict.fromkeys(STATUSES, 0) | {"done": 1, "behind": 1}
    everything = build_report(programme, totals, D(2024, 7, 1))
    assert everything.status_counts["upcoming"] == 1
    assert sum(everything.status_counts.values()) == 3
    with pytest.raises(InputError, match="no action 7"):
        build_report(programme, totals, D(2024, 7, 1), actions=[7])


@pytest.mark.parametrize(
    ("as_of", "elapsed"),
    [
        (D(2023, 12, 1), "0"),
        (D(2024, 1, 1), "0.003"),  # 1/366 = 0.00273..., rounded up to 0.3%
        (D(2024, 7, 1), "0.5"),  # 183/366: 时间过半, exactly
        # 275/366 = 0.75136...: the expected side of 时间过半、任务过半 rounds up, to 75.2%
        (D(2024, 10, 1), "0.752"),
        (D(2024, 12, 31), "1"),
        (D(2025, 6, 1), "1"),
    ],
)
def test_elapsed_share_of_the_programme(as_of: dt.date, elapsed: str) -> None:
    report = build_report(make_programme(make_target()), make_totals(as_of, []), as_of)
    assert report.elapsed == Decimal(elapsed)


def test_work_done_is_the_mean_of_capped_shares() -> None:
    programme = make_programme(
        make_target("trees"), make_target("unions", goal="100"), make_milestone()
    )
    entries = [trees(D(2024, 3, 1), 7500), ("unions", D(2024, 3, 1), 2500, "")]
    report = build_report(programme, make_totals(D(2024, 7, 1), entries), D(2024, 7, 1))
    # trees 150% counts as 1, unions 25%, the milestone 0: (1 + 0.25 + 0) / 3 = 0.41666...
    assert report.work_done == Decimal("0.416")  # rounded down to 0.1%


# --- the weekly summary ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Programme:
    return load_programme(shipped_programme_path(), use_cache=False)


def summary_entries() -> list[Entry]:
    return [
        ("trees", D(2024, 3, 1), 300000, "越秀区"),
        ("trees", D(2024, 9, 4), 200000, "海珠区"),  # first day of the window 09-04..09-10
        ("trees", D(2024, 9, 10), 100, "海珠区"),
        ("fairs", D(2024, 9, 3), 500, "天河区"),  # the day before the window
        ("unions", D(2024, 8, 13), 1000, "天河区"),  # 28 days before 09-10: stale from here
        ("projects", D(2024, 8, 14), 100, "白云区"),  # 27 days before: not stale
        ("monthly-care", D(2024, 9, 6), 100, ""),
    ]


def build_test_summary(shipped: Programme, as_of: dt.date = D(2024, 9, 10)) -> Summary:
    entries = summary_entries()
    return build_summary(
        shipped,
        make_totals(as_of, entries),
        make_totals(as_of - dt.timedelta(days=7), entries),
        as_of,
    )


def test_summary_window_and_deltas(shipped: Programme) -> None:
    s = build_test_summary(shipped)
    assert s.window_start == D(2024, 9, 4)
    assert s.window_end == s.as_of == D(2024, 9, 10)
    assert s.entries_in_window == 3
    deltas = {d.progress.target.id: (d.delta, d.entries) for d in s.deltas}
    assert deltas == {"trees": (Decimal(2001), 2), "monthly-care": (Decimal(1), 1)}
    assert [d.progress.target.id for d in s.deltas] == ["trees", "monthly-care"]  # programme order
    assert s.report.as_of == D(2024, 9, 10)
    assert len(s.report.targets) == 22


def test_summary_status_changes(shipped: Programme) -> None:
    s = build_test_summary(shipped)
    changes = {c.target.id: (c.old, c.new) for c in s.status_changes}
    # 3000 trees on 09-03 was above the expected 3374.32 * 0.8; 5001 on 09-10 is done.
    assert changes["trees"] == ("at_risk", "done")
    assert "sports-opening" not in changes  # its window opened on 09-01, before both dates
    # August passed with no care activity; September's, logged on 09-06, makes up the count.
    assert changes["monthly-care"] == ("behind", "on_track")
    assert "unions" not in changes  # behind both weeks


def test_summary_due_soon_stale_and_silent(shipped: Programme) -> None:
    s = build_test_summary(shipped)
    # Due within 30 days and not done: the sports meet (09-30); the sales week is past due.
    assert [p.target.id for p in s.due_soon] == ["sports-opening"]
    stale = [p.target.id for p in s.stale]
    assert "unions" in stale  # last entry 28 days ago
    assert "projects" not in stale  # 27 days ago
    assert "trees" not in stale  # done
    assert "destinations" in stale  # never logged
    assert "monthly-care" not in stale
    assert "sports-opening" not in stale  # a milestone is logged once, when it happens
    assert "sales-week" not in stale  # overdue, which its status and due_soon already say
    # Districts with no entry dated 09-04..09-10; 天河区's last was 09-03.
    assert "海珠区" not in s.silent_districts
    assert {"越秀区", "天河区", "白云区"} <= set(s.silent_districts)
    assert len(s.silent_districts) == len(shipped.districts) - 1


def test_summary_status_changes_of_milestones(shipped: Programme) -> None:
    # As of 09-05 the week before is 08-29: the sales week was still in time and the sports
    # meet's window (from 09-01) not yet open.
    changes = {
        c.target.id: (c.old, c.new)
        for c in build_test_summary(shipped, D(2024, 9, 5)).status_changes
    }
    assert changes["sales-week"] == ("on_track", "overdue")
    assert changes["sports-opening"] == ("upcoming", "on_track")


def test_summary_due_soon_runs_from_as_of_through_30_days_after(shipped: Programme) -> None:
    def due_soon(as_of: dt.date) -> list[str]:
        return [p.target.id for p in build_test_summary(shipped, as_of).due_soon]

    # 08-31 is due day for the sales week and the supplier regions; 09-30 is 30 days on.
    assert due_soon(D(2024, 8, 31)) == ["sales-week", "supplier-regions", "sports-opening"]
    assert due_soon(D(2024, 8, 1)) == ["sales-week", "supplier-regions"]  # 09-30 is 60 days on
    assert due_soon(D(2024, 7, 31)) == []  # 08-31 is 31 days on


def test_summary_is_deterministic(shipped: Programme) -> None:
    assert build_test_summary(shipped) == build_test_summary(shipped)


def test_summary_needs_a_window(shipped: Programme) -> None:
    totals = make_totals(D(2024, 9, 10), [])
    with pytest.raises(ValueError, match="at least one day"):
        build_summary(shipped, totals, totals, D(2024, 9, 10), days=0)


def test_shipped_programme_reports_every_target(shipped: Programme) -> None:
    report = build_report(shipped, make_totals(D(2024, 7, 1), []), D(2024, 7, 1))
    assert isinstance(report, Report)
    assert len(report.targets) == 22
    assert [r.action.number for r in report.actions] == list(range(1, 11))
    assert report.elapsed == Decimal("0.5")
    assert set(report.status_counts) == set(STATUSES)
    # Nothing logged by mid-year: the monthly care (from August) and both milestones wait.
    assert report.status_counts["upcoming"] == 3
    assert report.status_counts["behind"] == 19


# --- property: the actual is the sum of what is dated up to as_of -----------------------------

PROPERTY_TARGETS = (
    make_target("trees"),
    make_target("unions", goal="1000", start=D(2024, 3, 1), end=D(2024, 9, 30)),
    make_target("coupons", goal="1000000", decimals=2),
)
PROPERTY_DAYS = st.dates(min_value=D(2023, 12, 1), max_value=D(2025, 1, 31))
PROPERTY_ENTRIES = st.lists(
    st.tuples(
        st.sampled_from([t.id for t in PROPERTY_TARGETS]),
        PROPERTY_DAYS,
        st.integers(min_value=1, max_value=10**12),
        st.sampled_from(["", *DISTRICTS]),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(entries=PROPERTY_ENTRIES, as_of=PROPERTY_DAYS, keep_later=st.booleans())
def test_actual_is_the_sum_of_amounts_dated_up_to_as_of(
    entries: list[Entry], as_of: dt.date, keep_later: bool
) -> None:
    programme = make_programme(*PROPERTY_TARGETS)
    # The CLI asks the store for the period only (as of its end at the latest); daily may
    # hold more (keep_later), which the report must leave out by itself.
    last = min(as_of, programme.end)
    totals = make_totals(last, entries, keep_later=keep_later, since=programme.start)
    report = build_report(programme, totals, as_of, by_district=True)
    for p in report.targets:
        cents = sum(
            a for t, d, a, _ in entries if t == p.target.id and programme.start <= d <= last
        )
        assert p.actual * 100 == cents
        assert sum(p.by_district.values(), Decimal(0)) == p.actual
        assert p.remaining == max(p.goal - p.actual, Decimal(0))
        assert p.status in STATUSES
        if p.series:
            assert p.series[-1][1] == p.actual


# --- the period bounds every figure; missed due dates; done early or late --------------------


def test_after_the_period_the_figures_are_as_at_its_end() -> None:
    programme = make_programme(make_target())
    entries = [trees(D(2024, 6, 1), 2050), trees(D(2025, 1, 2), 4000), trees(D(2023, 12, 30), 7)]
    totals = make_totals(D(2025, 3, 1), entries)
    report = build_report(programme, totals, D(2025, 3, 1))
    # Only 2,050 is dated inside 2024: 41.0% of 5,000, and past the end that is final: overdue.
    (p,) = report.targets
    assert (p.actual, p.percent, p.status) == (Decimal(2050), Decimal("41"), "overdue")
    assert (report.as_of, report.asked, report.phase) == (D(2024, 12, 31), D(2025, 3, 1), "ended")
    before = build_report(programme, totals, D(2023, 12, 31))
    assert before.phase == "not_started" and before.targets[0].actual == 0


def test_a_summary_outside_the_period_lists_no_week() -> None:
    programme = make_programme(make_target())
    totals = make_totals(D(2025, 1, 7), [trees(D(2024, 6, 1), 2050), trees(D(2025, 1, 2), 4000)])
    summary = build_summary(programme, totals, totals, D(2025, 1, 7))
    assert not summary.in_period
    assert (summary.entries_in_window, summary.deltas, summary.stale) == (0, (), ())
    assert summary.report.targets[0].actual == 2050


def test_a_cumulative_target_with_a_missed_due_date_is_overdue() -> None:
    # 11 regions due 2024-08-31; 5 logged.
    regions = make_target("regions", goal="11", end=D(2024, 8, 31), due=D(2024, 8, 31))
    entries = [("regions", D(2024, 8, 10), 500, "")]
    assert progress_of(regions, D(2024, 8, 31), entries).status == "behind"  # in time, behind
    assert progress_of(regions, D(2024, 9, 1), entries).status == "overdue"
    # Without a due date it is due at the period's end: the day after, unfinished is overdue.
    short = [trees(D(2024, 3, 1), 1)]
    assert progress_of(make_target(), D(2024, 12, 31), short).status == "behind"
    assert progress_of(make_target(), D(2025, 1, 1), short).status == "overdue"


def test_done_outside_the_window_is_early_or_late() -> None:
    early = progress_of(make_milestone(), D(2024, 9, 1), [("sales-week", D(2024, 5, 3), 100, "")])
    assert (early.status, early.timing, early.done_on) == ("done", "early", D(2024, 5, 3))
    late = progress_of(make_milestone(), D(2024, 9, 30), [("sales-week", D(2024, 9, 2), 100, "")])
    assert (late.status, late.timing) == ("done", "late")
    on_time = progress_of(
        make_milestone(), D(2024, 9, 30), [("sales-week", D(2024, 8, 9), 100, "")]
    )
    assert (on_time.status, on_time.timing, on_time.done_on) == ("done", None, D(2024, 8, 9))
    # A cumulative target done after its due date: the entry that reached 11 was on 09-10.
    regions = make_target("regions", goal="11", end=D(2024, 8, 31), due=D(2024, 8, 31))
    entries = [("regions", D(2024, 8, 10), 500, ""), ("regions", D(2024, 9, 10), 600, "")]
    assert progress_of(regions, D(2024, 9, 15), entries).timing == "late"


def test_the_rounding_rule_never_flatters() -> None:
    # 3 * 183/366 = 1.5 studios expected on 07-01: shown 1.5 (to 0.1, one decimal more than
    # whole studios); 1 of 3 done = 33.33...% -> percent rounds down to 33.3.
    studios = make_target("studios", goal="3")
    p = progress_of(studios, D(2024, 7, 1), [("studios", D(2024, 3, 1), 100, "")])
    assert (p.expected, p.percent, p.remaining) == (Decimal("1.5"), Decimal("33.3"), Decimal(2))
    # 2 left over 183 days: 2 * 7 / 183 = 0.0765... a week -> rounds up to 0.1.
    assert p.needed_per_week == Decimal("0.1")


def test_the_expected_figure_shown_supports_the_status_beside_it() -> None:
    # A goal of 4 over 2024 (366 days); on 2024-10-01 (day 275) 3 are done of an expected
    # 4 * 275/366 = 3.005..., so "at risk" (3 >= 80% of 3.005). Rounded up to a whole 4, the
    # expected figure would read 3 of 4 = 75%, below 80%: it is shown 3.1.
    training = make_target("training", goal="4")
    p = progress_of(training, D(2024, 10, 1), [("training", D(2024, 3, 1), 300, "")])
    assert (p.expected, p.status) == (Decimal("3.1"), "at_risk")
    # A goal of 3: 3 * 275/366 = 2.254... expected on 10-01: shown 2.3, not 3.
    legal = make_target("legal-boards", goal="3")
    assert progress_of(legal, D(2024, 10, 1)).expected == Decimal("2.3")
    # Money (to the fen) rounds up to 0.001 yuan: 100 * 1/366 = 0.27322... -> 0.274.
    assert progress_of(make_target(goal="100", decimals=2), D(2024, 1, 1)).expected == Decimal(
        "0.274"
    )


def test_a_week_across_the_end_tells_only_its_days_inside_the_period() -> None:
    programme = make_programme(make_target())
    entries = [trees(D(2024, 12, 30), 10), trees(D(2025, 1, 2), 4000)]
    # The week 2024-12-28 to 2025-01-03: 12-30 is this programme's, 01-02 next year's.
    current = make_totals(D(2024, 12, 31), entries, since=D(2024, 1, 1))
    previous = make_totals(D(2024, 12, 27), entries, since=D(2024, 1, 1))
    summary = build_summary(programme, current, previous, D(2025, 1, 3))
    assert summary.in_period and summary.report.phase == "ended"
    assert summary.entries_in_window == 1
    (delta,) = summary.deltas
    assert (delta.delta, delta.entries) == (Decimal(10), 1)
    assert summary.stale == () and summary.silent_districts == ()
