"""Commands about the programme itself: targets, check, info."""

from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import command, session, warn
from tenactions.cli.output import emit, format_enum, layout
from tenactions.messages import Joined, Msg, t

if TYPE_CHECKING:
    from tenactions.model import Programme
    from tenactions.store import Store

# The --format choices are the output registry's (render/registry.py); see format_enum.
if TYPE_CHECKING:
    TargetsFormat = str
else:
    TargetsFormat = format_enum("targets")


@command("targets")
def targets_cmd(
    action: Annotated[
        list[int] | None,
        typer.Option("--action", "-a"),
    ] = None,
    fmt: Annotated[TargetsFormat, typer.Option("--format", "-f")] = "table",
) -> None:
    from tenactions.render.data import TargetList
    from tenactions.render.registry import get

    s = session()
    programme = s.programme()
    lang = s.resolved_lang()
    # Each number is checked (an unknown one is refused); the actions keep the programme's order.
    wanted = {programme.action(n).number for n in action or ()}
    actions = tuple(a for a in programme.actions if not wanted or a.number in wanted)
    chosen = get("targets", fmt)
    emit(chosen.render(TargetList(programme, actions), lang, layout()), terminal=chosen.terminal)


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
        found_misfits = misfits(programme, store)
        # Notices, not a failed check: a date outside a target's window is what `log --force`
        # records on purpose, and the ledger does not say which entries were forced (a nightly
        # cron would otherwise fail for ever on an honest forced entry); an entry outside the
        # programme's period is another year's in a shared ledger, and counts in none of this
        # programme's figures, so it misstates nothing (voiding it would lose that year's).
        notices = [m for m in found_misfits if m.key in NOTICES]
        wrong = [m for m in found_misfits if m.key not in NOTICES]
        if (wrong or notices) and repair:
            (wrong or notices).append(Msg("misfit_not_repaired"))
        if problems or lost or wrong:
            found = problems + lost + wrong + notices
            raise StoreProblems([Msg("at_file", file=shown, problem=p) for p in found])
        entries, voids = store.counts()
        version = store.schema_version
    # A server has no file to check page by page: it says what was checked instead.
    ok = "check_db_ok" if db is not None else "check_server_ok"
    print(t(lang, ok, file=shown, version=version, entries=entries, voids=voids))
    if notices:
        warn([Msg("at_file", file=shown, problem=p) for p in notices], lang)


#: Findings of ``check`` that are told, not failed (see ``check_cmd``).
NOTICES = frozenset({"misfit_window", "misfit_period"})


def orphans(programme: "Programme", store: "Store") -> list[Msg]:
    """Entries under target ids the programme does not know in any way (id, was, alias)."""
    known = {t.id for t in programme.targets} | set(programme.renamed)
    lost = {t: n for t, n in store.stored_targets().items() if t not in known}
    if not lost:
        return []
    listed = Joined([Msg("orphan", target=t, n=n) for t, n in lost.items()], list_of=True)
    return [Msg("orphans", listed=listed)]


def misfits(programme: "Programme", store: "Store") -> list[Msg]:
    """Entries that break the programme's rules (written around tenactions), one line each."""
    from tenactions.dates import today
    from tenactions.misfits import findings, rules_for

    rules = rules_for(programme, today(programme.timezone))
    return findings(programme, rules, store.misfits(rules))


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
        state = _server_state(lang)
    else:
        if db.is_file():
            from tenactions.store.sqlite import check_ledger_file

            # An empty or non-database file is no ledger: said as every reading command says it.
            check_ledger_file(db, s.shown_db(), create=False)
        state = t(lang, "info_exists" if db.exists() else "info_missing")
    print(t(lang, "version", version=__version__))
    print(t(lang, "info_programme", path=programme_path, source=source))
    print(t(lang, "info_database", path=s.shown_db(), source=db_source, state=state))
    print(t(lang, "info_language", language=lang))


def _server_state(lang: str) -> str:
    """Whether the session's server holds the ledger (connecting creates nothing)."""
    from tenactions.errors import InputError, NoLedger, TenactionsError
    from tenactions.store import open_store

    try:
        open_store(session().resolved_db(), create=False).close()
    except NoLedger:
        return t(lang, "info_server_missing")
    except InputError:
        raise  # the location itself cannot be used
    except TenactionsError as exc:
        why = "; ".join(exc.lines(lang))
        return t(lang, "info_server_unreachable", why=why)
    return t(lang, "info_server")
