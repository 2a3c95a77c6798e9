"""Project contributions to indicators: services, permissions, the pipeline numbers and the pages."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.projects import contributions
from lantu.projects.contributions_selectors import indicator_pipeline, project_contributions, stage_reached
from lantu.projects.models import Contribution, Project, Stage

NOW = datetime(2026, 10, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def english(settings):
    """Render pages in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def actors(world):
    return {name: actor_for(user) for name, user in world.users.items()}


@pytest.fixture
def capacity(world):
    """Installed capacity: 4205 in 2024, 8000 by 2030, 4600 approved for 2026-09."""
    indicator = Indicator.objects.create(
        plan=world.plan,
        code="power-capacity",
        name="发电装机容量",
        unit="万千瓦",
        attribute="expected",
        responsible_unit=world.industry_bureau,
        frequency="monthly",
        baseline_year=2024,
        baseline_value=Decimal("4205"),
        target_kind="level",
        target_year=2030,
        target_value=Decimal("8000"),
    )
    Observation.objects.create(
        indicator=indicator,
        period="2026-09",
        period_end="2026-09-30",
        value=Decimal("4600"),
        state="approved",
    )
    return indicator


def _project(world, code, stage, county=None):
    county = county or world.mulei_county
    return Project.objects.create(
        plan=world.plan, code=code, name=f"项目{code}", county=county, lead_unit=county, stage=stage
    )


@pytest.fixture
def pipeline_world(world, capacity):
    """A plant in operation (120, realised), a completed one (132 in 2026) and one under way (100 in 2027)."""
    plant = _project(world, "FK-001", Stage.OPERATING)
    coal = _project(world, "MN-102", Stage.COMPLETED)
    Contribution.objects.create(project=plant, indicator=capacity, amount=Decimal("120"), expected_year=2024)
    Contribution.objects.create(project=coal, indicator=capacity, amount=Decimal("132"), expected_year=2026)
    Contribution.objects.create(
        project=world.mulei_project, indicator=capacity, amount=Decimal("100"), expected_year=2027
    )
    return capacity


def test_planner_declares_a_contribution_and_history_names_them(world, actors, capacity):
    made = contributions.contribution_add(
        actor=actors["planner"],
        project=world.mulei_project,
        indicator=capacity,
        amount=Decimal("100"),
        expected_year=2027,
    )
    assert made.stage == Stage.OPERATING
    assert made.history.get().history_user == world.users["planner"]


@pytest.mark.parametrize("username", ["mulei", "industry", "qitai", "leader"])
def test_only_planners_declare_contributions(world, actors, capacity, username):
    with pytest.raises(PermissionDenied):
        contributions.contribution_add(
            actor=actors[username],
            project=world.mulei_project,
            indicator=capacity,
            amount=Decimal("100"),
            expected_year=2027,
        )
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("amount", "year", "field"),
    [
        (Decimal("0"), 2027, "amount"),
        (Decimal("5"), 27, "expected_year"),
        (Decimal("5"), 2300, "expected_year"),
    ],
)
def test_bad_values_are_refused_with_a_message_and_nothing_is_saved(
    world, actors, capacity, amount, year, field
):
    with pytest.raises(ValidationError) as error:
        contributions.contribution_add(
            actor=actors["planner"],
            project=world.mulei_project,
            indicator=capacity,
            amount=amount,
            expected_year=year,
        )
    assert field in error.value.message_dict
    assert not Contribution.objects.exists()


def test_second_contribution_to_the_same_indicator_is_refused(world, actors, capacity):
    kwargs = {
        "project": world.mulei_project,
        "indicator": capacity,
        "amount": Decimal("1"),
        "expected_year": 2027,
    }
    contributions.contribution_add(actor=actors["planner"], **kwargs)
    with pytest.raises(ValidationError):
        contributions.contribution_add(actor=actors["planner"], **kwargs)
    assert Contribution.objects.count() == 1


def test_changing_a_sample_contribution_keeps_only_untouched_values_marked(world, actors, capacity):
    c = Contribution.objects.create(
        project=world.mulei_project,
        indicator=capacity,
        amount=Decimal("100"),
        expected_year=2027,
        is_sample=True,
    )
    contributions.contribution_update(
        actor=actors["planner"],
        contribution=c,
        amount=Decimal("150"),
        expected_year=2027,
        stage=Stage.OPERATING,
    )
    c.refresh_from_db()
    assert c.amount == Decimal("150")
    assert not c.is_sample
    assert "amount" not in c.sample_fields and "expected_year" in c.sample_fields


def test_reporter_cannot_change_or_remove_a_contribution(world, actors, capacity):
    c = Contribution.objects.create(
        project=world.mulei_project, indicator=capacity, amount=Decimal("100"), expected_year=2027
    )
    with pytest.raises(PermissionDenied):
        contributions.contribution_update(
            actor=actors["mulei"],
            contribution=c,
            amount=Decimal("1"),
            expected_year=2027,
            stage=Stage.OPERATING,
        )
    with pytest.raises(PermissionDenied):
        contributions.contribution_remove(actor=actors["mulei"], contribution=c)
    assert Contribution.objects.get().amount == Decimal("100")


def test_removing_a_contribution_is_recorded_in_history(world, actors, capacity):
    c = Contribution.objects.create(
        project=world.mulei_project, indicator=capacity, amount=Decimal("100"), expected_year=2027
    )
    contributions.contribution_remove(actor=actors["planner"], contribution=c)
    assert not Contribution.objects.exists()
    deleted = Contribution.history.filter(history_type="-").get()
    assert deleted.history_user == world.users["planner"] and deleted.amount == Decimal("100")


def test_a_stage_counts_as_reached_from_that_stage_on():
    assert stage_reached(Stage.OPERATING, Stage.OPERATING)
    assert stage_reached(Stage.OPERATING, Stage.COMPLETED)
    assert not stage_reached(Stage.COMPLETED, Stage.OPERATING)
    assert not stage_reached(Stage.PREPARATION, Stage.NEW)


def test_pipeline_adds_only_unrealised_contributions_to_the_latest_value(world, actors, pipeline_world):
    view = indicator_pipeline(
        actor=actors["leader"], indicator=pipeline_world, latest=pipeline_world.observations.get(), now=NOW
    )
    result = view.result
    assert view.basis == "2026-09"
    assert result.latest == 4600
    assert result.realised == 120
    assert [(y.year, y.amount) for y in result.by_year] == [(2026, 132), (2027, 100)]
    assert result.expected == 232
    assert result.shortfall == pytest.approx(8000 - 4600 - 232)
    assert result.suffices is False
    assert [row.realised for row in view.rows] == [True, False, False]


def test_pipeline_without_an_approved_value_starts_from_the_baseline(world, actors, pipeline_world):
    view = indicator_pipeline(actor=actors["leader"], indicator=pipeline_world, latest=None, now=NOW)
    assert view.result.latest == 4205
    assert "2024" in view.basis


def test_project_reaching_its_stage_moves_its_amount_from_expected_to_realised(world, actors, pipeline_world):
    Project.objects.filter(code="MN-102").update(stage=Stage.OPERATING)
    view = indicator_pipeline(actor=actors["leader"], indicator=pipeline_world, latest=None, now=NOW)
    assert view.result.realised == 252 and view.result.expected == 100


def test_project_list_marks_realised_and_overdue(world, actors, capacity):
    Contribution.objects.create(
        project=world.qitai_project, indicator=capacity, amount=Decimal("50"), expected_year=2025
    )
    rows = project_contributions(actor=actors["qitai"], project=world.qitai_project, now=NOW)
    assert [(r.realised, r.overdue) for r in rows] == [(False, True)]


def test_indicator_page_shows_the_pipeline_with_its_gap(login, pipeline_world):
    response = login("leader").get(reverse("indicators:detail", args=[pipeline_world.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="pipeline"' in html and "Project pipeline" in html
    assert "项目MN-102" in html and "pipeline-chart" in html
    assert "do not suffice" in html
    assert 'id="pipeline-gap">3,168' in html


def test_indicator_page_without_contributions_says_so(login, world):
    html = login("leader").get(reverse("indicators:detail", args=[world.gdp.pk])).content.decode()
    assert 'id="pipeline-empty"' in html


def test_project_page_lists_contributions_with_a_form_for_planners(login, world, pipeline_world):
    url = reverse("projects:detail", args=[world.mulei_project.pk])
    html = login("planner").get(url).content.decode()
    assert 'id="project-contributions"' in html and "发电装机容量" in html
    assert 'id="contribution-form"' in html


def test_county_reporter_reads_contributions_without_a_form(login, world, pipeline_world):
    html = login("mulei").get(reverse("projects:detail", args=[world.mulei_project.pk])).content.decode()
    assert "发电装机容量" in html
    assert 'id="contribution-form"' not in html
    assert (
        reverse(
            "projects:contribution_delete", args=[Contribution.objects.get(project=world.mulei_project).pk]
        )
        not in html
    )


def test_planner_adds_changes_and_removes_through_the_project_page(login, world, capacity):
    client = login("planner")
    project = world.qitai_project
    response = client.post(
        reverse("projects:contribution_new", args=[project.pk]),
        {
            "indicator": capacity.pk,
            "amount": "80",
            "stage": "operating",
            "expected_year": "2028",
            "note": "一期",
        },
    )
    assert response.status_code == 302 and response.url.endswith("#project-contributions")
    c = Contribution.objects.get(project=project)
    assert (c.amount, c.expected_year, c.note) == (Decimal("80"), 2028, "一期")
    client.post(
        reverse("projects:contribution_edit", args=[c.pk]),
        {f"c{c.pk}-amount": "90", f"c{c.pk}-stage": "completed", f"c{c.pk}-expected_year": "2029"},
    )
    c.refresh_from_db()
    assert (c.amount, c.stage, c.expected_year) == (Decimal("90"), "completed", 2029)
    client.post(reverse("projects:contribution_delete", args=[c.pk]))
    assert not Contribution.objects.exists()
    history = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    history = history[history.index('id="contribution-history"') :]
    assert history.count("planner") == 3 and "deleted" in history and "created" in history


def test_bad_input_on_the_page_shows_a_message_at_the_top_and_saves_nothing(login, world, capacity):
    client = login("planner")
    response = client.post(
        reverse("projects:contribution_new", args=[world.qitai_project.pk]),
        {"indicator": capacity.pk, "amount": "abc", "stage": "operating", "expected_year": "2028"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[world.qitai_project.pk])
    assert "Amount added: Enter a number." in response.content.decode()
    assert not Contribution.objects.exists()


def test_reporter_posting_a_contribution_gets_403(login, world, capacity):
    response = login("mulei").post(
        reverse("projects:contribution_new", args=[world.mulei_project.pk]),
        {"indicator": capacity.pk, "amount": "80", "stage": "operating", "expected_year": "2028"},
    )
    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_api_returns_the_pipeline(login, pipeline_world):
    response = login("leader").get(f"/api/v1/indicators/{pipeline_world.pk}/pipeline")
    data = response.json()
    assert response.status_code == 200
    assert data["realised"] == 120 and data["expected"] == 232
    assert [y["year"] for y in data["expected_by_year"]] == [2026, 2027]
    assert data["suffices"] is False and data["target"] == 8000
    assert len(data["contributions"]) == 3
