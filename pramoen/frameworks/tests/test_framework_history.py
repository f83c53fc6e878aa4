from __future__ import annotations

from .base import FrameworkTestCase

AREA_1_EDIT = {"code": "1", "name_th": "การเงิน", "name_en": "", "default_weight": "20", "min_weight": "5",
               "max_weight": "30", "counts_toward_limit": "on", "order": "0"}


class FrameworkHistoryTestCase(FrameworkTestCase):
    def test_it_shows_who_changed_what(self) -> None:
        area = self.framework.areas.get(code="1")
        self.client.force_login(self.officer)
        self.client.post(self.url("area_edit", area.pk), AREA_1_EDIT)
        self.client.post(self.url("standard_kpi_delete", self.kpi.pk))
        self.client.force_login(self.staff)  # any reader may see the history
        r = self.client.get(self.url("history"))
        self.assertEqual(r.status_code, 200)
        rows = r.context["changes"]
        self.assertEqual(rows[0].action, "deleted")
        self.assertEqual(rows[0].object_label, "Standard KPI 4.1")
        band = next(row for row in rows if row.field_label == "lowest weight")
        self.assertEqual((band.before, band.after, band.user), ("10", "5", self.officer.username))
        self.assertEqual(band.object_label, "Area 1 การเงิน")
        # Criteria of the deleted KPI still show, named by their KPI.
        self.assertTrue(any(row.object_label == "KPI 4.1: criterion “ยุทธศาสตร์”" and row.action == "deleted" for row in rows))
        self.assertContains(r, "<del>10</del> → <ins>5</ins>", html=True)

    def test_it_uses_a_constant_number_of_queries(self) -> None:
        self.client.force_login(self.officer)
        for n in range(5):
            area = self.framework.areas.get(code="1")
            self.client.post(self.url("area_edit", area.pk), {**AREA_1_EDIT, "min_weight": str(n)})
        # session, user, framework, KPI codes, one per history table (4), the user's roles (menu)
        with self.assertNumQueries(9):
            self.client.get(self.url("history"))
