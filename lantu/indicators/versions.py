"""Target versions: the plan's original target and its adjustments (中期调整), and which one is in force."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.indicators.models import Indicator, TargetVersion

TARGET_FIELDS = ("target_kind", "target_year", "target_value", "target_rate")


def local_date(now: datetime) -> date:
    """Return the calendar day of a moment where the office is (an aware moment in local time)."""
    return timezone.localtime(now).date() if timezone.is_aware(now) else now.date()


def original_version(indicator: Indicator) -> TargetVersion:
    """Return the plan's original target of a never-revised indicator as an unsaved version 1."""
    version = TargetVersion(
        indicator=indicator,
        number=1,
        label=_("plan's original target"),
        adopted_on=None,
        **{name: getattr(indicator, name) for name in TARGET_FIELDS},
    )
    version.is_sample = any(name in (indicator.sample_fields or []) for name in TARGET_FIELDS)
    return version


_KEPT = "_lantu_versions"  # on a fetched indicator: (its prefetched versions, the list made of them)


def versions_of(indicator: Indicator) -> list[TargetVersion]:
    """Return every target version of an indicator, oldest first (uses prefetched rows when present).

    With prefetched rows the list is made once per fetched indicator: a page asks for it for the status
    today and again for the status a month ago, and an unsaved original costs a model instance each time.
    """
    prefetched = getattr(indicator, "_prefetched_objects_cache", {}).get("target_versions")
    kept = indicator.__dict__.get(_KEPT)
    if prefetched is not None and kept is not None and kept[0] is prefetched:
        return list(kept[1])
    rows = sorted(indicator.target_versions.all(), key=lambda v: v.number)
    if not rows:
        rows = [original_version(indicator)]
    for row in rows:
        row.indicator = indicator  # spare a query per version when a template asks for the unit
    if prefetched is not None:
        indicator.__dict__[_KEPT] = (prefetched, tuple(rows))
    return rows


def in_force(versions: list[TargetVersion], day: date) -> TargetVersion:
    """Return the version in force on a day: the newest adopted by then, else the original."""
    adopted = [v for v in versions[1:] if v.adopted_on is not None and v.adopted_on <= day]
    return adopted[-1] if adopted else versions[0]


def is_revised(version: TargetVersion) -> bool:
    """Return whether a version is an adjustment rather than the plan's original target."""
    return version.number > 1


def version_text(version: TargetVersion) -> str:
    """Return what a status is measured against: 规划原目标, or 按中期调整目标（2026-06）."""
    if not is_revised(version):
        return _("the plan's original target")
    return _("%(label)s (v%(number)s, adopted %(month)s)") % {
        "label": version.label,
        "number": version.number,
        "month": version.adopted_on.strftime("%Y-%m") if version.adopted_on else "—",
    }
