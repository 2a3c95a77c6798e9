"""Upgrading keeps every row: a database at the previous release's migration state migrates to this one.

One round trip through the migrations since the previous release (each way renders every later migration's
state: about 45 s), on both databases, with the demo's rows and one row of every model the split of
`projects` moved to `dispatch` and `problems` (state only: the tables stay, the content types follow):
- rolling back to the previous release keeps this release's rows in the previous release's columns;
- migrating forward keeps every row and value of those columns, and the moved rows read through their new
  apps, their permissions on the moved content types.
"""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.usefixtures("migration_history")

# The migration state of the previous release: every install made before it has this schema. Today it is
# main before the split of `projects` (85057e3^1). Move it forward when a release is tagged.
PREVIOUS_RELEASE = [
    ("sources", "0001_initial"),
    ("orgs", "0001_initial"),
    ("plans", "0004_remove_planitem_aligned_to"),
    ("indicators", "0005_observation_corrections"),
    ("projects", "0007_task_report_revision"),
    ("supervision", "0001_initial"),
    ("factors", "0001_initial"),
    ("imports", "0001_initial"),
    ("reports", "0002_bulletin_and_progress_time"),
]
DJANGO_LATEST = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]
# Rows that record the migrations themselves (re-applied migrations are new rows), and content types, which
# the split renames on purpose (tests/dispatch/test_split_migration.py checks them).
NOT_DATA = {"django_migrations", "django_content_type"}


MOVED = {
    "dispatch": ["progressreport", "historicalprogressreport", "reportingperiod", "taskreport", "attachment"],
    "problems": ["problem", "historicalproblem"],
}
NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


def _content_types_of_main(apps):
    """Put the content types back as a database of today's main has them: the moved models under projects."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = {}
    for app_label, models in MOVED.items():
        for model in models:
            ContentType.objects.filter(app_label=app_label, model=model).delete()
            content_type, _created = ContentType.objects.get_or_create(app_label="projects", model=model)
            permissions[model] = Permission.objects.get_or_create(
                content_type=content_type, codename=f"view_{model}", defaults={"name": f"Can view {model}"}
            )[0].pk
    return permissions


def _rows_of_main(apps):
    """Create a row in every moved model, linked as on main, and return their primary keys."""
    unit = apps.get_model("orgs", "OrgUnit").objects.create(
        code="upgrade-pref", name="升级测试州", kind="prefecture"
    )
    years = {"start_year": 2026, "end_year": 2030, "baseline_year": 2025, "owner": unit}
    plan = apps.get_model("plans", "Plan").objects.create(
        code="upgrade-m", name="升级测试纲要", kind="master", **years
    )
    task = apps.get_model("plans", "PlanItem").objects.create(plan=plan, code="1", level="task", title="任务")
    project = apps.get_model("projects", "Project").objects.create(
        code="UPGRADE-P1", name="升级测试项目", county=unit, lead_unit=unit, stage="continuing"
    )
    milestone = apps.get_model("projects", "ProjectMilestone").objects.create(
        project=project, name="主体完工", planned_date=date(2026, 9, 30)
    )
    report = apps.get_model("projects", "ProgressReport").objects.create(
        project=project, period="2026-09", completed_investment=10, cumulative_investment=90, state="approved"
    )
    report.reached_milestones.add(milestone)
    milestone.reached_report = report
    milestone.save()
    apps.get_model("projects", "HistoricalProgressReport").objects.create(
        id=report.pk,
        project_id=project.pk,
        period="2026-09",
        completed_investment=10,
        cumulative_investment=90,
        state="approved",
        history_date=NOW,
        history_type="+",
    )
    period = apps.get_model("projects", "ReportingPeriod").objects.create(
        plan=plan, period="2026-09", deadline=date(2026, 10, 5)
    )
    task_report = apps.get_model("projects", "TaskReport").objects.create(
        item=task, period="2026-09", progress=40, state="approved"
    )
    attachment = apps.get_model("projects", "Attachment").objects.create(
        progress_report=report, file="evidence/2026/10/photo.jpg", name="photo.jpg", size=3, uploaded_at=NOW
    )
    problem = apps.get_model("projects", "Problem").objects.create(
        project=project,
        report=report,
        title="用地未落实",
        factor="land",
        unit=unit,
        due_date=date(2026, 11, 30),
        raised_at=NOW,
    )
    order = apps.get_model("supervision", "SupervisionOrder").objects.create(
        problem=problem,
        title="督办",
        unit=unit,
        requirement="落实用地",
        deadline=date(2026, 11, 15),
        issued_at=NOW,
    )
    return {
        "report": report.pk,
        "milestone": milestone.pk,
        "period": period.pk,
        "task_report": task_report.pk,
        "attachment": attachment.pk,
        "problem": problem.pk,
        "order": order.pk,
    }


def _all_rows(columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Return every table's rows; with `columns`, only those tables and columns (new ones are left out)."""
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(set(connection.introspection.table_names(cursor)) - NOT_DATA):
            if columns is not None and table not in columns:
                continue
            names = (
                "*" if columns is None else ", ".join(connection.ops.quote_name(c) for c in columns[table])
            )
            cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
        return rows


def _columns() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        return {
            table: [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for table in set(connection.introspection.table_names(cursor)) - NOT_DATA
        }


def _schema() -> dict[str, tuple]:
    """Return each table's columns (name, type, null) and constraints (columns, kind), without their names.

    Constraint names are left out: SQLite names a table's unique constraints itself, and no code reads them.
    """
    introspection = connection.introspection
    with connection.cursor() as cursor:
        schema = {}
        for table in introspection.table_names(cursor):
            if table == "django_migrations":
                continue
            columns = sorted(
                (c.name, c.type_code, c.null_ok) for c in introspection.get_table_description(cursor, table)
            )
            constraints = sorted(
                (
                    tuple(info["columns"] or ()),
                    bool(info["primary_key"]),
                    bool(info["unique"]),
                    bool(info["index"]),
                    bool(info["check"]),
                    info["foreign_key"],
                )
                for info in introspection.get_constraints(cursor, table).values()
            )
            schema[table] = (columns, constraints)
        return schema


def _in(rows: dict[str, list[tuple]], columns: dict[str, list[str]], read_with: dict[str, list[str]]):
    """Return `rows` (read with the columns `read_with`) cut to `columns`: the tables and columns of a
    release."""
    kept = {}
    for table, names in columns.items():
        if table in rows:
            at = [read_with[table].index(name) for name in names]
            kept[table] = sorted((tuple(row[i] for i in at) for row in rows[table]), key=repr)
    return kept


def _moved_rows_read_through_their_new_apps(pk, permissions):
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from lantu.dispatch.models import Attachment, ProgressReport, ReportingPeriod, TaskReport
    from lantu.problems.models import Problem
    from lantu.projects.models import ProjectMilestone
    from lantu.supervision.models import SupervisionOrder

    report = ProgressReport.objects.get(pk=pk["report"])
    assert (report.period, report.cumulative_investment, report.state) == ("2026-09", 90, "approved")
    assert list(report.reached_milestones.values_list("pk", flat=True)) == [pk["milestone"]]
    assert ProjectMilestone.objects.get(pk=pk["milestone"]).reached_report_id == pk["report"]
    history = ProgressReport.history.get(id=pk["report"], history_date=NOW)
    assert history.history_type == "+"
    assert ReportingPeriod.objects.get(pk=pk["period"]).period == "2026-09"
    assert TaskReport.objects.get(pk=pk["task_report"]).progress == 40
    assert Attachment.objects.get(pk=pk["attachment"]).progress_report_id == pk["report"]
    problem = Problem.objects.get(pk=pk["problem"])
    assert (problem.report_id, problem.title) == (pk["report"], "用地未落实")
    assert SupervisionOrder.objects.get(pk=pk["order"]).problem_id == pk["problem"]
    for app_label, models in MOVED.items():
        for model in models:
            permission = Permission.objects.select_related("content_type").get(pk=permissions[model])
            assert (permission.content_type.app_label, permission.content_type.model) == (app_label, model)
    assert not ContentType.objects.filter(app_label="projects", model__in=MOVED["dispatch"]).exists()


@pytest.mark.django_db(transaction=True)
def test_the_demo_at_the_previous_release_keeps_every_row_after_migrating_to_this_one(settings):
    from lantu.demo.services import demo_load

    settings.DEMO = True
    demo_load(now=timezone.now())
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    this_release, this_release_columns = _all_rows(), _columns()
    made_from_the_models = _schema()  # as the test database and `lantu migrate` on an empty one make it
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(PREVIOUS_RELEASE)  # the database as the previous release left it
        columns = _columns()
        rolled_back = _all_rows()
        assert sum(len(rows) for rows in rolled_back.values()) > 1000
        assert _in(this_release, columns, this_release_columns) == rolled_back

        # The content types and permissions are those of Django's latest migrations, as on every install.
        apps = executor.loader.project_state([*PREVIOUS_RELEASE, *DJANGO_LATEST]).apps
        permissions = _content_types_of_main(apps)
        pk = _rows_of_main(apps)
        before = _all_rows()

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)

        # Every row and every value of the previous release's columns is kept (new columns may be added).
        assert _all_rows(columns) == before
        _moved_rows_read_through_their_new_apps(pk, permissions)
        # The migrations since the previous release make the tables the models make.
        assert _schema() == made_from_the_models
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
