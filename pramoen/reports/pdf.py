"""PDF: the layout as HTML and CSS, typeset by WeasyPrint.

WeasyPrint shapes text with Pango and HarfBuzz and breaks Thai lines with
libthai, so vowels and tone marks sit where they belong and lines break between
words; the text stays text (searchable, extractable). Tables repeat their header
rows on every page; the page footer carries the fund, the period and "หน้า x / y".
"""

from __future__ import annotations

from html import escape

from .chart import svg
from .fonts import FAMILY, font_face_css
from .formats import ink_on
from .layout import CENTER, Cell, Chart, Document, Heading, PageBreak, Paragraph, Table

CSS = """
@page {
  size: A4 %(orientation)s;
  margin: 18mm 15mm 20mm 18mm;
  @bottom-left { content: "%(running)s"; font-family: %(family)s; font-size: 9pt; color: #555; }
  @bottom-right { content: "%(page)s " counter(page, %(counter)s) " / " counter(pages, %(counter)s);
                  font-family: %(family)s; font-size: 9pt; color: #555; }
}
html { font-family: %(family)s; font-size: 13pt; line-height: 1.45; color: #111; }
body { margin: 0; }
p { margin: 0 0 4pt 0; text-align: left; }
p.center { text-align: center; }
p.right { text-align: right; }
p.bold { font-weight: bold; }
p.title { font-size: 17pt; }
p.indent { text-indent: 2.5em; }
p.note { font-size: 10pt; color: #333; }
p.bullet { padding-left: 1.5em; }
h1, h2, h3, h4 { font-weight: bold; margin: 10pt 0 4pt 0; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 15pt; }
h3 { font-size: 14pt; }
h4 { font-size: 13pt; }
table { border-collapse: collapse; table-layout: fixed; width: 100%%; margin: 4pt 0 8pt 0; font-size: 11pt; line-height: 1.3; }
table.small { font-size: 9pt; }
div.keep-together { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 0.6pt solid #444; padding: 2pt 3pt; vertical-align: top; }
th { background: #e9e9e9; font-weight: bold; text-align: center; vertical-align: middle; }
td.center { text-align: center; }
td.right { text-align: right; white-space: nowrap; }
td.bold { font-weight: bold; }
tr { page-break-inside: avoid; break-inside: avoid; }
caption { caption-side: bottom; text-align: left; font-size: 9.5pt; padding-top: 2pt; }
.chart-block { page-break-inside: avoid; break-inside: avoid; margin: 8pt 0; }
section.landscape .chart-block { display: inline-block; width: 49%%; vertical-align: top; }
.chart-block p { text-align: center; font-weight: bold; }
svg.chart { width: 100%%; height: auto; }
section.landscape { page: wide; }
@page wide { size: A4 landscape; }
section + section { break-before: page; page-break-before: always; }
.document-footer { margin-top: 16pt; border-top: 0.6pt solid #444; padding-top: 4pt; font-size: 10pt;
                   text-align: center; page-break-inside: avoid; }
"""


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def stylesheet(document: Document) -> str:
    return font_face_css() + CSS % {
        "orientation": "landscape" if document.landscape else "portrait",
        "running": _css_string(document.running_footer),
        "page": _css_string(document.page_label),
        "counter": "thai" if document.thai_digits else "decimal",
        "family": FAMILY,
    }


def _classes(*names: str) -> str:
    names = tuple(n for n in names if n)
    return f' class="{" ".join(names)}"' if names else ""


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _cell(cell: Cell, tag: str) -> str:
    attrs = ""
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    style = []
    if cell.fill:
        style.append(f"background:{cell.fill};color:{ink_on(cell.fill)}")
    if cell.indent:
        style.append(f"padding-left:{3 + 12 * cell.indent}pt")
    if style:
        attrs += f' style="{";".join(style)}"'
    align = "" if tag == "th" and cell.align == CENTER else cell.align if cell.align != "left" else ""
    return f"<{tag}{_classes(align, 'bold' if cell.bold and tag == 'td' else '')}{attrs}>{_text(cell.text)}</{tag}>"


def table_html(table: Table) -> str:
    total = sum(table.widths) or 1
    cols = "".join(f'<col style="width:{w * 100 / total:.2f}%">' for w in table.widths)
    head = "".join("<tr>" + "".join(_cell(c, "th") for c in row) + "</tr>" for row in table.header)
    body = "".join("<tr>" + "".join(_cell(c, "td") for c in row) + "</tr>" for row in table.rows)
    caption = f"<caption>{_text(table.caption)}</caption>" if table.caption else ""
    return (f'<table{_classes(table.font_size)} data-key="{escape(table.key)}">'
            f'{caption}<colgroup>{cols}</colgroup>'
            f"<thead>{head}</thead><tbody>{body}</tbody></table>")


def chart_html(chart: Chart) -> str:
    return f'<div class="chart-block"><p>{_text(chart.title)}</p>{svg(chart)}</div>'


def html(document: Document) -> str:
    parts = ['<section>']
    keeping = False  # inside a group that must not be split by a page (a table and the block after it)
    for block in document.blocks:
        if isinstance(block, Table) and block.keep_with_next and not keeping:
            parts.append('<div class="keep-together">')
            keeping = True
        elif keeping and not (isinstance(block, Table) and block.keep_with_next):
            keeping = False
            if isinstance(block, PageBreak):  # nothing to keep with: close the group before the page ends
                parts.append("</div>" + _block_html(block))
            else:
                parts.append(_block_html(block) + "</div>")
            continue
        parts.append(_block_html(block))
    if keeping:
        parts.append("</div>")
    if document.footer_lines:  # the CGD form footer closes the document, as on the printed form
        parts.append('<div class="document-footer">' + "<br>".join(escape(x) for x in document.footer_lines) + "</div>")
    return (f'<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>{escape(document.title)}</title>'
            f"</head><body>{''.join(parts)}</section></body></html>")


def _block_html(block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_text(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        classes = _classes(block.align if block.align != "left" else "", "bold" if block.bold else "", block.style)
        return f"<p{classes}>{_text(block.text)}</p>"
    if isinstance(block, Table):
        return table_html(block)
    if isinstance(block, Chart):
        return chart_html(block)
    if isinstance(block, PageBreak):
        return f'</section><section{_classes("landscape" if block.landscape else "")}>'
    raise TypeError(block)


def render(document: Document) -> bytes:
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheet = WeasyCSS(string=stylesheet(document), font_config=fonts)
    return HTML(string=html(document)).write_pdf(stylesheets=[sheet], font_config=fonts)
