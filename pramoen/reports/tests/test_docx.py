"""The Word file: the layout read back from the .docx with python-docx, cell for cell and font for font."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table as WordTable
from docx.table import _Row

from pramoen import scoring
from pramoen.reports import docx as word_docx
from pramoen.reports.formats import Options
from pramoen.reports.layout import CENTER, Bar, Cell, Chart, Document, Heading, PageBreak, Paragraph, Table
from pramoen.reports.round_report import RoundScores, build
from pramoen.scoring.numbers import thai_digits

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "seed001-round2.json"
TWIP = 635  # EMU
THAI = tuple(chr(c) for c in range(0x0E00, 0x0E80))


def seed_document(options: Options | None = None) -> Document:
    return build(RoundScores(scoring.score_card(scoring.load_path(EXAMPLE)), {}), options)


def read(document: Document) -> WordDocument:
    return docx.Document(io.BytesIO(word_docx.render(document)))


@pytest.fixture(scope="module")
def document() -> Document:
    return seed_document()


@pytest.fixture(scope="module")
def word(document: Document) -> WordDocument:
    return read(document)


def row_texts(row: _Row) -> list[str]:
    """The texts of a row, a merged range once (python-docx repeats it for every grid column it spans)."""
    texts, previous = [], None
    for cell in row.cells:
        if cell._tc is not previous:  # noqa: SLF001
            texts.append(cell.text)
        previous = cell._tc  # noqa: SLF001
    return texts


def paired_tables(document: Document, word: WordDocument) -> list[tuple[Table, WordTable]]:
    """Each layout table with the Word table it became (a chart's value table sits between them)."""
    tables = iter(word.tables)
    pairs = []
    for block in document.blocks:
        if isinstance(block, Table):
            pairs.append((block, next(tables)))
        elif isinstance(block, Chart):
            next(tables)
    assert next(tables, None) is None, "more Word tables than tables and charts"
    return pairs


def word_table(document: Document, word: WordDocument, key: str) -> WordTable:
    return next(w for table, w in paired_tables(document, word) if table.key == key)


def all_text(word: WordDocument) -> str:
    return "\n".join(t.text for t in word.element.body.iter(qn("w:t")) if t.text)


def is_header(row: _Row) -> bool:
    tr_pr = row._tr.trPr  # noqa: SLF001
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def fill_of(cell) -> str:
    shd = cell._tc.tcPr.find(qn("w:shd"))  # noqa: SLF001
    return "" if shd is None else "#" + shd.get(qn("w:fill")).lower()


# The seed-001 round report -----------------------------------------------------------------------------


def test_every_layout_table_becomes_a_word_table_with_the_same_cells(document: Document, word: WordDocument) -> None:
    pairs = paired_tables(document, word)
    assert len(pairs) == len(document.tables())
    for table, word_table in pairs:
        expected = [[c.text for c in row] for row in table.header + table.rows]
        assert [row_texts(r) for r in word_table.rows] == expected, table.key
        assert len(word_table.columns) == table.columns, table.key


def test_header_rows_repeat_on_every_page(document: Document, word: WordDocument) -> None:
    for table, word_table in paired_tables(document, word):
        flags = [is_header(r) for r in word_table.rows]
        assert flags == [True] * len(table.header) + [False] * len(table.rows), table.key


def test_merged_cells_span_their_columns(document: Document, word: WordDocument) -> None:
    attachment = word_table(document, word, "attachment")
    first = attachment.rows[0]
    spans = [tc.grid_span for tc in first._tr.tc_lst]  # noqa: SLF001
    assert spans == [c.colspan for c in document.table("attachment").header[0]] == [1, 1, 1, 5, 4]


def test_column_widths_fit_the_page(document: Document, word: WordDocument) -> None:
    body = word.sections[0]
    text_width = body.page_width - body.left_margin - body.right_margin
    summary = word_table(document, word, "summary")
    widths = [c.width for c in summary.columns]
    assert text_width - len(widths) * TWIP <= sum(widths) <= text_width  # each width rounds down to a twip
    assert widths[0] > 5 * widths[1]  # 52 : 9


def test_thai_runs_use_sarabun_for_complex_script(word: WordDocument) -> None:
    parts = [word.element.body] + [s.footer._element for s in word.sections]  # noqa: SLF001
    thai_runs = [r for part in parts for r in part.iter(qn("w:r"))
                 if any(ch in THAI for t in r.iter(qn("w:t")) for ch in (t.text or ""))]
    assert len(thai_runs) > 500
    for run in thai_runs:
        fonts = run.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Sarabun"}
        assert run.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
        assert run.rPr.find(qn("w:szCs")) is not None
        assert run.rPr.find(qn("w:cs")) is not None


def test_defaults_and_headings_are_sarabun(word: WordDocument) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:cs")) == "Sarabun"
    assert defaults.find(qn("w:rFonts")).get(qn("w:csTheme")) is None
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        fonts = word.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == fonts.get(qn("w:ascii")) == "Sarabun", name
        assert fonts.get(qn("w:cstheme")) is None, name


def test_headings_are_word_headings(document: Document, word: WordDocument) -> None:
    expected = [(f"Heading {b.level}", b.text) for b in document.blocks if isinstance(b, Heading)]
    actual = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert actual == expected


def test_every_kpi_code_and_summary_score_appears(document: Document, word: WordDocument) -> None:
    text = all_text(word)
    card = scoring.score_card(scoring.load_path(EXAMPLE))
    for kpi in card.kpis():
        assert thai_digits(kpi.code) in text, kpi.code
    summary = document.table("summary")
    word_summary = word_table(document, word, "summary")
    word_cells = {text for row in word_summary.rows for text in row_texts(row)}
    figures = [c.text for row in summary.rows for c in row if c.role.endswith(("score", "weighted", "total"))]
    assert len(figures) > 20
    for figure in figures:
        assert figure in word_cells


def test_a_picture_per_chart_and_its_values_as_text(document: Document, word: WordDocument) -> None:
    assert len(word.inline_shapes) == len(document.charts()) == 2
    text = all_text(word)
    for chart in document.charts():
        assert chart.title in text
        for bar in chart.bars:
            assert bar.text in text


def test_band_cells_are_shaded_in_their_fill(document: Document, word: WordDocument) -> None:
    checked = 0
    for key in ("attachment", "legend"):
        table = document.table(key)
        for layout_row, word_row in zip(table.header + table.rows, word_table(document, word, key).rows):
            cells = {id(c._tc): c for c in word_row.cells}.values()  # noqa: SLF001
            for cell, word_cell in zip(layout_row, cells):
                if cell.fill:
                    assert fill_of(word_cell) == cell.fill.lower(), (key, cell.text)
                    checked += 1
    assert checked >= 20


def test_pages_are_a4_with_the_attachment_turned(document: Document, word: WordDocument) -> None:
    orientations = [s.orientation for s in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    for section in word.sections:
        size = sorted((section.page_width, section.page_height))
        assert size == pytest.approx([Cm(21.0), Cm(29.7)], abs=Cm(0.01))  # stored in twentieths of a point
        assert section.left_margin == section.right_margin == pytest.approx(Cm(2), abs=Cm(0.01))
    assert word.core_properties.title == document.title


def test_footer_has_running_text_and_page_fields(document: Document, word: WordDocument) -> None:
    for section in word.sections:
        footer = section.footer._element  # noqa: SLF001
        assert section.footer.paragraphs[0].text.startswith(f"{document.running_footer}\t{document.page_label} ")
        fields = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
        assert fields == ["PAGE", "NUMPAGES"]


def test_cgd_footer_closes_the_document(document: Document, word: WordDocument) -> None:
    last = [p for p in word.paragraphs if p.text][-1]
    assert last.text == "\n".join(document.footer_lines)
    assert last.alignment == 1  # centred


def test_arabic_digits() -> None:
    text = all_text(read(seed_document(Options(thai_digits=False))))
    assert "2.0179" in text
    assert "๒.๐๑๗๙" not in text


# The walker on a small hand-made document -------------------------------------------------------------


def test_generic_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_docx.charts, "png", lambda chart, width_px=1600: PNG)
    table = Table("t", "s", [[Cell("หัว", bold=True, colspan=2, align=CENTER)]],
                  [[Cell("ย่อย", indent=2), Cell("๑.๒๓๔๕", fill="#1E8449", align="right")]],
                  widths=[3, 1], caption="หมายเหตุ", font_size="small")
    chart = Chart("c", "กราฟ", (Bar("1.1", Decimal("2.5"), "2.5000", "#c0392b"),), sheet="s")
    document = Document("ชื่อ", [Heading("หัวข้อ", 2), Paragraph("ย่อหน้า", style="indent"), table,
                                 PageBreak(), chart, Paragraph("จบ", bold=True)],
                        footer_lines=("บรรทัด ๑", "บรรทัด ๒"), landscape=True)
    word = read(document)
    assert [s.orientation for s in word.sections] == [WD_ORIENT.LANDSCAPE] * 2
    texts = [p.text for p in word.paragraphs if p.text]
    assert texts == ["หัวข้อ", "ย่อหน้า", "หมายเหตุ", "กราฟ", "จบ", "บรรทัด ๑\nบรรทัด ๒"]
    assert word.paragraphs[1].paragraph_format.first_line_indent > 0
    first, values = word.tables
    assert [row_texts(r) for r in first.rows] == [["หัว"], ["ย่อย", "๑.๒๓๔๕"]]
    assert first.rows[1].cells[0].paragraphs[0].paragraph_format.left_indent == 2 * word_docx.INDENT_STEP
    assert fill_of(first.rows[1].cells[1]) == "#1e8449"
    assert first.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == word_docx.SMALL
    assert [row_texts(r) for r in values.rows] == [["1.1", "2.5000"]]
    assert len(word.inline_shapes) == 1


# A 1×1 white PNG: the chart module is tested on its own.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fe"
    "a7d6a4180000000049454e44ae426082"
)


def test_numbers_do_not_break_at_their_point(word: WordDocument) -> None:
    summary = word.tables[0]
    row = next(r for r in summary.rows if r.cells[0].text.startswith("ตัวชี้วัดที่ ๑.๑ "))
    for cell in (row.cells[3], row.cells[4]):  # score, weighted score
        assert cell._tc.tcPr.find(qn("w:noWrap")) is not None  # noqa: SLF001
    assert row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is None  # noqa: SLF001  (names wrap)
