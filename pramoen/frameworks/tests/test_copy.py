from __future__ import annotations

from pramoen.frameworks.models import Framework

from .base import FrameworkTestCase


class FrameworkCopyTestCase(FrameworkTestCase):
    def test_it_proposes_the_next_year(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.get(self.url("copy"))
        self.assertEqual(r.context["form"].initial, {"fiscal_year": 2569, "name": "กรอบ 2569"})

    def test_an_officer_starts_next_years_framework_as_a_copy(self) -> None:
        self.framework.max_kpis_limited_areas = 9
        self.framework.save()
        self.client.force_login(self.officer)
        r = self.client.post(self.url("copy"), {"fiscal_year": "2569", "name": "กรอบ 2569"})
        self.assertRedirects(r, "/frameworks/2569/")
        new = Framework.objects.get(fiscal_year=2569)
        self.assertEqual(new.max_kpis_limited_areas, 9)
        self.assertEqual([(a.code, a.default_weight, a.min_weight, a.max_weight) for a in new.areas.all()],
                         [(a.code, a.default_weight, a.min_weight, a.max_weight) for a in self.framework.areas.all()])
        kpi = new.standard_kpis.get()
        self.assertEqual(kpi.area.framework, new)  # points at the new year's area, not last year's
        self.assertEqual([c.weight for c in kpi.criteria.all()], [60, 40])
        # The source is untouched.
        self.assertEqual(self.framework.areas.count(), 4)
        self.assertEqual(self.kpi.criteria.count(), 2)
        self.assertEqual(new.history.latest().history_change_reason, "copied from 2568")

    def test_it_refuses_a_year_that_has_a_framework(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post(self.url("copy"), {"fiscal_year": "2568", "name": "x"})
        self.assertContains(r, "There is already a framework for 2568.", status_code=400)
        self.assertEqual(Framework.objects.count(), 1)

    def test_fund_staff_are_refused_403(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.post(self.url("copy"), {"fiscal_year": "2569", "name": "x"}).status_code, 403)
        self.assertEqual(Framework.objects.count(), 1)
