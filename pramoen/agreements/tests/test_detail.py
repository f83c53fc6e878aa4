from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from pramoen.access.models import Role
from pramoen.agreements.models import Criterion, Kpi, KpiHistory, KpiKind, Status
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def url(agreement) -> str:
    return f"/agreements/{agreement.pk}/"


def test_it_requires_login(client, agreement):
    r = client.get(url(agreement))
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "role", [Role.FUND_STAFF, Role.FUND_APPROVER, Role.CONSULTANT, Role.OWNER_AGENCY, Role.CGD_OFFICER, Role.COMMITTEE]
)
def test_every_role_of_the_fund_may_view_it(client, agreement, role):
    login(client, role, fund=agreement.fund)
    assert client.get(url(agreement)).status_code == 200


def test_it_is_404_for_a_user_without_a_role_for_the_fund(client, agreement):
    login(client, Role.CONSULTANT, fund=factories.make_fund("5-91"))
    assert client.get(url(agreement)).status_code == 404


def test_it_shows_the_kpi_tree_with_levels_criteria_and_past_results(client, agreement):
    kpi = agreement.kpis.get(code="1.1")
    KpiHistory.objects.create(kpi=kpi, fiscal_year=2567, value=Decimal("77.5"), is_preliminary=True)
    KpiHistory.objects.create(kpi=kpi, fiscal_year=2566, text="N/A")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(url(agreement))
    page = r.content.decode()
    for text in ["ตัวชี้วัด 1.1", "ตัวชี้วัด 3.1.2", "ขั้นที่ 4", "ประเด็นที่หนึ่ง", "2567: 77.5", "2566: N/A"]:
        assert text in page, text
    assert 'class="preliminary"' in page
    assert 'class="kpi kpi--milestone depth-1"' in page  # 3.1.2 under its group
    assert r.context["errors"] == []


def test_it_shows_the_area_weights_with_the_framework_band(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(url(agreement))
    area = r.context["areas"][1]
    assert (area["area"].code, area["band"].min_weight, area["band"].max_weight) == ("2", 20, 40)


def test_the_validation_panel_names_the_kpi_and_the_area(client, agreement):
    Kpi.objects.filter(agreement=agreement, code="1.1").update(weight="14", level_2="50")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(url(agreement))
    wheres = {i.where for i in r.context["errors"]}
    assert {"1", "1.1"} <= wheres
    assert "น้ำหนักของตัวชี้วัดในด้านนี้รวมกันได้ 14" in r.content.decode()


def test_the_validation_panel_follows_the_language(client, agreement):
    Kpi.objects.filter(agreement=agreement, code="1.1").update(weight="14")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "add up to 14" in client.get(url(agreement)).content.decode()


def test_it_offers_only_the_steps_the_user_may_take(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(url(agreement))
    assert [s["step"].name for s in r.context["steps"]] == ["submit_ppp"]
    assert f'action="/agreements/{agreement.pk}/steps/submit_ppp/"' in r.content.decode()
    login(client, Role.COMMITTEE)
    assert client.get(url(agreement)).context["steps"] == []


def test_a_step_that_needs_a_comment_marks_it_required(client, agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    login(client, Role.CGD_OFFICER)
    page = client.get(url(agreement)).content.decode()
    assert 'name="return_ppp-comment" id="id_return_ppp-comment" rows="2" required' in page


def test_editing_links_show_only_to_editors(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert f"/agreements/{agreement.pk}/kpis/add/" in client.get(url(agreement)).content.decode()
    login(client, Role.CGD_OFFICER)
    assert f"/agreements/{agreement.pk}/kpis/add/" not in client.get(url(agreement)).content.decode()


def test_it_shows_the_timeline_versions_deadline_and_rounds_once_in_force(client, agreement):
    factories.advance(agreement, Status.IN_FORCE)
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(url(agreement))
    assert len(r.context["events"]) == 7
    assert [v["version"].label for v in r.context["versions"]] == ["PPP", "PP", "PA"]
    assert r.context["rounds"] == list(agreement.rounds.all())
    page = r.content.decode()
    due = agreement.signature_due_on
    assert f"{due.day} " in page and str(due.year + 543) in page
    assert f"/agreements/{agreement.pk}/history/" in page


def test_it_counts_the_days_overdue_while_waiting_for_the_signature(client, agreement):
    sent = timezone.localdate() - timedelta(days=40)
    factories.advance(agreement, Status.SENT, on=sent)
    login(client, Role.FUND_APPROVER, fund=agreement.fund)
    r = client.get(url(agreement))
    assert r.context["late_now"] == 10


def add_kpis(agreement, count: int) -> None:
    """``count`` more composite KPIs in area 4, each with criteria and past results."""
    area = agreement.areas.get(code="4")
    for n in range(count):
        kpi = Kpi.objects.create(agreement=agreement, area=area, code=f"4.{n + 2}", name_th=f"k{n}",
                                 kind=KpiKind.COMPOSITE, weight=Decimal(1), order=100 + n)
        Criterion.objects.create(kpi=kpi, name_th="c", weight=Decimal(100))
        KpiHistory.objects.create(kpi=kpi, fiscal_year=2567, value=Decimal(n))


def test_its_query_count_does_not_grow_with_the_number_of_kpis(client, agreement, django_assert_num_queries):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 1))
    login(client, Role.FUND_APPROVER, fund=agreement.fund)
    client.get(url(agreement))
    expected = 12  # session, user, agreement, roles, framework areas, areas, KPIs, criteria,
    # past results, required standard KPIs, versions, events
    with django_assert_num_queries(expected):
        few = client.get(url(agreement))
    add_kpis(agreement, 12)
    with django_assert_num_queries(expected):
        many = client.get(url(agreement))
    assert len(many.context["areas"][3]["kpis"]) == len(few.context["areas"][3]["kpis"]) + 12
