"""`lantu rebuild_figures`: rebuild the kept dispatch figures from the progress reports."""

import time

from django.core.management.base import BaseCommand

from lantu.dispatch import kept


class Command(BaseCommand):
    help = "Rebuild the kept dispatch figures (each project's months) from the progress reports."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="only this year (default: every year)")

    def handle(self, *args, year: int | None = None, **options):
        started = time.perf_counter()
        rows = kept.rebuild(year=year)
        self.stdout.write(f"{rows} kept rows rebuilt in {time.perf_counter() - started:.1f} s")
