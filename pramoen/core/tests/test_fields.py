"""ExactDecimalField keeps every number the scoring core accepts exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pramoen.core.fields import NumberFormField, parse_number
from pramoen.frameworks.models import Framework


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    ["0.05", "123456789012345.12345678901234567890", "-0.00000000000000000001", "1900", "6.895652475499623"],
)
def test_it_round_trips_exactly(value: str) -> None:
    framework = Framework.objects.create(fiscal_year=2568, name="x", late_penalty_per_day=Decimal(value))
    framework.refresh_from_db()
    assert framework.late_penalty_per_day == Decimal(value)
    assert str(framework.late_penalty_per_day) == str(Decimal(value).normalize()) or framework.late_penalty_per_day == Decimal(value)


def test_it_stores_the_plain_spelling() -> None:
    field = Framework._meta.get_field("late_penalty_per_day")
    assert field.get_prep_value(Decimal("1E+3")) == "1000"
    assert field.get_prep_value(Decimal("7.50")) == "7.5"
    assert field.get_prep_value(None) is None


def test_the_form_field_accepts_thai_digits_and_separators() -> None:
    field = NumberFormField(required=False)
    assert field.clean("๑,๘๐๐.๕") == Decimal("1800.5")
    assert field.clean("") is None


def test_it_names_what_is_wrong() -> None:
    with pytest.raises(ValidationError) as error:
        parse_number("12,5")
    assert "12,5" in str(error.value.messages[0] % error.value.params) or "12,5" in str(error.value)
    with pytest.raises(ValidationError) as error:
        parse_number("1" * 16)
    assert error.value.code == "out_of_range"


def test_a_model_forms_widget_for_a_number_field_is_kept() -> None:
    # Meta.widgets reaches formfield() as ``widget``; dropping it silently lost e.g. a size or a class.
    from django import forms

    class PenaltyForm(forms.ModelForm):
        class Meta:
            model = Framework
            fields = ["late_penalty_per_day"]
            widgets = {"late_penalty_per_day": forms.TextInput(attrs={"size": 6})}

    field = PenaltyForm().fields["late_penalty_per_day"]
    assert isinstance(field, NumberFormField)
    assert field.widget.attrs["size"] == 6
    assert PenaltyForm({"late_penalty_per_day": "๐.๐๕"}).is_valid()


def test_a_number_widget_keeps_decimal_input_mode_by_default() -> None:
    field = Framework._meta.get_field("late_penalty_per_day").formfield()
    assert field.widget.attrs["inputmode"] == "decimal"
