"""One demo user per role, each with the same published password.

The passwords are deliberately weak and published (the command refuses to run
without PRAMOEN_DEBUG unless forced), so they are set with ``set_password`` and
reset on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser

from pramoen.access.models import Membership, Role
from pramoen.funds.models import Fund, OwnerAgency

DEMO_PASSWORD = "pramoen-demo"

FARMERS_FUND = "1-06"  # the fund of the sample report (seed 001)
SECOND_FUND = "1-04"  # กองทุนพัฒนาสหกรณ์: a second loan fund, drafting its FY2568 PPP


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: a superuser
    fund_codes: tuple[str, ...] = ()  # fund roles: the funds held
    agency_of: str | None = None  # the owner-agency role: the agency of this fund

    @property
    def description(self) -> str:
        if self.role is None:
            return "administrator (superuser)"
        where = ", ".join(self.fund_codes) or (f"the agency of {self.agency_of}" if self.agency_of else "all funds")
        return f"{Role(self.role).label} ({where})"


USERS: list[DemoUser] = [
    DemoUser("demo", "ผู้ดูแล", "ระบบ", None),
    DemoUser("fund-staff", "สมศรี", "ใจดี", Role.FUND_STAFF, (FARMERS_FUND,)),
    DemoUser("fund-approver", "ประเสริฐ", "มั่นคง", Role.FUND_APPROVER, (FARMERS_FUND,)),
    DemoUser("agency", "วันเพ็ญ", "รักษ์ดิน", Role.OWNER_AGENCY, agency_of=FARMERS_FUND),
    DemoUser("cgd", "กิตติ", "บัญชีกลาง", Role.CGD_OFFICER),
    DemoUser("consultant", "อรวรรณ", "ปรึกษากิจ", Role.CONSULTANT, (FARMERS_FUND, SECOND_FUND)),
    DemoUser("committee", "สมชาย", "พิจารณ์", Role.COMMITTEE),
    DemoUser("fund2-staff", "มานะ", "สหกรณ์ไทย", Role.FUND_STAFF, (SECOND_FUND,)),
    DemoUser("fund2-approver", "นงลักษณ์", "ศรีสหกรณ์", Role.FUND_APPROVER, (SECOND_FUND,)),
]


def set_up_users() -> dict[str, AbstractUser]:
    """Create or reset every demo user and their roles; returns them by username."""
    users: dict[str, AbstractUser] = {}
    for spec in USERS:
        user, _created = get_user_model().objects.get_or_create(username=spec.username)
        user.first_name, user.last_name = spec.first_name, spec.last_name
        user.is_active = True
        user.is_superuser = user.is_staff = spec.role is None
        user.set_password(DEMO_PASSWORD)
        user.save()
        if spec.role is not None:
            for code in spec.fund_codes:
                Membership.objects.get_or_create(user=user, role=spec.role, fund=Fund.objects.get(code=code))
            if spec.agency_of:
                agency = OwnerAgency.objects.get(funds__code=spec.agency_of)
                Membership.objects.get_or_create(user=user, role=spec.role, owner_agency=agency)
            if not spec.fund_codes and not spec.agency_of:
                Membership.objects.get_or_create(user=user, role=spec.role, fund=None, owner_agency=None)
        users[spec.username] = user
    return users
