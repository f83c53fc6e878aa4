"""The demo fund's round-2 report (seed 001) in PDF, DOCX and XLSX, read back and checked against the core.

The printed source got 28 figures wrong by copying them between its three
tables; here every KPI's score and weighted score is read back from each
generated file — summary table, attachment 1 and the KPI's detail block — and
must be the same text, equal to the scoring core's value rounded once.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from docx import Document as DocxDocument
from openpyxl import load_workbook
from PIL import Image

from pramoen.reports.formats import Options
from pramoen.reports.services import render, round_document
from pramoen.rounds.models import Round
from pramoen.rounds.services import round_card
from pramoen.scoring.numbers import score_text, thai_digits

from .readback import layout_lines, normalise, pdf_pages, pdf_table_rows, pdf_text, pdf_to_png

SCORE_LINE = re.compile(normalise("ระดับที่") + r"([๐-๙.]+)" + normalise("คะแนน") + r".{0,60}?"
                        + normalise("คิดเป็นคะแนนถ่วงน้ำหนัก") + r"(-?[๐-๙.]+)")


@override_settings(DEBUG=True)
class DemoRoundTestCase(TestCase):
    """The demo's fund 1-06, FY2567 round 2, its core score and its report's layout."""

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=StringIO())
        cls.round = Round.objects.select_related("agreement__fund").get(agreement__fund__code="1-06", number=2)
        cls.score = round_card(cls.round).score
        cls.document = round_document(cls.round)

    def leaves(self):
        return [k for k in self.score.kpis() if not k.children]

    def expected(self, kpi) -> tuple[str, str]:
        return thai_digits(score_text(kpi.score)), thai_digits(score_text(kpi.weighted))


class DemoReportTestCase(DemoRoundTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.pdf = render(cls.document, "pdf")
        cls.layout_text = pdf_text(cls.pdf, layout=True)
        cls.text = pdf_text(cls.pdf)

    def test_the_demo_scores_as_the_scorecard_page(self) -> None:
        self.assertEqual(score_text(self.score.total), "2.0179")
        self.assertIn(normalise("ได้ค่าคะแนน ๒.๐๑๗๙"), normalise(self.text))
        self.assertIn(normalise("คิดเป็นร้อยละ ๔๐.๓๖"), normalise(self.text))
        self.assertIn(normalise("คิดเป็นร้อยละ ๕๒.๖๔"), normalise(self.text))

    def test_every_page_renders_to_an_image(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            pages = pdf_to_png(self.pdf, Path(folder))
            self.assertEqual(len(pages), pdf_pages(self.pdf))
            for page in pages:
                with Image.open(page) as image:
                    ratio = max(image.size) / min(image.size)
                    self.assertAlmostEqual(ratio, 297 / 210, places=1)  # A4, portrait or landscape
                    extrema = image.convert("L").getextrema()
                    self.assertLess(extrema[0], 100, f"{page.name} is blank")

    def test_the_pdf_is_a4_with_sarabun_embedded(self) -> None:
        import subprocess

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "r.pdf"
            path.write_bytes(self.pdf)
            fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        self.assertIn("Sarabun", fonts)
        self.assertNotIn(" no ", " ".join(line.split()[-4] for line in fonts.splitlines()[2:]).join("  "))
        self.assertIn("595.276 x 841.89", info)  # A4

    def test_headers_repeat_and_every_page_is_numbered_with_the_cgd_footer_last(self) -> None:
        pages = pdf_pages(self.pdf)
        total = thai_digits(str(pages))
        for number in range(1, pages + 1):
            text = normalise(pdf_text(self.pdf, first=number, last=number))
            self.assertIn(normalise(f"หน้า {thai_digits(str(number))} / {total}"), text)
        # The summary table runs onto page 2: its header row is printed again there.
        self.assertIn(normalise("คะแนนถ่วงน้ำหนัก"), normalise(pdf_text(self.pdf, first=2, last=2)))
        last = normalise(pdf_text(self.pdf, first=pages, last=pages))
        self.assertIn(normalise("กองกำกับและพัฒนาระบบเงินนอกงบประมาณ กรมบัญชีกลาง"), last)

    def test_every_kpi_code_name_and_printed_number_is_text_in_the_pdf(self) -> None:
        text = normalise(self.text)
        wanted = set()
        for kpi in self.score.kpis():
            wanted |= {thai_digits(kpi.code), kpi.kpi.name}
        for table in self.document.tables():
            for row in table.rows:
                wanted |= {c.text for c in row if c.value is not None or c.role in ("score", "weighted", "result")}
        missing = sorted(w for w in wanted if w.strip() and normalise(w) not in text)
        self.assertEqual(missing, [])
        self.assertGreater(len(wanted), 150)  # distinct level values, results, weights and scores of 15 KPIs

    def test_scores_agree_in_the_summary_attachment_and_detail_of_the_pdf(self) -> None:
        details = SCORE_LINE.findall(normalise(self.text))
        self.assertEqual(len(details), len(self.leaves()))
        for kpi, detail in zip(self.leaves(), details, strict=True):
            code = thai_digits(kpi.code)
            expected = self.expected(kpi)
            summary, attachment = pdf_table_rows(self.layout_text, code)[:2]
            with self.subTest(kpi=kpi.code):
                self.assertEqual(tuple(summary[-2:]), expected, "summary table")
                self.assertEqual(tuple(attachment[-3:-1]), expected, "attachment 1")
                self.assertEqual(detail, expected, "detail block")

    def test_area_scores_and_the_total_come_from_the_core(self) -> None:
        lines = layout_lines(self.layout_text)
        for area in self.score.areas:
            at = next(i for i, r in enumerate(lines) if r.strip().startswith(f"ด้านที่ {thai_digits(area.area.code)} "))
            self.assertIn(thai_digits(score_text(area.score)), lines[at])
        total = thai_digits(score_text(self.score.total))
        self.assertEqual(self.layout_text.count(total) >= 3, True)  # opening, summary total, attachment total

    def test_arabic_digits_and_common_era_years(self) -> None:
        document = round_document(self.round, Options(thai_digits=False, buddhist_era=False))
        text = pdf_text(render(document, "pdf"))
        self.assertIn("2.0179", text)
        self.assertIn("2024", text)  # fiscal year 2567 is CE 2024
        self.assertNotIn("๒.๐๑๗๙", text)


def _fixed(value) -> str:
    """A number read back from a workbook, printed as the report prints scores."""
    return thai_digits(score_text(Decimal(str(value))))


class DemoReportFilesTestCase(DemoRoundTestCase):
    """The same three-way check in the Word file and the workbook."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.docx = DocxDocument(BytesIO(render(cls.document, "docx")))
        cls.book = load_workbook(BytesIO(render(cls.document, "xlsx")))

    def test_scores_agree_in_the_word_file(self) -> None:
        summary, attachment = self.docx.tables[0], self.docx.tables[1]
        paragraphs = normalise("".join(p.text for p in self.docx.paragraphs))
        details = SCORE_LINE.findall(paragraphs)
        self.assertEqual(len(details), len(self.leaves()))
        for kpi, detail in zip(self.leaves(), details, strict=True):
            code = thai_digits(kpi.code)
            with self.subTest(kpi=kpi.code):
                row = next(r for r in summary.rows if r.cells[0].text.startswith(f"ตัวชี้วัดที่ {code} "))
                self.assertEqual((row.cells[3].text, row.cells[4].text), self.expected(kpi), "summary table")
                row = next(r for r in attachment.rows if r.cells[0].text.startswith(f"{code} "))
                self.assertEqual((row.cells[9].text, row.cells[10].text), self.expected(kpi), "attachment 1")
                self.assertEqual(detail, self.expected(kpi), "detail block")

    def test_scores_agree_in_the_workbook_and_are_numbers(self) -> None:
        summary, attachment = self.book["สรุป"], self.book["เอกสารแนบ ๑"]
        lines = normalise("".join(str(c.value) for c in self.book["รายงาน"]["A"] if c.value))
        details = SCORE_LINE.findall(lines)
        self.assertEqual(len(details), len(self.leaves()))
        for kpi, detail in zip(self.leaves(), details, strict=True):
            code = thai_digits(kpi.code)
            with self.subTest(kpi=kpi.code):
                row = next(r for r in summary.iter_rows() if str(r[0].value or "").startswith(f"ตัวชี้วัดที่ {code} "))
                self.assertIsInstance(row[3].value, (int, float))
                self.assertEqual((_fixed(row[3].value), _fixed(row[4].value)), self.expected(kpi), "summary")
                row = next(r for r in attachment.iter_rows() if str(r[0].value or "").startswith(f"{code} "))
                self.assertEqual((_fixed(row[9].value), _fixed(row[10].value)), self.expected(kpi), "attachment 1")
                self.assertEqual(detail, self.expected(kpi), "detail block")
        total = next(r for r in summary.iter_rows() if r[-1].value is not None and str(r[3].value) == "คะแนนรวม")
        self.assertEqual(_fixed(total[-1].value), thai_digits(score_text(self.score.total)))
