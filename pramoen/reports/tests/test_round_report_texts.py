"""Texts of the round report's layout that once read wrong (no rendering: the layout only)."""

from __future__ import annotations

from pramoen import scoring
from pramoen.reports.formats import Options
from pramoen.reports.layout import Paragraph
from pramoen.reports.round_report import RoundScores, build


def card(**top) -> dict:
    """One area: a group of three equal sub-KPIs (a third each) and a levelled KPI."""
    leaf = {"name": "ย่อย", "weight": "20", "unit": "ร้อยละ", "levels": ["1", "2", "3", "4", "5"], "result": "3"}
    return {
        "fund": "กองทุนทดสอบ", "fiscal_year": 2567, "round": 2,
        "areas": [{"code": "1", "name": "การเงิน", "weight": "100", "kpis": [
            {"code": "1.1", "name": "กลุ่ม", "weight": "60",
             "kpis": [{**leaf, "code": f"1.1.{n}"} for n in (1, 2, 3)]},
            {**leaf, "code": "1.2", "weight": "40"},
        ]}],
        **top,
    }


def document(options: Options | None = None, **top):
    return build(RoundScores(scoring.score_card(scoring.read(card(**top))), {}), options)


def closing(doc) -> str:
    return next(b.text for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("จากข้อมูลข้างต้น"))


def test_a_sub_kpis_share_of_its_group_is_printed_to_two_places():
    rows = document().table("kpi-1.1-parts").rows
    shares = [row[2] for row in rows[:3]]
    assert [s.text for s in shares] == ["๓๓.๓๓"] * 3
    assert {str(s.value) for s in shares} == {"33.33"}  # the workbook's number is the one printed
    arabic = document(Options(thai_digits=False)).table("kpi-1.1-parts").rows
    assert [row[2].text for row in arabic[:3]] == ["33.33"] * 3


def test_round_1_compares_with_the_last_round_of_the_year_before():
    text = closing(document(round=1, previous_total="3.5"))
    assert "ไตรมาส ๐" not in text
    assert "ซึ่งผลการดำเนินงานไตรมาส ๑ ลดลงจากรอบไตรมาส ๔ ปีบัญชี ๒๕๖๖ (๓.๕๐๐๐)" in text
    text = closing(document(Options(thai_digits=False, buddhist_era=False), round=1, previous_total="2"))
    assert "ซึ่งผลการดำเนินงานไตรมาส 1 เพิ่มขึ้นจากรอบไตรมาส 4 ปีบัญชี 2023 (2.0000) คิดเป็นร้อยละ 50.00" in text


def test_a_later_round_compares_with_the_round_before_it():
    assert "เพิ่มขึ้นจากรอบไตรมาส ๒ (๒.๐๐๐๐) คิดเป็นร้อยละ ๕๐.๐๐" in closing(document(round=3, previous_total="2"))
    assert "เท่ากับรอบไตรมาส ๑ (๓.๐๐๐๐)" in closing(document(round=2, previous_total="3"))
    assert "คิดเป็นร้อยละ" not in closing(document(round=2, previous_total="3")).split("ไตรมาส ๑")[1]


def test_a_plan_and_actual_table_does_not_call_every_plan_spending():
    # Seed 001's 3.1 (loans approved: baht, and farmers: persons) has a plan and an actual, and is no spending.
    data = card()
    for n, kpi in enumerate(data["areas"][0]["kpis"][0]["kpis"], start=1):
        kpi.update(result="50", inputs={"numerator": str(100 * n), "denominator": str(200 * n)})
    doc = build(RoundScores(scoring.score_card(scoring.read(data)), {}))
    table = doc.table("kpi-1.1-plan")
    assert "ใช้จ่าย" not in table.caption
    assert [row[1].text for row in table.rows] == ["๒๐๐", "๔๐๐", "๖๐๐"]


def test_a_governance_kpis_sentence_names_level_5_as_its_target():
    data = card()
    data["areas"][0]["kpis"][1] = {"code": "1.2", "name": "ธรรมาภิบาล", "weight": "40", "criteria": [
        {"name": "ก", "weight": "60", "level": "4"}, {"name": "ข", "weight": "40", "level": "3"}]}
    for options, target in ((None, "(ระดับ ๕)"), (Options(thai_digits=False), "(ระดับ 5)")):
        doc = build(RoundScores(scoring.score_card(scoring.read(data)), {}), options)
        sentences = [b.text for b in doc.blocks if isinstance(b, Paragraph) and "คิดเป็นคะแนนถ่วงน้ำหนัก" in b.text]
        governance = [s for s in sentences if "ระดับ ๓.๖" in s or "ระดับ 3.6" in s]
        assert len(governance) == 1 and f"เทียบกับเป้าหมาย {target} สามารถดำเนินงานได้" in governance[0], sentences


def composite_card(levels: list) -> dict:
    criteria = [{"name": f"ประเด็น {n}", "weight": "50", "level": level} for n, level in enumerate(levels, 1)]
    return {"fund": "กองทุนทดสอบ", "fiscal_year": 2567, "round": 2, "areas": [
        {"code": "1", "name": "การบริหาร", "weight": "100", "kpis": [
            {"code": "1.1", "name": "ธรรมาภิบาล", "weight": "100", "unit": "ระดับ", "criteria": criteria}]}]}


def test_a_criterion_not_assessed_yet_says_it_counts_as_level_1():
    doc = build(RoundScores(scoring.score_card(scoring.read(composite_card(["5", None]))), {}))
    table = doc.table("kpi-1.1-criteria")
    assert [row[-1].text for row in table.rows[:2]] == ["๕", "n/a"]
    assert table.rows[-1][-1].text == "๓.๐๐๐๐"  # (50·5 + 50·1) / 100
    assert table.caption == "n/a: ยังไม่ได้ประเมิน นับเป็นระดับ ๑ ในผลรวม"
    assessed = build(RoundScores(scoring.score_card(scoring.read(composite_card(["5", "1"]))), {}))
    assert assessed.table("kpi-1.1-criteria").caption == ""


def test_a_history_table_stays_with_the_table_after_it():
    data = card()
    data["areas"][0]["kpis"][1]["history"] = [{"year": 2566, "value": "2", "preliminary": True}]
    doc = build(RoundScores(scoring.score_card(scoring.read(data)), {}))
    assert doc.table("kpi-1.2-history").keep_with_next


def test_the_pdf_keeps_a_history_table_and_the_next_table_on_one_page():
    from pramoen.reports import pdf

    data = card()
    data["areas"][0]["kpis"][1]["history"] = [{"year": 2566, "value": "2", "preliminary": True}]
    markup = pdf.html(build(RoundScores(scoring.score_card(scoring.read(data)), {})))
    group = markup.split('<div class="keep-together">', 1)[1].split("</div>", 1)[0]
    assert 'data-key="kpi-1.2-history"' in group and 'data-key="kpi-1.2-rounds"' in group
    assert markup.count("<div") == markup.count("</div>")  # every group closed
