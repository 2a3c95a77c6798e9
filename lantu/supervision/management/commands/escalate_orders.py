"""`lantu escalate_orders`: escalate supervision orders unanswered past their deadline (run from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lantu.supervision.services import orders_escalate


class Command(BaseCommand):
    help = "Escalate every open supervision order past its deadline one level; running it again does nothing."

    def handle(self, *args, **options):
        escalated = orders_escalate(now=timezone.now())
        for order in escalated:
            self.stdout.write(f"{order.pk}\t{order.unit.label}\t{order.deadline.isoformat()}\t{order.title}")
        self.stdout.write(f"escalated: {len(escalated)}")
