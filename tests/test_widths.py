"""Readable at any width: report, targets, entries and summary at 80 and 120 columns, zh and en.

Widths are counted in terminal cells, a Chinese character taking two (``rich.cells.cell_len``).
The CLI runs off a terminal here, so COLUMNS sets the width, as it does for any piped command.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tenactions.demo import demo_entries
from tenactions.messages import status_label
from tenactions.programme import load_programme
from tenactions.render.common import wrap, wrap_text
from tenactions.render.table import fit_columns

from .conftest import SHIPPED

WIDTHS = (80, 120)
LANGS = ("zh", "en")


@pytest.fixture
def demo_db(db: Path) -> Path:
    from tenactions.store import open_store

    with open_store(db) as store:
        store.import_entries(demo_entries(load_programme(SHIPPED)))
    return db


def run_at(cli, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*args)
    assert result.exit_code == 0, result
    return str(result.stdout)


def assert_fits(out: str, width: int) -> None:
    """Every line within the width, none padded with trailing spaces, no escape codes."""
    lines = out.splitlines()
    assert lines
    too_wide = [line for line in lines if cell_len(line) > width]
    assert too_wide == [], f"{len(too_wide)} lines wider than {width}: {too_wide[:3]}"
    padded = [line for line in lines if line != line.rstrip()]
    assert padded == [], f"trailing spaces: {padded[:3]}"
    assert "\x1b[" not in out
    # Never a character a line: no line holds just one character once borders are removed.
    lonely = [line for line in lines if len(re.sub(r"[\s│┃|]", "", line)) == 1]
    assert lonely == [], lonely


# --- report ---------------------------------------------------------------------------------


def report_names(out: str) -> list[str]:
    """The name column of every table in a report, each wrapped name joined back up.

    A table row's first line has the name's first fragment and then, after at least three
    spaces, the figures; its other lines hold only the name's next fragments."""
    names: list[str] = []
    in_table = False
    for line in out.splitlines():
        if set(line.strip()) == {"─"}:
            in_table = True
            continue
        if not line.strip() or not line.startswith(" ") or line.startswith("  "):
            in_table = False  # a blank line, a heading, or the by-district lines
            continue
        if not in_table:
            continue
        fragment, _, rest = line[1:].partition("   ")
        fragment = fragment.strip()
        if rest.strip():
            names.append(fragment)
        else:
            chinese = re.match(r"[\u3000-\u9fff\uff00-\uffef]", fragment)
            joiner = "" if chinese or names[-1].endswith("-") else " "  # migrant-|worker
            names[-1] += joiner + fragment
    return names


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_report_at_80_and_120_columns(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    out = run_at(cli, monkeypatch, width, "report", "--as-of", "2024-10-01", "--lang", lang)
    assert_fits(out, width)
    programme = load_programme(SHIPPED)
    # Every target is there, its name whole: wrapped only between words (Chinese between
    # characters), nothing cut off. English names carry their unit in brackets.
    expected = [tg.name_zh for tg in programme.targets]
    if lang == "en":
        expected = [n.split(" (")[0] for n in report_names(out)]  # units checked below
        assert expected == [tg.name_en for tg in programme.targets]
    else:
        assert report_names(out) == expected
    statuses = {status_label(lang, s) for s in ("done", "on_track", "at_risk", "behind")}
    assert all(s in out for s in statuses)
    # At 120 columns every column is shown; at 80 the bar and the weekly need give way,
    # the status stays.
    needed = "每周需完成" if lang == "zh" else "Needed/week"
    assert (needed in out) == (width == 120)
    assert ("████" in out) == (width == 120)
    assert ("状态" if lang == "zh" else "Status") in out


def test_report_names_wrap_in_a_readable_column(cli, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = run_at(cli, monkeypatch, 80, "report", "--as-of", "2024-10-01", "--lang", "zh")
    first_lines = [
        line[1:].partition("   ")[0].strip()
        for line in out.splitlines()
        if line.startswith(" 北京路") or line.startswith(" 新增工会")
    ]
    # 北京路步行街消费帮扶直销活动（为期一周）is 40 cells: it breaks before the bracket.
    assert first_lines[0] == "新增工会经费预算发放职工疗休养优" or cell_len(first_lines[0]) >= 24
    assert "北京路步行街消费帮扶直销活动" in first_lines
    assert "（为期一周）" in out


def test_report_off_a_terminal_defaults_to_100_columns(cli, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("COLUMNS")
    out = cli("report", "--as-of", "2024-10-01", "--lang", "en").stdout
    assert_fits(out, 100)
    # The rule under the headers spans the table: 100 columns less its trailing edge space.
    assert max(cell_len(line) for line in out.splitlines()) == 99


# --- targets --------------------------------------------------------------------------------


def table_column(out: str, index: int) -> list[str]:
    """Cells of column ``index`` of every boxed table, wrapped cells joined back up (a row
    starts where the first column is not empty)."""
    cells: list[str] = []
    for line in out.splitlines():
        if not line.startswith("│"):
            continue
        parts = [p.strip() for p in line.strip("│").split("│")]
        if parts[0]:
            cells.append(parts[index])
        elif parts[index]:
            wide = re.match(r"[\u3000-\u9fff\uff00-\uffef]", parts[index])
            cells[-1] += ("" if wide or cells[-1].endswith("-") else " ") + parts[index]
    return cells


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_targets_at_80_and_120_columns(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    out = run_at(cli, monkeypatch, width, "targets", "--lang", lang)
    assert_fits(out, width)
    programme = load_programme(SHIPPED)
    assert table_column(out, 0) == [tg.id for tg in programme.targets]
    assert table_column(out, 1) == [tg.name(lang) for tg in programme.targets]
    # The kind column goes first when space is short; the due dates stay at 80 in Chinese.
    kind = "类型" if lang == "zh" else "Kind"
    assert (kind in out) == (width == 120)
    if lang == "zh" or width == 120:
        assert "2024-08-01 –" in out and "2024-08-31" in out  # the sales week's window


# --- entries --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_entries_at_80_and_120_columns(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    note = "补报：九月最后一周的植树活动，由街道工会统一组织，照片和签到表已存档备查"
    cli("log", "trees", "12", "-d", "2024-09-30", "--district", "天河", "--note", note)
    out = run_at(cli, monkeypatch, width, "entries", "--lang", lang, "--limit", "5")
    assert_fits(out, width)
    lines = out.splitlines()
    header = lines[0]
    assert ("日期" if lang == "zh" else "Date") in header
    # Who recorded an entry is the first column to go when the note would get too narrow.
    assert (("填报人" if lang == "zh" else "By") in header) == (width == 120)
    # The newest entry comes first; its note wraps in the last column and reads back whole.
    rows: list[list[str]] = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.split("│")]
        if cells[0]:
            rows.append(cells)
        else:
            rows[-1][-1] += cells[-1]
    newest = str(len(list(demo_entries(load_programme(SHIPPED)))) + 1)  # the one just logged
    # The target by its name in the language (a long one wraps in its column).
    name = "义务植树" if lang == "zh" else "Trees planted"
    assert rows[0][0] == newest and rows[0][1] == "2024-09-30" and rows[0][2].startswith(name)
    assert rows[0][-1] == note
    assert len(rows) == 5


# --- summary --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_summary_at_80_and_120_columns(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    out = run_at(cli, monkeypatch, width, "summary", "--as-of", "2024-09-30", "--lang", lang)
    assert_fits(out, width)
    wide = run_at(cli, monkeypatch, 1000, "summary", "--as-of", "2024-09-30", "--lang", lang)
    # Wrapped lines continue with a deeper indent; joined back they are the unwrapped text.
    joiner = "" if lang == "zh" else " "
    body, wide_body = out.partition("=" * 40)[2], wide.partition("=" * 40)[2]
    assert (
        re.sub(r"\n {2,4}(?=\S)", lambda m: m[0] if m[0] == "\n  " else joiner, body) == wide_body
    )
    heading = out.partition("=" * 40)[0].split()
    assert heading == wide.partition("=" * 40)[0].split()


# --- the pieces -----------------------------------------------------------------------------


def test_fit_columns_drops_in_order_until_the_name_is_readable() -> None:
    widths = {"name": 40, "a": 10, "b": 10, "c": 10}
    # 100 columns: 30 fixed + 4 x 3 overhead leaves 58 for the name: nothing drops.
    assert fit_columns(widths, flexible="name", drops=("c", "b"), width=100, overhead=3) == [
        "name", "a", "b", "c",
    ]  # fmt: skip
    # 60 columns: 60 - 30 - 12 = 18 < 24, drop c: 60 - 20 - 9 = 31 >= 24, stop.
    assert fit_columns(widths, flexible="name", drops=("c", "b"), width=60, overhead=3) == [
        "name", "a", "b",
    ]  # fmt: skip
    # 40 columns: drop c (40 - 20 - 9 = 11), drop b (40 - 10 - 6 = 24), stop.
    assert fit_columns(widths, flexible="name", drops=("c", "b"), width=40, overhead=3) == [
        "name", "a",
    ]  # fmt: skip
    # A short name needs only its own width: 50 - 30 - 12 = 8 >= 8, nothing drops.
    short = widths | {"name": 8}
    assert len(fit_columns(short, flexible="name", drops=("c",), width=50, overhead=3)) == 4


def test_wrap_breaks_chinese_after_punctuation_and_english_between_words() -> None:
    text = "全市各级工会全年消费帮扶：+3650.2万元（1 条），累计 7.8亿/10亿元（78.0%），进度正常"
    lines = wrap_text(text, 80, indent=2)
    # Up to "（78.0%），" the line is 75 cells, 进度正常 would make it 83: the word goes whole to
    # the next line, never 进 / 度正常.
    assert lines == [
        "全市各级工会全年消费帮扶：+3650.2万元（1 条），累计 7.8亿/10亿元（78.0%），",
        "  进度正常",
    ]
    assert wrap_text("Assistance purchasing by all unions", 20) == [
        "Assistance",
        "purchasing by all",
        "unions",
    ]
    # A name with no punctuation is cut between characters, never leaving one alone.
    assert wrap_text("新增工会经费预算发放职工疗休养优惠券", 34) == [
        "新增工会经费预算发放职工疗休养优",
        "惠券",
    ]
    # 7.8亿 and 6.4万 are never split from their unit.
    assert wrap_text("累计 7.8亿/10亿元", 12) == ["累计", "7.8亿/10亿元"]
    items = ["越秀区 9.8万", "海珠区 5.2万", "荔湾区 16.4万"]
    assert wrap("coupons: ", items, 30, indent=2) == [
        "coupons: 越秀区 9.8万",
        "  海珠区 5.2万  荔湾区 16.4万",
    ]


# --- narrow terminals -------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 42])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", ["report", "targets"])
def test_narrow_terminals_stack_targets_rather_than_squeeze_names(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, monkeypatch, width: int, lang: str, command: str
) -> None:
    # At 40-42 columns a name column would keep 1-5 cells beside the figures (a Chinese name one
    # character a line): each target becomes a block, its name whole on its first lines.
    out = run_at(cli, monkeypatch, width, "--lang", lang, command)
    assert_fits(out, width)
    lines = out.splitlines()
    name = "发布第二批职工春秋游推荐目的地" if lang == "zh" else "Second list of recommended"
    assert any(line.startswith(name) for line in lines), out[:800]
    # A heading never ends in an opening bracket; its counts open with it on the next line.
    assert [line for line in lines if line.rstrip().endswith(("(", "（"))] == []


def test_english_names_break_at_a_hyphen(cli, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = run_at(cli, monkeypatch, 42, "--lang", "en", "report")
    assert "Consumption-" in out and "Consumption-as" not in out.replace(
        "Consumption-assistance", ""
    )
    assert wrap_text("Consumption-assistance product fairs", 14) == [
        "Consumption-",
        "assistance",
        "product fairs",
    ]
    assert wrap_text("from 2024-08-31 on", 10) == ["from", "2024-08-31", "on"]  # dates stay whole


def entry_targets(out: str) -> tuple[list[list[str]], int]:
    """The target cell of every row of the entries table as its lines, and the column's width
    (from the rule under the header)."""
    lines = out.splitlines()
    header = [c.strip() for c in lines[0].split("┃")]
    column = header.index("目标" if "目标" in header else "Target")
    room = cell_len(lines[1].split("╇")[column]) - (1 if column == 0 else 2)
    cells: list[list[str]] = []
    for line in lines[2:]:
        parts = [c.strip() for c in line.split("│")]
        if parts[0]:
            cells.append([parts[column]])
        elif parts[column]:
            cells[-1].append(parts[column])
    return cells, room


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", (60, 80, 120))
def test_entries_show_every_character_of_each_target_name(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch, width: int, lang: str
) -> None:
    out = run_at(cli, monkeypatch, width, "entries", "--lang", lang, "--since", "2024-09-25")
    assert_fits(out, width)
    assert "…" not in out
    names = {tg.name(lang) for tg in load_programme(SHIPPED).targets}
    cells, room = entry_targets(out)
    assert cells
    for lines in cells:
        joined = "" if not lines else lines[0]
        for line in lines[1:]:
            wide = re.match(r"[\u3000-\u9fff\uff00-\uffef]", line)
            joined += ("" if wide or joined.endswith("-") else " ") + line
        assert joined in names, lines
        # Wrapped once, greedily: no line could have taken the next line's first word.
        for line, after in itertools.pairwise(lines):
            if lang == "en":
                first = re.split(r"(?<=[- ])", after)[0].rstrip()
                assert cell_len(line) + 1 + cell_len(first) > room, (lines, room)


def test_a_wrapped_chinese_name_never_starts_a_line_with_closing_punctuation() -> None:
    from tenactions.render.common import wrap_text

    name = "“粤菜师傅”“广东技工”“南粤家政”三项工程技能培训"
    for width in range(6, 30):
        lines = wrap_text(name, width)
        assert "".join(lines) == name
        assert not any(line[0] in "”）》" for line in lines[1:]), (width, lines)
        assert not any(line[-1] in "“（《" for line in lines), (width, lines)
