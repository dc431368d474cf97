"""The programme and the ledger's records, immutable and pure: what every command reads.

These are plain frozen dataclasses (and named tuples for the entries, made by the million)
so that commands which only need to look a target up (``log`` above all) never pay for
pydantic or YAML. They are the one definition of the programme: the cache of a validated
programme file and the ``targets --format json`` output are derived from them by
:func:`to_data` and :func:`from_data`, so a new field is added here and nowhere else.
The stores (:mod:`tenactions.store`) write and read the entry records; nothing here speaks SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from tenactions.errors import InputError
from tenactions.messages import ByLang, Either, Msg

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
    """A note on the target, in Chinese (the programme's language)."""
    was: tuple[str, ...] = ()
    """Ids the target had before: entries stored under them count for it."""
    notes_en: str = ""
    """The note in English; without one, English output shows ``notes`` as written."""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def note(self, lang: str) -> str:
        return self.notes_en if lang != "zh" and self.notes_en else self.notes

    def unit(self, lang: str, count: Decimal | int | None = None) -> str:
        """The unit in ``lang``; in English after ``count``, singular for exactly one and
        plural otherwise (``1 tree``, ``2 trees``, ``0 events``), whichever form the
        programme file wrote. Chinese has one form."""
        if lang == "zh":
            return self.unit_zh
        if count is None:
            return self.unit_en
        return english_unit(self.unit_en, count)

    def named(self) -> Msg:
        """The target as a message names it: its name in the chosen language, then its id,
        which commands take."""
        return Msg("target_with_id", name=ByLang(en=self.name_en, zh=self.name_zh), id=self.id)


#: English units whose plural is not made by the rule of :func:`english_unit`.
_SINGULAR_OF = {"people": "person", "yuan": "yuan", "staff": "staff"}
_PLURAL_OF = {one: many for many, one in _SINGULAR_OF.items()}


def english_unit(unit: str, count: Decimal | int) -> str:
    """``unit`` (singular or plural, as a programme file writes it) in the form that goes
    after ``count``: singular for exactly one, else plural. Only the last word changes
    (``service points``)."""
    head, _, word = unit.rpartition(" ")
    lower = word.lower()
    if count == 1:
        if lower in _SINGULAR_OF:
            word = _SINGULAR_OF[lower]
        elif lower.endswith("ies") and len(lower) > 4:
            word = word[:-3] + "y"
        elif lower.endswith(("ches", "shes", "sses", "xes")):
            word = word[:-2]
        elif lower.endswith("s") and not lower.endswith("ss"):
            word = word[:-1]
    elif lower not in _SINGULAR_OF:  # those are plural already, or the same either way
        word = _plural(word, lower)
    return f"{head} {word}" if head else word


def _plural(word: str, lower: str) -> str:
    """The plural of a singular English ``word`` (``lower`` is it in lower case)."""
    if lower in _PLURAL_OF:
        return _PLURAL_OF[lower]
    if lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    if lower.endswith(("ch", "sh", "ss", "x")):
        return word + "es"
    return word if lower.endswith("s") else word + "s"


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
    path: str = field(default="", metadata={"data": False})
    """Where the programme was read from (not part of its data: a cached copy names the file)."""
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
        raise InputError(Msg("unknown_action", number=number, numbers=numbers))

    def target(self, key: str) -> Target:
        """Find a target by id, alias, or Chinese or English name; suggest close matches."""
        found = self._index.get(_fold(key))
        if found is not None:
            return found
        if not key.strip():
            raise InputError(Msg("target_empty"))
        import difflib  # only when a look-up fails

        close = difflib.get_close_matches(_fold(key), list(self._index), n=3, cutoff=0.5)
        ids = list(dict.fromkeys(self._index[c].id for c in close))
        if ids:
            raise InputError(Msg("unknown_target_hint", key=key, ids=Either(ids)))
        raise InputError(Msg("unknown_target", key=key))

    def target_name(self, target_id: str, lang: str) -> str:
        """A stored target id as its target's name in ``lang``; an id the programme does not
        know (an entry it no longer counts) is shown as it is."""
        found = self._index.get(_fold(target_id))
        return target_id if found is None else found.name(lang)

    def district_name(self, name_zh: str, lang: str) -> str:
        """A stored district (the ledger keeps its Chinese name) by its name in ``lang``; one
        the programme does not know, and the city level (no district, ``""``), as they are."""
        if lang == "zh" or not name_zh:
            return name_zh
        found = self._district_index.get(_fold(name_zh))
        return name_zh if found is None else found.name(lang)

    def district(self, key: str) -> District:
        """Find a district by name or alias, as offices write it.

        ``越秀``, ``越秀区``, ``广州市越秀区``, ``越秀区总工会``, ``Yuexiu``, ``yuexiu qu`` and
        ``Yuexiu District`` all find 越秀区; a near miss is refused with "did you mean".
        """
        for candidate in _district_forms(_fold(key)):
            found = self._district_index.get(candidate)
            if found is not None:
                return found
        names = ByLang(
            en=", ".join(d.name_en for d in self.districts),
            zh="、".join(d.name_zh for d in self.districts),
        )
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
            raise InputError(Msg("unknown_district_hint", key=key, hint=Either(hint), names=names))
        raise InputError(Msg("unknown_district", key=key, names=names))


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


# --- records as JSON-ready data ------------------------------------------------------------


def to_data(record: Any) -> Any:
    """A record as JSON-ready data: dates as ISO text, amounts as decimal text, tuples as lists.

    Fields whose name starts with ``_`` (indexes) or marked ``metadata={"data": False}`` are
    left out. :func:`from_data` reads the result back into an equal record.
    """
    if is_dataclass(record) and not isinstance(record, type):
        return {
            f.name: to_data(getattr(record, f.name))
            for f in fields(record)
            if not f.name.startswith("_") and f.metadata.get("data", True)
        }
    if isinstance(record, tuple | list):
        return [to_data(item) for item in record]
    if isinstance(record, dt.date | Decimal):
        return record.isoformat() if isinstance(record, dt.date) else str(record)
    return record


_R = typing.TypeVar("_R")


def from_data(cls: type[_R], data: dict[str, Any], **extra: Any) -> _R:
    """The record of type ``cls`` that :func:`to_data` turned into ``data`` (``extra`` adds
    the fields it leaves out, such as a programme's ``path``)."""
    made: _R = _decoder(typing.cast(Any, cls))(data, **extra)
    return made


@functools.cache
def _decoder(hint: Any) -> Any:
    """A function from :func:`to_data`'s output back to a value of type ``hint``."""
    if is_dataclass(hint):
        make: Any = hint
        hints = typing.get_type_hints(hint)
        decoders = {
            f.name: _decoder(hints[f.name])
            for f in fields(hint)
            if not f.name.startswith("_") and f.metadata.get("data", True)
        }

        def record(data: dict[str, Any], **extra: Any) -> Any:
            return make(**{k: d(data[k]) for k, d in decoders.items() if k in data}, **extra)

        return record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):  # X | None
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        item = _decoder(args[0])
        return lambda v: tuple(item(x) for x in v)
    if hint is dt.date:
        return dt.date.fromisoformat
    if hint is Decimal:
        return Decimal
    return lambda v: v  # str, int, Literal


# --- the ledger's records ------------------------------------------------------------------


class NewEntry(NamedTuple):
    """An entry about to be written; ``amount_c`` is in hundredths of the target's unit.

    A named tuple rather than a dataclass: an import makes a million of them, and a tuple is
    several times cheaper to build.
    """

    uid: str
    target: str
    date: dt.date
    amount_c: int
    district: str
    by: str
    note: str
    ref: str
    source: str
    amends: int | None = None

    def row(self, created_at: str) -> tuple[Any, ...]:
        uid, target, date, amount_c, district, by, note, ref, source, amends = self
        return (
            uid,
            target,
            date.isoformat(),
            amount_c,
            district,
            by,
            note,
            ref,
            source,
            amends,
            created_at,
        )


class StoredEntry(NamedTuple):
    """An entry as stored, with its void mark (a named tuple: exports stream millions)."""

    id: int
    uid: str
    target: str
    date: dt.date
    amount_c: int
    district: str
    by: str
    note: str
    ref: str
    source: str
    amends: int | None
    created_at: str
    void: bool
    void_reason: str | None
    void_by: str | None
    void_at: str | None
    #: The database login that wrote the entry and its void, recorded by a server (never
    #: by an SQLite file, which has no logins): ``by`` is only who the writer says it is.
    login: str | None = None
    void_login: str | None = None


@dataclass(frozen=True)
class Totals:
    """What a report needs from the ledger as of one date, voids excluded.

    ``daily`` maps a target to its (date, amount in hundredths, entry count) per day with
    entries, in date order; ``by_district`` maps a target to district -> hundredths (``""``
    for entries with no district); ``district_last`` maps a district to its latest entry date.
    """

    as_of: dt.date
    daily: dict[str, list[tuple[dt.date, int, int]]]
    by_district: dict[str, dict[str, int]]
    district_last: dict[str, dt.date]


@dataclass(frozen=True)
class ImportResult:
    rows: int
    added: int
    notices: tuple[Msg, ...] = ()

    @property
    def present(self) -> int:
        return self.rows - self.added
