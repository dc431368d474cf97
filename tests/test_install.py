"""A plain `pip install .` exposes the command and ships the programme file."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_the_programme_and_the_command(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [wheel] = wheels.glob("tenactions-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    assert (target / "tenactions" / "data" / "actions.yaml").is_file()
    # Run from an unrelated folder so nothing can be found through the checkout.
    deps = sysconfig.get_paths()["purelib"]
    env = dict(os.environ, PYTHONPATH=f"{target}{os.pathsep}{deps}")
    script = target / "bin" / "tenactions"
    assert script.is_file()
    out = subprocess.run(
        [sys.executable, str(script), "info"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert f"programme: {target / 'tenactions' / 'data' / 'actions.yaml'} (shipped)" in out.stdout
    out = subprocess.run(
        [sys.executable, str(script), "targets", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and '"id": "trees"' in out.stdout
