"""`lantu serve` runs gunicorn with the workers and threads of the settings and refuses bad values."""

import os
import subprocess
import sys

import pytest


def _serve_print(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lantu.cli", "serve", "--print"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_runs_gunicorn_with_the_workers_threads_and_port_of_the_settings():
    result = _serve_print(LANTU_WORKERS="3", LANTU_THREADS="5", LANTU_PORT="8123")
    assert result.returncode == 0, result.stderr
    argv = result.stdout.split()
    assert argv[1:4] == ["-m", "gunicorn", "config.wsgi:application"]
    pairs = dict(zip(argv, argv[1:], strict=False))
    assert (pairs["--workers"], pairs["--threads"], pairs["--bind"]) == ("3", "5", "127.0.0.1:8123")


def test_serve_keeps_idle_connections_open_longer_than_a_proxy_would_reuse_them():
    # gunicorn's own default (2 s) closes connections that nginx (60 s) or a reporter pausing between
    # requests then reuses: the request fails with a broken pipe or a 502.
    for env, expected in (({}, "75"), ({"LANTU_KEEPALIVE": "5"}, "5")):
        argv = _serve_print(**env).stdout.split()
        assert dict(zip(argv, argv[1:], strict=False))["--keep-alive"] == expected


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("LANTU_WORKERS", "0", "LANTU_WORKERS=0 is out of range"),
        ("LANTU_THREADS", "many", "LANTU_THREADS='many' is not a whole number"),
        ("LANTU_PORT", "70000", "LANTU_PORT=70000 is out of range"),
    ],
)
def test_serve_refuses_to_start_with_a_bad_setting(variable, value, message):
    result = _serve_print(**{variable: value})
    assert result.returncode != 0
    assert message in result.stderr
