"""What can be wrong with a scorecard, said in Thai or English.

A :class:`Problem` names where it is (a KPI or area code when there is one)
and what is wrong. The core reports every problem at once; callers choose the
language. Django views pass ``translation.get_language()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("th", "en")

# kind -> (Thai, English). Parameters are filled with str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_unreadable": ("อ่านไฟล์ไม่ได้: {reason}", "cannot read the file: {reason}"),
    "file_type": (
        "ไม่รู้จักชนิดไฟล์ “{suffix}” ใช้ .json, .yaml หรือ .yml",
        "unknown file type “{suffix}”: use .json, .yaml or .yml",
    ),
    "json_syntax": (
        "รูปแบบ JSON ผิดที่บรรทัด {line} ตำแหน่ง {column}: {reason}",
        "JSON syntax error at line {line}, column {column}: {reason}",
    ),
    "yaml_syntax": ("รูปแบบ YAML ผิด{place}: {reason}", "YAML syntax error{place}: {reason}"),
    "not_object": ("“{field}” ต้องเป็นชุดข้อมูลแบบ ชื่อ: ค่า", "“{field}” must be a mapping of names to values"),
    "not_list": ("“{field}” ต้องเป็นรายการ", "“{field}” must be a list"),
    "empty_list": ("“{field}” ต้องมีอย่างน้อย 1 รายการ", "“{field}” must have at least one item"),
    "missing_field": ("ไม่ได้ระบุ “{field}” ซึ่งต้องมี", "required field “{field}” is missing"),
    "unknown_field": ("ไม่รู้จักช่อง “{field}”{hint}", "unknown field “{field}”{hint}"),
    "duplicate_field": ("ระบุ “{field}” ซ้ำมากกว่า 1 ครั้ง", "field “{field}” is given more than once"),
    "not_text": ("“{field}” ต้องเป็นข้อความที่ไม่ว่าง", "“{field}” must be non-empty text"),
    "not_number": ("“{field}” ต้องเป็นตัวเลข แต่ได้ {value}", "“{field}” must be a number, got {value}"),
    "number_out_of_range": (
        "“{field}” มีขนาดเกินที่รองรับ (ไม่เกิน {digits} หลักหน้าจุดทศนิยมและ {places} ตำแหน่งหลังจุด) แต่ได้ {value}",
        "“{field}” is out of range (at most {digits} digits before the decimal point and {places} after), got {value}",
    ),
    "not_integer": ("“{field}” ต้องเป็นจำนวนเต็ม แต่ได้ {value}", "“{field}” must be a whole number, got {value}"),
    "not_positive": ("“{field}” ต้องมากกว่า 0 แต่ได้ {value}", "“{field}” must be greater than 0, got {value}"),
    "negative": ("“{field}” ต้องไม่ติดลบ แต่ได้ {value}", "“{field}” must not be negative, got {value}"),
    "fiscal_year_ce": (
        "ปีบัญชี {value} เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. ({be})",
        "fiscal year {value} is a CE year: use the Buddhist-era year ({be})",
    ),
    "fiscal_year_range": (
        "ปีบัญชีต้องเป็นปี พ.ศ. ระหว่าง {low} ถึง {high} แต่ได้ {value}",
        "fiscal year must be a Buddhist-era year from {low} to {high}, got {value}",
    ),
    "round_range": ("รอบการประเมินต้องเป็น 1 ถึง 4 แต่ได้ {value}", "round must be 1 to 4, got {value}"),
    "format_unknown": (
        "ไม่รองรับรูปแบบ “{value}” (รองรับ {supported})",
        "unsupported format “{value}” (supported: {supported})",
    ),
    "bad_code": (
        "รหัสต้องเป็นข้อความคำเดียว ไม่มีช่องว่างหรือขึ้นบรรทัดใหม่ แต่ได้ {value}",
        "a code must be one word with no spaces or line breaks, got {value}",
    ),
    "too_deep": (
        "ตัวชี้วัดย่อยซ้อนกันเกิน {depth} ชั้น",
        "KPIs are nested more than {depth} levels deep",
    ),
    "structure_too_deep": (
        "ไฟล์มีโครงสร้างซ้อนกันลึกเกินกว่าจะอ่านได้",
        "the file is nested too deeply to be read",
    ),
    "duplicate_code": ("รหัส {code} ซ้ำ (ใช้ซ้ำที่{other})", "code {code} is used more than once (also at {other})"),
    "kind_missing": (
        "ตัวชี้วัดต้องมีอย่างใดอย่างหนึ่ง: “levels” (ค่าเกณฑ์วัด 5 ระดับ), “kpis” (ตัวชี้วัดย่อย) หรือ “criteria” (ประเด็นพิจารณา)",
        "a KPI needs exactly one of “levels” (5 level values), “kpis” (child KPIs) or “criteria” (assessed criteria)",
    ),
    "kind_ambiguous": (
        "ตัวชี้วัดมีได้เพียงอย่างเดียวจาก “levels”, “kpis” และ “criteria” แต่มี {fields}",
        "a KPI may have only one of “levels”, “kpis” and “criteria”, but has {fields}",
    ),
    "field_not_for_kind": (
        "ตัวชี้วัดแบบ{kpi_kind}มีช่อง “{field}” ไม่ได้",
        "a {kpi_kind} KPI cannot have the field “{field}”",
    ),
    "levels_count": (
        "ค่าเกณฑ์วัดต้องมี 5 ค่า (ระดับ 1 ถึง 5) แต่มี {count} ค่า",
        "“levels” must have 5 values (levels 1 to 5), got {count}",
    ),
    "level_not_number": (
        "ค่าเกณฑ์วัดระดับ {level} ต้องเป็นตัวเลข หรือ null ถ้าไม่กำหนด แต่ได้ {value}",
        "level {level} must be a number, or null when not defined, got {value}",
    ),
    "level_endpoint_missing": (
        "ต้องกำหนดค่าเกณฑ์วัดระดับ {level} (ระดับ 1 และ 5 เว้นว่างไม่ได้)",
        "level {level} must be defined (levels 1 and 5 cannot be null)",
    ),
    "levels_not_monotonic": (
        "ค่าเกณฑ์วัด {levels} ต้องเพิ่มขึ้นทุกระดับ (ยิ่งสูงยิ่งดี) หรือลดลงทุกระดับ (ยิ่งต่ำยิ่งดี)",
        "level values {levels} must strictly increase (higher is better) or strictly decrease (lower is better)",
    ),
    "direction_mismatch": (
        "ระบุทิศทาง “{direction}” แต่ค่าเกณฑ์วัด {levels} เป็นแบบ “{actual}”",
        "direction is “{direction}” but the level values {levels} are “{actual}”",
    ),
    "direction_unknown": (
        "ทิศทางต้องเป็น “higher_is_better” หรือ “lower_is_better” แต่ได้ {value}",
        "direction must be “higher_is_better” or “lower_is_better”, got {value}",
    ),
    "criterion_level_range": (
        "ระดับต้องอยู่ระหว่าง 1 ถึง 5 แต่ได้ {value}",
        "the level must be from 1 to 5, got {value}",
    ),
    "area_weights_sum": (
        "น้ำหนักของทุกด้านรวมกันได้ {total} แต่ต้องเท่ากับ 100",
        "the area weights add up to {total}, but must add up to 100",
    ),
    "area_kpi_weights_sum": (
        "น้ำหนักของตัวชี้วัดในด้านนี้รวมกันได้ {total} แต่ต้องเท่ากับน้ำหนักของด้าน ({weight})",
        "the weights of this area's KPIs add up to {total}, but must equal the area weight ({weight})",
    ),
    "group_weights_sum": (
        "น้ำหนักของตัวชี้วัดย่อยรวมกันได้ {total} แต่ต้องเท่ากับน้ำหนักของตัวชี้วัด {code} ({weight})",
        "the weights of the child KPIs add up to {total}, but must equal the weight of KPI {code} ({weight})",
    ),
    "criteria_weights_sum": (
        "น้ำหนักของประเด็นพิจารณารวมกันได้ {total} แต่ต้องเท่ากับ 100",
        "the criteria weights add up to {total}, but must add up to 100",
    ),
    # Report fields (format v1 extension).
    "text_expected": ("“{field}” ต้องเป็นข้อความ แต่ได้ {value}", "“{field}” must be text, got {value}"),
    "not_boolean": ("“{field}” ต้องเป็น true หรือ false แต่ได้ {value}", "“{field}” must be true or false, got {value}"),
    "fiscal_year_start": (
        "เดือนเริ่มต้นปีบัญชีต้องเป็น 10 (1 ตุลาคม ถึง 30 กันยายน) หรือ 1 (1 มกราคม ถึง 31 ธันวาคม) แต่ได้ {value}",
        "the fiscal year must start in month 10 (1 October to 30 September) or 1 (1 January to 31 December),"
        " got {value}",
    ),
    "history_year_duplicate": (
        "ระบุผลการดำเนินงานของปี {year} ซ้ำมากกว่า 1 ครั้ง",
        "the result of {year} is given more than once in “history”",
    ),
    "level_texts_count": (
        "คำอธิบายระดับ (“level_texts”) ต้องมี 5 ข้อความ (ระดับ 1 ถึง 5) แต่มี {count} ข้อความ",
        "“level_texts” must have 5 texts (levels 1 to 5), got {count}",
    ),
    "zero_denominator": ("ตัวหาร “{field}” ต้องไม่เป็น 0", "the denominator “{field}” must not be 0"),
    "inputs_mismatch": (
        "ผลการดำเนินงาน {result} ไม่ตรงกับตัวตั้งและตัวหาร: {numerator} × 100 / {denominator} = {computed}"
        " (ปัดเป็นทศนิยม {places} ตำแหน่ง)",
        "the result {result} does not agree with its inputs: {numerator} × 100 / {denominator} = {computed}"
        " (rounded to {places} decimal places)",
    ),
}

KIND_NAMES = {
    "levelled": ("ค่าเกณฑ์วัด 5 ระดับ", "levelled"),
    "group": ("กลุ่ม (มีตัวชี้วัดย่อย)", "group"),
    "composite": ("ประเด็นพิจารณา", "composite"),
}


PART_LABELS = {
    "criterion": ("ประเด็นที่ {number}{name}: ", "criterion {number}{name}: "),
    "history": ("ผลการดำเนินงานที่ผ่านมา (“history”) รายการที่ {number}{name}: ", "“history” item {number}{name}: "),
    "narrative": ("คำอธิบายผลการดำเนินงาน (“narrative”): ", "“narrative”: "),
    "inputs": ("ตัวตั้งและตัวหาร (“inputs”): ", "“inputs”: "),
}


def _language_index(language: str | None) -> int:
    return 1 if (language or "th").lower().startswith("en") else 0


def one_line(text: str) -> str:
    """Line breaks and other control characters written as escapes, so a problem stays on one line."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii") for char in text
    )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scorecard.

    ``where`` is the KPI or area code ("6.1", "3"), or a path such as
    ``areas[2].kpis[0]`` when the item has no usable code, or a top-level field.
    """

    where: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    # Within the KPI named by ``where``: ("criterion", number, name) for a problem in one criterion,
    # ("history", number, None) in one past result, ("narrative" or "inputs", 0, None) in those objects.
    part: tuple[str, int, str | None] | None = None

    def message(self, language: str | None = "th") -> str:
        index = _language_index(language)
        prefix = ""
        if self.part is not None:
            label, number, name = self.part
            prefix = PART_LABELS[label][index].format(number=number, name=f" “{name}”" if name else "")
        return one_line(prefix + self._body(index))

    def _body(self, index: int) -> str:
        params = dict(self.params)
        if self.kind == "field_not_for_kind":
            params["kpi_kind"] = KIND_NAMES[params["kpi_kind"]][index]
        if self.kind == "unknown_field":
            hint = params.get("suggestion")
            params["hint"] = "" if not hint else (f" (หมายถึง “{hint}” หรือไม่)", f" (did you mean “{hint}”?)")[index]
        if self.kind == "yaml_syntax":
            line = params.get("line")
            params["place"] = "" if line is None else (f"ที่บรรทัด {line}", f" at line {line}")[index]
        return MESSAGES[self.kind][index].format(**params)

    def line(self, language: str | None = "th") -> str:
        """``where: message`` — how the CLI prints a problem, always one line."""
        return f"{one_line(self.where)}: {self.message(language)}"


class ScorecardInvalid(ValueError):
    """Raised with every problem found; nothing is scored."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.line("en") for p in self.problems))
