"""The client's address: REMOTE_ADDR, or X-Forwarded-For when the request came through a trusted proxy."""

from django.conf import settings


def client_address(request) -> str:
    """Return the address a request came from, believing X-Forwarded-For only from trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    trusted = set(settings.LANTU_TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # The rightmost hop that is not one of our proxies is the client; anything left of it can be forged.
    for hop in reversed(hops):
        if hop not in trusted:
            return hop[:64]
    return remote
