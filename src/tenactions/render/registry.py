"""Every command's output formats, declared once: the one home of ``--format``.

Each command that prints results (``targets``, ``entries``, ``report``, ``summary``,
``export``) has its formats here, each with the renderer that makes it. Every renderer has one
signature, ``(data, lang, options) -> Output``: text, bytes, or (for an export of a million
entries) an iterator of byte chunks, so that nothing the size of the ledger is held in memory.
A command chooses a format, hands over its data and writes what comes back; its ``--format``
choices are :func:`names` of its formats, so a format added here is offered there.

Renderers are named by module and function and imported only when a format is chosen:
importing this module costs nothing, so ``log`` and ``--help`` never load Rich tables,
openpyxl or the HTML templates (``python -X importtime`` shows it).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tenactions.render.data import Options

#: What a renderer returns: text (written as UTF-8), bytes, or bytes in chunks.
Output = str | bytes | Iterator[bytes]


class Format:
    """One output format of one command: its name, its renderer (``module:function``, imported
    when the format is chosen) and whether it is bytes no terminal can show (xlsx), written
    to a file and never to a screen. A ``terminal`` format is text for a person (a table,
    Markdown, the summary): on standard output it is written in the stream's encoding, like
    every message; the others (CSV, JSON, HTML) are documents in UTF-8 wherever they go.

    A plain class, not a dataclass: this module is imported by every command at start-up.
    """

    __slots__ = ("binary", "name", "renderer", "terminal")

    def __init__(
        self, name: str, renderer: str, *, binary: bool = False, terminal: bool = False
    ) -> None:
        self.name = name
        self.renderer = renderer
        self.binary = binary
        self.terminal = terminal

    def render(self, data: Any, lang: str, options: Options | None = None) -> Output:
        module, _, function = self.renderer.partition(":")
        made = getattr(importlib.import_module(module), function)
        result: Output = made(data, lang, options or _default_options())
        return result


def _default_options() -> Options:
    from tenactions.render.data import Options

    return Options()


def _formats(*formats: Format) -> dict[str, Format]:
    return {f.name: f for f in formats}


_ENTRY_CSV = Format("csv", "tenactions.sheets.writing:entries_csv")
_ENTRY_JSON = Format("json", "tenactions.sheets.writing:entries_json")
_ENTRY_XLSX = Format("xlsx", "tenactions.sheets.writing:entries_xlsx", binary=True)

#: Each command's formats, the first its default, in the order ``--help`` lists them.
FORMATS: dict[str, dict[str, Format]] = {
    "targets": _formats(
        Format("table", "tenactions.render.targets_table:render", terminal=True),
        Format("json", "tenactions.render.json:render_targets"),
    ),
    "entries": _formats(
        Format("table", "tenactions.render.entries_table:render", terminal=True),
        _ENTRY_CSV,
        _ENTRY_XLSX,
        _ENTRY_JSON,
    ),
    "report": _formats(
        Format("table", "tenactions.render.table:render", terminal=True),
        Format("markdown", "tenactions.render.markdown:render", terminal=True),
        Format("csv", "tenactions.render.csv:render"),
        Format("json", "tenactions.render.json:render"),
        Format("html", "tenactions.render.html:render"),
        Format("xlsx", "tenactions.render.xlsx:render", binary=True),
    ),
    "summary": _formats(
        Format("text", "tenactions.render.summary_text:render", terminal=True),
        Format("markdown", "tenactions.render.summary_markdown:render", terminal=True),
        Format("json", "tenactions.render.json:render_summary"),
    ),
    "export": _formats(
        _ENTRY_CSV,
        _ENTRY_XLSX,
        _ENTRY_JSON,
    ),
}


def names(command: str) -> tuple[str, ...]:
    """The ``--format`` choices of ``command``, its default first."""
    return tuple(FORMATS[command])


def get(command: str, name: str) -> Format:
    return FORMATS[command][name]


def render(command: str, name: str, data: Any, lang: str, options: Options | None = None) -> Output:
    """``command``'s output in format ``name``: the one way every command's results are made."""
    return FORMATS[command][name].render(data, lang, options)
