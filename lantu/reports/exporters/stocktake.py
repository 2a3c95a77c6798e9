"""The year-end stocktake (年度盘点) as a stream of document blocks."""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.core.progress import rate
from lantu.indicators.models import Indicator
from lantu.lib.templatetags.lantu import DASH, format_number
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.reports.document import (
    Block,
    Heading,
    Image,
    Paragraph,
    Progress,
    Table,
    Title,
    no_progress,
)
from lantu.reports.exporters import analysis, data
from lantu.reports.exporters.common import (
    ADJUSTED_MARK,
    BINDING_MARK,
    INDICATOR_WIDTHS,
    LAGGING,
    LISTED,
    STATUS_ORDER,
    adjustment_note,
    county_investment_chart,
    indicator_columns,
    indicator_row,
    more_in_ledger,
    percent,
    rounded,
    status_text,
    yi,
)
from lantu.reports.renderers import charts


def _overview(scope: data.Scope, period_text: str, figures, projects, problems) -> Iterator[Block]:
    counts = Counter(str(f.status.status) for f in figures)
    binding = [f for f in figures if f.indicator.attribute == Indicator.Attribute.BINDING]
    binding_missed = sum(1 for f in binding if str(f.status.status) in LAGGING)
    yield Heading(_("Overall situation"))
    if not figures:
        yield Paragraph(
            _("No indicator of %(plan)s is the responsibility of %(unit)s.")
            % {"plan": scope.plan.label, "unit": scope.unit.label}
        )
    else:
        text = _(
            "%(period)s, %(count)s indicators of %(plan)s are monitored for %(unit)s: %(good)s on track or "
            "ahead, %(lagging)s lagging, %(off)s off track and %(none)s without data."
        ) % {
            "period": period_text,
            "count": len(figures),
            "plan": scope.plan.label,
            "unit": scope.unit.label,
            "good": counts["on_track"] + counts["ahead"],
            "lagging": counts["lagging"],
            "off": counts["off_track"],
            "none": counts["no_data"],
        }
        if binding:
            text += _("Of the %(binding)s binding indicators, %(missed)s lag or are off track.") % {
                "binding": len(binding),
                "missed": binding_missed,
            }
        yield Paragraph(text)
    totals = data.project_totals(projects)
    yield Paragraph(
        _(
            "%(count)s major projects have an investment plan for the period, %(planned)s 亿元 in all; "
            "%(completed)s 亿元 has been completed, %(rate)s of the plan. %(behind)s projects lag behind "
            "the time elapsed."
        )
        % {
            "count": len(projects),
            "planned": yi(totals.planned),
            "completed": yi(totals.completed),
            "rate": percent(totals.rate),
            "behind": totals.behind,
        }
    )
    open_count = sum(1 for p in problems if data.problem_open(p, scope.as_of))
    yield Paragraph(
        _("%(total)s problems were raised on the projects; %(solved)s are solved and %(open)s still open.")
        % {"total": len(problems), "solved": len(problems) - open_count, "open": open_count}
    )


def _indicators(figures) -> Iterator[Block]:
    yield Heading(_("Main indicators"))
    if not figures:
        yield Paragraph(_("No indicator of this plan is in the scope of the report."))
        return
    yield Table(
        indicator_columns(),
        [indicator_row(f) for f in figures],
        widths=INDICATOR_WIDTHS,
        caption=_("Table 1  Main indicators"),
        notes=[
            _(
                "Notes: %(mark)s marks a binding indicator. Expected by now is the value the path from "
                "baseline to target reaches at the latest reported period; achievement compares the actual "
                "progress since the baseline with the expected progress, and for a growth target the "
                "realised average annual growth with the target rate. Only approved values count."
            )
            % {"mark": BINDING_MARK},
            _(
                "Each row is measured against the plan's original target unless its target is marked "
                "%(mark)s (adjusted, 中期调整; see below). Where a period has several data vintages, the "
                "latest one released counts."
            )
            % {"mark": ADJUSTED_MARK},
            *filter(None, (adjustment_note(f) for f in figures)),
        ],
        numeric=(3, 5, 6, 7),
    )
    counts = Counter(str(f.status.status) for f in figures)
    yield Image(
        charts.status_bars(
            [(key, status_text(key), counts[key]) for key in STATUS_ORDER],
        ),
        width=140,
        caption=_("Figure 1  Indicators by status"),
    )


def _lagging(scope, figures, projects, tasks) -> Iterator[Block]:
    yield Heading(_("Lagging and off-track items"))
    late = [f for f in figures if str(f.status.status) in LAGGING]
    yield Heading(_("Indicators"), 2)
    if late:
        rows = [
            [
                f.indicator.name,
                status_text(f.status.status),
                f.indicator.responsible_unit.label,
                format_number(f.status.latest.value) if f.status.latest else DASH,
                rounded(f.status.expected),
            ]
            for f in late
        ]
        columns = [_("Indicator"), _("Status"), _("Responsible unit"), _("Actual"), _("Expected by now")]
        yield Table(columns, rows, widths=(50, 18, 40, 24, 24), numeric=(3, 4))
    else:
        yield Paragraph(_("No indicator lags."))
    yield Heading(_("Major projects"), 2)
    late_projects = sorted(
        (p for p in projects if p.status in LAGGING), key=lambda p: p.completion.rate or Decimal(0)
    )
    if late_projects:
        yield Paragraph(
            _("%(count)s of %(total)s major projects lag behind the time elapsed.")
            % {"count": len(late_projects), "total": len(projects)}
        )
        rows = [
            [
                p.project.name,
                p.project.county.label,
                p.project.lead_unit.label,
                yi(p.planned),
                yi(p.completed),
                percent(p.completion.rate),
                status_text(p.status),
            ]
            for p in late_projects[:LISTED]
        ]
        columns = [
            _("Project"),
            _("County"),
            _("Lead unit"),
            _("Planned (亿元)"),
            _("Completed (亿元)"),
            _("Completion"),
            _("Status"),
        ]
        notes = [] if len(late_projects) <= LISTED else [more_in_ledger(LISTED, len(late_projects))]
        yield Table(columns, rows, widths=(44, 18, 24, 18, 18, 16, 18), numeric=(3, 4, 5), notes=notes)
    else:
        yield Paragraph(_("No major project lags."))
    yield Heading(_("Key tasks"), 2)
    late_tasks = [t for t in tasks if t.status in LAGGING]
    if late_tasks:
        rows = [
            [
                f"{t.item.code} {t.item.title}",
                t.item.lead_unit.label if t.item.lead_unit else DASH,
                t.item.deadline.isoformat() if t.item.deadline else DASH,
                percent(t.progress),
                status_text(t.status),
            ]
            for t in late_tasks[:LISTED]
        ]
        columns = [_("Task"), _("Lead unit"), _("Deadline"), pgettext("task ledger", "Progress"), _("Status")]
        notes = [] if len(late_tasks) <= LISTED else [more_in_ledger(LISTED, len(late_tasks))]
        yield Table(columns, rows, widths=(66, 30, 24, 18, 18), numeric=(3,), notes=notes)
    else:
        yield Paragraph(_("No key task with an approved progress report lags."))


def _investment_table(groups: list[data.InvestmentGroup], first: str) -> Table:
    rows = [[g.label, g.count, yi(g.planned), yi(g.completed), percent(g.rate)] for g in groups]
    planned = sum((g.planned for g in groups), Decimal(0))
    completed = sum((g.completed for g in groups), Decimal(0))
    rows.append(
        [
            _("Total"),
            sum(g.count for g in groups),
            yi(planned),
            yi(completed),
            percent(rate(completed, planned)),
        ]
    )
    columns = [
        first,
        pgettext("number of", "Projects"),
        _("Planned (亿元)"),
        _("Completed (亿元)"),
        _("Completion"),
    ]
    return Table(columns, rows, widths=(46, 20, 32, 32, 26), numeric=(1, 2, 3, 4))


def _projects(projects, figure: int) -> Iterator[Block]:
    yield Heading(pgettext("report section", "Major projects"))
    if not projects:
        yield Paragraph(_("No major project in scope has an investment plan for the period."))
        return
    counties = data.group_by(projects, "county")
    yield Heading(_("By county"), 2)
    yield _investment_table(counties, _("County"))
    if len(counties) > 1:  # a single bar tells nothing the table does not
        yield county_investment_chart(
            [(g.label, g.planned, g.completed) for g in counties],
            _("Figure %(number)s  Planned and completed investment by county") % {"number": figure},
        )
    yield Heading(_("By industrial cluster"), 2)
    yield _investment_table(data.group_by(projects, "cluster", _("No cluster")), _("Cluster"))


def _problems(scope, problems) -> Iterator[Block]:
    yield Heading(_("Problems"))
    if not problems:
        yield Paragraph(_("No problem was raised on the projects in scope."))
        return
    labels = dict(data.Problem.Factor.choices)
    by_factor: dict[str, list[int]] = {}
    for problem in problems:
        row = by_factor.setdefault(problem.factor, [0, 0])
        row[0 if data.problem_open(problem, scope.as_of) else 1] += 1
    rows = [[str(labels.get(k, k)), v[0] + v[1], v[0], v[1]] for k, v in by_factor.items()]
    yield Table(
        [_("Factor"), _("Raised"), pgettext("problems", "Open"), _("Solved")],
        rows,
        widths=(50, 34, 34, 34),
        numeric=(1, 2, 3),
    )
    still_open = [p for p in problems if data.problem_open(p, scope.as_of)]
    if still_open:
        yield Heading(_("Open problems"), 2)
        rows = [
            [
                p.title,
                p.project.name,
                str(labels.get(p.factor, p.factor)),
                p.unit.label,
                p.due_date.isoformat(),
            ]
            for p in still_open[:LISTED]
        ]
        columns = [_("Problem"), _("Project"), _("Factor"), _("Asked of"), pgettext("problems", "Due")]
        notes = [] if len(still_open) <= LISTED else [more_in_ledger(LISTED, len(still_open))]
        yield Table(columns, rows, widths=(46, 44, 16, 28, 22), notes=notes)


def _review(
    *,
    plan: Plan,
    scope_unit: OrgUnit,
    years: list[int],
    as_of: datetime,
    title: str,
    period_text: str,
    progress: Progress,
    year: int | None = None,
) -> Iterator[Block]:
    scope = data.scope_for(plan, scope_unit, as_of)
    yield Title(
        title,
        _("%(unit)s · as of %(date)s")
        % {"unit": scope_unit.name, "date": date_format(scope.as_of_date, "DATE_FORMAT")},
    )
    progress(10, _("Reading indicators"))
    figures = data.indicators(scope)
    progress(30, _("Reading projects"))
    projects = data.project_figures(scope, years)
    items = data.plan_items(scope)
    tasks = [i for i in items if i.level == "task" and data.task_in_scope(scope, i)]
    task_figures = list(data.task_figures(scope, tasks).values())
    problems = list(data.problems(scope))
    progress(45, _("Writing the overview"))
    yield from _overview(scope, period_text, figures, projects, problems)
    if year is not None:
        orders = analysis.orders_as_of(scope)
        yield from analysis.achievements(scope, figures, data.investment(scope, year), task_figures)
        yield from analysis.problems_found(scope, figures, projects, problems, orders)
        yield from analysis.causes(scope, projects, task_figures, problems)
        yield from analysis.next_steps(scope, task_figures, orders, year)
    progress(55, _("Writing the indicators"))
    yield from _indicators(figures)
    progress(70, _("Writing the lagging items"))
    yield from _lagging(scope, figures, projects, task_figures)
    progress(80, _("Writing the projects"))
    yield from _projects(projects, figure=2 if figures else 1)
    progress(90, _("Writing the problems"))
    yield from _problems(scope, problems)


def stocktake(
    plan: Plan, year: int, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Iterator[Block]:
    """Yield the blocks of the year-end stocktake of a plan for a unit's scope."""
    as_of = data.year_end(year, now)
    title = _("Report on the implementation of %(plan)s in %(year)s") % {"plan": plan.label, "year": year}
    period_text = _("In %(year)s") % {"year": year}
    yield from _review(
        plan=plan,
        scope_unit=scope_unit,
        years=[year],
        as_of=as_of,
        title=title,
        period_text=period_text,
        progress=progress,
        year=year,
    )
