"""The report as one self-contained HTML page, to project in a meeting or print on A4.

The page needs nothing from anywhere: no script (there is none at all), no web font, no image
file, no stylesheet link; the charts are inline SVG (:mod:`tenactions.render.svg`) and a
Content-Security-Policy forbids the browser to fetch or run anything even so. Every piece of
text that comes from the programme or the ledger is escaped. A status is shown as a coloured
label that carries its word, so the page reads the same in black and white. The same report
always gives the same bytes (no timestamps).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from html import escape

from tenactions.amounts import format_amount, with_unit
from tenactions.messages import status_label, t
from tenactions.progress import (
    RECENT_DAYS,
    STATUSES,
    ActionRollup,
    Report,
    Status,
    TargetProgress,
    calendar_periods,
)
from tenactions.render import svg
from tenactions.render.common import (
    done_of_goal,
    period_note,
    periods_text,
    share,
    status_text,
    unit_text,
)
from tenactions.render.data import Options

#: Status colours: dark enough for white text, and told apart by their words as well.
STATUS_COLOURS: dict[Status, str] = {
    "done": "#0f766e",
    "on_track": "#15803d",
    "at_risk": "#b45309",
    "behind": "#b91c1c",
    "upcoming": "#6b7280",
    "overdue": "#7f1d1d",
}

_FONTS = (
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",'
    ' "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif'
)
# The page may only use its own inline styles; nothing is fetched and nothing runs.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_DASH = "—"

_CSS = (
    """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { color-scheme: light; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 40px; color: #111827;
  background: #ffffff; font-family: FONTS; font-size: 16px; line-height: 1.5; }
h1 { font-size: 28px; line-height: 1.25; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 28px 0 6px; padding-bottom: 4px; border-bottom: 2px solid #111827; }
h3 { font-size: 17px; margin: 0; }
.subtitle { color: #374151; margin: 0 0 18px; font-size: 18px; }
.muted { color: #6b7280; }
.overview { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; }
.overview h2 { margin-top: 8px; font-size: 18px; border-bottom-width: 1px; }
.meter-row { display: grid; grid-template-columns: 6.5em 1fr 4.5em; align-items: center;
  gap: 10px; margin: 6px 0; }
.meter { height: 16px; background: #e5e7eb; border-radius: 8px; overflow: hidden; }
.meter i, .bar i { display: block; height: 100%; }
.meter-row b { text-align: right; font-size: 20px; font-variant-numeric: tabular-nums; }
.time i { background: #6b7280; }
.work i { background: #1d4ed8; }
.verdict { margin: 8px 0 0; font-weight: 600; }
.counts { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap;
  gap: 8px; }
.counts li { display: flex; align-items: center; gap: 6px; }
.counts li.zero { opacity: .45; }
.status { display: inline-block; padding: 1px 10px; border-radius: 999px; color: #ffffff;
  background: var(--c); font-weight: 600; white-space: nowrap; font-size: 15px; }
.count { font-weight: 700; font-size: 20px; font-variant-numeric: tabular-nums; }
.silent { margin: 14px 0 0; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 20px; margin: 18px 0 0; font-size: 14px;
  color: #374151; }
.legend span::before { content: ""; display: inline-block; width: 26px; margin-right: 6px;
  vertical-align: middle; border-top: 3px solid #1d4ed8; }
.legend .l-expected::before { border-top: 2px dashed #6b7280; }
.legend .l-goal::before { border-top: 2px solid #111827; }
.legend .l-forecast::before { border-top: 3px dotted #1d4ed8; }
.legend .l-as-of::before { width: 0; height: 16px; border-top: 0; border-left: 2px solid #c2410c; }
.rollup { margin: 6px 0 8px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.rollup .status { font-size: 13px; }
.target { border: 1px solid #d1d5db; border-left: 8px solid var(--c); border-radius: 6px;
  padding: 10px 16px 12px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
.target header { display: flex; justify-content: space-between; align-items: flex-start;
  gap: 12px; }
.tid { color: #6b7280; font-weight: 400; font-size: 13px; margin-left: 6px; white-space: nowrap; }
.card-body { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 7fr); gap: 20px;
  align-items: center; margin-top: 6px; }
.facts dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 14px; margin: 0; }
.facts dt { color: #4b5563; }
.facts dd { margin: 0; font-variant-numeric: tabular-nums; }
.headline { font-size: 22px; font-weight: 700; margin: 0 0 4px; }
.headline .pct { color: var(--c); margin-left: 8px; white-space: nowrap; }
.periods-line, .notes { font-size: 13px; color: #4b5563; margin: 6px 0 0; }
.districts { margin-top: 8px; font-size: 13px; }
.districts h4 { margin: 0 0 2px; font-size: 13px; color: #374151; }
.districts ul { list-style: none; padding: 0; margin: 0; display: grid;
  grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 1px 18px; }
.districts li { display: grid; grid-template-columns: 6em 1fr 5.5em; gap: 6px;
  align-items: center; }
.districts .dv { text-align: right; font-variant-numeric: tabular-nums; }
.bar { height: 8px; background: #e5e7eb; border-radius: 4px; overflow: hidden; }
.bar i { background: #1d4ed8; }
footer { margin-top: 28px; font-size: 13px; color: #6b7280; border-top: 1px solid #d1d5db;
  padding-top: 8px; }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart text { font-size: 12px; fill: #374151; }
svg.chart .tick { font-size: 11px; fill: #6b7280; }
svg.chart .label { font-size: 12px; fill: #111827; }
svg.chart .axis { stroke: #9ca3af; stroke-width: 1; }
svg.chart .goal { stroke-width: 1.5; }
svg.chart .expected { fill: none; stroke-width: 2; stroke-dasharray: 6 4; }
svg.chart .actual { fill: none; stroke-width: 3; stroke-linejoin: round; }
svg.chart .actual-area { stroke: none; opacity: .10; }
svg.chart .forecast { stroke-width: 2.5; stroke-dasharray: 0.5 5; stroke-linecap: round; }
svg.chart .as-of { stroke-width: 2; }
svg.chart .as-of-label { fill: #c2410c; font-weight: 600; }
svg.chart .end { stroke: #9ca3af; stroke-dasharray: 2 3; }
svg.chart .window { fill: #dbeafe; stroke: #1d4ed8; stroke-width: 1; }
svg.chart .period { stroke-width: 2.5; }
svg.chart .period.open { stroke-dasharray: 5 3; }
svg.chart .period.future { stroke-dasharray: 1 4; stroke-width: 1.5; }
svg.chart .cross { stroke-width: 2; opacity: .5; }
svg.chart .in-box { font-size: 15px; font-weight: 700; fill: #111827; }
svg.chart .in-box.met { fill: #ffffff; }
svg.chart .done-label { fill: #15803d; font-weight: 600; }
.d { white-space: nowrap; }
.at-a-glance h2 { margin-top: 8px; }
table.glance { width: 100%; border-collapse: collapse; font-size: 15px; }
.glance th { text-align: left; font-weight: 600; color: #374151; border-bottom: 2px solid #111827;
  padding: 3px 8px; white-space: nowrap; }
.glance td { padding: 3px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: middle; }
.glance tr.first td { border-top: 1px solid #9ca3af; }
.glance .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.glance .an { font-weight: 700; text-align: center; width: 2.5em; }
.glance .status { font-size: 13px; }
.keep { break-inside: avoid; page-break-inside: avoid; }
@media screen and (max-width: 760px) {
  .overview, .card-body { grid-template-columns: 1fr; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; break-after: avoid; page-break-after: avoid; }
  /* Page 1 is the overview: the table of every target, whole, then the pace and counts;
     the actions and their cards start on page 2. */
  .at-a-glance, .pace { break-inside: avoid; page-break-inside: avoid; }
  table.glance { font-size: 9pt; }
  .glance th, .glance td { padding: 1.2pt 5pt; }
  .glance .status { font-size: 8pt; padding: 0 6px; }
  .glance .tid { font-size: 7.5pt; }
  .overview h2 { font-size: 11pt; margin-top: 6pt; }
  .overview .meter-row { margin: 2pt 0; }
  .legend { break-before: page; page-break-before: always; margin-top: 0; }
  .rollup { break-after: avoid; page-break-after: avoid; }
  .target { margin: 6px 0; padding: 6px 10px; }
  .headline { font-size: 14pt; }
  /* On paper the chart is about 60% of its screen size: give it more room, larger text. */
  .card-body { grid-template-columns: minmax(0, 4fr) minmax(0, 8fr); gap: 12px; }
  svg.chart text, svg.chart .label { font-size: 15px; }
  svg.chart .tick { font-size: 14px; }
  svg.chart .in-box { font-size: 17px; }
}
""".replace("FONTS", _FONTS)
    + "".join(f".s-{s} {{ --c: {c}; }}\n" for s, c in STATUS_COLOURS.items())
)


def render(report: Report, lang: str, options: Options | None = None) -> str:
    """The whole page, as text (UTF-8 when written out, as its ``<meta charset>`` says)."""
    programme = report.programme
    title = f"{programme.name(lang)} · {t(lang, 'report_title')} · {report.as_of.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(programme.name(lang))}</h1>",
        f'<p class="subtitle">{_e(t(lang, "report_title"))} · '
        f"{_e(t(lang, 'as_of', date=report.as_of.isoformat()))}</p>",
        _period_note(report, lang),
        "</header>",
        _overview_table(report, lang),
        '<div class="overview">',
        _pace(report, lang),
        _status_counts(report, lang),
        "</div>",
        _silent_districts(report, lang),
        _legend(lang),
    ]
    parts += [_action(rollup, report, lang) for rollup in report.actions]
    if programme.source:
        source = _labelled(t(lang, "source"), programme.source, lang)
        parts.append(f"<footer>{_e(source)}</footer>")
    parts += ["</body>", "</html>", ""]
    return _keep_dates("\n".join(p for p in parts if p))


# Text between tags, apart from the charts, the <title> and the stylesheet.
_MARKUP = re.compile(r"(<svg\b.*?</svg>|<title>.*?</title>|<style>.*?</style>|<[^>]*>)", re.S)
# Every form tenactions.dates reads, as it may appear in a name or a note: 2024-08-31,
# 2024/8/31, 2024.8.31, 2024年8月31日 (or 号, with a time after it), 2024年8月, 2024-08 and
# 8月31日. (8/31 is left out: a browser does not break between a slash and a digit, and a
# fraction such as 2/5 periods looks the same.)
_DATE = re.compile(
    r"(?<![\d/.-])(?:"
    r"\d{4} ?(?:[-/.]|年) ?\d{1,2} ?(?:[-/.]|月) ?\d{1,2}(?: ?[日号])?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4} ?年 ?\d{1,2} ?月"
    r"|\d{4}-\d{2}"
    r"|\d{1,2} ?月 ?\d{1,2} ?[日号]?"
    r")(?![\d/-])"
)


def _keep_dates(page: str) -> str:
    """Every date shown as text is kept on one line (a browser would break 2024-08-31 after a
    hyphen when a line is full). Charts, attributes and the page title are left alone."""
    pieces = _MARKUP.split(page)
    for i in range(0, len(pieces), 2):  # the even pieces are text, the odd ones markup
        pieces[i] = _DATE.sub(r'<span class="d">\g<0></span>', pieces[i])
    return "".join(pieces)


def _period_note(report: Report, lang: str) -> str:
    note = period_note(report, lang)
    return f'<p class="period-note"><strong>{_e(note)}</strong></p>' if note else ""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# --- the overview -------------------------------------------------------------------------


def _overview_table(report: Report, lang: str) -> str:
    """Every target in one table, what a meeting reads first: action, name, done of goal,
    percent, status, due; the target's id beside its name, as on its card. Kept on one page
    in print. (No links: the page has no href at all, see the module's promise.)"""
    rows = []
    for rollup in report.actions:
        for i, p in enumerate(rollup.targets):
            target = p.target
            action = str(rollup.action.number) if i == 0 else ""
            figures = _headline(p, lang)
            rows.append(
                f'<tr class="s-{p.status}{" first" if i == 0 else ""}">'
                f'<td class="an">{action}</td>'
                f"<td>{_e(_clipped(target.name(lang)))}"
                f'<span class="tid">{_e(target.id)}</span></td>'
                f'<td class="num">{_e(figures)}</td>'
                f'<td class="num">{p.percent:.1f}%</td>'
                f"<td>{_target_badge(p, lang)}</td>"
                f"<td>{_e(target.end.isoformat())}</td></tr>"
            )
    numeric = ("actual_of_goal", "percent")
    headers = "".join(
        ('<th class="num">' if key in numeric else "<th>") + f"{_e(t(lang, key))}</th>"
        for key in ("action", "target", *numeric, "status", "due")
    )
    return (
        '<section class="at-a-glance">'
        f"<h2>{_e(t(lang, 'overview_heading'))}</h2>"
        f'<table class="glance"><thead><tr>{headers}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


#: A name in the overview table is cut to about this many columns (a Chinese character takes
#: two): the table must stay on page 1; the card below gives the name whole.
OVERVIEW_NAME_CELLS = 80


def _clipped(name: str, cells: int = OVERVIEW_NAME_CELLS) -> str:
    """``name``, or as much of it as fits ``cells`` columns followed by an ellipsis."""
    widths = [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in name]
    if sum(widths) <= cells:
        return name
    used = 0
    for i, width in enumerate(widths):
        used += width
        if used > cells - 1:  # one column left for the ellipsis
            return name[:i].rstrip() + "…"
    return name  # pragma: no cover - the sum exceeds cells


def _pace(report: Report, lang: str) -> str:
    """时间过半、任务过半: the share of the period gone beside the share of the work done."""
    points = (report.work_done - report.elapsed) * 100
    if points > 0:
        verdict = t(lang, "pace_ahead", points=f"{points:.1f}")
    elif points < 0:
        verdict = t(lang, "pace_behind", points=f"{-points:.1f}")
    else:
        verdict = t(lang, "pace_even")
    return (
        '<section class="pace">'
        f"<h2>{_e(t(lang, 'pace_heading'))}</h2>"
        + _meter("time", t(lang, "time_elapsed"), report.elapsed)
        + _meter("work", t(lang, "work_done"), report.work_done)
        + f'<p class="verdict">{_e(verdict)}</p>'
        "</section>"
    )


def _meter(css: str, label: str, value: Decimal) -> str:
    width = min(max(value, Decimal(0)), Decimal(1)) * 100
    return (
        f'<div class="meter-row {css}"><span>{_e(label)}</span>'
        f'<span class="meter"><i style="width:{width:.1f}%"></i></span>'
        f"<b>{_e(share(value))}</b></div>"
    )


def _status_counts(report: Report, lang: str) -> str:
    total = sum(report.status_counts.values())
    items = "".join(
        f'<li class="s-{s}{" zero" if not report.status_counts[s] else ""}">'
        f"{_badge(s, lang)}"
        f'<span class="count">{report.status_counts[s]}</span></li>'
        for s in STATUSES
    )
    return (
        '<section class="status-counts">'
        f"<h2>{_e(t(lang, 'status_heading', n=total))}</h2>"
        f'<ul class="counts">{items}</ul>'
        "</section>"
    )


def _target_badge(p: TargetProgress, lang: str) -> str:
    return f'<span class="status s-{p.status}">{_e(status_text(p, lang))}</span>'


def _badge(status: Status, lang: str) -> str:
    return f'<span class="status s-{status}">{_e(status_label(lang, status))}</span>'


def _silent_districts(report: Report, lang: str) -> str:
    """Districts with no entry lately; shown only when the report was made by district."""
    if not report.silent_districts and not any(p.by_district for p in report.targets):
        return ""
    names = _district_names(report, lang)
    shown = [names.get(d, d) for d in report.silent_districts] or [t(lang, "none")]
    label = t(lang, "silent_districts", days=RECENT_DAYS)
    return f'<p class="silent"><b>{_e(label + _colon(lang))}</b>{_e(_join(shown, lang))}</p>'


def _legend(lang: str) -> str:
    keys = (
        ("l-actual", "legend_actual"),
        ("l-expected", "legend_expected"),
        ("l-goal", "chart_goal"),
        ("l-forecast", "legend_forecast"),
        ("l-as-of", "legend_as_of"),
    )
    spans = "".join(f'<span class="{css}">{_e(t(lang, key))}</span>' for css, key in keys)
    return f'<div class="legend" aria-hidden="true">{spans}</div>'


# --- an action and its targets -----------------------------------------------------------


def _action(rollup: ActionRollup, report: Report, lang: str) -> str:
    action = rollup.action
    counts = "".join(f"<span>{_badge(s, lang)} {n}</span>" for s, n in rollup.counts.items() if n)
    heading = f"{t(lang, 'action')} {action.number} · {action.name(lang)}"
    # The heading, the roll-up and the first card are one block on paper: a heading never
    # ends a page without its card.
    first, *rest = [_target(p, report, lang) for p in rollup.targets]
    return (
        f'<section class="action" id="action-{action.number}">\n<div class="keep">'
        f"<h2>{_e(heading)}</h2>\n"
        f'<div class="rollup"><span>{_e(t(lang, "targets_count", n=len(rollup.targets)))}'
        f"</span>{counts}</div>\n{first}</div>\n" + "\n".join(rest) + "\n</section>"
    )


def _target(p: TargetProgress, report: Report, lang: str) -> str:
    target = p.target
    if target.kind == "recurring":
        chart = svg.period_boxes(p, report.as_of, lang)
    elif target.kind == "milestone":
        chart = svg.milestone_timeline(p, report.as_of, lang)
    else:
        chart = svg.burn_up(p, report.as_of, lang)
    extra = ""
    if target.kind == "recurring":
        extra += f'<p class="periods-line">{_e(_period_line(p, report.as_of, lang))}</p>'
    if p.by_district:
        extra += _districts(p, report, lang)
    if target.note(lang):
        extra += f'<p class="notes">{_e(_labelled(t(lang, "note"), target.note(lang), lang))}</p>'
    return (
        f'<article class="target s-{p.status}" id="target-{_e(target.id)}">'
        f"<header><h3>{_e(target.name(lang))}"
        f'<span class="tid">{_e(target.id)}</span></h3>{_target_badge(p, lang)}</header>'
        f'<div class="card-body">{_facts(p, lang)}<figure style="margin:0">{chart}</figure></div>'
        f"{extra}</article>"
    )


def _facts(p: TargetProgress, lang: str) -> str:
    """The numbers of a target: the headline (actual of goal, percent), then the details.

    Derived amounts are shown as :mod:`tenactions.progress` rounded them, like every format.
    """
    target = p.target
    # The headline is read from across a room: 7.8亿 / 10亿元.
    headline = _headline(p, lang)
    rows: list[tuple[str, str]] = [
        (t(lang, "expected"), _with_unit(p.expected, p, lang)),
        (t(lang, "remaining"), _with_unit(p.remaining, p, lang)),
        (t(lang, "forecast"), _with_unit(p.forecast, p, lang, up=False)),
    ]
    if target.kind == "cumulative":
        rows.append((t(lang, "needed_week"), _with_unit(p.needed_per_week, p, lang)))
    if target.kind == "milestone" and target.window_start:
        rows.append((t(lang, "window"), f"{target.window_start} – {target.due or target.end}"))
    else:
        rows.append((t(lang, "due"), target.end.isoformat()))
    rows.append((t(lang, "last_entry"), p.last_entry.isoformat() if p.last_entry else _DASH))
    return (
        '<div class="facts">'
        f'<p class="headline">{_e(headline)}<span class="pct">{p.percent:.1f}%</span></p>'
        "<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows) + "</dl></div>"
    )


def _headline(p: TargetProgress, lang: str) -> str:
    """``7.8亿 / 10亿元``; a recurring target in the wording of every format (2/5 个月)."""
    if p.target.kind == "recurring":
        return periods_text(p, lang)
    return f"{done_of_goal(p, lang, ' / ')}{_unit(p, lang, p.goal)}"


def _unit(p: TargetProgress, lang: str, count: Decimal) -> str:
    """The unit after ``count``: ``棵`` in Chinese, `` tree``/`` trees`` in English (spaced
    by :func:`~tenactions.amounts.with_unit`); periods when recurring."""
    return with_unit("", unit_text(p, lang, count), lang)


def _with_unit(value: Decimal | None, p: TargetProgress, lang: str, *, up: bool = True) -> str:
    """``1,200棵``, ``0.5场``, ``1.5万元``, ``1 tree``: by the one rule, rounded up unless told
    (a forecast is what may be done, so it rounds down like what was done)."""
    if value is None:
        return _DASH
    return f"{format_amount(value, lang, up=up)}{_unit(p, lang, value)}"


def _period_line(p: TargetProgress, as_of: dt.date, lang: str) -> str:
    """``每月目标：1场 · 达标 2 · 进行中 1 · 未开始 3``: the per-period goal and the boxes counted."""
    target = p.target
    counts: dict[str, int] = {}
    for period, (_, first, _) in zip(p.periods, calendar_periods(target), strict=True):
        state = svg.period_state(period, first, as_of)
        counts[state] = counts.get(state, 0) + 1
    goal = t(
        lang,
        "period_goal",
        every=t(lang, target.every or "month"),
        goal=format_amount(target.goal, lang, up=True),
        unit=target.unit(lang, target.goal),
    )
    shown = [f"{t(lang, 'period_' + s)} {counts[s]}" for s in svg.PERIOD_STATES if s in counts]
    return " · ".join([goal, *shown])


def _districts(p: TargetProgress, report: Report, lang: str) -> str:
    """The target's amounts per district, as a bar list (bars relative to the largest)."""
    names = _district_names(report, lang)
    largest = max(p.by_district.values())
    items = []
    for district, amount in p.by_district.items():
        name = names.get(district, district) if district else t(lang, "no_district")
        width = amount / largest * 100 if largest else Decimal(0)
        items.append(
            f'<li><span class="dn">{_e(name)}</span>'
            f'<span class="bar"><i style="width:{width:.1f}%"></i></span>'
            f'<span class="dv">{_e(format_amount(amount, lang))}</span></li>'
        )
    return (
        f'<div class="districts"><h4>{_e(t(lang, "by_district"))}</h4>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def _district_names(report: Report, lang: str) -> dict[str, str]:
    return {d.name_zh: d.name(lang) for d in report.programme.districts}


def _labelled(label: str, text: str, lang: str) -> str:
    return f"{label}{_colon(lang)}{text}"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _join(items: Iterable[str], lang: str) -> str:
    return t(lang, "list_sep").join(items)
