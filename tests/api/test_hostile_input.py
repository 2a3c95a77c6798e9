"""Hostile input changes nothing: after each refusal the database and the stored files are the same.

Each write endpoint of the API and each upload page gets the cases of the security review (digits
beyond the field, tiny decimals, NaN, periods outside the plan, ids beyond 64 bits, control
characters, over-long texts, bodies over the upload cap, wrong files); each must be refused with a
4xx, and a dump of every table (and of every stored file) must not change.
"""

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone, translation

from lantu.dispatch import services as reporting
from lantu.indicators.models import Observation
from lantu.orgs.services import api_token_create
from lantu.supervision import services as supervision

pytestmark = pytest.mark.django_db

HUGE_ID = 2**63
DEADLINE = date.today() + timedelta(days=60)
# Tables that change on any request, whatever its answer: the session and a token's "last used".
VOLATILE = {"django_session", "orgs_apitoken"}
REPORT = {
    "period": "2026-09",
    "completed_investment_wan_yuan": "100",
    "cumulative_investment_wan_yuan": "900",
}


def _report_cases() -> list:
    return [
        {"completed_investment_wan_yuan": "1e30", "cumulative_investment_wan_yuan": "1e30"},
        {"completed_investment_wan_yuan": "1" * 25, "cumulative_investment_wan_yuan": "1" * 25},
        {"completed_investment_wan_yuan": "0.0000000001"},
        {"completed_investment_wan_yuan": "NaN"},
        {"completed_investment_wan_yuan": "-Infinity"},
        {"physical_progress": "0.0000000001"},
        {"physical_progress": "1000"},
        {"period": "0000-01"},
        {"period": "9999-12"},
        {"period": "2026-13"},
        {"reached_milestone_ids": [HUGE_ID]},
        {"reached_milestone_ids": [HUGE_ID * 2**10]},
        {"narrative": "整改\u0000完成"},
        {"narrative": "\u001b[31m红字"},
        {"milestones": "\ud800"},
        {"correction_reason": "\x7f"},
        {"reported_stage": "x" * 13},
        {"version": HUGE_ID},
    ]


def _cases(world, ids) -> list[tuple[str, str, str, object]]:
    """Return (user, method, path, body) of each hostile API request."""
    project = f"/projects/{world.mulei_project.pk}/reports"
    cases: list[tuple[str, str, str, object]] = [
        ("mulei", "post", project, REPORT | case) for case in _report_cases()
    ]
    for action in ("submit", "approve", "return"):
        cases.append(("planner", "post", f"/reports/{HUGE_ID}/{action}", {"reason": "x"}))
    cases.append(("planner", "post", f"/reports/{ids['report']}/return", {"reason": "退回\u0000"}))
    indicator = {
        "plan": "fyp15",
        "code": "forest",
        "name": "森林覆盖率",
        "unit": "%",
        "responsible_unit": "drc",
        "baseline_year": 2025,
        "baseline_value": "5.2",
        "target_kind": "level",
        "target_year": 2030,
        "target_value": "6",
    }
    for change in (
        {"name": "森林\u001b覆盖率"},
        {"baseline_value": "1e30"},
        {"target_value": "0.0000000001"},
        {"target_year": 99999},
        {"item_ids": [HUGE_ID]},
        {"code": "c" * 31},
        {"threshold_on_track": "NaN"},
    ):
        cases.append(("planner", "post", "/indicators", indicator | change))
    observations = f"/indicators/{world.gdp.pk}/observations"
    for change in (
        {"value": "1e30"},
        {"value": "0.0000000001"},
        {"period": "0000"},
        {"period": "9999"},
        {"period": "2027", "note": "\u0000"},
        {"period": "2027", "release_date": "9999-99-99"},
    ):
        cases.append(("planner", "post", observations, {"period": "2027", "value": "1"} | change))
    cases.append(("planner", "post", f"/observations/{ids['observation']}/return", {"reason": "\u001b"}))
    cases.append(("planner", "post", f"/observations/{HUGE_ID}/approve", {}))
    versions = f"/indicators/{world.gdp.pk}/target-versions"
    version = {"kind": "annual_growth", "year": 2030, "rate_percent": "6", "reason": "中期调整"}
    for change in ({"rate_percent": "1e30"}, {"reason": "\u0000"}, {"year": 10**6}, {"label": "l" * 61}):
        cases.append(("planner", "post", versions, version | change))
    order = {
        "subject_kind": "project",
        "subject_id": world.mulei_project.pk,
        "unit": "mulei",
        "title": "督办",
        "requirement": "说明原因",
        "deadline": DEADLINE.isoformat(),
    }
    for change in (
        {"title": "督办\u001b"},
        {"subject_id": HUGE_ID},
        {"requirement": "\u0000"},
        {"title": "t" * 201},
        {"deadline": "0000-00-00"},
    ):
        cases.append(("planner", "post", "/supervision/orders", order | change))
    for action in ("close", "return"):
        cases.append(("planner", "post", f"/supervision/orders/{ids['order']}/{action}", {"text": "\u0000"}))
        cases.append(("planner", "post", f"/supervision/orders/{HUGE_ID}/{action}", {"text": "x"}))
    cases.append(("planner", "post", "/imports/extract", {"text": "x", "year": 10**9}))
    return cases


def _dump() -> dict[str, object]:
    """Return every table's rows (volatile tables: their row count) and every stored file's digest."""
    tables: dict[str, object] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the introspection
            count = cursor.fetchone()[0]
            if table in VOLATILE:
                tables[table] = count
                continue
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')  # noqa: S608
            tables[table] = [tuple(map(repr, row)) for row in cursor.fetchall()]
    return tables


def _files(media: Path) -> dict[str, str]:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def state(world, actors, open_period, media):
    """Return ids of a draft report, a submitted value and an issued order, with a stored evidence file."""
    now = timezone.now()
    report = reporting.report_save(
        actor=actors["mulei"],
        project=world.mulei_project,
        period="2026-09",
        version=None,
        completed_investment=Decimal("100"),
        cumulative_investment=Decimal("900"),
    )
    observation = Observation.objects.create(
        indicator=world.gdp, period="2027", period_end="2027-12-31", value=Decimal("2800"), state="submitted"
    )
    order = supervision.order_issue(
        actor=actors["planner"],
        unit=world.mulei_county,
        project=world.mulei_project,
        title="督办",
        requirement="说明原因",
        deadline=DEADLINE,
        now=now,
    )
    supervision.order_respond(
        actor=actors["mulei"],
        order=order,
        text="已整改",
        evidence=SimpleUploadedFile("证明.pdf", b"%PDF-1.4"),
        now=now,
    )
    return {"report": report.pk, "observation": observation.pk, "order": order.pk}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _refused_without_a_trace(response, before, media, files, form: bool = False) -> None:
    # A form page shows its errors on the form again (200); anything else refuses with a 4xx.
    refused = response.status_code in (200, 400) if form else 400 <= response.status_code < 500
    assert refused, (response.status_code, response.content[:300])
    assert _dump() == before
    assert _files(media) == files


def test_every_hostile_api_request_is_refused_and_changes_nothing(world, state, media):
    client = Client()
    client.raise_request_exception = False
    tokens = {
        name: api_token_create(user=world.users[name], now=timezone.now()) for name in ("planner", "mulei")
    }
    cases = _cases(world, state)
    before, files = _dump(), _files(media)
    for user, _method, path, body in cases:
        response = client.post(
            f"/api/v1{path}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {tokens[user]}",
        )
        _refused_without_a_trace(response, before, media, files)
    print(f"\nhostile API requests refused without a trace: {len(cases)}")


def test_hostile_uploads_and_forms_are_refused_and_change_nothing(world, state, media, settings):
    client = Client()
    client.raise_request_exception = False
    order = state["order"]
    client.force_login(world.users["mulei"])
    token = api_token_create(user=world.users["mulei"], now=timezone.now())
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    before, files = _dump(), _files(media)
    uploads = [
        (
            "/projects/dispatch/excel/mulei/2026-09/upload/",
            {"file": SimpleUploadedFile("t.xlsx", b"not excel")},
        ),
        (
            "/projects/dispatch/excel/mulei/2026-09/upload/",
            {"file": SimpleUploadedFile("t.xlsx", b"PK\x03\x04")},
        ),
        (
            f"/projects/{world.mulei_project.pk}/report/2026-09/",
            {
                "completed_investment": "100",
                "cumulative_investment": "900",
                "narrative": "\u001b[2J",
                "version": "1",
            },
        ),
        (
            f"/projects/{world.mulei_project.pk}/report/2026-09/",
            {"completed_investment": "1" * 25, "cumulative_investment": "900", "version": "1"},
        ),
    ]
    for path, data in uploads:
        form = not path.endswith("/upload/")
        _refused_without_a_trace(client.post(path, data), before, media, files, form=form)
    api_uploads = [
        {"text": "已整改", "evidence": SimpleUploadedFile("run.exe", b"MZ")},
        {"text": "已\u0000整改", "evidence": SimpleUploadedFile("证明.pdf", b"%PDF-1.4")},
        {"text": "\u001b", "evidence": SimpleUploadedFile("a.pdf", b"%PDF")},
    ]
    for data in api_uploads:
        response = client.post(f"/api/v1/supervision/orders/{order}/respond", data, **bearer)
        _refused_without_a_trace(response, before, media, files)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = client.post(
        f"/api/v1/projects/{world.mulei_project.pk}/reports",
        REPORT | {"narrative": "长" * 2000},
        content_type="application/json",
        **bearer,
    )
    _refused_without_a_trace(big, before, media, files)
    anonymous = Client(enforce_csrf_checks=True).post(
        "/api/v1/indicators", {}, content_type="application/json"
    )
    _refused_without_a_trace(anonymous, before, media, files)
    print(f"\nhostile uploads and forms refused without a trace: {len(uploads) + len(api_uploads) + 2}")
