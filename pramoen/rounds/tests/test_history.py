from __future__ import annotations

import shutil
import tempfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from pramoen.access.models import Role
from pramoen.rounds import workflow
from pramoen.testing import factories as f

from .base import RoundTestCase


class HistoryTestCase(RoundTestCase):
    def url(self) -> str:
        return f"/rounds/{self.round.pk}/history/"

    def test_every_role_of_the_fund_may_view_it_and_others_get_404(self) -> None:
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 200)
        for user in (self.stranger, self.nobody):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_it_shows_who_changed_a_result_from_what_to_what(self) -> None:
        kpi = self.kpi("1.1")
        self.login(self.staff)
        url = f"/rounds/{self.round.pk}/kpi/{kpi.pk}/edit/"
        self.client.post(url, {f"kpi{kpi.pk}-value": "75"})
        self.client.post(url, {f"kpi{kpi.pk}-value": "๘๘"})
        r = self.client.get(self.url())
        rows = r.context["changes"]
        changed = [row for row in rows if row.action == "changed" and row.object_label == "Result 1.1"]
        self.assertEqual([(row.before, row.after) for row in changed], [("75", "88")])
        self.assertEqual(changed[0].user, self.staff.get_username())
        self.assertContains(r, "<del>75</del> → <ins>88</ins>", html=False)

    def test_it_records_criterion_levels_evidence_and_the_reopen_reason(self) -> None:
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        kpi = self.kpi("4.1")
        first = kpi.criteria.order_by("order").first()
        self.login(self.staff)
        with override_settings(MEDIA_ROOT=media):
            self.client.post(f"/rounds/{self.round.pk}/kpi/{kpi.pk}/edit/", {f"kpi{kpi.pk}-criterion_{first.pk}": "4"})
            self.client.post(f"/rounds/{self.round.pk}/kpi/{kpi.pk}/evidence/",
                             {f"ev{kpi.pk}-file": SimpleUploadedFile("มติ.pdf", b"%PDF-1.4\n%%EOF\n")})
        f.enter_results(self.round)
        workflow.perform(self.round, "submit", self.staff)
        workflow.perform(self.round, "approve", self.users[Role.COMMITTEE])
        self.client.force_login(self.users[Role.CGD_OFFICER])
        self.client.post(f"/rounds/{self.round.pk}/steps/reopen/", {"reopen-comment": "ผลไม่ตรงกับงบการเงิน"})
        r = self.client.get(self.url())
        labels = {row.object_label for row in r.context["changes"]}
        self.assertIn(f"4.1 · {first.name_th}", labels)
        self.assertIn("Evidence 4.1: มติ.pdf", labels)
        self.assertIn("Round 1", labels)
        reasons = {row.reason for row in r.context["changes"]}
        self.assertTrue({"submit", "approve", "reopen"} <= reasons)
        self.assertContains(r, "ผลไม่ตรงกับงบการเงิน")  # the timeline keeps the comment

    def test_its_query_count_does_not_grow_with_the_number_of_changes(self) -> None:
        f.enter_results(self.round)
        self.login(self.staff)
        self.client.get(self.url())
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url())
        f.enter_results(self.round, {"1.1": 90, "2.1": 91, "3.1.1": 92, "4.1": 4})
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.url())
        self.assertEqual(len(many), len(few))
