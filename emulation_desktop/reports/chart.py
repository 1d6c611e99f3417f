"""A bar chart of the main figures against last year (reportlab.graphics, fonts embedded).

A figure that is not known (a year with nothing recorded, a ratio over nothing) has no bar and is
labelled "–", never drawn as a zero."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.textlabels import NA_Label
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from emulation_desktop.indicators.compute import Report
from emulation_desktop.locale.formatting import format_number
from emulation_desktop.reports import fonts
from emulation_desktop.reports.figures import NONE
from emulation_desktop.reports.layout import nfc

PREVIOUS = colors.HexColor("#9bb7d4")
CURRENT = colors.HexColor("#1f4e79")
LABEL_SIZE = 9

AMOUNTS = (
    ("solidarity_houses", "Nhà\nđại đoàn kết"),
    ("other_support", "Hỗ trợ\nkhác"),
    ("fund_sea_islands", "Quỹ\nbiển, đảo"),
    ("fund_for_the_poor", "Quỹ Vì\nngười nghèo"),
)
RATES = (
    ("cremations", "Hỏa táng"),
    ("mediations", "Hòa giải\nthành"),
    ("recommendations", "Giải quyết\nkiến nghị"),
    ("petitions", "Giải quyết\nđơn thư"),
)


def _bars(
    x: float,
    y: float,
    width: float,
    height: float,
    categories: list[str],
    data: list[list[float | None]],
    value_format: str,
    title: str,
) -> list[object]:
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, width, height
    chart.data = data
    chart.barSpacing = 2
    chart.groupSpacing = 8
    chart.bars[0].fillColor = PREVIOUS
    chart.bars[1].fillColor = CURRENT
    chart.bars.strokeColor = None
    chart.categoryAxis.categoryNames = [nfc(c) for c in categories]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.labels.leading = LABEL_SIZE + 1
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.textAnchor = "middle"
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda v: format_number(round(v))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = LABEL_SIZE - 1.5
    chart.barLabels.nudge = 6
    chart.barLabelFormat = lambda v: format_number(v, digits=1 if value_format == "rate" else 0)
    chart.naLabel = NA_Label()
    chart.naLabel.text = NONE
    chart.naLabel.fontName = fonts.REGULAR
    chart.naLabel.fontSize = LABEL_SIZE - 1.5
    chart.naLabel.nudge = 6
    top = max((v for series in data for v in series if v is not None), default=0) or 1
    chart.valueAxis.valueMax = top * 1.18
    label = String(
        x + width / 2, y + height + 8, nfc(title), fontName=fonts.BOLD, fontSize=10, textAnchor="middle"
    )
    return [chart, label]


def comparison_chart(report: Report, width: float, *, current_known: bool = True) -> Drawing:
    """Two panels: amounts in triệu đồng, and rates in %, each last year against this year;
    ``current_known`` False (nothing recorded this year) leaves this year's bars out."""
    fonts.register_fonts()
    height = 78 * mm
    drawing = Drawing(width, height)
    # The renderer's initial state names a font; without this it is Helvetica, which is not embedded.
    drawing.initialFontName = fonts.REGULAR
    r = report.results

    def amount(code: str, previous: bool) -> float | None:
        figure = r[code].previous if previous else r[code].current
        if figure is None or not (previous or current_known):
            return None
        return (figure.amount_vnd or 0) / 1_000_000

    def rate(code: str, previous: bool) -> float | None:
        figure = r[code].previous if previous else r[code].current
        if figure is None or figure.rate is None or not (previous or current_known):
            return None  # 0/0 is no rate at all
        return figure.rate * 100

    panel = (width - 30) / 2
    bottom, chart_height = 44, height - 44 - 26
    panels = (
        (30, AMOUNTS, amount, "amount", "Giá trị hỗ trợ, vận động (triệu đồng)"),
        (panel + 60, RATES, rate, "rate", "Tỷ lệ đạt được (%)"),
    )
    for x, figures, value, kind, caption in panels:
        labels = [name for _, name in figures]
        values = [[value(c, True) for c, _ in figures], [value(c, False) for c, _ in figures]]
        for shape in _bars(x, bottom, panel - 30, chart_height, labels, values, kind, caption):
            drawing.add(shape)  # type: ignore[arg-type]

    legend = Legend()
    legend.x, legend.y = width / 2 - 60, 12  # y is the legend's top edge
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 80
    legend.fontName = fonts.REGULAR
    legend.fontSize = LABEL_SIZE
    legend.colorNamePairs = [(PREVIOUS, f"Năm {report.year - 1}"), (CURRENT, f"Năm {report.year}")]
    drawing.add(legend)
    return drawing
