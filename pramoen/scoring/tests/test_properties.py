"""Invariants of the scoring rules, checked on generated data (hypothesis)."""

import json
from decimal import Decimal as D
from decimal import localcontext

from hypothesis import given
from hypothesis import strategies as st

from pramoen import scoring
from pramoen.scoring.compute import PRECISION
from pramoen.scoring.numbers import round_half_up, thai_digits
from pramoen.scoring.rules import level_score

decimals = st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, allow_infinity=False, places=4)


@st.composite
def increasing_levels(draw):
    """Five strictly increasing level values; levels 2–4 sometimes not defined."""
    values = sorted(draw(st.sets(decimals, min_size=5, max_size=5)))
    holes = draw(st.lists(st.booleans(), min_size=3, max_size=3))
    return (values[0], *(None if hole else v for hole, v in zip(holes, values[1:4])), values[4])


def reverse(levels):
    return tuple(None if v is None else -v for v in levels)


@given(increasing_levels(), st.one_of(st.none(), decimals))
def test_a_score_is_always_between_1_and_5(levels, result):
    assert 1 <= level_score(levels, result) <= 5
    assert 1 <= level_score(reverse(levels), result) <= 5


@given(increasing_levels(), decimals, decimals)
def test_the_score_is_monotone_in_the_result(levels, a, b):
    low, high = min(a, b), max(a, b)
    assert level_score(levels, low) <= level_score(levels, high)
    # Lower is better: a smaller result never scores less.
    assert level_score(reverse(levels), low) >= level_score(reverse(levels), high)


@given(increasing_levels(), st.one_of(st.none(), decimals))
def test_reversing_a_lower_is_better_kpi_gives_the_same_score(levels, result):
    lower_is_better = reverse(levels)
    mirrored = None if result is None else -result
    assert level_score(lower_is_better, result) == level_score(levels, mirrored)


@given(increasing_levels())
def test_a_result_equal_to_a_defined_level_scores_that_level(levels):
    for level, value in enumerate(levels, start=1):
        if value is not None:
            assert level_score(levels, value) == level


@st.composite
def cards(draw):
    """A valid card: 100 split into leaf weights, grouped into KPIs, groups and areas."""
    leaf_count = draw(st.integers(min_value=1, max_value=16))
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=999), min_size=leaf_count - 1,
                               max_size=leaf_count - 1)))
    bounds = [0, *cuts, 1000]
    weights = [D(b - a) / 10 for a, b in zip(bounds, bounds[1:])]  # tenths of a percent, summing to 100
    leaves = []
    for i, weight in enumerate(weights):
        if draw(st.booleans()):
            levels = list(draw(increasing_levels()))
            if draw(st.booleans()):
                levels = list(reverse(levels))
            leaves.append({"name": "k", "weight": str(weight), "levels": [None if v is None else str(v) for v in levels],
                           "result": None if draw(st.booleans()) and i % 3 == 0 else str(draw(decimals)),
                           "deduction": str(draw(st.sampled_from([0, "0.5", 1])))})
        else:
            criteria = draw(st.integers(min_value=1, max_value=4))
            split = [D(100) / criteria] * criteria if 100 % criteria == 0 else [D(50), D(50)]
            leaves.append({"name": "c", "weight": str(weight), "criteria": [
                {"name": f"p{j}", "weight": str(w), "level": str(draw(st.sampled_from([1, 2, "2.5", 3, 4, 5])))}
                for j, w in enumerate(split)]})
    areas, index = [], 0
    while index < len(leaves):
        size = draw(st.integers(min_value=1, max_value=len(leaves) - index))
        members = leaves[index:index + size]
        area_code = str(len(areas) + 1)
        kpis = []
        if size >= 2 and draw(st.booleans()):  # put the area's leaves in one group
            group = {"code": f"{area_code}.1", "name": "g", "weight": str(sum(D(m["weight"]) for m in members)),
                     "kpis": [{**m, "code": f"{area_code}.1.{j + 1}"} for j, m in enumerate(members)]}
            kpis.append(group)
        else:
            kpis = [{**m, "code": f"{area_code}.{j + 1}"} for j, m in enumerate(members)]
        areas.append({"code": area_code, "name": "a", "weight": str(sum(D(m["weight"]) for m in members)), "kpis": kpis})
        index += size
    return {"fund": "f", "fiscal_year": 2567, "round": draw(st.integers(1, 4)),
            "late_days": draw(st.integers(0, 40)), "areas": areas}


@given(cards())
def test_the_total_is_the_sum_of_leaf_weighted_scores_less_the_penalty(data):
    result = scoring.score_card(scoring.read(data))
    leaves = [k for k in result.kpis() if not k.children]
    with localcontext() as ctx:
        ctx.prec = PRECISION  # the precision the core computes with
        assert result.total == sum((k.weighted for k in leaves), D(0)) - result.penalty
    assert result.penalty == min(D(1), D("0.05") * data["late_days"])
    assert 1 - result.penalty <= result.total <= 5
    for area in result.areas:
        assert 1 <= area.score <= 5


@given(cards())
def test_a_group_weighs_the_same_as_its_children(data):
    result = scoring.score_card(scoring.read(data))
    with localcontext() as ctx:
        ctx.prec = PRECISION
        for kpi in result.kpis():
            if kpi.children:
                assert abs(kpi.weighted - sum((c.weighted for c in kpi.children), D(0))) < D("1e-40")


@given(cards())
def test_thai_digits_in_the_file_give_the_same_scores(data):
    # Make every number a JSON string, then write every digit of the file in Thai.
    data = {**data, **{key: str(data[key]) for key in ("fiscal_year", "round", "late_days")}}
    plain = scoring.score_card(scoring.read(data)).as_json()
    thai = scoring.score_card(scoring.read(json.loads(thai_digits(json.dumps(data, ensure_ascii=False))))).as_json()
    assert list(thai["kpis"]) == [thai_digits(code) for code in plain["kpis"]]
    assert list(thai["kpis"].values()) == list(plain["kpis"].values())
    assert list(thai["areas"].values()) == list(plain["areas"].values())
    assert (thai["total"], thai["percent"]) == (plain["total"], plain["percent"])


@given(st.decimals(min_value=0, max_value=5, places=8))
def test_display_rounding_is_within_half_a_unit(value):
    shown = round_half_up(value, 4)
    assert abs(shown - value) <= D("0.00005")


@given(st.integers(min_value=0, max_value=49_999))
def test_display_rounding_takes_ties_up(units):
    # x.xxxx5 exactly: half-up goes to the next unit (banker's rounding would go to even).
    tie = D(units) / 10_000 + D("0.00005")
    assert round_half_up(tie, 4) == D(units + 1) / 10_000
    assert round_half_up(-tie, 4) == -(D(units + 1) / 10_000)


def test_rounding_never_shows_negative_zero():
    assert str(round_half_up(D("-0.00001"), 4)) == "0.0000"
    assert str(round_half_up(D("-0.001"), 2)) == "0.00"


# Arbitrary data shaped loosely like a scorecard: known and unknown field names,
# values of every JSON type, numbers as text in both digit systems.
_FIELDS = ["fund", "fiscal_year", "round", "areas", "code", "name", "weight", "kpis", "levels", "result",
           "criteria", "level", "deduction", "late_days", "previous_total", "unit", "direction", "format", "wieght"]
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), decimals,
                     st.sampled_from(["", "-", "n/a", "๑,๘๐๐.๕", "1,80", "1e999", "abc", "๓", "higher_is_better"]),
                     st.text(max_size=8))
_data = st.recursive(_scalars, lambda children: st.one_of(
    st.lists(children, max_size=6), st.dictionaries(st.sampled_from(_FIELDS), children, max_size=8)), max_leaves=40)


@given(_data)
def test_any_data_either_reads_or_is_refused_with_problems(data):
    try:
        card = scoring.read(data)
    except scoring.ScorecardInvalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            for language in ("th", "en"):
                line = problem.line(language)
                assert "\n" not in line and line.split(": ", 1)[0]
    else:
        json.dumps(scoring.score_card(card).as_json())


@given(cards(), st.sampled_from(["weight", "levels", "result", "criteria", "kpis", "code"]), _scalars)
def test_spoiling_one_field_of_a_valid_card_never_crashes(data, field, value):
    kpi = data["areas"][0]["kpis"][0]
    kpi[field] = value
    try:
        scoring.score_card(scoring.read(data)).as_json()
    except scoring.ScorecardInvalid as invalid:
        assert all(p.line("en") for p in invalid.problems)
