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
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from lantu.core import periods, progress
from lantu.core.status import Status
from lantu.dispatch.models import InvestmentMonth, ProgressReport, ProjectMonth, ProjectTally
from lantu.indicators.status import default_thresholds
from lantu.orgs.access import Actor, project_in_realm
from lantu.projects.figures import (
    GIVEN_INVESTMENT,
    SAMPLE_INVESTMENT,
    actor_units,
    in_units,
    projects_in_scope,
)
from lantu.projects.models import Project
from lantu.projects.selectors import ProjectFilter, ProjectTotals, county_or_park, project_totals

__all__ = [
    "InvestmentYtd",
    "ProjectYtd",
    "YtdGroup",
    "actor_units",
    "in_units",
    "investment_ytd",
    "projects_in_scope",
    "reports_in_force",
    "with_ytd",
    "ytd_groups",
    "ytd_ranked",
]


IN_FORCE = Q(state=ProgressReport.State.APPROVED, superseded=False)  # ProgressReport.in_force in Python


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
    (本年累计) of the latest report in force of year(M) up to and including M (NULL without one), from
    the month's kept row (`lantu.dispatch.kept`); `ytd_period`: that report's month; `ytd_rate`: the kept
    fraction of the plan completed (`progress.completed_fraction`; 0 without a report, NULL without a plan
    above 0), so that a list sorts by completion as the 红黑榜 (`ytd_ranked`) ranks. The rule of
    `investment_ytd`, whose sums read these same annotations.
    """
    year, _month = periods.parse_month(period)
    return (
        projects.annotate(
            year_plan=FilteredRelation("annual_plans", condition=Q(annual_plans__year=year)),
            month_kept=FilteredRelation("kept_months", condition=Q(kept_months__period=period)),
        )
        .annotate(
            ytd_planned=F("year_plan__planned_investment"),
            ytd_completed=F("month_kept__completed"),
            ytd_period=F("month_kept__rests_on"),
        )
        .annotate(
            ytd_rate=Case(
                When(Q(ytd_planned__gt=0), then=Coalesce(F("month_kept__rate"), Value(Decimal(0)))),
                default=None,
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
class YtdGroup:
    """The summed figures of a group of projects for month M, counted in the database."""

    planned: Decimal = Decimal(0)
    completed: Decimal = Decimal(0)
    projects: int = 0  # expected to report: in scope with an annual plan of year(M)
    reported: int = 0  # with an approved report in force on M itself
    unreported: int = 0  # with no approved report this year up to M
    behind: int = 0  # reported and judged neither on track nor ahead (`progress.on_track_floor`)

    def __add__(self, other: "YtdGroup") -> "YtdGroup":
        return YtdGroup(
            self.planned + other.planned,
            self.completed + other.completed,
            self.projects + other.projects,
            self.reported + other.reported,
            self.unreported + other.unreported,
            self.behind + other.behind,
        )


@dataclass(frozen=True)
class InvestmentYtd:
    """Investment completion of a scope for a month: its figures and, when asked for, its projects."""

    period: str
    total: progress.Completion
    figures: YtdGroup
    projects: list[ProjectYtd]  # empty unless loaded (`investment_ytd(..., with_projects=True)`)

    @property
    def expected(self) -> int:
        """Return how many projects are expected to report: those in scope with an annual plan."""
        return self.figures.projects

    @property
    def reported(self) -> int:
        """Return how many projects have an approved report in force on the month itself."""
        return self.figures.reported

    @property
    def unreported(self) -> int:
        """Return how many projects have no approved report this year yet."""
        return self.figures.unreported

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
_MONEY = DecimalField(max_digits=20, decimal_places=4)


def _expected(projects: QuerySet[Project], floor: progress.Floor) -> QuerySet[Project]:
    """Return the projects (annotated by `with_ytd`) expected to report on month M: those with an annual
    plan of year(M); `ytd_margin` is the completion's side of the on-track floor of M."""
    return (
        projects.filter(Q(ytd_planned__isnull=False))  # Q: an annotation the type checker does not know
        .annotate(
            ytd_margin=ExpressionWrapper(
                F("ytd_completed") * Value(Decimal(1000)) - F("ytd_planned") * Value(floor.tenths),
                output_field=_MONEY,
            ),
        )
        .order_by()
    )


def _expected_in_scope(
    period: str, unit_ids: frozenset[int] | None, plan_id: int | None
) -> tuple[QuerySet[Project], progress.Floor]:
    """Return the projects of a scope expected to report on month M with their figures, and the floor."""
    floor = judging_floor(period)
    return _expected(with_ytd(projects_in_scope(unit_ids=unit_ids, plan_id=plan_id), period), floor), floor


def _scored_q(floor: progress.Floor, *, behind: bool) -> Q:
    """Return the condition of a project judged (reported, with a plan) and behind, or on track."""
    judged = Q(ytd_completed__isnull=False, ytd_planned__gt=0)
    on_track = Q(ytd_margin__gte=0) if floor.inclusive else Q(ytd_margin__gt=0)
    return judged & (~on_track if behind else on_track)


GROUP_KEY = ("plan_id", "county_id", "lead_unit_id", "cluster_id", "park_id")  # the kept sums' groups


def judging_floor(period: str) -> progress.Floor:
    """Return the on-track floor of month M: the least completion over plan judged on track."""
    return progress.on_track_floor(progress.year_share(period), default_thresholds())


def live_groups(period: str, projects: QuerySet[Project]) -> dict[tuple, YtdGroup]:
    """Return the figures of month M per group (`GROUP_KEY`) of some projects, counted from the projects.

    The rule behind the kept sums (`lantu.dispatch.kept` writes what this returns): one grouped query
    over the projects, their annual plans of year(M) and their kept months.
    """
    floor = judging_floor(period)
    expected = _expected(with_ytd(projects, period), floor)
    sums = {
        "planned": Coalesce(Sum("ytd_planned"), Value(Decimal(0)), output_field=_MONEY),
        "completed": Coalesce(Sum("ytd_completed"), Value(Decimal(0)), output_field=_MONEY),
        "n": Count("pk"),
        "reported": Count("pk", filter=Q(ytd_period=period)),
        "unreported": Count("pk", filter=Q(ytd_completed__isnull=True)),
        "behind": Count("pk", filter=_scored_q(floor, behind=True)),
    }
    return {
        tuple(row[: len(GROUP_KEY)]): YtdGroup(Decimal(row[-6]), Decimal(row[-5]), *row[-4:])
        for row in expected.values_list(*GROUP_KEY).annotate(**sums)
    }


TALLY_KEY = ("county_id", "lead_unit_id", "park_id", "stage")  # the kept counts' combinations


@dataclass(frozen=True)
class Tally:
    """How many projects, their total investment (万元; none counts 0), how many give none, and how many
    give a sample figure: the kept counts' figures of one combination (`ProjectTally`)."""

    projects: int
    investment: Decimal
    without_investment: int
    sample_investment: int


def live_tallies(projects: QuerySet[Project]) -> dict[tuple, Tally]:
    """Return the figures (`Tally`) of some projects per combination of `TALLY_KEY`: the rule behind the
    kept counts (`ProjectTally`, `lantu.dispatch.kept`) and behind a project list's totals."""
    rows = (
        projects.order_by()
        .values_list(*TALLY_KEY)
        .annotate(
            n=Count("pk"),
            investment=Coalesce(Sum("total_investment"), Value(Decimal(0))),
            without=Count("pk", filter=~GIVEN_INVESTMENT),
            sample=Count("pk", filter=SAMPLE_INVESTMENT),
        )
    )
    return {tuple(row[: len(TALLY_KEY)]): Tally(row[-4], Decimal(row[-3]), row[-2], row[-1]) for row in rows}


def project_tallies(actor: Actor) -> list[tuple[int, str, int, Decimal]]:
    """Return the projects the actor may read and their total investment (万元) per county and stage,
    added up from the kept counts (`ProjectTally`) of its realm."""
    return [
        (county_id, stage, projects, Decimal(investment))
        for county_id, stage, projects, investment in ProjectTally.objects.filter(project_in_realm(actor))
        .order_by()
        .values_list("county_id", "stage")
        .annotate(n=Sum("projects"), money=Sum("investment"))
    ]


def listed_totals(actor: Actor, filters: ProjectFilter, projects: QuerySet[Project]) -> ProjectTotals:
    """Return the totals of the project list (`projects`, as filtered by `filters`): added up from the kept
    counts (`ProjectTally`) of the reader's realm when the filters name only the columns those are by,
    else counted over the filtered projects (`projects.selectors.project_totals`)."""
    if not filters.on_kept_columns:
        return project_totals(projects)
    tallies = ProjectTally.objects.filter(project_in_realm(actor))
    if filters.county is not None:
        tallies = tallies.filter(county_or_park(filters.county))
    if filters.stage:
        tallies = tallies.filter(stage=filters.stage)
    zero = Value(0)
    sums = tallies.order_by().aggregate(
        count=Coalesce(Sum("projects"), zero),
        investment=Coalesce(Sum("investment"), Value(Decimal(0))),
        without=Coalesce(Sum("without_investment"), zero),
        sample=Coalesce(Sum("sample_investment"), zero),
    )
    return ProjectTotals(
        count=sums["count"],
        total_investment=Decimal(sums["investment"]),
        without_investment=sums["without"],
        sample_investment=sums["sample"],
    )


def ytd_groups(
    *,
    period: str,
    by: tuple[str, ...],
    unit_ids: frozenset[int] | None = None,
    plan_id: int | None = None,
) -> dict[tuple, YtdGroup]:
    """Return the figures of month M summed per combination of the columns `by` (one grouped query).

    `by` names columns of `GROUP_KEY` (county_id, lead_unit_id, cluster_id, …); a page that shows several
    groupings asks once per grouping (adding up thousands of combinations here costs more than the
    queries). Read from the kept sums (`InvestmentMonth`), a row per group of projects, not from every
    project.
    """
    floor = judging_floor(period)
    rows = InvestmentMonth.objects.filter(in_units(unit_ids), period=period).order_by()
    if plan_id is not None:
        rows = rows.filter(plan_id=plan_id)
    sums = {
        "planned_": Coalesce(Sum("planned"), Value(Decimal(0)), output_field=_MONEY),
        "completed_": Coalesce(Sum("completed"), Value(Decimal(0)), output_field=_MONEY),
        "n": Coalesce(Sum("projects"), 0),
        "reported_": Coalesce(Sum("reported"), 0),
        "unreported_": Coalesce(Sum("unreported"), 0),
        "behind_": Coalesce(Sum("behind"), 0),
        # rows judged by another floor (the thresholds moved since): their "behind" is stale
        "stale": Count("pk", filter=~Q(judged_by=floor.stamp)),
    }
    found = [(*rows.aggregate(**sums).values(),)] if not by else list(rows.values_list(*by).annotate(**sums))
    if any(row[-1] for row in found):
        return _rolled_up(live_groups(period, projects_in_scope(unit_ids=unit_ids, plan_id=plan_id)), by)
    return {
        tuple(row[: len(by)]): YtdGroup(Decimal(row[-7]), Decimal(row[-6]), *row[-5:-1])
        for row in found
        if row[-5]  # a total over no project has nothing to show
    }


def _rolled_up(groups: dict[tuple, YtdGroup], by: tuple[str, ...]) -> dict[tuple, YtdGroup]:
    """Return groups of `GROUP_KEY` added up per combination of the columns `by`."""
    where = [GROUP_KEY.index(column) for column in by]
    rolled: dict[tuple, YtdGroup] = {}
    for key, group in groups.items():
        combination = tuple(key[index] for index in where)
        rolled[combination] = rolled.get(combination, YtdGroup()) + group
    return rolled


def ytd_ranked(
    *,
    period: str,
    behind: bool,
    limit: int,
    unit_ids: frozenset[int] | None = None,
    plan_id: int | None = None,
) -> list[ProjectYtd]:
    """Return the projects furthest behind time (`behind`), or furthest ahead of it, on month M.

    Judged projects only (an approved report this year and a plan above 0); by the kept fraction of the
    plan completed (`ProjectMonth.rate`, indexed per month), then code.
    """
    floor = judging_floor(period)
    months = ProjectMonth.objects.filter(in_units(unit_ids, "project__"), period=period, rate__isnull=False)
    if plan_id is not None:
        months = months.filter(project__plan_id=plan_id)
    judged = months.annotate(
        ytd_completed=F("completed"),
        ytd_planned=F("planned"),
        ytd_margin=ExpressionWrapper(
            F("completed") * Value(Decimal(1000)) - F("planned") * Value(floor.tenths), output_field=_MONEY
        ),
    ).filter(_scored_q(floor, behind=behind))
    order = ("rate", "project__code") if behind else ("-rate", "-project__code")
    rows = judged.order_by(*order).values_list(
        "project_id",
        "project__code",
        "project__name",
        "project__county_id",
        "project__lead_unit_id",
        "project__cluster_id",
        "planned",
        "completed",
        "rests_on",
    )
    return _rows(rows[:limit], period)


def _rows(rows, period: str) -> list[ProjectYtd]:
    share, limits = progress.year_share(period), default_thresholds()
    return [
        ProjectYtd(
            pk,
            code,
            name,
            county_id,
            lead_id,
            cluster_id,
            planned,
            completed,
            month or "",
            progress.Completion(planned, completed or Decimal(0), share, limits),
        )
        for pk, code, name, county_id, lead_id, cluster_id, planned, completed, month in rows
    ]


def investment_ytd(
    *,
    period: str,
    unit_ids: frozenset[int] | None = None,
    plan_id: int | None = None,
    with_projects: bool = False,
) -> InvestmentYtd:
    """Return the investment completion year to date for month M (`period`) in a scope.

    Per project: the cumulative investment (本年累计) of its latest approved report in force
    (`reports_in_force`) of year(M) up to and including M, over the project's annual plan of that year.
    Summed over the projects in scope (located in, in a park of, or led by a unit of `unit_ids`; every
    project for None; of one plan when `plan_id` is given) that have an annual plan for year(M). A
    project without such a report counts with its plan and nothing completed. Time progress is the
    share of year(M) elapsed at the end of M; the status compares the two with `core.status.classify`
    and the thresholds of the settings. The figures are summed in the database (`ytd_groups`) from the
    month's kept rows (`lantu.dispatch.kept`), not from the year's reports; `with_projects` also
    lists every project (documents and the map), by code.
    """
    share, limits = progress.year_share(period), default_thresholds()
    figures = ytd_groups(period=period, by=(), unit_ids=unit_ids, plan_id=plan_id).get((), YtdGroup())
    rows = []
    if with_projects:
        projects, _floor = _expected_in_scope(period, unit_ids, plan_id)
        rows = _rows(projects.order_by("code").values_list(*_YTD_ROW), period)
    return InvestmentYtd(
        period=period,
        total=progress.Completion(figures.planned, figures.completed, share, limits),
        figures=figures,
        projects=rows,
    )
