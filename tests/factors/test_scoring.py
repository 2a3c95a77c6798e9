"""Planners score projects by weights they set per scenario, preview the effect and read each score."""

from datetime import UTC, datetime
from decimal import Decimal

from django.urls import reverse

from lantu.factors import services
from lantu.factors.models import Efficiency, FactorProfile, Scenario
from lantu.orgs.access import actor_for

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)


def _efficient_mulei(world):
    """木垒 yields four times Qitai's tax per mu; Qitai's energy efficiency is not known."""
    FactorProfile.objects.update(value=None)
    Efficiency.objects.create(project=world.mulei_project, tax_per_mu=Decimal("40"), value_added_per_tce=2)
    Efficiency.objects.create(project=world.qitai_project, tax_per_mu=Decimal("10"))


def test_weights_set_the_value_and_each_score_is_explained_with_its_missing_data(world, factors):
    _efficient_mulei(world)
    scenario = services.scenario_run(
        actor=actor_for(world.users["planner"]),
        name="效率优先",
        now=NOW,
        weights={"land_tax": 1, "energy": 1},
    )
    values = {p["id"]: p["value"] for p in scenario.inputs["projects"]}
    assert values == {"P-ML-1": 100.0, "P-QT-1": 12.5}
    assert [s["id"] for s in scenario.result["selected"]] == ["P-ML-1"]
    qitai = scenario.inputs["meta"]["P-QT-1"]["score"]
    assert qitai["missing"] == ["energy"] and "单位能耗增加值缺数据" in qitai["text"]
    assert scenario.inputs["scoring"] == {"weights": {"land_tax": 1.0, "energy": 1.0}}


def test_planner_runs_with_weights_from_the_page_and_reads_why_each_score(world, factors, login):
    _efficient_mulei(world)
    client = login("planner")
    form = {"name": "权重方案", "gap": "0.1", "score": "on", "w_land_tax": "2", "w_energy": "1"}
    response = client.post(reverse("factors:run"), form)
    scenario = Scenario.objects.get()
    assert response.url == reverse("factors:scenario", args=[scenario.pk])
    page = client.get(response.url).content.decode()
    assert "亩均税收40万元/亩" in page and "1 criterion without data" in page


def test_all_zero_weights_are_refused_and_nothing_is_saved(world, factors, login):
    response = login("planner").post(
        reverse("factors:run"), {"name": "零权重", "gap": "0.1", "score": "on", "w_jobs": "0"}
    )
    assert response.status_code == 400
    assert not Scenario.objects.exists()


def test_preview_ranks_projects_by_the_weights_and_counts_missing_data(world, factors, login):
    _efficient_mulei(world)
    page = login("planner").get(reverse("factors:preview"), {"w_land_tax": "1", "w_jobs": "1"})
    text = page.content.decode()
    assert text.index("P-ML-1") < text.index("P-QT-1")
    assert 'id="missing-data"' in text and "新增就业 2 projects" in text


def test_planner_enters_a_projects_efficiency_and_an_empty_figure_stays_unknown(world, factors, login):
    client = login("planner")
    url = reverse("factors:efficiency_save", args=[world.mulei_project.pk])
    response = client.post(url, {"tax_per_mu": "35.5", "jobs": "120"})
    assert response.status_code == 302
    data = Efficiency.objects.get(project=world.mulei_project)
    assert (data.tax_per_mu, data.jobs, data.value_added_per_tce) == (Decimal("35.5"), 120, None)
    assert data.history.count() == 1
    bad = client.post(url, {"tax_per_mu": "-1"})
    assert bad.status_code == 400
    assert Efficiency.objects.get(project=world.mulei_project).tax_per_mu == Decimal("35.5")
    assert login("mulei").post(url, {"jobs": "1"}).status_code == 403
