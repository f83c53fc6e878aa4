from __future__ import annotations

from datetime import date
from unittest import mock

from django.contrib.auth.models import Permission, User
from django.test import TestCase

from pramoen.funds.models import FiscalYearStart, Fund, FundType, OwnerAgency
from pramoen.testing import factories


@mock.patch("django.utils.timezone.localdate", return_value=date(2024, 3, 15))
class FundDetailTestCase(TestCase):
    def setUp(self) -> None:
        agency = OwnerAgency.objects.create(
            name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", ministry_th="กระทรวงเกษตรและสหกรณ์"
        )
        self.fund = Fund.objects.create(
            code="1-06",
            name_th="กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน",
            name_en="Revolving Fund for Lending to Farmers and the Poor",
            fund_type=FundType.LENDING,
            registry_no=6,
            owner_agency=agency,
        )
        self.alice = User.objects.create_user("alice")
        self.client.force_login(self.alice)

    def test_it_requires_login(self, _today: mock.Mock) -> None:
        self.client.logout()
        r = self.client.get("/funds/1-06/")
        self.assertRedirects(r, "/accounts/login/?next=/funds/1-06/")

    def test_it_shows_the_fund(self, _today: mock.Mock) -> None:
        r = self.client.get("/funds/1-06/")
        self.assertContains(r, "<h1>กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน</h1>", html=True)
        self.assertContains(r, "Revolving Fund for Lending to Farmers and the Poor")
        self.assertContains(r, "<dd>1-06</dd>", html=True)
        self.assertContains(r, "ประเภทที่ 1: เพื่อการกู้ยืม")
        self.assertContains(r, "<dd>6</dd>", html=True)
        self.assertContains(r, "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        self.assertContains(r, "กระทรวงเกษตรและสหกรณ์")
        self.assertContains(r, "1 ตุลาคม (ปีงบประมาณ)")
        self.assertContains(r, "<dd>ใช้งาน</dd>", html=True)

    def test_it_shows_the_current_fiscal_year_in_buddhist_era(self, _today: mock.Mock) -> None:
        r = self.client.get("/funds/1-06/")
        self.assertContains(r, "พ.ศ. 2567 (1 ต.ค. 2566 – 30 ก.ย. 2567)")

    def test_it_shows_a_calendar_fiscal_year(self, _today: mock.Mock) -> None:
        self.fund.fiscal_year_start = FiscalYearStart.JANUARY
        self.fund.save()
        r = self.client.get("/funds/1-06/")
        self.assertContains(r, "1 มกราคม (ปีปฏิทิน)")
        self.assertContains(r, "พ.ศ. 2567 (1 ม.ค. 2567 – 31 ธ.ค. 2567)")

    def test_it_shows_the_fiscal_year_in_english(self, _today: mock.Mock) -> None:
        self.client.post("/i18n/setlang/", {"language": "en", "next": "/funds/1-06/"})
        r = self.client.get("/funds/1-06/")
        self.assertContains(r, "B.E. 2567 (1 Oct 2023 – 30 Sep 2024)")
        self.assertContains(r, "Type 1: Lending")

    def test_it_says_when_the_owner_agency_is_not_recorded(self, _today: mock.Mock) -> None:
        Fund.objects.filter(pk=self.fund.pk).update(owner_agency=None, is_active=False)
        r = self.client.get("/funds/1-06/")
        self.assertContains(r, "ยังไม่ได้บันทึก")
        self.assertContains(r, "<dd>ไม่ใช้งาน</dd>", html=True)

    def test_it_links_to_the_admin_for_users_who_may_edit(self, _today: mock.Mock) -> None:
        edit_link = f'href="/admin/funds/fund/{self.fund.pk}/change/"'
        self.assertNotContains(self.client.get("/funds/1-06/"), edit_link)
        self.alice.user_permissions.add(Permission.objects.get(codename="change_fund"))
        self.assertContains(self.client.get("/funds/1-06/"), edit_link)

    def test_it_returns_404_for_an_unknown_code(self, _today: mock.Mock) -> None:
        r = self.client.get("/funds/9-99/")
        self.assertEqual(r.status_code, 404)



class RegistryMethodsTestCase(TestCase):
    def test_the_registry_pages_only_answer_get(self) -> None:
        fund = factories.make_fund()
        self.client.force_login(factories.make_user())
        self.assertEqual(self.client.post("/funds/").status_code, 405)
        self.assertEqual(self.client.post(f"/funds/{fund.code}/").status_code, 405)
