"""Target versions: the plan's original target and its adjustments (中期调整), and which one is in force."""

from datetime import date, datetime

from django.db.models import Prefetch
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


PREFETCHED_VERSIONS = "prefetched_versions"  # where `versions_prefetch` puts them; read by `versions_of`


def versions_prefetch(lookup: str = "target_versions") -> Prefetch:
    """Return the prefetch of indicators' target versions (`lookup` leads to them) for `versions_of`.

    To a list (`to_attr`): prefetched into the related manager, Django builds a queryset per indicator,
    about a third of a millisecond each, 26 ms of a region's dashboard."""
    return Prefetch(lookup, queryset=TargetVersion.objects.order_by("number"), to_attr=PREFETCHED_VERSIONS)


def versions_of(indicator: Indicator) -> list[TargetVersion]:
    """Return every target version of an indicator, oldest first (uses `versions_prefetch` when made).

    A never-revised indicator has its original target as an unsaved version 1, made once per fetched
    indicator when its versions were prefetched (a page asks for it today and a month ago).
    """
    prefetched = indicator.__dict__.get(PREFETCHED_VERSIONS)
    if prefetched is None:
        rows = sorted(indicator.target_versions.all(), key=lambda v: v.number)
        for row in rows:
            row.indicator = indicator  # spare a query per version when a template asks for the unit
        return rows or [original_version(indicator)]
    if not prefetched:  # the prefetch set each version's indicator; the list is this function's own
        prefetched.append(original_version(indicator))
    return list(prefetched)


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
