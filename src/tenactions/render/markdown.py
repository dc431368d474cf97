"""The report in Markdown, for pasting into mail or a group chat."""

from __future__ import annotations

from tenactions.messages import t
from tenactions.progress import RECENT_DAYS, Report
from tenactions.render.common import (
    counts_line,
    district_names,
    goal_text,
    pace_line,
    percent,
    period_note,
    short,
    status_text,
    title,
)
from tenactions.render.data import Options


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes and line breaks would split the row."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def render(report: Report, lang: str, options: Options | None = None) -> str:
    lines = [f"## {cell(title(report, lang))}", ""]
    note = period_note(report, lang)
    if note:
        lines += [f"**{note}**", ""]
    lines += [pace_line(report, lang), ""]
    lines.append(counts_line(report.status_counts, lang))
    headers = [
        t(lang, k) for k in ("target", "actual", "percent", "expected", "status", "needed_week")
    ]
    for rollup in report.actions:
        lines += [
            "",
            f"### {t(lang, 'action')} {rollup.action.number} {cell(rollup.action.name(lang))}",
            "",
        ]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|---|---:|---:|---:|---|---:|")
        for p in rollup.targets:
            row = [
                cell(p.target.name(lang)),
                goal_text(p, lang),
                percent(p.percent),
                short(p.expected, lang, up=True),
                f"**{status_text(p, lang)}**"
                if p.status in ("behind", "overdue")
                else status_text(p, lang),
                short(p.needed_per_week, lang, up=True),
            ]
            lines.append("| " + " | ".join(row) + " |")
        for p in rollup.targets:
            if p.by_district:
                split = t(lang, "figures_sep").join(
                    f"{cell(report.programme.district_name(d, lang) or '-')} {short(v, lang)}"
                    for d, v in p.by_district.items()
                    if v
                )
                lines.append(f"- {cell(p.target.name(lang))}{_colon(lang)}{split}")
    if report.silent_districts:
        label = t(lang, "silent_districts", days=RECENT_DAYS)
        names = district_names(report, report.silent_districts, lang)
        lines += ["", f"{label}{_colon(lang)}{t(lang, 'list_sep').join(names)}"]
    return "\n".join(lines) + "\n"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "
