"""Composite (governance) KPIs and KPI deductions."""

from decimal import Decimal as D

from pramoen import scoring
from pramoen.scoring.model import Criterion
from pramoen.scoring.rules import apply_deduction, composite_score

from .helpers import single


def test_it_is_the_weighted_sum_of_criterion_levels_over_100():
    # KPI 4.1 of seed 001 with the corrected weights (item 6.2 = 3).
    criteria = [Criterion(f"c{i}", D(w), D(level)) for i, (w, level) in enumerate(
        [(7, 5), (8, 5), (45, 5), (10, 5), (25, 3), (2, 5), (3, 1)])]
    assert composite_score(criteria) == D("4.38")


def test_levels_may_be_fractional():
    # The manual's illustration: weights 30/30/20/20 at 4, 3.5, 5, 2 → 3.65.
    criteria = [Criterion("a", D(30), D(4)), Criterion("b", D(30), D("3.5")),
                Criterion("c", D(20), D(5)), Criterion("d", D(20), D(2))]
    assert composite_score(criteria) == D("3.65")


def test_a_criterion_not_assessed_counts_as_level_1():
    criteria = [Criterion("a", D(50), D(5)), Criterion("b", D(50), None)]
    assert composite_score(criteria) == 3


def test_a_deduction_lowers_the_score():
    # The manual: 3.65 with board minutes sent late (−0.5) → 3.15.
    assert apply_deduction(D("3.65"), D("0.5")) == D("3.15")


def test_a_deduction_never_takes_the_score_below_1():
    assert apply_deduction(D("1.3"), D("0.5")) == 1
    assert apply_deduction(D(1), D(2)) == 1


def test_deductions_apply_to_composite_and_levelled_kpis_in_a_card():
    composite = {"code": "4.1", "name": "x", "weight": 100, "deduction": "0.5",
                 "criteria": [{"name": "a", "weight": 30, "level": 4}, {"name": "b", "weight": 30, "level": "3.5"},
                              {"name": "c", "weight": 20, "level": 5}, {"name": "d", "weight": 20, "level": 2}]}
    result = scoring.score_card(scoring.read(single(composite)))
    assert result.kpi("4.1").raw_score == D("3.65")
    assert result.kpi("4.1").score == D("3.15")
    levelled = {"code": "1.1", "name": "x", "weight": 100, "levels": [1, 2, 3, 4, 5], "result": 4, "deduction": 1}
    assert scoring.score_card(scoring.read(single(levelled))).kpi("1.1").score == 3
