"""Dates as people type them, with and without a year (pure: no database, no clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from tenactions.dates import parse_day

YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
TWO_YEARS = (dt.date(2024, 7, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年6月1号", dt.date(2024, 6, 1)),
        ("2024年6月1日", dt.date(2024, 6, 1)),
        ("20240501", dt.date(2024, 5, 1)),
        ("2024.6.1", dt.date(2024, 6, 1)),
        ("2024/8/1", dt.date(2024, 8, 1)),
        ("2024-08-01 10:30", dt.date(2024, 8, 1)),
        ("６月１日", dt.date(2024, 6, 1)),  # full-width digits
        ("6月1号", dt.date(2024, 6, 1)),
        ("8/3", dt.date(2024, 8, 3)),  # month/day, as Chinese offices write it
    ],
)
def test_forms_with_the_programme_year(text: str, expected: dt.date) -> None:
    assert parse_day(text, YEAR_2024) == expected


def test_the_year_that_puts_the_day_in_the_period() -> None:
    # A period from July 2024 to June 2025: August is 2024's, March is 2025's.
    assert parse_day("8月3日", TWO_YEARS) == dt.date(2024, 8, 3)
    assert parse_day("3/8", TWO_YEARS) == dt.date(2025, 3, 8)


def test_a_day_the_period_holds_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="holds that day in 2 years; write the year"):
        parse_day("8/3", (dt.date(2024, 1, 1), dt.date(2025, 12, 31)))


def test_no_year_and_no_period() -> None:
    with pytest.raises(ValueError, match="has no year"):
        parse_day("8月3日")


@pytest.mark.parametrize("text", ["2月30日", "13/1"])
def test_days_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match="is not a real date"):
        parse_day(text, YEAR_2024)


@pytest.mark.parametrize("text", ["45505", "abc", "2024年8月", "8月"])
def test_not_dates_at_all(text: str) -> None:
    assert parse_day(text, YEAR_2024) is None


def test_a_stored_time_is_shown_to_the_minute_in_the_programmes_zone() -> None:
    from tenactions.dates import shown_time

    # 22:37:45 UTC on 29 November is 06:37 the next morning in Guangzhou (UTC+8).
    assert shown_time("2026-11-29T22:37:45+00:00", "Asia/Shanghai") == "2026-11-30 06:37"
    assert shown_time("2026-11-30T06:37:45+08:00", "Asia/Shanghai") == "2026-11-30 06:37"
    assert shown_time("not a time", "Asia/Shanghai") == "not a time"
