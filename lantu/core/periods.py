"""Reporting periods: annual `2025`, quarterly `2025Q3`, monthly `2025-09`."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_ANNUAL = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodError(ValueError):
    """A period label that is not one of the three forms."""


@dataclass(frozen=True, order=True)
class Period:
    """A period as the year and the month it ends in (12 for a whole year)."""

    year: int
    end_month: int
    kind: str  # annual | quarterly | monthly

    @property
    def label(self) -> str:
        """Return the canonical label."""
        if self.kind == "annual":
            return f"{self.year}"
        if self.kind == "quarterly":
            return f"{self.year}Q{self.end_month // 3}"
        return f"{self.year}-{self.end_month:02d}"

    @property
    def end(self) -> date:
        """Return the last day of the period."""
        return date(self.year, self.end_month, calendar.monthrange(self.year, self.end_month)[1])

    @property
    def year_fraction(self) -> float:
        """Return the period's end as a fractional year: 2025 ends at 2025.0, 2026Q1 at 2025.25."""
        return self.year - 1 + self.end_month / 12


def parse_period(label: str) -> Period:
    """Parse a period label; raise PeriodError for anything else."""
    text = label.strip().upper()
    if m := _ANNUAL.match(text):
        return Period(int(m[1]), 12, "annual")
    if m := _QUARTER.match(text):
        return Period(int(m[1]), int(m[2]) * 3, "quarterly")
    if m := _MONTH.match(text):
        return Period(int(m[1]), int(m[2]), "monthly")
    raise PeriodError(f"not a period: {label!r} (expected 2025, 2025Q3 or 2025-09)")


_LOOSE_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


def canonical_label(text: str) -> str:
    """Return the one way Lantu writes a period typed loosely: "2027-Q2", "2027q2" and "2027Q2" → "2027Q2".

    Quarters are written 2027Q2 everywhere (pages, templates, messages); text that is no period is
    returned as it was, for the caller to refuse.
    """
    text = text.strip().replace("年", "").replace("－", "-")
    if m := _LOOSE_QUARTER.match(text):
        return f"{m[1]}Q{m[2]}"
    try:
        return parse_period(text).label
    except PeriodError:
        return text


def years_since(baseline_year: int, moment: float) -> float:
    """Return the years from the end of the baseline year to a fractional-year moment."""
    return moment - baseline_year


def date_as_year_fraction(day: date) -> float:
    """Return a date as a fractional year on the same scale as Period.year_fraction."""
    start = date(day.year, 1, 1)
    length = 366 if calendar.isleap(day.year) else 365
    return day.year - 1 + ((day - start).days + 1) / length


# Months: the only month arithmetic (labels like 2026-09).


def month_label(year: int, month: int) -> str:
    """Return a period label like 2026-09."""
    return f"{year:04d}-{month:02d}"


def parse_month(label: str) -> tuple[int, int]:
    """Return (year, month) of a label like 2026-09; raise ValueError when it is not one."""
    if len(label) != 7 or label[4] != "-" or not (label[:4] + label[5:]).isdigit():
        raise ValueError(label)
    year, month = int(label[:4]), int(label[5:])
    if not 1 <= month <= 12 or year < 1:  # year 0 has no dates: 0000-01 would fail later, as a 500
        raise ValueError(label)
    return year, month


def month_in_reach(label: str, today: date) -> str:
    """Return a month label that exists and has begun by `today`; else raise ValueError (2026-13)."""
    year, month = parse_month(label)
    if (year, month) > (today.year, today.month):
        raise ValueError(label)
    return label


def add_months(label: str, months: int) -> str:
    """Return the label of the month `months` after (or, negative, before) a monthly period."""
    year, month = parse_month(label)
    index = year * 12 + (month - 1) + months
    return month_label(index // 12, index % 12 + 1)


def next_month(label: str) -> str:
    """Return the label of the month after a period."""
    return add_months(label, 1)


def previous_month(label: str) -> str:
    """Return the label of the month before a period."""
    return add_months(label, -1)


def month_end(label: str) -> date:
    """Return the last day of a monthly period."""
    year, month = parse_month(next_month(label))
    return date(year, month, 1) - timedelta(days=1)


def month_of(day: date) -> str:
    """Return the label of the month a day falls in."""
    return month_label(day.year, day.month)


def months_of_year(label: str) -> list[str]:
    """Return the months from January of a period's year up to and including the period."""
    year, month = parse_month(label)
    return [month_label(year, m) for m in range(1, month + 1)]


def quarter_of(label: str) -> str:
    """Return the quarter label (2026Q3) a monthly period falls in."""
    year, month = parse_month(label)
    return f"{year}Q{(month - 1) // 3 + 1}"
