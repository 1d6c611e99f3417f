"""A compiled catalog's messages saved beside its ``.mo`` in ``marshal`` form, read back in one call.

Why: gettext decodes every message of a ``.mo`` one by one when the first text is translated, about
10 ms for the Vietnamese catalog at every start, before the window can show a word. ``marshal`` reads
the same dictionary back in about a millisecond. The cache is made when the catalogs are compiled
(``python -m emulation_desktop.locale.catalog compile``, and so by the installer's build) and names the
``.mo`` it was made from by its size and CRC-32: a cache that is missing, damaged, of another format or
made from another ``.mo`` is ignored, and the ``.mo`` is parsed as before. See docs/startup.md.
"""

from __future__ import annotations

import gettext
import io
import marshal
import zlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

FORMAT = 1
SUFFIX = ".marshal"


def path_for(mo_path: Path) -> Path:
    return mo_path.with_name(mo_path.name + SUFFIX)


def write(mo_path: Path) -> Path:
    """Parse ``mo_path`` with gettext and save what it found beside it."""
    data = mo_path.read_bytes()
    parsed = gettext.GNUTranslations(io.BytesIO(data))
    payload = (FORMAT, len(data), zlib.crc32(data), parsed._info, parsed._charset, parsed._catalog)
    cache = path_for(mo_path)
    cache.write_bytes(marshal.dumps(payload))
    return cache


class CachedTranslations(gettext.GNUTranslations):
    """gettext's own translations class, given the parsed messages instead of a file to parse."""

    def __init__(self, info: dict[str, str], charset: str | None, messages: dict[Any, str]) -> None:
        super().__init__()  # no file: nothing is parsed
        self._info, self._charset, self._catalog = info, charset, messages

    @cached_property
    def plural(self) -> Callable[[int], int]:  # made from the header, as gettext makes it
        forms = self._info.get("plural-forms")
        if not forms:
            return lambda n: int(n != 1)
        return gettext.c2py(forms.split(";")[1].split("plural=")[1])


def translations(mo_path: Path) -> gettext.GNUTranslations:
    """The translations in ``mo_path``, from its cache when the cache was made from these very bytes."""
    data = mo_path.read_bytes()
    try:
        payload = marshal.loads(path_for(mo_path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        payload = None
    if (
        isinstance(payload, tuple)
        and len(payload) == 6
        and payload[:3] == (FORMAT, len(data), zlib.crc32(data))
        and isinstance(payload[3], dict)
        and isinstance(payload[5], dict)
    ):
        return CachedTranslations(payload[3], payload[4], payload[5])
    return gettext.GNUTranslations(io.BytesIO(data))
