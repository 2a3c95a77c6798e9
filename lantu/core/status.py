"""The only status classifier: a ratio of done to expected, with thresholds, gives a Status.

Every figure that is judged (an indicator against its path, investment against the time elapsed, a
share of a split target) is classified here, so that one ratio gets one colour on every page.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

K = TypeVar("K")


class Status(StrEnum):
    """Computed health of an indicator, item, project or unit; never typed in."""

    AHEAD = "ahead"
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


# Worst first: roll-ups take the worst status of their parts.
SEVERITY = {Status.OFF_TRACK: 0, Status.LAGGING: 1, Status.ON_TRACK: 2, Status.AHEAD: 3, Status.NO_DATA: 4}


@dataclass(frozen=True)
class Thresholds:
    """Ratios of done to expected: at least `on_track` is 正常, at least `lagging` is 滞后, below 严重滞后."""

    on_track: float = 1.0
    lagging: float = 0.9

    def __post_init__(self) -> None:
        if not 0 <= self.lagging <= self.on_track:
            raise ValueError("thresholds must satisfy 0 <= lagging <= on_track")


def classify(
    ratio: float | None, thresholds: Thresholds, *, binding: bool = False, reached: bool = False
) -> Status:
    """Return the status of a ratio of done to expected.

    `reached`: the final target is already met (ahead). `binding`: a binding commitment has no
    lagging band: below on track it is off track.
    """
    if reached:
        return Status.AHEAD
    if ratio is None:
        return Status.NO_DATA
    if ratio >= thresholds.on_track:
        return Status.ON_TRACK
    if binding:
        return Status.OFF_TRACK
    if ratio >= thresholds.lagging:
        return Status.LAGGING
    return Status.OFF_TRACK


def worst(statuses: list[Status]) -> Status:
    """Return the worst status, ignoring no_data unless nothing else is known."""
    known = [s for s in statuses if s != Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    return min(known, key=SEVERITY.__getitem__)


ATTENTION = frozenset({Status.LAGGING, Status.OFF_TRACK})


@dataclass(frozen=True)
class StatusChange(Generic[K]):
    """How a set of statuses stands now and what moved since an earlier date."""

    counts: dict[Status, int]
    worsened: list[K]  # now lagging or off track and worse than before
    recovered: list[K]  # lagging or off track before, now neither

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def status_change(now: dict[K, Status], before: dict[K, Status]) -> StatusChange[K]:
    """Return today's counts by status and the keys that turned worse or recovered since `before`.

    A key absent before (a new indicator, no data then) counts as worsened when it needs attention now.
    """
    counts = {status: 0 for status in Status}
    worsened: list[K] = []
    recovered: list[K] = []
    for key, status in now.items():
        counts[status] += 1
        earlier = before.get(key, Status.NO_DATA)
        if status in ATTENTION and (earlier not in ATTENTION or SEVERITY[status] < SEVERITY[earlier]):
            worsened.append(key)
        elif earlier in ATTENTION and status not in ATTENTION and status != Status.NO_DATA:
            recovered.append(key)
    return StatusChange(counts, worsened, recovered)
