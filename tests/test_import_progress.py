"""A big import shows progress on stderr when a person is watching, and only then."""

from __future__ import annotations

import os
import pty
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


@pytest.mark.slow
def test_progress_on_a_terminal_not_in_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    big_csv(path, 40_000)
    assert path.stat().st_size > 2_000_000
    env = dict(os.environ, TERM="xterm", COLUMNS="100")
    env.pop("NO_COLOR", None)

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tenactions", "import", str(path)],
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
    assert proc.returncode == 0
    assert b"40000 rows: 40000 added" in out.replace(b",", b"")
    assert b"big.csv: " in seen and b"rows" in seen  # the bar's description, on the terminal

    piped = subprocess.run(
        [sys.executable, "-m", "tenactions", "import", str(path)],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stderr == b""  # nothing but results when piped
