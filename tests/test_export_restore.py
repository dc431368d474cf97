"""An export in either language and either format, imported into a new ledger, restores it:
entry numbers, amendment links and voids, whatever the language of the export's headers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tenactions.messages import LANGS, t
from tenactions.sheets.cells import EXPORT_COLUMNS
from tenactions.sheets.tables import HEADER_INDEX, HEADER_NAMES, header_key

# Restoring keeps what an entry says; where it came from (``source``) and when it was
# written (``created_at``) are the restore's own.
RESTORE_OWN = ("source", "created_at")


def ledger_csv(cli, db: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The ledger's English CSV export, without the columns a restore writes anew."""
    result = cli("export", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    keep = [i for i, name in enumerate(rows[0]) if name not in RESTORE_OWN]
    assert len(keep) == len(EXPORT_COLUMNS) - len(RESTORE_OWN)
    return [[row[i] for i in keep] for row in rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_an_export_in_any_language_restores_the_ledger(
    cli, tmp_path: Path, ledger_db: str, new_ledger: Callable[[], str], lang: str, fmt: str
) -> None:  # type: ignore[no-untyped-def]
    db, new = ledger_db, new_ledger()
    for argv in (
        ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化", "--note", "植树节"),
        ("log", "unions", "12", "-d", "2024-06-01"),
        ("log", "trees", "5", "-d", "2024-04-01", "--ref", "F-1"),
        ("void", "2", "--reason", "重复录入"),
        ("amend", "1", "250", "--reason", "数量录错"),
    ):
        assert cli(*argv, "--db", db).exit_code == 0, argv
    export = tmp_path / f"e.{fmt}"
    done = cli("export", "--format", fmt, "--lang", lang, "-o", str(export), "--db", db)
    assert done.exit_code == 0, done

    back = cli("import", str(export), "--db", new, "--lang", lang)

    assert back.exit_code == 0, back
    before = ledger_csv(cli, db)
    after = ledger_csv(cli, new)
    assert after == before
    # entry 2 void with its reason; entry 4 amends entry 1, which is void
    assert [r[0] for r in after[1:]] == ["1", "2", "3", "4"]
    assert after[2][-2:] == ["true", "重复录入"] and after[4][-3:] == ["1", "false", ""]
    report = [cli("report", "--format", "json", "--db", d).stdout for d in (db, new)]
    assert report[0] == report[1] and '"actual"' in report[0]


@pytest.mark.parametrize("lang", LANGS)
def test_every_export_header_reads_back_as_its_own_column(lang: str) -> None:
    # The names come from the export's own catalogue ids: a renamed header is still read.
    for name in EXPORT_COLUMNS:
        if name in HEADER_NAMES:
            assert HEADER_INDEX[header_key(t(lang, "col_" + name))] == name, (lang, name)
