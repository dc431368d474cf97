"""A server that freezes in the middle of a command (its processes stopped with SIGSTOP, as a
paused virtual machine or a swapped-out host would be): the command gives one line and exit 1
within the busy timeout plus ANSWER_GRACE, instead of waiting forever. Its own server, since
the one the suite shares must keep answering the other tests."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tenactions.store import masked
from tenactions.store.postgres import ANSWER_GRACE

BUSY_TIMEOUT = 4


@pytest.fixture(scope="module")
def frozen_server() -> Iterator[tuple[str, int]]:
    """A server of its own holding a ledger in the database ``frozen``: its URL (over its unix
    socket) and the server's process id."""
    if not hasattr(signal, "SIGSTOP"):
        pytest.skip("this platform cannot stop a process (no SIGSTOP)")
    try:
        import pgserver
        import psycopg
    except ImportError as exc:  # pragma: no cover - the dev extra installs both
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    from tenactions.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="tenactions-frozen-"))
    folder.chmod(0o755)
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE frozen")
        url = server.get_uri("frozen")
        open_store(url, create=True).close()
        pid = server.get_pid()
        assert pid is not None
        yield url, pid
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


class Forwarder:
    """TCP on localhost, passed on to the server's unix socket byte for byte (the test server
    listens on its socket only): to the client, a server reached over the network."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.socket(socket.AF_UNIX)
            server.connect(self.socket_path)
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()

    def close(self) -> None:
        self.listener.close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _socket_path(url: str) -> str:
    folder = url.split("host=")[1].split("&")[0]
    [found] = [p for p in Path(folder).glob(".s.PGSQL.*") if not p.name.endswith(".lock")]
    return str(found)


def _stop(pid: int, sig: signal.Signals) -> None:
    import psutil

    postmaster = psutil.Process(pid)
    for process in [postmaster, *postmaster.children(recursive=True)]:
        # A backend may end meanwhile (the test's own look, just closed).
        with contextlib.suppress(psutil.NoSuchProcess):
            process.send_signal(sig)


@pytest.mark.parametrize("over", ["unix socket", "tcp"])
def test_a_server_frozen_mid_command_is_one_line_within_the_bound(
    frozen_server: tuple[str, int], over: str
) -> None:
    import psycopg

    url, pid = frozen_server
    forwarder = None
    if over == "tcp":
        forwarder = Forwarder(_socket_path(url))
        cli_url = f"postgresql://postgres@127.0.0.1:{forwarder.port}/frozen"
    else:
        cli_url = url
    env = dict(os.environ) | {
        "TENACTIONS_DB": cli_url,
        "TENACTIONS_BUSY_TIMEOUT": str(BUSY_TIMEOUT),
    }
    bound = BUSY_TIMEOUT + ANSWER_GRACE
    with psycopg.connect(url) as holder:
        # The log waits for this lock; the server is stopped while it waits, before the
        # server's own lock_timeout can answer it.
        holder.execute("LOCK TABLE tenactions.entries IN EXCLUSIVE MODE")
        command = subprocess.Popen(
            [sys.executable, "-m", "tenactions", "log", "trees", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                with psycopg.connect(url, autocommit=True) as look:
                    waiting = look.execute(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name ="
                        " 'tenactions' AND wait_event_type = 'Lock'"
                    ).fetchone()
                if waiting and waiting[0]:
                    break
                assert command.poll() is None, command.communicate()
                assert time.monotonic() < deadline, "the log never reached the lock"
                time.sleep(0.05)
            _stop(pid, signal.SIGSTOP)
            stopped = time.monotonic()
            _, stderr = command.communicate(timeout=bound + 20)
            took = time.monotonic() - stopped
        finally:
            _stop(pid, signal.SIGCONT)  # whatever happened, before the holder lets go
            if command.poll() is None:
                command.kill()
                command.wait()
            if forwarder is not None:
                forwarder.close()
        holder.rollback()
    assert command.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines() == [
        f"tenactions: error: {masked(cli_url)}: the server stopped answering (no reply in"
        f" {round(bound)} s: it may be stopped or overloaded, or the network to it gone); if"
        " this command was writing, 'tenactions entries' shows whether it was recorded once"
        " the server answers again"
    ]
    assert took < bound + 5, took
    with psycopg.connect(url) as conn:  # nothing was written
        assert conn.execute("SELECT COUNT(*) FROM tenactions.entries").fetchone() == (0,)
