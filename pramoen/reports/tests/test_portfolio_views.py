"""The portfolio page and the portfolio and cabinet files: who may see them, what they hold."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from pramoen.access.models import Role
from pramoen.rounds.models import RoundStatus
from pramoen.scoring.numbers import thai_digits
from pramoen.testing import factories as f

from .test_portfolio import YEAR, report_round

PAGE = "/reports/portfolio/"
PORTFOLIO_PDF = f"/reports/portfolio/{YEAR}/4/report.pdf"
PORTFOLIO_XLSX = f"/reports/portfolio/{YEAR}/4/report.xlsx"
CABINET_PDF = f"/reports/cabinet/{YEAR}/report.pdf"
CABINET_XLSX = f"/reports/cabinet/{YEAR}/report.xlsx"
URLS = (PAGE, PORTFOLIO_PDF, PORTFOLIO_XLSX, CABINET_PDF, CABINET_XLSX)


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run([shutil.which("pdftotext") or "pdftotext", "-layout", str(path), "-"],
                              capture_output=True, check=True, text=True).stdout


class PortfolioViewTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = f.make_agency("กรมทดสอบ")
        cls.fund = f.make_fund("1-01", owner_agency=cls.agency)
        cls.second = f.make_fund("2-01", owner_agency=cls.agency)
        cls.waiting = f.make_fund("5-01")
        for fund in (cls.fund, cls.second, cls.waiting):
            f.agreement_in_force(fund, YEAR - 1)
            f.agreement_in_force(fund, YEAR)
        report_round(cls.fund, year=YEAR - 1, number=4)
        # Round 4 of 2568: 3.4 and 3.0; the third fund still drafting. Round 1: the first fund only.
        report_round(cls.fund, {"1.1": 100}, number=4, submitted_on=date(2025, 10, 20))
        report_round(cls.second, number=4, status=RoundStatus.APPROVED, submitted_on=date(2025, 10, 25))
        report_round(cls.waiting, number=4, status=RoundStatus.DRAFT, submitted_on=None)
        report_round(cls.fund, number=1)
        cls.staff = f.make_user(Role.FUND_STAFF, fund=cls.fund)
        cls.owner = f.make_user(Role.OWNER_AGENCY, owner_agency=cls.agency)
        cls.nobody = f.make_user()
        cls.cgd = f.make_user(Role.CGD_OFFICER)
        cls.committee = f.make_user(Role.COMMITTEE)
        cls.admin = f.make_user(superuser=True)

    def login(self, user, language: str = "en") -> None:
        self.client.force_login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


class AccessTests(PortfolioViewTestCase):
    def test_anonymous_users_are_sent_to_log_in(self) -> None:
        for url in URLS:
            with self.subTest(url=url):
                self.assertRedirects(self.client.get(url), f"/accounts/login/?next={url}",
                                     fetch_redirect_response=False)

    def test_users_without_a_global_role_are_refused(self) -> None:
        for user in (self.staff, self.owner, self.nobody):
            self.login(user)
            for url in URLS:
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)

    def test_cgd_the_committee_and_administrators_may_see_the_page(self) -> None:
        for user in (self.cgd, self.committee, self.admin):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(PAGE).status_code, 200)

    def test_cgd_the_committee_and_administrators_may_download_the_files(self) -> None:
        for user in (self.cgd, self.committee, self.admin):
            self.login(user)
            for url in (PORTFOLIO_PDF, CABINET_PDF):
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_files_refuse_post(self) -> None:
        self.login(self.cgd)
        for url in URLS:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url).status_code, 405)


class PageTests(PortfolioViewTestCase):
    def test_it_defaults_to_the_newest_year_and_the_latest_round_with_a_submission(self) -> None:
        self.login(self.cgd)
        r = self.client.get(PAGE)
        self.assertEqual(r.context["years"], [YEAR, YEAR - 1])
        self.assertEqual((r.context["year"], r.context["number"]), (YEAR, 4))

    def test_it_shows_the_ranked_table_the_types_and_the_funds_not_submitted(self) -> None:
        self.login(self.cgd)
        r = self.client.get(PAGE)
        self.assertContains(r, '<td class="num total">3.4000</td>', html=True)
        self.assertContains(r, '<td class="num total">3.0000</td>', html=True)
        self.assertContains(r, "Normal to Good")
        self.assertContains(r, "Lending")
        missing = r.context["missing"]
        self.assertEqual([row.fund.code for row, _status in missing], ["5-01"])
        self.assertContains(r, "Draft (fund entering results)")
        self.assertContains(r, f"/reports/portfolio/{YEAR}/4/report.pdf")
        self.assertContains(r, f"/reports/cabinet/{YEAR}/report.xlsx")

    def test_it_is_thai_first(self) -> None:
        self.login(self.cgd, "th")
        r = self.client.get(PAGE)
        self.assertContains(r, "ปกติ ถึง ดี")

    def test_it_shows_the_chosen_year_and_round(self) -> None:
        self.login(self.cgd)
        r = self.client.get(PAGE, {"year": YEAR - 1, "round": 4, "digits": "arabic"})
        self.assertEqual((r.context["year"], r.context["number"]), (YEAR - 1, 4))
        self.assertEqual([row.total for row, _s, _r in r.context["rows"] if row.scored], [Decimal(3)])
        self.assertContains(r, f"/reports/portfolio/{YEAR - 1}/4/report.pdf?digits=arabic")

    def test_a_year_or_round_not_offered_is_a_bad_request(self) -> None:
        self.login(self.cgd, "th")
        # "²" passes str.isdigit() but not int(); 5,000 digits exceed int()'s limit: 400, never 500.
        for query in ({"year": 2500}, {"year": "x"}, {"round": 5}, {"year": "²"}, {"round": "³"},
                      {"year": "9" * 5000}, {"round": "1" * 5000}):
            with self.subTest(query=str(query)[:30]):
                r = self.client.get(PAGE, query)
                self.assertContains(r, "เลือกปีบัญชีและรอบจากรายการ", status_code=400)

    def test_thai_digits_in_the_query_are_understood(self) -> None:
        self.login(self.cgd)
        r = self.client.get(PAGE, {"year": thai_digits(str(YEAR - 1)), "round": "๔"})
        self.assertEqual((r.status_code, r.context["year"], r.context["number"]), (200, YEAR - 1, 4))

    def test_its_query_count_grows_only_through_scoring_each_round(self) -> None:
        self.login(self.cgd)
        # session, user, roles, years, default round, funds, agreements, rounds, recent bulk jobs
        # + 6 per scored round
        with self.assertNumQueries(9 + 6 * 2):
            self.client.get(PAGE)
        report_round(self.waiting, number=4)
        with self.assertNumQueries(9 + 6 * 3):
            self.client.get(PAGE)
        # the newest year with a submission is looked up even when the round is given
        with self.assertNumQueries(9 + 6 * 3):
            self.client.get(PAGE, {"round": 4})


class FileTests(PortfolioViewTestCase):
    def test_the_portfolio_pdf_is_a_real_pdf_with_the_funds_and_totals(self) -> None:
        self.login(self.cgd)
        r = self.client.get(PORTFOLIO_PDF)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertEqual(r["Content-Disposition"], f'attachment; filename="portfolio-{YEAR}-r4.pdf"')
        self.assertTrue(r.content.startswith(b"%PDF"))
        text = pdf_text(r.content)
        self.assertIn(thai_digits("1-01"), text)
        self.assertIn(thai_digits("3.4000"), text)

    def test_arabic_digits_and_common_era_years_on_request(self) -> None:
        self.login(self.committee)
        text = pdf_text(self.client.get(PORTFOLIO_PDF, {"digits": "arabic", "era": "ce"}).content)
        self.assertIn("1-01", text)
        self.assertIn("3.4000", text)
        self.assertIn("2025", text)

    def test_the_cabinet_pdf_has_the_year_on_year_change(self) -> None:
        self.login(self.admin)
        r = self.client.get(CABINET_PDF, {"digits": "arabic"})
        self.assertEqual(r["Content-Disposition"], f'attachment; filename="cabinet-{YEAR}.pdf"')
        text = pdf_text(r.content)
        self.assertIn("1-01", text)
        self.assertIn("+0.4000", text)

    def test_the_workbooks_hold_totals_as_numbers(self) -> None:
        from openpyxl import load_workbook

        self.login(self.cgd)
        for url, name in ((PORTFOLIO_XLSX, f"portfolio-{YEAR}-r4.xlsx"), (CABINET_XLSX, f"cabinet-{YEAR}.xlsx")):
            with self.subTest(url=url):
                r = self.client.get(url)
                self.assertEqual(r["Content-Disposition"], f'attachment; filename="{name}"')
                self.assertEqual(r["Content-Type"],
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                book = load_workbook(io.BytesIO(r.content))
                values = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
                numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
                self.assertIn(3.4, numbers)
                self.assertIn(3.0, numbers)
                self.assertNotIn("3.4000", values)

    def test_other_formats_rounds_and_years_are_not_found(self) -> None:
        self.login(self.cgd)
        for url in (f"/reports/portfolio/{YEAR}/4/report.docx", f"/reports/portfolio/{YEAR}/5/report.pdf",
                    f"/reports/portfolio/{YEAR}/0/report.pdf", "/reports/portfolio/2500/1/report.pdf",
                    f"/reports/cabinet/{YEAR}/report.html", "/reports/cabinet/2500/report.pdf"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
