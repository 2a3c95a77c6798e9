"""Which periods an indicator takes values for, and the labels users may type for them."""

from datetime import datetime

from lantu.core.periods import Period, canonical_label, parse_period
from lantu.indicators.models import Indicator
from lantu.indicators.status import has_started


def normalize_period(label: object) -> str:
    """Return the canonical label of what a user typed: "2027-Q2" and "2027q2" become "2027Q2"."""
    if isinstance(label, float) and label.is_integer():
        label = int(label)  # a year typed into a spreadsheet cell arrives as a number
    return canonical_label(str(label))


def period_kinds(indicator: Indicator) -> tuple[str, ...]:
    """Return the period kinds an indicator takes: its own frequency, and whole years."""
    return tuple(dict.fromkeys(("annual", indicator.frequency)))


def entry_periods(indicator: Indicator, now: datetime) -> list[str]:
    """Return the periods from the year after the baseline to now (or the target year), oldest first."""
    last_year = min(indicator.target_year, now.year)
    labels: list[Period] = []
    for year in range(indicator.baseline_year + 1, last_year + 1):
        if "quarterly" in period_kinds(indicator):
            labels += [parse_period(f"{year}Q{q}") for q in range(1, 5)]
        if "monthly" in period_kinds(indicator):
            labels += [parse_period(f"{year}-{m:02d}") for m in range(1, 13)]
        labels.append(parse_period(str(year)))
    return [
        p.label
        for p in sorted(labels, key=lambda p: (p.year, p.end_month, p.kind == "annual"))
        if has_started(p.label, now)
    ]
