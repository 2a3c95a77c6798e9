"""Reads of generated reports and of the choices of the report form, with the access rules applied.

Everyone with a role may generate reports for a unit inside their scope and read the reports whose
unit is inside it: planners for their government's tree, reporters and leaders for their own unit's
tree, administrators for every unit. A report holds approved data only, so generating one reveals no
other unit's drafts; a leader may generate because a report is a reading, not a change to the data.
"""

from django.db.models import Max, QuerySet
from django.shortcuts import get_object_or_404

from lantu.orgs.access import Actor, require_reader
from lantu.orgs.models import OrgUnit
from lantu.plans.models import Plan
from lantu.reports.models import GeneratedReport, IssuedDocument

LIST_SIZE = 50


def may_generate_for(actor: Actor, unit: OrgUnit) -> bool:
    """Return whether the actor may generate a report for a unit's scope."""
    return actor.role is not None and (actor.is_admin or actor.covers(unit.pk))


def may_issue(actor: Actor) -> bool:
    """Return whether the actor may issue documents: planners and administrators (leaders only read)."""
    return actor.is_admin or actor.is_planner


def scope_units(*, actor: Actor) -> QuerySet[OrgUnit]:
    """Return the units whose scope the actor may generate reports for."""
    require_reader(actor)
    units = OrgUnit.objects.order_by("order", "code")
    return units if actor.is_admin else units.filter(pk__in=actor.scope)


def default_unit(*, actor: Actor) -> OrgUnit | None:
    """Return the unit the form proposes: the top of the actor's scope."""
    units = list(scope_units(actor=actor))
    inside = {unit.pk for unit in units}
    return next((unit for unit in units if unit.parent_id not in inside), None)


def plan_choices(*, actor: Actor) -> QuerySet[Plan]:
    """Return the plans a report can be generated on."""
    require_reader(actor)
    return Plan.objects.order_by("order", "start_year", "code")


def visible_reports(*, actor: Actor) -> QuerySet[GeneratedReport]:
    """Return the generated reports the actor may see and download, newest first."""
    require_reader(actor)
    reports = GeneratedReport.objects.select_related("plan", "unit", "created_by", "issued")
    return reports if actor.is_admin else reports.filter(unit_id__in=actor.scope)


def report_list(*, actor: Actor) -> list[GeneratedReport]:
    """Return the latest generated reports the actor may see."""
    return list(visible_reports(actor=actor)[:LIST_SIZE])


def report_get(*, actor: Actor, pk: int) -> GeneratedReport:
    """Return a generated report the actor may see, or raise Http404."""
    return get_object_or_404(visible_reports(actor=actor), pk=pk)


def next_number(*, office: OrgUnit, year: int) -> int:
    """Return the next free document number of an office in a year (numbers run per year from 1)."""
    last = IssuedDocument.objects.filter(office=office, year=year).aggregate(Max("number"))["number__max"]
    return (last or 0) + 1


def issued_documents(*, actor: Actor) -> QuerySet[IssuedDocument]:
    """Return the issued documents whose draft the actor may see, by kind, newest year and number first."""
    drafts = visible_reports(actor=actor)
    return IssuedDocument.objects.filter(draft__in=drafts).select_related("draft", "office", "issued_by")


def issued_by_kind_and_year(*, actor: Actor) -> list[tuple[str, int, list[IssuedDocument]]]:
    """Return the issued documents the actor may see by kind and year: (kind label, year, documents)."""
    groups: dict[tuple[str, int], list[IssuedDocument]] = {}
    for document in issued_documents(actor=actor):
        groups.setdefault((document.get_kind_display(), document.year), []).append(document)
    return [(kind, year, documents) for (kind, year), documents in groups.items()]


def issued_get(*, actor: Actor, pk: int) -> IssuedDocument:
    """Return an issued document the actor may see, or raise Http404."""
    return get_object_or_404(issued_documents(actor=actor), pk=pk)
