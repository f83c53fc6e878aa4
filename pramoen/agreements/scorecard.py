"""An agreement (and a round's results) as a scorecard in format v1.

This is the only bridge between the database and the scoring core: the web app
builds the same plain mapping a scorecard file holds and hands it to
``pramoen.scoring.reader.read``, so validation and scoring are never written
twice, and ``export-scorecard`` writes exactly what the pages show.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from pramoen.core.fields import canonical
from pramoen.scoring import reader
from pramoen.scoring.compute import CardScore, score_card
from pramoen.scoring.problems import Problem, ScorecardInvalid
from pramoen.scoring.rules import MANUAL_RULES

from .models import LEVEL_NUMBERS, Agreement, Criterion, Kpi, KpiKind

NOT_DEFINED = "-"  # a milestone level whose text is "-" is not defined (binary KPIs)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else canonical(value)


@dataclass
class Content:
    """An agreement's areas, KPIs and criteria loaded in four queries."""

    agreement: Agreement
    areas: list
    kpis: list[Kpi]
    criteria: dict[int, list]  # kpi id -> criteria
    children: dict[int | None, list[Kpi]]  # parent id -> KPIs in order

    @classmethod
    def load(cls, agreement: Agreement) -> "Content":
        areas = list(agreement.areas.order_by("order", "code"))
        kpis = list(agreement.kpis.order_by("order", "code"))
        criteria: dict[int, list] = {}
        for criterion in Criterion.objects.filter(kpi__agreement=agreement).order_by("kpi_id", "order", "pk"):
            criteria.setdefault(criterion.kpi_id, []).append(criterion)
        children: dict[int | None, list[Kpi]] = {}
        for kpi in kpis:
            children.setdefault(kpi.parent_id, []).append(kpi)
        return cls(agreement, areas, kpis, criteria, children)

    def top_level(self, area) -> list[Kpi]:
        return [k for k in self.children.get(None, []) if k.area_id == area.pk]

    def leaves(self) -> list[Kpi]:
        """The KPIs a round asks a result for, in display order."""
        return [k for k in self.ordered() if k.kind != KpiKind.GROUP]

    def ordered(self, area=None) -> list[Kpi]:
        """Every KPI (of ``area``, or area by area), each group followed by its children."""
        out: list[Kpi] = []

        def walk(kpi: Kpi) -> None:
            out.append(kpi)
            for child in self.children.get(kpi.pk, []):
                walk(child)

        for each in self.areas if area is None else [area]:
            for kpi in self.top_level(each):
                walk(kpi)
        return out

    def depth(self, kpi: Kpi) -> int:
        """How deep ``kpi`` sits in its group tree: 0 for a KPI of the area, 1 for a sub-KPI …

        Taken from the parent links, not from dots in the code, which are free text.
        """
        depth = 0
        while kpi.parent_id is not None and depth <= len(self.kpis):  # a parent loop cannot hang a page
            kpi = self.by_id.get(kpi.parent_id, kpi)
            depth += 1
        return depth

    @cached_property
    def by_id(self) -> dict[int, Kpi]:
        return {k.pk: k for k in self.kpis}

def milestone_levels(kpi: Kpi) -> list[str | None]:
    return [None if (text or "").strip() == NOT_DEFINED else str(n) for n, text in zip(LEVEL_NUMBERS, kpi.level_texts)]


def kpi_data(content: Content, kpi: Kpi, results: dict[int, Any] | None) -> dict[str, Any]:
    data: dict[str, Any] = {"code": kpi.code, "name": kpi.name_th, "weight": _number(kpi.weight)}
    if kpi.unit:
        data["unit"] = kpi.unit
    if kpi.kind == KpiKind.GROUP:
        data["kpis"] = [kpi_data(content, child, results) for child in content.children.get(kpi.pk, [])]
        return data
    result = (results or {}).get(kpi.pk)
    if kpi.kind == KpiKind.COMPOSITE:
        levels = {} if result is None else result.criterion_levels()
        data["criteria"] = [
            {"name": c.name_th, "weight": _number(c.weight), "level": _number(levels.get(c.pk))}
            for c in content.criteria.get(kpi.pk, [])
        ]
        return data
    if kpi.kind == KpiKind.MILESTONE:
        data["levels"] = milestone_levels(kpi)
    else:
        data["levels"] = [_number(v) for v in kpi.levels]
        if kpi.direction:
            data["direction"] = kpi.direction
    data["result"] = None if result is None else _number(result.value)
    return data


def card_data(
    agreement: Agreement,
    *,
    content: Content | None = None,
    round_number: int | None = None,
    results: dict[int, Any] | None = None,
    previous_total: Decimal | None = None,
    late_days: int = 0,
) -> dict[str, Any]:
    """The format-v1 mapping of ``agreement``; with ``results`` (kpi id → Result) for a round."""
    content = content or Content.load(agreement)
    data: dict[str, Any] = {
        "format": reader.FORMAT_V1,
        "fund": agreement.fund.name_th,
        "fiscal_year": agreement.fiscal_year,
        "round": round_number or 1,
        "areas": [
            {
                "code": area.code,
                "name": area.name_th,
                "weight": _number(area.weight),
                "kpis": [kpi_data(content, kpi, results) for kpi in content.top_level(area)],
            }
            for area in content.areas
        ],
    }
    if previous_total is not None:
        data["previous_total"] = _number(previous_total)
    if late_days:
        data["late_days"] = late_days
    # A year whose penalty differs from the manual's says so in the file, so that
    # ``python -m pramoen score`` on the export gives the total the pages show.
    year_rules = agreement.framework.scoring_rules()
    if year_rules.late_penalty_per_day != MANUAL_RULES.late_penalty_per_day:
        data["late_penalty_per_day"] = _number(year_rules.late_penalty_per_day)
    if year_rules.late_penalty_cap != MANUAL_RULES.late_penalty_cap:
        data["late_penalty_cap"] = _number(year_rules.late_penalty_cap)
    return data


def check(agreement: Agreement, content: Content | None = None) -> list[Problem]:
    """Every problem the scoring core finds in the agreement's structure (weights, levels, criteria)."""
    try:
        reader.read(card_data(agreement, content=content))
    except ScorecardInvalid as invalid:
        return invalid.problems
    return []


def score(agreement: Agreement, data: dict[str, Any]) -> CardScore:
    """Score a mapping built by :func:`card_data` with the rules of the agreement's fiscal year."""
    return score_card(reader.read(data), agreement.framework.scoring_rules())
