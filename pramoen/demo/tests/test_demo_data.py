"""What ``load_demo`` builds: fund 1-06's FY2567 agreement and rounds (seed 001), fund 1-04's PPP, the users."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from unittest import mock

from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase, override_settings

from pramoen.access.models import Role
from pramoen.access.policy import roles_for
from pramoen.agreements import snapshot, validation
from pramoen.agreements import workflow as agreement_workflow
from pramoen.agreements.models import Agreement, KpiKind, Status
from pramoen.demo import seed001
from pramoen.demo.users import DEMO_PASSWORD, USERS
from pramoen.funds.models import Fund
from pramoen.rounds.models import RoundStatus
from pramoen.rounds.services import round_card
from pramoen.scoring.numbers import round_half_up


def places(value: Decimal, n: int = 4) -> str:
    return str(round_half_up(value, n))


@override_settings(DEBUG=True)
class DemoDataTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.agreement = Agreement.objects.get(fund__code="1-06", fiscal_year=2567)
        cls.round1 = cls.agreement.rounds.get(number=1)
        cls.round2 = cls.agreement.rounds.get(number=2)

    def test_round_2_totals_2_0179_with_the_reported_area_scores(self) -> None:
        card = round_card(self.round2)
        self.assertEqual(card.problems, [])
        assert card.score is not None
        self.assertEqual(places(card.score.total), "2.0179")
        self.assertEqual(
            [places(card.score.area(code).score) for code in "123456"],
            ["1.0000", "1.0000", "1.3133", "4.1767", "3.4750", "2.9992"],
        )

    def test_round_1_totals_1_3220(self) -> None:
        card = round_card(self.round1)
        assert card.score is not None
        self.assertEqual(places(card.score.total), "1.3220")

    def test_round_2_changes_by_52_64_percent_on_round_1(self) -> None:
        card = round_card(self.round2)
        assert card.score is not None and card.score.change_percent is not None
        self.assertEqual(places(card.score.change_percent, 2), "52.64")

    def test_the_agreement_came_into_force_through_each_role(self) -> None:
        steps = [(e.action, e.actor.username, e.occurred_on) for e in self.agreement.events.select_related("actor")]
        self.assertEqual(steps, [(s, u, d) for s, u, d, _c in seed001.AGREEMENT_STEPS])
        self.assertEqual(self.agreement.status, Status.IN_FORCE)
        self.assertEqual(self.agreement.mof_signed_on, date(2023, 11, 24))
        self.assertEqual(self.agreement.late_signature_days, 0)
        self.assertEqual([v.label for v in self.agreement.versions.all()], ["PPP", "PP", "PA"])

    def test_the_pp_raised_kpi_1_1_levels_proposed_in_the_ppp(self) -> None:
        ppp, pp = self.agreement.versions.all()[:2]
        changes = {(c.where, c.field): (c.before, c.after) for c in snapshot.diff(ppp.snapshot, pp.snapshot)}
        self.assertEqual(changes[("1.1", "level_1")], ("10", "11"))
        self.assertEqual(changes[("1.1", "level_5")], ("15", "16"))
        self.assertEqual(len(changes), 5)

    def test_the_agreement_has_six_areas_and_13_kpis_with_6_1_as_5_plus_5(self) -> None:
        areas = {a.code: a.weight for a in self.agreement.areas.all()}
        self.assertEqual(areas, {c: Decimal(w) for c, w in zip("123456", [15, 20, 30, 15, 10, 10])})
        kpis = {k.code: k for k in self.agreement.kpis.all()}
        self.assertEqual(len([k for k in kpis if k.count(".") == 1]), 13)
        self.assertEqual(kpis["6.1"].kind, KpiKind.GROUP)
        self.assertEqual((kpis["6.1.1"].weight, kpis["6.1.2"].weight), (Decimal(5), Decimal(5)))
        self.assertEqual(kpis["3.2"].kind, KpiKind.MILESTONE)
        self.assertTrue(kpis["3.2"].level_text_5.startswith("ผ่านระดับ ๔"))
        self.assertEqual(kpis["1.1"].numerator, "เงินต้นที่ได้รับชำระคืนจริงในปีบัญชี ๒๕๖๗ (บาท)")
        self.assertEqual(validation.errors(self.agreement), [])

    def test_the_governance_kpis_follow_the_frameworks_standard_kpis(self) -> None:
        composite = self.agreement.kpis.filter(kind=KpiKind.COMPOSITE).select_related("standard_kpi")
        self.assertEqual({k.code: k.standard_kpi.code for k in composite},
                         {c: c for c in ("4.1", "4.2", "4.3", "5.1", "5.2")})
        risk = composite.get(code="4.1")
        self.assertEqual([c.weight for c in risk.criteria.all()], [Decimal(w) for w in (7, 8, 45, 10, 25, 2, 3)])
        self.assertTrue(risk.criteria.first().level_text_5)

    def test_each_kpi_has_three_past_years_the_last_preliminary(self) -> None:
        kpi = self.agreement.kpis.get(code="1.1")
        past = [(p.fiscal_year, p.value, p.is_preliminary) for p in kpi.past_results.all()]
        self.assertEqual(past, [(2564, Decimal("12.09"), False), (2565, Decimal("15.03"), False),
                                (2566, Decimal("15.55"), True)])

    def test_both_rounds_are_approved_with_results_and_narratives(self) -> None:
        self.assertEqual([self.round1.status, self.round2.status], [RoundStatus.APPROVED, RoundStatus.APPROVED])
        self.assertEqual([e.action for e in self.round2.events.all()], ["submit", "accept", "approve"])
        self.assertEqual(self.round2.late_days, 0)
        self.assertEqual(str(self.round2.results.get(kpi__code="1.1").value), "6.90")  # as the report prints it
        result = self.round2.results.get(kpi__code="3.3")
        self.assertEqual(result.value, Decimal(64))
        self.assertIn("๖๔ ราย", result.narrative_reasons)
        self.assertIn("๑๒๐ ราย", result.narrative_plan)
        self.assertIn("รายงานผลการดำเนินงานตามตัวชี้วัดที่ ๓.๓", result.narrative_plan)
        governance = self.round2.results.get(kpi__code="4.2")
        self.assertIn("ประเด็นที่ ๑ (ระดับ ๕)", governance.narrative_factors)
        self.assertEqual([cr.level for cr in governance.criterion_results.all()],
                         [Decimal(5), Decimal(5), Decimal(5), Decimal(1)])
        # How each level was reached, from the report's explanation column, is kept with the level.
        self.assertTrue(all(cr.explanation for cr in governance.criterion_results.all()))

    def test_an_na_result_is_entered_as_na_and_explained(self) -> None:
        result = self.round2.results.get(kpi__code="2.1")
        self.assertIsNone(result.value)
        self.assertTrue(result.not_available)
        self.assertIn("n/a", result.narrative_obstacles)
        sub = self.round1.results.get(kpi__code="6.1.2")
        self.assertIsNone(sub.value)
        self.assertTrue(sub.not_available)
        self.assertIn("ไม่แยกตัวชี้วัดย่อย", sub.narrative_obstacles)
        self.assertEqual(self.round1.results.get(kpi__code="1.1").narrative_reasons,
                         "ผลการดำเนินงานรอบ ๓ เดือน (๑ ต.ค. ๒๕๖๖ – ๓๑ ธ.ค. ๒๕๖๖) เท่ากับ ร้อยละ ๓.๕๖")

    def test_the_second_fund_drafts_a_valid_fy2568_ppp(self) -> None:
        draft = Agreement.objects.get(fund__code="1-04", fiscal_year=2568)
        self.assertEqual(draft.status, Status.PPP_DRAFTING)
        self.assertEqual(draft.framework.fiscal_year, 2568)
        self.assertEqual([a.code for a in draft.areas.all()], ["1", "2", "3", "4"])
        self.assertEqual(draft.events.count(), 0)
        self.assertEqual(validation.errors(draft), [])
        self.assertEqual(draft.kpis.filter(kind=KpiKind.COMPOSITE, standard_kpi__isnull=False).count(),
                         draft.framework.standard_kpis.count())

    def test_every_demo_user_logs_in_with_the_published_password(self) -> None:
        for spec in USERS:
            user = authenticate(username=spec.username, password=DEMO_PASSWORD)
            self.assertIsInstance(user, User, spec.username)
            self.assertTrue(user.first_name and user.last_name)

    def test_the_demo_users_hold_their_roles(self) -> None:
        farmers, coops, other = (Fund.objects.get(code=c) for c in ("1-06", "1-04", "1-01"))

        def roles(username: str, fund: Fund) -> frozenset[str]:
            return roles_for(User.objects.get(username=username), fund)

        self.assertEqual(roles("fund-staff", farmers), {Role.FUND_STAFF})
        self.assertEqual(roles("fund-staff", coops), frozenset())
        self.assertEqual(roles("fund-approver", farmers), {Role.FUND_APPROVER})
        self.assertEqual(roles("agency", farmers), {Role.OWNER_AGENCY})
        self.assertEqual(roles("agency", coops), frozenset())
        self.assertEqual(roles("consultant", coops), {Role.CONSULTANT})
        self.assertEqual(roles("consultant", other), frozenset())
        self.assertEqual(roles("cgd", other), {Role.CGD_OFFICER})
        self.assertEqual(roles("committee", other), {Role.COMMITTEE})
        self.assertEqual(roles("fund2-staff", coops), {Role.FUND_STAFF})


@override_settings(DEBUG=True)
class RerunTestCase(TestCase):
    def test_a_second_run_rebuilds_the_demo_agreements_as_they_were(self) -> None:
        call_command("load_demo", stdout=StringIO())
        agreement = Agreement.objects.get(fund__code="1-06", fiscal_year=2567)
        round2 = agreement.rounds.get(number=2)
        round2.results.filter(kpi__code="1.1").update(value="99")
        call_command("load_demo", stdout=StringIO())
        self.assertEqual(Agreement.objects.filter(fund__code__in=["1-06", "1-04"]).count(), 2)
        agreement = Agreement.objects.get(fund__code="1-06", fiscal_year=2567)
        self.assertEqual(agreement.events.count(), len(seed001.AGREEMENT_STEPS))
        card = round_card(agreement.rounds.get(number=2))
        assert card.score is not None
        self.assertEqual(places(card.score.total), "2.0179")

    def test_a_second_run_rebuilds_the_second_funds_ppp_after_it_was_submitted(self) -> None:
        call_command("load_demo", stdout=StringIO())
        draft = Agreement.objects.get(fund__code="1-04", fiscal_year=2568)
        agreement_workflow.perform(draft, "submit_ppp", User.objects.get(username="fund2-staff"))
        self.assertEqual(draft.versions.count(), 1)  # a version protects its step from deletion
        call_command("load_demo", stdout=StringIO())
        draft = Agreement.objects.get(fund__code="1-04", fiscal_year=2568)
        self.assertEqual((draft.status, draft.versions.count()), (Status.PPP_DRAFTING, 0))

    def test_it_saves_nothing_when_a_step_fails(self) -> None:
        with mock.patch.object(seed001, "report_rounds", side_effect=RuntimeError("boom")):
            with self.assertRaises(RuntimeError):
                call_command("load_demo", stdout=StringIO())
        self.assertFalse(Agreement.objects.exists())
        self.assertFalse(User.objects.exists())
        self.assertFalse(Fund.objects.exists())


@override_settings(DEBUG=True)
class AuditTrailTestCase(TestCase):
    def test_the_history_names_the_demo_user_who_made_each_change(self) -> None:
        call_command("load_demo", stdout=StringIO())
        agreement = Agreement.objects.get(fund__code="1-06", fiscal_year=2567)
        kpi = agreement.kpis.get(code="1.1")
        authors = [h.history_user.username for h in kpi.history.order_by("history_date", "history_id")]
        self.assertEqual(authors, ["fund-staff", "consultant"])
        in_force = agreement.history.filter(history_change_reason="mof_sign").get()
        self.assertEqual(in_force.history_user.username, "cgd")
        result = agreement.rounds.get(number=2).results.get(kpi__code="3.3")
        self.assertEqual(result.history.earliest("history_date").history_user.username, "fund-staff")
        draft = Agreement.objects.get(fund__code="1-04", fiscal_year=2568)
        self.assertEqual(draft.history.get().history_user.username, "fund2-staff")
