from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.test import TestCase
from django.utils import translation
from simple_history.utils import update_change_reason

from pramoen.access.models import Membership, Role
from pramoen.agreements.models import Agreement, Status
from pramoen.core.history import ChangeRow, changes
from pramoen.frameworks.models import Framework, FrameworkArea
from pramoen.testing import factories


class ChangesTestCase(TestCase):
    def setUp(self) -> None:
        translation.activate("en")
        self.addCleanup(translation.deactivate)
        self.framework = factories.make_framework(2568)
        self.area = self.framework.areas.get(code="1")

    def test_a_creation_is_one_row(self) -> None:
        rows = changes([FrameworkArea.history.filter(id=self.area.pk)])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0].action, "created")
        self.assertEqual(rows[0].object_label, "1 การเงิน")
        self.assertEqual((rows[0].field_label, rows[0].before, rows[0].after), ("", "", ""))

    def test_it_shows_each_changed_field_with_its_verbose_name(self) -> None:
        self.area.default_weight = Decimal("25.50")
        self.area.counts_toward_limit = False
        self.area.save()
        rows = changes([FrameworkArea.history.filter(id=self.area.pk)])
        self.assertEqual([r.action for r in rows], ["changed", "changed", "created"])
        # In the model's field order, Decimal as plain text, booleans as words.
        self.assertEqual(rows[0].field_label, "default weight")
        self.assertEqual((rows[0].before, rows[0].after), ("20", "25.5"))
        self.assertEqual(rows[1].field_label, "counts toward the KPI limit")
        self.assertEqual((rows[1].before, rows[1].after), ("yes", "no"))

    def test_it_lists_newest_first_across_querysets(self) -> None:
        self.framework.name = "กรอบใหม่"
        self.framework.save()
        self.area.name_th = "การเงินใหม่"
        self.area.save()
        rows = changes([Framework.history.all(), FrameworkArea.history.filter(id=self.area.pk)])
        self.assertEqual(rows[0].after, "การเงินใหม่")
        self.assertEqual(rows[1].after, "กรอบใหม่")
        self.assertEqual(rows, sorted(rows, key=lambda r: r.when, reverse=True))

    def test_it_shows_choices_and_foreign_keys_as_labels(self) -> None:
        fund = factories.make_fund("5-90")
        other = factories.make_fund("5-91")
        user = factories.make_user(Role.FUND_STAFF, fund=fund)
        membership = Membership.objects.get(user=user)
        membership.role = Role.CONSULTANT
        membership.fund = other
        membership.save()
        rows = changes([Membership.history.filter(id=membership.pk)])
        by_field = {r.field_label: r for r in rows if r.action == "changed"}
        self.assertEqual((by_field["role"].before, by_field["role"].after), ("Fund staff", "Consultant"))
        self.assertEqual((by_field["fund"].before, by_field["fund"].after), (str(fund), str(other)))

    def test_it_shows_dates_in_the_buddhist_era_and_skips_bookkeeping_fields(self) -> None:
        agreement = factories.make_agreement(content=False)
        agreement.term_start = date(2024, 10, 1)
        agreement.save()
        with translation.override("th"):
            rows = changes([Agreement.history.filter(id=agreement.pk)])
            term_starts = str(Agreement._meta.get_field("term_start").verbose_name)
        changed = [r for r in rows if r.action == "changed"]
        self.assertEqual([r.field_label for r in changed], [term_starts])  # not "updated"
        self.assertEqual((changed[0].before, changed[0].after), ("", "1 ต.ค. 2567"))

    def test_it_records_the_user_and_the_reason(self) -> None:
        user = factories.make_user(first_name="สมศรี", last_name="ใจดี")
        self.area.name_th = "การเงินและงบประมาณ"
        self.area._history_user = user
        self.area.save()
        update_change_reason(self.area, "Committee resolution 3/2567")
        row = changes([FrameworkArea.history.filter(id=self.area.pk)])[0]
        self.assertEqual(row.user, "สมศรี ใจดี")
        self.assertEqual(row.reason, "Committee resolution 3/2567")

    def test_a_deletion_is_one_row(self) -> None:
        pk = self.area.pk
        self.area.delete()
        rows = changes([FrameworkArea.history.filter(id=pk)])
        self.assertEqual([r.action for r in rows], ["deleted", "created"])

    def test_a_save_without_changes_or_reason_shows_nothing(self) -> None:
        self.area.save()
        self.assertEqual(len(changes([FrameworkArea.history.filter(id=self.area.pk)])), 1)

    def test_a_status_change_shows_the_choice_label_and_the_step(self) -> None:
        agreement = factories.make_agreement()
        factories.advance(agreement, Status.PPP_SUBMITTED)
        rows = [r for r in changes([Agreement.history.filter(id=agreement.pk)]) if r.field_label == "status"]
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0].before, str(Status.PPP_DRAFTING.label))
        self.assertEqual(rows[0].after, str(Status.PPP_SUBMITTED.label))

    def test_it_finds_the_previous_version_outside_the_queryset(self) -> None:
        self.area.name_th = "หนึ่ง"
        self.area.save()
        latest = FrameworkArea.history.filter(id=self.area.pk).latest()
        rows = changes([FrameworkArea.history.filter(history_id=latest.history_id)])
        self.assertEqual([(r.before, r.after) for r in rows], [("การเงิน", "หนึ่ง")])

    def test_it_makes_a_fixed_number_of_queries(self) -> None:
        for n in range(5):
            for area in self.framework.areas.all():
                area.default_weight = area.default_weight + 1
                area.counts_toward_limit = not area.counts_toward_limit
                area.framework = self.framework
                area._history_user = factories.make_user() if n == 0 else None
                area.save()
        qs = FrameworkArea.history.filter(framework_id=self.framework.pk)
        # One for the records with their users; the labels come from the records themselves.
        with self.assertNumQueries(1):
            rows = changes([qs], labels=lambda area: area.code)
        self.assertEqual(len(rows), 4 + 4 * 5 * 2)

    def test_an_object_is_named_as_it_is_now(self) -> None:
        self.area.code = "9"
        self.area.save()
        rows = changes([FrameworkArea.history.filter(id=self.area.pk)], labels=lambda a: f"Area {a.code}")
        self.assertEqual({r.object_label for r in rows}, {"Area 9"})

    def test_labels_are_used_for_the_object(self) -> None:
        rows = changes([FrameworkArea.history.filter(id=self.area.pk)], labels=lambda a: f"Area {a.code}")
        self.assertEqual(rows[0].object_label, "Area 1")


class HistoryTableTestCase(TestCase):
    def test_it_renders_rows(self) -> None:
        from datetime import datetime, timezone

        row = ChangeRow(
            when=datetime(2024, 10, 1, 3, 30, tzinfo=timezone.utc), user="สมศรี", object_label="KPI 1.1",
            action="changed", field_label="weight", before="20", after="25", reason="submit",
        )
        with translation.override("th"):
            html = render_to_string("core/_history_table.html", {"changes": [row]})
        self.assertIn("1 ต.ค. 2567 10:30", html)  # Bangkok time, Buddhist era
        self.assertIn("<del>20</del> → <ins>25</ins>", html)
        self.assertIn("KPI 1.1", html)
        self.assertIn("submit", html)

    def test_an_empty_value_is_said_not_struck_through(self) -> None:
        from datetime import datetime, timezone

        row = ChangeRow(
            when=datetime(2024, 10, 1, 3, 30, tzinfo=timezone.utc), user="สมศรี", object_label="KPI 1.1",
            action="changed", field_label="definition", before="", after="นิยาม", reason="",
        )
        with translation.override("en"):
            html = render_to_string("core/_history_table.html", {"changes": [row]})
        self.assertIn('<span class="muted">(empty)</span>', html)
        self.assertNotIn("<del>", html)

    def test_it_says_when_there_is_nothing(self) -> None:
        with translation.override("en"):
            html = render_to_string("core/_history_table.html", {"changes": []})
        self.assertIn("No changes have been recorded yet.", html)
