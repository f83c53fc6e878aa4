from __future__ import annotations

from pramoen.agreements.models import Status
from pramoen.frameworks.models import StandardCriterion, StandardKpi
from pramoen.testing import factories

from .base import FrameworkTestCase


class FrameworkDetailTestCase(FrameworkTestCase):
    def test_it_shows_areas_bands_limits_and_standard_kpis(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get("/frameworks/2568/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "การสนองประโยชน์ต่อผู้มีส่วนได้ส่วนเสีย")
        self.assertContains(r, '<td class="fw-num">5–25</td>', html=True)
        self.assertContains(r, '<td class="fw-num">100</td>', html=True)  # the default weights' total
        self.assertContains(r, "4.1 บทบาทคณะกรรมการทุนหมุนเวียน")
        self.assertContains(r, "ยุทธศาสตร์")
        self.assertContains(r, "0.05")

    def test_readers_see_no_edit_links(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get("/frameworks/2568/")
        self.assertNotContains(r, "/frameworks/2568/edit/")
        self.assertNotContains(r, "/areas/add/")
        self.assertContains(r, "/frameworks/2568/history/")

    def test_officers_see_edit_links(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.get("/frameworks/2568/")
        self.assertContains(r, "/frameworks/2568/edit/")
        self.assertContains(r, "/frameworks/2568/copy/")
        self.assertContains(r, f"/frameworks/2568/areas/{self.area_4.pk}/delete/")
        self.assertContains(r, f"/frameworks/2568/kpis/{self.kpi.pk}/")

    def test_it_warns_when_the_default_weights_do_not_add_up(self) -> None:
        self.framework.areas.filter(code="1").update(default_weight="25")
        self.client.force_login(self.staff)
        r = self.client.get("/frameworks/2568/")
        self.assertContains(r, "The default weights add up to 105, not 100")

    def test_it_warns_officers_when_agreements_past_drafting_use_it(self) -> None:
        factories.make_agreement(fiscal_year=2568)  # still drafting: no warning for it
        self.client.force_login(self.officer)
        self.assertNotContains(self.client.get("/frameworks/2568/"), "past drafting")
        agreement = factories.make_agreement(fiscal_year=2568)
        factories.advance(agreement, Status.PPP_SUBMITTED)
        r = self.client.get("/frameworks/2568/")
        self.assertContains(r, "1 agreement past drafting follows this framework.")
        self.assertContains(r, agreement.fund.code)

    def test_it_answers_404_for_an_unknown_year(self) -> None:
        self.client.force_login(self.officer)
        self.assertEqual(self.client.get("/frameworks/2999/").status_code, 404)

    def test_it_uses_a_constant_number_of_queries(self) -> None:
        for n in range(2, 8):
            kpi = StandardKpi.objects.create(framework=self.framework, area=self.area_4, code=f"4.{n}", name_th="x", order=n,
                                             required=False)
            StandardCriterion.objects.create(standard_kpi=kpi, name_th="y", weight=100)
        for _ in range(3):
            factories.advance(factories.make_agreement(fiscal_year=2568), Status.PPP_SUBMITTED)
        self.client.force_login(self.officer)
        # session, user, framework, areas, KPIs with areas, criteria, memberships, agreements in use
        with self.assertNumQueries(8):
            r = self.client.get("/frameworks/2568/")
        self.assertEqual(len(r.context["standard_kpis"]), 7)
        self.assertEqual(len(r.context["in_use"]), 3)
