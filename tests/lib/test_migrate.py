"""`lantu migrate` on an empty database makes the models' tables at once and records every migration."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

LANTU = str(Path(sys.executable).with_name("lantu"))

pytestmark = pytest.mark.sqlite_only("the test makes its own SQLite file: it runs in the SQLite run")


def _lantu(database: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{database}", "LANTU_SECRET_KEY": "test-only"}
    env["LANTU_VAR_DIR"] = str(database.parent)
    return subprocess.run([LANTU, *args], env=env, capture_output=True, text=True, timeout=600)


def _tables(database: Path) -> dict[str, list[tuple]]:
    """Return each table's columns (name, type, not null, default, primary key), sorted."""
    with sqlite3.connect(database) as db:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: sorted(row[1:] for row in db.execute(f'PRAGMA table_info("{name}")'))
            for name in names
            if not name.startswith("sqlite_")
        }


@pytest.mark.django_db
def test_an_empty_database_gets_the_models_tables_and_every_migration_recorded(tmp_path, settings):
    database = tmp_path / "new.sqlite3"
    done = _lantu(database, "migrate", "--no-input")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "tables were made from the models and" in done.stdout

    with sqlite3.connect(database) as db:
        recorded = set(db.execute("SELECT app, name FROM django_migrations"))
        content_types = db.execute("SELECT count(*) FROM django_content_type").fetchone()[0]
        permissions = db.execute("SELECT count(*) FROM auth_permission").fetchone()[0]
    settings.MIGRATION_MODULES = {}  # the project's migrations (the test database was made without them)
    assert recorded == set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    assert content_types > 100 and permissions == 4 * content_types  # add, change, delete, view
    # Nothing is left to apply; a database with tables is migrated as Django does.
    assert _lantu(database, "migrate", "--check").returncode == 0
    again = _lantu(database, "migrate", "--no-input")
    assert "No migrations to apply." in again.stdout and "made from the models" not in again.stdout
    # The tables are the test database's, which pytest-django makes from the models.
    with connection.cursor() as cursor:
        tested = {
            table: sorted(
                (column.name, column.null_ok)
                for column in connection.introspection.get_table_description(cursor, table)
            )
            for table in connection.introspection.table_names(cursor)
        }
    made = {
        table: sorted((name, not not_null) for name, _type, not_null, *_rest in columns)
        for table, columns in _tables(database).items()
    }
    # The test database records migrations only once a test of migrations has run in its process.
    made.pop("django_migrations")
    tested.pop("django_migrations", None)
    assert made == tested
