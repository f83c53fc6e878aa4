"""Freeze an agreement's whole content as plain data, and compare two such snapshots.

A snapshot is what a version *is*: the text sections, the areas and every KPI
(keyed by code) with its levels, criteria and past results. ``diff`` compares
any two snapshots — or a snapshot and the working copy — field by field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pramoen.core.fields import canonical

from .models import Agreement, KpiHistory
from .scorecard import Content

# Tuples: the forms use these as their fields, and an inline formset appends its foreign key to a list in place.
SECTION_FIELDS = (
    "mof_signatory_title", "mof_signatory_name", "fund_signatory_title", "fund_signatory_name",
    "term_start", "term_end", "vision", "mission", "objectives", "obligations", "other_terms",
)
KPI_FIELDS = (
    "name_th", "kind", "unit", "weight", "direction",
    "level_1", "level_2", "level_3", "level_4", "level_5",
    "level_text_1", "level_text_2", "level_text_3", "level_text_4", "level_text_5",
    "definition", "formula", "numerator", "denominator", "target_basis", "is_quantitative", "indicator", "notes",
)
CRITERION_FIELDS = ("name_th", "weight", "level_text_1", "level_text_2", "level_text_3", "level_text_4", "level_text_5")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def take(agreement: Agreement, content: Content | None = None) -> dict[str, Any]:
    content = content or Content.load(agreement)
    area_code = {a.pk: a.code for a in content.areas}
    kpi_code = {k.pk: k.code for k in content.kpis}
    past: dict[int, list] = {}
    for row in agreement_past_results(agreement):
        past.setdefault(row.kpi_id, []).append(
            {"fiscal_year": row.fiscal_year, "value": _plain(row.value), "text": row.text, "is_preliminary": row.is_preliminary}
        )
    return {
        "fiscal_year": agreement.fiscal_year,
        "sections": {f: _plain(getattr(agreement, f)) for f in SECTION_FIELDS},
        "areas": [{"code": a.code, "name_th": a.name_th, "weight": _plain(a.weight)} for a in content.areas],
        "kpis": [
            {
                "code": k.code,
                "area": area_code[k.area_id],
                "parent": kpi_code.get(k.parent_id) if k.parent_id else None,
                **{f: _plain(getattr(k, f)) for f in KPI_FIELDS},
                "criteria": [{f: _plain(getattr(c, f)) for f in CRITERION_FIELDS} for c in content.criteria.get(k.pk, [])],
                "past_results": past.get(k.pk, []),
            }
            for k in content.ordered()
        ],
    }


def agreement_past_results(agreement: Agreement):
    return KpiHistory.objects.filter(kpi__agreement=agreement).order_by("kpi_id", "fiscal_year")


@dataclass(frozen=True)
class Change:
    where: str  # "sections", an area code ("area 1") or a KPI code
    field: str  # field name, "criteria[2].weight", "past_results[2566].value", or "" for added/removed
    before: Any
    after: Any
    kind: str = "changed"  # "changed" | "added" | "removed"


def _flatten_kpi(kpi: dict[str, Any]) -> dict[str, Any]:
    flat = {f: kpi.get(f) for f in ["area", "parent", *KPI_FIELDS]}
    for i, criterion in enumerate(kpi.get("criteria", []), start=1):
        for f in CRITERION_FIELDS:
            flat[f"criteria[{i}].{f}"] = criterion.get(f)
    for row in kpi.get("past_results", []):
        for f in ("value", "text", "is_preliminary"):
            flat[f"past_results[{row['fiscal_year']}].{f}"] = row.get(f)
    return flat


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for f in SECTION_FIELDS:
        b, a = before.get("sections", {}).get(f), after.get("sections", {}).get(f)
        if (b or None) != (a or None):
            changes.append(Change("sections", f, b, a))
    for kind, key in (("areas", "code"), ("kpis", "code")):
        old = {item[key]: item for item in before.get(kind, [])}
        new = {item[key]: item for item in after.get(kind, [])}
        label = (lambda code: f"area {code}") if kind == "areas" else (lambda code: code)
        for code in [*old.keys(), *[c for c in new if c not in old]]:
            if code not in new:
                changes.append(Change(label(code), "", old[code].get("name_th"), None, "removed"))
            elif code not in old:
                changes.append(Change(label(code), "", None, new[code].get("name_th"), "added"))
            else:
                flat_old = _flatten_kpi(old[code]) if kind == "kpis" else old[code]
                flat_new = _flatten_kpi(new[code]) if kind == "kpis" else new[code]
                for f in [*flat_old.keys(), *[f for f in flat_new if f not in flat_old]]:
                    b, a = flat_old.get(f), flat_new.get(f)
                    if b != a and not (b in (None, "") and a in (None, "")):
                        changes.append(Change(label(code), f, b, a))
    return changes
