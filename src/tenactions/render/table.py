"""The report as a Rich table: grouped by action, bars and status words, fits 100 columns."""

from __future__ import annotations

import io
import os

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tenactions.messages import t
from tenactions.progress import Report
from tenactions.render.common import (
    bar,
    counts_line,
    goal_text,
    pace_line,
    percent,
    period_note,
    short,
    status_text,
    title,
    unit_text,
)

STYLE = {
    "done": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "behind": "bold red",
    "upcoming": "dim",
    "overdue": "bold magenta",
}


def render(report: Report, lang: str, *, color: bool = False, width: int = 100) -> str:
    """The table as text; with ``color`` it carries ANSI styles (for a terminal)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color or "NO_COLOR" in os.environ,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(Text(title(report, lang), style="bold"))
    note = period_note(report, lang)
    if note:
        console.print(Text(note, style="bold"))
    console.print(Text(pace_line(report, lang) + "    " + counts_line(report.status_counts, lang)))
    for rollup in report.actions:
        table = Table(
            title=f"{t(lang, 'action')} {rollup.action.number}  {escape(rollup.action.name(lang))}"
            f"   ({counts_line(rollup.counts, lang)})",
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            expand=True,
        )
        table.add_column(t(lang, "target"), ratio=1, overflow="fold")
        table.add_column(t(lang, "actual"), justify="right", no_wrap=True)
        table.add_column(t(lang, "percent"), no_wrap=True)
        table.add_column(t(lang, "expected"), justify="right", no_wrap=True)
        table.add_column(t(lang, "status"), no_wrap=True)
        table.add_column(t(lang, "needed_week"), justify="right", no_wrap=True)
        for p in rollup.targets:
            # Text, not markup: a name is never interpreted. Chinese units are one or two
            # characters and sit with the numbers; English ones go after the name, dimmed,
            # to keep the number columns narrow.
            name = Text(p.target.name(lang))
            if lang != "zh":
                name += Text(f" ({unit_text(p, lang)})", style="dim")
            status = Text(status_text(p, lang), style=STYLE[p.status])
            table.add_row(
                name,
                goal_text(p, lang, with_unit=lang == "zh"),
                f"{bar(p)} {percent(p.percent)}",
                short(p.expected, lang),
                status,
                short(p.needed_per_week, lang),
            )
        console.print(table)
        for p in rollup.targets:
            if p.by_district:
                split = "  ".join(
                    f"{d or '-'} {short(v, lang)}" for d, v in p.by_district.items() if v
                )
                console.print(Padding(Text(f"{p.target.id}: {split}", style="dim"), (0, 0, 0, 2)))
    if report.silent_districts:
        label = "近28天无记录的区" if lang == "zh" else "Districts with no entry in 28 days"
        console.print(Text(f"{label}: {'、'.join(report.silent_districts)}"))
    return buffer.getvalue()
