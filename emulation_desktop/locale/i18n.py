"""gettext catalogs shared by the core and the UI.

Source strings are English; Vietnamese is the default language. Catalogs live in ``i18n/<lang>.po``.
A wheel or frozen build ships them compiled (``.mo``); from a source tree we compile the ``.po`` in
memory with Babel, so a fresh checkout never shows untranslated text.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache

from emulation_desktop.paths import resource_path

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")
ENV_LANGUAGE = "EMULATION_DESKTOP_LANG"

_current = os.environ.get(ENV_LANGUAGE, DEFAULT_LANGUAGE)


@cache
def _translations(language: str) -> gettext.NullTranslations:
    try:
        return gettext.GNUTranslations(io.BytesIO(resource_path("i18n", f"{language}.mo").read_bytes()))
    except FileNotFoundError:
        pass
    try:
        po_file = resource_path("i18n", f"{language}.po")
    except FileNotFoundError:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(language)
    _current = language


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations(_current).gettext(message)


def gettext_in(language: str, message: str) -> str:
    """Translate into a given language, whatever the UI uses (e.g. Vietnamese search keys)."""
    return _translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current).ngettext(singular, plural, n)
