"""Time progress and investment completion: the only home of "时间过半、任务过半" arithmetic.

Pure Python, no Django: the caller passes the month or the day, and the thresholds.

- Time progress (时间进度) is the share of a span elapsed: of the year at the end of a month
  (`year_share`), of a plan's years at a day (`plan_share`), of a task's span at a day (`span_share`).
- Investment completion (投资完成率) is the completed year-to-date investment over the year's plan; it
  is judged against time progress (`Completion.against_time`) and classified by core.status.classify.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lantu.core.periods import date_as_year_fraction, parse_month
from lantu.core.status import Status, Thresholds, classify

TENTH = Decimal("0.1")


def rate(part: Decimal | int | None, whole: Decimal | int | None) -> Decimal | None:
    """Return part / whole in percent to one decimal, or None when the whole is missing or zero."""
    if part is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(TENTH)


MILLIONTH = Decimal("0.000001")


def completed_fraction(planned: Decimal | None, completed: Decimal | None) -> Decimal | None:
    """Return completed over planned to six decimals (the order of the 红黑榜), or None when not judged:
    nothing reported, or no plan above 0."""
    if completed is None or planned is None or planned <= 0:
        return None
    return (completed / planned).quantize(MILLIONTH)


def year_share(month: str) -> Decimal:
    """Return the share of its year elapsed at the end of a month (2026-09: 9/12), 0–1."""
    _, number = parse_month(month)
    return Decimal(number) / Decimal(12)


def months_elapsed(last: str, year: int) -> int:
    """Return how many months of a year are elapsed when `last` is the latest month reported on."""
    last_year, last_month = parse_month(last)
    if last_year > year:
        return 12
    return last_month if last_year == year else 0


def plan_share(start_year: int, end_year: int, day: date) -> float:
    """Return the share of a plan's years (1 January of start_year to 31 December of end_year) elapsed."""
    span = end_year - start_year + 1
    done = date_as_year_fraction(day) - (start_year - 1)
    return max(0.0, min(1.0, done / span))


def span_share(start: date, end: date, day: date) -> float:
    """Return the share of the days from start to end elapsed at a day, 0–1 (an empty span: 1)."""
    span = (end - start).days
    if span <= 0:
        return 1.0
    return min(max((day - start).days / span, 0.0), 1.0)


@dataclass(frozen=True)
class Completion:
    """Investment completion against the year's plan and the time elapsed (万元; shares 0–1).

    The thresholds travel with the figures, so that every page judges them alike.
    """

    planned: Decimal
    completed: Decimal
    share_of_time: Decimal
    thresholds: Thresholds

    @property
    def rate(self) -> Decimal | None:
        """Return completed / planned in percent (投资完成率), one decimal."""
        return rate(self.completed, self.planned)

    @property
    def against_time(self) -> Decimal | None:
        """Return the completion rate over the share of time elapsed, in percent (100 keeps pace)."""
        if self.rate is None or not self.share_of_time:
            return None
        return (self.rate / self.share_of_time).quantize(TENTH)

    @property
    def ratio(self) -> float | None:
        """Return completion against time as a ratio (1.0 keeps pace): what the status is judged on.

        It is the figure shown (against_time, one decimal), so a row reading 100.0 % is never lagging.
        """
        against = self.against_time
        return None if against is None else float(against) / 100

    @property
    def status(self) -> Status:
        """Return the status of completion against time, by core.status.classify."""
        return classify(self.ratio, self.thresholds)


@dataclass(frozen=True)
class Floor:
    """The least completed/planned fraction judged on track at a share of time: `completed * 1000`
    against `planned * tenths`, inclusive or not (the figures' rounding decides)."""

    tenths: Decimal  # the boundary, in tenths of a percent of the plan
    inclusive: bool

    def holds(self, planned: Decimal, completed: Decimal) -> bool:
        """Return whether completed over planned (planned > 0) is on the on-track side of the floor."""
        margin = completed * 1000 - planned * self.tenths
        return margin >= 0 if self.inclusive else margin > 0

    @property
    def stamp(self) -> str:
        """Return the floor in a few characters, to record which floor kept counts were judged by."""
        return f"{self.tenths}{'=' if self.inclusive else '>'}"


def on_track_floor(share_of_time: Decimal, thresholds: Thresholds) -> Floor:
    """Return where `Completion.status` turns on track, as a fraction a database can compare with.

    The status is judged on the rate rounded to 0.1 % and then against time rounded to 0.1 %, and it
    only rises with completed/planned: so there is a least rate on the 0.1 % grid (k tenths) that is
    on track, found here with `Completion` itself, and a fraction rounds to at least k tenths when
    1000 x fraction >= k - 0.5 (at exactly k - 0.5, half to even: only when k is even). A page can count
    projects behind in SQL by this floor and agree with `Completion.status` on every row.
    """
    on_track = (Status.ON_TRACK, Status.AHEAD)
    thousand = Decimal(1000)

    def judged(k: int) -> bool:
        return Completion(thousand, Decimal(k), share_of_time, thresholds).status in on_track

    low, high = 0, 1
    while not judged(high):  # completion rises without bound: some rate is on track
        low, high = high, high * 2
    if judged(low):
        high = low
    while low < high - 1:
        middle = (low + high) // 2
        if judged(middle):
            high = middle
        else:
            low = middle
    return Floor(Decimal(high) - Decimal("0.5"), high % 2 == 0)


def total(completions: Iterable[Completion], share_of_time: Decimal, thresholds: Thresholds) -> Completion:
    """Return the completion of a group: planned and completed summed, at the group's time progress."""
    planned = completed = Decimal(0)
    for completion in completions:
        planned += completion.planned
        completed += completion.completed
    return Completion(planned, completed, share_of_time, thresholds)


def task_status(progress: Decimal | None, share: float, thresholds: Thresholds, *, finished: bool) -> Status:
    """Return a task's status: its progress (%) against the share of its time elapsed.

    Done (100 %) before the deadline is ahead; `finished` says the deadline has come. Nothing elapsed
    yet is on track.
    """
    if progress is None:
        return Status.NO_DATA
    if progress >= 100:
        return Status.ON_TRACK if finished else Status.AHEAD
    if share == 0:
        return Status.ON_TRACK
    return classify(float(progress) / 100 / share, thresholds)
