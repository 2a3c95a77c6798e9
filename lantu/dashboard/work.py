"""The actor's own work on the dashboard: what a reporter owes, what waits for a planner's review.

Every figure here is the actor's (its unit and the units below it); each comes from the app that owns
the data, and "overdue" from core.overdue through those apps.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.dispatch import work_selectors as dispatch_work
from lantu.indicators import work_selectors as indicator_work
from lantu.orgs.access import Actor
from lantu.problems import selectors as problem_selectors
from lantu.supervision import selectors as order_selectors

SHOWN = 8  # rows per section; the counts say how many in all


@dataclass(frozen=True)
class Row:
    """One line of a work section: what, when due, how late, in what state, and where to act on it."""

    title: str
    url: str
    kind: str = ""  # what sort of item, when a section mixes several
    code: str = ""
    note: str = ""  # the project, the unit or the indicator's unit
    period: str = ""
    due: date | None = None
    days_overdue: int = 0
    state: str = ""  # a badge class
    state_label: str = ""
    reason: str = ""

    @property
    def meta(self) -> list[str]:
        """Return the parts of the line under the title: kind, period and note, those given."""
        return [str(part) for part in (self.kind, self.period, self.note) if part]


@dataclass(frozen=True)
class Section:
    """A panel of the actor's work: its rows (the first few), how many in all and how many overdue."""

    key: str
    title: str
    total: int
    rows: list[Row]
    empty: str
    link: str
    link_label: str
    overdue: int = 0
    parts: list[tuple[str, int, str]] = field(default_factory=list)  # count and page by kind, when mixed


@dataclass(frozen=True)
class Work:
    """The actor's own work, first on the dashboard; no sections for a leader."""

    sections: list[Section]

    @property
    def total(self) -> int:
        """Return how many items in all wait for the actor."""
        return sum(section.total for section in self.sections)


def _state_label(state: str | None) -> str:
    return {"draft": _("draft"), "returned": _("returned")}.get(state or "", "")


def _reports_owed(actor: Actor, today: date) -> Section:
    owed = dispatch_work.reports_owed(actor=actor, today=today, limit=SHOWN)
    rows = [
        Row(
            title=row.name,
            url=reverse("projects:report_edit", args=[row.pk, row.period])
            if row.kind == "project"
            else reverse("projects:task_report", args=[row.pk, row.period]),
            kind=_("project") if row.kind == "project" else _("key task"),
            code=row.code,
            period=row.period,
            due=row.deadline,
            days_overdue=row.days_overdue,
            state=row.state or "",
            state_label=_state_label(row.state),
        )
        for row in owed.rows
    ]
    return Section(
        key="reports",
        title=_("Reports due and overdue"),
        total=owed.due + owed.overdue,
        overdue=owed.overdue,
        rows=rows,
        empty=_("Nothing to report for the open periods."),
        link=reverse("projects:unit"),
        link_label=_("My unit's dispatch page"),
    )


def _values_to_enter(actor: Actor, today: date) -> Section:
    due = indicator_work.values_to_enter(actor=actor, today=today)
    rows = [
        Row(
            title=row.indicator.name,
            url=reverse("indicators:entry") + f"?period={row.period}",
            code=row.indicator.code,
            period=row.period,
            note=row.indicator.unit,
            state=row.state or "",
            state_label=_state_label(row.state),
        )
        for row in due[:SHOWN]
    ]
    return Section(
        key="values",
        title=_("Values to enter"),
        total=len(due),
        rows=rows,
        empty=_("Every indicator you are responsible for has its latest value."),
        link=reverse("indicators:entry"),
        link_label=_("Data entry"),
    )


def _returned(actor: Actor) -> Section:
    values = indicator_work.values_returned(actor=actor)
    reports = dispatch_work.reports_returned(actor=actor)
    rows = [
        Row(
            title=o.indicator.name,
            url=reverse("indicators:detail", args=[o.indicator_id]) + "#observations",
            kind=_("indicator value"),
            period=o.period,
            reason=o.return_reason,
            state="returned",
        )
        for o in values
    ] + [
        Row(
            title=r.name,
            url=reverse("projects:report_edit", args=[r.subject_pk, r.period])
            if r.kind == "project"
            else reverse("projects:task_report", args=[r.subject_pk, r.period]),
            kind=_("progress report") if r.kind == "project" else _("task report"),
            period=r.period,
            reason=r.reason,
            state="returned",
        )
        for r in reports
    ]
    projects = sum(1 for r in reports if r.kind == "project")
    unit_page = reverse("projects:unit")
    parts = [
        (_("indicator values"), len(values), reverse("indicators:entry")),
        (_("progress reports"), projects, unit_page),
        (_("task reports"), len(reports) - projects, unit_page),
    ]
    return Section(
        key="returned",
        title=_("Returned to you"),
        total=len(rows),
        rows=rows[:SHOWN],
        empty=_("Nothing has been returned to you."),
        link=reverse("projects:unit"),
        link_label=_("My unit's dispatch page"),
        parts=[part for part in parts if part[1]],
    )


def _orders(actor: Actor, now: datetime) -> Section:
    found = order_selectors.unit_orders(actor=actor, now=now, limit=SHOWN)
    rows = [
        Row(
            title=order.title,
            url=reverse("supervision:detail", args=[order.pk]),
            due=order.deadline,
            days_overdue=late,
            state=f"order-{order.state}",
            state_label=order.get_state_display(),
        )
        for order, late in found.rows
    ]
    return Section(
        key="orders",
        title=_("Supervision orders to your unit"),
        total=found.open,
        overdue=found.overdue,
        rows=rows,
        empty=_("No open supervision order to your unit."),
        link=reverse("supervision:list") + "?show=open",
        link_label=_("All supervision orders"),
    )


def _problems(actor: Actor, today: date) -> Section:
    found = problem_selectors.unit_problems(actor=actor, on=today, limit=SHOWN)
    rows = [
        Row(
            title=problem.title,
            url=reverse("projects:problem", args=[problem.pk]),
            note=problem.project.name,
            due=problem.due_date,
            days_overdue=late,
            state=problem.state,
            state_label=problem.get_state_display(),
        )
        for problem, late in found.rows
    ]
    return Section(
        key="problems",
        title=_("Problems to solve"),
        total=found.open,
        overdue=found.overdue,
        rows=rows,
        empty=_("No open problem is asked of your unit."),
        link=reverse("projects:problems") + "?state=active",
        link_label=_("Problems ledger"),
    )


def _review_queue(actor: Actor) -> Section:
    values = indicator_work.values_to_review(actor=actor)
    reports, task_reports = dispatch_work.reports_to_review(actor=actor)
    answers = order_selectors.answers_to_review(actor=actor)
    counts = [len(values), reports.count(), task_reports.count(), answers.count()]
    rows = [
        *(
            Row(
                title=o.indicator.name,
                url=reverse("indicators:review"),
                kind=_("indicator value"),
                note=o.indicator.responsible_unit.label,
                period=o.period,
            )
            for o in values[:SHOWN]
        ),
        *(
            Row(
                title=r.project.name,
                url=reverse("projects:report", args=[r.pk]),
                kind=_("progress report"),
                note=r.project.lead_unit.label,
                period=r.period,
            )
            for r in reports[:SHOWN]
        ),
        *(
            Row(
                title=r.item.title,
                url=reverse("projects:task_report", args=[r.item_id, r.period]),
                kind=_("task report"),
                note=r.item.lead_unit.label if r.item.lead_unit else "",
                period=r.period,
            )
            for r in task_reports[:SHOWN]
        ),
        *(
            Row(
                title=o.title,
                url=reverse("supervision:detail", args=[o.pk]),
                kind=_("answer to a supervision order"),
                note=o.unit.label,
                due=o.deadline,
            )
            for o in answers[:SHOWN]
        ),
    ]
    labels = [_("indicator values"), _("progress reports"), _("task reports"), _("supervision answers")]
    pages = [
        reverse("indicators:review"),
        reverse("projects:review"),
        reverse("projects:review"),
        reverse("supervision:list") + "?show=responded",
    ]
    return Section(
        key="review",
        title=_("Waiting for your review"),
        total=sum(counts),
        rows=rows[:SHOWN],
        empty=_("Nothing waits for your review."),
        link=reverse("projects:review"),
        link_label=_("Review queue"),
        parts=[(label, n, page) for label, n, page in zip(labels, counts, pages, strict=True) if n],
    )


def work(actor: Actor, *, now: datetime) -> Work:
    """Return the actor's own work: a reporter's reports, values, returns, orders, problems; else a queue."""
    today = timezone.localdate(now)
    if actor.is_reporter:
        return Work(
            [
                _reports_owed(actor, today),
                _values_to_enter(actor, today),
                _returned(actor),
                _orders(actor, now),
                _problems(actor, today),
            ]
        )
    if actor.is_planner or actor.is_admin:
        return Work([_review_queue(actor)])
    return Work([])
