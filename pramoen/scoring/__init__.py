"""The pure domain core of Pramoen: the RFES scoring rules.

No Django here (a test enforces it) and only :class:`decimal.Decimal`
arithmetic. Typical use::

    from pramoen import scoring
    card = scoring.load_path("card.json")      # or scoring.read(mapping)
    result = scoring.score_card(card)
    result.total, result.kpi("1.1").score, result.as_json()
"""

from .compute import AreaScore, CardScore, KpiScore, score_card, score_kpi
from .model import (
    NO_DETAILS,
    Area,
    CompositeKpi,
    Criterion,
    GroupKpi,
    Inputs,
    KpiDetails,
    LevelledKpi,
    Narrative,
    PastResult,
    Scorecard,
)
from .problems import Problem, ScorecardInvalid
from .reader import FORMAT_V1, load_path, loads, read
from .rules import MANUAL_RULES, ScoringRules

__all__ = [
    "FORMAT_V1",
    "MANUAL_RULES",
    "NO_DETAILS",
    "Area",
    "AreaScore",
    "CardScore",
    "CompositeKpi",
    "Criterion",
    "GroupKpi",
    "Inputs",
    "KpiDetails",
    "KpiScore",
    "LevelledKpi",
    "Narrative",
    "PastResult",
    "Problem",
    "Scorecard",
    "ScorecardInvalid",
    "ScoringRules",
    "load_path",
    "loads",
    "read",
    "score_card",
    "score_kpi",
]
