"""A result reported as n/a: counted as reported, scored 1, explained in the narrative."""

from __future__ import annotations

from pramoen.rounds import workflow
from pramoen.rounds.models import Result, RoundStatus
from pramoen.rounds.services import round_card
from pramoen.testing import factories as f

from .base import RoundTestCase


class NotAvailableTestCase(RoundTestCase):
    def post(self, code: str, data: dict[str, str]):
        prefix = f"kpi{self.kpi(code).pk}-"
        url = f"/rounds/{self.round.pk}/kpi/{self.kpi(code).pk}/edit/"
        return self.client.post(url, {prefix + k: v for k, v in data.items()}, HTTP_HX_REQUEST="true")

    def test_it_saves_na_with_a_reason_and_shows_it_scored_1(self) -> None:
        self.login(self.staff)
        r = self.post("1.1", {"not_available": "on", "narrative_reasons": "สำรวจเฉพาะสิ้นปี"})
        self.assertEqual(r.status_code, 200)
        result = Result.objects.get(round=self.round, kpi=self.kpi("1.1"))
        self.assertTrue(result.not_available)
        self.assertIsNone(result.value)
        self.assertContains(r, "n/a")
        self.assertContains(r, '<td class="num kpi-score">1.0000</td>')

    def test_it_needs_a_reason(self) -> None:
        self.login(self.staff)
        r = self.post("1.1", {"not_available": "on"})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Result.objects.filter(round=self.round, kpi=self.kpi("1.1")).exists())

    def test_it_refuses_a_value_together_with_na(self) -> None:
        self.login(self.staff)
        r = self.post("1.1", {"not_available": "on", "value": "80", "narrative_reasons": "x"})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Result.objects.filter(round=self.round, kpi=self.kpi("1.1")).exists())

    def test_a_round_with_an_na_result_can_be_submitted_and_scores_it_1(self) -> None:
        f.enter_results(self.round)
        result = Result.objects.get(round=self.round, kpi=self.kpi("2.1"))
        result.value, result.not_available, result.narrative_reasons = None, True, "ยังไม่มีข้อมูล"
        result.save()
        workflow.perform(self.round, "submit", self.staff)
        self.assertEqual(self.round.status, RoundStatus.SUBMITTED)
        card = round_card(self.round)
        self.assertEqual(card.score.kpi("2.1").score, 1)
        self.assertIsNone(next(k for a in card.data["areas"] for k in a["kpis"] if k["code"] == "2.1")["result"])

    def test_an_empty_result_without_na_still_blocks_submission(self) -> None:
        f.enter_results(self.round)
        Result.objects.filter(round=self.round, kpi=self.kpi("2.1")).update(value=None)
        with self.assertRaises(workflow.StepRefused):
            workflow.perform(self.round, "submit", self.staff)
