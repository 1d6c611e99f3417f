"""Signing keys on the Data exchange tab: this installation's key card, and the keys trusted here.

Trusting a card shows its units and fingerprint first, to be compared with what the unit read out.
Replacing a unit's key is asked separately, with both fingerprints, and is audited by the core.
"""

from __future__ import annotations

from pathlib import Path

from emulation_desktop.errors import AppError
from emulation_desktop.exchange import keys
from emulation_desktop.exchange.package_reading import read_file
from emulation_desktop.exchange.safe_save import SavedFile, safe_to_remove_message, safe_write
from emulation_desktop.locale.i18n import _
from emulation_desktop.ui import dialogs, file_choice
from emulation_desktop.ui.cell_format import local_time
from emulation_desktop.ui.context import AppContext
from emulation_desktop.ui.qt import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    qconnect,
)
from emulation_desktop.ui.text_table import TextTableModel, fit_columns, text_table


class KeysPanel(QGroupBox):
    trusted_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Signing keys"), parent)
        self.setObjectName("keys_panel")
        self.ctx = ctx
        self.card: keys.KeyCard | None = None
        layout = QVBoxLayout(self)
        own_title = QLabel(_("Key card of this installation"))
        own_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(own_title)
        self.card_text = QLabel()
        self.card_text.setObjectName("card_text")
        self.card_text.setWordWrap(True)
        self.card_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card_text.setToolTip(
            _(
                "Read this fingerprint out to the office that receives your packages, so that it can check the card"
            )
        )
        layout.addWidget(self.card_text)
        row = QHBoxLayout()
        self.save_card_button = QPushButton(_("Save key card…"))
        self.save_card_button.setObjectName("save_card")
        self.save_card_button.setToolTip(
            _("Give this file to the cluster or city office, which trusts it once.")
        )
        row.addWidget(self.save_card_button)
        row.addStretch(1)
        layout.addLayout(row)

        trusted_title = QLabel(_("Keys trusted here"))
        trusted_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(trusted_title)
        self.model = TextTableModel([_("Unit"), _("Trusted on"), _("State"), _("Fingerprint")])
        self.table = text_table(self.model, "trusted_keys")
        self.table.setToolTip(
            _("Units whose packages this installation accepts, with the fingerprint of each key")
        )
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.trust_button = QPushButton(_("Trust a key from a file…"))
        self.trust_button.setObjectName("trust_key")
        self.trust_button.setToolTip(
            _("Register a unit's key card, after comparing its fingerprint with the unit by phone.")
        )
        row.addWidget(self.trust_button)
        row.addStretch(1)
        layout.addLayout(row)
        for button in (self.save_card_button, self.trust_button):
            button.setAutoDefault(False)
        qconnect(self.save_card_button.clicked, lambda _checked=False: self.save_card())
        qconnect(self.trust_button.clicked, lambda _checked=False: self.trust_from_file())

    # --- showing -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        try:
            self.card = keys.key_card(self.ctx.db)
        except AppError as exc:
            self.card = None
            self.card_text.setText(exc.message)
        else:
            lines = [
                _("Unit: {code} – {name}").format(code=code, name=name) for code, name in self.card.units
            ]
            lines.append(_("Fingerprint: {fingerprint}").format(fingerprint=self.card.fingerprint))
            lines.append(_("Date: {date}").format(date=keys.display_date(self.card.created_at)))
            self.card_text.setText("\n".join(lines))
        self.save_card_button.setEnabled(self.card is not None)
        rows = [
            [
                f"{key.unit_code} – {key.unit_name}" if key.unit_name else key.unit_code,
                local_time(key.trusted_at),
                _("in use")
                if key.active
                else _("replaced on {date}").format(date=local_time(key.replaced_at)),
                key.fingerprint,
            ]
            for key in keys.trusted_keys_list(self.ctx.db)
        ]
        self.model.set_rows(rows)
        fit_columns(self.table, 420)

    # --- actions -------------------------------------------------------------------------------------

    def save_card(self) -> None:
        if self.card is None:
            return
        card = self.card
        code = card.units[0][0] if card.units else ""
        choice = file_choice.choose_save_target(
            self, f"the-khoa-{code}.json", ".json", data_folder=self.ctx.db.folder
        )
        if choice is None:
            return
        try:
            saved = safe_write(choice.folder, choice.name, keys.card_bytes(card))
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return
        self.card_saved(saved)

    def card_saved(self, saved: SavedFile) -> None:
        text = safe_to_remove_message(saved)
        self.ctx.saved(text)
        dialogs.inform(self, text)

    def trust_from_file(self) -> None:
        path = file_choice.choose_open_file(self, _("Choose the key card to trust"), file_choice.KEY_CARDS)
        if path:
            self.trust_path(Path(path))

    def trust_path(self, path: Path) -> bool:
        """Read a card, ask the clerk to compare it, and trust it (replacing a key only when confirmed)."""
        try:
            card = keys.read_card(read_file(path))
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return False
        units = "\n".join(_("Unit: {code} – {name}").format(code=c, name=n) for c, n in card.units)
        question = _(
            "{units}\nFingerprint: {fingerprint}\n\n"
            "Compare this fingerprint with the one the unit reads out to you. Trust this key?"
        ).format(units=units, fingerprint=card.fingerprint)
        if not dialogs.confirm(self, question):
            return False
        replacing = keys.keys_to_replace(self.ctx.db, card)
        replace = False
        if replacing:
            old = "\n".join(
                _("Unit {code}: fingerprint in use {old}").format(code=c, old=f) for c, f in replacing
            )
            if not dialogs.confirm(
                self,
                _(
                    "A different key is already trusted:\n{old}\n\nReplace it with the new key "
                    "(fingerprint {new})? Do this only if the unit confirms it has a new key."
                ).format(old=old, new=card.fingerprint),
            ):
                return False
            replace = True
        try:
            results = keys.trust_card(self.ctx.db, card, replace=replace, user=self.ctx.user)
        except AppError as exc:
            dialogs.warn(self, exc.message)
            return False
        messages = {
            "trusted": _("Key trusted for unit {code} (fingerprint {fingerprint})."),
            "already": _("This key is already trusted for unit {code} (fingerprint {fingerprint})."),
            "replaced": _("The key of unit {code} was replaced (new fingerprint {fingerprint})."),
        }
        text = "\n".join(
            messages[r.status].format(code=r.unit_code, fingerprint=r.fingerprint) for r in results
        )
        self.refresh()
        self.trusted_changed.emit()
        dialogs.inform(self, text)
        return True
