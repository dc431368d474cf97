"""Small helpers the commands share for writing results."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tenactions.render.data import Options
    from tenactions.render.registry import Output

#: Tables are laid out for this many columns off a terminal, unless COLUMNS says otherwise.
DEFAULT_WIDTH = 100
#: Narrower than this, no table reads well; a narrower terminal wraps the lines instead.
MIN_WIDTH = 40


def output_width() -> int:
    """The width to lay tables out for: COLUMNS if set, else the terminal's, else 100."""
    import shutil

    return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def use_color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set."""
    import os

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def layout(output: Path | None = None) -> Options:
    """How a result is laid out: for the terminal when it goes there (its width, colour unless
    NO_COLOR); a file written with --output as if piped, whatever the terminal."""
    from tenactions.render.data import Options

    if output is not None:
        return Options(width=DEFAULT_WIDTH, color=False)
    return Options(width=output_width(), color=use_color())


def format_enum(command: str) -> type[StrEnum]:
    """``command``'s ``--format`` choices as the enum Typer offers and checks, made from the
    output registry's declaration (a command module names it ``XFormat``; to the type
    checker it is ``str``, which every member is)."""
    from tenactions.render.registry import names

    members = {name: name for name in names(command)}
    made: type[StrEnum] = StrEnum(f"{command.title()}Format", members)  # type: ignore[misc]
    return made


def emit(result: Output, output: Path | None = None, *, terminal: bool = False) -> None:
    """Write a renderer's result to ``output`` or standard output ('-' or none): text as
    UTF-8, bytes as they are, chunks as they come (see :func:`tenactions.files.open_output`).
    ``terminal`` text (a format for a person) on standard output is written in the stream's
    encoding instead, as every message is, a character it cannot hold as an escape: a GBK
    console shows the report as it shows ``log``."""
    from tenactions.cli.app import session
    from tenactions.files import open_output

    s = session()
    encoding = "utf-8"
    if terminal and (output is None or str(output) == "-"):
        encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    with open_output(
        output, ledger=s.resolved_db_path(), programme=s.resolved_programme_path()
    ) as fh:
        if isinstance(result, str):
            fh.write(result.encode(encoding, errors="backslashreplace"))
        elif isinstance(result, bytes):
            fh.write(result)
        else:
            for chunk in result:
                fh.write(chunk)
