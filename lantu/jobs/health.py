"""/healthz: the state of the database, the job worker and the disk, for a load balancer or a monitor."""

import shutil

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lantu.jobs.models import Job, WorkerBeat
from lantu.jobs.services import worker_stale_after


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure of the database is the answer, not a 500
        return {"ok": False, "vendor": connection.vendor, "error": type(exc).__name__}
    return {"ok": True, "vendor": connection.vendor}


def _worker(now) -> dict:
    beat = WorkerBeat.objects.order_by("-seen_at").first()
    if beat is None:
        return {"ok": False, "last_seen": None, "queued": Job.objects.filter(state=Job.State.QUEUED).count()}
    return {
        "ok": now - beat.seen_at <= worker_stale_after(),
        "last_seen": beat.seen_at.isoformat(),
        "seconds_ago": round((now - beat.seen_at).total_seconds()),
        "queued": Job.objects.filter(state=Job.State.QUEUED).count(),
    }


def _disk() -> dict:
    usage = shutil.disk_usage(settings.VAR_DIR)
    free_mb = usage.free // (1024 * 1024)
    return {
        "ok": free_mb >= settings.LANTU_HEALTH_MIN_FREE_MB,
        "free_mb": free_mb,
        "min_free_mb": settings.LANTU_HEALTH_MIN_FREE_MB,
    }


@never_cache
@require_GET
def healthz(request):
    """Answer 200 with each check when all are well, 503 otherwise; no login, no secrets."""
    now = timezone.now()
    database = _database()
    checks = {
        "database": database,
        "worker": _worker(now) if database["ok"] else {"ok": False},
        "disk": _disk(),
    }
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "fail", "time": now.isoformat(), "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
