"""Views of the reports app: a round's report as a file, and bulk jobs with their progress.

A round report may be downloaded by anyone who may see the round's fund (the
same rule as the round page). Bulk jobs cover every fund, so only CGD officers
and administrators start them; committee members may follow and download them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pramoen.access.policy import global_roles, is_cgd
from pramoen.core.downloads import attachment, stored_attachment
from pramoen.rounds.views import load_round

from . import jobs
from .formats import CONTENT_TYPES, FORMATS, Options
from .forms import JobForm
from .models import ReportJob
from .services import NotScorable, render as render_file, round_document, round_file_name


def options_from(request: HttpRequest) -> Options:
    """``?digits=arabic`` and ``?era=ce``; Thai digits and Buddhist-era years otherwise."""
    return Options(thai_digits=request.GET.get("digits") != "arabic", buddhist_era=request.GET.get("era") != "ce")


def file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    return attachment(content, filename, CONTENT_TYPES[fmt])


@login_required
@require_GET
def round_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_, _roles = load_round(request, pk)
    if fmt not in FORMATS:
        raise Http404
    try:
        document = round_document(round_, options_from(request))
    except NotScorable:
        messages.error(request, _("The agreement's structure has problems, so no report can be made."))
        return redirect("rounds:scorecard", round_.pk)
    return file_response(render_file(document, fmt), fmt, round_file_name(round_, fmt))


def require_reader(request: HttpRequest) -> None:
    if not (global_roles(request.user) or request.user.is_superuser):
        raise PermissionDenied


@login_required
@require_POST
def job_create(request: HttpRequest) -> HttpResponse:
    if not is_cgd(request.user):
        raise PermissionDenied
    form = JobForm(request.POST)
    if not form.is_valid():
        # The form is hidden fields and a list: name the field, "This field is required." alone says nothing.
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form[name].label}: {error}" if name in form.fields else error)
        return redirect("reports:portfolio")
    job = jobs.create(request.user, **form.cleaned_data)
    return redirect(job)


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_reader(request)
    job = get_object_or_404(ReportJob, pk=pk)
    template = "reports/_job_progress.html" if request.htmx else "reports/job_detail.html"
    return render(request, template, {"job": job})


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    require_reader(request)
    job = get_object_or_404(ReportJob, pk=pk)
    return stored_attachment(job.file, jobs.archive_name(job), "application/zip")
