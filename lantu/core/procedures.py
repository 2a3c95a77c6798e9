"""Pre-construction approvals (前期手续): a procedure's status on a day and what a project waits for.

A procedure is planned to be granted by a day and is granted (已办结) on the day its approval is dated.
Lateness is core.overdue's rule: a procedure not granted by a day after its planned day is late (超时),
whether or not the application was ever lodged. Procedures come in groups run one after another; the
procedures of one group run side by side (并联审批). A project waits for the open procedures of its
first group that is not wholly granted, since the day they were lodged or, when that is unknown, since
the day the group before them was finished.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from lantu.core import overdue


class ProcedureStatus(StrEnum):
    """Where a procedure stands on a day."""

    NOT_STARTED = "not_started"  # 未启动: not lodged, not yet late
    IN_PROGRESS = "in_progress"  # 办理中: lodged, not granted, not yet late
    DONE = "done"  # 已办结: granted by the day
    OVERDUE = "overdue"  # 超时: not granted by a day after its planned day


def procedure_status(
    *, on: date, planned: date | None, started: date | None, done: date | None
) -> ProcedureStatus:
    """Return a procedure's status on the day `on` from its planned, lodged and granted days."""
    if overdue.is_done(on=on, done=done):
        return ProcedureStatus.DONE
    if planned is not None and overdue.is_overdue(planned, on=on, done=done):
        return ProcedureStatus.OVERDUE
    if started is not None and started <= on:
        return ProcedureStatus.IN_PROGRESS
    return ProcedureStatus.NOT_STARTED


def planned_from(start: date, days: int) -> date:
    """Return the day a procedure lodged on `start` is planned to be granted, `days` later."""
    return start + timedelta(days=days)


@dataclass(frozen=True)
class Step:
    """One procedure of a project: its group in the order, and its lodged, planned and granted days."""

    key: Hashable
    group: int
    planned: date | None = None
    started: date | None = None
    done: date | None = None


@dataclass(frozen=True)
class Waiting:
    """A procedure a project waits for on a day: its status, since when, and days late."""

    key: Hashable
    status: ProcedureStatus
    since: date | None
    days_waiting: int | None
    days_overdue: int


def waiting_for(steps: Iterable[Step], on: date) -> list[Waiting]:
    """Return the procedures a project waits for on the day `on`, in the order given.

    They are the procedures not granted by `on` in the first group that has any. Each waits since its
    lodging day when it was lodged by `on`, else since the last grant of the groups before it (None
    when there is none).
    """
    steps = list(steps)
    open_steps = [step for step in steps if not overdue.is_done(on=on, done=step.done)]
    if not open_steps:
        return []
    current = min(step.group for step in open_steps)
    earlier_done = [step.done for step in steps if step.group < current and step.done is not None]
    previous = max(earlier_done, default=None)
    waiting = []
    for step in open_steps:
        if step.group != current:
            continue
        since = step.started if step.started is not None and step.started <= on else previous
        waiting.append(
            Waiting(
                key=step.key,
                status=procedure_status(on=on, planned=step.planned, started=step.started, done=step.done),
                since=since,
                days_waiting=None if since is None else (on - since).days,
                days_overdue=0 if step.planned is None else overdue.days_overdue(step.planned, on=on),
            )
        )
    return waiting
