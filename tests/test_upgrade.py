"""Upgrading keeps every row: a database at the previous release's migration state migrates to this one."""

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
# Rows that record the migrations themselves (re-applied migrations are new rows), and content types, which
# the split renames on purpose (tests/dispatch/test_split_migration.py checks them).
NOT_DATA = {"django_migrations", "django_content_type"}


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


@pytest.mark.django_db(transaction=True)
def test_the_demo_at_the_previous_release_keeps_every_row_after_migrating_to_this_one(settings):
    from lantu.demo.services import demo_load

    settings.DEMO = True
    demo_load(now=timezone.now())
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        MigrationExecutor(connection).migrate(
            PREVIOUS_RELEASE
        )  # the database as the previous release left it
        before, columns = _all_rows(), _columns()
        assert sum(len(rows) for rows in before.values()) > 1000

        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)

        # Every row and every value of the previous release's columns is kept (new columns may be added).
        assert _all_rows(columns) == before
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
