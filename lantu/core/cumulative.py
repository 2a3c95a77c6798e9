"""The only rule of a monthly report's 本年累计: last month's cumulative plus this month (no Django).

A project's year-to-date investment (本年累计) builds on the report in force of the latest earlier month
of the same year (the basis). When that month is the one just before (or the month is January and
nothing came before), 本年累计 is the basis plus this month (本月) and can be computed; a typed figure
that differs is off by the difference. When months in between were not reported, the sum cannot be
checked, only that the cumulative does not go backwards. A figure that does not add up or goes
backwards corrects earlier months and needs a reason.
"""

from dataclasses import dataclass
from decimal import Decimal

from lantu.core.periods import parse_month, previous_month


@dataclass(frozen=True)
class Basis:
    """The report this month builds on: its month and its 本年累计."""

    period: str
    cumulative: Decimal


@dataclass(frozen=True)
class YearToDate:
    """What a month's figures say about its 本年累计.

    `expected`: basis (0 in January) plus this month, when the basis is the month just before;
    None when it cannot be computed. `cumulative`: the figure the report keeps (typed, else expected).
    `difference`: typed minus expected when they differ. `backwards`: below the basis's cumulative.
    `exceeds`: this month alone is more than the whole year to date.
    """

    period: str
    basis: Basis | None
    month: Decimal | None
    typed: Decimal | None
    expected: Decimal | None
    cumulative: Decimal | None
    difference: Decimal | None
    backwards: bool
    exceeds: bool

    @property
    def checkable(self) -> bool:
        """Return whether the basis covers every earlier month of the year, so the sum can be checked."""
        return _adjacent(self.period, self.basis)

    @property
    def gap(self) -> str | None:
        """Return the month just before when it has no report in force and so breaks the sum, else None."""
        return None if self.checkable else previous_month(self.period)

    @property
    def needs_reason(self) -> bool:
        """Return whether the figure corrects earlier months: it does not add up or goes backwards."""
        return self.difference is not None or self.backwards


def _adjacent(period: str, basis: Basis | None) -> bool:
    if basis is None:
        return parse_month(period)[1] == 1
    return basis.period == previous_month(period)


def year_to_date(
    *, period: str, basis: Basis | None, month: Decimal | None, typed: Decimal | None
) -> YearToDate:
    """Return the 本年累计 of a month from the basis and this month's figure, and what is wrong with it.

    `basis`: the report in force of the latest earlier month of the same year (None when there is none).
    `month`: 本月 (None when not given); `typed`: the 本年累计 the reporter typed (None: compute it).
    """
    if basis is not None and (basis.period[:4] != period[:4] or basis.period >= period):
        raise ValueError(f"basis {basis.period} is not an earlier month of {period[:4]}")
    expected = None
    if month is not None and _adjacent(period, basis):
        expected = (basis.cumulative if basis is not None else Decimal(0)) + month
    cumulative = typed if typed is not None else expected
    difference = None
    if typed is not None and expected is not None and typed != expected:
        difference = typed - expected
    return YearToDate(
        period=period,
        basis=basis,
        month=month,
        typed=typed,
        expected=expected,
        cumulative=cumulative,
        difference=difference,
        backwards=basis is not None and cumulative is not None and cumulative < basis.cumulative,
        exceeds=month is not None and cumulative is not None and month > cumulative,
    )
