from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Status
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    r = client.get("/agreements/")
    assert r.status_code == 302
    assert r["Location"] == "/accounts/login/?next=/agreements/"


def test_it_lists_only_the_agreements_of_funds_the_user_may_see(client, agreement):
    other = factories.make_agreement(factories.make_fund("5-91"))
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get("/agreements/")
    assert r.status_code == 200
    assert list(r.context["agreements"]) == [agreement]
    assert other.fund.name_th not in r.content.decode()


def test_owner_agency_users_see_the_agreements_of_their_agencys_funds(client, agreement):
    factories.make_agreement(factories.make_fund("5-91"))
    login(client, Role.OWNER_AGENCY, fund=agreement.fund)
    r = client.get("/agreements/")
    assert list(r.context["agreements"]) == [agreement]


def test_cgd_officers_see_every_agreement_newest_year_first(client, fund):
    factories.make_framework(2568)
    factories.make_framework(2569)
    old = factories.make_agreement(fund, 2568)
    new = factories.make_agreement(factories.make_fund("5-91"), 2569)
    login(client, Role.CGD_OFFICER)
    r = client.get("/agreements/")
    assert list(r.context["agreements"]) == [new, old]


def test_users_without_a_role_see_nothing(client, agreement):
    login(client)
    r = client.get("/agreements/")
    assert r.context["agreements"] == []
    assert agreement.fund.name_th not in r.content.decode()


def test_it_filters_by_fiscal_year_and_status(client, fund):
    factories.make_framework(2568)
    factories.make_framework(2569)
    a68 = factories.make_agreement(fund, 2568)
    a69 = factories.make_agreement(fund, 2569)
    factories.advance(a69, Status.PPP_SUBMITTED)
    login(client, Role.CGD_OFFICER)
    assert list(client.get("/agreements/?fiscal_year=2568").context["agreements"]) == [a68]
    assert list(client.get("/agreements/?status=ppp_submitted").context["agreements"]) == [a69]
    assert client.get("/agreements/?fiscal_year=2569&status=ppp_drafting").context["agreements"] == []


def test_it_rejects_an_unknown_filter_value(client, agreement):
    login(client, Role.CGD_OFFICER)
    r = client.get("/agreements/?status=signed_in_blood")
    assert r.status_code == 400


def test_it_shows_stage_status_and_the_last_step_date_in_buddhist_era(client, agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    event = agreement.events.get()
    login(client, Role.CGD_OFFICER)
    page = client.get("/agreements/").content.decode()
    assert "PPP" in page
    assert str(event.occurred_on.year + 543) in page
    assert agreement.get_status_display() in page


def test_it_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    factories.make_framework(2568)
    user = login(client, Role.CGD_OFFICER)
    factories.make_agreement(factories.make_fund("5-91"), content=False)
    client.get("/agreements/")  # warm up the session
    with django_assert_num_queries(5):  # session, user, roles, years, agreements
        client.get("/agreements/")
    for n in range(92, 97):
        factories.advance(factories.make_agreement(factories.make_fund(f"5-{n}")), Status.PPP_SUBMITTED)
    with django_assert_num_queries(5):
        r = client.get("/agreements/")
    assert len(r.context["agreements"]) == 6
    assert user
