"""What the agreement pages do besides the workflow: start an agreement, save or check a KPI."""

from __future__ import annotations

from typing import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pramoen.access.models import Role
from pramoen.access.policy import ADMIN
from pramoen.frameworks.models import Framework
from pramoen.funds.models import Fund

from . import scorecard, validation
from .models import Agreement, AgreementArea, Criterion, Kpi, KpiHistory, KpiKind

CREATORS = frozenset({Role.FUND_STAFF, Role.CGD_OFFICER, ADMIN})


def may_create(roles: frozenset[str]) -> bool:
    return bool(CREATORS & roles)


def create_agreement(fund: Fund, fiscal_year: int) -> Agreement:
    """A new PPP draft with the framework's areas (default weights) and standard KPIs.

    Raises ValidationError (keyed by ``fiscal_year``) when the year has no framework
    or the fund already has an agreement for it.
    """
    framework = Framework.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        raise ValidationError({"fiscal_year": _(
            "There is no evaluation framework for %(year)s yet: a CGD officer must set it up first."
        ) % {"year": fiscal_year}})
    taken = ValidationError({"fiscal_year": _("%(fund)s already has an agreement for %(year)s.")
                             % {"fund": fund.code, "year": fiscal_year}})
    try:
        return _create(fund, fiscal_year, framework, taken)
    except IntegrityError:
        # Another request started the same agreement a moment ago (the unique constraint caught it).
        raise taken from None


def _create(fund: Fund, fiscal_year: int, framework: Framework, taken: ValidationError) -> Agreement:
    with transaction.atomic():
        if Agreement.objects.select_for_update().filter(fund=fund, fiscal_year=fiscal_year).exists():
            raise taken
        agreement = Agreement.objects.create(fund=fund, fiscal_year=fiscal_year, framework=framework)
        areas: dict[int, AgreementArea] = {}
        for order, band in enumerate(framework.areas.all()):
            areas[band.pk] = AgreementArea.objects.create(
                agreement=agreement, framework_area=band, code=band.code, name_th=band.name_th,
                weight=band.default_weight, order=order,
            )
        standards = framework.standard_kpis.select_related("area").prefetch_related("criteria")
        for order, standard in enumerate(standards):
            kpi = Kpi.objects.create(
                agreement=agreement, area=areas[standard.area_id], standard_kpi=standard, code=standard.code,
                name_th=standard.name_th, kind=KpiKind.COMPOSITE, unit="ระดับ", definition=standard.description,
                order=order,
            )
            for c_order, criterion in enumerate(standard.criteria.all(), start=1):
                Criterion.objects.create(kpi=kpi, name_th=criterion.name_th, weight=criterion.weight, order=c_order)
    return agreement


def save_kpi(form, criteria, past) -> Kpi:
    """Save a KPI with its criteria and past results, all or nothing (the forms are valid)."""
    with transaction.atomic():
        kpi = form.save(commit=False)
        if kpi.pk is None:
            kpi.order = next_order(kpi.agreement)
        kpi.save()
        if kpi.kind == KpiKind.COMPOSITE:
            criteria.instance = kpi
            saved = criteria.save(commit=False)
            for gone in criteria.deleted_objects:
                gone.delete()
            start = max((c.order for c in Criterion.objects.filter(kpi=kpi)), default=0)
            for position, criterion in enumerate(saved, start=start + 1):
                if criterion.pk is None:
                    criterion.order = position
                criterion.save()
        else:
            # Criteria belong to composite KPIs only; a KPI that changed kind drops them.
            for criterion in Criterion.objects.filter(kpi=kpi):
                criterion.delete()
        if kpi.kind == KpiKind.GROUP:
            for row in kpi.past_results.all():
                row.delete()
        else:
            save_past_results(kpi, past)
    return kpi


def save_past_results(kpi: Kpi, formset) -> None:
    """Store each year given; a row left empty removes that year's result."""
    for form in formset:
        data = form.cleaned_data
        if not data:
            continue
        year = data["fiscal_year"]
        if data["value"] is None and not data["text"]:
            for row in KpiHistory.objects.filter(kpi=kpi, fiscal_year=year):
                row.delete()  # one by one, so the audit trail records it
            continue
        row = KpiHistory.objects.filter(kpi=kpi, fiscal_year=year).first() or KpiHistory(kpi=kpi, fiscal_year=year)
        row.value, row.text, row.is_preliminary = data["value"], data["text"], data["is_preliminary"]
        row.save()


def next_order(agreement: Agreement) -> int:
    return max((k.order for k in Kpi.objects.filter(agreement=agreement).only("order")), default=-1) + 1


def check_unsaved(agreement: Agreement, save: Callable[[], object]) -> list[validation.Issue]:
    """The issues ``agreement`` would have after ``save()``; nothing is kept.

    The change is written inside a transaction that is always rolled back, so the
    checks run on exactly what saving would store (and the audit trail keeps nothing).
    """
    with transaction.atomic():
        save()
        found = validation.issues(agreement, scorecard.Content.load(agreement))
        transaction.set_rollback(True)
    return found
