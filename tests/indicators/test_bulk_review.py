"""Bulk review: several submitted values approved at once, with the single-value rules, all or nothing."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lantu.indicators.models import Indicator, Observation
from lantu.indicators.services import observations_approve
from lantu.orgs.access import actor_for

NOW = datetime(2027, 6, 30, 12, tzinfo=UTC)


def _submitted(indicator, period: str, value) -> Observation:
    return Observation.objects.create(
        indicator=indicator,
        period=period,
        period_end=date(int(period), 12, 31),
        value=value,
        state="submitted",
    )


@pytest.fixture
def queue(world, output):
    """Two plausible submitted values and one that jumps by more than 50 %."""
    second = Indicator.objects.get(pk=output.pk)
    second.pk, second.code, second.name = None, "second", "第二指标"
    second.save()
    return {
        "plain": _submitted(output, "2026", 104),
        "second": _submitted(second, "2026", 110),
        "jump": _submitted(world.gdp, "2027", 5000),
    }


def _states(queue) -> dict[str, str]:
    return {key: Observation.objects.get(pk=o.pk).state for key, o in queue.items()}


def test_planner_approves_several_plain_values_at_once(world, queue):
    planner = actor_for(world.users["planner"])
    count = observations_approve(
        actor=planner, observations=[queue["plain"], queue["second"]], confirm_flagged=False, now=NOW
    )
    assert count == 2
    assert _states(queue) == {"plain": "approved", "second": "approved", "jump": "submitted"}
    assert Observation.objects.get(pk=queue["second"].pk).reviewed_by == world.users["planner"]


def test_flagged_value_in_the_selection_needs_confirmation_and_nothing_is_approved_without(world, queue):
    planner = actor_for(world.users["planner"])
    selection = [queue["plain"], queue["jump"]]
    with pytest.raises(ValidationError, match="flagged"):
        observations_approve(actor=planner, observations=selection, confirm_flagged=False, now=NOW)
    assert _states(queue)["plain"] == "submitted"
    observations_approve(actor=planner, observations=selection, confirm_flagged=True, now=NOW)
    assert _states(queue) == {"plain": "approved", "second": "submitted", "jump": "approved"}


def test_one_value_that_cannot_be_approved_stops_the_whole_batch(world, queue):
    Observation.objects.filter(pk=queue["second"].pk).update(state="approved")
    queue["second"].refresh_from_db()
    with pytest.raises(ValidationError):
        observations_approve(
            actor=actor_for(world.users["planner"]),
            observations=[queue["plain"], queue["second"]],
            confirm_flagged=True,
            now=NOW,
        )
    assert _states(queue)["plain"] == "submitted"


def test_reporters_cannot_bulk_approve(world, queue):
    with pytest.raises(PermissionDenied):
        observations_approve(
            actor=actor_for(world.users["industry"]),
            observations=[queue["plain"]],
            confirm_flagged=True,
            now=NOW,
        )
    assert _states(queue)["plain"] == "submitted"


def test_review_page_approves_the_ticked_values(login, world, queue):
    client = login("planner")
    html = client.get("/indicators/review/").content.decode()
    assert 'form="bulk-approve"' in html and 'name="confirm_flagged"' in html
    response = client.post(
        "/indicators/review/approve/", {"observation": [queue["plain"].pk, queue["second"].pk]}, follow=True
    )
    assert "2 values approved" in response.content.decode()
    assert _states(queue) == {"plain": "approved", "second": "approved", "jump": "submitted"}


def test_review_page_refuses_a_flagged_value_without_confirmation(login, world, queue):
    client = login("planner")
    response = client.post(
        "/indicators/review/approve/", {"observation": [queue["plain"].pk, queue["jump"].pk]}, follow=True
    )
    page = response.content.decode()
    assert "flagged" in page and "nothing was approved" in page
    assert _states(queue)["plain"] == "submitted"
    client.post(
        "/indicators/review/approve/",
        {"observation": [queue["plain"].pk, queue["jump"].pk], "confirm_flagged": "1"},
    )
    assert _states(queue)["jump"] == "approved"


def test_empty_selection_asks_to_select_values(login, world, queue):
    response = login("planner").post("/indicators/review/approve/", {}, follow=True)
    assert "Select the values to approve" in response.content.decode()


def test_first_year_after_the_baseline_is_checked_against_the_baseline_not_older_history(world, output):
    Observation.objects.create(
        indicator=output, period="2024", period_end=date(2024, 12, 31), value=60, state="approved"
    )
    plausible = _submitted(output, "2026", 104)  # +4 % on the 2025 baseline of 100, +73 % on 2024
    jump = _submitted(output, "2027", 104)
    from lantu.indicators.checks import observation_flags

    assert observation_flags(plausible) == []
    Observation.objects.filter(pk=plausible.pk).update(value=180)
    plausible.refresh_from_db()
    assert observation_flags(plausible) == ["changed by +80% against the previous period (100)"]
    assert observation_flags(jump) == []  # +4 % on the baseline, the nearest value before 2027
