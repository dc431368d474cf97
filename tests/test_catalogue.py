"""A catalogue of bad input, one row per case, over every command that reads input.

Each row is ``(id, setup files, argv, exit code, message fragments)``. For every row the
command runs against a seeded ledger and must: exit with the code given; say what is wrong
and where (``file:line``, ``file:row``, the option or the value); never show a traceback; and
leave the ledger exactly as it was: the ``export --format csv`` output, the rows of every
table, and the database file's bytes are compared before and after.

Rows with exit code 0 are inputs that look wrong but are not (a file with a header and no
rows imports nothing); they too must change nothing.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from tenactions.cli.app import load_commands

from .conftest import TODAY
from .test_programme import MINIMAL

# --- building the setup files ---------------------------------------------------------------

Content = bytes | Callable[[Path], None]

# A small programme whose line numbers the rows below rely on.
PROGRAMME = MINIMAL


def programme(old: str = "", new: str = "") -> bytes:
    """The small programme with one line changed (``old`` must occur exactly once)."""
    if old:
        assert PROGRAMME.count(old) == 1, old
    return PROGRAMME.replace(old, new).encode()


def billion_laughs(levels: int = 12, width: int = 10) -> bytes:
    """An alias bomb: expanded, it would hold ``width ** levels`` strings."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return ("\n".join(lines) + "\n").encode()


def csv_text(*rows: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(rows) + "\n").encode(encoding)


def big_csv(good_rows: int, last: str) -> Callable[[Path], None]:
    """``good_rows`` valid rows, then one more row (``last``)."""

    def write(path: Path) -> None:
        row = "trees,1,2024-03-{:02d},天河,row {}\n"
        with path.open("w", encoding="utf-8") as fh:
            fh.write("target,amount,date,district,note\n")
            fh.writelines(row.format(i % 28 + 1, i) for i in range(good_rows))
            fh.write(last + "\n")

    return write


def xlsx(
    *rows: tuple[object, ...], truncate: bool = False, merges: tuple[str, ...] = ()
) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(list(row))
        for cells in merges:
            sheet.merge_cells(cells)
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
        path.write_bytes(data[: len(data) // 2] if truncate else data)

    return write


def hostile_xlsx(kind: str) -> Callable[[Path], None]:
    """A small workbook that would take minutes and gigabytes to read without limits."""

    def write(path: Path) -> None:
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["目标", "数量", "日期"])
        sheet.append(["trees", 5, "2024-03-01"])
        if kind == "corners":  # one cell at A1, one at the last cell Excel has
            sheet["XFD1048576"] = "x"
        if kind == "wide-and-long":  # 10,000 rows x 1,000 columns of grid from two cells
            sheet["ALL10000"] = "x"
        buffer = io.BytesIO()
        book.save(buffer)
        with (
            zipfile.ZipFile(buffer) as src,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        ):
            for item in src.infolist():
                data = src.read(item)
                strings = kind.startswith("shared-strings")
                if strings and item.filename == "xl/_rels/workbook.xml.rels":
                    data = data.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/sharedStrings"'
                        b' Target="sharedStrings.xml"/></Relationships>',
                    )
                if strings and item.filename == "[Content_Types].xml":
                    data = data.replace(
                        b"</Types>",
                        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                        b"</Types>",
                    )
                out.writestr(item, data)
            if kind == "shared-strings":
                # Three million tiny strings: about 50 MB unpacked, a few hundred KB packed.
                out.writestr(
                    "xl/sharedStrings.xml",
                    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main" count="3000000"'
                    b' uniqueCount="3000000">' + b"<si><t>a</t></si>" * 3_000_000 + b"</sst>",
                )
            if kind == "shared-strings-20m":  # twenty million empty strings in 150 KB
                out.writestr(
                    "xl/sharedStrings.xml",
                    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    + b"<si/>" * 20_000_000
                    + b"</sst>",
                )
            if kind == "unpacked":  # 520 MB of zeros, packed to half a megabyte
                with out.open("xl/media/padding.bin", "w") as pad:
                    zeros = bytes(1 << 20)
                    for _ in range(520):
                        pad.write(zeros)

    return write


def folder(path: Path) -> None:
    path.mkdir()


HEADER = "target,amount,date,district,note"
FORMS_HEADER = "target,amount,date,district,ref,note"
GOOD_XLSX_ROWS = (("目标", "数量", "日期", "区"), ("trees", 5, "2024-03-01", "天河"))


class Case(NamedTuple):
    id: str
    files: dict[str, Content]
    argv: tuple[str, ...]
    code: int
    fragments: tuple[str, ...]


def case(
    id: str, files: dict[str, Content], argv: tuple[str, ...], code: int, *fragments: str
) -> Case:
    return Case(id, files, argv, code, fragments)


LOG = ("log", "trees", "5", "--date", "2024-03-01")

CASES = [
    # --- programme files: every command reads one; `check` validates it afresh -------------
    case("yaml-broken", {"p.yaml": b"name_zh: [unclosed\n"}, ("check", "--programme", "p.yaml"),
         1, "p.yaml:2:1: YAML:", "expected ',' or ']'"),
    case("yaml-wrong-type-goal", {"p.yaml": programme("goal: 5000", "goal: lots")},
         ("check", "--programme", "p.yaml"),
         1, "p.yaml:17:15: action 1 / target trees / goal:", "'lots' is not an amount"),
    case("yaml-wrong-type-number", {"p.yaml": programme("number: 1", "number: one")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:8:", "action #1 / number"),
    case("yaml-wrong-type-list", {"p.yaml": programme("districts:\n  - {name_zh: 越秀区, name_en: Yuexiu, aliases: [越秀]}", "districts: 越秀区")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:5:", "districts"),
    case("yaml-not-a-mapping", {"p.yaml": b"- a\n- b\n"}, ("check", "--programme", "p.yaml"),
         1, "p.yaml:1:1:", "must be a mapping"),
    case("yaml-duplicate-key", {"p.yaml": programme("end: 2024-12-31\n", "end: 2024-12-31\nstart: 2024-02-01\n")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:5:1:", "duplicate key 'start' (first at line 3)"),
    case("yaml-unknown-key", {"p.yaml": programme("end: 2024-12-31\n", "end: 2024-12-31\ncolour: red\n")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:5:1: colour: unknown key"),
    case("yaml-python-object-tag", {"p.yaml": programme("name_zh: 测试计划", "name_zh: !!python/object/apply:os.system ['touch pwned']")},
         ("check", "--programme", "p.yaml"),
         1, "p.yaml:1:10: name_zh: tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"),
    case("yaml-python-name-tag-via-log", {"p.yaml": programme("name_en: Test programme", "name_en: !!python/name:os.system")},
         (*LOG, "--programme", "p.yaml"),
         1, "p.yaml:2:10: name_en: tag tag:yaml.org,2002:python/name:os.system is not allowed"),
    case("yaml-billion-laughs", {"p.yaml": billion_laughs()}, ("check", "--programme", "p.yaml"),
         1, "p.yaml:2:10: file: alias *l0 is not allowed", "more problems like these"),
    case("yaml-merge-key", {"p.yaml": b"<<: {name_zh: x}\nname_en: y\n"}, ("check", "--programme", "p.yaml"),
         1, "p.yaml:1:1:", "merge keys"),
    case("yaml-not-a-real-date", {"p.yaml": programme("end: 2024-12-31", "end: 2024-13-01")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:4:6: end:", "'2024-13-01' is not a real date"),
    case("timezone-not-iana", {"p.yaml": programme("end: 2024-12-31\n", "end: 2024-12-31\ntimezone: Mars/Olympus\n")},
         ("check", "--programme", "p.yaml"), 1, "p.yaml:5:11: timezone:", "'Mars/Olympus' is not an IANA time zone name (e.g. Asia/Shanghai)"),
    case("timezone-a-path", {"p.yaml": programme("end: 2024-12-31\n", "end: 2024-12-31\ntimezone: ../../etc/passwd\n")},
         (*LOG, "--programme", "p.yaml"), 1, "p.yaml:5:11: timezone:", "is not an IANA time zone name"),
    case("programme-missing", {}, ("report", "--programme", "nope.yaml"),
         1, "nope.yaml: no such programme file"),
    case("programme-empty-via-import", {"p.yaml": b"", "in.csv": csv_text(HEADER, "trees,5,2024-03-01,,")},
         ("import", "in.csv", "--programme", "p.yaml"), 1, "p.yaml:1:1: file: the programme file is empty"),
    case("programme-gbk", {"p.yaml": programme().decode().replace("测试计划", "ab测试").encode("gbk")},
         ("targets", "--programme", "p.yaml"), 1, "p.yaml:1:1: file: not UTF-8 text (byte 11)"),
    case("programme-is-a-folder", {"p.yaml": folder}, ("check", "--programme", "p.yaml"),
         1, "p.yaml: is a folder, not a programme file"),
    # --- command arguments -------------------------------------------------------------------
    case("target-unknown", {}, ("log", "tres", "5"), 1, "unknown target 'tres'", "did you mean trees"),
    case("target-empty", {}, ("log", "", "5"), 1, "the target is empty"),
    case("target-unknown-entries", {}, ("entries", "--target", "nope"), 1, "unknown target 'nope'"),
    case("date-not-real", {}, (*LOG[:3], "--date", "2024-02-30"), 1, "--date '2024-02-30' is not a real date"),
    case("date-garbage", {}, (*LOG[:3], "--date", "yesterday-ish"), 1, "--date 'yesterday-ish' is not a date"),
    case("date-empty", {}, (*LOG[:3], "--date", ""), 1, "--date '' is not a date"),
    case("date-chinese-month-13", {}, (*LOG[:3], "--date", "2024年13月1日"), 1, "--date '2024年13月1日'"),
    case("date-before-period", {}, (*LOG[:3], "--date", "2023-12-31"), 1, "date 2023-12-31 is outside the programme period"),
    case("date-in-future", {}, (*LOG[:3], "--date", "2024-10-02"), 1, f"date 2024-10-02 is in the future (today is {TODAY})"),
    case("date-since", {}, ("entries", "--since", "2024-13-01"), 1, "--since '2024-13-01' is not a real date"),
    case("date-as-of-report", {}, ("report", "--as-of", "soon"), 1, "--as-of 'soon' is not a date"),
    case("date-as-of-summary", {}, ("summary", "--as-of", "2024/02/31"), 1, "--as-of '2024/02/31' is not a real date"),
    case("amount-word", {}, ("log", "trees", "abc"), 1, "'abc' is not an amount"),
    case("amount-chinese-numerals-run-together", {}, ("log", "trees", "三五"), 1, "'三五' is not an amount"),
    case("amount-scientific", {}, ("log", "trees", "1e5"), 1, "'1e5' is not an amount"),
    case("amount-hex", {}, ("log", "trees", "0x10"), 1, "'0x10' is not an amount"),
    case("amount-nan", {}, ("log", "trees", "NaN"), 1, "'NaN' is not an amount"),
    case("amount-two-points", {}, ("log", "trees", "1.2.3万"), 1, "'1.2.3万' is not an amount"),
    case("amount-two-units", {}, ("log", "trees", "1亿亿"), 1, "'1亿亿' is not an amount"),
    case("amount-bad-grouping", {}, ("log", "trees", "12,34"), 1, "'12,34' is not an amount"),
    case("amount-grouped-in-fours", {}, ("log", "trees", "1,2345"), 1, "'1,2345' is not an amount: digits are grouped in threes"),
    case("amount-grouped-in-fours-spaces", {}, ("log", "trees", "1 2345"), 1, "'1 2345' is not an amount: digits are grouped in threes"),
    case("amount-mixed-separators", {}, ("log", "trees", "1,000_000"), 1, "'1,000_000' is not an amount"),
    case("amount-underscore-grouping", {}, ("log", "trees", "1_000"), 1, "'1_000' is not an amount"),
    case("amount-arabic-indic-digits", {}, ("log", "trees", "٣٠"), 1, "'٣٠' is not an amount: '٣' (U+0663) is not a digit used here"),
    case("amount-superscript-digit", {}, ("log", "trees", "5²"), 1, "'5²' is not an amount: '²' (U+00B2) is not a digit used here"),
    case("import-amount-grouped-in-fours", {"in.csv": csv_text(HEADER, "trees,\"1,2345\",2024-03-01,,")},
         ("import", "in.csv"), 1, "in.csv:2: amount: '1,2345' is not an amount: digits are grouped in threes"),
    case("amount-full-width-junk", {}, ("log", "trees", "１２ａ"), 1, "is not an amount"),
    case("amount-negative", {}, ("log", "trees", "-5"), 1, "-5 must be greater than zero"),
    case("amount-zero", {}, ("log", "trees", "0"), 1, "0 must be greater than zero"),
    case("amount-fraction-of-a-tree", {}, ("log", "trees", "2.5"), 1, "the amount '2.5' for Trees planted by volunteers (trees) must be a whole number"),
    case("amount-fen-of-a-fen", {}, ("log", "purchasing", "1.234"), 1, "the amount '1.234' for ", "(purchasing) has more than 2 decimal places"),
    # The amount as typed, the target by its name in the chosen language (and its id).
    case("amount-grouped-fraction-zh", {}, ("log", "trees", "1,234.5", "--lang", "zh"), 1, "义务植树（trees）的数量 '1,234.5' 必须是整数"),
    case("amount-full-width-fraction", {}, ("log", "trees", "１２３.５"), 1, "the amount '１２３.５' for Trees planted by volunteers (trees) must be a whole number"),
    case("amount-yuan-sign-fen-of-a-fen-zh", {}, ("log", "purchasing", "￥1,000.005", "--lang", "zh"), 1,
         "（purchasing）的数量 '￥1,000.005' 的小数超过 2 位"),
    case("amount-in-yuan-zh", {}, ("log", "trees", "100元", "--lang", "zh"), 1, "数量 '100元' 以元计，但义务植树（trees）的单位是棵"),
    case("amount-too-large", {}, ("log", "trees", "99999999999999999999"), 1, "larger than the largest amount"),
    case("amount-empty", {}, ("log", "trees", ""), 1, "the amount is empty"),
    case("amount-amend", {}, ("amend", "2", "abc"), 1, "'abc' is not an amount"),
    case("district-unknown", {}, (*LOG, "--district", "深圳"), 1, "unknown district '深圳'"),
    case("district-unknown-entries", {}, ("entries", "--district", "Shenzhen"), 1, "unknown district 'Shenzhen'"),
    case("by-empty", {}, (*LOG, "--by", "  "), 1, "--by is empty"),
    case("reason-empty", {}, ("void", "2", "--reason", ""), 1, "--reason is empty"),
    case("note-too-long", {}, (*LOG, "--note", "长" * 2001), 1, "--note is 2,001 characters long; at most 2,000"),
    case("ref-too-long", {}, (*LOG, "--ref", "R" * 201), 1, "--ref is 201 characters long; at most 200"),
    case("note-escape-sequence", {}, (*LOG, "--note", "\x1b[31mred"), 1, "--note contains a control character (U+001B)"),
    case("note-nul", {}, (*LOG, "--note", "a\x00b"), 1, "--note contains a control character (U+0000)"),
    case("note-del", {}, (*LOG, "--note", "a\x7fb"), 1, "--note contains a control character (U+007F)"),
    case("ref-carriage-return", {}, (*LOG, "--ref", "F\r1"), 1, "--ref contains a control character (U+000D)"),
    case("by-bell", {}, (*LOG, "--by", "王\x07"), 1, "--by contains a control character (U+0007)"),
    case("ref-already-recorded", {}, ("log", "purchasing", "5", "--district", "天河", "--ref", "CG-1", "--date", "2024-05-02"),
         1, "reference 'CG-1' is already recorded as entry 2"),
    case("void-unknown-entry", {}, ("void", "99", "--reason", "x"), 1, "there is no entry 99"),
    case("void-twice", {}, ("void", "3", "--reason", "again"), 1, "entry 3 is already void"),
    case("amend-nothing-to-change", {}, ("amend", "2"), 1, "nothing to change: give entry 2 a new amount"),
    case("amend-to-the-same-figures", {}, ("amend", "2", "0.35亿", "--district", "天河区"), 1, "nothing to change"),
    case("amend-an-amended-entry", {}, ("amend", "1", "5", "--reason", "x"), 1,
         "entry 1 was amended and is void; entry 4 replaces it: amend entry 4 instead"),
    case("amend-an-amended-entry-zh", {}, ("amend", "1", "5", "--reason", "x", "--lang", "zh"), 1,
         "第 1 条已更正并作废，由第 4 条替代；请更正第 4 条"),
    case("amend-a-void-entry", {}, ("amend", "3", "5", "--reason", "x"), 1,
         "entry 3 is void already; log a new entry instead"),
    # --- entries that would mislead a report: refused unless --force ------------------------
    case("milestone-outside-window", {}, ("log", "sports-opening", "-d", "2024-05-03"),
         1, "Workers' sports meet opening at Liangkou (sports-opening) is a milestone for 2024-09-01 to 2024-09-30; 2024-05-03 is outside that window; use --force if this is right"),
    case("milestone-outside-window-zh", {}, ("log", "sports-opening", "-d", "2024-05-03", "--lang", "zh"),
         1, "良口生态设计小镇职工运动会开幕式（sports-opening）是时间窗口为 2024-09-01 至 2024-09-30 的节点目标"),
    case("milestone-done-twice", {}, ("log", "sales-week", "-d", "2024-08-04"),
         1, "Direct-sales week on Beijing Road (sales-week) is already done (1 of 1); another entry would count it twice"),
    case("recurring-before-start", {}, ("log", "monthly-care", "-d", "2024-05-03"),
         1, "Monthly themed care activity for seconded officials (monthly-care) counts from 2024-08-01; an entry dated 2024-05-03 would never count"),
    case("entry-larger-than-goal", {}, ("log", "unions", "3万", "-d", "2024-05-03"),
         1, "30,000 unions is 30× the whole goal of 1,000 unions; use --force if this is right"),
    case("recurring-larger-than-whole-goal", {}, ("log", "monthly-care", "6", "-d", "2024-08-03"),
         1, "6 activities is more than the whole goal of 5 activities"),
    case("amend-larger-than-goal", {}, ("amend", "6", "3万"), 1, "30,000 unions is 30× the whole goal of 1,000 unions"),
    # Below twice the goal a rounded ratio (1×, 1.0×) would hide why: both amounts, exactly.
    case("entry-just-over-the-goal", {}, ("log", "purchasing", "1,000,000,000.01", "-d", "2024-05-03"),
         1, "1,000,000,000.01 yuan is more than the whole goal of 1,000,000,000 yuan; use --force if this is right"),
    case("entry-twice-the-goal", {}, ("log", "trees", "10005", "-d", "2024-05-03"),
         1, "10,005 trees is 2× the whole goal of 5,000 trees"),
    case("entry-over-the-goal-by-a-half", {}, ("log", "trees", "12500", "-d", "2024-05-03"),
         1, "12,500 trees is 2.5× the whole goal of 5,000 trees"),
    case("entry-over-the-goal-thousands", {}, ("log", "unions", "3,003,000", "-d", "2024-05-03"),
         1, "3,003,000 unions is 3,000× the whole goal of 1,000 unions"),
    # A currency mark on a target not counted in yuan is a slip, as a yuan column is in import.
    case("currency-suffix-on-a-count", {}, ("log", "trees", "100元", "-d", "2024-05-03"),
         1, "the amount '100元' is in yuan but Trees planted by volunteers (trees) is counted in trees"),
    case("currency-prefix-on-a-count", {}, ("log", "trees", "￥12", "-d", "2024-05-03"),
         1, "the amount '￥12' is in yuan but Trees planted by volunteers (trees) is counted in trees"),
    case("currency-on-a-count-amend", {}, ("amend", "4", "RMB 250"),
         1, "the amount 'RMB 250' is in yuan but Trees planted by volunteers (trees) is counted in trees"),
    # A cumulative target with its own start: an entry before it is refused, as for a recurring one.
    case("cumulative-before-its-start", {"p.yaml": programme("goal: 5000\n", "goal: 5000\n        start: 2024-03-01\n")},
         ("log", "trees", "5", "-d", "2024-02-20", "--programme", "p.yaml"),
         1, "Trees (trees) starts on 2024-03-01; 2024-02-20 is before it; use --force if this is right"),
    case("usage-force-on-report", {}, ("report", "--force"), 2, "No such option: --force"),
    case("usage-force-on-void", {}, ("void", "2", "--reason", "x", "--force"), 2, "No such option: --force"),
    # --- a ledger that is not there -----------------------------------------------------------
    case("ledger-missing-db", {}, ("report", "--db", "nope.db"), 1, "there is no ledger at nope.db (given by --db)"),
    case("ledger-missing-summary", {}, ("summary", "--fail-on", "behind", "--db", "nope.db"), 1, "there is no ledger at nope.db"),
    case("ledger-missing-void", {}, ("void", "2", "--reason", "x", "--db", "nope.db"), 1, "there is no ledger at nope.db"),
    case("action-unknown", {}, ("report", "--action", "11"), 1, "there is no action 11"),
    case("usage-entry-id-not-a-number", {}, ("void", "abc", "--reason", "x"), 2, "'abc' is not a valid int"),
    case("usage-days-out-of-range", {}, ("summary", "--days", "0"), 2, "--days"),
    case("usage-lang", {}, ("targets", "--lang", "fr"), 2, "'fr': use zh or en"),
    case("db-is-a-folder", {"d.db": folder}, ("report", "--db", "d.db"), 1, "d.db: is a folder, not a database file"),
    case("db-is-text", {"d.db": b"target,amount\n" * 300}, ("entries", "--db", "d.db"),
         1, "d.db: is not a tenactions ledger (it is not a database file); check the path"),
    case("db-is-csv-zh", {"x.csv": csv_text(HEADER, "trees,5,2024-03-01,,")}, ("report", "--db", "x.csv", "--lang", "zh"),
         1, "x.csv: 不是 tenactions 数据库（它不是数据库文件）；请检查路径"),
    case("db-is-a-short-file", {"d.db": b"SQLite"}, ("summary", "--db", "d.db"), 1, "d.db: is not a tenactions ledger"),
    # An empty file is not a ledger to read: it stays empty (the files loop below checks it).
    *[case(f"db-is-empty-{argv[0]}", {"empty.db": b""}, (*argv, "--db", "empty.db"),
           1, "empty.db: the file is empty, not a tenactions ledger; check the path")
      for argv in (("report",), ("summary",), ("entries",), ("export", "--format", "csv"),
                   ("info",), ("backup", "b.db"), ("void", "1", "--reason", "x"))],
    case("db-is-empty-zh", {"empty.db": b""}, ("report", "--db", "empty.db", "--lang", "zh"),
         1, "empty.db: 该文件是空文件，不是 tenactions 数据库；请检查路径"),
    case("db-is-empty-log-refused", {"empty.db": b""}, ("log", "trees", "abc", "--db", "empty.db"),
         1, "'abc' is not an amount"),
    case("export-to-missing-folder", {}, ("export", "--output", "no/such/dir/x.csv"), 1, "no/such/dir/x.csv: cannot write here"),
    case("export-xlsx-to-terminal", {}, ("export", "--format", "xlsx"), 1, "an xlsx export needs --output FILE.xlsx"),
    case("backup-over-a-file", {"b.db": b"keep me"}, ("backup", "b.db"), 1, "b.db: already exists"),
    # --- outputs never harm the ledger (the ledger is ../ledger.db from the working folder) --
    case("export-over-the-ledger", {}, ("export", "--output", "../ledger.db"), 1, "../ledger.db: is the ledger's own file"),
    case("export-over-the-wal", {}, ("export", "-o", "../ledger.db-wal"), 1, "is the ledger's own file", "ledger.db-wal"),
    case("report-over-the-shm", {}, ("report", "--format", "csv", "-o", "../ledger.db-shm"), 1, "is the ledger's own file"),
    case("summary-over-the-journal", {}, ("summary", "-o", "../ledger.db-journal"), 1, "is the ledger's own file"),
    case("export-over-a-link-to-the-ledger", {"l.db": lambda p: p.symlink_to(p.parent.parent / "ledger.db")},
         ("export", "-o", "l.db"), 1, "l.db: is the ledger's own file"),
    case("report-over-a-hard-link-to-the-ledger", {"h.db": lambda p: os.link(p.parent.parent / "ledger.db", p)},
         ("report", "-f", "html", "-o", "h.db"), 1, "h.db: is the ledger's own file"),
    case("export-to-dev-full", {}, ("export", "-o", "/dev/full"), 1, "/dev/full: cannot write: no space left on device"),
    case("template-over-a-link-to-the-ledger", {"t.xlsx": lambda p: p.symlink_to(p.parent.parent / "ledger.db")},
         ("template", "-o", "t.xlsx"), 1, "t.xlsx: is the ledger's own file"),
    case("report-to-dev-full", {}, ("report", "-f", "csv", "-o", "/dev/full"), 1, "/dev/full: cannot write: no space left"),
    case("export-to-a-folder", {"out": folder}, ("export", "-o", "out"), 1, "out: is a folder"),
    # --- the edges of the calendar and of 64-bit ids -------------------------------------------
    case("as-of-last-day-of-calendar-summary", {}, ("summary", "--as-of", "9999-12-31"), 1, "--as-of 9999-12-31 is out of range"),
    case("as-of-first-day-of-calendar-summary", {}, ("summary", "--as-of", "0001-01-01"), 1, "--as-of 0001-01-01 is out of range"),
    case("as-of-last-day-of-calendar-report", {}, ("report", "--as-of", "9999-12-31", "-f", "json"), 1, "--as-of 9999-12-31 is out of range"),
    case("as-of-first-day-of-calendar-report", {}, ("report", "--as-of", "0001-01-01"), 1, "--as-of 0001-01-01 is out of range"),
    case("void-id-beyond-64-bits", {}, ("void", "99999999999999999999", "-r", "x"), 1, "there is no entry 99999999999999999999"),
    case("amend-id-beyond-64-bits", {}, ("amend", "18446744073709551616", "5"), 1, "there is no entry 18446744073709551616"),
    case("void-negative-id", {}, ("void", "-r", "x", "--", "-9223372036854775809"), 1, "there is no entry -9223372036854775809"),
    # --- one identity per real-world row, for life --------------------------------------------
    case("log-ref-other-case", {}, ("log", "purchasing", "5", "--district", "天河", "--ref", "cg-1", "-d", "2024-05-02"),
         1, "reference 'cg-1' is already recorded as entry 2"),
    case("log-ref-full-width", {}, ("log", "purchasing", "5", "--district", "天河区", "--ref", "ＣＧ－１", "-d", "2024-05-02"),
         1, "reference 'ＣＧ－１' is already recorded as entry 2"),
    case("log-ref-zero-width-space", {}, ("log", "purchasing", "5", "--district", "Tianhe", "--ref", "CG-\u200b1\u200b", "-d", "2024-05-02"),
         1, "is already recorded as entry 2"),
    case("log-ref-of-an-amended-entry", {}, ("log", "purchasing", "5", "--district", "天河", "--ref", "f-1", "-d", "2024-05-02"),
         1, "reference 'f-1' is already recorded as entry 10"),
    case("log-ref-of-a-void-entry", {}, ("log", "trees", "5", "--district", "天河", "--ref", "F-2", "-d", "2024-05-02"),
         1, "reference 'F-2' is already recorded as entry 9, now void"),
    case("amend-to-a-live-form-number", {}, ("amend", "4", "--ref", "cg-1", "--district", "天河"),
         1, "reference 'cg-1' is already recorded as entry 2"),
    # A third figure for an amended form (neither what it first said nor what it says now).
    case("import-resent-row-amended-since", {"in.csv": csv_text(FORMS_HEADER, "purchasing,120,2024-05-05,天河,F-1,")},
         ("import", "in.csv"), 1, "in.csv:2: this row (F-1) is already entry 8 (amended since: now entry 10) as purchasing 150",
         "the file says purchasing 120", "tenactions amend 10"),
    case("import-resent-row-amended-since-dry-run", {"in.csv": csv_text(FORMS_HEADER, "purchasing,120,2024-05-05,天河,F-1,")},
         ("import", "in.csv", "--dry-run"), 1, "in.csv:2: this row (F-1) is already entry 8 (amended since: now entry 10)"),
    case("import-resent-row-voided-since", {"in.csv": csv_text(FORMS_HEADER, "trees,9,2024-05-06,天河,F-2,")},
         ("import", "in.csv"), 1, "in.csv:2: this row (F-2) is entry 9, which is void (重复), but the file says trees 9"),
    case("import-resent-original-after-amendment", {"in.csv": csv_text(FORMS_HEADER, "purchasing,100,2024-05-05,天河,F-1,")},
         ("import", "in.csv"), 0, "in.csv: 1 row: 0 added, 1 already present."),
    case("import-resent-row-as-amended", {"in.csv": csv_text(FORMS_HEADER, "purchasing,150,2024-05-05,天河,ｆ-１,")},
         ("import", "in.csv"), 0, "in.csv: 1 row: 0 added, 1 already present."),
    case("import-form-number-variants", {"in.csv": csv_text(FORMS_HEADER, "purchasing,0.35亿,2024-05-01,天河,ＣＧ-1,", "purchasing,0.35亿,2024-05-01,天河区,\u200bcg-1 ,")},
         ("import", "in.csv"), 1, "in.csv:3: ref: '\\u200bcg-1' appears more than once in this file for 天河区"),
    case("import-form-number-variant-differs", {"in.csv": csv_text(FORMS_HEADER, "purchasing,0.36亿,2024-05-01,天河,cg-1,")},
         ("import", "in.csv"), 1, "in.csv:2: this row (cg-1) is already entry 2 as purchasing 35000000"),
    case("import-corrected-note-is-not-a-new-row", {"in.csv": csv_text("目标,数量,日期,区,备注", "unions,3,2024-07-01,海珠,补充说明")},
         ("import", "in.csv"), 0, "in.csv: 1 row: 0 added, 1 already present."),
    case("import-export-bad-id", {"in.csv": csv_text("id,uid,target,amount,date,void,amends", "x,u-1,trees,5,2024-03-01,false,")},
         ("import", "in.csv"), 1, "in.csv:2: id: 'x' is not an entry id"),
    # --- limits instead of overflow ------------------------------------------------------------
    case("import-sum-over-the-largest-total", {"in.csv": csv_text("target,amount,date", *[f"purchasing,1000万亿,2024-06-{d:02d}" for d in range(1, 12)])},
         ("import", "in.csv", "--force"), 1, "in.csv: purchasing: the total would reach 11,000,000,035,000,150, over the largest total a target can reach (10,000,000,000,000,000)"),
    case("import-sum-over-the-largest-total-dry-run", {"in.csv": csv_text("target,amount,date", *[f"purchasing,1000万亿,2024-06-{d:02d}" for d in range(1, 12)])},
         ("import", "in.csv", "--dry-run", "--force"), 1, "purchasing: the total would reach"),
    # --- import files ----------------------------------------------------------------------
    case("import-empty", {"in.csv": b""}, ("import", "in.csv"), 1, "in.csv: the file is empty"),
    case("import-blank-lines-only", {"in.csv": b"\n\n,,,\n"}, ("import", "in.csv"), 1, "in.csv: the file is empty"),
    case("import-header-only", {"in.csv": csv_text(HEADER)}, ("import", "in.csv"),
         0, "in.csv: 0 rows: 0 added, 0 already present."),
    case("import-header-only-xlsx", {"in.xlsx": xlsx(GOOD_XLSX_ROWS[0])}, ("import", "in.xlsx"),
         0, "in.xlsx: 0 rows: 0 added, 0 already present."),
    case("import-wrong-headers", {"in.csv": csv_text("名称,多少,when", "trees,5,2024-03-01")}, ("import", "in.csv"),
         1, "in.csv: no header row in rows 1-2", "accepted names: target: target, 目标"),
    case("import-header-missing-date", {"in.csv": csv_text("目标,数量,区", "trees,5,天河")}, ("import", "in.csv"),
         1, "in.csv:1: missing column date (date/日期/完成日期); the header row has: '目标', '数量', '区'"),
    case("import-no-header-in-first-20-rows", {"in.csv": csv_text(*["说明"] * 20, "target,amount,date", "trees,5,2024-03-01")},
         ("import", "in.csv"), 1, "in.csv: no header row in rows 1-20"),
    case("import-unknown-unit", {"in.csv": csv_text("目标,金额（万美元）,日期", "trees,5,2024-03-01")}, ("import", "in.csv"),
         1, "in.csv:1: the header '金额（万美元）' has a unit that is not known (万美元)"),
    case("import-yuan-column-for-trees", {"in.csv": csv_text("目标,金额（元）,日期", "trees,5,2024-03-01")}, ("import", "in.csv"),
         1, "in.csv:2: 金额（元）: the column counts in 元 but Trees planted by volunteers (trees) is counted in trees"),
    case("import-yuan-column-for-trees-zh", {"in.csv": csv_text("目标,金额（元）,日期", "trees,5,2024-03-01")},
         ("import", "in.csv", "--lang", "zh"), 1, "in.csv:2: 金额（元）：该列的单位是元，但义务植树（trees）的单位是棵"),
    case("import-unit-twice", {"in.csv": csv_text("目标,金额（万元）,日期", "purchasing,35万,2024-03-01")}, ("import", "in.csv"),
         1, "in.csv:2: 金额（万元）: '35万' has its own unit, but the column is in 万元; write the number alone"),
    case("import-no-amount-in-wan-column", {"in.csv": csv_text("目标,金额（万元）,日期,区", "purchasing,abc,2024-03-01,天河")},
         ("import", "in.csv"), 1, "in.csv:2: 金额（万元）: 'abc' is not an amount; the column is in 万元, so write the number alone (35 for 35 万元)"),
    case("import-no-amount-in-wan-column-zh", {"in.csv": csv_text("目标,金额（万元）,日期,区", "purchasing,abc,2024-03-01,天河")},
         ("import", "in.csv", "--lang", "zh"), 1, "in.csv:2: 金额（万元）：'abc' 不是有效的数量；该列的单位是万元，请只填数字（如 35 表示 35万元）"),
    case("import-yuan-cell-in-wan-column", {"in.csv": csv_text("目标,金额（万元）,日期,区", "purchasing,3000元,2024-03-01,天河")},
         ("import", "in.csv"), 1, "in.csv:2: 金额（万元）: '3000元' has its own unit, but the column is in 万元; write the number alone"),
    case("import-yuan-mark-cell-in-wan-column-xlsx", {"in.xlsx": xlsx(("项目", "金额（万元）", "日期", "区"), ("purchasing", "￥3,000", "2024-03-01", "天河"))},
         ("import", "in.xlsx"), 1, "in.xlsx:2: 金额（万元）: '￥3,000' has its own unit, but the column is in 万元; write the number alone"),
    case("import-yuan-cell-under-wan-unit-line-zh", {"in.csv": csv_text("单位：万元", "目标,金额,日期,区", "purchasing,RMB 3000,2024-03-01,天河")},
         ("import", "in.csv", "--lang", "zh"), 1, "in.csv:3: 金额：'RMB 3000' 自带单位，而该列的单位已是万元；请只填数字"),
    case("import-qian-yuan-cell-under-wan-unit-line-xlsx-zh", {"in.xlsx": xlsx(("单位：万元",), ("目标", "金额", "日期", "区"), ("purchasing", "3千元", "2024-03-01", "天河"))},
         ("import", "in.xlsx", "--lang", "zh"), 1, "in.xlsx:3: 金额：'3千元' 自带单位，而该列的单位已是万元；请只填数字"),
    case("import-sheet-not-there", {"in.xlsx": xlsx(*GOOD_XLSX_ROWS)}, ("import", "in.xlsx", "--sheet", "9月"),
         1, "in.xlsx: has no sheet '9月'; its sheets are 'Sheet'"),
    case("import-sheet-of-a-csv", {"in.csv": csv_text(HEADER)}, ("import", "in.csv", "--sheet", "9月"),
         1, "in.csv: --sheet is for workbooks"),
    case("import-password-protected", {"in.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100},
         ("import", "in.xlsx"), 1, "in.xlsx: is protected by a password"),
    case("import-date-without-year-outside-period", {"in.csv": csv_text("目标,数量,日期", "trees,5,2月30日")}, ("import", "in.csv"),
         1, "in.csv:2: 日期: '2月30日' is not a real date"),
    case("import-two-amount-columns", {"in.csv": csv_text("target,amount,数量,date", "trees,5,5,2024-03-01")},
         ("import", "in.csv"), 1, "in.csv:1: columns 'amount' and '数量' both mean amount"),
    case("import-text-named-xlsx", {"in.xlsx": csv_text(HEADER, "trees,5,2024-03-01,,")}, ("import", "in.xlsx"),
         1, "in.xlsx: is not a workbook (.xlsx, .xls or .ods) but another kind of file"),
    case("import-truncated-xlsx", {"in.xlsx": xlsx(*GOOD_XLSX_ROWS, truncate=True)}, ("import", "in.xlsx"),
         1, "in.xlsx: is not a readable workbook (damaged, truncated"),
    case("import-xlsx-named-csv", {"in.csv": xlsx(*GOOD_XLSX_ROWS)}, ("import", "in.csv"),
         1, "in.csv: is a zip file (an .xlsx workbook?)"),
    case("import-xlsx-bad-date-cell", {"in.xlsx": xlsx(*GOOD_XLSX_ROWS, ("trees", 5, "2024-02-30", "天河"))},
         ("import", "in.xlsx"), 1, "in.xlsx:3: 日期: '2024-02-30' is not a real date"),
    case("import-utf16", {"in.csv": csv_text(HEADER, "trees,5,2024-03-01,,", encoding="utf-16")},
         ("import", "in.csv"), 1, "in.csv: is saved as UTF-16"),
    case("import-mixed-encodings", {"in.csv": csv_text("目标,数量,日期,区", "植树,5,2024-03-01,天河") + csv_text("植树,6,2024-03-02,天河", encoding="gbk")},
         ("import", "in.csv"), 1, "in.csv:3: the text is neither UTF-8 nor GBK (line 3 is the first that is not UTF-8)"),
    case("import-gbk-bad-district", {"in.csv": csv_text("目标,数量,日期,区", "植树,5,2024-03-01,天河", "植树,6,2024-03-02,深圳", encoding="gbk")},
         ("import", "in.csv"), 1, "in.csv:3: 区: unknown district '深圳'"),
    case("import-too-many-fields", {"in.csv": csv_text("target,amount,date", "trees,5,2024-03-01", "trees,6,2024-03-02,extra,more")},
         ("import", "in.csv"), 1, "in.csv:3: the row has 5 values but the header has 3 columns"),
    case("import-too-few-fields", {"in.csv": csv_text("target,amount,date", "trees,5,2024-03-01", "trees,6")},
         ("import", "in.csv"), 1, "in.csv:3: date: is empty"),
    case("import-unclosed-quote", {"in.csv": csv_text(HEADER, 'trees,5,2024-03-01,,"oops', "trees,6,2024-03-02,,x", "trees,7,2024-03-03,,y")},
         ("import", "in.csv"), 1, "in.csv:2: a quoted cell is never closed"),
    case("import-control-character", {"in.csv": csv_text(HEADER, "trees,5,2024-03-01,,a\x1b[2Jb")},
         ("import", "in.csv"), 1, "in.csv:2: note: the text contains a control character (U+001B)"),
    case("import-every-bad-row-listed", {"in.csv": csv_text(HEADER, "tres,5,2024-03-01,,", "trees,5,2024-03-01,,", "trees,-1,2024-13-01,火星,")},
         ("import", "in.csv", "--dry-run"), 1, "in.csv:2: target: unknown target 'tres'",
         "in.csv:4: amount:", "date: '2024-13-01' is not a real date", "district: unknown district '火星'"),
    case("import-duplicate-ref-in-file", {"in.csv": csv_text("target,amount,date,district,ref", "trees,1,2024-03-01,越秀,A-1", "trees,2,2024-03-02,越秀区,A-1")},
         ("import", "in.csv"), 1, "in.csv:3: ref: 'A-1' appears more than once in this file for 越秀区"),
    case("import-100k-rows-bad-last", {"big.csv": big_csv(100_000, "trees,lots,2024-03-01,天河,last")},
         ("import", "big.csv"), 1, "big.csv:100002: amount: 'lots' is not an amount"),
    case("import-rows-that-would-mislead", {"in.csv": csv_text(HEADER, "unions,3万,2024-05-03,越秀,", "trees,5,2024-05-03,越秀,", "sports-opening,1,2024-05-03,越秀,", "sales-week,1,2024-08-20,越秀,")},
         ("import", "in.csv"), 1, "in.csv:2: 30,000 unions is 30× the whole goal of 1,000 unions; use --force if this is right",
         "in.csv:4: Workers' sports meet opening at Liangkou (sports-opening) is a milestone for 2024-09-01 to 2024-09-30; 2024-05-03 is outside that window",
         "in.csv:5: Direct-sales week on Beijing Road (sales-week) is already done (1 of 1)"),
    case("import-xlsx-amount-merged-over-rows", {"in.xlsx": xlsx(*GOOD_XLSX_ROWS, ("trees", None, "2024-03-02", "天河"), merges=("B2:B3",))},
         ("import", "in.xlsx"), 1, "in.xlsx:2: 数量: the amount cell is merged over rows 2–3; give each row its own amount",
         "in.xlsx:3: 数量: the amount cell is merged over rows 2–3"),
    case("import-unit-line-contradicts-header", {"in.xlsx": xlsx(("单位：万元",), ("目标", "金额（元）", "日期"), ("purchasing", 35, "2024-03-01"))},
         ("import", "in.xlsx"), 1, "in.xlsx:1: the sheet says 单位：万元 but the header '金额（元）' (row 2) says 元; make them agree"),
    case("import-unit-line-unknown", {"in.xlsx": xlsx(("金额单位：万美元",), ("目标", "金额", "日期"), ("purchasing", 35, "2024-03-01"))},
         ("import", "in.xlsx"), 1, "in.xlsx:1: the unit 单位：万美元 is not known; write one of"),
    case("import-missing-file", {}, ("import", "nope.csv"), 1, "'nope.csv': no such file"),
    # --- bounded work for any file -------------------------------------------------------------
    case("import-xlsx-millions-of-shared-strings", {"in.xlsx": hostile_xlsx("shared-strings")}, ("import", "in.xlsx"),
         1, "in.xlsx: holds more than 2,000,000 different texts (shared strings), over the limit"),
    case("import-xlsx-cells-at-the-far-corners", {"in.xlsx": hostile_xlsx("corners")}, ("import", "in.xlsx"),
         1, "in.xlsx: sheet1 has cells spread over 1,048,576 rows x 16,384 columns, over the limit of 8,500,000 cells"),
    case("import-xlsx-wide-and-long-grid", {"in.xlsx": hostile_xlsx("wide-and-long")}, ("import", "in.xlsx"),
         1, "in.xlsx: sheet1 has cells spread over 10,000 rows x 1,000 columns"),
    case("import-xlsx-unpacks-too-big", {"in.xlsx": hostile_xlsx("unpacked")}, ("import", "in.xlsx"),
         1, "in.xlsx: unpacks to 520 MB, over the limit of 512 MB"),
    case("import-csv-too-many-columns", {"in.csv": csv_text(HEADER, "trees,5,2024-03-01" + "," * 20_000)}, ("import", "in.csv"),
         1, "in.csv:2: the row has 20,003 columns, over the limit of 16,384"),
    case("import-csv-endless-line", {"in.csv": csv_text(HEADER, "trees,5,2024-03-01,," + "x" * 5_000_000)}, ("import", "in.csv"),
         1, "in.csv:2: the line is longer than 4,194,304 characters"),
    case("import-csv-cell-too-long", {"in.csv": csv_text(HEADER, 'trees,5,2024-03-01,,"' + "x" * 40_000 + '"')}, ("import", "in.csv"),
         1, "in.csv:2: a cell has more than 32,767 characters, over the limit for a cell"),
    case("import-control-characters-in-the-file-name", {"in\x1b[2J\x07.csv": csv_text(HEADER, "tres,5,2024-03-01,,")},
         ("import", "in\x1b[2J\x07.csv"), 1, "in\\x1b[2J\\x07.csv:2: target: unknown target 'tres'"),
    case("import-a-line-break-in-the-file-name", {"new\nline.csv": csv_text(HEADER, "tres,5,2024-03-01,,")},
         ("import", "new\nline.csv"), 1, "new\\nline.csv:2: target: unknown target 'tres'"),
    case("import-empty-file-name", {}, ("import", ""), 1, "no file was given (the file name is empty)"),
    case("import-sheet-name-very-long", {"in.xlsx": xlsx(*GOOD_XLSX_ROWS)}, ("import", "in.xlsx", "--sheet", "月" * 100_000),
         1, "in.xlsx: has no sheet '" + "月" * 60 + "…'; its sheets are 'Sheet'"),
    case("import-a-folder", {"in.csv": folder}, ("import", "in.csv"), 1, "in.csv: is a folder, not a file"),
    # --- the districts' template ------------------------------------------------------------
    case("template-not-xlsx", {}, ("template", "--output", "t.csv"), 1, "t.csv: the template is an .xlsx workbook; name it .xlsx"),
    case("template-bad-month", {}, ("template", "--output", "t.xlsx", "--month", "2024-13"), 1, "--month '2024-13' is not a month (write 2024-08)"),
    case("template-month-outside-period", {}, ("template", "--output", "t.xlsx", "--month", "2025-02"),
         1, "--month '2025-02' is outside the programme period 2024-01-01 to 2024-12-31"),
    case("template-unknown-district", {}, ("template", "--output", "t.xlsx", "--district", "火星"), 1, "unknown district '火星'"),
    case("template-missing-folder", {}, ("template", "--output", "no/such/t.xlsx"), 1, "no/such/t.xlsx: cannot write here"),
    case("template-no-output", {}, ("template",), 2, "--output"),
    case("import-a-folder-without-type", {"in": folder}, ("import", "in"), 1, "in: is a folder, not a file"),
    case("import-dev-zero", {"z.csv": lambda p: p.symlink_to("/dev/zero")}, ("import", "z.csv"), 1,
         "z.csv: is not a regular file (a device, a pipe or a system file)"),
    case("import-dev-urandom-as-workbook", {"u.xlsx": lambda p: p.symlink_to("/dev/urandom")}, ("import", "u.xlsx"), 1,
         "u.xlsx: is not a regular file"),
    case("import-a-fifo", {"f.csv": lambda p: os.mkfifo(p)}, ("import", "f.csv"), 1, "f.csv: is not a regular file"),
    case("import-proc-file", {}, ("import", "/proc/self/status"), 1, "/proc/self/status: is not a regular file"),
    case("import-csv-blank-lines-past-the-limit", {"in.csv": lambda p: p.write_text(HEADER + "\n" * 2_000_001 + "trees,1,2024-03-01,,\n")},
         ("import", "in.csv"), 1, "in.csv: has more than 2,000,000 lines (blank ones included), over the limit for a CSV file"),
    case("backup-to-the-journal", {}, ("backup", "../ledger.db-journal"), 1, "../ledger.db-journal: is the ledger's own file"),
    case("backup-to-the-wal", {}, ("backup", "../ledger.db-wal"), 1, "../ledger.db-wal: is the ledger's own file"),
    case("backup-to-the-shm-by-a-link", {"s.db": lambda p: p.symlink_to(p.parent.parent / "ledger.db-shm")},
         ("backup", "s.db"), 1, "s.db: is the ledger's own file"),
    case("backup-over-the-ledger", {}, ("backup", "../ledger.db"), 1, "../ledger.db: is the ledger's own file"),
    case("report-into-a-missing-folder", {}, ("report", "-f", "html", "-o", "nodir/x.html"), 1,
         "nodir/x.html: cannot write here: no such file or folder"),
    case("db-is-dev-null", {}, ("report", "--db", "/dev/null"), 1,
         "/dev/null: cannot read or write the database file: input/output error"),
    # A blank template over a returned, filled-in sheet would lose a district's work.
    case("template-over-an-existing-file", {"天河区-2024-08.xlsx": b"a filled-in sheet"},
         ("template", "--output", "天河区-2024-08.xlsx"),
         1, "天河区-2024-08.xlsx: exists already (perhaps a district's filled-in sheet); choose another name, or add --force to replace it"),
    # --- every --output refuses the programme file in use, as it refuses the ledger ----------
    case("report-output-over-the-programme", {"p.yaml": programme()},
         ("report", "--format", "xlsx", "--output", "p.yaml", "--programme", "p.yaml"),
         1, "p.yaml: is the programme file in use; choose another output file"),
    case("summary-output-over-the-programme", {"p.yaml": programme()},
         ("summary", "--output", "./p.yaml", "--programme", "p.yaml"),
         1, "p.yaml: is the programme file in use"),
    case("export-output-over-the-programme", {"p.yaml": programme()},
         ("export", "--format", "csv", "--output", "p.yaml", "--programme", "p.yaml"),
         1, "p.yaml: is the programme file in use"),
    # --- an empty --district is refused as an empty --by is; a range that ends before it starts
    case("log-district-empty", {}, (*LOG, "--district", ""), 1, "--district is empty"),
    case("log-district-blank-zh", {}, (*LOG, "--district", "  ", "--lang", "zh"), 1, "--district 为空"),
    case("amend-district-empty", {}, ("amend", "2", "5", "--district", "", "--reason", "x"), 1, "--district is empty"),
    case("entries-district-empty", {}, ("entries", "--district", ""), 1, "--district is empty"),
    case("entries-since-after-until", {}, ("entries", "--since", "2024-09-01", "--until", "2024-08-01"), 1,
         "--since 2024-09-01 is after --until 2024-08-01: no entry can match; swap them"),
    case("entries-since-after-until-zh", {}, ("entries", "--since", "9月1日", "--until", "8月1日", "--lang", "zh"), 1,
         "--since 2024-09-01 晚于 --until 2024-08-01"),
    # --- paths named as typed: "" is no path, not the current folder ------------------------
    case("import-the-current-folder", {}, ("import", "."), 1, ".: is a folder, not a file"),
    case("import-an-empty-name", {}, ("import", ""), 1, "no file was given (the file name is empty)"),
    case("import-a-blank-name", {}, ("import", " "), 1, "' ': no such file"),
    case("db-an-empty-path", {}, ("report", "--db", ""), 1, "--db: the path is empty; give a file name"),
    *[case(f"{argv[0]}-output-an-empty-path", {}, (*argv, "-o", ""), 1, "--output: the path is empty; give a file name")
      for argv in (("report",), ("summary",), ("export", "--format", "csv"), ("template",))],
    case("template-output-an-empty-path-zh", {}, ("template", "--output", "", "--lang", "zh"), 1, "--output：路径为空；请给出文件名"),
    *[case(f"{argv[0]}-programme-an-empty-path", {}, (*argv, "--programme", ""), 1, "--programme: the path is empty; give a file name")
      for argv in (("targets",), ("check",), ("log", "trees", "5"), ("report",))],
    case("programme-an-empty-path-zh", {}, ("--programme", "", "--lang", "zh", "targets"), 1, "--programme：路径为空；请给出文件名"),
    case("import-unsupported-type", {"in.txt": csv_text(HEADER)}, ("import", "in.txt"), 1, "in.txt: unsupported file type"),
]  # fmt: skip


# --- the seeded ledger ----------------------------------------------------------------------

SEED_COMMANDS = [
    ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化", "--note", "植树节"),
    ("log", "purchasing", "0.35亿", "-d", "2024-05-01", "--district", "天河", "--ref", "CG-1"),
    ("log", "unions", "12", "-d", "2024-06-01"),
    ("void", "3", "--reason", "重复录入"),
    ("amend", "1", "250", "--reason", "数量录错"),
    ("import", "seed.csv"),
    ("log", "sales-week", "-d", "2024-08-03"),
    # A district's file with form numbers (entries 8 and 9); one row amended, one voided since.
    ("import", "forms.csv"),
    ("amend", "8", "150", "--reason", "金额录错"),  # entry 10 replaces 8
    ("void", "9", "--reason", "重复"),
]
SEED_CSV = "目标,数量,日期,区,备注\n植树,40,2024-04-01,越秀,=1+1\nunions,3,2024-07-01,海珠,\n"
FORMS_CSV = (
    "target,amount,date,district,ref\n"
    "purchasing,100,2024-05-05,天河,F-1\n"
    "trees,7,2024-05-06,天河,F-2\n"
)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A ledger with logs, a void, an amendment and an import; and a warm programme cache."""
    base = tmp_path_factory.mktemp("seed")
    (base / "seed.csv").write_text(SEED_CSV, encoding="utf-8")
    (base / "forms.csv").write_text(FORMS_CSV, encoding="utf-8")
    env = {
        "TENACTIONS_DB": str(base / "ledger.db"),
        "TENACTIONS_CACHE_DIR": str(base / "cache"),
        "TENACTIONS_TODAY": TODAY,
        "TENACTIONS_LANG": "en",
        "TENACTIONS_USER": "seeder",
    }
    app = load_commands()
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(base)
        for args in SEED_COMMANDS:
            result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
            assert result.exit_code == 0, (args, result.output)
    assert not (base / "ledger.db-wal").exists()  # closed cleanly: one file holds it all
    return base / "ledger.db", base / "cache"


def table_rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
        rows += conn.execute("SELECT * FROM voids ORDER BY entry_id").fetchall()
        rows += conn.execute("SELECT * FROM daily_totals ORDER BY 1, 2, 3").fetchall()
        rows += conn.execute("SELECT * FROM target_days ORDER BY 1, 2").fetchall()
        rows += conn.execute("SELECT * FROM identity_keys ORDER BY 1").fetchall()
        rows.append(conn.execute("PRAGMA user_version").fetchone())
    conn.close()
    return rows


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_catalogue_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def prepare(
    c: Case, db: Path, tmp_path: Path, seeded: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The seeded ledger at ``db`` and the case's files in a fresh working folder (returned)."""
    seed_db, cache = seeded
    shutil.copyfile(seed_db, db)
    monkeypatch.setenv("TENACTIONS_CACHE_DIR", str(cache))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for name, content in c.files.items():
        if isinstance(content, bytes):
            (work / name).write_bytes(content)
        else:
            content(work / name)
    return work


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_bad_input(
    c: Case,
    cli,  # type: ignore[no-untyped-def]
    db: Path,
    tmp_path: Path,
    seeded: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    work = prepare(c, db, tmp_path, seeded, monkeypatch)
    exported = cli("export", "--format", "csv")
    assert exported.exit_code == 0 and exported.stdout.count("\n") == 11, exported
    rows, digest = table_rows(db), file_hash(db)

    result = cli(*c.argv)

    assert result.exit_code == c.code, result
    assert "Traceback" not in result.stdout + result.stderr
    said = result.stderr if c.code else result.stdout
    for fragment in c.fragments:
        assert fragment in said, (fragment, result)
    if c.code == 1:
        # Through the one exit point: nothing on stdout, every line a plain error line.
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        prefixes = ("tenactions: error: ", "tenactions: 错误：")  # --lang zh rows say it in Chinese
        assert lines and all(line.startswith(prefixes) for line in lines), lines
    assert cli("export", "--format", "csv").stdout == exported.stdout
    assert table_rows(db) == rows
    assert file_hash(db) == digest
    assert not (work / "pwned").exists()
    for name, content in c.files.items():  # and the user's own files as they were
        if isinstance(content, bytes):
            assert (work / name).read_bytes() == content, name


def test_an_empty_file_is_no_ledger_to_check_and_a_ledger_to_log_into(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    checked = cli("check", "--db", str(empty))
    assert checked.exit_code == 1, checked
    assert (
        checked.stderr
        == f"tenactions: error: {empty}: the file is empty, not a tenactions ledger; check the path\n"
    )
    assert empty.read_bytes() == b""
    # The user named this file for a new ledger: it is made there, and said as for a new file.
    logged = cli("log", "trees", "2", "--db", str(empty))
    assert logged.exit_code == 0, logged
    assert logged.stderr == f"created a new ledger at {empty}\n"
    assert cli("entries", "--format", "json", "--db", str(empty)).stdout.count('"trees"') == 1
