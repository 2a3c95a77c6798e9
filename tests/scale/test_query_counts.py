"""The lists and pages of the region lane ask the database as often with ten times the data."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantu.demo.generate import generate

pytestmark = pytest.mark.django_db

LAST = "2026-09"


def _pages(client) -> dict[str, str]:
    """Return the pages measured, the deep ones reached by following the lists' cursors."""
    reports = client.get("/api/v1/reports?limit=2").json()
    projects = client.get("/api/v1/projects?limit=2").json()
    return {
        "reports, first page": "/api/v1/reports?limit=2",
        "reports, offset page": "/api/v1/reports?limit=2&offset=4",
        "reports, cursor page": f"/api/v1/reports?limit=2&cursor={reports['next']}",
        "reports of a month and state": f"/api/v1/reports?limit=2&period={LAST}&state=approved",
        "projects, first page": "/api/v1/projects?limit=2",
        "projects, offset page": "/api/v1/projects?limit=2&offset=2",
        "projects, cursor page": f"/api/v1/projects?limit=2&cursor={projects['next']}",
        "projects of a county": "/api/v1/projects?limit=2&county=gen-p01-c01",
    }


def _queries(client, as_user: str) -> dict[str, int]:
    client.force_login(User.objects.get(username=as_user))
    counts = {}
    for name, url in _pages(client).items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("as_user", ["gen-region-planner", "gen-p01-planner", "gen-p01-c01-reporter"])
def test_api_lists_run_the_same_queries_with_ten_times_the_projects(client, as_user):
    generate(projects=14, months=3, last=LAST, prefectures=3)
    before = _queries(client, as_user)
    generate(projects=140, months=3, last=LAST, prefectures=3, seed=2)
    assert _queries(client, as_user) == before


def test_the_region_dashboard_runs_the_same_queries_with_ten_times_the_projects(client):
    generate(projects=14, months=3, last=LAST, prefectures=3)
    client.force_login(User.objects.get(username="gen-region-planner"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/region/?period={LAST}").status_code == 200
        return len(queries)

    before = count()
    generate(projects=140, months=3, last=LAST, prefectures=3, seed=2)
    assert count() == before
