"""Adding, editing, checking and deleting KPIs, and the area-weights table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Criterion, Kpi, KpiHistory, KpiKind, Status
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def kpi_data(agreement, **overrides: Any) -> dict[str, Any]:
    """A valid POST for a new levelled KPI 2.2 in area 2 (the area's weight is then off by 5)."""
    area = agreement.areas.get(code="2")
    data = {
        "area": area.pk, "parent": "", "code": "2.2", "name_th": "อัตราการเบิกจ่าย", "kind": KpiKind.LEVELLED,
        "unit": "ร้อยละ", "weight": "5", "direction": "higher_is_better",
        "level_1": "60", "level_2": "70", "level_3": "80", "level_4": "90", "level_5": "100",
        **{f"level_text_{n}": "" for n in range(1, 6)},
        "definition": "นิยาม", "formula": "", "numerator": "", "denominator": "", "target_basis": "",
        "is_quantitative": "on", "indicator": "", "notes": "",
        "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000",
        "past-TOTAL_FORMS": "3", "past-INITIAL_FORMS": "0", "past-MIN_NUM_FORMS": "0", "past-MAX_NUM_FORMS": "1000",
    }
    for i, year in enumerate((2565, 2566, 2567)):
        data[f"past-{i}-fiscal_year"] = str(year)
        data[f"past-{i}-result"] = ""
    data.update(overrides)
    return data


def add_url(agreement) -> str:
    return f"/agreements/{agreement.pk}/kpis/add/"


def test_the_form_prefills_the_three_previous_years(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(add_url(agreement))
    assert r.status_code == 200
    assert [f.initial["fiscal_year"] for f in r.context["past"]] == [2565, 2566, 2567]
    page = r.content.decode()
    assert 'list="unit-suggestions"' in page and '<option value="ร้อยละ">' in page
    assert "data-warn-unsaved" in page and "core/forms.js" in page
    assert f'hx-post="/agreements/{agreement.pk}/kpis/check/"' in page


def test_it_adds_a_kpi_with_thai_digits_and_past_results(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, level_1="๖๐", level_2="๗๐", level_3="๘๐", level_4="๙๐", level_5="๑๐๐",
                    weight="๕")
    data.update({"past-0-result": "N/A", "past-1-result": "๑,๒๐๐.๕", "past-2-result": "75", "past-2-is_preliminary": "on"})
    r = client.post(add_url(agreement), data)
    assert r.status_code == 302, r.context and r.context["form"].errors
    kpi = Kpi.objects.get(agreement=agreement, code="2.2")
    assert kpi.levels == [Decimal(60), Decimal(70), Decimal(80), Decimal(90), Decimal(100)]
    assert kpi.weight == Decimal(5)
    rows = [(p.fiscal_year, p.value, p.text, p.is_preliminary) for p in kpi.past_results.all()]
    assert rows == [(2565, None, "N/A", False), (2566, Decimal("1200.5"), "", False), (2567, Decimal(75), "", True)]


def test_it_names_the_field_of_a_bad_number_and_saves_nothing(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(add_url(agreement), kpi_data(agreement, level_3="แปดสิบ", **{"past-0-result": "12"}))
    assert r.status_code == 400
    assert "แปดสิบ" in str(r.context["form"].errors["level_3"])
    assert not Kpi.objects.filter(code="2.2").exists()
    assert not KpiHistory.objects.exists()


def test_it_refuses_a_code_already_used(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(add_url(agreement), kpi_data(agreement, code="1.1"))
    assert r.status_code == 400
    assert "1.1" in str(r.context["form"].errors["code"])


def test_it_refuses_a_parent_group_in_another_area(client, agreement):
    group = agreement.kpis.get(code="3.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(add_url(agreement), kpi_data(agreement, parent=group.pk))
    assert r.status_code == 400
    assert r.context["form"].errors["parent"]


def composite_data(agreement, kpi, criteria: list[tuple[str, str]], **overrides):
    existing = list(kpi.criteria.all())
    data = kpi_data(agreement, area=kpi.area_id, code=kpi.code, name_th=kpi.name_th, kind=KpiKind.COMPOSITE,
                    weight="35", unit="ระดับ", direction="", **{f"level_{n}": "" for n in range(1, 6)})
    data.update({"criteria-TOTAL_FORMS": str(len(criteria)), "criteria-INITIAL_FORMS": str(len(existing))})
    for i, (name, weight) in enumerate(criteria):
        data[f"criteria-{i}-name_th"] = name
        data[f"criteria-{i}-weight"] = weight
        if i < len(existing):
            data[f"criteria-{i}-id"] = existing[i].pk
            data[f"criteria-{i}-kpi"] = kpi.pk
    data.update(overrides)
    return data


def test_it_edits_a_composite_kpis_criteria(client, agreement):
    kpi = agreement.kpis.get(code="4.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = composite_data(agreement, kpi, [("ประเด็นที่หนึ่ง", "50"), ("ประเด็นที่สอง", "30"), ("ประเด็นใหม่", "20")])
    r = client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/", data)
    assert r.status_code == 302
    assert [(c.name_th, c.weight) for c in kpi.criteria.all()] == [
        ("ประเด็นที่หนึ่ง", Decimal(50)), ("ประเด็นที่สอง", Decimal(30)), ("ประเด็นใหม่", Decimal(20))
    ]


def test_saving_is_all_or_nothing_when_a_criterion_is_bad(client, agreement):
    kpi = agreement.kpis.get(code="4.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = composite_data(agreement, kpi, [("ประเด็นที่หนึ่ง", "50"), ("ประเด็นที่สอง", "ห้าสิบ")],
                          name_th="ชื่อใหม่")
    r = client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/", data)
    assert r.status_code == 400
    kpi.refresh_from_db()
    assert kpi.name_th == "ตัวชี้วัด 4.1"
    assert [c.weight for c in kpi.criteria.all()] == [Decimal(60), Decimal(40)]


def test_the_live_check_names_the_problem_and_saves_nothing(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    counts = (Kpi.objects.count(), Kpi.history.count(), KpiHistory.objects.count())
    data = kpi_data(agreement, level_2="95", **{"past-0-result": "50"})
    r = client.post(f"/agreements/{agreement.pk}/kpis/check/", data, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    assert {i.where for i in r.context["errors"]} >= {"2", "2.2"}
    page = r.content.decode()
    assert "รวมกันได้ 35" in page  # area 2: 30 + 5, not 30
    assert "2.2" in page
    assert "<html" not in page  # only the panel
    assert (Kpi.objects.count(), Kpi.history.count(), KpiHistory.objects.count()) == counts


def test_the_live_check_of_an_existing_kpi_sees_the_edit_but_keeps_the_old_values(client, agreement):
    kpi = agreement.kpis.get(code="1.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, area=kpi.area_id, code="1.1", weight="14")
    r = client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/check/", data)
    assert "น้ำหนักของตัวชี้วัดในด้านนี้รวมกันได้ 14" in r.content.decode()
    kpi.refresh_from_db()
    assert kpi.weight == Decimal(20)
    assert kpi.history.count() == 1


def test_the_live_check_reports_bad_entries_by_field(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/kpis/check/", kpi_data(agreement, weight="abc"))
    assert any("2.2" in e and "abc" in e for e in r.context["form_errors"])


def test_a_valid_agreement_shows_no_problems_in_the_check(client, agreement):
    kpi = agreement.kpis.get(code="1.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    data = kpi_data(agreement, area=kpi.area_id, code="1.1", weight="20")
    r = client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/check/", data)
    assert r.context["errors"] == []


def test_it_deletes_a_group_with_its_children_after_confirmation(client, agreement):
    group = agreement.kpis.get(code="3.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    page = client.get(f"/agreements/{agreement.pk}/kpis/{group.pk}/delete/").content.decode()
    assert "3.1.1" in page and "3.1.2" in page
    assert Kpi.objects.filter(code__startswith="3.1").count() == 3
    r = client.post(f"/agreements/{agreement.pk}/kpis/{group.pk}/delete/")
    assert r.status_code == 302
    assert not Kpi.objects.filter(code__startswith="3.1").exists()


@pytest.mark.parametrize("role", [Role.CGD_OFFICER, Role.COMMITTEE, Role.CONSULTANT, Role.OWNER_AGENCY])
def test_kpi_editing_is_refused_to_non_editors(client, agreement, role):
    kpi = agreement.kpis.get(code="1.1")
    login(client, role, fund=agreement.fund)
    base = f"/agreements/{agreement.pk}/kpis"
    assert client.get(f"{base}/add/").status_code == 403
    assert client.post(f"{base}/add/", kpi_data(agreement)).status_code == 403
    assert client.post(f"{base}/{kpi.pk}/", kpi_data(agreement, code="1.1")).status_code == 403
    assert client.post(f"{base}/check/", kpi_data(agreement)).status_code == 403
    assert client.post(f"{base}/{kpi.pk}/delete/").status_code == 403
    assert Kpi.objects.filter(pk=kpi.pk).exists()
    assert not Kpi.objects.filter(code="2.2").exists()


def test_kpis_cannot_be_edited_once_the_ppp_is_submitted(client, agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert client.post(add_url(agreement), kpi_data(agreement)).status_code == 403


def test_kpi_pages_are_404_for_another_fund(client, agreement):
    kpi = agreement.kpis.get(code="1.1")
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    assert client.get(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/").status_code == 404


def test_a_kpi_of_another_agreement_is_404(client, agreement):
    other = factories.make_agreement(factories.make_fund("5-91"))
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    kpi = other.kpis.get(code="1.1")
    assert client.get(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/").status_code == 404


def test_the_check_and_delete_urls_are_post_only(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert client.get(f"/agreements/{agreement.pk}/kpis/check/").status_code == 405
    assert client.get(f"/agreements/{agreement.pk}/areas/check/").status_code == 405


def areas_data(agreement, weights: list[str]) -> dict[str, str]:
    data = {"areas-TOTAL_FORMS": str(len(weights)), "areas-INITIAL_FORMS": str(len(weights)),
            "areas-MIN_NUM_FORMS": "0", "areas-MAX_NUM_FORMS": "1000"}
    for i, weight in enumerate(weights):
        data[f"areas-{i}-weight"] = weight
    return data


def test_it_saves_the_area_weights_in_one_table(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.get(f"/agreements/{agreement.pk}/areas/")
    assert r.status_code == 200
    assert "10–30" in r.content.decode()
    r = client.post(f"/agreements/{agreement.pk}/areas/", areas_data(agreement, ["๒๕", "25", "15", "35"]))
    assert r.status_code == 302
    assert [a.weight for a in agreement.areas.order_by("order")] == [25, 25, 15, 35]


def test_the_area_check_shows_the_sum_without_saving(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/areas/check/", areas_data(agreement, ["20", "30", "15", "40"]))
    assert "105" in r.content.decode()
    assert [a.weight for a in agreement.areas.order_by("order")] == [20, 30, 15, 35]


def test_a_bad_area_weight_saves_nothing(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/areas/", areas_data(agreement, ["25", "x", "15", "35"]))
    assert r.status_code == 400
    assert [a.weight for a in agreement.areas.order_by("order")] == [20, 30, 15, 35]


def test_area_weights_are_refused_to_non_editors(client, agreement):
    login(client, Role.CGD_OFFICER)
    assert client.post(f"/agreements/{agreement.pk}/areas/", areas_data(agreement, ["20", "30", "15", "35"])).status_code == 403


def test_changing_a_composite_to_levelled_drops_its_criteria(client, agreement):
    kpi = agreement.kpis.get(code="4.1")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/kpis/{kpi.pk}/", kpi_data(agreement, area=kpi.area_id, code="4.1", weight="35"))
    assert r.status_code == 302
    assert not Criterion.objects.filter(kpi=kpi).exists()


def test_a_stale_area_table_is_refused_with_a_reason(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(f"/agreements/{agreement.pk}/areas/", areas_data(agreement, ["50", "50", "0"]))
    assert r.status_code == 400
    assert r.context["form_errors"]
    assert [a.weight for a in agreement.areas.order_by("order")] == [20, 30, 15, 35]
