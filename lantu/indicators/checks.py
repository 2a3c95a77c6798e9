"""Plausibility checks that flag a reported value for the reviewer instead of accepting it silently."""

from decimal import Decimal

from django.utils.translation import gettext as _

from lantu.indicators.models import Indicator, Observation
from lantu.indicators.periods import normalize_period
from lantu.indicators.status import latest_vintages

JUMP_SHARE = Decimal("0.5")


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")


def jump_flags(previous: Decimal | None, value: Decimal) -> list[str]:
    """Return the flags of a value against the previous period's: a jump over 50 %, a sign change."""
    if previous is None:
        return []
    flags = []
    if (previous > 0 > value) or (previous < 0 < value):
        flags.append(
            _("sign changed against the previous period (%(previous)s)") % {"previous": _plain(previous)}
        )
    elif previous != 0 and abs(value - previous) / abs(previous) > JUMP_SHARE:
        share = (value - previous) / abs(previous) * 100
        flags.append(
            _("changed by %(share)s%% against the previous period (%(previous)s)")
            % {"share": f"{share:+.0f}", "previous": _plain(previous)}
        )
    return flags


def previous_value(indicator: Indicator, observation: Observation) -> Decimal | None:
    """Return the approved value of the nearest earlier period of the same kind, else the baseline."""
    label = normalize_period(observation.period)
    kind = "annual" if label.isdigit() else ("quarterly" if "Q" in label else "monthly")
    approved = (
        Observation.objects.in_force()
        .filter(indicator=indicator, period_end__lt=observation.period_end)
        .exclude(pk=observation.pk)
    )
    earlier = reversed(latest_vintages(approved))  # a revised value replaces its preliminary one
    year = observation.period_end.year
    for candidate in earlier:
        candidate_kind = (
            "annual"
            if candidate.period.isdigit()
            else ("quarterly" if "Q" in candidate.period else "monthly")
        )
        if candidate_kind == kind:
            # The baseline is nearer than a value from before the baseline year.
            if kind == "annual" and candidate.period_end.year < indicator.baseline_year < year:
                return indicator.baseline_value
            return candidate.value
    if kind == "annual" and year == indicator.baseline_year + 1:
        return indicator.baseline_value
    return None


def observation_flags(observation: Observation) -> list[str]:
    """Return the reviewer's warnings for an observation."""
    return jump_flags(previous_value(observation.indicator, observation), observation.value)
