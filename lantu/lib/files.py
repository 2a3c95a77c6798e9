"""Files stored with a row: removed from storage again when the row's transaction fails.

Every service that stores an uploaded file runs in `files_atomic()` (a transaction, usable as a
decorator) and stores through `store_file`; when anything in the transaction fails, the files written
in it are deleted before the error goes on, so a refused or failed write leaves no orphan file.

A process killed inside its transaction (kill -9, power loss) cannot clean up: `files_unreferenced` lists
what such a process left (stored files no row refers to), and `lantu files sweep` removes them.
"""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

_written: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("lantu_files_written", default=None)


@contextmanager
def files_atomic() -> Iterator[None]:
    """Run a transaction whose stored files are deleted again when it fails (nested: the outer one too)."""
    outer = _written.get()
    written: list[tuple[Storage, str]] = []
    token = _written.set(written)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in reversed(written):
            storage.delete(name)
        raise
    finally:
        _written.reset(token)
    if outer is not None:  # kept by this block; still undone if the enclosing one fails
        outer.extend(written)


def store_file(field_file: FieldFile, name: str, content: File) -> str:
    """Write an uploaded file to a FileField's storage inside `files_atomic()`; return its stored name."""
    written = _written.get()
    if written is None:
        raise RuntimeError("store_file is called inside files_atomic(), so that a failure removes the file")
    field_file.save(name, content, save=False)
    stored = str(field_file.name)
    written.append((field_file.storage, stored))
    return stored


def _file_fields() -> Iterator[tuple[type[models.Model], str, Storage | None]]:
    """Yield (model, field name, storage) of every FileField, and the text columns history keeps of them."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field.name, field.storage
        original = getattr(model, "instance_type", None)  # a simple-history model keeps file names as text
        if original is not None:
            for field in original._meta.get_fields():
                if isinstance(field, models.FileField):
                    yield model, field.name, None


def referenced_names() -> set[str]:
    """Return every stored name a FileField row (or its history) refers to."""
    names: set[str] = set()
    for model, name, _storage in _file_fields():
        names.update(
            model._default_manager.exclude(**{name: ""})
            .exclude(**{f"{name}__isnull": True})
            .values_list(name, flat=True)
            .distinct()
        )
    return names


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


@dataclass(frozen=True)
class Orphan:
    """A stored file that no row refers to."""

    storage: Storage
    name: str
    size: int
    modified: datetime


def files_unreferenced(*, now: datetime, grace: timedelta, keep: Collection[str] = ()) -> list[Orphan]:
    """Return the stored files no FileField row refers to, last written more than `grace` before `now`.

    keep: names referred to elsewhere (a queued job's staged upload). A file younger than the grace period
    may belong to a transaction still running, so it is never listed.
    """
    referenced = referenced_names() | set(keep)
    storages = {id(s): s for _model, _name, s in _file_fields() if s is not None}
    found = []
    for storage in storages.values():
        for name in sorted(_walk(storage)):
            if name in referenced:
                continue
            modified = storage.get_modified_time(name)
            if modified > now - grace:
                continue
            found.append(Orphan(storage, name, storage.size(name), modified))
    return found
