"""Load test: concurrent reporters write progress reports and indicator values against `lantu serve`.

Prints requests, errors, lost writes (values clients were told were saved that the database does not hold)
and latency percentiles; asserts nothing. Bounded in clients, time and requests; loopback only: it starts
its own server on a free 127.0.0.1 port and stops it.

Usage:
  .venv/bin/python bench/load.py [--clients 200] [--duration 180] [--max-requests 200000]
                                 [--workers 2] [--threads 8] [--think 0]
  .venv/bin/python scripts/with_postgres.py .venv/bin/python bench/load.py ...   (PostgreSQL)

Without DATABASE_URL a throwaway SQLite database in a temporary directory is used. The demo is loaded;
each client owns its own (project, month) reports and (indicator, year) values, so that every
acknowledged write has exactly one expected value in the database.

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
REPORTERS = ("mulei", "industry", "planner")
YEARS = (2027, 2028, 2029, 2030)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lantu(*args: str, env: dict | None = None) -> str:
    command = [sys.executable, "-m", "lantu.cli", *args]
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def write_keys(now) -> list[tuple[str, str, int, str]]:
    """Return (user, kind, target id, period) that each user may write, checked by the domain's rules."""
    from django.contrib.auth import get_user_model

    from lantu.dispatch.services import report_check, report_edit_denial
    from lantu.indicators.models import Indicator
    from lantu.indicators.services import can_enter, check_period
    from lantu.orgs.access import actor_for
    from lantu.projects.models import Project

    keys = []
    users = get_user_model().objects.filter(username__in=REPORTERS)
    for user in users:
        actor = actor_for(user)
        for project in Project.objects.select_related("plan"):
            if report_edit_denial(actor=actor, project=project) is not None:
                continue
            years = [y for y in YEARS if project.plan.baseline_year <= y <= project.plan.end_year]
            for period in (f"{year}-{month:02d}" for year in years for month in range(1, 13)):
                if not report_check(project, period, {"completed_investment": Decimal(1)})[1]:
                    keys.append((user.username, "report", project.pk, period))
        for indicator in Indicator.objects.all():
            if not can_enter(actor, indicator):
                continue
            for year in YEARS:
                try:
                    keys.append(
                        (user.username, "value", indicator.pk, check_period(indicator, str(year), now))
                    )
                except Exception:  # noqa: BLE001 - a period this indicator does not take: not a key
                    continue
    # One owner per target and period: two users never write the same thing.
    seen, owned = set(), []
    for key in keys:
        if key[1:] not in seen:
            seen.add(key[1:])
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
        self.errors: dict[str, int] = {}
        self.saved: dict[tuple[str, int], Decimal] = {}  # (kind, row id) -> last acknowledged value
        self.versions: dict[tuple, int] = {}

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
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sequence = 0
        while time.monotonic() < self.stop_at and self.budget.take():
            if self.think:
                time.sleep(
                    min(self.random.expovariate(1 / self.think), max(0.0, self.stop_at - time.monotonic()))
                )
            user, kind, target, period = self.keys[sequence % len(self.keys)]
            sequence += 1
            value = Decimal(self.number * 100_000 + sequence)  # whole: fits every decimal field
            if kind == "report":
                path = f"/api/v1/projects/{target}/reports"
                body = {"period": period, "completed_investment_wan_yuan": str(value)}
                if (kind, target, period) in self.versions:
                    body["version"] = self.versions[(kind, target, period)]
            else:
                path = f"/api/v1/indicators/{target}/observations"
                body = {"period": period, "value": str(value), "submit": False}
            try:
                status, data = self._post(connection, path, self.tokens[user], body)
            except (OSError, http.client.HTTPException) as exc:
                self.errors[type(exc).__name__] = self.errors.get(type(exc).__name__, 0) + 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
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
        "--think", type=float, default=0.0, help="mean pause of a client between requests (s)"
    )
    args = parser.parse_args()
    if not (1 <= args.clients <= 1000 and 0 < args.duration <= 600):
        sys.exit("--clients must be 1..1000 and --duration 1..600 seconds")

    workdir = tempfile.mkdtemp(prefix="lantu-load-")
    os.environ.setdefault("LANTU_VAR_DIR", workdir)
    os.environ.setdefault("LANTU_SECRET_KEY", "bench")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env = dict(os.environ, LANTU_DEMO="1")
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"{database}: migrating and loading the demo in {workdir} …", flush=True)
    lantu("migrate", "--no-input", env=env)
    lantu("load_demo", env=env)
    tokens = {user: lantu("api-token", user, "--scope", "write", env=env).strip() for user in REPORTERS}

    import django
    from django.utils import timezone

    django.setup()
    keys = write_keys(timezone.now())
    print(f"{len(keys)} writable (target, period) keys for {args.clients} clients", flush=True)
    if len(keys) < args.clients:
        print(f"only {len(keys)} clients can own a key of their own: the others stay idle", flush=True)

    port = free_port()
    server_env = dict(
        env, LANTU_PORT=str(port), LANTU_WORKERS=str(args.workers), LANTU_THREADS=str(args.threads)
    )
    server_env["LANTU_LOG_REQUESTS"] = "0"
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
    for label, count in sorted(errors.items(), key=lambda item: -item[1])[:5]:
        print(f"  {count:6d}  {label}")
    print(f"saved rows    {len(saved)}")
    print(f"lost writes   {lost_writes(saved)}")
    print(f"latency ms    p50 {cuts[49] * 1000:.0f}   p95 {cuts[94] * 1000:.0f}   p99 {cuts[98] * 1000:.0f}")


if __name__ == "__main__":
    main()
