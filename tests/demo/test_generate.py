"""The synthetic data generator: `lantu generate --projects N --months M`."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lantu.dispatch.models import ProgressReport, ReportingPeriod
from lantu.jobs.models import Job
from lantu.projects.models import Project, ProjectMilestone


def test_generate_writes_projects_with_one_report_per_month_and_growing_cumulative(db):
    out = StringIO()
    call_command("generate", projects=4, months=14, last="2026-02", stdout=out)
    assert "4 projects, 56 reports" in out.getvalue()
    assert Project.objects.filter(is_sample=True).count() == 4
    assert ReportingPeriod.objects.filter(is_open=True).values_list("period", flat=True).get() == "2026-02"
    for project in Project.objects.all():
        values = list(
            ProgressReport.objects.filter(project=project, period__startswith="2025")
            .order_by("period")
            .values_list("cumulative_investment", flat=True)
        )
        assert len(values) == 12 and values == sorted(values)
        # 2025-06 and 2025-12: a dated milestone each half year, flagged as sample data.
        assert list(project.dated_milestones.values_list("planned_date", flat=True)) == [
            date(2025, 6, 30),
            date(2025, 12, 31),
        ]
    assert not ProjectMilestone.objects.filter(is_sample=False).exists()


def test_generate_refuses_a_bad_month(db):
    with pytest.raises(CommandError):
        call_command("generate", projects=1, months=1, last="2026-13")


def test_generate_in_the_background_is_a_job_the_worker_runs_with_progress(transactional_db, settings):
    settings.LANTU_JOBS_SYNC = False
    out = StringIO()
    call_command("generate", projects=3, months=2, last="2026-02", background=True, stdout=out)
    job = Job.objects.get()
    assert f"job {job.pk} queued" in out.getvalue() and not Project.objects.exists()
    worker_out = StringIO()
    call_command("worker", "--batch", "--no-schedule", stdout=worker_out)
    job.refresh_from_db()
    assert job.state == "done" and job.result["projects"] == 3 and Project.objects.count() == 3
    assert f"job {job.pk} [0/3] 月度进展报告" in worker_out.getvalue()
    follow = StringIO()
    call_command("jobs", job.pk, "--follow", stdout=follow)
    assert follow.getvalue().startswith(f"job {job.pk} done 100%")
