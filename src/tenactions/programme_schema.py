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
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from tenactions.amounts import (
    AmountError,
    in_chinese_numerals,
    parse_amount,
    unit_contradicts,
    written_unit,
)
from tenactions.dates import DEFAULT_TIMEZONE, timezone_problem
from tenactions.errors import ProgrammeError, ValueProblem
from tenactions.messages import ByLang, Code, Either, Joined, Msg
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
        raise ValueProblem(Msg("prog_date_time"))
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueProblem(Msg("prog_not_date", value=value)) from None
    raise ValueProblem(Msg("prog_not_date", value=value))


def _amount(value: object) -> object:
    if not isinstance(value, str | int | float | Decimal) or isinstance(value, bool):
        raise ValueProblem(Msg("not_amount", text=value))
    try:
        return parse_amount(value)
    except AmountError as exc:
        raise ValueProblem(exc.text) from None


def _share(value: object) -> object:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            return Decimal(value.strip()[:-1]) / 100
        except ArithmeticError:
            raise ValueProblem(Msg("prog_not_percentage", value=value)) from None
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _timezone(value: str) -> str:
    problem = timezone_problem(value)
    if problem:
        raise ValueProblem(problem)
    return value


def _no_control(value: object) -> object:
    # A name is printed to terminals, reports and spreadsheets: escape sequences in it would be
    # interpreted there. Tabs and line breaks are allowed (descriptions are folded text).
    if isinstance(value, str):
        for ch in value:
            if unicodedata.category(ch) == "Cc" and ch not in "\t\n":
                raise ValueProblem(Msg("prog_control", code=f"U+{ord(ch):04X}"))
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

    @field_validator("goal", mode="before")
    @classmethod
    def _goal_as_written(cls, value: object, info: ValidationInfo) -> object:
        """A goal is written in digits (``60``, ``1.2万``), and a unit written on it is the
        target's: ``60元`` on a target counted in 家, or ``六十棵``, is a slip, not a goal."""
        if not isinstance(value, str):
            return value
        if in_chinese_numerals(value):
            raise ValueProblem(Msg("prog_goal_numerals", text=value))
        unit = info.data.get("unit")
        word = written_unit(value)
        if isinstance(unit, UnitSpec) and word is not None and unit_contradicts(word, unit.zh):
            its = ByLang(en=unit.en, zh=unit.zh)
            raise ValueProblem(Msg("prog_goal_unit", text=value, unit=word, its=its))
        return value


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
        #: (line, column, message), in the order found; sorted by place when raised.
        self.problems: list[tuple[int, int, Msg]] = []
        self.pending: list[tuple[yaml.Mark | None, Path, Msg]] = []

    def at(self, mark: Any, where: Msg, what: Msg) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.problems.append(
            (
                line,
                col,
                Msg(
                    "programme_problem",
                    file=self.shown,
                    pos=f"{line}:{col}",
                    where=where,
                    what=what,
                ),
            )
        )

    def messages(self) -> list[Msg]:
        return [msg for _, _, msg in self.problems]

    def at_path(self, mark: yaml.Mark | None, path: Path, what: Msg) -> None:
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
        doc.at(_Mark(line - 1), _FILE, Msg("prog_not_utf8", byte=exc.start))
        return None
    if not text.strip():
        doc.at(None, _FILE, Msg("prog_empty"))
        return None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                doc.at(event.start_mark, _FILE, Msg("prog_alias", anchor=f"*{event.anchor}"))
        if doc.problems:
            return None
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                doc.at(None, _FILE, Msg("prog_empty"))
                return None
            data = _build(node, (), loader, doc)
            doc.flush(data)
            return data
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        said = (exc.problem or exc.context or "").strip()
        doc.at(mark, _YAML, Msg("prog_yaml", said=said) if said else Msg("prog_yaml_unparsed"))
    except yaml.YAMLError as exc:
        doc.at(None, _YAML, Msg("prog_yaml", said=str(exc)))
    return None


def _build(node: yaml.Node, path: Path, loader: yaml.SafeLoader, doc: _Document) -> Any:
    doc.values[path] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            doc.at_path(node.start_mark, path, Msg("prog_tag", tag=node.tag))
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or key_node.tag == "tag:yaml.org,2002:merge"
            ):
                doc.at_path(key_node.start_mark, path, Msg("prog_merge_key"))
                continue
            key = str(key_node.value)
            if key in result or ((*path, key)) in doc.keys:
                first = doc.keys[(*path, key)]
                doc.at_path(
                    key_node.start_mark,
                    path,
                    Msg("prog_duplicate_key", key=key, line=first.line + 1),
                )
                continue
            doc.keys[(*path, key)] = key_node.start_mark
            result[key] = _build(value_node, (*path, key), loader, doc)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            doc.at_path(node.start_mark, path, Msg("prog_tag", tag=node.tag))
            return None
        return [_build(item, (*path, i), loader, doc) for i, item in enumerate(node.value)]
    if node.tag not in _PLAIN_TAGS:
        doc.at_path(node.start_mark, path, Msg("prog_tag", tag=node.tag))
        return None
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # e.g. 2024-13-01 looks like a date but is not one
        doc.at_path(node.start_mark, path, Msg("not_real_date_yaml", text=node.value, why=str(exc)))
        return None


#: The place of a problem outside any key: the file as a whole, or its YAML syntax.
_FILE = Msg("where_file")
_YAML = Code("YAML")


class _Mark:
    """A position without a parser's mark (a line found by counting bytes)."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.column = 0


def _where(path: Path, data: Any = None) -> Msg:
    """A path a person can read: ``action 2 / target fairs / goal``."""
    if not path:
        return _FILE
    parts: list[Msg] = []
    node = data
    i = 0
    while i < len(path):
        step = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if step in _ITEMS and isinstance(nxt, int):
            item = node[step][nxt] if isinstance(node, dict) and _has(node, step, nxt) else None
            if step == "actions" and isinstance(item, dict) and isinstance(item.get("number"), int):
                parts.append(Msg("where_action", number=item["number"]))
            elif step == "targets" and isinstance(item, dict) and isinstance(item.get("id"), str):
                parts.append(Msg("where_target", id=item["id"]))
            elif (
                step == "districts"
                and isinstance(item, dict)
                and isinstance(item.get("name_zh"), str)
            ):
                parts.append(Msg("where_district", name=item["name_zh"]))
            else:
                parts.append(Msg(_ITEMS[str(step)], n=nxt + 1))
            node = item
            i += 2
            continue
        parts.append(Code(str(step)))  # a key of the file, as written there
        node = node.get(step) if isinstance(node, dict) else None
        i += 1
    return Joined(parts, path=True)


#: The lists of the file whose items are named by their number when they have no name.
_ITEMS = {
    "actions": "where_action_n",
    "targets": "where_target_n",
    "districts": "where_district_n",
    "checkpoints": "where_checkpoint_n",
    "aliases": "where_alias_n",
    "was": "where_former_id_n",
}


def _has(node: dict[str, Any], key: str, index: int) -> bool:
    seq = node.get(key)
    return isinstance(seq, list) and 0 <= index < len(seq)


# --- validation ------------------------------------------------------------------------------


def parse(raw: bytes, shown: str) -> Programme:
    doc = _Document(shown)
    data = _read_yaml(raw, doc)
    if doc.problems:
        raise ProgrammeError(_capped(doc.messages()))
    if not isinstance(data, dict):
        doc.at(doc.mark_for(()), _FILE, Msg("prog_not_mapping"))
        raise ProgrammeError(doc.messages())
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


def _message(error: Any) -> Msg:
    """Pydantic's finding in the catalogue's words, by its error type and context."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("error"), ValueProblem):  # our own validators
        problem: Msg = ctx["error"].text
        return problem
    if kind in _PYDANTIC:
        return Msg(_PYDANTIC[kind], **{k: v for k, v in ctx.items() if k != "error"})
    if kind == "literal_error":
        # ctx["expected"] is pydantic's "'week', 'month' or 'quarter'": the choices, quoted.
        choices = str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        return Msg("prog_one_of", choices=Either(choices))
    return Msg("prog_invalid", said=str(error["msg"]))


#: Pydantic's error types -> catalogue ids (their parameters are pydantic's ``ctx``).
_PYDANTIC = {
    "extra_forbidden": "prog_unknown_key",
    "missing": "prog_missing_key",
    "string_pattern_mismatch": "prog_bad_id",
    "string_too_short": "prog_empty_value",
    "string_too_long": "prog_too_long",
    "too_short": "prog_too_few",
    "greater_than": "prog_gt",
    "greater_than_equal": "prog_ge",
    "less_than": "prog_lt",
    "less_than_equal": "prog_le",
    "int_type": "prog_whole",
    "int_parsing": "prog_whole",
    "int_from_float": "prog_whole",
    "string_type": "prog_text",
    "list_type": "prog_list",
    "model_type": "prog_mapping",
    "dict_type": "prog_mapping",
    "model_attributes_type": "prog_mapping",
    "decimal_type": "prog_number",
    "decimal_parsing": "prog_number",
    "finite_number": "prog_number",
}


MAX_PROBLEMS = 30


def _capped(problems: list[Msg]) -> list[Msg]:
    """At most :data:`MAX_PROBLEMS` lines: a mistake repeated a thousand times is one mistake."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Msg("prog_more_problems", n=more)]


def _sorted(problems: list[tuple[int, int, Msg]]) -> list[Msg]:
    """By place in the file, each problem once."""
    unique: dict[str, tuple[int, int, Msg]] = {}
    for line, col, msg in problems:
        unique.setdefault(str(msg), (line, col, msg))
    return [msg for _, _, msg in sorted(unique.values(), key=lambda p: (p[0], p[1]))]


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
                    doc.mark_for(path), _where(path, data), Msg("prog_number_twice", number=number)
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
                        Msg("prog_name_taken", key=key, target=seen[folded][2]),
                    )
                else:
                    seen[folded] = (ai, ti, tid)


def _check_dates(spec: ProgrammeSpec, data: dict[str, Any], doc: _Document) -> None:
    def problem(path: Path, what: Msg) -> None:
        doc.at(doc.mark_for(path), _where(path, data), what)

    if spec.end <= spec.start:
        problem(("end",), Msg("prog_period_backwards", end=spec.end, start=spec.start))
        return
    for ai, action in enumerate(spec.actions):
        for ti, t in enumerate(action.targets):
            base: Path = ("actions", ai, "targets", ti)
            for name in ("start", "due", "window_start"):
                value = getattr(t, name)
                if value is not None and not spec.start <= value <= spec.end:
                    problem(
                        (*base, name),
                        Msg("prog_outside_period", date=value, start=spec.start, end=spec.end),
                    )
            if t.kind == "milestone" and t.due is None:
                problem(base, Msg("prog_milestone_due"))
            if t.kind != "milestone" and t.window_start is not None:
                problem((*base, "window_start"), Msg("prog_window_milestone"))
            if t.kind == "recurring" and t.every is None:
                problem(base, Msg("prog_recurring_every"))
            if t.kind != "recurring" and t.every is not None:
                problem((*base, "every"), Msg("prog_every_recurring"))
            start = t.window_start or t.start or spec.start
            last = t.due or spec.end
            if start > last:
                problem(
                    (*base, "start" if t.start else "window_start"),
                    Msg("prog_starts_after_end", end=last),
                )
            if t.goal != t.goal.quantize(Decimal(1).scaleb(-t.decimals)):
                problem(
                    (*base, "goal"),
                    Msg("prog_goal_decimals", decimals=t.decimals),
                )
            previous = Decimal(0)
            for ci, cp in enumerate(t.checkpoints):
                path = (*base, "checkpoints", ci)
                if t.kind != "cumulative":
                    problem(path, Msg("prog_checkpoints_cumulative"))
                    break
                if not (t.start or spec.start) <= cp.date <= last:
                    problem(
                        (*path, "date"),
                        Msg(
                            "prog_outside_target",
                            date=cp.date,
                            start=t.start or spec.start,
                            end=last,
                        ),
                    )
                if cp.share < previous:
                    problem((*path, "share"), Msg("prog_shares_down"))
                previous = cp.share
    names: dict[str, int] = {}
    for di, district in enumerate(spec.districts):
        for key in (district.name_zh, district.name_en, *district.aliases):
            folded = key.casefold()
            if folded in names and names[folded] != di:
                problem(("districts", di), Msg("prog_two_districts", key=key))
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
