"""Score a valid :class:`~pramoen.scoring.model.Scorecard`.

Full precision throughout (Decimal, 50 significant digits); rounding happens
only in :meth:`CardScore.as_json` and in whatever displays the numbers, so a
total is never the sum of rounded rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from . import rules
from .model import Area, CompositeKpi, GroupKpi, Kpi, LevelledKpi, Scorecard
from .numbers import PERCENT_PLACES, SCORE_PLACES, round_half_up

PRECISION = 50


@dataclass(frozen=True)
class KpiScore:
    kpi: Kpi
    score: Decimal  # 1–5, after any deduction
    weighted: Decimal  # score × weight / 100
    raw_score: Decimal  # before the deduction
    children: tuple[KpiScore, ...] = ()

    @property
    def code(self) -> str:
        return self.kpi.code

    def walk(self) -> Iterator[KpiScore]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class AreaScore:
    area: Area
    score: Decimal  # weighted mean of the area's leaf KPIs
    weighted: Decimal  # Σ of its leaves' weighted scores
    kpis: tuple[KpiScore, ...]


@dataclass(frozen=True)
class CardScore:
    card: Scorecard
    areas: tuple[AreaScore, ...]
    weighted_sum: Decimal  # Σ leaf weighted scores, before the penalty
    penalty: Decimal
    total: Decimal
    percent: Decimal
    change_percent: Decimal | None

    def kpis(self) -> Iterator[KpiScore]:
        """Every KPI score, depth first (groups before their children)."""
        for area in self.areas:
            for kpi in area.kpis:
                yield from kpi.walk()

    def kpi(self, code: str) -> KpiScore:
        for item in self.kpis():
            if item.code == code:
                return item
        raise KeyError(code)

    def area(self, code: str) -> AreaScore:
        for item in self.areas:
            if item.area.code == code:
                return item
        raise KeyError(code)

    def as_json(self) -> dict[str, Any]:
        """The ``pramoen score --json`` object: scores to 4 places, percentages to 2."""

        def s(value: Decimal) -> float:
            return float(round_half_up(value, SCORE_PLACES))

        def p(value: Decimal | None) -> float | None:
            return None if value is None else float(round_half_up(value, PERCENT_PLACES))

        return {
            "total": s(self.total),
            "percent": p(self.percent),
            "penalty": s(self.penalty),
            "change_percent": p(self.change_percent),
            "areas": {a.area.code: s(a.score) for a in self.areas},
            "kpis": {k.code: {"score": s(k.score), "weighted": s(k.weighted)} for k in self.kpis()},
        }


def score_kpi(kpi: Kpi) -> KpiScore:
    if isinstance(kpi, GroupKpi):
        children = tuple(score_kpi(child) for child in kpi.kpis)
        score = rules.weighted_mean((c.kpi.weight, c.score) for c in children)
        return KpiScore(kpi, score, rules.weighted_score(score, kpi.weight), score, children)
    if isinstance(kpi, LevelledKpi):
        raw = rules.level_score(kpi.levels, kpi.result)
    elif isinstance(kpi, CompositeKpi):
        raw = rules.composite_score(kpi.criteria)
    else:  # pragma: no cover - the model has three kinds
        raise TypeError(kpi)
    score = rules.apply_deduction(raw, kpi.deduction)
    return KpiScore(kpi, score, rules.weighted_score(score, kpi.weight), raw)


def _leaves(scores: tuple[KpiScore, ...]) -> Iterator[KpiScore]:
    for item in scores:
        for node in item.walk():
            if not node.children:
                yield node


def card_rules(card: Scorecard) -> rules.ScoringRules:
    """The rules a file names, the manual's for what it leaves out."""
    return rules.ScoringRules(
        late_penalty_per_day=rules.MANUAL_RULES.late_penalty_per_day
        if card.late_penalty_per_day is None else card.late_penalty_per_day,
        late_penalty_cap=rules.MANUAL_RULES.late_penalty_cap if card.late_penalty_cap is None else card.late_penalty_cap,
    )


def score_card(card: Scorecard, scoring_rules: rules.ScoringRules | None = None) -> CardScore:
    """Score ``card`` with ``scoring_rules`` (default: the rules the card names, else the manual's)."""
    scoring_rules = card_rules(card) if scoring_rules is None else scoring_rules
    with localcontext() as ctx:
        ctx.prec = PRECISION
        areas, all_leaves = [], []
        for area in card.areas:
            kpis = tuple(score_kpi(k) for k in area.kpis)
            leaves = list(_leaves(kpis))
            all_leaves += leaves
            areas.append(
                AreaScore(
                    area=area,
                    score=rules.weighted_mean((leaf.kpi.weight, leaf.score) for leaf in leaves),
                    weighted=sum((leaf.weighted for leaf in leaves), Decimal(0)),
                    kpis=kpis,
                )
            )
        # Σ over every leaf of the card, as the rule is written (not via rounded or area subtotals).
        weighted_sum = sum((leaf.weighted for leaf in all_leaves), Decimal(0))
        penalty = rules.late_penalty(card.late_days, scoring_rules)
        total = weighted_sum - penalty
        change = None if card.previous_total is None else rules.change_percent(total, card.previous_total)
        return CardScore(
            card=card,
            areas=tuple(areas),
            weighted_sum=weighted_sum,
            penalty=penalty,
            total=total,
            percent=rules.percent_of_max(total),
            change_percent=change,
        )
