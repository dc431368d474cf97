"""A big import shows progress on stderr when a person is watching, and only then."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest


def big_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("target,amount,date,district,note\n")
        for i in range(rows):
            fh.write(
                f"trees,1,2024-03-{i % 28 + 1:02d},天河,批量导入的第{i}行说明文字用于增加文件大小\n"
            )


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run tenactions with stderr on a pseudo-terminal: (exit code, stdout, what the terminal saw)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tenactions", *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the pty closes when the process exits
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(leader)
    return proc.returncode, out, seen


@pytest.mark.slow
@pytest.mark.usefixtures("ledger")  # on either backend: TENACTIONS_DB names it
def test_progress_on_a_terminal_not_in_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    big_csv(path, 40_000)
    assert path.stat().st_size > 2_000_000
    env = dict(os.environ, TERM="xterm", COLUMNS="120")
    env.pop("NO_COLOR", None)

    code, out, seen = on_a_terminal(["import", str(path)], env)
    assert code == 0
    assert b"40000 rows: 40000 added" in out.replace(b",", b"")
    # Rows done of rows in the file (40,000 and the header), on the terminal.
    assert re.search(rb"big\.csv: [\d,]+ of 40,001 rows", seen), seen[-500:]

    code, out, seen = on_a_terminal(["import", str(path), "--lang", "zh"], env)
    assert code == 0
    assert re.search(r"big\.csv：已读 [\d,]+ / 40,001 行".encode(), seen), seen[-500:]
    assert b" rows" not in seen

    piped = subprocess.run(
        [sys.executable, "-m", "tenactions", "import", str(path)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stderr == b""  # nothing but results when piped
