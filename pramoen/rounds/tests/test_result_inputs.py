"""A ratio KPI's two formula numbers, and how each governance criterion's level was reached."""

from __future__ import annotations

from decimal import Decimal

from pramoen.rounds.models import CriterionResult, Result

from .base import RoundTestCase


class ResultInputsTestCase(RoundTestCase):
    def setUp(self) -> None:
        super().setUp()
        kpi = self.kpi("1.1")
        kpi.numerator, kpi.denominator = "เงินต้นที่ได้รับชำระ (บาท)", "หนี้ค้างชำระยกมา (บาท)"
        kpi.save()
        self.login(self.staff)

    def post(self, code: str, data: dict[str, str]):
        prefix = f"kpi{self.kpi(code).pk}-"
        return self.client.post(f"/rounds/{self.round.pk}/kpi/{self.kpi(code).pk}/edit/",
                                {prefix + k: v for k, v in data.items()})

    def test_it_asks_for_the_numbers_the_agreement_describes(self) -> None:
        r = self.client.get(f"/rounds/{self.round.pk}/kpi/{self.kpi('1.1').pk}/edit/")
        self.assertContains(r, "เงินต้นที่ได้รับชำระ (บาท)")
        self.assertContains(r, f'name="kpi{self.kpi("1.1").pk}-denominator_value"')
        r = self.client.get(f"/rounds/{self.round.pk}/kpi/{self.kpi('2.1').pk}/edit/")
        self.assertNotContains(r, "denominator_value")

    def test_it_saves_numbers_that_give_the_result(self) -> None:
        self.post("1.1", {"value": "6.9", "numerator_value": "61,789,457.75", "denominator_value": "๘๙๖,๐๖๓,๙๗๖.๑๐"})
        result = Result.objects.get(round=self.round, kpi=self.kpi("1.1"))
        self.assertEqual((result.numerator_value, result.denominator_value),
                         (Decimal("61789457.75"), Decimal("896063976.1")))

    def test_it_refuses_numbers_that_disagree_with_the_result(self) -> None:
        r = self.post("1.1", {"value": "7.5", "numerator_value": "61789457.75", "denominator_value": "896063976.10"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "6.9", status_code=400)  # what the numbers give
        self.assertFalse(Result.objects.filter(round=self.round, kpi=self.kpi("1.1")).exists())

    def test_it_wants_both_numbers_and_no_zero_denominator(self) -> None:
        r = self.post("1.1", {"value": "80", "numerator_value": "80"})
        self.assertEqual(r.status_code, 400)
        r = self.post("1.1", {"value": "80", "numerator_value": "80", "denominator_value": "0"})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Result.objects.filter(round=self.round, kpi=self.kpi("1.1")).exists())

    def test_it_saves_how_each_criterion_level_was_reached(self) -> None:
        kpi = self.kpi("4.1")
        first, second = kpi.criteria.order_by("order")
        self.post("4.1", {f"criterion_{first.pk}": "4", f"explanation_{first.pk}": "มีรายงานทุกเดือน",
                          f"criterion_{second.pk}": "3"})
        levels = {cr.criterion_id: (cr.level, cr.explanation) for cr in CriterionResult.objects.all()}
        self.assertEqual(levels, {first.pk: (Decimal(4), "มีรายงานทุกเดือน"), second.pk: (Decimal(3), "")})


class ResultPlacesTestCase(RoundTestCase):
    """A result keeps the places it was reported with: the report prints ร้อยละ ๖.๙๐, not ๖.๙."""

    def test_a_result_typed_with_trailing_zeros_keeps_them(self) -> None:
        self.login(self.staff)
        kpi = self.kpi("1.1")
        self.client.post(f"/rounds/{self.round.pk}/kpi/{kpi.pk}/edit/", {f"kpi{kpi.pk}-value": "๘๕.๕๐"})
        result = Result.objects.get(round=self.round, kpi=kpi)
        self.assertEqual(str(result.value), "85.50")
        page = self.client.get(f"/rounds/{self.round.pk}/kpi/{kpi.pk}/edit/")
        self.assertContains(page, 'value="85.50"')
        from pramoen.rounds.services import round_card

        data = round_card(self.round, details=True).data
        exported = next(k for a in data["areas"] for k in a["kpis"] if k["code"] == "1.1")
        self.assertEqual(exported["result"], "85.50")
