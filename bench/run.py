"""The performance benchmark (``make bench``): every command as a whole process, at every size.

It generates deterministic synthetic ledgers (10k, 100k and 1M entries spread over every
target, every district and the whole of 2024), builds each ledger by importing its CSV through
the real CLI (that import is itself measured), then times ``--help``, ``log``, ``report``,
``summary``, ``import`` and ``export`` as fresh processes, several runs each, with their peak
memory. The ``sqlite3`` shell doing the same work on the same data (``.import`` into a bare
table with one index, a ``GROUP BY`` of totals per target) is the floor; without the shell,
Python's sqlite3 module does it instead and the output says so.

Every measurement is a named command line. A command that fails is recorded as
``failed: <its error line>`` and the benchmark goes on, so the harness runs before every
command exists. Results are printed and written to ``bench/results.md``; generated data
stays in ``bench/data/`` (git-ignored).

    python bench/run.py                      # 10k, 100k and 1M entries (about 10 minutes)
    python bench/run.py --quick              # 10k only, 3 runs: a smoke test
    python bench/run.py --sizes 10k,100k --runs 3
    python bench/run.py --only xlsx          # just the XLSX-vs-CSV import, 100k rows

The XLSX import is measured on the same rows written as a district's workbook (numbers and
date cells, a title row above the header) at every size up to 100k, against the CSV import
of the same rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results.md"
RESULTS_XLSX = BENCH / "results-xlsx.md"  # --only xlsx writes here, leaving the full run's
PROGRAMME_FILE = ROOT / "data" / "actions.yaml"

#: The seed of every generated ledger: the programme's launch date.
SEED = 20240725
#: Bump when the generator changes, so that cached CSV files are not reused.
GENERATOR_VERSION = 1
CSV_HEADER = ("target", "amount", "date", "district", "by", "note", "ref")
YEAR_START = dt.date(2024, 1, 1)
YEAR_END = dt.date(2024, 12, 31)
AS_OF = YEAR_END.isoformat()

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
FAST_RUNS = 5
HEAVY_RUNS = 3
BIG = 1_000_000  # the size the import and export budgets are stated for

# Budgets (medians, seconds; memory in MB).
HELP_BUDGET = 0.15
LOG_BUDGET = 0.20
REPORT_BUDGET = 0.5
REPORT_RATIO = 1.5
IMPORT_RATIO = 3.0
IMPORT_MEMORY_MB = 200
EXPORT_BUDGET = 10.0
XLSX_RATIO = 1.5  # an XLSX import against the CSV import of the same rows
XLSX_BUDGET_SIZE = 100_000  # the size the XLSX budget is stated for; larger sizes skip XLSX

FAST_TIMEOUT = 120.0
HEAVY_TIMEOUT = 900.0

# --- synthetic data ----------------------------------------------------------------------------

_BY = ("张伟", "李娜", "王芳", "陈静", "刘洋", "黄磊", "district-office", "coordinator")
_NOTES = (
    "",
    "",
    "",
    "月度报表",
    "植树节",
    "线上活动",
    "补录",
    "第三季度汇总",
    "Q3 report",
    "月度报表, 第3周",  # a comma: the CSV must quote it
    'said "done"',  # quotes inside a cell
    "-补录",  # starts like a formula: neutralised on export
)


@dataclass(frozen=True)
class TargetSpec:
    """What the generator needs of a target: which dates it may carry and how amounts look."""

    id: str
    kind: str
    decimals: int
    days: tuple[str, ...]  # the ISO dates an entry may have, first to last
    weight: float


@dataclass(frozen=True)
class DistrictSpec:
    name_zh: str
    alias: str
    code: str


@dataclass(frozen=True)
class ProgrammeSpec:
    targets: tuple[TargetSpec, ...]
    districts: tuple[DistrictSpec, ...]


def programme_spec(path: Path = PROGRAMME_FILE) -> ProgrammeSpec:
    """The shipped programme's target ids and districts, read through tenactions itself."""
    from tenactions.programme import load_programme

    programme = load_programme(path, use_cache=False)
    weights = {"cumulative": 1.0, "recurring": 0.5, "milestone": 0.1}
    targets = []
    for target in programme.targets:
        first = max(YEAR_START, programme.start, target.start, target.window_start or YEAR_START)
        last = min(YEAR_END, programme.end, target.end, target.due or YEAR_END)
        span = (last - first).days + 1
        days = tuple((first + dt.timedelta(days=i)).isoformat() for i in range(max(span, 1)))
        targets.append(
            TargetSpec(target.id, target.kind, target.decimals, days, weights[target.kind])
        )
    districts = tuple(
        DistrictSpec(
            d.name_zh,
            d.aliases[0] if d.aliases else d.name_zh,
            "".join(ch for ch in d.name_en.upper() if ch.isalpha())[:3],
        )
        for d in programme.districts
    )
    return ProgrammeSpec(tuple(targets), districts)


def generate_rows(
    n: int, seed: int = SEED, spec: ProgrammeSpec | None = None
) -> Iterator[tuple[str, ...]]:
    """``n`` rows in :data:`CSV_HEADER` order; the same seed always gives the same rows.

    Targets are drawn by weight (milestones rarely), dates uniformly within the days each
    target may carry, districts uniformly (one in ten by its short alias, as people type it).
    Amounts are mostly plain numbers, some written ``1,234``, ``1.5千`` or ``2.5万``; money has
    fen. Seven rows in ten carry a reference unique in the file; the rest are identified by
    their content, as an import identifies them.
    """
    spec = spec or programme_spec()
    rng = random.Random(seed)
    targets = spec.targets
    cum_weights = []
    total = 0.0
    for t in targets:
        total += t.weight
        cum_weights.append(total)
    districts = spec.districts
    for i in range(n):
        target = rng.choices(targets, cum_weights=cum_weights)[0]
        district = districts[rng.randrange(len(districts))]
        district_text = district.alias if rng.random() < 0.1 else district.name_zh
        yield (
            target.id,
            _amount(rng, target),
            target.days[rng.randrange(len(target.days))],
            district_text,
            _BY[rng.randrange(len(_BY))],
            _NOTES[rng.randrange(len(_NOTES))],
            f"{district.code}-{i + 1:07d}" if rng.random() < 0.7 else "",
        )


def _amount(rng: random.Random, target: TargetSpec) -> str:
    if target.kind == "milestone":
        return "1"
    form = rng.random()
    if target.decimals:
        if form < 0.15:
            tenths = rng.randint(1, 99)
            return f"{tenths // 10}.{tenths % 10}万"
        cents = rng.randrange(100, 2_000_000)
        if form < 0.2:
            return f"{cents // 100:,}"
        return f"{cents // 100}.{cents % 100:02d}"
    if form < 0.07:
        return f"{rng.randint(1_000, 9_999):,}"
    if form < 0.1:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}千"
    return str(rng.randint(1, 200))


def write_csv(path: Path, n: int, seed: int = SEED, spec: ProgrammeSpec | None = None) -> Path:
    """Write ``n`` generated rows under a header to ``path`` (UTF-8), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(generate_rows(n, seed, spec))
    os.replace(tmp, path)
    return path


def write_xlsx(csv_file: Path, path: Path) -> Path:
    """The rows of a generated CSV as a district's workbook: a title row, then the header;
    plain amounts as numbers, dates as date cells (as Excel and WPS save them)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    sheet.append(["天河区工会 2024年十项行动进度填报表"])
    with csv_file.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        sheet.append(next(rows))
        for target, amount, date, *rest in rows:
            number: object = amount
            if amount.isdigit():
                number = int(amount)
            elif amount.replace(".", "", 1).isdigit():
                number = float(amount)
            sheet.append([target, number, dt.date.fromisoformat(date), *rest])
    tmp = path.with_name(f".{path.name}.partial")
    book.save(tmp)
    os.replace(tmp, path)
    return path


def xlsx_path(n: int, seed: int = SEED) -> Path:
    return csv_path(n, seed).with_suffix(".xlsx")


def csv_is_whole(path: Path, n: int) -> bool:
    """Whether a generated file is still there with its header and all of its rows."""
    try:
        with path.open("rb") as fh:
            if fh.readline() != (",".join(CSV_HEADER) + "\n").encode():
                return False
            lines = 1 + sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return False
    # A note never holds a newline, so every row is one line.
    return lines == n + 1


def csv_path(n: int, seed: int = SEED) -> Path:
    return DATA / f"ledger-{label(n)}-seed{seed}-v{GENERATOR_VERSION}.csv"


def label(n: int) -> str:
    if n == 0:
        return "empty"
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def parse_size(text: str) -> int:
    t = text.strip().lower().replace("_", "")
    factor = 1
    if t.endswith("k"):
        factor, t = 1_000, t[:-1]
    elif t.endswith("m"):
        factor, t = 1_000_000, t[:-1]
    value = int(float(t) * factor)
    if value <= 0:
        raise ValueError(f"{text!r}: a size is a positive number of entries")
    return value


# --- running one process -----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    wall: float
    max_rss_mb: float
    exit_code: int
    error: str | None


#: GNU time forks the command from its own small process and reports that child's peak RSS.
GNU_TIME = "/usr/bin/time"
# Without GNU time, this launcher does the same; its own ~9 MB count in the child's peak,
# and it times the child itself so that its start-up is not in the figures.
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        os.write(2, f"cannot start {sys.argv[2]}: {exc.strerror}\\n".encode())
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_maxrss} {wall}\\n")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def memory_probe() -> str:
    """How peak memory is measured: ``time`` (GNU time) or ``python`` (the launcher above)."""
    return "time" if os.access(GNU_TIME, os.X_OK) else "python"


def probe_description(probe: str) -> str:
    if probe == "time":
        return "GNU time's %M: the peak RSS of the command's own process"
    return "a Python launcher's wait4 ru_maxrss (GNU time is not installed; may add up to ~10 MB)"


def spawn(
    argv: Sequence[str], env: Mapping[str, str], out: Path, timeout: float, probe: str
) -> Run:
    """Run one fresh process: its wall time from start to exit, and its peak RSS.

    The peak must come from a process forked by something small: Linux carries a process's
    peak RSS across ``exec``, so a child spawned straight from this benchmark (tens of MB)
    would report at least the benchmark's own size. Standard output goes to ``out``,
    standard error next to it.
    """
    err = out.with_suffix(".err")
    rss_file = out.with_suffix(".rss")
    rss_file.unlink(missing_ok=True)
    if probe == "time":
        wrapped = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *argv]
    else:
        wrapped = [sys.executable, "-S", "-c", _LAUNCHER, str(rss_file), *argv]
    wr = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(out), wr, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(err), wr, 0o644),
    ]
    start = time.perf_counter()
    try:
        pid = os.posix_spawn(wrapped[0], wrapped, dict(env), file_actions=actions, setsid=True)
    except OSError as exc:
        return Run(0.0, 0.0, 127, f"cannot start {wrapped[0]}: {exc.strerror}")
    killed: list[bool] = []

    def kill() -> None:
        killed.append(True)
        os.killpg(pid, signal.SIGKILL)  # the wrapper and the command: setsid made them a group

    watchdog = threading.Timer(timeout, kill)
    watchdog.start()
    try:
        _, status, _ = os.wait4(pid, 0)
    finally:
        watchdog.cancel()
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    rss_mb = 0.0
    try:
        fields = rss_file.read_text().splitlines()[-1].split()
        rss_mb = int(fields[0]) / 1024  # kilobytes on Linux
        if len(fields) > 1:
            wall = float(fields[1])
    except (OSError, IndexError, ValueError):
        pass
    if killed:
        return Run(wall, rss_mb, code, f"killed after {timeout:.0f} s")
    if code != 0:
        return Run(wall, rss_mb, code, error_line(err.read_text("utf-8", "replace"), code))
    return Run(wall, rss_mb, code, None)


def error_line(stderr: str, code: int) -> str:
    """The line of a failed command's stderr that says what went wrong.

    That is the first line, except for the usage lines and box drawing of a usage error
    (the message is inside the box) and for a traceback (the message is its last line).
    """
    lines = [ln.strip(" │╭╰─╮╯\t") for ln in stderr.splitlines()]
    lines = [ln for ln in lines if ln]
    if any(ln.startswith("Traceback (most recent call last)") for ln in lines):
        return lines[-1][:160]
    for ln in lines:
        if not ln.startswith(("Usage:", "Try '")) and ln != "Error":
            return ln[:160]
    return f"exit code {code}, no message"


# --- measurements ------------------------------------------------------------------------------


@dataclass
class Step:
    """One named command line, run ``runs`` times as fresh processes."""

    key: str  # e.g. "report-json@1M"; budgets refer to these
    name: str  # e.g. "report --format json"
    size: int | None
    argv: list[str]  # as shown: the program's name, then paths relative to the project
    runs: int
    heavy: bool = False
    db: Path | None = None
    before_each: Callable[[], None] | None = None
    skipped: str | None = None


@dataclass
class Figure:
    step: Step
    walls: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(self.rss)


class Bench:
    """Runs steps in one environment and remembers their figures."""

    def __init__(self, floor: str, out_dir: Path, probe: str, load_before: float) -> None:
        self.floor = floor
        self.probe = probe
        self.out_dir = out_dir
        self.figures: dict[str, Figure] = {}
        self.load_before = load_before
        self.programs = {
            "tenactions": _tenactions_argv(),
            "sqlite3": [shutil.which("sqlite3") or "sqlite3"],
            "python": [sys.executable],
        }
        base = {k: v for k, v in os.environ.items() if not k.startswith("TENACTIONS_")}
        self.env = base | {
            "TENACTIONS_TODAY": AS_OF,
            "TENACTIONS_CACHE_DIR": str(DATA / "cache"),
            "TENACTIONS_USER": "bench",
            "TENACTIONS_LANG": "en",
        }

    def real_argv(self, step: Step) -> list[str]:
        return self.programs[step.argv[0]] + step.argv[1:]

    def env_for(self, db: Path | None) -> dict[str, str]:
        return self.env | {"TENACTIONS_DB": str(db or DATA / "unused.db")}

    def run(self, step: Step) -> Figure:
        figure = Figure(step)
        self.figures[step.key] = figure
        if step.skipped:
            figure.error = step.skipped
            _say(f"{step.key}: {step.skipped}")
            return figure
        argv = self.real_argv(step)
        env = self.env_for(step.db)
        out = self.out_dir / f"{step.key.replace('@', '-')}.out"
        timeout = HEAVY_TIMEOUT if step.heavy else FAST_TIMEOUT
        # One untimed run first for quick commands: the figures are of a warm machine (files
        # in the OS cache, bytecode compiled), as for a coordinator who logs many times a day.
        for i in range(step.runs + (0 if step.heavy else 1)):
            if step.before_each is not None:
                step.before_each()
            run = spawn(argv, env, out, timeout, self.probe)
            if run.error is not None:
                figure.error = f"failed: {run.error}"
                _say(f"{step.key}: {figure.error}")
                return figure
            if step.heavy or i > 0:
                figure.walls.append(run.wall)
                figure.rss.append(run.max_rss_mb)
        _say(
            f"{step.key}: median {figure.median:.3f} s"
            f" ({min(figure.walls):.3f}-{max(figure.walls):.3f}), peak {figure.peak_mb:.0f} MB"
        )
        return figure

    def untimed(self, argv: list[str], db: Path | None) -> Run:
        step = Step("untimed", "", None, argv, 1)
        out = self.out_dir / "untimed.out"
        return spawn(self.real_argv(step), self.env_for(db), out, FAST_TIMEOUT, self.probe)


def compile_package() -> None:
    """Compile the installed package's bytecode, as pip does when it installs it: with
    PYTHONDONTWRITEBYTECODE set (or a read-only checkout) every timed start would otherwise
    compile each module it imports."""
    import tenactions

    package = Path(tenactions.__file__).resolve().parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)], check=True, capture_output=True
    )
    _say(f"bytecode compiled for {_rel(package)}")


def _tenactions_argv() -> list[str]:
    script = Path(sys.executable).parent / "tenactions"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "tenactions"]


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _copy_db(src: Path, dest: Path) -> None:
    """Copy a ledger and flush the copy, so the next commit's fsync does not pay for the copy."""
    _remove_db(dest)
    shutil.copyfile(src, dest)
    fd = os.open(dest, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


_FLOOR_SCHEMA = (
    'CREATE TABLE entries (target TEXT, amount TEXT, date TEXT, district TEXT, "by" TEXT,'
    " note TEXT, ref TEXT); CREATE INDEX entries_target_date ON entries (target, date);"
)
_FLOOR_GROUP_BY = "SELECT target, SUM(amount), COUNT(*) FROM entries GROUP BY target;"
# The same work through Python's sqlite3 module, for machines without the sqlite3 shell.
_PY_FLOOR_IMPORT = f"""
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.executescript({_FLOOR_SCHEMA!r})
with open(sys.argv[1], encoding="utf-8", newline="") as f:
    rows = csv.reader(f)
    next(rows)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
"""
_PY_FLOOR_GROUP_BY = f"""
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute({_FLOOR_GROUP_BY!r}):
    print(*row, sep="|")
"""


def floor_import_argv(floor: str, csv_file: Path, db: Path) -> list[str]:
    if floor == "shell":
        return [
            "sqlite3",
            "-batch",
            _rel(db),
            _FLOOR_SCHEMA,
            f".import --csv --skip 1 {_rel(csv_file)} entries",
        ]
    return ["python", "-c", _PY_FLOOR_IMPORT, _rel(csv_file), _rel(db)]


def floor_group_by_argv(floor: str, db: Path) -> list[str]:
    if floor == "shell":
        return ["sqlite3", "-batch", _rel(db), _FLOOR_GROUP_BY]
    return ["python", "-c", _PY_FLOOR_GROUP_BY, _rel(db)]


def floor_description(floor: str) -> str:
    if floor == "shell":
        return "the sqlite3 shell"
    why = "not installed" if shutil.which("sqlite3") is None else "not used: --floor python"
    return f"Python's sqlite3 module, executemany of the CSV rows (the sqlite3 shell is {why})"


def choose_floor(wanted: str) -> str:
    if wanted == "python":
        return "python"
    found = shutil.which("sqlite3") is not None
    if wanted == "shell" and not found:
        raise SystemExit("bench: --floor shell, but there is no sqlite3 shell on PATH")
    return "shell" if found else "python"


# --- the plan --------------------------------------------------------------------------------


def measure(bench: Bench, sizes: Sequence[int], fast: int, heavy: int) -> None:
    """Build every ledger and time every command on it, smallest first."""
    empty = DATA / "ledger-empty.db"
    _remove_db(empty)
    from tenactions.store import open_store

    open_store(empty).close()
    work = DATA / "work.db"

    bench.run(Step("help", "--help", None, ["tenactions", "--help"], fast))
    for n in (0, *sizes):
        size = label(n)
        ledger = empty if n == 0 else DATA / f"ledger-{size}.db"
        missing: str | None = None
        if n:
            data = csv_path(n)
            floor_db = DATA / f"floor-{size}.db"
            bench.run(
                Step(
                    f"floor-import@{size}", "floor: .import", n,
                    floor_import_argv(bench.floor, data, floor_db), heavy, heavy=True,
                    before_each=partial(_remove_db, floor_db),
                )
            )  # fmt: skip
            imported = bench.run(
                Step(
                    f"import@{size}", "import", n, ["tenactions", "import", _rel(data), "--force"], heavy,
                    heavy=True, db=ledger,
                    before_each=partial(_copy_db, empty, ledger),
                )
            )  # fmt: skip
            if not imported.ok:
                missing = f"skipped: no {size} ledger (its import failed)"
            if n <= XLSX_BUDGET_SIZE:
                measure_xlsx_import(bench, n, heavy, empty)
            bench.run(
                Step(
                    f"floor-groupby@{size}", "floor: GROUP BY target", n,
                    floor_group_by_argv(bench.floor, floor_db), fast,
                    skipped=None if bench.figures[f"floor-import@{size}"].ok else "skipped",
                )
            )  # fmt: skip
            _remove_db(floor_db)
        bench.run(
            Step(
                f"log@{size}", "log", n,
                ["tenactions", "log", "trees", "5", "--date", "2024-06-01", "--district", "天河",
                 "--note", "bench"],
                fast, db=work, before_each=partial(_copy_db, ledger, work), skipped=missing,
            )
        )  # fmt: skip
        for fmt in ("json", "table"):
            bench.run(
                Step(
                    f"report-{fmt}@{size}", f"report --format {fmt}", n,
                    ["tenactions", "report", "--as-of", AS_OF, "--format", fmt],
                    fast, db=ledger, skipped=missing,
                )
            )  # fmt: skip
        bench.run(
            Step(
                f"summary@{size}", "summary", n, ["tenactions", "summary", "--as-of", AS_OF],
                fast, db=ledger, skipped=missing,
            )
        )  # fmt: skip
        if n:
            exported = bench.out_dir / f"export-{size}.csv"
            bench.run(
                Step(
                    f"export@{size}", "export --format csv", n,
                    ["tenactions", "export", "--format", "csv", "--output", _rel(exported)],
                    heavy, heavy=True, db=ledger, skipped=missing,
                    before_each=partial(exported.unlink, missing_ok=True),
                )
            )  # fmt: skip
            exported.unlink(missing_ok=True)
    _remove_db(work)


def measure_xlsx_import(bench: Bench, n: int, heavy: int, empty: Path) -> None:
    """The same rows imported from a workbook, into a copy of the empty ledger."""
    size = label(n)
    ledger = DATA / f"ledger-xlsx-{size}.db"
    bench.run(
        Step(
            f"import-xlsx@{size}", "import (xlsx)", n,
            ["tenactions", "import", _rel(xlsx_path(n)), "--force"], heavy,
            heavy=True, db=ledger, before_each=partial(_copy_db, empty, ledger),
        )
    )  # fmt: skip
    _remove_db(ledger)


def measure_xlsx_only(bench: Bench, sizes: Sequence[int], heavy: int) -> None:
    """``--only xlsx``: the CSV and the XLSX import of the same rows (and the floor's import,
    which a CSV import's budget is stated against), nothing else."""
    empty = DATA / "ledger-empty.db"
    _remove_db(empty)
    from tenactions.store import open_store

    open_store(empty).close()
    for n in sizes:
        size = label(n)
        ledger = DATA / f"ledger-{size}.db"
        floor_db = DATA / f"floor-{size}.db"
        bench.run(
            Step(
                f"floor-import@{size}", "floor: .import", n,
                floor_import_argv(bench.floor, csv_path(n), floor_db), heavy, heavy=True,
                before_each=partial(_remove_db, floor_db),
            )
        )  # fmt: skip
        _remove_db(floor_db)
        bench.run(
            Step(
                f"import@{size}", "import", n, ["tenactions", "import", _rel(csv_path(n)), "--force"],
                heavy, heavy=True, db=ledger, before_each=partial(_copy_db, empty, ledger),
            )
        )  # fmt: skip
        _remove_db(ledger)
        if n <= XLSX_BUDGET_SIZE:
            measure_xlsx_import(bench, n, heavy, empty)


# --- budgets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    versus: str = ""  # e.g. "1.1× empty"
    budget: str = ""  # e.g. "≤ 0.50 s, ≤ 1.5× empty"
    result: str = ""  # PASS, FAIL (...), or "" when no budget applies


def verdicts(figures: Mapping[str, Figure]) -> dict[str, Verdict]:
    """Each figure against the issue's budgets (medians; memory is the largest of the runs)."""
    out: dict[str, Verdict] = {}
    for key, fig in figures.items():
        if not fig.ok:
            continue
        kind, _, size = key.partition("@")
        n = fig.step.size or 0
        if kind == "help":
            out[key] = _limit(fig.median, HELP_BUDGET)
        elif kind == "log":
            out[key] = _limit(fig.median, LOG_BUDGET)
        elif kind in ("report-json", "report-table", "summary"):
            base = figures.get(f"{kind}@empty")
            if n == 0 or base is None or not base.ok:
                continue
            ratio = fig.median / base.median
            versus = f"{ratio:.2f}× empty"
            if kind == "summary":  # no budget in the issue: shown for comparison only
                out[key] = Verdict(versus)
                continue
            fails = []
            if fig.median > REPORT_BUDGET:
                fails.append(f"{fig.median:.2f} s")
            if ratio > REPORT_RATIO:
                fails.append(f"{ratio:.2f}× empty")
            budget = f"≤ {REPORT_BUDGET:.2f} s, ≤ {REPORT_RATIO}× empty"
            out[key] = Verdict(versus, budget, _result(fails))
        elif kind == "import":
            floor = figures.get(f"floor-import@{size}")
            times = fig.median / floor.median if floor is not None and floor.ok else None
            versus = f"{times:.1f}× floor" if times is not None else ""
            fails = []
            budget = f"≤ {IMPORT_MEMORY_MB} MB"
            if n >= BIG and times is not None:
                budget = f"≤ {IMPORT_RATIO:.0f}× floor, " + budget
                if times > IMPORT_RATIO:
                    fails.append(f"{times:.1f}× floor")
            if fig.peak_mb > IMPORT_MEMORY_MB:
                fails.append(f"{fig.peak_mb:.0f} MB")
            out[key] = Verdict(versus, budget, _result(fails))
        elif kind == "import-xlsx":
            csv_import = figures.get(f"import@{size}")
            if csv_import is None or not csv_import.ok:
                continue
            ratio = fig.median / csv_import.median
            versus = f"{ratio:.2f}× csv"
            if n < XLSX_BUDGET_SIZE:
                out[key] = Verdict(versus)
                continue
            fails = [f"{ratio:.2f}× csv"] if ratio > XLSX_RATIO else []
            out[key] = Verdict(versus, f"≤ {XLSX_RATIO}× csv", _result(fails))
        elif kind == "export" and n >= BIG:
            out[key] = _limit(fig.median, EXPORT_BUDGET)
    return out


def _limit(value: float, budget: float) -> Verdict:
    return Verdict("", f"≤ {budget:.2f} s", _result([] if value <= budget else [f"{value:.2f} s"]))


def _result(fails: list[str]) -> str:
    return "PASS" if not fails else "FAIL: " + ", ".join(fails)


# --- output ------------------------------------------------------------------------------------

_ORDER = (
    "help", "log", "report-json", "report-table", "summary", "floor-groupby", "import",
    "import-xlsx", "floor-import", "export",
)  # fmt: skip
_COLUMNS = ("measurement", "median s", "min–max s", "runs", "peak MB", "vs", "budget", "verdict")


def table_rows(figures: Mapping[str, Figure]) -> list[tuple[str, ...]]:
    judged = verdicts(figures)
    ordered = sorted(
        figures.values(),
        key=lambda f: (_ORDER.index(f.step.key.partition("@")[0]), f.step.size or 0),
    )
    rows: list[tuple[str, ...]] = []
    for fig in ordered:
        step = fig.step
        name = step.name if step.size is None else f"{step.name} · {label(step.size)}"
        if not fig.ok:
            rows.append((name, fig.error or "no runs", "", "", "", "", "", ""))
            continue
        v = judged.get(step.key, Verdict())
        rows.append(
            (
                name,
                f"{fig.median:.3f}",
                f"{min(fig.walls):.3f}–{max(fig.walls):.3f}",
                str(len(fig.walls)),
                f"{fig.peak_mb:.0f}",
                v.versus,
                v.budget,
                v.result,
            )
        )
    return rows


def _failed(row: Sequence[str]) -> bool:
    return row[1].startswith(("failed", "skipped", "no runs"))


def text_table(rows: Sequence[tuple[str, ...]]) -> str:
    measured = [r for r in (_COLUMNS, *rows) if not _failed(r)]
    widths = [max(len(r[i]) for r in measured) for i in range(len(_COLUMNS))]
    lines = []
    for i, row in enumerate((_COLUMNS, *rows)):
        if _failed(row):
            lines.append(f"{row[0].ljust(widths[0])}  {row[1]}")
        else:
            lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: Sequence[tuple[str, ...]]) -> str:
    def cells(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"

    head = [cells(_COLUMNS), "|" + "|".join("---" for _ in _COLUMNS) + "|"]
    return "\n".join(head + [cells(r) for r in rows])


def machine(load_before: float) -> dict[str, str]:
    """What the figures were measured on, and how busy it was (other work skews the figures)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    shell = shutil.which("sqlite3")
    shell_version = "not installed"
    if shell:
        done = subprocess.run([shell, "--version"], capture_output=True, text=True, check=False)
        shell_version = done.stdout.split()[0] if done.stdout else "unknown"
    try:
        from tenactions import __version__ as version
    except ImportError:
        version = "?"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", "src", "data"], check=False
    ).returncode  # the figures are of the working tree, which may be ahead of the commit
    if commit and dirty == 1:
        commit += " with uncommitted changes in src/"
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "Memory": memory or "unknown",
        "OS": platform.system(),
        "Python": platform.python_version(),
        "SQLite (library)": sqlite3.sqlite_version,
        "sqlite3 shell": shell_version,
        "tenactions": f"{version} (commit {commit or 'unknown'})",
        "load average (1 min)": f"{load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
    }


def failures(figures: Mapping[str, Figure]) -> list[str]:
    return [f"`{' '.join(f.step.argv)}`: {f.error}" for f in figures.values() if f.error]


def write_results(
    path: Path, bench: Bench, args: argparse.Namespace, sizes: Sequence[int],
    runs: tuple[int, int],
) -> None:  # fmt: skip
    """Write the figures, the machine, the command lines and the method as markdown."""
    figures = bench.figures
    info = machine(bench.load_before)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `bench/run.py` (`make bench`) on {dt.date.today().isoformat()};"
        " run it again rather than editing this file.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Figures",
        "",
        f"Sizes: {', '.join(label(n) for n in sizes)} entries (plus an empty ledger)."
        f" Runs: {runs[0]} per quick command (after one untimed warm-up run), {runs[1]} per"
        f" import and export. Floor: {floor_description(bench.floor)}. Peak memory:"
        f" {probe_description(bench.probe)}. Command: `{reproduce(args)}`.",
        "",
        markdown_table(table_rows(figures)),
        "",
        "Seconds are wall-clock medians of whole processes, with the fastest and slowest run;"
        " peak MB is the largest resident set of any run. `vs` compares with the same command"
        " on the empty ledger, or an import with the floor's `.import` of the same file.",
        "",
    ]
    failed = failures(figures)
    if failed:
        lines += ["## Commands that failed", "", *[f"- {f}" for f in failed], ""]
    lines += [
        "## Commands",
        "",
        "| measurement | command line |",
        "|---|---|",
        *[f"| `{key}` | `{command_line(fig.step)}` |" for key, fig in figures.items()],
        "",
        METHOD,
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def command_line(step: Step) -> str:
    """The step's command as one would type it from the project folder."""
    db = f"TENACTIONS_DB={_rel(step.db)} " if step.db is not None else ""
    return db + " ".join(_shown(a) for a in step.argv)


def _shown(arg: str) -> str:
    arg = arg.replace("|", "\\|")
    if "\n" in arg:
        return "<script>"
    return f"'{arg}'" if " " in arg else arg


METHOD = f"""## Method

- **Data.** `bench/run.py` writes `bench/data/ledger-SIZE-seed{SEED}-v{GENERATOR_VERSION}.csv`
  with the header `{",".join(CSV_HEADER)}`: the shipped programme's targets (by weight,
  milestones rarely) and its 12 districts (one in ten by short alias), dates over
  {YEAR_START}..{YEAR_END} within each target's window, amounts such as `120`, `1,234`,
  `1.5千`, `2.5万` and money with fen, seven rows in ten with a reference. The same seed
  gives the same file; a file already there is reused.
- **Environment.** `TENACTIONS_TODAY={AS_OF}`, `TENACTIONS_USER=bench`, `TENACTIONS_LANG=en`,
  `TENACTIONS_CACHE_DIR=bench/data/cache`, `TENACTIONS_DB` set per measurement; reports use
  `--as-of {AS_OF}`. The programme cache is warmed once (an untimed `tenactions targets`)
  before anything is timed, so no timed run validates the YAML file.
- **Processes.** Every run is a fresh process: wall time from start to exit; peak memory is
  that process's `ru_maxrss`, taken by GNU time (`/usr/bin/time -f %M`), which forks the
  command from its own small process: Linux carries a process's peak RSS across `exec`, so a
  command spawned straight from the benchmark would report at least the benchmark's size.
  Quick commands get one untimed warm-up run first; imports and exports do not.
- **Bytecode.** The package's bytecode is compiled (`python -m compileall` on the installed
  package) before anything is timed, as pip does on an install: a checkout run with
  `PYTHONDONTWRITEBYTECODE=1` would otherwise compile every module it imports on every start.
- **Ledgers.** Each size's ledger is built by its timed `tenactions import` (every run imports
  into a copy of an empty ledger; the last run's database is kept). `report`, `summary` and
  `export` read it unchanged. Before each `log` run the ledger is copied (and the copy
  flushed to disk, untimed) to a work file, so every `log` writes into a ledger of exactly
  SIZE entries.
- **Floor.** The same work without tenactions: the `sqlite3` shell's `.import --csv` of the
  same file into a bare table (seven text columns, one index on target and date) in one
  transaction, and `SELECT target, SUM(amount), COUNT(*) ... GROUP BY target` on it. Without
  the shell, a Python process does the same through the sqlite3 module (`executemany` of the
  CSV rows), and the results say so.
- **Budgets** (medians on a 2-core machine): `--help` ≤ {HELP_BUDGET} s; `log` ≤ {LOG_BUDGET} s at
  every size; `report` ≤ {REPORT_BUDGET} s and ≤ {REPORT_RATIO}× the empty ledger's (checked
  at every size; the issue states it for 1M); `import` of 1M rows ≤ {IMPORT_RATIO:.0f}× the
  floor's `.import`, all validation on, and ≤ {IMPORT_MEMORY_MB} MB at every size; the
  import of the same {XLSX_BUDGET_SIZE:,} rows as an XLSX workbook (a title row, numbers and
  date cells) ≤ {XLSX_RATIO}× the CSV import; `export` of 1M entries ≤ {EXPORT_BUDGET:.0f} s. Smaller imports and exports are shown for comparison:
  there start-up dominates.
- **Failures.** A command that fails is recorded as `failed: <its error line>` and the
  benchmark goes on; what depends on it (e.g. reports on a ledger whose import failed) is
  `skipped`.
"""


def reproduce(args: argparse.Namespace) -> str:
    parts = ["python bench/run.py"]
    if args.only != "all":
        parts.append(f"--only {args.only}")
    if args.quick:
        parts.append("--quick")
    else:
        if args.sizes is not None:
            parts.append(f"--sizes {args.sizes}")
        if args.runs is not None:
            parts.append(f"--runs {args.runs}")
    if args.floor != "auto":
        parts.append(f"--floor {args.floor}")
    return " ".join(parts)


# --- main --------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Time every tenactions command as whole processes on 10k-1M entry ledgers.",
    )
    parser.add_argument(
        "--sizes", help="ledger sizes, e.g. 10000,100000 or 10k,1M (default 10k,100k,1M)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        help=f"runs per measurement (default {FAST_RUNS} for quick commands,"
        f" {HEAVY_RUNS} for imports and exports)",
    )
    parser.add_argument("--quick", action="store_true", help="10k only, 3 runs: a smoke test")
    parser.add_argument(
        "--only",
        choices=("all", "xlsx"),
        default="all",
        help="xlsx: only the CSV and XLSX imports of the same rows (default size 100k)",
    )
    parser.add_argument(
        "--floor",
        choices=("auto", "shell", "python"),
        default="auto",
        help="the floor: the sqlite3 shell (auto: if installed) or Python's sqlite3 module",
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="where to write the markdown results (default bench/results.md;"
        " bench/results-xlsx.md with --only xlsx)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated databases in bench/data (CSV files are always kept)",
    )
    args = parser.parse_args(argv)
    if args.results is None:
        args.results = RESULTS_XLSX if args.only == "xlsx" else RESULTS
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        args.size_list = (
            [10_000] if args.quick and args.sizes is None
            else [XLSX_BUDGET_SIZE] if args.only == "xlsx" and args.sizes is None
            else [parse_size(s) for s in args.sizes.split(",")] if args.sizes
            else list(DEFAULT_SIZES)
        )  # fmt: skip
    except ValueError as exc:
        parser.error(f"--sizes: {exc}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.chdir(ROOT)  # command lines name files relative to the project, as they are shown
    sizes: list[int] = sorted(set(args.size_list))
    fast = args.runs or (3 if args.quick else FAST_RUNS)
    heavy = args.runs or (3 if args.quick else HEAVY_RUNS)
    floor = choose_floor(args.floor)
    out_dir = DATA / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    load_before = os.getloadavg()[0]

    spec = programme_spec()
    for n in sizes:
        path = csv_path(n)
        fresh = not csv_is_whole(path, n)
        if fresh:
            _say(f"generating {_rel(path)} ...")
            write_csv(path, n, SEED, spec)
        if n <= XLSX_BUDGET_SIZE and (fresh or not xlsx_path(n).exists()):
            _say(f"generating {_rel(xlsx_path(n))} ...")
            write_xlsx(path, xlsx_path(n))

    compile_package()
    bench = Bench(floor, out_dir, memory_probe(), load_before)
    _say(f"floor: {floor_description(floor)}")
    warm = bench.untimed(["tenactions", "targets"], None)
    _say(
        "programme cache warmed with one untimed 'tenactions targets'"
        + ("" if warm.error is None else f" (it failed: {warm.error})")
    )
    try:
        if args.only == "xlsx":
            measure_xlsx_only(bench, sizes, heavy)
        else:
            measure(bench, sizes, fast, heavy)
    finally:
        if not args.keep:
            for db in DATA.glob("*.db"):
                _remove_db(db)

    rows = table_rows(bench.figures)
    print()
    print(f"Floor: {floor_description(floor)}.")
    print(f"Peak memory: {probe_description(bench.probe)}.")
    print("Programme cache warmed once before timing; quick commands: 1 untimed warm-up run.")
    print(text_table(rows))
    failed = failures(bench.figures)
    if failed:
        print("\nFailed or skipped:")
        for line in failed:
            print(f"  {line}")
    write_results(args.results, bench, args, sizes, (fast, heavy))
    shown = args.results.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"\nwrote {shown} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
