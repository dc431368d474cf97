"""What the report formats share: labels, number formatting, the text progress bar, and
wrapping text to a width by terminal cells (a Chinese character takes two)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal

from tenactions.amounts import format_amount, format_done_of_goal
from tenactions.amounts import with_unit as amount_with_unit
from tenactions.messages import status_label, t
from tenactions.model import english_unit
from tenactions.progress import Report, Status, TargetProgress


def short(value: Decimal | None, lang: str, *, up: bool = False) -> str:
    """An amount in a report, by the one rule of :func:`~tenactions.amounts.format_amount`
    (``""`` when there is none). ``up`` for what is expected, needed or the goal; what was
    done rounds down. Exact figures are in the JSON, CSV and XLSX formats.
    """
    return "" if value is None else format_amount(value, lang, up=up)


def district_names(report: Report, names_zh: Sequence[str], lang: str) -> list[str]:
    """Districts (kept by their Chinese names) by their names in ``lang``."""
    known = {d.name_zh: d.name(lang) for d in report.programme.districts}
    return [known.get(name, name) for name in names_zh]


def done_of_goal(p: TargetProgress, lang: str, sep: str = "/") -> str:
    """``81万/100万``: what was done and the goal by one rounding once the goal is met."""
    return sep.join(format_done_of_goal(p.actual, p.goal, lang))


def percent(value: Decimal) -> str:
    return f"{value:.1f}%"


def share(value: Decimal) -> str:
    """A 0-1 share as a percentage."""
    return f"{value * 100:.1f}%"


def bar(p: TargetProgress, width: int = 8) -> str:
    """A text progress bar: filled to the percent (capped at the bar's width)."""
    filled = min(width, int(p.percent * width // 100))
    return "█" * filled + "░" * (width - filled)


def goal_text(p: TargetProgress, lang: str, *, with_unit: bool = True) -> str:
    """``3,120/5,000棵``; bare with ``with_unit=False``. A recurring target always reads
    ``2/5 个月`` / ``2/5 months`` (see :func:`periods_text`), in every format."""
    if p.target.kind == "recurring":
        return periods_text(p, lang)
    numbers = done_of_goal(p, lang)
    if not with_unit:
        return numbers
    return amount_with_unit(numbers, p.target.unit(lang, p.goal), lang)


def periods_text(p: TargetProgress, lang: str) -> str:
    """A recurring target's progress, the one wording of every format: ``2/5 个月``, never
    ``2/5月`` (which reads as a date)."""
    done, goal = format_done_of_goal(p.actual, p.goal, lang)
    periods = unit_text(p, lang, p.goal)  # after the goal: 0/1 month, 2/5 months
    return t(lang, "periods_done", done=done, goal=goal, periods=periods)


def unit_text(p: TargetProgress, lang: str, count: Decimal | int | None = None) -> str:
    """The unit the actual and goal are counted in: the target's, or its periods
    (个月/months, named by the target's ``every``); in English after ``count``, singular for
    exactly one (``1 month``), as :meth:`~tenactions.model.Target.unit` does."""
    target = p.target
    if target.kind == "recurring":
        periods = t(lang, f"periods_{target.every or 'month'}")
        return periods if lang == "zh" or count is None else english_unit(periods, count)
    return target.unit(lang, count)


def status_text(p: TargetProgress, lang: str) -> str:
    """The status label, with "early"/"late" for a target done outside its window."""
    label = status_label(lang, p.status)
    if p.timing is None:
        return label
    timing = t(lang, f"timing_{p.timing}")
    return f"{label}（{timing}）" if lang == "zh" else f"{label} ({timing})"


def period_note(report: Report, lang: str) -> str | None:
    """Says so when the as-of date is outside the programme's period; None inside it."""
    programme = report.programme
    if report.phase == "ended":
        return t(lang, "period_ended", end=programme.end.isoformat())
    if report.phase == "not_started":
        return t(lang, "period_not_started", start=programme.start.isoformat())
    return None


def counts_line(counts: Mapping[Status, int], lang: str) -> str:
    """``done 3 · on track 5 · behind 1`` (statuses with a count of zero left out)."""
    return " · ".join(f"{status_label(lang, s)} {n}" for s, n in counts.items() if n)


def pace_line(report: Report, lang: str) -> str:
    """时间过半、任务过半: the share of the period gone beside the share of the work done."""
    if lang == "zh":
        return f"时间进度 {share(report.elapsed)}，任务进度 {share(report.work_done)}"
    return f"Period elapsed {share(report.elapsed)}, work done {share(report.work_done)}"


def title(report: Report, lang: str) -> str:
    name = report.programme.name(lang)
    return f"{name} — 截至 {report.as_of}" if lang == "zh" else f"{name} — as of {report.as_of}"


# --- wrapping -------------------------------------------------------------------------------

# Chinese text breaks after its punctuation (，、：) and before an opening bracket, so that a
# line never ends inside a word such as 进度正常; a run too long for a line (a long name) is
# then cut between characters. Never before closing punctuation nor after opening.
_CLOSING = frozenset("，。、；：！？）】》」』”’〕,.;:!?)%")
_OPENING = frozenset("（【《「『“‘〔(")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _may_break(before: str, after: str) -> bool:
    """Whether a line may end between ``before`` and ``after``: at spaces, and after Chinese
    punctuation or before an opening bracket, after a hyphen before a letter; never inside a
    Latin word or a number (2024-08-31), nor between 6.4 and 万."""
    if after.isspace() or before.isspace():
        return after.isspace() != before.isspace()
    if after in _CLOSING or before in _OPENING:
        return False
    if before == "-" and after.isalpha():
        return True  # Consumption-|assistance: after a hyphen between words
    return (_wide(before) and before in _CLOSING) or (after in _OPENING and _wide(after))


def _pieces(text: str) -> list[str]:
    """``text`` cut at every place a line may break; runs of spaces are pieces of their own."""
    out: list[str] = []
    for ch in text:
        if out and not _may_break(out[-1][-1], ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _fill(pieces: Sequence[str], width: int, indent: int) -> list[str]:
    """Pack pieces into lines of at most ``width`` cells; lines after the first are indented.
    A piece wider than a line (a very long word) is cut by characters, the only way it fits."""
    from rich.cells import cell_len

    lines: list[str] = []
    pad = " " * indent
    line = ""
    for piece in pieces:
        if not line.strip() and piece.isspace():
            continue  # no line starts with spaces beyond its indent
        if cell_len(line + piece) <= width:
            line += piece
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = pad
        if piece.isspace():
            continue
        while cell_len(line + piece) > width:
            cut = 1
            while cut < len(piece) and cell_len(line + piece[: cut + 1]) <= width:
                cut += 1
            if len(piece) - cut == 1 and cut > 2:
                cut -= 1  # no single character left alone on the last line
            while 1 < cut < len(piece) and (piece[cut] in _CLOSING or piece[cut - 1] in _OPENING):
                cut -= 1  # nor a line that starts with ” or ends with “ (家政”, “南粤)
            lines.append(line + piece[:cut])
            line, piece = pad, piece[cut:]
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap_text(text: str, width: int, *, indent: int = 0) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at word boundaries (Chinese
    between characters); lines after the first are indented by ``indent`` spaces."""
    return _fill(_pieces(text), width, indent)


def widest_word(text: str) -> int:
    """The cells the widest word of ``text`` takes: the narrowest a column can be for
    :func:`wrap_text` to break it only between words (a Chinese run may break anywhere)."""
    from rich.cells import cell_len

    words = [p for p in _pieces(text) if not p.isspace() and not any(_wide(c) for c in p)]
    return max((cell_len(w.rstrip()) for w in words), default=0)


def wrap(
    head: str, items: Sequence[str], width: int, *, indent: int = 0, sep: str = "  "
) -> list[str]:
    """``head`` then ``items`` joined by ``sep``, in lines of at most ``width`` cells; an item
    (``天河区 2.9亿``) stays on one line; a punctuation ``sep`` (、) stays with its item."""
    if not items:
        return wrap_text(head, width, indent=indent)
    parts = [item + sep for item in items[:-1]] if sep.strip() else []
    if not parts:
        parts = [x for item in items[:-1] for x in (item, sep)]
    parts.append(items[-1])
    return _fill(_pieces(head) + parts, width, indent)
