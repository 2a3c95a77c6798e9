"""The demo loader: that it is idempotent, who it lets in, and what its command and summary say."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from lantu.demo import projects as project_facts
from lantu.demo.services import demo_load
from lantu.demo.users import DEMO_PASSWORD
from lantu.dispatch.models import ProgressReport
from lantu.indicators.models import Indicator, Observation
from lantu.orgs.models import DutyAssignment, Membership, OrgUnit, Role
from lantu.plans.models import Cluster, Plan, PlanItem
from lantu.projects.models import AnnualPlan, Project
from lantu.sources.models import SourceDocument

NOW = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)
CITED_MODELS = (OrgUnit, Cluster, Plan, PlanItem, Indicator, Observation, Project, AnnualPlan, ProgressReport)
ALL_MODELS = (SourceDocument, *CITED_MODELS, Membership)


def _snapshot() -> dict[str, list[dict]]:
    snap = {m.__name__: list(m.objects.order_by("pk").values()) for m in ALL_MODELS}
    snap["PlanItem.clusters"] = sorted(
        PlanItem.clusters.through.objects.values_list("planitem_id", "cluster_id")
    )
    snap["Indicator.items"] = sorted(
        Indicator.items.through.objects.values_list("indicator_id", "planitem_id")
    )
    snap["Project.items"] = sorted(Project.items.through.objects.values_list("project_id", "planitem_id"))
    return snap


@pytest.mark.django_db
def test_loading_twice_changes_nothing(settings) -> None:
    settings.DEMO = True
    demo_load(now=NOW)
    first = _snapshot()
    history = PlanItem.history.count() + ProgressReport.history.count()
    summary = demo_load(now=NOW)
    assert _snapshot() == first
    assert PlanItem.history.count() + ProgressReport.history.count() == history
    assert summary.counts["projects"] == Project.objects.count()


@pytest.mark.django_db
def test_demo_users_with_demo_setting(settings) -> None:
    settings.DEMO = True
    summary = demo_load(now=NOW)
    assert summary.users == (
        "admin",
        "planner",
        "industry",
        "mulei",
        "leader",
        "sysadmin",
        "secadmin",
        "auditor",
    )
    roles = {
        m.user.username: (m.unit.code, m.role) for m in Membership.objects.select_related("user", "unit")
    }
    assert roles == {
        "admin": ("changji", Role.ADMIN),
        "planner": ("drc", Role.PLANNER),
        "industry": ("industry", Role.REPORTER),
        "mulei": ("mulei", Role.REPORTER),
        "leader": ("changji", Role.LEADER),
    }
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert not User.objects.get(username="leader").is_superuser
    demo_load(now=NOW)
    assert User.objects.count() == 8 and Membership.objects.count() == 5
    duties = dict(DutyAssignment.objects.values_list("user__username", "duty"))
    assert duties == {"sysadmin": "system", "secadmin": "security", "auditor": "audit"}


@pytest.mark.django_db
def test_command_prints_counts_and_users(settings, capsys) -> None:
    settings.DEMO = False
    call_command("load_demo")
    out = capsys.readouterr().out
    assert f"{len(project_facts.PROJECTS)} projects" in out and "No users were created" in out
    settings.DEMO = True
    call_command("load_demo")
    assert "Demo users (password lantu-demo): admin" in capsys.readouterr().out


@pytest.mark.django_db
def test_summary_counts_the_aligned_plans_shares_contributions_and_orders() -> None:
    from lantu.plans.models import Alignment, Plan
    from lantu.projects.models import Contribution
    from lantu.supervision.models import SupervisionOrder

    counts = demo_load(now=NOW).counts
    assert counts["plans"] == Plan.objects.count() > 2  # the special and county plans count too
    assert counts["indicators"] == Indicator.objects.count()
    assert counts["of them target shares"] == Indicator.objects.filter(split_of__isnull=False).count() == 7
    assert counts["project contributions"] == Contribution.objects.count() > 0
    assert counts["plan alignments"] == Alignment.objects.count() > 0
    assert counts["supervision orders"] == SupervisionOrder.objects.count() > 0
