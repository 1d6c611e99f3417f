"""Real evidence files for the tests: a one-page PDF made by ReportLab and a photo made by Pillow, the
same bytes for the same arguments (so a test can compare them)."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas


def a_pdf(text: str = "Biên bản bàn giao nhà đại đoàn kết") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def a_photo(
    fmt: str = "PNG", colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()
