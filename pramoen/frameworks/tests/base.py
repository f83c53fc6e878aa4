"""Shared set-up of the frameworks view tests: the 2568 framework, a CGD officer and a fund staff member."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.test import TestCase

from pramoen.access.models import Role
from pramoen.frameworks.models import Framework, StandardCriterion, StandardKpi
from pramoen.testing import factories


class FrameworkTestCase(TestCase):
    framework: Framework

    @classmethod
    def setUpTestData(cls) -> None:
        cls.framework = factories.make_framework(2568)
        cls.area_4 = cls.framework.areas.get(code="4")
        cls.kpi = StandardKpi.objects.create(framework=cls.framework, area=cls.area_4, code="4.1",
                                             name_th="บทบาทคณะกรรมการทุนหมุนเวียน", order=1,
                                             required=False)  # factories' agreements do not carry it
        for order, (name, weight) in enumerate([("ยุทธศาสตร์", 60), ("การติดตาม", 40)], 1):
            StandardCriterion.objects.create(standard_kpi=cls.kpi, name_th=name, weight=Decimal(weight), order=order)
        cls.officer = factories.make_user(Role.CGD_OFFICER)
        cls.fund = factories.make_fund()
        cls.staff = factories.make_user(Role.FUND_STAFF, fund=cls.fund)

    def setUp(self) -> None:
        # Assertions read the English source strings; the Thai catalogue may change its wording.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def url(self, name: str, *args: object) -> str:
        from django.urls import reverse

        return reverse(f"frameworks:{name}", args=[self.framework.fiscal_year, *args])
