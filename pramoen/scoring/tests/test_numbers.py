"""Numbers as Thai staff type them."""

from decimal import Decimal as D

import pytest

from pramoen.scoring.numbers import NotANumber, parse_decimal, parse_integer, plain, round_half_up, thai_digits


@pytest.mark.parametrize(
    "text, value",
    [
        ("๑,๘๐๐.๕", "1800.5"),
        ("1,800.5", "1800.5"),
        ("๖.๙๐", "6.90"),
        ("  42 ", "42"),
        ("-3.5", "-3.5"),
        ("\u22123.5", "-3.5"),  # a typographic minus sign
        ("1,234,567", "1234567"),
        (".5", "0.5"),
        ("๐", "0"),
    ],
)
def test_it_reads_thai_and_arabic_digits_and_separators(text, value):
    assert parse_decimal(text) == D(value)


@pytest.mark.parametrize("bad", ["1,80", "12,34.5", "1.2.3", "abc", "", "5%", "1 000", "NaN", "Infinity", "๑๒ก"])
def test_it_refuses_text_that_is_not_one_clear_number(bad):
    with pytest.raises(NotANumber):
        parse_decimal(bad)


@pytest.mark.parametrize("bad", [True, False, None, [1], {"a": 1}, float("nan"), float("inf"), D("NaN")])
def test_it_refuses_values_that_are_not_numbers(bad):
    with pytest.raises(NotANumber):
        parse_decimal(bad)


def test_floats_become_their_shortest_decimal_text():
    assert parse_decimal(0.1) == D("0.1")
    assert parse_decimal(7.5) == D("7.5")
    assert parse_decimal(3) == D(3)


def test_integers_must_be_whole():
    assert parse_integer("๒๕๖๗") == 2567
    assert parse_integer(D("3.0")) == 3
    with pytest.raises(NotANumber):
        parse_integer("3.5")


def test_rounding_is_half_up():
    assert round_half_up(D("2.00005"), 4) == D("2.0001")
    assert round_half_up(D("2.00004999"), 4) == D("2.0000")
    assert round_half_up(D("-0.00005"), 4) == D("-0.0001")
    assert round_half_up(D("40.005"), 2) == D("40.01")


def test_plain_and_thai_digits():
    assert plain(D("7.50")) == "7.5"
    assert plain(D("1E+2")) == "100"
    assert plain(D("-0")) == "0"
    assert thai_digits("2.0179") == "๒.๐๑๗๙"
    assert parse_decimal(thai_digits("1,800.5")) == D("1800.5")
