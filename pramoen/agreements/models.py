"""The performance agreement (บันทึกข้อตกลง, PA) of one fund for one fiscal year.

One ``Agreement`` row per fund and year holds the working copy: areas, KPIs,
criteria and history. It goes PPP → PP → PA (see ``workflow.py``); at each
milestone the whole content is frozen into an ``AgreementVersion`` snapshot, so
any two versions can be compared field by field. Once in force it is locked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pramoen.core.fields import ExactDecimalField


class Status(models.TextChoices):
    PPP_DRAFTING = "ppp_drafting", _("PPP: fund drafting")
    PPP_SUBMITTED = "ppp_submitted", _("PPP: submitted to CGD")
    PP_DRAFTING = "pp_drafting", _("PP: consultant revising")
    PP_REVIEW = "pp_review", _("PP: with the committee")
    APPROVED = "approved", _("Approved by the committee")
    SENT = "sent", _("Sent to the fund for signature")
    OBJECTION = "objection", _("Objection filed")
    FUND_SIGNED = "fund_signed", _("Signed by the fund")
    IN_FORCE = "in_force", _("In force (signed by MoF)")


class Stage(models.TextChoices):
    PPP = "PPP", _("Pre-Position Paper (PPP)")
    PP = "PP", _("Position Paper (PP)")
    PA = "PA", _("Performance Agreement (PA)")


STAGE_OF_STATUS = {
    Status.PPP_DRAFTING: Stage.PPP,
    Status.PPP_SUBMITTED: Stage.PPP,
    Status.PP_DRAFTING: Stage.PP,
    Status.PP_REVIEW: Stage.PP,
}


class Agreement(models.Model):
    fund = models.ForeignKey("funds.Fund", on_delete=models.PROTECT, related_name="agreements", verbose_name=_("fund"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.PROTECT, related_name="agreements", verbose_name=_("framework")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PPP_DRAFTING)

    # Parties and term
    mof_signatory_title = models.CharField(
        _("MoF signatory (title)"), max_length=255, blank=True, default="ปลัดกระทรวงการคลัง"
    )
    mof_signatory_name = models.CharField(_("MoF signatory (name)"), max_length=255, blank=True)
    fund_signatory_title = models.CharField(
        _("fund signatory (title)"), max_length=255, blank=True, default="ประธานกรรมการบริหารทุนหมุนเวียน"
    )
    fund_signatory_name = models.CharField(_("fund signatory (name)"), max_length=255, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    # The agreement's text sections
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("One per line, most important first."))
    obligations = models.TextField(_("performance obligations"), blank=True)
    other_terms = models.TextField(_("other terms"), blank=True)

    # Dates of the signing steps (the workflow events hold who and when in full)
    sent_on = models.DateField(_("sent to the fund on"), null=True, blank=True)
    signature_due_on = models.DateField(_("fund signature due on"), null=True, blank=True)
    fund_signed_on = models.DateField(_("signed by the fund on"), null=True, blank=True)
    late_signature_days = models.PositiveIntegerField(_("days signed late"), default=0)
    mof_signed_on = models.DateField(_("signed by MoF on"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year", "fund"]
        verbose_name = _("performance agreement")
        verbose_name_plural = _("performance agreements")
        constraints = [
            models.UniqueConstraint(fields=["fund", "fiscal_year"], name="agreement_one_per_fund_year"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="agreement_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.fund.code} · {self.fiscal_year}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    @property
    def stage(self) -> str:
        return STAGE_OF_STATUS.get(self.status, Stage.PA)

    @property
    def is_locked(self) -> bool:
        return self.status == Status.IN_FORCE


class AgreementArea(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="areas", verbose_name=_("agreement"))
    framework_area = models.ForeignKey(
        "frameworks.FrameworkArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("framework area"),
    )
    code = models.CharField(_("code"), max_length=10)
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    weight = ExactDecimalField(_("weight"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "order", "code"]
        verbose_name = _("agreement area")
        verbose_name_plural = _("agreement areas")
        constraints = [models.UniqueConstraint(fields=["agreement", "code"], name="agreementarea_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class KpiKind(models.TextChoices):
    LEVELLED = "levelled", _("Numeric levels")
    MILESTONE = "milestone", _("Milestone levels (the result is the level reached)")
    GROUP = "group", _("Group of sub-KPIs")
    COMPOSITE = "composite", _("Criteria (governance)")


class Direction(models.TextChoices):
    HIGHER = "higher_is_better", _("Higher is better")
    LOWER = "lower_is_better", _("Lower is better")


class TargetBasis(models.TextChoices):
    SELF_IMPROVEMENT = "self_improvement", "Self improvement"
    STANDARD = "standard", "Standard"
    INDUSTRY_NORM = "industry_norm", "Industry Norm"
    BENCHMARKING = "benchmarking", "Benchmarking"
    SUSTAINABILITY = "sustainability", "Sustainability"
    TARGETING = "targeting", "Targeting"
    POLICY = "policy", "Policy"
    PLAN_PROJECT = "plan_project", "Plan/Project"


class Indicator(models.TextChoices):
    LEADING = "leading", _("Leading")
    LAGGING = "lagging", _("Lagging")


UNIT_SUGGESTIONS = ["ร้อยละ", "ระดับ", "ราย", "ไร่", "ล้านบาท", "บาท", "วัน", "ครั้ง", "คน", "เรื่อง"]
LEVEL_NUMBERS = (1, 2, 3, 4, 5)


class Kpi(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("agreement"))
    area = models.ForeignKey(AgreementArea, on_delete=models.CASCADE, related_name="kpis", verbose_name=_("area"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("group")
    )
    standard_kpi = models.ForeignKey(
        "frameworks.StandardKpi", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("standard KPI"),
    )
    code = models.CharField(_("code"), max_length=40)
    name_th = models.CharField(_("name"), max_length=500)
    kind = models.CharField(_("kind"), max_length=12, choices=KpiKind.choices, default=KpiKind.LEVELLED)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    weight = ExactDecimalField(_("weight"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices, blank=True)
    level_1 = ExactDecimalField(_("level 1"), null=True, blank=True)
    level_2 = ExactDecimalField(_("level 2"), null=True, blank=True)
    level_3 = ExactDecimalField(_("level 3 (target)"), null=True, blank=True)
    level_4 = ExactDecimalField(_("level 4"), null=True, blank=True)
    level_5 = ExactDecimalField(_("level 5"), null=True, blank=True)
    level_text_1 = models.TextField(_("level 1 milestone"), blank=True)
    level_text_2 = models.TextField(_("level 2 milestone"), blank=True)
    level_text_3 = models.TextField(_("level 3 milestone"), blank=True)
    level_text_4 = models.TextField(_("level 4 milestone"), blank=True)
    level_text_5 = models.TextField(_("level 5 milestone"), blank=True)
    definition = models.TextField(_("definition"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    numerator = models.TextField(_("numerator means"), blank=True)
    denominator = models.TextField(_("denominator means"), blank=True)
    target_basis = models.CharField(_("target-setting basis"), max_length=20, choices=TargetBasis.choices, blank=True)
    is_quantitative = models.BooleanField(_("quantitative"), default=True)
    indicator = models.CharField(_("leading or lagging"), max_length=10, choices=Indicator.choices, blank=True)
    notes = models.TextField(_("notes and conditions"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "order", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="kpi_unique_code"),
            models.CheckConstraint(condition=Q(kind__in=KpiKind.values), name="kpi_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    @property
    def levels(self) -> list:
        return [getattr(self, f"level_{n}") for n in LEVEL_NUMBERS]

    @property
    def level_texts(self) -> list[str]:
        return [getattr(self, f"level_text_{n}") for n in LEVEL_NUMBERS]



class KpiHistory(models.Model):
    """A past result of a KPI (ผลการดำเนินงานในอดีต), usually the three previous years."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="past_results", verbose_name=_("KPI"))
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    value = ExactDecimalField(_("result"), null=True, blank=True)
    text = models.CharField(_("result as text"), max_length=255, blank=True, help_text=_('e.g. "N/A" or "-"'))
    is_preliminary = models.BooleanField(
        _("preliminary"), default=False, help_text=_("Preliminary result, or statements not yet certified by the State Audit Office.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "fiscal_year"]
        verbose_name = _("past result")
        verbose_name_plural = _("past results")
        constraints = [models.UniqueConstraint(fields=["kpi", "fiscal_year"], name="kpihistory_unique_year")]


class Criterion(models.Model):
    """A criterion (ประเด็นพิจารณา) of a composite KPI, with its weight and level texts."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("KPI"))
    name_th = models.CharField(_("name"), max_length=1000)
    weight = ExactDecimalField(_("weight"), null=True, blank=True)
    level_text_1 = models.TextField(_("level 1"), blank=True)
    level_text_2 = models.TextField(_("level 2"), blank=True)
    level_text_3 = models.TextField(_("level 3"), blank=True)
    level_text_4 = models.TextField(_("level 4"), blank=True)
    level_text_5 = models.TextField(_("level 5"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name_th

    @property
    def level_texts(self) -> list[str]:
        return [getattr(self, f"level_text_{n}") for n in LEVEL_NUMBERS]


class AgreementEvent(models.Model):
    """One step of the drafting and signing workflow: who, when, what, why."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events", verbose_name=_("agreement"))
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    occurred_on = models.DateField(_("date"), help_text=_("The date of the meeting, decision or signature."))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["agreement", "created_at", "pk"]
        verbose_name = _("agreement step")
        verbose_name_plural = _("agreement steps")


class AgreementVersion(models.Model):
    """The whole agreement frozen at a milestone (PPP submitted, PP to committee, PA in force)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("agreement"))
    stage = models.CharField(_("stage"), max_length=3, choices=Stage.choices)
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1, 2 … within the stage"))
    event = models.OneToOneField(
        AgreementEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="version", verbose_name=_("step")
    )
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))

    class Meta:
        ordering = ["agreement", "created_at", "pk"]
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        constraints = [models.UniqueConstraint(fields=["agreement", "stage", "number"], name="agreementversion_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.stage} {self.number}" if self.number > 1 else str(self.stage)
