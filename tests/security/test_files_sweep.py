"""Files left in storage by a process killed inside its transaction are swept; nothing else is."""

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from lantu.imports.models import ImportDocument
from lantu.jobs.models import Job
from lantu.lib.files import files_atomic, store_file
from lantu.orgs.models import AuditRecord
from lantu.orgs.sweep import files_sweep

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
AFTER_GRACE = timedelta(days=30)  # the sweeps below look from a month on, past any grace period

# Run in a separate process: read a document into the import, and hang right after its file is stored,
# inside the import's transaction, so that the test can kill it there.
KILLED_IMPORT = """
import sys, time
import django
django.setup()
from datetime import UTC, datetime
from lantu.imports import services
from lantu.orgs.access import Actor
from lantu.orgs.models import Role

stored = services.store_file

def store_then_hang(*args, **kwargs):
    name = stored(*args, **kwargs)
    print(name, flush=True)
    time.sleep(600)
    return name

services.store_file = store_then_hang
services.document_upload(
    actor=Actor(1, "planner", Role.PLANNER, None), user=None, filename="规划纲要.txt",
    data="第一章 总体要求\\n".encode() + b"x" * 4_000_000, title="", now=datetime.now(UTC),
)
"""


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored(media: Path) -> set[str]:
    return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}


def _database_url_for_a_subprocess(tmp_path: Path) -> str:
    """Return a URL at which another process finds this test's tables (SQLite: a copy of them)."""
    if connection.vendor == "postgresql":
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        return f"{base}/{connection.settings_dict['NAME']}"
    connection.ensure_connection()
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return f"sqlite:///{copy}"


def _import_killed_after_its_file_is_stored(tmp_path: Path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LANTU_VAR_DIR": str(tmp_path),  # media in tmp_path / "media", as the fixture's
        "LANTU_SECRET_KEY": "test-only",
        "DATABASE_URL": _database_url_for_a_subprocess(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        name = process.stdout.readline().strip()
        assert name, process.stderr.read()[-3000:]
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=60) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()
    return name


def _kept_files(world) -> set[str]:
    """Store what the sweep keeps: a committed import's file, a replaced one in history, a job's upload."""
    with files_atomic():
        doc = ImportDocument(
            title="t", filename="a.txt", text="t", uploaded_by=world.users["planner"], uploaded_at=NOW
        )
        first = store_file(doc.file, "a.txt", ContentFile(b"first"))
        doc.save()
    with files_atomic():
        second = store_file(doc.file, "b.txt", ContentFile(b"second"))
        doc.save()  # the first file is now referred to by the history only
    staged = "jobs/imports/large.pdf"
    doc.file.storage.save(staged, ContentFile(b"%PDF staged"))
    Job.objects.create(
        func="lantu.imports.services.document_upload_job",
        title="t",
        kwargs={"staged": staged},
        created_at=NOW,
    )
    return {first, second, staged}


@pytest.mark.django_db(transaction=True)  # another process reads the tables: no enclosing transaction
def test_the_sweep_removes_the_file_of_an_import_killed_inside_its_transaction_and_nothing_else(
    world, media, tmp_path
):
    kept = _kept_files(world)
    orphan = _import_killed_after_its_file_is_stored(tmp_path)
    assert _stored(media) == kept | {orphan}  # the killed process left its file behind
    assert not ImportDocument.objects.filter(file=orphan).exists()

    swept = files_sweep(now=datetime.now(UTC) + AFTER_GRACE, by="test")

    assert [o.name for o in swept.orphans] == [orphan]
    assert _stored(media) == kept
    record = AuditRecord.objects.get(detail__contains="files sweep")
    assert record.event == AuditRecord.Event.ADMIN and orphan in record.detail


def test_an_unreferenced_file_younger_than_the_grace_period_is_kept(world, media):
    with files_atomic():
        young = store_file(
            ImportDocument().file, "young.txt", ContentFile(b"x")
        )  # a transaction still running
    assert files_sweep(now=datetime.now(UTC), grace=timedelta(hours=24)).orphans == []
    assert _stored(media) == {young}


def test_a_dry_run_lists_the_orphans_and_removes_nothing(world, media, capsys):
    with files_atomic():
        orphan = store_file(ImportDocument().file, "orphan.txt", ContentFile(b"x"))

    call_command("files", "sweep", "--dry-run", "--grace-hours", "0")

    out = capsys.readouterr().out
    assert f"would remove {orphan}" in out
    assert _stored(media) == {orphan}
    assert not AuditRecord.objects.filter(detail__contains="files sweep").exists()
    call_command("files", "sweep", "--grace-hours", "0")
    assert _stored(media) == set()


def test_the_worker_schedule_runs_the_sweep_daily(settings):
    entry = next(e for e in settings.LANTU_SCHEDULE if e["func"] == "lantu.orgs.sweep.sweep_orphan_files")
    assert entry["every"] == "day"
