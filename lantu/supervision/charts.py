"""ECharts options of the supervision pages."""

from django.utils.translation import gettext as _

from lantu.lib.charts import PALETTE, STATUS_COLORS, BarSeries, bars
from lantu.supervision.selectors import OrderFigures


def by_unit_chart(figures: OrderFigures) -> dict:
    """Return the orders of each unit stacked: open in time, overdue, closed on time, closed late."""
    rows = figures.by_unit
    return bars(
        [row.label for row in rows],
        [
            BarSeries(_("Open, not overdue"), [row.open - row.overdue for row in rows], PALETTE[0], "n"),
            BarSeries(_("Overdue"), [row.overdue for row in rows], STATUS_COLORS["off_track"], "n"),
            BarSeries(
                _("Closed on time"), [row.closed_on_time for row in rows], STATUS_COLORS["on_track"], "n"
            ),
            BarSeries(_("Closed late"), [row.closed_late for row in rows], STATUS_COLORS["lagging"], "n"),
        ],
        horizontal=True,
        counts=True,  # orders are counted: no fractional ticks
    )
