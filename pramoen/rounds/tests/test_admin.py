from __future__ import annotations

from django.test import TestCase

from pramoen.rounds.models import Result, Round
from pramoen.testing import factories as f


class RoundAdminTestCase(TestCase):
    def test_the_admin_lists_and_shows_rounds_results_and_evidence_with_history(self) -> None:
        agreement = f.agreement_in_force()
        round_ = Round.objects.get(agreement=agreement, number=1)
        f.enter_results(round_)
        result = Result.objects.filter(round=round_).first()
        self.client.force_login(f.make_user(superuser=True))
        for url in [
            "/admin/rounds/round/",
            f"/admin/rounds/round/{round_.pk}/change/",
            f"/admin/rounds/round/{round_.pk}/history/",
            "/admin/rounds/result/",
            f"/admin/rounds/result/{result.pk}/change/",
            f"/admin/rounds/result/{result.pk}/history/",
            "/admin/rounds/evidence/",
        ]:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_rounds_are_not_added_by_hand(self) -> None:
        self.client.force_login(f.make_user(superuser=True))
        self.assertEqual(self.client.get("/admin/rounds/round/add/").status_code, 403)
