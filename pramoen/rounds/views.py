"""Views of the rounds app: the round page, result entry, evidence, steps, scorecard, history.

Every view loads the round, asks ``access.policy`` for the user's roles for
its fund (none → 404, so a round of another fund is not revealed), checks the
action with ``rounds.workflow`` (not allowed → 403), then calls a form,
service or workflow function.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.access.policy import roles_for
from pramoen.agreements.models import Criterion, Kpi, KpiKind
from pramoen.core.downloads import attachment, stored_attachment
from pramoen.core.history import changes
from pramoen.core.workflow import StepRefused

from . import evidence as evidence_files
from . import table, workflow
from .export import scorecard_filename, scorecard_json
from .forms import EvidenceForm, ResultForm, StepForm
from .models import CriterionResult, Evidence, Result, Round, RoundEvent, RoundStatus
from .services import RoundCard, round_card

ROUND_RELATED = ("agreement__fund__owner_agency", "agreement__framework")


def load_round(request: HttpRequest, pk: int) -> tuple[Round, frozenset[str]]:
    """The round and the user's roles for its fund; 404 when the user may not see the fund."""
    round_ = get_object_or_404(Round.objects.select_related(*ROUND_RELATED), pk=pk)
    roles = roles_for(request.user, round_.agreement.fund)
    if not roles:
        raise Http404
    return round_, roles


def load_kpi(round_: Round, kpi_pk: int) -> Kpi:
    """A KPI of the round's agreement that takes a result (a group has none of its own)."""
    kpi = get_object_or_404(Kpi, pk=kpi_pk, agreement_id=round_.agreement_id)
    if kpi.kind == KpiKind.GROUP:
        raise Http404
    return kpi


def require_edit(round_: Round, roles: frozenset[str]) -> None:
    if not workflow.may_edit_results(round_, roles):
        raise PermissionDenied


def _problems(card: RoundCard) -> list[str]:
    language = translation.get_language()
    return [p.line(language) for p in card.problems]


def _days_overdue(round_: Round) -> int:
    if round_.submitted_on is not None:
        return 0
    return max(0, (timezone.localdate() - round_.due_on).days)


def _neighbours(round_: Round) -> list[Round]:
    return list(Round.objects.filter(agreement_id=round_.agreement_id).only("pk", "number", "status"))


def _why_returned(round_: Round, events: list[RoundEvent]) -> RoundEvent | None:
    """The step that sent a returned round back: its comment is what the fund must fix."""
    if round_.status != RoundStatus.RETURNED:
        return None
    return next((e for e in reversed(events) if e.to_status == RoundStatus.RETURNED), None)


def _detail_context(request: HttpRequest, round_: Round, roles: frozenset[str], **extra: Any) -> dict[str, Any]:
    card = round_card(round_)
    steps = workflow.steps_for(round_, request.user)
    events = list(RoundEvent.objects.filter(round=round_).select_related("actor"))
    context = {
        "round": round_,
        "agreement": round_.agreement,
        "fund": round_.agreement.fund,
        "card": card,
        "blocks": table.blocks(card),
        "problems": _problems(card),
        "may_edit": workflow.may_edit_results(round_, roles),
        "steps": [(s, StepForm(prefix=s.name)) for s in steps],
        "events": events,
        "return_event": _why_returned(round_, events),
        "rounds": _neighbours(round_),
        "days_overdue": _days_overdue(round_),
        "step_errors": {},
    }
    context.update(extra)
    return context


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_, roles = load_round(request, pk)
    return render(request, "rounds/round_detail.html", _detail_context(request, round_, roles))


@login_required
@require_POST
def step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    round_, roles = load_round(request, pk)
    if name not in workflow.STEPS:
        raise Http404
    form = StepForm(request.POST, prefix=name)
    if not form.is_valid():
        errors = {name: [m for ms in form.errors.values() for m in ms]}
        return render(request, "rounds/round_detail.html",
                      _detail_context(request, round_, roles, step_errors=errors), status=400)
    try:
        workflow.perform(round_, name, request.user, comment=form.cleaned_data["comment"])
    except StepRefused as refused:
        context = _detail_context(request, round_, roles, step_errors={name: refused.messages})
        if name not in {s.name for s, _f in context["steps"]}:
            # The step is no longer offered (someone else moved the round): say why above the steps.
            context["refused"] = (workflow.STEPS[name].label, refused.messages)
        # Keep what was typed so the comment is not lost.
        context["steps"] = [(s, form if s.name == name else f) for s, f in context["steps"]]
        return render(request, "rounds/round_detail.html", context, status=400)
    messages.success(request, _("Done: %(step)s.") % {"step": workflow.STEPS[name].label})
    return redirect(round_)


# Result entry -------------------------------------------------------------------------------------


def _row_context(round_: Round, roles: frozenset[str], kpi: Kpi, **extra: Any) -> dict[str, Any]:
    card = round_card(round_)
    context = {
        "round": round_,
        "card": card,
        "row": table.row_for(card, kpi),
        "may_edit": workflow.may_edit_results(round_, roles),
        "oob": True,
    }
    context.update(extra)
    return context


def _edit_context(round_: Round, roles: frozenset[str], kpi: Kpi, form: ResultForm, **extra: Any) -> dict[str, Any]:
    context = _row_context(round_, roles, kpi, form=form, **extra)
    context.setdefault("evidence_form", EvidenceForm(prefix=f"ev{kpi.pk}"))
    return context


def _result_of(round_: Round, kpi: Kpi) -> Result | None:
    return Result.objects.filter(round=round_, kpi=kpi).prefetch_related("criterion_results", "evidence").first()


@login_required
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    round_, roles = load_round(request, pk)
    kpi = load_kpi(round_, kpi_pk)
    require_edit(round_, roles)
    criteria = list(Criterion.objects.filter(kpi=kpi).order_by("order", "pk"))
    result = _result_of(round_, kpi)
    form = ResultForm(request.POST or None, kpi=kpi, criteria=criteria, result=result)
    template = "rounds/_kpi_row.html" if request.htmx else "rounds/result_edit.html"
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                form.save(round_)
            except StepRefused as refused:
                form.add_error(None, refused)
            else:
                if request.htmx:
                    return render(request, "rounds/_kpi_row.html", _row_context(round_, roles, kpi, focus=True))
                messages.success(request, _("Saved the result of %(code)s.") % {"code": kpi.code})
                return redirect(f"{round_.get_absolute_url()}#kpi-{kpi.pk}")
        status = 400
    return render(request, template, _edit_context(round_, roles, kpi, form), status=status)


@login_required
@require_GET
def result_row(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    """One KPI's row as shown on the round page (Cancel in the inline editor comes back here)."""
    round_, roles = load_round(request, pk)
    kpi = load_kpi(round_, kpi_pk)
    if not request.htmx:
        return redirect(f"{round_.get_absolute_url()}#kpi-{kpi.pk}")
    return render(request, "rounds/_kpi_row.html", _row_context(round_, roles, kpi, oob=False, focus=True))


# Evidence -----------------------------------------------------------------------------------------


def _evidence_response(request: HttpRequest, round_: Round, roles: frozenset[str], kpi: Kpi,
                       form: EvidenceForm | None = None, status: int = 200) -> HttpResponse:
    if not request.htmx:
        return redirect("rounds:result_edit", round_.pk, kpi.pk)
    card = round_card(round_)
    context = {
        "round": round_,
        "row": table.row_for(card, kpi),
        "may_edit": workflow.may_edit_results(round_, roles),
        "evidence_form": form or EvidenceForm(prefix=f"ev{kpi.pk}"),
        "oob": True,
    }
    return render(request, "rounds/_evidence.html", context, status=status)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, kpi_pk: int) -> HttpResponse:
    round_, roles = load_round(request, pk)
    kpi = load_kpi(round_, kpi_pk)
    require_edit(round_, roles)
    form = EvidenceForm(request.POST, request.FILES, prefix=f"ev{kpi.pk}")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                workflow.lock_editable(round_)
                result, _created = Result.objects.get_or_create(round=round_, kpi=kpi)
                added = evidence_files.add_evidence(result, upload, request.user, form.cleaned_data["description"])
        except ValidationError as refused:
            form.add_error("file", refused)
        else:
            if not request.htmx:
                messages.success(request, _("Attached “%(name)s”.") % {"name": added.name})
            return _evidence_response(request, round_, roles, kpi)
    if not request.htmx:
        for error in form.errors.get("file", []) + form.non_field_errors():
            messages.error(request, error)
    return _evidence_response(request, round_, roles, kpi, form, status=400)


def _load_evidence(round_: Round, evidence_pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("result__kpi"), pk=evidence_pk, result__round=round_)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    round_, _roles = load_round(request, pk)
    item = _load_evidence(round_, evidence_pk)
    return stored_attachment(item.file, item.name, item.content_type)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    round_, roles = load_round(request, pk)
    item = _load_evidence(round_, evidence_pk)
    require_edit(round_, roles)
    kpi = item.result.kpi
    name = item.name
    try:
        with transaction.atomic():
            workflow.lock_editable(round_)
            evidence_files.delete_evidence(item)
    except StepRefused:
        raise PermissionDenied from None  # submitted by someone else a moment ago
    if not request.htmx:
        messages.success(request, _("Removed “%(name)s”.") % {"name": name})
    return _evidence_response(request, round_, roles, kpi)


# Scorecard ----------------------------------------------------------------------------------------


@login_required
@require_GET
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _roles = load_round(request, pk)
    card = round_card(round_)
    context = {
        "round": round_,
        "agreement": round_.agreement,
        "fund": round_.agreement.fund,
        "card": card,
        "blocks": table.blocks(card),
        "problems": _problems(card),
        "rounds": _neighbours(round_),
    }
    return render(request, "rounds/scorecard.html", context)


@login_required
@require_GET
def scorecard_download(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _roles = load_round(request, pk)
    card = round_card(round_, details=True)  # narratives, history …: `pramoen report` prints them
    return attachment(scorecard_json(card).encode("utf-8"), scorecard_filename(round_),
                      "application/json; charset=utf-8")


# History ------------------------------------------------------------------------------------------


@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    round_, _roles = load_round(request, pk)
    agreement = round_.agreement
    kpi_codes = dict(Kpi.objects.filter(agreement=agreement).values_list("pk", "code"))
    criteria = dict(Criterion.objects.filter(kpi__agreement=agreement).values_list("pk", "name_th"))
    # Ids of every result the round ever had, deleted ones included.
    result_ids = Result.history.filter(round_id=round_.pk).values("id")
    result_kpi = dict(Result.history.filter(round_id=round_.pk).values_list("id", "kpi_id"))

    def label(instance: Any) -> str:
        if isinstance(instance, Round):
            return _("Round %(number)s") % {"number": instance.number}
        if isinstance(instance, Result):
            return _("Result %(code)s") % {"code": kpi_codes.get(instance.kpi_id, "?")}
        if isinstance(instance, CriterionResult):
            code = kpi_codes.get(result_kpi.get(instance.result_id), "?")
            return f"{code} · {criteria.get(instance.criterion_id, '?')}"
        if isinstance(instance, Evidence):
            code = kpi_codes.get(result_kpi.get(instance.result_id), "?")
            return _("Evidence %(code)s: %(name)s") % {"code": code, "name": instance.name}
        return str(instance)

    rows = changes(
        [
            Round.history.filter(id=round_.pk),
            Result.history.filter(round_id=round_.pk),
            CriterionResult.history.filter(result_id__in=Subquery(result_ids)),
            Evidence.history.filter(result_id__in=Subquery(result_ids)),
        ],
        labels=label,
    )
    context = {
        "round": round_,
        "agreement": agreement,
        "fund": agreement.fund,
        "changes": rows,
        "events": list(RoundEvent.objects.filter(round=round_).select_related("actor")),
        "rounds": _neighbours(round_),
    }
    return render(request, "rounds/history.html", context)
