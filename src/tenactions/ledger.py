"""Turning what a coordinator typed into an entry the store can keep, with every check.

Shared by ``log``, ``amend`` and the spreadsheet import, so that a row of a district's
spreadsheet is held to exactly the same rules as a typed command.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import unicodedata
import uuid
from decimal import Decimal

from tenactions.amounts import AmountError, parse_amount, to_hundredths
from tenactions.dates import today
from tenactions.errors import InputError
from tenactions.model import Programme, Target
from tenactions.store import NewEntry

MAX_NOTE = 2000
MAX_SHORT = 200


def default_by() -> str:
    """Who is logging: ``TENACTIONS_USER``, else the login name."""
    name = os.environ.get("TENACTIONS_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and cron setups
        return "unknown"


def clean_text(
    value: str | None, what: str, *, limit: int = MAX_SHORT, required: bool = False
) -> str:
    """Trim a free-text field and refuse control characters, over-long text and blanks."""
    text = (value or "").strip()
    if required and not text:
        raise InputError(f"{what} is empty")
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long; at most {limit:,} are kept")
    for ch in text:
        # Control characters (escape sequences, NUL, CR) would corrupt terminals and exports;
        # a tab or newline in a note is allowed.
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
            raise InputError(f"{what} contains a control character (U+{ord(ch):04X})")
    return text


def check_date(programme: Programme, date: dt.date, *, what: str = "date") -> dt.date:
    """Refuse dates outside the programme period or in the future."""
    if not programme.start <= date <= programme.end:
        raise InputError(
            f"{what} {date} is outside the programme period {programme.start} to {programme.end}"
        )
    if date > today():
        raise InputError(f"{what} {date} is in the future (today is {today()})")
    return date


def amount_for(target: Target, text: str | int | float | Decimal | None) -> int:
    """The amount in hundredths; none given means 1 (one event, one union, a milestone done)."""
    try:
        value = parse_amount(text) if text is not None else Decimal(1)
        return to_hundredths(value, decimals=target.decimals, what=f"{target.id} amount")
    except AmountError as exc:
        raise InputError(str(exc)) from None


def district_for(programme: Programme, name: str | None) -> str:
    """The district's canonical (Chinese) name, or ``""`` when none is given."""
    text = (name or "").strip()
    return programme.district(text).name_zh if text else ""


def identity(*, ref: str, district: str) -> str:
    """A new entry's uid: its external reference within its district, else a random one."""
    if ref:
        from tenactions.identity import ref_key

        return ref_key(ref, district)
    return f"log:{uuid.uuid4().hex}"


def new_entry(
    programme: Programme,
    *,
    target: str,
    amount: str | None,
    date: dt.date,
    district: str | None,
    by: str | None,
    note: str | None,
    ref: str | None,
    source: str,
    amends: int | None = None,
) -> tuple[NewEntry, Target]:
    """Validate one typed entry; return it with its target."""
    found = programme.target(target)
    amount_c = amount_for(found, amount)
    check_date(programme, date)
    district_name = district_for(programme, district)
    ref_text = clean_text(ref, "--ref")
    # An amendment replaces a void entry that keeps its identity (its form number stays
    # "already imported"), so the amendment gets one of its own.
    uid = (
        f"amend:{amends}:{uuid.uuid4().hex}"
        if amends is not None
        else identity(ref=ref_text, district=district_name)
    )
    entry = NewEntry(
        uid=uid,
        target=found.id,
        date=date,
        amount_c=amount_c,
        district=district_name,
        by=clean_text(by if by is not None else default_by(), "--by", required=True),
        note=clean_text(note, "--note", limit=MAX_NOTE),
        ref=ref_text,
        source=source,
        amends=amends,
    )
    return entry, found
