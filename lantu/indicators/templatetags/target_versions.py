"""Template filters for target versions: what a status is measured against."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from lantu.indicators import display
from lantu.indicators.models import Indicator, Observation
from lantu.indicators.status import thresholds_for
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


@register.filter
def progress(assessment) -> str:
    """Return what a status compares: realised average annual growth against the target rate for
    growth targets (实际年均增长 6.1%（目标 6.5%）), else the achievement of expected progress."""
    return display.progress_text(assessment) if assessment is not None else ""


@register.filter
def status_basis(assessment) -> str:
    """Return which figure governs a split parent's status, or "" for an indicator that is not split."""
    return display.basis_text(assessment) if assessment is not None else ""


@register.filter
def thresholds(indicator):
    """Return the early-warning thresholds that apply to an indicator (its own, else the defaults)."""
    return thresholds_for(indicator)


@register.filter
def measured_against_note(assessment) -> str:
    """Return the small lines under a status: the adjusted target it is measured against (none for the
    plan's original target) and, for a split parent, which figure governs it. A filter, not an include:
    the dashboard shows it on every row of its warnings table."""
    if assessment is None:
        return ""
    lines = []
    if revised(assessment.version):
        text = _("against %(version)s") % {"version": measured_against(assessment.version)}
        lines.append(
            format_html(
                '<div class="muted small" data-version="{}">{}</div>', assessment.version.number, text
            )
        )
    if assessment.rollup:
        basis = status_basis(assessment)
        lines.append(
            format_html('<div class="muted small" data-basis="{}">{}</div>', assessment.basis, basis)
        )
    return format_html_join("", "{}", ((line,) for line in lines))
