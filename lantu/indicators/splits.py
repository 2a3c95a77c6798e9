"""Target splits (指标分解): split a prefecture indicator among units, check the shares, roll them up.

Each share is an indicator of its own unit (code `<parent code>-<unit code>`), so it appears in that
unit's data entry, review and warnings. Writes are planners' (`indicator_split`, `share_remove`);
`split_panel` reads what the indicator page shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lantu.core import splits as core
from lantu.core import trajectory as tj
from lantu.indicators.models import Indicator
from lantu.indicators.status import IndicatorStatus, shares_of, shares_rollup, target_of
from lantu.indicators.versions import TARGET_FIELDS
from lantu.lib.templatetags.lantu import format_number
from lantu.orgs.access import Actor, can_edit_plan_structure, require_reader, subtree
from lantu.orgs.models import OrgUnit

SHARE_UNIT_KINDS = (OrgUnit.Kind.COUNTY, OrgUnit.Kind.PARK, OrgUnit.Kind.DEPARTMENT)
CODE_LENGTH = Indicator._meta.get_field("code").max_length
# Fields a share takes over from its parent; its unit, baseline, target and weight are its own.
INHERITED = ("plan_id", "unit", "attribute", "direction", "frequency", "baseline_year")
INHERITED += ("target_kind", "target_year", "weight", "order")


def is_rate(indicator: Indicator) -> bool:
    """Return whether an indicator's target is a rate (annual growth or cumulative change)."""
    return tj.TargetKind(indicator.target_kind) in core.RATE_KINDS


def targets_summed(indicator: Indicator) -> bool:
    """Return whether shares' targets add up (quantities) rather than average (rates and ratios)."""
    kind = tj.TargetKind(indicator.target_kind)
    return core.target_aggregation(kind, indicator.unit, indicator.name) == core.Aggregation.SUM


def can_split(actor: Actor, indicator: Indicator) -> bool:
    """Return whether the actor may split this indicator: the plan's planners, and not a share itself."""
    return indicator.split_of_id is None and can_edit_plan_structure(actor, indicator.plan.owner_id)


def share_units(indicator: Indicator) -> QuerySet[OrgUnit]:
    """Return the counties, parks and departments under the plan's owner that may carry a share."""
    return OrgUnit.objects.filter(
        pk__in=subtree(indicator.plan.owner_id), kind__in=SHARE_UNIT_KINDS
    ).order_by("order", "code")


def share_code(parent: Indicator, unit: OrgUnit) -> str:
    """Return the code of a unit's share: `<parent code>-<unit code>`, shortened to fit."""
    suffix = f"-{unit.code}" if len(unit.code) < CODE_LENGTH // 2 else f"-u{unit.pk}"
    return parent.code[: CODE_LENGTH - len(suffix)] + suffix


def _target_of(indicator: Indicator) -> float | None:
    value = indicator.target_rate if is_rate(indicator) else indicator.target_value
    return float(value) if value is not None else None


def _share_target(share: Indicator) -> core.ShareTarget:
    weight = float(share.split_weight) if share.split_weight is not None else None
    return core.ShareTarget(share.pk, float(share.baseline_value), _target_of(share), weight)


def _check(parent: Indicator, shares: list[core.ShareTarget]) -> list[core.SumCheck]:
    return core.check_shares(
        kind=tj.TargetKind(parent.target_kind),
        unit=parent.unit,
        parent_baseline=float(parent.baseline_value),
        parent_target=_target_of(parent),
        shares=shares,
        relative_tolerance=settings.LANTU_SPLIT_TOLERANCE,
        name=parent.name,
    )


def split_check(parent: Indicator, shares: Iterable[Indicator]) -> list[core.SumCheck]:
    """Return whether the shares add up to the parent (sum, or weighted for rates and ratios)."""
    return _check(parent, [_share_target(s) for s in shares])


def input_check(parent: Indicator, inputs: Iterable["ShareInput"]) -> list[core.SumCheck]:
    """Return whether shares as entered (not yet saved) add up to the parent: the editor's live check."""
    return _check(
        parent,
        [
            core.ShareTarget(
                data.unit.pk,
                float(data.baseline),
                float(data.target),
                float(data.weight) if data.weight is not None else None,
            )
            for data in inputs
        ],
    )


def check_message(parent: Indicator, check: core.SumCheck) -> str:
    """Return a sentence saying how far the shares are from the parent, for a failed check."""
    rate = check.measure == core.Measure.RATE
    unit = "%" if rate else parent.unit
    figures = {
        "total": format_number(round(check.total, 4)),
        "expected": format_number(round(check.expected, 4)),
        "difference": format_number(round(abs(check.difference), 4)),
        "unit": unit,
    }
    more = check.difference > 0
    if rate:
        text = (
            _(
                "The shares' rates average %(total)s%% (weighted by weight or baseline), %(difference)s "
                "percentage points above the parent's %(expected)s%%."
            )
            if more
            else _(
                "The shares' rates average %(total)s%% (weighted by weight or baseline), %(difference)s "
                "percentage points below the parent's %(expected)s%%."
            )
        )
    elif check.measure == core.Measure.BASELINE:
        text = (
            _(
                "The shares' baselines come to %(total)s %(unit)s, %(difference)s %(unit)s more than the "
                "parent's baseline of %(expected)s %(unit)s."
            )
            if more
            else _(
                "The shares' baselines come to %(total)s %(unit)s, %(difference)s %(unit)s less than the "
                "parent's baseline of %(expected)s %(unit)s."
            )
        )
    else:
        text = (
            _(
                "The shares' targets come to %(total)s %(unit)s, %(difference)s %(unit)s more than the "
                "parent's target of %(expected)s %(unit)s."
            )
            if more
            else _(
                "The shares' targets come to %(total)s %(unit)s, %(difference)s %(unit)s less than the "
                "parent's target of %(expected)s %(unit)s."
            )
        )
    return text % figures


def check_warnings(parent: Indicator, checks: list[core.SumCheck]) -> list[str]:
    """Return the warnings of the failed checks."""
    return [check_message(parent, c) for c in checks if not c.ok]


@dataclass(frozen=True)
class ShareInput:
    """A unit's share as entered: baseline, target (a rate in % for rate targets), optional weight."""

    unit: OrgUnit
    baseline: Decimal
    target: Decimal
    weight: Decimal | None = None


@dataclass(frozen=True)
class LiveCheck:
    """The split editor's totals row as entered: each measure's check, and the warnings of failed ones."""

    target: core.SumCheck | None
    baseline: core.SumCheck | None
    baseline_total: float | None  # also for rate targets, whose baselines are shown added but not checked
    warnings: list[str]

    @property
    def off(self) -> bool:
        return bool(self.warnings)


def live_check(parent: Indicator, inputs: list[ShareInput]) -> LiveCheck:
    """Return the editor's live sum check of shares as entered (nothing is saved)."""
    checks = input_check(parent, inputs)
    by_measure = {c.measure: c for c in checks}
    target = by_measure.get(core.Measure.RATE) or by_measure.get(core.Measure.TARGET)
    baseline = by_measure.get(core.Measure.BASELINE)
    total = baseline.total if baseline else None
    if baseline is None and inputs and is_rate(parent):
        total = float(sum(data.baseline for data in inputs))
    return LiveCheck(target, baseline, total, check_warnings(parent, checks))


@dataclass(frozen=True)
class SplitResult:
    """The shares after a split, the sum checks and the warnings of those that fail."""

    shares: list[Indicator]
    checks: list[core.SumCheck]
    warnings: list[str]
    removed: int = 0


def _require_splitter(actor: Actor, parent: Indicator) -> None:
    if not can_edit_plan_structure(actor, parent.plan.owner_id):
        raise PermissionDenied(_("Only the plan's planners split targets."))


def _refuse_if_reported(share: Indicator) -> None:
    count = share.observations.count()
    if count:
        raise ValidationError(
            _(
                "%(name)s already has %(count)s reported values, so it cannot be removed (they would be "
                "lost). Change its target instead."
            )
            % {"name": share.name, "count": count}
        )


def _share_fields(parent: Indicator, data: ShareInput) -> dict:
    fields = {name: getattr(parent, name) for name in INHERITED}
    rate = is_rate(parent)
    fields |= {
        "name": f"{parent.name}（{data.unit.label}）",
        "code": share_code(parent, data.unit),
        "responsible_unit_id": data.unit.pk,
        "baseline_value": data.baseline,
        "target_value": None if rate else data.target,
        "target_rate": data.target if rate else None,
        "split_weight": data.weight,
        "is_headline": False,
    }
    return fields


# A share a planner changes is real data of the planner's own, even where a sample share stood.
OWN_DATA = {"is_sample": False, "sample_fields": [], "source_id": None, "source_quote": ""}


def _check_inputs(parent: Indicator, shares: list[ShareInput]) -> None:
    if parent.split_of_id is not None:
        raise ValidationError(
            _("%(name)s is itself a share of %(parent)s; split the parent instead.")
            % {"name": parent.name, "parent": parent.split_of.name}
        )
    kind = tj.TargetKind(parent.target_kind)
    averaged = core.target_aggregation(kind, parent.unit, parent.name) == core.Aggregation.WEIGHTED
    allowed = set(share_units(parent).values_list("pk", flat=True))
    seen: set[int] = set()
    for data in shares:
        if data.unit.pk not in allowed:
            raise ValidationError(
                _("%(unit)s cannot carry a share: choose a county, park or department of the plan.")
                % {"unit": data.unit.name}
            )
        if data.unit.pk in seen:
            raise ValidationError(_("%(unit)s is listed twice.") % {"unit": data.unit.name})
        seen.add(data.unit.pk)
        if data.weight is not None and data.weight <= 0:
            raise ValidationError(_("The weight of %(unit)s must be above zero.") % {"unit": data.unit.name})
        if data.weight is None and averaged and data.baseline <= 0:
            # The baseline stands in for the weight of an averaged share: it must be able to weigh.
            raise ValidationError(
                _("%(unit)s: give a weight above zero; its baseline cannot weigh its rate.")
                % {"unit": data.unit.name}
            )


@transaction.atomic
def indicator_split(*, actor: Actor, parent: Indicator, shares: list[ShareInput]) -> SplitResult:
    """Make the parent's shares exactly these: create, update, and remove the units left out.

    Shares that do not add up are saved with warnings, not refused: a split is often entered in steps.
    """
    _require_splitter(actor, parent)
    _check_inputs(parent, shares)
    existing = {s.responsible_unit_id: s for s in parent.shares.all()}
    wanted = {data.unit.pk for data in shares}
    removed = [share for unit_id, share in existing.items() if unit_id not in wanted]
    for share in removed:
        _refuse_if_reported(share)
        share.delete()
    saved: list[Indicator] = []
    items = list(parent.items.all())
    for data in shares:
        # A new share starts from the parent's data source; the unit's own source is kept afterwards.
        share = existing.get(data.unit.pk) or Indicator(split_of=parent, data_source=parent.data_source)
        fields = _share_fields(parent, data)
        if share.pk is not None and any(getattr(share, k) != fields[k] for k in TARGET_FIELDS):
            if share.target_versions.exists():
                raise ValidationError(
                    _("%(unit)s: its target was adjusted (中期调整); change it on the share's own page.")
                    % {"unit": data.unit.name}
                )
        changed = share.pk is None or any(getattr(share, k) != v for k, v in fields.items())
        if changed:
            for name, value in (fields | OWN_DATA).items():
                setattr(share, name, value)
            try:
                share.full_clean(exclude=["source"])
            except ValidationError as error:
                raise ValidationError(
                    _("%(unit)s: %(errors)s") % {"unit": data.unit.name, "errors": "；".join(error.messages)}
                ) from None
            if target_of(share) is None:
                raise ValidationError(_("%(unit)s: the target is incomplete.") % {"unit": data.unit.name})
            share.save()
        if {i.pk for i in share.items.all()} != {i.pk for i in items}:
            share.items.set(items)
        saved.append(share)
    checks = split_check(parent, saved)
    return SplitResult(saved, checks, check_warnings(parent, checks), len(removed))


@transaction.atomic
def share_remove(*, actor: Actor, share: Indicator) -> Indicator:
    """Remove a share that has no values yet; return its parent."""
    if share.split_of_id is None:
        raise ValidationError(_("%(name)s is not a share of another indicator.") % {"name": share.name})
    parent = share.split_of
    _require_splitter(actor, parent)
    _refuse_if_reported(share)
    share.delete()
    return parent


@dataclass(frozen=True)
class ShareRow:
    """A share with its status, and whether it drags the parent down."""

    indicator: Indicator
    assessment: IndicatorStatus
    dragging: bool = False

    @property
    def target(self) -> Decimal | None:
        return self.indicator.target_rate if is_rate(self.indicator) else self.indicator.target_value


@dataclass(frozen=True)
class SplitPanel:
    """What the indicator page shows about a split: the shares, the checks, the roll-up; or the parent."""

    indicator: Indicator
    parent: Indicator | None = None
    rows: list[ShareRow] = field(default_factory=list)
    checks: list[core.SumCheck] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rollup: core.ShareRollUp | None = None
    dragging: list[ShareRow] = field(default_factory=list)
    missing: list[Indicator] = field(default_factory=list)
    period: str = ""
    can_split: bool = False

    @property
    def is_rate(self) -> bool:
        return is_rate(self.indicator)

    @property
    def summed(self) -> bool:
        """Return whether the shares' values add up (rather than average) into the parent's."""
        return core.value_aggregation(self.indicator.unit, self.indicator.name) == core.Aggregation.SUM


def split_panel(actor: Actor, indicator: Indicator, *, now: datetime) -> SplitPanel:
    """Return the split section of an indicator's page as of `now`."""
    require_reader(actor)
    allowed = can_split(actor, indicator)
    if indicator.split_of_id is not None:
        parent = Indicator.objects.select_related("responsible_unit").get(pk=indicator.split_of_id)
        return SplitPanel(indicator, parent=parent)
    shares = shares_of(indicator)
    if not shares:
        return SplitPanel(indicator, can_split=allowed)
    assessed, rollup = shares_rollup(indicator, shares, now)
    behind = {s.key for s in rollup.dragging}
    rows = [ShareRow(s, a, s.pk in behind) for s, a in assessed]
    by_pk = {row.indicator.pk: row for row in rows}
    checks = split_check(indicator, shares)
    latest = [a.latest for _, a in assessed if a.latest is not None]
    period = max(latest, key=lambda o: o.period_end).period if latest else ""
    return SplitPanel(
        indicator,
        rows=rows,
        checks=checks,
        warnings=check_warnings(indicator, checks),
        rollup=rollup,
        dragging=[by_pk[s.key] for s in rollup.dragging],
        missing=[by_pk[key].indicator for key in rollup.missing],
        period=period,
        can_split=allowed,
    )
