"""The weekly summary as plain text: UTF-8, no escape codes, the same for the same date.

Made for cron: nothing here depends on the locale or on a terminal; lines are wrapped to the
width the command asks for (the terminal's, COLUMNS, or 100 off a terminal).
"""

from __future__ import annotations

from tenactions.amounts import with_unit
from tenactions.messages import status_label, t
from tenactions.progress import Summary
from tenactions.render.common import (
    counts_line,
    district_names,
    goal_text,
    pace_line,
    percent,
    period_note,
    short,
    status_text,
    wrap_text,
)
from tenactions.render.data import Options

Section = tuple[str, list[str]]


def sections(summary: Summary, lang: str) -> tuple[str, list[Section]]:
    """The summary's title and its sections, each a heading and its lines."""
    zh = lang == "zh"
    report = summary.report
    name = report.programme.name(lang)
    window = f"{summary.window_start} – {summary.window_end}"
    heading = f"{name} 周报 {window}" if zh else f"{name}: week {window}"
    sep, comma = ("：", "，") if zh else (": ", ", ")
    overview = [pace_line(report, lang), counts_line(report.status_counts, lang)]
    note = period_note(report, lang)
    if note:
        overview.insert(0, note)
    out: list[Section] = [("", overview)]

    if not summary.in_period:
        # Entries dated in this window belong to another programme (or to none).
        programme = report.programme
        outside = t(
            lang,
            "summary_outside",
            date=summary.as_of.isoformat(),
            start=programme.start.isoformat(),
            end=programme.end.isoformat(),
        )
        out.append(("本周记录" if zh else "This week", [outside]))
    elif summary.entries_in_window == 0:
        out.append(
            ("本周记录" if zh else "This week", ["本周无记录。" if zh else "No entries this week."])
        )
    else:
        lines = []
        for d in summary.deltas:
            p = d.progress
            unit = p.target.unit(lang, d.delta)
            total = goal_text(p, lang)
            status = status_text(p, lang)
            if zh:
                lines.append(
                    f"{p.target.name(lang)}：+{with_unit(short(d.delta, lang), unit, lang)}"
                    f"（{d.entries} 条），"
                    f"累计 {total}（{percent(p.percent)}），{status}"
                )
            else:
                count = f"{d.entries} entr{'y' if d.entries == 1 else 'ies'}"
                lines.append(
                    f"{p.target.name(lang)}: +{with_unit(short(d.delta, lang), unit, lang)} "
                    f"({count}); "
                    f"total {total} ({percent(p.percent)}), {status}"
                )
        head = t(lang, "summary_week", n=summary.entries_in_window)
        out.append((head, lines))

    def section(key: str, lines: list[str]) -> None:
        if lines:
            out.append((t(lang, key), lines))

    section(
        "summary_changes",
        [
            f"{c.target.name(lang)}{sep}{status_label(lang, c.old)} → {status_label(lang, c.new)}"
            for c in summary.status_changes
        ],
    )
    section(
        "summary_due_soon",
        [
            f"{p.target.name(lang)}{sep}{t(lang, 'summary_due')} {p.target.end}{comma}"
            f"{status_label(lang, p.status)}"
            for p in summary.due_soon
        ],
    )
    section(
        "summary_stale",
        [
            f"{p.target.name(lang)}{sep}{t(lang, 'summary_last_entry')}"
            f" {p.last_entry or t(lang, 'summary_never')}"
            for p in summary.stale
        ],
    )
    if summary.silent_districts:
        names = district_names(summary.report, summary.silent_districts, lang)
        section("summary_silent", [t(lang, "list_sep").join(names)])
    return heading, out


def render(summary: Summary, lang: str, options: Options | None = None) -> str:
    """The summary in lines of at most ``options.width`` cells, wrapped at word boundaries
    (Chinese between characters) with a hanging indent, so that a mail reader never folds them."""
    width = (options or Options()).width
    heading, parts = sections(summary, lang)
    lines = [*wrap_text(heading, width), "=" * min(40, width)]
    for head, body in parts:
        if head:
            lines += ["", head + (":" if lang != "zh" else "：")]
            lines += ["  " + part for line in body for part in wrap_text(line, width - 2, indent=2)]
        else:
            lines += [part for line in body for part in wrap_text(line, width, indent=2)]
    return "\n".join(lines) + "\n"
