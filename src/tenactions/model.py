"""The programme as immutable records: what every command reads once the file is validated.

These are plain frozen dataclasses so that commands which only need to look a target up
(``log`` above all) never pay for pydantic or YAML: a validated programme is cached as JSON
and rebuilt into these records directly (see :mod:`tenactions.programme`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from tenactions.errors import InputError

Kind = Literal["cumulative", "recurring", "milestone"]
Every = Literal["week", "month", "quarter"]


@dataclass(frozen=True)
class Checkpoint:
    """By ``date``, ``share`` (0-1) of the goal is expected."""

    date: dt.date
    share: Decimal


@dataclass(frozen=True)
class Target:
    id: str
    action: int
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    kind: Kind
    goal: Decimal
    start: dt.date
    end: dt.date
    """The last day that counts: ``due`` for milestones and targets with a deadline, else the period end."""
    due: dt.date | None = None
    window_start: dt.date | None = None
    every: Every | None = None
    """For recurring targets: the calendar period in which ``goal`` must be met."""
    decimals: int = 0
    aliases: tuple[str, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()
    notes: str = ""
    was: tuple[str, ...] = ()
    """Ids the target had before: entries stored under them count for it."""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def unit(self, lang: str) -> str:
        return self.unit_zh if lang == "zh" else self.unit_en


@dataclass(frozen=True)
class Action:
    number: int
    name_zh: str
    name_en: str
    description_zh: str = ""
    description_en: str = ""
    targets: tuple[Target, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class District:
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Programme:
    name_zh: str
    name_en: str
    start: dt.date
    end: dt.date
    source: str
    actions: tuple[Action, ...]
    districts: tuple[District, ...]
    at_risk_ratio: Decimal = Decimal("0.8")
    path: str = ""
    timezone: str = "Asia/Shanghai"
    """The IANA time zone of the programme's "today" and of times shown to people."""
    _index: dict[str, Target] = field(default_factory=dict, compare=False, repr=False)
    _district_index: dict[str, District] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for target in self.targets:
            for key in (target.id, target.name_zh, target.name_en, *target.aliases, *target.was):
                self._index.setdefault(_fold(key), target)
        for district in self.districts:
            for key in (district.name_zh, district.name_en, *district.aliases):
                self._district_index.setdefault(_fold(key), district)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def targets(self) -> tuple[Target, ...]:
        return tuple(t for a in self.actions for t in a.targets)

    @property
    def renamed(self) -> dict[str, str]:
        """Ids entries may be stored under -> the target's id now (``was`` ids and aliases)."""
        return {old: t.id for t in self.targets for old in (*t.was, *t.aliases) if old != t.id}

    def action(self, number: int) -> Action:
        for action in self.actions:
            if action.number == number:
                return action
        numbers = ", ".join(str(a.number) for a in self.actions)
        raise InputError(f"there is no action {number} (actions are {numbers})")

    def target(self, key: str) -> Target:
        """Find a target by id, alias, or Chinese or English name; suggest close matches."""
        found = self._index.get(_fold(key))
        if found is not None:
            return found
        if not key.strip():
            raise InputError("the target is empty: give a target id such as 'trees'")
        import difflib  # only when a look-up fails

        close = difflib.get_close_matches(_fold(key), list(self._index), n=3, cutoff=0.5)
        ids = list(dict.fromkeys(self._index[c].id for c in close))
        hint = f" (did you mean {' or '.join(ids)}?)" if ids else ""
        raise InputError(f"unknown target {key!r}{hint}; 'tenactions targets' lists them all")

    def district(self, key: str) -> District:
        """Find a district by name or alias, as offices write it.

        ``越秀``, ``越秀区``, ``广州市越秀区``, ``越秀区总工会``, ``Yuexiu``, ``yuexiu qu`` and
        ``Yuexiu District`` all find 越秀区; a near miss is refused with "did you mean".
        """
        for candidate in _district_forms(_fold(key)):
            found = self._district_index.get(candidate)
            if found is not None:
                return found
        names = "、".join(d.name_zh for d in self.districts)
        import difflib  # only when a look-up fails

        keys = list(self._district_index)
        close = [
            c
            for form in _district_forms(_fold(key))
            # a two-character name with one character wrong scores 0.5
            for c in difflib.get_close_matches(
                form, keys, n=3, cutoff=0.6 if form.isascii() else 0.5
            )
        ]
        hint = list(dict.fromkeys(self._district_index[c].name_zh for c in close))[:3]
        if hint:
            raise InputError(
                f"unknown district {key!r} (did you mean {' or '.join(hint)}?); districts are: {names}"
            )
        raise InputError(f"unknown district {key!r}; districts are: {names}")


def districts_named_in(districts: tuple[District, ...], text: str) -> list[District]:
    """The districts whose name or alias appears in ``text`` (a title, a file name), in order.

    Chinese names are found anywhere (``海珠区工会 2024年8月…``, ``海珠区-2024-08``); English
    names and aliases only as whole words (``tianhe-2024-08``), case aside.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    found = []
    for district in districts:
        for name in (district.name_zh, *district.aliases, district.name_en):
            key = name.casefold()
            if not key:
                continue
            if key.isascii():
                hit = re.search(rf"(?<![a-z]){re.escape(key)}(?![a-z])", folded) is not None
            else:
                hit = key in folded
            if hit:
                found.append(district)
                break
    return found


def _fold(key: str) -> str:
    return " ".join(key.split()).casefold()


_CITY_PREFIXES = ("广东省广州市", "广东省", "广州市", "广州", "guangzhou")
_BODY_SUFFIXES = ("工会委员会", "总工会", "工会", "trade union", "federation of trade unions")
_PINYIN_SUFFIXES = (" district", " qu", "district", "qu")


def _district_forms(folded: str) -> list[str]:
    """What a district may be written as, reduced step by step to the names in the index.

    ``广州市天河区总工会`` -> ``天河区总工会``, ``天河区``, ``天河``; ``tianhe qu`` -> ``tianhe``.
    The whole text is tried first, so that ``市总工会`` (an alias of 市本级) stays itself.
    """
    forms = [folded]
    forms += [folded.removeprefix(p).strip() for p in _CITY_PREFIXES if folded.startswith(p)]
    for form in list(forms):
        forms += [form.removesuffix(x).strip() for x in _BODY_SUFFIXES if form.endswith(x)]
    for form in list(forms):
        if form.isascii():
            forms += [form.removesuffix(x).strip() for x in _PINYIN_SUFFIXES if form.endswith(x)]
            forms.append(form.replace(" ", ""))
        elif form.endswith("区"):
            forms.append(form.removesuffix("区"))
    return [f for f in dict.fromkeys(forms) if f]
