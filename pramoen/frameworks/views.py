"""Views of the frameworks app: every logged-in user reads; CGD officers and admins edit.

A framework is not tied to a fund, so there is nothing to hide: an unknown year
is a 404, an edit by anyone else a 403. Edits of a framework that agreements
past drafting already use are allowed (the committee revises frameworks) but
every edit page says so first.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pramoen.access.policy import is_cgd
from pramoen.agreements.models import Agreement, AgreementArea, Status
from pramoen.core.history import changes
from pramoen.scoring.reader import exact_sum

from .forms import AreaForm, CopyForm, CriterionFormSet, FrameworkForm, StandardKpiForm
from .models import Framework, FrameworkArea, StandardCriterion, StandardKpi
from .services import copy_framework

# ---------------------------------------------------------------- helpers


def _framework(year: int) -> Framework:
    return get_object_or_404(Framework, fiscal_year=year)


def _require_editor(request: HttpRequest) -> None:
    if not is_cgd(request.user):
        raise PermissionDenied


def _in_use(framework: Framework) -> list[Agreement]:
    """Agreements past drafting that follow this framework: edits change how they are checked."""
    return list(
        framework.agreements.exclude(status=Status.PPP_DRAFTING).select_related("fund").order_by("fund__code")
    )


def _editor_context(framework: Framework, **extra: Any) -> dict[str, Any]:
    return {"framework": framework, "in_use": _in_use(framework), **extra}


# ---------------------------------------------------------------- reading


@login_required
@require_GET
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.annotate(
        area_count=Count("areas", distinct=True),
        standard_kpi_count=Count("standard_kpis", distinct=True),
        agreement_count=Count("agreements", distinct=True),
    ).order_by("-fiscal_year")
    return render(request, "frameworks/list.html", {"frameworks": list(frameworks), "can_edit": is_cgd(request.user)})


@login_required
@require_GET
def framework_detail(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    areas = list(framework.areas.all())
    standard_kpis = list(framework.standard_kpis.select_related("area").prefetch_related("criteria"))
    default_total = exact_sum(a.default_weight for a in areas) if areas else None
    context = {
        "framework": framework,
        "areas": areas,
        "limited_areas": [a for a in areas if a.counts_toward_limit],
        "standard_kpis": standard_kpis,
        "default_total": default_total,
        "can_edit": is_cgd(request.user),
        "in_use": _in_use(framework),
    }
    return render(request, "frameworks/detail.html", context)


@login_required
@require_GET
def framework_history(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    # Names of the standard KPIs, deleted ones included, to label their criteria (one query).
    kpi_codes = dict(StandardKpi.history.filter(framework_id=framework.pk).values_list("id", "code"))

    def label(instance: Any) -> str:
        if isinstance(instance, Framework):
            return _("Framework %(year)s") % {"year": instance.fiscal_year}
        if isinstance(instance, FrameworkArea):
            return _("Area %(code)s %(name)s") % {"code": instance.code, "name": instance.name_th}
        if isinstance(instance, StandardKpi):
            return _("Standard KPI %(code)s") % {"code": instance.code}
        return _("KPI %(code)s: criterion “%(name)s”") % {
            "code": kpi_codes.get(instance.standard_kpi_id, "?"), "name": instance.name_th,
        }

    rows = changes(
        [
            Framework.history.filter(id=framework.pk),
            FrameworkArea.history.filter(framework_id=framework.pk),
            StandardKpi.history.filter(framework_id=framework.pk),
            StandardCriterion.history.filter(standard_kpi_id__in=list(kpi_codes)),
        ],
        labels=label,
    )
    return render(request, "frameworks/history.html", {"framework": framework, "changes": rows})


# ---------------------------------------------------------------- editing


@login_required
@require_http_methods(["GET", "POST"])
def framework_edit(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    _require_editor(request)
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("The %(year)s framework was saved.") % {"year": year})
            return redirect("frameworks:detail", year=year)
        return render(request, "frameworks/edit.html", _editor_context(framework, form=form), status=400)
    return render(request, "frameworks/edit.html", _editor_context(framework, form=form))


def _area_form(request: HttpRequest, framework: Framework, area: FrameworkArea | None) -> HttpResponse:
    form = AreaForm(request.POST or None, instance=area, framework=framework)
    context = _editor_context(framework, form=form, area=area)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save()
            messages.success(request, _("Area %(code)s was saved.") % {"code": saved.code})
            return redirect("frameworks:detail", year=framework.fiscal_year)
        return render(request, "frameworks/area_form.html", context, status=400)
    return render(request, "frameworks/area_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def area_add(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    _require_editor(request)
    return _area_form(request, framework, None)


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, year: int, area_pk: int) -> HttpResponse:
    framework = _framework(year)
    area = get_object_or_404(FrameworkArea, pk=area_pk, framework=framework)
    _require_editor(request)
    return _area_form(request, framework, area)


@login_required
@require_http_methods(["GET", "POST"])
def area_delete(request: HttpRequest, year: int, area_pk: int) -> HttpResponse:
    framework = _framework(year)
    area = get_object_or_404(FrameworkArea, pk=area_pk, framework=framework)
    _require_editor(request)
    users = list(
        Agreement.objects.filter(pk__in=AgreementArea.objects.filter(framework_area=area).values("agreement_id"))
        .select_related("fund").order_by("fund__code")
    )
    context = _editor_context(framework, area=area, users=users, standard_kpis=list(area.standard_kpis.all()))
    if request.method == "POST":
        if users:
            context["refused"] = True
            return render(request, "frameworks/area_confirm_delete.html", context, status=400)
        try:
            with transaction.atomic():
                area.delete()
        except ProtectedError:  # an agreement took the area up since the page was shown
            context["refused"] = True
            return render(request, "frameworks/area_confirm_delete.html", context, status=400)
        messages.success(request, _("Area %(code)s was deleted.") % {"code": area.code})
        return redirect("frameworks:detail", year=year)
    return render(request, "frameworks/area_confirm_delete.html", context)


def _kpi_form(request: HttpRequest, framework: Framework, kpi: StandardKpi | None) -> HttpResponse:
    form = StandardKpiForm(request.POST or None, instance=kpi, framework=framework)
    formset = CriterionFormSet(request.POST or None, instance=kpi or StandardKpi(framework=framework), prefix="criteria")
    context = _editor_context(framework, form=form, criteria=formset, kpi=kpi)
    if request.method == "POST":
        form_ok = form.is_valid()
        # The sum message names the KPI: the code being typed, else the stored one.
        formset.kpi_code = (form.cleaned_data.get("code") if form_ok else None) or request.POST.get("code") or (kpi.code if kpi else "")
        if form_ok and formset.is_valid():
            with transaction.atomic():
                saved = form.save()
                formset.instance = saved
                formset.save()
            messages.success(request, _("Standard KPI %(code)s was saved.") % {"code": saved.code})
            return redirect(f"{framework_url(framework)}#kpi-{saved.pk}")
        formset.is_valid()  # collect the criteria's errors too, so everything shows at once
        return render(request, "frameworks/standard_kpi_form.html", context, status=400)
    return render(request, "frameworks/standard_kpi_form.html", context)


def framework_url(framework: Framework) -> str:
    return reverse("frameworks:detail", kwargs={"year": framework.fiscal_year})


@login_required
@require_http_methods(["GET", "POST"])
def standard_kpi_add(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    _require_editor(request)
    return _kpi_form(request, framework, None)


@login_required
@require_http_methods(["GET", "POST"])
def standard_kpi_edit(request: HttpRequest, year: int, kpi_pk: int) -> HttpResponse:
    framework = _framework(year)
    kpi = get_object_or_404(StandardKpi, pk=kpi_pk, framework=framework)
    _require_editor(request)
    return _kpi_form(request, framework, kpi)


@login_required
@require_http_methods(["GET", "POST"])
def standard_kpi_delete(request: HttpRequest, year: int, kpi_pk: int) -> HttpResponse:
    framework = _framework(year)
    kpi = get_object_or_404(StandardKpi, pk=kpi_pk, framework=framework)
    _require_editor(request)
    if request.method == "POST":
        # Agreements keep their copy of the KPI; only the link to the standard goes (SET_NULL).
        kpi.delete()
        messages.success(request, _("Standard KPI %(code)s was deleted.") % {"code": kpi.code})
        return redirect("frameworks:detail", year=year)
    return render(request, "frameworks/standard_kpi_confirm_delete.html", _editor_context(framework, kpi=kpi))


@login_required
@require_http_methods(["GET", "POST"])
def framework_copy(request: HttpRequest, year: int) -> HttpResponse:
    framework = _framework(year)
    _require_editor(request)
    # The year after the latest framework (this one, at the earliest).
    next_year = Framework.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True)[0] + 1
    initial = {"fiscal_year": next_year, "name": framework.name.replace(str(year), str(next_year))}
    form = CopyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            new = copy_framework(framework, form.cleaned_data["fiscal_year"], form.cleaned_data["name"])
            messages.success(
                request,
                _("The %(year)s framework was started as a copy of %(source)s. Review it before agreements use it.")
                % {"year": new.fiscal_year, "source": year},
            )
            return redirect("frameworks:detail", year=new.fiscal_year)
        return render(request, "frameworks/copy.html", {"framework": framework, "form": form}, status=400)
    return render(request, "frameworks/copy.html", {"framework": framework, "form": form})


