"""Optional report fields of format v1: read into the model, checked like everything else, never scored."""

import copy
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen import scoring
from pramoen.scoring import NO_DETAILS, Inputs, KpiDetails, Narrative, PastResult
from pramoen.scoring.model import NARRATIVE_PARTS
from pramoen.scoring.numbers import round_half_up

from .helpers import area, card, find, levelled, seed001_round2, single
from .test_properties import cards

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "seed001-round2.json"

# Seed-001 KPI 2.1: actual spending / planned spending × 100, as printed.
SPENT, PLANNED = "61,789,457.75", "896,063,976.10"


def problems(data, language="en"):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    return [p.line(language) for p in caught.value.problems]


def kinds(data):
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.read(data)
    return [(p.where, p.kind) for p in caught.value.problems]


def only_kpi(data):
    return scoring.read(data).areas[0].kpis[0]


def percent_kpi(result="6.90", **extra):
    return levelled("2.1", levels=[80, 85, 90, 95, 100], result=result, unit="ร้อยละ", **extra)


def full_kpi() -> dict:
    """A levelled KPI with every report field given."""
    return percent_kpi(
        definition="การเบิกจ่ายเงินตามแผน\nเทียบกับแผนทั้งปี",
        formula="(ผลการเบิกจ่ายจริง / แผนการเบิกจ่าย) × 100",
        history=[
            {"year": 2566, "value": "5.50", "preliminary": True},
            {"year": "๒๕๖๔", "text": "N/A"},
            {"year": 2565, "value": "๑,๒๓๔.๕", "text": None, "preliminary": False},
        ],
        narrative={"reasons": "  ผลต่ำกว่าเป้าหมาย\r\nเพราะ…  ", "factors": "ปัจจัยสนับสนุน", "obstacles": None,
                   "plan": "แผนปีหน้า"},
        evidence=["รายงานการเบิกจ่าย", "  มติ\nคณะกรรมการ  "],
        level_texts=["ร้อยละ 80", "", None, "ขั้นที่ 4\nและ 5", "-"],
        inputs={"numerator": SPENT, "denominator": PLANNED, "numerator_label": "ผลการเบิกจ่ายจริง",
                "denominator_label": " แผนการเบิกจ่าย "},
    )


EXPECTED_DETAILS = KpiDetails(
    definition="การเบิกจ่ายเงินตามแผน\nเทียบกับแผนทั้งปี",
    formula="(ผลการเบิกจ่ายจริง / แผนการเบิกจ่าย) × 100",
    history=(
        PastResult(2564, None, "N/A", False),
        PastResult(2565, D("1234.5"), "", False),
        PastResult(2566, D("5.50"), "", True),
    ),
    narrative=Narrative(reasons="ผลต่ำกว่าเป้าหมาย\nเพราะ…", factors="ปัจจัยสนับสนุน", obstacles="", plan="แผนปีหน้า"),
    evidence=("รายงานการเบิกจ่าย", "มติ คณะกรรมการ"),
    level_texts=("ร้อยละ 80", "", "", "ขั้นที่ 4\nและ 5", "-"),
    inputs=Inputs(D("61789457.75"), D("896063976.10"), "ผลการเบิกจ่ายจริง", "แผนการเบิกจ่าย"),
)


# -- reading -----------------------------------------------------------------------------------------


def test_every_kpi_field_is_read():
    assert only_kpi(single(full_kpi())).details == EXPECTED_DETAILS


def test_top_level_fields_are_read():
    card_ = scoring.read(single(levelled("1.1"), fund_code=" 1-06 ", owner_agency="กรมส่งเสริม\nการเกษตร",
                                fiscal_year_start="๑"))
    assert (card_.fund_code, card_.owner_agency, card_.fiscal_year_start) == ("1-06", "กรมส่งเสริม การเกษตร", 1)
    assert scoring.read(single(levelled("1.1"), fiscal_year_start=10)).fiscal_year_start == 10


def test_the_same_fields_are_read_from_json_text():
    text = json.dumps(single(full_kpi(), fund_code="1-06", fiscal_year_start=10), ensure_ascii=False)
    card_ = scoring.loads(text, "json")
    assert card_.areas[0].kpis[0].details == EXPECTED_DETAILS
    assert card_.fund_code == "1-06"


YAML = """\
fund: กองทุนทดสอบ
fund_code: 1-06
owner_agency: กรมทดสอบ
fiscal_year: ๒๕๖๗
fiscal_year_start: 1
round: 2
areas:
- code: 1
  name: การเงิน
  weight: 100
  kpis:
  - code: 1.10
    name: การเบิกจ่าย
    unit: ร้อยละ
    weight: 60
    levels: [80, 85, 90, 95, 100]
    result: 6.90
    definition: |
      บรรทัดแรก
      บรรทัดที่สอง
    history:
    - {year: 2566, value: "๕.๕", preliminary: TRUE}
    - {year: 2565, text: N/A, preliminary: false}
    narrative:
      reasons: |
        ๑. เหตุผล

        ย่อหน้าที่สอง
      plan: ตามแผน
    evidence: [หนังสือ ที่ 1, รายงาน]
    level_texts:
    - ขั้นที่ 1
    -
    - ''
    - ขั้นที่ 4
    - ขั้นที่ 5
    inputs:
      numerator: 61,789,457.75
      denominator: ๘๙๖,๐๖๓,๙๗๖.๑๐
      numerator_label: ผลจริง
  - code: 1.2
    name: ธรรมาภิบาล
    weight: 40
    history: []
    criteria:
    - name: ประเด็น ก
      weight: 100
      level: 4
      level_texts: [a, b, c, d, e]
      explanation: |
        เพราะ
        ทำครบ
"""


def test_every_field_is_read_from_yaml():
    card_ = scoring.loads(YAML, "yaml")
    assert (card_.fund_code, card_.owner_agency, card_.fiscal_year_start) == ("1-06", "กรมทดสอบ", 1)
    kpi, composite = card_.areas[0].kpis
    assert kpi.code == "1.10"
    assert kpi.details == KpiDetails(
        definition="บรรทัดแรก\nบรรทัดที่สอง",
        history=(PastResult(2565, None, "N/A", False), PastResult(2566, D("5.5"), "", True)),
        narrative=Narrative(reasons="๑. เหตุผล\n\nย่อหน้าที่สอง", plan="ตามแผน"),
        evidence=("หนังสือ ที่ 1", "รายงาน"),
        level_texts=("ขั้นที่ 1", "", "", "ขั้นที่ 4", "ขั้นที่ 5"),
        inputs=Inputs(D("61789457.75"), D("896063976.10"), "ผลจริง", ""),
    )
    assert composite.details is NO_DETAILS
    assert composite.criteria[0].level_texts == ("a", "b", "c", "d", "e")
    assert composite.criteria[0].explanation == "เพราะ\nทำครบ"


def test_groups_and_composites_carry_the_common_fields():
    common = {"definition": "นิยาม", "formula": "สูตร", "history": [{"year": 2566, "value": 3}],
              "narrative": {"factors": "ปัจจัย"}, "evidence": ["เอกสาร"]}
    group = {"code": "3.1", "name": "g", "weight": 100, "kpis": [levelled("3.1.1", 100)], **common}
    composite = {"code": "4.1", "name": "c", "weight": 100, "criteria": [{"name": "a", "weight": 100, "level": 5}],
                 **common}
    expected = KpiDetails(definition="นิยาม", formula="สูตร", history=(PastResult(2566, D(3)),),
                          narrative=Narrative(factors="ปัจจัย"), evidence=("เอกสาร",))
    assert only_kpi(single(group)).details == expected
    assert only_kpi(single(composite)).details == expected


def test_without_report_fields_the_defaults_apply():
    card_ = scoring.read(seed001_round2())
    assert (card_.fund_code, card_.owner_agency, card_.fiscal_year_start) == ("", "", 10)
    for kpi in scoring.score_card(card_).kpis():
        assert kpi.kpi.details is NO_DETAILS
    criteria = next(k for a in card_.areas for k in a.kpis if k.code == "4.1").criteria
    assert all(c.level_texts == () and c.explanation == "" for c in criteria)


def test_null_report_fields_mean_not_given():
    kpi = levelled("1.1", definition=None, formula=None, history=None, narrative=None, evidence=None,
                   level_texts=None, inputs=None)
    data = single(kpi, fund_code=None, owner_agency=None, fiscal_year_start=None)
    card_ = scoring.read(data)
    assert card_.areas[0].kpis[0].details is NO_DETAILS
    assert (card_.fund_code, card_.owner_agency, card_.fiscal_year_start) == ("", "", 10)
    assert only_kpi(single(levelled("1.1", history=[], evidence=[], narrative={}))).details is NO_DETAILS


def test_history_is_sorted_by_year():
    kpi = levelled("1.1", history=[{"year": y} for y in (2566, 2563, 2565)])
    assert [r.year for r in only_kpi(single(kpi)).details.history] == [2563, 2565, 2566]


@pytest.mark.parametrize("value", ["true", "True", "TRUE", " true ", True])
def test_preliminary_true_may_be_written_several_ways(value):
    kpi = levelled("1.1", history=[{"year": 2566, "preliminary": value}])
    assert only_kpi(single(kpi)).details.history[0].preliminary is True


@pytest.mark.parametrize("value", ["n/a", "-", "", None])
def test_a_past_value_may_be_no_value_like_a_result(value):
    kpi = levelled("1.1", history=[{"year": 2566, "value": value, "text": "N/A"}])
    assert only_kpi(single(kpi)).details.history[0] == PastResult(2566, None, "N/A", False)


def test_a_percentage_result_that_agrees_with_its_inputs_reads():
    for result in ("6.90", "6.9", "๖.๘๙๕๗", 7):
        assert only_kpi(single(percent_kpi(result, inputs={"numerator": SPENT, "denominator": PLANNED})))
    # Inputs are not checked when there is no result yet, nor for other units.
    assert only_kpi(single(percent_kpi("n/a", inputs={"numerator": SPENT, "denominator": PLANNED})))
    assert only_kpi(single(levelled("1.1", unit="ล้านบาท", inputs={"numerator": 1, "denominator": 3}))).details.inputs


# -- problems ----------------------------------------------------------------------------------------


def test_unknown_keys_in_history_narrative_and_inputs_are_refused_with_a_suggestion():
    kpi = levelled("1.1", history=[{"year": 2566}, {"yaer": 2565}], narrative={"reson": "x"},
                   inputs={"numerator": 1, "denominator": 2, "numerator_lable": "x"})
    assert problems(single(kpi)) == [
        "1.1: “history” item 2: unknown field “yaer” (did you mean “year”?)",
        "1.1: “history” item 2: required field “year” is missing",
        "1.1: “narrative”: unknown field “reson” (did you mean “reasons”?)",
        "1.1: “inputs”: unknown field “numerator_lable” (did you mean “numerator_label”?)",
    ]
    assert problems(single(kpi), "th")[2] == (
        "1.1: คำอธิบายผลการดำเนินงาน (“narrative”): ไม่รู้จักช่อง “reson” (หมายถึง “reasons” หรือไม่)")


def test_a_typo_in_a_report_field_name_gets_a_suggestion():
    kpi = levelled("1.1", defintion="x")
    assert problems(single(kpi)) == ["1.1: unknown field “defintion” (did you mean “definition”?)"]
    crit = {"code": "4.1", "name": "c", "weight": 100,
            "criteria": [{"name": "a", "weight": 100, "level": 5, "explaination": "x"}]}
    assert problems(single(crit)) == [
        "4.1: criterion 1 “a”: unknown field “explaination” (did you mean “explanation”?)"]


def test_a_ce_year_in_history_is_refused_with_the_be_year():
    kpi = levelled("1.1", history=[{"year": 2023, "value": 5}])
    assert problems(single(kpi)) == [
        "1.1: “history” item 1: fiscal year 2023 is a CE year: use the Buddhist-era year (2566)"]
    assert problems(single(kpi), "th") == [
        "1.1: ผลการดำเนินงานที่ผ่านมา (“history”) รายการที่ 1: ปีบัญชี 2023 เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. (2566)"]


@pytest.mark.parametrize("year, kind", [(99, "fiscal_year_range"), ("2566.5", "not_integer"), ("ปีก่อน", "not_number"),
                                        (None, "not_number")])
def test_a_history_year_is_a_buddhist_era_year(year, kind):
    assert kinds(single(levelled("1.1", history=[{"year": year}]))) == [("1.1", kind)]


def test_a_year_given_twice_in_history_is_named():
    kpi = levelled("1.1", history=[{"year": 2565}, {"year": "๒๕๖๖"}, {"year": 2566, "value": 1}])
    assert problems(single(kpi)) == ["1.1: the result of 2566 is given more than once in “history”"]
    assert problems(single(kpi), "th") == ["1.1: ระบุผลการดำเนินงานของปี 2566 ซ้ำมากกว่า 1 ครั้ง"]


@pytest.mark.parametrize("value", ["yes", "no", "1", 1, "จริง", [True]])
def test_preliminary_must_be_true_or_false(value):
    found = problems(single(levelled("1.1", history=[{"year": 2566, "preliminary": value}])))
    assert len(found) == 1 and found[0].startswith("1.1: “history” item 1: “preliminary” must be true or false, got")


def test_a_yes_in_yaml_is_not_a_boolean():
    text = YAML.replace("preliminary: TRUE", "preliminary: yes")
    with pytest.raises(scoring.ScorecardInvalid) as caught:
        scoring.loads(text, "yaml")
    assert [p.line("en") for p in caught.value.problems] == [
        "1.10: “history” item 1: “preliminary” must be true or false, got “yes”"]


@pytest.mark.parametrize("count", [0, 4, 6])
def test_level_texts_must_be_five(count):
    kpi = levelled("1.1", level_texts=["x"] * count)
    assert problems(single(kpi)) == [f"1.1: “level_texts” must have 5 texts (levels 1 to 5), got {count}"]
    crit = {"code": "4.1", "name": "c", "weight": 100,
            "criteria": [{"name": "a", "weight": 100, "level": 5, "level_texts": ["x"] * count}]}
    assert problems(single(crit)) == [
        f"4.1: criterion 1 “a”: “level_texts” must have 5 texts (levels 1 to 5), got {count}"]


def test_level_texts_are_texts_in_a_list():
    assert kinds(single(levelled("1.1", level_texts="ขั้นที่ 1"))) == [("1.1", "not_list")]
    assert problems(single(levelled("1.1", level_texts=["a", 2, "c", "d", "e"]))) == [
        "1.1: “level_texts[2]” must be text, got 2"]


@pytest.mark.parametrize("field, value", [("level_texts", ["a"] * 5), ("inputs", {"numerator": 1, "denominator": 2})])
def test_levelled_only_fields_are_refused_on_groups_and_composites(field, value):
    composite = {"code": "4.1", "name": "c", "weight": 100, "criteria": [{"name": "a", "weight": 100, "level": 5}],
                 field: value}
    assert problems(single(composite)) == [f"4.1: a composite KPI cannot have the field “{field}”"]
    group = {"code": "3.1", "name": "g", "weight": 100, "kpis": [levelled("3.1.1", 100)], field: value}
    assert problems(single(group)) == [f"3.1: a group KPI cannot have the field “{field}”"]


def test_the_denominator_must_not_be_zero():
    kpi = percent_kpi(inputs={"numerator": 5, "denominator": "๐.๐๐"})
    assert problems(single(kpi)) == ["2.1: “inputs”: the denominator “denominator” must not be 0"]


def test_inputs_need_both_numbers():
    kpi = percent_kpi(inputs={"numerator": "ห้า", "numerator_label": 3})
    assert problems(single(kpi)) == [
        "2.1: “inputs”: required field “denominator” is missing",
        "2.1: “inputs”: “numerator” must be a number, got “ห้า”",
        "2.1: “inputs”: “numerator_label” must be text, got 3",
    ]
    assert kinds(single(percent_kpi(inputs=[1, 2]))) == [("2.1", "not_object")]


def test_a_percentage_result_that_disagrees_with_its_inputs_is_refused():
    kpi = percent_kpi("6.95", inputs={"numerator": SPENT, "denominator": PLANNED})
    assert problems(single(kpi)) == [
        "2.1: the result 6.95 does not agree with its inputs: 61789457.75 × 100 / 896063976.1 = 6.90"
        " (rounded to 2 decimal places)"]
    assert problems(single(kpi), "th") == [
        "2.1: ผลการดำเนินงาน 6.95 ไม่ตรงกับตัวตั้งและตัวหาร: 61789457.75 × 100 / 896063976.1 = 6.90"
        " (ปัดเป็นทศนิยม 2 ตำแหน่ง)"]


def test_the_inputs_check_rounds_half_up_to_the_places_of_the_result():
    inputs = {"numerator": 1, "denominator": 8}  # 12.5 exactly
    assert only_kpi(single(percent_kpi("13", inputs=inputs)))
    assert kinds(single(percent_kpi("12", inputs=inputs))) == [("2.1", "inputs_mismatch")]
    assert kinds(single(percent_kpi("12.50", inputs={"numerator": 1, "denominator": 3}))) == [
        ("2.1", "inputs_mismatch")]


@pytest.mark.parametrize("month", [7, 0, 12, "ตุลาคม", "10.5"])
def test_the_fiscal_year_starts_in_october_or_january(month):
    found = kinds(single(levelled("1.1"), fiscal_year_start=month))
    assert found[0][0] == "fiscal_year_start" and len(found) == 1
    if month == 7:
        assert problems(single(levelled("1.1"), fiscal_year_start=7)) == [
            "fiscal_year_start: the fiscal year must start in month 10 (1 October to 30 September) or 1"
            " (1 January to 31 December), got 7"]


@pytest.mark.parametrize("field, value", [("definition", 5), ("formula", ["a"]), ("narrative", "ข้อความ"),
                                          ("history", {"year": 2566}), ("evidence", "รายงาน")])
def test_report_fields_have_their_types(field, value):
    found = kinds(single(levelled("1.1", **{field: value})))
    assert found == [("1.1", {"definition": "text_expected", "formula": "text_expected", "narrative": "not_object",
                              "history": "not_list", "evidence": "not_list"}[field])]


def test_evidence_items_are_non_empty_texts():
    assert problems(single(levelled("1.1", evidence=["ก", " ", 3]))) == [
        "1.1: “evidence[2]” must be non-empty text", "1.1: “evidence[3]” must be non-empty text"]


def test_top_level_texts_must_be_texts():
    assert kinds(single(levelled("1.1"), fund_code=106, owner_agency=["a"])) == [
        ("fund_code", "text_expected"), ("owner_agency", "text_expected")]


def test_every_problem_is_reported_at_once():
    data = seed001_round2()
    data["fiscal_year_start"] = 7
    find(data, "1.1")["history"] = [{"year": 2023}, {"year": 2566, "preliminary": "yes"}, {"year": 2566}]
    find(data, "1.2")["narrative"] = {"plans": "x"}
    find(data, "2.1")["inputs"] = {"numerator": 1, "denominator": 0}
    find(data, "3.2")["level_texts"] = ["a", "b"]
    find(data, "4.1")["inputs"] = {"numerator": 1, "denominator": 2}
    find(data, "4.1")["criteria"][0]["level_texts"] = ["x"]
    find(data, "6.1")["evidence"] = [""]
    find(data, "6.1.1")["wieght"] = 1
    found = kinds(data)
    for expected in [("fiscal_year_start", "fiscal_year_start"), ("1.1", "fiscal_year_ce"), ("1.1", "not_boolean"),
                     ("1.1", "history_year_duplicate"), ("1.2", "unknown_field"), ("2.1", "zero_denominator"),
                     ("3.2", "level_texts_count"), ("4.1", "field_not_for_kind"), ("4.1", "level_texts_count"),
                     ("6.1", "not_text"), ("6.1.1", "unknown_field")]:
        assert expected in found
    for line in problems(data) + problems(data, "th"):
        assert "\n" not in line


def test_a_multi_line_bad_value_stays_on_one_line():
    assert problems(single(levelled("1.1", history=[{"year": "25\n66"}]))) == [
        "1.1: “history” item 1: “year” must be a number, got “25\\n66”"]


# -- details never change a score ----------------------------------------------------------------------


def test_the_seed001_example_still_scores_2_0179():
    result = scoring.score_card(scoring.load_path(EXAMPLE))
    assert round_half_up(result.total, 4) == D("2.0179")


def test_the_seed001_card_with_every_detail_scores_the_same():
    plain = scoring.score_card(scoring.read(seed001_round2())).as_json()
    data = seed001_round2()
    data.update(fund_code="1-06", owner_agency="กรม", fiscal_year_start=10)
    for kpi in ("1.1", "3.1", "4.1", "6.1.1"):
        find(data, kpi).update(definition="d", formula="f", history=[{"year": 2566, "value": 2}],
                               narrative={"reasons": "r"}, evidence=["e"])
    find(data, "1.1")["level_texts"] = ["1", "2", "3", "4", "5"]
    find(data, "4.1")["criteria"][0].update(level_texts=["a", "b", "c", "d", "e"], explanation="x")
    assert scoring.score_card(scoring.read(data)).as_json() == plain


_details = st.fixed_dictionaries({}, optional={
    "definition": st.text(max_size=20),
    "formula": st.text(max_size=20),
    "history": st.lists(st.integers(2500, 2700), unique=True, max_size=4).map(
        lambda years: [{"year": y, "value": str(y % 97), "preliminary": y % 2 == 0} for y in years]),
    "narrative": st.fixed_dictionaries({}, optional={part: st.text(max_size=20) for part in NARRATIVE_PARTS}),
    "evidence": st.lists(st.text(min_size=1, max_size=10).filter(str.strip), max_size=3),
})


@given(cards(), st.data())
def test_details_never_change_a_score(data, draw):
    plain = scoring.score_card(scoring.read(data)).as_json()
    detailed = copy.deepcopy(data)
    top = {"fund_code": st.text(max_size=8), "owner_agency": st.text(max_size=8),
           "fiscal_year_start": st.sampled_from([1, 10])}
    detailed.update(draw.draw(st.fixed_dictionaries({}, optional=top)))
    for a in detailed["areas"]:
        stack = list(a["kpis"])
        while stack:
            kpi = stack.pop()
            kpi.update(draw.draw(_details))
            stack.extend(kpi.get("kpis", []))
            if "levels" in kpi and draw.draw(st.booleans()):
                kpi["level_texts"] = draw.draw(st.lists(st.text(max_size=5), min_size=5, max_size=5))
            for criterion in kpi.get("criteria", []):
                criterion["explanation"] = draw.draw(st.text(max_size=10))
    assert scoring.score_card(scoring.read(detailed)).as_json() == plain


def test_a_card_without_details_equals_one_with_empty_details():
    bare = scoring.read(card(area("1", 100, levelled("1.1", 100))))
    empty = scoring.read(card(area("1", 100, levelled("1.1", 100, history=[], narrative={"plan": ""}, evidence=[]))))
    assert bare == empty
