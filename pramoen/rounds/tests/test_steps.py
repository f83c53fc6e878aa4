"""The round's review loop through the web: submit → return → fix → resubmit → approve → reopen."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from pramoen.access.models import Role
from pramoen.rounds import workflow
from pramoen.rounds.models import Result, Round, RoundEvent, RoundStatus
from pramoen.testing import factories as f

from .base import RoundTestCase


class StepTestCase(RoundTestCase):
    def step(self, name: str, comment: str = "", **extra):
        return self.client.post(f"/rounds/{self.round.pk}/steps/{name}/", {f"{name}-comment": comment}, **extra)

    def as_role(self, role: str) -> None:
        self.login(self.users[role])

    def status(self) -> str:
        return Round.objects.get(pk=self.round.pk).status

    def edit(self, value: str):
        kpi = self.kpi("1.1")
        return self.client.post(f"/rounds/{self.round.pk}/kpi/{kpi.pk}/edit/", {f"kpi{kpi.pk}-value": value})

    def test_the_whole_loop(self) -> None:
        f.enter_results(self.round)
        self.as_role(Role.FUND_STAFF)
        self.assertRedirects(self.step("submit"), f"/rounds/{self.round.pk}/")
        self.assertEqual(self.status(), RoundStatus.SUBMITTED)

        self.as_role(Role.CONSULTANT)
        r = self.step("return")
        self.assertContains(r, "needs a comment", status_code=400)
        self.assertEqual(self.status(), RoundStatus.SUBMITTED)
        self.step("return", "โปรดแนบหลักฐานตัวชี้วัด 1.1")
        self.assertEqual(self.status(), RoundStatus.RETURNED)

        self.as_role(Role.FUND_STAFF)
        self.assertEqual(self.edit("95").status_code, 302)
        self.step("submit")
        self.assertEqual(self.status(), RoundStatus.SUBMITTED)

        self.as_role(Role.CONSULTANT)
        self.step("accept")
        self.as_role(Role.COMMITTEE)
        self.step("approve")
        round_ = Round.objects.get(pk=self.round.pk)
        self.assertEqual(round_.status, RoundStatus.APPROVED)
        self.assertEqual(round_.approved_on, timezone.localdate())

        self.as_role(Role.FUND_STAFF)
        self.assertEqual(self.edit("60").status_code, 403)  # locked
        self.assertEqual(Result.objects.get(round=self.round, kpi=self.kpi("1.1")).value, 95)

        self.as_role(Role.CGD_OFFICER)
        self.assertContains(self.step("reopen"), "needs a comment", status_code=400)
        self.step("reopen", "แก้ไขผลตามมติคณะกรรมการ")
        round_ = Round.objects.get(pk=self.round.pk)
        self.assertEqual(round_.status, RoundStatus.DRAFT)
        self.assertIsNone(round_.approved_on)

        self.as_role(Role.FUND_STAFF)
        self.assertEqual(self.edit("90").status_code, 302)

        actions = list(RoundEvent.objects.filter(round=self.round).values_list("action", "comment"))
        self.assertEqual([a for a, _c in actions], ["submit", "return", "submit", "accept", "approve", "reopen"])
        self.assertEqual(actions[-1][1], "แก้ไขผลตามมติคณะกรรมการ")
        # The audit trail records the reopening and who did it.
        reopened = Round.history.filter(id=self.round.pk, history_change_reason="reopen").get()
        self.assertEqual(reopened.history_user, self.users[Role.CGD_OFFICER])
        r = self.client.get(f"/rounds/{self.round.pk}/")
        self.assertContains(r, "แก้ไขผลตามมติคณะกรรมการ")

    def test_submit_names_the_kpis_without_a_result(self) -> None:
        f.enter_results(self.round)
        Result.objects.filter(round=self.round, kpi=self.kpi("2.1")).update(value=None)
        self.as_role(Role.FUND_STAFF)
        r = self.step("submit")
        self.assertContains(r, "Missing: 2.1.", status_code=400)
        self.assertEqual(self.status(), RoundStatus.DRAFT)

    def test_each_step_is_refused_to_roles_not_in_the_table(self) -> None:
        f.enter_results(self.round)
        refused = {
            "submit": (Role.CONSULTANT, Role.CGD_OFFICER, Role.COMMITTEE, Role.OWNER_AGENCY),
        }
        for name, roles in refused.items():
            for role in roles:
                with self.subTest(step=name, role=role):
                    self.as_role(role)
                    self.assertEqual(self.step(name, "x").status_code, 403)
        workflow.perform(self.round, "submit", self.staff)
        for name, roles in {
            "return": (Role.FUND_STAFF, Role.FUND_APPROVER, Role.COMMITTEE, Role.OWNER_AGENCY),
            "accept": (Role.FUND_STAFF, Role.COMMITTEE, Role.OWNER_AGENCY),
            "approve": (Role.FUND_STAFF, Role.FUND_APPROVER, Role.CONSULTANT, Role.OWNER_AGENCY),
        }.items():
            for role in roles:
                with self.subTest(step=name, role=role):
                    self.as_role(role)
                    self.assertEqual(self.step(name, "x").status_code, 403)
        self.as_role(Role.CGD_OFFICER)
        self.step("approve")
        for role in (Role.FUND_STAFF, Role.CONSULTANT, Role.COMMITTEE, Role.OWNER_AGENCY):
            with self.subTest(step="reopen", role=role):
                self.as_role(role)
                self.assertEqual(self.step("reopen", "x").status_code, 403)
        self.assertEqual(self.status(), RoundStatus.APPROVED)

    def test_a_step_from_the_wrong_state_is_refused_with_a_message(self) -> None:
        self.as_role(Role.CGD_OFFICER)
        r = self.step("approve")
        self.assertContains(r, "not possible in the current state", status_code=400)

    def test_other_funds_get_404_and_get_is_not_allowed(self) -> None:
        self.login(self.stranger)
        self.assertEqual(self.step("submit").status_code, 404)
        self.login(self.staff)
        self.assertEqual(self.client.get(f"/rounds/{self.round.pk}/steps/submit/").status_code, 405)
        self.assertEqual(self.step("explode").status_code, 404)

    def test_late_days_count_from_the_first_submission(self) -> None:
        f.enter_results(self.round)
        due = self.round.due_on
        workflow.perform(self.round, "submit", self.staff, occurred_on=due + timedelta(days=12))
        self.assertEqual(self.round.late_days, 12)
        self.assertEqual(self.round.submitted_on, due + timedelta(days=12))
        workflow.perform(self.round, "return", self.users[Role.CONSULTANT], comment="แก้ไข")
        workflow.perform(self.round, "submit", self.staff, occurred_on=due + timedelta(days=40))
        self.assertEqual(self.round.late_days, 12)  # fixing a returned round is not late
        self.assertEqual(self.round.submitted_on, due + timedelta(days=12))

    def test_on_time_submission_is_not_late(self) -> None:
        f.enter_results(self.round)
        workflow.perform(self.round, "submit", self.staff, occurred_on=self.round.due_on)
        self.assertEqual(self.round.late_days, 0)

    def test_a_round_of_an_agreement_not_in_force_has_no_steps(self) -> None:
        agreement = f.make_agreement(f.make_fund(), fiscal_year=2568)
        round_ = Round.objects.create(agreement=agreement, number=1, period_start=date(2024, 10, 1),
                                      period_end=date(2024, 12, 31), due_on=date(2025, 1, 30))
        admin = f.make_user(superuser=True)
        self.assertEqual(workflow.steps_for(round_, admin), [])
        self.assertFalse(workflow.may_edit_results(round_, frozenset({"admin"})))
        with self.assertRaises(workflow.StepRefused):
            workflow.perform(round_, "submit", admin)
