"""Maintain the gettext catalogs in ``i18n/`` (a developer tool; the app itself never runs it).

    python -m emulation_desktop.locale.catalog update    # extract strings, merge into vi.po and en.po
    python -m emulation_desktop.locale.catalog check     # exit 1 if a Vietnamese translation is missing
    python -m emulation_desktop.locale.catalog compile   # write i18n/<lang>.mo (build outputs)

``update`` extracts every ``_("...")``, ``N_("...")``, ``ngettext("...", "...", n)`` and
``gettext_in(lang, "...")`` in the package into ``i18n/messages.pot`` and merges it into each ``.po``:
existing translations are kept, new strings arrive empty, and a changed string gets its old
translation marked fuzzy for review. Files are rewritten only when their messages changed, so a re-run
leaves git clean. Then translate the empty and fuzzy ``vi.po`` entries (``en.po`` stays empty: gettext
falls back to the English source) and run ``check``; ``tests/locale/test_catalog.py`` does the same in CI.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from emulation_desktop.locale import catalog_cache
from emulation_desktop.locale.i18n import DEFAULT_LANGUAGE, LANGUAGES

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parent
I18N_DIR = PROJECT_ROOT / "i18n"
TEMPLATE_NAME = "messages.pot"
PROJECT = "emulation-desktop"
HEADER = """\
# {title} for emulation-desktop.
# Source strings are English; update with `python -m emulation_desktop.locale.catalog update`.
# This file is distributed under the same license as the emulation-desktop project.
#"""

# Babel's keyword spec: None means "the first argument is the message"; (1, 2) singular and plural.
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "gettext_in": (2,),
}
COMMENT_TAGS = ("Translators:",)
_DATE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)
_PERCENT_FIELD = re.compile(r"(?<!%)%(?:\(\w+\))?[sdifr]|(?<!%)%\d")  # %(name)s, %d; Qt's %1


def _version() -> str | None:
    try:
        with (PROJECT_ROOT / "pyproject.toml").open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def extract(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """A template catalog of every marked string in the package, locations relative to the project."""
    template = Catalog(
        project=PROJECT,
        version=_version(),
        header_comment=HEADER.format(title="Message template"),
        msgid_bugs_address="",
        fuzzy=False,
    )
    prefix = package_dir.name
    found = extract_from_dir(
        package_dir,
        [("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = f"{prefix}/{Path(filename).as_posix()}"
        template.add(message, None, [(location, lineno)], auto_comments=comments, context=context)
    return template


def _render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    # No line numbers: they change with every edit elsewhere in a file and would churn the diffs.
    write_po(buffer, catalog, width=100, sort_by_file=True, include_lineno=False)
    return buffer.getvalue()


def _write_if_changed(path: Path, catalog: Catalog) -> bool:
    """Write ``catalog`` unless only its date headers would change. True when the file was written."""
    content = _render(catalog)
    if path.exists() and _DATE_HEADER.sub(b"", path.read_bytes()) == _DATE_HEADER.sub(b"", content):
        return False
    path.write_bytes(content)
    return True


def read_catalog(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _messages(catalog: Catalog) -> Iterable[Message]:
    return (message for message in catalog if message.id)


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def placeholders(text: str) -> set[str]:
    """Replacement fields a translation must keep: ``{name}``, ``{0}``, ``%(name)s``, ``%d``, Qt's ``%1``."""
    fields: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:  # a lone brace: not a format string
        parsed = []
    for _literal, name, _spec, _conversion in parsed:
        if name is not None:
            fields.add("{" + name + "}")
    fields.update(_PERCENT_FIELD.findall(text))
    return fields


@dataclass
class Problems:
    """What stands between a catalog and a complete translation of the current template."""

    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.untranslated or self.fuzzy or self.placeholders)

    def lines(self) -> list[str]:
        return (
            [f"untranslated: {msgid!r}" for msgid in self.untranslated]
            + [f"fuzzy (review, then remove the flag): {msgid!r}" for msgid in self.fuzzy]
            + [f"placeholders differ: {text}" for text in self.placeholders]
        )


def problems(template: Catalog, translated: Catalog) -> Problems:
    """Compare a translated catalog with a fresh template: missing, fuzzy and placeholder mismatches."""
    found = Problems()
    for source in _messages(template):
        key = source.id if isinstance(source.id, str) else source.id[0]
        message = translated.get(source.id, source.context)
        strings = _as_tuple(message.string if message is not None else None)
        if not strings or not all(strings):
            found.untranslated.append(key)
            continue
        if message.fuzzy:
            found.fuzzy.append(key)
        expected = set().union(*(placeholders(text) for text in _as_tuple(source.id)))
        for text in strings:
            if placeholders(text) != expected:
                found.placeholders.append(f"{key!r} → {text!r}")
    return found


def update(i18n_dir: Path = I18N_DIR, languages: Sequence[str] = LANGUAGES) -> dict[str, Problems]:
    """Extract into ``messages.pot`` and merge it into each ``<lang>.po`` (created when missing)."""
    i18n_dir.mkdir(parents=True, exist_ok=True)
    template = extract()
    _write_if_changed(i18n_dir / TEMPLATE_NAME, template)
    report = {}
    for language in languages:
        po_path = i18n_dir / f"{language}.po"
        if po_path.exists():
            catalog = read_catalog(po_path, language)
        else:
            catalog = Catalog(
                locale=language,
                project=PROJECT,
                version=template.version,
                header_comment=HEADER.format(title=f"Translations ({language})"),
                msgid_bugs_address="",
                last_translator=f"{PROJECT} contributors",
                language_team=f"{PROJECT} contributors",
                fuzzy=False,
            )
        catalog.update(template, update_header_comment=False)
        _write_if_changed(po_path, catalog)
        report[language] = problems(template, catalog)
    return report


def check(i18n_dir: Path = I18N_DIR, language: str = DEFAULT_LANGUAGE) -> Problems:
    """Problems of ``<language>.po`` against strings freshly extracted from the code."""
    return problems(extract(), read_catalog(i18n_dir / f"{language}.po", language))


def compile_catalogs(i18n_dir: Path = I18N_DIR, target_dir: Path | None = None) -> list[Path]:
    """Compile every ``<lang>.po`` in ``i18n_dir`` to ``<lang>.mo`` in ``target_dir`` (default: alongside),
    each with its ``<lang>.mo.marshal`` (``catalog_cache``: read at start instead of parsing the ``.mo``).

    Fuzzy translations are left out, as gettext does: the English source shows until someone reviews them.
    """
    target_dir = target_dir or i18n_dir
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for po_path in sorted(i18n_dir.glob("*.po")):
        catalog = read_catalog(po_path, po_path.stem)
        mo_path = target_dir / f"{po_path.stem}.mo"
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written += [mo_path, catalog_cache.write(mo_path)]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulation_desktop.locale.catalog", description=__doc__)
    parser.add_argument("command", choices=("update", "check", "compile"))
    parser.add_argument(
        "--i18n-dir", type=Path, default=I18N_DIR, help="catalog folder (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.command == "compile":
        for path in compile_catalogs(args.i18n_dir):
            print(f"wrote {path}")
        return 0
    if args.command == "update":
        report = update(args.i18n_dir)
        for language, found in report.items():
            if language == DEFAULT_LANGUAGE:  # en.po is allowed to stay empty
                print(f"{language}.po: {len(found.untranslated)} to translate, {len(found.fuzzy)} fuzzy")
                for line in found.lines():
                    print(f"  {line}")
        return 0
    found = check(args.i18n_dir)
    for line in found.lines():
        print(line, file=sys.stderr)
    print(f"{DEFAULT_LANGUAGE}.po: {'incomplete' if found else 'complete'}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
