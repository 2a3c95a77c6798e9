"""Migrations that put corrections beside approved rows keep existing values and task reports valid."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [
    pytest.mark.usefixtures("migration_history"),
    pytest.mark.sqlite_only(
        "a data migration older than the previous release (tests/test_upgrade.py runs on both "
        "databases): its data step is ORM code, tested in the SQLite run of `make test`"
    ),
]

BEFORE = [
    ("indicators", "0004_indicator_thresholds"),
    ("projects", "0006_report_correction_reason"),
    ("plans", "0004_remove_planitem_aligned_to"),
]
AFTER = [("indicators", "0005_observation_corrections"), ("projects", "0007_task_report_revision")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_values_and_task_reports_become_revision_one_and_stay_in_force():
    try:
        apps = _migrate(BEFORE)
        unit = apps.get_model("orgs", "OrgUnit").objects.create(code="pref", name="州", kind="prefecture")
        years = {"start_year": 2026, "end_year": 2030, "baseline_year": 2025, "owner": unit}
        plan = apps.get_model("plans", "Plan").objects.create(code="m", name="纲要", kind="master", **years)
        task = apps.get_model("plans", "PlanItem").objects.create(
            plan=plan, code="1", level="task", title="任务"
        )
        indicator = apps.get_model("indicators", "Indicator").objects.create(
            plan=plan,
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
        observation = apps.get_model("indicators", "Observation").objects.get()
        assert (observation.revision, observation.superseded, observation.version) == (1, False, 1)
        report = apps.get_model("projects", "TaskReport").objects.get()
        assert (report.revision, report.superseded, report.state) == (1, False, "approved")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
