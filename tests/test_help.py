"""``--help`` and the usage errors speak the chosen language, and every text has one home.

The language is chosen at start-up: ``--lang`` anywhere on the command line, else
``TENACTIONS_LANG``, else the locale. A Chinese help page may hold no ASCII word but the names
of commands and options, metavars, the values an option takes, the ids and codes listed in
``CODES`` and the example lines.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from typer import _click

from tenactions.cli.app import load_commands
from tenactions.cli.localized import cells, wrap
from tenactions.messages import EXAMPLES, HELP


def _tree() -> Iterator[tuple[str, _click.Command]]:
    """Every command's path ("" for the application, "access grant") and its click command."""

    def walk(cmd: _click.Command, path: str) -> Iterator[tuple[str, _click.Command]]:
        yield path, cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, f"{path} {name}".strip())

    yield from walk(typer.main.get_command(load_commands()), "")


COMMANDS = [path for path, _ in _tree() if path]
GLOBAL = {"--programme", "--db", "--lang", "--debug", "--version", "--help"}

#: The ASCII words a Chinese help text may use besides command and option names, metavars
#: and the values options take or default to: file formats, names of other programs, environment variables,
#: a target id, a date pattern and the words `--date` reads.
CODES = {
    "tenactions", "db", "YAML", "SQLite", "PostgreSQL", "postgresql", "zh", "en", "UTF", "GBK",
    "csv", "xlsx", "xlsm", "xls", "ods", "TENACTIONS_PROGRAMME", "TENACTIONS_DB",
    "TENACTIONS_LANG", "TENACTIONS_USER", "trees", "YYYY", "MM", "DD", "today", "yesterday",
    "ALTER", "DROP", "ROLE", "CREATEROLE", "BYPASSRLS", "pg_hba", "conf",
}  # fmt: skip


def _help_keys() -> set[str]:
    keys = set()
    for path, cmd in _tree():
        keys.add(path)
        for param in cmd.params:
            name = param.opts[0] if param.param_type_name == "option" else str(param.name)
            keys.add(name if name in GLOBAL else f"{path} {name}")
    return keys | {"--help"}


def test_every_command_option_and_argument_has_help_in_the_catalogue_and_nothing_else() -> None:
    keys = _help_keys()
    assert sorted(keys - set(HELP)) == [], "commands or options without help in messages.HELP"
    assert sorted(set(HELP) - keys) == [], "help in messages.HELP for no command or option"
    assert set(EXAMPLES) == {path for path, _ in _tree()}
    for key, (en, zh) in HELP.items():
        assert en.strip() and zh.strip(), key
        assert not re.search(r"[\u4e00-\u9fff]", en.splitlines()[0][:2]), key  # English first
        assert re.search(r"[\u4e00-\u9fff]", zh), key


def allowed_help_words() -> set[str]:
    """Names of commands and options, metavars and choices, as the help pages show them.
    Positional arguments are not among them: a Chinese page names them in Chinese."""
    words = set(CODES)
    for path, cmd in _tree():
        words.update(path.split())
        ctx = _click.Context(cmd)
        for param in cmd.params:
            if param.param_type_name == "argument":
                continue
            record = param.get_help_record(ctx)
            left = record[0] if record else ""
            words.update(re.findall(r"[A-Za-z][A-Za-z0-9_]*", left))
            if isinstance(param.default, str):  # shown as [默认：amended]
                words.add(param.default)
    return words


def _ascii_words(page: str) -> set[str]:
    """The ASCII words of a help page outside its usage line, its examples and the left
    column of its lists (option names and metavars, checked by their own test)."""
    found: set[str] = set()
    for line in page.splitlines():
        text = line.strip()
        if text.startswith(("用法：", "示例：")):
            continue
        if line.startswith("  ") and not line.startswith("   ") and "  " in text:
            text = text.split("  ", 1)[1]  # a list row: name and metavar, then its help
        found.update(re.findall(r"[A-Za-z][A-Za-z0-9_]*", text))
    return found


def _check_chinese_page(page: str, path: str) -> None:
    assert page.startswith(f"用法：tenactions {path}".rstrip()), page
    # The usage line: the program, the command, the options; the arguments in Chinese.
    usage = page.splitlines()[0]
    assert set(re.findall(r"[A-Za-z][A-Za-z0-9_]*", usage)) <= {"tenactions", *path.split()}
    arguments = page.partition("\n参数：\n")[2].partition("\n\n")[0].splitlines()
    names = [row.split()[0] for row in arguments if not row.startswith("   ")]
    assert all(re.fullmatch(r"[\u4e00-\u9fff]+", name) for name in names), names
    assert "选项：" in page and "显示本帮助后退出。" in page
    assert f"示例：{EXAMPLES[path][0]}" in page
    assert HELP[path][1].splitlines()[0] in page
    stray = _ascii_words(page) - allowed_help_words()
    assert not stray, f"{path}: English words in the Chinese help: {sorted(stray)}"
    # Laid out for an 80-column terminal, counting a Chinese character as two columns (the
    # example lines are kept as written, so they can be copied).
    wide = [line for line in page.splitlines() if cells(line) > 80 and "示例：" not in line]
    assert not wide, wide


@pytest.mark.parametrize("path", ["", *COMMANDS])
def test_help_in_chinese_with_lang_after_the_command(cli, path: str) -> None:  # type: ignore[no-untyped-def]
    args = [*path.split(), "--help", "--lang", "zh"]
    if path == "":  # the application itself: --lang before --help, as any option
        args = ["--lang", "zh", "--help"]
    result = cli(*args)
    assert result.exit_code == 0, result
    _check_chinese_page(result.stdout, path)


@pytest.mark.parametrize("path", ["", *COMMANDS])
def test_help_in_chinese_from_the_locale(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.delenv("TENACTIONS_LANG")
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    result = cli(*path.split(), "--help")
    assert result.exit_code == 0, result
    _check_chinese_page(result.stdout, path)


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "zh", "report", "--help"),
        ("report", "--lang", "zh", "--help"),
        ("report", "--help", "--lang=zh"),
        ("--lang=zh_CN", "report", "-h"),
        ("--lang", "en", "report", "--help", "--lang", "zh"),  # the last one counts
    ],
)
def test_lang_anywhere_on_the_command_line(cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    result = cli(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：tenactions report [选项]")
    assert "会前进度报告" in result.stdout and "[默认：table]" in result.stdout


def test_lang_on_the_command_line_wins_over_the_environment(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_LANG", "zh")
    assert cli("report", "--help").stdout.startswith("用法：")
    assert cli("report", "--help", "--lang", "en").stdout.startswith("Usage: tenactions report")
    # A value after "--" is not an option.
    assert cli("--", "--lang", "en").stdout == ""


@pytest.mark.parametrize("path", ["", *COMMANDS])
def test_english_help_keeps_its_substance(cli, path: str) -> None:  # type: ignore[no-untyped-def]
    page = cli(*path.split(), "--help").stdout
    assert page.startswith(f"Usage: tenactions {path} [OPTIONS]".replace("  ", " ")), page
    assert "\nOptions:\n" in page and "Show this message and exit." in page
    for example in EXAMPLES[path]:
        assert f"Example: {example}" in page
    first = HELP[path][0].splitlines()[0]
    assert " ".join(page.split()).count(first) == 1, first
    cmd = dict(_tree())[path]
    for param in cmd.params:
        shown = param.opts[0] if param.param_type_name == "option" else str(param.name)
        assert shown in page, shown
    assert not re.search("[用选项参数命令示例]：", page)


def test_command_list_shows_one_line_per_command_in_the_language(cli) -> None:  # type: ignore[no-untyped-def]
    zh = cli("--help", "--lang", "zh").stdout
    assert "命令：\n" in zh
    assert "  log       记录一条目标进展。\n" in zh
    en = cli("--help").stdout
    assert "  log       Record progress on a target.\n" in en


# Each row: the arguments, then the last line of standard error in Chinese and in English.
# What the user typed (--fomat, 'xml', lgo) is shown as typed in both.
USAGE_ERRORS = [
    (
        ("targets", "--format", "xml"),
        "错误：'--format' / '-f' 的值无效：'xml' 不是可选值（'table'、'json'）之一。",
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json'.",
    ),
    (
        ("targets", "--fomat", "json"),
        "错误：没有这个选项：--fomat（可用的选项：--format）",
        "Error: No such option: --fomat (Possible options: --format)",
    ),
    (
        ("targets", "--bogus"),
        "错误：没有这个选项：--bogus",
        "Error: No such option: --bogus",
    ),
    (("log",), "错误：缺少参数 '目标'。", "Error: Missing argument 'target'."),
    (
        ("void", "3"),
        "错误：缺少选项 '--reason' / '-r'。",
        "Error: Missing option '--reason' / '-r'.",
    ),
    (
        ("void", "三", "--reason", "x"),
        "错误：'条目号' 的值无效：'三' 不是有效的整数。",
        "Error: Invalid value for 'entry_id': '三' is not a valid integer.",
    ),
    (
        ("entries", "--limit", "0"),
        "错误：'--limit' 的值无效：0 不在 ≥1 的范围内。",
        "Error: Invalid value for '--limit': 0 is not in the range x>=1.",
    ),
    (
        ("lgo", "trees"),
        "错误：没有 'lgo' 这个命令。是否要输入 'log'？",
        "Error: No such command 'lgo'. Did you mean 'log'?",
    ),
    (
        ("access", "grnt", "x"),
        "错误：没有 'grnt' 这个命令。是否要输入 'grant'？",
        "Error: No such command 'grnt'. Did you mean 'grant'?",
    ),
    (
        ("targets", "--format"),
        "错误：选项 '--format' 需要一个值。",
        "Error: Option '--format' requires an argument.",
    ),
    (
        ("log", "trees", "--force=yes"),
        "错误：选项 '--force' 不接受值。",
        "Error: Option '--force' does not take a value.",
    ),
    (
        ("targets", "extra"),
        "错误：多余的参数（extra）",
        "Error: Got unexpected extra argument(s) (extra)",
    ),
    (
        ("targets", "\x1b[31mred"),  # a terminal escape is shown, never sent to the terminal
        "错误：多余的参数（\\x1b[31mred）",
        "Error: Got unexpected extra argument(s) (\\x1b[31mred)",
    ),
    (
        ("targets", "--lang", "fr"),
        "错误：'--lang' 的值无效：'fr'：请用 zh 或 en",
        "Error: Invalid value for '--lang': 'fr': use zh or en",
    ),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE_ERRORS, ids=lambda a: " ".join(a)[:30])
def test_usage_errors_speak_the_chosen_language(  # type: ignore[no-untyped-def]
    cli, db: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], zh: str, en: str
) -> None:
    result = cli("--lang", "zh", *args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == zh
    if "(" not in zh and len(lines) > 1:  # a usage line and a hint, in Chinese
        assert lines[0].startswith("用法：tenactions")
        assert lines[1].startswith("运行 'tenactions") and lines[1].endswith("查看帮助。")
    assert "Traceback" not in result.stderr and not db.exists()

    monkeypatch.setenv("TENACTIONS_LANG", "en")
    english = cli(*args)
    assert english.exit_code == 2
    assert english.stderr.splitlines()[-1] == en
    assert english.stderr.startswith("Usage: tenactions") and not db.exists()


def _installed(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it (its own argv, its own start-up)."""
    script = Path(sys.executable).parent / "tenactions"
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, encoding="utf-8", env=env
    )


def test_usage_error_in_chinese_as_a_real_process(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TENACTIONS_LANG"}
    env.update(LANG="zh_CN.UTF-8", LC_ALL="")
    done = _installed("entries", "--limit", "many", env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "用法：tenactions entries [选项]",
        "运行 'tenactions entries -h' 查看帮助。",
        "",
        "错误：'--limit' 的值无效：'many' 不是有效的整数。",
    ]
    page = _installed("--help", env=env).stdout
    assert page.startswith("用法：tenactions [选项] 命令 [参数]...")
    assert not db.exists()


def test_wrap_counts_a_chinese_character_as_two_columns_and_keeps_punctuation() -> None:
    assert wrap("一二三四五六七八", 10) == ["一二三四五", "六七八"]
    # A closing mark never starts a line: it takes the character before it along.
    assert wrap("一二三四五，六", 10) == ["一二三四", "五，六"]
    # English breaks between words; a word stays whole with the mark after it.
    assert wrap("环境变量 TENACTIONS_DB；默认", 16) == ["环境变量", "TENACTIONS_DB；", "默认"]
    assert all(cells(line) <= 16 for line in wrap("数据库：SQLite 文件，或服务器的地址。" * 3, 16))


def test_the_environment_is_read_alike_for_help_and_output(  # type: ignore[no-untyped-def]
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_LANG", "zh_CN")
    assert cli("targets", "--help").stdout.startswith("用法：tenactions targets")
    assert "行动 6" in cli("targets", "-a", "6").stdout


@pytest.mark.parametrize("path", COMMANDS)
def test_metavars_are_in_the_chosen_language(cli, path: str) -> None:  # type: ignore[no-untyped-def]
    """What an option takes is said in Chinese (``--date <日期>``); only listed values (``<table|
    json>``, ``<zh|en>``) stay as they are typed. Typer's own ``<str>``/``TEXT`` never show."""
    page = cli(*path.split(), "--help", "--lang", "zh").stdout
    metavars = re.findall(r"^\s+(?:-\w, )?--[\w-]+ (<[^>]*>|[A-Z]{3,})", page, re.M)
    typer_words = {"<str>", "<int>", "<int range>", "<path>", "<text>", "TEXT", "INTEGER", "PATH"}
    assert not set(metavars) & typer_words, metavars
    choices = {
        str(c)
        for _, cmd in _tree()
        for param in cmd.params
        for c in getattr(param.type, "choices", ())
    }
    for metavar in metavars:  # a word, or the one value an option takes (report --by district)
        assert re.search(r"[\u4e00-\u9fff|]", metavar) or metavar[1:-1] in choices, metavar
    english = cli(*path.split(), "--help", "--lang", "en").stdout
    assert not re.search(r"[\u4e00-\u9fff]", " ".join(re.findall(r"--[\w-]+ <[^>]*>", english)))


def test_arguments_are_named_in_the_chosen_language(cli) -> None:  # type: ignore[no-untyped-def]
    zh = cli("log", "--help", "--lang", "zh").stdout
    assert zh.startswith("用法：tenactions log [选项] {目标} [数量]\n")
    assert "\n  目标  目标代码" in zh and "\n  数量  数量：" in zh
    assert cli("backup", "-h", "--lang", "zh").stdout.startswith(
        "用法：tenactions backup [选项] {备份文件}"
    )
    assert cli("access", "grant", "-h", "--lang", "zh").stdout.startswith(
        "用法：tenactions access grant [选项] {角色}"
    )
    en = cli("log", "--help", "--lang", "en").stdout
    assert en.startswith("Usage: tenactions log [OPTIONS] {target} [amount]\n")
    assert "\n  target  Target id" in en


def test_the_metavars_of_log() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tenactions", "log", "--help", "--lang", "zh"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=True,
    )
    for shown in ("--date <日期>", "--district <区>", "--note <文本>", "--db <文件或地址>"):
        assert shown in result.stdout, result.stdout
