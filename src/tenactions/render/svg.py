"""Inline SVG charts for the HTML report: burn-up lines, period boxes and milestone timelines.

Each chart is one ``<svg>`` that scales to its container (a ``viewBox``, no fixed size), needs
no script, font or image from anywhere, and starts with a ``<title>`` that says in words what it
shows, for screen readers and for anyone hovering over it. Text from the programme is escaped.
Coordinates are rounded to 0.1, so the same report always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from tenactions.amounts import format_amount, format_done_of_goal
from tenactions.messages import t
from tenactions.progress import PeriodProgress, Series, TargetProgress, calendar_periods
from tenactions.render.common import short

WIDTH = 640
ACTUAL = "#1d4ed8"
EXPECTED = "#6b7280"
GOAL = "#111827"
AS_OF = "#c2410c"
MET = "#15803d"
MISSED = "#b91c1c"
OPEN = "#9ca3af"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAY = dt.timedelta(days=1)
#: The states of a recurring target's period, in the order they are counted.
PERIOD_STATES = ("met", "missed", "open", "future")


@dataclass(frozen=True)
class _Frame:
    """Where dates and amounts land in a chart's plot area."""

    first: dt.date
    last: dt.date
    top: float
    """The amount at the top edge of the plot."""
    left: float = 52.0
    right: float = WIDTH - 16.0
    upper: float = 26.0
    lower: float = 172.0

    def x(self, day: dt.date) -> float:
        span = max((self.last - self.first).days, 1)
        return self.left + (self.right - self.left) * (day - self.first).days / span

    def y(self, value: Decimal) -> float:
        return self.lower - (self.lower - self.upper) * float(value) / self.top


def _n(value: float) -> str:
    return f"{value:.1f}"


def _open(chart_id: str, title: str, height: float, css_class: str) -> str:
    title_id = escape(f"{chart_id}-title")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}"'
        f' viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{escape(title)}</title>'
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{cls}>{escape(text)}</text>'


def _anchor_near(x: float, frame: _Frame) -> tuple[float, str]:
    """A label beside ``x`` that stays inside the chart: to its right, or its left near the edge."""
    if x > frame.right - 120:
        return x - 4, "end"
    return x + 4, "start"


# --- cumulative targets: the burn-up chart ------------------------------------------------


def burn_up(p: TargetProgress, as_of: dt.date, lang: str) -> str:
    """Cumulative actual (a step line) against the expected line and the goal, over the
    target's start..end (stretched to the as-of date when that is later), with the as-of date
    marked and, while there is time left, the forecast as a dotted line to the end."""
    target = p.target
    started = as_of >= target.start
    last = max(target.end, as_of) if started else target.end
    values = [p.goal, p.forecast or Decimal(0)]
    values += [v for _, v in p.series] + [v for _, v in p.expected_series]
    frame = _Frame(target.start, last, float(max(values)) * 1.08 or 1.0)
    shown = format_done_of_goal(p.actual, p.goal, lang)
    title = t(
        lang,
        "chart_burn_up",
        name=target.name(lang),
        date=as_of.isoformat(),
        actual=shown[0],
        goal=shown[1],
        unit=target.unit(lang, p.goal),
        expected=format_amount(p.expected, lang, up=True),
    )
    parts = [_open(f"chart-{target.id}", title, 200, "burn-up")]
    parts += _time_axis(frame, lang)
    parts.append(_goal_line(frame, p.goal, lang))
    if last > target.end:
        parts.append(_end_marker(frame, target.end, lang))
    parts.append(_polyline(frame, p.expected_series, EXPECTED, "expected"))
    if p.series:
        parts += _actual_line(frame, p.series)
    if started and p.forecast is not None and as_of < target.end and p.series:
        parts.append(_forecast_line(frame, p.series[-1], (target.end, p.forecast)))
    if started:
        parts += _as_of_marker(frame, as_of, lang)
    parts.append("</svg>")
    return "".join(parts)


def _time_axis(frame: _Frame, lang: str) -> list[str]:
    """The baseline and a tick per month (every few months over long spans), or the two end
    dates when the span is shorter than about six weeks."""
    base = _n(frame.lower)
    parts = [
        f'<line x1="{_n(frame.left)}" y1="{base}" x2="{_n(frame.right)}" y2="{base}"'
        ' class="axis"/>',
        _text(frame.left - 6, frame.lower + 4, "0", anchor="end", css="tick"),
    ]
    if (frame.last - frame.first).days < 45:
        label_y = frame.lower + 18
        parts.append(_text(frame.left, label_y, frame.first.isoformat(), css="tick"))
        parts.append(_text(frame.right, label_y, frame.last.isoformat(), anchor="end", css="tick"))
        return parts
    months = list(_month_starts(frame.first, frame.last))
    step = max(1, math.ceil(len(months) / 14))
    for i, day in enumerate(months):
        x = _n(frame.x(day))
        parts.append(
            f'<line x1="{x}" y1="{base}" x2="{x}" y2="{_n(frame.lower + 4)}" class="axis"/>'
        )
        if i % step == 0 and frame.x(day) < frame.right - 10:
            name = f"{day.month}月" if lang == "zh" else _MONTHS_EN[day.month - 1]
            if day.month == 1 and i > 0:
                name = f"{day.year}"
            label_x = min(frame.x(day) + 3, frame.right - 2)
            parts.append(_text(label_x, frame.lower + 16, name, css="tick"))
    return parts


def _month_starts(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first.replace(day=1)
    while day <= last:
        if day >= first:
            yield day
        day = (day + 32 * _DAY).replace(day=1)


def _goal_line(frame: _Frame, goal: Decimal, lang: str) -> str:
    y = frame.y(goal)
    label = f"{t(lang, 'chart_goal')} {short(goal, lang, up=True)}"
    return (
        f'<line x1="{_n(frame.left)}" y1="{_n(y)}" x2="{_n(frame.right)}" y2="{_n(y)}"'
        f' class="goal" stroke="{GOAL}"/>'
        + _text(frame.left - 6, y + 4, short(goal, lang, up=True), anchor="end", css="tick")
        + _text(frame.left + 4, y - 5, label, css="label")
    )


def _end_marker(frame: _Frame, end: dt.date, lang: str) -> str:
    x = frame.x(end)
    return (
        f'<line x1="{_n(x)}" y1="{_n(frame.upper)}" x2="{_n(x)}" y2="{_n(frame.lower)}"'
        ' class="end"/>'
        + _text(x - 4, frame.lower - 6, f"{t(lang, 'due')} {end.isoformat()}", anchor="end",
                css="tick")
    )  # fmt: skip


def _polyline(frame: _Frame, series: Series, colour: str, css: str) -> str:
    points = " ".join(f"{_n(frame.x(d))},{_n(frame.y(v))}" for d, v in series)
    return f'<polyline points="{points}" class="{css}" stroke="{colour}"/>'


def _actual_line(frame: _Frame, series: Series) -> list[str]:
    """The burn-up as steps: flat between days with entries, rising on the day of an entry."""
    (d0, v0), rest = series[0], series[1:]
    path = f"M{_n(frame.x(d0))},{_n(frame.y(v0))}"
    for day, value in rest:
        path += f"H{_n(frame.x(day))}V{_n(frame.y(value))}"
    end_x, end_y = frame.x(series[-1][0]), frame.y(series[-1][1])
    area = f"{path}V{_n(frame.lower)}H{_n(frame.x(d0))}Z"
    return [
        f'<path d="{area}" class="actual-area" fill="{ACTUAL}"/>',
        f'<path d="{path}" class="actual" stroke="{ACTUAL}"/>',
        f'<circle cx="{_n(end_x)}" cy="{_n(end_y)}" r="3.5" fill="{ACTUAL}"/>',
    ]


def _forecast_line(
    frame: _Frame, start: tuple[dt.date, Decimal], end: tuple[dt.date, Decimal]
) -> str:
    (d0, v0), (d1, v1) = start, end
    return (
        f'<line x1="{_n(frame.x(d0))}" y1="{_n(frame.y(v0))}" x2="{_n(frame.x(d1))}"'
        f' y2="{_n(frame.y(v1))}" class="forecast" stroke="{ACTUAL}"/>'
    )


def _as_of_marker(frame: _Frame, as_of: dt.date, lang: str) -> list[str]:
    x = frame.x(as_of)
    label_x, anchor = _anchor_near(x, frame)
    return [
        f'<line x1="{_n(x)}" y1="{_n(frame.upper - 10)}" x2="{_n(x)}" y2="{_n(frame.lower)}"'
        f' class="as-of" stroke="{AS_OF}"/>',
        _text(label_x, frame.upper - 12, t(lang, "as_of", date=as_of.isoformat()),
              anchor=anchor, css="as-of-label"),
    ]  # fmt: skip


# --- recurring targets: one box per period ------------------------------------------------


def period_state(period: PeriodProgress, first: dt.date, as_of: dt.date) -> str:
    """``met``, ``missed`` (over and not met), ``open`` (under way) or ``future``."""
    if period.met:
        return "met"
    if period.complete:
        return "missed"
    return "open" if first <= as_of else "future"


def period_boxes(p: TargetProgress, as_of: dt.date, lang: str) -> str:
    """A box per calendar period: filled when met, crossed when missed, dashed while open."""
    target = p.target
    spans = calendar_periods(target)
    cols = max(1, min(len(p.periods), 13 if target.every == "week" else 12))
    rows = max(1, math.ceil(len(p.periods) / cols))
    cell = min(72.0, (WIDTH - 16) / cols)
    box = cell - 8
    height = rows * (box + 24) + 8
    shown = format_done_of_goal(p.actual, p.goal, lang)
    title = t(
        lang,
        "chart_periods",
        name=target.name(lang),
        date=as_of.isoformat(),
        met=shown[0],
        total=shown[1],
    )
    states = [
        period_state(pp, first, as_of) for pp, (_, first, _) in zip(p.periods, spans, strict=True)
    ]
    title += " " + t(lang, "items_sep").join(
        f"{_period_name(pp.label, lang)} {t(lang, 'period_' + s)}"
        for pp, s in zip(p.periods, states, strict=True)
    )
    parts = [_open(f"chart-{target.id}", title, height, "periods")]
    for i, (period, state) in enumerate(zip(p.periods, states, strict=True)):
        x = 8 + (i % cols) * cell
        y = 8 + (i // cols) * (box + 24)
        parts.append(_period_box(x, y, box, period, state, lang))
    parts.append("</svg>")
    return "".join(parts)


def _period_box(
    x: float, y: float, size: float, period: PeriodProgress, state: str, lang: str
) -> str:
    colour = {"met": MET, "missed": MISSED}.get(state, OPEN)
    rect = (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(size)}" height="{_n(size)}" rx="4"'
        f' class="period {state}" stroke="{colour}"'
        + (f' fill="{colour}"/>' if state == "met" else ' fill="#ffffff"/>')
    )
    parts = [rect]
    if state == "missed":  # a cross, so a missed period is told apart without colour
        a, b = _n(x + 6), _n(x + size - 6)
        top, bottom = _n(y + 6), _n(y + size - 6)
        parts.append(
            f'<path d="M{a},{top}L{b},{bottom}M{b},{top}L{a},{bottom}" class="cross"'
            f' stroke="{MISSED}"/>'
        )
    amount_css = "in-box met" if state == "met" else "in-box"
    if state != "future":
        parts.append(
            _text(x + size / 2, y + size / 2 + 5, short(period.amount, lang), anchor="middle",
                  css=amount_css)
        )  # fmt: skip
    parts.append(
        _text(x + size / 2, y + size + 15, _period_name(period.label, lang), anchor="middle",
              css="tick")
    )  # fmt: skip
    return "".join(parts)


def _period_name(label: str, lang: str) -> str:
    """``2024-08`` -> ``8月``/``Aug``; ``2024-W32`` -> ``W32``; ``2024-Q3`` -> ``Q3``."""
    year, _, part = label.partition("-")
    if part.startswith(("W", "Q")):
        return part
    month = int(part)
    return f"{month}月" if lang == "zh" else f"{_MONTHS_EN[month - 1]} {year}"


# --- milestones: a timeline ---------------------------------------------------------------


def milestone_timeline(p: TargetProgress, as_of: dt.date, lang: str) -> str:
    """The window in which the milestone may happen, its due date, the day it was done (if it
    was) and the as-of date, on one line."""
    target = p.target
    due = target.due or target.end
    opens = target.window_start or target.start
    done = p.last_entry if p.status == "done" else None
    days = [opens, due, as_of] + ([done] if done else [])
    pad = max(3, (max(days) - min(days)).days // 8) * _DAY
    frame = _Frame(min(days) - pad, max(days) + pad, 1.0, upper=26.0, lower=62.0)
    state = t(lang, "done_on", date=done.isoformat()) if done else t(lang, "not_done")
    title = t(
        lang,
        "chart_milestone",
        name=target.name(lang),
        opens=opens.isoformat(),
        due=due.isoformat(),
        state=state,
        date=as_of.isoformat(),
    )
    mid = 50.0
    x0, x1 = frame.x(opens), frame.x(due)
    # Close together, the two dates lean away from each other so that they do not overlap.
    apart = x1 - x0 >= 150
    parts = [
        _open(f"chart-{target.id}", title, 104, "milestone"),
        f'<line x1="{_n(frame.left)}" y1="{_n(mid)}" x2="{_n(frame.right)}" y2="{_n(mid)}"'
        ' class="axis"/>',
        f'<rect x="{_n(x0)}" y="{_n(mid - 10)}" width="{_n(max(x1 - x0, 2))}" height="20"'
        ' class="window"/>',
        _text(x0, mid - 16, t(lang, "window"), css="label"),
        _text(x0, mid + 26, opens.isoformat(), anchor="middle" if apart else "end", css="tick"),
        _diamond(x1, mid),
        _text(x1, mid + 26, f"{t(lang, 'due')} {due.isoformat()}",
              anchor="middle" if apart else "start", css="tick"),
    ]  # fmt: skip
    if done:
        x = frame.x(done)
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(mid)}" r="7" class="done-mark" fill="{MET}"/>')
        parts.append(_text(x, mid + 44, state, anchor="middle", css="label done-label"))
    parts += _as_of_marker(frame, as_of, lang)
    parts.append("</svg>")
    return "".join(parts)


def _diamond(x: float, y: float) -> str:
    r = 8.0
    return (
        f'<path d="M{_n(x)},{_n(y - r)}L{_n(x + r)},{_n(y)}L{_n(x)},{_n(y + r)}'
        f'L{_n(x - r)},{_n(y)}Z" fill="{GOAL}" class="due-mark"/>'
    )
