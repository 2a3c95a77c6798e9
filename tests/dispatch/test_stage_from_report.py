"""An approved report's stage reached moves the project's stage, recorded with the approving user."""

from datetime import UTC, date, datetime
from decimal import Decimal

from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport, ReportingPeriod

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


def _approved(actors, world, period: str, stage: str) -> ProgressReport:
    report = reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period=period,
        version=None,
        completed_investment=Decimal("10"),
        cumulative_investment=Decimal("10") * int(period[5:]),
        reported_stage=stage,
    )
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    return reporting.report_approve(actor=actors["planner"], report=report, now=NOW)


def test_approval_moves_the_project_to_the_stage_reached_with_the_approver_in_history(
    world, actors, open_period
):
    project = world.mulei_project
    new_stage = "completed" if project.stage != "completed" else "operating"
    _approved(actors, world, "2026-09", new_stage)
    project.refresh_from_db()
    assert project.stage == new_stage
    record = project.history.order_by("-history_date", "-history_id").first()
    assert record.stage == new_stage and record.history_user == world.users["planner"]
    assert "2026-09" in record.history_change_reason


def test_submitted_or_returned_report_does_not_move_the_stage(world, actors, open_period):
    project = world.mulei_project
    before = project.stage
    report = reporting.report_save(
        actor=actors["mulei"],
        project=project,
        period="2026-09",
        version=None,
        completed_investment=Decimal("1"),
        cumulative_investment=Decimal("1"),
        reported_stage="operating" if before != "operating" else "completed",
    )
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    project.refresh_from_db()
    assert project.stage == before
    reporting.report_return(actor=actors["planner"], report=report, reason="数据不全", now=NOW)
    project.refresh_from_db()
    assert project.stage == before


def test_report_without_a_stage_leaves_the_project_stage_alone(world, actors, open_period):
    before = world.mulei_project.stage
    count = world.mulei_project.history.count()
    _approved(actors, world, "2026-09", "")
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.stage == before and world.mulei_project.history.count() == count


def test_approving_an_older_month_late_does_not_move_the_stage_back(world, actors, open_period):
    ReportingPeriod.objects.create(plan=world.plan, period="2026-08", deadline=date(2026, 9, 5))
    _approved(actors, world, "2026-09", "operating")
    _approved(actors, world, "2026-08", "continuing")
    world.mulei_project.refresh_from_db()
    assert world.mulei_project.stage == "operating"
