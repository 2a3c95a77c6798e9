"""The dispatch overview, the unit pages, the reminders and the dashboard run as many queries at any size."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantu.demo.generate import generate


def _pages(county: str) -> tuple[tuple[str, str], ...]:
    return (
        ("planner", "/projects/dispatch/?period=2026-08"),
        ("planner", "/projects/dispatch/reminders/"),
        ("planner", "/"),
        ("planner", f"/projects/dispatch/unit/?unit={county}"),
        ("reporter", "/projects/dispatch/unit/"),
    )


def _owing_county() -> str:
    """Return the first county that owes reports of the open month: a unit page then reads its missing
    projects (one that owes none skips that query, at any size)."""
    from lantu.dispatch.selectors import _owed
    from lantu.orgs.models import OrgUnit

    owing = _owed().filter(owed__gt=0).values_list("county_id", flat=True)
    return (
        OrgUnit.objects.filter(pk__in=owing, kind="county").order_by("code").values_list("code", flat=True)[0]
    )


def _queries(client, users, county: str) -> dict[str, int]:
    counts = {}
    for who, url in _pages(county):
        client.force_login(users[who])
        client.get(url)  # the first request fills per-process caches (translations, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[f"{who} {url}"] = len(queries)
    return counts


@pytest.mark.django_db
def test_dispatch_pages_run_the_same_queries_with_ten_times_the_projects(client):
    generate(projects=20, months=4, last="2026-09")
    county = _owing_county()
    # The generator's own accounts: the prefecture's planner and the owing county's reporter.
    users = {
        "planner": User.objects.get(username="gen-planner"),
        "reporter": User.objects.get(username=f"{county}-reporter"),
    }
    small = _queries(client, users, county)
    generate(projects=180, months=4, last="2026-09")
    assert _queries(client, users, county) == small
