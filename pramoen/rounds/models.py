"""Reporting rounds (รอบ/งวด ครั้งที่ ๑–๔) of an agreement in force: results,
narratives and evidence per KPI, and the round's review workflow."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pramoen.core.fields import ExactDecimalField


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (fund entering results)")
    SUBMITTED = "submitted", _("Submitted by the fund")
    RETURNED = "returned", _("Returned to the fund")
    ACCEPTED = "accepted", _("Accepted after review")
    APPROVED = "approved", _("Approved and locked")


class Round(models.Model):
    agreement = models.ForeignKey(
        "agreements.Agreement", on_delete=models.CASCADE, related_name="rounds", verbose_name=_("agreement")
    )
    number = models.PositiveSmallIntegerField(_("round"), choices=[(n, str(n)) for n in (1, 2, 3, 4)])
    status = models.CharField(_("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    late_days = models.PositiveIntegerField(_("days late"), default=0)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="round_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=4), name="round_number_1_to_4"),
            models.CheckConstraint(condition=Q(status__in=RoundStatus.values), name="round_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", args=[self.pk])

    @property
    def fund_may_edit(self) -> bool:
        return self.status in (RoundStatus.DRAFT, RoundStatus.RETURNED)


class Result(models.Model):
    """The fund's result of one KPI in one round, with its four-part RFES narrative.

    ``value`` is the measured number for a levelled KPI and the level reached for a
    milestone KPI; a composite KPI's result is its criteria levels (CriterionResult).
    ``not_available`` marks a result reported as n/a: ``value`` stays empty.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results", verbose_name=_("round"))
    kpi = models.ForeignKey("agreements.Kpi", on_delete=models.CASCADE, related_name="results", verbose_name=_("KPI"))
    value = ExactDecimalField(_("result"), null=True, blank=True, keep_places=True)  # "6.90" as reported
    # The fund states there is no result this round (e.g. a survey made only at year end).
    # It counts as reported, scores 1 like any missing result, and needs a reason in the narrative.
    not_available = models.BooleanField(_("no result this round (n/a)"), default=False)
    # The two numbers a ratio KPI's result is computed from (the KPI names what they mean),
    # e.g. actual and planned spending; printed in the report beside the result.
    numerator_value = ExactDecimalField(_("numerator"), null=True, blank=True, keep_places=True)
    denominator_value = ExactDecimalField(_("denominator"), null=True, blank=True, keep_places=True)
    narrative_reasons = models.TextField(_("reasons the result is better or worse than the target"), blank=True)
    narrative_factors = models.TextField(_("supporting factors"), blank=True)
    narrative_obstacles = models.TextField(_("obstacles and how they are being fixed"), blank=True)
    narrative_plan = models.TextField(_("result compared with the plan"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "kpi__order", "kpi__code"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["round", "kpi"], name="result_unique_kpi")]

    def __str__(self) -> str:
        return f"{self.round} · {self.kpi.code}"

    def criterion_levels(self) -> dict[int, Decimal | None]:
        """criterion id → level reached, from the (usually prefetched) criterion results."""
        return {cr.criterion_id: cr.level for cr in self.criterion_results.all()}

    def criterion_explanations(self) -> dict[int, str]:
        """criterion id → how its level was reached, from the (usually prefetched) criterion results."""
        return {cr.criterion_id: cr.explanation for cr in self.criterion_results.all() if cr.explanation.strip()}


class CriterionResult(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="criterion_results", verbose_name=_("result"))
    criterion = models.ForeignKey(
        "agreements.Criterion", on_delete=models.CASCADE, related_name="results", verbose_name=_("criterion")
    )
    level = ExactDecimalField(_("level reached"), null=True, blank=True)
    explanation = models.TextField(_("how the level was reached"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "criterion__order", "criterion__pk"]
        verbose_name = _("criterion result")
        verbose_name_plural = _("criterion results")
        constraints = [models.UniqueConstraint(fields=["result", "criterion"], name="criterionresult_unique")]


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name never comes from the user: only the id of the result and a random part.
    import secrets

    return f"evidence/{instance.result.round_id}/{instance.result_id}/{secrets.token_hex(16)}"


class Evidence(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("result"))
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class RoundEvent(models.Model):
    """One step of a round's workflow: submitted, returned (with the reason), accepted, approved, reopened."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events", verbose_name=_("round"))
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(_("from"), max_length=12, choices=RoundStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=RoundStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    occurred_on = models.DateField(_("date"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["round", "created_at", "pk"]
        verbose_name = _("round step")
        verbose_name_plural = _("round steps")
