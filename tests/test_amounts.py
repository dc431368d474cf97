from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenactions.amounts import (
    MAX_AMOUNT,
    AmountError,
    format_amount,
    from_hundredths,
    parse_amount,
    to_hundredths,
    written_scale,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120", 120),
        ("1,200", 1200),
        ("1，200", 1200),
        ("1 200", 1200),
        ("1.2万", 12000),
        ("3亿", 300_000_000),
        ("0.35亿", 35_000_000),
        ("10亿元", 1_000_000_000),
        ("100万", 1_000_000),
        ("5万人", 50_000),
        ("１２０", 120),
        ("１．５万", 15000),
        ("2.5k", 2500),
        ("12.34", Decimal("12.34")),
        (" 7 ", 7),
        ("5000棵", 5000),
        ("1,234,567.89元", Decimal("1234567.89")),
    ],
)
def test_parses_what_people_write(text: str, expected: int | Decimal) -> None:
    assert parse_amount(text) == Decimal(expected)


# Chinese numerals as they are said. A last digit right after 百/千/万/亿 is the next lower
# unit (the colloquial elided form); with a 零 between, it is the digit itself.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一千", 1000),
        ("一千二", 1200),  # 1000 + 2 x 100
        ("一百五", 150),  # 100 + 5 x 10
        ("两百五", 250),  # 200 + 5 x 10
        ("1千2", 1200),  # 1000 + 2 x 100
        ("一万二", 12_000),  # 10000 + 2 x 1000
        ("两万五", 25_000),  # 20000 + 5 x 1000
        ("三万五", 35_000),  # 30000 + 5 x 1000
        ("一亿二", 120_000_000),  # 10^8 + 2 x 10^7
        ("一万二千五", 12_500),  # 10000 + 2000 + 5 x 100
        ("一千零二", 1002),  # the 零 keeps the 2 a 2
        ("一万零二", 10_002),
        ("两千零五", 2005),
        ("三万五千", 35_000),
        ("一千二百", 1200),
        ("十二", 12),  # after 十 a digit is ones, as always
        ("一百零五", 105),
        ("1千25", 1025),  # several digits are read as written
    ],
)
def test_chinese_numerals_as_they_are_said(text: str, expected: int) -> None:
    assert parse_amount(text) == expected


@given(
    st.integers(min_value=1, max_value=9),
    st.sampled_from([("百", 100), ("千", 1000), ("万", 10_000), ("亿", 10**8)]),
    st.integers(min_value=1, max_value=9),
)
def test_elided_form_is_the_next_lower_unit(lead: int, unit: tuple[str, int], tail: int) -> None:
    digits = "一二三四五六七八九"
    word, size = unit
    said = f"{digits[lead - 1]}{word}{digits[tail - 1]}"
    assert parse_amount(said) == lead * size + tail * size // 10
    assert parse_amount(f"{lead}{word}{tail}") == lead * size + tail * size // 10
    assert parse_amount(f"{digits[lead - 1]}{word}零{digits[tail - 1]}") == lead * size + tail


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "greater than zero"),
        ("-5", "greater than zero"),
        ("abc", "not an amount"),
        ("", "empty"),
        ("1.2.3", "not an amount"),
        ("1e5", "not an amount"),
        ("nan", "not an amount"),
        ("99999999999999999999", "largest amount"),
        ("2万亿亿", "not an amount"),
        ("万", "not an amount"),
        ("1万25", "not an amount"),  # neither 10025 nor 12500 is clearly meant
    ],
)
def test_refuses_what_is_not_an_amount(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message):
        parse_amount(text)


def test_no_binary_floats() -> None:
    assert parse_amount(0.1) == Decimal("0.1")
    assert parse_amount("0.1") + parse_amount("0.2") == Decimal("0.3")


def test_hundredths_refuses_more_precision_than_the_unit_allows() -> None:
    assert to_hundredths(Decimal("12.34"), decimals=2) == 1234
    with pytest.raises(AmountError, match=r"amount '2\.5' must be a whole number"):
        to_hundredths(Decimal("2.5"), decimals=0)
    with pytest.raises(AmountError, match=r"amount '1\.234' has more than 2 decimal places"):
        to_hundredths(Decimal("1.234"), decimals=2)


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        # Below 10,000: exact, grouped, no invented zeros.
        (0.5, "0.5", "0.5"),
        (1200, "1,200", "1,200"),
        ("1234.5", "1,234.5", "1,234.5"),
        ("9999.99", "9,999.99", "9,999.99"),
        # From 10,000: one decimal at most, rounded down. 12,345 = 1.2345万 = 12.345k.
        (10_000, "1万", "10k"),
        (12_345, "1.2万", "12.3k"),
        (64_000, "6.4万", "64k"),
        (810_000, "81万", "810k"),
        (999_999, "99.9万", "999.9k"),  # not 100万: that would round up
        (99_999_999, "9999.9万", "99.9M"),  # 9999.9999万 down; 99.999999M down
        (785_000_000, "7.8亿", "785M"),  # 7.85亿 shows 7.8亿 (down, not half-even luck)
        (786_000_000, "7.8亿", "786M"),  # 7.86亿 down is still 7.8亿
        (1_000_000_000, "10亿", "1B"),
        ("16923076.93", "1692.3万", "16.9M"),  # 1692.307693万; 16.92307693M
        (10**12, "1万亿", "1T"),
        (10**15, "1000万亿", "1000T"),  # the largest amount an entry may carry
    ],
)
def test_one_rule_for_every_human_amount(value: object, zh: str, en: str) -> None:
    d = Decimal(str(value))
    assert format_amount(d, "zh") == zh
    assert format_amount(d, "en") == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (12_345, "1.3万", "12.4k"),  # 1.2345万 up; 12.345k up
        (785_000_000, "7.9亿", "785M"),
        ("16923076.93", "1692.4万", "17M"),  # needed per week: 1692.307693万 up; 16.92M up
        (99_999_999, "1亿", "100M"),  # 9999.9999万 up is 10000万: shown in the next unit
        (999_999, "100万", "1M"),  # 999.999k up is 1000k: 1M
        (1_000_000, "100万", "1M"),  # already round: up changes nothing
        (9999, "9,999", "9,999"),  # exact below 10,000 whichever way
    ],
)
def test_expected_and_needed_round_up(value: object, zh: str, en: str) -> None:
    d = Decimal(str(value))
    assert format_amount(d, "zh", up=True) == zh
    assert format_amount(d, "en", up=True) == en


def test_exact_keeps_every_digit() -> None:
    assert format_amount(Decimal(35_000_000), "zh", exact=True) == "35,000,000"
    assert format_amount(Decimal("1234567.89"), "en", exact=True) == "1,234,567.89"


@given(st.integers(min_value=1, max_value=10**17).map(lambda c: Decimal(c) / 100))
def test_the_short_form_never_flatters(value: Decimal) -> None:
    """Read back, the figure shown for what was done is never more than the amount, and the
    figure shown for what is expected never less; each within one tenth of its unit."""
    for lang, units in (("zh", {"万亿": 10**12, "亿": 10**8, "万": 10**4}),
                        ("en", {"T": 10**12, "B": 10**9, "M": 10**6, "k": 10**3})):  # fmt: skip
        for up in (False, True):
            shown = format_amount(value, lang, up=up)
            suffix = next((u for u in units if shown.endswith(u)), "")
            number = Decimal(shown.removesuffix(suffix).replace(",", ""))
            size = units.get(suffix, 1)
            back = number * size
            assert (back >= value) if up else (back <= value), (lang, up, shown)
            assert abs(back - value) < Decimal("0.1") * size, (lang, up, shown)
            assert (suffix == "") == (value < 10_000), shown


# No deadline: the first example imports Babel, slow on a busy machine.
@settings(deadline=None)
@given(
    st.integers(min_value=1_000_000, max_value=int(MAX_AMOUNT) * 100).map(
        lambda c: Decimal(c) / 100
    )
)
def test_the_short_form_agrees_with_cldr(value: Decimal) -> None:
    """Babel's compact format (CLDR's 万/亿 and K/M/B/T) is a second opinion on which unit
    and which digits, once its rounding is made directional. tenactions does not use it at
    run time: importing it and loading a locale costs about 30 ms, and `log` shows totals."""
    import decimal

    from babel.numbers import format_compact_decimal

    for rounding, up in ((decimal.ROUND_FLOOR, False), (decimal.ROUND_CEILING, True)):
        with decimal.localcontext(rounding=rounding):
            zh = format_compact_decimal(value, locale="zh_CN", fraction_digits=1)
            en = format_compact_decimal(value, locale="en", fraction_digits=1)
        assert format_amount(value, "zh", up=up) == zh
        assert format_amount(value, "en", up=up) == en.replace("K", "k")


@given(st.integers(min_value=1, max_value=int(MAX_AMOUNT) * 100))
def test_round_trip_hundredths(hundredths: int) -> None:
    value = from_hundredths(hundredths)
    assert to_hundredths(value, decimals=2) == hundredths
    assert parse_amount(format_amount(value, exact=True)) == value


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**12), places=2))
def test_round_trip_text(value: Decimal) -> None:
    assert parse_amount(format_amount(value, exact=True)) == value
    assert parse_amount(str(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("￥350000", 350_000),  # full-width yen, as Chinese IMEs type it
        ("¥1,200.50", Decimal("1200.50")),
        ("350000元", 350_000),
        ("人民币350000", 350_000),
        ("RMB 5万", 50_000),
        ("一千", 1_000),
        ("三万五千", 35_000),  # 3 x 10,000 + 5 x 1,000
        ("两千零五", 2_005),  # 零 holds the empty places
        ("十二", 12),  # 十 alone is ten
        ("一百零五", 105),
        ("三千五百万", 35_000_000),  # (3,000 + 500) x 10,000
        ("一亿两千万", 120_000_000),  # 10^8 + 2,000 x 10,000
        ("一万亿", 10**12),
        ("壹万贰仟", 12_000),  # the capital numerals of financial forms
        ("3万5千", 35_000),
        ("三十五万元", 350_000),
    ],
)
def test_currency_marks_and_chinese_numerals(text: str, expected: int | Decimal) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["三五", "万", "一万万", "一亿亿", "1.2万5", "亿万", "1万25"])
def test_chinese_numerals_that_say_nothing_certain_are_refused(text: str) -> None:
    # 三万五 is 35,000 as spoken (see test_chinese_numerals_as_they_are_said); 1.2万5 mixes a
    # decimal with the spoken form and says nothing certain.
    with pytest.raises(AmountError, match="is not an amount"):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,000", None),  # a number alone: the column's unit applies
        ("六十", None),
        ("3000元", (Decimal(1), "元")),
        ("￥3,000", (Decimal(1), "元")),
        ("RMB 5", (Decimal(1), "元")),
        ("3千元", (Decimal(1000), "元")),
        ("3000 万元", (Decimal(10_000), "元")),
        ("¥2万", (Decimal(10_000), "元")),
        ("1.2万", (Decimal(10_000), "")),
        ("12w", (Decimal(10_000), "")),
        ("300棵", (Decimal(1), "棵")),
        ("三千", (None, "")),  # units inside a spoken number: no one multiplier
        ("3万5千元", (None, "元")),
    ],
)
def test_written_scale_is_the_unit_a_cell_is_written_in(
    text: str, expected: tuple[Decimal | None, str] | None
) -> None:
    assert written_scale(text) == expected
