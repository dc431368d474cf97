"""The message catalogue keeps its promises: every id in both languages, every id used, no
sentence for the user built outside it, and the user's own words never altered."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from tenactions.errors import InputError, TenactionsError
from tenactions.messages import KIND, STATUS, TEXT, ByLang, Either, Msg, t

SRC = Path(__file__).resolve().parents[1] / "src" / "tenactions"

#: Modules whose every message comes from the catalogue. A module joins this list when it is
#: converted; the scan below then fails on any sentence it builds for the user by itself.
CONVERTED = (
    "amounts.py",
    "dates.py",
    "errors.py",
    "messages.py",
    "model.py",
    "files.py",
    "ledger.py",
    "cli/app.py",
    "cli/localized.py",
    "sheets/limits.py",
    "sheets/reading.py",
    "sheets/sources.py",
    "sheets/tables.py",
    "sheets/template.py",
    "sheets/values.py",
    "sheets/writing.py",
)

#: What carries text to a user: the error classes, and the calls that print.
CARRIERS = {
    "TenactionsError",
    "InputError",
    "Refusals",
    "ProgrammeError",
    "ImportFileError",
    "StoreError",
    "BusyError",
    "ThresholdReached",
    "ValueProblem",
    "AmountError",
    "Unreadable",
    "BadParameter",
    "print",
    "echo",
    "fail",
    "warn",
    "bad",  # a spreadsheet cell's problem (sheets/reading.py)
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_id_speaks_both_languages_with_the_same_fields(key: str) -> None:
    en, zh = TEXT[key]
    assert en.strip() and zh.strip(), key
    assert _fields(en) == _fields(zh), key


def test_status_and_kind_labels_have_both_languages() -> None:
    for table in (STATUS, KIND):
        for key, (en, zh) in table.items():
            assert en.strip() and zh.strip(), key


def _source_strings() -> tuple[set[str], set[str]]:
    """Every string constant in src, and the constant heads of f-strings (``f"skip_{why}"``)."""
    constants: set[str] = set()
    heads: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant):
                heads.add(str(node.left.value))  # t(lang, "period_" + state)
            elif isinstance(node, ast.JoinedStr) and node.values:
                first = node.values[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    heads.add(first.value)
    return constants, heads


def test_every_id_is_used() -> None:
    constants, heads = _source_strings()
    unused = [
        key
        for key in TEXT
        if key not in constants and not any(h and key.startswith(h) for h in heads)
    ]
    assert not unused, f"catalogue ids used nowhere: {unused}"


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _built_here(node: ast.expr) -> bool:
    """A sentence written in place: a str literal with a letter in it, or an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.BinOp):
        return _built_here(node.left) or _built_here(node.right)
    return False


@pytest.mark.parametrize("module", CONVERTED)
def test_converted_modules_build_no_text_outside_the_catalogue(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in CARRIERS:
            args = [*node.args, *(k.value for k in node.keywords)]
            if _call_name(node) == "bad":
                args = args[1:]  # bad(field, problem): the field is a column code
            found += [f"{module}:{node.lineno}" for a in args if _built_here(a)]
    assert not found, f"text built outside the catalogue: {found}"


def test_a_message_is_formatted_in_the_language_asked() -> None:
    msg = Msg("unknown_target_hint", key="tres", ids=Either(["trees", "tree-km"]))
    assert msg.render("en") == (
        "unknown target 'tres' (did you mean trees or tree-km?); 'tenactions targets' lists them all"
    )
    assert msg.render("zh") == (
        "未知目标 'tres'（是否要输入 trees 或 tree-km？）；用 'tenactions targets' 查看全部目标"
    )
    names = ByLang(en="Yuexiu, Tianhe", zh="越秀区、天河区")
    assert Msg("unknown_district", key="x", names=names).render("en").endswith("Yuexiu, Tianhe")
    assert t("zh", "db_from_env") == "来自 TENACTIONS_DB"


def test_an_error_keeps_its_id_and_parameters_until_shown() -> None:
    exc = InputError(Msg("amount_empty"))
    assert isinstance(exc, TenactionsError)
    assert exc.lines("zh") == ["数量为空"] and exc.lines("en") == ["the amount is empty"]


# The user's words that the old phrase table used to rewrite ("date 2024-01-01" -> "日期 ...").
USER_WORDS = ["date 2024-01-01 is empty", "permission denied", "no such file"]


@pytest.mark.parametrize("words", USER_WORDS)
def test_a_mistyped_target_is_quoted_as_typed(cli, db: Path, words: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", words, "5", "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tenactions: 错误: 未知目标 '{words}'；用 'tenactions targets' 查看全部目标"
    )


@pytest.mark.parametrize("words", USER_WORDS)
def test_a_mistyped_district_is_quoted_as_typed(cli, db: Path, words: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "trees", "5", "--district", words, "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tenactions: 错误: 未知的区 '{words}'"), result.stderr
    assert "可选的区：越秀区、" in result.stderr


def test_english_lists_districts_by_their_english_names(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "trees", "5", "--district", "Mars", "--lang", "en")
    assert result.exit_code == 1
    assert "unknown district 'Mars'; districts are: Yuexiu, Haizhu," in result.stderr


def test_an_imported_cell_is_quoted_as_written(cli, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,区\ntrees,5,2024-08-01,permission denied\n", encoding="utf-8")
    result = cli("import", str(path), "--lang", "zh")
    assert result.exit_code == 1
    assert f"{path}:2: 区：未知的区 'permission denied'；可选的区：越秀区、" in result.stderr


def test_english_counts_its_nouns() -> None:
    assert t("en", "exported", n=1, file="a.csv") == "Exported 1 entry to a.csv."
    assert t("en", "exported", n=12_000, file="a.csv") == "Exported 12,000 entries to a.csv."
    assert t("zh", "exported", n=1, file="a.csv") == "已导出 1 条记录到 a.csv。"
    assert t("en", "summary_week", n=1) == "This week: 1 entry"
    assert t("en", "fail_on", status="behind", n=2, names="a, b") == (
        "--fail-on behind: 2 targets: a, b"
    )


def test_entries_the_programme_does_not_know_are_named_in_chinese() -> None:
    from tenactions.messages import Joined

    listed = Joined(
        [Msg("orphan", target="trees", n=2), Msg("orphan", target="x", n=1)], list_of=True
    )
    msg = Msg("orphans", listed=listed)
    assert "trees (2 entries), x (1 entry);" in msg.render("en")
    assert msg.render("zh").startswith(
        "以下目标代码不在计划中，其记录未被计入：trees（2 条）、x（1 条）；"
    )
