"""Reads behind the dashboard (驾驶舱): indicator health, projects and the plan tree in numbers."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from lantu.core import trajectory as tj
from lantu.core.progress import plan_share
from lantu.core.status import ATTENTION, StatusChange, status_change
from lantu.dashboard import charts as dashboard_charts
from lantu.dashboard.work import Work, work
from lantu.dispatch import figures as dispatch_figures
from lantu.dispatch import selectors as dispatch_selectors
from lantu.indicators.selectors import IndicatorRow, indicator_rows, status_before
from lantu.orgs.access import Actor, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.plans.selectors import plan_list
from lantu.problems import selectors as problem_selectors
from lantu.projects.models import Stage
from lantu.supervision import selectors as order_selectors
from lantu.supervision.models import SupervisionOrder


@dataclass(frozen=True)
class Dashboard:
    """What the dashboard shows."""

    plan: Plan | None
    elapsed: float | None
    headline: list[IndicatorRow]
    rows: list[IndicatorRow]  # every indicator in scope, with its status
    attention: list[IndicatorRow]
    warnings: list["UnitWarnings"]
    status_counts: dict[str, int]
    change: StatusChange[int]  # by indicator id: today against the start of this month
    worsened: list[IndicatorRow]  # newly lagging or off track since the start of this month
    indicator_count: int
    share_count: int  # of them, shares of a split prefecture target (指标分解)
    project_count: int
    total_investment: Decimal  # 万元
    item_count: int
    plans: list[Plan]  # annotated with goal/measure/action/task counts
    charts: dict[str, dict]
    work: Work  # the actor's own work, shown first
    orders: list[SupervisionOrder] | None  # overdue or escalated orders in scope; None for a reporter
    today: date


@dataclass(frozen=True)
class UnitWarnings:
    """The lagging and off-track indicators one unit is responsible for, worst first."""

    unit: OrgUnit
    rows: list[IndicatorRow]


def warnings_by_unit(rows: list[IndicatorRow]) -> list[UnitWarnings]:
    """Group lagging and off-track indicators by responsible unit: most off-track units first."""
    groups: dict[int, list[IndicatorRow]] = {}
    for row in rows:
        if row.status in ATTENTION:
            groups.setdefault(row.indicator.responsible_unit_id, []).append(row)
    found = [
        UnitWarnings(
            members[0].indicator.responsible_unit,
            sorted(members, key=lambda r: (tj.SEVERITY[r.status], r.assessment.achievement or 0.0)),
        )
        for members in groups.values()
    ]
    return sorted(
        found,
        key=lambda g: (
            -sum(r.status == tj.Status.OFF_TRACK for r in g.rows),
            -len(g.rows),
            g.unit.order,
            g.unit.code,
        ),
    )


def main_plan() -> Plan | None:
    """Return the master plan the dashboard is about (the first one, by order)."""
    plans = Plan.objects.select_related("owner").order_by("order", "start_year", "code")
    return plans.filter(kind=Plan.Kind.MASTER).first() or plans.first()


ProjectSums = list[tuple[int, str, int, Decimal]]  # county, stage, projects, total investment


def project_sums(actor: Actor) -> ProjectSums:
    """Return the projects the actor may read and their total investment (万元) per county and stage,
    from the kept counts (`dispatch.figures.project_tallies`) that both `projects_by_county` and
    `projects_by_stage` add up."""
    return dispatch_figures.project_tallies(actor)


def _added(sums: ProjectSums, at: int) -> dict:
    added: dict = {}
    for row in sums:
        count, investment = added.get(row[at], (0, Decimal(0)))
        added[row[at]] = (count + row[2], investment + (row[3] or Decimal(0)))
    return added


def projects_by_county(sums: ProjectSums) -> list[dict]:
    """Return project count and total investment (万元) per county, in unit order."""
    added = _added(sums, 0)
    counties = OrgUnit.objects.filter(pk__in=list(added)).order_by("order", "code")
    return [
        {"label": county.label, "count": added[county.pk][0], "investment": added[county.pk][1]}
        for county in counties
    ]


def projects_by_stage(sums: ProjectSums) -> list[dict]:
    """Return project count and total investment (万元) per stage, in life-cycle order."""
    added = _added(sums, 1)
    return [
        {
            "stage": stage.value,
            "label": stage.label,
            "count": added[stage.value][0],
            "investment": added[stage.value][1],
        }
        for stage in Stage
        if stage.value in added
    ]


def items_by_goal(plan: Plan | None) -> list[dict]:
    """Return, for each goal of a plan, how many measures, actions and tasks sit below it."""
    if plan is None:
        return []
    rows = list(plan.items.order_by("order", "id").values_list("id", "parent_id", "level", "code", "title"))
    parent_of = {row[0]: row[1] for row in rows}
    goals = [row for row in rows if row[2] == PlanItem.Level.GOAL]
    counts: dict[int, Counter] = {goal[0]: Counter() for goal in goals}
    for item_id, _parent, level, _code, _title in rows:
        ancestor, seen = parent_of.get(item_id), set()
        while ancestor is not None and ancestor not in counts and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parent_of.get(ancestor)
        if ancestor in counts and level != PlanItem.Level.GOAL:
            counts[ancestor][level] += 1
    return [{"code": code, "title": title, "counts": counts[pk]} for pk, _p, _l, code, title in goals]


def month_change(rows: list[IndicatorRow], *, now: datetime) -> StatusChange[int]:
    """Return the rows' statuses today against the start of this month (the end of last month).

    The earlier status is computed as it stood then: only values begun and released by then count.
    """
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    before = {row.indicator.pk: status_before(row, month_start, now) for row in rows}
    return status_change({row.indicator.pk: row.status for row in rows}, before)


def dashboard(actor: Actor, *, now: datetime) -> Dashboard:
    """Return the dashboard: the actor's own work, headline indicators, warnings, projects and plans."""
    require_reader(actor)
    rows = indicator_rows(actor, now=now)
    change = month_change(rows, now=now)
    status_counts = {
        str(status): n for status, n in change.counts.items() if n
    }  # one count for card and chart
    attention = sorted(
        (row for row in rows if row.status in ATTENTION),
        key=lambda row: (tj.SEVERITY[row.status], row.assessment.achievement or 0.0),
    )
    plan = main_plan()
    sums = project_sums(actor)
    counties, stages = projects_by_county(sums), projects_by_stage(sums)
    goals = items_by_goal(plan)
    return Dashboard(
        work=work(actor, now=now),
        orders=None if actor.is_reporter else order_selectors.attention_orders(actor=actor, now=now),
        today=timezone.localdate(now),
        plan=plan,
        elapsed=plan_share(plan.start_year, plan.end_year, timezone.localdate(now)) if plan else None,
        headline=[row for row in rows if row.indicator.is_headline],
        rows=rows,
        attention=attention,
        warnings=warnings_by_unit(rows),
        status_counts=status_counts,
        change=change,
        worsened=[row for row in rows if row.indicator.pk in set(change.worsened)],
        indicator_count=len(rows),
        share_count=sum(1 for row in rows if row.indicator.split_of_id is not None),
        project_count=sum(row["count"] for row in counties),
        total_investment=sum((row["investment"] for row in counties), Decimal(0)),
        item_count=PlanItem.objects.filter(plan=plan).count() if plan else 0,
        plans=list(plan_list(actor=actor)),
        charts=dashboard_charts.dashboard_charts(status_counts, counties, stages, goals),
    )


def dispatch_summary(
    actor: Actor, *, now: datetime, period: str | None = None
) -> dispatch_selectors.Headline:
    """Return the dispatch card: the headline dispatch figures of the actor's scope.

    The month is `period`, or by default the latest whose deadline has passed; the figures are
    `dispatch_selectors.headline`, the same as the dispatch overview, the API and the documents.
    """
    return dispatch_selectors.headline(
        actor=actor,
        now=now,
        open_problems=problem_selectors.open_problem_count(actor=actor, now=now),
        period=period,
    )
