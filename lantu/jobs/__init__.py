"""Background jobs: a durable queue in the database (django-tasks' database backend) with progress.

The public calls, for every app:

- ``jobs.enqueue(func, *, title, kwargs=None, user_id=None, subject="", max_attempts=1)``: record a job and
  queue it; the worker (``lantu worker``) runs ``func(progress=..., **kwargs)`` later. Enqueueing joins the
  caller's transaction: a rolled-back action queues nothing.
- ``Progress.step(name, done, total)`` inside a job: the step it is on, for the page and the command line.
"""

from typing import Any


def enqueue(func: str, **options: Any):
    """Record a job that runs the function at the dotted path ``func``; see services.job_enqueue."""
    from lantu.jobs.services import job_enqueue

    return job_enqueue(func=func, **options)
