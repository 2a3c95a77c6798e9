"""Back up and restore an install: one archive with the database, the uploaded files and a manifest.

The archive (`.tar.gz`) holds `manifest.json`, the database (`database/lantu.sqlite3`, a consistent copy
made with SQLite's backup API while the server runs, or `database/lantu.pgdump`, PostgreSQL's custom
format from `pg_dump`) and `media/` (the uploaded files). The manifest lists every member with its size and
SHA-256; a restore checks them all before it changes anything.
"""

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/lantu.sqlite3"
PG_MEMBER = "database/lantu.pgdump"
# Tables that `migrate` fills by itself: rows there do not make an install non-empty.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission", "django_site"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Restored:
    vendor: str
    tables: int
    files: int
    created_at: str


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_program(name: str) -> str:
    """Return the path of pg_dump or pg_restore: LANTU_PG_BIN, PATH, or the newest Debian server's."""
    folder = os.environ.get("LANTU_PG_BIN")
    if folder:
        return str(Path(folder) / name)
    found = shutil.which(name)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:  # the newest: pg_dump must not be older than the server
        return candidates[0]
    if found:
        return found
    raise BackupError(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client).")


def _postgres_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _dump_database(folder: Path) -> str:
    """Write a consistent copy of the database into folder; return its member name."""
    if connection.vendor == "sqlite":
        target = folder / SQLITE_MEMBER
        target.parent.mkdir(parents=True)
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return SQLITE_MEMBER
    if connection.vendor == "postgresql":
        target = folder / PG_MEMBER
        target.parent.mkdir(parents=True)
        args, env = _postgres_args()
        command = [postgres_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
        result = subprocess.run([*command, "--file", str(target), *args], env=env, capture_output=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.decode(errors='replace').strip()}")
        return PG_MEMBER
    raise BackupError(f"Backing up a {connection.vendor} database is not supported.")


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup_write(*, output: Path, now: datetime) -> dict:
    """Write the archive of the database and the uploaded files to output; return its manifest."""
    output.parent.mkdir(parents=True, exist_ok=True)
    applied = MigrationRecorder(connection).applied_migrations()
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(applied):
        migrations.setdefault(app, []).append(name)
    with tempfile.TemporaryDirectory(prefix="lantu-backup-") as staging:
        folder = Path(staging)
        members = {_dump_database(folder): folder}
        media_root = Path(settings.MEDIA_ROOT)
        files: dict[str, dict] = {}
        for name, base in members.items():
            files[name] = {"size": (base / name).stat().st_size, "sha256": sha256(base / name)}
        for path in _media_files():
            name = "media/" + path.relative_to(media_root).as_posix()
            files[name] = {"size": path.stat().st_size, "sha256": sha256(path)}
        manifest = {
            "format": FORMAT,
            "application": "lantu",
            "created_at": now.isoformat(),
            "vendor": connection.vendor,
            "database": next(iter(members)),
            "migrations": migrations,
            "files": files,
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            manifest_path = folder / MANIFEST
            manifest_path.write_bytes(data)
            archive.add(manifest_path, MANIFEST)
            for name in files:
                source = folder / name if name in members else media_root / name.removeprefix("media/")
                archive.add(source, name)
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def _unpack(archive_path: Path, folder: Path) -> dict:
    """Extract the archive into folder and check every member against the manifest."""
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive_path} is not a readable backup archive: {exc}") from exc
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{archive_path} has no readable {MANIFEST}.") from exc
    if manifest.get("application") != "lantu" or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} is not a Lantu backup of format {FORMAT}.")
    listed = set(manifest["files"])
    present = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()} - {
        MANIFEST
    }
    if present != listed:
        raise BackupError(f"The archive's files differ from its manifest: {sorted(present ^ listed)[:5]}")
    for name, entry in manifest["files"].items():
        if sha256(folder / name) != entry["sha256"]:
            raise BackupError(f"Checksum mismatch for {name}: the archive is damaged.")
    return manifest


def install_is_empty() -> bool:
    """Return whether this install holds no data: no rows beyond what `migrate` writes, no uploaded file."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in MIGRATE_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return not _media_files()


def _restore_sqlite(path: Path) -> None:
    target = connection.settings_dict["NAME"]
    connection.close()
    # The backup API writes the whole database through SQLite itself: WAL and journal stay consistent.
    with sqlite3.connect(path) as source, sqlite3.connect(target) as destination:
        source.backup(destination)
    source.close()
    destination.close()


def _restore_postgres(path: Path) -> None:
    connection.close()
    args, env = _postgres_args()
    command = [postgres_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    command += ["--single-transaction", "--exit-on-error", *args, str(path)]
    result = subprocess.run(command, env=env, capture_output=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.decode(errors='replace').strip()}")


def _restore_media(folder: Path) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    source = folder / "media"
    if not source.is_dir():
        media_root.mkdir(parents=True, exist_ok=True)
        return 0
    shutil.copytree(source, media_root)
    return sum(1 for path in media_root.rglob("*") if path.is_file())


def backup_restore(*, archive: Path, force: bool = False) -> Restored:
    """Bring an archive back into this install; refuse a damaged archive, another database or data here."""
    with tempfile.TemporaryDirectory(prefix="lantu-restore-") as staging:
        folder = Path(staging)
        manifest = _unpack(archive, folder)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"The archive holds a {manifest['vendor']} database; this install uses {connection.vendor}."
            )
        if connection.vendor == "sqlite":  # a new install's var folder may not exist yet
            Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        if not force and not install_is_empty():
            raise BackupError("This install already holds data; restore only into an empty one (or --force).")
        if manifest["vendor"] == "sqlite":
            _restore_sqlite(folder / manifest["database"])
        else:
            _restore_postgres(folder / manifest["database"])
        files = _restore_media(folder)
    with connection.cursor() as cursor:
        tables = len(connection.introspection.table_names(cursor))
    return Restored(vendor=manifest["vendor"], tables=tables, files=files, created_at=manifest["created_at"])
