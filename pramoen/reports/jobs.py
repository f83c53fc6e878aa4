"""Bulk generation: the round report of every fund of a year and round, in one zip file.

A :class:`ReportJob` row records the request and its progress. The work never
runs inside the request that asked for it: by default a background thread of
the app server starts it once the job is committed (``PRAMOEN_REPORT_JOBS =
"thread"``); ``"worker"`` leaves it queued for ``python -m pramoen
run_report_jobs`` (several app servers, one worker); ``"inline"`` runs it at
once (tests). A worker claims a job with ``select_for_update(skip_locked)``, so
two workers never make the same job. The page polls the row for progress.
"""

from __future__ import annotations

import io
import logging
import threading
import zipfile
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .formats import Options
from .models import STALE_AFTER, JobStatus, ReportJob
from .services import NotScorable, published_rounds, render, round_document, round_file_name

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, total, what was just made)


def mode() -> str:
    return getattr(settings, "PRAMOEN_REPORT_JOBS", "thread")


def create(user, *, fiscal_year: int, round_number: int, format: str, thai_digits: bool = True,
           buddhist_era: bool = True) -> ReportJob:
    job = ReportJob.objects.create(
        fiscal_year=fiscal_year, round_number=round_number, format=format, thai_digits=thai_digits,
        buddhist_era=buddhist_era, created_by=user, total=published_rounds(fiscal_year, round_number).count(),
    )
    if mode() == "inline":
        run(job.pk)
        job.refresh_from_db()
    elif mode() == "thread":
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(pk: int) -> None:
    def target() -> None:
        try:
            run(pk)
        finally:
            connection.close()  # this thread's own connection; nothing else will close it

    threading.Thread(target=target, name=f"report-job-{pk}", daemon=True).start()


def claim(pk: int | None = None) -> ReportJob | None:
    """Mark one queued (or stalled) job running and return it; None if there is none or another
    worker has it. A stalled job lost its thread or worker to a restart: it starts again."""
    now = timezone.now()
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, progressed_at__lt=now - STALE_AFTER)
    with transaction.atomic():
        queued = ReportJob.objects.select_for_update(skip_locked=True).filter(claimable)
        if pk is not None:
            queued = queued.filter(pk=pk)
        job = queued.order_by("created_at", "pk").first()
        if job is None:
            return None
        job.status = JobStatus.RUNNING
        job.started_at = job.progressed_at = now
        job.done = 0
        job.save(update_fields=["status", "started_at", "progressed_at", "done"])
        return job


def generate(fiscal_year: int, round_number: int, fmt: str, options: Options,
             progress: Progress | None = None) -> Iterator[tuple[str, bytes | None, str]]:
    """(file name, content, why it was left out) for each fund's round, in registry order.

    Shared by the web's jobs and the ``report_all`` command, so both make the same files.
    """
    rounds = list(published_rounds(fiscal_year, round_number))
    for done, round_ in enumerate(rounds, start=1):
        name = round_file_name(round_, fmt)
        try:
            content = render(round_document(round_, options), fmt)
        except NotScorable as problem:
            yield name, None, f"{round_.agreement.fund.code}: {problem}"
        else:
            yield name, content, ""
        if progress is not None:
            progress(done, len(rounds), name)


def archive_name(job: ReportJob) -> str:
    return f"rfes-{job.fiscal_year}-r{job.round_number}-{job.format}.zip"


def run(pk: int) -> None:
    """Claim job ``pk`` and make it (nothing happens if another worker has it already)."""
    job = claim(pk)
    if job is not None:
        work(job)


def work(job: ReportJob) -> None:
    """Make a claimed job's zip, saving progress after each report; a failure is recorded, not raised."""
    options = Options(thai_digits=job.thai_digits, buddhist_era=job.buddhist_era)

    def progress(done: int, total: int, _name: str) -> None:
        ReportJob.objects.filter(pk=job.pk).update(done=done, total=total, progressed_at=timezone.now())

    buffer = io.BytesIO()
    skipped: list[str] = []
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content, why in generate(job.fiscal_year, job.round_number, job.format, options, progress):
                if content is None:
                    skipped.append(why)
                else:
                    archive.writestr(name, content)
            if skipped:
                archive.writestr("left-out.txt", "\n".join(skipped) + "\n")
        # Storing the file can fail too (disk full): inside the try, or the job would stay "running"
        # for ever, the page polling it, and the worker that made it would stop.
        job.refresh_from_db()
        job.skipped = "\n".join(skipped)
        job.file.save(archive_name(job), ContentFile(buffer.getvalue()), save=False)
        job.status = JobStatus.DONE
        job.finished_at = timezone.now()
        job.save()
    except Exception as error:  # recorded on the job for the page; the traceback goes to the log
        log.exception("report job %s failed", job.pk)
        ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=str(error)[:2000], file="",
                                                   finished_at=timezone.now())
