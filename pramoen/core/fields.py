"""Model fields shared by the apps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pramoen.scoring import numbers


def canonical(value: Decimal) -> str:
    """The stored spelling of a number: plain notation, no exponent, no trailing zeros."""
    return numbers.plain(value)


def spelling(value: Decimal, keep_places: bool) -> str:
    """How a field stores and shows ``value``: canonical, or with the places it was typed with."""
    return numbers.as_written(value) if keep_places else canonical(value)


def parse_number(value: Any) -> Decimal | None:
    """A number as staff type it (Thai digits, thousands separators) or None for blank.

    Raises ValidationError with a message that says what is wrong.
    """
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return numbers.parse_decimal(value)
    except numbers.NumberOutOfRange:
        raise ValidationError(
            _("%(value)s is too large or has too many decimals (at most 15 digits before the point and 20 after)."),
            code="out_of_range",
            params={"value": value},
        ) from None
    except numbers.NotANumber:
        raise ValidationError(
            _("“%(value)s” is not a number. Use digits (Thai digits are fine), e.g. 12.5 or ๑,๒๐๐."),
            code="not_a_number",
            params={"value": value},
        ) from None


class NumberFormField(forms.CharField):
    """A text input that accepts numbers the way Thai staff type them."""

    def __init__(self, *, keep_places: bool = False, **kwargs: Any) -> None:
        self.keep_places = keep_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return spelling(value, self.keep_places)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        return parse_number(super().to_python(value))


class ExactDecimalField(models.CharField):
    """A Decimal stored as its exact text.

    Every value the scoring core accepts (15 digits before the point, 20 after)
    round-trips exactly on SQLite and PostgreSQL alike — SQLite would turn a
    NUMERIC column into a binary float. Values are never summed in SQL: all
    arithmetic happens in ``pramoen.scoring``.
    """

    description = _("Exact decimal number")

    def __init__(self, *args: Any, keep_places: bool = False, **kwargs: Any) -> None:
        # keep_places: store "6.90" as typed (a result whose places are part of it), not "6.9".
        self.keep_places = keep_places
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)
        # CharField's length check would call len() on a Decimal in full_clean (every ModelForm);
        # parse_number already bounds the digits, so the stored text always fits.
        self.validators[:] = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 40:
            del kwargs["max_length"]
        if self.keep_places:
            kwargs["keep_places"] = True
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Decimal | None:
        if value is None or value == "":
            return None
        return Decimal(value)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):
            return value
        return parse_number(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = self.to_python(value)
        if value is None:
            return None
        return spelling(value, self.keep_places)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else spelling(value, self.keep_places)

    def formfield(self, **kwargs: Any) -> forms.Field:
        kwargs.pop("max_length", None)
        kwargs.setdefault("required", not self.blank)
        kwargs.setdefault("label", self.verbose_name)
        kwargs.setdefault("help_text", self.help_text)
        # Keep what a ModelForm's Meta may give (widgets, labels, help texts); a form_class other than
        # a NumberFormField is not honoured: the field must read numbers the way staff type them.
        kept = ("required", "label", "help_text", "initial", "disabled", "widget", "localize", "show_hidden_initial")
        return NumberFormField(keep_places=self.keep_places,
                               **{k: v for k, v in kwargs.items() if k in kept and v is not None})
