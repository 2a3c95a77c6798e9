"""Template context: the current actor."""

from lantu.orgs.access import request_actor


def actor(request) -> dict:
    """Expose the request's actor as `actor`."""
    return {"actor": request_actor(request)}
