"""The report and the weekly summary as JSON; numbers are JSON numbers, written digit for
digit from the exact decimals (a float would lose the fen above about 10^13 yuan)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from tenactions.progress import Report, Summary, TargetProgress
from tenactions.render.common import unit_text
from tenactions.render.data import Options, TargetList


def number(value: Decimal | int | None) -> int | Decimal | None:
    """An exact number for a machine format: an int when whole, else the decimal itself
    (without trailing zeros). :func:`dumps` and the CSV write it digit for digit."""
    if value is None:
        return None
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else d.normalize()


def number_text(value: Decimal | int) -> str:
    """A number as a machine format writes it: ``1100023456789015.67``, never ``1.1e+15``."""
    d = Decimal(value)
    return str(int(d)) if d == d.to_integral_value() else f"{d.normalize():f}"


def dumps(data: Any, indent: str = "") -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, but a :class:`~decimal.Decimal` is
    written as its exact digits rather than through a float; a date as ISO text."""
    inner = indent + "  "
    if isinstance(data, Decimal):
        return number_text(data)
    if isinstance(data, dict) and data:
        items = (
            f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, inner)}"
            for k, v in data.items()
        )
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(data, list | tuple) and data:
        items = (f"{inner}{dumps(v, inner)}" for v in data)
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    if hasattr(data, "isoformat"):
        return json.dumps(data.isoformat())
    return json.dumps(data, ensure_ascii=False)


def target_json(p: TargetProgress, lang: str) -> dict[str, Any]:
    t = p.target
    data: dict[str, Any] = {
        "id": t.id,
        "action": t.action,
        "name": t.name(lang),
        "kind": t.kind,
        # What goal and actual count: a recurring target's periods (months), not its unit.
        "unit": unit_text(p, lang, p.goal) if t.kind == "recurring" else t.unit(lang),
        "goal": number(p.goal),
        "actual": number(p.actual),
        "percent": number(p.percent),
        "remaining": number(p.remaining),
        "expected": number(p.expected),
        "status": p.status,
        "timing": p.timing,
        "done_on": p.done_on.isoformat() if p.done_on else None,
        "forecast": number(p.forecast),
        "needed_per_week": number(p.needed_per_week),
        "start": t.start.isoformat(),
        # The due date every format shows: the target's own, else the period's end (``end``
        # says the same; kept for scripts that read it).
        "due": t.end.isoformat(),
        "end": t.end.isoformat(),
        "last_entry": p.last_entry.isoformat() if p.last_entry else None,
    }
    if t.kind == "recurring":
        data["periods"] = [
            {"period": x.label, "amount": number(x.amount), "met": x.met, "complete": x.complete}
            for x in p.periods
        ]
    if p.by_district:
        data["by_district"] = {d or "": number(v) for d, v in p.by_district.items()}
    return data


def report_json(report: Report, lang: str) -> dict[str, Any]:
    return {
        "programme": report.programme.name(lang),
        "as_of": report.as_of.isoformat(),
        "phase": report.phase,
        "elapsed": number(report.elapsed),
        "work_done": number(report.work_done),
        "status_counts": dict(report.status_counts),
        "targets": [target_json(p, lang) for p in report.targets],
        "actions": [
            {
                "number": r.action.number,
                "name": r.action.name(lang),
                "counts": dict(r.counts),
                "targets": [p.target.id for p in r.targets],
            }
            for r in report.actions
        ],
        **(
            {"silent_districts": list(report.silent_districts)}
            if any(p.by_district for p in report.targets)
            else {}
        ),
    }


def render(report: Report, lang: str, options: Options | None = None) -> str:
    return dumps(report_json(report, lang)) + "\n"


def render_summary(summary: Summary, lang: str, options: Options | None = None) -> str:
    data = {
        "as_of": summary.as_of.isoformat(),
        "phase": summary.report.phase,
        "figures_as_of": summary.report.as_of.isoformat(),
        "in_period": summary.in_period,
        "window": {
            "start": summary.window_start.isoformat(),
            "end": summary.window_end.isoformat(),
        },
        "entries": summary.entries_in_window,
        "deltas": [
            {
                "id": d.progress.target.id,
                "delta": number(d.delta),
                "entries": d.entries,
                "total": number(d.progress.actual),
                "goal": number(d.progress.goal),
                "percent": number(d.progress.percent),
                "status": d.progress.status,
            }
            for d in summary.deltas
        ],
        "status_changes": [
            {"id": c.target.id, "from": c.old, "to": c.new} for c in summary.status_changes
        ],
        "due_soon": [
            {"id": p.target.id, "due": p.target.end.isoformat(), "status": p.status}
            for p in summary.due_soon
        ],
        "stale": [
            {"id": p.target.id, "last_entry": p.last_entry.isoformat() if p.last_entry else None}
            for p in summary.stale
        ],
        "silent_districts": list(summary.silent_districts),
        "status_counts": dict(summary.report.status_counts),
        "elapsed": number(summary.report.elapsed),
        "work_done": number(summary.report.work_done),
    }
    return dumps(data) + "\n"


def render_targets(data: TargetList, lang: str, options: Options | None = None) -> str:
    """Every field of each target (see :func:`~tenactions.model.to_data`), with the goal as a
    number and the unit in the output's language beside both."""
    from tenactions.model import to_data

    targets = [
        {**to_data(tg), "goal": tg.goal, "unit": tg.unit(lang)}  # goal digit for digit
        for a in data.actions
        for tg in a.targets
    ]
    return dumps(targets) + "\n"
