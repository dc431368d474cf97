"""Writing output files so that a reader never sees half of one and nothing else is harmed.

:func:`open_output` is the one way a command writes its ``--output``: it refuses the ledger
itself (and its ``-wal``/``-shm``/journal files, under any name or link) and the programme file
in use, replaces a regular
file atomically, writes straight into anything else (a terminal, ``/dev/stdout``, a FIFO, a
device), reports write errors there (``/dev/full``: no space left), and leaves no partial file
behind when it is interrupted or terminated.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tenactions.errors import InputError, TenactionsError, os_reason
from tenactions.messages import Code, Msg

#: The files SQLite keeps beside a ledger; none of them may be overwritten by an output.
LEDGER_COMPANIONS = ("", "-wal", "-shm", "-journal")

#: The standard descriptors (0, 1, 2) that were closed when the programme started; see
#: :func:`hold_standard_fds`.
CLOSED_AT_START: set[int] = set()

_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like an interrupt so that cleanup code runs (exit code 143, not 130)."""


def hold_standard_fds() -> None:
    """Put /dev/null on every standard descriptor that is closed, remembering which were.

    Called first thing: otherwise the next file opened (the ledger itself) would take the
    number 1 and be written to as standard output. The placeholder only keeps the number
    taken; output meant for a closed standard output is refused, not sent to /dev/null.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            CLOSED_AT_START.add(fd)


def _names_stdout(path: Path) -> bool:
    """Whether ``path`` is standard output by name (``/dev/stdout`` or a link to it)."""
    text = os.path.abspath(path)
    for _ in range(40):
        if text in _STDOUT_NAMES:
            return True
        try:
            link = os.readlink(text)
        except OSError:
            return False
        text = os.path.normpath(os.path.join(os.path.dirname(text), link))
    return False


def _stdout_closed() -> TenactionsError:
    return TenactionsError(Msg("stdout_closed"))


def given_path(text: str | None, option: str) -> Path | None:
    """The path given to ``option`` as typed; ``None`` if none was given.

    An empty one is refused: ``Path("")`` is the current folder, which would be reported as
    a folder the user never named.
    """
    if text is None:
        return None
    if text == "":
        raise InputError(Msg("path_empty", what=Code(option)))
    return Path(text)


def shown_path(path: Path | str) -> str:
    """A path as text safe to print: control characters (from outside names) escaped."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode() for ch in text
    )


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def refuse_ledger(path: Path, ledger: Path | None, *, programme: Path | None = None) -> None:
    """Refuse an output path that is the ledger or one of SQLite's files beside it, or the
    programme file in use (an output written over it would lose the programme)."""
    if programme is not None and _same_file(path, programme):
        raise TenactionsError(Msg("output_is_programme", path=shown_path(path)))
    if ledger is None:
        return
    for suffix in LEDGER_COMPANIONS:
        companion = ledger.with_name(ledger.name + suffix)
        if _same_file(path, companion):
            raise TenactionsError(
                Msg("output_is_ledger", path=shown_path(path), ledger=shown_path(companion))
            )


@contextmanager
def open_output(
    path: Path | None, *, ledger: Path | None = None, programme: Path | None = None
) -> Iterator[BinaryIO]:
    """A binary handle for a command's output.

    ``None`` or ``-`` is standard output. A regular file (or a new one) is written to a
    temporary file beside it and renamed over it only when the block succeeds. Anything else
    that exists (a character device, a FIFO, ``/dev/stdout``) is written to directly, so it is
    never replaced by a regular file; its write errors are reported.
    """
    if path is None or str(path) == "-":
        if 1 in CLOSED_AT_START:
            raise _stdout_closed()
        yield from _stdout()
        return
    if 1 in CLOSED_AT_START and _names_stdout(path):
        raise _stdout_closed()
    refuse_ledger(path, ledger, programme=programme)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise TenactionsError(
            Msg("cannot_write_here", path=shown_path(path), why=os_reason(exc))
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise TenactionsError(Msg("output_is_folder", path=shown_path(path)))
    if info is not None and _is_stdout(info):
        yield from _stdout()
        return
    real = Path(os.path.realpath(path))
    if info is not None and (
        not stat.S_ISREG(info.st_mode) or real.parts[1:2] in (("dev",), ("proc",))
    ):
        with _direct_output(path) as fh:
            yield fh
        return
    # A link to a regular file: the file is replaced, the link kept.
    with atomic_output(real if info is not None else path) as fh:
        yield fh


def _stdout() -> Iterator[BinaryIO]:
    out = sys.stdout.buffer
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    yield out
    out.flush()


def _is_stdout(info: os.stat_result) -> bool:
    try:
        return os.path.samestat(info, os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):
        return False


@contextmanager
def _direct_output(path: Path) -> Iterator[BinaryIO]:
    """Write into an existing non-regular file (device, FIFO) as it is: never replace it."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as exc:
        raise TenactionsError(
            Msg("cannot_write", path=shown_path(path), why=os_reason(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
    except OSError as exc:
        raise TenactionsError(
            Msg("cannot_write", path=shown_path(path), why=_reason(exc))
        ) from None


def _reason(exc: OSError) -> Msg:
    return os_reason(exc)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While the block runs, SIGTERM raises KeyboardInterrupt, so cleanup code runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``path`` only when the block succeeds."""
    folder = path.parent if str(path.parent) else Path(".")
    with _terminate_as_interrupt():
        # Signals wait while the temporary file is made, so that an interrupt always finds the
        # clean-up below in place (else one arriving just after mkstemp leaves a .partial file).
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".partial")
        except OSError as exc:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            raise TenactionsError(
                Msg("cannot_write_here", path=shown_path(path), why=os_reason(exc))
            ) from None
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            # mkstemp makes the file private (0600); give it the mode any new file would get.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            raise TenactionsError(
                Msg("cannot_write", path=shown_path(path), why=_reason(exc))
            ) from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
