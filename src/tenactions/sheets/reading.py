"""Reading import files (.csv, .xlsx) into entries, row by row, checking every row."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from tenactions import dates
from tenactions.amounts import AmountError, parse_amount, to_hundredths
from tenactions.errors import ImportFileError, InputError
from tenactions.identity import content_digest, content_key
from tenactions.ledger import MAX_NOTE, MAX_SHORT, clean_text, identity
from tenactions.model import Programme, Target
from tenactions.sheets.cells import unneutralise
from tenactions.sheets.sources import NO_SAVED_VALUE, CsvSource, Rows, Unreadable, XlsxSource
from tenactions.store import NewEntry

#: Bad rows listed in full; the rest are counted ("… and N more bad rows").
MAX_SHOWN_PROBLEMS = 50

#: Header names per field, compared after :func:`header_key`: case, spaces, ``_``, ``-``, a
#: trailing "(unit)" and ``*`` do not matter, so ``金额（元）`` and ``Amount *`` mean amount.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "target": ("target", "目标", "项目", "指标"),
    "amount": ("amount", "quantity", "数量", "金额", "数额", "数值", "完成数"),
    "date": ("date", "日期", "完成日期", "时间"),
    "district": ("district", "区", "区县", "地区", "区域", "所属区", "辖区"),
    "by": ("by", "填报人", "录入人", "经办人"),
    "note": ("note", "notes", "备注", "说明"),
    "ref": ("ref", "reference", "编号", "单号", "参考号"),
    # Our export's own columns that matter on re-import; its other columns are ignored.
    "uid": ("uid",),
    "void": ("void", "作废"),
}
REQUIRED_FIELDS = ("target", "amount", "date")


# What spreadsheets show in a cell whose formula failed; never a real target, amount or date.
_CELL_ERRORS = frozenset(
    ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA")
)
_TRUE = frozenset(("true", "1", "yes", "y", "是", "作废", "void"))
_FALSE = frozenset(("false", "0", "no", "n", "否", ""))
_DATE_TEXT = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
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


def _short_key(text: str) -> int:
    # A 64-bit number per remembered uid keeps a million-row file's bookkeeping to tens of
    # megabytes; it only has to be stable within one import, so Python's own string hash does.
    return hash(text)


# --- reading ---------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header reduced to what matters for matching: ``' 金额（元）*'`` -> ``'金额'``."""
    s = unicodedata.normalize("NFKC", text).casefold().strip()
    s = re.sub(r"\([^()]*\)\s*\**$", "", s)
    return re.sub(r"[\s_\-*:]", "", s)


_HEADER_INDEX = {header_key(name): field for field, names in HEADER_NAMES.items() for name in names}


class _BadRow(Exception):
    """One row's problems, each ``column: what``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class _Columns:
    index: dict[str, int]
    """field -> position in the row"""
    names: dict[str, str]
    """field -> the header as written in the file (used in messages)"""
    width: int
    """cells in the header row up to its last non-empty one"""

    @cached_property
    def fast(self) -> tuple[int, ...]:
        """Positions of the fields the fast path reads (-1 for a missing column)."""
        return tuple(self.index.get(f, -1) for f in _FAST_FIELDS)

    @cached_property
    def void(self) -> int:
        """Position of the void column, -1 if there is none."""
        return self.index.get("void", -1)


_T = TypeVar("_T")
_FAST_FIELDS = ("target", "amount", "date", "district", "by", "note", "ref", "uid")


class SheetReader:
    """One import file, read as a stream of entries.

    ``for entry in SheetReader(...)`` yields an entry per good row and raises
    :class:`ImportFileError` after the last row if any row was bad (or at once if the file
    cannot be read at all). The file type, its existence and readability are checked when the
    reader is made, so a caller can report them before opening a transaction.

    ``on_row(n)`` is called after each non-blank data row with the count read so far (for a
    progress bar); :attr:`estimated_rows` holds the file's row count, header included, once the
    first row has been read (counted exactly for CSV, from the sheet's stated size for xlsx;
    ``None`` if unknown). ``today`` defaults to :func:`tenactions.dates.today`.

    Rows are held to the rules of ``log`` (:mod:`tenactions.ledger`): the programme period, no
    future dates, the target's decimals, known districts, length limits and no control
    characters in text (a line break inside a cell is kept, as a line feed).

    After iterating, :attr:`rows` counts the non-blank data rows read, :attr:`void_skipped` the
    rows skipped because they are marked void, :attr:`bad_rows` the rows with problems.
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
    ) -> None:
        self.path = path
        self.shown = str(path)
        self.programme = programme
        self.default_by = default_by
        self.source = source
        self.today = today or dates.today()
        self.on_row = on_row
        self.rows = 0
        self.void_skipped = 0
        self.bad_rows = 0
        self._seen_uids: set[int] = set()
        self._seen_content: set[int] = set()
        self._repeats: dict[int, int] = {}
        self._targets: dict[str, Target | str] = {}
        #: The file's row number of the entry last yielded (as the spreadsheet shows it).
        self.row_number = 0
        # The fast path's memory of cells already seen valid, per column kind.
        self._memo: dict[str, dict[str, object]] = {
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
            )
        }
        self._districts: dict[str, str | tuple[str]] = {}
        self.kind = path.suffix.lower()
        if self.kind not in (".csv", ".xlsx"):
            raise ImportFileError(
                self.shown, [f"{self.shown}: unsupported file type, use .csv or .xlsx"]
            )
        try:
            with path.open("rb"):
                pass
        except FileNotFoundError:
            raise ImportFileError(self.shown, [f"{self.shown}: no such file"]) from None
        except IsADirectoryError:
            raise ImportFileError(self.shown, [f"{self.shown}: is a folder, not a file"]) from None
        except OSError as exc:
            raise ImportFileError(
                self.shown, [f"{self.shown}: cannot read the file: {exc.strerror}"]
            ) from None
        self._source: CsvSource | XlsxSource = (
            CsvSource(path) if self.kind == ".csv" else XlsxSource(path)
        )

    @property
    def estimated_rows(self) -> int | None:
        """The file's row count, header included, once reading has begun (None if unknown)."""
        return self._source.estimated_rows

    def __iter__(self) -> Iterator[NewEntry]:
        return self._entries()

    # --- the row loop ----------------------------------------------------------------------

    def _entries(self) -> Iterator[NewEntry]:
        source = self._source.rows()
        try:
            yield from self._checked(source)
        finally:
            source.close()  # closes the file now, even when the caller stops early

    def _checked(self, source: Rows) -> Iterator[NewEntry]:
        problems: list[str] = []
        try:
            columns = self._header(source)
        except Unreadable as exc:
            raise ImportFileError(self.shown, [exc.line]) from None
        try:
            for rownum, values in source:
                first = values[0] if values else None
                if not (type(first) is str and first.strip()) and _blank(values):
                    continue
                self.rows += 1
                if self.on_row is not None:
                    self.on_row(self.rows)
                try:
                    entry = self._fast_entry(values, columns)
                    if entry is None:
                        entry = self._entry(values, columns)
                except _BadRow as bad:
                    self.bad_rows += 1
                    if len(problems) < MAX_SHOWN_PROBLEMS:
                        problems.append(f"{self.shown}:{rownum}: {'; '.join(bad.problems)}")
                    continue
                if entry is None:
                    self.void_skipped += 1
                elif not self.bad_rows:
                    self.row_number = rownum
                    yield entry
        except Unreadable as exc:
            self.bad_rows += 1
            problems.append(exc.line)
        if self.bad_rows:
            raise ImportFileError(self.shown, problems, self.bad_rows)

    def _header(self, source: Rows) -> _Columns:
        for rownum, values in source:
            if _blank(values):
                continue
            headers = ["" if v is NO_SAVED_VALUE else _text(v) for v in values]
            index: dict[str, int] = {}
            names: dict[str, str] = {}
            clashes: list[str] = []
            for position, header in enumerate(headers):
                field = _HEADER_INDEX.get(header_key(header)) if header else None
                if field is None:
                    continue
                if field in index:
                    clashes.append(f"{names[field]!r} and {header!r} both mean {field}")
                    continue
                index[field] = position
                names[field] = header
            missing = [f for f in REQUIRED_FIELDS if f not in index]
            if clashes or missing:
                found = ", ".join(repr(h) for h in headers if h) or "none"
                lines = [f"{self.shown}:{rownum}: columns {c}; rename one" for c in clashes]
                if missing:
                    need = "; ".join(f"{f} ({'/'.join(HEADER_NAMES[f][:3])})" for f in missing)
                    lines.append(
                        f"{self.shown}:{rownum}: missing column {need}; the header row"
                        f" (first non-empty row) has: {found}"
                    )
                raise ImportFileError(self.shown, lines)
            width = max(i for i, h in enumerate(headers) if h) + 1
            return _Columns(index, names, width)
        raise ImportFileError(
            self.shown,
            [
                f"{self.shown}: the file is empty; its first row must name the columns"
                " (target, amount, date; or 目标, 数量, 日期)"
            ],
        )

    # --- one row ---------------------------------------------------------------------------

    def _fast_entry(self, values: Sequence[object], columns: _Columns) -> NewEntry | None:
        """The common row quickly: text cells, all valid, not void.

        Returns ``None`` for anything else (a number or date cell, a problem, a void mark), and
        the caller then takes :meth:`_entry`, which handles every case and explains problems.
        It has no side effects before it is sure to return an entry. Cells seen valid before
        are remembered per column kind: a ledger's targets, dates, districts, people and
        amounts repeat, so most rows are a few dictionary look-ups.
        """
        size = len(values)
        if size > columns.width and not _blank(values[columns.width :]):
            return None
        raw = [values[i] if 0 <= i < size else "" for i in columns.fast]
        for value in raw:
            if type(value) is not str:
                return None
        texts = cast("list[str]", raw)  # every cell was just checked to be text
        raw_target, raw_amount, raw_date, raw_district, raw_by, raw_note, raw_ref, raw_uid = texts
        if columns.void >= 0:
            void = values[columns.void] if columns.void < size else ""
            if not isinstance(void, str) or _text(void).casefold() not in _FALSE:
                return None
        memo = self._memo

        target = memo["target"].get(raw_target)
        if target is None:
            text = _text(raw_target)
            found = self._target(text) if text else None
            if not isinstance(found, Target):
                return None
            target = self._remember("target", raw_target, found)
        assert isinstance(target, Target)
        amounts = memo[f"amount{target.decimals}"]
        amount_c = amounts.get(raw_amount)
        if amount_c is None:
            try:
                amount_c = to_hundredths(_amount(raw_amount), decimals=target.decimals)
            except AmountError:
                return None
            self._remember(f"amount{target.decimals}", raw_amount, amount_c)
        date = memo["date"].get(raw_date)
        if date is None:
            try:
                date = self._remember("date", raw_date, self._checked_date(_date(raw_date)))
            except ValueError:
                return None
        district = memo["district"].get(raw_district)
        if district is None:
            text = _text(raw_district)
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
            uid = uid or identity(ref=ref, district=district)
            if not self._first_time(uid):
                return None  # the slow path reports the repeat
        else:
            digest = _content_digest(target.id, date, amount_c, district, by_text, note)
            uid = _row_uid(digest, self._occurrence(digest))
        return NewEntry(
            uid,
            target.id,
            date,
            amount_c,
            district,
            by_text or self.default_by,
            note,
            ref,
            self.source,
        )

    def _remember(self, kind: str, raw: str, value: _T) -> _T:
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

    def _entry(self, values: Sequence[object], columns: _Columns) -> NewEntry | None:
        """The row as an entry, ``None`` if it is marked void; :class:`_BadRow` if it is bad."""
        problems: list[str] = []
        reported: set[str] = set()

        def bad(field: str, what: str) -> None:
            reported.add(field)
            problems.append(f"{columns.names[field]}: {what}")

        def cell(field: str) -> object:
            i = columns.index.get(field)
            value = values[i] if i is not None and i < len(values) else None
            if value is NO_SAVED_VALUE:
                bad(field, "formula has no saved value; open and save the file in Excel/WPS")
                return None
            if field in ("target", "amount", "date", "district") and value in _CELL_ERRORS:
                bad(field, f"the cell shows the error {value}")
                return None
            return value

        if len(values) > columns.width and not _blank(values[columns.width :]):
            extra = max(i for i, v in enumerate(values) if not _blank((v,))) + 1
            problems.append(
                f"the row has {extra} values but the header has {columns.width} columns"
            )

        if "void" in columns.index:
            void = _text(cell("void")).casefold()
            if void in _TRUE:
                return None
            if void not in _FALSE:
                bad("void", f"{void!r} is not true or false")

        target: Target | None = None
        target_text = _text(cell("target"))
        if target_text:
            found = self._target(target_text)
            if isinstance(found, str):
                bad("target", found)
            else:
                target = found
        elif "target" not in reported:
            bad("target", "is empty")

        amount_c: int | None = None
        raw_amount = cell("amount")
        if not _blank((raw_amount,)):
            try:
                amount = _amount(raw_amount)
                if target is not None:
                    amount_c = to_hundredths(
                        amount, decimals=target.decimals, what=f"{target.id} amount"
                    )
            except AmountError as exc:
                bad("amount", str(exc))
        elif "amount" not in reported:
            bad("amount", "is empty")

        date: dt.date | None = None
        raw_date = cell("date")
        if not _blank((raw_date,)):
            try:
                date = self._checked_date(_date(raw_date))
            except ValueError as exc:
                bad("date", str(exc))
        elif "date" not in reported:
            bad("date", "is empty")

        district = ""
        district_text = _text(cell("district"))
        if district_text:
            found_district = self._district(district_text)
            if isinstance(found_district, tuple):
                bad("district", found_district[0])
            else:
                district = found_district

        def free_text(field: str, limit: int = MAX_SHORT) -> str:
            # Line breaks inside a cell may come as CRLF (Windows); the ledger keeps LF only.
            text = _text(cell(field)).replace("\r\n", "\n").replace("\r", "\n")
            try:
                return clean_text(text, "the text", limit=limit)
            except InputError as exc:
                bad(field, exc.message)
                return ""

        by_in_file = free_text("by")
        note = free_text("note", MAX_NOTE)
        ref = free_text("ref")
        uid = free_text("uid", MAX_UID)
        if uid:
            if not self._first_time(uid):
                bad("uid", f"{uid!r} appears more than once in this file")
        elif ref:
            uid = identity(ref=ref, district=district)
            if not self._first_time(uid):
                where = f" for {district}" if district else ""
                bad("ref", f"{ref!r} appears more than once in this file{where}")

        if problems or target is None or amount_c is None or date is None:
            raise _BadRow(problems)
        if not uid:
            digest = _content_digest(target.id, date, amount_c, district, by_in_file, note)
            uid = _row_uid(digest, self._occurrence(digest))
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
        )

    def _target(self, text: str) -> Target | str:
        """The target named ``text``, or the message saying why there is none (cached)."""
        found = self._targets.get(text)
        if found is None:
            try:
                found = self.programme.target(text)
            except InputError as exc:
                found = exc.message
            if len(self._targets) < _CACHE_LIMIT:
                self._targets[text] = found
        return found

    def _district(self, text: str) -> str | tuple[str]:
        """The district's Chinese name, or a 1-tuple holding the message (cached)."""
        found = self._districts.get(text)
        if found is None:
            try:
                found = self.programme.district(text).name_zh
            except InputError as exc:
                found = (exc.message,)
            if len(self._districts) < _CACHE_LIMIT:
                self._districts[text] = found
        return found

    def _checked_date(self, date: dt.date) -> dt.date:
        p = self.programme
        if date < p.start:
            raise ValueError(f"{date} is before the programme starts ({p.start})")
        if date > p.end:
            raise ValueError(f"{date} is after the programme ends ({p.end})")
        if date > self.today:
            raise ValueError(f"{date} is in the future (today is {self.today})")
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


def _blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _text(value: object) -> str:
    """A cell as text: stripped, with our export's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unneutralise(value.strip())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _amount(value: object) -> Decimal:
    if isinstance(value, str):
        return parse_amount(_text(value))
    if isinstance(value, int | float | Decimal):
        return parse_amount(value)
    raise AmountError(f"{_text(value)!r} is not an amount")


def _date(value: object) -> dt.date:
    """A date cell: a real date, ``2024-08-01``, ``2024/8/1``, ``2024年8月1日`` or ``20240801``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool | dt.time | dt.timedelta):
        raise ValueError(f"{_text(value)!r} is not a date")
    if isinstance(value, int | float):
        text = _text(value)
        match = _DATE_COMPACT.fullmatch(text)
        if match is None:
            raise ValueError(
                f"{text} is a number, not a date (format the cells as dates, or write 2024-08-01)"
            )
    else:
        text = _text(value)
        normal = unicodedata.normalize("NFKC", text)
        match = _DATE_TEXT.fullmatch(normal) or _DATE_COMPACT.fullmatch(normal)
        if match is None:
            raise ValueError(f"{text!r} is not a date (write 2024-08-01, 2024/8/1 or 2024年8月1日)")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
