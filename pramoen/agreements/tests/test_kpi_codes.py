"""KPI codes: typed with Thai digits they are stored with Arabic digits, so a duplicate is seen."""

from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Kpi

from .conftest import login
from .test_kpi_form import add_url, kpi_data

pytestmark = pytest.mark.django_db


def test_a_code_typed_in_thai_digits_is_stored_in_arabic_digits(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(add_url(agreement), kpi_data(agreement, code="๒.๒"))
    assert r.status_code == 302
    assert Kpi.objects.filter(agreement=agreement, code="2.2").exists()


def test_a_thai_digit_spelling_of_an_existing_code_is_a_duplicate(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(add_url(agreement), kpi_data(agreement, code="๒.๑"))
    assert r.status_code == 400
    assert "2.1" in str(r.context["form"].errors["code"])
    assert not Kpi.objects.filter(agreement=agreement, code="๒.๑").exists()
