"""Cell values as the import reads them: text, amounts (scaled by the header's unit) and dates.

A cell may come from CSV (always text) or a workbook (numbers, dates, booleans, times); each
function takes either and returns the value, or raises with the message a bad row shows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from tenactions import dates
from tenactions.amounts import MAX_AMOUNT, AmountError, parse_amount, written_scale
from tenactions.errors import ValueProblem
from tenactions.messages import Msg
from tenactions.sheets.cells import unneutralise
from tenactions.sheets.tables import Columns


def blank(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def cell_text(value: object) -> str:
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


def cell_amount(value: object) -> Decimal:
    if isinstance(value, str):
        return parse_amount(cell_text(value))
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        # A number cell as Excel shows it: 15 significant digits, so that a formula's binary
        # noise (=0.1+0.2 is 0.30000000000000004) reads as the 0.3 the sheet displays.
        return parse_amount(Decimal(f"{value:.15g}"))
    if isinstance(value, int | float | Decimal):
        return parse_amount(value)
    raise AmountError(Msg("cell_not_amount", text=cell_text(value)))


def column_amount(raw: object, columns: Columns) -> Decimal:
    """A cell's amount in base units (see :func:`scaled`). In a column with a scale (万元), a
    cell that is no amount is told to hold the number alone: the usual hint (1.2万) is just
    what such a column refuses."""
    try:
        amount = cell_amount(raw)
    except AmountError as exc:
        unit = columns.unit
        if unit is None or unit.scale == 1 or exc.text.key not in ("not_amount", "not_amount_how"):
            raise
        raise AmountError(
            Msg("cell_not_amount_scaled", text=cell_text(raw), unit=unit.text)
        ) from exc
    return scaled(amount, raw, columns)


def scaled(amount: Decimal, raw: object, columns: Columns) -> Decimal:
    """The amount in base units: a cell under ``金额（万元）`` holding 35 is 350,000 yuan."""
    unit = columns.unit
    if unit is None or unit.scale == 1:
        return amount
    own = written_scale(raw) if isinstance(raw, str) else None
    if own is not None:
        multiplier, base = own
        if multiplier == unit.scale and base == ("元" if unit.money else unit.base):
            # 3000万元 under 金额（万元）: the cell says what the column says, and parsing it
            # applied the 万 already; scaling it again would count it 10,000 times over.
            return amount
        # ￥3,000 or 3000元 under 万元: yuan or 万元? The sheet says both; the user decides.
        raise AmountError(Msg("cell_own_unit", text=str(raw).strip(), unit=unit.text))
    value = amount * unit.scale
    if value > MAX_AMOUNT:
        raise AmountError(Msg("cell_too_large", amount=raw, unit=unit.text))
    return value


# Excel counts days from 1899-12-30; a 5-digit serial is a day between 1927 and 2173.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def cell_date(value: object, period: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """A date cell: a real date, or text as :func:`tenactions.dates.parse_day` reads it, or an
    Excel serial number (``45505``) in a text cell; a number cell as ``20240801``, or as a
    whole serial number whose day is inside ``period``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool | dt.time | dt.timedelta):
        raise ValueProblem(Msg("cell_not_date", text=cell_text(value)))
    if isinstance(value, int | float):
        text = cell_text(value)
        found = dates.parse_day(text) if re.fullmatch(r"\d{8}", text) else None
        if found is None and period is not None and float(value).is_integer():
            # A date cell whose format was lost (re-saved, pasted as values) shows its
            # serial: 45505 is 2024-08-01. Taken only when it falls inside the period.
            serial = int(value)
            if 0 < serial < 2_958_466:  # Excel's last day, 9999-12-31
                day = _EXCEL_EPOCH + dt.timedelta(days=serial)
                if period[0] <= day <= period[1]:
                    found = day
        if found is None:
            raise ValueProblem(Msg("cell_number_not_date", text=text))
        return found
    text = cell_text(value)
    normal = unicodedata.normalize("NFKC", text)
    if _SERIAL.fullmatch(normal):
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(normal)))
    found = dates.parse_day(normal, period)
    if found is None:
        raise ValueProblem(Msg("cell_not_date_how", text=text))
    return found
