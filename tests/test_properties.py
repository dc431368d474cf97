"""Properties over random ledgers, on real SQLite files (hypothesis).

Parsing then formatting an amount gives the amount back: that property lives with the amount
parser, in test_amounts.py (``test_round_trip_hundredths``, ``test_round_trip_text``).
Here: report totals equal an independent sum; voiding is final and touches one entry only;
re-importing a file or its export adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tenactions.amounts import from_hundredths
from tenactions.errors import InputError
from tenactions.programme import load_programme
from tenactions.progress import build_report
from tenactions.render.json import dumps, number, report_json
from tenactions.sheets import SheetReader, write_entries_csv, write_entries_xlsx
from tenactions.store import NewEntry, Store, open_store

from .conftest import SHIPPED

PROGRAMME = load_programme(SHIPPED, use_cache=False)
TODAY = dt.date(2024, 10, 1)
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
# Whole-number and money targets, a milestone and a recurring one.
TARGETS = ("trees", "purchasing", "unions", "sales-week", "monthly-care")
DISTRICTS = ("", "越秀区", "天河区")

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def new_entries(draw: st.DrawFn, max_size: int = 25) -> list[NewEntry]:
    """Entries of a random ledger: any target, day of 2024, exact amount and district."""
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(TARGETS),
                st.dates(*YEAR),
                st.integers(1, 10**7),
                st.sampled_from(DISTRICTS),
            ),
            max_size=max_size,
        )
    )
    entries = []
    for i, (target, date, amount, district) in enumerate(rows):
        decimals = PROGRAMME.target(target).decimals
        entries.append(
            NewEntry(
                uid=f"p:{i}",
                target=target,
                date=date,
                amount_c=amount if decimals else amount * 100,
                district=district,
                by="hypothesis",
                note="",
                ref="",
                source="test",
            )
        )
    return entries


@contextmanager
def ledger(entries: list[NewEntry], voided: set[int] = frozenset()) -> Iterator[Store]:  # type: ignore[assignment]
    """A fresh ledger file holding ``entries`` (ids 1, 2, ... in order), some of them void."""
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "ledger.db") as store:
        store.import_entries(entries)
        for i in sorted(voided):
            if i < len(entries):
                store.void(i + 1, "wrong", "hypothesis")
        yield store


def snapshot(store: Store) -> list[tuple[object, ...]]:
    conn = store.conn
    rows = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    rows += conn.execute("SELECT * FROM voids ORDER BY entry_id").fetchall()
    rows += conn.execute("SELECT * FROM daily_totals ORDER BY 1, 2, 3").fetchall()
    rows += conn.execute("SELECT * FROM target_days ORDER BY 1, 2").fetchall()
    rows += conn.execute("SELECT * FROM identity_keys ORDER BY 1").fetchall()
    return rows


# --- report totals -------------------------------------------------------------------------


@SETTINGS
@given(
    entries=new_entries(),
    voided=st.sets(st.integers(0, 24)),
    as_of=st.dates(dt.date(2023, 12, 1), dt.date(2025, 1, 31)),
)
def test_report_totals_equal_the_sum_of_live_entries(
    entries: list[NewEntry], voided: set[int], as_of: dt.date
) -> None:
    with ledger(entries, voided) as store:
        totals = store.totals(as_of, districts=True)
    report = build_report(PROGRAMME, totals, as_of, by_district=True)
    # As the JSON report writes it, digit for digit, read back without a float.
    written = json.loads(dumps(report_json(report, "en")), parse_float=Decimal)
    shown = {t["id"]: t for t in written["targets"]}

    for p in report.targets:
        live = [
            e
            for i, e in enumerate(entries)
            if e.target == p.target.id and i not in voided and e.date <= as_of
        ]
        total = from_hundredths(sum(e.amount_c for e in live))
        per_district = {
            d: from_hundredths(sum(e.amount_c for e in live if e.district == d)) for d in DISTRICTS
        }
        assert p.by_district == {d: v for d, v in per_district.items() if v}
        assert sum(p.by_district.values(), Decimal(0)) == total
        assert p.last_entry == max((e.date for e in live), default=None)
        if p.target.kind != "recurring":  # a recurring target's actual counts periods met
            assert p.actual == total
            assert shown[p.target.id]["actual"] == number(total)


# --- voiding -------------------------------------------------------------------------------


@SETTINGS
@given(entries=new_entries().filter(bool), voided=st.sets(st.integers(0, 24)), data=st.data())
def test_a_void_is_final_and_touches_one_entry(
    entries: list[NewEntry], voided: set[int], data: st.DataObject
) -> None:
    live = [i for i in range(len(entries)) if i not in voided]
    if not live:
        return
    k = data.draw(st.sampled_from(live))
    with ledger(entries, voided) as store:
        before = list(store.entries(include_void=True, newest_first=False))
        total_before = store.total_c(entries[k].target)

        store.void(k + 1, "重复录入", "hypothesis")

        after = list(store.entries(include_void=True, newest_first=False))
        assert len(after) == len(before)
        for old, new in zip(before, after, strict=True):
            if old.id != k + 1:
                assert new == old
            else:
                assert not old.void and new.void and new.void_reason == "重复录入"
                assert new._replace(void=False, void_reason=None, void_by=None, void_at=None) == old
        assert store.total_c(entries[k].target) == total_before - entries[k].amount_c

        kept = snapshot(store)
        with pytest.raises(InputError, match=f"entry {k + 1} is already void"):
            store.void(k + 1, "again", "someone else")
        assert snapshot(store) == kept
        assert store.check() == []


# --- re-importing --------------------------------------------------------------------------

# Free text as districts type it, formula-looking text included; control characters are
# refused on import (see test_hostile.py), so they are not generated here.
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    st.sampled_from(['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(1)", "'=already"]),
)


@st.composite
def district_rows(draw: st.DrawFn) -> list[list[str]]:
    """The rows of a district's spreadsheet: amounts and dates in the ways people write them."""
    rows = []
    for i in range(draw(st.integers(0, 12))):
        target = draw(st.sampled_from(TARGETS))
        units = draw(st.integers(1, 10**6))
        amount = draw(st.sampled_from([str(units), f"{units:,}"]))
        if PROGRAMME.target(target).decimals and draw(st.booleans()):
            amount = f"{units}.{draw(st.integers(0, 99)):02d}"
        date = draw(st.dates(YEAR[0], TODAY))
        written = draw(
            st.sampled_from([date.isoformat(), f"{date.year}/{date.month}/{date.day}",
                             f"{date.year}年{date.month}月{date.day}日"])
        )  # fmt: skip
        district = draw(st.sampled_from(["", "越秀", "天河区", "Tianhe"]))
        ref = f"F-{i}" if draw(st.booleans()) else ""
        rows.append([target, amount, written, district, draw(TEXT), draw(TEXT), ref])
    return rows


def import_file(store: Store, path: Path) -> int:
    reader = SheetReader(path, PROGRAMME, default_by="importer", source="import", today=TODAY)
    return store.import_entries(reader).added


@SETTINGS
@given(rows=district_rows(), fmt=st.sampled_from(["csv", "xlsx"]), data=st.data())
def test_importing_a_file_again_or_its_export_adds_nothing(
    rows: list[list[str]], fmt: str, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        original = folder / "district.csv"
        with original.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["target", "amount", "date", "district", "by", "note", "ref"])
            writer.writerows(rows)
        with open_store(folder / "ledger.db") as store:
            assert import_file(store, original) == len(rows)
            voided = data.draw(st.sets(st.integers(1, max(len(rows), 1))))
            for entry_id in voided & set(range(1, len(rows) + 1)):
                store.void(entry_id, "wrong", "hypothesis")
            kept = snapshot(store)

            assert import_file(store, original) == 0
            exported = folder / f"export.{fmt}"
            writer_for = write_entries_csv if fmt == "csv" else write_entries_xlsx
            count = writer_for(store.entries(include_void=True, newest_first=False), exported)
            assert count == len(rows)
            assert import_file(store, exported) == 0
            assert snapshot(store) == kept
            assert store.check() == []


def test_the_snapshot_sees_every_table(tmp_path: Path) -> None:
    """The properties above compare snapshots: a change to any table must show in one."""
    entry = NewEntry("u", "trees", dt.date(2024, 3, 1), 100, "", "me", "", "", "test")
    with open_store(tmp_path / "ledger.db") as store:
        store.add(entry)
        first = snapshot(store)
        store.void(1, "x", "me")
        assert snapshot(store) != first
    with sqlite3.connect(tmp_path / "ledger.db") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    conn.close()
    assert tables == {"entries", "voids", "daily_totals", "target_days", "identity_keys"}


@SETTINGS
@given(ref=st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=12))
def test_an_ascii_form_number_is_normalised_as_any_other(ref: str) -> None:
    # normal_ref takes a shortcut for ASCII; it must agree with the general rule.
    import unicodedata

    from tenactions.identity import _INVISIBLE, normal_ref

    general = _INVISIBLE.sub("", unicodedata.normalize("NFKC", ref)).casefold().strip()
    assert normal_ref(ref) == general
