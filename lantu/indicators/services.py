"""Writes of indicators and observations: data entry, submission and review."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantu.core.periods import PeriodError, parse_period
from lantu.core.status import Status
from lantu.indicators.checks import observation_flags
from lantu.indicators.models import Indicator, Observation, TargetVersion
from lantu.indicators.periods import entry_periods, normalize_period, period_kinds
from lantu.indicators.status import indicator_status, target_of
from lantu.indicators.versions import TARGET_FIELDS, local_date, original_version
from lantu.lib import events, review
from lantu.orgs.access import Actor, can_edit_plan_structure, can_edit_units
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan, PlanItem
from lantu.sources.models import SourceDocument

State = Observation.State
Vintage = Observation.Vintage
MAX_VALUE = Decimal("1e15")


def can_enter(actor: Actor, indicator: Indicator) -> bool:
    """Return whether the actor may enter values for an indicator (its unit, or the plan's planners)."""
    return can_edit_units(actor, indicator.responsible_unit_id) or can_review(actor, indicator)


def can_review(actor: Actor, indicator: Indicator) -> bool:
    """Return whether the actor may approve or return an indicator's values (planners, not reporters)."""
    return review.scope_denial(actor, OBSERVATION, Observation(indicator=indicator)) is None


THOUSANDS = re.compile(r"[-+]?\d{1,3}([,，]\d{3})+(\.\d+)?")


def parse_value(raw: object) -> Decimal:
    """Return a typed value as a Decimal; raise ValidationError with a message users understand."""
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise ValidationError(_("Enter a value."))
    if ("," in text or "，" in text) and not THOUSANDS.fullmatch(text):
        # "1,5" is a decimal comma or a typo, never fifteen: refuse rather than guess.
        raise ValidationError(_("“%(text)s” is not a number: write decimals with a point.") % {"text": text})
    text = text.replace(",", "").replace("，", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text}) from None
    if not value.is_finite() or abs(value) >= MAX_VALUE:
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text})
    if value.as_tuple().exponent < -4:
        raise ValidationError(_("Use at most four decimal places."))
    return value


def check_period(indicator: Indicator, raw: object, now: datetime) -> str:
    """Return the canonical period label if the indicator takes a value for it by `now`."""
    label = normalize_period(raw)
    try:
        period = parse_period(label)
    except PeriodError:
        raise ValidationError(
            _("“%(text)s” is not a period: write 2027, 2027Q2 or 2027-06.") % {"text": raw}
        ) from None
    if period.kind not in period_kinds(indicator):
        raise ValidationError(
            _("%(indicator)s is reported %(frequency)s, not for %(period)s.")
            % {"indicator": indicator.name, "frequency": indicator.get_frequency_display(), "period": label}
        )
    if label not in entry_periods(indicator, now):
        raise ValidationError(
            _("%(period)s is outside %(first)s–%(last)s or has not begun yet.")
            % {"period": label, "first": indicator.baseline_year + 1, "last": indicator.target_year}
        )
    return label


def check_vintage(raw: object) -> str:
    """Return a vintage code from what was sent (empty means preliminary)."""
    text = str(raw or "").strip() or Vintage.PRELIMINARY
    if text not in Vintage.values:
        raise ValidationError(
            _("“%(text)s” is not a vintage: use preliminary, revised or final.") % {"text": text}
        )
    return text


def check_release_date(raw: object, period: str, now: datetime) -> date | None:
    """Return the release date of a vintage; it must lie after the period ended and not in the future."""
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw).strip())
        except ValueError:
            raise ValidationError(_("“%(text)s” is not a date: write 2027-02-15.") % {"text": raw}) from None
    if day > local_date(now):
        raise ValidationError(_("The release date %(day)s lies in the future.") % {"day": day})
    ended = parse_period(period).end
    if day <= ended:  # a statistical release comes after the period it counts
        raise ValidationError(
            _("The release date %(day)s is not after the end of %(period)s (%(end)s).")
            % {"day": day, "period": period, "end": ended}
        )
    return day


@dataclass(frozen=True)
class Entry:
    """One value to record: indicator, canonical period, value, note, vintage and its release date."""

    indicator: Indicator
    period: str
    value: Decimal
    note: str = ""
    vintage: str = Vintage.PRELIMINARY
    release_date: date | None = None
    source: SourceDocument | None = None  # a value read from a document (a bulletin) cites it
    source_quote: str = ""
    data_source: str = ""


def check_new_vintage(entry: Entry) -> None:
    """Refuse a new value of an earlier vintage than one the period already has: it would never count."""
    rank = Observation.VINTAGE_RANK[entry.vintage]
    recorded = Observation.objects.filter(indicator=entry.indicator, period=entry.period).values_list(
        "vintage", flat=True
    )
    if entry.vintage in recorded:
        return  # correcting a recorded value of this vintage
    later = [v for v in recorded if Observation.VINTAGE_RANK.get(v, 0) > rank]
    if later:
        raise ValidationError(
            _("%(period)s already has a %(later)s value; a new %(vintage)s value would not count.")
            % {
                "period": entry.period,
                "later": Vintage(later[0]).label,
                "vintage": Vintage(entry.vintage).label,
            }
        )


def _observation_owners(observation: Observation) -> list[int | None]:
    return [observation.indicator.plan.owner_id]


def _observation_authors(observation: Observation) -> list[int | None]:
    return [observation.entered_by_id]


def _supersede_in_force(observation: Observation, step: str, actor, now: datetime, reason: str) -> None:
    """On approval, mark the approved value this correction replaces superseded (it stays in history)."""
    if step != review.APPROVE:
        return
    replaced = Observation.objects.in_force().filter(
        indicator_id=observation.indicator_id, period=observation.period, vintage=observation.vintage
    )
    for older in replaced.exclude(pk=observation.pk):
        older.superseded = True
        older.save(update_fields=["superseded"])


OBSERVATION = review.Kind(
    owners=_observation_owners,
    authors=_observation_authors,
    after=_supersede_in_force,
    url=lambda observation: reverse("indicators:detail", args=[observation.indicator_id]),
)


def open_correction(observation: Observation) -> Observation | None:
    """Return the unapproved value (draft, submitted or returned) beside an approved one, if any."""
    return (
        Observation.objects.filter(
            indicator_id=observation.indicator_id, period=observation.period, vintage=observation.vintage
        )
        .exclude(state=State.APPROVED)
        .first()
    )


def _same(observation: Observation, entry: Entry) -> bool:
    return (
        observation.value == entry.value
        and observation.note == (entry.note or observation.note)
        and observation.release_date == (entry.release_date or observation.release_date)
    )


def _save(actor: Actor, entry: Entry, *, submit: bool, now: datetime) -> tuple[Observation, bool]:
    """Record one entry; return the observation and whether anything changed.

    An approved value is never changed: a different value for its period and vintage becomes a
    correction (the next revision) that waits for review beside it, and counts only once approved.
    """
    if not can_enter(actor, entry.indicator):
        raise PermissionDenied(_("You may not enter values for %(name)s.") % {"name": entry.indicator.name})
    rows = list(
        Observation.objects.select_for_update()
        .filter(indicator=entry.indicator, period=entry.period, vintage=entry.vintage)
        .order_by("-revision")
    )
    observation = next((o for o in rows if o.state != State.APPROVED), None)
    in_force = next((o for o in rows if o.in_force), None)
    if observation is not None:
        # Saving the same value again changes nothing: a re-uploaded file or a double click.
        wanted = State.SUBMITTED if submit else State.DRAFT
        if _same(observation, entry) and (
            observation.state == wanted or observation.state == State.SUBMITTED
        ):
            return observation, False
        observation.version += 1
    elif in_force is not None:
        if _same(in_force, entry):
            return in_force, False
        observation = Observation(
            indicator=entry.indicator,
            period=entry.period,
            period_end=in_force.period_end,
            vintage=entry.vintage,
            revision=rows[0].revision + 1,
            release_date=in_force.release_date,
            data_source=in_force.data_source,
            note=in_force.note,
        )
    else:
        check_new_vintage(entry)
        observation = Observation(
            indicator=entry.indicator,
            period=entry.period,
            period_end=parse_period(entry.period).end,
            vintage=entry.vintage,
            revision=rows[0].revision + 1 if rows else 1,
        )
    observation.value = entry.value
    if entry.release_date:
        observation.release_date = entry.release_date
    if entry.note:
        observation.note = entry.note
    resubmitted = submit and observation.state == State.SUBMITTED
    observation.state = State.SUBMITTED if resubmitted else State.DRAFT
    observation.entered_by_id, observation.entered_at = actor.user_id, now
    observation.reviewed_by, observation.reviewed_at = None, None
    if resubmitted:
        observation.submitted_at = now
    observation.is_sample = False  # a value a unit entered is real and its own source
    observation.sample_fields = []
    observation.source, observation.source_quote = entry.source, entry.source_quote[:2000]
    if entry.data_source:
        observation.data_source = entry.data_source[:200]
    observation.full_clean(exclude=["source", "entered_by", "reviewed_by"], validate_constraints=False)
    observation.save()
    if submit and not resubmitted:
        review.submit(actor=actor, kind=OBSERVATION, obj=observation, now=now)
    return observation, True


@transaction.atomic
def observation_save(
    *,
    actor: Actor,
    indicator: Indicator,
    period: object,
    value: object,
    note: str = "",
    vintage: object = "",
    release_date: object = None,
    submit: bool,
    now: datetime,
) -> Observation:
    """Record a value of one period and vintage as a draft or submitted for review; history is kept."""
    label = check_period(indicator, period, now)
    entry = Entry(
        indicator,
        label,
        parse_value(value),
        note.strip(),
        check_vintage(vintage),
        check_release_date(release_date, label, now),
    )
    return _save(actor, entry, submit=submit, now=now)[0]


@transaction.atomic
def observation_save_entry(*, actor: Actor, entry: Entry, submit: bool, now: datetime) -> Observation:
    """Record one checked entry (a value read from a document, citing it); return its observation."""
    return _save(actor, entry, submit=submit, now=now)[0]


@transaction.atomic
def observations_save(*, actor: Actor, entries: list[Entry], submit: bool, now: datetime) -> int:
    """Record many checked entries at once, all or nothing; return how many changed."""
    return sum(_save(actor, entry, submit=submit, now=now)[1] for entry in entries)


def _lock(observation: Observation) -> None:
    """Lock the value's row and reload it, so that two decisions on one value cannot cross."""
    Observation.objects.select_for_update().filter(pk=observation.pk).values_list("pk").first()
    observation.refresh_from_db()


@transaction.atomic
def observation_submit(*, actor: Actor, observation: Observation, now: datetime) -> Observation:
    """Submit a draft or returned value for review."""
    if not can_enter(actor, observation.indicator):
        raise PermissionDenied(
            _("You may not enter values for %(name)s.") % {"name": observation.indicator.name}
        )
    _lock(observation)
    return review.submit(actor=actor, kind=OBSERVATION, obj=observation, now=now)


@transaction.atomic
def observation_approve(*, actor: Actor, observation: Observation, now: datetime) -> Observation:
    """Approve a submitted value: from now on it counts, in place of the approved value it corrects."""
    _lock(observation)
    before = _status(observation.indicator, now)
    approved = review.approve(actor=actor, kind=OBSERVATION, obj=observation, now=now)
    if before != Status.OFF_TRACK and _status(observation.indicator, now) == Status.OFF_TRACK:
        indicator = observation.indicator
        events.emit(
            kind=events.INDICATOR_OFF_TRACK,
            obj=indicator,
            units=[indicator.responsible_unit_id, indicator.plan.owner_id],
            context={"title": indicator.name, "url": reverse("indicators:detail", args=[indicator.pk])},
            actor_id=actor.user_id,
            now=now,
        )
    return approved


def _status(indicator: Indicator, now: datetime) -> Status:
    return indicator_status(indicator, Observation.objects.filter(indicator=indicator), now).status


def _check_reviewable(actor: Actor, observation: Observation) -> None:
    denial = review.review_denial(actor, OBSERVATION, observation)
    if denial is not None:
        raise PermissionDenied(denial)
    if observation.state != State.SUBMITTED:
        raise ValidationError(
            _("Only submitted values can be reviewed; this one is %(state)s.")
            % {"state": observation.get_state_display()}
        )


@transaction.atomic
def observations_approve(
    *, actor: Actor, observations: list[Observation], confirm_flagged: bool, now: datetime
) -> int:
    """Approve several submitted values, all or nothing, flagged ones only if confirmed; return how many."""
    if not observations:
        raise ValidationError(_("Select the values to approve."))
    for observation in observations:
        _check_reviewable(actor, observation)
    flagged = [o for o in observations if observation_flags(o)]
    if flagged and not confirm_flagged:
        raise ValidationError(
            _(
                "%(count)d selected values are flagged (%(names)s). Check them and confirm that flagged "
                "values are approved too; nothing was approved."
            )
            % {
                "count": len(flagged),
                "names": "、".join(f"{o.indicator.name} {o.period}" for o in flagged),
            }
        )
    for observation in observations:
        observation_approve(actor=actor, observation=observation, now=now)
    return len(observations)


@transaction.atomic
def observation_return(*, actor: Actor, observation: Observation, reason: str, now: datetime) -> Observation:
    """Return a submitted value to its unit with the reason; an approved value it corrects stays in force."""
    _lock(observation)
    return review.return_(actor=actor, kind=OBSERVATION, obj=observation, reason=reason, now=now)


@transaction.atomic
def indicator_create(
    *, actor: Actor, plan: Plan, responsible_unit: OrgUnit, items: list[PlanItem] | None = None, **fields
) -> Indicator:
    """Create an indicator of a plan (planners only); the target must be complete."""
    if not can_edit_plan_structure(actor, plan.owner_id):
        raise PermissionDenied(_("Only the plan's planners add indicators."))
    indicator = Indicator(plan=plan, responsible_unit=responsible_unit, **fields)
    indicator.full_clean(exclude=["source"])
    if target_of(indicator) is None:
        raise ValidationError(
            _(
                "The target is incomplete: a level, ceiling or floor needs a target value after the "
                "baseline year; growth and cumulative change need a rate."
            )
        )
    indicator.save()
    if items:
        if any(item.plan_id != plan.pk for item in items):
            raise ValidationError(_("Plan items must belong to the indicator's plan."))
        indicator.items.set(items)
    return indicator


LABEL_MAX = TargetVersion._meta.get_field("label").max_length


def _target_problem(indicator: Indicator, target: dict, label: str, reason: str) -> str | None:
    """Return what is wrong with a proposed target version, or None."""
    if target["target_kind"] not in Indicator.TargetKind.values:
        return _("Choose the kind of target.")
    if target["target_year"] is None or target["target_year"] <= indicator.baseline_year:
        return _("The target year must come after the baseline year %(year)s.") % {
            "year": indicator.baseline_year
        }
    if target["target_year"] > indicator.baseline_year + 30:
        return _("The target year %(year)s is too far away.") % {"year": target["target_year"]}
    if target_of(indicator, TargetVersion(**target)) is None:
        return _(
            "The target is incomplete: a level, ceiling or floor needs a target value; growth and "
            "cumulative change need a rate."
        )
    if all(getattr(indicator, name) == target[name] for name in TARGET_FIELDS):
        return _("The new target is the same as the target in force; nothing to adjust.")
    shifted = (target["target_kind"], target["target_year"]) != (indicator.target_kind, indicator.target_year)
    if shifted and indicator.shares.exists():
        # The shares carry the parent's kind and year: they would no longer add up to anything.
        return _(
            "The target is split among units: its kind and year can only change after its shares are "
            "removed; a new value or rate is fine, then adjust the shares."
        )
    if not label.strip():
        return _("Name the adjustment, e.g. 中期调整.")
    if len(label.strip()) > LABEL_MAX:
        return _("The name of the adjustment may have at most %(n)s characters.") % {"n": LABEL_MAX}
    if not reason.strip():
        return _("Give the reason for the adjustment (e.g. the decision that adopted it).")
    return None


def _decimal_or_none(raw: object, field: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return parse_value(raw)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


@transaction.atomic
def target_revise(
    *,
    actor: Actor,
    indicator: Indicator,
    kind: str,
    year: object,
    value: object = None,
    rate: object = None,
    label: str,
    reason: str,
    adopted_on: date,
    now: datetime,
) -> TargetVersion:
    """Adopt an adjusted target (planners); the original and every earlier version are kept."""
    if not can_edit_plan_structure(actor, indicator.plan.owner_id):
        raise PermissionDenied(_("Only the plan's planners adjust targets."))
    try:
        year = int(str(year).strip()) if str(year or "").strip() else None
    except ValueError:
        raise ValidationError(_("“%(text)s” is not a year.") % {"text": year}) from None
    target = {
        "target_kind": kind,
        "target_year": year,
        "target_value": _decimal_or_none(value, "target_value"),
        "target_rate": _decimal_or_none(rate, "target_rate"),
    }
    if kind == Indicator.TargetKind.ANNUAL_GROWTH or kind == Indicator.TargetKind.CUMULATIVE_CHANGE:
        target["target_value"] = None  # a rate target has no level of its own
    elif kind:
        target["target_rate"] = None
    problem = _target_problem(indicator, target, label, reason)
    if problem:
        raise ValidationError(problem)
    existing = list(TargetVersion.objects.select_for_update().filter(indicator=indicator).order_by("number"))
    if adopted_on > local_date(now):
        raise ValidationError(_("The adoption date %(day)s lies in the future.") % {"day": adopted_on})
    if adopted_on.year < indicator.baseline_year:
        raise ValidationError(
            _("The adoption date %(day)s lies before the baseline year %(year)s.")
            % {"day": adopted_on, "year": indicator.baseline_year}
        )
    if existing and adopted_on < existing[-1].adopted_on:
        raise ValidationError(
            _("The adoption date must not precede that of version %(number)s (%(day)s).")
            % {"number": existing[-1].number, "day": existing[-1].adopted_on}
        )
    if not existing:
        original = original_version(indicator)
        original.label = _("plan's original target")
        original.adopted_on = min(date(indicator.plan.start_year, 1, 1), adopted_on)
        original.created_by_id, original.created_at = actor.user_id, now
        original.source, original.source_quote = indicator.source, indicator.source_quote
        original.sample_fields = []
        original.save()
        existing = [original]
    version = TargetVersion(
        indicator=indicator,
        number=existing[-1].number + 1,
        label=label.strip(),
        adopted_on=adopted_on,
        reason=reason.strip(),
        created_by_id=actor.user_id,
        created_at=now,
        **target,
    )
    version.full_clean(exclude=["source", "created_by"])
    version.save()
    for name, field_value in target.items():
        setattr(indicator, name, field_value)
    # The indicator now carries the planners' adopted target, not a sample one.
    indicator.sample_fields = [f for f in indicator.sample_fields or [] if f not in TARGET_FIELDS]
    indicator.save()
    return version


@transaction.atomic
def indicator_thresholds_set(
    *, actor: Actor, indicator: Indicator, on_track: object, lagging: object
) -> Indicator:
    """Set (or, with empty values, clear) an indicator's own early-warning thresholds (planners)."""
    if not can_edit_plan_structure(actor, indicator.plan.owner_id):
        raise PermissionDenied(_("Only the plan's planners set an indicator's warning thresholds."))
    values = {
        "threshold_on_track": _decimal_or_none(on_track, "threshold_on_track"),
        "threshold_lagging": _decimal_or_none(lagging, "threshold_lagging"),
    }
    for name, value in values.items():
        if value is not None and not 0 < value <= 2:
            raise ValidationError(
                {name: _("A threshold is a share of the expected progress above 0 and at most 2, e.g. 0.9.")}
            )
    for name, value in values.items():
        setattr(indicator, name, value)
    indicator.full_clean(exclude=["source"])
    indicator.save(update_fields=[*values])
    return indicator
