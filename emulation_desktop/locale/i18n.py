"""gettext catalogs shared by the core and the UI.

Source strings are English; Vietnamese is the default language. Catalogs live in ``i18n/<lang>.po``.
A wheel or frozen build ships them compiled (``.mo``); from a source tree we compile the ``.po`` in
memory with Babel, so a fresh checkout never shows untranslated text. A ``.mo`` left in the source tree
by ``python -m emulation_desktop.locale.catalog compile`` is used only while it is newer than its
``.po``, so a stale build output never hides a fresh translation.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

from emulation_desktop.locale import catalog_cache
from emulation_desktop.paths import resource_path

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")
ENV_LANGUAGE = "EMULATION_DESKTOP_LANG"


def _initial_language() -> str:
    chosen = os.environ.get(ENV_LANGUAGE, "").strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


_current = _initial_language()


def _find(language: str, suffix: str) -> Path | None:
    try:
        return resource_path("i18n", f"{language}{suffix}")
    except FileNotFoundError:
        return None


def _compile_po(po_file: Path, language: str) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def _translations(language: str) -> gettext.NullTranslations:
    mo_file, po_file = _find(language, ".mo"), _find(language, ".po")
    stale = (
        mo_file is not None
        and po_file is not None
        and po_file.parent == mo_file.parent
        and po_file.stat().st_mtime > mo_file.stat().st_mtime
    )
    if mo_file is not None and not stale:
        return catalog_cache.translations(mo_file)
    if po_file is not None:
        return _compile_po(po_file, language)
    return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch the language of ``_`` and ``ngettext`` (one of ``LANGUAGES``)."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(language)
    _current = language


def current_language() -> str:
    return _current


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate it with ``_`` at display)."""
    return message


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations(_current).gettext(message)


def gettext_in(language: str, message: str) -> str:
    """Translate into a given language, whatever the UI uses (e.g. Vietnamese search keys)."""
    return _translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count; Vietnamese has one form, English two."""
    return _translations(_current).ngettext(singular, plural, n)
