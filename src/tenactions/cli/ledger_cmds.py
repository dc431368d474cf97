"""Commands that write or read the ledger: log, entries, void, amend, import, export, backup."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import after_commit, command, printable, session, warn
from tenactions.cli.output import emit, format_enum, layout
from tenactions.messages import Code, Msg, t

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tenactions.model import Programme, StoredEntry
    from tenactions.sheets import SheetReader
    from tenactions.store import Store

# The --format choices are the output registry's (render/registry.py); see format_enum.
if TYPE_CHECKING:
    EntriesFormat = str
    ExportFormat = str
else:
    EntriesFormat = format_enum("entries")
    ExportFormat = format_enum("export")

#: Rows the entries table shows unless --limit says otherwise (a terminal is not a spreadsheet).
DEFAULT_TABLE_ROWS = 200


@command("log", negative_amounts=True)
def log_cmd(
    target: Annotated[str, typer.Argument()],
    amount: Annotated[
        str | None,
        typer.Argument(show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d"),
    ] = None,
    district: Annotated[str | None, typer.Option("--district")] = None,
    by: Annotated[
        str | None,
        typer.Option("--by"),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
    ref: Annotated[str | None, typer.Option("--ref")] = None,
    force: Annotated[
        bool,
        typer.Option("--force"),
    ] = False,
) -> None:
    import functools

    from tenactions.amounts import format_amount, format_done_of_goal, from_hundredths
    from tenactions.dates import option_date, today
    from tenactions.figures import percent_of
    from tenactions.ledger import (
        district_names,
        district_option,
        milestone_check,
        new_entry,
        own_district,
        period_total,
        refuse_unless_forced,
    )

    district = district_option(district)
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    tz = programme.timezone
    day = option_date(date, programme, what="--date") if date is not None else today(tz)
    typed = functools.partial(
        new_entry,
        programme,
        target=target,
        amount=amount,
        date=day,
        by=by,
        note=note,
        ref=ref,
        source="log",
    )
    entry, found = typed(district=district)
    # What needs no ledger is refused before one is opened (or created); a milestone is then
    # checked against what the ledger counts inside the write transaction, so that two
    # coordinators logging it at once do not both find it undone.
    refuse_unless_forced(found, entry.date, entry.amount_c, done_c=0, force=force, lang=lang)
    taken: tuple[str, str] | None = None  # (role, district) when the district was not typed
    with s.store() as store:
        if district is None:
            role, rights = store.write_rights()
            only = own_district(programme, role, rights)
            if only is not None:
                taken = role, only
                entry, found = typed(district=only)  # its identity depends on its district
        entry_id = store.add(
            entry, check=milestone_check(programme, store, entry, found, force=force, lang=lang)
        )
        total = period_total(store, programme, found.id)
    shown_total, shown_goal = format_done_of_goal(total, found.goal, lang)
    values = dict(
        id=entry_id,
        target=found.name(lang),
        amount=format_amount(from_hundredths(entry.amount_c), lang, exact=True),
        unit=found.unit(lang, from_hundredths(entry.amount_c)),
        goal_unit=found.unit(lang, found.goal),
        date=entry.date,
        total=shown_total,
        goal=shown_goal,
        percent=f"{percent_of(total, found.goal):.1f}",
    )
    said = [t(lang, "logged_recurring" if found.kind == "recurring" else "logged", **values)]
    if taken is not None:
        role, only = taken
        named = district_names(programme, [only]).render(lang)
        said.append(t(lang, "logged_own_district", district=named, role=role))
    with after_commit():
        print(("" if lang == "zh" else " ").join(said))


@command("entries")
def entries_cmd(
    target: Annotated[str | None, typer.Option("--target", "-t")] = None,
    action: Annotated[int | None, typer.Option("--action", "-a")] = None,
    district: Annotated[str | None, typer.Option("--district")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    until: Annotated[str | None, typer.Option("--until")] = None,
    include_void: Annotated[bool, typer.Option("--include-void")] = False,
    fmt: Annotated[EntriesFormat, typer.Option("--format", "-f")] = "table",
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1),
    ] = None,
    output_text: Annotated[
        str | None,
        typer.Option("--output", "-o"),
    ] = None,
) -> None:
    import sys

    from tenactions.dates import option_range
    from tenactions.errors import InputError
    from tenactions.files import given_path
    from tenactions.ledger import district_option
    from tenactions.render.data import EntryRows
    from tenactions.render.registry import get

    output = given_path(output_text, "--output")
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    chosen = get("entries", fmt)
    to_stdout = output is None or str(output) == "-"
    if chosen.binary and to_stdout and sys.stdout.isatty():
        raise InputError(Msg("xlsx_entries_needs_output"))
    if not to_stdout:
        from tenactions.files import refuse_ledger

        assert output is not None
        refuse_ledger(  # before the ledger is even opened
            output, s.resolved_db_path(), programme=s.resolved_programme_path()
        )
    district = district_option(district)
    targets: list[str] = []
    if target is not None:
        targets.append(programme.target(target).id)
    if action is not None:
        ids = [tg.id for tg in programme.action(action).targets]
        targets = [x for x in targets if x in ids] if targets else ids
    # The target is not in that action: nothing matches (the ledger must still be there).
    nothing = action is not None and not targets
    district_name = programme.district(district).name_zh if district else None
    start, end = option_range(since, until, programme)
    if fmt == "table" and limit is None:
        limit = DEFAULT_TABLE_ROWS
    with s.store(create=False) as store:
        rows: Iterator[StoredEntry] = (
            iter(())
            if nothing
            else store.entries(
                targets=targets,
                district=district_name,
                since=start,
                until=end,
                include_void=include_void,
                limit=limit,
            )
        )
        shown = EntryRows(programme, rows)
        emit(chosen.render(shown, lang, layout(output)), output, terminal=chosen.terminal)
    if fmt == "table" and limit == DEFAULT_TABLE_ROWS and shown.shown == limit:
        print(t(lang, "entries_cut", n=limit), file=sys.stderr)


@command("void")
def void_cmd(
    entry_id: Annotated[int, typer.Argument()],
    reason: Annotated[str, typer.Option("--reason", "-r")],
    by: Annotated[
        str | None,
        typer.Option("--by"),
    ] = None,
) -> None:
    from tenactions.ledger import clean_text, default_by

    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    why = clean_text(reason, Code("--reason"), limit=2000, required=True)
    who = clean_text(by if by is not None else default_by(), Code("--by"), required=True)
    with s.store(create=False) as store:
        old = store.void(entry_id, why, who)
        totals = _total_lines(store, programme, [old.target], lang)
    with after_commit():
        print(t(lang, "voided", id=entry_id, reason=why))
        for line in totals:
            print(line)


def _total_lines(
    store: "Store", programme: "Programme", targets: list[str], lang: str
) -> list[str]:
    """Each target's new total, as ``log`` prints it (the period's entries, one rounding rule);
    none for a recurring target (counted in periods) or one the programme no longer has."""
    from tenactions.amounts import format_done_of_goal
    from tenactions.errors import InputError
    from tenactions.figures import percent_of
    from tenactions.ledger import period_total

    lines = []
    for stored in dict.fromkeys(store.renamed.get(x, x) for x in targets):
        try:
            found = programme.target(stored)
        except InputError:
            continue
        if found.kind == "recurring":
            continue
        total = period_total(store, programme, found.id)
        shown = format_done_of_goal(total, found.goal, lang)  # one rounding once it is met
        lines.append(
            t(
                lang,
                "target_total",
                target=found.name(lang),
                total=shown[0],
                goal=shown[1],
                unit=found.unit(lang, found.goal),
                percent=f"{percent_of(total, found.goal):.1f}",
            )
        )
    return lines


@command("amend", negative_amounts=True)
def amend_cmd(
    entry_id: Annotated[int, typer.Argument()],
    amount: Annotated[
        str | None,
        typer.Argument(show_default=False),
    ] = None,
    target: Annotated[str | None, typer.Option("--target", "-t")] = None,
    date: Annotated[str | None, typer.Option("--date", "-d")] = None,
    district: Annotated[str | None, typer.Option("--district")] = None,
    note: Annotated[str | None, typer.Option("--note", "-n")] = None,
    ref: Annotated[str | None, typer.Option("--ref")] = None,
    reason: Annotated[str, typer.Option("--reason", "-r")] = "amended",
    by: Annotated[str | None, typer.Option("--by")] = None,
    force: Annotated[
        bool,
        typer.Option("--force"),
    ] = False,
) -> None:
    from tenactions.amounts import from_hundredths
    from tenactions.dates import option_date
    from tenactions.errors import InputError
    from tenactions.ledger import (
        clean_text,
        default_by,
        district_option,
        milestone_check,
        new_entry,
    )

    district = district_option(district)
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    who = clean_text(by if by is not None else default_by(), Code("--by"), required=True)
    why = clean_text(reason, Code("--reason"), limit=2000, required=True)
    with s.store(create=False) as store:
        old = store.get(entry_id)
        if old.void:
            now = store.live(entry_id)
            if now is not None:  # amended: the correction is made to the entry that replaced it
                raise InputError(Msg("entry_replaced_amend", id=entry_id, live=now.id))
            raise InputError(Msg("entry_void_amend", id=entry_id))
        entry, _ = new_entry(
            programme,
            target=target if target is not None else old.target,
            amount=amount if amount is not None else str(from_hundredths(old.amount_c)),
            date=option_date(date, programme, what="--date") if date is not None else old.date,
            district=district if district is not None else old.district,
            by=who,
            note=note if note is not None else old.note,
            ref=ref if ref is not None else old.ref,
            source="amend",
            amends=entry_id,
        )
        same = ("target", "date", "amount_c", "district", "note", "ref")
        if all(getattr(entry, f) == getattr(old, f) for f in same):
            raise InputError(Msg("nothing_to_change", id=entry_id))
        found = programme.target(entry.target)
        check = milestone_check(
            programme, store, entry, found, force=force, replacing=old, lang=lang
        )
        new_id = store.amend(entry_id, entry, why, who, check=check)
        totals = _total_lines(store, programme, [old.target, found.id], lang)
    with after_commit():
        print(t(lang, "amended", old=entry_id, new=new_id))
        for line in totals:
            print(line)


@command("import")
def import_cmd(
    file: Annotated[
        str,
        typer.Argument(),
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    by: Annotated[str | None, typer.Option("--by")] = None,
    force: Annotated[
        bool,
        typer.Option("--force"),
    ] = False,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet"),
    ] = None,
) -> None:
    import itertools
    import sys

    from tenactions import sheets
    from tenactions.errors import ImportFileError
    from tenactions.ledger import (
        clean_text,
        default_by,
        judged_totals_hold,
        rights_judge,
        row_judge,
    )

    if file == "":  # Path("") would be the current folder, named as if the user had typed "."
        raise ImportFileError("", [Msg("no_file_given")])
    path = Path(file)
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    who = clean_text(by if by is not None else default_by(), Code("--by"), required=True)

    # The file's name as stored and shown: control characters in it are escaped.
    source = f"import:{printable(path.name)}"
    # Checks the file type and that it can be read, before the ledger is opened.
    first = sheets.SheetReader(path, programme, default_by=who, source=source, sheet=sheet)
    # The whole file is read and checked before the ledger is locked (and a dry run never
    # locks it): other coordinators wait at most for the write itself. A dry run against a
    # missing ledger checks the file against an empty one, creating nothing.
    with (
        s.store(create=not dry_run, must_exist=False) as store,
        _progress(path, first, lang) as on_row,
    ):
        first.on_row = on_row
        first.restore = True
        judged: dict[str, int] = {}  # each milestone's total as its rows were judged
        role, rights = store.write_rights()
        may_write = rights_judge(role, rights) if rights is not None else None
        looks_right = row_judge(programme, store, read=judged, lang=lang) if not force else None
        if force:
            first.across_sheets = None
            first.forced = True
        if may_write is not None and looks_right is not None:
            first.judge = lambda entry: may_write(entry) or looks_right(entry)
        else:
            first.judge = may_write or looks_right  # --force never lets a role write more
        # The first row tells whether this is our own export, which is restored as it was.
        rows = iter(first)
        head = list(itertools.islice(rows, 1))
        if first.restoring:
            result = store.restore_entries(
                itertools.chain(head, rows),
                first.restored,
                by=who,
                dry_run=dry_run,
                shown=printable(str(path)),
                places=first.restored_places,
            )
        else:
            result = store.import_entries(
                itertools.chain(head, rows),
                dry_run=dry_run,
                row_number=lambda: first.row_number,
                shown=printable(str(path)),
                check=lambda: judged_totals_hold(programme, store, judged),
            )
    for line in _import_notes(first, lang):
        print(line, file=sys.stderr)
    key = "dry_run" if dry_run else "imported"
    with after_commit():
        print(
            t(
                lang,
                key,
                file=printable(path.name),
                rows=result.rows,
                added=result.added,
                present=result.present,
            )
        )
        if first.sheets_read or first.hidden_sheets:
            read = "、".join(f"{printable(name)} ({rows})" for name, rows in first.sheets_read)
            parts = [t(lang, "sheets_read", sheets=read or t(lang, "none"))]
            if first.hidden_sheets:
                hidden = "、".join(printable(n) for n in first.hidden_sheets)
                parts.append(t(lang, "sheets_hidden", sheets=hidden))
            if first.sheets_without_table:
                no_table = "、".join(printable(n) for n in first.sheets_without_table)
                parts.append(t(lang, "sheets_no_table", sheets=no_table))
            print(("" if lang == "zh" else " ").join(parts))
        for where, header, last in first.row_counters:
            print(
                t(lang, "ref_row_counter", where=printable(where), header=printable(header), n=last)
            )
        for where, district, origin in first.district_origins:
            place = printable(where)
            if origin.startswith("title:"):
                row = origin.removeprefix("title:")
                print(t(lang, "district_from_title", where=place, district=district, row=row))
            elif origin == "file name":
                print(t(lang, "district_from_file", where=place, district=district))
            else:
                print(t(lang, "district_none", where=place))
    if result.notices:
        warn(list(result.notices), lang)


#: Skipped-row notes shown in full; the rest are counted.
MAX_SKIP_NOTES = 20


def _import_notes(reader: "SheetReader", lang: str) -> list[str]:
    """The rows an import left out and the totals that did not add up, one line each."""
    from tenactions.amounts import format_amount

    lines = [
        t(lang, "skipped_summary_sheet", file=printable(reader.shown), sheet=printable(name))
        for name in reader.summary_sheets
    ]
    for skipped in reader.skipped[:MAX_SKIP_NOTES]:
        rows = (
            str(skipped.first)
            if skipped.first == skipped.last
            else f"{skipped.first}-{skipped.last}"
        )
        why = t(lang, f"skip_{skipped.kind}")
        where = printable(skipped.where)
        lines.append(t(lang, "skipped_rows", where=where, rows=rows, why=why))
    more = len(reader.skipped) - MAX_SKIP_NOTES
    if more > 0:
        lines.append(t(lang, "skipped_more", file=printable(reader.shown), n=more))
    for m in reader.mismatches:
        lines.append(
            t(
                lang,
                "total_mismatch_below" if m.below else "total_mismatch",
                where=printable(m.where),
                row=m.row,
                # Two figures compared: every digit, or 12,345 and 12,346 read alike.
                stated=format_amount(m.stated, lang, exact=True),
                summed=format_amount(m.summed, lang, exact=True),
            )
        )
    return lines


def _progress(file: Path, reader: "SheetReader", lang: str):  # type: ignore[no-untyped-def]
    """Rows done of rows in the file, on stderr, only when a person is watching a big file."""
    import contextlib
    import sys

    if not sys.stderr.isatty():
        return contextlib.nullcontext(None)
    try:
        size = file.stat().st_size
    except OSError:
        return contextlib.nullcontext(None)
    # A workbook is zipped: 200 kB holds about as many rows as 2 MB of CSV.
    if size < (2_000_000 if file.suffix.lower() == ".csv" else 200_000):
        return contextlib.nullcontext(None)

    @contextlib.contextmanager
    def bar():  # type: ignore[no-untyped-def]
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task(t(lang, "progress_start", file=file.name), total=None)

            def on_row(n: int) -> None:
                if n % 5000 == 0:
                    # The file's row count (header and blank rows included) is an upper bound.
                    total = reader.estimated_rows
                    if total:
                        text = t(lang, "progress_rows", file=file.name, n=n, total=max(total, n))
                    else:
                        text = t(lang, "progress_rows_open", file=file.name, n=n)
                    progress.update(task, description=text, completed=n, total=total)

            yield on_row

    return bar()


@command("template")
def template_cmd(
    output_text: Annotated[
        str,
        typer.Option("--output", "-o"),
    ],
    district: Annotated[
        str | None,
        typer.Option("--district"),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month"),
    ] = None,
    rows: Annotated[int, typer.Option("--rows", min=1, max=10_000)] = 50,
    force: Annotated[
        bool,
        typer.Option("--force"),
    ] = False,
) -> None:
    import sys

    from tenactions.errors import InputError
    from tenactions.files import given_path, open_output, refuse_ledger
    from tenactions.sheets.template import template_month, write_template

    output = given_path(output_text, "--output")
    assert output is not None
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    if output.suffix.lower() != ".xlsx":
        raise InputError(Msg("template_needs_xlsx", path=output))
    kept = {"ledger": s.resolved_db_path(), "programme": s.resolved_programme_path()}
    refuse_ledger(output, **kept)
    if not force and output.exists():
        # A blank template written over a returned, filled-in sheet loses a district's work.
        raise InputError(Msg("template_exists", path=output))
    found = programme.district(district) if district else None
    period = template_month(month, programme) if month is not None else None
    with open_output(output, **kept) as fh:
        write_template(programme, fh, district=found, month=period, rows=rows)
    key = "template_written_one" if rows == 1 else "template_written"
    print(t(lang, key, file=printable(str(output)), rows=rows), file=sys.stderr)


@command("export")
def export_cmd(
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f"),
    ] = None,
    output_text: Annotated[
        str | None,
        typer.Option("--output", "-o"),
    ] = None,
) -> None:
    import sys

    from tenactions.errors import InputError
    from tenactions.files import given_path
    from tenactions.render.data import EntryRows
    from tenactions.render.registry import get, names

    output = given_path(output_text, "--output")
    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in names("export") else names("export")[0]
    chosen = get("export", fmt)
    to_stdout = output is None or str(output) == "-"
    if chosen.binary and to_stdout:
        raise InputError(Msg("xlsx_export_needs_output"))
    if not to_stdout:
        from tenactions.files import refuse_ledger

        assert output is not None
        refuse_ledger(  # before the ledger is even opened
            output, s.resolved_db_path(), programme=s.resolved_programme_path()
        )
    with s.store(create=False) as store:
        entries = EntryRows(programme, store.entries(include_void=True, newest_first=False))
        emit(chosen.render(entries, lang), output)
    if not to_stdout:
        print(t(lang, "exported", n=entries.shown, file=printable(str(output))), file=sys.stderr)


@command("backup")
def backup_cmd(
    dest: Annotated[Path, typer.Argument()],
) -> None:
    from tenactions.files import refuse_ledger

    s = session()
    lang = s.resolved_lang()
    # As for --output: the ledger's own files (its -wal, -shm, -journal) are never a backup.
    refuse_ledger(dest, s.resolved_db_path())
    with s.store(create=False) as store:
        store.backup(dest)
        entries, _ = store.counts()
    with after_commit():
        print(t(lang, "backup_done", file=dest, n=entries))
