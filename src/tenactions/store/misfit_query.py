"""The one query both stores run for ``check``: live entries that break the programme's rules.

The rules come from the client (:func:`tenactions.misfits.rules_for`) as a small table
``rules(stored, opens, closes, step_c)``, one row per target id entries may be stored under;
each engine supplies it its own way. Each live entry is read once, classified by the first
rule it breaks, and only the broken ones are ranked: the first few numbers per kind (and per
target, for the unit and the window) and how many in all. A million entries cost one scan.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tenactions.misfits import KINDS, SHOWN, Misfit

#: ``{rules}`` is the engine's CTE body; ``{p}`` its placeholder for start, end, today;
#: ``{mod}`` the modulo operator as the driver needs it written.
MISFITS = """
    WITH rules (stored, opens, closes, step_c) AS ({rules}),
    bad AS (
        SELECT e.id, e.target AS stored,
            CASE WHEN e.date < {p} OR e.date > {p} THEN 'period'
                 WHEN e.date > {p} THEN 'future'
                 WHEN e.amount_c {mod} r.step_c != 0 THEN 'unit'
                 WHEN e.date < r.opens OR e.date > r.closes THEN 'window'
            END AS kind
        FROM entries e LEFT JOIN rules r ON r.stored = e.target
        WHERE e.id NOT IN (SELECT entry_id FROM voids)
    ),
    keyed AS (
        SELECT id, kind, CASE WHEN kind IN ('unit', 'window') THEN stored ELSE '' END AS target
        FROM bad WHERE kind IS NOT NULL
    ),
    ranked AS (
        SELECT kind, target, id,
            ROW_NUMBER() OVER (PARTITION BY kind, target ORDER BY id) AS rn,
            COUNT(*) OVER (PARTITION BY kind, target) AS n
        FROM keyed
    )
    SELECT kind, target, id, n FROM ranked WHERE rn <= {shown} ORDER BY kind, target, id
"""


def misfit_sql(rules: str, placeholder: str) -> str:
    """The query with the engine's rules table and placeholder (``%s`` doubles the modulo)."""
    mod = "%%" if placeholder == "%s" else "%"
    return MISFITS.format(rules=rules, p=placeholder, shown=SHOWN, mod=mod)


def grouped(rows: Iterable[tuple[Any, ...]]) -> list[Misfit]:
    """The query's rows as one :class:`Misfit` per kind and target, kinds in rule order."""
    found: dict[tuple[str, str], tuple[list[int], int]] = {}
    for kind, target, entry_id, n in rows:
        found.setdefault((kind, target), ([], int(n)))[0].append(int(entry_id))
    order = {kind: i for i, kind in enumerate(KINDS)}
    return [
        Misfit(kind, target, tuple(ids), n)
        for (kind, target), (ids, n) in sorted(
            found.items(), key=lambda k: (order[k[0][0]], k[0][1])
        )
    ]
