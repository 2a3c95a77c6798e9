"""Load test: concurrent reporters write progress reports and indicator values against `lantu serve`.

Prints requests, errors, lost writes (values clients were told were saved that the database does not hold)
and latency percentiles; asserts nothing. Bounded in clients, time and requests; loopback only: it starts
its own server on a free 127.0.0.1 port and stops it.

Usage:
  .venv/bin/python bench/load.py [--clients 200] [--duration 180] [--max-requests 200000]
                                 [--workers 2] [--threads 8] [--think 0] [--projects 3000]
                                 [--prefectures 2]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/load.py ...   (PostgreSQL)

Without DATABASE_URL a throwaway SQLite database in a temporary directory is used. `lantu generate`
fills it (projects over the prefectures' counties, 24 months, the last one open); the clients write as
the county reporters, each the reports of the open month its unit leads and has not yet submitted, and
the department reporters, the indicator values they enter. Each client owns its own (project, month)
reports and (indicator, year) values, so that every acknowledged write has exactly one expected value in
the database.

A request on a kept-alive connection that the server closed before reading it (a worker recycled after
--max-requests, or idle past LANTU_KEEPALIVE) is resent once on a new connection, as browsers do, and
counted as "resent", not as an error.

`--think S` makes each client pause a random time (exponential, mean S seconds) between its requests,
as a person entering figures does; 0 (the default) sends back to back, which measures saturation: with
every client always waiting, latency is the clients' number divided by the throughput, whatever the
server does.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lantu(*args: str, env: dict | None = None) -> str:
    command = [sys.executable, "-m", "lantu.cli", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def write_keys(now) -> list[tuple[str, str, int, str, int | None]]:
    """Return (user, kind, target id, period, version) each reporter may write now, by the domain's rules.

    Reports: the open months that have begun, of the projects the reporter's unit leads, whose report is
    not yet submitted or approved. Values: this year's value of the indicators the reporter enters.
    """
    from django.contrib.auth import get_user_model

    from lantu.core.periods import month_in_reach
    from lantu.dispatch.models import ProgressReport, ReportingPeriod
    from lantu.dispatch.services import report_check, report_edit_denial
    from lantu.indicators.models import Indicator
    from lantu.indicators.services import can_enter, check_period
    from lantu.orgs.access import actor_for
    from lantu.orgs.models import Role
    from lantu.projects.models import Project

    today = now.date()
    open_months: dict[int, list[str]] = {}
    for plan_id, period in ReportingPeriod.objects.filter(is_open=True).values_list("plan_id", "period"):
        try:
            open_months.setdefault(plan_id, []).append(month_in_reach(period, today))
        except ValueError:
            continue
    taken = set(
        ProgressReport.objects.filter(state__in=("submitted", "approved"), superseded=False).values_list(
            "project_id", "period"
        )
    )
    # The version of each draft as its editor opens it (the latest revision: the one a save changes).
    drafts = {
        (project_id, period): version
        for project_id, period, version in ProgressReport.objects.order_by("revision").values_list(
            "project_id", "period", "version"
        )
        if period in {month for months in open_months.values() for month in months}
    }
    projects = list(Project.objects.select_related("plan"))
    indicators = list(Indicator.objects.all())
    keys = []
    for user in get_user_model().objects.filter(membership__role=Role.REPORTER, is_active=True):
        actor = actor_for(user)
        for project in projects:
            if report_edit_denial(actor=actor, project=project) is not None:
                continue
            for period in open_months.get(project.plan_id, []):
                if (project.pk, period) in taken:
                    continue
                if not report_check(project, period, {"completed_investment": Decimal(1)})[1]:
                    opened = drafts.get((project.pk, period))
                    keys.append((user.username, "report", project.pk, period, opened))
        for indicator in indicators:
            if not can_enter(actor, indicator):
                continue
            try:
                period = check_period(indicator, str(now.year), now)
                keys.append((user.username, "value", indicator.pk, period, None))
            except Exception:  # noqa: BLE001 - a period this indicator does not take: not a key
                continue
    # One owner per target and period: two users never write the same thing.
    seen, owned = set(), []
    for key in keys:
        if key[1:4] not in seen:
            seen.add(key[1:4])
            owned.append(key)
    return owned


class Client(threading.Thread):
    """One reporter: writes its keys in turn until the time or the shared request budget runs out."""

    def __init__(self, number, port, tokens, keys, stop_at, budget, think=0.0):
        super().__init__(daemon=True)
        self.number, self.port, self.tokens, self.keys = number, port, tokens, keys
        self.think, self.random = think, random.Random(number)
        self.stop_at, self.budget = stop_at, budget
        self.latencies: list[float] = []
        self.samples: list[tuple[float, str, float]] = []  # (started, kind, latency) of each answer
        self.errors: dict[str, int] = {}
        self.saved: dict[tuple[str, int], Decimal] = {}  # (kind, row id) -> last acknowledged value
        self.versions: dict[tuple, int] = {}
        self.resent = 0  # requests resent once because the server had closed the kept-alive connection

    def _post(self, connection, path, token, body):
        started = time.perf_counter()
        connection.request(
            "POST",
            path,
            json.dumps(body),
            {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        response = connection.getresponse()
        data = response.read()
        self.latencies.append(time.perf_counter() - started)
        return response.status, data

    def run(self):
        connection, reused = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60), False
        sequence = 0
        while time.monotonic() < self.stop_at and self.budget.take():
            if self.think:
                time.sleep(
                    min(self.random.expovariate(1 / self.think), max(0.0, self.stop_at - time.monotonic()))
                )
                if time.monotonic() >= self.stop_at:
                    break  # the pause ran to the end: no request then (every client would send at once)
            user, kind, target, period, opened = self.keys[sequence % len(self.keys)]
            sequence += 1
            value = Decimal(self.number * 100_000 + sequence)  # whole: fits every decimal field
            if kind == "report":
                path = f"/api/v1/projects/{target}/reports"
                body = {"period": period, "completed_investment_wan_yuan": str(value)}
                version = self.versions.get((kind, target, period), opened)
                if version is not None:
                    body["version"] = version
            else:
                path = f"/api/v1/indicators/{target}/observations"
                body = {"period": period, "value": str(value), "submit": False}
            try:
                try:
                    status, data = self._post(connection, path, self.tokens[user], body)
                except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                    if not reused:
                        raise
                    # The server closed a kept-alive connection before reading the request (a worker
                    # recycled, or idle past the keep-alive): a browser resends on a new connection.
                    self.resent += 1
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                    status, data = self._post(connection, path, self.tokens[user], body)
            except (OSError, http.client.HTTPException) as exc:
                self.errors[type(exc).__name__] = self.errors.get(type(exc).__name__, 0) + 1
                connection.close()
                connection, reused = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60), False
                continue
            reused = True
            self.samples.append((time.monotonic() - self.latencies[-1], kind, self.latencies[-1]))
            if status not in (200, 201):
                label = f"HTTP {status}: {data[:120].decode(errors='replace')}"
                self.errors[label] = self.errors.get(label, 0) + 1
                continue
            answer = json.loads(data)
            if kind == "report":
                self.versions[(kind, target, period)] = answer["version"]
            self.saved[(kind, answer["id"])] = value
        connection.close()


class Budget:
    """The total number of requests all clients may still send."""

    def __init__(self, total: int):
        self.left, self.lock = total, threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True


def lost_writes(saved: dict[tuple[str, int], Decimal]) -> int:
    """Return how many acknowledged values the database does not hold."""
    from lantu.dispatch.models import ProgressReport
    from lantu.indicators.models import Observation

    reports = dict(
        ProgressReport.objects.filter(pk__in=[pk for kind, pk in saved if kind == "report"]).values_list(
            "pk", "completed_investment"
        )
    )
    values = dict(
        Observation.objects.filter(pk__in=[pk for kind, pk in saved if kind == "value"]).values_list(
            "pk", "value"
        )
    )
    lost = 0
    for (kind, pk), value in saved.items():
        stored = (reports if kind == "report" else values).get(pk)
        if stored is None or Decimal(stored) != value:
            lost += 1
            if lost <= 3:
                print(f"  lost: {kind} {pk} acknowledged {value}, database {stored}")
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=180, help="seconds of load (at most 600)")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--projects", type=int, default=3000, help="projects generated (`lantu generate`, 24 months)"
    )
    parser.add_argument("--prefectures", type=int, default=2)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean pause of a client between requests (s)"
    )
    args = parser.parse_args()
    if not (1 <= args.clients <= 1000 and 0 < args.duration <= 600):
        sys.exit("--clients must be 1..1000 and --duration 1..600 seconds")

    workdir = tempfile.mkdtemp(prefix="lantu-load-")
    os.environ.setdefault("LANTU_VAR_DIR", workdir)
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env = dict(os.environ)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"{database}: migrating and generating {args.projects} projects in {workdir} …", flush=True)
    lantu("migrate", "--no-input", env=env)
    generate = f"generate --projects {args.projects} --months 24 --prefectures {args.prefectures}"
    lantu(*generate.split(), env=env)

    import django
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    django.setup()
    from lantu.orgs.services import api_token_create

    now = timezone.now()
    keys = write_keys(now)
    tokens = {
        name: api_token_create(
            user=get_user_model().objects.get(username=name), name="load", scope="write", days=None, now=now
        )
        for name in {key[0] for key in keys}
    }
    kinds = ", ".join(f"{sum(k[1] == kind for k in keys)} {kind}s" for kind in ("report", "value"))
    print(f"{len(keys)} writable (target, period) keys ({kinds}) for {args.clients} clients", flush=True)
    if len(keys) < args.clients:
        print(f"only {len(keys)} clients can own a key of their own: the others stay idle", flush=True)

    port = free_port()
    server_env = dict(
        env, LANTU_PORT=str(port), LANTU_WORKERS=str(args.workers), LANTU_THREADS=str(args.threads)
    )
    # LANTU_LOG_REQUESTS=1 logs the server's own time per request (server.log in the work folder).
    server_env.setdefault("LANTU_LOG_REQUESTS", "0")
    server = subprocess.Popen(
        [sys.executable, "-m", "lantu.cli", "serve"],
        env=server_env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(workdir) / "server.log", "w"),  # noqa: SIM115
    )
    try:
        for _ in range(600):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/accounts/login/")
                break
            except OSError:
                time.sleep(0.5)
        # Warm every worker before the clock starts.
        for _ in range(args.workers * 4):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("GET", "/accounts/login/")
            c.getresponse().read()
        budget = Budget(args.max_requests)
        started = time.monotonic()
        stop_at = started + args.duration
        # Each client owns keys[n::clients]; with more clients than keys the extra clients stay idle.
        clients = [
            Client(n, port, tokens, keys[n :: args.clients], stop_at, budget, args.think)
            for n in range(min(args.clients, len(keys)))
        ]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    latencies = sorted(x for client in clients for x in client.latencies)
    errors: dict[str, int] = {}
    saved: dict[tuple[str, int], Decimal] = {}
    for client in clients:
        saved.update(client.saved)
        for label, count in client.errors.items():
            errors[label] = errors.get(label, 0) + count
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    setup = f"{args.workers} workers x {args.threads} threads, think {args.think:g} s"
    print(f"{database}, {args.clients} clients, {elapsed:.0f} s, {setup}")
    print(f"requests      {len(latencies)}  ({len(latencies) / elapsed:.1f}/s)")
    print(f"errors        {sum(errors.values())}")
    resent = sum(client.resent for client in clients)
    print(f"resent        {resent}  (on a new connection: the server had closed a kept-alive one)")
    for label, count in sorted(errors.items(), key=lambda item: -item[1])[:5]:
        print(f"  {count:6d}  {label}")
    print(f"saved rows    {len(saved)}")
    print(f"lost writes   {lost_writes(saved)}")
    print(f"latency ms    p50 {cuts[49] * 1000:.0f}   p95 {cuts[94] * 1000:.0f}   p99 {cuts[98] * 1000:.0f}")
    samples = [sample for client in clients for sample in client.samples]
    for kind in sorted({kind for _at, kind, _latency in samples}):
        print(f"  {kind:<12}{_percentiles([x for _at, k, x in samples if k == kind])}")
    for minute in range(int(elapsed // 60) + 1):
        window = [x for at, _kind, x in samples if minute * 60 <= at - started < (minute + 1) * 60]
        print(f"  minute {minute + 1:<5}{_percentiles(window)}")


def _percentiles(latencies: list[float]) -> str:
    """Return the count and p50/p95/p99 (ms) of some latencies."""
    if len(latencies) < 2:
        return f"{len(latencies):6d}"
    cuts = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = (round(cuts[n] * 1000) for n in (49, 94, 98))
    return f"{len(latencies):6d}   p50 {p50}   p95 {p95}   p99 {p99}"


if __name__ == "__main__":
    main()
