"""Files stored with a row: removed from storage again when the row's transaction fails.

Every service that stores an uploaded file runs in `files_atomic()` (a transaction, usable as a
decorator) and stores through `store_file`; when anything in the transaction fails, the files written
in it are deleted before the error goes on, so a refused or failed write leaves no orphan file.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
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
