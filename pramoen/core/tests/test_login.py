from __future__ import annotations

from django.contrib.auth.models import User
from django.test import TestCase


class LoginTestCase(TestCase):
    def setUp(self) -> None:
        self.alice = User.objects.create_user("alice", password="correct horse battery")

    def test_it_shows_the_login_form_in_thai(self) -> None:
        r = self.client.get("/accounts/login/")
        self.assertContains(r, "เข้าสู่ระบบ")
        self.assertContains(r, 'name="username"')
        self.assertContains(r, 'name="password"')
        self.assertContains(r, '<html lang="th">')

    def test_it_logs_in_and_goes_to_the_fund_list(self) -> None:
        r = self.client.post("/accounts/login/", {"username": "alice", "password": "correct horse battery"})
        self.assertRedirects(r, "/funds/")
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.alice.pk)

    def test_it_follows_next_after_login(self) -> None:
        r = self.client.post(
            "/accounts/login/",
            {"username": "alice", "password": "correct horse battery", "next": "/funds/?type=3"},
        )
        self.assertRedirects(r, "/funds/?type=3")

    def test_it_rejects_a_wrong_password(self) -> None:
        r = self.client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_logs_out_with_post(self) -> None:
        self.client.force_login(self.alice)
        r = self.client.post("/accounts/logout/")
        self.assertRedirects(r, "/accounts/login/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_shows_the_user_and_a_logout_form_when_logged_in(self) -> None:
        self.client.force_login(self.alice)
        r = self.client.get("/funds/")
        self.assertContains(r, "alice")
        self.assertContains(r, '<form class="logout" action="/accounts/logout/" method="post">', html=False)
        self.assertContains(r, "ออกจากระบบ")

    def test_it_sends_the_root_to_the_fund_list(self) -> None:
        r = self.client.get("/")
        self.assertRedirects(r, "/funds/", fetch_redirect_response=False)
