"""Benchmark the job queue: queue N small jobs, run them with the worker; prints timings, asserts nothing.

Usage:
  .venv/bin/python bench/jobs.py [--jobs 200]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/jobs.py   (PostgreSQL)

Without DATABASE_URL a throwaway SQLite database in a temporary directory is used.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def noop(*, progress, n: int) -> int:
    """A job of two progress steps and no work."""
    progress.step("start", 0, 1)
    progress.step("end", 1, 1)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("LANTU_VAR_DIR", tempfile.mkdtemp(prefix="lantu-bench-"))
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LANTU_JOBS_SYNC"] = "0"
    sys.modules.setdefault("bench_jobs", sys.modules[__name__])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lantu import jobs
    from lantu.jobs.models import Job

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    for n in range(args.jobs):
        jobs.enqueue("bench_jobs.noop", title=f"noop {n}", kwargs={"n": n})
    queued = time.perf_counter() - started
    started = time.perf_counter()
    call_command("worker", "--batch", "--no-schedule", stdout=io.StringIO())
    ran = time.perf_counter() - started
    done = Job.objects.filter(state="done").count()
    print(f"database: {connection.vendor}")
    print(f"queued {args.jobs} jobs in {queued:.2f} s ({1000 * queued / args.jobs:.1f} ms each)")
    rate, each = args.jobs / ran, 1000 * ran / args.jobs
    print(f"worker ran {done} jobs in {ran:.2f} s ({rate:.1f} jobs/s, {each:.1f} ms each)")


if __name__ == "__main__":
    main()
