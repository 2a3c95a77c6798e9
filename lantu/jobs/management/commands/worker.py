"""`lantu worker`: run background jobs and the scheduled work, printing each job's progress."""

import signal

from django.core.management.base import BaseCommand

from lantu.jobs import worker


class Command(BaseCommand):
    help = "Run queued background jobs and the scheduled work (escalation, reminders, period opening)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run what is queued now, then exit.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument("--no-schedule", action="store_true", help="Do not queue the scheduled work.")

    def handle(self, *args, batch=False, interval=1.0, no_schedule=False, **options):
        stopping = {"now": False}

        def stop(signum, frame):
            self.stderr.write("stopping after the current job …")
            stopping["now"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        echo = self.stdout.write if options["verbosity"] > 0 else None
        worker.run(
            batch=batch,
            interval=interval,
            schedule=not no_schedule,
            echo=echo,
            should_stop=lambda: stopping["now"],
        )
