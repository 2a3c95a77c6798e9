"""Moving the dispatch's and the problems' models out of `projects` keeps an existing database's rows."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [
    pytest.mark.usefixtures("migration_history"),
    # The split moves models between apps and changes no table, so it proves the same on either database;
    # it runs on PostgreSQL, where its migrations back and forth also exercise the later migrations'
    # reversal, and not again on SQLite, where it cost two minutes of a CI run that must stay under 30
    # (an SQLite install's upgrade is `tests/test_upgrade.py`'s, which runs on both).
    pytest.mark.skipif(connection.vendor == "sqlite", reason="run on PostgreSQL: the same proof, once"),
]

# Today's main before the split: the latest migration of every app that the split touches.
BEFORE = [
    ("projects", "0007_task_report_revision"),
    ("indicators", "0005_observation_corrections"),
    ("plans", "0004_remove_planitem_aligned_to"),
    ("supervision", "0001_initial"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
    # The split itself changes no table; later dispatch migrations (evidence photos' columns) are undone.
    ("dispatch", "0001_initial"),
]
AFTER = [
    ("projects", "0008_dispatch_and_problems_moved_out"),
    ("dispatch", "0001_initial"),
    ("problems", "0001_initial"),
    ("supervision", "0002_problem_moved_to_problems"),
]
MOVED = {
    "dispatch": ["progressreport", "historicalprogressreport", "reportingperiod", "taskreport", "attachment"],
    "problems": ["problem", "historicalproblem"],
}
NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


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
    unit = apps.get_model("orgs", "OrgUnit").objects.create(code="pref", name="州", kind="prefecture")
    years = {"start_year": 2026, "end_year": 2030, "baseline_year": 2025, "owner": unit}
    plan = apps.get_model("plans", "Plan").objects.create(code="m", name="纲要", kind="master", **years)
    task = apps.get_model("plans", "PlanItem").objects.create(plan=plan, code="1", level="task", title="任务")
    project = apps.get_model("projects", "Project").objects.create(
        code="P1", name="项目", county=unit, lead_unit=unit, stage="continuing"
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


@pytest.mark.django_db(transaction=True)
def test_rows_of_the_moved_models_read_through_the_new_apps_after_the_upgrade_and_roll_back():
    """One round trip (each costs about a minute of rendering every later migration's state): upgrade,
    read every moved row through its new app, then roll back and read them in `projects` again."""
    try:
        apps = _migrate(BEFORE)
        permissions = _content_types_of_main(apps)
        pk = _rows_of_main(apps)
        apps = _migrate(AFTER)

        report = apps.get_model("dispatch", "ProgressReport").objects.get(pk=pk["report"])
        assert (report.period, report.cumulative_investment, report.state) == ("2026-09", 90, "approved")
        assert list(report.reached_milestones.values_list("pk", flat=True)) == [pk["milestone"]]
        milestone = apps.get_model("projects", "ProjectMilestone").objects.get(pk=pk["milestone"])
        assert milestone.reached_report_id == pk["report"]
        history = apps.get_model("dispatch", "HistoricalProgressReport").objects.get()
        assert (history.id, history.history_type) == (pk["report"], "+")
        assert apps.get_model("dispatch", "ReportingPeriod").objects.get(pk=pk["period"]).period == "2026-09"
        assert apps.get_model("dispatch", "TaskReport").objects.get(pk=pk["task_report"]).progress == 40
        attachment = apps.get_model("dispatch", "Attachment").objects.get(pk=pk["attachment"])
        assert attachment.progress_report_id == pk["report"]
        problem = apps.get_model("problems", "Problem").objects.get(pk=pk["problem"])
        assert (problem.report.pk, problem.title) == (pk["report"], "用地未落实")
        order = apps.get_model("supervision", "SupervisionOrder").objects.get(pk=pk["order"])
        assert order.problem.pk == pk["problem"]

        Permission = apps.get_model("auth", "Permission")
        for app_label, models in MOVED.items():
            for model in models:
                permission = Permission.objects.select_related("content_type").get(pk=permissions[model])
                assert (permission.content_type.app_label, permission.content_type.model) == (
                    app_label,
                    model,
                )
        ContentType = apps.get_model("contenttypes", "ContentType")
        assert not ContentType.objects.filter(app_label="projects", model__in=MOVED["dispatch"]).exists()

        apps = _migrate(BEFORE)  # the split rolls back: the rows are the models' in projects again
        assert apps.get_model("projects", "Problem").objects.get(pk=pk["problem"]).report_id == pk["report"]
        assert apps.get_model("projects", "ProgressReport").objects.get(pk=pk["report"]).period == "2026-09"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
