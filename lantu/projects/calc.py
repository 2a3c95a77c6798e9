"""Pure dispatch arithmetic: periods, deadlines, completion and timeliness (no Django)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lantu.core import overdue
from lantu.core.periods import next_month, parse_month
from lantu.core.status import Status, Thresholds, classify

DEADLINE_DAY = 5  # reports on a month are due by the 5th of the next month (每月5日前报送)


def default_deadline(label: str) -> date:
    """Return the default deadline of a monthly period: the 5th of the next month."""
    year, month = parse_month(next_month(label))
    return date(year, month, DEADLINE_DAY)


def year_share(label: str) -> Decimal:
    """Return the share of the year elapsed at the end of a monthly period (时间进度), 0–1."""
    _, month = parse_month(label)
    return Decimal(month) / Decimal(12)


def rate(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """Return part / whole in percent, or None when the whole is missing or zero."""
    if part is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Completion:
    """A project's or unit's investment completion against the year's plan and the time elapsed."""

    planned: Decimal
    completed: Decimal
    share_of_year: Decimal

    @property
    def rate(self) -> Decimal | None:
        """Return completed / planned in percent (投资完成率)."""
        return rate(self.completed, self.planned)

    @property
    def against_time(self) -> Decimal | None:
        """Return the completion rate divided by the share of the year elapsed, in percent."""
        if self.rate is None or not self.share_of_year:
            return None
        return (self.rate / self.share_of_year).quantize(Decimal("0.1"))

    def status(self, lagging: float = 0.9, on_track: float = 1.0) -> Status:
        """Return the status of completion against time (时间过半、任务过半), by core.status.classify."""
        ratio = self.against_time
        return classify(
            None if ratio is None else float(ratio) / 100, Thresholds(on_track=on_track, lagging=lagging)
        )


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
