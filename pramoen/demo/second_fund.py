"""A second fund at the start of the cycle: fund 1-04 (กองทุนพัฒนาสหกรณ์) drafting its FY2568 PPP.

Areas and weights come from the FY2568 framework (the manual's four areas at
their default weights); areas 1–3 get a few KPIs of the kind a loan fund sets;
the governance area gets the framework's standard KPIs with their criteria.
Nothing is submitted: ``fund2-staff`` can carry on drafting it in the browser.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractUser

from pramoen.agreements.models import Agreement, AgreementArea, Criterion, Direction, Kpi, KpiHistory, KpiKind
from pramoen.frameworks.models import Framework
from pramoen.funds.models import Fund, OwnerAgency

from . import seed001
from .seed001 import acting_as
from .users import SECOND_FUND

FISCAL_YEAR = 2568

LEVELLED: list[dict[str, Any]] = [
    {
        "area": "1", "code": "1.1", "weight": "20", "unit": "ร้อยละ",
        "name_th": "ร้อยละของเงินต้นที่ได้รับชำระคืนจากสหกรณ์ที่ครบกำหนดชำระ",
        "levels": ["86", "88", "90", "92", "94"],
        "definition": "เงินต้นที่สหกรณ์ชำระคืนภายในกำหนดในปีบัญชี ๒๕๖๘ เทียบกับเงินต้นที่ครบกำหนดชำระตามสัญญาในปีบัญชีเดียวกัน",
        "numerator": "เงินต้นที่ได้รับชำระคืนภายในกำหนด (บาท)",
        "denominator": "เงินต้นที่ครบกำหนดชำระตามสัญญา (บาท)",
        "past": [(2565, "90.12", False), (2566, "89.47", False), (2567, "91.05", True)],
    },
    {
        "area": "2", "code": "2.1", "weight": "15", "unit": "ร้อยละ",
        "name_th": "ร้อยละของสหกรณ์ที่นำเงินกู้ไปใช้ตามวัตถุประสงค์",
        "levels": ["90", "92", "94", "96", "98"],
        "definition": "สหกรณ์ที่ได้รับการตรวจติดตามแล้วพบว่าใช้เงินกู้ตามวัตถุประสงค์ของสัญญา เทียบกับสหกรณ์ที่ตรวจติดตามทั้งหมด",
        "numerator": "จำนวนสหกรณ์ที่ใช้เงินกู้ตามวัตถุประสงค์ (แห่ง)",
        "denominator": "จำนวนสหกรณ์ที่ตรวจติดตาม (แห่ง)",
        "past": [(2565, "95.30", False), (2566, "96.10", False), (2567, "95.80", True)],
    },
    {
        "area": "3", "code": "3.1", "weight": "15", "unit": "ร้อยละ",
        "name_th": "ร้อยละความพึงพอใจของสหกรณ์ที่ได้รับบริการเงินกู้",
        "levels": ["80", "82", "84", "86", "88"],
        "definition": "ผลสำรวจความพึงพอใจของสหกรณ์ผู้กู้ต่อขั้นตอน ระยะเวลา และการให้บริการของเจ้าหน้าที่",
        "past": [(2565, "85.20", False), (2566, "86.40", False), (2567, "86.90", True)],
    },
]

MILESTONE: dict[str, Any] = {
    "area": "2", "code": "2.2", "weight": "15", "unit": "ระดับ",
    "name_th": "ระดับความสำเร็จของการพัฒนาระบบยื่นคำขอกู้เงินออนไลน์สำหรับสหกรณ์",
    "definition": "การพัฒนาและเปิดใช้ระบบรับคำขอกู้เงินผ่านอินเทอร์เน็ต เพื่อลดระยะเวลาพิจารณาเงินกู้",
    "texts": [
        "จัดทำแผนการพัฒนาระบบและได้รับความเห็นชอบจากคณะกรรมการ",
        "ผ่านระดับ ๑ และจัดจ้างผู้พัฒนาระบบแล้วเสร็จ",
        "ผ่านระดับ ๒ และทดสอบระบบกับสหกรณ์นำร่องไม่น้อยกว่า ๑๐ แห่ง",
        "ผ่านระดับ ๓ และเปิดใช้ระบบกับสหกรณ์ทุกจังหวัด",
        "ผ่านระดับ ๔ และระยะเวลาพิจารณาคำขอกู้ลดลงไม่น้อยกว่าร้อยละ ๒๐",
    ],
}


def set_up_fund() -> Fund:
    agency, _ = OwnerAgency.objects.update_or_create(
        name_th="กรมส่งเสริมสหกรณ์",
        defaults={"name_en": "Cooperative Promotion Department", "ministry_th": "กระทรวงเกษตรและสหกรณ์"},
    )
    fund = Fund.objects.get(code=SECOND_FUND)
    fund.owner_agency = agency
    fund.name_en = "Cooperative Development Fund"
    fund.save(update_fields=["owner_agency", "name_en"])
    return fund


def _split(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` whole numbers adding up exactly (the first ones take the remainder)."""
    base, rest = divmod(int(total), parts)
    return [Decimal(base + (1 if i < rest else 0)) for i in range(parts)]


def delete_agreement(fund: Fund) -> None:
    # The same as seed 001's: once the PPP was submitted in the browser, its versions must go first.
    seed001.delete_agreement(fund, FISCAL_YEAR)


def load(fund: Fund, users: dict[str, AbstractUser]) -> Agreement:
    """Build the fund's FY2568 PPP in drafting, as ``fund2-staff`` (call :func:`delete_agreement` first)."""
    with acting_as(users["fund2-staff"]):
        return _build(fund)


def _build(fund: Fund) -> Agreement:
    framework = Framework.objects.get(fiscal_year=FISCAL_YEAR)
    start, end = fund.fiscal_year_span(FISCAL_YEAR)
    agreement = Agreement.objects.create(
        fund=fund, fiscal_year=FISCAL_YEAR, framework=framework, term_start=start, term_end=end,
        vision="เป็นแหล่งเงินทุนหลักที่มั่นคงเพื่อการพัฒนาสหกรณ์ทั่วประเทศ",
        mission="ให้สหกรณ์กู้ยืมเงินเพื่อดำเนินธุรกิจและพัฒนาการให้บริการแก่สมาชิก",
    )
    areas: dict[str, AgreementArea] = {}
    for order, band in enumerate(framework.areas.all()):
        areas[band.code] = AgreementArea.objects.create(
            agreement=agreement, framework_area=band, code=band.code, name_th=band.name_th,
            weight=band.default_weight, order=order,
        )
    order = 0
    for item in LEVELLED:
        if item["area"] not in areas:
            continue
        kpi = Kpi.objects.create(
            agreement=agreement, area=areas[item["area"]], code=item["code"], name_th=item["name_th"],
            kind=KpiKind.LEVELLED, unit=item["unit"], weight=Decimal(item["weight"]), direction=Direction.HIGHER,
            definition=item["definition"], numerator=item.get("numerator", ""),
            denominator=item.get("denominator", ""), formula="(ตัวตั้ง × ๑๐๐) / ตัวหาร" if "numerator" in item else "",
            order=order, **{f"level_{n}": Decimal(v) for n, v in enumerate(item["levels"], start=1)},
        )
        order += 1
        for year, value, preliminary in item["past"]:
            KpiHistory.objects.create(kpi=kpi, fiscal_year=year, value=Decimal(value), is_preliminary=preliminary)
    if MILESTONE["area"] in areas:
        Kpi.objects.create(
            agreement=agreement, area=areas[MILESTONE["area"]], code=MILESTONE["code"], name_th=MILESTONE["name_th"],
            kind=KpiKind.MILESTONE, unit=MILESTONE["unit"], weight=Decimal(MILESTONE["weight"]),
            definition=MILESTONE["definition"], is_quantitative=False, order=order,
            **{f"level_text_{n}": t for n, t in enumerate(MILESTONE["texts"], start=1)},
        )
        order += 1
    # The governance KPIs every agreement carries, with the framework's criteria and weights.
    standards = list(framework.standard_kpis.select_related("area").prefetch_related("criteria"))
    by_area: dict[str, list] = {}
    for standard in standards:
        by_area.setdefault(standard.area.code, []).append(standard)
    for area_code, group in by_area.items():
        area = areas[area_code]
        for number, (standard, weight) in enumerate(zip(group, _split(area.weight, len(group))), start=1):
            kpi = Kpi.objects.create(
                agreement=agreement, area=area, code=f"{area_code}.{number}", name_th=standard.name_th,
                kind=KpiKind.COMPOSITE, unit="ระดับ", weight=weight, standard_kpi=standard,
                definition=standard.description, is_quantitative=False, order=order,
            )
            order += 1
            for criterion in standard.criteria.all():
                Criterion.objects.create(kpi=kpi, name_th=criterion.name_th, weight=criterion.weight,
                                         order=criterion.order)
    return agreement
