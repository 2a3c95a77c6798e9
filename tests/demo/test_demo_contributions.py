"""The demo's project contributions: 阜康抽水蓄能电站 cited and realised, sample ones under way."""

from datetime import UTC, datetime

import pytest

from lantu.demo.services import demo_load
from lantu.orgs.access import Actor
from lantu.orgs.models import Role
from lantu.projects.contributions_selectors import indicator_pipeline
from lantu.projects.models import Contribution

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
LEADER = Actor(user_id=None, username="leader", role=Role.LEADER, unit_id=None)


@pytest.mark.django_db
def test_demo_pipeline_shows_realised_expected_and_a_remaining_gap(settings):
    settings.DEMO = False
    demo_load(now=NOW)
    fukang = Contribution.objects.select_related("project", "indicator", "source").get(project__code="FK-001")
    assert fukang.indicator.name == "发电装机容量"
    assert fukang.source is not None and "阜康抽水蓄能电站正式投产运行" in fukang.source_quote
    assert fukang.sample_fields == ["amount"] and not fukang.is_sample
    others = Contribution.objects.exclude(pk=fukang.pk)
    assert others.exists() and all(c.is_sample for c in others)

    latest = fukang.indicator.observations.filter(state="approved").order_by("period_end").last()
    view = indicator_pipeline(actor=LEADER, indicator=fukang.indicator, latest=latest, now=NOW)
    assert view.result.realised == 120
    assert view.result.expected > 0 and len(view.result.by_year) >= 2
    assert view.result.shortfall > 0


@pytest.mark.django_db
def test_reloading_the_demo_keeps_the_contributions_unchanged(settings):
    settings.DEMO = False
    demo_load(now=NOW)
    first = list(Contribution.objects.order_by("pk").values())
    history = Contribution.history.count()
    demo_load(now=NOW)
    assert list(Contribution.objects.order_by("pk").values()) == first
    assert Contribution.history.count() == history
