"""The HTML and XLSX reports, built from the shipped programme with hostile names put in.

The programme is the shipped file with a target named ``<script>alert(1)</script>``, another
named ``=HYPERLINK("http://x")``, a district named ``<b>x</b>`` and markup in the programme's
own name; the ledger totals are written out below, as of 2024-10-01 (day 275 of 366).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import signal
import subprocess
import unicodedata
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from tenactions.messages import STATUS, status_label
from tenactions.model import Programme, Totals
from tenactions.programme import load_programme, shipped_programme_path
from tenactions.progress import STATUSES, Report, build_report
from tenactions.render import html, xlsx

D = dt.date
AS_OF = D(2024, 10, 1)
SCRIPT = "<script>alert(1)</script>"
SCRIPT_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"
FORMULA = '=HYPERLINK("http://x")'
BOLD = "<b>x</b>"
PROGRAMME_NAME = "广州工会<img src=x onerror=alert(1)>十项行动"
NOTE = '"><script>alert(2)</script>'

# (target, date, amount in hundredths, district); districts are the programme's name_zh.
ENTRIES = [
    ("trees", D(2024, 3, 1), 1000_00, BOLD),
    ("trees", D(2024, 6, 15), 1500_00, "海珠区"),
    ("trees", D(2024, 9, 20), 620_00, ""),
    ("coupons", D(2024, 5, 10), 250000_50, "天河区"),
    ("destinations", D(2024, 7, 1), 60_00, "番禺区"),
    ("monthly-care", D(2024, 8, 10), 1_00, "市本级"),
    ("monthly-care", D(2024, 9, 12), 1_00, "市本级"),
    ("sales-week", D(2024, 8, 19), 1_00, "越秀区"),  # a district the programme no longer has
    ("unions", D(2024, 2, 1), 100_00, "白云区"),
]


# --- fixtures ------------------------------------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Programme:
    """The shipped programme, with hostile text where names and notes go."""
    text = shipped_programme_path().read_text(encoding="utf-8")
    text = _replace_once(
        text, "name_zh: 广州工会助力“百千万工程”十项行动", f"name_zh: {PROGRAMME_NAME}"
    )
    text = _replace_once(
        text,
        "name_en: Guangzhou Trade Unions' Ten Actions for the 100-1000-10000 Project",
        "name_en: Ten <i>Actions</i> & co",
    )
    text = _replace_once(text, "name_zh: 义务植树", f"name_zh: '{SCRIPT}'")
    text = _replace_once(text, "name_en: Trees planted by volunteers", f"name_en: '{SCRIPT}'")
    text = _replace_once(text, "notes: 超 5000 棵。", f"notes: '{NOTE}'")
    text = _replace_once(text, "notes_en: Over 5,000 trees.", f"notes_en: '{NOTE}'")
    text = _replace_once(
        text, "name_zh: 新增工会经费预算发放职工疗休养优惠券", f"name_zh: '{FORMULA}'"
    )
    text = _replace_once(
        text, "name_en: Union budget added for recuperation coupons", f"name_en: '{FORMULA}'"
    )
    text = _replace_once(
        text,
        "{name_zh: 越秀区, name_en: Yuexiu, aliases: [越秀]}",
        f"{{name_zh: '{BOLD}', name_en: '{BOLD}', aliases: [越秀]}}",
    )
    path = tmp_path_factory.mktemp("programme") / "actions.yaml"
    path.write_text(text, encoding="utf-8")
    return load_programme(path, use_cache=False)


def make_totals(as_of: dt.date, entries: Iterable[tuple[str, dt.date, int, str]]) -> Totals:
    """Group entries as ``Store.totals`` does."""
    days: dict[str, dict[dt.date, list[int]]] = {}
    by_district: dict[str, dict[str, int]] = {}
    district_last: dict[str, dt.date] = {}
    for target, day, amount_c, district in entries:
        if day > as_of:
            continue
        cell = days.setdefault(target, {}).setdefault(day, [0, 0])
        cell[0] += amount_c
        cell[1] += 1
        split = by_district.setdefault(target, {})
        split[district] = split.get(district, 0) + amount_c
        district_last[district] = max(day, district_last.get(district, day))
    daily = {t: [(d, a, n) for d, (a, n) in sorted(per.items())] for t, per in days.items()}
    return Totals(as_of, daily, by_district, district_last)


@pytest.fixture(scope="module")
def report(programme: Programme) -> Report:
    return build_report(programme, make_totals(AS_OF, ENTRIES), AS_OF, by_district=True)


def card(page: str, target_id: str) -> str:
    """The HTML of one target's card."""
    match = re.search(rf'<article [^>]*id="target-{target_id}".*?</article>', page, re.S)
    assert match, target_id
    return match.group(0)


class TagChecker(HTMLParser):
    """Rough well-formedness: every element closed in order; collects tags and attributes."""

    VOID = frozenset(("meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    return checker


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_is_one_well_formed_page_with_a_chart_per_target(report: Report, lang: str) -> None:
    page = html.render(report, lang)
    checker = parse(page)
    assert page.startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    kinds = [p.target.kind for p in report.targets]
    assert page.count("<svg ") == len(report.targets) == 22
    assert page.count('class="chart burn-up"') == kinds.count("cumulative") == 19
    assert page.count('class="chart periods"') == kinds.count("recurring") == 1
    assert page.count('class="chart milestone"') == kinds.count("milestone") == 2
    svgs = [a for tag, a in checker.tags if tag == "svg"]
    assert all(a.get("viewbox", "").startswith("0 0 640 ") for a in svgs)
    assert all("width" not in a and "height" not in a for a in svgs)  # they scale
    titles = [a for tag, a in checker.tags if tag == "title" and "id" in a]
    assert len(titles) == len(svgs)
    assert "@page { size: A4; margin: 12mm; }" in page
    assert "break-inside: avoid" in page
    assert '"Noto Sans CJK SC"' in page and '"Microsoft YaHei"' in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_fetches_and_runs_nothing(report: Report, lang: str) -> None:
    page = html.render(report, lang)
    checker = parse(page)
    tags = {tag for tag, _ in checker.tags}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed", "image", "use"}
    assert "<script" not in page.lower()
    for tag, attrs in checker.tags:
        assert not {"src", "href", "xlink:href", "srcset", "action"} & set(attrs), tag
        assert not [k for k in attrs if k.startswith("on")], tag
        for name, value in attrs.items():
            if value and "http" in value:
                assert (tag, name, value) == ("svg", "xmlns", "http://www.w3.org/2000/svg")
    # The only other URL is the hostile target name, shown as text.
    xmlns = page.count('xmlns="http://www.w3.org/2000/svg"')
    assert page.count("http://") == xmlns + page.count("HYPERLINK(&quot;http://x&quot;)") > xmlns
    assert "https://" not in page
    assert "url(" not in page and "@import" not in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_escapes_every_name(report: Report, lang: str) -> None:
    page = html.render(report, lang)
    text = "".join(parse(page).text)
    # The hostile target: its heading, its chart's title, and the note, all as text.
    trees = card(page, "trees")
    assert f"<h3>{SCRIPT_SHOWN}" in trees
    assert f">{SCRIPT_SHOWN}：" in trees or f">{SCRIPT_SHOWN}: " in trees
    assert "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in trees
    assert SCRIPT in text  # what a reader sees
    # The district and the programme's name.
    assert "&lt;b&gt;x&lt;/b&gt;" in trees and BOLD not in page
    name = PROGRAMME_NAME if lang == "zh" else "Ten <i>Actions</i> & co"
    assert name in text and name not in page
    assert "<i>" not in page and "<img" not in page


def test_html_shows_the_numbers_statuses_and_districts(report: Report) -> None:
    zh = html.render(report, "zh")
    en = html.render(report, "en")
    for lang, page in (("zh", zh), ("en", en)):
        for status in STATUSES:  # the counts list every status, word and colour
            assert f'<span class="status s-{status}">{status_label(lang, status)}</span>' in page
        for p in report.targets:  # and every card carries its own status as a word
            assert f">{status_label(lang, p.status)}</span></header>" in card(page, p.target.id)
    statuses = {p.target.id: p.status for p in report.targets}
    assert statuses["trees"] == "at_risk" and statuses["sales-week"] == "done"
    assert statuses["sports-opening"] == "overdue" and statuses["monthly-care"] == "on_track"
    trees = card(zh, "trees")
    assert "3,120 / 5,000棵" in trees and "62.4%" in trees
    assert "<dt>应完成</dt><dd>3,756.9棵</dd>" in trees  # 5000 * 275/366 = 3756.83, up to 0.1
    assert 'class="status s-at_risk">有风险<' in trees
    assert "<dt>剩余</dt><dd>1,880棵</dd>" in trees
    assert "（未填区）" in trees and "海珠区" in trees
    assert "3,120 / 5,000 trees" in card(en, "trees")
    care = card(zh, "monthly-care")
    assert "2/5 个月" in care and "达标 2 · 进行中 1 · 未开始 2" in care
    assert "2024-08-19 完成" in card(zh, "sales-week")
    # 时间过半、任务过半: time elapsed beside work done.
    # 275 of 366 days is 75.137%; time elapsed rounds up, to 75.2%.
    assert "75.2%" in zh and "时间进度" in zh and "任务进度" in zh
    # Districts with no entry in the 28 days ending 2024-10-01.
    silent = re.search(r'<p class="silent">(.*?)</p>', zh)
    assert silent and silent.group(1).startswith(
        "<b>近 28 天未填报的区：</b>&lt;b&gt;x&lt;/b&gt;、海珠区"
    )
    assert "荔湾区" in silent.group(1) and "市本级" not in silent.group(1)  # 市本级: 2024-09-12


def test_html_without_districts_or_entries(programme: Programme) -> None:
    """Before anything is logged (and before the programme starts) the page still renders."""
    empty = Totals(D(2023, 12, 1), {}, {}, {})
    report = build_report(programme, empty, D(2023, 12, 1))
    page = html.render(report, "zh")
    parse(page)
    assert page.count("<svg ") == 22
    assert 'class="districts"' not in page and 'class="silent"' not in page
    # Every card, the overview's row for it, every action's roll-up and the overall count
    # say "not started".
    assert page.count('class="status s-upcoming"') == 22 + 22 + 10 + 1


def test_html_is_deterministic(programme: Programme) -> None:
    first = build_report(programme, make_totals(AS_OF, ENTRIES), AS_OF, by_district=True)
    again = build_report(programme, make_totals(AS_OF, ENTRIES), AS_OF, by_district=True)
    assert html.render(first, "zh").encode() == html.render(again, "zh").encode()
    assert html.render(first, "en") == html.render(first, "en")


# --- in a real browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_html_in_headless_chromium(report: Report, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed; .ci/run installs it")
    page = tmp_path / "report.html"
    page.write_text(html.render(report, "zh"), encoding="utf-8")
    base = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip

    code, dom, err = run_browser([*base, "--dump-dom", page.as_uri()])
    assert code == 0, err[-2000:]
    assert dom.count("<svg ") == 22
    assert f"<h3>{SCRIPT_SHOWN}" in dom  # the name is a text node, not an element
    assert "<script" not in dom.lower()
    assert "&lt;b&gt;x&lt;/b&gt;" in dom

    shot = tmp_path / "page.png"
    code, _, err = run_browser(
        [*base, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()]
    )
    assert code == 0, err[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000


def run_browser(args: list[str], timeout: float = 60) -> tuple[int, str, str]:
    """Run chromium in its own process group, and end the whole group if it hangs: its
    helper processes would otherwise hold the output pipes open after it is killed."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            pytest.fail(f"chromium did not finish in {timeout:.0f} s: {err[-2000:]}")
    return proc.returncode, out, err


# --- XLSX ----------------------------------------------------------------------------------


def workbook(report: Report, lang: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx.render(report, lang)))


def rows_by_id(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, tuple[object, ...]]:
    return {str(row[1].value): row for row in ws.iter_rows(min_row=2)}


@pytest.mark.parametrize(
    ("lang", "names"),
    [("zh", ["目标", "行动", "各区"]), ("en", ["Targets", "Actions", "Districts"])],
)
def test_xlsx_sheets_headers_and_cells(report: Report, lang: str, names: list[str]) -> None:
    book = workbook(report, lang)
    assert book.sheetnames == names
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(cell.font.b for cell in ws[1])
    targets = book[names[0]]
    assert targets.max_row == 1 + 22
    header = [c.value for c in targets[1]]
    trees = rows_by_id(targets)["trees"]
    row = dict(zip(header, trees, strict=True))
    goal, actual, percent = (row[h] for h in header[5:8])
    assert (goal.value, actual.value) == (5000, 3120)
    assert isinstance(goal.value, int | float) and goal.data_type == "n"
    assert percent.value == pytest.approx(62.4) and percent.number_format == "0.0"
    due, last = row[header[13]], row[header[14]]
    assert due.is_date and due.value == dt.datetime(2024, 12, 31)
    assert due.number_format == "yyyy-mm-dd"
    assert last.is_date and last.value == dt.datetime(2024, 9, 20)
    assert trees[10].value == status_label(lang, "at_risk")
    assert trees[2].value == SCRIPT  # as text, never markup


def test_xlsx_neutralises_formulas(report: Report) -> None:
    book = workbook(report, "zh")
    for ws in (book["目标"], book["各区"]):
        coupons = rows_by_id(ws)["coupons"]
        assert coupons[2].value == "'" + FORMULA
        assert coupons[2].data_type == "s"
    formulas = [
        c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


def test_xlsx_columns_fit_chinese(report: Report) -> None:
    targets = workbook(report, "zh")["目标"]
    longest = max(len(p.target.name_zh) for p in report.targets)
    width = targets.column_dimensions["C"].width
    # The longest name (27 characters, 54 columns) would widen the sheet past what fits a
    # page: the column stops at WRAP_WIDTH and the long names wrap inside their cells.
    assert 2 * longest + 3 > xlsx.WRAP_WIDTH
    assert width == xlsx.WRAP_WIDTH
    for row in targets.iter_rows(min_row=2):
        name = str(row[2].value)
        columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name) + 3
        assert bool(row[2].alignment.wrap_text) is (columns > xlsx.WRAP_WIDTH), name
        if columns > xlsx.WRAP_WIDTH:  # and the row is tall enough for its lines
            assert targets.row_dimensions[row[2].row].height >= 2 * xlsx.LINE_HEIGHT
    assert width > targets.column_dimensions["B"].width  # the ids are short ASCII
    status = targets.column_dimensions["K"].width
    assert status >= 2 * len("进度正常")
    assert status > workbook(report, "en")["Targets"].column_dimensions["K"].width - 4


def test_xlsx_actions_and_districts(report: Report) -> None:
    book = workbook(report, "zh")
    actions = book["行动"]
    header = [c.value for c in actions[1]]
    assert header[:3] == ["行动", "名称", "目标数"]
    assert header[3:] == [STATUS[s][1] for s in STATUSES]
    rows = list(actions.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, 11))
    assert sum(int(str(r[2])) for r in rows) == 22
    by_status = [sum(int(str(r[i])) for r in rows) for i in range(3, 9)]
    assert by_status == [report.status_counts[s] for s in STATUSES]

    districts = book["各区"]
    header = [c.value for c in districts[1]]
    assert header[4] == BOLD and header[-1] == "（未填区）"
    assert "越秀区" in header  # in the ledger, though no longer in the programme
    trees = dict(zip(header, (c.value for c in rows_by_id(districts)["trees"]), strict=True))
    assert (trees[BOLD], trees["海珠区"], trees["（未填区）"], trees["荔湾区"]) == (
        1000,
        1500,
        620,
        None,
    )
    coupons = rows_by_id(districts)["coupons"]
    assert coupons[header.index("天河区")].value == pytest.approx(250000.5)
    assert coupons[header.index("天河区")].number_format == "#,##0.00"


def test_xlsx_without_districts(programme: Programme) -> None:
    report = build_report(programme, make_totals(AS_OF, ENTRIES), AS_OF)
    assert workbook(report, "en").sheetnames == ["Targets", "Actions"]
