"""The benchmark's synthetic ledgers: deterministic, and spread over the whole programme."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import sys
from itertools import islice
from pathlib import Path
from types import ModuleType

import pytest

from tenactions.amounts import parse_amount
from tenactions.programme import load_programme

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_rows_other_seed_other_rows(bench: ModuleType) -> None:
    spec = bench.programme_spec()
    first = list(islice(bench.generate_rows(10_000, seed=7, spec=spec), 50))
    again = list(islice(bench.generate_rows(10_000, seed=7, spec=spec), 50))
    other = list(islice(bench.generate_rows(10_000, seed=8, spec=spec), 50))
    assert first == again
    assert first != other
    assert all(len(row) == len(bench.CSV_HEADER) == 7 for row in first)


def test_10k_rows_cover_every_target_and_district_within_the_year(bench: ModuleType) -> None:
    programme = load_programme(ROOT / "data" / "actions.yaml", use_cache=False)
    rows = list(bench.generate_rows(10_000))
    assert len(rows) == 10_000
    assert {r[0] for r in rows} == {t.id for t in programme.targets}
    districts = {programme.district(r[3]).name_zh for r in rows}
    assert len(districts) == 12
    assert districts == {d.name_zh for d in programme.districts}
    days = sorted(dt.date.fromisoformat(r[2]) for r in rows)
    assert dt.date(2024, 1, 1) <= days[0] and days[-1] <= dt.date(2024, 12, 31)
    assert all(parse_amount(r[1]) > 0 for r in rows)
    refs = [(r[3], r[6]) for r in rows if r[6]]
    assert len(refs) == len(set(refs))  # an import refuses a reference repeated in one file


def test_the_csv_file_has_the_import_header(bench: ModuleType, tmp_path: Path) -> None:
    path = bench.write_csv(tmp_path / "ledger.csv", 100, seed=3)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["target", "amount", "date", "district", "by", "note", "ref"]
    assert [tuple(r) for r in rows[1:]] == list(bench.generate_rows(100, seed=3))
    assert bench.csv_is_whole(path, 100)
    path.write_bytes(path.read_bytes()[:-200])  # a damaged file is generated again
    assert not bench.csv_is_whole(path, 100)


def test_the_xlsx_file_holds_the_same_entries_as_the_csv(bench: ModuleType, tmp_path: Path) -> None:
    # The benchmark's XLSX/CSV ratio is only fair if both files mean the same entries.
    from tenactions.sheets import SheetReader

    programme = load_programme(ROOT / "data" / "actions.yaml", use_cache=False)
    csv_file = bench.write_csv(tmp_path / "ledger.csv", 300, seed=5)
    xlsx_file = bench.write_xlsx(csv_file, tmp_path / "ledger.xlsx")

    def entries(path: Path) -> list[object]:
        reader = SheetReader(
            path, programme, default_by="b", source="s", today=dt.date(2024, 12, 31)
        )
        return list(reader)

    from_csv = entries(csv_file)
    assert len(from_csv) == 300
    assert entries(xlsx_file) == from_csv
