"""Reading import files (.csv, .xlsx, .xlsm, .xls, .ods) into entries, row by row, checking every row."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from tenactions import dates
from tenactions.amounts import AmountError, to_hundredths
from tenactions.errors import ImportFileError, InputError, ValueProblem, os_reason
from tenactions.files import shown_path
from tenactions.identity import content_digest, content_key, ref_key
from tenactions.ledger import MAX_NOTE, MAX_SHORT, clean_text, identity
from tenactions.messages import Joined, Msg, Text
from tenactions.model import NewEntry, Programme, Target, districts_named_in
from tenactions.sheets.cells import unneutralise
from tenactions.sheets.sources import (
    CELL_ERRORS,
    WORKBOOK_TYPES,
    CsvSource,
    FilledRow,
    Rows,
    Table,
    Unreadable,
    WorkbookSource,
)
from tenactions.sheets.tables import (
    AMOUNT_FIELDS,
    HEADER_SEARCH_ROWS,
    Columns,
    HeaderSearch,
    header_unit,
    known_units,
    page_unit,
    skip_kind,
)
from tenactions.sheets.values import blank, cell_amount, cell_date, cell_text, column_amount, scaled

#: Bad rows listed in full; the rest are counted ("… and N more bad rows").
MAX_SHOWN_PROBLEMS = 50

_NEEDED = ("target", "amount", "date", "district")
_TRUE = frozenset(("true", "1", "yes", "y", "是", "作废", "void"))
_FALSE = frozenset(("false", "0", "no", "n", "否", ""))
_CACHE_LIMIT = 10_000
#: The longest uid accepted from a file's ``uid`` column.
MAX_UID = 500


# --- row identity --------------------------------------------------------------------------


def content_uid(
    target: str, date: dt.date, amount_c: int, district: str, by: str, note: str, occurrence: int
) -> str:
    """The uid of a row with no uid and no ref: its content, and how often it came before."""
    return _row_uid(_content_digest(target, date, amount_c, district, by, note), occurrence)


def _row_uid(digest: bytes, occurrence: int) -> str:
    # 128 bits of the hash are plenty to tell rows apart and keep the uid index small.
    return content_key(digest, occurrence)


def _content_digest(
    target: str, date: dt.date, amount_c: int, district: str, by: str, note: str
) -> bytes:
    # Not the note nor the author: a file re-sent with a corrected note is the same rows.
    return content_digest(target, date, amount_c, district)


_new_tuple = tuple.__new__


#: A uid as remembered while reading: a 64-bit number per uid keeps a million-row file's
#: bookkeeping to tens of megabytes; it only has to be stable within one import, so Python's
#: own string hash does (the builtin itself: no Python call per row).
_short_key: Callable[[str], int] = hash


# --- reading ---------------------------------------------------------------------------------


class _BadRow(Exception):
    """One row's problems, each ``column: what``."""

    def __init__(self, problems: list[Text]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


_T = TypeVar("_T")


@dataclass(frozen=True)
class Skipped:
    """Rows that are not data and were left out: ``kind`` is one of ``tables.SKIP_KINDS``."""

    where: str
    """the file, with the sheet's name when several sheets are read"""
    first: int
    last: int
    kind: str


@dataclass(frozen=True)
class TotalMismatch:
    """A total row whose figure is not the sum of the rows above it (a row is often missing)."""

    where: str
    row: int
    stated: Decimal
    summed: Decimal
    """both in the column's own unit, as the sheet shows them"""
    below: bool = False
    """the total stands above the data it totals (a 合计 row right under the header)"""


class _TotalSums:
    """What the amount column(s) of one table add up to, to check its total rows against.

    A total agrees if it is the sum of the amounts read (in the column's unit), or the sum
    of the number cells as Excel's SUM adds them (text such as ``1.2万`` left out; every
    number of the column, whatever the target). A total row above any data is compared with
    the rows below it, at the end of the table.
    """

    def __init__(self, columns: Columns, money: Columns | None) -> None:
        self.scales = {columns.index["amount"]: columns.scale}
        if money is not None:
            self.scales[money.index["amount"]] = money.scale
        self.names = {columns.index["amount"]: columns.names["amount"]}
        self.sheet_c = dict.fromkeys(self.scales, 0)
        self.block_c = dict.fromkeys(self.scales, 0)
        self.sheet_x = dict.fromkeys(self.scales, 0.0)
        self.block_x = dict.fromkeys(self.scales, 0.0)
        self.data = False
        self.above_data: list[tuple[str, int, int, Decimal]] = []

    def add_cells(self, values: Sequence[object]) -> None:
        self.data = True
        size = len(values)
        for at in self.scales:
            raw = values[at] if at < size else None
            kind = type(raw)
            if kind is float or kind is int:
                self.sheet_x[at] += raw  # type: ignore[operator]
                self.block_x[at] += raw  # type: ignore[operator]

    def add_entry(self, at: int, amount_c: int) -> None:
        self.sheet_c[at] += amount_c
        self.block_c[at] += amount_c

    def check(
        self, values: Sequence[object], where: str, rownum: int, kind: str
    ) -> list[TotalMismatch]:
        found = []
        for at in self.scales:
            stated = _stated(values, at)
            if stated is None:
                continue
            if not self.data:
                self.above_data.append((where, rownum, at, stated))
                continue
            read_c, excel = (
                (self.block_c, self.block_x)
                if kind == "subtotal"
                else (
                    self.sheet_c,
                    self.sheet_x,
                )
            )
            mismatch = self._mismatch(where, rownum, at, stated, read_c[at], excel[at])
            if mismatch is not None:
                found.append(mismatch)
        if kind == "subtotal":
            self.block_c = dict.fromkeys(self.scales, 0)
            self.block_x = dict.fromkeys(self.scales, 0.0)
        return found

    def finish(self, where: str) -> list[TotalMismatch]:
        found = []
        for place, rownum, at, stated in self.above_data:
            mismatch = self._mismatch(
                place, rownum, at, stated, self.sheet_c[at], self.sheet_x[at], below=True
            )
            if mismatch is not None and self.data:
                found.append(mismatch)
        return found

    def _mismatch(
        self,
        where: str,
        rownum: int,
        at: int,
        stated: Decimal,
        read_c: int,
        excel: float,
        *,
        below: bool = False,
    ) -> TotalMismatch | None:
        summed = Decimal(read_c) / 100 / self.scales[at]
        if stated == summed or stated == Decimal(f"{excel:.15g}"):
            return None
        return TotalMismatch(where, rownum, stated, summed.normalize(), below)


def _stated(values: Sequence[object], at: int) -> Decimal | None:
    """A total row's figure in the column at ``at``, or ``None`` if it has none."""
    raw = values[at] if at < len(values) else None
    if blank((raw,)) or isinstance(raw, bool):
        return None  # a total with no figure (or a formula never calculated): nothing to check
    try:
        return cell_amount(raw)
    except AmountError:
        return None


class SheetReader:
    """One import file, read as a stream of entries.

    ``for entry in SheetReader(...)`` yields an entry per good row and raises
    :class:`ImportFileError` after the last row if any row was bad (or at once if the file
    cannot be read at all). The file type, its existence and readability are checked when the
    reader is made, so a caller can report them before opening a transaction.

    Workbooks (.xlsx, .xlsm, .xls, .ods) are read sheet by sheet: every visible sheet, or only
    ``sheet``. In each, the header is the first row within :data:`HEADER_SEARCH_ROWS` that
    names the target, amount and date columns; rows above it are titles and notes. A unit in
    the amount header (``金额（万元）``) scales the column exactly. Total, subtotal, sign-off
    and note rows, and blank rows between data, are skipped and listed in :attr:`skipped`; a
    total that is not the sum of the rows above it is listed in :attr:`mismatches`. With
    several sheets, a sheet with no header-like row at all (a notes sheet) is listed in
    :attr:`sheets_without_table` and passed over.

    ``on_row(n)`` is called after each non-blank data row with the count read so far (for a
    progress bar); :attr:`estimated_rows` holds the file's row count, header included, once the
    first row has been read (counted exactly for CSV, from the sheets' sizes for workbooks;
    ``None`` if unknown). ``today`` defaults to :func:`tenactions.dates.today`.

    Rows are held to the rules of ``log`` (:mod:`tenactions.ledger`): the programme period, no
    future dates, the target's decimals, known districts, length limits and no control
    characters in text (a line break inside a cell is kept, as a line feed).

    After iterating, :attr:`rows` counts the non-blank data rows read, :attr:`void_skipped` the
    rows skipped because they are marked void, :attr:`bad_rows` the rows with problems, and
    :attr:`sheets_read` the sheets read with their data rows.
    """

    def __init__(
        self,
        path: Path,
        programme: Programme,
        *,
        default_by: str,
        source: str,
        today: dt.date | None = None,
        on_row: Callable[[int], None] | None = None,
        sheet: str | None = None,
    ) -> None:
        self.path = path
        self.shown = shown_path(path)  # a line break in a name would split the message
        self.programme = programme
        self.default_by = default_by
        self.source = source
        self.today = today or dates.today(programme.timezone)
        self.on_row = on_row
        self.rows = 0
        self.void_skipped = 0
        #: Whether our own export is read to be restored as it was, its void rows included
        #: (else they are skipped); :attr:`restoring` says whether the file is one.
        self.restore = False
        #: For our own export (restored as it was): uid -> (its id there, the void's reason).
        self.restored: dict[str, tuple[int, str | None]] = {}
        #: For our own export: uid -> where its row is (``file:row``), for messages.
        self.restored_places: dict[str, str] = {}
        #: Whether the import is forced: rows of an export stripped of its id columns that
        #: cannot be recognised are then read as new, instead of refusing the file.
        self.forced = False
        self.bad_rows = 0
        self.skipped: list[Skipped] = []
        self.mismatches: list[TotalMismatch] = []
        self.sheets_read: list[tuple[str, int]] = []
        self.sheets_without_table: list[str] = []
        #: Ref columns read as row counters, not form numbers: (where, header, last number).
        self.row_counters: list[tuple[str, str, int]] = []
        #: For each table with no district column: (where, the district given to its rows or
        #: "", and where it came from: ``title:ROW``, ``file name`` or ``none``).
        self.district_origins: list[tuple[str, str, str]] = []
        self._seen_uids: set[int] = set()
        self._seen_content: set[int] = set()
        self._repeats: dict[int, int] = {}
        self._targets: dict[str, Target | Text] = {}
        #: The file's row number of the entry last yielded (as the spreadsheet shows it).
        self.row_number = 0
        #: A number for the entry last yielded that orders the rows of the whole file and that
        #: :meth:`place_of` turns back into its place: the table read (its index among
        #: :attr:`_wheres`) in the high bits, the row number in the low ones. For a CSV file
        #: or a single sheet it is the row number.
        self.row_key = 0
        self._wheres: list[str] = []
        #: Reasons to refuse a good row unless the import is forced (``ledger.row_judge``).
        self.judge: Callable[[NewEntry], Sequence[Text]] | None = None
        #: Rows with no ref, by content, and where each was first seen, when rows repeated
        #: from one sheet to another are refused (``None`` once forced).
        self.across_sheets: dict[tuple[str, dt.date, int, str], tuple[str, int]] | None = {}
        # The fast path's memory of cells already seen valid, per column kind.
        self._memo: dict[str, dict[object, object]] = {
            kind: {}
            for kind in (
                "target",
                "date",
                "district",
                "by",
                "note",
                "amount0",
                "amount1",
                "amount2",
                "money0",
                "money1",
                "money2",
            )
        }
        # The same dictionaries, found without building their names for every row.
        self._amount_memos = {
            kind: tuple(self._memo[f"{kind}{decimals}"] for decimals in range(3))
            for kind in ("amount", "money")
        }
        self._districts: dict[str, str | tuple[Text]] = {}
        self._period = (programme.start, programme.end)
        self._table: Table | None = None
        self._columns: Columns | None = None
        self._above: list[tuple[int, str]] = []  # the current table's rows above its header
        self.kind = path.suffix.lower()
        _check_readable(path, self.shown)
        if self.kind != ".csv" and self.kind not in WORKBOOK_TYPES:
            raise ImportFileError(
                self.shown,
                [Msg("file_unsupported", file=self.shown)],
            )
        if sheet is not None and self.kind == ".csv":
            raise ImportFileError(self.shown, [Msg("sheet_for_csv", file=self.shown)])
        self._source: CsvSource | WorkbookSource = (
            CsvSource(path) if self.kind == ".csv" else WorkbookSource(path, sheet)
        )

    @property
    def restoring(self) -> bool:
        """Whether the file read so far is our own export (restored as it was)."""
        return bool(self.restore and self._columns is not None and self._columns.restoring)

    @property
    def estimated_rows(self) -> int | None:
        """The file's row count, header included, once reading has begun (None if unknown)."""
        return self._source.estimated_rows

    @property
    def hidden_sheets(self) -> list[str]:
        """The workbook's hidden sheets, which were not read."""
        return self._source.hidden

    @property
    def summary_sheets(self) -> list[str]:
        """The workbook's summary sheets (汇总…), not read because other sheets hold the data."""
        return self._source.summaries

    def __iter__(self) -> Iterator[NewEntry]:
        return self._entries()

    # --- the row loop ----------------------------------------------------------------------

    def _entries(self) -> Iterator[NewEntry]:
        tables = self._source.tables()
        try:
            yield from self._checked(tables)
        finally:
            tables.close()  # closes the file now, even when the caller stops early

    def _checked(self, tables: Generator[Table, None, None]) -> Iterator[NewEntry]:
        problems: list[Text] = []
        found_table = False
        searches: list[tuple[str, HeaderSearch]] = []
        try:
            for table in tables:
                self._table = table
                where = self._where(table)
                search = HeaderSearch()
                rows = table.rows
                try:
                    columns = self._header(rows, search, where)
                    if columns is None:
                        searches.append((where, search))
                        continue
                    found_table = True
                    self._columns = columns
                    self._wheres.append(where)
                    data: Iterator[tuple[int, Sequence[object]]] = rows
                    if "ref" in columns.index:
                        data = self._without_row_counter(rows, columns, where)
                    yield from self._table_entries(data, columns, where, problems)
                finally:
                    rows.close()
        except Unreadable as exc:
            self.bad_rows += 1
            problems.append(exc.line)
        if not found_table and not self.bad_rows:
            lines = [line for where, search in searches for line in search.problems(where)]
            if not lines:  # a workbook with no visible sheet
                lines = [Msg("no_visible_sheet", file=self.shown)]
            raise ImportFileError(self.shown, lines)
        if self.bad_rows:
            raise ImportFileError(self.shown, problems, self.bad_rows)

    def _where(self, table: Table) -> str:
        """The file, and the sheet when the workbook has more than one: ``th.xlsx[8月]``."""
        return f"{self.shown}[{table.name}]" if table.qualified else self.shown

    def place_of(self, row_key: int) -> str:
        """Where the row a :attr:`row_key` stands for is: ``th.xlsx[9月]:5``, ``in.csv:5``."""
        return location(self._wheres[row_key >> _ROW_BITS], row_key & _ROW_MASK)

    def _header(self, rows: Rows, search: HeaderSearch, where: str) -> Columns | None:
        """The table's columns, or ``None`` for a sheet with no table (several sheets only)."""
        start: int | None = None
        above: list[tuple[int, str]] = []  # the rows above the header: titles, notes
        for rownum, values in rows:
            if blank(values):
                continue
            if start is None:
                start = rownum
            if rownum >= start + HEADER_SEARCH_ROWS:
                break
            headers = [cell_text(v) for v in values]
            found = search.consider(rownum, headers)
            if isinstance(found, list):
                raise ImportFileError(
                    self.shown,
                    [Msg("columns_rename", where=where, row=rownum, clash=c) for c in found],
                )
            if found is not None:
                self._above = above
                return self._with_district(self._with_unit(found, where, above), above, where)
            above.append((rownum, " ".join(dict.fromkeys(h for h in headers if h))))
        table = self._table
        if search.looks_like_a_table or table is None or not table.qualified:
            raise ImportFileError(self.shown, search.problems(where))
        if search.looked_at:
            self.sheets_without_table.append(table.name or "")
        return None

    def _with_district(self, columns: Columns, above: list[tuple[int, str]], where: str) -> Columns:
        """With no district column, the district named in the title rows above the header,
        else in the file's name (exactly one either way), else none (city level)."""
        if "district" in columns.index:
            return columns
        districts = self.programme.districts
        for rownum, text in above:
            found = districts_named_in(districts, text)
            if len(found) == 1:
                self.district_origins.append((where, found[0].name_zh, f"title:{rownum}"))
                return dataclasses.replace(columns, district=found[0].name_zh)
        found = districts_named_in(districts, self.path.stem)
        if len(found) == 1:
            self.district_origins.append((where, found[0].name_zh, "file name"))
            return dataclasses.replace(columns, district=found[0].name_zh)
        self.district_origins.append((where, "", "none"))
        return columns

    def _with_unit(
        self,
        columns: Columns,
        where: str,
        above: Sequence[tuple[int, str]] = (),
        *,
        money: bool | None = None,
    ) -> Columns:
        """The columns with the amount column's unit: its header's, else a 单位：… line above
        the header (for a sheet with 数量 and 金额 columns, ``money`` says which this is, and
        the line applies to the column of its kind only)."""
        if money is None and "money" in columns.index:
            money = False
        header = columns.names["amount"]
        try:
            unit = header_unit(header, self.programme)
        except ValueError as exc:
            raise ImportFileError(
                self.shown,
                [
                    Msg(
                        "header_unit_unknown",
                        where=where,
                        row=columns.row,
                        header=header,
                        why=str(exc),
                        units=known_units(),
                    )
                ],
            ) from None
        try:
            stated = page_unit(above, self.programme)
        except ValueError as exc:
            word, rownum = exc.args
            raise ImportFileError(
                self.shown,
                [Msg("page_unit_unknown", where=where, row=rownum, word=word, units=known_units())],
            ) from None
        if stated is not None and (money is None or stated[1].money == money):
            rownum, sheet_unit = stated
            if unit is None:
                unit = sheet_unit  # 单位：万元 above the table: the amounts are in 万元
            elif (unit.scale, unit.base) != (sheet_unit.scale, sheet_unit.base):
                raise ImportFileError(
                    self.shown,
                    [
                        Msg(
                            "page_unit_disagrees",
                            where=where,
                            row=rownum,
                            sheet_unit=sheet_unit.text,
                            header=header,
                            header_row=columns.row,
                            unit=unit.text,
                        )
                    ],
                )
        for memo in ("amount0", "amount1", "amount2", "money0", "money1", "money2"):
            self._memo[memo].clear()  # the same number means another amount in this sheet
        return dataclasses.replace(columns, unit=unit)

    def _table_entries(
        self,
        rows: Iterator[tuple[int, Sequence[object]]],
        columns: Columns,
        where: str,
        problems: list[Text],
    ) -> Iterator[NewEntry]:
        table_rows = 0
        pending: list[tuple[int, str, int]] = []  # blank rows, reported only if data follows them
        money = self._money_columns(columns, where)
        sums = _TotalSums(columns, money)
        known_targets = self._memo["target"]
        target_at = columns.index["target"]
        for rownum, values in rows:
            merged_amount: tuple[str, int, int] | None = None
            first = values[0] if values else None
            if not (type(first) is str and first.strip()) and blank(values):
                if pending and pending[-1][1] == "blank" and pending[-1][2] == rownum - 1:
                    # One note per run of blank rows: memory stays bounded.
                    pending[-1] = (pending[-1][0], "blank", rownum)
                else:
                    pending.append((rownum, "blank", rownum))
                continue
            own_kind: str | None = None
            if type(values) is FilledRow:
                # Whether a row is a total is told by its own cells: a 小计 inside a block whose
                # target and district are merged would otherwise take them and pass for data.
                if blank(values.own):
                    pending.append((rownum, "blank", rownum))
                    continue
                own_kind = skip_kind(values.own, columns, self._is_target)
                values, merged_amount = _labels_filled(values, columns)
            raw_target = values[target_at] if target_at < len(values) else None
            if own_kind not in (None, "nothing") or raw_target not in known_targets:
                kind = (
                    own_kind
                    if own_kind not in (None, "nothing")
                    else skip_kind(values, columns, self._is_target)
                )
                if kind == "nothing":
                    pending.append((rownum, kind, rownum))
                    continue
                if kind is not None:
                    pending.clear()  # blank rows before a total belong to no data
                    self._skip(where, rownum, kind)
                    if kind in ("total", "subtotal"):
                        self.mismatches.extend(sums.check(values, where, rownum, kind))
                    continue
            if pending:
                for blank_row, blank_kind, blank_last in pending:
                    self._skip(where, blank_row, blank_kind, blank_last)
                pending.clear()
            self.rows += 1
            table_rows += 1
            if self.on_row is not None:
                self.on_row(self.rows)
            sums.add_cells(values)
            row_columns = columns
            if money is not None and self._counts_money(raw_target):
                row_columns = money  # 单价 | 数量 | 金额: a yuan target's amount is the 金额
            try:
                if merged_amount is not None:
                    header, first_row, last_row = merged_amount
                    raise _BadRow(
                        [Msg("amount_merged", header=header, first=first_row, last=last_row)]
                    )
                entry = self._fast_entry(values, row_columns)
                if entry is None:
                    entry = self._entry(values, row_columns, rownum)
            except _BadRow as bad:
                self.bad_rows += 1
                if len(problems) < MAX_SHOWN_PROBLEMS:
                    problems.append(
                        Msg("row_problems", where=where, row=rownum, problems=Joined(bad.problems))
                    )
                continue
            if entry is None:
                self.void_skipped += 1
                continue
            if self.judge is not None and not self._own_entry(entry, columns):
                reasons = self.judge(entry)
                if reasons:
                    self.bad_rows += 1
                    if len(problems) < MAX_SHOWN_PROBLEMS:
                        problems.append(
                            Msg("row_problems", where=where, row=rownum, problems=Joined(reasons))
                        )
                    continue
            if self.across_sheets is not None and not entry.ref and "uid" not in columns.index:
                other = self._repeated_across_sheets(entry, where, rownum)
                if other is not None:
                    self.bad_rows += 1
                    if len(problems) < MAX_SHOWN_PROBLEMS:
                        problems.append(
                            Msg("row_copied_across", where=where, row=rownum, other=other)
                        )
                    continue
            if columns.export_missing and not self.forced:
                # Our export, cut of a column that says which entries are void or amended:
                # restored, its void rows would count again (or vanish with their links).
                missing = Joined([Msg("col_" + f) for f in columns.export_missing], list_of=True)
                raise ImportFileError(
                    self.shown,
                    [Msg("export_cut_columns", place=location(where, rownum), columns=missing)],
                )
            if not entry.ref and columns.export_without_uid and not self.forced:
                # Our export with its id columns cut off: a row without a form number would
                # be counted again, as nothing in it tells it from the entry it came from.
                cut = "export_without_uid" if "id" in columns.index else "export_without_ids"
                raise ImportFileError(self.shown, [Msg(cut, place=location(where, rownum))])
            if columns.restoring:
                self.restored_places[entry.uid] = location(where, rownum)
            sums.add_entry(row_columns.index["amount"], entry.amount_c)
            if not self.bad_rows:
                self.row_number = rownum
                self.row_key = (len(self._wheres) - 1) << _ROW_BITS | rownum
                yield entry
        self.mismatches.extend(sums.finish(where))
        if self._table is not None and self._table.name is not None:
            self.sheets_read.append((self._table.name, table_rows))

    def _money_columns(self, columns: Columns, where: str) -> Columns | None:
        """For a sheet with a 金额 column beside a 数量 column, the columns as yuan targets
        read them (amount from the 金额 column, in its own unit); ``None`` otherwise."""
        if "money" not in columns.index:
            return None
        index = dict(columns.index)
        names = dict(columns.names)
        index["amount"], names["amount"] = index["money"], names["money"]
        money = dataclasses.replace(columns, index=index, names=names, memo="money", unit=None)
        return self._with_unit(money, where, self._above, money=True)

    def _counts_money(self, raw_target: object) -> bool:
        text = cell_text(raw_target)
        target = self._target(text) if text else None
        return isinstance(target, Target) and target.unit_zh == "元"

    def _repeated_across_sheets(self, entry: NewEntry, where: str, rownum: int) -> str | None:
        """Where another sheet of this file has a row with the same content, or ``None``."""
        assert self.across_sheets is not None
        table = self._table
        if table is None or not table.qualified:
            return None
        key = (entry.target, entry.date, entry.amount_c, entry.district)
        first = self.across_sheets.setdefault(key, (where, rownum))
        if first[0] == where:
            return None
        return location(*first)

    def _without_row_counter(
        self, rows: Rows, columns: Columns, where: str
    ) -> Iterator[tuple[int, Sequence[object]]]:
        """The rows, with the ref column emptied if it holds exactly 1, 2, … n in row order.

        Such a column (序号 under the name 编号) counts rows and restarts in every file: read
        as form numbers, August's row 1 would be July's row 1. Rows are held back only while
        the column still counts; at the first value that does not, they go on as they are.
        """
        at = columns.index["ref"]
        held: list[tuple[int, Sequence[object], bool]] = []  # (row, cells, counted)
        expected = 1
        for rownum, values in rows:
            raw = values[at] if at < len(values) else None
            if blank((raw,)):
                held.append((rownum, values, False))
                continue
            if cell_text(raw) == str(expected):
                held.append((rownum, values, True))
                expected += 1
                continue
            if skip_kind(values, columns, self._is_target) is not None:
                held.append((rownum, values, False))  # 合计 written in the 编号 column
                continue
            yield from ((rownum, values) for rownum, values, _ in held)
            yield rownum, values
            yield from rows
            return
        if expected > 1:
            self.row_counters.append((where, columns.names["ref"], expected - 1))
        for rownum, values, counted in held:
            yield rownum, (_emptied(values, at) if counted else values)

    def _skip(self, where: str, rownum: int, kind: str, until: int | None = None) -> None:
        """Note skipped rows (``rownum`` to ``until``), joined to the previous note for the
        row just above."""
        last = self.skipped[-1] if self.skipped else None
        end = rownum if until is None else until
        if (
            last is not None
            and last.where == where
            and last.kind == kind
            and last.last == rownum - 1
        ):
            self.skipped[-1] = Skipped(where, last.first, end, kind)
        else:
            self.skipped.append(Skipped(where, rownum, end, kind))

    # --- one row ---------------------------------------------------------------------------

    def _fast_entry(self, values: Sequence[object], columns: Columns) -> NewEntry | None:
        """The common row quickly: text cells, all valid, not void.

        Returns ``None`` for anything else (a number or date cell, a problem, a void mark), and
        the caller then takes :meth:`_entry`, which handles every case and explains problems.
        It has no side effects before it is sure to return an entry. Cells seen valid before
        are remembered per column kind: a ledger's targets, dates, districts, people and
        amounts repeat, so most rows are a few dictionary look-ups.
        """
        size = len(values)
        width = columns.width
        if columns.ids_checked or (size > width and not blank(values[width:])):
            return None
        if size >= width:
            raw: Sequence[Any] = columns.fast_cells((*values, ""))
        else:
            raw = [values[i] if 0 <= i < size else "" for i in columns.fast]
        raw_target, raw_amount, raw_date, raw_district, raw_by, raw_note, raw_ref, raw_uid = raw
        # Text everywhere; a workbook's number and date cells are fine for amount and date.
        if not (
            type(raw_target) is str
            and type(raw_district) is str
            and type(raw_by) is str
            and type(raw_note) is str
            and type(raw_ref) is str
            and type(raw_uid) is str
        ):
            return None
        kind = type(raw_amount)
        if kind is not str and kind is not float and kind is not int:
            return None
        kind = type(raw_date)
        if kind is not str and kind is not dt.date and kind is not dt.datetime:
            return None
        if columns.void >= 0:
            void = values[columns.void] if columns.void < size else ""
            if not isinstance(void, str) or cell_text(void).casefold() not in _FALSE:
                return None
        memo = self._memo

        target = memo["target"].get(raw_target)
        if target is None:
            text = cell_text(raw_target)
            found = self._target(text) if text else None
            if not isinstance(found, Target):
                return None
            target = self._remember("target", raw_target, found)
        assert isinstance(target, Target)
        if columns.unit is not None and columns.unit.contradicts(target):
            return None
        amounts = self._amount_memos[columns.memo][target.decimals]
        amount_c = amounts.get(raw_amount)
        if amount_c is None:
            try:
                amount = scaled(cell_amount(raw_amount), raw_amount, columns)
                amount_c = to_hundredths(amount, decimals=target.decimals)
            except AmountError:
                return None
            self._remember(f"{columns.memo}{target.decimals}", raw_amount, amount_c)
        date = memo["date"].get(raw_date)
        if date is None:
            try:
                day = self._checked_date(cell_date(raw_date, self._period))
            except ValueError:
                return None
            date = self._remember("date", raw_date, day)
        if columns.fast[3] < 0:
            district: object = columns.district  # no district column: the table's own
        else:
            district = memo["district"].get(raw_district)
        if district is None:
            text = cell_text(raw_district)
            found_district = self._district(text) if text else ""
            if not isinstance(found_district, str):
                return None
            district = self._remember("district", raw_district, found_district)
        by_text = memo["by"].get(raw_by)
        if by_text is None:
            by_text = self._remember("by", raw_by, self._plain(raw_by, MAX_SHORT))
        note = memo["note"].get(raw_note)
        if note is None:
            note = self._remember("note", raw_note, self._plain(raw_note, MAX_NOTE))
        ref = self._plain(raw_ref, MAX_SHORT) if raw_ref else ""
        uid = self._plain(raw_uid, MAX_UID) if raw_uid else ""
        if by_text is None or note is None or ref is None or uid is None:
            return None
        assert isinstance(amount_c, int) and isinstance(date, dt.date) and isinstance(district, str)
        assert isinstance(by_text, str) and isinstance(note, str)
        if uid or ref:
            uid = uid or ref_key(ref, district)  # what identity() gives a row with a ref
            seen = self._seen_uids  # as _first_time(uid), without a call per row
            before = len(seen)
            seen.add(_short_key(uid))
            if len(seen) == before:
                return None  # the slow path reports the repeat
        else:
            digest = _content_digest(target.id, date, amount_c, district, by_text, note)
            uid = _row_uid(digest, self._occurrence(digest))
        # Positional, straight into the tuple: the named tuple's constructor is a Python call,
        # made once per row of a million-row file. ``amends`` is None, as it defaults to.
        return _new_tuple(
            NewEntry,
            (
                uid,
                target.id,
                date,
                amount_c,
                district,
                by_text or self.default_by,
                note,
                ref,
                self.source,
                None,
            ),
        )

    def _remember(self, kind: str, raw: object, value: _T) -> _T:
        """Remember a valid cell's meaning (bounded: a column of unique values stops growing)."""
        known = self._memo[kind]
        if value is not None and len(known) < _CACHE_LIMIT:
            known[raw] = value
        return value

    @staticmethod
    def _plain(raw: str, limit: int) -> str | None:
        """Free text that needs no cleaning (printable, not too long), else ``None``."""
        text = raw.strip()
        if text.startswith("'"):
            text = unneutralise(text)
        if len(text) > limit or not text.isprintable():
            return None
        return text

    def _entry(self, values: Sequence[object], columns: Columns, rownum: int) -> NewEntry | None:
        """The row as an entry, ``None`` if it is marked void; :class:`_BadRow` if it is bad."""
        problems: list[Text] = []
        reported: set[str] = set()

        def bad(field: str, what: Text) -> None:
            reported.add(field)
            problems.append(Msg("cell_problem", column=columns.names[field], problem=what))

        def cell(field: str) -> object:
            i = columns.index.get(field)
            value = values[i] if i is not None and i < len(values) else None
            if i is not None and field in _NEEDED and blank((value,)):
                why = self._source.why_empty(self._table.name if self._table else None, rownum, i)
                if why is not None:
                    bad(field, why)
                    return None
            if field in ("target", "amount", "date", "district") and value in CELL_ERRORS:
                bad(field, Msg("cell_error", value=value))
                return None
            return value

        if len(values) > columns.width and not blank(values[columns.width :]):
            extra = max(i for i, v in enumerate(values) if not blank((v,))) + 1
            problems.append(Msg("row_too_wide", values=extra, columns=columns.width))

        voided = False
        if "void" in columns.index:
            void = cell_text(cell("void")).casefold()
            if void in _TRUE:
                if not (columns.restoring and self.restore):
                    return None
                voided = True
            elif void not in _FALSE:
                bad("void", Msg("not_yes_no", value=void))
        restored = self._restored(cell, bad, voided) if columns.restoring else None

        target: Target | None = None
        target_text = cell_text(cell("target"))
        if target_text:
            found = self._target(target_text)
            if not isinstance(found, Target):
                bad("target", found)
            else:
                target = found
        elif "target" not in reported:
            bad("target", Msg("is_empty"))

        amount_c: int | None = None
        raw_amount = cell("amount")
        if not blank((raw_amount,)):
            try:
                amount = column_amount(raw_amount, columns)
                if target is not None:
                    contradiction = columns.unit.contradicts(target) if columns.unit else None
                    if contradiction:
                        raise AmountError(contradiction)
                    # As written in the cell, unless a unit in the header scaled it.
                    typed = (
                        raw_amount if isinstance(raw_amount, str) and columns.scale == 1 else None
                    )
                    amount_c = to_hundredths(
                        amount, decimals=target.decimals, target=target.named(), typed=typed
                    )
            except AmountError as exc:
                bad("amount", exc.text)
        elif "amount" not in reported:
            bad("amount", Msg("is_empty"))

        # A row of our own export that keeps its entry number is the ledger's own record: the
        # ledger may hold several years, so its date is not judged against this programme's.
        own = restored is not None and restored[0] != 0
        date: dt.date | None = None
        raw_date = cell("date")
        if not blank((raw_date,)):
            try:
                date = self._checked_date(cell_date(raw_date, self._period), any_year=own)
            except ValueError as exc:
                bad(
                    "date",
                    exc.text
                    if isinstance(exc, ValueProblem)
                    else Msg("cell_not_date", text=cell_text(raw_date)),
                )
        elif "date" not in reported:
            bad("date", Msg("is_empty"))

        district = columns.district
        district_text = cell_text(cell("district"))
        if district_text:
            found_district = self._district(district_text)
            if isinstance(found_district, tuple):
                bad("district", found_district[0])
            else:
                district = found_district

        def free_text(field: str, limit: int = MAX_SHORT) -> str:
            # Line breaks inside a cell may come as CRLF (Windows); the ledger keeps LF only.
            text = cell_text(cell(field)).replace("\r\n", "\n").replace("\r", "\n")
            try:
                return clean_text(text, Msg("the_text"), limit=limit)
            except InputError as exc:
                bad(field, exc.text)
                return ""

        by_in_file = free_text("by")
        note = free_text("note", MAX_NOTE)
        ref = free_text("ref")
        uid = free_text("uid", MAX_UID)
        if not uid and columns.ids_checked and cell_text(cell("id")) and "uid" not in reported:
            # The entry number without the record id: read by its content, the row would be
            # counted again beside the entry it came from.
            bad("uid", Msg("uid_cleared", id=cell_text(cell("id")), id_column=columns.names["id"]))
        if uid:
            if not self._first_time(uid):
                bad("uid", Msg("twice_in_file", value=uid))
        elif ref:
            uid = identity(ref=ref, district=district)
            if not self._first_time(uid):
                if district:
                    bad("ref", Msg("twice_in_file_for", value=ref, district=district))
                else:
                    bad("ref", Msg("twice_in_file", value=ref))

        if problems or target is None or amount_c is None or date is None:
            raise _BadRow(problems)
        if not uid:
            digest = _content_digest(target.id, date, amount_c, district, by_in_file, note)
            uid = _row_uid(digest, self._occurrence(digest))
        amends = None
        if restored is not None:
            export_id, amends, reason = restored
            self.restored[uid] = (export_id, reason)
        return NewEntry(
            uid=uid,
            target=target.id,
            date=date,
            amount_c=amount_c,
            district=district,
            by=by_in_file or self.default_by,
            note=note,
            ref=ref,
            source=self.source,
            amends=amends,
        )

    @staticmethod
    def _restored(
        cell: Callable[[str], object], bad: Callable[[str, Text], None], voided: bool
    ) -> tuple[int, int | None, str | None]:
        """An export row's id, the id it amends and, if it is void, the reason.

        A blank id is a row added to the export: a new entry, read as a district's row is."""
        numbers: list[int | None] = []
        for field in ("id", "amends"):
            text = cell_text(cell(field))
            if not text:
                numbers.append(None)
            elif text.isascii() and text.isdigit() and len(text) <= 18:
                numbers.append(int(text))
            else:
                why = "not_entry_id_or_blank" if field == "id" else "not_entry_id"
                bad(field, Msg(why, value=text))
                numbers.append(0)
        reason = cell_text(cell("void_reason")) or "void" if voided else None
        return numbers[0] or 0, numbers[1], reason

    def _own_entry(self, entry: NewEntry, columns: Columns) -> bool:
        """Whether ``entry`` is a row of our own export that keeps its entry number: restored
        as the ledger held it, not judged as a new entry is (``log --force`` may have written
        it, or another year's programme)."""
        return columns.restoring and self.restored.get(entry.uid, (0, None))[0] != 0

    def _is_target(self, text: str) -> bool:
        return isinstance(self._target(text), Target)

    def _target(self, text: str) -> Target | Text:
        """The target named ``text``, or the message saying why there is none (cached)."""
        found = self._targets.get(text)
        if found is None:
            try:
                found = self.programme.target(text)
            except InputError as exc:
                found = exc.text
            if len(self._targets) < _CACHE_LIMIT:
                self._targets[text] = found
        return found

    def _district(self, text: str) -> str | tuple[Text]:
        """The district's Chinese name, or a 1-tuple holding the message (cached)."""
        found = self._districts.get(text)
        if found is None:
            try:
                found = self.programme.district(text).name_zh
            except InputError as exc:
                found = (exc.text,)
            if len(self._districts) < _CACHE_LIMIT:
                self._districts[text] = found
        return found

    def _checked_date(self, date: dt.date, *, any_year: bool = False) -> dt.date:
        """``date`` if an entry may bear it: inside the programme's period (unless
        ``any_year``: a restored entry of another year) and not in the future."""
        p = self.programme
        if not any_year and date < p.start:
            raise ValueProblem(Msg("date_before_start", date=date, start=p.start))
        if not any_year and date > p.end:
            raise ValueProblem(Msg("date_after_end", date=date, end=p.end))
        if date > self.today:
            raise ValueProblem(Msg("day_future", date=date, today=self.today))
        return date

    def _first_time(self, uid: str) -> bool:
        key = _short_key(uid)
        if key in self._seen_uids:
            return False
        self._seen_uids.add(key)
        return True

    def _occurrence(self, digest: bytes) -> int:
        """How many rows with this content came before in the file."""
        key = int.from_bytes(digest[:8], "little")
        if key not in self._seen_content:
            self._seen_content.add(key)
            return 0
        # Repeats are rare: only they pay for a counter.
        k = self._repeats.get(key, 1)
        self._repeats[key] = k + 1
        return k


def _emptied(values: Sequence[object], at: int) -> Sequence[object]:
    """The row with the cell at ``at`` empty (a merge's own cells too)."""
    if at >= len(values):
        return values
    if type(values) is FilledRow:
        own = list(values.own)
        if at < len(own):
            own[at] = ""
        row = FilledRow(own)
        row[:] = values
        row.spans = values.spans
    else:
        row = list(values)  # type: ignore[assignment]
    row[at] = ""
    return row


#: The columns whose value a merge over rows gives to every row: labels for a block of rows.
#: An amount, a note or a form number belongs to one row only.
_MERGE_FILLS = ("target", "date", "district", "by")


def _labels_filled(
    row: FilledRow, columns: Columns
) -> tuple[list[object], tuple[str, int, int] | None]:
    """The row with merged values kept only in label columns, and the amount header and rows
    an amount cell is merged over (``None`` if it is not)."""
    labels = {columns.index[f] for f in _MERGE_FILLS if f in columns.index}
    values = list(row)
    own = row.own
    for column in row.spans:
        if column not in labels and column < len(values):
            values[column] = own[column] if column < len(own) else None
    amount_span = None
    for field in AMOUNT_FIELDS:
        at = columns.index.get(field)
        if at is not None and at in row.spans:
            amount_span = (columns.names[field], *row.spans[at])
    return values, amount_span


def _check_readable(path: Path, shown: str) -> None:
    """Refuse a path that is missing, a folder, not a regular file or unreadable, before any
    work starts (a device or a pipe would never end: /dev/zero, /dev/urandom, a FIFO)."""
    import stat

    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        special = path.resolve().parts[1:2] in (("proc",), ("sys",), ("dev",))
        if not stat.S_ISREG(mode) or special:
            raise ImportFileError(shown, [Msg("not_regular_file", file=shown)])
        with path.open("rb"):
            pass
    except FileNotFoundError:
        raise ImportFileError(shown, [Msg("no_such_file", file=shown)]) from None
    except IsADirectoryError:
        raise ImportFileError(shown, [Msg("is_folder_not_file", file=shown)]) from None
    except OSError as exc:
        raise ImportFileError(shown, [Msg("cannot_read", file=shown, why=os_reason(exc))]) from None


def numbered_rows(reader: SheetReader) -> Iterator[tuple[int, NewEntry]]:
    """The reader's entries with their row numbers in the file."""
    for entry in reader:
        yield reader.row_number, entry


def iter_import_rows(
    path: Path,
    programme: Programme,
    *,
    default_by: str,
    source: str,
    today: dt.date | None = None,
    on_row: Callable[[int], None] | None = None,
) -> Iterator[NewEntry]:
    """The entries of an import file; see :class:`SheetReader` (use it for the counts)."""
    return iter(
        SheetReader(
            path, programme, default_by=default_by, source=source, today=today, on_row=on_row
        )
    )


def location(where: str, row: int) -> str:
    """A row's place in messages: ``file:row``, or ``file[sheet]:row`` (``where`` names the sheet
    when the workbook has more than one)."""
    return f"{where}:{row}"


# A row key's low bits: the row number (a sheet has at most 1,048,576 rows; a CSV file fewer
# than 2**32 in any file this reads).
_ROW_BITS = 32
_ROW_MASK = (1 << _ROW_BITS) - 1
