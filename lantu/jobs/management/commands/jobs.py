"""`lantu jobs [ID] [--follow] [--retry]`: list background jobs, or print one job's progress until it ends."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantu.jobs import services
from lantu.jobs.models import Job


def _line(job: Job) -> str:
    counts = f" [{job.done}/{job.total}]" if job.total else ""
    tail = f" {job.error}" if job.error else ""
    return f"job {job.pk} {job.state} {job.percent}%{counts} {job.step}{tail}".rstrip()


class Command(BaseCommand):
    help = "List background jobs, or follow one job's progress; --retry queues a failed job again."

    def add_arguments(self, parser):
        parser.add_argument("job", nargs="?", type=int)
        parser.add_argument("--follow", action="store_true", help="print the job's progress until it ends")
        parser.add_argument(
            "--retry", action="store_true", help="queue the failed job again (as an administrator)"
        )

    def handle(self, *args, job=None, follow=False, retry=False, **options):
        if job is None:
            for row in Job.objects.all()[:20]:
                self.stdout.write(f"{_line(row)} · {row.title}")
            return
        found = Job.objects.filter(pk=job).first()
        if found is None:
            raise CommandError(f"no job {job}")
        if retry:
            admin = get_user_model()(is_superuser=True)
            found = services.job_retry(user=admin, job=found, now=timezone.now())
        last = ""
        while True:
            line = _line(found)
            if line != last:
                self.stdout.write(line)
                last = line
            if not follow or not found.active:
                break
            time.sleep(1)
            found.refresh_from_db()
        if found.state == Job.State.FAILED:
            raise CommandError(found.error)
