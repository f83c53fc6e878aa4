"""The scorecard: areas → KPIs, as plain immutable values.

A KPI is exactly one of
- :class:`LevelledKpi`: five level values and a result, scored by linear interpolation;
- :class:`GroupKpi`: child KPIs whose weights add up to the group's weight;
- :class:`CompositeKpi`: weighted criteria, each assessed at a level 1–5 (governance KPIs).

Objects here are always valid: :func:`pramoen.scoring.reader.read` builds them
only after every check has passed. Other layers (the web app, importers) build
the same format-v1 mapping and go through ``read`` too, so the checks live in
one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HIGHER_IS_BETTER = "higher_is_better"
LOWER_IS_BETTER = "lower_is_better"
DIRECTIONS = (HIGHER_IS_BETTER, LOWER_IS_BETTER)
LEVEL_COUNT = 5

Levels = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None, Decimal | None]
NARRATIVE_PARTS = ("reasons", "factors", "obstacles", "plan")


@dataclass(frozen=True)
class PastResult:
    """A result of an earlier fiscal year (ผลการดำเนินงานที่ผ่านมา); ``preliminary`` marks it with "*"."""

    year: int  # พ.ศ.
    value: Decimal | None
    text: str = ""  # shown when there is no value ("N/A", "-")
    preliminary: bool = False


@dataclass(frozen=True)
class Narrative:
    """The four parts of the RFES narrative (คำอธิบายผลการดำเนินงาน)."""

    reasons: str = ""  # ๑. why the result is better or worse than the target
    factors: str = ""  # ๒.๑ supporting factors
    obstacles: str = ""  # ๒.๒ obstacles and their fixes
    plan: str = ""  # ๓. the result compared with the plan or target


@dataclass(frozen=True)
class Inputs:
    """The two numbers a ratio KPI's result is computed from (e.g. actual and plan spending)."""

    numerator: Decimal
    denominator: Decimal
    numerator_label: str = ""
    denominator_label: str = ""


@dataclass(frozen=True)
class KpiDetails:
    """What a report prints about a KPI besides its score: none of it changes a score.

    Every field is optional in a scorecard file (format v1 extension); an empty
    ``KpiDetails`` renders as empty narrative sections.
    """

    definition: str = ""
    formula: str = ""
    history: tuple[PastResult, ...] = ()
    narrative: Narrative = Narrative()
    evidence: tuple[str, ...] = ()
    level_texts: tuple[str, ...] = ()  # five texts (milestone steps, or textual levels) or none
    inputs: Inputs | None = None


NO_DETAILS = KpiDetails()


def direction_of(levels: Levels | list[Decimal | None]) -> str:
    """Which way a scale of level values runs, judged by levels 1 and 5 (both always defined)."""
    return HIGHER_IS_BETTER if levels[-1] > levels[0] else LOWER_IS_BETTER  # type: ignore[operator]


@dataclass(frozen=True)
class LevelledKpi:
    code: str
    name: str
    weight: Decimal
    levels: Levels
    result: Decimal | None  # None: no result (n/a), scores 1
    unit: str = ""
    deduction: Decimal = Decimal(0)
    details: KpiDetails = NO_DETAILS

    kind = "levelled"

    @property
    def direction(self) -> str:
        return direction_of(self.levels)

    @property
    def target(self) -> Decimal | None:
        """The level-3 value (ค่าเป้าหมาย); None when level 3 is not defined."""
        return self.levels[2]


@dataclass(frozen=True)
class GroupKpi:
    code: str
    name: str
    weight: Decimal
    kpis: tuple[Kpi, ...]
    unit: str = ""
    details: KpiDetails = NO_DETAILS

    kind = "group"


@dataclass(frozen=True)
class Criterion:
    """One assessed criterion (ประเด็นพิจารณา) of a composite KPI."""

    name: str
    weight: Decimal
    level: Decimal | None  # None: not assessed yet, counts as level 1
    level_texts: tuple[str, ...] = ()  # what each level 1–5 means ("" or "-": not defined)
    explanation: str = ""  # why this level was reached


@dataclass(frozen=True)
class CompositeKpi:
    code: str
    name: str
    weight: Decimal
    criteria: tuple[Criterion, ...]
    unit: str = ""
    deduction: Decimal = Decimal(0)
    details: KpiDetails = NO_DETAILS

    kind = "composite"


Kpi = LevelledKpi | GroupKpi | CompositeKpi
LeafKpi = LevelledKpi | CompositeKpi


@dataclass(frozen=True)
class Area:
    """An evaluation area (ด้าน) with its weight and KPIs."""

    code: str
    name: str
    weight: Decimal
    kpis: tuple[Kpi, ...]


@dataclass(frozen=True)
class Scorecard:
    fund: str
    fiscal_year: int  # พ.ศ.
    round: int  # 1..4
    areas: tuple[Area, ...]
    previous_total: Decimal | None = None
    late_days: int = 0
    # The fiscal year's late-penalty parameters when the file names them (None: the manual's values).
    late_penalty_per_day: Decimal | None = None
    late_penalty_cap: Decimal | None = None
    # Optional facts a report prints (format v1 extension); none of them changes a score.
    fund_code: str = ""
    owner_agency: str = ""
    fiscal_year_start: int = 10  # month: 10 (1 October) or 1 (1 January)
