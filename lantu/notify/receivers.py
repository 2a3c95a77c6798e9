"""Turn announced events (lantu.lib.events) into notifications."""


def on_event(sender, *, kind, obj, units, users, context, actor_id, now, **extra) -> None:
    """Notify the people of the units and the named users of an event."""
    from lantu.notify.services import notify_event

    notify_event(kind=kind, obj=obj, units=units, users=users, context=context, actor_id=actor_id, now=now)
