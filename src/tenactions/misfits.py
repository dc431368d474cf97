"""Entries that fit the programme only through tenactions' own checks, found again by ``check``.

``log``, ``amend`` and an import refuse a date outside the programme's period or in the
future, an amount finer than the target's unit allows, and (unless
forced) a date outside the target's window. The database cannot know the programme (it lives
in the YAML file on each client), so a row written around tenactions (the sqlite3 shell, or a
district role's psql on a server) may break these rules. The store finds such entries in one
aggregate query (:meth:`~tenactions.store.Store.misfits`); this module says what the rules
are and what was found. (An amount of zero or less, a malformed date, an entry with no
target: both schemas refuse these themselves.) Entries are never changed: each finding says to void them.

A ledger may hold several years (one programme file per year): an entry outside this
programme's period is then another year's, and counts in none of this programme's figures,
so ``check`` tells it as a notice, as it does an entry forced outside its target's window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tenactions.messages import Msg
from tenactions.model import Programme, Target

#: How many entry numbers a finding lists before it says how many there are in all.
SHOWN = 5

#: The kinds of misfit, in the order the store classifies an entry (the first that applies).
KINDS = ("period", "future", "unit", "window")


@dataclass(frozen=True)
class Rule:
    """What ``log`` accepts for entries stored under ``stored`` (a target's id or an old id)."""

    stored: str
    opens: dt.date
    closes: dt.date
    #: The amount in hundredths must be a multiple of this (100 for whole units).
    step_c: int


@dataclass(frozen=True)
class Rules:
    start: dt.date
    end: dt.date
    today: dt.date
    targets: tuple[Rule, ...]


@dataclass(frozen=True)
class Misfit:
    """Live entries of one kind of misfit (and one stored target id for ``unit``/``window``;
    ``""`` for the others): the first :data:`SHOWN` numbers and how many in all."""

    kind: str
    target: str
    ids: tuple[int, ...]
    n: int


def window(programme: Programme, target: Target) -> tuple[dt.date, dt.date]:
    """The dates ``log`` takes for ``target`` without ``--force`` (see ``ledger.refusals``)."""
    if target.kind == "milestone":
        return target.window_start or target.start, target.end
    if target.kind in ("recurring", "cumulative"):
        return target.start, programme.end
    return programme.start, programme.end


def _stored(programme: Programme) -> dict[str, Target]:
    """Target ids entries may be stored under (ids, old ids, aliases) -> the target."""
    by_id = {t.id: t for t in programme.targets}
    return by_id | {old: by_id[new] for old, new in programme.renamed.items() if new in by_id}


def rules_for(programme: Programme, today: dt.date) -> Rules:
    """The programme's rules, per target id that entries may be stored under."""
    rules = []
    for key, target in sorted(_stored(programme).items()):
        opens, closes = window(programme, target)
        rules.append(Rule(key, opens, closes, 10 ** (2 - min(target.decimals, 2))))
    return Rules(programme.start, programme.end, today, tuple(rules))


def findings(programme: Programme, rules: Rules, found: list[Misfit]) -> list[Msg]:
    """One line per misfit, naming its entries and saying how to void them."""
    targets = _stored(programme)
    by_stored = {r.stored: r for r in rules.targets}
    out = []
    for misfit in found:
        ids = ", ".join(f"#{i}" for i in misfit.ids) + (", …" if misfit.n > len(misfit.ids) else "")
        first = misfit.ids[0]
        common = {"ids": ids, "n": misfit.n, "first": first}
        target = targets.get(misfit.target)
        named = target.named() if target is not None else misfit.target
        if misfit.kind == "period":
            out.append(Msg("misfit_period", start=rules.start, end=rules.end, **common))
        elif misfit.kind == "future":
            out.append(Msg("misfit_future", today=rules.today, **common))
        elif misfit.kind == "unit":
            decimals = target.decimals if target is not None else 0
            if decimals == 0:
                out.append(Msg("misfit_whole", target=named, **common))
            else:
                out.append(Msg("misfit_decimals", target=named, decimals=decimals, **common))
        else:
            rule = by_stored[misfit.target]
            out.append(
                Msg("misfit_window", target=named, opens=rule.opens, due=rule.closes, **common)
            )
    return out
