"""Find user-facing strings that have no Chinese translation in any of the project's catalogues."""

import os
import re
import shutil
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("config", "lantu", "templates")


def catalogues(root: Path = ROOT) -> list[Path]:
    """Return the project's zh_Hans catalogue and every app's own one."""
    return [
        *sorted((root / "locale").glob("zh_Hans/LC_MESSAGES/django.po")),
        *sorted((root / "lantu").glob("*/locale/zh_Hans/LC_MESSAGES/django.po")),
    ]


def translations(po_text: str) -> dict[str, str]:
    """Return a catalogue's non-fuzzy translations by message id ("context\x04msgid" in a context)."""
    found = {}
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block:
            continue
        match = re.search(
            r'^(?:msgctxt ((?:".*"\n?)+))?msgid ((?:".*"\n?)+)^msgstr ((?:".*"\n?)+)',
            block + "\n",
            re.MULTILINE,
        )
        if match:
            context = "".join(re.findall(r'"(.*)"', match[1] or ""))
            msgid = "".join(re.findall(r'"(.*)"', match[2]))
            msgstr = "".join(re.findall(r'"(.*)"', match[3]))
            if msgid and msgstr:
                found[f"{context}\x04{msgid}" if context else msgid] = msgstr
    return found


def conflicts(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """Return the messages that two catalogues translate differently, with each catalogue's translation.

    Django merges every catalogue into one, so only one of them is ever shown: a word with two senses
    needs a context (pgettext), not a second translation in another app.
    """
    seen: dict[str, dict[str, str]] = {}
    for path in catalogues(root):
        name = str(path.relative_to(root).parents[2])
        for msgid, msgstr in translations(path.read_text()).items():
            seen.setdefault(msgid, {})[name] = msgstr
    return {msgid: found for msgid, found in seen.items() if len(set(found.values())) > 1}


def msgids(po_text: str, translated_only: bool = False) -> set[str]:
    """Return the message ids of a catalogue, optionally only those with a non-fuzzy translation.

    A message with a context (pgettext) is "context\x04msgid", as gettext keys it: "Rate" in the context
    "completion" is another message than "Rate" alone.
    """
    found = set()
    for block in po_text.split("\n\n"):
        if "#, fuzzy" in block and translated_only:
            continue
        match = re.search(
            r'^(?:msgctxt ((?:".*"\n?)+))?msgid ((?:".*"\n?)+)(?:^msgid_plural (?:".*"\n?)+)?'
            r'^msgstr(?:\[0\])? ((?:".*"\n?)+)',
            block + "\n",
            re.MULTILINE,
        )
        if not match:
            continue
        context = "".join(re.findall(r'"(.*)"', match[1] or ""))
        msgid = "".join(re.findall(r'"(.*)"', match[2]))
        msgstr = "".join(re.findall(r'"(.*)"', match[3]))
        if msgid and (msgstr or not translated_only):
            found.add(f"{context}\x04{msgid}" if context else msgid)
    return found


def extracted_msgids(root: Path = ROOT) -> set[str]:
    """Return every translatable string in the sources (makemessages on a copy, which it writes beside)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for part in SCANNED:
            shutil.copytree(
                root / part, copy / part, ignore=shutil.ignore_patterns("__pycache__", "migrations", "locale")
            )
        (copy / "locale").mkdir()
        cwd = Path.cwd()
        try:
            os.chdir(copy)
            with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
                call_command("makemessages", locale=["zh_Hans"], verbosity=0, no_location=True)
        finally:
            os.chdir(cwd)
        return msgids((copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text())


def untranslated(root: Path = ROOT) -> list[str]:
    """Return the strings that no catalogue translates, sorted."""
    translated = set().union(*(msgids(path.read_text(), translated_only=True) for path in catalogues(root)))
    return sorted(extracted_msgids(root) - translated)
