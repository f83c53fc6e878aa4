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


@pytest.mark.parametrize("levels, kind", [([1, 2, 3, 4], "levels_count"), ([1, 2, 3, 4, 5, 6], "levels_count"),
                                          ("1-5", "not_list")])
def test_there_must_be_five_levels(levels, kind):
    kpi = levelled("1.1")
    kpi["levels"] = levels
    assert kinds(single(kpi)) == [("1.1", kind)]


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
    assert found == [f"4.1: criterion 1 “ประเด็น ก”: the level must be from 1 to 5, got {level}"]


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


# -- sums are checked even when something else is wrong too ---------------------------------------


def test_the_area_total_is_checked_when_a_kpi_has_another_problem():
    data = card(area("1", 60, levelled("1.1", 60, note="x")), area("2", 30, levelled("2.1", 30)))
    assert kinds(data) == [("1.1", "unknown_field"), ("areas", "area_weights_sum")]


def test_an_area_is_checked_when_one_of_its_kpis_has_a_bad_result():
    data = card(area("1", 100, levelled("1.1", 50, result="abc"), levelled("1.2", 40)))
    assert kinds(data) == [("1.1", "not_number"), ("1", "area_kpi_weights_sum")]


def test_a_group_is_checked_when_a_child_has_another_problem():
    group = {"code": "1.1", "name": "g", "weight": 100,
             "kpis": [levelled("1.1.1", 50, note="x"), levelled("1.1.2", 40)]}
    assert kinds(single(group)) == [("1.1.1", "unknown_field"), ("1.1", "group_weights_sum")]


def test_criteria_are_checked_when_a_criterion_has_another_problem():
    kpi = {"code": "4.1", "name": "x", "weight": 100,
           "criteria": [{"name": "a", "weight": 50, "levle": 5}, {"name": "b", "weight": 60, "level": 3}]}
    assert problems(single(kpi)) == [
        "4.1: criterion 1 “a”: unknown field “levle” (did you mean “level”?)",
        "4.1: criterion 1 “a”: required field “level” is missing",
        "4.1: the criteria weights add up to 110, but must add up to 100",
    ]


def test_both_missing_end_levels_are_named_beside_a_bad_level():
    assert problems(single(levelled("1.1", levels=["x", 2, 3, 4, None]))) == [
        "1.1: level 1 must be a number, or null when not defined, got “x”",
        "1.1: level 5 must be defined (levels 1 and 5 cannot be null)",
    ]


def test_a_sum_is_not_guessed_when_a_weight_cannot_be_read():
    data = card(area("1", 60, levelled("1.1", "หก")), area("2", 30, levelled("2.1", 30)))
    assert kinds(data) == [("1.1", "not_number"), ("areas", "area_weights_sum")]


def test_sums_are_exact():
    # 28 significant digits (Python's default) would round this sum to 100.
    data = card(area("1", 50, levelled("1.1", 50)), area("2", "50.00000000000000000001", levelled("2.1", "50.00000000000000000001")))
    assert problems(data) == ["areas: the area weights add up to 100.00000000000000000001, but must add up to 100"]


# -- problems inside criteria, weights everywhere, optional fields -----------------------------------


def test_problems_in_a_criterion_name_the_criterion():
    kpi = {"code": "1.1", "name": "x", "weight": 100,
           "criteria": [{"name": "a", "weight": "x", "level": 5}, {"name": "b", "wieght": 50, "level": 5}]}
    assert problems(single(kpi)) == [
        "1.1: criterion 1 “a”: “weight” must be a number, got “x”",
        "1.1: criterion 2 “b”: unknown field “wieght” (did you mean “weight”?)",
        "1.1: criterion 2 “b”: required field “weight” is missing",
    ]
    assert problems(single(kpi), "th")[0] == "1.1: ประเด็นที่ 1 “a”: “weight” ต้องเป็นตัวเลข แต่ได้ “x”"


@pytest.mark.parametrize("weight", [0, -10])
def test_criterion_and_area_weights_must_be_positive(weight):
    kpi = {"code": "4.1", "name": "x", "weight": 100,
           "criteria": [{"name": "a", "weight": weight, "level": 5}, {"name": "b", "weight": 100, "level": 3}]}
    assert kinds(single(kpi)) == [("4.1", "not_positive")]
    data = card(area("1", weight, levelled("1.1", 100)))
    assert ("1", "not_positive") in kinds(data)


def test_unknown_fields_inside_a_criterion_and_a_group_are_refused():
    kpi = {"code": "4.1", "name": "x", "weight": 100, "criteria": [{"name": "a", "weight": 100, "level": 5, "note": 1}]}
    assert problems(single(kpi)) == ["4.1: criterion 1 “a”: unknown field “note”"]
    group = {"code": "3.1", "name": "g", "weight": 100, "colour": "red", "kpis": [levelled("3.1.1", 100)]}
    assert kinds(single(group)) == [("3.1", "unknown_field")]


def test_a_composite_deduction_must_not_be_negative():
    kpi = {"code": "4.1", "name": "x", "weight": 100, "deduction": "-0.5",
           "criteria": [{"name": "a", "weight": 100, "level": 5}]}
    assert kinds(single(kpi)) == [("4.1", "negative")]


def test_null_optional_fields_mean_not_given():
    card_ = scoring.read(single(levelled("1.1", deduction=None, direction=None), previous_total=None,
                                late_days=None, format=None))
    assert (card_.previous_total, card_.late_days) == (None, 0)
    assert card_.areas[0].kpis[0].deduction == 0


def test_a_criterion_not_assessed_is_level_1():
    kpi = {"code": "4.1", "name": "x", "weight": 100,
           "criteria": [{"name": "a", "weight": 50, "level": None}, {"name": "b", "weight": 50, "level": "n/a"}]}
    assert scoring.score_card(scoring.read(single(kpi))).total == 1


def test_numbers_out_of_range_are_refused_with_the_limits():
    data = single(levelled("1.1", levels=[1, 2, 3, 4, "1e1000000"], result="9" * 5000), previous_total="1e-30")
    assert problems(data) == [
        "previous_total: “previous_total” is out of range (at most 15 digits before the decimal point and 20 after),"
        " got “1e-30”",
        "1.1: “levels[5]” is out of range (at most 15 digits before the decimal point and 20 after), got “1e1000000”",
        "1.1: “result” is out of range (at most 15 digits before the decimal point and 20 after),"
        " got “999999999999999999999999999999999999999…”",
    ]


def test_a_whole_number_field_refuses_huge_values():
    assert kinds(single(levelled("1.1"), late_days="9" * 5000, fiscal_year="9" * 5000)) == [
        ("fiscal_year", "number_out_of_range"), ("late_days", "number_out_of_range")]


# -- codes and one-line messages -------------------------------------------------------------------


@pytest.mark.parametrize("code", ["1 1", "1\n2", "x" * 41])
def test_a_code_is_one_short_word(code):
    data = single(levelled(code.replace("\\n", "\n")))
    assert kinds(data) == [("1.kpis[0]", "bad_code")]


def test_every_problem_is_one_line():
    data = single(levelled("1.1", result="12\nabc"))
    data["areas"][0]["kpis"][0]["bad\nfield"] = 1
    for line in problems(data) + problems(data, "th"):
        assert "\n" not in line and line.startswith("1.1: ")
    assert "1.1: “result” must be a number, got “12\\nabc”" in problems(data)


def test_names_are_tidied_but_thai_marks_kept():
    card_ = scoring.read(single(levelled("1.1", name="  ร้อยละของ\nการเบิกจ่าย  ")))
    assert card_.areas[0].kpis[0].name == "ร้อยละของ การเบิกจ่าย"


def nested(groups: int) -> dict:
    kpi = levelled("leaf", 100)
    for index in reversed(range(groups)):
        kpi = {"code": f"g{index}", "name": "g", "weight": 100, "kpis": [kpi]}
    return single(kpi)


def test_groups_nest_at_most_eight_levels_deep():
    assert scoring.score_card(scoring.read(nested(7))).kpi("leaf").score == 3
    assert kinds(nested(8)) == [("g7", "too_deep")]
    assert kinds(nested(100)) == [("g7", "too_deep")]  # the reader stops descending at the limit
