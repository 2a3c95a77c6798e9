"""Overdue: the one rule for anything due by a day (supervision orders, problems, milestones, reports).

An item due on a day may still be done on that day. It is overdue on a later day `on` when it was not
done by `on`: not done at all, or done only after `on` (looking back at a past day, a later completion
does not count). Days overdue count from the due day. Everything here takes dates: the caller turns
moments into local days and passes `on`; nothing reads the clock.
"""

from datetime import date
from enum import StrEnum


def is_done(*, on: date, done: date | None) -> bool:
    """Return whether an item done on `done` (None: not yet) was done by the day `on`."""
    return done is not None and done <= on


def is_overdue(due: date, *, on: date, done: date | None = None) -> bool:
    """Return whether an item due on `due` and done on `done` (None: not yet) is overdue on `on`."""
    return due < on and not is_done(on=on, done=done)


def days_overdue(due: date, *, on: date, done: date | None = None) -> int:
    """Return how many days past its due day an item is on `on` (0 when it is not overdue)."""
    return (on - due).days if is_overdue(due, on=on, done=done) else 0


class Timeliness(StrEnum):
    """Where a report due by a deadline stands on a day."""

    DUE = "due"  # not submitted, the deadline has not passed
    OVERDUE = "overdue"  # not submitted, the deadline has passed
    ON_TIME = "on_time"  # submitted by the end of the deadline day
    LATE = "late"  # submitted after the deadline day


def timeliness(deadline: date, *, on: date, submitted: date | None) -> Timeliness:
    """Return whether a report is due, overdue, submitted on time or late, as seen on the day `on`."""
    if is_done(on=on, done=submitted):
        return Timeliness.LATE if submitted_late(deadline, submitted) else Timeliness.ON_TIME
    return Timeliness.OVERDUE if is_overdue(deadline, on=on) else Timeliness.DUE


def done_late(due: date, done: date | None) -> bool:
    """Return whether an item done on a day was done after its due day."""
    return done is not None and done > due


def submitted_late(deadline: date, submitted: date | None) -> bool:
    """Return whether a report submitted on a day came after its deadline day."""
    return done_late(deadline, submitted)
