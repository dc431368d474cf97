"""Finding the table in a sheet as offices make them: the header row, its units, and the rows
that are not data (titles above, totals, sign-offs and notes below).

Pure functions on cell values; :mod:`tenactions.sheets.reading` applies them row by row.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tenactions.amounts import MONEY_WORDS, unit_contradicts
from tenactions.messages import LANGS, ByLang, Msg, t
from tenactions.model import Programme, Target
from tenactions.sheets.cells import EXPORT_COLUMNS

#: Header names per field, compared after :func:`header_key`: case, spaces, ``_``, ``-``, a
#: trailing "(unit)" and ``*`` do not matter, so ``金额（元）`` and ``Amount *`` mean amount.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "target": (
        "target", "目标", "项目", "指标", "项目名称", "目标名称", "target id", "目标代码",
    ),
    "amount": (
        "amount", "quantity", "数量", "金额", "数量/金额", "数额", "数值", "完成数", "完成数量",
        "完成金额",
    ),
    "date": ("date", "日期", "完成日期", "完成时间", "时间"),
    "district": ("district", "区", "区县", "地区", "区域", "所属区", "辖区", "填报单位"),
    "by": ("by", "填报人", "录入人", "经办人"),
    "note": ("note", "notes", "备注", "说明"),
    "ref": (
        "ref", "reference", "编号", "表单编号", "单号", "参考号", "form no.", "form no",
    ),
    # Our export's own columns that matter on re-import; its other columns are ignored.
    "uid": ("uid", "记录标识"),
    "void": ("void", "作废"),
    # With uid and void, these two make a file our export, which an import restores.
    "id": ("id",),
    "amends": ("amends",),
    "void_reason": ("void_reason",),
}  # fmt: skip
#: The columns that only our own export has: a file with all of them is restored as it was.
EXPORT_FIELDS = ("id", "uid", "void", "amends")
#: Export columns a district's sheet never carries: one of them makes a file our export even
#: when its id columns (条目号, 记录标识) were deleted.
EXPORT_ONLY_FIELDS = ("amends", "void_reason", "login")
#: Export columns named by ordinary words (名称, 来源, 作废, 录入时间) that a district's sheet may
#: carry one or two of: all of them together make a file our export.
EXPORT_SET_FIELDS = ("target_name", "source", "void", "created_at")
#: The export's columns the import does not read, which still tell our export.
_UNREAD_EXPORT_FIELDS = ("target_name", "source", "created_at", "login")


def _with_export_headers(names: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """``names`` plus the export's own header of each field it reads, in every language the
    export writes: taken from the same catalogue ids (``col_<field>``) the export uses, so a
    renamed export header is still read back."""
    out = dict(names)
    for name in EXPORT_COLUMNS:
        if name not in out:
            continue  # a column the import ignores (source, created_at)
        written = tuple(t(lang, "col_" + name) for lang in LANGS)
        out[name] = out[name] + tuple(w for w in written if w not in out[name])
    return out


HEADER_NAMES = _with_export_headers(HEADER_NAMES)
REQUIRED_FIELDS = ("target", "amount", "date")

#: How far down a sheet the header row is looked for (titles, notes and blank rows above it).
HEADER_SEARCH_ROWS = 20

_UNIT = re.compile(r"\(([^()]*)\)\s*\**$")


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).casefold().strip()
    s = _UNIT.sub("", s)
    return re.sub(r"[\s_\-*:]", "", s)


HEADER_INDEX = {_key(name): field for field, names in HEADER_NAMES.items() for name in names}
#: The headers of the export's columns the import does not read, in every language it writes.
_UNREAD_EXPORT_INDEX = {
    _key(t(lang, "col_" + name)): name for name in _UNREAD_EXPORT_FIELDS for lang in LANGS
}


def header_key(text: str) -> str:
    """A header reduced to what matters for matching: ``' 金额（元）*'`` -> ``'金额'``, and
    ``金额/万元`` -> ``金额`` (a unit after a slash; ``数量/金额`` is a name of its own)."""
    key = _key(text)
    if key not in HEADER_INDEX and "/" in key:
        head = key.rsplit("/", 1)[0]
        if head in HEADER_INDEX:
            return head
    return key


# --- units in headers ----------------------------------------------------------------------------

_MULTIPLIERS = {
    "": 1, "十": 10, "百": 100, "千": 1_000, "k": 1_000, "万": 10_000, "w": 10_000,
    "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000,
    "万亿": 10**12,
}  # fmt: skip
_COUNT_WORDS = frozenset(
    ("个", "项", "次", "件", "棵", "株", "人", "人次", "名", "位", "家", "场", "场次", "批", "批次",
     "期", "户", "份", "套", "处", "站", "个站点", "个地区", "个项目", "所", "支", "队")
)  # fmt: skip
_UNIT_FORM = re.compile(r"(?P<mult>万亿|十万|百万|千万|十|百|千|万|亿|k|w)?(?P<base>.*)")


@dataclass(frozen=True)
class Unit:
    """What a header's ``(万元)`` says: the scale of the column's numbers and what they count."""

    text: str
    """as written, e.g. ``万元``"""
    scale: int
    """the base units one written 1 stands for: 10000 for 万元"""
    base: str
    """元, a count word such as 棵, or "" for a bare multiplier like ``(万)``"""

    @property
    def money(self) -> bool:
        return self.base in MONEY_WORDS

    def contradicts(self, target: Target) -> Msg | None:
        """Why numbers in this unit cannot be ``target``'s, or ``None`` if they can."""
        if not self.base:
            return None
        if unit_contradicts(self.base, target.unit_zh):
            its = ByLang(en=target.unit_en, zh=target.unit_zh)
            return Msg("unit_contradicts", unit=self.text, target=target.named(), its=its)
        return None


def field_label(field: str) -> Msg:
    """The name of one of the columns an import reads, in the user's language."""
    return Msg("field_" + field)


def header_unit(header: str, programme: Programme) -> Unit | None:
    """The unit in a header's trailing parentheses; ``None`` if it has none.

    Raises :class:`ValueError` for a unit that is not a known one, so that ``金额（万美元）`` is
    refused rather than read as yuan.
    """
    normal = unicodedata.normalize("NFKC", header).strip()
    match = _UNIT.search(normal)
    if match is not None:
        stated = match[1]
    elif header_key(header) != _key(header):  # 金额/万元
        stated = normal.rsplit("/", 1)[1]
    else:
        return None
    # 数量（单位：棵） says 棵
    text = re.sub(r"^(?:单位|unit)\s*[:：]?\s*", "", stated.strip(), flags=re.IGNORECASE)
    word = re.sub(r"\s", "", text).casefold()
    if not word:
        return None
    known = _COUNT_WORDS | MONEY_WORDS | {t.unit_zh for t in programme.targets}
    form = _UNIT_FORM.fullmatch(word)
    for mult, base in _unit_splits(word, form):
        if base in known or (base == "" and mult):
            return Unit(text, _MULTIPLIERS[mult], base)
    raise ValueError(text)


# 单位：万元 (or 金额单位：万元) written in a row above the header; not 填报单位：天河区.
_PAGE_UNIT = re.compile(
    r"(?:^|[\s,，;；(（])(?:金额|数量)?单位\s*[:：]\s*(?P<unit>[^\s,，;；()（）]+)"
)
# What follows 单位： when it names the reporting body, not a unit.
_BODY_WORDS = re.compile(r"工会|区|局|委|办|部|中心|公司|街道|镇")


def page_unit(rows: Iterable[tuple[int, str]], programme: Programme) -> tuple[int, Unit] | None:
    """The unit stated in a row above the header (``单位：万元``) and that row's number.

    Raises :class:`ValueError` (the unit, the row) for a unit that is not a known one.
    """
    for rownum, text in rows:
        match = _PAGE_UNIT.search(unicodedata.normalize("NFKC", text))
        if match is None:
            continue
        word = match["unit"]
        if _BODY_WORDS.search(word):
            continue  # 单位：天河区总工会 is who reports
        try:
            unit = header_unit(f"({word})", programme)
        except ValueError:
            raise ValueError(word, rownum) from None
        if unit is not None:
            return rownum, unit
    return None


def _unit_splits(word: str, form: re.Match[str] | None) -> Iterable[tuple[str, str]]:
    """(multiplier, base) readings of a unit: 千棵 is 千 x 棵, but 个 is just 个."""
    yield "", word
    if form is not None and form["mult"]:
        yield form["mult"], form["base"]


def known_units() -> str:
    return "元, 万元, 亿元, 个, 千棵, 人, 家, (万)"


# --- rows that are not data ----------------------------------------------------------------------

_TOTAL = re.compile(
    r"(合计|总计|总合计|共计|累计|小计|总数|sum|total|grandtotal|subtotal)(?:[:：].*)?"
)
_SIGN_OFF = re.compile(
    r"(填报人|填表人|审核人|审批人|负责人|单位负责人|分管领导|制表人|制表|联系人|联系电话|电话"
    r"|填报日期|填表日期|报送日期|填报单位|单位盖章|盖章|签字|签名)(?:[:：].*)?"
)  # the label alone too: 填报人 | 张伟 | 审核人 | 李主席 in separate cells
_NOTE = re.compile(r"(注|说明|备注|附注|填表说明)[:：].*|注\d.*")

#: Why a row is skipped, by kind: "total" and "subtotal" rows are also checked against the sum.
SKIP_KINDS = ("total", "subtotal", "sign-off", "note", "header", "blank", "nothing")


def _squeezed(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value)).casefold()


# In the row's first non-empty cell, wordings such as 天河区合计, 合计（万元）, 共计3项 or
# 填报人 张伟 (no colon) are totals and sign-offs too.
_TOTAL_WORD = re.compile(r"合计|总计|小计|共计|累计")
_SIGN_OFF_START = re.compile(r"(单位负责人|填报人|审核人|制表人|联系人|负责人|填表人)")


def _loose_kind(text: str) -> str | None:
    if _TOTAL_WORD.search(text):
        return "subtotal" if "小计" in text else "total"
    if _SIGN_OFF_START.match(text):
        return "sign-off"
    return None


def skip_kind(
    values: Sequence[object],
    columns: Columns,
    is_target: Callable[[str], bool] | None = None,
) -> str | None:
    """``total``, ``subtotal``, ``sign-off``, ``note``, ``header`` (the header repeated) or
    ``nothing`` for a row that is not data; ``None`` for a data row (good or bad: the row
    checks decide).

    A row is only skipped when its target cell is empty or holds the total or sign-off word
    itself, so a real entry whose note says "合计" is never dropped. The row's first non-empty
    cell (the note aside) is a total if it contains 合计/总计/小计/共计/累计 and a sign-off if it
    starts with 填报人/审核人/… (colon or not), unless ``is_target`` says it names a target.
    """
    target_at = columns.index["target"]
    target = _squeezed(values[target_at]) if target_at < len(values) else ""
    note_at = columns.index.get("note", -1)
    for i, value in enumerate(values):
        if i == note_at or _blank_cell(value):
            continue
        text = _squeezed(value)
        loose = _loose_kind(text) if text else None
        if loose is not None and not (is_target is not None and is_target(text)):
            return loose
        break
    if target and HEADER_INDEX.get(header_key(target)) == "target":
        amount_at = columns.index["amount"]
        amount = values[amount_at] if amount_at < len(values) else None
        if isinstance(amount, str) and HEADER_INDEX.get(header_key(amount)) == "amount":
            return "header"  # the header again: tables pasted one below the other
    if target and not (
        _TOTAL.fullmatch(target) or _SIGN_OFF.fullmatch(target) or _NOTE.fullmatch(target)
    ):
        return None
    for i, value in enumerate(values):
        if i == note_at:
            continue
        text = _squeezed(value)
        if not text:
            continue
        if _TOTAL.fullmatch(text):
            return "subtotal" if text.startswith(("小计", "subtotal")) else "total"
        if _SIGN_OFF.fullmatch(text):
            return "sign-off"
        if _NOTE.fullmatch(text):
            return "note"
    if target:
        return None
    for field_name in ("amount", "date"):
        at = columns.index[field_name]
        if at < len(values) and not _blank_cell(values[at]):
            return None
    return "nothing"


def _blank_cell(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- the header row ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    index: dict[str, int]
    """field -> position in the row"""
    names: dict[str, str]
    """field -> the header as written in the file (used in messages)"""
    width: int
    """cells in the header row up to its last non-empty one"""
    unit: Unit | None = None
    """the amount header's unit, if it states one"""
    row: int = 0
    """the header's row number"""
    district: str = ""
    """the district of every row when the table has no district column (from its title or
    the file's name; "" for city level)"""
    memo: str = "amount"
    """the reader's memo of amounts for this column ("money" for a 金额 column beside 数量)"""
    unread: frozenset[str] = frozenset()
    """the export's columns in the header that the import does not read (login, 录入时间…)"""

    @cached_property
    def fast(self) -> tuple[int, ...]:
        """Positions of the fields the fast path reads (-1 for a missing column)."""
        return tuple(self.index.get(f, -1) for f in FAST_FIELDS)

    @cached_property
    def fast_cells(self) -> Callable[[Sequence[object]], tuple[Any, ...]]:
        """The cells at :attr:`fast`, in one C call, from a row of at least :attr:`width`
        cells with one ``""`` added at its end: a missing column's -1 reads that ``""``."""
        return operator.itemgetter(*self.fast)

    @cached_property
    def void(self) -> int:
        """Position of the void column, -1 if there is none."""
        return self.index.get("void", -1)

    @cached_property
    def restoring(self) -> bool:
        """Whether this is our own export, restored as it was (voids and amendments too)."""
        return all(f in self.index for f in EXPORT_FIELDS)

    @cached_property
    def export_without_uid(self) -> bool:
        """Whether this is our own export cut of its uid column (记录标识), which alone tells a
        row without a form number from new. Our export is told by a column only it has
        (更正自条目号, 作废原因, 数据库登录名), or by all its columns named by ordinary words
        (名称, 来源, 作废, 录入时间) together."""
        if "uid" in self.index:
            return False
        present = self.unread.union(self.index)
        return any(f in present for f in EXPORT_ONLY_FIELDS) or all(
            f in present for f in EXPORT_SET_FIELDS
        )

    @cached_property
    def export_missing(self) -> tuple[str, ...]:
        """The columns a restore needs (条目号, 作废, 更正自条目号) that our export, read with its
        record ids, lacks: without them its void rows would come back live or be skipped and
        its amendments unlinked. Our export is told as for :attr:`export_without_uid`, or by
        its entry-number column. () for a full export or any other file."""
        if "uid" not in self.index or self.restoring:
            return ()
        present = self.unread.union(self.index)
        ours = (
            "id" in self.index
            or any(f in present for f in EXPORT_ONLY_FIELDS)
            or all(f in present for f in EXPORT_SET_FIELDS)
        )
        return tuple(f for f in EXPORT_FIELDS if f not in self.index) if ours else ()

    @cached_property
    def ids_checked(self) -> bool:
        """Whether rows are read with their entry number (条目号) beside their record id
        (记录标识): a row with the one and not the other is refused, not counted again."""
        return "id" in self.index and "uid" in self.index

    @property
    def scale(self) -> int:
        return self.unit.scale if self.unit is not None else 1


AMOUNT_FIELDS = ("amount", "money")
FAST_FIELDS = ("target", "amount", "date", "district", "by", "note", "ref", "uid")


_MONEY_HEADERS = frozenset(("金额", "完成金额"))
_QUANTITY_HEADERS = frozenset(("数量", "完成数量", "完成数", "quantity"))


def _money_and_quantity(
    first: str, first_at: int, second: str, second_at: int
) -> tuple[tuple[int, str], tuple[int, str]] | None:
    """((quantity position, header), (money position, header)) when one of two amount
    headers is money (金额, or a 元 unit) and the other a quantity (数量…); else ``None``."""

    def money(header: str) -> bool | None:
        key = header_key(header)
        unit = _UNIT.search(unicodedata.normalize("NFKC", header))
        if key in _MONEY_HEADERS or (unit is not None and "元" in unit[1]):
            return True
        if key in _QUANTITY_HEADERS:
            return False
        return None

    kinds = money(first), money(second)
    if kinds == (False, True):
        return (first_at, first), (second_at, second)
    if kinds == (True, False):
        return (second_at, second), (first_at, first)
    return None


@dataclass
class HeaderSearch:
    """The rows looked at for a header, and the best near miss among them."""

    looked_at: list[int] = field(default_factory=list)
    best: tuple[int, list[str], dict[str, int], list[Msg]] | None = None
    """(row, the row's cells, fields found, clashes) of the row naming the most fields"""

    def consider(self, rownum: int, headers: list[str]) -> Columns | list[Msg] | None:
        """The row as the header, a list of clashes, or ``None`` if it is not the header."""
        self.looked_at.append(rownum)
        index: dict[str, int] = {}
        names: dict[str, str] = {}
        clashes: list[Msg] = []
        unread: set[str] = set()
        for position, header in enumerate(headers):
            found = HEADER_INDEX.get(header_key(header)) if header else None
            if found is None:
                if header and header_key(header) in _UNREAD_EXPORT_INDEX:
                    unread.add(_UNREAD_EXPORT_INDEX[header_key(header)])
                continue
            if found in index:
                if found == "amount" and "money" not in index:
                    pair = _money_and_quantity(names["amount"], index["amount"], header, position)
                    if pair is not None:
                        (index["amount"], names["amount"]), (index["money"], names["money"]) = pair
                        continue
                clashes.append(
                    Msg(
                        "columns_clash", first=names[found], second=header, field=field_label(found)
                    )
                )
                continue
            index[found] = position
            names[found] = header
        required = [f for f in REQUIRED_FIELDS if f in index]
        if len(required) == len(REQUIRED_FIELDS):
            if clashes:
                return clashes
            width = max(i for i, h in enumerate(headers) if h) + 1
            return Columns(index, names, width, row=rownum, unread=frozenset(unread))
        if len(index) >= 2 and (self.best is None or len(index) > len(self.best[2])):
            self.best = (rownum, headers, index, clashes)
        return None

    @property
    def looks_like_a_table(self) -> bool:
        """A row named at least two columns: a table with a header gone wrong, not a notes sheet."""
        return self.best is not None

    def problems(self, where: str) -> list[Msg]:
        """What to say when no header row was found."""
        if self.best is not None:
            rownum, headers, index, clashes = self.best
            found = ", ".join(repr(h) for h in headers if h)
            lines = [Msg("columns_rename", where=where, row=rownum, clash=c) for c in clashes]
            missing = [f for f in REQUIRED_FIELDS if f not in index]
            need = "; ".join(f"{f} ({'/'.join(HEADER_NAMES[f][:3])})" for f in missing)
            lines.append(
                Msg(
                    "column_missing", where=where, row=rownum, need=need, found=found or Msg("none")
                )
            )
            return lines
        if not self.looked_at:
            return [Msg("file_empty", where=where)]
        first, last = self.looked_at[0], self.looked_at[-1]
        accepted = "; ".join(
            f"{f}: {', '.join(HEADER_NAMES[f])}" for f in (*REQUIRED_FIELDS, "district")
        )
        return [Msg("no_header", where=where, first=first, last=last, accepted=accepted)]
