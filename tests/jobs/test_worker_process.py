"""Across real processes: one command queues a job and exits, a separate worker process completes it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

LANTU = str(Path(sys.executable).with_name("lantu"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only(
        "the processes share their own SQLite file: it runs once, in the SQLite run of `make test`"
    ),
]


def _run(env, *args) -> str:
    done = subprocess.run([LANTU, *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.filterwarnings("ignore")
def test_a_job_queued_by_a_process_that_ended_is_run_by_a_new_worker_process(tmp_path, migrated_sqlite_file):
    env = os.environ | {
        "LANTU_VAR_DIR": str(tmp_path),
        "LANTU_SECRET_KEY": "test-only",
        "DATABASE_URL": f"sqlite:///{migrated_sqlite_file}",
        "LANTU_JOBS_SYNC": "0",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _run(env, "migrate", "--no-input")
    queued = _run(env, "generate", "--projects", "2", "--months", "2", "--last", "2026-02", "--background")
    job_id = queued.split()[1]
    assert _run(env, "jobs", job_id).startswith(f"job {job_id} queued")
    worker = _run(env, "worker", "--batch", "--no-schedule")
    assert f"job {job_id} [0/2]" in worker
    assert _run(env, "jobs", job_id).startswith(f"job {job_id} done 100%")
