"""The Typer application: global options, the session they describe, and the one exit point.

Every command is declared with :func:`command`, which adds the global options to it (so
``tenactions report --lang en`` works as well as ``tenactions --lang en report``) and turns
the project's :class:`~tenactions.errors.TenactionsError` into one line on stderr and an exit
code. Only ``--debug`` lets a traceback through.
"""

import contextlib
import errno
import functools
import gc
import inspect
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from tenactions import __version__
from tenactions.cli.localized import (
    LocalizedCommand,
    LocalizedGroup,
    check_env_lang,
    env_lang,
    folded_lang,
    usage_lang,
)
from tenactions.errors import TenactionsError
from tenactions.messages import Msg, t

if TYPE_CHECKING:
    from tenactions.model import Programme
    from tenactions.store import Store

F = TypeVar("F", bound=Callable[..., Any])


# Every help text comes from the catalogue, in the language chosen at start-up (see localized.py).
app = typer.Typer(
    name="tenactions",
    cls=LocalizedGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich's help panels cost 60-70 ms of start-up (half of `--help`), and plain
    # text reads the same in any terminal, pipe or mail.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Session:
    """What the global options and environment say: which files, which language."""

    programme_path: str | None = None
    """``--programme`` as typed: a path, checked when it is used (an empty one is refused)."""
    db: str | None = None
    lang: str | None = None
    debug: bool = False
    _programme: "Programme | None" = field(default=None, repr=False)
    #: A ledger this command created: said once it succeeded, removed again if it failed.
    created: Path | None = field(default=None, repr=False)
    #: Whether ``created`` was an empty file the user named (kept, emptied, on failure).
    created_in_empty: bool = field(default=False, repr=False)
    #: A server store this command opened to write: it says whether it created the ledger
    #: (in the transaction of the first write, so a failure leaves none to remove).
    creating: "Store | None" = field(default=None, repr=False)

    def resolved_lang(self) -> str:
        return self.lang or env_lang()

    def resolved_programme_path(self) -> Path:
        if self.programme_path is not None:
            from tenactions.files import given_path

            given = given_path(self.programme_path, "--programme")  # "" is not the current folder
            assert given is not None
            return given
        env = os.environ.get("TENACTIONS_PROGRAMME")
        if env:
            return Path(env)
        from tenactions.programme import shipped_programme_path

        return shipped_programme_path()

    def resolved_db(self) -> str:
        """Where the ledger is: a file path, or a server's ``postgresql://`` URL."""
        if self.db == "":  # not the current folder, which Path("") would name
            from tenactions.errors import InputError
            from tenactions.messages import Code

            raise InputError(Msg("path_empty", what=Code("--db")))
        if self.db is not None:
            return self.db
        env = os.environ.get("TENACTIONS_DB")
        if env:
            return env
        import platformdirs

        return str(
            Path(platformdirs.user_data_dir("tenactions", appauthor=False)) / "tenactions.db"
        )

    def resolved_db_path(self) -> Path | None:
        """The ledger's file, or ``None`` when the ledger is on a server."""
        from tenactions.store import ledger_file

        return ledger_file(self.resolved_db())

    def shown_db(self) -> str:
        """The ledger as named in messages: a URL's password is never shown."""
        from tenactions.store import masked

        return masked(self.resolved_db())

    def db_source(self) -> str:
        """How the ledger was chosen: ``--db``, ``TENACTIONS_DB`` or ``default``."""
        if self.db is not None:
            return "--db"
        return "TENACTIONS_DB" if os.environ.get("TENACTIONS_DB") else "default"

    def store(self, *, create: bool = True, must_exist: bool = True) -> "Store":
        """Open the ledger.

        Commands that write new entries pass ``create=True``: a missing ledger is made, and
        stderr says so once. The others refuse a ledger that does not exist (a mistyped
        ``--db`` or a crontab without ``TENACTIONS_DB`` must not read as an empty ledger with
        every target behind), unless ``must_exist=False`` lets a missing one read as empty.
        A server's ledger is always opened: the server says whether it exists.
        """
        store = self._open_store(create=create, must_exist=must_exist)
        if self._programme is not None:
            # Entries under a renamed target's former ids count for it everywhere.
            store.renamed = self._programme.renamed
            store.timezone = self._programme.timezone
            store.targets = {target.id: target for target in self._programme.targets}
        return store

    def _open_store(self, *, create: bool, must_exist: bool) -> "Store":
        from tenactions.errors import InputError, NoLedger
        from tenactions.store import open_store

        location = self.resolved_db()
        path = self.resolved_db_path()
        if path is None:
            try:
                # A dry run (must_exist=False) reads a database without the ledger as empty.
                store = open_store(location, create=create, empty_if_missing=not must_exist)
            except NoLedger:
                raise InputError(
                    Msg("pg_no_ledger", file=self.shown_db(), how=self.db_how())
                ) from None
            if create:
                self.creating = store
            return store
        if _empty_file(path) and create:
            # The user named this empty file: the ledger is made in it, said as for a new
            # one, and emptied again if the command is refused.
            store = open_store(path, create=True)
            self.created, self.created_in_empty = path, True
            return store
        if not path.exists():
            if create:
                # Said once the command succeeded (see `command`); a refused log or import
                # removes it again, so a mistyped path never leaves an empty ledger behind.
                store = open_store(path, create=True)
                self.created = path
                return store
            if must_exist:
                raise InputError(Msg("no_ledger", path=path, how=self.db_how()))
        return open_store(location, create=create)

    def db_how(self) -> Msg:
        """Where the ledger's location came from, as messages say it."""
        how = {"--db": "db_from_option", "TENACTIONS_DB": "db_from_env"}.get(
            self.db_source(), "db_from_default"
        )
        return Msg(how)

    def created_ledger(self) -> str | None:
        """The ledger this command created, as shown, once its creation is committed."""
        if self.created is not None:
            return str(self.created)
        if self.creating is not None and getattr(self.creating, "created", False):
            return self.creating.shown
        return None

    def programme(self) -> "Programme":
        if self._programme is None:
            from tenactions.programme import load_programme

            self._programme = load_programme(self.resolved_programme_path())
        return self._programme


_current = Session()


def session() -> Session:
    """The session of the command being run (the root callback makes a new one each run)."""
    return _current


def _validate_lang(value: str | None) -> str | None:
    if value is None:
        return None
    folded = folded_lang(value)
    if folded is None:
        raise typer.BadParameter(t(usage_lang(), "bad_lang", value=value))
    return folded


ProgrammeOpt = Annotated[
    str | None,
    typer.Option(
        "--programme",
        show_default=False,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        callback=_validate_lang,
        show_default=False,
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug")]

_COMMON = {
    "programme": inspect.Parameter(
        "programme", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ProgrammeOpt
    ),
    "db": inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DbOpt),
    "lang": inspect.Parameter(
        "lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LangOpt
    ),
    "debug": inspect.Parameter(
        "debug", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=DebugOpt
    ),
}


def _version(value: bool) -> None:
    if value:
        print(t(session().resolved_lang(), "version", version=__version__))
        raise typer.Exit()


@app.callback()
def _root(
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True),
    ] = None,
) -> None:
    global _current
    _current = Session(programme_path=programme, db=db, lang=lang, debug=debug)


def take_common(
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
    debug: DebugOpt = False,
) -> None:
    """The global options given after a command or a group's name (``tenactions access
    --lang zh grant …``): each one given overrides what was given before it."""
    s = session()
    if programme is not None:
        s.programme_path = programme
    if db is not None:
        s.db = db
    if lang is not None:
        s.lang = lang
    s.debug = s.debug or debug


def command(
    name: str, *, negative_amounts: bool = False, parent: typer.Typer | None = None
) -> Callable[[F], F]:
    """Register a command that also takes the global options and reports errors cleanly.

    ``parent`` puts it in a group (``tenactions access grant``) instead of the top level.
    """

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn)
        params = [p for p in sig.parameters.values()]
        params += [p for n, p in _COMMON.items() if n not in sig.parameters]

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> Any:
            s = session()
            take_common(
                programme=kwargs.pop("programme", None),
                db=kwargs.pop("db", None),
                lang=kwargs.pop("lang", None),
                debug=kwargs.pop("debug", False),
            )
            try:
                if s.lang is None:
                    check_env_lang()
                result = _run_command(fn, s, kwargs)
            except TenactionsError as exc:
                _forget_created(s)
                if s.debug:
                    raise
                fail(exc.texts(), exc.exit_code, s.resolved_lang())
            except KeyboardInterrupt as exc:
                from tenactions.files import Terminated

                _forget_created(s)
                # 128 + the signal's number, as a shell reports it: SIGTERM 143, SIGINT 130.
                code = 143 if isinstance(exc, Terminated) else 130
                fail([Msg("interrupted")], code, s.resolved_lang())
            except BrokenPipeError:
                # `tenactions entries | head`: the reader left; that is not an error, and a
                # write that committed before it stays a success.
                quiet_stdout()
                return None
            except OSError as exc:
                if exc.errno != errno.EBADF:
                    raise
                # Standard output was closed before the command started (`tenactions report
                # >&-`): a write that committed has already succeeded (see after_commit).
                fail([Msg("stdout_closed")], 1, s.resolved_lang())
            else:
                return result
            return None

        wrapper.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        # With negative_amounts, "-5" reaches the amount argument (and is refused there with a
        # clear message) instead of being taken for an unknown option.
        settings = {"ignore_unknown_options": True} if negative_amounts else None
        # Its help is the catalogue's (messages.HELP), put in when the run starts.
        (parent or app).command(name, cls=LocalizedCommand, context_settings=settings)(wrapper)
        return fn

    return decorate


def _run_command(fn: Callable[..., Any], s: Session, kwargs: dict[str, Any]) -> Any:
    """Run a command and say which ledger it created; a SIGINT or SIGTERM held since its
    write committed (see :mod:`tenactions.interrupts`) is dropped once all is said."""
    from tenactions.interrupts import until_done

    with until_done():
        result = fn(**kwargs)
        created = s.created_ledger()
        if created is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(t(s.resolved_lang(), "ledger_created", file=created) + "\n")
        return result


def _forget_created(s: Session) -> None:
    """Remove the ledger this command created if it failed before writing anything to it."""
    path, s.created = s.created, None
    if path is None:
        return
    import sqlite3

    try:
        conn = sqlite3.connect(path)
        try:
            held = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return
    if held == 0:
        for extra in ("", "-wal", "-shm", "-journal"):
            if not extra and s.created_in_empty:
                with contextlib.suppress(OSError), open(path, "r+b") as f:
                    f.truncate(0)
                continue
            with contextlib.suppress(OSError):
                Path(f"{path}{extra}").unlink()


def _empty_file(path: Path) -> bool:
    """Whether ``path`` is an existing regular file of 0 bytes."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def fail(texts: Sequence[Msg], code: int, lang: str) -> None:
    """Print an error on stderr (no markup, no traceback) and exit with ``code``."""
    prefix = t(lang, "error_prefix")
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    for line in shown(texts, lang):
        sys.stderr.write(prefix + printable(line) + "\n")
    raise typer.Exit(code)


def warn(texts: Sequence[Msg], lang: str) -> None:
    """Print notices on stderr (after a success: never changes the exit code)."""
    prefix = t(lang, "warning_prefix")
    with contextlib.suppress(OSError, ValueError):
        for line in shown(texts, lang):
            sys.stderr.write(prefix + printable(line) + "\n")


def shown(texts: Sequence[Msg], lang: str) -> list[str]:
    """The lines of ``texts`` in ``lang``: the one place a message is formatted for stderr."""
    return [line for text in texts for line in text.render(lang).splitlines()]


def load_commands() -> typer.Typer:
    """Register every command on :data:`app` and return it."""
    from tenactions.cli import (  # noqa: F401 - registers
        ledger_cmds,
        programme_cmds,
        report_cmds,
        server_cmds,
    )

    if not any(group.name == "access" for group in app.registered_groups):
        app.add_typer(server_cmds.access_app, name="access", cls=LocalizedGroup)

    return app


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (from file names, cells) shown escaped."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in text
    )


#: Set (to seconds) only by tests: a pause between a write's commit and its result.
PAUSE_AFTER_COMMIT = "TENACTIONS_TEST_PAUSE_AFTER_COMMIT"


@contextlib.contextmanager
def after_commit() -> Iterator[None]:
    """Around what a command prints after its write has committed.

    A closed or broken standard output, or one that cannot show the text, must not turn a
    success into a failure (a retry would record the entry twice): the output is dropped
    and the command still exits 0.
    """
    pause = os.environ.get(PAUSE_AFTER_COMMIT)
    if pause:  # tests only: a moment to send a signal into
        import time

        time.sleep(float(pause))
    try:
        yield
    except (OSError, ValueError):  # BrokenPipeError, EBADF, a closed file, UnicodeEncodeError
        quiet_stdout()


def quiet_stdout() -> None:
    """Send whatever is still buffered for standard output nowhere."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class ClosedStdout(io.RawIOBase):
    """Standard output when it was closed before start: every write fails with EBADF."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> "ClosedStdout":
        return self


def safe_streams() -> None:
    """A terminal that cannot show Chinese gets escapes (\\u5929), not an encoding error.

    A closed standard output refuses writes (EBADF); a closed standard error drops what would
    have been shown there: it never stops a write nor changes an exit code.
    """
    from tenactions.files import CLOSED_AT_START

    if sys.stdout is None or 1 in CLOSED_AT_START:
        sys.stdout = ClosedStdout()  # type: ignore[assignment,unused-ignore]
    if sys.stderr is None or 2 in CLOSED_AT_START:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding not in ("utf8", "utf8sig", "gb18030"):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def run() -> None:
    """The console script: load the commands, run, and keep broken pipes quiet."""
    try:
        _run()
    finally:
        # The process ends here: the interpreter's collections at exit would walk every object
        # the imports made (some 40,000 once a server's driver is loaded: ~40 ms of CPU, a
        # sixth of a server's `log`) only to free memory the OS takes back anyway. Frozen
        # objects are left to it; atexit handlers and the closing of files still run.
        gc.freeze()


def _run() -> None:
    from tenactions.files import hold_standard_fds

    hold_standard_fds()
    safe_streams()
    load_commands()
    try:
        app()
    except BrokenPipeError:
        # `tenactions entries | head`: the reader left; that is not an error.
        quiet_stdout()
        sys.exit(0)
    except OSError as exc:
        if exc.errno != errno.EBADF:
            raise
        lang = session().resolved_lang()
        line = t(lang, "error_prefix") + t(lang, "stdout_closed") + "\n"
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(line)
        sys.exit(1)
