"""Every surface in the chosen language: every command and every format, run on the demo
year, read as a person reads it.

With ``--lang zh`` no English word may appear outside what is not language at all: target ids
and other codes, the user's own text (notes, names, form numbers, paths), format and unit
tokens, and the short allow-list below, each entry saying why. With ``--lang en`` no Chinese
may appear outside the user's own text. Text outputs are read whole; an XLSX by the text of
its cells and sheet names; HTML by its visible text (and its title and aria-label texts);
JSON by the values meant for people (names, units), while its keys and codes must be the same
in both languages, for scripts.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tenactions.demo import demo_entries
from tenactions.programme import load_programme
from tenactions.render.registry import FORMATS
from tenactions.store import open_store

from .conftest import SHIPPED
from .test_help import allowed_help_words

PROGRAMME = load_programme(SHIPPED)
AS_OF = "2024-09-30"

#: ASCII words allowed in Chinese output, and why. Everything else ASCII is a finding.
ALLOWED_IN_ZH = {
    "tenactions": "the command's own name (info's version line, 'tenactions targets' hints)",
    "TENACTIONS_DB": "an environment variable's name, as the user sets it",
    "TENACTIONS_PROGRAMME": "an environment variable's name, as the user sets it",
    "csv": "a format's name, as typed after --format",
    "json": "a format's name, as typed after --format",
    "xlsx": "a format's name, as typed after --format",
    "html": "a format's name, as typed after --format",
    "markdown": "a format's name, as typed after --format",
    "zh": "the language code, as typed after --lang",
    "ALTER": "SQL the user types (access)",
    "ROLE": "SQL the user types (access)",
    "SUM": "Excel's function name, in the template's 合计 formula",
    "TH": "the template's example of a form number, TH-2024-015, as a district writes one",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
# Options and codes as the user types them: --as-of, --limit, N in "--limit N".
# A file the test made: the user's name for it.
_PATH = re.compile(r"/tmp/[\w./-]*|/[\w.-]+/[\w./-]*\.(?:db|csv|xlsx|html|json|yaml)\b")
_OPTION = re.compile(r"--[a-z][a-z-]*(?: N\b)?")


def _user_tokens(tmp_path: Path) -> list[str]:
    """Text that is the user's, not ours: ids, the ledger's own values, the files in use."""
    # The programme's source is a citation of a Chinese article: it has no English form.
    tokens = [str(SHIPPED), str(SHIPPED.parent), "export.csv", PROGRAMME.source]
    for target in PROGRAMME.targets:
        tokens += [target.id, *target.was, *(a for a in target.aliases if a.isascii())]
    for entry in demo_entries(PROGRAMME):
        tokens += [entry.ref, entry.uid, entry.by, entry.note, entry.source]
    tokens += ["tester", "trees-from-the-test"]
    # Longest first, so that a path is taken out before a word inside it.
    return sorted({t for t in tokens if t}, key=len, reverse=True)


def english_words(text: str, user: list[str]) -> set[str]:
    """ASCII words in ``text`` that are neither the user's, nor codes, nor allowed."""
    text = _PATH.sub(" ", text)
    for token in user:
        text = text.replace(token, " ")
    text = _OPTION.sub(" ", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", " ", text)  # a timestamp
    return {w for w in _WORD.findall(text) if w not in ALLOWED_IN_ZH}


def chinese_text(text: str, user: list[str]) -> set[str]:
    """Runs of Chinese in ``text`` that are not the user's own."""
    text = _PATH.sub(" ", text)
    for token in user:
        text = text.replace(token, " ")
    return {m for m in re.findall(r"[^\x00-\x7f]+", text) if _CJK.search(m)}


# --- reading each kind of output as a person reads it ---------------------------------------


class _Visible(HTMLParser):
    """The text a reader sees in a page (and its title/aria-label texts), not its markup."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("title", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(page: str) -> str:
    reader = _Visible()
    reader.feed(page)
    return "".join(reader.parts)  # inline elements (a date in a span) stay in their text


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data))
    parts = []
    for sheet in book.worksheets:
        parts.append(sheet.title)
        parts += [
            str(cell.value)
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and not cell.value.startswith("=")
        ]
    return "\n".join(parts)


#: JSON values meant for people; every other value is a code or a number.
_FOR_PEOPLE = ("name", "unit", "programme", "target_name")


def json_for_people(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in _FOR_PEOPLE and isinstance(value, str):
                yield value
            else:
                yield from json_for_people(value)
    elif isinstance(data, list):
        for value in data:
            yield from json_for_people(value)


def json_codes(data: Any) -> Any:
    """The JSON with the values meant for people blanked: what scripts read."""
    if isinstance(data, dict):
        return {k: "" if k in _FOR_PEOPLE else json_codes(v) for k, v in data.items()}
    if isinstance(data, list):
        return [json_codes(v) for v in data]
    return data


# --- the surfaces -----------------------------------------------------------------------------


@pytest.fixture
def demo(db: Path) -> Path:
    with open_store(db) as store:
        store.import_entries(demo_entries(PROGRAMME))
    return db


Surface = tuple[str, str]  # (what was run, the text a person reads)


def surfaces(cli: Callable[..., Any], tmp_path: Path, lang: str) -> Iterator[Surface]:
    """Every command and format with ``--lang``, as (what, text)."""
    out = tmp_path / f"out-{lang}"
    out.mkdir()

    def run(*args: str) -> str:
        result = cli(*args, "--lang", lang)
        assert result.exit_code == 0, (args, result)
        return result.stdout + "\n" + result.stderr

    for command, formats in FORMATS.items():
        for name, fmt in formats.items():
            args = [command, "--format", name]
            if command in ("report", "summary"):
                args += ["--as-of", AS_OF]
            if command == "entries":
                args += ["--include-void"]
            if fmt.binary or name == "html":
                path = out / f"{command}.{name}"
                said = run(*args, "--output", str(path))
                shown = (
                    xlsx_text(path.read_bytes())
                    if fmt.binary
                    else html_text(path.read_text("utf-8"))
                )
                yield " ".join(args), shown + "\n" + said
            elif name == "json":
                result = cli(*args, "--lang", lang)
                assert result.exit_code == 0, (args, result)
                people = "\n".join(json_for_people(json.loads(result.stdout)))
                yield " ".join(args), people + "\n" + result.stderr
            else:
                yield " ".join(args), run(*args)
    # The split by district in every report format a person reads.
    for name in ("table", "markdown", "csv", "html"):
        args = ["report", "--format", name, "--as-of", AS_OF, "--by", "district"]
        text = run(*args)
        yield " ".join(args), html_text(text) if name == "html" else text
    yield "info", run("info")
    yield "check", run("check")
    yield "log", run("log", "trees", "3", "--date", "2024-09-30", "--district", "天河")
    yield "amend", run("amend", "1", "2", "--reason", "trees-from-the-test")
    yield "void", run("void", "2", "--reason", "trees-from-the-test")
    template = out / "template.xlsx"
    said = run("template", "--district", "天河", "--month", "2024-09", "--output", str(template))
    # The sheet goes to the districts' offices, whose headers the import reads: it is in
    # Chinese whatever the language of the person who makes it (what it says is not).
    yield "template", (xlsx_text(template.read_bytes()) if lang == "zh" else "") + "\n" + said
    exported = out / "export.csv"
    run("export", "--output", str(exported))
    again = tmp_path / f"again-{lang}.db"
    yield "import --dry-run", run("--db", str(again), "import", str(exported), "--dry-run")
    yield "import", run("--db", str(again), "import", str(exported))
    yield "backup", run("backup", str(out / "backup.db"))
    yield "copy", run("copy", "--from", str(again), "--to", str(out / "copy.db"))


def _listed(found: dict[str, set[str]]) -> str:
    return "\n".join(f"{what}: {' '.join(sorted(words))}" for what, words in found.items() if words)


def test_every_surface_is_in_chinese(cli, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user = _user_tokens(tmp_path)
    found = {what: english_words(text, user) for what, text in surfaces(cli, tmp_path, "zh")}
    assert not any(found.values()), _listed(found)


def test_every_surface_is_in_english(cli, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user = _user_tokens(tmp_path)
    found = {what: chinese_text(text, user) for what, text in surfaces(cli, tmp_path, "en")}
    assert not any(found.values()), _listed(found)


@pytest.mark.parametrize("command", ["targets", "entries", "report", "summary", "export"])
def test_json_keys_and_codes_are_the_same_in_both_languages(  # type: ignore[no-untyped-def]
    cli, demo: Path, command: str
) -> None:
    args = [command, "--format", "json"]
    if command in ("report", "summary"):
        args += ["--as-of", AS_OF]
    zh, en = (json.loads(cli(*args, "--lang", lang).stdout) for lang in ("zh", "en"))
    assert json_codes(zh) == json_codes(en)
    if command in ("targets", "report"):  # names and units do change
        assert set(json_for_people(zh)).isdisjoint(json_for_people(en))


def test_help_is_in_chinese(cli) -> None:  # type: ignore[no-untyped-def]
    user = _user_tokens(Path("/nonexistent"))
    commands = ["targets", "entries", "report", "summary", "export", "log", "import", "info"]
    # Option names, metavars and the values options take are the same list test_help.py uses;
    # the example lines are commands to copy, kept as written (test_help.py checks them).
    allowed = allowed_help_words()

    def page(command: str) -> str:
        lines = cli(command, "--help", "--lang", "zh").stdout.splitlines()
        return "\n".join(line for line in lines if not line.strip().startswith("示例："))

    found = {c: english_words(page(c), user) - allowed for c in commands}
    assert not any(found.values()), _listed(found)


def test_the_scanner_finds_what_it_is_for() -> None:
    """The scan itself: an English word in Chinese output, Chinese in English, are found;
    ids, options and the user's own text are not."""
    user = ["trees", "DEMO-0001", "张伟"]
    assert english_words("目标 trees 已完成 on track", user) == {"on", "track"}
    assert english_words("更多请用 --limit N 或 --format csv；DEMO-0001", user) == set()
    assert chinese_text("Tianhe: 5 trees by 张伟, 天河区", user) == {"天河区"}
