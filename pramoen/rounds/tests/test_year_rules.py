"""The late penalty of the framework's year: the page uses it, and the exported file carries it to the CLI."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from pramoen.agreements.models import Agreement
from pramoen.cli import score as score_cli
from pramoen.frameworks.models import Framework
from pramoen.rounds.export import scorecard_json
from pramoen.rounds.models import Round
from pramoen.rounds.services import round_card

from .base import RoundTestCase


class YearRulesTestCase(RoundTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Framework.objects.filter(pk=cls.agreement.framework_id).update(
            late_penalty_per_day=Decimal("0.1"), late_penalty_cap=Decimal("2"))
        Agreement.objects.filter(pk=cls.agreement.pk).update(late_signature_days=5)
        Round.objects.filter(agreement=cls.agreement, number=4).update(late_days=7)

    @property
    def round4(self) -> Round:
        return Round.objects.select_related("agreement__framework", "agreement__fund").get(
            agreement=self.agreement, number=4)

    def cli(self, text: str) -> dict:
        path = self.enterContext(__import__("tempfile").TemporaryDirectory())
        file = f"{path}/card.json"
        with open(file, "w", encoding="utf-8") as handle:
            handle.write(text)
        out = io.StringIO()
        self.assertEqual(score_cli.main([file, "--json"], stdout=out, stderr=io.StringIO()), 0)
        return json.loads(out.getvalue())

    def test_the_year_end_penalty_follows_the_frameworks_rate_and_cap(self) -> None:
        from pramoen.testing import factories as f

        round4 = self.round4
        f.enter_results(round4)
        card = round_card(round4)
        self.assertEqual(card.score.penalty, Decimal("1.2"))  # 12 days × 0.1, under the cap of 2

    def test_the_exported_file_scores_like_the_page_with_the_years_rules(self) -> None:
        from pramoen.testing import factories as f

        round4 = self.round4
        f.enter_results(round4)
        card = round_card(round4)
        scored = self.cli(scorecard_json(card))
        self.assertEqual(Decimal(str(scored["penalty"])), Decimal("1.2"))
        self.assertEqual(Decimal(str(scored["total"])), round(card.score.total, 4))

    def test_a_file_of_a_year_with_the_manuals_rules_does_not_name_them(self) -> None:
        Framework.objects.filter(pk=self.agreement.framework_id).update(
            late_penalty_per_day=Decimal("0.05"), late_penalty_cap=Decimal("1"))
        data = round_card(self.round4).data
        self.assertNotIn("late_penalty_per_day", data)
        self.assertNotIn("late_penalty_cap", data)
