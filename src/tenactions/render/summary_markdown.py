"""The weekly summary in Markdown, for mail and group chats."""

from __future__ import annotations

from tenactions.progress import Summary
from tenactions.render.data import Options
from tenactions.render.markdown import cell
from tenactions.render.summary_text import sections


def render(summary: Summary, lang: str, options: Options | None = None) -> str:
    heading, parts = sections(summary, lang)
    lines = [f"## {cell(heading)}"]
    for head, body in parts:
        lines.append("")
        if head:
            lines += [f"**{head}**", ""]
            lines += [f"- {cell(line)}" for line in body]
        else:
            lines += [f"{cell(line)}  " for line in body]
    return "\n".join(lines) + "\n"
