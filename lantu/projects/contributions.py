"""Writes of project contributions to indicators: planners declare, change and remove them."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.indicators.models import Indicator
from lantu.lib.history import attribute
from lantu.orgs.access import Actor
from lantu.projects.models import Contribution, Project, Stage

YEARS = (2000, 2100)


def contribution_edit_denial(*, actor: Actor, project: Project) -> str | None:
    """Return why the actor may not declare the project's contributions, or None when it may."""
    if actor.is_admin:
        return None
    if actor.is_planner and (actor.covers(project.county_id) or actor.covers(project.lead_unit_id)):
        return None
    if actor.role is None:
        return _("Your account has no role in Lantu yet; ask an administrator to assign one.")
    if actor.is_planner:
        return _("This project lies outside your jurisdiction; ask its planning office.")
    return _(
        "Only the planning office declares what projects contribute to indicators; "
        "ask the planning office to change it."
    )


def _check(*, amount: Decimal, stage: str, expected_year: int) -> None:
    errors = {}
    if amount is None or amount == 0:
        errors["amount"] = _("Enter the amount the project adds to the indicator (not zero).")
    if stage not in Stage.values:
        errors["stage"] = _("Choose the stage from which the contribution counts.")
    if expected_year is None or not YEARS[0] <= expected_year <= YEARS[1]:
        errors["expected_year"] = _(
            "Enter the expected year as four digits, between %(low)s and %(high)s."
        ) % {
            "low": YEARS[0],
            "high": YEARS[1],
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contribution_add(
    *,
    actor: Actor,
    project: Project,
    indicator: Indicator,
    amount: Decimal,
    expected_year: int,
    stage: str = Stage.OPERATING,
    note: str = "",
) -> Contribution:
    """Declare what a project adds to an indicator once it reaches a stage."""
    denial = contribution_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    _check(amount=amount, stage=stage, expected_year=expected_year)
    if Contribution.objects.filter(project=project, indicator=indicator).exists():
        raise ValidationError(
            {
                "indicator": _(
                    "This project already contributes to “%(indicator)s”; change that contribution instead."
                )
                % {"indicator": indicator.name}
            }
        )
    contribution = Contribution(
        project=project,
        indicator=indicator,
        amount=amount,
        stage=stage,
        expected_year=expected_year,
        note=note.strip(),
    )
    contribution.full_clean()
    attribute(contribution, actor.user_id)
    contribution.save()
    return contribution


@transaction.atomic
def contribution_update(
    *,
    actor: Actor,
    contribution: Contribution,
    amount: Decimal,
    expected_year: int,
    stage: str,
    note: str = "",
) -> Contribution:
    """Change a contribution; values a person typed in are no longer sample data."""
    denial = contribution_edit_denial(actor=actor, project=contribution.project)
    if denial is not None:
        raise PermissionDenied(denial)
    _check(amount=amount, stage=stage, expected_year=expected_year)
    values = {"amount": amount, "stage": stage, "expected_year": expected_year, "note": note.strip()}
    changed = [name for name, value in values.items() if getattr(contribution, name) != value]
    if not changed:
        return contribution
    for name in changed:
        setattr(contribution, name, values[name])
    contribution.sample_fields = [n for n in (contribution.sample_fields or []) if n not in changed]
    if contribution.is_sample:
        # A wholly generated contribution a person revises keeps its untouched values marked.
        kept = [n for n in ("amount", "stage", "expected_year") if n not in changed]
        contribution.is_sample, contribution.sample_fields = False, kept
    contribution.full_clean()
    attribute(contribution, actor.user_id)
    contribution.save()
    return contribution


@transaction.atomic
def contribution_remove(*, actor: Actor, contribution: Contribution) -> None:
    """Remove a contribution; the change history keeps what it was and who removed it."""
    denial = contribution_edit_denial(actor=actor, project=contribution.project)
    if denial is not None:
        raise PermissionDenied(denial)
    attribute(contribution, actor.user_id)
    contribution.delete()
