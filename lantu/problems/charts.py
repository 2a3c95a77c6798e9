"""ECharts options of the problems ledger, built from the selectors' figures."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.lib.charts import STATUS_COLORS, BarSeries, Slice, bars, donut
from lantu.problems.selectors import ProblemFigures


def problem_charts(figures: ProblemFigures) -> dict:
    """Return the ledger's charts: open problems by factor and by unit."""
    return {
        "factors": donut(
            [Slice(row["label"], row["open"]) for row in figures.by_factor if row["open"]],
            total_label=pgettext("problems", "open"),
        ),
        "units": bars(
            [row["label"] for row in figures.by_unit[:15]],
            [
                BarSeries(
                    pgettext("problems", "open"),
                    [row["open"] for row in figures.by_unit[:15]],
                    color=STATUS_COLORS["lagging"],
                    stack="n",
                ),
                BarSeries(
                    _("solved"),
                    [row["solved"] for row in figures.by_unit[:15]],
                    color=STATUS_COLORS["on_track"],
                    stack="n",
                ),
            ],
            horizontal=True,
            counts=True,
        ),
    }
