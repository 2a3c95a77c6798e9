"""Writes for projects: editing a project's facts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.lib.history import attribute
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.projects import selectors
from lantu.projects.models import Project
from lantu.projects.national_code import normalize_code

# The facts a project's people edit, in the order the edit form shows them.
EDITABLE_FIELDS = (
    "name",
    "national_code",
    "stage",
    "approval_type",
    "total_investment",
    "start_year",
    "end_year",
    "park",
    "cluster",
    "description",
    "latitude",
    "longitude",
)


def project_edit_denial(*, actor: Actor, project: Project) -> str | None:
    """Return why the actor may not edit the project, or None when it may."""
    if selectors.project_can_edit(actor=actor, project=project):
        return None
    if actor.is_leader:
        return _(
            "Leaders read Lantu but do not edit it; ask the lead unit %(lead)s to change this project."
        ) % {"lead": project.lead_unit.label}
    if actor.role is None:
        return _("Your account has no role in Lantu yet; ask an administrator to assign one.")
    return _(
        "You cannot edit this project; its lead unit %(lead)s edits it. "
        "Ask that unit or the planning office to change it."
    ) % {"lead": project.lead_unit.label}


@transaction.atomic
def project_update(*, actor: Actor, project: Project, **fields) -> Project:
    """Change a project's editable facts; the history records who changed what.

    Raises PermissionDenied when the actor may not edit the project, and ValidationError (from
    the model's own checks) when the values do not fit; nothing is saved then.
    """
    denial = project_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    if "national_code" in fields:
        # Stored folded (full-width digits, other dashes), NULL when absent: unique only when set.
        fields["national_code"] = normalize_code(fields["national_code"] or "") or None
    changed = [name for name, value in fields.items() if getattr(project, name) != value]
    if not changed:
        return project
    before = {name: getattr(project, name) for name in [*changed, "sample_fields"]}
    for name in changed:
        setattr(project, name, fields[name])
    # A value a person typed in is no longer generated sample data.
    project.sample_fields = [name for name in (before["sample_fields"] or []) if name not in changed]
    try:
        project.full_clean()
    except ValidationError:
        for name, value in before.items():
            setattr(project, name, value)
        raise
    project.save(update_fields=[*changed, "sample_fields"])
    return project


@transaction.atomic
def project_create(
    *, actor: Actor, code: str, name: str, county: OrgUnit, stage: str, reason: str = "", **facts
) -> Project:
    """Record a new project led by its county; the planning office of the county's jurisdiction may."""
    if not (actor.is_admin or (actor.is_planner and actor.covers(county.pk))):
        raise PermissionDenied(_("Only the planning office records new projects."))
    unknown = set(facts) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    if facts.get("national_code"):
        facts["national_code"] = normalize_code(facts["national_code"])
    project = Project(code=code, name=name, county=county, lead_unit=county, stage=stage, **facts)
    project.full_clean()
    attribute(project, actor.user_id, reason)
    project.save()
    return project
