from __future__ import annotations

from io import StringIO

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import TestCase

from pramoen.funds.models import Fund, OwnerAgency


class FundListTestCase(TestCase):
    agency: OwnerAgency
    alice: User

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_funds", stdout=StringIO())
        cls.agency = OwnerAgency.objects.create(name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        Fund.objects.filter(code="1-06").update(
            owner_agency=cls.agency, name_en="Revolving Fund for Lending to Farmers and the Poor"
        )
        cls.alice = User.objects.create_user("alice")

    def setUp(self) -> None:
        self.client.force_login(self.alice)

    def test_it_requires_login(self) -> None:
        self.client.logout()
        r = self.client.get("/funds/")
        self.assertRedirects(r, "/accounts/login/?next=/funds/")

    def test_it_lists_funds(self) -> None:
        r = self.client.get("/funds/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(len(r.context["funds"]), 111)
        self.assertContains(r, "111 ทุน")
        self.assertContains(r, "กองทุนเงินให้กู้ยืมเพื่อการศึกษา")
        self.assertContains(r, 'href="/funds/5-54/"')
        self.assertContains(r, "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        self.assertContains(r, "Revolving Fund for Lending to Farmers and the Poor")

    def test_it_groups_funds_by_type(self) -> None:
        r = self.client.get("/funds/")
        self.assertContains(r, "ประเภทที่ 1: เพื่อการกู้ยืม (17 ทุน)")
        self.assertContains(r, "ประเภทที่ 2: เพื่อการจำหน่ายและการผลิต (17 ทุน)")
        self.assertContains(r, "ประเภทที่ 3: เพื่อการบริการ (6 ทุน)")
        self.assertContains(r, "ประเภทที่ 4: เพื่อการสงเคราะห์และสวัสดิการสังคม (17 ทุน)")
        self.assertContains(r, "ประเภทที่ 5: เพื่อการสนับสนุนส่งเสริม (54 ทุน)")

    def test_it_filters_by_type(self) -> None:
        r = self.client.get("/funds/", {"type": "3"})
        funds = r.context["funds"]
        self.assertEqual(len(funds), 6)
        self.assertEqual({f.fund_type for f in funds}, {3})
        self.assertContains(r, "6 ทุน")
        self.assertContains(r, '<option value="3" selected>', html=False)
        self.assertNotContains(r, "ประเภทที่ 1:")

    def test_it_searches_names(self) -> None:
        r = self.client.get("/funds/", {"q": "เกษตรกร"})
        codes = [f.code for f in r.context["funds"]]
        # 1-05 (…เพื่อเกษตรกรรม) contains the word too: a substring search, as users expect.
        self.assertEqual(codes, ["1-05", "1-06", "1-07", "4-01", "5-09"])
        self.assertContains(r, 'value="เกษตรกร"')

    def test_it_searches_english_names(self) -> None:
        r = self.client.get("/funds/", {"q": "farmers"})
        self.assertEqual([f.code for f in r.context["funds"]], ["1-06"])

    def test_it_searches_codes(self) -> None:
        r = self.client.get("/funds/", {"q": "5-4"})
        self.assertEqual([f.code for f in r.context["funds"]], [f"5-{n}" for n in range(40, 50)])

    def test_it_combines_type_and_search(self) -> None:
        r = self.client.get("/funds/", {"type": "4", "q": "เกษตรกร"})
        self.assertEqual([f.code for f in r.context["funds"]], ["4-01"])

    def test_it_says_when_nothing_matches(self) -> None:
        r = self.client.get("/funds/", {"q": "ไม่มีทุนชื่อนี้"})
        self.assertEqual(r.context["funds"], [])
        self.assertContains(r, "ไม่พบทุนหมุนเวียนที่ตรงกับเงื่อนไข")

    def test_it_rejects_an_unknown_type(self) -> None:
        r = self.client.get("/funds/", {"type": "9"})
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, 'role="alert"', status_code=400)
        self.assertEqual(r.context["funds"], [])

    def test_it_uses_a_constant_number_of_queries(self) -> None:
        # Give every fund its own owner agency, so a missing select_related would
        # cost one query per fund. The four queries: session, user, funds, and the user's roles
        # (the menu offers the portfolio to CGD and the committee).
        for fund in Fund.objects.all():
            fund.owner_agency = OwnerAgency.objects.create(name_th=f"หน่วยงาน {fund.code}")
            fund.save()
        self.assertEqual(Fund.objects.count(), 111)
        with self.assertNumQueries(4):
            r = self.client.get("/funds/")
        self.assertContains(r, "หน่วยงาน 5-54")
