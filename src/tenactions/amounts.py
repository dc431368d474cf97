"""Amounts as people write them: ``120``, ``1,200``, ``1.2万``, ``3亿``, ``０.３５亿``, ``￥350000``,
``三万五千``.

Amounts are exact :class:`~decimal.Decimal` values, never binary floats. The store keeps
them as whole hundredths (``amount_c``) so that SQLite can add them up exactly.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation

from tenactions.errors import ValueProblem
from tenactions.messages import Msg

#: The largest amount one entry may carry, in base units: 1,000 万亿. Totals of many such
#: entries still fit SQLite's 64-bit integers once stored as hundredths.
MAX_AMOUNT = Decimal(10) ** 15

_MULTIPLIERS = {
    "": Decimal(1),
    "千": Decimal(1_000),
    "k": Decimal(1_000),
    "万": Decimal(10_000),
    "w": Decimal(10_000),
    "十万": Decimal(100_000),
    "百万": Decimal(1_000_000),
    "千万": Decimal(10_000_000),
    "亿": Decimal(100_000_000),
    "万亿": Decimal(10) ** 12,
}
# Units people add after the number; they carry no value, the target defines the unit.
_UNIT_SUFFIX = re.compile(r"(元|人民币|rmb|yuan|cny|人|名|家|棵|场|次|个|项|批次|批|期)$")
_NUMBER = re.compile(
    r"^(?P<num>\d+(?:\.\d+)?|\.\d+)(?P<mult>万亿|十万|百万|千万|千|万|亿|k|w)?$", re.ASCII
)
# The whole-number part as written: digits, with separators only between groups of three.
_INTEGER_PART = re.compile(r"^[\d, ]*\d", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}([, ])\d{3}(?:\1\d{3})*", re.ASCII)


class AmountError(ValueProblem):
    """The text is not an amount; the message says why."""


def parse_amount(text: str | int | float | Decimal) -> Decimal:
    """Parse one amount into an exact positive Decimal in base units.

    Accepts ASCII or full-width digits, thousands separators (``,`` ``，`` ``_`` and spaces),
    the multipliers 千/万/亿 (and ``k``/``w``), a trailing unit word such as 元 or 棵, a
    currency mark before the number (``￥``, ``¥``, ``人民币``, ``RMB``), and Chinese numerals
    (``一千``, ``三万五千``, ``两千零五``, ``壹万贰仟``) or digits with Chinese units (``3万5千``).
    Raises :class:`AmountError` for text that is not a number, for zero or negative amounts,
    and for amounts over :data:`MAX_AMOUNT`.
    """
    if isinstance(text, bool):
        raise AmountError(Msg("not_amount", text=text))
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        if text != text or text in (float("inf"), float("-inf")):
            raise AmountError(Msg("not_amount", text=text))
        # repr gives the shortest text that round-trips, so 0.1 stays 0.1, not 0.1000000000000000055.
        value = Decimal(repr(text))
    elif isinstance(text, Decimal):
        value = text
    elif _plain_number(text):
        # Most cells of a big file: the value the parser would give (the same multiplication
        # by one, which rounds to the context's precision), without it.
        value = Decimal(text) * _MULTIPLIERS[""]
    else:
        value = _parse_text(text)
    if not value.is_finite():
        raise AmountError(Msg("not_amount", text=text))
    if value == value.to_integral_value():
        value = Decimal(int(value))
    if value <= 0:
        raise AmountError(Msg("amount_not_positive", amount=_show(text)))
    if value > MAX_AMOUNT:
        raise AmountError(Msg("amount_too_large", amount=_show(text)))
    return value


def _plain_number(text: str) -> bool:
    """Whether ``text`` is ASCII digits, with at most one decimal point between digits."""
    if not text.isascii():
        return False
    whole, point, fraction = text.partition(".")
    return whole.isdigit() and (not point or fraction.isdigit())


def _show(text: object) -> str:
    return text if isinstance(text, str) else str(text)


def _parse_text(text: str) -> Decimal:
    original = text
    _only_plain_digits(text)
    # NFKC turns full-width digits, dots and commas (１，２００．５) into ASCII.
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if not s:
        raise AmountError(Msg("amount_empty"))
    negative = s.startswith(("-", "−"))
    if negative or s.startswith("+"):
        s = s[1:].strip()
    s = _without_currency(s)
    s = _UNIT_SUFFIX.sub("", s).strip()
    if _CHINESE_NUMERAL.search(s):
        return _chinese_number(s, original)
    s = _ungrouped(s, original)
    match = _NUMBER.match(s)
    if not match:
        raise AmountError(Msg("not_amount_how", text=original))
    try:
        value = Decimal(match["num"]) * _MULTIPLIERS[match["mult"] or ""]
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only digits
        raise AmountError(Msg("not_amount", text=original)) from exc
    if negative:
        raise AmountError(Msg("amount_not_positive", amount=original))
    return value


def _only_plain_digits(text: str) -> None:
    """Refuse digits other than ASCII and full-width ones (Arabic-Indic, superscripts, ①).

    NFKC would turn ``²`` into ``2`` and ``\\d`` matches ``٣``: neither is how anyone here
    writes an amount, so either is far more likely a mistake than a number.
    """
    for ch in text:
        if ("0" <= ch <= "9") or ("０" <= ch <= "９"):
            continue
        if unicodedata.category(ch) in ("Nd", "No") or unicodedata.digit(ch, None) is not None:
            raise AmountError(Msg("amount_odd_digit", text=text, ch=ch, code=f"U+{ord(ch):04X}"))


def _ungrouped(s: str, original: str) -> str:
    """``1,200`` -> ``1200``; separators only between groups of three: ``1,2345`` is refused."""
    head = _INTEGER_PART.match(s)
    if head is None or head[0].isdigit():
        return s
    if not _GROUPED.fullmatch(head[0]):
        raise AmountError(Msg("amount_grouping", text=original))
    return re.sub(r"[,_ ]", "", head[0]) + s[head.end() :]


# --- currency marks and Chinese numerals ---------------------------------------------------------

# NFKC has already turned the full-width ￥ into ¥.
_CURRENCY_PREFIX = re.compile(r"^(?:¥|人民币|rmb|cny)\s*")
_CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_NUMERAL_CHARACTERS = frozenset("零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰仟")
_CHINESE_NUMERAL = re.compile(
    r"[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰仟]|\d[千万亿]\d"
)
# A digit directly after one of these units, ending the number, counts in the next lower unit.
_ELIDED_UNITS = {
    "百": Decimal(10), "佰": Decimal(10), "千": Decimal(100), "仟": Decimal(100),
    "万": Decimal(1_000), "亿": Decimal(10_000_000),
}  # fmt: skip
_NUMERAL_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


_CURRENCY_SUFFIX = re.compile(r"(?:元|人民币|rmb|yuan|cny)$")


def written_unit(text: str) -> str | None:
    """The unit an amount is written in (``60元`` -> 元, ``￥12`` -> 元, ``300棵`` -> 棵), or
    ``None`` for a bare number. The unit carries no value; it may contradict the target's."""
    if names_money(text):
        return "元"
    s = unicodedata.normalize("NFKC", text).strip().lower()
    found = _UNIT_SUFFIX.search(s)
    return found.group(1) if found else None


def written_scale(text: str) -> tuple[Decimal | None, str] | None:
    """The unit an amount is written in, as (multiplier, base word): ``3000万元`` -> (10000,
    元), ``￥3,000`` -> (1, 元), ``1.2万`` -> (10000, ""), ``300棵`` -> (1, 棵); ``None`` for
    a number alone (``3,000``, ``六十``). Any currency word is 元. The multiplier is ``None``
    when the number is spoken with units inside it (``三千``, ``3万5千``): it is no one unit."""
    s = unicodedata.normalize("NFKC", text).strip().lower().lstrip("+-−").strip()
    base = ""
    if _CURRENCY_PREFIX.match(s):
        base, s = "元", _without_currency(s)
    suffix = _UNIT_SUFFIX.search(s)
    if suffix is not None:
        base, s = base or suffix.group(1), s[: suffix.start()].strip()
    if base in MONEY_WORDS:
        base = "元"
    multiplier: Decimal | None = Decimal(1)
    if re.search(r"[千万亿仟]", s):
        match = _NUMBER.match(re.sub(r"[,_ ]", "", s))
        multiplier = _MULTIPLIERS[match["mult"]] if match and match["mult"] else None
    else:
        match = re.search(r"\d\s*([kw])$", s)
        if match is not None:
            multiplier = _MULTIPLIERS[match[1]]
    if multiplier == 1 and not base:
        return None
    return multiplier, base


def in_chinese_numerals(text: str) -> bool:
    """Whether the number is written in Chinese numerals (``六十``, ``三万五千``), rather than in
    digits with at most a multiplier (``60``, ``1.2万``, ``3万5千``)."""
    s = unicodedata.normalize("NFKC", text)
    return any(ch in _NUMERAL_CHARACTERS for ch in s)


# Count words any count target may be written in; a specific word (棵, 家) must be the target's.
GENERIC_COUNTS = frozenset(("个", "项", "次", "件"))
# Ways of counting people, the same unit for a headcount target (名 workers, 人 members).
HEADCOUNTS = frozenset(("人", "名", "位", "人次"))
MONEY_WORDS = frozenset(("元", "人民币", "人民币元", "rmb", "yuan", "cny"))


def unit_contradicts(word: str, unit_zh: str) -> bool:
    """Whether numbers written in ``word`` (元, 棵, 个, …) cannot count a target whose unit is
    ``unit_zh``: money for a count or a count for money, or another thing counted (棵 for 家).
    A generic count word (个, 项) fits any count, and the ways of counting people fit each
    other. The one rule for an import column's unit, an amount's and a programme's goal."""
    money = word in MONEY_WORDS
    if money != (unit_zh == "元"):
        return True
    return not (
        money
        or word in GENERIC_COUNTS
        or word in unit_zh
        or unit_zh in word
        or (word in HEADCOUNTS and unit_zh in HEADCOUNTS)
    )


def names_money(text: str) -> bool:
    """Whether an amount as written carries a currency mark: ``￥12``, ``100元``, ``RMB 5``."""
    s = unicodedata.normalize("NFKC", text).strip().lower().lstrip("+-−").strip()
    return bool(_CURRENCY_PREFIX.match(s) or _CURRENCY_SUFFIX.search(s))


def _without_currency(s: str) -> str:
    """``¥350000`` -> ``350000``: a currency mark before the number carries no value."""
    return _CURRENCY_PREFIX.sub("", s)


def _chinese_number(s: str, original: str) -> Decimal:
    """A number written with Chinese numerals or units: ``三万五千`` -> 35000, ``3万5千`` -> 35000.

    Digits (Chinese or Arabic) are multiplied by the unit after them; 十/百/千 build a group
    below 万, and 万/亿 scale everything before them, as the numerals are read aloud. A last
    digit right after 百/千/万/亿 is the next lower unit, as spoken: 一千二 is 1200, 三万五
    35000, 1千2 1200; with a 零 it is the digit itself (一千零二 is 1002).
    """
    bad = AmountError(Msg("not_amount_how", text=original))
    total = Decimal(0)  # everything before the last 亿, already multiplied
    section = Decimal(0)  # since the last 亿: whole 万s
    group = Decimal(0)  # since the last 万 or 亿: built with 十/百/千
    digit: Decimal | None = None
    fresh = False  # a digit or 十/百/千 since the last 万 or 亿
    previous = ""
    elided: Decimal | None = None  # the unit a digit follows directly: 千 in 一千二
    for token in _NUMERAL_TOKEN.findall(s.replace(" ", "")):
        before, previous = previous, token
        if token in "零〇":
            continue  # a place holder: 两千零五 is 2005
        if token in _CHINESE_DIGITS or token[0].isdigit():
            if digit is not None:
                raise bad  # two numbers in a row: 三五 or 3三
            elided = _ELIDED_UNITS.get(before)
            if elided is not None and not (token in _CHINESE_DIGITS or len(token) == 1):
                if before in _BIG_UNITS:
                    raise bad  # 1万25: neither 10025 nor 12500 is clearly meant
                elided = None  # 1千25 is 1025 as written
            digit = Decimal(_CHINESE_DIGITS[token]) if token in _CHINESE_DIGITS else Decimal(token)
        elif token in _SMALL_UNITS:
            # 十 alone means ten (十二 = 12); other units need a digit before them.
            if digit is None and token not in "十拾":
                raise bad
            group += (Decimal(1) if digit is None else digit) * _SMALL_UNITS[token]
            digit = None
        elif token in _BIG_UNITS:
            if not fresh and (token == "万" or section == 0):
                raise bad  # 万 alone, 一万万, 一亿亿 (but 一万亿 is 10^12)
            if token == "万":
                section += (group + (digit or 0)) * 10_000
            else:  # 亿 scales everything before it: 一万亿 is 10^12
                total = (total + section + group + (digit or 0)) * 100_000_000
                section = Decimal(0)
            group, digit = Decimal(0), None
            fresh = False
            continue
        else:
            raise bad
        fresh = True
    if digit is not None and elided is not None:
        if "." in s:
            raise bad  # 1.2万5: a decimal and the spoken form together say nothing certain
        # The last digit right after a unit stands for the next lower unit, as it is said:
        # 一千二 is 1200, 三万五 35000, 两百五 250 (一千零二, with the 零, is 1002).
        digit *= elided
    value = total + section + group + (digit or 0)
    if value == 0 and "零" not in s and "〇" not in s:
        raise bad
    return value


def to_hundredths(
    value: Decimal,
    *,
    decimals: int = 0,
    target: Msg | None = None,
    typed: str | None = None,
) -> int:
    """Convert an amount to the whole hundredths the store keeps.

    ``decimals`` is how many decimal places the target's unit allows (0 for counts such
    as trees, 2 for money); an amount with more is refused rather than rounded. A refusal
    names ``target`` and quotes the amount as ``typed`` (``'1,234.5'``, ``'１２３.５'``).
    """
    if value != value.quantize(Decimal(1).scaleb(-decimals)):
        shown = f"{value:f}" if typed is None else typed  # as given: never a rounded 1.23
        if target is not None:
            if decimals == 0:
                raise AmountError(Msg("target_amount_whole", target=target, amount=shown))
            raise AmountError(
                Msg("target_amount_decimals", target=target, amount=shown, decimals=decimals)
            )
        if decimals == 0:
            raise AmountError(Msg("amount_whole", amount=shown))
        raise AmountError(Msg("amount_decimals", amount=shown, decimals=decimals))
    return int(value * 100)


def from_hundredths(hundredths: int) -> Decimal:
    """The exact amount for a stored number of hundredths."""
    value = Decimal(hundredths) / 100
    return value.quantize(Decimal(1)) if hundredths % 100 == 0 else value


#: The units of the short form, largest first: (size, suffix). Chinese counts in 万 (10^4),
#: English in thousands; both switch to the short form at the same amount, 10,000.
_UNITS: dict[str, tuple[tuple[Decimal, str], ...]] = {
    "zh": ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")),
    "en": (
        (Decimal(10) ** 12, "T"),
        (Decimal(10) ** 9, "B"),
        (Decimal(10) ** 6, "M"),
        (Decimal(10) ** 3, "k"),
    ),
}
#: Below this an amount is shown exactly; from it on, in 万/亿 or k/M/B with one decimal.
SHORT_FROM = Decimal(10_000)
_TENTH = Decimal("0.1")


def format_amount(
    value: Decimal | int, lang: str = "zh", *, up: bool = False, exact: bool = False
) -> str:
    """An amount for people, by one rule in every human-facing output.

    Below 10,000 it is exact, with grouping: ``9,999``, ``1,234.56``, ``0.5``. From 10,000 on
    it is short, with at most one decimal: ``1.2万``, ``7.8亿``, ``81万`` in Chinese, ``12.3k``,
    ``780M``, ``1B`` in English. The short form never flatters: it rounds *down* (what was
    done: 785,000,000 shows as 7.8亿, 99,999,999 as 9999.9万), or *up* with ``up=True`` (what
    is expected, needed, or the goal: 16,923,076.93 shows as 1692.4万). The short figure is
    not grouped (``1692.4万``, as Chinese writes it). ``exact`` keeps every
    digit at any size (a ledger line, the amount just recorded). Machine formats (CSV, JSON,
    XLSX cells) never come here: they carry the exact number.
    """
    d = Decimal(value)
    if exact or abs(d) < SHORT_FROM:
        return _grouped(d)
    scaled, _, suffix = _short(d, lang, up=up)
    text = f"{scaled:f}"
    return (text.removesuffix(".0") if text.endswith(".0") else text) + suffix


def with_unit(amount: str, unit: str, lang: str) -> str:
    """A formatted amount and its unit, spaced by the one rule of every human-facing output:
    together in Chinese (``100万元``, ``2/5 个月`` keeps its own wording), a space between in
    English (``1M yuan``)."""
    if not unit:
        return amount
    return f"{amount}{unit}" if lang == "zh" else f"{amount} {unit}"


def _short(d: Decimal, lang: str, *, up: bool) -> tuple[Decimal, Decimal, str]:
    """The short form of ``d`` (at least :data:`SHORT_FROM`): (figure, unit size, suffix)."""
    units = _UNITS["zh" if lang == "zh" else "en"]
    rounding = ROUND_CEILING if up else ROUND_FLOOR
    for i, (size, suffix) in enumerate(units):
        if abs(d) < size:
            continue
        scaled = (d / size).quantize(_TENTH, rounding=rounding)
        if i > 0 and abs(scaled) * size >= units[i - 1][0]:
            # Rounding up reached the next unit (9,999.99万 up is 1亿, not 10,000万).
            size, suffix = units[i - 1]
            scaled = (d / size).quantize(_TENTH, rounding=rounding)
        return scaled, size, suffix
    raise AssertionError("SHORT_FROM is at least the smallest unit")  # pragma: no cover


def _shown(d: Decimal, lang: str, *, up: bool) -> Decimal:
    """The amount a reader takes from :func:`format_amount`'s text."""
    if abs(d) < SHORT_FROM:
        return d
    scaled, size, _ = _short(d, lang, up=up)
    return scaled * size


def format_done_of_goal(
    done: Decimal | int, goal: Decimal | int, lang: str = "zh"
) -> tuple[str, str]:
    """What was done and the goal, side by side (``81万``, ``100万``), by :func:`format_amount`.

    Done rounds down and the goal up, so a target that is met could read as short of its goal
    (10,050 of 10,050 as ``10k/10.1k``). When done reaches the goal both halves share one
    rounding: the goal's short form for both when they are equal, else both exactly (only
    when the short forms would put done below the goal).
    """
    done, goal = Decimal(done), Decimal(goal)
    shown_done, shown_goal = format_amount(done, lang), format_amount(goal, lang, up=True)
    if done < goal or _shown(done, lang, up=False) >= _shown(goal, lang, up=True):
        return shown_done, shown_goal
    if done == goal:
        return shown_goal, shown_goal
    return format_amount(done, lang, exact=True), format_amount(goal, lang, exact=True)


def _grouped(d: Decimal) -> str:
    """Exact, with thousands grouping: ``1,200``, ``1,234.56``, ``0.5`` (no invented zeros)."""
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def as_number(value: Decimal) -> int | float:
    """The amount as a JSON-friendly number: an int when whole, else a float."""
    return int(value) if value == value.to_integral_value() else float(value)
