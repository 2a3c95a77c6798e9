"""`make bundle`: the offline archive installs with `pip --no-index` into a new folder and serves."""

import os
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only(
        "the bundle installs its own SQLite install: it runs once, in the SQLite run of `make test`"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _offline_env(**extra: str) -> dict[str, str]:
    """Return an environment with no registry: no pip configuration, index or find-links of this machine."""
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PYTHON": sys.executable, **extra}


def test_the_offline_bundle_installs_without_a_registry_and_serves_the_login_page(tmp_path):
    archive = tmp_path / "lantu-bundle.tar.gz"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bundle.py"), "--output", str(archive)], check=True
    )
    with tarfile.open(archive) as bundle:
        names = bundle.getnames()
        bundle.extractall(tmp_path / "machine", filter="data")
    assert "lantu-bundle/install.sh" in names
    assert "lantu-bundle/app/static/vendor/swagger-ui/swagger-ui-bundle.js" in names
    assert "lantu-bundle/app/locale/zh_Hans/LC_MESSAGES/django.mo" in names
    assert any(name.startswith("lantu-bundle/wheels/django-5.") for name in names)

    port = _free_port()
    env = _offline_env(LANTU_PORT=str(port), LANTU_WORKERS="1", LANTU_THREADS="2")
    home = tmp_path / "machine" / "lantu-bundle"
    server = subprocess.Popen(
        [str(home / "install.sh")],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, page = 0, ""
        deadline = time.monotonic() + 420
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, page = _get(f"http://127.0.0.1:{port}/accounts/login/")
                break
            except OSError:
                time.sleep(1)
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        assert status == 200 and 'name="username"' in page
        health, body = _get(f"http://127.0.0.1:{port}/healthz")
        for _attempt in range(30):  # the worker's first heartbeat may come a moment after the server
            if health == 200:
                break
            time.sleep(1)
            health, body = _get(f"http://127.0.0.1:{port}/healthz")
        assert health == 200, body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert (home / "venv" / "bin" / "lantu").exists() and (home / "var" / "lantu.sqlite3").exists()
    # A new install's database is made from the models at once (lantu/lib/management/commands/migrate.py).
    assert "tables were made from the models" in server.stdout.read().decode()
