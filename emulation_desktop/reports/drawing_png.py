"""A ReportLab drawing (the report's chart) as a PNG picture, drawn with Pillow.

ReportLab's own bitmap renderer needs ``rlPyCairo``, which needs pycairo and the cairo library (no
wheel for Linux: it is built from source). Pillow already comes with ReportLab, and the chart uses only
rectangles, lines, polygons and strings, so this small renderer walks the same drawing with ReportLab's
state tracking and paints it on a Pillow image: one chart, two outputs, no second copy of its design.
The picture is drawn at twice its size and scaled down, which smooths the edges.
"""

from __future__ import annotations

import io
import math
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.renderbase import Renderer, getStateDelta, renderScaledDrawing
from reportlab.graphics.shapes import Drawing

from emulation_desktop.reports import fonts

DPI = 200
OVERSAMPLE = 2


@cache
def _font(name: str, pixels: int) -> ImageFont.FreeTypeFont:
    faces = dict(zip(fonts.FACES, fonts.chosen().files, strict=True))
    return ImageFont.truetype(str(faces.get(name, faces[fonts.REGULAR])), pixels)


def _rgba(color: Any) -> tuple[int, int, int, int] | None:
    if color is None:
        return None
    alpha = getattr(color, "alpha", 1) or 1
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255), round(alpha * 255))


class _NoCanvas:
    """What ReportLab's Renderer.draw expects to save and restore state on: here the tracker holds it."""

    def saveState(self) -> None:
        return None

    def restoreState(self) -> None:
        return None


class _PillowRenderer(Renderer):  # type: ignore[misc]
    """Paints a drawing's shapes on a Pillow image; the geometry and the state come from ReportLab."""

    def __init__(self, image: Image.Image, scale: float, height: float) -> None:
        self.image = image
        self.paint = ImageDraw.Draw(image)
        self.scale = scale
        self.height = height  # of the drawing, in points: the image's y runs downwards

    # ReportLab's Renderer keeps the state on a tracker; shapes read it back while drawn.
    def drawNode(self, node: Any) -> None:
        self._tracker.push(getStateDelta(node))
        self.drawNodeDispatcher(node)
        self._tracker.pop()

    def initState(self, x: float, y: float) -> None:
        deltas = self._tracker._combined[-1]
        deltas["transform"] = deltas["ctm"] = (1, 0, 0, 1, x, y)
        self._tracker.push(deltas)

    def _state(self, key: str) -> Any:
        return self._tracker.getState()[key]

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._tracker.getCTM()
        return (a * x + c * y + e) * self.scale, (self.height - (b * x + d * y + f)) * self.scale

    def _stroke(self) -> tuple[tuple[int, int, int, int] | None, int]:
        color = _rgba(self._state("strokeColor"))
        width = self._state("strokeWidth") or 0
        return (color, max(1, round(width * self.scale))) if color and width else (None, 0)

    def _polygon(self, points: list[tuple[float, float]], closed: bool = True) -> None:
        fill = _rgba(self._state("fillColor")) if closed else None
        stroke, width = self._stroke()
        if fill is not None and len(points) > 2:
            self.paint.polygon(points, fill=fill)
        if stroke is not None:
            self.paint.line([*points, points[0]] if closed else points, fill=stroke, width=width)

    def drawRect(self, rect: Any) -> None:
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._polygon(
            [self._point(x, y), self._point(x + w, y), self._point(x + w, y + h), self._point(x, y + h)]
        )

    def drawLine(self, line: Any) -> None:
        stroke, width = self._stroke()
        if stroke is not None:
            ends = [self._point(line.x1, line.y1), self._point(line.x2, line.y2)]
            self.paint.line(ends, fill=stroke, width=width)

    def _pairs(self, flat: list[float]) -> list[tuple[float, float]]:
        return [self._point(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]

    def drawPolyLine(self, polyline: Any) -> None:
        self._polygon(self._pairs(polyline.points), closed=False)

    def drawPolygon(self, polygon: Any) -> None:
        self._polygon(self._pairs(polygon.points))

    def drawEllipse(self, ellipse: Any) -> None:
        steps = 48
        self._polygon(
            [
                self._point(
                    ellipse.cx + ellipse.rx * math.cos(2 * math.pi * i / steps),
                    ellipse.cy + ellipse.ry * math.sin(2 * math.pi * i / steps),
                )
                for i in range(steps)
            ]
        )

    def drawCircle(self, circle: Any) -> None:
        circle.rx = circle.ry = circle.r
        self.drawEllipse(circle)

    def drawString(self, string: Any) -> None:
        fill = _rgba(self._state("fillColor"))
        if fill is None or not string.text:
            return
        a, b, c, d, _e, _f = self._tracker.getCTM()
        size = self._state("fontSize") * math.sqrt(abs(a * d - b * c)) * self.scale
        anchor = {"middle": "ms", "end": "rs"}.get(self._state("textAnchor"), "ls")
        font = _font(self._state("fontName"), max(1, round(size)))
        self.paint.text(self._point(string.x, string.y), string.text, font=font, fill=fill, anchor=anchor)


def drawing_png(drawing: Drawing, dpi: int = DPI) -> bytes:
    """The drawing as PNG bytes at ``dpi``, on white."""
    drawing = renderScaledDrawing(drawing)
    scale = dpi / 72 * OVERSAMPLE
    size = (math.ceil(drawing.width * scale), math.ceil(drawing.height * scale))
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    _PillowRenderer(image, scale, drawing.height).draw(drawing, _NoCanvas(), showBoundary=False)
    final = image.convert("RGB").resize(
        (math.ceil(size[0] / OVERSAMPLE), math.ceil(size[1] / OVERSAMPLE)), Image.Resampling.LANCZOS
    )
    out = io.BytesIO()
    final.save(out, format="PNG", optimize=True, dpi=(dpi, dpi))
    return out.getvalue()
