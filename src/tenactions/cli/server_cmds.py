"""Commands for a shared ledger: moving a ledger between a file and a server."""

from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import after_commit, command, session, take_common
from tenactions.messages import Msg, t

if TYPE_CHECKING:
    from tenactions.store.postgres import PostgresStore


@command("copy")
def copy_cmd(
    source: Annotated[
        str,
        typer.Option("--from", show_default=False),
    ],
    dest: Annotated[
        str,
        typer.Option("--to", show_default=False),
    ],
) -> None:
    from pathlib import Path

    from tenactions.errors import InputError, NoLedger
    from tenactions.store import ledger_file, masked, open_store
    from tenactions.store.transfer import copy_ledger

    s = session()
    lang = s.resolved_lang()
    file = ledger_file(source)
    if file is not None and not Path(file).is_file():
        raise InputError(Msg("no_ledger", path=file, how=Msg("db_from_from_option")))
    try:
        src = open_store(source, create=False)
    except NoLedger:
        raise InputError(
            Msg("pg_no_ledger", file=masked(source), how=Msg("db_from_from_option"))
        ) from None
    with src, open_store(dest, create=True) as dst:
        result = copy_ledger(src, dst)
    with after_commit():
        print(
            t(
                lang,
                "copied",
                source=masked(source),
                dest=masked(dest),
                n=result.entries,
                voids=result.voids,
                present=result.present,
            )
        )


access_app = typer.Typer(
    name="access",
    no_args_is_help=True,
    rich_markup_mode=None,
)
# The group takes the global options too, as every command does: `access --lang zh grant …`.
access_app.callback()(take_common)


@command("grant", parent=access_app)
def access_grant_cmd(
    role: Annotated[str, typer.Argument()],
    district: Annotated[
        str | None,
        typer.Option("--district"),
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only")] = False,
    create: Annotated[bool, typer.Option("--create")] = False,
) -> None:
    from tenactions.errors import InputError
    from tenactions.ledger import district_for, district_option

    district = district_option(district)
    s = session()
    lang = s.resolved_lang()
    if (district is None) == (not read_only):
        raise InputError(Msg("access_district_or_read_only"))
    name = _role_name(role)
    district_name = district_for(s.programme(), district) if district is not None else None
    store = _server_store(create=True)
    with store:
        created = store.grant(name, district=district_name, read_only=read_only, create=create)
    with after_commit():
        key = "access_read_only" if read_only else "access_district"
        print(
            t(
                lang,
                key,
                role=name,
                district=district_name or "",
                created=t(lang, "access_created") if created else "",
            )
        )


@command("revoke", parent=access_app)
def access_revoke_cmd(
    role: Annotated[str, typer.Argument()],
) -> None:
    s = session()
    lang = s.resolved_lang()
    name = _role_name(role)
    store = _server_store()
    with store:
        had = store.revoke(name)
    with after_commit():
        print(t(lang, "access_revoked" if had else "access_not_granted", role=name))


@command("list", parent=access_app)
def access_list_cmd() -> None:
    s = session()
    lang = s.resolved_lang()
    store = _server_store()
    with store:
        rows = store.access()
    for role, district, read_only, members, unbound in rows:
        what = t(lang, "access_reads") if read_only else district
        if unbound:
            what = t(lang, "access_unbound", what=what)
        print(f"{role}\t{what}\t{', '.join(members) or t(lang, 'access_no_members')}")


def _role_name(role: str) -> str:
    """The role named on the command line, trimmed; a blank name is refused by its own line."""
    from tenactions.errors import InputError
    from tenactions.ledger import clean_text

    if not role.strip():
        raise InputError(Msg("role_empty"))
    return clean_text(role, Msg("the_role"), limit=63, required=True)


def _server_store(*, create: bool = False) -> "PostgresStore":
    """The session's ledger, which must be on a server (roles are the server's)."""
    from tenactions.errors import InputError
    from tenactions.store import is_url
    from tenactions.store.postgres import PostgresStore

    s = session()
    if not is_url(s.resolved_db()):
        raise InputError(Msg("access_needs_server", file=s.shown_db()))
    store = s.store(create=create)
    assert isinstance(store, PostgresStore)
    return store
