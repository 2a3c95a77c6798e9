"""Every user-facing string has a Chinese translation (zh-hans is the default language)."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)', re.MULTILINE)


def msgids(po_text: str, translated_only: bool = False) -> set[str]:
    """Return the message ids of a catalogue, optionally only those with a translation."""
    found = set()
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block and translated_only:
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)^msgstr ((?:".*"\n?)+)', block + "\n", re.MULTILINE)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match[1]))
        msgstr = "".join(re.findall(r'"(.*)"', match[2]))
        if msgid and (msgstr or not translated_only):
            found.add(msgid)
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_every_message_is_translated_into_chinese(tmp_path, settings, monkeypatch):
    # makemessages writes next to the sources it scans, so it scans a copy.
    for part in ("config", "lantu", "templates"):
        shutil.copytree(
            ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__", "migrations")
        )
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_location=True)
    extracted = msgids((tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text())
    translated = msgids(CATALOGUE.read_text(), translated_only=True)
    missing = sorted(extracted - translated)
    assert not missing, f"{len(missing)} strings lack a translation in {CATALOGUE}: {missing[:20]}"
