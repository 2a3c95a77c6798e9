"""Data migrations older than the previous release keep the rows they convert.

One round trip for both: each migrates the database back to before them and forward again, which renders
every later migration's state (about 80 s on SQLite), so they share it.
- plans 0003: PlanItem.aligned_to values become Alignment rows ("supports", with history);
- indicators 0005 and projects 0007: existing values and task reports become revision one, in force.
"""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lantu.plans.models import Alignment

pytestmark = [
    pytest.mark.usefixtures("migration_history"),
    pytest.mark.sqlite_only(
        "data migrations older than the previous release (tests/test_upgrade.py runs on both "
        "databases): their data steps are ORM code, tested in the SQLite run of `make test`"
    ),
]

BEFORE = [
    ("plans", "0002_alignment"),
    ("indicators", "0004_indicator_thresholds"),
    ("projects", "0006_report_correction_reason"),
]
AFTER = [
    ("plans", "0004_remove_planitem_aligned_to"),
    ("indicators", "0005_observation_corrections"),
    ("projects", "0007_task_report_revision"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_aligned_to_links_values_and_task_reports_survive_their_data_migrations():
    # The database goes back to the latest migration afterwards (the migration_history fixture).
    apps = _migrate(BEFORE)
    unit = apps.get_model("orgs", "OrgUnit").objects.create(code="pref", name="州", kind="prefecture")
    Plan = apps.get_model("plans", "Plan")
    PlanItem = apps.get_model("plans", "PlanItem")
    years = {"start_year": 2026, "end_year": 2030, "baseline_year": 2025, "owner": unit}
    master = Plan.objects.create(code="m", name="纲要", kind="master", **years)
    special = Plan.objects.create(code="s", name="专项", kind="special", **years)
    target = PlanItem.objects.create(plan=master, code="1", level="goal", title="目标")
    item = PlanItem.objects.create(plan=special, code="1", level="goal", title="专项目标", aligned_to=target)
    PlanItem.objects.create(plan=special, code="2", level="goal", title="未衔接")
    task = PlanItem.objects.create(plan=master, code="1.1", level="task", title="任务")
    indicator = apps.get_model("indicators", "Indicator").objects.create(
        plan=master,
        code="gdp",
        name="地区生产总值",
        unit="亿元",
        attribute="expected",
        responsible_unit=unit,
        baseline_year=2025,
        baseline_value=100,
        target_kind="level",
        target_year=2030,
        target_value=150,
    )
    apps.get_model("indicators", "Observation").objects.create(
        indicator=indicator, period="2026", period_end=date(2026, 12, 31), value=110, state="approved"
    )
    apps.get_model("projects", "TaskReport").objects.create(
        item=task, period="2026-09", progress=40, state="approved"
    )

    apps = _migrate(AFTER)

    link = Alignment.objects.get()
    assert (link.item_id, link.target_id, link.kind) == (item.pk, target.pk, "supports")
    assert "衔接事项" in link.note
    assert link.history.get().history_type == "+"
    observation = apps.get_model("indicators", "Observation").objects.get()
    assert (observation.revision, observation.superseded, observation.version) == (1, False, 1)
    report = apps.get_model("projects", "TaskReport").objects.get()
    assert (report.revision, report.superseded, report.state) == (1, False, "approved")
