"""The evaluation framework of a fiscal year (กรอบหลักเกณฑ์การประเมินผล): data, not code.

The manual's values are defaults; the committee may change areas, weight bands,
KPI limits, the late penalty and the standard governance KPIs from one year to
the next, so each fiscal year has its own framework, edited by CGD officers.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pramoen.core.fields import ExactDecimalField
from pramoen.scoring.rules import ScoringRules


class Framework(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), unique=True, validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    name = models.CharField(_("name"), max_length=255)
    source = models.TextField(_("source"), blank=True, help_text=_("Where these rules come from (committee resolution, manual section)."))
    max_kpis_total = models.PositiveSmallIntegerField(
        _("most KPIs in all areas"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    max_kpis_limited_areas = models.PositiveSmallIntegerField(
        _("most KPIs in the limited areas"),
        null=True,
        blank=True,
        help_text=_("The manual: at most 10 KPIs in areas 1–3 together. Which areas count is set on each area."),
    )
    min_kpis_per_area = models.PositiveSmallIntegerField(_("fewest KPIs per area"), default=1)
    late_penalty_per_day = ExactDecimalField(_("late penalty per day (points)"), default=Decimal("0.05"))
    late_penalty_cap = ExactDecimalField(_("late penalty cap (points)"), default=Decimal("1"))
    signature_days = models.PositiveSmallIntegerField(
        _("days to sign the agreement"), default=30, help_text=_("After CGD sends the agreement (manual App. 2, 1.4).")
    )
    signature_days_after_objection = models.PositiveSmallIntegerField(
        _("days to sign after an objection is decided"), default=15, help_text=_("Manual App. 2, 1.6.")
    )
    round_report_days = models.PositiveSmallIntegerField(
        _("days to report a round"),
        default=30,
        help_text=_("A round's results are due this many days after the end of its quarter."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("evaluation framework")
        verbose_name_plural = _("evaluation frameworks")

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.name}"

    def scoring_rules(self) -> ScoringRules:
        return ScoringRules(late_penalty_per_day=self.late_penalty_per_day, late_penalty_cap=self.late_penalty_cap)


# Which KPI limits contradict each other (see kpi_limit_conflicts).
LIMITED_OVER_TOTAL = "limited_over_total"
ALL_AREAS_OVER_TOTAL = "all_areas_over_total"
LIMITED_AREAS_OVER_LIMITED = "limited_areas_over_limited"


def kpi_limit_conflicts(total: int | None, limited: int | None, least: int | None,
                        limited_flags: list[bool]) -> list[tuple[str, str, dict[str, int]]]:
    """KPI limits no agreement could meet, as (field, which conflict, its numbers).

    ``limited_flags`` says for each area whether it counts toward the limited-areas limit.
    The web form and the file loader both refuse these; each words the message its own way.
    """
    conflicts: list[tuple[str, str, dict[str, int]]] = []
    if total is not None and limited is not None and limited > total:
        conflicts.append(("max_kpis_limited_areas", LIMITED_OVER_TOTAL, {"limited": limited, "total": total}))
    if least:
        for areas, limit, which in ((len(limited_flags), total, ALL_AREAS_OVER_TOTAL),
                                    (sum(limited_flags), limited, LIMITED_AREAS_OVER_LIMITED)):
            if limit is not None and areas * least > limit:
                numbers = {"areas": areas, "least": least, "need": areas * least, "limit": limit}
                conflicts.append(("min_kpis_per_area", which, numbers))
                break  # one message for the field is enough
    return conflicts


class FrameworkArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas", verbose_name=_("framework"))
    code = models.CharField(_("code"), max_length=10)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    default_weight = ExactDecimalField(_("default weight"))
    min_weight = ExactDecimalField(_("lowest weight"))
    max_weight = ExactDecimalField(_("highest weight"))
    counts_toward_limit = models.BooleanField(
        _("counts toward the KPI limit"), default=True, help_text=_("Areas 1–3 in the manual; not the governance area.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "code"]
        verbose_name = _("framework area")
        verbose_name_plural = _("framework areas")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="frameworkarea_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    def clean(self) -> None:
        if None in (self.min_weight, self.default_weight, self.max_weight):
            return
        if not (0 <= self.min_weight <= self.default_weight <= self.max_weight <= 100):
            raise ValidationError(_("The weights must satisfy 0 ≤ lowest ≤ default ≤ highest ≤ 100."))


class StandardKpi(models.Model):
    """A governance KPI every fund's agreement carries (board, risk, internal control …),
    with its criteria (ประเด็นพิจารณา) and their default weights."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standard_kpis", verbose_name=_("framework"))
    area = models.ForeignKey(FrameworkArea, on_delete=models.CASCADE, related_name="standard_kpis", verbose_name=_("area"))
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    required = models.BooleanField(_("required in every agreement"), default=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "code"]
        verbose_name = _("standard KPI")
        verbose_name_plural = _("standard KPIs")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="standardkpi_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class StandardCriterion(models.Model):
    standard_kpi = models.ForeignKey(StandardKpi, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("standard KPI"))
    name_th = models.CharField(_("name (Thai)"), max_length=500)
    weight = ExactDecimalField(_("weight"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard_kpi", "order"]
        verbose_name = _("standard criterion")
        verbose_name_plural = _("standard criteria")

    def __str__(self) -> str:
        return self.name_th
