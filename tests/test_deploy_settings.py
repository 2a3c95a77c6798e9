"""Transport settings: LANTU_HTTPS=1 passes Django's deployment checks; bad values stop the start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
LANTU = [sys.executable, "-m", "django"]


def _run(args, tmp_path, **env):
    # Not this run's settings, nor the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (set at their collection).
    skip = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LANTU_") and k not in skip}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LANTU_VAR_DIR=str(tmp_path),
        LANTU_SECRET_KEY="k7Qz-" + "x9Wv3Lm2Pq8Rt5Ys1Ua6Hb4Jc0Nd7Fe2Gg" * 2,
        **env,
    )
    return subprocess.run(
        LANTU + args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_an_https_install_passes_the_deployment_checks(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, LANTU_HTTPS="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_install_without_https_is_warned_by_the_deployment_checks(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path)
    assert result.returncode != 0 and "SECURE_HSTS_SECONDS" in result.stdout + result.stderr


def test_https_settings_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _run(["shell", "-c", code], tmp_path, LANTU_HTTPS="1", LANTU_TRUSTED_PROXIES="10.0.0.2")
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "True",
        "True",
        "31536000",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
    ]


def test_bad_security_values_stop_the_start(tmp_path):
    for env in (
        {"LANTU_HTTPS": "maybe"},
        {"LANTU_LOCKOUT_FAILURES": "0"},
        {"LANTU_SESSION_IDLE_MINUTES": "soon"},
        {"LANTU_AUDIT_RETENTION_DAYS": "30"},
        {"LANTU_OTP_ROLES": "planner,boss"},
        {"LANTU_PASSWORD_MIN_LENGTH": "4"},
    ):
        result = _run(["check"], tmp_path, **env)
        assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr, env


def test_postgresql_queries_start_no_parallel_workers_unless_the_install_asks(tmp_path):
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['options'])"
    url = {"DATABASE_URL": "postgres://lantu@127.0.0.1:5432/lantu"}  # read, never connected to
    assert _run(["shell", "-c", code], tmp_path, **url).stdout.split()[-2:] == [
        "-c",
        "max_parallel_workers_per_gather=0",
    ]
    asked = _run(["shell", "-c", code], tmp_path, LANTU_PG_PARALLEL_WORKERS="2", **url)
    assert asked.stdout.split()[-1] == "max_parallel_workers_per_gather=2"


def test_the_database_urls_own_options_stay_beside_lantus(tmp_path):
    """sslmode and the URL's own server options reach the connection; Lantu's setting is added to them."""
    code = (
        "from django.conf import settings as s; o = s.DATABASES['default']['OPTIONS'];"
        " print(o['sslmode'], '|', o['options'])"
    )
    url = "postgres://lantu@127.0.0.1:5432/lantu?sslmode=require&options=-c%20search_path%3Dlantu"
    result = _run(["shell", "-c", code], tmp_path, DATABASE_URL=url)
    assert result.stdout.strip().splitlines()[-1] == (
        "require | -c search_path=lantu -c max_parallel_workers_per_gather=0"
    ), result.stdout + result.stderr


@pytest.mark.django_db
def test_the_test_database_connection_runs_with_the_setting():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
