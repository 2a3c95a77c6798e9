"""Every user-facing string has a Chinese translation (zh-hans is the default language)."""

import shutil

import pytest

from lantu.lib.catalogues import conflicts, msgids, untranslated


def test_catalogue_reader_skips_empty_and_fuzzy_translations():
    po = 'msgid "A"\nmsgstr "甲"\n\nmsgid "B"\nmsgstr ""\n\n#, fuzzy\nmsgid "C"\nmsgstr "丙"\n'
    assert msgids(po, translated_only=True) == {"A"}
    assert msgids(po) == {"A", "B", "C"}


def test_catalogue_reader_tells_a_message_in_a_context_from_the_same_words_alone():
    po = 'msgctxt "completion"\nmsgid "Rate"\nmsgstr "完成率"\n\nmsgid "Rate"\nmsgstr ""\n'
    assert msgids(po, translated_only=True) == {"completion\x04Rate"}
    assert msgids(po) == {"completion\x04Rate", "Rate"}


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_message_is_translated_into_chinese():
    missing = untranslated()
    assert not missing, (
        f"{len(missing)} strings lack a Chinese translation (run `lantu untranslated`): {missing[:20]}"
    )


def test_no_message_has_two_chinese_translations_in_different_catalogues():
    # Django merges the catalogues and shows only one translation: a second sense needs a context.
    found = conflicts()
    assert not found, (
        f"translated differently by two catalogues (give each sense a pgettext context): {found}"
    )
