"""Ledgers (台账) as streams of rows: key tasks, indicators, major projects and problems."""

from collections.abc import Iterator
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.core.status import Status
from lantu.indicators.models import Indicator
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.problems import selectors as problem_selectors
from lantu.reports.document import Column, GroupRow, Ledger, Progress, Row, no_progress
from lantu.reports.exporters import data
from lantu.reports.exporters.common import attribute_text, status_text, target_text, version_note

MONEY = "#,##0.00"
NUMBER = "#,##0.####"
PERCENT = "0.0%"


def _subtitle(scope: data.Scope) -> str:
    return _("%(unit)s · as of %(date)s") % {
        "unit": scope.unit.name,
        "date": date_format(scope.as_of_date, "DATE_FORMAT"),
    }


def task_ledger(
    plan: Plan, year: int, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Ledger:
    """Return the task decomposition ledger, grouped by goal."""
    scope = data.scope_for(plan, scope_unit, data.year_end(year, now))
    columns = [
        Column(_("No."), 6),
        Column(_("Task"), 48),
        Column(_("Lead unit"), 18),
        Column(_("Partner units"), 24),
        Column(_("Deadline"), 12, "yyyy-mm-dd"),
        Column(pgettext("task ledger", "Progress"), 40),
        Column(_("Status"), 10),
    ]

    def rows() -> Iterator[Row | GroupRow]:
        items = data.plan_items(scope)
        by_id = {item.pk: item for item in items}
        tasks = [i for i in items if i.level == "task" and data.task_in_scope(scope, i)]
        figures = data.task_figures(scope, tasks)
        progress(40, _("Reading tasks"))
        goal_of: dict[int, int | None] = {}
        for item in items:
            parent = by_id.get(item.parent_id) if item.parent_id else None
            goal_of[item.pk] = item.pk if parent is None else goal_of.get(parent.pk)
        current_goal, number = None, 0
        for index, task in enumerate(tasks):
            goal = by_id.get(goal_of.get(task.pk))
            if goal is not None and goal.pk != current_goal:
                current_goal = goal.pk
                yield GroupRow(f"{goal.code} {goal.title}")
            figure = figures[task.pk]
            number += 1
            done = (
                ""
                if figure.progress is None
                else _("%(progress)s%% complete") % {"progress": figure.progress}
            )
            text = "；".join(part for part in (done, figure.narrative) if part)
            yield Row(
                [
                    number,
                    f"{task.code} {task.title}",
                    task.lead_unit.label if task.lead_unit else "",
                    "、".join(u.label for u in task.partner_units.all()),
                    task.deadline,
                    text,
                    status_text(figure.status),
                ],
                figure.status,
            )
            progress(40 + 50 * (index + 1) // max(len(tasks), 1), _("Writing tasks"))

    title = _("Ledger of key tasks of %(plan)s") % {"plan": plan.name}
    return Ledger(title, _subtitle(scope), columns, rows(), status_column=6)


def indicator_ledger(
    plan: Plan, year: int, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Ledger:
    """Return the indicator ledger, grouped by attribute (binding first)."""
    scope = data.scope_for(plan, scope_unit, data.year_end(year, now))
    columns = [
        Column(_("No."), 6),
        Column(_("Indicator"), 34),
        Column(_("Unit"), 10),
        Column(_("Attribute"), 10),
        Column(_("Baseline"), 12, NUMBER),
        Column(_("Target"), 22),
        Column(_("Expected by now"), 14, NUMBER),
        Column(_("Actual"), 12, NUMBER),
        Column(_("Period"), 10),
        Column(_("Achievement"), 12, PERCENT),
        Column(_("Status"), 10),
        Column(_("Responsible unit"), 18),
        Column(_("Measured against"), 20),
    ]

    def rows() -> Iterator[Row | GroupRow]:
        figures = data.indicators(scope)
        progress(50, _("Reading indicators"))
        number = 0
        for attribute, label in (
            (Indicator.Attribute.BINDING, _("Binding indicators")),
            (Indicator.Attribute.EXPECTED, _("Expected indicators")),
        ):
            group = [f for f in figures if f.indicator.attribute == attribute]
            if not group:
                continue
            yield GroupRow(label)
            for f in group:
                number += 1
                latest = f.status.latest
                yield Row(
                    [
                        number,
                        f.indicator.name,
                        f.indicator.unit,
                        attribute_text(f.indicator),
                        f.indicator.baseline_value,
                        target_text(f.status.version or f.indicator),
                        f.status.expected,
                        latest.value if latest else None,
                        latest.period if latest else "",
                        f.status.achievement,
                        status_text(f.status.status),
                        f.indicator.responsible_unit.label,
                        version_note(f.status.version) or _("original target"),
                    ],
                    str(f.status.status),
                )

    title = _("Ledger of indicators of %(plan)s") % {"plan": plan.name}
    return Ledger(title, _subtitle(scope), columns, rows(), status_column=10)


def project_ledger(
    plan: Plan, year: int, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Ledger:
    """Return the major project ledger of a year, grouped by county."""
    scope = data.scope_for(plan, scope_unit, data.year_end(year, now))
    columns = [
        Column(_("No."), 6),
        Column(_("Code"), 12),
        Column(_("Project"), 36),
        Column(_("Lead unit"), 16),
        Column(_("Cluster"), 16),
        Column(_("Stage"), 10),
        Column(_("Total investment (万元)"), 16, MONEY),
        Column(_("Planned this year (万元)"), 16, MONEY),
        Column(_("Completed this year (万元)"), 16, MONEY),
        Column(_("Completion"), 10, PERCENT),
        Column(_("Last report"), 10),
        Column(_("Status"), 10),
    ]

    def rows() -> Iterator[Row | GroupRow]:
        figures = data.project_figures(scope, [year])
        progress(50, _("Reading projects"))
        county, number = None, 0
        for f in sorted(
            figures, key=lambda f: (f.project.county.order, f.project.county.code, f.project.code)
        ):
            if f.project.county_id != county:
                county = f.project.county_id
                yield GroupRow(f.project.county.name)
            number += 1
            rate = f.completion.rate
            yield Row(
                [
                    number,
                    f.project.code,
                    f.project.name,
                    f.project.lead_unit.label,
                    f.project.cluster.name if f.project.cluster else "",
                    f.project.get_stage_display(),
                    f.project.total_investment,
                    f.planned,
                    f.completed,
                    None if rate is None else rate / 100,
                    f.last_period,
                    status_text(f.status),
                ],
                f.status,
            )

    title = _("Ledger of major projects of %(plan)s in %(year)s") % {"plan": plan.name, "year": year}
    return Ledger(title, _subtitle(scope), columns, rows(), status_column=11)


def problem_ledger(
    plan: Plan, year: int, scope_unit: OrgUnit, now: datetime, progress: Progress = no_progress
) -> Ledger:
    """Return the problems ledger, open problems first, grouped by factor."""
    scope = data.scope_for(plan, scope_unit, data.year_end(year, now))
    columns = [
        Column(_("No."), 6),
        Column(_("Problem"), 36),
        Column(_("Project"), 30),
        Column(_("County"), 12),
        Column(_("Urgency"), 8),
        Column(_("Asked of"), 16),
        Column(pgettext("problems", "Raised"), 12, "yyyy-mm-dd"),
        Column(pgettext("problems", "Due"), 12, "yyyy-mm-dd"),
        Column(pgettext("problems", "State"), 10),
        Column(_("Resolution"), 30),
    ]

    def rows() -> Iterator[Row | GroupRow]:
        problems = list(data.problems(scope))
        progress(50, _("Reading problems"))
        number = 0
        for factor, label in data.Problem.Factor.choices:
            group = [p for p in problems if p.factor == factor]
            if not group:
                continue
            yield GroupRow(str(label))
            for p in group:
                number += 1
                still_open = data.problem_open(p, scope.as_of)
                overdue = problem_selectors.problem_days_overdue(p, on=scope.as_of_date) > 0
                yield Row(
                    [
                        number,
                        p.title,
                        p.project.name,
                        p.project.county.label,
                        p.get_urgency_display(),
                        p.unit.label,
                        timezone.localtime(p.raised_at).date(),
                        p.due_date,
                        p.get_state_display(),
                        p.resolution,
                    ],
                    Status.OFF_TRACK if overdue else (Status.ON_TRACK if not still_open else ""),
                )

    title = _("Ledger of problems of %(plan)s") % {"plan": plan.name}
    return Ledger(title, _subtitle(scope), columns, rows(), status_column=8)
