"""Tổng quan: each pledge target's progress first, then the unit-year's key figures beside last year's.

Every number comes from ``indicators.compute`` (the same figures the reports print), read through
``unit_years.overview``. Charts are drawn
with QPainter: QtCharts is not part of PySide6-Essentials.
"""

from __future__ import annotations

from emulation_desktop.domain.indicators import INDICATORS, IndicatorDef
from emulation_desktop.indicators.compute import Figure, Result
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations.unit_years import Goal, Progress, overview
from emulation_desktop.ui import cell_format as fmt
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QColor,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPainter,
    QPalette,
    QProgressBar,
    QRect,
    QScrollArea,
    QSize,
    QVBoxLayout,
    QWidget,
    qconnect,
)
from emulation_desktop.ui.submission_line import submission_status_line

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


# The Overview's looks are set with fonts and palettes, not style sheets: a sheet (on each label, or
# one on the page) makes Qt build and apply a style to each of its ~80 widgets, a sixth of the window's
# own work before the first paint (benchmarks/README.md, ``ui_startup``).
TITLE_COLOUR, VALUE_COLOUR, NOTE_COLOUR = "#44505c", "#1f3b5a", "#5a6570"
MET_COLOUR, UNDER_COLOUR = "#2e7d32", "#1f5fa8"
ALIGN_CENTER = 0x84  # Qt::AlignCenter, set through the property (the Qt namespace loads later)


def _look(
    widget: QWidget, colour: str, *, size: float = 0, bold: bool = False, role: str = "WindowText"
) -> None:
    if colour:
        palette = widget.palette()
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
        widget.setPalette(palette)
    if size or bold:
        font = widget.font()
        if size:
            font.setPointSizeF(size)
        font.setBold(bold)
        widget.setFont(font)


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
        self.setAutoFillBackground(True)
        _look(self, "white", role="Window")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.title = QLabel(_(definition.label))
        self.title.setWordWrap(True)
        self.title.setObjectName("card_title")
        _look(self.title, TITLE_COLOUR)
        self.value = QLabel()
        self.value.setObjectName("value")
        _look(self.value, VALUE_COLOUR, size=13, bold=True)
        # Qt::TextSelectableByMouse, set through the property: the Qt namespace costs ~40 ms to load,
        # and the Overview opens before it is needed (ui/qt.py).
        self.value.setProperty("textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.bars = CompareBars()
        self.change = QLabel()
        self.change.setObjectName("card_change")
        _look(self.change, NOTE_COLOUR)
        self.change.setWordWrap(True)
        for widget in (self.title, self.value, self.bars, self.change):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_result(self, result: Result) -> None:
        measure = self.definition.measure
        self.value.setText(value_text(measure, result.current))
        self.bars.set_values(magnitude(measure, result.current), magnitude(measure, result.previous))
        self.change.setText(change_text(measure, result))


# A count goal names what it counts where the number alone is unclear beside a sum of money.
COUNT_GOAL_TEXT = {"solidarity_houses": N_("{done} of {goal} houses")}
PROGRESS_COLUMNS = 2  # pairs of (target, bar) side by side, so the targets fit the first screen


def goal_text(item: Progress, goal: Goal) -> str:
    if goal.unit == "percent":
        done, target = fmt.percent_tenths(goal.achieved) + "%", fmt.percent_tenths(goal.target) + "%"
        return _("{done} of {goal}").format(done=done, goal=target)
    if goal.unit == "amount":
        return _("{done} of {goal} đ").format(done=fmt.money(goal.achieved), goal=fmt.money(goal.target))
    text = COUNT_GOAL_TEXT.get(item.indicator_code, N_("{done} of {goal}"))
    return _(text).format(done=fmt.number(goal.achieved), goal=fmt.number(goal.target))


def progress_text(item: Progress) -> str:
    """Every goal of the target ("27/24 nhà · 1.260.000.000/1.100.000.000 đ"), then how far it is met."""
    goals = " · ".join(goal_text(item, goal) for goal in item.goals)
    return f"{goals} ({fmt.ratio(item.ratio)})"


def target_label(item: Progress, repeated: bool) -> str:
    """The indicator; with the target's note when the pledge targets the same indicator twice."""
    label = _(item.label)
    return f"{label} ({item.note})" if repeated and item.note else label


class FittedBar(QProgressBar):
    """A progress bar whose text is every goal when it fits, else only how far the target is met: at
    1024 px or 150% the whole "27/24 nhà · 1.260.000.000/1.100.000.000 đ" was cut at both ends. The
    whole text stays in the tooltip."""

    def __init__(self, whole: str, short: str) -> None:
        super().__init__()
        self.whole, self.short = whole, short
        self.setFormat(whole)

    def text(self) -> str:
        room = self.width() - 12
        return self.whole if self.fontMetrics().horizontalAdvance(self.whole) <= room else self.short


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
        _look(self.heading, "", size=12, bold=True)
        layout.addWidget(self.heading)
        layout.addWidget(submission_status_line(ctx))  # what the cluster head decided on the year (#18)
        # The pledge targets first: what a clerk checks before anything else is whether they are met.
        self.pledges = QGroupBox(_("Pledge targets: achieved against target"))
        self.pledges.setObjectName("pledge_progress")
        self.pledges.setToolTip(
            _("Each target registered in this year's pledges beside what the records show was achieved.")
        )
        self.pledge_layout = QGridLayout(self.pledges)
        self.pledge_layout.setVerticalSpacing(3)
        self.pledge_layout.setHorizontalSpacing(8)
        for pair in range(PROGRESS_COLUMNS):
            self.pledge_layout.setColumnStretch(2 * pair + 1, 1)
        layout.addWidget(self.pledges)
        self.progress_bars: list[QProgressBar] = []
        self.progress_labels: list[QLabel] = []
        legend = QLabel(_("Blue bar: this year; grey bar: last year."))
        legend.setObjectName("legend")
        _look(legend, NOTE_COLOUR)
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

    def became_current(self) -> None:
        """The window shows this tab (at start, or the clerk opened it): figures that went stale while
        it was hidden are computed now."""
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        unit = self.ctx.unit
        if unit is None:
            self.heading.setText(
                _(
                    "No unit yet. Set up your unit (File → Unit & people…), load the demo data or import a package."
                )
            )
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
        self.progress_bars, self.progress_labels = [], []
        span = 2 * PROGRESS_COLUMNS
        if not items:
            self.pledge_layout.addWidget(
                QLabel(_("No pledge targets registered for this year.")), 0, 0, 1, span
            )
            return
        row = 0
        for pledge_id in dict.fromkeys(item.pledge_id for item in items):
            targets = [item for item in items if item.pledge_id == pledge_id]
            # Each pledge under its own title: two pledges may both target the same indicator.
            title = QLabel(targets[0].pledge_title)
            title.setObjectName("pledge_title")
            _look(title, VALUE_COLOUR, bold=True)
            title.setWordWrap(True)
            self.pledge_layout.addWidget(title, row, 0, 1, span)
            row += 1
            codes = [item.indicator_code for item in targets]
            for position, item in enumerate(targets):
                line, pair = divmod(position, PROGRESS_COLUMNS)
                self._add_target(item, codes.count(item.indicator_code) > 1, row + line, 2 * pair)
            row += -(-len(targets) // PROGRESS_COLUMNS)

    def _add_target(self, item: Progress, repeated: bool, row: int, column: int) -> None:
        label = QLabel(target_label(item, repeated))
        label.setObjectName(f"target_{item.indicator_code}")
        label.setWordWrap(True)
        label.setMinimumWidth(220)
        tip = _("Pledge “{pledge}”: {target}").format(pledge=item.pledge_title, target=_(item.label))
        if item.note:
            tip += "\n" + item.note
        label.setToolTip(tip)
        bar = FittedBar(progress_text(item), fmt.ratio(item.ratio))
        bar.setObjectName(f"progress_{item.indicator_code}")
        bar.setRange(0, 1000)
        bar.setValue(min(1000, round(item.ratio * 1000)))
        bar.setTextVisible(True)
        bar.setToolTip(
            tip
            + "\n"
            + _(
                "Achieved against target: {progress}. A target with several goals is met when all are."
            ).format(progress=progress_text(item))
        )
        bar.setAccessibleName(label.text())
        bar.setProperty("alignment", ALIGN_CENTER)
        _look(bar, MET_COLOUR if item.ratio >= 1 else UNDER_COLOUR, role="Highlight")
        self.pledge_layout.addWidget(label, row, column)
        self.pledge_layout.addWidget(bar, row, column + 1)
        self.progress_labels.append(label)
        self.progress_bars.append(bar)
