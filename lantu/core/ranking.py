"""The counties' composite score (县市综合排名): four shares, each 0–100, weighted and summed.

The inputs come from the rules that already judge them: indicator status (`core.status`), investment
completion against time (`core.progress.Completion.ratio`), reports submitted on time (`core.overdue`)
and supervision orders closed. A criterion without data (no judged indicator, no annual plan, no report
due, no order issued) is left out and the others' weights are scaled to 100, so a county is neither
rewarded nor punished for what it was not asked to do.
"""

from dataclasses import dataclass, field
from decimal import Decimal

# (key, weight in percent): the weights stated on the dashboard, in the order shown.
WEIGHTS: tuple[tuple[str, int], ...] = (
    ("indicators", 30),  # indicators on track or ahead, of those judged
    ("investment", 30),  # investment completed against time progress, capped at keeping pace
    ("timeliness", 20),  # monthly reports submitted by their deadline, of those due
    ("supervision", 20),  # supervision orders closed (销号), of those issued
)


@dataclass(frozen=True)
class CountyFigures:
    """What one county is scored on; each pair is (part, whole)."""

    key: int
    label: str
    indicators: tuple[int, int] = (0, 0)  # on track or ahead, judged (with data)
    investment: float | None = None  # completion against time as a ratio, 1.0 keeps pace
    timeliness: tuple[int, int] = (0, 0)  # on time, due
    supervision: tuple[int, int] = (0, 0)  # closed, issued


@dataclass(frozen=True)
class Ranked:
    """A county's scores per criterion (0–100, None without data), composite and place."""

    figures: CountyFigures
    scores: dict[str, float | None]
    composite: float | None
    rank: int | None = None
    missing: list[str] = field(default_factory=list)


def _share(pair: tuple[int, int]) -> float | None:
    part, whole = pair
    return None if not whole else 100 * part / whole


def scores(figures: CountyFigures) -> dict[str, float | None]:
    """Return each criterion's score, 0–100, or None when the county has no data for it."""
    investment = None if figures.investment is None else 100 * min(max(figures.investment, 0.0), 1.0)
    return {
        "indicators": _share(figures.indicators),
        "investment": investment,
        "timeliness": _share(figures.timeliness),
        "supervision": _share(figures.supervision),
    }


def composite(found: dict[str, float | None], weights: tuple[tuple[str, int], ...] = WEIGHTS) -> float | None:
    """Return the weighted mean of the scores present (weights rescaled over them), one decimal."""
    present = [(found[key], weight) for key, weight in weights if found.get(key) is not None]
    total = sum(weight for _score, weight in present)
    if not total:
        return None
    mean = sum((Decimal(str(score)) * weight for score, weight in present), Decimal(0)) / total
    return float(mean.quantize(Decimal("0.1")))


def rank(counties: list[CountyFigures], weights: tuple[tuple[str, int], ...] = WEIGHTS) -> list[Ranked]:
    """Return the counties best first; equal composites share a place (1, 1, 3), unscored come last."""
    found = []
    for figures in counties:
        by_key = scores(figures)
        missing = [key for key, _weight in weights if by_key[key] is None]
        found.append(Ranked(figures, by_key, composite(by_key, weights), missing=missing))
    found.sort(key=lambda r: (r.composite is None, -(r.composite or 0.0), r.figures.label, r.figures.key))
    ranked: list[Ranked] = []
    for position, row in enumerate(found, start=1):
        place = None
        if row.composite is not None:
            same = ranked and ranked[-1].composite == row.composite
            place = ranked[-1].rank if same else position
        ranked.append(Ranked(row.figures, row.scores, row.composite, place, row.missing))
    return ranked
