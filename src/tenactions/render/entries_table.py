"""``entries`` as a table, fitted to the width it is given: targets and districts by their
names in the chosen language, the entry number in its own column."""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from tenactions.amounts import format_amount, from_hundredths
from tenactions.messages import t
from tenactions.render.common import widest_word
from tenactions.render.data import EntryRows, Options
from tenactions.render.table import name_cell, to_text

#: The table's columns, and which are left out first when the note gets too narrow.
COLUMNS = ("entry_no", "date", "target", "amount", "district", "by", "note")
DROPS = ("by", "district")
TARGET_ROOM = 24
#: The narrowest the target name gets (six Chinese characters, a long English word).
MIN_TARGET = 12
#: The note's width before the name narrows for it, and below which it is left out.
MIN_NOTE = 12
#: The name gives up cells down to this width so that a short note stays on one line.
SHARED_TARGET = 16
MIN_NOTE_FOLDED = 6


def render(data: EntryRows, lang: str, options: Options | None = None) -> str:
    """The entries fitted to ``options.width`` (see :func:`_fit`): every target name whole,
    wrapped in its column; the note wraps."""
    options = options or Options()
    programme = data.programme
    rows = list(data)
    if not rows:
        return t(lang, "no_entries") + "\n"
    cells = []
    for e in rows:
        note = e.note
        if e.void:
            note = f"{t(lang, 'void_marked', reason=e.void_reason or '')} {note}"
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
    # The name narrows no further than its longest word, so English wraps between words.
    words = max(widest_word(row[2]) for row in cells)
    shown, target_room, note_room = _fit(widths, options.width, max(MIN_TARGET, words))
    # Every column gets its exact width, so Rich never wraps a name a second time nor cuts
    # it with an ellipsis: the name is wrapped here (at spaces, or between Chinese
    # characters), the note folds in what is left.
    table = Table(show_edge=False, pad_edge=False)
    for key in shown:
        if key == "note":
            table.add_column(t(lang, key), width=note_room, no_wrap=True)
        elif key == "target":
            table.add_column(t(lang, key), width=target_room, no_wrap=True)
        else:
            right = key in ("entry_no", "amount")
            table.add_column(
                t(lang, key), width=widths[key], justify="right" if right else "left", no_wrap=True
            )
    for e, row in zip(rows, cells, strict=True):
        # Text, not markup: notes and names are shown exactly as typed.
        table.add_row(
            *(
                name_cell(row[2], target_room, lang)
                if key == "target"
                else name_cell(row[6], note_room, lang)
                if key == "note"
                else Text(row[COLUMNS.index(key)])
                for key in shown
            ),
            style="dim strike" if e.void else None,
        )
    return to_text([table], width=options.width, color=options.color)


def _fit(widths: dict[str, int], width: int, min_target: int) -> tuple[list[str], int, int]:
    """The columns to show and the target's and the note's widths, for ``width`` cells.

    Who recorded an entry, then its district, are left out before the target name or the
    note would get narrower than they read well; a short note keeps its line while the name
    stays SHARED_TARGET cells wide; then the name narrows (never below
    ``min_target`` cells); the note is left out last, when even that leaves it no room.
    """
    shown = list(COLUMNS)
    want_target = min(widths["target"], TARGET_ROOM)
    want_note = min(widths["note"], MIN_NOTE)

    def rest() -> int:
        """Cells left for the target and the note, three between columns, none outside."""
        fixed = sum(widths[k] for k in shown if k not in ("target", "note"))
        return width - fixed - 3 * (len(shown) - 1)

    for key in DROPS:
        if rest() >= want_target + want_note:
            break
        shown.remove(key)
    floor = min(widths["target"], min_target)
    if rest() - widths["note"] >= max(floor, min(want_target, SHARED_TARGET)):
        # The note fits on one line beside a name still wide enough to read well.
        target_room = min(want_target, rest() - widths["note"])
    else:
        target_room = min(want_target, max(floor, rest() - want_note))
    if rest() - target_room < min(widths["note"], MIN_NOTE_FOLDED):
        shown.remove("note")
        target_room = min(want_target, max(min(widths["target"], min_target), rest()))
    return shown, target_room, max(rest() - target_room, 1)
