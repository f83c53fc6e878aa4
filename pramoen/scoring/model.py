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

    kind = "group"


@dataclass(frozen=True)
class Criterion:
    """One assessed criterion (ประเด็นพิจารณา) of a composite KPI."""

    name: str
    weight: Decimal
    level: Decimal | None  # None: not assessed yet, counts as level 1


@dataclass(frozen=True)
class CompositeKpi:
    code: str
    name: str
    weight: Decimal
    criteria: tuple[Criterion, ...]
    unit: str = ""
    deduction: Decimal = Decimal(0)

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
