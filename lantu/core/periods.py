"""Reporting periods: annual `2025`, quarterly `2025Q3`, monthly `2025-09`."""

import calendar
import re
from dataclasses import dataclass
from datetime import date

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


def years_since(baseline_year: int, moment: float) -> float:
    """Return the years from the end of the baseline year to a fractional-year moment."""
    return moment - baseline_year


def date_as_year_fraction(day: date) -> float:
    """Return a date as a fractional year on the same scale as Period.year_fraction."""
    start = date(day.year, 1, 1)
    length = 366 if calendar.isleap(day.year) else 365
    return day.year - 1 + ((day - start).days + 1) / length
