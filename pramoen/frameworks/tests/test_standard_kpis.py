from __future__ import annotations

from decimal import Decimal
from typing import Any

from pramoen.agreements.models import Kpi
from pramoen.frameworks.models import StandardCriterion, StandardKpi

from .base import FrameworkTestCase


def kpi_data(code: str = "4.2", area: int | None = None, criteria: list[tuple[str, str]] = (), existing: list[Any] = (),
             **overrides: str) -> dict[str, str]:
    data = {"code": code, "name_th": "การบริหารความเสี่ยง", "description": "", "required": "on", "order": "2",
            "criteria-TOTAL_FORMS": str(len(existing) + len(criteria)), "criteria-INITIAL_FORMS": str(len(existing)),
            "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000"}
    if area is not None:
        data["area"] = str(area)
    rows = list(existing) + list(criteria)
    for n, row in enumerate(rows):
        if isinstance(row, tuple):
            name, weight = row
            data.update({f"criteria-{n}-name_th": name, f"criteria-{n}-weight": weight})
        else:
            data.update({f"criteria-{n}-id": str(row["id"]), f"criteria-{n}-name_th": row["name_th"],
                         f"criteria-{n}-weight": row["weight"]})
            if row.get("DELETE"):
                data[f"criteria-{n}-DELETE"] = "on"
    data.update(overrides)
    return data


class StandardKpiAddTestCase(FrameworkTestCase):
    def test_an_officer_adds_a_kpi_with_its_criteria(self) -> None:
        self.client.force_login(self.officer)
        data = kpi_data(area=self.area_4.pk, criteria=[("การระบุความเสี่ยง", "๔๐"), ("แผนบริหารความเสี่ยง", "60")])
        r = self.client.post(self.url("standard_kpi_add"), data)
        kpi = StandardKpi.objects.get(framework=self.framework, code="4.2")
        self.assertRedirects(r, f"/frameworks/2568/#kpi-{kpi.pk}")
        self.assertEqual([(c.order, c.name_th, c.weight) for c in kpi.criteria.all()],
                         [(1, "การระบุความเสี่ยง", Decimal(40)), (2, "แผนบริหารความเสี่ยง", Decimal(60))])

    def test_it_refuses_criteria_that_do_not_add_up_naming_the_kpi(self) -> None:
        self.client.force_login(self.officer)
        data = kpi_data(area=self.area_4.pk, criteria=[("ก", "40"), ("ข", "50")])
        r = self.client.post(self.url("standard_kpi_add"), data)
        self.assertContains(r, "The criteria of KPI 4.2 add up to 90; they must add up to 100.", status_code=400)
        self.assertFalse(StandardKpi.objects.filter(code="4.2").exists())

    def test_it_refuses_a_kpi_without_criteria(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post(self.url("standard_kpi_add"), kpi_data(area=self.area_4.pk))
        self.assertContains(r, "KPI 4.2 needs at least one criterion.", status_code=400)

    def test_it_shows_every_problem_at_once_and_saves_nothing(self) -> None:
        self.client.force_login(self.officer)
        data = kpi_data(code="4.1", area=self.area_4.pk, criteria=[("ก", "abc"), ("ข", "100")])
        r = self.client.post(self.url("standard_kpi_add"), data)
        self.assertContains(r, "The 2568 framework already has a standard KPI 4.1.", status_code=400)
        self.assertContains(r, "“abc” is not a number", status_code=400)
        self.assertEqual(StandardKpi.objects.count(), 1)
        self.assertEqual(StandardCriterion.objects.count(), 2)

    def test_it_offers_only_this_frameworks_areas(self) -> None:
        from pramoen.testing import factories

        other_area = factories.make_framework(2569).areas.get(code="4")
        self.client.force_login(self.officer)
        r = self.client.post(self.url("standard_kpi_add"), kpi_data(area=other_area.pk, criteria=[("ก", "100")]))
        self.assertEqual(r.status_code, 400)
        self.assertIn("area", r.context["form"].errors)

    def test_fund_staff_are_refused_403(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(self.url("standard_kpi_add")).status_code, 403)
        r = self.client.post(self.url("standard_kpi_add"), kpi_data(area=self.area_4.pk, criteria=[("ก", "100")]))
        self.assertEqual(r.status_code, 403)
        self.assertFalse(StandardKpi.objects.filter(code="4.2").exists())


class StandardKpiEditTestCase(FrameworkTestCase):
    def existing(self, **changes: dict[str, Any]) -> list[dict[str, Any]]:
        rows = [{"id": c.pk, "name_th": c.name_th, "weight": str(c.weight)} for c in self.kpi.criteria.all()]
        for n, change in changes.items():
            rows[int(n[1:])].update(change)
        return rows

    def test_an_officer_changes_weights_and_removes_a_criterion(self) -> None:
        self.client.force_login(self.officer)
        data = kpi_data(code="4.1", area=self.area_4.pk,
                        existing=self.existing(c0={"weight": "100"}, c1={"DELETE": True}))
        r = self.client.post(self.url("standard_kpi_edit", self.kpi.pk), data)
        self.assertEqual(r.status_code, 302)
        self.assertEqual([(c.name_th, c.weight) for c in self.kpi.criteria.all()], [("ยุทธศาสตร์", Decimal(100))])

    def test_deleted_criteria_do_not_count_toward_the_sum(self) -> None:
        self.client.force_login(self.officer)
        data = kpi_data(code="4.1", area=self.area_4.pk, existing=self.existing(c1={"DELETE": True}))
        r = self.client.post(self.url("standard_kpi_edit", self.kpi.pk), data)
        self.assertContains(r, "The criteria of KPI 4.1 add up to 60; they must add up to 100.", status_code=400)
        self.assertEqual(self.kpi.criteria.count(), 2)


class StandardKpiDeleteTestCase(FrameworkTestCase):
    def test_agreements_keep_their_copy(self) -> None:
        from pramoen.testing import factories

        agreement = factories.make_agreement(fiscal_year=2568)
        Kpi.objects.filter(agreement=agreement, code="4.1").update(standard_kpi=self.kpi)
        self.client.force_login(self.officer)
        r = self.client.post(self.url("standard_kpi_delete", self.kpi.pk))
        self.assertRedirects(r, "/frameworks/2568/")
        self.assertFalse(StandardKpi.objects.filter(pk=self.kpi.pk).exists())
        copy = Kpi.objects.get(agreement=agreement, code="4.1")
        self.assertIsNone(copy.standard_kpi_id)

    def test_fund_staff_are_refused_403(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(self.url("standard_kpi_delete", self.kpi.pk)).status_code, 403)
        self.assertTrue(StandardKpi.objects.filter(pk=self.kpi.pk).exists())
