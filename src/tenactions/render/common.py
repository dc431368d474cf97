"""What the report formats share: labels, number formatting, the text progress bar."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from tenactions.amounts import format_amount
from tenactions.messages import status_label, t
from tenactions.progress import Report, Status, TargetProgress


def amount(value: Decimal | None) -> str:
    """An exact amount: ``1,234.56``."""
    return "" if value is None else format_amount(value)


def short(value: Decimal | None, lang: str) -> str:
    """An amount for reading at a glance: ``7.8亿``/``780M``, ``81万``/``810k``, ``751``, ``0.5``.

    Below 10,000 the amount is exact (it is already rounded by :mod:`tenactions.progress`).

    Reports round for readability; exact figures are in the JSON, CSV and XLSX formats.
    """
    if value is None:
        return ""
    v = Decimal(value)
    units = (
        (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
        if lang == "zh"
        else (("B", Decimal(10) ** 9), ("M", Decimal(10) ** 6), ("k", Decimal(10) ** 3))
    )
    for suffix, size in units:
        if abs(v) >= size * 10 or (suffix in ("亿", "B", "M") and abs(v) >= size):
            scaled = (v / size).quantize(Decimal("0.01")).normalize()
            return f"{scaled:,f}{suffix}"
    # Below the abbreviations the figure is shown exactly as progress rounded it, so the
    # table, Markdown and HTML agree with the JSON, CSV and XLSX.
    return format_amount(v)


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
    numbers = f"{short(p.actual, lang)}/{short(p.goal, lang)}"
    if not with_unit:
        return numbers
    return f"{numbers}{'' if lang == 'zh' else ' '}{unit_text(p, lang)}"


def unit_text(p: TargetProgress, lang: str) -> str:
    """The unit the actual and goal are counted in: the target's, or its periods."""
    target = p.target
    if target.kind == "recurring":
        return t(lang, target.every or "month") + ("" if lang == "zh" else "s")
    return target.unit(lang)


def status_text(p: TargetProgress, lang: str) -> str:
    """The status label, with "early"/"late" for a target done outside its window."""
    label = status_label(lang, p.status)
    if p.timing is None:
        return label
    timing = t(lang, f"timing_{p.timing}")
    return f"{label}（{timing}）" if lang == "zh" else f"{label} ({timing})"


def period_note(report: Report, lang: str) -> str | None:
    """Says so when the as-of date is outside the programme's period; None inside it."""
    programme = report.programme
    if report.phase == "ended":
        return t(lang, "period_ended", end=programme.end.isoformat())
    if report.phase == "not_started":
        return t(lang, "period_not_started", start=programme.start.isoformat())
    return None


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
