"""Insert generated rows by the million: prepared tuples through `executemany`, with their history rows.

`bulk_create` (and simple-history's `bulk_create_with_history`) build one model instance per row and
one historical instance more; at six million reports that alone takes longer than the whole load.
Here the generator hands plain tuples of column values, ids are given by the generator (so a history
row can carry its object's id without reading it back), and every table with a history gets one
"created" history row per object, by nobody, with the reason given.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from lantu.lib.bulk import BATCH, Table


def next_id(model: type[models.Model]) -> int:
    """Return the first free primary key of a table (the generator numbers its rows from there)."""
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class Writer:
    """Write a model's rows and, when it keeps a history, the matching "created" history rows."""

    def __init__(
        self,
        model: type[models.Model],
        names: list[str],
        *,
        now: datetime,
        reason: str,
        parents: tuple["Writer", ...] = (),
    ):
        self.model = model
        # Written before each batch: a row never waits for its parent (SQLite would then look for the
        # rows of every parent it inserts in this table, a scan without the deferred indexes).
        self.parents = parents
        self.table = Table(model, names)
        self.history = None
        if hasattr(model, "history"):
            historical = model.history.model
            self.history = Table(
                historical,
                names,
                extra={
                    "history_date": now,
                    "history_type": "+",
                    "history_change_reason": reason,
                    "history_user_id": None,
                },
            )
        self.pending: list[tuple] = []
        self.count = 0

    def add(self, row: tuple) -> None:
        """Queue one row; rows go to the database a batch at a time."""
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> int:
        """Write the queued rows; return how many rows were written in all."""
        for parent in self.parents:
            parent.flush()
        if self.pending:
            self.table.insert(self.pending)
            if self.history is not None:
                self.history.insert(self.pending)
            self.count += len(self.pending)
            self.pending = []
        return self.count


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """Return the name and the CREATE statement of a table's indexes that no constraint needs."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND i.schemaname = current_schema() AND i.indexdef NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        else:
            return []
        return list(cursor.fetchall())


@contextmanager
def indexes_deferred(*models_: type[models.Model]) -> Iterator[None]:
    """Drop the tables' plain indexes for a bulk load and build them again at the end.

    Building an index once over sorted rows costs a fraction of keeping it up to date row by row;
    unique indexes stay (they guard the data). Inside the caller's transaction, so a failure leaves
    the indexes as they were.
    """
    tables = [model._meta.db_table for model in models_]
    tables += [model.history.model._meta.db_table for model in models_ if hasattr(model, "history")]
    dropped = [index for table in tables for index in _secondary_indexes(table)]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _sql in dropped:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL builds no index on a table whose deferred foreign-key checks are pending: run them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, sql in dropped:
            cursor.execute(sql)


def reset_sequences(*models_: type[models.Model]) -> None:
    """Move PostgreSQL's id sequences past the ids the generator gave (nothing to do on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def db_datetime(value: datetime) -> Any:
    """Return a datetime as the database takes it in a raw insert."""
    return connection.ops.adapt_datetimefield_value(value)
