"""report and summary through the real CLI: figures, formats, golden outputs, cron; on both
backends (``ledger_db``)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tenactions.demo import demo_entries
from tenactions.programme import load_programme
from tenactions.store import open_store

from .conftest import SHIPPED

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TENACTIONS_UPDATE_GOLDEN") == "1"


pytestmark = pytest.mark.usefixtures("ledger_db")


@pytest.fixture
def demo_db(ledger_db: str) -> str:
    with open_store(ledger_db) as store:
        store.import_entries(demo_entries(load_programme(SHIPPED)))
    return ledger_db


def golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; TENACTIONS_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs; rerun with TENACTIONS_UPDATE_GOLDEN=1 if intended"
    )


def report_json(cli, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = cli("report", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_report_figures_follow_the_ledger(cli) -> None:  # type: ignore[no-untyped-def]
    cli("log", "trees", "2000", "-d", "2024-03-12", "--district", "从化")
    cli("log", "trees", "500", "-d", "2024-07-01", "--district", "天河")
    cli("log", "trees", "999", "-d", "2024-07-01")
    cli("void", "3", "--reason", "dup")
    data = report_json(cli, "--as-of", "2024-07-01", "--by", "district", "-a", "6")
    assert data["as_of"] == "2024-07-01"
    assert data["elapsed"] == pytest.approx(183 / 366, abs=1e-4)  # 2024 is a leap year
    [trees] = [t for t in data["targets"] if t["id"] == "trees"]
    assert trees["goal"] == 5000 and trees["actual"] == 2500 and trees["percent"] == 50
    assert trees["remaining"] == 2500
    assert trees["expected"] == 2500  # 5000 * 183 / 366, exactly on pace
    assert trees["status"] == "on_track"
    assert trees["by_district"] == {"从化区": 2000, "天河区": 500}
    # Entries dated after the as-of date do not count.
    earlier = report_json(cli, "--as-of", "2024-06-30", "-a", "6")
    [trees] = [t for t in earlier["targets"] if t["id"] == "trees"]
    assert trees["actual"] == 2000 and trees["status"] == "at_risk"  # 2000 >= 80% of 2486.34
    assert [a["number"] for a in earlier["actions"]] == [6]


@pytest.mark.usefixtures("ledger")
def test_milestone_statuses_by_date(cli) -> None:  # type: ignore[no-untyped-def]
    def status(as_of: str) -> str:
        data = report_json(cli, "--as-of", as_of, "-a", "2")
        return next(t["status"] for t in data["targets"] if t["id"] == "sales-week")

    assert status("2024-07-31") == "upcoming"
    assert status("2024-08-15") == "on_track"
    assert status("2024-09-01") == "overdue"
    cli("log", "sales-week", "-d", "2024-08-19")
    assert status("2024-08-18") == "on_track"
    assert status("2024-08-19") == "done"
    assert status("2024-12-31") == "done"


@pytest.mark.usefixtures("ledger")
def test_report_on_an_empty_ledger(cli) -> None:  # type: ignore[no-untyped-def]
    data = report_json(cli, "--as-of", "2024-10-01")
    assert len(data["targets"]) == 22 and data["work_done"] == 0


def test_report_formats_are_golden(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    for fmt, lang, suffix in (
        ("table", "en", "txt"),
        ("table", "zh", "txt"),
        ("markdown", "zh", "md"),
        ("csv", "en", "csv"),
        ("json", "en", "json"),
    ):
        result = cli(
            "report", "--as-of", "2024-10-01", "--by", "district", "--format", fmt, "--lang", lang
        )
        assert result.exit_code == 0, result
        assert "\x1b[" not in result.stdout
        golden(f"report-{fmt}-{lang}.{suffix}", result.stdout)


def test_table_fits_100_columns_and_escapes_nothing(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    from rich.cells import cell_len

    out = cli("report", "--as-of", "2024-10-01", "--lang", "zh").stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    assert "已完成" in out and "滞后" in out and "逾期" in out


def test_csv_report_has_a_bom_and_one_row_per_target(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("report", "--as-of", "2024-10-01", "-f", "csv").stdout
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 22 and rows[0]["id"] == "destinations"


def test_report_to_a_file(cli, demo_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.json"
    result = cli("report", "--as-of", "2024-10-01", "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["as_of"] == "2024-10-01"


@pytest.mark.usefixtures("ledger")
def test_bad_report_options(cli) -> None:  # type: ignore[no-untyped-def]
    bad_date = cli("report", "--as-of", "2024-13-45")
    assert bad_date.exit_code == 1 and "--as-of '2024-13-45' is not a real date" in bad_date.stderr
    bad_action = cli("report", "-a", "12")
    assert bad_action.exit_code == 1 and "there is no action 12" in bad_action.stderr
    assert cli("report", "--format", "pdf").exit_code == 2


def test_summary_golden_and_fail_on(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    for fmt, lang, suffix in (
        ("text", "zh", "txt"),
        ("text", "en", "txt"),
        ("markdown", "zh", "md"),
        ("json", "en", "json"),
    ):
        result = cli("summary", "--as-of", "2024-09-30", "--format", fmt, "--lang", lang)
        assert result.exit_code == 0, result
        golden(f"summary-{fmt}-{lang}.{suffix}", result.stdout)
    data = json.loads(cli("summary", "--as-of", "2024-09-30", "-f", "json").stdout)
    assert data["entries"] == 8 and data["window"] == {"start": "2024-09-24", "end": "2024-09-30"}
    tripped = cli("summary", "--as-of", "2024-10-01", "--fail-on", "overdue")
    assert tripped.exit_code == 3
    assert "Period elapsed" in tripped.stdout  # printed first
    # The line cron mails names each target as people know it, with its id and status.
    assert tripped.stderr == (
        "tenactions: error: --fail-on overdue: 1 target: "
        "Workers' sports meet opening at Liangkou (sports-opening, overdue)\n"
    )
    zh = cli("summary", "--as-of", "2024-10-01", "--fail-on", "overdue", "--lang", "zh")
    assert zh.exit_code == 3
    assert zh.stderr == (
        "tenactions: 错误：--fail-on overdue：1 个目标：良口生态设计小镇职工运动会开幕式（sports-opening，逾期）\n"
    )
    behind = cli("summary", "--as-of", "2024-09-30", "--fail-on", "behind", "--lang", "zh")
    assert behind.stderr.count("（") == 5 and "，滞后）；" in behind.stderr
    assert cli("summary", "--as-of", "2024-09-30", "--fail-on", "overdue").exit_code == 0
    assert cli("summary", "--as-of", "2024-09-30", "--fail-on", "behind").exit_code == 3


@pytest.mark.usefixtures("ledger")
def test_empty_week_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("summary", "--as-of", "2024-03-10").stdout
    assert "No entries this week." in out
    assert "本周无记录。" in cli("summary", "--as-of", "2024-03-10", "--lang", "zh").stdout


def test_summary_is_deterministic(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    first = cli("summary", "--as-of", "2024-09-30").stdout
    assert cli("summary", "--as-of", "2024-09-30").stdout == first


def test_summary_under_a_bare_cron_environment(demo_db: str, tmp_path: Path) -> None:
    """cron: no terminal, no TERM, no LANG, a minimal PATH, stdin closed."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "TENACTIONS_DB": demo_db,
        "TENACTIONS_CACHE_DIR": str(tmp_path / "cron-cache"),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tenactions",
            "summary",
            "--as-of",
            "2024-09-30",
            "--lang",
            "zh",
            "--fail-on",
            "behind",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    assert out.returncode == 3, out.stderr.decode("utf-8", "replace")
    text = out.stdout.decode("utf-8")  # must be UTF-8 whatever the locale
    assert "时间进度" in text and "本周记录 8 条" in text
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert out.stderr.decode("utf-8").startswith("tenactions: 错误：--fail-on behind：5 个目标：")


@pytest.mark.usefixtures("ledger")
def test_written_files_get_the_usual_permissions(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    try:
        out = tmp_path / "r.md"
        assert cli("report", "-f", "markdown", "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".r.md.*"))  # no temporary file left behind


def test_html_and_xlsx_reports_are_golden(cli, demo_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = cli("report", "--as-of", "2024-10-01", "--by", "district", "-f", "html", "--lang", "zh")
    assert html.exit_code == 0
    golden("report-html-zh.html", html.stdout)

    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert (
        cli(
            "report", "--as-of", "2024-10-01", "--by", "district", "-f", "xlsx", "-o", str(out)
        ).exit_code
        == 0
    )
    book = load_workbook(out)
    # The workbook's bytes carry a save time; its cells are what must not change.
    cells = {
        ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)]
        for ws in book.worksheets
    }
    golden(
        "report-xlsx-en.json", json.dumps(cells, ensure_ascii=False, indent=1, default=str) + "\n"
    )


def test_next_years_programme_on_the_same_ledger_counts_only_its_year(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Next year's programme is a copy with new dates: last year's entries must not count."""
    assert cli("log", "trees", "4000", "-d", "2024-09-01").exit_code == 0
    next_year = tmp_path / "actions-2025.yaml"
    next_year.write_text(SHIPPED.read_text("utf-8").replace("2024-", "2025-"), encoding="utf-8")
    monkeypatch.setenv("TENACTIONS_TODAY", "2025-03-01")
    monkeypatch.setenv("TENACTIONS_PROGRAMME", str(next_year))
    logged = cli("log", "trees", "100", "-d", "2025-02-01")
    assert "Total 100 of 5,000 trees (2.0%)" in logged.stdout
    data = report_json(cli, "--as-of", "2025-03-01", "--by", "district")
    [trees] = [t for t in data["targets"] if t["id"] == "trees"]
    assert trees["actual"] == 100 and trees["by_district"] == {"": 100}
    summary = json.loads(cli("summary", "--as-of", "2025-02-03", "-f", "json").stdout)
    assert summary["entries"] == 1 and summary["deltas"][0]["total"] == 100

    monkeypatch.delenv("TENACTIONS_PROGRAMME")
    [old] = [t for t in report_json(cli, "--as-of", "2024-12-31")["targets"] if t["id"] == "trees"]
    assert old["actual"] == 4000  # and the 2024 report ends with 2024


def _trees_goal(tmp_path: Path, goal: str) -> Path:
    """The shipped programme with the trees' goal (5000) replaced."""
    text = SHIPPED.read_text("utf-8")
    assert text.count("goal: 5000\n") == 1
    path = tmp_path / "p.yaml"
    path.write_text(text.replace("goal: 5000\n", f"goal: {goal}\n"), "utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "logged", "summary"),
    [
        # 10,050 of 10,050: done rounds down to 10k, the goal up to 10.1k; once met both
        # share the goal's short form.
        ("en", "Total 10.1k of 10.1k trees (100.0%)", "| 10.1k/10.1k trees |"),
        ("zh", "累计 1.1万 / 1.1万棵（100.0%）", "| 1.1万/1.1万棵 |"),
    ],
)
def test_a_met_goal_never_reads_as_short(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, lang: str, logged: str, summary: str
) -> None:
    programme = str(_trees_goal(tmp_path, "10050"))
    result = cli(
        "--lang", lang, "log", "trees", "10050", "--date", "2024-03-12", "--programme", programme
    )
    assert result.exit_code == 0, result
    assert logged in result.stdout, result.stdout
    result = cli("--lang", lang, "report", "-f", "markdown", "--programme", programme)
    assert summary in result.stdout, result.stdout
    # 10,060 of 10,050: the short forms would be 10k and 10.1k, so both are shown exactly.
    result = cli(
        "--lang", lang, "log", "trees", "10", "--date", "2024-03-13", "--programme", programme
    )
    assert "10,060" in result.stdout and "10,050" in result.stdout, result.stdout


def test_done_of_goal_shares_one_rounding_once_met() -> None:
    from tenactions.amounts import format_done_of_goal

    assert format_done_of_goal(9_000, 10_050, "en") == ("9,000", "10.1k")  # not met: as before
    assert format_done_of_goal(10_050, 10_050, "en") == ("10.1k", "10.1k")
    assert format_done_of_goal(10_060, 10_050, "zh") == ("10,060", "10,050")
    assert format_done_of_goal(20_000, 10_050, "en") == ("20k", "10.1k")  # 20k is not below


def test_machine_formats_keep_every_fen_of_a_huge_total(cli) -> None:  # type: ignore[no-untyped-def]
    # 900,023,456,789,015.67 + 200,000,000,000,000 = 1,100,023,456,789,015.67 yuan: 18
    # significant digits, more than a float holds (it would give 1100023456789015.6).
    for amount, day in (("900023456789015.67", "2024-03-12"), ("200000000000000", "2024-03-13")):
        result = cli("log", "purchasing", amount, "--date", day, "--force")
        assert result.exit_code == 0, result
    exact = "1100023456789015.67"
    text = cli("report", "--format", "json").stdout
    assert f'"actual": {exact},' in text
    data = json.loads(text, parse_float=str)
    purchasing = next(r for r in data["targets"] if r["id"] == "purchasing")
    assert purchasing["actual"] == exact
    rows = list(
        csv.DictReader(io.StringIO(cli("report", "--format", "csv").stdout.lstrip("\ufeff")))
    )
    assert next(r for r in rows if r["id"] == "purchasing")["actual"] == exact


@pytest.mark.parametrize(
    ("lang", "wording"), [("zh", "2/5 个月"), ("en", "2/5 months")], ids=["zh", "en"]
)
def test_a_recurring_target_reads_the_same_in_every_format(  # type: ignore[no-untyped-def]
    cli, demo_db: str, tmp_path: Path, lang: str, wording: str
) -> None:
    """monthly-care (unit 场, goal 5 months) shows its progress in one wording, never as a
    date (2/5月 reads as May) nor in periods of another name (累计 2/5期)."""
    html = tmp_path / "report.html"
    shown = {
        fmt: cli("report", "-f", fmt, "--as-of", "2024-10-01", "--lang", lang).stdout
        for fmt in ("table", "markdown")
    }
    assert cli("report", "-f", "html", "-o", str(html), "--lang", lang).exit_code == 0
    shown["html"] = html.read_text("utf-8")
    # The summary's week holds an entry of monthly-care.
    shown["summary"] = cli(
        "summary", "--as-of", "2024-09-30", "--days", "30", "--lang", lang
    ).stdout
    name = "按“每月一主题”" if lang == "zh" else "Monthly themed care"
    for fmt, text in shown.items():
        line = next(line for line in text.splitlines() if name in line or "monthly-care" in line)
        assert wording in text, (fmt, line)
        assert "2/5月" not in text and "2/5期" not in text and "2 / 5" not in text, fmt
    rows = list(csv.DictReader(io.StringIO(cli("report", "-f", "csv", "--lang", lang).stdout)))
    row = next(r for r in rows if "monthly-care" in r.values())
    unit = next(k for k in row if k.lstrip("\ufeff") in ("unit", "单位"))
    assert row[unit] == ("个月" if lang == "zh" else "months")


@pytest.mark.parametrize(
    "args",
    [
        ("targets",),
        ("entries", "--limit", "3"),
        ("info",),
        ("report", "--as-of", "2024-10-01"),
        ("report", "-f", "markdown", "--as-of", "2024-10-01"),
        ("report", "--by", "district", "--as-of", "2024-10-01"),
        ("summary", "--as-of", "2024-10-01"),
        ("summary", "-f", "markdown", "--as-of", "2024-10-01"),
        ("log", "trees", "1", "-d", "2024-09-30"),
    ],
    ids=lambda args: "-".join(args[:3]),
)
def test_text_commands_write_in_the_output_encoding(demo_db: str, args: tuple[str, ...]) -> None:
    """On a GBK console every command for a person writes GBK, as ``log`` always has."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    done = subprocess.run(
        [sys.executable, "-m", "tenactions", *args, "--lang", "zh"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    text = done.stdout.decode("gbk")  # raises on UTF-8 bytes of Chinese text
    assert re.search(r"[\u4e00-\u9fff]", text), text
    with pytest.raises(UnicodeDecodeError):
        done.stdout.decode("utf-8")


def test_a_report_written_with_output_stays_utf8(demo_db: str, tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    args = ("report", "-f", "markdown", "--lang", "zh", "-o", str(path))
    done = subprocess.run(
        [sys.executable, "-m", "tenactions", *args], capture_output=True, env=env, timeout=120
    )
    assert done.returncode == 0
    assert "行动" in path.read_bytes().decode("utf-8")


def test_english_units_agree_with_their_number() -> None:
    from tenactions.model import english_unit

    cases = [("trees", 1, "tree"), ("trees", 2, "trees"), ("activities", 1, "activity")]
    cases += [("event", 0, "events"), ("event", 1, "event"), ("people", 1, "person")]
    cases += [("person", 3, "people"), ("yuan", 1, "yuan"), ("service points", 1, "service point")]
    cases += [("batches", 1, "batch"), ("unions", 1, "union"), ("activity", 2, "activities")]
    assert [english_unit(unit, n) for unit, n, _ in cases] == [want for _, _, want in cases]


def test_one_is_singular_in_log_and_summary(cli, demo_db: str) -> None:  # type: ignore[no-untyped-def]
    said = cli("log", "trees", "1", "-d", "2024-09-30", "--lang", "en")
    assert said.exit_code == 0, said
    assert "Trees planted by volunteers 1 tree on" in said.stdout
    assert "of 5,000 trees" in said.stdout and "1 trees" not in said.stdout
    # The week before 2024-10-01 holds one entry each of destinations and startup-contests.
    summary = cli("summary", "--as-of", "2024-10-01", "--lang", "en").stdout
    assert "+1 destination (" in summary and "+1 contest (" in summary
    assert not re.search(r"\+1 [a-z]+s \(", summary), summary
    zh = cli("log", "trees", "1", "-d", "2024-09-30", "--lang", "zh").stdout
    assert "义务植树 1棵（2024-09-30）" in zh and "/ 5,000棵" in zh


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_report_by_district_speaks_one_language(cli, demo_db: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Targets by their names, districts by name_en in English, separators of the language."""
    from tenactions.messages import t

    programme = load_programme(SHIPPED)
    args = ("report", "--by", "district", "-f", fmt, "--as-of", "2024-10-01")
    zh = cli(*args, "--lang", "zh").stdout
    en = cli(*args, "--lang", "en").stdout
    for target in programme.targets:
        assert f"{target.id}:" not in zh and f"{target.id}：" not in zh
    assert "发布第二批职工春秋游推荐目的地：" in zh
    assert "海珠区 1" in zh and "Haizhu 1" in en
    assert not re.search(r"[\u4e00-\u9fff，、：]", en.replace("\u2014", "")), [
        line for line in en.splitlines() if re.search(r"[\u4e00-\u9fff，、：]", line)
    ]
    assert f"Panyu{t('en', 'list_sep')}Zengcheng" in en
    assert f"番禺区{t('zh', 'list_sep')}增城区" in zh


def test_chinese_text_takes_chinese_punctuation(cli, demo_db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Full-width colons and brackets in Chinese; English keeps its own."""
    assert "\n行动 1：职工乡村疗休养工程" in "\n" + cli("targets", "--lang", "zh").stdout
    assert "\nAction 1: " in "\n" + cli("targets", "--lang", "en").stdout
    table = cli("report", "--as-of", "2024-10-01", "--lang", "zh").stdout
    assert "职工乡村疗休养工程   （已完成 2 · 进度正常 1 · 有风险 1）" in table
    assert "(done 2 · on track 1 · at risk 1)" in cli("report", "--as-of", "2024-10-01").stdout
    for lang, between in (("zh", "8月 达标；9月 达标"), ("en", "met; ")):
        page = tmp_path / f"{lang}.html"
        assert cli("report", "-f", "html", "-o", str(page), "--lang", lang).exit_code == 0
        assert between in page.read_text("utf-8"), lang
