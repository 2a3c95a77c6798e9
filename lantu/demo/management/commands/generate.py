"""`lantu generate --projects N --months M`: fill the database with synthetic dispatch data."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lantu import jobs
from lantu.core import periods
from lantu.demo.generate import generate
from lantu.jobs.services import Progress


class Command(BaseCommand):
    help = "Fill the database with synthetic units, projects and monthly reports (flagged as sample data)."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, required=True)
        parser.add_argument("--months", type=int, required=True)
        parser.add_argument("--last", default="", help="last reported month, YYYY-MM (default: last month)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--prefectures",
            type=int,
            default=1,
            help="spread the projects over this many prefectures under one region unit (default 1)",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue it as a job for `lantu worker` (follow it with `lantu jobs ID --follow`)",
        )

    def handle(
        self,
        *args,
        projects: int,
        months: int,
        last: str,
        seed: int,
        prefectures=1,
        background=False,
        **options,
    ):
        if projects < 1 or months < 1 or prefectures < 1:
            raise CommandError("--projects, --months and --prefectures must be at least 1")
        today = timezone.localdate()
        last = last or periods.previous_month(periods.month_label(today.year, today.month))
        try:
            periods.parse_month(last)
        except ValueError:
            raise CommandError(f"--last {last!r} is not a month like 2026-09") from None
        if background:
            job = jobs.enqueue(
                "lantu.demo.generate.generate_job",
                title=f"generate {projects} projects × {months} months",
                kwargs={
                    "projects": projects,
                    "months": months,
                    "last": last,
                    "seed": seed,
                    "prefectures": prefectures,
                },
            )
            self.stdout.write(f"job {job.pk} queued; `lantu worker` runs it; `lantu jobs {job.pk} --follow`")
            return
        echo = self.stderr.write if options["verbosity"] > 1 else None
        done = generate(
            projects=projects,
            months=months,
            last=last,
            seed=seed,
            prefectures=prefectures,
            step=Progress(echo=echo).step,
        )
        self.stdout.write(
            f"{done.projects} projects, {done.reports} reports over {done.periods} months, "
            f"{done.problems} problems, {done.prefectures} prefectures"
        )
