"""Small helpers the commands share for writing results."""

import sys
from typing import IO, Any

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


def write_json(data: Any, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    from tenactions.render.json import dumps

    out.write(dumps(data) + "\n")  # decimals digit for digit, not through a float
