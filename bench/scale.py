"""Province scale: the main pages and API lists at 1k, 10k (and 100k) projects x 60 months; prints only.

Usage:
  .venv/bin/python bench/scale.py [--sizes 1000,10000] [--months 60] [--prefectures 14] [--runs 7]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/scale.py   (PostgreSQL)

Each size is its own database (SQLite files in a temporary directory, or one PostgreSQL database per
size next to DATABASE_URL's), generated with `lantu.demo.generate` (timed) or reused when
LANTU_SCALE_DIR names a directory that already holds it. Then, run after run, every page of every
size is fetched in turn through Django's test client (interleaved, so a busy machine weighs on all
alike), beside the framework floor (an authenticated empty page) and the raw SQL of the page's
figures. Printed per size and page: median and p95 in ms, queries, growth from the size before,
and the ratios to the raw SQL and to the floor.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LAST = "2026-10"  # the last generated month (open); the pages show 2026-09
PERIOD = "2026-09"


def _setup() -> None:
    workdir = os.environ.get("LANTU_SCALE_DIR") or tempfile.mkdtemp(prefix="lantu-scale-")
    os.environ["LANTU_SCALE_DIR"] = workdir
    os.environ.setdefault("LANTU_VAR_DIR", workdir)
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LANTU_ALLOWED_HOSTS"] = "testserver"
    os.environ["LANTU_OTP_REQUIRED"] = "false"
    os.makedirs(Path(os.environ["LANTU_VAR_DIR"]) / "static", exist_ok=True)
    import django

    django.setup()
    import logging

    logging.getLogger("lantu.request").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)


def _floor_urls() -> None:
    """Serve an authenticated empty page beside the real ones: the framework's own cost."""
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    import config.urls

    module = types.ModuleType("bench_scale_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench-floor/", login_required(lambda request: HttpResponse("")))
    ] + list(config.urls.urlpatterns)
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


def _use(size: int) -> None:
    """Point the default connection at the database of a size."""
    from django.db import connection

    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(Path(os.environ["LANTU_SCALE_DIR"]) / f"scale-{size}.sqlite3")
    else:
        # The pool holds connections to the database it was made for: a new name needs a new pool.
        connection.close_pool()
        connection.settings_dict["NAME"] = f"{BASE_NAME}_scale_{size}" if size else BASE_NAME


BASE_NAME = ""


def _prepare(size: int, months: int, prefectures: int) -> None:
    """Create, migrate and fill the database of a size unless it is there already."""
    from django.core.management import call_command
    from django.db import connection

    from lantu.demo.generate import generate
    from lantu.projects.models import Project

    if connection.vendor == "postgresql":
        _use(0)
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{BASE_NAME}_scale_{size}"])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{BASE_NAME}_scale_{size}"')
    _use(size)
    with connection.cursor() as cursor:  # the generated rows must land in this size's own database
        cursor.execute("SELECT current_database()" if connection.vendor == "postgresql" else "SELECT 1")
        if connection.vendor == "postgresql":
            assert cursor.fetchone()[0] == f"{BASE_NAME}_scale_{size}"
    call_command("migrate", verbosity=0)
    if Project.objects.exists():
        print(f"{connection.vendor} {size}: reusing {Project.objects.count()} projects", flush=True)
        return
    started = time.perf_counter()
    done = generate(projects=size, months=months, last=LAST, prefectures=prefectures)
    took = time.perf_counter() - started
    print(
        f"{connection.vendor} {size}: generated {done.projects} projects, {done.reports} reports, "
        f"{done.prefectures} prefectures in {took:.0f} s",
        flush=True,
    )
    with connection.cursor() as cursor:
        # PostgreSQL's autovacuum would do this after a bulk load; index-only scans need the visibility map.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _raw(name: str, size: int) -> list[tuple[str, list]]:
    """Return the raw SQL of a page's figures (the statements a hand-written page would run)."""
    year = PERIOD[:4]
    deepest = _deepest_offset(size)
    month_ytd = (
        "SELECT SUM(a.planned_investment), SUM(r.cumulative_investment) FROM projects_annualplan a "
        "JOIN projects_project p ON p.id = a.project_id "
        "LEFT JOIN projects_progressreport r ON r.project_id = a.project_id AND r.period = %s "
        "AND r.state = 'approved' AND NOT r.superseded WHERE a.year = %s"
    )
    county = "SELECT id FROM orgs_orgunit WHERE code = 'gen-p01-c01'"
    prefecture = (
        "SELECT u.id FROM orgs_orgunit u JOIN orgs_orgunit p ON p.id = u.parent_id WHERE p.code = 'gen-p01'"
    )
    statements = {
        "dispatch overview": [(month_ytd, [PERIOD, int(year)])],
        "unit page (prefecture)": [(month_ytd + f" AND p.county_id IN ({prefecture})", [PERIOD, int(year)])],
        "unit page (reporter)": [(month_ytd + f" AND p.county_id IN ({county})", [PERIOD, int(year)])],
        "projects list": [
            ("SELECT COUNT(*), SUM(total_investment) FROM projects_project", []),
            ("SELECT id, code, name FROM projects_project ORDER BY code LIMIT 50", []),
        ],
        "projects list, one county": [
            (f"SELECT COUNT(*), SUM(total_investment) FROM projects_project "
             f"WHERE county_id IN ({county})", []),
            (f"SELECT id, code, name FROM projects_project WHERE county_id IN ({county}) "
             "ORDER BY code LIMIT 50", []),
        ],
        "dashboard": [(month_ytd, [PERIOD, int(year)])],
        "reminders": [
            (
                "SELECT p.lead_unit_id, COUNT(*) FROM projects_project p JOIN projects_reportingperiod rp "
                "ON rp.plan_id = p.plan_id AND rp.is_open WHERE NOT EXISTS (SELECT 1 FROM "
                "projects_progressreport r WHERE r.project_id = p.id AND r.period = rp.period AND "
                "r.state IN ('submitted', 'approved')) GROUP BY p.lead_unit_id",
                [],
            )
        ],
        "GET /api/v1/reports": [
            (
                "SELECT * FROM projects_progressreport ORDER BY period DESC, project_id, revision LIMIT 100",
                [],
            ),
            ("SELECT COUNT(*) FROM projects_progressreport", []),
        ],
        "GET /api/v1/reports, cursor page": [
            (
                "SELECT * FROM projects_progressreport WHERE period <= %s ORDER BY period DESC, project_id, "
                "revision LIMIT 100",
                [f"{int(year) - 2}-06"],
            )
        ],
        "GET /api/v1/projects, deepest offset": [
            ("SELECT * FROM projects_project ORDER BY code LIMIT 100 OFFSET %s", [deepest]),
            ("SELECT COUNT(*) FROM projects_project", []),
        ],
        "GET /api/v1/projects, cursor page": [
            ("SELECT * FROM projects_project WHERE code > %s ORDER BY code LIMIT 100",
             [f"gen-P{size // 2:06d}"])
        ],
        "region dashboard": [
            (month_ytd.replace("SELECT SUM", "SELECT p.county_id, SUM") + " GROUP BY p.county_id",
             [PERIOD, int(year)])
        ],
    }  # fmt: skip
    return statements.get(name, [])


def _deepest_offset(size: int) -> int:
    """Return the deepest offset of a 100-row page the API takes (deeper pages follow the cursor)."""
    from lantu.lib.pagination import COUNT_MAX

    return max(0, min(size, COUNT_MAX) - 100)


def _pages(size: int) -> list[tuple[str, str, str]]:
    """Return (name, user, url) of every page measured at a size (deep pages found through the API)."""
    deepest = _deepest_offset(size)
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="gen-region-planner"))
    reports = client.get("/api/v1/reports?limit=100&count=false").json()
    from lantu.dispatch.models import ProgressReport
    from lantu.lib.pagination import encode_cursor

    # A cursor half-way down the reports: a page far beyond any offset a client would send.
    middle = ProgressReport.objects.order_by("-period", "project_id", "revision").values_list(
        "period", "project_id", "revision"
    )[ProgressReport.objects.count() // 2]
    assert reports["next"]
    deep_report = encode_cursor(list(middle))
    deep_project = encode_cursor([f"gen-P{size // 2:06d}"])
    return [
        ("floor (authenticated empty page)", "region", "/bench-floor/"),
        ("dispatch overview", "region", f"/projects/dispatch/?period={PERIOD}"),
        ("unit page (prefecture)", "prefecture", "/projects/dispatch/unit/?unit=gen-p01"),
        ("unit page (reporter)", "reporter", "/projects/dispatch/unit/"),
        ("projects list", "region", "/projects/"),
        ("projects list, one county", "region", "/projects/?county=gen-p01-c01"),
        ("dashboard", "region", f"/?period={PERIOD}"),
        ("reminders", "region", "/projects/dispatch/reminders/"),
        ("GET /api/v1/reports", "region", "/api/v1/reports?limit=100"),
        ("GET /api/v1/reports, cursor page", "region", f"/api/v1/reports?limit=100&cursor={deep_report}"),
        ("GET /api/v1/projects, deepest offset", "region", f"/api/v1/projects?limit=100&offset={deepest}"),
        ("GET /api/v1/projects, cursor page", "region", f"/api/v1/projects?limit=100&cursor={deep_project}"),
        ("region dashboard", "region", f"/region/?period={PERIOD}"),
    ]  # fmt: skip


def _clients():
    from django.contrib.auth.models import User
    from django.test import Client

    users = {
        "region": "gen-region-planner",
        "prefecture": "gen-p01-planner",
        "reporter": "gen-p01-c01-reporter",
    }
    clients = {}
    for key, username in users.items():
        clients[key] = Client()
        clients[key].force_login(User.objects.get(username=username))
    return clients


def _time_raw(statements: list[tuple[str, list]]) -> float:
    from django.db import connection

    begin = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - begin) * 1000


def main() -> None:
    global BASE_NAME
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of projects, comma-separated")
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--prefectures", type=int, default=14)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    _setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    BASE_NAME = connection.settings_dict["NAME"]
    _floor_urls()
    settings.DEBUG = False
    for size in sizes:
        _prepare(size, args.months, args.prefectures)
    plan = {}
    for size in sizes:
        _use(size)
        plan[size] = (_pages(size), _clients())
    times: dict[tuple[int, str], list[float]] = {}
    raw: dict[tuple[int, str], list[float]] = {}
    queries: dict[tuple[int, str], int] = {}
    for run in range(args.runs + 1):  # the first run warms the caches and is not counted
        for size in sizes:
            _use(size)
            pages, clients = plan[size]
            for name, who, url in pages:
                with CaptureQueriesContext(connection) as captured:
                    begin = time.perf_counter()
                    response = clients[who].get(url)
                    took = (time.perf_counter() - begin) * 1000
                if response.status_code != 200:
                    print(f"{size} {name}: HTTP {response.status_code}", flush=True)
                statements = _raw(name, size)
                if run:
                    times.setdefault((size, name), []).append(took)
                    queries[(size, name)] = len(captured)
                    if statements:
                        raw.setdefault((size, name), []).append(_time_raw(statements))
        print(f"run {run}/{args.runs} done", file=sys.stderr, flush=True)
    _print(sizes, plan, times, raw, queries, connection.vendor)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def _print(sizes, plan, times, raw, queries, engine) -> None:
    print(f"\n{engine}, {len(os.sched_getaffinity(0))} cores, load {os.getloadavg()[0]:.1f}")
    header = (
        f"{'page':36} {'projects':>8} {'median':>8} {'p95':>8} {'queries':>7} {'growth':>7} "
        f"{'raw ms':>7} {'x raw':>6} {'x floor':>7}"
    )
    print(header)
    print("-" * len(header))
    names = [name for name, _who, _url in plan[sizes[0]][0]]
    # One floor for every size (the same empty page): a single size's few runs are too noisy for it.
    floor = statistics.median([value for size in sizes for value in times[(size, names[0])]])
    for name in names:
        previous = None
        for size in sizes:
            values = times[(size, name)]
            median = statistics.median(values)
            raw_ms = statistics.median(raw[(size, name)]) if (size, name) in raw else None
            growth = f"{median / previous:6.2f}x" if previous else ""
            print(
                f"{name[:36]:36} {size:8d} {median:8.0f} {_p95(values):8.0f} {queries[(size, name)]:7d} "
                f"{growth:>7} {raw_ms if raw_ms is not None else float('nan'):7.1f} "
                f"{median / raw_ms if raw_ms else float('nan'):6.1f} {median / floor:7.1f}"
            )
            previous = median
    print(
        "\nmedian/p95: ms through Django's test client; growth: median over the size before; raw: the "
        "page's figures in hand-written SQL; floor: an authenticated empty page."
    )


if __name__ == "__main__":
    main()
