"""Commands about the programme itself: targets, check, info."""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import command, session
from tenactions.cli.output import write_json
from tenactions.messages import Joined, Msg, kind_label, t

if TYPE_CHECKING:
    from tenactions.model import Action, Programme
    from tenactions.store import Store


class TargetsFormat(StrEnum):
    table = "table"
    json = "json"


@command("targets")
def targets_cmd(
    action: Annotated[
        list[int] | None,
        typer.Option("--action", "-a"),
    ] = None,
    fmt: Annotated[TargetsFormat, typer.Option("--format", "-f")] = TargetsFormat.table,
) -> None:
    from tenactions.model import to_data

    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    # Each number is checked (an unknown one is refused); the actions keep the programme's order.
    wanted = {programme.action(n).number for n in action or ()}
    actions = [a for a in programme.actions if not wanted or a.number in wanted]
    if fmt is TargetsFormat.json:
        # Every field of the model (see model.to_data), with the goal as a number and the
        # unit in the output's language beside both.
        write_json(
            [
                {**to_data(tg), "goal": tg.goal, "unit": tg.unit(lang)}  # goal digit for digit
                for a in actions
                for tg in a.targets
            ]
        )
        return
    _targets_table(programme, actions, lang)


def _targets_table(programme: "Programme", actions: "list[Action]", lang: str) -> None:
    """The targets, one table per action, fitted to the output's width (the kind column,
    then the due date, are left out before a name gets narrower than twelve characters)."""
    import sys

    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from tenactions.amounts import format_amount
    from tenactions.cli.output import output_width, use_color
    from tenactions.render.common import wrap_text
    from tenactions.render.table import (
        MIN_NAME,
        MIN_STACKED,
        fit_columns,
        name_cell,
        stacked,
        to_text,
    )

    width = output_width()
    heading = f"{programme.name(lang)}  {programme.start} – {programme.end}"
    parts: list[object] = [Text(line, style="bold") for line in wrap_text(heading, width)]
    keys = ("id", "target", "goal", "kind", "due")
    tables = []
    for a in actions:
        rows = []
        for tg in a.targets:
            goal = f"{format_amount(tg.goal, lang, up=True)} {tg.unit(lang)}"
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
        title = f"{t(lang, 'action')} {a.number}: {a.name(lang)}"
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
    sys.stdout.write(to_text(parts, width=width, color=use_color()))  # type: ignore[arg-type]


@command("check")
def check_cmd(
    repair: Annotated[
        bool,
        typer.Option("--repair"),
    ] = False,
) -> None:
    from tenactions.errors import NoLedger, StoreProblems
    from tenactions.programme import load_programme
    from tenactions.store import open_store

    s = session()
    lang = s.resolved_lang()
    path = s.resolved_programme_path()
    # check is what people run after editing the file: validate it afresh, never from cache.
    programme = load_programme(path, use_cache=False)
    print(
        t(
            lang,
            "check_programme_ok",
            file=path,
            actions=len(programme.actions),
            targets=len(programme.targets),
        )
    )
    db = s.resolved_db_path()
    shown = s.shown_db()
    if db is not None and not db.exists():
        print(t(lang, "check_db_missing", file=db))
        return
    try:
        store = open_store(s.resolved_db(), create=False)
    except NoLedger:  # a server's database without the ledger: as a file not made yet
        print(t(lang, "check_db_missing", file=shown))
        return
    with store:
        store.renamed = programme.renamed
        problems = store.check()
        if problems and repair:
            for done in store.repair():
                print(done.render(lang))
            problems = store.check()
        lost = orphans(programme, store)
        if problems or lost:
            found = problems + lost
            raise StoreProblems([Msg("at_file", file=shown, problem=p) for p in found])
        entries, voids = store.counts()
        version = store.schema_version
    # A server has no file to check page by page: it says what was checked instead.
    ok = "check_db_ok" if db is not None else "check_server_ok"
    print(t(lang, ok, file=shown, version=version, entries=entries, voids=voids))


def orphans(programme: "Programme", store: "Store") -> list[Msg]:
    """Entries under target ids the programme does not know in any way (id, was, alias)."""
    known = {t.id for t in programme.targets} | set(programme.renamed)
    lost = {t: n for t, n in store.stored_targets().items() if t not in known}
    if not lost:
        return []
    listed = Joined([Msg("orphan", target=t, n=n) for t, n in lost.items()], list_of=True)
    return [Msg("orphans", listed=listed)]


@command("info")
def info_cmd() -> None:
    import os

    from tenactions import __version__

    s = session()
    lang = s.resolved_lang()
    programme_path = s.resolved_programme_path()
    db = s.resolved_db_path()
    source = (
        "--programme"
        if s.programme_path
        else (
            "TENACTIONS_PROGRAMME"
            if os.environ.get("TENACTIONS_PROGRAMME")
            else t(lang, "info_shipped")
        )
    )
    db_source = s.db_source()
    if db_source == "default":
        db_source = t(lang, "info_default")
    if db is None:
        state = t(lang, "info_server")
    else:
        state = t(lang, "info_exists" if db.exists() else "info_missing")
    print(t(lang, "version", version=__version__))
    print(t(lang, "info_programme", path=programme_path, source=source))
    print(t(lang, "info_database", path=s.shown_db(), source=db_source, state=state))
    print(t(lang, "info_language", language=lang))
