"""The migration that replaces PlanItem.aligned_to with Alignment rows keeps every existing link."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lantu.plans.models import Alignment

pytestmark = [
    pytest.mark.usefixtures("migration_history"),
    pytest.mark.sqlite_only(
        "a data migration older than the previous release (tests/test_upgrade.py runs on both "
        "databases): its data step is ORM code, tested in the SQLite run of `make test`"
    ),
]

BEFORE = [("plans", "0002_alignment")]
AFTER = [("plans", "0004_remove_planitem_aligned_to")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_aligned_to_values_become_supports_links_with_history():
    try:
        apps = _migrate(BEFORE)
        unit = apps.get_model("orgs", "OrgUnit").objects.create(code="pref", name="州", kind="prefecture")
        Plan = apps.get_model("plans", "Plan")
        PlanItem = apps.get_model("plans", "PlanItem")
        years = {"start_year": 2026, "end_year": 2030, "baseline_year": 2025, "owner": unit}
        master = Plan.objects.create(code="m", name="纲要", kind="master", **years)
        special = Plan.objects.create(code="s", name="专项", kind="special", **years)
        target = PlanItem.objects.create(plan=master, code="1", level="goal", title="目标")
        item = PlanItem.objects.create(
            plan=special, code="1", level="goal", title="专项目标", aligned_to=target
        )
        PlanItem.objects.create(plan=special, code="2", level="goal", title="未衔接")
        _migrate(AFTER)
        link = Alignment.objects.get()
        assert (link.item_id, link.target_id, link.kind) == (item.pk, target.pk, "supports")
        assert "衔接事项" in link.note
        assert link.history.get().history_type == "+"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
