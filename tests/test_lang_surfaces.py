"""What a user reads is in the chosen language, and what a script reads stays stable."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


def _seed(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "5", "--date", "2024-08-01", "--ref", "F-1").exit_code == 0
    assert cli("log", "fairs", "1", "--date", "2024-08-02", "--district", "越秀").exit_code == 0


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_chinese_export_has_chinese_headers_and_imports_again(  # type: ignore[no-untyped-def]
    cli, db: Path, tmp_path: Path, suffix: str
) -> None:
    _seed(cli)
    out = tmp_path / f"export.{suffix}"
    assert cli("export", "--output", str(out), "--lang", "zh").exit_code == 0
    if suffix == "csv":
        header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert header[:5] == ["条目号", "记录标识", "目标代码", "名称", "日期"]
        assert "表单编号" in header and not any(h.isascii() for h in header)
    again = tmp_path / "again.db"
    result = cli("--db", str(again), "import", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "新增 2 行" in result.stderr + result.stdout
    rows = json.loads(cli("--db", str(again), "entries", "--format", "json").stdout)
    assert sorted((r["target"], r["amount"], r["ref"]) for r in rows) == [
        ("fairs", 1, ""),
        ("trees", 5, "F-1"),
    ]


def test_an_english_export_keeps_its_column_codes_and_json_its_keys(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(cli)
    text = cli("entries", "--format", "csv", "--lang", "en").stdout
    assert text.lstrip("\ufeff").startswith(
        "id,uid,target,target_name,date,amount,district,by,note,ref,"
    )
    rows = json.loads(cli("entries", "--format", "json", "--lang", "zh").stdout)
    assert {"id", "uid", "target", "void"} <= set(rows[0]) and rows[0]["void"] is False


def test_the_import_reads_the_new_header_words(cli, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("target id,amount,date,form no.\ntrees,3,2024-08-01,A-9\n", encoding="utf-8")
    assert cli("import", str(path)).exit_code == 0
    rows = json.loads(cli("entries", "--format", "json").stdout)
    assert [(r["target"], r["ref"]) for r in rows] == [("trees", "A-9")]


def test_the_chinese_report_csv_speaks_chinese(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(cli)
    text = cli("report", "--format", "csv", "--lang", "zh", "--by", "district").stdout
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    header = rows[0]
    assert header[:4] == ["统计截止日", "行动", "目标代码", "名称"]
    assert not any(h.isascii() for h in header)  # district columns by their names too
    by_id = {r[2]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert by_id["trees"]["类型"] == "累计" and by_id["trees"]["状态"].isascii() is False
    english = cli("report", "--format", "csv", "--lang", "en").stdout.lstrip("\ufeff")
    assert english.startswith("as_of,action,id,name,kind,")


@pytest.mark.parametrize("value", ["fr", "de_DE", "jp"])
def test_a_language_variable_naming_neither_language_is_refused(  # type: ignore[no-untyped-def]
    cli, db: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TENACTIONS_LANG", value)
    result = cli("log", "trees", "5")
    assert result.exit_code == 1, result
    assert (
        result.stderr
        == f"tenactions: error: TENACTIONS_LANG={value!r}: use zh or en, or unset it\n"
    )
    assert not db.exists()  # refused before anything was opened
    # --lang chooses for this run, as --db overrides TENACTIONS_DB.
    assert cli("targets", "--lang", "zh").exit_code == 0


@pytest.mark.parametrize(
    ("value", "lang"), [("zh_CN", "zh"), ("zh-CN", "zh"), ("ZH", "zh"), ("en_US", "en"), ("", "en")]
)
def test_the_language_variable_is_read_as_people_write_it(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, value: str, lang: str
) -> None:
    monkeypatch.setenv("TENACTIONS_LANG", value)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    result = cli("log", "trees", "1,5")
    assert result.exit_code == 1
    assert ("不是有效的数量" in result.stderr) == (lang == "zh"), result


def test_an_amount_and_its_unit_are_spaced_alike_in_targets_and_report(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    """One rule: ``100万元`` in Chinese, ``1M yuan`` in English, in targets as in report."""
    _seed(cli)
    for lang, goal in (("zh", "100万元"), ("en", "1M yuan")):
        targets = cli("targets", "--action", "1", "--lang", lang).stdout
        report = cli("report", "--action", "1", "--lang", lang, "--as-of", "2024-09-30").stdout
        html = cli("report", "--action", "1", "-f", "html", "--lang", lang, "--as-of", "2024-09-30")
        assert goal in targets, targets
        assert goal in html.stdout
        if lang == "zh":  # the English table names the unit beside the target's name
            assert goal in report, report
    assert "100万 元" not in cli("targets", "--lang", "zh").stdout


def test_a_cumulative_targets_due_date_is_the_period_end_in_every_format(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(cli)
    as_of = ("--as-of", "2024-09-30")
    for lang, due in (("zh", "截止"), ("en", "due")):
        text = cli("report", "-f", "csv", "--lang", lang, *as_of).stdout.lstrip("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text)))
        trees = next(r for r in rows if "trees" in r.values())
        assert trees[due] == "2024-12-31", trees
    report = json.loads(cli("report", "-f", "json", *as_of).stdout)
    by_id = {t["id"]: t for t in report["targets"]}
    assert by_id["trees"]["due"] == "2024-12-31" == by_id["trees"]["end"]
    assert by_id["sales-week"]["due"] == "2024-08-31"  # a milestone's own


def test_a_recurring_target_counts_periods_in_json_and_one_is_singular(  # type: ignore[no-untyped-def]
    cli, db: Path, tmp_path: Path
) -> None:
    from .conftest import SHIPPED

    _seed(cli)
    as_of = ("--as-of", "2024-12-15")
    report = json.loads(cli("report", "-f", "json", *as_of).stdout)
    care = next(t for t in report["targets"] if t["id"] == "monthly-care")
    assert (care["unit"], care["goal"]) == ("months", 5)  # 2024-08 to 2024-12
    zh = json.loads(cli("report", "-f", "json", "--lang", "zh", *as_of).stdout)
    assert next(t for t in zh["targets"] if t["id"] == "monthly-care")["unit"] == "个月"
    # Counted from December only: one period, 0/1 month (not "0/1 months").
    one = tmp_path / "one.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    one.write_text(
        text.replace("goal: 1\n        start: 2024-08-01", "goal: 1\n        start: 2024-12-01"),
        encoding="utf-8",
    )
    args = ("--programme", str(one), "report", "--action", "9", *as_of)
    assert "0/1 month " in cli(*args, "-f", "markdown").stdout + " "
    assert "0/1 months" not in cli(*args, "-f", "html").stdout
    assert "0/1 个月" in cli(*args, "-f", "markdown", "--lang", "zh").stdout
    data = json.loads(cli(*args, "-f", "json").stdout)
    assert [(t["unit"], t["goal"]) for t in data["targets"] if t["id"] == "monthly-care"] == [
        ("month", 1)
    ]
