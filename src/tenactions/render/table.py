"""The report as a Rich table, and what every terminal table shares: fitting a width.

A table is laid out for the width it is given (the terminal's, see
:func:`tenactions.cli.output.output_width`). When its columns do not fit, the less important
ones are left out, in a stated order, before the name column gets too narrow to read; names
then wrap at word boundaries (Chinese between characters). Off a terminal no line carries
trailing padding.
"""

from __future__ import annotations

import io
import os
from collections.abc import Collection, Iterable, Mapping, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from tenactions.messages import status_label, t
from tenactions.progress import RECENT_DAYS, Report, TargetProgress
from tenactions.render.common import (
    bar,
    counts_line,
    district_names,
    goal_text,
    pace_line,
    percent,
    period_note,
    short,
    status_text,
    title,
    unit_text,
    wrap,
    wrap_text,
)
from tenactions.render.data import Options

STYLE = {
    "done": "bold green",
    "on_track": "green",
    "at_risk": "yellow",
    "behind": "bold red",
    "upcoming": "dim",
    "overdue": "bold magenta",
}

#: The narrowest a name column may get before less important columns are left out: twelve
#: Chinese characters or 24 letters, so a name wraps onto a few lines, never one per character.
MIN_NAME = 24
#: The report's columns that may be left out, least important first. The bar goes first (the
#: percent beside it stays), then what is needed per week, then the expected amount.
REPORT_DROPS = ("bar", "needed_week", "expected")


def fit_columns(
    widths: Mapping[str, int],
    *,
    flexible: str,
    drops: Sequence[str],
    width: int,
    overhead: int,
    min_flexible: int = MIN_NAME,
    joined: Collection[str] = (),
) -> list[str]:
    """The columns to show, in order, for a table ``width`` cells wide.

    ``widths`` holds each column's natural width (its widest cell or header, in terminal
    cells: a Chinese character counts two); ``overhead`` is what borders and padding take per
    column. Columns in ``drops`` are left out in that order while the ``flexible`` column
    (the one that wraps) would be narrower than ``min_flexible`` or its natural width. A
    ``joined`` key is printed inside its neighbour's cell, so it takes no overhead.
    """
    shown = list(widths)
    want = min(min_flexible, widths[flexible])

    def room() -> int:
        fixed = sum(widths[k] for k in shown if k != flexible)
        return width - fixed - overhead * len([k for k in shown if k not in joined])

    for key in drops:
        if room() >= want:
            break
        if key in shown:
            shown.remove(key)
    return shown


#: Below this many cells for the name, even after the optional columns are left out, a table
#: gives way to one block per target (name on its own lines, then its figures).
MIN_STACKED = 12


def name_cell(name: str, room: int, lang: str) -> Text:
    """A name broken into lines of at most ``room`` cells: Chinese between characters, never
    before closing punctuation nor after opening; English at spaces and after hyphens (Rich
    would cut anywhere, ``Consumption-as``/``sistance``)."""
    if room < 2:
        return Text(name)
    return Text("\n".join(wrap_text(name, room)))


def stacked(name: str, facts: Sequence[str], width: int, style: str = "") -> list[Text]:
    """One target as a block, for a screen too narrow for a table: the name wrapped to the
    width, then its figures joined by `` · `` on indented lines."""
    lines = [Text(line, style="bold") for line in wrap_text(name, width)]
    shown = [f for f in facts if f]
    if shown:
        lines += [Text("  " + line, style=style) for line in wrap("", shown, width - 2, sep=" · ")]
    return lines


def to_text(parts: Iterable[RenderableType], *, width: int, color: bool = False) -> str:
    """Renderables as text ``width`` cells wide; with ``color`` it carries ANSI styles (for a
    terminal), without it no line ends in padding (for pipes, files and cron mail)."""
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
    for part in parts:
        console.print(part)
    text = buffer.getvalue()
    if color:
        return text
    return "\n".join(line.rstrip() for line in text.split("\n"))


def render(report: Report, lang: str, options: Options | None = None) -> str:
    """The table as text ``options.width`` cells wide; with ``options.color``, ANSI styles."""
    options = options or Options()
    width, color = options.width, options.color
    parts: list[RenderableType] = [
        Text(line, style="bold") for line in wrap_text(title(report, lang), width)
    ]
    note = period_note(report, lang)
    if note:
        parts += [Text(line, style="bold") for line in wrap_text(note, width)]
    pace, counts = pace_line(report, lang), counts_line(report.status_counts, lang)
    if cell_len(pace) + 4 + cell_len(counts) <= width:
        parts.append(Text(f"{pace}    {counts}"))
    else:
        parts += [Text(line) for line in wrap_text(pace, width) + wrap_text(counts, width)]
    tables = [(rollup, [_row(p, lang) for p in rollup.targets]) for rollup in report.actions]
    every_row = [row for _, rows in tables for row in rows]
    headers = {key: "" if key == "bar" else t(lang, key) for key in ROW_KEYS}
    widths = {
        key: max(cell_len(headers[key]), *(row[key].cell_len for row in every_row))
        for key in ROW_KEYS
    }
    widths["bar"] += 1  # "████░░░░ 50.0%": the bar shares the percent's cell
    # One choice of columns for the whole report, so that every action's table lines up.
    shown = fit_columns(
        widths, flexible="target", drops=REPORT_DROPS, width=width, overhead=3, joined=("bar",)
    )
    columns = [k for k in shown if k != "bar"]
    # The name column also gets what the table saves at its edges (no outer padding).
    room = width - sum(widths[k] for k in shown if k != "target") - 3 * len(columns) + 1
    for rollup, rows in tables:
        # The heading wraps between words, and never inside "at risk 1".
        # The bracket goes with the first count, so no line ends in an opening one.
        labels = [f"{status_label(lang, s)} {n}" for s, n in rollup.counts.items() if n]
        head = f"{t(lang, 'action')} {rollup.action.number}  {rollup.action.name(lang)}   "
        labels[:1] = [t(lang, "counts_open") + labels[0]] if labels else []
        labels[-1:] = [labels[-1] + t(lang, "counts_close")] if labels else []
        parts += [Text(line, style="bold") for line in wrap(head, labels, width, sep=" · ")]
        if room < MIN_STACKED:
            for row in rows:
                if "bar" in shown:
                    row["percent"] = row["bar"] + " " + row["percent"]
                facts = [row[key].plain for key in columns if key != "target"]
                parts += stacked(row["target"].plain, facts, width)
        else:
            parts.append(_table(rows, columns, headers, widths, shown, room, lang))
        for p in rollup.targets:
            if p.by_district:
                split = [
                    f"{report.programme.district_name(d, lang) or '-'} {short(v, lang)}"
                    for d, v in p.by_district.items()
                    if v
                ]
                colon = "：" if lang == "zh" else ": "
                for line in wrap(f"{p.target.name(lang)}{colon}", split, width - 2, indent=2):
                    parts.append(Text("  " + line, style="dim"))
    if report.silent_districts:
        label = t(lang, "silent_districts", days=RECENT_DAYS)
        names = district_names(report, report.silent_districts, lang)
        colon = "：" if lang == "zh" else ": "
        for line in wrap(f"{label}{colon}", names, width, sep=t(lang, "list_sep")):
            parts.append(Text(line))
    return to_text(parts, width=width, color=color)


def _table(
    rows: list[dict[str, Text]],
    columns: list[str],
    headers: Mapping[str, str],
    widths: Mapping[str, int],
    shown: list[str],
    room: int,
    lang: str,
) -> Table:
    """One action's targets as a table, its columns as wide as every action's."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    for key in columns:
        if key == "target":
            table.add_column(headers[key], ratio=1, overflow="fold")
        else:
            right = key in ("actual", "expected", "needed_week")
            # Every action's table has the same column widths, so they line up.
            table.add_column(
                headers[key],
                justify="right" if right else "left",
                no_wrap=True,
                min_width=widths[key]
                + (widths["bar"] if key == "percent" and "bar" in shown else 0),
            )
    for row in rows:
        if "bar" in shown:
            row["percent"] = row["bar"] + " " + row["percent"]
        row["target"] = name_cell(row["target"].plain, room, lang)
        table.add_row(*(row[key] for key in columns))
    return table


ROW_KEYS = ("target", "actual", "bar", "percent", "expected", "status", "needed_week")


def _row(p: TargetProgress, lang: str) -> dict[str, Text]:
    """One target's cells, by column key. Text, not markup: a name is never interpreted.
    Chinese units are one or two characters and sit with the numbers; English ones go after
    the name, dimmed, to keep the number columns narrow."""
    name = Text(p.target.name(lang))
    if lang != "zh" and p.target.kind != "recurring":  # a recurring one names its periods
        name += Text(f" ({unit_text(p, lang)})", style="dim")
    return {
        "target": name,
        "actual": Text(goal_text(p, lang, with_unit=lang == "zh")),
        "bar": Text(bar(p)),
        "percent": Text(percent(p.percent)),
        "expected": Text(short(p.expected, lang, up=True)),
        "status": Text(status_text(p, lang), style=STYLE[p.status]),
        "needed_week": Text(short(p.needed_per_week, lang, up=True)),
    }
