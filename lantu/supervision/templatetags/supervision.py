"""Supervision panels other pages include: the orders on a subject, and how late an order is."""

from datetime import date

from django import template
from django.utils import timezone

from lantu.orgs.access import request_actor
from lantu.plans.models import PlanItem
from lantu.problems.models import Problem
from lantu.projects.models import Project
from lantu.supervision import selectors, services

register = template.Library()


@register.filter
def days_overdue(order, today: date) -> int:
    """Return how many days the unit's answer is late (0 when it is not)."""
    return selectors.order_days_overdue(order, on=today)


@register.inclusion_tag("supervision/_panel.html", takes_context=True)
def supervision_panel(context, subject) -> dict:
    """Return the orders on a task, project or problem, and the 督办 button for the office."""
    actor = request_actor(context["request"])
    key = {PlanItem: "item", Project: "project", Problem: "problem"}[type(subject)]
    orders = selectors.subject_orders(actor=actor, **{f"{key}_id": subject.pk})
    return {
        "orders": orders,
        "key": key,
        "subject": subject,
        "today": timezone.localdate(),
        "can_issue": services.issue_denial(actor=actor) is None,
    }
