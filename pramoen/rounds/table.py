"""A round laid out for the pages: areas, then KPIs in agreement order with their live scores.

Everything is read from one :class:`services.RoundCard`, so the number of
queries does not depend on how many KPIs the agreement has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pramoen.agreements.models import Criterion, Kpi, KpiKind
from pramoen.scoring.compute import AreaScore, KpiScore

from .forms import NARRATIVE_FIELDS
from .models import Result
from .services import RoundCard


@dataclass
class Row:
    kpi: Kpi
    result: Result | None
    score: KpiScore | None
    criteria: list[tuple[Criterion, Decimal | None]] = field(default_factory=list)
    depth: int = 1  # 1 for a KPI of the area, 2 for its sub-KPIs … (the CSS indents by it)

    @property
    def is_group(self) -> bool:
        return self.kpi.kind == KpiKind.GROUP

    @property
    def value(self) -> Decimal | None:
        return None if self.result is None else self.result.value

    @property
    def not_available(self) -> bool:
        return self.result is not None and self.result.not_available

    @property
    def evidence(self) -> list:
        return [] if self.result is None else list(self.result.evidence.all())

    @property
    def evidence_count(self) -> int:
        return len(self.evidence)

    @property
    def narratives_filled(self) -> int:
        if self.result is None:
            return 0
        return sum(1 for name in NARRATIVE_FIELDS if getattr(self.result, name).strip())

    @property
    def narratives_total(self) -> int:
        return len(NARRATIVE_FIELDS)


@dataclass
class AreaBlock:
    area: object  # AgreementArea
    score: AreaScore | None
    rows: list[Row]


def kpi_scores(card: RoundCard) -> dict[str, KpiScore]:
    return {} if card.score is None else {k.code: k for k in card.score.kpis()}


def row_for(card: RoundCard, kpi: Kpi, scores: dict[str, KpiScore] | None = None) -> Row:
    scores = kpi_scores(card) if scores is None else scores
    result = card.results.get(kpi.pk)
    criteria: list[tuple[Criterion, Decimal | None]] = []
    if kpi.kind == KpiKind.COMPOSITE:
        levels = {} if result is None else result.criterion_levels()
        criteria = [(c, levels.get(c.pk)) for c in card.content.criteria.get(kpi.pk, [])]
    return Row(kpi=kpi, result=result, score=scores.get(kpi.code), criteria=criteria,
               depth=card.content.depth(kpi) + 1)


def blocks(card: RoundCard) -> list[AreaBlock]:
    """Areas in order, each with its KPIs depth first (groups followed by their children)."""
    scores = kpi_scores(card)
    area_scores = {} if card.score is None else {a.area.code: a for a in card.score.areas}
    out = []
    for area in card.content.areas:
        rows = [row_for(card, kpi, scores) for kpi in card.content.ordered(area)]
        out.append(AreaBlock(area=area, score=area_scores.get(area.code), rows=rows))
    return out
