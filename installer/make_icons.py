"""Draw the application icon: ``resources/icons/emulation-desktop.{svg,png,ico}`` and sized PNGs.

Run once after changing the design (``python -m installer.make_icons``); the results are committed, so
neither the app nor the build needs Pillow. The design is our own (a gold star over a ledger on a red
tile), deliberately not the Front's official emblem, which is not ours to reuse.
"""

from __future__ import annotations

import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
NAME = "emulation-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED, GOLD, PAPER, INK = "#C8102E", "#FFCD00", "#FFFFFF", "#8A0B20"
VIEW = 256  # the SVG's coordinate system; the PNGs scale it


def star_points(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star, the first point straight up."""
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


STAR = star_points(128, 100, 78, 31)
LEDGER = (48, 176, 208, 224)  # x0, y0, x1, y1
LINES = ((64, 192, 192, 192), (64, 208, 160, 208))


def svg() -> str:
    star = " ".join(f"{x:.1f},{y:.1f}" for x, y in STAR)
    x0, y0, x1, y1 = LEDGER
    lines = "".join(
        f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="{INK}" stroke-width="6" stroke-linecap="round"/>'
        for a, b, c, d in LINES
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{VIEW}" height="{VIEW}" viewBox="0 0 {VIEW} {VIEW}">'
        f'<rect x="8" y="8" width="240" height="240" rx="44" fill="{RED}"/>'
        f'<polygon points="{star}" fill="{GOLD}"/>'
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="8" fill="{PAPER}"/>'
        f"{lines}</svg>\n"
    )


def draw(size: int):  # type: ignore[no-untyped-def]
    """The icon at ``size`` pixels: drawn 4× larger and scaled down, for smooth edges."""
    from PIL import Image, ImageDraw

    big = size * 4
    k = big / VIEW
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8 * k, 8 * k, 248 * k, 248 * k), radius=44 * k, fill=RED)
    pen.polygon([(x * k, y * k) for x, y in STAR], fill=GOLD)
    x0, y0, x1, y1 = LEDGER
    pen.rounded_rectangle((x0 * k, y0 * k, x1 * k, y1 * k), radius=8 * k, fill=PAPER)
    if size >= 32:  # the ruled lines are mush below 32 px
        for a, b, c, d in LINES:
            pen.line((a * k, b * k, c * k, d * k), fill=INK, width=max(1, round(6 * k)))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / f"{NAME}.svg").write_text(svg(), encoding="utf-8")
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(ICONS / f"{NAME}-{size}.png", optimize=True)
    images[256].save(ICONS / f"{NAME}.png", optimize=True)
    images[256].save(ICONS / f"{NAME}.ico", sizes=[(s, s) for s in SIZES])
    print(f"wrote {len(SIZES) + 3} files to {ICONS}")


if __name__ == "__main__":
    main()
