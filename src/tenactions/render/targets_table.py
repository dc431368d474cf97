"""``targets`` as tables: one per action, fitted to the width it is given."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from tenactions.amounts import format_amount, with_unit
from tenactions.messages import kind_label, t
from tenactions.render.common import wrap_text
from tenactions.render.data import Options, TargetList
from tenactions.render.table import MIN_NAME, MIN_STACKED, fit_columns, name_cell, stacked, to_text


def render(data: TargetList, lang: str, options: Options | None = None) -> str:
    """The targets, one table per action, fitted to the output's width (the kind column,
    then the due date, are left out before a name gets narrower than twelve characters)."""
    options = options or Options()
    programme, width = data.programme, options.width
    heading = f"{programme.name(lang)}  {programme.start} – {programme.end}"
    parts: list[RenderableType] = [Text(line, style="bold") for line in wrap_text(heading, width)]
    keys = ("id", "target", "goal", "kind", "due")
    tables = []
    for a in data.actions:
        rows = []
        for tg in a.targets:
            goal = with_unit(format_amount(tg.goal, lang, up=True), tg.unit(lang, tg.goal), lang)
            if tg.every:
                goal += " / " + t(lang, "per_period", every=t(lang, tg.every))
            window = str(tg.due) if tg.due else ""
            if tg.window_start:
                window = f"{tg.window_start} – {tg.due}"
            rows.append((tg.id, tg.name(lang), goal, kind_label(lang, tg.kind), window))
        tables.append((a, rows))
    # One choice of columns for every action, so the tables line up.
    every_row = [row for _, rows in tables for row in rows]
    widths = {
        key: max(cell_len(t(lang, key)), *(cell_len(row[i]) for row in every_row))
        for i, key in enumerate(keys)
    }
    # A window "2024-08-19 – 2024-08-25" may wrap after its dash: it needs one date's width.
    full_due = widths["due"]
    widths["due"] = max(cell_len(t(lang, "due")), min(full_due, len("2024-08-19 –")))
    # The default box has an edge on both sides: one cell more than three per column.
    shown = fit_columns(
        widths, flexible="target", drops=("kind", "due"), width=width - 1, overhead=3
    )
    due_width = widths["due"]
    if "due" in shown:
        room = width - 1 - 3 * len(shown) - sum(widths[k] for k in shown if k != "due")
        if room - full_due >= min(MIN_NAME, widths["target"]):
            due_width = full_due
    fixed = sum(due_width if k == "due" else widths[k] for k in shown if k != "target")
    name_room = width - 1 - 3 * len(shown) - fixed
    for a, rows in tables:
        title = t(lang, "action_title", number=a.number, name=a.name(lang))
        parts += [Text(line, style="bold") for line in wrap_text(title, width)]
        if name_room < MIN_STACKED:  # too narrow for a name column: one block per target
            for row in rows:
                facts = [row[keys.index(key)] for key in shown if key != "target"]
                parts += stacked(row[1], facts, width)
            continue
        table = Table(show_lines=False, expand=False)
        for key in shown:
            if key == "target":
                table.add_column(t(lang, key), overflow="fold")
            elif key == "due":
                table.add_column(t(lang, key), width=due_width)
            else:
                right = key == "goal"
                table.add_column(t(lang, key), justify="right" if right else "left", no_wrap=True)
        for row in rows:
            cells = [Text(row[keys.index(key)]) for key in shown]
            cells[shown.index("target")] = name_cell(row[1], name_room, lang)
            table.add_row(*cells)
        parts.append(table)
    return to_text(parts, width=width, color=options.color)
