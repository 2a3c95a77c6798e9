"""The monthly dispatch bulletin (月度调度通报): rankings, timeliness, red and black lists, problems, 督办."""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.core import periods
from lantu.dispatch import overview as dispatch
from lantu.factors.guarantees import guarantees_in_force
from lantu.lib.templatetags.lantu import DASH
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.problems.models import Problem
from lantu.reports.document import Block, Heading, Image, Paragraph, Progress, Table, Title, no_progress
from lantu.reports.exporters import data
from lantu.reports.exporters.common import (
    LISTED,
    STATUS_ORDER,
    county_investment_chart,
    more_in_ledger,
    percent,
    status_text,
    yi,
)
from lantu.reports.renderers import charts
from lantu.supervision.selectors import MonthOrders, month_orders


@dataclass(frozen=True)
class Month:
    """The month a bulletin covers: its label, first and last moment."""

    label: str
    start: datetime
    end: datetime

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def number(self) -> int:
        return self.start.month


def month_of(year: int, month: int) -> Month:
    """Return a month with its bounds in local time."""
    label = periods.month_label(year, month)
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime.combine(periods.month_end(label), time.max))
    return Month(label, start, end)


@dataclass(frozen=True)
class MonthProblems:
    """The problems of a bulletin's scope: raised and solved in the month, open at its end."""

    raised: list[Problem]
    solved: list[Problem]
    still_open: list[Problem]


def month_problems(scope: data.Scope, month: Month) -> MonthProblems:
    """Return the problems raised and solved in a month and those open at its end."""
    problems = list(data.problems(data.Scope(scope.plan, scope.unit, scope.units, scope.whole, month.end)))
    return MonthProblems(
        raised=[p for p in problems if p.raised_at >= month.start],
        solved=[
            p
            for p in problems
            if p.state == Problem.State.SOLVED and p.closed_at and month.start <= p.closed_at <= month.end
        ],
        still_open=[p for p in problems if data.problem_open(p, month.end)],
    )


def _unit_ids(scope: data.Scope) -> frozenset[int] | None:
    return None if scope.whole else scope.units


def _ranking(groups: list[dispatch.Group], first: str) -> Table:
    rows = [
        [
            index,
            group.label,
            group.projects,
            yi(group.planned),
            yi(group.completed),
            percent(group.completion.rate),
            status_text(group.completion.status),
        ]
        for index, group in enumerate(groups, start=1)
    ]
    columns = [
        _("Rank"),
        first,
        pgettext("number of", "Projects"),
        _("Planned (亿元)"),
        _("Completed (亿元)"),
        _("Completion"),
        _("Status"),
    ]
    return Table(columns, rows, widths=(13, 37, 16, 24, 24, 22, 20), numeric=(0, 2, 3, 4, 5))


def _overview(overview: dispatch.Overview, month: Month, problems: MonthProblems) -> Iterator[Block]:
    yield Heading(_("Overall situation"))
    total = overview.total
    text = _(
        "Up to the end of %(month)s, %(count)s major projects in scope have an investment plan for "
        "%(year)s, %(planned)s 亿元 in all; %(completed)s 亿元 has been completed according to the "
        "approved reports, %(rate)s of the plan, against %(time)s of the year elapsed. "
        "%(reported)s of %(expected)s projects have an approved report on the month; %(lagging)s "
        "projects lag behind the time elapsed."
    ) % {
        "month": _("%(month)s/%(year)s") % {"year": month.year, "month": month.number},
        "year": month.year,
        "count": total.projects,
        "planned": yi(total.planned),
        "completed": yi(total.completed),
        "rate": percent(total.completion.rate),
        "time": percent(total.share * 100),
        "reported": overview.reported,
        "expected": overview.expected,
        "lagging": overview.lagging_count,
    }
    if overview.unreported:
        text += _("%(count)s projects have no approved report this year yet.") % {
            "count": overview.unreported
        }
    yield Paragraph(text)
    yield Paragraph(
        _(
            "In the month %(raised)s problems were raised and %(solved)s solved; %(open)s problems are "
            "still open at the end of the month."
        )
        % {
            "raised": len(problems.raised),
            "solved": len(problems.solved),
            "open": len(problems.still_open),
        }
    )


def _rankings(overview: dispatch.Overview) -> Iterator[Block]:
    yield Heading(_("Ranking by investment completion"))
    if not overview.counties and not overview.departments:
        yield Paragraph(_("No major project in scope has an investment plan for the year."))
        return
    if overview.counties:
        yield Heading(_("Counties and cities"), 2)
        yield _ranking(overview.counties, _("County"))
    if overview.departments:
        yield Heading(_("Lead departments"), 2)
        yield _ranking(overview.departments, _("Lead unit"))
    yield Paragraph(
        _("Completion is the year-to-date investment of the latest approved report over the annual plan."),
        note=True,
    )


def _timeliness(rows: list[tuple[OrgUnit, int, int, object]]) -> Iterator[Block]:
    yield Heading(_("Ranking by reporting timeliness"))
    if not rows:
        yield Paragraph(_("No reporting deadline of the year has passed yet."))
        return
    table_rows = [
        [index, unit.label, due, on_time, percent(rate)]
        for index, (unit, due, on_time, rate) in enumerate(rows, start=1)
    ]
    columns = [_("Rank"), _("Lead unit"), _("Reports due"), _("Submitted on time"), _("On-time rate")]
    yield Table(columns, table_rows, widths=(14, 60, 26, 30, 26), numeric=(0, 2, 3, 4))
    yield Paragraph(
        _(
            "Reports due count every project month of the year up to this one whose deadline has passed; "
            "on time means the first submission came before the end of the deadline day."
        ),
        note=True,
    )


def _project_rows(rows: list[dispatch.ProjectRow]) -> list[list[object]]:
    return [
        [
            index,
            row.name,
            row.county,
            yi(row.completion.planned),
            percent(row.completion.rate),
            percent(row.completion.against_time),
        ]
        for index, row in enumerate(rows, start=1)
    ]


LIST_SIZE = 5  # the red and black lists name at most five projects each


def red_and_black(overview: dispatch.Overview) -> tuple[list[dispatch.ProjectRow], list[dispatch.ProjectRow]]:
    """Return the red list (the five best of the projects keeping pace with time) and the black list.

    The black list holds the five worst of the projects off track: completion below the lagging
    threshold of the time elapsed (严重滞后), so that a month of many small delays names only the worst.
    """
    red = overview.leading[:LIST_SIZE]
    black = [row for row in overview.lagging if row.status == "off_track"][:LIST_SIZE]
    return red, black


def _charts(overview: dispatch.Overview) -> Iterator[Block]:
    counties = overview.counties
    if len(counties) > 1:
        yield county_investment_chart(
            [(g.label, g.planned, g.completed) for g in counties],
            _("Figure 1  Planned and completed investment by county"),
        )
    statuses = Counter(str(g.completion.status) for g in counties)
    if counties:
        yield Image(
            charts.status_bars(
                [(key, status_text(key), statuses[key]) for key in STATUS_ORDER if key != "no_data"]
            ),
            width=130,
            caption=_("Figure 2  Counties by investment completion against time"),
        )


def _lists(overview: dispatch.Overview) -> Iterator[Block]:
    yield Heading(_("Red and black lists"))
    red, black = red_and_black(overview)
    limits = overview.total.completion.thresholds
    yield Paragraph(
        _(
            "Rule: the red list names the %(size)s projects with the highest completion against time among "
            "those keeping pace; the black list the %(size)s lowest among those whose completion is below "
            "%(lagging)s of the time elapsed (off track). %(lagging_count)s projects lag behind time in "
            "all; the project ledger lists them."
        )
        % {
            "size": LIST_SIZE,
            "lagging": percent(limits.lagging * 100),
            "lagging_count": overview.lagging_count,
        }
    )
    columns = [
        _("No."),
        _("Project"),
        _("County"),
        _("Planned (亿元)"),
        _("Completion"),
        _("Against time"),
    ]
    widths = (12, 48, 24, 22, 24, 26)
    yield Heading(_("Red list: projects ahead of time"), 2)
    if red:
        yield Table(columns, _project_rows(red), widths=widths, numeric=(0, 3, 4, 5))
    else:
        yield Paragraph(_("No project's completion keeps pace with the time elapsed."))
    yield Heading(_("Black list: projects behind time"), 2)
    if black:
        yield Table(columns, _project_rows(black), widths=widths, numeric=(0, 3, 4, 5))
    else:
        yield Paragraph(_("No project is off track."))
    yield Paragraph(
        _(
            "Against time is the completion divided by the share of the year elapsed; 100% keeps pace. "
            "Projects without an approved report are not listed."
        ),
        note=True,
    )


def _problem_rows(problems: list[Problem], when) -> list[list[str]]:
    labels = dict(Problem.Factor.choices)
    return [
        [p.title, p.project.name, str(labels.get(p.factor, p.factor)), p.unit.label, when(p)]
        for p in problems[:LISTED]
    ]


def _problems(problems: MonthProblems) -> Iterator[Block]:
    yield Heading(_("Problems solved and open"))
    yield Heading(_("Solved in the month"), 2)
    columns = [_("Problem"), _("Project"), _("Factor"), _("Asked of")]
    widths = (42, 42, 18, 28, 26)
    if problems.solved:

        def closed(p: Problem) -> str:
            return timezone.localtime(p.closed_at).date().isoformat() if p.closed_at else DASH

        notes = [] if len(problems.solved) <= LISTED else [more_in_ledger(LISTED, len(problems.solved))]
        yield Table(
            [*columns, _("Solved on")], _problem_rows(problems.solved, closed), widths=widths, notes=notes
        )
    else:
        yield Paragraph(_("No problem was solved in the month."))
    yield Heading(_("Open at the end of the month"), 2)
    if problems.still_open:
        count = len(problems.still_open)
        notes = [] if count <= LISTED else [more_in_ledger(LISTED, count)]
        rows = _problem_rows(problems.still_open, lambda p: p.due_date.isoformat())
        yield Table([*columns, pgettext("problems", "Due")], rows, widths=widths, notes=notes)
    else:
        yield Paragraph(_("No problem is open at the end of the month."))


def _orders(orders: MonthOrders) -> Iterator[Block]:
    yield Heading(_("Supervision orders"))
    on_time = sum(1 for o in orders.closed if o.closed_on_time)
    yield Paragraph(
        _(
            "In the month %(issued)s supervision orders were issued and %(closed)s closed (%(on_time)s by "
            "their deadline); %(open)s are open at the end of the month, %(overdue)s of them past their "
            "deadline without an answer."
        )
        % {
            "issued": len(orders.issued),
            "closed": len(orders.closed),
            "on_time": on_time,
            "open": len(orders.still_open),
            "overdue": len(orders.overdue),
        }
    )
    units: dict[int, list] = {}
    for kind, group in enumerate((orders.issued, orders.closed, orders.still_open, orders.overdue)):
        for order in group:
            units.setdefault(order.unit_id, [order.unit.label, 0, 0, 0, 0])[kind + 1] += 1
    if units:
        yield Table(
            [
                _("Unit"),
                _("Issued in the month"),
                _("Closed in the month"),
                _("Open at month end"),
                _("Overdue"),
            ],
            sorted(units.values(), key=lambda row: (-row[4], -row[3], row[0])),
            widths=(50, 28, 28, 28, 26),
            numeric=(1, 2, 3, 4),
        )
    if orders.overdue:
        yield Heading(_("Overdue orders"), 2)
        rows = [
            [
                o.title,
                o.unit.label,
                o.deadline.isoformat(),
                pgettext("supervision", "escalated") if o.level else DASH,
            ]
            for o in orders.overdue[:LISTED]
        ]
        notes = [] if len(orders.overdue) <= LISTED else [more_in_ledger(LISTED, len(orders.overdue))]
        yield Table(
            [_("Order"), _("Unit"), _("Deadline"), _("Escalation")],
            rows,
            widths=(70, 40, 28, 22),
            notes=notes,
        )


def _guarantees(actor: Actor, plan: Plan, year: int, unit_ids: frozenset[int] | None) -> Iterator[Block]:
    """Yield the factor guarantees (要素保障计划) in force for the year, from the accepted allocation."""
    rows = [
        g
        for g in guarantees_in_force(actor=actor, year=year)
        if g.project.plan_id == plan.pk
        and (unit_ids is None or g.project.county_id in unit_ids or g.project.lead_unit_id in unit_ids)
    ]
    yield Heading(_("Factor guarantees"))
    if not rows:
        yield Paragraph(_("No accepted allocation guarantees a factor to a project of the scope this year."))
        return
    scenarios = sorted({(g.scenario.name, g.version) for g in rows})
    yield Paragraph(
        _(
            "%(projects)s projects hold factor guarantees for %(year)s under the accepted allocation "
            "%(scenarios)s."
        )
        % {
            "projects": len({g.project_id for g in rows}),
            "year": year,
            "scenarios": "、".join(
                _("“%(name)s” (version %(version)s)") % {"name": name, "version": version}
                for name, version in scenarios
            ),
        }
    )
    notes = [] if len(rows) <= LISTED else [more_in_ledger(LISTED, len(rows))]
    yield Table(
        [_("Project"), pgettext("resource", "Factor"), _("Amount"), _("Start year")],
        [
            [
                f"{g.project.code} {g.project.name}",
                g.factor.name,
                f"{g.amount.normalize():f} {g.factor.unit}",
                g.start_year or DASH,
            ]
            for g in rows[:LISTED]
        ],
        widths=(80, 26, 34, 20),
        numeric=(2,),
        notes=notes,
    )


def bulletin_figures(
    plan: Plan, year: int, month: int, scope_unit: OrgUnit, now: datetime, actor: Actor
) -> tuple[data.Scope, dispatch.Overview, MonthProblems]:
    """Return what a bulletin reports: its scope, the month's dispatch overview and the month's problems."""
    the_month = month_of(year, month)
    scope = data.scope_for(plan, scope_unit, min(the_month.end, now))
    today: date = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    overview = dispatch.overview(
        actor=actor, period=the_month.label, today=today, unit_ids=_unit_ids(scope), plan_id=plan.pk
    )
    return scope, overview, month_problems(scope, the_month)


def bulletin(
    plan: Plan,
    year: int,
    month: int,
    scope_unit: OrgUnit,
    now: datetime,
    actor: Actor,
    progress: Progress = no_progress,
) -> Iterator[Block]:
    """Yield the blocks of the monthly dispatch bulletin of a plan for a unit's scope."""
    today: date = timezone.localtime(now).date() if timezone.is_aware(now) else now.date()
    yield Title(
        _("Dispatch bulletin on the major projects of %(plan)s, %(month)s")
        % {"plan": plan.name, "month": _("%(month)s/%(year)s") % {"year": year, "month": month}},
        _("%(unit)s · as of %(date)s") % {"unit": scope_unit.name, "date": date_format(today, "DATE_FORMAT")},
    )
    progress(20, _("Reading projects"))
    the_month = month_of(year, month)
    scope, overview, problems = bulletin_figures(plan, year, month, scope_unit, now, actor)
    progress(60, _("Writing the overview"))
    yield from _overview(overview, the_month, problems)
    yield from _charts(overview)
    progress(70, _("Writing the rankings"))
    yield from _rankings(overview)
    yield from _timeliness(overview.timeliness)
    progress(85, _("Writing the red and black lists"))
    yield from _lists(overview)
    progress(95, _("Writing the problems"))
    yield from _problems(problems)
    yield from _orders(
        month_orders(plan_id=plan.pk, unit_ids=_unit_ids(scope), start=the_month.start, end=the_month.end)
    )
    yield from _guarantees(actor, plan, year, _unit_ids(scope))
