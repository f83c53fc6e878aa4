"""Views of the agreements app: list, start, read, edit, check, move through the workflow, compare, audit.

Every view loads the agreement, asks ``access.policy`` for the user's roles for
its fund (none: 404, the agreement is not revealed), checks the action against
``workflow`` (not allowed: 403), then calls a model, service or workflow function.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.access.policy import require_view_fund, visible_funds
from pramoen.core.history import changes
from pramoen.core.workflow import StepRefused
from pramoen.funds.models import Fund

from . import labels, scorecard, services, snapshot, validation, workflow
from .forms import (
    AgreementFilterForm,
    AreaWeightFormSet,
    CreateForm,
    CriterionFormSet,
    KpiForm,
    PastResultFormSet,
    SectionsForm,
    StepForm,
    past_results_initial,
)
from .models import (
    Agreement,
    AgreementArea,
    Criterion,
    Kpi,
    KpiHistory,
    KpiKind,
    Status,
)


# ---------------------------------------------------------------- helpers


def _load(request: HttpRequest, pk: int, *, for_update: bool = False) -> tuple[Agreement, frozenset[str]]:
    """The agreement and the user's roles for its fund; 404 when the user may not see it."""
    agreements = Agreement.objects.select_related("fund", "framework")
    if for_update:
        agreements = agreements.select_for_update(of=("self",))
    agreement = get_object_or_404(agreements, pk=pk)
    return agreement, require_view_fund(request.user, agreement.fund)


def _require_edit(agreement: Agreement, roles: frozenset[str]) -> None:
    if not workflow.may_edit(agreement, roles):
        raise PermissionDenied


def _issue_context(agreement: Agreement, found: list[validation.Issue]) -> dict[str, Any]:
    return {
        "agreement": agreement,
        "errors": [i for i in found if i.is_error],
        "warnings": [i for i in found if not i.is_error],
    }


# ---------------------------------------------------------------- list and create


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    visible = Agreement.objects.filter(fund__in=visible_funds(request.user))
    years = sorted(set(visible.values_list("fiscal_year", flat=True)), reverse=True)
    form = AgreementFilterForm(request.GET, years=years)
    if not form.is_valid():
        return render(request, "agreements/list.html", {"form": form, "agreements": []}, status=400)
    agreements = list(
        form.filter(visible)
        .select_related("fund")
        .annotate(last_step_on=Max("events__occurred_on"))
        .order_by("-fiscal_year", "fund__code")
    )
    return render(request, "agreements/list.html", {"form": form, "agreements": agreements})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, fund_code: str) -> HttpResponse:
    fund = get_object_or_404(Fund, code=fund_code)
    roles = require_view_fund(request.user, fund)
    if not services.may_create(roles):
        raise PermissionDenied
    if request.method == "POST":
        form = CreateForm(request.POST)
        if form.is_valid():
            try:
                agreement = services.create_agreement(fund, form.cleaned_data["fiscal_year"])
            except ValidationError as invalid:
                _add_errors(form, invalid)
            else:
                messages.success(request, _("The PPP draft for %(year)s has been started.") % {"year": agreement.fiscal_year})
                return redirect(agreement)
        return render(request, "agreements/create.html", {"form": form, "fund": fund}, status=400)
    year = request.GET.get("fiscal_year")
    initial_year = int(year) if year and year.isdigit() else fund.current_fiscal_year() + 1
    form = CreateForm(initial={"fiscal_year": initial_year})
    return render(request, "agreements/create.html", {"form": form, "fund": fund})


def _add_errors(form, invalid: ValidationError) -> None:
    if not hasattr(invalid, "error_dict"):
        form.add_error(None, invalid)
        return
    for field, errors in invalid.error_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


# ---------------------------------------------------------------- detail


def _detail_context(request: HttpRequest, agreement: Agreement, roles: frozenset[str],
                    failed_step: str | None = None, step_errors: list[str] | None = None,
                    step_form: StepForm | None = None) -> dict[str, Any]:
    content = scorecard.Content.load(agreement)
    past: dict[int, list[KpiHistory]] = {}
    for row in snapshot.agreement_past_results(agreement):
        past.setdefault(row.kpi_id, []).append(row)
    rows = [
        {"kpi": kpi, "depth": content.depth(kpi), "criteria": content.criteria.get(kpi.pk, []),
         "past": past.get(kpi.pk, [])}
        for kpi in content.ordered()
    ]
    band_of = validation.bands_by_area(content.areas, agreement.framework.areas.all())
    areas = [
        {"area": area, "band": band_of[area.pk],
         "kpis": [r for r in rows if r["kpi"].area_id == area.pk]}
        for area in content.areas
    ]
    today = timezone.localdate()
    steps = []
    for step in workflow.steps_for(agreement, request.user):
        form = step_form if step.name == failed_step and step_form is not None else StepForm(
            initial={"occurred_on": today}, prefix=step.name
        )
        steps.append({"step": step, "form": form,
                      "errors": step_errors if step.name == failed_step else []})
    found = validation.issues(agreement, content)
    late_now = 0
    if agreement.status == Status.SENT and agreement.signature_due_on and today > agreement.signature_due_on:
        late_now = (today - agreement.signature_due_on).days
    versions = list(agreement.versions.defer("snapshot").select_related("created_by", "event"))
    rounds = list(agreement.rounds.all()) if agreement.status == Status.IN_FORCE else []
    return {
        **_issue_context(agreement, found),
        "areas": areas,
        "may_edit": workflow.may_edit(agreement, roles),
        "steps": steps,
        "events": [
            {"event": e, "label": labels.step_label(e.action)}
            for e in agreement.events.select_related("actor")
        ],
        "versions": [{"version": v, "previous": versions[i - 1] if i else None} for i, v in enumerate(versions)],
        "rounds": rounds,
        "late_now": late_now,
        "today": today,
        "objectives": [line for line in agreement.objectives.splitlines() if line.strip()],
    }


@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, roles = _load(request, pk)
    agreement = _with_bands(agreement)
    return render(request, "agreements/detail.html", _detail_context(request, agreement, roles))


def _with_bands(agreement: Agreement) -> Agreement:
    """Prefetch the framework's areas once: the page and the validation both read them."""
    prefetch_related_objects([agreement.framework], "areas")
    return agreement


@login_required
@require_POST
def agreement_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    agreement, roles = _load(request, pk)
    step = workflow.STEPS.get(name)
    if step is None:
        raise Http404
    if not step.allowed_for(roles):
        raise PermissionDenied
    form = StepForm(request.POST, prefix=name)
    errors: list[str] = []
    if form.is_valid():
        occurred_on = form.cleaned_data["occurred_on"] if step.date_label else None
        try:
            workflow.perform(agreement, name, request.user, occurred_on=occurred_on,
                             comment=form.cleaned_data["comment"])
        except StepRefused as refused:
            if hasattr(refused, "error_dict"):
                _add_errors(form, refused)
            else:
                errors = list(refused.messages)
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": step.label})
            return redirect(agreement)
    agreement.refresh_from_db()
    context = _detail_context(request, _with_bands(agreement), roles, failed_step=name, step_errors=errors,
                              step_form=form)
    context["step_failed"] = step
    return render(request, "agreements/detail.html", context, status=400)


# ---------------------------------------------------------------- sections, areas


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, roles = _load(request, pk)
    _require_edit(agreement, roles)
    if request.method == "POST":
        form = SectionsForm(request.POST, instance=agreement)
        if form.is_valid():
            with transaction.atomic():
                locked, roles = _load(request, pk, for_update=True)
                _require_edit(locked, roles)
                # Copy only the form's fields onto the row read under the lock: the instance the form
                # was bound to may carry a status or signing dates that changed meanwhile.
                for name in form.Meta.fields:
                    setattr(locked, name, getattr(form.instance, name))
                locked.save()
            messages.success(request, _("The agreement has been saved."))
            return redirect(agreement)
        return render(request, "agreements/edit.html", {"form": form, "agreement": agreement}, status=400)
    form = SectionsForm(instance=agreement)
    return render(request, "agreements/edit.html", {"form": form, "agreement": agreement})


def _area_formset(areas: list[AgreementArea], data=None):
    formset = AreaWeightFormSet(data, initial=[{"weight": a.weight} for a in areas], prefix="areas")
    for form, area in zip(formset.forms, areas):
        form.area = area
    return formset


def _apply_area_weights(formset, areas: list[AgreementArea]) -> None:
    for form, area in zip(formset.forms, areas):
        weight = form.cleaned_data.get("weight")
        if weight != area.weight:
            area.weight = weight
            area.save()


@login_required
@require_http_methods(["GET", "POST"])
def agreement_areas(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, roles = _load(request, pk)
    _require_edit(agreement, roles)
    _with_bands(agreement)
    areas = list(agreement.areas.order_by("order", "code"))
    band_of = validation.bands_by_area(areas, agreement.framework.areas.all())
    for area in areas:
        area.band = band_of[area.pk]
    if request.method == "POST":
        formset = _area_formset(areas, request.POST)
        if formset.is_valid() and len(formset.forms) == len(areas):
            with transaction.atomic():
                locked, roles = _load(request, pk, for_update=True)
                _require_edit(locked, roles)
                _apply_area_weights(formset, areas)
            messages.success(request, _("The area weights have been saved."))
            return redirect(agreement)
        context = {**_issue_context(agreement, []), "formset": formset,
                   "form_errors": _formset_errors(formset, areas)}
        return render(request, "agreements/areas.html", context, status=400)
    formset = _area_formset(areas)
    found = validation.issues(agreement)
    return render(request, "agreements/areas.html", {"formset": formset, **_issue_context(agreement, found)})


@login_required
@require_POST
def agreement_areas_check(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, roles = _load(request, pk)
    _require_edit(agreement, roles)
    areas = list(agreement.areas.order_by("order", "code"))
    formset = _area_formset(areas, request.POST)
    if not formset.is_valid() or len(formset.forms) != len(areas):
        return render(request, "agreements/_validation_panel.html",
                      {**_issue_context(agreement, []), "form_errors": _formset_errors(formset, areas)})
    found = services.check_unsaved(agreement, lambda: _apply_area_weights(formset, areas))
    return render(request, "agreements/_validation_panel.html", {**_issue_context(agreement, found), "checked": True})


def _formset_errors(formset, areas: list[AgreementArea]) -> list[str]:
    out = []
    if formset.is_bound and formset.management_form.is_valid() and formset.total_form_count() != len(areas):
        out.append(_("The areas of this agreement have changed since the page was opened: reload it."))
    for form, area in zip(formset.forms, areas):
        for error in form.errors.get("weight", []):
            out.append(f"{area.code}: {error}")
    out += [str(e) for e in formset.non_form_errors()]
    return out


# ---------------------------------------------------------------- KPIs


def _kpi_forms(agreement: Agreement, kpi: Kpi | None, data=None, initial: dict[str, Any] | None = None):
    areas = list(agreement.areas.order_by("order", "code"))
    instance = kpi or Kpi(agreement=agreement)
    form = KpiForm(data, instance=instance, agreement=agreement, areas=areas, initial=initial or {})
    criteria = CriterionFormSet(data, instance=instance, prefix="criteria",
                                queryset=Criterion.objects.filter(kpi=instance) if instance.pk else Criterion.objects.none())
    rows = past_results_initial(kpi, agreement.fiscal_year)
    past = PastResultFormSet(data, prefix="past", initial=rows, years=[row["fiscal_year"] for row in rows])
    return form, criteria, past


def _kpi_valid(form, criteria, past) -> bool:
    # Validate all three so every error shows at once; criteria only matter for a composite KPI.
    ok = form.is_valid()
    ok = past.is_valid() and ok
    if form.cleaned_data.get("kind") == KpiKind.COMPOSITE:
        ok = criteria.is_valid() and ok
    return ok


def _kpi_page(request: HttpRequest, agreement: Agreement, kpi: Kpi | None) -> HttpResponse:
    if request.method == "POST":
        form, criteria, past = _kpi_forms(agreement, kpi, request.POST)
        if _kpi_valid(form, criteria, past):
            with transaction.atomic():
                locked, roles = _load(request, agreement.pk, for_update=True)
                _require_edit(locked, roles)
                saved = services.save_kpi(form, criteria, past)
            messages.success(request, _("KPI %(code)s has been saved.") % {"code": saved.code})
            return redirect(f"{agreement.get_absolute_url()}#kpi-{saved.pk}")
        status = 400
    else:
        initial = {}
        for name in ("area", "parent"):
            value = request.GET.get(name)
            if value and value.isdigit():
                initial[name] = int(value)
        form, criteria, past = _kpi_forms(agreement, kpi, initial=initial)
        status = 200
    found = validation.issues(agreement)
    context = {
        **_issue_context(agreement, found),
        "kpi": kpi, "form": form, "criteria": criteria, "past": past,
        "check_url": _check_url(agreement, kpi),
    }
    return render(request, "agreements/kpi_form.html", context, status=status)


def _check_url(agreement: Agreement, kpi: Kpi | None) -> str:
    if kpi is None:
        return reverse("agreements:kpi_check", args=[agreement.pk])
    return reverse("agreements:kpi_check", args=[agreement.pk, kpi.pk])


def _editable_kpi(request: HttpRequest, pk: int, kpi_pk: int | None) -> tuple[Agreement, Kpi | None]:
    agreement, roles = _load(request, pk)
    kpi = get_object_or_404(Kpi, pk=kpi_pk, agreement=agreement) if kpi_pk is not None else None
    _require_edit(agreement, roles)
    return agreement, kpi


@login_required
@require_http_methods(["GET", "POST"])
def kpi_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _kpi = _editable_kpi(request, pk, None)
    return _kpi_page(request, agreement, None)


@login_required
@require_http_methods(["GET", "POST"])
def kpi_edit(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    agreement, kpi = _editable_kpi(request, pk, kpi_pk)
    return _kpi_page(request, agreement, kpi)


@login_required
@require_POST
def kpi_check(request: HttpRequest, pk: int, kpi_pk: int | None = None) -> HttpResponse:
    """The validation panel for the KPI form as typed, without saving anything."""
    agreement, kpi = _editable_kpi(request, pk, kpi_pk)
    form, criteria, past = _kpi_forms(agreement, kpi, request.POST)
    if not _kpi_valid(form, criteria, past):
        return render(request, "agreements/_validation_panel.html",
                      {**_issue_context(agreement, []), "form_errors": _kpi_form_errors(form, criteria, past)})
    found = services.check_unsaved(agreement, lambda: services.save_kpi(form, criteria, past))
    return render(request, "agreements/_validation_panel.html", {**_issue_context(agreement, found), "checked": True})


def _kpi_form_errors(form, criteria, past) -> list[str]:
    out = []
    code = form.data.get("code") or _("(new KPI)")
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        out += [f"{code} · {label}: {e}" if label else f"{code}: {e}" for e in errors]
    if form.cleaned_data.get("kind") == KpiKind.COMPOSITE:
        for number, sub in enumerate(criteria.forms, start=1):
            for field, errors in sub.errors.items():
                out += [f"{code} · {_('criterion')} {number} · {sub.fields[field].label}: {e}" for e in errors]
    for sub in past.forms:
        year = sub.data.get(sub.add_prefix("fiscal_year"), "")
        for field, errors in sub.errors.items():
            out += [f"{code} · {_('past result')} {year}: {e}" for e in errors]
    out += [f"{code} · {e}" for e in past.non_form_errors()]
    return out


@login_required
@require_http_methods(["GET", "POST"])
def kpi_delete(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    agreement, kpi = _editable_kpi(request, pk, kpi_pk)
    assert kpi is not None
    children = list(kpi.children.all())
    if request.method == "POST":
        with transaction.atomic():
            locked, roles = _load(request, pk, for_update=True)
            _require_edit(locked, roles)
            code = kpi.code
            for child in children:
                child.delete()
            kpi.delete()
        messages.success(request, _("KPI %(code)s has been deleted.") % {"code": code})
        return redirect(agreement)
    return render(request, "agreements/kpi_confirm_delete.html",
                  {"agreement": agreement, "kpi": kpi, "children": children})


# ---------------------------------------------------------------- versions and audit


CURRENT = "current"


@login_required
@require_GET
def agreement_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare two versions, or a version and the working copy (``?a=<version>&b=<version>|current``)."""
    agreement, _roles = _load(request, pk)
    versions = list(agreement.versions.all())
    by_id = {str(v.pk): v for v in versions}
    a = request.GET.get("a") or (str(versions[-1].pk) if versions else CURRENT)
    b = request.GET.get("b") or CURRENT
    if a not in by_id and a != CURRENT or b not in by_id and b != CURRENT:
        raise Http404
    working = snapshot.take(agreement) if CURRENT in (a, b) else None

    def content(key: str) -> dict[str, Any]:
        return working if key == CURRENT else by_id[key].snapshot

    rows = [labels.change_row(c) for c in snapshot.diff(content(a), content(b))]
    context = {
        "agreement": agreement, "versions": versions, "a": a, "b": b, "rows": rows,
        "a_label": labels.version_label(by_id.get(a)), "b_label": labels.version_label(by_id.get(b)),
    }
    return render(request, "agreements/diff.html", context)


@login_required
@require_GET
def agreement_history(request: HttpRequest, pk: int) -> HttpResponse:
    agreement, _roles = _load(request, pk)
    # Every KPI the agreement ever had, deleted ones included, so their criteria and past results show too.
    kpi_codes = dict(Kpi.history.filter(agreement_id=agreement.pk).order_by("history_date").values_list("id", "code"))
    kpi_ids = set(kpi_codes)
    rows = changes(
        [
            Agreement.history.filter(id=agreement.pk),
            AgreementArea.history.filter(agreement_id=agreement.pk),
            Kpi.history.filter(agreement_id=agreement.pk),
            Criterion.history.filter(kpi_id__in=kpi_ids),
            KpiHistory.history.filter(kpi_id__in=kpi_ids),
        ],
        labels=lambda obj: labels.object_label(obj, kpi_codes),
    )
    rows = [dataclasses.replace(r, reason=labels.step_label(r.reason)) for r in rows]
    return render(request, "agreements/history.html", {"agreement": agreement, "changes": rows})


__all__ = [
    "agreement_list", "agreement_create", "agreement_detail", "agreement_step", "agreement_edit",
    "agreement_areas", "agreement_areas_check", "kpi_add", "kpi_edit", "kpi_check", "kpi_delete",
    "agreement_diff", "agreement_history",
]
