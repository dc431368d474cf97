"""One module per output format, each with ``render(data, lang) -> str | bytes``.

Formats are looked up by name and imported only when asked for, so that ``report --format
json`` never pays for openpyxl or the HTML templates.
"""

from __future__ import annotations

import importlib
from typing import Any

REPORT_FORMATS = ("table", "markdown", "csv", "json", "html", "xlsx")
SUMMARY_FORMATS = ("text", "markdown", "json")

_REPORT_MODULES = {name: f"tenactions.render.{name}" for name in REPORT_FORMATS}
_SUMMARY_MODULES = {
    "text": "tenactions.render.summary_text",
    "markdown": "tenactions.render.summary_markdown",
    "json": "tenactions.render.json",
}


def render_report(fmt: str, report: Any, lang: str) -> str | bytes:
    module = importlib.import_module(_REPORT_MODULES[fmt])
    result: str | bytes = module.render(report, lang)
    return result


def render_summary(fmt: str, summary: Any, lang: str) -> str:
    module = importlib.import_module(_SUMMARY_MODULES[fmt])
    if fmt == "json":
        result: str = module.render_summary(summary, lang)
    else:
        result = module.render(summary, lang)
    return result
