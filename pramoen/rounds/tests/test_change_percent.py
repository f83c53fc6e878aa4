"""The change against the previous round compares two reported rounds, never an empty draft."""

from __future__ import annotations

from django.test import TestCase

from pramoen.agreements.models import Kpi
from pramoen.rounds import services
from pramoen.rounds.models import Result, Round
from pramoen.testing import factories as f


class ChangePercentTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.agreement = f.agreement_in_force()
        cls.round1 = Round.objects.get(agreement=cls.agreement, number=1)
        cls.round2 = Round.objects.get(agreement=cls.agreement, number=2)
        f.enter_results(cls.round2)

    def test_a_previous_round_without_results_gives_no_change(self) -> None:
        # Every KPI of an empty round scores 1: comparing with it would show about +200 %.
        card = services.round_card(self.round2)
        self.assertIsNone(card.previous_total)
        self.assertIsNone(card.score.change_percent)
        self.assertNotIn("previous_total", card.data)

    def test_a_previous_round_missing_one_result_gives_no_change(self) -> None:
        f.enter_results(self.round1)
        Result.objects.filter(round=self.round1, kpi=Kpi.objects.get(agreement=self.agreement, code="2.1")).delete()
        self.assertIsNone(services.round_card(self.round2).previous_total)

    def test_a_complete_previous_round_gives_the_change(self) -> None:
        f.enter_results(self.round1, {"1.1": 70})
        card = services.round_card(self.round2)
        self.assertEqual(card.previous_total, services.round_card(self.round1).score.total)
        self.assertIsNotNone(card.score.change_percent)
