"""How late an order is, for the templates that show orders."""

from datetime import date

from django import template

from lantu.supervision import selectors

register = template.Library()


@register.filter
def days_overdue(order, today: date) -> int:
    """Return how many days the unit's answer is late (0 when it is not)."""
    return selectors.order_days_overdue(order, on=today)
