"""Dates as people type them: ``2024-08-01``, ``2024/8/1``, ``2024年8月1日``, ``today``, ``昨天``.

"Today" is the programme's today: the date in its time zone (``timezone:`` in the programme
file, an IANA name such as ``Asia/Shanghai``), whatever the server's clock is set to, so an
entry logged at 07:30 in Guangzhou on a server running on UTC is dated that Guangzhou day.
Time zones come from the system's database or, where there is none, the ``tzdata`` package.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import TYPE_CHECKING

from tenactions.errors import InputError

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

#: The zone of a programme file that names none (the shipped programme names it too).
DEFAULT_TIMEZONE = "Asia/Shanghai"

_FORMS = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?$"
)


def now() -> dt.datetime:
    """The current instant (aware, UTC); ``TENACTIONS_NOW`` fixes it, e.g.
    ``2024-09-29T23:30:00Z`` (for tests and replays: any ISO time with an offset)."""
    fixed = os.environ.get("TENACTIONS_NOW")
    if fixed:
        try:
            when = dt.datetime.fromisoformat(fixed.strip())
        except ValueError:
            when = None
        if when is None or when.tzinfo is None:
            raise InputError(
                f"TENACTIONS_NOW={fixed!r} is not a time with an offset"
                " (write e.g. 2024-09-29T23:30:00+00:00)"
            )
        return when.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; :class:`InputError` when there is no such zone."""
    problem = timezone_problem(name)
    if problem:
        raise InputError(problem)
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def timezone_problem(name: str) -> str | None:
    """Why ``name`` is not a usable IANA time zone name, or None when it is one."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    # Keys are relative names like Asia/Shanghai: no paths, no parent folders.
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", name):
        return f"{name!r} is not an IANA time zone name (e.g. Asia/Shanghai)"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return f"{name!r} is not an IANA time zone name (e.g. Asia/Shanghai)"
    return None


def today(tz: str | None = None) -> dt.date:
    """Today's date in the time zone ``tz`` (the programme's; None: the server's own).

    ``TENACTIONS_TODAY=YYYY-MM-DD`` fixes the date itself (for demos, tests and replays).
    """
    fixed = os.environ.get("TENACTIONS_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed.strip())
        except ValueError:
            raise InputError(
                f"TENACTIONS_TODAY={fixed!r} is not a date (write YYYY-MM-DD)"
            ) from None
    current = now()
    return (current.astimezone(zone(tz)) if tz else current.astimezone()).date()


def local_timestamp(stamp: str, tz: str) -> str:
    """A stored timestamp (ISO, with offset) as the time in ``tz``, with that zone's offset.

    Text that is not such a timestamp is returned unchanged.
    """
    try:
        when = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp
    if when.tzinfo is None:
        return stamp
    return when.astimezone(zone(tz)).isoformat(timespec="seconds")


def parse_date(text: str, *, what: str = "date", tz: str | None = None) -> dt.date:
    """Parse one date; raise :class:`InputError` naming ``what`` when it is not one.

    ``today`` and ``yesterday`` are the days in the time zone ``tz`` (see :func:`today`).
    """
    s = text.strip()
    word = s.casefold()
    if word in ("today", "今天", "今日"):
        return today(tz)
    if word in ("yesterday", "昨天", "昨日"):
        return today(tz) - dt.timedelta(days=1)
    match = _FORMS.match(s)
    if match:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError as exc:
            raise InputError(f"{what} {text!r} is not a real date ({exc})") from None
    raise InputError(f"{what} {text!r} is not a date (write YYYY-MM-DD, e.g. 2024-08-01)")
