"""Word: the layout as a .docx that a fund's staff can go on editing.

The PDF is the record; the Word file is what people edit before they send it,
so everything here is Word's own structure rather than a picture of a page:
real heading styles, real tables (header rows marked to repeat on every page,
spans as merged cells, fills as cell shading, widths fitted to the page),
section breaks where the layout turns pages to landscape, and PAGE / NUMPAGES
fields in the footer.

Thai needs care in Word. A run is drawn in one of four font slots (ascii,
hAnsi, eastAsia, cs) and Thai letters use the *complex-script* slot, with its
own size (``szCs``) and bold (``bCs``); a file that only names the Latin font
shows Thai in whatever Word falls back to (Tahoma, Angsana). So Sarabun, the
font of the PDF, is named in all four slots, with both sizes and both bolds, in
the document defaults, in every style used and on every run, and Thai runs are
marked as complex script in Thai (``w:cs``, ``w:lang w:bidi="th-TH"``).

The chart is Pillow's PNG of :mod:`.chart` (the same geometry as the PDF's
SVG), followed by its values as a small table, so the figures are text too.
The CGD footer of the last page cannot be tied to the last page in Word, so it
closes the document as a centred block, as in the PDF.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from . import chart as charts
from .fonts import FAMILY
from .formats import ink_on
from .layout import CENTER, RIGHT, Block, Cell, Chart, Document, Heading, PageBreak, Paragraph, Table

A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
MARGIN = Cm(2.0)
MAX_CHART_WIDTH = A4_WIDTH - 2 * MARGIN  # a chart on a landscape page stays portrait-wide, so it fits the page

BODY, TABLE, SMALL, NOTE, FOOTER = 14, 12, 10, 12, 10  # points
STYLE_SIZES = {"title": 20, "note": NOTE}
HEADING_SIZES = {1: 18, 2: 16, 3: 15, 4: 14}
INDENT_STEP = Pt(12)  # left indent per nesting depth of a sub-KPI
FIRST_LINE = Pt(36)
BULLET = Pt(21)
CELL_MARGIN = "57"  # twips left and right of a cell's text (1 mm, about the PDF's padding; Word's is 1.9 mm)
HEADER_FILL = "#e9e9e9"  # header cells without a fill of their own, as in the PDF
FOOTER_COLOUR = RGBColor(0x55, 0x55, 0x55)
BLACK = RGBColor(0, 0, 0)
CHART_TABLE_SHARE = 0.4  # a chart's two-column value table is narrow, centred under the chart

TABLE_STYLE = "Table Grid"
CELL_STYLE, SMALL_CELL_STYLE, CAPTION_STYLE = "Table Text", "Table Text Small", "Table Caption"
ALIGN = {CENTER: WD_ALIGN_PARAGRAPH.CENTER, RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}
THAI = re.compile("[\u0e00-\u0e7f]")
# Schema order of the property elements this module adds (Word refuses a file whose order is wrong).
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
             "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
             "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
             "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
             "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
             "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
             "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
             "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
              "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
               "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
               "w:tblLayout", "w:tblCellMar", "w:tblLook")
TRPR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
              "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


# XML helpers ------------------------------------------------------------------------------------------


def _child(parent: etree._Element, tag: str, order: tuple[str, ...]) -> etree._Element:
    """``parent``'s ``tag`` child, added where the schema puts it if missing (Word rejects misordered XML)."""
    existing = parent.find(qn(tag))
    if existing is not None:
        return existing
    node = OxmlElement(tag)
    later = {qn(t) for t in order[order.index(tag) + 1:]}
    position = next((i for i, child in enumerate(parent) if child.tag in later), len(parent))
    parent.insert(position, node)
    return node


def _set(element: etree._Element, **attrs: str) -> None:
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)


def thai_font(rpr: etree._Element, size: float | None = None, bold: bool = False, thai: bool = True) -> None:
    """Sarabun in all four font slots, the size and bold for Latin *and* complex script, Thai as the bidi language."""
    fonts = _child(rpr, "w:rFonts", RPR_ORDER)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    _set(fonts, ascii=FAMILY, hAnsi=FAMILY, eastAsia=FAMILY, cs=FAMILY)
    if thai:
        _set(fonts, hint="cs")
    if bold:
        for tag in ("w:b", "w:bCs"):
            _child(rpr, tag, RPR_ORDER)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _set(_child(rpr, tag, RPR_ORDER), val=str(round(size * 2)))
    if thai:
        _child(rpr, "w:cs", RPR_ORDER)
    _set(_child(rpr, "w:lang", RPR_ORDER), bidi="th-TH")


def style_id(name: str) -> str:
    """The id python-docx gives a style it adds (its name without spaces)."""
    return name.replace(" ", "")


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


# Styles -----------------------------------------------------------------------------------------------


def _style(word: WordDocument, name: str, size: float, bold: bool = False) -> ParagraphStyle:
    styles = word.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)  # 1: paragraph
    rpr = style.element.get_or_add_rPr()
    for tag in ("w:i", "w:iCs"):  # the template's Heading 4 is italic
        for node in rpr.findall(qn(tag)):
            rpr.remove(node)
    thai_font(rpr, size, bold, thai=False)
    style.font.color.rgb = BLACK
    return style


def setup_styles(word: WordDocument) -> None:
    """Sarabun everywhere: document defaults, Normal, Heading 1–4 and the table and caption styles."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    thai_font(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY, thai=False)
    normal = _style(word, "Normal", BODY)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.2  # Sarabun's marks need room between lines (the PDF uses 1.45)
    for level, size in HEADING_SIZES.items():
        heading = _style(word, f"Heading {level}", size, bold=True)
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
        if level == 1:
            heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name, size in ((CELL_STYLE, TABLE), (SMALL_CELL_STYLE, SMALL), (CAPTION_STYLE, SMALL)):
        style = _style(word, name, size)
        style.base_style = normal
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.05
    word.styles[CAPTION_STYLE].paragraph_format.space_after = Pt(6)
    footer = _style(word, "Footer", FOOTER)
    for tabs in footer.element.findall(qn("w:pPr") + "/" + qn("w:tabs")):  # the template's stops are US Letter's
        tabs.getparent().remove(tabs)


# Pages ------------------------------------------------------------------------------------------------


def set_page(section: Section, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_HEIGHT, A4_WIDTH) if landscape else (A4_WIDTH, A4_HEIGHT)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    section.footer_distance = Cm(1.0)


def text_width(section: Section) -> Length:
    return Emu(section.page_width - section.left_margin - section.right_margin)


def add_run(paragraph: WordParagraph, text: str, size: float, bold: bool = False) -> Run:
    run = paragraph.add_run(text)  # "\n" becomes a line break
    thai_font(run._r.get_or_add_rPr(), size, bold, thai=bool(THAI.search(text)))  # noqa: SLF001
    return run


def field_char(paragraph: WordParagraph, kind: str, size: float) -> None:
    run = add_run(paragraph, "", size)._r  # noqa: SLF001
    node = OxmlElement("w:fldChar")
    _set(node, fldCharType=kind)
    run.append(node)


def add_field(paragraph: WordParagraph, instruction: str, size: float) -> None:
    """A field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separate, a first result
    ("1", which Word and LibreOffice replace with the page number when they lay out the page), end."""
    field_char(paragraph, "begin", size)
    node = OxmlElement("w:instrText")
    node.set(qn("xml:space"), "preserve")
    node.text = f" {instruction} "
    add_run(paragraph, "", size)._r.append(node)  # noqa: SLF001
    field_char(paragraph, "separate", size)
    add_run(paragraph, "1", size)
    field_char(paragraph, "end", size)


def write_footer(section: Section, document: Document) -> None:
    """The running footer left, "หน้า x / y" right (a right tab at the text width of this section)."""
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width(section), WD_TAB_ALIGNMENT.RIGHT)
    add_run(paragraph, f"{document.running_footer}\t{document.page_label} ", FOOTER)
    add_field(paragraph, "PAGE", FOOTER)
    add_run(paragraph, " / ", FOOTER)
    add_field(paragraph, "NUMPAGES", FOOTER)
    for run in paragraph.runs:
        run.font.color.rgb = FOOTER_COLOUR


# Tables -----------------------------------------------------------------------------------------------


def column_widths(table: Table, width: Length) -> list[int]:
    """The relative widths scaled to ``width`` (equal columns when the layout gives none)."""
    relative = table.widths if len(table.widths) == table.columns else [1.0] * table.columns
    total = sum(relative) or 1
    return [int(width * w / total) for w in relative]


def format_table(word_table: WordTable, widths: list[int]) -> None:
    """Grid style, centred, fixed column widths, narrow cell margins."""
    word_table.style = TABLE_STYLE
    word_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    word_table.autofit = False
    for column, width in zip(word_table.columns, widths):
        column.width = width
    margins = _child(word_table._tbl.tblPr, "w:tblCellMar", TBLPR_ORDER)  # noqa: SLF001
    for side in ("left", "right"):
        _set(_child(margins, f"w:{side}", ("w:top", "w:left", "w:bottom", "w:right")), w=CELL_MARGIN, type="dxa")


def mark_row(word_table: WordTable, header: bool) -> None:
    tr_pr = word_table.rows[-1]._tr.get_or_add_trPr()  # noqa: SLF001
    _child(tr_pr, "w:cantSplit", TRPR_ORDER)
    if header:
        _child(tr_pr, "w:tblHeader", TRPR_ORDER)


def add_row(word_table: WordTable, cells: list[Cell]) -> list[_Cell]:
    """A new row with one Word cell per layout cell, spans merged."""
    row = word_table.add_row()
    column = 0
    for cell in cells:
        span = min(cell.colspan, len(word_table.columns) - column)
        if span > 1:
            row.cells[column].merge(row.cells[column + span - 1])
        column += span
    return [_Cell(tc, word_table) for tc in row._tr.tc_lst][: len(cells)]  # noqa: SLF001


def shade(word_cell: _Cell, fill: str) -> None:
    _set(_child(word_cell._tc.get_or_add_tcPr(), "w:shd", TCPR_ORDER), val="clear", color="auto",  # noqa: SLF001
         fill=_hex(fill))


def fill_cell(word_cell: _Cell, cell: Cell, size: float, header: bool) -> None:
    paragraph = word_cell.paragraphs[0]
    paragraph.alignment = ALIGN.get(cell.align)
    if cell.indent:
        paragraph.paragraph_format.left_indent = INDENT_STEP * cell.indent
    if cell.text:
        run = add_run(paragraph, cell.text, size, cell.bold)
        if cell.fill:
            run.font.color.rgb = RGBColor.from_string(ink_on(cell.fill).lstrip("#").upper())
    fill = cell.fill or (HEADER_FILL if header else "")
    if fill:
        shade(word_cell, fill)
    if cell.value is not None and " " not in cell.text:
        # A number never breaks at its "." (Word and LibreOffice would split "๔.๓๘๐๐" in a narrow column).
        _child(word_cell._tc.get_or_add_tcPr(), "w:noWrap", TCPR_ORDER)  # noqa: SLF001
    if header:
        word_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


# The walker -------------------------------------------------------------------------------------------


@dataclass
class Writer:
    """Appends the blocks of one document to a Word document, in order."""

    word: WordDocument
    document: Document

    @property
    def section(self) -> Section:
        return self.word.sections[-1]

    @property
    def width(self) -> Length:
        return text_width(self.section)

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, PageBreak):
            self.page_break(block)

    def heading(self, heading: Heading) -> None:
        level = min(max(heading.level, 1), 4)
        paragraph = self.word.add_paragraph(style=f"Heading {level}")
        add_run(paragraph, heading.text, HEADING_SIZES[level], bold=True)

    def paragraph(self, block: Paragraph) -> None:
        paragraph = self.word.add_paragraph()
        paragraph.alignment = ALIGN.get(block.align)
        if block.style == "indent":
            paragraph.paragraph_format.first_line_indent = FIRST_LINE
        elif block.style == "bullet":
            paragraph.paragraph_format.left_indent = BULLET
        add_run(paragraph, block.text, STYLE_SIZES.get(block.style, BODY), block.bold)

    def table(self, table: Table, share: float = 1.0) -> None:
        """A Word table ``share`` of the text width wide, then its caption (or a small gap)."""
        size, style = (SMALL, SMALL_CELL_STYLE) if table.font_size == "small" else (TABLE, CELL_STYLE)
        widths = column_widths(table, Emu(int(self.width * share)))
        word_table = self.word.add_table(rows=0, cols=len(widths))
        format_table(word_table, widths)
        for header, cells in [(True, r) for r in table.header] + [(False, r) for r in table.rows]:
            self.row(word_table, cells, widths, size, style, header)
        if table.caption:
            add_run(self.word.add_paragraph(style=CAPTION_STYLE), table.caption, SMALL)
        else:
            self.spacer()

    def row(self, word_table: WordTable, cells: list[Cell], widths: list[int], size: float, style: str,
            header: bool) -> None:
        column = 0
        for word_cell, cell in zip(add_row(word_table, cells), cells):
            word_cell.width = Emu(sum(widths[column:column + cell.colspan]))
            word_cell.paragraphs[0]._p.style = style_id(style)  # noqa: SLF001 (by name is slow per cell)
            fill_cell(word_cell, cell, size, header)
            column += cell.colspan
        mark_row(word_table, header)

    def spacer(self) -> None:
        """A small empty paragraph after a table, so two tables in a row do not fuse into one."""
        self.word.add_paragraph(style=CAPTION_STYLE)

    def chart(self, chart: Chart) -> None:
        caption = self.word.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.paragraph_format.keep_with_next = True
        add_run(caption, chart.title, BODY, bold=True)
        picture = self.word.add_paragraph()
        picture.add_run().add_picture(io.BytesIO(charts.png(chart)), width=Emu(min(self.width, MAX_CHART_WIDTH)))
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        self.table(chart_values(chart), share=CHART_TABLE_SHARE)

    def page_break(self, block: PageBreak) -> None:
        """A new section on a new page; its own footer when the page turns (the tab stop moves)."""
        turned = bool(block.landscape or self.document.landscape)
        before = self.width
        set_page(self.word.add_section(WD_SECTION.NEW_PAGE), turned)
        if self.width != before:
            write_footer(self.section, self.document)

    def closing(self) -> None:
        """The CGD form footer, centred and small after a rule, where the PDF prints it (the last page)."""
        if not self.document.footer_lines:
            return
        paragraph = self.word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(16)
        paragraph.paragraph_format.keep_together = True
        borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr", PPR_ORDER)  # noqa: SLF001
        _set(_child(borders, "w:top", ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")),
             val="single", sz="4", space="4", color="444444")
        add_run(paragraph, "\n".join(self.document.footer_lines), FOOTER)


def chart_values(chart: Chart) -> Table:
    """The chart's values as text: one row per bar."""
    rows = [[Cell(bar.label, align=CENTER, bold=True), Cell(bar.text, align=CENTER, role="score")]
            for bar in chart.bars]
    return Table(f"{chart.key}-values", chart.sheet, [], rows, widths=[1, 1], font_size="small")


def render(document: Document) -> bytes:
    word = docx.Document()
    setup_styles(word)
    properties = word.core_properties
    properties.title = document.title
    properties.author = properties.last_modified_by = "Pramoen"
    properties.comments = ""
    properties.language = "th-TH"
    properties.created = properties.modified = datetime.now(timezone.utc).replace(microsecond=0)
    set_page(word.sections[0], document.landscape)
    write_footer(word.sections[0], document)
    writer = Writer(word, document)
    for block in document.blocks:
        writer.block(block)
    writer.closing()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
