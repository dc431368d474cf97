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
