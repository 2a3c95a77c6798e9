"""Investment completion year to date: the one selector behind every investment figure.

The dashboard card, the dispatch overview (prefecture and unit pages), the API, the stocktake, the
ledgers and the monthly bulletin all read completion through `investment_ytd`, so one month and one
scope give one figure everywhere; `reports_in_force` is the one definition of the progress reports
that count. The scope (`actor_units`, `in_units`, `projects_in_scope`) is the
projects' own (`lantu.projects.figures`) and is re-exported here.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from lantu.core import periods, progress
from lantu.core.status import Status
from lantu.dispatch.models import ProgressReport
from lantu.indicators.status import default_thresholds
from lantu.projects.figures import actor_units, in_units, projects_in_scope
from lantu.projects.models import AnnualPlan, Project

__all__ = [
    "InvestmentYtd",
    "ProjectYtd",
    "actor_units",
    "in_units",
    "investment_ytd",
    "projects_in_scope",
    "reports_in_force",
    "with_ytd",
]


IN_FORCE = Q(state=ProgressReport.State.APPROVED, superseded=False)


def reports_in_force() -> QuerySet[ProgressReport]:
    """Return the progress reports that count: per project and month, the approved revision in force.

    A draft, a submitted or a returned correction never displaces the approved revision; approving a
    correction marks the revision it replaces superseded. Every figure reads reports through here (the
    kept figures, `lantu.dispatch.kept`, through its condition `IN_FORCE`).
    """
    return ProgressReport.objects.filter(IN_FORCE).order_by()


def with_ytd(projects: QuerySet[Project], period: str) -> QuerySet[Project]:
    """Annotate projects with their year-to-date figures for month M (`period`), in the database.

    `ytd_planned`: the annual plan of year(M) (NULL without one); `ytd_completed`: the cumulative investment
    (本年累计) of the latest report in force of year(M) up to and including M (NULL without one);
    `ytd_period`: that report's month; `ytd_rate`: completed (0 without a report) / planned
    (NULL without a plan or a plan of 0), so that a list sorts by completion. The rule of `investment_ytd`.
    """
    year, _month = periods.parse_month(period)
    plan = AnnualPlan.objects.filter(project=OuterRef("pk"), year=year).values("planned_investment")[:1]
    money = DecimalField(max_digits=20, decimal_places=4)
    # The month's kept row (`lantu.dispatch.kept`) carries the latest report in force of the year up to M.
    return (
        projects.annotate(month_kept=FilteredRelation("kept_months", condition=Q(kept_months__period=period)))
        .annotate(
            ytd_planned=Subquery(plan, output_field=money),
            ytd_completed=F("month_kept__completed"),
            ytd_period=F("month_kept__rests_on"),
        )
        .annotate(
            ytd_rate=ExpressionWrapper(
                Coalesce(F("ytd_completed"), Value(0)) * 1.0 / NullIf(F("ytd_planned"), 0),
                output_field=DecimalField(max_digits=20, decimal_places=6),
            )
        )
    )


def ytd_completion(planned: Decimal | None, completed: Decimal | None, period: str) -> progress.Completion:
    """Return a project's completion of month M from its `with_ytd` figures (no report: nothing done)."""
    return progress.Completion(
        planned or Decimal(0), completed or Decimal(0), progress.year_share(period), default_thresholds()
    )


@dataclass(frozen=True)
class ProjectYtd:
    """One project's planned investment of the year and its completed investment up to the month (万元)."""

    project_id: int
    code: str
    name: str
    county_id: int
    lead_unit_id: int
    cluster_id: int | None
    planned: Decimal
    completed: Decimal | None  # None: no approved report in force this year up to the month
    last_period: str  # the month of the report it rests on, "" when none
    completion: progress.Completion

    @property
    def reported(self) -> bool:
        """Return whether the project has an approved report this year up to the month."""
        return self.completed is not None


@dataclass(frozen=True)
class InvestmentYtd:
    """Investment completion of a scope for a month, with its projects."""

    period: str
    projects: list[ProjectYtd]
    total: progress.Completion
    reported: int  # projects with an approved report in force on the month itself

    @property
    def expected(self) -> int:
        """Return how many projects are expected to report: those in scope with an annual plan."""
        return len(self.projects)

    @property
    def unreported(self) -> int:
        """Return how many projects have no approved report this year yet."""
        return sum(1 for row in self.projects if not row.reported)

    @property
    def time_progress(self) -> Decimal:
        """Return the share of the year elapsed at the end of the month (时间进度), 0–1."""
        return self.total.share_of_time

    @property
    def status(self) -> Status:
        """Return the status of the scope's completion against time."""
        return self.total.status


# The columns of a ProjectYtd row (a variable: the annotations are not fields the type checker knows).
_YTD_ROW: tuple[str, ...] = (
    "pk",
    "code",
    "name",
    "county_id",
    "lead_unit_id",
    "cluster_id",
    "ytd_planned",
    "ytd_completed",
    "ytd_period",
)


def investment_ytd(
    *, period: str, unit_ids: frozenset[int] | None = None, plan_id: int | None = None
) -> InvestmentYtd:
    """Return the investment completion year to date for month M (`period`) in a scope.

    Per project: the cumulative investment (本年累计) of its latest approved report in force
    (`reports_in_force`) of year(M) up to and including M, over the project's annual plan of that year.
    Summed over the projects in scope (located in, in a park of, or led by a unit of `unit_ids`; every
    project for None; of one plan when `plan_id` is given) that have an annual plan for year(M). A
    project without such a report counts with its plan and nothing completed. Time progress is the
    share of year(M) elapsed at the end of M; the status compares the two with `core.status.classify`
    and the thresholds of the settings. One query whatever the scope (`with_ytd`): the report in force
    comes from the month's kept row (`lantu.dispatch.kept`), not from the year's reports.
    """
    year, _month = periods.parse_month(period)
    share = progress.year_share(period)
    projects = projects_in_scope(unit_ids=unit_ids, plan_id=plan_id).filter(annual_plans__year=year)
    rows = with_ytd(projects, period).order_by("code").values_list(*_YTD_ROW)
    limits = default_thresholds()
    found = []
    for pk, code, name, county_id, lead_id, cluster_id, planned, completed, month in rows:
        completion = progress.Completion(planned, completed or Decimal(0), share, limits)
        found.append(
            ProjectYtd(
                pk, code, name, county_id, lead_id, cluster_id, planned, completed, month or "", completion
            )
        )
    return InvestmentYtd(
        period=period,
        projects=found,
        total=progress.total((row.completion for row in found), share, limits),
        reported=sum(1 for row in found if row.last_period == period),
    )
