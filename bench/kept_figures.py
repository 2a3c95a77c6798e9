"""Time the pages that read the dispatch figures at several sizes; prints figures, asserts nothing.

Usage:
  .venv/bin/python bench/kept_figures.py [--projects 2000 20000] [--months 12] [--runs 5] [--root DIR]

For each size: a throwaway SQLite database, `lantu.demo.generate` (bulk_create) for the projects and
their monthly reports, `kept.rebuild()` when the tree has kept figures (timed), then per page the median
and slowest of `--runs` requests through Django's test client and the number of queries. `--root` runs
another checkout's code (e.g. one extracted with `git archive`) to compare before and after.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES = (
    ("planner", "overview", "/projects/dispatch/?period=2026-11"),
    ("planner", "unit page (county)", "/projects/dispatch/unit/?unit=gen-c01"),
    ("reporter", "unit page (reporter)", "/projects/dispatch/unit/"),
    ("planner", "dashboard", "/"),
    ("planner", "reminders", "/projects/dispatch/reminders/"),
)


def measure(projects: int, months: int, runs: int) -> None:
    """Build one database of `projects` × `months` and print the pages' times (runs in a child process)."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    import lantu
    from lantu.demo.generate import generate
    from lantu.orgs.models import Membership, OrgUnit

    print(f"code: {Path(lantu.__file__).parent.parent}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    done = generate(projects=projects, months=months, last="2026-12")
    print(f"{projects} projects: {done.reports} reports generated in {time.perf_counter() - started:.0f} s")
    try:
        from lantu.dispatch import kept
    except ImportError:
        print("no kept figures in this tree")
    else:
        started = time.perf_counter()
        rows = kept.rebuild()
        print(f"kept.rebuild(): {rows} rows in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    users = {
        "planner": User.objects.create_user("bench-planner"),
        "reporter": User.objects.create_user("bench-rep"),
    }
    Membership.objects.create(
        user=users["planner"], unit=OrgUnit.objects.get(code="gen-pref"), role="planner"
    )
    Membership.objects.create(
        user=users["reporter"], unit=OrgUnit.objects.get(code="gen-c01"), role="reporter"
    )
    settings.DEBUG = False
    print(f"{'page':24} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for who, name, url in PAGES:
        client = Client()
        client.force_login(users[who])
        client.get(url)  # warm the caches
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - begin) * 1000)
        status = "" if response.status_code == 200 else f"  HTTP {response.status_code}"
        print(
            f"{name:24} {statistics.median(times):10.0f} {max(times):8.0f} {len(queries):8d}{status}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, args.root)
        measure(args.child, args.months, args.runs)
        return
    for size in args.projects:
        workdir = tempfile.mkdtemp(prefix="lantu-kept-bench-")
        os.makedirs(Path(workdir) / "static", exist_ok=True)
        env = os.environ | {
            "LANTU_VAR_DIR": workdir,
            "LANTU_SECRET_KEY": "bench",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "LANTU_ALLOWED_HOSTS": "testserver",
            "LANTU_OTP_REQUIRED": "0",  # the planner's pages, not the second-factor gate
            "LANTU_LOG_REQUESTS": "0",
        }
        env.pop("DATABASE_URL", None)
        command = [sys.executable, __file__, "--child", str(size), "--months", str(args.months)]
        subprocess.run(
            [*command, "--runs", str(args.runs), "--root", args.root], env=env, cwd=args.root, check=True
        )


if __name__ == "__main__":
    main()
