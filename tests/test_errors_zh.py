"""In Chinese, every error of the bad-input catalogue is Chinese (paths and values aside)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tenactions.errors_zh import to_chinese

from .test_catalogue import CASES, Case, prepare, seeded  # noqa: F401 - seeded is a fixture

CJK = re.compile(r"[\u4e00-\u9fff]")
# English that stays English on purpose: pydantic's own wording for a wrong type in a
# programme file (the place and the value are still named), and the YAML parser's.
KEPT_IN_ENGLISH = (
    "Input should be",
    "YAML:",
    "String should",
    "should be less",
    "should be greater",
)


def _message(line: str) -> str:
    """The part of an error line after the prefix and any ``file:row:col:`` place."""
    text = line.removeprefix("tenactions: 错误: ")
    return re.sub(r"^\S*?:\d+(?::\d+)?: ", "", text)


@pytest.mark.parametrize("c", [c for c in CASES if c.code == 1], ids=lambda c: c.id)
def test_every_catalogue_error_speaks_chinese(
    c: Case,
    cli,  # type: ignore[no-untyped-def]
    db: Path,
    tmp_path: Path,
    seeded: tuple[Path, Path],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepare(c, db, tmp_path, seeded, monkeypatch)
    monkeypatch.setenv("TENACTIONS_LANG", "zh")
    result = cli(*c.argv)
    assert result.exit_code == 1
    for line in result.stderr.splitlines():
        assert line.startswith("tenactions: 错误: "), line
        message = _message(line)
        if any(kept in message for kept in KEPT_IN_ENGLISH):
            continue
        assert CJK.search(message), f"untranslated: {line}"


def test_values_and_places_pass_through() -> None:
    line = "天河.csv:12: amount: '1.2.3' is not an amount (write 1200, 1,200, 1.2万 or 3亿)"
    assert (
        to_chinese(line)
        == "天河.csv:12: amount: '1.2.3' 不是有效的数量（可写作 1200、1,200、1.2万 或 3亿）"
    )
    assert to_chinese("an English sentence nobody wrote") == "an English sentence nobody wrote"


def test_the_new_warnings_speak_chinese() -> None:
    line = (
        "entries under target ids that are not in the programme: trees (2 entries), x (1 entries);"
        " if a target was renamed, list its old id under was: in the programme file"
    )
    assert to_chinese(line) == (
        "以下目标编号不在计划中，其记录未被计入：trees（2 条）, x（1 条）；如目标改过编号，"
        "请在计划文件中该目标的 was: 下列出旧编号"
    )
    note = (
        "a.csv:3: this row (no form number) is entry 2, except its note ('新'; the entry has '旧');"
        " kept as recorded: to change it, run 'tenactions amend 2 --note ...'"
    )
    assert "仅备注不同" in to_chinese(note)


def test_system_errors_are_said_in_chinese_by_their_number() -> None:
    """Not by the C library's English text: every errno phrase has its Chinese."""
    import errno

    from tenactions.errors import _OS_REASONS, os_reason

    reasons = [*set(_OS_REASONS.values()), os_reason(OSError(errno.ECHILD, "No child processes"))]
    for reason in reasons:
        said = to_chinese(f"out.csv: cannot write: {reason}")
        assert said.startswith("out.csv: 无法写入："), said
        assert not re.search(r"[a-z]{3}", said.removeprefix("out.csv")), said


def test_this_issues_messages_speak_chinese(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    # A date in a programme file or TENACTIONS_TODAY: all of it Chinese, no "(write ...)".
    assert to_chinese("end: 'soon' is not a date (write YYYY-MM-DD)") == (
        "end: 'soon' 不是日期（请写成 YYYY-MM-DD）"
    )
    info = cli("info", "--lang", "zh").stdout
    assert "计划文件：" in info and "（随附）" in info
    assert f"数据库：  {db}（TENACTIONS_DB；尚不存在；首次记录或导入时创建）" in info
    assert "语言：    zh" in info
    for english in ("programme:", "database:", "language:", "shipped", "exists"):
        assert english not in info, english
    assert cli("log", "trees", "5", "-d", "2024-03-01").exit_code == 0
    assert f"数据库：  {db}（TENACTIONS_DB；已存在）" in cli("info", "--lang", "zh").stdout
    # The district split of the Chinese CSV report names the column as the XLSX does.
    header = cli("report", "--by", "district", "--format", "csv", "--lang", "zh").stdout
    assert "（未填区）" in header.splitlines()[0] and "(no district)" not in header


def test_a_form_number_conflict_names_targets_in_chinese(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,区,编号\n植树,40,2024-08-05,天河,F-7\n", encoding="utf-8")
    assert cli("import", str(path)).exit_code == 0
    path.write_text("目标,数量,日期,区,编号\n植树,45,2024-08-05,天河,F-7\n", encoding="utf-8")
    result = cli("import", str(path), "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"tenactions: 错误: {path}:2: 该行（F-7）已是第 1 条记录：义务植树 40棵（2024-08-05，天河区），"
        "但文件中为 义务植树 45棵（2024-08-05，天河区）；如该行是对第 1 条的更正，请运行"
        " 'tenactions amend 1 ...'；如是另一条记录，请给它自己的表单编号"
    )


def test_the_no_header_message_names_fields_in_chinese() -> None:
    line = (
        "a.xlsx: no header row in rows 1-3: no row names the columns target, amount and date"
        " (accepted names: target: target, 目标; amount: amount, 数量; date: date, 日期)"
    )
    assert to_chinese(line) == (
        "a.xlsx: 第 1-3 行中没有表头行：没有一行写明目标、数量和日期列"
        "（可用的列名：目标：target, 目标；数量：amount, 数量；日期：date, 日期）"
    )


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        (
            "t.xlsx: cannot write here: No such file or directory",
            "t.xlsx: 无法在此写入：文件夹不存在",
        ),
        ("t.xlsx: cannot write here: Permission denied", "t.xlsx: 无法在此写入：没有权限"),
        ("t.xlsx: cannot write: No space left on device", "t.xlsx: 无法写入：磁盘已满"),
    ],
)
def test_common_system_errors_in_chinese(english: str, chinese: str) -> None:
    assert to_chinese(english) == chinese
