"""The report as CSV: one row per target, UTF-8 with a BOM so Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from tenactions.messages import t as msg
from tenactions.progress import Report
from tenactions.render.json import number, number_text


def render(report: Report, lang: str) -> str:
    from tenactions.sheets.cells import neutralise

    districts = [d.name_zh for d in report.programme.districts]
    with_districts = any(p.by_district for p in report.targets)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [
        "as_of",
        "action",
        "id",
        "name",
        "kind",
        "unit",
        "goal",
        "actual",
        "percent",
        "remaining",
        "expected",
        "status",
        "timing",
        "forecast",
        "needed_per_week",
        "due",
        "last_entry",
    ]
    if with_districts:
        header += [*districts, msg(lang, "no_district")]
    writer.writerow(header)
    for p in report.targets:
        t = p.target
        row = [
            report.as_of.isoformat(),
            t.action,
            t.id,
            neutralise(t.name(lang)),
            t.kind,
            t.unit(lang),
            number(p.goal),
            number(p.actual),
            number(p.percent),
            number(p.remaining),
            number(p.expected),
            p.status,
            p.timing or "",
            number(p.forecast),
            number(p.needed_per_week),
            t.due.isoformat() if t.due else "",
            p.last_entry.isoformat() if p.last_entry else "",
        ]
        if with_districts:
            row += [number(p.by_district.get(d, 0)) for d in districts]
            row.append(number(p.by_district.get("", 0)))
        writer.writerow(
            ["" if v is None else number_text(v) if isinstance(v, Decimal) else v for v in row]
        )
    return "\ufeff" + buffer.getvalue()
