"""Reports that add up: 本年累计 is last month's cumulative in force plus this month, whatever the path."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lantu.dispatch import services as reporting
from lantu.dispatch.models import ProgressReport

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)
D = Decimal


@pytest.fixture(autouse=True)
def english(settings):
    """Read the services' messages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _august(world, cumulative="800", state="approved", revision=1):
    return ProgressReport.objects.create(
        project=world.mulei_project,
        period="2026-08",
        revision=revision,
        completed_investment=D("100"),
        cumulative_investment=D(cumulative),
        state=state,
    )


def _save(actors, world, version=None, **values):
    return reporting.report_save(
        actor=actors["mulei"], project=world.mulei_project, period="2026-09", version=version, **values
    )


def test_a_cumulative_that_does_not_add_up_is_refused_saying_by_how_much(world, actors, open_period):
    _august(world)
    with pytest.raises(ValidationError) as error:
        _save(actors, world, completed_investment=D("100"), cumulative_investment=D("950"))
    message = " ".join(error.value.message_dict["cumulative_investment"])
    assert "is 50 万元 more than 800 + 100 = 900 万元" in message, message
    assert not ProgressReport.objects.filter(period="2026-09").exists()


def test_an_empty_cumulative_is_computed_from_last_month_in_force(world, actors, open_period):
    _august(world)
    report = _save(actors, world, completed_investment=D("100"), cumulative_investment=None)
    assert report.cumulative_investment == D("900")


def test_an_unreviewed_correction_of_last_month_is_not_the_basis(world, actors, open_period):
    _august(world)
    _august(world, cumulative="1000", state="returned", revision=2)
    _august(world, cumulative="1100", state="submitted", revision=3)
    report = _save(actors, world, completed_investment=D("100"), cumulative_investment=None)
    assert report.cumulative_investment == D("900")


def test_a_submitted_report_of_last_month_is_not_the_basis(world, actors, open_period):
    _august(world, state="submitted")
    with pytest.raises(ValidationError, match="no approved report earlier"):
        _save(actors, world, completed_investment=D("100"), cumulative_investment=None)


def test_going_backwards_needs_a_reason_and_keeps_it(world, actors, open_period):
    _august(world)
    with pytest.raises(ValidationError) as error:
        _save(actors, world, completed_investment=D("10"), cumulative_investment=D("700"))
    assert "correction_reason" in error.value.message_dict
    report = _save(
        actors,
        world,
        completed_investment=D("10"),
        cumulative_investment=D("700"),
        correction_reason="  八月多报了110万元，已核减  ",
    )
    assert (report.cumulative_investment, report.correction_reason) == (D("700"), "八月多报了110万元，已核减")


def test_a_reason_is_dropped_once_the_figures_add_up(world, actors, open_period):
    _august(world)
    report = _save(
        actors, world, completed_investment=D("10"), cumulative_investment=D("700"), correction_reason="核减"
    )
    report = _save(
        actors,
        world,
        version=report.version,
        completed_investment=D("100"),
        cumulative_investment=D("900"),
        correction_reason="核减",
    )
    assert report.correction_reason == ""


def test_submitting_checks_again_against_a_basis_approved_since_the_draft(world, actors, open_period):
    report = _save(actors, world, completed_investment=D("100"), cumulative_investment=D("900"))
    _august(world, cumulative="850")
    with pytest.raises(ValidationError, match="50 万元 less than 850 \\+ 100"):
        reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    report.refresh_from_db()
    assert report.state == "draft"


def test_without_a_report_last_month_the_cumulative_must_be_typed(world, actors, open_period):
    with pytest.raises(ValidationError) as error:
        _save(actors, world, completed_investment=D("100"), cumulative_investment=None)
    assert "cumulative_investment" in error.value.message_dict
    report = _save(actors, world, completed_investment=D("100"), cumulative_investment=D("900"))
    assert report.cumulative_investment == D("900")


def test_a_correction_revision_keeps_its_reason(world, actors, open_period):
    _august(world)
    report = _save(
        actors, world, completed_investment=D("10"), cumulative_investment=D("700"), correction_reason="核减"
    )
    reporting.report_submit(actor=actors["mulei"], report=report, now=NOW)
    reporting.report_approve(actor=actors["planner"], report=report, now=NOW)
    revision = reporting.report_revise(actor=actors["mulei"], report=report)
    assert revision.correction_reason == "核减"
