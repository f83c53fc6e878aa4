from __future__ import annotations

from django.utils.html import escape

import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path

from django.core.management import CommandError, call_command

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, Kpi
from pramoen.cli import score as score_cli
from pramoen.rounds.models import Round
from pramoen.testing import factories as f

from .base import RoundTestCase

RESULTS = {"1.1": "83.7", "2.1": "64", "3.1.1": "101", "3.1.2": "2.5", "4.1": "4"}


class ScorecardTestCase(RoundTestCase):
    def url(self, round_: Round | None = None, suffix: str = "scorecard/") -> str:
        return f"/rounds/{(round_ or self.round).pk}/{suffix}"

    def cli_total(self, path: Path) -> Decimal:
        out = io.StringIO()
        self.assertEqual(score_cli.main([str(path), "--json"], stdout=out, stderr=io.StringIO()), 0)
        return Decimal(str(json.loads(out.getvalue())["total"]))

    def page_total(self, round_: Round) -> Decimal:
        r = self.client.get(self.url(round_))
        self.assertEqual(r.status_code, 200)
        text = r.content.decode()
        start = text.index('class="num scorecard-total"><strong>') + len('class="num scorecard-total"><strong>')
        return Decimal(text[start:text.index("</strong>", start)])

    def test_every_role_of_the_fund_may_view_it_and_others_get_404(self) -> None:
        for role, user in self.users.items():
            with self.subTest(role=role):
                self.login(user)
                self.assertEqual(self.client.get(self.url()).status_code, 200)
                self.assertEqual(self.client.get(self.url(suffix="scorecard.json")).status_code, 200)
        for user in (self.stranger, self.nobody):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404)
            self.assertEqual(self.client.get(self.url(suffix="scorecard.json")).status_code, 404)

    def test_it_shows_areas_kpis_and_the_rounded_total(self) -> None:
        f.enter_results(self.round, RESULTS)
        self.login(self.users[Role.CONSULTANT])
        r = self.client.get(self.url())
        card = r.context["card"]
        self.assertContains(r, "การเงิน")
        for code in ("1.1", "3.1", "3.1.1", "4.1"):
            self.assertContains(r, f">{code}</th>")
        # 83.7 → 3 + 3.7/10 = 3.37 on KPI 1.1
        self.assertEqual(card.score.kpi("1.1").score, Decimal("3.37"))
        self.assertContains(r, "<td class=\"num\">3.3700</td>")
        self.assertEqual(card.score.percent.quantize(Decimal("0.01")), Decimal("61.13"))
        self.assertContains(r, '<dd class="num">61.13</dd>')
        self.assertEqual(self.page_total(self.round), card.score.total.quantize(Decimal("0.0001")))

    def test_it_shows_the_problems_instead_of_numbers_when_the_structure_is_invalid(self) -> None:
        Kpi.objects.filter(agreement=self.agreement, code="2.1").update(weight=Decimal(25))
        self.login(self.staff)
        r = self.client.get(self.url())
        self.assertIsNone(r.context["card"].score)
        self.assertContains(r, "(30)")  # area 2's KPI weights add up to 25, not the area's 30
        self.assertNotContains(r, "scorecard-total")
        self.assertTrue(r.context["problems"])
        for problem in r.context["problems"]:
            self.assertContains(r, escape(problem))

    def test_the_download_is_the_format_v1_file(self) -> None:
        f.enter_results(self.round, RESULTS)
        round2 = self.agreement.rounds.get(number=2)
        self.login(self.staff)
        r = self.client.get(self.url(round2, "scorecard.json"))
        self.assertEqual(r["Content-Type"], "application/json; charset=utf-8")
        expected = f"scorecard-{self.fund.code}-2568-r2.json"
        self.assertEqual(r["Content-Disposition"], f'attachment; filename="{expected}"')
        data = json.loads(r.content.decode("utf-8"))
        self.assertEqual(data["format"], "pramoen-scorecard/1")
        self.assertEqual((data["fiscal_year"], data["round"]), (2568, 2))
        self.assertIn(self.fund.name_th, r.content.decode("utf-8"))  # UTF-8, not \\u escapes
        self.assertIn("previous_total", data)

    def test_the_exported_file_scores_to_the_total_the_page_shows(self) -> None:
        agreement = Agreement.objects.get(pk=self.agreement.pk)
        agreement.late_signature_days = 3
        agreement.save()
        for number in (1, 2, 3, 4):
            f.enter_results(self.agreement.rounds.get(number=number),
                            {**RESULTS, "1.1": str(70 + 7 * number), "4.1": str(1 + number)})
        round4 = self.agreement.rounds.get(number=4)
        round4.late_days = 5
        round4.save()
        self.login(self.staff)
        with tempfile.TemporaryDirectory() as tmp:
            for number in (2, 4):
                with self.subTest(round=number):
                    path = Path(tmp) / f"r{number}.json"
                    call_command("export_scorecard", fund=self.fund.code, year=2568, round=number, output=str(path),
                                 stderr=io.StringIO())
                    round_ = self.agreement.rounds.get(number=number)
                    self.assertEqual(self.cli_total(path), self.page_total(round_))
                    # The page's download is byte for byte the command's file.
                    self.assertEqual(self.client.get(self.url(round_, "scorecard.json")).content, path.read_bytes())
            data = json.loads((Path(tmp) / "r4.json").read_text(encoding="utf-8"))
        # Year end: late signature (3) and late report (5) cost 8 × 0.05 points.
        self.assertEqual(data["late_days"], 8)

    def test_the_command_writes_to_stdout_and_refuses_an_unknown_round(self) -> None:
        out = io.StringIO()
        call_command("export_scorecard", "--fund", self.fund.code, "--year", "2568", "--round", "1", "-o", "-", stdout=out)
        self.assertEqual(json.loads(out.getvalue())["round"], 1)
        with self.assertRaisesMessage(CommandError, "No round 1 for fund 9-99"):
            call_command("export_scorecard", "--fund", "9-99", "--year", "2568", "--round", "1")

    def test_its_query_count_is_fixed(self) -> None:
        f.enter_results(self.round)
        self.login(self.staff)
        # session, user, round, roles, areas, KPIs, criteria, results, criterion levels, evidence, the rounds
        with self.assertNumQueries(11):
            self.client.get(self.url())


class EntryPointTestCase(RoundTestCase):
    def test_python_m_pramoen_accepts_export_scorecard_with_a_hyphen(self) -> None:
        from pramoen.__main__ import main

        out = io.StringIO()
        from contextlib import redirect_stdout

        with redirect_stdout(out):
            main(["python -m pramoen", "export-scorecard", "--fund", self.fund.code, "--year", "2568",
                  "--round", "3", "-o", "-"])
        self.assertEqual(json.loads(out.getvalue())["round"], 3)
