"""Small helpers the commands share for writing results."""

import json
import sys
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def console(file: IO[str] | None = None) -> "Console":
    """A Rich console for results: colour only on a terminal and without NO_COLOR.

    Off a terminal Rich already writes plain text; the width is fixed there so that piped
    and cron output does not depend on an environment variable.
    """
    from rich.console import Console

    out = file or sys.stdout
    is_tty = out.isatty()
    return Console(
        file=out,
        width=None if is_tty else 100,
        highlight=False,
        soft_wrap=False,
        emoji=False,
        legacy_windows=False,
    )


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_json(data: Any, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    json.dump(data, out, ensure_ascii=False, indent=2, default=to_jsonable)
    out.write("\n")
