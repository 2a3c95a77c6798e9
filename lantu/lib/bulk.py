"""Many rows into one table at once: COPY on PostgreSQL, a prepared `executemany` elsewhere.

For writers of generated or derived rows by the hundred thousand (`lantu generate`, the kept figures'
rebuild), where a model instance per row costs more than the insert itself.
"""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import connection, models

BATCH = 5000


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class Table:
    """The insert of one model: the named columns (attnames) from each row, every other column at its
    default (or the value `extra` gives it)."""

    def __init__(self, model: type[models.Model], names: list[str], extra: dict[str, Any] | None = None):
        fields = {field.attname: field for field in model._meta.concrete_fields}
        rest = [
            field
            for name, field in fields.items()
            if name not in names and name not in (extra or {}) and not isinstance(field, models.AutoField)
        ]
        self.model = model
        self.fields = [fields[name] for name in names]
        constants = {
            str(field.column): field.get_db_prep_save(field.get_default(), connection) for field in rest
        }
        for name, value in (extra or {}).items():
            constants[str(fields[name].column)] = fields[name].get_db_prep_save(value, connection)
        self.tail = tuple(constants.values())
        columns = [str(field.column) for field in self.fields] + list(constants)
        quote = connection.ops.quote_name
        table, names_sql = quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(
            table, names_sql, ", ".join(["%s"] * len(columns))
        )
        self.copy_sql = f"COPY {table} ({names_sql}) FROM STDIN"

    def insert(self, rows: Iterable[tuple]) -> int:
        """Insert the rows (values of the named columns, ready for the database); return how many."""
        count = 0
        tail = self.tail
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: several times the rate of even a pipelined executemany.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row + tail)
                        count += 1
                return count
            for batch in _batches(rows, BATCH):
                cursor.executemany(self.sql, [row + tail for row in batch])
                count += len(batch)
        return count
