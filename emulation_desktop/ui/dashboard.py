"""Tổng quan: the unit-year's key figures beside last year's, and each pledge target's progress.

Every number comes from ``indicators.compute`` (the same figures the reports print), read through
``unit_years.overview``. Charts are drawn
with QPainter: QtCharts is not part of PySide6-Essentials.
"""

from __future__ import annotations

from emulation_desktop.domain.indicators import INDICATORS, IndicatorDef
from emulation_desktop.indicators.compute import Figure, Result
from emulation_desktop.locale.i18n import _
from emulation_desktop.operations.unit_years import Progress, overview
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QColor,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPainter,
    QProgressBar,
    QRect,
    QScrollArea,
    QSize,
    QVBoxLayout,
    QWidget,
    qconnect,
)

CURRENT_COLOUR = QColor("#1f5fa8")
PREVIOUS_COLOUR = QColor("#b8c2cc")
COLUMNS = 4
TEXT_SELECTABLE_BY_MOUSE = 1  # Qt::TextSelectableByMouse


def value_text(measure: str, figure: Figure | None) -> str:
    if figure is None:
        return "–"
    if measure == "amount":
        return _("{amount} đ").format(amount=fmt.money(figure.amount_vnd or 0))
    if measure == "count_amount":
        return _("{count} · {amount} đ").format(
            count=fmt.number(figure.value or 0), amount=fmt.money(figure.amount_vnd or 0)
        )
    if measure == "ratio":
        return f"{fmt.number(figure.value or 0)}/{fmt.number(figure.total or 0)} ({fmt.ratio(figure.rate)})"
    return fmt.number(figure.value or 0)


def magnitude(measure: str, figure: Figure | None) -> float:
    """The number a bar shows: the rate for ratios, the amount for money, else the count."""
    if figure is None:
        return 0.0
    if measure == "ratio":
        return figure.rate or 0.0
    if measure in ("amount", "count_amount") and figure.amount_vnd is not None:
        return float(figure.amount_vnd)
    return float(figure.value or 0)


def change_text(measure: str, result: Result) -> str:
    if result.previous is None:
        return _("No figures for last year")
    if measure == "ratio":
        points = result.rate_change_points()
        if points is None:
            return _("Last year: {value}").format(value=value_text(measure, result.previous))
        sign = "+" if points >= 0 else "−"
        change = _("{sign}{points} points").format(sign=sign, points=f"{abs(points):.1f}".replace(".", ","))
    else:
        before, now = magnitude(measure, result.previous), magnitude(measure, result.current)
        if not before:
            change = ""
        else:
            pct = (now - before) / before
            change = ("+" if pct >= 0 else "−") + fmt.ratio(abs(pct))
    text = _("Last year: {value}").format(value=value_text(measure, result.previous))
    return f"{text} ({change})" if change else text


class CompareBars(QWidget):
    """Two thin bars: this year over last year, scaled to the larger of the two."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = self.previous = 0.0
        self.setMinimumHeight(16)

    def set_values(self, current: float, previous: float) -> None:
        self.current, self.previous = current, previous
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 16)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        top = max(self.current, self.previous) or 1.0
        width, bar = self.width(), (self.height() - 2) // 2
        painter.fillRect(QRect(0, 0, int(width * self.current / top), bar), CURRENT_COLOUR)
        painter.fillRect(QRect(0, bar + 2, int(width * self.previous / top), bar), PREVIOUS_COLOUR)
        painter.end()


class FigureCard(QFrame):
    def __init__(self, definition: IndicatorDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definition = definition
        self.setObjectName(f"card_{definition.code}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("FigureCard { background: white; border: 1px solid #d5dbe1; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.title = QLabel(_(definition.label))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("color: #44505c;")
        self.value = QLabel()
        self.value.setObjectName("value")
        self.value.setStyleSheet("font-size: 13pt; font-weight: bold; color: #1f3b5a;")
        # Qt::TextSelectableByMouse, set through the property: the Qt namespace costs ~40 ms to load,
        # and the Overview opens before it is needed (ui/qt.py).
        self.value.setProperty("textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.bars = CompareBars()
        self.change = QLabel()
        self.change.setStyleSheet("color: #5a6570;")
        self.change.setWordWrap(True)
        for widget in (self.title, self.value, self.bars, self.change):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_result(self, result: Result) -> None:
        measure = self.definition.measure
        self.value.setText(value_text(measure, result.current))
        self.bars.set_values(magnitude(measure, result.current), magnitude(measure, result.previous))
        self.change.setText(change_text(measure, result))


def progress_text(item: Progress) -> str:
    if item.unit == "percent":
        done, goal = fmt.percent_tenths(item.achieved) + "%", fmt.percent_tenths(item.target) + "%"
    elif item.unit == "amount":
        done, goal = fmt.money(item.achieved) + " đ", fmt.money(item.target) + " đ"
    else:
        done, goal = fmt.number(item.achieved), fmt.number(item.target)
    return _("{done} of {goal} ({ratio})").format(done=done, goal=goal, ratio=fmt.ratio(item.ratio))


class Dashboard(QScrollArea):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dashboard")
        self.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setStyleSheet("font-size: 12pt; font-weight: bold;")
        legend = QLabel(_("Blue bar: this year; grey bar: last year."))
        legend.setStyleSheet("color: #5a6570;")
        layout.addWidget(self.heading)
        layout.addWidget(legend)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.cards: dict[str, FigureCard] = {}
        for number, definition in enumerate(INDICATORS):
            card = FigureCard(definition)
            self.cards[definition.code] = card
            grid.addWidget(card, number // COLUMNS, number % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        self.pledges = QGroupBox(_("Pledge targets: achieved against target"))
        self.pledges.setObjectName("pledge_progress")
        self.pledge_layout = QGridLayout(self.pledges)
        self.pledge_layout.setColumnStretch(1, 1)
        layout.addWidget(self.pledges)
        layout.addStretch(1)
        self.setWidget(body)
        self._stale = True
        qconnect(ctx.context_changed, self.mark_stale)
        qconnect(ctx.records_changed, lambda _kind: self.mark_stale())

    def mark_stale(self) -> None:
        """Recompute now if shown, otherwise when the clerk next opens the tab."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        unit = self.ctx.unit
        if unit is None:
            self.heading.setText(_("No unit yet. Load the demo data or import a package."))
            return
        figures = overview(self.ctx.db, unit.code, self.ctx.year)
        self.heading.setText(
            _("{unit}, year {year} (compared with {previous})").format(
                unit=unit.name, year=self.ctx.year, previous=self.ctx.year - 1
            )
        )
        for code, card in self.cards.items():
            card.show_result(figures.report[code])
        self._show_progress(figures.progress)

    def _show_progress(self, items: list[Progress]) -> None:
        while self.pledge_layout.count():
            widget = self.pledge_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if not items:
            self.pledge_layout.addWidget(QLabel(_("No pledge targets registered for this year.")), 0, 0, 1, 2)
            return
        for row, item in enumerate(items):
            label = QLabel(_(item.label))
            label.setWordWrap(True)
            bar = QProgressBar()
            bar.setObjectName(f"progress_{item.indicator_code}")
            bar.setRange(0, 1000)
            bar.setValue(min(1000, round(item.ratio * 1000)))
            bar.setFormat(progress_text(item))
            bar.setTextVisible(True)
            colour = "#2e7d32" if item.ratio >= 1 else "#1f5fa8"
            bar.setStyleSheet(
                f"QProgressBar {{ border: 1px solid #b8c2cc; border-radius: 3px; text-align: center; }}"
                f"QProgressBar::chunk {{ background: {colour}; }}"
            )
            self.pledge_layout.addWidget(label, row, 0)
            self.pledge_layout.addWidget(bar, row, 1)
