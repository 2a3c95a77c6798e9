"""The one django-tasks task: run a recorded job. The queue entry carries only the job's id."""

from django_tasks import task


@task()
def run_job(job_id: int) -> None:
    """Run the job in the worker that claimed this queue entry."""
    from lantu.jobs import worker
    from lantu.jobs.services import job_run

    job_run(job_id, worker_id=worker.state.worker_id, echo=worker.state.echo)
