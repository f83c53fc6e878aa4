from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pramoen.access.models import Role
from pramoen.agreements.models import Kpi
from pramoen.rounds import workflow
from pramoen.rounds.models import RoundStatus
from pramoen.testing import factories as f

from .base import RoundTestCase


class RoundDetailTestCase(RoundTestCase):
    def url(self) -> str:
        return f"/rounds/{self.round.pk}/"

    def test_it_requires_login(self) -> None:
        r = self.client.get(self.url())
        self.assertRedirects(r, f"/accounts/login/?next={self.url()}")

    def test_every_role_of_the_fund_may_view_it(self) -> None:
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 200)

    def test_an_administrator_may_view_and_edit_any_round(self) -> None:
        self.login(f.make_user(superuser=True))
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.context["may_edit"])

    def test_it_is_in_english_when_the_user_chose_english(self) -> None:
        self.login(self.staff)
        self.client.cookies["django_language"] = "en"
        r = self.client.get(self.url())
        self.assertContains(r, "Results by KPI")
        self.assertContains(r, "1 Oct 2024 – 31 Dec 2024")

    def test_it_hides_the_round_from_other_funds_and_users_without_a_role(self) -> None:
        for user in (self.stranger, self.nobody):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_it_is_404_for_a_round_that_does_not_exist(self) -> None:
        self.login(self.staff)
        self.assertEqual(self.client.get("/rounds/999999/").status_code, 404)

    def test_it_refuses_post(self) -> None:
        self.login(self.staff)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_shows_the_header_in_buddhist_era_dates(self) -> None:
        self.login(self.staff)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "th"
        r = self.client.get(self.url())
        # Fiscal year 2568 runs from 1 Oct 2024 (2567 B.E.); round 1 ends 31 Dec, due 30 days later.
        self.assertContains(r, "1 ต.ค. 2567 – 31 ธ.ค. 2567")
        self.assertContains(r, "30 ม.ค. 2568")
        self.assertContains(r, self.fund.name_th)
        self.assertContains(r, "2568")

    def test_it_lists_every_kpi_with_its_live_score(self) -> None:
        f.enter_results(self.round, {"1.1": 85, "2.1": 100, "3.1.1": 60, "3.1.2": 4, "4.1": 5})
        self.login(self.staff)
        r = self.client.get(self.url())
        for code in ("1.1", "2.1", "3.1", "3.1.1", "3.1.2", "4.1"):
            self.assertContains(r, f'class="code kpi-depth-{code.count(".")}">{code}</th>')
        # 85 lies halfway between levels 3 (80) and 4 (90): score 3.5, weighted 3.5 × 20 / 100.
        self.assertContains(r, '<td class="num kpi-score">3.5000</td>')
        self.assertContains(r, '<td class="num kpi-weighted">0.7000</td>')
        card = r.context["card"]
        self.assertEqual(card.score.kpi("1.1").score, Decimal("3.5"))
        self.assertContains(r, f'<strong>{card.score.total.quantize(Decimal("0.0001"))}</strong>')

    def test_it_offers_the_edit_links_only_to_the_fund_while_editable(self) -> None:
        self.login(self.users[Role.CONSULTANT])
        self.assertNotContains(self.client.get(self.url()), "/edit/")
        self.login(self.staff)
        self.assertContains(self.client.get(self.url()), f"/rounds/{self.round.pk}/kpi/{self.kpi('1.1').pk}/edit/")
        self.round.status = RoundStatus.APPROVED
        self.round.save()
        self.assertNotContains(self.client.get(self.url()), "/edit/")

    def test_it_shows_only_the_steps_the_user_may_take(self) -> None:
        self.login(self.staff)
        r = self.client.get(self.url())
        self.assertEqual([s.name for s, _form in r.context["steps"]], ["submit"])
        self.login(self.users[Role.COMMITTEE])
        r = self.client.get(self.url())
        self.assertEqual(r.context["steps"], [])

    def test_it_shows_the_change_from_the_previous_round(self) -> None:
        f.enter_results(self.round, {"1.1": 80})
        round2 = self.agreement.rounds.get(number=2)
        f.enter_results(round2, {"1.1": 100})
        self.login(self.staff)
        r = self.client.get(f"/rounds/{round2.pk}/")
        card = r.context["card"]
        self.assertIsNotNone(card.score.change_percent)
        self.assertGreater(card.score.change_percent, 0)
        self.assertContains(r, "previous total")

    def test_its_query_count_does_not_grow_with_the_number_of_kpis(self) -> None:
        f.enter_results(self.round)
        self.login(self.staff)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url())
        # Split KPI 1.1 (weight 20) into four KPIs of weight 5, each with a result and evidence-free narrative.
        area = self.kpi("1.1").area
        Kpi.objects.filter(pk=self.kpi("1.1").pk).update(weight=Decimal(5))
        levels = {f"level_{n}": Decimal(v) for n, v in zip(range(1, 6), (60, 70, 80, 90, 100))}
        for n in (2, 3, 4):
            Kpi.objects.create(agreement=self.agreement, area=area, code=f"1.{n}", name_th=f"ตัวชี้วัด 1.{n}",
                               weight=Decimal(5), order=n, **levels)
        f.enter_results(self.round)
        with CaptureQueriesContext(connection) as many:
            r = self.client.get(self.url())
        self.assertIsNotNone(r.context["card"].score, r.context["problems"])
        self.assertContains(r, '>1.4</th>')
        self.assertEqual(len(many), len(few), [q["sql"] for q in many.captured_queries])
        # session, user, round, roles, areas, KPIs, criteria, results, criterion levels, evidence,
        # steps taken, the agreement's rounds
        self.assertEqual(len(few), 12)


class ReturnedNoticeTestCase(RoundTestCase):
    def test_a_returned_round_shows_why_at_the_top(self) -> None:
        f.enter_results(self.round)
        workflow.perform(self.round, "submit", self.staff)
        workflow.perform(self.round, "return", self.users[Role.CONSULTANT], comment="แก้ผลของ 1.1 ให้ตรงหลักฐาน")
        self.login(self.staff)
        r = self.client.get(f"/rounds/{self.round.pk}/")
        self.assertContains(r, "Returned for changes")
        self.assertContains(r, "แก้ผลของ 1.1 ให้ตรงหลักฐาน", count=2)  # the notice and the timeline

    def test_a_draft_round_has_no_notice(self) -> None:
        self.login(self.staff)
        r = self.client.get(f"/rounds/{self.round.pk}/")
        self.assertNotContains(r, "Returned for changes")
