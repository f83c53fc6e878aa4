"""Is this agreement acceptable? The scoring core's rules plus the framework of its year.

``issues(agreement)`` lists everything wrong, each naming the area or KPI, in
the current language. Errors block the workflow; warnings (e.g. a KPI without
a definition) are shown but do not.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pramoen.core.fields import canonical
from pramoen.scoring.problems import Problem

from . import scorecard
from .models import Agreement, KpiKind

if TYPE_CHECKING:
    from pramoen.frameworks.models import FrameworkArea

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    where: str  # an area or KPI code, or "" for the whole agreement
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def issues(agreement: Agreement, content: scorecard.Content | None = None) -> list[Issue]:
    content = content or scorecard.Content.load(agreement)
    language = get_language() or "th"
    found = [Issue(p.where, _with_field_label(p).message(language)) for p in scorecard.check(agreement, content)]
    found += tree_issues(content)
    found += framework_issues(agreement, content)
    found += completeness_warnings(content)
    return found


def errors(agreement: Agreement, content: scorecard.Content | None = None) -> list[Issue]:
    return [i for i in issues(agreement, content) if i.is_error]


# The scoring core names fields by their key in the scorecard file; the pages use the form's words.
FIELD_LABELS = {
    "weight": gettext_lazy("weight"),
    "criteria": gettext_lazy("criteria"),
    "kpis": gettext_lazy("KPIs"),
    "levels": gettext_lazy("levels"),
    "name": gettext_lazy("name"),
    "code": gettext_lazy("code"),
    "unit": gettext_lazy("unit"),
    "direction": gettext_lazy("direction"),
}


def _with_field_label(problem: Problem) -> Problem:
    label = FIELD_LABELS.get(problem.params.get("field", ""))
    if label is None:
        return problem
    return dataclasses.replace(problem, params={**problem.params, "field": str(label)})


def tree_issues(content: scorecard.Content) -> list[Issue]:
    """KPIs the scorecard would lose or misplace: parent loops, a sub-KPI outside its group's area or
    under a KPI that is not a group. The card is built by walking the tree, so these are not seen otherwise."""
    found: list[Issue] = []
    by_id = {k.pk: k for k in content.kpis}
    area_code = {a.pk: a.code for a in content.areas}
    reachable = {k.pk for k in content.ordered()}
    for kpi in content.kpis:
        parent = by_id.get(kpi.parent_id) if kpi.parent_id else None
        if parent is not None and parent.kind != KpiKind.GROUP:
            found.append(Issue(kpi.code, _("KPI %(code)s is under %(parent)s, which is not a group.")
                               % {"code": kpi.code, "parent": parent.code}))
        elif parent is not None and parent.area_id != kpi.area_id:
            found.append(Issue(kpi.code, _("KPI %(code)s is in area %(area)s but its group %(parent)s is in area %(other)s.")
                               % {"code": kpi.code, "area": area_code.get(kpi.area_id, "?"), "parent": parent.code,
                                  "other": area_code.get(parent.area_id, "?")}))
        elif kpi.pk not in reachable:
            found.append(Issue(kpi.code, _("KPI %(code)s is inside a loop of groups (%(parent)s); it cannot be scored.")
                               % {"code": kpi.code, "parent": parent.code if parent else "–"}))
    return found


def bands_by_area(areas: Iterable, bands: Iterable[FrameworkArea]) -> dict[int, FrameworkArea | None]:
    """Agreement area id -> its framework area: the one it is linked to, else the one with its code."""
    bands = list(bands)
    by_pk = {b.pk: b for b in bands}
    by_code = {b.code: b for b in bands}
    return {
        a.pk: by_code.get(a.code) if a.framework_area_id is None else by_pk.get(a.framework_area_id)
        for a in areas
    }


def framework_issues(agreement: Agreement, content: scorecard.Content) -> list[Issue]:
    framework = agreement.framework
    bands = {fa.code: fa for fa in framework.areas.all()}
    found: list[Issue] = []
    by_id = {a.pk: a for a in content.areas}
    if framework.fiscal_year != agreement.fiscal_year:
        found.append(Issue("", _("The agreement is for %(year)s but uses the framework of %(other)s.")
                           % {"year": agreement.fiscal_year, "other": framework.fiscal_year}))
    band_of = bands_by_area(content.areas, bands.values())
    for area in content.areas:
        band = band_of[area.pk]
        if band is None:
            found.append(Issue(area.code, _("Area %(code)s “%(name)s” is not an area of the %(year)s framework.")
                               % {"code": area.code, "name": area.name_th, "year": framework.fiscal_year}))
            continue
        if area.weight is not None and not (band.min_weight <= area.weight <= band.max_weight):
            found.append(Issue(area.code, _(
                "Area %(code)s “%(name)s” weighs %(weight)s; the framework allows %(low)s to %(high)s."
            ) % {"code": area.code, "name": area.name_th, "weight": canonical(area.weight),
                 "low": canonical(band.min_weight), "high": canonical(band.max_weight)}))
    present = {a.code for a in content.areas} | {b.code for b in band_of.values() if b is not None}
    for band in bands.values():
        if band.code not in present:
            found.append(Issue(band.code, _("Area %(code)s “%(name)s” of the framework is missing.")
                               % {"code": band.code, "name": band.name_th}))

    # KPI counts: KPIs that take a result, counted per area (a group counts as its children).
    counts: dict[int, int] = {a.pk: 0 for a in content.areas}
    for kpi in content.leaves():
        counts[kpi.area_id] = counts.get(kpi.area_id, 0) + 1
    limited = 0
    for area_id, count in counts.items():
        area = by_id[area_id]
        if count < framework.min_kpis_per_area:
            found.append(Issue(area.code, _("Area %(code)s has %(count)s KPIs; each area needs at least %(min)s.")
                               % {"code": area.code, "count": count, "min": framework.min_kpis_per_area}))
        band = band_of[area_id]
        if band is not None and band.counts_toward_limit:
            limited += count
    total = sum(counts.values())
    if framework.max_kpis_total is not None and total > framework.max_kpis_total:
        found.append(Issue("", _("The agreement has %(count)s KPIs; the framework allows at most %(max)s.")
                           % {"count": total, "max": framework.max_kpis_total}))
    if framework.max_kpis_limited_areas is not None and limited > framework.max_kpis_limited_areas:
        names = ", ".join(b.code for b in bands.values() if b.counts_toward_limit)
        found.append(Issue("", _("Areas %(areas)s have %(count)s KPIs together; the framework allows at most %(max)s.")
                           % {"areas": names, "count": limited, "max": framework.max_kpis_limited_areas}))

    # Standard governance KPIs the framework requires.
    used = {k.standard_kpi_id for k in content.kpis if k.standard_kpi_id}
    for standard in framework.standard_kpis.filter(required=True):
        if standard.pk not in used:
            found.append(Issue(standard.code, _("The standard KPI %(code)s “%(name)s” is required by the framework.")
                               % {"code": standard.code, "name": standard.name_th}))
    return found


def completeness_warnings(content: scorecard.Content) -> list[Issue]:
    found: list[Issue] = []
    for kpi in content.kpis:
        if kpi.kind in (KpiKind.LEVELLED, KpiKind.MILESTONE) and not kpi.definition.strip():
            found.append(Issue(kpi.code, _("KPI %(code)s has no definition.") % {"code": kpi.code}, WARNING))
        if kpi.kind == KpiKind.LEVELLED and not kpi.unit:
            found.append(Issue(kpi.code, _("KPI %(code)s has no unit.") % {"code": kpi.code}, WARNING))
        if kpi.kind == KpiKind.MILESTONE and any(not (t or "").strip() for t in kpi.level_texts):
            found.append(Issue(kpi.code, _('KPI %(code)s: describe every level, or write "-" for a level that is not defined.')
                               % {"code": kpi.code}, WARNING))
    return found
