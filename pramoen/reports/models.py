"""Bulk report generation: one job makes the round report of every fund of a fiscal year and round.

A job is a row, so its progress can be shown by any app server and survives the
request that started it; the work runs outside the request (see ``jobs.py``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .formats import FORMATS


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Generating")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


STALE_AFTER = timedelta(minutes=10)  # one report takes seconds; ten minutes without one means the work died


def job_path(instance: "ReportJob", filename: str) -> str:
    return f"reports/jobs/{instance.pk}/{filename}"


class ReportJob(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    round_number = models.PositiveSmallIntegerField(_("round"), choices=[(n, str(n)) for n in (1, 2, 3, 4)])
    format = models.CharField(_("format"), max_length=4, choices=[(f, f.upper()) for f in FORMATS])
    thai_digits = models.BooleanField(_("Thai digits"), default=True)
    buddhist_era = models.BooleanField(_("Buddhist-era years"), default=True)
    status = models.CharField(_("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("reports to make"), default=0)
    done = models.PositiveIntegerField(_("reports made"), default=0)
    skipped = models.TextField(_("funds left out and why"), blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=job_path, max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    # Set when the job starts and after each report: a running job that has not moved for
    # STALE_AFTER lost its thread or worker (a server restart) and may be taken up again.
    progressed_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="reportjob_status_valid"),
            models.CheckConstraint(condition=Q(format__in=FORMATS), name="reportjob_format_valid"),
            models.CheckConstraint(condition=Q(round_number__gte=1, round_number__lte=4), name="reportjob_round"),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} r{self.round_number} {self.format}"

    def get_absolute_url(self) -> str:
        return reverse("reports:job_detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def stalled(self) -> bool:
        """Running, but no report made for longer than any one report takes."""
        return (self.status == JobStatus.RUNNING and self.progressed_at is not None
                and timezone.now() - self.progressed_at > STALE_AFTER)

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(self.done * 100 / self.total)
