"""The dispatch summary card of the dashboard: completion, review queue and open problems."""

from decimal import Decimal

from django import template
from django.db import connection
from django.utils import timezone

from lantu.orgs.access import request_actor
from lantu.projects import calc
from lantu.projects.models import AnnualPlan, Problem, ProgressReport, ReportingPeriod

register = template.Library()


def _summary_sql() -> str:
    periods, plans = ReportingPeriod._meta.db_table, AnnualPlan._meta.db_table
    reports, problems = ProgressReport._meta.db_table, Problem._meta.db_table
    latest = f"(SELECT MAX(period) FROM {periods} WHERE deadline < %s)"
    year = f"CAST(SUBSTR({latest}, 1, 4) AS INTEGER)"
    approved = (
        f"FROM {reports} WHERE period = {latest} AND state = 'approved' AND superseded = %s"
        f" AND project_id IN (SELECT project_id FROM {plans} WHERE year = {year})"
    )
    return (
        f"SELECT {latest}, (SELECT SUM(planned_investment) FROM {plans} WHERE year = {year}),"
        f" (SELECT COUNT(*) FROM {plans} WHERE year = {year}),"
        f" (SELECT SUM(cumulative_investment) {approved}), (SELECT COUNT(*) {approved}),"
        f" (SELECT COUNT(*) FROM {reports} WHERE state = 'submitted'),"
        f" (SELECT COUNT(*) FROM {problems} WHERE state <> 'solved')"
    )


@register.inclusion_tag("projects/dispatch/_summary.html", takes_context=True)
def dispatch_summary(context) -> dict:
    """Return the latest month's dispatch figures for the dashboard card, in a single query."""
    actor = request_actor(context["request"])
    if actor.role is None:
        return {"shown": False}
    today = timezone.localdate()
    # One query: the dashboard keeps a fixed, small number of queries.
    with connection.cursor() as cursor:
        approved = [today, False, today]
        cursor.execute(_summary_sql(), [today, today, today, *approved, *approved])
        period, planned, expected, completed, reported, queue, problems = cursor.fetchone()
    if period is None:
        return {"shown": True, "period": None}
    planned, completed = Decimal(planned or 0), Decimal(completed or 0)
    completion = calc.Completion(planned, completed, calc.year_share(period))
    return {
        "shown": True,
        "period": period,
        "completion": completion,
        "reported": reported,
        "expected": expected,
        "queue": queue,
        "problems": problems,
    }
