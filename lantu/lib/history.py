"""Read an object's audit trail (django-simple-history) as rows for a page."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class Change:
    """One recorded change: who, when, what."""

    when: datetime
    who: str
    action: str
    fields: list[tuple[str, str, str]]  # (field label, old, new)
    reason: str


ACTIONS = {"+": gettext_noop("created"), "~": gettext_noop("changed"), "-": gettext_noop("deleted")}


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # m2m or removed field: fall back to the raw name
        return name


def _shown(model, name: str, value) -> str:
    """Return a changed value as a reader would name it: many-to-many links by their objects' names."""
    if not isinstance(value, list):
        return "—" if value in (None, "") else str(value)
    try:
        related = model._meta.get_field(name).related_model
    except Exception:  # a field removed since: show the raw value
        return str(value)
    if related is None:  # a JSON list such as sample_fields, not a many-to-many link
        return "、".join(str(v) for v in value) or "—"
    key = related._meta.model_name
    ids = [row.get(key) for row in value if isinstance(row, dict)]
    names = {o.pk: str(o) for o in related._default_manager.filter(pk__in=ids)}
    return "、".join(names.get(pk, f"#{pk}") for pk in ids) or "—"


def changes_of(obj, limit: int = 20) -> list[Change]:
    """Return the most recent changes of an object, newest first, with field differences."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields: list[tuple[str, str, str]] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                model = type(obj)
                old, new = _shown(model, change.field, change.old), _shown(model, change.field, change.new)
                fields.append((_label(model, change.field), old, new))
        user = record.history_user
        rows.append(
            Change(
                when=record.history_date,
                who=user.get_username() if user else _("system"),
                action=_(ACTIONS.get(record.history_type, "changed")),
                fields=fields,
                reason=record.history_change_reason or "",
            )
        )
    return rows


def attribute(obj, user_id: int | None, reason: str = "") -> None:
    """Record who makes the next save of an object, and why, in its audit trail."""
    if user_id is not None:
        obj._history_user = get_user_model().objects.filter(pk=user_id).first()
    if reason:
        obj._change_reason = reason
