"""Excel workbook: the layout's tables as sheets whose figures are real numbers.

A reader opens the workbook to reuse the figures (sum, chart, paste into the
ministry's form), so every cell that carries a ``Cell.value`` is written as a
number with the Excel format the layout gives ("0.0000" for scores), never as
the Thai-digit text of the PDF; the value is the one already rounded as printed,
so the workbook cannot disagree with the PDF by a rounding.

Each ``Table.sheet`` becomes a sheet (tables of the same sheet stack, each under
its heading), each ``Chart`` a native bar chart over its data, and a first sheet
"รายงาน" carries the document's headings and paragraphs in order, with a link to
the sheet of every table and chart, so nothing of the document is lost. Fonts
are "Sarabun"; Excel falls back to a Thai font where it is not installed.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .formats import ink_on
from .layout import CENTER, LEFT, Block, Cell, Chart, Document, Heading, PageBreak, Paragraph, Table

FONT = "Sarabun"
SIZE = 12
SMALL = 10
HEADER_FILL = "D9D9D9"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

REPORT_SHEET = "รายงาน"
CHART_SHEET = "กราฟ"
REPORT_WIDTH = 110  # characters: column A of the report sheet
MAX_TITLE = 31  # Excel's limit on a sheet title
INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")
RESERVED_TITLES = {"history"}  # Excel keeps "History" for its change tracking

MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths in characters
WIDTH_SCALE = 1.2  # characters per unit of a table's relative widths (they add up to ~100)
NARROWEST = 10  # the narrowest column of a table gets at least this many characters
DEFAULT_WIDTH = 14
LANDSCAPE_COLUMNS = 8  # sheets wider than this print landscape

CHART_HEIGHT_CM = 9.0
CHART_ROW_PT = 15  # the smallest row height a chart is measured in: never fewer rows than it covers
HEADING_SIZES = {1: 16, 2: 14, 3: 13, 4: 12}


@dataclass
class Sheet:
    """A worksheet being written: where the next block goes and what is on it."""

    ws: Worksheet
    row: int = 1  # next free row
    tables: list[Table] = field(default_factory=list)

    def skip_gap(self) -> None:
        """One empty row between blocks stacked on a sheet."""
        if self.row > 1:
            self.row += 1


# Sheet titles -------------------------------------------------------------------------------------


def valid_title(name: str) -> str:
    """``name`` as Excel accepts it: no []:*?/\\, no apostrophe at either end, at most 31 characters."""
    title = INVALID_TITLE.sub("-", name).strip().strip("'").strip()
    return title[:MAX_TITLE] or "Sheet"


def unique_title(title: str, used: set[str]) -> str:
    """``title``, or "title (2)", "title (3)"… shortened to fit: Excel compares titles case-blind."""
    candidate, n = title, 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate = title[: MAX_TITLE - len(suffix)].rstrip() + suffix
        n += 1
    used.add(candidate.casefold())
    return candidate


# Cells ----------------------------------------------------------------------------------------


def font(bold: bool = False, size: int = SIZE, italic: bool = False, colour: str | None = None) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, color=colour)


def solid(colour: str) -> PatternFill:
    rgb = colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def put_text(target: XlCell, text: str) -> None:
    """Text as text: control characters (a paste from Word) dropped, a leading "=" not taken for a formula."""
    target.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    target.data_type = "s"


def default_format(value: Decimal, text: str) -> str:
    """A format showing ``value`` with the places it is given in: 6.90 → "#,##0.00", 940 → "#,##0"."""
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    number = "#,##0" + ("." + "0" * places if places else "")
    return number + '"*"' if text.rstrip().endswith("*") else number  # "*": a preliminary figure


# Excel's locale prefix for Thai with Thai digits (D07 = native digits, 041E = Thai): the cell
# stays a number, and Excel and LibreOffice show it in Thai digits like the rest of the report.
THAI_DIGITS_PREFIX = "[$-D07041E]"


def number_format(cell: Cell, thai_digits: bool = False) -> str:
    assert cell.value is not None
    fmt = cell.number_format or default_format(cell.value, cell.text)
    return THAI_DIGITS_PREFIX + fmt if thai_digits else fmt


def write_cell(ws: Worksheet, row: int, column: int, cell: Cell, header: bool = False,
               thai_digits: bool = False) -> None:
    target = ws.cell(row=row, column=column)
    if cell.value is not None:
        target.value = cell.value  # a Decimal: openpyxl writes it as a number
        target.number_format = number_format(cell, thai_digits)
    elif cell.text:
        put_text(target, cell.text)
    target.font = font(bold=cell.bold or header, colour=ink_on(cell.fill).lstrip("#").upper() if cell.fill else None)
    target.border = BORDER
    if cell.fill or header:
        target.fill = solid(cell.fill or HEADER_FILL)
    target.alignment = Alignment(
        horizontal=CENTER if header else cell.align,
        vertical="center" if header else "top",
        wrap_text=header or cell.value is None,
        indent=cell.indent if cell.align != CENTER else 0,
    )
    if cell.colspan > 1:
        ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + cell.colspan - 1)


def write_row(ws: Worksheet, row: int, cells: list[Cell], header: bool = False, thai_digits: bool = False) -> None:
    column = 1
    for cell in cells:
        write_cell(ws, row, column, cell, header, thai_digits)
        column += cell.colspan


def starts(cells: list[Cell]) -> dict[int, Cell]:
    """The cells of a row by the column they start in."""
    columns, column = {}, 1
    for cell in cells:
        columns[column] = cell
        column += cell.colspan
    return columns


def merge_header_columns(ws: Worksheet, top: int, header: list[list[Cell]]) -> None:
    """Join a header cell with the empty cells under it ("ตัวชี้วัด" over two header rows)."""
    grid = [starts(cells) for cells in header]
    for column, cell in grid[0].items():
        if cell.colspan != 1 or not cell.text:
            continue
        depth = 0
        while depth + 1 < len(grid) and _empty(grid[depth + 1].get(column)):
            depth += 1
        if depth:
            ws.merge_cells(start_row=top, start_column=column, end_row=top + depth, end_column=column)


def _empty(cell: Cell | None) -> bool:
    return cell is not None and cell.colspan == 1 and not cell.text and cell.value is None


def write_line(ws: Worksheet, row: int, text: str, **style) -> None:
    target = ws.cell(row=row, column=1)
    put_text(target, text)
    target.font = font(**style)


# The workbook ------------------------------------------------------------------------------------


class Writer:
    """Walks the document's blocks once, writing each where it belongs."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.book = Workbook()
        self.titles: dict[str, str] = {}  # the layout's sheet name → the worksheet's title
        self.used: set[str] = set(RESERVED_TITLES)
        self.sheets: dict[str, Sheet] = {}
        self.report = self.book.active
        self.report.title = unique_title(REPORT_SHEET, self.used)
        self.report_row = 1
        self.heading: Heading | None = None  # the last heading not yet printed above a table

    def render(self) -> bytes:
        for block in self.document.blocks:
            self.block(block)
        self.finish_report()
        for sheet in self.sheets.values():
            self.finish_sheet(sheet)
        self.book.properties.title = self.document.title
        self.book.properties.creator = "Pramoen"
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading = block
            self.report_line(block.text, bold=True, size=HEADING_SIZES.get(block.level, SIZE))
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, PageBreak):
            pass  # sheets have no pages of their own to break; each sheet prints from its own top

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheets:
            title = unique_title(valid_title(name), self.used)
            self.titles[name] = title
            self.sheets[name] = Sheet(self.book.create_sheet(title))
        return self.sheets[name]

    # The report sheet ---------------------------------------------------------------------------

    def report_line(self, text: str, align: str = LEFT, indent: int = 0, **style) -> XlCell:
        target = self.report.cell(row=self.report_row, column=1)
        put_text(target, text)
        target.font = font(**style)
        target.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True, indent=indent)
        self.report_row += 1
        return target

    def paragraph(self, paragraph: Paragraph) -> None:
        size = HEADING_SIZES[1] if paragraph.style == "title" else SMALL if paragraph.style == "note" else SIZE
        indent = 2 if paragraph.style in ("indent", "bullet") else 0
        self.report_line(paragraph.text, paragraph.align, indent, bold=paragraph.bold, size=size)

    def pointer(self, what: str, sheet_name: str, row: int) -> None:
        """A line on the report sheet linking to the place a table or chart was written."""
        title = self.titles[sheet_name]
        target = self.report_line(f"→ {what}: ชีต «{title}»", size=SMALL, italic=True, colour="1F4E79")
        location = f"{quote_sheetname(title)}!A{row}"
        target.hyperlink = Hyperlink(ref=target.coordinate, location=location, display=target.value)

    def finish_report(self) -> None:
        if self.document.footer_lines:
            self.report_row += 1
            for line in self.document.footer_lines:
                self.report_line(line, CENTER, size=SMALL)
        self.report.column_dimensions["A"].width = REPORT_WIDTH
        page_setup(self.report, landscape=False)

    # Tables -------------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        sheet = self.sheet(table.sheet)
        sheet.skip_gap()
        start = sheet.row
        self.table_heading(sheet)
        self.table_header(sheet, table)
        for cells in table.rows:
            write_row(sheet.ws, sheet.row, cells, thai_digits=self.document.thai_digits)
            sheet.row += 1
        if table.caption:
            write_line(sheet.ws, sheet.row, table.caption, size=SMALL, italic=True)
            sheet.row += 1
        sheet.tables.append(table)
        self.pointer("ตาราง", table.sheet, start)

    def table_heading(self, sheet: Sheet) -> None:
        """The last heading before a table, above it (once: the next table under it goes without)."""
        if self.heading is None:
            return
        write_line(sheet.ws, sheet.row, self.heading.text, bold=True, size=HEADING_SIZES.get(self.heading.level, SIZE))
        self.heading = None
        sheet.row += 1

    def table_header(self, sheet: Sheet, table: Table) -> None:
        top = sheet.row
        for cells in table.header:
            write_row(sheet.ws, sheet.row, cells, header=True)
            sheet.row += 1
        if len(table.header) > 1:
            merge_header_columns(sheet.ws, top, table.header)
        if not sheet.tables and table.header:  # the sheet's first table: its header stays in view and in print
            sheet.ws.freeze_panes = sheet.ws.cell(row=sheet.row, column=1).coordinate
            sheet.ws.print_title_rows = f"{top}:{sheet.row - 1}"

    # Charts -------------------------------------------------------------------------------------

    def chart(self, chart: Chart) -> None:
        name = chart.sheet or CHART_SHEET
        sheet = self.sheet(name)
        sheet.skip_gap()
        start = sheet.row
        write_line(sheet.ws, sheet.row, chart.title, bold=True, size=HEADING_SIZES[3])
        top = sheet.row + 1
        write_row(sheet.ws, top, [Cell("รหัส"), Cell(chart.y_title or "คะแนน")], header=True)
        for n, bar in enumerate(chart.bars, start=1):
            write_row(sheet.ws, top + n, [Cell(bar.label, align=CENTER), Cell(bar.text, value=bar.value, align=CENTER)],
                      thai_digits=self.document.thai_digits)
        sheet.row = top + len(chart.bars) + 2
        sheet.ws.add_chart(bar_chart(chart, sheet.ws, top), f"A{sheet.row}")
        sheet.row += math.ceil(CHART_HEIGHT_CM / 2.54 * 72 / CHART_ROW_PT) + 1
        self.pointer(f"กราฟ {chart.title}", name, start)

    # Columns and pages --------------------------------------------------------------------------

    def finish_sheet(self, sheet: Sheet) -> None:
        widths = column_widths(sheet.tables)
        for column, width in enumerate(widths, start=1):
            sheet.ws.column_dimensions[get_column_letter(column)].width = width
        page_setup(sheet.ws, landscape=len(widths) > LANDSCAPE_COLUMNS)
        sheet.ws.oddFooter.left.text = self.document.running_footer
        sheet.ws.oddFooter.right.text = f"{self.document.page_label} &P / &N"


def bar_chart(chart: Chart, ws: Worksheet, top: int) -> BarChart:
    """A column chart over the data written at rows ``top`` (header) … ``top + bars``, one colour a bar."""
    drawn = BarChart()
    drawn.type = "col"
    drawn.title = chart.title
    drawn.legend = None
    drawn.y_axis.title = chart.y_title or None
    drawn.y_axis.scaling.min = 0
    drawn.y_axis.scaling.max = float(chart.axis_max)
    drawn.y_axis.majorUnit = 1
    drawn.x_axis.delete = False  # openpyxl 3.1 hides axes unless told
    drawn.y_axis.delete = False
    last = top + len(chart.bars)
    drawn.add_data(Reference(ws, min_col=2, min_row=top, max_row=last), titles_from_data=True)
    drawn.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=last))
    series = drawn.series[0]
    for index, bar in enumerate(chart.bars):
        point = DataPoint(idx=index)
        point.graphicalProperties.solidFill = bar.fill.lstrip("#").upper()
        series.dPt.append(point)
    series.dLbls = DataLabelList(showVal=True)
    drawn.height = CHART_HEIGHT_CM
    drawn.width = min(28.0, max(16.0, 1.4 * len(chart.bars) + 4))
    return drawn


def column_widths(tables: list[Table]) -> list[float]:
    """Character widths from the widest table on a sheet (the others stack into its columns)."""
    if not tables:
        return [DEFAULT_WIDTH, DEFAULT_WIDTH]  # a chart sheet: label and value
    widest = max(tables, key=lambda t: t.columns)
    relative = widest.widths if len(widest.widths) == widest.columns else []
    if not relative:
        return [DEFAULT_WIDTH] * widest.columns
    scale = max(WIDTH_SCALE, NARROWEST / max(min(relative), 0.1))
    return [min(MAX_WIDTH, max(MIN_WIDTH, round(w * scale, 1))) for w in relative]


def page_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def render(document: Document) -> bytes:
    return Writer(document).render()
