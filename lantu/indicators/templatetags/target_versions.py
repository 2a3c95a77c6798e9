"""Template filters for target versions: what a status is measured against."""

from django import template

from lantu.indicators.models import Indicator, Observation
from lantu.indicators.versions import is_revised, version_text

register = template.Library()


@register.filter
def measured_against(version) -> str:
    """Return 规划原目标 or 中期调整（第2版，2026-06通过） for a version, or "" without one."""
    return version_text(version) if version is not None else ""


@register.filter
def revised(version) -> bool:
    """Return whether a version is an adjustment of the plan's original target."""
    return version is not None and is_revised(version)


@register.simple_tag
def target_kind_choices() -> list[tuple[str, str]]:
    """Return the target kinds as (value, label) pairs for a select."""
    return list(Indicator.TargetKind.choices)


@register.simple_tag
def vintage_choices() -> list[tuple[str, str]]:
    """Return the data vintages as (value, label) pairs for a select, oldest first."""
    return list(Observation.Vintage.choices)
