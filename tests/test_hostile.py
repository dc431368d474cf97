"""Hostile text: markup, script, formulas and invisible characters are data, never instructions.

Text from users (notes, who, references, the cells of a district's spreadsheet) and from the
programme file (target and action names) is kept exactly as typed, shown literally in tables,
escaped in HTML, and neutralised with a leading ``'`` wherever a spreadsheet would evaluate it.
Terminal escape sequences are the one thing refused on input.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from tenactions.errors import InputError
from tenactions.ledger import clean_text

from .conftest import SHIPPED, ledger_state

pytestmark = pytest.mark.usefixtures("ledger_db")

HOSTILE = {
    "rich-markup": "[red]x[/red]",
    "rich-link": "[link=http://x]y[/link]",
    "html-script": "<script>alert(1)</script>",
    "formula-hyperlink": '=HYPERLINK("http://x","y")',
    "formula-dde": "+cmd|' /C calc'!A0",
    "formula-at": "@SUM(1+1)",
    "formula-minus": "-2+3",
    "right-to-left-override": "abc\u202edef.exe",
    "zero-width-space": "zero\u200bwidth",
}
FORMULAS = {name for name in HOSTILE if name.startswith("formula-")}
ESCAPES = {
    "csi-colour": "\x1b[31mred\x1b[0m",
    "clear-screen": "\x1b[2J",
    "osc-title": "\x1b]0;owned\x07",
    "c1-csi": "\x9b31m",
}


def spreadsheet_text(name: str) -> str:
    """What a spreadsheet cell must hold for ``HOSTILE[name]``: formulas get a leading '."""
    text = HOSTILE[name]
    return "'" + text if name in FORMULAS else text


def entries_json(cli) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = cli("entries", "--format", "json", "--include-void")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def log_hostile(cli) -> None:  # type: ignore[no-untyped-def]
    for day, (name, text) in enumerate(HOSTILE.items(), start=1):
        result = cli(
            "log", "trees", "1", "--date", f"2024-03-{day:02d}",
            "--note", text, "--by", text, "--ref", f"{name}:{text}",
        )  # fmt: skip
        assert result.exit_code == 0, (name, result)


# --- logged ----------------------------------------------------------------------------


def test_logged_text_is_kept_exactly(cli) -> None:  # type: ignore[no-untyped-def]
    log_hostile(cli)
    rows = {r["note"]: r for r in entries_json(cli)}
    assert set(rows) == set(HOSTILE.values())
    for name, text in HOSTILE.items():
        assert rows[text]["by"] == text and rows[text]["ref"] == f"{name}:{text}"


def table_cells(out: str, column: int) -> list[str]:
    """One column of a Rich table drawn with │, a cell folded over several lines joined up.

    A continuation line has an empty first cell. Spaces are dropped: where a cell wraps at a
    space the space is not drawn, so only the characters, in order, can be compared.
    """
    cells: list[str] = []
    for line in out.splitlines():
        if "│" not in line:
            continue  # titles, headers and rules
        parts = line.split("│")
        if line.startswith("│"):
            parts = parts[1:-1]
        piece = parts[column].replace(" ", "")
        if parts[0].strip() or not cells:
            cells.append(piece)
        else:
            cells[-1] += piece
    return cells


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize(("option", "column"), [("--note", 6), ("--by", 5)])
def test_the_entries_table_shows_it_literally(cli, name: str, option: str, column: int) -> None:  # type: ignore[no-untyped-def]
    text = HOSTILE[name]
    assert cli("log", "trees", "1", "-d", "2024-03-01", option, text).exit_code == 0
    out = cli("entries").stdout
    assert table_cells(out, column) == [text.replace(" ", "")], out
    assert "\x1b" not in out


# --- imported --------------------------------------------------------------------------


def test_imported_csv_cells_are_kept_exactly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["目标", "数量", "日期", "填报人", "备注", "编号"])
    for day, (name, text) in enumerate(HOSTILE.items(), start=1):
        writer.writerow(["植树", "2", f"2024-04-{day:02d}", text, text, f"{name}:{text}"])
    path = tmp_path / "hostile.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert f"{len(HOSTILE)} added" in result.stdout
    rows = {r["note"]: r for r in entries_json(cli)}
    assert set(rows) == set(HOSTILE.values())
    assert all(rows[text]["by"] == text for text in HOSTILE.values())
    notes = table_cells(cli("entries").stdout, -1)  # the note, the last column
    assert sorted(notes) == sorted(text.replace(" ", "") for text in HOSTILE.values())


def test_imported_xlsx_text_cells_are_kept_exactly(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["target", "amount", "date", "note"])
    for row, text in enumerate(HOSTILE.values(), start=2):
        sheet.append(["trees", 3, f"2024-05-{row:02d}", None])
        cell = sheet.cell(row=row, column=4)
        cell.value = text
        cell.data_type = "s"  # text that looks like a formula, as a careful district types it
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    result = cli("import", str(path))
    assert result.exit_code == 0, result
    assert {r["note"] for r in entries_json(cli)} == set(HOSTILE.values())


# --- refused ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ESCAPES)
def test_escape_sequences_are_refused_on_input(name: str) -> None:
    text = ESCAPES[name]
    with pytest.raises(InputError, match=r"--note contains a control character \(U\+00[19]B\)"):
        clean_text(f"before {text} after", "--note")


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "trees", "1", "--by", ESCAPES["osc-title"]),
        ("log", "trees", "1", "--ref", ESCAPES["c1-csi"]),
        ("void", "1", "--reason", ESCAPES["clear-screen"]),
        ("amend", "1", "2", "--note", ESCAPES["csi-colour"]),
    ],
    ids=["log-by", "log-ref", "void-reason", "amend-note"],
)
def test_escape_sequences_are_refused_by_every_command(cli, argv: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "trees", "1", "-d", "2024-03-01").exit_code == 0
    before = entries_json(cli)
    result = cli(*argv)
    assert result.exit_code == 1, result
    assert "contains a control character (U+00" in result.stderr
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
    assert entries_json(cli) == before


def test_escape_sequences_in_an_import_are_refused_by_row(
    cli, ledger_db: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "in.csv"
    path.write_text(
        "target,amount,date,by,ref\n"
        "trees,1,2024-03-01,王芳,A-1\n"
        f"trees,1,2024-03-02,{ESCAPES['osc-title']},A-2\n"
        f"trees,1,2024-03-03,李明,{ESCAPES['c1-csi']}\n",
        encoding="utf-8",
    )
    result = cli("import", str(path))
    assert result.exit_code == 1, result
    assert f"{path}:3: by: the text contains a control character (U+001B)" in result.stderr
    assert f"{path}:4: ref: the text contains a control character (U+009B)" in result.stderr
    assert ledger_state(ledger_db) == []  # a refused import leaves no ledger behind


# --- exported --------------------------------------------------------------------------


def test_csv_exports_neutralise_formulas(cli) -> None:  # type: ignore[no-untyped-def]
    log_hostile(cli)
    for argv in (("export", "--format", "csv"), ("entries", "--format", "csv")):
        result = cli(*argv)
        assert result.exit_code == 0, result
        rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
        notes = {r["note"] for r in rows}
        assert notes == {spreadsheet_text(name) for name in HOSTILE}, argv
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@")), (argv, row)


def test_xlsx_export_holds_text_never_a_formula(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    log_hostile(cli)
    path = tmp_path / "ledger.xlsx"
    assert cli("export", "--output", str(path)).exit_code == 0
    book = load_workbook(path)  # formulas, if there were any, would read as formulas
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    notes = set()
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value
        notes.add(row[header.index("note")].value)
    assert notes == {spreadsheet_text(name) for name in HOSTILE}


# --- programme names -------------------------------------------------------------------


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


@pytest.fixture
def hostile_programme(tmp_path: Path) -> Path:
    """The shipped programme with hostile target names, one per target, and an action name."""
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    targets = [t for a in data["actions"] for t in a["targets"]]
    assert len(targets) >= len(HOSTILE)
    for target, text in zip(targets, HOSTILE.values(), strict=False):
        target["name_en"] = text
        target["name_zh"] = text
    data["actions"][0]["name_en"] = HOSTILE["rich-markup"] + " " + HOSTILE["rich-link"]
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True), encoding="utf-8")
    return path


def test_hostile_programme_is_valid(cli, hostile_programme: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("check", "--programme", str(hostile_programme))
    assert result.exit_code == 0, result


@pytest.mark.usefixtures("ledger")
def test_the_report_table_shows_names_literally(cli, hostile_programme: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("report", "--programme", str(hostile_programme))
    assert result.exit_code == 0, result
    for name, text in HOSTILE.items():
        assert text in result.stdout, (name, result.stdout)
    assert f"{HOSTILE['rich-markup']} {HOSTILE['rich-link']}" in result.stdout  # the action
    assert "\x1b" not in result.stdout


def test_the_targets_table_shows_names_literally(cli, hostile_programme: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("targets", "--programme", str(hostile_programme))
    assert result.exit_code == 0, result
    names = table_cells(result.stdout, 1)
    for name, text in HOSTILE.items():
        assert text.replace(" ", "") in names, (name, result.stdout)
    assert f"Action 1: {HOSTILE['rich-markup']} {HOSTILE['rich-link']}" in result.stdout
    assert "\x1b" not in result.stdout


@pytest.mark.usefixtures("ledger")
def test_report_csv_and_xlsx_neutralise_names(cli, hostile_programme: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    result = cli("report", "--programme", str(hostile_programme), "--format", "csv")
    assert result.exit_code == 0, result
    names = {r["name"] for r in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))}
    assert {spreadsheet_text(name) for name in HOSTILE} <= names

    path = tmp_path / "report.xlsx"
    args = ("report", "--programme", str(hostile_programme), "--format", "xlsx", "-o", str(path))
    assert cli(*args).exit_code == 0
    cells = [
        c for sheet in load_workbook(path).worksheets for row in sheet.iter_rows() for c in row
    ]
    assert not [c.value for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {spreadsheet_text(name) for name in HOSTILE} <= texts


@pytest.mark.usefixtures("ledger")
def test_html_report_escapes_names_and_notes(cli, hostile_programme: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("tenactions.render.html", reason="the HTML report is not written yet")
    from html import escape

    result = cli("report", "--programme", str(hostile_programme), "--format", "html")
    assert result.exit_code == 0, result
    page = result.stdout
    assert "<script" not in page.lower()
    for name, text in HOSTILE.items():
        if name != "html-script":
            assert escape(text, quote=True) in page, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page


def test_escape_sequences_in_programme_names_are_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = SHIPPED.read_text(encoding="utf-8")
    line = "        name_en: Trees planted by volunteers\n"
    assert text.count(line) == 1
    path = tmp_path / "escape.yaml"
    path.write_text(text.replace(line, '        name_en: "\\e[2J\\e]0;owned\\aTrees"\n'))
    number = text[: text.index(line)].count("\n") + 1
    result = cli("check", "--programme", str(path))
    assert result.exit_code == 1, result
    assert f"escape.yaml:{number}:" in result.stderr and "control character" in result.stderr
