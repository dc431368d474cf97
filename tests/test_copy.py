"""`tenactions copy`: a whole ledger moved between an SQLite file and a PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ledger_state


def report(cli, db: str, *args: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    result = cli("--db", db, "report", "--as-of", "2024-10-01", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def a_used_ledger(cli, db: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Logs, an import with and without form numbers, a void and an amendment."""
    sheet = tmp_path / "天河区.csv"
    sheet.write_text(
        "目标,数量,日期,区,编号\n植树,300,2024-09-01,天河,F-1\n基层工会,2,2024-09-02,天河,F-2\n"
        "植树,40,2024-09-03,越秀,\n植树,40,2024-09-03,越秀,\n",
        encoding="utf-8",
    )
    assert cli("--db", db, "import", str(sheet)).exit_code == 0
    assert (
        cli("--db", db, "log", "trees", "5", "-d", "2024-03-01", "--district", "海珠").exit_code
        == 0
    )
    assert cli("--db", db, "void", "2", "--reason", "重复").exit_code == 0
    assert cli("--db", db, "amend", "1", "350", "--reason", "更正").exit_code == 0


@pytest.mark.parametrize("direction", ["file-to-server", "server-to-file"])
def test_a_copy_reads_the_same_and_a_second_copy_adds_nothing(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, pg_url: str, direction: str
) -> None:
    file = str(tmp_path / "office.db")
    source, dest = (file, pg_url) if direction == "file-to-server" else (pg_url, file)
    a_used_ledger(cli, source, tmp_path)
    before = report(cli, source), report(cli, source, "--by", "district")

    first = cli("copy", "--from", source, "--to", dest)
    assert first.exit_code == 0, first
    assert "6 entries (2 void)" in first.stdout
    assert report(cli, dest) == before[0]
    assert report(cli, dest, "--by", "district") == before[1]
    assert ledger_state(dest) == ledger_state(source)  # ids, identities, voids, totals

    again = cli("copy", "--from", source, "--to", dest)
    assert again.exit_code == 0, again
    assert "0 entries (0 void)" in again.stdout and "6 already there" in again.stdout
    assert ledger_state(dest) == ledger_state(source)

    # The identities came along: rows of the sheet imported into the copy are found (the two
    # without a form number by their content), and a new entry in the copy takes the next id.
    rows = tmp_path / "越秀区.csv"
    rows.write_text(
        "目标,数量,日期,区,编号\n植树,40,2024-09-03,越秀,\n植树,40,2024-09-03,越秀,\n",
        encoding="utf-8",
    )
    again_rows = cli("--db", dest, "import", str(rows))
    assert "0 added, 2 already present" in again_rows.stdout, again_rows
    logged = cli("--db", dest, "log", "trees", "1")
    assert logged.exit_code == 0, logged
    # (a server may skip ids that a refused or skipped insert drew: never reuses one)
    assert int(logged.stdout.split()[2].rstrip(":")) > 6


def test_a_copy_never_merges_two_ledgers(cli, tmp_path: Path, pg_url: str) -> None:  # type: ignore[no-untyped-def]
    file = str(tmp_path / "office.db")
    assert cli("--db", file, "log", "trees", "5").exit_code == 0
    assert cli("--db", pg_url, "log", "trees", "6").exit_code == 0
    before = ledger_state(pg_url)
    refused = cli("copy", "--from", file, "--to", pg_url)
    assert refused.exit_code == 1
    assert "holds other entries under the same ids (e.g. entry 1)" in refused.stderr
    assert ledger_state(pg_url) == before


def test_a_missing_source_is_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("copy", "--from", str(tmp_path / "nope.db"), "--to", str(tmp_path / "b.db"))
    assert result.exit_code == 1
    assert "there is no ledger at" in result.stderr
    assert not (tmp_path / "b.db").exists()
