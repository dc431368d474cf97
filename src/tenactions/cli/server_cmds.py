"""Commands for a shared ledger: moving a ledger between a file and a server."""

from typing import TYPE_CHECKING, Annotated

import typer

from tenactions.cli.app import after_commit, command, session
from tenactions.messages import Msg, t

if TYPE_CHECKING:
    from tenactions.store.postgres import PostgresStore


@command("copy")
def copy_cmd(
    source: Annotated[
        str,
        typer.Option(
            "--from",
            help="The ledger to copy: an SQLite file or a postgresql:// URL.",
            show_default=False,
        ),
    ],
    dest: Annotated[
        str,
        typer.Option(
            "--to",
            help="Where to copy it: a new or empty ledger, or an earlier copy of the same one.",
            show_default=False,
        ),
    ],
) -> None:
    """Copy a whole ledger between a file and a server, either way. 在文件与服务器之间复制整个数据库。

    Entries keep their ids, identities, voids and amendments, so every report reads the
    same from the copy. Running it again adds only what is new: it never counts an entry
    twice. The copy is one transaction: all of it or nothing.

    \b
    Example: tenactions copy --from ledger.db --to postgresql://clerk@db.example/tenactions
    """
    from pathlib import Path

    from tenactions.errors import InputError
    from tenactions.store import ledger_file, masked, open_store
    from tenactions.store.transfer import copy_ledger

    s = session()
    lang = s.resolved_lang()
    file = ledger_file(source)
    if file is not None and not Path(file).is_file():
        raise InputError(Msg("no_ledger", path=file, how=Msg("db_from_from_option")))
    with open_store(source, create=False) as src, open_store(dest, create=True) as dst:
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
    help=(
        "District roles on a PostgreSQL ledger. 设置各区在服务器数据库上的权限。\n\n"
        "Example: tenactions access grant tianhe --district 天河"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@command("grant", parent=access_app)
def access_grant_cmd(
    role: Annotated[
        str, typer.Argument(help="The PostgreSQL role (created if it does not exist).")
    ],
    district: Annotated[
        str | None,
        typer.Option(
            "--district",
            help="The district whose entries the role may log, import, void and amend.",
        ),
    ] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="The role may run every report, and write nothing.")
    ] = False,
) -> None:
    """Let a role read the whole ledger and write for one district (or nothing). 授予角色权限。

    Run it as the ledger's owner. Every role reads the whole programme's figures; a
    district's role may add, void and amend only its district's entries, and no role but the
    owner may change the schema. A new role can log in but has no password: set one with
    ALTER ROLE, or let pg_hba.conf decide how it signs in.

    \b
    Example: tenactions access grant tianhe --district 天河 --db postgresql://admin@db/tenactions
    Example: tenactions access grant city_reader --read-only
    """
    from tenactions.errors import InputError
    from tenactions.ledger import clean_text, district_for

    s = session()
    lang = s.resolved_lang()
    if (district is None) == (not read_only):
        raise InputError(Msg("access_district_or_read_only"))
    name = clean_text(role, Msg("the_role"), limit=63, required=True)
    district_name = district_for(s.programme(), district) if district is not None else None
    store = _server_store()
    with store:
        created = store.grant(name, district=district_name, read_only=read_only)
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
    role: Annotated[str, typer.Argument(help="The PostgreSQL role to take access from.")],
) -> None:
    """Take back what 'access grant' gave a role: it may then read and write nothing. 撤销角色权限。

    Run it as the ledger's owner. The role's privileges on the ledger and its place in
    'access list' are removed; running it again changes nothing. The login role itself is
    left on the server (it may be used elsewhere): an administrator drops it with DROP ROLE.

    \b
    Example: tenactions access revoke tianhe --db postgresql://admin@db/tenactions
    """
    from tenactions.ledger import clean_text

    s = session()
    lang = s.resolved_lang()
    name = clean_text(role, Msg("the_role"), limit=63, required=True)
    store = _server_store()
    with store:
        had = store.revoke(name)
    with after_commit():
        print(t(lang, "access_revoked" if had else "access_not_granted", role=name))


@command("list", parent=access_app)
def access_list_cmd() -> None:
    """List the roles given access and what each may write. 列出各角色的权限。

    \b
    Example: tenactions access list
    """
    s = session()
    lang = s.resolved_lang()
    store = _server_store()
    with store:
        rows = store.access()
    for role, district, read_only in rows:
        print(f"{role}\t{t(lang, 'access_reads') if read_only else district}")


def _server_store() -> "PostgresStore":
    """The session's ledger, which must be on a server (roles are the server's)."""
    from tenactions.errors import InputError
    from tenactions.store import is_url
    from tenactions.store.postgres import PostgresStore

    s = session()
    if not is_url(s.resolved_db()):
        raise InputError(Msg("access_needs_server", file=s.shown_db()))
    store = s.store(create=False)
    assert isinstance(store, PostgresStore)
    return store
