"""Read an object's audit trail (django-simple-history) as rows for a page."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lantu.lib.people import display_name


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


def _plain(value) -> str:
    """Return a single value as a person writes it: local time to the minute, 是/否, a dash for nothing."""
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            if timezone.is_aware(value)
            else (value.strftime("%Y-%m-%d %H:%M"))
        )
    return str(value)


def _related(field, value) -> str:
    """Return the object a stored foreign key points to by its name (a person by their display name)."""
    found = field.related_model._default_manager.filter(pk=value).first()
    if found is None:
        return f"#{value}"
    return display_name(found) if field.related_model is get_user_model() else str(found)


def _shown(model, name: str, value) -> str:
    """Return a changed value as a reader would name it: states in words, links by their objects' names."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # a field removed since: show the raw value
        return _plain(value) if not isinstance(value, list) else str(value)
    if not isinstance(value, list):
        if value in (None, ""):
            return "—"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if field.many_to_one or field.one_to_one:
            return _related(field, value)
        return _plain(value)
    related = field.related_model
    if related is None:  # a JSON list such as sample_fields, not a many-to-many link
        return "、".join(str(v) for v in value) or "—"
    key = related._meta.model_name
    ids = [row.get(key) for row in value if isinstance(row, dict)]
    names = {o.pk: str(o) for o in related._default_manager.filter(pk__in=ids)}
    return "、".join(names.get(pk, f"#{pk}") for pk in ids) or "—"


def changes_of(obj, limit: int = 20) -> list[Change]:
    """Return the most recent changes of an object, newest first, with field differences."""
    records = list(
        obj.history.select_related("history_user__profile").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
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
                who=display_name(user, _("system")),
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
