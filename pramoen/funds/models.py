from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pramoen.scoring import fiscal


class FundType(models.IntegerChoices):
    """The five fund types of the RFES manual (T1, App. 1)."""

    LENDING = 1, _("Lending")
    SALE_AND_PRODUCTION = 2, _("Sale and production")
    SERVICES = 3, _("Services")
    RELIEF_AND_SOCIAL_WELFARE = 4, _("Relief and social welfare")
    SUPPORT_AND_PROMOTION = 5, _("Support and promotion")


class FiscalYearStart(models.IntegerChoices):
    """First month of a fund's fiscal year (ปีบัญชี)."""

    OCTOBER = fiscal.OCTOBER, _("1 October (government fiscal year)")
    JANUARY = fiscal.JANUARY, _("1 January (calendar year)")


class OwnerAgency(models.Model):
    """The government agency that owns a fund (ส่วนราชการเจ้าของทุน)."""

    name_th = models.CharField(_("name (Thai)"), max_length=255, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    ministry_th = models.CharField(_("ministry (Thai)"), max_length=255, blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("owner agency")
        verbose_name_plural = _("owner agencies")

    def __str__(self) -> str:
        return self.name_th


class Fund(models.Model):
    """A revolving fund (ทุนหมุนเวียน) in the evaluation system."""

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_('Fund type and registry number, e.g. "1-06".'),
    )
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    fund_type = models.PositiveSmallIntegerField(_("fund type"), choices=FundType.choices)
    registry_no = models.PositiveSmallIntegerField(
        _("registry number"),
        help_text=_("Number of the fund within its type in the list of funds of the evaluation manual."),
    )
    owner_agency = models.ForeignKey(
        OwnerAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funds",
        verbose_name=_("owner agency"),
    )
    fiscal_year_start = models.PositiveSmallIntegerField(
        _("fiscal year start"),
        choices=FiscalYearStart.choices,
        default=FiscalYearStart.OCTOBER,
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["fund_type", "registry_no"]
        verbose_name = _("revolving fund")
        verbose_name_plural = _("revolving funds")
        constraints = [
            models.UniqueConstraint(fields=["fund_type", "registry_no"], name="fund_unique_type_registry_no"),
            models.CheckConstraint(condition=models.Q(fund_type__in=FundType.values), name="fund_fund_type_valid"),
            models.CheckConstraint(
                condition=models.Q(fiscal_year_start__in=FiscalYearStart.values),
                name="fund_fiscal_year_start_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    def clean(self) -> None:
        if not (self.fund_type and self.registry_no):
            return  # the missing field has its own error
        expected = self.make_code(self.fund_type, self.registry_no)
        if self.code != expected:
            message = _("The code of fund %(number)s of type %(type)s is %(code)s.")
            raise ValidationError({"code": message % {"number": self.registry_no, "type": self.fund_type, "code": expected}})

    def get_absolute_url(self) -> str:
        return reverse("funds:detail", args=[self.code])

    @staticmethod
    def make_code(fund_type: int, registry_no: int) -> str:
        """The code of fund ``registry_no`` of ``fund_type``: ``make_code(1, 6) == "1-06"``."""
        return f"{fund_type}-{registry_no:02d}"

    def fiscal_year_span(self, fiscal_year_be: int) -> tuple[date, date]:
        """First and last day of this fund's fiscal year ``fiscal_year_be`` (พ.ศ.)."""
        return fiscal.fiscal_year_span(fiscal_year_be, self.fiscal_year_start)

    def current_fiscal_year(self, today: date | None = None) -> int:
        """The fiscal year (พ.ศ.) this fund is in on ``today`` (default: today in the site's time zone)."""
        return fiscal.fiscal_year_of(today or timezone.localdate(), self.fiscal_year_start)
