"""A report's 本年累计 against last month's cumulative in force: the basis, the check and its messages.

The rule itself is `lantu.core.cumulative`; this module finds the basis among the reports in force and
words what the rule says, for the form, its live check, the review page, the API and the Excel upload.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from lantu.core.cumulative import Basis, YearToDate, year_to_date
from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport
from lantu.indicators.checks import jump_flags
from lantu.lib.templatetags.lantu import format_number
from lantu.projects.models import Project


def basis_report(project: Project, period: str) -> ProgressReport | None:
    """Return the report in force of the latest earlier month of the same year, or None."""
    return (
        reports_in_force()
        .filter(project=project, period__gte=f"{period[:4]}-01", period__lt=period)
        .order_by("-period")
        .first()
    )


def check(
    project: Project, period: str, *, month: Decimal | None, typed: Decimal | None
) -> tuple[YearToDate, ProgressReport | None]:
    """Return what the rule says about a month's figures, and the report it builds on."""
    basis = basis_report(project, period)
    found = None if basis is None else Basis(basis.period, basis.cumulative_investment)
    return year_to_date(period=period, basis=found, month=month, typed=typed), basis


def _wan(amount: Decimal) -> str:
    return format_number(amount, 2)


@dataclass(frozen=True)
class Explained:
    """The rule's verdict in words: the sum, what does not add up, and the errors by field."""

    summary: str
    problem: str
    errors: dict[str, str]


def _problem(result: YearToDate) -> str:
    basis = result.basis
    sentences = []
    if result.difference is not None:
        words = {
            "typed": _wan(result.typed),
            "off": _wan(abs(result.difference)),
            "basis": _wan(basis.cumulative if basis else Decimal(0)),
            "month": _wan(result.month),
            "sum": _wan(result.expected),
        }
        if result.difference > 0:
            sentence = _(
                "The year to date %(typed)s 万元 is %(off)s 万元 more than "
                "%(basis)s + %(month)s = %(sum)s 万元."
            )
        else:
            sentence = _(
                "The year to date %(typed)s 万元 is %(off)s 万元 less than "
                "%(basis)s + %(month)s = %(sum)s 万元."
            )
        sentences.append(sentence % words)
    if result.backwards:
        sentences.append(
            _("It goes back from %(basis)s 万元 in %(basis_period)s.")
            % {"basis": _wan(basis.cumulative), "basis_period": basis.period}
        )
    return " ".join(sentences)


def _summary(result: YearToDate) -> str:
    basis = result.basis
    if result.expected is not None:
        return _("Year to date: %(basis)s + %(month)s = %(sum)s 万元.") % {
            "basis": _wan(basis.cumulative if basis else Decimal(0)),
            "month": _wan(result.month),
            "sum": _wan(result.expected),
        }
    if result.checkable:
        return _("Enter this month's investment to compute the year to date.")
    if basis is None:
        return _(
            "There is no approved report earlier in %(year)s, so the year to date cannot be computed."
        ) % {"year": result.period[:4]}
    return _(
        "There is no approved report for %(gap)s, so the year to date cannot be computed from "
        "%(basis_period)s (%(basis)s 万元)."
    ) % {"gap": result.gap, "basis_period": basis.period, "basis": _wan(basis.cumulative)}


def explain(result: YearToDate, *, reason: str = "") -> Explained:
    """Return the sum in words, what does not add up, and the errors by field (none when it fits)."""
    summary, problem = _summary(result), _problem(result)
    errors: dict[str, str] = {}
    if result.cumulative is None and result.month is not None:
        errors["cumulative_investment"] = _("Enter the year-to-date investment.") + " " + summary
    if result.exceeds:
        errors["completed_investment"] = _(
            "This month's investment cannot exceed the year-to-date investment."
        )
    if result.needs_reason and not reason.strip():
        errors["cumulative_investment"] = problem
        errors["correction_reason"] = _(
            "A year to date that does not add up or goes backwards corrects earlier months: "
            "say why, or correct the figures."
        )
    return Explained(summary, problem, errors)


@dataclass(frozen=True)
class Panel:
    """What the form and the review page show beside 本年累计: the basis report, the verdict, the jumps."""

    result: YearToDate
    basis: ProgressReport | None
    explained: Explained
    jumps: list[str]  # this month's investment against the basis month's, by the review queue's rule


def panel(
    project: Project, period: str, *, month: Decimal | None, typed: Decimal | None, reason: str = ""
) -> Panel:
    """Return the year-to-date panel of a month's figures."""
    result, basis = check(project, period, month=month, typed=typed)
    return Panel(result, basis, explain(result, reason=reason), _jumps(basis, month))


def _jumps(basis: ProgressReport | None, month: Decimal | None) -> list[str]:
    return [] if basis is None or month is None else jump_flags(basis.completed_investment, month)


def jumps(project: Project, period: str, month: Decimal | None) -> list[str]:
    """Return how this month's investment jumps against the month before (the review queue's rule)."""
    return _jumps(basis_report(project, period), month)
