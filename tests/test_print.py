"""Ready to print: the HTML report on A4 through headless Chromium, and the XLSX page set-up.

The browser test prints the demo year's report to PDF and reads it back with poppler's
``pdftotext``: page 1 is the overview table of every target, each action's heading shares a
page with its first card, and no date is broken across lines. It skips, saying why, where
Chromium, poppler or a Chinese font is missing (``.ci/run`` installs all three).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tenactions.demo import demo_entries
from tenactions.model import Programme
from tenactions.programme import load_programme
from tenactions.render.html import _keep_dates

from .conftest import SHIPPED
from .test_render_html_xlsx import run_browser

#: The demo year printed on A4: page 1 the overview, then the ten actions' cards on seven
#: pages (measured with Debian's Chromium and Noto Sans CJK; a page or two either way is a
#: font's doing, more than that a layout that no longer holds together).
DEMO_PAGES = 8


@pytest.fixture
def programme() -> Programme:
    return load_programme(SHIPPED)


@pytest.fixture
def demo_db(db: Path, programme: Programme) -> Path:
    from tenactions.store import open_store

    with open_store(db) as store:
        store.import_entries(demo_entries(programme))
    return db


def html_report(cli, tmp_path: Path, lang: str = "zh") -> Path:  # type: ignore[no-untyped-def]
    page = tmp_path / f"report-{lang}.html"
    result = cli("report", "--as-of", "2024-10-01", "--format", "html", "--lang", lang,
                 "--output", str(page))  # fmt: skip
    assert result.exit_code == 0, result
    return page


# --- the page, without a browser -----------------------------------------------------------


def test_the_page_opens_with_every_target_and_its_status(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, tmp_path: Path, programme: Programme
) -> None:
    text = html_report(cli, tmp_path).read_text("utf-8")
    body = text[text.index("<body>") :]
    glance = body[body.index('<section class="at-a-glance">') : body.index("</table>")]
    # The overview comes before anything else in the body but the header.
    assert body.index('<section class="at-a-glance">') < body.index('<div class="overview">')
    assert body.index("</table>") < body.index('<section class="action"')
    rows = re.findall(r'<tr class="s-(\w+)[^"]*">(.*?)</tr>', glance)
    assert len(rows) == len(programme.targets)  # 22 in the shipped programme
    for tg, (status, row) in zip(programme.targets, rows, strict=True):
        assert f'<span class="tid">{tg.id}</span>' in row and tg.name_zh in row
        assert f'<span class="status s-{status}">' in row  # the badge says the row's status
    # The demo's purchasing row, in the one number format: 7.8亿 done of a 10亿 goal.
    purchasing = next(row for _, row in rows if ">purchasing<" in row)
    assert "7.8亿 / 10亿元" in purchasing and "78.0%" in purchasing


def test_each_action_heading_is_kept_with_its_first_card(
    cli, demo_db: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    text = html_report(cli, tmp_path).read_text("utf-8")
    blocks = re.findall(r'<div class="keep"><h2>(.*?)</h2>.*?<article class="target[^"]*" id="target-([\w-]+)"', text, re.S)  # fmt: skip
    assert [b[1] for b in blocks] == [
        "destinations", "fairs", "cup-events", "training", "unions",
        "tree-unions", "legal-boards", "role-models", "monthly-care", "sports-opening",
    ]  # fmt: skip
    assert "break-inside: avoid" in text[text.index(".keep {") :][:80]


def test_dates_are_never_broken() -> None:
    page = (
        "<title>截至 2024-10-01</title><p>截止 2024-08-31，窗口 2024-08-01 – 2024-08-31</p>"
        '<svg><text>2024-09-30</text></svg><a id="d-2024-01-01">x</a>'
    )
    assert _keep_dates(page) == (
        "<title>截至 2024-10-01</title>"
        '<p>截止 <span class="d">2024-08-31</span>，窗口 <span class="d">2024-08-01</span>'
        ' – <span class="d">2024-08-31</span></p>'
        '<svg><text>2024-09-30</text></svg><a id="d-2024-01-01">x</a>'
    )


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("于2024年8月31日完成", "2024年8月31日"),
        ("8月31日前报送", "8月31日"),
        ("2024年8月 月报", "2024年8月"),
        ("2024年6月1号 上午", "2024年6月1号"),
        ("见 2024/8/31 通知", "2024/8/31"),
        ("见 2024.8.31 通知", "2024.8.31"),
        ("the 2024-08 sheet", "2024-08"),
    ],
)
def test_every_date_form_read_is_kept_whole(text: str, kept: str) -> None:
    assert (
        _keep_dates(f"<p>{text}</p>")
        == "<p>" + text.replace(kept, f'<span class="d">{kept}</span>') + "</p>"
    )


def test_fractions_and_amounts_are_not_dates() -> None:
    page = "<p>2 / 5个月 · 3,120/5,000 · 10.1k/10.1k · 1.2万 · 5个月</p>"
    assert _keep_dates(page) == page


def test_every_date_shown_in_the_report_is_kept_whole(cli, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = html_report(cli, tmp_path, "zh").read_text("utf-8")
    outside_charts = re.sub(r"<svg\b.*?</svg>|<title>.*?</title>|<[^>]*>", "\0", text, flags=re.S)
    # ISO dates, and the Chinese forms a note may use (the programme's notes say 2024年8月).
    dates = re.findall(
        r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月(?:\d{1,2}日)?|(?<!年)\d{1,2}月\d{1,2}日",
        outside_charts,
    )
    assert "2024年8月" in dates
    assert len(dates) > 40  # every due date, last entry and the overview's column
    assert text.count('<span class="d">') == len(dates)
    assert ".d { white-space: nowrap; }" in text


# --- on paper, in Chromium -----------------------------------------------------------------


def _pdf_tools() -> tuple[str, str, str]:
    chromium, pdftotext, pdfinfo = (shutil.which(x) for x in ("chromium", "pdftotext", "pdfinfo"))
    if chromium is None:
        pytest.skip("chromium is not installed; .ci/run installs it")
    if pdftotext is None or pdfinfo is None:
        pytest.skip("poppler-utils (pdftotext) is not installed; .ci/run installs it")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    if not fonts.stdout.strip():
        pytest.skip("no Chinese font is installed (fonts-noto-cjk); .ci/run installs one")
    return chromium, pdftotext, pdfinfo


@pytest.mark.browser
def test_the_demo_report_prints_on_a4_with_the_overview_on_page_one(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, tmp_path: Path, programme: Programme
) -> None:
    chromium, pdftotext, pdfinfo = _pdf_tools()
    page = html_report(cli, tmp_path)
    pdf = tmp_path / "report.pdf"
    code, _, err = run_browser(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
    )
    assert code == 0 and pdf.exists(), err[-2000:]
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])  # type: ignore[index]
    assert "(A4)" in info, info
    assert DEMO_PAGES - 1 <= pages <= DEMO_PAGES + 1, f"{pages} pages"

    def text(first: int, last: int | None = None) -> str:
        out = subprocess.run(
            [pdftotext, "-f", str(first), "-l", str(last or first), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return out.stdout

    one = text(1)
    # Page 1: the overview table whole (every target's id is printed in its row), the pace,
    # and no action yet.
    assert "目标总览" in one
    assert [tg.id for tg in programme.targets if tg.id not in one] == []
    assert "时间进度" in one and "行动 1 ·" not in one
    assert "目标总览" not in text(2, pages)
    # Every action's heading is on the same page as its first card (whose id follows it).
    firsts = {a.number: a.targets[0].id for a in programme.actions}
    for n in range(2, pages + 1):
        here = text(n)
        for number, first_id in firsts.items():
            if f"行动 {number} ·" in here:
                assert first_id in here[here.index(f"行动 {number} ·") :], (n, number)
    # No date is cut at a hyphen at the end of a line.
    broken = re.findall(r"\d{4}-(?:\d{2}-?)?\s*\n", text(1, pages))
    assert broken == []


@pytest.mark.browser
def test_one_long_name_keeps_page_one_the_overview(  # type: ignore[no-untyped-def]
    cli, demo_db: Path, tmp_path: Path
) -> None:
    # A 200-character English name: the overview shows its first 79 columns and an ellipsis,
    # the card below it whole; the pace verdict stays on page 1 with the table.
    long = "Trees planted by volunteers " + " ".join(["along the new greenway"] * 8)
    long = long[:200]
    shipped = SHIPPED.read_text("utf-8")
    assert shipped.count("name_en: Trees planted by volunteers\n") == 1
    programme = tmp_path / "p.yaml"
    programme.write_text(
        shipped.replace("name_en: Trees planted by volunteers\n", f"name_en: {long}\n"), "utf-8"
    )
    page = tmp_path / "report-en.html"
    result = cli("report", "--as-of", "2024-10-01", "--format", "html", "--lang", "en",
                 "--programme", str(programme), "--output", str(page))  # fmt: skip
    assert result.exit_code == 0, result
    html = page.read_text("utf-8")
    glance = html[html.index('<table class="glance">') : html.index("</table>")]
    assert long not in glance and long[:60] in glance and "…" in glance
    assert long in html  # on the card
    chromium, pdftotext, _ = _pdf_tools()
    pdf = tmp_path / "report.pdf"
    code, _, err = run_browser(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()]
    )  # fmt: skip
    assert code == 0 and pdf.exists(), err[-2000:]

    def text(n: int) -> str:
        return subprocess.run([pdftotext, "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip

    one = " ".join(text(1).split())
    assert "points behind time elapsed" in one and "Time elapsed" in one
    two = " ".join(text(2).split())
    assert "Action 1" in two or "Action 2" in two, two[:300]  # page 2 starts the actions


# --- XLSX page set-up ----------------------------------------------------------------------


def assert_prints_landscape_a4_one_page_wide(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0  # one page wide, any tall
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"  # the header row on every page
    assert sheet.oddFooter.center.text == "&P / &N"


def test_the_xlsx_report_prints_landscape_one_page_wide(cli, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.xlsx"
    result = cli("report", "--as-of", "2024-10-01", "--by", "district", "-f", "xlsx",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result
    book = openpyxl.load_workbook(out)
    assert len(book.worksheets) == 3  # targets, actions, districts
    for sheet in book.worksheets:
        assert_prints_landscape_a4_one_page_wide(sheet)


def test_the_xlsx_export_prints_landscape_one_page_wide(cli, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "ledger.xlsx"
    assert cli("export", "--output", str(out)).exit_code == 0
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    [sheet] = book.worksheets
    assert_prints_landscape_a4_one_page_wide(sheet)
    # The header and every demo entry, still all there.
    assert sheet.max_row == 1 + len(list(demo_entries(load_programme(SHIPPED))))


def test_the_xlsx_export_never_shows_hashes_and_wraps_long_text(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    note = "植树节当天全区组织志愿者在龙洞林场补种，" * 6  # 120 Chinese characters: 240 columns
    big = "900023456789015.67"  # fits in at most 1,000,000,000,000,000.00 (24 characters)
    assert cli("log", "purchasing", big, "--date", "2024-03-12", "--force", "--note", note,
               "--ref", "R" * 80).exit_code == 0  # fmt: skip
    assert cli("log", "trees", "5", "--date", "2024-03-12").exit_code == 0
    out = tmp_path / "ledger.xlsx"
    assert cli("export", "--output", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    amount = sheet.column_dimensions[chr(ord("A") + header.index("amount"))].width
    assert amount >= len("1,000,000,000,000,000.00") + 1
    big_row = next(
        r for r in sheet.iter_rows(min_row=2) if r[header.index("target")].value == "purchasing"
    )
    assert big_row[header.index("note")].value == note
    assert big_row[header.index("note")].alignment.wrap_text
    assert big_row[header.index("ref")].alignment.wrap_text
    small_row = next(
        r for r in sheet.iter_rows(min_row=2) if r[header.index("target")].value == "trees"
    )
    assert not small_row[header.index("note")].alignment.wrap_text  # short text: left plain
