"""Rounds created when an agreement comes into force, and the round as a scorecard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import TestCase

from pramoen.rounds import services
from pramoen.rounds.models import Round
from pramoen.testing import factories as f


class CreateRoundsTestCase(TestCase):
    def test_an_agreement_coming_into_force_gets_four_rounds_cumulative_from_1_october(self) -> None:
        agreement = f.agreement_in_force(f.make_fund(fiscal_year_start=10), fiscal_year=2568)
        rounds = list(Round.objects.filter(agreement=agreement).order_by("number"))
        self.assertEqual([r.number for r in rounds], [1, 2, 3, 4])
        self.assertEqual({r.period_start for r in rounds}, {date(2024, 10, 1)})
        self.assertEqual([r.period_end for r in rounds],
                         [date(2024, 12, 31), date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30)])
        # due = quarter end + the framework's 30 days
        self.assertEqual([r.due_on for r in rounds],
                         [date(2025, 1, 30), date(2025, 4, 30), date(2025, 7, 30), date(2025, 10, 30)])

    def test_a_calendar_year_fund_counts_from_1_january_and_uses_the_frameworks_days(self) -> None:
        framework = f.make_framework(2568)
        framework.round_report_days = 45
        framework.save()
        agreement = f.agreement_in_force(f.make_fund(fiscal_year_start=1), fiscal_year=2568)
        rounds = list(Round.objects.filter(agreement=agreement).order_by("number"))
        self.assertEqual({r.period_start for r in rounds}, {date(2025, 1, 1)})
        self.assertEqual(rounds[0].period_end, date(2025, 3, 31))
        self.assertEqual(rounds[0].due_on, date(2025, 5, 15))
        self.assertEqual(rounds[3].period_end, date(2025, 12, 31))

    def test_creating_rounds_again_changes_nothing(self) -> None:
        agreement = f.agreement_in_force()
        first = list(Round.objects.filter(agreement=agreement).values_list("pk", flat=True))
        services.create_rounds(agreement)
        self.assertEqual(list(Round.objects.filter(agreement=agreement).values_list("pk", flat=True)), first)


class RoundCardTestCase(TestCase):
    def test_only_the_year_end_round_is_penalised_for_lateness(self) -> None:
        agreement = f.agreement_in_force()
        agreement.late_signature_days = 4
        agreement.save()
        Round.objects.filter(agreement=agreement).update(late_days=6)
        for round_ in Round.objects.filter(agreement=agreement):
            f.enter_results(round_)
        cards = {r.number: services.round_card(r) for r in Round.objects.filter(agreement=agreement)}
        self.assertEqual([cards[n].score.penalty for n in (1, 2, 3)], [0, 0, 0])
        self.assertEqual(cards[4].data["late_days"], 10)
        self.assertEqual(cards[4].score.penalty, Decimal("0.5"))

    def test_the_previous_round_gives_the_change(self) -> None:
        agreement = f.agreement_in_force()
        round1, round2 = Round.objects.filter(agreement=agreement, number__in=(1, 2)).order_by("number")
        f.enter_results(round1, {"1.1": 80})
        f.enter_results(round2, {"1.1": 100})
        card = services.round_card(round2)
        self.assertEqual(card.previous_total, services.round_card(round1).score.total)
        self.assertGreater(card.score.total, card.previous_total)
        self.assertIsNone(services.round_card(round1).score.change_percent)
