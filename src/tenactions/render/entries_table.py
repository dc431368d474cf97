"""``entries`` as a table, fitted to the width it is given: targets and districts by their
names in the chosen language, the entry number in its own column."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from tenactions.amounts import format_amount, from_hundredths
from tenactions.messages import t
from tenactions.render.data import EntryRows, Options
from tenactions.render.table import fit_columns, name_cell, to_text

#: The table's columns, and which are left out first when the note gets too narrow.
COLUMNS = ("entry_no", "date", "target", "amount", "district", "by", "note")
DROPS = ("by", "district")
TARGET_ROOM = 24


def render(data: EntryRows, lang: str, options: Options | None = None) -> str:
    """The entries fitted to ``options.width``: the note wraps; who recorded an entry, then
    its district, are left out before the note gets narrower than twelve characters."""
    options = options or Options()
    programme = data.programme
    rows = list(data)
    if not rows:
        return t(lang, "no_entries") + "\n"
    cells = []
    for e in rows:
        note = e.note
        if e.void:
            note = f"[{t(lang, 'void')}: {e.void_reason or ''}] {note}"
        if e.amends:
            note = f"(← {e.amends}) {note}"
        amount = format_amount(from_hundredths(e.amount_c), lang, exact=True)
        cells.append(
            (
                str(e.id),
                e.date.isoformat(),
                programme.target_name(e.target, lang),
                amount,
                programme.district_name(e.district, lang),
                e.by,
                note.strip(),
            )
        )
    widths = {
        key: max(cell_len(t(lang, key)), *(cell_len(row[i]) for row in cells))
        for i, key in enumerate(COLUMNS)
    }
    # A long target name wraps (at spaces, or between Chinese characters) rather than
    # pushing the note and the district off the table.
    widths["target"] = min(widths["target"], TARGET_ROOM)
    width = options.width
    # No outer edge and no edge padding: three cells between columns, none outside.
    shown = fit_columns(widths, flexible="note", drops=DROPS, width=width + 3, overhead=3)
    table = Table(show_edge=False, pad_edge=False)
    for key in shown:
        if key == "note":
            table.add_column(t(lang, key), overflow="fold")
        elif key == "target":
            table.add_column(t(lang, key), max_width=TARGET_ROOM)
        else:
            right = key in ("entry_no", "amount")
            table.add_column(t(lang, key), justify="right" if right else "left", no_wrap=True)
    for e, row in zip(rows, cells, strict=True):
        # Text, not markup: notes and names are shown exactly as typed.
        table.add_row(
            *(
                name_cell(row[2], TARGET_ROOM, lang)
                if key == "target"
                else Text(row[COLUMNS.index(key)])
                for key in shown
            ),
            style="dim strike" if e.void else None,
        )
    return to_text([table], width=width, color=options.color)
