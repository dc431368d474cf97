"""A realistic, deterministic demo year for ``make demo``: ``python -m tenactions.demo``.

It writes a few hundred entries (2024-01-01 to 2024-09-30) across every target and district
of the shipped programme into the database named by ``--db`` / ``TENACTIONS_DB``, with a mix
of paces so that the report shows every status: some targets done, some on track, some at
risk, some behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from tenactions.identity import ref_key
from tenactions.model import NewEntry, Programme

DEMO_END = dt.date(2024, 9, 30)
# How far along each target is on DEMO_END, as a share of its goal (the year is 75% gone).
_PACE = {
    "destinations": 1.0,
    "coupons": 0.81,
    "recuperation": 0.64,
    "fairs": 0.7,
    "supplier-regions": 1.0,
    "purchasing": 0.78,
    "cup-events": 0.5,
    "startup-contests": 0.35,
    "training": 0.75,
    "studios": 0.34,
    "unions": 0.83,
    "gig-members": 0.69,
    "job-events": 0.8,
    "tree-unions": 1.06,
    "trees": 1.12,
    "legal-boards": 0.67,
    "role-models": 0.58,
    "projects": 0.6,
}
_NOTES = ["", "", "", "区总工会报送", "含线上活动", "第三季度补报", "以报表为准", "职工志愿者参与"]
_PEOPLE = ["陈晓", "李敏", "王芳", "张伟", "刘洋", "黄婷", "周杰", "吴静"]


def demo_entries(programme: Programme, *, seed: int = 2024) -> Iterator[NewEntry]:
    """The demo year's entries, the same for the same seed."""
    rng = random.Random(seed)
    districts = [d.name_zh for d in programme.districts]
    n = 0

    def entry(target: str, date: dt.date, amount: Decimal, district: str) -> NewEntry:
        nonlocal n
        n += 1
        ref = f"DEMO-{n:04d}"
        return NewEntry(
            # Known by its form number, as `log --ref` and an import know one: an export of the
            # demo ledger without its id columns is then recognised row by row.
            uid=ref_key(ref, district),
            target=target,
            date=date,
            amount_c=int(amount * 100),
            district=district,
            by=rng.choice(_PEOPLE),
            note=rng.choice(_NOTES),
            ref=ref,
            source="demo",
        )

    for target in programme.targets:
        if target.id == "provincial-bases":
            # The showcase of the 12 bases, on one day; kept out of the random stream so the
            # rest of the demo year is the same as before this target was added.
            yield NewEntry(
                uid=ref_key("DEMO-BASES", "市本级"),
                target=target.id,
                date=dt.date(2024, 9, 20),
                amount_c=int(target.goal * 100),
                district="市本级",
                by="陈晓",
                note="省级职工疗休养基地推介会",
                ref="DEMO-BASES",
                source="demo",
            )
            continue
        if target.kind == "milestone":
            if target.id == "sales-week":
                yield entry(target.id, dt.date(2024, 8, 19), Decimal(1), "越秀区")
            continue  # the sports-meet opening is left undone: the report shows it overdue
        if target.kind == "recurring":
            for month in (8, 9):
                yield entry(
                    target.id, dt.date(2024, month, rng.randint(5, 25)), Decimal(1), "市本级"
                )
            continue
        share = _PACE.get(target.id, 0.7)
        total = (target.goal * Decimal(str(share))).quantize(Decimal(1))
        end = min(DEMO_END, target.end)
        days = (end - target.start).days
        parts = max(1, min(int(total), rng.randint(8, 30)))
        # Split the total into uneven parts on random days, weighted towards later in the year.
        cuts = sorted(rng.sample(range(1, int(total)), parts - 1)) if parts > 1 else []
        amounts = [b - a for a, b in zip([0, *cuts], [*cuts, int(total)], strict=True)]
        for amount in amounts:
            day = target.start + dt.timedelta(days=int(days * rng.random() ** 0.7))
            yield entry(target.id, day, Decimal(amount), rng.choice(districts))


def main() -> None:
    import os

    from tenactions.messages import detect_lang, t
    from tenactions.programme import load_programme, shipped_programme_path
    from tenactions.store import open_store

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=os.environ.get("TENACTIONS_DB"))
    args = parser.parse_args()
    if args.db is None:
        parser.error("--db (or TENACTIONS_DB) is required: the demo never touches your real ledger")
    programme = load_programme(shipped_programme_path())
    with open_store(args.db) as store:
        result = store.import_entries(demo_entries(programme))
    print(t(detect_lang(), "demo_seeded", file=args.db, added=result.added, present=result.present))


if __name__ == "__main__":
    main()
