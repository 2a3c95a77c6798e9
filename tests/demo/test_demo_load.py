"""What the demo loader loads: every test of this module reads one load of the demo (no users)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from lantu.demo import projects as project_facts
from lantu.demo.services import demo_load
from lantu.dispatch.models import ProgressReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import Membership, OrgUnit
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.models import AnnualPlan, Project, Stage

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
CITED_MODELS = (OrgUnit, Cluster, Plan, PlanItem, Indicator, Observation, Project, AnnualPlan, ProgressReport)


@pytest.fixture(scope="module")
def demo_rows(demo_for_the_module):
    """The demo without demo users, loaded once for the module (each test's writes roll back)."""
    with demo_for_the_module(now=NOW, users=False) as summary:
        yield summary


@pytest.fixture
def loaded(demo_rows, db, settings):
    """The demo without demo users, and the loader's summary."""
    settings.DEMO = False
    return demo_rows


@pytest.mark.django_db
def test_reloading_restores_edited_and_removes_extra_demo_rows(loaded) -> None:
    gdp = Indicator.objects.get(plan__code="fyp15", code="gdp")
    gdp.observations.create(period="2026Q4", period_end="2026-12-31", value=1, is_sample=True)
    Project.objects.filter(code="ZD-001").update(stage=Stage.RESERVE)
    demo_load(now=NOW)
    assert not gdp.observations.filter(period="2026Q4").exists()
    assert Project.objects.get(code="ZD-001").stage == Stage.CONTINUING


def test_plan_structure(loaded) -> None:
    fyp15 = Plan.objects.get(code="fyp15")
    assert (fyp15.kind, fyp15.start_year, fyp15.end_year, fyp15.baseline_year) == ("master", 2026, 2030, 2025)
    assert fyp15.owner.code == "changji"
    assert fyp15.items.filter(level="goal").count() == 6
    assert fyp15.items.filter(level="measure").count() == 12
    assert 60 <= fyp15.items.count() <= 100
    assert not fyp15.items.filter(lead_unit__isnull=True).exists()
    for measure in fyp15.items.filter(level="measure"):
        assert measure.parent.level == "goal"
    model = Plan.objects.get(code="model-prefecture-2024")
    assert model.kind == "programme"
    assert model.items.filter(level="action").count() == 10


def test_gdp_baseline_is_cited(loaded) -> None:
    gdp = Indicator.objects.get(plan__code="fyp15", code="gdp")
    assert gdp.baseline_value == Decimal("2509.23")
    assert gdp.baseline_year == 2025
    assert gdp.source.code == "changji-15th-fyp-plenary-2025-11"
    assert "2509.23" in gdp.source_quote and "1405" in gdp.source_quote
    assert gdp.is_headline and not gdp.is_sample
    assert {"target_rate", "target_year"} <= set(gdp.sample_fields)
    start = gdp.observations.get(period="2020")
    assert start.value == Decimal("1405") and start.is_cited and not start.is_sample


def test_pipeline_project(loaded) -> None:
    pipeline = Project.objects.get(name="准东煤制天然气管道一期干线工程")
    assert pipeline.code == "ZD-001"
    assert pipeline.park.code == "zhundong"
    assert pipeline.county.kind == OrgUnit.Kind.COUNTY
    assert pipeline.cluster.code == "coal" and pipeline.cluster.tier == Cluster.Tier.HUNDRED_BILLION
    assert pipeline.stage == Stage.CONTINUING
    assert pipeline.is_cited and {"county", "total_investment"} <= set(pipeline.sample_fields)
    assert pipeline.annual_plans.get(year=2026).is_sample


def test_high_standard_farmland(loaded) -> None:
    farmland = Indicator.objects.get(plan__code="fyp15", code="hs-farmland")
    assert farmland.baseline_value == Decimal("530.76")
    assert farmland.unit == "万亩"
    assert farmland.attribute == Indicator.Attribute.BINDING
    assert "530.76" in farmland.source_quote


def test_headline_indicators_and_units(loaded) -> None:
    headline = set(Indicator.objects.filter(is_headline=True).values_list("code", flat=True))
    assert headline == {"gdp", "trade", "coal-output", "power-capacity", "hs-farmland", "hitech-firms"}
    assert OrgUnit.objects.filter(kind="county").count() == 7
    assert set(OrgUnit.objects.filter(kind="park").values_list("code", flat=True)) == {"zhundong", "hitech"}
    assert OrgUnit.objects.get(code="drc").short_name == "州发改委"
    assert OrgUnit.objects.get(code="mulei").short_name == "木垒县"
    assert Cluster.objects.filter(tier="100b").count() == 3
    assert Cluster.objects.filter(tier="10b").count() == 6


def test_every_row_is_cited_or_flagged_sample(loaded) -> None:
    for model in CITED_MODELS:
        for obj in model.objects.all():
            assert obj.is_cited or obj.is_sample, (model.__name__, obj)


def test_generated_rows_are_flagged_sample(loaded) -> None:
    assert not ProgressReport.objects.filter(is_sample=False).exists()
    assert not AnnualPlan.objects.filter(year=2026, is_sample=False).exists()
    assert not Observation.objects.filter(period__startswith="2026", is_sample=False).exists()
    sample_codes = {p.code for p in project_facts.PROJECTS if p.sample}
    assert set(Project.objects.filter(is_sample=True).values_list("code", flat=True)) == sample_codes


def test_money_is_stored_in_wan(loaded) -> None:
    mulei = Project.objects.get(code="ML-001")
    assert mulei.annual_plans.get(year=2024).planned_investment == Decimal("770000")
    assert mulei.annual_plans.get(year=2024).is_cited


def test_cumulative_investment_never_shrinks(loaded) -> None:
    for project in Project.objects.all():
        reports = list(project.reports.order_by("period"))
        for before, after in zip(reports, reports[1:], strict=False):
            assert after.cumulative_investment >= before.cumulative_investment, project.code
        assert all(r.physical_progress is None or 0 <= r.physical_progress <= 100 for r in reports)
    assert set(ProgressReport.objects.values_list("period", flat=True)) == {
        f"2026-{m:02d}" for m in range(1, 11)
    }


def test_no_users_without_demo_setting(loaded) -> None:
    assert loaded.users == ()
    assert not User.objects.exists()
    assert not Membership.objects.exists()
