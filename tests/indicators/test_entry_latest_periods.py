"""Without a chosen period, the entry grid shows each indicator at its own frequency's latest period."""

from datetime import UTC, datetime

from lantu.indicators import entry
from lantu.orgs.access import actor_for

OCTOBER = datetime(2027, 10, 3, 9, 0, tzinfo=UTC)


def test_each_indicator_defaults_to_the_latest_ended_period_of_its_own_frequency(world, unit_indicator):
    for code, frequency in (("yearly", "annual"), ("quarterly", "quarterly"), ("monthly", "monthly")):
        unit_indicator(code, world.industry_bureau, frequency)
    rows = entry.entry_grid_latest(actor_for(world.users["industry"]), OCTOBER)
    assert {row.indicator.code: row.period for row in rows} == {
        "yearly": "2026",
        "quarterly": "2027Q3",
        "monthly": "2027-09",
    }


def test_in_the_plans_first_year_an_annual_indicator_defaults_to_that_year(world, unit_indicator):
    unit_indicator("yearly", world.industry_bureau)
    rows = entry.entry_grid_latest(actor_for(world.users["industry"]), datetime(2026, 3, 1, tzinfo=UTC))
    assert [row.period for row in rows] == ["2026"]


def test_the_grid_without_a_period_saves_each_value_for_its_own_period(login, world, unit_indicator):
    monthly = unit_indicator("monthly", world.industry_bureau, "monthly")
    yearly = unit_indicator("yearly", world.industry_bureau)
    client = login("industry")
    page = client.get("/indicators/entry/").content.decode()
    assert "各指标最新一期" in page or "latest period of each indicator" in page
    rows = {
        row.indicator.pk: row.period
        for row in entry.entry_grid_latest(actor_for(world.users["industry"]), datetime.now(UTC))
    }
    response = client.post(
        "/indicators/entry/", {f"value-{monthly.pk}": "3", f"value-{yearly.pk}": "30", "action": "save"}
    )
    assert response.status_code == 302
    assert monthly.observations.get().period == rows[monthly.pk]
    assert yearly.observations.get().period == rows[yearly.pk]
