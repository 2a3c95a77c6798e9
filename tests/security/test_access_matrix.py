"""Access matrix: every role × every page of the URL conf and every API operation × own/other unit.

Each page name and API operation needs an expectation below; a new one without it fails the test. Beyond
the expected allow/deny, no answer to 木垒's users (county reporter, department reporter) may contain the
text only 奇台's drafts carry, and no refused write may change a row.
"""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from lantu.api.urls import api
from lantu.orgs.services import api_token_create

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ("anonymous", "admin", "planner", "county_planner", "industry", "mulei", "leader")
REPORTERS = ("industry", "mulei")  # 州工信局 (department) and 木垒县 (county): 奇台's drafts are not theirs

# Pages anyone may open, signed in or not.
OPEN = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm"}
OPEN |= {"password_reset_complete", "set_language", "healthz"}
# Pages of planners and administrators only (imports, the project library, the indicator review queue).
PLANNERS = {"imports:index", "imports:review", "imports:finding", "projects:library_upload"}
PLANNERS |= {"projects:library_import", "indicators:review", "imports:add"}
# The audit trail: the audit administrator (a 三员 duty) and the bootstrap superuser only.
AUDIT = {"audit", "audit_export"}
# Pages that show a form to change a project or its report: its units and the planning office; the
# leader reads everything and edits nothing. ("own" is 木垒's object, "other" 奇台's; 州工信局 owns neither.)
EDIT = {"projects:edit", "projects:report_edit", "projects:problem_new"}
# Another unit's drafts (a draft report, its evidence): its units and those who read all drafts.
DRAFTS = {"projects:report", "projects:evidence"}
# Splitting a target changes the plan's structure: administrators and the plan owner's planners.
STRUCTURE = {"indicators:split"}
# Pages that need a query naming what they act on (?project=…) or the user's own unit: 404 without it.
NEED_A_TARGET = {"supervision:new", "supervision:panel"}
# The office's own map boundaries: 404 for everyone while LANTU_MAP_GEOJSON is unset.
NOT_CONFIGURED = {"projects:map_boundaries"}
# Comparing prefectures: only a region's users; this install has none (tests/orgs/test_region.py has).
REGION = {"region"}
OWNER = {"own": ("mulei", "county_planner"), "other": ()}  # who, besides admin and planner, owns a side

# Pages anyone with a role reads (POST-only pages among them: their refused writes are tested below).
READ = {
    "account_security",
    "api_token_revoke",
    "dashboard",
    "projects:map",
    "projects:evidence_thumbnail",  # the matrix has no photo: a missing id (access: test_evidence_photos)
    "factors:accept",
    "factors:compare",
    "factors:demand_change",
    "factors:demand_save",
    "factors:efficiency_save",
    "factors:guarantee",
    "factors:index",
    "factors:ledger",
    "factors:preview",
    "factors:profile",
    "factors:profile_save",
    "factors:quota",
    "factors:run",
    "factors:scenario",
    "imports:accept",
    "imports:drop",
    "indicators:approve",
    "indicators:detail",
    "indicators:enter",
    "indicators:entry",
    "indicators:entry-template",
    "indicators:entry-upload",
    "indicators:list",
    "indicators:return",
    "indicators:review-approve",
    "indicators:share-remove",
    "indicators:split-check",
    "indicators:submit",
    "indicators:target-revise",
    "indicators:thresholds",
    "jobs:detail",
    "jobs:list",
    "jobs:retry",
    "notify:bell",
    "notify:inbox",
    "notify:open",
    "notify:preferences",
    "notify:remind",
    "notify:reminder_log",
    "password_change",
    "password_change_done",
    "plans:alignment",
    "plans:alignment-add",
    "plans:alignment-edit",
    "plans:alignment-remove",
    "plans:detail",
    "plans:item",
    "plans:list",
    "projects:contribution_delete",
    "projects:contribution_edit",
    "projects:contribution_new",
    "projects:detail",
    "projects:dispatch",
    "projects:excel",
    "projects:library_decide",
    "projects:list",
    "projects:milestone_edit",
    "projects:milestone_new",
    "projects:period_toggle",
    "projects:periods",
    "projects:problem",
    "projects:problems",
    "projects:procedure_edit",
    "projects:procedure_queue",
    "projects:procedures_plan",
    "projects:reminders",
    "projects:report_action",
    "projects:report_year_to_date",
    "projects:review",
    "projects:submit_all",
    "projects:task_report",
    "projects:task_review",
    "projects:unit",
    "projects:upload",
    "reports:download",
    "reports:index",
    "reports:issue",
    "reports:issued",
    "reports:issued_download",
    "reports:regenerate",
    "reports:row",
    "second_factor",
    "second_factor_enrol",
    "second_factor_remove",
    "supervision:detail",
    "supervision:evidence",
    "supervision:list",
    "supervision:procedure_take_up",
    "supervision:respond",
    "supervision:review",
}
# Every API operation: reads answer anyone with a role (drafts their own), writes refuse other units.
API = {
    ("GET", "/api/v1/dispatch/figures"),
    ("GET", "/api/v1/factors/scenarios"),
    ("GET", "/api/v1/factors/scenarios/{scenario_id}"),
    ("GET", "/api/v1/indicators"),
    ("GET", "/api/v1/indicators/{indicator_id}"),
    ("GET", "/api/v1/indicators/{indicator_id}/observations"),
    ("GET", "/api/v1/indicators/{indicator_id}/pipeline"),
    ("GET", "/api/v1/indicators/{indicator_id}/shares"),
    ("GET", "/api/v1/indicators/{indicator_id}/status"),
    ("GET", "/api/v1/indicators/{indicator_id}/target-versions"),
    ("GET", "/api/v1/plans"),
    ("GET", "/api/v1/plans/{code}"),
    ("GET", "/api/v1/plans/{code}/alignments"),
    ("GET", "/api/v1/plans/{code}/items"),
    ("GET", "/api/v1/problems"),
    ("GET", "/api/v1/procedures/blocked"),
    ("GET", "/api/v1/procedures/queue"),
    ("GET", "/api/v1/projects"),
    ("GET", "/api/v1/projects/{project_id}"),
    ("GET", "/api/v1/projects/{project_id}/procedures"),
    ("GET", "/api/v1/reports"),
    ("GET", "/api/v1/supervision/orders"),
    ("GET", "/api/v1/supervision/orders/{order_id}"),
    ("PATCH", "/api/v1/projects/{project_id}/procedures/{procedure_id}"),
    ("POST", "/api/v1/imports/extract"),
    ("POST", "/api/v1/indicators"),
    ("POST", "/api/v1/indicators/{indicator_id}/observations"),
    ("POST", "/api/v1/indicators/{indicator_id}/target-versions"),
    ("POST", "/api/v1/observations/{observation_id}/approve"),
    ("POST", "/api/v1/observations/{observation_id}/return"),
    ("POST", "/api/v1/projects/{project_id}/reports"),
    ("POST", "/api/v1/reports/{report_id}/approve"),
    ("POST", "/api/v1/reports/{report_id}/return"),
    ("POST", "/api/v1/reports/{report_id}/submit"),
    ("POST", "/api/v1/supervision/orders"),
    ("POST", "/api/v1/supervision/orders/{order_id}/close"),
    ("POST", "/api/v1/supervision/orders/{order_id}/respond"),
    ("POST", "/api/v1/supervision/orders/{order_id}/return"),
}

# Which object of the matrix each page's "pk" names (unlisted: an id no object has, 404 for everyone).
PK = {
    "indicators:detail": "indicator",
    "indicators:enter": "indicator",
    "indicators:target-revise": "indicator",
    "indicators:thresholds": "indicator",
    "indicators:split": "indicator",
    "indicators:split-check": "indicator",
    "indicators:submit": "observation",
    "indicators:approve": "observation",
    "indicators:return": "observation",
    "projects:report": "report",
    "projects:report_action": "report",
    "projects:evidence": "evidence",
    "projects:problem": "problem",
}
PROJECT_PAGES = {
    "projects:edit",
    "projects:milestone_new",
    "projects:procedures_plan",
    "projects:contribution_new",
    "projects:detail",
    "projects:report_edit",
    "projects:report_year_to_date",
    "projects:problem_new",
    "projects:milestone_edit",
    "projects:procedure_edit",
    "factors:guarantee",
    "factors:profile",
    "factors:profile_save",
    "factors:efficiency_save",
    "factors:demand_save",
    "factors:demand_change",
    "supervision:procedure_take_up",
}
PK.update(dict.fromkeys(PROJECT_PAGES, "project"))


def _kwargs(name: str, params: list[str], matrix, side: str) -> dict:
    unit = getattr(matrix, side)
    values = {"code": matrix.plan, "period": matrix.period, "unit": unit.unit_code, "action": "submit"}
    values |= {"token": "set-password", "uidb64": "MQ"}
    if name.startswith("plans:"):
        values["pk"] = matrix.item
    elif name == "projects:task_report":
        values["pk"] = matrix.task
    elif name == "projects:task_review":
        values["pk"] = matrix.task_report
    elif name in PK:
        values["pk"] = getattr(unit, PK[name])
    return {param: values.get(param, matrix.missing) for param in params}


def _expected(name: str, role: str, side: str) -> str:
    """Return "allow", "deny" (403 or 404), "login" or "absent" (404) for a GET of a page."""
    if name in OPEN:
        return "allow"
    if role == "anonymous":
        return "login"
    if name in AUDIT:
        return "allow" if role == "admin" else "deny"
    if name in PLANNERS:
        return "allow" if role in ("admin", "planner", "county_planner") else "deny"
    if name in REGION:
        return "deny"
    if name in NEED_A_TARGET | NOT_CONFIGURED or (name == "projects:unit" and role == "admin"):
        return "absent"
    if name in STRUCTURE:
        return "allow" if role in ("admin", "planner") else "deny"
    if name in EDIT:
        return "allow" if role in ("admin", "planner", *OWNER[side]) else "deny"
    if name in DRAFTS and role in REPORTERS:
        return "allow" if role in OWNER[side] else "deny"
    return "allow"


def _outcome(response, kwargs: dict, missing: int) -> str:
    status = response.status_code
    if status == 302 and response["Location"].startswith("/accounts/login"):
        return "login"
    if status == 403 or (status == 404 and kwargs and missing not in kwargs.values()):
        return "deny"  # refused, or an existing object hidden
    if status == 404 and not kwargs:
        return "absent"
    if status >= 500 and response.wsgi_request.path != "/healthz":  # 503: no worker is running here
        return f"error {status}"
    return "allow"  # 200, a redirect elsewhere, 404 of an object no one has, 405 of a POST-only page


NOT_DATA = {"auditrecord", "accountsecurity"}  # the audit trail; a user's security row made at first sign-in


def _rows() -> dict[str, int]:
    """Return the row count of every Lantu table (history included) but NOT_DATA's."""
    counts = {}
    for model in apps.get_models():
        if model.__module__.startswith("lantu.") and model._meta.model_name not in NOT_DATA:
            counts[model._meta.label] = model._default_manager.count()
    return counts


def test_every_page_and_api_operation_has_an_expectation(pages):
    named = {name for name, _params in pages}
    expected = [OPEN, PLANNERS, AUDIT, EDIT, DRAFTS, STRUCTURE, NEED_A_TARGET, NOT_CONFIGURED, REGION, READ]
    assert sorted(named - set().union(*expected)) == [], "pages without an expectation"
    assert sorted(set().union(*expected) - named) == [], "expectations of pages that no longer exist"
    assert sum(len(group) for group in expected) == len(set().union(*expected)), "a page expected twice"
    assert set(_operations()) == API, "API operations without an expectation (or gone)"


def test_every_role_gets_each_page_as_designed_and_no_reporter_reads_another_units_drafts(
    matrix, pages, client, world
):
    wrong = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for name, params in pages:
            for side in ("own", "other") if params else ("own",):
                kwargs = _kwargs(name, params, matrix, side)
                url = reverse(name, kwargs=kwargs)
                response = client.get(url)
                got, want = _outcome(response, kwargs, matrix.missing), _expected(name, role, side)
                if response.status_code == 405:  # a POST-only page: its writes are tested below
                    continue
                if got != want:
                    wrong.append(
                        f"{role} GET {url} ({name}, {side}): {want} expected, {got} ({response.status_code})"
                    )
                body = getattr(response, "content", b"")
                if role in REPORTERS and matrix.leak in body:
                    wrong.append(f"{role} GET {url}: another unit's draft leaks")
    assert not wrong, "\n".join(wrong)


def test_no_write_of_a_reporter_or_leader_to_another_units_object_changes_a_row(matrix, pages, client, world):
    before = _rows()
    wrong = []
    for role in ("mulei", "industry", "leader", "anonymous"):
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for name, params in pages:
            if name in OPEN or not params:
                continue
            url = reverse(name, kwargs=_kwargs(name, params, matrix, "other"))
            response = client.post(url, {"value": "1", "note": "x", "reason": "x", "title": "x"})
            if response.status_code >= 500:
                wrong.append(f"{role} POST {url}: {response.status_code}")
    after = _rows()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert not wrong, "\n".join(wrong)
    assert not changed, f"refused writes changed rows: {changed}"


# The API: every operation of the OpenAPI document.
def _operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted((method.upper(), path) for path, ops in schema["paths"].items() for method in ops)


def _api_path(path: str, matrix, side: str) -> str:
    unit = getattr(matrix, side)
    values = {
        "{code}": matrix.plan,
        "{indicator_id}": str(unit.indicator),
        "{observation_id}": str(unit.observation),
        "{project_id}": str(unit.project),
        "{report_id}": str(unit.report),
    }
    for placeholder, value in values.items():
        path = path.replace(placeholder, value)
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + str(matrix.missing) + path[end + 1 :]
    return path


def test_every_api_operation_refuses_the_anonymous_a_read_token_writes_and_reporters_other_units(
    matrix, client, world
):
    now = timezone.now()
    read_token = api_token_create(user=world.users["planner"], scope="read", now=now)
    write_tokens = {
        name: api_token_create(user=world.users[name], now=now) for name in REPORTERS + ("leader",)
    }
    before = _rows()
    wrong = []
    for method, path in _operations():
        for side in ("own", "other"):
            url = _api_path(path, matrix, side)
            call = getattr(client, method.lower())
            body = {"value": "1", "period": "2026", "reason": "x"}
            anonymous = call(url, body, content_type="application/json") if method != "GET" else call(url)
            if anonymous.status_code != 401:
                wrong.append(f"anonymous {method} {url}: {anonymous.status_code}, 401 expected")
            auth = {"HTTP_AUTHORIZATION": f"Bearer {read_token}"}
            if method != "GET":
                read = call(url, body, content_type="application/json", **auth)
                if read.status_code != 403:
                    wrong.append(f"read token {method} {url}: {read.status_code}, 403 expected")
            for name, token in write_tokens.items():
                auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
                if method == "GET":
                    response = call(url, **auth)
                    if name in REPORTERS and matrix.leak in response.content:
                        wrong.append(f"{name} GET {url}: another unit's draft leaks")
                elif side == "other" or name == "leader":
                    response = call(url, body, content_type="application/json", **auth)
                    if response.status_code not in (400, 403, 404, 409, 422):
                        wrong.append(f"{name} {method} {url}: {response.status_code}, a refusal expected")
                else:
                    continue
                if response.status_code >= 500:
                    wrong.append(f"{name} {method} {url}: {response.status_code}")
    after = _rows()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    assert not wrong, "\n".join(wrong)
    assert not changed, f"refused API writes changed rows: {changed}"
