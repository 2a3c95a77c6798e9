"""Helpers the Word exporters share: labels and numbers as a report writes them."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lantu.core.units import wan_to_yi
from lantu.indicators.display import progress_text
from lantu.indicators.models import Indicator, TargetVersion
from lantu.indicators.versions import is_revised
from lantu.lib.charts import STATUS_LABELS
from lantu.lib.templatetags.lantu import DASH, format_number, target_text
from lantu.reports.document import Image
from lantu.reports.exporters import data
from lantu.reports.renderers import charts

QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$")
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
HALF = re.compile(r"^(\d{4})-?H([12])$")


def period_text(period: str) -> str:
    """Return a period label as a reader writes it: 2026年, 2026年第3季度, 2026年10月 (no break inside)."""
    period = str(period).strip()
    if match := QUARTER.match(period):
        text = _("Q%(quarter)s %(year)s") % {"year": match[1], "quarter": match[2]}
    elif match := MONTH.match(period):
        month = int(match[2])
        values = {"year": match[1], "month": month, "mm": f"{month:02d}"}
        text = pgettext("month label", "%(year)s-%(mm)s") % values
    elif match := HALF.match(period):
        text = _("H%(half)s %(year)s") % {"year": match[1], "half": match[2]}
    elif period.isdigit() and len(period) == 4:
        text = pgettext("year label", "%(year)s") % {"year": period}
    else:
        text = period
    return text.replace(" ", "\u00a0")  # a label never wraps inside


STATUS_ORDER = ("off_track", "lagging", "on_track", "ahead", "no_data")
LAGGING = ("lagging", "off_track")
BINDING_MARK = "★"
LISTED = 30  # longer lists belong in the ledgers


def more_in_ledger(listed: int, count: int) -> str:
    """Return the note under a shortened list."""
    return _("The first %(listed)s of %(count)s are listed; the ledger has them all.") % {
        "listed": listed,
        "count": count,
    }


def status_text(status: str) -> str:
    """Return the label of a status."""
    return str(STATUS_LABELS.get(str(status), status))


def yi(amount: Decimal) -> str:
    """Return an amount in 万元 as 亿元 with two decimals."""
    return format_number(wan_to_yi(amount), 2)


def percent(value: Decimal | float | None) -> str:
    """Return a percentage with one decimal, or a dash."""
    return DASH if value is None else f"{format_number(value, 1)}%"


def rounded(value: float | None) -> str:
    """Return a computed value with as many decimals as its size warrants: 1.75, 125.2, 5,312."""
    if value is None:
        return DASH
    return format_number(value, 2 if abs(value) < 100 else 1 if abs(value) < 1000 else 0)


def attribute_text(indicator: Indicator) -> str:
    """Return 约束性★ or 预期性."""
    if indicator.attribute == Indicator.Attribute.BINDING:
        return pgettext("indicator attribute", "binding") + BINDING_MARK
    return pgettext("indicator attribute", "expected")


def indicator_row(figure: data.IndicatorFigure) -> list[str]:
    """Return the cells of an indicator in the stocktake's table."""
    indicator, status = figure.indicator, figure.status
    latest = status.latest
    actual = f"{format_number(latest.value)}\n{period_text(latest.period)}" if latest else DASH
    expected = rounded(status.expected)
    # Growth targets read as realised average annual growth against the target rate.
    achievement = progress_text(status, places=1)
    return [
        indicator.name,
        indicator.unit,
        attribute_text(indicator),
        f"{format_number(indicator.baseline_value)}\n{period_text(str(indicator.baseline_year))}",
        target_cell(figure),
        expected,
        actual,
        achievement,
        status_text(status.status),
    ]


def short_target(indicator: Indicator, version: TargetVersion | None) -> str:
    """Return a target as a table cell writes it: the bare value of a level, else in words."""
    spec = version or indicator
    if spec.target_value is not None and spec.target_kind == Indicator.TargetKind.LEVEL:
        return format_number(spec.target_value)
    return target_text(spec)


def version_note(version: TargetVersion | None) -> str:
    """Return which adjusted target a row is measured against, or "" for the plan's original target."""
    if version is None or not is_revised(version):
        return ""
    return _("per %(label)s %(month)s") % {
        "label": version.label,
        "month": version.adopted_on.strftime("%Y-%m"),
    }


ADJUSTED_MARK = "※"


def target_cell(figure: data.IndicatorFigure) -> str:
    """Return the target a row is measured against, marked when adjusted (see adjustment_note)."""
    indicator, version = figure.indicator, figure.status.version
    target = short_target(indicator, version)
    return f"{target}{ADJUSTED_MARK}" if version_note(version) and figure.original is not None else target


def adjustment_note(figure: data.IndicatorFigure) -> str:
    """Return the note under a table on an adjusted target: which adjustment, the original, its status."""
    note = version_note(figure.status.version)
    if not note or figure.original is None:
        return ""
    original = figure.original
    return _("%(mark)s %(name)s: measured %(note)s; original target %(target)s, %(status)s against it.") % {
        "mark": ADJUSTED_MARK,
        "name": figure.indicator.name,
        "note": note,
        "target": short_target(figure.indicator, original.version),
        "status": status_text(original.status),
    }


INDICATOR_WIDTHS = (26, 11, 15, 16, 18, 13, 27, 15, 15)  # the actual's period fits on one line


def indicator_columns() -> list[str]:
    """Return the headers of the indicator table."""
    return [
        _("Indicator"),
        _("Unit"),
        _("Attribute"),
        _("Baseline"),
        _("Target"),
        _("Expected by now"),
        _("Actual"),
        _("Achievement or average growth"),
        _("Status"),
    ]


def county_investment_chart(groups: list[tuple[str, Decimal, Decimal]], caption: str) -> Image:
    """Return the bar chart of planned and completed investment (万元, shown in 亿元) per county."""
    png = charts.investment_bars(
        [label for label, _planned, _completed in groups],
        [float(wan_to_yi(planned)) for _label, planned, _completed in groups],
        [float(wan_to_yi(completed)) for _label, _planned, completed in groups],
        unit=_("亿元"),
        planned_label=_("Planned"),
        completed_label=pgettext("investment", "Completed"),
    )
    return Image(png, width=150, caption=caption)
