"""The demo facts: every quote is verbatim in its source, every fact is cited or marked sample."""

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from lantu.demo import clusters, indicators, model_prefecture, plan_fyp15, projects, sources, units
from lantu.demo.facts import Cite, Fact, ItemFact
from lantu.demo.sources import squeeze
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.models import AnnualPlan, Project

SHARED = Path(__file__).resolve().parents[3] / "shared" / "source-docs"
ALL_FACTS: tuple[Fact, ...] = (
    *units.UNITS,
    *clusters.CLUSTERS,
    plan_fyp15.FYP15,
    model_prefecture.MODEL_PREFECTURE,
    *plan_fyp15.ITEMS,
    *model_prefecture.ITEMS,
    *indicators.INDICATORS,
    *(o for i in indicators.INDICATORS for o in i.observations),
    *projects.PROJECTS,
    *(a for p in projects.PROJECTS for a in p.annual_plans),
)
MODEL_OF = {
    "UnitFact": OrgUnit,
    "ClusterFact": Cluster,
    "PlanFact": Plan,
    "ItemFact": PlanItem,
    "IndicatorFact": Indicator,
    "ObservationFact": Observation,
    "ProjectFact": Project,
    "AnnualPlanFact": AnnualPlan,
}


def _cites(obj: object) -> Iterator[Cite]:
    if isinstance(obj, Cite):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _cites(getattr(obj, f.name))
    elif isinstance(obj, tuple | list):
        for part in obj:
            yield from _cites(part)


ALL_CITES = [c for fact in ALL_FACTS for c in _cites(fact)]


@pytest.mark.parametrize("cite", ALL_CITES, ids=lambda c: c.quote[:24])
def test_every_quote_is_verbatim_in_its_source(cite: Cite) -> None:
    text = squeeze(sources.source_text(cite.doc))
    assert squeeze(cite.quote) in text, f"not in {cite.doc}: {cite.quote}"


@pytest.mark.parametrize("source", sources.SOURCES, ids=lambda s: s.code)
def test_bundled_texts_match_the_shared_source_documents(source: sources.SourceFact) -> None:
    original = SHARED / source.filename
    if not original.exists():
        pytest.skip("shared source documents are not next to this checkout")
    assert sources.source_text(source.code) == original.read_text(encoding="utf-8")


def test_every_fact_is_cited_or_marked_sample() -> None:
    for fact in ALL_FACTS:
        assert fact.cite is not None or fact.sample, fact


def test_sample_fields_name_real_model_fields() -> None:
    for fact in ALL_FACTS:
        model = MODEL_OF[type(fact).__name__]
        names = {f.name for f in model._meta.get_fields()}
        assert set(fact.sample_fields) <= names, (fact, set(fact.sample_fields) - names)


def test_whole_sample_facts_list_no_sample_fields() -> None:
    for fact in ALL_FACTS:
        assert not (fact.sample and fact.sample_fields), fact


def test_plan_trees_are_complete_and_unique() -> None:
    for items in (plan_fyp15.ITEMS, model_prefecture.ITEMS):
        codes = [i.code for i in items]
        assert len(codes) == len(set(codes))
        for item in items:
            assert item.parent_code is None or item.parent_code in codes, item.code


def test_measures_sit_under_goals_and_tasks_under_measures_or_actions() -> None:
    levels = {(i.plan, i.code): i.level for i in plan_fyp15.ITEMS + model_prefecture.ITEMS}
    parent_level = {"goal": None, "measure": "goal", "action": "goal", "task": ("measure", "action")}
    for item in plan_fyp15.ITEMS + model_prefecture.ITEMS:
        expected = parent_level[item.level]
        actual = levels.get((item.plan, item.parent_code)) if item.parent_code else None
        assert actual == expected or (isinstance(expected, tuple) and actual in expected), item.code


def test_item_counts_match_the_texts() -> None:
    fyp = [i.level for i in plan_fyp15.ITEMS]
    assert fyp.count("goal") == 6
    assert fyp.count("measure") == 12
    assert 60 <= len(fyp) <= 100
    assert [i.level for i in model_prefecture.ITEMS].count("action") == 10


def test_every_reference_points_at_a_known_code() -> None:
    unit_codes = {u.code for u in units.UNITS}
    cluster_codes = {c.code for c in clusters.CLUSTERS}
    items = {(i.plan, i.code) for i in plan_fyp15.ITEMS + model_prefecture.ITEMS}
    for item in plan_fyp15.ITEMS + model_prefecture.ITEMS:
        assert isinstance(item, ItemFact)
        assert {item.lead, *item.partners} <= unit_codes, item.code
        assert set(item.clusters) <= cluster_codes, item.code
    for ind in indicators.INDICATORS:
        assert ind.responsible in unit_codes
        assert {(plan_fyp15.PLAN, code) for code in ind.items} <= items, ind.code
    for p in projects.PROJECTS:
        assert {p.county, p.lead} | ({p.park} if p.park else set()) <= unit_codes, p.code
        assert p.cluster is None or p.cluster in cluster_codes, p.code
        assert {(p.plan, code) for code in p.items} <= items, p.code


def test_projects_cover_every_county_park_stage_and_most_clusters() -> None:
    assert {p.county for p in projects.PROJECTS} == set(units.COUNTY_CODES)
    assert {p.park for p in projects.PROJECTS if p.park} == set(units.PARK_CODES)
    assert {p.stage for p in projects.PROJECTS} == {
        "reserve",
        "preparation",
        "new",
        "continuing",
        "completed",
        "operating",
    }
    assert {p.cluster for p in projects.PROJECTS if p.cluster} == {c.code for c in clusters.CLUSTERS}
