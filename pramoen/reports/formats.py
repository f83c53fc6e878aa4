"""How numbers and dates are printed in a document, and the options a reader may choose.

Every figure of a report is turned into text here and nowhere else: scores and
weighted scores to 4 places, percentages to 2, half-up, always from the
unrounded value the core computed. Thai digits (the default, like the printed
RFES report) or Arabic digits; Buddhist-era years (default) or Common-era.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pramoen.scoring.fiscal import ce_to_be
from pramoen.scoring.numbers import PERCENT_PLACES, SCORE_PLACES, round_half_up, thai_digits

from .layout import RIGHT, Cell

FORMATS = ("pdf", "docx", "xlsx")
SCORE_FORMAT = "0.0000"  # workbook number formats of the figures printed to 4 and 2 places
PERCENT_FORMAT = "0.00"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)

# The status strip and chart colours, band 1 (ปรับปรุง) … band 5 (ดีมาก). The source
# report's colours are lost and the manual names none: this red → green ramp is the
# usual scorecard convention, chosen to stay distinct in greyscale print too.
DEFAULT_PALETTE = ("#c0392b", "#e67e22", "#f1c40f", "#7dbb42", "#1e8449")
BAND_LABELS = ("ปรับปรุง", "พอใช้", "ปกติ", "ดี", "ดีมาก")  # levels 1–5 (manual §3.5)

# The CGD form footer printed on the sample report's last page.
CGD_FOOTER = (
    "กองกำกับและพัฒนาระบบเงินนอกงบประมาณ กรมบัญชีกลาง กระทรวงการคลัง",
    "ถนนพระรามที่ 6 แขวงพญาไท เขตพญาไท กรุงเทพฯ 10400",
    "โทร. 0-2127-7000 | โทรสาร. 0-2127-7435",
)


def ink_on(fill: str) -> str:
    """Text colour readable on background ``fill`` ("#rrggbb"): white on dark bands, near-black otherwise."""
    red, green, blue = (int(fill.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#ffffff" if luminance < 140 else "#111111"


@dataclass(frozen=True)
class Options:
    thai_digits: bool = True
    buddhist_era: bool = True
    palette: tuple[str, ...] = DEFAULT_PALETTE
    consultant: str = ""  # named in the title block when given ("และที่ปรึกษา …")
    footer: tuple[str, ...] = field(default=CGD_FOOTER)

    def __post_init__(self) -> None:
        if len(self.palette) != 5:
            raise ValueError("a palette has five colours, one per level band")


class Formatter:
    """Text for every kind of figure, honouring the digit and era options."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def digits(self, text: str) -> str:
        return thai_digits(text) if self.options.thai_digits else text

    # Numbers -------------------------------------------------------------------------------------

    def score(self, value: Decimal) -> str:
        return self.digits(str(round_half_up(value, SCORE_PLACES)))

    def score_value(self, value: Decimal) -> Decimal:
        return round_half_up(value, SCORE_PLACES)

    def percent(self, value: Decimal) -> str:
        return self.digits(str(round_half_up(value, PERCENT_PLACES)))

    def percent_value(self, value: Decimal) -> Decimal:
        return round_half_up(value, PERCENT_PLACES)

    def score_cell(self, value: Decimal, **kwargs) -> Cell:
        """A score (or weighted score, total) as a table cell: printed to 4 places, stored as that number."""
        kwargs.setdefault("align", RIGHT)
        return Cell(self.score(value), value=self.score_value(value), number_format=SCORE_FORMAT, **kwargs)

    def percent_cell(self, value: Decimal, **kwargs) -> Cell:
        """A percentage as a table cell: printed to 2 places, stored as that number."""
        kwargs.setdefault("align", RIGHT)
        return Cell(self.percent(value), value=self.percent_value(value), number_format=PERCENT_FORMAT, **kwargs)

    def number(self, value: Decimal | None) -> str:
        """A number as entered (no trailing zeros), with thousands separators: 1,900 · 99.995245."""
        if value is None:
            return ""
        # As written ("6.90" stays 6.90: the places a result is given in are part of it).
        text = format(value, "f")
        whole, dot, fraction = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        whole = f"{int(whole.lstrip('-')):,}"
        return self.digits(f"{sign}{whole}{dot}{fraction}")

    def integer(self, value: int) -> str:
        return self.digits(str(value))

    # Dates ---------------------------------------------------------------------------------------

    def year(self, year_be: int) -> str:
        return self.digits(str(year_be if self.options.buddhist_era else year_be - 543))


    def calendar_year(self, day: date) -> int:
        return ce_to_be(day.year) if self.options.buddhist_era else day.year

    def full_date(self, day: date) -> str:
        """e.g. ๑ ตุลาคม ๒๕๖๖ (or 1 ตุลาคม 2023 with Common-era years)."""
        return self.digits(f"{day.day} {THAI_MONTHS[day.month - 1]} {self.calendar_year(day)}")

    def short_date(self, day: date) -> str:
        return self.digits(f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {self.calendar_year(day)}")

    def month(self, day: date) -> str:
        """The month a round ends, as the report heads its columns: ธ.ค.๖๖ (or ธ.ค.2023)."""
        year = self.calendar_year(day)
        shown = f"{year % 100:02d}" if self.options.buddhist_era else str(year)
        return self.digits(f"{THAI_MONTHS_SHORT[day.month - 1]}{shown}")

    # Colours -------------------------------------------------------------------------------------

    def band_colour(self, band: int) -> str:
        return self.options.palette[band - 1]
