"""The set-up assistant (issue #16; rules in docs/setup.md): a data folder becomes one office's — its
role, its unit from the official list and the year, its villages, its committee's people, and for the
cluster head its cluster — in ONE ``apply_setup`` when the clerk presses Finish on the summary. The
last page then offers this office's key card, to be given to the cluster head (or the city).

It opens by itself when the data file has no unit of its own (``needs_setup``), with the demo offered
beside it, and from File → Unit & people… pre-filled with the unit and year open, to change the
people and add villages (or set another year up) through the same ``apply_setup``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from emulation_desktop.domain.catalogue import FIRST_YEAR_OF_CURRENT
from emulation_desktop.errors import AppError, ValidationError
from emulation_desktop.locale.i18n import N_, _
from emulation_desktop.operations import setup
from emulation_desktop.operations.setup import Person, SetupPlan
from emulation_desktop.ui import background, dialogs
from emulation_desktop.ui.dialogs import ERROR_STYLE
from emulation_desktop.ui.qt import (
    QLabel,
    QPushButton,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWizard,
    QWizardPage,
    qconnect,
)
from emulation_desktop.ui.setup_cluster import ClusterPage
from emulation_desktop.ui.setup_common import PlanPage, note_label, red_label, say
from emulation_desktop.ui.setup_pages import RolePage, UnitPage, VillagesPage
from emulation_desktop.ui.setup_people import PeoplePage
from emulation_desktop.ui.setup_predecessors import PredecessorsPage
from emulation_desktop.ui.unit_finder import SuccessorChoice, listed_unit, unit_name

if TYPE_CHECKING:
    from emulation_desktop.ui.keys_panel import KeysPanel
    from emulation_desktop.ui.main_window import MainWindow

ROLE, UNIT, VILLAGES, PEOPLE, CLUSTER, SUMMARY, DONE, PREDECESSORS = range(8)
ROLE_NAMES = {
    "office": N_("the Front committee of a commune or ward"),
    "cluster_head": N_("the committee that heads an emulation cluster"),
    "city": N_("the city's (province's) committee"),
}
KEY_BUTTONS = {
    "office": N_("Save the key card for the cluster head…"),
    "cluster_head": N_("Save the key card for the city's office…"),
    "city": N_("Save the key card…"),
}


class OwnUnitPage(UnitPage):
    """The unit page; for a data folder set up for an old unit (one that ended with the reorganisation of
    1 July 2025), the year stays open and, from 2025, the page offers the new unit it went into, from the
    official mapping (docs/setup.md): the set-up then makes that unit this office's, as ``setup`` does."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.old_code = ""  # the folder's old unit, while it may go on as a new one
        self.successor = SuccessorChoice("successor")
        self.successor.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.finder) + 1, self.successor, 1)
        self.successor_error = red_label("successor")
        layout.insertWidget(layout.indexOf(self.successor) + 1, self.successor_error)
        qconnect(self.year.valueChanged, lambda _value: self._show_successor())
        qconnect(self.successor.picked, lambda: say(self.successor_error, ""))

    def fix(self, code: str, name: str, year: int) -> None:
        units = setup.going_on_as(self.assistant.ctx.db, code)
        # An old unit is shown in the list it belongs to, whatever year the window has open.
        super().fix(code, name, min(year, FIRST_YEAR_OF_CURRENT - 1) if units else year)
        if not units:
            return
        self.old_code = code
        self.successor.offer(name, units, setup.likely_successor(code), code)
        self.year.setEnabled(True)
        self.year.setToolTip(_("From 2025: the new unit formed from {unit}").format(unit=name))
        self.year.setValue(year)
        self._show_successor()

    def goes_on(self) -> bool:
        """True when the plan is the new unit's: an old unit's folder, a year from 2025."""
        return bool(self.old_code) and self.year.value() >= FIRST_YEAR_OF_CURRENT

    def _show_successor(self) -> None:
        if not self.old_code:
            return
        on = self.goes_on()
        self.successor.setVisible(on)
        for widget in (self.finder, self.test_unit):
            widget.setVisible(not on)
        self.fixed_note.setVisible(not on)  # "set up for the old unit": the explanation says what follows
        if on:
            self.successor.explain_for(self.year.value())
        else:
            self.finder.choose(self.old_code)  # the list of the year chosen, the old unit picked again
        self.assistant.successor_shown(on)

    def unit_fields(self) -> dict[str, str]:
        if not self.goes_on():
            return super().unit_fields()
        code = self.successor.chosen()
        found = listed_unit(self.year.value(), code)
        return {"unit_code": code, "province_code": found.province if found else ""}

    def validatePage(self) -> bool:
        if self.goes_on() and not self.successor.chosen():
            say(self.successor_error, _("Choose the new unit this office now serves."))
            return False
        return super().validatePage()


class SummaryPage(QWizardPage):
    """Everything the set-up will write; its button writes it, once."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle(_("Check and finish"))
        self.setSubTitle(_("Nothing has been saved yet. Press Finish to save all of it at once."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Finish"))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("summary")
        layout.addWidget(self.text, 1)
        self.warning = note_label("summary_warning")
        layout.addWidget(self.warning)
        self.error = note_label("summary_error", ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        self.applied = False
        self.busy = False

    def initializePage(self) -> None:
        self.text.setPlainText(self.assistant.summary())
        say(self.warning, "\n".join(setup.plan_warnings(self.assistant.plan()).values()))
        say(self.error, "")

    def validatePage(self) -> bool:
        """The one write: ``apply_setup`` off the GUI thread; the page moves on when it has succeeded."""
        if self.applied:
            return True
        if not self.busy:
            self.busy = True
            self.assistant.apply()
        return False


class DonePage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self.assistant = wizard
        self.setTitle(_("Done"))
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("done_text")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.key_hint = note_label("key_hint", "")
        self.key_hint.setText(
            _(
                "Packages sent from here are signed with this office's key. The office that receives them "
                "trusts the key card once: save it to a USB stick and give it to them, and read its "
                "fingerprint out to them by phone."
            )
        )
        layout.addWidget(self.key_hint)
        self.card_text = QLabel()
        self.card_text.setObjectName("card_text")
        self.card_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_text.setStyleSheet("font-weight: bold; padding: 6px 0;")
        layout.addWidget(self.card_text)
        self.key_button = QPushButton()
        self.key_button.setObjectName("save_key_card")
        self.key_button.setAutoDefault(False)
        layout.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._keys: KeysPanel | None = None
        qconnect(self.key_button.clicked, lambda _checked=False: self.save_key_card())

    def initializePage(self) -> None:
        plan = self.assistant.plan()
        self.text.setText(
            _("{unit}, year {year}, is set up. The window now opens it.").format(
                unit=self.assistant.unit_label(), year=plan.year
            )
        )
        self.key_button.setText(_(KEY_BUTTONS[plan.role]))
        self.keys_panel().refresh()  # the card of the unit just set up, with its fingerprint
        self.card_text.setText(self.keys_panel().card_text.text())

    def keys_panel(self) -> KeysPanel:
        """The Data exchange tab's keys panel, unseen: the card is shown and saved the way it does it
        (the safe write to a USB stick, read back and checked)."""
        if self._keys is None:
            from emulation_desktop.ui.keys_panel import KeysPanel

            self._keys = KeysPanel(self.assistant.ctx, self)
            self._keys.hide()
        return self._keys

    def save_key_card(self) -> None:
        self.keys_panel().save_card()


class SetupWizard(QWizard):
    def __init__(self, window: MainWindow, *, editing: bool = False, demo_offered: bool = False) -> None:
        super().__init__(window)
        self.setObjectName("setup_wizard")
        self.window_ = window
        self.ctx = window.ctx
        self.editing = editing
        self.setWindowTitle(_("Unit and people") if editing else _("Set up this office"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< Back")),
            (QWizard.WizardButton.NextButton, _("Next >")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
            (QWizard.WizardButton.FinishButton, _("Close")),
        ):
            self.setButtonText(button, text)
        self.role_page = RolePage(self, demo_offered)
        self.unit_page = OwnUnitPage(self)
        self.kept_villages: list[str] = []  # the villages of the folder's unit, as set up already
        self.villages_page = VillagesPage(self)
        self.people_page = PeoplePage(self)
        self.cluster_page = ClusterPage(self)
        self.predecessors_page = PredecessorsPage(self)
        self.summary_page = SummaryPage(self)
        self.done_page = DonePage(self)
        for page_id, page in (
            (ROLE, self.role_page),
            (UNIT, self.unit_page),
            (VILLAGES, self.villages_page),
            (PEOPLE, self.people_page),
            (CLUSTER, self.cluster_page),
            (SUMMARY, self.summary_page),
            (DONE, self.done_page),
            (PREDECESSORS, self.predecessors_page),
        ):
            self.setPage(page_id, page)
        self.resize(760, 600)

    # --- the plan ------------------------------------------------------------------------------------

    def role(self) -> str:
        return self.role_page.role()

    def role_changed(self) -> None:
        self.unit_page.initializePage()

    def plan(self) -> SetupPlan:
        """The plan as the pages hold it now: with the old units of the page "Units before the
        reorganisation" once it has been shown (before that, the set-up records the official mapping's)."""
        plan = self.plan_without_predecessors()
        page = self.predecessors_page
        if not self.has_predecessors_shown() or not page.visited():
            return plan
        members = tuple(
            (c, olds)
            for c in plan.cluster_members
            if c != plan.unit_code and (olds := page.of(c)) is not None
        )
        return replace(
            plan,
            predecessors=page.of(plan.unit_code),
            member_predecessors=members if plan.role == "cluster_head" else (),
        )

    def plan_without_predecessors(self) -> SetupPlan:
        unit = self.unit_page.unit_fields()
        cluster = self.cluster_page.fields_of_plan() if self.role() == "cluster_head" else {}
        plan = SetupPlan(
            role=self.role(),
            unit_code=unit["unit_code"],
            year=self.unit_page.year.value(),
            unit_name=unit.get("unit_name", ""),
            province_code=unit["province_code"],
            villages=self.villages_page.names() if self.has_villages_shown() else (),
            people=self.people_page.people(),
        )
        return replace(plan, **cluster) if cluster else plan  # type: ignore[arg-type]

    def has_villages_shown(self) -> bool:
        """Only a commune or ward (or a test unit) has villages of its own; not a district, nor the city."""
        unit = self.unit_page.unit_fields()
        if self.role() == "city":
            return False
        code = unit["unit_code"]
        return code.startswith(setup.TEST_PREFIX) or _is_commune(self.unit_page.year.value(), code)

    def has_predecessors_shown(self) -> bool:
        """Units formed on 1 July 2025 have old units: from 2025 on, for a committee (not the city)."""
        return self.role() != "city" and self.unit_page.year.value() >= FIRST_YEAR_OF_CURRENT

    def unit_label(self) -> str:
        plan = self.plan()
        if plan.unit_code.startswith(setup.TEST_PREFIX):
            return plan.unit_name or plan.unit_code
        return unit_name(plan.year, plan.unit_code)

    def nextId(self) -> int:
        current = self.currentId()
        if current == UNIT and not self.has_villages_shown():
            return PEOPLE
        after_cluster = PREDECESSORS if self.has_predecessors_shown() else SUMMARY
        if current == PEOPLE:
            return CLUSTER if self.role() == "cluster_head" else after_cluster
        if current == CLUSTER:
            return after_cluster
        if current == PREDECESSORS:
            return SUMMARY
        if current == DONE:
            return -1  # the last page, though the old units' page has a higher id
        return super().nextId()

    def summary(self) -> str:
        plan = self.plan()
        lines = [
            _("This computer keeps the records of {what}.").format(what=_(ROLE_NAMES[plan.role])),
            _("Unit: {name} ({code})").format(name=self.unit_label(), code=plan.unit_code),
            _("Year: {year}").format(year=plan.year),
        ]
        if self.unit_page.goes_on():
            old = self.unit_page.successor.old_name
            lines.append(
                _("{old} stays in this data folder as history, with its records up to {last}.").format(
                    old=old, last=FIRST_YEAR_OF_CURRENT - 1
                )
            )
        if self.has_villages_shown():
            names = ", ".join(plan.villages) or _("none yet")
            lines.append(
                _("Villages and residential groups ({n}): {names}").format(n=len(plan.villages), names=names)
            )
        from emulation_desktop.domain.people import POSITIONS, SIGNS_AS

        if plan.people:
            lines.append(_("The standing committee:"))
        for person in plan.people:
            signs = f" — {_(SIGNS_AS[person.signs_as])}" if person.signs_as else ""
            lines.append(f"  • {_(POSITIONS[person.position])}: {person.name.strip()}{signs}")
        if plan.role == "cluster_head":
            year = plan.year
            lines.append(_("Cluster: {name} ({code})").format(name=plan.cluster_name, code=plan.cluster_code))
            lines.append(_("Cluster head: {unit}").format(unit=unit_name(year, plan.head_code)))
            if plan.deputy_code:
                lines.append(_("Cluster deputy: {unit}").format(unit=unit_name(year, plan.deputy_code)))
            members = ", ".join(unit_name(year, code) for code in plan.cluster_members)
            lines.append(_("Members ({n}): {names}").format(n=len(plan.cluster_members), names=members))
        for code, olds in ((plan.unit_code, plan.predecessors), *plan.member_predecessors):
            if olds is None:
                continue
            # The word outside the f-string: the catalog's extraction does not look inside one.
            not_counted = _("not counted")
            listed = ", ".join(
                f"{old.name or old.code}" + ("" if old.counted else f" ({not_counted})") for old in olds
            )
            name = self.unit_label() if code == plan.unit_code else unit_name(plan.year, code)
            lines.append(_("Old units of {unit}: {names}").format(unit=name, names=listed or _("none")))
        return "\n".join(lines)

    # --- writing -------------------------------------------------------------------------------------

    def apply(self) -> None:
        """The one write of the set-up; then the window opens the unit and year set up."""
        plan, user = self.plan(), self.ctx.user

        def done(_result: None) -> None:
            self.summary_page.busy = False
            self.summary_page.applied = True
            self.window_.context_bar.choose(plan.unit_code, plan.year)
            self.ctx.saved(_("The set-up is saved."))
            self.next()

        def failed(error: AppError) -> None:
            self.summary_page.busy = False
            if isinstance(error, ValidationError):
                for page in (
                    self.role_page,
                    self.unit_page,
                    self.villages_page,
                    self.people_page,
                    self.predecessors_page,
                ):
                    page.show_errors(error.errors)
            say(self.summary_page.error, error.message)

        background.write(
            self,
            self.ctx,
            lambda db: setup.apply_setup(db, plan, user),
            _("Saving the set-up..."),
            on_done=done,
            on_error=failed,
        )

    def use_demo(self) -> None:
        """The demo instead of a real set-up (it asks first, and goes only into an empty file)."""
        from emulation_desktop.ui import demo_action

        self.reject()
        demo_action.load_demo_data(self.window_)

    # --- a data folder set up already ----------------------------------------------------------------

    def fill_from(
        self, role: str, code: str, name: str, year: int, villages: list[str], people: list[Person]
    ) -> None:
        self.role_page.set_role(role or "office")
        self.kept_villages = villages
        self.villages_page.keep(villages)
        self.unit_page.fix(code, name, year)
        self.people_page.fill(people)

    def successor_shown(self, on: bool) -> None:
        """The old unit's villages stay its own: the new unit's are typed for it."""
        self.villages_page.keep([] if on else self.kept_villages)
        if on:
            say(self.villages_page.kept_note, "")


def _is_commune(year: int, code: str) -> bool:
    from emulation_desktop.domain import catalogue

    return catalogue.for_year(year).unit(code) is not None


# ------------------------------------------------------------------------------------- opening it


def open_setup(window: MainWindow, *, editing: bool) -> SetupWizard:
    """The assistant over the window, not blocking it (window-modal); a test drives the object."""
    from emulation_desktop.operations.unit_years import has_units

    wizard = SetupWizard(window, editing=editing, demo_offered=not editing and not has_units(window.ctx.db))
    if editing and window.ctx.unit is not None and window.ctx.unit.is_local:
        _prefill(wizard, window)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    from emulation_desktop.ui.screen_fit import fit_to_screen

    fit_to_screen(wizard)
    wizard.show()
    return wizard


def _prefill(wizard: SetupWizard, window: MainWindow) -> None:
    """The unit and year open in the window, as set up: role, villages, people, cluster."""
    from emulation_desktop.operations.places import places_for
    from emulation_desktop.reports.jobs import unit_cluster

    ctx = window.ctx
    unit, year = ctx.unit, ctx.year
    assert unit is not None
    suffix = f" ({unit.name})"
    villages = [p.label.removesuffix(suffix) for p in places_for(ctx.db, unit.code, ("village",), year)]
    people = setup.people_of(ctx.db, unit.code, year)
    wizard.fill_from(setup.installation_role(ctx.db), unit.code, unit.name, year, villages, people)
    cluster = unit_cluster(ctx.db, unit.id, year)
    if cluster is not None and wizard.role() == "cluster_head":
        from emulation_desktop.review.screens import review_screen

        rows = review_screen(ctx.db, cluster.code, year).board.rows
        members = [(row.unit.code, row.role) for row in rows]
        wizard.cluster_page.fill(cluster.code, cluster.name, members, year)


def edit_setup(window: MainWindow) -> SetupWizard | None:
    """File → Unit & people…: the unit and year open, pre-filled; without a unit of its own, the set-up."""
    if not window.commit_all():
        return None
    unit = window.ctx.unit
    if unit is not None and not unit.is_local:
        dialogs.inform(
            window,
            _(
                "{unit} is an imported unit: its people and villages are kept by the office that owns it."
            ).format(unit=unit.name),
        )
        return None
    return open_setup(window, editing=unit is not None)


def offer_at_start(window: MainWindow) -> SetupWizard | None:
    """At start, when the data file has no unit of its own: the set-up, with the demo beside it."""
    if not setup.needs_setup(window.ctx.db):
        return None
    return open_setup(window, editing=False)


__all__ = ["PlanPage", "SetupWizard", "edit_setup", "offer_at_start", "open_setup"]
