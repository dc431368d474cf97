"""Numbers a meeting can trust: each situation that used to make figures silently wrong.

Every test here is one of the ordinary situations a new user ran into, replayed as that user
would: the real CLI on a real ledger, an SQLite file or a server's (``ledger_db``), in-process
or as a process where the environment is the point: a server clock on UTC, a crontab without
TENACTIONS_DB. Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tenactions.demo import demo_entries
from tenactions.messages import t
from tenactions.programme import load_programme, shipped_programme_path
from tenactions.store import is_url, masked, open_store

SHIPPED = shipped_programme_path()

pytestmark = pytest.mark.usefixtures("ledger_db")

#: The tests of a file path that is mistyped or missing: a server's URL has its own in test_server.
_A_PATH = "a mistyped or missing file path; a server URL's are tested in test_server.py"


def next_year(tmp_path: Path) -> Path:
    """Next year's programme: the shipped file with its dates moved to 2025 (as the README says)."""
    path = tmp_path / "actions-2025.yaml"
    path.write_text(SHIPPED.read_text("utf-8").replace("2024-", "2025-"), encoding="utf-8")
    return path


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result
    return result


def report_json(cli, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return json.loads(ok(cli("report", "--format", "json", *args)).stdout)  # type: ignore[no-any-return]


def figures(data: dict[str, Any], target: str) -> dict[str, Any]:
    return next(x for x in data["targets"] if x["id"] == target)


# --- 1. the period bounds every figure --------------------------------------------------------


@pytest.fixture
def two_years(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """One ledger: 2,050 trees logged in 2024 (this programme), 4,000 in 2025 (next year's)."""
    monkeypatch.setenv("TENACTIONS_TODAY", "2025-03-01")
    ok(cli("log", "trees", "2050", "-d", "2024-06-01"))
    ok(cli("log", "trees", "4000", "-d", "2025-01-02", "--programme", str(next_year(tmp_path))))
    return tmp_path


def test_after_the_end_the_report_shows_the_final_figures_and_says_so(cli, two_years: Path) -> None:  # type: ignore[no-untyped-def]
    data = report_json(cli, "--as-of", "2025-03-01")
    trees = figures(data, "trees")
    # Only the 2,050 of 2024 count: 2,050 / 5,000 = 41.0%, not 6,050 "done"; short of the
    # goal after the period's end (its due day): overdue.
    assert (trees["actual"], trees["percent"], trees["status"]) == (2050, 41, "overdue")
    assert data["as_of"] == "2024-12-31" and data["phase"] == "ended"
    table = ok(cli("report", "--as-of", "2025-03-01")).stdout
    assert "The programme ended on 2024-12-31; figures as at its end." in table
    assert "2,050/5,000" in table and "6,050" not in table
    csv_run = ok(cli("report", "--as-of", "2025-03-01", "--format", "csv"))
    assert "The programme ended on 2024-12-31" in csv_run.stderr  # machines' formats: on stderr


def test_before_the_start_the_report_says_it_has_not_started(cli, two_years: Path) -> None:  # type: ignore[no-untyped-def]
    data = report_json(cli, "--as-of", "2023-12-01")
    assert data["phase"] == "not_started"
    assert {x["status"] for x in data["targets"]} == {"upcoming"}
    table = ok(cli("report", "--as-of", "2023-12-01")).stdout
    assert "The programme starts on 2024-01-01; it has not started yet." in table


def test_log_prints_the_total_of_its_own_period(cli, two_years: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok(cli("log", "trees", "10", "-d", "2024-12-30")).stdout
    # 2,050 + 10 = 2,060 of 2024; the 4,000 of 2025 belong to next year's programme.
    assert "Total 2,060 of 5,000 trees (41.2%)." in out


def test_a_summary_outside_the_period_has_no_week_of_another_years_entries(
    cli, two_years: Path
) -> None:  # type: ignore[no-untyped-def]
    text = ok(cli("summary", "--as-of", "2025-01-07")).stdout
    assert "The programme ended on 2024-12-31; figures as at its end." in text
    assert "No week of this programme to report: 2025-01-07 is outside its period" in text
    assert "4,000" not in text and "This week: 1 entry" not in text
    data = json.loads(ok(cli("summary", "--as-of", "2025-01-07", "--format", "json")).stdout)
    assert data["entries"] == 0 and data["deltas"] == [] and data["phase"] == "ended"


def test_a_week_overlapping_the_periods_end_is_clipped_to_it(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # 40 trees on 2024-12-31, the period's last day. The week ending 2025-01-06 (a Monday's
    # cron) runs 2024-12-31 to 2025-01-06: clipped to the period it is the one day 12-31, and
    # its news is those 40 trees, not "outside the period".
    monkeypatch.setenv("TENACTIONS_TODAY", "2025-01-06")
    ok(cli("log", "trees", "40", "-d", "2024-12-31"))
    text = ok(cli("summary", "--as-of", "2025-01-06")).stdout
    assert "outside its period" not in text
    assert "week 2024-12-31 – 2024-12-31" in text
    assert "This week: 1 entry" in text and "+40 trees" in text
    data = json.loads(ok(cli("summary", "--as-of", "2025-01-06", "--format", "json")).stdout)
    assert data["entries"] == 1 and data["deltas"][0]["delta"] == 40


# --- 2. the README's crontab line long after the programme ended -------------------------------


def test_cron_summary_after_the_end_judges_the_final_state(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from .test_programme import MINIMAL

    programme = tmp_path / "p.yaml"
    programme.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("TENACTIONS_PROGRAMME", str(programme))
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-12-31")
    ok(cli("log", "trees", "4999", "-d", "2024-12-01"))
    monkeypatch.setenv("TENACTIONS_TODAY", "2026-11-30")  # a Monday, two years on
    behind = cli("summary", "--fail-on", "behind")
    # 4,999 of 5,000 at the end: the final state is overdue (a target without a due date of
    # its own is due at the period's end), said once, with no "this week".
    assert behind.exit_code == 3, behind
    assert "The programme ended on 2024-12-31" in behind.stdout
    assert "outside its period" in behind.stdout
    assert "--fail-on behind: 1 target: Trees (trees, overdue)" in behind.stderr
    # The README's crontab line (--fail-on overdue) signals it too.
    assert cli("summary", "--fail-on", "overdue").exit_code == 3
    ok(cli("log", "trees", "1", "-d", "2024-12-31"))
    done = cli("summary", "--fail-on", "behind")
    assert done.exit_code == 0, done  # the goal was met by the end: nothing to signal, ever again


def test_the_readme_cron_line_mails_the_week_that_ended_so_no_entry_falls_between(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "tenactions summary --as-of yesterday" in readme
    # Monday 16 September 2024, 08:00: the cron mail goes out; later that Monday a
    # coordinator logs an entry dated that day.
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-09-16")
    ok(cli("log", "trees", "3", "-d", "2024-09-10"))
    first = cli("summary", "--as-of", "yesterday")
    assert first.exit_code == 0 and "2024-09-09 – 2024-09-15" in first.stdout, first
    ok(cli("log", "trees", "7", "-d", "2024-09-16"))
    # The next Monday's mail holds it in its week, Monday 16 to Sunday 22.
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-09-23")
    second = cli("summary", "--as-of", "yesterday")
    assert second.exit_code == 0 and "2024-09-16 – 2024-09-22" in second.stdout, second
    assert "+7" in second.stdout, second.stdout


# --- 3. the programme's clock, not the server's ------------------------------------------------


def clock_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TENACTIONS_TODAY"}
    # The server runs on UTC; it is 23:30 UTC on 29 September = 07:30 on 30 September in Guangzhou.
    env |= {"TZ": "UTC", "TENACTIONS_NOW": "2024-09-29T23:30:00+00:00"}
    return env


def test_a_utc_server_dates_entries_by_guangzhou_time(sh, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = clock_env(tmp_path)
    first = sh("log", "trees", "5", env=env)
    assert first.returncode == 0, first.stderr
    assert "on 2024-09-30" in first.stdout  # not 2024-09-29, the server's date
    # The coordinator's today is not "in the future".
    assert sh("log", "trees", "6", "--date", "2024-09-30", env=env).returncode == 0
    assert "on 2024-09-29" in sh("log", "trees", "7", "-d", "yesterday", env=env).stdout
    refused = sh("log", "trees", "8", "--date", "2024-10-01", env=env)
    assert refused.returncode == 1 and "is in the future (today is 2024-09-30)" in refused.stderr
    # The Monday-morning summary's week ends on Guangzhou's today and holds all three.
    summary = json.loads(sh("summary", "--format", "json", env=env).stdout)
    assert summary["window"] == {"start": "2024-09-24", "end": "2024-09-30"}
    assert summary["entries"] == 3
    # Stored times stay UTC; people see Guangzhou's (+08:00).
    exported = json.loads(sh("export", "--format", "json", env=env).stdout)
    assert all(e["created_at"].endswith("+08:00") for e in exported)
    with open_store(env["TENACTIONS_DB"]) as store:
        stored = [e.created_at for e in store.entries()]
    assert all(s.endswith("+00:00") for s in stored)


def test_the_clock_needs_no_system_time_zone_database(tmp_path: Path) -> None:
    # PYTHONTZPATH empty: no system zoneinfo; the tzdata package answers.
    code = (
        "import os; os.environ['TENACTIONS_NOW'] = '2024-09-29T23:30:00+00:00'\n"
        "os.environ.pop('TENACTIONS_TODAY', None)\n"
        "from tenactions.dates import today; print(today('Asia/Shanghai'))"
    )
    env = dict(os.environ, PYTHONTZPATH="")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2024-09-30"


# --- 4. no ledger, no report --------------------------------------------------------------------


@pytest.mark.sqlite_only("the default ledger is a file")
def test_a_crontab_without_the_ledger_variable_fails_loudly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "TENACTIONS_CACHE_DIR": str(tmp_path / "c")}
    out = subprocess.run(
        [sys.executable, "-m", "tenactions", "summary", "--fail-on", "behind"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    # Not exit 3 with every target "behind": exit 1, one line naming the path and how it came.
    assert out.returncode == 1, out
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and "there is no ledger at " in lines[0]
    assert "(the default location)" in lines[0]
    assert not any(p.suffix == ".db" for p in home.rglob("*"))  # nothing created


@pytest.mark.sqlite_only(_A_PATH)
@pytest.mark.parametrize(
    "command",
    [
        ("report",),
        ("summary",),
        ("entries",),
        ("export",),
        ("backup", "copy.db"),
        ("void", "1", "--reason", "x"),
        ("amend", "1", "5"),
    ],
)
def test_reading_commands_refuse_a_mistyped_ledger(
    cli, tmp_path: Path, command: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "legder.db"
    result = cli(*command, "--db", str(typo))
    assert result.exit_code == 1
    assert result.stderr == (
        f"tenactions: error: there is no ledger at {typo} (given by --db); check the path,"
        " or log or import an entry to create one\n"
    )
    assert not typo.exists() and not (tmp_path / "copy.db").exists()


def test_the_variable_is_named_when_it_points_nowhere(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("report")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result
    if ledger_db.startswith("postgresql://"):
        shown = masked(ledger_db)
        assert f"there is no ledger in {shown} (from TENACTIONS_DB); check the URL" in result.stderr
    else:
        assert f"no ledger at {ledger_db} (from TENACTIONS_DB)" in result.stderr, result


def test_writing_commands_create_the_ledger_and_say_so_once(
    cli, ledger_db: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    on_server = ledger_db.startswith("postgresql://")
    shown = masked(ledger_db)
    missing = "no ledger there yet; log or import creates it" if on_server else "does not exist yet"
    assert missing in ok(cli("info")).stdout
    first = ok(cli("log", "trees", "5", "-d", "2024-03-01"))
    assert first.stderr == f"created a new ledger at {shown}\n"
    assert ok(cli("log", "trees", "5", "-d", "2024-03-02")).stderr == ""
    state = "a server; the ledger exists" if on_server else "exists"
    assert f"database:  {shown} (TENACTIONS_DB; {state}" in ok(cli("info")).stdout
    if on_server:
        return  # the rest is about files
    sheet = tmp_path / "in.csv"
    sheet.write_text("target,amount,date\ntrees,1,2024-03-03\n", encoding="utf-8")
    other = tmp_path / "other.db"
    dry = ok(cli("import", str(sheet), "--dry-run", "--db", str(other)))
    assert not other.exists() and dry.stderr == ""  # a dry run creates nothing
    assert ok(cli("import", str(sheet), "--db", str(other))).stderr == (
        f"created a new ledger at {other}\n"
    )


@pytest.mark.sqlite_only(_A_PATH)
def test_a_refused_import_or_log_leaves_no_ledger_at_a_mistyped_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "bad.csv"
    sheet.write_text("target,amount,date\ntrees,1,2024-03-03\ntrees,lots,2024-03-04\n", "utf-8")
    typo = tmp_path / "o1.db"
    refused = cli("import", str(sheet), "--db", str(typo))
    assert refused.exit_code == 1 and "'lots' is not an amount" in refused.stderr
    assert "created a new ledger" not in refused.stderr
    assert not typo.exists() and not Path(f"{typo}-wal").exists()
    # Nothing to read there: the report refuses the path instead of showing an empty ledger.
    report = cli("report", "--db", str(typo))
    assert report.exit_code == 1 and f"there is no ledger at {typo}" in report.stderr
    # A refused log likewise.
    big = cli("log", "unions", "3万", "-d", "2024-03-01", "--db", str(typo))
    assert big.exit_code == 1 and not typo.exists(), big


# --- 5. milestones and their windows; one entry that would mislead ----------------------------


@pytest.mark.usefixtures("ledger")
def test_a_milestone_logged_months_early_is_refused_and_forced_shows_early(cli) -> None:  # type: ignore[no-untyped-def]
    typo = cli("log", "sales-week", "-d", "2024-05-03")
    assert typo.exit_code == 1
    assert (
        "Direct-sales week on Beijing Road (sales-week) is a milestone for 2024-08-01 to 2024-08-31; 2024-05-03 is outside"
        in (typo.stderr)
    )
    assert figures(report_json(cli, "--as-of", "2024-06-01"), "sales-week")["actual"] == 0
    ok(cli("log", "sales-week", "-d", "2024-05-03", "--force"))
    sales = figures(report_json(cli, "--as-of", "2024-06-01"), "sales-week")
    assert (sales["status"], sales["timing"], sales["done_on"]) == ("done", "early", "2024-05-03")
    assert "done (early)" in ok(cli("report", "--as-of", "2024-06-01", "-a", "2")).stdout
    assert "已完成（提前完成）" in ok(cli("report", "--as-of", "2024-06-01", "--lang", "zh")).stdout


@pytest.mark.usefixtures("ledger")
def test_a_milestone_done_late_says_late(cli) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "sales-week", "-d", "2024-09-10", "--force"))
    sales = figures(report_json(cli, "--as-of", "2024-10-01"), "sales-week")
    assert (sales["status"], sales["timing"]) == ("done", "late")
    rows = list(csv.DictReader(io.StringIO(ok(cli("report", "-f", "csv")).stdout.lstrip("\ufeff"))))
    assert next(r for r in rows if r["id"] == "sales-week")["timing"] == "late"


@pytest.mark.usefixtures("ledger")
def test_a_milestone_logged_twice_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "sales-week", "-d", "2024-08-03"))
    again = cli("log", "sales-week", "-d", "2024-08-04")
    assert (
        again.exit_code == 1
        and "Direct-sales week on Beijing Road (sales-week) is already done (1 of 1)"
        in again.stderr
    )
    sales = figures(report_json(cli), "sales-week")
    assert (sales["actual"], sales["percent"]) == (1, 100)  # never "2 of 1 (200%)"


def test_simultaneous_logs_and_imports_record_a_milestone_once(ledger: str, tmp_path: Path) -> None:
    # Six coordinators log the direct-sales week (a milestone of 1) at the same moment and
    # two districts import a sheet holding it: the rule "already done" is judged inside each
    # write transaction, so exactly one of the eight is recorded and seven are refused. The
    # write lock is held while they start, so that all of them read the ledger before any
    # can write: each then waits for the lock (TENACTIONS_BUSY_TIMEOUT) and must judge again.
    from .conftest import write_lock_held

    env = dict(os.environ, TENACTIONS_BUSY_TIMEOUT="60")
    commands = [["log", "sales-week", "-d", f"2024-08-1{k}"] for k in range(1, 7)]
    for k in (7, 8):
        sheet = tmp_path / f"d{k}.csv"
        sheet.write_text(f"target,amount,date\nsales-week,1,2024-08-1{k}\n", encoding="utf-8")
        commands.append(["import", str(sheet)])
    with write_lock_held(ledger):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tenactions", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            for args in commands
        ]
        time.sleep(6)  # time for each to start and read the ledger
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0] + [1] * 7, results
    for code, _, err in results:
        if code:
            assert (
                "Direct-sales week on Beijing Road (sales-week) is already done (1 of 1)" in err
                and "Traceback" not in err
            ), err
    with open_store(ledger, create=False) as store:
        assert store.total_c("sales-week") == 100  # one entry of 1, not 2 or 3


@pytest.mark.usefixtures("ledger")
def test_an_amended_milestone_date_is_judged_without_the_entry_it_replaces(cli) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "sales-week", "-d", "2024-08-03"))
    # Moving the one entry inside the window is not "a second entry".
    assert "replaces it" in ok(cli("amend", "1", "--date", "2024-08-05")).stdout
    moved_out = cli("amend", "2", "--date", "2024-07-05")
    assert moved_out.exit_code == 1 and "outside that window" in moved_out.stderr


@pytest.mark.usefixtures("ledger")
def test_a_recurring_entry_before_its_start_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    early = cli("log", "monthly-care", "-d", "2024-07-15")
    assert early.exit_code == 1
    assert (
        "Monthly themed care activity for seconded officials (monthly-care) counts from 2024-08-01; an entry dated 2024-07-15 would never count"
        in (early.stderr)
    )


@pytest.mark.usefixtures("ledger")
def test_one_entry_larger_than_the_whole_goal_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    big = cli("log", "unions", "3万", "-d", "2024-05-03")
    # 30,000 / 1,000 = 30 times the whole goal.
    assert big.exit_code == 1 and big.stderr == (
        "tenactions: error: 30,000 unions is 30× the whole goal of 1,000 unions;"
        " use --force if this is right\n"
    )
    assert ok(cli("log", "unions", "1000", "-d", "2024-05-03")).exit_code == 0  # the goal itself
    # A recurring target: 1 activity a month, August to December = 5 in all; 6 is 1.2x that,
    # said as "more than" (below twice the goal a rounded ratio would hide why).
    care = cli("log", "monthly-care", "6", "-d", "2024-08-03")
    assert care.exit_code == 1
    assert "6 activities is more than the whole goal of 5 activities" in care.stderr
    # In Chinese, in Chinese units: 30,000 / 1,000 = 30.
    zh = cli("log", "unions", "3万", "-d", "2024-05-03", "--lang", "zh")
    assert "30,000家 是全部目标 1,000家 的 30 倍；如确认无误，请加 --force" in zh.stderr, zh


@pytest.mark.usefixtures("ledger")
def test_import_lists_every_row_that_would_mislead_and_force_takes_the_file(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "越秀区-05.csv"
    sheet.write_text(
        "目标,数量,日期,区\n"
        "unions,3万,2024-05-03,越秀\n"  # row 2: 30x the goal
        "trees,5,2024-05-03,越秀\n"
        "sales-week,1,2024-05-03,越秀\n"  # row 4: outside the window
        "sales-week,1,2024-08-03,越秀\n"  # row 5: fine on its own
        "sales-week,1,2024-08-04,越秀\n",  # row 6: the second one
        encoding="utf-8",
    )
    refused = cli("import", str(sheet))
    assert refused.exit_code == 1
    assert f"{sheet}:2: 30,000 unions is 30× the whole goal of 1,000 unions" in refused.stderr
    assert (
        f"{sheet}:4: Direct-sales week on Beijing Road (sales-week) is a milestone for 2024-08-01 to 2024-08-31"
        in refused.stderr
    )
    assert (
        f"{sheet}:6: Direct-sales week on Beijing Road (sales-week) is already done (1 of 1)"
        in refused.stderr
    )
    assert f"{sheet}:3:" not in refused.stderr and f"{sheet}:5:" not in refused.stderr
    assert json.loads(ok(cli("entries", "-f", "json")).stdout) == []  # all rows or none
    assert "5 added" in ok(cli("import", str(sheet), "--force")).stdout
    assert "0 added, 5 already present" in ok(cli("import", str(sheet))).stdout  # again: no-op


# --- 6. a missed due date -----------------------------------------------------------------------


@pytest.mark.usefixtures("ledger")
def test_a_cumulative_target_past_its_due_date_is_overdue(cli) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "supplier-regions", "5", "-d", "2024-08-10"))
    before = figures(report_json(cli, "--as-of", "2024-08-31"), "supplier-regions")
    after = figures(report_json(cli, "--as-of", "2024-09-15"), "supplier-regions")
    assert before["status"] == "behind"  # 5 of 11 on the due day: still in time, but behind
    assert after["status"] == "overdue"  # 11 by 31 August was missed
    assert "overdue" in ok(cli("report", "--as-of", "2024-09-15", "-a", "2")).stdout
    ok(cli("log", "supplier-regions", "6", "-d", "2024-09-10"))
    late = figures(report_json(cli, "--as-of", "2024-09-15"), "supplier-regions")
    assert (late["status"], late["timing"]) == ("done", "late")


# --- 7. one rule for every figure, the same in every format -------------------------------------


@pytest.mark.usefixtures("ledger")
def test_log_and_report_print_the_same_percent(cli) -> None:  # type: ignore[no-untyped-def]
    # 10 of 60 destinations = 16.66...%: "never flatters" rounds down to 16.6 in both.
    assert "(16.6%)" in ok(cli("log", "destinations", "10", "-d", "2024-03-01")).stdout
    assert figures(report_json(cli, "--as-of", "2024-10-01"), "destinations")["percent"] == 16.6


def shown(text: str) -> tuple[Decimal, Decimal]:
    """A number as a format shows it, and the size of its last shown digit (0: exact)."""
    text = text.strip().replace(",", "")
    scale = {"万": 10**4, "亿": 10**8, "k": 10**3, "M": 10**6, "B": 10**9}
    number = re.match(r"-?[\d.]+", text)
    assert number, text
    digits = number.group()
    suffix = text[len(digits) :].strip()[:1]
    if suffix in scale:
        places = len(digits.split(".")[1]) if "." in digits else 0
        size = Decimal(scale[suffix])
        return Decimal(digits) * size, size / Decimal(10) ** places
    return Decimal(digits), Decimal(0)  # no abbreviation: exactly the figure


def agrees(figure: Any, text: str, *, up: bool = False) -> bool:
    """The shown text is the figure cut to its shown digits: down for what was done, up
    (``up``) for what is owed or expected, never more than one last digit away."""
    if figure is None:
        return text.strip() in ("", "—")
    value, step = shown(text)
    exact = Decimal(str(figure))
    if step == 0:
        return value == exact
    return exact <= value < exact + step if up else exact - step < value <= exact


def test_every_format_shows_the_same_figures(cli, ledger_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_store(ledger_db) as store:
        store.import_entries(demo_entries(load_programme(SHIPPED)))
    args = ("report", "--as-of", "2024-10-01")
    data = json.loads(ok(cli(*args, "-f", "json")).stdout)
    targets = data["targets"]
    keys = ("actual", "percent", "expected", "remaining", "forecast", "needed_per_week")

    # CSV: the same numbers, digit for digit.
    rows = list(csv.DictReader(io.StringIO(ok(cli(*args, "-f", "csv")).stdout.lstrip("\ufeff"))))
    for target, row in zip(targets, rows, strict=True):
        for key in keys:
            value = target[key]
            assert row[key] == ("" if value is None else str(value)), (target["id"], key)

    # XLSX: number cells with the same values.
    from openpyxl import load_workbook

    book = tmp_path / "r.xlsx"
    ok(cli(*args, "-f", "xlsx", "-o", str(book)))
    sheet = load_workbook(book)[t("en", "sheet_targets")]
    header = [c.value for c in sheet[1]]
    labels = {k: t("en", k) for k in ("actual", "percent", "expected", "remaining", "forecast")}
    labels["needed_per_week"] = t("en", "needed_week")
    for target, cells in zip(targets, sheet.iter_rows(min_row=2, values_only=True), strict=True):
        for key, label in labels.items():
            cell = cells[header.index(label)]
            expected = target[key]
            assert (cell is None and expected is None) or Decimal(str(cell)) == Decimal(
                str(expected)
            ), (target["id"], key, cell, expected)

    # Markdown: percent, expected and needed per week in each target's row.
    markdown = ok(cli(*args, "-f", "markdown")).stdout
    md_rows = [line for line in markdown.splitlines() if line.startswith("| ") and "%" in line]
    md_rows = [r for r in md_rows if not r.startswith("| Target")]
    for target, line in zip(targets, md_rows, strict=True):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert cells[2] == f"{target['percent']:.1f}%", (target["id"], cells)
        assert agrees(target["expected"], cells[3], up=True), (target["id"], "expected", cells[3])
        assert agrees(target["needed_per_week"], cells[5], up=True), (
            target["id"],
            "needed",
            cells[5],
        )

    # The table: the first line of each row holds its numbers (names fold onto more lines).
    table = ok(cli(*args)).stdout
    tb_rows = [line for line in table.splitlines() if re.search(r"[█░]+ [\d.]+%", line)]
    for target, line in zip(targets, tb_rows, strict=True):
        pct = re.search(r"[█░]+ ([\d.]+)%\s+(\S+)", line)
        assert pct and pct.group(1) == f"{target['percent']:.1f}", (target["id"], line)
        assert agrees(target["expected"], pct.group(2), up=True), (target["id"], "expected", line)

    # HTML: each target's card lists expected, remaining, forecast and needed per week.
    html = ok(cli(*args, "-f", "html")).stdout
    names = {
        "expected": t("en", "expected"),
        "remaining": t("en", "remaining"),
        "forecast": t("en", "forecast"),
        "needed_per_week": t("en", "needed_week"),
    }
    for target in targets:
        card = html.split(f'id="target-{target["id"]}"', 1)[1].split("</article>", 1)[0]
        pct = re.search(r'<span class="pct">([\d.]+)%</span>', card)
        assert pct and pct.group(1) == f"{target['percent']:.1f}", target["id"]
        facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card))
        for key, label in names.items():
            if label in facts:
                assert agrees(target[key], facts[label], up=key != "forecast"), (
                    target["id"],
                    key,
                    facts[label],
                )


# --- 8. every commitment ------------------------------------------------------------------------


def test_the_showcase_of_12_provincial_bases_is_a_target(cli) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(ok(cli("targets", "--format", "json")).stdout)
    bases = next(r for r in rows if r["id"] == "provincial-bases")
    assert (bases["action"], bases["goal"], bases["kind"]) == (1, 12, "cumulative")


@pytest.mark.usefixtures("ledger")
def test_every_date_option_reads_a_day_without_a_year(cli) -> None:  # type: ignore[no-untyped-def]
    # 8月1日 and 8/1 are 2024-08-01, the one such day in the 2024 programme, for every option.
    ok(cli("log", "trees", "30", "-d", "8月1日"))
    ok(cli("log", "trees", "5", "-d", "2024-07-31"))
    assert report_json(cli, "--as-of", "8月1日") == report_json(cli, "--as-of", "2024-08-01")
    assert figures(report_json(cli, "--as-of", "7/31"), "trees")["actual"] == 5
    listed = ok(cli("entries", "--since", "8月1日", "--format", "csv")).stdout
    assert "2024-08-01" in listed and "2024-07-31" not in listed
    listed = ok(cli("entries", "--until", "7/31", "--format", "csv")).stdout
    assert "2024-07-31" in listed and "2024-08-01" not in listed
    summary = ok(cli("summary", "--as-of", "8月1日")).stdout
    assert "2024-07-26 – 2024-08-01" in summary


@pytest.mark.usefixtures("ledger")
def test_stored_and_shown_times_follow_the_programmes_clock(
    cli, ledger_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # The clock says 23:30 UTC on 29 September: 07:30 on the 30th in Guangzhou (UTC+8).
    monkeypatch.setenv("TENACTIONS_NOW", "2024-09-29T23:30:00+00:00")
    ok(cli("log", "trees", "5", "-d", "2024-09-01"))
    ok(cli("void", "1", "--reason", "重复"))
    with open_store(ledger_db, create=False) as store:
        stored = store.get(1)
    if is_url(ledger_db):
        # A server stamps entries and voids by its own clock (no client can forge them), in
        # UTC with its offset; shown in the programme's zone all the same.
        import datetime as dt

        from tenactions.dates import local_timestamp, shown_time

        for at in (stored.created_at, stored.void_at):
            assert at is not None and at.endswith("+00:00")
            late = dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(at)
            assert abs(late) < dt.timedelta(minutes=10), at
        created = local_timestamp(stored.created_at, "Asia/Shanghai")
        voided = shown_time(stored.void_at or "", "Asia/Shanghai")
    else:
        # Stored unambiguously, in UTC with its offset, by the programme's clock (not the
        # real one).
        assert (stored.created_at, stored.void_at) == ("2024-09-29T23:30:00+00:00",) * 2
        created, voided = "2024-09-30T07:30:00+08:00", "2024-09-30 07:30"
    exported = list(csv.DictReader(io.StringIO(ok(cli("export", "--format", "csv")).stdout)))
    assert exported[0]["created_at"] == created
    again = cli("void", "1", "--reason", "again", "--lang", "zh")
    assert again.exit_code == 1
    # People read the minute in the programme's zone; the export keeps the ISO timestamp.
    assert f"第 1 条已作废（tester 于 {voided}：重复）" in again.stderr
    english = cli("void", "1", "--reason", "again")
    assert f"entry 1 is already void (by tester at {voided}: 重复)" in english.stderr


@pytest.mark.usefixtures("ledger")
def test_void_and_amend_print_the_new_total_like_log(cli) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "trees", "300", "-d", "2024-03-01"))
    ok(cli("log", "trees", "200", "-d", "2024-03-02"))
    # 500 - 300 = 200 of 5,000 = 4.0%.
    voided = ok(cli("void", "1", "--reason", "dup")).stdout
    assert "Trees planted by volunteers: total 200 of 5,000 trees (4.0%)." in voided, voided
    # Entry 2 (200) amended to 250: 250 of 5,000 = 5.0%.
    amended = ok(cli("amend", "2", "250", "--reason", "typo")).stdout
    assert "Trees planted by volunteers: total 250 of 5,000 trees (5.0%)." in amended, amended
    logged = ok(cli("log", "trees", "1", "-d", "2024-03-03")).stdout
    assert "Total 251 of 5,000 trees (5.0%)" in logged  # the same figures as log prints


@pytest.mark.usefixtures("ledger")
def test_entries_before_a_cumulative_targets_own_start_need_force_and_then_count(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from .test_programme import MINIMAL

    programme = tmp_path / "p.yaml"
    programme.write_text(MINIMAL.replace("goal: 5000\n", "goal: 5000\n        start: 2024-03-01\n"))
    early = cli("log", "trees", "40", "-d", "2024-02-20", "--programme", str(programme))
    assert early.exit_code == 1 and "Trees (trees) starts on 2024-03-01" in early.stderr
    sheet = tmp_path / "in.csv"
    sheet.write_text("target,amount,date\ntrees,7,2024-02-21\ntrees,3,2024-03-02\n", "utf-8")
    refused = cli("import", str(sheet), "--programme", str(programme))
    assert (
        refused.exit_code == 1
        and f"{sheet}:2: Trees (trees) starts on 2024-03-01" in refused.stderr
    )
    ok(cli("log", "trees", "40", "-d", "2024-02-20", "--force", "--programme", str(programme)))
    # With --force it counts: 40 of 5,000.
    data = report_json(cli, "--programme", str(programme))
    assert figures(data, "trees")["actual"] == 40


def test_a_void_time_is_shown_in_the_programmes_zone(cli, ledger_db: str) -> None:  # type: ignore[no-untyped-def]
    ok(cli("log", "trees", "5", "-d", "2024-03-01"))
    ok(cli("void", "1", "--reason", "重复"))
    with open_store(ledger_db) as store:
        stored = store.get(1).void_at
    assert stored is not None and stored.endswith("+00:00")  # kept in UTC
    again = cli("void", "1", "--reason", "again")
    # The same instant, 8 hours ahead: Guangzhou's clock.
    import datetime as dt

    local = dt.datetime.fromisoformat(stored).astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert f"at {local:%Y-%m-%d %H:%M}: 重复)" in again.stderr
