"""Months in URLs: one converter and one query helper, both on `core.periods.month_in_reach`.

A month that does not exist (2026-13) or lies in the future is no page: 404, in the path or in `?period=`.
"""

from typing import overload

from django.http import Http404, HttpRequest
from django.urls import register_converter
from django.utils import timezone

from lantu.core.periods import month_in_reach, next_month


class MonthConverter:
    """`<month:period>`: a month label such as 2026-09 that exists and has begun."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return month_in_reach(value, timezone.localdate())  # ValueError: the URL does not match (404)

    def to_url(self, value: str) -> str:
        return value


register_converter(MonthConverter, "month")


@overload
def month_param(request: HttpRequest, default: str, name: str = "period") -> str: ...
@overload
def month_param(request: HttpRequest, default: None, name: str = "period") -> str | None: ...
def month_param(request: HttpRequest, default: str | None, name: str = "period") -> str | None:
    """Return the month of a query parameter, `default` when it is absent; 404 for a bad or future month."""
    value = request.GET.get(name) or ""
    if not value:
        return default
    try:
        return month_in_reach(value, timezone.localdate())
    except ValueError:
        raise Http404 from None


def month_ahead(label: str) -> str | None:
    """Return the month after a label, or None when it lies in the future (no link to a 404)."""
    following = next_month(label)
    try:
        return month_in_reach(following, timezone.localdate())
    except ValueError:
        return None
