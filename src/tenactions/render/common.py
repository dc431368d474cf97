"""What the report formats share: labels, number formatting, the text progress bar."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from tenactions.amounts import format_amount
from tenactions.messages import status_label, t
from tenactions.progress import Report, Status, TargetProgress


def short(value: Decimal | None, lang: str, *, up: bool = False) -> str:
    """An amount in a report, by the one rule of :func:`~tenactions.amounts.format_amount`
    (``""`` when there is none). ``up`` for what is expected, needed or the goal; what was
    done rounds down. Exact figures are in the JSON, CSV and XLSX formats.
    """
    return "" if value is None else format_amount(value, lang, up=up)


def percent(value: Decimal) -> str:
    return f"{value:.1f}%"


def share(value: Decimal) -> str:
    """A 0-1 share as a percentage."""
    return f"{value * 100:.1f}%"


def bar(p: TargetProgress, width: int = 8) -> str:
    """A text progress bar: filled to the percent (capped at the bar's width)."""
    filled = min(width, int(p.percent * width // 100))
    return "█" * filled + "░" * (width - filled)


def goal_text(p: TargetProgress, lang: str, *, with_unit: bool = True) -> str:
    """``3,120/5,000 棵``, or ``2/5 months`` for a recurring target; bare with ``with_unit=False``."""
    numbers = f"{short(p.actual, lang)}/{short(p.goal, lang, up=True)}"
    if not with_unit:
        return numbers
    return f"{numbers}{'' if lang == 'zh' else ' '}{unit_text(p, lang)}"


def unit_text(p: TargetProgress, lang: str) -> str:
    """The unit the actual and goal are counted in: the target's, or its periods."""
    target = p.target
    if target.kind == "recurring":
        return t(lang, target.every or "month") + ("" if lang == "zh" else "s")
    return target.unit(lang)


def counts_line(counts: Mapping[Status, int], lang: str) -> str:
    """``done 3 · on track 5 · behind 1`` (statuses with a count of zero left out)."""
    return " · ".join(f"{status_label(lang, s)} {n}" for s, n in counts.items() if n)


def pace_line(report: Report, lang: str) -> str:
    """时间过半、任务过半: the share of the period gone beside the share of the work done."""
    if lang == "zh":
        return f"时间进度 {share(report.elapsed)}，任务进度 {share(report.work_done)}"
    return f"Period elapsed {share(report.elapsed)}, work done {share(report.work_done)}"


def title(report: Report, lang: str) -> str:
    name = report.programme.name(lang)
    return f"{name} — 截至 {report.as_of}" if lang == "zh" else f"{name} — as of {report.as_of}"
