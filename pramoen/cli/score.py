"""``python -m pramoen score FILE [--json]``: score a scorecard file, no database needed.

Exit status 0 with the result on stdout; 2 with one line per problem on
stderr (each starting with the KPI or area code) and nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TextIO

from wcwidth import wcswidth

from pramoen import scoring
from pramoen.scoring.compute import CardScore, KpiScore
from pramoen.scoring.model import CompositeKpi, GroupKpi, LevelledKpi
from pramoen.scoring.numbers import percent_text, plain, score_text, thai_digits

NAME_WIDTH = 46

LABELS = {
    "th": {
        "fund": "ทุนหมุนเวียน",
        "period": "ปีบัญชี {year} รอบที่ {round}",
        "code": "รหัส",
        "kpi": "ตัวชี้วัด",
        "weight": "น้ำหนัก",
        "result": "ผลการดำเนินงาน",
        "score": "คะแนน",
        "weighted": "คะแนนถ่วงน้ำหนัก",
        "area": "ด้านที่ {code} {name}",
        "sum": "รวม",
        "no_result": "ไม่มีผล (n/a)",
        "level": "ระดับ {value}",
        "deduction": "หักคะแนน {value}",
        "weighted_sum": "ผลรวมคะแนนถ่วงน้ำหนัก",
        "penalty": "หักคะแนนส่งล่าช้า {days} วัน",
        "total": "คะแนนรวม",
        "percent": "คิดเป็นร้อยละ",
        "change": "เปลี่ยนแปลงจากรอบก่อน ({previous})",
        "change_value": "ร้อยละ {value}",
    },
    "en": {
        "fund": "Fund",
        "period": "Fiscal year {year} (B.E.), round {round}",
        "code": "Code",
        "kpi": "KPI",
        "weight": "Weight",
        "result": "Result",
        "score": "Score",
        "weighted": "Weighted",
        "area": "Area {code} {name}",
        "sum": "Sum",
        "no_result": "no result (n/a)",
        "level": "level {value}",
        "deduction": "deduction {value}",
        "weighted_sum": "Sum of weighted scores",
        "penalty": "Late-submission penalty, {days} days",
        "total": "Total",
        "percent": "Percent of maximum",
        "change": "Change from the previous round ({previous})",
        "change_value": "{value} %",
    },
}


def width(text: str) -> int:
    """Columns a string takes in a terminal (Thai vowels and tone marks take none)."""
    w = wcswidth(text)
    return len(text) if w < 0 else w


def fit(text: str, size: int) -> str:
    if width(text) <= size:
        return text
    out = ""
    for char in text:
        if width(out + char) > size - 1:
            break
        out += char
    return out + "…"


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


# Thai puts these units before the number ("ร้อยละ 6.90", "ระดับ 1.94"), the rest after ("970 ไร่").
PREFIX_UNITS = ("ร้อยละ", "ระดับ")


def with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{unit} {number}" if unit in PREFIX_UNITS else f"{number} {unit}"


def result_text(item: KpiScore, labels: dict[str, str]) -> str:
    kpi = item.kpi
    if isinstance(kpi, GroupKpi):
        return ""
    if isinstance(kpi, CompositeKpi):
        text = labels["level"].format(value=score_text(item.raw_score))
    elif isinstance(kpi, LevelledKpi) and kpi.result is None:
        text = labels["no_result"]
    else:
        text = with_unit(plain(kpi.result), kpi.unit)  # type: ignore[union-attr,arg-type]
    if kpi.deduction:
        text += f", {labels['deduction'].format(value=plain(kpi.deduction))}"
    return text


def _indented(kpis: tuple[KpiScore, ...], depth: int = 1):
    """Every KPI score, depth first, with how deep it sits under its area."""
    for item in kpis:
        yield item, depth
        yield from _indented(item.children, depth + 1)


def render_table(result: CardScore, language: str) -> str:
    labels = LABELS[language]
    card = result.card
    rows: list[tuple[str, str, str, str, str, str]] = []
    for area in result.areas:
        rows.append(
            ("", labels["area"].format(code=area.area.code, name=area.area.name), plain(area.area.weight), "",
             score_text(area.score), score_text(area.weighted))
        )
        for item, depth in _indented(area.kpis):
            rows.append(
                ("  " * depth + item.code, item.kpi.name, plain(item.kpi.weight), result_text(item, labels),
                 score_text(item.score), score_text(item.weighted))
            )
    header = (labels["code"], labels["kpi"], labels["weight"], labels["result"], labels["score"], labels["weighted"])
    rows = [(code, fit(name, NAME_WIDTH), *rest) for code, name, *rest in rows]  # type: ignore[misc]
    widths = [max(width(row[i]) for row in [header, *rows]) for i in range(6)]
    right = (False, False, True, False, True, True)

    def line(row) -> str:
        return "  ".join(pad(cell, widths[i], right[i]) for i, cell in enumerate(row)).rstrip()

    rule = "-" * width(line(header))
    out = [
        f"{labels['fund']}: {card.fund}",
        labels["period"].format(year=card.fiscal_year, round=card.round),
        "",
        line(header),
        rule,
        *(line(row) for row in rows),
        rule,
    ]
    summary = [(labels["weighted_sum"], score_text(result.weighted_sum))]
    if card.late_days or result.penalty:
        summary.append((labels["penalty"].format(days=card.late_days), "-" + score_text(result.penalty)))
    summary.append((labels["total"], score_text(result.total)))
    summary.append((labels["percent"], percent_text(result.percent)))
    if result.change_percent is not None:
        summary.append(
            (labels["change"].format(previous=plain(card.previous_total)),  # type: ignore[arg-type]
             labels["change_value"].format(value=percent_text(result.change_percent)))
        )
    label_width = max(width(label) for label, _ in summary)
    out += [f"{pad(label, label_width)}  {value}" for label, value in summary]
    return "\n".join(out) + "\n"


def default_language() -> str:
    language = os.environ.get("PRAMOEN_LANG", "th")[:2].lower()
    return language if language in LABELS else "th"


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m pramoen score",
        description="Score an RFES scorecard file (format pramoen-scorecard/1, JSON or YAML).",
    )
    parser.add_argument("file", metavar="FILE", help="scorecard file: .json, .yaml or .yml")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object")
    parser.add_argument(
        "--lang",
        choices=("th", "en"),
        default=default_language(),
        help="language of the table and of error messages (default: th, or $PRAMOEN_LANG)",
    )
    parser.add_argument("--thai-digits", action="store_true", help="print the table with Thai digits (๐–๙)")
    args = parser.parse_args(argv)
    try:
        card = scoring.load_path(args.file)
    except scoring.ScorecardInvalid as invalid:
        for problem in invalid.problems:
            print(problem.line(args.lang), file=stderr)
        return 2
    result = scoring.score_card(card)
    if args.json:
        stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
    else:
        table = render_table(result, args.lang)
        stdout.write(thai_digits(table) if args.thai_digits else table)
    return 0
