"""Past results of a KPI: only the years the form offers are stored."""

from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Kpi, KpiHistory

from .conftest import login
from .test_kpi_form import add_url, kpi_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["99999", "-5", "2568", "1999"])
def test_it_refuses_a_past_year_the_form_did_not_offer(client, agreement, year):
    # 99999 and -5 do not fit the column (a 500 on PostgreSQL); 2568 is the agreement's own year, not a past one.
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, **{"past-0-fiscal_year": year, "past-0-result": "12"})
    r = client.post(add_url(agreement), data)
    assert r.status_code == 400
    assert not Kpi.objects.filter(agreement=agreement, code="2.2").exists()
    assert not KpiHistory.objects.exists()
    assert "past-results-errors" in r.content.decode()


def test_the_live_check_names_a_bad_past_result(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, **{"past-1-result": "x" * 300})
    r = client.post(f"/agreements/{agreement.pk}/kpis/check/", data)
    assert r.status_code == 200
    assert "2.2" in r.content.decode() and "2566" in r.content.decode()


def test_a_repeated_year_is_refused(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, **{"past-1-fiscal_year": "2565", "past-0-result": "1", "past-1-result": "2"})
    r = client.post(add_url(agreement), data)
    assert r.status_code == 400
    assert not KpiHistory.objects.exists()
