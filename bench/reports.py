"""Benchmark report generation on a generated database; prints timings and file sizes, asserts nothing.

Usage:
  .venv/bin/python bench/reports.py [--projects 5000] [--months 10]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/reports.py   (PostgreSQL)

Without DATABASE_URL a throwaway SQLite database in a temporary directory is used.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=5_000)
    parser.add_argument("--months", type=int, default=10)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="lantu-bench-")
    os.environ.setdefault("LANTU_VAR_DIR", workdir)
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.makedirs(Path(os.environ["LANTU_VAR_DIR"]) / "static", exist_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lantu.demo.generate import generate
    from lantu.orgs.access import actor_for
    from lantu.orgs.models import OrgUnit
    from lantu.plans.models import Plan
    from lantu.reports import services

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    done = generate(projects=args.projects, months=args.months, last="2026-10")
    print(
        f"{connection.vendor}: generated {done.projects} projects, {done.reports} reports "
        f"in {time.perf_counter() - started:.0f} s"
    )
    settings.LANTU_JOBS_SYNC = True
    settings.MEDIA_ROOT = Path(workdir) / "media"
    pref = OrgUnit.objects.get(code="gen-pref")
    county = OrgUnit.objects.get(code="gen-c01")
    plan = Plan.objects.filter(projects__isnull=False).distinct().get()
    admin = actor_for(User.objects.create_superuser("bench-admin"))
    now = timezone.make_aware(timezone.datetime(2026, 11, 23, 10))
    print(f"{'report':22} {'scope':10} {'seconds':>8} {'KiB':>8}")
    kinds = ("stocktake", "bulletin", "project_ledger", "problem_ledger", "indicator_ledger", "task_ledger")
    for kind in kinds:
        for unit in (pref, county):
            started = time.perf_counter()
            report = services.report_request(
                actor=admin,
                kind=kind,
                plan=plan,
                unit=unit,
                year=2026,
                month=10,
                now=now,
                language="zh-hans",
            )
            took = time.perf_counter() - started
            size = report.file.size / 1024 if report.file else 0
            print(f"{kind:22} {unit.code:10} {took:8.2f} {size:8.0f}  {report.state} {report.message[:60]}")


if __name__ == "__main__":
    main()
