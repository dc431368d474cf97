"""Dates as people type them: ``2024-08-01``, ``2024/8/1``, ``2024年8月1日``, ``today``, ``昨天``.

Also ``2024年6月1号``, ``2024.6.1``, ``20240501`` and, without a year, ``6月1日`` or ``8/3``
(month/day, as Chinese offices write it): the year is the one that puts the day inside the
programme's period, and a day that the period holds in two years is refused as ambiguous.

"Today" is the programme's today: the date in its time zone (``timezone:`` in the programme
file, an IANA name such as ``Asia/Shanghai``), whatever the server's clock is set to, so an
entry logged at 07:30 in Guangzhou on a server running on UTC is dated that Guangzhou day.
Time zones come from the system's database or, where there is none, the ``tzdata`` package.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from typing import TYPE_CHECKING

from tenactions.errors import InputError, ValueProblem
from tenactions.messages import Msg

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from tenactions.model import Programme

#: The zone of a programme file that names none (the shipped programme names it too).
DEFAULT_TIMEZONE = "Asia/Shanghai"

_FORMS = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?$"
)
# What a sheet's cells add: 号 for 日, a time after the day, the compact 20240501, no year.
_DAY_FORMS = (
    re.compile(
        r"(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*[日号]?"
        r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    ),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<m>\d{1,2})\s*(?:月\s*(?P<d1>\d{1,2})\s*[日号]?|/\s*(?P<d2>\d{1,2}))"),
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
            raise InputError(Msg("bad_now", value=fixed))
        return when.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; :class:`InputError` when there is no such zone."""
    problem = timezone_problem(name)
    if problem:
        raise InputError(problem)
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def timezone_problem(name: str) -> Msg | None:
    """Why ``name`` is not a usable IANA time zone name, or None when it is one."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    # Keys are relative names like Asia/Shanghai: no paths, no parent folders.
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*", name):
        return Msg("bad_zone", name=name)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return Msg("bad_zone", name=name)
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
            raise InputError(Msg("bad_today", value=fixed)) from None
    current = now()
    return (current.astimezone(zone(tz)) if tz else current.astimezone()).date()


def _aware(stamp: str) -> dt.datetime | None:
    """A stored timestamp (ISO, with offset) as a datetime; None for any other text."""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else None


def local_timestamp(stamp: str, tz: str) -> str:
    """A stored timestamp (ISO, with offset) as the time in ``tz``, with that zone's offset.

    Text that is not such a timestamp is returned unchanged.
    """
    when = _aware(stamp)
    return stamp if when is None else when.astimezone(zone(tz)).isoformat(timespec="seconds")


def shown_time(stamp: str, tz: str) -> str:
    """A stored timestamp as people read it in messages and tables: the minute in ``tz``
    (``2026-11-30 06:37``). Machine formats (CSV, JSON, exports) keep :func:`local_timestamp`.

    Text that is not such a timestamp is returned unchanged.
    """
    when = _aware(stamp)
    return stamp if when is None else when.astimezone(zone(tz)).strftime("%Y-%m-%d %H:%M")


def parse_date(
    text: str,
    *,
    what: str = "date",
    period: tuple[dt.date, dt.date] | None = None,
    tz: str | None = None,
) -> dt.date:
    """Parse one date; raise :class:`InputError` naming ``what`` when it is not one.

    ``period`` (the programme's first and last day) gives the year of a date written without
    one (``6月1日``, ``8/3``); without it such a date is refused. ``today`` and ``yesterday``
    are the days in the time zone ``tz`` (see :func:`today`).
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
        except ValueError:
            why = Msg("bad_month" if not 1 <= int(match["m"]) <= 12 else "bad_day")
            raise InputError(Msg("not_real_date_why", what=what, text=text, why=why)) from None
    try:
        found = parse_day(s, period)
    except ValueProblem as exc:
        raise InputError(Msg("option_value", what=what, problem=exc.text)) from None
    if found is None:
        raise InputError(Msg("not_date_iso", what=what, text=text))
    return found


def option_date(text: str, programme: Programme, *, what: str) -> dt.date:
    """A date typed for an option (``--date``, ``--as-of``, ``--since``, ``--until``): every
    form :func:`parse_date` reads, ``today`` in the programme's zone, and a day written without
    a year (``8月1日``, ``8/1``) in the year that puts it inside the programme's period."""
    return parse_date(
        text, what=what, period=(programme.start, programme.end), tz=programme.timezone
    )


def option_range(
    since: str | None, until: str | None, programme: Programme
) -> tuple[dt.date | None, dt.date | None]:
    """The days ``--since`` and ``--until`` name (``None`` where not given); refuses a range
    that ends before it starts, which would match nothing and look like an empty ledger."""
    start = option_date(since, programme, what="--since") if since else None
    end = option_date(until, programme, what="--until") if until else None
    if start is not None and end is not None and start > end:
        raise InputError(Msg("since_after_until", since=start, until=end))
    return start, end


def parse_day(text: str, period: tuple[dt.date, dt.date] | None = None) -> dt.date | None:
    """The day a text names (any form above but today/yesterday); ``None`` if it names none.

    Raises :class:`ValueError` (the message starts with the quoted text) for a day that does
    not exist, or whose year cannot be told from ``period``. Full-width digits are accepted.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    for form in _DAY_FORMS:
        match = form.fullmatch(s)
        if match is None:
            continue
        month, day = int(match["m"]), int(match.groupdict().get("d") or match["d1"] or match["d2"])
        if match.groupdict().get("y"):
            try:
                return dt.date(int(match["y"]), month, day)
            except ValueError:
                raise ValueProblem(Msg("not_real_date", text=text)) from None
        return _with_year(text, month, day, period)
    return None


def _with_year(text: str, month: int, day: int, period: tuple[dt.date, dt.date] | None) -> dt.date:
    """The one day ``month``/``day`` inside ``period``."""
    if period is None:
        raise ValueProblem(Msg("date_no_year", text=text))
    first, last = period
    days = []
    real = False
    for year in range(first.year, last.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        real = True
        if first <= candidate <= last:
            days.append(candidate)
    if not real and not (month == 2 and day == 29):
        raise ValueProblem(Msg("not_real_date", text=text))
    if len(days) == 1:
        return days[0]
    if not days:
        raise ValueProblem(Msg("date_no_year_outside", text=text, start=first, end=last))
    raise ValueProblem(Msg("date_no_year_many", text=text, start=first, end=last, years=len(days)))
