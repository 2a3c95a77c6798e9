"""ECharts options of the dashboard: the status donut and the project and plan bars (the only place built)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantu.core.units import wan_to_yi
from lantu.indicators.selectors import STATUS_ORDER
from lantu.lib import charts
from lantu.plans.models import PlanItem


def status_chart(status_counts: dict[str, int]) -> dict:
    """Return the status donut; a click on a slice opens the indicators with that status."""
    slices = [
        charts.Slice(
            str(charts.STATUS_LABELS[status]),
            status_counts.get(status, 0),
            charts.STATUS_COLORS[status],
            status,
        )
        for status in STATUS_ORDER
        if status_counts.get(status, 0)
    ]
    option = charts.donut(slices, total_label=_("indicators"))
    option["link"] = reverse("indicators:list") + "?status={key}"
    return option


def _count_labels(rows: list[dict]) -> list[str]:
    return [
        ngettext("%(count)s project", "%(count)s projects", r["count"]) % {"count": r["count"]} for r in rows
    ]


def investment_chart(rows: list[dict], *, horizontal: bool, color: str) -> dict:
    """Return bars of total investment in 亿元, each labelled with its number of projects."""
    return charts.bars(
        [str(row["label"]) for row in rows],
        [
            charts.BarSeries(
                _("Total investment (100 million yuan)"),
                [round(wan_to_yi(r["investment"]), 1) for r in rows],
                color=color,
                labels=_count_labels(rows),
            )
        ],
        horizontal=horizontal,
    )


def goal_chart(rows: list[dict]) -> dict:
    levels = [PlanItem.Level.MEASURE, PlanItem.Level.ACTION, PlanItem.Level.TASK]
    return charts.bars(
        [f"{row['code']} {row['title'][:14]}" for row in rows],
        [
            charts.BarSeries(
                str(level.label),
                [row["counts"][level.value] for row in rows],
                charts.LEVEL_COLORS[i + 1],
                "items",
            )
            for i, level in enumerate(levels)
            if any(row["counts"][level.value] for row in rows)
        ],
        horizontal=True,
    )


def dashboard_charts(
    status_counts: dict[str, int], counties: list[dict], stages: list[dict], goals: list[dict]
) -> dict:
    """Return every chart of the dashboard, by name."""
    return {
        "status": status_chart(status_counts),
        "county": investment_chart(counties, horizontal=False, color=charts.PALETTE[0]),
        "stage": investment_chart(stages, horizontal=True, color=charts.PALETTE[1]),
        "goals": goal_chart(goals),
    }


def region_charts(rows: list) -> dict:
    """Return the region dashboard's charts: completion and timeliness, and indicator statuses."""
    names = [row.unit.label for row in rows]
    compare = charts.bars(
        names,
        [
            charts.BarSeries(
                _("Investment completion (%)"),
                [row.investment.rate if row.investment else None for row in rows],
                color=charts.PALETTE[0],
            ),
            charts.BarSeries(
                _("Time progress (%)"),
                [row.investment.share_of_time * 100 if row.investment else None for row in rows],
                color=charts.PALETTE[3],
                kind="line",
            ),
            charts.BarSeries(
                _("Reports on time (%)"), [row.timeliness for row in rows], color=charts.PALETTE[1]
            ),
        ],
    )
    statuses = charts.bars(
        names,
        [
            charts.BarSeries(
                str(charts.STATUS_LABELS[status]),
                [row.statuses.get(str(status), 0) for row in rows],
                color=charts.STATUS_COLORS[status],
                stack="status",
            )
            for status in STATUS_ORDER
        ],
        horizontal=True,
    )
    return {"compare": compare, "statuses": statuses}
