"""Make the database hold exactly the given rows: create what is missing, update what differs.

Rows are dicts of concrete field attnames (`plan_id`, not `plan`). Unchanged rows are not written,
so loading the demo twice leaves the data and its audit trail as they were.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

Key = tuple[Any, ...]


def _has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def sync_rows(
    model: type[models.Model],
    rows: Iterable[Mapping[str, Any]],
    *,
    key: Sequence[str],
    scope: models.QuerySet,
    now: datetime,
) -> dict[Key, models.Model]:
    """Upsert rows matched on `key` among the objects of `scope`; return every row's object by key."""
    existing = {tuple(getattr(obj, k) for k in key): obj for obj in scope}
    wanted: dict[Key, models.Model] = {}
    creates: list[models.Model] = []
    updates: list[models.Model] = []
    changed_fields: set[str] = set()
    for row in rows:
        row_key = tuple(row[k] for k in key)
        obj = existing.get(row_key)
        if obj is None:
            obj = model(**row)
            creates.append(obj)
        else:
            changed = [name for name, value in row.items() if getattr(obj, name) != value]
            for name in changed:
                setattr(obj, name, row[name])
            if changed:
                updates.append(obj)
                changed_fields.update(changed)
        wanted[row_key] = obj
    history = _has_history(model)
    if creates:
        if history:
            created = bulk_create_with_history(creates, model, default_date=now)
        else:
            created = model._default_manager.bulk_create(creates)
        for obj in created:
            wanted[tuple(getattr(obj, k) for k in key)] = obj
    if updates:
        fields = sorted(changed_fields)
        if history:
            bulk_update_with_history(updates, model, fields, default_date=now)
        else:
            model._default_manager.bulk_update(updates, fields)
    return wanted


def prune(scope: models.QuerySet, keep: Iterable[models.Model]) -> int:
    """Delete the objects of `scope` that are not kept; return how many top-level rows went."""
    deleted = scope.exclude(pk__in=[obj.pk for obj in keep]).delete()
    return deleted[1].get(scope.model._meta.label, 0)


def sync_m2m(objects: Iterable[models.Model], field_name: str, wanted: Mapping[int, set[int]]) -> None:
    """Give each object exactly the related ids wanted for it, touching only those that differ."""
    by_pk = {obj.pk: obj for obj in objects}
    if not by_pk:
        return
    model = type(next(iter(by_pk.values())))
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    current: dict[int, set[int]] = defaultdict(set)
    pairs = through.objects.filter(**{f"{source}_id__in": list(by_pk)}).values_list(
        f"{source}_id", f"{target}_id"
    )
    for source_id, target_id in pairs:
        current[source_id].add(target_id)
    for pk, obj in by_pk.items():
        ids = set(wanted.get(pk, set()))
        if current[pk] != ids:
            getattr(obj, field_name).set(ids)
