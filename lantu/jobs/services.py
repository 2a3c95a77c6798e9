"""Writes for background jobs: enqueue, run with progress, fail with a reason in Chinese, retry, recover.

A job's function is called as ``func(progress=Progress, **kwargs)``. It computes first and writes its
results through a service that is one transaction, so a failure leaves nothing half-written; the
progress rows are written outside that transaction so pages can read them while the job runs.
"""

import logging
import os
import socket
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lantu.core import schedule
from lantu.jobs.models import Job, ScheduledRun, WorkerBeat
from lantu.lib.errors import error_text

logger = logging.getLogger(__name__)
State = Job.State
# A failed attempt of a job with attempts left is queued again after RETRY_DELAY * 2^(attempt-1).
RETRY_DELAY = timedelta(seconds=30)


class Progress:
    """The progress callback handed to a job: the step it is on and how far it got."""

    def __init__(self, job_id: int | None = None, echo=None) -> None:
        self.job_id = job_id
        self.echo = echo

    def step(self, name: str, done: int | None = None, total: int | None = None) -> None:
        """Record the step the job is on, and optionally how many of how many things are done."""
        fields: dict[str, Any] = {"step": str(name)[:200], "updated_at": timezone.now()}
        if done is not None:
            fields["done"] = max(0, int(done))
        if total is not None:
            fields["total"] = max(0, int(total))
        if self.job_id is not None:
            Job.objects.filter(pk=self.job_id).update(**fields)
        if self.echo is not None:
            self.echo(_progress_line(self.job_id, fields))

    def __call__(self, percent: int, message: str) -> None:
        """Take the (percent, message) callbacks of the report exporters."""
        self.step(message, done=max(0, min(int(percent), 100)), total=100)


def _progress_line(job_id: int | None, fields: dict[str, Any]) -> str:
    counts = f" [{fields['done']}/{fields['total']}]" if "done" in fields and "total" in fields else ""
    return f"job {job_id}{counts} {fields['step']}"


def _queue(job: Job, run_after: datetime | None = None) -> None:
    if settings.LANTU_JOBS_SYNC:
        # tests and one-off commands: run at once, in this process
        job_run(job.pk)
        return
    from lantu.jobs.tasks import run_job

    task = run_job.using(run_after=run_after) if run_after else run_job
    result = task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))


def job_enqueue(
    *,
    func: str,
    title: str,
    kwargs: dict[str, Any] | None = None,
    user_id: int | None = None,
    subject: str = "",
    max_attempts: int = 1,
    language: str | None = None,
    now: datetime | None = None,
) -> Job:
    """Record a job running ``func(progress=..., **kwargs)`` and queue it in the caller's transaction.

    ``kwargs`` must be JSON (ids, not objects). With LANTU_JOBS_SYNC the job runs at once, inline.
    """
    import_string(func)  # a wrong path fails now, in the caller, not later in the worker
    job = Job.objects.create(
        func=func,
        title=str(title)[:200],
        kwargs=kwargs or {},
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        subject=subject,
        max_attempts=max(1, max_attempts),
        created_by_id=user_id,
        created_at=now or timezone.now(),
    )
    _queue(job)
    job.refresh_from_db()
    return job


def failure_text(exc: BaseException) -> str:
    """Return why a job failed, in the user's language: a refusal's own words or the error."""
    if isinstance(exc, ValidationError | PermissionDenied):
        return error_text(exc)
    return _("The job failed: %(error)s") % {"error": exc or type(exc).__name__}


def job_run(job_id: int, *, worker_id: str = "", echo=None) -> Job:
    """Run a queued job once; a failure is recorded in Chinese and queued again while attempts are left."""
    job = Job.objects.get(pk=job_id)
    if job.state in (State.DONE, State.FAILED):
        return job  # a retry queues the job again; an old queue entry of a finished job does nothing
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        state=State.RUNNING, attempts=job.attempts + 1, started_at=now, updated_at=now, worker_id=worker_id
    )
    job.refresh_from_db()
    progress = Progress(job.pk, echo=echo)
    with translation.override(job.language):
        try:
            result = import_string(job.func)(progress=progress, **job.kwargs)
        except Exception as exc:  # any failure becomes the job's reason, never a dead worker
            logger.warning("job %s (%s) failed: %s", job.pk, job.func, exc, exc_info=True)
            return _failed(job, failure_text(exc))
    job.refresh_from_db()
    job.state, job.error, job.finished_at = State.DONE, "", timezone.now()
    job.updated_at = job.finished_at
    job.result = result if isinstance(result, dict | list | str | int | float | bool) else None
    job.done = job.total = max(job.total, 1) if job.total <= job.done or not job.total else job.total
    job.save()
    if echo is not None:
        echo(f"job {job.pk} {_('done')}")
    return job


def _failed(job: Job, reason: str) -> Job:
    job.refresh_from_db()
    job.error, job.updated_at = reason, timezone.now()
    if job.attempts < job.max_attempts:
        job.state = State.QUEUED
        job.save()
        _queue(job, run_after=timezone.now() + RETRY_DELAY * 2 ** (job.attempts - 1))
    else:
        job.state, job.finished_at = State.FAILED, job.updated_at
        job.save()
    return job


def job_retry(*, user, job: Job, now: datetime) -> Job:
    """Queue a failed job again, for the person who started it or an administrator."""
    if not (user.is_superuser or (job.created_by_id and job.created_by_id == user.pk)):
        raise PermissionDenied(_("Only the person who started this job or an administrator may retry it."))
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != State.FAILED:
            raise ValidationError(_("Only a failed job can be retried."))
        job.state, job.error, job.attempts, job.step = State.QUEUED, "", 0, ""
        job.done, job.started_at, job.finished_at, job.updated_at = 0, None, None, now
        job.save()
        _queue(job)
    job.refresh_from_db()
    return job


def worker_beat(*, worker_id: str, started_at: datetime, now: datetime) -> None:
    """Record that a worker is alive now."""
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "seen_at": now,
            "started_at": started_at,
            "host": socket.gethostname()[:200],
            "pid": os.getpid(),
        },
    )


def worker_stale_after() -> timedelta:
    """Return how long a silent worker counts as alive."""
    return timedelta(seconds=settings.LANTU_WORKER_STALE_SECONDS)


@transaction.atomic
def jobs_recover(*, now: datetime) -> int:
    """Fail the running jobs whose worker stopped beating (a restart); return how many."""
    alive = WorkerBeat.objects.filter(seen_at__gte=now - worker_stale_after()).values_list(
        "worker_id", flat=True
    )
    running = Job.objects.select_for_update().filter(state=State.RUNNING).exclude(worker_id="")  # "": inline
    stuck = running.exclude(worker_id__in=list(alive))
    count = 0
    for job in stuck:
        job.state, job.finished_at = State.FAILED, now
        job.error = _("The job was interrupted when its worker stopped; retry it.")
        job.save()
        count += 1
    return count


def schedule_entries() -> list[schedule.Entry]:
    """Return the scheduled work of settings.LANTU_SCHEDULE."""
    return [schedule.parse(raw) for raw in settings.LANTU_SCHEDULE]


def schedule_tick(*, now: datetime) -> list[Job]:
    """Queue each scheduled piece of work that is due and not yet queued for its slot; return the jobs."""
    local = timezone.localtime(now)
    queued = []
    for entry in schedule_entries():
        slot = schedule.due_slot(entry, local)
        if slot is None or ScheduledRun.objects.filter(name=entry.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=entry.name, slot=slot, queued_at=now)
                job = job_enqueue(
                    func=entry.func, title=entry.name, kwargs={}, subject=f"schedule:{entry.name}", now=now
                )
                run.job = job
                run.save(update_fields=["job"])
        except IntegrityError:
            continue  # another worker queued it first
        queued.append(job)
    return queued


def queue_prune(*, progress, days: int = 7) -> int:
    """Delete the queue's finished entries older than `days` (the Job rows stay); return how many.

    An upload a failed job kept for its retry (``kwargs["staged"]``) is removed too once the job has
    not been retried for `days`.
    """
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    abandoned = Job.objects.filter(state=State.FAILED, finished_at__lt=cutoff, kwargs__has_key="staged")
    for kwargs in abandoned.values_list("kwargs", flat=True):
        default_storage.delete(str(kwargs["staged"]))
    progress.step("prune", 1, 1)
    return deleted


def job_held_names() -> set[str]:
    """Return the texts in the arguments of unfinished jobs (a staged upload waits there for its job)."""
    held: set[str] = set()
    for kwargs in Job.objects.exclude(state=State.DONE).values_list("kwargs", flat=True):
        if isinstance(kwargs, dict):
            held.update(value for value in kwargs.values() if isinstance(value, str))
    return held
