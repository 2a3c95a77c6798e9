"""Schemathesis over the whole OpenAPI document, as a planner and as a reporter: no 5xx, as documented.

Examples per operation are bounded (SCHEMATHESIS_EXAMPLES, default 10) so the run stays short; the
figures of a run (operations, requests, statuses) are printed with `-s`.
"""

import os
from collections import Counter

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lantu.orgs.services import api_token_create

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# WSGIHandler, not get_wsgi_application(): setting Django up again would configure logging twice.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
STATUSES: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def _figures():
    """Print the run's figures after the module: operations, requests and their statuses."""
    yield
    by_status: Counter = Counter()
    for (_label, status), count in STATUSES.items():
        by_status[status] += count
    operations = {label for label, _status in STATUSES}
    print(
        f"\nschemathesis: {len(operations)} operations, {sum(by_status.values())} requests, "
        f"statuses {dict(sorted(by_status.items()))}"
    )


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request must not close the test's connection and its transaction.

    WSGIHandler sends request_started/finished, whose close_old_connections would hand a pooled PostgreSQL
    connection back in the middle of the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["planner", "mulei"])
def token(request, world, open_period) -> str:
    """Return a bearer token of a planner or of a county reporter."""
    return api_token_create(user=world.users[request.param], name="schemathesis", now=timezone.now())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_every_operation_answers_as_documented_without_server_errors(case, token):
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
    STATUSES[(case.operation.label, response.status_code)] += 1
