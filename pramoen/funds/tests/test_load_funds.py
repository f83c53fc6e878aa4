from __future__ import annotations

import tempfile
from collections import Counter
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from pramoen.funds.models import FiscalYearStart, Fund, OwnerAgency
from pramoen.funds.registry import DEFAULT_PATH

HEADER = "type_no,type_name_th,fund_no,fund_name_th\n"


class LoadFundsTestCase(TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def write_csv(self, text: str) -> str:
        path = Path(self.tmp.name) / "funds.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def load(self, *args: str) -> str:
        out = StringIO()
        call_command("load_funds", *args, stdout=out)
        return out.getvalue()

    def assert_rejected(self, text: str, *fragments: str) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load(self.write_csv(text))
        for fragment in fragments:
            self.assertIn(fragment, str(cm.exception))
        self.assertEqual(Fund.objects.count(), 0)

    def test_it_loads_the_111_funds_of_the_manual(self) -> None:
        out = self.load()
        self.assertIn("111 created, 0 updated, 0 unchanged", out)
        self.assertEqual(Fund.objects.count(), 111)
        per_type = Counter(Fund.objects.values_list("fund_type", flat=True))
        self.assertEqual([per_type[t] for t in range(1, 6)], [17, 17, 6, 17, 54])

    def test_it_gives_codes_and_names_as_printed(self) -> None:
        self.load()
        fund = Fund.objects.get(code="1-06")
        self.assertEqual(fund.name_th, "กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน")
        self.assertEqual((fund.fund_type, fund.registry_no), (1, 6))
        self.assertEqual(fund.fiscal_year_start, FiscalYearStart.OCTOBER)
        self.assertIsNone(fund.owner_agency)
        self.assertEqual(Fund.objects.get(code="5-54").name_th, "กองทุนป้องกันและปราบปรามการฟอกเงิน")
        # Names keep the manual's spelling, OCR slips included (rfes-manual.md §9.1).
        self.assertEqual(Fund.objects.get(code="5-17").name_th, "กองทุนจัดการซากดีเกด้าบรรพ์")

    def test_it_ships_the_fund_list_in_the_package(self) -> None:
        self.assertTrue(DEFAULT_PATH.is_file())
        self.assertTrue(str(DEFAULT_PATH).endswith("pramoen/funds/data/revolving_funds.csv"))

    def test_it_is_idempotent(self) -> None:
        self.load()
        out = self.load()
        self.assertIn("0 created, 0 updated, 111 unchanged", out)
        self.assertEqual(Fund.objects.count(), 111)

    def test_it_updates_changed_names_and_keeps_hand_edited_fields(self) -> None:
        self.load()
        agency = OwnerAgency.objects.create(name_th="กรมตัวอย่าง")
        Fund.objects.filter(code="1-06").update(
            name_th="ชื่อเก่า", name_en="English name", owner_agency=agency, fiscal_year_start=1, is_active=False
        )
        out = self.load()
        self.assertIn("0 created, 1 updated, 110 unchanged", out)
        fund = Fund.objects.get(code="1-06")
        self.assertEqual(fund.name_th, "กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน")
        self.assertEqual(fund.name_en, "English name")
        self.assertEqual(fund.owner_agency, agency)
        self.assertEqual(fund.fiscal_year_start, 1)
        self.assertFalse(fund.is_active)

    def test_it_loads_another_file(self) -> None:
        path = self.write_csv(HEADER + "3,เพื่อการบริการ,2,เงินทุนหมุนเวียนกรมการบินพลเรือน\n\n")
        self.assertIn("1 created", self.load(path))
        self.assertEqual(Fund.objects.get().code, "3-02")

    def test_it_accepts_a_byte_order_mark(self) -> None:
        path = self.write_csv("\ufeff" + HEADER + "3,เพื่อการบริการ,2,เงินทุนหมุนเวียนกรมการบินพลเรือน\n")
        self.assertIn("1 created", self.load(path))

    def test_it_rejects_a_bad_row_naming_its_line_and_saves_nothing(self) -> None:
        good = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()
        good[50] = "9,เพื่อการบริการ,1,ทุนที่ไม่มีประเภท"  # line 51 of the file
        self.assert_rejected("\n".join(good) + "\n", "line 51", "type_no must be a number from 1 to 5", "'9'")

    def test_it_rejects_a_type_name_that_does_not_match_its_number(self) -> None:
        self.assert_rejected(HEADER + "1,เพื่อการบริการ,1,กองทุนก\n", "line 2", "'เพื่อการกู้ยืม'")

    def test_it_rejects_a_fund_number_that_is_not_a_positive_number(self) -> None:
        self.assert_rejected(HEADER + "1,เพื่อการกู้ยืม,x,กองทุนก\n", "line 2", "fund_no")
        self.assert_rejected(HEADER + "1,เพื่อการกู้ยืม,0,กองทุนก\n", "line 2", "fund_no")
        self.assert_rejected(HEADER + "1,เพื่อการกู้ยืม,100000,กองทุนก\n", "line 2", "from 1 to 999")

    def test_it_rejects_an_empty_name(self) -> None:
        self.assert_rejected(HEADER + "1,เพื่อการกู้ยืม,1,กองทุนก\n1,เพื่อการกู้ยืม,2,  \n", "line 3", "empty")

    def test_it_rejects_a_row_with_missing_columns(self) -> None:
        self.assert_rejected(HEADER + "1,เพื่อการกู้ยืม,1\n", "line 2", "expected 4 columns, found 3")

    def test_it_rejects_a_duplicate_fund(self) -> None:
        self.assert_rejected(
            HEADER + "1,เพื่อการกู้ยืม,1,กองทุนก\n1,เพื่อการกู้ยืม,2,กองทุนข\n1,เพื่อการกู้ยืม,1,กองทุนค\n",
            "line 4",
            "already appears on line 2",
        )

    def test_it_rejects_a_wrong_header(self) -> None:
        self.assert_rejected("type,name\n1,เพื่อการกู้ยืม,1,กองทุนก\n", "line 1", "expected the header")

    def test_it_rejects_an_empty_file(self) -> None:
        self.assert_rejected("", "the file is empty")
        self.assert_rejected(HEADER, "no funds")

    def test_it_rejects_a_file_that_is_not_utf8(self) -> None:
        path = Path(self.tmp.name) / "tis620.csv"
        path.write_bytes((HEADER + "1,เพื่อการกู้ยืม,1,กองทุนก\n").encode("tis-620"))
        with self.assertRaises(CommandError) as cm:
            self.load(str(path))
        self.assertIn("not UTF-8", str(cm.exception))

    def test_it_rejects_a_missing_file(self) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load("/nonexistent/funds.csv")
        self.assertIn("no such file", str(cm.exception))
