"""The portfolio's figures: which rounds count, ranks with ties, bands and ratings, the
funds still to report, the documents' tables, and the cabinet's year-on-year change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import SimpleTestCase, TestCase

from pramoen.agreements.models import Status
from pramoen.funds.models import Fund
from pramoen.reports import portfolio
from pramoen.reports.formats import Options
from pramoen.reports.portfolio import NOT_STARTED, count_axis, rating_label
from pramoen.rounds.models import Round, RoundStatus
from pramoen.scoring.numbers import thai_digits
from pramoen.testing import factories as f

YEAR = 2568


def report_round(fund: Fund, values: dict | None = None, *, status: str = RoundStatus.SUBMITTED,
                 year: int = YEAR, number: int = 1, submitted_on: date | None = date(2025, 1, 20),
                 late_days: int = 0) -> Round:
    """Round ``number`` of ``fund``'s agreement in force, with results and the given status."""
    round_ = Round.objects.get(agreement__fund=fund, agreement__fiscal_year=year, number=number)
    f.enter_results(round_, values)
    Round.objects.filter(pk=round_.pk).update(status=status, submitted_on=submitted_on, late_days=late_days)
    return round_


class PortfolioData(TestCase):
    """Seven funds in round 1 of 2568, one per situation a portfolio must show."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.finance = f.make_agency("กรมทดสอบการคลัง")
        cls.finance.ministry_th = "กระทรวงการคลัง"
        cls.finance.save()
        cls.other = f.make_agency("กรมทดสอบอื่น")
        cls.funds = {code: f.make_fund(code, owner_agency=cls.finance if code < "2" else cls.other)
                     for code in ("1-01", "1-02", "2-01", "2-02", "3-01", "5-01", "5-02")}
        for code in ("1-01", "1-02", "2-01", "2-02", "3-01"):
            f.agreement_in_force(cls.funds[code], YEAR)
        f.make_agreement(cls.funds["5-02"], YEAR)  # still a PPP draft
        # 1.1 = 100 scores 5 on weight 20, everything else 3: total 3 + 2 × 0.2 = 3.4.
        report_round(cls.funds["1-01"], {"1.1": 100})
        report_round(cls.funds["1-02"], {"1.1": 100}, status=RoundStatus.ACCEPTED, late_days=3)
        report_round(cls.funds["2-01"], status=RoundStatus.APPROVED)
        report_round(cls.funds["2-02"], {"1.1": 100, "2.1": 100}, status=RoundStatus.DRAFT, submitted_on=None)
        report_round(cls.funds["3-01"], {"1.1": 100, "2.1": 100}, status=RoundStatus.RETURNED)

    def rows(self) -> dict[str, portfolio.FundRow]:
        return {r.fund.code: r for r in portfolio.portfolio_rows(YEAR, 1)}

    def test_every_fund_of_the_registry_has_a_row(self) -> None:
        self.assertEqual(set(self.rows()), set(self.funds))

    def test_submitted_accepted_and_approved_rounds_are_scored(self) -> None:
        rows = self.rows()
        self.assertEqual(rows["1-01"].total, Decimal("3.4"))
        self.assertEqual(rows["1-02"].total, Decimal("3.4"))
        self.assertEqual(rows["2-01"].total, Decimal("3"))
        self.assertEqual(rows["1-01"].percent, Decimal("68"))
        self.assertEqual(rows["1-02"].late_days, 3)  # shown; only the year-end round is penalised
        self.assertEqual(rows["1-01"].submitted_on, date(2025, 1, 20))

    def test_draft_and_returned_rounds_are_not_scored(self) -> None:
        rows = self.rows()
        for code in ("2-02", "3-01"):
            with self.subTest(code=code):
                self.assertIsNone(rows[code].total)
                self.assertIsNone(rows[code].rank)
                self.assertIsNone(rows[code].band)
        self.assertEqual(rows["2-02"].round_status, RoundStatus.DRAFT)
        self.assertEqual(rows["3-01"].status_text, "ส่งกลับให้แก้ไข")

    def test_ties_share_a_rank_and_the_next_rank_skips(self) -> None:
        rows = portfolio.portfolio_rows(YEAR, 1)
        self.assertEqual([(r.fund.code, r.rank) for r in rows[:3]], [("1-01", 1), ("1-02", 1), ("2-01", 3)])
        self.assertTrue(all(r.rank is None for r in rows[3:]))

    def test_ranks_compare_totals_as_printed(self) -> None:
        fund = self.funds["1-01"]
        rows = [portfolio.FundRow(fund, Status.IN_FORCE, RoundStatus.SUBMITTED, total=t)
                for t in (Decimal("3.40004"), Decimal("3.4"), Decimal("3.39996"), Decimal("3.39994"))]
        self.assertEqual([r.rank for r in portfolio.rank_rows(rows)], [1, 1, 1, 4])

    def test_band_and_rating_follow_the_whole_part_of_the_total(self) -> None:
        rows = self.rows()
        self.assertEqual(rows["1-01"].band, 3)
        self.assertEqual(rows["1-01"].rating, "ปกติ ถึง ดี")
        self.assertEqual(rows["2-01"].rating, "ปกติ")

    def test_the_agreement_and_round_status_of_unscored_funds(self) -> None:
        rows = self.rows()
        self.assertIsNone(rows["5-01"].agreement_status)
        self.assertEqual(rows["5-01"].round_status, NOT_STARTED)
        self.assertEqual(rows["5-01"].status_text, "ไม่มีบันทึกข้อตกลง")
        self.assertEqual(rows["5-02"].agreement_status, Status.PPP_DRAFTING)
        self.assertEqual(rows["5-02"].status_text, "บันทึกข้อตกลงยังไม่มีผลบังคับใช้")

    def test_the_not_submitted_list_is_every_fund_without_a_published_result(self) -> None:
        missing = portfolio.not_submitted(portfolio.portfolio_rows(YEAR, 1))
        self.assertEqual([r.fund.code for r in missing], ["2-02", "3-01", "5-01", "5-02"])

    def test_an_inactive_fund_without_an_agreement_is_left_out(self) -> None:
        Fund.objects.filter(pk=self.funds["5-01"].pk).update(is_active=False)
        self.assertNotIn("5-01", self.rows())
        Fund.objects.filter(pk=self.funds["2-01"].pk).update(is_active=False)
        self.assertIn("2-01", self.rows())  # it has an agreement this year

    def test_groups_by_type_and_agency(self) -> None:
        rows = portfolio.portfolio_rows(YEAR, 1)
        types = {g.name: g for g in portfolio.by_type(rows)}
        lending = types["ประเภทเพื่อการกู้ยืม"]
        self.assertEqual((lending.count, lending.scored, lending.mean), (2, 2, Decimal("3.4")))
        sale = types["ประเภทเพื่อการจำหน่ายและการผลิต"]
        self.assertEqual((sale.count, sale.scored, sale.low, sale.high), (2, 1, Decimal(3), Decimal(3)))
        self.assertEqual(list(types)[0], "ประเภทเพื่อการกู้ยืม")  # manual order, not alphabetical
        agencies = {g.name: g for g in portfolio.by_agency(rows)}
        self.assertEqual(agencies["กรมทดสอบการคลัง"].count, 2)
        self.assertEqual(agencies["กรมทดสอบอื่น"].count, 5)

    def test_its_query_count_grows_only_through_scoring_each_round(self) -> None:
        # funds, agreements, rounds + 6 per scored round (areas, KPIs, criteria, results,
        # criterion levels, evidence).
        with self.assertNumQueries(3 + 6 * 3):
            portfolio.portfolio_rows(YEAR, 1)
        report_round(self.funds["2-02"], {"1.1": 100, "2.1": 100})
        with self.assertNumQueries(3 + 6 * 4):
            portfolio.portfolio_rows(YEAR, 1)

    def test_the_document_lists_every_fund_ranked(self) -> None:
        document = portfolio.portfolio_document(YEAR, 1, Options(thai_digits=False))
        ranking = document.table("ranking")
        self.assertEqual(len(ranking.rows), 7)
        first = ranking.rows[0]
        self.assertEqual([first[0].text, first[1].text, first[7].text, first[8].text], ["1", "1-01", "3.4000", "68.00"])
        self.assertEqual(first[7].value, Decimal("3.4000"))
        self.assertEqual(first[7].number_format, "0.0000")
        self.assertEqual(first[6].text, "20 ม.ค. 2568")
        self.assertEqual(first[9].text, "ปกติ ถึง ดี")
        self.assertEqual(first[10].fill, Options().palette[2])
        self.assertEqual(document.table("not-submitted").rows[0][0].text, "2-02")
        self.assertEqual(document.table("by-ministry").rows[0][0].text, "กระทรวงการคลัง")
        self.assertTrue(document.landscape)

    def test_the_document_prints_thai_digits_and_buddhist_years_by_default(self) -> None:
        document = portfolio.portfolio_document(YEAR, 1)
        first = document.table("ranking").rows[0]
        self.assertEqual(first[7].text, thai_digits("3.4000"))
        self.assertEqual(first[1].text, thai_digits("1-01"))
        self.assertIn(thai_digits("2568"), document.title)
        self.assertIn(thai_digits("2025"), portfolio.portfolio_document(YEAR, 1, Options(buddhist_era=False)).title)

    def test_the_distribution_chart_counts_funds_per_band(self) -> None:
        document = portfolio.portfolio_document(YEAR, 1, Options(thai_digits=False))
        chart = document.charts()[0]
        self.assertEqual([b.value for b in chart.bars], [0, 0, 3, 0, 0])
        self.assertEqual(chart.axis_max, 3)
        self.assertEqual(chart.axis_labels, ("0", "1", "2", "3"))
        counts = [c.value for row in document.table("distribution").rows for c in row if c.role == "count"]
        self.assertEqual(counts, [0, 0, 3, 0, 0, 3])  # band 5 … 1, then the total

    def test_the_overview_says_how_many_funds_are_scored_and_their_mean(self) -> None:
        document = portfolio.portfolio_document(YEAR, 1, Options(thai_digits=False))
        overview = document.blocks[2].text
        self.assertIn("จำนวนทั้งสิ้น 7 ทุน", overview)
        self.assertIn("คำนวณคะแนน 3 ทุน", overview)
        self.assertIn("คะแนนรวมเฉลี่ย 3.2667", overview)


class YearEnd(TestCase):
    """Year-end rounds of 2567 and 2568 for the cabinet summary."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.funds = [f.make_fund(f"1-{n:02d}") for n in range(1, 5)]
        for fund in cls.funds:
            f.agreement_in_force(fund, YEAR - 1)
            f.agreement_in_force(fund, YEAR)
        # 2567: funds 1–3 at 3.0; 2568: fund 1 up to 3.4, fund 2 the same, fund 3 late by 4 days
        # (0.2 off the year-end total), fund 4 new this year; fund 3 has no 2568 result.
        for fund in cls.funds[:3]:
            report_round(fund, year=YEAR - 1, number=4)
        report_round(cls.funds[0], {"1.1": 100}, number=4)
        report_round(cls.funds[1], number=4, late_days=4)
        report_round(cls.funds[3], {"1.1": 100, "2.1": 100}, number=4)

    def test_the_late_penalty_counts_in_the_year_end_total(self) -> None:
        rows = {r.fund.code: r for r in portfolio.portfolio_rows(YEAR, 4)}
        self.assertEqual(rows["1-02"].total, Decimal("2.8"))
        self.assertEqual(rows["1-02"].rating, "พอใช้ ถึง ปกติ")

    def test_year_on_year_takes_the_funds_with_both_years(self) -> None:
        changes = portfolio.year_changes(portfolio.portfolio_rows(YEAR, 4), portfolio.portfolio_rows(YEAR - 1, 4))
        self.assertEqual([(c.row.fund.code, c.previous, c.change) for c in changes],
                         [("1-01", Decimal(3), Decimal("0.4")), ("1-02", Decimal(3), Decimal("-0.2"))])
        self.assertEqual(changes[1].change_percent.quantize(Decimal("0.01")), Decimal("-6.67"))

    def test_the_cabinet_document(self) -> None:
        document = portfolio.cabinet_document(YEAR, Options(thai_digits=False))
        self.assertEqual([r[1].text for r in document.table("best").rows], ["1-04", "1-01", "1-02"])
        self.assertEqual([r[1].text for r in document.table("weakest").rows], ["1-02", "1-01", "1-04"])
        change = document.table("year-on-year")
        self.assertEqual([(r[0].text, r[4].text, r[5].text) for r in change.rows],
                         [("1-01", "+0.4000", "+13.33"), ("1-02", "-0.2000", "-6.67")])
        self.assertEqual(change.rows[1][4].value, Decimal("-0.2000"))
        self.assertEqual([r[0].text for r in document.table("no-year-end").rows], ["1-03"])
        total = document.table("type-distribution").rows[-1]
        self.assertEqual([c.text for c in total[:8]], ["รวม", "4", "3", "0", "1", "1", "1", "0"])


class Ratings(SimpleTestCase):
    def test_a_whole_level_is_its_label_and_a_total_between_two_names_both(self) -> None:
        cases = {"5": "ดีมาก", "4": "ดี", "4.5": "ดี ถึง ดีมาก", "4.0000": "ดี", "1": "ปรับปรุง",
                 "1.5": "ปรับปรุง ถึง พอใช้", "0.8": "ปรับปรุง", "3.99996": "ปกติ ถึง ดี"}
        for total, label in cases.items():
            with self.subTest(total=total):
                self.assertEqual(rating_label(Decimal(total)), label)

    def test_a_count_axis_has_whole_steps(self) -> None:
        self.assertEqual(count_axis(0), (1, 1))
        self.assertEqual(count_axis(7), (7, 1))
        self.assertEqual(count_axis(9), (10, 2))
        self.assertEqual(count_axis(37), (40, 5))
        self.assertEqual(count_axis(137), (140, 20))
