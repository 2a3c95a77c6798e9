"""Benchmark the dispatch pages on a generated database; prints timings, asserts nothing.

Usage:
  .venv/bin/python bench/dispatch.py [--projects 10000] [--months 60] [--runs 5]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/dispatch.py   (PostgreSQL)

Without DATABASE_URL a throwaway SQLite database in a temporary directory is used.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="lantu-bench-")
    os.environ.setdefault("LANTU_VAR_DIR", workdir)
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LANTU_ALLOWED_HOSTS"] = "testserver"
    os.makedirs(Path(os.environ["LANTU_VAR_DIR"]) / "static", exist_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lantu.demo.generate import generate
    from lantu.dispatch.models import ProgressReport
    from lantu.orgs.models import Membership, OrgUnit
    from lantu.plans.models import Plan
    from lantu.projects.models import Project

    engine = connection.vendor
    call_command("migrate", verbosity=0)
    if Plan.objects.filter(code="gen-plan").exists():
        # LANTU_VAR_DIR (or DATABASE_URL) pointed at a database generated before: measure it again.
        print(
            f"{engine}: reusing {Project.objects.count()} projects, {ProgressReport.objects.count()} reports"
        )
    else:
        started = time.perf_counter()
        done = generate(projects=args.projects, months=args.months, last="2026-10")
        took = time.perf_counter() - started
        print(
            f"{engine}: generated {done.projects} projects, {done.reports} reports in {took:.0f} s",
            flush=True,
        )
    with connection.cursor() as cursor:
        # PostgreSQL's autovacuum would do this after a bulk load; index-only scans need the visibility map.
        cursor.execute("VACUUM ANALYZE" if engine == "postgresql" else "ANALYZE")
    pref, county = OrgUnit.objects.get(code="gen-pref"), OrgUnit.objects.get(code="gen-c01")
    planner, created = User.objects.get_or_create(username="bench-planner")
    if created:
        Membership.objects.create(user=planner, unit=OrgUnit.objects.get(code="gen-d01"), role="planner")
    reporter, created = User.objects.get_or_create(username="bench-reporter")
    if created:
        Membership.objects.create(user=reporter, unit=county, role="reporter")
    assert pref
    settings.DEBUG = False
    project = OrgUnit.objects.get(code="gen-c01").county_projects.first()
    pages = [
        ("planner", "/projects/dispatch/?period=2026-09"),
        ("planner", "/projects/dispatch/review/"),
        ("planner", "/projects/dispatch/reminders/"),
        ("planner", "/projects/dispatch/periods/"),
        ("planner", "/projects/problems/"),
        ("planner", "/"),
        ("planner", "/projects/"),
        ("reporter", "/projects/dispatch/unit/"),
        ("reporter", f"/projects/{project.pk}/"),
    ]
    clients = {"planner": Client(), "reporter": Client()}
    clients["planner"].force_login(planner)
    clients["reporter"].force_login(reporter)
    print(f"{'page':45} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for who, url in pages:
        client = clients[who]
        client.get(url)  # warm the caches
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - begin) * 1000)
            if response.status_code != 200:
                print(f"{url}: HTTP {response.status_code}")
        print(
            f"{who + ' ' + url:45} {statistics.median(times):10.0f} {max(times):8.0f} {len(queries):8d}",
            flush=True,
        )


if __name__ == "__main__":
    main()
