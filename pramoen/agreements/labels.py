"""Human names for what the agreement pages show: diff fields, audit-trail objects, workflow steps.

Field names come from the models' verbose names, so a label is written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from . import snapshot, workflow
from .models import Agreement, AgreementArea, AgreementVersion, Criterion, Kpi, KpiHistory

_INDEXED = re.compile(r"^(criteria|past_results)\[(\w+)\]\.(\w+)$")


def step_label(name: str) -> str:
    """A workflow step's label; any other text (an audit-trail change reason, say) as it is.

    The audit trail stores the step's name as the change reason, so this names both."""
    step = workflow.STEPS.get(name)
    return str(step.label) if step else name


def _verbose(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _display(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as people read it: the label of a choice, yes/no, the number as typed."""
    if value is None or value == "":
        return ""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def field_label(where: str, name: str) -> str:
    if where == "sections":
        return _verbose(Agreement, name)
    if where.startswith("area "):
        return _verbose(AgreementArea, name)
    match = _INDEXED.match(name)
    if match:
        group, key, attr = match.groups()
        if group == "criteria":
            return _("criterion %(number)s: %(field)s") % {"number": key, "field": _verbose(Criterion, attr)}
        return _("past result %(year)s: %(field)s") % {"year": key, "field": _verbose(KpiHistory, attr)}
    return _verbose(Kpi, name)


def _value_model(where: str, name: str) -> tuple[type[models.Model], str]:
    if where == "sections":
        return Agreement, name
    if where.startswith("area "):
        return AgreementArea, name
    match = _INDEXED.match(name)
    if match:
        group, _key, attr = match.groups()
        return (Criterion if group == "criteria" else KpiHistory), attr
    return Kpi, name


@dataclass(frozen=True)
class DiffRow:
    where: str
    field: str
    before: str
    after: str
    kind: str  # "changed" | "added" | "removed"


def change_row(change: snapshot.Change) -> DiffRow:
    if change.where == "sections":
        where = _("Agreement")
    elif change.where.startswith("area "):
        where = _("Area %(code)s") % {"code": change.where[5:]}
    else:
        where = change.where
    if change.kind != "changed":
        return DiffRow(where, "", str(change.before or ""), str(change.after or ""), change.kind)
    model, name = _value_model(change.where, change.field)
    return DiffRow(
        where, field_label(change.where, change.field),
        _display(model, name, change.before), _display(model, name, change.after), change.kind,
    )


def version_label(version: AgreementVersion | None) -> str:
    return version.label if version is not None else _("working copy")


def object_label(obj: models.Model, kpi_codes: dict[int, str]) -> str:
    """Names an audit-trail object without a query (the KPI code comes from ``kpi_codes``)."""
    if isinstance(obj, Agreement):
        return _("Agreement")
    if isinstance(obj, AgreementArea):
        return _("Area %(code)s") % {"code": obj.code}
    if isinstance(obj, Kpi):
        return _("KPI %(code)s") % {"code": obj.code}
    code = kpi_codes.get(obj.kpi_id, "?")  # type: ignore[attr-defined]
    if isinstance(obj, Criterion):
        return _("KPI %(code)s, criterion “%(name)s”") % {"code": code, "name": obj.name_th}
    if isinstance(obj, KpiHistory):
        return _("KPI %(code)s, past result %(year)s") % {"code": code, "year": obj.fiscal_year}
    return str(obj)
