from __future__ import annotations

from pramoen.testing import factories

from .base import FrameworkTestCase


class FrameworkListTestCase(FrameworkTestCase):
    def test_it_requires_login(self) -> None:
        r = self.client.get("/frameworks/")
        self.assertRedirects(r, "/accounts/login/?next=/frameworks/")

    def test_every_logged_in_user_may_read_it(self) -> None:
        self.client.force_login(factories.make_user())  # no role at all
        r = self.client.get("/frameworks/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'href="/frameworks/2568/"')
        self.assertContains(r, "กรอบ 2568")

    def test_it_is_linked_from_the_main_menu(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get("/funds/")
        self.assertContains(r, 'href="/frameworks/"')

    def test_it_counts_areas_kpis_and_agreements_in_a_fixed_number_of_queries(self) -> None:
        for year in (2566, 2567, 2569):
            factories.make_framework(year)
        factories.make_agreement(fiscal_year=2568)
        factories.make_agreement(fiscal_year=2568)
        self.client.force_login(self.officer)
        # session, user, memberships (may this user edit?), frameworks with their counts
        with self.assertNumQueries(4):
            r = self.client.get("/frameworks/")
        rows = {f.fiscal_year: (f.area_count, f.standard_kpi_count, f.agreement_count) for f in r.context["frameworks"]}
        self.assertEqual(rows, {2569: (4, 0, 0), 2568: (4, 1, 2), 2567: (4, 0, 0), 2566: (4, 0, 0)})
        self.assertEqual([f.fiscal_year for f in r.context["frameworks"]], [2569, 2568, 2567, 2566])

    def test_it_is_get_only(self) -> None:
        self.client.force_login(self.officer)
        self.assertEqual(self.client.post("/frameworks/").status_code, 405)


class FrameworkAdminTestCase(FrameworkTestCase):
    def test_administrators_see_frameworks_in_the_admin(self) -> None:
        self.client.force_login(factories.make_user(superuser=True))
        r = self.client.get(f"/admin/frameworks/framework/{self.framework.pk}/change/")
        self.assertContains(r, "การบริหารพัฒนาทุนหมุนเวียน")
        r = self.client.get(f"/admin/frameworks/standardkpi/{self.kpi.pk}/change/")
        self.assertContains(r, "ยุทธศาสตร์")
