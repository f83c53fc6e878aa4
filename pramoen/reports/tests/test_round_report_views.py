"""The round report download: every format, every role, options, and a round of another fund."""

from __future__ import annotations

from io import BytesIO

from django.test import TestCase
from openpyxl import load_workbook

from pramoen.access.models import Role
from pramoen.reports.tests.readback import normalise, pdf_text
from pramoen.rounds.models import Round, RoundStatus
from pramoen.testing import factories as f

YEAR = 2568


class RoundReportViewTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.fund = f.make_fund("1-21")
        cls.other_fund = f.make_fund("1-22")
        agreement = f.agreement_in_force(cls.fund, YEAR)
        cls.round = Round.objects.get(agreement=agreement, number=1)
        f.enter_results(cls.round, {"1.1": "85"})
        Round.objects.filter(pk=cls.round.pk).update(status=RoundStatus.SUBMITTED)
        cls.staff = f.make_user(Role.FUND_STAFF, fund=cls.fund)
        cls.stranger = f.make_user(Role.FUND_STAFF, fund=cls.other_fund)
        cls.cgd = f.make_user(Role.CGD_OFFICER)

    def url(self, fmt: str) -> str:
        return f"/reports/rounds/{self.round.pk}/report.{fmt}"

    def test_fund_staff_download_the_pdf(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get(self.url("pdf"))
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertIn('filename="rfes-1-21-2568-r1.pdf"', r["Content-Disposition"])
        text = pdf_text(r.content)
        self.assertIn(normalise("รายงานผลการดำเนินงานทุนหมุนเวียน"), normalise(text))
        self.assertIn("๘๕", text)

    def test_every_format_for_cgd(self) -> None:
        self.client.force_login(self.cgd)
        for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
            with self.subTest(fmt=fmt):
                r = self.client.get(self.url(fmt))
                self.assertEqual(r.status_code, 200)
                self.assertTrue(r.content.startswith(magic))
        book = load_workbook(BytesIO(self.client.get(self.url("xlsx")).content))
        self.assertIn("สรุป", book.sheetnames)

    def test_arabic_digits_and_ce_years_on_request(self) -> None:
        self.client.force_login(self.staff)
        text = pdf_text(self.client.get(self.url("pdf"), {"digits": "arabic", "era": "ce"}).content)
        self.assertIn("85", text)
        self.assertIn("2025", text)
        self.assertNotIn("๘๕", text)

    def test_an_unknown_format_is_not_found(self) -> None:
        self.client.force_login(self.staff)
        self.assertEqual(self.client.get(self.url("odt")).status_code, 404)

    def test_another_funds_round_is_not_found(self) -> None:
        self.client.force_login(self.stranger)
        self.assertEqual(self.client.get(self.url("pdf")).status_code, 404)

    def test_anonymous_is_sent_to_log_in(self) -> None:
        r = self.client.get(self.url("pdf"))
        self.assertEqual(r.status_code, 302)
        self.assertIn("/accounts/login/", r["Location"])

    def test_a_draft_round_is_marked_draft(self) -> None:
        Round.objects.filter(pk=self.round.pk).update(status=RoundStatus.DRAFT)
        self.client.force_login(self.staff)
        text = pdf_text(self.client.get(self.url("pdf")).content)
        self.assertIn("ฉบับร่าง", text)

    def test_an_agreement_with_problems_explains_instead_of_failing(self) -> None:
        self.round.agreement.kpis.filter(code="1.1").update(weight="21")
        self.client.force_login(self.staff)
        r = self.client.get(self.url("pdf"), follow=True)
        self.assertRedirects(r, f"/rounds/{self.round.pk}/scorecard/")
        self.assertContains(r, 'role="alert"')

    def test_the_scorecard_page_offers_the_three_formats(self) -> None:
        self.client.force_login(self.staff)
        r = self.client.get(f"/rounds/{self.round.pk}/scorecard/")
        for fmt in ("pdf", "docx", "xlsx"):
            self.assertContains(r, self.url(fmt))
