"""Reads of jobs: a person sees the jobs they started, an administrator everyone's."""

from django.db.models import QuerySet

from lantu.jobs.models import Job


def visible_jobs(user) -> QuerySet[Job]:
    """Return the jobs a user may follow: their own, or all for an administrator."""
    jobs = Job.objects.all()
    return jobs if user.is_superuser else jobs.filter(created_by=user)


def visible_job(user, pk) -> Job | None:
    """Return one job the user may follow, or None (also for a pk that is no number)."""
    try:
        return visible_jobs(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None
