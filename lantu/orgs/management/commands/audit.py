"""`lantu audit verify` checks the audit trail's hash chain; `lantu audit prune --before DATE` prunes."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantu.orgs.audit import audit_prune, audit_verify


class Command(BaseCommand):
    help = "verify: check the audit trail's SM3 hash chain; prune --before YYYY-MM-DD: delete older records."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="report the first record where the chain is broken")
        prune = sub.add_parser(
            "prune", help="delete records before a date (never within the retention period)"
        )
        prune.add_argument("--before", required=True, help="YYYY-MM-DD")

    def handle(self, *args, action: str, **options):
        if action == "verify":
            checked, broken = audit_verify()
            if broken is not None:
                raise CommandError(
                    f"chain broken at record {broken.record_id}: {broken.reason} "
                    f"({checked} records intact before it)"
                )
            self.stdout.write(f"audit trail intact: {checked} records")
            return
        try:
            day = datetime.strptime(options["before"], "%Y-%m-%d").date()
        except ValueError:
            raise CommandError("--before takes a date as YYYY-MM-DD") from None
        before = datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
        try:
            deleted = audit_prune(before=before, now=timezone.now())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"deleted {deleted} audit records before {day}")
