"""Writes for the problems ledger (问题清单): raise a problem, move it through its lifecycle."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lantu.orgs.access import Actor, can_edit_units
from lantu.orgs.models import OrgUnit
from lantu.problems.models import Problem
from lantu.projects.models import Project, ProjectProcedure

State = Problem.State
# Where a problem may go from each state; solved is final, escalated goes back to work.
MOVES = {
    State.OPEN: (State.IN_PROGRESS, State.SOLVED, State.ESCALATED),
    State.IN_PROGRESS: (State.SOLVED, State.ESCALATED),
    State.ESCALATED: (State.IN_PROGRESS, State.SOLVED),
    State.SOLVED: (),
}


@transaction.atomic
def require_raiser(actor: Actor, project: Project) -> None:
    """Refuse anyone but the project's units and the planning office (the form too, not only the save)."""
    if not can_edit_units(actor, project.county_id, project.lead_unit_id):
        raise PermissionDenied(_("Only the project's units and the planning office raise its problems."))


def problem_raise(
    *,
    actor: Actor,
    project: Project,
    title: str,
    factor: str,
    urgency: str,
    unit: OrgUnit,
    due_date: date,
    now: datetime,
    description: str = "",
    report: Any = None,  # a dispatch.ProgressReport on the project (the dispatch is not imported here)
) -> Problem:
    """Record a problem blocking a project, asked of a unit to solve by a date."""
    require_raiser(actor, project)
    errors = {}
    if not title.strip():
        errors["title"] = _("Describe the problem in a few words.")
    if factor not in Problem.Factor.values:
        errors["factor"] = _("Unknown factor.")
    if urgency not in Problem.Urgency.values:
        errors["urgency"] = _("Unknown urgency.")
    if due_date < now.date():
        errors["due_date"] = _("The due date cannot be in the past.")
    if report is not None and report.project_id != project.pk:
        errors["report"] = _("The report is about another project.")
    if errors:
        raise ValidationError(errors)
    return Problem.objects.create(
        project=project,
        report=report,
        title=title.strip(),
        description=description.strip(),
        factor=factor,
        urgency=urgency,
        unit=unit,
        due_date=due_date,
        raised_by_id=actor.user_id,
        raised_at=now,
    )


def procedure_late_text(procedure: ProjectProcedure, on: date) -> tuple[str, str]:
    """Return the title and description of a late procedure taken up as a problem or an order."""
    title = _("Late approval: %(kind)s") % {"kind": procedure.kind.name}
    text = _(
        "%(kind)s of %(project)s was planned to be granted by %(planned)s "
        "and is %(days)s days late (as of %(on)s)."
    ) % {
        "kind": procedure.kind.name,
        "project": procedure.project.name,
        "planned": procedure.planned_date.isoformat() if procedure.planned_date else "—",
        "days": (on - procedure.planned_date).days if procedure.planned_date else 0,
        "on": on.isoformat(),
    }
    return title, text


@transaction.atomic
def problem_from_procedure(
    *, actor: Actor, procedure: ProjectProcedure, due_date: date, now: datetime
) -> Problem:
    """Raise a late procedure as an approval problem of its project, asked of the granting department."""
    title, text = procedure_late_text(procedure, now.date())
    return problem_raise(
        actor=actor,
        project=procedure.project,
        title=title,
        description=text,
        factor=Problem.Factor.APPROVAL,
        urgency=Problem.Urgency.HIGH,
        unit=procedure.department,
        due_date=due_date,
        now=now,
    )


def problem_move_denial(*, actor: Actor, problem: Problem, state: str) -> str | None:
    """Return why the actor may not move the problem to a state, or None when it may."""
    if state == State.ESCALATED and not (actor.is_planner or actor.is_admin):
        return _("Only the planning office escalates a problem.")
    project = problem.project
    if not can_edit_units(actor, problem.unit_id, project.county_id, project.lead_unit_id):
        return _("Only the unit asked to solve it, the project's units and the planning office update it.")
    return None


@transaction.atomic
def problem_move(
    *, actor: Actor, problem: Problem, state: str, now: datetime, resolution: str = ""
) -> Problem:
    """Move a problem to its next state; solving it needs a word on how it was solved."""
    denial = problem_move_denial(actor=actor, problem=problem, state=state)
    if denial is not None:
        raise PermissionDenied(denial)
    if state not in MOVES.get(problem.state, ()):
        raise ValidationError(
            _("A problem that is %(state)s cannot move to that state.")
            % {"state": problem.get_state_display()}
        )
    if state == State.SOLVED and not resolution.strip():
        raise ValidationError({"resolution": _("Say how the problem was solved.")})
    problem.state = state
    if resolution.strip():
        problem.resolution = resolution.strip()
    problem.closed_at = now if state == State.SOLVED else None
    problem.save()
    return problem
