"""Run a command against a throwaway PostgreSQL server started here and stopped afterwards.

Usage: python scripts/with_postgres.py COMMAND [ARGS...]

The server lives in a temporary directory, listens on a free loopback port, trusts local
connections and is removed when the command ends. DATABASE_URL is set for the command.
When run as root, the server runs as the `postgres` system user (initdb refuses root).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def find_bin(name: str) -> str:
    """Return the path of a PostgreSQL server program."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if not candidates:
        sys.exit(f"{name} not found: install PostgreSQL (apt-get install postgresql)")
    return candidates[0]


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(argv: list[str], uid: int | None) -> list[str]:
    """Prefix a command so that it runs as the server's user."""
    if uid is None:
        return argv
    return ["runuser", "-u", pwd.getpwuid(uid).pw_name, "--", *argv]


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    uid = pwd.getpwnam("postgres").pw_uid if os.geteuid() == 0 else None
    workdir = tempfile.mkdtemp(prefix="lantu-pg-")
    datadir = os.path.join(workdir, "data")
    if uid is not None:
        os.chown(workdir, uid, -1)
    port = free_port()
    log = os.path.join(workdir, "server.log")
    subprocess.run(
        as_server_user(
            [
                find_bin("initdb"),
                "-D",
                datadir,
                "-U",
                "lantu",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            uid,
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=50"
    )
    subprocess.run(
        as_server_user([find_bin("pg_ctl"), "-D", datadir, "-l", log, "-o", options, "-w", "start"], uid),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        env = dict(os.environ, DATABASE_URL=f"postgres://lantu@127.0.0.1:{port}/postgres")
        print(f"PostgreSQL on 127.0.0.1:{port} ({workdir})", flush=True)
        return subprocess.run(sys.argv[1:], env=env).returncode
    finally:
        subprocess.run(
            as_server_user([find_bin("pg_ctl"), "-D", datadir, "-m", "fast", "-w", "stop"], uid),
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
