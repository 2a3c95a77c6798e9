"""The one review mechanism: submit, approve and return for every reviewable kind.

Indicator values, progress reports, task reports and supervision answers all follow the same cycle:
the owner submits a draft or returned object; a reviewer approves it or returns it with a reason.
The rules live here once: which states allow which step, the reviewer's scope (a planner whose unit
covers the owner; an administrator always), the second-person rule (no one approves or returns what
they entered or submitted, unless `LANTU_REVIEW_ALLOW_SELF` relaxes it for one-person offices), the
timestamps and the version bump. lib sits below every app, so each kind passes in a `Kind` that says
where its owner units, its authors and its fields are; the apps' services call the functions here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from lantu.lib import events

SUBMIT, APPROVE, RETURN = "submit", "approve", "return"


class Reviewer(Protocol):
    """Who acts: the parts of an `orgs.access.Actor` the rules read."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def is_admin(self) -> bool: ...

    @property
    def is_planner(self) -> bool: ...

    def covers(self, unit_id: int | None) -> bool: ...


@dataclass(frozen=True)
class Fields:
    """Where a kind keeps what a step records; None: the kind does not keep it on the object."""

    state: str = "state"
    version: str | None = "version"
    submitted_at: str | None = "submitted_at"
    reviewed_by: str | None = "reviewed_by_id"
    reviewed_at: str | None = "reviewed_at"
    return_reason: str | None = "return_reason"


@dataclass(frozen=True)
class Kind:
    """How one reviewable kind maps onto the review cycle."""

    owners: Callable[[Any], Iterable[int | None]]  # the units that own the object
    authors: Callable[[Any], Iterable[int | None]]  # the users who entered or submitted it
    open_states: tuple[str, ...] = ("draft", "returned")  # it may be submitted from these
    submitted: str = "submitted"
    approved: str = "approved"
    returned: str = "returned"
    fields: Fields = field(default_factory=Fields)
    # Called after a step is applied (before saving), e.g. to supersede the revision it replaces.
    after: Callable[[Any, str, Reviewer, datetime, str], None] | None = None
    # The events announced (lantu.lib.events) when an object is approved or returned, and its page.
    approved_event: str = events.APPROVED
    returned_event: str = events.RETURNED
    url: Callable[[Any], str] | None = None


def allow_self() -> bool:
    """Return whether one person may approve what they entered (the office has one reviewer)."""
    return settings.LANTU_REVIEW_ALLOW_SELF


def scope_denial(actor: Reviewer, kind: Kind, obj: Any) -> str | None:
    """Return why the actor may not review the object (role or scope), or None when it may."""
    if actor.is_admin:
        return None
    if actor.is_planner and any(actor.covers(unit) for unit in kind.owners(obj)):
        return None
    if actor.is_planner:
        return _("This belongs to a unit outside your jurisdiction; its own planning office reviews it.")
    return _("Only the planning office reviews this.")


def self_denial(actor: Reviewer, kind: Kind, obj: Any) -> str | None:
    """Return why the actor may not review what they entered themselves, or None."""
    if allow_self() or actor.user_id is None:
        return None
    if actor.user_id in set(kind.authors(obj)):
        return _("You entered or submitted this yourself; another person must review it.")
    return None


def review_denial(actor: Reviewer, kind: Kind, obj: Any) -> str | None:
    """Return why the actor may not approve or return the object, or None when it may."""
    return scope_denial(actor, kind, obj) or self_denial(actor, kind, obj)


def state_of(kind: Kind, obj: Any) -> str:
    """Return the object's review state."""
    return getattr(obj, kind.fields.state)


def _bump(kind: Kind, obj: Any) -> None:
    if kind.fields.version is not None:
        setattr(obj, kind.fields.version, (getattr(obj, kind.fields.version) or 0) + 1)


def _set(obj: Any, name: str | None, value: object) -> None:
    if name is not None:
        setattr(obj, name, value)


def _finish(kind: Kind, obj: Any, step: str, actor: Reviewer, now: datetime, reason: str = "") -> Any:
    _bump(kind, obj)
    if kind.after is not None:
        kind.after(obj, step, actor, now, reason)
    obj.save()
    if step in (APPROVE, RETURN):
        _announce(kind, obj, step, actor, now, reason)
    return obj


def _announce(kind: Kind, obj: Any, step: str, actor: Reviewer, now: datetime, reason: str) -> None:
    """Tell the owners and authors that their object was approved or returned (with the reason)."""
    events.emit(
        kind=kind.approved_event if step == APPROVE else kind.returned_event,
        obj=obj,
        units=[u for u in kind.owners(obj) if u],
        users=[u for u in kind.authors(obj) if u],
        context={"title": str(obj), "reason": reason, "url": kind.url(obj) if kind.url else ""},
        actor_id=actor.user_id,
        now=now,
    )


def submit(*, actor: Reviewer, kind: Kind, obj: Any, now: datetime) -> Any:
    """Submit a draft or returned object for review; the caller has checked the actor may edit it."""
    if state_of(kind, obj) not in kind.open_states:
        raise ValidationError(_("Only a draft or a returned item can be submitted."))
    setattr(obj, kind.fields.state, kind.submitted)
    _set(obj, kind.fields.submitted_at, now)
    _set(obj, kind.fields.return_reason, "")
    return _finish(kind, obj, SUBMIT, actor, now)


def _reviewable(actor: Reviewer, kind: Kind, obj: Any) -> None:
    denial = review_denial(actor, kind, obj)
    if denial is not None:
        raise PermissionDenied(denial)
    if state_of(kind, obj) != kind.submitted:
        raise ValidationError(_("Only a submitted item can be approved or returned."))


def approve(*, actor: Reviewer, kind: Kind, obj: Any, now: datetime) -> Any:
    """Approve a submitted object: from now on it counts."""
    _reviewable(actor, kind, obj)
    setattr(obj, kind.fields.state, kind.approved)
    _set(obj, kind.fields.reviewed_by, actor.user_id)
    _set(obj, kind.fields.reviewed_at, now)
    _set(obj, kind.fields.return_reason, "")
    return _finish(kind, obj, APPROVE, actor, now)


def return_(*, actor: Reviewer, kind: Kind, obj: Any, reason: str, now: datetime) -> Any:
    """Return a submitted object to its unit with the reason; what was approved before stays in force."""
    _reviewable(actor, kind, obj)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for returning it.")})
    setattr(obj, kind.fields.state, kind.returned)
    _set(obj, kind.fields.reviewed_by, actor.user_id)
    _set(obj, kind.fields.reviewed_at, now)
    _set(obj, kind.fields.return_reason, reason)
    return _finish(kind, obj, RETURN, actor, now, reason)
