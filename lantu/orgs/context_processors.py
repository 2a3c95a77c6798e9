"""Template context: the current actor."""

from lantu.orgs.access import request_actor
from lantu.orgs.middleware import FACTS


def actor(request) -> dict:
    """Expose the request's actor as `actor` and the user's administrative duty as `duty`."""
    facts = request.session.get(FACTS) if hasattr(request, "session") else None
    return {"actor": request_actor(request), "duty": facts["duty"] if facts else None}
