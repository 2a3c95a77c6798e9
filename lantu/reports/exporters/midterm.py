"""The mid-term evaluation (中期评估): 时间过半、任务过半 per goal and indicator, projections, adjustments.

Generated only once the first half of a plan has elapsed. Indicator figures are `indicator_status` as of
the middle of the plan (through `data.indicators`), with its projection to the target year
(`core.projection`); tasks are `data.task_figures`; projects `data.project_figures` over the years so far.
"""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.core.progress import plan_share
from lantu.indicators.models import Indicator
from lantu.lib.templatetags.lantu import DASH, format_number
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.reports.document import Block, Heading, Paragraph, Progress, Table, Title, no_progress
from lantu.reports.exporters import analysis, data
from lantu.reports.exporters.common import (
    county_investment_chart,
    percent,
    rounded,
    short_target,
    status_text,
    yi,
)

GOOD = ("on_track", "ahead")


def midterm_moment(plan: Plan) -> datetime:
    """Return the moment the first half of a plan has elapsed: 30 June of its mid-term year, at its end."""
    _year, moment = data.mid_term(plan, timezone.make_aware(datetime(plan.end_year + 1, 1, 1)))
    return moment


def check_midterm(plan: Plan, now: datetime) -> None:
    """Refuse a mid-term evaluation of a plan whose first half has not elapsed, saying when it has."""
    moment = midterm_moment(plan)
    if now < moment:
        raise ValidationError(
            _(
                "A mid-term evaluation of %(plan)s can be generated once the first half of the plan has "
                "elapsed, after %(date)s; %(share)s of its time has elapsed so far."
            )
            % {
                "plan": plan.label,
                "date": date_format(timezone.localtime(moment).date(), "DATE_FORMAT"),
                "share": percent(plan_share(plan.start_year, plan.end_year, timezone.localdate(now)) * 100),
            }
        )


def _goals(items: list[PlanItem]) -> tuple[list[PlanItem], dict[int, int]]:
    """Return the goals in order and the goal of every item."""
    by_id = {item.pk: item for item in items}
    goal_of: dict[int, int] = {}
    for item in items:  # tree order: a parent comes before its children
        goal_of[item.pk] = item.pk if item.parent_id is None else goal_of.get(item.parent_id, item.pk)
    return [i for i in items if i.parent_id is None and i.pk in by_id], goal_of


def _range(figure: data.IndicatorFigure) -> str:
    projection = figure.status.projection
    if projection is None:
        return DASH
    if projection.low is None or projection.high is None or abs(projection.high - projection.low) < 1e-9:
        return rounded(projection.final)
    return f"{rounded(projection.low)}～{rounded(projection.high)}"


def _reachable(figure: data.IndicatorFigure) -> str:
    projection = figure.status.projection
    if projection is None:
        return _("cannot tell yet")
    return _("within reach") if projection.likely_to_meet else _("out of reach")


def _indicator_table(figures: list[data.IndicatorFigure]) -> Table:
    rows = [
        [
            f.indicator.name,
            format_number(f.status.latest.value) if f.status.latest else DASH,
            rounded(f.status.expected),
            status_text(f.status.status),
            _range(f),
            short_target(f.indicator, f.status.version),
            _reachable(f),
        ]
        for f in figures
    ]
    columns = [
        _("Indicator"),
        _("Mid-term value"),
        _("Half-way path"),
        _("Status"),
        _("Projected for the target year"),
        _("Target"),
        _("Outlook"),
    ]
    return Table(columns, rows, widths=(40, 20, 20, 18, 26, 16, 18), numeric=(1, 2, 4))


def _goal_conclusion(figures: list[data.IndicatorFigure], tasks: list[data.TaskFigure]) -> str:
    good = sum(1 for f in figures if str(f.status.status) in GOOD)
    out = [
        f.indicator.name for f in figures if f.status.projection and not f.status.projection.likely_to_meet
    ]
    reported = [t for t in tasks if t.progress is not None]
    on_pace = sum(1 for t in reported if t.status in GOOD)
    values = {"count": len(figures), "good": good, "tasks": len(reported), "on_pace": on_pace}
    if not figures:
        return (
            _(
                "Conclusion: no indicator measures this goal; of its %(tasks)s key tasks with a report, "
                "%(on_pace)s keep pace."
            )
            % values
        )
    text = (
        _(
            "Conclusion: of the %(count)s indicators of this goal, %(good)s meet the half-way mark "
            "(时间过半、任务过半); of its %(tasks)s key tasks with a report, %(on_pace)s keep pace."
        )
        % values
    )
    if out:
        text += _(" At the present trend %(names)s will miss the target.") % {"names": "、".join(out)}
    elif figures:
        text += _(" At the present trend every target of the goal is within reach.")
    return text


def _per_goal(
    goals: list[PlanItem],
    goal_of: dict[int, int],
    figures: list[data.IndicatorFigure],
    tasks: list[data.TaskFigure],
) -> Iterator[Block]:
    yield Heading(_("Goals and indicators at mid-term"))
    linked: dict[int, list[data.IndicatorFigure]] = {}
    for figure in figures:
        goal_ids = {goal_of.get(item.pk) for item in figure.indicator.items.all()} - {None}
        for goal_id in goal_ids or {0}:
            linked.setdefault(goal_id or 0, []).append(figure)
    task_goals: dict[int, list[data.TaskFigure]] = {}
    for task in tasks:
        task_goals.setdefault(goal_of.get(task.item.pk, 0), []).append(task)
    for goal in goals:
        own, own_tasks = linked.get(goal.pk, []), task_goals.get(goal.pk, [])
        if not own and not own_tasks:
            continue
        yield Heading(f"{goal.title}", 2)
        if own:
            yield _indicator_table(own)
        yield Paragraph(_goal_conclusion(own, own_tasks))
    if linked.get(0):
        yield Heading(_("Indicators linked to no goal"), 2)
        yield _indicator_table(linked[0])


def _adjustments(figures: list[data.IndicatorFigure]) -> Iterator[Block]:
    yield Heading(_("Targets out of reach and proposed mid-term adjustments"))
    out = [f for f in figures if f.status.projection is not None and not f.status.projection.likely_to_meet]
    out.sort(key=lambda f: (f.indicator.attribute != Indicator.Attribute.BINDING, f.indicator.order))
    if not out:
        yield Paragraph(_("At the present trends every target with enough data is within reach."))
        return
    yield Paragraph(
        _(
            "At the present trends %(count)s targets are out of reach. It is proposed to examine them in "
            "the mid-term adjustment (中期调整); an adjusted target is entered as a new target version of "
            "the indicator and approved there. Binding indicators are not adjusted: they call for stronger "
            "measures."
        )
        % {"count": len(out)}
    )
    rows = []
    for number, f in enumerate(out, start=1):
        binding = f.indicator.attribute == Indicator.Attribute.BINDING
        proposal = _("strengthen the measures (binding)") if binding else _("examine an adjusted target")
        rows.append(
            [number, f.indicator.name, short_target(f.indicator, f.status.version), _range(f), proposal]
        )
    yield Table(
        [
            _("No."),
            _("Indicator"),
            _("Target"),
            _("Projected range"),
            pgettext("mid-term adjustment", "Proposal"),
        ],
        rows,
        widths=(12, 48, 26, 30, 40),
        numeric=(0,),
    )


def _tasks(items: list[PlanItem], tasks: list[data.TaskFigure]) -> Iterator[Block]:
    yield Heading(_("Completion of measures and key tasks"))
    measures = [i for i in items if i.level == "measure"]
    counts = Counter(t.status for t in tasks)
    reported = [t for t in tasks if t.progress is not None]
    average = (
        sum((t.progress for t in reported if t.progress is not None), Decimal(0)) / len(reported)
        if reported
        else None
    )
    yield Paragraph(
        _(
            "The plan has %(measures)s major measures and %(tasks)s key tasks in scope; %(reported)s tasks "
            "have an approved progress report, %(average)s complete on average. %(good)s keep pace with "
            "their time, %(lagging)s lag, %(off)s are off track."
        )
        % {
            "measures": len(measures),
            "tasks": len(tasks),
            "reported": len(reported),
            "average": percent(average),
            "good": counts["on_track"] + counts["ahead"],
            "lagging": counts["lagging"],
            "off": counts["off_track"],
        }
    )


def _projects(projects: list[data.ProjectFigure], years: list[int]) -> Iterator[Block]:
    yield Heading(_("Progress of the major projects"))
    if not projects:
        yield Paragraph(_("No major project in scope has an investment plan for the period."))
        return
    totals = data.project_totals(projects)
    yield Paragraph(
        _(
            "From %(start)s to mid-%(end)s, %(count)s major projects had investment plans of "
            "%(planned)s 亿元; %(completed)s 亿元 was completed, %(rate)s of the plans. %(behind)s projects "
            "lag behind time."
        )
        % {
            "start": years[0],
            "end": years[-1],
            "count": len(projects),
            "planned": yi(totals.planned),
            "completed": yi(totals.completed),
            "rate": percent(totals.rate),
            "behind": totals.behind,
        }
    )
    counties = data.group_by(projects, "county")
    if len(counties) > 1:
        yield county_investment_chart(
            [(g.label, g.planned, g.completed) for g in counties],
            _("Figure 1  Planned and completed investment by county"),
        )


def midterm_review(
    plan: Plan, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Iterator[Block]:
    """Yield the mid-term evaluation of a plan for a unit's scope, as of the middle of the plan."""
    check_midterm(plan, now)
    year, as_of = data.mid_term(plan, now)
    scope = data.scope_for(plan, scope_unit, as_of)
    yield Title(
        _("Mid-term evaluation of the implementation of %(plan)s") % {"plan": plan.label},
        _("%(unit)s · as of %(date)s")
        % {"unit": scope_unit.name, "date": date_format(scope.as_of_date, "DATE_FORMAT")},
    )
    progress(10, _("Reading indicators"))
    figures = data.indicators(scope)
    items = data.plan_items(scope)
    goals, goal_of = _goals(items)
    tasks = [i for i in items if i.level == "task" and data.task_in_scope(scope, i)]
    task_figures = list(data.task_figures(scope, tasks).values())
    years = list(range(plan.start_year, year + 1))
    progress(30, _("Reading projects"))
    projects = data.project_figures(scope, years)
    share = plan_share(plan.start_year, plan.end_year, scope.as_of_date)
    counts = Counter(str(f.status.status) for f in figures)
    yield Heading(_("Overall situation"))
    yield Paragraph(
        _(
            "By %(date)s, %(share)s of the time of %(plan)s has elapsed. Of its %(count)s indicators in "
            "scope, %(good)s meet the half-way mark (时间过半、任务过半), %(lagging)s lag, %(off)s are off "
            "track and %(none)s have no data; %(out)s targets look out of reach at the present trend."
        )
        % {
            "date": date_format(scope.as_of_date, "DATE_FORMAT"),
            "share": percent(share * 100),
            "plan": plan.label,
            "count": len(figures),
            "good": counts["on_track"] + counts["ahead"],
            "lagging": counts["lagging"],
            "off": counts["off_track"],
            "none": counts["no_data"],
            "out": sum(1 for f in figures if f.status.projection and not f.status.projection.likely_to_meet),
        }
    )
    progress(50, _("Writing the indicators"))
    yield from _per_goal(goals, goal_of, figures, task_figures)
    yield from _adjustments(figures)
    progress(70, _("Writing the tasks"))
    yield from _tasks(items, task_figures)
    progress(80, _("Writing the projects"))
    yield from _projects(projects, years)
    progress(90, _("Writing the next steps"))
    yield from analysis.next_steps(scope, task_figures, analysis.orders_as_of(scope), year)
