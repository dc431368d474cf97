"""A district's original file re-sent after one of its entries was amended: the amendment is
the newer word. The row is not counted again and does not refuse the file (its other, new rows
count); the user is told which entry replaced it. A row that says neither what the entry first
said nor what it says now is still refused, naming the amend to run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import Run

ORIGINAL = "target,amount,date,district\nunions,4,2024-09-06,天河\ntrees,100,2024-09-07,天河\n"


def unions_total(cli: Run) -> str:
    done = cli("report", "--format", "csv", "--lang", "en")
    assert done.exit_code == 0, done
    rows = csv.DictReader(io.StringIO(done.stdout.lstrip("\ufeff")))
    return next(row["actual"] for row in rows if row["id"] == "unions")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_original_file_resent_after_an_amendment_counts_once(
    ledger: str, cli: Run, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-10-01")
    original = tmp_path / "th.csv"
    original.write_text(ORIGINAL, encoding="utf-8")
    assert cli("import", str(original)).exit_code == 0
    assert cli("amend", "1", "5").exit_code == 0  # the district rang: 5 unions, not 4
    assert unions_total(cli) == "5"
    # The same file again, with one new row: the new row counts, the amended one does not.
    resent = tmp_path / "th-again.csv"
    resent.write_text(ORIGINAL + "unions,2,2024-09-20,天河\n", encoding="utf-8")
    done = cli("import", str(resent), "--lang", lang)
    assert done.exit_code == 0, done
    assert "Traceback" not in done.stderr
    said = {
        "en": "th-again.csv:2: this row is entry 1 as first recorded, amended since (entry 3:",
        "zh": "th-again.csv:2: 该行即第 1 条记录的原始内容，该记录已更正（第 3 条：",
    }[lang]
    assert said in done.stderr, done.stderr
    assert unions_total(cli) == "7"
    # The corrected file is recognised too; a third figure is refused, naming the amend.
    corrected = tmp_path / "th-corrected.csv"
    corrected.write_text(ORIGINAL.replace("unions,4,", "unions,5,"), encoding="utf-8")
    assert cli("import", str(corrected)).exit_code == 0
    assert unions_total(cli) == "7"
    other = tmp_path / "th-other.csv"
    other.write_text(
        "target,amount,date,district,ref\nunions,9,2024-09-06,天河,F-1\n", encoding="utf-8"
    )
    assert cli("import", str(other)).exit_code == 0  # a form of its own: a different record
    assert unions_total(cli) == "16"
