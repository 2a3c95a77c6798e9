"""Which slot of a schedule is due at a moment: daily at a time, or monthly on a day at a time."""

from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True)
class Entry:
    """One scheduled piece of work: ``every`` is "day" or "month"; ``day`` is the day of the month."""

    name: str
    func: str
    every: str
    at: time
    day: int = 1


def parse(raw: dict[str, object]) -> Entry:
    """Build an entry from a settings dict like {"name", "func", "every", "at": "06:00", "day": 1}."""
    every = raw.get("every", "day")
    if every not in ("day", "month"):
        raise ValueError(f"schedule {raw.get('name')!r}: every must be 'day' or 'month', not {every!r}")
    hour, minute = (int(part) for part in str(raw.get("at", "00:00")).split(":"))
    day = int(str(raw.get("day", 1)))
    if not 1 <= day <= 28:
        raise ValueError(f"schedule {raw.get('name')!r}: day must be 1 to 28 (every month has it)")
    return Entry(
        name=str(raw["name"]), func=str(raw["func"]), every=str(every), at=time(hour, minute), day=day
    )


def due_slot(entry: Entry, local_now: datetime) -> str | None:
    """Return the slot (2026-12-06 or 2026-12) the entry is due for at local_now, or None before its time."""
    if local_now.time() < entry.at:
        return None
    if entry.every == "day":
        return local_now.date().isoformat()
    if local_now.day < entry.day:
        return None
    return f"{local_now.year:04d}-{local_now.month:02d}"
