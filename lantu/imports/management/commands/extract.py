"""Print what Lantu reads from a plan document: quantities, items and projects."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantu.core.extraction import extract, to_contract
from lantu.imports.reading import ReadError, read_document


class Command(BaseCommand):
    help = "Extract quantities, list items and projects from a .txt, .docx or .pdf plan document."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="print the JSON contract")
        parser.add_argument("--year", type=int, default=None, help="year the document was written")

    def handle(self, *args, **opts):
        path = Path(opts["file"])
        try:
            text = read_document(path.name, path.read_bytes())
        except (OSError, ReadError) as exc:
            raise CommandError(str(exc)) from exc
        result = to_contract(extract(text, doc_year=opts["year"]))
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
            return
        for q in result["quantities"]:
            self.stdout.write(f"{q['subject']}\t{q['value']:g} {q['unit']}\t{q['year'] or ''}")
        for i in result["items"]:
            self.stdout.write(f"{'  ' * i['level']}{i['title']}")
        for p in result["projects"]:
            self.stdout.write(f"* {p['name']}")
