"""Remove stored files that no row refers to: what a process killed inside its transaction left behind.

`lib/files.files_atomic` removes the files of a transaction that fails; a process killed with -9 (or a
power loss) never gets to, so the worker's schedule runs this sweep daily and `lantu files sweep` runs it
by hand. Only files older than the grace period are touched (a younger one may belong to a transaction
still running), staged uploads of unfinished jobs are kept, and every removal is logged and audited.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from lantu.jobs.services import job_held_names
from lantu.lib.files import Orphan, files_unreferenced
from lantu.orgs.audit import Event, audit_record

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sweep:
    """What a sweep found, and whether it removed it."""

    orphans: list[Orphan]
    removed: bool

    @property
    def size(self) -> int:
        return sum(orphan.size for orphan in self.orphans)


def sweep_grace() -> timedelta:
    """Return how old an unreferenced file must be before the sweep removes it."""
    return timedelta(hours=settings.LANTU_FILES_SWEEP_GRACE_HOURS)


def files_sweep(
    *, now: datetime, grace: timedelta | None = None, dry_run: bool = False, by: str = ""
) -> Sweep:
    """Remove (or with dry_run only list) stored files no row refers to, older than the grace period."""
    orphans = files_unreferenced(
        now=now, grace=sweep_grace() if grace is None else grace, keep=job_held_names()
    )
    if dry_run:
        return Sweep(orphans, removed=False)
    for orphan in orphans:
        orphan.storage.delete(orphan.name)
        logger.warning(
            "files sweep removed %s (%d bytes, written %s)", orphan.name, orphan.size, orphan.modified
        )
    if orphans:
        names = ", ".join(orphan.name for orphan in orphans)
        audit_record(
            event=Event.ADMIN,
            now=now,
            username=by,
            detail=f"files sweep removed {len(orphans)} unreferenced files: {names}"[:2000],
        )
    return Sweep(orphans, removed=True)


def sweep_orphan_files(*, progress) -> int:
    """Scheduled: remove the unreferenced stored files older than the grace period; return how many."""
    progress.step("sweep", 0, 1)
    swept = files_sweep(now=timezone.now(), by="schedule")
    progress.step("sweep", 1, 1)
    return len(swept.orphans)
