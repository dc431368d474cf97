"""Start-up guard: the commands run many times a day import only what they need.

Each case runs the real CLI in a fresh interpreter and then looks at ``sys.modules``, which
catches a heavy module however it was reached (a top-level import, a re-export, a plugin).
This is not a timing: it fails when, say, ``log`` starts importing openpyxl, which would show
up in ``bench/run.py`` as a slower ``log`` at every ledger size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Heavy modules and who legitimately needs them: YAML and pydantic validate the programme
# file (only on a cache miss), sqlite_utils serves `check`, openpyxl the xlsx export, report
# and template, python_calamine the workbook import, the HTML/XLSX renderers their formats.
HEAVY = (
    "openpyxl",
    "python_calamine",
    "pydantic",
    "pydantic_core",
    "yaml",
    "sqlite_utils",
    "tenactions.programme_schema",
    "tenactions.render.html",
    "tenactions.render.svg",
    "tenactions.render.xlsx",
)

# Run the console script's entry point in this interpreter, then list what it imported.
_PROBE = """
import json, sys
out = sys.argv[1]
sys.argv = ["tenactions", *sys.argv[2:]]
from tenactions.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
finally:
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A clean environment whose programme cache is warm (one real run fills it)."""
    home = tmp_path_factory.mktemp("imports")
    base = {k: v for k, v in os.environ.items() if not k.startswith("TENACTIONS_")}
    env = base | {
        "TENACTIONS_DB": str(home / "ledger.db"),
        "TENACTIONS_CACHE_DIR": str(home / "cache"),
        "TENACTIONS_TODAY": "2024-10-01",
        "TENACTIONS_USER": "tester",
        "TENACTIONS_LANG": "en",
        "NO_COLOR": "1",
    }
    warm = subprocess.run(
        [sys.executable, "-m", "tenactions", "targets"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert warm.returncode == 0, warm.stderr
    assert list((home / "cache").glob("programme-*.json")), "the programme cache was not written"
    # Reading commands refuse a missing ledger: make it here, so that no case depends on
    # `log` having run first on the same test worker.
    from tenactions.store import open_store

    open_store(home / "ledger.db").close()
    return env


def imported_by(env: dict[str, str], tmp_path: Path, *args: str) -> set[str]:
    """The modules loaded by one run of ``tenactions ARGS``; the run must succeed."""
    out = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(out), *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert out.exists(), done.stderr
    result = json.loads(out.read_text("utf-8"))
    assert result["code"] == 0, f"tenactions {' '.join(args)} failed: {done.stderr}"
    modules: set[str] = set(result["modules"])
    return modules


def heavy_in(modules: set[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["report", "--lang", "zh", "--help"],
        ["log", "trees", "5", "--district", "天河"],
        ["targets"],
        ["entries"],
    ],
    ids=lambda args: "-".join(args[:3]),
)
def test_frequent_commands_import_nothing_heavy(
    env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    modules = imported_by(env, tmp_path, *args)
    assert "tenactions.cli.app" in modules  # the probe really ran the CLI
    assert heavy_in(modules) == []


def test_report_as_json_does_not_import_openpyxl(env: dict[str, str], tmp_path: Path) -> None:
    modules = imported_by(env, tmp_path, "report", "--as-of", "2024-10-01", "--format", "json")
    assert "tenactions.render.json" in modules
    assert heavy_in(modules, ("openpyxl", "tenactions.render.xlsx")) == []


def test_the_guard_sees_a_heavy_import(env: dict[str, str], tmp_path: Path) -> None:
    # `check` validates the programme afresh, so it must import pydantic: the probe sees it.
    modules = imported_by(env, tmp_path, "check")
    assert "pydantic" in heavy_in(modules)


# The console script as installed, with a look at the collector once the process is ending.
_EXIT_PROBE = """
import atexit, gc, sys
atexit.register(lambda: sys.stderr.write(f"frozen={gc.get_freeze_count()}\\n"))
sys.argv = ["tenactions", *sys.argv[1:]]
from tenactions.cli import main
main()
"""


@pytest.mark.parametrize(
    ("args", "code"),
    [(["log", "trees", "5", "--district", "天河"], 0), (["log", "trees", "lots"], 1)],
    ids=["logged", "refused"],
)
def test_the_process_leaves_its_objects_to_the_os(
    env: dict[str, str], args: list[str], code: int
) -> None:
    """The exit skips the collector's walk over every object the imports made (tens of ms of
    a `log`), and keeps the exit code, the output and the ledger as they were."""
    from tenactions.store import open_store

    def counts() -> tuple[int, int]:
        with open_store(env["TENACTIONS_DB"], create=False) as store:
            return store.counts()

    before = counts()
    done = subprocess.run(
        [sys.executable, "-c", _EXIT_PROBE, *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    frozen = [line for line in done.stderr.splitlines() if line.startswith("frozen=")]
    assert frozen and int(frozen[0].removeprefix("frozen=")) > 10_000
    assert "Traceback" not in done.stderr
    if code == 0:
        assert done.stdout.startswith("Logged entry")
        assert counts()[0] == before[0] + 1
    else:
        assert done.stdout == ""
        assert len([line for line in done.stderr.splitlines() if "error" in line]) == 1
        assert counts() == before
