"""Dated project milestones: writes, marking them reached from approved reports, and schedule lag."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from lantu.lib.history import attribute
from lantu.orgs.access import Actor
from lantu.projects import calc
from lantu.projects.models import Project, ProjectMilestone
from lantu.projects.services import project_edit_denial


@transaction.atomic
def milestone_add(*, actor: Actor, project: Project, name: str, planned_date: date) -> ProjectMilestone:
    """Add a dated milestone to a project."""
    denial = project_edit_denial(actor=actor, project=project)
    if denial is not None:
        raise PermissionDenied(denial)
    if not name.strip():
        raise ValidationError({"name": _("Name the milestone.")})
    milestone = ProjectMilestone(project=project, name=name.strip(), planned_date=planned_date)
    milestone.full_clean()
    attribute(milestone, actor.user_id)
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *, actor: Actor, milestone: ProjectMilestone, name: str, planned_date: date, reason: str = ""
) -> ProjectMilestone:
    """Rename or reschedule a milestone; moving its date needs a reason, kept in the audit trail."""
    denial = project_edit_denial(actor=actor, project=milestone.project)
    if denial is not None:
        raise PermissionDenied(denial)
    if not name.strip():
        raise ValidationError({"name": _("Name the milestone.")})
    if milestone.reached_date is not None and planned_date != milestone.planned_date:
        raise ValidationError({"planned_date": _("A reached milestone keeps its planned date.")})
    if planned_date != milestone.planned_date and not reason.strip():
        # Moving a date hides a schedule lag: the office must see why it moved.
        raise ValidationError({"reason": _("Say why the planned date moves.")})
    milestone.name, milestone.planned_date, milestone.is_sample = name.strip(), planned_date, False
    milestone.full_clean()
    attribute(milestone, actor.user_id, reason.strip())
    milestone.save()
    return milestone


@transaction.atomic
def milestone_remove(*, actor: Actor, milestone: ProjectMilestone, reason: str) -> None:
    """Remove a milestone not reached yet, with the reason kept in the audit trail."""
    denial = project_edit_denial(actor=actor, project=milestone.project)
    if denial is not None:
        raise PermissionDenied(denial)
    if milestone.reached_date is not None:
        raise ValidationError(_("A reached milestone cannot be removed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the milestone is removed.")})
    attribute(milestone, actor.user_id, reason.strip())
    milestone.delete()


def claimable(project: Project, report: models.Model | None = None) -> list[ProjectMilestone]:
    """Return the milestones a progress report on the project may mark reached: unreached ones and its own."""
    wanted = Q(reached_date__isnull=True)
    if report is not None and report.pk:
        wanted |= Q(claims=report)
    return list(
        ProjectMilestone.objects.filter(wanted, project=project).distinct().order_by("planned_date", "pk")
    )


def claim_errors(project: Project, milestones: list[ProjectMilestone]) -> str | None:
    """Return why a report may not mark these milestones reached, or None."""
    for milestone in milestones:
        if milestone.project_id != project.pk:
            return _("“%(name)s” is not a milestone of this project.") % {"name": milestone.name}
        if milestone.reached_date is not None:
            return _("“%(name)s” was already reached on %(day)s.") % {
                "name": milestone.name,
                "day": milestone.reached_date.isoformat(),
            }
    return None


def overdue_ranges(on: date) -> tuple[Q, Q]:
    """Return the conditions of a milestone overdue on a day: unreached, or reached only after it.

    Together the queryset form of core.overdue.is_overdue(planned, on=on, done=reached) (a test keeps
    them equal); two index ranges, not a scan.
    """
    return (
        Q(reached_date__isnull=True, planned_date__lt=on),
        Q(reached_date__gt=on, planned_date__lt=on),
    )


def overdue_q(on: date) -> Q:
    """Return the condition of a milestone overdue on a day (see overdue_ranges)."""
    unreached, reached_later = overdue_ranges(on)
    return unreached | reached_later


def schedule_lags(project_ids: list[int], on: date) -> dict[int, calc.ScheduleLag]:
    """Return each listed project's schedule lag on a day; projects on schedule are left out."""
    rows = ProjectMilestone.objects.filter(overdue_q(on), project_id__in=project_ids).values_list(
        "project_id", "name", "planned_date", "reached_date"
    )
    by_project: dict[int, list[calc.Milestone]] = {}
    for project_id, name, planned, reached in rows:
        by_project.setdefault(project_id, []).append(calc.Milestone(name, planned, reached))
    lags = {pk: calc.schedule_lag(found, on) for pk, found in by_project.items()}
    return {pk: lag for pk, lag in lags.items() if lag is not None}


def behind_schedule(
    on: date, scope: QuerySet | None, limit: int = 20
) -> tuple[list[tuple[Project, calc.ScheduleLag]], int]:
    """Return the projects furthest behind their milestones on a day, and how many are behind.

    Furthest behind: the earliest overdue milestone first, then the project's id. Ranked and counted in
    one query over two index ranges read from the index alone (unreached; reached after the day), so
    the cost follows the overdue milestones, not every milestone ever planned.
    """
    arms: list[str] = []
    params: list = []
    for number, unreached in enumerate(overdue_ranges(on)):
        overdue = ProjectMilestone.objects.filter(unreached).order_by()
        if scope is not None:
            overdue = overdue.filter(project__in=scope)
        sql, arm_params = overdue.values_list("project_id", "planned_date").query.sql_with_params()
        arms.append(f"SELECT project_id, planned_date FROM ({sql}) AS arm{number}")
        params.extend(arm_params)
    query = (
        "SELECT project_id, COUNT(*) OVER () FROM ("
        f"SELECT project_id, MIN(planned_date) AS first FROM ({' UNION ALL '.join(arms)}) AS overdue "
        "GROUP BY project_id) AS firsts ORDER BY first, project_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, limit])
        found = cursor.fetchall()
    top = [project_id for project_id, _count in found]
    count = found[0][1] if found else 0
    lags = schedule_lags(top, on)
    projects = Project.objects.select_related("county").in_bulk(top)
    return [(projects[pk], lags[pk]) for pk in top], count
