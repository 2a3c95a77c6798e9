"""`lantu restore ARCHIVE`: bring a backup back into an empty install (or over one with --force)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantu.lib.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive written by `lantu backup` into an empty install."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `lantu backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the data of an install that is not empty."
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            restored = backup_restore(archive=Path(archive), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup of {restored.created_at}: {restored.vendor}, {restored.tables} tables, "
            f"{restored.files} uploaded files. Run `lantu migrate` if this release is newer than the backup."
        )
