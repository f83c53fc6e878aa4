from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import TestCase
from django.utils import translation

from pramoen.funds.models import FiscalYearStart, Fund, FundType, OwnerAgency
from pramoen.funds.registry import TYPE_NAMES_TH


class FundTestCase(TestCase):
    def setUp(self) -> None:
        self.agency = OwnerAgency.objects.create(
            name_th="สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", ministry_th="กระทรวงเกษตรและสหกรณ์"
        )
        self.fund = Fund.objects.create(
            code="1-06",
            name_th="กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน",
            fund_type=FundType.LENDING,
            registry_no=6,
            owner_agency=self.agency,
        )

    def test_it_defaults_to_an_active_october_fiscal_year(self) -> None:
        self.assertEqual(self.fund.fiscal_year_start, FiscalYearStart.OCTOBER)
        self.assertTrue(self.fund.is_active)

    def test_it_makes_codes_from_type_and_registry_number(self) -> None:
        self.assertEqual(Fund.make_code(1, 6), "1-06")
        self.assertEqual(Fund.make_code(5, 54), "5-54")

    def test_it_reads_as_code_and_thai_name(self) -> None:
        self.assertEqual(str(self.fund), "1-06 กองทุนหมุนเวียนเพื่อการกู้ยืมแก่เกษตรกรและผู้ยากจน")
        self.assertEqual(str(self.agency), "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์")

    def test_it_links_to_its_detail_page(self) -> None:
        self.assertEqual(self.fund.get_absolute_url(), "/funds/1-06/")

    def test_it_spans_an_october_fiscal_year(self) -> None:
        self.assertEqual(self.fund.fiscal_year_span(2567), (date(2023, 10, 1), date(2024, 9, 30)))

    def test_it_spans_a_calendar_fiscal_year(self) -> None:
        self.fund.fiscal_year_start = FiscalYearStart.JANUARY
        self.assertEqual(self.fund.fiscal_year_span(2567), (date(2024, 1, 1), date(2024, 12, 31)))

    def test_it_knows_its_current_fiscal_year(self) -> None:
        self.assertEqual(self.fund.current_fiscal_year(date(2023, 9, 30)), 2566)
        self.assertEqual(self.fund.current_fiscal_year(date(2023, 10, 1)), 2567)
        self.fund.fiscal_year_start = FiscalYearStart.JANUARY
        self.assertEqual(self.fund.current_fiscal_year(date(2023, 10, 1)), 2566)

    def test_it_orders_by_type_then_registry_number(self) -> None:
        Fund.objects.create(code="5-01", name_th="ข", fund_type=5, registry_no=1)
        Fund.objects.create(code="1-10", name_th="ค", fund_type=1, registry_no=10)
        Fund.objects.create(code="1-02", name_th="ก", fund_type=1, registry_no=2)
        self.assertEqual([f.code for f in Fund.objects.all()], ["1-02", "1-06", "1-10", "5-01"])

    def test_it_requires_the_code_to_match_type_and_registry_number(self) -> None:
        self.fund.full_clean()
        self.fund.registry_no = 7
        with self.assertRaises(ValidationError) as cm:
            self.fund.full_clean()
        self.assertIn("1-07", str(cm.exception.message_dict["code"]))

    def test_it_rejects_a_duplicate_code(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Fund.objects.create(code="1-06", name_th="ซ้ำ", fund_type=1, registry_no=99)

    def test_it_rejects_a_duplicate_type_and_registry_number(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Fund.objects.create(code="X", name_th="ซ้ำ", fund_type=1, registry_no=6)

    def test_it_rejects_an_unknown_fund_type_in_the_database(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Fund.objects.create(code="6-01", name_th="ไม่มีประเภทนี้", fund_type=6, registry_no=1)

    def test_it_rejects_an_unknown_fiscal_year_start_in_the_database(self) -> None:
        with self.assertRaises(IntegrityError), transaction.atomic():
            Fund.objects.create(code="2-01", name_th="ก", fund_type=2, registry_no=1, fiscal_year_start=4)

    def test_it_keeps_an_owner_agency_that_owns_funds(self) -> None:
        with self.assertRaises(ProtectedError):
            self.agency.delete()

    def test_it_labels_fund_types_in_thai_as_the_manual_does(self) -> None:
        with translation.override("th"):
            for fund_type, name in TYPE_NAMES_TH.items():
                self.assertEqual(str(fund_type.label), name)

    def test_it_labels_fund_types_in_english(self) -> None:
        with translation.override("en"):
            self.assertEqual(
                [str(label) for label in FundType.labels],
                ["Lending", "Sale and production", "Services", "Relief and social welfare", "Support and promotion"],
            )

    def test_it_has_thai_verbose_names(self) -> None:
        with translation.override("th"):
            self.assertEqual(str(Fund._meta.verbose_name), "ทุนหมุนเวียน")
            self.assertEqual(str(OwnerAgency._meta.verbose_name), "ส่วนราชการเจ้าของทุน")
            self.assertEqual(str(Fund._meta.get_field("fiscal_year_start").verbose_name), "วันเริ่มต้นปีบัญชี")
            self.assertEqual(self.fund.get_fiscal_year_start_display(), "1 ตุลาคม (ปีงบประมาณ)")
