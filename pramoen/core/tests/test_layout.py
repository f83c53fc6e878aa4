from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.test import RequestFactory, TestCase


class LayoutTestCase(TestCase):
    def test_it_ships_its_stylesheet(self) -> None:
        path = finders.find("core/pramoen.css")
        assert isinstance(path, str), "core/pramoen.css not found"
        with open(path, encoding="utf-8") as f:
            css = f.read()
        self.assertIn('"Sarabun"', css)
        # No web fonts or CDNs: the product must work on a closed network.
        self.assertNotIn("http", css)
        self.assertNotIn("@import", css)

    def test_it_links_the_stylesheet_and_product_name(self) -> None:
        r = self.client.get("/accounts/login/")
        self.assertContains(r, 'href="/static/core/pramoen.css"')
        self.assertContains(r, "ประเมิน · Pramoen")

    def test_it_hides_the_menu_and_logout_from_anonymous_users(self) -> None:
        r = self.client.get("/accounts/login/")
        self.assertNotContains(r, 'action="/accounts/logout/"')
        self.assertNotContains(r, 'href="/admin/"')

    def test_it_links_the_admin_for_staff_only(self) -> None:
        self.client.force_login(User.objects.create_user("bob"))
        self.assertNotContains(self.client.get("/funds/"), 'href="/admin/"')
        self.client.force_login(User.objects.create_user("carol", is_staff=True))
        self.assertContains(self.client.get("/funds/"), 'href="/admin/"')

    def test_it_shows_messages(self) -> None:
        request = RequestFactory().get("/")
        request.user = User.objects.create_user("dave")
        request.session = self.client.session
        request._messages = FallbackStorage(request)  # type: ignore[attr-defined]  # as MessageMiddleware does
        messages.success(request, "บันทึกแล้ว")
        html = render(request, "base.html").content.decode()
        self.assertIn('<li class="message message--success">บันทึกแล้ว</li>', html)

    def test_it_shows_a_thai_404_page(self) -> None:
        self.client.force_login(User.objects.create_user("erin"))
        r = self.client.get("/no-such-page/")
        self.assertEqual(r.status_code, 404)
        self.assertContains(r, "ไม่พบหน้าที่ต้องการ", status_code=404)
