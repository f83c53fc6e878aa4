"""Dates typed in the Buddhist era (พ.ศ.): read as the right day, including 29 February."""

from __future__ import annotations

from datetime import date

import pytest

from pramoen.access.models import Role
from pramoen.agreements.forms import BEDateField, SectionsForm, StepForm

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed, day", [
    ("29/02/2567", date(2024, 2, 29)),   # 2567 B.E. = 2024, a leap year (2567 A.D. is not)
    ("2567-02-29", date(2024, 2, 29)),
    ("1/1/2568", date(2025, 1, 1)),
    ("๑/๑/๒๕๖๘", date(2025, 1, 1)),      # Thai digits
    ("2024-02-29", date(2024, 2, 29)),   # A.D. from the browser's date picker
])
def test_it_reads_buddhist_era_dates(typed, day):
    assert BEDateField().clean(typed) == day


@pytest.mark.parametrize("typed", ["29/02/2568", "2568-02-29", "31/04/2568", "2568-13-01", "ไม่ใช่วันที่"])
def test_it_refuses_a_day_that_does_not_exist_with_a_message(typed):
    # 2568 B.E. (2025) has no 29 February, though 2568 A.D. would: no crash, a message.
    form = StepForm({"occurred_on": typed})
    assert not form.is_valid()
    assert form.errors["occurred_on"]


def test_a_step_dated_29_february_of_a_common_be_year_answers_400_not_500(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/steps/submit_ppp/", {"submit_ppp-occurred_on": "29/02/2568"})
    assert r.status_code == 400
    agreement.refresh_from_db()
    assert agreement.status == "ppp_drafting"


def test_the_term_accepts_29_february_of_a_leap_be_year(agreement):
    form = SectionsForm({"term_start": "29/02/2567", "term_end": "30/09/2567"}, instance=agreement)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["term_start"] == date(2024, 2, 29)
