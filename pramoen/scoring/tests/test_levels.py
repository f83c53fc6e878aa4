"""Levelled KPIs: five level values, linear interpolation, clamping, n/a."""

from decimal import Decimal as D

import pytest

from pramoen.scoring.rules import level_score


def test_it_scores_each_level_value_as_its_level():
    levels = (D(11), D(12), D(13), D(14), D(16))
    for level, value in enumerate(levels, start=1):
        assert level_score(levels, value) == level


def test_it_interpolates_between_adjacent_levels():
    # 1.1 of seed 001 has an uneven last step 14 → 16.
    levels = (D(11), D(12), D(13), D(14), D(16))
    assert level_score(levels, D("12.25")) == D("2.25")
    assert level_score(levels, D(15)) == D("4.5")


def test_it_reproduces_the_manual_worked_example():
    # กยศ KPI 3.1: levels 65/70/75/80/85, result 77.5 → 3.50.
    assert level_score((D(65), D(70), D(75), D(80), D(85)), D("77.5")) == D("3.5")


def test_it_uses_the_unrounded_result():
    # 6.1.1 of seed 001: 99.995245 → 4.998415 (4.9984); 99.995 would give 4.99833.
    levels = (D(88), D(91), D(94), D(97), D(100))
    assert level_score(levels, D("99.995245")) == D("4.998415")


@pytest.mark.parametrize("result", [D(11), D("10.99"), D(-5), D(0)])
def test_a_result_at_or_worse_than_level_1_scores_1(result):
    assert level_score((D(11), D(12), D(13), D(14), D(16)), result) == 1


@pytest.mark.parametrize("result", [D(16), D("16.01"), D(1000)])
def test_a_result_at_or_better_than_level_5_scores_5(result):
    assert level_score((D(11), D(12), D(13), D(14), D(16)), result) == 5


def test_lower_is_better_interpolates_the_other_way():
    # The manual's illustration: levels 22/21/20/19/18, result 19.4 → 3.60.
    levels = (D(22), D(21), D(20), D(19), D(18))
    assert level_score(levels, D("19.4")) == D("3.6")
    assert level_score(levels, D(23)) == 1
    assert level_score(levels, D("17.2")) == 5
    assert level_score(levels, D(22)) == 1
    assert level_score(levels, D(18)) == 5


def test_undefined_intermediate_levels_are_skipped():
    # Levels 2 and 4 not defined: interpolate 1 → 3 and 3 → 5 over two level steps.
    levels = (D(0), None, D(50), None, D(100))
    assert level_score(levels, D(25)) == 2
    assert level_score(levels, D(75)) == 4
    assert level_score(levels, D(50)) == 3


def test_a_binary_kpi_has_only_levels_1_and_5():
    levels = (D(0), None, None, None, D(1))
    assert level_score(levels, D(0)) == 1
    assert level_score(levels, D(1)) == 5
    assert level_score(levels, D("0.5")) == 3


def test_a_milestone_kpi_scores_the_achieved_level():
    # 3.2 of seed 001: level 1 reached plus 0.94 of level 2.
    assert level_score((D(1), D(2), D(3), D(4), D(5)), D("1.94")) == D("1.94")


def test_no_result_scores_1():
    assert level_score((D(75), D(80), D(85), D(90), D(95)), None) == 1
