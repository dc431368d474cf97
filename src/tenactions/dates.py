"""Dates as people type them: ``2024-08-01``, ``2024/8/1``, ``2024年8月1日``, ``today``, ``昨天``."""

from __future__ import annotations

import datetime as dt
import os
import re

from tenactions.errors import InputError

_FORMS = re.compile(
    r"^(?P<y>\d{4})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?$"
)


def today() -> dt.date:
    """Today's date; ``TENACTIONS_TODAY=YYYY-MM-DD`` fixes it (for demos, tests and replays)."""
    fixed = os.environ.get("TENACTIONS_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed.strip())
        except ValueError:
            raise InputError(
                f"TENACTIONS_TODAY={fixed!r} is not a date (write YYYY-MM-DD)"
            ) from None
    return dt.date.today()


def parse_date(text: str, *, what: str = "date") -> dt.date:
    """Parse one date; raise :class:`InputError` naming ``what`` when it is not one."""
    s = text.strip()
    word = s.casefold()
    if word in ("today", "今天", "今日"):
        return today()
    if word in ("yesterday", "昨天", "昨日"):
        return today() - dt.timedelta(days=1)
    match = _FORMS.match(s)
    if match:
        try:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError as exc:
            raise InputError(f"{what} {text!r} is not a real date ({exc})") from None
    raise InputError(f"{what} {text!r} is not a date (write YYYY-MM-DD, e.g. 2024-08-01)")
