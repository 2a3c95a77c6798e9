"""`lantu load_demo`: load or refresh the Changji demo dataset."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from lantu.demo.services import demo_load
from lantu.demo.users import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load or refresh the Changji demo dataset (idempotent); demo users only when LANTU_DEMO=1."

    def handle(self, *args: object, **options: object) -> None:
        """Load the demo and print what it holds."""
        summary = demo_load(now=timezone.now())
        counts = ", ".join(f"{count} {name}" for name, count in summary.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Changji demo loaded: {counts}."))
        if summary.users:
            self.stdout.write(f"Demo users (password {DEMO_PASSWORD}): {', '.join(summary.users)}.")
        else:
            self.stdout.write(
                "No users were created: demo users exist only when LANTU_DEMO=1"
                f" (settings.DEMO is {settings.DEMO})."
            )
