"""Small builders for tests: users with roles, a framework, a valid agreement, rounds.

Each builder makes just what it is asked for, with defaults that pass every
validation rule, so a test states only what matters to it.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from pramoen.access.models import Membership, Role
from pramoen.agreements import workflow as agreement_workflow
from pramoen.agreements.models import Agreement, AgreementArea, Criterion, Kpi, KpiKind, Status
from pramoen.frameworks.models import Framework, FrameworkArea
from pramoen.funds.models import Fund, OwnerAgency
from pramoen.rounds.models import CriterionResult, Result, Round

_counter = itertools.count(1)
PASSWORD = "test-password-123"

# The manual's four areas: (code, name, default, low, high, counts toward the 1–3 KPI limit)
MANUAL_AREAS = [
    ("1", "การเงิน", 20, 10, 30, True),
    ("2", "การปฏิบัติการ", 30, 20, 40, True),
    ("3", "การสนองประโยชน์ต่อผู้มีส่วนได้ส่วนเสีย", 15, 5, 25, True),
    ("4", "การบริหารพัฒนาทุนหมุนเวียน", 35, 25, 45, False),
]


def make_agency(name: str | None = None) -> OwnerAgency:
    return OwnerAgency.objects.create(name_th=name or f"หน่วยงาน {next(_counter)}")


def make_fund(code: str | None = None, *, owner_agency: OwnerAgency | None = None, fiscal_year_start: int = 10) -> Fund:
    if code is None:  # a type-5 number no fund has yet (a test may have made one with an explicit code)
        taken = set(Fund.objects.filter(fund_type=5).values_list("registry_no", flat=True))
        number = next(n for n in (next(_counter) + 50 for _ in itertools.repeat(None)) if n not in taken)
        code = Fund.make_code(5, number)
    fund_type, number = code.split("-")
    return Fund.objects.create(
        code=code, name_th=f"กองทุนทดสอบ {code}", fund_type=int(fund_type), registry_no=int(number),
        owner_agency=owner_agency, fiscal_year_start=fiscal_year_start,
    )


def make_user(role: str | None = None, *, fund: Fund | None = None, owner_agency: OwnerAgency | None = None,
              username: str | None = None, superuser: bool = False, **fields: Any):
    """A user with one role (fund roles need ``fund``, the owner-agency role needs ``owner_agency``)."""
    username = username or f"{role or ('admin' if superuser else 'user')}-{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_superuser=superuser, is_staff=superuser, **fields
    )
    if role is not None:
        Membership.objects.create(user=user, role=role, fund=fund, owner_agency=owner_agency)
    return user


def make_framework(fiscal_year: int = 2568, *, areas=MANUAL_AREAS, max_kpis_limited_areas: int | None = 10,
                   max_kpis_total: int | None = None) -> Framework:
    framework = Framework.objects.create(
        fiscal_year=fiscal_year, name=f"กรอบ {fiscal_year}", max_kpis_limited_areas=max_kpis_limited_areas,
        max_kpis_total=max_kpis_total,
    )
    for order, (code, name, default, low, high, limited) in enumerate(areas):
        FrameworkArea.objects.create(
            framework=framework, code=code, name_th=name, default_weight=Decimal(default), min_weight=Decimal(low),
            max_weight=Decimal(high), counts_toward_limit=limited, order=order,
        )
    return framework


def make_agreement(fund: Fund | None = None, fiscal_year: int = 2568, *, framework: Framework | None = None,
                   status: str = Status.PPP_DRAFTING, content: bool = True) -> Agreement:
    """An agreement whose content passes validation: one KPI per manual area, the last a composite.

    Area weights are the manual's defaults (20/30/15/35); KPI codes 1.1, 2.1, 3.1 (a group
    with 3.1.1 and 3.1.2), 4.1 (two criteria, 60/40).
    """
    fund = fund or make_fund()
    framework = framework or Framework.objects.filter(fiscal_year=fiscal_year).first() or make_framework(fiscal_year)
    agreement = Agreement.objects.create(fund=fund, fiscal_year=fiscal_year, framework=framework, status=status)
    if content:
        fill_agreement(agreement)
    return agreement


def fill_agreement(agreement: Agreement) -> None:
    areas = {}
    for order, fa in enumerate(agreement.framework.areas.all()):
        areas[fa.code] = AgreementArea.objects.create(
            agreement=agreement, framework_area=fa, code=fa.code, name_th=fa.name_th, weight=fa.default_weight,
            order=order,
        )
    levels = {f"level_{n}": Decimal(v) for n, v in zip(range(1, 6), (60, 70, 80, 90, 100))}
    order = itertools.count()

    def kpi(code: str, area: str, weight: str, **kw: Any) -> Kpi:
        defaults = dict(name_th=f"ตัวชี้วัด {code}", unit="ร้อยละ", definition=f"นิยามของ {code}")
        defaults.update(kw)
        return Kpi.objects.create(agreement=agreement, area=areas[area], code=code, weight=Decimal(weight),
                                  order=next(order), **defaults)

    kpi("1.1", "1", "20", **levels)
    kpi("2.1", "2", "30", **levels)
    group = kpi("3.1", "3", "15", kind=KpiKind.GROUP, unit="")
    kpi("3.1.1", "3", "7.5", parent=group, **levels)
    kpi("3.1.2", "3", "7.5", parent=group, kind=KpiKind.MILESTONE, unit="ระดับ",
        **{f"level_text_{n}": f"ขั้นที่ {n}" for n in range(1, 6)})
    composite = kpi("4.1", "4", "35", kind=KpiKind.COMPOSITE, unit="ระดับ", definition="")
    Criterion.objects.create(kpi=composite, name_th="ประเด็นที่หนึ่ง", weight=Decimal(60), order=1)
    Criterion.objects.create(kpi=composite, name_th="ประเด็นที่สอง", weight=Decimal(40), order=2)


# The steps from a new PPP to an agreement in force, with who takes each.
TO_IN_FORCE = [
    ("submit_ppp", Role.FUND_STAFF),
    ("hold_meeting", Role.CGD_OFFICER),
    ("submit_pp", Role.CONSULTANT),
    ("approve", Role.COMMITTEE),
    ("send_to_fund", Role.CGD_OFFICER),
    ("fund_sign", Role.FUND_APPROVER),
    ("mof_sign", Role.CGD_OFFICER),
]


def advance(agreement: Agreement, to_status: str, *, on: date | None = None) -> Agreement:
    """Walk ``agreement`` through the real workflow (as a superuser) until it reaches ``to_status``."""
    admin = get_user_model().objects.filter(is_superuser=True).first() or make_user(superuser=True)
    for step, _role in TO_IN_FORCE:
        if agreement.status == to_status:
            break
        agreement_workflow.perform(agreement, step, admin, occurred_on=on)
    assert agreement.status == to_status, agreement.status
    return agreement


def agreement_in_force(fund: Fund | None = None, fiscal_year: int = 2568) -> Agreement:
    return advance(make_agreement(fund, fiscal_year), Status.IN_FORCE)


def enter_results(round_: Round, values: dict[str, Any] | None = None) -> None:
    """Give every leaf KPI of the round a result: ``values`` by code, default 80 (levels) / 3 (levels reached)."""
    values = values or {}
    for kpi in Kpi.objects.filter(agreement=round_.agreement).exclude(kind=KpiKind.GROUP):
        result, _ = Result.objects.get_or_create(round=round_, kpi=kpi)
        if kpi.kind == KpiKind.COMPOSITE:
            for criterion in kpi.criteria.all():
                CriterionResult.objects.update_or_create(
                    result=result, criterion=criterion, defaults={"level": Decimal(str(values.get(kpi.code, 3)))}
                )
        else:
            default = 80 if kpi.kind == KpiKind.LEVELLED else 3
            result.value = Decimal(str(values.get(kpi.code, default)))
            result.save()
