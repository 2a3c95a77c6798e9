"""`lantu backup` and `lantu restore`: the demo comes back table by table and file by file."""

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from lantu.lib.backup import backup_write

NOW = datetime(2026, 10, 3, 9, 0, tzinfo=UTC)


def _rows(cursor, tables) -> dict[str, list[tuple]]:
    """Return every row of every table, in a stable order."""
    found = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT * FROM "{table}"')
        found[table] = sorted(cursor.fetchall(), key=repr)
    return found


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def _postgres_rows(url: str, tables) -> dict[str, list[tuple]]:
    """Return the rows of a PostgreSQL database read by plain psycopg (Django's cursor converts JSON)."""
    import psycopg

    with psycopg.connect(url) as db, db.cursor() as cursor:
        return _rows(cursor, tables)


def _original_rows(tables) -> dict[str, list[tuple]]:
    if connection.vendor == "postgresql":
        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        return _postgres_rows(f"{base}/{connection.settings_dict['NAME']}", tables)
    with connection.cursor() as cursor:
        return _rows(cursor, tables)


class EmptyInstall:
    """Another install on this machine: its own var folder, and on PostgreSQL its own empty database."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {**os.environ, "LANTU_VAR_DIR": str(folder), "LANTU_SECRET_KEY": "test"}
        self.database = None
        if connection.vendor == "postgresql":
            self.database = f"lantu_restore_{uuid.uuid4().hex[:10]}"
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.database}"')
            base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
            self.env["DATABASE_URL"] = f"{base}/{self.database}"
        else:
            self.env.pop("DATABASE_URL", None)

    def lantu(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "lantu.cli", *args], env=self.env, capture_output=True, text=True
        )

    def rows(self, tables) -> dict[str, list[tuple]]:
        if self.database is None:
            # Read with Django's column converters, as the original is read.
            detect_types = connection.get_connection_params()["detect_types"]
            with sqlite3.connect(self.folder / "lantu.sqlite3", detect_types=detect_types) as db:
                return _rows(db.cursor(), tables)
        return _postgres_rows(self.env["DATABASE_URL"], tables)

    def drop(self) -> None:
        if self.database:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def empty_install(tmp_path):
    install = EmptyInstall(tmp_path / "restored")
    yield install
    install.drop()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_demo_restored_from_a_backup_has_every_table_and_file(settings, tmp_path, empty_install):
    from lantu.demo.services import demo_load

    settings.DEMO = True
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(now=timezone.now())
    evidence = settings.MEDIA_ROOT / "evidence" / "2026" / "10"
    evidence.mkdir(parents=True)
    (evidence / "现场照片.jpg").write_bytes(bytes(range(256)) * 40)
    (settings.MEDIA_ROOT / "reports").mkdir()
    (settings.MEDIA_ROOT / "reports" / "stocktake.docx").write_bytes(b"PK\x03\x04 docx")
    archive = tmp_path / "backup.tar.gz"

    manifest = backup_write(output=archive, now=NOW)

    assert manifest["vendor"] == connection.vendor
    assert "media/evidence/2026/10/现场照片.jpg" in manifest["files"]
    result = empty_install.lantu("restore", str(archive))
    assert result.returncode == 0, result.stderr
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    original = _original_rows(tables)
    assert sum(len(rows) for rows in original.values()) > 1000  # the demo, not an empty database
    assert empty_install.rows(tables) == original
    assert _files(empty_install.folder / "media") == _files(settings.MEDIA_ROOT)

    again = empty_install.lantu("restore", str(archive))
    assert again.returncode != 0
    assert "already holds data" in again.stderr
    assert empty_install.lantu("restore", "--force", str(archive)).returncode == 0


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_and_changes_nothing(settings, tmp_path, empty_install):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.txt").write_text("原件")
    archive = tmp_path / "backup.tar.gz"
    backup_write(output=archive, now=NOW)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/a.txt":
                data = "改过".encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))

    result = empty_install.lantu("restore", str(damaged))

    assert result.returncode != 0
    assert "Checksum mismatch for media/a.txt" in result.stderr
    assert not (empty_install.folder / "media").exists()
    assert not (empty_install.folder / "lantu.sqlite3").exists()
