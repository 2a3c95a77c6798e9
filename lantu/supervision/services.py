"""Writes for supervision orders (督办): issue, respond, close (销号), return and escalate."""

from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantu.core import overdue
from lantu.dispatch.tasks import evidence_error
from lantu.lib import events, review
from lantu.lib.files import files_atomic, store_file
from lantu.orgs.access import Actor
from lantu.orgs.models import OrgUnit
from lantu.plans.models import PlanItem
from lantu.problems.models import Problem
from lantu.problems.services import procedure_late_text
from lantu.projects.models import Project, ProjectProcedure
from lantu.supervision import selectors
from lantu.supervision.models import SupervisionOrder, SupervisionStep

State = SupervisionOrder.State
Kind = SupervisionStep.Kind


TITLE_MAX = SupervisionOrder._meta.get_field("title").max_length


def _subject_units(item: PlanItem | None, project: Project | None, problem: Problem | None) -> set[int]:
    """Return the units a subject belongs to: whoever leads or hosts it."""
    if item is not None:
        return {item.lead_unit_id or item.plan.owner_id}
    if project is not None:
        return {project.lead_unit_id, project.county_id}
    return {problem.unit_id, problem.project.lead_unit_id, problem.project.county_id}


def issue_denial(*, actor: Actor, unit: OrgUnit | None = None) -> str | None:
    """Return why the actor may not issue an order (to the unit), or None when it may."""
    if actor.is_admin:
        return None
    if not actor.is_planner:
        return _("Only the planning office issues supervision orders.")
    if unit is not None and not actor.covers(unit.pk):
        return _("%(unit)s is outside your jurisdiction.") % {"unit": unit.label}
    return None


def _respond_permission(actor: Actor, order: SupervisionOrder) -> str | None:
    if actor.is_admin or (actor.is_reporter and actor.covers(order.unit_id)):
        return None
    return _("Only %(unit)s answers this supervision order.") % {"unit": order.unit.label}


def _respond_state(order: SupervisionOrder) -> str | None:
    if order.awaits_unit:
        return None
    return _("This supervision order is %(state)s and waits for no answer.") % {
        "state": order.get_state_display()
    }


def respond_denial(*, actor: Actor, order: SupervisionOrder) -> str | None:
    """Return why the actor may not answer the order now, or None when it may."""
    return _respond_permission(actor, order) or _respond_state(order)


def _order_owners(order: SupervisionOrder) -> list[int | None]:
    return [order.unit_id]


def _order_authors(order: SupervisionOrder) -> list[int | None]:
    """Return who answered the order: they do not also accept their own answer."""
    return list(order.steps.filter(kind=Kind.RESPOND).values_list("actor_id", flat=True))


def _closed(order: SupervisionOrder, step: str, actor, now: datetime, reason: str) -> None:
    if step == review.APPROVE:
        order.closed_by_id, order.closed_at = actor.user_id, now
        order.closed_on_time = not overdue.is_overdue(order.deadline, on=timezone.localdate(now))


# An answer is submitted (responded), then accepted and closed (销号) or sent back (returned).
SUPERVISION_ANSWER = review.Kind(
    owners=_order_owners,
    authors=_order_authors,
    open_states=(State.ISSUED, State.RETURNED),
    submitted=State.RESPONDED,
    approved=State.CLOSED,
    returned=State.RETURNED,
    fields=review.Fields(
        version=None, submitted_at="responded_at", reviewed_by=None, reviewed_at=None, return_reason=None
    ),
    after=_closed,
    returned_event=events.ORDER_SENT_BACK,
    url=lambda order: reverse("supervision:detail", args=[order.pk]),
)


def _review_permission(actor: Actor, order: SupervisionOrder) -> str | None:
    return review.review_denial(actor, SUPERVISION_ANSWER, order)


def _review_state(order: SupervisionOrder) -> str | None:
    if order.state == State.RESPONDED:
        return None
    return _("Only an answered supervision order can be closed or sent back.")


def review_denial(*, actor: Actor, order: SupervisionOrder) -> str | None:
    """Return why the actor may not close or return the order now, or None when it may."""
    return _review_permission(actor, order) or _review_state(order)


def _lock(order: SupervisionOrder) -> None:
    """Lock the order's row and reload it, so that two decisions on one order cannot cross."""
    SupervisionOrder.objects.select_for_update().filter(pk=order.pk).values_list("pk").first()
    order.refresh_from_db()


def _check(permission: str | None, state: str | None) -> None:
    if permission is not None:
        raise PermissionDenied(permission)
    if state is not None:
        raise ValidationError(state)


def _step(order: SupervisionOrder, kind: str, actor: Actor | None, now: datetime, text: str = ""):
    step = SupervisionStep.objects.create(
        order=order, kind=kind, actor_id=actor.user_id if actor else None, at=now, text=text
    )
    _announce(order, kind, actor, now)
    return step


def _announce(order: SupervisionOrder, kind: str, actor: Actor | None, now: datetime) -> None:
    """Tell the people concerned: the unit of an issued or overdue order, the issuer of an answer."""
    context = {
        "title": order.title,
        "deadline": order.deadline.isoformat(),
        "unit": order.escalated_to.label if order.escalated_to else "",
        "url": reverse("supervision:detail", args=[order.pk]),
    }
    actor_id = actor.user_id if actor else None
    if kind == Kind.ISSUE:
        events.emit(
            kind=events.ORDER_ISSUED,
            obj=order,
            units=[order.unit_id],
            context=context,
            actor_id=actor_id,
            now=now,
        )
    elif kind == Kind.RESPOND:
        users = [order.issued_by_id] if order.issued_by_id else []
        events.emit(
            kind=events.ORDER_ANSWERED, obj=order, users=users, context=context, actor_id=actor_id, now=now
        )
    elif kind == Kind.ESCALATE:
        events.emit(kind=events.ORDER_OVERDUE, obj=order, units=[order.unit_id], context=context, now=now)
        users = [order.issued_by_id] if order.issued_by_id else []
        units = [order.escalated_to_id] if order.escalated_to_id else []
        events.emit(
            kind=events.ORDER_ESCALATED, obj=order, units=units, users=users, context=context, now=now
        )


@transaction.atomic
def order_issue(
    *,
    actor: Actor,
    unit: OrgUnit,
    title: str,
    requirement: str,
    deadline: date,
    now: datetime,
    item: PlanItem | None = None,
    project: Project | None = None,
    problem: Problem | None = None,
) -> SupervisionOrder:
    """Issue a supervision order on one subject to a unit, with a deadline and the response required."""
    denial = issue_denial(actor=actor, unit=unit)
    if denial is not None:
        raise PermissionDenied(denial)
    errors = {}
    if sum(subject is not None for subject in (item, project, problem)) != 1:
        errors["subject"] = _("A supervision order is about exactly one task, project or problem.")
    elif not actor.is_admin and not any(actor.covers(u) for u in _subject_units(item, project, problem)):
        raise PermissionDenied(_("The task, project or problem is outside your jurisdiction."))
    if not title.strip():
        errors["title"] = _("Give the order a title.")
    elif len(title.strip()) > TITLE_MAX:
        errors["title"] = _("The title may have at most %(n)s characters.") % {"n": TITLE_MAX}
    if not requirement.strip():
        errors["requirement"] = _("Say what the unit must do and report.")
    if deadline < timezone.localdate(now):
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    order = SupervisionOrder.objects.create(
        item=item,
        project=project,
        problem=problem,
        title=title.strip(),
        unit=unit,
        requirement=requirement.strip(),
        deadline=deadline,
        issued_by_id=actor.user_id,
        issued_at=now,
    )
    _step(order, Kind.ISSUE, actor, now, order.requirement)
    return order


@transaction.atomic
def order_from_procedure(
    *, actor: Actor, procedure: ProjectProcedure, deadline: date, now: datetime
) -> SupervisionOrder:
    """Issue a supervision order on a late procedure's project to the department that grants it (超时督办)."""
    title, text = procedure_late_text(procedure, timezone.localdate(now))
    requirement = (
        text + "\n" + _("Grant it or report what stands in the way, with the date it will be granted.")
    )
    return order_issue(
        actor=actor,
        unit=procedure.department,
        title=title[:TITLE_MAX],
        requirement=requirement,
        deadline=deadline,
        now=now,
        project=procedure.project,
    )


@files_atomic()
def order_respond(
    *, actor: Actor, order: SupervisionOrder, text: str, now: datetime, evidence: UploadedFile | None = None
) -> SupervisionStep:
    """Record the unit's answer, with an optional evidence file kept through the default storage."""
    _lock(order)
    _check(_respond_permission(actor, order), _respond_state(order))
    if not text.strip():
        raise ValidationError({"text": _("Say what has been done.")})
    if evidence is not None:
        error = evidence_error(evidence)
        if error is not None:
            raise ValidationError({"evidence": error})
    step = SupervisionStep(order=order, kind=Kind.RESPOND, actor_id=actor.user_id, at=now, text=text.strip())
    if evidence is not None:
        name = PurePath(evidence.name).name
        step.evidence_name, step.evidence_size = name[:200], evidence.size
        store_file(step.evidence, name, evidence)
    step.save()
    review.submit(actor=actor, kind=SUPERVISION_ANSWER, obj=order, now=now)
    _announce(order, Kind.RESPOND, actor, now)
    return step


@transaction.atomic
def order_close(*, actor: Actor, order: SupervisionOrder, now: datetime, text: str = "") -> SupervisionOrder:
    """Accept the unit's answer and close the order (销号); on time when closed by the deadline."""
    _lock(order)
    _check(_review_permission(actor, order), _review_state(order))
    review.approve(actor=actor, kind=SUPERVISION_ANSWER, obj=order, now=now)
    _step(order, Kind.CLOSE, actor, now, text.strip())
    return order


@transaction.atomic
def order_return(
    *, actor: Actor, order: SupervisionOrder, reason: str, now: datetime, deadline: date | None = None
) -> SupervisionOrder:
    """Send the answer back to the unit with a reason, optionally with a new deadline."""
    _lock(order)
    _check(_review_permission(actor, order), _review_state(order))
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Say why the answer is sent back.")
    if deadline is not None and deadline < timezone.localdate(now):
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    text = reason.strip()
    if deadline is not None and deadline != order.deadline:
        text += "\n" + _("New deadline: %(date)s") % {"date": deadline.isoformat()}
        order.deadline = deadline
    review.return_(actor=actor, kind=SUPERVISION_ANSWER, obj=order, reason=reason, now=now)
    _step(order, Kind.RETURN, actor, now, text)
    return order


@transaction.atomic
def orders_escalate(*, now: datetime) -> list[SupervisionOrder]:
    """Escalate every order the unit left unanswered past its deadline one level, once; return them."""
    due = (
        SupervisionOrder.objects.select_for_update(of=("self",))
        .select_related("unit__parent")
        .filter(selectors.overdue_q(now), level=SupervisionOrder.Level.UNIT)
        .order_by("pk")
    )
    escalated = []
    for order in due:
        order.level, order.escalated_at = SupervisionOrder.Level.PARENT, now
        order.escalated_to = order.unit.parent
        order.save()
        # The timeline words the step from the order (deadline, escalated_to) in the reader's language.
        _step(order, Kind.ESCALATE, None, now)
        escalated.append(order)
    return escalated
