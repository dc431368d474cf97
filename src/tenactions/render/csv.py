"""The report as CSV: one row per target, UTF-8 with a BOM so Excel reads the Chinese."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from tenactions.messages import kind_label, status_label
from tenactions.messages import t as msg
from tenactions.progress import Report
from tenactions.render.common import unit_text
from tenactions.render.data import Options
from tenactions.render.json import number, number_text


def render(report: Report, lang: str, options: Options | None = None) -> str:
    from tenactions.sheets.cells import neutralise

    districts = [d.name_zh for d in report.programme.districts]
    zh = lang == "zh"
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
    if zh:
        # In Chinese the columns have names an office reads; in English they stay the codes
        # scripts use.
        # "id" here is the target's id (目标代码), not an entry number.
        header = [msg(lang, "col_" + ("target" if key == "id" else key)) for key in header]
    if with_districts:
        names = [d.name(lang) for d in report.programme.districts]
        header += [*names, msg(lang, "no_district")]
    writer.writerow(header)
    for p in report.targets:
        t = p.target
        row = [
            report.as_of.isoformat(),
            t.action,
            t.id,
            neutralise(t.name(lang)),
            kind_label(lang, t.kind) if zh else t.kind,
            unit_text(p, lang),  # a recurring target's goal and actual count periods
            number(p.goal),
            number(p.actual),
            number(p.percent),
            number(p.remaining),
            number(p.expected),
            status_label(lang, p.status) if zh else p.status,
            (msg(lang, "timing_" + p.timing) if zh else p.timing) if p.timing else "",
            number(p.forecast),
            number(p.needed_per_week),
            t.end.isoformat(),  # the due date the table and HTML show (the period's end)
            p.last_entry.isoformat() if p.last_entry else "",
        ]
        if with_districts:
            row += [number(p.by_district.get(d, 0)) for d in districts]
            row.append(number(p.by_district.get("", 0)))
        writer.writerow(
            ["" if v is None else number_text(v) if isinstance(v, Decimal) else v for v in row]
        )
    return "\ufeff" + buffer.getvalue()
