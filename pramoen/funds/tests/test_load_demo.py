from __future__ import annotations

from io import StringIO

from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from pramoen.funds.management.commands.load_demo import Command as LoadDemoCommand
from pramoen.funds.models import Fund, OwnerAgency


@override_settings(DEBUG=True)
class LoadDemoTestCase(TestCase):
    def load(self, *args: str) -> str:
        out = StringIO()
        call_command("load_demo", *args, stdout=out)
        return out.getvalue()

    def test_it_loads_the_funds(self) -> None:
        out = self.load()
        self.assertIn("111 created", out)
        self.assertEqual(Fund.objects.count(), 111)

    def test_it_describes_the_sample_fund(self) -> None:
        self.load()
        fund = Fund.objects.select_related("owner_agency").get(code="1-06")
        assert fund.owner_agency is not None
        self.assertEqual(fund.name_th, "กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน")
        self.assertEqual(fund.name_en, "Revolving Fund for Lending to Farmers and the Poor")
        self.assertEqual(fund.owner_agency.name_th, "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")
        self.assertEqual(fund.owner_agency.ministry_th, "กระทรวงเกษตรและสหกรณ์")

    def test_it_creates_the_demo_superuser(self) -> None:
        out = self.load()
        self.assertRegex(out, r"demo +/ pramoen-demo +administrator")
        user = authenticate(username="demo", password="pramoen-demo")
        assert isinstance(user, User)
        self.assertTrue(user.is_superuser)
        self.assertTrue(user.is_staff)

    def test_it_resets_the_demo_password(self) -> None:
        self.load()
        user = User.objects.get(username="demo")
        user.set_password("something else")
        user.is_active = False
        user.save()
        self.load()
        self.assertIsNotNone(authenticate(username="demo", password="pramoen-demo"))
        self.assertTrue(User.objects.get(username="demo").is_active)

    def test_it_is_idempotent(self) -> None:
        self.load()
        out = self.load()
        self.assertIn("0 created, 0 updated, 111 unchanged", out)
        self.assertEqual(Fund.objects.count(), 111)
        self.assertEqual(OwnerAgency.objects.count(), 2)  # of 1-06 and of the second demo fund 1-04
        self.assertEqual(User.objects.filter(username="demo").count(), 1)

    def test_it_keeps_the_sample_fund_when_the_fund_list_is_loaded_again(self) -> None:
        self.load()
        call_command("load_funds", stdout=StringIO())
        fund = Fund.objects.get(code="1-06")
        self.assertEqual(fund.name_en, "Revolving Fund for Lending to Farmers and the Poor")
        self.assertIsNotNone(fund.owner_agency)

    def test_it_lists_every_demo_login_in_its_output_and_help(self) -> None:
        out = self.load()
        help_text = LoadDemoCommand().help
        for username in ("fund-staff", "fund-approver", "agency", "cgd", "consultant", "committee", "fund2-staff"):
            self.assertRegex(out, rf"\n  {username} +/ pramoen-demo ")
            self.assertIn(username, help_text)

    @override_settings(DEBUG=False)
    def test_it_refuses_to_run_without_debug(self) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load()
        self.assertIn("PRAMOEN_DEBUG=1", str(cm.exception))
        self.assertFalse(User.objects.filter(username="demo").exists())
        self.assertEqual(Fund.objects.count(), 0)

    @override_settings(DEBUG=False)
    def test_it_runs_without_debug_when_forced(self) -> None:
        self.load("--force")
        self.assertTrue(User.objects.filter(username="demo", is_superuser=True).exists())
