"""Build the offline install archive: wheels of every locked dependency, the app, its built assets.

Usage: python scripts/bundle.py [--output dist/lantu-bundle.tar.gz]

The archive unpacks to one folder with `install.sh`, `wheels/` (pip wheels of requirements.txt for this
machine's Python and architecture), `app/` (the source tree as checked out, with static/vendor built from
npm and the translations compiled) and `README-offline.txt`. On a machine without a registry,
`./install.sh` installs with `pip --no-index`, migrates and starts `lantu serve`.

The wheels are cached under var/bundle-wheels/<hash of requirements.txt>/ so that a rebuild after a code
change only re-packs the archive.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not needed to run Lantu: the tests, the front-end sources (their output is in static/vendor).
LEFT_OUT = ("tests/", "frontend/", ".ci/")
BUILT = ("static/vendor",)  # made by `make setup`, ignored by git, shipped in the bundle

INSTALL_SH = r"""#!/bin/sh
# Install Lantu from this folder without any registry: a virtual environment from the wheels here,
# the database migrated, then the worker and the server started (`lantu worker`, `lantu serve`).
#   ./install.sh              install, migrate and start
#   ./install.sh --no-start   install and migrate only
# LANTU_VAR_DIR (default: ./var next to this script) holds the database, the secret key and the uploads.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || {
  echo "Lantu's bundle needs Python 3.11 (found $("$PYTHON" --version 2>&1)); set PYTHON=..." >&2; exit 1; }
test -x "$HERE/venv/bin/python" || "$PYTHON" -m venv "$HERE/venv"
"$HERE/venv/bin/python" -m pip install --quiet --no-index --find-links "$HERE/wheels" \
  --disable-pip-version-check --no-compile -r "$HERE/app/requirements.txt"
# The app runs from app/: a .pth puts it on the environment's path; `venv/bin/lantu` runs its commands.
"$HERE/venv/bin/python" -c 'import sysconfig, sys; print(sysconfig.get_paths()["purelib"])' > "$HERE/.site"
echo "$HERE/app" > "$(cat "$HERE/.site")/lantu-app.pth"
rm -f "$HERE/.site"
export LANTU_VAR_DIR="${LANTU_VAR_DIR:-$HERE/var}"
cat > "$HERE/venv/bin/lantu" <<LAUNCHER
#!/bin/sh
export LANTU_VAR_DIR="\${LANTU_VAR_DIR:-$LANTU_VAR_DIR}"
exec "$HERE/venv/bin/python" -m lantu.cli "\$@"
LAUNCHER
chmod +x "$HERE/venv/bin/lantu"
mkdir -p "$LANTU_VAR_DIR"
if [ -z "${LANTU_SECRET_KEY:-}" ] && [ ! -s "$LANTU_VAR_DIR/secret_key" ]; then
  (umask 077 && "$HERE/venv/bin/python" -c "import secrets; print(secrets.token_urlsafe(50))" \
    > "$LANTU_VAR_DIR/secret_key")
fi
"$HERE/venv/bin/lantu" migrate --no-input
echo "Lantu installed in $HERE (data in $LANTU_VAR_DIR). Create an administrator with:"
echo "  $HERE/venv/bin/lantu createsuperuser"
if [ "${1:-}" != "--no-start" ]; then
  # The job worker (reports, reminders, escalation, the schedule) runs beside the server; in production
  # systemd runs both (docs/deploy.md).
  "$HERE/venv/bin/lantu" worker --verbosity 0 &
  exec "$HERE/venv/bin/lantu" serve
fi
"""

README = """Lantu offline bundle
====================
Needs: Linux on the architecture this bundle was built on, Python 3.11 (python3.11 -m venv works).
No network, no package registry.

  tar xzf lantu-bundle.tar.gz && cd lantu-bundle && ./install.sh

Settings come from the environment (see app/README.md and app/docs/deploy.md): LANTU_PORT, LANTU_HOST,
LANTU_WORKERS, LANTU_THREADS, DATABASE_URL, LANTU_VAR_DIR, LANTU_ALLOWED_HOSTS.
"""


def wheels(cache_root: Path) -> Path:
    """Return a folder with a wheel of every requirement, built once per requirements.txt."""
    requirements = ROOT / "requirements.txt"
    key = hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]
    key += f"-py{sys.version_info.major}{sys.version_info.minor}"
    folder = cache_root / f"wheels-{key}"
    if (folder / ".complete").exists():
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(partial),
            "-r",
            str(requirements),
        ],
        check=True,
    )
    (partial / ".complete").touch()
    shutil.rmtree(folder, ignore_errors=True)
    partial.replace(folder)
    return folder


def app_files() -> list[str]:
    """Return the source files of the working tree (tracked and new, not ignored) that the app needs."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    names = [name for name in listed.split("\0") if name and not name.startswith(LEFT_OUT)]
    names = [name for name in names if (ROOT / name).is_file()]
    for folder in BUILT:
        names += [path.relative_to(ROOT).as_posix() for path in (ROOT / folder).rglob("*") if path.is_file()]
    names += [path.relative_to(ROOT).as_posix() for path in ROOT.glob("**/LC_MESSAGES/*.mo")]
    return sorted(set(names) - {name for name in names if name.startswith((".venv/", "var/"))})


def build(output: Path, cache_root: Path) -> Path:
    """Write the bundle archive to output."""
    missing = [folder for folder in BUILT if not (ROOT / folder).is_dir()]
    if missing or not list(ROOT.glob("locale/**/*.mo")):
        sys.exit("static/vendor or the compiled translations are missing: run `make setup` first")
    wheel_dir = wheels(cache_root)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory() as staging:
        for name, text, mode in (("install.sh", INSTALL_SH, 0o755), ("README-offline.txt", README, 0o644)):
            path = Path(staging) / name
            path.write_text(text)
            path.chmod(mode)
        # Wheels are compressed already: the fastest gzip level costs little size.
        with tarfile.open(partial, "w:gz", compresslevel=1) as archive:
            for name in ("install.sh", "README-offline.txt"):
                archive.add(Path(staging) / name, f"lantu-bundle/{name}")
            for wheel in sorted(wheel_dir.glob("*.whl")):
                archive.add(wheel, f"lantu-bundle/wheels/{wheel.name}")
            for name in app_files():
                archive.add(ROOT / name, f"lantu-bundle/app/{name}")
    partial.replace(output)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "dist" / "lantu-bundle.tar.gz"))
    parser.add_argument(
        "--cache",
        default=os.environ.get("LANTU_BUNDLE_CACHE", str(ROOT / "var" / "bundle-wheels")),
        help="Folder of the cached wheels (LANTU_BUNDLE_CACHE).",
    )
    args = parser.parse_args()
    path = build(Path(args.output), Path(args.cache))
    print(f"{path} ({path.stat().st_size // 2**20} MiB)")


if __name__ == "__main__":
    main()
