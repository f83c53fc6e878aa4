"""Bar charts of scores on the 0–5 scale: laid out once, drawn as SVG (PDF) or PNG (Word).

The geometry (bars, grid lines, labels and where they go) is computed by
:func:`layout`; :func:`svg` and :func:`png` only draw it, so the PDF's chart and
the Word file's chart are the same picture. The PNG is drawn with Pillow, whose
text layout (libraqm) shapes Thai correctly, in the Sarabun font the documents use.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .fonts import font_path
from .layout import Chart

WIDTH, HEIGHT = 800, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 34, 54
GRID = "#b8b8b8"
INK = "#222222"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    anchor: str  # "start", "middle", "end"
    bold: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: tuple[Rect | Text | Line, ...]


def layout(chart: Chart) -> Drawing:
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top_value = chart.axis_max
    shapes: list[Rect | Text | Line] = []

    def y_of(value: Decimal) -> float:
        clamped = max(Decimal(0), min(top_value, value))
        return TOP + plot_h - float(clamped / top_value) * plot_h

    steps = len(chart.axis_labels) - 1
    for i, label in enumerate(chart.axis_labels):
        y = y_of(top_value * i / steps) if steps else TOP + plot_h
        shapes.append(Line(LEFT, y, WIDTH - RIGHT, y, GRID if i else INK))
        shapes.append(Text(LEFT - 10, y + 6, label, 18, "end"))
    if chart.y_title:
        shapes.append(Text(LEFT - 10, TOP - 14, chart.y_title, 16, "end"))
    count = max(1, len(chart.bars))
    slot = plot_w / count
    bar_w = min(56.0, slot * 0.62)
    for i, bar in enumerate(chart.bars):
        x = LEFT + slot * i + (slot - bar_w) / 2
        y = y_of(bar.value)
        shapes.append(Rect(x, y, bar_w, TOP + plot_h - y, bar.fill))
        shapes.append(Text(x + bar_w / 2, y - 6, bar.text, 15 if count <= 10 else 12, "middle"))
        shapes.append(Text(x + bar_w / 2, TOP + plot_h + 24, bar.label, 17 if count <= 16 else 13, "middle", bold=True))
    shapes.append(Line(LEFT, TOP, LEFT, TOP + plot_h, INK))
    return Drawing(WIDTH, HEIGHT, tuple(shapes))


def svg(chart: Chart) -> str:
    """The chart as an inline SVG element; its text stays text (Sarabun, shaped by the PDF engine)."""
    drawing = layout(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'width="100%" role="img" aria-label="{escape(chart.title)}" class="chart">'
    ]
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            parts.append(f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" height="{shape.h:.1f}" '
                         f'fill="{shape.fill}" stroke="{INK}" stroke-width="0.6"/>')
        elif isinstance(shape, Line):
            parts.append(f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" y2="{shape.y2:.1f}" '
                         f'stroke="{shape.colour}" stroke-width="{shape.width}"/>')
        else:
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
                         f'text-anchor="{shape.anchor}" font-family="Sarabun" fill="{INK}"{weight}>'
                         f"{escape(shape.text)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def png(chart: Chart, width_px: int = 1600) -> bytes:
    """The chart as a PNG ``width_px`` wide (for Word, which shows no SVG everywhere)."""
    from PIL import Image, ImageDraw, ImageFont

    drawing = layout(chart)
    scale = width_px / drawing.width
    image = Image.new("RGB", (width_px, round(drawing.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont] = {}

    def font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
        key = (size, bold)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(font_path(bold=bold)), round(size * scale),
                                            layout_engine=ImageFont.Layout.RAQM)
        return fonts[key]

    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            box = [shape.x * scale, shape.y * scale, (shape.x + shape.w) * scale, (shape.y + shape.h) * scale]
            draw.rectangle(box, fill=shape.fill, outline=INK, width=max(1, round(0.6 * scale)))
        elif isinstance(shape, Line):
            draw.line([shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale],
                      fill=shape.colour, width=max(1, round(shape.width * scale)))
        else:
            draw.text((shape.x * scale, shape.y * scale), shape.text, fill=INK, font=font(shape.size, shape.bold),
                      anchor=anchors[shape.anchor])
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
