from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenactions.amounts import (
    MAX_AMOUNT,
    AmountError,
    format_amount,
    from_hundredths,
    parse_amount,
    to_hundredths,
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
    with pytest.raises(AmountError, match=r"amount 2\.5 must be a whole number"):
        to_hundredths(Decimal("2.5"), decimals=0)
    with pytest.raises(AmountError, match=r"amount 1\.234 has more than 2 decimal places"):
        to_hundredths(Decimal("1.234"), decimals=2)


def test_format() -> None:
    assert format_amount(Decimal(1200)) == "1,200"
    assert format_amount(Decimal("1234.5")) == "1,234.50"
    assert format_amount(Decimal(1_000_000_000), short=True) == "10亿"
    assert format_amount(Decimal(12000), short=True) == "1.2万"


@given(st.integers(min_value=1, max_value=int(MAX_AMOUNT) * 100))
def test_round_trip_hundredths(hundredths: int) -> None:
    value = from_hundredths(hundredths)
    assert to_hundredths(value, decimals=2) == hundredths
    assert parse_amount(format_amount(value)) == value


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**12), places=2))
def test_round_trip_text(value: Decimal) -> None:
    assert parse_amount(format_amount(value)) == value
    assert parse_amount(str(value)) == value
