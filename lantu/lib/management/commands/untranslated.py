"""`lantu untranslated`: print the strings no Chinese catalogue translates, as .po entries to fill in."""

from django.core.management.base import BaseCommand

from lantu.lib.catalogues import untranslated


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class Command(BaseCommand):
    help = "Print untranslated strings as .po entries (append them to a catalogue and fill in msgstr)."

    def handle(self, *args, **options):
        missing = untranslated()
        for msgid in missing:
            self.stdout.write(f'msgid {_quoted(msgid)}\nmsgstr ""\n')
        self.stderr.write(f"{len(missing)} untranslated")
