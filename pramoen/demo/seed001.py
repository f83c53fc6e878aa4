"""Fund 1-06's FY2567 agreement and its first two rounds, from the sample RFES report (seed 001).

The content comes from ``data/seed001.json`` (a trimmed copy of the report's
data: six areas, 13 KPIs, criteria, three past years, round 1 and 2 results).
Everything moves through the real workflow functions, each step taken by the
demo user whose role takes it, on a date before or during FY2567, so the
timeline, the versions and the history are what the web pages would record:

    PPP submitted by the fund 14 Jul 2566 → meeting 3 Aug → PP to the committee
    25 Aug → approved 15 Sep → sent 25 Oct → signed by the fund 10 Nov → MoF 24 Nov 2566
    round 1 submitted 25 Jan 2567, approved 15 Feb; round 2 submitted 25 Apr,
    accepted by the consultant 8 May, approved 20 May 2567.

Choices the report does not make for us:

- KPI 6.1 weighs 10 = 6.1.1 (5) + 6.1.2 (5). The printed report is inconsistent
  (5 on its parent row, 10 in the area); with 5 + 5 the weights add up to 100 and
  round 2 totals 2.0179 (the report's ``expected_recomputation``).
- The PPP proposes KPI 1.1's levels one point lower (10/11/12/13/15); the
  consultant raises them to the report's 11/12/13/14/16 while revising the PP,
  so the PPP and PP versions have a real difference to compare.
- A result the report gives as "n/a" (KPI 2.1; 6.1.1 and 6.1.2 in round 1) is
  entered as "no result this round (n/a)": it scores 1, as the report scores an
  n/a result, and the narrative says why.
- KPIs the report gives no definition get one made from their formula's
  meanings (or, for the milestone KPI 3.2, from its levels).
- Round-1 criteria levels of the governance KPIs are not in the report (only each
  KPI's level); the data file holds levels that reproduce those KPI levels.

How the report's texts fill the four parts of the narrative:

- reasons (better or worse than the target): ``summary_sentence_th`` (round 2),
  or a sentence built from the round-1 result;
- supporting factors: for a governance KPI, each criterion's explanation of the
  level reached (``explanation_th``);
- obstacles and fixes: the n/a explanation where there is no result; otherwise
  empty (the report has no such text);
- result compared with the plan: ``target_note_th`` (how the target was set) and
  the supporting documents (``evidence_th``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AbstractUser
from simple_history.models import HistoricalRecords

from pramoen.agreements import workflow as agreement_workflow
from pramoen.agreements.models import (
    Agreement,
    AgreementArea,
    AgreementVersion,
    Criterion,
    Direction,
    Kpi,
    KpiHistory,
    KpiKind,
    Status,
)
from pramoen.frameworks.models import Framework, StandardKpi
from pramoen.funds.models import Fund
from pramoen.rounds import workflow as round_workflow
from pramoen.rounds.models import CriterionResult, Result, Round
from pramoen.scoring.numbers import NotANumber, parse_decimal, thai_digits

DATA_FILE = Path(__file__).parent / "data" / "seed001.json"
FISCAL_YEAR = 2567

# (step, demo user, date, comment): the agreement's way from PPP to in force.
AGREEMENT_STEPS: list[tuple[str, str, date, str]] = [
    ("submit_ppp", "fund-staff", date(2023, 7, 14), "คณะกรรมการบริหารกองทุนฯ เห็นชอบในการประชุมครั้งที่ ๔/๒๕๖๖"),
    ("hold_meeting", "cgd", date(2023, 8, 3), "ประชุมหารือร่วมกรมบัญชีกลาง ที่ปรึกษา และกองทุนฯ"),
    ("submit_pp", "consultant", date(2023, 8, 25), ""),
    ("approve", "committee", date(2023, 9, 15), "คณะอนุกรรมการฯ เห็นชอบตัวชี้วัด"),
    ("send_to_fund", "cgd", date(2023, 10, 25), ""),
    ("fund_sign", "fund-approver", date(2023, 11, 10), ""),
    ("mof_sign", "cgd", date(2023, 11, 24), ""),
]

# (round, steps as (step, demo user, date, comment))
ROUND_STEPS: dict[int, list[tuple[str, str, date, str]]] = {
    1: [
        ("submit", "fund-staff", date(2024, 1, 25), ""),
        ("approve", "cgd", date(2024, 2, 15), ""),
    ],
    2: [
        ("submit", "fund-staff", date(2024, 4, 25), ""),
        ("accept", "consultant", date(2024, 5, 8), "ตรวจสอบหลักฐานครบถ้วน"),
        ("approve", "cgd", date(2024, 5, 20), ""),
    ],
}

PPP_LEVELS_1_1 = ["10", "11", "12", "13", "15"]  # the fund's proposal, raised in the PP

# Round 2's formula inputs (numerator, denominator) as the report computes its percentages
# (rfes-report.md §2.1); each reproduces the result entered, as the scoring core checks.
ROUND_2_INPUTS = {
    "1.1": ("61789457.75", "896063976.10"),
    "1.2": ("44554717.08", "180922558.18"),
    "3.1.1": ("102659689.46", "280000000"),
    "3.1.2": ("156", "383"),
    "6.1.1": ("399980.98", "400000"),
    "6.1.2": ("181105955.42", "413523000"),
}

ROUND_LABEL = {1: "รอบ ๓ เดือน (๑ ต.ค. ๒๕๖๖ – ๓๑ ธ.ค. ๒๕๖๖)", 2: "รอบ ๖ เดือน (๑ ต.ค. ๒๕๖๖ – ๓๑ มี.ค. ๒๕๖๗)"}


@contextmanager
def acting_as(user: AbstractUser) -> Iterator[None]:
    """Record ``user`` in the audit trail of what is saved meanwhile, as the request middleware
    does for the web pages (a command has no request)."""
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del HistoricalRecords.context.request


@cache
def data() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as f:
        return json.load(f)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _kind(kpi: dict[str, Any]) -> str:
    if kpi["scoring"] == "group":
        return KpiKind.GROUP
    if kpi["scoring"] == "composite":
        return KpiKind.COMPOSITE
    if kpi.get("milestones_th"):
        return KpiKind.MILESTONE
    return KpiKind.LEVELLED


def _formula(kpi: dict[str, Any]) -> str:
    formula = kpi.get("formula") or {}
    if "printed_th" in formula:
        return formula["printed_th"]
    if formula.get("expr") == "numerator*100/denominator":
        return "(ตัวตั้ง × ๑๐๐) / ตัวหาร"
    return ""


def _definition(kpi: dict[str, Any]) -> str:
    """The report's definition; where it has none, one made from the formula's meanings or the levels."""
    if kpi.get("definition_th"):
        return kpi["definition_th"]
    formula = kpi.get("formula") or {}
    if formula.get("numerator_th") and formula.get("denominator_th"):
        return f"{formula['numerator_th']} เทียบกับ{formula['denominator_th']} คิดเป็นร้อยละ"
    if formula.get("printed_th"):
        return formula["printed_th"]
    if kpi.get("milestones_th"):
        return "ระดับความสำเร็จตามขั้นตอนที่กำหนดในค่าเกณฑ์วัด ๕ ระดับ"
    return ""


def _milestone_text(text: str) -> str:
    # "ระดับ ๑ : ..." — the level number is shown by the page already.
    head, sep, rest = text.partition(" : ")
    return rest.strip() if sep and head.startswith("ระดับ") else text


def standard_kpi_for(standards: list[StandardKpi], code: str, name_th: str) -> StandardKpi | None:
    """The framework's standard governance KPI this composite KPI follows (by code, else by name)."""
    for standard in standards:
        if standard.code == code:
            return standard
    for standard in standards:
        if standard.name_th.strip() == name_th.strip():
            return standard
    return None


def build_content(agreement: Agreement) -> None:
    """Areas, KPIs (with groups, levels, milestones, criteria) and past results, as the fund proposes them."""
    source = data()
    bands = {fa.code: fa for fa in agreement.framework.areas.all()}
    standards = list(agreement.framework.standard_kpis.all())
    areas: dict[str, AgreementArea] = {}
    for order, area in enumerate(source["areas"]):
        areas[area["code"]] = AgreementArea.objects.create(
            agreement=agreement, framework_area=bands.get(area["code"]), code=area["code"], name_th=area["name_th"],
            weight=_decimal(area["weight"]), order=order,
        )
    kpis: dict[str, Kpi] = {}
    for order, item in enumerate(source["kpis"]):
        kind = _kind(item)
        fields: dict[str, Any] = {
            "agreement": agreement, "area": areas[item["area"]], "parent": kpis.get(item["parent"] or ""),
            "code": item["code"], "name_th": item["name_th"], "kind": kind, "unit": item.get("unit", ""),
            "weight": _decimal(item["weight"]), "order": order, "definition": _definition(item),
            "formula": _formula(item), "notes": "\n".join(item.get("penalty_rules_th", [])),
            "numerator": (item.get("formula") or {}).get("numerator_th", ""),
            "denominator": (item.get("formula") or {}).get("denominator_th", ""),
        }
        if kind == KpiKind.LEVELLED:
            levels = PPP_LEVELS_1_1 if item["code"] == "1.1" else item["levels"]
            fields.update({f"level_{n}": _decimal(v) for n, v in enumerate(levels, start=1)})
            fields["direction"] = item.get("direction", Direction.HIGHER)
        elif kind == KpiKind.MILESTONE:
            fields.update({f"level_text_{n}": _milestone_text(t) for n, t in enumerate(item["milestones_th"], start=1)})
            fields["is_quantitative"] = False
        elif kind == KpiKind.COMPOSITE:
            fields["standard_kpi"] = standard_kpi_for(standards, item["code"], item["name_th"])
            fields["is_quantitative"] = False
        kpi = Kpi.objects.create(**fields)
        kpis[item["code"]] = kpi
        for n, criterion in enumerate(item.get("criteria", []), start=1):
            texts = (criterion["level_texts_th"] + [""] * 5)[:5]
            Criterion.objects.create(
                kpi=kpi, name_th=criterion["name_th"], weight=_decimal(criterion["weight"]), order=n,
                **{f"level_text_{i}": t for i, t in enumerate(texts, start=1)},
            )
        for past in item.get("historic", []):
            KpiHistory.objects.create(
                kpi=kpi, fiscal_year=past["year"], value=_decimal(past["value"]),
                text="" if past["value"] is not None else "-", is_preliminary=past["preliminary"],
            )


def revise_pp(agreement: Agreement) -> None:
    """The consultant's revision between the meeting and the committee: KPI 1.1's levels as printed."""
    item = next(k for k in data()["kpis"] if k["code"] == "1.1")
    kpi = Kpi.objects.get(agreement=agreement, code="1.1")
    for n, value in enumerate(item["levels"], start=1):
        setattr(kpi, f"level_{n}", _decimal(value))
    kpi._change_reason = "PP: levels agreed at the meeting"
    kpi.save()


def create_agreement(fund: Fund, users: dict[str, AbstractUser]) -> Agreement:
    framework = Framework.objects.get(fiscal_year=FISCAL_YEAR)
    start, end = fund.fiscal_year_span(FISCAL_YEAR)
    agreement = Agreement.objects.create(
        fund=fund, fiscal_year=FISCAL_YEAR, framework=framework, term_start=start, term_end=end,
        mof_signatory_name="นายลวรณ แสงสนิท",
        fund_signatory_name="ปลัดกระทรวงเกษตรและสหกรณ์",
        vision="เป็นแหล่งเงินทุนเพื่อรักษาที่ดินทำกินและพัฒนาอาชีพของเกษตรกรและผู้ยากจนอย่างยั่งยืน",
        mission="ให้กู้ยืมเงินแก่เกษตรกรและผู้ยากจนเพื่อไถ่ถอนที่ดินและประกอบอาชีพ\n"
                "ส่งเสริม พัฒนา และฟื้นฟูอาชีพลูกหนี้ร่วมกับหน่วยงานในพื้นที่",
        objectives="ช่วยเหลือเกษตรกรและผู้ยากจนให้รักษาที่ดินทำกินไว้ได้\nติดตามและแก้ไขปัญหาหนี้ค้างชำระ",
    )
    with acting_as(users["fund-staff"]):
        build_content(agreement)
    for step, username, on, comment in AGREEMENT_STEPS:
        if step == "submit_pp":
            with acting_as(users["consultant"]):
                revise_pp(agreement)
        with acting_as(users[username]):
            agreement_workflow.perform(agreement, step, users[username], occurred_on=on, comment=comment)
    assert agreement.status == Status.IN_FORCE, agreement.status
    return agreement


_REPORTED_NUMBER = re.compile(r"[๐-๙0-9][๐-๙0-9,]*(?:\.[๐-๙0-9]+)?")


def _as_reported(result: dict[str, Any], value: Decimal) -> Decimal:
    """The value with the places the report prints it with ("ร้อยละ ๖.๙๐" → 6.90), as staff would type it."""
    for token in _REPORTED_NUMBER.findall(result.get("display_th", "")):
        try:
            shown = parse_decimal(token)
        except NotANumber:
            continue
        if shown == value:
            return shown
    return value


def _number_th(value: Decimal) -> str:
    return thai_digits(f"{value:f}")


def _shown(item: dict[str, Any], result: dict[str, Any]) -> str:
    """A result as the report words it: "ร้อยละ ๖.๙๐", "ระดับ ๑", "๙๗๐ ไร่"."""
    unit = item.get("unit", "")
    text = result.get("display_th") or _number_th(_decimal(result["entered"]))
    if not unit or unit in text:
        return text
    return f"{unit} {text}" if unit in ("ร้อยละ", "ระดับ") else f"{text} {unit}"


# The report's summary sentences end by restating the target and the score, and some got them
# wrong (2.1 names 1.2's target, rfes-report.md §6 item 16). The round report prints that
# sentence itself from the scores, so the demo's narrative keeps only what the fund adds.
_CLAIMS = re.compile(r"\s*(?:ผลการดำเนินงาน)?เทียบ(?:เท่า)?กับ(?:ระดับ)?เป้าหมาย.*$")
_RESTATED = re.compile(r"^(?:สรุป)?ผลการดำเนินงานรอบ \S+ เดือน(?: เท่ากับ ?(?:ร้อยละ |ระดับ ?)?(?:[๐-๙.,]+|n/a))?\s*")


def _without_claims(sentence: str) -> str:
    """What the fund's sentence adds to the report's own: no restated result, target or score."""
    return _RESTATED.sub("", _CLAIMS.sub("", sentence)).strip()


def narrative(item: dict[str, Any], key: str) -> dict[str, str]:
    """The four parts of the narrative of one KPI in round ``key`` ("r1" or "r2"), from the report's texts."""
    result = (item.get("results") or {}).get(key, {})
    label = ROUND_LABEL[1 if key == "r1" else 2]
    parts = {"narrative_reasons": "", "narrative_factors": "", "narrative_obstacles": "", "narrative_plan": ""}
    no_result = item["scoring"] != "composite" and result.get("entered") is None
    own_words = _without_claims(item["summary_sentence_th"]) if key == "r2" and item.get("summary_sentence_th") else ""
    if own_words:
        parts["narrative_reasons"] = own_words
    elif item["scoring"] == "composite":
        parts["narrative_reasons"] = f"ผลการดำเนินงาน{label} เท่ากับระดับ {_number_th(_decimal(result['value']))}"
    elif no_result:
        parts["narrative_reasons"] = f"ผลการดำเนินงาน{label} เท่ากับ n/a"
    else:
        parts["narrative_reasons"] = f"ผลการดำเนินงาน{label} เท่ากับ {_shown(item, result)}"
    if item["scoring"] == "composite" and key == "r2":
        # Each criterion's explanation is kept with its level (CriterionResult.explanation) and
        # printed in the criteria table; the narrative only points there.
        reached = ", ".join(f"ประเด็นที่ {thai_digits(str(n))} (ระดับ {thai_digits(str(c['level_r2']))})"
                            for n, c in enumerate(item["criteria"], start=1))
        parts["narrative_factors"] = f"ผลการประเมินรายประเด็น: {reached} ตามคำอธิบายในตารางสรุปรายละเอียดตามเกณฑ์การประเมิน"
    if no_result:
        why = (f"รอบนี้รายงานผลในภาพรวมของตัวชี้วัด {thai_digits(item['parent'])} ไม่แยกตัวชี้วัดย่อย"
               if item.get("parent") else "ยังไม่มีผลการดำเนินงาน (n/a)")
        parts["narrative_obstacles"] = f"{why} จึงบันทึกผลเป็น ๐ ซึ่งได้คะแนนระดับ ๑ ตามหลักเกณฑ์"
    plan = []
    if item.get("target_note_th"):
        plan.append(item["target_note_th"])
    if item.get("evidence_th") and key == "r2":
        plan.append("เอกสารประกอบ: " + "; ".join(item["evidence_th"]))
    parts["narrative_plan"] = "\n".join(plan)
    return parts


def enter_round(round_: Round) -> None:
    """The round's results, criteria levels and narratives, as fund staff would type them."""
    key = f"r{round_.number}"
    kpis = {k.code: k for k in Kpi.objects.filter(agreement=round_.agreement)}
    for item in data()["kpis"]:
        if item["scoring"] == "group":
            continue
        kpi = kpis[item["code"]]
        result = Result(round=round_, kpi=kpi, **narrative(item, key))
        if item["scoring"] != "composite":
            entered = item["results"][key]["entered"]
            if entered is None:
                result.not_available = True
            else:
                result.value = _as_reported(item["results"][key], _decimal(entered))
            inputs = ROUND_2_INPUTS.get(item["code"]) if key == "r2" else None
            if inputs:  # the formula's two numbers (e.g. actual and planned spending)
                result.numerator_value, result.denominator_value = (Decimal(v) for v in inputs)
        result.save()
        if item["scoring"] == "composite":
            criteria = list(kpi.criteria.order_by("order"))
            for criterion, source in zip(criteria, item["criteria"], strict=True):
                CriterionResult.objects.create(
                    result=result, criterion=criterion, level=_decimal(source[f"level_{key}"]),
                    explanation=source.get("explanation_th", "") if key == "r2" else "",
                )


def report_rounds(agreement: Agreement, users: dict[str, AbstractUser]) -> list[Round]:
    rounds = {r.number: r for r in Round.objects.filter(agreement=agreement)}
    done = []
    for number, steps in ROUND_STEPS.items():
        round_ = rounds[number]
        with acting_as(users["fund-staff"]):
            enter_round(round_)
        for step, username, on, comment in steps:
            with acting_as(users[username]):
                round_workflow.perform(round_, step, users[username], occurred_on=on, comment=comment)
        done.append(round_)
    return done


def delete_agreement(fund: Fund, fiscal_year: int = FISCAL_YEAR) -> None:
    """Remove an earlier demo copy (its rounds, versions and steps go with it)."""
    old = Agreement.objects.filter(fund=fund, fiscal_year=fiscal_year)
    # A version protects the step that made it: versions go first.
    AgreementVersion.objects.filter(agreement__in=old).delete()
    old.delete()


def load(fund: Fund, users: dict[str, AbstractUser]) -> Agreement:
    """Build fund 1-06's FY2567 agreement and report rounds 1 and 2 (call :func:`delete_agreement` first)."""
    agreement = create_agreement(fund, users)
    report_rounds(agreement, users)
    return agreement
