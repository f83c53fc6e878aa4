"""Rounds of an agreement: creating them, and scoring one with the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from pramoen.agreements.models import Agreement, KpiKind
from pramoen.agreements.scorecard import Content, card_data, score
from pramoen.scoring import fiscal
from pramoen.scoring.compute import CardScore
from pramoen.scoring.problems import Problem, ScorecardInvalid

from .models import Result, Round

YEAR_END_ROUND = 4


def create_rounds(agreement: Agreement) -> list[Round]:
    """Rounds 1–4 with their periods (cumulative from the start of the fiscal year) and due dates."""
    start_month = agreement.fund.fiscal_year_start
    rounds = []
    for number in (1, 2, 3, 4):
        first, last = fiscal.round_period(agreement.fiscal_year, number, start_month)
        round_, _created = Round.objects.get_or_create(
            agreement=agreement,
            number=number,
            defaults={
                "period_start": first,
                "period_end": last,
                "due_on": last + timedelta(days=agreement.framework.round_report_days),
            },
        )
        rounds.append(round_)
    return rounds


def results_of(round_: Round) -> dict[int, Result]:
    """kpi id → Result of the round, with criterion levels and evidence, in three queries."""
    rows = Result.objects.filter(round=round_).prefetch_related("criterion_results", "evidence")
    return {r.kpi_id: r for r in rows}


def missing(content: Content, results: dict[int, Result]) -> list[str]:
    """Codes of KPIs with no result (for a composite KPI: a criterion without a level)."""
    codes = []
    for kpi in content.leaves():
        result = results.get(kpi.pk)
        if kpi.kind == KpiKind.COMPOSITE:
            levels = {} if result is None else result.criterion_levels()
            if any(levels.get(c.pk) is None for c in content.criteria.get(kpi.pk, [])):
                codes.append(kpi.code)
        elif result is None or (result.value is None and not result.not_available):
            codes.append(kpi.code)
    return codes


def late_days_scored(round_: Round) -> int:
    """Late days that cost points in this round.

    The manual (App. 2) takes 0.05 point a day off the **year-end** total, summing
    the days the agreement was signed late and the days the year-end report was
    late; interim rounds show their lateness but are not penalised.
    """
    if round_.number != YEAR_END_ROUND:
        return 0
    return round_.agreement.late_signature_days + round_.late_days


@dataclass
class RoundCard:
    round: Round
    content: Content
    results: dict[int, Result]
    data: dict[str, Any]
    score: CardScore | None
    problems: list[Problem]
    previous_total: Decimal | None


def round_card(round_: Round, *, content: Content | None = None, with_previous: bool = True,
               details: bool = False) -> RoundCard:
    """The round as a format-v1 scorecard, scored with the rules of its fiscal year.

    ``score`` is None when the agreement's structure is invalid (``problems`` says why).
    ``details`` adds what the round report prints besides the scores (narratives, history …).
    """
    agreement = round_.agreement
    content = content or Content.load(agreement)
    previous_total = None
    if with_previous and round_.number > 1:
        previous = Round.objects.filter(agreement=agreement, number=round_.number - 1).first()
        if previous is not None:
            previous_card = round_card(previous, content=content, with_previous=False)
            # Only a fully reported round is a basis: in an empty or partial one every missing KPI
            # scores 1, and the "change" would be an artefact of what was not entered yet.
            if previous_card.score is not None and not missing(content, previous_card.results):
                previous_total = previous_card.score.total
    results = results_of(round_)
    data = card_data(
        agreement,
        content=content,
        round_number=round_.number,
        results=results,
        previous_total=previous_total,
        late_days=late_days_scored(round_),
        details=details,
    )
    try:
        card_score = score(agreement, data)
        problems: list[Problem] = []
    except ScorecardInvalid as invalid:
        card_score, problems = None, invalid.problems
    return RoundCard(round_, content, results, data, card_score, problems, previous_total)
