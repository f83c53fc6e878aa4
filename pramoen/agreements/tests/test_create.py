from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, KpiKind, Status
from pramoen.frameworks.models import StandardCriterion, StandardKpi
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    framework = factories.make_framework(2569)
    area = framework.areas.get(code="4")
    board = StandardKpi.objects.create(framework=framework, area=area, code="4.1", name_th="การกำกับดูแลกิจการ", order=1)
    StandardCriterion.objects.create(standard_kpi=board, name_th="บทบาทคณะกรรมการ", weight=Decimal("60"), order=1)
    StandardCriterion.objects.create(standard_kpi=board, name_th="การบริหารความเสี่ยง", weight=Decimal("40"), order=2)
    return framework


def url(fund) -> str:
    return f"/agreements/new/{fund.code}/"


def test_fund_staff_start_a_ppp_with_the_frameworks_areas_and_standard_kpis(client, fund, framework):
    login(client, Role.FUND_STAFF, fund=fund)
    r = client.post(url(fund), {"fiscal_year": "2569"})
    agreement = Agreement.objects.get(fund=fund, fiscal_year=2569)
    assert r.status_code == 302 and r["Location"] == f"/agreements/{agreement.pk}/"
    assert agreement.status == Status.PPP_DRAFTING
    assert agreement.framework == framework
    areas = list(agreement.areas.order_by("order"))
    assert [(a.code, a.weight) for a in areas] == [("1", 20), ("2", 30), ("3", 15), ("4", 35)]
    assert all(a.framework_area.framework == framework for a in areas)
    kpi = agreement.kpis.get()
    assert (kpi.code, kpi.kind, kpi.area.code) == ("4.1", KpiKind.COMPOSITE, "4")
    assert kpi.standard_kpi.code == "4.1"
    assert [(c.name_th, c.weight) for c in kpi.criteria.all()] == [
        ("บทบาทคณะกรรมการ", Decimal(60)), ("การบริหารความเสี่ยง", Decimal(40))
    ]


@pytest.mark.parametrize("role", [Role.CGD_OFFICER])
def test_cgd_officers_may_start_one(client, fund, framework, role):
    login(client, role)
    assert client.post(url(fund), {"fiscal_year": "2569"}).status_code == 302


def test_admins_may_start_one(client, fund, framework):
    login(client, superuser=True)
    assert client.post(url(fund), {"fiscal_year": "2569"}).status_code == 302


@pytest.mark.parametrize("role", [Role.FUND_APPROVER, Role.CONSULTANT, Role.COMMITTEE, Role.OWNER_AGENCY])
def test_other_roles_are_refused(client, fund, framework, role):
    login(client, role, fund=fund)
    assert client.get(url(fund)).status_code == 403
    assert client.post(url(fund), {"fiscal_year": "2569"}).status_code == 403
    assert not Agreement.objects.exists()


def test_staff_of_another_fund_get_404(client, fund, framework):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    assert client.post(url(fund), {"fiscal_year": "2569"}).status_code == 404
    assert not Agreement.objects.exists()


def test_it_says_when_the_year_has_no_framework(client, fund, framework):
    login(client, Role.FUND_STAFF, fund=fund)
    r = client.post(url(fund), {"fiscal_year": "2570"})
    assert r.status_code == 400
    assert "2570" in str(r.context["form"].errors["fiscal_year"])
    assert not Agreement.objects.exists()


def test_it_refuses_a_second_agreement_for_the_same_year(client, fund, framework):
    login(client, Role.FUND_STAFF, fund=fund)
    client.post(url(fund), {"fiscal_year": "2569"})
    r = client.post(url(fund), {"fiscal_year": "2569"})
    assert r.status_code == 400
    assert r.context["form"].errors["fiscal_year"]
    assert Agreement.objects.count() == 1


def test_the_form_suggests_the_year_asked_for(client, fund, framework):
    login(client, Role.FUND_STAFF, fund=fund)
    r = client.get(url(fund) + "?fiscal_year=2569")
    assert r.status_code == 200
    assert r.context["form"].initial["fiscal_year"] == 2569


def test_a_start_racing_another_is_refused_with_a_message_not_a_crash(client, fund, framework, monkeypatch):
    # Two people press "start" at once: both pass the existence check, the second insert hits the
    # unique constraint. It must answer with the usual message, and leave nothing half-made.
    from pramoen.agreements import services

    first = factories.make_agreement(fund, 2569, framework=framework, content=False)
    manager = Agreement._default_manager

    class Blind:
        """The manager as the racing request sees it: the other agreement is not committed yet."""

        def select_for_update(self):
            return self

        def filter(self, *args, **kwargs):
            return manager.none()

        def create(self, **kwargs):
            return manager.create(**kwargs)

    monkeypatch.setattr(services.Agreement, "objects", Blind())
    login(client, Role.FUND_STAFF, fund=fund)
    client.cookies["django_language"] = "en"
    r = client.post(url(fund), {"fiscal_year": "2569"})
    assert r.status_code == 400
    assert "already has an agreement" in str(r.context["form"].errors["fiscal_year"])
    assert list(Agreement._default_manager.filter(fund=fund).values_list("pk", flat=True)) == [first.pk]
