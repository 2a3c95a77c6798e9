"""API: the problems ledger (问题清单)."""

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from lantu.lib.schemas import Pages, Text, UnitRef, unit_ref
from lantu.orgs.api import reader
from lantu.orgs.models import OrgUnit
from lantu.problems import selectors as problem_selectors
from lantu.problems.models import Problem

router = Router(tags=["projects"])


class ProblemOut(Schema):
    id: int
    project_id: int
    project_code: str
    report_id: int | None
    title: str
    factor: str
    urgency: str
    state: str
    unit: UnitRef | None
    due_date: date
    raised_at: datetime
    closed_at: datetime | None
    is_sample: bool

    @staticmethod
    def resolve_project_code(obj: Problem) -> str:
        return obj.project.code

    @staticmethod
    def resolve_unit(obj: Problem) -> UnitRef | None:
        return unit_ref(obj.unit)


@router.get("/problems", response=list[ProblemOut], summary="List problems")
@paginate(Pages)
def list_problems(request, state: Text | None = None, factor: Text | None = None, unit: Text | None = None):
    """Filter by state (or `active`: not solved), factor and the unit asked to solve (code)."""
    actor = reader(request)
    unit_id = None
    if unit:
        found = OrgUnit.objects.filter(code=unit).first()
        if found is None:
            raise HttpError(404, _("Unknown unit."))
        unit_id = found.pk
    return problem_selectors.problem_list(
        actor=actor, state=state or "", factor=factor or "", unit_id=unit_id
    )
