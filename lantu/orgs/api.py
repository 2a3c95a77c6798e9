"""Access checks for every app's API endpoints: the same rules as the pages."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lantu.orgs.access import Actor, can_read, request_actor


def reader(request) -> Actor:
    """Return the request's actor, refusing users without a role."""
    actor = request_actor(request)
    if not can_read(actor):
        raise PermissionDenied(_("Your account has no role in Lantu; ask an administrator."))
    return actor
