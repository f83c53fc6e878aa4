"""The workbook: the layout's figures read back from Excel as numbers, in the layout's places."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pramoen import scoring
from pramoen.reports.formats import Options
from pramoen.reports.layout import Bar, Cell, Chart, Document, Heading, Paragraph, Table
from pramoen.reports.round_report import RoundScores, build
from pramoen.reports.xlsx import MAX_TITLE, RESERVED_TITLES, render, unique_title, valid_title
from pramoen.scoring.numbers import thai_digits

EXAMPLE = "examples/seed001-round2.json"


def seed_document(options: Options | None = None) -> Document:
    card = scoring.score_card(scoring.load_path(EXAMPLE))
    return build(RoundScores(card, {}), options)


def read(document: Document) -> Workbook:
    return load_workbook(io.BytesIO(render(document)))


@pytest.fixture(scope="module")
def document() -> Document:
    return seed_document()


@pytest.fixture(scope="module")
def book(document: Document) -> Workbook:
    return read(document)


def table_top(ws: Worksheet, table: Table) -> int:
    """The row of the table's first header row: found by its first header cell in column A."""
    first = table.header[0][0].text
    for (value,) in ws.iter_rows(min_col=1, max_col=1, values_only=False):
        if value.value == first:
            return value.row
    raise AssertionError(f"{table.key}: header {first!r} not found on {ws.title}")


def placed(ws: Worksheet, table: Table) -> list[tuple[Cell, str]]:
    """Every body cell of ``table`` with the coordinate it was written to."""
    row = table_top(ws, table) + len(table.header)
    pairs = []
    for offset, cells in enumerate(table.rows):
        column = 1
        for cell in cells:
            pairs.append((cell, f"{get_column_letter(column)}{row + offset}"))
            column += cell.colspan
    return pairs


def test_sheets_in_order(book: Workbook, document: Document) -> None:
    expected = ["รายงาน"]
    for block in document.blocks:
        name = getattr(block, "sheet", None)
        if name and name not in expected:
            expected.append(name)
    assert book.sheetnames == expected
    assert {"สรุป", "เอกสารแนบ ๑", "กราฟ"} <= set(book.sheetnames)
    assert book.properties.title == document.title


def test_summary_scores_are_numbers_with_four_places(book: Workbook, document: Document) -> None:
    ws = book["สรุป"]
    checked = 0
    for cell, coordinate in placed(ws, document.table("summary")):
        if cell.role not in ("score", "weighted", "area_score", "area_weighted", "total"):
            continue
        written = ws[coordinate]
        assert isinstance(written.value, (int, float)), (coordinate, written.value)
        assert written.number_format == "[$-D07041E]0.0000"  # Thai digits on screen, a number inside
        assert Decimal(str(written.value)) == cell.value
        checked += 1
    assert checked > 20


def test_total(book: Workbook, document: Document) -> None:
    total = [(c, at) for c, at in placed(book["สรุป"], document.table("summary")) if c.role == "total"]
    assert len(total) == 1
    assert book["สรุป"][total[0][1]].value == 2.0179


def test_every_kpi_code_appears(book: Workbook, document: Document) -> None:
    card = scoring.score_card(scoring.load_path(EXAMPLE))
    codes = [k.code for k in card.kpis()]
    summary = " ".join(str(v) for row in book["สรุป"].iter_rows(values_only=True) for v in row if v)
    for code in codes:
        assert thai_digits(code) in summary, code
        assert f"ตัวชี้วัด {code}" in book.sheetnames, code


def test_colspans_are_merged(book: Workbook, document: Document) -> None:
    attachment = document.table("attachment")
    ws = book["เอกสารแนบ ๑"]
    top = table_top(ws, attachment)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"D{top}:H{top}" in merged  # the levels heading over columns 1–5
    assert f"I{top}:L{top}" in merged  # the results heading
    assert f"A{top}:A{top + 1}" in merged  # a one-row header cell over the empty one under it
    summary = book["สรุป"]
    total_row = table_top(summary, document.table("summary")) + len(document.table("summary").rows)
    assert f"A{total_row}:C{total_row}" in {str(r) for r in summary.merged_cells.ranges}


def test_band_fills(book: Workbook, document: Document) -> None:
    ws = book["เอกสารแนบ ๑"]
    bands = [(c, at) for c, at in placed(ws, document.table("attachment")) if c.role == "band"]
    assert len(bands) > 10
    for cell, coordinate in bands:
        fill = ws[coordinate].fill
        assert fill.fill_type == "solid"
        assert fill.fgColor.rgb[-6:].lower() == cell.fill.lstrip("#").lower()


def test_header_style_freeze_and_print_titles(book: Workbook, document: Document) -> None:
    ws = book["เอกสารแนบ ๑"]
    attachment = document.table("attachment")
    top = table_top(ws, attachment)
    header = ws[f"A{top}"]
    assert header.font.bold and header.font.name == "Sarabun"
    assert header.alignment.horizontal == "center" and header.alignment.wrap_text
    assert header.fill.fgColor.rgb[-6:] == "D9D9D9"
    assert ws.freeze_panes == f"A{top + len(attachment.header)}"
    assert ws.print_title_rows == f"${top}:${top + len(attachment.header) - 1}"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert book["สรุป"].page_setup.orientation == "portrait"


def test_charts(book: Workbook, document: Document) -> None:
    ws = book["กราฟ"]
    charts = ws._charts
    assert len(charts) == 2
    for drawn, chart in zip(charts, document.charts(), strict=True):
        points = drawn.series[0].dPt
        assert len(points) == len(chart.bars)
        assert [p.graphicalProperties.solidFill.srgbClr for p in points] == [
            b.fill.lstrip("#").upper() for b in chart.bars
        ]
        assert drawn.y_axis.scaling.min == 0 and drawn.y_axis.scaling.max == float(chart.axis_max)
    first = charts[0].anchor._from.row + 1  # the row of the first chart's top (anchors count from 0)
    covered = 18  # a 9 cm chart spans 255 pt: at most 17 rows of 15 pt
    next_title = next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value == document.charts()[1].title)
    assert next_title > first + covered  # the second chart's data starts below the first chart
    assert charts[1].anchor._from.row + 1 > next_title + len(document.charts()[1].bars)  # and its chart below that
    values = [v for (v,) in ws.iter_rows(min_col=2, max_col=2, values_only=True) if isinstance(v, (int, float))]
    assert values == [float(b.value) for c in document.charts() for b in c.bars]


def test_report_sheet_keeps_the_text(book: Workbook, document: Document) -> None:
    lines = [v for (v,) in book["รายงาน"].iter_rows(min_col=1, max_col=1, values_only=True) if v]
    texts = [b.text for b in document.blocks if isinstance(b, (Heading, Paragraph))]
    assert [line for line in lines if line in texts] == texts
    assert all(line in lines for line in document.footer_lines)


def test_arabic_digits_are_numbers_too() -> None:
    document = seed_document(Options(thai_digits=False))
    book = read(document)
    assert "เอกสารแนบ 1" in book.sheetnames
    ws = book["สรุป"]
    scores = [(c, at) for c, at in placed(ws, document.table("summary")) if c.value is not None]
    assert scores
    for cell, coordinate in scores:
        assert isinstance(ws[coordinate].value, (int, float))
        assert Decimal(str(ws[coordinate].value)) == cell.value
        assert not ws[coordinate].number_format.startswith("[$-D07")  # Arabic digits on screen
    total = next(at for c, at in scores if c.role == "total")
    assert ws[total].value == 2.0179
    assert ws["D1"].value == "คะแนนที่ได้ (เต็ม 5 คะแนน)"


def test_sheet_titles_are_valid_and_unique() -> None:
    long = "ตัวชี้วัด [1/2]: *ยาว?* " + "ก" * 40
    assert valid_title(long) == valid_title(long)[:MAX_TITLE]
    assert not set("[]:*?/\\") & set(valid_title(long))
    used = set(RESERVED_TITLES)
    titles = [unique_title(valid_title(n), used) for n in (long, long, "Data", "data", "History")]
    assert all(len(t) <= MAX_TITLE for t in titles)
    assert len({t.casefold() for t in titles}) == len(titles)
    assert titles[1].endswith(" (2)") and titles[3] == "data (2)" and titles[4] == "History (2)"

    table = Table("t", long, [[Cell("a", bold=True)]], [[Cell("1", value=Decimal("1.50"))]])
    chart = Chart("c", "กราฟ", (Bar("x", Decimal("2.5"), "2.5", "#112233"),), sheet="")
    book = read(Document("t", [Heading("หัวข้อ"), table, table, chart]))
    assert book.sheetnames == ["รายงาน", titles[0], "กราฟ"]
    ws = book[titles[0]]
    assert ws["A1"].value == "หัวข้อ" and ws["A1"].font.bold  # the heading once, above the first table
    assert ws["A3"].value == 1.5 and ws["A3"].number_format == "[$-D07041E]#,##0.00"
    assert ws["A4"].value is None and ws["A5"].value == "a"  # one empty row between stacked tables


def test_text_stays_text() -> None:
    rows = [[Cell("=SUM(A1:A2)"), Cell("ผล\x0bรวม")]]
    book = read(Document("t", [Paragraph("=1+1"), Table("t", "s", [[Cell("a"), Cell("b")]], rows)]))
    assert book["รายงาน"]["A1"].value == "=1+1" and book["รายงาน"]["A1"].data_type == "s"
    assert book["s"]["A2"].value == "=SUM(A1:A2)" and book["s"]["A2"].data_type == "s"
    assert book["s"]["B2"].value == "ผลรวม"
