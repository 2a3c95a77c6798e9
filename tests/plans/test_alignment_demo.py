"""The demo's plan system: a sample ecological special plan aligned to measure 12 and a sample county plan."""

from datetime import UTC, datetime

import pytest

from lantu.demo import alignment as demo
from lantu.demo.services import demo_load
from lantu.demo.sources import source_text, squeeze
from lantu.orgs.access import actor_for
from lantu.plans.alignment_selectors import alignment_view
from lantu.plans.models import Alignment, Plan

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_rows(demo_for_the_module):
    with demo_for_the_module(now=NOW, users=False) as summary:
        yield summary


@pytest.fixture
def loaded(demo_rows, db, settings):
    settings.DEMO = False


def test_every_demo_quote_is_verbatim_and_every_fact_is_sample():
    for fact in (*demo.PLANS, *demo.ITEMS):
        assert fact.sample, fact
        if fact.cite:
            assert squeeze(fact.cite.quote) in squeeze(source_text(fact.cite.doc))


def test_ecological_plan_carries_measure_12_and_keeps_one_item_unaligned(loaded, django_user_model):
    eco = Plan.objects.get(code=demo.ECO)
    assert (eco.kind, eco.owner.code, eco.parent.code, eco.is_sample) == ("special", "ecology", "fyp15", True)
    targets = set(Alignment.objects.filter(item__plan=eco).values_list("target__code", flat=True))
    assert targets and all(code == "3.6" or code.startswith("3.6.") for code in targets)
    assert Alignment.objects.filter(item__plan=eco, is_sample=False).count() == 0
    county = Plan.objects.get(code=demo.MULEI)
    assert (county.kind, county.owner.code) == ("local", "mulei")
    admin = django_user_model.objects.create_user("boss", is_superuser=True)
    view = alignment_view(actor=actor_for(admin), code="fyp15")
    rows = {row.item.code: row for row in view.rows}
    assert rows["3.6"].state == "direct"
    assert {group.plan.code for group in rows["3.6"].groups} == {demo.ECO, demo.MULEI}
    coverage = {row.plan.code: row for row in view.coverage}
    assert [gap.item.title for gap in coverage[demo.ECO].unaligned] == ["加强核与辐射安全监管"]


def test_reloading_the_demo_keeps_the_links_and_their_history(loaded):
    links = sorted(Alignment.objects.values_list("pk", "item_id", "target_id", "kind"))
    history = Alignment.history.count()
    demo_load(now=NOW)
    assert sorted(Alignment.objects.values_list("pk", "item_id", "target_id", "kind")) == links
    assert Alignment.history.count() == history == len(links)
