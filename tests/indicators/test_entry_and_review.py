"""Data entry by the responsible unit, review by the planner, revisions and plausibility flags."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lantu.indicators.checks import jump_flags, observation_flags
from lantu.indicators.models import Observation
from lantu.indicators.periods import entry_periods, normalize_period
from lantu.indicators.services import (
    observation_approve,
    observation_return,
    observation_save,
    observation_submit,
)
from lantu.indicators.status import indicator_status
from lantu.orgs.access import actor_for

NOW = datetime(2027, 11, 15, tzinfo=UTC)


def _actor(world, name):
    return actor_for(world.users[name])


def _enter(world, output, value, period="2026", user="industry", submit=True):
    return observation_save(
        actor=_actor(world, user), indicator=output, period=period, value=value, submit=submit, now=NOW
    )


def test_reporter_enters_planner_returns_reporter_corrects_planner_approves(world, output):
    observation = _enter(world, output, "95")
    assert observation.state == Observation.State.SUBMITTED
    assert indicator_status(output, output.observations.all(), NOW).status == "no_data"
    observation_return(actor=_actor(world, "planner"), observation=observation, reason="口径有误", now=NOW)
    observation.refresh_from_db()
    assert (observation.state, observation.return_reason) == ("returned", "口径有误")
    corrected = _enter(world, output, "110")
    assert corrected.pk == observation.pk and corrected.state == "submitted"
    observation_approve(actor=_actor(world, "planner"), observation=corrected, now=NOW)
    assert indicator_status(output, output.observations.all(), NOW).status == "on_track"
    history = [(h.value, h.state) for h in corrected.history.order_by("history_date")]
    assert (Decimal("95"), "submitted") in history and (Decimal("110"), "approved") in history


def test_a_reporter_cannot_approve_or_return(world, output):
    observation = _enter(world, output, "105")
    with pytest.raises(PermissionDenied):
        observation_approve(actor=_actor(world, "industry"), observation=observation, now=NOW)
    with pytest.raises(PermissionDenied):
        observation_return(actor=_actor(world, "industry"), observation=observation, reason="x", now=NOW)


def test_another_unit_cannot_enter_values(world, output):
    with pytest.raises(PermissionDenied):
        _enter(world, output, "105", user="mulei")
    with pytest.raises(PermissionDenied):
        _enter(world, output, "105", user="leader")
    assert not output.observations.exists()


def test_returning_needs_a_reason(world, output):
    observation = _enter(world, output, "105")
    with pytest.raises(ValidationError):
        observation_return(actor=_actor(world, "planner"), observation=observation, reason="  ", now=NOW)
    observation.refresh_from_db()
    assert observation.state == "submitted"


def test_only_submitted_values_are_reviewed(world, output):
    draft = _enter(world, output, "105", submit=False)
    assert draft.state == "draft"
    with pytest.raises(ValidationError):
        observation_approve(actor=_actor(world, "planner"), observation=draft, now=NOW)
    observation_submit(actor=_actor(world, "industry"), observation=draft, now=NOW)
    assert observation_approve(actor=_actor(world, "planner"), observation=draft, now=NOW).state == "approved"


def test_correcting_an_approved_value_needs_review_again_and_keeps_the_approved_row(world, output):
    observation = _enter(world, output, "105")
    observation_approve(actor=_actor(world, "planner"), observation=observation, now=NOW)
    revised = _enter(world, output, "107")
    assert revised.pk != observation.pk and revised.revision == 2
    assert revised.state == "submitted" and revised.value == Decimal("107")
    observation.refresh_from_db()
    kept = (observation.state, observation.value, observation.superseded)
    assert kept == ("approved", Decimal("105"), False)


def test_entering_the_same_value_again_changes_nothing(world, output):
    observation = _enter(world, output, "105")
    observation_approve(actor=_actor(world, "planner"), observation=observation, now=NOW)
    count = observation.history.count()
    again = _enter(world, output, "105.0")
    assert again.state == "approved" and again.history.count() == count


@pytest.mark.parametrize(
    ("typed", "label"),
    [("2027", "2027"), ("2027-Q2", "2027Q2"), ("2027Q2", "2027Q2"), ("2027-06", "2027-06"), (2027.0, "2027")],
)
def test_period_labels_users_type_are_normalised(typed, label):
    assert normalize_period(typed) == label


@pytest.mark.parametrize(
    ("period", "value"),
    [
        ("2025", "1"),
        ("2031", "1"),
        ("2028", "1"),
        ("2027-06", "1"),
        ("二〇二七", "1"),
        ("2026", "abc"),
        ("2026", ""),
    ],
)
def test_bad_periods_and_values_are_refused_in_chinese(world, output, period, value):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        _enter(world, output, value, period=period)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in " ".join(error.value.messages))
    assert not output.observations.exists()


def test_quarterly_indicator_takes_quarters_and_years(world, output):
    output.frequency = "quarterly"
    output.save()
    assert _enter(world, output, "101", period="2027-Q2").period == "2027Q2"
    assert entry_periods(output, NOW)[:5] == ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026"]
    assert entry_periods(output, NOW)[-2:] == ["2027Q4", "2027"]


def test_jumps_over_half_and_sign_changes_are_flagged():
    assert jump_flags(Decimal(100), Decimal(149)) == []
    assert len(jump_flags(Decimal(100), Decimal(151))) == 1
    assert len(jump_flags(Decimal(100), Decimal(40))) == 1
    assert len(jump_flags(Decimal(5), Decimal(-1))) == 1
    assert jump_flags(None, Decimal(5)) == []


def test_a_value_far_from_the_previous_period_is_flagged_for_the_reviewer(world, output):
    first = _enter(world, output, "104")
    assert observation_flags(first) == []  # against the baseline 100
    observation_approve(actor=_actor(world, "planner"), observation=first, now=NOW)
    jump = _enter(world, output, "180", period="2027")
    assert observation_flags(jump)
