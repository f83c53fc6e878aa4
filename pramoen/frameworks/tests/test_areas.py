from __future__ import annotations

from decimal import Decimal

from pramoen.frameworks.models import FrameworkArea, StandardKpi
from pramoen.testing import factories

from .base import FrameworkTestCase

NEW_AREA = {"code": "5", "name_th": "การดำเนินงานตามนโยบายรัฐ", "name_en": "", "default_weight": "10",
            "min_weight": "0", "max_weight": "20", "counts_toward_limit": "", "order": "5"}


class AreaAddTestCase(FrameworkTestCase):
    def test_an_officer_adds_an_area(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post(self.url("area_add"), NEW_AREA)
        self.assertRedirects(r, "/frameworks/2568/")
        area = self.framework.areas.get(code="5")
        self.assertEqual((area.default_weight, area.max_weight, area.counts_toward_limit), (10, 20, False))

    def test_it_refuses_a_code_already_used(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post(self.url("area_add"), {**NEW_AREA, "code": "2"})
        self.assertContains(r, "The 2568 framework already has an area 2.", status_code=400)
        self.assertEqual(self.framework.areas.count(), 4)

    def test_it_names_the_area_when_the_band_is_out_of_order(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post(self.url("area_add"), {**NEW_AREA, "min_weight": "15"})
        self.assertContains(r, "Area 5: the weights must satisfy 0 ≤ lowest ≤ default ≤ highest ≤ 100 (now 15, 10, 20).",
                            status_code=400)
        self.assertNotContains(r, "The weights must satisfy", status_code=400)  # the model's unnamed message is not repeated
        self.assertFalse(self.framework.areas.filter(code="5").exists())

    def test_fund_staff_are_refused_403(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(self.url("area_add")).status_code, 403)
        self.assertEqual(self.client.post(self.url("area_add"), NEW_AREA).status_code, 403)


class AreaEditTestCase(FrameworkTestCase):
    def test_an_officer_changes_a_band(self) -> None:
        area = self.framework.areas.get(code="1")
        self.client.force_login(self.officer)
        data = {"code": "1", "name_th": "การเงิน", "name_en": "Financial", "default_weight": "๒๐",
                "min_weight": "5", "max_weight": "35", "counts_toward_limit": "on", "order": "0"}
        r = self.client.post(self.url("area_edit", area.pk), data)
        self.assertRedirects(r, "/frameworks/2568/")
        area.refresh_from_db()
        self.assertEqual((area.min_weight, area.default_weight, area.max_weight), (Decimal(5), Decimal(20), Decimal(35)))

    def test_an_area_of_another_framework_is_404(self) -> None:
        other = factories.make_framework(2569).areas.first()
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get(self.url("area_edit", other.pk)).status_code, 404)


class AreaDeleteTestCase(FrameworkTestCase):
    def test_an_officer_deletes_an_unused_area_and_its_standard_kpis(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.get(self.url("area_delete", self.area_4.pk))
        self.assertContains(r, "Its standard KPIs will be deleted too")
        r = self.client.post(self.url("area_delete", self.area_4.pk))
        self.assertRedirects(r, "/frameworks/2568/")
        self.assertFalse(FrameworkArea.objects.filter(pk=self.area_4.pk).exists())
        self.assertFalse(StandardKpi.objects.filter(pk=self.kpi.pk).exists())

    def test_it_refuses_to_delete_an_area_an_agreement_uses(self) -> None:
        agreement = factories.make_agreement(fiscal_year=2568)
        self.client.force_login(self.officer)
        r = self.client.get(self.url("area_delete", self.area_4.pk))
        self.assertContains(r, "cannot be deleted: 1 agreement uses it.")
        self.assertNotContains(r, "fw-danger")  # no delete button
        r = self.client.post(self.url("area_delete", self.area_4.pk))
        self.assertContains(r, "Area 4 “การบริหารพัฒนาทุนหมุนเวียน” cannot be deleted: 1 agreement uses it.", status_code=400)
        self.assertContains(r, agreement.fund.code, status_code=400)
        self.assertTrue(FrameworkArea.objects.filter(pk=self.area_4.pk).exists())

    def test_get_only_shows_the_question(self) -> None:
        self.client.force_login(self.officer)
        self.client.get(self.url("area_delete", self.area_4.pk))
        self.assertTrue(FrameworkArea.objects.filter(pk=self.area_4.pk).exists())

    def test_committee_members_are_refused_403(self) -> None:
        from pramoen.access.models import Role

        self.client.force_login(factories.make_user(Role.COMMITTEE))
        self.assertEqual(self.client.post(self.url("area_delete", self.area_4.pk)).status_code, 403)
        self.assertTrue(FrameworkArea.objects.filter(pk=self.area_4.pk).exists())
