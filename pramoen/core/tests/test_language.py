from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import TestCase


class LanguageSwitchTestCase(TestCase):
    def setUp(self) -> None:
        self.alice = User.objects.create_user("alice")
        self.client.force_login(self.alice)

    def test_it_shows_thai_by_default(self) -> None:
        r = self.client.get("/funds/")
        self.assertContains(r, '<html lang="th">')
        self.assertContains(r, "<h1>ทุนหมุนเวียน</h1>", html=True)
        self.assertContains(r, "ทุกประเภท")

    def test_it_offers_both_languages(self) -> None:
        r = self.client.get("/funds/")
        self.assertContains(r, 'action="/i18n/setlang/"')
        self.assertContains(r, 'name="language" value="th"')
        self.assertContains(r, 'name="language" value="en"')
        self.assertContains(r, 'name="next" value="/funds/"')

    def test_it_switches_to_english_and_back(self) -> None:
        r = self.client.post("/i18n/setlang/", {"language": "en", "next": "/funds/"})
        self.assertRedirects(r, "/funds/")
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")

        r = self.client.get("/funds/")
        self.assertContains(r, '<html lang="en">')
        self.assertContains(r, "<h1>Revolving funds</h1>", html=True)
        self.assertContains(r, "All types")
        self.assertNotContains(r, "ทุกประเภท")

        self.client.post("/i18n/setlang/", {"language": "th", "next": "/funds/"})
        r = self.client.get("/funds/")
        self.assertContains(r, "ทุกประเภท")

    def test_it_switches_the_login_page_too(self) -> None:
        self.client.logout()
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
        r = self.client.get("/accounts/login/")
        self.assertContains(r, "Log in")
        self.assertNotContains(r, "เข้าสู่ระบบ")


class ThaiFirstTestCase(TestCase):
    """The browser's Accept-Language does not decide; only the switch does."""

    def setUp(self) -> None:
        self.client.force_login(User.objects.create_user("bob"))

    def test_an_english_browser_still_gets_thai(self) -> None:
        r = self.client.get("/funds/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(r, '<html lang="th">')
        self.assertContains(r, "ทุกประเภท")
        self.assertEqual(r.headers["Content-Language"], "th")
        self.assertIn("Cookie", r.headers["Vary"])

    def test_the_switch_wins_over_the_browser(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        r = self.client.get("/funds/", HTTP_ACCEPT_LANGUAGE="th")
        self.assertContains(r, '<html lang="en">')
        self.assertEqual(r.headers["Content-Language"], "en")

    def test_an_unknown_language_cookie_falls_back_to_thai(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        r = self.client.get("/funds/")
        self.assertContains(r, '<html lang="th">')

    def test_the_admin_is_thai_for_an_english_browser(self) -> None:
        admin = User.objects.create_superuser("carol", password="x")
        self.client.force_login(admin)
        r = self.client.get("/admin/funds/fund/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(r, "ทุนหมุนเวียน")
        self.assertContains(r, '<html lang="th"')
