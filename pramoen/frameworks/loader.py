"""Frameworks shipped as data: one YAML file per fiscal year in ``data/`` (format in ``data/README.md``).

``read_file`` checks a whole file and reports every problem at once, each naming
the file and the area or KPI; nothing touches the database until every file
given is clean. ``save`` then writes them in one transaction.

A framework already in the database is left alone unless ``replace`` is asked
for: CGD officers edit frameworks on the web, and a routine reload must not undo
their work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models, transaction

from pramoen.agreements.models import AgreementArea, Status
from pramoen.core.fields import canonical, parse_number
from pramoen.scoring.reader import exact_sum
from pramoen.scoring.rules import HUNDRED

from .models import (
    ALL_AREAS_OVER_TOTAL,
    LIMITED_AREAS_OVER_LIMITED,
    LIMITED_OVER_TOTAL,
    Framework,
    FrameworkArea,
    StandardCriterion,
    StandardKpi,
    kpi_limit_conflicts,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
CHANGE_REASON = "load_frameworks"

FRAMEWORK_KEYS = {
    "fiscal_year": int, "name": str, "source": str, "max_kpis_total": int, "max_kpis_limited_areas": int,
    "min_kpis_per_area": int, "late_penalty_per_day": Decimal, "late_penalty_cap": Decimal, "signature_days": int,
    "signature_days_after_objection": int, "round_report_days": int,
}
OPTIONAL_FRAMEWORK_KEYS = {"source", "max_kpis_total", "max_kpis_limited_areas"}
FRAMEWORK_DEFAULTS = {"source": "", "max_kpis_total": None, "max_kpis_limited_areas": None}  # left out = no limit
AREA_KEYS = {
    "code": str, "name_th": str, "name_en": str, "default_weight": Decimal, "min_weight": Decimal,
    "max_weight": Decimal, "counts_toward_limit": bool,
}
OPTIONAL_AREA_KEYS = {"name_en"}
KPI_KEYS = {"code": str, "area": str, "name_th": str, "required": bool, "description": str}
OPTIONAL_KPI_KEYS = {"required", "description"}
CRITERION_KEYS = {"name_th": str, "weight": Decimal}


class FrameworkFileError(ValueError):
    """Everything wrong with one or more framework files, one problem a line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class FrameworkData:
    path: str
    fields: dict[str, Any]
    areas: list[dict[str, Any]] = field(default_factory=list)
    # Each: the KPI's fields, its area's code under "area", its criteria under "criteria".
    standard_kpis: list[dict[str, Any]] = field(default_factory=list)

    @property
    def fiscal_year(self) -> int:
        return self.fields["fiscal_year"]


@dataclass
class LoadResult:
    created: list[int] = field(default_factory=list)
    replaced: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)  # present already and not replaced
    in_use: list[int] = field(default_factory=list)  # replaced although agreements past drafting use them


def shipped_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}")

    def values(self, where: str, raw: Any, keys: dict[str, type], optional: set[str]) -> dict[str, Any] | None:
        """The fields of a mapping, converted to their types; None if it is not a mapping."""
        if not isinstance(raw, dict):
            self.problem(where, "expected a mapping of names to values")
            return None
        for unknown in sorted(set(map(str, raw)) - set(keys)):
            self.problem(where, f"unknown field “{unknown}” (allowed: {', '.join(keys)})")
        out: dict[str, Any] = {}
        for name, kind in keys.items():
            if name not in raw:
                if name not in optional:
                    self.problem(where, f"“{name}” is missing")
                continue
            value = raw[name]
            if value is None and name in optional:
                continue  # the default applies
            converted = self.convert(f"{where}, {name}" if where else name, value, kind)
            if converted is not None:
                out[name] = converted
        return out

    def convert(self, where: str, value: Any, kind: type) -> Any:
        if kind is bool:
            if isinstance(value, bool):
                return value
            self.problem(where, f"expected true or false, got {value!r}")
        elif kind is int:
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
            self.problem(where, f"expected a whole number of 0 or more, got {value!r}")
        elif kind is Decimal:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                self.problem(where, f"expected a number, got {value!r}")
                return None
            try:
                number = parse_number(str(value))  # a YAML float like 7.5 reads back exactly from its text
            except ValidationError as e:
                self.problem(where, " ".join(e.messages))
                return None
            if number is None:
                self.problem(where, "a number is needed")
            return number
        elif kind is str:
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                return str(value).strip()
            self.problem(where, f"expected text, got {value!r}")
        return None

    def model_check(self, where: str, instance: models.Model, exclude: list[str]) -> None:
        """The model's own rules (lengths, ranges, the weight band order) — the same the web forms apply."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as e:
            for name, messages in e.message_dict.items():
                label = "" if name == "__all__" else f"{name}: "
                for message in messages:
                    self.problem(where, f"{label}{message}")


def read_file(path: str | Path) -> FrameworkData:
    """The framework in ``path``, checked; FrameworkFileError lists every problem."""
    path = Path(path)
    checker = _Checker(path.name)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FrameworkFileError([f"{path}: no such file"]) from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise FrameworkFileError([f"{path.name}: not readable as YAML: {e}"]) from None
    if not isinstance(raw, dict):
        raise FrameworkFileError([f"{path.name}: expected a mapping with fiscal_year, name, areas, standard_kpis"])

    body = {k: v for k, v in raw.items() if k not in ("areas", "standard_kpis")}
    fields = checker.values("", body, FRAMEWORK_KEYS, OPTIONAL_FRAMEWORK_KEYS) or {}
    checker.model_check("", Framework(**fields), exclude=[k for k in FRAMEWORK_KEYS if k not in fields])
    data = FrameworkData(path=str(path), fields=fields)

    areas_raw = raw.get("areas")
    if not isinstance(areas_raw, list) or not areas_raw:
        checker.problem("areas", "list at least one area")
        areas_raw = []
    codes: set[str] = set()
    for n, area_raw in enumerate(areas_raw, 1):
        code = str(area_raw.get("code", "")).strip() if isinstance(area_raw, dict) else ""
        where = f"area {code}" if code else f"area no. {n}"
        values = checker.values(where, area_raw, AREA_KEYS, OPTIONAL_AREA_KEYS)
        if values is None:
            continue
        if code in codes:
            checker.problem(where, "this code is used twice")
        codes.add(code)
        values.setdefault("name_en", "")
        values["order"] = n
        checker.model_check(where, FrameworkArea(**values), exclude=["framework"] + [k for k in AREA_KEYS if k not in values])
        data.areas.append(values)
    weights = [a.get("default_weight") for a in data.areas]
    if data.areas and None not in weights and exact_sum(weights) != HUNDRED:
        checker.problem("areas", f"the default weights add up to {canonical(exact_sum(weights))}, not 100")

    kpis_raw = raw.get("standard_kpis") or []
    if not isinstance(kpis_raw, list):
        checker.problem("standard_kpis", "expected a list")
        kpis_raw = []
    kpi_codes: set[str] = set()
    for n, kpi_raw in enumerate(kpis_raw, 1):
        code = str(kpi_raw.get("code", "")).strip() if isinstance(kpi_raw, dict) else ""
        where = f"KPI {code}" if code else f"standard KPI no. {n}"
        if not isinstance(kpi_raw, dict):
            checker.problem(where, "expected a mapping of names to values")
            continue
        values = checker.values(where, {k: v for k, v in kpi_raw.items() if k != "criteria"}, KPI_KEYS, OPTIONAL_KPI_KEYS)
        if values is None:
            continue
        if code in kpi_codes:
            checker.problem(where, "this code is used twice")
        kpi_codes.add(code)
        if "area" in values and values["area"] not in codes:
            checker.problem(where, f"area “{values['area']}” is not one of the areas above")
        values.setdefault("required", True)
        values.setdefault("description", "")
        values["order"] = n
        model_values = {k: v for k, v in values.items() if k != "area"}
        checker.model_check(where, StandardKpi(**model_values), exclude=["framework", "area"] + [k for k in KPI_KEYS if k not in values])
        criteria_raw = kpi_raw.get("criteria")
        if not isinstance(criteria_raw, list) or not criteria_raw:
            checker.problem(where, "list its criteria (at least one, weights adding up to 100)")
            criteria_raw = []
        criteria = []
        for m, criterion_raw in enumerate(criteria_raw, 1):
            c_where = f"{where}, criterion {m}"
            c_values = checker.values(c_where, criterion_raw, CRITERION_KEYS, set())
            if c_values is None:
                continue
            c_values["order"] = m
            weight = c_values.get("weight")
            if weight is not None and not (0 < weight <= HUNDRED):
                checker.problem(c_where, f"a criterion weighs more than 0 and at most 100, not {canonical(weight)}")
            checker.model_check(c_where, StandardCriterion(**c_values), exclude=["standard_kpi"] + [k for k in CRITERION_KEYS if k not in c_values])
            criteria.append(c_values)
        c_weights = [c.get("weight") for c in criteria]
        if criteria and len(criteria) == len(criteria_raw) and None not in c_weights and exact_sum(c_weights) != HUNDRED:
            checker.problem(where, f"the criteria weights add up to {canonical(exact_sum(c_weights))}, not 100")
        values["criteria"] = criteria
        data.standard_kpis.append(values)

    _check_kpi_limits(checker, fields, [a.get("counts_toward_limit", True) for a in data.areas])
    if checker.problems:
        raise FrameworkFileError(checker.problems)
    return data


KPI_LIMIT_MESSAGES = {
    LIMITED_OVER_TOTAL: "at most {limited} KPIs in the limited areas is more than the {total} allowed in all areas",
    ALL_AREAS_OVER_TOTAL: "{areas} areas with at least {least} KPIs each need {need} KPIs, more than the {limit} "
                          "allowed in all areas",
    LIMITED_AREAS_OVER_LIMITED: "{areas} limited areas with at least {least} KPIs each need {need} KPIs, more than "
                                "the {limit} allowed in them",
}


def _check_kpi_limits(checker: _Checker, fields: dict[str, Any], limited_flags: list[bool]) -> None:
    """Limits no agreement could meet (the UI's FrameworkForm refuses the same)."""
    for name, which, numbers in kpi_limit_conflicts(
        fields.get("max_kpis_total"), fields.get("max_kpis_limited_areas"), fields.get("min_kpis_per_area"),
        limited_flags,
    ):
        checker.problem(name, KPI_LIMIT_MESSAGES[which].format(**numbers))


def read_files(paths: list[str | Path]) -> list[FrameworkData]:
    """Every file checked; all their problems together, or the frameworks."""
    problems: list[str] = []
    found: list[FrameworkData] = []
    for path in paths:
        try:
            found.append(read_file(path))
        except FrameworkFileError as e:
            problems += e.problems
    years: dict[int, str] = {}
    for data in found:
        if data.fiscal_year in years:
            problems.append(f"{Path(data.path).name}: fiscal year {data.fiscal_year} is also in {Path(years[data.fiscal_year]).name}")
        years[data.fiscal_year] = data.path
    if problems:
        raise FrameworkFileError(problems)
    return found


def save(frameworks: list[FrameworkData], *, replace: bool = False) -> LoadResult:
    """Write ``frameworks``: all or nothing. FrameworkFileError if replacing would drop an area in use."""
    result = LoadResult()
    with transaction.atomic():
        for data in frameworks:
            existing = Framework.objects.filter(fiscal_year=data.fiscal_year).first()
            if existing is None:
                _write(Framework(), data)
                result.created.append(data.fiscal_year)
            elif replace:
                _write(existing, data)
                result.replaced.append(data.fiscal_year)
                if existing.agreements.exclude(status=Status.PPP_DRAFTING).exists():
                    result.in_use.append(data.fiscal_year)
            else:
                result.kept.append(data.fiscal_year)
    return result


def _assign(instance: models.Model, values: dict[str, Any]) -> bool:
    """Set ``values`` on ``instance``; save (with the loader as the reason) only if something differs."""
    changed = instance.pk is None
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance._change_reason = CHANGE_REASON
        instance.save()
    return changed


def _write(framework: Framework, data: FrameworkData) -> None:
    _assign(framework, {**FRAMEWORK_DEFAULTS, **data.fields})

    areas = {a.code: a for a in framework.areas.all()}
    keep_areas: dict[str, FrameworkArea] = {}
    for values in data.areas:
        area = areas.get(values["code"]) or FrameworkArea(framework=framework)
        _assign(area, values)
        keep_areas[area.code] = area
    kpis = {k.code: k for k in framework.standard_kpis.prefetch_related("criteria")}
    keep_kpis: set[str] = set()
    for values in data.standard_kpis:
        kpi = kpis.get(values["code"]) or StandardKpi(framework=framework)
        _assign(kpi, {**{k: v for k, v in values.items() if k not in ("area", "criteria")}, "area_id": keep_areas[values["area"]].pk})
        keep_kpis.add(kpi.code)
        criteria = list(kpi.criteria.all())
        for position, c_values in enumerate(values["criteria"]):
            criterion = criteria[position] if position < len(criteria) else StandardCriterion(standard_kpi=kpi)
            _assign(criterion, c_values)
        for extra in criteria[len(values["criteria"]):]:
            extra._change_reason = CHANGE_REASON
            extra.delete()
    for code, kpi in kpis.items():
        if code not in keep_kpis:
            kpi._change_reason = CHANGE_REASON
            kpi.delete()
    for code, area in areas.items():
        if code in keep_areas:
            continue
        if AgreementArea.objects.filter(framework_area=area).exists():
            raise FrameworkFileError([
                f"{Path(data.path).name}: area {code} “{area.name_th}” of the {framework.fiscal_year} framework is used "
                "by agreements and cannot be removed; nothing was loaded"
            ])
        area._change_reason = CHANGE_REASON
        area.delete()
