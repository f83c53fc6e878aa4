"""Changes to frameworks that touch more than one row."""

from __future__ import annotations

from django.db import transaction

from .models import Framework, FrameworkArea


def copy_framework(source: Framework, fiscal_year: int, name: str) -> Framework:
    """Next year's framework as a copy of ``source``: settings, areas, standard KPIs and their criteria."""
    reason = f"copied from {source.fiscal_year}"
    with transaction.atomic():
        new = Framework(
            fiscal_year=fiscal_year,
            name=name,
            **{f.name: getattr(source, f.name) for f in Framework._meta.concrete_fields
               if f.name not in ("id", "fiscal_year", "name")},
        )
        new._change_reason = reason
        new.save()
        areas: dict[int, FrameworkArea] = {}
        for area in source.areas.all():
            old_pk = area.pk
            area.pk = None
            area.framework = new
            area._change_reason = reason
            area.save()
            areas[old_pk] = area
        for kpi in source.standard_kpis.prefetch_related("criteria"):
            criteria = list(kpi.criteria.all())
            kpi.pk = None
            kpi.framework = new
            kpi.area = areas[kpi.area_id]
            kpi._change_reason = reason
            kpi.save()
            for criterion in criteria:
                criterion.pk = None
                criterion.standard_kpi = kpi
                criterion._change_reason = reason
                criterion.save()
    return new


