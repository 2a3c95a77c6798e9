"""The demo's approvals (前期手续): a catalogue, sample procedures per project, some late, sample codes."""

from datetime import UTC, datetime

import pytest

from lantu.core import project_code
from lantu.demo.services import demo_load
from lantu.orgs.access import Actor
from lantu.orgs.models import Role
from lantu.projects import procedure_selectors
from lantu.projects.models import ProcedureKind, Project, ProjectProcedure

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
ADMIN = Actor(user_id=None, username="admin", role=Role.ADMIN, unit_id=None)


@pytest.mark.django_db
def test_demo_procedures_are_sample_data_with_some_late_and_load_once(settings):
    settings.DEMO = False
    demo_load(now=NOW)
    assert ProcedureKind.objects.filter(code="eia", department__code="ecology").exists()
    procedures = ProjectProcedure.objects.all()
    assert procedures.exists() and not procedures.filter(is_sample=False).exists()
    late = procedure_selectors.late_procedures(on=NOW.date())
    assert late and len({item.procedure.project_id for item in late}) < Project.objects.count()
    blocked = procedure_selectors.blocked_by_kind(actor=ADMIN, on=NOW.date())
    assert any(count.late for count in blocked)
    coded = Project.objects.exclude(national_code=None)
    assert coded.exists()
    for project in coded:
        assert project_code.problem(project.national_code) is None
        assert "national_code" in project.sample_fields
    before = (procedures.count(), coded.count())
    demo_load(now=NOW)
    assert (ProjectProcedure.objects.count(), Project.objects.exclude(national_code=None).count()) == before
