"""What the rounds tests share: an agreement in force with its rounds, and users of each role."""

from __future__ import annotations

from django.conf import settings
from django.test import TestCase

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, Kpi
from pramoen.rounds.models import Round
from pramoen.testing import factories as f

FUND_ROLES = (Role.FUND_STAFF, Role.FUND_APPROVER, Role.CONSULTANT)


class RoundTestCase(TestCase):
    agreement: Agreement
    round: Round

    @classmethod
    def setUpTestData(cls) -> None:
        cls.agency = f.make_agency()
        cls.fund = f.make_fund(owner_agency=cls.agency)
        cls.agreement = f.agreement_in_force(cls.fund)
        cls.round = Round.objects.get(agreement=cls.agreement, number=1)
        cls.users = {role: f.make_user(role, fund=cls.fund) for role in FUND_ROLES}
        cls.users[Role.OWNER_AGENCY] = f.make_user(Role.OWNER_AGENCY, owner_agency=cls.agency)
        cls.users[Role.CGD_OFFICER] = f.make_user(Role.CGD_OFFICER)
        cls.users[Role.COMMITTEE] = f.make_user(Role.COMMITTEE)
        cls.staff = cls.users[Role.FUND_STAFF]
        cls.other_fund = f.make_fund()
        cls.stranger = f.make_user(Role.FUND_STAFF, fund=cls.other_fund)  # staff of another fund
        cls.nobody = f.make_user()  # logged in, no role at all

    def kpi(self, code: str) -> Kpi:
        return Kpi.objects.get(agreement=self.agreement, code=code)

    def login(self, user) -> None:
        self.client.force_login(user)
        # The assertions read the English interface; Thai-first rendering is tested in core.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def htmx(self) -> dict[str, str]:
        return {"HTTP_HX_REQUEST": "true"}
