"""targets, check, info and the global options, through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import SHIPPED
from .test_programme import MINIMAL


def test_targets_json_lists_every_target(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("targets", "--format", "json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)
    assert len(rows) == 22
    assert {r["action"] for r in rows} == set(range(1, 11))
    trees = next(r for r in rows if r["id"] == "trees")
    assert trees == trees | {
        "name_zh": "义务植树",
        "kind": "cumulative",
        "goal": 5000,
        "unit": "trees",
        "start": "2024-01-01",
        "due": None,
    }
    week = next(r for r in rows if r["id"] == "sales-week")
    assert week["due"] == "2024-08-31" and week["kind"] == "milestone"
    purchasing = next(r for r in rows if r["id"] == "purchasing")
    assert purchasing["goal"] == 1_000_000_000 and isinstance(purchasing["goal"], int)


def test_targets_takes_repeated_actions_like_report(cli) -> None:  # type: ignore[no-untyped-def]
    # -a 10 -a 2: both actions, in the programme's order (action 2 has purchasing, 10 does not).
    rows = json.loads(cli("targets", "-a", "10", "-a", "2", "--format", "json").stdout)
    assert sorted({r["action"] for r in rows}) == [2, 10]
    assert rows[0]["action"] == 2 and "purchasing" in {r["id"] for r in rows}
    table = cli("--lang", "en", "targets", "-a", "2", "-a", "10").stdout
    assert "Action 2" in table and "Action 10" in table
    assert table.index("Action 2") < table.index("Action 10")
    refused = cli("targets", "-a", "2", "-a", "11")
    assert refused.exit_code != 0 and "11" in refused.stderr


def test_targets_table_in_chinese_and_english(cli) -> None:  # type: ignore[no-untyped-def]
    zh = cli("targets", "--action", "6", "--lang", "zh")
    assert zh.exit_code == 0
    assert "义务植树" in zh.stdout and "5,000棵" in zh.stdout and "行动 6" in zh.stdout
    en = cli("--lang", "en", "targets", "-a", "6")
    assert "Trees planted by volunteers" in en.stdout and "Action 6" in en.stdout


def test_language_follows_env_and_locale(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("TENACTIONS_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "行动 6" in cli("targets", "-a", "6").stdout
    monkeypatch.setenv("TENACTIONS_LANG", "en")
    assert "Action 6" in cli("targets", "-a", "6").stdout


def test_unknown_action_and_bad_lang(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("targets", "--action", "11")
    assert result.exit_code == 1
    assert "there is no action 11" in result.stderr
    bad = cli("targets", "--lang", "fr")
    assert bad.exit_code == 2


def test_check_ok(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("check")
    assert result.exit_code == 0, result
    assert "Programme OK" in result.stdout and "does not exist yet" in result.stdout
    assert not db.exists()  # check never creates a database
    cli("log", "trees", "5", "--date", "2024-03-01")
    result = cli("check")
    assert result.exit_code == 0 and "Database OK" in result.stdout and "1 entry," in result.stdout


def test_check_refuses_a_broken_programme_with_lines(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text(
        MINIMAL.replace("goal: 5000", "goal: 0").replace("kind: cumulative", "kind: x"), "utf-8"
    )
    result = cli("check", "--programme", str(path))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"tenactions: error: {path}:16:15: action 1 / target trees / kind:")
    assert f"{path}:17:15: action 1 / target trees / goal:" in lines[1]
    assert "Traceback" not in result.stderr


def test_env_programme_is_used(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL, "utf-8")
    monkeypatch.setenv("TENACTIONS_PROGRAMME", str(path))
    rows = json.loads(cli("targets", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["trees"]


def test_info(cli, db: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("info")
    assert result.exit_code == 0
    assert "tenactions 0.1.0" in result.stdout
    assert f"programme: {SHIPPED}" in result.stdout
    assert f"database:  {db} (TENACTIONS_DB; does not exist yet; log or import creates it)" in (
        result.stdout
    )


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--version").stdout.strip() == "tenactions 0.1.0"


def test_every_command_has_help_with_an_example(cli) -> None:  # type: ignore[no-untyped-def]
    from tenactions.cli.app import load_commands

    app = load_commands()
    names = [c.name for c in app.registered_commands]
    assert {
        "targets",
        "check",
        "info",
        "log",
        "entries",
        "void",
        "amend",
        "import",
        "export",
        "backup",
    } <= set(names)
    readme = (SHIPPED.parents[1] / "README.md").read_text("utf-8")
    for name in names:
        result = cli(name, "--help")
        assert result.exit_code == 0, name
        assert "Example: tenactions" in result.stdout, name
        assert f"tenactions {name}" in readme, f"README has no example of {name}"
    groups = {g.name: g.typer_instance for g in app.registered_groups}
    assert "access" in groups
    for group, sub in groups.items():
        assert sub is not None
        for command in sub.registered_commands:
            result = cli(group, str(command.name), "--help")
            assert result.exit_code == 0, (group, command.name)
            assert "Example: tenactions" in result.stdout, (group, command.name)
            assert f"tenactions {group} {command.name}" in readme


def test_default_database_lives_in_the_user_data_folder(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TENACTIONS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    out = cli("info").stdout
    assert f"database:  {tmp_path / 'data' / 'tenactions' / 'tenactions.db'} (default" in out
    assert cli("log", "trees", "1", "-d", "2024-03-01").exit_code == 0
    assert (tmp_path / "data" / "tenactions" / "tenactions.db").exists()


def test_debug_shows_the_traceback(sh) -> None:  # type: ignore[no-untyped-def]
    plain = sh("log", "tres", "5")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    debug = sh("--debug", "log", "tres", "5")
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "InputError: unknown target 'tres'" in debug.stderr
