"""The worker loop of `lantu worker`: heartbeat, recovery, schedule, then the queued tasks."""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from lantu.jobs import services

logger = logging.getLogger(__name__)
BEAT_EVERY = 15.0  # seconds
ROUND = 20  # tasks run between two looks at the heartbeat and the schedule


@dataclass
class WorkerState:
    """What the running worker process is: its id and where progress lines go."""

    worker_id: str = ""
    echo: Callable[[str], None] | None = None


state = WorkerState()


class _Beat(threading.Thread):
    """Beat while a long job runs, on its own connection."""

    def __init__(self, worker_id: str, started_at) -> None:
        super().__init__(name="lantu-worker-beat", daemon=True)
        self.worker_id, self.started_at = worker_id, started_at
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(BEAT_EVERY):
            try:
                services.worker_beat(worker_id=self.worker_id, started_at=self.started_at, now=timezone.now())
            except Exception:  # a locked or lost database: try again at the next beat
                logger.warning("worker heartbeat failed", exc_info=True)
            finally:
                connection.close()


def _round(started_at, schedule: bool, echo: Callable[[str], None] | None) -> int:
    """Beat, recover, queue what the schedule says is due, then run what is queued."""
    close_old_connections()
    now = timezone.now()
    services.worker_beat(worker_id=state.worker_id, started_at=started_at, now=now)
    services.jobs_recover(now=now)
    if schedule:
        for job in services.schedule_tick(now=now):
            if echo:
                echo(f"job {job.pk} queued by the schedule: {job.title}")
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=ROUND,  # come back to beat and look at the schedule at least this often
        worker_id=state.worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def run(
    *,
    batch: bool = False,
    interval: float = 1.0,
    schedule: bool = True,
    echo: Callable[[str], None] | None = None,
    worker_id: str | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Run queued jobs until stopped; with batch, run what is queued (and due) and return."""
    state.worker_id = worker_id or get_random_string(16)
    state.echo = echo
    started_at = timezone.now()
    beat = _Beat(state.worker_id, started_at)
    beat.start()
    try:
        while True:
            ran = 0
            try:
                ran = _round(started_at, schedule, echo)
            except DatabaseError:  # a locked or lost database: the worker waits and tries again
                logger.warning("worker round failed; trying again", exc_info=True)
                connection.close()
            if should_stop() or (batch and ran < ROUND):
                return
            if ran == ROUND:
                continue  # more may be waiting
            time.sleep(interval)
            if should_stop():
                return
    finally:
        beat.stopping.set()
