"""Drafted analysis in official style: achievements, problems, their causes and the next steps, from the data.

Every figure a sentence states comes from the function the pages use: indicator status from
`indicators.status.indicator_status` (through `data.indicators`), investment from
`dispatch.figures.investment_ytd` (through `data.investment`), task status from `core.progress.task_status`
(through `data.task_figures`), orders from `supervision.selectors.month_orders`.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.dispatch.figures import reports_in_force
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import approved_until
from lantu.lib.templatetags.lantu import format_number
from lantu.projects.models import Project
from lantu.reports.document import Block, Heading, Paragraph, Table, Title
from lantu.reports.exporters import data
from lantu.reports.exporters.common import LAGGING, percent, period_text, rounded, status_text, yi
from lantu.supervision.selectors import MonthOrders, month_orders

QUOTED = re.compile(r"(?<!“)(十[一二三四五六七八九]五)(?!”)")
LISTED_IN_TEXT = 5  # a sentence names at most this many items; the tables list them all


def quote_names(text: str) -> str:
    """Return a text with the plan periods' names in quotation marks: “十五五”规划, “十四五”时期."""
    return QUOTED.sub(r"“\1”", text)


def with_quoted_names(blocks: Iterable[Block]) -> Iterator[Block]:
    """Yield blocks whose titles, headings, paragraphs and table captions quote the plan periods' names."""
    for block in blocks:
        if isinstance(block, Title):
            yield Title(quote_names(block.text), quote_names(block.subtitle))
        elif isinstance(block, Heading):
            yield Heading(quote_names(block.text), block.level)
        elif isinstance(block, Paragraph):
            yield Paragraph(quote_names(block.text), block.note)
        elif isinstance(block, Table):
            rows = [[quote_names(v) if isinstance(v, str) else v for v in row] for row in block.rows]
            yield Table(
                block.columns, rows, block.widths, quote_names(block.caption), block.notes, block.numeric
            )
        else:
            yield block


def _names(names: list[str]) -> str:
    shown = "、".join(names[:LISTED_IN_TEXT])
    return shown + (_(" and others") if len(names) > LISTED_IN_TEXT else "")


# 主要成效 -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """An indicator's latest approved value against the one a year before it, with its source."""

    figure: data.IndicatorFigure
    latest: Observation
    previous: Decimal | None
    source: str

    @property
    def points(self) -> bool:
        """Return whether the change is told in percentage points (the value is itself a percentage)."""
        return self.figure.indicator.unit.strip() in ("%", "％")

    @property
    def change(self) -> Decimal | None:
        if self.previous is None:
            return None
        if self.points:
            return self.latest.value - self.previous
        return None if not self.previous else (self.latest.value / self.previous - 1) * 100


def year_on_year(figure: data.IndicatorFigure, as_of: datetime) -> Change | None:
    """Return the change of an indicator's latest value over the value of the year before, or None."""
    latest = figure.status.latest
    if latest is None:
        return None
    indicator = figure.indicator
    year = int(str(latest.period)[:4]) - 1
    previous: Decimal | None = None
    if str(latest.period) == str(year + 1):
        observations = indicator.approved_observations  # type: ignore[attr-defined]  # with_approved()
        earlier = approved_until(observations, as_of)
        match = [o.value for o in earlier if str(o.period) == str(year)]
        previous = (
            match[-1] if match else (indicator.baseline_value if indicator.baseline_year == year else None)
        )
    return Change(figure, latest, previous, latest.data_source or indicator.data_source)


def change_text(change: Change) -> str:
    """Return a sentence part like 地区生产总值2661.06亿元，同比增长6.1%（数据来源：州统计局）."""
    indicator = change.figure.indicator
    text = _("%(name)s reached %(value)s %(unit)s in %(period)s") % {
        "name": indicator.name,
        "value": format_number(change.latest.value),
        "unit": indicator.unit,
        "period": period_text(change.latest.period),
    }
    delta = change.change
    if delta is not None:
        values = {"delta": format_number(abs(delta), 1 if not change.points else 2)}
        if change.points:
            text += (
                _(", up %(delta)s percentage points")
                if delta >= 0
                else _(", down %(delta)s percentage points")
            ) % values
        else:
            text += (
                _(", up %(delta)s%% year on year") if delta >= 0 else _(", down %(delta)s%% year on year")
            ) % values
    if change.source:
        text += _(" (source: %(source)s)") % {"source": change.source}
    return text


def achievements(
    scope: data.Scope, figures: list[data.IndicatorFigure], ytd, tasks: list[data.TaskFigure]
) -> Iterator[Block]:
    """Yield 主要成效: headline and on-track indicators with their change, investment, tasks on schedule."""
    yield Heading(_("Main achievements"))
    good = [f for f in figures if str(f.status.status) in ("on_track", "ahead")]
    chosen = sorted(good, key=lambda f: (not f.indicator.is_headline, f.indicator.order))
    changes = [c for c in (year_on_year(f, scope.as_of) for f in chosen) if c is not None]
    if changes:
        parts = [change_text(c) for c in changes[: LISTED_IN_TEXT + 1]]
        yield Paragraph(_("Indicators advanced as planned. %(parts)s.") % {"parts": _("; ").join(parts)})
    else:
        yield Paragraph(_("No indicator in scope has an approved value on track yet."))
    if ytd.total.planned:
        yield Paragraph(
            _(
                "Major projects were pushed forward: %(completed)s 亿元 of the %(planned)s 亿元 planned for "
                "the year was invested, %(rate)s of the plan (investment completion of the approved "
                "reports up to %(period)s)."
            )
            % {
                "completed": yi(ytd.total.completed),
                "planned": yi(ytd.total.planned),
                "rate": percent(ytd.total.rate),
                "period": period_text(ytd.period),
            }
        )
    reported = [t for t in tasks if t.progress is not None]
    on_schedule = [t for t in reported if t.status in ("on_track", "ahead")]
    if reported:
        yield Paragraph(
            _(
                "Of the %(count)s key tasks with an approved progress report, %(good)s keep pace with "
                "their time."
            )
            % {"count": len(reported), "good": len(on_schedule)}
        )


# 存在问题 -----------------------------------------------------------------------------------------


def _binding_first(figures: list[data.IndicatorFigure]) -> list[data.IndicatorFigure]:
    late = [f for f in figures if str(f.status.status) in LAGGING]
    return sorted(
        late, key=lambda f: (f.indicator.attribute != Indicator.Attribute.BINDING, f.indicator.order)
    )


def orders_as_of(scope: data.Scope) -> MonthOrders:
    """Return the plan's supervision orders in scope as they stood at the scope's moment."""
    start = (
        timezone.make_aware(datetime(scope.plan.start_year, 1, 1)) if timezone.is_aware(scope.as_of) else None
    )
    start = start or datetime(scope.plan.start_year, 1, 1)
    unit_ids = None if scope.whole else scope.units
    return month_orders(plan_id=scope.plan.pk, unit_ids=unit_ids, start=start, end=scope.as_of)


def problems_found(
    scope: data.Scope,
    figures: list[data.IndicatorFigure],
    projects: list[data.ProjectFigure],
    problems: list,
    orders: MonthOrders,
) -> Iterator[Block]:
    """Yield 存在问题: lagging indicators (binding first), projects behind, open problems, overdue orders."""
    yield Heading(pgettext("analysis", "Problems"))
    late = _binding_first(figures)
    if late:
        parts = []
        for f in late:
            binding = f.indicator.attribute == Indicator.Attribute.BINDING
            parts.append(
                (
                    _("the binding indicator %(name)s is %(status)s")
                    if binding
                    else _("%(name)s is %(status)s")
                )
                % {"name": f.indicator.name, "status": status_text(f.status.status)}
                + (
                    _(" (actual %(actual)s against %(expected)s expected by now)")
                    % {"actual": format_number(f.status.latest.value), "expected": rounded(f.status.expected)}
                    if f.status.latest is not None and f.status.expected is not None
                    else ""
                )
            )
        yield Paragraph(_("Some indicators lag: %(parts)s.") % {"parts": _("; ").join(parts)})
    behind = sorted((p for p in projects if p.status in LAGGING), key=lambda p: p.completion.rate or 0)
    if behind:
        yield Paragraph(
            _("%(count)s of %(total)s major projects invest behind the time elapsed, among them %(names)s.")
            % {
                "count": len(behind),
                "total": len(projects),
                "names": _names([p.project.name for p in behind]),
            }
        )
    still_open = [p for p in problems if data.problem_open(p, scope.as_of)]
    if still_open:
        yield Paragraph(
            _("%(count)s problems raised on the projects are still open, such as %(names)s.")
            % {"count": len(still_open), "names": _names([f"“{p.title}”" for p in still_open])}
        )
    if orders.overdue:
        yield Paragraph(
            _("%(count)s supervision orders are past their deadline without an answer: %(names)s.")
            % {
                "count": len(orders.overdue),
                "names": _names([f"{o.title}（{o.unit.label}）" for o in orders.overdue]),
            }
        )
    if not (late or behind or still_open or orders.overdue):
        yield Paragraph(_("No indicator, project, problem or supervision order in scope needs attention."))


# 原因分析 -----------------------------------------------------------------------------------------


def _quote(text: str, who: str, period: str) -> str:
    return _("“%(text)s” (%(who)s, report on %(period)s)") % {
        "text": text.strip().rstrip("。"),
        "who": who,
        "period": period_text(period),
    }


def causes(
    scope: data.Scope, projects: list[data.ProjectFigure], tasks: list[data.TaskFigure], problems: list
) -> Iterator[Block]:
    """Yield 原因分析 from the reporters' own words and the problem records, quoted and attributed."""
    yield Heading(_("Analysis of the causes"))
    said = []
    for task in (t for t in tasks if t.status in LAGGING and t.narrative):
        lead = task.item.lead_unit.label if task.item.lead_unit else ""
        said.append(_quote(task.narrative, lead, task.period))
    behind = {p.project.pk: p for p in projects if p.status in LAGGING}
    latest: dict[int, tuple[str, str]] = {}
    last = data.reported_until(scope.as_of_date)
    for report in (
        reports_in_force()
        .filter(project_id__in=behind, period__lte=last)
        .exclude(narrative="")
        .order_by("period")
    ):
        latest[report.project_id] = (report.narrative, report.period)
    for pk, (narrative, period) in latest.items():
        project: Project = behind[pk].project
        said.append(_quote(narrative, f"{project.name}，{project.lead_unit.label}", period))
    said = list(dict.fromkeys(said))  # one quote of what several tasks of a unit say alike
    if said:
        yield Paragraph(
            _("The units report: %(quotes)s.") % {"quotes": _("; ").join(said[: LISTED_IN_TEXT + 1])}
        )
    still_open = [p for p in problems if data.problem_open(p, scope.as_of)]
    if still_open:
        labels = dict(data.Problem.Factor.choices)
        by_factor: dict[str, list[str]] = {}
        for p in still_open:
            by_factor.setdefault(str(labels.get(p.factor, p.factor)), []).append(
                f"“{p.title}”（{p.unit.label}）"
            )
        parts = [
            _("%(factor)s: %(items)s") % {"factor": factor, "items": _names(items)}
            for factor, items in by_factor.items()
        ]
        yield Paragraph(
            _("The problems ledger records the obstacles by factor: %(parts)s.")
            % {"parts": _("; ").join(parts)}
        )
    if not said and not still_open:
        yield Paragraph(_("The units reported no cause of delay and no open problem."))


# 下一步工作 ---------------------------------------------------------------------------------------


def next_steps(
    scope: data.Scope, tasks: list[data.TaskFigure], orders: MonthOrders, year: int
) -> Iterator[Block]:
    """Yield 下一步工作: open orders to close, lagging tasks to speed up, projects due next year."""
    yield Heading(_("Next steps"))
    if orders.still_open:
        yield Paragraph(
            _("Close the open supervision orders: %(items)s.")
            % {
                "items": _names(
                    [
                        _("%(title)s (%(unit)s, by %(deadline)s)")
                        % {"title": o.title, "unit": o.unit.label, "deadline": o.deadline.isoformat()}
                        for o in orders.still_open
                    ]
                )
            }
        )
    lagging = [t for t in tasks if t.status in LAGGING]
    if lagging:
        items = [f"{t.item.title}（{t.item.lead_unit.label if t.item.lead_unit else ''}）" for t in lagging]
        yield Paragraph(
            _("Speed up the lagging key tasks: %(items)s, each to catch up with the time elapsed.")
            % {"items": _names(items)}
        )
    due = list(data.projects(scope).filter(end_year=year + 1).values_list("name", flat=True))
    if due:
        yield Paragraph(
            _("Prepare the completion of the %(count)s major projects due in %(year)s: %(names)s.")
            % {"count": len(due), "year": year + 1, "names": _names(due)}
        )
    yield Paragraph(
        _(
            "Keep monitoring every indicator against its path and report the lagging ones to the leaders "
            "every month."
        )
    )
