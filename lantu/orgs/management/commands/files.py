"""`lantu files sweep [--dry-run] [--grace-hours N]`: remove stored files that no row refers to."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from lantu.orgs.sweep import files_sweep, sweep_grace


class Command(BaseCommand):
    help = (
        "sweep: remove stored files no row refers to (left by a process killed inside its transaction), "
        "older than the grace period (LANTU_FILES_SWEEP_GRACE_HOURS); --dry-run lists them only."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sweep = sub.add_parser("sweep", help="remove unreferenced stored files older than the grace period")
        sweep.add_argument(
            "--dry-run", action="store_true", help="list what would be removed, remove nothing"
        )
        sweep.add_argument("--grace-hours", type=float, help="override LANTU_FILES_SWEEP_GRACE_HOURS")

    def handle(self, *args, action: str, dry_run: bool = False, grace_hours: float | None = None, **options):
        grace = sweep_grace() if grace_hours is None else timedelta(hours=max(grace_hours, 0))
        swept = files_sweep(now=timezone.now(), grace=grace, dry_run=dry_run, by="lantu files sweep")
        verb = "would remove" if dry_run else "removed"
        for orphan in swept.orphans:
            self.stdout.write(
                f"{verb} {orphan.name} ({orphan.size} bytes, written {orphan.modified:%Y-%m-%d %H:%M})"
            )
        self.stdout.write(f"{verb} {len(swept.orphans)} unreferenced files, {swept.size} bytes")
