"""The calendar periods of a recurring target (ISO weeks, months, quarters), clipped to its dates.

Apart from :mod:`tenactions.progress` so that ``log`` can size a recurring target's whole goal
without loading the report machinery.
"""

from __future__ import annotations

import datetime as dt

from tenactions.model import Target

_DAY = dt.timedelta(days=1)


def calendar_periods(target: Target) -> list[tuple[str, dt.date, dt.date]]:
    """(label, first day, last day) of each period of a recurring target, clipped to its dates.

    Weeks are ISO weeks (Monday-Sunday, labelled ``2024-W32`` by ISO year), months
    ``2024-08``, quarters ``2024-Q3``.
    """
    out = []
    day = target.start
    while day <= target.end:
        if target.every == "week":
            first = day - day.weekday() * _DAY
            last = first + 6 * _DAY
            iso = day.isocalendar()
            label = f"{iso.year}-W{iso.week:02d}"
        elif target.every == "quarter":
            quarter = (day.month - 1) // 3
            first = dt.date(day.year, 3 * quarter + 1, 1)
            last = _month_after(first, 3) - _DAY
            label = f"{day.year}-Q{quarter + 1}"
        else:
            first = day.replace(day=1)
            last = _month_after(first, 1) - _DAY
            label = f"{day.year}-{day.month:02d}"
        out.append((label, max(first, target.start), min(last, target.end)))
        day = last + _DAY
    return out


def _month_after(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
