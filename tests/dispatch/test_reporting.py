"""Project reports: states, locking, revisions, optimistic locking and permissions."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport
from lantu.lib.errors import StaleEdit


@pytest.fixture(autouse=True)
def english(settings):
    """Read the services' messages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


def _draft(actors, world, **values):
    values = {"completed_investment": Decimal("100"), "cumulative_investment": Decimal("900"), **values}
    return reporting.report_save(
        actor=actors["mulei"], project=world.mulei_project, period="2026-09", version=None, **values
    )


def test_reporter_drafts_submits_and_planner_approves_then_report_is_locked(world, actors, open_period):
    report = _draft(actors, world)
    assert report.state == "draft" and report.entered_by == world.users["mulei"]
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    reporting.report_approve(actor=actors["planner"], report=report, now=NOW)
    report.refresh_from_db()
    assert report.state == "approved" and report.reviewed_by == world.users["planner"]
    with pytest.raises(ValidationError, match="can no longer be changed"):
        reporting.report_save(
            actor=actors["mulei"],
            project=world.mulei_project,
            period="2026-09",
            version=report.version,
            completed_investment=Decimal("1"),
            cumulative_investment=Decimal("901"),
        )


def test_planner_returns_with_a_reason_and_the_unit_can_edit_again(world, actors, open_period):
    report = _draft(actors, world)
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    with pytest.raises(ValidationError):
        reporting.report_return(actor=actors["planner"], report=report, reason="  ", now=NOW)
    reporting.report_return(actor=actors["planner"], report=report, reason="累计数与台账不符", now=NOW)
    assert report.state == "returned" and report.return_reason == "累计数与台账不符"
    edited = reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=report.version,
        completed_investment=Decimal("90"),
        cumulative_investment=Decimal("890"),
    )
    assert edited.cumulative_investment == Decimal("890")


def test_second_save_of_the_same_draft_version_is_refused(world, actors, open_period):
    report = _draft(actors, world)
    opened = report.version
    reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=opened,
        completed_investment=Decimal("120"),
        cumulative_investment=Decimal("920"),
    )
    with pytest.raises(StaleEdit, match="Someone else saved"):
        reporting.report_save(
            actor=actors["planner"],
            project=world.mulei_project,
            period="2026-09",
            version=opened,
            completed_investment=Decimal("130"),
            cumulative_investment=Decimal("930"),
        )
    assert ProgressReport.objects.get(pk=report.pk).cumulative_investment == Decimal("920")


def test_county_reporter_cannot_approve_even_its_own_report(world, actors, open_period):
    report = _draft(actors, world)
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    with pytest.raises(PermissionDenied):
        reporting.report_approve(actor=actors["mulei"], report=report, now=NOW)
    with pytest.raises(PermissionDenied):
        reporting.report_approve(actor=actors["qitai"], report=report, now=NOW)


def test_planner_cannot_approve_a_report_they_entered(world, actors, open_period):
    report = reporting.report_save(
        actor=actors["planner"],
        project=world.mulei_project,
        period="2026-09",
        version=None,
        completed_investment=Decimal("1"),
        cumulative_investment=Decimal("1"),
    )
    reporting.report_submit(actor=actors["planner"], report=report, now=NOW)
    with pytest.raises(PermissionDenied, match="another person"):
        reporting.report_approve(actor=actors["planner"], report=report, now=NOW)


def test_other_county_cannot_report_on_a_project(world, actors, open_period):
    with pytest.raises(PermissionDenied):
        reporting.report_save(
            actor=actors["qitai"],
            project=world.mulei_project,
            period="2026-09",
            version=None,
            completed_investment=Decimal("1"),
            cumulative_investment=Decimal("1"),
        )


def test_correction_is_a_new_revision_and_supersedes_the_approved_one_once_approved(
    world, actors, open_period
):
    report = _draft(actors, world)
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    reporting.report_approve(actor=actors["planner"], report=report, now=NOW)
    revision = reporting.report_revise(actor=actors["mulei"], report=report)
    assert revision.revision == 2 and revision.state == "draft"
    revision = reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=revision.version,
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("950"),
    )
    report.refresh_from_db()
    assert not report.superseded  # the approved figures stay in force until the correction is approved
    reporting.report_submit(actor=actors["mulei"], report=revision, now=NOW)
    reporting.report_approve(actor=actors["planner"], report=revision, now=NOW)
    report.refresh_from_db()
    assert report.superseded and report.cumulative_investment == Decimal("900")


def test_shrinking_or_negative_year_to_date_investment_is_refused(world, actors, open_period):
    august = ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("800"),
        state="approved",
    )
    assert august.pk
    with pytest.raises(ValidationError) as error:
        _draft(actors, world, cumulative_investment=Decimal("700"))
    assert "cumulative_investment" in error.value.message_dict
    with pytest.raises(ValidationError):
        _draft(actors, world, completed_investment=Decimal("-5"))
    assert not ProgressReport.objects.filter(period="2026-09").exists()


def test_closed_period_refuses_drafts_until_reopened(world, actors, open_period):
    reporting.period_close(actor=actors["planner"], period=open_period)
    with pytest.raises(ValidationError, match="closed"):
        _draft(actors, world)
    reporting.period_open(actor=actors["planner"], plan=world.plan, period="2026-09")
    assert _draft(actors, world).pk


def test_only_the_planning_office_opens_periods_with_a_default_deadline(world, actors):
    with pytest.raises(PermissionDenied):
        reporting.period_open(actor=actors["mulei"], plan=world.plan, period="2026-10")
    period = reporting.period_open(actor=actors["planner"], plan=world.plan, period="2026-12")
    assert str(period.deadline) == "2027-01-05"
