"""The output registry: every command's formats declared once, chosen by name, loaded late."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
import typer

from tenactions.cli.app import load_commands
from tenactions.render.registry import FORMATS


def _format_choices(command: str) -> list[str]:
    group = typer.main.get_command(load_commands())
    option = next(p for p in group.commands[command].params if p.name == "fmt")  # type: ignore[attr-defined]
    return list(option.type.choices)


@pytest.mark.parametrize("command", sorted(FORMATS))
def test_each_command_offers_exactly_its_declared_formats(command: str) -> None:
    assert _format_choices(command) == list(FORMATS[command])


@pytest.mark.parametrize(
    ("command", "name"), [(c, n) for c, formats in FORMATS.items() for n in formats]
)
def test_every_declared_renderer_exists(command: str, name: str) -> None:
    module, _, function = FORMATS[command][name].renderer.partition(":")
    assert callable(getattr(importlib.import_module(module), function))


@pytest.mark.parametrize("args", [["--help"], ["log", "--help"], ["info"]])
def test_start_up_loads_no_renderer(args: list[str]) -> None:
    """`log` and `--help` pay for the registry's declaration, never for a renderer."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tenactions", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "tenactions.render.registry" in modules  # the scan sees what it should
    loaded = {m for m in modules if m.startswith(("tenactions.render.", "tenactions.sheets"))}
    assert loaded == {"tenactions.render.registry"}
    assert not {m for m in modules if m.startswith(("openpyxl", "rich.table"))}
