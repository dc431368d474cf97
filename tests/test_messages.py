"""The message catalogue keeps its promises: every id in both languages, every id used, no
sentence for the user built outside it, and the user's own words never altered."""

from __future__ import annotations

import ast
import re
import string
import sys
from pathlib import Path

import pytest

from tenactions.amounts import AmountError
from tenactions.errors import InputError, TenactionsError, ValueProblem
from tenactions.messages import KIND, STATUS, TEXT, ByLang, Either, Msg, t

from .test_catalogue import CASES, Case, prepare, seeded  # noqa: F401 - seeded is a fixture


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


SRC = Path(__file__).resolve().parents[1] / "src" / "tenactions"
MODULES = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py"))

#: What carries text to a user: the project's exceptions, the calls that print, and the
#: catalogue's own constructors (whose parameters are values, never sentences).
CARRIERS = {
    *(cls.__name__ for cls in (TenactionsError, ValueProblem, AmountError)),
    *(cls.__name__ for cls in _subclasses(TenactionsError)),
    "Unreadable",
    "_BadRow",
    "BadParameter",
    "print",
    "echo",
    "secho",
    "fail",
    "warn",
    "bad",  # a spreadsheet cell's problem (sheets/reading.py): bad(field, problem)
    "clean_text",  # clean_text(value, what): ``what`` names the field
    "Msg",
    "t",
    "Joined",
    "Either",
    "ByLang",
}

#: Arguments that are not text for the user: ids and codes, by call and position.
NOT_TEXT = {"Msg": 1, "t": 2, "bad": 1, "clean_text": 1}

#: A sentence: a word of two or more letters (Latin or Chinese) outside the placeholders.
SENTENCE = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")

#: Text built outside the catalogue on purpose, one line each with its reason.
ALLOWED: dict[tuple[str, str], str] = {
    # ByLang carries a name the programme file gives in both languages, never a sentence.
}


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _written_here(node: ast.expr) -> str:
    """The text of ``node`` written in the source (a literal, an f-string's constant parts,
    either side of a ``+`` or a conditional), '' if it is a value computed elsewhere."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_written_here(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _written_here(node.left) + " " + _written_here(node.right)
    if isinstance(node, ast.IfExp):
        return _written_here(node.body) + " " + _written_here(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return " ".join(_written_here(e) for e in node.elts)
    return ""


def _scan(module: str) -> tuple[list[str], list[str], list[str]]:
    """(sentences built outside the catalogue, ids not in it, codes that are not one token)."""
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    built, unknown, codes = [], [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name == "Code":
            for arg in node.args:  # a literal must be one token; a value is the file's own
                written = _written_here(arg)
                if written and not re.fullmatch(r"[-\w.]+", written):
                    codes.append(f"{module}:{node.lineno}")
            continue
        if name not in CARRIERS or (module, name) in ALLOWED:
            continue
        skip = NOT_TEXT.get(name, 0)
        if name in ("Msg", "t"):
            key = node.args[skip - 1] if len(node.args) >= skip else None
            if isinstance(key, ast.Constant) and key.value not in TEXT:
                unknown.append(f"{module}:{node.lineno}: {key.value}")
        args = [*node.args[skip:], *(k.value for k in node.keywords)]
        built += [
            f"{module}:{node.lineno}: {_written_here(a)!r}"
            for a in args
            if SENTENCE.search(_written_here(a))
        ]
    return built, unknown, codes


@pytest.mark.parametrize("module", MODULES)
def test_no_module_builds_text_outside_the_catalogue(module: str) -> None:
    """No literal sentence or f-string reaches an error, a printed line or a message's
    parameters: what a user reads is a catalogue id; what code adds is values."""
    built, unknown, codes = _scan(module)
    assert not built, f"text built outside the catalogue: {built}"
    assert not unknown, f"ids not in the catalogue (a KeyError when shown): {unknown}"
    assert not codes, f"Code() takes one token (an option or key name): {codes}"


def test_the_scan_finds_what_it_forbids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard above can fail: each way of building a sentence is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "raise InputError(f'there is no entry {n}')\n"
        "warn(['a sentence'], lang)\n"
        "Msg('unknown_target', key='not ' + 'mine')\n"
        "Msg('no_such_id_anywhere')\n"
        "print('rows: ' if x else 'none')\n"
        "Code('--ref or --note')\n"
        "Msg('no_entry', id=f'U+{n:04X}')\n",  # a value formatted: allowed
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    built, unknown, codes = _scan("bad.py")
    assert [b.split(":")[1] for b in built] == ["1", "2", "3", "5"]
    assert unknown == ["bad.py:4: no_such_id_anywhere"]
    assert codes == ["bad.py:6"]


def _used_strings() -> tuple[set[str], set[str]]:
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


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_id_speaks_both_languages_with_the_same_fields(key: str) -> None:
    en, zh = TEXT[key]
    assert en.strip() and zh.strip(), key
    assert _fields(en) == _fields(zh), key


#: Words that stay as they are in Chinese text: names of programs, formats, standards, and
#: the codes a user types (commands, keys of the programme file, SQL).
KEPT_WORDS = {
    "ALTER", "BYPASSRLS", "ROLE", "CSV", "GBK", "IANA", "PGPASSWORD", "PostgreSQL", "SQLite", "UTF-16",
    "UTF-8", "Unicode", "YYYY-MM-DD", "createdb", "actions", "amount", "csv", "date", "decimals", "due", "entries", "every",
    "gig-members", "install", "json", "log", "month", "pip", "postgresql", "psycopg", "quarter",
    "schema", "start", "target", "tenactions", "trees", "was", "week", "xlsx", "zip",
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(TEXT))
def test_the_chinese_text_is_chinese(key: str) -> None:
    """Outside its placeholders, quoted examples and codes, no English word is left."""
    zh = TEXT[key][1]
    text = re.sub(r"'[^']*'", "", re.sub(r"\{[^}]*\}", "", zh))
    words = [w for w in re.split(r"[\s，。；：（）、“”,;:()]+", text) if w]
    english = [
        w
        for w in words
        if re.search(r"[A-Za-z]{3,}", w)
        and not re.search(r"^--|_|/|=|\.", w)
        and w not in KEPT_WORDS
    ]
    assert not english, (key, english)


def test_status_and_kind_labels_have_both_languages() -> None:
    for table in (STATUS, KIND):
        for key, (en, zh) in table.items():
            assert en.strip() and zh.strip(), key


def test_every_id_is_used() -> None:
    constants, heads = _used_strings()
    unused = [
        key
        for key in TEXT
        if key not in constants and not any(h and key.startswith(h) for h in heads)
    ]
    assert not unused, f"catalogue ids used nowhere: {unused}"


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
        f"tenactions: 错误：未知目标 '{words}'；用 'tenactions targets' 查看全部目标"
    )


@pytest.mark.parametrize("words", USER_WORDS)
def test_a_mistyped_district_is_quoted_as_typed(cli, db: Path, words: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("log", "trees", "5", "--district", words, "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tenactions: 错误：未知的区 '{words}'"), result.stderr
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


# --- the examples, end to end, through the real program ---------------------------


def test_the_users_words_pass_untouched_through_a_real_process(sh, db: Path) -> None:  # type: ignore[no-untyped-def]
    done = sh("--lang", "zh", "log", "date 2024-01-01 is empty", "5")
    assert done.returncode == 1
    assert done.stderr == (
        "tenactions: 错误：未知目标 'date 2024-01-01 is empty'；用 'tenactions targets' 查看全部目标\n"
    )
    done = sh("--lang", "zh", "log", "trees", "5", "--district", "permission denied")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("tenactions: 错误：未知的区 'permission denied'；可选的区：越秀区、")
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not db.exists()  # a refused first log leaves no ledger behind


# --- every error of the bad-input catalogue, in Chinese -------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def _message(line: str) -> str:
    """The part of an error line after the prefix and any ``file:row:col:`` place."""
    text = line.removeprefix("tenactions: 错误：")
    return re.sub(r"^\S*?:\d+(?::\d+)?: ", "", text)


@pytest.mark.parametrize("c", [c for c in CASES if c.code == 1], ids=lambda c: c.id)
def test_every_bad_input_is_refused_in_chinese(
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
        assert line.startswith("tenactions: 错误："), line
        assert CJK.search(_message(line)), f"not in Chinese: {line}"


def test_system_errors_are_said_by_their_number() -> None:
    """By errno, not by the C library's English: every reason has its id and its Chinese."""
    import errno

    from tenactions.errors import _OS_REASONS, os_reason

    for number, key in _OS_REASONS.items():
        said = os_reason(OSError(number, "C library text"))
        assert said.key == key and "C library" not in said.render("en")
        assert CJK.search(said.render("zh")), key
    other = os_reason(OSError(errno.ECHILD, "No child processes"))
    assert other.render("zh") == "系统错误 ECHILD"


def test_an_entry_already_imported_is_named_in_chinese(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text("目标,数量,日期,区,编号\n植树,40,2024-08-05,天河,F-7\n", encoding="utf-8")
    assert cli("import", str(path)).exit_code == 0
    path.write_text("目标,数量,日期,区,编号\n植树,45,2024-08-05,天河,F-7\n", encoding="utf-8")
    result = cli("import", str(path), "--lang", "zh")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"tenactions: 错误：{path}:2: 该行（F-7）已是第 1 条记录：义务植树 40棵（2024-08-05，天河区），"
        "但文件中为 义务植树 45棵（2024-08-05，天河区）；如该行是对第 1 条的更正，请运行"
        " 'tenactions amend 1 ...'；如是另一条记录，请给它自己的表单编号"
    )
    english = cli("import", str(path), "--lang", "en")
    assert english.stderr.splitlines()[-1] == (
        f"tenactions: error: {path}:2: this row (F-7) is already entry 1 as trees 40 on"
        " 2024-08-05 in 天河区, but the file says trees 45 on 2024-08-05 in 天河区; if this row"
        " corrects entry 1, run 'tenactions amend 1 ...'; if it is a different record, give it"
        " its own form number"
    )


def test_a_programme_mistake_keeps_its_place_in_both_languages(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .test_programme import MINIMAL

    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL.replace("number: 1", "number: one"), encoding="utf-8")
    en = cli("check", "--programme", str(path), "--lang", "en")
    zh = cli("check", "--programme", str(path), "--lang", "zh")
    assert en.exit_code == zh.exit_code == 1
    assert f"{path}:8:13: action #1 / number: must be a whole number" in en.stderr
    assert f"{path}:8:13: 第 1 项行动 / number：必须是整数" in zh.stderr


def test_alternatives_read_as_a_list_with_or() -> None:
    assert Either(["a", "b"]).render("en") == "a or b"
    assert Either(["a", "b", "c"]).render("en") == "a, b or c"
    assert Either(["a", "b", "c"]).render("zh") == "a、b 或 c"
