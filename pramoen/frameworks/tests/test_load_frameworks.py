from __future__ import annotations

import tempfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase

from pramoen.frameworks.loader import DATA_DIR, shipped_files
from pramoen.frameworks.models import Framework, FrameworkArea, StandardCriterion, StandardKpi
from pramoen.scoring.reader import exact_sum
from pramoen.testing import factories

SEED_001_AREA_WEIGHTS = {"1": 15, "2": 20, "3": 30, "4": 15, "5": 10, "6": 10}  # seed001_evaluation.json → areas


class LoadFrameworksTestCase(TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def load(self, *args: str) -> str:
        out = StringIO()
        call_command("load_frameworks", *args, stdout=out, stderr=out)
        return out.getvalue()

    def write(self, data: dict, name: str = "fy2599.yaml") -> str:
        path = Path(self.tmp.name) / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return str(path)

    def shipped(self, year: int) -> dict:
        return yaml.safe_load((DATA_DIR / f"fy{year}.yaml").read_text(encoding="utf-8"))

    def assert_refused(self, data: dict, *fragments: str) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load(self.write(data))
        for fragment in fragments:
            self.assertIn(fragment, str(cm.exception))
        self.assertIn("Nothing was loaded", str(cm.exception))
        self.assertEqual(Framework.objects.count(), 0)
        self.assertEqual(FrameworkArea.objects.count(), 0)
        self.assertEqual(StandardKpi.objects.count(), 0)

    def test_it_ships_two_frameworks_in_the_package(self) -> None:
        self.assertEqual([p.name for p in shipped_files()], ["fy2567.yaml", "fy2568.yaml"])
        self.assertTrue(str(DATA_DIR).endswith("pramoen/frameworks/data"))

    def test_it_loads_the_manuals_framework_for_2568(self) -> None:
        out = self.load()
        self.assertIn("Framework 2568: created.", out)
        framework = Framework.objects.get(fiscal_year=2568)
        bands = [(a.code, a.name_th, a.default_weight, a.min_weight, a.max_weight, a.counts_toward_limit)
                 for a in framework.areas.all()]
        self.assertEqual(bands, [
            ("1", "การเงิน", 20, 10, 30, True),
            ("2", "การปฏิบัติการ", 30, 20, 40, True),
            ("3", "การสนองประโยชน์ต่อผู้มีส่วนได้ส่วนเสีย", 15, 5, 25, True),
            ("4", "การบริหารพัฒนาทุนหมุนเวียน", 35, 25, 45, False),
        ])
        self.assertEqual((framework.max_kpis_limited_areas, framework.max_kpis_total, framework.min_kpis_per_area),
                         (10, None, 1))
        self.assertEqual((framework.late_penalty_per_day, framework.late_penalty_cap), (Decimal("0.05"), Decimal("1")))
        self.assertEqual((framework.signature_days, framework.signature_days_after_objection), (30, 15))
        self.assertIn("13.1", framework.source)  # the ≤ 15 conflict is explained
        self.assertIn("120", framework.source)  # so is the internal-control variant
        codes = list(framework.standard_kpis.values_list("code", flat=True))
        self.assertEqual(codes, ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6"])
        self.assertTrue(all(k.area.code == "4" and k.required for k in framework.standard_kpis.all()))
        weights = lambda code: [c.weight for c in StandardCriterion.objects.filter(  # noqa: E731
            standard_kpi__framework=framework, standard_kpi__code=code)]
        self.assertEqual(weights("4.1"), [30, 30, 20, 20])
        self.assertEqual(weights("4.2"), [20, 20, 20, 30, 10])  # กยศ
        self.assertEqual(weights("4.3"), [40, 40, 20])  # สืบสวน: กยศ's sums to 120
        self.assertEqual(weights("4.4"), [25, 10, 35, 30])
        self.assertEqual(weights("4.5"), [30, 70])
        self.assertEqual(weights("4.6"), [30, 40, 30])

    def test_every_shipped_criteria_set_sums_to_100(self) -> None:
        self.load()
        for kpi in StandardKpi.objects.prefetch_related("criteria"):
            with self.subTest(year=kpi.framework.fiscal_year, kpi=kpi.code):
                self.assertEqual(exact_sum(c.weight for c in kpi.criteria.all()), 100)
        for framework in Framework.objects.all():
            self.assertEqual(exact_sum(a.default_weight for a in framework.areas.all()), 100)

    def test_it_loads_the_six_areas_of_2567(self) -> None:
        self.load()
        framework = Framework.objects.get(fiscal_year=2567)
        areas = list(framework.areas.all())
        self.assertEqual([a.code for a in areas], ["1", "2", "3", "4", "5", "6"])
        self.assertEqual([(a.min_weight, a.max_weight) for a in areas],
                         [(5, 25), (10, 30), (20, 40), (5, 25), (0, 20), (0, 20)])
        self.assertEqual([a.counts_toward_limit for a in areas], [True, True, True, False, False, False])
        self.assertIsNone(framework.max_kpis_total)
        self.assertIn("±10", framework.source)
        self.assertEqual(list(framework.standard_kpis.values_list("code", flat=True)), ["4.1", "4.2", "4.3", "5.1", "5.2"])
        kpi_41 = framework.standard_kpis.get(code="4.1")
        self.assertEqual([c.weight for c in kpi_41.criteria.all()], [7, 8, 45, 10, 25, 2, 3])  # 6(2) is 3, not the printed 2
        kpi_51 = framework.standard_kpis.get(code="5.1")
        self.assertEqual([c.weight for c in kpi_51.criteria.all()], [15, 15, 5, 5, 35, 20, 5])  # disclosure 5, not 10
        self.assertEqual(framework.standard_kpis.get(code="5.2").area.code, "5")

    def test_the_seed_001_area_weights_fit_the_2567_bands(self) -> None:
        self.load()
        for area in Framework.objects.get(fiscal_year=2567).areas.all():
            with self.subTest(area=area.code):
                weight = SEED_001_AREA_WEIGHTS[area.code]
                self.assertEqual(area.default_weight, weight)
                self.assertTrue(area.min_weight <= weight <= area.max_weight)
                self.assertGreaterEqual(area.min_weight, 0)

    def test_the_demo_copy_of_seed_001_agrees_with_the_2567_framework(self) -> None:
        # pramoen/demo/data/seed001.json is the in-repo copy of the report the demo loads.
        import json

        from pramoen.demo.seed001 import DATA_FILE

        seed = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.load()
        framework = Framework.objects.get(fiscal_year=2567)
        bands = {a.code: a for a in framework.areas.all()}
        for area in seed["areas"]:
            with self.subTest(area=area["code"]):
                band = bands[area["code"]]
                self.assertEqual(band.name_th, area["name_th"])
                self.assertTrue(band.min_weight <= Decimal(str(area["weight"])) <= band.max_weight)
        for kpi in seed["kpis"]:
            if kpi.get("criteria"):
                with self.subTest(kpi=kpi["code"]):
                    standard = framework.standard_kpis.get(code=kpi["code"])
                    self.assertEqual([c.weight for c in standard.criteria.all()],
                                     [Decimal(str(c["weight"])) for c in kpi["criteria"]])

    def test_it_is_idempotent(self) -> None:
        self.load()
        counts = (Framework.objects.count(), FrameworkArea.objects.count(), StandardKpi.objects.count(),
                  StandardCriterion.objects.count(), FrameworkArea.history.count(), StandardCriterion.history.count())
        out = self.load()
        self.assertIn("Framework 2568: already present, kept as it is", out)
        out = self.load("--replace")
        self.assertIn("Framework 2568: replaced with the file.", out)
        self.assertEqual(counts, (Framework.objects.count(), FrameworkArea.objects.count(), StandardKpi.objects.count(),
                                  StandardCriterion.objects.count(), FrameworkArea.history.count(),
                                  StandardCriterion.history.count()))
        self.assertEqual(counts[:4], (2, 10, 11, 47))

    def test_it_keeps_web_edits_unless_asked_to_replace(self) -> None:
        self.load()
        FrameworkArea.objects.filter(framework__fiscal_year=2568, code="1").update(name_th="แก้บนเว็บ")
        self.load()
        self.assertTrue(FrameworkArea.objects.filter(name_th="แก้บนเว็บ").exists())
        self.load("--replace")
        self.assertFalse(FrameworkArea.objects.filter(name_th="แก้บนเว็บ").exists())
        area = FrameworkArea.objects.get(framework__fiscal_year=2568, code="1")
        self.assertEqual(area.history.latest().history_change_reason, "load_frameworks")

    def test_replace_removes_what_the_file_no_longer_has(self) -> None:
        self.load()
        data = self.shipped(2568)
        data["standard_kpis"] = data["standard_kpis"][:2]
        data["standard_kpis"][0]["criteria"] = [{"name_th": "ประเด็นเดียว", "weight": 100}]
        self.load("--replace", self.write(data, "fy2568.yaml"))
        framework = Framework.objects.get(fiscal_year=2568)
        self.assertEqual(list(framework.standard_kpis.values_list("code", flat=True)), ["4.1", "4.2"])
        self.assertEqual([c.name_th for c in framework.standard_kpis.get(code="4.1").criteria.all()], ["ประเด็นเดียว"])

    def test_replace_refuses_to_drop_an_area_an_agreement_uses(self) -> None:
        self.load()
        factories.make_agreement(fiscal_year=2568)
        data = self.shipped(2568)
        data["areas"] = data["areas"][:3] + [dict(data["areas"][3], code="9")]
        for kpi in data["standard_kpis"]:
            kpi["area"] = "9"
        with self.assertRaises(CommandError) as cm:
            self.load("--replace", self.write(data, "fy2568.yaml"))
        self.assertIn("area 4 “การบริหารพัฒนาทุนหมุนเวียน” of the 2568 framework is used by agreements", str(cm.exception))
        # All or nothing: the new area 9 was rolled back with the rest.
        self.assertEqual(list(Framework.objects.get(fiscal_year=2568).areas.values_list("code", flat=True)),
                         ["1", "2", "3", "4"])

    def test_it_refuses_a_broken_file_naming_every_problem(self) -> None:
        data = self.shipped(2568)
        data["fiscal_year"] = 2599
        data["areas"][1]["min_weight"] = 35  # above the default 30
        data["areas"][2]["colour"] = "red"
        data["standard_kpis"][2]["criteria"][0]["weight"] = 50  # 4.3 then sums to 110
        data["standard_kpis"][3]["area"] = "7"
        del data["standard_kpis"][4]["name_th"]
        self.assert_refused(
            data,
            "fy2599.yaml: area 2: The weights must satisfy 0 ≤ lowest ≤ default ≤ highest ≤ 100.",
            "fy2599.yaml: area 3: unknown field “colour”",
            "fy2599.yaml: KPI 4.3: the criteria weights add up to 110, not 100",
            "fy2599.yaml: KPI 4.4: area “7” is not one of the areas above",
            "fy2599.yaml: KPI 4.5: “name_th” is missing",
        )

    def test_it_refuses_area_weights_that_do_not_add_up(self) -> None:
        data = self.shipped(2568)
        data["areas"][0]["default_weight"] = 25
        self.assert_refused(data, "areas: the default weights add up to 105, not 100")

    def test_it_refuses_values_of_the_wrong_kind(self) -> None:
        data = self.shipped(2568)
        data["signature_days"] = "thirty"
        data["late_penalty_per_day"] = "ห้าสตางค์"
        data["areas"][0]["counts_toward_limit"] = "yes"
        self.assert_refused(
            data,
            "signature_days: expected a whole number of 0 or more, got 'thirty'",
            "late_penalty_per_day: “ห้าสตางค์” is not a number",
            "area 1, counts_toward_limit: expected true or false, got 'yes'",
        )

    def test_one_bad_file_stops_the_good_ones_too(self) -> None:
        bad = self.shipped(2568)
        bad["fiscal_year"] = 2599
        bad["areas"] = []
        with self.assertRaises(CommandError) as cm:
            self.load(str(DATA_DIR / "fy2567.yaml"), self.write(bad))
        self.assertIn("areas: list at least one area", str(cm.exception))
        self.assertEqual(Framework.objects.count(), 0)

    def test_it_refuses_the_same_year_twice(self) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load(str(DATA_DIR / "fy2568.yaml"), self.write(self.shipped(2568), "copy.yaml"))
        self.assertIn("copy.yaml: fiscal year 2568 is also in fy2568.yaml", str(cm.exception))

    def test_it_refuses_a_file_that_is_not_yaml(self) -> None:
        path = Path(self.tmp.name) / "broken.yaml"
        path.write_text("fiscal_year: [2568\n", encoding="utf-8")
        with self.assertRaises(CommandError) as cm:
            self.load(str(path))
        self.assertIn("broken.yaml: not readable as YAML", str(cm.exception))

    def test_it_says_when_a_file_is_missing(self) -> None:
        with self.assertRaises(CommandError) as cm:
            self.load("/nonexistent/fy2500.yaml")
        self.assertIn("no such file", str(cm.exception))

    def test_it_refuses_criterion_weights_outside_0_to_100_even_when_they_add_up(self) -> None:
        data = self.shipped(2568)
        data["standard_kpis"][4]["criteria"] = [{"name_th": "ก", "weight": 110}, {"name_th": "ข", "weight": -10}]
        self.assert_refused(
            data,
            "KPI 4.5, criterion 1: a criterion weighs more than 0 and at most 100, not 110",
            "KPI 4.5, criterion 2: a criterion weighs more than 0 and at most 100, not -10",
        )

    def test_it_refuses_kpi_limits_that_contradict_each_other(self) -> None:
        data = self.shipped(2568)
        data["max_kpis_total"] = 8
        data["min_kpis_per_area"] = 3
        self.assert_refused(
            data,
            "max_kpis_limited_areas: at most 10 KPIs in the limited areas is more than the 8 allowed in all areas",
            "min_kpis_per_area: 4 areas with at least 3 KPIs each need 12 KPIs, more than the 8 allowed in all areas",
        )
        data = self.shipped(2568)
        data["min_kpis_per_area"] = 4
        self.assert_refused(
            data,
            "min_kpis_per_area: 3 limited areas with at least 4 KPIs each need 12 KPIs, more than the 10 allowed in them",
        )
