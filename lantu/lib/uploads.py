"""Evidence and document files: which uploads are accepted, for every app that stores them."""

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

EVIDENCE_TYPES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".ofd"})
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def evidence_error(upload: UploadedFile) -> str | None:
    """Return why an evidence file is refused (type or size), or None when it is accepted."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        return _("%(name)s: only PDF, OFD, JPG, PNG, DOCX and XLSX files are accepted.") % {
            "name": upload.name
        }
    if (upload.size or 0) > EVIDENCE_MAX_BYTES:
        return _("%(name)s is larger than %(limit)s MB.") % {
            "name": upload.name,
            "limit": EVIDENCE_MAX_BYTES // (1024 * 1024),
        }
    return None
