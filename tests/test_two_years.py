"""One ledger holding two years, each with its own programme file: the export restores it
whatever programme is in use, and `check` under either year's programme tells the other
year's entries as a notice, not as errors to void."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tenactions.messages import LANGS, t

from .conftest import SHIPPED, Run, ledger_state
from .test_export_restore import ledger_csv


@pytest.fixture
def p25(tmp_path: Path) -> str:
    """Next year's programme: the shipped one with every date moved to 2025."""
    path = tmp_path / "p25.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace("2024-", "2025-"), "utf-8")
    return str(path)


@pytest.fixture
def two_years(ledger: str, cli: Run, p25: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Entries 1-2 in 2024 (the shipped programme), 3-6 in 2025 (``p25``): 3 amended by 6, 4
    voided, 5 a milestone. Live: 1, 2, 5, 6."""
    monkeypatch.setenv("TENACTIONS_TODAY", "2025-10-01")
    for argv in (
        ("log", "trees", "300", "-d", "2024-03-12", "--district", "从化", "--note", "植树节"),
        ("log", "unions", "12", "-d", "2024-06-01"),
        ("log", "trees", "40", "-d", "2025-03-01", "--ref", "F-1", "--programme", p25),
        ("log", "unions", "7", "-d", "2025-04-01", "--programme", p25),
        ("void", "4", "--reason", "重复录入", "--programme", p25),
        ("log", "sales-week", "-d", "2025-08-10", "--programme", p25),
        ("amend", "3", "45", "--reason", "数量录错", "--programme", p25),
    ):
        done = cli(*argv)
        assert done.exit_code == 0, (argv, done)
    return ledger


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_two_year_export_re_imports_and_restores_under_either_programme(
    two_years: str,
    cli: Run,
    p25: str,
    tmp_path: Path,
    new_ledger: Callable[[], str],
    lang: str,
    fmt: str,
) -> None:
    export = tmp_path / f"all.{fmt}"
    done = cli("export", "--format", fmt, "--lang", lang, "-o", str(export))
    assert done.exit_code == 0, done
    before = ledger_state(two_years)

    for programme in ((), ("--programme", p25)):
        again = cli("import", str(export), "--lang", lang, *programme)
        assert again.exit_code == 0 and "Traceback" not in again.stderr, again
        said = t(lang, "imported", file=export.name, rows=6, added=0, present=6)
        assert said in again.stdout, again
        assert ledger_state(two_years) == before

        new = new_ledger()
        back = cli("import", str(export), "--db", new, "--lang", lang, *programme)
        assert back.exit_code == 0 and "Traceback" not in back.stderr, back
        assert ledger_csv(cli, new) == ledger_csv(cli, two_years)


@pytest.mark.parametrize("lang", LANGS)
def test_a_districts_sheet_of_another_year_is_still_refused(
    two_years: str, cli: Run, tmp_path: Path, lang: str
) -> None:
    # No entry numbers: new entries, judged against the programme in use (2024 here).
    sheet = tmp_path / "district.csv"
    sheet.write_text("目标,日期,数量,区\ntrees,2025-05-01,10,天河\n", encoding="utf-8")
    before = ledger_state(two_years)
    refused = cli("import", str(sheet), "--lang", lang)
    assert refused.exit_code == 1 and "Traceback" not in refused.stderr, refused
    why = t(lang, "date_after_end", date="2025-05-01", end="2024-12-31")
    assert why in refused.stderr, refused
    assert ledger_state(two_years) == before


@pytest.mark.parametrize("lang", LANGS)
def test_check_under_each_years_programme_tells_the_other_year_as_a_notice(
    two_years: str, cli: Run, p25: str, lang: str
) -> None:
    before = ledger_state(two_years)
    for programme, ids, first, start, end in (
        ((), "#5, #6", 5, "2024-01-01", "2024-12-31"),
        (("--programme", p25), "#1, #2", 1, "2025-01-01", "2025-12-31"),
    ):
        checked = cli("check", "--lang", lang, *programme)
        assert checked.exit_code == 0 and "Traceback" not in checked.stderr, checked
        notice = t(lang, "misfit_period", n=2, ids=ids, first=first, start=start, end=end)
        assert "".join(notice.split()) in "".join(checked.stderr.split()), checked.stderr
        other_year = "another year's" if lang == "en" else "属于其他年度"
        assert other_year in notice
        assert ledger_state(two_years) == before
