"""Groups, areas, weighted scores, the late penalty, totals and rounding."""

from decimal import Decimal as D

import pytest

from pramoen import scoring
from pramoen.scoring.rules import late_penalty

from .helpers import area, card, levelled, single


def group(code, weight, *children):
    return {"code": code, "name": f"กลุ่ม {code}", "weight": weight, "kpis": list(children)}


def test_a_group_scores_the_weighted_mean_of_its_children():
    data = single(group("6.1", 100, levelled("6.1.1", 50, result=5), levelled("6.1.2", 50, result=1)))
    result = scoring.score_card(scoring.read(data))
    assert result.kpi("6.1").score == 3
    assert result.kpi("6.1").weighted == 3
    assert [c.code for c in result.kpi("6.1").children] == ["6.1.1", "6.1.2"]


def test_groups_may_nest():
    inner = group("1.1.2", 60, levelled("1.1.2.1", 30, result=5), levelled("1.1.2.2", 30, result=2))
    data = single(group("1.1", 100, levelled("1.1.1", 40, result=1), inner))
    result = scoring.score_card(scoring.read(data))
    assert result.kpi("1.1.2").score == D("3.5")
    assert result.kpi("1.1").score == D("2.5")  # (40·1 + 30·5 + 30·2) / 100
    assert result.total == D("2.5")


def test_weighted_score_is_score_times_weight_over_100():
    data = card(area("1", 30, levelled("1.1", 10, result=4), levelled("1.2", 20, result=2)),
                area("2", 70, levelled("2.1", 70, result=3)))
    result = scoring.score_card(scoring.read(data))
    assert result.kpi("1.1").weighted == D("0.4")
    assert result.kpi("1.2").weighted == D("0.4")
    assert scoring.compute.round_half_up(result.area("1").score, 4) == D("2.6667")  # (10·4 + 20·2) / 30
    assert result.total == D("0.4") + D("0.4") + D("2.1")


def test_an_area_score_is_the_weighted_mean_of_its_leaf_kpis():
    data = card(area("3", 30, group("3.1", 15, levelled("3.1.1", "7.5", result=1), levelled("3.1.2", "7.5", result=1)),
                     levelled("3.2", 10, result="1.94"), levelled("3.3", 5, result=1)),
                area("4", 70, levelled("4.1", 70, result=1)))
    result = scoring.score_card(scoring.read(data))
    assert scoring.compute.round_half_up(result.area("3").score, 4) == D("1.3133")


@pytest.mark.parametrize("days, penalty", [(0, "0"), (1, "0.05"), (14, "0.70"), (20, "1.00"), (25, "1")])
def test_the_late_penalty_is_5_hundredths_a_day_capped_at_1(days, penalty):
    assert late_penalty(days) == D(penalty)


def test_the_penalty_comes_off_the_total_and_is_not_floored():
    # The manual's illustration: 3.80 with 14 late days → 3.10.
    data = single(levelled("1.1", levels=(0, 1, 2, 3, 4), result="2.8"), late_days=14)
    result = scoring.score_card(scoring.read(data))
    assert result.total == D("3.10")
    assert result.penalty == D("0.70")
    floor = scoring.score_card(scoring.read(single(levelled("1.1", result=1), late_days=40)))
    assert floor.total == 0


def test_penalty_parameters_are_rules_of_the_year():
    rules = scoring.ScoringRules(late_penalty_per_day=D("0.1"), late_penalty_cap=D("0.5"))
    data = single(levelled("1.1", result=3), late_days=3)
    assert scoring.score_card(scoring.read(data), rules).total == D("2.7")
    data["late_days"] = 30
    assert scoring.score_card(scoring.read(data), rules).total == D("2.5")


def test_percent_and_change_against_the_previous_round():
    data = single(levelled("1.1", result=4), previous_total="3.2")
    result = scoring.score_card(scoring.read(data))
    assert result.percent == 80
    assert result.change_percent == 25
    assert scoring.score_card(scoring.read(single(levelled("1.1", result=4)))).change_percent is None


def test_output_is_rounded_half_up_only_at_the_end():
    # score 2.00005 → 2.0001 (banker's rounding would give 2.0000);
    # percent 40.001 → 40.00, and 2.00025 → 40.005 → 40.01.
    data = single(levelled("1.1", levels=(0, 1, 2, 3, 4), result="1.00005"))
    out = scoring.score_card(scoring.read(data)).as_json()
    assert out["total"] == 2.0001
    assert out["kpis"]["1.1"] == {"score": 2.0001, "weighted": 2.0001}
    assert out["percent"] == 40.0
    data = single(levelled("1.1", levels=(0, 1, 2, 3, 4), result="1.00025"))
    assert scoring.score_card(scoring.read(data)).as_json()["percent"] == 40.01


def test_the_total_is_not_the_sum_of_rounded_rows():
    # Score 1 at weights 33.335 + 33.335 + 33.33: rows 0.33335, 0.33335, 0.3333 display as
    # 0.3334 + 0.3334 + 0.3333 = 1.0001, but the total is exactly 1 and displays as 1.0000.
    kpis = [levelled(f"1.{i}", weight=w, result=1) for i, w in enumerate(["33.335", "33.335", "33.33"], start=1)]
    data = card(area("1", 100, *kpis))
    result = scoring.score_card(scoring.read(data))
    rows = [scoring.compute.round_half_up(k.weighted, 4) for k in result.kpis()]
    assert rows == [D("0.3334"), D("0.3334"), D("0.3333")]
    assert scoring.compute.round_half_up(result.total, 4) == D("1.0000")
    assert sum(rows) == D("1.0001")


def test_as_json_lists_every_kpi_including_groups_and_children():
    data = single(group("3.1", 100, levelled("3.1.1", 50), levelled("3.1.2", 50)))
    out = scoring.score_card(scoring.read(data)).as_json()
    assert list(out["kpis"]) == ["3.1", "3.1.1", "3.1.2"]
    assert set(out) == {"total", "percent", "penalty", "change_percent", "areas", "kpis"}
    assert out["change_percent"] is None
