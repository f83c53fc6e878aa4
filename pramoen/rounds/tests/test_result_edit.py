from __future__ import annotations

from decimal import Decimal

from pramoen.access.models import Role
from pramoen.rounds.models import CriterionResult, Result, RoundStatus

from .base import RoundTestCase


class ResultEditTestCase(RoundTestCase):
    def url(self, code: str) -> str:
        return f"/rounds/{self.round.pk}/kpi/{self.kpi(code).pk}/edit/"

    def post(self, code: str, data: dict[str, str], **extra):
        prefix = f"kpi{self.kpi(code).pk}-"
        return self.client.post(self.url(code), {prefix + k: v for k, v in data.items()}, **extra)

    def test_it_returns_the_inline_form_for_htmx(self) -> None:
        self.login(self.staff)
        r = self.client.get(self.url("1.1"), **self.htmx())
        self.assertEqual(r.status_code, 200)
        self.assertTemplateUsed(r, "rounds/_kpi_row.html")
        self.assertNotContains(r, "<html")
        self.assertContains(r, "data-warn-unsaved")
        self.assertContains(r, f'name="kpi{self.kpi("1.1").pk}-value"')
        self.assertContains(r, "autofocus")

    def test_it_works_without_javascript(self) -> None:
        self.login(self.staff)
        r = self.client.get(self.url("1.1"))
        self.assertTemplateUsed(r, "rounds/result_edit.html")
        self.assertContains(r, "core/forms.js")
        r = self.post("1.1", {"value": "85"})
        self.assertRedirects(r, f"/rounds/{self.round.pk}/#kpi-{self.kpi('1.1').pk}")

    def test_it_saves_a_number_typed_with_thai_digits_and_returns_the_scored_row(self) -> None:
        self.login(self.staff)
        r = self.post("1.1", {"value": "๘๕", "narrative_reasons": "ดีกว่าเป้า"}, **self.htmx())
        self.assertEqual(r.status_code, 200)
        result = Result.objects.get(round=self.round, kpi=self.kpi("1.1"))
        self.assertEqual(result.value, Decimal(85))
        self.assertEqual(result.narrative_reasons, "ดีกว่าเป้า")
        self.assertContains(r, '<td class="num kpi-score">3.5000</td>')
        self.assertContains(r, 'id="round-totals" class="round-totals" hx-swap-oob="true"')
        self.assertContains(r, "autofocus")  # the keyboard goes back to the row's Edit link

    def test_it_saves_the_four_narrative_parts(self) -> None:
        self.login(self.staff)
        parts = {"narrative_reasons": "ก", "narrative_factors": "ข", "narrative_obstacles": "ค", "narrative_plan": "ง"}
        self.post("2.1", {"value": "70", **parts}, **self.htmx())
        result = Result.objects.get(round=self.round, kpi=self.kpi("2.1"))
        self.assertEqual({k: getattr(result, k) for k in parts}, parts)

    def test_it_saves_the_level_reached_of_a_milestone_kpi(self) -> None:
        self.login(self.staff)
        r = self.client.get(self.url("3.1.2"), **self.htmx())
        self.assertContains(r, f'<datalist id="levels-{self.kpi("3.1.2").pk}">')
        self.assertContains(r, "ขั้นที่ 4")
        self.post("3.1.2", {"value": "3.5"}, **self.htmx())
        self.assertEqual(Result.objects.get(round=self.round, kpi=self.kpi("3.1.2")).value, Decimal("3.5"))

    def test_it_saves_a_level_per_criterion_of_a_composite_kpi(self) -> None:
        kpi = self.kpi("4.1")
        first, second = kpi.criteria.order_by("order")
        self.login(self.staff)
        r = self.post("4.1", {f"criterion_{first.pk}": "5", f"criterion_{second.pk}": "๒.๕"}, **self.htmx())
        self.assertEqual(r.status_code, 200)
        levels = dict(CriterionResult.objects.filter(result__round=self.round).values_list("criterion_id", "level"))
        self.assertEqual(levels, {first.pk: Decimal(5), second.pk: Decimal("2.5")})
        # 60 % × 5 + 40 % × 2.5 = 4
        self.assertContains(r, '<td class="num kpi-score">4.0000</td>')

    def test_it_rejects_out_of_range_input_next_to_the_field_and_saves_nothing(self) -> None:
        first = self.kpi("4.1").criteria.order_by("order").first()
        cases = [
            ("3.1.2", "value", "7", "from 1 to 5"),
            ("4.1", f"criterion_{first.pk}", "0", "from 1 to 5"),
            ("1.1", "value", "abc", "is not a number"),
            ("1.1", "value", "1" * 30, "too large"),
        ]
        self.login(self.staff)
        for code, field, value, message in cases:
            with self.subTest(code=code, value=value):
                r = self.post(code, {field: value, "narrative_plan": "ไม่ควรถูกบันทึก"}, **self.htmx())
                self.assertEqual(r.status_code, 400)
                self.assertContains(r, message, status_code=400)
                self.assertContains(r, f'id="id_kpi{self.kpi(code).pk}-{field}_errors"', status_code=400)
        self.assertFalse(Result.objects.exists())
        self.assertFalse(CriterionResult.objects.exists())

    def test_it_lets_fund_staff_and_approvers_edit(self) -> None:
        for role in (Role.FUND_STAFF, Role.FUND_APPROVER):
            with self.subTest(role=role):
                self.login(self.users[role])
                self.assertEqual(self.client.get(self.url("1.1")).status_code, 200)

    def test_it_forbids_reviewers_and_the_owner_agency(self) -> None:
        for role in (Role.CONSULTANT, Role.CGD_OFFICER, Role.COMMITTEE, Role.OWNER_AGENCY):
            with self.subTest(role=role):
                self.login(self.users[role])
                self.assertEqual(self.client.get(self.url("1.1")).status_code, 403)
                self.assertEqual(self.post("1.1", {"value": "90"}).status_code, 403)
        self.assertFalse(Result.objects.exists())

    def test_it_hides_the_round_from_other_funds(self) -> None:
        self.login(self.stranger)
        self.assertEqual(self.post("1.1", {"value": "90"}).status_code, 404)

    def test_it_refuses_edits_once_the_round_is_submitted_or_approved(self) -> None:
        self.login(self.staff)
        for status in (RoundStatus.SUBMITTED, RoundStatus.ACCEPTED, RoundStatus.APPROVED):
            with self.subTest(status=status):
                self.round.status = status
                self.round.save()
                self.assertEqual(self.post("1.1", {"value": "90"}).status_code, 403)
        self.round.status = RoundStatus.RETURNED
        self.round.save()
        self.assertEqual(self.post("1.1", {"value": "90"}, **self.htmx()).status_code, 200)

    def test_a_group_or_a_kpi_of_another_agreement_has_no_form(self) -> None:
        self.login(self.staff)
        self.assertEqual(self.client.get(self.url("3.1")).status_code, 404)
        from pramoen.testing import factories as f

        other = f.make_agreement(f.make_fund(), fiscal_year=2568)
        foreign = other.kpis.get(code="1.1")
        r = self.client.get(f"/rounds/{self.round.pk}/kpi/{foreign.pk}/edit/")
        self.assertEqual(r.status_code, 404)

    def test_cancel_returns_the_row_without_the_form(self) -> None:
        self.login(self.users[Role.CONSULTANT])  # viewing is enough
        r = self.client.get(f"/rounds/{self.round.pk}/kpi/{self.kpi('1.1').pk}/row/", **self.htmx())
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, f'<tbody id="kpi-{self.kpi("1.1").pk}"')
        self.assertNotContains(r, "<form")

    def test_saving_after_someone_submitted_the_round_meanwhile_is_refused(self) -> None:
        from pramoen.core.workflow import StepRefused
        from pramoen.rounds.forms import ResultForm

        kpi = self.kpi("1.1")
        form = ResultForm({f"kpi{kpi.pk}-value": "90"}, kpi=kpi, criteria=[], result=None)
        self.assertTrue(form.is_valid(), form.errors)
        type(self.round).objects.filter(pk=self.round.pk).update(status=RoundStatus.SUBMITTED)
        with self.assertRaises(StepRefused):
            form.save(self.round)
        self.assertFalse(Result.objects.exists())

    def test_saving_the_same_values_again_adds_no_history(self) -> None:
        self.login(self.staff)
        self.post("1.1", {"value": "85"})
        self.post("1.1", {"value": "85.0"})
        self.assertEqual(Result.history.count(), 1)
