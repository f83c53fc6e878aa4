"""The audit trail of an agreement and everything in it."""

from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Status
from pramoen.testing import factories

from .conftest import english, login

pytestmark = pytest.mark.django_db


def test_it_shows_who_changed_which_field_of_which_kpi(client, agreement):
    staff = login(client, Role.FUND_STAFF, fund=agreement.fund, first_name="สมชาย", last_name="ใจดี")
    english(client)
    kpi = agreement.kpis.get(code="1.1")
    from .test_kpi_form import kpi_data

    client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/", kpi_data(agreement, area=kpi.area_id, code="1.1",
                                                                         weight="20", name_th="ชื่อใหม่"))
    r = client.get(f"/agreements/{agreement.pk}/history/")
    assert r.status_code == 200
    rows = [c for c in r.context["changes"] if c.object_label == "KPI 1.1" and c.field_label == "name"]
    assert rows and rows[0].before == "ตัวชี้วัด 1.1" and rows[0].after == "ชื่อใหม่"
    assert rows[0].user == staff.get_full_name()
    assert "สมชาย ใจดี" in r.content.decode()


def test_it_names_the_workflow_step_as_the_reason(client, agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    login(client, Role.CGD_OFFICER)
    english(client)
    changes = client.get(f"/agreements/{agreement.pk}/history/").context["changes"]
    status_rows = [c for c in changes if c.field_label == "status"]
    assert status_rows[0].reason == "Submit the PPP (approved by the fund board)"
    assert status_rows[0].after == "PPP: submitted to CGD"


def test_it_includes_criteria_and_past_results_of_deleted_kpis(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    english(client)
    kpi = agreement.kpis.get(code="4.1")
    client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/delete/")
    labels = {(c.object_label, c.action) for c in client.get(f"/agreements/{agreement.pk}/history/").context["changes"]}
    assert ("KPI 4.1", "deleted") in labels
    assert ("KPI 4.1, criterion “ประเด็นที่หนึ่ง”", "deleted") in labels


def test_it_does_not_show_another_agreements_changes(client, agreement):
    other = factories.make_agreement(factories.make_fund("5-91"))
    login(client, Role.CGD_OFFICER)
    english(client)
    changes = client.get(f"/agreements/{agreement.pk}/history/").context["changes"]
    assert len(changes) == len(client.get(f"/agreements/{other.pk}/history/").context["changes"])
    kpi_ids = set(agreement.kpis.values_list("pk", flat=True))
    assert not kpi_ids & set(other.kpis.values_list("pk", flat=True))


def test_it_is_404_without_a_role_for_the_fund(client, agreement):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    english(client)
    assert client.get(f"/agreements/{agreement.pk}/history/").status_code == 404


def test_its_query_count_does_not_grow_with_the_number_of_changes(client, agreement, django_assert_max_num_queries):
    from pramoen.agreements.models import Kpi

    login(client, Role.CGD_OFFICER)
    client.get(f"/agreements/{agreement.pk}/history/")
    with django_assert_max_num_queries(14) as few:
        client.get(f"/agreements/{agreement.pk}/history/")
    for kpi in Kpi.objects.filter(agreement=agreement):
        for n in range(3):
            kpi.name_th = f"{kpi.code} แก้ครั้งที่ {n}"
            kpi.save()
    factories.advance(agreement, Status.PPP_SUBMITTED)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        r = client.get(f"/agreements/{agreement.pk}/history/")
    assert len(r.context["changes"]) > 20
    assert len(many.captured_queries) == len(few.captured_queries)
