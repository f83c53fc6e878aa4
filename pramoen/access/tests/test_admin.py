from __future__ import annotations

from django.test import TestCase

from pramoen.access.models import Membership, Role
from pramoen.testing import factories


class UserAdminTestCase(TestCase):
    def setUp(self) -> None:
        self.admin = factories.make_user(superuser=True)
        self.fund = factories.make_fund("5-90")
        self.staff = factories.make_user(Role.FUND_STAFF, fund=self.fund, username="somchai")
        self.client.force_login(self.admin)

    def test_the_user_page_shows_the_roles_inline(self) -> None:
        r = self.client.get(f"/admin/auth/user/{self.staff.pk}/change/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'name="memberships-0-role"')
        self.assertContains(r, 'value="fund_staff" selected')

    def test_an_administrator_grants_a_role_on_the_user_page(self) -> None:
        page = self.client.get(f"/admin/auth/user/{self.staff.pk}/change/")
        data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None and k != "password"}
        data.update({
            "username": "somchai", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
            "memberships-TOTAL_FORMS": "2", "memberships-INITIAL_FORMS": "1", "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-id": str(Membership.objects.get(user=self.staff).pk), "memberships-0-user": str(self.staff.pk),
            "memberships-0-role": "fund_staff", "memberships-0-fund": str(self.fund.pk),
            "memberships-1-user": str(self.staff.pk), "memberships-1-role": "committee",
        })
        data.pop("groups", None)
        data.pop("user_permissions", None)
        data.pop("last_login", None)
        r = self.client.post(f"/admin/auth/user/{self.staff.pk}/change/", data)
        self.assertEqual(r.status_code, 302, getattr(r, "context", None) and r.context.get("errors"))
        self.assertEqual(sorted(Membership.objects.filter(user=self.staff).values_list("role", flat=True)),
                         ["committee", "fund_staff"])

    def test_the_user_list_shows_roles_in_a_fixed_number_of_queries(self) -> None:
        for n in range(5):
            factories.make_user(Role.CONSULTANT, fund=factories.make_fund())
        r = self.client.get("/admin/auth/user/")
        self.assertContains(r, "5-90")
        with self.assertNumQueries(8):
            self.client.get("/admin/auth/user/")
        for n in range(5):
            factories.make_user(Role.CONSULTANT, fund=factories.make_fund())
        with self.assertNumQueries(8):
            self.client.get("/admin/auth/user/")
