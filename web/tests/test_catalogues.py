"""The Persian catalogue is complete and compiled: a string added without its Persian fails here."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUES = [Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" for language in ("en", "fa")]
PERSIAN = polib.pofile(str(Path(settings.BASE_DIR) / "locale/fa/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*\w+\s*\}\}|<[^>]+>")


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_every_persian_message_is_translated_and_none_is_fuzzy():
    assert [entry.msgid for entry in PERSIAN if not all(translations(entry))] == []
    assert [entry.msgid for entry in PERSIAN.fuzzy_entries()] == []
    assert not PERSIAN.metadata_is_fuzzy


def test_persian_keeps_the_placeholders_and_markup():
    differing = [
        (entry.msgid, translation)
        for entry in PERSIAN
        for translation in translations(entry)
        if sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(entry.msgid))
    ]
    assert differing == []


def test_persian_plurals_follow_the_persian_rule():
    assert PERSIAN.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize("folder", CATALOGUES, ids=lambda folder: folder.parent.name)
def test_the_committed_mo_files_match_their_po_files(folder):
    """The .mo files are committed (no msgfmt needed to run the shop): each must say what its .po says."""
    source = polib.pofile(str(folder / "django.po"))
    compiled = polib.mofile(str(folder / "django.mo"))

    def messages(catalogue) -> dict:
        return {
            (entry.msgctxt, entry.msgid): tuple(translations(entry))
            for entry in catalogue
            if entry.msgid and not entry.obsolete and "fuzzy" not in entry.flags
        }

    assert messages(compiled) == messages(source)
