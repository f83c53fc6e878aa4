"""The FY2567 round-2 self-assessment of the seed-001 fund, recomputed consistently.

The printed report says 2.1241 because it divides every weighted score by 95
(KPI 6.1's parent row printed with weight 5 while its children weigh 5 + 5).
With 6.1 = 10 the card is consistent and the total is 2.0179.
"""

from decimal import Decimal as D

import pytest

from pramoen import scoring
from pramoen.scoring.numbers import round_half_up

from .helpers import find, seed001_round2


@pytest.fixture
def result():
    return scoring.score_card(scoring.read(seed001_round2()))


def r4(value):
    return round_half_up(value, 4)


def test_the_total_is_2_0179(result):
    assert r4(result.total) == D("2.0179")
    assert round_half_up(result.percent, 2) == D("40.36")
    assert round_half_up(result.change_percent, 2) == D("52.64")
    assert result.penalty == 0


def test_the_area_scores(result):
    assert [r4(a.score) for a in result.areas] == [D(v) for v in ("1.0000", "1.0000", "1.3133", "4.1767", "3.4750", "2.9992")]


@pytest.mark.parametrize(
    "code, score",
    [("1.1", "1.0000"), ("2.1", "1.0000"), ("3.2", "1.9400"), ("4.1", "4.3800"), ("4.2", "4.8000"),
     ("4.3", "3.3500"), ("5.1", "3.7000"), ("5.2", "3.2500"), ("6.1", "2.9992"), ("6.1.1", "4.9984"),
     ("6.1.2", "1.0000")],
)
def test_kpi_scores_match_the_report(result, code, score):
    assert r4(result.kpi(code).score) == D(score)


def test_thirteen_top_level_kpis_and_fifteen_scored_leaves(result):
    assert sum(len(a.kpis) for a in result.areas) == 13
    assert sum(1 for k in result.kpis() if not k.children) == 15


def test_the_card_as_printed_is_rejected_naming_6_1():
    data = seed001_round2()
    find(data, "6.1")["weight"] = 5  # as attachment 1 and the detail title print it
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    assert [p.line("en") for p in caught.value.problems] == [
        "6.1: the weights of the child KPIs add up to 10, but must equal the weight of KPI 6.1 (5)",
        "6: the weights of this area's KPIs add up to 5, but must equal the area weight (10)",
    ]


def test_the_printed_card_is_still_named_when_it_has_other_problems_too():
    data = seed001_round2()
    find(data, "6.1")["weight"] = 5
    find(data, "6.1.1")["note"] = "ตัวเลขจากงบทดลอง"
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    assert [(p.where, p.kind) for p in caught.value.problems] == [
        ("6.1.1", "unknown_field"), ("6.1", "group_weights_sum"), ("6", "area_kpi_weights_sum")]


def test_round_1_gives_1_3220_with_governance_kpis_entered_as_achieved_levels():
    # Round 1 reports only the overall level of each governance KPI: a levelled
    # KPI with levels 1..5 scores the same as the composite it summarises.
    data = seed001_round2()
    data["round"] = 1
    del data["previous_total"]
    r1 = {"1.1": "3.56", "1.2": "15.31", "2.1": None, "2.2": 567, "3.1.1": "18.85", "3.1.2": "19.58", "3.2": 1,
          "3.3": 26, "6.1.1": None, "6.1.2": None}
    for code, value in r1.items():
        find(data, code)["result"] = value
    for code, level in {"4.1": "1.84", "4.2": 1, "4.3": "3.25", "5.1": "2.10", "5.2": "3.25"}.items():
        kpi = find(data, code)
        del kpi["criteria"]
        kpi.update(levels=[1, 2, 3, 4, 5], result=level)
    result = scoring.score_card(scoring.read(data))
    assert r4(result.total) == D("1.3220")
