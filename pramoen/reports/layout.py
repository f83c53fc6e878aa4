"""A report as format-neutral blocks: headings, paragraphs, tables, charts.

The builders (``round_report``, ``portfolio``) decide *what* a document says
and compute every figure once; the renderers (``pdf``, ``docx``, ``xlsx``) only
decide how a block looks in their format. So a table is laid out once and the
same cell text reaches the PDF, the Word file and the workbook, and a number
can never be rounded differently in two places.

No Django here: the ``report`` file command renders without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

LEFT, CENTER, RIGHT = "left", "center", "right"


@dataclass(frozen=True)
class Cell:
    text: str = ""
    # The number behind ``text`` (already rounded as shown), for workbooks: stored as a number.
    value: Decimal | None = None
    number_format: str = ""  # Excel number format of ``value``, e.g. "0.0000"
    bold: bool = False
    align: str = LEFT
    colspan: int = 1
    fill: str = ""  # background colour "#rrggbb" (the status strip)
    indent: int = 0  # nesting depth of a sub-KPI
    # Why the cell is there, for tests and the workbook's column types: "score", "weighted", "weight"…
    role: str = ""


def blank(**kwargs) -> Cell:
    return Cell("", **kwargs)


@dataclass
class Table:
    key: str  # stable identifier, e.g. "summary", "attachment", "kpi-1.1-results"
    sheet: str  # workbook sheet this table goes on (tables with the same sheet stack)
    header: list[list[Cell]]
    rows: list[list[Cell]]
    widths: list[float] = field(default_factory=list)  # relative column widths
    caption: str = ""
    font_size: str = ""  # "small" for wide tables
    kpi_code: str = ""  # the KPI a detail table belongs to
    keep_with_next: bool = False  # a page should not fall between this table and what follows

    @property
    def columns(self) -> int:
        first = self.header[0] if self.header else (self.rows[0] if self.rows else [])
        return sum(c.colspan for c in first)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 title of a part, 2 area, 3 KPI, 4 section in a KPI


@dataclass(frozen=True)
class Paragraph:
    text: str
    align: str = LEFT
    bold: bool = False
    style: str = ""  # "title", "note", "bullet", "indent"


@dataclass(frozen=True)
class Bar:
    label: str  # short, e.g. a KPI code: drawn inside the chart
    value: Decimal  # already rounded as printed elsewhere
    text: str  # the value as printed
    fill: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    bars: tuple[Bar, ...]
    axis_max: Decimal = Decimal(5)
    axis_labels: tuple[str, ...] = ()  # 0 … axis_max, as printed
    y_title: str = ""
    sheet: str = ""


@dataclass(frozen=True)
class PageBreak:
    """A new page; ``landscape``: the pages from here to the next break are turned (wide tables)."""

    landscape: bool = False


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass
class Document:
    title: str  # the file's title (metadata)
    blocks: list[Block]
    footer_lines: tuple[str, ...] = ()
    running_footer: str = ""  # left of the page number on every page
    page_label: str = "หน้า"  # "หน้า ๓ / ๑๒"
    thai_digits: bool = True
    landscape: bool = False

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def table(self, key: str) -> Table:
        for table in self.tables():
            if table.key == key:
                return table
        raise KeyError(key)

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]
