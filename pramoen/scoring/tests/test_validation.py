"""Validation: every problem reported at once, each naming the KPI or area code."""

import re
import string

import pytest

from pramoen import scoring
from pramoen.scoring.problems import MESSAGES, Problem

from .helpers import area, card, find, levelled, seed001_round2, single


def problems(data, language="en"):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    return [p.line(language) for p in caught.value.problems]


def kinds(data):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    return [(p.where, p.kind) for p in caught.value.problems]


def test_a_valid_card_reads():
    assert scoring.read(seed001_round2()).fiscal_year == 2567


def test_it_reports_every_problem_at_once():
    data = seed001_round2()
    find(data, "1.1")["wieght"] = find(data, "1.1").pop("weight")
    find(data, "2.2")["levels"] = [1900, 1950, 1940, 2050, 2100]
    find(data, "3.2")["result"] = "หนึ่ง"
    find(data, "4.1")["criteria"][0]["level"] = 6
    find(data, "5.2")["weight"] = -5
    data["areas"][5]["weight"] = "สิบ"
    found = kinds(data)
    assert ("1.1", "unknown_field") in found
    assert ("1.1", "missing_field") in found
    assert ("2.2", "levels_not_monotonic") in found
    assert ("3.2", "not_number") in found
    assert ("4.1", "criterion_level_range") in found
    assert ("5.2", "not_positive") in found
    assert ("6", "not_number") in found


def test_a_typo_in_a_field_name_is_an_error_with_a_suggestion():
    data = single(levelled("1.1"))
    data["areas"][0]["kpis"][0]["reslut"] = 3
    assert "1.1: unknown field “reslut” (did you mean “result”?)" in problems(data)


def test_unknown_fields_are_refused_at_every_level():
    data = single(levelled("1.1"))
    data["year"] = 2567
    data["areas"][0]["colour"] = "red"
    assert [w for w, k in kinds(data) if k == "unknown_field"] == ["scorecard", "1"]


def test_missing_required_fields_are_named():
    data = {"areas": [{"code": "1", "kpis": [{"code": "1.1", "levels": [1, 2, 3, 4, 5]}]}]}
    found = problems(data)
    for expected in ["scorecard: required field “fund” is missing", "scorecard: required field “fiscal_year” is missing",
                     "scorecard: required field “round” is missing", "1: required field “name” is missing",
                     "1: required field “weight” is missing", "1.1: required field “result” is missing",
                     "1.1: required field “weight” is missing", "1.1: required field “name” is missing"]:
        assert expected in found


def test_area_weights_must_add_up_to_100():
    data = card(area("1", 60, levelled("1.1", 60)), area("2", 30, levelled("2.1", 30)))
    assert problems(data) == ["areas: the area weights add up to 90, but must add up to 100"]


def test_kpi_weights_must_add_up_to_the_area_weight():
    data = card(area("1", 60, levelled("1.1", 30), levelled("1.2", 20)), area("2", 40, levelled("2.1", 40)))
    assert problems(data) == ["1: the weights of this area's KPIs add up to 50, but must equal the area weight (60)"]


def test_child_weights_must_add_up_to_the_group_weight():
    group = {"code": "3.1", "name": "g", "weight": 15, "kpis": [levelled("3.1.1", "7.5"), levelled("3.1.2", 7)]}
    assert problems(single(group)) == [
        "3.1: the weights of the child KPIs add up to 14.5, but must equal the weight of KPI 3.1 (100)"]


def test_criteria_weights_must_add_up_to_100():
    kpi = {"code": "4.1", "name": "x", "weight": 100,
           "criteria": [{"name": "a", "weight": 50, "level": 5}, {"name": "b", "weight": 55, "level": 3}]}
    assert problems(single(kpi)) == ["4.1: the criteria weights add up to 105, but must add up to 100"]


def test_seed_5_1_as_printed_is_rejected():
    # The printed 5.1 sub-weights add up to 105 (rfes-report §4, 5.1).
    data = seed001_round2()
    find(data, "5.1")["criteria"][-1]["weight"] = 10
    assert problems(data) == ["5.1: the criteria weights add up to 105, but must add up to 100"]


@pytest.mark.parametrize("weight", [-5, 0, "-1"])
def test_weights_must_be_positive(weight):
    data = card(area("1", 100, levelled("1.1", weight), levelled("1.2", 100)))
    assert ("1.1", "not_positive") in kinds(data)


@pytest.mark.parametrize("levels", [[1, 2, 2, 4, 5], [1, 3, 2, 4, 5], [5, 4, 4, 2, 1], [1, None, 3, 2, 5], [3, 3, 3, 3, 3]])
def test_levels_must_be_strictly_monotonic(levels):
    assert kinds(single(levelled("1.1", levels=levels))) == [("1.1", "levels_not_monotonic")]


@pytest.mark.parametrize("levels, missing", [([None, 2, 3, 4, 5], [1]), ([1, 2, 3, 4, "-"], [5]),
                                             ([None, 2, 3, 4, None], [1, 5])])
def test_levels_1_and_5_must_be_defined(levels, missing):
    found = problems(single(levelled("1.1", levels=levels)))
    assert found == [f"1.1: level {n} must be defined (levels 1 and 5 cannot be null)" for n in missing]


def test_intermediate_levels_may_be_left_undefined():
    card_ = scoring.read(single(levelled("1.1", levels=[1, None, "-", "", 5])))
    assert card_.areas[0].kpis[0].levels[1:4] == (None, None, None)


@pytest.mark.parametrize("levels", [[1, 2, 3, 4], [1, 2, 3, 4, 5, 6], "1-5"])
def test_there_must_be_five_levels(levels):
    assert kinds(single(levelled("1.1", levels=levels)))[0][0] == "1.1"


def test_a_level_value_must_be_a_number():
    assert problems(single(levelled("1.1", levels=[1, "สอง", 3, 4, 5]))) == [
        "1.1: level 2 must be a number, or null when not defined, got “สอง”"]


def test_a_declared_direction_must_match_the_levels():
    kpi = levelled("1.1", levels=[5, 4, 3, 2, 1], direction="higher_is_better")
    assert kinds(single(kpi)) == [("1.1", "direction_mismatch")]
    assert kinds(single(levelled("1.1", direction="up"))) == [("1.1", "direction_unknown")]
    assert scoring.read(single(levelled("1.1", levels=[5, 4, 3, 2, 1], direction="lower_is_better")))


@pytest.mark.parametrize("level", [0, "5.5", -1, 6])
def test_criterion_levels_must_be_within_1_to_5(level):
    kpi = {"code": "4.1", "name": "x", "weight": 100, "criteria": [{"name": "ประเด็น ก", "weight": 100, "level": level}]}
    found = problems(single(kpi))
    assert len(found) == 1 and found[0].startswith("4.1: the level of criterion “ประเด็น ก” must be from 1 to 5")


def test_a_kpi_needs_exactly_one_kind():
    assert kinds(single({"code": "1.1", "name": "x", "weight": 100})) == [("1.1", "kind_missing")]
    both = levelled("1.1", criteria=[{"name": "a", "weight": 100, "level": 3}])
    assert kinds(single(both)) == [("1.1", "kind_ambiguous")]


def test_fields_of_another_kind_are_named():
    group = {"code": "3.1", "name": "g", "weight": 100, "result": 3, "kpis": [levelled("3.1.1", 100)]}
    assert problems(single(group)) == ["3.1: a group KPI cannot have the field “result”"]


def test_deductions_must_not_be_negative_and_groups_have_none():
    assert kinds(single(levelled("1.1", deduction=-0.5))) == [("1.1", "negative")]
    group = {"code": "3.1", "name": "g", "weight": 100, "deduction": 1, "kpis": [levelled("3.1.1", 100)]}
    assert kinds(single(group)) == [("3.1", "field_not_for_kind")]


@pytest.mark.parametrize("value", [True, "abc", "12 ไร่", [3], {"v": 3}])
def test_a_result_must_be_a_number_or_no_result(value):
    assert kinds(single(levelled("1.1", result=value))) == [("1.1", "not_number")]


@pytest.mark.parametrize("value", [None, "n/a", "N/A", "-", ""])
def test_no_result_may_be_written_several_ways(value):
    assert scoring.read(single(levelled("1.1", result=value))).areas[0].kpis[0].result is None


def test_codes_must_be_unique():
    data = card(area("1", 50, levelled("1.1", 50)), area("1", 50, levelled("1.1", 50)))
    found = problems(data)
    assert "1: code 1 is used more than once (also at areas[0])" in found
    assert "1.1: code 1.1 is used more than once (also at 1.kpis[0])" in found


def test_a_kpi_without_a_code_is_named_by_its_position():
    kpi = levelled("x")
    del kpi["code"]
    assert ("1.kpis[0]", "missing_field") in kinds(single(kpi))


@pytest.mark.parametrize("year, kind", [(2024, "fiscal_year_ce"), (99, "fiscal_year_range"), ("2567.5", "not_integer"),
                                        ("ปีนี้", "not_number")])
def test_the_fiscal_year_is_a_buddhist_era_year(year, kind):
    assert kinds(single(levelled("1.1"), fiscal_year=year)) == [("fiscal_year", kind)]


def test_a_ce_year_gets_the_be_year_suggested():
    assert problems(single(levelled("1.1"), fiscal_year=2024)) == [
        "fiscal_year: fiscal year 2024 is a CE year: use the Buddhist-era year (2567)"]


@pytest.mark.parametrize("value, kind", [(0, "round_range"), (5, "round_range"), ("สอง", "not_number")])
def test_the_round_is_1_to_4(value, kind):
    assert kinds(single(levelled("1.1"), round=value)) == [("round", kind)]


def test_top_level_options_are_checked():
    data = single(levelled("1.1"), previous_total=0, late_days=-2, format="pramoen-scorecard/9")
    assert kinds(data) == [("format", "format_unknown"), ("previous_total", "not_positive"), ("late_days", "negative")]


def test_thai_digit_strings_are_accepted_everywhere():
    data = card(area("๑", "๑๐๐", levelled("๑.๑", "๑๐๐", levels=["๑๑", "๑๒", "๑๓", "๑๔", "๑๖"], result="๑๕")),
                fiscal_year="๒๕๖๗", round="๒", late_days="๐", previous_total="๑.๓๒๒๐")
    result = scoring.score_card(scoring.read(data))
    assert result.kpi("๑.๑").score == 4.5


def test_the_scorecard_must_be_a_mapping_with_lists_where_lists_belong():
    assert kinds([1, 2]) == [("scorecard", "not_object")]
    assert ("areas", "empty_list") in kinds(card())
    data = single(levelled("1.1"))
    data["areas"][0]["kpis"] = {"1.1": {}}
    assert ("1", "not_list") in kinds(data)


def test_messages_are_in_thai_by_default():
    data = card(area("1", 60, levelled("1.1", 60)), area("2", 30, levelled("2.1", 30)))
    assert problems(data, "th") == ["areas: น้ำหนักของทุกด้านรวมกันได้ 90 แต่ต้องเท่ากับ 100"]
    found = problems(single(levelled("1.1", wieght=3)), "th")
    assert found == ["1.1: ไม่รู้จักช่อง “wieght” (หมายถึง “weight” หรือไม่)"]


def test_every_message_has_the_same_placeholders_in_both_languages():
    for kind, (thai, english) in MESSAGES.items():
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (thai, english)]
        assert fields[0] == fields[1], kind
        assert re.search(r"[\u0e00-\u0e7f]", thai), kind


def test_a_problem_line_starts_with_where_it_is():
    assert Problem("6.1", "not_list", {"field": "kpis"}).line("en") == "6.1: “kpis” must be a list"
