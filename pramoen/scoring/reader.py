"""Read a scorecard (format v1, JSON or YAML) and check it completely.

Every problem is collected and reported at once, each naming the KPI or area
code, so a fund officer can fix a whole file in one pass. Nothing is scored
unless the card is entirely valid. This is the only place scorecard data is
validated: the web app builds the same v1 mapping and calls :func:`read`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from decimal import Context, Decimal, localcontext
from pathlib import Path
from typing import Any

import yaml

from .model import (
    DIRECTIONS,
    LEVEL_COUNT,
    NARRATIVE_PARTS,
    NO_DETAILS,
    Area,
    CompositeKpi,
    Criterion,
    GroupKpi,
    Inputs,
    Kpi,
    KpiDetails,
    LevelledKpi,
    Narrative,
    PastResult,
    Scorecard,
    direction_of,
)
from .numbers import (
    MAX_DECIMAL_PLACES,
    MAX_INTEGER_DIGITS,
    NotANumber,
    NumberOutOfRange,
    parse_decimal,
    parse_integer,
    plain,
)
from . import rules
from .problems import Problem, ScorecardInvalid

FORMAT_V1 = "pramoen-scorecard/1"
SUPPORTED_FORMATS = (FORMAT_V1,)
FISCAL_YEAR_RANGE = (2500, 2700)  # พ.ศ.
NOT_DEFINED = ("-", "")  # a level typed as "-" is not defined
NO_RESULT = ("n/a", "-", "")  # a result typed as "n/a" or "-" is no result
MAX_GROUP_DEPTH = 8  # KPI 1 → 1.1 → 1.1.1 …: far deeper than any agreement
_EXACT = Context(prec=100)  # weights have at most 35 digits: sums of them are exact here

TOP_REQUIRED = ("fund", "fiscal_year", "round", "areas")
TOP_OPTIONAL = ("format", "previous_total", "late_days", "late_penalty_per_day", "late_penalty_cap",
                "fund_code", "owner_agency", "fiscal_year_start")
FISCAL_YEAR_STARTS = (10, 1)  # the month a fiscal year starts: 1 October (the default) or 1 January
AREA_REQUIRED = ("code", "name", "weight", "kpis")
KPI_REQUIRED = ("code", "name", "weight")
# Report fields any KPI may carry (format v1 extension): none of them changes a score.
KPI_DETAILS = ("definition", "formula", "history", "narrative", "evidence")
KPI_OPTIONAL = ("unit", *KPI_DETAILS)
KIND_FIELDS = {
    "levelled": {"required": ("levels", "result"), "optional": ("deduction", "direction", "level_texts", "inputs")},
    "group": {"required": ("kpis",), "optional": ()},
    "composite": {"required": ("criteria",), "optional": ("deduction",)},
}
KIND_MARKERS = {"levels": "levelled", "kpis": "group", "criteria": "composite"}
ALL_KPI_FIELDS = KPI_REQUIRED + KPI_OPTIONAL + tuple(
    f for spec in KIND_FIELDS.values() for f in spec["required"] + spec["optional"]
)
CRITERION_REQUIRED = ("name", "weight", "level")
CRITERION_OPTIONAL = ("level_texts", "explanation")
HISTORY_REQUIRED = ("year",)
HISTORY_OPTIONAL = ("value", "text", "preliminary")
INPUTS_REQUIRED = ("numerator", "denominator")
INPUTS_OPTIONAL = ("numerator_label", "denominator_label")
PERCENT_UNIT = "ร้อยละ"  # a result in this unit must agree with its inputs: numerator × 100 / denominator
BOOLEANS = {"true": True, "false": False}


class _Object(dict):
    """A mapping that remembers keys given more than once in the source file."""

    duplicates: tuple[str, ...] = ()


def _pairs_to_object(pairs: list[tuple[Any, Any]]) -> _Object:
    obj = _Object()
    seen = []
    for key, value in pairs:
        if key in obj:
            seen.append(str(key))
        obj[key] = value
    obj.duplicates = tuple(seen)
    return obj


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML where every scalar but null stays text.

    Numbers then go through the same parser as JSON strings (Thai digits,
    separators), codes like ``1.10`` keep their text, and ``no``/``on`` are not
    silently turned into booleans.
    """


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _YamlLoader, node: yaml.MappingNode) -> _Object:
    loader.flatten_mapping(node)
    pairs = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a field name must be text", key_node.start_mark
            )
        pairs.append((key, loader.construct_object(value_node, deep=True)))
    return _pairs_to_object(pairs)


_YamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_text(text: str, fmt: str, source: str = "scorecard") -> Any:
    """JSON or YAML text → plain data (numbers as Decimal or text)."""
    try:
        if fmt == "json":
            return json.loads(
                text,
                parse_float=Decimal,
                parse_int=Decimal,  # no int-size limit here: the number checks refuse huge values with a message
                parse_constant=lambda name: name,  # NaN, Infinity: refused later as "not a number"
                object_pairs_hook=_pairs_to_object,
            )
        return yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a SafeLoader subclass
    except json.JSONDecodeError as exc:
        raise ScorecardInvalid(
            [Problem(source, "json_syntax", {"line": exc.lineno, "column": exc.colno, "reason": exc.msg})]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        raise ScorecardInvalid(
            [Problem(source, "yaml_syntax", {"line": None if mark is None else mark.line + 1, "reason": reason})]
        ) from exc
    except RecursionError as exc:
        raise ScorecardInvalid([Problem(source, "structure_too_deep")]) from exc


def load_path(path: str | Path) -> Scorecard:
    """Read and check a ``.json``, ``.yaml`` or ``.yml`` scorecard file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise ScorecardInvalid([Problem(str(path), "file_type", {"suffix": suffix or path.name})])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ScorecardInvalid([Problem(str(path), "file_unreadable", {"reason": reason})]) from exc
    return read(parse_text(text, "json" if suffix == ".json" else "yaml", str(path)))


def loads(text: str, fmt: str = "json") -> Scorecard:
    return read(parse_text(text, fmt))


def read(data: Any) -> Scorecard:
    """Check plain data in format v1 and build a :class:`Scorecard`.

    Raises :class:`ScorecardInvalid` carrying every problem found.
    """
    reader = _Reader()
    card = reader.card(data)
    if reader.problems or card is None:
        raise ScorecardInvalid(reader.problems)
    return card


def _shown(value: Any) -> str:
    """A bad value as it appears in a message (long text shortened)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, Mapping):
        return "{…}"
    text = value if isinstance(value, str) else str(value)
    if len(text) > 40:
        text = text[:39] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    total = Decimal(0)
    for value in values:
        total = _EXACT.add(total, value)
    return total


def sum_if_known(weights: list[Decimal | None]) -> Decimal | None:
    """The sum of the weights, or None when any of them could not be read."""
    if not weights or any(w is None for w in weights):
        return None
    return exact_sum(weights)  # type: ignore[arg-type]


def _is_blank(value: Any, blanks: tuple[str, ...]) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in blanks)


class _Reader:
    """Walks the data once, collecting every problem.

    Each item is checked on its own and also reports its weight when that could
    be read, so a sum of weights is checked even when a sibling has some other
    problem: the officer sees a typo in 6.1.1 *and* the weights of 6.1 at once.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.area_codes: dict[str, str] = {}
        self.kpi_codes: dict[str, str] = {}

    # -- helpers -------------------------------------------------------------
    def problem(self, where: str, kind: str, **params: Any) -> None:
        self.problems.append(Problem(where, kind, params))

    def fields(self, obj: Mapping, where: str, required: tuple[str, ...], allowed: tuple[str, ...]) -> None:
        for key in getattr(obj, "duplicates", ()):
            self.problem(where, "duplicate_field", field=key)
        for key in obj:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                self.problem(where, "unknown_field", field=key, suggestion=close[0] if close else None)
        for key in required:
            if key not in obj:
                self.problem(where, "missing_field", field=key)

    def mapping(self, value: Any, where: str, label: str) -> Mapping | None:
        if not isinstance(value, Mapping):
            self.problem(where, "not_object", field=label)
            return None
        return value

    def items(self, obj: Mapping, key: str, where: str) -> list | None:
        if key not in obj:
            return None
        value = obj[key]
        if not isinstance(value, list):
            self.problem(where, "not_list", field=key)
            return None
        if not value:
            self.problem(where, "empty_list", field=key)
            return None
        return value

    def text(self, obj: Mapping, key: str, where: str, *, required: bool = True) -> str | None:
        """Text with its white space tidied (line breaks from a copied Word cell become spaces)."""
        if key not in obj:
            return None if required else ""
        value = obj[key]
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(where, "not_text", field=key)
            return None
        return " ".join(value.split())

    def _optional_str(self, obj: Mapping, key: str, where: str) -> str:
        """An optional text field as given: absent and null give ""; anything but text is a problem."""
        value = obj.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(where, "text_expected", field=key, value=_shown(value))
            return ""
        return value

    def prose(self, obj: Mapping, key: str, where: str) -> str:
        """Optional text that keeps its line breaks (narratives, definitions): only the ends are stripped.

        Absent and null give "". Line endings become ``\\n``.
        """
        return _prose(self._optional_str(obj, key, where))

    def optional_text(self, obj: Mapping, key: str, where: str) -> str:
        """Optional one-line text (tidied like a name); absent, null and "" give ""."""
        return " ".join(self._optional_str(obj, key, where).split())

    def boolean(self, obj: Mapping, key: str, where: str) -> bool:
        """true/false; YAML gives them as text, read case-insensitively. Absent and null are false."""
        value = obj.get(key)
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in BOOLEANS:
            return BOOLEANS[value.strip().lower()]
        self.problem(where, "not_boolean", field=key, value=_shown(value))
        return False

    def within(self, before: int, part: tuple[str, int, str | None]) -> None:
        """Mark the problems found since ``before`` as being about one part of the KPI (a criterion, an item)."""
        self.problems[before:] = [p if p.part else replace(p, part=part) for p in self.problems[before:]]

    def number(
        self, obj: Mapping, key: str, where: str, *, positive: bool = False, non_negative: bool = False
    ) -> Decimal | None:
        if key not in obj:
            return None
        value = obj[key]
        try:
            number = parse_decimal(value)
        except NumberOutOfRange:
            self.problem(where, "number_out_of_range", field=key, value=_shown(value), digits=MAX_INTEGER_DIGITS,
                         places=MAX_DECIMAL_PLACES)
            return None
        except NotANumber:
            self.problem(where, "not_number", field=key, value=_shown(value))
            return None
        if positive and number <= 0:
            self.problem(where, "not_positive", field=key, value=plain(number))
            return None
        if non_negative and number < 0:
            self.problem(where, "negative", field=key, value=plain(number))
            return None
        return number

    def optional_number(self, obj: Mapping, key: str, where: str, **checks: bool) -> Decimal | None:
        """An optional number: absent and null both mean "not given"."""
        return None if obj.get(key) is None else self.number(obj, key, where, **checks)

    def integer(self, obj: Mapping, key: str, where: str) -> int | None:
        if obj.get(key) is None:
            if key in obj:
                self.problem(where, "not_number", field=key, value="null")
            return None
        number = self.number(obj, key, where)
        if number is None:
            return None
        try:
            return parse_integer(number)
        except NotANumber:
            self.problem(where, "not_integer", field=key, value=_shown(obj[key]))
            return None

    def code(self, obj: Mapping, fallback: str) -> str | None:
        if "code" not in obj:
            return None
        value = obj["code"]
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif isinstance(value, float):
            value = repr(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(fallback, "not_text", field="code")
            return None
        value = value.strip()
        if len(value.split()) != 1 or len(value) > 40:
            self.problem(fallback, "bad_code", value=_shown(value))
            return None
        return value

    def identify(self, raw: Any, path: str, registry: dict[str, str]) -> tuple[Mapping | None, str | None, str]:
        """The item's mapping, its code, and how problems name it (the code, else its path)."""
        obj = self.mapping(raw, path, path)
        if obj is None:
            return None, None, path
        code = self.code(obj, path)
        if code:
            if code in registry:
                self.problem(code, "duplicate_code", code=code, other=registry[code])
            else:
                registry[code] = path
        return obj, code, code or path

    def children(self, obj: Mapping, where: str, depth: int) -> tuple[list[Kpi | None], Decimal | None]:
        """The KPIs under ``kpis`` (None for an invalid one) and the sum of their weights, if all could be read."""
        raw_kpis = self.items(obj, "kpis", where) or []
        parsed = [self.kpi(k, f"{where}.kpis[{i}]", depth) for i, k in enumerate(raw_kpis)]
        return [kpi for kpi, _ in parsed], sum_if_known([weight for _, weight in parsed])

    # -- the card ------------------------------------------------------------
    def card(self, data: Any) -> Scorecard | None:
        top = self.mapping(data, "scorecard", "scorecard")
        if top is None:
            return None
        self.fields(top, "scorecard", TOP_REQUIRED, TOP_REQUIRED + TOP_OPTIONAL)
        if top.get("format") is not None and top["format"] not in SUPPORTED_FORMATS:
            self.problem("format", "format_unknown", value=_shown(top["format"]),
                         supported=", ".join(SUPPORTED_FORMATS))
        fund = self.text(top, "fund", "fund")
        fiscal_year = self.fiscal_year(top)
        round_no = self.integer(top, "round", "round")
        if round_no is not None and not 1 <= round_no <= 4:
            self.problem("round", "round_range", value=round_no)
        previous_total = self.optional_number(top, "previous_total", "previous_total", positive=True)
        late_days = None if top.get("late_days") is None else self.integer(top, "late_days", "late_days")
        if late_days is not None and late_days < 0:
            self.problem("late_days", "negative", field="late_days", value=late_days)
        per_day = self.optional_number(top, "late_penalty_per_day", "late_penalty_per_day", non_negative=True)
        cap = self.optional_number(top, "late_penalty_cap", "late_penalty_cap", non_negative=True)
        fund_code = self.optional_text(top, "fund_code", "fund_code")
        owner_agency = self.optional_text(top, "owner_agency", "owner_agency")
        year_start = self.fiscal_year_start(top)
        parsed = [self.area(raw, f"areas[{i}]") for i, raw in enumerate(self.items(top, "areas", "areas") or [])]
        total = sum_if_known([weight for _, weight in parsed])
        if total is not None and total != 100:
            self.problem("areas", "area_weights_sum", total=plain(total))
        if self.problems:
            return None
        return Scorecard(
            fund=fund,  # type: ignore[arg-type]
            fiscal_year=fiscal_year,  # type: ignore[arg-type]
            round=round_no,  # type: ignore[arg-type]
            areas=tuple(area for area, _ in parsed),  # type: ignore[misc]
            previous_total=previous_total,
            late_days=late_days or 0,
            late_penalty_per_day=per_day,
            late_penalty_cap=cap,
            fund_code=fund_code,
            owner_agency=owner_agency,
            fiscal_year_start=year_start,  # type: ignore[arg-type]
        )

    def fiscal_year(self, top: Mapping) -> int | None:
        return self.be_year(top, "fiscal_year", "fiscal_year")

    def be_year(self, obj: Mapping, key: str, where: str) -> int | None:
        """A fiscal year in พ.ศ.; a CE year is refused with the พ.ศ. year suggested."""
        year = self.integer(obj, key, where)
        if year is None:
            return None
        low, high = FISCAL_YEAR_RANGE
        if 1900 <= year <= 2200:
            self.problem(where, "fiscal_year_ce", value=year, be=year + 543)
            return None
        if not low <= year <= high:
            self.problem(where, "fiscal_year_range", value=year, low=low, high=high)
            return None
        return year

    def fiscal_year_start(self, top: Mapping) -> int | None:
        if top.get("fiscal_year_start") is None:
            return FISCAL_YEAR_STARTS[0]
        month = self.integer(top, "fiscal_year_start", "fiscal_year_start")
        if month is not None and month not in FISCAL_YEAR_STARTS:
            self.problem("fiscal_year_start", "fiscal_year_start", value=month)
            return None
        return month

    def area(self, raw: Any, path: str) -> tuple[Area | None, Decimal | None]:
        obj, code, where = self.identify(raw, path, self.area_codes)
        if obj is None:
            return None, None
        before = len(self.problems)
        self.fields(obj, where, AREA_REQUIRED, AREA_REQUIRED)
        name = self.text(obj, "name", where)
        weight = self.number(obj, "weight", where, positive=True)
        kpis, total = self.children(obj, where, depth=1)
        if weight is not None and total is not None and total != weight:
            self.problem(where, "area_kpi_weights_sum", total=plain(total), weight=plain(weight))
        if len(self.problems) > before or code is None:
            return None, weight
        return Area(code=code, name=name, weight=weight, kpis=tuple(kpis)), weight  # type: ignore[arg-type]

    def kpi(self, raw: Any, path: str, depth: int) -> tuple[Kpi | None, Decimal | None]:
        """Check one KPI; give it back (None if invalid) with its weight (None if unreadable)."""
        obj, code, where = self.identify(raw, path, self.kpi_codes)
        if obj is None:
            return None, None
        before = len(self.problems)
        kinds = [KIND_MARKERS[key] for key in KIND_MARKERS if key in obj]
        if not kinds:
            self.problem(where, "kind_missing")
            self.fields(obj, where, KPI_REQUIRED, ALL_KPI_FIELDS)
        elif len(kinds) > 1:
            self.problem(where, "kind_ambiguous", fields=", ".join(k for k in KIND_MARKERS if k in obj))
            self.fields(obj, where, KPI_REQUIRED, ALL_KPI_FIELDS)
        else:
            self.kind_fields(obj, where, kinds[0])
        name = self.text(obj, "name", where)
        unit = self.text(obj, "unit", where, required=False)
        weight = self.number(obj, "weight", where, positive=True)
        details = self.details(obj, where)
        kpi: Kpi | None = None
        if kinds == ["levelled"]:
            kpi = self.levelled(obj, where, code, name, weight, unit, details)
        elif kinds == ["group"]:
            if depth >= MAX_GROUP_DEPTH:
                self.problem(where, "too_deep", depth=MAX_GROUP_DEPTH)
            else:
                kpi = self.group(obj, where, code, name, weight, unit, depth, details)
        elif kinds == ["composite"]:
            kpi = self.composite(obj, where, code, name, weight, unit, details)
        if len(self.problems) > before or code is None:
            return None, weight
        return kpi, weight

    def kind_fields(self, obj: Mapping, where: str, kind: str) -> None:
        spec = KIND_FIELDS[kind]
        allowed = KPI_REQUIRED + KPI_OPTIONAL + spec["required"] + spec["optional"]
        for key in obj:
            if key in ALL_KPI_FIELDS and key not in allowed:
                self.problem(where, "field_not_for_kind", kpi_kind=kind, field=key)
        self.fields(obj, where, KPI_REQUIRED + spec["required"], ALL_KPI_FIELDS)

    def levelled(self, obj, where, code, name, weight, unit, details) -> LevelledKpi | None:
        levels = self.levels(obj, where)
        result = None
        if "result" in obj and not _is_blank(obj["result"], NO_RESULT):
            result = self.number(obj, "result", where)
        level_texts = self.level_texts(obj, where)
        inputs = self.inputs(obj, where)
        if inputs is not None and result is not None and (unit or "") == PERCENT_UNIT:
            self.check_percent(inputs, result, where)
        if level_texts or inputs is not None:
            details = replace(details, level_texts=level_texts, inputs=inputs)
        deduction = self.optional_number(obj, "deduction", where, non_negative=True)
        direction = obj.get("direction")
        if direction is not None and direction not in DIRECTIONS:
            self.problem(where, "direction_unknown", value=_shown(direction))
        elif direction is not None and levels is not None:
            actual = direction_of(levels)
            if actual != direction:
                self.problem(where, "direction_mismatch", direction=direction, actual=actual,
                             levels=_levels_text(levels))
        if levels is None or not all((code, name, weight)):
            return None
        return LevelledKpi(
            code=code, name=name, weight=weight, levels=levels, result=result, unit=unit or "",
            deduction=deduction or Decimal(0), details=details,
        )

    def levels(self, obj: Mapping, where: str):
        if "levels" not in obj:
            return None
        raw = obj["levels"]
        if not isinstance(raw, list):
            self.problem(where, "not_list", field="levels")
            return None
        if len(raw) != LEVEL_COUNT:
            self.problem(where, "levels_count", count=len(raw))
            return None
        values: list[Decimal | None] = []
        ok = True
        for level, value in enumerate(raw, start=1):
            if _is_blank(value, NOT_DEFINED):
                values.append(None)
                if level in (1, LEVEL_COUNT):
                    self.problem(where, "level_endpoint_missing", level=level)
                    ok = False
                continue
            try:
                values.append(parse_decimal(value))
            except NumberOutOfRange:
                self.problem(where, "number_out_of_range", field=f"levels[{level}]", value=_shown(value),
                             digits=MAX_INTEGER_DIGITS, places=MAX_DECIMAL_PLACES)
                values.append(None)
                ok = False
            except NotANumber:
                self.problem(where, "level_not_number", level=level, value=_shown(value))
                values.append(None)
                ok = False
        if not ok:
            return None
        defined = [v for v in values if v is not None]
        increasing = all(a < b for a, b in zip(defined, defined[1:]))
        decreasing = all(a > b for a, b in zip(defined, defined[1:]))
        if not (increasing or decreasing):
            self.problem(where, "levels_not_monotonic", levels=_levels_text(values))
            return None
        return tuple(values)

    def group(self, obj, where, code, name, weight, unit, depth, details) -> GroupKpi | None:
        children, total = self.children(obj, where, depth + 1)
        if weight is not None and total is not None and total != weight:
            self.problem(where, "group_weights_sum", total=plain(total), code=where, weight=plain(weight))
            return None
        if not children or any(c is None for c in children) or not all((code, name, weight)):
            return None
        return GroupKpi(code=code, name=name, weight=weight, kpis=tuple(children),  # type: ignore[arg-type]
                        unit=unit or "", details=details)

    def composite(self, obj, where, code, name, weight, unit, details) -> CompositeKpi | None:
        deduction = self.optional_number(obj, "deduction", where, non_negative=True)
        raw_criteria = self.items(obj, "criteria", where) or []
        criteria: list[Criterion | None] = []
        weights: list[Decimal | None] = []
        for number, raw in enumerate(raw_criteria, start=1):
            criterion, c_weight = self.criterion(raw, where, number)
            criteria.append(criterion)
            weights.append(c_weight)
        total = sum_if_known(weights)
        if total is not None and total != 100:
            self.problem(where, "criteria_weights_sum", total=plain(total))
            return None
        if not criteria or any(c is None for c in criteria) or not all((code, name, weight)):
            return None
        return CompositeKpi(
            code=code, name=name, weight=weight, criteria=tuple(criteria), unit=unit or "",  # type: ignore[arg-type]
            deduction=deduction or Decimal(0), details=details,
        )

    def criterion(self, raw: Any, where: str, number: int) -> tuple[Criterion | None, Decimal | None]:
        """One criterion of a composite KPI; its problems say which criterion they are about."""
        before = len(self.problems)
        item = self.mapping(raw, where, "criteria")
        c_weight = c_name = None
        if item is not None:
            self.fields(item, where, CRITERION_REQUIRED, CRITERION_REQUIRED + CRITERION_OPTIONAL)
            c_name = self.text(item, "name", where)
            c_weight = self.number(item, "weight", where, positive=True)
            c_level = None
            if "level" in item and not _is_blank(item["level"], NO_RESULT):
                c_level = self.number(item, "level", where)
                if c_level is not None and not 1 <= c_level <= 5:
                    self.problem(where, "criterion_level_range", value=plain(c_level))
            c_texts = self.level_texts(item, where)
            c_explanation = self.prose(item, "explanation", where)
        label = c_name or (item.get("name") if item is not None and isinstance(item.get("name"), str) else None)
        self.within(before, ("criterion", number, label))
        if len(self.problems) > before:
            return None, c_weight
        criterion = Criterion(name=c_name, weight=c_weight, level=c_level,  # type: ignore[arg-type]
                              level_texts=c_texts, explanation=c_explanation)
        return criterion, c_weight

    # -- report fields (format v1 extension; none of them changes a score) -----
    def details(self, obj: Mapping, where: str) -> KpiDetails:
        """What any KPI may carry for a report: definition, formula, history, narrative, evidence."""
        details = KpiDetails(
            definition=self.prose(obj, "definition", where),
            formula=self.prose(obj, "formula", where),
            history=self.history(obj, where),
            narrative=self.narrative(obj, where),
            evidence=self.evidence(obj, where),
        )
        return NO_DETAILS if details == NO_DETAILS else details

    def optional_items(self, obj: Mapping, key: str, where: str) -> list:
        """An optional list: absent, null and [] all mean none."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, "not_list", field=key)
            return []
        return value

    def history(self, obj: Mapping, where: str) -> tuple[PastResult, ...]:
        results: list[PastResult] = []
        years: set[int] = set()
        for number, raw in enumerate(self.optional_items(obj, "history", where), start=1):
            before = len(self.problems)
            year = value = None
            text, preliminary = "", False
            item = self.mapping(raw, where, "history")
            if item is not None:
                self.fields(item, where, HISTORY_REQUIRED, HISTORY_REQUIRED + HISTORY_OPTIONAL)
                year = self.be_year(item, "year", where)
                if not _is_blank(item.get("value"), NO_RESULT):
                    value = self.number(item, "value", where)
                text = self.optional_text(item, "text", where)
                preliminary = self.boolean(item, "preliminary", where)
            self.within(before, ("history", number, None))
            if year is not None:
                if year in years:
                    self.problem(where, "history_year_duplicate", year=year)
                years.add(year)
            if len(self.problems) == before:
                results.append(PastResult(year, value, text, preliminary))  # type: ignore[arg-type]
        return tuple(sorted(results, key=lambda r: r.year))

    def narrative(self, obj: Mapping, where: str) -> Narrative:
        if obj.get("narrative") is None:
            return Narrative()
        before = len(self.problems)
        parts = self.mapping(obj["narrative"], where, "narrative")
        if parts is None:
            return Narrative()
        self.fields(parts, where, (), NARRATIVE_PARTS)
        narrative = Narrative(**{part: self.prose(parts, part, where) for part in NARRATIVE_PARTS})
        self.within(before, ("narrative", 0, None))
        return narrative

    def evidence(self, obj: Mapping, where: str) -> tuple[str, ...]:
        names = []
        for number, value in enumerate(self.optional_items(obj, "evidence", where), start=1):
            if not isinstance(value, str) or not value.strip():
                self.problem(where, "not_text", field=f"evidence[{number}]")
                continue
            names.append(" ".join(value.split()))
        return tuple(names)

    def level_texts(self, obj: Mapping, where: str) -> tuple[str, ...]:
        """Five texts, one per level ("" or null for a level without one), or none at all."""
        raw = obj.get("level_texts")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(where, "not_list", field="level_texts")
            return ()
        if len(raw) != LEVEL_COUNT:
            self.problem(where, "level_texts_count", count=len(raw))
            return ()
        texts = []
        for level, value in enumerate(raw, start=1):
            if value is None:
                texts.append("")
            elif isinstance(value, str):
                texts.append(_prose(value))
            else:
                self.problem(where, "text_expected", field=f"level_texts[{level}]", value=_shown(value))
        return tuple(texts) if len(texts) == LEVEL_COUNT else ()

    def inputs(self, obj: Mapping, where: str) -> Inputs | None:
        if obj.get("inputs") is None:
            return None
        before = len(self.problems)
        raw = self.mapping(obj["inputs"], where, "inputs")
        if raw is None:
            return None
        self.fields(raw, where, INPUTS_REQUIRED, INPUTS_REQUIRED + INPUTS_OPTIONAL)
        numerator = self.number(raw, "numerator", where)
        denominator = self.number(raw, "denominator", where)
        if denominator is not None and denominator.is_zero():
            self.problem(where, "zero_denominator", field="denominator")
        labels = [self.optional_text(raw, key, where) for key in INPUTS_OPTIONAL]
        self.within(before, ("inputs", 0, None))
        if len(self.problems) > before:
            return None
        return Inputs(numerator, denominator, *labels)  # type: ignore[arg-type]

    def check_percent(self, inputs: Inputs, result: Decimal, where: str) -> None:
        """A percentage result must be numerator × 100 / denominator, rounded as the result is written."""
        with localcontext(_EXACT):
            computed = rules.percent_disagrees(result, inputs.numerator, inputs.denominator)
        if computed is not None:
            places = max(0, -result.as_tuple().exponent)  # type: ignore[operator]
            self.problem(where, "inputs_mismatch", result=format(result, "f"), numerator=plain(inputs.numerator),
                         denominator=plain(inputs.denominator), computed=format(computed, "f"), places=places)


def _prose(text: str) -> str:
    """Multi-line text: line endings made ``\\n`` and the ends stripped; the inside is kept as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _levels_text(levels) -> str:
    return "[" + ", ".join("-" if v is None else plain(v) for v in levels) + "]"
