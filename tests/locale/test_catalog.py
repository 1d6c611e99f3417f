"""The gettext catalogs: every string in the code has a Vietnamese translation that keeps its placeholders.

If this fails after you added a ``_("...")`` string: run
``python -m emulation_desktop.locale.catalog update``, translate the new entries in ``i18n/vi.po``, and
run ``python -m emulation_desktop.locale.catalog check``.
"""

from __future__ import annotations

import gettext
import marshal
import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from emulation_desktop.locale import catalog, catalog_cache, i18n

HOW_TO_FIX = (
    "run `python -m emulation_desktop.locale.catalog update`, translate the entries in i18n/vi.po, "
    "then `python -m emulation_desktop.locale.catalog check`"
)


@pytest.fixture(scope="module")
def vi_catalog() -> Catalog:
    return catalog.read_catalog(catalog.I18N_DIR / "vi.po", "vi")


@pytest.fixture(scope="module")
def source_messages() -> dict[tuple[str | tuple[str, ...], str | None], list[str]]:
    """Every marked string in the code as it is now, extracted with Babel, with where it is used."""
    found: dict[tuple[str | tuple[str, ...], str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        catalog.PACKAGE_DIR, [("**.py", "python")], keywords=catalog.KEYWORDS
    ):
        found.setdefault((message, context), []).append(f"emulation_desktop/{filename}:{lineno}")
    return found


@pytest.fixture
def fresh_translations():
    """Forget cached catalogs before and after, so a test can point the loader elsewhere."""
    i18n._translations.cache_clear()
    yield
    i18n._translations.cache_clear()


def test_extraction_keywords():
    assert catalog.KEYWORDS["_"] is None
    assert catalog.KEYWORDS["N_"] is None
    assert catalog.KEYWORDS["ngettext"] == (1, 2)


def test_the_code_has_marked_strings(source_messages):
    assert len(source_messages) > 100
    assert ("An amount cannot be negative.", None) in source_messages  # _() in domain/money.py
    assert ("Vietnam Sea and Islands Fund", None) in source_messages  # N_() in indicators


def test_every_source_string_has_a_vietnamese_translation(source_messages, vi_catalog):
    missing = []
    for (msgid, context), where in source_messages.items():
        message = vi_catalog.get(msgid, context)
        strings = message.string if message is not None else None
        strings = (strings,) if isinstance(strings, str) else tuple(strings or ())
        if not strings or not all(strings) or message.fuzzy:
            state = "fuzzy" if message is not None and message.fuzzy and all(strings) else "missing"
            missing.append(f"{state}: {msgid!r} ({where[0]})")
    assert not missing, f"{len(missing)} strings lack a Vietnamese translation; {HOW_TO_FIX}:\n" + "\n".join(
        missing
    )


def test_translations_keep_their_placeholders(source_messages, vi_catalog):
    wrong = []
    for msgid, context in source_messages:
        message = vi_catalog.get(msgid, context)
        if message is None or not message.string:
            continue  # reported by the test above
        ids = (msgid,) if isinstance(msgid, str) else msgid
        expected = set().union(*(catalog.placeholders(text) for text in ids))
        strings = (message.string,) if isinstance(message.string, str) else message.string
        wrong += [f"{msgid!r} → {text!r}" for text in strings if catalog.placeholders(text) != expected]
    assert not wrong, "translations whose {placeholders} differ from the source:\n" + "\n".join(wrong)


def test_translations_are_nfc_and_trimmed(vi_catalog):
    for message in vi_catalog:
        if not message.id:
            continue
        strings = (message.string,) if isinstance(message.string, str) else message.string
        for text in strings:
            assert unicodedata.is_normalized("NFC", text), message.id
            assert text == text.strip(), message.id


def test_catalog_check_agrees():
    assert not catalog.check(), catalog.check().lines()


def test_vietnamese_is_the_default_and_english_the_source():
    assert i18n.DEFAULT_LANGUAGE == "vi"
    assert i18n.current_language() == "vi"
    assert i18n._("An amount cannot be negative.") == "Số tiền không được là số âm."
    assert i18n._("Vietnam Sea and Islands Fund") == "Quỹ biển, đảo Việt Nam"
    assert i18n.gettext_in("en", "An amount cannot be negative.") == "An amount cannot be negative."
    i18n.set_language("en")
    assert i18n._("An amount cannot be negative.") == "An amount cannot be negative."
    assert i18n.ngettext("{n} record", "{n} records", 2) == "{n} records"
    i18n.set_language("vi")
    assert i18n.gettext_in("vi", "Vietnam Sea and Islands Fund") == "Quỹ biển, đảo Việt Nam"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_vietnamese_plural_forms_header(vi_catalog):
    assert vi_catalog.num_plurals == 1


def test_placeholders():
    assert catalog.placeholders("{field} is too long (at most {limit} characters).") == {"{field}", "{limit}"}
    assert catalog.placeholders("{a!r} {b:>3} {{literal}}") == {"{a}", "{b}"}
    assert catalog.placeholders("Undo %1") == {"%1"}
    assert catalog.placeholders("%(name)s got %d, 100%%") == {"%(name)s", "%d"}
    assert catalog.placeholders("Target (%)") == set()
    assert catalog.placeholders("a lone { brace") == set()


def test_problems_reports_missing_fuzzy_plural_and_placeholders():
    template = Catalog(locale=None)
    for msgid in ("Done", "Fuzzy", "Row {n}", ("{n} unit", "{n} units"), "New"):
        template.add(msgid)
    translated = Catalog(locale="vi")
    translated.add("Done", "Xong")
    translated.add("Fuzzy", "Mờ", flags=["fuzzy"])
    translated.add("Row {n}", "Dòng {m}")
    translated.add(("{n} unit", "{n} units"), ("",))
    found = catalog.problems(template, translated)
    assert found.untranslated == ["{n} unit", "New"]
    assert found.fuzzy == ["Fuzzy"]
    assert found.placeholders == ["'Row {n}' → 'Dòng {m}'"]
    assert found
    translated.get("{n} unit").string = ("{n} đơn vị",)
    assert catalog.problems(template, translated).untranslated == ["New"]


def _copy_catalogs(target: Path) -> Path:
    target.mkdir()
    for path in catalog.I18N_DIR.glob("*.po*"):
        shutil.copy2(path, target / path.name)
    return target


def test_update_keeps_translations_and_is_idempotent(tmp_path):
    folder = _copy_catalogs(tmp_path / "i18n")
    report = catalog.update(folder)
    assert "An amount cannot be negative." not in report["vi"].untranslated  # translations kept
    first = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert set(first) == {"messages.pot", "vi.po", "en.po"}
    catalog.update(folder)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == first
    assert b"#: emulation_desktop/domain/money.py" in first["messages.pot"]


def test_update_creates_a_missing_catalog(tmp_path):
    folder = tmp_path / "i18n"
    report = catalog.update(folder, languages=("vi",))
    assert (folder / "vi.po").exists() and (folder / "messages.pot").exists()
    assert "An amount cannot be negative." in report["vi"].untranslated


def test_compile_writes_loadable_mo_files(tmp_path):
    folder = _copy_catalogs(tmp_path / "i18n")
    written = catalog.compile_catalogs(folder, tmp_path / "out")
    assert sorted(path.name for path in written) == ["en.mo", "en.mo.marshal", "vi.mo", "vi.mo.marshal"]
    with (tmp_path / "out" / "vi.mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("An amount cannot be negative.") == "Số tiền không được là số âm."


def test_the_cache_read_at_start_holds_what_gettext_parses(tmp_path):
    folder = _copy_catalogs(tmp_path / "i18n")
    catalog.compile_catalogs(folder)
    for language in ("vi", "en"):
        mo = folder / f"{language}.mo"
        with mo.open("rb") as handle:
            parsed = gettext.GNUTranslations(handle)
        cached = catalog_cache.translations(mo)
        assert isinstance(cached, catalog_cache.CachedTranslations)
        assert cached._catalog == parsed._catalog and cached.info() == parsed.info()
        assert cached.charset() == parsed.charset()
        plural = ("{count} page was sent to the printer.", "{count} pages were sent to the printer.")
        assert [cached.ngettext(*plural, n) for n in range(4)] == [
            parsed.ngettext(*plural, n) for n in range(4)
        ]
    vi = catalog_cache.translations(folder / "vi.mo")
    assert vi.gettext("An amount cannot be negative.") == "Số tiền không được là số âm."
    assert vi.ngettext(*plural, 1) == vi.ngettext(*plural, 2) != plural[1]  # one form in Vietnamese


def _hello_catalog(folder: Path, translation: str) -> Path:
    """``folder/vi.po`` holding one message, "Hello", translated as ``translation``; compiled."""
    folder.mkdir(exist_ok=True)
    po = folder / "vi.po"
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(header + f'msgid "Hello"\nmsgstr "{translation}"\n', encoding="utf-8")
    catalog.compile_catalogs(folder)
    return po


def test_a_cache_not_made_from_this_mo_is_ignored(tmp_path):
    folder = tmp_path / "i18n"
    _hello_catalog(folder, "Chào")
    mo, cache = folder / "vi.mo", catalog_cache.path_for(folder / "vi.mo")
    old_cache = cache.read_bytes()
    _hello_catalog(folder, "Xin chào")
    cache.write_bytes(old_cache)  # a cache left over from the earlier .mo
    translations = catalog_cache.translations(mo)
    assert not isinstance(translations, catalog_cache.CachedTranslations)
    assert translations.gettext("Hello") == "Xin chào"
    for damaged in (old_cache[: len(old_cache) // 2], b"", b"not marshal data", marshal.dumps(("x", 1))):
        cache.write_bytes(damaged)
        assert catalog_cache.translations(mo).gettext("Hello") == "Xin chào"
    cache.unlink()
    assert catalog_cache.translations(mo).gettext("Hello") == "Xin chào"


def test_cli_check_exit_code(capsys):
    assert catalog.main(["check"]) == 0
    assert "complete" in capsys.readouterr().out


def test_loader_ignores_a_mo_older_than_its_po(tmp_path, monkeypatch, fresh_translations):
    folder = tmp_path / "i18n"
    po = _hello_catalog(folder, "Chào")
    mo = folder / "vi.mo"

    def resource_path(*parts: str) -> Path:
        path = tmp_path.joinpath(*parts)
        if not path.exists():
            raise FileNotFoundError(path)
        return path

    monkeypatch.setattr(i18n, "resource_path", resource_path)
    assert i18n.gettext_in("vi", "Hello") == "Chào"

    po.write_text(po.read_text(encoding="utf-8").replace('"Chào"', '"Xin chào"'), encoding="utf-8")
    os.utime(mo, (1_000_000, 1_000_000))  # the .mo is now older than its .po: a stale build output
    i18n._translations.cache_clear()
    assert i18n.gettext_in("vi", "Hello") == "Xin chào"

    os.utime(mo, None)
    os.utime(po, (1_000_000, 1_000_000))  # an up-to-date .mo wins
    i18n._translations.cache_clear()
    assert i18n.gettext_in("vi", "Hello") == "Chào"

    mo.unlink()
    po.unlink()
    i18n._translations.cache_clear()
    assert i18n.gettext_in("vi", "Hello") == "Hello"
