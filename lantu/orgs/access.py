"""Who may see and change what: roles and the unit tree decide.

- administrator: everything;
- planner: everything in the plans of its jurisdiction (a department serves its parent government);
- reporter: edits what its unit, or a unit below it, owns; sees only its own drafts;
- leader: reads everything, edits nothing.

Several prefectures may share one install under a region unit. Everyone but an administrator then
reads only its own prefecture's plans, projects and reports (its *realm*: the subtree of the nearest
prefecture or region at or above its unit); a unit of the region reads every prefecture. Without a
prefecture or region above the unit, or when that unit is the tree's only root (a single-prefecture
install, or the region itself), the realm is everything (`realm` None: nothing is filtered).
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
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
    # The units whose plans and projects the actor may read at all; None: every unit.
    realm: frozenset[int] | None = None
    # The region whose prefectures the actor compares (a unit of the region, or an administrator).
    region_id: int | None = None
    name: str = ""  # the display name pages show (lantu.lib.people), resolved with the role
    # The scope holds every unit of the install (a prefecture's planner in a one-prefecture install):
    # figures of the scope need no condition on units at all (`projects.figures.actor_units`).
    everywhere: bool = False

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
    return _unit_tree()[1]


def unit_children() -> dict[int | None, list[int]]:
    """Return each unit's children (None: the roots), for several `subtree` calls with one query."""
    return _children_map()


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


def subtrees(unit_ids: list[int]) -> dict[int, frozenset[int]]:
    """Return each unit's subtree (the unit and every unit below it), reading the unit tree once."""
    children = _children_map()
    return {unit_id: subtree(unit_id, children) for unit_id in unit_ids}


# Kinds of unit whose subtree is a realm of its own (see the module's docstring).
REALM_KINDS = (OrgUnit.Kind.PREFECTURE, OrgUnit.Kind.REGION)
# The fields that place a project in units: where it is, the park it is in, who leads it.
PROJECT_UNIT_FIELDS = ("county_id", "park_id", "lead_unit_id")


def realm_root(unit_id: int, units: dict[int, tuple[int | None, str]]) -> int | None:
    """Return the nearest prefecture or region at or above a unit, or None when there is none.

    `units` maps each unit to its (parent, kind).
    """
    current: int | None = unit_id
    seen: set[int] = set()
    while current is not None and current not in seen:
        seen.add(current)
        parent_id, kind = units[current]
        if kind in REALM_KINDS:
            return current
        current = parent_id
    return None


def _unit_tree() -> tuple[dict[int, tuple[int | None, str]], dict[int | None, list[int]]]:
    units: dict[int, tuple[int | None, str]] = {}
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id, kind in OrgUnit.objects.values_list("id", "parent_id", "kind"):
        units[unit_id] = (parent_id, kind)
        children.setdefault(parent_id, []).append(unit_id)
    return units, children


def in_realm(actor: "Actor", *fields: str) -> Q:
    """Return the condition "one of these unit fields lies in the actor's realm" (everything for None)."""
    if actor.realm is None:
        return Q()
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__in": actor.realm})
    return condition


def project_in_realm(actor: "Actor", prefix: str = "") -> Q:
    """Return the condition on projects (or `prefix`-ed relations to them) the actor may read."""
    return in_realm(actor, *(prefix + name for name in PROJECT_UNIT_FIELDS))


def plan_in_realm(actor: "Actor", prefix: str = "") -> Q:
    """Return the condition on plans (or `prefix`-ed relations to them) the actor may read: by owner."""
    return in_realm(actor, f"{prefix}owner_id")


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
    if membership is None and not user.is_superuser:
        return Actor(user.pk, user.get_username(), None, None, frozenset(), name=display_name(user))
    units, children = _unit_tree()
    if membership is None:
        region = _a_region(units)
        return Actor(
            user.pk, user.get_username(), Role.ADMIN, None, frozenset(), None, region, display_name(user)
        )
    role = Role.ADMIN if user.is_superuser else membership.role
    root = jurisdiction(membership.unit) if role == Role.PLANNER else membership.unit
    realm = region = None
    if role == Role.ADMIN:
        region = _a_region(units)
    elif (realm_unit := realm_root(membership.unit_id, units)) is not None:
        # The only root of the tree reads everything: no condition at all (queries keep their plans).
        realm = None if children.get(None) == [realm_unit] else subtree(realm_unit, children)
        region = realm_unit if units[realm_unit][1] == OrgUnit.Kind.REGION else None
    name = display_name(membership.user)
    scope = subtree(root.pk, children)
    return Actor(
        user.pk,
        user.get_username(),
        role,
        membership.unit_id,
        scope,
        realm,
        region,
        name,
        everywhere=len(scope) == len(units),
    )


def _a_region(units: dict[int, tuple[int | None, str]]) -> int | None:
    """Return the topmost region of the install, for an administrator (None when there is none)."""
    regions = [unit_id for unit_id, (parent_id, kind) in units.items() if kind == OrgUnit.Kind.REGION]
    tops = [unit_id for unit_id in regions if units[unit_id][0] is None]
    return min(tops or regions, default=None)


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
