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
from pramoen.scoring.numbers import as_written
from pramoen.scoring.compute import CardScore, score_card
from pramoen.scoring.problems import Problem, ScorecardInvalid
from pramoen.scoring.rules import MANUAL_RULES

from .models import LEVEL_NUMBERS, Agreement, Criterion, Kpi, KpiHistory, KpiKind

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

    @cached_property
    def history(self) -> dict[int, list[KpiHistory]]:
        """kpi id → past results by year (one query, made only when a report asks for them)."""
        out: dict[int, list[KpiHistory]] = {}
        for past in KpiHistory.objects.filter(kpi__agreement=self.agreement).order_by("kpi_id", "fiscal_year"):
            out.setdefault(past.kpi_id, []).append(past)
        return out

def milestone_levels(kpi: Kpi) -> list[str | None]:
    return [None if (text or "").strip() == NOT_DEFINED else str(n) for n, text in zip(LEVEL_NUMBERS, kpi.level_texts)]


def kpi_data(content: Content, kpi: Kpi, results: dict[int, Any] | None, details: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"code": kpi.code, "name": kpi.name_th, "weight": _number(kpi.weight)}
    if kpi.unit:
        data["unit"] = kpi.unit
    result = (results or {}).get(kpi.pk)
    if details:
        data.update(kpi_details(content, kpi, result))
    if kpi.kind == KpiKind.GROUP:
        data["kpis"] = [kpi_data(content, child, results, details) for child in content.children.get(kpi.pk, [])]
        return data
    if kpi.kind == KpiKind.COMPOSITE:
        levels = {} if result is None else result.criterion_levels()
        explanations = {} if result is None or not details else result.criterion_explanations()
        criteria = []
        for c in content.criteria.get(kpi.pk, []):
            item = {"name": c.name_th, "weight": _number(c.weight), "level": _number(levels.get(c.pk))}
            if details:
                texts = c.level_texts
                if any(t.strip() for t in texts):
                    item["level_texts"] = texts
                if explanations.get(c.pk):
                    item["explanation"] = explanations[c.pk]
            criteria.append(item)
        data["criteria"] = criteria
        return data
    if kpi.kind == KpiKind.MILESTONE:
        data["levels"] = milestone_levels(kpi)
        if details:
            data["level_texts"] = kpi.level_texts
    else:
        data["levels"] = [_number(v) for v in kpi.levels]
        if kpi.direction:
            data["direction"] = kpi.direction
    # A result keeps the places it was reported with ("6.90"): the report prints it so, and the
    # core checks a percentage against its formula's numbers to those places.
    data["result"] = None if result is None or result.value is None else as_written(result.value)
    if details and result is not None and result.numerator_value is not None and result.denominator_value is not None:
        data["inputs"] = {
            "numerator": as_written(result.numerator_value), "denominator": as_written(result.denominator_value),
            "numerator_label": " ".join(kpi.numerator.split()), "denominator_label": " ".join(kpi.denominator.split()),
        }
    return data


def kpi_details(content: Content, kpi: Kpi, result: Any) -> dict[str, Any]:
    """What a report prints about ``kpi`` besides its score (format v1's optional report fields)."""
    data: dict[str, Any] = {}
    if kpi.definition.strip():
        data["definition"] = kpi.definition
    if kpi.formula.strip():
        data["formula"] = kpi.formula
    past = content.history.get(kpi.pk, [])
    if past:
        data["history"] = [
            {"year": p.fiscal_year, "value": _number(p.value), "text": p.text, "preliminary": p.is_preliminary}
            for p in past
        ]
    if result is not None:
        parts = {"reasons": result.narrative_reasons, "factors": result.narrative_factors,
                 "obstacles": result.narrative_obstacles, "plan": result.narrative_plan}
        parts = {k: v for k, v in parts.items() if v.strip()}
        if parts:
            data["narrative"] = parts
        names = [e.description or e.name for e in result.evidence.all()]
        if names:
            data["evidence"] = names
    return data


def card_data(
    agreement: Agreement,
    *,
    content: Content | None = None,
    round_number: int | None = None,
    results: dict[int, Any] | None = None,
    previous_total: Decimal | None = None,
    late_days: int = 0,
    details: bool = False,
) -> dict[str, Any]:
    """The format-v1 mapping of ``agreement``; with ``results`` (kpi id → Result) for a round.

    ``details`` adds the optional report fields (definitions, past results, narratives,
    evidence names, level texts, inputs) that the round report prints; they never change a score.
    """
    content = content or Content.load(agreement)
    fund = agreement.fund
    data: dict[str, Any] = {
        "format": reader.FORMAT_V1,
        "fund": fund.name_th,
        "fiscal_year": agreement.fiscal_year,
        "round": round_number or 1,
        "areas": [
            {
                "code": area.code,
                "name": area.name_th,
                "weight": _number(area.weight),
                "kpis": [kpi_data(content, kpi, results, details) for kpi in content.top_level(area)],
            }
            for area in content.areas
        ],
    }
    if details:
        data["fund_code"] = fund.code
        if fund.owner_agency_id:
            data["owner_agency"] = fund.owner_agency.name_th
        data["fiscal_year_start"] = fund.fiscal_year_start
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
