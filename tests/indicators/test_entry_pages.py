"""Data entry grid, single value, Excel download and review pages."""

from decimal import Decimal

from lantu.indicators.models import Observation


def test_reporter_sees_only_its_units_indicators_in_the_grid(login, world, output):
    html = login("industry").get("/indicators/entry/", {"period": "2026"}).content.decode()
    assert 'data-indicator="output"' in html and 'data-indicator="gdp"' not in html


def test_grid_submits_values_for_review(login, world, output):
    client = login("industry")
    response = client.post(
        "/indicators/entry/?period=2026", {"period": "2026", f"value-{output.pk}": "104", "action": "submit"}
    )
    assert response.status_code == 302
    observation = output.observations.get()
    assert (observation.period, observation.value, observation.state) == ("2026", Decimal("104"), "submitted")
    assert observation.entered_by == world.users["industry"]


def test_grid_with_one_bad_value_saves_nothing(login, world, output):
    client = login("planner")
    response = client.post(
        "/indicators/entry/?period=2026",
        {"period": "2026", f"value-{output.pk}": "104", f"value-{world.gdp.pk}": "lots", "action": "submit"},
    )
    assert response.status_code == 200 and b"has-error" in response.content
    assert not output.observations.exists()
    assert world.gdp.observations.get().value == Decimal("2680")


def test_value_entered_on_the_indicator_page(login, world, output):
    client = login("industry")
    response = client.post(
        f"/indicators/{output.pk}/values/", {"period": "2026", "value": "103", "action": "save"}
    )
    assert response.status_code == 302
    assert output.observations.get().state == "draft"
    page = client.get(f"/indicators/{output.pk}/").content.decode()
    assert "Submit for review" in page


def test_template_download_is_an_xlsx(login, world, output):
    response = login("industry").get("/indicators/entry/template.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_review_page_lists_submitted_values_with_flags_and_approves(login, world):
    obs = Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=5000, state="submitted"
    )
    client = login("planner")
    html = client.get("/indicators/review/").content.decode()
    assert f'data-observation="{obs.pk}"' in html and "⚠" in html
    client.post(f"/indicators/values/{obs.pk}/approve/", {"next": "/indicators/review/"})
    obs.refresh_from_db()
    assert obs.state == "approved" and obs.reviewed_by == world.users["planner"]


def test_reporters_cannot_open_the_review_page_or_approve(login, world, output):
    obs = Observation.objects.create(
        indicator=output, period="2026", period_end="2026-12-31", value=104, state="submitted"
    )
    client = login("industry")
    assert client.get("/indicators/review/").status_code == 403
    client.post(f"/indicators/values/{obs.pk}/approve/")
    obs.refresh_from_db()
    assert obs.state == "submitted"


def test_plan_tree_shows_each_items_rolled_up_health(login, world):
    Observation.objects.filter(indicator=world.gdp).update(value=Decimal("2660"))  # lagging
    html = login("leader").get("/plans/fyp15/").content.decode()
    head = html[html.index(f'id="item-{world.goal.pk}"') :]
    assert '<span class="badge status lagging">' in head[: head.index("node-meta")]
