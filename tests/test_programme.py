"""The programme file: the shipped one is complete, and every mistake is pointed at by line."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from tenactions.errors import ProgrammeError
from tenactions.programme import load_programme, programme_from_dict, programme_to_dict

from .conftest import SHIPPED

MINIMAL = """\
name_zh: 测试计划
name_en: Test programme
start: 2024-01-01
end: 2024-12-31
districts:
  - {name_zh: 越秀区, name_en: Yuexiu, aliases: [越秀]}
actions:
  - number: 1
    name_zh: 行动一
    name_en: Action one
    targets:
      - id: trees
        name_zh: 植树
        name_en: Trees
        unit: {zh: 棵, en: trees}
        kind: cumulative
        goal: 5000
"""


def load_text(tmp_path: Path, text: str) -> object:
    path = tmp_path / "p.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_programme(path, use_cache=False)


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ProgrammeError) as info:
        load_text(tmp_path, text)
    return info.value.lines("en")


def test_shipped_programme_has_every_commitment() -> None:
    p = load_programme(SHIPPED, use_cache=False)
    assert [a.number for a in p.actions] == list(range(1, 11))
    assert p.start.isoformat() == "2024-01-01" and p.end.isoformat() == "2024-12-31"
    assert len(p.districts) == 12
    assert {d.name_zh for d in p.districts} >= {"越秀区", "增城区", "从化区", "市本级"}
    goals = {t.id: t.goal for t in p.targets}
    # The numbers of the article, in base units.
    assert goals["unions"] == 1000
    assert goals["trees"] == 5000
    assert goals["role-models"] == 100
    assert goals["projects"] == 30
    assert goals["purchasing"] == Decimal(1_000_000_000)
    assert goals["coupons"] == Decimal(1_000_000)
    assert goals["recuperation"] == 100_000
    assert goals["gig-members"] == 50_000
    assert goals["destinations"] == 60
    assert goals["provincial-bases"] == 12  # the showcase of the 12 provincial bases
    assert goals["fairs"] == 20
    assert goals["supplier-regions"] == 11
    assert goals["cup-events"] == 10
    assert goals["startup-contests"] == 20
    assert goals["training"] == 4
    assert goals["studios"] == 3
    assert goals["job-events"] == 50
    assert goals["tree-unions"] == 100
    assert goals["legal-boards"] == 3
    for action in p.actions:
        assert 1 <= len(action.targets) <= 4, action.number
    for t in p.targets:
        assert t.goal > 0 and t.unit_zh and t.unit_en and t.name_zh and t.name_en
    kinds = {t.id: t.kind for t in p.targets}
    assert kinds["sales-week"] == kinds["sports-opening"] == "milestone"
    assert kinds["monthly-care"] == "recurring"
    week = p.target("sales-week")
    assert (week.window_start, week.due) == (
        week.window_start.replace(month=8, day=1),
        week.due.replace(month=8, day=31),
    )
    opening = p.target("运动会开幕")
    assert opening.due is not None and opening.due.month == 9
    assert p.target("植树").id == "trees"
    assert p.target("TREES").id == "trees"


def test_cache_round_trip_is_exact() -> None:
    p = load_programme(SHIPPED, use_cache=False)
    assert programme_from_dict(programme_to_dict(p), p.path) == p


def test_cached_load_equals_fresh_load(tmp_path: Path) -> None:
    first = load_programme(SHIPPED)
    assert list((tmp_path / "cache").glob("programme-*.json"))
    assert load_programme(SHIPPED) == first


def test_a_changed_file_is_not_served_from_cache(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_programme(path).target("trees").goal == 5000
    path.write_text(MINIMAL.replace("goal: 5000", "goal: 6000"), encoding="utf-8")
    assert load_programme(path).target("trees").goal == 6000


def test_minimal_programme_loads(tmp_path: Path) -> None:
    p = load_text(tmp_path, MINIMAL)
    assert p.target("trees").goal == 5000  # type: ignore[attr-defined]


def test_chinese_amounts_in_goals(tmp_path: Path) -> None:
    p = load_text(tmp_path, MINIMAL.replace("goal: 5000", "goal: 10亿"))
    assert p.target("trees").goal == Decimal(1_000_000_000)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("goal: 5000", "goal: 0"), ":17:15: action 1 / target trees / goal: "),
        (("goal: 5000", "goal: -3"), ":17:15: action 1 / target trees / goal: "),
        (
            ("goal: 5000", "goal: lots"),
            ":17:15: action 1 / target trees / goal: 'lots' is not an amount",
        ),
        (("kind: cumulative", "kind: cumulativ"), ":16:15: action 1 / target trees / kind: "),
        (
            ("        goal: 5000", "        goal: 5000\n        colour: red"),
            ":18:9: action 1 / target trees / colour: unknown key",
        ),
        (
            ("start: 2024-01-01", "start: 2024-13-01"),
            ":3:8: start: '2024-13-01' is not a real date",
        ),
        (("start: 2024-01-01", "start: 20240101"), ":3:8: start: 20240101 is not a date"),
        (
            ("        goal: 5000", "        goal: 5000\n        due: 2025-03-01"),
            ":18:14: action 1 / target trees / due: 2025-03-01 is outside",
        ),
        (
            ("kind: cumulative", "kind: milestone"),
            ":12:9: action 1 / target trees: a milestone needs a due date",
        ),
        (
            ("kind: cumulative", "kind: recurring"),
            ":12:9: action 1 / target trees: a recurring target needs every",
        ),
        (("id: trees", "id: Trees!"), ":12:13: action 1 / target Trees! / id: an id is lower-case"),
        (("name_en: Test programme\n", ""), ":1:1: name_en: required key is missing"),
        (("end: 2024-12-31", "end: 2023-12-31"), ":4:6: end: the period ends"),
        (("number: 1", "number: one"), ":8:13: action #1 / number: "),
        # A unit on the goal is the target's, or it is a slip (60元 for trees); numerals no.
        (
            ("goal: 5000", "goal: 60元"),
            ":17:15: action 1 / target trees / goal: '60元' is in 元, but the target is counted in trees",
        ),
        (
            ("goal: 5000", "goal: 60家"),
            ":17:15: action 1 / target trees / goal: '60家' is in 家, but the target is counted in trees",
        ),
        (
            ("goal: 5000", "goal: 六十棵"),
            ":17:15: action 1 / target trees / goal: '六十棵' is not a number: write the goal in digits",
        ),
        (
            ("goal: 5000", "goal: 五千"),
            ":17:15: action 1 / target trees / goal: '五千' is not a number",
        ),
    ],
)
def test_each_mistake_names_its_line(tmp_path: Path, change: tuple[str, str], where: str) -> None:
    text = MINIMAL.replace(*change)
    assert text != MINIMAL
    found = problems(tmp_path, text)
    assert any(where in line for line in found), found
    assert all(line.startswith(str(tmp_path / "p.yaml") + ":") for line in found)


def test_duplicate_keys(tmp_path: Path) -> None:
    found = problems(
        tmp_path, MINIMAL.replace("        goal: 5000", "        goal: 5000\n        goal: 6000")
    )
    assert any(
        ":18:9: action 1 / target trees: duplicate key 'goal' (first at line 17)" in p
        for p in found
    ), found


def test_duplicate_ids_across_actions(tmp_path: Path) -> None:
    extra = """\
  - number: 2
    name_zh: 行动二
    name_en: Action two
    targets:
      - id: trees
        name_zh: 另一个
        name_en: Another
        unit: {zh: 棵, en: trees}
        kind: cumulative
        goal: 10
"""
    found = problems(tmp_path, MINIMAL + extra)
    assert any(
        ":22:13: action 2 / target trees / id: 'trees' already names target trees" in p
        for p in found
    ), found


def test_all_problems_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("goal: 5000", "goal: 0").replace("kind: cumulative", "kind: nope")
    found = problems(tmp_path, text)
    assert len(found) == 2
    assert found == sorted(found, key=lambda p: int(p.split(":")[1]))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the programme file is empty"),
        ("   \n# only a comment\n", "the programme file is empty"),
        ("- a\n- b\n", "must be a mapping"),
        ("name_zh: [unclosed\n", "YAML"),
        (
            "a: !!python/object/apply:os.system ['echo hi']\n",
            "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
        ),
        ("a: !custom 1\n", "tag !custom is not allowed"),
        ('a: &x ["lol"]\nb: &y [*x, *x, *x]\nc: [*y, *y, *y]\n', "alias *x is not allowed"),
        ("<<: {a: 1}\n", "merge keys"),
    ],
)
def test_unsafe_or_broken_yaml(tmp_path: Path, text: str, message: str) -> None:
    found = problems(tmp_path, text)
    assert any(message in p for p in found), found


def test_gbk_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(MINIMAL.encode("gbk"))
    with pytest.raises(ProgrammeError, match=r"p.yaml:1:1: file: not UTF-8 text"):
        load_programme(path, use_cache=False)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ProgrammeError, match="no such programme file"):
        load_programme(tmp_path / "nope.yaml")
    with pytest.raises(ProgrammeError, match="is a folder"):
        load_programme(tmp_path)


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_programme(path, use_cache=False).target("trees").goal == 5000


@pytest.mark.parametrize("goal", ["5000棵", "5000", "0.5万棵", "5千", "5,000个", "3万5千"])
def test_a_goal_in_digits_with_its_own_unit_or_none_is_fine(tmp_path: Path, goal: str) -> None:
    programme = load_text(tmp_path, MINIMAL.replace("goal: 5000", f"goal: {goal}"))
    assert programme.targets[0].goal in (5000, 35000)  # type: ignore[attr-defined]


def test_a_goal_with_another_unit_is_refused_in_chinese(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL.replace("goal: 5000", "goal: 60元"), encoding="utf-8")
    result = cli("check", "--programme", str(path), "--lang", "zh")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr == (
        f"tenactions: 错误：{path}:17:15: 行动 1 / 目标 trees / goal：'60元' 的单位是元，"
        "但该目标的单位是棵\n"
    )
