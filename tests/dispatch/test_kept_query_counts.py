"""The dispatch overview, the unit pages, the reminders and the dashboard run as many queries at any size."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantu.demo.generate import generate

PAGES = (
    ("planner", "/projects/dispatch/?period=2026-08"),
    ("planner", "/projects/dispatch/reminders/"),
    ("planner", "/"),
    ("planner", "/projects/dispatch/unit/?unit=gen-c01"),
    ("reporter", "/projects/dispatch/unit/"),
)


def _queries(client, users) -> dict[str, int]:
    counts = {}
    for who, url in PAGES:
        client.force_login(users[who])
        client.get(url)  # the first request fills per-process caches (translations, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[f"{who} {url}"] = len(queries)
    return counts


@pytest.mark.django_db
def test_dispatch_pages_run_the_same_queries_with_ten_times_the_projects(client):
    generate(projects=20, months=4, last="2026-09")  # enough that every unit owes some rows
    # The generator's own accounts: the prefecture's planner and a county's reporter.
    users = {
        "planner": User.objects.get(username="gen-planner"),
        "reporter": User.objects.get(username="gen-c01-reporter"),
    }
    small = _queries(client, users)
    generate(projects=180, months=4, last="2026-09")
    assert _queries(client, users) == small
