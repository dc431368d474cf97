"""The programme file's schema (pydantic) and its YAML reader that keeps line numbers.

Imported only when a programme file is validated (``check``, or the first run after the
file changed); everything else reads the cached records of :mod:`tenactions.model`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from tenactions.amounts import AmountError, parse_amount
from tenactions.dates import DEFAULT_TIMEZONE, timezone_problem
from tenactions.errors import ProgrammeError
from tenactions.model import Action, Checkpoint, District, Programme, Target

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
}
Path = tuple[str | int, ...]


# --- field types ---------------------------------------------------------------------------


def _iso_date(value: object) -> object:
    # Refuse what pydantic would otherwise accept as a date: numbers (Unix timestamps) and
    # date-times. A YAML date is already a date; quoted text must be YYYY-MM-DD.
    if isinstance(value, dt.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)") from None
    raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)")


def _amount(value: object) -> object:
    if not isinstance(value, str | int | float | Decimal) or isinstance(value, bool):
        raise ValueError(f"{value!r} is not an amount")
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from None


def _share(value: object) -> object:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return Decimal(value.strip()[:-1]) / 100
        except ArithmeticError:
            raise ValueError(f"{value!r} is not a percentage") from None
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _timezone(value: str) -> str:
    problem = timezone_problem(value)
    if problem:
        raise ValueError(str(problem))
    return value


def _no_control(value: object) -> object:
    # A name is printed to terminals, reports and spreadsheets: escape sequences in it would be
    # interpreted there. Tabs and line breaks are allowed (descriptions are folded text).
    if isinstance(value, str):
        for ch in value:
            if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
                raise ValueError(f"contains a control character (U+{ord(ch):04X})")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
Share = Annotated[Decimal, BeforeValidator(_share), Field(gt=0, le=1)]
Text = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_no_control)]
LongText = Annotated[str, Field(max_length=5000), AfterValidator(_no_control)]
TargetId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class UnitSpec(_Strict):
    zh: Text
    en: Text


class CheckpointSpec(_Strict):
    date: IsoDate
    share: Share


class TargetSpec(_Strict):
    id: TargetId
    was: list[TargetId] = []
    aliases: list[Text] = []
    name_zh: Text
    name_en: Text
    unit: UnitSpec
    kind: Literal["cumulative", "recurring", "milestone"]
    goal: Amount
    decimals: Annotated[int, Field(ge=0, le=2)] = 0
    start: IsoDate | None = None
    due: IsoDate | None = None
    window_start: IsoDate | None = None
    every: Literal["week", "month", "quarter"] | None = None
    checkpoints: list[CheckpointSpec] = []
    notes: LongText = ""
    notes_en: LongText = ""


class ActionSpec(_Strict):
    number: Annotated[int, Field(ge=1, le=99, strict=True)]
    name_zh: Text
    name_en: Text
    description_zh: LongText = ""
    description_en: LongText = ""
    targets: Annotated[list[TargetSpec], Field(min_length=1)]


class DistrictSpec(_Strict):
    name_zh: Text
    name_en: Text
    aliases: list[Text] = []


class ProgrammeSpec(_Strict):
    name_zh: Text
    name_en: Text
    start: IsoDate
    end: IsoDate
    source: LongText = ""
    at_risk_ratio: Annotated[Decimal, BeforeValidator(_share), Field(gt=0, lt=1)] = Decimal("0.8")
    timezone: Annotated[str, AfterValidator(_timezone)] = DEFAULT_TIMEZONE
    districts: list[DistrictSpec] = []
    actions: Annotated[list[ActionSpec], Field(min_length=1)]


# --- YAML with positions -------------------------------------------------------------------


class _Document:
    """The plain data of a YAML document and the position of every value and key in it."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.values: dict[Path, yaml.Mark] = {}
        self.keys: dict[Path, yaml.Mark] = {}
        self.problems: list[str] = []
        self.pending: list[tuple[yaml.Mark | None, Path, str]] = []

    def at(self, mark: Any, where: str, what: str) -> None:
        pos = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else "1:1"
        self.problems.append(f"{self.shown}:{pos}: {where}: {what}")

    def at_path(self, mark: yaml.Mark | None, path: Path, what: str) -> None:
        """A problem found while reading, whose readable place needs the finished data."""
        self.pending.append((mark, path, what))

    def flush(self, data: Any) -> None:
        for mark, path, what in self.pending:
            self.at(mark, _where(path, data), what)
        self.pending.clear()

    def mark_for(self, path: Path, *, key: bool = False) -> yaml.Mark | None:
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path)


def _read_yaml(raw: bytes, doc: _Document) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        doc.problems.append(
            f"{doc.shown}:{line}:1: file: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        )
        return None
    if not text.strip():
        doc.problems.append(f"{doc.shown}:1:1: file: the programme file is empty")
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                doc.at(
                    event.start_mark,
                    "file",
                    f"alias *{event.anchor} is not allowed; write the value out",
                )
        if doc.problems:
            doc.problems[:] = _capped(doc.problems)
            return None
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                doc.problems.append(f"{doc.shown}:1:1: file: the programme file is empty")
                return None
            data = _build(node, (), loader, doc)
            doc.flush(data)
            return data
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        doc.at(mark, "YAML", (exc.problem or exc.context or "cannot be parsed").strip())
    except yaml.YAMLError as exc:
        doc.problems.append(f"{doc.shown}:1:1: YAML: {exc}")
    return None


def _build(node: yaml.Node, path: Path, loader: yaml.SafeLoader, doc: _Document) -> Any:
    doc.values[path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            doc.at_path(node.start_mark, path, f"tag {node.tag} is not allowed")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                doc.at_path(key_node.start_mark, path, "keys must be plain names (no merge keys)")
                continue
            key = str(key_node.value)
            if key in result or ((*path, key)) in doc.keys:
                first = doc.keys[(*path, key)]
                doc.at_path(
                    key_node.start_mark,
                    path,
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                )
                continue
            doc.keys[(*path, key)] = key_node.start_mark
            result[key] = _build(value_node, (*path, key), loader, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            doc.at_path(node.start_mark, path, f"tag {node.tag} is not allowed")
            return None
        return [_build(item, (*path, i), loader, doc) for i, item in enumerate(node.value)]
    if node.tag not in _PLAIN_TAGS:
        doc.at_path(node.start_mark, path, f"tag {node.tag} is not allowed")
        return None
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. 2024-13-01 looks like a date but is not one
        doc.at_path(node.start_mark, path, f"{node.value!r} is not a real date ({exc})")
        return None


def _where(path: Path, data: Any = None) -> str:
    """A path a person can read: ``action 2 / target fairs / goal``."""
    if not path:
        return "file"
    parts: list[str] = []
    node = data
    i = 0
    while i < len(path):
        step = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if step in (
            "actions",
            "targets",
            "districts",
            "checkpoints",
            "aliases",
            "was",
        ) and isinstance(nxt, int):
            item = node[step][nxt] if isinstance(node, dict) and _has(node, step, nxt) else None
            label = {
                "actions": "action",
                "targets": "target",
                "districts": "district",
                "checkpoints": "checkpoint",
                "aliases": "alias",
                "was": "former id",
            }[step]
            if step == "actions" and isinstance(item, dict) and isinstance(item.get("number"), int):
                parts.append(f"action {item['number']}")
            elif step == "targets" and isinstance(item, dict) and isinstance(item.get("id"), str):
                parts.append(f"target {item['id']}")
            elif (
                step == "districts"
                and isinstance(item, dict)
                and isinstance(item.get("name_zh"), str)
            ):
                parts.append(f"district {item['name_zh']}")
            else:
                parts.append(f"{label} #{nxt + 1}")
            node = item
            i += 2
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
        i += 1
    return " / ".join(parts)


def _has(node: dict[str, Any], key: str, index: int) -> bool:
    seq = node.get(key)
    return isinstance(seq, list) and 0 <= index < len(seq)


# --- validation ------------------------------------------------------------------------------


def parse(raw: bytes, shown: str) -> Programme:
    doc = _Document(shown)
    data = _read_yaml(raw, doc)
    if doc.problems:
        raise ProgrammeError(doc.problems)
    if not isinstance(data, dict):
        doc.at(
            doc.mark_for(()),
            "file",
            "the programme must be a mapping of keys (name_zh, start, actions, ...)",
        )
        raise ProgrammeError(doc.problems)
    spec: ProgrammeSpec | None = None
    try:
        spec = ProgrammeSpec.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            msg = _message(error)
            extra = error["type"] == "extra_forbidden"
            doc.at(doc.mark_for(loc, key=extra), _where(loc, data), msg)
    _check_ids(data, doc)
    if spec is not None:
        _check_dates(spec, data, doc)
    if doc.problems:
        raise ProgrammeError(_capped(_sorted(doc.problems)))
    assert spec is not None
    return _to_model(spec, shown)


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key (check its spelling)"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        return "an id is lower-case letters, digits, - and _ (e.g. trees, gig-members), at most 40"
    msg = str(error["msg"])
    return msg.removeprefix("Value error, ")


MAX_PROBLEMS = 30


def _capped(problems: list[str]) -> list[str]:
    """At most :data:`MAX_PROBLEMS` lines: a mistake repeated a thousand times is one mistake."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], f"… and {more} more problems like these"]


def _sorted(problems: list[str]) -> list[str]:
    def key(line: str) -> tuple[int, int]:
        try:
            _, ln, col = line.rsplit(": ", 2)[0].rsplit(":", 2)
            return int(ln), int(col)
        except ValueError:
            return 0, 0

    return sorted(dict.fromkeys(problems), key=key)


def _check_ids(data: dict[str, Any], doc: _Document) -> None:
    """Ids, aliases and names must each lead to one target; action numbers must be unique."""
    seen: dict[str, tuple[int, int, str]] = {}
    numbers: dict[int, int] = {}
    actions = data.get("actions")
    if not isinstance(actions, list):
        return
    for ai, action in enumerate(actions):
        if not isinstance(action, dict):
            continue
        number = action.get("number")
        if isinstance(number, int):
            if number in numbers:
                path: Path = ("actions", ai, "number")
                doc.at(
                    doc.mark_for(path), _where(path, data), f"action number {number} is used twice"
                )
            numbers[number] = ai
        targets = action.get("targets")
        if not isinstance(targets, list):
            continue
        for ti, target in enumerate(targets):
            if not isinstance(target, dict) or not isinstance(target.get("id"), str):
                continue
            tid = target["id"]
            keys: list[tuple[Path, object]] = [(("actions", ai, "targets", ti, "id"), tid)]
            for listed in ("was", "aliases"):
                values = target.get(listed)
                if isinstance(values, list):
                    keys += [
                        (("actions", ai, "targets", ti, listed, k), a) for k, a in enumerate(values)
                    ]
            for field in ("name_zh", "name_en"):
                keys.append((("actions", ai, "targets", ti, field), target.get(field)))
            own: set[str] = set()
            for path, key in keys:
                if not isinstance(key, str):
                    continue
                folded = " ".join(key.split()).casefold()
                if folded in own:
                    continue
                own.add(folded)
                if folded in seen and seen[folded][:2] != (ai, ti):
                    doc.at(
                        doc.mark_for(path),
                        _where(path, data),
                        f"{key!r} already names target {seen[folded][2]}; ids, aliases and names"
                        " must be unique",
                    )
                else:
                    seen[folded] = (ai, ti, tid)


def _check_dates(spec: ProgrammeSpec, data: dict[str, Any], doc: _Document) -> None:
    def problem(path: Path, what: str) -> None:
        doc.at(doc.mark_for(path), _where(path, data), what)

    if spec.end <= spec.start:
        problem(("end",), f"the period ends ({spec.end}) on or before it starts ({spec.start})")
        return
    period = f"the period {spec.start} to {spec.end}"
    for ai, action in enumerate(spec.actions):
        for ti, t in enumerate(action.targets):
            base: Path = ("actions", ai, "targets", ti)
            for name in ("start", "due", "window_start"):
                value = getattr(t, name)
                if value is not None and not spec.start <= value <= spec.end:
                    problem((*base, name), f"{value} is outside {period}")
            if t.kind == "milestone" and t.due is None:
                problem(base, "a milestone needs a due date (due: YYYY-MM-DD)")
            if t.kind != "milestone" and t.window_start is not None:
                problem((*base, "window_start"), "only a milestone has a window")
            if t.kind == "recurring" and t.every is None:
                problem(base, "a recurring target needs every: week, month or quarter")
            if t.kind != "recurring" and t.every is not None:
                problem((*base, "every"), "only a recurring target has every:")
            start = t.window_start or t.start or spec.start
            last = t.due or spec.end
            if start > last:
                problem(
                    (*base, "start" if t.start else "window_start"),
                    f"starts after it ends ({last})",
                )
            if t.goal != t.goal.quantize(Decimal(1).scaleb(-t.decimals)):
                problem(
                    (*base, "goal"),
                    f"has more than {t.decimals} decimal places (decimals: {t.decimals})",
                )
            previous = Decimal(0)
            for ci, cp in enumerate(t.checkpoints):
                path = (*base, "checkpoints", ci)
                if t.kind != "cumulative":
                    problem(path, "only a cumulative target has checkpoints")
                    break
                if not (t.start or spec.start) <= cp.date <= last:
                    problem(
                        (*path, "date"),
                        f"{cp.date} is outside the target's {t.start or spec.start} to {last}",
                    )
                if cp.share < previous:
                    problem((*path, "share"), "checkpoint shares must not go down")
                previous = cp.share
    names: dict[str, int] = {}
    for di, district in enumerate(spec.districts):
        for key in (district.name_zh, district.name_en, *district.aliases):
            folded = key.casefold()
            if folded in names and names[folded] != di:
                problem(("districts", di), f"{key!r} names two districts")
            names[folded] = di


def _to_model(spec: ProgrammeSpec, shown: str) -> Programme:
    actions = []
    for a in spec.actions:
        targets = []
        for t in a.targets:
            start = t.start or spec.start
            targets.append(
                Target(
                    id=t.id,
                    action=a.number,
                    name_zh=t.name_zh,
                    name_en=t.name_en,
                    unit_zh=t.unit.zh,
                    unit_en=t.unit.en,
                    kind=t.kind,
                    goal=t.goal,
                    start=start,
                    end=t.due or spec.end,
                    due=t.due,
                    window_start=t.window_start,
                    every=t.every,
                    decimals=t.decimals,
                    aliases=tuple(t.aliases),
                    checkpoints=tuple(Checkpoint(c.date, c.share) for c in t.checkpoints),
                    notes=t.notes,
                    notes_en=t.notes_en,
                    was=tuple(t.was),
                )
            )
        actions.append(
            Action(
                number=a.number,
                name_zh=a.name_zh,
                name_en=a.name_en,
                description_zh=a.description_zh,
                description_en=a.description_en,
                targets=tuple(targets),
            )
        )
    return Programme(
        name_zh=spec.name_zh,
        name_en=spec.name_en,
        start=spec.start,
        end=spec.end,
        source=spec.source,
        actions=tuple(sorted(actions, key=lambda x: x.number)),
        districts=tuple(District(d.name_zh, d.name_en, tuple(d.aliases)) for d in spec.districts),
        at_risk_ratio=spec.at_risk_ratio,
        path=shown,
        timezone=spec.timezone,
    )
