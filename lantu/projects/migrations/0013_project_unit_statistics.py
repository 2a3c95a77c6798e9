"""Tell PostgreSQL's planner how a project's plan, lead unit and county go together.

A prefecture's plan holds that prefecture's projects, led and located in its units: the three columns
are far from independent. Multiplying their selectivities, the planner expected one row where a unit's
page reads 700 and chose nested loops fit for one (a unit page's missing reports: 15 ms, 7 ms with these
statistics, at 100,000 projects). Extended statistics (functional dependencies and the most common
combinations) are PostgreSQL's; other databases have nothing to do. ANALYZE fills them (autovacuum, or
the bench after loading).
"""

from django.db import migrations

NAME = "projects_project_plan_units"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {NAME} (dependencies, mcv) "
            "ON plan_id, lead_unit_id, county_id FROM projects_project"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("projects", "0012_milestone_overdue_cover")]

    operations = [migrations.RunPython(create, drop)]
