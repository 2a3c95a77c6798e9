"""Who may see and change what: roles and the unit tree decide.

- administrator: everything;
- planner: everything in the plans of its jurisdiction (a department serves its parent government);
- reporter: edits what its unit, or a unit below it, owns; sees only its own drafts;
- leader: reads everything, edits nothing.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lantu.lib.people import display_name
from lantu.orgs.models import Membership, OrgUnit, Role


@dataclass(frozen=True)
class Actor:
    """A user with the role and unit scope resolved once per request."""

    user_id: int | None
    username: str
    role: str | None
    unit_id: int | None
    scope: frozenset[int] = field(default_factory=frozenset)
    name: str = ""  # the display name pages show (lantu.lib.people), resolved with the role

    @property
    def shown_name(self) -> str:
        """Return the name pages show for the actor: the display name, else the login."""
        return self.name or self.username

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_planner(self) -> bool:
        return self.role == Role.PLANNER

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @property
    def sees_all_drafts(self) -> bool:
        """Return whether the actor reads other units' unapproved data."""
        return self.role in (Role.ADMIN, Role.PLANNER, Role.LEADER)

    def covers(self, unit_id: int | None) -> bool:
        """Return whether a unit is inside the actor's scope."""
        return unit_id is not None and unit_id in self.scope


ANONYMOUS = Actor(user_id=None, username="", role=None, unit_id=None)


def _children_map() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(unit_id)
    return children


def subtree(unit_id: int, children: dict[int | None, list[int]] | None = None) -> frozenset[int]:
    """Return the unit and every unit below it."""
    children = _children_map() if children is None else children
    found, stack = set(), [unit_id]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return frozenset(found)


def jurisdiction(unit: OrgUnit) -> OrgUnit:
    """Return the government a unit serves: a department serves its parent."""
    if unit.kind == OrgUnit.Kind.DEPARTMENT and unit.parent_id is not None:
        return unit.parent
    return unit


def actor_for(user: User | AnonymousUser) -> Actor:
    """Resolve a user's role and scope."""
    if not user.is_authenticated:
        return ANONYMOUS
    membership = Membership.objects.select_related("unit__parent", "user__profile").filter(user=user).first()
    if membership is None:
        alone: str | None = Role.ADMIN if user.is_superuser else None
        return Actor(user.pk, user.get_username(), alone, None, frozenset(), display_name(user))
    role = Role.ADMIN if user.is_superuser else membership.role
    root = jurisdiction(membership.unit) if role == Role.PLANNER else membership.unit
    name = display_name(membership.user)
    return Actor(user.pk, user.get_username(), role, membership.unit_id, subtree(root.pk), name)


def request_actor(request) -> Actor:
    """Return the request's actor, computed once per request."""
    actor = getattr(request, "_lantu_actor", None)
    if actor is None:
        actor = actor_for(request.user)
        request._lantu_actor = actor
    return actor


def can_read(actor: Actor) -> bool:
    """Return whether the actor may read published data at all."""
    return actor.role is not None


def require_reader(actor: Actor) -> None:
    """Refuse an actor without a role in Lantu."""
    if not can_read(actor):
        raise PermissionDenied(_("Your account has no role in Lantu; ask an administrator."))


def can_edit_units(actor: Actor, *unit_ids: int | None) -> bool:
    """Return whether the actor may change an object owned by any of these units."""
    if actor.is_admin:
        return True
    if actor.role not in (Role.PLANNER, Role.REPORTER):
        return False
    return any(actor.covers(unit_id) for unit_id in unit_ids)


def can_edit_project(actor: Actor, *, lead_unit_id: int | None) -> bool:
    """Return whether the actor may change a project and report on it: its lead unit edits it.

    The county a project lies in reads it but does not edit it when another unit leads it (a park's
    project in a county is the park's); the units above the lead unit, its planners and admins may.
    """
    return can_edit_units(actor, lead_unit_id)


def can_edit_plan_structure(actor: Actor, owner_id: int) -> bool:
    """Return whether the actor may change a plan's items, indicators and targets."""
    return actor.is_admin or (actor.is_planner and actor.covers(owner_id))
