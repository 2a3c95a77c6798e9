"""`lantu migrate`: Django's migrate; an empty database gets its tables from the models at once.

Applying the project's hundred-odd migrations one by one to an empty database takes over a minute (Django
renders the state of every model again after each one). On a database with no table at all they have no
rows to convert, so the result is the tables the models describe, which `makemigrations --check` (in
`make check`) keeps equal to the migrations' end state. This is what the test databases are made with
(`--no-migrations`), so a new install gets the schema every test ran on. Every migration is then recorded
as applied; later releases migrate it as usual. `--every-migration` applies them one by one instead.
"""

from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

# Options that ask for something else than "bring this database to the latest state".
_SPECIFIC = ("app_label", "migration_name", "fake", "fake_initial", "plan", "check_unapplied", "prune")


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " An empty database gets its tables from the models at once."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--every-migration",
            action="store_true",
            help="On an empty database too, apply the migrations one by one (about a minute).",
        )

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if options["every_migration"] or any(options.get(name) for name in _SPECIFIC):
            return super().handle(*args, **options)
        connection.prepare_database()
        if connection.introspection.table_names():
            return super().handle(*args, **options)
        migrations = sorted(MigrationLoader(connection, ignore_no_migrations=True).graph.nodes)
        if not migrations:  # migrations turned off (the test databases): Django's own path
            return super().handle(*args, **options)
        from django.apps import apps

        no_migrations = {config.label: None for config in apps.get_app_configs()}
        try:
            with override_settings(MIGRATION_MODULES=no_migrations):
                super().handle(*args, **{**options, "run_syncdb": True})
        except Exception as error:
            # SQLite makes these tables outside a transaction (its foreign key checks off): some may be left.
            raise CommandError(
                f"Making the tables of the empty database failed ({error}). Some tables may have been made: "
                "empty the database and run `lantu migrate` again."
            ) from error
        recorder = MigrationRecorder(connection)
        recorder.ensure_schema()
        for app_label, name in migrations:
            recorder.record_applied(app_label, name)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"The database was empty: its tables were made from the models and {len(migrations)} "
                "migrations recorded as applied."
            )
