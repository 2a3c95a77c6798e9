"""The security audit trail (安全审计): records chained by SM3 hashes, their verification and pruning.

Each record's hash is SM3 (GB/T 32905) over the previous record's hash and its own fields, so changing,
inserting or deleting a record breaks the chain from there on; `lantu audit verify` finds the first break.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lantu.orgs.addresses import client_address
from lantu.orgs.models import AuditRecord

GENESIS = "0" * 64
Event = AuditRecord.Event
Result = AuditRecord.Result


def sm3_hex(data: bytes) -> str:
    """Return the SM3 digest of data: OpenSSL's when it has SM3, else gmssl's pure-Python one."""
    try:
        return hashlib.new("sm3", data).hexdigest()
    except ValueError:  # an OpenSSL built without SM3
        from gmssl import func, sm3

        return sm3.sm3_hash(func.bytes_to_list(data))


def record_hash(
    *, previous_hash: str, at: datetime, user_id, username, address, event, result, detail
) -> str:
    """Return the hash of a record's fields chained to the previous record's hash."""
    fields = [previous_hash, at.isoformat(), user_id, username, address, event, result, detail]
    return sm3_hex(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())


def _hash_of(record: AuditRecord) -> str:
    return record_hash(
        previous_hash=record.previous_hash,
        at=record.at,
        user_id=record.user_id,
        username=record.username,
        address=record.address,
        event=record.event,
        result=record.result,
        detail=record.detail,
    )


def audit_record(
    *,
    event: str,
    result: str = Result.SUCCESS,
    now: datetime,
    request=None,
    user=None,
    username: str = "",
    address: str = "",
    detail: str = "",
) -> AuditRecord:
    """Append a record to the audit trail; who and where come from the request unless given."""
    if request is not None:
        request_user = getattr(request, "user", None)
        if user is None and request_user is not None and request_user.is_authenticated:
            user = request_user
        address = address or client_address(request)
    if user is not None and not username:
        username = user.get_username()
    at = now.astimezone(UTC)  # hashed as it reads back from the database
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = AuditRecord.objects.order_by("-id").values_list("hash", flat=True).first()
                record = AuditRecord(
                    at=at,
                    user=user,
                    username=username[:150],
                    address=address[:64],
                    event=event,
                    result=result,
                    detail=detail,
                    previous_hash=last or GENESIS,
                )
                record.hash = _hash_of(record)
                record.save()  # previous_hash is unique: a concurrent append makes this one retry
                return record
        except IntegrityError:
            continue
    raise RuntimeError("could not append to the audit trail after 5 attempts")


@dataclass(frozen=True)
class Break:
    """The first record where the chain does not hold, and why."""

    record_id: int
    reason: str


def audit_verify() -> tuple[int, Break | None]:
    """Check every record's hash and link in order; return how many were checked and the first break."""
    previous: str | None = None
    checked = 0
    for record in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        if previous is not None and record.previous_hash != previous:
            return checked, Break(record.pk, "previous hash does not match the record before it")
        if _hash_of(record) != record.hash:
            return checked, Break(record.pk, "the record's fields do not match its hash")
        previous = record.hash
        checked += 1
    return checked, None


def retention_start(now: datetime) -> datetime:
    """Return the oldest moment the trail must still cover."""
    return now - timedelta(days=settings.LANTU_AUDIT_RETENTION_DAYS)


@transaction.atomic
def audit_prune(*, before: datetime, now: datetime) -> int:
    """Delete records older than `before`, refusing to cut into the retention period; record the cut."""
    if before > retention_start(now):
        raise ValidationError(
            _("Audit records are kept %(days)d days; nothing after %(date)s may be deleted.")
            % {"days": settings.LANTU_AUDIT_RETENTION_DAYS, "date": f"{retention_start(now):%Y-%m-%d}"}
        )
    deleted, _by_model = AuditRecord.objects.filter(at__lt=before).delete()
    if deleted:
        audit_record(
            event=Event.AUDIT,
            now=now,
            username="lantu audit prune",
            detail=f"pruned {deleted} records before {before.isoformat()}",
        )
    return deleted
