"""Reads for the page of one project: the progress reports on it and its years with the report in force."""

from dataclasses import dataclass
from decimal import Decimal

from lantu.dispatch.figures import reports_in_force
from lantu.dispatch.models import ProgressReport
from lantu.orgs.access import Actor, require_reader
from lantu.projects.models import AnnualPlan, Project


def project_reports(*, actor: Actor, project: Project) -> list[ProgressReport]:
    """Return the project's progress reports the actor may read, latest period first.

    Readers outside the project's units see approved reports only; the project's own units, planners,
    leaders and administrators also see drafts, submissions and returned reports.
    """
    require_reader(actor)
    reports = ProgressReport.objects.filter(project=project).select_related("entered_by")
    if not (actor.sees_all_drafts or actor.covers(project.county_id) or actor.covers(project.lead_unit_id)):
        reports = reports.filter(state=ProgressReport.State.APPROVED)
    return list(reports.order_by("-period"))


@dataclass(frozen=True)
class AnnualRow:
    """One year of a project's plan with the latest report in force of that year."""

    plan: AnnualPlan
    report: ProgressReport | None

    @property
    def completed(self) -> Decimal | None:
        """Return the investment completed in the year to date, per the latest report."""
        return self.report.cumulative_investment if self.report else None

    @property
    def share(self) -> Decimal | None:
        """Return the completed share of the year's planned investment, in percent."""
        if self.completed is None or not self.plan.planned_investment:
            return None
        return self.completed / self.plan.planned_investment * 100


def project_annual_rows(*, actor: Actor, project: Project) -> list[AnnualRow]:
    """Return the project's annual plans, each with the latest report in force in its year.

    A draft, submitted or returned correction never displaces the approved figure (`reports_in_force`).
    """
    require_reader(actor)
    latest: dict[int, ProgressReport] = {}
    for report in reports_in_force().filter(project=project).order_by("period"):
        year = report.period[:4]
        if year.isdigit():
            latest[int(year)] = report  # the latest month of the year wins
    return [
        AnnualRow(plan=annual, report=latest.get(annual.year))
        for annual in AnnualPlan.objects.filter(project=project).order_by("year")
    ]
