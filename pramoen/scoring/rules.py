"""The scoring rules of the RFES manual, one function each.

All arithmetic is Decimal; nothing here rounds. Parameters that CGD may change
from one fiscal year to the next (the late-submission penalty) live in
:class:`ScoringRules`, whose defaults are the manual's values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .model import HIGHER_IS_BETTER, Criterion, Levels, direction_of

MIN_SCORE = Decimal(1)
MAX_SCORE = Decimal(5)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ScoringRules:
    """Year-dependent parameters. Defaults: the manual (App. 2 deadline framework)."""

    late_penalty_per_day: Decimal = Decimal("0.05")
    late_penalty_cap: Decimal = Decimal(1)


MANUAL_RULES = ScoringRules()


def level_score(levels: Levels, result: Decimal | None) -> Decimal:
    """Score 1–5 of ``result`` against five level values (linear interpolation, บัญญัติไตรยางศ์).

    ``levels`` are the values of levels 1..5, strictly increasing (higher is
    better) or strictly decreasing (lower is better); levels 2–4 may be None
    (not defined). A result at or worse than level 1 scores 1, at or better than
    level 5 scores 5; between two adjacent defined levels i < j it scores
    ``i + (j − i) × (result − L_i) / (L_j − L_i)``. No result scores 1.
    """
    if result is None:
        return MIN_SCORE
    defined = [(Decimal(i + 1), value) for i, value in enumerate(levels) if value is not None]
    first, last = defined[0][1], defined[-1][1]
    # Flip a lower-is-better scale so that "better" always means "larger".
    sign = 1 if direction_of(levels) == HIGHER_IS_BETTER else -1
    x = sign * result
    if x <= sign * first:
        return MIN_SCORE
    if x >= sign * last:
        return MAX_SCORE
    for (i, low), (j, high) in zip(defined, defined[1:]):
        if sign * low <= x <= sign * high:
            return i + (j - i) * (result - low) / (high - low)
    raise AssertionError("unreachable: levels are strictly monotonic")  # pragma: no cover


def composite_score(criteria: Iterable[Criterion]) -> Decimal:
    """Σ(weight × level) / 100 over the criteria (weights add up to 100).

    A criterion not assessed yet counts as level 1.
    """
    return sum(
        (c.weight * (MIN_SCORE if c.level is None else c.level) for c in criteria), Decimal(0)
    ) / HUNDRED


def apply_deduction(score: Decimal, deduction: Decimal) -> Decimal:
    """A KPI deduction (การปรับลดคะแนน) never takes the score below 1."""
    return max(MIN_SCORE, score - deduction)


def weighted_mean(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """Σ(w·s)/Σw over (weight, score) pairs: a group's or an area's score."""
    pairs = list(pairs)
    total_weight = sum((w for w, _ in pairs), Decimal(0))
    return sum((w * s for w, s in pairs), Decimal(0)) / total_weight


def weighted_score(score: Decimal, weight: Decimal) -> Decimal:
    """score × weight / 100 (weights are percent of the whole card)."""
    return score * weight / HUNDRED


def late_penalty(late_days: int, rules: ScoringRules = MANUAL_RULES) -> Decimal:
    """0.05 point per late day, at most 1 point (the manual's defaults)."""
    return min(rules.late_penalty_cap, rules.late_penalty_per_day * late_days)


def percent_of_max(total: Decimal) -> Decimal:
    return total / MAX_SCORE * HUNDRED


def change_percent(total: Decimal, previous_total: Decimal) -> Decimal:
    return (total - previous_total) / previous_total * HUNDRED


def score_band(score: Decimal) -> int:
    """The level band 1–5 a score falls in: its whole part, so 4.9984 is band 4 and only 5 is band 5.

    Neither the manual nor the sample report says how a score maps to a colour or a
    rating; the manual's one example (4 → ดี, 4.5 → "ดี ถึง ดีมาก") reads as the whole
    part, so a band is never better than the score reached. Below 1 (a total after a
    late penalty) is still band 1.
    """
    whole = int(score.to_integral_value(rounding="ROUND_FLOOR"))
    return max(1, min(LEVEL_TOP, whole))


LEVEL_TOP = 5


def ratio_percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator × 100 / denominator: a percentage KPI's result from its two inputs (denominator ≠ 0)."""
    return numerator * HUNDRED / denominator


def percent_disagrees(result: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """None when ``result`` is numerator × 100 / denominator rounded as ``result`` is written;
    else that correctly rounded value (what the result should read)."""
    from .numbers import round_half_up

    places = max(0, -result.as_tuple().exponent)  # type: ignore[operator]
    computed = round_half_up(ratio_percent(numerator, denominator), places)
    return None if computed == result else computed
