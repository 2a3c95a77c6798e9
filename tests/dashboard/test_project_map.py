"""The project map (项目一张图): placed projects as points, filtered like the list, a click opens one."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import html

from lantu.core import geo
from lantu.demo.locations import BOUNDARIES, sample_location
from lantu.demo.units import _COUNTIES

pytestmark = pytest.mark.django_db


def _place(project, latitude, longitude):
    project.latitude, project.longitude = Decimal(latitude), Decimal(longitude)
    project.save()


def _page(client, query=""):
    doc = html.fromstring(client.get(reverse("projects:map") + query).content.decode())
    option = json.loads(doc.get_element_by_id("project-map-options").text_content())
    return doc, option


def test_placed_projects_are_points_that_open_their_page_and_the_others_are_listed(login, world):
    _place(world.mulei_project, "43.83211", "90.28456")
    doc, option = _page(login("leader"))
    [point] = [p for series in option["series"] for p in series["data"]]
    assert point["value"] == pytest.approx([90.28456, 43.83211], abs=1e-4)  # charts keep 4 places, ~10 m
    assert point["key"] == world.mulei_project.pk
    assert option["link"].replace("{key}", str(point["key"])) == reverse(
        "projects:detail", args=[world.mulei_project.pk]
    )
    assert option["map"]["url"].endswith("lantu/maps/changji.geojson")
    unplaced = doc.xpath("//details[@class='unplaced']//a")
    assert [a.text_content().split()[0] for a in unplaced] == [world.qitai_project.code]


def test_the_map_filters_like_the_project_list_and_colours_by_stage_or_status(login, world):
    _place(world.mulei_project, "43.83", "90.28")
    _place(world.qitai_project, "44.01", "89.59")
    client = login("planner")
    _doc, option = _page(client, "?county=qitai")
    assert [p["key"] for s in option["series"] for p in s["data"]] == [world.qitai_project.pk]
    _doc, by_stage = _page(client)
    assert {s["name"] for s in by_stage["series"]} == {"continuing (续建)", "newly started (新开工)"}
    _doc, by_status = _page(client, "?colour=status")
    assert {s["name"] for s in by_status["series"]} == {"no data"}  # no annual plan, no month due


def test_an_office_serves_its_own_boundaries(login, world, settings, tmp_path):
    own = tmp_path / "counties.geojson"
    own.write_text('{"type": "FeatureCollection", "features": []}')
    settings.LANTU_MAP_GEOJSON = str(own)
    client = login("leader")
    _doc, option = _page(client)
    response = client.get(option["map"]["url"])
    assert response.status_code == 200 and json.loads(b"".join(response.streaming_content)) == {
        "type": "FeatureCollection",
        "features": [],
    }


def test_without_boundaries_of_its_own_the_office_url_is_not_found(login, world, settings):
    settings.LANTU_MAP_GEOJSON = ""
    assert login("leader").get(reverse("projects:map_boundaries")).status_code == 404


def test_every_demo_county_is_on_the_bundled_map_and_its_sample_points_lie_inside_it():
    features = {f["properties"]["name"]: f for f in json.loads(BOUNDARIES.read_text())["features"]}
    for county in _COUNTIES:
        assert county.name in features
        latitude, longitude = sample_location(f"X-{county.code}", county.name)
        polygons = features[county.name]["geometry"]["coordinates"]
        assert geo.in_polygons(polygons, float(longitude), float(latitude))
