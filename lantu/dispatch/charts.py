"""ECharts options of the dispatch pages, built from the selectors' figures."""

from django.utils.translation import gettext as _

from lantu.dispatch.overview import Group, Overview
from lantu.lib.charts import PALETTE, STATUS_COLORS, BarSeries, bars


def _completion_bars(groups: list[Group], share) -> dict:
    names = [group.label for group in groups]
    rates = [group.completion.rate for group in groups]
    return bars(
        names,
        [
            BarSeries(
                _("Completion rate (%)"),
                rates,
                color=PALETTE[0],
                labels=[f"{rate:.0f}%" if rate is not None else "—" for rate in rates],
            ),
            BarSeries(
                _("Time elapsed (%)"),
                [float(share * 100)] * len(groups),
                color=STATUS_COLORS["no_data"],
                kind="line",
            ),
        ],
        horizontal=True,
    )


def overview_charts(figures: Overview) -> dict:
    """Return the overview's charts: counties, departments, clusters, timeliness."""
    share = figures.total.share
    return {
        "counties": _completion_bars(figures.counties, share),
        "departments": _completion_bars(figures.departments, share),
        "clusters": _completion_bars(figures.clusters, share),
        "timeliness": bars(
            [unit.label for unit, *_rest in figures.timeliness],
            [
                BarSeries(
                    _("On-time rate (%)"), [rate for *_rest, rate in figures.timeliness], color=PALETTE[1]
                )
            ],
            horizontal=True,
        ),
    }


def unit_charts(figures: Overview) -> dict:
    """Return a unit's chart: the completion of each of its projects against time."""
    rows = sorted([*figures.lagging, *figures.leading], key=lambda row: row.code)
    return {
        "projects": bars(
            [row.name[:14] for row in rows],
            [BarSeries(_("Completion rate (%)"), [row.completion.rate for row in rows], color=PALETTE[0])],
            horizontal=True,
        )
    }
