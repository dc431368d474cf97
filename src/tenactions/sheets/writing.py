"""Writing the ledger as CSV, XLSX or JSON, streaming, with text cells neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from tenactions.amounts import MAX_AMOUNT, from_hundredths
from tenactions.errors import InputError
from tenactions.files import atomic_output
from tenactions.messages import Msg, t
from tenactions.model import Programme, StoredEntry
from tenactions.sheets.cells import EXPORT_COLUMNS, neutralise, set_up_printing

if TYPE_CHECKING:
    from tenactions.render.data import EntryRows, Options

_K = TypeVar("_K")
_V = TypeVar("_V")

#: Rows in one xlsx sheet, the header included (Excel's limit).
XLSX_MAX_ROWS = 1_048_576

# Column widths in the xlsx export, in Excel's units (a Chinese character takes about two).
# The amount column holds the largest amount allowed in its number format
# (1,000,000,000,000,000.00) so no cell shows ###; the export streams, so it cannot measure.
_AMOUNT_WIDTH = len(f"{MAX_AMOUNT:,.2f}") + 2
_XLSX_WIDTHS = (8, 36, 16, 30, 12, _AMOUNT_WIDTH, 10, 12, 40, 16, 24, 8, 7, 24, 26, 14)
#: Text columns whose long values wrap in their cell rather than being cut at the next one.
_XLSX_WRAPPED = frozenset({"uid", "target_name", "note", "ref", "void_reason"})


# --- writing ---------------------------------------------------------------------------------


def _same(stamp: str) -> str:
    return stamp


class _Memo(dict[_K, _V]):
    """``make(key)`` for each key, made once: the bound ``__getitem__`` of one is a C call for
    every key seen before, where a Python function would cost a call per cell of a
    million-row export. Bounded: past ``limit`` keys, new ones are made but not kept."""

    def __init__(self, make: Callable[[_K], _V], limit: int = 10_000) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: _K) -> _V:
        value = self.make(key)
        if len(self) < self.limit:
            self[key] = value
        return value


def stamper(programme: Programme | None) -> Callable[[str], str]:
    """Stored timestamps (UTC) as the time in the programme's zone; unchanged without one.

    Memoised: an import's entries share one timestamp, so a million rows convert a handful.
    """
    if programme is None:
        return _same
    from tenactions.dates import local_timestamp

    tz = programme.timezone
    stamps: _Memo[str, str] = _Memo(lambda text: local_timestamp(text, tz))
    return stamps.__getitem__


def export_values(
    entry: StoredEntry,
    stamp: Callable[[str], str] = _same,
    district: Callable[[str], str] = _same,
    target_name: Callable[[str], str] = _same,
) -> tuple[object, ...]:
    """One entry as typed values in :data:`EXPORT_COLUMNS` order (amount exact, in base units);
    ``district`` names the entry's district (see :func:`district_namer`), ``target_name`` its
    target (see :func:`target_namer`); ``login`` is ``None`` in an SQLite ledger."""
    return (
        entry.id,
        entry.uid,
        entry.target,
        target_name(entry.target),
        entry.date,
        from_hundredths(entry.amount_c),
        district(entry.district),
        entry.by,
        entry.note,
        entry.ref,
        entry.source,
        entry.amends,
        entry.void,
        entry.void_reason,
        stamp(entry.created_at),
        entry.login,
    )


def target_namer(programme: Programme | None, lang: str) -> Callable[[str], str]:
    """Targets by their names in ``lang`` (an id the programme does not know stays as it is);
    without a programme, no name."""
    if programme is None:
        return lambda _: ""
    names: _Memo[str, str] = _Memo(lambda target_id: programme.target_name(target_id, lang))
    return names.__getitem__


def district_namer(programme: Programme | None, lang: str) -> Callable[[str], str]:
    """Districts as a person reads them in ``lang``: in English by their English names (the
    ledger keeps the Chinese one, which JSON keeps for scripts); the import reads both."""
    names: _Memo[str, str] = _Memo(_same)  # a name the programme does not know stays as it is
    if programme is not None and lang != "zh":
        names.update((d.name_zh, d.name(lang)) for d in programme.districts)
    return names.__getitem__


def export_header(lang: str) -> list[str]:
    """The export's column names: the English names are codes scripts rely on; in Chinese,
    names an office reads (and the import reads back)."""
    if lang != "zh":
        return list(EXPORT_COLUMNS)
    return [t(lang, "col_" + name) for name in EXPORT_COLUMNS]


def write_entries_csv(
    entries: Iterable[StoredEntry],
    out: Path | BinaryIO,
    programme: Programme | None = None,
    lang: str = "en",
) -> int:
    """Write entries as CSV (UTF-8 with BOM, so Excel shows Chinese); return how many.

    ``out`` is a path (replaced only when the export succeeds) or a binary stream such as
    ``sys.stdout.buffer``. With ``programme``, times are shown in its time zone.
    """
    counted = _Counted(entries)
    with _binary_out(out) as raw:
        for chunk in csv_chunks(counted, programme, lang):
            raw.write(chunk)
    return counted.n


#: Rows written out per chunk of a streamed CSV or JSON export.
_CHUNK_ROWS = 2_000


def void_words(lang: str) -> tuple[str, str]:
    """How an export says an entry is void or not, the same in CSV and XLSX: 是/否 in
    Chinese, ``true``/``false`` (the codes scripts read) in English. ``import`` reads both,
    and the boolean cells of older XLSX exports."""
    return (t(lang, "yes"), t(lang, "no")) if lang == "zh" else ("true", "false")


def csv_chunks(
    entries: Iterable[StoredEntry], programme: Programme | None = None, lang: str = "en"
) -> Iterator[bytes]:
    """The entries as CSV (UTF-8 with BOM), a few thousand rows at a time."""
    stamp = stamper(programme)
    district = district_namer(programme, lang)
    target_name = target_namer(programme, lang)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(export_header(lang))
    yes_no = void_words(lang)
    day_text = _Memo(dt.date.isoformat).__getitem__  # a ledger's entries share a few hundred days
    write = buffer.write
    for count, entry in enumerate(entries, start=1):
        row = _csv_row(entry, stamp, yes_no, district, target_name, day_text)
        line = ",".join(row)
        if _plain_csv_line(line):
            write(line)
            write("\r\n")
        else:
            writer.writerow(row)
        if count % _CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


#: Commas between the cells of an export row.
_SEPARATORS = len(EXPORT_COLUMNS) - 1


def _plain_csv_line(line: str) -> bool:
    """Whether an export row joined by commas is what the csv module would write for it.

    It is unless a cell needs quoting: a cell holding a comma (the line then has more than
    :data:`_SEPARATORS`), a quote or a line break (and NUL, left to the csv module). Most
    rows need none, and joining them is several times cheaper than the csv writer.
    """
    return (
        line.count(",") == _SEPARATORS
        and '"' not in line
        and "\n" not in line
        and "\r" not in line
        and "\0" not in line
    )


def write_entries_xlsx(
    entries: Iterable[StoredEntry],
    out: Path | BinaryIO,
    programme: Programme | None = None,
    lang: str = "en",
) -> int:
    """Write entries as an xlsx workbook, streaming; return how many.

    Dates are date cells and amounts exact number cells, shown with the target's decimals
    when ``programme`` is given (else with decimals only where there are cents); the header is
    frozen. Characters xlsx cannot hold (control characters other than tab and line breaks)
    become U+FFFD; a carriage return reads back as a line feed (XML normalises it).
    """
    book, count = _xlsx_book(entries, programme, lang)
    with _binary_out(out) as raw:
        book.save(raw)
    return count


def xlsx_chunks(
    entries: Iterable[StoredEntry], programme: Programme | None = None, lang: str = "en"
) -> Iterator[bytes]:
    """The workbook of :func:`write_entries_xlsx` in chunks, spooled to a temporary file
    past a few megabytes rather than held in memory."""
    import tempfile

    book, _ = _xlsx_book(entries, programme, lang)
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        book.save(spool)
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            yield chunk


def _xlsx_book(
    entries: Iterable[StoredEntry], programme: Programme | None, lang: str
) -> tuple[Any, int]:
    """A write-only workbook holding the entries (its rows already streamed to disk by
    openpyxl), and how many."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(t(lang, "sheet_entries"))
    set_up_printing(sheet)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(_XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)
    stamp = stamper(programme)
    district = district_namer(programme, lang)
    target_name = target_namer(programme, lang)
    header = []
    for name in export_header(lang):
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    targets = programme.targets if programme is not None else ()
    formats = {t.id: "#,##0" if t.decimals == 0 else "#,##0.00" for t in targets}
    amount_at = EXPORT_COLUMNS.index("amount")
    # Text, as in the CSV: a boolean cell shows TRUE/FALSE whatever the export's language.
    void_column, yes_no = EXPORT_COLUMNS.index("void"), void_words(lang)
    # Only a value longer than its column is styled: most cells stay plain, which keeps a
    # million-row export fast.
    wrap_past = {
        i: _XLSX_WIDTHS[i] - 2 for i, name in enumerate(EXPORT_COLUMNS) if name in _XLSX_WRAPPED
    }
    wrapped = Alignment(vertical="top", wrap_text=True)
    count = 0
    for entry in entries:
        if count + 1 >= XLSX_MAX_ROWS:
            raise InputError(Msg("xlsx_too_many", n=XLSX_MAX_ROWS - 1))
        row: list[object] = []
        for i, value in enumerate(export_values(entry, stamp, district, target_name)):
            if isinstance(value, str):
                text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))
                if i in wrap_past and (_cells(text) > wrap_past[i] or "\n" in text):
                    long_text = WriteOnlyCell(sheet, value=text)
                    long_text.alignment = wrapped
                    row.append(long_text)
                else:
                    row.append(text)
            elif i == amount_at:
                amount = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
                amount.number_format = formats.get(entry.target) or (
                    "#,##0" if entry.amount_c % 100 == 0 else "#,##0.00"
                )
                row.append(amount)
            elif i == void_column:
                row.append(yes_no[0] if value else yes_no[1])
            else:
                row.append(value)
        sheet.append(row)
        count += 1
    return book, count


def write_entries_json(
    entries: Iterable[StoredEntry],
    out: Path | BinaryIO,
    programme: Programme | None = None,
    lang: str = "en",
) -> int:
    """Write entries as a JSON array of objects, streaming; return how many.

    ``amount`` is a JSON number written from the exact decimal (no float rounding), ``void``
    a boolean, ``date`` ISO text. With ``programme``, times are shown in its time zone.
    """
    counted = _Counted(entries)
    with _binary_out(out) as raw:
        for chunk in json_chunks(counted, programme, lang):
            raw.write(chunk)
    return counted.n


def json_chunks(
    entries: Iterable[StoredEntry], programme: Programme | None = None, lang: str = "en"
) -> Iterator[bytes]:
    """The entries as a JSON array (keys and codes the same in every language), in chunks."""
    stamp = stamper(programme)
    target_name = target_namer(programme, lang)
    parts = ["["]
    count = 0
    for entry in entries:
        parts.append(",\n" if count else "\n")
        parts.append(_json_object(entry, stamp, target_name))
        count += 1
        if count % _CHUNK_ROWS == 0:
            yield "".join(parts).encode("utf-8")
            parts.clear()
    parts.append("\n]\n" if count else "]\n")
    yield "".join(parts).encode("utf-8")


# --- the formats of entries and export (see render/registry.py) ------------------------------


def entries_csv(data: EntryRows, lang: str, options: Options | None = None) -> Iterator[bytes]:
    return csv_chunks(data, data.programme, lang)


def entries_json(data: EntryRows, lang: str, options: Options | None = None) -> Iterator[bytes]:
    return json_chunks(data, data.programme, lang)


def entries_xlsx(data: EntryRows, lang: str, options: Options | None = None) -> Iterator[bytes]:
    return xlsx_chunks(data, data.programme, lang)


class _Counted:
    """Entries passed through, counted."""

    def __init__(self, entries: Iterable[StoredEntry]) -> None:
        self.entries = entries
        self.n = 0

    def __iter__(self) -> Iterator[StoredEntry]:
        for entry in self.entries:
            self.n += 1
            yield entry


# The characters a formula can start with (or an apostrophe, which neutralise() may need to
# double): text cells of an export row that start with one are neutralised.
_RISKY_FIRST = frozenset("=+-@\t\r'")


def _csv_row(
    entry: StoredEntry,
    stamp: Callable[[str], str] = _same,
    yes_no: tuple[str, str] = ("true", "false"),
    district_name: Callable[[str], str] = _same,
    target_name: Callable[[str], str] = _same,
    day_text: Callable[[dt.date], str] = dt.date.isoformat,
) -> list[str]:
    """One export row as CSV text: ``export_values`` written out, text neutralised.

    Written out field by field, every text cell checked in line, because an export of a
    million entries spends its time here.
    """
    (
        entry_id,
        uid,
        target,
        date,
        a,
        district,
        by,
        note,
        ref,
        source,
        amends,
        created_at,
        void,
        void_reason,
        _,
        _,
        login,
        _,
    ) = entry  # void_by, void_at and the void's login are not exported to CSV
    risky = _RISKY_FIRST
    if a % 100 == 0:
        amount = str(a // 100)
    elif a > 0:
        # from_hundredths(a) written with :f, without building a Decimal: 12.3, 12.05, 0.5.
        whole, cents = divmod(a, 100)
        amount = f"{whole}.{cents:02d}".rstrip("0")
    else:
        amount = f"{from_hundredths(a):f}"
    shown_at = stamp(created_at)
    district = district_name(district)
    if uid and uid[0] in risky:
        uid = neutralise(uid)
    name = target_name(target)
    if target and target[0] in risky:
        target = neutralise(target)
    if name and name[0] in risky:
        name = neutralise(name)
    login = login or ""
    if login and login[0] in risky:
        login = neutralise(login)
    if district and district[0] in risky:
        district = neutralise(district)
    if by and by[0] in risky:
        by = neutralise(by)
    if note and note[0] in risky:
        note = neutralise(note)
    if ref and ref[0] in risky:
        ref = neutralise(ref)
    if source and source[0] in risky:
        source = neutralise(source)
    if void_reason and void_reason[0] in risky:
        void_reason = neutralise(void_reason)
    if shown_at and shown_at[0] in risky:
        shown_at = neutralise(shown_at)
    return [
        str(entry_id),
        uid,
        target,
        name,
        day_text(date),
        amount,
        district,
        by,
        note,
        ref,
        source,
        "" if amends is None else str(amends),
        yes_no[0] if void else yes_no[1],
        void_reason or "",
        shown_at,
        login,
    ]


def _json_object(
    entry: StoredEntry,
    stamp: Callable[[str], str] = _same,
    target_name: Callable[[str], str] = _same,
) -> str:
    parts = []
    values = export_values(entry, stamp, target_name=target_name)
    for name, value in zip(EXPORT_COLUMNS, values, strict=True):
        if name == "login":
            continue  # below, only where there is one
        if isinstance(value, Decimal):
            shown = f"{value:f}"
        elif isinstance(value, dt.date):
            shown = json.dumps(value.isoformat())
        else:
            shown = json.dumps(value, ensure_ascii=False)
        parts.append(f'"{name}": {shown}')
    if entry.login is not None:  # a server's record of who signed in (a file has none)
        parts.append(f'"login": {json.dumps(entry.login, ensure_ascii=False)}')
        if entry.void:
            parts.append(f'"void_login": {json.dumps(entry.void_login, ensure_ascii=False)}')
    return "{" + ", ".join(parts) + "}"


def _cells(text: str) -> int:
    """About how many columns ``text`` takes: a Chinese (wide) character counts as two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@contextmanager
def _binary_out(out: Path | BinaryIO) -> Iterator[BinaryIO]:
    """A path is written atomically (a failed export leaves no half file); a stream as it is."""
    if isinstance(out, Path):
        with atomic_output(out) as fh:
            yield fh
    else:
        yield out
