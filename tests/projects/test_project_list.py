"""The project list: filters, htmx partial, totals and pagination."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.urls import reverse

from lantu.orgs.models import OrgUnit
from lantu.plans.models import Cluster
from lantu.projects.models import Project, Stage

URL = reverse("projects:list")


def codes(response) -> list[str]:
    return [project.code for project in response.context["page"].object_list]


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_user_without_a_role_is_refused(client, world):
    client.force_login(User.objects.create_user("nobody"))
    assert client.get(URL).status_code == 403


def test_list_shows_every_project_with_totals_in_wan_and_yi(login, world):
    response = login("mulei").get(URL)
    assert response.status_code == 200
    assert codes(response) == ["P-ML-1", "P-QT-1"]
    totals = response.context["totals"]
    assert totals.count == 2 and totals.total_investment == Decimal("890000")
    html = response.content.decode()
    assert "890,000" in html and "89" in html
    assert "77" in html  # 770,000 万元 = 77 亿元
    assert 'id="project-filters"' in html


def test_county_filter_takes_a_unit_code(login, world):
    response = login("planner").get(URL, {"county": "qitai"})
    assert codes(response) == ["P-QT-1"]
    assert response.context["totals"].total_investment == Decimal("120000")


def test_cluster_filter_takes_a_cluster_code(login, world):
    other = Cluster.objects.create(code="solar", name="光伏产业集群", tier="10b")
    Project.objects.create(
        code="P-ML-2",
        name="光伏项目",
        county=world.mulei_county,
        lead_unit=world.mulei_county,
        cluster=other,
        stage=Stage.RESERVE,
    )
    assert codes(login("planner").get(URL, {"cluster": "solar"})) == ["P-ML-2"]
    assert codes(login("planner").get(URL, {"cluster": "coal"})) == ["P-ML-1", "P-QT-1"]


def test_stage_filter_takes_a_stage_value(login, world):
    assert codes(login("planner").get(URL, {"stage": Stage.NEW})) == ["P-QT-1"]


def test_filters_combine_with_plan_and_text(login, world):
    client = login("planner")
    assert codes(client.get(URL, {"plan": "fyp15", "q": "煤化工"})) == ["P-QT-1"]
    assert codes(client.get(URL, {"county": "mulei", "stage": Stage.NEW})) == []


def test_county_filter_also_finds_projects_of_a_park(login, world):
    park = OrgUnit.objects.create(code="park", name="准东园区", kind="park", parent=world.qitai_county)
    world.mulei_project.park = park
    world.mulei_project.save()
    assert codes(login("planner").get(URL, {"county": "park"})) == ["P-ML-1"]


def test_unknown_filter_values_are_ignored(login, world):
    response = login("planner").get(URL, {"county": "atlantis", "stage": "flying"})
    assert response.status_code == 200
    assert codes(response) == ["P-ML-1", "P-QT-1"]


def test_htmx_request_gets_only_the_results_table(login, world):
    response = login("planner").get(URL, {"county": "mulei"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="project-results"' in html
    assert "P-ML-1" in html and "P-QT-1" not in html
    assert "HX-Request" in response["Vary"]


def test_filter_form_has_the_named_selects(login, world):
    html = login("planner").get(URL).content.decode()
    for name in ("county", "cluster", "stage", "plan"):
        assert f'<select name="{name}"' in html
    assert 'hx-get="/projects/"' in html and 'hx-target="#project-results"' in html


def test_list_pages_by_fifty(login, world):
    for number in range(60):  # saved one by one, as the app saves: the kept counts follow
        Project.objects.create(
            code=f"P-X-{number:03d}",
            name=f"项目{number}",
            county=world.qitai_county,
            lead_unit=world.qitai_county,
            stage=Stage.RESERVE,
        )
    client = login("planner")
    first = client.get(URL, {"county": "qitai"})
    assert len(first.context["page"].object_list) == 50
    assert first.context["totals"].count == 61
    assert "county=qitai&amp;page=2" in first.content.decode()
    second = client.get(URL, {"county": "qitai", "page": 2})
    assert len(second.context["page"].object_list) == 11


def test_sample_project_is_badged(login, world):
    world.qitai_project.is_sample = True
    world.qitai_project.save()
    html = login("planner").get(URL).content.decode()
    row = html[html.index('data-project="P-QT-1"') :]
    assert 'class="badge sample"' in row[: row.index("</tr>")]


def test_htmx_request_pushes_an_address_with_only_the_filters_in_use(login, world):
    response = login("planner").get(
        URL,
        {"q": "", "county": "mulei", "cluster": "", "stage": "", "plan": "", "item": ""},
        headers={"HX-Request": "true"},
    )
    assert response["HX-Push-Url"] == "/projects/?county=mulei"
