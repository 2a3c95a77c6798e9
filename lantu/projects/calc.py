"""Pure dispatch arithmetic: reporting deadlines and milestone lags (no Django).

Completion and time progress live in lantu.core.progress, month arithmetic in lantu.core.periods.
"""

from dataclasses import dataclass
from datetime import date

from lantu.core import overdue
from lantu.core.periods import next_month, parse_month

DEADLINE_DAY = 5  # reports on a month are due by the 5th of the next month (每月5日前报送)


def default_deadline(label: str) -> date:
    """Return the default deadline of a monthly period: the 5th of the next month."""
    year, month = parse_month(next_month(label))
    return date(year, month, DEADLINE_DAY)


@dataclass(frozen=True)
class Milestone:
    """A dated milestone: when it was planned and when (if ever) it was reached."""

    name: str
    planned: date
    reached: date | None = None


@dataclass(frozen=True)
class ScheduleLag:
    """How far a project is behind its milestones: the earliest overdue unreached one and its delay."""

    milestone: str
    planned: date
    days: int


def schedule_lag(milestones: list[Milestone], on: date) -> ScheduleLag | None:
    """Return the days overdue of the earliest milestone unreached on a day and planned before it.

    A milestone reached after `on` counts as unreached on `on` (core.overdue); None when none is overdue.
    """
    late = [m for m in milestones if overdue.is_overdue(m.planned, on=on, done=m.reached)]
    if not late:
        return None
    first = min(late, key=lambda milestone: (milestone.planned, milestone.name))
    return ScheduleLag(
        first.name, first.planned, overdue.days_overdue(first.planned, on=on, done=first.reached)
    )
