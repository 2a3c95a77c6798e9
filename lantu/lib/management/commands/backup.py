"""`lantu backup`: write one archive with the database, the uploaded files and a manifest of checksums."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantu.lib.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a backup archive (database, uploaded files, manifest with SHA-256 checksums)."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Archive to write (default: var/backups/lantu-backup-YYYYMMDD-HHMMSS.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        now = timezone.now()
        stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"lantu-backup-{stamp}.tar.gz"
        try:
            manifest = backup_write(output=path, now=now)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(f"{path}: {manifest['vendor']} database and {media} uploaded files")
