"""Numbers as Thai staff type them, and rounding for display.

Input numbers may be JSON numbers or strings. Strings may use Thai digits
(๐–๙) and thousands separators: "๑,๘๐๐.๕" is 1800.5. Everything is computed
with :class:`decimal.Decimal`; values are rounded half-up only on output.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans({thai: str(i) for i, thai in enumerate(THAI_DIGITS)} | {"\u2212": "-"})
_TO_THAI = str.maketrans({str(i): thai for i, thai in enumerate(THAI_DIGITS)})

# Either plain digits, or digits grouped by threes with commas ("1,800.5"),
# optionally with an exponent ("1.5e3", as YAML and JSON writers produce).
# "1,80" is refused: it could be a decimal comma, and guessing would be wrong.
_NUMBER = re.compile(r"[+-]?(?:(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

SCORE_PLACES = 4
PERCENT_PLACES = 2

# Bounds on what a scorecard number may be: every amount in the evaluation
# (baht up to trillions, percentages, days) fits with room to spare, and every
# sum and quotient of such numbers stays exact within the core's precision.
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 20
_WIDE = Context(prec=100)  # for rounding: wider than any value the core produces


class NotANumber(ValueError):
    """The value is not a number Pramoen accepts."""


class NumberOutOfRange(NotANumber):
    """A number, but larger or more precise than Pramoen accepts."""


def parse_decimal(value: object) -> Decimal:
    """Turn a JSON/YAML value into a Decimal, or raise :class:`NotANumber`.

    >>> parse_decimal("๑,๘๐๐.๕")
    Decimal('1800.5')
    >>> parse_decimal(7.5)
    Decimal('7.5')
    """
    if isinstance(value, bool) or value is None:
        raise NotANumber(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest text that reads back as this float
    elif isinstance(value, str):
        text = value.strip().translate(_TO_ARABIC)
        if not _NUMBER.fullmatch(text):
            raise NotANumber(value)
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid text
            raise NotANumber(value) from exc
    else:
        raise NotANumber(value)
    if not number.is_finite():
        raise NotANumber(value)
    if number.is_zero():
        return Decimal(0).quantize(number) if number.as_tuple().exponent < 0 else Decimal(0)
    if number.adjusted() >= MAX_INTEGER_DIGITS or -number.normalize().as_tuple().exponent > MAX_DECIMAL_PLACES:
        raise NumberOutOfRange(value)
    return number


def parse_integer(value: object) -> int:
    """Like :func:`parse_decimal` but the number must be whole ("๓" → 3, 3.0 → 3)."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise NotANumber(value)
    return int(number)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round for display: 2.01792075 → 2.0179 (4 places), 0.00005 → 0.0001.

    Never gives a negative zero: −0.00001 shows as 0.0000.
    """
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def score_text(value: Decimal) -> str:
    return str(round_half_up(value, SCORE_PLACES))


def percent_text(value: Decimal) -> str:
    return str(round_half_up(value, PERCENT_PLACES))


def plain(value: Decimal) -> str:
    """A Decimal as people write it: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def as_written(value: Decimal) -> str:
    """A Decimal in plain notation with the places it was given in: 6.90 stays "6.90"."""
    return format(value.copy_abs() if value.is_zero() else value, "f")  # never "-0.00"


def thai_digits(text: str) -> str:
    """Arabic digits → Thai digits: "2.0179" → "๒.๐๑๗๙"."""
    return text.translate(_TO_THAI)
