"""Shared test world: a small prefecture with the named users every test may use.

Users (password `pw`): admin, planner (州发改委), industry (州工信局 reporter), mulei (木垒县 reporter),
qitai (奇台县 reporter), leader.
"""

import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from lantu.dispatch.models import ReportingPeriod
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.access import actor_for
from lantu.orgs.models import Membership, OrgUnit, Role
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.models import AnnualPlan, ApprovalType, ProcedureKind, Project, Stage

PASSWORD = "pw"

# On a busy CI machine generating examples can be slow: that must never fail a run. `make test` sets
# HYPOTHESIS_PROFILE=ci; CI=true (what CI services set) selects it too.
hypothesis_settings.register_profile(
    "ci", suppress_health_check=[HealthCheck.too_slow], deadline=None, print_blob=True, database=None
)
_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _ci else "default"))


@dataclass
class World:
    """Handles on the objects of the small test world."""

    prefecture: OrgUnit
    mulei_county: OrgUnit
    qitai_county: OrgUnit
    drc: OrgUnit
    industry_bureau: OrgUnit
    plan: Plan
    goal: PlanItem
    measure: PlanItem
    task: PlanItem
    cluster: Cluster
    gdp: Indicator
    mulei_project: Project
    qitai_project: Project
    users: dict[str, User]


def _user(username: str, unit: OrgUnit | None, role: str | None, superuser: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_superuser=superuser, is_staff=superuser)
    if unit is not None and role is not None:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


def pytest_runtest_setup(item):
    """Skip a test marked `sqlite_only(reason)` in the PostgreSQL run of `make test`."""
    marker = item.get_closest_marker("sqlite_only")
    if marker is not None and os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip(marker.args[0])


# Fixtures that give a test the database: a test with none of them (and no `django_db` mark) cannot reach it.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_setup",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database (the PostgreSQL run of `make test`: a test that "
        "uses none proves the same on both databases, and the SQLite run has run it)",
    )


def uses_the_database(item) -> bool:
    """Tell whether a collected test can reach the database (pytest-django blocks it otherwise)."""
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None


def pytest_collection_modifyitems(config, items):
    """Run the slow tests first, so that the workers of `pytest -n` finish together (the order is stable).

    A test of migrations (`migration_history`) renders every migration's state: slow. With
    `--database-tests-only`, the tests that cannot reach the database are deselected.
    """
    if config.getoption("--database-tests-only"):
        free = [item for item in items if not uses_the_database(item)]
        if free:
            config.hook.pytest_deselected(items=free)
            items[:] = [item for item in items if uses_the_database(item)]
    for item in items:
        if "migration_history" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def _record_every_migration(settings) -> None:
    """Record every migration as applied to the test database, which is made from the models.

    The test databases are made from the models (`--no-migrations` in pyproject.toml: rendering the
    migrations' states costs 45 s per worker). `makemigrations --check` keeps the models and the migrations
    equal, so their tables are those of every migration applied.
    """
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    settings.MIGRATION_MODULES = {}
    executor = MigrationExecutor(connection)
    executor.recorder.ensure_schema()
    applied = executor.recorder.applied_migrations()
    for app_label, name in executor.loader.graph.nodes:
        if (app_label, name) not in applied:
            executor.recorder.record_applied(app_label, name)


@pytest.fixture
def migration_history(settings, transactional_db):
    """Turn the migrations on for a test of them: it can migrate back to an earlier release and forward.

    On SQLite the database at the latest migration is copied first and put back afterwards: migrating
    forward again from an old state would render every later migration's state once more (about 40 s).
    """
    import sqlite3

    from django.db import connection

    _record_every_migration(settings)
    if connection.vendor != "sqlite":
        yield
        return
    latest = sqlite3.connect(":memory:")
    try:
        connection.ensure_connection()
        connection.connection.backup(latest)
        yield
        connection.ensure_connection()
        latest.backup(connection.connection)
    finally:
        latest.close()


@pytest.fixture
def migrated_sqlite_file(tmp_path, settings, django_db_setup, django_db_blocker):
    """Return a file SQLite database at the latest migration, for `lantu` commands run in subprocesses.

    A copy of the worker's empty test database (SQLite runs only) with every migration recorded: their
    `lantu migrate` has nothing to apply, instead of rendering every migration again (about 50 s).
    """
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the copy is of an SQLite test database")
    path = tmp_path / "lantu.sqlite3"
    with django_db_blocker.unblock():
        _record_every_migration(settings)
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path


@contextmanager
def _demo_for_the_module(django_db_blocker, *, now: datetime, users: bool):
    """Load the Changji demo once for a module whose every test reads it, and roll it back at the end.

    Loading the demo takes 3 to 5 s. A module-scoped fixture built on this opens a transaction, loads the demo
    in it and yields the loader's summary; each test's own transaction (the `db` fixture) is a savepoint in
    it, so what a test writes is undone before the next; the module's end rolls the demo back. Only for a
    module whose every test asks for the fixture: a test of the module that did not would see the demo too.
    """
    from django.db import transaction
    from django.test import override_settings

    from lantu.demo.services import demo_load

    quick = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEMO=users, PASSWORD_HASHERS=quick):
                summary = demo_load(now=now)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield summary
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="session")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """Return `with demo_for_the_module(now=..., users=...) as summary:` for a module-scoped fixture."""
    return partial(_demo_for_the_module, django_db_blocker)


@pytest.fixture(autouse=True)
def _default_language():
    """Start and leave every test in the default language, whatever a test activated."""
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords cheaply; the real hasher is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_optional(settings):
    """Let the named users log in with a password alone; tests/orgs turn the second factor back on."""
    settings.LANTU_OTP_REQUIRED = False


@pytest.fixture
def world(db) -> World:
    """Create the small test world."""
    pref = OrgUnit.objects.create(code="pref", name="昌吉回族自治州", short_name="昌吉州", kind="prefecture")
    mulei = OrgUnit.objects.create(
        code="mulei", name="木垒哈萨克自治县", short_name="木垒县", kind="county", parent=pref
    )
    qitai = OrgUnit.objects.create(code="qitai", name="奇台县", kind="county", parent=pref)
    drc = OrgUnit.objects.create(
        code="drc", name="州发展和改革委员会", short_name="州发改委", kind="department", parent=pref
    )
    ind = OrgUnit.objects.create(
        code="industry", name="州工业和信息化局", short_name="州工信局", kind="department", parent=pref
    )
    plan = Plan.objects.create(
        code="fyp15",
        name="十五五规划",
        kind="master",
        start_year=2026,
        end_year=2030,
        baseline_year=2025,
        owner=pref,
    )
    goal = PlanItem.objects.create(plan=plan, level="goal", code="1", title="目标一", lead_unit=drc, order=1)
    measure = PlanItem.objects.create(
        plan=plan, parent=goal, level="measure", code="1.1", title="举措一", lead_unit=ind
    )
    task = PlanItem.objects.create(
        plan=plan, parent=measure, level="task", code="1.1.1", title="精耕煤", lead_unit=ind
    )
    cluster = Cluster.objects.create(code="coal", name="煤基产业集群", tier="100b")
    gdp = Indicator.objects.create(
        plan=plan,
        code="gdp",
        name="地区生产总值",
        unit="亿元",
        attribute="expected",
        direction="higher",
        responsible_unit=drc,
        frequency="annual",
        baseline_year=2025,
        baseline_value=Decimal("2509.23"),
        target_kind="annual_growth",
        target_year=2030,
        target_rate=Decimal("6.5"),
        is_headline=True,
    )
    gdp.items.add(goal)
    Observation.objects.create(
        indicator=gdp, period="2026", period_end="2026-12-31", value=Decimal("2680"), state="approved"
    )
    mulei_project = Project.objects.create(
        plan=plan,
        code="P-ML-1",
        name="木垒县新能源项目",
        county=mulei,
        lead_unit=mulei,
        cluster=cluster,
        stage=Stage.CONTINUING,
        total_investment=Decimal("770000"),
    )
    qitai_project = Project.objects.create(
        plan=plan,
        code="P-QT-1",
        name="奇台县煤化工项目",
        county=qitai,
        lead_unit=qitai,
        cluster=cluster,
        stage=Stage.NEW,
        total_investment=Decimal("120000"),
    )
    users = {
        "admin": _user("admin", None, None, superuser=True),
        "planner": _user("planner", drc, Role.PLANNER),
        "industry": _user("industry", ind, Role.REPORTER),
        "mulei": _user("mulei", mulei, Role.REPORTER),
        "qitai": _user("qitai", qitai, Role.REPORTER),
        "leader": _user("leader", pref, Role.LEADER),
    }
    return World(
        pref,
        mulei,
        qitai,
        drc,
        ind,
        plan,
        goal,
        measure,
        task,
        cluster,
        gdp,
        mulei_project,
        qitai_project,
        users,
    )


@pytest.fixture
def login(client, world):
    """Return a function that logs the test client in as a named user."""

    def _login(username: str):
        client.force_login(world.users[username])
        return client

    return _login


# Fixtures of the projects, dispatch and problems tests (one copy for the three apps' tests).
DISPATCH_NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def now():
    """Return the moment the dispatch tests run at: early October 2026."""
    return DISPATCH_NOW


@pytest.fixture
def actors(world):
    """Return the world's users resolved as actors, by username."""
    return {name: actor_for(user) for name, user in world.users.items()}


@pytest.fixture
def open_period(world):
    """Open 2026-09 of the world's plan (deadline 2026-10-05) and give both projects a 2026 plan."""
    AnnualPlan.objects.create(project=world.mulei_project, year=2026, planned_investment=Decimal("1200"))
    AnnualPlan.objects.create(project=world.qitai_project, year=2026, planned_investment=Decimal("600"))
    return ReportingPeriod.objects.create(plan=world.plan, period="2026-09", deadline=date(2026, 10, 5))


# The procedure catalogue of the projects, API and browser tests (前期手续).


@dataclass
class Catalogue:
    """A small catalogue: 立项 first, then 用地 and 环评 side by side, then 施工许可."""

    land_bureau: OrgUnit
    eco_bureau: OrgUnit
    approval: ProcedureKind
    land: ProcedureKind
    eia: ProcedureKind
    permit: ProcedureKind


@pytest.fixture
def catalogue(world) -> Catalogue:
    land = OrgUnit.objects.create(
        code="land", name="州自然资源局", kind="department", parent=world.prefecture
    )
    eco = OrgUnit.objects.create(code="eco", name="州生态环境局", kind="department", parent=world.prefecture)
    world.users["land"] = _user("land", land, Role.REPORTER)
    kinds = [
        ProcedureKind.objects.create(
            code="approval", name="立项", department=world.drc, group=1, default_days=20
        ),
        ProcedureKind.objects.create(
            code="land", name="用地预审与选址意见书", department=land, group=2, default_days=30
        ),
        ProcedureKind.objects.create(
            code="eia",
            name="环评批复",
            department=eco,
            group=2,
            default_days=45,
            approval_types=[ApprovalType.GOVERNMENT, ApprovalType.APPROVAL],
        ),
        ProcedureKind.objects.create(
            code="permit", name="施工许可证", department=world.drc, group=3, default_days=15
        ),
    ]
    return Catalogue(land, eco, *kinds)


@pytest.fixture
def land_actor(catalogue, world):
    return actor_for(world.users["land"])


@pytest.fixture
def unit_indicator(world):
    """Return a function that gives a unit a level indicator of the world's plan (20 万吨 by 2030)."""

    def _make(code: str, unit: OrgUnit, frequency: str = "annual", name: str = "") -> Indicator:
        return Indicator.objects.create(
            plan=world.plan,
            code=code,
            name=name or code,
            unit="万吨",
            attribute="expected",
            direction="higher",
            responsible_unit=unit,
            frequency=frequency,
            baseline_year=2025,
            baseline_value=Decimal("10"),
            target_kind="level",
            target_year=2030,
            target_value=Decimal("20"),
        )

    return _make
