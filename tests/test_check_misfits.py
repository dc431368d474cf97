"""`tenactions check` finds entries written around tenactions (the sqlite3 shell, or a district
role's psql on a server) that no command would have written: the database cannot know the
programme, so only check, which loads it, can see them. Entries are never changed: check names
them and says how to void them, and --repair leaves them."""

from __future__ import annotations

import pytest

from .conftest import Run, execute, ledger_state


def insert(location: str, rows: list[tuple[str, str, int]]) -> None:
    """Raw rows (target, date, amount in hundredths) in 天河区, as the ledger's owner. A server
    stamps created_at and login itself: they are left out there."""
    server = location.startswith("postgresql://")
    columns = "uid, target, date, amount_c, district, by, source" + (
        "" if server else ", created_at"
    )
    stamp = "" if server else ", '2024-08-01T00:00:00'"
    for n, (target, date, amount_c) in enumerate(rows):
        execute(
            location,
            f"INSERT INTO entries ({columns}) VALUES (?, ?, ?, ?, '天河区', 'psql', 'log'{stamp})",
            (f"raw:{n}:{target}:{date}", target, date, amount_c),
        )


EXPECTED = {
    "en": [
        "1 entry (#2) of Direct-sales week on Beijing Road (sales-week) dated outside its window"
        " (2024-08-01 to 2024-08-31)",
        "1 entry (#3) dated outside this programme's period (2024-01-01 to 2024-12-31)",
        "tenactions void 3 --reason",
        "1 entry (#4) of Trees planted by volunteers (trees) with an amount that is not a whole"
        " number, which 'tenactions log' refuses",
    ],
    "zh": [
        "有 1 条记录（#2）的日期不在其时间窗口（2024-08-01 至 2024-08-31）内",
        "1 条记录（#3）的日期不在本计划期间（2024-01-01 至 2024-12-31）内",
        "tenactions void 3 --reason",
        "有 1 条记录（#4）的数量不是整数",
    ],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_names_entries_no_command_would_write(
    ledger: str, cli: Run, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-10-01")
    assert cli("log", "trees", "5", "--date", "2024-08-01").exit_code == 0
    assert cli("check").exit_code == 0
    insert(
        ledger,
        [
            ("sales-week", "2024-03-01", 100),  # a milestone outside its window
            ("trees", "1900-08-01", 100),  # outside the programme's period
            ("trees", "2024-08-01", 1),  # 0.01 trees
            ("no-such-target", "2024-08-01", 100),
        ],
    )
    before = ledger_state(ledger)
    checked = cli("--lang", lang, "check")
    assert checked.exit_code == 1 and "Traceback" not in checked.stderr, checked
    said = " ".join(checked.stderr.split())
    for line in EXPECTED[lang]:
        assert line in said, (line, checked.stderr)
    repaired = cli("--lang", lang, "check", "--repair")
    assert repaired.exit_code == 1 and "Traceback" not in repaired.stderr, repaired
    never = "--repair never changes an entry" if lang == "en" else "--repair 从不修改记录"
    assert never in repaired.stderr
    # Once the totals are rebuilt (an SQLite file keeps them outside the database's triggers),
    # the unknown target is named as before.
    unknown = "no-such-target (1 entry)" if lang == "en" else "no-such-target（1 条）"
    assert unknown in repaired.stderr
    assert [row for row in ledger_state(ledger)[:-1]] == before[:-1]  # entries unchanged
    # Voided, they no longer count, and check passes again.
    for n in (2, 3, 4):
        assert cli("void", str(n), "--reason", "written around tenactions").exit_code == 0
    left = cli("check")
    assert "not in the programme" in left.stderr and "#" not in left.stderr, left


def test_check_lists_the_first_entries_and_counts_them_all(
    ledger: str, cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-10-01")
    insert(ledger, [("trees", f"2023-12-{day:02d}", 100) for day in range(1, 8)])
    insert(ledger, [("trees", "2024-11-01", 100)])
    insert(ledger, [("coupons", "2024-08-01", 1), ("coupons", "2024-08-01", 105)])
    checked = cli("check")
    assert checked.exit_code == 1 and "Traceback" not in checked.stderr, checked
    said = " ".join(checked.stderr.split())
    assert "7 entries (#1, #2, #3, #4, #5, …) dated outside this programme's period" in said
    assert "tenactions void 1 --reason" in said
    assert "1 entry (#8) dated after today (2024-10-01)" in said
    # Yuan take two decimal places: 0.01 and 1.05 yuan are what log would take.
    assert "(coupons)" not in said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_check_counts_each_differing_totals_row_once(ledger: str, cli: Run, lang: str) -> None:
    for district in ("天河区", "海珠区"):
        assert (
            cli("log", "trees", "5", "--date", "2024-08-01", "--district", district).exit_code == 0
        )
    execute(
        ledger,
        "UPDATE daily_totals SET amount_c = amount_c + 100"
        " WHERE target = 'trees' AND date = '2024-08-01' AND district = '天河区'",
    )
    checked = cli("--lang", lang, "check")
    assert checked.exit_code == 1 and "Traceback" not in checked.stderr, checked
    said = " ".join(checked.stderr.split())
    if lang == "en":
        assert "in 1 row (by target, day and district), e.g. trees 2024-08-01 天河区" in said, said
    else:
        assert "每日合计与记录不一致（1 行，例如 trees 2024-08-01 天河区）" in said, said
    assert cli("check", "--repair").exit_code == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_entry_logged_with_force_outside_its_window_is_a_notice_not_a_failure(
    ledger: str, cli: Run, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The ledger does not record which entries were forced: an honest `log --force` must not
    # make every nightly check fail, yet the entry is still named.
    monkeypatch.setenv("TENACTIONS_TODAY", "2024-10-01")
    assert cli("log", "sales-week", "--date", "2024-03-01").exit_code == 1  # refused...
    forced = cli("log", "sales-week", "--date", "2024-03-01", "--force")
    assert forced.exit_code == 0, forced  # ...unless forced
    checked = cli("check", "--lang", lang)
    assert checked.exit_code == 0, checked
    assert EXPECTED[lang][0].replace("#2", "#1") in checked.stderr, checked.stderr
    assert "Traceback" not in checked.stderr
