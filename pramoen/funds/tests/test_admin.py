from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase

from pramoen.funds.models import Fund, OwnerAgency


class FundAdminTestCase(TestCase):
    agency: OwnerAgency
    admin: User

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_funds", stdout=StringIO())
        cls.agency = OwnerAgency.objects.create(name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        Fund.objects.filter(code="1-06").update(owner_agency=cls.agency)
        cls.admin = User.objects.create_superuser("admin", password="x")

    def setUp(self) -> None:
        self.client.force_login(self.admin)

    def test_it_lists_funds_in_thai(self) -> None:
        r = self.client.get("/admin/funds/fund/")
        self.assertContains(r, "1-06")
        self.assertContains(r, "ส่วนราชการเจ้าของทุน")
        self.assertContains(r, "วันเริ่มต้นปีบัญชี")
        self.assertContains(r, "111 ทุนหมุนเวียน")

    def test_it_filters_funds_by_type(self) -> None:
        r = self.client.get("/admin/funds/fund/", {"fund_type__exact": "3"})
        self.assertEqual(r.context["cl"].result_count, 6)

    def test_it_searches_funds(self) -> None:
        r = self.client.get("/admin/funds/fund/", {"q": "เกษตรกร"})
        self.assertEqual(r.context["cl"].result_count, 5)
        r = self.client.get("/admin/funds/fund/", {"q": "ปลัดกระทรวงเกษตร"})
        self.assertEqual(r.context["cl"].result_count, 1)

    def test_it_shows_the_fund_change_form(self) -> None:
        fund = Fund.objects.get(code="1-06")
        r = self.client.get(f"/admin/funds/fund/{fund.pk}/change/")
        self.assertContains(r, "เจ้าของทุนและปีบัญชี")

    def test_it_refuses_a_code_that_does_not_match_type_and_number(self) -> None:
        r = self.client.post(
            "/admin/funds/fund/add/",
            {"code": "3-99", "fund_type": "3", "registry_no": "7", "name_th": "ทุนใหม่", "fiscal_year_start": "10"},
        )
        self.assertContains(r, "3-07")
        self.assertFalse(Fund.objects.filter(name_th="ทุนใหม่").exists())
        r = self.client.post(
            "/admin/funds/fund/add/",
            {"code": "3-07", "fund_type": "3", "registry_no": "7", "name_th": "ทุนใหม่", "fiscal_year_start": "10"},
        )
        self.assertEqual(r.status_code, 302)
        self.assertTrue(Fund.objects.filter(code="3-07", name_th="ทุนใหม่").exists())

    def test_it_lists_owner_agencies_with_fund_counts(self) -> None:
        r = self.client.get("/admin/funds/owneragency/")
        self.assertContains(r, "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        self.assertContains(r, "จำนวนทุน")
        self.assertEqual(r.context["cl"].result_list[0].fund_count, 1)

    def test_it_shows_the_owner_agency_add_form(self) -> None:
        r = self.client.get("/admin/funds/owneragency/add/")
        self.assertEqual(r.status_code, 200)

    def test_it_keeps_non_staff_users_out(self) -> None:
        self.client.force_login(User.objects.create_user("alice"))
        r = self.client.get("/admin/funds/fund/")
        self.assertEqual(r.status_code, 302)
