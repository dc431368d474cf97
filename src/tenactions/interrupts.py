"""Signals held while a finished write says what it did.

Between a write's commit and the line that reports it, a Ctrl-C or a ``kill`` would make a
command whose work is done exit as if it had failed, and a retry would record it twice. The
stores call :func:`hold_signals` just before they commit; the command's exit point calls
:func:`release_signals` once its result is out (or it failed). Only the standard library,
so that every command may import it at no cost.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

#: Whether SIGINT and SIGTERM are held (see hold_signals), and the mask to restore.
_held: list[set[int | signal.Signals]] = []
#: Whether a command is running that releases them (see until_done): a store used as a
#: library (tests, the demo) never holds them, so nothing it starts inherits them held.
_armed: list[bool] = []


@contextlib.contextmanager
def until_done() -> Iterator[None]:
    """Around a whole command: writes inside may hold the signals, released at the end."""
    _armed.append(True)
    try:
        yield
    finally:
        _armed.pop()
        release_signals()


def hold_signals() -> None:
    """Hold SIGINT and SIGTERM from just before a write commits until the command has said
    what it did (:func:`release_signals`): a Ctrl-C or a kill in between must not turn work
    that is done into an exit code that says it failed (a retry would record it twice)."""
    if not _armed or _held or threading.current_thread() is not threading.main_thread():
        return
    try:
        _held.append(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}))
    except (ValueError, OSError):  # pragma: no cover - no signals here
        return


def release_signals() -> None:
    """End :func:`hold_signals`: a SIGINT or SIGTERM that came meanwhile is dropped, since
    the command has finished (the exit code is its own)."""
    if not _held:
        return
    previous = _held.pop()
    with contextlib.suppress(ValueError, OSError):
        pending = signal.sigpending() & {signal.SIGINT, signal.SIGTERM}
        for signum in pending:
            signal.sigwait({signum})  # taken off the queue, so unblocking delivers nothing
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
