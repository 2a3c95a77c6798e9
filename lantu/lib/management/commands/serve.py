"""`lantu serve`: collect the static files and run the production server (gunicorn) from the settings."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


def gunicorn_argv() -> list[str]:
    """Return the command line of gunicorn for the settings: bind, workers, threads, timeouts."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--chdir",
        str(settings.BASE_DIR),
        "--name",
        "lantu",
        "--bind",
        f"{settings.LANTU_HOST}:{settings.LANTU_PORT}",
        "--workers",
        str(settings.LANTU_WORKERS),
        "--threads",
        str(settings.LANTU_THREADS),
        # gthread even with one thread: a slow client holds a thread, not a whole process.
        "--worker-class",
        "gthread",
        "--timeout",
        str(settings.LANTU_TIMEOUT),
        "--keep-alive",
        str(settings.LANTU_KEEPALIVE),
        "--graceful-timeout",
        "30",
        # Recycle a process now and then, staggered, so a slow leak never grows for months.
        "--max-requests",
        "5000",
        "--max-requests-jitter",
        "500",
        # Requests are logged by lantu.request (one line with id, user and time); gunicorn logs its own life.
        "--error-logfile",
        "-",
        # No control socket: its default path is per user, shared by every instance on the machine.
        "--no-control-socket",
    ]


class Command(BaseCommand):
    help = "Run Lantu's production server (gunicorn; LANTU_HOST, LANTU_PORT, LANTU_WORKERS, LANTU_THREADS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Serve the static files collected before."
        )
        parser.add_argument(
            "--print", action="store_true", help="Print the server's command line instead of running it."
        )

    def handle(self, *args, no_collectstatic=False, print=False, **options):
        argv = gunicorn_argv()
        if print:
            self.stdout.write(" ".join(argv))
            return
        env = dict(os.environ, LANTU_STATIC_MANIFEST="1", DJANGO_SETTINGS_MODULE="config.settings")
        if not no_collectstatic:
            # In a new process: the hashed, compressed storage is chosen when the settings load.
            subprocess.run(
                [sys.executable, "-m", "lantu.cli", "collectstatic", "--no-input", "-v", "0"],
                env=env,
                check=True,
            )
        self.stdout.write(
            f"Lantu on http://{settings.LANTU_HOST}:{settings.LANTU_PORT}/ "
            f"({settings.LANTU_WORKERS} workers x {settings.LANTU_THREADS} threads)"
        )
        self.stdout.flush()
        os.execve(sys.executable, argv, env)
