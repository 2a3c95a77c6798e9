"""The synthetic data generator: `lantu generate --projects N --months M`."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from lantu.demo.generate import generate
from lantu.dispatch import kept
from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport, ProjectMonth, ReportingPeriod
from lantu.indicators.models import Indicator, Observation
from lantu.jobs.models import Job
from lantu.orgs.access import actor_for
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.plans.selectors import plan_list
from lantu.projects.models import Project, ProjectMilestone
from lantu.projects.selectors import project_list


def test_generate_writes_projects_with_one_report_per_month_and_growing_cumulative(db):
    out = StringIO()
    call_command("generate", projects=4, months=14, last="2026-02", stdout=out)
    assert "4 projects" in out.getvalue()
    assert Project.objects.filter(is_sample=True).count() == 4
    assert ReportingPeriod.objects.filter(is_open=True).values_list("period", flat=True).get() == "2026-02"
    months = ProgressReport.objects.values_list("project_id", "period").distinct()
    assert len(months) == 4 * 14
    for project in Project.objects.all():
        values = list(
            reports_in_force()
            .filter(project=project, period__startswith="2025")
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


def test_generated_reports_have_the_shape_the_review_services_give_them(db):
    generate(projects=60, months=14, last="2026-02", seed=3)
    reports = ProgressReport.objects.all()
    # One report in force per approved project-month; a correction supersedes the revision before it.
    assert not reports.filter(state="approved", submitted_at=None).exists()
    assert not reports.filter(state="approved", reviewed_by=None).exists()
    assert not reports.filter(entered_by=None).exists()
    assert set(reports.filter(state="returned").values_list("return_reason", flat=True)) <= {
        "请补充本月完成投资的依据"
    }
    states = set(reports.filter(period="2026-02").values_list("state", flat=True))
    assert states == {"draft", "submitted", "returned", "approved"}
    corrected = reports.filter(revision=2, state="approved")
    assert corrected.exists()
    for report in corrected:
        first = reports.get(project=report.project, period=report.period, revision=1)
        assert first.superseded and first.state == "approved" and report.correction_reason
    in_progress = reports.filter(revision=2, state="draft")
    for report in in_progress:
        assert not reports.get(project=report.project, period=report.period, revision=1).superseded
    # Every generated row carries one "created" history row.
    assert ProgressReport.history.filter(history_type="+").count() == reports.count()
    assert Project.history.count() == 60 and not Project.objects.filter(is_sample=False).exists()


def test_generating_several_prefectures_puts_them_under_one_region_each_seeing_its_own(db):
    done = generate(projects=30, months=3, last="2026-02", prefectures=3)
    assert done.prefectures == 3 and done.projects == 30
    region = OrgUnit.objects.get(kind=OrgUnit.Kind.REGION)
    prefectures = OrgUnit.objects.filter(kind="prefecture", parent=region)
    assert prefectures.count() == 3
    assert Plan.objects.filter(owner__in=prefectures).count() == 3
    assert Indicator.objects.filter(plan__owner__in=prefectures).count() == 3 * 6
    assert Observation.objects.filter(state="approved").exists()
    regional = actor_for(User.objects.get(username="gen-region-planner"))
    assert project_list(actor=regional).count() == 30 and plan_list(actor=regional).count() == 3
    first = actor_for(User.objects.get(username="gen-p01-planner"))
    assert project_list(actor=first).count() == 10
    assert [plan.code for plan in plan_list(actor=first)] == ["gen-plan-01"]
    reporter = actor_for(User.objects.get(username="gen-p02-c01-reporter"))
    assert {p.plan.code for p in project_list(actor=reporter)} == {"gen-plan-02"}


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


def test_generated_data_carries_its_kept_figures_as_a_rebuild_makes_them(db):
    def rows():
        return sorted(
            ProjectMonth.objects.values_list("project_id", "period", "completed", "rests_on", "state", "done")
        )

    generate(projects=4, months=3, last="2026-09")
    made = rows()
    kept.rebuild()
    assert made and made == rows()
