from __future__ import annotations

from decimal import Decimal

from pramoen.access.models import Role
from pramoen.agreements.models import Status
from pramoen.frameworks.models import Framework
from pramoen.testing import factories

from .base import FrameworkTestCase

VALID = {
    "name": "กรอบ 2568 (ปรับปรุง)", "source": "มติคณะกรรมการ ครั้งที่ 1/2568", "max_kpis_total": "",
    "max_kpis_limited_areas": "12", "min_kpis_per_area": "1", "late_penalty_per_day": "๐.๑",
    "late_penalty_cap": "2", "signature_days": "30", "signature_days_after_objection": "15", "round_report_days": "45",
}


class FrameworkEditTestCase(FrameworkTestCase):
    def test_an_officer_saves_the_settings(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post("/frameworks/2568/edit/", VALID)
        self.assertRedirects(r, "/frameworks/2568/")
        framework = Framework.objects.get(pk=self.framework.pk)
        self.assertEqual(framework.max_kpis_limited_areas, 12)
        self.assertIsNone(framework.max_kpis_total)
        self.assertEqual(framework.late_penalty_per_day, Decimal("0.1"))  # Thai digits accepted
        self.assertEqual(framework.round_report_days, 45)
        self.assertEqual(framework.history.latest().history_user, self.officer)

    def test_an_admin_may_edit(self) -> None:
        self.client.force_login(factories.make_user(superuser=True))
        self.assertEqual(self.client.get("/frameworks/2568/edit/").status_code, 200)

    def test_others_are_refused_403(self) -> None:
        agency = factories.make_agency()
        for user in (self.staff, factories.make_user(Role.COMMITTEE), factories.make_user(Role.OWNER_AGENCY, owner_agency=agency),
                     factories.make_user(Role.CONSULTANT, fund=self.fund), factories.make_user()):
            with self.subTest(user=user.username):
                self.client.force_login(user)
                self.assertEqual(self.client.get("/frameworks/2568/edit/").status_code, 403)
                self.assertEqual(self.client.post("/frameworks/2568/edit/", VALID).status_code, 403)
        self.assertEqual(Framework.objects.get(pk=self.framework.pk).name, "กรอบ 2568")

    def test_it_shows_errors_next_to_the_field(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post("/frameworks/2568/edit/", {**VALID, "late_penalty_per_day": "abc", "late_penalty_cap": "-1"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "“abc” is not a number", status_code=400)
        self.assertContains(r, "The penalty cannot be negative.", status_code=400)
        self.assertEqual(Framework.objects.get(pk=self.framework.pk).late_penalty_per_day, Decimal("0.05"))

    def test_it_warns_but_does_not_block_when_agreements_use_it(self) -> None:
        factories.advance(factories.make_agreement(fiscal_year=2568), Status.PPP_SUBMITTED)
        self.client.force_login(self.officer)
        r = self.client.get("/frameworks/2568/edit/")
        self.assertContains(r, "1 agreement past drafting follows this framework.")
        r = self.client.post("/frameworks/2568/edit/", VALID)
        self.assertEqual(r.status_code, 302)

    def test_it_refuses_kpi_limits_that_contradict_each_other(self) -> None:
        # Limits no agreement could ever meet: more allowed in areas 1–3 than in all areas, or more
        # required (at least N per area) than allowed.
        self.client.force_login(self.officer)
        cases = [
            ({"max_kpis_total": "10", "max_kpis_limited_areas": "12"}, "max_kpis_limited_areas",
             "At most 12 KPIs in the limited areas is more than the 10 allowed in all areas."),
            ({"max_kpis_total": "6", "min_kpis_per_area": "2"}, "min_kpis_per_area",
             "4 areas with at least 2 KPIs each need 8 KPIs; the framework allows at most 6 in all areas."),
            ({"max_kpis_limited_areas": "5", "min_kpis_per_area": "2"}, "min_kpis_per_area",
             "3 limited areas with at least 2 KPIs each need 6 KPIs; the framework allows at most 5 in them."),
        ]
        for changes, field, message in cases:
            with self.subTest(field=field, changes=changes):
                r = self.client.post("/frameworks/2568/edit/", {**VALID, **changes})
                self.assertEqual(r.status_code, 400)
                self.assertEqual(r.context["form"].errors[field], [message])
        framework = Framework.objects.get(pk=self.framework.pk)
        self.assertEqual((framework.max_kpis_total, framework.max_kpis_limited_areas, framework.min_kpis_per_area),
                         (None, 10, 1))

    def test_it_accepts_limits_that_fit_together(self) -> None:
        self.client.force_login(self.officer)
        r = self.client.post("/frameworks/2568/edit/", {**VALID, "max_kpis_total": "16", "max_kpis_limited_areas": "10",
                                                         "min_kpis_per_area": "2"})
        self.assertEqual(r.status_code, 302)
